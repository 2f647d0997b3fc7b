/* read.h -- the document readers shared by `dyad code` and `dyad ingest`.
 *
 * read_path() opens a file (or standard input for "-"), tells its kind
 * (plain text, JSON Lines, TABARI records, PETRARCH XML, HTML pages;
 * --input), and hands each usable document to a callback.  What cannot be used (a missing file,
 * a binary file, a malformed JSON line, a document over the size cap, a bad
 * record) is named on stderr with file and line, counted in
 * doc_reader.skipped and passed over; the reader never codes or stores. */
#ifndef DYAD_CLI_READ_H
#define DYAD_CLI_READ_H

#include <stddef.h>

/* One document as read. */
typedef struct doc_item {
  const char *where; /* "file" or "file:line", for messages */
  int in_record;     /* from a JSON line or a record (where names its line) */
  size_t line;       /* the line where it starts; 0 for a whole file */
  const char *text;
  size_t len;
  const char *id;     /* the document's own id, or NULL */
  const char *date;   /* YYYY-MM-DD (its own or --date), or NULL */
  const char *title;  /* JSON Lines "title", an HTML page's title, or NULL */
  const char *url;    /* JSON Lines "url", an HTML page's URL (also its
                         id), or NULL */
  const char *source; /* JSON Lines "source", an HTML page's site name, or
                         NULL */
  int replaced;       /* the text has invalid UTF-8 or NUL bytes (named on
                         stderr; the library replaces them) */
} doc_item;

typedef struct doc_reader {
  /* Set by the caller. */
  const char *input; /* "auto", "text", "jsonl", "tabari", "petrarch",
                        "html" */
  const char *date;  /* date of documents without one, or NULL */
  size_t max_doc;    /* documents over this many bytes are skipped */
  unsigned long long max_unz; /* cap on a .gz/.zst input's bytes (0: the
                                 default of input_file.h) */
  void *ctx;
  void (*doc)(void *ctx, const doc_item *d);
  /* Counted by the reader. */
  size_t skipped;  /* inputs skipped (each named on stderr) */
  size_t empty;    /* empty plain-text files (named; not an error) */
  int internal_error; /* out of memory */
  unsigned long long bytes_done; /* bytes of the inputs read to their end,
                                    as stored (compressed bytes of .gz/.zst) */
  struct input_file *current;    /* the input being read, or NULL */
} doc_reader;

/* Reads one path ("-": standard input; .gz and .zst decompressed) and
 * hands its documents to r->doc. */
void read_path(doc_reader *r, const char *path);

/* The same for a path that may be a directory: walked (input_walk of
 * input_file.h: sorted, hidden entries left out, unknown kinds named and
 * counted as skipped). */
void read_walk(doc_reader *r, const char *path);

/* The bytes of the inputs read so far, as stored: those read to their end
 * and the current one's offset (input_file_offset). */
unsigned long long read_bytes_read(const doc_reader *r);

/* The total size of the inputs a read_walk of each path would read:
 * regular files, directories walked as read_walk walks them.  Returns 0
 * with *total set, or -1 when some input's size cannot be known before it
 * is read (standard input, a pipe, a special file). */
int read_total_bytes(char *const *paths, int n, unsigned long long *total);

/* Is d a real calendar date written YYYY-MM-DD? */
int read_valid_date(const char *d);

#endif

/* input.h -- record readers of the `dyad` command: TABARI text records
 * (input_tabari.c) and PETRARCH XML (input_petrarch.c).
 *
 * A reader turns a stream into records and hands each one to a sink's
 * callback; it never codes, writes or prints.  `dyad code` (code.c) codes
 * the records and reports the bad ones; `dyad validate` can use the same
 * readers and compare what it codes with what each record expects:
 *
 *   - TABARI: input_record.comment holds the text of the record's
 *     comment blocks, the parts between the two-character markers slash-star
 *     and star-slash (expected codings such as "{ ARN / GON / 064 } 950101",
 *     "{---}", "{ OPTION: SET: ... }"), verbatim, several blocks joined by a
 *     newline.  The reader does not interpret them.
 *   - PETRARCH: input_record.codings lists the sentence's <EventCoding>
 *     elements (sourcecode, targetcode, eventcode, noevents, error), and
 *     input_record.skip says the sentence carries a <Skip> element.
 *
 * Everything a record points to is valid only during the callback. */
#ifndef DYAD_CLI_INPUT_H
#define DYAD_CLI_INPUT_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* A byte source: bytes already read from the stream (prefix, e.g. while
 * detecting the format), then the rest of the stream. */
typedef struct input_src {
  FILE *f;
  const char *pre;
  size_t pre_len, pre_pos;
} input_src;

/* Reads up to n bytes: the prefix first, then the stream.  Returns the
 * number read; 0 at the end or on a read error (ferror(src->f)). */
static inline size_t input_src_read(input_src *s, char *buf, size_t n) {
  if (s->pre_pos < s->pre_len) {
    size_t k = s->pre_len - s->pre_pos;
    if (k > n)
      k = n;
    memcpy(buf, s->pre + s->pre_pos, k);
    s->pre_pos += k;
    return k;
  }
  return s->f ? fread(buf, 1, n, s->f) : 0;
}

/* One expected coding of a PETRARCH sentence: an <EventCoding> element's
 * attributes, NULL when absent.  noevents="True" means the sentence should
 * code no event; error="..." names the input error PETRARCH expects. */
typedef struct input_coding {
  const char *source;   /* sourcecode */
  const char *target;   /* targetcode */
  const char *event;    /* eventcode */
  const char *noevents; /* noevents */
  const char *error;    /* error */
} input_coding;

/* One record (a TABARI record or a PETRARCH <Sentence>). */
typedef struct input_record {
  const char *file;    /* the stream's name, for messages */
  size_t line;         /* 1-based line where the record starts */
  const char *where;   /* "file:line" */
  const char *id;      /* the record's id, or NULL */
  const char *date;    /* YYYY-MM-DD, or NULL */
  const char *text;    /* the text to code (comments and <Parse> left out) */
  size_t len;
  const char *note;    /* a remark on a usable record (e.g. how an odd date
                          was read), or NULL */
  const char *comment; /* TABARI: comment-block text, or NULL */
  size_t comment_len;
  const input_coding *codings; /* PETRARCH: <EventCoding> elements */
  size_t n_codings;
  const char *category; /* PETRARCH: category attribute, or NULL */
  int skip;             /* PETRARCH: the sentence holds a <Skip> element */
} input_record;

/* Where records go.  record() gets every usable record; bad() gets each
 * record (or stretch of input) that cannot be used, with a reason such as
 * "no date line" -- bad->where names file and line, the other fields are
 * whatever was read, possibly NULL.  The reader goes on after bad() when the
 * format allows it (TABARI: always; XML: until a fatal well-formedness
 * error, after which the rest of the stream is reported once and dropped). */
typedef struct input_sink {
  void *ctx;
  void (*record)(void *ctx, const input_record *rec);
  void (*bad)(void *ctx, const input_record *rec, const char *why);
  size_t max_doc; /* records with more text bytes go to bad(); 0: 64 MiB */
} input_sink;

/* Reads TABARI text records from src (named name in messages): a header
 * line "YYMMDD ID" (or "YYYYMMDD ID"; a '*' may stand for the blank), the
 * text lines, a blank line.  Comment blocks are left out of the text and
 * kept in input_record.comment; a block left open ends with its record.
 * Lines starting with '#' between records are comments.  Two-digit years:
 * 50-99 are 19YY, 00-49 are 20YY.  Returns 0, or -1 on a read error (also
 * reported through bad()). */
int input_read_tabari(const char *name, input_src *src, const input_sink *s);

/* Reads PETRARCH XML from src with libxml2's streaming reader: each
 * <Sentence date="YYYYMMDD" id="..."> with its <Text> becomes a record;
 * <Parse> and comments are ignored; <EventCoding> elements become
 * input_record.codings.  External entities and DTDs are never loaded.
 * Returns 0, or -1 when the XML is malformed or unreadable (reported
 * through bad()). */
int input_read_petrarch(const char *name, input_src *src, const input_sink *s);

/* Is the line (n bytes, no newline) a TABARI record header: six or eight
 * digits, then a blank, a tab or '*'? */
int input_tabari_header(const char *line, size_t n);

/* Turns a date of 6 (YYMMDD) or 8 (YYYYMMDD) digits into YYYY-MM-DD in
 * out[11]; 1 when it is a real calendar date, else 0. */
int input_date_digits(const char *d, size_t n, char out[11]);

#endif

/* read.c -- the document readers shared by `dyad code` and `dyad ingest`
 * (read.h): plain-text files, JSON Lines documents, and TABARI records,
 * PETRARCH XML and HTML pages through input_tabari.c, input_petrarch.c and
 * input_html.c; files opened, decompressed and directories walked by
 * input_file.c.
 *
 * Bad input never stops the run: a missing file, a binary file, a malformed
 * JSON line or a document over the size cap is named on stderr (file and
 * line), counted and skipped; the other documents are still read. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "input.h"
#include "input_file.h"
#include "input_html.h"
#include "read.h"

/* ===== Helpers ===== */

/* Is d a real calendar date written YYYY-MM-DD? */
int read_valid_date(const char *d) {
  if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
      return 0;
  int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
          (d[3] - '0');
  int m = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1)
    return 0;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= mdays[m - 1] + (m == 2 && leap);
}

/* The 1-based line of the first invalid UTF-8 sequence or NUL byte, or 0. */
static size_t first_bad_line(const char *s, size_t n, int *is_nul) {
  size_t line = 1, i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') {
      line++;
      i++;
      continue;
    }
    if (c == 0) {
      *is_nul = 1;
      return line;
    }
    if (c < 0x80) {
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (k < 0) {
      *is_nul = 0;
      return line;
    }
    i += (size_t)k;
  }
  return 0;
}

/* A file is binary when its first 8 KiB have many NUL or control bytes. */
static int looks_binary(const char *s, size_t n) {
  size_t m = n < 8192 ? n : 8192, bad = 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' &&
                   c != '\f'))
      bad++;
  }
  return m > 0 && bad * 10 > m;
}

/* Hands one document to the caller, after naming invalid bytes in it. */
static void give(doc_reader *r, doc_item *d) {
  int is_nul = 0;
  size_t bad = first_bad_line(d->text, d->len, &is_nul);
  if (bad && d->in_record)
    /* A JSON Lines document or a record: its line in the file names it. */
    fprintf(stderr, "dyad: %s: %s in the text (replaced; the document is "
                    "still coded)\n",
            d->where, is_nul ? "NUL byte" : "invalid UTF-8");
  else if (bad)
    fprintf(stderr, "dyad: %s:%zu: %s (replaced; the document is still "
                    "coded)\n",
            d->where, bad, is_nul ? "NUL byte" : "invalid UTF-8");
  d->replaced = bad != 0;
  r->doc(r->ctx, d);
}

/* Reads a whole stream (after the bytes already peeked) into memory, up to
 * cap bytes. */
static char *slurp(input_src *src, size_t cap, size_t *len, int *too_big) {
  errno = 0;
  size_t n = 0, c = 1 << 16;
  char *buf = malloc(c);
  *too_big = 0;
  if (!buf)
    return NULL;
  for (;;) {
    if (n == c) {
      if (c > cap) {
        *too_big = 1;
        free(buf);
        return NULL;
      }
      char *nb = realloc(buf, c * 2);
      if (!nb) {
        free(buf);
        return NULL;
      }
      buf = nb;
      c *= 2;
    }
    size_t k = input_src_read(src, buf + n, c - n);
    n += k;
    if (k == 0)
      break;
  }
  if (ferror(src->f)) {
    int e = errno ? errno : EIO;
    free(buf);
    errno = e;
    return NULL;
  }
  *len = n;
  return buf;
}

/* ===== JSON Lines ===== */

/* A JSON member as a string: a string as is, NULL otherwise. */
static const char *member_str(json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static void read_json_line(doc_reader *r, const char *name, size_t lineno,
                           const char *s, size_t n) {
  char where[1100];
  snprintf(where, sizeof where, "%s:%zu", name, lineno);
  json_error_t err;
  json_t *obj = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
                          &err);
  if (!obj || !json_is_object(obj)) {
    fprintf(stderr, "dyad: %s: malformed JSON (%s); line skipped\n", where,
            obj ? "not an object" : err.text);
    json_decref(obj);
    r->skipped++;
    return;
  }
  json_t *text = json_object_get(obj, "text");
  json_t *jdate = json_object_get(obj, "date");
  if (!json_is_string(text)) {
    fprintf(stderr, "dyad: %s: no \"text\" string; line skipped\n", where);
    json_decref(obj);
    r->skipped++;
    return;
  }
  char idbuf[64];
  const char *id = NULL;
  json_t *jid = json_object_get(obj, "id");
  if (json_is_string(jid))
    id = json_string_value(jid);
  else if (json_is_integer(jid)) {
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(jid));
    id = idbuf;
  }
  const char *date = r->date;
  char dbuf[11];
  if (json_is_string(jdate)) {
    /* "2023-02-01" or an ISO time stamp "2023-02-01T10:00:00Z". */
    const char *jd = json_string_value(jdate);
    size_t jl = strlen(jd);
    if (jl >= 10 && (jl == 10 || jd[10] == 'T' || jd[10] == ' ')) {
      memcpy(dbuf, jd, 10);
      dbuf[10] = '\0';
    } else {
      dbuf[0] = '\0';
    }
    if (read_valid_date(dbuf)) {
      date = dbuf;
    } else {
      fprintf(stderr, "dyad: %s: \"date\" is not a date YYYY-MM-DD; the "
                      "document is coded %s\n",
              where, r->date ? "with --date" : "undated");
      date = r->date;
    }
  }
  doc_item d = {where, 1, lineno, json_string_value(text),
                json_string_length(text), id, date,
                member_str(obj, "title"), member_str(obj, "url"),
                member_str(obj, "source"), 0};
  give(r, &d);
  json_decref(obj);
}

/* Reads one line (its '\n' read, not kept) of f into *buf (capacity *cap), keeping
 * at most limit bytes: the rest of a longer line is read and dropped, so a
 * line with no end (a decompression bomb, a huge file) never takes more
 * memory than the limit.  *len gets the line's full length.  Returns 0,
 * -1 at the end of input with nothing read, or -2 when out of memory. */
static int read_line(FILE *f, char **buf, size_t *cap, size_t limit,
                     size_t *len) {
  size_t n = 0;
  int c = EOF;
  while ((c = getc_unlocked(f)) != EOF && c != '\n') {
    if (n < limit) {
      if (n + 1 >= *cap) {
        size_t nc = *cap ? *cap * 2 : 4096;
        char *nb = realloc(*buf, nc);
        if (!nb)
          return -2;
        *buf = nb;
        *cap = nc;
      }
      (*buf)[n] = (char)c;
    }
    n++;
  }
  *len = n;
  return n == 0 && c == EOF ? -1 : 0;
}

/* Reads JSON Lines one line at a time, so memory stays bounded by the
 * line cap (--max-doc-bytes + 4 KiB); lines over it are read through,
 * skipped and named. */
static void read_jsonl_stream(doc_reader *r, const char *name, FILE *f) {
  char *line = NULL;
  size_t cap = 0, lineno = 0, n = 0;
  size_t limit = r->max_doc + 4096;
  int got;
  while ((got = read_line(f, &line, &cap, limit + 1, &n)) == 0) {
    lineno++;
    if (n > limit + 1) {
      fprintf(stderr, "dyad: %s:%zu: line of %zu bytes is over the limit; "
                      "skipped\n",
              name, lineno, n);
      r->skipped++;
      continue;
    }
    size_t len = n;
    while (len && line[len - 1] == '\r')
      len--;
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t'))
      k++;
    if (k == len)
      continue;
    if (len > limit) {
      fprintf(stderr, "dyad: %s:%zu: line of %zu bytes is over the limit; "
                      "skipped\n",
              name, lineno, len);
      r->skipped++;
      continue;
    }
    read_json_line(r, name, lineno, line, len);
  }
  if (got == -2) {
    fprintf(stderr, "dyad: %s:%zu: out of memory; the rest of the file "
                    "skipped\n",
            name, lineno + 1);
    r->internal_error = 1;
    r->skipped++;
  }
  free(line);
}

/* ===== TABARI records and PETRARCH XML (input_*.c) ===== */

/* A reader's record: a document named by its file:line; no date means
 * --date. */
static void on_record(void *ctx, const input_record *rec) {
  doc_reader *r = ctx;
  if (rec->note)
    fprintf(stderr, "dyad: %s: %s\n", rec->where, rec->note);
  doc_item d = {rec->where, 1, rec->line, rec->text, rec->len, rec->id,
                rec->date ? rec->date : r->date, NULL, NULL, NULL, 0};
  give(r, &d);
}

/* A reader's bad record: named, counted, skipped. */
static void on_bad(void *ctx, const input_record *rec, const char *why) {
  doc_reader *r = ctx;
  fprintf(stderr, "dyad: %s: %s\n", rec->where, why);
  r->skipped++;
}

/* ===== HTML pages (input_html.c) ===== */

/* Reads one HTML page: its article text is the document, its URL the id
 * (none: the file names it), its publication date the date (none:
 * --date), its title and site name go with it.  A page the reader cannot
 * use is named and counted; a page cut short by a read error is left to
 * the caller, which names the fault. */
static void read_html(doc_reader *r, const char *name, input_src *src,
                      input_file *in) {
  size_t len = 0;
  int too_big = 0;
  char *page = slurp(src, r->max_doc, &len, &too_big);
  if (!page && input_file_error(in))
    return; /* named by read_path */
  if (!page) {
    fprintf(stderr, "dyad: %s: %s; skipped\n", name,
            too_big ? "HTML page over the size limit (--max-doc-bytes)"
                    : strerror(errno ? errno : ENOMEM));
    r->skipped++;
    return;
  }
  input_html h;
  int rc = input_html_read(page, len, r->max_doc, &h);
  free(page);
  if (rc != INPUT_HTML_OK) {
    /* Binary data is named by its first line, as for other inputs. */
    fprintf(stderr, "dyad: %s%s: %s; skipped\n", name,
            rc == INPUT_HTML_BINARY ? ":1" : "", input_html_strerror(rc));
    if (rc == INPUT_HTML_NOMEM)
      r->internal_error = 1;
    r->skipped++;
    input_html_free(&h);
    return;
  }
  if (h.note)
    fprintf(stderr, "dyad: %s: %s\n", name, h.note);
  if (!h.date && !r->date)
    fprintf(stderr, "dyad: %s: no publication date in the page; coded "
                    "undated (--date sets one)\n",
            name);
  /* No URL: the file names the document, as a plain-text file.  (The
   * text is UTF-8 from libxml2, so give() never names a line of it.) */
  doc_item d = {name,   0,       0,      h.text,  h.text_len, h.url,
                h.date ? h.date : r->date, h.title, h.url,    h.source, 0};
  give(r, &d);
  input_html_free(&h);
}

/* ===== Files ===== */

static int is_jsonl_name(const char *p) {
  size_t n = strlen(p);
  return (n > 6 && !strcmp(p + n - 6, ".jsonl")) ||
         (n > 7 && !strcmp(p + n - 7, ".ndjson"));
}

static int is_xml_name(const char *p) {
  size_t n = strlen(p);
  return n > 4 && !strcmp(p + n - 4, ".xml");
}

static int is_html_name(const char *p) {
  size_t n = strlen(p);
  return (n > 5 && !strcasecmp(p + n - 5, ".html")) ||
         (n > 4 && !strcasecmp(p + n - 4, ".htm"));
}

/* Bytes read after a first '<' to tell HTML from PETRARCH XML. */
#define SNIFF_MAX 8192

#define PEEK_MAX 65536

/* Tells the kind of a stream from its first bytes (--input auto): a first
 * non-blank '{' is JSON Lines, '<' an HTML page when the first tag is
 * "<!DOCTYPE html", "<html", "<head" or "<body" (input_html_sniff), else
 * PETRARCH XML, a first line "YYMMDD ID"
 * (after any '#' comment lines) TABARI records, anything else text.  The
 * bytes read to decide are left in pre[] for the reader (a pipe cannot be
 * rewound); leading blanks are kept for TABARI and XML, whose messages
 * name lines, and dropped for text (*pre_start: where the text starts), as
 * before.  For JSON Lines the one byte read goes back with ungetc and
 * *pre_len is 0. */
static const char *detect_kind(FILE *f, char *pre, size_t *pre_len,
                               size_t *pre_start) {
  *pre_len = *pre_start = 0;
  int c;
  while ((c = getc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t')
    if (*pre_len < PEEK_MAX / 2)
      pre[(*pre_len)++] = (char)c;
  *pre_start = *pre_len;
  if (c == EOF)
    return "text";
  if (c == '{') {
    ungetc(c, f);
    *pre_len = *pre_start = 0;
    return "jsonl";
  }
  pre[(*pre_len)++] = (char)c;
  if (c == '<') {
    while (*pre_len - *pre_start < SNIFF_MAX && (c = getc(f)) != EOF)
      pre[(*pre_len)++] = (char)c;
    return input_html_sniff(pre + *pre_start, *pre_len - *pre_start)
               ? "html"
               : "petrarch";
  }
  if (!(c >= '0' && c <= '9') && c != '#')
    return "text";
  /* Read whole lines: '#' comment lines and blank lines are passed over,
   * the first other line decides. */
  size_t line_start = *pre_start;
  for (;;) {
    while (*pre_len < PEEK_MAX && c != '\n' && c != EOF) {
      c = getc(f);
      if (c != EOF)
        pre[(*pre_len)++] = (char)c;
    }
    if (*pre_len >= PEEK_MAX)
      return "text";
    const char *ln = pre + line_start;
    size_t n = *pre_len - line_start;
    while (n && (ln[n - 1] == '\n' || ln[n - 1] == '\r'))
      n--;
    size_t k = 0;
    while (k < n && (ln[k] == ' ' || ln[k] == '\t'))
      k++;
    if (k < n && ln[0] != '#') {
      char date[11];
      size_t d = 0;
      while (d < n && ln[d] >= '0' && ln[d] <= '9')
        d++;
      /* A header: six or eight digits of a real date, then an id. */
      return input_tabari_header(ln, n) && d < n &&
                     input_date_digits(ln, d, date)
                 ? "tabari"
                 : "text";
    }
    if (c == EOF)
      return "text";
    line_start = *pre_len;
    c = 0;
  }
}

/* Reads one input: a file, '-', or a .gz/.zst of either (input_file.c),
 * its kind told by --input, its name (*.jsonl, *.ndjson, *.xml, *.html,
 * *.htm) or its
 * first bytes; a plain-text file is one document (read whole, up to
 * r->max_doc bytes), the other kinds give one document per line or
 * record.  A stream that turns out corrupt, truncated or over
 * --max-decompressed is named and counted once its readable part is read. */
void read_path(doc_reader *r, const char *path) {
  int is_stdin = !strcmp(path, "-");
  char why[256];
  input_file *in = input_file_open(path, r->max_unz, why, sizeof why);
  if (!in) {
    fprintf(stderr, "dyad: %s: %s; skipped\n", path, why);
    r->skipped++;
    return;
  }
  r->current = in;
  FILE *f = input_file_stream(in);
  const char *name = input_file_name(in);
  const char *inner = input_file_inner_name(in);
  const char *kind = r->input;
  if (!strcmp(kind, "auto") && !is_stdin && is_jsonl_name(inner))
    kind = "jsonl";
  if (!strcmp(kind, "auto") && !is_stdin && is_xml_name(inner))
    kind = "petrarch";
  if (!strcmp(kind, "auto") && !is_stdin && is_html_name(inner))
    kind = "html";
  char *pre = NULL;
  size_t pre_len = 0, pre_start = 0;
  if (!strcmp(kind, "auto")) {
    pre = malloc(PEEK_MAX);
    if (!pre) {
      fprintf(stderr, "dyad: %s: out of memory; skipped\n", name);
      r->internal_error = 1;
      r->skipped++;
      r->current = NULL;
      input_file_close(in);
      return;
    }
    kind = detect_kind(f, pre, &pre_len, &pre_start);
  }
  input_src src = {f, pre, pre_len, 0};
  if (!strcmp(kind, "text"))
    src.pre_pos = pre_start;
  input_sink sink = {r, on_record, on_bad, r->max_doc};
  if (!strcmp(kind, "jsonl")) {
    read_jsonl_stream(r, name, f);
  } else if (!strcmp(kind, "tabari")) {
    input_read_tabari(name, &src, &sink);
  } else if (!strcmp(kind, "petrarch")) {
    input_read_petrarch(name, &src, &sink);
  } else if (!strcmp(kind, "html")) {
    read_html(r, name, &src, in);
  } else {
    size_t len = 0;
    int too_big = 0;
    char *text = slurp(&src, r->max_doc, &len, &too_big);
    if (!text && input_file_error(in)) {
      /* named below */
    } else if (!text) {
      fprintf(stderr, "dyad: %s: %s; skipped\n", name,
              too_big ? "document over the size limit (--max-doc-bytes)"
                      : strerror(errno ? errno : ENOMEM));
      r->skipped++;
    } else if (len == 0) {
      fprintf(stderr, "dyad: %s: empty file; nothing to code\n", name);
      r->empty++;
      free(text);
    } else if (looks_binary(text, len)) {
      fprintf(stderr, "dyad: %s:1: binary file (not text); skipped\n", name);
      r->skipped++;
      free(text);
    } else {
      doc_item d = {name, 0, 0, text, len, NULL, r->date,
                    NULL, NULL, NULL, 0};
      give(r, &d);
      free(text);
    }
  }
  const char *fault = input_file_error(in);
  if (fault) {
    /* The TABARI and PETRARCH readers have named and counted the read
     * error already; this says why. */
    fprintf(stderr, "dyad: %s: %s; the rest of the file skipped\n", name,
            fault);
    if (strcmp(kind, "tabari") && strcmp(kind, "petrarch"))
      r->skipped++;
  }
  free(pre);
  r->bytes_done += input_file_offset(in);
  r->current = NULL;
  input_file_close(in);
}

unsigned long long read_bytes_read(const doc_reader *r) {
  return r->bytes_done + input_file_offset(r->current);
}

/* read_total_bytes' walker: sums the sizes of regular files. */
typedef struct sizes {
  unsigned long long total;
  int unknown;
} sizes;

static void size_file(void *ctx, const char *path) {
  sizes *z = ctx;
  struct stat st;
  if (!strcmp(path, "-") || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    z->unknown = 1;
  else
    z->total += (unsigned long long)st.st_size;
}

static void size_skip(void *ctx, const char *path, const char *why) {
  (void)ctx;
  (void)path;
  (void)why;
}

int read_total_bytes(char *const *paths, int n, unsigned long long *total) {
  sizes z = {0, 0};
  input_walker walker = {&z, size_file, size_skip};
  for (int i = 0; i < n && !z.unknown; i++)
    input_walk(paths[i], &walker);
  *total = z.total;
  return z.unknown ? -1 : 0;
}

/* input_walk's callbacks: each file found is read, each passed over is
 * named and counted. */
static void walk_file(void *ctx, const char *path) { read_path(ctx, path); }

static void walk_skip(void *ctx, const char *path, const char *why) {
  doc_reader *r = ctx;
  fprintf(stderr, "dyad: %s: %s; skipped\n", path, why);
  r->skipped++;
}

void read_walk(doc_reader *r, const char *path) {
  input_walker walker = {r, walk_file, walk_skip};
  if (input_walk(path, &walker) == 0)
    fprintf(stderr, "dyad: %s: no input files in the directory\n", path);
}

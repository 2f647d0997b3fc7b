/* input_tabari.c -- reads TABARI text records (see input.h).
 *
 * A record is a header line "YYMMDD ID" (TABARI's YYYY mode: "YYYYMMDD ID";
 * TABARI.Demo.text also writes "950101*INTRO"), then the text lines, then a
 * blank line.  Comment blocks between slash-star and star-slash may start
 * anywhere in a text line and run over several lines; they are left out of
 * the text and kept, verbatim, for a validator (input_record.comment).  A
 * block still open at the record's blank line ends there (Validate.text has
 * such records).  Between records, lines starting with '#' are comments.
 *
 * The reader streams: it holds one record and one line at a time, each
 * capped near max_doc bytes; a longer record is reported and skipped. */
#include <stdlib.h>
#include <string.h>

#include "input.h"

#define DEFAULT_MAX_DOC ((size_t)64 << 20)
#define CHUNK 65536

/* ===== Dates ===== */

/* The value of n decimal digits at s. */
static int digits_value(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

/* Writes y-m-d as YYYY-MM-DD into out[11] when it is a real calendar date
 * (years 1000-9999); returns 1, else 0. */
static int put_date(int y, int m, int d, char out[11]) {
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
    return 0;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[m - 1] + (m == 2 && leap))
    return 0;
  int v[8] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10,
              m / 10,   m % 10,       d / 10,      d % 10};
  static const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int i = 0; i < 8; i++)
    out[at[i]] = (char)('0' + v[i]);
  out[4] = out[7] = '-';
  out[10] = '\0';
  return 1;
}

/* YYMMDD (pivot: 50-99 are 19YY, 00-49 are 20YY) or YYYYMMDD. */
int input_date_digits(const char *d, size_t n, char out[11]) {
  for (size_t i = 0; i < n; i++)
    if (d[i] < '0' || d[i] > '9')
      return 0;
  if (n == 6) {
    int yy = digits_value(d, 2);
    return put_date(yy >= 50 ? 1900 + yy : 2000 + yy, digits_value(d + 2, 2),
                    digits_value(d + 4, 2), out);
  }
  if (n == 8)
    return put_date(digits_value(d, 4), digits_value(d + 4, 2),
                    digits_value(d + 6, 2), out);
  return 0;
}

/* The number of leading decimal digits of s[0..n). */
static size_t digit_run(const char *s, size_t n) {
  size_t k = 0;
  while (k < n && s[k] >= '0' && s[k] <= '9')
    k++;
  return k;
}

int input_tabari_header(const char *line, size_t n) {
  size_t k = digit_run(line, n);
  if (k < 6)
    return 0;
  return k == n || line[k] == ' ' || line[k] == '\t' || line[k] == '*';
}

/* ===== Growing buffers, capped ===== */

typedef struct buf {
  char *p;
  size_t len, cap;
} buf;

/* Appends n bytes unless that would pass max; returns 0, or -1 when the
 * cap is reached (nothing appended) or memory runs out (*nomem set). */
static int buf_add(buf *b, const char *s, size_t n, size_t max, int *nomem) {
  if (b->len + n > max)
    return -1;
  if (b->len + n + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 256;
    while (c < b->len + n + 1)
      c *= 2;
    char *np = realloc(b->p, c);
    if (!np) {
      *nomem = 1;
      return -1;
    }
    b->p = np;
    b->cap = c;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

/* ===== Lines ===== */

/* A line reader over an input_src: lines of at most max bytes are kept
 * whole; longer ones are read to their end, kept cut and flagged. */
typedef struct lines {
  input_src *src;
  char chunk[CHUNK];
  size_t pos, end;
  int eof;
  buf line;
  size_t max;
  int overlong, nomem;
  size_t lineno;
} lines;

/* Refills the chunk; 0 at the end of the input. */
static int fill(lines *L) {
  if (L->eof)
    return 0;
  L->pos = 0;
  L->end = input_src_read(L->src, L->chunk, sizeof L->chunk);
  if (L->end == 0)
    L->eof = 1;
  return L->end > 0;
}

/* Reads the next line without its newline (and a '\r' before it); 1 when
 * there was one, 0 at the end of the input. */
static int next_line(lines *L) {
  L->line.len = 0;
  if (L->line.p)
    L->line.p[0] = '\0';
  L->overlong = 0;
  int any = 0;
  for (;;) {
    if (L->pos == L->end && !fill(L))
      break;
    any = 1;
    char *s = L->chunk + L->pos;
    size_t avail = L->end - L->pos;
    char *nl = memchr(s, '\n', avail);
    size_t take = nl ? (size_t)(nl - s) : avail;
    if (!L->overlong && buf_add(&L->line, s, take, L->max, &L->nomem) != 0)
      L->overlong = 1;
    L->pos += take + (nl != NULL);
    if (nl)
      break;
  }
  if (!any)
    return 0;
  L->lineno++;
  if (L->line.len && L->line.p[L->line.len - 1] == '\r')
    L->line.p[--L->line.len] = '\0';
  return 1;
}

static int is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
        s[i] != '\v')
      return 0;
  return 1;
}

/* Do the first bytes look like binary data rather than text records? */
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

/* ===== Records ===== */

typedef struct rec_state {
  const char *name;
  const input_sink *sink;
  size_t max;
  size_t line;         /* header line */
  char where[1100];
  char id[256];
  int has_id;
  char date[11];
  int has_date;
  char note[160];
  char why[200];       /* set when the record cannot be used */
  buf text, comment;
  int in_comment;
  int too_big, nomem;
} rec_state;

/* Adds the text and comment parts of one record line. */
static void add_line(rec_state *R, const char *s, size_t n) {
  size_t i = 0;
  int text_started = 0;
  while (i <= n) {
    if (R->in_comment) {
      const char *e = NULL;
      for (size_t j = i; j + 1 < n; j++)
        if (s[j] == '*' && s[j + 1] == '/') {
          e = s + j;
          break;
        }
      size_t k = e ? (size_t)(e - (s + i)) : n - i;
      if (buf_add(&R->comment, s + i, k, R->max, &R->nomem) != 0 ||
          (!e && buf_add(&R->comment, "\n", 1, R->max, &R->nomem) != 0))
        R->too_big = 1;
      if (!e)
        break;
      R->in_comment = 0;
      i += k + 2;
    } else {
      const char *b = NULL;
      for (size_t j = i; j + 1 < n; j++)
        if (s[j] == '/' && s[j + 1] == '*') {
          b = s + j;
          break;
        }
      size_t k = b ? (size_t)(b - (s + i)) : n - i;
      if (!is_blank(s + i, k)) {
        if (text_started && buf_add(&R->text, " ", 1, R->max, &R->nomem))
          R->too_big = 1;
        if (buf_add(&R->text, s + i, k, R->max, &R->nomem) != 0)
          R->too_big = 1;
        text_started = 1;
      }
      if (!b)
        break;
      R->in_comment = 1;
      if (R->comment.len &&
          buf_add(&R->comment, "\n", 1, R->max, &R->nomem) != 0)
        R->too_big = 1;
      i += k + 2;
    }
  }
  if (text_started && buf_add(&R->text, "\n", 1, R->max, &R->nomem) != 0)
    R->too_big = 1;
}

/* Starts a record at a header line: date, id, a note on odd dates. */
static void start_record(rec_state *R, const char *s, size_t n,
                         size_t lineno) {
  R->line = lineno;
  snprintf(R->where, sizeof R->where, "%s:%zu", R->name, lineno);
  R->text.len = R->comment.len = 0;
  R->in_comment = R->too_big = 0;
  R->has_id = R->has_date = 0;
  R->note[0] = R->why[0] = '\0';
  size_t k = digit_run(s, n);
  if (input_date_digits(s, k, R->date)) {
    R->has_date = 1;
  } else if ((k > 8 && input_date_digits(s, 8, R->date)) ||
             (k > 6 && input_date_digits(s, 6, R->date))) {
    /* TABARI reads the date from fixed columns: "9501201" is 950120. */
    R->has_date = 1;
    snprintf(R->note, sizeof R->note,
             "date '%.*s' has %zu digits; read as %s", (int)(k < 20 ? k : 20),
             s, k, R->date);
  } else {
    snprintf(R->why, sizeof R->why,
             "'%.*s' is not a date YYMMDD or YYYYMMDD; record skipped",
             (int)(k < 20 ? k : 20), s);
  }
  size_t i = k;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '*'))
    i++;
  size_t j = i;
  while (j < n && s[j] != ' ' && s[j] != '\t')
    j++;
  if (j > i) {
    size_t m = j - i < sizeof R->id - 1 ? j - i : sizeof R->id - 1;
    memcpy(R->id, s + i, m);
    R->id[m] = '\0';
    R->has_id = 1;
  }
}

/* Reports a stretch of input that is no record: line (0: none) and why. */
static void bad_at(const input_sink *s, const char *name, size_t line,
                   const char *why) {
  char where[1100];
  if (line)
    snprintf(where, sizeof where, "%s:%zu", name, line);
  else
    snprintf(where, sizeof where, "%s", name);
  input_record rec;
  memset(&rec, 0, sizeof rec);
  rec.file = name;
  rec.line = line;
  rec.where = where;
  rec.text = "";
  s->bad(s->ctx, &rec, why);
}

/* Hands a finished record to the sink. */
static void end_record(rec_state *R) {
  input_record rec;
  memset(&rec, 0, sizeof rec);
  rec.file = R->name;
  rec.line = R->line;
  rec.where = R->where;
  rec.id = R->has_id ? R->id : NULL;
  rec.date = R->has_date ? R->date : NULL;
  rec.text = R->text.p ? R->text.p : "";
  rec.len = R->text.len;
  rec.note = R->note[0] ? R->note : NULL;
  rec.comment = R->comment.len ? R->comment.p : NULL;
  rec.comment_len = R->comment.len;
  if (R->nomem)
    R->sink->bad(R->sink->ctx, &rec, "out of memory; record skipped");
  else if (R->too_big) {
    char why[160];
    snprintf(why, sizeof why,
             "record over %zu bytes (--max-doc-bytes); record skipped",
             R->max);
    R->sink->bad(R->sink->ctx, &rec, why);
  } else if (R->why[0])
    R->sink->bad(R->sink->ctx, &rec, R->why);
  else
    R->sink->record(R->sink->ctx, &rec);
  R->nomem = 0;
}

int input_read_tabari(const char *name, input_src *src, const input_sink *s) {
  lines *L = calloc(1, sizeof *L);
  rec_state R;
  memset(&R, 0, sizeof R);
  R.name = name;
  R.sink = s;
  R.max = s->max_doc ? s->max_doc : DEFAULT_MAX_DOC;
  if (!L) {
    bad_at(s, name, 0, "out of memory; file skipped");
    return -1;
  }
  L->src = src;
  L->max = R.max + 4096;
  /* Binary data is refused up front, not reported line by line. */
  if (fill(L) && looks_binary(L->chunk, L->end)) {
    bad_at(s, name, 1, "binary data, not TABARI records; file skipped");
    free(L);
    return 0;
  }
  enum { OUTSIDE, IN_RECORD, SKIPPING } state = OUTSIDE;
  while (next_line(L)) {
    const char *ln = L->line.p ? L->line.p : "";
    size_t n = L->line.len;
    int blank = !L->overlong && is_blank(ln, n);
    if (state == IN_RECORD) {
      if (blank) {
        end_record(&R);
        state = OUTSIDE;
      } else if (L->overlong) {
        R.too_big = 1;
      } else {
        add_line(&R, ln, n);
      }
    } else if (state == SKIPPING) {
      if (blank)
        state = OUTSIDE;
    } else if (blank || (n && ln[0] == '#')) {
      continue;
    } else if (!L->overlong && input_tabari_header(ln, n)) {
      start_record(&R, ln, n, L->lineno);
      state = IN_RECORD;
    } else {
      /* Text with no header: skipped up to the next blank line. */
      bad_at(s, name, L->lineno,
             "text without a 'YYMMDD ID' line before it; skipped up to the "
             "next blank line");
      state = SKIPPING;
    }
  }
  if (state == IN_RECORD)
    end_record(&R);
  int rc = 0;
  if (src->f && ferror(src->f)) {
    bad_at(s, name, L->lineno + 1, "read error; the rest of the file skipped");
    rc = -1;
  }
  free(L->line.p);
  free(L);
  free(R.text.p);
  free(R.comment.p);
  return rc;
}

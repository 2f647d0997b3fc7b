/* code.c -- `dyad code`: read documents (plain text files, JSON Lines,
 * TABARI text records or PETRARCH XML; the last two through input_tabari.c
 * and input_petrarch.c), code them, write events to stdout.  Files come
 * through input_file.c: directories walked, gzip and zstd decompressed as
 * they are read.
 *
 * Bad input never stops the run: a missing file, a binary file, a corrupt,
 * truncated or over-cap compressed file, a malformed JSON line or a
 * document over the size cap is named on stderr (file and
 * line), counted and skipped; the other documents are still coded, and the
 * exit code says that something was skipped. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cli.h"
#include "pool.h"
#include "dyad.h"
#include "input.h"
#include "input_file.h"

#define MAX_DICTS 64

/* --dedup: how events stated more than once become one. */
enum { DEDUP_NONE, DEDUP_STORY, DEDUP_DAY };
#define DEFAULT_MAX_DOC ((size_t)64 << 20)

typedef struct code_opts {
  const char *date;
  const char *input;  /* "auto", "text", "jsonl", "tabari", "petrarch" */
  const char *format; /* "jsonl", "tsv", "gdelt", "petrarch", "plover" */
  const char *mentions; /* --mentions FILE: GDELT mentions table, or NULL */
  const char *quotes;   /* --quotes FILE: quotations as JSON Lines, or NULL */
  int dedup;            /* DEDUP_* */
  const char *dicts[MAX_DICTS];
  size_t n_dicts;
  int flags;
  int explain;
  size_t max_doc;
  int jobs; /* worker threads (--jobs) */
  unsigned long long max_unz; /* --max-decompressed */
} code_opts;

typedef struct run {
  const dyad_engine *eng;
  code_opts *o;
  size_t docs, events, skipped, replaced;
  int internal_error;
  int header_done;
  FILE *mentions; /* open --mentions file, or NULL */
  FILE *quotes;   /* open --quotes file, or NULL */
  dyad_cli_dedup *across; /* --dedup day: events held across documents */
  dyad_pool *pool;        /* codes documents (--jobs) */
} run;

static const char *code_help =
    "usage: dyad code [OPTIONS] [FILE...]\n"
    "\n"
    "Codes each FILE (or standard input, or '-') and writes events to "
    "stdout.\n"
    "A directory is walked (sorted; hidden entries left out; .txt .text\n"
    ".jsonl .ndjson .json .xml .html .htm files read, others skipped); gzip\n"
    "(.gz) and zstd (.zst) files are decompressed as they are read.\n"
    "A plain-text file is one document; a JSON Lines file holds one document\n"
    "per line: {\"id\": ..., \"date\": \"YYYY-MM-DD\", \"text\": ...}.\n"
    "\n"
    "options:\n"
    "  --date YYYY-MM-DD   publication date of plain-text documents\n"
    "  --input KIND        auto (default), text, jsonl, tabari (TABARI\n"
    "                      records: a line 'YYMMDD ID', text, a blank line)\n"
    "                      or petrarch (PETRARCH XML <Sentence> elements);\n"
    "                      auto: *.xml or a first '<' is petrarch, a first\n"
    "                      line 'YYMMDD ID' tabari, a first '{' jsonl\n"
    "  --format FORMAT     jsonl (default), tsv, gdelt (GDELT 2.0 event\n"
    "                      table), petrarch (PETRARCH-2 event lines) or\n"
    "                      plover (PLOVER JSON Lines)\n"
    "  --mentions FILE     also write the GDELT 2.0 mentions table of the\n"
    "                      events to FILE (one row per event)\n"
    "  --quotes FILE       also write the quotations and their speakers to\n"
    "                      FILE as JSON Lines\n"
    "  --dedup MODE        story (default): an event stated in several\n"
    "                      sentences of a document is one event listing\n"
    "                      its mentions; day: also across documents (the\n"
    "                      same source, target, code and day is one event\n"
    "                      with num_articles; JSON Lines, written at the\n"
    "                      end); none: one event per sentence\n"
    "  --jobs N            code with N threads (1-64; default 1); output\n"
    "                      is the same, in input order\n"
    "  --dict FILE         load another dictionary file (repeatable)\n"
    "  --no-builtin        do not load dyad's own dictionaries\n"
    "  --keep-negated      also write negated events (\"negated\": true);\n"
    "                      by default events the text denies are dropped\n"
    "  --keep-hypothetical also write supposed acts (might, could, should;\n"
    "                      \"hypothetical\": true); dropped by default\n"
    "  --one-actor         also write events that have no target\n"
    "  --explain           write how each sentence was read to stderr\n"
    "  --max-doc-bytes N   refuse documents longer than N bytes (64 MiB)\n"
    "  --max-decompressed N  stop a .gz/.zst input that decompresses to more\n"
    "                      than N bytes (4 GiB), naming it; others go on\n"
    "  -h, --help          this help\n";

/* ===== Helpers ===== */

/* Is d a real calendar date written YYYY-MM-DD? */
static int valid_date(const char *d) {
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

/* Writes a document's events, a batch at a time, so a document with
 * millions of events does not need its whole output in memory. */
typedef dyad_status (*batch_writer)(const dyad_doc *, size_t, size_t,
                                    char **, size_t *);

/* The library writer of an output format (checked by the option parser). */
static batch_writer writer_of(const char *format) {
  if (!strcmp(format, "tsv"))
    return dyad_doc_events_to_tsv;
  if (!strcmp(format, "gdelt"))
    return dyad_doc_events_to_gdelt;
  if (!strcmp(format, "petrarch"))
    return dyad_doc_events_to_petrarch;
  if (!strcmp(format, "plover"))
    return dyad_doc_events_to_plover;
  return dyad_doc_events_to_jsonl;
}

static int write_doc(run *r, const dyad_doc *doc) {
  if (r->across) {
    /* Held until the end of input: the same event in later documents
     * raises its num_articles. */
    if (dyad_cli_dedup_add(r->across, doc)) {
      fprintf(stderr, "dyad: out of memory holding events for --dedup day\n");
      r->internal_error = 1;
      return -1;
    }
    r->events += dyad_doc_event_count(doc);
    return 0;
  }
  int tsv = strcmp(r->o->format, "tsv") == 0;
  batch_writer writer = writer_of(r->o->format);
  if (tsv && !r->header_done) {
    fputs(dyad_tsv_header(), stdout);
    r->header_done = 1;
  }
  size_t n = dyad_doc_event_count(doc);
  /* JSON Lines and TSV go out a batch at a time so a document with
   * millions of events needs little memory; GDELT, PETRARCH and PLOVER
   * count mentions over the whole document, so they take it in one call
   * rather than recounting it for every batch. */
  size_t batch = (tsv || writer == dyad_doc_events_to_jsonl) ? 4096 : n;
  for (size_t first = 0; first < n; first += batch) {
    char *out = NULL;
    size_t len = 0;
    dyad_status st = writer(doc, first, batch, &out, &len);
    if (st != DYAD_OK) {
      fprintf(stderr, "dyad: %s\n", dyad_strerror(st));
      r->internal_error = 1;
      return -1;
    }
    fwrite(out, 1, len, stdout);
    dyad_free(out);
    if (r->mentions) {
      st = dyad_doc_events_to_gdelt_mentions(doc, first, batch, &out, &len);
      if (st != DYAD_OK) {
        fprintf(stderr, "dyad: %s\n", dyad_strerror(st));
        r->internal_error = 1;
        return -1;
      }
      fwrite(out, 1, len, r->mentions);
      dyad_free(out);
    }
  }
  if (r->quotes && dyad_doc_quote_count(doc)) {
    char *out = NULL;
    size_t len = 0;
    dyad_status st = dyad_doc_quotes_to_jsonl(doc, &out, &len);
    if (st != DYAD_OK) {
      fprintf(stderr, "dyad: %s\n", dyad_strerror(st));
      r->internal_error = 1;
      return -1;
    }
    fwrite(out, 1, len, r->quotes);
    dyad_free(out);
  }
  if (r->o->explain) {
    dyad_str t = dyad_doc_trace(doc);
    dyad_cli_render_trace(stderr, t.ptr, t.len);
  }
  r->events += n;
  return 0;
}

/* A document handed to the pool: how messages name it. */
typedef struct code_job {
  char *where;
  int bad; /* invalid bytes were replaced */
} code_job;

/* Codes one document (through the pool: --jobs workers, results written in
 * input order); `where` names it in messages ("file" or "file:line"). */
static void code_one(run *r, const char *where, int in_jsonl,
                     const char *text, size_t len, const char *id,
                     const char *date) {
  int is_nul = 0;
  size_t bad = first_bad_line(text, len, &is_nul);
  if (bad && in_jsonl)
    /* A JSON Lines document: its line in the file names it. */
    fprintf(stderr, "dyad: %s: %s in the text (replaced; the document is "
                    "still coded)\n",
            where, is_nul ? "NUL byte" : "invalid UTF-8");
  else if (bad)
    fprintf(stderr, "dyad: %s:%zu: %s (replaced; the document is still "
                    "coded)\n",
            where, bad, is_nul ? "NUL byte" : "invalid UTF-8");
  dyad_doc_meta meta = {id, date};
  code_job *job = malloc(sizeof *job);
  char *w = job ? malloc(strlen(where) + 1) : NULL;
  if (!job || !w) {
    free(job);
    fprintf(stderr, "dyad: %s: out of memory; document skipped\n", where);
    r->internal_error = 1;
    r->skipped++;
    return;
  }
  memcpy(w, where, strlen(where) + 1);
  job->where = w;
  job->bad = bad != 0;
  if (dyad_pool_submit(r->pool, text, len, &meta, job) != 0) {
    free(w);
    free(job);
    fprintf(stderr, "dyad: %s: out of memory; document skipped\n", where);
    r->internal_error = 1;
    r->skipped++;
  }
}

/* A coded document back from the pool, in input order. */
static void emit_doc(void *ctx, void *jobp, dyad_doc *doc, dyad_status st) {
  run *r = ctx;
  code_job *job = jobp;
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: %s: %s; document skipped\n", job->where,
            dyad_strerror(st));
    if (st == DYAD_ERR_NOMEM)
      r->internal_error = 1;
    r->skipped++;
  } else {
    if (job->bad)
      r->replaced++;
    r->docs++;
    write_doc(r, doc);
    dyad_doc_free(doc);
  }
  free(job->where);
  free(job);
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

static void code_json_line(run *r, const char *name, size_t lineno,
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
  } else {
    snprintf(idbuf, sizeof idbuf, "%zu", lineno);
    id = idbuf;
  }
  const char *date = r->o->date;
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
    if (valid_date(dbuf)) {
      date = dbuf;
    } else {
      fprintf(stderr, "dyad: %s: \"date\" is not a date YYYY-MM-DD; the "
                      "document is coded %s\n",
              where, r->o->date ? "with --date" : "undated");
      date = r->o->date;
    }
  }
  code_one(r, where, 1, json_string_value(text), json_string_length(text),
           id, date);
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
static void code_jsonl_stream(run *r, const char *name, FILE *f) {
  char *line = NULL;
  size_t cap = 0, lineno = 0, n = 0;
  size_t limit = r->o->max_doc + 4096;
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
    code_json_line(r, name, lineno, line, len);
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

/* A reader's record: coded like a JSON Lines document, named by its
 * file:line; no id means its line number, no date means --date. */
static void on_record(void *ctx, const input_record *rec) {
  run *r = ctx;
  if (rec->note)
    fprintf(stderr, "dyad: %s: %s\n", rec->where, rec->note);
  char idbuf[32];
  const char *id = rec->id;
  if (!id) {
    snprintf(idbuf, sizeof idbuf, "%zu", rec->line);
    id = idbuf;
  }
  code_one(r, rec->where, 1, rec->text, rec->len, id,
           rec->date ? rec->date : r->o->date);
}

/* A reader's bad record: named, counted, skipped. */
static void on_bad(void *ctx, const input_record *rec, const char *why) {
  run *r = ctx;
  fprintf(stderr, "dyad: %s: %s\n", rec->where, why);
  r->skipped++;
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

#define PEEK_MAX 65536

/* Tells the kind of a stream from its first bytes (--input auto): a first
 * non-blank '{' is JSON Lines, '<' PETRARCH XML, a first line "YYMMDD ID"
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
  if (c == '<')
    return "petrarch";
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

/* Codes one input: a file, '-', or a .gz/.zst of either (input_file.c);
 * a stream that turns out corrupt, truncated or over --max-decompressed is
 * named and counted once its readable part is coded. */
static void code_path(run *r, const char *path) {
  int is_stdin = !strcmp(path, "-");
  char why[256];
  input_file *in = input_file_open(path, r->o->max_unz, why, sizeof why);
  if (!in) {
    fprintf(stderr, "dyad: %s: %s; skipped\n", path, why);
    r->skipped++;
    return;
  }
  FILE *f = input_file_stream(in);
  const char *name = input_file_name(in);
  const char *inner = input_file_inner_name(in);
  const char *kind = r->o->input;
  if (!strcmp(kind, "auto") && !is_stdin && is_jsonl_name(inner))
    kind = "jsonl";
  if (!strcmp(kind, "auto") && !is_stdin && is_xml_name(inner))
    kind = "petrarch";
  char *pre = NULL;
  size_t pre_len = 0, pre_start = 0;
  if (!strcmp(kind, "auto")) {
    pre = malloc(PEEK_MAX);
    if (!pre) {
      fprintf(stderr, "dyad: %s: out of memory; skipped\n", name);
      r->internal_error = 1;
      r->skipped++;
      input_file_close(in);
      return;
    }
    kind = detect_kind(f, pre, &pre_len, &pre_start);
  }
  input_src src = {f, pre, pre_len, 0};
  if (!strcmp(kind, "text"))
    src.pre_pos = pre_start;
  input_sink sink = {r, on_record, on_bad, r->o->max_doc};
  if (!strcmp(kind, "jsonl")) {
    code_jsonl_stream(r, name, f);
  } else if (!strcmp(kind, "tabari")) {
    input_read_tabari(name, &src, &sink);
  } else if (!strcmp(kind, "petrarch")) {
    input_read_petrarch(name, &src, &sink);
  } else {
    size_t len = 0;
    int too_big = 0;
    char *text = slurp(&src, r->o->max_doc, &len, &too_big);
    if (!text && input_file_error(in)) {
      /* named below */
    } else if (!text) {
      fprintf(stderr, "dyad: %s: %s; skipped\n", name,
              too_big ? "document over the size limit (--max-doc-bytes)"
                      : strerror(errno ? errno : ENOMEM));
      r->skipped++;
    } else if (len == 0) {
      fprintf(stderr, "dyad: %s: empty file; nothing to code\n", name);
      r->docs++;
      free(text);
    } else if (looks_binary(text, len)) {
      fprintf(stderr, "dyad: %s:1: binary file (not text); skipped\n", name);
      r->skipped++;
      free(text);
    } else {
      code_one(r, name, 0, text, len, name, r->o->date);
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
  input_file_close(in);
}

/* input_walk's callbacks: each file found is coded, each passed over is
 * named and counted. */
static void walk_file(void *ctx, const char *path) { code_path(ctx, path); }

static void walk_skip(void *ctx, const char *path, const char *why) {
  run *r = ctx;
  fprintf(stderr, "dyad: %s: %s; skipped\n", path, why);
  r->skipped++;
}

/* ===== Options ===== */



int dyad_cli_code(int argc, char **argv) {
  code_opts o;
  memset(&o, 0, sizeof o);
  o.input = "auto";
  o.format = "jsonl";
  o.dedup = DEDUP_STORY;
  o.jobs = 1;
  o.max_doc = DEFAULT_MAX_DOC;
  int no_builtin = 0;
  const char *files[4096];
  size_t n_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(code_help, stdout);
      return DYAD_EXIT_OK;
    } else if (!strcmp(a, "--date") && val) {
      if (!valid_date(val)) {
        fprintf(stderr, "dyad code: --date wants YYYY-MM-DD, not '%s'\n", val);
        return DYAD_EXIT_USAGE;
      }
      o.date = val;
      i++;
    } else if (!strcmp(a, "--input") && val) {
      if (strcmp(val, "auto") && strcmp(val, "text") && strcmp(val, "jsonl") &&
          strcmp(val, "tabari") && strcmp(val, "petrarch")) {
        fprintf(stderr, "dyad code: --input is auto, text, jsonl, tabari or "
                        "petrarch\n");
        return DYAD_EXIT_USAGE;
      }
      o.input = val;
      i++;
    } else if (!strcmp(a, "--format") && val) {
      if (strcmp(val, "jsonl") && strcmp(val, "tsv") && strcmp(val, "gdelt") &&
          strcmp(val, "petrarch") && strcmp(val, "plover")) {
        fprintf(stderr, "dyad code: --format is jsonl, tsv, gdelt, petrarch "
                        "or plover\n");
        return DYAD_EXIT_USAGE;
      }
      o.format = val;
      i++;
    } else if (!strcmp(a, "--mentions") && val) {
      o.mentions = val;
      i++;
    } else if (!strcmp(a, "--jobs") && val) {
      char *end;
      long v = strtol(val, &end, 10);
      if (*end || v < 1 || v > 64) {
        fprintf(stderr, "dyad code: --jobs wants a number from 1 to 64\n");
        return DYAD_EXIT_USAGE;
      }
      o.jobs = (int)v;
      i++;
    } else if (!strcmp(a, "--quotes") && val) {
      o.quotes = val;
      i++;
    } else if (!strcmp(a, "--dedup") && val) {
      if (!strcmp(val, "story"))
        o.dedup = DEDUP_STORY;
      else if (!strcmp(val, "day"))
        o.dedup = DEDUP_DAY;
      else if (!strcmp(val, "none"))
        o.dedup = DEDUP_NONE;
      else {
        fprintf(stderr, "dyad code: --dedup is story, day or none\n");
        return DYAD_EXIT_USAGE;
      }
      i++;
    } else if (!strcmp(a, "--dict") && val) {
      if (o.n_dicts == MAX_DICTS) {
        fprintf(stderr, "dyad code: at most %d --dict files\n", MAX_DICTS);
        return DYAD_EXIT_USAGE;
      }
      o.dicts[o.n_dicts++] = val;
      i++;
    } else if (!strcmp(a, "--max-doc-bytes") && val) {
      char *end;
      unsigned long long v = strtoull(val, &end, 10);
      if (*end || v == 0 || val[0] < '0' || val[0] > '9') {
        fprintf(stderr, "dyad code: --max-doc-bytes wants a number\n");
        return DYAD_EXIT_USAGE;
      }
      o.max_doc = (size_t)v;
      i++;
    } else if (!strcmp(a, "--max-decompressed") && val) {
      char *end;
      unsigned long long v = strtoull(val, &end, 10);
      if (*end || v == 0 || val[0] < '0' || val[0] > '9') {
        fprintf(stderr, "dyad code: --max-decompressed wants a number\n");
        return DYAD_EXIT_USAGE;
      }
      o.max_unz = v;
      i++;
    } else if (!strcmp(a, "--no-builtin")) {
      no_builtin = 1;
    } else if (!strcmp(a, "--keep-negated")) {
      o.flags |= DYAD_OPT_KEEP_NEGATED;
    } else if (!strcmp(a, "--keep-hypothetical")) {
      o.flags |= DYAD_OPT_KEEP_HYPOTHETICAL;
    } else if (!strcmp(a, "--one-actor")) {
      o.flags |= DYAD_OPT_ONE_ACTOR;
    } else if (!strcmp(a, "--explain")) {
      o.flags |= DYAD_OPT_TRACE;
      o.explain = 1;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "dyad code: unknown or incomplete option '%s'\n", a);
      fputs(code_help, stderr);
      return DYAD_EXIT_USAGE;
    } else {
      if (n_files == sizeof files / sizeof files[0]) {
        fprintf(stderr, "dyad code: too many files (use a directory or "
                        "JSON Lines)\n");
        return DYAD_EXIT_USAGE;
      }
      files[n_files++] = a;
    }
  }
  dyad_dict *dict = NULL;
  char *err = NULL;
  dyad_status st = dyad_dict_open(&dict, o.dicts, o.n_dicts,
                                  no_builtin ? DYAD_DICT_NO_BUILTIN : 0, &err);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: cannot load dictionaries: %s\n",
            err ? err : dyad_strerror(st));
    dyad_free(err);
    return DYAD_EXIT_DICT;
  }
  for (size_t i = 0; i < dyad_dict_issue_count(dict); i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(dict, i);
    fprintf(stderr, "dyad: %s:%zu: %s; line skipped\n", is->file, is->line,
            is->message);
  }
  if (o.dedup == DEDUP_DAY && strcmp(o.format, "jsonl")) {
    fprintf(stderr, "dyad code: --dedup day writes JSON Lines only\n");
    dyad_dict_free(dict);
    return DYAD_EXIT_USAGE;
  }
  if (o.dedup == DEDUP_NONE)
    o.flags |= DYAD_OPT_NO_MERGE;
  dyad_options opts = {o.flags, o.max_doc};
  dyad_engine *eng = NULL;
  st = dyad_engine_new(&eng, dict, &opts);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: %s\n", dyad_strerror(st));
    dyad_dict_free(dict);
    return DYAD_EXIT_INTERNAL;
  }
  run r;
  memset(&r, 0, sizeof r);
  r.eng = eng;
  r.o = &o;
  if (o.mentions && !(r.mentions = fopen(o.mentions, "wb"))) {
    fprintf(stderr, "dyad code: --mentions %s: %s\n", o.mentions,
            strerror(errno));
    dyad_engine_free(eng);
    dyad_dict_free(dict);
    return DYAD_EXIT_USAGE;
  }
  if (o.quotes && !(r.quotes = fopen(o.quotes, "wb"))) {
    fprintf(stderr, "dyad code: --quotes %s: %s\n", o.quotes,
            strerror(errno));
    if (r.mentions)
      fclose(r.mentions);
    dyad_engine_free(eng);
    dyad_dict_free(dict);
    return DYAD_EXIT_USAGE;
  }
  if (o.dedup == DEDUP_DAY && !(r.across = dyad_cli_dedup_new())) {
    fprintf(stderr, "dyad: out of memory\n");
    r.internal_error = 1;
  }
  r.pool = dyad_pool_new(eng, o.jobs, 0, emit_doc, &r);
  if (!r.pool) {
    fprintf(stderr, "dyad: cannot start %d coding threads\n", o.jobs);
    dyad_cli_dedup_free(r.across);
    if (r.quotes)
      fclose(r.quotes);
    if (r.mentions)
      fclose(r.mentions);
    dyad_engine_free(eng);
    dyad_dict_free(dict);
    return DYAD_EXIT_INTERNAL;
  }
  if (n_files == 0)
    code_path(&r, "-");
  input_walker walker = {&r, walk_file, walk_skip};
  for (size_t i = 0; i < n_files; i++)
    if (input_walk(files[i], &walker) == 0)
      fprintf(stderr, "dyad: %s: no input files in the directory\n",
              files[i]);
  dyad_pool_free(r.pool);
  r.pool = NULL;
  if (r.across) {
    if (dyad_cli_dedup_write(r.across, stdout))
      r.internal_error = 1;
    dyad_cli_dedup_free(r.across);
  }
  fflush(stdout);
  if (r.quotes && (fclose(r.quotes) != 0)) {
    fprintf(stderr, "dyad code: --quotes %s: %s\n", o.quotes,
            strerror(errno));
    r.internal_error = 1;
  }
  if (r.mentions && (fclose(r.mentions) != 0)) {
    fprintf(stderr, "dyad code: --mentions %s: %s\n", o.mentions,
            strerror(errno));
    r.internal_error = 1;
  }
  if (r.skipped || r.replaced)
    fprintf(stderr, "dyad: %zu documents coded, %zu events, %zu inputs "
                    "skipped, %zu documents with replaced bytes\n",
            r.docs, r.events, r.skipped, r.replaced);
  dyad_engine_free(eng);
  dyad_dict_free(dict);
  if (r.internal_error)
    return DYAD_EXIT_INTERNAL;
  if (ferror(stdout))
    return DYAD_EXIT_INTERNAL;
  return r.skipped ? DYAD_EXIT_INPUT : DYAD_EXIT_OK;
}

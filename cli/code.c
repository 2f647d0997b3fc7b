/* code.c -- `dyad code`: read documents (plain text files, JSON Lines,
 * TABARI text records or PETRARCH XML, plain or .gz/.zst, directories
 * walked; through the shared readers of read.c), code them, write events
 * to stdout.
 *
 * Bad input never stops the run: a missing file, a binary file, a corrupt,
 * truncated or over-cap compressed file, a malformed JSON line or a
 * document over the size cap is named on stderr (file and line), counted
 * and skipped; the other documents are still coded, and the
 * exit code says that something was skipped. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pool.h"
#include "dyad.h"
#include "read.h"

#define MAX_DICTS 64

/* --dedup: how events stated more than once become one. */
enum { DEDUP_NONE, DEDUP_STORY, DEDUP_DAY };
#define DEFAULT_MAX_DOC ((size_t)64 << 20)

typedef struct code_opts {
  const char *date;
  const char *input;  /* "auto", "text", "jsonl", "tabari", "petrarch",
                         "html" */
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
    "                      petrarch (PETRARCH XML <Sentence> elements) or\n"
    "                      html (a news page: its article text, dated by\n"
    "                      its meta tags, named by its URL);\n"
    "                      auto: *.html, *.htm or a first '<!DOCTYPE html',\n"
    "                      '<html' is html, *.xml or another first '<'\n"
    "                      petrarch, a first line 'YYMMDD ID' tabari, a\n"
    "                      first '{' jsonl\n"
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

/* What a document gives besides its events, written as it is coded, with
 * --dedup day too: its quotations (--quotes) and how it was read
 * (--explain). */
static int write_doc_extras(run *r, const dyad_doc *doc) {
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
  return 0;
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
    return write_doc_extras(r, doc);
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
  if (write_doc_extras(r, doc))
    return -1;
  r->events += n;
  return 0;
}

/* A document handed to the pool: how messages name it. */
typedef struct code_job {
  char *where;
  int bad; /* invalid bytes were replaced */
} code_job;

/* Hands one document the reader gives to the pool (--jobs workers,
 * results written in input order).  A document without an id is named by
 * its line (a JSON line or a record) or by its file. */
static void code_one(void *ctx, const doc_item *d) {
  run *r = ctx;
  char idbuf[32];
  const char *id = d->id;
  if (!id && d->in_record) {
    snprintf(idbuf, sizeof idbuf, "%zu", d->line);
    id = idbuf;
  } else if (!id) {
    id = d->where;
  }
  dyad_doc_meta meta = {id, d->date};
  code_job *job = malloc(sizeof *job);
  size_t wn = strlen(d->where) + 1;
  char *w = job ? malloc(wn) : NULL;
  if (!job || !w) {
    free(job);
    fprintf(stderr, "dyad: %s: out of memory; document skipped\n", d->where);
    r->internal_error = 1;
    r->skipped++;
    return;
  }
  memcpy(w, d->where, wn);
  job->where = w;
  job->bad = d->replaced;
  if (dyad_pool_submit(r->pool, d->text, d->len, &meta, job) != 0) {
    free(w);
    free(job);
    fprintf(stderr, "dyad: %s: out of memory; document skipped\n", d->where);
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
      if (!read_valid_date(val)) {
        fprintf(stderr, "dyad code: --date wants YYYY-MM-DD, not '%s'\n", val);
        return DYAD_EXIT_USAGE;
      }
      o.date = val;
      i++;
    } else if (!strcmp(a, "--input") && val) {
      if (strcmp(val, "auto") && strcmp(val, "text") && strcmp(val, "jsonl") &&
          strcmp(val, "tabari") && strcmp(val, "petrarch") &&
          strcmp(val, "html")) {
        fprintf(stderr, "dyad code: --input is auto, text, jsonl, tabari, "
                        "petrarch or html\n");
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
  if (o.dedup == DEDUP_DAY && o.mentions) {
    /* Its events are merged at the end of input: no mentions table. */
    fprintf(stderr, "dyad code: --dedup day writes no --mentions table\n");
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
  doc_reader rd;
  memset(&rd, 0, sizeof rd);
  rd.input = o.input;
  rd.date = o.date;
  rd.max_doc = o.max_doc;
  rd.max_unz = o.max_unz;
  rd.ctx = &r;
  rd.doc = code_one;
  if (n_files == 0)
    read_path(&rd, "-");
  for (size_t i = 0; i < n_files; i++)
    read_walk(&rd, files[i]);
  dyad_pool_free(r.pool);
  r.pool = NULL;
  r.skipped += rd.skipped;
  r.docs += rd.empty;
  if (rd.internal_error)
    r.internal_error = 1;
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

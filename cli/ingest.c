/* ingest.c -- `dyad ingest`: code documents and keep them in a database
 * (src/store): each document with its events, their mentions and its
 * quotations.
 *
 * Documents are read by the readers `dyad code` uses (read.c): .gz and .zst
 * inputs are decompressed, directories walked (sorted, hidden entries
 * passed over; input_file.c).  A document already
 * stored -- the same id, or the same content hash when it has no id -- is
 * not coded again unless --replace.  Work is committed every --batch
 * documents, so a killed run loses at most its last batch and a rerun
 * stores what is missing.  Each document records the dictionary version
 * that coded it (dict_version.c).  On a terminal a progress line shows
 * documents, documents/s and an ETA from the inputs' bytes read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dyad.h"
#include "pool.h"
#include "read.h"
#include "store.h"

#define MAX_DICTS 64
#define DEFAULT_MAX_DOC ((size_t)64 << 20)

static const char *ingest_help =
    "usage: dyad ingest [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Codes documents and stores them, with their events, mentions and\n"
    "quotations, in a database.  Inputs are read as by dyad code (plain\n"
    "text, JSON Lines with id/date/title/url/source/text, TABARI records,\n"
    "PETRARCH XML); a directory is walked.  A document already stored (same\n"
    "id, or same text when it has no id) is not stored twice.\n"
    "\n"
    "options:\n"
    "  --db PATH           the database (default $DYAD_DB, else dyad.db);\n"
    "                      an SQLite file, created when missing\n"
    "  --replace           recode documents already stored and replace them\n"
    "  --batch N           commit every N documents (default 500)\n"
    "  --jobs N            code with N threads (1-64; default 1); one\n"
    "                      thread writes, in input order\n"
    "  --quiet             no progress line (on a terminal: documents,\n"
    "                      docs/s, ETA) and no summary\n"
    "  --date YYYY-MM-DD   publication date of documents without one\n"
    "  --input KIND        auto (default), text, jsonl, tabari, petrarch,\n"
    "                      html\n"
    "  --dict FILE         load another dictionary file (repeatable)\n"
    "  --no-builtin        do not load dyad's own dictionaries\n"
    "  --max-doc-bytes N   refuse documents longer than N bytes (64 MiB)\n"
    "  -h, --help          this help\n";

typedef struct ingest {
  const dyad_engine *eng;
  dyad_store *store;
  const char *dict_version;
  int replace, quiet, progress;
  size_t batch, in_batch;
  size_t seen, stored, present, replaced, code_failed, store_failed;
  size_t events;
  int fatal; /* the database cannot be written: stop */
  int internal_error; /* out of memory */
  dyad_pool *pool; /* codes documents (--jobs) */
  struct timespec start;
  dyad_cli_progress pg; /* when the progress line was last drawn */
  const doc_reader *rd;      /* the reader: bytes read so far */
  unsigned long long total;  /* bytes of the inputs (sizes known) */
  int total_known;           /* every input is a regular file */
} ingest;

/* ===== Progress ===== */

/* A progress line on a terminal (the first at once, then at most twice a
 * second): documents,
 * documents per second and, when every input is a regular file, the share
 * of their bytes read (compressed bytes for .gz/.zst) and the time left at
 * the rate so far; reading standard input or a pipe there is no ETA, and
 * the line says so.  The final line gives the time taken. */
static void progress(ingest *g, int final) {
  if (!g->progress)
    return;
  struct timespec now;
  if (!dyad_cli_progress_due(&g->pg, final, &now))
    return;
  double t = dyad_cli_seconds(&g->start, &now);
  char when[96] = "";
  if (final) {
    char took[32];
    dyad_cli_clock_text(took, sizeof took, t);
    snprintf(when, sizeof when, ", done in %s", took);
  } else if (!g->total_known) {
    snprintf(when, sizeof when,
             ", no ETA (reading standard input or a pipe: size unknown)");
  } else {
    unsigned long long done = read_bytes_read(g->rd);
    if (done > g->total)
      done = g->total;
    double share = g->total ? (double)done / (double)g->total : 1.0;
    char left[32] = "?";
    if (done > 0)
      dyad_cli_clock_text(left, sizeof left, t * (1.0 - share) / share);
    snprintf(when, sizeof when, ", %.0f%% of %.1f MB, ETA %s", 100.0 * share,
             (double)g->total / 1e6, left);
  }
  fprintf(stderr, "\rdyad ingest: %zu documents, %.0f docs/s%s\033[K",
          g->seen, t > 0 ? (double)g->seen / t : 0.0, when);
  if (final)
    fputc('\n', stderr);
  fflush(stderr);
}

/* ===== Storing ===== */

/* Commits the batch and starts the next one. */
static int next_batch(ingest *g) {
  if (dyad_store_commit(g->store) || dyad_store_begin(g->store)) {
    fprintf(stderr, "dyad ingest: %s\n", dyad_store_errmsg(g->store));
    g->fatal = 1;
    return -1;
  }
  g->in_batch = 0;
  return 0;
}

/* A document in the pool: its own copies of what the store needs, since
 * the reader's views end with the callback. */
typedef struct ingest_job {
  char *where, *id, *title, *url, *source, *date, *text;
  size_t len;
} ingest_job;

static void job_free(ingest_job *j) {
  if (!j)
    return;
  free(j->where);
  free(j->id);
  free(j->title);
  free(j->url);
  free(j->source);
  free(j->date);
  free(j->text);
  free(j);
}

/* A copy of n bytes (NUL-terminated), or of a C string when n is
 * (size_t)-1; *ok is cleared when out of memory.  NULL stays NULL. */
static char *copy(const char *s, size_t n, int *ok) {
  if (!s)
    return NULL;
  if (n == (size_t)-1)
    n = strlen(s);
  char *p = malloc(n + 1);
  if (!p) {
    *ok = 0;
    return NULL;
  }
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* A coded document back from the pool, on this thread and in input order:
 * stored (put looks the document up again, so the same document twice in
 * flight is stored once). */
static void emit_doc(void *ctx, void *jobp, dyad_doc *doc, dyad_status st) {
  ingest *g = ctx;
  ingest_job *j = jobp;
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: %s: %s; document skipped\n", j->where,
            dyad_strerror(st));
    g->code_failed++;
    job_free(j);
    return;
  }
  if (g->fatal) {
    dyad_doc_free(doc);
    job_free(j);
    return;
  }
  dyad_store_doc sd = {j->id,   j->title, j->url, j->source,
                       j->date, j->text,  j->len, g->dict_version};
  int outcome = 0;
  if (dyad_store_put(g->store, &sd, doc, g->replace, &outcome)) {
    fprintf(stderr, "dyad ingest: %s: %s; document not stored\n", j->where,
            dyad_store_errmsg(g->store));
    g->store_failed++;
  } else if (outcome == DYAD_STORE_PRESENT) {
    g->present++;
  } else {
    if (outcome == DYAD_STORE_REPLACED)
      g->replaced++;
    else
      g->stored++;
    g->events += dyad_doc_event_count(doc);
  }
  dyad_doc_free(doc);
  job_free(j);
  if (++g->in_batch >= g->batch)
    next_batch(g);
  progress(g, 0);
}

/* One document from a reader: looked up (a stored one is not coded
 * again), then handed to the pool to be coded. */
static void on_doc(void *ctx, const doc_item *d) {
  ingest *g = ctx;
  if (g->fatal)
    return;
  g->seen++;
  dyad_store_doc sd = {d->id,   d->title, d->url,         d->source,
                       d->date, d->text,  d->len, g->dict_version};
  if (!g->replace) {
    int found = 0;
    if (dyad_store_find(g->store, &sd, &found)) {
      fprintf(stderr, "dyad ingest: %s: %s\n", d->where,
              dyad_store_errmsg(g->store));
      g->store_failed++;
      return;
    }
    if (found == DYAD_STORE_PRESENT) {
      g->present++;
      progress(g, 0);
      return;
    }
  }
  int ok = 1;
  ingest_job *j = calloc(1, sizeof *j);
  if (j) {
    j->where = copy(d->where, (size_t)-1, &ok);
    j->id = copy(d->id, (size_t)-1, &ok);
    j->title = copy(d->title, (size_t)-1, &ok);
    j->url = copy(d->url, (size_t)-1, &ok);
    j->source = copy(d->source, (size_t)-1, &ok);
    j->date = copy(d->date, (size_t)-1, &ok);
    j->text = copy(d->text, d->len, &ok);
    j->len = d->len;
  }
  dyad_doc_meta meta = {d->id, d->date};
  if (!j || !ok || dyad_pool_submit(g->pool, d->text, d->len, &meta, j)) {
    fprintf(stderr, "dyad: %s: out of memory; document skipped\n", d->where);
    job_free(j);
    g->code_failed++;
    g->internal_error = 1;
  }
}

/* ===== Options ===== */

int dyad_cli_ingest(int argc, char **argv) {
  const char *db = getenv("DYAD_DB");
  if (!db || !*db)
    db = "dyad.db";
  const char *dicts[MAX_DICTS];
  size_t n_dicts = 0;
  int no_builtin = 0;
  ingest g;
  memset(&g, 0, sizeof g);
  g.batch = 500;
  int jobs = 1;
  doc_reader rd;
  memset(&rd, 0, sizeof rd);
  rd.input = "auto";
  rd.max_doc = DEFAULT_MAX_DOC;
  int n_files = 0;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) {
    fprintf(stderr, "dyad ingest: out of memory\n");
    return DYAD_EXIT_INTERNAL;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(ingest_help, stdout);
      free(files);
      return DYAD_EXIT_OK;
    } else if (!strcmp(a, "--db") && val) {
      db = val;
      i++;
    } else if (!strcmp(a, "--replace")) {
      g.replace = 1;
    } else if (!strcmp(a, "--quiet")) {
      g.quiet = 1;
    } else if (!strcmp(a, "--batch") && val) {
      char *end;
      unsigned long v = strtoul(val, &end, 10);
      if (*end || v == 0 || v > 1000000 || val[0] < '0' || val[0] > '9') {
        fprintf(stderr, "dyad ingest: --batch wants a number 1..1000000\n");
        free(files);
        return DYAD_EXIT_USAGE;
      }
      g.batch = v;
      i++;
    } else if (!strcmp(a, "--jobs") && val) {
      char *end;
      long v = strtol(val, &end, 10);
      if (*end || v < 1 || v > 64 || val[0] < '0' || val[0] > '9') {
        fprintf(stderr, "dyad ingest: --jobs wants a number from 1 to 64\n");
        free(files);
        return DYAD_EXIT_USAGE;
      }
      jobs = (int)v;
      i++;
    } else if (!strcmp(a, "--date") && val) {
      if (!read_valid_date(val)) {
        fprintf(stderr, "dyad ingest: --date wants YYYY-MM-DD, not '%s'\n",
                val);
        free(files);
        return DYAD_EXIT_USAGE;
      }
      rd.date = val;
      i++;
    } else if (!strcmp(a, "--input") && val) {
      if (strcmp(val, "auto") && strcmp(val, "text") && strcmp(val, "jsonl") &&
          strcmp(val, "tabari") && strcmp(val, "petrarch") &&
          strcmp(val, "html")) {
        fprintf(stderr, "dyad ingest: --input is auto, text, jsonl, tabari, "
                        "petrarch or html\n");
        free(files);
        return DYAD_EXIT_USAGE;
      }
      rd.input = val;
      i++;
    } else if (!strcmp(a, "--dict") && val) {
      if (n_dicts == MAX_DICTS) {
        fprintf(stderr, "dyad ingest: at most %d --dict files\n", MAX_DICTS);
        free(files);
        return DYAD_EXIT_USAGE;
      }
      dicts[n_dicts++] = val;
      i++;
    } else if (!strcmp(a, "--no-builtin")) {
      no_builtin = 1;
    } else if (!strcmp(a, "--max-doc-bytes") && val) {
      char *end;
      unsigned long long v = strtoull(val, &end, 10);
      if (*end || v == 0 || val[0] < '0' || val[0] > '9') {
        fprintf(stderr, "dyad ingest: --max-doc-bytes wants a number\n");
        free(files);
        return DYAD_EXIT_USAGE;
      }
      rd.max_doc = (size_t)v;
      i++;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "dyad ingest: unknown or incomplete option '%s'\n", a);
      fputs(ingest_help, stderr);
      free(files);
      return DYAD_EXIT_USAGE;
    } else {
      files[n_files++] = argv[i];
    }
  }
  /* The database first: a wrong --db fails before the dictionaries load. */
  char *serr = NULL;
  if (dyad_store_open(&g.store, db, &serr)) {
    fprintf(stderr, "dyad ingest: cannot open the database %s\n",
            serr ? serr : "(out of memory)");
    free(serr);
    free(files);
    return DYAD_EXIT_STORE;
  }
  dyad_dict *dict = NULL;
  dyad_engine *eng = NULL;
  char version[128];
  int rc = dyad_cli_open_coder("dyad ingest", dicts, n_dicts, no_builtin, rd.max_doc,
                               &dict, &eng, version, sizeof version);
  if (rc != DYAD_EXIT_OK) {
    dyad_store_close(g.store);
    free(files);
    return rc;
  }
  g.eng = eng;
  g.dict_version = version;
  g.progress = !g.quiet && isatty(fileno(stderr));
  if (n_files == 0)
    files[n_files++] = "-";
  if (g.progress)
    g.total_known = read_total_bytes(files, n_files, &g.total) == 0;
  g.rd = &rd;
  clock_gettime(CLOCK_MONOTONIC, &g.start);
  rd.ctx = &g;
  rd.doc = on_doc;
  g.pool = dyad_pool_new(eng, jobs, 0, emit_doc, &g);
  if (!g.pool) {
    fprintf(stderr, "dyad ingest: cannot start %d coding threads\n", jobs);
    dyad_store_close(g.store);
    dyad_engine_free(eng);
    dyad_dict_free(dict);
    free(files);
    return DYAD_EXIT_INTERNAL;
  }
  if (dyad_store_begin(g.store)) {
    fprintf(stderr, "dyad ingest: %s\n", dyad_store_errmsg(g.store));
    g.fatal = 1;
  }
  /* A reader goes on to the end of its file after a fatal store error;
   * on_doc then passes every document over. */
  for (int i = 0; i < n_files && !g.fatal; i++)
    read_walk(&rd, files[i]);
  /* Every document in flight is coded and stored before the commit. */
  dyad_pool_free(g.pool);
  g.pool = NULL;
  if (!g.fatal && dyad_store_commit(g.store)) {
    fprintf(stderr, "dyad ingest: %s\n", dyad_store_errmsg(g.store));
    g.fatal = 1;
  }
  progress(&g, 1);
  size_t skipped = rd.skipped + g.code_failed + g.store_failed;
  char shown[512]; /* the database as printed: no password */
  dyad_store_printable(db, shown, sizeof shown);
  if (!g.quiet)
    fprintf(stderr,
            "dyad ingest: %zu documents stored (%zu events), %zu replaced, "
            "%zu already present, %zu skipped (%zu unreadable inputs, %zu "
            "not coded, %zu not stored), %zu empty files; database %s\n",
            g.stored, g.events, g.replaced, g.present, skipped, rd.skipped,
            g.code_failed, g.store_failed, rd.empty, shown);
  dyad_store_close(g.store);
  dyad_engine_free(eng);
  dyad_dict_free(dict);
  free(files);
  if (g.fatal || g.store_failed)
    return DYAD_EXIT_STORE;
  if (rd.internal_error || g.internal_error)
    return DYAD_EXIT_INTERNAL;
  return skipped ? DYAD_EXIT_INPUT : DYAD_EXIT_OK;
}

/* recode.c -- `dyad recode`: code the stored documents again after a
 * dictionary change, store the new coding in place of the old, and report
 * what changed.
 *
 * The documents taken are those whose recorded dict_version differs from
 * the version of the dictionaries loaded now (dict_version.c), or every
 * one with --all.  Each is coded again from what the store kept -- its
 * text, publication date and id, exactly what ingest coded -- by the
 * pool's threads (--jobs), and its new coding is compared with the old
 * and stored, on this thread, in the order of the documents' keys: a run
 * with N threads writes what a run with one writes.
 *
 * Comparing two codings: an event's identity is its document, its
 * sentence and its verb's span.  Within one identity, old and new events
 * with the same code, source and target are "unchanged"; the others are
 * paired in stored order and "recoded" (the same identity, another code or
 * other actors); what is left is "added" (new only) or "removed" (old
 * only).  docs/store.md states the rule.
 *
 * Crash safety as in ingest: each document is replaced in a savepoint
 * (all its events, mentions and quotations, and its dict_version, or
 * nothing), and work is committed every --batch documents.  A killed run
 * loses at most its open batch; those documents still carry their old
 * version, so the next run recodes them.  --dry-run codes and compares but
 * writes nothing. */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dyad.h"
#include "pool.h"
#include "store.h"

#define MAX_DICTS 64
#define DEFAULT_MAX_DOC ((size_t)64 << 20)
/* Documents read from the store at a time, and the most text one read
 * may hold (a page stops after the document that passes it). */
#define PAGE_DOCS 64
#define PAGE_BYTES ((size_t)64 << 20)
/* The most events one document may hold in a comparison (a cap on the
 * growing list of old events; a document past it is skipped and named). */
#define MAX_OLD_EVENTS ((size_t)1 << 20)

static const char *recode_help =
    "usage: dyad recode [OPTIONS]\n"
    "\n"
    "Codes the stored documents again with the dictionaries loaded now,\n"
    "stores the new coding in place of the old, and reports the events\n"
    "added, removed, recoded (the same sentence and verb, another code or\n"
    "other actors) and unchanged.  Only documents coded by other\n"
    "dictionaries (their recorded dict_version) are taken, unless --all.\n"
    "\n"
    "options:\n"
    "  --db PATH|URL       the database (default $DYAD_DB, else dyad.db):\n"
    "                      an SQLite file or a postgresql:// URL\n"
    "  --dict FILE         load another dictionary file (repeatable)\n"
    "  --no-builtin        do not load dyad's own dictionaries\n"
    "  --all               recode every document, whatever coded it\n"
    "  --dry-run           code and report, but write nothing\n"
    "  --changes FILE      write one JSON line per changed event (kind,\n"
    "                      doc_id, sentence, verb, old and new code, source\n"
    "                      and target); - is standard output\n"
    "  --jobs N            code with N threads (1-64; default 1); one\n"
    "                      thread writes, in the documents' order\n"
    "  --batch N           commit every N documents (default 500)\n"
    "  --max-doc-bytes N   skip documents longer than N bytes (64 MiB)\n"
    "  --quiet             no progress line (on a terminal: documents done\n"
    "                      of those to recode, docs/s, ETA) and no report\n"
    "  -h, --help          this help\n";

/* ===== Events compared ===== */

/* One event of a coding, old (from the store) or new (from the coder),
 * with its own copies of the strings. */
typedef struct brief {
  long sentence;
  long long verb_start, verb_end;
  char *code, *source, *target, *verb;
  size_t order; /* its position in its coding */
  int matched;
} brief;

typedef struct brief_list {
  brief *v;
  size_t n, cap;
  int failed; /* out of memory or over MAX_OLD_EVENTS */
} brief_list;

static char *dup_n(const char *s, size_t n, int *failed) {
  char *p = malloc(n + 1);
  if (!p) {
    *failed = 1;
    return NULL;
  }
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static void briefs_free(brief_list *l) {
  for (size_t i = 0; i < l->n; i++) {
    free(l->v[i].code);
    free(l->v[i].source);
    free(l->v[i].target);
    free(l->v[i].verb);
  }
  free(l->v);
  memset(l, 0, sizeof *l);
}

/* Appends one event; its strings are copied (n bytes each). */
static void briefs_add(brief_list *l, long sentence, long long vs,
                       long long ve, const char *code, size_t code_n,
                       const char *src, size_t src_n, const char *tgt,
                       size_t tgt_n, const char *verb, size_t verb_n) {
  if (l->failed)
    return;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    brief *v = cap <= MAX_OLD_EVENTS ? realloc(l->v, cap * sizeof *v) : NULL;
    if (!v) {
      l->failed = 1;
      return;
    }
    l->v = v;
    l->cap = cap;
  }
  brief *b = &l->v[l->n];
  memset(b, 0, sizeof *b);
  b->sentence = sentence;
  b->verb_start = vs;
  b->verb_end = ve;
  b->order = l->n;
  l->n++; /* counted now, so briefs_free frees what was copied */
  b->code = dup_n(code, code_n, &l->failed);
  b->source = dup_n(src, src_n, &l->failed);
  b->target = dup_n(tgt, tgt_n, &l->failed);
  b->verb = dup_n(verb, verb_n, &l->failed);
}

static int on_old_event(void *ctx, const dyad_store_event_brief *e) {
  brief_list *l = ctx;
  briefs_add(l, e->sentence, e->verb_start, e->verb_end, e->code,
             strlen(e->code), e->source, strlen(e->source), e->target,
             strlen(e->target), e->verb_text, strlen(e->verb_text));
  return l->failed;
}

static void new_events(brief_list *l, const dyad_doc *doc) {
  size_t n = dyad_doc_event_count(doc);
  for (size_t i = 0; i < n && !l->failed; i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    briefs_add(l, (long)e->sentence, (long long)e->verb_span.start,
               (long long)e->verb_span.end, e->code, strlen(e->code),
               e->source.code.ptr, e->source.code.len, e->target.code.ptr,
               e->target.code.len, e->verb_text.ptr, e->verb_text.len);
  }
}

/* The identity of an event: sentence, then verb span. */
static int identity_cmp(const brief *a, const brief *b) {
  if (a->sentence != b->sentence)
    return a->sentence < b->sentence ? -1 : 1;
  if (a->verb_start != b->verb_start)
    return a->verb_start < b->verb_start ? -1 : 1;
  if (a->verb_end != b->verb_end)
    return a->verb_end < b->verb_end ? -1 : 1;
  return 0;
}

/* By identity, then by position: a stable order. */
static int brief_order(const void *x, const void *y) {
  const brief *a = x, *b = y;
  int c = identity_cmp(a, b);
  if (c)
    return c;
  return a->order < b->order ? -1 : a->order > b->order;
}

static int same_coding(const brief *a, const brief *b) {
  return !strcmp(a->code, b->code) && !strcmp(a->source, b->source) &&
         !strcmp(a->target, b->target);
}

/* ===== The run ===== */

typedef struct recode {
  dyad_store *store;
  const char *dict_version;
  int dry_run, quiet, progress;
  size_t batch, in_batch;
  FILE *changes; /* --changes, or NULL */
  const char *changes_name;
  /* documents */
  size_t taken, recoded, with_changes, code_failed, store_failed;
  /* events */
  size_t added, removed, changed, unchanged;
  int fatal;          /* the database cannot be written: stop */
  int internal_error; /* out of memory, --changes cannot be written */
  dyad_pool *pool;
  size_t page_bytes; /* text read in the current page */
  long long todo;    /* documents to recode, counted at the start */
  struct timespec start;
  dyad_cli_progress pg; /* when the progress line was last drawn */
} recode;

/* A document in the pool: its key and the name the report gives it. */
typedef struct recode_job {
  long long key;
  char *doc_id; /* its id, else its content hash */
} recode_job;

static void job_free(recode_job *j) {
  if (!j)
    return;
  free(j->doc_id);
  free(j);
}

/* A progress line on a terminal (the first at once, then at most twice a
 * second): documents done
 * of those to recode (counted at the start), documents per second and the
 * time left at that rate; the final line gives the time taken. */
static void progress(recode *r, int final) {
  if (!r->progress)
    return;
  struct timespec now;
  if (!dyad_cli_progress_due(&r->pg, final, &now))
    return;
  double t = dyad_cli_seconds(&r->start, &now);
  size_t done = r->recoded + r->code_failed + r->store_failed;
  char when[64];
  if (final) {
    char took[32];
    dyad_cli_clock_text(took, sizeof took, t);
    snprintf(when, sizeof when, "done in %s", took);
  } else {
    char left[32] = "?";
    long long rest = r->todo > (long long)done ? r->todo - (long long)done : 0;
    if (done > 0)
      dyad_cli_clock_text(left, sizeof left, t * (double)rest / (double)done);
    snprintf(when, sizeof when, "ETA %s", left);
  }
  fprintf(stderr, "\rdyad recode: %zu of %lld documents, %.0f docs/s, %s\033[K",
          done, r->todo, t > 0 ? (double)done / t : 0.0, when);
  if (final)
    fputc('\n', stderr);
  fflush(stderr);
}

/* {"code", "source", "target"} of an event, empty codes as null. */
static json_t *coding_json(const brief *b) {
  if (!b)
    return json_null();
  return json_pack("{s:s, s:s?, s:s?}", "code", b->code, "source",
                   *b->source ? b->source : NULL, "target",
                   *b->target ? b->target : NULL);
}

/* One line of --changes: kind, doc_id, sentence, verb and span, old and
 * new coding (null where there is none). */
static int change_line(recode *r, const char *kind, const char *doc_id,
                       const brief *old, const brief *nw) {
  const brief *b = nw ? nw : old;
  json_t *j = json_pack("{s:s, s:s, s:I, s:s?, s:[I, I], s:o, s:o}", "kind",
                        kind, "doc_id", doc_id, "sentence",
                        (json_int_t)b->sentence, "verb",
                        *b->verb ? b->verb : NULL, "verb_span",
                        (json_int_t)b->verb_start, (json_int_t)b->verb_end,
                        "old", coding_json(old), "new", coding_json(nw));
  if (!j)
    return -1;
  int rc = json_dumpf(j, r->changes, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  if (rc || fputc('\n', r->changes) == EOF)
    return -1;
  return 0;
}

/* What one document's new coding changes. */
typedef struct diff {
  size_t added, removed, changed, unchanged;
} diff;

/* Compares the old and new events of a document (both sorted here) and
 * counts the changes; with write set, writes each change to --changes, in
 * the order of their identity: recoded, then added, then removed.
 * Returns -1 when --changes cannot be written. */
static int compare(recode *r, const char *doc_id, brief_list *old,
                   brief_list *nw, int write, diff *d) {
  memset(d, 0, sizeof *d);
  if (old->n)
    qsort(old->v, old->n, sizeof *old->v, brief_order);
  if (nw->n)
    qsort(nw->v, nw->n, sizeof *nw->v, brief_order);
  size_t i = 0, j = 0;
  while (i < old->n || j < nw->n) {
    /* The next identity, and where its events end in each list. */
    const brief *id = i < old->n && (j >= nw->n ||
                                     identity_cmp(&old->v[i], &nw->v[j]) <= 0)
                          ? &old->v[i]
                          : &nw->v[j];
    size_t ie = i, je = j;
    while (ie < old->n && !identity_cmp(&old->v[ie], id))
      ie++;
    while (je < nw->n && !identity_cmp(&nw->v[je], id))
      je++;
    /* The same coding on both sides: unchanged. */
    for (size_t a = j; a < je; a++)
      for (size_t b = i; b < ie; b++)
        if (!old->v[b].matched && same_coding(&old->v[b], &nw->v[a])) {
          old->v[b].matched = nw->v[a].matched = 1;
          d->unchanged++;
          break;
        }
    /* The rest paired in order: recoded; then added, then removed. */
    size_t b = i;
    for (size_t a = j; a < je; a++) {
      if (nw->v[a].matched)
        continue;
      while (b < ie && old->v[b].matched)
        b++;
      if (b < ie) {
        old->v[b].matched = nw->v[a].matched = 1;
        d->changed++;
        if (write && change_line(r, "recoded", doc_id, &old->v[b], &nw->v[a]))
          return -1;
      }
    }
    for (size_t a = j; a < je; a++)
      if (!nw->v[a].matched) {
        d->added++;
        if (write && change_line(r, "added", doc_id, NULL, &nw->v[a]))
          return -1;
      }
    for (b = i; b < ie; b++)
      if (!old->v[b].matched) {
        d->removed++;
        if (write && change_line(r, "removed", doc_id, &old->v[b], NULL))
          return -1;
      }
    i = ie;
    j = je;
  }
  return 0;
}

/* Commits the batch and starts the next one. */
static int next_batch(recode *r) {
  if (dyad_store_commit(r->store) || dyad_store_begin(r->store)) {
    fprintf(stderr, "dyad recode: %s\n", dyad_store_errmsg(r->store));
    r->fatal = 1;
    return -1;
  }
  r->in_batch = 0;
  return 0;
}

/* A document coded again, back from the pool on this thread, in key
 * order: compared with its stored coding, then stored in its place. */
static void emit_doc(void *ctx, void *jobp, dyad_doc *doc, dyad_status st) {
  recode *r = ctx;
  recode_job *j = jobp;
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad recode: %s: %s; document skipped, its old coding "
                    "kept\n",
            j->doc_id, dyad_strerror(st));
    r->code_failed++;
    job_free(j);
    return;
  }
  if (r->fatal) {
    dyad_doc_free(doc);
    job_free(j);
    return;
  }
  brief_list old, nw;
  memset(&old, 0, sizeof old);
  memset(&nw, 0, sizeof nw);
  if (dyad_store_doc_events(r->store, j->key, on_old_event, &old) &&
      !old.failed) {
    fprintf(stderr, "dyad recode: %s: %s; document skipped\n", j->doc_id,
            dyad_store_errmsg(r->store));
    r->store_failed++;
    goto done;
  }
  new_events(&nw, doc);
  if (old.failed || nw.failed) {
    fprintf(stderr, "dyad recode: %s: out of memory (or over %zu events); "
                    "document skipped\n",
            j->doc_id, (size_t)MAX_OLD_EVENTS);
    r->code_failed++;
    r->internal_error = 1;
    goto done;
  }
  diff d;
  compare(r, j->doc_id, &old, &nw, 0, &d);
  if (!r->dry_run &&
      dyad_store_recode(r->store, j->key, r->dict_version, doc)) {
    fprintf(stderr, "dyad recode: %s: %s; document not recoded\n", j->doc_id,
            dyad_store_errmsg(r->store));
    r->store_failed++;
    goto done;
  }
  /* Stored (or a dry run): the changes are written and counted. */
  if (r->changes) {
    for (size_t i = 0; i < old.n; i++)
      old.v[i].matched = 0;
    for (size_t i = 0; i < nw.n; i++)
      nw.v[i].matched = 0;
    if (compare(r, j->doc_id, &old, &nw, 1, &d) && !r->internal_error) {
      fprintf(stderr, "dyad recode: cannot write %s\n", r->changes_name);
      r->internal_error = 1;
    }
  }
  r->recoded++;
  if (d.added || d.removed || d.changed)
    r->with_changes++;
  r->added += d.added;
  r->removed += d.removed;
  r->changed += d.changed;
  r->unchanged += d.unchanged;
  if (!r->dry_run && ++r->in_batch >= r->batch)
    next_batch(r);
done:
  briefs_free(&old);
  briefs_free(&nw);
  dyad_doc_free(doc);
  job_free(j);
  progress(r, 0);
}

/* A page of stored documents: each handed to the pool.  The store has
 * read the page whole, so the pool may emit (and write) meanwhile. */
static int on_stored(void *ctx, const dyad_store_stored *d) {
  recode *r = ctx;
  if (r->fatal)
    return 1;
  r->taken++;
  int failed = 0;
  recode_job *j = calloc(1, sizeof *j);
  if (j) {
    const char *name = d->id ? d->id : d->content_hash ? d->content_hash : "";
    j->key = d->key;
    j->doc_id = dup_n(name, strlen(name), &failed);
  }
  dyad_doc_meta meta = {d->id, d->date};
  if (!j || failed ||
      dyad_pool_submit(r->pool, d->text, d->len, &meta, j)) {
    fprintf(stderr, "dyad recode: %s: out of memory; document skipped\n",
            d->id ? d->id : d->content_hash ? d->content_hash : "?");
    job_free(j);
    r->code_failed++;
    r->internal_error = 1;
  }
  r->page_bytes += d->len;
  return r->page_bytes >= PAGE_BYTES;
}

/* ===== Options ===== */

/* A number from 1 to max, or 0 when val is not one. */
static unsigned long long number(const char *val, unsigned long long max) {
  if (!val || val[0] < '0' || val[0] > '9')
    return 0;
  char *end;
  unsigned long long v = strtoull(val, &end, 10);
  return *end || v > max ? 0 : v;
}

int dyad_cli_recode(int argc, char **argv) {
  const char *db = getenv("DYAD_DB");
  if (!db || !*db)
    db = "dyad.db";
  const char *dicts[MAX_DICTS];
  size_t n_dicts = 0;
  int no_builtin = 0, all = 0, jobs = 1;
  size_t max_doc = DEFAULT_MAX_DOC;
  const char *changes = NULL;
  recode r;
  memset(&r, 0, sizeof r);
  r.batch = 500;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(recode_help, stdout);
      return DYAD_EXIT_OK;
    } else if (!strcmp(a, "--db") && val) {
      db = val;
      i++;
    } else if (!strcmp(a, "--dict") && val) {
      if (n_dicts == MAX_DICTS) {
        fprintf(stderr, "dyad recode: at most %d --dict files\n", MAX_DICTS);
        return DYAD_EXIT_USAGE;
      }
      dicts[n_dicts++] = val;
      i++;
    } else if (!strcmp(a, "--no-builtin")) {
      no_builtin = 1;
    } else if (!strcmp(a, "--all")) {
      all = 1;
    } else if (!strcmp(a, "--dry-run")) {
      r.dry_run = 1;
    } else if (!strcmp(a, "--quiet")) {
      r.quiet = 1;
    } else if (!strcmp(a, "--changes") && val) {
      changes = val;
      i++;
    } else if (!strcmp(a, "--jobs") && val) {
      jobs = (int)number(val, 64);
      if (!jobs) {
        fprintf(stderr, "dyad recode: --jobs wants a number from 1 to 64\n");
        return DYAD_EXIT_USAGE;
      }
      i++;
    } else if (!strcmp(a, "--batch") && val) {
      r.batch = (size_t)number(val, 1000000);
      if (!r.batch) {
        fprintf(stderr, "dyad recode: --batch wants a number 1..1000000\n");
        return DYAD_EXIT_USAGE;
      }
      i++;
    } else if (!strcmp(a, "--max-doc-bytes") && val) {
      max_doc = (size_t)number(val, (unsigned long long)SIZE_MAX);
      if (!max_doc) {
        fprintf(stderr, "dyad recode: --max-doc-bytes wants a number\n");
        return DYAD_EXIT_USAGE;
      }
      i++;
    } else {
      fprintf(stderr, "dyad recode: unknown or incomplete option '%s'\n", a);
      fputs(recode_help, stderr);
      return DYAD_EXIT_USAGE;
    }
  }
  char shown[512]; /* the database as printed: no password */
  dyad_store_printable(db, shown, sizeof shown);
  /* The database first: a wrong --db fails before the dictionaries load.
   * A file must exist: recode makes no database. */
  struct stat sb;
  if (strncmp(db, "postgres", 8) && stat(db, &sb) != 0) {
    fprintf(stderr, "dyad recode: no database at %s (dyad ingest makes one)\n",
            shown);
    return DYAD_EXIT_STORE;
  }
  char *serr = NULL;
  if (dyad_store_open(&r.store, db, &serr)) {
    fprintf(stderr, "dyad recode: cannot open the database %s\n",
            serr ? serr : "(out of memory)");
    free(serr);
    return DYAD_EXIT_STORE;
  }
  dyad_dict *dict = NULL;
  dyad_engine *eng = NULL;
  char version[128];
  int rc = dyad_cli_open_coder("dyad recode", dicts, n_dicts, no_builtin, max_doc,
                               &dict, &eng, version, sizeof version);
  if (rc != DYAD_EXIT_OK) {
    dyad_store_close(r.store);
    return rc;
  }
  int exit_code = DYAD_EXIT_OK;
  if (changes) {
    r.changes_name = changes;
    r.changes = strcmp(changes, "-") ? fopen(changes, "w") : stdout;
    if (!r.changes) {
      fprintf(stderr, "dyad recode: --changes %s: %s\n", changes,
              strerror(errno));
      exit_code = DYAD_EXIT_USAGE;
      goto out;
    }
  }
  long long stored = 0;
  if (dyad_store_count_docs(r.store, NULL, &stored) ||
      dyad_store_count_docs(r.store, all ? NULL : version, &r.todo)) {
    fprintf(stderr, "dyad recode: %s\n", dyad_store_errmsg(r.store));
    exit_code = DYAD_EXIT_STORE;
    goto out;
  }
  r.dict_version = version;
  r.progress = !r.quiet && isatty(fileno(stderr));
  clock_gettime(CLOCK_MONOTONIC, &r.start);
  r.pool = dyad_pool_new(eng, jobs, 0, emit_doc, &r);
  if (!r.pool) {
    fprintf(stderr, "dyad recode: cannot start %d coding threads\n", jobs);
    exit_code = DYAD_EXIT_INTERNAL;
    goto out;
  }
  if (!r.dry_run && dyad_store_begin(r.store)) {
    fprintf(stderr, "dyad recode: %s\n", dyad_store_errmsg(r.store));
    r.fatal = 1;
  }
  long long after = 0;
  while (!r.fatal) {
    long long last = after;
    r.page_bytes = 0;
    if (dyad_store_each_doc(r.store, after, all ? NULL : version, PAGE_DOCS,
                            on_stored, &r, &last)) {
      fprintf(stderr, "dyad recode: %s\n", dyad_store_errmsg(r.store));
      r.fatal = 1;
      break;
    }
    if (last == after)
      break;
    after = last;
  }
  /* Every document in flight is compared and stored before the commit. */
  dyad_pool_free(r.pool);
  r.pool = NULL;
  if (!r.dry_run && !r.fatal && dyad_store_commit(r.store)) {
    fprintf(stderr, "dyad recode: %s\n", dyad_store_errmsg(r.store));
    r.fatal = 1;
  }
  progress(&r, 1);
  if (r.changes && fflush(r.changes) && !r.internal_error) {
    fprintf(stderr, "dyad recode: cannot write %s\n", changes);
    r.internal_error = 1;
  }
  size_t skipped = r.code_failed + r.store_failed;
  if (!r.quiet) {
    /* Counted at the start: a document another process stores meanwhile
     * may be taken too. */
    long long current = stored - r.todo;
    fprintf(stderr,
            "dyad recode%s: %zu documents %s (%zu with changed events), %lld "
            "already coded by these dictionaries, %zu skipped (%zu not "
            "coded, %zu not stored); events: %zu added, %zu removed, %zu "
            "recoded, %zu unchanged; dictionaries %s; database %s\n",
            r.dry_run ? " --dry-run" : "", r.recoded,
            r.dry_run ? "would be recoded" : "recoded", r.with_changes,
            current < 0 ? 0 : current, skipped, r.code_failed,
            r.store_failed, r.added, r.removed, r.changed, r.unchanged,
            version, shown);
  }
  if (r.fatal || r.store_failed)
    exit_code = DYAD_EXIT_STORE;
  else if (r.internal_error)
    exit_code = DYAD_EXIT_INTERNAL;
  else if (skipped)
    exit_code = DYAD_EXIT_INPUT;
out:
  if (r.changes && r.changes != stdout)
    fclose(r.changes);
  dyad_store_close(r.store);
  dyad_engine_free(eng);
  dyad_dict_free(dict);
  return exit_code;
}

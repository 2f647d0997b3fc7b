/* test_alloc_fail.c -- allocation failure through the public allocator
 * hooks (dyad_set_allocator).
 *
 * A counting allocator fails the Nth allocation (malloc or realloc) of one
 * step of the library, for N from 1 to the number of allocations the step
 * makes when nothing fails.  Each run must return DYAD_ERR_NOMEM with its
 * out-parameter untouched -- or DYAD_OK when the failed allocation was
 * optional, and then give exactly the result of a run without failure --
 * never crash, and free everything it allocated: the count of live blocks
 * is back where it was once the result is freed.  The allocator keeps a
 * header on each block, so a double free or the free of a pointer it never
 * gave out is caught too.
 *
 * The steps: dictionaries from small files of every dyad kind and of the
 * TABARI and PETRARCH formats (every N), the built-in dictionaries with
 * them and the engine (its tagger model) -- each over ten thousand
 * allocations, so every N among the first and last 150 and 300 spread in
 * between, 12 and 24 under ASan (DYAD_ALLOC_FAIL_ALL=1 in the
 * environment: every N) --, coding a
 * short story (dateline, dates, a quotation, a pronoun, a place) with and
 * without the trace, and every writer (JSON Lines, TSV, GDELT events and
 * mentions, PETRARCH, PLOVER, quotations), the dictionary lint and the
 * dictionary export (every N).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dyad.h"

/* ===== The counting allocator ===== */

#define MAGIC 0x5AFEC0DEu

/* The header before each block: its size and a mark of being live. */
typedef union hdr {
  struct {
    size_t size;
    unsigned magic;
  } h;
  max_align_t align;
} hdr;

static long n_calls;   /* malloc and realloc calls since the last reset */
static long fail_at;   /* the call that fails (1-based); 0: none fails */
static long n_failed;  /* failures given */
static long live;      /* blocks given out and not freed */
static long bad_frees; /* frees of a block not live (double, foreign) */

static void reset_counts(long fail) {
  n_calls = 0;
  fail_at = fail;
  n_failed = 0;
}

static int should_fail(void) {
  if (++n_calls == fail_at) {
    n_failed++;
    return 1;
  }
  return 0;
}

static void *t_malloc(size_t n) {
  if (should_fail())
    return NULL;
  hdr *h = malloc(sizeof *h + n);
  if (!h)
    return NULL;
  h->h.size = n;
  h->h.magic = MAGIC;
  live++;
  return h + 1;
}

static void *t_realloc(void *p, size_t n) {
  if (!p)
    return t_malloc(n);
  hdr *h = (hdr *)p - 1;
  if (h->h.magic != MAGIC) {
    bad_frees++;
    return NULL;
  }
  if (should_fail())
    return NULL;
  hdr *q = realloc(h, sizeof *q + n);
  if (!q)
    return NULL;
  q->h.size = n;
  return q + 1;
}

static void t_free(void *p) {
  if (!p)
    return;
  hdr *h = (hdr *)p - 1;
  if (h->h.magic != MAGIC) {
    bad_frees++;
    return;
  }
  h->h.magic = 0;
  live--;
  free(h);
}

/* ===== The sweep ===== */

/* One step of the library: run() makes its result from ctx (returning the
 * status), same() says whether a successful result equals the reference
 * (made by the first run), undo() frees the result. */
typedef struct step {
  const char *name;
  dyad_status (*run)(void *ctx);
  int (*same)(void *ctx);
  void (*undo)(void *ctx);
  void (*keep_reference)(void *ctx);
} step;

static int all_n(void) {
  const char *v = getenv("DYAD_ALLOC_FAIL_ALL");
  return v && *v && strcmp(v, "0") != 0;
}

/* The next N after n to fail, of total, or 0 when done: every N when
 * `every`, else the first and last EDGE and SPREAD more in between --
 * fewer under AddressSanitizer, whose allocator makes each of the
 * built-in dictionaries' and tagger's loads slow. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifdef SANITIZED
#define EDGE 12
#define SPREAD 24
#else
#define EDGE 150
#define SPREAD 300
#endif
static long next_n(long n, long total, int every) {
  if (n >= total)
    return 0;
  if (every || n < EDGE || n >= total - EDGE)
    return n + 1;
  long stride = (total - 2 * EDGE) / SPREAD + 1;
  long next = n + stride;
  return next < total - EDGE ? next : total - EDGE;
}

/* Runs s once without failure (the reference: DYAD_OK and its number of
 * allocations), then once for each chosen N with the Nth allocation
 * failing.  Returns the number of allocations of the reference run. */
static long sweep(const step *s, void *ctx, int every) {
  long base = live;
  reset_counts(0);
  dyad_status st = s->run(ctx);
  assert_int_equal(st, DYAD_OK);
  long total = n_calls;
  if (s->keep_reference)
    s->keep_reference(ctx);
  s->undo(ctx);
  assert_int_equal(live, base);

  long runs = 0, optional = 0;
  for (long n = total ? 1 : 0; n; n = next_n(n, total, every)) {
    reset_counts(n);
    st = s->run(ctx);
    long calls = n_calls;
    reset_counts(0);
    if (st == DYAD_OK) {
      /* The failed allocation was optional: the same result anyway. */
      optional++;
      if (!s->same(ctx))
        fail_msg("%s: allocation %ld of %ld failed: DYAD_OK but not the "
                 "same result", s->name, n, total);
      s->undo(ctx);
    } else if (st != DYAD_ERR_NOMEM) {
      fail_msg("%s: allocation %ld of %ld failed: status %d (%s), want "
               "DYAD_ERR_NOMEM", s->name, n, total, (int)st,
               dyad_strerror(st));
    }
    if (calls < n)
      fail_msg("%s: only %ld allocations when %ld failed", s->name, calls,
               n);
    if (live != base)
      fail_msg("%s: allocation %ld of %ld failed: %ld block(s) leaked",
               s->name, n, total, live - base);
    assert_int_equal(bad_frees, 0);
    runs++;
  }
  print_message("%s: %ld allocations, %ld failure runs (%ld optional)\n",
                s->name, total, runs, optional);
  return total;
}

/* ===== Inputs ===== */

/* A short story: a dateline, a date in words, a quotation with its speaker,
 * a pronoun, a place and a compound subject. */
static const char story[] =
    "KYIV, Jan 31 (Wire) - Russian forces shelled Kharkiv on Monday, "
    "Ukraine's defence ministry said.\n\n"
    "\"We condemn this attack,\" said Japan's prime minister, who met "
    "NATO's secretary general in Tokyo on Tuesday. He urged China to "
    "stop its military drills near Taiwan.\n\n"
    "The Freedonian Guard criticized Sylvania. The two sides agreed to "
    "hold talks in Geneva next week.";

/* Small dictionaries of every kind: dyad's formats, TABARI's and
 * PETRARCH's (told by the file names). */
static const struct {
  const char *name, *text;
} dict_files[] = {
    {"t.countries.txt",
     "FRD | name: Freedonia; Republic of Freedonia | adj: Freedonian | "
     "dem: Freedonians | cap: Fredville\n"
     "SYL | name: Sylvania | adj: Sylvanian | dem: | cap: Sylvan City\n"},
    {"t.roles.txt", "MIL | guard; guards; home guard\n"},
    {"t.actors.txt", "FRDMIL | Freedonian Guard; the Guard\n"
                     "IGOFRD | Freedonian League\n"
                     "FRDGOV | Freedonian League\n"}, /* for the lint */
    {"t.people.txt",
     "Rufus Firefly | Firefly | FRDGOV | 1933-01-01 | | president\n"},
    {"t.verbs.txt", "111 | criticize +\n"
                    "0311 | strike a deal with +\n"},
    {"t.reporting.txt", "REPORT | proclaim\n"},
    {"t.actors", "FREEDONIA_  [FRD]\n"
                 "RUFUS_T_FIREFLY  [FRDGOV 330101-391231]\n"},
    {"t.verbs", "DENOUNCE  [111]\n"
                "- * PLANS_FOR +  [112]\n"},
    {"PETR.t.verbs.txt", "--- PRAISE [051] ---\n"
                         "LAUD\n"
                         "- * (FOR EFFORTS) [051]\n"},
};
#define N_DICT_FILES (sizeof dict_files / sizeof dict_files[0])

static char tmp_dir[64];
static char tmp_paths[N_DICT_FILES][128];
static const char *paths[N_DICT_FILES];

static void write_dict_files(void) {
  snprintf(tmp_dir, sizeof tmp_dir, "%s", "/tmp/dyad-allocfail-XXXXXX");
  assert_non_null(mkdtemp(tmp_dir));
  for (size_t i = 0; i < N_DICT_FILES; i++) {
    snprintf(tmp_paths[i], sizeof tmp_paths[i], "%s/%s", tmp_dir,
             dict_files[i].name);
    FILE *f = fopen(tmp_paths[i], "wb");
    assert_non_null(f);
    size_t n = strlen(dict_files[i].text);
    assert_int_equal(fwrite(dict_files[i].text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    paths[i] = tmp_paths[i];
  }
}

static void remove_dict_files(void) {
  for (size_t i = 0; i < N_DICT_FILES; i++)
    unlink(tmp_paths[i]);
  rmdir(tmp_dir);
}

/* ===== Steps: dictionaries ===== */

#define SENTINEL ((void *)(uintptr_t)0x1357)

typedef struct dict_ctx {
  int flags;
  dyad_dict *d;
  dyad_dict_stats ref;
  size_t ref_issues;
} dict_ctx;

static dyad_status dict_run(void *p) {
  dict_ctx *c = p;
  dyad_dict *d = SENTINEL;
  char *err = NULL;
  dyad_status st = dyad_dict_open(&d, paths, N_DICT_FILES, c->flags, &err);
  if (st != DYAD_OK) {
    assert_ptr_equal(d, SENTINEL);
    dyad_free(err);
    return st;
  }
  assert_null(err);
  c->d = d;
  return st;
}

static void dict_keep(void *p) {
  dict_ctx *c = p;
  dyad_dict_get_stats(c->d, &c->ref);
  c->ref_issues = dyad_dict_issue_count(c->d);
}

static int dict_same(void *p) {
  dict_ctx *c = p;
  dyad_dict_stats st;
  dyad_dict_get_stats(c->d, &st);
  return memcmp(&st, &c->ref, sizeof st) == 0 &&
         dyad_dict_issue_count(c->d) == c->ref_issues;
}

static void dict_undo(void *p) {
  dict_ctx *c = p;
  dyad_dict_free(c->d);
  c->d = NULL;
}

static const step dict_step = {"dyad_dict_open", dict_run, dict_same,
                               dict_undo, dict_keep};

static void test_dict_small(void **state) {
  (void)state;
  dict_ctx c = {DYAD_DICT_NO_BUILTIN, NULL, {0}, 0};
  sweep(&dict_step, &c, 1);
  /* The small files loaded: their countries, actors and patterns. */
  assert_true(c.ref.countries >= 2 && c.ref.actors >= 2);
  assert_true(c.ref.verb_patterns >= 4);
}

static void test_dict_builtin(void **state) {
  (void)state;
  dict_ctx c = {0, NULL, {0}, 0};
  sweep(&dict_step, &c, all_n());
}

/* ===== Steps: the dictionary's lint and export ===== */

typedef struct out_ctx {
  const dyad_dict *dict;
  const dyad_doc *doc;
  const char *kind; /* dyad_dict_to_text's kind */
  dyad_status (*write)(const dyad_doc *d, size_t first, size_t count,
                       char **out, size_t *len);
  int whole; /* dyad_doc_to_jsonl/tsv/quotes: by the index in `which` */
  int which;
  char *out;
  size_t len;
  char *ref;
  size_t ref_len;
  dyad_dict_issue *findings;
  size_t n_findings, ref_findings;
} out_ctx;

static dyad_status lint_run(void *p) {
  out_ctx *c = p;
  dyad_dict_issue *f = SENTINEL;
  size_t n = 12345;
  dyad_status st = dyad_dict_lint(c->dict, &f, &n);
  if (st != DYAD_OK) {
    assert_ptr_equal(f, SENTINEL);
    return st;
  }
  c->findings = f;
  c->n_findings = n;
  return st;
}
static void lint_keep(void *p) {
  out_ctx *c = p;
  c->ref_findings = c->n_findings;
}
static int lint_same(void *p) {
  out_ctx *c = p;
  return c->n_findings == c->ref_findings;
}
static void lint_undo(void *p) {
  out_ctx *c = p;
  dyad_dict_lint_free(c->findings, c->n_findings);
  c->findings = NULL;
}

/* Every writer keeps its output in c->out; the reference is a copy made
 * with plain malloc. */
static void out_keep(void *p) {
  out_ctx *c = p;
  c->ref = malloc(c->len + 1);
  assert_non_null(c->ref);
  memcpy(c->ref, c->out, c->len + 1);
  c->ref_len = c->len;
}
static int out_same(void *p) {
  out_ctx *c = p;
  return c->len == c->ref_len && memcmp(c->out, c->ref, c->len) == 0 &&
         c->out[c->len] == '\0';
}
static void out_undo(void *p) {
  out_ctx *c = p;
  dyad_free(c->out);
  c->out = NULL;
}

static dyad_status write_run(void *p);

static void test_dict_lint_export(void **state) {
  (void)state;
  dict_ctx dc = {DYAD_DICT_NO_BUILTIN, NULL, {0}, 0};
  assert_int_equal(dict_run(&dc), DYAD_OK);
  out_ctx c = {0};
  c.dict = dc.d;
  step lint = {"dyad_dict_lint", lint_run, lint_same, lint_undo, lint_keep};
  sweep(&lint, &c, 1);
  assert_true(c.ref_findings >= 1); /* the phrase of two actors */
  static const char *const kinds[] = {"countries", "actors", "roles",
                                      "people",    "verbs",  "reporting"};
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    char name[64];
    snprintf(name, sizeof name, "dyad_dict_to_text %s", kinds[k]);
    c.kind = kinds[k];
    step s = {name, write_run, out_same, out_undo, out_keep};
    sweep(&s, &c, 1);
    free(c.ref);
    c.ref = NULL;
  }
  dict_undo(&dc);
  assert_int_equal(live, 0);
}

/* ===== Steps: the engine, coding, writers ===== */

/* The dictionaries (built-in and the small files) shared by the tests
 * below, made once with the counting allocator and no failure. */
static dyad_dict *shared_dict;

static int group_setup(void **state) {
  (void)state;
  live = 0;
  bad_frees = 0;
  reset_counts(0);
  dyad_set_allocator(t_malloc, t_realloc, t_free);
  write_dict_files();
  return 0;
}

static int group_teardown(void **state) {
  (void)state;
  dyad_dict_free(shared_dict);
  shared_dict = NULL;
  dyad_set_allocator(NULL, NULL, NULL);
  remove_dict_files();
  return live == 0 && bad_frees == 0 ? 0 : -1;
}

static const dyad_dict *get_dict(void) {
  if (!shared_dict) {
    dict_ctx c = {0, NULL, {0}, 0};
    assert_int_equal(dict_run(&c), DYAD_OK);
    shared_dict = c.d;
  }
  return shared_dict;
}

typedef struct engine_ctx {
  dyad_options opts;
  dyad_engine *e;
} engine_ctx;

static dyad_status engine_run(void *p) {
  engine_ctx *c = p;
  dyad_engine *e = SENTINEL;
  dyad_status st = dyad_engine_new(&e, get_dict(), &c->opts);
  if (st != DYAD_OK) {
    assert_ptr_equal(e, SENTINEL);
    return st;
  }
  c->e = e;
  return st;
}
static int engine_same(void *p) { return ((engine_ctx *)p)->e != NULL; }
static void engine_undo(void *p) {
  engine_ctx *c = p;
  dyad_engine_free(c->e);
  c->e = NULL;
}

static void test_engine(void **state) {
  (void)state;
  get_dict();
  long base = live;
  engine_ctx c = {{0}, NULL};
  step s = {"dyad_engine_new", engine_run, engine_same, engine_undo, NULL};
  sweep(&s, &c, all_n());
  assert_int_equal(live, base);
}

typedef struct code_ctx {
  const dyad_engine *e;
  dyad_doc *doc;
  char *ref;      /* the reference's JSON Lines, events then quotes */
  char *trace;    /* and its trace, when the engine records one */
} code_ctx;

/* The document as text that a changed result would change: its events'
 * JSON Lines, its quotations' and its trace.  Made with plain malloc (the
 * writers' own allocations are counted but never fail here). */
static char *doc_text(const dyad_doc *doc) {
  char *ev = NULL, *q = NULL;
  size_t ne = 0, nq = 0;
  long saved = fail_at;
  fail_at = 0;
  assert_int_equal(dyad_doc_to_jsonl(doc, &ev, &ne), DYAD_OK);
  assert_int_equal(dyad_doc_quotes_to_jsonl(doc, &q, &nq), DYAD_OK);
  fail_at = saved;
  dyad_str tr = dyad_doc_trace(doc);
  char *all = malloc(ne + nq + tr.len + 1);
  assert_non_null(all);
  memcpy(all, ev, ne);
  memcpy(all + ne, q, nq);
  if (tr.len)
    memcpy(all + ne + nq, tr.ptr, tr.len);
  all[ne + nq + tr.len] = '\0';
  dyad_free(ev);
  dyad_free(q);
  return all;
}

static dyad_status code_run(void *p) {
  code_ctx *c = p;
  dyad_doc *doc = SENTINEL;
  dyad_doc_meta meta = {"wire-1", "2023-02-01"};
  dyad_status st = dyad_code(c->e, story, strlen(story), &meta, &doc);
  if (st != DYAD_OK) {
    assert_ptr_equal(doc, SENTINEL);
    return st;
  }
  c->doc = doc;
  return st;
}
static void code_keep(void *p) {
  code_ctx *c = p;
  c->ref = doc_text(c->doc);
}
static int code_same(void *p) {
  code_ctx *c = p;
  char *now = doc_text(c->doc);
  int same = strcmp(now, c->ref) == 0;
  free(now);
  return same;
}
static void code_undo(void *p) {
  code_ctx *c = p;
  dyad_doc_free(c->doc);
  c->doc = NULL;
}

static void code_with(int flags) {
  engine_ctx ec = {{0}, NULL};
  ec.opts.flags = flags;
  assert_int_equal(engine_run(&ec), DYAD_OK);
  long base = live;
  code_ctx c = {ec.e, NULL, NULL, NULL};
  step s = {"dyad_code", code_run, code_same, code_undo, code_keep};
  sweep(&s, &c, 1);
  /* The story codes to events and its quotation is found. */
  assert_non_null(strstr(c.ref, "\"doc_id\":\"wire-1\""));
  assert_non_null(strstr(c.ref, "\"code\":\"JPNGOV\""));
  assert_non_null(strstr(c.ref, "\"resolved_from\":\"He\""));
  assert_non_null(strstr(c.ref, "\"name\":\"Tokyo\""));
  assert_non_null(strstr(c.ref, "We condemn this attack"));
  if (flags & DYAD_OPT_TRACE)
    assert_non_null(strstr(c.ref, "Kharkiv"));
  free(c.ref);
  assert_int_equal(live, base);
  engine_undo(&ec);
}

static void test_code(void **state) {
  (void)state;
  code_with(0);
}

static void test_code_trace(void **state) {
  (void)state;
  code_with(DYAD_OPT_TRACE | DYAD_OPT_KEEP_NEGATED | DYAD_OPT_ONE_ACTOR);
}

/* Writes c's output: the dictionary's text of c->kind, or the document
 * through the writer c->whole or c->write names. */
static dyad_status write_run(void *p) {
  out_ctx *c = p;
  char *out = SENTINEL;
  size_t len = 0;
  dyad_status st;
  if (c->kind)
    st = dyad_dict_to_text(c->dict, c->kind, &out, &len);
  else if (c->whole == 1)
    st = dyad_doc_to_jsonl(c->doc, &out, &len);
  else if (c->whole == 2)
    st = dyad_doc_to_tsv(c->doc, &out, &len);
  else if (c->whole == 3)
    st = dyad_doc_quotes_to_jsonl(c->doc, &out, &len);
  else
    st = c->write(c->doc, 0, dyad_doc_event_count(c->doc), &out, &len);
  if (st != DYAD_OK) {
    assert_ptr_equal(out, SENTINEL);
    return st;
  }
  c->out = out;
  c->len = len;
  return st;
}

static void test_writers(void **state) {
  (void)state;
  engine_ctx ec = {{0}, NULL};
  ec.opts.flags = DYAD_OPT_KEEP_NEGATED;
  assert_int_equal(engine_run(&ec), DYAD_OK);
  code_ctx cc = {ec.e, NULL, NULL, NULL};
  assert_int_equal(code_run(&cc), DYAD_OK);
  assert_true(dyad_doc_event_count(cc.doc) >= 3);
  long base = live;
  static const struct {
    const char *name;
    int whole;
    dyad_status (*write)(const dyad_doc *, size_t, size_t, char **,
                         size_t *);
  } writers[] = {
      {"dyad_doc_to_jsonl", 1, NULL},
      {"dyad_doc_to_tsv", 2, NULL},
      {"dyad_doc_quotes_to_jsonl", 3, NULL},
      {"dyad_doc_events_to_jsonl", 0, dyad_doc_events_to_jsonl},
      {"dyad_doc_events_to_tsv", 0, dyad_doc_events_to_tsv},
      {"dyad_doc_events_to_gdelt", 0, dyad_doc_events_to_gdelt},
      {"dyad_doc_events_to_gdelt_mentions", 0,
       dyad_doc_events_to_gdelt_mentions},
      {"dyad_doc_events_to_petrarch", 0, dyad_doc_events_to_petrarch},
      {"dyad_doc_events_to_plover", 0, dyad_doc_events_to_plover},
  };
  for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
    out_ctx c = {0};
    c.doc = cc.doc;
    c.whole = writers[i].whole;
    c.write = writers[i].write;
    step s = {writers[i].name, write_run, out_same, out_undo, out_keep};
    sweep(&s, &c, 1);
    assert_true(c.ref_len > 0);
    free(c.ref);
    assert_int_equal(live, base);
  }
  code_undo(&cc);
  engine_undo(&ec);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dict_small),
      cmocka_unit_test(test_dict_lint_export),
      cmocka_unit_test(test_code),
      cmocka_unit_test(test_code_trace),
      cmocka_unit_test(test_writers),
      cmocka_unit_test(test_engine),
      cmocka_unit_test(test_dict_builtin),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

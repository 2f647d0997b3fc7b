/* fuzz_query.c -- libFuzzer entry point: arbitrary query filters and
 * --count-by keys through dyad_store_query and dyad_store_count_by
 * (src/store, SQLite) on a small store made once in a scratch directory.
 *
 * Input: byte 0 picks --quad (byte % 6: 0 is any, 5 out of range) and,
 * with its high bit, the first query's GDELT rows (--format gdelt); byte 1
 * --limit (0..255); then newline-separated values for, in order, the
 * count-by key, --actor, --source, --target, --code, --root, --since,
 * --until, --place and --text (a missing value is no filter; an empty one
 * is the empty string).  Promises checked, beside no crash, leak or
 * undefined behaviour: a query either fails with a message or returns
 * rows with every string set, no more than --limit, each a stored event;
 * the counts of a count-by add up to the rows of the same query without a
 * limit (nor GDELT's row choice); and the store is left as it was (its stats unchanged), whatever
 * the values (quotes, semicolons, SQL, FTS5 syntax, NUL-free bytes). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dyad_store *store;
static dyad_store_stats base;
static char db_path[512];

/* At exit: the store closed and its files (SQLite's -wal and -shm too)
 * removed, so `make fuzz-replay` leaves nothing behind. */
static void cleanup(void) {
  dyad_store_close(store);
  char p[600];
  remove(db_path);
  snprintf(p, sizeof p, "%s-wal", db_path);
  remove(p);
  snprintf(p, sizeof p, "%s-shm", db_path);
  remove(p);
}

/* Small stories with dated events, places and quotes: the store's rows. */
static const struct {
  const char *id, *date, *text;
} docs[] = {
    {"a", "2023-02-01",
     "Japanese Prime Minister Fumio Kishida met NATO Secretary General Jens "
     "Stoltenberg in Tokyo on Tuesday. The two leaders condemned Russia and "
     "urged China to act. \"China threatens Taiwan,\" Stoltenberg said."},
    {"b", "2022-03-14",
     "Russian forces shelled Kharkiv on Sunday. Ukraine accused Russia of war "
     "crimes. The United States imposed sanctions on Russia."},
    {"c", "2021-07-05",
     "Israeli police arrested Palestinian protesters in Jerusalem. Egypt "
     "called for calm and Jordan condemned the raid."},
    {"d", NULL, "France praised Germany. Germany thanked France."},
    {"e", "2023-02-06",
     "Turkey asked NATO for help after the earthquake. NATO promised aid to "
     "Turkey on Monday."}};

static void setup(void) {
  const char *tmp = getenv("TMPDIR");
  char *path = db_path;
  snprintf(db_path, sizeof db_path, "%s/dyad-fuzz-query-%ld.db",
           tmp && *tmp ? tmp : "/tmp", (long)getpid());
  remove(path);
  dyad_dict *dict = NULL;
  dyad_engine *eng = NULL;
  char *err = NULL;
  if (dyad_store_open(&store, path, &err) ||
      dyad_dict_open(&dict, NULL, 0, 0, NULL) != DYAD_OK ||
      dyad_engine_new(&eng, dict, NULL) != DYAD_OK || dyad_store_begin(store))
    abort();
  for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
    dyad_doc_meta meta = {docs[i].id, docs[i].date};
    dyad_doc *doc = NULL;
    size_t len = strlen(docs[i].text);
    if (dyad_code(eng, docs[i].text, len, &meta, &doc) != DYAD_OK)
      abort();
    dyad_store_doc sd = {docs[i].id, NULL,         NULL, "fuzz",
                         docs[i].date, docs[i].text, len,  "fuzz"};
    int outcome;
    if (dyad_store_put(store, &sd, doc, 0, &outcome))
      abort();
    dyad_doc_free(doc);
  }
  if (dyad_store_commit(store) || dyad_store_get_stats(store, &base) ||
      base.events < 5)
    abort();
  dyad_engine_free(eng);
  dyad_dict_free(dict);
  atexit(cleanup);
}

typedef struct tally {
  long rows, limit, counted;
} tally;

static int on_row(void *ctx, const dyad_store_row *r) {
  tally *t = ctx;
  if (!r->doc_id || !r->date || !r->source || !r->target || !r->code ||
      !r->root || !r->source_text || !r->target_text || !r->verb_text ||
      !r->place || !r->place_country || !r->text || r->num_articles < 1 ||
      r->quad_class < 0 || r->quad_class > 4)
    abort();
  t->rows++;
  if (t->limit > 0 && t->rows > t->limit)
    abort();
  return 0;
}

static int on_group(void *ctx, const char *key, long count, double mean) {
  tally *t = ctx;
  (void)mean;
  if (!key || count < 1)
    abort();
  t->counted += count;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!store)
    setup();
  if (size < 2)
    return 0;
  /* Ten values; the copy gives each one a terminating NUL. */
  char *copy = malloc(size - 1);
  if (!copy)
    return 0;
  memcpy(copy, data + 2, size - 2);
  copy[size - 2] = '\0';
  if (strlen(copy) != size - 2) { /* a NUL byte: no C string carries it */
    free(copy);
    return 0;
  }
  const char *v[10] = {NULL};
  char *p = copy;
  for (size_t i = 0; i < 10 && p; i++) {
    v[i] = p;
    p = strchr(p, '\n');
    if (p)
      *p++ = '\0';
  }
  dyad_store_filter f = {.actor = v[1], .source = v[2], .target = v[3],
                         .code = v[4], .root = v[5], .quad = data[0] % 6,
                         .since = v[6], .until = v[7], .place = v[8],
                         .text = v[9], .limit = data[1],
                         .gdelt = (data[0] & 0x80) != 0};
  tally limited = {0, f.limit, 0};
  if (dyad_store_query(store, &f, on_row, &limited) == 0) {
    if (limited.rows > base.events)
      abort();
  } else if (!dyad_store_errmsg(store)[0]) {
    abort();
  }
  f.limit = 0;
  f.gdelt = 0;
  tally all = {0, 0, 0};
  int q = dyad_store_query(store, &f, on_row, &all);
  if (v[0]) {
    tally groups = {0, 0, 0};
    int c = dyad_store_count_by(store, &f, v[0], on_group, &groups);
    if (c == 0 && q == 0 && groups.counted != all.rows)
      abort();
    if (c != 0 && !dyad_store_errmsg(store)[0])
      abort();
  }
  dyad_store_stats now;
  if (dyad_store_get_stats(store, &now) || now.documents != base.documents ||
      now.events != base.events || now.quotes != base.quotes ||
      now.distinct_events != base.distinct_events ||
      strcmp(now.first_date, base.first_date) ||
      strcmp(now.last_date, base.last_date))
    abort();
  free(copy);
  return 0;
}

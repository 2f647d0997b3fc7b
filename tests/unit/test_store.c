/* test_store.c -- unit tests of the store (src/store): the SQL a filter
 * becomes (placeholders only, values never in the SQL text, both
 * dialects), the full-text query quoting, the limits, and a round trip
 * through an in-memory SQLite store: put, find, idempotence by id and by
 * content hash, replace, query with filters, count-by and stats; the
 * actor prefix's index range, and query plans that use the indexes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <unistd.h>

#include "dyad.h"
#include "store.h"
#include "store_sql.h"

static const char *evil[] = {"x' OR '1'='1", "\"; DROP TABLE events; --",
                             "'); DELETE FROM documents; --", "%", "NEAR(a b)"};

/* ===== The SQL of filters ===== */

static size_t count_char(const char *s, char c) {
  size_t n = 0;
  for (; *s; s++)
    n += *s == c;
  return n;
}

static void test_where_binds_every_value(void **state) {
  (void)state;
  for (size_t k = 0; k < sizeof evil / sizeof evil[0]; k++) {
    dyad_store_filter f;
    memset(&f, 0, sizeof f);
    f.actor = f.source = f.target = f.code = f.root = f.since = f.until =
        f.place = f.text = evil[k];
    f.quad = 2;
    store_where w;
    char err[256];
    assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, err), 0);
    /* No value reaches the SQL text; each is a parameter. */
    assert_null(strstr(w.sql, evil[k]));
    assert_null(strstr(w.sql, "DROP"));
    assert_null(strstr(w.sql, "DELETE"));
    assert_int_equal(count_char(w.sql, '?'), (size_t)w.n);
    assert_int_equal(count_char(w.sql, '\''), 0);
    int found = 0;
    for (int i = 0; i < w.n; i++)
      if (w.p[i].s && !strcmp(w.p[i].s, evil[k]))
        found++;
    /* actor (2 x 4: the range's lower end, substr's two, the country),
     * source (4), target (4), code, root, since, until, place (2): 22;
     * the text goes in quoted for FTS5. */
    assert_int_equal(found, 22);
  }
}

static void test_where_postgres_numbers_placeholders(void **state) {
  (void)state;
  dyad_store_filter f;
  memset(&f, 0, sizeof f);
  f.source = "JPN";
  f.code = "042";
  f.quad = 1;
  store_where w;
  char err[256];
  assert_int_equal(store_sql_where(&f, STORE_POSTGRES, &w, err), 0);
  assert_non_null(strstr(w.sql, "$1"));
  assert_non_null(strstr(w.sql, "$7"));
  assert_null(strstr(w.sql, "?"));
  assert_int_equal(w.n, 7);
  assert_string_equal(w.p[1].s, "JPO"); /* the prefix's upper bound */
  assert_non_null(strstr(w.sql, "COLLATE \"C\""));
  assert_null(w.p[6].s);
  assert_int_equal(w.p[6].i, 1);
}

/* The prefix range of an actor code: JPN -> [JPN, JPO); none for a code
 * that is not printable ASCII (the exact test alone). */
static void test_where_prefix_range(void **state) {
  (void)state;
  dyad_store_filter f;
  memset(&f, 0, sizeof f);
  store_where w;
  char err[256];
  f.source = "JPN";
  assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, err), 0);
  assert_int_equal(w.n, 5);
  assert_string_equal(w.p[0].s, "JPN");
  assert_string_equal(w.p[1].s, "JPO");
  assert_non_null(strstr(w.sql, "e.source_code >= ? AND e.source_code < ?"));
  f.source = "AB~";
  assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, err), 0);
  assert_string_equal(w.p[1].s, "AB\x7f");
  const char *no_range[] = {"J\xc3\xa9", "A\tB", ""};
  for (size_t k = 0; k < sizeof no_range / sizeof no_range[0]; k++) {
    f.source = no_range[k];
    assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, err), 0);
    assert_int_equal(w.n, 3);
    assert_null(strstr(w.sql, ">="));
  }
}

/* The indexes serve the filters (docs/store.md): an actor's events come
 * from the code and country indexes (SQLite's multi-index OR), not a scan
 * of every event; a date range from events_date; counts by root from the
 * covering index events_root. */
static void test_indexes_serve_filters(void **state) {
  (void)state;
  char path[] = "/tmp/dyad-test-store-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  unlink(path);
  dyad_store *s = NULL;
  char *err = NULL;
  assert_int_equal(dyad_store_open(&s, path, &err), 0);
  dyad_store_close(s);
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  struct {
    const char *actor, *since, *head, *want, *not_want;
  } cases[] = {
      {"USA", NULL, "SELECT e.event_id FROM events e", "events_source_country",
       "SCAN e"},
      {NULL, "2020-01-01", "SELECT e.event_id FROM events e", "events_date",
       "SCAN e"},
      {NULL, NULL, "SELECT e.root, COUNT(*), AVG(e.goldstein) FROM events e",
       "COVERING INDEX events_root", NULL},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    dyad_store_filter f;
    memset(&f, 0, sizeof f);
    f.actor = cases[k].actor;
    f.since = cases[k].since;
    store_where w;
    char e2[256], sql[8192], plan[2048] = "";
    assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, e2), 0);
    snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s WHERE 1 = 1%s%s",
             cases[k].head, w.sql,
             strstr(cases[k].head, "COUNT") ? " GROUP BY e.root" : "");
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    for (int i = 0; i < w.n; i++)
      sqlite3_bind_text(st, i + 1, w.p[i].s, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
      size_t n = strlen(plan);
      snprintf(plan + n, sizeof plan - n, "%s; ",
               (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    if (!strstr(plan, cases[k].want) ||
        (cases[k].not_want && strstr(plan, cases[k].not_want)))
      fail_msg("case %zu: plan '%s'", k, plan);
  }
  sqlite3_close(db);
  unlink(path);
  char side[sizeof path + 8];
  snprintf(side, sizeof side, "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", path);
  unlink(side);
}

static void test_where_limits(void **state) {
  (void)state;
  dyad_store_filter f;
  memset(&f, 0, sizeof f);
  store_where w;
  char err[256];
  f.quad = 5;
  assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, err), -1);
  assert_non_null(strstr(err, "quad"));
  f.quad = 0;
  char *big = malloc(STORE_MAX_FILTER + 2);
  assert_non_null(big);
  memset(big, 'a', STORE_MAX_FILTER + 1);
  big[STORE_MAX_FILTER + 1] = '\0';
  f.place = big;
  assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, err), -1);
  assert_non_null(strstr(err, "place"));
  free(big);
  /* An empty filter: no condition at all. */
  memset(&f, 0, sizeof f);
  assert_int_equal(store_sql_where(&f, STORE_SQLITE, &w, err), 0);
  assert_string_equal(w.sql, "");
  assert_int_equal(w.n, 0);
}

static void test_fts_query_quotes_words(void **state) {
  (void)state;
  char out[128];
  int n = 0;
  assert_int_equal(store_sql_fts_query("  war  crimes ", out, sizeof out, &n),
                   0);
  assert_string_equal(out, "\"war\" \"crimes\"");
  assert_int_equal(n, 2);
  assert_int_equal(store_sql_fts_query("x\" OR NEAR(y)", out, sizeof out, &n),
                   0);
  assert_string_equal(out, "\"x\"\"\" \"OR\" \"NEAR(y)\"");
  assert_int_equal(store_sql_fts_query("   ", out, sizeof out, &n), 0);
  assert_int_equal(n, 0);
  char small[6];
  assert_int_equal(store_sql_fts_query("abcdefgh", small, sizeof small, &n),
                   -1);
}

/* ===== A round trip through SQLite ===== */

typedef struct seen {
  size_t rows;
  char last_doc[64];
  long articles;
} seen;

static int on_row(void *ctx, const dyad_store_row *r) {
  seen *s = ctx;
  s->rows++;
  snprintf(s->last_doc, sizeof s->last_doc, "%s", r->doc_id);
  s->articles = r->num_articles;
  return 0;
}

static int on_group(void *ctx, const char *key, long count, double mean) {
  seen *s = ctx;
  s->rows++;
  snprintf(s->last_doc, sizeof s->last_doc, "%s", key);
  s->articles = count;
  (void)mean;
  return 0;
}

static dyad_doc *code(const dyad_engine *e, const char *text, const char *id,
                      const char *date) {
  dyad_doc_meta meta = {id, date};
  dyad_doc *d = NULL;
  assert_int_equal(dyad_code(e, text, strlen(text), &meta, &d), DYAD_OK);
  return d;
}

static int put(dyad_store *s, const dyad_engine *e, const char *id,
               const char *text, int replace) {
  dyad_doc *doc = code(e, text, id, "2023-03-02");
  dyad_store_doc sd = {id,   NULL, NULL,         NULL,
                       "2023-03-02", text, strlen(text), "test"};
  int outcome = -1;
  assert_int_equal(dyad_store_put(s, &sd, doc, replace, &outcome), 0);
  dyad_doc_free(doc);
  return outcome;
}

static void test_round_trip(void **state) {
  (void)state;
  dyad_dict *dict = NULL;
  assert_int_equal(dyad_dict_open(&dict, NULL, 0, 0, NULL), DYAD_OK);
  dyad_engine *eng = NULL;
  assert_int_equal(dyad_engine_new(&eng, dict, NULL), DYAD_OK);
  dyad_store *s = NULL;
  char *err = NULL;
  assert_int_equal(dyad_store_open(&s, ":memory:", &err), 0);
  const char *t1 = "Ukraine accused Russia of war crimes.";
  const char *t2 = "Officials said Ukraine accused Russia of war crimes.";
  assert_int_equal(dyad_store_begin(s), 0);
  assert_int_equal(put(s, eng, "d1", t1, 0), DYAD_STORE_STORED);
  assert_int_equal(put(s, eng, "d2", t2, 0), DYAD_STORE_STORED);
  assert_int_equal(put(s, eng, "d1", t1, 0), DYAD_STORE_PRESENT);
  assert_int_equal(put(s, eng, NULL, "China threatened Taiwan.", 0),
                   DYAD_STORE_STORED);
  assert_int_equal(put(s, eng, NULL, "China threatened Taiwan.", 0),
                   DYAD_STORE_PRESENT);
  assert_int_equal(put(s, eng, "d1", t1, 1), DYAD_STORE_REPLACED);
  assert_int_equal(dyad_store_commit(s), 0);

  dyad_store_doc probe = {"d2", NULL, NULL, NULL, NULL, t2, strlen(t2), ""};
  int found = -1;
  assert_int_equal(dyad_store_find(s, &probe, &found), 0);
  assert_int_equal(found, DYAD_STORE_PRESENT);
  probe.id = "d9";
  assert_int_equal(dyad_store_find(s, &probe, &found), 0);
  assert_int_equal(found, DYAD_STORE_ABSENT);

  dyad_store_filter f;
  memset(&f, 0, sizeof f);
  f.source = "UKR";
  f.target = "RUS";
  seen sn = {0, "", 0};
  assert_int_equal(dyad_store_query(s, &f, on_row, &sn), 0);
  assert_int_equal(sn.rows, 2);
  assert_int_equal(sn.articles, 2); /* the same event in two stories */
  memset(&sn, 0, sizeof sn);
  f.text = "officials";
  assert_int_equal(dyad_store_query(s, &f, on_row, &sn), 0);
  assert_int_equal(sn.rows, 1);
  assert_string_equal(sn.last_doc, "d2");
  for (size_t k = 0; k < sizeof evil / sizeof evil[0]; k++) {
    memset(&f, 0, sizeof f);
    f.actor = f.code = f.place = f.text = evil[k];
    memset(&sn, 0, sizeof sn);
    assert_int_equal(dyad_store_query(s, &f, on_row, &sn), 0);
    assert_int_equal(sn.rows, 0);
  }
  memset(&f, 0, sizeof f);
  memset(&sn, 0, sizeof sn);
  f.root = "11";
  assert_int_equal(dyad_store_count_by(s, &f, "dyad", on_group, &sn), 0);
  assert_int_equal(sn.rows, 1);
  assert_string_equal(sn.last_doc, "UKR:RUS");
  assert_int_equal(sn.articles, 2);
  assert_int_equal(dyad_store_count_by(s, &f, "year'--", on_group, &sn), -1);
  assert_non_null(strstr(dyad_store_errmsg(s), "cannot count by"));

  dyad_store_stats st;
  assert_int_equal(dyad_store_get_stats(s, &st), 0);
  assert_int_equal(st.documents, 3);
  assert_int_equal(st.events, 3);
  assert_int_equal(st.distinct_events, 2);
  assert_string_equal(st.first_date, "2023-03-02");
  dyad_store_close(s);
  dyad_engine_free(eng);
  dyad_dict_free(dict);
}

static void test_open_refuses(void **state) {
  (void)state;
  dyad_store *s = NULL;
  char *err = NULL;
  /* A PostgreSQL URL whose server is not there: refused with a message
   * naming PostgreSQL (tests/run_store_pg.sh tests a live server). */
  assert_int_equal(
      dyad_store_open(&s, "postgresql:///x?host=/nonexistent-dir&port=1",
                      &err),
      -1);
  assert_null(s);
  assert_non_null(strstr(err, "PostgreSQL"));
  assert_non_null(strstr(err, "cannot connect"));
  free(err);
  err = NULL;
  assert_int_equal(dyad_store_open(&s, "/nonexistent-dir/x/y.db", &err), -1);
  assert_null(s);
  assert_non_null(err);
  free(err);
  dyad_store_close(NULL);
}

/* A PostgreSQL URL's password never reaches a message: user:PASSWORD@ and
 * a password= parameter are masked, the rest kept; a file path is kept;
 * a short buffer cuts, never overflows. */
static void test_printable_masks_passwords(void **state) {
  char out[256];
  dyad_store_printable("postgresql://ann:s3cret@db.example.org:5432/ev", out,
                       sizeof out);
  assert_string_equal(out, "postgresql://ann:***@db.example.org:5432/ev");
  dyad_store_printable("postgres://ann:p@ss:w@rd@host/ev?sslmode=require",
                       out, sizeof out);
  assert_string_equal(out, "postgres://ann:***@host/ev?sslmode=require");
  dyad_store_printable(
      "postgresql:///ev?host=/run/pg&password=s3cret&user=ann", out,
      sizeof out);
  assert_string_equal(out,
                      "postgresql:///ev?host=/run/pg&password=***&user=ann");
  dyad_store_printable("postgresql://ann@host/ev", out, sizeof out);
  assert_string_equal(out, "postgresql://ann@host/ev");
  /* A colon after the host (a port) is not a password. */
  dyad_store_printable("postgresql://host:5432/ev?user=a@b", out, sizeof out);
  assert_string_equal(out, "postgresql://host:5432/ev?user=a@b");
  dyad_store_printable("data/my:file@x.db", out, sizeof out);
  assert_string_equal(out, "data/my:file@x.db");
  char small[12];
  dyad_store_printable("postgresql://ann:s3cret@host/ev", small,
                       sizeof small);
  assert_string_equal(small, "postgresql:");
  assert_null(strstr(small, "s3cret"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_where_binds_every_value),
      cmocka_unit_test(test_where_postgres_numbers_placeholders),
      cmocka_unit_test(test_where_limits),
      cmocka_unit_test(test_where_prefix_range),
      cmocka_unit_test(test_indexes_serve_filters),
      cmocka_unit_test(test_fts_query_quotes_words),
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_open_refuses),
      cmocka_unit_test(test_printable_masks_passwords),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

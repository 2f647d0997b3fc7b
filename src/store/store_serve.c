/* store_serve.c -- the queries `dyad serve` needs beyond `dyad query`:
 * sorted pages of events with their total, series per period stacked by
 * quad class, places with coordinates, and one document with its events'
 * spans and its quotations (store.h, "For dyad serve").
 *
 * Written once for both backends: each query is SQL text chosen from fixed
 * pieces by dialect, with every value a parameter (store_sql_where and
 * store_sql_param_*), run by the backend's store_rows.  The orders are
 * total (ties broken by date, document and position) and sort text
 * byte-wise with undated rows first in both backends, so SQLite and
 * PostgreSQL return the same rows in the same order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_sql.h"

/* The longest statement built here (fixed text plus the filter's
 * conditions, which store_sql_where caps). */
#define SERVE_SQL_MAX 8192

/* ===== Shared pieces ===== */

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Reads the STORE_QUERY_COLUMNS of a row (23), from column 0. */
static void read_row(const store_cols *c, dyad_store_row *r) {
  r->doc_id = or_empty(c->text(c, 0));
  r->date = or_empty(c->text(c, 1));
  r->source = or_empty(c->text(c, 2));
  r->target = or_empty(c->text(c, 3));
  r->code = or_empty(c->text(c, 4));
  r->root = or_empty(c->text(c, 5));
  r->quad_class = (int)c->integer(c, 6);
  r->goldstein = c->real(c, 7);
  r->source_text = or_empty(c->text(c, 8));
  r->target_text = or_empty(c->text(c, 9));
  r->verb_text = or_empty(c->text(c, 10));
  r->place = or_empty(c->text(c, 11));
  r->place_country = or_empty(c->text(c, 12));
  r->confidence = c->real(c, 13);
  r->sentence = c->integer(c, 14);
  r->num_articles = c->integer(c, 15);
  r->text = or_empty(c->text(c, 16));
  r->source_name = or_empty(c->text(c, 17));
  r->source_country = or_empty(c->text(c, 18));
  r->source_role = or_empty(c->text(c, 19));
  r->target_name = or_empty(c->text(c, 20));
  r->target_country = or_empty(c->text(c, 21));
  r->target_role = or_empty(c->text(c, 22));
  r->doc_mentions = 0;
  r->occurrence = 0;
}

/* The filter's conditions in the store's dialect, into w.  A bad filter
 * sets the store's message. */
static int where(dyad_store *s, const dyad_store_filter *f, store_where *w) {
  char err[256];
  if (store_sql_where(f, store_dialect(s), w, err)) {
    store_set_msg(s, err);
    return -1;
  }
  return 0;
}

/* Appends " LIMIT ? OFFSET ?" (a limit of 0: every row). */
static int add_limit(store_where *w, long limit, long offset) {
  int r = 0;
  if (limit > 0) {
    r |= store_sql_add(w, " LIMIT ");
    r |= store_sql_param_int(w, limit);
  } else if (offset > 0 && w->dialect == STORE_SQLITE) {
    r |= store_sql_add(w, " LIMIT -1"); /* SQLite: OFFSET needs a LIMIT */
  }
  if (offset > 0) {
    r |= store_sql_add(w, " OFFSET ");
    r |= store_sql_param_int(w, offset);
  }
  return r;
}

/* The events the filter reads: documents are joined only when a
 * condition needs them (PostgreSQL's full-text search); SQLite's reads
 * e.doc alone. */
static const char *events_from(dyad_store *s, const dyad_store_filter *f) {
  return store_dialect(s) == STORE_POSTGRES && f->text
             ? " FROM events e JOIN documents d ON d.doc_key = e.doc"
             : " FROM events e";
}

/* head + from + " WHERE 1 = 1" + w's text into sql[SERVE_SQL_MAX]. */
static int compose(dyad_store *s, char *sql, const char *head,
                   const char *from, const store_where *w) {
  int n = snprintf(sql, SERVE_SQL_MAX, "%s%s WHERE 1 = 1%s", head, from,
                   w->sql);
  if (n < 0 || n >= SERVE_SQL_MAX) {
    store_set_msg(s, "the filters make a query too long");
    return -1;
  }
  return 0;
}

static int too_long(dyad_store *s) {
  store_set_msg(s, "the filters make a query too long");
  return -1;
}

/* ===== Sorted pages ===== */

/* The ORDER BY of a sort in a dialect, into out[cap]; -1 when the sort is
 * unknown.  Text sorts byte-wise and NULL sorts first ascending (last
 * descending) in both dialects, as SQLite does by default. */
static int order_by(const char *sort, int dialect, char *out, size_t cap) {
  static const struct {
    const char *name, *col;
    int text;
  } keys[] = {{"date", "e.date", 1},          {"goldstein", "e.goldstein", 0},
              {"code", "e.code", 1},          {"source", "e.source_code", 1},
              {"target", "e.target_code", 1}, {NULL, NULL, 0}};
  int desc = 0;
  if (!sort)
    sort = "date";
  if (*sort == '-') {
    desc = 1;
    sort++;
  }
  int pg = dialect == STORE_POSTGRES;
  for (int i = 0; keys[i].name; i++) {
    if (strcmp(sort, keys[i].name))
      continue;
    const char *tie = pg ? "e.date COLLATE \"C\" NULLS FIRST, e.doc, e.idx"
                         : "e.date, e.doc, e.idx";
    int n;
    if (i == 0 && !desc) /* by date: date, document, position */
      n = snprintf(out, cap, "%s", tie);
    else
      n = snprintf(out, cap, "%s%s%s%s, %s", keys[i].col,
                   pg && keys[i].text ? " COLLATE \"C\"" : "",
                   desc ? " DESC" : "",
                   pg ? (desc ? " NULLS LAST" : " NULLS FIRST") : "", tie);
    return n > 0 && (size_t)n < cap ? 0 : -1;
  }
  return -1;
}

int dyad_store_sort_ok(const char *sort) {
  char ob[256];
  return order_by(sort, STORE_SQLITE, ob, sizeof ob) == 0;
}

typedef struct rows_ctx {
  int (*row)(void *ctx, const dyad_store_row *r);
  void *ctx;
} rows_ctx;

static int on_event_row(void *ctx, const store_cols *c) {
  rows_ctx *x = ctx;
  dyad_store_row r;
  read_row(c, &r);
  return x->row(x->ctx, &r);
}

static int on_count(void *ctx, const store_cols *c) {
  *(long *)ctx = c->integer(c, 0);
  return 0;
}

int dyad_store_count(dyad_store *s, const dyad_store_filter *f, long *n) {
  store_where w;
  char sql[SERVE_SQL_MAX];
  *n = 0;
  if (where(s, f, &w) ||
      compose(s, sql, "SELECT COUNT(*)", events_from(s, f), &w))
    return -1;
  return store_rows(s, sql, &w, on_count, n);
}

int dyad_store_events(dyad_store *s, const dyad_store_filter *f,
                      const char *sort, long offset, long *total,
                      int (*row)(void *ctx, const dyad_store_row *r),
                      void *ctx) {
  char ob[256];
  if (order_by(sort, store_dialect(s), ob, sizeof ob)) {
    store_set_msg(s, "unknown sort");
    return -1;
  }
  if (total && dyad_store_count(s, f, total))
    return -1;
  /* The page's event ids first (the sort reads a few columns), then
   * their rows: num_articles is counted for the page's rows only. */
  store_where w;
  char sql[SERVE_SQL_MAX];
  if (where(s, f, &w))
    return -1;
  if (store_sql_add(&w, " ORDER BY ") || store_sql_add(&w, ob) ||
      add_limit(&w, f->limit, offset) || store_sql_add(&w, ") p ON p.pid = "
                                                           "e.event_id "
                                                           "ORDER BY ") ||
      store_sql_add(&w, ob))
    return too_long(s);
  if (compose(s, sql, STORE_QUERY_SELECT " JOIN (SELECT e.event_id AS pid",
              events_from(s, f), &w))
    return -1;
  rows_ctx x = {row, ctx};
  return store_rows(s, sql, &w, on_event_row, &x);
}

/* ===== Series and places ===== */

typedef struct series_ctx {
  int (*period)(void *ctx, const char *key, long count, double mean,
                const long quad[4]);
  void *ctx;
} series_ctx;

static int on_period(void *ctx, const store_cols *c) {
  series_ctx *x = ctx;
  long quad[4];
  for (int i = 0; i < 4; i++)
    quad[i] = c->integer(c, 3 + i);
  return x->period(x->ctx, or_empty(c->text(c, 0)), c->integer(c, 1),
                   c->real(c, 2), quad);
}

int dyad_store_series(dyad_store *s, const dyad_store_filter *f,
                      const char *by,
                      int (*period)(void *ctx, const char *key, long count,
                                    double mean_goldstein,
                                    const long quad[4]),
                      void *ctx) {
  int dialect = store_dialect(s), is_date = 0;
  const char *expr = store_sql_group_expr(by, dialect, &is_date);
  if (!expr || !is_date) {
    store_set_msg(s, "a series is by day, week or month");
    return -1;
  }
  char head[1024];
  int n = snprintf(
      head, sizeof head,
      "SELECT (%s)%s AS k, COUNT(*), AVG(e.goldstein), "
      "SUM(CASE WHEN e.quad_class = 1 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN e.quad_class = 2 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN e.quad_class = 3 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN e.quad_class = 4 THEN 1 ELSE 0 END)",
      expr, dialect == STORE_POSTGRES ? " COLLATE \"C\"" : "");
  if (n < 0 || (size_t)n >= sizeof head)
    return too_long(s);
  store_where w;
  char sql[SERVE_SQL_MAX];
  if (where(s, f, &w))
    return -1;
  if (store_sql_add(&w, " GROUP BY k ORDER BY k") ||
      add_limit(&w, f->limit, 0))
    return too_long(s);
  if (compose(s, sql, head, events_from(s, f), &w))
    return -1;
  series_ctx x = {period, ctx};
  return store_rows(s, sql, &w, on_period, &x);
}

typedef struct places_ctx {
  int (*place)(void *ctx, const dyad_store_place *p);
  void *ctx;
} places_ctx;

static int on_place(void *ctx, const store_cols *c) {
  places_ctx *x = ctx;
  dyad_store_place p;
  p.name = or_empty(c->text(c, 0));
  p.country = or_empty(c->text(c, 1));
  p.lat = c->real(c, 2);
  p.lon = c->real(c, 3);
  p.count = c->integer(c, 4);
  p.mean_goldstein = c->real(c, 5);
  return x->place(x->ctx, &p);
}

int dyad_store_places(dyad_store *s, const dyad_store_filter *f,
                      int (*place)(void *ctx, const dyad_store_place *p),
                      void *ctx) {
  int pg = store_dialect(s) == STORE_POSTGRES;
  store_where w;
  char sql[SERVE_SQL_MAX];
  if (where(s, f, &w))
    return -1;
  if (store_sql_add(&w, " AND e.place_name IS NOT NULL AND e.place_lat IS "
                        "NOT NULL AND e.place_lon IS NOT NULL "
                        "GROUP BY e.place_name, e.place_country, "
                        "e.place_lat, e.place_lon ORDER BY COUNT(*) DESC, ") ||
      store_sql_add(&w, pg ? "e.place_name COLLATE \"C\", "
                             "e.place_country COLLATE \"C\" NULLS FIRST, "
                           : "e.place_name, e.place_country, ") ||
      store_sql_add(&w, "e.place_lat, e.place_lon") ||
      add_limit(&w, f->limit, 0))
    return too_long(s);
  if (compose(s, sql,
              "SELECT e.place_name, e.place_country, e.place_lat, "
              "e.place_lon, COUNT(*), AVG(e.goldstein)",
              events_from(s, f), &w))
    return -1;
  places_ctx x = {place, ctx};
  return store_rows(s, sql, &w, on_place, &x);
}

/* ===== One document ===== */

typedef struct doc_ctx {
  int (*doc)(void *ctx, const dyad_store_doc_view *d);
  int (*event)(void *ctx, const dyad_store_doc_event *e);
  int (*quote)(void *ctx, const dyad_store_quote_view *q);
  void *ctx;
  long key; /* the document's doc_key, 0: not found */
  int stopped;
} doc_ctx;

static dyad_store_span span_at(const store_cols *c, int i) {
  dyad_store_span sp = {-1, -1};
  if (!c->is_null(c, i) && !c->is_null(c, i + 1)) {
    sp.begin = c->integer(c, i);
    sp.end = c->integer(c, i + 1);
  }
  return sp;
}

static int on_doc(void *ctx, const store_cols *c) {
  doc_ctx *x = ctx;
  dyad_store_doc_view d;
  d.id = or_empty(c->text(c, 0));
  d.title = or_empty(c->text(c, 1));
  d.url = or_empty(c->text(c, 2));
  d.source = or_empty(c->text(c, 3));
  d.date = or_empty(c->text(c, 4));
  d.text = or_empty(c->text(c, 5));
  d.len = strlen(d.text);
  x->key = c->integer(c, 6);
  x->stopped = x->doc(x->ctx, &d);
  return 1;
}

static int on_doc_event(void *ctx, const store_cols *c) {
  doc_ctx *x = ctx;
  dyad_store_doc_event e;
  read_row(c, &e.row);
  e.sentence = span_at(c, 23);
  e.source = span_at(c, 25);
  e.target = span_at(c, 27);
  e.verb = span_at(c, 29);
  return x->stopped = x->event(x->ctx, &e);
}

static int on_quote(void *ctx, const store_cols *c) {
  doc_ctx *x = ctx;
  dyad_store_quote_view q;
  q.text = or_empty(c->text(c, 0));
  q.span = span_at(c, 1);
  q.speaker = or_empty(c->text(c, 3));
  q.speaker_code = or_empty(c->text(c, 4));
  return x->stopped = x->quote(x->ctx, &q);
}

int dyad_store_get_doc(dyad_store *s, const char *id, int *found,
                       int (*doc)(void *ctx, const dyad_store_doc_view *d),
                       int (*event)(void *ctx, const dyad_store_doc_event *e),
                       int (*quote)(void *ctx, const dyad_store_quote_view *q),
                       void *ctx) {
  doc_ctx x = {doc, event, quote, ctx, 0, 0};
  *found = 0;
  if (strlen(id) > STORE_MAX_FILTER) {
    store_set_msg(s, "the document id is too long");
    return -1;
  }
  store_where w;
  memset(&w, 0, sizeof w);
  w.dialect = store_dialect(s);
  /* An id, else a content hash of a document without id. */
  if (store_sql_add(&w, "SELECT COALESCE(id, content_hash), title, url, "
                        "source, date, text, doc_key FROM documents "
                        "WHERE id = ") ||
      store_sql_param_str(&w, id) ||
      store_sql_add(&w, " OR (id IS NULL AND content_hash = ") ||
      store_sql_param_str(&w, id) ||
      store_sql_add(&w, ") ORDER BY CASE WHEN id IS NULL THEN 1 ELSE 0 END "
                        "LIMIT 1"))
    return too_long(s);
  if (store_rows(s, w.sql, &w, on_doc, &x))
    return -1;
  if (!x.key)
    return 0;
  *found = 1;
  if (x.stopped)
    return 0;
  memset(&w, 0, sizeof w);
  w.dialect = store_dialect(s);
  if (store_sql_add(&w, STORE_QUERY_COLUMNS
                        ", e.sentence_start, e.sentence_end, "
                        "e.source_start, e.source_end, e.target_start, "
                        "e.target_end, e.verb_start, e.verb_end "
                        "FROM events e JOIN documents d "
                        "ON d.doc_key = e.doc WHERE e.doc = ") ||
      store_sql_param_int(&w, x.key) || store_sql_add(&w, " ORDER BY e.idx"))
    return too_long(s);
  if (store_rows(s, w.sql, &w, on_doc_event, &x))
    return -1;
  if (x.stopped)
    return 0;
  memset(&w, 0, sizeof w);
  w.dialect = store_dialect(s);
  if (store_sql_add(&w, "SELECT text, span_start, span_end, speaker_text, "
                        "speaker_code FROM quotes WHERE doc = ") ||
      store_sql_param_int(&w, x.key) || store_sql_add(&w, " ORDER BY idx"))
    return too_long(s);
  return store_rows(s, w.sql, &w, on_quote, &x);
}

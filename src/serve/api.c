/* api.c -- the JSON API of `dyad serve` (docs/serve.md): each GET endpoint
 * reads the store with the request's filter and answers with a jansson
 * object; POST /api/code codes pasted text with libdyad and answers with
 * the events and quotes `dyad code` writes and the text `dyad explain`
 * prints, storing nothing.
 *
 * Text from the database goes out as JSON strings only (jansson escapes
 * them); a byte that is not UTF-8 becomes '?' so byte offsets stay true. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "trace_text.h"

/* Caps on rows per answer: the most a client may ask for with limit, and
 * the default when it does not. */
#define EVENTS_MAX 500
#define EVENTS_DEFAULT 50
#define COUNTS_MAX 10000
#define TOP_MAX 1000
#define TOP_DEFAULT 20
#define NETWORK_MAX 1000
#define NETWORK_DEFAULT 100
#define PLACES_MAX 5000
#define PLACES_DEFAULT 500
#define SERIES_MAX 100000

void serve_error(serve_reply *r, int status, const char *msg) {
  if (r->body)
    json_decref(r->body);
  r->status = status;
  r->body = json_pack("{s:{s:i, s:s}}", "error", "status", status, "message",
                      msg);
}

/* ===== JSON values ===== */

/* The length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t k;
  unsigned cp;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    k = 1;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    k = 2;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    k = 3;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (k >= n)
    return 0;
  for (size_t j = 1; j <= k; j++) {
    if ((s[j] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[j] & 0x3F);
  }
  if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return k + 1;
}

/* A JSON string of s[0..n); bytes that are not UTF-8 (and NULs) become
 * '?', one for one. */
static json_t *jstrn(const char *s, size_t n) {
  json_t *j = json_stringn(s, n);
  if (j)
    return j;
  char *c = malloc(n + 1);
  if (!c)
    return NULL;
  for (size_t i = 0; i < n;) {
    size_t k = s[i] ? utf8_seq((const unsigned char *)s + i, n - i) : 0;
    if (!k) {
      c[i++] = '?';
      continue;
    }
    memcpy(c + i, s + i, k);
    i += k;
  }
  j = json_stringn(c, n);
  free(c);
  return j;
}

static json_t *jstr(const char *s) { return jstrn(s, strlen(s)); }

/* A string, or null when empty. */
static json_t *jopt(const char *s) { return *s ? jstr(s) : json_null(); }

static json_t *jspan(dyad_store_span sp) {
  if (sp.begin < 0)
    return json_null();
  return json_pack("[I, I]", (json_int_t)sp.begin, (json_int_t)sp.end);
}

/* One event row as the API writes it (the fields of `dyad query`'s JSON
 * lines, verb as verb_text). */
static json_t *event_json(const dyad_store_row *r) {
  json_t *o = json_object();
  if (!o)
    return NULL;
  json_object_set_new(o, "doc_id", jstr(r->doc_id));
  json_object_set_new(o, "sentence", json_integer(r->sentence));
  json_object_set_new(o, "date", jopt(r->date));
  json_object_set_new(o, "source", jopt(r->source));
  json_object_set_new(o, "target", jopt(r->target));
  json_object_set_new(o, "code", jstr(r->code));
  json_object_set_new(o, "root", jstr(r->root));
  json_object_set_new(o, "quad_class", json_integer(r->quad_class));
  json_object_set_new(o, "goldstein", json_real(r->goldstein));
  json_object_set_new(o, "source_text", jopt(r->source_text));
  json_object_set_new(o, "target_text", jopt(r->target_text));
  json_object_set_new(o, "verb_text", jopt(r->verb_text));
  json_object_set_new(o, "place", jopt(r->place));
  json_object_set_new(o, "place_country", jopt(r->place_country));
  json_object_set_new(o, "confidence", json_real(r->confidence));
  json_object_set_new(o, "num_articles", json_integer(r->num_articles));
  json_object_set_new(o, "text", jstr(r->text));
  return o;
}

/* A group: key, count, mean Goldstein. */
static json_t *group_json(const char *key, long count, double mean) {
  return json_pack("{s:o, s:I, s:f}", "key", jstr(key), "count",
                   (json_int_t)count, "mean_goldstein", mean);
}

/* ===== Collecting rows ===== */

static int add_event(void *ctx, const dyad_store_row *r) {
  json_t *e = event_json(r);
  return !e || json_array_append_new(ctx, e);
}

static int add_group(void *ctx, const char *key, long count, double mean) {
  json_t *g = group_json(key, count, mean);
  return !g || json_array_append_new(ctx, g);
}

static int add_period(void *ctx, const char *key, long count, double mean,
                      const long quad[4]) {
  json_t *g = json_pack("{s:o, s:I, s:f, s:[I, I, I, I]}", "key", jstr(key),
                        "count", (json_int_t)count, "mean_goldstein", mean,
                        "quad", (json_int_t)quad[0], (json_int_t)quad[1],
                        (json_int_t)quad[2], (json_int_t)quad[3]);
  return !g || json_array_append_new(ctx, g);
}

static int add_place(void *ctx, const dyad_store_place *p) {
  json_t *g = json_pack("{s:o, s:o, s:f, s:f, s:I, s:f}", "name",
                        jstr(p->name), "country", jopt(p->country), "lat",
                        p->lat, "lon", p->lon, "count", (json_int_t)p->count,
                        "mean_goldstein", p->mean_goldstein);
  return !g || json_array_append_new(ctx, g);
}

/* ===== GET endpoints ===== */

/* A failed query: 503 when it ran past the request's time cap
 * (dyad_store_set_deadline), else 500 with the store's message. */
static void db_error(serve_reply *r, dyad_store *s) {
  const char *m = dyad_store_errmsg(s);
  if (m && (strstr(m, "interrupted") || strstr(m, "statement timeout")))
    serve_error(r, 503, "the query took longer than the server allows "
                        "(dyad serve --timeout)");
  else
    serve_error(r, 500, m && *m ? m : "the database failed");
}

static void get_stats(dyad_store *s, serve_reply *r) {
  dyad_store_stats st;
  if (dyad_store_get_stats(s, &st)) {
    db_error(r, s);
    return;
  }
  r->body = json_pack("{s:I, s:I, s:I, s:I, s:o, s:o}", "documents",
                      (json_int_t)st.documents, "events",
                      (json_int_t)st.events, "quotes", (json_int_t)st.quotes,
                      "distinct_events", (json_int_t)st.distinct_events,
                      "first_date", jopt(st.first_date), "last_date",
                      jopt(st.last_date));
}

static void get_events(dyad_store *s, serve_query *q, serve_reply *r) {
  q->f.limit = q->limit > 0 ? q->limit : EVENTS_DEFAULT;
  json_t *events = json_array();
  long total = 0;
  if (!events)
    return;
  if (dyad_store_events(s, &q->f, q->sort, q->offset, &total, add_event,
                        events)) {
    json_decref(events);
    db_error(r, s);
    return;
  }
  r->body = json_pack("{s:I, s:I, s:I, s:s, s:o}", "total", (json_int_t)total,
                      "offset", (json_int_t)q->offset, "limit",
                      (json_int_t)q->f.limit, "sort",
                      q->sort ? q->sort : "date", "events", events);
}

static const char *const count_keys[] = {"day",  "week", "month",  "root",
                                         "quad", "dyad", "source", "target",
                                         NULL};

static int one_of(const char *v, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (!strcmp(v, list[i]))
      return 1;
  return 0;
}

static void get_counts(dyad_store *s, serve_query *q, serve_reply *r) {
  const char *by = q->by ? q->by : "week";
  if (!one_of(by, count_keys)) {
    serve_error(r, 400,
                "by is day, week, month, root, quad, dyad, source or target");
    return;
  }
  q->f.limit = q->limit > 0 ? q->limit : COUNTS_MAX;
  json_t *groups = json_array();
  if (!groups)
    return;
  if (dyad_store_count_by(s, &q->f, by, add_group, groups)) {
    json_decref(groups);
    db_error(r, s);
    return;
  }
  r->body = json_pack("{s:s, s:o}", "by", by, "groups", groups);
}

static void get_series(dyad_store *s, serve_query *q, serve_reply *r) {
  static const char *const keys[] = {"day", "week", "month", NULL};
  const char *by = q->by ? q->by : "week";
  if (!one_of(by, keys)) {
    serve_error(r, 400, "by is day, week or month");
    return;
  }
  q->f.limit = q->limit > 0 ? q->limit : SERIES_MAX;
  json_t *series = json_array();
  if (!series)
    return;
  if (dyad_store_series(s, &q->f, by, add_period, series)) {
    json_decref(series);
    db_error(r, s);
    return;
  }
  r->body = json_pack("{s:s, s:o}", "by", by, "series", series);
}

/* ===== Actors: sources and targets together ===== */

typedef struct actor_count {
  char *key;
  long count;
  double sum; /* of Goldstein */
} actor_count;

typedef struct actor_list {
  actor_count *a;
  size_t n, cap;
  int failed;
} actor_list;

/* Adds a source's or target's group to the list (merging keys). */
static int add_actor(void *ctx, const char *key, long count, double mean) {
  actor_list *l = ctx;
  if (!*key)
    return 0;
  for (size_t i = 0; i < l->n; i++)
    if (!strcmp(l->a[i].key, key)) {
      l->a[i].count += count;
      l->a[i].sum += mean * (double)count;
      return 0;
    }
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    actor_count *a = cap <= 1000000 ? realloc(l->a, cap * sizeof *a) : NULL;
    if (!a) {
      l->failed = 1;
      return 1;
    }
    l->a = a;
    l->cap = cap;
  }
  size_t n = strlen(key) + 1;
  char *k = malloc(n);
  if (!k) {
    l->failed = 1;
    return 1;
  }
  memcpy(k, key, n);
  l->a[l->n++] = (actor_count){k, count, mean * (double)count};
  return 0;
}

/* Most events first, then the key byte-wise (as the store orders groups). */
static int by_count(const void *x, const void *y) {
  const actor_count *a = x, *b = y;
  if (a->count != b->count)
    return a->count > b->count ? -1 : 1;
  return strcmp(a->key, b->key);
}

static void free_actors(actor_list *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->a[i].key);
  free(l->a);
}

/* The events each actor takes part in (as source or target; an event
 * with the same actor on both sides counts twice). */
static int actor_groups(dyad_store *s, serve_query *q, long limit,
                        json_t *items) {
  actor_list l = {NULL, 0, 0, 0};
  q->f.limit = 0;
  if (dyad_store_count_by(s, &q->f, "source", add_actor, &l) ||
      dyad_store_count_by(s, &q->f, "target", add_actor, &l) || l.failed) {
    free_actors(&l);
    return -1;
  }
  qsort(l.a, l.n, sizeof *l.a, by_count);
  for (size_t i = 0; i < l.n && (long)i < limit; i++)
    add_group(items, l.a[i].key, l.a[i].count,
              l.a[i].sum / (double)l.a[i].count);
  free_actors(&l);
  return 0;
}

static void get_top(dyad_store *s, serve_query *q, serve_reply *r) {
  static const char *const kinds[] = {"dyads", "actors", "sources",
                                      "targets", NULL};
  const char *kind = q->kind ? q->kind : "dyads";
  if (!one_of(kind, kinds)) {
    serve_error(r, 400, "kind is dyads, actors, sources or targets");
    return;
  }
  long limit = q->limit > 0 ? q->limit : TOP_DEFAULT;
  json_t *items = json_array();
  if (!items)
    return;
  int rc;
  if (!strcmp(kind, "actors")) {
    rc = actor_groups(s, q, limit, items);
  } else {
    q->f.limit = limit;
    rc = dyad_store_count_by(s, &q->f,
                             !strcmp(kind, "dyads")     ? "dyad"
                             : !strcmp(kind, "sources") ? "source"
                                                        : "target",
                             add_group, items);
  }
  if (rc) {
    json_decref(items);
    db_error(r, s);
    return;
  }
  r->body = json_pack("{s:s, s:o}", "kind", kind, "items", items);
}

/* The heaviest dyads as edges and their actors as nodes (each node's count:
 * the events of its edges). */
static void get_network(dyad_store *s, serve_query *q, serve_reply *r) {
  q->f.limit = q->limit > 0 ? q->limit : NETWORK_DEFAULT;
  json_t *groups = json_array();
  if (!groups)
    return;
  if (dyad_store_count_by(s, &q->f, "dyad", add_group, groups)) {
    json_decref(groups);
    db_error(r, s);
    return;
  }
  json_t *edges = json_array();
  actor_list nodes = {NULL, 0, 0, 0};
  size_t i;
  json_t *g;
  json_array_foreach(groups, i, g) {
    const char *key = json_string_value(json_object_get(g, "key"));
    const char *colon = key ? strchr(key, ':') : NULL;
    if (!colon || colon == key || !colon[1])
      continue; /* an event without source or target */
    long count = (long)json_integer_value(json_object_get(g, "count"));
    double mean = json_real_value(json_object_get(g, "mean_goldstein"));
    json_t *src = json_stringn(key, (size_t)(colon - key));
    json_array_append_new(edges, json_pack("{s:o, s:s, s:I, s:f}", "source",
                                           src, "target", colon + 1, "count",
                                           (json_int_t)count,
                                           "mean_goldstein", mean));
    char a[SERVE_MAX_VALUE + 1];
    snprintf(a, sizeof a, "%.*s", (int)(colon - key), key);
    add_actor(&nodes, a, count, mean);
    if (strcmp(a, colon + 1))
      add_actor(&nodes, colon + 1, count, mean);
  }
  json_decref(groups);
  qsort(nodes.a, nodes.n, sizeof *nodes.a, by_count);
  json_t *jn = json_array();
  for (i = 0; i < nodes.n; i++)
    json_array_append_new(jn, json_pack("{s:s, s:I}", "id", nodes.a[i].key,
                                        "count",
                                        (json_int_t)nodes.a[i].count));
  int failed = nodes.failed;
  free_actors(&nodes);
  if (failed) {
    json_decref(edges);
    json_decref(jn);
    serve_error(r, 500, "out of memory");
    return;
  }
  r->body = json_pack("{s:o, s:o}", "nodes", jn, "edges", edges);
}

static void get_places(dyad_store *s, serve_query *q, serve_reply *r) {
  q->f.limit = q->limit > 0 ? q->limit : PLACES_DEFAULT;
  json_t *places = json_array();
  if (!places)
    return;
  if (dyad_store_places(s, &q->f, add_place, places)) {
    json_decref(places);
    db_error(r, s);
    return;
  }
  r->body = json_pack("{s:o}", "places", places);
}

/* ===== One document ===== */

static int on_doc(void *ctx, const dyad_store_doc_view *d) {
  json_t *doc = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id", jstr(d->id),
                          "title", jopt(d->title), "url", jopt(d->url),
                          "source", jopt(d->source), "date", jopt(d->date),
                          "text", jstrn(d->text, d->len));
  return !doc || json_object_set_new(ctx, "doc", doc);
}

static int on_doc_event(void *ctx, const dyad_store_doc_event *e) {
  json_t *o = event_json(&e->row);
  if (!o)
    return 1;
  json_object_set_new(o, "sentence_span", jspan(e->sentence));
  json_object_set_new(o, "source_span", jspan(e->source));
  json_object_set_new(o, "target_span", jspan(e->target));
  json_object_set_new(o, "verb_span", jspan(e->verb));
  return json_array_append_new(json_object_get(ctx, "events"), o);
}

static int on_quote(void *ctx, const dyad_store_quote_view *q) {
  json_t *o = json_pack("{s:o, s:o, s:o, s:o}", "text", jstr(q->text), "span",
                        jspan(q->span), "speaker", jopt(q->speaker),
                        "speaker_code", jopt(q->speaker_code));
  return !o || json_array_append_new(json_object_get(ctx, "quotes"), o);
}

static void get_doc(dyad_store *s, serve_query *q, serve_reply *r) {
  if (!q->id) {
    serve_error(r, 400, "id is required");
    return;
  }
  json_t *out =
      json_pack("{s:n, s:[], s:[]}", "doc", "events", "quotes");
  int found = 0;
  if (!out)
    return;
  if (dyad_store_get_doc(s, q->id, &found, on_doc, on_doc_event, on_quote,
                         out)) {
    json_decref(out);
    db_error(r, s);
    return;
  }
  if (!found) {
    json_decref(out);
    serve_error(r, 404, "no document with this id");
    return;
  }
  r->body = out;
}

/* ===== Dispatch ===== */

static const struct {
  const char *path;
  long max_limit;
  void (*get)(dyad_store *s, serve_query *q, serve_reply *r);
} routes[] = {{"/events", EVENTS_MAX, get_events},
              {"/counts", COUNTS_MAX, get_counts},
              {"/series", SERIES_MAX, get_series},
              {"/top", TOP_MAX, get_top},
              {"/network", NETWORK_MAX, get_network},
              {"/places", PLACES_MAX, get_places},
              {"/doc", 1, get_doc},
              {NULL, 0, NULL}};

int serve_api_known(const char *path) {
  if (!strcmp(path, "/stats"))
    return 1;
  for (int i = 0; routes[i].path; i++)
    if (!strcmp(path, routes[i].path))
      return 1;
  return 0;
}

void serve_api_get(dyad_store *s, const char *path, const serve_params *p,
                   serve_reply *r) {
  r->status = 200;
  r->body = NULL;
  if (!strcmp(path, "/stats")) {
    get_stats(s, r);
  } else {
    int i;
    for (i = 0; routes[i].path && strcmp(path, routes[i].path); i++)
      ;
    if (!routes[i].path) {
      serve_error(r, 404, "no such endpoint");
      return;
    }
    serve_query q;
    char err[128];
    if (serve_query_read(p, routes[i].max_limit, &q, err)) {
      serve_error(r, 400, err);
      return;
    }
    routes[i].get(s, &q, r);
  }
  if (!r->body)
    serve_error(r, 500, "out of memory");
}

/* ===== POST /api/code ===== */

/* The JSON Lines of buf[0..len) as an array. */
static json_t *lines_array(const char *buf, size_t len) {
  json_t *a = json_array();
  size_t i = 0;
  while (a && i < len) {
    const char *nl = memchr(buf + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - buf) : len;
    if (e > i) {
      json_t *o = json_loadb(buf + i, e - i, 0, NULL);
      if (!o || json_array_append_new(a, o)) {
        json_decref(a);
        return NULL;
      }
    }
    i = e + 1;
  }
  return a;
}

/* The text rendering of the document's trace, or NULL. */
static json_t *explain_text(const dyad_doc *doc) {
  dyad_str t = dyad_doc_trace(doc);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f)
    return NULL;
  int rc = dyad_trace_render(f, t.ptr, t.len, NULL, 0);
  fclose(f);
  json_t *j = rc ? NULL : jstrn(buf, len);
  free(buf);
  return j;
}

void serve_api_code(const dyad_engine *eng, const char *body, size_t len,
                    serve_reply *r) {
  r->status = 200;
  r->body = NULL;
  json_error_t jerr;
  json_t *in = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
  json_t *text = in ? json_object_get(in, "text") : NULL;
  json_t *date = in ? json_object_get(in, "date") : NULL;
  if (!json_is_object(in) || !json_is_string(text)) {
    json_decref(in);
    serve_error(r, 400, "the body is {\"text\":\"...\",\"date\":\"YYYY-MM-DD\"}");
    return;
  }
  const char *d = json_is_string(date) ? json_string_value(date) : NULL;
  if ((date && !json_is_null(date) && !json_is_string(date)) ||
      (d && *d && !serve_valid_date(d))) {
    json_decref(in);
    serve_error(r, 400, "date wants YYYY-MM-DD");
    return;
  }
  dyad_doc_meta meta = {"text", d && *d ? d : NULL};
  dyad_doc *doc = NULL;
  dyad_status st = dyad_code(eng, json_string_value(text),
                             json_string_length(text), &meta, &doc);
  json_decref(in);
  if (st != DYAD_OK) {
    serve_error(r, st == DYAD_ERR_NOMEM ? 500 : 400, dyad_strerror(st));
    return;
  }
  char *ev = NULL, *qu = NULL;
  size_t ev_len = 0, qu_len = 0;
  json_t *events = NULL, *quotes = NULL, *explain = NULL;
  if (dyad_doc_to_jsonl(doc, &ev, &ev_len) == DYAD_OK &&
      dyad_doc_quotes_to_jsonl(doc, &qu, &qu_len) == DYAD_OK) {
    events = lines_array(ev, ev_len);
    quotes = lines_array(qu, qu_len);
    explain = explain_text(doc);
  }
  dyad_free(ev);
  dyad_free(qu);
  dyad_doc_free(doc);
  if (!events || !quotes || !explain) {
    json_decref(events);
    json_decref(quotes);
    json_decref(explain);
    serve_error(r, 500, "cannot write the events");
    return;
  }
  r->body = json_pack("{s:o, s:o, s:o}", "events", events, "quotes", quotes,
                      "explain", explain);
}

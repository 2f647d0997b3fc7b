/* store.h -- where coded documents are kept: one interface over the
 * database backends: SQLite (store_sqlite.c) and PostgreSQL (store_pg.c).
 *
 * The store is not part of libdyad: it is built into its own static library
 * (build/libdyadstore.a), uses the library's public accessors
 * (include/dyad.h) only, never prints and never exits.  Every fallible call
 * returns 0 on success or -1 on failure, with the message in
 * dyad_store_errmsg().
 *
 *   dyad_store *s;  dyad_store_open(&s, "dyad.db", &err);
 *   dyad_store_begin(s);  dyad_store_put(s, &info, doc, 0, &outcome); ...
 *   dyad_store_commit(s);
 *   dyad_store_query(s, &filter, on_row, ctx);
 *   dyad_store_close(s);
 *
 * Filters are never pasted into SQL: each value is bound to a placeholder
 * (store_sql.c builds the statements).  The schema is docs/store.md. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stddef.h>

#include "dyad.h"

typedef struct dyad_store dyad_store;

/* The schema version in the meta table; a database of another version is
 * refused by dyad_store_open. */
#define DYAD_STORE_SCHEMA_VERSION 1

/* Opens a store: a file path (SQLite; created with its schema when new), or
 * a libpq URL "postgresql://..." / "postgres://..." (PostgreSQL; the schema
 * is created in the connection's current schema when that holds no
 * tables).  On success *out is the
 * store, closed with dyad_store_close.  On failure *out is untouched and
 * *err (when err is not NULL) is a message the caller frees with free(). */
int dyad_store_open(dyad_store **out, const char *target, char **err);

/* Closes a store, rolling back an open transaction.  NULL is a no-op. */
void dyad_store_close(dyad_store *s);

/* The message of the last failure (static storage of the store). */
const char *dyad_store_errmsg(const dyad_store *s);

/* Transactions: every put between begin and commit is stored, or none. */
int dyad_store_begin(dyad_store *s);
int dyad_store_commit(dyad_store *s);
int dyad_store_rollback(dyad_store *s);

/* ===== Documents ===== */

/* What is known of a document besides what the coder found.  Strings are
 * NUL-terminated (text has len bytes); NULL for unknown. */
typedef struct dyad_store_doc {
  const char *id;     /* the document's id, or NULL: keyed by content hash */
  const char *title, *url, *source;
  const char *date;   /* publication date YYYY-MM-DD, or NULL */
  const char *text;
  size_t len;
  const char *dict_version; /* which dictionaries coded it */
} dyad_store_doc;

/* What dyad_store_find / dyad_store_put found or did. */
enum {
  DYAD_STORE_ABSENT = 0, /* find: not stored */
  DYAD_STORE_PRESENT,    /* already stored (same id, or same content hash
                            when there is no id); nothing written */
  DYAD_STORE_STORED,     /* put: stored as a new document */
  DYAD_STORE_REPLACED    /* put with replace: the old coding deleted and
                            this one stored */
};

/* Is the document stored already?  *found is DYAD_STORE_ABSENT or
 * DYAD_STORE_PRESENT.  Lets the caller skip coding a stored document. */
int dyad_store_find(dyad_store *s, const dyad_store_doc *d, int *found);

/* Stores one coded document: the document, its events (every field of
 * dyad_event), their mentions, and its quotations.  Without replace a
 * document already stored is left as it is (*outcome PRESENT); with
 * replace it is deleted with all it holds and stored again (REPLACED). */
int dyad_store_put(dyad_store *s, const dyad_store_doc *d,
                   const dyad_doc *doc, int replace, int *outcome);

/* ===== Queries ===== */

/* Which events a query wants; NULL / 0 fields do not filter.  Actor codes
 * match as prefixes ("JPN" matches JPN and JPNGOV) of the actor's code, or
 * the actor's country exactly. */
typedef struct dyad_store_filter {
  const char *actor;  /* source or target */
  const char *source;
  const char *target;
  const char *code;   /* CAMEO code, exactly ("042") */
  const char *root;   /* CAMEO root ("04") */
  int quad;           /* 1..4, 0: any */
  const char *since;  /* event date >= YYYY-MM-DD */
  const char *until;  /* event date <= YYYY-MM-DD */
  const char *place;  /* place name (any case) or its country code */
  const char *text;   /* words of the story (full-text search; every word
                         must occur) */
  long limit;         /* at most this many rows, 0: all */
  int gdelt;          /* rows for GDELT's event table: only events neither
                         negated nor hypothetical, and the rows'
                         doc_mentions and occurrence filled (two more
                         lookups per row; else 0) */
} dyad_store_filter;

/* One event row of a query.  Strings are NUL-terminated, "" when empty;
 * valid during the callback only. */
typedef struct dyad_store_row {
  const char *doc_id;  /* the document's id (or its content hash) */
  const char *date;
  const char *source, *target, *code, *root;
  int quad_class;
  double goldstein;
  const char *source_text, *target_text, *verb_text;
  const char *place, *place_country;
  double confidence;
  long sentence;
  long num_articles;   /* documents in the store with the same event key */
  const char *text;    /* the sentence */
  const char *source_name, *source_country, *source_role;
  const char *target_name, *target_country, *target_role;
  /* With filter.gdelt: the mentions of the document's events with the
   * same source, target, code and date (GDELT's NumMentions), and how many
   * events before this one in its sentence have that key (0 for the
   * first); else 0. */
  long doc_mentions, occurrence;
} dyad_store_row;

/* Runs a query: events matching every filter, by date, then document,
 * then position.  Calls row() for each; a non-zero return stops. */
int dyad_store_query(dyad_store *s, const dyad_store_filter *f,
                     int (*row)(void *ctx, const dyad_store_row *r),
                     void *ctx);

/* Counts the matching events by "day", "week" (its Monday), "month",
 * "root", "quad", "dyad" (SOURCE:TARGET), "source" or "target": group()
 * gets each key ("" for undated events), its count and mean Goldstein, by
 * key for dates and by count (most first) otherwise.  An unknown "by" is
 * an error. */
int dyad_store_count_by(dyad_store *s, const dyad_store_filter *f,
                        const char *by,
                        int (*group)(void *ctx, const char *key, long count,
                                     double mean_goldstein),
                        void *ctx);

/* What a store holds. */
typedef struct dyad_store_stats {
  long documents, events, quotes;
  long distinct_events; /* distinct event keys: the cross-story dedup */
  char first_date[11], last_date[11]; /* event dates; "" when none */
} dyad_store_stats;

/* Counts what the store holds (top dyads and events per root come from
 * dyad_store_count_by). */
int dyad_store_get_stats(dyad_store *s, dyad_store_stats *st);

/* ===== For dyad serve: pages, sorts, series, places, one document =====
 * (store_serve.c, over both backends) */

/* Makes the connection read-only (SQLite: query_only, and the file
 * mapped for faster scans; PostgreSQL: read-only transactions): what dyad
 * serve opens can never change the database. */
int dyad_store_read_only(dyad_store *s);

/* Caps the time of the queries that follow: with SQLite, every statement
 * fails ("interrupted") once ms milliseconds from now have passed; with
 * PostgreSQL each statement may run ms milliseconds (statement_timeout).
 * 0: no cap.  dyad serve calls it before each request. */
int dyad_store_set_deadline(dyad_store *s, long ms);

/* The sorts of dyad_store_events: "date" (as dyad_store_query: date, then
 * document, then position), "goldstein", "code", "source", "target", each
 * descending with a leading '-'; ties by date, document and position.
 * Returns 1 when sort is one of them. */
int dyad_store_sort_ok(const char *sort);

/* One page of matching events: f->limit rows (0: all) from offset, in the
 * order sort names (NULL: "date").  When total is not NULL it gets the
 * number of matching events. */
int dyad_store_events(dyad_store *s, const dyad_store_filter *f,
                      const char *sort, long offset, long *total,
                      int (*row)(void *ctx, const dyad_store_row *r),
                      void *ctx);

/* The number of matching events. */
int dyad_store_count(dyad_store *s, const dyad_store_filter *f, long *n);

/* Matching events per period: by "day", "week" (its Monday) or "month",
 * by key ("" for undated events first); period() gets the key, the
 * count, the mean Goldstein and the count of each quad class 1..4. */
int dyad_store_series(dyad_store *s, const dyad_store_filter *f,
                      const char *by,
                      int (*period)(void *ctx, const char *key, long count,
                                    double mean_goldstein,
                                    const long quad[4]),
                      void *ctx);

/* A place where matching events happened (events without coordinates are
 * left out): name, country ("" when unknown), coordinates, the events
 * there and their mean Goldstein. */
typedef struct dyad_store_place {
  const char *name, *country;
  double lat, lon;
  long count;
  double mean_goldstein;
} dyad_store_place;

/* The places of the matching events, most events first (then name,
 * country, lat, lon); at most f->limit (0: all). */
int dyad_store_places(dyad_store *s, const dyad_store_filter *f,
                      int (*place)(void *ctx, const dyad_store_place *p),
                      void *ctx);

/* A byte span into the document's text; begin and end are -1 when the
 * stored value is NULL. */
typedef struct dyad_store_span {
  long begin, end;
} dyad_store_span;

/* A stored document (strings "" when unknown; text has len bytes). */
typedef struct dyad_store_doc_view {
  const char *id, *title, *url, *source, *date, *text;
  size_t len;
} dyad_store_doc_view;

/* One event of a document, with its evidence. */
typedef struct dyad_store_doc_event {
  dyad_store_row row;
  dyad_store_span sentence, source, target, verb;
} dyad_store_doc_event;

/* One quotation of a document ("" for an unknown speaker). */
typedef struct dyad_store_quote_view {
  const char *text;
  dyad_store_span span;
  const char *speaker, *speaker_code;
} dyad_store_quote_view;

/* One document by id (its id, or its content hash when it has none, as
 * dyad_store_row.doc_id gives): *found is 0 when there is none; else doc()
 * gets it, then event() each event by position, then quote() each
 * quotation by position.  The views are valid during the callback only;
 * a non-zero return stops. */
int dyad_store_get_doc(dyad_store *s, const char *id, int *found,
                       int (*doc)(void *ctx, const dyad_store_doc_view *d),
                       int (*event)(void *ctx, const dyad_store_doc_event *e),
                       int (*quote)(void *ctx, const dyad_store_quote_view *q),
                       void *ctx);

/* ===== Recoding ===== */

/* A stored document as dyad_store_each_doc hands it over: what coding it
 * again needs.  Strings are NUL-terminated, NULL when not stored, and
 * valid during the callback only. */
typedef struct dyad_store_stored {
  long long key;            /* its row (documents.doc_key) */
  const char *id;           /* its id, or NULL: known by content_hash */
  const char *content_hash;
  const char *date;         /* publication date, or NULL */
  const char *text;         /* len bytes */
  size_t len;
  const char *dict_version; /* the dictionaries that coded it */
} dyad_store_stored;

/* Hands fn the stored documents whose key is above `after`, by key, at
 * most max of them, whose dict_version is not skip_version (every one
 * when skip_version is NULL).  fn returning non-zero stops after that
 * document.  *last is the key of the last document handed over (after,
 * when none).  The page is read whole before fn is first called, so fn
 * may write to the store. */
int dyad_store_each_doc(dyad_store *s, long long after,
                        const char *skip_version, size_t max,
                        int (*fn)(void *ctx, const dyad_store_stored *d),
                        void *ctx, long long *last);

/* What a stored event is, for comparing two codings of a document.
 * Strings are NUL-terminated ("" when empty), valid during the callback
 * only. */
typedef struct dyad_store_event_brief {
  long idx;                        /* its position in the document */
  long sentence;
  long long verb_start, verb_end;  /* the verb's span */
  const char *code, *source, *target;
  const char *verb_text;
} dyad_store_event_brief;

/* *n is the number of stored documents whose dict_version is not
 * skip_version (every document when skip_version is NULL). */
int dyad_store_count_docs(dyad_store *s, const char *skip_version,
                          long long *n);

/* Calls fn for each stored event of the document `key`, by position. */
int dyad_store_doc_events(dyad_store *s, long long key,
                          int (*fn)(void *ctx,
                                    const dyad_store_event_brief *e),
                          void *ctx);

/* Stores a new coding of the stored document `key` in place of its old
 * one: its events, their mentions and its quotations are deleted and
 * doc's stored, and its dict_version and coded_at set; the document row
 * (its key, id, text) stays.  All of it or nothing (a savepoint in the
 * caller's transaction).  Fails when the document is no longer stored. */
int dyad_store_recode(dyad_store *s, long long key, const char *dict_version,
                      const dyad_doc *doc);

/* ===== Naming a store ===== */

/* The target of dyad_store_open as it may be printed, into out[cap]
 * (NUL-terminated, cut at cap): a PostgreSQL URL with its password --
 * "user:PASSWORD@" and a "password=" parameter -- written "***"; a file
 * path as it is.  Every message that names a store uses it. */
void dyad_store_printable(const char *target, char *out, size_t cap);

#endif

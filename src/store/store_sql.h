/* store_sql.h -- the SQL a query's filters become (store_sql.c), shared by
 * the backends.  Values are never pasted into the SQL text: each becomes a
 * placeholder ("?" for SQLite, "$n" for PostgreSQL) and a parameter the
 * backend binds.  Internal to src/store. */
#ifndef DYAD_STORE_SQL_H
#define DYAD_STORE_SQL_H

#include <stddef.h>

#include "store.h"

enum { STORE_SQLITE, STORE_POSTGRES };

#define STORE_MAX_PARAMS 48
#define STORE_MAX_FILTER 1024 /* bytes of one filter value */

/* One bound value: a string (s) or an integer (when s is NULL). */
typedef struct store_param {
  const char *s;
  long i;
} store_param;

/* The conditions of a filter: " AND ..." clauses over events e (and the
 * documents d they belong to), and their parameters in order. */
typedef struct store_where {
  int dialect;
  char sql[4096];
  size_t len;
  store_param p[STORE_MAX_PARAMS];
  int n;
  char fts[4 * STORE_MAX_FILTER + 16]; /* the full-text query (--text) */
  char upper[3][STORE_MAX_FILTER + 1]; /* the upper bounds of the actor,
                                          source and target prefixes */
} store_where;

/* Builds the conditions of f into w.  Returns 0, or -1 with a message in
 * err[256] (a value over STORE_MAX_FILTER bytes, a quad outside 1..4). */
int store_sql_where(const dyad_store_filter *f, int dialect, store_where *w,
                    char err[256]);

/* Appends SQL text (no values!) to w; -1 when it does not fit. */
int store_sql_add(store_where *w, const char *sql);

/* Appends one placeholder for a string or an integer parameter. */
int store_sql_param_str(store_where *w, const char *s);
int store_sql_param_int(store_where *w, long i);

/* Turns words into a full-text query where each word is a quoted string
 * (so no word is read as query syntax): x' OR y -> "x'" "OR" "y".  Returns
 * 0, or -1 when out[cap] is too small.  *n_words is how many words. */
int store_sql_fts_query(const char *text, char *out, size_t cap,
                        int *n_words);

/* The columns of an events row as both backends write them (SQLite's
 * INSERT, PostgreSQL's COPY after its event_id), in this order. */
#define STORE_EVENT_COLUMNS                                                  \
  "doc, idx, sentence, date, date_precision, "                               \
  "date_from, date_text, time, code, root, quad_class, goldstein, "          \
  "source_text, source_code, source_country, source_role, "                  \
  "source_name, source_start, source_end, source_resolved_from, "            \
  "target_text, target_code, target_country, target_role, "                  \
  "target_name, target_start, target_end, target_resolved_from, "            \
  "verb_text, verb_lemma, verb_start, verb_end, pattern, negated, "          \
  "hypothetical, passive, reported, future, sentence_text, "                 \
  "sentence_start, sentence_end, place_name, place_country, "                \
  "place_kind, place_lat, place_lon, place_how, place_start, "               \
  "place_end, num_mentions, confidence, plover_type, plover_mode, "          \
  "event_key"

/* The select list and join of `dyad query`'s rows (dyad_store_row), the
 * same for both backends: 23 columns, and with filter.gdelt 2 more
 * (STORE_QUERY_SELECT_GDELT): NumMentions, the sum of the mentions of the
 * document's factual events with the same key, and the rank of the event
 * among those of its sentence (by idx), as dyad_doc_events_to_gdelt counts
 * them. */
#define STORE_QUERY_COLUMNS                                                  \
  "SELECT COALESCE(d.id, d.content_hash), e.date, e.source_code, "           \
  "e.target_code, e.code, e.root, e.quad_class, e.goldstein, "               \
  "e.source_text, e.target_text, e.verb_text, e.place_name, "                \
  "e.place_country, e.confidence, e.sentence, "                              \
  "(SELECT COUNT(DISTINCT k.doc) FROM events k "                             \
  " WHERE k.event_key = e.event_key), e.sentence_text, "                     \
  "e.source_name, e.source_country, e.source_role, "                         \
  "e.target_name, e.target_country, e.target_role"
#define STORE_QUERY_FROM " FROM events e JOIN documents d ON d.doc_key = e.doc"
#define STORE_QUERY_SELECT STORE_QUERY_COLUMNS STORE_QUERY_FROM
#define STORE_QUERY_SELECT_GDELT                                             \
  STORE_QUERY_COLUMNS                                                        \
  ", (SELECT SUM(CASE WHEN k.num_mentions > 0 THEN k.num_mentions "          \
  "ELSE 1 END) FROM events k WHERE k.doc = e.doc "                           \
  "AND k.event_key = e.event_key AND k.negated = 0 "                         \
  "AND k.hypothetical = 0), "                                                \
  "(SELECT COUNT(*) FROM events k WHERE k.doc = e.doc "                      \
  "AND k.event_key = e.event_key AND k.sentence = e.sentence "               \
  "AND k.idx < e.idx AND k.negated = 0 AND k.hypothetical = 0)"              \
  STORE_QUERY_FROM

/* The grouping expression of a --count-by key in a dialect, and whether it
 * is a date (ordered by key) rather than a kind (ordered by count); NULL
 * for an unknown key. */
const char *store_sql_group_expr(const char *by, int dialect, int *is_date);

/* The content hash of a document: XXH3-128 of its text, 32 hex digits. */
void store_content_hash(const char *text, size_t len, char out[33]);

/* The cross-story event key: "SOURCE|TARGET|CODE|DATE" (truncated to
 * cap). */
void store_event_key(const dyad_event *e, char *out, size_t cap);

/* ===== For dyad serve (store_serve.c) ===== */

/* One result row, read column by column (0-based) whatever the backend:
 * text() is NULL for an SQL NULL and valid until the next row. */
typedef struct store_cols store_cols;
struct store_cols {
  const char *(*text)(const store_cols *c, int i);
  double (*real)(const store_cols *c, int i);
  long (*integer)(const store_cols *c, int i);
  int (*is_null)(const store_cols *c, int i);
  void *impl;
  int row;
};

/* The dialect of an open store (STORE_SQLITE or STORE_POSTGRES). */
int store_dialect(const dyad_store *s);

/* Runs sql (written for the store's dialect, its placeholders w's
 * parameters in order) and calls row() for each result row; a non-zero
 * return stops.  Returns 0, or -1 with the message in dyad_store_errmsg. */
int store_rows(dyad_store *s, const char *sql, const store_where *w,
               int (*row)(void *ctx, const store_cols *c), void *ctx);

/* Sets the store's error message. */
void store_set_msg(dyad_store *s, const char *msg);

#endif

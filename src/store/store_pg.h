/* store_pg.h -- the PostgreSQL backend of the store (store_pg.c), called
 * by the public calls of store.h when the target is a postgresql:// URL.
 * Each function has the contract of its dyad_store_* namesake; a failure
 * leaves its message in store_pg_errmsg().  Internal to src/store. */
#ifndef DYAD_STORE_PG_H
#define DYAD_STORE_PG_H

#include "store.h"

typedef struct store_pg store_pg;

/* Is target a PostgreSQL connection URL (postgresql:// or postgres://)? */
int store_pg_is_target(const char *target);

int store_pg_open(store_pg **out, const char *target, char **err);
void store_pg_close(store_pg *p);
const char *store_pg_errmsg(const store_pg *p);
int store_pg_begin(store_pg *p);
int store_pg_commit(store_pg *p);
int store_pg_rollback(store_pg *p);
int store_pg_find(store_pg *p, const dyad_store_doc *d, int *found);
int store_pg_put(store_pg *p, const dyad_store_doc *d, const dyad_doc *doc,
                 int replace, int *outcome);
int store_pg_query(store_pg *p, const dyad_store_filter *f,
                   int (*row)(void *ctx, const dyad_store_row *r), void *ctx);
int store_pg_count_by(store_pg *p, const dyad_store_filter *f,
                      const char *by,
                      int (*group)(void *ctx, const char *key, long count,
                                   double mean_goldstein),
                      void *ctx);
int store_pg_get_stats(store_pg *p, dyad_store_stats *st);

/* For dyad serve: store_rows and store_set_msg of store_sql.h. */
struct store_where;
struct store_cols;
int store_pg_rows(store_pg *p, const char *sql, const struct store_where *w,
                  int (*row)(void *ctx, const struct store_cols *c),
                  void *ctx);
void store_pg_set_msg(store_pg *p, const char *msg);
/* PostgreSQL's statement_timeout in ms (0: none) for every later
 * statement (set once; again only when it changes). */
int store_pg_set_timeout(store_pg *p, long ms);
/* Every later transaction is read-only (dyad_store_read_only). */
int store_pg_read_only(store_pg *p);

int store_pg_each_doc(store_pg *p, long long after, const char *skip_version,
                      size_t max,
                      int (*fn)(void *ctx, const dyad_store_stored *d),
                      void *ctx, long long *last);
int store_pg_count_docs(store_pg *p, const char *skip_version,
                        long long *n);
int store_pg_doc_events(store_pg *p, long long key,
                        int (*fn)(void *ctx, const dyad_store_event_brief *e),
                        void *ctx);
int store_pg_recode(store_pg *p, long long key, const char *dict_version,
                    const dyad_doc *doc);

#endif

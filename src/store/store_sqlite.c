/* store_sqlite.c -- the SQLite backend of the store (store.h), and the
 * dispatch of dyad_store_open by target.
 *
 * One database file holds documents, events, mentions, quotes and a
 * full-text index of the stories (FTS5, kept in step by triggers).  The
 * schema is made on first open and its version kept in the meta table.
 * Deleting a document deletes what it holds (foreign keys ON DELETE
 * CASCADE).  The database runs in WAL mode, so a killed writer loses only
 * its open transaction.  The schema is described in docs/store.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"
#include "store_pg.h"
#include "store_sql.h"

struct dyad_store {
  store_pg *pg; /* the PostgreSQL backend, or NULL: SQLite */
  sqlite3 *db;
  char msg[512];
  int in_tx;
  sqlite3_stmt *find_id, *find_hash, *del_doc, *ins_doc, *ins_event,
      *ins_mention, *ins_quote;
  long long deadline_ns; /* dyad_store_set_deadline: CLOCK_MONOTONIC, 0 */
};

static const char *schema_sql =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE documents(\n"
    "  doc_key INTEGER PRIMARY KEY,\n"
    "  id TEXT UNIQUE,\n"
    "  content_hash TEXT NOT NULL,\n"
    "  title TEXT, url TEXT, source TEXT, date TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  dict_version TEXT NOT NULL,\n"
    "  coded_at TEXT NOT NULL);\n"
    "CREATE INDEX documents_hash ON documents(content_hash);\n"
    "CREATE TABLE events(\n"
    "  event_id INTEGER PRIMARY KEY,\n"
    "  doc INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,\n"
    "  idx INTEGER NOT NULL, sentence INTEGER NOT NULL,\n"
    "  date TEXT, date_precision TEXT, date_from TEXT, date_text TEXT,\n"
    "  time TEXT,\n"
    "  code TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER,\n"
    "  goldstein REAL,\n"
    "  source_text TEXT, source_code TEXT, source_country TEXT,\n"
    "  source_role TEXT, source_name TEXT, source_start INTEGER,\n"
    "  source_end INTEGER, source_resolved_from TEXT,\n"
    "  target_text TEXT, target_code TEXT, target_country TEXT,\n"
    "  target_role TEXT, target_name TEXT, target_start INTEGER,\n"
    "  target_end INTEGER, target_resolved_from TEXT,\n"
    "  verb_text TEXT, verb_lemma TEXT, verb_start INTEGER,\n"
    "  verb_end INTEGER, pattern TEXT,\n"
    "  negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL,\n"
    "  passive INTEGER NOT NULL, reported INTEGER NOT NULL,\n"
    "  future INTEGER NOT NULL,\n"
    "  sentence_text TEXT, sentence_start INTEGER, sentence_end INTEGER,\n"
    "  place_name TEXT, place_country TEXT, place_kind TEXT,\n"
    "  place_lat REAL, place_lon REAL, place_how TEXT,\n"
    "  place_start INTEGER, place_end INTEGER,\n"
    "  num_mentions INTEGER NOT NULL, confidence REAL,\n"
    "  plover_type TEXT, plover_mode TEXT,\n"
    "  event_key TEXT NOT NULL);\n"
    "CREATE INDEX events_doc ON events(doc);\n"
    "CREATE INDEX events_key ON events(event_key);\n"
    "CREATE INDEX events_date ON events(date);\n"
    "CREATE INDEX events_source ON events(source_code);\n"
    "CREATE INDEX events_target ON events(target_code);\n"
    "CREATE INDEX events_code ON events(code);\n"
    "CREATE INDEX events_root ON events(root, goldstein);\n"
    "CREATE INDEX events_source_country ON events(source_country);\n"
    "CREATE INDEX events_target_country ON events(target_country);\n"
    "CREATE TABLE mentions(\n"
    "  event_id INTEGER NOT NULL REFERENCES events(event_id)\n"
    "    ON DELETE CASCADE,\n"
    "  idx INTEGER NOT NULL, sentence INTEGER NOT NULL,\n"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL);\n"
    "CREATE INDEX mentions_event ON mentions(event_id);\n"
    "CREATE TABLE quotes(\n"
    "  doc INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,\n"
    "  idx INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,\n"
    "  closed INTEGER NOT NULL, continues INTEGER,\n"
    "  speaker_text TEXT, speaker_code TEXT, speaker_name TEXT,\n"
    "  speaker_resolved_from TEXT);\n"
    "CREATE INDEX quotes_doc ON quotes(doc);\n"
    /* The stories' full text, indexed from the documents table. */
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text,\n"
    "  content='documents', content_rowid='doc_key');\n"
    "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN\n"
    "  INSERT INTO documents_fts(rowid, title, text)\n"
    "    VALUES (new.doc_key, new.title, new.text);\n"
    "END;\n"
    "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN\n"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text)\n"
    "    VALUES ('delete', old.doc_key, old.title, old.text);\n"
    "END;\n"
    /* Cross-story dedup: one row per event key (source, target, CAMEO
     * code, date) over the whole database. */
    "CREATE VIEW event_groups AS\n"
    "  SELECT event_key, source_code, target_code, code, date,\n"
    "         COUNT(DISTINCT doc) AS num_articles, COUNT(*) AS num_events,\n"
    "         MIN(event_id) AS first_event\n"
    "  FROM events GROUP BY event_key;\n";

/* ===== Errors ===== */

static int fail(dyad_store *s, const char *what) {
  snprintf(s->msg, sizeof s->msg, "%s: %s", what, sqlite3_errmsg(s->db));
  return -1;
}

const char *dyad_store_errmsg(const dyad_store *s) {
  if (s && s->pg)
    return store_pg_errmsg(s->pg);
  return s ? s->msg : "no store";
}

static char *dup_msg(const char *m) {
  size_t n = strlen(m) + 1;
  char *p = malloc(n);
  if (p)
    memcpy(p, m, n);
  return p;
}

/* ===== Opening ===== */

static int exec(dyad_store *s, const char *sql, const char *what) {
  char *e = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &e) != SQLITE_OK) {
    snprintf(s->msg, sizeof s->msg, "%s: %s", what,
             e ? e : sqlite3_errmsg(s->db));
    sqlite3_free(e);
    return -1;
  }
  return 0;
}

static int prep(dyad_store *s, sqlite3_stmt **st, const char *sql) {
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
    return fail(s, "cannot prepare a statement");
  return 0;
}

/* Makes the schema in a new database, or checks the version of an old
 * one. */
static int schema(dyad_store *s) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(
      s->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st,
      NULL);
  if (rc == SQLITE_OK) {
    int version = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
      version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version != DYAD_STORE_SCHEMA_VERSION) {
      snprintf(s->msg, sizeof s->msg,
               "the database has schema version %d; this dyad reads "
               "version %d",
               version, DYAD_STORE_SCHEMA_VERSION);
      return -1;
    }
    return 0;
  }
  sqlite3_finalize(st);
  /* Not a dyad database yet: it must be empty. */
  if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1,
                         &st, NULL) != SQLITE_OK)
    return fail(s, "not an SQLite database");
  int tables = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
  sqlite3_finalize(st);
  if (tables) {
    snprintf(s->msg, sizeof s->msg,
             "the database holds other tables and no dyad schema");
    return -1;
  }
  char ver[128];
  snprintf(ver, sizeof ver,
           "INSERT INTO meta VALUES ('schema_version', '%d');",
           DYAD_STORE_SCHEMA_VERSION);
  if (exec(s, "BEGIN", "cannot create the schema") ||
      exec(s, schema_sql, "cannot create the schema") ||
      exec(s, ver, "cannot create the schema") ||
      exec(s, "COMMIT", "cannot create the schema")) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  return 0;
}

static void finalize_all(dyad_store *s) {
  sqlite3_finalize(s->find_id);
  sqlite3_finalize(s->find_hash);
  sqlite3_finalize(s->del_doc);
  sqlite3_finalize(s->ins_doc);
  sqlite3_finalize(s->ins_event);
  sqlite3_finalize(s->ins_mention);
  sqlite3_finalize(s->ins_quote);
}

int dyad_store_open(dyad_store **out, const char *target, char **err) {
  dyad_store *s = calloc(1, sizeof *s);
  if (!s) {
    if (err)
      *err = dup_msg("out of memory");
    return -1;
  }
  if (store_pg_is_target(target)) {
    if (store_pg_open(&s->pg, target, err)) {
      free(s);
      return -1;
    }
    *out = s;
    return 0;
  }
  int rc = sqlite3_open_v2(target, &s->db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK) {
    snprintf(s->msg, sizeof s->msg, "%s: %s", target,
             s->db ? sqlite3_errmsg(s->db) : "cannot open");
    goto fail;
  }
  sqlite3_busy_timeout(s->db, 10000);
  if (exec(s, "PRAGMA foreign_keys = ON", "cannot set up the database") ||
      exec(s, "PRAGMA journal_mode = WAL", "cannot set up the database") ||
      exec(s, "PRAGMA synchronous = NORMAL", "cannot set up the database") ||
      schema(s))
    goto fail_named;
  if (prep(s, &s->find_id, "SELECT doc_key FROM documents WHERE id = ?") ||
      prep(s, &s->find_hash,
           "SELECT doc_key FROM documents WHERE content_hash = ? LIMIT 1") ||
      prep(s, &s->del_doc, "DELETE FROM documents WHERE doc_key = ?") ||
      prep(s, &s->ins_doc,
           "INSERT INTO documents(id, content_hash, title, url, source, "
           "date, text, dict_version, coded_at) VALUES (?, ?, ?, ?, ?, ?, "
           "?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))") ||
      prep(s, &s->ins_event,
           "INSERT INTO events(" STORE_EVENT_COLUMNS ") VALUES ("
           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
      prep(s, &s->ins_mention,
           "INSERT INTO mentions(event_id, idx, sentence, span_start, "
           "span_end) VALUES (?, ?, ?, ?, ?)") ||
      prep(s, &s->ins_quote,
           "INSERT INTO quotes(doc, idx, text, span_start, span_end, "
           "closed, continues, speaker_text, speaker_code, speaker_name, "
           "speaker_resolved_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "?)"))
    goto fail_named;
  *out = s;
  return 0;
fail_named:
  if (err) {
    char m[700];
    snprintf(m, sizeof m, "%s: %s", target, s->msg);
    *err = dup_msg(m);
  }
  finalize_all(s);
  sqlite3_close(s->db);
  free(s);
  return -1;
fail:
  if (err)
    *err = dup_msg(s->msg);
  sqlite3_close(s->db);
  free(s);
  return -1;
}

void dyad_store_close(dyad_store *s) {
  if (!s)
    return;
  if (s->pg) {
    store_pg_close(s->pg);
    free(s);
    return;
  }
  if (s->in_tx)
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  finalize_all(s);
  sqlite3_close(s->db);
  free(s);
}

int dyad_store_begin(dyad_store *s) {
  if (s->pg)
    return store_pg_begin(s->pg);
  if (exec(s, "BEGIN IMMEDIATE", "cannot begin a transaction"))
    return -1;
  s->in_tx = 1;
  return 0;
}

int dyad_store_commit(dyad_store *s) {
  if (s->pg)
    return store_pg_commit(s->pg);
  s->in_tx = 0;
  return exec(s, "COMMIT", "cannot commit");
}

int dyad_store_rollback(dyad_store *s) {
  if (s->pg)
    return store_pg_rollback(s->pg);
  s->in_tx = 0;
  return exec(s, "ROLLBACK", "cannot roll back");
}

/* ===== Storing ===== */

/* A view as a bound text, NULL when empty.  The statement is stepped
 * before the view goes away, so SQLITE_STATIC is enough. */
static void bind_view(sqlite3_stmt *st, int i, dyad_str v) {
  if (v.len)
    sqlite3_bind_text64(st, i, v.ptr, (sqlite3_uint64)v.len, SQLITE_STATIC,
                        SQLITE_UTF8);
  else
    sqlite3_bind_null(st, i);
}

static void bind_cstr(sqlite3_stmt *st, int i, const char *v) {
  if (v && *v)
    sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

static void bind_size(sqlite3_stmt *st, int i, size_t v) {
  sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}


/* Steps a statement that returns nothing; resets it. */
static int run(dyad_store *s, sqlite3_stmt *st, const char *what) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (rc != SQLITE_DONE)
    return fail(s, what);
  return 0;
}

/* The stored document's key, or 0. */
static int lookup(dyad_store *s, const dyad_store_doc *d, const char *hash,
                  sqlite3_int64 *key) {
  sqlite3_stmt *st = d->id ? s->find_id : s->find_hash;
  sqlite3_bind_text(st, 1, d->id ? d->id : hash, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  *key = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail(s, "cannot look up a document");
  return 0;
}

int dyad_store_find(dyad_store *s, const dyad_store_doc *d, int *found) {
  if (s->pg)
    return store_pg_find(s->pg, d, found);
  char hash[33];
  store_content_hash(d->text, d->len, hash);
  sqlite3_int64 key;
  if (lookup(s, d, hash, &key))
    return -1;
  *found = key ? DYAD_STORE_PRESENT : DYAD_STORE_ABSENT;
  return 0;
}

/* Binds an actor's eight columns from index i. */
static void bind_actor(sqlite3_stmt *st, int i, const dyad_actor *a) {
  bind_view(st, i, a->text);
  bind_view(st, i + 1, a->code);
  bind_view(st, i + 2, a->country);
  bind_view(st, i + 3, a->role);
  bind_view(st, i + 4, a->name);
  if (a->code.len || a->text.len) {
    bind_size(st, i + 5, a->span.start);
    bind_size(st, i + 6, a->span.end);
  } else {
    sqlite3_bind_null(st, i + 5);
    sqlite3_bind_null(st, i + 6);
  }
  bind_view(st, i + 7, a->resolved_from);
}


static int put_event(dyad_store *s, sqlite3_int64 doc, size_t idx,
                     const dyad_event *e) {
  sqlite3_stmt *st = s->ins_event;
  char key[512];
  store_event_key(e, key, sizeof key);
  sqlite3_bind_int64(st, 1, doc);
  bind_size(st, 2, idx);
  bind_size(st, 3, e->sentence);
  bind_view(st, 4, e->date);
  bind_view(st, 5, e->date_precision);
  bind_view(st, 6, e->date_from);
  bind_view(st, 7, e->date_text);
  bind_view(st, 8, e->time);
  sqlite3_bind_text(st, 9, e->code, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 10, e->root, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 11, e->quad_class);
  if (e->goldstein == e->goldstein)
    sqlite3_bind_double(st, 12, e->goldstein);
  else
    sqlite3_bind_null(st, 12); /* NaN: an unknown code */
  bind_actor(st, 13, &e->source);
  bind_actor(st, 21, &e->target);
  bind_view(st, 29, e->verb_text);
  bind_view(st, 30, e->verb_lemma);
  bind_size(st, 31, e->verb_span.start);
  bind_size(st, 32, e->verb_span.end);
  bind_view(st, 33, e->pattern);
  sqlite3_bind_int(st, 34, e->negated != 0);
  sqlite3_bind_int(st, 35, e->hypothetical != 0);
  sqlite3_bind_int(st, 36, e->passive != 0);
  sqlite3_bind_int(st, 37, e->reported != 0);
  sqlite3_bind_int(st, 38, e->future != 0);
  bind_view(st, 39, e->text);
  bind_size(st, 40, e->sentence_span.start);
  bind_size(st, 41, e->sentence_span.end);
  if (e->place.name.len) {
    bind_view(st, 42, e->place.name);
    bind_view(st, 43, e->place.country);
    bind_view(st, 44, e->place.kind);
    sqlite3_bind_double(st, 45, e->place.lat);
    sqlite3_bind_double(st, 46, e->place.lon);
    bind_view(st, 47, e->place.how);
    bind_size(st, 48, e->place.span.start);
    bind_size(st, 49, e->place.span.end);
  } else {
    for (int i = 42; i <= 49; i++)
      sqlite3_bind_null(st, i);
  }
  bind_size(st, 50, e->num_mentions);
  sqlite3_bind_double(st, 51, e->confidence);
  bind_cstr(st, 52, e->plover_type);
  bind_cstr(st, 53, e->plover_mode);
  sqlite3_bind_text(st, 54, key, -1, SQLITE_STATIC);
  if (run(s, st, "cannot store an event"))
    return -1;
  sqlite3_int64 ev = sqlite3_last_insert_rowid(s->db);
  for (size_t m = 0; m < e->num_mentions; m++) {
    sqlite3_bind_int64(s->ins_mention, 1, ev);
    bind_size(s->ins_mention, 2, m);
    bind_size(s->ins_mention, 3, e->mentions[m].sentence);
    bind_size(s->ins_mention, 4, e->mentions[m].span.start);
    bind_size(s->ins_mention, 5, e->mentions[m].span.end);
    if (run(s, s->ins_mention, "cannot store a mention"))
      return -1;
  }
  return 0;
}

static int put_quote(dyad_store *s, sqlite3_int64 doc, size_t idx,
                     const dyad_quote *q) {
  sqlite3_stmt *st = s->ins_quote;
  sqlite3_bind_int64(st, 1, doc);
  bind_size(st, 2, idx);
  sqlite3_bind_text64(st, 3, q->text.len ? q->text.ptr : "",
                      (sqlite3_uint64)q->text.len, SQLITE_STATIC, SQLITE_UTF8);
  bind_size(st, 4, q->span.start);
  bind_size(st, 5, q->span.end);
  sqlite3_bind_int(st, 6, q->closed != 0);
  if (q->continues >= 0)
    sqlite3_bind_int64(st, 7, q->continues);
  else
    sqlite3_bind_null(st, 7);
  bind_view(st, 8, q->speaker.text);
  bind_view(st, 9, q->speaker.code);
  bind_view(st, 10, q->speaker.name);
  bind_view(st, 11, q->speaker.resolved_from);
  return run(s, st, "cannot store a quotation");
}

/* Stores a coded document's events (with their mentions) and quotations
 * under the document's key. */
static int put_coding(dyad_store *s, sqlite3_int64 doc_key,
                      const dyad_doc *doc) {
  size_t n = dyad_doc_event_count(doc);
  for (size_t i = 0; i < n; i++)
    if (put_event(s, doc_key, i, dyad_doc_event(doc, i)))
      return -1;
  n = dyad_doc_quote_count(doc);
  for (size_t i = 0; i < n; i++)
    if (put_quote(s, doc_key, i, dyad_doc_quote(doc, i)))
      return -1;
  return 0;
}

int dyad_store_put(dyad_store *s, const dyad_store_doc *d,
                   const dyad_doc *doc, int replace, int *outcome) {
  if (s->pg)
    return store_pg_put(s->pg, d, doc, replace, outcome);
  char hash[33];
  store_content_hash(d->text, d->len, hash);
  sqlite3_int64 key;
  if (lookup(s, d, hash, &key))
    return -1;
  if (key && !replace) {
    *outcome = DYAD_STORE_PRESENT;
    return 0;
  }
  /* A savepoint, so a failure half-way leaves no half document, inside or
   * outside the caller's transaction. */
  if (exec(s, "SAVEPOINT put", "cannot store a document"))
    return -1;
  if (key) {
    sqlite3_bind_int64(s->del_doc, 1, key);
    if (run(s, s->del_doc, "cannot delete the old coding"))
      goto undo;
  }
  sqlite3_stmt *st = s->ins_doc;
  bind_cstr(st, 1, d->id);
  sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
  bind_cstr(st, 3, d->title);
  bind_cstr(st, 4, d->url);
  bind_cstr(st, 5, d->source);
  bind_cstr(st, 6, d->date);
  /* 64-bit length: --max-doc-bytes may allow documents over 2 GiB. */
  sqlite3_bind_text64(st, 7, d->len ? d->text : "", (sqlite3_uint64)d->len,
                      SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_text(st, 8, d->dict_version ? d->dict_version : "", -1,
                    SQLITE_STATIC);
  if (run(s, st, "cannot store a document"))
    goto undo;
  sqlite3_int64 dk = sqlite3_last_insert_rowid(s->db);
  if (put_coding(s, dk, doc))
    goto undo;
  if (exec(s, "RELEASE put", "cannot store a document"))
    goto undo;
  *outcome = key ? DYAD_STORE_REPLACED : DYAD_STORE_STORED;
  return 0;
undo:
  sqlite3_exec(s->db, "ROLLBACK TO put; RELEASE put", NULL, NULL, NULL);
  return -1;
}

/* ===== Queries ===== */

/* Binds w's values to st.  The strings are copied (SQLITE_TRANSIENT): w is
 * the caller's local and some of them (the full-text query) live in it, so
 * they are gone before the statement is stepped. */
static int bind_where(sqlite3_stmt *st, const store_where *w) {
  for (int i = 0; i < w->n; i++) {
    int rc = w->p[i].s ? sqlite3_bind_text(st, i + 1, w->p[i].s, -1,
                                           SQLITE_TRANSIENT)
                       : sqlite3_bind_int64(st, i + 1, w->p[i].i);
    if (rc != SQLITE_OK)
      return -1;
  }
  return 0;
}

static const char *col(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? (const char *)t : "";
}

/* Prepares the statement of `head` + the filter's conditions + `tail`,
 * binding every value. */
static int prepare_filtered(dyad_store *s, const dyad_store_filter *f,
                            const char *head, const char *tail, long limit,
                            sqlite3_stmt **out) {
  store_where w;
  char err[256];
  if (store_sql_where(f, STORE_SQLITE, &w, err)) {
    snprintf(s->msg, sizeof s->msg, "%s", err);
    return -1;
  }
  size_t n = strlen(head) + w.len + strlen(tail) + 32;
  char *sql = malloc(n);
  if (!sql) {
    snprintf(s->msg, sizeof s->msg, "out of memory");
    return -1;
  }
  snprintf(sql, n, "%s WHERE 1 = 1%s %s LIMIT ?", head, w.sql, tail);
  int rc = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
  free(sql);
  if (rc != SQLITE_OK)
    return fail(s, "cannot prepare the query");
  if (bind_where(*out, &w) ||
      sqlite3_bind_int64(*out, w.n + 1, limit > 0 ? limit : -1) !=
          SQLITE_OK) {
    sqlite3_finalize(*out);
    return fail(s, "cannot bind the query's values");
  }
  return 0;
}

int dyad_store_query(dyad_store *s, const dyad_store_filter *f,
                     int (*row)(void *ctx, const dyad_store_row *r),
                     void *ctx) {
  if (s->pg)
    return store_pg_query(s->pg, f, row, ctx);
  sqlite3_stmt *st;
  if (prepare_filtered(
          s, f,
          f->gdelt ? STORE_QUERY_SELECT_GDELT : STORE_QUERY_SELECT,
          "ORDER BY e.date, d.doc_key, e.idx", f->limit, &st))
    return -1;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    dyad_store_row r;
    r.doc_id = col(st, 0);
    r.date = col(st, 1);
    r.source = col(st, 2);
    r.target = col(st, 3);
    r.code = col(st, 4);
    r.root = col(st, 5);
    r.quad_class = sqlite3_column_int(st, 6);
    r.goldstein = sqlite3_column_double(st, 7);
    r.source_text = col(st, 8);
    r.target_text = col(st, 9);
    r.verb_text = col(st, 10);
    r.place = col(st, 11);
    r.place_country = col(st, 12);
    r.confidence = sqlite3_column_double(st, 13);
    r.sentence = (long)sqlite3_column_int64(st, 14);
    r.num_articles = (long)sqlite3_column_int64(st, 15);
    r.text = col(st, 16);
    r.source_name = col(st, 17);
    r.source_country = col(st, 18);
    r.source_role = col(st, 19);
    r.target_name = col(st, 20);
    r.target_country = col(st, 21);
    r.target_role = col(st, 22);
    r.doc_mentions = f->gdelt ? (long)sqlite3_column_int64(st, 23) : 0;
    r.occurrence = f->gdelt ? (long)sqlite3_column_int64(st, 24) : 0;
    if (row(ctx, &r)) {
      rc = SQLITE_DONE;
      break;
    }
  }
  if (rc != SQLITE_DONE) {
    fail(s, "the query failed");
    sqlite3_finalize(st);
    return -1;
  }
  sqlite3_finalize(st);
  return 0;
}

int dyad_store_count_by(dyad_store *s, const dyad_store_filter *f,
                        const char *by,
                        int (*group)(void *ctx, const char *key, long count,
                                     double mean_goldstein),
                        void *ctx) {
  if (s->pg)
    return store_pg_count_by(s->pg, f, by, group, ctx);
  int is_date;
  const char *expr = store_sql_group_expr(by, STORE_SQLITE, &is_date);
  if (!expr) {
    snprintf(s->msg, sizeof s->msg,
             "cannot count by '%.64s' (day, week, month, root, quad, dyad, "
             "source or target)",
             by);
    return -1;
  }
  /* No join: SQLite's conditions read events only (--text looks the
   * documents up in documents_fts by e.doc). */
  char head[512];
  snprintf(head, sizeof head,
           "SELECT %s AS k, COUNT(*), AVG(e.goldstein) FROM events e", expr);
  sqlite3_stmt *st;
  if (prepare_filtered(s, f, head,
                       is_date ? "GROUP BY k ORDER BY k"
                               : "GROUP BY k ORDER BY COUNT(*) DESC, k",
                       f->limit, &st))
    return -1;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (group(ctx, col(st, 0), (long)sqlite3_column_int64(st, 1),
              sqlite3_column_double(st, 2))) {
      rc = SQLITE_DONE;
      break;
    }
  }
  if (rc != SQLITE_DONE) {
    fail(s, "the count failed");
    sqlite3_finalize(st);
    return -1;
  }
  sqlite3_finalize(st);
  return 0;
}

/* One number from a fixed statement (no values). */
static int scalar(dyad_store *s, const char *sql, long *out) {
  sqlite3_stmt *st;
  if (prep(s, &st, sql))
    return -1;
  int rc = sqlite3_step(st);
  *out = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW)
    return fail(s, "cannot count");
  return 0;
}

int dyad_store_get_stats(dyad_store *s, dyad_store_stats *stt) {
  if (s->pg)
    return store_pg_get_stats(s->pg, stt);
  memset(stt, 0, sizeof *stt);
  if (scalar(s, "SELECT COUNT(*) FROM documents", &stt->documents) ||
      scalar(s, "SELECT COUNT(*) FROM events", &stt->events) ||
      scalar(s, "SELECT COUNT(*) FROM quotes", &stt->quotes) ||
      scalar(s, "SELECT COUNT(*) FROM event_groups", &stt->distinct_events))
    return -1;
  sqlite3_stmt *st;
  if (prep(s, &st, "SELECT MIN(date), MAX(date) FROM events"))
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW) {
    snprintf(stt->first_date, sizeof stt->first_date, "%s", col(st, 0));
    snprintf(stt->last_date, sizeof stt->last_date, "%s", col(st, 1));
  }
  sqlite3_finalize(st);
  return 0;
}

/* ===== For dyad serve: one statement, any columns (store_sql.h) ===== */

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* SQLite's progress handler: a non-zero return interrupts the statement. */
static int past_deadline(void *ctx) {
  const dyad_store *s = ctx;
  return s->deadline_ns && now_ns() > s->deadline_ns;
}

int dyad_store_read_only(dyad_store *s) {
  if (s->pg)
    return store_pg_read_only(s->pg);
  /* query_only refuses writes; the file mapped (256 MiB at most) and a
   * 32 MiB page cache save the reads of a scan. */
  return exec(s,
              "PRAGMA query_only = 1; PRAGMA mmap_size = 268435456; "
              "PRAGMA cache_size = -32768",
              "cannot make the connection read-only");
}

int dyad_store_set_deadline(dyad_store *s, long ms) {
  if (s->pg)
    return store_pg_set_timeout(s->pg, ms);
  if (ms <= 0) {
    s->deadline_ns = 0;
    sqlite3_progress_handler(s->db, 0, NULL, NULL);
    return 0;
  }
  s->deadline_ns = now_ns() + (long long)ms * 1000000LL;
  sqlite3_progress_handler(s->db, 4096, past_deadline, s);
  return 0;
}

int store_dialect(const dyad_store *s) {
  return s->pg ? STORE_POSTGRES : STORE_SQLITE;
}

void store_set_msg(dyad_store *s, const char *msg) {
  if (s->pg)
    store_pg_set_msg(s->pg, msg);
  else
    snprintf(s->msg, sizeof s->msg, "%s", msg);
}

static const char *sq_text(const store_cols *c, int i) {
  sqlite3_stmt *st = c->impl;
  if (sqlite3_column_type(st, i) == SQLITE_NULL)
    return NULL;
  return (const char *)sqlite3_column_text(st, i);
}

static double sq_real(const store_cols *c, int i) {
  return sqlite3_column_double(c->impl, i);
}

static long sq_integer(const store_cols *c, int i) {
  return (long)sqlite3_column_int64(c->impl, i);
}

static int sq_is_null(const store_cols *c, int i) {
  return sqlite3_column_type(c->impl, i) == SQLITE_NULL;
}

int store_rows(dyad_store *s, const char *sql, const store_where *w,
               int (*row)(void *ctx, const store_cols *c), void *ctx) {
  if (s->pg)
    return store_pg_rows(s->pg, sql, w, row, ctx);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return fail(s, "cannot prepare the query");
  if (bind_where(st, w)) {
    sqlite3_finalize(st);
    return fail(s, "cannot bind the query's values");
  }
  store_cols c = {sq_text, sq_real, sq_integer, sq_is_null, st, 0};
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (row(ctx, &c)) {
      rc = SQLITE_DONE;
      break;
    }
    c.row++;
  }
  if (rc != SQLITE_DONE) {
    fail(s, "the query failed");
    sqlite3_finalize(st);
    return -1;
  }
  sqlite3_finalize(st);
  return 0;
}

/* ===== Recoding ===== */

/* One document of a page, its strings copied (the statement is finished
 * before the caller sees it, so the caller may write). */
typedef struct stored_copy {
  dyad_store_stored d;
  char *mem; /* every string of d, one block */
} stored_copy;

/* A copy of column i into *at within mem, or NULL for SQL NULL. */
static const char *copy_col(sqlite3_stmt *st, int i, char **at) {
  const unsigned char *t = sqlite3_column_text(st, i);
  if (!t)
    return NULL;
  size_t n = (size_t)sqlite3_column_bytes(st, i);
  char *p = *at;
  memcpy(p, t, n);
  p[n] = '\0';
  *at = p + n + 1;
  return p;
}

int dyad_store_each_doc(dyad_store *s, long long after,
                        const char *skip_version, size_t max,
                        int (*fn)(void *ctx, const dyad_store_stored *d),
                        void *ctx, long long *last) {
  if (s->pg)
    return store_pg_each_doc(s->pg, after, skip_version, max, fn, ctx, last);
  *last = after;
  if (max == 0)
    return 0;
  sqlite3_stmt *st;
  if (prep(s, &st,
           "SELECT doc_key, id, content_hash, date, text, dict_version "
           "FROM documents WHERE doc_key > ? AND dict_version IS NOT ? "
           "ORDER BY doc_key LIMIT ?"))
    return -1;
  sqlite3_bind_int64(st, 1, after);
  bind_cstr(st, 2, skip_version);
  sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
  stored_copy *page = calloc(max, sizeof *page);
  if (!page) {
    sqlite3_finalize(st);
    snprintf(s->msg, sizeof s->msg, "out of memory");
    return -1;
  }
  size_t n = 0;
  int rc, oom = 0;
  while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    size_t bytes = 6;
    for (int i = 1; i <= 5; i++)
      bytes += (size_t)sqlite3_column_bytes(st, i);
    stored_copy *c = &page[n];
    c->mem = malloc(bytes);
    if (!c->mem) {
      oom = 1;
      break;
    }
    char *at = c->mem;
    c->d.key = sqlite3_column_int64(st, 0);
    c->d.id = copy_col(st, 1, &at);
    c->d.content_hash = copy_col(st, 2, &at);
    c->d.date = copy_col(st, 3, &at);
    c->d.len = (size_t)sqlite3_column_bytes(st, 4);
    c->d.text = copy_col(st, 4, &at);
    if (!c->d.text)
      c->d.text = "";
    c->d.dict_version = copy_col(st, 5, &at);
    n++;
  }
  if (n == max)
    rc = SQLITE_DONE;
  int ret = 0;
  if (oom) {
    snprintf(s->msg, sizeof s->msg, "out of memory");
    ret = -1;
  } else if (rc != SQLITE_DONE) {
    ret = fail(s, "cannot read the documents");
  }
  sqlite3_finalize(st);
  for (size_t i = 0; i < n && ret == 0; i++) {
    *last = page[i].d.key;
    if (fn(ctx, &page[i].d))
      break;
  }
  for (size_t i = 0; i < n; i++)
    free(page[i].mem);
  free(page);
  return ret;
}

int dyad_store_count_docs(dyad_store *s, const char *skip_version,
                          long long *n) {
  if (s->pg)
    return store_pg_count_docs(s->pg, skip_version, n);
  sqlite3_stmt *st;
  if (prep(s, &st,
           "SELECT COUNT(*) FROM documents WHERE dict_version IS NOT ?"))
    return -1;
  bind_cstr(st, 1, skip_version);
  int rc = sqlite3_step(st);
  *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW)
    return fail(s, "cannot count the documents");
  return 0;
}

int dyad_store_doc_events(dyad_store *s, long long key,
                          int (*fn)(void *ctx,
                                    const dyad_store_event_brief *e),
                          void *ctx) {
  if (s->pg)
    return store_pg_doc_events(s->pg, key, fn, ctx);
  sqlite3_stmt *st;
  if (prep(s, &st,
           "SELECT idx, sentence, verb_start, verb_end, code, source_code, "
           "target_code, verb_text FROM events WHERE doc = ? ORDER BY idx"))
    return -1;
  sqlite3_bind_int64(st, 1, key);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    dyad_store_event_brief e;
    e.idx = (long)sqlite3_column_int64(st, 0);
    e.sentence = (long)sqlite3_column_int64(st, 1);
    e.verb_start = sqlite3_column_int64(st, 2);
    e.verb_end = sqlite3_column_int64(st, 3);
    e.code = col(st, 4);
    e.source = col(st, 5);
    e.target = col(st, 6);
    e.verb_text = col(st, 7);
    if (fn(ctx, &e)) {
      rc = SQLITE_DONE;
      break;
    }
  }
  if (rc != SQLITE_DONE) {
    fail(s, "cannot read the events");
    sqlite3_finalize(st);
    return -1;
  }
  sqlite3_finalize(st);
  return 0;
}

/* Runs a fixed statement with one key (and an optional text first):
 * returns the rows it changed, or -1. */
static long long run_keyed(dyad_store *s, const char *sql, const char *text,
                           long long key, const char *what) {
  sqlite3_stmt *st;
  if (prep(s, &st, sql))
    return -1;
  int i = 1;
  if (text)
    sqlite3_bind_text(st, i++, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, i, key);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return fail(s, what);
  return (long long)sqlite3_changes(s->db);
}

int dyad_store_recode(dyad_store *s, long long key, const char *dict_version,
                      const dyad_doc *doc) {
  if (s->pg)
    return store_pg_recode(s->pg, key, dict_version, doc);
  if (exec(s, "SAVEPOINT recode", "cannot recode a document"))
    return -1;
  long long changed = run_keyed(
      s,
      "UPDATE documents SET dict_version = ?, "
      "coded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE doc_key = ?",
      dict_version ? dict_version : "", key, "cannot recode a document");
  if (changed < 0)
    goto undo;
  if (changed == 0) {
    snprintf(s->msg, sizeof s->msg,
             "the document (key %lld) is no longer stored", key);
    goto undo;
  }
  /* Mentions go with their events (ON DELETE CASCADE). */
  if (run_keyed(s, "DELETE FROM events WHERE doc = ?", NULL, key,
                "cannot delete the old events") < 0 ||
      run_keyed(s, "DELETE FROM quotes WHERE doc = ?", NULL, key,
                "cannot delete the old quotations") < 0)
    goto undo;
  if (put_coding(s, key, doc))
    goto undo;
  if (exec(s, "RELEASE recode", "cannot recode a document"))
    goto undo;
  return 0;
undo:
  sqlite3_exec(s->db, "ROLLBACK TO recode; RELEASE recode", NULL, NULL, NULL);
  return -1;
}

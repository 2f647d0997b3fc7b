/* store_pg.c -- the PostgreSQL backend of the store (store.h, store_pg.h),
 * through libpq.
 *
 * The schema is the SQLite one (docs/store.md) in PostgreSQL's dialect:
 * BIGSERIAL keys, DOUBLE PRECISION for reals, and a stored generated
 * tsvector column documents.fts (title and text, the 'simple'
 * configuration: no stemming and no stop words, as SQLite's FTS5 default
 * tokenizer, so --text finds the same stories in both) with a GIN index.
 * A document's events, their mentions and its quotations are loaded with
 * COPY (event keys are drawn from the sequence first, so mentions can name
 * their event); the document row and every lookup are parameterised
 * statements.  No value is ever pasted into SQL text.
 *
 * Text sorts byte-wise (COLLATE "C"), as in SQLite, and undated events sort
 * first, so both backends return rows in the same order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store_pg.h"
#include "store_sql.h"

/* The longest COPY line (one event row) dyad builds: a hard cap on the
 * growing line buffer. */
#define PG_MAX_LINE ((size_t)256 << 20)

/* PostgreSQL type OIDs of the parameters dyad binds. */
#define PG_INT8 20
#define PG_TEXT 25

struct store_pg {
  PGconn *conn;
  char msg[512];
  int in_tx;
  char *line; /* the COPY line being built */
  size_t len, cap;
  int overflow; /* the line went past PG_MAX_LINE */
  long timeout_ms; /* statement_timeout set (dyad_store_set_deadline) */
};

static const char *schema_sql =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE documents(\n"
    "  doc_key BIGSERIAL PRIMARY KEY,\n"
    "  id TEXT UNIQUE,\n"
    "  content_hash TEXT NOT NULL,\n"
    "  title TEXT, url TEXT, source TEXT, date TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  dict_version TEXT NOT NULL,\n"
    "  coded_at TEXT NOT NULL,\n"
    "  fts TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple',\n"
    "    COALESCE(title, '') || ' ' || text)) STORED);\n"
    "CREATE INDEX documents_hash ON documents(content_hash);\n"
    "CREATE INDEX documents_fts ON documents USING gin(fts);\n"
    "CREATE TABLE events(\n"
    "  event_id BIGSERIAL PRIMARY KEY,\n"
    "  doc BIGINT NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,\n"
    "  idx BIGINT NOT NULL, sentence BIGINT NOT NULL,\n"
    "  date TEXT, date_precision TEXT, date_from TEXT, date_text TEXT,\n"
    "  time TEXT,\n"
    "  code TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER,\n"
    "  goldstein DOUBLE PRECISION,\n"
    "  source_text TEXT, source_code TEXT, source_country TEXT,\n"
    "  source_role TEXT, source_name TEXT, source_start BIGINT,\n"
    "  source_end BIGINT, source_resolved_from TEXT,\n"
    "  target_text TEXT, target_code TEXT, target_country TEXT,\n"
    "  target_role TEXT, target_name TEXT, target_start BIGINT,\n"
    "  target_end BIGINT, target_resolved_from TEXT,\n"
    "  verb_text TEXT, verb_lemma TEXT, verb_start BIGINT,\n"
    "  verb_end BIGINT, pattern TEXT,\n"
    "  negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL,\n"
    "  passive INTEGER NOT NULL, reported INTEGER NOT NULL,\n"
    "  future INTEGER NOT NULL,\n"
    "  sentence_text TEXT, sentence_start BIGINT, sentence_end BIGINT,\n"
    "  place_name TEXT, place_country TEXT, place_kind TEXT,\n"
    "  place_lat DOUBLE PRECISION, place_lon DOUBLE PRECISION,\n"
    "  place_how TEXT, place_start BIGINT, place_end BIGINT,\n"
    "  num_mentions BIGINT NOT NULL, confidence DOUBLE PRECISION,\n"
    "  plover_type TEXT, plover_mode TEXT,\n"
    "  event_key TEXT NOT NULL);\n"
    "CREATE INDEX events_doc ON events(doc);\n"
    "CREATE INDEX events_key ON events(event_key);\n"
    "CREATE INDEX events_date ON events(date);\n"
    /* Byte-wise, as the actor filters' prefix ranges compare. */
    "CREATE INDEX events_source ON events(source_code COLLATE \"C\");\n"
    "CREATE INDEX events_target ON events(target_code COLLATE \"C\");\n"
    "CREATE INDEX events_code ON events(code);\n"
    "CREATE INDEX events_root ON events(root, goldstein);\n"
    "CREATE INDEX events_source_country ON events(source_country);\n"
    "CREATE INDEX events_target_country ON events(target_country);\n"
    "CREATE TABLE mentions(\n"
    "  event_id BIGINT NOT NULL REFERENCES events(event_id)\n"
    "    ON DELETE CASCADE,\n"
    "  idx BIGINT NOT NULL, sentence BIGINT NOT NULL,\n"
    "  span_start BIGINT NOT NULL, span_end BIGINT NOT NULL);\n"
    "CREATE INDEX mentions_event ON mentions(event_id);\n"
    "CREATE TABLE quotes(\n"
    "  doc BIGINT NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,\n"
    "  idx BIGINT NOT NULL, text TEXT NOT NULL,\n"
    "  span_start BIGINT NOT NULL, span_end BIGINT NOT NULL,\n"
    "  closed INTEGER NOT NULL, continues BIGINT,\n"
    "  speaker_text TEXT, speaker_code TEXT, speaker_name TEXT,\n"
    "  speaker_resolved_from TEXT);\n"
    "CREATE INDEX quotes_doc ON quotes(doc);\n"
    "CREATE VIEW event_groups AS\n"
    "  SELECT event_key, MIN(source_code) AS source_code,\n"
    "         MIN(target_code) AS target_code, MIN(code) AS code,\n"
    "         MIN(date) AS date,\n"
    "         COUNT(DISTINCT doc) AS num_articles, COUNT(*) AS num_events,\n"
    "         MIN(event_id) AS first_event\n"
    "  FROM events GROUP BY event_key;\n";

/* ===== Errors and plain statements ===== */

/* Records "what: the server's message" and returns -1. */
static int fail(store_pg *p, const char *what, const PGresult *r) {
  const char *m = r ? PQresultErrorMessage(r) : "";
  if (!m || !*m)
    m = PQerrorMessage(p->conn);
  size_t n = strlen(m);
  while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
    n--;
  snprintf(p->msg, sizeof p->msg, "%s: %.*s", what, (int)n, m);
  return -1;
}

const char *store_pg_errmsg(const store_pg *p) {
  return p ? p->msg : "no store";
}

static char *dup_msg(const char *m) {
  size_t n = strlen(m) + 1;
  char *c = malloc(n);
  if (c)
    memcpy(c, m, n);
  return c;
}

/* Runs fixed SQL (no values) that returns no rows. */
static int exec(store_pg *p, const char *sql, const char *what) {
  PGresult *r = PQexec(p->conn, sql);
  int ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
           PQresultStatus(r) == PGRES_TUPLES_OK;
  if (!ok)
    fail(p, what, r);
  PQclear(r);
  return ok ? 0 : -1;
}

/* Runs SQL with n text parameters (NULL entries are SQL NULL); returns the
 * result (the caller PQclears it) or NULL with the message set. */
static PGresult *params(store_pg *p, const char *sql, int n,
                        const char *const *v, const char *what) {
  Oid types[STORE_MAX_PARAMS + 1];
  for (int i = 0; i < n && i < STORE_MAX_PARAMS + 1; i++)
    types[i] = PG_TEXT;
  PGresult *r = PQexecParams(p->conn, sql, n, types, v, NULL, NULL, 0);
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    fail(p, what, r);
    PQclear(r);
    return NULL;
  }
  return r;
}

/* ===== Opening ===== */

int store_pg_is_target(const char *target) {
  return !strncmp(target, "postgresql://", 13) ||
         !strncmp(target, "postgres://", 11);
}

/* Makes the schema in a database without one, or checks the version of an
 * existing one.  A database whose current schema holds other tables and no
 * dyad schema is refused rather than changed. */
static int schema(store_pg *p) {
  PGresult *r = PQexec(p->conn, "SELECT to_regclass('meta') IS NOT NULL");
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    fail(p, "cannot read the database", r);
    PQclear(r);
    return -1;
  }
  int has_meta = PQgetvalue(r, 0, 0)[0] == 't';
  PQclear(r);
  if (has_meta) {
    r = PQexec(p->conn,
               "SELECT value FROM meta WHERE key = 'schema_version'");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      fail(p, "cannot read the schema version", r);
      PQclear(r);
      return -1;
    }
    int version =
        PQntuples(r) ? (int)strtol(PQgetvalue(r, 0, 0), NULL, 10) : -1;
    PQclear(r);
    if (version != DYAD_STORE_SCHEMA_VERSION) {
      snprintf(p->msg, sizeof p->msg,
               "the database has schema version %d; this dyad reads "
               "version %d",
               version, DYAD_STORE_SCHEMA_VERSION);
      return -1;
    }
    return 0;
  }
  r = PQexec(p->conn, "SELECT count(*) FROM pg_tables "
                      "WHERE schemaname = current_schema()");
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    fail(p, "cannot read the database", r);
    PQclear(r);
    return -1;
  }
  long tables = strtol(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  if (tables) {
    snprintf(p->msg, sizeof p->msg,
             "the database holds other tables and no dyad schema");
    return -1;
  }
  char ver[128];
  snprintf(ver, sizeof ver,
           "INSERT INTO meta VALUES ('schema_version', '%d')",
           DYAD_STORE_SCHEMA_VERSION);
  if (exec(p, "BEGIN", "cannot create the schema") ||
      exec(p, schema_sql, "cannot create the schema") ||
      exec(p, ver, "cannot create the schema") ||
      exec(p, "COMMIT", "cannot create the schema")) {
    PQclear(PQexec(p->conn, "ROLLBACK"));
    return -1;
  }
  return 0;
}

int store_pg_open(store_pg **out, const char *target, char **err) {
  store_pg *p = calloc(1, sizeof *p);
  if (!p) {
    if (err)
      *err = dup_msg("out of memory");
    return -1;
  }
  p->conn = PQconnectdb(target);
  if (!p->conn) {
    snprintf(p->msg, sizeof p->msg, "out of memory");
  } else if (PQstatus(p->conn) != CONNECTION_OK) {
    fail(p, "cannot connect to PostgreSQL", NULL);
  } else if (PQsetClientEncoding(p->conn, "UTF8")) {
    fail(p, "cannot use UTF-8 with PostgreSQL", NULL);
  } else if (!exec(p, "SET client_min_messages = warning",
                   "cannot set up the session") &&
             !schema(p)) {
    *out = p;
    return 0;
  }
  if (err) {
    /* "URL: message", the URL's password masked. */
    char url[512], m[1200];
    dyad_store_printable(target, url, sizeof url);
    snprintf(m, sizeof m, "%s: %s", url, p->msg);
    *err = dup_msg(m);
  }
  PQfinish(p->conn);
  free(p);
  return -1;
}

void store_pg_close(store_pg *p) {
  if (!p)
    return;
  if (p->in_tx)
    PQclear(PQexec(p->conn, "ROLLBACK"));
  PQfinish(p->conn);
  free(p->line);
  free(p);
}

int store_pg_begin(store_pg *p) {
  if (exec(p, "BEGIN", "cannot begin a transaction"))
    return -1;
  p->in_tx = 1;
  return 0;
}

int store_pg_commit(store_pg *p) {
  p->in_tx = 0;
  return exec(p, "COMMIT", "cannot commit");
}

int store_pg_rollback(store_pg *p) {
  p->in_tx = 0;
  return exec(p, "ROLLBACK", "cannot roll back");
}

/* ===== Looking up ===== */

/* The stored document's key ("" when absent) into key[32]. */
static int lookup(store_pg *p, const dyad_store_doc *d, const char *hash,
                  char key[32]) {
  const char *v[1] = {d->id ? d->id : hash};
  PGresult *r = params(
      p,
      d->id ? "SELECT doc_key FROM documents WHERE id = $1"
            : "SELECT doc_key FROM documents WHERE content_hash = $1 LIMIT 1",
      1, v, "cannot look up a document");
  if (!r)
    return -1;
  snprintf(key, 32, "%s", PQntuples(r) ? PQgetvalue(r, 0, 0) : "");
  PQclear(r);
  return 0;
}

int store_pg_find(store_pg *p, const dyad_store_doc *d, int *found) {
  char hash[33], key[32];
  store_content_hash(d->text, d->len, hash);
  if (lookup(p, d, hash, key))
    return -1;
  *found = key[0] ? DYAD_STORE_PRESENT : DYAD_STORE_ABSENT;
  return 0;
}

/* ===== COPY lines ===== */

/* Appends n bytes to the line, growing it up to PG_MAX_LINE. */
static void line_add(store_pg *p, const char *s, size_t n) {
  if (p->overflow)
    return;
  if (p->len + n + 2 > p->cap) {
    size_t cap = p->cap ? p->cap : 4096;
    while (cap < p->len + n + 2)
      cap *= 2;
    if (cap > PG_MAX_LINE) {
      p->overflow = 1;
      return;
    }
    char *l = realloc(p->line, cap);
    if (!l) {
      p->overflow = 1;
      return;
    }
    p->line = l;
    p->cap = cap;
  }
  memcpy(p->line + p->len, s, n);
  p->len += n;
}

/* Appends one column (a tab before all but the first): the text with
 * COPY's escapes, or \N for NULL (s NULL or empty). */
static void col_text(store_pg *p, const char *s, size_t n) {
  if (p->len)
    line_add(p, "\t", 1);
  if (!s || !n) {
    line_add(p, "\\N", 2);
    return;
  }
  size_t from = 0;
  for (size_t i = 0; i < n; i++) {
    const char *esc = NULL;
    switch (s[i]) {
    case '\\': esc = "\\\\"; break;
    case '\t': esc = "\\t"; break;
    case '\n': esc = "\\n"; break;
    case '\r': esc = "\\r"; break;
    default: break;
    }
    if (esc) {
      line_add(p, s + from, i - from);
      line_add(p, esc, 2);
      from = i + 1;
    }
  }
  line_add(p, s + from, n - from);
}

static void col_view(store_pg *p, dyad_str v) { col_text(p, v.ptr, v.len); }

static void col_cstr(store_pg *p, const char *s) {
  col_text(p, s, s ? strlen(s) : 0);
}

static void col_long(store_pg *p, long long v) {
  char b[32];
  int n = snprintf(b, sizeof b, "%lld", v);
  col_text(p, b, (size_t)n);
}

static void col_double(store_pg *p, double v) {
  if (v != v) { /* NaN: unknown */
    col_text(p, NULL, 0);
    return;
  }
  char b[40];
  int n = snprintf(b, sizeof b, "%.17g", v);
  col_text(p, b, (size_t)n);
}

/* Sends the line built so far as one COPY row and empties it. */
static int line_send(store_pg *p) {
  if (p->overflow) {
    snprintf(p->msg, sizeof p->msg,
             "a row is longer than %zu bytes (or out of memory)",
             PG_MAX_LINE);
    return -1;
  }
  line_add(p, "\n", 1);
  if (p->overflow || PQputCopyData(p->conn, p->line, (int)p->len) != 1) {
    p->len = 0;
    return fail(p, "cannot send a row", NULL);
  }
  p->len = 0;
  return 0;
}

/* Starts COPY of the fixed sql. */
static int copy_start(store_pg *p, const char *sql) {
  p->len = 0;
  p->overflow = 0;
  PGresult *r = PQexec(p->conn, sql);
  int ok = PQresultStatus(r) == PGRES_COPY_IN;
  if (!ok)
    fail(p, "cannot start a bulk load", r);
  PQclear(r);
  return ok ? 0 : -1;
}

/* Ends a COPY: failed non-zero aborts it.  Returns 0 when the server took
 * every row. */
static int copy_end(store_pg *p, int failed, const char *what) {
  char keep[512];
  snprintf(keep, sizeof keep, "%s", p->msg);
  if (PQputCopyEnd(p->conn, failed ? "dyad stopped the load" : NULL) != 1)
    failed = fail(p, what, NULL);
  PGresult *r;
  int ok = 1;
  while ((r = PQgetResult(p->conn)) != NULL) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      if (ok && !failed)
        fail(p, what, r);
      ok = 0;
    }
    PQclear(r);
  }
  if (failed) {
    snprintf(p->msg, sizeof p->msg, "%s", keep);
    return -1;
  }
  return ok ? 0 : -1;
}

/* ===== Storing ===== */

static void col_actor(store_pg *p, const dyad_actor *a) {
  col_view(p, a->text);
  col_view(p, a->code);
  col_view(p, a->country);
  col_view(p, a->role);
  col_view(p, a->name);
  if (a->code.len || a->text.len) {
    col_long(p, (long long)a->span.start);
    col_long(p, (long long)a->span.end);
  } else {
    col_text(p, NULL, 0);
    col_text(p, NULL, 0);
  }
  col_view(p, a->resolved_from);
}

/* The event row of e (event id ev, document dk) as one COPY line. */
static void event_line(store_pg *p, const char *ev, const char *dk,
                       size_t idx, const dyad_event *e) {
  char key[512];
  store_event_key(e, key, sizeof key);
  col_cstr(p, ev);
  col_cstr(p, dk);
  col_long(p, (long long)idx);
  col_long(p, (long long)e->sentence);
  col_view(p, e->date);
  col_view(p, e->date_precision);
  col_view(p, e->date_from);
  col_view(p, e->date_text);
  col_view(p, e->time);
  col_cstr(p, e->code);
  col_cstr(p, e->root);
  col_long(p, e->quad_class);
  col_double(p, e->goldstein);
  col_actor(p, &e->source);
  col_actor(p, &e->target);
  col_view(p, e->verb_text);
  col_view(p, e->verb_lemma);
  col_long(p, (long long)e->verb_span.start);
  col_long(p, (long long)e->verb_span.end);
  col_view(p, e->pattern);
  col_long(p, e->negated != 0);
  col_long(p, e->hypothetical != 0);
  col_long(p, e->passive != 0);
  col_long(p, e->reported != 0);
  col_long(p, e->future != 0);
  col_view(p, e->text);
  col_long(p, (long long)e->sentence_span.start);
  col_long(p, (long long)e->sentence_span.end);
  if (e->place.name.len) {
    col_view(p, e->place.name);
    col_view(p, e->place.country);
    col_view(p, e->place.kind);
    col_double(p, e->place.lat);
    col_double(p, e->place.lon);
    col_view(p, e->place.how);
    col_long(p, (long long)e->place.span.start);
    col_long(p, (long long)e->place.span.end);
  } else {
    for (int i = 0; i < 8; i++)
      col_text(p, NULL, 0);
  }
  col_long(p, (long long)e->num_mentions);
  col_double(p, e->confidence);
  col_cstr(p, e->plover_type);
  col_cstr(p, e->plover_mode);
  col_cstr(p, key);
}

/* Loads the events of doc (document dk) and their mentions with COPY.  The
 * event ids are drawn from the sequence first, so each mention names its
 * event without a round trip per row. */
static int put_events(store_pg *p, const char *dk, const dyad_doc *doc) {
  size_t n = dyad_doc_event_count(doc);
  if (!n)
    return 0;
  char count[32];
  snprintf(count, sizeof count, "%zu", n);
  const char *v[1] = {count};
  PGresult *ids = params(p,
                         "SELECT nextval(pg_get_serial_sequence('events', "
                         "'event_id')) FROM generate_series(1, $1::bigint)",
                         1, v, "cannot number the events");
  if (!ids)
    return -1;
  if ((size_t)PQntuples(ids) != n) {
    snprintf(p->msg, sizeof p->msg, "cannot number the events");
    PQclear(ids);
    return -1;
  }
  int bad = copy_start(
      p, "COPY events(event_id, " STORE_EVENT_COLUMNS ") FROM STDIN");
  if (bad) {
    PQclear(ids);
    return -1;
  }
  for (size_t i = 0; i < n && !bad; i++) {
    event_line(p, PQgetvalue(ids, (int)i, 0), dk, i, dyad_doc_event(doc, i));
    bad = line_send(p);
  }
  if (copy_end(p, bad, "cannot store the events")) {
    PQclear(ids);
    return -1;
  }
  if (copy_start(p, "COPY mentions(event_id, idx, sentence, span_start, "
                    "span_end) FROM STDIN")) {
    PQclear(ids);
    return -1;
  }
  for (size_t i = 0; i < n && !bad; i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    for (size_t m = 0; m < e->num_mentions && !bad; m++) {
      col_cstr(p, PQgetvalue(ids, (int)i, 0));
      col_long(p, (long long)m);
      col_long(p, (long long)e->mentions[m].sentence);
      col_long(p, (long long)e->mentions[m].span.start);
      col_long(p, (long long)e->mentions[m].span.end);
      bad = line_send(p);
    }
  }
  PQclear(ids);
  return copy_end(p, bad, "cannot store the mentions");
}

/* Loads the quotations of doc (document dk) with COPY. */
static int put_quotes(store_pg *p, const char *dk, const dyad_doc *doc) {
  size_t n = dyad_doc_quote_count(doc);
  if (!n)
    return 0;
  if (copy_start(p, "COPY quotes(doc, idx, text, span_start, span_end, "
                    "closed, continues, speaker_text, speaker_code, "
                    "speaker_name, speaker_resolved_from) FROM STDIN"))
    return -1;
  int bad = 0;
  for (size_t i = 0; i < n && !bad; i++) {
    const dyad_quote *q = dyad_doc_quote(doc, i);
    col_cstr(p, dk);
    col_long(p, (long long)i);
    /* NOT NULL: an empty quotation is "", not \N. */
    if (q->text.len)
      col_view(p, q->text);
    else
      line_add(p, "\t", 1);
    col_long(p, (long long)q->span.start);
    col_long(p, (long long)q->span.end);
    col_long(p, q->closed != 0);
    if (q->continues >= 0)
      col_long(p, (long long)q->continues);
    else
      col_text(p, NULL, 0);
    col_view(p, q->speaker.text);
    col_view(p, q->speaker.code);
    col_view(p, q->speaker.name);
    col_view(p, q->speaker.resolved_from);
    bad = line_send(p);
  }
  return copy_end(p, bad, "cannot store the quotations");
}

/* An empty string is stored as NULL, as in SQLite. */
static const char *or_null(const char *s) { return s && *s ? s : NULL; }

int store_pg_put(store_pg *p, const dyad_store_doc *d, const dyad_doc *doc,
                 int replace, int *outcome) {
  char hash[33], key[32];
  store_content_hash(d->text, d->len, hash);
  if (lookup(p, d, hash, key))
    return -1;
  if (key[0] && !replace) {
    *outcome = DYAD_STORE_PRESENT;
    return 0;
  }
  /* A savepoint inside the caller's transaction, else a transaction of its
   * own: a failure half-way leaves no half document. */
  int own = !p->in_tx;
  if (exec(p, own ? "BEGIN" : "SAVEPOINT put", "cannot store a document"))
    return -1;
  if (key[0]) {
    const char *v[1] = {key};
    PGresult *r = params(p, "DELETE FROM documents WHERE doc_key = $1::bigint",
                         1, v, "cannot delete the old coding");
    if (!r)
      goto undo;
    PQclear(r);
  }
  const char *v[8] = {or_null(d->id),     hash,
                      or_null(d->title),  or_null(d->url),
                      or_null(d->source), or_null(d->date),
                      d->len ? d->text : "",
                      d->dict_version ? d->dict_version : ""};
  PGresult *r = params(
      p,
      "INSERT INTO documents(id, content_hash, title, url, source, date, "
      "text, dict_version, coded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) "
      "RETURNING doc_key",
      8, v, "cannot store a document");
  if (!r)
    goto undo;
  char dk[32];
  snprintf(dk, sizeof dk, "%s", PQgetvalue(r, 0, 0));
  PQclear(r);
  if (put_events(p, dk, doc) || put_quotes(p, dk, doc))
    goto undo;
  if (exec(p, own ? "COMMIT" : "RELEASE put", "cannot store a document"))
    goto undo;
  *outcome = key[0] ? DYAD_STORE_REPLACED : DYAD_STORE_STORED;
  return 0;
undo:
  PQclear(PQexec(p->conn, own ? "ROLLBACK" : "ROLLBACK TO put"));
  if (!own)
    PQclear(PQexec(p->conn, "RELEASE put"));
  return -1;
}

/* ===== Queries ===== */

/* Runs `head` + the filter's conditions + `tail` + a LIMIT, every value a
 * parameter.  Returns the result or NULL with the message set. */
static PGresult *run_filtered(store_pg *p, const dyad_store_filter *f,
                              const char *head, const char *tail) {
  store_where w;
  char err[256];
  if (store_sql_where(f, STORE_POSTGRES, &w, err)) {
    snprintf(p->msg, sizeof p->msg, "%s", err);
    return NULL;
  }
  size_t n = strlen(head) + w.len + strlen(tail) + 48;
  char *sql = malloc(n);
  if (!sql) {
    snprintf(p->msg, sizeof p->msg, "out of memory");
    return NULL;
  }
  snprintf(sql, n, "%s WHERE 1 = 1%s %s LIMIT $%d", head, w.sql, tail,
           w.n + 1);
  const char *v[STORE_MAX_PARAMS + 1];
  Oid types[STORE_MAX_PARAMS + 1];
  char ints[STORE_MAX_PARAMS + 1][24];
  for (int i = 0; i < w.n; i++) {
    if (w.p[i].s) {
      v[i] = w.p[i].s;
      types[i] = PG_TEXT;
    } else {
      snprintf(ints[i], sizeof ints[i], "%ld", w.p[i].i);
      v[i] = ints[i];
      types[i] = PG_INT8;
    }
  }
  /* LIMIT NULL: every row. */
  snprintf(ints[w.n], sizeof ints[w.n], "%ld", f->limit);
  v[w.n] = f->limit > 0 ? ints[w.n] : NULL;
  types[w.n] = PG_INT8;
  PGresult *r =
      PQexecParams(p->conn, sql, w.n + 1, types, v, NULL, NULL, 0);
  free(sql);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    fail(p, "the query failed", r);
    PQclear(r);
    return NULL;
  }
  return r;
}

int store_pg_query(store_pg *p, const dyad_store_filter *f,
                   int (*row)(void *ctx, const dyad_store_row *r),
                   void *ctx) {
  PGresult *res = run_filtered(
      p, f,
      f->gdelt ? STORE_QUERY_SELECT_GDELT : STORE_QUERY_SELECT,
      "ORDER BY e.date COLLATE \"C\" NULLS FIRST, d.doc_key, e.idx");
  if (!res)
    return -1;
  int rows = PQntuples(res);
  for (int i = 0; i < rows; i++) {
    dyad_store_row r;
    r.doc_id = PQgetvalue(res, i, 0);
    r.date = PQgetvalue(res, i, 1);
    r.source = PQgetvalue(res, i, 2);
    r.target = PQgetvalue(res, i, 3);
    r.code = PQgetvalue(res, i, 4);
    r.root = PQgetvalue(res, i, 5);
    r.quad_class = (int)strtol(PQgetvalue(res, i, 6), NULL, 10);
    r.goldstein = strtod(PQgetvalue(res, i, 7), NULL);
    r.source_text = PQgetvalue(res, i, 8);
    r.target_text = PQgetvalue(res, i, 9);
    r.verb_text = PQgetvalue(res, i, 10);
    r.place = PQgetvalue(res, i, 11);
    r.place_country = PQgetvalue(res, i, 12);
    r.confidence = strtod(PQgetvalue(res, i, 13), NULL);
    r.sentence = strtol(PQgetvalue(res, i, 14), NULL, 10);
    r.num_articles = strtol(PQgetvalue(res, i, 15), NULL, 10);
    r.text = PQgetvalue(res, i, 16);
    r.source_name = PQgetvalue(res, i, 17);
    r.source_country = PQgetvalue(res, i, 18);
    r.source_role = PQgetvalue(res, i, 19);
    r.target_name = PQgetvalue(res, i, 20);
    r.target_country = PQgetvalue(res, i, 21);
    r.target_role = PQgetvalue(res, i, 22);
    r.doc_mentions = 0;
    r.occurrence = 0;
    if (f->gdelt) {
      r.doc_mentions = strtol(PQgetvalue(res, i, 23), NULL, 10);
      r.occurrence = strtol(PQgetvalue(res, i, 24), NULL, 10);
    }
    if (row(ctx, &r))
      break;
  }
  PQclear(res);
  return 0;
}

int store_pg_count_by(store_pg *p, const dyad_store_filter *f,
                      const char *by,
                      int (*group)(void *ctx, const char *key, long count,
                                   double mean_goldstein),
                      void *ctx) {
  int is_date;
  const char *expr = store_sql_group_expr(by, STORE_POSTGRES, &is_date);
  if (!expr) {
    snprintf(p->msg, sizeof p->msg,
             "cannot count by '%.64s' (day, week, month, root, quad, dyad, "
             "source or target)",
             by);
    return -1;
  }
  /* The documents are joined only for --text (d.fts). */
  char head[512];
  snprintf(head, sizeof head,
           "SELECT (%s) COLLATE \"C\" AS k, COUNT(*), AVG(e.goldstein) "
           "FROM events e%s",
           expr, f->text ? " JOIN documents d ON d.doc_key = e.doc" : "");
  PGresult *res = run_filtered(p, f, head,
                               is_date ? "GROUP BY k ORDER BY k"
                                       : "GROUP BY k ORDER BY COUNT(*) DESC, k");
  if (!res)
    return -1;
  int rows = PQntuples(res);
  for (int i = 0; i < rows; i++)
    if (group(ctx, PQgetvalue(res, i, 0),
              strtol(PQgetvalue(res, i, 1), NULL, 10),
              strtod(PQgetvalue(res, i, 2), NULL)))
      break;
  PQclear(res);
  return 0;
}

int store_pg_get_stats(store_pg *p, dyad_store_stats *st) {
  memset(st, 0, sizeof *st);
  PGresult *r = PQexec(p->conn,
                       "SELECT (SELECT COUNT(*) FROM documents), "
                       "(SELECT COUNT(*) FROM events), "
                       "(SELECT COUNT(*) FROM quotes), "
                       "(SELECT COUNT(*) FROM event_groups), "
                       "(SELECT MIN(date COLLATE \"C\") FROM events), "
                       "(SELECT MAX(date COLLATE \"C\") FROM events)");
  if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
    fail(p, "cannot count", r);
    PQclear(r);
    return -1;
  }
  st->documents = strtol(PQgetvalue(r, 0, 0), NULL, 10);
  st->events = strtol(PQgetvalue(r, 0, 1), NULL, 10);
  st->quotes = strtol(PQgetvalue(r, 0, 2), NULL, 10);
  st->distinct_events = strtol(PQgetvalue(r, 0, 3), NULL, 10);
  snprintf(st->first_date, sizeof st->first_date, "%s", PQgetvalue(r, 0, 4));
  snprintf(st->last_date, sizeof st->last_date, "%s", PQgetvalue(r, 0, 5));
  PQclear(r);
  return 0;
}

/* ===== For dyad serve: one statement, any columns (store_sql.h) ===== */

int store_pg_read_only(store_pg *p) {
  return exec(p, "SET default_transaction_read_only = on",
              "cannot make the connection read-only");
}

int store_pg_set_timeout(store_pg *p, long ms) {
  if (ms < 0)
    ms = 0;
  if (p->timeout_ms == ms)
    return 0;
  char sql[64];
  snprintf(sql, sizeof sql, "SET statement_timeout = %ld", ms);
  if (exec(p, sql, "cannot set the statement timeout"))
    return -1;
  p->timeout_ms = ms;
  return 0;
}

void store_pg_set_msg(store_pg *p, const char *msg) {
  snprintf(p->msg, sizeof p->msg, "%s", msg);
}

static const char *pg_text(const store_cols *c, int i) {
  if (PQgetisnull(c->impl, c->row, i))
    return NULL;
  return PQgetvalue(c->impl, c->row, i);
}

static double pg_real(const store_cols *c, int i) {
  return strtod(PQgetvalue(c->impl, c->row, i), NULL);
}

static long pg_integer(const store_cols *c, int i) {
  return strtol(PQgetvalue(c->impl, c->row, i), NULL, 10);
}

static int pg_is_null(const store_cols *c, int i) {
  return PQgetisnull(c->impl, c->row, i);
}

int store_pg_rows(store_pg *p, const char *sql, const store_where *w,
                  int (*row)(void *ctx, const store_cols *c), void *ctx) {
  const char *v[STORE_MAX_PARAMS];
  Oid types[STORE_MAX_PARAMS];
  char ints[STORE_MAX_PARAMS][24];
  for (int i = 0; i < w->n; i++) {
    if (w->p[i].s) {
      v[i] = w->p[i].s;
      types[i] = PG_TEXT;
    } else {
      snprintf(ints[i], sizeof ints[i], "%ld", w->p[i].i);
      v[i] = ints[i];
      types[i] = PG_INT8;
    }
  }
  PGresult *r = PQexecParams(p->conn, sql, w->n, types, v, NULL, NULL, 0);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    fail(p, "the query failed", r);
    PQclear(r);
    return -1;
  }
  store_cols c = {pg_text, pg_real, pg_integer, pg_is_null, r, 0};
  int rows = PQntuples(r);
  for (c.row = 0; c.row < rows; c.row++)
    if (row(ctx, &c))
      break;
  PQclear(r);
  return 0;
}

/* ===== Recoding ===== */

/* A column as a C string, NULL for SQL NULL. */
static const char *value_or_null(const PGresult *r, int row, int col) {
  return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

int store_pg_each_doc(store_pg *p, long long after, const char *skip_version,
                      size_t max,
                      int (*fn)(void *ctx, const dyad_store_stored *d),
                      void *ctx, long long *last) {
  *last = after;
  if (max == 0)
    return 0;
  char a[32], m[32];
  snprintf(a, sizeof a, "%lld", after);
  snprintf(m, sizeof m, "%zu", max);
  const char *v[3] = {a, skip_version, m};
  /* The whole page comes back in the result, so fn may use the
   * connection. */
  PGresult *r = params(p,
                       "SELECT doc_key, id, content_hash, date, text, "
                       "dict_version FROM documents WHERE doc_key > "
                       "$1::bigint AND dict_version IS DISTINCT FROM $2 "
                       "ORDER BY doc_key LIMIT $3::bigint",
                       3, v, "cannot read the documents");
  if (!r)
    return -1;
  int rows = PQntuples(r);
  for (int i = 0; i < rows; i++) {
    dyad_store_stored d;
    d.key = strtoll(PQgetvalue(r, i, 0), NULL, 10);
    d.id = value_or_null(r, i, 1);
    d.content_hash = value_or_null(r, i, 2);
    d.date = value_or_null(r, i, 3);
    d.text = PQgetvalue(r, i, 4);
    d.len = (size_t)PQgetlength(r, i, 4);
    d.dict_version = value_or_null(r, i, 5);
    *last = d.key;
    if (fn(ctx, &d))
      break;
  }
  PQclear(r);
  return 0;
}

int store_pg_count_docs(store_pg *p, const char *skip_version,
                        long long *n) {
  const char *v[1] = {skip_version};
  PGresult *r = params(p,
                       "SELECT COUNT(*) FROM documents "
                       "WHERE dict_version IS DISTINCT FROM $1",
                       1, v, "cannot count the documents");
  if (!r)
    return -1;
  *n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  return 0;
}

int store_pg_doc_events(store_pg *p, long long key,
                        int (*fn)(void *ctx, const dyad_store_event_brief *e),
                        void *ctx) {
  char k[32];
  snprintf(k, sizeof k, "%lld", key);
  const char *v[1] = {k};
  PGresult *r = params(p,
                       "SELECT idx, sentence, verb_start, verb_end, code, "
                       "source_code, target_code, verb_text FROM events "
                       "WHERE doc = $1::bigint ORDER BY idx",
                       1, v, "cannot read the events");
  if (!r)
    return -1;
  int rows = PQntuples(r);
  for (int i = 0; i < rows; i++) {
    dyad_store_event_brief e;
    e.idx = strtol(PQgetvalue(r, i, 0), NULL, 10);
    e.sentence = strtol(PQgetvalue(r, i, 1), NULL, 10);
    e.verb_start = strtoll(PQgetvalue(r, i, 2), NULL, 10);
    e.verb_end = strtoll(PQgetvalue(r, i, 3), NULL, 10);
    e.code = PQgetvalue(r, i, 4);
    e.source = PQgetvalue(r, i, 5);
    e.target = PQgetvalue(r, i, 6);
    e.verb_text = PQgetvalue(r, i, 7);
    if (fn(ctx, &e))
      break;
  }
  PQclear(r);
  return 0;
}

int store_pg_recode(store_pg *p, long long key, const char *dict_version,
                    const dyad_doc *doc) {
  char dk[32];
  snprintf(dk, sizeof dk, "%lld", key);
  /* A savepoint inside the caller's transaction, else a transaction of its
   * own, as store_pg_put. */
  int own = !p->in_tx;
  if (exec(p, own ? "BEGIN" : "SAVEPOINT recode", "cannot recode a document"))
    return -1;
  const char *v[2] = {dict_version ? dict_version : "", dk};
  PGresult *r = params(
      p,
      "UPDATE documents SET dict_version = $1, coded_at = "
      "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
      "WHERE doc_key = $2::bigint",
      2, v, "cannot recode a document");
  if (!r)
    goto undo;
  int changed = (int)strtol(PQcmdTuples(r), NULL, 10);
  PQclear(r);
  if (changed == 0) {
    snprintf(p->msg, sizeof p->msg,
             "the document (key %lld) is no longer stored", key);
    goto undo;
  }
  /* Mentions go with their events (ON DELETE CASCADE). */
  r = params(p, "DELETE FROM events WHERE doc = $1::bigint", 1, v + 1,
             "cannot delete the old events");
  if (!r)
    goto undo;
  PQclear(r);
  r = params(p, "DELETE FROM quotes WHERE doc = $1::bigint", 1, v + 1,
             "cannot delete the old quotations");
  if (!r)
    goto undo;
  PQclear(r);
  if (put_events(p, dk, doc) || put_quotes(p, dk, doc))
    goto undo;
  if (exec(p, own ? "COMMIT" : "RELEASE recode", "cannot recode a document"))
    goto undo;
  return 0;
undo:
  PQclear(PQexec(p->conn, own ? "ROLLBACK" : "ROLLBACK TO recode"));
  if (!own)
    PQclear(PQexec(p->conn, "RELEASE recode"));
  return -1;
}

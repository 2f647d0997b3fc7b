/* store_sql.c -- a query's filters as SQL conditions with placeholders
 * (store_sql.h).  The only SQL text made from a filter is fixed text chosen
 * by which fields are set; every value goes in as a parameter. */
#include <stdio.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "store_pg.h"
#include "store_sql.h"

void store_content_hash(const char *text, size_t len, char out[33]) {
  XXH128_hash_t h = XXH3_128bits(text, len);
  snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64,
           (unsigned long long)h.low64);
}

void store_event_key(const dyad_event *e, char *out, size_t cap) {
  snprintf(out, cap, "%.*s|%.*s|%s|%.*s", (int)e->source.code.len,
           e->source.code.ptr, (int)e->target.code.len, e->target.code.ptr,
           e->code, (int)e->date.len, e->date.ptr);
}

int store_sql_add(store_where *w, const char *sql) {
  size_t n = strlen(sql);
  if (w->len + n + 1 > sizeof w->sql)
    return -1;
  memcpy(w->sql + w->len, sql, n + 1);
  w->len += n;
  return 0;
}

/* Appends the next placeholder: "?" (SQLite) or "$n" (PostgreSQL). */
static int placeholder(store_where *w) {
  if (w->n == STORE_MAX_PARAMS)
    return -1;
  char ph[16];
  if (w->dialect == STORE_POSTGRES)
    snprintf(ph, sizeof ph, "$%d", w->n + 1);
  else
    snprintf(ph, sizeof ph, "?");
  return store_sql_add(w, ph);
}

int store_sql_param_str(store_where *w, const char *s) {
  if (placeholder(w))
    return -1;
  w->p[w->n].s = s;
  w->p[w->n].i = 0;
  w->n++;
  return 0;
}

int store_sql_param_int(store_where *w, long i) {
  if (placeholder(w))
    return -1;
  w->p[w->n].s = NULL;
  w->p[w->n].i = i;
  w->n++;
  return 0;
}

int store_sql_fts_query(const char *text, char *out, size_t cap,
                        int *n_words) {
  size_t o = 0;
  *n_words = 0;
  const char *p = text;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
      p++;
    if (!*p)
      break;
    if (o + 4 > cap)
      return -1;
    if (o)
      out[o++] = ' ';
    out[o++] = '"';
    while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
      if (o + 4 > cap)
        return -1;
      if (*p == '"')
        out[o++] = '"'; /* a double quote inside a string is doubled */
      out[o++] = *p++;
    }
    out[o++] = '"';
    (*n_words)++;
  }
  out[o] = '\0';
  return 0;
}

/* The upper bound of the codes starting with v: v with its last byte
 * plus one ("JPN" -> "JPO"), in out[cap]; "" when v is empty, longer than
 * cap allows or not printable ASCII (then only the exact test is made). */
static void prefix_upper(const char *v, char *out, size_t cap) {
  size_t n = strlen(v);
  out[0] = '\0';
  if (n == 0 || n + 1 > cap)
    return;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7e)
      return;
  memcpy(out, v, n + 1);
  out[n - 1]++;
}

/* " (PREFIX OR COUNTRY = v)": an actor code v as a prefix of the actor's
 * code, or its country.  The prefix is tested exactly with substr(); when
 * v has an upper bound (prefix_upper) the range COL >= v AND COL < upper
 * comes first: true of every code with the prefix, byte-wise, and what
 * lets the code's index (events_source, events_target) find the rows, as
 * the country's index does for the other branch (docs/store.md).
 * PostgreSQL compares with COLLATE "C", as its indexes of codes are
 * made. */
static int actor_cond(store_where *w, const char *side, const char *v,
                      const char *upper) {
  char sql[160];
  int r = 0;
  const char *coll = w->dialect == STORE_POSTGRES ? " COLLATE \"C\"" : "";
  r |= store_sql_add(w, "(");
  if (*upper) {
    snprintf(sql, sizeof sql, "e.%s_code%s >= ", side, coll);
    r |= store_sql_add(w, sql);
    r |= store_sql_param_str(w, v);
    snprintf(sql, sizeof sql, " AND e.%s_code%s < ", side, coll);
    r |= store_sql_add(w, sql);
    r |= store_sql_param_str(w, upper);
    r |= store_sql_add(w, " AND ");
  }
  snprintf(sql, sizeof sql, "substr(e.%s_code, 1, length(", side);
  r |= store_sql_add(w, sql);
  r |= store_sql_param_str(w, v);
  r |= store_sql_add(w, ")) = ");
  r |= store_sql_param_str(w, v);
  snprintf(sql, sizeof sql, ") OR e.%s_country = ", side);
  r |= store_sql_add(w, sql);
  r |= store_sql_param_str(w, v);
  return r;
}

static int too_long(const char *v, const char *name, char err[256]) {
  if (v && strlen(v) > STORE_MAX_FILTER) {
    snprintf(err, 256, "the %s filter is longer than %d bytes", name,
             STORE_MAX_FILTER);
    return 1;
  }
  return 0;
}

int store_sql_where(const dyad_store_filter *f, int dialect, store_where *w,
                    char err[256]) {
  memset(w, 0, sizeof *w);
  w->dialect = dialect;
  err[0] = '\0';
  if (too_long(f->actor, "actor", err) || too_long(f->source, "source", err) ||
      too_long(f->target, "target", err) || too_long(f->code, "code", err) ||
      too_long(f->root, "root", err) || too_long(f->since, "since", err) ||
      too_long(f->until, "until", err) || too_long(f->place, "place", err) ||
      too_long(f->text, "text", err))
    return -1;
  if (f->quad < 0 || f->quad > 4) {
    snprintf(err, 256, "the quad class is 1, 2, 3 or 4");
    return -1;
  }
  int r = 0;
  if (f->actor) {
    prefix_upper(f->actor, w->upper[0], sizeof w->upper[0]);
    r |= store_sql_add(w, " AND (");
    r |= actor_cond(w, "source", f->actor, w->upper[0]);
    r |= store_sql_add(w, " OR ");
    r |= actor_cond(w, "target", f->actor, w->upper[0]);
    r |= store_sql_add(w, ")");
  }
  if (f->source) {
    prefix_upper(f->source, w->upper[1], sizeof w->upper[1]);
    r |= store_sql_add(w, " AND (");
    r |= actor_cond(w, "source", f->source, w->upper[1]);
    r |= store_sql_add(w, ")");
  }
  if (f->target) {
    prefix_upper(f->target, w->upper[2], sizeof w->upper[2]);
    r |= store_sql_add(w, " AND (");
    r |= actor_cond(w, "target", f->target, w->upper[2]);
    r |= store_sql_add(w, ")");
  }
  if (f->code) {
    r |= store_sql_add(w, " AND e.code = ");
    r |= store_sql_param_str(w, f->code);
  }
  if (f->root) {
    r |= store_sql_add(w, " AND e.root = ");
    r |= store_sql_param_str(w, f->root);
  }
  if (f->quad) {
    r |= store_sql_add(w, " AND e.quad_class = ");
    r |= store_sql_param_int(w, f->quad);
  }
  if (f->since) {
    r |= store_sql_add(w, " AND e.date >= ");
    r |= store_sql_param_str(w, f->since);
  }
  if (f->until) {
    r |= store_sql_add(w, " AND e.date <= ");
    r |= store_sql_param_str(w, f->until);
  }
  if (f->place) {
    r |= store_sql_add(w, " AND (lower(e.place_name) = lower(");
    r |= store_sql_param_str(w, f->place);
    r |= store_sql_add(w, ") OR e.place_country = ");
    r |= store_sql_param_str(w, f->place);
    r |= store_sql_add(w, ")");
  }
  if (f->text) {
    int words = 0;
    if (store_sql_fts_query(f->text, w->fts, sizeof w->fts, &words)) {
      snprintf(err, 256, "the text filter is too long");
      return -1;
    }
    if (words == 0) {
      /* No word to look for: nothing matches. */
      r |= store_sql_add(w, " AND 0 = 1");
    } else if (dialect == STORE_POSTGRES) {
      r |= store_sql_add(w, " AND d.fts @@ plainto_tsquery('simple', ");
      r |= store_sql_param_str(w, f->text);
      r |= store_sql_add(w, ")");
    } else {
      r |= store_sql_add(w, " AND e.doc IN (SELECT rowid FROM documents_fts "
                            "WHERE documents_fts MATCH ");
      r |= store_sql_param_str(w, w->fts);
      r |= store_sql_add(w, ")");
    }
  }
  if (f->gdelt)
    r |= store_sql_add(w, " AND e.negated = 0 AND e.hypothetical = 0");
  if (r) {
    snprintf(err, 256, "the filters make a query too long");
    return -1;
  }
  return 0;
}

const char *store_sql_group_expr(const char *by, int dialect, int *is_date) {
  *is_date = 1;
  if (!strcmp(by, "day"))
    return "COALESCE(e.date, '')";
  if (!strcmp(by, "week"))
    /* The Monday of the event's week. */
    return dialect == STORE_POSTGRES
               ? "COALESCE(CASE WHEN e.date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' "
                 "THEN to_char(date_trunc('week', e.date::date), "
                 "'YYYY-MM-DD') END, '')"
               : "COALESCE(date(e.date, '-' || ((CAST(strftime('%w', "
                 "e.date) AS INTEGER) + 6) % 7) || ' days'), '')";
  if (!strcmp(by, "month"))
    return "COALESCE(substr(e.date, 1, 7), '')";
  *is_date = 0;
  if (!strcmp(by, "root"))
    return "e.root";
  if (!strcmp(by, "quad"))
    return "CAST(e.quad_class AS TEXT)";
  if (!strcmp(by, "dyad"))
    return "COALESCE(e.source_code, '') || ':' || COALESCE(e.target_code, "
           "'')";
  if (!strcmp(by, "source"))
    return "COALESCE(e.source_code, '')";
  if (!strcmp(by, "target"))
    return "COALESCE(e.target_code, '')";
  return NULL;
}

/* ===== Naming a store ===== */

/* Appends n bytes of s to out[cap] at *o, cutting at cap - 1. */
static void put_bytes(char *out, size_t cap, size_t *o, const char *s,
                      size_t n) {
  if (*o + 1 >= cap)
    return;
  if (n > cap - 1 - *o)
    n = cap - 1 - *o;
  memcpy(out + *o, s, n);
  *o += n;
  out[*o] = '\0';
}

void dyad_store_printable(const char *target, char *out, size_t cap) {
  if (!cap)
    return;
  out[0] = '\0';
  size_t o = 0;
  if (!store_pg_is_target(target)) {
    put_bytes(out, cap, &o, target, strlen(target));
    return;
  }
  /* postgresql://[user[:password]@][host][/db][?key=value&...] */
  const char *auth = strstr(target, "://") + 3;
  size_t auth_len = strcspn(auth, "/?#");
  const char *at = NULL;
  for (size_t i = 0; i < auth_len; i++)
    if (auth[i] == '@')
      at = auth + i; /* the last '@': a password may hold one unescaped */
  const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
  if (colon) {
    put_bytes(out, cap, &o, target, (size_t)(colon + 1 - target));
    put_bytes(out, cap, &o, "***", 3);
    put_bytes(out, cap, &o, at, (size_t)(auth + auth_len - at));
  } else {
    put_bytes(out, cap, &o, target, (size_t)(auth + auth_len - target));
  }
  /* The path and the parameters, a password= value masked. */
  const char *p = auth + auth_len;
  const char *q = strchr(p, '?');
  if (!q) {
    put_bytes(out, cap, &o, p, strlen(p));
    return;
  }
  put_bytes(out, cap, &o, p, (size_t)(q + 1 - p));
  p = q + 1;
  while (*p) {
    size_t n = strcspn(p, "&");
    if (n >= 9 && !strncmp(p, "password=", 9)) {
      put_bytes(out, cap, &o, "password=***", 12);
    } else {
      put_bytes(out, cap, &o, p, n);
    }
    p += n;
    if (*p == '&')
      put_bytes(out, cap, &o, p++, 1);
  }
}

/* params.c -- a request's query string into a store filter (params.h).
 *
 * The query string is read here from the raw URL rather than through
 * libmicrohttpd's argument table, so that every byte the client sent is
 * checked by one function the fuzzer can drive: names from a fixed list,
 * values decoded, UTF-8, capped, and checked for their kind (numbers,
 * dates, SRC:TGT).  Values are only ever bound as SQL parameters by the
 * store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

/* The names a query string may hold: the filters of `dyad query`, and
 * the API's paging, sorting and choice of grouping. */
static const char *const known[] = {
    "actor", "source", "target", "dyad", "code", "root", "quad",
    "since", "until",  "place",  "text", "limit", "offset", "sort",
    "by",    "kind",   "id",     NULL};

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Is s[0..n) valid UTF-8 (no overlongs, no surrogates, at most
 * U+10FFFF)? */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t k;
    unsigned cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
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
    if (i + k >= n)
      return 0;
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return 0;
    i += k + 1;
  }
  return 1;
}

/* Decodes src[0..n) (%XX, '+' as space) to dst, NUL-terminated; returns
 * the decoded length, or -1 for a bad escape or a NUL byte. */
static long decode(const char *src, size_t n, char *dst) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)src[i];
    if (c == '%') {
      if (i + 2 >= n)
        return -1;
      int a = hexval((unsigned char)src[i + 1]);
      int b = hexval((unsigned char)src[i + 2]);
      if (a < 0 || b < 0)
        return -1;
      int h = a * 16 + b;
      c = h;
      i += 2;
    } else if (c == '+') {
      c = ' ';
    }
    if (c == 0)
      return -1;
    dst[o++] = (char)c;
  }
  dst[o] = '\0';
  return (long)o;
}

int serve_params_parse(serve_params *p, const char *qs, size_t len,
                       char err[128]) {
  p->n = 0;
  err[0] = '\0';
  if (len > SERVE_MAX_URL) {
    snprintf(err, 128, "the query string is longer than %d bytes",
             SERVE_MAX_URL);
    return -1;
  }
  size_t used = 0, i = 0;
  while (i < len) {
    const char *amp = memchr(qs + i, '&', len - i);
    size_t end = amp ? (size_t)(amp - qs) : len;
    if (end > i) {
      if (p->n == SERVE_MAX_PARAMS) {
        snprintf(err, 128, "more than %d parameters", SERVE_MAX_PARAMS);
        return -1;
      }
      const char *eq = memchr(qs + i, '=', end - i);
      size_t name_end = eq ? (size_t)(eq - qs) : end;
      size_t val_start = eq ? name_end + 1 : end;
      /* Decoding never lengthens: each part fits its raw size + 1. */
      char *name = p->buf + used;
      long nn = decode(qs + i, name_end - i, name);
      if (nn < 0) {
        snprintf(err, 128, "a parameter name has a bad %% escape");
        return -1;
      }
      used += (size_t)nn + 1;
      char *value = p->buf + used;
      long vn = decode(qs + val_start, end - val_start, value);
      if (vn < 0) {
        snprintf(err, 128, "parameter '%.32s' has a bad %% escape", name);
        return -1;
      }
      used += (size_t)vn + 1;
      int k;
      for (k = 0; known[k] && strcmp(known[k], name); k++)
        ;
      if (!known[k]) {
        snprintf(err, 128, "unknown parameter '%.32s'", name);
        return -1;
      }
      if (vn > SERVE_MAX_VALUE) {
        snprintf(err, 128, "parameter '%s' is longer than %d bytes", name,
                 SERVE_MAX_VALUE);
        return -1;
      }
      if (!valid_utf8((const unsigned char *)value, (size_t)vn)) {
        snprintf(err, 128, "parameter '%s' is not UTF-8", name);
        return -1;
      }
      for (int j = 0; j < p->n; j++)
        if (!strcmp(p->name[j], name)) {
          snprintf(err, 128, "parameter '%s' is given twice", name);
          return -1;
        }
      p->name[p->n] = name;
      p->value[p->n] = value;
      p->n++;
    }
    i = end + 1;
  }
  return 0;
}

/* ===== Checking values ===== */

int serve_valid_date(const char *s) {
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
          (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1)
    return 0;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap);
}

/* A decimal number lo..hi with nothing else; -1 when not. */
static long number(const char *s, long lo, long hi) {
  if (!*s || strlen(s) > 12)
    return -1;
  for (const char *c = s; *c; c++)
    if (*c < '0' || *c > '9')
      return -1;
  long v = strtol(s, NULL, 10);
  return v < lo || v > hi ? -1 : v;
}

int serve_query_read(const serve_params *p, long max_limit, serve_query *q,
                     char err[128]) {
  memset(q, 0, sizeof *q);
  q->limit = -1;
  err[0] = '\0';
  const char *dyad = NULL;
  for (int i = 0; i < p->n; i++) {
    const char *n = p->name[i], *v = p->value[i];
    if (!*v)
      continue; /* an empty form field: not given */
    if (!strcmp(n, "actor"))
      q->f.actor = v;
    else if (!strcmp(n, "source"))
      q->f.source = v;
    else if (!strcmp(n, "target"))
      q->f.target = v;
    else if (!strcmp(n, "dyad"))
      dyad = v;
    else if (!strcmp(n, "code"))
      q->f.code = v;
    else if (!strcmp(n, "root"))
      q->f.root = v;
    else if (!strcmp(n, "place"))
      q->f.place = v;
    else if (!strcmp(n, "text"))
      q->f.text = v;
    else if (!strcmp(n, "sort"))
      q->sort = v;
    else if (!strcmp(n, "by"))
      q->by = v;
    else if (!strcmp(n, "kind"))
      q->kind = v;
    else if (!strcmp(n, "id"))
      q->id = v;
    else if (!strcmp(n, "quad")) {
      if (strlen(v) != 1 || v[0] < '1' || v[0] > '4') {
        snprintf(err, 128, "quad is 1, 2, 3 or 4");
        return -1;
      }
      q->f.quad = v[0] - '0';
    } else if (!strcmp(n, "since") || !strcmp(n, "until")) {
      if (!serve_valid_date(v)) {
        snprintf(err, 128, "%s wants a date YYYY-MM-DD", n);
        return -1;
      }
      if (n[0] == 's')
        q->f.since = v;
      else
        q->f.until = v;
    } else if (!strcmp(n, "limit")) {
      if ((q->limit = number(v, 1, max_limit)) < 0) {
        snprintf(err, 128, "limit is a number from 1 to %ld", max_limit);
        return -1;
      }
    } else if (!strcmp(n, "offset")) {
      if ((q->offset = number(v, 0, SERVE_MAX_OFFSET)) < 0) {
        snprintf(err, 128, "offset is a number from 0 to %ld",
                 SERVE_MAX_OFFSET);
        return -1;
      }
    }
  }
  if (dyad) {
    const char *colon = strchr(dyad, ':');
    if (!colon || colon == dyad || !colon[1] || strchr(colon + 1, ':')) {
      snprintf(err, 128, "dyad wants SOURCE:TARGET, e.g. JPN:RUS");
      return -1;
    }
    if (q->f.source || q->f.target) {
      snprintf(err, 128, "dyad cannot go with source or target");
      return -1;
    }
    memcpy(q->dyad_src, dyad, (size_t)(colon - dyad));
    q->dyad_src[colon - dyad] = '\0';
    snprintf(q->dyad_tgt, sizeof q->dyad_tgt, "%s", colon + 1);
    q->f.source = q->dyad_src;
    q->f.target = q->dyad_tgt;
  }
  if (q->sort && !dyad_store_sort_ok(q->sort)) {
    snprintf(err, 128,
             "sort is date, goldstein, code, source or target, with '-' "
             "for descending");
    return -1;
  }
  return 0;
}

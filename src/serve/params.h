/* params.h -- a request's query string read into a store filter and the
 * API's own parameters (params.c).  Internal to src/serve; the request
 * surface fuzz/fuzz_http.c drives. */
#ifndef DYAD_SERVE_PARAMS_H
#define DYAD_SERVE_PARAMS_H

#include <stddef.h>

#include "store.h"

#define SERVE_MAX_URL 8192    /* bytes of a request's URL (else 414) */
#define SERVE_MAX_PARAMS 32   /* parameters in a query string */
#define SERVE_MAX_VALUE 1024  /* bytes of one decoded value */
#define SERVE_MAX_OFFSET 100000000L

/* The decoded name=value pairs of a query string; the strings live in
 * buf. */
typedef struct serve_params {
  int n;
  const char *name[SERVE_MAX_PARAMS];
  const char *value[SERVE_MAX_PARAMS];
  char buf[SERVE_MAX_URL + SERVE_MAX_PARAMS * 2];
} serve_params;

/* Splits a query string (len bytes, without the '?') at '&' and '=',
 * decoding %XX and '+'.  Refused (-1, the reason in err[128]): over
 * SERVE_MAX_URL bytes, more than SERVE_MAX_PARAMS pairs, a bad %
 * escape, a NUL byte, invalid UTF-8, an empty or unknown name, a name
 * given twice, a value over SERVE_MAX_VALUE bytes. */
int serve_params_parse(serve_params *p, const char *qs, size_t len,
                       char err[128]);

/* What a request asks for: the filter and the API's own parameters (NULL /
 * -1 when not given).  Empty values count as not given. */
typedef struct serve_query {
  dyad_store_filter f;
  long limit;  /* -1: not given */
  long offset; /* 0 when not given */
  const char *sort, *by, *kind, *id;
  char dyad_src[SERVE_MAX_VALUE + 1], dyad_tgt[SERVE_MAX_VALUE + 1];
} serve_query;

/* Reads and checks the parameters: quad 1..4, since/until real dates
 * YYYY-MM-DD, dyad SRC:TGT (not with source or target), limit a positive
 * number at most max_limit, offset 0..SERVE_MAX_OFFSET, sort one the
 * store knows.  Returns 0, or -1 with the reason in err[128].  q points
 * into p, which must outlive it. */
int serve_query_read(const serve_params *p, long max_limit, serve_query *q,
                     char err[128]);

/* Is s a real date YYYY-MM-DD? */
int serve_valid_date(const char *s);

#endif

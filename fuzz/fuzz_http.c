/* fuzz_http.c -- libFuzzer entry point: arbitrary bytes as the query string
 * of a `dyad serve` request (src/serve/params.c): split, decoded and read
 * into a store filter as the server does.
 *
 * The first byte picks the endpoint's cap on limit; the rest is the query
 * string, handed over without a terminating NUL so ASan sees any read past
 * its end.  Besides crashes and undefined behaviour, what the reader
 * promises must hold: at most SERVE_MAX_PARAMS pairs with known names, no
 * value over SERVE_MAX_VALUE bytes, and, when the query is accepted, a
 * quad in 0..4, real dates, limit and offset in range, a dyad split into
 * its two sides, a sort the store knows.  A broken promise aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/serve/params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static serve_params params;
static serve_query query;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  static const long caps[] = {1, 500, 1000, 10000};
  long max_limit = caps[data[0] % 4];
  size_t len = size - 1;
  char *qs = malloc(len ? len : 1);
  if (!qs)
    return 0;
  memcpy(qs, data + 1, len);
  char err[128];
  int rc = serve_params_parse(&params, qs, len, err);
  if (rc == 0) {
    if (params.n < 0 || params.n > SERVE_MAX_PARAMS)
      abort();
    for (int i = 0; i < params.n; i++)
      if (strlen(params.value[i]) > SERVE_MAX_VALUE || !*params.name[i])
        abort();
    if (serve_query_read(&params, max_limit, &query, err) == 0) {
      const dyad_store_filter *f = &query.f;
      if (f->quad < 0 || f->quad > 4)
        abort();
      if ((f->since && !serve_valid_date(f->since)) ||
          (f->until && !serve_valid_date(f->until)))
        abort();
      if (query.limit != -1 && (query.limit < 1 || query.limit > max_limit))
        abort();
      if (query.offset < 0 || query.offset > SERVE_MAX_OFFSET)
        abort();
      if (query.sort && !dyad_store_sort_ok(query.sort))
        abort();
      if (f->source == query.dyad_src &&
          (!*query.dyad_src || !*query.dyad_tgt))
        abort();
    } else if (!err[0]) {
      abort(); /* a refusal always says why */
    }
  } else if (!err[0]) {
    abort();
  }
  free(qs);
  return 0;
}

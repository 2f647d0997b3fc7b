/* dyad.c -- version, status messages, allocator hooks and the CAMEO code
 * table (Goldstein values, quad classes, names). */
#include "dyad.h"

#include <math.h>
#include <string.h>

#include "util/mem.h"

const char *dyad_version(void) { return DYAD_VERSION_STRING; }

const char *dyad_strerror(dyad_status s) {
  switch (s) {
#define DYAD_X(name, msg)                                                     \
  case DYAD_##name:                                                           \
    return msg;
    DYAD_STATUS_MAP(DYAD_X)
#undef DYAD_X
  }
  return "unknown status";
}

void dyad_set_allocator(void *(*malloc_fn)(size_t),
                        void *(*realloc_fn)(void *, size_t),
                        void (*free_fn)(void *)) {
  dyad__mem_set(malloc_fn, realloc_fn, free_fn);
}

void dyad_free(void *p) { dyad__free(p); }

/* ===== CAMEO table ===== */

typedef struct cameo_row {
  const char *code;
  double goldstein;
  const char *name;
} cameo_row;

static const cameo_row cameo_rows[] = {
#include "code/cameo_table.inc"
};

#define N_CAMEO (sizeof cameo_rows / sizeof cameo_rows[0])

/* Binary search of the sorted table; NULL when the code is unknown. */
static const cameo_row *cameo_find(const char *code) {
  if (!code)
    return NULL;
  size_t lo = 0, hi = N_CAMEO;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(cameo_rows[mid].code, code);
    if (c == 0)
      return &cameo_rows[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

double dyad_goldstein(const char *code) {
  const cameo_row *r = cameo_find(code);
  return r ? r->goldstein : NAN;
}

int dyad_quad_class(const char *code) {
  if (!code || !cameo_find(code))
    return 0;
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  if (root >= 1 && root <= 5)
    return 1;
  if (root >= 6 && root <= 8)
    return 2;
  if (root >= 9 && root <= 13)
    return 3;
  if (root >= 14 && root <= 20)
    return 4;
  return 0;
}

const char *dyad_cameo_name(const char *code) {
  const cameo_row *r = cameo_find(code);
  return r ? r->name : NULL;
}

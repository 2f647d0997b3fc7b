/* strmap.c -- open-addressing string hash map (see strmap.h). */
#include "strmap.h"

#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "mem.h"

uint64_t dyad__hash(const char *key, size_t len) {
  return XXH3_64bits(key, len);
}

void dyad__strmap_init(dyad__strmap *m) {
  m->slots = NULL;
  m->cap = 0;
  m->count = 0;
  m->filter = NULL;
}

void dyad__strmap_free(dyad__strmap *m) {
  dyad__free(m->slots);
  dyad__free(m->filter);
  dyad__strmap_init(m);
}

/* The filter's two bits of a hash: the low and the high half, each modulo
 * the filter's cap * 8 bits. */
static void filter_add(uint64_t *f, size_t cap, uint64_t h) {
  size_t mask = cap * 8 - 1;
  size_t a = (size_t)h & mask, b = (size_t)(h >> 32) & mask;
  f[a >> 6] |= (uint64_t)1 << (a & 63);
  f[b >> 6] |= (uint64_t)1 << (b & 63);
}

static int filter_has(const uint64_t *f, size_t cap, uint64_t h) {
  size_t mask = cap * 8 - 1;
  size_t a = (size_t)h & mask, b = (size_t)(h >> 32) & mask;
  return ((f[a >> 6] >> (a & 63)) & (f[b >> 6] >> (b & 63)) & 1) != 0;
}

const dyad__strmap_slot *dyad__strmap_get(const dyad__strmap *m,
                                          const char *key, size_t len) {
  if (!m->cap)
    return NULL;
  uint64_t h = dyad__hash(key, len);
  if (!filter_has(m->filter, m->cap, h))
    return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    const dyad__strmap_slot *s = &m->slots[i];
    if (!s->key)
      return NULL;
    if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
      return s;
  }
}

/* Doubles the table and reinserts every key.  Returns 0 or -1. */
static int grow(dyad__strmap *m) {
  size_t ncap = m->cap ? m->cap * 2 : 64;
  dyad__strmap_slot *ns = dyad__calloc(ncap, sizeof *ns);
  uint64_t *nf = dyad__calloc(ncap / 8, sizeof *nf); /* ncap * 8 bits */
  if (!ns || !nf) {
    dyad__free(ns);
    dyad__free(nf);
    return -1;
  }
  for (size_t i = 0; i < m->cap; i++) {
    dyad__strmap_slot *s = &m->slots[i];
    if (!s->key)
      continue;
    size_t j = (size_t)s->hash & (ncap - 1);
    while (ns[j].key)
      j = (j + 1) & (ncap - 1);
    ns[j] = *s;
    filter_add(nf, ncap, s->hash);
  }
  dyad__free(m->slots);
  dyad__free(m->filter);
  m->slots = ns;
  m->filter = nf;
  m->cap = ncap;
  return 0;
}

dyad__strmap_slot *dyad__strmap_put(dyad__strmap *m, const char *key,
                                    size_t len, int32_t init, int *inserted) {
  if ((m->count + 1) * 4 > m->cap * 3 && grow(m) != 0)
    return NULL;
  uint64_t h = dyad__hash(key, len);
  size_t mask = m->cap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    dyad__strmap_slot *s = &m->slots[i];
    if (!s->key) {
      s->hash = h;
      s->key = key;
      s->len = (uint32_t)len;
      s->value = init;
      m->count++;
      filter_add(m->filter, m->cap, h);
      if (inserted)
        *inserted = 1;
      return s;
    }
    if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
      if (inserted)
        *inserted = 0;
      return s;
    }
  }
}

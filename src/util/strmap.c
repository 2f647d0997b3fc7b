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
}

void dyad__strmap_free(dyad__strmap *m) {
  dyad__free(m->slots);
  dyad__strmap_init(m);
}

const dyad__strmap_slot *dyad__strmap_get(const dyad__strmap *m,
                                          const char *key, size_t len) {
  if (!m->cap)
    return NULL;
  uint64_t h = dyad__hash(key, len);
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
  if (!ns)
    return -1;
  for (size_t i = 0; i < m->cap; i++) {
    dyad__strmap_slot *s = &m->slots[i];
    if (!s->key)
      continue;
    size_t j = (size_t)s->hash & (ncap - 1);
    while (ns[j].key)
      j = (j + 1) & (ncap - 1);
    ns[j] = *s;
  }
  dyad__free(m->slots);
  m->slots = ns;
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

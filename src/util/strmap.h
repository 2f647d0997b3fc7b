/* strmap.h -- an open-addressing hash map from byte strings to 32-bit values.
 *
 * Keys are borrowed: the caller keeps them alive as long as the map (the
 * dictionary keeps its keys in its own arena).  Hashing is XXH3.  Lookups
 * never allocate, so a finished map can be read by many threads at once.
 *
 * A Bloom filter (8 bits per slot, two bits per key, from the key's hash)
 * answers most lookups of absent keys -- the dictionary's phrase lookups
 * are mostly misses -- without probing the table.
 */
#ifndef DYAD_STRMAP_H
#define DYAD_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct dyad__strmap_slot {
  uint64_t hash;
  const char *key;
  uint32_t len;
  int32_t value;
} dyad__strmap_slot;

typedef struct dyad__strmap {
  dyad__strmap_slot *slots; /* NULL key: empty */
  size_t cap;               /* a power of two */
  size_t count;
  uint64_t *filter;         /* cap * 8 bits: the Bloom filter of the keys */
} dyad__strmap;

void dyad__strmap_init(dyad__strmap *m);
void dyad__strmap_free(dyad__strmap *m);

/* The slot holding key, or NULL. */
const dyad__strmap_slot *dyad__strmap_get(const dyad__strmap *m,
                                          const char *key, size_t len);

/* Finds or inserts key.  On insertion the value is set to init.  Returns the
 * slot (valid until the next insertion) or NULL when out of memory. */
dyad__strmap_slot *dyad__strmap_put(dyad__strmap *m, const char *key,
                                    size_t len, int32_t init, int *inserted);

uint64_t dyad__hash(const char *key, size_t len);

#endif

/* test_strmap.c -- the string hash map (src/util/strmap.c): every key put
 * is found again with its value, through every growth of the table and
 * its Bloom filter; keys never put are not found; iteration over the slots
 * sees each key once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/util/strmap.h"

#define N_KEYS 20000

static char keys[N_KEYS][16];

static size_t key_at(size_t i, char *out) {
  int n = snprintf(out, 16, "k%zu", i * 7919);
  return (size_t)n;
}

static void test_put_get_through_growth(void **state) {
  (void)state;
  dyad__strmap m;
  dyad__strmap_init(&m);
  assert_null(dyad__strmap_get(&m, "k0", 2)); /* empty map */
  for (size_t i = 0; i < N_KEYS; i++) {
    size_t n = key_at(i, keys[i]);
    int inserted = 0;
    dyad__strmap_slot *s =
        dyad__strmap_put(&m, keys[i], n, (int32_t)i, &inserted);
    assert_non_null(s);
    assert_int_equal(inserted, 1);
    /* Every earlier key still there after this insertion (and growth). */
    if (i % 997 == 0)
      for (size_t j = 0; j <= i; j++) {
        const dyad__strmap_slot *g =
            dyad__strmap_get(&m, keys[j], strlen(keys[j]));
        assert_non_null(g);
        assert_int_equal(g->value, (int32_t)j);
      }
  }
  assert_int_equal(m.count, N_KEYS);
  /* Putting a key again finds it. */
  int inserted = 1;
  dyad__strmap_slot *s = dyad__strmap_put(&m, keys[5], strlen(keys[5]), -1,
                                          &inserted);
  assert_non_null(s);
  assert_int_equal(inserted, 0);
  assert_int_equal(s->value, 5);
  /* Keys never put: other letters, and each key with a byte more. */
  char other[32];
  size_t found = 0;
  for (size_t i = 0; i < N_KEYS; i++) {
    int n = snprintf(other, sizeof other, "x%zu", i);
    found += dyad__strmap_get(&m, other, (size_t)n) != NULL;
    n = snprintf(other, sizeof other, "%s_", keys[i]);
    found += dyad__strmap_get(&m, other, (size_t)n) != NULL;
  }
  assert_int_equal(found, 0);
  /* Each key once in the slots. */
  size_t seen = 0;
  for (size_t i = 0; i < m.cap; i++)
    seen += m.slots[i].key != NULL;
  assert_int_equal(seen, N_KEYS);
  dyad__strmap_free(&m);
  assert_null(dyad__strmap_get(&m, keys[0], strlen(keys[0])));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_put_get_through_growth),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

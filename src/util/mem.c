/* mem.c -- the library's allocator hooks (see mem.h and dyad_set_allocator).
 *
 * A test build can make the Nth allocation fail (dyad__mem_fail_after) to
 * check that every caller returns DYAD_ERR_NOMEM and leaks nothing.
 */
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static void *(*hook_malloc)(size_t) = malloc;
static void *(*hook_realloc)(void *, size_t) = realloc;
static void (*hook_free)(void *) = free;

/* Fault injection for tests: when > 0, counts down and fails at zero. */
static long fail_countdown = -1;

void dyad__mem_set(void *(*m)(size_t), void *(*r)(void *, size_t),
                   void (*f)(void *)) {
  hook_malloc = m ? m : malloc;
  hook_realloc = r ? r : realloc;
  hook_free = f ? f : free;
}

void dyad__mem_fail_after(long n) { fail_countdown = n; }

static int should_fail(void) {
  if (fail_countdown < 0)
    return 0;
  if (fail_countdown == 0)
    return 1;
  fail_countdown--;
  return 0;
}

void *dyad__malloc(size_t size) {
  if (should_fail())
    return NULL;
  return hook_malloc(size ? size : 1);
}

void *dyad__calloc(size_t n, size_t size) {
  if (size && n > (size_t)-1 / size)
    return NULL;
  void *p = dyad__malloc(n * size);
  if (p)
    memset(p, 0, n * size);
  return p;
}

void *dyad__realloc(void *p, size_t size) {
  if (should_fail())
    return NULL;
  return hook_realloc(p, size ? size : 1);
}

void dyad__free(void *p) {
  if (p)
    hook_free(p);
}

char *dyad__strndup(const char *s, size_t len) {
  char *p = dyad__malloc(len + 1);
  if (!p)
    return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

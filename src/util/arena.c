/* arena.c -- the per-document bump allocator (see arena.h). */
#include "arena.h"
#include "mem.h"

#include <stdint.h>
#include <string.h>

struct dyad__arena_block {
  dyad__arena_block *next;
  size_t size; /* usable bytes in data */
  size_t off;  /* bytes of data in use */
  max_align_t data[];
};

#define ALIGN (sizeof(max_align_t))
#define MIN_BLOCK ((size_t)64 * 1024)

void dyad__arena_init(dyad__arena *a, size_t cap) {
  a->head = NULL;
  a->used = 0;
  a->cap = cap ? cap : DYAD__ARENA_DEFAULT_CAP;
  a->failed = 0;
  a->too_large = 0;
}

void *dyad__arena_alloc(dyad__arena *a, size_t size) {
  size_t need = (size + ALIGN - 1) & ~(ALIGN - 1);
  if (need < size || a->used + need > a->cap || a->used + need < a->used) {
    a->failed = 1;
    a->too_large = 1;
    return NULL;
  }
  dyad__arena_block *b = a->head;
  if (!b || b->size - b->off < need) {
    size_t bsize = need > MIN_BLOCK ? need : MIN_BLOCK;
    /* Blocks double with use, so a large document needs few of them. */
    if (b && b->size * 2 > bsize && b->size * 2 <= ((size_t)64 << 20))
      bsize = b->size * 2;
    b = dyad__malloc(sizeof(*b) + bsize);
    if (!b) {
      a->failed = 1;
      return NULL;
    }
    b->size = bsize;
    b->off = 0;
    b->next = a->head;
    a->head = b;
  }
  void *p = (char *)b->data + b->off;
  b->off += need;
  a->used += need;
  return p;
}

void *dyad__arena_calloc(dyad__arena *a, size_t n, size_t size) {
  if (size && n > SIZE_MAX / size) {
    a->failed = 1;
    a->too_large = 1;
    return NULL;
  }
  void *p = dyad__arena_alloc(a, n * size);
  if (p)
    memset(p, 0, n * size);
  return p;
}

char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t len) {
  char *p = dyad__arena_alloc(a, len + 1);
  if (!p)
    return NULL;
  if (len)
    memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

void *dyad__arena_grow(dyad__arena *a, void *old, size_t old_n, size_t new_n,
                       size_t elem) {
  if (elem && new_n > SIZE_MAX / elem) {
    a->failed = 1;
    a->too_large = 1;
    return NULL;
  }
  void *p = dyad__arena_alloc(a, new_n * elem);
  if (p && old && old_n)
    memcpy(p, old, old_n * elem);
  return p;
}

void dyad__arena_reset(dyad__arena *a) {
  dyad__arena_block *b = a->head;
  if (!b)
    return;
  dyad__arena_block *rest = b->next;
  while (rest) {
    dyad__arena_block *n = rest->next;
    dyad__free(rest);
    rest = n;
  }
  b->next = NULL;
  b->off = 0;
  a->used = 0;
  a->failed = 0;
  a->too_large = 0;
}

void dyad__arena_free(dyad__arena *a) {
  dyad__arena_block *b = a->head;
  while (b) {
    dyad__arena_block *n = b->next;
    dyad__free(b);
    b = n;
  }
  a->head = NULL;
  a->used = 0;
}

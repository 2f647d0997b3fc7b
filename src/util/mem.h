/* mem.h -- the library's allocator hooks.
 *
 * Every heap allocation of libdyad goes through these three calls, so a
 * program can replace the allocator (dyad_set_allocator) and a test build can
 * make the Nth allocation fail.
 */
#ifndef DYAD_MEM_H
#define DYAD_MEM_H

#include <stddef.h>

void *dyad__malloc(size_t size);
void *dyad__calloc(size_t n, size_t size);
void *dyad__realloc(void *p, size_t size);
void dyad__free(void *p);
char *dyad__strndup(const char *s, size_t len);

/* Replaces the allocator (NULL restores the C library's). */
void dyad__mem_set(void *(*m)(size_t), void *(*r)(void *, size_t),
                   void (*f)(void *));
/* Test hook: the allocation after n more succeed fails (n < 0: never). */
void dyad__mem_fail_after(long n);

#endif

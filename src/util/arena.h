/* arena.h -- the per-document bump allocator.
 *
 * Everything a document produces (normalised text, tokens, chunks, events,
 * strings of the output) lives in one arena and is released at once with
 * dyad__arena_free().  Nothing is freed piecemeal.  The arena has a hard cap
 * on the bytes it will hand out, so hostile input ends in DYAD_ERR_TOO_LARGE
 * rather than in an exhausted machine.
 */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>

typedef struct dyad__arena_block dyad__arena_block;

typedef struct dyad__arena {
  dyad__arena_block *head; /* newest block first */
  size_t used;             /* bytes handed out so far (all blocks) */
  size_t cap;              /* hard limit on used; 0 means the default */
  int failed;              /* set once an allocation has failed */
  int too_large;           /* set when the failure was the cap, not malloc */
} dyad__arena;

/* Initialises an empty arena with a cap in bytes (0: DYAD__ARENA_DEFAULT_CAP). */
void dyad__arena_init(dyad__arena *a, size_t cap);

/* Returns size bytes aligned for any type, or NULL on failure (malloc failed
 * or the cap was reached; a->failed and a->too_large say which). */
void *dyad__arena_alloc(dyad__arena *a, size_t size);

/* As dyad__arena_alloc, zero-filled. */
void *dyad__arena_calloc(dyad__arena *a, size_t n, size_t size);

/* Copies len bytes of s into the arena and NUL-terminates the copy. */
char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t len);

/* Grows an arena array: returns a new block of new_n elements holding the
 * old_n elements of old (old may be NULL).  The old block is abandoned. */
void *dyad__arena_grow(dyad__arena *a, void *old, size_t old_n, size_t new_n,
                       size_t elem);

/* Forgets everything allocated but keeps the newest block for reuse, so a
 * scratch arena reset after each sentence costs no malloc in steady state. */
void dyad__arena_reset(dyad__arena *a);

/* Releases every block.  The arena may be reused after dyad__arena_init. */
void dyad__arena_free(dyad__arena *a);

#define DYAD__ARENA_DEFAULT_CAP ((size_t)1 << 31)

#endif

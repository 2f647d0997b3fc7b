/* buf.h -- a growable byte buffer with a hard cap (curl's dynbuf idea).
 * Used by the writers to build output; heap memory through mem.h. */
#ifndef DYAD_BUF_H
#define DYAD_BUF_H

#include <stddef.h>

typedef struct dyad__buf {
  char *p;
  size_t len, cap, max; /* max: hard cap in bytes (0: 1 GiB) */
  int failed;           /* set once an append failed; later appends no-op */
} dyad__buf;

void dyad__buf_init(dyad__buf *b, size_t max);
void dyad__buf_free(dyad__buf *b);
/* Appends n bytes; returns 0, or -1 (and sets failed) on OOM or cap. */
int dyad__buf_add(dyad__buf *b, const char *s, size_t n);
int dyad__buf_puts(dyad__buf *b, const char *s);
int dyad__buf_printf(dyad__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s as the contents of a JSON string (no quotes added).  Invalid
 * UTF-8 and NUL bytes become U+FFFD, so the output is always valid. */
int dyad__buf_json(dyad__buf *b, const char *s, size_t n);
/* Appends s as one TSV cell: tabs and line ends become spaces, invalid
 * UTF-8 and NUL bytes become U+FFFD. */
int dyad__buf_text(dyad__buf *b, const char *s, size_t n);

#endif

/* buf.c -- growable byte buffer with a hard cap (see buf.h). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"

void dyad__buf_init(dyad__buf *b, size_t max) {
  b->p = NULL;
  b->len = b->cap = 0;
  b->max = max ? max : ((size_t)1 << 30);
  b->failed = 0;
}

void dyad__buf_free(dyad__buf *b) {
  dyad__free(b->p);
  dyad__buf_init(b, b->max);
}

static int reserve(dyad__buf *b, size_t extra) {
  if (b->failed)
    return -1;
  if (b->len + extra + 1 <= b->cap)
    return 0;
  if (b->len + extra + 1 > b->max || b->len + extra + 1 < b->len) {
    b->failed = 1;
    return -1;
  }
  size_t nc = b->cap ? b->cap : 256;
  while (nc < b->len + extra + 1)
    nc *= 2;
  if (nc > b->max)
    nc = b->max;
  char *np = dyad__realloc(b->p, nc);
  if (!np) {
    b->failed = 1;
    return -1;
  }
  b->p = np;
  b->cap = nc;
  return 0;
}

int dyad__buf_add(dyad__buf *b, const char *s, size_t n) {
  if (reserve(b, n))
    return -1;
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

int dyad__buf_puts(dyad__buf *b, const char *s) {
  return dyad__buf_add(b, s, strlen(s));
}

int dyad__buf_printf(dyad__buf *b, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return -1;
  if ((size_t)n < sizeof tmp)
    return dyad__buf_add(b, tmp, (size_t)n);
  if (reserve(b, (size_t)n))
    return -1;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return 0;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  size_t len;
  unsigned int cp;
  if (c < 0x80)
    return 1;
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    cp = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
    return 0;
  return len;
}

int dyad__buf_json(dyad__buf *b, const char *s, size_t n) {
  if (!n) /* s may be NULL (an empty dyad_str): no s + 0 below */
    return dyad__buf_add(b, "", 0);
  size_t run = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    const char *esc = NULL;
    char u[8];
    size_t len = 1;
    if (c == '"')
      esc = "\\\"";
    else if (c == '\\')
      esc = "\\\\";
    else if (c == '\n')
      esc = "\\n";
    else if (c == '\r')
      esc = "\\r";
    else if (c == '\t')
      esc = "\\t";
    else if (c == 0)
      esc = "\xef\xbf\xbd"; /* NUL: U+FFFD, as the coder read it */
    else if (c < 0x20 || c == 0x7f) {
      snprintf(u, sizeof u, "\\u%04x", c);
      esc = u;
    } else if (c >= 0x80 && (len = utf8_len((const unsigned char *)s + i,
                                            n - i)) == 0) {
      esc = "\xef\xbf\xbd"; /* invalid UTF-8: U+FFFD */
      len = 1;
    }
    if (esc) {
      if (dyad__buf_add(b, s + run, i - run) || dyad__buf_puts(b, esc))
        return -1;
      run = i + len;
    }
    i += len;
  }
  return dyad__buf_add(b, s + run, n - run);
}

int dyad__buf_text(dyad__buf *b, const char *s, size_t n) {
  if (!n) /* s may be NULL (an empty dyad_str) */
    return dyad__buf_add(b, "", 0);
  size_t run = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    const char *rep = NULL;
    size_t len = 1;
    if (c == '\t' || c == '\n' || c == '\r')
      rep = " ";
    else if (c == 0)
      rep = "\xef\xbf\xbd";
    else if (c >= 0x80 &&
             (len = utf8_len((const unsigned char *)s + i, n - i)) == 0) {
      rep = "\xef\xbf\xbd";
      len = 1;
    }
    if (rep) {
      if (dyad__buf_add(b, s + run, i - run) || dyad__buf_puts(b, rep))
        return -1;
      run = i + len;
    }
    i += len;
  }
  return dyad__buf_add(b, s + run, n - run);
}

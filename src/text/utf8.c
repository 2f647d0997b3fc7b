/* utf8.c -- UTF-8 checking and normalisation with an offset map (text.h).
 *
 * dyad__text_normalize() reads arbitrary bytes once and writes a valid UTF-8
 * copy in which
 *   - every invalid sequence (overlong, surrogate, truncated, > U+10FFFF, a
 *     stray continuation byte) is U+FFFD, one per maximal invalid subpart as
 *     the Unicode standard recommends (counted in n_invalid);
 *   - NUL is ' ' (counted in n_nul); tab, NBSP and every other Zs space is ' ';
 *   - CR LF and a lone CR are LF; NEL and U+2028 are LF, U+2029 is two LFs;
 *   - curly single quotes and U+02BC are '\'', curly double quotes and
 *     guillemets are '"', the dashes and minus signs are '-', and the
 *     horizontal ellipsis U+2026 is "...";
 *   - soft hyphen, U+200B..U+200D, U+2060 and U+FEFF are removed;
 *   - everything else is copied unchanged.
 * map[i] is the offset in the original of the character that produced
 * normalised byte i (bytes of a copied multi-byte character map one to one),
 * and map[norm_len] == orig_len.  ASCII is copied by a tight loop without
 * function calls; the whole pass is linear.
 */
#include "text.h"

#include <string.h>

/* Expected continuation-byte ranges for a lead byte (Unicode Table 3-7). */
static int seq_info(unsigned c, unsigned *need, unsigned *lo, unsigned *hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    *need = 1;
  } else if (c == 0xE0) {
    *need = 2;
    *lo = 0xA0;
  } else if (c == 0xED) {
    *need = 2;
    *hi = 0x9F;
  } else if (c >= 0xE1 && c <= 0xEF) {
    *need = 2;
  } else if (c == 0xF0) {
    *need = 3;
    *lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    *need = 3;
  } else if (c == 0xF4) {
    *need = 3;
    *hi = 0x8F;
  } else {
    return -1;
  }
  return 0;
}

/* The replacement of a non-ASCII code point: returns the number of bytes
 * written to rep (0: remove the character), or -1 to keep it as it is. */
static int replace_cp(uint32_t cp, char rep[3]) {
  switch (cp) {
  case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC:
    rep[0] = '\'';
    return 1;
  case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
  case 0x00BB:
    rep[0] = '"';
    return 1;
  case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
  case 0x2015: case 0x2212:
    rep[0] = '-';
    return 1;
  case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    rep[0] = ' ';
    return 1;
  case 0x0085: case 0x2028:
    rep[0] = '\n';
    return 1;
  case 0x2029:
    rep[0] = '\n';
    rep[1] = '\n';
    return 2;
  case 0x2026:
    rep[0] = rep[1] = rep[2] = '.';
    return 3;
  case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
  case 0xFEFF:
    return 0;
  default:
    break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) { /* the Zs spaces en quad .. hair space */
    rep[0] = ' ';
    return 1;
  }
  return -1;
}

int dyad__text_normalize(dyad__arena *a, const char *in, size_t len,
                         dyad__text *out) {
  const unsigned char *s = (const unsigned char *)in;
  if (!s)
    len = 0;
  memset(out, 0, sizeof(*out));
  out->orig = in;
  out->orig_len = len;
  /* Offsets are 32-bit: a larger document is the caller's to refuse. */
  if (len >= UINT32_MAX - 1) {
    a->failed = 1;
    a->too_large = 1;
    return -1;
  }
  /* Output bound: ASCII maps 1:1, a non-ASCII byte grows to at most 3. */
  size_t high = 0;
  for (size_t i = 0; i < len; i++)
    high += s[i] >> 7;
  size_t bound = len + 2 * high;
  unsigned char *o = dyad__arena_alloc(a, bound + 4);
  uint32_t *map = dyad__arena_alloc(a, (bound + 1) * sizeof(uint32_t));
  if (!o || !map)
    return -1;

  size_t n = 0, n_invalid = 0, n_nul = 0;
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    if (c >= 0x20 && c < 0x80) { /* fast path: printable ASCII */
      o[n] = (unsigned char)c;
      map[n++] = (uint32_t)i++;
      continue;
    }
    if (c < 0x80) {
      if (c == 0) {
        o[n] = ' ';
        n_nul++;
      } else if (c == '\t') {
        o[n] = ' ';
      } else if (c == '\r') {
        o[n] = '\n';
        if (i + 1 < len && s[i + 1] == '\n') {
          map[n++] = (uint32_t)i;
          i += 2;
          continue;
        }
      } else {
        o[n] = (unsigned char)c;
      }
      map[n++] = (uint32_t)i++;
      continue;
    }
    /* Non-ASCII: decode one maximal subpart. */
    unsigned need, lo, hi;
    size_t k = 1;
    int ok = seq_info(c, &need, &lo, &hi) == 0;
    uint32_t cp = 0;
    if (ok) {
      cp = c & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07);
      for (unsigned j = 0; j < need; j++) {
        if (i + k >= len) {
          ok = 0;
          break;
        }
        unsigned cc = s[i + k];
        if (cc < (j == 0 ? lo : 0x80) || cc > (j == 0 ? hi : 0xBF)) {
          ok = 0;
          break;
        }
        cp = (cp << 6) | (cc & 0x3F);
        k++;
      }
    }
    if (!ok) { /* U+FFFD for the k bytes of the invalid subpart */
      o[n] = 0xEF;
      o[n + 1] = 0xBF;
      o[n + 2] = 0xBD;
      map[n] = map[n + 1] = map[n + 2] = (uint32_t)i;
      n += 3;
      n_invalid++;
      i += k;
      continue;
    }
    char rep[3];
    int r = replace_cp(cp, rep);
    if (r < 0) { /* keep the character, mapping byte to byte */
      for (size_t j = 0; j < k; j++) {
        o[n] = s[i + j];
        map[n++] = (uint32_t)(i + j);
      }
    } else {
      for (int j = 0; j < r; j++) {
        o[n] = (unsigned char)rep[j];
        map[n++] = (uint32_t)i;
      }
    }
    i += k;
  }
  memset(o + n, 0, 4);
  map[n] = (uint32_t)len;
  out->norm = (char *)o;
  out->norm_len = n;
  out->map = map;
  out->n_invalid = n_invalid;
  out->n_nul = n_nul;
  return 0;
}

/* Length of a removed character's UTF-8 bytes ending just before e in the
 * original (0 when the bytes before e are not one). */
static size_t removed_before(const unsigned char *s, size_t e) {
  if (e >= 2 && s[e - 2] == 0xC2 && s[e - 1] == 0xAD)
    return 2;
  if (e >= 3) {
    unsigned a0 = s[e - 3], a1 = s[e - 2], a2 = s[e - 1];
    if (a0 == 0xE2 && a1 == 0x80 && a2 >= 0x8B && a2 <= 0x8D)
      return 3;
    if (a0 == 0xE2 && a1 == 0x81 && a2 == 0xA0)
      return 3;
    if (a0 == 0xEF && a1 == 0xBB && a2 == 0xBF)
      return 3;
  }
  return 0;
}

uint32_t dyad__text_orig_end(const dyad__text *t, size_t norm_end) {
  if (norm_end > t->norm_len)
    norm_end = t->norm_len;
  uint32_t e = t->map[norm_end];
  if (norm_end == 0 || !t->orig)
    return e;
  /* Step back over removed characters, never into the last kept one. */
  uint32_t floor = t->map[norm_end - 1] + 1;
  const unsigned char *s = (const unsigned char *)t->orig;
  for (;;) {
    size_t k = removed_before(s, e);
    if (!k || e - k < floor)
      break;
    e -= (uint32_t)k;
  }
  return e;
}

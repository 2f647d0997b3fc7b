/* token.c -- the tokenizer and paragraph detection (text.h).
 *
 * Works on the normalised text (curly quotes and dashes are already ASCII)
 * and reports offsets into the original through the map.  Choices:
 *   - a word is a run of letters, digits and marks, joined by an inner '-'
 *     (Secretary-General, build-up, F-16), an inner '\'' that is not a
 *     clitic (O'Brien), and in numbers by '.', ',' (thousands), ':' (times)
 *     and '/' between digits (3.5, 1,000, 6:00, 1/31/2023); 2023-01-31 is one
 *     token through the '-' rule;
 *   - clitics split PTB-style: Russia 's, do n't, ca n't, they 're, I 'm,
 *     we 've, you 'll, he 'd; a '\'' after a word and before no letter
 *     (Ukraine', leaders') is a token of its own;
 *   - abbreviations keep their '.': dotted chains of one- or two-letter
 *     segments (U.S., p.m., e.g., Ph.D.), one capital letter (J.) and the
 *     words of abbrev.inc (Mr., Gen., Jan., Inc., etc., No. before a number);
 *     "U.S.-led" stays one word;
 *   - '%' and '$' are tokens of their own (10 %, $ 5), as in the Penn
 *     Treebank; a run of '.' (...) or of '-' (--) is one token, as are `` and
 *     ''; any other punctuation or symbol character is a token;
 *   - a paragraph starts after a blank line (two or more line breaks with
 *     only spaces between) and, for wire copy such as Reuters, after a line
 *     that ends a sentence when the next line is indented by 2+ spaces;
 *   - a token longer than DYAD__TOKEN_MAX bytes is cut into pieces at
 *     character boundaries.
 * ASCII is classified by table; utf8proc is called only for other code
 * points.  Time and memory are linear in the text.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define DYAD__TOKEN_MAX 1024

enum { C_WS, C_NL, C_UP, C_LO, C_DIG, C_MARK, C_PUNCT, C_END };

#define IS_WORD(k) ((k) >= C_UP && (k) <= C_MARK)
#define IS_LETTER(k) ((k) == C_UP || (k) == C_LO)

/* Classes of the ASCII characters. */
static const unsigned char ascii_cls[128] = {
    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,
    C_WS,    C_WS,    C_NL,    C_NL,    C_NL,    C_NL,    C_WS,    C_WS,
    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,
    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,    C_WS,
    C_WS,    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_DIG,   C_DIG,   C_DIG,   C_DIG,   C_DIG,   C_DIG,   C_DIG,   C_DIG,
    C_DIG,   C_DIG,   C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,
    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,
    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,    C_UP,
    C_UP,    C_UP,    C_UP,    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,
    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,
    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,    C_LO,
    C_LO,    C_LO,    C_LO,    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_WS,
};

/* ---- abbreviations ------------------------------------------------------ */

enum { AB_CAPREQ = 1, AB_NUMREQ = 2 };

typedef struct abbrev {
  const char *key;
  unsigned char cls;
  unsigned char flags;
} abbrev;

static const abbrev abbrevs[] = {
#include "abbrev.inc"
};

#define N_ABBREVS (sizeof(abbrevs) / sizeof(abbrevs[0]))
#define ABBREV_KEY_MAX 8

/* bsearch comparison: a NUL-terminated key against an entry. */
static int abbrev_cmp(const void *k, const void *e) {
  return strcmp((const char *)k, ((const abbrev *)e)->key);
}

/* Finds the entry for the ASCII word w (any case, no final '.'), or NULL. */
static const abbrev *abbrev_find(const unsigned char *w, size_t len) {
  char key[ABBREV_KEY_MAX + 1];
  if (len == 0 || len > ABBREV_KEY_MAX)
    return NULL;
  for (size_t i = 0; i < len; i++) {
    unsigned c = w[i];
    if (c >= 0x80 || c == 0)
      return NULL;
    key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  key[len] = '\0';
  return bsearch(key, abbrevs, N_ABBREVS, sizeof(abbrevs[0]), abbrev_cmp);
}

int dyad__text_abbrev_class(const char *lower, size_t len) {
  if (!lower || len < 2 || lower[len - 1] != '.')
    return DYAD__ABBR_NONE;
  len--;
  const abbrev *e = abbrev_find((const unsigned char *)lower, len);
  if (e)
    return e->cls;
  if (len == 1)
    return DYAD__ABBR_INITIAL;
  if (memchr(lower, '.', len))
    return DYAD__ABBR_ORG;
  return DYAD__ABBR_NONE;
}

/* ---- character classes -------------------------------------------------- */

/* Class of the character at s[i] (C_END past the end); *cl is its length. */
static int cls_at(const unsigned char *s, size_t n, size_t i, size_t *cl) {
  if (i >= n) {
    *cl = 0;
    return C_END;
  }
  if (s[i] < 0x80) {
    *cl = 1;
    return ascii_cls[s[i]];
  }
  utf8proc_int32_t cp;
  utf8proc_ssize_t r = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
  if (r <= 0) {
    *cl = 1;
    return C_PUNCT;
  }
  *cl = (size_t)r;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LT:
    return C_UP;
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
    return C_LO;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_CF:
    return C_MARK;
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return C_DIG;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_CC:
    return C_WS;
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
    return C_NL;
  default:
    return C_PUNCT;
  }
}

/* Class only, for look-ahead. */
static int cls_only(const unsigned char *s, size_t n, size_t i) {
  size_t cl;
  return cls_at(s, n, i, &cl);
}

static int is_adigit(const unsigned char *s, size_t n, size_t i) {
  return i < n && s[i] >= '0' && s[i] <= '9';
}

static int is_aalpha(const unsigned char *s, size_t n, size_t i) {
  return i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z');
}

/* Length of a clitic ('s 'd 'm 're 've 'll, any case) at s[i] == '\''
 * that ends the word, or 0. */
static size_t clitic_len(const unsigned char *s, size_t n, size_t i) {
  size_t len = 0;
  if (i + 1 >= n || s[i] != '\'')
    return 0;
  unsigned a = s[i + 1] | 0x20;
  unsigned b = i + 2 < n ? (s[i + 2] | 0x20u) : 0;
  if (a == 's' || a == 'd' || a == 'm')
    len = 2;
  else if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') ||
           (a == 'l' && b == 'l'))
    len = 3;
  if (!len || IS_WORD(cls_only(s, n, i + len)))
    return 0;
  return len;
}

/* ---- the token array ---------------------------------------------------- */

typedef struct tk {
  dyad__arena *a;
  const dyad__text *t;
  const unsigned char *s;
  size_t n;
  dyad__token *toks;
  size_t nt, cap;
  char *lbuf; /* current block for lower-cased copies */
  size_t lused, lcap;
  uint32_t para;
  int brk;   /* a paragraph break precedes the next token */
  int space; /* whitespace precedes the next token */
} tk;

/* Lower-cases s[ns..ne) into dst (same length), returning DYAD__TF_* flags
 * for letters, digits and punctuation. */
static unsigned lower_and_flags(const unsigned char *s, size_t ns, size_t ne,
                                char *dst) {
  size_t nup = 0, nlow = 0, nother = 0, ndig = 0;
  unsigned flags = 0;
  for (size_t j = ns; j < ne;) {
    unsigned c = s[j];
    if (c < 0x80) {
      int k = ascii_cls[c];
      if (k == C_UP) {
        if (j == ns)
          flags |= DYAD__TF_CAP;
        nup++;
        c += 32;
      } else if (k == C_LO) {
        nlow++;
      } else if (k == C_DIG) {
        ndig++;
      }
      *dst++ = (char)c;
      j++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate(s + j, (utf8proc_ssize_t)(ne - j), &cp);
    if (r <= 0) { /* cannot happen after normalisation: copy the byte */
      *dst++ = (char)c;
      j++;
      continue;
    }
    size_t rl = (size_t)r;
    utf8proc_uint8_t enc[4];
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
      if (j == ns)
        flags |= DYAD__TF_CAP;
      nup++;
      utf8proc_int32_t lc = utf8proc_tolower(cp);
      utf8proc_ssize_t el = utf8proc_encode_char(lc, enc);
      if ((size_t)el == rl) { /* only when the length is unchanged */
        memcpy(dst, enc, rl);
        dst += rl;
        j += rl;
        continue;
      }
    } else if (cat == UTF8PROC_CATEGORY_LL) {
      nlow++;
    } else if (cat >= UTF8PROC_CATEGORY_LM && cat <= UTF8PROC_CATEGORY_ME) {
      nother++; /* Lm Lo Mn Mc Me */
    } else if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) {
      ndig++;
    } else if (cat == UTF8PROC_CATEGORY_CF) {
      nother++;
    }
    memcpy(dst, s + j, rl);
    dst += rl;
    j += rl;
  }
  if (nup >= 2 && nlow == 0)
    flags |= DYAD__TF_ALLCAP;
  if (ndig)
    flags |= DYAD__TF_DIGIT;
  if (!nup && !nlow && !nother && !ndig)
    flags |= DYAD__TF_PUNCT;
  return flags;
}

/* Appends the token s[ns..ne) (ne - ns <= DYAD__TOKEN_MAX); word says it
 * came from the word scanner.  Returns 0 or -1. */
static int push(tk *k, size_t ns, size_t ne, int word) {
  if (k->nt == k->cap) {
    size_t nc = k->cap * 2;
    dyad__token *nt = dyad__arena_grow(k->a, k->toks, k->nt, nc, sizeof(*nt));
    if (!nt)
      return -1;
    k->toks = nt;
    k->cap = nc;
  }
  size_t len = ne - ns;
  if (k->lcap - k->lused < len + 1) {
    size_t bs = ((size_t)64 << 10);
    if (bs < len + 1)
      bs = len + 1;
    char *b = dyad__arena_alloc(k->a, bs);
    if (!b)
      return -1;
    k->lbuf = b;
    k->lcap = bs;
    k->lused = 0;
  }
  char *low = k->lbuf + k->lused;
  k->lused += len + 1;
  unsigned flags = lower_and_flags(k->s, ns, ne, low);
  low[len] = '\0';
  const unsigned char *p = k->s + ns;
  if ((len == 1 && (p[0] == '"' || p[0] == '\'')) ||
      (len == 2 && p[0] == p[1] && (p[0] == '`' || p[0] == '\'')))
    flags |= DYAD__TF_QUOTE;
  if (word && len >= 2 && p[len - 1] == '.')
    flags |= DYAD__TF_ABBREV;
  if (k->brk || k->nt == 0) {
    if (k->nt)
      k->para++;
    flags |= DYAD__TF_PARA_START;
  }
  if (k->space)
    flags |= DYAD__TF_SPACE_BEFORE;
  k->brk = 0;
  k->space = 0;
  dyad__token *t = &k->toks[k->nt++];
  t->s = k->t->norm + ns;
  t->lower = low;
  t->lemma = NULL;
  t->len = (uint32_t)len;
  t->lemma_len = 0;
  t->start = k->t->map[ns];
  /* The common case: the next byte follows the last one in the original,
   * so no removed character can sit between them. */
  uint32_t e = k->t->map[ne];
  t->end = e == k->t->map[ne - 1] + 1 ? e : dyad__text_orig_end(k->t, ne);
  t->para = k->para;
  t->flags = (uint16_t)flags;
  t->tag = 0;
  t->spare = 0;
  return 0;
}

/* Appends s[ns..ne), cut into pieces of at most DYAD__TOKEN_MAX bytes at
 * character boundaries. */
static int emit(tk *k, size_t ns, size_t ne, int word) {
  while (ne - ns > DYAD__TOKEN_MAX) {
    size_t pe = ns + DYAD__TOKEN_MAX;
    while (pe > ns && (k->s[pe] & 0xC0) == 0x80)
      pe--;
    if (pe == ns)
      pe = ns + DYAD__TOKEN_MAX;
    if (push(k, ns, pe, word) < 0)
      return -1;
    ns = pe;
  }
  return push(k, ns, ne, word);
}

/* Whether the last token ends a sentence (. ! ? or an abbreviation,
 * possibly followed by closing quotes or brackets). */
static int last_ends_sentence(const tk *k) {
  size_t i = k->nt;
  while (i > 0) {
    const dyad__token *t = &k->toks[i - 1];
    unsigned char c = (unsigned char)t->s[t->len - 1];
    if ((t->flags & DYAD__TF_QUOTE) || (t->len == 1 && (c == ')' || c == ']'))) {
      i--;
      continue;
    }
    return c == '.' || c == '!' || c == '?';
  }
  return 0;
}

/* ---- the scanners ------------------------------------------------------- */

/* Whether the '-' at normalised offset q was an em dash or horizontal bar
 * in the original (those separate words; hyphens and en dashes join). */
static int was_em_dash(const tk *k, size_t q) {
  const dyad__text *t = k->t;
  size_t o = t->map[q];
  if (!t->orig || o + 2 >= t->orig_len)
    return 0;
  const unsigned char *s = (const unsigned char *)t->orig + o;
  return s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x94 || s[2] == 0x95);
}

/* Scans the word starting at s[i]; appends it and returns the offset after
 * it (or (size_t)-1 when the arena fails). */
static size_t scan_word(tk *k, size_t i) {
  const unsigned char *s = k->s;
  size_t n = k->n, p = i, q = i;
  for (;;) {
    while (q < n) {
      unsigned c = s[q];
      if (c < 0x80) {
        if (!IS_WORD(ascii_cls[c]))
          break;
        q++;
      } else {
        size_t cl;
        if (!IS_WORD(cls_at(s, n, q, &cl)))
          break;
        q += cl;
      }
    }
    if (q >= n)
      break;
    unsigned c = s[q];
    int pdig = s[q - 1] >= '0' && s[q - 1] <= '9';
    if (c == '-') {
      if (IS_WORD(cls_only(s, n, q + 1)) && !was_em_dash(k, q)) {
        q++;
        continue;
      }
    } else if (c == '\'') {
      if (IS_LETTER(cls_only(s, n, q + 1))) {
        /* n't: "don't" -> do n't */
        if (q - p >= 2 && (s[q - 1] | 0x20) == 'n' && (s[q + 1] | 0x20) == 't' &&
            !IS_WORD(cls_only(s, n, q + 2))) {
          q--;
          return emit(k, p, q, 1) < 0 ? (size_t)-1 : q;
        }
        if (!clitic_len(s, n, q)) { /* O'Brien */
          q++;
          continue;
        }
      }
    } else if (c == '.') {
      if (pdig && is_adigit(s, n, q + 1)) {
        q++;
        continue;
      }
    } else if (c == ',') {
      if (pdig && is_adigit(s, n, q + 1) && is_adigit(s, n, q + 2) &&
          is_adigit(s, n, q + 3) && !is_adigit(s, n, q + 4)) {
        q++;
        continue;
      }
    } else if (c == ':') {
      if (pdig && is_adigit(s, n, q + 1) && is_adigit(s, n, q + 2) &&
          !is_adigit(s, n, q + 3)) {
        q++;
        continue;
      }
    } else if (c == '/') {
      if (pdig && is_adigit(s, n, q + 1)) {
        q++;
        continue;
      }
    }
    break;
  }
  if (q < n && s[q] == '.') {
    size_t wl = q - p;
    int alpha = 1;
    for (size_t j = p; j < q && alpha; j++)
      alpha = is_aalpha(s, n, j);
    /* Dotted chain of 1-2 letter segments: U.S. p.m. e.g. Ph.D. */
    if (alpha && wl <= 2) {
      size_t r = q, segs = 1;
      while (r < n && s[r] == '.') {
        size_t L = 0;
        while (L < 3 && is_aalpha(s, n, r + 1 + L))
          L++;
        if (L < 1 || L > 2 || r + 1 + L >= n || s[r + 1 + L] != '.')
          break;
        r += 1 + L;
        segs++;
      }
      if (segs >= 2) {
        size_t e = r + 1;
        if (e < n && s[e] == '.') /* U.S... keeps the ellipsis whole */
          return emit(k, p, r, 1) < 0 ? (size_t)-1 : r;
        /* U.S.-led: go on as a word */
        if (e < n && s[e] == '-' && IS_WORD(cls_only(s, n, e + 1)) &&
            !was_em_dash(k, e)) {
          size_t q2 = e + 1;
          while (q2 < n) {
            unsigned c = s[q2];
            size_t cl = 1;
            int kk = c < 0x80 ? ascii_cls[c] : cls_at(s, n, q2, &cl);
            if (IS_WORD(kk)) {
              q2 += cl;
            } else if (c == '-' && IS_WORD(cls_only(s, n, q2 + 1)) &&
                       !was_em_dash(k, q2)) {
              q2++;
            } else {
              break;
            }
          }
          return emit(k, p, q2, 1) < 0 ? (size_t)-1 : q2;
        }
        return emit(k, p, e, 1) < 0 ? (size_t)-1 : e;
      }
    }
    if (!(q + 1 < n && s[q + 1] == '.') && alpha) {
      int take = 0;
      if (wl == 1 && s[p] >= 'A' && s[p] <= 'Z') {
        take = 1; /* initial: J. */
      } else {
        const abbrev *ab = abbrev_find(s + p, wl);
        if (ab) {
          take = 1;
          if ((ab->flags & AB_CAPREQ) && !(s[p] >= 'A' && s[p] <= 'Z'))
            take = 0;
          if (ab->flags & AB_NUMREQ) {
            size_t j = q + 1;
            while (j < n && j < q + 4 && s[j] == ' ')
              j++;
            if (!is_adigit(s, n, j))
              take = 0;
          }
        }
      }
      if (take)
        q++;
    }
  }
  return emit(k, p, q, 1) < 0 ? (size_t)-1 : q;
}

/* Scans the punctuation token at s[i]; returns the offset after it or
 * (size_t)-1. */
static size_t scan_punct(tk *k, size_t i) {
  const unsigned char *s = k->s;
  size_t n = k->n, q = i + 1;
  unsigned c = s[i];
  if (c == '.' || c == '-') {
    while (q < n && s[q] == c)
      q++;
  } else if ((c == '`' || c == '\'') && q < n && s[q] == c) {
    q++; /* `` and '' */
  } else if (c == '\'' && !k->space && k->nt > 0 &&
             !(k->toks[k->nt - 1].flags & DYAD__TF_PUNCT)) {
    size_t cl = clitic_len(s, n, i);
    if (cl)
      return emit(k, i, i + cl, 1) < 0 ? (size_t)-1 : i + cl;
  } else if (c >= 0x80) {
    size_t cl;
    (void)cls_at(s, n, i, &cl);
    q = i + (cl ? cl : 1);
  }
  return emit(k, i, q, 0) < 0 ? (size_t)-1 : q;
}

/* An upper bound on the number of tokens of s[0..n): every token starts at
 * the start of a run of ASCII word characters, at an ASCII punctuation
 * mark, at a non-ASCII character, or at a cut of a long token.  Sizing the
 * array once saves copying it while it grows. */
static size_t token_bound(const unsigned char *s, size_t n) {
  size_t b = n / (DYAD__TOKEN_MAX / 2) + 16;
  int pw = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned c = s[i];
    if (c < 0x80) {
      int k = ascii_cls[c];
      int w = IS_WORD(k);
      b += (size_t)((w && !pw) || k == C_PUNCT);
      pw = w;
    } else {
      b += (c & 0xC0) != 0x80;
      pw = 0;
    }
  }
  return b;
}

int dyad__tokenize(dyad__arena *a, const dyad__text *t, dyad__token **toks,
                   size_t *n) {
  tk k;
  memset(&k, 0, sizeof(k));
  k.a = a;
  k.t = t;
  k.s = (const unsigned char *)t->norm;
  k.n = t->norm ? t->norm_len : 0;
  k.cap = token_bound(k.s, k.n);
  k.toks = dyad__arena_grow(a, NULL, 0, k.cap, sizeof(dyad__token));
  if (!k.toks)
    return -1;
  const unsigned char *s = k.s;
  size_t i = 0, nl = 0, ind = 0;
  while (i < k.n) {
    unsigned c = s[i];
    size_t cl = 1;
    int cls = c < 0x80 ? ascii_cls[c] : cls_at(s, k.n, i, &cl);
    if (cls == C_WS) {
      k.space = 1;
      ind += nl > 0;
      i += cl;
      continue;
    }
    if (cls == C_NL) {
      k.space = 1;
      nl++;
      ind = 0;
      i += cl;
      continue;
    }
    if (nl >= 2 || (nl == 1 && ind >= 2 && last_ends_sentence(&k)))
      k.brk = 1;
    nl = 0;
    ind = 0;
    size_t next = IS_WORD(cls) ? scan_word(&k, i) : scan_punct(&k, i);
    if (next == (size_t)-1)
      return -1;
    i = next;
  }
  *toks = k.toks;
  *n = k.nt;
  return 0;
}

int dyad__tokenize_string(dyad__arena *a, const char *s, size_t len,
                          dyad__token **toks, size_t *n) {
  dyad__text t;
  *toks = NULL;
  *n = 0;
  if (dyad__text_normalize(a, s, len, &t) != 0)
    return -1;
  return dyad__tokenize(a, &t, toks, n);
}

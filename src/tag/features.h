/* features.h -- feature extraction shared by the tagger and its trainer.
 *
 * src/tag/tagger.c (inference) and tools/train_tagger.c (training) both
 * include this header, so the model is always queried with exactly the
 * features it was trained on.  Every feature is a 64-bit hash: FNV-1a over
 * the bytes of a string (a word, a suffix), mixed with a template id and,
 * for the tag-dependent templates, the previous tags.  Nothing here
 * allocates; strings are hashed straight from the token bytes.
 */
#ifndef DYAD_TAG_FEATURES_H
#define DYAD_TAG_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "../text/text.h"

/* Feature templates.  Append only: the ids are part of the model. */
enum {
  DYAD__FT_BIAS,
  DYAD__FT_WORD,       /* normalised lower-case word */
  DYAD__FT_SUF1,
  DYAD__FT_SUF2,
  DYAD__FT_SUF3,
  DYAD__FT_PRE1,
  DYAD__FT_SHAPE,      /* capitalisation/digit/hyphen/initial bits */
  DYAD__FT_CWORD,      /* word + capitalised-not-initial bit */
  DYAD__FT_PWORD,      /* previous word */
  DYAD__FT_PSUF3,
  DYAD__FT_P2WORD,
  DYAD__FT_NWORD,      /* next word */
  DYAD__FT_NSUF3,
  DYAD__FT_N2WORD,
  DYAD__FT_NSHAPE,
  DYAD__FT_PTAG,       /* previous tag */
  DYAD__FT_PTAG2,      /* previous two tags */
  DYAD__FT_PTAG_WORD,  /* previous tag + word */
  DYAD__FT_PSHAPE_TAG, /* previous tag + this shape */
  DYAD__FT_DICT,       /* tag dictionary entry: surface form -> tag */
  DYAD__FT_COUNT
};

/* Pseudo-tags for positions before the sentence. */
#define DYAD__FT_START1 250
#define DYAD__FT_START2 251

/* Number of features per token (the tag-dictionary key is not one). */
#define DYAD__FEAT_STATIC 15
#define DYAD__FEAT_N (DYAD__FEAT_STATIC + 4)

/* Shape bits. */
enum {
  DYAD__SH_CAP = 1,      /* first letter upper case */
  DYAD__SH_ALLCAP = 2,   /* all letters upper case, at least two */
  DYAD__SH_DIGIT = 4,    /* contains a digit */
  DYAD__SH_HYPHEN = 8,   /* inner hyphen */
  DYAD__SH_INITIAL = 16, /* first word of the sentence (after quotes) */
  DYAD__SH_PUNCT = 32,   /* no letter and no digit */
  DYAD__SH_PERIOD = 64,  /* contains '.' and a letter (Mr., U.S.) */
  DYAD__SH_NONE = 128,   /* outside the sentence */
  DYAD__SH_QODD = 256    /* a quote after an odd number of quotes */
};

/* What the features need to know of one token, computed once. */
typedef struct dyad__ftok {
  uint64_t word;  /* hash of the normalised word */
  uint64_t suf3;  /* hash of the last 3 bytes of the lower-case word */
  uint64_t suf2;
  uint64_t suf1;
  uint64_t pre1;
  uint32_t shape; /* DYAD__SH_* bits */
} dyad__ftok;

#define DYAD__FNV_OFF 14695981039346656037ULL
#define DYAD__FNV_PRIME 1099511628211ULL

/* FNV-1a over n bytes, continuing from h. */
static inline uint64_t dyad__fnv(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= DYAD__FNV_PRIME;
  }
  return h;
}

/* Mixes a template id and up to two small values into a string hash. */
static inline uint64_t dyad__fmix(uint64_t h, unsigned tmpl, unsigned a,
                                  unsigned b) {
  h ^= ((uint64_t)tmpl << 56) ^ ((uint64_t)a << 40) ^ ((uint64_t)b << 24);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

/* The hash of a surface form for the tag dictionary. */
static inline uint64_t dyad__fdict_key(const dyad__token *t) {
  return dyad__fmix(dyad__fnv(DYAD__FNV_OFF, t->s, t->len), DYAD__FT_DICT, 0,
                    0);
}

/* Fills f for token t; initial is nonzero for the sentence's first word. */
static inline void dyad__ftok_make(const dyad__token *t, int initial,
                                   dyad__ftok *f) {
  const char *lw = t->lower ? t->lower : t->s;
  size_t n = t->len;
  unsigned sh = 0;
  size_t letters = 0, upper = 0, digits = 0;
  int first_letter_seen = 0, period = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t->s[i];
    if (c >= 'A' && c <= 'Z') {
      letters++;
      upper++;
      if (!first_letter_seen)
        sh |= DYAD__SH_CAP;
      first_letter_seen = 1;
    } else if ((c >= 'a' && c <= 'z') || c >= 0x80) {
      letters++;
      first_letter_seen = 1;
    } else if (c >= '0' && c <= '9') {
      digits++;
    } else if (c == '-' && i > 0 && i + 1 < n) {
      sh |= DYAD__SH_HYPHEN;
    } else if (c == '.') {
      period = 1;
    }
  }
  if (upper >= 2 && upper == letters)
    sh |= DYAD__SH_ALLCAP;
  if (digits)
    sh |= DYAD__SH_DIGIT;
  if (!letters && !digits)
    sh |= DYAD__SH_PUNCT;
  if (period && letters)
    sh |= DYAD__SH_PERIOD;
  if (initial)
    sh |= DYAD__SH_INITIAL;
  f->shape = sh;
  /* Word normalisation: numbers collapse to a few classes. */
  if (digits && !letters) {
    if (n == 4 && digits == 4)
      f->word = dyad__fnv(DYAD__FNV_OFF, "!YEAR", 5);
    else if (digits == n)
      f->word = dyad__fnv(DYAD__FNV_OFF, "!DIGITS", 7);
    else
      f->word = dyad__fnv(DYAD__FNV_OFF, "!NUMBER", 7);
  } else {
    f->word = dyad__fnv(DYAD__FNV_OFF, lw, n);
  }
  f->suf1 = dyad__fnv(DYAD__FNV_OFF, lw + n - (n >= 1 ? 1 : 0), n >= 1);
  f->suf2 = dyad__fnv(DYAD__FNV_OFF, lw + n - (n >= 2 ? 2 : n), n >= 2 ? 2 : n);
  f->suf3 = dyad__fnv(DYAD__FNV_OFF, lw + n - (n >= 3 ? 3 : n), n >= 3 ? 3 : n);
  f->pre1 = dyad__fnv(DYAD__FNV_OFF, lw, n >= 1);
}

/* The entry used for positions outside the sentence. */
static inline void dyad__ftok_none(dyad__ftok *f, int after) {
  const char *s = after ? "-END-" : "-START-";
  f->word = dyad__fnv(DYAD__FNV_OFF, s, after ? 5 : 7);
  f->suf1 = f->suf2 = f->suf3 = f->pre1 = f->word;
  f->shape = DYAD__SH_NONE | (after ? 1u : 0u);
}

/* Whether a token counts as leading punctuation for "sentence initial":
 * quotes and opening brackets. */
static inline int dyad__ftok_is_opener(const dyad__token *t) {
  if (t->len != 1)
    return t->len == 2 && t->s[0] == '`' && t->s[1] == '`';
  return t->s[0] == '"' || t->s[0] == '\'' || t->s[0] == '(' ||
         t->s[0] == '[' || t->s[0] == '`';
}

/* What dyad__ftok_at carries from one token to the next of a sentence. */
typedef struct dyad__fstate {
  int seen_word; /* a word (not an opening quote or bracket) was seen */
  int quotes;    /* quote tokens seen */
} dyad__fstate;

/* Whether a token is a double quote (", `` or ''). */
static inline int dyad__ftok_is_quote(const dyad__token *t) {
  return (t->len == 1 && t->s[0] == '"') ||
         (t->len == 2 && ((t->s[0] == '`' && t->s[1] == '`') ||
                          (t->s[0] == '\'' && t->s[1] == '\'')));
}

/* Fills f for position i of a sentence of n tokens (positions past the end
 * get the end marker).  Must be called for i = 0, 1, 2, ... in order with a
 * zeroed st, which decides the sentence-initial and quote-parity bits. */
static inline void dyad__ftok_at(const dyad__token *toks, size_t n, size_t i,
                                 dyad__fstate *st, dyad__ftok *f) {
  if (i >= n) {
    dyad__ftok_none(f, 1);
    return;
  }
  dyad__ftok_make(&toks[i], !st->seen_word, f);
  if (!dyad__ftok_is_opener(&toks[i]))
    st->seen_word = 1;
  if (dyad__ftok_is_quote(&toks[i])) {
    if (st->quotes & 1)
      f->shape |= DYAD__SH_QODD;
    st->quotes++;
  }
}

/* Writes the tag-independent features of the token whose context is
 * p2 p1 [c] n1 n2 into out[0..DYAD__FEAT_STATIC). */
static inline void dyad__feat_static(const dyad__ftok *p2,
                                     const dyad__ftok *p1,
                                     const dyad__ftok *c,
                                     const dyad__ftok *n1,
                                     const dyad__ftok *n2, uint64_t *out) {
  unsigned capmid = (c->shape & DYAD__SH_CAP) && !(c->shape & DYAD__SH_INITIAL);
  out[0] = dyad__fmix(0, DYAD__FT_BIAS, 0, 0);
  out[1] = dyad__fmix(c->word, DYAD__FT_WORD, 0, 0);
  out[2] = dyad__fmix(c->suf1, DYAD__FT_SUF1, 0, 0);
  out[3] = dyad__fmix(c->suf2, DYAD__FT_SUF2, 0, 0);
  out[4] = dyad__fmix(c->suf3, DYAD__FT_SUF3, 0, 0);
  out[5] = dyad__fmix(c->pre1, DYAD__FT_PRE1, 0, 0);
  out[6] = dyad__fmix(0, DYAD__FT_SHAPE, c->shape, 0);
  out[7] = dyad__fmix(c->word, DYAD__FT_CWORD, capmid, 0);
  out[8] = dyad__fmix(p1->word, DYAD__FT_PWORD, 0, 0);
  out[9] = dyad__fmix(p1->suf3, DYAD__FT_PSUF3, 0, 0);
  out[10] = dyad__fmix(p2->word, DYAD__FT_P2WORD, 0, 0);
  out[11] = dyad__fmix(n1->word, DYAD__FT_NWORD, 0, 0);
  out[12] = dyad__fmix(n1->suf3, DYAD__FT_NSUF3, 0, 0);
  out[13] = dyad__fmix(n2->word, DYAD__FT_N2WORD, 0, 0);
  out[14] = dyad__fmix(0, DYAD__FT_NSHAPE, n1->shape, c->shape);
}

/* Writes the features that depend on the previous two tags into
 * out[0..DYAD__FEAT_N - DYAD__FEAT_STATIC). */
static inline void dyad__feat_dynamic(const dyad__ftok *c, unsigned pt1,
                                      unsigned pt2, uint64_t *out) {
  out[0] = dyad__fmix(0, DYAD__FT_PTAG, pt1, 0);
  out[1] = dyad__fmix(0, DYAD__FT_PTAG2, pt1, pt2);
  out[2] = dyad__fmix(c->word, DYAD__FT_PTAG_WORD, pt1, 0);
  out[3] = dyad__fmix(0, DYAD__FT_PSHAPE_TAG, pt1, c->shape);
}

#endif

/* tagger.c -- the averaged-perceptron part-of-speech tagger (inference).
 *
 * The model (data/tagger.model, written by tools/train_tagger) is a list of
 * hashed features, each with a short sparse row of (tag, int16 weight)
 * pairs, plus a tag dictionary of frequent unambiguous words stored as
 * features of template DYAD__FT_DICT.  Loading copies it into an
 * open-addressing table; tagging is greedy left to right, never allocates and
 * never writes the tagger, so one tagger serves any number of threads.
 *
 * File format (all integers little-endian):
 *   0   "DYADTAG\0"            magic
 *   8   u32 version (1)
 *   12  u32 number of tags (<= DYAD__T_COUNT)
 *   16  u32 nfeat, 20 u32 nweights, 24 u32 0, 28 u32 0
 *   32  nfeat x { u64 key, u8 count }          (counts sum to nweights)
 *       nweights x { u8 tag, i16 weight }
 *       u64 FNV-1a of every byte before it
 *
 * Speed: most of tagging is adding feature rows into the tag scores.  A row
 * with many (tag, weight) pairs -- a frequent word, a suffix, the previous
 * tags -- is also kept dense (one int32 per tag, DENSE_W wide), which the
 * compiler adds with vector instructions; short rows stay sparse.  The sums
 * are the same integers either way.
 */
#include "tagger.h"

#include <string.h>

#include "../util/mem.h"
#include "features.h"

#define MODEL_MAGIC "DYADTAG"
#define MODEL_VERSION 1u
#define MODEL_HEADER 32u
#define MAX_WEIGHTS (1u << 24)
/* Rows of at least DENSE_MIN weights are also stored dense, DENSE_W int32
 * per row (DENSE_W >= DYAD__T_COUNT, a multiple of 16). */
#define DENSE_MIN 8u
#define DENSE_W 48u
_Static_assert(DENSE_W >= DYAD__T_COUNT && DENSE_W % 16 == 0,
               "dense rows hold every tag");

typedef struct slot {
  uint32_t fp;  /* high half of the key, never 0 in a used slot */
  uint32_t row; /* offset << 8 | count, or dense index << 8 (count 0) */
} slot;

typedef struct weight {
  int16_t w;
  uint8_t tag;
  uint8_t pad;
} weight;

struct dyad__tagger {
  slot *slots;
  uint64_t mask;
  weight *weights;
  int32_t *dense;       /* ndense rows of DENSE_W weights */
  uint32_t *dense_off;  /* ndense offsets of the same rows in weights */
  uint8_t *dense_cnt;   /* and their numbers of weights */
  uint32_t ndense;
  /* The scores every token starts from: the bias feature's row (keys[0] of
   * dyad__feat_static, the same for every token); tags past the model's at
   * INT32_MIN, so they never win (dense rows add 0 there). */
  int32_t init[DENSE_W];
  uint32_t nweights;
  uint32_t ntags;
};

/* Reads a little-endian u32. */
static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

/* Reads a little-endian u64. */
static uint64_t rd64(const unsigned char *p) {
  return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static uint32_t key_fp(uint64_t key) {
  uint32_t fp = (uint32_t)(key >> 32);
  return fp ? fp : 1;
}

/* Finds the row of a feature; returns 0 and sets *row, or -1. */
static inline int lookup(const dyad__tagger *t, uint64_t key, uint32_t *row) {
  uint32_t fp = key_fp(key);
  uint64_t i = key & t->mask;
  for (;;) {
    const slot *s = &t->slots[i];
    if (s->fp == fp) {
      *row = s->row;
      return 0;
    }
    if (s->fp == 0)
      return -1;
    i = (i + 1) & t->mask;
  }
}

/* Inserts a feature; returns 0, or -2 for a duplicate key. */
static int insert(dyad__tagger *t, uint64_t key, uint32_t row) {
  uint32_t fp = key_fp(key);
  uint64_t i = key & t->mask;
  while (t->slots[i].fp != 0) {
    if (t->slots[i].fp == fp)
      return -2;
    i = (i + 1) & t->mask;
  }
  t->slots[i].fp = fp;
  t->slots[i].row = row;
  return 0;
}

static inline void add_rows(const dyad__tagger *t, const uint64_t *keys,
                            size_t nk, int32_t *scores);

/* Validates the model bytes and builds the lookup table; verify: check the
 * model's checksum too (the embedded model's is checked by the unit
 * tests, not at every start-up: it is 3 MB of FNV, a fifth of the time
 * to load the tagger). */
static int tagger_build(dyad__tagger **out, const unsigned char *model,
                        size_t len, int verify) {
  if (!out)
    return -2;
  *out = NULL;
  if (!model || len < MODEL_HEADER + 8 ||
      memcmp(model, MODEL_MAGIC, 8) != 0 || rd32(model + 8) != MODEL_VERSION)
    return -2;
  uint32_t ntags = rd32(model + 12);
  uint32_t nfeat = rd32(model + 16);
  uint32_t nweights = rd32(model + 20);
  if (ntags == 0 || ntags > DYAD__T_COUNT || nfeat == 0 ||
      nweights > MAX_WEIGHTS || nfeat > MAX_WEIGHTS)
    return -2;
  /* Exact size check, in 64 bits so nothing overflows. */
  uint64_t need = (uint64_t)MODEL_HEADER + (uint64_t)nfeat * 9 +
                  (uint64_t)nweights * 3 + 8;
  if (need != (uint64_t)len)
    return -2;
  if (verify && dyad__fnv(DYAD__FNV_OFF, (const char *)model, len - 8) !=
                    rd64(model + len - 8))
    return -2;

  dyad__tagger *t = dyad__calloc(1, sizeof *t);
  if (!t)
    return -1;
  uint64_t nslots = 16;
  while (nslots < (uint64_t)nfeat * 2)
    nslots <<= 1;
  t->mask = nslots - 1;
  t->ntags = ntags;
  t->nweights = nweights;
  t->slots = dyad__calloc((size_t)nslots, sizeof *t->slots);
  t->weights = dyad__malloc((size_t)(nweights ? nweights : 1) *
                            sizeof *t->weights);
  if (!t->slots || !t->weights) {
    dyad__tagger_free(t);
    return -1;
  }
  const unsigned char *fp = model + MODEL_HEADER;
  const unsigned char *wp = fp + (size_t)nfeat * 9;
  for (uint32_t i = 0; i < nweights; i++) {
    const unsigned char *e = wp + (size_t)i * 3;
    if (e[0] >= ntags) {
      dyad__tagger_free(t);
      return -2;
    }
    t->weights[i].tag = e[0];
    t->weights[i].w = (int16_t)(uint16_t)(e[1] | (unsigned)e[2] << 8);
    t->weights[i].pad = 0;
  }
  uint32_t ndense = 0;
  for (uint32_t i = 0; i < nfeat; i++)
    ndense += fp[(size_t)i * 9 + 8] >= DENSE_MIN;
  if (ndense) {
    t->dense = dyad__calloc((size_t)ndense * DENSE_W, sizeof *t->dense);
    t->dense_off = dyad__malloc((size_t)ndense * sizeof *t->dense_off);
    t->dense_cnt = dyad__malloc((size_t)ndense);
    if (!t->dense || !t->dense_off || !t->dense_cnt) {
      dyad__tagger_free(t);
      return -1;
    }
  }
  uint32_t off = 0;
  for (uint32_t i = 0; i < nfeat; i++) {
    const unsigned char *e = fp + (size_t)i * 9;
    uint32_t cnt = e[8];
    if (cnt == 0 || cnt > ntags || (uint64_t)off + cnt > nweights) {
      dyad__tagger_free(t);
      return -2;
    }
    uint32_t row = off << 8 | cnt;
    if (cnt >= DENSE_MIN) {
      /* A tag twice in one row adds up, as the sparse loop would. */
      int32_t *d = t->dense + (size_t)t->ndense * DENSE_W;
      for (uint32_t j = 0; j < cnt; j++)
        d[t->weights[off + j].tag] += t->weights[off + j].w;
      t->dense_off[t->ndense] = off;
      t->dense_cnt[t->ndense] = (uint8_t)cnt;
      row = t->ndense++ << 8;
    }
    if (insert(t, rd64(e), row) != 0) {
      dyad__tagger_free(t);
      return -2;
    }
    off += cnt;
  }
  if (off != nweights) {
    dyad__tagger_free(t);
    return -2;
  }
  for (uint32_t k = 0; k < DENSE_W; k++)
    t->init[k] = k < ntags ? 0 : INT32_MIN;
  {
    dyad__ftok none;
    uint64_t keys[DYAD__FEAT_STATIC];
    dyad__ftok_none(&none, 0);
    dyad__feat_static(&none, &none, &none, &none, &none, keys);
    add_rows(t, keys, 1, t->init);
  }
  *out = t;
  return 0;
}

int dyad__tagger_new(dyad__tagger **out, const unsigned char *model,
                     size_t len) {
  return tagger_build(out, model, len, 1);
}

int dyad__tagger_new_embedded(dyad__tagger **out) {
  return tagger_build(out, dyad__tagger_model, dyad__tagger_model_len, 0);
}

void dyad__tagger_free(dyad__tagger *t) {
  if (!t)
    return;
  dyad__free(t->slots);
  dyad__free(t->weights);
  dyad__free(t->dense);
  dyad__free(t->dense_off);
  dyad__free(t->dense_cnt);
  dyad__free(t);
}

/* The first (tag, weight) pair of a row, dense or sparse. */
static const weight *row_weights(const dyad__tagger *t, uint32_t row) {
  if ((row & 0xff) == 0)
    return t->weights + t->dense_off[row >> 8];
  return t->weights + (row >> 8);
}

/* Adds the row of every feature found into scores (DENSE_W wide).  Dense
 * rows are summed DENSE_CHUNK tags at a time, the partial sums in
 * registers. */
#define DENSE_CHUNK 8u
static inline void add_rows(const dyad__tagger *t, const uint64_t *keys,
                            size_t nk, int32_t *scores) {
  const int32_t *dense[DYAD__FEAT_N];
  size_t nd = 0;
  for (size_t k = 0; k < nk; k++) {
    uint32_t row;
    if (lookup(t, keys[k], &row) != 0)
      continue;
    uint32_t cnt = row & 0xff;
    if (cnt == 0) {
      if (nd < DYAD__FEAT_N) {
        dense[nd++] = t->dense + (size_t)(row >> 8) * DENSE_W;
        continue;
      }
      cnt = t->dense_cnt[row >> 8];
      row = t->dense_off[row >> 8] << 8;
    }
    const weight *w = t->weights + (row >> 8);
    for (uint32_t j = 0; j < cnt; j++)
      scores[w[j].tag] += w[j].w;
  }
#if defined(__GNUC__) && DENSE_W == 48
  /* GCC and clang: the 48 sums in twelve 4-lane vector registers, one pass
   * over the rows (the plain loop below reads them six times). */
  typedef int32_t v4 __attribute__((vector_size(16)));
  /* Rows and scores are read and written unaligned (the allocator hooks
   * promise no 16-byte alignment). */
  typedef int32_t v4u __attribute__((vector_size(16), aligned(4)));
  v4 a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0}, a4 = {0}, a5 = {0};
  v4 a6 = {0}, a7 = {0}, a8 = {0}, a9 = {0}, a10 = {0}, a11 = {0};
  for (size_t r = 0; r < nd; r++) {
    const v4u *d = (const v4u *)(const void *)dense[r];
    a0 += d[0];
    a1 += d[1];
    a2 += d[2];
    a3 += d[3];
    a4 += d[4];
    a5 += d[5];
    a6 += d[6];
    a7 += d[7];
    a8 += d[8];
    a9 += d[9];
    a10 += d[10];
    a11 += d[11];
  }
  v4u *sc = (v4u *)(void *)scores;
  sc[0] += a0;
  sc[1] += a1;
  sc[2] += a2;
  sc[3] += a3;
  sc[4] += a4;
  sc[5] += a5;
  sc[6] += a6;
  sc[7] += a7;
  sc[8] += a8;
  sc[9] += a9;
  sc[10] += a10;
  sc[11] += a11;
#else
  for (uint32_t j = 0; j < DENSE_W; j += DENSE_CHUNK) {
    int32_t acc[DENSE_CHUNK] = {0};
    for (size_t r = 0; r < nd; r++)
      for (uint32_t q = 0; q < DENSE_CHUNK; q++)
        acc[q] += dense[r][j + q];
    for (uint32_t q = 0; q < DENSE_CHUNK; q++)
      scores[j + q] += acc[q];
  }
#endif
}

/* Greedy left-to-right tagging of one sentence. */
void dyad__tagger_tag(const dyad__tagger *t, dyad__token *toks, size_t n) {
  if (!t || !toks)
    return;
  dyad__ftok win[5]; /* a ring: token i is win[(i + 2) % 5] */
  dyad__fstate st = {0, 0};
  dyad__ftok_none(&win[0], 0);
  dyad__ftok_none(&win[1], 0);
  dyad__ftok_at(toks, n, 0, &st, &win[2]);
  dyad__ftok_at(toks, n, 1, &st, &win[3]);
  dyad__ftok_at(toks, n, 2, &st, &win[4]);
  unsigned pt1 = DYAD__FT_START1, pt2 = DYAD__FT_START2;
  uint64_t keys[DYAD__FEAT_N];
  /* Token spacing is used only when the tokenizer recorded it. */
  int spaced = 0;
  for (size_t i = 1; i < n && !spaced; i++)
    spaced = (toks[i].flags & DYAD__TF_SPACE_BEFORE) != 0;
  for (size_t i = 0; i < n; i++) {
    unsigned best = DYAD__T_NN;
    uint32_t row;
    if (lookup(t, dyad__fdict_key(&toks[i]), &row) == 0) {
      best = row_weights(t, row)->tag;
    } else {
      int32_t scores[DENSE_W];
      memcpy(scores, t->init, sizeof scores);
      dyad__feat_static(&win[i % 5], &win[(i + 1) % 5], &win[(i + 2) % 5],
                        &win[(i + 3) % 5], &win[(i + 4) % 5], keys);
      dyad__feat_dynamic(&win[(i + 2) % 5], pt1, pt2,
                         keys + DYAD__FEAT_STATIC);
      add_rows(t, keys + 1, DYAD__FEAT_N - 1, scores); /* keys[0]: init */
      /* The first tag with the highest score: the maximum first (a loop
       * without branches, which the compiler vectorises), then its place. */
      int32_t bs = INT32_MIN;
      for (unsigned k = 0; k < DENSE_W; k++)
        bs = scores[k] > bs ? scores[k] : bs;
      best = 0;
      while (scores[best] != bs)
        best++;
    }
    if (spaced && toks[i].len == 1 && toks[i].s[0] == '"') {
      /* Spacing tells an opening quote from a closing one. */
      int glued_before = i > 0 && !(toks[i].flags & DYAD__TF_SPACE_BEFORE);
      int glued_after =
          i + 1 < n && !(toks[i + 1].flags & DYAD__TF_SPACE_BEFORE);
      if (glued_after && !glued_before)
        best = DYAD__T_LQUOTE;
      else if (glued_before && !glued_after)
        best = DYAD__T_RQUOTE;
    }
    toks[i].tag = (uint8_t)best;
    pt2 = pt1;
    pt1 = best;
    dyad__ftok_at(toks, n, i + 3, &st, &win[i % 5]);
  }
}

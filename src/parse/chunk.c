/* chunk.c -- chunks and clauses of one sentence from its tags (parse.h).
 *
 * Chunks: noun phrases (determiner, adjectives, nouns, possessive 's,
 * adjectival participles), verb groups (modals, auxiliaries, adverbs between
 * them, negation, the main verb and its particle), and one-token chunks for
 * prepositions, conjunctions, commas and clause markers.
 *
 * Clauses: each verb group gets its subject noun phrase by reading leftwards
 * (skipping prepositional phrases, appositives and relative clauses set off
 * by commas); a relative clause's verb takes its antecedent; a coordinated
 * predicate ("condemned X, and noted Y") and an infinitive ("agreed to
 * strengthen") share the subject of the verb before them.  Noun phrases
 * joined by "and"/"or" form a coordination group.
 */
#include "parse.h"

#include <string.h>

#include "../tag/tagset.h"

/* ===== Word classes ===== */

/* Whether the token's lower-case form is w.  The first byte, then the
 * length (a token's lower-case form is len bytes, NUL-terminated; strlen
 * of a literal is a constant), then the bytes: the word lists below are
 * read for every token. */
static inline int lower_is(const dyad__token *t, const char *w) {
  return t->lower[0] == w[0] && t->len == strlen(w) &&
         memcmp(t->lower, w, t->len) == 0;
}

int dyad__is_be(const dyad__token *t) {
  static const char *const be[] = {"be",  "is",   "are",  "was", "were",
                                   "been", "being", "am", "'s", "'re",
                                   "'m",  NULL};
  for (int i = 0; be[i]; i++)
    if (lower_is(t, be[i]))
      return 1;
  return 0;
}

static int is_get(const dyad__token *t) {
  return lower_is(t, "get") || lower_is(t, "got") || lower_is(t, "gets") ||
         lower_is(t, "gotten") || lower_is(t, "getting");
}

static int is_negation(const dyad__token *t) {
  return lower_is(t, "not") || lower_is(t, "n't") || lower_is(t, "never") ||
         lower_is(t, "cannot");
}

static int is_verb_tag(int tag) { return DYAD__IS_VERB(tag) || tag == DYAD__T_MD; }

static int is_nominal_tag(int tag) {
  return DYAD__IS_NOUN(tag) || tag == DYAD__T_CD;
}

/* Day names and deictic days: they end a noun phrase ("said on Wednesday
 * NATO would") and are skipped when looking for a subject.  The word lists
 * of this file are read for every token, so they branch on the first
 * letter first. */
static int is_temporal(const dyad__token *t) {
  switch (t->lower[0]) {
  case 'm':
    return lower_is(t, "monday");
  case 't':
    return lower_is(t, "tuesday") || lower_is(t, "thursday") ||
           lower_is(t, "today") || lower_is(t, "tonight") ||
           lower_is(t, "tomorrow");
  case 'w':
    return lower_is(t, "wednesday");
  case 'f':
    return lower_is(t, "friday");
  case 's':
    return lower_is(t, "saturday") || lower_is(t, "sunday");
  case 'y':
    return lower_is(t, "yesterday");
  default:
    return 0;
  }
}

/* "next", "last", "this", "earlier", "later": before a time unit. */
static int is_time_modifier(const dyad__token *t) {
  switch (t->lower[0]) {
  case 'n':
    return lower_is(t, "next");
  case 'l':
    return lower_is(t, "last") || lower_is(t, "later");
  case 't':
    return lower_is(t, "this");
  case 'e':
    return lower_is(t, "earlier");
  default:
    return 0;
  }
}

/* The length in tokens of a time expression at toks[i] ("Monday", "next
 * month", "last week"), or 0. */
static size_t temporal_len(const dyad__token *toks, size_t i, size_t end) {
  static const char *const unit[] = {"week", "month", "year", "weekend",
                                     "night", "morning", "evening", NULL};
  if (is_temporal(&toks[i]))
    return 1;
  if (i + 1 < end && is_time_modifier(&toks[i]))
    for (int k = 0; unit[k]; k++)
      if (lower_is(&toks[i + 1], unit[k]))
        return 2;
  return 0;
}

/* Words after which a clause begins: subordinators. */
static int is_subordinator(const dyad__token *t) {
  static const char *const w[] = {"because", "although", "though", "while",
                                  "whereas", "if", "unless", "since",
                                  "whether", NULL};
  for (int i = 0; w[i]; i++)
    if (lower_is(t, w[i]))
      return 1;
  return 0;
}

/* ===== Chunking ===== */

typedef struct chunker {
  dyad__arena *a;
  const dyad__token *toks;
  uint32_t first, end;
  const uint8_t *force;
  dyad__chunk *out;
  size_t n, cap;
} chunker;

static int forced(const chunker *c, uint32_t i) {
  return c->force && c->force[i - c->first] == DYAD__FORCE_NOUN;
}

/* A word the peer reading takes for a verb whatever its tag (TABARI has no
 * tagger: a word of its verb dictionary is a verb). */
static int peer_verb(const chunker *c, uint32_t i) {
  return c->force && i < c->end && c->force[i - c->first] == DYAD__FORCE_VERB;
}

/* Is token j a verb: by its tag, or for the peer reading? */
static int verbish(const chunker *c, uint32_t j) {
  return is_verb_tag(c->toks[j].tag) || peer_verb(c, j);
}

static int tag_at(const chunker *c, uint32_t i) {
  return i < c->end ? c->toks[i].tag : -1;
}

static dyad__chunk *push(chunker *c, int kind, uint32_t first,
                         uint32_t last) {
  if (c->n == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 32;
    dyad__chunk *p = dyad__arena_grow(c->a, c->out, c->n, nc, sizeof *p);
    if (!p)
      return NULL;
    c->out = p;
    c->cap = nc;
  }
  dyad__chunk *k = &c->out[c->n++];
  memset(k, 0, sizeof *k);
  k->kind = (uint8_t)kind;
  k->first = first;
  k->last = last;
  k->head = last;
  k->poss = -1;
  k->group = -1;
  k->group_last = -1;
  k->subject = -1;
  k->inherit = -1;
  return k;
}

/* A base-form verb right after a name is a noun the tagger misread: "US
 * aid to El Salvador", "the largest US telephone company". */
static int noun_after_name(const chunker *c, uint32_t j) {
  static const char *const aux[] = {"have", "be", "do", "get", NULL};
  if (c->toks[j].tag != DYAD__T_VB || j <= c->first || !forced(c, j - 1) ||
      !(c->toks[j - 1].flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP)) ||
      j + 1 >= c->end)
    return 0;
  for (int i = 0; aux[i]; i++)
    if (lower_is(&c->toks[j], aux[i]))
      return 0;
  /* Only before another noun: "US telephone company". */
  return DYAD__IS_NOUN(c->toks[j + 1].tag);
}

/* A participle used as an adjective inside a noun phrase: "the increasing
 * military cooperation", "Russia's continued aggression". */
static int adjectival_participle(const chunker *c, uint32_t j, uint32_t start) {
  int tg = tag_at(c, j);
  if (tg != DYAD__T_VBN && tg != DYAD__T_VBG)
    return 0;
  if (j == c->first)
    return 0;
  if (j == start && tag_at(c, j - 1) != DYAD__T_IN)
    return 0; /* only "into alleged war crimes" starts a phrase so */
  int prev = tag_at(c, j - 1);
  int next = tag_at(c, j + 1);
  /* After a name it is a verb: "Iran denied responsibility". */
  if (forced(c, j - 1))
    return 0;
  int prev_ok = prev == DYAD__T_DT || prev == DYAD__T_POS ||
                prev == DYAD__T_PRPS || DYAD__IS_ADJ(prev) ||
                prev == DYAD__T_CD || prev == DYAD__T_IN;
  int next_ok = DYAD__IS_NOUN(next) || DYAD__IS_ADJ(next) ||
                (j + 1 < c->end && forced(c, j + 1));
  return prev_ok && next_ok;
}

/* Reads a noun phrase at i; returns the index after it, or i when there is
 * none (no nominal word). */
static uint32_t read_np(chunker *c, uint32_t i, int *ok) {
  *ok = 1;
  const dyad__token *t = &c->toks[i];
  if (t->tag == DYAD__T_PRP && !forced(c, i)) {
    dyad__chunk *k = push(c, DYAD__C_NP, i, i);
    if (!k)
      *ok = 0;
    return i + 1;
  }
  uint32_t j = i;
  int32_t poss = -1;
  int32_t head = -1;
  while (j < c->end) {
    int tg = c->toks[j].tag;
    if (peer_verb(c, j))
      break;
    if (temporal_len(c->toks, j, c->end) && !forced(c, j) &&
        (j > i || is_temporal(&c->toks[j])))
      break;
    if (forced(c, j) || is_nominal_tag(tg) || noun_after_name(c, j)) {
      head = (int32_t)j;
      j++;
      continue;
    }
    if (DYAD__IS_ADJ(tg)) {
      j++;
      continue;
    }
    if (j > i && j + 1 < c->end && !forced(c, j) &&
        (tg == DYAD__T_COMMA || lower_is(&c->toks[j], ",")) &&
        DYAD__IS_ADJ(c->toks[j - 1].tag) &&
        DYAD__IS_ADJ(c->toks[j + 1].tag) &&
        !(c->toks[j - 1].flags & DYAD__TF_DIGIT)) {
      /* Coordinate adjectives: "complete, full diplomatic ties"; not a date
       * ("On the 31st, Russian forces"). */
      j++;
      continue;
    }
    if (j > i && j + 1 < c->end && tg == DYAD__T_CC && !forced(c, j) &&
        !forced(c, j - 1) && !forced(c, j + 1) &&
        DYAD__IS_ADJ(c->toks[j - 1].tag) &&
        DYAD__IS_ADJ(c->toks[j + 1].tag)) {
      /* "Ithilen's awful and evil minister": adjectives joined by "and"
       * that name no actor are one phrase's modifiers. */
      j++;
      continue;
    }
    if ((tg == DYAD__T_DT || tg == DYAD__T_PDT || tg == DYAD__T_PRPS) &&
        (j == i || (j > i && c->toks[j - 1].tag == DYAD__T_PDT))) {
      j++;
      continue;
    }
    if (tg == DYAD__T_POS && head >= 0 && poss < 0) {
      poss = (int32_t)j;
      head = -1;
      j++;
      continue;
    }
    if (adjectival_participle(c, j, i)) {
      j++;
      continue;
    }
    if (j > i && j + 1 < c->end && lower_is(&c->toks[j], "-") &&
        c->toks[j].start == c->toks[j - 1].end &&
        c->toks[j + 1].start > c->toks[j].end &&
        (is_nominal_tag(c->toks[j + 1].tag) ||
         DYAD__IS_ADJ(c->toks[j + 1].tag))) {
      /* A prefix cut from its word: "an anti- Gondor parade". */
      j++;
      continue;
    }
    break;
  }
  if (head < 0 && poss >= 0) {
    /* "Russia's" with nothing after: the possessor is the phrase. */
    head = poss - 1;
    j = (uint32_t)poss + 1;
    poss = -1;
  }
  if (head < 0)
    return i;
  /* Trailing adjectives after the head are not part of the phrase. */
  j = (uint32_t)head + 1;
  dyad__chunk *k = push(c, DYAD__C_NP, i, j - 1);
  if (!k) {
    *ok = 0;
    return j;
  }
  k->head = (uint32_t)head;
  k->poss = poss;
  return j;
}

/* Is there a verb at i, possibly after adverbs ("strongly condemned")? */
static int vg_starts(const chunker *c, uint32_t i) {
  uint32_t j = i;
  while (j < c->end && DYAD__IS_ADV(c->toks[j].tag) && !peer_verb(c, j) &&
         j - i < 3)
    j++;
  return j < c->end && verbish(c, j) && !forced(c, j) &&
         !noun_after_name(c, j);
}

/* Reads a verb group at i (vg_starts(i) is true); returns the index after. */
static uint32_t read_vg(chunker *c, uint32_t i, int *ok) {
  uint32_t j = i, last_verb = i;
  int have_verb = 0;
  while (j < c->end) {
    const dyad__token *t = &c->toks[j];
    if (forced(c, j))
      break;
    if (verbish(c, j)) {
      /* A second main verb right after a main verb starts a new group,
       * except after auxiliaries (be, have, do, get, modals). */
      if (have_verb) {
        const dyad__token *p = &c->toks[last_verb];
        int aux = p->tag == DYAD__T_MD || dyad__is_be(p) || is_get(p) ||
                  lower_is(p, "has") || lower_is(p, "have") ||
                  lower_is(p, "had") || lower_is(p, "having") ||
                  lower_is(p, "do") || lower_is(p, "does") ||
                  lower_is(p, "did") || lower_is(p, "'ve") ||
                  lower_is(p, "'d") || lower_is(p, "'ll");
        if (!aux)
          break;
      }
      have_verb = 1;
      last_verb = j;
      j++;
      continue;
    }
    if (DYAD__IS_ADV(t->tag) || is_negation(t)) {
      /* Adverbs belong to the group only when a verb follows them. */
      uint32_t k = j;
      while (k < c->end && !verbish(c, k) &&
             (DYAD__IS_ADV(c->toks[k].tag) || is_negation(&c->toks[k])))
        k++;
      if (k < c->end && verbish(c, k) && !forced(c, k)) {
        j = k;
        continue;
      }
      if (is_negation(t)) { /* "did not", "is not our enemy" */
        j++;
        continue;
      }
      break;
    }
    if (t->tag == DYAD__T_RP && have_verb) {
      j++;
      continue;
    }
    break;
  }
  if (j == i)
    return i; /* adverbs and no verb after all */
  dyad__chunk *k = push(c, DYAD__C_VG, i, j - 1);
  if (!k) {
    *ok = 0;
    return j;
  }
  k->head = last_verb;
  int aux_be = 0, tensed = 0, has_aux = 0;
  for (uint32_t x = i; x <= j - 1; x++) {
    const dyad__token *t = &c->toks[x];
    if (is_negation(t))
      k->negated = 1;
    if (t->tag == DYAD__T_MD) {
      k->modal = 1;
      tensed = 1;
    }
    if (x < last_verb && is_verb_tag(t->tag)) {
      has_aux = 1;
      if (dyad__is_be(t) || is_get(t))
        aux_be = 1;
    }
    if (t->tag == DYAD__T_VBD || t->tag == DYAD__T_VBZ ||
        t->tag == DYAD__T_VBP)
      tensed = 1;
  }
  int htag = c->toks[last_verb].tag;
  if (!is_verb_tag(htag) || peer_verb(c, last_verb))
    tensed = 1; /* a peer's verb word the tagger read otherwise */
  if (htag == DYAD__T_VBN && aux_be)
    k->passive = 1;
  if (tensed)
    k->finite = 1;
  else if (!has_aux && (htag == DYAD__T_VBG || htag == DYAD__T_VBN))
    k->participle = 1;
  else if (htag == DYAD__T_VB)
    k->finite = 1; /* corrected below when "to" precedes */
  return j;
}

/* Splits one sentence into chunks. */
static int chunk_tokens(chunker *c) {
  uint32_t i = c->first;
  while (i < c->end) {
    const dyad__token *t = &c->toks[i];
    int ok = 1;
    int tg = t->tag;
    size_t tl = forced(c, i) ? 0 : temporal_len(c->toks, i, c->end);
    if (tl == 2) {
      /* "next month", "last week": one time chunk. */
      dyad__chunk *k = push(c, DYAD__C_OTHER, i, i + 1);
      if (!k)
        return -1;
      k->temporal = 1;
      i += 2;
      continue;
    }
    if (is_temporal(t) && !forced(c, i)) {
      /* "on Monday", "last Friday": one time chunk. */
      dyad__chunk *prev = c->n ? &c->out[c->n - 1] : NULL;
      if (prev && prev->last + 1 == i &&
          (prev->kind == DYAD__C_PREP ||
           (prev->kind == DYAD__C_OTHER && prev->first == prev->last))) {
        prev->kind = DYAD__C_OTHER;
        prev->last = i;
        prev->temporal = 1;
      } else {
        dyad__chunk *k = push(c, DYAD__C_OTHER, i, i);
        if (!k)
          return -1;
        k->temporal = 1;
      }
      i++;
      continue;
    }
    /* "that": relative before a verb group, else a complementizer. */
    if (lower_is(t, "that") && !forced(c, i) &&
        (tg == DYAD__T_IN || tg == DYAD__T_WDT || tg == DYAD__T_DT)) {
      int rel = vg_starts(c, i + 1) && i > c->first &&
                (c->toks[i - 1].tag != DYAD__T_VBD &&
                 c->toks[i - 1].tag != DYAD__T_VBZ &&
                 c->toks[i - 1].tag != DYAD__T_VBP &&
                 c->toks[i - 1].tag != DYAD__T_VB);
      if (tg == DYAD__T_DT && i + 1 < c->end &&
          (DYAD__IS_NOUN(c->toks[i + 1].tag) ||
           DYAD__IS_ADJ(c->toks[i + 1].tag))) {
        uint32_t nx = read_np(c, i, &ok);
        if (!ok)
          return -1;
        if (nx > i) {
          i = nx;
          continue;
        }
      }
      if (!push(c, rel ? DYAD__C_WH : DYAD__C_SUB, i, i))
        return -1;
      i++;
      continue;
    }
    if (forced(c, i) || is_nominal_tag(tg) || DYAD__IS_ADJ(tg) ||
        tg == DYAD__T_DT || tg == DYAD__T_PDT || tg == DYAD__T_PRPS ||
        tg == DYAD__T_PRP || adjectival_participle(c, i, i)) {
      uint32_t nx = read_np(c, i, &ok);
      if (!ok)
        return -1;
      if (nx > i) {
        i = nx;
        continue;
      }
    }
    if (vg_starts(c, i)) {
      uint32_t nx = read_vg(c, i, &ok);
      if (!ok)
        return -1;
      if (nx > i) {
        i = nx;
        continue;
      }
    }
    int kind = DYAD__C_OTHER;
    if (lower_is(t, "-") || lower_is(t, "--") || lower_is(t, ":") ||
        lower_is(t, ";"))
      kind = DYAD__C_COLON; /* whatever the tagger said ("BEIJING -") */
    else if (tg == DYAD__T_IN)
      kind = is_subordinator(t) ? DYAD__C_SUB : DYAD__C_PREP;
    else if (tg == DYAD__T_TO)
      kind = vg_starts(c, i + 1) ? DYAD__C_TO : DYAD__C_PREP;
    else if (tg == DYAD__T_CC)
      kind = DYAD__C_CC;
    else if (tg == DYAD__T_COMMA || lower_is(t, ","))
      kind = DYAD__C_COMMA;
    else if (tg == DYAD__T_WDT || tg == DYAD__T_WP || tg == DYAD__T_WPS)
      kind = DYAD__C_WH;
    else if (tg == DYAD__T_COLON || lower_is(t, ":") || lower_is(t, ";") ||
             lower_is(t, "-") || lower_is(t, "--"))
      kind = DYAD__C_COLON;
    else if (t->flags & DYAD__TF_QUOTE)
      kind = DYAD__C_QUOTE;
    if (!push(c, kind, i, i))
      return -1;
    i++;
  }
  return 0;
}

/* ===== Quantity phrases ===== */

/* Heads that only count or group what follows "of": "dozens of
 * protesters", "members of parliament", "a group of journalists". */
static int is_quantity(const dyad__token *t) {
  static const char *const w[] = {
      "dozens", "dozen", "hundreds", "hundred", "thousands", "thousand",
      "millions", "scores", "number", "numbers", "group", "groups", "members",
      "member", "some", "many", "most", "all", "several", "both", "each",
      "one", "two", "three", "four", "five", "ten", "tens", "majority",
      "handful", "contingent", "delegation", "team", "unit",
      "units", "batch", NULL};
  for (int i = 0; w[i]; i++)
    if (lower_is(t, w[i]))
      return 1;
  return 0;
}

/* Joins NP(quantity) + "of" + NP into one noun phrase headed by the second
 * noun, so "dozens of opposition supporters" names the supporters. */
static void merge_quantities(dyad__parse *p, const dyad__token *toks) {
  size_t w = 0;
  for (size_t r = 0; r < p->n; r++) {
    dyad__chunk *c = &p->chunks[r];
    if (c->kind == DYAD__C_NP && c->poss < 0 && is_quantity(&toks[c->head]) &&
        r + 2 < p->n && p->chunks[r + 1].kind == DYAD__C_PREP &&
        lower_is(&toks[p->chunks[r + 1].first], "of") &&
        p->chunks[r + 2].kind == DYAD__C_NP) {
      dyad__chunk m = p->chunks[r + 2];
      m.first = c->first;
      p->chunks[w++] = m;
      r += 2;
      continue;
    }
    p->chunks[w++] = *c;
  }
  p->n = w;
}

/* ===== Coordination and clauses ===== */

static int is_kind(const dyad__parse *p, long k, int kind) {
  return k >= 0 && (size_t)k < p->n && p->chunks[k].kind == kind;
}

/* Does verb group ch end in a verb whose object is a clause ("believes
 * A and B can cope", "said A and B had agreed")?  Then a coordination
 * after it is that clause's subject, whole. */
static int clause_verb(const dyad__token *toks, const dyad__chunk *ch) {
  static const char *const w[] = {"believe", "think", "say", "expect",
                                  "hope", "fear", "claim", "know", "feel",
                                  "insist", "suggest", "report", "announce",
                                  "argue", "deny", "note", "add", "confirm",
                                  "warn", "assert", "conclude", NULL};
  const dyad__token *t = &toks[ch->head];
  for (int i = 0; w[i]; i++)
    if (t->lemma && t->lemma_len == strlen(w[i]) &&
        !memcmp(t->lemma, w[i], t->lemma_len))
      return 1;
  return 0;
}

/* Joins noun phrases coordinated by and/or ("A and B", "A, B and C") into
 * groups, unless the second conjunct is the subject of a new clause
 * ("met A and B attacked C"). */
static void find_groups(dyad__parse *p, const dyad__token *toks) {
  for (size_t a = 0; a < p->n; a++) {
    if (p->chunks[a].kind != DYAD__C_NP || p->chunks[a].group >= 0)
      continue;
    size_t members[16];
    size_t nm = 0;
    members[nm++] = a;
    size_t k = a + 1;
    int closed = 0;
    while (k + 1 < p->n && nm < 16) {
      if (is_kind(p, (long)k, DYAD__C_COMMA) &&
          is_kind(p, (long)k + 1, DYAD__C_NP)) {
        members[nm++] = k + 1;
        k += 2;
        continue;
      }
      size_t cc = k;
      if (is_kind(p, (long)k, DYAD__C_COMMA) &&
          is_kind(p, (long)k + 1, DYAD__C_CC))
        cc = k + 1;
      if (is_kind(p, (long)cc, DYAD__C_CC) &&
          is_kind(p, (long)cc + 1, DYAD__C_NP)) {
        const dyad__token *w = &toks[p->chunks[cc].first];
        /* "neither A nor B": both. */
        int nor = lower_is(w, "nor") && a > 0 &&
                  is_kind(p, (long)a - 1, DYAD__C_CC) &&
                  lower_is(&toks[p->chunks[a - 1].first], "neither");
        if (!lower_is(w, "and") && !lower_is(w, "or") &&
            !lower_is(w, "&") && !nor)
          break;
        members[nm++] = cc + 1;
        closed = 1;
      }
      break;
    }
    if (!closed || nm < 2)
      continue;
    size_t last = members[nm - 1];
    /* "met A and B attacked C": B begins a clause.  After a preposition
     * that names where the subject is ("Lawmakers in A and B welcomed")
     * the phrases stay one coordination. */
    int before_verbal =
        a > 0 && (is_kind(p, (long)a - 1, DYAD__C_VG) ||
                  (is_kind(p, (long)a - 1, DYAD__C_PREP) &&
                   !(a > 1 && is_kind(p, (long)a - 2, DYAD__C_NP) &&
                     (lower_is(&toks[p->chunks[a - 1].first], "in") ||
                      lower_is(&toks[p->chunks[a - 1].first], "of") ||
                      lower_is(&toks[p->chunks[a - 1].first], "from")))));
    int after_vg = is_kind(p, (long)last + 1, DYAD__C_VG) &&
                   p->chunks[last + 1].finite;
    if (before_verbal && after_vg &&
        !(is_kind(p, (long)a - 1, DYAD__C_VG) &&
          clause_verb(toks, &p->chunks[a - 1])))
      continue;
    for (size_t m = 0; m < nm; m++) {
      p->chunks[members[m]].group = (int32_t)a;
      p->chunks[members[m]].group_last = (int32_t)last;
    }
  }
}

/* The first chunk of the coordination group that NP k belongs to. */
static long group_start(const dyad__parse *p, long k) {
  return p->chunks[k].group >= 0 ? p->chunks[k].group : k;
}

/* Are the chunks between commas a and b a parenthetical that may stand
 * between a subject and its verb?  A relative clause (", who ..."), an
 * appositive (", the militant group that controls Gaza,") or a
 * prepositional phrase without a verb (", on a surprise trip to Kyiv,"). */
static int parenthetical(const dyad__parse *p, long a, long b) {
  if (is_kind(p, a + 1, DYAD__C_WH))
    return 1;
  if (is_kind(p, a + 1, DYAD__C_NP)) {
    for (long i = a + 2; i < b; i++)
      if (p->chunks[i].kind == DYAD__C_WH)
        return 1; /* the relative clause may hold verbs */
      else if (p->chunks[i].kind == DYAD__C_VG)
        return 0;
    return 1;
  }
  if (is_kind(p, a + 1, DYAD__C_PREP) ||
      (is_kind(p, a + 1, DYAD__C_OTHER) && p->chunks[a + 1].temporal)) {
    for (long i = a + 2; i < b; i++)
      if (p->chunks[i].kind == DYAD__C_VG)
        return 0;
    return 1;
  }
  return 0;
}

/* Reads leftwards from chunk k for a subject noun phrase.  Returns its
 * chunk index, or -1. */
static long find_subject(const dyad__parse *p, long k) {
  int steps = 0;
  while (k >= 0 && steps++ < 64) {
    const dyad__chunk *c = &p->chunks[k];
    switch (c->kind) {
    case DYAD__C_NP: {
      long g = group_start(p, k);
      if (is_kind(p, g - 1, DYAD__C_PREP)) {
        k = g - 2; /* the object of a preposition: read on */
        continue;
      }
      /* An appositive ", NP ," after a name: the name is the subject. */
      if (is_kind(p, g - 1, DYAD__C_COMMA) && is_kind(p, g - 2, DYAD__C_NP) &&
          is_kind(p, k + 1, DYAD__C_COMMA) &&
          !is_kind(p, group_start(p, g - 2) - 1, DYAD__C_PREP))
        return group_start(p, g - 2);
      return g;
    }
    case DYAD__C_OTHER:
      if (p->chunks[k].first == p->chunks[k].last || p->chunks[k].temporal) {
        k--; /* a stray adverb */
        continue;
      }
      return -1;
    case DYAD__C_COMMA: {
      /* Skip a relative clause or appositive set off by commas:
       * "X, who is visiting Japan, said" / "X, NATO's chief, said". */
      long j = k - 1;
      while (j >= 0 && p->chunks[j].kind != DYAD__C_COMMA &&
             p->chunks[j].kind != DYAD__C_COLON &&
             p->chunks[j].kind != DYAD__C_QUOTE)
        j--;
      if (j >= 1 && p->chunks[j].kind == DYAD__C_COMMA &&
          is_kind(p, j - 1, DYAD__C_NP) && parenthetical(p, j, k)) {
        k = j - 1;
        continue;
      }
      return -1;
    }
    default:
      return -1;
    }
  }
  return -1;
}

/* Fills subject, inherit and relative for every verb group. */
static void find_clauses(dyad__parse *p, const dyad__token *toks,
                         int headline) {
  long prev_vg = -1;
  for (size_t i = 0; i < p->n; i++) {
    dyad__chunk *c = &p->chunks[i];
    if (c->kind != DYAD__C_VG)
      continue;
    long k = (long)i - 1;
    if (is_kind(p, k, DYAD__C_TO)) {
      c->infinitive = 1;
      c->finite = 0;
      c->inherit = (int32_t)prev_vg;
      if (prev_vg >= 0)
        c->subject = p->chunks[prev_vg].subject;
      prev_vg = (long)i;
      continue;
    }
    if (is_kind(p, k, DYAD__C_WH)) {
      /* Relative clause: the antecedent is the noun phrase before "who". */
      long a = k - 1;
      if (is_kind(p, a, DYAD__C_COMMA))
        a--;
      if (is_kind(p, a, DYAD__C_NP)) {
        c->subject = (int32_t)a;
        c->relative = 1;
      }
      prev_vg = (long)i;
      continue;
    }
    /* A coordinated predicate: "..., and noted", "and strongly urged". */
    long j = k;
    if (is_kind(p, j, DYAD__C_CC)) {
      j--;
      if (is_kind(p, j, DYAD__C_COMMA))
        j--;
      if (prev_vg >= 0 && j >= prev_vg) {
        /* A predicate coordinated with a finite one is finite too, even
         * when its verb was tagged as a participle ("and urged"). */
        if (c->participle && p->chunks[prev_vg].finite) {
          c->participle = 0;
          c->finite = 1;
        }
        long root = prev_vg;
        while (root >= 0 && p->chunks[root].infinitive &&
               p->chunks[root].inherit >= 0)
          root = p->chunks[root].inherit;
        c->inherit = (int32_t)root;
        c->subject = p->chunks[root].subject;
        prev_vg = (long)i;
        continue;
      }
    }
    /* A reduced passive relative: "hostages released by Hamas". */
    if (c->participle && toks[c->head].tag == DYAD__T_VBN &&
        is_kind(p, k, DYAD__C_NP) && is_kind(p, (long)i + 1, DYAD__C_PREP) &&
        lower_is(&toks[p->chunks[i + 1].first], "by") &&
        is_kind(p, (long)i + 2, DYAD__C_NP)) {
      c->participle = 0;
      c->passive = 1;
      c->relative = 1;
      c->subject = (int32_t)group_start(p, k);
      prev_vg = (long)i;
      continue;
    }
    /* A bare past participle between a subject and an object is a past
     * tense the tagger misread: "Russian forces attacked Ukraine".  One
     * followed by an adverb or a preposition stays a participle ("the
     * meeting held shortly after"). */
    /* ... and so is one right after a personal pronoun, which no
     * participle modifies: "it deplored", "he regretted". */
    if (c->participle && is_kind(p, k, DYAD__C_NP) &&
        !is_kind(p, group_start(p, k) - 1, DYAD__C_PREP) &&
        (is_kind(p, (long)i + 1, DYAD__C_NP) ||
         (p->chunks[k].first == p->chunks[k].last &&
          toks[p->chunks[k].first].tag == DYAD__T_PRP &&
          !lower_is(&toks[p->chunks[k].first], "them") &&
          !lower_is(&toks[p->chunks[k].first], "him") &&
          !lower_is(&toks[p->chunks[k].first], "us") &&
          !lower_is(&toks[p->chunks[k].first], "me")) ||
         (group_start(p, k) == 0 && prev_vg < 0 && !headline &&
          toks[c->head].tag == DYAD__T_VBN))) {
      /* ... and so is the first verb right after a sentence's opening
       * subject: "Thousands of protesters rallied in Tbilisi". */
      c->participle = 0;
      c->finite = 1;
    }
    if (!c->participle) {
      long s = find_subject(p, k);
      c->subject = (int32_t)s;
    }
    prev_vg = (long)i;
  }
}

int dyad__parse_sentence(dyad__arena *a, const dyad__token *toks,
                         uint32_t first, uint32_t count,
                         const uint8_t *force_noun, int headline,
                         dyad__parse *out) {
  chunker c = {a, toks, first, first + count, force_noun, NULL, 0, 0};
  if (chunk_tokens(&c) != 0)
    return -1;
  out->chunks = c.out;
  out->n = c.n;
  merge_quantities(out, toks);
  find_groups(out, toks);
  find_clauses(out, toks, headline);
  return 0;
}

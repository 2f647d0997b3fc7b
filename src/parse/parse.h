/* parse.h -- the parse stage: chunks (noun phrases, verb groups,
 * prepositions, conjunctions, clause markers) and clauses (subjects,
 * relative clauses, coordinated predicates, passive voice, negation).
 *
 * The parser is a shallow, rule-based reader over part-of-speech tags: no
 * tree, no Java, linear in the sentence.  It knows nothing of dictionaries;
 * the caller may mark tokens that a dictionary recognised as names
 * (force_noun), so "Secretary-General" stays inside its noun phrase whatever
 * its tag.
 */
#ifndef DYAD_PARSE_H
#define DYAD_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "../text/text.h"
#include "../util/arena.h"

typedef enum dyad__ckind {
  DYAD__C_NP,    /* noun phrase */
  DYAD__C_VG,    /* verb group */
  DYAD__C_PREP,  /* preposition */
  DYAD__C_TO,    /* infinitive marker "to" */
  DYAD__C_CC,    /* coordinating conjunction */
  DYAD__C_COMMA,
  DYAD__C_WH,    /* relative pronoun: who, which, that (relative) */
  DYAD__C_SUB,   /* subordinator: that (complement), because, if, ... */
  DYAD__C_COLON, /* ':' ';' or a dash */
  DYAD__C_QUOTE, /* a quotation mark */
  DYAD__C_OTHER  /* anything else (adverbs outside verb groups, '.', ...) */
} dyad__ckind;

typedef struct dyad__chunk {
  uint8_t kind;      /* dyad__ckind */
  uint8_t negated;   /* VG: not, n't, never */
  uint8_t passive;   /* VG: be/get + past participle */
  uint8_t finite;    /* VG: tensed or modal (a clause's main verb) */
  uint8_t infinitive; /* VG: follows "to" */
  uint8_t modal;     /* VG: will, would, could, may, might, should, must */
  uint8_t participle; /* VG: a bare -ing/-ed form without auxiliary */
  uint8_t temporal;  /* OTHER: a time expression ("on Monday", "today") */
  uint32_t first;    /* first token (index into the document's tokens) */
  uint32_t last;     /* last token, inclusive */
  uint32_t head;     /* NP: head noun; VG: main verb */
  int32_t poss;      /* NP: index of the possessive 's token, or -1 */
  int32_t group;     /* NP: index of the first NP of its coordination, or -1 */
  int32_t group_last; /* NP: index of the last NP of its coordination, or -1
                         (so a walk over a coordination stops there) */
  int32_t subject;   /* VG: chunk index of its subject NP, or -1 */
  int32_t inherit;   /* VG: chunk index of an earlier VG whose subject it
                        shares (coordinated predicate, "to" complement), -1 */
  int32_t relative;  /* VG: 1 when its subject is a relative antecedent */
} dyad__chunk;

typedef struct dyad__parse {
  dyad__chunk *chunks;
  size_t n;
} dyad__parse;

/* Values of force_noun below. */
#define DYAD__FORCE_NOUN 1 /* inside a noun phrase (a dictionary phrase) */
#define DYAD__FORCE_VERB 2 /* a verb whatever its tag (the peer reading) */

/* Chunks the tokens toks[first .. first+count) of one sentence.  force_noun,
 * when not NULL, has one byte per token of the sentence (index from 0):
 * DYAD__FORCE_NOUN keeps that token inside a noun phrase, DYAD__FORCE_VERB
 * makes it a verb.  headline: the
 * sentence is a headline (bare participles there are passives: "Soldiers
 * killed in clashes").  Then finds subjects and coordination.  Memory from
 * a.  Returns 0 or -1. */
int dyad__parse_sentence(dyad__arena *a, const dyad__token *toks,
                         uint32_t first, uint32_t count,
                         const uint8_t *force_noun, int headline,
                         dyad__parse *out);

/* True when the token is a form of "be" (is, was, 's after a noun, ...). */
int dyad__is_be(const dyad__token *t);

#endif

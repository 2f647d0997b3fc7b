/* test_parse.c -- unit tests of the chunker and clause finder (src/parse).
 *
 * Tokens come from the real text stage and the embedded tagger model, so
 * these tests read sentences as the coder does (without dictionary hints:
 * force_noun is NULL).  Checked: noun phrases with a possessive, passive and
 * negated verb groups, a relative clause's antecedent, coordinated subjects,
 * coordinated predicates, infinitive complements, and a time expression
 * between a reporting verb and the next clause's subject.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/parse/parse.h"
#include "../../src/tag/tagger.h"
#include "../../src/tag/tagset.h"
#include "../../src/text/text.h"

static dyad__tagger *tagger;

/* One sentence through text, tagger and parser. */
typedef struct parsed {
  dyad__arena a;
  const char *src;
  dyad__text t;
  dyad__token *toks;
  size_t n;
  dyad__sentence *sents;
  size_t ns;
  dyad__parse p;
} parsed;

static void parse_one(parsed *ps, const char *s) {
  memset(ps, 0, sizeof *ps);
  ps->src = s;
  dyad__arena_init(&ps->a, 0);
  assert_int_equal(dyad__text_normalize(&ps->a, s, strlen(s), &ps->t), 0);
  assert_int_equal(dyad__tokenize(&ps->a, &ps->t, &ps->toks, &ps->n), 0);
  assert_int_equal(dyad__split_sentences(&ps->a, &ps->t, ps->toks, ps->n,
                                         &ps->sents, &ps->ns),
                   0);
  assert_int_equal(ps->ns, 1);
  dyad__tagger_tag(tagger, ps->toks + ps->sents[0].first, ps->sents[0].count);
  assert_int_equal(dyad__parse_sentence(&ps->a, ps->toks, ps->sents[0].first,
                                        ps->sents[0].count, NULL,
                                        ps->sents[0].headline, &ps->p),
                   0);
  assert_true(ps->p.n > 0);
}

static void parse_done(parsed *ps) { dyad__arena_free(&ps->a); }

/* The index of the token written w (the first one), or fails. */
static uint32_t tok_of(const parsed *ps, const char *w) {
  for (size_t i = 0; i < ps->n; i++) {
    const dyad__token *t = &ps->toks[i];
    if (t->end - t->start == strlen(w) &&
        memcmp(ps->src + t->start, w, strlen(w)) == 0)
      return (uint32_t)i;
  }
  fail_msg("no token \"%s\" in \"%s\"", w, ps->src);
  return 0;
}

/* The index of the chunk holding the token written w. */
static long chunk_of(const parsed *ps, const char *w) {
  uint32_t ti = tok_of(ps, w);
  for (size_t k = 0; k < ps->p.n; k++)
    if (ps->p.chunks[k].first <= ti && ti <= ps->p.chunks[k].last)
      return (long)k;
  fail_msg("token \"%s\" is in no chunk", w);
  return -1;
}

/* The text of chunk k as written. */
static void chunk_text(const parsed *ps, long k, char *buf, size_t cap) {
  const dyad__chunk *c = &ps->p.chunks[k];
  size_t s = ps->toks[c->first].start, e = ps->toks[c->last].end;
  assert_true(e - s < cap);
  memcpy(buf, ps->src + s, e - s);
  buf[e - s] = '\0';
}

static void assert_chunk_text(const parsed *ps, long k, const char *exp) {
  char buf[256];
  chunk_text(ps, k, buf, sizeof buf);
  assert_string_equal(buf, exp);
}

static const dyad__chunk *ck(const parsed *ps, long k) {
  assert_true(k >= 0 && (size_t)k < ps->p.n);
  return &ps->p.chunks[k];
}

/* Every token of the sentence is in exactly one chunk, chunks in order. */
static void assert_partition(const parsed *ps) {
  uint32_t next = ps->sents[0].first;
  for (size_t k = 0; k < ps->p.n; k++) {
    assert_int_equal(ps->p.chunks[k].first, next);
    assert_true(ps->p.chunks[k].last >= ps->p.chunks[k].first);
    next = ps->p.chunks[k].last + 1;
  }
  assert_int_equal(next, ps->sents[0].first + ps->sents[0].count);
}

/* ===== Tests ===== */

static void test_possessive_np(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "Russia's foreign minister met his Chinese counterpart in "
                 "Beijing.");
  assert_partition(&ps);
  long np = chunk_of(&ps, "Russia");
  assert_int_equal(ck(&ps, np)->kind, DYAD__C_NP);
  /* One NP from "Russia" to "minister", its possessive at "'s". */
  assert_int_equal(chunk_of(&ps, "minister"), np);
  assert_chunk_text(&ps, np, "Russia's foreign minister");
  assert_int_equal(ck(&ps, np)->poss, (int32_t)tok_of(&ps, "'s"));
  assert_int_equal(ck(&ps, np)->head, tok_of(&ps, "minister"));
  long vg = chunk_of(&ps, "met");
  assert_int_equal(ck(&ps, vg)->kind, DYAD__C_VG);
  assert_int_equal(ck(&ps, vg)->subject, np);
  assert_int_equal(ck(&ps, vg)->finite, 1);
  assert_int_equal(ck(&ps, vg)->passive, 0);
  assert_int_equal(ck(&ps, vg)->negated, 0);
  /* The object NP, the preposition and its NP. */
  long obj = chunk_of(&ps, "counterpart");
  assert_int_equal(ck(&ps, obj)->kind, DYAD__C_NP);
  assert_chunk_text(&ps, obj, "his Chinese counterpart");
  assert_int_equal(ck(&ps, obj)->poss, -1);
  assert_int_equal(ck(&ps, chunk_of(&ps, "in"))->kind, DYAD__C_PREP);
  assert_int_equal(ck(&ps, chunk_of(&ps, "Beijing"))->kind, DYAD__C_NP);
  parse_done(&ps);
}

static void test_passive(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "Ukraine was attacked by Russia.");
  assert_partition(&ps);
  long vg = chunk_of(&ps, "attacked");
  assert_int_equal(ck(&ps, vg)->kind, DYAD__C_VG);
  assert_int_equal(chunk_of(&ps, "was"), vg);
  assert_chunk_text(&ps, vg, "was attacked");
  assert_int_equal(ck(&ps, vg)->passive, 1);
  assert_int_equal(ck(&ps, vg)->finite, 1);
  assert_int_equal(ck(&ps, vg)->head, tok_of(&ps, "attacked"));
  assert_int_equal(ck(&ps, vg)->subject, chunk_of(&ps, "Ukraine"));
  assert_int_equal(ck(&ps, chunk_of(&ps, "by"))->kind, DYAD__C_PREP);
  assert_int_equal(ck(&ps, chunk_of(&ps, "Russia"))->kind, DYAD__C_NP);
  parse_done(&ps);

  /* The active voice is not passive, nor is "has attacked". */
  parse_one(&ps, "Russia has attacked Ukraine.");
  vg = chunk_of(&ps, "attacked");
  assert_chunk_text(&ps, vg, "has attacked");
  assert_int_equal(ck(&ps, vg)->passive, 0);
  assert_int_equal(ck(&ps, vg)->subject, chunk_of(&ps, "Russia"));
  parse_done(&ps);
}

static void test_negation(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "Japan did not condemn the decision.");
  assert_partition(&ps);
  long vg = chunk_of(&ps, "condemn");
  assert_int_equal(ck(&ps, vg)->kind, DYAD__C_VG);
  assert_chunk_text(&ps, vg, "did not condemn");
  assert_int_equal(ck(&ps, vg)->negated, 1);
  assert_int_equal(ck(&ps, vg)->head, tok_of(&ps, "condemn"));
  assert_int_equal(ck(&ps, vg)->subject, chunk_of(&ps, "Japan"));
  parse_done(&ps);

  parse_one(&ps, "China has never recognised the vote.");
  vg = chunk_of(&ps, "recognised");
  assert_int_equal(ck(&ps, vg)->negated, 1);
  assert_int_equal(chunk_of(&ps, "never"), vg);
  parse_done(&ps);

  parse_one(&ps, "Japan condemned the decision.");
  vg = chunk_of(&ps, "condemned");
  assert_int_equal(ck(&ps, vg)->negated, 0);
  parse_done(&ps);
}

static void test_relative_clause(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "Kishida met Stoltenberg, who is visiting Japan.");
  assert_partition(&ps);
  long met = chunk_of(&ps, "met");
  long kishida = chunk_of(&ps, "Kishida");
  long stolt = chunk_of(&ps, "Stoltenberg");
  assert_int_equal(ck(&ps, kishida)->kind, DYAD__C_NP);
  assert_int_equal(ck(&ps, stolt)->kind, DYAD__C_NP);
  assert_int_equal(ck(&ps, met)->subject, kishida);
  assert_int_equal(ck(&ps, met)->relative, 0);
  assert_int_equal(ck(&ps, chunk_of(&ps, "who"))->kind, DYAD__C_WH);
  long vis = chunk_of(&ps, "visiting");
  assert_int_equal(ck(&ps, vis)->kind, DYAD__C_VG);
  assert_chunk_text(&ps, vis, "is visiting");
  assert_int_equal(ck(&ps, vis)->relative, 1);
  assert_int_equal(ck(&ps, vis)->subject, stolt);
  assert_int_equal(ck(&ps, vis)->passive, 0);
  parse_done(&ps);

  /* A relative clause between a subject and its verb is skipped. */
  parse_one(&ps, "Stoltenberg, who is visiting Japan, met Kishida.");
  met = chunk_of(&ps, "met");
  assert_int_equal(ck(&ps, met)->subject, chunk_of(&ps, "Stoltenberg"));
  assert_int_equal(ck(&ps, met)->relative, 0);
  parse_done(&ps);
}

static void test_coordinated_subject(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "Japan and China signed a trade agreement.");
  assert_partition(&ps);
  long japan = chunk_of(&ps, "Japan"), china = chunk_of(&ps, "China");
  assert_int_equal(ck(&ps, japan)->kind, DYAD__C_NP);
  assert_int_equal(ck(&ps, china)->kind, DYAD__C_NP);
  assert_true(japan != china);
  assert_int_equal(ck(&ps, chunk_of(&ps, "and"))->kind, DYAD__C_CC);
  assert_int_equal(ck(&ps, japan)->group, japan);
  assert_int_equal(ck(&ps, china)->group, japan);
  long vg = chunk_of(&ps, "signed");
  assert_int_equal(ck(&ps, vg)->subject, japan);
  /* Each member knows the group's last phrase (walks over a coordination
   * stop there: issue 6, a 100,000-token sentence coded in quadratic time). */
  assert_int_equal(ck(&ps, japan)->group_last, china);
  assert_int_equal(ck(&ps, china)->group_last, china);
  /* The object is not in the group. */
  assert_int_equal(ck(&ps, chunk_of(&ps, "agreement"))->group, -1);
  assert_int_equal(ck(&ps, chunk_of(&ps, "agreement"))->group_last, -1);
  parse_done(&ps);

  /* Three conjuncts with commas. */
  parse_one(&ps, "Japan, China and India signed a trade agreement.");
  japan = chunk_of(&ps, "Japan");
  long india = chunk_of(&ps, "India");
  assert_int_equal(ck(&ps, chunk_of(&ps, "China"))->group, japan);
  assert_int_equal(ck(&ps, india)->group, japan);
  assert_int_equal(ck(&ps, japan)->group_last, india);
  assert_int_equal(ck(&ps, chunk_of(&ps, "China"))->group_last, india);
  assert_int_equal(ck(&ps, india)->group_last, india);
  assert_int_equal(ck(&ps, chunk_of(&ps, "signed"))->subject, japan);
  parse_done(&ps);
}

static void test_coordinated_predicate(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "France condemned the attack and urged Russia to withdraw.");
  assert_partition(&ps);
  long france = chunk_of(&ps, "France");
  long v1 = chunk_of(&ps, "condemned"), v2 = chunk_of(&ps, "urged");
  assert_int_equal(ck(&ps, v1)->kind, DYAD__C_VG);
  assert_int_equal(ck(&ps, v2)->kind, DYAD__C_VG);
  assert_int_equal(ck(&ps, v1)->subject, france);
  assert_int_equal(ck(&ps, v2)->subject, france);
  assert_int_equal(ck(&ps, v2)->inherit, v1);
  assert_int_equal(ck(&ps, v2)->finite, 1);
  /* "the attack" and "Russia" are not coordinated (a new predicate). */
  assert_int_equal(ck(&ps, chunk_of(&ps, "Russia"))->group, -1);
  /* "to withdraw": an infinitive sharing the subject of "urged". */
  long v3 = chunk_of(&ps, "withdraw");
  assert_int_equal(ck(&ps, chunk_of(&ps, "to"))->kind, DYAD__C_TO);
  assert_int_equal(ck(&ps, v3)->infinitive, 1);
  assert_int_equal(ck(&ps, v3)->inherit, v2);
  parse_done(&ps);
}

static void test_infinitive(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "Japan agreed to strengthen ties with Australia.");
  assert_partition(&ps);
  long japan = chunk_of(&ps, "Japan");
  long v1 = chunk_of(&ps, "agreed"), v2 = chunk_of(&ps, "strengthen");
  assert_true(v1 != v2);
  assert_int_equal(ck(&ps, v1)->kind, DYAD__C_VG);
  assert_int_equal(ck(&ps, v2)->kind, DYAD__C_VG);
  assert_int_equal(ck(&ps, v1)->infinitive, 0);
  assert_int_equal(ck(&ps, v1)->finite, 1);
  assert_int_equal(ck(&ps, v1)->subject, japan);
  assert_int_equal(ck(&ps, chunk_of(&ps, "to"))->kind, DYAD__C_TO);
  assert_int_equal(ck(&ps, v2)->infinitive, 1);
  assert_int_equal(ck(&ps, v2)->finite, 0);
  assert_int_equal(ck(&ps, v2)->inherit, v1);
  assert_int_equal(ck(&ps, v2)->subject, japan);
  parse_done(&ps);
}

static void test_temporal(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps,
            "Stoltenberg said on Wednesday NATO would need more troops.");
  assert_partition(&ps);
  long on = chunk_of(&ps, "on");
  assert_int_equal(chunk_of(&ps, "Wednesday"), on);
  assert_int_equal(ck(&ps, on)->kind, DYAD__C_OTHER);
  assert_int_equal(ck(&ps, on)->temporal, 1);
  assert_chunk_text(&ps, on, "on Wednesday");
  long said = chunk_of(&ps, "said");
  assert_int_equal(ck(&ps, said)->subject, chunk_of(&ps, "Stoltenberg"));
  long nato = chunk_of(&ps, "NATO");
  assert_int_equal(ck(&ps, nato)->kind, DYAD__C_NP);
  assert_chunk_text(&ps, nato, "NATO");
  long need = chunk_of(&ps, "need");
  assert_int_equal(chunk_of(&ps, "would"), need);
  assert_chunk_text(&ps, need, "would need");
  assert_int_equal(ck(&ps, need)->modal, 1);
  assert_int_equal(ck(&ps, need)->finite, 1);
  assert_int_equal(ck(&ps, need)->subject, nato);
  parse_done(&ps);

  /* A bare day name is a time chunk too. */
  parse_one(&ps, "Japan protested Tuesday.");
  long tue = chunk_of(&ps, "Tuesday");
  assert_int_equal(ck(&ps, tue)->kind, DYAD__C_OTHER);
  assert_int_equal(ck(&ps, tue)->temporal, 1);
  parse_done(&ps);
}

static void test_is_be(void **state) {
  (void)state;
  parsed ps;
  parse_one(&ps, "Japan is ready and talks were held.");
  assert_true(dyad__is_be(&ps.toks[tok_of(&ps, "is")]));
  assert_true(dyad__is_be(&ps.toks[tok_of(&ps, "were")]));
  assert_false(dyad__is_be(&ps.toks[tok_of(&ps, "held")]));
  assert_false(dyad__is_be(&ps.toks[tok_of(&ps, "Japan")]));
  parse_done(&ps);
}

static int setup(void **state) {
  (void)state;
  return dyad__tagger_new(&tagger, dyad__tagger_model,
                          dyad__tagger_model_len);
}

static int teardown(void **state) {
  (void)state;
  dyad__tagger_free(tagger);
  tagger = NULL;
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_possessive_np),
      cmocka_unit_test(test_passive),
      cmocka_unit_test(test_negation),
      cmocka_unit_test(test_relative_clause),
      cmocka_unit_test(test_coordinated_subject),
      cmocka_unit_test(test_coordinated_predicate),
      cmocka_unit_test(test_infinitive),
      cmocka_unit_test(test_temporal),
      cmocka_unit_test(test_is_be),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

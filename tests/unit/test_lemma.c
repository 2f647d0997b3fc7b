/* test_lemma.c -- unit tests of the lemmatizer: WordNet exceptions, suffix
 * rules for verbs and nouns, the any-POS reading and buffer limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/tag/lemma.h"
#include "../../src/tag/tagset.h"

/* Checks dyad__lemma(word, tag) == want. */
static void check(const char *word, int tag, const char *want) {
  char buf[64];
  size_t n = dyad__lemma(word, strlen(word), tag, buf, sizeof buf);
  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
}

/* Checks dyad__lemma_any(word) == want. */
static void check_any(const char *word, const char *want) {
  char buf[64];
  size_t n = dyad__lemma_any(word, strlen(word), buf, sizeof buf);
  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
}

static void test_verbs(void **state) {
  (void)state;
  check("condemned", DYAD__T_VBD, "condemn");
  check("held", DYAD__T_VBD, "hold");
  check("met", DYAD__T_VBD, "meet");
  check("agreed", DYAD__T_VBD, "agree");
  check("urged", DYAD__T_VBD, "urge");
  check("used", DYAD__T_VBN, "use");
  check("visited", DYAD__T_VBD, "visit");
  check("threatening", DYAD__T_VBG, "threaten");
  check("visiting", DYAD__T_VBG, "visit");
  check("stopped", DYAD__T_VBD, "stop");
  check("called", DYAD__T_VBD, "call");
  check("planned", DYAD__T_VBD, "plan");
  check("hoped", DYAD__T_VBD, "hope");
  check("making", DYAD__T_VBG, "make");
  check("cooperated", DYAD__T_VBD, "cooperate");
  check("denounces", DYAD__T_VBZ, "denounce");
  check("talks", DYAD__T_VBZ, "talk");
  check("studies", DYAD__T_VBZ, "study");
  check("studied", DYAD__T_VBD, "study");
  check("watches", DYAD__T_VBZ, "watch");
  check("is", DYAD__T_VBZ, "be");
  check("went", DYAD__T_VBD, "go");
  check("'s", DYAD__T_VBZ, "be");
  check("ca", DYAD__T_MD, "can");
  check("say", DYAD__T_VBP, "say");
  /* Unknown verbs fall back to plain rules. */
  check("blorped", DYAD__T_VBD, "blorp");
  check("zorbled", DYAD__T_VBD, "zorble");
}

static void test_nouns(void **state) {
  (void)state;
  check("talks", DYAD__T_NNS, "talk");
  check("forces", DYAD__T_NNS, "force");
  check("ministers", DYAD__T_NNS, "minister");
  check("studies", DYAD__T_NNS, "study");
  check("movies", DYAD__T_NNS, "movie");
  check("taxes", DYAD__T_NNS, "tax");
  check("houses", DYAD__T_NNS, "house");
  check("churches", DYAD__T_NNS, "church");
  check("crises", DYAD__T_NNS, "crisis");
  check("children", DYAD__T_NNS, "child");
  check("women", DYAD__T_NNS, "woman");
  check("gunmen", DYAD__T_NNS, "gunman");
  check("news", DYAD__T_NNS, "news");
  check("series", DYAD__T_NNS, "series");
  check("glass", DYAD__T_NNS, "glass");
  /* Singular nouns and other tags keep the word. */
  check("talks", DYAD__T_NN, "talks");
  check("kishida", DYAD__T_NNP, "kishida");
  check("quickly", DYAD__T_RB, "quickly");
  check("better", DYAD__T_JJR, "good");
  check("n't", DYAD__T_RB, "not");
}

static void test_any(void **state) {
  (void)state;
  check_any("talks", "talk");
  check_any("held", "hold");
  check_any("condemned", "condemn");
  check_any("forces", "force");
  check_any("ministers", "minister");
  check_any("children", "child");
  check_any("news", "news");
  check_any("police", "police");
}

static void test_limits(void **state) {
  (void)state;
  char buf[5];
  /* The lemma does not fit: the word, truncated. */
  size_t n = dyad__lemma("condemned", 9, DYAD__T_VBD, buf, sizeof buf);
  assert_int_equal(n, 4);
  assert_string_equal(buf, "cond");
  n = dyad__lemma("held", 4, DYAD__T_VBD, buf, 0);
  assert_int_equal(n, 0);
  n = dyad__lemma("", 0, DYAD__T_VBD, buf, sizeof buf);
  assert_int_equal(n, 0);
  assert_string_equal(buf, "");
  n = dyad__lemma_any("", 0, buf, sizeof buf);
  assert_int_equal(n, 0);
  /* A length that stops inside the string is respected. */
  char big[64];
  n = dyad__lemma("talksxyz", 5, DYAD__T_NNS, big, sizeof big);
  assert_string_equal(big, "talk");
  /* Very long words come back unchanged. */
  char longw[200];
  memset(longw, 'a', sizeof longw);
  memcpy(longw + sizeof longw - 2, "ed", 2);
  char out[256];
  n = dyad__lemma(longw, sizeof longw, DYAD__T_VBD, out, sizeof out);
  assert_int_equal(n, sizeof longw);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_verbs),
      cmocka_unit_test(test_nouns),
      cmocka_unit_test(test_any),
      cmocka_unit_test(test_limits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

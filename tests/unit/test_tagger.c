/* test_tagger.c -- unit tests of the part-of-speech tagger and tag names:
 * tagging of news sentences with the embedded model, quote direction from
 * spacing, rejection of damaged models, allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/tag/tagger.h"
#include "../../src/tag/tagset.h"
#include "../../src/util/mem.h"

#define MAXT 64

/* A sentence split at spaces; a token written "~x" has no space before it. */
typedef struct sent {
  dyad__token toks[MAXT];
  char text[1024];
  char lower[1024];
  size_t n;
} sent;

static void make_sent(sent *s, const char *words) {
  memset(s, 0, sizeof *s);
  size_t len = strlen(words);
  assert_true(len < sizeof s->text);
  memcpy(s->text, words, len + 1);
  for (size_t i = 0; i <= len; i++) {
    char c = words[i];
    s->lower[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  size_t i = 0;
  while (i < len) {
    while (i < len && s->text[i] == ' ')
      i++;
    if (i >= len)
      break;
    int glued = s->text[i] == '~';
    if (glued)
      i++;
    size_t start = i;
    while (i < len && s->text[i] != ' ')
      i++;
    assert_true(s->n < MAXT);
    dyad__token *t = &s->toks[s->n++];
    t->s = s->text + start;
    t->lower = s->lower + start;
    t->len = (uint32_t)(i - start);
    if (s->n > 1 && !glued)
      t->flags |= DYAD__TF_SPACE_BEFORE;
    s->lower[i] = 0; /* terminate the lower-case copy */
  }
}

/* Tags words and checks the tags, given as a space-separated list. */
static void check_tags(const dyad__tagger *t, const char *words,
                       const char *tags) {
  static sent s;
  make_sent(&s, words);
  dyad__tagger_tag(t, s.toks, s.n);
  char got[1024];
  size_t gl = 0;
  for (size_t i = 0; i < s.n; i++) {
    const char *name = dyad__tag_name(s.toks[i].tag);
    size_t nl = strlen(name);
    assert_true(gl + nl + 2 < sizeof got);
    if (i)
      got[gl++] = ' ';
    memcpy(got + gl, name, nl);
    gl += nl;
  }
  got[gl] = 0;
  assert_string_equal(got, tags);
}

static int setup(void **state) {
  dyad__tagger *t = NULL;
  if (dyad__tagger_new(&t, dyad__tagger_model, dyad__tagger_model_len) != 0)
    return -1;
  *state = t;
  return 0;
}

static int teardown(void **state) {
  dyad__tagger_free(*state);
  return 0;
}

static void test_kishida(void **state) {
  check_tags(*state, "Prime Minister Kishida held talks with NATO",
             "NNP NNP NNP VBD NNS IN NNP");
}

static void test_news(void **state) {
  const dyad__tagger *t = *state;
  check_tags(t, "Russian forces attacked the city of Kharkiv ~, killing 12 "
                "civilians ~.",
             "JJ NNS VBD DT NN IN NNP , VBG CD NNS .");
  check_tags(t, "The U.S. condemned North Korea ~'s missile test and urged "
                "Pyongyang to return to talks ~.",
             "DT NNP VBD NNP NNP POS NN NN CC VBD NNP TO VB TO NNS .");
  check_tags(t, "China and Japan agreed to cooperate on trade ~.",
             "NNP CC NNP VBD TO VB IN NN .");
  check_tags(t, "Police in Nairobi arrested 20 protesters who were "
                "demonstrating against the government ~'s tax plan ~.",
             "NNS IN NNP VBD CD NNS WP VBD VBG IN DT NN POS NN NN .");
  check_tags(t, "They do ~n't want to negotiate ~, he said ~.",
             "PRP VBP RB VB TO VB , PRP VBD .");
}

static void test_quotes(void **state) {
  check_tags(*state, "\" ~We will not accept this ~, ~\" he said ~.",
             "`` PRP MD RB VB DT , '' PRP VBD .");
}

static void test_edge_inputs(void **state) {
  dyad__token tok;
  memset(&tok, 0, sizeof tok);
  tok.s = "Hello";
  tok.lower = "hello";
  tok.len = 5;
  dyad__tagger_tag(*state, &tok, 0); /* nothing to do */
  dyad__tagger_tag(NULL, &tok, 1);   /* ignored */
  dyad__tagger_tag(*state, &tok, 1);
  assert_true(tok.tag < DYAD__T_COUNT);
  /* A token without a lower-case copy and an empty token do not crash. */
  dyad__token odd[2];
  memset(odd, 0, sizeof odd);
  odd[0].s = "X";
  odd[0].len = 1;
  odd[1].s = "";
  odd[1].lower = "";
  dyad__tagger_tag(*state, odd, 2);
  assert_true(odd[0].tag < DYAD__T_COUNT && odd[1].tag < DYAD__T_COUNT);
}

static void test_garbage_model(void **state) {
  (void)state;
  dyad__tagger *t = (dyad__tagger *)&t;
  static unsigned char junk[4096];
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (unsigned char)(i * 131 + 7);
  assert_int_equal(dyad__tagger_new(&t, junk, sizeof junk), -2);
  assert_null(t);
  assert_int_equal(dyad__tagger_new(&t, NULL, 10), -2);
  assert_int_equal(dyad__tagger_new(&t, dyad__tagger_model, 0), -2);
  assert_int_equal(dyad__tagger_new(NULL, dyad__tagger_model,
                                    dyad__tagger_model_len), -2);
  /* Truncated. */
  assert_int_equal(dyad__tagger_new(&t, dyad__tagger_model,
                                    dyad__tagger_model_len - 1), -2);
  assert_int_equal(dyad__tagger_new(&t, dyad__tagger_model, 40), -2);
  /* Right magic, nonsense counts. */
  unsigned char hdr[64];
  memset(hdr, 0xff, sizeof hdr);
  memcpy(hdr, dyad__tagger_model, 12);
  assert_int_equal(dyad__tagger_new(&t, hdr, sizeof hdr), -2);
  /* One flipped byte anywhere fails the checksum. */
  size_t len = dyad__tagger_model_len;
  unsigned char *copy = dyad__malloc(len);
  assert_non_null(copy);
  memcpy(copy, dyad__tagger_model, len);
  size_t spots[] = {8, 14, 40, len / 2, len - 20, len - 1};
  for (size_t k = 0; k < sizeof spots / sizeof spots[0]; k++) {
    copy[spots[k]] ^= 0x10;
    assert_int_equal(dyad__tagger_new(&t, copy, len), -2);
    assert_null(t);
    copy[spots[k]] ^= 0x10;
  }
  assert_int_equal(dyad__tagger_new(&t, copy, len), 0);
  dyad__tagger_free(t);
  dyad__free(copy);
}

/* The engine's loader (no checksum) reads the embedded model as the
 * checking one does: the same tags. */
static void test_embedded_loader(void **state) {
  dyad__tagger *t = NULL;
  assert_int_equal(dyad__tagger_new_embedded(&t), 0);
  assert_non_null(t);
  check_tags(t, "Prime Minister Kishida held talks with NATO",
             "NNP NNP NNP VBD NNS IN NNP");
  check_tags(*state, "Prime Minister Kishida held talks with NATO",
             "NNP NNP NNP VBD NNS IN NNP");
  dyad__tagger_free(t);
}

static void test_alloc_failure(void **state) {
  (void)state;
  for (long n = 0; n < 3; n++) {
    dyad__tagger *t = NULL;
    dyad__mem_fail_after(n);
    int r = dyad__tagger_new(&t, dyad__tagger_model, dyad__tagger_model_len);
    dyad__mem_fail_after(-1);
    assert_int_equal(r, -1);
    assert_null(t);
  }
  dyad__tagger_free(NULL);
}

static void test_tag_names(void **state) {
  (void)state;
  assert_string_equal(dyad__tag_name(DYAD__T_PRPS), "PRP$");
  assert_string_equal(dyad__tag_name(DYAD__T_NNP), "NNP");
  assert_string_equal(dyad__tag_name(DYAD__T_LQUOTE), "``");
  assert_string_equal(dyad__tag_name(-1), "?");
  assert_string_equal(dyad__tag_name(DYAD__T_COUNT), "?");
  assert_int_equal(dyad__tag_from_name("VBD"), DYAD__T_VBD);
  assert_int_equal(dyad__tag_from_name("WP$"), DYAD__T_WPS);
  assert_int_equal(dyad__tag_from_name("nn"), -1);
  assert_int_equal(dyad__tag_from_name(NULL), -1);
  for (int i = 0; i < DYAD__T_COUNT; i++)
    assert_int_equal(dyad__tag_from_name(dyad__tag_name(i)), i);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kishida),
      cmocka_unit_test(test_news),
      cmocka_unit_test(test_quotes),
      cmocka_unit_test(test_edge_inputs),
      cmocka_unit_test(test_garbage_model),
      cmocka_unit_test(test_embedded_loader),
      cmocka_unit_test(test_alloc_failure),
      cmocka_unit_test(test_tag_names),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

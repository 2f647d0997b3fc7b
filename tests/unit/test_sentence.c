/* test_sentence.c -- unit tests of the sentence splitter (src/text).
 *
 * Each newswire case of the splitter: full stops, ! and ?, ellipses,
 * titles, initials, months, U.S./U.N., a.m./p.m., company suffixes, e.g.,
 * lower-case fragments, paragraphs, headlines, closing quotes and brackets,
 * quotations with inner full stops, offsets and flags, and the whole seed
 * article (read from ../shared/seed when it is there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/text/text.h"

#include "text_doc.h"

/* Asserts that the sentences of s, as written in the original, are exp (a
 * NULL-terminated list). */
static void expect_sents(const char *s, const char *const *exp) {
  doc d;
  run(&d, s, strlen(s));
  size_t i = 0;
  for (; exp[i]; i++) {
    if (i >= d.ns)
      fail_msg("too few sentences in \"%s\": %zu, wanted \"%s\"", s, d.ns,
               exp[i]);
    const dyad__sentence *x = &d.sents[i];
    size_t len = x->end - x->start;
    if (len != strlen(exp[i]) || memcmp(s + x->start, exp[i], len) != 0)
      fail_msg("sentence %zu of \"%s\":\n  \"%.*s\"\nwanted\n  \"%s\"", i, s,
               (int)len, s + x->start, exp[i]);
  }
  if (d.ns != i)
    fail_msg("\"%s\": %zu sentences, wanted %zu (extra \"%.*s\")", s, d.ns, i,
             (int)(d.sents[i].end - d.sents[i].start), s + d.sents[i].start);
  done(&d);
}

#define SENTS(text, ...)                                                       \
  do {                                                                         \
    const char *const e_[] = {__VA_ARGS__, NULL};                              \
    expect_sents(text, e_);                                                    \
  } while (0)

static void test_full_stops(void **state) {
  (void)state;
  SENTS("Kishida met Stoltenberg. They agreed.", "Kishida met Stoltenberg.",
        "They agreed.");
  SENTS("It rose 5. 10 people died.", "It rose 5.", "10 people died.");
  SENTS("One. Two.  Three.", "One.", "Two.", "Three.");
  SENTS("No full stop at the end", "No full stop at the end");
}

static void test_bang_question(void **state) {
  (void)state;
  SENTS("Stop! Who goes there? Nobody.", "Stop!", "Who goes there?",
        "Nobody.");
  SENTS("\"Why?\" he asked.", "\"Why?\" he asked.");
  SENTS("Why? because.", "Why? because.");
}

static void test_ellipsis(void **state) {
  (void)state;
  SENTS("He paused... Then he left.", "He paused...", "Then he left.");
  SENTS("He paused... and then left.", "He paused... and then left.");
  SENTS("He paused\xe2\x80\xa6 Then he left.", "He paused\xe2\x80\xa6",
        "Then he left.");
}

static void test_titles(void **state) {
  (void)state;
  SENTS("Mr. Smith met Mrs. Jones and Dr. Lee. Ms. Ray left.",
        "Mr. Smith met Mrs. Jones and Dr. Lee.", "Ms. Ray left.");
  SENTS("Lt. Col. John Smith and Gen. Ray spoke. Sgt. Ko and Capt. Li did "
        "not.",
        "Lt. Col. John Smith and Gen. Ray spoke.",
        "Sgt. Ko and Capt. Li did not.");
  SENTS("Gov. Brown, Sen. Kerry, Rep. Pelosi and Prof. Ng met at St. Paul's.",
        "Gov. Brown, Sen. Kerry, Rep. Pelosi and Prof. Ng met at St. Paul's.");
  SENTS("He went to No. 10 Downing Street. Roe v. Wade was cited.",
        "He went to No. 10 Downing Street.", "Roe v. Wade was cited.");
}

static void test_initials(void **state) {
  (void)state;
  SENTS("J. Smith said it. George W. Bush agreed.", "J. Smith said it.",
        "George W. Bush agreed.");
  SENTS("They chose Plan B. The others left.", "They chose Plan B.",
        "The others left.");
}

static void test_us_un(void **state) {
  (void)state;
  SENTS("U.S. forces attacked the town.", "U.S. forces attacked the town.");
  SENTS("He arrived in the U.S. The next day he left.",
        "He arrived in the U.S.", "The next day he left.");
  SENTS("The U.N. Security Council met. The U.S. Army and U.S. Sen. Kerry "
        "came.",
        "The U.N. Security Council met.",
        "The U.S. Army and U.S. Sen. Kerry came.");
  SENTS("He met U.S. President Biden.", "He met U.S. President Biden.");
  SENTS("Chief U.S.\nArms control negotiator Max Kampelman spoke.",
        "Chief U.S.\nArms control negotiator Max Kampelman spoke.");
}

static void test_am_pm(void **state) {
  (void)state;
  SENTS("The meeting held shortly after 6:00 p.m. on the 31st ended.",
        "The meeting held shortly after 6:00 p.m. on the 31st ended.");
  SENTS("It began at 6 p.m. Police said five died.", "It began at 6 p.m.",
        "Police said five died.");
  SENTS("It began at 9 a.m. EST on Monday.",
        "It began at 9 a.m. EST on Monday.");
  SENTS("It began at 9 a.m. Monday and ended at noon.",
        "It began at 9 a.m. Monday and ended at noon.");
}

static void test_months(void **state) {
  (void)state;
  SENTS("On Jan. 31 the talks began. The Sept. 11 attacks were recalled.",
        "On Jan. 31 the talks began.", "The Sept. 11 attacks were recalled.");
  SENTS("The deadline is Feb. The talks go on.", "The deadline is Feb.",
        "The talks go on.");
}

static void test_suffixes(void **state) {
  (void)state;
  SENTS("Apple Inc. said profits rose. Shares fell.",
        "Apple Inc. said profits rose.", "Shares fell.");
  SENTS("He works at Acme Inc. The company is big.", "He works at Acme Inc.",
        "The company is big.");
  SENTS("Smith Jr. The son spoke.", "Smith Jr.", "The son spoke.");
  SENTS("Foo Co. Ltd. bought it.", "Foo Co. Ltd. bought it.");
  SENTS("Apples, pears, etc. and more. Then etc. Next one.",
        "Apples, pears, etc. and more.", "Then etc.", "Next one.");
  SENTS("Some states, e.g. Japan, agreed.", "Some states, e.g. Japan, agreed.");
}

static void test_fragment(void **state) {
  (void)state;
  SENTS("They noted the cooperation, including around Japan. and shared their "
        "concerns. Then they left.",
        "They noted the cooperation, including around Japan. and shared "
        "their concerns.",
        "Then they left.");
  SENTS("It ended. , he said.", "It ended. , he said.");
}

static void test_paragraphs(void **state) {
  (void)state;
  SENTS("The talks went on\n\nand on", "The talks went on", "and on");
  SENTS("A line\nwrapped in two.", "A line\nwrapped in two.");
  doc d;
  const char *s = "Talks began.\n\nNATO secretary general: China poses a "
                  "threat to Taiwan\n\nIt said so. It is important for "
                  "NATO what happens in\n\n\"China is big.\"";
  run(&d, s, strlen(s));
  assert_int_equal(d.ns, 5);
  const uint8_t headline[] = {0, 1, 0, 0, 0};
  const uint32_t para[] = {0, 1, 2, 2, 3};
  for (size_t i = 0; i < 5; i++) {
    assert_int_equal(d.sents[i].headline, headline[i]);
    assert_int_equal(d.sents[i].para, para[i]);
  }
  done(&d);
  /* Reuters: an indented line after a full stop starts a paragraph. */
  run(&d, "Cocoa fell\nsharply.\n    Arrivals rose\nagain.", 43);
  assert_int_equal(d.ns, 2);
  assert_int_equal(d.sents[1].para, 1);
  done(&d);
}

static void test_headline_flags(void **state) {
  (void)state;
  doc d;
  const char *s = "Japan, NATO agree to deepen ties\n\nThey met:\n\n"
                  "\"We agree\"\n\n* * *";
  run(&d, s, strlen(s));
  assert_int_equal(d.ns, 4);
  assert_int_equal(d.sents[0].headline, 1);
  assert_int_equal(d.sents[1].headline, 0); /* ends in ':' */
  assert_int_equal(d.sents[2].headline, 1);
  assert_int_equal(d.sents[3].headline, 0); /* no word */
  done(&d);
}

static void test_quotes(void **state) {
  (void)state;
  SENTS("\"China is not our enemy, but we must understand the scale of the "
        "challenges that China poses and work together to deal with it,\" he "
        "said.",
        "\"China is not our enemy, but we must understand the scale of the "
        "challenges that China poses and work together to deal with it,\" he "
        "said.");
  SENTS("He left. \"We will return,\" she said.", "He left.",
        "\"We will return,\" she said.");
  SENTS("She said: \"It is over.\" Then she left.",
        "She said: \"It is over.\"", "Then she left.");
  SENTS("They said 'no.' It ended.", "They said 'no.'", "It ended.");
  SENTS("\"Stop.\" he said.", "\"Stop.\" he said.");
  SENTS("He said. \xe2\x80\x9cWe go.\xe2\x80\x9d They went.", "He said.",
        "\xe2\x80\x9cWe go.\xe2\x80\x9d", "They went.");
}

static void test_brackets(void **state) {
  (void)state;
  SENTS("(He left.) Then she came.", "(He left.)", "Then she came.");
  SENTS("It ended (see above). Next.", "It ended (see above).", "Next.");
  SENTS("It ended. (Reuters) Next.", "It ended.", "(Reuters) Next.");
}

static void test_kishida_quote(void **state) {
  (void)state;
  SENTS("Prime Minister Kishida said, \"NATO is an important partner with "
        "whom we share fundamental values and strategic interests. As the "
        "international community reaches a historic turning point, our "
        "relationship is making significant progress.\" I was.",
        "Prime Minister Kishida said, \"NATO is an important partner with "
        "whom we share fundamental values and strategic interests.",
        "As the international community reaches a historic turning point, "
        "our relationship is making significant progress.\"",
        "I was.");
}

static void test_offsets_and_flags(void **state) {
  (void)state;
  /* Curly quotes, a BOM and CR LF before the second paragraph. */
  const char *s = "\xef\xbb\xbf\xe2\x80\x9cGo.\xe2\x80\x9d He went.\r\n\r\n"
                  "Next one.";
  doc d;
  run(&d, s, strlen(s));
  assert_int_equal(d.ns, 3);
  assert_int_equal(d.sents[0].start, 3);
  assert_int_equal(d.sents[0].end, 3 + 3 + 3 + 3);
  assert_int_equal(d.sents[0].first, 0);
  assert_int_equal(d.sents[0].count, 4);
  assert_int_equal(d.sents[1].first, 4);
  assert_int_equal(d.sents[1].count, 3);
  assert_memory_equal(s + d.sents[1].start, "He went.", 8);
  assert_int_equal(d.sents[1].end - d.sents[1].start, 8);
  assert_int_equal(d.sents[2].para, 1);
  assert_memory_equal(s + d.sents[2].start, "Next one.", 9);
  assert_int_equal(d.sents[2].end, strlen(s));
  for (size_t i = 0; i < d.n; i++) {
    int first = i == 0 || i == 4 || i == 7;
    assert_int_equal(!!(d.toks[i].flags & DYAD__TF_SENT_START), first);
  }
  /* Splitting again gives the same result. */
  dyad__sentence *s2;
  size_t n2;
  assert_int_equal(
      dyad__split_sentences(&d.a, &d.t, d.toks, d.n, &s2, &n2), 0);
  assert_int_equal(n2, d.ns);
  assert_memory_equal(s2, d.sents, n2 * sizeof(*s2));
  done(&d);
}

static void test_empty(void **state) {
  (void)state;
  doc d;
  run(&d, "", 0);
  assert_int_equal(d.ns, 0);
  done(&d);
  run(&d, "\n \n", 3);
  assert_int_equal(d.ns, 0);
  done(&d);
  run(&d, ".", 1);
  assert_int_equal(d.ns, 1);
  assert_int_equal(d.sents[0].headline, 0);
  done(&d);
}

/* Reads the seed article; returns NULL (and the test is skipped) when the
 * shared data are not there. */
static char *read_seed(size_t *len) {
  static const char *const paths[] = {
      "../shared/seed/000_435aa08a819ac924.txt",
      "../../shared/seed/000_435aa08a819ac924.txt",
      "/work/shared/seed/000_435aa08a819ac924.txt"};
  const char *env = getenv("DYAD_SEED");
  for (size_t i = 0; i < 4; i++) {
    const char *p = i == 0 ? env : paths[i - 1];
    if (!p)
      continue;
    FILE *f = fopen(p, "rb");
    if (!f)
      continue;
    char *buf = malloc(1 << 16);
    size_t n = buf ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    if (!buf)
      return NULL;
    *len = n;
    return buf;
  }
  return NULL;
}

static void test_seed(void **state) {
  (void)state;
  size_t len = 0;
  char *s = read_seed(&len);
  if (!s) {
    skip();
    return;
  }
  doc d;
  run(&d, s, len);
  static const char *const starts[] = {
      "On the evening of the 31st,",
      "Bearing in mind",
      "At the meeting held shortly after 6:00 p.m. on the 31st,",
      "In addition,",
      "Prime Minister Kishida also informed",
      "They then confirmed",
      "The statement pointed out",
      "After this,",
      "Prime Minister Kishida said, \"NATO is",
      "As the international community",
      "I was.",
      "NATO secretary general: China poses a threat to Taiwan",
      "In a joint statement,",
      "It is also important for NATO what happens in",
      "\"China is threatening Taiwan",
      "China is trying to control",
      "\"China is not our enemy,"};
  size_t want = sizeof(starts) / sizeof(starts[0]);
  assert_int_equal(d.ns, want);
  for (size_t i = 0; i < want; i++) {
    if (d.sents[i].end - d.sents[i].start < strlen(starts[i]) ||
        memcmp(s + d.sents[i].start, starts[i], strlen(starts[i])) != 0)
      fail_msg("seed sentence %zu: \"%.*s\"", i,
               (int)(d.sents[i].end - d.sents[i].start), s + d.sents[i].start);
    assert_int_equal(d.sents[i].headline, i == 11);
  }
  const dyad__sentence *x = &d.sents[2];
  const char *frag = "including around Japan. and shared their concerns.";
  assert_true(x->end - x->start > strlen(frag));
  assert_memory_equal(s + x->end - strlen(frag), frag, strlen(frag));
  x = &d.sents[9];
  assert_memory_equal(s + x->end - 10, "progress.\"", 10);
  assert_int_equal(d.sents[10].end - d.sents[10].start, 6);
  assert_memory_equal(s + d.sents[16].end - 8, "he said.", 8);
  assert_int_equal(d.sents[16].end, len - (s[len - 1] == '\n'));
  /* Paragraphs: 12 of them; sentences 8-10 share one, as do 12-13, 14-16. */
  const uint32_t para[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 9, 10, 10, 11,
                           11, 11};
  for (size_t i = 0; i < want; i++)
    assert_int_equal(d.sents[i].para, para[i]);
  done(&d);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_full_stops),
      cmocka_unit_test(test_bang_question),
      cmocka_unit_test(test_ellipsis),
      cmocka_unit_test(test_titles),
      cmocka_unit_test(test_initials),
      cmocka_unit_test(test_us_un),
      cmocka_unit_test(test_am_pm),
      cmocka_unit_test(test_months),
      cmocka_unit_test(test_suffixes),
      cmocka_unit_test(test_fragment),
      cmocka_unit_test(test_paragraphs),
      cmocka_unit_test(test_headline_flags),
      cmocka_unit_test(test_quotes),
      cmocka_unit_test(test_brackets),
      cmocka_unit_test(test_kishida_quote),
      cmocka_unit_test(test_offsets_and_flags),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_seed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_text.c -- unit tests of normalisation and the tokenizer (src/text).
 *
 * Normalisation: quotes, dashes, spaces, removed characters, CR LF, NUL,
 * invalid UTF-8 (each kind of bad sequence) with the offset map checked
 * byte by byte.  Tokenizer: words, names, abbreviations, numbers, clitics,
 * punctuation, flags, lower case, paragraphs, long tokens, offsets into the
 * original after multi-byte replacements, arena failure, and a fuzz loop of
 * random bytes checking the invariants of every stage.
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

/* Asserts that the tokens of s, as written in the original, are exp (a
 * NULL-terminated list). */
static void expect_tokens(const char *s, const char *const *exp) {
  doc d;
  run(&d, s, strlen(s));
  size_t i = 0;
  for (; exp[i]; i++) {
    if (i >= d.n)
      fail_msg("too few tokens in \"%s\": %zu, wanted \"%s\"", s, d.n, exp[i]);
    const dyad__token *t = &d.toks[i];
    size_t len = t->end - t->start;
    if (len != strlen(exp[i]) || memcmp(s + t->start, exp[i], len) != 0)
      fail_msg("token %zu of \"%s\": \"%.*s\", wanted \"%s\"", i, s, (int)len,
               s + t->start, exp[i]);
  }
  if (d.n != i)
    fail_msg("\"%s\": %zu tokens, wanted %zu (extra \"%.*s\")", s, d.n, i,
             (int)(d.toks[i].end - d.toks[i].start), s + d.toks[i].start);
  done(&d);
}

/* Asserts that s normalises to exp. */
static void expect_norm(const char *s, size_t len, const char *exp) {
  dyad__arena a;
  dyad__text t;
  dyad__arena_init(&a, 0);
  assert_int_equal(dyad__text_normalize(&a, s, len, &t), 0);
  assert_int_equal(t.norm_len, strlen(exp));
  assert_memory_equal(t.norm, exp, t.norm_len);
  assert_int_equal(t.norm[t.norm_len], '\0');
  assert_int_equal(t.map[t.norm_len], len);
  dyad__arena_free(&a);
}

/* ---- normalisation ---------------------------------------------------- */

static void test_norm_ascii_identity(void **state) {
  (void)state;
  const char *s = "Kishida met Stoltenberg.";
  dyad__arena a;
  dyad__text t;
  dyad__arena_init(&a, 0);
  assert_int_equal(dyad__text_normalize(&a, s, strlen(s), &t), 0);
  assert_string_equal(t.norm, s);
  for (size_t i = 0; i <= t.norm_len; i++)
    assert_int_equal(t.map[i], i);
  assert_int_equal(t.n_invalid, 0);
  assert_int_equal(t.n_nul, 0);
  assert_ptr_equal(t.orig, s);
  dyad__arena_free(&a);
}

static void test_norm_empty(void **state) {
  (void)state;
  doc d;
  run(&d, "", 0);
  assert_int_equal(d.t.norm_len, 0);
  assert_int_equal(d.t.map[0], 0);
  assert_int_equal(d.n, 0);
  assert_int_equal(d.ns, 0);
  done(&d);
  run(&d, " \n\n \t ", 6);
  assert_int_equal(d.n, 0);
  assert_int_equal(d.ns, 0);
  done(&d);
}

static void test_norm_quotes(void **state) {
  (void)state;
  /* “ ” ‘ ’ ‚ ‛ „ ‟ « » ʼ */
  const char *s = "\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x98x\xe2\x80\x99 "
                  "\xe2\x80\x9a\xe2\x80\x9b \xe2\x80\x9e\xe2\x80\x9f "
                  "\xc2\xab\xc2\xbb \xca\xbc";
  expect_norm(s, strlen(s), "\"Hi\" 'x' '' \"\" \"\" '");
  dyad__arena a;
  dyad__text t;
  dyad__arena_init(&a, 0);
  assert_int_equal(dyad__text_normalize(&a, s, strlen(s), &t), 0);
  /* "Hi": '"' from bytes 0..2, H at 3, i at 4, '"' from 5..7, ' ' at 8 */
  const uint32_t want[] = {0, 3, 4, 5, 8, 9};
  for (size_t i = 0; i < 6; i++)
    assert_int_equal(t.map[i], want[i]);
  dyad__arena_free(&a);
}

static void test_norm_dashes(void **state) {
  (void)state;
  /* – — ‒ ― − ‐ ‑ */
  const char *s = "a\xe2\x80\x93" "b\xe2\x80\x94" "c\xe2\x80\x92"
                  "d\xe2\x80\x95" "e\xe2\x88\x92" "f\xe2\x80\x90"
                  "g\xe2\x80\x91" "h";
  expect_norm(s, strlen(s), "a-b-c-d-e-f-g-h");
}

static void test_norm_spaces(void **state) {
  (void)state;
  /* NBSP, thin space, narrow NBSP, ideographic space, en quad, tab */
  const char *s = "a\xc2\xa0" "b\xe2\x80\x89" "c\xe2\x80\xaf" "d\xe3\x80\x80"
                  "e\xe2\x80\x80" "f\tg";
  expect_norm(s, strlen(s), "a b c d e f g");
}

static void test_norm_removed(void **state) {
  (void)state;
  /* soft hyphen, ZWSP, ZWNJ, ZWJ, BOM, word joiner */
  const char *s = "\xef\xbb\xbf" "co\xc2\xad" "op\xe2\x80\x8b"
                  "e\xe2\x80\x8cr\xe2\x80\x8d" "a\xe2\x81\xa0te";
  expect_norm(s, strlen(s), "cooperate");
  doc d;
  run(&d, s, strlen(s));
  assert_int_equal(d.n, 1);
  assert_int_equal(d.toks[0].start, 3); /* after the BOM */
  assert_int_equal(d.toks[0].end, strlen(s));
  assert_string_equal(d.toks[0].lower, "cooperate");
  done(&d);
  /* A removed character after a token is not part of it. */
  const char *s2 = "NATO\xe2\x80\x8b says\xc2\xad";
  run(&d, s2, strlen(s2));
  assert_int_equal(d.n, 2);
  assert_int_equal(d.toks[0].start, 0);
  assert_int_equal(d.toks[0].end, 4);
  assert_int_equal(d.toks[1].start, 8);
  assert_int_equal(d.toks[1].end, 12);
  done(&d);
}

static void test_norm_newlines(void **state) {
  (void)state;
  const char *s = "a\r\nb\rc\n\r\nd\xc2\x85" "e\xe2\x80\xa8" "f";
  expect_norm(s, strlen(s), "a\nb\nc\n\nd\ne\nf");
  dyad__arena a;
  dyad__text t;
  dyad__arena_init(&a, 0);
  assert_int_equal(dyad__text_normalize(&a, s, strlen(s), &t), 0);
  const uint32_t want[] = {0, 1, 3, 4, 5, 6, 7, 9, 10, 12, 13, 16};
  for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
    assert_int_equal(t.map[i], want[i]);
  dyad__arena_free(&a);
}

static void test_norm_nul(void **state) {
  (void)state;
  const char s[] = "a\0b\0\0c";
  dyad__arena a;
  dyad__text t;
  dyad__arena_init(&a, 0);
  assert_int_equal(dyad__text_normalize(&a, s, sizeof(s) - 1, &t), 0);
  assert_int_equal(t.norm_len, 6);
  assert_memory_equal(t.norm, "a b  c", 6);
  assert_int_equal(t.n_nul, 3);
  assert_int_equal(t.n_invalid, 0);
  dyad__arena_free(&a);
}

/* Checks the normalisation of one invalid input. */
static void check_invalid(const char *s, size_t len, const char *exp,
                          size_t n_invalid, const uint32_t *map) {
  dyad__arena a;
  dyad__text t;
  dyad__arena_init(&a, 0);
  assert_int_equal(dyad__text_normalize(&a, s, len, &t), 0);
  assert_int_equal(t.norm_len, strlen(exp));
  assert_memory_equal(t.norm, exp, t.norm_len);
  assert_int_equal(t.n_invalid, n_invalid);
  for (size_t i = 0; i <= t.norm_len; i++)
    assert_int_equal(t.map[i], map[i]);
  dyad__arena_free(&a);
}

#define FFFD "\xef\xbf\xbd"

static void test_norm_invalid(void **state) {
  (void)state;
  /* A stray continuation byte. */
  const uint32_t m1[] = {0, 1, 1, 1, 2, 3};
  check_invalid("a\x80" "b", 3, "a" FFFD "b", 1, m1);
  /* Overlong '/' (C0 AF): C0 is never valid, AF is stray: two U+FFFD. */
  const uint32_t m2[] = {0, 0, 0, 1, 1, 1, 2};
  check_invalid("\xc0\xaf", 2, FFFD FFFD, 2, m2);
  /* Overlong 3-byte (E0 80 AF): E0 then 80 out of range. */
  const uint32_t m3[] = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3};
  check_invalid("\xe0\x80\xaf", 3, FFFD FFFD FFFD, 3, m3);
  /* A surrogate (ED A0 80). */
  check_invalid("\xed\xa0\x80", 3, FFFD FFFD FFFD, 3, m3);
  /* Above U+10FFFF (F4 90 80 80). */
  const uint32_t m4[] = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4};
  check_invalid("\xf4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4, m4);
  /* Truncated at the end: one U+FFFD for the maximal subpart. */
  const uint32_t m5[] = {0, 1, 1, 1, 3};
  check_invalid("x\xe2\x82", 3, "x" FFFD, 1, m5);
  /* Truncated before ASCII. */
  const uint32_t m6[] = {0, 0, 0, 2, 3};
  check_invalid("\xe2\x82" "A", 3, FFFD "A", 1, m6);
  /* F5..FF never start a sequence. */
  const uint32_t m7[] = {0, 0, 0, 1, 1, 1, 2};
  check_invalid("\xf5\xff", 2, FFFD FFFD, 2, m7);
  /* A valid 4-byte character is kept byte for byte. */
  const uint32_t m8[] = {0, 1, 2, 3, 4};
  check_invalid("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80", 0, m8);
}

static void test_norm_ellipsis(void **state) {
  (void)state;
  expect_norm("Wait\xe2\x80\xa6 no", 10, "Wait... no");
  const char *s = "Wait\xe2\x80\xa6 no";
  doc d;
  run(&d, s, strlen(s));
  assert_int_equal(d.n, 3);
  assert_int_equal(d.toks[1].start, 4);
  assert_int_equal(d.toks[1].end, 7);
  assert_int_equal(d.toks[1].len, 3);
  done(&d);
}

/* ---- tokenizer -------------------------------------------------------- */

static void test_tok_offsets_after_replacements(void **state) {
  (void)state;
  /* “Ça va” — Kishida’s <FF> talks */
  const char *s = "\xe2\x80\x9c\xc3\x87" "a va\xe2\x80\x9d \xe2\x80\x94 "
                  "Kishida\xe2\x80\x99s \xff talks";
  doc d;
  run(&d, s, strlen(s));
  struct {
    const char *norm;
    uint32_t start, end;
  } want[] = {{"\"", 0, 3},   {"\xc3\x87" "a", 3, 6}, {"va", 7, 9},
              {"\"", 9, 12},  {"-", 13, 16},          {"Kishida", 17, 24},
              {"'s", 24, 28}, {FFFD, 29, 30},         {"talks", 31, 36}};
  assert_int_equal(d.n, 9);
  for (size_t i = 0; i < 9; i++) {
    assert_int_equal(d.toks[i].len, strlen(want[i].norm));
    assert_memory_equal(d.toks[i].s, want[i].norm, d.toks[i].len);
    assert_int_equal(d.toks[i].start, want[i].start);
    assert_int_equal(d.toks[i].end, want[i].end);
  }
  assert_string_equal(d.toks[1].lower, "\xc3\xa7" "a");
  assert_true(d.toks[0].flags & DYAD__TF_QUOTE);
  assert_true(d.toks[7].flags & DYAD__TF_PUNCT);
  assert_int_equal(d.t.n_invalid, 1);
  done(&d);
}

static void test_tok_words(void **state) {
  (void)state;
  const char *const e1[] = {"O'Brien", "met", "the", "Secretary-General",
                            "after", "the", "build-up", "of", "F-16s", ".",
                            NULL};
  expect_tokens("O'Brien met the Secretary-General after the build-up of "
                "F-16s.",
                e1);
  const char *const e2[] = {"post-Cold", "War", "-", "era", "--", "and",
                            "...", "so", "-", "on", NULL};
  expect_tokens("post-Cold War - era -- and ... so -on", e2);
  /* An em dash separates words; an en dash and a hyphen join them. */
  const char *const e3[] = {"now", "\xe2\x80\x94", "here",
                            "2010\xe2\x80\x93" "2015", NULL};
  expect_tokens("now\xe2\x80\x94here 2010\xe2\x80\x93" "2015", e3);
  /* Non-Latin letters and marks. */
  const char *const e4[] = {"\xe6\x9d\xb1\xe4\xba\xac", "(",
                            "Tokyo", ")", "caf\x65\xcc\x81", NULL};
  expect_tokens("\xe6\x9d\xb1\xe4\xba\xac (Tokyo) caf\x65\xcc\x81", e4);
}

static void test_tok_abbreviations(void **state) {
  (void)state;
  const char *const e1[] = {"U.S.", "and", "U.N.", "forces", "at", "6", "p.m.",
                            "and", "9", "a.m.", NULL};
  expect_tokens("U.S. and U.N. forces at 6 p.m. and 9 a.m.", e1);
  const char *const e2[] = {"Mr.", "Smith", ",", "Mrs.", "Jones", ",", "Dr.",
                            "Lee", ",", "Gen.", "Ray", ",", "Col.", "Ames",
                            ",", "Lt.", "Ng", ",", "Sgt.", "Ko", NULL};
  expect_tokens("Mr. Smith, Mrs. Jones, Dr. Lee, Gen. Ray, Col. Ames, Lt. Ng, "
                "Sgt. Ko",
                e2);
  const char *const e3[] = {"Gov.", "A", ",", "Sen.", "B", ",", "Rep.", "C",
                            "on", "Jan.", "5", "and", "Feb.", "6", NULL};
  expect_tokens("Gov. A, Sen. B, Rep. C on Jan. 5 and Feb. 6", e3);
  const char *const e4[] = {"Acme", "Inc.", ",", "Foo", "Co.", ",", "Bar",
                            "Corp.", ",", "Baz", "Ltd.", ",", "No.", "10",
                            "vs.", "St.", "Louis", "etc.", NULL};
  expect_tokens("Acme Inc., Foo Co., Bar Corp., Baz Ltd., No. 10 vs. "
                "St. Louis etc.",
                e4);
  const char *const e5[] = {"J.", "Smith", "and", "George", "W.", "Bush",
                            "e.g.", "Ph.D.", "U.S.-led", NULL};
  expect_tokens("J. Smith and George W. Bush e.g. Ph.D. U.S.-led", e5);
  /* Not abbreviations: a plain full stop, "no." without a number, lower-case
   * "mar.", and an ellipsis after an abbreviation-like word. */
  const char *const e6[] = {"He", "said", "no", ".", "It", "will", "mar",
                            ".", "Gen", "...", "U.S", "...", NULL};
  expect_tokens("He said no. It will mar. Gen... U.S...", e6);
  doc d;
  run(&d, "U.S. Mr. J. x.", 14);
  assert_true(d.toks[0].flags & DYAD__TF_ABBREV);
  assert_true(d.toks[0].flags & DYAD__TF_ALLCAP);
  assert_true(d.toks[1].flags & DYAD__TF_ABBREV);
  assert_true(d.toks[2].flags & DYAD__TF_ABBREV);
  assert_false(d.toks[4].flags & DYAD__TF_ABBREV);
  done(&d);
  assert_int_equal(dyad__text_abbrev_class("mr.", 3), DYAD__ABBR_TITLE);
  assert_int_equal(dyad__text_abbrev_class("u.s.", 4), DYAD__ABBR_ORG);
  assert_int_equal(dyad__text_abbrev_class("p.m.", 4), DYAD__ABBR_TIME);
  assert_int_equal(dyad__text_abbrev_class("sept.", 5), DYAD__ABBR_MONTH);
  assert_int_equal(dyad__text_abbrev_class("j.", 2), DYAD__ABBR_INITIAL);
  assert_int_equal(dyad__text_abbrev_class("e.g.", 4), DYAD__ABBR_NOEND);
  assert_int_equal(dyad__text_abbrev_class("inc.", 4), DYAD__ABBR_OTHER);
  assert_int_equal(dyad__text_abbrev_class("wyo.", 4), DYAD__ABBR_OTHER);
  assert_int_equal(dyad__text_abbrev_class("adm.", 4), DYAD__ABBR_TITLE);
  assert_int_equal(dyad__text_abbrev_class("vs.", 3), DYAD__ABBR_TITLE);
  assert_int_equal(dyad__text_abbrev_class("said.", 5), DYAD__ABBR_NONE);
  assert_int_equal(dyad__text_abbrev_class("mr", 2), DYAD__ABBR_NONE);
}

static void test_tok_numbers(void **state) {
  (void)state;
  const char *const e1[] = {"6:00", "1,000", "3.5", "2023-01-31", "10", "%",
                            "$", "5", "1/31/2023", "12:30:15", NULL};
  expect_tokens("6:00 1,000 3.5 2023-01-31 10% $5 1/31/2023 12:30:15", e1);
  const char *const e2[] = {"in", "2023", ".", "1", ",", "2", ",", "3", "5",
                            ",", "1990s", NULL};
  expect_tokens("in 2023. 1,2, 3 5, 1990s", e2);
  const char *const e3[] = {"31st", "5.93", "mln", "155,221", "bags", NULL};
  expect_tokens("31st 5.93 mln 155,221 bags", e3);
}

static void test_tok_clitics(void **state) {
  (void)state;
  const char *const e1[] = {"Russia", "'s", "do", "n't", "ca", "n't", "they",
                            "'re", "we", "'ve", "you", "'ll", "he", "'d", "I",
                            "'m", NULL};
  expect_tokens("Russia's don't can't they're we've you'll he'd I'm", e1);
  const char *const e2[] = {"Ukraine", "'", "leaders", "'", "talks", "wo",
                            "n't", "IT", "'S", "NATO", "\xe2\x80\x99s", NULL};
  expect_tokens("Ukraine' leaders' talks won't IT'S NATO\xe2\x80\x99s", e2);
  const char *const e3[] = {"'", "Tis", "rock'n'roll", "Ma'am", "1990", "'s",
                            "d'Ivoire", "'s", NULL};
  expect_tokens("'Tis rock'n'roll Ma'am 1990's d'Ivoire's", e3);
}

static void test_tok_punct(void **state) {
  (void)state;
  const char *const e1[] = {"Why", "?", "!", "(", "a", ")", "[", "b", "]",
                            ";", ":", "``", "c", "''", "....", "---", "&",
                            "#", "@", "x", NULL};
  expect_tokens("Why?! (a) [b]; : ``c'' .... --- & #@x", e1);
}

static void test_tok_flags(void **state) {
  (void)state;
  const char *s = "NATO said \"Ok\" 3rd 42 ,I";
  doc d;
  run(&d, s, strlen(s));
  assert_int_equal(d.n, 9);
  uint16_t f0 = d.toks[0].flags;
  assert_true(f0 & DYAD__TF_CAP);
  assert_true(f0 & DYAD__TF_ALLCAP);
  assert_true(f0 & DYAD__TF_PARA_START);
  assert_false(f0 & DYAD__TF_SPACE_BEFORE);
  assert_int_equal(d.toks[1].flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP), 0);
  assert_true(d.toks[1].flags & DYAD__TF_SPACE_BEFORE);
  assert_true(d.toks[2].flags & DYAD__TF_QUOTE);
  assert_true(d.toks[2].flags & DYAD__TF_PUNCT);
  assert_true(d.toks[3].flags & DYAD__TF_CAP);
  assert_false(d.toks[3].flags & DYAD__TF_ALLCAP);
  assert_false(d.toks[3].flags & DYAD__TF_SPACE_BEFORE);
  assert_false(d.toks[4].flags & DYAD__TF_SPACE_BEFORE);
  assert_true(d.toks[5].flags & DYAD__TF_DIGIT);
  assert_false(d.toks[5].flags & DYAD__TF_PUNCT);
  assert_true(d.toks[6].flags & DYAD__TF_DIGIT);
  assert_true(d.toks[7].flags & DYAD__TF_PUNCT);
  assert_false(d.toks[7].flags & DYAD__TF_QUOTE);
  assert_true(d.toks[8].flags & DYAD__TF_CAP);
  assert_false(d.toks[8].flags & DYAD__TF_ALLCAP); /* one letter */
  for (size_t i = 0; i < d.n; i++) {
    assert_null(d.toks[i].lemma);
    assert_int_equal(d.toks[i].para, 0);
  }
  done(&d);
}

static void test_tok_lower(void **state) {
  (void)state;
  /* ÉCOLE Straße İstanbul ΑΘΗΝΑ */
  const char *s = "\xc3\x89" "COLE Stra\xc3\x9f" "e \xc4\xb0stanbul "
                  "\xce\x91\xce\x98\xce\x97\xce\x9d\xce\x91";
  doc d;
  run(&d, s, strlen(s));
  assert_int_equal(d.n, 4);
  assert_string_equal(d.toks[0].lower, "\xc3\xa9" "cole");
  assert_true(d.toks[0].flags & DYAD__TF_ALLCAP);
  assert_string_equal(d.toks[1].lower, "stra\xc3\x9f" "e");
  /* İ lower-cases to a different length: kept as written. */
  assert_string_equal(d.toks[2].lower, "\xc4\xb0stanbul");
  assert_true(d.toks[2].flags & DYAD__TF_CAP);
  assert_string_equal(d.toks[3].lower,
                      "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1");
  assert_true(d.toks[3].flags & DYAD__TF_ALLCAP);
  for (size_t i = 0; i < d.n; i++)
    assert_int_equal(strlen(d.toks[i].lower), d.toks[i].len);
  done(&d);
}

static void test_tok_paragraphs(void **state) {
  (void)state;
  const char *s = "\n\nA b.\nc d.\n\nE f\n \t \n\n\nGo.\n    H i.\nj";
  doc d;
  run(&d, s, strlen(s));
  /* A b . c d . | E f | Go . | H i . j  (indented line after a full stop) */
  const uint32_t para[] = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 3};
  assert_int_equal(d.n, 14);
  for (size_t i = 0; i < d.n; i++) {
    assert_int_equal(d.toks[i].para, para[i]);
    int first = i == 0 || para[i] != para[i - 1];
    assert_int_equal(!!(d.toks[i].flags & DYAD__TF_PARA_START), first);
  }
  done(&d);
  /* An indented line that continues a sentence is not a paragraph. */
  run(&d, "the week in\n    the zone", 24);
  for (size_t i = 0; i < d.n; i++)
    assert_int_equal(d.toks[i].para, 0);
  done(&d);
  /* CR LF blank lines. */
  run(&d, "Go.\r\n\r\nUp.", 10);
  assert_int_equal(d.n, 4);
  assert_int_equal(d.toks[2].para, 1);
  assert_int_equal(d.toks[2].start, 7);
  assert_int_equal(d.toks[1].end, 3);
  done(&d);
}

static void test_tok_long(void **state) {
  (void)state;
  size_t len = 5000;
  char *s = malloc(len);
  assert_non_null(s);
  memset(s, 'a', len);
  doc d;
  run(&d, s, len);
  assert_int_equal(d.n, 5);
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(d.toks[i].len, 1024);
  assert_int_equal(d.toks[4].len, 5000 - 4096);
  assert_int_equal(d.toks[4].end, 5000);
  done(&d);
  /* 'a' then 2-byte letters: cuts fall on character boundaries. */
  s[0] = 'a';
  for (size_t i = 1; i + 1 < len; i += 2) {
    s[i] = (char)0xc3;
    s[i + 1] = (char)0xa9;
  }
  run(&d, s, len - 1);
  uint32_t at = 0;
  for (size_t i = 0; i < d.n; i++) {
    assert_true(d.toks[i].len <= 1024);
    assert_int_equal(d.toks[i].start, at);
    assert_true(((unsigned char)d.toks[i].s[0] & 0xc0) != 0x80);
    at = d.toks[i].end;
  }
  assert_int_equal(at, len - 1);
  done(&d);
  /* A long run of dots. */
  memset(s, '.', len);
  run(&d, s, len);
  assert_int_equal(d.n, 5);
  done(&d);
  free(s);
}

static void test_arena_failure(void **state) {
  (void)state;
  const char *s = "Prime Minister Kishida held talks with NATO.";
  dyad__arena a;
  dyad__text t;
  dyad__arena_init(&a, 64);
  assert_int_equal(dyad__text_normalize(&a, s, strlen(s), &t), -1);
  assert_true(a.failed);
  dyad__arena_free(&a);
  /* Enough for the text, not for the tokens. */
  for (size_t cap = 256; cap < 8192; cap += 64) {
    dyad__token *toks;
    size_t n;
    dyad__sentence *ss;
    size_t ns;
    dyad__arena_init(&a, cap);
    if (dyad__text_normalize(&a, s, strlen(s), &t) == 0 &&
        dyad__tokenize(&a, &t, &toks, &n) == 0)
      (void)dyad__split_sentences(&a, &t, toks, n, &ss, &ns);
    dyad__arena_free(&a);
  }
}

/* A random generator with a fixed seed (xorshift). */
static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint32_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
}

/* Checks the invariants of a document's tokens and sentences. */
static void check_invariants(const doc *d, size_t len) {
  const dyad__text *t = &d->t;
  assert_true(t->map[t->norm_len] == len);
  for (size_t i = 0; i < t->norm_len; i++)
    assert_true(t->map[i] <= t->map[i + 1] && t->map[i] < len);
  uint32_t prev_end = 0, para = 0;
  for (size_t i = 0; i < d->n; i++) {
    const dyad__token *k = &d->toks[i];
    assert_true(k->len >= 1 && k->len <= 1024);
    assert_true(k->start < k->end);
    assert_true(k->end <= len);
    assert_true(k->start >= prev_end); /* no byte in two tokens */
    assert_true(k->s >= t->norm && k->s + k->len <= t->norm + t->norm_len);
    assert_int_equal(strlen(k->lower), k->len);
    assert_true(k->para == para || k->para == para + 1);
    assert_int_equal(!!(k->flags & DYAD__TF_PARA_START),
                     i == 0 || k->para != para);
    para = k->para;
    prev_end = k->end;
  }
  size_t next = 0;
  for (size_t i = 0; i < d->ns; i++) {
    const dyad__sentence *s = &d->sents[i];
    assert_int_equal(s->first, next);
    assert_true(s->count >= 1);
    next = s->first + s->count;
    assert_true(next <= d->n);
    assert_int_equal(s->start, d->toks[s->first].start);
    assert_int_equal(s->end, d->toks[next - 1].end);
    assert_true(d->toks[s->first].flags & DYAD__TF_SENT_START);
    for (size_t j = s->first + 1; j < next; j++) {
      assert_false(d->toks[j].flags & DYAD__TF_SENT_START);
      assert_false(d->toks[j].flags & DYAD__TF_PARA_START);
    }
  }
  assert_int_equal(next, d->n);
}

static void test_fuzz(void **state) {
  (void)state;
  static const char *const pieces[] = {
      "a", "Z", " ", "\n", "\n\n", ".", "U.S.", "Mr.", "'", "\"", "-", "--",
      "...", "'s", "n't", "\r", "\t", "1", ",", ":", "/", "(", ")", "?",
      "\xe2\x80\x9c", "\xe2\x80\x99", "\xe2\x80\x94", "\xc2\xa0", "\xc2\xad",
      "\xe2\x80\x8b", "\xef\xbb\xbf", "\xe2\x80\xa6", "\xc3\xa9", "\xc4\xb0",
      "\xe6\x9d\xb1", "\xf0\x9f\x98\x80", "\xe2\x80\xa9", "    "};
  size_t np = sizeof(pieces) / sizeof(pieces[0]);
  char *buf = malloc(8192);
  assert_non_null(buf);
  for (int iter = 0; iter < 3000; iter++) {
    size_t len = 0, want = rnd() % 4096;
    int mode = iter % 3;
    while (len < want) {
      if (mode == 0) { /* raw random bytes, NULs included */
        buf[len++] = (char)(rnd() & 0xff);
      } else {
        const char *p = mode == 1 && (rnd() & 7) == 0
                            ? (const char *)"\x80\xff\xc3\xe2\x82\xed\xa0"
                            : pieces[rnd() % np];
        size_t pl = strlen(p);
        if (mode == 1 && (rnd() & 7) == 0)
          pl = 1 + rnd() % pl;
        memcpy(buf + len, p, pl);
        len += pl;
      }
    }
    doc d;
    run(&d, buf, len);
    check_invariants(&d, len);
    done(&d);
  }
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_norm_ascii_identity),
      cmocka_unit_test(test_norm_empty),
      cmocka_unit_test(test_norm_quotes),
      cmocka_unit_test(test_norm_dashes),
      cmocka_unit_test(test_norm_spaces),
      cmocka_unit_test(test_norm_removed),
      cmocka_unit_test(test_norm_newlines),
      cmocka_unit_test(test_norm_nul),
      cmocka_unit_test(test_norm_invalid),
      cmocka_unit_test(test_norm_ellipsis),
      cmocka_unit_test(test_tok_offsets_after_replacements),
      cmocka_unit_test(test_tok_words),
      cmocka_unit_test(test_tok_abbreviations),
      cmocka_unit_test(test_tok_numbers),
      cmocka_unit_test(test_tok_clitics),
      cmocka_unit_test(test_tok_punct),
      cmocka_unit_test(test_tok_flags),
      cmocka_unit_test(test_tok_lower),
      cmocka_unit_test(test_tok_paragraphs),
      cmocka_unit_test(test_tok_long),
      cmocka_unit_test(test_arena_failure),
      cmocka_unit_test(test_fuzz),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_coder.c -- unit tests of the coder through the public API (dyad.h)
 * with the built-in dictionaries.
 *
 * Checked: a compound subject (one event per actor), the passive with a
 * "by" agent, negated events (dropped, or kept and flagged), a pronoun
 * resolved across sentences, "the two sides" after a compound subject, a
 * person coded by the document's date, a request ("urged X to ...") coded
 * as an appeal from the speaker only, a sentence without events, and the
 * JSON Lines writer.  Every event's spans are checked against the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dyad.h"

static dyad_dict *dict;
static dyad_engine *eng;         /* default options */
static dyad_engine *eng_negated; /* DYAD_OPT_KEEP_NEGATED */

static int setup(void **state) {
  (void)state;
  char *err = NULL;
  if (dyad_dict_open(&dict, NULL, 0, 0, &err) != DYAD_OK) {
    dyad_free(err);
    return -1;
  }
  dyad_options o = {DYAD_OPT_KEEP_NEGATED, 0};
  if (dyad_engine_new(&eng, dict, NULL) != DYAD_OK ||
      dyad_engine_new(&eng_negated, dict, &o) != DYAD_OK)
    return -1;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  dyad_engine_free(eng);
  dyad_engine_free(eng_negated);
  dyad_dict_free(dict);
  return 0;
}

/* ===== Helpers ===== */

static dyad_doc *code_with(const dyad_engine *e, const char *text,
                           const char *date) {
  dyad_doc_meta meta = {"test", date};
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(e, text, strlen(text), &meta, &doc), DYAD_OK);
  assert_non_null(doc);
  return doc;
}

static dyad_doc *code(const char *text, const char *date) {
  return code_with(eng, text, date);
}

static int str_is(dyad_str s, const char *want) {
  return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static void assert_str(dyad_str s, const char *want) {
  if (!str_is(s, want))
    fail_msg("got \"%.*s\", wanted \"%s\"", (int)s.len, s.ptr, want);
}

static void dump(const dyad_doc *doc) {
  for (size_t i = 0; i < dyad_doc_event_count(doc); i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    print_message("  event %zu: %s %.*s -> %.*s (%.*s)\n", i, e->code,
                  (int)e->source.code.len, e->source.code.ptr,
                  (int)e->target.code.len, e->target.code.ptr,
                  (int)e->verb_text.len, e->verb_text.ptr);
  }
}

/* The event with this source and target code (and root, when not NULL). */
static const dyad_event *find_event(const dyad_doc *doc, const char *src,
                                    const char *tgt, const char *root) {
  for (size_t i = 0; i < dyad_doc_event_count(doc); i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    if (str_is(e->source.code, src) && str_is(e->target.code, tgt) &&
        (!root || strcmp(e->root, root) == 0))
      return e;
  }
  return NULL;
}

static const dyad_event *expect_event(const dyad_doc *doc, const char *src,
                                      const char *tgt, const char *root) {
  const dyad_event *e = find_event(doc, src, tgt, root);
  if (!e) {
    dump(doc);
    fail_msg("no event %s -> %s (root %s)", src, tgt, root ? root : "any");
  }
  return e;
}

/* The actor names `words`, at its span in the input. */
static void assert_actor_text(const char *input, const dyad_actor *a,
                              const char *words) {
  assert_str(a->text, words);
  assert_int_equal(a->span.end - a->span.start, strlen(words));
  assert_memory_equal(input + a->span.start, words, strlen(words));
  assert_int_equal(a->resolved_from.len, 0);
}

/* Spans of an event agree with the input and the document's sentences. */
static void assert_event_spans(const dyad_doc *doc, const char *input,
                               const dyad_event *e, const char *verb) {
  /* The verb group as written, at its span. */
  assert_true(e->verb_span.end > e->verb_span.start);
  assert_int_equal(e->verb_text.len, e->verb_span.end - e->verb_span.start);
  assert_memory_equal(input + e->verb_span.start, e->verb_text.ptr,
                      e->verb_text.len);
  assert_str(e->verb_text, verb);
  /* The sentence. */
  assert_true(e->sentence < dyad_doc_sentence_count(doc));
  dyad_span ss = dyad_doc_sentence_span(doc, e->sentence);
  assert_int_equal(e->sentence_span.start, ss.start);
  assert_int_equal(e->sentence_span.end, ss.end);
  assert_int_equal(e->text.len, ss.end - ss.start);
  assert_memory_equal(input + ss.start, e->text.ptr, e->text.len);
  /* The verb and the actors' spans lie inside the sentence. */
  assert_true(e->verb_span.start >= ss.start && e->verb_span.end <= ss.end);
  assert_true(e->source.span.start >= ss.start &&
              e->source.span.end <= ss.end);
  if (e->target.code.len)
    assert_true(e->target.span.start >= ss.start &&
                e->target.span.end <= ss.end);
  /* Code, root and tables agree. */
  assert_int_equal(strncmp(e->code, e->root, 2), 0);
  assert_int_equal(strlen(e->root), 2);
  assert_int_equal(e->quad_class, dyad_quad_class(e->code));
  assert_true(e->quad_class >= 1 && e->quad_class <= 4);
  assert_non_null(dyad_cameo_name(e->code));
}

static size_t count_source(const dyad_doc *doc, const char *src) {
  size_t n = 0;
  for (size_t i = 0; i < dyad_doc_event_count(doc); i++)
    if (str_is(dyad_doc_event(doc, i)->source.code, src))
      n++;
  return n;
}

/* ===== Tests ===== */

static void test_compound_subject(void **state) {
  (void)state;
  const char *s = "Japan and China signed a trade agreement with Russia.";
  dyad_doc *doc = code(s, "2023-06-01");
  assert_int_equal(dyad_doc_sentence_count(doc), 1);
  assert_int_equal(dyad_doc_event_count(doc), 2);
  const dyad_event *a = expect_event(doc, "JPN", "RUS", "05");
  const dyad_event *b = expect_event(doc, "CHN", "RUS", "05");
  assert_true(a != b);
  assert_actor_text(s, &a->source, "Japan");
  assert_actor_text(s, &b->source, "China");
  assert_actor_text(s, &a->target, "Russia");
  assert_actor_text(s, &b->target, "Russia");
  assert_str(a->source.country, "JPN");
  assert_str(a->source.role, "");
  assert_event_spans(doc, s, a, "signed");
  assert_event_spans(doc, s, b, "signed");
  assert_str(a->verb_lemma, "sign");
  assert_int_equal(a->negated, 0);
  assert_int_equal(a->passive, 0);
  assert_int_equal(a->sentence, 0);
  assert_str(a->date, "2023-06-01");
  assert_str(dyad_doc_id(doc), "test");
  assert_str(dyad_doc_date(doc), "2023-06-01");
  /* No event between the members of the subject. */
  assert_null(find_event(doc, "JPN", "CHN", NULL));
  assert_null(find_event(doc, "CHN", "JPN", NULL));
  dyad_doc_free(doc);
}

static void test_passive_by_agent(void **state) {
  (void)state;
  const char *s = "Ukraine was attacked by Russia.";
  dyad_doc *doc = code(s, "2023-06-01");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  const dyad_event *e = expect_event(doc, "RUS", "UKR", "19");
  assert_int_equal(e->passive, 1);
  assert_int_equal(e->quad_class, 4);
  assert_actor_text(s, &e->source, "Russia");
  assert_actor_text(s, &e->target, "Ukraine");
  assert_event_spans(doc, s, e, "was attacked");
  assert_str(e->verb_lemma, "attack");
  assert_null(find_event(doc, "UKR", "RUS", NULL));
  dyad_doc_free(doc);

  /* The active voice gives the same dyad, not flagged passive. */
  const char *s2 = "Russia attacked Ukraine.";
  doc = code(s2, "2023-06-01");
  e = expect_event(doc, "RUS", "UKR", "19");
  assert_int_equal(e->passive, 0);
  assert_actor_text(s2, &e->source, "Russia");
  assert_actor_text(s2, &e->target, "Ukraine");
  dyad_doc_free(doc);
}

static void test_negated(void **state) {
  (void)state;
  const char *s = "Russia did not condemn Japan.";
  dyad_doc *doc = code(s, "2023-06-01");
  assert_int_equal(dyad_doc_event_count(doc), 0);
  dyad_doc_free(doc);

  doc = code_with(eng_negated, s, "2023-06-01");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  const dyad_event *e = expect_event(doc, "RUS", "JPN", "11");
  assert_int_equal(e->negated, 1);
  assert_actor_text(s, &e->source, "Russia");
  assert_actor_text(s, &e->target, "Japan");
  assert_event_spans(doc, s, e, "did not condemn");
  assert_str(e->verb_lemma, "condemn");
  dyad_doc_free(doc);

  /* The affirmative is not flagged, with either engine. */
  const char *s2 = "Russia condemned Japan.";
  doc = code_with(eng_negated, s2, "2023-06-01");
  e = expect_event(doc, "RUS", "JPN", "11");
  assert_int_equal(e->negated, 0);
  dyad_doc_free(doc);
}

static void test_pronoun(void **state) {
  (void)state;
  const char *s = "Kishida arrived in Washington on Monday. "
                  "He met Biden at the White House.";
  dyad_doc *doc = code(s, "2023-06-01");
  assert_int_equal(dyad_doc_sentence_count(doc), 2);
  const dyad_event *e = expect_event(doc, "JPNGOV", "USAGOV", "04");
  assert_int_equal(e->sentence, 1);
  assert_str(e->source.resolved_from, "He");
  assert_str(e->source.name, "Fumio Kishida");
  assert_str(e->source.country, "JPN");
  assert_str(e->source.role, "GOV");
  /* The actor is named by its antecedent; its span is where the text
   * refers to it, the anaphor. */
  assert_str(e->source.text, "Kishida");
  assert_memory_equal(s + e->source.span.start, "He", 2);
  assert_int_equal(e->source.span.end - e->source.span.start, 2);
  assert_actor_text(s, &e->target, "Biden");
  assert_str(e->target.name, "Joe Biden");
  assert_event_spans(doc, s, e, "met");
  dyad_doc_free(doc);

  /* Without an antecedent "He" codes nothing. */
  doc = code("He met Biden at the White House.", "2023-06-01");
  assert_int_equal(dyad_doc_event_count(doc), 0);
  dyad_doc_free(doc);
}

static void test_two_sides(void **state) {
  (void)state;
  const char *s = "Japan and China held talks in Beijing. "
                  "The two sides agreed to boost trade.";
  dyad_doc *doc = code(s, "2023-06-01");
  assert_int_equal(dyad_doc_sentence_count(doc), 2);
  const dyad_event *a = NULL, *b = NULL;
  size_t n1 = 0;
  for (size_t i = 0; i < dyad_doc_event_count(doc); i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    if (e->sentence != 1)
      continue;
    n1++;
    if (str_is(e->source.code, "JPN") && str_is(e->target.code, "CHN"))
      a = e;
    if (str_is(e->source.code, "CHN") && str_is(e->target.code, "JPN"))
      b = e;
  }
  if (!a || !b) {
    dump(doc);
    fail_msg("no pair of events JPN<->CHN in the second sentence");
  }
  assert_int_equal(n1, 2);
  assert_string_equal(a->code, b->code);
  assert_string_equal(a->root, "03");
  assert_str(a->source.resolved_from, "The two sides");
  assert_str(a->target.resolved_from, "The two sides");
  assert_str(b->source.resolved_from, "The two sides");
  assert_memory_equal(s + a->source.span.start, "The two sides", 13);
  assert_event_spans(doc, s, a, "agreed");
  assert_event_spans(doc, s, b, "agreed");
  dyad_doc_free(doc);
}

static void test_dated_leader(void **state) {
  (void)state;
  const char *s = "Stoltenberg met Lavrov in Moscow.";
  /* 2010: Norway's prime minister. */
  dyad_doc *doc = code(s, "2010-05-01");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  const dyad_event *e = expect_event(doc, "NORGOV", "RUSGOV", "04");
  assert_actor_text(s, &e->source, "Stoltenberg");
  assert_actor_text(s, &e->target, "Lavrov");
  assert_str(e->source.country, "NOR");
  assert_str(e->source.name, "Jens Stoltenberg");
  assert_event_spans(doc, s, e, "met");
  dyad_doc_free(doc);
  /* 2020: NATO's Secretary General. */
  doc = code(s, "2020-05-01");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  e = expect_event(doc, "IGOWSTNAT", "RUSGOV", "04");
  assert_str(e->source.country, "");
  assert_str(e->source.name, "Jens Stoltenberg");
  assert_actor_text(s, &e->source, "Stoltenberg");
  dyad_doc_free(doc);
  /* Between two terms (Norwegian PM until 2013-10-16, NATO from
   * 2014-10-01): the country of the nearest term, without a role.  On
   * 2013-11-01 that is Norway either way. */
  doc = code(s, "2013-11-01");
  e = expect_event(doc, "NOR", "RUSGOV", "04");
  assert_str(e->source.role, "");
  dyad_doc_free(doc);
  /* On 2014-01-15 the Norwegian term ended 91 days before and the NATO term
   * begins 259 days later: the nearest is still Norway. */
  doc = code(s, "2014-01-15");
  expect_event(doc, "NOR", "RUSGOV", "04");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  dyad_doc_free(doc);
}

static void test_request(void **state) {
  (void)state;
  const char *s = "Japan urged China to cooperate on climate change.";
  dyad_doc *doc = code(s, "2023-06-01");
  const dyad_event *e = expect_event(doc, "JPN", "CHN", "02");
  assert_actor_text(s, &e->source, "Japan");
  assert_actor_text(s, &e->target, "China");
  assert_event_spans(doc, s, e, "urged");
  assert_int_equal(e->quad_class, 1);
  /* China is asked to act: it does nothing itself. */
  assert_int_equal(count_source(doc, "CHN"), 0);
  dyad_doc_free(doc);
}

static void test_no_event(void **state) {
  (void)state;
  dyad_doc *doc = code("The weather was fine in Tokyo on Monday.",
                       "2023-06-01");
  assert_int_equal(dyad_doc_sentence_count(doc), 1);
  assert_int_equal(dyad_doc_event_count(doc), 0);
  assert_null(dyad_doc_event(doc, 0));
  char *out = NULL;
  size_t len = 99;
  assert_int_equal(dyad_doc_to_jsonl(doc, &out, &len), DYAD_OK);
  assert_non_null(out);
  assert_int_equal(len, 0);
  assert_string_equal(out, "");
  dyad_free(out);
  dyad_doc_free(doc);

  /* Empty input. */
  doc = code("", NULL);
  assert_int_equal(dyad_doc_event_count(doc), 0);
  assert_int_equal(dyad_doc_sentence_count(doc), 0);
  assert_str(dyad_doc_date(doc), "");
  dyad_doc_free(doc);
}

static void test_jsonl(void **state) {
  (void)state;
  const char *s = "Japan and China signed a trade agreement with Russia. "
                  "Ukraine was attacked by Russia.";
  dyad_doc *doc = code(s, "2023-06-01");
  size_t n = dyad_doc_event_count(doc);
  assert_int_equal(n, 3);
  char *out = NULL;
  size_t len = 0;
  assert_int_equal(dyad_doc_to_jsonl(doc, &out, &len), DYAD_OK);
  assert_non_null(out);
  assert_int_equal(strlen(out), len);
  /* One line per event, each an object with a code. */
  size_t lines = 0;
  const char *p = out;
  while (*p) {
    const char *nl = strchr(p, '\n');
    assert_non_null(nl);
    assert_true(nl > p);
    assert_int_equal(p[0], '{');
    assert_int_equal(nl[-1], '}');
    char line[4096];
    assert_true((size_t)(nl - p) < sizeof line);
    memcpy(line, p, (size_t)(nl - p));
    line[nl - p] = '\0';
    assert_non_null(strstr(line, "\"code\":\""));
    const dyad_event *e = dyad_doc_event(doc, lines);
    char want[64];
    snprintf(want, sizeof want, "\"code\":\"%s\"", e->code);
    assert_non_null(strstr(line, want));
    snprintf(want, sizeof want, "\"sentence\":%zu", e->sentence);
    assert_non_null(strstr(line, want));
    assert_non_null(strstr(line, "\"doc_id\":\"test\""));
    lines++;
    p = nl + 1;
  }
  assert_int_equal(lines, n);
  assert_non_null(strstr(out, "\"passive\":true"));
  dyad_free(out);

  /* TSV: one line per event too. */
  assert_int_equal(dyad_doc_to_tsv(doc, &out, &len), DYAD_OK);
  lines = 0;
  for (p = out; *p; p++)
    if (*p == '\n')
      lines++;
  assert_int_equal(lines, n);
  dyad_free(out);
  dyad_doc_free(doc);
}

/* The document copies what it keeps: its views stay valid after the
 * caller's buffer is gone. */
static void test_views_outlive_input(void **state) {
  (void)state;
  const char *s = "Russia attacked Ukraine.";
  size_t n = strlen(s);
  char *buf = malloc(n + 1);
  assert_non_null(buf);
  memcpy(buf, s, n + 1);
  dyad_doc_meta meta = {"x", "2023-06-01"};
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(eng, buf, n, &meta, &doc), DYAD_OK);
  assert_int_equal(dyad_doc_event_count(doc), 1);
  memset(buf, 'X', n);
  const dyad_event *e = dyad_doc_event(doc, 0);
  assert_str(e->source.code, "RUS");
  assert_str(e->source.text, "Russia");
  assert_str(e->target.text, "Ukraine");
  assert_str(e->verb_text, "attacked");
  assert_str(e->text, "Russia attacked Ukraine.");
  free(buf);
  dyad_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_compound_subject),
      cmocka_unit_test(test_passive_by_agent),
      cmocka_unit_test(test_negated),
      cmocka_unit_test(test_pronoun),
      cmocka_unit_test(test_two_sides),
      cmocka_unit_test(test_dated_leader),
      cmocka_unit_test(test_request),
      cmocka_unit_test(test_no_event),
      cmocka_unit_test(test_jsonl),
      cmocka_unit_test(test_views_outlive_input),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_formats.c -- unit tests of the field's output formats through the
 * public interface: GDELT 2.0 event rows (61 columns, each value in its
 * column, unknown fields empty), GDELT mentions rows, PETRARCH-2 event
 * lines (one line per distinct event), PLOVER JSON Lines and the CAMEO ->
 * PLOVER table, batching, the GDELT writer for events outside a document
 * (dyad_event_to_gdelt), and bad arguments.
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

/* ===== Helpers ===== */

typedef struct fixture {
  dyad_dict *dict;
  dyad_engine *eng;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f)
    return -1;
  char *err = NULL;
  if (dyad_dict_open(&f->dict, NULL, 0, 0, &err) != DYAD_OK) {
    dyad_free(err);
    free(f);
    return -1;
  }
  dyad_options opts = {DYAD_OPT_KEEP_NEGATED, 0};
  if (dyad_engine_new(&f->eng, f->dict, &opts) != DYAD_OK) {
    dyad_dict_free(f->dict);
    free(f);
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  dyad_engine_free(f->eng);
  dyad_dict_free(f->dict);
  free(f);
  return 0;
}

static dyad_doc *code_text(const fixture *f, const char *text, const char *id,
                           const char *date) {
  dyad_doc_meta meta = {id, date};
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(f->eng, text, strlen(text), &meta, &doc),
                   DYAD_OK);
  assert_non_null(doc);
  return doc;
}

typedef dyad_status (*writer)(const dyad_doc *, size_t, size_t, char **,
                              size_t *);

/* The whole document written by w (caller frees with dyad_free). */
static char *write_all(const dyad_doc *doc, writer w) {
  char *out = NULL;
  size_t len = 0;
  assert_int_equal(w(doc, 0, (size_t)-1, &out, &len), DYAD_OK);
  assert_non_null(out);
  assert_int_equal(strlen(out), len);
  return out;
}

#define MAX_FIELDS 80

/* Splits the first line of s at tabs into f (views copied into buf);
 * returns the number of fields. */
static size_t split_line(const char *s, char *buf, size_t cap,
                         char *f[MAX_FIELDS]) {
  size_t n = strcspn(s, "\n");
  assert_true(n < cap);
  memcpy(buf, s, n);
  buf[n] = '\0';
  size_t k = 0;
  char *p = buf;
  for (;;) {
    assert_true(k < MAX_FIELDS);
    f[k++] = p;
    char *t = strchr(p, '\t');
    if (!t)
      break;
    *t = '\0';
    p = t + 1;
  }
  return k;
}

static const char *attack = "Russian forces attacked Ukraine on Monday.";

/* ===== GDELT ===== */

static void test_gdelt_columns(void **state) {
  fixture *fx = *state;
  dyad_doc *doc = code_text(fx, attack, "doc-1", "2022-10-24");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  char *out = write_all(doc, dyad_doc_events_to_gdelt);
  char buf[4096], *f[MAX_FIELDS];
  assert_int_equal(split_line(out, buf, sizeof buf, f), 61);
  assert_string_equal(strchr(out, '\n') + 1, ""); /* one row, no header */
  /* GLOBALEVENTID: digits, below 2^63. */
  assert_true(strspn(f[0], "0123456789") == strlen(f[0]) && f[0][0]);
  assert_true(strtoull(f[0], NULL, 10) <= (uint64_t)INT64_MAX);
  assert_string_equal(f[1], "20221024");
  assert_string_equal(f[2], "202210");
  assert_string_equal(f[3], "2022");
  assert_string_equal(f[4], "2022.8055"); /* as GDELT's own file has it */
  assert_string_equal(f[5], "RUSMIL");
  assert_string_equal(f[6], "RUSSIAN FORCES");
  assert_string_equal(f[7], "RUS");
  for (int i = 8; i <= 11; i++) /* KnownGroup, Ethnic, Religion1/2 */
    assert_string_equal(f[i], "");
  assert_string_equal(f[12], "MIL");
  assert_string_equal(f[13], "");
  assert_string_equal(f[14], "");
  assert_string_equal(f[15], "UKR");
  assert_string_equal(f[16], "UKRAINE");
  assert_string_equal(f[17], "UKR");
  for (int i = 18; i <= 24; i++)
    assert_string_equal(f[i], "");
  assert_string_equal(f[25], "1"); /* first sentence: root event */
  assert_string_equal(f[26], "190");
  assert_string_equal(f[27], "190");
  assert_string_equal(f[28], "19");
  assert_string_equal(f[29], "4");
  assert_string_equal(f[30], "-10.0");
  assert_string_equal(f[31], "1");
  assert_string_equal(f[32], "1");
  assert_string_equal(f[33], "1");
  for (int i = 34; i <= 59; i++) /* AvgTone, geography, DATEADDED */
    assert_string_equal(f[i], "");
  assert_string_equal(f[60], "doc-1");

  /* The id is stable: the same document coded again gives the same id. */
  dyad_doc *again = code_text(fx, attack, "doc-1", "2022-10-24");
  char *out2 = write_all(again, dyad_doc_events_to_gdelt);
  assert_string_equal(out, out2);
  /* ... and another document id gives another. */
  dyad_doc *other = code_text(fx, attack, "doc-2", "2022-10-24");
  char *out3 = write_all(other, dyad_doc_events_to_gdelt);
  assert_true(strncmp(out, out3, strlen(f[0]) + 1) != 0);

  /* The mentions row shares the id. */
  char *m = write_all(doc, dyad_doc_events_to_gdelt_mentions);
  char mbuf[4096], *g[MAX_FIELDS];
  assert_int_equal(split_line(m, mbuf, sizeof mbuf, g), 16);
  assert_string_equal(g[0], f[0]);
  assert_string_equal(g[1], "");
  assert_string_equal(g[2], "");
  assert_string_equal(g[3], "2"); /* not a URL: a citation */
  assert_string_equal(g[4], "");
  assert_string_equal(g[5], "doc-1");
  assert_string_equal(g[6], "1");
  assert_string_equal(g[7], "0");  /* "Russian forces" */
  assert_string_equal(g[8], "24"); /* "Ukraine" */
  assert_string_equal(g[9], "15"); /* "attacked" */
  assert_string_equal(g[10], "1");
  assert_string_equal(g[11], "");
  char len[32];
  snprintf(len, sizeof len, "%zu", strlen(attack));
  assert_string_equal(g[12], len);
  for (int i = 13; i <= 15; i++)
    assert_string_equal(g[i], "");

  dyad_free(m);
  dyad_free(out3);
  dyad_free(out2);
  dyad_free(out);
  dyad_doc_free(other);
  dyad_doc_free(again);
  dyad_doc_free(doc);
}

/* An undated document leaves the four date columns empty. */
static void test_gdelt_undated(void **state) {
  fixture *fx = *state;
  dyad_doc *doc = code_text(fx, attack, "u", NULL);
  char *out = write_all(doc, dyad_doc_events_to_gdelt);
  char buf[4096], *f[MAX_FIELDS];
  assert_int_equal(split_line(out, buf, sizeof buf, f), 61);
  for (int i = 1; i <= 4; i++)
    assert_string_equal(f[i], "");
  assert_string_equal(f[26], "190");
  dyad_free(out);
  dyad_doc_free(doc);
}

/* The same event stated twice is one event with two mentions: one GDELT
 * row with NumMentions 2, two mention rows, one PETRARCH line naming both
 * sentences; a negated event is in neither. */
static void test_repeats_and_negation(void **state) {
  fixture *fx = *state;
  const char *text = "Prime Minister Kishida strongly condemned Russia. "
                     "Kishida again condemned Russia on Wednesday. "
                     "Russia said it would not attack Poland.";
  dyad_doc *doc = code_text(fx, text, "d", "2023-02-01");
  assert_int_equal(dyad_doc_event_count(doc), 2);
  const dyad_event *e0 = dyad_doc_event(doc, 0);
  assert_int_equal(e0->num_mentions, 2);
  assert_int_equal(e0->mentions[0].sentence, 0);
  assert_int_equal(e0->mentions[1].sentence, 1);
  assert_true(dyad_doc_event(doc, 1)->negated);
  char *out = write_all(doc, dyad_doc_events_to_gdelt);
  char buf[4096], *f[MAX_FIELDS];
  assert_int_equal(split_line(out, buf, sizeof buf, f), 61);
  assert_string_equal(strchr(out, '\n') + 1, ""); /* negated: left out */
  assert_string_equal(f[26], "111");
  assert_string_equal(f[31], "2");
  assert_string_equal(f[25], "1");
  char *mo = write_all(doc, dyad_doc_events_to_gdelt_mentions);
  char mb[4096], *mf[MAX_FIELDS], mb2[4096], *mg[MAX_FIELDS];
  const char *m2 = strchr(mo, '\n') + 1;
  assert_int_equal(split_line(mo, mb, sizeof mb, mf), 16);
  assert_int_equal(split_line(m2, mb2, sizeof mb2, mg), 16);
  assert_string_equal(strchr(m2, '\n') + 1, "");
  assert_string_equal(mf[0], f[0]);
  assert_string_equal(mg[0], f[0]);
  assert_string_equal(mf[6], "1");
  assert_string_equal(mg[6], "2");
  assert_string_equal(mg[7], "-1");
  dyad_free(mo);

  char *p = write_all(doc, dyad_doc_events_to_petrarch);
  assert_string_equal(p, "20230201\tJPNGOV\tRUS\t111\t\td_0;d_1\tNULL\n");

  /* Batches of one give the same bytes as one call. */
  writer ws[] = {dyad_doc_events_to_gdelt, dyad_doc_events_to_gdelt_mentions,
                 dyad_doc_events_to_petrarch, dyad_doc_events_to_plover};
  for (size_t w = 0; w < sizeof ws / sizeof ws[0]; w++) {
    char *whole = write_all(doc, ws[w]);
    char cat[8192];
    size_t used = 0;
    for (size_t i = 0; i < 4; i++) {
      char *part = NULL;
      size_t len = 0;
      assert_int_equal(ws[w](doc, i, 1, &part, &len), DYAD_OK);
      assert_true(used + len < sizeof cat);
      memcpy(cat + used, part, len);
      used += len;
      dyad_free(part);
    }
    cat[used] = '\0';
    assert_string_equal(cat, whole);
    dyad_free(whole);
  }

  /* PLOVER keeps the negated event and says so. */
  char *pl = write_all(doc, dyad_doc_events_to_plover);
  assert_non_null(strstr(pl, "\"cameo\":\"138\""));
  assert_non_null(strstr(pl, "\"negated\":true"));
  dyad_free(pl);
  dyad_free(p);
  dyad_free(out);
  dyad_doc_free(doc);
}

/* ===== PETRARCH ===== */

static void test_petrarch_line(void **state) {
  fixture *fx = *state;
  dyad_doc *doc = code_text(fx, attack, "doc-1", "2022-10-24");
  char *out = write_all(doc, dyad_doc_events_to_petrarch);
  assert_string_equal(out, "20221024\tRUSMIL\tUKR\t190\t\tdoc-1_0\tNULL\n");
  dyad_free(out);
  dyad_doc_free(doc);
}

/* ===== PLOVER ===== */

static void test_plover_table(void **state) {
  (void)state;
  assert_string_equal(dyad_plover_type("111"), "ACCUSE");
  assert_string_equal(dyad_plover_type("112"), "ACCUSE");
  assert_string_equal(dyad_plover_type("091"), "ACCUSE");
  assert_string_equal(dyad_plover_type("190"), "ASSAULT");
  assert_string_equal(dyad_plover_type("200"), "ASSAULT");
  assert_string_equal(dyad_plover_type("042"), "CONSULT");
  assert_string_equal(dyad_plover_type("036"), "AGREE");
  assert_string_equal(dyad_plover_type("057"), "SUPPORT");
  assert_string_equal(dyad_plover_type("0831"), "CONCEDE");
  assert_string_equal(dyad_plover_type("0874"), "RETREAT");
  assert_string_equal(dyad_plover_type("100"), "REQUEST");
  assert_string_equal(dyad_plover_type("163"), "COERCE");
  assert_string_equal(dyad_plover_type("173"), "COERCE");
  assert_string_equal(dyad_plover_type("14"), "PROTEST");
  assert_null(dyad_plover_type("010")); /* CAMEO 01, 02: dropped */
  assert_null(dyad_plover_type("020"));
  assert_null(dyad_plover_type("999"));
  assert_null(dyad_plover_type(""));
  assert_null(dyad_plover_type(NULL));
  /* Every CAMEO code dyad knows, outside 01 and 02, has a PLOVER type. */
  char code[8];
  size_t known = 0;
  for (int len = 2; len <= 4; len++) {
    int lim = len == 2 ? 100 : len == 3 ? 1000 : 10000;
    for (int v = 0; v < lim; v++) {
      snprintf(code, sizeof code, "%0*d", len, v);
      if (!dyad_cameo_name(code))
        continue;
      known++;
      if (strncmp(code, "01", 2) && strncmp(code, "02", 2)) {
        if (!dyad_plover_type(code))
          fail_msg("no PLOVER type for CAMEO %s", code);
      }
    }
  }
  assert_true(known > 250);
}

static void test_plover_json(void **state) {
  fixture *fx = *state;
  const char *text = "Russian forces attacked Ukraine on Monday. "
                     "Japanese Prime Minister Fumio Kishida visited Ukraine. "
                     "Kishida strongly condemned Russia.";
  dyad_doc *doc = code_text(fx, text, "p", "2023-02-01");
  char *out = write_all(doc, dyad_doc_events_to_plover);
  const char *l1 = out, *l2 = strchr(l1, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
  assert_string_equal(strchr(l3, '\n') + 1, "");
  assert_non_null(strstr(l1, "\"event_type\":\"ASSAULT\",\"mode\":\"\","
                             "\"context\":\"military\""));
  assert_non_null(strstr(l1, "\"actor\":{\"code\":\"RUSMIL\",\"country\":"
                             "\"RUS\",\"sector\":\"MIL\""));
  assert_non_null(strstr(l1, "\"recipient\":{\"code\":\"UKR\""));
  assert_non_null(strstr(l1, "\"cameo\":\"190\""));
  assert_non_null(strstr(l2, "\"event_type\":\"CONSULT\",\"mode\":\"visit\""));
  assert_non_null(strstr(l3, "\"event_type\":\"ACCUSE\""));
  /* No date of its own: the story's, from "on Monday". */
  assert_non_null(strstr(l3, "\"doc_id\":\"p\",\"sentence\":2,"
                             "\"date\":\"2023-01-30\""));
  assert_null(strstr(out, "negated"));
  dyad_free(out);
  dyad_doc_free(doc);
}

/* Appeals (CAMEO 02) have no PLOVER type: no record. */
static void test_plover_dropped(void **state) {
  fixture *fx = *state;
  dyad_doc *doc =
      code_text(fx, "The president of Brazil urged China to cooperate.", "a",
                "2023-02-01");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  assert_string_equal(dyad_doc_event(doc, 0)->root, "02");
  char *out = write_all(doc, dyad_doc_events_to_plover);
  assert_string_equal(out, "");
  dyad_free(out);
  dyad_doc_free(doc);
}

/* dyad_event_to_gdelt, the writer for events outside a document (dyad
 * query's rows), writes the bytes dyad_doc_events_to_gdelt writes when
 * given the same rank and NumMentions, and a copy of the event holding
 * only the fields it reads (as a database row gives them) writes the same
 * row; another rank or NumMentions changes the id or the count. */
static void test_gdelt_event_writer(void **state) {
  fixture *fx = *state;
  const char *text = "Prime Minister Kishida strongly condemned Russia. "
                     "Kishida again condemned Russia on Wednesday.";
  dyad_doc *doc = code_text(fx, text, "d", "2023-02-01");
  assert_int_equal(dyad_doc_event_count(doc), 1);
  char *whole = write_all(doc, dyad_doc_events_to_gdelt);
  const dyad_event *e = dyad_doc_event(doc, 0);
  char *row = NULL;
  size_t len = 0;
  assert_int_equal(dyad_event_to_gdelt(e, dyad_doc_id(doc), 0, 2, &row, &len),
                   DYAD_OK);
  assert_int_equal(strlen(row), len);
  assert_string_equal(row, whole);
  dyad_free(row);

  dyad_event copy;
  memset(&copy, 0, sizeof copy);
  copy.sentence = e->sentence;
  memcpy(copy.code, e->code, sizeof copy.code);
  memcpy(copy.root, e->root, sizeof copy.root);
  copy.quad_class = e->quad_class;
  copy.goldstein = e->goldstein;
  copy.date = e->date;
  copy.source.code = e->source.code;
  copy.source.name = e->source.name;
  copy.source.text = e->source.text;
  copy.source.country = e->source.country;
  copy.source.role = e->source.role;
  copy.target = e->target;
  dyad_str id = {"d", 1};
  assert_int_equal(dyad_event_to_gdelt(&copy, id, 0, 2, &row, &len), DYAD_OK);
  assert_string_equal(row, whole);
  dyad_free(row);

  char buf[4096], *f[MAX_FIELDS], buf2[4096], *g[MAX_FIELDS];
  split_line(whole, buf, sizeof buf, f);
  copy.num_articles = 3;
  assert_int_equal(dyad_event_to_gdelt(&copy, id, 1, 5, &row, &len), DYAD_OK);
  assert_int_equal(split_line(row, buf2, sizeof buf2, g), 61);
  assert_string_not_equal(g[0], f[0]); /* a second rank: another id */
  assert_string_equal(g[31], "5");
  assert_string_equal(g[32], "3");
  assert_string_equal(g[33], "3");
  assert_string_equal(g[60], "d");
  dyad_free(row);

  assert_int_equal(dyad_event_to_gdelt(NULL, id, 0, 1, &row, &len),
                   DYAD_ERR_ARG);
  assert_int_equal(dyad_event_to_gdelt(&copy, id, 0, 1, NULL, &len),
                   DYAD_ERR_ARG);
  dyad_free(whole);
  dyad_doc_free(doc);
}

/* ===== Arguments ===== */

static void test_bad_args(void **state) {
  fixture *fx = *state;
  char *out = NULL;
  size_t len = 0;
  writer ws[] = {dyad_doc_events_to_gdelt, dyad_doc_events_to_gdelt_mentions,
                 dyad_doc_events_to_petrarch, dyad_doc_events_to_plover};
  dyad_doc *doc = code_text(fx, attack, "x", "2022-10-24");
  for (size_t w = 0; w < sizeof ws / sizeof ws[0]; w++) {
    assert_int_equal(ws[w](NULL, 0, 1, &out, &len), DYAD_ERR_ARG);
    assert_int_equal(ws[w](doc, 0, 1, NULL, &len), DYAD_ERR_ARG);
    assert_int_equal(ws[w](doc, 0, 1, &out, NULL), DYAD_ERR_ARG);
    /* A range past the end is empty, not an error. */
    assert_int_equal(ws[w](doc, 5, 10, &out, &len), DYAD_OK);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");
    dyad_free(out);
  }
  dyad_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gdelt_columns),
      cmocka_unit_test(test_gdelt_undated),
      cmocka_unit_test(test_repeats_and_negation),
      cmocka_unit_test(test_gdelt_event_writer),
      cmocka_unit_test(test_petrarch_line),
      cmocka_unit_test(test_plover_table),
      cmocka_unit_test(test_plover_json),
      cmocka_unit_test(test_plover_dropped),
      cmocka_unit_test(test_bad_args),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

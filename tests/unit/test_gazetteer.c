/* test_gazetteer.c -- unit tests of the embedded gazetteer (src/doc/
 * gazetteer.c reading build/gen/places.txt: data/places/places.txt, then
 * data/places/countries.txt).
 *
 * The embedded text loads whole with one `country` line per code; country
 * names match as countries with their centre; a name on both files keeps
 * places.txt's line as the default reading and the country as the next
 * (Georgia); parts of a country with their own line are not country names
 * (New Mexico, West Bank); names left out stay out (America, bare Korea);
 * case: a capitalised name wants a capital, a lower-case word any case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/doc/gazetteer.h"

#include "text_doc.h"

/* One gazetteer for the whole file: loading it reads some 3,800 lines. */
static dyad__gazetteer gaz;

static int setup(void **state) {
  (void)state;
  return dyad__gazetteer_load(&gaz);
}

static int teardown(void **state) {
  (void)state;
  dyad__gazetteer_free(&gaz);
  return 0;
}

/* Matches the text s from its first token: the number of tokens the
 * longest place name covers (0: none), its first reading in *name. */
static size_t match(const char *s, int32_t *name) {
  doc d;
  run(&d, s, strlen(s));
  size_t n = dyad__gazetteer_match(&gaz, d.toks, d.n, 0, name);
  done(&d);
  return n;
}

/* The place of reading nm. */
static const dyad__place *place_of(int32_t nm) {
  assert_true(nm >= 0 && (size_t)nm < gaz.n_names);
  return &gaz.places[gaz.names[nm].place];
}

/* Asserts that s reads first as a country of code, centred at lat, lon,
 * covering all words tokens. */
static void expect_country(const char *s, size_t words, const char *code,
                           float lat, float lon) {
  int32_t nm;
  size_t n = match(s, &nm);
  if (n != words)
    fail_msg("\"%s\": %zu tokens matched, wanted %zu", s, n, words);
  const dyad__place *p = place_of(nm);
  if (p->kind != DYAD__PLACE_COUNTRY || memcmp(p->code, code, 3) != 0)
    fail_msg("\"%s\": read as %s (%s, kind %d), wanted the country %s", s,
             p->name, p->code, p->kind, code);
  assert_float_equal(p->lat, lat, 0.001);
  assert_float_equal(p->lon, lon, 0.001);
}

static void test_loads_whole(void **state) {
  (void)state;
  assert_int_equal(gaz.n_bad, 0);
  /* One country line per code: no code twice among the country places. */
  size_t countries = 0;
  for (size_t i = 0; i < gaz.n_places; i++) {
    if (gaz.places[i].kind != DYAD__PLACE_COUNTRY)
      continue;
    countries++;
    for (size_t j = i + 1; j < gaz.n_places; j++)
      if (gaz.places[j].kind == DYAD__PLACE_COUNTRY &&
          memcmp(gaz.places[i].code, gaz.places[j].code, 3) == 0)
        fail_msg("%s and %s: two country lines for %s", gaz.places[i].name,
                 gaz.places[j].name, gaz.places[i].code);
  }
  assert_int_equal(countries, 250); /* the codes of data/countries.txt */
  /* places.txt comes first: its places precede every country line. */
  size_t first_country = gaz.n_places;
  for (size_t i = 0; i < gaz.n_places; i++)
    if (gaz.places[i].kind == DYAD__PLACE_COUNTRY && first_country > i)
      first_country = i;
  for (size_t i = first_country; i < gaz.n_places; i++)
    assert_int_equal(gaz.places[i].kind, DYAD__PLACE_COUNTRY);
}

static void test_country_names(void **state) {
  (void)state;
  expect_country("Japan", 1, "JPN", 36.20f, 138.25f);
  expect_country("Nippon", 1, "JPN", 36.20f, 138.25f);
  /* The longest name wins over the shorter country inside it. */
  expect_country("Papua New Guinea", 3, "PNG", -6.31f, 143.96f);
  expect_country("Democratic Republic of the Congo", 5, "COD", -4.04f,
                 21.76f);
  expect_country("Republic of Korea", 3, "KOR", 35.91f, 127.77f);
  expect_country("U.S.", 1, "USA", 39.83f, -98.58f);
  expect_country("Cote d'Ivoire", 2, "CIV", 7.54f, -5.55f);
  /* Main territories: metropolitan France, the contiguous United States. */
  expect_country("France", 1, "FRA", 46.23f, 2.21f);
  expect_country("United States", 2, "USA", 39.83f, -98.58f);
  /* A part with another country's name inside stays on its country's
   * line: the Niger Delta is Nigeria's, not Niger's. */
  expect_country("Niger Delta", 2, "NGA", 9.08f, 8.68f);
  /* A lower-case word of a name matches any case. */
  expect_country("Mainland China", 2, "CHN", 35.86f, 104.20f);
  expect_country("mainland China", 2, "CHN", 35.86f, 104.20f);
}

static void test_adjectives_are_not_places(void **state) {
  (void)state;
  int32_t nm;
  assert_int_equal(match("Japanese", &nm), 0);
  assert_int_equal(match("Ukrainian", &nm), 0);
  assert_int_equal(match("Britons", &nm), 0);
}

static void test_places_txt_reads_first(void **state) {
  (void)state;
  /* Georgia: the U.S. state of places.txt, then the country. */
  int32_t nm;
  assert_int_equal(match("Georgia", &nm), 1);
  const dyad__place *p = place_of(nm);
  assert_memory_equal(p->code, "USA", 3);
  assert_int_equal(p->kind, DYAD__PLACE_ADMIN);
  int32_t next = gaz.names[nm].next;
  assert_true(next >= 0);
  p = place_of(next);
  assert_memory_equal(p->code, "GEO", 3);
  assert_int_equal(p->kind, DYAD__PLACE_COUNTRY);
}

/* Parts of a country that countries.txt lists among its names keep their
 * own line and centre, with no country reading after it. */
static void expect_part(const char *s, size_t words, const char *code,
                        int kind) {
  int32_t nm;
  size_t n = match(s, &nm);
  if (n != words)
    fail_msg("\"%s\": %zu tokens matched, wanted %zu", s, n, words);
  for (int32_t j = nm; j >= 0; j = gaz.names[j].next) {
    const dyad__place *p = place_of(j);
    if (memcmp(p->code, code, 3) == 0 && p->kind == DYAD__PLACE_COUNTRY)
      fail_msg("\"%s\" has the country reading %s", s, p->name);
  }
  const dyad__place *p = place_of(nm);
  assert_memory_equal(p->code, code, 3);
  assert_int_equal(p->kind, kind);
}

static void test_parts_keep_their_line(void **state) {
  (void)state;
  expect_part("New Mexico", 2, "USA", DYAD__PLACE_ADMIN);
  expect_part("Scotland", 1, "GBR", DYAD__PLACE_ADMIN);
  expect_part("West Bank", 2, "PSE", DYAD__PLACE_REGION);
  expect_part("Gaza", 1, "PSE", DYAD__PLACE_REGION);
  expect_part("Tahiti", 1, "PYF", DYAD__PLACE_FEATURE);
}

static void test_left_out(void **state) {
  (void)state;
  int32_t nm;
  /* America is also the continents; bare Korea is either Korea. */
  assert_int_equal(match("America", &nm), 0);
  assert_int_equal(match("Korea", &nm), 0);
  /* Far parts with no line of their own. */
  assert_int_equal(match("Jan Mayen", &nm), 0);
  assert_int_equal(match("Tristan da Cunha", &nm), 0);
  /* A capitalised name wants a capital: "china" and "turkey" are not
   * countries. */
  assert_int_equal(match("china", &nm), 0);
  assert_int_equal(match("turkey", &nm), 0);
  expect_country("Turkey", 1, "TUR", 38.96f, 35.24f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_loads_whole),
      cmocka_unit_test(test_country_names),
      cmocka_unit_test(test_adjectives_are_not_places),
      cmocka_unit_test(test_places_txt_reads_first),
      cmocka_unit_test(test_parts_keep_their_line),
      cmocka_unit_test(test_left_out),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

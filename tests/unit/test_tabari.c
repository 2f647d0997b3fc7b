/* test_tabari.c -- unit tests of the peer reading (DYAD_OPT_PEER) with
 * small dictionaries in TABARI's formats, written for the test.
 *
 * Checked, each against the events TABARI's validation suite expects of
 * the same construction: agents joined to any actor code unless the code
 * already carries them, "former" making the agent ELI, a sentence all in
 * capitals, the <NOUN>/<ADJECTIVE> lists deciding whether "and" joins a
 * compound, a '%' compound acting on each other with both codes of a pair,
 * "their" standing for a coordination as the default target, a target not
 * looked for past a conjunction joining another verb, and the source of a
 * predicate whose conjoined predicate coded nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "dyad.h"

/* ===== Dictionaries ===== */

static const char actors[] =
    "<NOUN>\n"
    "SHEEP\n"
    "GOATS\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "AWFUL\n"
    "EVIL\n"
    "</ADJECTIVE>\n"
    "AMNESTY_INTERNATIONAL [NGM]\n"
    "ARNOR  [ARN]\n"
    "CALIMEHTAR  [CAL]\n"
    "FORNOST  [FOR]\n"
    "GONDOR  [GON]\n"
    "ITHILEN  [ITH]\n"
    "OSGILIATH  [OSG]\n"
    "RED_CROSS  [NGO]\n"
    "SECRETARY_GENERAL  [UNO]\n"
    "WEST_GERMAN  [GMWGOV]\n"
    "WHITE_HOUSE  [USAGOV]\n";

static const char agents[] =
    "AMBASSADOR_  [~GOV]\n"
    "HUMAN_RIGHTS_ACTIVISTS_  [NGM~]\n"
    "MINISTER_  [~GOV]\n"
    "SECURITY_OFFICIALS_  [~GOV]\n"
    "SOLDIERS_  [~MIL]\n"
    "WORLD_GOVERNMENT_  [~WGO]\n";

static const char verbs[] =
    "ACKNOWLEDGE  [023]\n"
    "AFFIRM  [042]\n"
    "ALLEGE  [022]\n"
    "ALLOW  [060]\n"
    "MEET  [031]\n"
    "PRESENT  [---]\n"
    "- * CREDENTIALS  [032]\n"
    "RESTOR  [064]\n"
    "WARN  [160]\n"
    "WELCXME  [---]\n"
    "- % *  [044:045]\n";

static char tmp_dir[64];
static char paths[3][192];
static dyad_dict *dict;
static dyad_engine *eng;

static const char *write_named(int i, const char *name, const char *text) {
  snprintf(paths[i], sizeof paths[i], "%s/%s", tmp_dir, name);
  FILE *f = fopen(paths[i], "wb");
  if (!f)
    return NULL;
  size_t n = fwrite(text, 1, strlen(text), f);
  if (fclose(f) != 0 || n != strlen(text))
    return NULL;
  return paths[i];
}

static int setup(void **state) {
  (void)state;
  strcpy(tmp_dir, "/tmp/dyadtabari-XXXXXX");
  if (!mkdtemp(tmp_dir))
    return -1;
  const char *files[3] = {write_named(0, "test.actors", actors),
                          write_named(1, "test.agents", agents),
                          write_named(2, "test.verbs", verbs)};
  for (int i = 0; i < 3; i++)
    if (!files[i])
      return -1;
  char *err = NULL;
  if (dyad_dict_open(&dict, files, 3, DYAD_DICT_NO_BUILTIN, &err) !=
      DYAD_OK) {
    dyad_free(err);
    return -1;
  }
  dyad_options o = {DYAD_OPT_PEER, 0};
  return dyad_engine_new(&eng, dict, &o) == DYAD_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  dyad_engine_free(eng);
  dyad_dict_free(dict);
  for (int i = 0; i < 3; i++)
    unlink(paths[i]);
  rmdir(tmp_dir);
  return 0;
}

/* ===== Helpers ===== */

/* Codes text and checks that its events are exactly `want`, a list of
 * "SRC TGT CODE" strings ended by NULL (order free, duplicates counted
 * once). */
static void expect_events(const char *text, const char *const *want) {
  dyad_doc_meta meta = {"test", "1995-01-05"};
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(eng, text, strlen(text), &meta, &doc), DYAD_OK);
  size_t n = dyad_doc_event_count(doc), nw = 0;
  char got[32][48];
  size_t ng = 0;
  for (size_t i = 0; i < n && ng < 32; i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    char one[48];
    snprintf(one, sizeof one, "%.*s %.*s %s", (int)e->source.code.len,
             e->source.code.ptr, (int)e->target.code.len, e->target.code.ptr,
             e->code);
    int dup = 0;
    for (size_t j = 0; j < ng; j++)
      dup |= !strcmp(got[j], one);
    if (!dup)
      strcpy(got[ng++], one);
  }
  dyad_doc_free(doc);
  int ok = 1;
  for (; want[nw]; nw++) {
    int hit = 0;
    for (size_t j = 0; j < ng; j++)
      hit |= !strcmp(got[j], want[nw]);
    ok &= hit;
  }
  ok &= ng == nw;
  if (!ok) {
    for (size_t j = 0; j < ng; j++)
      print_message("  got: %s\n", got[j]);
    fail_msg("\"%s\": %zu events, %zu wanted (first wanted: %s)", text, ng,
             nw, nw ? want[0] : "none");
  }
}

/* ===== Tests ===== */

static void test_agents(void **state) {
  (void)state;
  /* A suffix agent the code already ends with is not added again. */
  expect_events("White House security officials met Gondor on Monday.",
                (const char *const[]){"USAGOV GON 031", NULL});
  /* Any code takes an agent, a six-letter one too. */
  expect_events("West German world government activists met Gondor on "
                "Monday.",
                (const char *const[]){"GMWGOVWGO GON 031", NULL});
  /* A prefix agent the code already begins with is not added again. */
  expect_events("Human rights activists Amnesty International met Gondor "
                "on Monday.",
                (const char *const[]){"NGM GON 031", NULL});
  /* "former" makes the agent ELI. */
  expect_events("Arnor former security officials met Gondor on Monday.",
                (const char *const[]){"ARNELI GON 031", NULL});
}

static void test_all_caps(void **state) {
  (void)state;
  expect_events("ARNOR IS ABOUT TO RESTORE FULL DIPLOMATIC TIES WITH GONDOR "
                "ALMOST FIVE YEARS AFTER CROWDS TRASHED ITS EMBASSY.",
                (const char *const[]){"ARN GON 064", NULL});
}

static void test_noun_adjective_lists(void **state) {
  (void)state;
  /* Two listed adjectives: one phrase, its first actor the source. */
  expect_events("Ithilen's awful and evil minister Calimehtar warned "
                "Osgiliath.",
                (const char *const[]){"ITH OSG 160", NULL});
  /* "cool" is not listed: a compound whose first phrase ends in no actor
   * and is not coded. */
  expect_events("Ithilen's awful and cool minister Calimehtar warned "
                "Osgiliath.",
                (const char *const[]){"CALGOV OSG 160", NULL});
  /* Two listed nouns: one phrase. */
  expect_events("Ithilen's sheep and goats of Gondor warned Osgiliath.",
                (const char *const[]){"ITH OSG 160", NULL});
  /* "pigs" is not listed: the second phrase names Gondor. */
  expect_events("Ithilen's sheep and pigs of Gondor warned Osgiliath.",
                (const char *const[]){"GON OSG 160", NULL});
}

static void test_percent_compound(void **state) {
  (void)state;
  /* The compound acts on each other, whatever actor follows, with both
   * codes of the pair. */
  expect_events("Fornost and Gondor welcxmed a resumption of diplomatic "
                "ties between Gondor and Osgiliath.",
                (const char *const[]){"FOR GON 044", "GON FOR 044",
                                      "FOR GON 045", "GON FOR 045", NULL});
}

static void test_their(void **state) {
  (void)state;
  /* "their" stands for the coordination (the role the first actor's only)
   * and is the default target of "- * CREDENTIALS". */
  expect_events("The ambassadors of Arnor, Osgiliath and Gondor presented "
                "their credentials on Wednesday.",
                (const char *const[]){"ARNGOV OSG 032", "ARNGOV GON 032",
                                      "OSG ARNGOV 032", "OSG GON 032",
                                      "GON ARNGOV 032", "GON OSG 032",
                                      NULL});
}

static void test_clauses(void **state) {
  (void)state;
  /* No target past "or allow": affirm's target is the actor between its
   * source and itself. */
  expect_events("Red Cross accepts that Secretary General might affirm or "
                "allow an attack by Osgiliath soldiers in south Ithilen.",
                (const char *const[]){"NGO UNO 042", "NGO OSGMIL 060",
                                      NULL});
  /* "alleged" coded nothing: the source of "acknowledged" is the first
   * actor after it, the target the next. */
  expect_events("Gondor alleged and acknowledged that Calenardon might "
                "affirm an attack by Osgiliath soldiers allowed in south "
                "Ithilen.",
                (const char *const[]){"OSGMIL ITH 023", NULL});
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_agents),
      cmocka_unit_test(test_all_caps),
      cmocka_unit_test(test_noun_adjective_lists),
      cmocka_unit_test(test_percent_compound),
      cmocka_unit_test(test_their),
      cmocka_unit_test(test_clauses),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

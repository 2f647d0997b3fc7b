/* test_dict.c -- unit tests of the dictionary loader (src/dict).
 *
 * Dictionaries are written to temporary files in /tmp whose names tell the
 * loader their format (kind_of in dict.c) and loaded without the built-in
 * data: country phrases and prefixes, roles, actors (code parts), people
 * with several dated terms (which term a date picks), verb patterns
 * (lemmatised literals, slots, most-specific-first order), reporting verbs
 * and anaphors, every kind of malformed line (reported with file and line
 * while good lines still load), duplicate patterns, a missing file, bad
 * arguments, and the built-in dictionaries themselves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/dict/dict.h"

/* ===== Temporary files ===== */

#define MAX_TMP 16
static char tmp_paths[MAX_TMP][128];
static size_t n_tmp;

/* Writes len bytes to a new file in /tmp whose name contains `kind` (or is
 * neutral when kind is NULL) and returns its path (valid until teardown). */
static const char *write_tmp_len(const char *kind, const char *data,
                                 size_t len) {
  assert_true(n_tmp < MAX_TMP);
  char tmpl[64] = "/tmp/dyadtest-XXXXXX";
  int fd = mkstemp(tmpl);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, data, len), (ssize_t)len);
  assert_int_equal(close(fd), 0);
  char *path = tmp_paths[n_tmp];
  snprintf(path, sizeof tmp_paths[0], "%s-%s.txt", tmpl, kind ? kind : "misc");
  if (rename(tmpl, path) != 0) {
    unlink(tmpl);
    fail_msg("cannot rename %s", tmpl);
  }
  n_tmp++;
  return path;
}

static const char *write_tmp(const char *kind, const char *text) {
  return write_tmp_len(kind, text, strlen(text));
}

static int remove_tmp(void **state) {
  (void)state;
  for (size_t i = 0; i < n_tmp; i++)
    unlink(tmp_paths[i]);
  n_tmp = 0;
  return 0;
}

/* Opens the given files without the built-in dictionaries; asserts OK. */
static dyad_dict *open_files(const char *const *paths, size_t n) {
  dyad_dict *d = NULL;
  char *err = NULL;
  dyad_status st = dyad_dict_open(&d, paths, n, DYAD_DICT_NO_BUILTIN, &err);
  if (st != DYAD_OK)
    fail_msg("dyad_dict_open: %s (%s)", dyad_strerror(st), err ? err : "");
  assert_null(err);
  assert_non_null(d);
  return d;
}

/* ===== Lookup helpers ===== */

static int32_t phrase(const dyad_dict *d, const char *key) {
  return dyad__dict_phrase(d, key, strlen(key));
}

/* The entry of kind `kind` on phrase key, or NULL. */
static const dyad__entry *entry_of(const dyad_dict *d, const char *key,
                                   int kind) {
  for (int32_t e = phrase(d, key); e >= 0; e = d->entries[e].next)
    if (d->entries[e].kind == kind)
      return &d->entries[e];
  return NULL;
}

static const char *country_code_of(const dyad_dict *d, const char *key,
                                   int kind) {
  const dyad__entry *en = entry_of(d, key, kind);
  if (!en)
    fail_msg("no entry of kind %d for \"%s\"", kind, key);
  assert_true(en->value >= 0 && (size_t)en->value < d->n_countries);
  return d->countries[en->value].code;
}

static const dyad__person *person_named(const dyad_dict *d,
                                        const char *name) {
  const dyad__strmap_slot *s =
      dyad__strmap_get(&d->person_index, name, strlen(name));
  if (!s)
    fail_msg("no person \"%s\"", name);
  return &d->people[s->value];
}

/* Does some issue have this file, line and a message containing `part`? */
static int has_issue(const dyad_dict *d, const char *file, size_t line,
                     const char *part) {
  for (size_t i = 0; i < dyad_dict_issue_count(d); i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
    if (strcmp(is->file, file) == 0 && is->line == line &&
        strstr(is->message, part))
      return 1;
  }
  return 0;
}

static void expect_issue(const dyad_dict *d, const char *file, size_t line,
                         const char *part) {
  if (!has_issue(d, file, line, part)) {
    for (size_t i = 0; i < dyad_dict_issue_count(d); i++) {
      const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
      print_message("issue: %s:%zu: %s\n", is->file, is->line, is->message);
    }
    fail_msg("no issue at %s:%zu containing \"%s\"", file, line, part);
  }
}

/* ===== Countries, roles, actors ===== */

static void test_countries(void **state) {
  (void)state;
  const char *c = write_tmp(
      "countries",
      "# countries for a test\n"
      "\n"
      "JPN | name: Japan; Nippon | adj: Japanese | dem: Japanese | cap: Tokyo\n"
      "USA | name: United States; United States of America; U.S. | "
      "adj: American; U.S. | dem: Americans | cap: Washington\n"
      "NOR|name:Norway|adj:Norwegian|dem:Norwegian;Norwegians|cap:Oslo  # "
      "tight spacing\n");
  const char *r = write_tmp("roles", "GOV | prime minister; government\n"
                                     "MIL | soldier; soldiers; armed forces\n");
  const char *paths[] = {c, r};
  dyad_dict *d = open_files(paths, 2);
  assert_int_equal(dyad_dict_issue_count(d), 0);

  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.countries, 3);
  assert_int_equal(st.roles, 2);
  assert_int_equal(st.actors, 0);
  assert_int_equal(st.people, 0);
  assert_int_equal(st.verb_patterns, 0);
  assert_true(st.phrases >= 20);

  /* Names, adjectives, demonyms and capitals become phrases. */
  assert_true(phrase(d, "japan") >= 0);
  assert_string_equal(country_code_of(d, "japan", DYAD__K_NAME), "JPN");
  assert_string_equal(country_code_of(d, "nippon", DYAD__K_NAME), "JPN");
  assert_string_equal(country_code_of(d, "tokyo", DYAD__K_CAP), "JPN");
  /* "Japanese" is both an adjective and a demonym. */
  assert_string_equal(country_code_of(d, "japanese", DYAD__K_ADJ), "JPN");
  assert_string_equal(country_code_of(d, "japanese", DYAD__K_DEM), "JPN");
  assert_string_equal(country_code_of(d, "united states", DYAD__K_NAME),
                      "USA");
  assert_string_equal(
      country_code_of(d, "united states of america", DYAD__K_NAME), "USA");
  assert_string_equal(country_code_of(d, "u.s.", DYAD__K_NAME), "USA");
  assert_string_equal(country_code_of(d, "u.s.", DYAD__K_ADJ), "USA");
  assert_string_equal(country_code_of(d, "americans", DYAD__K_DEM), "USA");
  assert_string_equal(country_code_of(d, "norwegians", DYAD__K_DEM), "NOR");
  assert_string_equal(country_code_of(d, "oslo", DYAD__K_CAP), "NOR");
  /* The first name is the country's name. */
  const dyad__entry *jp = entry_of(d, "japan", DYAD__K_NAME);
  assert_string_equal(d->countries[jp->value].name, "Japan");
  assert_string_equal(
      d->countries[entry_of(d, "oslo", DYAD__K_CAP)->value].name, "Norway");
  /* Case rules: "Japan" needs a capital, "U.S." all capitals. */
  assert_int_equal(jp->nwords, 1);
  assert_int_equal(jp->capmask, 1);
  assert_int_equal(jp->upmask, 0);
  const dyad__entry *us = entry_of(d, "u.s.", DYAD__K_NAME);
  assert_int_equal(us->upmask & 1, 1);
  const dyad__entry *usa = entry_of(d, "united states of america",
                                    DYAD__K_NAME);
  assert_int_equal(usa->nwords, 4);
  assert_int_equal(usa->capmask, 0xb); /* United States _of_ America */

  /* Multi-word phrases register their prefixes. */
  assert_int_equal(phrase(d, "united "), DYAD__PHRASE_PREFIX);
  assert_int_equal(phrase(d, "united states "), DYAD__PHRASE_PREFIX);
  assert_int_equal(phrase(d, "united states of "), DYAD__PHRASE_PREFIX);
  assert_int_equal(phrase(d, "prime "), DYAD__PHRASE_PREFIX);
  assert_int_equal(phrase(d, "armed "), DYAD__PHRASE_PREFIX);
  /* A role noun phrase, in lower case: no case rule. */
  const dyad__entry *pm = entry_of(d, "prime minister", DYAD__K_ROLE);
  assert_non_null(pm);
  assert_int_equal(pm->nwords, 2);
  assert_int_equal(pm->capmask, 0);
  assert_string_equal(d->roles[pm->value], "GOV");
  assert_string_equal(d->roles[entry_of(d, "soldiers", DYAD__K_ROLE)->value],
                      "MIL");
  /* Unknown words and bare prefixes without a space are not phrases. */
  assert_int_equal(phrase(d, "prime"), -1);
  assert_int_equal(phrase(d, "united"), -1);
  assert_int_equal(phrase(d, "china"), -1);
  assert_int_equal(phrase(d, "Japan"), -1); /* keys are lower case */
  assert_true(d->max_words >= 4);
  dyad_dict_free(d);
}

static void test_actors_and_reporting(void **state) {
  (void)state;
  const char *c = write_tmp("countries", "RUS | name: Russia | adj: Russian\n");
  const char *r = write_tmp("roles", "GOV | government\n");
  const char *a = write_tmp(
      "actors", "IGOWSTNAT | NATO; North Atlantic Treaty Organization\n"
                "RUSGOV | Kremlin; the Kremlin\n");
  const char *rep = write_tmp(
      "reporting", "REPORT | say; tell; announced\n"
                   "ANAPHOR_PLURAL | the two sides; both countries\n"
                   "ANAPHOR_STATEMENT | the statement\n");
  const char *paths[] = {c, r, a, rep};
  dyad_dict *d = open_files(paths, 4);
  assert_int_equal(dyad_dict_issue_count(d), 0);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.actors, 2);

  const dyad__entry *nato = entry_of(d, "nato", DYAD__K_ACTOR);
  assert_non_null(nato);
  assert_int_equal(nato->upmask, 1);
  assert_string_equal(d->actors[nato->value].code, "IGOWSTNAT");
  assert_string_equal(d->actors[nato->value].name, "NATO");
  const dyad__entry *nato2 =
      entry_of(d, "north atlantic treaty organization", DYAD__K_ACTOR);
  assert_non_null(nato2);
  assert_int_equal(nato2->value, nato->value);
  /* Code parts: RUSGOV is RUS + GOV; IGOWSTNAT has neither. */
  const dyad__actor_code *k = dyad__dict_actor(d, "RUSGOV");
  assert_non_null(k);
  assert_string_equal(k->country, "RUS");
  assert_string_equal(k->role, "GOV");
  assert_string_equal(k->name, "Kremlin");
  k = dyad__dict_actor(d, "IGOWSTNAT");
  assert_non_null(k);
  assert_string_equal(k->country, "");
  assert_string_equal(k->role, "");
  assert_null(dyad__dict_actor(d, "CHNGOV"));
  assert_non_null(entry_of(d, "the kremlin", DYAD__K_ACTOR));

  /* Reporting verbs are stored by lemma. */
  const dyad__verb *v = dyad__dict_verb(d, "say", 3);
  assert_non_null(v);
  assert_int_equal(v->report, 1);
  assert_int_equal(v->n_patterns, 0);
  v = dyad__dict_verb(d, "announce", 8);
  assert_non_null(v);
  assert_int_equal(v->report, 1);
  assert_null(dyad__dict_verb(d, "said", 4));
  assert_non_null(entry_of(d, "the two sides", DYAD__K_ANA_PLURAL));
  assert_non_null(entry_of(d, "both countries", DYAD__K_ANA_PLURAL));
  assert_non_null(entry_of(d, "the statement", DYAD__K_ANA_STATEMENT));
  assert_int_equal(phrase(d, "the two "), DYAD__PHRASE_PREFIX);
  dyad_dict_free(d);
}

/* ===== People ===== */

static void test_people_terms(void **state) {
  (void)state;
  const char *p = write_tmp(
      "people",
      "# Full Name | alias | CODE | FROM | TO | title\n"
      "Jens Stoltenberg | Stoltenberg | NORGOV | 2000-03-17 | 2001-10-19 | "
      "Prime Minister\n"
      "Jens Stoltenberg | Stoltenberg | NORGOV | 2005-10-17 | 2013-10-16 | "
      "Prime Minister (second)\n"
      "Jens Stoltenberg | Stoltenberg | IGOWSTNAT | 2014-10-01 | 2024-10-01 | "
      "NATO Secretary General\n"
      "Jens Stoltenberg | Stoltenberg | NORGOV | 2025-02-04 |  | "
      "Finance Minister\n"
      "Fumio Kishida | Kishida | JPNGOV | 2021-10-04 | 2024-10-01 | "
      "Prime Minister\n");
  dyad_dict *d = open_files(&p, 1);
  assert_int_equal(dyad_dict_issue_count(d), 0);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.people, 2);
  assert_int_equal(st.person_terms, 5);

  const dyad__person *js = person_named(d, "Jens Stoltenberg");
  assert_int_equal(js->n_terms, 4);
  assert_string_equal(js->name, "Jens Stoltenberg");
  const dyad__term *t1 = &js->terms[0], *t2 = &js->terms[1],
                   *t3 = &js->terms[2], *t4 = &js->terms[3];
  assert_int_equal(t1->from, 20000317);
  assert_int_equal(t1->to, 20011019);
  assert_int_equal(t4->to, 0); /* open: still in office */
  assert_string_equal(t3->code, "IGOWSTNAT");
  assert_string_equal(t3->title, "NATO Secretary General");

  /* The full name and the alias are phrases of the person. */
  const dyad__entry *en = entry_of(d, "stoltenberg", DYAD__K_PERSON);
  assert_non_null(en);
  assert_int_equal(&d->people[en->value], js);
  en = entry_of(d, "jens stoltenberg", DYAD__K_PERSON);
  assert_non_null(en);
  assert_int_equal(&d->people[en->value], js);
  assert_int_equal(en->capmask, 3);

  int in;
  /* Inside each term, and on its first and last days. */
  assert_ptr_equal(dyad__person_term(js, 20001201, &in), t1);
  assert_int_equal(in, 1);
  assert_ptr_equal(dyad__person_term(js, 20000317, &in), t1);
  assert_int_equal(in, 1);
  assert_ptr_equal(dyad__person_term(js, 20011019, &in), t1);
  assert_int_equal(in, 1);
  assert_ptr_equal(dyad__person_term(js, 20100101, &in), t2);
  assert_int_equal(in, 1);
  assert_ptr_equal(dyad__person_term(js, 20200101, &in), t3);
  assert_int_equal(in, 1);
  assert_string_equal(dyad__person_term(js, 20200101, &in)->code,
                      "IGOWSTNAT");
  /* The open-ended term covers any later date. */
  assert_ptr_equal(dyad__person_term(js, 20260101, &in), t4);
  assert_int_equal(in, 1);
  assert_ptr_equal(dyad__person_term(js, 20991231, &in), t4);
  assert_int_equal(in, 1);
  /* Outside every term: the nearest one. */
  assert_ptr_equal(dyad__person_term(js, 19990101, &in), t1);
  assert_int_equal(in, 0);
  assert_ptr_equal(dyad__person_term(js, 20050101, &in), t2);
  assert_int_equal(in, 0);
  assert_ptr_equal(dyad__person_term(js, 20020101, &in), t1);
  assert_int_equal(in, 0);
  assert_ptr_equal(dyad__person_term(js, 20140901, &in), t3);
  assert_int_equal(in, 0);
  assert_ptr_equal(dyad__person_term(js, 20241201, &in), t3);
  assert_int_equal(in, 0);
  /* 2014-01-15 is 91 days after the second term ended and 259 days before
   * the NATO term began: the nearest term is the second. */
  assert_ptr_equal(dyad__person_term(js, 20140115, &in), t2);
  assert_int_equal(in, 0);
  /* Undated: the latest term, counted as in office. */
  assert_ptr_equal(dyad__person_term(js, 0, &in), t4);
  assert_int_equal(in, 1);

  const dyad__person *fk = person_named(d, "Fumio Kishida");
  assert_int_equal(fk->n_terms, 1);
  assert_string_equal(dyad__person_term(fk, 20300101, &in)->code, "JPNGOV");
  assert_int_equal(in, 0);
  dyad_dict_free(d);
}

static void test_people_overlap_and_open_from(void **state) {
  (void)state;
  const char *p = write_tmp(
      "people",
      "Ann Example | | AAAGOV | | 2010-12-31 | Minister\n"
      "Ann Example | | AAAMIL | 2005-01-01 | 2008-12-31 | General\n"
      "Ann Example | Example | BBBGOV | 2012-01-01 | | Envoy\n");
  dyad_dict *d = open_files(&p, 1);
  assert_int_equal(dyad_dict_issue_count(d), 0);
  const dyad__person *a = person_named(d, "Ann Example");
  assert_int_equal(a->n_terms, 3);
  int in;
  /* An empty FROM is open: any date up to TO is inside. */
  assert_string_equal(dyad__person_term(a, 19500101, &in)->code, "AAAGOV");
  assert_int_equal(in, 1);
  /* Overlapping terms: the later-begun wins. */
  assert_string_equal(dyad__person_term(a, 20060101, &in)->code, "AAAMIL");
  assert_int_equal(in, 1);
  assert_string_equal(dyad__person_term(a, 20100101, &in)->code, "AAAGOV");
  assert_string_equal(dyad__person_term(a, 20150101, &in)->code, "BBBGOV");
  assert_string_equal(dyad__person_term(a, 20110601, &in)->code, "AAAGOV");
  assert_int_equal(in, 0);
  /* The name phrase without aliases on the first line still exists. */
  assert_non_null(entry_of(d, "ann example", DYAD__K_PERSON));
  assert_non_null(entry_of(d, "example", DYAD__K_PERSON));
  dyad_dict_free(d);
}

/* ===== Verb patterns ===== */

static const dyad__pattern *pat(const dyad_dict *d, const dyad__verb *v,
                                uint32_t i) {
  assert_true(i < v->n_patterns);
  return &d->patterns[v->patterns[i]];
}

static void test_verb_patterns(void **state) {
  (void)state;
  const char *vf = write_tmp("verbs",
                             "# CODE | pattern\n"
                             "040 | hold +\n"
                             "043 | hold talks\n"
                             "046 | hold talks with +\n"
                             "040 | hold consultations with +\n"
                             "040 | meet +\n"
                             "0311 | agreed to boost trade with +\n"
                             "111 | condemn\t+\n"
                             "057 | sign + deal\n");
  dyad_dict *d = open_files(&vf, 1);
  assert_int_equal(dyad_dict_issue_count(d), 0);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.verb_patterns, 8);

  const dyad__verb *hold = dyad__dict_verb(d, "hold", 4);
  assert_non_null(hold);
  assert_string_equal(hold->lemma, "hold");
  assert_int_equal(hold->report, 0);
  assert_int_equal(hold->n_patterns, 4);
  /* Most specific first; among equals, the one written first. */
  const dyad__pattern *p0 = pat(d, hold, 0), *p1 = pat(d, hold, 1),
                      *p2 = pat(d, hold, 2), *p3 = pat(d, hold, 3);
  assert_string_equal(p0->text, "hold talks with +");
  assert_string_equal(p1->text, "hold consultations with +");
  assert_string_equal(p2->text, "hold talks");
  assert_string_equal(p3->text, "hold +");
  assert_true(p0->order < p1->order);

  /* hold talks with +: two literals, lemmatised, then the slot. */
  assert_string_equal(p0->code, "046");
  assert_int_equal(p0->n_elems, 3);
  assert_int_equal(p0->n_literals, 2);
  assert_int_equal(p0->has_slot, 1);
  assert_int_equal(p0->slot_first, 0);
  assert_string_equal(p0->elems[0].lemma, "talk");
  assert_int_equal(p0->elems[0].len, 4);
  assert_string_equal(p0->elems[0].word, "talks");
  assert_string_equal(p0->elems[1].lemma, "with");
  assert_null(p0->elems[2].lemma);

  assert_string_equal(p2->code, "043");
  assert_int_equal(p2->n_literals, 1);
  assert_int_equal(p2->has_slot, 0);
  assert_int_equal(p2->slot_first, 0);

  assert_int_equal(p3->n_elems, 1);
  assert_int_equal(p3->n_literals, 0);
  assert_int_equal(p3->has_slot, 1);
  assert_int_equal(p3->slot_first, 1);

  /* The verb word itself is lemmatised: "agreed" is filed under "agree". */
  const dyad__verb *agree = dyad__dict_verb(d, "agree", 5);
  assert_non_null(agree);
  assert_null(dyad__dict_verb(d, "agreed", 6));
  const dyad__pattern *pa = pat(d, agree, 0);
  assert_string_equal(pa->code, "0311");
  assert_int_equal(pa->n_literals, 4);
  assert_int_equal(pa->has_slot, 1);

  /* A tab separates words too. */
  const dyad__verb *condemn = dyad__dict_verb(d, "condemn", 7);
  assert_non_null(condemn);
  assert_int_equal(pat(d, condemn, 0)->n_elems, 1);
  assert_int_equal(pat(d, condemn, 0)->slot_first, 1);

  /* A slot in the middle. */
  const dyad__verb *sign = dyad__dict_verb(d, "sign", 4);
  assert_non_null(sign);
  const dyad__pattern *ps = pat(d, sign, 0);
  assert_int_equal(ps->n_elems, 2);
  assert_int_equal(ps->has_slot, 1);
  assert_int_equal(ps->slot_first, 1);
  assert_null(ps->elems[0].lemma);
  assert_string_equal(ps->elems[1].lemma, "deal");

  assert_null(dyad__dict_verb(d, "attack", 6));
  dyad_dict_free(d);
}

static void test_duplicate_pattern(void **state) {
  (void)state;
  const char *vf = write_tmp("verbs", "040 | meet +\n"
                                      "046 | hold talks with +\n"
                                      "042 | meets +\n"        /* line 3 */
                                      "046 | held talk with +\n" /* line 4 */
                                      "040 | meet with +\n");
  dyad_dict *d = open_files(&vf, 1);
  assert_int_equal(dyad_dict_issue_count(d), 2);
  expect_issue(d, vf, 3, "duplicate");
  expect_issue(d, vf, 3, "meet +");
  expect_issue(d, vf, 4, "duplicate");
  expect_issue(d, vf, 4, "hold talks with +");
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.verb_patterns, 3);
  const dyad__verb *meet = dyad__dict_verb(d, "meet", 4);
  assert_int_equal(meet->n_patterns, 2);
  /* The first one written stays, with its code. */
  assert_string_equal(pat(d, meet, 1)->code, "040");
  assert_string_equal(pat(d, meet, 0)->text, "meet with +");
  assert_int_equal(dyad__dict_verb(d, "hold", 4)->n_patterns, 1);
  assert_string_equal(pat(d, dyad__dict_verb(d, "hold", 4), 0)->code, "046");
  dyad_dict_free(d);
}

/* ===== Malformed lines ===== */

static void test_malformed_verbs(void **state) {
  (void)state;
  const char *vf = write_tmp("verbs",
                             "040 | meet +\n"                  /* 1 good */
                             "XYZ | condemn +\n"               /* 2 */
                             "999 | condemn +\n"               /* 3 */
                             "1 | condemn +\n"                 /* 4 */
                             "11111 | condemn +\n"             /* 5 */
                             "111 condemn +\n"                 /* 6 */
                             "111 | condemn + | extra\n"       /* 7 */
                             "111 | condemn + and +\n"         /* 8 */
                             "111 | + condemn\n"               /* 9 */
                             "111 |\n"                         /* 10 */
                             "\n"                              /* 11 */
                             "   # only a comment\n"           /* 12 */
                             "111 | condemn +\n");             /* 13 good */
  dyad_dict *d = open_files(&vf, 1);
  expect_issue(d, vf, 2, "CAMEO code");
  expect_issue(d, vf, 3, "CAMEO code");
  expect_issue(d, vf, 4, "expected");
  expect_issue(d, vf, 5, "expected");
  expect_issue(d, vf, 6, "expected");
  expect_issue(d, vf, 7, "expected");
  expect_issue(d, vf, 8, "more than one '+'");
  expect_issue(d, vf, 9, "starts with its verb");
  expect_issue(d, vf, 10, "expected");
  assert_int_equal(dyad_dict_issue_count(d), 9);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.verb_patterns, 2);
  const dyad__verb *cv = dyad__dict_verb(d, "condemn", 7);
  assert_non_null(cv);
  assert_int_equal(cv->n_patterns, 1);
  assert_string_equal(pat(d, cv, 0)->code, "111");
  assert_int_equal(pat(d, cv, 0)->has_slot, 1);
  dyad_dict_free(d);
}

static void test_malformed_people(void **state) {
  (void)state;
  const char *pf = write_tmp(
      "people",
      "Good Person | Goodman | USAGOV | 2001-01-01 | 2002-01-01 | A\n" /* 1 */
      "Bad Code | | usagov | 2001-01-01 | | B\n"                      /* 2 */
      "Bad Date | | USAGOV | 2001-13-01 | | C\n"                      /* 3 */
      "Bad Date2 | | USAGOV | 2001/01/01 | | C\n"                     /* 4 */
      "Bad To | | USAGOV | 2001-01-01 | 2001-02-30x | D\n"            /* 5 */
      "Backwards | | USAGOV | 2005-01-01 | 2004-12-31 | E\n"          /* 6 */
      "Too Few | | USAGOV | 2001-01-01 | \n"                          /* 7 */
      "Too Many | | USAGOV | 2001-01-01 | | F | G\n"                  /* 8 */
      " | | USAGOV | 2001-01-01 | | nameless\n"                       /* 9 */
      "Good Person | | USAMIL | 2003-01-01 | | H\n");                 /* 10 */
  dyad_dict *d = open_files(&pf, 1);
  expect_issue(d, pf, 2, "code");
  expect_issue(d, pf, 3, "FROM");
  expect_issue(d, pf, 4, "FROM");
  expect_issue(d, pf, 5, "TO is not a date");
  expect_issue(d, pf, 6, "TO is before FROM");
  expect_issue(d, pf, 7, "expected");
  expect_issue(d, pf, 8, "expected");
  expect_issue(d, pf, 9, "missing name");
  assert_int_equal(dyad_dict_issue_count(d), 8);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  /* Bad lines make no person and no term. */
  assert_int_equal(st.people, 1);
  assert_int_equal(st.person_terms, 2);
  assert_int_equal(person_named(d, "Good Person")->n_terms, 2);
  assert_null(dyad__strmap_get(&d->person_index, "Backwards", 9));
  assert_int_equal(phrase(d, "backwards"), -1);
  assert_int_equal(phrase(d, "bad code"), -1);
  assert_non_null(entry_of(d, "goodman", DYAD__K_PERSON));
  dyad_dict_free(d);
}

static void test_malformed_other_kinds(void **state) {
  (void)state;
  const char *cf = write_tmp("countries",
                             "JP | name: Japan\n"                  /* 1 */
                             "jpn | name: Japan\n"                 /* 2 */
                             "FRA\n"                               /* 3 */
                             "DEU | name: Germany | capital: Berlin\n" /* 4 */
                             "CHN | name: China | cap: Beijing\n"); /* 5 */
  const char *af = write_tmp("actors",
                             "igowstnat | NATO\n"                  /* 1 */
                             "NATO\n"                              /* 2 */
                             "IGOUNO | \n"                         /* 3 */
                             "IGOUNO | United Nations; UN | x\n"   /* 4 */
                             "IGOUNO | United Nations\n");         /* 5 */
  const char *rf = write_tmp("roles",
                             "gov | government\n"                  /* 1 */
                             "GOV | government\n");                /* 2 */
  const char *pf = write_tmp("reporting",
                             "REPORT | say\n"                      /* 1 */
                             "WHATEVER | foo\n"                    /* 2 */
                             "REPORT\n");                          /* 3 */
  const char *paths[] = {cf, af, rf, pf};
  dyad_dict *d = open_files(paths, 4);
  expect_issue(d, cf, 1, "three-letter code");
  expect_issue(d, cf, 2, "three-letter code");
  expect_issue(d, cf, 3, "three-letter code");
  expect_issue(d, cf, 4, "unknown field");
  expect_issue(d, af, 1, "upper-case code");
  expect_issue(d, af, 2, "upper-case code");
  expect_issue(d, af, 3, "upper-case code");
  expect_issue(d, af, 4, "upper-case code");
  expect_issue(d, rf, 1, "role of 3 to 14 capitals");
  expect_issue(d, pf, 2, "unknown kind");
  expect_issue(d, pf, 3, "expected");
  assert_int_equal(dyad_dict_issue_count(d), 11);
  /* Good lines load, and so does the good part of line 4 of countries. */
  assert_string_equal(country_code_of(d, "china", DYAD__K_NAME), "CHN");
  assert_string_equal(country_code_of(d, "beijing", DYAD__K_CAP), "CHN");
  assert_string_equal(country_code_of(d, "germany", DYAD__K_NAME), "DEU");
  assert_int_equal(phrase(d, "berlin"), -1);
  assert_int_equal(phrase(d, "japan"), -1);
  assert_int_equal(phrase(d, "nato"), -1);
  assert_non_null(entry_of(d, "united nations", DYAD__K_ACTOR));
  assert_null(entry_of(d, "un", DYAD__K_ACTOR));
  assert_non_null(entry_of(d, "government", DYAD__K_ROLE));
  assert_int_equal(dyad__dict_verb(d, "say", 3)->report, 1);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.countries, 2);
  assert_int_equal(st.actors, 1);
  assert_int_equal(st.roles, 1);
  dyad_dict_free(d);
}

/* A word of 128 bytes or more in a reporting list is a skipped line, named;
 * it was taken for running out of memory and failed the whole load. */
static void test_reporting_word_too_long(void **state) {
  (void)state;
  char text[400];
  snprintf(text, sizeof text, "REPORT | say; %0200d\nINTENT | decide\n", 7);
  const char *pf = write_tmp("reporting", text);
  dyad_dict *d = open_files(&pf, 1);
  expect_issue(d, pf, 1, "word too long");
  assert_int_equal(dyad_dict_issue_count(d), 1);
  assert_int_equal(dyad__dict_verb(d, "say", 3)->report, 1);
  assert_int_equal(dyad__dict_verb(d, "decide", 6)->intent, 1);
  dyad_dict_free(d);
}

static void test_nul_byte(void **state) {
  (void)state;
  static const char data[] = "040 | meet +\n"
                             "111 | cond\0emn +\n" /* line 2 */
                             "# a comment \0 with a NUL is ignored\n"
                             "042 | visit +\n";
  const char *vf = write_tmp_len("verbs", data, sizeof data - 1);
  dyad_dict *d = open_files(&vf, 1);
  expect_issue(d, vf, 2, "NUL");
  assert_int_equal(dyad_dict_issue_count(d), 1);
  assert_non_null(dyad__dict_verb(d, "meet", 4));
  assert_non_null(dyad__dict_verb(d, "visit", 5));
  assert_null(dyad__dict_verb(d, "cond", 4));
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.verb_patterns, 2);
  dyad_dict_free(d);
}

static void test_unknown_kind(void **state) {
  (void)state;
  /* Neither the name nor the first line tells the kind. */
  const char *uf = write_tmp(NULL, "# what is this?\n"
                                   "hello world\n"
                                   "111 | condemn +\n");
  const char *vf = write_tmp("verbs", "111 | condemn +\n");
  const char *paths[] = {uf, vf};
  dyad_dict *d = open_files(paths, 2);
  assert_int_equal(dyad_dict_issue_count(d), 1);
  expect_issue(d, uf, 1, "cannot tell what kind");
  /* The other file still loads. */
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.verb_patterns, 1);
  dyad_dict_free(d);

  /* A neutral name with a recognisable first line: the content decides. */
  const char *pf = write_tmp(
      NULL, "# no kind in the name\n"
            "Fumio Kishida | Kishida | JPNGOV | 2021-10-04 | 2024-10-01 | PM\n");
  const char *vf2 = write_tmp(NULL, "040 | meet +\n");
  const char *paths2[] = {pf, vf2};
  d = open_files(paths2, 2);
  assert_int_equal(dyad_dict_issue_count(d), 0);
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.people, 1);
  assert_int_equal(st.verb_patterns, 1);
  dyad_dict_free(d);
}

/* ===== Errors and the built-in data ===== */

static void test_missing_file(void **state) {
  (void)state;
  const char *paths[] = {"/tmp/dyadtest-no-such-dir/verbs.txt"};
  int sentinel;
  dyad_dict *d = (dyad_dict *)&sentinel;
  char *err = NULL;
  dyad_status st = dyad_dict_open(&d, paths, 1, DYAD_DICT_NO_BUILTIN, &err);
  assert_int_equal(st, DYAD_ERR_IO);
  assert_ptr_equal(d, (dyad_dict *)&sentinel); /* untouched */
  assert_non_null(err);
  assert_non_null(strstr(err, "/tmp/dyadtest-no-such-dir/verbs.txt"));
  assert_non_null(strstr(err, "No such file"));
  dyad_free(err);

  /* Also with the built-ins, and with err NULL. */
  st = dyad_dict_open(&d, paths, 1, 0, NULL);
  assert_int_equal(st, DYAD_ERR_IO);
  assert_ptr_equal(d, (dyad_dict *)&sentinel);

  /* A directory cannot be read either. */
  const char *dirs[] = {"/tmp"};
  err = NULL;
  st = dyad_dict_open(&d, dirs, 1, DYAD_DICT_NO_BUILTIN, &err);
  assert_int_equal(st, DYAD_ERR_IO);
  assert_non_null(err);
  dyad_free(err);
}

static void test_bad_arguments(void **state) {
  (void)state;
  assert_int_equal(dyad_dict_open(NULL, NULL, 0, 0, NULL), DYAD_ERR_ARG);
  dyad_dict *d = NULL;
  assert_int_equal(dyad_dict_open(&d, NULL, 1, 0, NULL), DYAD_ERR_ARG);
  assert_null(d);
  /* NULL dictionaries are harmless. */
  dyad_dict_free(NULL);
  assert_int_equal(dyad_dict_issue_count(NULL), 0);
  assert_null(dyad_dict_issue_at(NULL, 0));
  dyad_dict_stats st;
  memset(&st, 0xff, sizeof st);
  dyad_dict_get_stats(NULL, &st);
  assert_int_equal(st.countries, 0);
  assert_int_equal(st.verb_patterns, 0);
  /* An empty dictionary. */
  assert_int_equal(dyad_dict_open(&d, NULL, 0, DYAD_DICT_NO_BUILTIN, NULL),
                   DYAD_OK);
  assert_non_null(d);
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.countries + st.actors + st.roles + st.people +
                       st.verb_patterns + st.phrases,
                   0);
  assert_null(dyad_dict_issue_at(d, 0));
  assert_int_equal(phrase(d, "japan"), -1);
  assert_null(dyad__dict_verb(d, "meet", 4));
  dyad_dict_free(d);
}

static void test_builtin(void **state) {
  (void)state;
  dyad_dict *d = NULL;
  char *err = NULL;
  assert_int_equal(dyad_dict_open(&d, NULL, 0, 0, &err), DYAD_OK);
  assert_null(err);
  size_t ni = dyad_dict_issue_count(d);
  for (size_t i = 0; i < ni; i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
    print_message("built-in issue: %s:%zu: %s\n", is->file, is->line,
                  is->message);
  }
  /* The built-in data loads with no unusable line. */
  assert_int_equal(ni, 0);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_true(st.countries >= 249);
  assert_true(st.verb_patterns >= 1500);
  assert_true(st.people > 0);
  assert_true(st.person_terms >= st.people);
  assert_true(st.actors > 0);
  assert_true(st.roles > 0);
  assert_true(st.phrases > st.countries);
  /* A few well-known entries. */
  assert_string_equal(country_code_of(d, "japan", DYAD__K_NAME), "JPN");
  assert_int_equal(phrase(d, "prime "), DYAD__PHRASE_PREFIX);
  assert_non_null(entry_of(d, "prime minister", DYAD__K_ROLE));
  assert_non_null(entry_of(d, "nato", DYAD__K_ACTOR));
  assert_non_null(dyad__dict_verb(d, "condemn", 7));
  assert_non_null(dyad__dict_verb(d, "say", 3));
  assert_int_equal(dyad__dict_verb(d, "say", 3)->report, 1);
  const dyad__actor_code *k = dyad__dict_actor(d, "IGOWSTNAT");
  assert_non_null(k);
  assert_string_equal(k->country, "");
  dyad_dict_free(d);

  /* Built-ins plus a file: the file's entries are added. */
  const char *pf = write_tmp(
      "people", "Ann Example | | JPNGOV | 2001-01-01 | | Spokesperson\n");
  assert_int_equal(dyad_dict_open(&d, &pf, 1, 0, NULL), DYAD_OK);
  dyad_dict_stats st2;
  dyad_dict_get_stats(d, &st2);
  assert_int_equal(st2.people, st.people + 1);
  assert_int_equal(st2.person_terms, st.person_terms + 1);
  assert_int_equal(st2.countries, st.countries);
  assert_int_equal(dyad_dict_issue_count(d), ni);
  assert_non_null(entry_of(d, "ann example", DYAD__K_PERSON));
  dyad_dict_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_countries, remove_tmp),
      cmocka_unit_test_teardown(test_actors_and_reporting, remove_tmp),
      cmocka_unit_test_teardown(test_people_terms, remove_tmp),
      cmocka_unit_test_teardown(test_people_overlap_and_open_from, remove_tmp),
      cmocka_unit_test_teardown(test_verb_patterns, remove_tmp),
      cmocka_unit_test_teardown(test_duplicate_pattern, remove_tmp),
      cmocka_unit_test_teardown(test_malformed_verbs, remove_tmp),
      cmocka_unit_test_teardown(test_malformed_people, remove_tmp),
      cmocka_unit_test_teardown(test_malformed_other_kinds, remove_tmp),
      cmocka_unit_test_teardown(test_reporting_word_too_long, remove_tmp),
      cmocka_unit_test_teardown(test_nul_byte, remove_tmp),
      cmocka_unit_test_teardown(test_unknown_kind, remove_tmp),
      cmocka_unit_test(test_missing_file),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test_teardown(test_builtin, remove_tmp),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

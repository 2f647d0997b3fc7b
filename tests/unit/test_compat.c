/* test_compat.c -- unit tests of the readers of the peers' dictionaries
 * (src/dict/compat*.c).
 *
 * Small dictionaries in TABARI's and PETRARCH-2's formats are written to a
 * temporary folder under /tmp with the names the format detection expects
 * (*.actors, *.agents, *.verbs, *.options, *.project, Phoenix.*.txt,
 * CAMEO.2.0*.txt) and loaded without the built-in data: actor codes,
 * dated codes (people and terms), synonyms, roles from agent codes,
 * substitution sets and plurals, verb patterns (alternatives, synsets,
 * paired codes, the passive, block-wide PETRARCH patterns), discards, the
 * lines reported with file and line, a project file naming the others,
 * malformed input of every kind, and -- when ../shared is there -- the
 * peers' real dictionaries, whose counts must stay within ranges.
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

#include "../../src/dict/dict.h"

/* ===== Temporary files ===== */

#define MAX_TMP 16
static char tmp_dir[64];
static char tmp_paths[MAX_TMP][192];
static size_t n_tmp;

static const char *write_named(const char *name, const char *text) {
  if (!tmp_dir[0]) {
    strcpy(tmp_dir, "/tmp/dyadcompat-XXXXXX");
    assert_non_null(mkdtemp(tmp_dir));
  }
  assert_true(n_tmp < MAX_TMP);
  char *path = tmp_paths[n_tmp++];
  snprintf(path, sizeof tmp_paths[0], "%s/%s", tmp_dir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
  assert_int_equal(fclose(f), 0);
  return path;
}

static int remove_tmp(void **state) {
  (void)state;
  for (size_t i = 0; i < n_tmp; i++)
    unlink(tmp_paths[i]);
  n_tmp = 0;
  if (tmp_dir[0])
    rmdir(tmp_dir);
  tmp_dir[0] = '\0';
  return 0;
}

static dyad_dict *open_files(const char *const *paths, size_t n) {
  dyad_dict *d = NULL;
  char *err = NULL;
  dyad_status st = dyad_dict_open(&d, paths, n, DYAD_DICT_NO_BUILTIN, &err);
  if (st != DYAD_OK)
    fail_msg("dyad_dict_open: %s (%s)", dyad_strerror(st), err ? err : "");
  assert_non_null(d);
  return d;
}

/* ===== Lookup helpers ===== */

/* The first entry of kind for a phrase (exact, else a TABARI stem), or
 * NULL. */
static const dyad__entry *entry_of(const dyad_dict *d, const char *phrase,
                                   dyad__kind kind) {
  int32_t e = dyad__dict_phrase(d, phrase, strlen(phrase));
  for (; e >= 0; e = d->entries[e].next)
    if (d->entries[e].kind == kind)
      return &d->entries[e];
  e = dyad__dict_stem(d, phrase, strlen(phrase));
  for (; e >= 0; e = d->entries[e].next)
    if (d->entries[e].kind == kind)
      return &d->entries[e];
  return NULL;
}

static const char *actor_code_of(const dyad_dict *d, const char *phrase) {
  const dyad__entry *e = entry_of(d, phrase, DYAD__K_ACTOR);
  return e ? d->actors[e->value].code : NULL;
}

static const char *role_of(const dyad_dict *d, const char *phrase) {
  const dyad__entry *e = entry_of(d, phrase, DYAD__K_ROLE);
  return e ? d->roles[e->value] : NULL;
}

static const dyad__person *person_of(const dyad_dict *d, const char *phrase) {
  const dyad__entry *e = entry_of(d, phrase, DYAD__K_PERSON);
  return e ? &d->people[e->value] : NULL;
}

/* Is there an issue at file:line whose message contains msg? */
static int has_issue(const dyad_dict *d, const char *file, size_t line,
                     const char *msg) {
  for (size_t i = 0; i < dyad_dict_issue_count(d); i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
    if (strcmp(is->file, file) == 0 && is->line == line &&
        strstr(is->message, msg))
      return 1;
  }
  return 0;
}

static size_t issues_matching(const dyad_dict *d, const char *msg) {
  size_t k = 0;
  for (size_t i = 0; i < dyad_dict_issue_count(d); i++)
    if (strstr(dyad_dict_issue_at(d, i)->message, msg))
      k++;
  return k;
}

static void dump_issues(const dyad_dict *d) {
  for (size_t i = 0; i < dyad_dict_issue_count(d); i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
    print_message("  %s:%zu: %s\n", is->file, is->line, is->message);
  }
}

/* Does verb lemma have a pattern written (dyad text) as text, with code? */
static int has_pattern(const dyad_dict *d, const char *lemma,
                       const char *text, const char *code) {
  const dyad__verb *v = dyad__dict_verb(d, lemma, strlen(lemma));
  if (!v)
    return 0;
  for (uint32_t i = 0; i < v->n_patterns; i++) {
    const dyad__pattern *p = &d->patterns[v->patterns[i]];
    if (strcmp(p->text, text) == 0 && strcmp(p->code, code) == 0)
      return 1;
  }
  return 0;
}

/* Like has_pattern, also checking the paired code of the reverse event. */
static int has_pattern2(const dyad_dict *d, const char *lemma,
                        const char *text, const char *code,
                        const char *code2) {
  const dyad__verb *v = dyad__dict_verb(d, lemma, strlen(lemma));
  if (!v)
    return 0;
  for (uint32_t i = 0; i < v->n_patterns; i++) {
    const dyad__pattern *p = &d->patterns[v->patterns[i]];
    if (strcmp(p->text, text) == 0 && strcmp(p->code, code) == 0 &&
        strcmp(p->code2, code2) == 0)
      return 1;
  }
  return 0;
}

/* ===== TABARI actors ===== */

static const char tabari_actors[] =
    "<NOUN>\n"                                          /* 1 */
    "BEES   ;pas 26 Feb 2002\n"                         /* 2 */
    "</NOUN>\n"                                         /* 3 */
    "UNITED_STATES  [USA] ;JW\n"                        /* 4 */
    "+AMERICA_\n"                                       /* 5 */
    "ARGENTIN  [ARG]\n"                                 /* 6 */
    "ALBRIGHT  [USAGOV 991201-010114] [---] ;ems\n"     /* 7 */
    "GOLLUM ; pas\n"                                    /* 8 */
    "+SMEAGOL_\n"                                       /* 9 */
    "\t[HOB < 950601]\n"                                /* 10 */
    "\t[HOBGOV 950601 - 990815]\n"                      /* 11 */
    "\t[HOBREB > 990816]\n"                             /* 12 */
    "ALBRIGHZ  [ 991201-010114]\n"                      /* 13 */
    "BOROMIR  [---]\n"                                  /* 14 */
    "THE_SHIRE  [FRO/BIL/SAM]\n"                        /* 15 */
    "AXNOR  [AR1 <911226] [AR2]\n"                      /* 16 */
    "BADDATE  [USA 991301-000101]\n"                    /* 17 */
    "\t[XYZ]\n"                                         /* 18 */
    "AL GORE  [USAGOV]\n"                               /* 19 */
    "~~FINISH\n"                                        /* 20 */
    "AFTER_END [ZZZ]\n";                                /* 21 */

static void test_tabari_actors(void **state) {
  (void)state;
  const char *p = write_named("test.actors", tabari_actors);
  dyad_dict *d = open_files(&p, 1);
  assert_string_equal(actor_code_of(d, "united states"), "USA");
  assert_string_equal(actor_code_of(d, "america"), "USA");
  assert_string_equal(actor_code_of(d, "argentin"), "ARG");
  assert_string_equal(actor_code_of(d, "al gore"), "USAGOV");
  /* Several codes: one entry per code on the phrase. */
  {
    int fro = 0, bil = 0, sam = 0;
    for (int32_t e = dyad__dict_stem(d, "the shire", 9); e >= 0;
         e = d->entries[e].next) {
      const char *code = d->actors[d->entries[e].value].code;
      fro |= !strcmp(code, "FRO");
      bil |= !strcmp(code, "BIL");
      sam |= !strcmp(code, "SAM");
    }
    assert_true(fro && bil && sam);
  }
  /* Stems (no final '_') and exact words. */
  assert_true(entry_of(d, "argentin", DYAD__K_ACTOR)->stem);
  assert_false(entry_of(d, "america", DYAD__K_ACTOR)->stem);
  /* A null code: recognised, not coded. */
  assert_non_null(entry_of(d, "boromir", DYAD__K_NULL));
  assert_null(actor_code_of(d, "after end"));
  assert_null(entry_of(d, "bees", DYAD__K_ACTOR));
  /* Dated codes: a person with terms, yyyymmdd with the 30 pivot. */
  const dyad__person *al = person_of(d, "albright");
  assert_non_null(al);
  assert_int_equal(al->n_terms, 2);
  assert_string_equal(al->terms[0].code, "USAGOV");
  assert_string_equal(al->terms[1].code, "---"); /* outside the term */
  assert_int_equal(al->terms[0].from, 19991201);
  assert_int_equal(al->terms[0].to, 20010114);
  const dyad__person *go = person_of(d, "gollum");
  assert_non_null(go);
  assert_ptr_equal(person_of(d, "smeagol"), go);
  assert_int_equal(go->n_terms, 3);
  assert_int_equal(go->terms[0].from, 0);
  assert_int_equal(go->terms[0].to, 19950601);
  assert_string_equal(go->terms[1].code, "HOBGOV");
  assert_int_equal(go->terms[1].from, 19950601);
  assert_int_equal(go->terms[1].to, 19990815);
  assert_int_equal(go->terms[2].from, 19990816);
  assert_int_equal(go->terms[2].to, 0);
  int in = 0;
  assert_string_equal(dyad__person_term(go, 19970101, &in)->code, "HOBGOV");
  assert_true(in);
  /* An undated code among dated ones: the default term. */
  const dyad__person *ax = person_of(d, "axnor");
  assert_non_null(ax);
  assert_int_equal(ax->n_terms, 2);
  assert_string_equal(dyad__person_term(ax, 20050101, &in)->code, "AR2");
  assert_string_equal(dyad__person_term(ax, 19900101, &in)->code, "AR1");
  /* Reported lines. */
  /* The <NOUN> block is kept as TABARI's word classes, not reported. */
  assert_false(has_issue(d, p, 1, "<NOUN>"));
  {
    const dyad__strmap_slot *sl = dyad__strmap_get(&d->peer_pos, "bees", 4);
    assert_non_null(sl);
    assert_int_equal(sl->value, DYAD__POS_NOUN);
    assert_null(dyad__strmap_get(&d->peer_pos, "united_states", 13));
  }
  assert_string_equal(dyad__person_term(al, 20050101, &in)->code, "---");
  assert_true(has_issue(d, p, 13, "code block without a code"));
  assert_true(has_issue(d, p, 17, "malformed date"));
  assert_string_equal(actor_code_of(d, "baddate"), "XYZ");
  assert_false(has_issue(d, p, 4, "approximated: 10 stem"));
  /* A blank lets other words come between: kept as "al|gore" too. */
  assert_false(has_issue(d, p, 19, "approximated: 1 phrases whose blanks"));
  assert_true(dyad__dict_phrase(d, "al|gore", 7) >= 0);
  assert_int_equal(d->n_gapped, 1);
  dyad_dict_free(d);
}

/* ===== Agents ===== */

static void test_tabari_agents(void **state) {
  (void)state;
  const char *p = write_named("test.agents",
                              "FOREIGN_MINISTER_  [ ~GOVFRM] ;jap\n" /* 1 */
                              "HUMAN_RIGHTS_BODY_   [  NGO~] ;BNL\n" /* 2 */
                              "SOLDIER  [~MIL]\n"                    /* 3 */
                              "WIZARD_  [GOV]\n"                     /* 4 */
                              "NOCODE_\n"                            /* 5 */
                              "ELF_  [~E1]\n");                      /* 6 */
  dyad_dict *d = open_files(&p, 1);
  /* Agent codes are kept whole; a prefix agent keeps its '~'. */
  assert_string_equal(role_of(d, "foreign minister"), "GOVFRM");
  assert_string_equal(role_of(d, "human rights body"), "NGO~");
  assert_string_equal(role_of(d, "soldier"), "MIL");
  assert_string_equal(role_of(d, "soldiers"), "MIL");
  assert_null(role_of(d, "wizard"));
  assert_true(entry_of(d, "soldier", DYAD__K_ROLE)->stem);
  assert_true(has_issue(d, p, 4, "without '~'"));
  assert_true(has_issue(d, p, 5, "without a code"));
  assert_true(has_issue(d, p, 6, "3 to 14 capitals"));
  dyad_dict_free(d);
}

static void test_petrarch_agents(void **state) {
  (void)state;
  const char *p = write_named(
      "Phoenix.agents.txt",
      "<!-- agents -->\n"                                  /* 1 */
      "!PERSON! = MAN, MEN, WOMAN\n"                       /* 2 */
      "CONGRESS!PERSON! [~LEG] # markers\n"                /* 3 */
      "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"   /* 4 */
      "MEDIA {} [~MED]\n"                                  /* 5 */
      "PARTY [~OPP]\n"                                     /* 6 */
      "!NOPE!_X [~GOV]\n");                                /* 7 */
  dyad_dict *d = open_files(&p, 1);
  assert_string_equal(role_of(d, "congressman"), "LEG");
  assert_string_equal(role_of(d, "congressmen"), "LEG");
  assert_string_equal(role_of(d, "congresswoman"), "LEG");
  assert_null(role_of(d, "congressmans"));
  assert_string_equal(role_of(d, "attorney general"), "GOVATG");
  assert_string_equal(role_of(d, "attorneys general"), "GOVATG");
  assert_null(role_of(d, "attorney generals"));
  assert_string_equal(role_of(d, "media"), "MED");
  assert_null(role_of(d, "medias"));
  assert_string_equal(role_of(d, "parties"), "OPP");
  assert_true(has_issue(d, p, 7, "undefined substitution set"));
  dyad_dict_free(d);
}

/* ===== PETRARCH actors and discards ===== */

static void test_petrarch_actors(void **state) {
  (void)state;
  const char *a = write_named(
      "Phoenix.Countries.actors.txt",
      "# comment\n"                                      /* 1 */
      "AFGHANISTAN_  [AFG]\n"                            /* 2 */
      "+AFGHAN_ \n"                                      /* 3 */
      "THERESA_MAY_  # CountryInfo.txt\n"                /* 4 */
      "\t[GBRGOVHRI >100601]\n"                          /* 5 */
      "\t[GBRGOV 20160713-20190724]\n"                   /* 6 */
      "\t[GBRELI]\n"                                     /* 7 */
      "ARMENIA_\n"                                       /* 8 */
      "\t[ARMUNR 9008223-911221]\n"                      /* 9 */
      "\t[ARM >911221]\n"                                /* 10 */
      "BROKEN_  [GBR 1999-2000]\n"                       /* 11 */
      "A.H._BELO_  [MNCMED]\tNewspapers $137\n");        /* 12 */
  const char *x = write_named("Phoenix.discards.txt",
                              "+ACADEMY AWARD   # LRP\n" /* 1 */
                              "BASEBALL\n"             /* 2 */
                              "AFL_GRAND_FINAL_\n");   /* 3 */
  const char *paths[] = {a, x};
  dyad_dict *d = open_files(paths, 2);
  assert_string_equal(actor_code_of(d, "afghanistan"), "AFG");
  assert_string_equal(actor_code_of(d, "afghan"), "AFG");
  assert_string_equal(actor_code_of(d, "a.h. belo"), "MNCMED");
  const dyad__person *may = person_of(d, "theresa may");
  assert_non_null(may);
  assert_int_equal(may->n_terms, 3);
  assert_int_equal(may->terms[0].from, 20100601);
  assert_int_equal(may->terms[1].from, 20160713);
  assert_int_equal(may->terms[1].to, 20190724);
  const dyad__person *arm = person_of(d, "armenia");
  assert_non_null(arm);
  assert_int_equal(arm->terms[0].from, 19900822); /* 7 characters: YYMMDD */
  assert_true(has_issue(d, a, 11, "malformed date"));
  assert_true(has_issue(d, a, 12, "text after the code"));
  assert_non_null(entry_of(d, "academy award", DYAD__K_DISCARD));
  assert_non_null(entry_of(d, "baseball", DYAD__K_DISCARD));
  assert_non_null(entry_of(d, "afl grand final", DYAD__K_DISCARD));
  assert_true(has_issue(d, x, 1, "approximated: 1 story-level"));
  assert_true(has_issue(d, x, 1, "approximated: 2 stem"));
  dyad_dict_free(d);
}

/* ===== TABARI verbs ===== */

static const char tabari_verbs[] =
    "<SYNSETS>\n"                                           /* 1 */
    "&TIETYPES\n"                                           /* 2 */
    "+MILITARY\n"                                           /* 3 */
    "+ECONOMIC\n"                                           /* 4 */
    "</SYNSETS>\n"                                          /* 5 */
    "<TIME>\n"                                              /* 6 */
    "LAST_WEEK [-7]\n"                                      /* 7 */
    "</TIME>\n"                                             /* 8 */
    "MEET  [040] ;pas\n"                                    /* 9 */
    "{ MEETS MET MEETING }\n"                               /* 10 */
    "- * TALKS WITH_ +  [043]\n"                            /* 11 */
    "- * { ENVOY | MINISTER }_OF +  [042]\n"                /* 12 */
    "- * &TIETYPES TIES [031:032]\n"                        /* 13 */
    "- SAID * TALKS [036]\n"                                /* 14 */
    "- * CREW [---]\n"                                      /* 15 */
    "- + * BY_ $  [042]\n"                                  /* 16 */
    "- * ^ DELEGATION  [044!]\n"                            /* 17 */
    "- * TALKS $ [045]\n"                                   /* 18 */
    "- * FOO [abc]\n"                                       /* 19 */
    "- * { A | B ] C [040]\n"                               /* 20 */
    "- % * JOINTLY [046]\n"                                 /* 21 */
    "ABANDON  [---]\n"                                      /* 22 */
    "- * EFFORT  [160]\n";                                  /* 23 */

static void test_tabari_verbs(void **state) {
  (void)state;
  const char *p = write_named("test.verbs", tabari_verbs);
  dyad_dict *d = open_files(&p, 1);
  assert_true(has_pattern(d, "meet", "meet +", "040"));
  assert_true(has_pattern(d, "meet", "meet talks with +", "043"));
  assert_true(has_pattern(d, "meet", "meet envoy of +", "042"));
  assert_true(has_pattern(d, "meet", "meet minister of +", "042"));
  assert_true(has_pattern(d, "meet", "meet military ties +", "031"));
  assert_true(has_pattern(d, "meet", "meet economic ties +", "031"));
  /* TABARI's '^' is kept: an actor skipped. */
  assert_true(has_pattern(d, "meet", "meet ^delegation +", "044"));
  assert_true(has_pattern(d, "meet", "meet jointly", "046"));
  assert_true(has_pattern(d, "abandon", "abandon effort +", "160"));
  assert_null(dyad__dict_verb(d, "last", 4));
  assert_true(has_issue(d, p, 6, "<TIME>"));
  /* Words before the verb are kept, marked for the peer reading. */
  assert_true(has_pattern(d, "meet", "meet <said talks +", "036"));
  /* A null-code pattern blocks coding when it matches. */
  assert_true(has_pattern(d, "meet", "meet crew +", "---"));
  assert_true(has_issue(d, p, 16, "duplicate of pattern 'meet +'"));
  /* A source named after the verb is kept as a source slot, TABARI's
   * default target after it. */
  assert_true(has_pattern(d, "meet", "meet talks $ +", "045"));
  assert_true(has_issue(d, p, 19, "not a CAMEO code"));
  assert_true(has_issue(d, p, 20, "unbalanced"));
  assert_true(has_issue(d, p, 16, "approximated: 1 '+ * BY $'"));
  /* Paired codes are kept: the reverse event gets the second code. */
  assert_false(has_issue(d, p, 13, "approximated: 1 paired"));
  assert_true(has_pattern2(d, "meet", "meet military ties +", "031", "032"));
  assert_false(has_issue(d, p, 17, "approximated: 1 '^'"));
  /* TABARI's dominant and subordinate codes are honoured, not dropped. */
  assert_false(has_issue(d, p, 17, "approximated: 1 dominant"));
  dyad_dict_free(d);
}

/* Verb forms lists and verbs ending in '_' (no stems). */
static const char tabari_forms[] = "DEPART_ [032]\n"
                                   "ACT_ [100]\n"
                                   "{ ACTING_ ACTXD_ ACTUALITY }\n"
                                   "- * NOW  [101]\n"
                                   "MEET [040]\n";

static void test_tabari_forms(void **state) {
  (void)state;
  const char *p = write_named("forms.verbs", tabari_forms);
  dyad_dict *d = open_files(&p, 1);
  assert_true(d->peer_format & DYAD__PEER_TABARI);
  assert_false(d->peer_format & DYAD__PEER_PETRARCH);
  const dyad__verb *v = dyad__dict_verb(d, "depart", 6);
  assert_non_null(v);
  assert_true(v->exact);
  v = dyad__dict_verb(d, "meet", 4);
  assert_non_null(v);
  assert_false(v->exact);
  /* Each form is the verb, with its patterns. */
  assert_true(has_pattern(d, "actxd", "actxd +", "100"));
  assert_true(has_pattern(d, "actuality", "actuality now +", "101"));
  v = dyad__dict_verb(d, "actxd", 5);
  assert_non_null(v);
  assert_true(v->exact);
  v = dyad__dict_verb(d, "actuality", 9);
  assert_non_null(v);
  assert_false(v->exact);
  dyad_dict_free(d);
}

/* ===== PETRARCH verbs ===== */

static const char petrarch_verbs[] =
    "####### SYNONYM SETS #######\n"                        /* 1 */
    "&CURRENCY\n"                                           /* 2 */
    "+DOLLAR\n"                                             /* 3 */
    "+SWISS_FRANC\n"                                        /* 4 */
    "&AUXVERB1_\n"                                          /* 5 */
    "+WAS\n"                                                /* 6 */
    "--- GRANT [070] ---\n"                                 /* 7 */
    "GRANT\n"                                               /* 8 */
    "GIVE {GAVE GIVEN GIVING }  # jw\n"                     /* 9 */
    "+HAND_OVER [071]\n"                                    /* 10 */
    "RE_+GRANT\n"                                           /* 11 */
    "- * &CURRENCY [071] # GIVE\n"                          /* 12 */
    "- * (TO {REFUGEE CAMP}) [073]\n"                       /* 13 */
    "- &AUXVERB1_ * [---]\n"                                /* 14 */
    "- * (BEFORE COURT) [:173]\n"                           /* 15 */
    "- * + (IN {AID}) [072:072]\n"                          /* 16 */
    "- * &NOSUCH [072]\n"                                   /* 17 */
    "---  ACCELERATE   [---]  ---\n"                        /* 18 */
    "RUSH\n"                                                /* 19 */
    "- * AID [070]\n"                                       /* 20 */
    "~ a (a b ATTACK) SAY = a b 015\n";                     /* 21 */

static void test_petrarch_verbs(void **state) {
  (void)state;
  const char *p = write_named("CAMEO.2.0.test.txt", petrarch_verbs);
  dyad_dict *d = open_files(&p, 1);
  assert_true(has_pattern(d, "grant", "grant +", "070"));
  assert_true(has_pattern(d, "give", "give +", "070"));
  assert_true(has_pattern(d, "hand", "hand over +", "071"));
  /* Every pattern of a block for every verb of the block. */
  assert_true(has_pattern(d, "give", "give dollar +", "071"));
  assert_true(has_pattern(d, "grant", "grant swiss franc +", "071"));
  assert_true(has_pattern(d, "hand", "hand over dollar +", "071"));
  assert_true(has_pattern(d, "give", "give to refugee camp +", "073"));
  assert_true(has_pattern(d, "give", "give + in aid", "072"));
  assert_true(has_pattern(d, "rush", "rush aid +", "070"));
  assert_false(has_pattern(d, "rush", "rush +", "070"));
  assert_false(has_pattern(d, "rush", "rush dollar +", "071"));
  /* A compound verb "RE_+GRANT" is the verb "grant" with "re" joined
   * right before it. */
  assert_false(has_issue(d, p, 11, "words before the verb"));
  assert_true(has_pattern(d, "grant", "grant <re +", "070"));
  assert_true(has_pattern(d, "grant", "grant <was +", "---"));
  assert_true(has_issue(d, p, 15, "only the second event"));
  assert_true(has_issue(d, p, 17, "undefined synset"));
  assert_true(has_issue(d, p, 21, "verb transformation"));
  assert_true(has_issue(d, p, 9, "approximated: 1 verb form"));
  dyad_dict_free(d);
}

/* PETRARCH's '^' (a noun phrase skipped), a verb form listed on its own,
 * and a synset joined by '_' to its neighbours. */
static void test_petrarch_skip_forms(void **state) {
  (void)state;
  const char *p = write_named(
      "CAMEO.2.0.skip.txt",
      "&TIES\n+ECONOMIC\n\n"
      "--- WARN  [160] ---\nWARN\n- * AT ^ +  [162]\n"
      "- * THEIR ^ ABOUT +  [162]\n\n"
      "--- LEAVE  [012] ---\nLEAVE\n\n"
      "--- LEFT  [032:033] ---\nLEFT\n\n"
      "--- ABANDON  [345] ---\nABANDON\n- * NEW_&TIES_RELATIONS [903]\n");
  dyad_dict *d = open_files(&p, 1);
  const dyad__verb *v = dyad__dict_verb(d, "warn", 4);
  assert_non_null(v);
  int skips = 0;
  for (uint32_t i = 0; i < v->n_patterns; i++) {
    const dyad__pattern *q = &d->patterns[v->patterns[i]];
    for (uint8_t k = 0; k < q->n_elems; k++)
      skips += q->elems[k].skip;
  }
  assert_int_equal(skips, 2);
  assert_true(has_pattern2(d, "left", "left +", "032", "033"));
  assert_true(has_pattern(d, "leave", "leave +", "012"));
  v = dyad__dict_verb(d, "abandon", 7);
  assert_non_null(v);
  int joined = 0;
  for (uint32_t i = 0; i < v->n_patterns; i++) {
    const dyad__pattern *q = &d->patterns[v->patterns[i]];
    for (uint8_t k = 0; k < q->n_elems; k++)
      joined += q->elems[k].joined;
  }
  assert_int_equal(joined, 2);
  dyad_dict_free(d);
}

/* ===== .project and .options ===== */

static void test_project(void **state) {
  (void)state;
  write_named("demo.actors", "UNITED_STATES  [USA]\n");
  write_named("demo.verbs", "MEET  [040]\n");
  write_named("demo.options", "// comment\nLABEL: 010=YIELD\n"
                              "COMPLEX: VERBS[5]\n");
  const char *agents = write_named("demo.agents", "POLICE_ [~COP]\n");
  (void)agents;
  const char *p = write_named("demo.project",
                              "Validation file\n"
                              "<actorsfile> \tdemo.actors\n"
                              "<verbsfile> demo.verbs\n"
                              "<optionsfile> demo.options\n"
                              "<agentsfile>  demo.agents\n"
                              "<textfile> demo.text\n"
                              "<issuesfile> missing.issues\n");
  dyad_dict *d = open_files(&p, 1);
  assert_string_equal(actor_code_of(d, "united states"), "USA");
  assert_string_equal(role_of(d, "police"), "COP");
  assert_true(has_pattern(d, "meet", "meet +", "040"));
  /* The files named are the dictionary's files, for explanations. */
  const dyad__entry *e = entry_of(d, "united states", DYAD__K_ACTOR);
  assert_non_null(strstr(d->files[e->file], "demo.actors"));
  assert_int_equal(e->line, 1);
  char opt[256];
  snprintf(opt, sizeof opt, "%s/demo.options", tmp_dir);
  assert_true(has_issue(d, opt, 3, "TABARI option 'COMPLEX"));
  assert_int_equal(issues_matching(d, "TABARI option"), 1);
  assert_true(has_issue(d, p, 7, "cannot read the file"));
  dyad_dict_free(d);
}

/* ===== Malformed input ===== */

static void test_malformed(void **state) {
  (void)state;
  static const char junk[] =
      "[\n]\n[[[\n+\n+[\n- \n-*\n- * [\n- * []\n- * [:]\n- * [0\n&\n+&\n"
      "<\n</\n<!--\n-->\n~\n~~\n!\n!A!=\n!A! = \n!A!_X [~GOV]\n{\n}\n"
      "--- \n---[\n- { | } * [040]\n- * {{{{ [040]\n- * &&&& [040]\n"
      "X [~]\nX [~G]\nX {\nX {} [\nA [USA 991301-]\nB [USA <]\n"
      "C [USA >1]\nD [USA 990101-980101]\nE [usa]\nF [TOOLONGCODE123456]\n"
      "\t[GBR >20201301]\n+\xff\xfe\x01_\n\xc3\x28 [USA]\n"
      "- * \xff [040]\n";
  static const char *const names[] = {
      "j.actors", "j.agents", "j.verbs", "j.options",
      "Phoenix.j.actors.txt", "Phoenix.j.agents.txt", "CAMEO.2.0.j.txt",
      "Phoenix.j.discards.txt", "j.project"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    const char *p = write_named(names[i], junk);
    dyad_dict *d = open_files(&p, 1);
    /* A project file names no dictionary here: nothing to report. */
    if (!strstr(names[i], "project"))
      assert_true(dyad_dict_issue_count(d) > 0);
    dyad_dict_free(d);
  }
  /* A line longer than any buffer, and a file without a final newline. */
  size_t big = 20000;
  char *s = malloc(big + 32);
  assert_non_null(s);
  memset(s, 'A', big);
  memcpy(s + big, " [USA]", 7);
  const char *p = write_named("long.actors", s);
  dyad_dict *d = open_files(&p, 1);
  assert_true(has_issue(d, p, 1, "character"));
  dyad_dict_free(d);
  s[0] = '-';
  s[1] = ' ';
  s[2] = '*';
  p = write_named("long.verbs", s);
  d = open_files(&p, 1);
  assert_true(dyad_dict_issue_count(d) > 0);
  dyad_dict_free(d);
  /* A project naming itself stops. */
  p = write_named("self.project", "<actorsfile> self.project\n");
  d = open_files(&p, 1);
  assert_true(issues_matching(d, "nested too deeply") >= 1);
  dyad_dict_free(d);
  free(s);
}

/* ===== The peers' own dictionaries ===== */

#define PEERS "../shared/peers"

static int have_peers(void) {
  struct stat st;
  if (stat(PEERS "/TABARI-Code/CAMEO.091003.master.verbs", &st) == 0 &&
      stat(PEERS "/petrarch2/petrarch2/data/dictionaries/CAMEO.2.0.txt", &st) ==
          0)
    return 1;
  print_message("skipped: %s is missing\n", PEERS);
  return 0;
}

static void test_real_phoenix(void **state) {
  (void)state;
  if (!have_peers())
    skip();
#define PD PEERS "/petrarch2/petrarch2/data/dictionaries/"
  const char *paths[] = {PD "Phoenix.Countries.actors.txt",
                         PD "Phoenix.International.actors.txt",
                         PD "Phoenix.MilNonState.actors.txt",
                         PD "Phoenix.agents.txt", PD "CAMEO.2.0.txt"};
  dyad_dict *d = open_files(paths, 5);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  print_message("Phoenix: %zu actor codes, %zu people, %zu terms, %zu roles, "
                "%zu phrases, %zu patterns, %zu issues\n",
                st.actors, st.people, st.person_terms, st.roles, st.phrases,
                st.verb_patterns, dyad_dict_issue_count(d));
  assert_in_range(st.actors, 1000, 1200);
  assert_in_range(st.people, 17500, 19500);
  assert_in_range(st.person_terms, 27000, 30000);
  assert_in_range(st.roles, 60, 110); /* whole agent codes */
  assert_in_range(st.phrases, 37000, 42000);
  assert_in_range(st.verb_patterns, 150000, 300000);
  assert_in_range(dyad_dict_issue_count(d), 1, 2500);
  assert_string_equal(actor_code_of(d, "afghanistan"), "AFG");
  assert_non_null(person_of(d, "theresa may"));
  assert_string_equal(role_of(d, "farmer"), "AGR");
  assert_true(has_pattern(d, "rush", "rush aid +", "070"));
  dyad_dict_free(d);
}

static void test_real_tabari(void **state) {
  (void)state;
  if (!have_peers())
    skip();
  const char *verbs = PEERS "/TABARI-Code/CAMEO.091003.master.verbs";
  dyad_dict *d = open_files(&verbs, 1);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  print_message("TABARI master verbs: %zu patterns, %zu issues\n",
                st.verb_patterns, dyad_dict_issue_count(d));
  /* Verb forms listed on their own ("LEFT_") count too. */
  assert_in_range(st.verb_patterns, 9500, 17000);
  assert_in_range(dyad_dict_issue_count(d), 500, 7000);
  assert_true(has_pattern(d, "abduct", "abduct +", "181"));
  dyad_dict_free(d);
  const char *proj = PEERS "/TABARI-Code/Validate.project";
  d = open_files(&proj, 1);
  dyad_dict_get_stats(d, &st);
  print_message("TABARI Validate.project: %zu actors, %zu people, %zu roles, "
                "%zu patterns, %zu issues\n",
                st.actors, st.people, st.roles, st.verb_patterns,
                dyad_dict_issue_count(d));
  if (st.verb_patterns < 200)
    dump_issues(d);
  assert_in_range(st.actors, 80, 200);
  assert_in_range(st.roles, 10, 40);
  assert_in_range(st.verb_patterns, 200, 800);
  assert_string_equal(actor_code_of(d, "united states"), "USA");
  dyad_dict_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_tabari_actors, remove_tmp),
      cmocka_unit_test_teardown(test_tabari_forms, remove_tmp),
      cmocka_unit_test_teardown(test_tabari_agents, remove_tmp),
      cmocka_unit_test_teardown(test_petrarch_agents, remove_tmp),
      cmocka_unit_test_teardown(test_petrarch_actors, remove_tmp),
      cmocka_unit_test_teardown(test_tabari_verbs, remove_tmp),
      cmocka_unit_test_teardown(test_petrarch_verbs, remove_tmp),
      cmocka_unit_test_teardown(test_petrarch_skip_forms, remove_tmp),
      cmocka_unit_test_teardown(test_project, remove_tmp),
      cmocka_unit_test_teardown(test_malformed, remove_tmp),
      cmocka_unit_test(test_real_phoenix),
      cmocka_unit_test(test_real_tabari),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

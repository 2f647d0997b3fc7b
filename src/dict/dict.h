/* dict.h -- dyad's dictionary in memory: phrases (countries, organisations,
 * roles, people, anaphors), people's dated codes, verb patterns and the
 * lemmas of reporting verbs.
 *
 * A dictionary is built once by dyad_dict_open() from the text formats of
 * data/README.md and is immutable afterwards: lookups never allocate, so any
 * number of engines and threads may read it at once.
 */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"
#include "../util/arena.h"
#include "../util/strmap.h"

/* What a phrase names.  One phrase may carry several entries ("Japanese" is
 * an adjective and a demonym). */
typedef enum dyad__kind {
  DYAD__K_NAME = 1,       /* country name -> country */
  DYAD__K_ADJ,            /* country adjective -> country */
  DYAD__K_DEM,            /* demonym -> country */
  DYAD__K_CAP,            /* capital -> country */
  DYAD__K_ACTOR,          /* organisation, metonym, group -> actor code */
  DYAD__K_ROLE,           /* role noun -> role code */
  DYAD__K_PERSON,         /* person -> person id */
  DYAD__K_ANA_PLURAL,     /* "the two sides" */
  DYAD__K_ANA_STATEMENT,  /* "the joint statement" */
  DYAD__K_DISCARD,        /* a sentence holding it is not coded (sport) */
  DYAD__K_BLAME,          /* "X is behind Y" in reported speech: accusing */
  DYAD__K_PRAISE,         /* "X is a partner" in reported speech: praising */
  DYAD__K_NULL            /* a peer's null-coded actor [---]: recognised (its
                             words are no other actor) but never coded */
} dyad__kind;

typedef struct dyad__entry {
  uint8_t kind;      /* dyad__kind */
  uint8_t nwords;
  uint8_t stem;      /* a peer's stem: its last word matches any word
                        beginning with it (kept in dict.stems) */
  uint8_t endings;   /* TABARI's LIBYA_: its last word also takes a
                        regular noun ending ("Libyas") */
  uint16_t file;     /* where it was written: dict.files[file], line */
  uint32_t capmask;  /* bit i set: word i must be capitalised in the text */
  uint32_t upmask;   /* bit i set: word i must be all capitals (WHO, US) */
  int32_t value;     /* index into countries / actors / roles / people */
  int32_t next;      /* next entry of the same phrase, or -1 */
  uint32_t line;
} dyad__entry;

/* A phrase key maps (in dict.phrases) to the index of its first entry, or
 * to -1 when the key is only the beginning of longer phrases.  Prefix keys
 * are stored as "w1 w2 " (trailing space) with value -2. */
#define DYAD__PHRASE_PREFIX (-2)

typedef struct dyad__country {
  char code[4];
  const char *name; /* the first name listed */
} dyad__country;

typedef struct dyad__actor_code {
  const char *code; /* full CAMEO actor code */
  const char *name; /* the first phrase listed */
  char country[4];  /* ISO code when the code starts with one, else "" */
  char role[16];    /* role code at the end, or "" */
} dyad__actor_code;

typedef struct dyad__term {
  const char *code; /* actor code during the term */
  int32_t from;     /* yyyymmdd; 0: open */
  int32_t to;       /* yyyymmdd; 0: open (still in office) */
  const char *title;
  uint16_t file;    /* where it was written: dict.files[file], line */
  uint32_t line;
} dyad__term;

typedef struct dyad__person {
  const char *name;
  dyad__term *terms;
  uint32_t n_terms, cap_terms;
} dyad__person;

/* A verb pattern: the verb's lemma, then elements. */
typedef struct dyad__pelem {
  const char *lemma; /* a literal lemma, or NULL for the target slot '+'
                        (and, before the verb, for '$' or '+') */
  uint8_t before;    /* a peer's element written before the verb ("SAID $
                        *"): looked for to the verb's left */
  char slot;         /* before the verb: '$' the source, '+' the target,
                        or 0 for a word (a stem: any word beginning with
                        it); after the verb, '$' the source a peer's
                        pattern names there, '%' TABARI's compound whose
                        members act on each other */
  uint8_t joined;    /* TABARI's '_' connector: next to its neighbour
                        toward the verb, no word between */
  uint8_t stem;      /* a TABARI word: matches any word it begins */
  uint8_t exact;     /* a TABARI word ending in '_': the word itself */
  uint8_t skip;      /* a peer's '^' before it: noun phrases (PETRARCH)
                        or actors (TABARI) skipped before it is looked
                        for */
  uint8_t dflt;      /* TABARI's default target (a pattern without '+'):
                        the first actor after the verb, wherever the
                        pattern's words lie */
  uint32_t len;
  const char *word;  /* the literal as written, lower case ("killing") */
  uint32_t word_len;
  const char *noun;  /* its noun lemma ("meetings" -> "meeting") */
  uint32_t noun_len;
  uint8_t has_bits;  /* lemma, word and noun are all non-empty, and: */
  uint16_t bits[3];  /* their dyad__word_bit, for the coder's filter */
} dyad__pelem;

/* A bit (0..1023) for a word, from its length and three of its bytes:
 * equal words get the same bit.  The coder sets the bits of a sentence's
 * words and lemmas and rules out a pattern whose literal has none of its
 * bits set; dyad__pelem.bits holds a literal's, computed at load. */
static inline uint32_t dyad__word_bit(const char *s, size_t n) {
  uint32_t h = (uint32_t)n;
  if (n) {
    h = h * 31u + (unsigned char)s[0];
    h = h * 31u + (unsigned char)s[n / 2];
    h = h * 31u + (unsigned char)s[n - 1];
  }
  return (h * 0x9E3779B1u) >> 22;
}

typedef struct dyad__pattern {
  char code[5];
  char code2[5];      /* paired code for the reverse event ("042:043"), or "" */
  uint8_t n_elems;
  uint8_t n_literals; /* specificity: literal words after the verb */
  uint8_t has_slot;
  uint8_t slot_first; /* the first element is '+' (usable in the passive) */
  uint8_t n_before;   /* elements before the verb (peers' patterns) */
  uint8_t block;      /* a peer's null code [---]: a match codes nothing
                         and stops the verb's other patterns */
  uint8_t discard;    /* a peer's discard code [###]: a match discards the
                         sentence */
  uint8_t synset;     /* TABARI: made from a synset's member; a pattern of
                         the same words written out wins over it */
  uint8_t subordinate; /* TABARI's subordinate code ("SAID [023?]"): its
                          events stand only when nothing else codes */
  uint8_t dominant;    /* TABARI's dominant code ("ATTEND [031!]"): its
                          events replace the sentence's others */
  dyad__pelem *elems;
  const char *text;   /* the pattern as written, for traces */
  uint32_t order;     /* load order: ties go to the earlier */
  uint16_t file;      /* where it was written: dict.files[file], line */
  uint32_t line;
} dyad__pattern;

/* Per verb lemma: its patterns and whether it reports speech. */
typedef struct dyad__verb {
  const char *lemma;
  uint32_t *patterns; /* indices into dict.patterns, most specific first */
  uint32_t n_patterns, cap_patterns;
  uint8_t report; /* a verb of saying: introduces reported speech */
  uint8_t intent; /* "agree/plan/decide to X": X is an intent, not a fact */
  uint8_t exact;  /* a TABARI verb ending in '_' (DEPART_): its forms
                     only, not a stem of longer words; 2 for one ending
                     in '=' (BAN=): the word itself, no ending */
} dyad__verb;

/* dyad_dict.peer_format bits: the peer whose reading the dictionary asks
 * for (the coder's peer mode consults it). */
#define DYAD__PEER_TABARI 1u
#define DYAD__PEER_PETRARCH 2u

/* dyad_dict.peer_pos values: the word classes TABARI's actors file lists
 * so that "sheep and goats", "awful and evil" join no compound. */
#define DYAD__POS_NOUN 1
#define DYAD__POS_ADJ 2

struct dyad_dict {
  dyad__arena arena; /* strings and small arrays; freed with the dict */

  dyad__strmap phrases; /* phrase -> first entry */
  dyad__entry *entries;
  size_t n_entries, cap_entries;
  uint32_t max_words;   /* longest phrase, in words */
  dyad__strmap stems;   /* a peer's stem phrase "w1 stem" -> first entry;
                           empty for dyad's own dictionaries */
  size_t n_stems;
  size_t n_gapped;      /* TABARI phrases whose words the text may separate
                           (keyed with '|' at each such gap) */

  dyad__country *countries;
  size_t n_countries, cap_countries;
  dyad__strmap country_index; /* ISO code -> index */

  dyad__actor_code *actors;
  size_t n_actors, cap_actors;
  dyad__strmap actor_index; /* code -> index */

  char (*roles)[16]; /* role codes: GOV, or a peer's longer agent code
                        (GOVFRM); a trailing '~' marks a prefix (NGO~) */
  size_t n_roles, cap_roles;

  dyad__person *people;
  size_t n_people, cap_people;
  dyad__strmap person_index; /* full name -> index */
  size_t n_terms;

  dyad__pattern *patterns;
  size_t n_patterns, cap_patterns;
  dyad__verb *verbs;
  size_t n_verbs, cap_verbs;
  dyad__strmap verb_index; /* lemma -> index into verbs */
  dyad__strmap pattern_index; /* a verb's pattern, by its elements ->
                                 index into patterns (finds duplicates in
                                 constant time while loading) */
  int patterns_unsorted; /* patterns were listed since the last sort */
  dyad__strmap word_index; /* a pattern word, lower case -> words[] */
  struct dyad__pword {
    const char *word, *lemma, *noun; /* arena, lower case */
    uint32_t word_len, lemma_len, noun_len;
  } *words;               /* each distinct pattern word, lemmatised once */
  size_t n_words, cap_words;
  dyad__strmap peer_pos;   /* TABARI's <NOUN> and <ADJECTIVE> words (lower
                              case) -> DYAD__POS_NOUN or DYAD__POS_ADJ */

  const char **files; /* every file loaded, in order (for explanations) */
  size_t n_files, cap_files;
  uint8_t peer_format; /* which peers' formats were loaded: bits
                           DYAD__PEER_TABARI, DYAD__PEER_PETRARCH */
  int any_code;       /* while loading a peer's file: verb codes outside
                         CAMEO are kept (TABARI's demo uses WEIS codes) */
  uint16_t cur_file;  /* while loading: the file and line being read */
  uint32_t cur_line;
  uint8_t cur_synset; /* while loading: the pattern comes from a synset */
  uint8_t cur_subordinate; /* while loading: a TABARI subordinate code */
  uint8_t cur_dominant;    /* while loading: a TABARI dominant code */

  dyad_dict_issue *issues;
  size_t n_issues, cap_issues;
};

/* ===== Building a dictionary (used by dict.c and the readers of the
 * peers' formats in compat.c) ===== */

/* Records an unusable line; returns 0, or -1 on OOM. */
int dyad__dict_issue(dyad_dict *d, const char *file, size_t line,
                     const char *msg);

/* Adds a phrase (tokenized as text is) naming an entry of `kind` with
 * `value`.  A capitalised word of the phrase will need a capitalised word
 * in the text; pass lower case to match any case.  Returns 0, 1 when the
 * phrase is unusable (empty or too long), -1 on OOM. */
int dyad__dict_add_phrase(dyad_dict *d, const char *s, size_t n,
                          dyad__kind kind, int32_t value);

/* As dyad__dict_add_phrase; with stem set, the phrase's last word is a
 * peer's stem and matches any word beginning with it ("ARGENTIN",
 * "Estonias" for ESTONIA); with stem DYAD__STEM_ENDINGS, a TABARI word
 * written with a final '_' (LIBYA_): it or it with a regular noun ending
 * ("Libyas"). */
#define DYAD__STEM_ENDINGS 2
int dyad__dict_add_phrase_ex(dyad_dict *d, const char *s, size_t n,
                             dyad__kind kind, int32_t value, int stem);

/* The index of an actor code (added when new, with its display name). */
int32_t dyad__dict_actor_code(dyad_dict *d, const char *code, size_t n,
                              const char *name, size_t name_n);

/* The index of a role code of up to 15 characters (added when new): dyad's
 * three-letter roles, or a peer's agent code ("GOVFRM"; "NGO~" for one
 * written before the country). */
int32_t dyad__dict_role(dyad_dict *d, const char *code, size_t n);

/* The index of a person (any name with dated codes), added with its name as
 * a phrase when new; -1 on OOM. */
int32_t dyad__dict_person(dyad_dict *d, const char *name, size_t n);

/* Adds a term (code from..to, yyyymmdd, 0 = open) to person pi. */
int dyad__dict_term(dyad_dict *d, int32_t pi, const char *code, size_t n,
                    int32_t from, int32_t to, const char *title,
                    size_t title_n);

/* Reads one verb line in dyad's format, "CODE | verb words +".  While a
 * peer's file is read (d->any_code), a word "<w" is an element before the
 * verb ("<$", "<+", "<said"), and the codes "---" (null: the match blocks
 * coding) and "###" (the match discards the sentence) are accepted. */
int dyad__dict_read_verb(dyad_dict *d, const char *s, size_t n,
                         const char *file, size_t line);

/* ===== Lookups ===== */

/* The first entry of a phrase key, DYAD__PHRASE_PREFIX when the key only
 * begins longer phrases, or -1 when unknown. */
int32_t dyad__dict_phrase(const dyad_dict *d, const char *key, size_t len);

/* The first entry of a stem phrase whose key (earlier words, then the
 * stem) is exactly key, or -1. */
int32_t dyad__dict_stem(const dyad_dict *d, const char *key, size_t len);

/* The verb record of a lemma, or NULL. */
const dyad__verb *dyad__dict_verb(const dyad_dict *d, const char *lemma,
                                  size_t len);

/* The actor code record of a code string, or NULL. */
const dyad__actor_code *dyad__dict_actor(const dyad_dict *d, const char *code);

/* The code of person p on date (yyyymmdd; 0: the latest term), and whether
 * the date falls within a term (*in_term).  Outside every term the nearest
 * term is used. */
const dyad__term *dyad__person_term(const dyad__person *p, int32_t date,
                                    int *in_term);

#endif

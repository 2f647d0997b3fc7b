/* compat.h -- readers of the peers' dictionary formats (TABARI .actors,
 * .agents, .verbs, .options, .project; PETRARCH-2 Phoenix actors, agents,
 * discards and CAMEO.2.0 verbs) into dyad's dictionary.
 *
 * dict.c asks dyad__compat_format() about every file before its own
 * formats; a file in a peer's format is then read whole by
 * dyad__compat_load(), which builds entries through the functions of
 * dict.h and reports every line it cannot use (file and line), once.
 *
 * The readers are split in three files sharing the helpers below:
 * compat.c (detection, dispatch, .options, .project, lines, codes, dates,
 * phrases, verb patterns), compat_tabari.c and compat_petrarch.c.
 *
 * What cannot be expressed in dyad's model is reported as an issue whose
 * message starts with a fixed text ("cannot express: ...", "not kept: ...",
 * "approximated: ...") so issues can be counted by kind.  Approximations
 * that still load (discard stems read as whole words, spaced phrases,
 * ...) are counted and reported once per file, at the first line
 * concerned, with the count. */
#ifndef DYAD_COMPAT_H
#define DYAD_COMPAT_H

#include <stddef.h>
#include <stdint.h>

#include "dict.h"

typedef enum dyad__compat {
  DYAD__COMPAT_NONE = 0,
  DYAD__COMPAT_TABARI_ACTORS,
  DYAD__COMPAT_TABARI_AGENTS,
  DYAD__COMPAT_TABARI_VERBS,
  DYAD__COMPAT_TABARI_OPTIONS,
  DYAD__COMPAT_TABARI_PROJECT,
  DYAD__COMPAT_PETRARCH_ACTORS,
  DYAD__COMPAT_PETRARCH_AGENTS,
  DYAD__COMPAT_PETRARCH_VERBS,
  DYAD__COMPAT_PETRARCH_DISCARDS
} dyad__compat;

/* Which peer format a file is in, from its name and first lines, or
 * DYAD__COMPAT_NONE for dyad's own formats. */
dyad__compat dyad__compat_format(const char *path, const char *data,
                                 size_t len);

/* Reads a whole file of format fmt; `file` names it in issues.  Returns 0,
 * or -1 on OOM (unusable lines are issues, not errors). */
int dyad__compat_load(dyad_dict *d, dyad__compat fmt, const char *file,
                      const char *data, size_t len);

/* ===== Shared by compat*.c ===== */

/* Longest phrase or pattern text handled, in bytes. */
#define DYAD__CX_MAX 1024

/* Marks a peer's pattern element written before the verb ("SAID $ *"
 * becomes "CODE | verb <said <$ +"); dyad__dict_read_verb reads it into
 * dyad__pelem.before (and .slot for '$' and '+'), and the coder's peer
 * reading looks for it to the left of the verb. */
#define DYAD__CX_BEFORE '<'
/* The peers' connectors in a converted pattern word: '=' before it,
 * joined to its neighbour toward the verb ("FOR_ASYLUM", "IN_*",
 * PETRARCH's "DEATH_TOTAL"); after a TABARI word, '~' a stem (matches any
 * word it begins) or '_' the word itself. */
#define DYAD__CX_JOINED '='
#define DYAD__CX_STEM '~'
#define DYAD__CX_EXACT '_'
/* PETRARCH's '^' after the verb, written before the element that follows
 * it (once per '^'): skip a noun phrase first ("AT ^ +": the actor after
 * the place named after "at"). */
#define DYAD__CX_SKIP '^'
/* TABARI's default target, written "+?" for a pattern without '+': the
 * first actor after the verb in the clause, wherever the pattern's words
 * lie ("ALLOW * REAL~_PLEASANT": "allowed that Mordor isn't a real
 * pleasant place"). */
#define DYAD__CX_DEFAULT '?'

/* A verb code as dyad's verb format writes it: "042" or paired "042:043". */
#define DYAD__CX_CODE 12

/* Iterates over the lines of a buffer. */
typedef struct dyad__cx_lines {
  const char *data;
  size_t len, pos, line;
} dyad__cx_lines;

void dyad__cx_lines_init(dyad__cx_lines *it, const char *data, size_t len);
/* The next line (without its end), its number in it->line; 0 at the end. */
int dyad__cx_next(dyad__cx_lines *it, const char **s, size_t *n);

/* Trims spaces, tabs and CRs at both ends. */
void dyad__cx_trim(const char **s, size_t *n);

/* Approximations counted while reading a file and reported once at its end
 * (message with the count, at the first line concerned). */
enum {
  DYAD__CXN_STEM,       /* stem read as a whole word */
  DYAD__CXN_SPACED,     /* TABARI space: words may be separated */
  DYAD__CXN_STORY,      /* story-level discard read per sentence */
  DYAD__CXN_SKIP,       /* '^' skip dropped */
  DYAD__CXN_DOMINANT,   /* '!' / '?' code markers dropped */
  DYAD__CXN_PAIRED,     /* second code of a paired code dropped */
  DYAD__CXN_DEFAULT_TARGET, /* pattern without '+': target after it */
  DYAD__CXN_PASSIVE,    /* '+ * BY $' read as dyad's automatic passive */
  DYAD__CXN_FORMS,      /* verb forms lists: dyad lemmatises instead */
  DYAD__CXN_DUP,        /* more duplicates from one expanded line */
  DYAD__CXN_COUNT
};

typedef struct dyad__cx_notes {
  size_t count[DYAD__CXN_COUNT];
  size_t first[DYAD__CXN_COUNT];
} dyad__cx_notes;

void dyad__cx_note(dyad__cx_notes *nt, int kind, size_t line);
/* Reports every counted approximation as one issue; -1 on OOM. */
int dyad__cx_report_notes(dyad_dict *d, const char *file,
                          const dyad__cx_notes *nt);

/* Reports an issue, formatted; -1 on OOM. */
int dyad__cx_issue(dyad_dict *d, const char *file, size_t line,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Converts a peer's phrase (A_B_ C) into dyad's text in out: lower case,
 * '_' to spaces, spaces collapsed; control characters and []{}<>|*~= are
 * refused (shown as '^' for a control character).  *exact tells whether it ended in '_'
 * (1: no stem) or in TABARI's '=' (2: no ending either), *spaced whether a blank separated two words.  Returns the
 * length, 0 when empty, or -1 when a character cannot be read (then out
 * holds the offending character as a string). */
int dyad__cx_phrase(const char *s, size_t n, char *out, size_t cap,
                    int *exact, int *spaced);

/* A code block's content ("USAGOV 991201-010114", "HOB < 950601",
 * "### <890101", "ELR/GAL").  Returns the kind: 0 a code, 1 the null code
 * ---, 2 a discard or placeholder (### or +++), -1 malformed (message in
 * err); code holds what was written ("---", "ELR/GAL") and the dates are
 * read for every kind. */
typedef struct dyad__cx_code {
  char code[16];
  size_t n;
  int32_t from, to; /* yyyymmdd, 0 open */
  int dated;
  int several;      /* "A/B/C": the number of codes (0 for one) */
} dyad__cx_code;

int dyad__cx_parse_code(const char *s, size_t n, dyad__cx_code *out,
                        const char **err);

/* A date YYMMDD (years 00-30 are 20YY, else 19YY; up to 7 characters, as
 * the peers read them) or YYYYMMDD -> yyyymmdd, or -1. */
int32_t dyad__cx_date(const char *s, size_t n);

/* ===== Verb patterns ===== */

typedef struct dyad__cx_strs {
  char **v;
  size_t n, cap;
} dyad__cx_strs;

int dyad__cx_strs_push(dyad__cx_strs *l, const char *s, size_t n);
void dyad__cx_strs_clear(dyad__cx_strs *l);

typedef struct dyad__cx_synset {
  char *name; /* as written, with its '&' */
  dyad__cx_strs members;
} dyad__cx_synset;

typedef struct dyad__cx_verbs {
  dyad_dict *d;
  const char *file;
  int petrarch; /* '{ }' and '( )' are phrases, not alternatives */
  dyad__cx_synset *syn;
  size_t n_syn, cap_syn;
  dyad__cx_notes notes;
  size_t dup_line; /* the last line whose duplicate was reported */
  int subordinate; /* the last code read ended in '?' (TABARI) */
  int dominant;    /* the last code read ended in '!' (TABARI) */
} dyad__cx_verbs;

/* Starts a synset named s; -1 on OOM. */
int dyad__cx_synset_begin(dyad__cx_verbs *c, const char *s, size_t n);
/* Adds a member to the latest synset; -1 on OOM. */
int dyad__cx_synset_add(dyad__cx_verbs *c, const char *s, size_t n);
void dyad__cx_verbs_free(dyad__cx_verbs *c);

/* A verb's code "[040]", "[031:032]", "[042!]": writes the dyad code into
 * out.  Returns 1 when usable, 0 for the null code (out "---"), the
 * discard code (out "###") and the +++ placeholder (out ""), which the
 * caller uses or reports as it sees fit, -1 when malformed or not a CAMEO
 * code (message in *err). */
int dyad__cx_verb_code(dyad__cx_verbs *c, const char *s, size_t n,
                       size_t line, char out[DYAD__CX_CODE], const char **err);

/* Converts a pattern (the text between '-' and its code) into the tails of
 * dyad patterns (what follows the verb: "talks with +"), expanding
 * alternatives and synsets, into tails.  Reports the line's first problem
 * once.  Returns 0, or -1 on OOM. */
int dyad__cx_pattern(dyad__cx_verbs *c, const char *s, size_t n,
                     size_t line, dyad__cx_strs *tails);

/* Loads "code | verb tail" through dyad__dict_read_verb. */
int dyad__cx_emit(dyad__cx_verbs *c, const char *code, const char *verb,
                  const char *tail, size_t line);

/* The readers of compat_tabari.c and compat_petrarch.c. */
int dyad__compat_tabari_actors(dyad_dict *d, const char *file,
                               const char *data, size_t len, int petrarch);
int dyad__compat_agents(dyad_dict *d, const char *file, const char *data,
                        size_t len, int petrarch);
int dyad__compat_tabari_verbs(dyad_dict *d, const char *file,
                              const char *data, size_t len);
int dyad__compat_petrarch_verbs(dyad_dict *d, const char *file,
                                const char *data, size_t len);
int dyad__compat_petrarch_discards(dyad_dict *d, const char *file,
                                   const char *data, size_t len);

/* Cuts a comment and trims: TABARI's ';', PETRARCH's '#' (petrarch). */
void dyad__cx_cut_comment(const char **s, size_t *n, int petrarch);

/* PETRARCH's "<!-- ... -->" comments, possibly over several lines (state
 * in *in_comment).  Returns 1 when the whole line is (in) a comment; else
 * leaves in s what follows a closing "-->". */
int dyad__cx_xml_comment(const char **s, size_t *n, int *in_comment);

#endif

/* dyad.h -- the public interface of libdyad, the political event coder.
 *
 * dyad reads English news text and writes who did what to whom: events
 * coded in CAMEO, each with its source and target actors, the verb, the
 * sentence and byte offsets into the caller's text that prove it.
 *
 * This header is the library's manual.  The library never prints and never
 * exits: every fallible call returns a dyad_status, and a handle keeps the
 * detailed message.
 *
 *   dyad_dict *dict;     dyad_dict_open(&dict, NULL, 0, 0, &err);
 *   dyad_engine *eng;    dyad_engine_new(&eng, dict, NULL);
 *   dyad_doc *doc;       dyad_code(eng, text, len, &meta, &doc);
 *   for (i = 0; i < dyad_doc_event_count(doc); i++) use(dyad_doc_event(doc, i));
 *   dyad_doc_free(doc);  dyad_engine_free(eng);  dyad_dict_free(dict);
 *
 * Threads share one dictionary and one engine and each codes its own
 * documents; both are immutable once made.  Everything a document produces
 * lives in the document's arena and goes with dyad_doc_free().
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DYAD_EXPORT __attribute__((visibility("default")))
#else
#define DYAD_EXPORT
#endif

/** ## Version */

#define DYAD_VERSION_STRING "0.1.0"
#define DYAD_VERSION_NUMBER 0x000100

/** The library's version string, e.g. "0.1.0". */
DYAD_EXPORT const char *dyad_version(void);

/** ## Status codes
 *
 * Codes are only ever added at the end, never renumbered. */

#define DYAD_STATUS_MAP(X)                                                    \
  X(OK, "ok")                                                                 \
  X(ERR_NOMEM, "out of memory")                                               \
  X(ERR_TOO_LARGE, "input too large")                                         \
  X(ERR_IO, "cannot read file")                                               \
  X(ERR_PARSE, "malformed input")                                             \
  X(ERR_ARG, "invalid argument")                                              \
  X(ERR_DICT, "dictionary error")                                             \
  X(ERR_MODEL, "tagger model is invalid")

typedef enum dyad_status {
#define DYAD_X(name, msg) DYAD_##name,
  DYAD_STATUS_MAP(DYAD_X)
#undef DYAD_X
} dyad_status;

/** A short English message for a status code (static; never NULL). */
DYAD_EXPORT const char *dyad_strerror(dyad_status s);

/** ## Allocator */

/** Replaces the allocator used by every later call of the library.  Pass NULL
 * for all three to restore malloc/realloc/free.  Not thread-safe: call it
 * before making any dictionary. */
DYAD_EXPORT void dyad_set_allocator(void *(*malloc_fn)(size_t),
                                    void *(*realloc_fn)(void *, size_t),
                                    void (*free_fn)(void *));

/** ## Plain views
 *
 * Strings in results are (ptr, len) views, not NUL-terminated in general;
 * they stay valid until the object that owns them is freed. */

typedef struct dyad_str {
  const char *ptr;
  size_t len;
} dyad_str;

/** Byte offsets [start, end) into the text given to dyad_code(). */
typedef struct dyad_span {
  size_t start;
  size_t end;
} dyad_span;

/** ## Dictionaries */

typedef struct dyad_dict dyad_dict;

/** Flags for dyad_dict_open(). */
#define DYAD_DICT_NO_BUILTIN 0x1 /* do not load dyad's own dictionaries */

/** One problem found while loading a dictionary line. */
typedef struct dyad_dict_issue {
  const char *file; /* the file's path (or the built-in name) */
  size_t line;      /* 1-based line number */
  const char *message;
} dyad_dict_issue;

/** Opens dyad's built-in dictionaries (unless DYAD_DICT_NO_BUILTIN is in
 * flags) and adds the files in paths (n_paths of them; the format of each is
 * told by its content, see data/README.md).  Lines that cannot be used are
 * skipped and listed (dyad_dict_issue_count) and the rest still loads.  On
 * success *out is the dictionary, to be freed with dyad_dict_free().  On
 * failure *out is untouched and, when err is not NULL, *err receives a
 * message the caller frees with dyad_free(). */
DYAD_EXPORT dyad_status dyad_dict_open(dyad_dict **out, const char *const *paths,
                                       size_t n_paths, int flags, char **err);

/** Frees a dictionary.  NULL is a no-op.  Free every engine first. */
DYAD_EXPORT void dyad_dict_free(dyad_dict *d);

/** The number of lines skipped while loading, and each of them. */
DYAD_EXPORT size_t dyad_dict_issue_count(const dyad_dict *d);
DYAD_EXPORT const dyad_dict_issue *dyad_dict_issue_at(const dyad_dict *d,
                                                      size_t i);

/** Entry counts of a loaded dictionary. */
typedef struct dyad_dict_stats {
  size_t countries, actors, roles, people, person_terms, verb_patterns,
      phrases;
} dyad_dict_stats;
DYAD_EXPORT void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st);

/** Looks for what loads but is probably wrong: a phrase naming two
 * different actors of the same kind, a person's terms that overlap with
 * different codes, verb codes that are not CAMEO codes, pattern words that
 * can never match a word of text.  On success *out is an array of *n
 * findings (file, line, message) the caller frees with dyad_dict_lint_free;
 * messages live as long as the array. */
DYAD_EXPORT dyad_status dyad_dict_lint(const dyad_dict *d,
                                       dyad_dict_issue **out, size_t *n);
DYAD_EXPORT void dyad_dict_lint_free(dyad_dict_issue *findings, size_t n);

/** Writes the dictionary in dyad's own formats (data/README.md), one text
 * per kind: "countries", "actors", "roles", "people", "verbs",
 * "reporting" (kind names the file).  *out (NUL-terminated) is freed by the
 * caller with dyad_free.  Phrases keep the capitals the matcher needs. */
DYAD_EXPORT dyad_status dyad_dict_to_text(const dyad_dict *d, const char *kind,
                                          char **out, size_t *out_len);

/** ## The engine */

typedef struct dyad_engine dyad_engine;

/** Options of an engine (bit flags in dyad_options.flags). */
#define DYAD_OPT_KEEP_NEGATED 0x1    /* emit negated events, flagged */
#define DYAD_OPT_ONE_ACTOR 0x2       /* emit events lacking a target */
#define DYAD_OPT_TRACE 0x4           /* record an explanation per sentence */
#define DYAD_OPT_KEEP_HYPOTHETICAL 0x8 /* emit might/could/should acts, flagged */
#define DYAD_OPT_PEER 0x10           /* the peers' literal reading (TABARI,
                                        PETRARCH): acts coded as stated
                                        (no intent/threat recoding, modals
                                        kept, infinitives coded), no
                                        speaker judgements, no borrowed
                                        countries; used by dyad validate */

#define DYAD_OPT_NO_MERGE 0x20      /* keep one event per sentence: do not
                                        merge the same event stated in
                                        several sentences (--dedup none) */

typedef struct dyad_options {
  int flags;            /* DYAD_OPT_* */
  size_t max_doc_bytes; /* 0: 64 MiB.  Longer documents: DYAD_ERR_TOO_LARGE */
} dyad_options;

/** Makes an engine over a dictionary (borrowed: it must outlive the engine).
 * opts may be NULL for the defaults.  Loads the embedded tagger model. */
DYAD_EXPORT dyad_status dyad_engine_new(dyad_engine **out, const dyad_dict *dict,
                                        const dyad_options *opts);

/** Frees an engine.  NULL is a no-op. */
DYAD_EXPORT void dyad_engine_free(dyad_engine *e);

/** ## Coding a document */

typedef struct dyad_doc dyad_doc;

/** What is known of a document besides its text. */
typedef struct dyad_doc_meta {
  const char *id;   /* NUL-terminated, copied; may be NULL */
  const char *date; /* publication date YYYY-MM-DD, copied; NULL: undated */
} dyad_doc_meta;

/** One actor of an event. */
typedef struct dyad_actor {
  dyad_str text;          /* the words of the text that name it */
  dyad_str code;          /* CAMEO actor code: JPNGOV, IGOWSTNAT, RUS */
  dyad_str country;       /* ISO alpha-3, or empty (IGOs, unknown) */
  dyad_str role;          /* GOV, MIL, ... or empty */
  dyad_str name;          /* a person's or organisation's name, or empty */
  dyad_span span;         /* where this sentence names the actor: the
                             text's span, or for a resolved anaphor the
                             anaphor's span */
  dyad_str resolved_from; /* the anaphor ("he", "the two sides") when the
                             actor was resolved from one; text is then the
                             earlier mention that gave the code */
} dyad_actor;

/** Where an event happened, from dyad's gazetteer (data/places/places.txt).
 * name is empty when no place is known. */
typedef struct dyad_place {
  dyad_str name;    /* the place as the gazetteer names it ("Tokyo") */
  dyad_str country; /* ISO alpha-3 */
  dyad_str kind;    /* country, capital, city, admin, region, feature */
  double lat, lon;  /* decimal degrees, north and east positive */
  dyad_str how;     /* how it was found: "in" (a locative phrase of the
                       sentence: in, at, near, outside ...), "visit"
                       (visiting, visit to, arrived in), "dateline" (the
                       story's dateline), "story" (the place of the story,
                       from an earlier sentence or the dateline) */
  dyad_span span;   /* the words that name it */
} dyad_place;

/** One sentence stating an event (see dyad_event.mentions). */
typedef struct dyad_mention {
  size_t sentence;  /* 0-based sentence index */
  dyad_span span;   /* the sentence's span */
} dyad_mention;

/** One event.  Every view lives until dyad_doc_free(). */
typedef struct dyad_event {
  size_t sentence;        /* 0-based sentence index in the document */
  char code[5];           /* CAMEO code with leading zero, NUL-terminated */
  char root[3];           /* its two-digit root */
  int quad_class;         /* 1..4 */
  double goldstein;       /* Goldstein value of the code (see dyad_goldstein) */
  dyad_actor source;
  dyad_actor target;
  dyad_str verb_text;     /* the verb group as written */
  dyad_str verb_lemma;
  dyad_span verb_span;
  dyad_str pattern;       /* the dictionary pattern that matched */
  int negated;            /* the text says it did not happen */
  int hypothetical;       /* supposed, not reported: might, could, should */
  int passive;            /* coded from a passive clause */
  int reported;           /* inside reported speech */
  dyad_str text;          /* the sentence */
  dyad_span sentence_span;
  dyad_str date;          /* YYYY-MM-DD when it happened, or empty when the
                             document is undated */
  dyad_str date_precision; /* day, week, month, year (the date is the
                              period's first day), or "publication": no
                              date found, the publication date */
  dyad_str date_from;     /* "sentence" (an expression of its sentence),
                             "story" (carried from an earlier sentence),
                             "publication" */
  dyad_str date_text;     /* the words that gave the date, or empty */
  dyad_str time;          /* HH:MM when the text gives a time, or empty */
  int future;             /* stated as to come: will, is to, plans to */
  dyad_place place;
  const dyad_mention *mentions; /* every sentence of the document stating
                                   this event (the first is `sentence`) */
  size_t num_mentions;
  size_t num_articles;    /* documents reporting it (1; more after
                             dyad_events_merge across documents) */
  double confidence;      /* 0..1, from the evidence (docs/coding.md) */
  const char *plover_type; /* PLOVER event type, or NULL (static) */
  const char *plover_mode; /* PLOVER mode, or NULL (static) */
} dyad_event;

/** A quotation and who said it (dyad_doc_quote).  A quotation running over
 * several paragraphs is one record per paragraph, each continuing the one
 * before. */
typedef struct dyad_quote {
  dyad_str text;       /* the words inside the marks */
  dyad_span span;
  int closed;          /* its closing mark was found */
  long continues;      /* index of the quote this one continues, or -1 */
  dyad_actor speaker;  /* text: the words naming the speaker ("he",
                          "Prime Minister Kishida"); code and name when
                          known; resolved_from: how a speaker with no words
                          of its own was found ("continued quote",
                          "he") */
} dyad_quote;

/** Codes len bytes of text (borrowed for the call; the document copies what
 * it keeps).  meta may be NULL.  On success *out is a document to free with
 * dyad_doc_free().  Invalid UTF-8 and NUL bytes are replaced, counted
 * (dyad_doc_invalid_bytes) and never fatal.  Errors: DYAD_ERR_TOO_LARGE
 * (over max_doc_bytes or an internal cap), DYAD_ERR_NOMEM. */
DYAD_EXPORT dyad_status dyad_code(const dyad_engine *e, const char *text,
                                  size_t len, const dyad_doc_meta *meta,
                                  dyad_doc **out);

/** Frees a document and everything it owns.  NULL is a no-op. */
DYAD_EXPORT void dyad_doc_free(dyad_doc *d);

/** The events of a document, in text order. */
DYAD_EXPORT size_t dyad_doc_event_count(const dyad_doc *d);
DYAD_EXPORT const dyad_event *dyad_doc_event(const dyad_doc *d, size_t i);

/** Sentences of a document: count and each one's span. */
DYAD_EXPORT size_t dyad_doc_sentence_count(const dyad_doc *d);
DYAD_EXPORT dyad_span dyad_doc_sentence_span(const dyad_doc *d, size_t i);

/** Invalid UTF-8 sequences and NUL bytes replaced in the document's text. */
DYAD_EXPORT size_t dyad_doc_invalid_bytes(const dyad_doc *d);

/** The document's id and date as given (empty views when not given). */
DYAD_EXPORT dyad_str dyad_doc_id(const dyad_doc *d);
DYAD_EXPORT dyad_str dyad_doc_date(const dyad_doc *d);

/** The quotations of a document, in text order. */
DYAD_EXPORT size_t dyad_doc_quote_count(const dyad_doc *d);
DYAD_EXPORT const dyad_quote *dyad_doc_quote(const dyad_doc *d, size_t i);

/** The quotations as JSON Lines: doc_id, index, speaker ({text, code, name}
 * or null), text, span, closed, continues.  Same buffer contract as
 * dyad_doc_to_jsonl. */
DYAD_EXPORT dyad_status dyad_doc_quotes_to_jsonl(const dyad_doc *d, char **out,
                                                 size_t *out_len);

/** With DYAD_OPT_TRACE: how each sentence was read, as JSON Lines (one
 * object per sentence): `sentence`, `span`, `headline`, `text`, `tokens`
 * ([text, tag, lemma]), `chunks` (kind, text, actor or role, subject of a
 * verb group, flags), `phrases` (dictionary phrases found: text, kind,
 * value, file, line), `verbs` (verb, lemma, subject, patterns `tried` with
 * code, file, line and `matched`, and a `status` saying why it did or did
 * not code), `events`, and for a sentence without event a `reason`.
 * Empty without the option. */
DYAD_EXPORT dyad_str dyad_doc_trace(const dyad_doc *d);

/** ## Writing events */

/** Appends the document's events as JSON Lines (one object per event) to a
 * buffer the library allocates: *out (NUL-terminated) and *out_len.  The
 * caller frees *out with dyad_free(). */
DYAD_EXPORT dyad_status dyad_doc_to_jsonl(const dyad_doc *d, char **out,
                                          size_t *out_len);

/** The same as tab-separated lines: doc_id, date, sentence, source code,
 * target code, CAMEO code, root, quad class, Goldstein, negated, source
 * text, verb, target text, sentence text. */
DYAD_EXPORT dyad_status dyad_doc_to_tsv(const dyad_doc *d, char **out,
                                        size_t *out_len);

/** As dyad_doc_to_jsonl and dyad_doc_to_tsv, for `count` events from
 * index `first` only (clamped to the document), so a caller can write a
 * document with millions of events in bounded memory. */
DYAD_EXPORT dyad_status dyad_doc_events_to_jsonl(const dyad_doc *d,
                                                 size_t first, size_t count,
                                                 char **out, size_t *out_len);
DYAD_EXPORT dyad_status dyad_doc_events_to_tsv(const dyad_doc *d, size_t first,
                                               size_t count, char **out,
                                               size_t *out_len);

/** The field's formats, for `count` events from index `first` (clamped),
 * into a buffer the library allocates: *out (NUL-terminated) and *out_len,
 * which the caller frees with dyad_free().  Fields dyad cannot know are
 * empty, never invented.  "The same event" is the same date, source code,
 * target code and CAMEO code in the document; the whole document is read
 * to count them, so any batching gives the same lines.
 *
 * dyad_doc_events_to_gdelt: GDELT 2.0 event table rows, 61 tab-separated
 * columns in GDELT's order, no header line (as GDELT's export files).
 * GLOBALEVENTID is a stable 63-bit hash of document id, sentence, code,
 * source and target codes; dates from the event date; actor Name is the
 * actor's name (or its words) upper-cased; IsRootEvent is 1 for events of
 * the first sentence; NumMentions counts the same event in the document
 * and NumSources, NumArticles are the event's num_articles (1 unless
 * merged across documents); AvgTone, geography, KnownGroup,
 * Ethnic, Religion, Type2/3 and DATEADDED are empty; SOURCEURL is the
 * document id.  Negated and hypothetical events are not written.
 *
 * dyad_doc_events_to_gdelt_mentions: the matching GDELT 2.0 mentions rows
 * (16 columns), one per event written by dyad_doc_events_to_gdelt, with
 * 1-based SentenceID and byte offsets of source, target (-1: none) and
 * verb. */
DYAD_EXPORT dyad_status dyad_doc_events_to_gdelt(const dyad_doc *d,
                                                 size_t first, size_t count,
                                                 char **out, size_t *out_len);
DYAD_EXPORT dyad_status dyad_doc_events_to_gdelt_mentions(const dyad_doc *d,
                                                          size_t first,
                                                          size_t count,
                                                          char **out,
                                                          size_t *out_len);

/** One GDELT 2.0 event row, as dyad_doc_events_to_gdelt writes it (61
 * columns and the newline), from an event that is not in a dyad_doc: one
 * read back from a database (`dyad query --format gdelt`).  Read from e:
 * sentence, date, code, root, quad_class, goldstein, source and target
 * (code, name or else text, country, role) and num_articles (NumSources
 * and NumArticles; 0 is written as 1).  doc_id is the document's id
 * (SOURCEURL; hashed into GLOBALEVENTID).  occurrence is how many earlier
 * events of the document have the same sentence, date, source, target and
 * code (0 for the first: repeats get their own GLOBALEVENTID, as in
 * dyad_doc_events_to_gdelt); num_mentions is NumMentions, the mentions of
 * the document's events with the same date, source, target and code.  The
 * event is written whether negated or not: the caller chooses.  Same
 * buffer contract as above; DYAD_ERR_ARG for a NULL e, out or out_len. */
DYAD_EXPORT dyad_status dyad_event_to_gdelt(const dyad_event *e,
                                            dyad_str doc_id,
                                            size_t occurrence,
                                            size_t num_mentions, char **out,
                                            size_t *out_len);

/** PETRARCH-2 event lines: date YYYYMMDD, source, target, CAMEO code,
 * issues (empty), sentence ids "docid_N" joined by ';', story source
 * ("NULL"), tab-separated; one line per distinct event of the document
 * (PETRARCH's one-a-story filter), only events with both actors, not
 * negated nor hypothetical.  Same buffer contract as above. */
DYAD_EXPORT dyad_status dyad_doc_events_to_petrarch(const dyad_doc *d,
                                                    size_t first, size_t count,
                                                    char **out,
                                                    size_t *out_len);

/** PLOVER JSON Lines: one object per event whose CAMEO code has a PLOVER
 * type (CAMEO 01 and 02 have none): id, doc_id, sentence, date,
 * event_type, mode, context, actor and recipient (code, country, sector,
 * name, text; null when absent), cameo, text, and negated / hypothetical
 * when true.  Same buffer contract as above. */
DYAD_EXPORT dyad_status dyad_doc_events_to_plover(const dyad_doc *d,
                                                  size_t first, size_t count,
                                                  char **out, size_t *out_len);

/** The PLOVER event type of a CAMEO code ("ACCUSE" for "111"; static), or
 * NULL for an unknown code or one PLOVER dropped (01x, 02x). */
DYAD_EXPORT const char *dyad_plover_type(const char *code);

/** The PLOVER mode of a CAMEO code ("verbal" ...; static), or NULL when
 * the code has no PLOVER type or no mode. */
DYAD_EXPORT const char *dyad_plover_mode(const char *code);

/** The header line (with its newline) for dyad_doc_to_tsv's columns. */
DYAD_EXPORT const char *dyad_tsv_header(void);

/** Frees memory the library handed to the caller.  NULL is a no-op. */
DYAD_EXPORT void dyad_free(void *p);

/** ## CAMEO tables */

/** Goldstein value of a CAMEO code (GDELT's CAMEO table, as published in
 * the CAMEO manual's appendix); NaN for an unknown code. */
DYAD_EXPORT double dyad_goldstein(const char *code);

/** Quad class (1 verbal cooperation, 2 material cooperation, 3 verbal
 * conflict, 4 material conflict) of a code, 0 for an unknown code. */
DYAD_EXPORT int dyad_quad_class(const char *code);

/** The CAMEO name of a code ("Criticize or denounce"), or NULL. */
DYAD_EXPORT const char *dyad_cameo_name(const char *code);

#ifdef __cplusplus
}
#endif

#endif

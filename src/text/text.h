/* text.h -- the text stage: UTF-8 checking, normalisation with an offset map,
 * tokens with byte offsets, sentences and paragraphs.
 *
 * Input bytes are never modified.  dyad__text_normalize() makes a normalised
 * copy (invalid UTF-8 replaced by U+FFFD, curly quotes made straight, dashes
 * made '-', odd spaces made ' ', NUL made ' ') and a map from every byte of
 * the copy back to the byte of the original it came from, so every token and
 * sentence can report offsets into the caller's text.
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef struct dyad__text {
  const char *orig;  /* the caller's bytes (borrowed) */
  size_t orig_len;
  char *norm;        /* normalised copy, NUL-terminated (arena) */
  size_t norm_len;
  uint32_t *map;     /* map[i]: offset in orig of norm byte i; map[norm_len] == orig_len */
  size_t n_invalid;  /* invalid UTF-8 sequences replaced */
  size_t n_nul;      /* NUL bytes replaced */
} dyad__text;

/* Normalises len bytes of in into out (all memory from a).  Returns 0, or
 * -1 when the arena fails (out of memory or over its cap). */
int dyad__text_normalize(dyad__arena *a, const char *in, size_t len,
                         dyad__text *out);

/* Returns the offset in the original text just past the character that
 * ends at normalised byte norm_end (exclusive end, 0 < norm_end <= norm_len);
 * characters removed by normalisation (soft hyphen, zero-width, BOM) that
 * follow it are not included.  Use t->map[i] for start offsets. */
uint32_t dyad__text_orig_end(const dyad__text *t, size_t norm_end);

/* Token flags. */
enum {
  DYAD__TF_CAP = 1 << 0,        /* first letter upper case */
  DYAD__TF_ALLCAP = 1 << 1,     /* every letter upper case, at least two */
  DYAD__TF_DIGIT = 1 << 2,      /* contains a digit */
  DYAD__TF_PUNCT = 1 << 3,      /* punctuation only */
  DYAD__TF_PARA_START = 1 << 4, /* first token of a paragraph */
  DYAD__TF_SENT_START = 1 << 5, /* first token of a sentence (set by splitter) */
  DYAD__TF_QUOTE = 1 << 6,      /* a quotation mark (after normalisation: " or ') */
  DYAD__TF_ABBREV = 1 << 7,     /* an abbreviation ending in '.' (Mr., U.S.) */
  DYAD__TF_SPACE_BEFORE = 1 << 8 /* whitespace precedes the token */
};

typedef struct dyad__token {
  const char *s;      /* the token in the normalised text (not terminated) */
  const char *lower;  /* lower-cased copy, NUL-terminated (arena) */
  const char *lemma;  /* lemma, lower case, NUL-terminated (set by tag stage) */
  uint32_t len;       /* bytes of s and of lower */
  uint32_t lemma_len;
  uint32_t start;     /* byte offsets into the ORIGINAL text, [start, end) */
  uint32_t end;
  uint32_t para;      /* paragraph index, from 0 */
  uint16_t flags;     /* DYAD__TF_* */
  uint8_t tag;        /* dyad__tag, set by the tagger */
  uint8_t spare;
} dyad__token;

/* Splits the normalised text into tokens.  Words keep inner hyphens,
 * apostrophes and periods of abbreviations (U.S., p.m., Mr.); clitics 's,
 * n't, 're, 've, 'll, 'd, 'm become their own tokens; numbers keep their
 * separators (6:00, 1,000, 3.5); every punctuation mark is a token.
 * Paragraphs are separated by a blank line (or a line that ends a headline).
 * *toks and *n are set on success.  Returns 0, or -1 when the arena fails. */
int dyad__tokenize(dyad__arena *a, const dyad__text *t, dyad__token **toks,
                   size_t *n);

/* Normalises and tokenizes a short string (a dictionary phrase, a place
 * name) exactly as text is, all memory from a.  Returns 0, or -1 when the
 * arena fails. */
int dyad__tokenize_string(dyad__arena *a, const char *s, size_t len,
                          dyad__token **toks, size_t *n);

/* Classes of abbreviations ending in '.', as the sentence splitter sees
 * them (dyad__text_abbrev_class). */
enum {
  DYAD__ABBR_NONE = 0,   /* not an abbreviation */
  DYAD__ABBR_TITLE,      /* Mr. Dr. Gen. Sen. St. No. vs.: never ends a sentence */
  DYAD__ABBR_MONTH,      /* Jan. Sept.: ends only before a sentence opener */
  DYAD__ABBR_INITIAL,    /* J. (one capital letter): as MONTH */
  DYAD__ABBR_ORG,        /* U.S. U.N. U.K. and other dotted capitals */
  DYAD__ABBR_TIME,       /* a.m. p.m. */
  DYAD__ABBR_NOEND,      /* e.g. i.e. cf.: never ends a sentence */
  DYAD__ABBR_OTHER       /* Inc. Jr. etc. Calif.: ends before a capital */
};

/* Classifies a token's lower-cased text (with its final '.') as one of
 * DYAD__ABBR_*; len is its length in bytes. */
int dyad__text_abbrev_class(const char *lower, size_t len);

typedef struct dyad__sentence {
  uint32_t first;  /* index of the first token */
  uint32_t count;  /* number of tokens */
  uint32_t start;  /* byte offsets into the ORIGINAL text, [start, end) */
  uint32_t end;
  uint32_t para;   /* paragraph index */
  uint8_t headline; /* a line that stands alone without a full stop */
  uint8_t spare[3];
} dyad__sentence;

/* Splits tokens into sentences, knowing newswire abbreviations, initials,
 * times, numbers, closing quotes, headlines and fragments ("Japan. and
 * shared" stays one sentence).  Sets DYAD__TF_SENT_START.  Returns 0, or -1
 * when the arena fails. */
int dyad__split_sentences(dyad__arena *a, const dyad__text *t,
                          dyad__token *toks, size_t n,
                          dyad__sentence **sents, size_t *n_sents);

#endif

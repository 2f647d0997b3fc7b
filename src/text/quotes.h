/* quotes.h -- quotations and their speakers, found in the text of a whole
 * document (the document layer's groundwork; see quotes.c for the rules).
 *
 * Two steps:
 *   dyad__quotes_find()     marks on the normalised text -> quotation spans
 *                           in ORIGINAL byte offsets, one record per
 *                           paragraph piece, with nesting and continuation;
 *   dyad__quotes_speakers() tokens and sentences -> for each quote, the span
 *                           of the words naming who said it (the "cue"), or
 *                           the index of an earlier quote whose speaker it
 *                           shares.
 * dyad__reported_find() lists the statements reported with "according to X"
 * that are not quotations.  None of them allocates, prints or exits: the
 * caller passes arrays and their capacity, and output is cut at the
 * capacity (DYAD__QUOTE_MAX is a sensible per-document cap).
 */
#ifndef DYAD_QUOTES_H
#define DYAD_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* Records a document may need: a long speech has a few hundred quotes, so
 * this caps hostile input without cutting real news. */
#define DYAD__QUOTE_MAX 4096
#define DYAD__REPORTED_MAX 1024

/* The longest cue, in tokens ("Russian Foreign Minister Sergei Lavrov"). */
#define DYAD__CUE_MAX 8

typedef struct dyad__quote {
  uint32_t start, end; /* content, original byte offsets, without the marks */
  uint32_t open;       /* offset of the opening mark */
  uint32_t close;      /* offset of the closing mark (== end when closed);
                          UINT32_MAX if not closed */
  uint32_t para;       /* paragraph index where it opens (as the tokenizer
                          counts paragraphs) */
  int closed;          /* the closing mark was found */
  int continues;       /* index of the quote this piece continues (the
                          paragraph reopens a quote left open at the previous
                          paragraph's end), -1 otherwise */
  int nested_in;       /* index of the enclosing double-quoted quote for a
                          single-quoted one inside it, -1 otherwise */
  int single;          /* delimited by single quotes (nested, or headline
                          style 'Peace is near,' Biden says) */
  /* Set by dyad__quotes_speakers(); "none" after dyad__quotes_find(). */
  uint32_t cue_start, cue_end; /* the words naming the speaker, original
                                  offsets; UINT32_MAX when there is no cue */
  int cue_first, cue_count;    /* the same words as token indices (-1, 0) */
  int verb;         /* token index of the reporting verb ("said"), -1 when
                       none (headline 'X: "..."') or no cue */
  int speaker_from; /* no cue of its own: index of another quote that has
                       a cue and shares this one's speaker -- an earlier
                       piece of the same quote, a later piece when only the
                       last is attributed, or the quote it follows in the
                       sentence or paragraph before; -1 otherwise.  It
                       always points at a quote with cue_first >= 0. */
} dyad__quote;

/* Finds the quotations of the document t (the whole normalised text) and
 * writes at most max records to out, in order of their opening marks (an
 * enclosing quote before the quotes nested in it).  Returns the number
 * written.  Linear in the length of the text. */
size_t dyad__quotes_find(const dyad__text *t, dyad__quote *out, size_t max);

/* Fills the speaker fields of the nq quotes q (from dyad__quotes_find on the
 * same text) from the n tokens and ns sentences of the document. */
void dyad__quotes_speakers(const dyad__token *toks, size_t n,
                           const dyad__sentence *sents, size_t ns,
                           dyad__quote *q, size_t nq);

/* A statement reported with "according to X" outside quotation marks:
 * "According to X, S." or "S, according to X." */
typedef struct dyad__reported {
  uint32_t start, end;         /* the statement S, original offsets */
  uint32_t cue_start, cue_end; /* X, original offsets */
  int cue_first, cue_count;    /* X as token indices */
  uint32_t sent;               /* index of the sentence */
} dyad__reported;

/* Finds the reported statements among the ns sentences; writes at most max
 * to out and returns the number written.  Sentences with a double quotation
 * mark are left to the quote finder. */
size_t dyad__reported_find(const dyad__token *toks, size_t n,
                           const dyad__sentence *sents, size_t ns,
                           dyad__reported *out, size_t max);

#endif

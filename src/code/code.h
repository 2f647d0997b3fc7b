/* code.h -- the engine and the document as the coder builds them.
 *
 * An engine is a dictionary plus a loaded tagger plus options, immutable
 * once made.  A document owns an arena holding its normalised text, tokens,
 * sentences, events and every string the events point to.
 */
#ifndef DYAD_CODE_H
#define DYAD_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"
#include "../dict/dict.h"
#include "../tag/tagger.h"
#include "../text/text.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../doc/gazetteer.h"

struct dyad_engine {
  const dyad_dict *dict;
  dyad__tagger *tagger;
  dyad_options opts;
  dyad__gazetteer gaz; /* places, for the document layer */
};

/* An actor the coder found in a sentence, kept for the document layer
 * (speakers of quotes, coreference of later mentions). */
typedef struct dyad__amention {
  uint32_t sentence;
  uint32_t first, last; /* document token indices, inclusive */
  const char *code;     /* arena string */
  const char *name;     /* a person's name, or "" */
  uint8_t person;       /* names a person (by name or by title) */
} dyad__amention;

struct dyad_doc {
  dyad__arena arena;
  dyad__text text;
  dyad__token *toks;
  size_t n_toks;
  dyad__sentence *sents;
  size_t n_sents;
  dyad_event *events;
  size_t n_events, cap_events;
  dyad_str id, date;
  int32_t date_num; /* yyyymmdd, 0 when undated */
  dyad__buf trace;  /* with DYAD_OPT_TRACE */
  int tracing;
  dyad__amention *amentions; /* heap, grown by the coder */
  size_t n_amentions, cap_amentions;
  dyad_quote *quotes;        /* arena, set by the document layer */
  size_t n_quotes;
};

/* Records an actor mention (the coder).  Returns 0 or -1 (out of memory). */
int dyad__doc_note_actor(dyad_doc *d, uint32_t sentence, uint32_t first,
                         uint32_t last, const char *code, const char *name,
                         int person);

/* The document layer (src/doc/story.c): quotes and speakers, dates,
 * places, one event per happening, confidence.  Runs after the coder. */
dyad_status dyad__story(const dyad_engine *e, dyad_doc *doc);

/* Codes every sentence of a prepared document (tokens and sentences made).
 * Returns DYAD_OK or DYAD_ERR_NOMEM / DYAD_ERR_TOO_LARGE. */
dyad_status dyad__code_doc(const dyad_engine *e, dyad_doc *doc);

#endif

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

struct dyad_engine {
  const dyad_dict *dict;
  dyad__tagger *tagger;
  dyad_options opts;
};

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
};

/* Codes every sentence of a prepared document (tokens and sentences made).
 * Returns DYAD_OK or DYAD_ERR_NOMEM / DYAD_ERR_TOO_LARGE. */
dyad_status dyad__code_doc(const dyad_engine *e, dyad_doc *doc);

#endif

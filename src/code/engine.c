/* engine.c -- the engine (dictionary + tagger + options) and dyad_code(),
 * which runs a document through every stage: text, tokens and sentences,
 * tags and lemmas, chunks and clauses, actors and patterns, events. */
#include "code.h"

#include <string.h>

#include "../util/mem.h"

#define DEFAULT_MAX_DOC ((size_t)64 << 20)

dyad_status dyad_engine_new(dyad_engine **out, const dyad_dict *dict,
                            const dyad_options *opts) {
  if (!out || !dict)
    return DYAD_ERR_ARG;
  dyad_engine *e = dyad__calloc(1, sizeof *e);
  if (!e)
    return DYAD_ERR_NOMEM;
  e->dict = dict;
  if (opts)
    e->opts = *opts;
  if (!e->opts.max_doc_bytes)
    e->opts.max_doc_bytes = DEFAULT_MAX_DOC;
  int rc = dyad__tagger_new_embedded(&e->tagger);
  if (rc != 0) {
    dyad__free(e);
    return rc == -1 ? DYAD_ERR_NOMEM : DYAD_ERR_MODEL;
  }
  if (dyad__gazetteer_load(&e->gaz) != 0) {
    dyad_engine_free(e);
    return DYAD_ERR_NOMEM;
  }
  *out = e;
  return DYAD_OK;
}

void dyad_engine_free(dyad_engine *e) {
  if (!e)
    return;
  dyad__tagger_free(e->tagger);
  dyad__gazetteer_free(&e->gaz);
  dyad__free(e);
}

/* Parses "YYYY-MM-DD" (and nothing else) into yyyymmdd, or 0. */
static int32_t date_num(const char *s) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  int32_t v = 0;
  for (int i = 0; i < 10; i++) {
    if (i == 4 || i == 7)
      continue;
    if (s[i] < '0' || s[i] > '9')
      return 0;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

static dyad_status fail(dyad_doc *d) {
  dyad_status st = d->arena.too_large ? DYAD_ERR_TOO_LARGE : DYAD_ERR_NOMEM;
  dyad_doc_free(d);
  return st;
}

dyad_status dyad_code(const dyad_engine *e, const char *text, size_t len,
                      const dyad_doc_meta *meta, dyad_doc **out) {
  if (!e || !out || (!text && len))
    return DYAD_ERR_ARG;
  if (len > e->opts.max_doc_bytes || len > 0xfffffff0u)
    return DYAD_ERR_TOO_LARGE;
  dyad_doc *d = dyad__calloc(1, sizeof *d);
  if (!d)
    return DYAD_ERR_NOMEM;
  /* Tokens, tags and chunks need a few dozen bytes per input byte at most;
   * the cap keeps a hostile document from taking the machine. */
  dyad__arena_init(&d->arena, 64 * len + ((size_t)16 << 20));
  dyad__buf_init(&d->trace, (size_t)256 << 20);
  d->tracing = (e->opts.flags & DYAD_OPT_TRACE) != 0;
  const char *id = meta && meta->id ? meta->id : "";
  const char *date = meta && meta->date ? meta->date : "";
  char *idc = dyad__arena_strndup(&d->arena, id, strlen(id));
  char *datec = dyad__arena_strndup(&d->arena, date, strlen(date));
  if (!idc || !datec)
    return fail(d);
  d->id.ptr = idc;
  d->id.len = strlen(id);
  d->date.ptr = datec;
  d->date.len = strlen(date);
  d->date_num = date_num(date);
  /* The document keeps its own copy of the text: every view of an event
   * points into it, so the caller may free its buffer at once. */
  char *copy = dyad__arena_strndup(&d->arena, text ? text : "", len);
  if (!copy)
    return fail(d);
  if (dyad__text_normalize(&d->arena, copy, len, &d->text) ||
      dyad__tokenize(&d->arena, &d->text, &d->toks, &d->n_toks) ||
      dyad__split_sentences(&d->arena, &d->text, d->toks, d->n_toks,
                            &d->sents, &d->n_sents))
    return fail(d);
  dyad_status st = dyad__code_doc(e, d);
  if (st == DYAD_OK)
    st = dyad__story(e, d);
  if (st != DYAD_OK) {
    dyad_doc_free(d);
    return st;
  }
  *out = d;
  return DYAD_OK;
}

void dyad_doc_free(dyad_doc *d) {
  if (!d)
    return;
  dyad__buf_free(&d->trace);
  dyad__free(d->events);
  dyad__free(d->amentions);
  dyad__arena_free(&d->arena);
  dyad__free(d);
}

size_t dyad_doc_event_count(const dyad_doc *d) { return d ? d->n_events : 0; }

const dyad_event *dyad_doc_event(const dyad_doc *d, size_t i) {
  return d && i < d->n_events ? &d->events[i] : NULL;
}

size_t dyad_doc_sentence_count(const dyad_doc *d) {
  return d ? d->n_sents : 0;
}

dyad_span dyad_doc_sentence_span(const dyad_doc *d, size_t i) {
  dyad_span s = {0, 0};
  if (d && i < d->n_sents) {
    s.start = d->sents[i].start;
    s.end = d->sents[i].end;
  }
  return s;
}

size_t dyad_doc_invalid_bytes(const dyad_doc *d) {
  return d ? d->text.n_invalid + d->text.n_nul : 0;
}

dyad_str dyad_doc_id(const dyad_doc *d) {
  dyad_str s = {"", 0};
  return d ? d->id : s;
}

dyad_str dyad_doc_date(const dyad_doc *d) {
  dyad_str s = {"", 0};
  return d ? d->date : s;
}

dyad_str dyad_doc_trace(const dyad_doc *d) {
  dyad_str s = {"", 0};
  if (d && d->trace.p) {
    s.ptr = d->trace.p;
    s.len = d->trace.len;
  }
  return s;
}

size_t dyad_doc_quote_count(const dyad_doc *d) { return d ? d->n_quotes : 0; }

const dyad_quote *dyad_doc_quote(const dyad_doc *d, size_t i) {
  return d && i < d->n_quotes ? &d->quotes[i] : NULL;
}

int dyad__doc_note_actor(dyad_doc *d, uint32_t sentence, uint32_t first,
                         uint32_t last, const char *code, const char *name,
                         int person) {
  if (d->n_amentions == d->cap_amentions) {
    size_t nc = d->cap_amentions ? d->cap_amentions * 2 : 64;
    if (nc > ((size_t)1 << 26))
      return -1;
    dyad__amention *na = dyad__realloc(d->amentions, nc * sizeof *na);
    if (!na)
      return -1;
    d->amentions = na;
    d->cap_amentions = nc;
  }
  dyad__amention *m = &d->amentions[d->n_amentions++];
  m->sentence = sentence;
  m->first = first;
  m->last = last;
  m->code = code;
  m->name = name ? name : "";
  m->person = (uint8_t)(person != 0);
  return 0;
}

/* jsonl.c -- writers for a document's events: JSON Lines and TSV.
 *
 * JSON keys come in a fixed order and strings are escaped per RFC 8259, so
 * output is stable and diffable. */
#include <math.h>
#include <string.h>

#include "dyad.h"
#include "../util/buf.h"
#include "out.h"

static void str_field(dyad__buf *b, const char *key, dyad_str s, int comma) {
  dyad__buf_printf(b, "%s\"%s\":\"", comma ? "," : "", key);
  dyad__buf_json(b, s.ptr, s.len);
  dyad__buf_puts(b, "\"");
}

static void span_field(dyad__buf *b, const char *key, dyad_span s) {
  dyad__buf_printf(b, ",\"%s\":[%zu,%zu]", key, s.start, s.end);
}

static void actor_json(dyad__buf *b, const char *key, const dyad_actor *a) {
  dyad__buf_printf(b, ",\"%s\":{", key);
  str_field(b, "text", a->text, 0);
  str_field(b, "code", a->code, 1);
  str_field(b, "country", a->country, 1);
  str_field(b, "role", a->role, 1);
  str_field(b, "name", a->name, 1);
  span_field(b, "span", a->span);
  if (a->resolved_from.len)
    str_field(b, "resolved_from", a->resolved_from, 1);
  dyad__buf_puts(b, "}");
}



/* The document layer's fields: when, where, mentions, confidence. */
static void story_fields(dyad__buf *b, const dyad_event *e) {
  if (e->date_precision.len) {
    str_field(b, "date_precision", e->date_precision, 1);
    str_field(b, "date_from", e->date_from, 1);
    if (e->date_text.len)
      str_field(b, "date_text", e->date_text, 1);
    if (e->time.len)
      str_field(b, "time", e->time, 1);
  }
  if (e->place.name.len) {
    dyad__buf_puts(b, ",\"place\":{");
    str_field(b, "name", e->place.name, 0);
    str_field(b, "country", e->place.country, 1);
    str_field(b, "kind", e->place.kind, 1);
    dyad__buf_printf(b, ",\"lat\":%.2f,\"lon\":%.2f", e->place.lat,
                     e->place.lon);
    str_field(b, "how", e->place.how, 1);
    span_field(b, "span", e->place.span);
    dyad__buf_puts(b, "}");
  } else {
    dyad__buf_puts(b, ",\"place\":null");
  }
  dyad__buf_puts(b, ",\"mentions\":[");
  for (size_t k = 0; k < e->num_mentions; k++)
    dyad__buf_printf(b, "%s{\"sentence\":%zu,\"span\":[%zu,%zu]}",
                     k ? "," : "", e->mentions[k].sentence,
                     e->mentions[k].span.start, e->mentions[k].span.end);
  dyad__buf_printf(b, "],\"num_mentions\":%zu,\"num_articles\":%zu",
                   e->num_mentions, e->num_articles);
  dyad__buf_printf(b, ",\"confidence\":%.2f", e->confidence);
  if (e->plover_type) {
    dyad__buf_printf(b, ",\"plover\":{\"type\":\"%s\"", e->plover_type);
    if (e->plover_mode)
      dyad__buf_printf(b, ",\"mode\":\"%s\"", e->plover_mode);
    dyad__buf_puts(b, "}");
  } else {
    dyad__buf_puts(b, ",\"plover\":null");
  }
}

dyad_status dyad_doc_to_jsonl(const dyad_doc *d, char **out,
                              size_t *out_len) {
  return dyad_doc_events_to_jsonl(d, 0, (size_t)-1, out, out_len);
}

dyad_status dyad_doc_events_to_jsonl(const dyad_doc *d, size_t first,
                                     size_t count, char **out,
                                     size_t *out_len) {
  if (!d || !out || !out_len)
    return DYAD_ERR_ARG;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  dyad_str id = dyad_doc_id(d);
  size_t end = dyad__out_range_end(d, first, count);
  for (size_t i = first; i < end; i++) {
    const dyad_event *e = dyad_doc_event(d, i);
    dyad__buf_puts(&b, "{");
    str_field(&b, "doc_id", id, 0);
    dyad__buf_printf(&b, ",\"sentence\":%zu", e->sentence);
    str_field(&b, "date", e->date, 1);
    dyad__buf_printf(&b, ",\"code\":\"%s\",\"root\":\"%s\",\"quad_class\":%d",
                     e->code, e->root, e->quad_class);
    dyad__buf_printf(&b, ",\"goldstein\":%.1f", e->goldstein);
    actor_json(&b, "source", &e->source);
    actor_json(&b, "target", &e->target);
    dyad__buf_puts(&b, ",\"verb\":{");
    str_field(&b, "text", e->verb_text, 0);
    str_field(&b, "lemma", e->verb_lemma, 1);
    span_field(&b, "span", e->verb_span);
    dyad__buf_puts(&b, "}");
    str_field(&b, "pattern", e->pattern, 1);
    dyad__buf_printf(&b, ",\"negated\":%s,\"hypothetical\":%s",
                     e->negated ? "true" : "false",
                     e->hypothetical ? "true" : "false");
    dyad__buf_printf(&b, ",\"passive\":%s,\"reported\":%s",
                     e->passive ? "true" : "false",
                     e->reported ? "true" : "false");
    dyad__buf_printf(&b, ",\"future\":%s", e->future ? "true" : "false");
    str_field(&b, "text", e->text, 1);
    span_field(&b, "sentence_span", e->sentence_span);
    story_fields(&b, e);
    dyad__buf_puts(&b, "}\n");
  }
  return dyad__out_finish(&b, out, out_len);
}

dyad_status dyad_doc_quotes_to_jsonl(const dyad_doc *d, char **out,
                                     size_t *out_len) {
  if (!d || !out || !out_len)
    return DYAD_ERR_ARG;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  dyad_str id = dyad_doc_id(d);
  for (size_t i = 0; i < dyad_doc_quote_count(d); i++) {
    const dyad_quote *q = dyad_doc_quote(d, i);
    dyad__buf_puts(&b, "{");
    str_field(&b, "doc_id", id, 0);
    dyad__buf_printf(&b, ",\"index\":%zu", i);
    if (q->speaker.text.len || q->speaker.code.len) {
      dyad__buf_puts(&b, ",\"speaker\":{");
      str_field(&b, "text", q->speaker.text, 0);
      str_field(&b, "code", q->speaker.code, 1);
      str_field(&b, "name", q->speaker.name, 1);
      if (q->speaker.text.len)
        span_field(&b, "span", q->speaker.span);
      if (q->speaker.resolved_from.len)
        str_field(&b, "resolved_from", q->speaker.resolved_from, 1);
      dyad__buf_puts(&b, "}");
    } else {
      dyad__buf_puts(&b, ",\"speaker\":null");
    }
    str_field(&b, "text", q->text, 1);
    span_field(&b, "span", q->span);
    dyad__buf_printf(&b, ",\"closed\":%s,\"continues\":%ld}\n",
                     q->closed ? "true" : "false", q->continues);
  }
  return dyad__out_finish(&b, out, out_len);
}

const char *dyad_tsv_header(void) {
  return "doc_id\tdate\tsentence\tsource\ttarget\tcode\troot\tquad_class\t"
         "goldstein\tnegated\tsource_text\tverb\ttarget_text\ttext\n";
}

/* Copies s into b as one TSV cell. */
static void tsv_cell(dyad__buf *b, dyad_str s) { dyad__buf_text(b, s.ptr, s.len); }

dyad_status dyad_doc_to_tsv(const dyad_doc *d, char **out, size_t *out_len) {
  return dyad_doc_events_to_tsv(d, 0, (size_t)-1, out, out_len);
}

dyad_status dyad_doc_events_to_tsv(const dyad_doc *d, size_t first,
                                   size_t count, char **out,
                                   size_t *out_len) {
  if (!d || !out || !out_len)
    return DYAD_ERR_ARG;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  size_t end = dyad__out_range_end(d, first, count);
  for (size_t i = first; i < end; i++) {
    const dyad_event *e = dyad_doc_event(d, i);
    tsv_cell(&b, dyad_doc_id(d));
    dyad__buf_puts(&b, "\t");
    tsv_cell(&b, e->date);
    dyad__buf_printf(&b, "\t%zu\t", e->sentence);
    tsv_cell(&b, e->source.code);
    dyad__buf_puts(&b, "\t");
    tsv_cell(&b, e->target.code);
    dyad__buf_printf(&b, "\t%s\t%s\t%d\t%.1f\t%d\t", e->code, e->root,
                     e->quad_class, e->goldstein, e->negated);
    tsv_cell(&b, e->source.text);
    dyad__buf_puts(&b, "\t");
    tsv_cell(&b, e->verb_text);
    dyad__buf_puts(&b, "\t");
    tsv_cell(&b, e->target.text);
    dyad__buf_puts(&b, "\t");
    tsv_cell(&b, e->text);
    dyad__buf_puts(&b, "\n");
  }
  return dyad__out_finish(&b, out, out_len);
}

/* ===== Shared with formats.c (out.h) ===== */

dyad_status dyad__out_finish(dyad__buf *b, char **out, size_t *out_len) {
  if (b->failed) {
    dyad__buf_free(b);
    return DYAD_ERR_NOMEM;
  }
  if (!b->p && dyad__buf_add(b, "", 0)) {
    dyad__buf_free(b);
    return DYAD_ERR_NOMEM;
  }
  *out = b->p;
  *out_len = b->len;
  return DYAD_OK;
}

size_t dyad__out_range_end(const dyad_doc *d, size_t first, size_t count) {
  size_t n = dyad_doc_event_count(d);
  if (first > n)
    return first;
  return count > n - first ? n : first + count;
}

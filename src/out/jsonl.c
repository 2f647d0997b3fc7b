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
    str_field(&b, "text", e->text, 1);
    span_field(&b, "sentence_span", e->sentence_span);
    dyad__buf_puts(&b, "}\n");
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

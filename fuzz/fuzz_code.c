/* fuzz_code.c -- libFuzzer entry point: arbitrary bytes as a plain-text
 * document, coded and written in every output format.
 *
 * Codes the input with the built-in dictionaries (as dyad code does), so
 * the text stage, tagger, parser, coder and document layer all see hostile
 * input.  The first byte picks the options: bit 0 a publication date, bit
 * 1 --keep-negated, bit 2 --explain (the trace), bit 3 one-actor and
 * hypothetical events, bit 4 the peers' literal reading, bit 5 no merging
 * of mentions, bit 6 a document id taken from the input's first line (up
 * to 64 bytes: tabs, quotes, invalid UTF-8 and all, as a TABARI header may
 * give).  The rest is the text, handed over without a terminating NUL.
 *
 * Beside crashes, leaks and undefined behaviour, the writers' promises are
 * checked: JSON Lines outputs (events, a window of them, quotes, trace,
 * PLOVER) are NUL-free lines that each parse as a JSON object; TSV, GDELT
 * events, GDELT mentions and PETRARCH lines are NUL-free lines of a fixed
 * number of columns.  The engine is made once; its options are set per
 * input (src/code/code.h). */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "../src/code/code.h"

static dyad_dict *dict;
static dyad_engine *eng;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every line of out[len] is a JSON object; no NUL byte. */
static void check_json(const char *out, size_t len) {
  if (strlen(out) != len || (len && out[len - 1] != '\n'))
    abort();
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(out + i, '\n', len - i);
    size_t n = (size_t)(nl - (out + i));
    json_error_t err;
    json_t *j = json_loadb(out + i, n, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(j))
      abort();
    json_decref(j);
    i += n + 1;
  }
}

/* Every line of out[len] has `tabs` tabs; no NUL byte. */
static void check_tsv(const char *out, size_t len, size_t tabs) {
  if (strlen(out) != len || (len && out[len - 1] != '\n'))
    abort();
  size_t t = 0;
  for (size_t i = 0; i < len; i++) {
    if (out[i] == '\t')
      t++;
    else if (out[i] == '\n') {
      if (t != tabs)
        abort();
      t = 0;
    }
  }
}

typedef dyad_status (*window_fn)(const dyad_doc *, size_t, size_t, char **,
                                 size_t *);

static void window(window_fn fn, const dyad_doc *doc, size_t first,
                   size_t count, int json, size_t tabs) {
  char *out = NULL;
  size_t len = 0;
  if (fn(doc, first, count, &out, &len) != DYAD_OK)
    return;
  if (json)
    check_json(out, len);
  else
    check_tsv(out, len, tabs);
  dyad_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!eng) {
    if (dyad_dict_open(&dict, NULL, 0, 0, NULL) != DYAD_OK ||
        dyad_engine_new(&eng, dict, NULL) != DYAD_OK)
      abort();
  }
  if (size < 1)
    return 0;
  unsigned pick = data[0];
  data++;
  size--;
  eng->opts.flags = ((pick & 2) ? DYAD_OPT_KEEP_NEGATED : 0) |
                    ((pick & 4) ? DYAD_OPT_TRACE : 0) |
                    ((pick & 8) ? DYAD_OPT_ONE_ACTOR |
                                      DYAD_OPT_KEEP_HYPOTHETICAL
                                : 0) |
                    ((pick & 16) ? DYAD_OPT_PEER : 0) |
                    ((pick & 32) ? DYAD_OPT_NO_MERGE : 0);
  char id[65] = "fuzz";
  if (pick & 64) {
    size_t n = 0;
    while (n < size && n < 64 && data[n] != '\n' && data[n] != '\0')
      n++;
    memcpy(id, data, n);
    id[n] = '\0';
  }
  char *text = malloc(size ? size : 1);
  if (!text)
    return 0;
  if (size)
    memcpy(text, data, size);
  dyad_doc_meta meta = {id, (pick & 1) ? "2023-02-01" : NULL};
  dyad_doc *doc = NULL;
  if (dyad_code(eng, text, size, &meta, &doc) != DYAD_OK) {
    free(text);
    return 0;
  }
  char *out = NULL;
  size_t len = 0;
  if (dyad_doc_to_jsonl(doc, &out, &len) == DYAD_OK) {
    check_json(out, len);
    dyad_free(out);
  }
  if (dyad_doc_to_tsv(doc, &out, &len) == DYAD_OK) {
    check_tsv(out, len, 13);
    dyad_free(out);
  }
  if (dyad_doc_quotes_to_jsonl(doc, &out, &len) == DYAD_OK) {
    check_json(out, len);
    dyad_free(out);
  }
  dyad_str trace = dyad_doc_trace(doc);
  if (trace.len) {
    char *t = malloc(trace.len + 1);
    if (t) {
      memcpy(t, trace.ptr, trace.len);
      t[trace.len] = '\0';
      check_json(t, trace.len);
      free(t);
    }
  }
  size_t n = dyad_doc_event_count(doc);
  window(dyad_doc_events_to_jsonl, doc, n / 2, 2, 1, 0);
  window(dyad_doc_events_to_gdelt, doc, 0, (size_t)-1, 0, 60);
  window(dyad_doc_events_to_gdelt_mentions, doc, 0, (size_t)-1, 0, 15);
  window(dyad_doc_events_to_petrarch, doc, 0, (size_t)-1, 0, 6);
  window(dyad_doc_events_to_plover, doc, 0, (size_t)-1, 1, 0);
  dyad_doc_free(doc);
  free(text);
  return 0;
}

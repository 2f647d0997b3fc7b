/* fuzz_code.c -- libFuzzer entry point: arbitrary bytes as a document.
 *
 * Codes the input with the built-in dictionaries (as dyad code does) and
 * writes its events as JSON Lines and TSV, so the text stage, tagger,
 * parser, coder and writers all see hostile input.  Any crash, leak or
 * undefined behaviour is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "dyad.h"

static dyad_dict *dict;
static dyad_engine *eng;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!eng) {
    if (dyad_dict_open(&dict, NULL, 0, 0, NULL) != DYAD_OK ||
        dyad_engine_new(&eng, dict, NULL) != DYAD_OK)
      abort();
  }
  dyad_doc_meta meta = {"fuzz", size && (data[0] & 1) ? "2023-02-01" : NULL};
  dyad_doc *doc = NULL;
  if (dyad_code(eng, (const char *)data, size, &meta, &doc) != DYAD_OK)
    return 0;
  char *out = NULL;
  size_t len = 0;
  if (dyad_doc_to_jsonl(doc, &out, &len) == DYAD_OK)
    dyad_free(out);
  if (dyad_doc_to_tsv(doc, &out, &len) == DYAD_OK)
    dyad_free(out);
  dyad_doc_free(doc);
  return 0;
}

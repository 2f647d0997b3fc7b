/* fuzz_dict.c -- libFuzzer entry point: arbitrary bytes as a dictionary.
 *
 * The first byte picks the format (countries, actors, roles, people, verbs,
 * reporting); the rest is written to a file of that name and loaded without
 * the built-in dictionaries.  Every line must load or be reported as an
 * issue; nothing may crash or leak.  When the first byte's high bit is
 * set, a small document is then coded with the result, so entries that load
 * also get used (making an engine loads the tagger, so this is the slow
 * half). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const kinds[] = {"countries", "actors", "roles",
                                      "people",    "verbs",  "reporting"};
  if (size < 1)
    return 0;
  char path[96];
  snprintf(path, sizeof path, "/tmp/dyad-fuzz-%ld-%s.txt", (long)getpid(),
           kinds[data[0] % 6]);
  FILE *f = fopen(path, "wb");
  if (!f)
    return 0;
  fwrite(data + 1, 1, size - 1, f);
  fclose(f);
  const char *paths[1] = {path};
  dyad_dict *d = NULL;
  if (dyad_dict_open(&d, paths, 1, DYAD_DICT_NO_BUILTIN, NULL) == DYAD_OK) {
    dyad_engine *e = NULL;
    if ((data[0] & 0x80) && dyad_engine_new(&e, d, NULL) == DYAD_OK) {
      static const char text[] =
          "Prime Minister Kishida held talks with NATO Secretary General "
          "Stoltenberg. Russia attacked Ukraine and China urged Japan.";
      dyad_doc *doc = NULL;
      if (dyad_code(e, text, sizeof text - 1, NULL, &doc) == DYAD_OK)
        dyad_doc_free(doc);
      dyad_engine_free(e);
    }
    dyad_dict_free(d);
  }
  remove(path);
  return 0;
}

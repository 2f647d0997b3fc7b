/* fuzz_dict.h -- what the dictionary fuzz targets share (fuzz_dict.c: dyad's
 * own formats; fuzz_dict_tabari.c: TABARI .actors/.agents/.verbs/.options/
 * .project; fuzz_dict_petrarch.c: PETRARCH/Phoenix actors, agents, verbs,
 * discards).
 *
 * fuzz_dict_one() writes the input (after its first byte) to a file whose
 * name picks the format -- names[first byte % n] -- in a scratch directory
 * of its own, and loads it without the built-in dictionaries.  Every line
 * must load or be reported as an issue naming the file and a line; then the
 * loaded dictionary is checked (lint) and written back in dyad's formats
 * (as `dyad dict convert` does).  When the first byte's high bit is set a
 * small document is coded with it (bit 0x40: the peers' literal reading,
 * DYAD_OPT_PEER).  The engine -- the tagger model and the gazetteer, the
 * slow part to make -- is made once, and its dictionary swapped for each
 * input (the engine holds nothing else taken from its dictionary,
 * src/code/code.h): making it per input held the target near 100
 * executions a second.
 *
 * extra[] are small files written once into the scratch directory, for a
 * .project file to name. */
#ifndef DYAD_FUZZ_DICT_H
#define DYAD_FUZZ_DICT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "../src/code/code.h"


typedef struct fuzz_file {
  const char *name, *text;
} fuzz_file;

static char fuzz_dir[256];
static dyad_dict *fuzz_empty;
static dyad_engine *fuzz_eng;
static const fuzz_file *fuzz_extra;
static size_t fuzz_n_extra;

/* At exit: the scratch directory and what was written in it removed
 * (`make fuzz-replay` runs in make test and must leave nothing behind). */
static void fuzz_dict_cleanup(void) {
  for (size_t i = 0; i < fuzz_n_extra; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir, fuzz_extra[i].name);
    remove(path);
  }
  remove(fuzz_dir);
}

static void fuzz_dict_setup(const fuzz_file *extra, size_t n_extra) {
  const char *tmp = getenv("TMPDIR");
  snprintf(fuzz_dir, sizeof fuzz_dir, "%s/dyad-fuzz-dict.XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(fuzz_dir))
    abort();
  fuzz_extra = extra;
  fuzz_n_extra = n_extra;
  atexit(fuzz_dict_cleanup);
  for (size_t i = 0; i < n_extra; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir, extra[i].name);
    FILE *f = fopen(path, "wb");
    if (!f)
      abort();
    fputs(extra[i].text, f);
    fclose(f);
  }
  if (dyad_dict_open(&fuzz_empty, NULL, 0, DYAD_DICT_NO_BUILTIN, NULL) !=
          DYAD_OK ||
      dyad_engine_new(&fuzz_eng, fuzz_empty, NULL) != DYAD_OK)
    abort();
}

static void fuzz_dict_one(const uint8_t *data, size_t size,
                          const char *const *names, size_t n_names,
                          const fuzz_file *extra, size_t n_extra) {
  if (!fuzz_eng)
    fuzz_dict_setup(extra, n_extra);
  if (size < 1)
    return;
  char path[512];
  snprintf(path, sizeof path, "%s/%s", fuzz_dir, names[data[0] % n_names]);
  FILE *f = fopen(path, "wb");
  if (!f)
    return;
  fwrite(data + 1, 1, size - 1, f);
  fclose(f);
  const char *paths[1] = {path};
  dyad_dict *d = NULL;
  if (dyad_dict_open(&d, paths, 1, DYAD_DICT_NO_BUILTIN, NULL) != DYAD_OK)
    return;
  for (size_t i = 0; i < dyad_dict_issue_count(d); i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
    if (!is || !is->file || !is->message || !is->message[0] || is->line < 1)
      abort();
  }
  dyad_dict_issue *lint = NULL;
  size_t n_lint = 0;
  if (dyad_dict_lint(d, &lint, &n_lint) == DYAD_OK)
    dyad_dict_lint_free(lint, n_lint);
  static const char *const kinds[] = {"countries", "actors", "roles",
                                      "people",    "verbs",  "reporting"};
  for (size_t k = 0; k < 6; k++) {
    char *out = NULL;
    size_t len = 0;
    if (dyad_dict_to_text(d, kinds[k], &out, &len) == DYAD_OK) {
      if (strlen(out) != len)
        abort();
      dyad_free(out);
    }
  }
  if (data[0] & 0x80) {
    static const char text[] =
        "Prime Minister Kishida held talks with NATO Secretary General "
        "Stoltenberg. Russia attacked Ukraine and China urged Japan. "
        "Israeli police arrested Palestinian protesters in Gaza on Monday.";
    fuzz_eng->dict = d;
    fuzz_eng->opts.flags = (data[0] & 0x40) ? DYAD_OPT_PEER : 0;
    dyad_doc *doc = NULL;
    if (dyad_code(fuzz_eng, text, sizeof text - 1, NULL, &doc) == DYAD_OK)
      dyad_doc_free(doc);
    fuzz_eng->dict = fuzz_empty;
  }
  dyad_dict_free(d);
  remove(path);
}

#endif

/* dict_version.c -- the dictionary version a database records with each
 * document it stores (`dyad ingest`), and which `dyad recode` compares to
 * find the documents coded by other dictionaries (docs/store.md).
 *
 * "dyad VERSION/xxh3:HEX": the library's version and one XXH3-64 hash
 * over
 *   - the loaded dictionaries as dyad writes them out (every kind of
 *     dyad_dict_to_text), so an edit of the built-in data changes it even
 *     when the library's version stays the same; and
 *   - the bytes of every --dict file, in the order given.  dyad_dict_to_text
 *     does not write out everything a peer's file holds (a TABARI actor
 *     without a stem, stems, dated codes, null codes), so hashing the
 *     entries alone let an extra file go unnoticed.  The files' names do
 *     not count: the same files anywhere give the same version, and any
 *     change of a file (even of a comment) changes it, which recodes more
 *     documents than needed, never fewer. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cli.h"
#include "dyad.h"

/* Adds the bytes of the file at path to h, read in blocks (no buffer
 * grows).  Returns 0, or -1 with the reason in err. */
static int hash_file(XXH3_state_t *h, const char *path, char *err,
                     size_t err_cap) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, err_cap, "%s: %s", path, strerror(errno));
    return -1;
  }
  char block[65536];
  size_t n;
  unsigned long long total = 0;
  while ((n = fread(block, 1, sizeof block, f)) > 0) {
    XXH3_64bits_update(h, block, n);
    total += n;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    snprintf(err, err_cap, "%s: cannot read the file", path);
    return -1;
  }
  /* The length ends the file's part, so two files hash apart from one
   * file holding both. */
  XXH3_64bits_update(h, &total, sizeof total);
  return 0;
}

int dyad_cli_dict_version(const dyad_dict *d, const char *const *paths,
                          size_t n_paths, char *out, size_t cap, char *err,
                          size_t err_cap) {
  static const char *kinds[] = {"countries", "actors", "roles",
                                "people",    "verbs",  "reporting"};
  XXH3_state_t *h = XXH3_createState();
  if (!h) {
    snprintf(err, err_cap, "out of memory");
    return -1;
  }
  XXH3_64bits_reset(h);
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    char *text = NULL;
    size_t len = 0;
    if (dyad_dict_to_text(d, kinds[i], &text, &len) != DYAD_OK) {
      snprintf(err, err_cap, "out of memory");
      XXH3_freeState(h);
      return -1;
    }
    XXH3_64bits_update(h, kinds[i], strlen(kinds[i]) + 1);
    XXH3_64bits_update(h, text, len);
    dyad_free(text);
  }
  for (size_t i = 0; i < n_paths; i++) {
    if (hash_file(h, paths[i], err, err_cap)) {
      XXH3_freeState(h);
      return -1;
    }
  }
  snprintf(out, cap, "dyad %s/xxh3:%016llx", dyad_version(),
           (unsigned long long)XXH3_64bits_digest(h));
  XXH3_freeState(h);
  return 0;
}

/* What ingest and recode both do before coding: load the dictionaries,
 * report their skipped lines, compute the version, make the engine.
 * Messages name cmd ("dyad ingest").  Returns DYAD_EXIT_OK with *dict and
 * *eng set, or an exit code with nothing left to free. */
int dyad_cli_open_coder(const char *cmd, const char *const *dicts,
                        size_t n_dicts, int no_builtin, size_t max_doc,
                        struct dyad_dict **dict, struct dyad_engine **eng,
                        char *version, size_t cap) {
  char *err = NULL;
  *dict = NULL;
  *eng = NULL;
  dyad_status st = dyad_dict_open(dict, dicts, n_dicts,
                                  no_builtin ? DYAD_DICT_NO_BUILTIN : 0, &err);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: cannot load dictionaries: %s\n",
            err ? err : dyad_strerror(st));
    dyad_free(err);
    *dict = NULL;
    return DYAD_EXIT_DICT;
  }
  for (size_t i = 0; i < dyad_dict_issue_count(*dict); i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(*dict, i);
    fprintf(stderr, "dyad: %s:%zu: %s; line skipped\n", is->file, is->line,
            is->message);
  }
  char verr[512];
  if (dyad_cli_dict_version(*dict, dicts, n_dicts, version, cap, verr,
                            sizeof verr)) {
    fprintf(stderr, "%s: %s\n", cmd, verr);
    dyad_dict_free(*dict);
    *dict = NULL;
    return DYAD_EXIT_DICT;
  }
  dyad_options opts = {0, max_doc};
  if (dyad_engine_new(eng, *dict, &opts) != DYAD_OK) {
    fprintf(stderr, "%s: out of memory\n", cmd);
    dyad_dict_free(*dict);
    *dict = NULL;
    *eng = NULL;
    return DYAD_EXIT_INTERNAL;
  }
  return DYAD_EXIT_OK;
}

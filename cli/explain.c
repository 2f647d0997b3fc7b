/* explain.c -- `dyad explain`: how dyad read each sentence and why it did or
 * did not code an event; and the text rendering of the same explanation that
 * `dyad code --explain` writes to standard error.
 *
 * The library writes the explanation as JSON (one object per sentence, see
 * dyad_doc_trace); src/serve/trace_text.c renders it for a person (shared
 * with dyad serve's POST /api/code). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dyad.h"
#include "trace_text.h" /* src/serve */

static const char *explain_help =
    "usage: dyad explain [OPTIONS] TEXT|FILE...\n"
    "\n"
    "Shows, sentence by sentence, how dyad read the text: tokens with tags\n"
    "and lemmas, chunks and clauses, the dictionary phrases matched (file and\n"
    "line), the verb patterns tried and the one that matched, the events\n"
    "made, and for a sentence with no event, the reason.  An argument that\n"
    "names a readable file is read; any other argument is the text itself.\n"
    "\n"
    "options:\n"
    "  --json              the explanation as JSON Lines (one object per\n"
    "                      sentence) instead of text\n"
    "  --date YYYY-MM-DD   publication date (dated leaders depend on it)\n"
    "  --dict FILE         load another dictionary file (repeatable)\n"
    "  --no-builtin        do not load dyad's own dictionaries\n"
    "  --peer              read as TABARI/PETRARCH do (dyad validate's "
    "mode)\n"
    "  -h, --help          this help\n";

int dyad_cli_render_trace(FILE *f, const char *trace, size_t len) {
  char err[256];
  if (dyad_trace_render(f, trace, len, err, sizeof err)) {
    fprintf(stderr, "dyad: cannot read the explanation: %s\n", err);
    return -1;
  }
  return 0;
}

/* Reads a whole file; NULL when it is not a readable regular file. */
static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      if (cap > ((size_t)64 << 20)) {
        free(buf);
        buf = NULL;
        break;
      }
      char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t k = fread(buf + n, 1, cap - n, f);
    n += k;
    if (k == 0)
      break;
  }
  if (buf && ferror(f)) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *len = n;
  return buf;
}

int dyad_cli_explain(int argc, char **argv) {
  int json = 0, flags = 0, peer_mode = 0;
  const char *date = NULL;
  const char *dicts[64];
  size_t n_dicts = 0;
  const char *args[1024];
  size_t n_args = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(explain_help, stdout);
      return DYAD_EXIT_OK;
    } else if (!strcmp(a, "--json")) {
      json = 1;
    } else if (!strcmp(a, "--date") && i + 1 < argc) {
      date = argv[++i];
    } else if (!strcmp(a, "--dict") && i + 1 < argc && n_dicts < 64) {
      dicts[n_dicts++] = argv[++i];
    } else if (!strcmp(a, "--no-builtin")) {
      flags |= DYAD_DICT_NO_BUILTIN;
    } else if (!strcmp(a, "--peer")) {
      peer_mode = 1;
    } else if (a[0] == '-' && a[1] == '-') {
      fprintf(stderr, "dyad explain: unknown option '%s'\n", a);
      fputs(explain_help, stderr);
      return DYAD_EXIT_USAGE;
    } else if (n_args < 1024) {
      args[n_args++] = a;
    }
  }
  if (!n_args) {
    fputs(explain_help, stderr);
    return DYAD_EXIT_USAGE;
  }
  dyad_dict *dict = NULL;
  char *err = NULL;
  if (dyad_dict_open(&dict, dicts, n_dicts, flags, &err) != DYAD_OK) {
    fprintf(stderr, "dyad: cannot load dictionaries: %s\n",
            err ? err : "error");
    dyad_free(err);
    return DYAD_EXIT_DICT;
  }
  dyad_options opts = {DYAD_OPT_TRACE | (peer_mode ? DYAD_OPT_PEER : 0), 0};
  dyad_engine *eng = NULL;
  if (dyad_engine_new(&eng, dict, &opts) != DYAD_OK) {
    dyad_dict_free(dict);
    return DYAD_EXIT_INTERNAL;
  }
  int rc = DYAD_EXIT_OK;
  for (size_t i = 0; i < n_args; i++) {
    size_t len = 0;
    char *file = read_all(args[i], &len);
    const char *text = file ? file : args[i];
    if (!file)
      len = strlen(args[i]);
    dyad_doc_meta meta = {file ? args[i] : "text", date};
    dyad_doc *doc = NULL;
    dyad_status st = dyad_code(eng, text, len, &meta, &doc);
    if (st != DYAD_OK) {
      fprintf(stderr, "dyad: %s: %s\n", file ? args[i] : "text",
              dyad_strerror(st));
      rc = DYAD_EXIT_INPUT;
    } else {
      dyad_str t = dyad_doc_trace(doc);
      if (json)
        fwrite(t.ptr, 1, t.len, stdout);
      else if (dyad_cli_render_trace(stdout, t.ptr, t.len))
        rc = DYAD_EXIT_INTERNAL;
      dyad_doc_free(doc);
    }
    free(file);
  }
  dyad_engine_free(eng);
  dyad_dict_free(dict);
  return rc;
}

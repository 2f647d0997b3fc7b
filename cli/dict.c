/* dict.c -- `dyad dict stats|check|convert`: load the dictionaries
 * (built-in plus --dict files, in dyad's or a peer's format), count their
 * entries, list unusable lines and likely mistakes, or write them in dyad's
 * own format. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "dyad.h"

static const char *dict_help =
    "usage: dyad dict stats|check|convert [--no-builtin] [--dict FILE]...\n"
    "                                     [-o DIR]\n"
    "\n"
    "  stats     count the entries\n"
    "  check     list unusable lines, then likely mistakes: a phrase naming\n"
    "            two different actors, a person's overlapping terms with\n"
    "            different codes, codes outside CAMEO, pattern words that can\n"
    "            never match; exit 3 when there is any\n"
    "  convert   write the dictionaries in dyad's own format into DIR\n"
    "            (-o, default '.'): countries.txt actors.txt roles.txt\n"
    "            people.txt verbs.txt reporting.txt\n"
    "\n"
    "A --dict FILE may be in dyad's format or a peer's: TABARI .actors,\n"
    ".agents, .verbs, .options, .project; PETRARCH Phoenix.*.txt, CAMEO.2.0.txt.\n";

/* Writes one kind of the dictionary as DIR/KIND.txt. */
static int write_kind(const dyad_dict *d, const char *dir, const char *kind) {
  char *text = NULL;
  size_t len = 0;
  if (dyad_dict_to_text(d, kind, &text, &len) != DYAD_OK) {
    fprintf(stderr, "dyad dict convert: out of memory\n");
    return -1;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.txt", dir, kind);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
    fprintf(stderr, "dyad dict convert: %s: %s\n", path, strerror(errno));
    dyad_free(text);
    return -1;
  }
  dyad_free(text);
  printf("wrote %s\n", path);
  return 0;
}

int dyad_cli_dict(int argc, char **argv) {
  if (argc < 2 || (strcmp(argv[1], "stats") && strcmp(argv[1], "check") &&
                   strcmp(argv[1], "convert"))) {
    fputs(dict_help, stderr);
    return DYAD_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  int check = !strcmp(cmd, "check");
  const char *paths[64];
  const char *outdir = ".";
  size_t n = 0;
  int flags = 0;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--dict") && i + 1 < argc && n < 64)
      paths[n++] = argv[++i];
    else if (!strcmp(argv[i], "-o") && i + 1 < argc)
      outdir = argv[++i];
    else if (!strcmp(argv[i], "--no-builtin"))
      flags |= DYAD_DICT_NO_BUILTIN;
    else {
      fprintf(stderr, "dyad dict: unknown argument '%s'\n", argv[i]);
      fputs(dict_help, stderr);
      return DYAD_EXIT_USAGE;
    }
  }
  dyad_dict *d = NULL;
  char *err = NULL;
  dyad_status st = dyad_dict_open(&d, paths, n, flags, &err);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: cannot load dictionaries: %s\n",
            err ? err : dyad_strerror(st));
    dyad_free(err);
    return DYAD_EXIT_DICT;
  }
  size_t issues = dyad_dict_issue_count(d);
  for (size_t i = 0; i < issues; i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
    fprintf(check ? stdout : stderr, "%s:%zu: %s\n", is->file, is->line,
            is->message);
  }
  int rc = DYAD_EXIT_OK;
  if (!strcmp(cmd, "convert")) {
    static const char *const kinds[] = {"countries", "actors", "roles",
                                        "people",    "verbs",  "reporting"};
    mkdir(outdir, 0777);
    for (int k = 0; k < 6 && rc == DYAD_EXIT_OK; k++)
      if (write_kind(d, outdir, kinds[k]))
        rc = DYAD_EXIT_INTERNAL;
    dyad_dict_free(d);
    return rc;
  }
  size_t nl = 0;
  if (check) {
    dyad_dict_issue *lint = NULL;
    if (dyad_dict_lint(d, &lint, &nl) != DYAD_OK) {
      fprintf(stderr, "dyad dict check: out of memory\n");
      dyad_dict_free(d);
      return DYAD_EXIT_INTERNAL;
    }
    for (size_t i = 0; i < nl; i++)
      printf("%s:%zu: %s\n", lint[i].file, lint[i].line, lint[i].message);
    dyad_dict_lint_free(lint, nl);
  }
  dyad_dict_stats s;
  dyad_dict_get_stats(d, &s);
  printf("countries\t%zu\nactor codes\t%zu\nroles\t%zu\npeople\t%zu\n"
         "terms of office\t%zu\nverb patterns\t%zu\nphrases\t%zu\n"
         "unusable lines\t%zu\n",
         s.countries, s.actors, s.roles, s.people, s.person_terms,
         s.verb_patterns, s.phrases, issues);
  if (check)
    printf("likely mistakes\t%zu\n", nl);
  dyad_dict_free(d);
  return check && (issues || nl) ? DYAD_EXIT_DICT : DYAD_EXIT_OK;
}

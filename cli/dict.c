/* dict.c -- `dyad dict stats` and `dyad dict check`: load the dictionaries
 * (built-in plus --dict files), count entries, list unusable lines. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dyad.h"

int dyad_cli_dict(int argc, char **argv) {
  if (argc < 2 || (strcmp(argv[1], "stats") && strcmp(argv[1], "check"))) {
    fprintf(stderr, "usage: dyad dict stats|check [--no-builtin] "
                    "[--dict FILE]...\n");
    return DYAD_EXIT_USAGE;
  }
  int check = !strcmp(argv[1], "check");
  const char *paths[64];
  size_t n = 0;
  int flags = 0;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--dict") && i + 1 < argc && n < 64)
      paths[n++] = argv[++i];
    else if (!strcmp(argv[i], "--no-builtin"))
      flags |= DYAD_DICT_NO_BUILTIN;
    else {
      fprintf(stderr, "dyad dict: unknown argument '%s'\n", argv[i]);
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
  dyad_dict_stats s;
  dyad_dict_get_stats(d, &s);
  printf("countries\t%zu\nactor codes\t%zu\nroles\t%zu\npeople\t%zu\n"
         "terms of office\t%zu\nverb patterns\t%zu\nphrases\t%zu\n"
         "unusable lines\t%zu\n",
         s.countries, s.actors, s.roles, s.people, s.person_terms,
         s.verb_patterns, s.phrases, issues);
  dyad_dict_free(d);
  return check && issues ? DYAD_EXIT_DICT : DYAD_EXIT_OK;
}

/* cli.h -- shared declarations of the `dyad` command's files. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

/* Exit codes, documented in man/dyad.1 and `dyad --help`. */
enum {
  DYAD_EXIT_OK = 0,
  DYAD_EXIT_INPUT = 1, /* some input skipped; the rest coded */
  DYAD_EXIT_USAGE = 2,
  DYAD_EXIT_DICT = 3,
  DYAD_EXIT_INTERNAL = 4
};

void dyad_cli_usage(FILE *f);
int dyad_cli_code(int argc, char **argv);
int dyad_cli_dict(int argc, char **argv);
int dyad_cli_explain(int argc, char **argv);
int dyad_cli_validate(int argc, char **argv);
/* Renders the library's JSON explanation (dyad_doc_trace) as text. */
int dyad_cli_render_trace(FILE *f, const char *trace, size_t len);

#endif

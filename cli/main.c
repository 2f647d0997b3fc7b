/* main.c -- the `dyad` command: argument dispatch, help and version.
 *
 * Each subcommand lives in its own file (code.c, dict.c, ...) and returns
 * one of the exit codes of cli.h.  Only the CLI prints and exits. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dyad.h"

static const char *usage_text =
    "usage: dyad [--help] [--version] COMMAND [ARGS]\n"
    "\n"
    "Political event coding: news text in, CAMEO events out.\n"
    "\n"
    "commands:\n"
    "  code [FILE...]     code documents and write events (see dyad code "
    "--help)\n"
    "  explain TEXT|FILE  how each sentence was read, and why it was or was "
    "not coded\n"
    "  validate SUITE     run a TABARI or PETRARCH validation suite\n"
    "  dict stats|check   count or check the dictionaries\n"
    "  ingest [FILE|DIR]  code documents and store them in a database\n"
    "  query [FILTERS]    events from the database (or --count-by KEY)\n"
    "  stats              what the database holds\n"
    "  serve              the database as a JSON API and a page in the "
    "browser\n"

    "  recode             code the stored documents again after a dictionary\n"
    "                     change, and report what changed\n"
    "\n"
    "exit codes:\n"
    "  0  success\n"
    "  1  some input could not be read or coded (each named on stderr); the "
    "rest was coded\n"
    "  2  usage error\n"
    "  3  a dictionary could not be loaded\n"
    "  4  out of memory or internal error\n"
    "  5  the database cannot be opened, read or written\n"
    "\n"
    "See man dyad (man/dyad.1) for every option.\n";

void dyad_cli_usage(FILE *f) { fputs(usage_text, f); }

int main(int argc, char **argv) {
  if (argc < 2) {
    dyad_cli_usage(stderr);
    return DYAD_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    dyad_cli_usage(stdout);
    return DYAD_EXIT_OK;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("dyad %s\n", dyad_version());
    return DYAD_EXIT_OK;
  }
  if (!strcmp(cmd, "code"))
    return dyad_cli_code(argc - 1, argv + 1);
  if (!strcmp(cmd, "dict"))
    return dyad_cli_dict(argc - 1, argv + 1);
  if (!strcmp(cmd, "explain"))
    return dyad_cli_explain(argc - 1, argv + 1);
  if (!strcmp(cmd, "ingest"))
    return dyad_cli_ingest(argc - 1, argv + 1);
  if (!strcmp(cmd, "query"))
    return dyad_cli_query(argc - 1, argv + 1);
  if (!strcmp(cmd, "serve"))
    return dyad_cli_serve(argc - 1, argv + 1);

  if (!strcmp(cmd, "recode"))
    return dyad_cli_recode(argc - 1, argv + 1);
  if (!strcmp(cmd, "stats"))
    return dyad_cli_stats(argc - 1, argv + 1);
  if (!strcmp(cmd, "validate"))
    return dyad_cli_validate(argc - 1, argv + 1);
  fprintf(stderr, "dyad: unknown command '%s'\n", cmd);
  dyad_cli_usage(stderr);
  return DYAD_EXIT_USAGE;
}

/* cli.h -- shared declarations of the `dyad` command's files. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>
#include <time.h>

/* Exit codes, documented in man/dyad.1 and `dyad --help`. */
enum {
  DYAD_EXIT_OK = 0,
  DYAD_EXIT_INPUT = 1, /* some input skipped; the rest coded */
  DYAD_EXIT_USAGE = 2,
  DYAD_EXIT_DICT = 3,
  DYAD_EXIT_INTERNAL = 4,
  DYAD_EXIT_STORE = 5 /* the database cannot be opened, read or written */
};

void dyad_cli_usage(FILE *f);
int dyad_cli_code(int argc, char **argv);
int dyad_cli_dict(int argc, char **argv);
int dyad_cli_explain(int argc, char **argv);
int dyad_cli_validate(int argc, char **argv);
int dyad_cli_ingest(int argc, char **argv);
int dyad_cli_query(int argc, char **argv);
int dyad_cli_stats(int argc, char **argv);
int dyad_cli_serve(int argc, char **argv);

int dyad_cli_recode(int argc, char **argv);

/* Progress lines on a terminal (progress.c), shared by ingest and recode.
 * dyad_cli_progress_due says whether to draw now (the first call, a final
 * line, or half a second since the last line) and gives the time. */
typedef struct dyad_cli_progress {
  struct timespec last; /* when the last line was drawn */
  int drawn;            /* a line has been drawn */
} dyad_cli_progress;
double dyad_cli_seconds(const struct timespec *a, const struct timespec *b);
/* A duration as H:MM:SS, or M:SS under an hour. */
void dyad_cli_clock_text(char *out, size_t cap, double secs);
int dyad_cli_progress_due(dyad_cli_progress *p, int final,
                          struct timespec *now);
/* The dictionary version (dict_version.c), "dyad VERSION/xxh3:HEX", of
 * d, loaded from the built-in dictionaries (unless --no-builtin) and the
 * n_paths --dict files in paths, into out[cap].  Returns 0, or -1 with
 * the reason in err[err_cap] (out of memory, a file that cannot be read
 * again). */
struct dyad_dict;
int dyad_cli_dict_version(const struct dyad_dict *d, const char *const *paths,
                          size_t n_paths, char *out, size_t cap, char *err,
                          size_t err_cap);
/* Loads the dictionaries (reporting skipped lines), computes their
 * version into version[cap] and makes an engine: ingest's and recode's
 * common start.  Returns DYAD_EXIT_OK, or an exit code with a message
 * naming cmd and nothing to free. */
struct dyad_engine;
int dyad_cli_open_coder(const char *cmd, const char *const *dicts,
                        size_t n_dicts, int no_builtin, size_t max_doc,
                        struct dyad_dict **dict, struct dyad_engine **eng,
                        char *version, size_t cap);
/* Renders the library's JSON explanation (dyad_doc_trace) as text. */
int dyad_cli_render_trace(FILE *f, const char *trace, size_t len);

/* --dedup day (dedup.c): events held across documents until the end of
 * input; the same source, target, code, date and flags in a later document
 * raise the first one's num_articles and add the document to its
 * "also_in" list. */
typedef struct dyad_cli_dedup dyad_cli_dedup;
struct dyad_doc;
dyad_cli_dedup *dyad_cli_dedup_new(void);
/* Holds the document's events.  Returns 0, or -1 (out of memory or over
 * the cap of held events). */
int dyad_cli_dedup_add(dyad_cli_dedup *x, const struct dyad_doc *doc);
/* Writes every held event as JSON Lines, in the order first seen. */
int dyad_cli_dedup_write(dyad_cli_dedup *x, FILE *f);
void dyad_cli_dedup_free(dyad_cli_dedup *x);

#endif

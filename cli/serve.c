/* serve.c -- `dyad serve`: the database as a JSON API and a page in the
 * browser (src/serve, docs/serve.md).
 *
 * Reads the options, refuses a non-loopback --host without a token, starts
 * the server, prints the URL it listens on, and waits for SIGINT or
 * SIGTERM (blocked in every thread, taken with sigwait) to stop it
 * cleanly. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "serve.h" /* src/serve */

static const char *serve_help =
    "usage: dyad serve [OPTIONS]\n"
    "\n"
    "Serves the database as a JSON API (under /api) and a page to explore\n"
    "it in a browser, until SIGINT (Ctrl-C) or SIGTERM.\n"
    "\n"
    "options:\n"
    "  --db PATH|URL    the database (default $DYAD_DB, else dyad.db)\n"
    "  --host ADDR      the address to listen on (default 127.0.0.1); any\n"
    "                   other than loopback needs a token\n"
    "  --port N         the port (default 8080; 0: a free one, printed)\n"
    "  --token T        every /api request needs Authorization: Bearer T\n"
    "                   (default $DYAD_TOKEN)\n"
    "  --threads N      worker threads and database connections (default "
    "4)\n"
    "  --timeout S      the database time of one request (default 10 s; 0:\n"
    "                   no cap); past it the request gets 503\n"
    "  -h, --help       this help\n";

/* A number lo..hi, or -1. */
static long number(const char *s, long lo, long hi) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || s[0] < '0' || s[0] > '9' || v < lo || v > hi)
    return -1;
  return v;
}

int dyad_cli_serve(int argc, char **argv) {
  const char *db = getenv("DYAD_DB");
  const char *token = getenv("DYAD_TOKEN");
  dyad_serve_options o = {db && *db ? db : "dyad.db", "127.0.0.1", 8080,
                          token, 4, 10000};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(serve_help, stdout);
      return DYAD_EXIT_OK;
    }
    if (!val) {
      fprintf(stderr, "dyad serve: unknown or incomplete option '%s'\n", a);
      fputs(serve_help, stderr);
      return DYAD_EXIT_USAGE;
    }
    if (!strcmp(a, "--db")) {
      o.db = val;
    } else if (!strcmp(a, "--host")) {
      o.host = val;
    } else if (!strcmp(a, "--token")) {
      o.token = val;
    } else if (!strcmp(a, "--port")) {
      long v = number(val, 0, 65535);
      if (v < 0) {
        fprintf(stderr, "dyad serve: --port is 0 to 65535\n");
        return DYAD_EXIT_USAGE;
      }
      o.port = (unsigned)v;
    } else if (!strcmp(a, "--timeout")) {
      long v = number(val, 0, 3600);
      if (v < 0) {
        fprintf(stderr, "dyad serve: --timeout is 0 to 3600 seconds\n");
        return DYAD_EXIT_USAGE;
      }
      o.timeout_ms = v * 1000;
    } else if (!strcmp(a, "--threads")) {
      long v = number(val, 1, 64);
      if (v < 0) {
        fprintf(stderr, "dyad serve: --threads is 1 to 64\n");
        return DYAD_EXIT_USAGE;
      }
      o.threads = (int)v;
    } else {
      fprintf(stderr, "dyad serve: unknown option '%s'\n", a);
      fputs(serve_help, stderr);
      return DYAD_EXIT_USAGE;
    }
    i++;
  }
  if (o.token && !*o.token)
    o.token = NULL;
  char err[512];
  int loopback = 0;
  if (dyad_serve_host_is_loopback(o.host, &loopback, err, sizeof err)) {
    fprintf(stderr, "dyad serve: %s\n", err);
    return DYAD_EXIT_USAGE;
  }
  if (!loopback && !o.token) {
    fprintf(stderr,
            "dyad serve: --host %s is reachable from other machines: give "
            "a --token (or $DYAD_TOKEN) so every API call must carry it\n",
            o.host);
    return DYAD_EXIT_USAGE;
  }
  struct stat st;
  if (strncmp(o.db, "postgres", 8) && stat(o.db, &st) != 0) {
    fprintf(stderr, "dyad serve: no database at %s (dyad ingest makes one)\n",
            o.db);
    return DYAD_EXIT_STORE;
  }
  /* The signals go to sigwait below, not to the server's threads. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  dyad_server *srv = NULL;
  int rc = dyad_serve_start(&srv, &o, err, sizeof err);
  if (rc != DYAD_SERVE_OK) {
    fprintf(stderr, "dyad serve: %s\n", err);
    return rc == DYAD_SERVE_ERR_DB     ? DYAD_EXIT_STORE
           : rc == DYAD_SERVE_ERR_DICT ? DYAD_EXIT_DICT
           : rc == DYAD_SERVE_ERR_USAGE ? DYAD_EXIT_USAGE
           : rc == DYAD_SERVE_ERR_NOMEM ? DYAD_EXIT_INTERNAL
                                        : DYAD_EXIT_INPUT;
  }
  int v6 = strchr(o.host, ':') != NULL;
  printf("dyad serve: listening on http://%s%s%s:%u/\n", v6 ? "[" : "",
         o.host, v6 ? "]" : "", dyad_serve_port(srv));
  fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  fprintf(stderr, "dyad serve: %s, stopping\n",
          sig == SIGINT ? "SIGINT" : "SIGTERM");
  dyad_serve_stop(srv);
  return DYAD_EXIT_OK;
}

/* serve.h -- `dyad serve`: an HTTP server (libmicrohttpd) with a JSON API
 * over the store and the embedded page (docs/serve.md).
 *
 * src/serve is its own library (build/libdyadserve.a): it reads the
 * database through src/store, codes pasted text with libdyad, never
 * includes cli/, never prints and never exits.
 *
 *   dyad_server *srv;  dyad_serve_start(&srv, &opts, err, sizeof err);
 *   printf("%u\n", dyad_serve_port(srv));  ... wait for a signal ...
 *   dyad_serve_stop(srv); */
#ifndef DYAD_SERVE_H
#define DYAD_SERVE_H

#include <stddef.h>

typedef struct dyad_server dyad_server;

typedef struct dyad_serve_options {
  const char *db;    /* SQLite path or postgresql:// URL */
  const char *host;  /* the address to listen on (a name or a literal) */
  unsigned port;     /* 0: a free port (see dyad_serve_port) */
  const char *token; /* NULL or "": no token; else every /api call needs
                        "Authorization: Bearer <token>" */
  int threads;       /* worker threads (and database connections), 1..64 */
  long timeout_ms;   /* the database time of one request; 0: no cap */
} dyad_serve_options;

/* Why dyad_serve_start failed. */
enum {
  DYAD_SERVE_OK = 0,
  DYAD_SERVE_ERR_USAGE,  /* bad options (host, threads) */
  DYAD_SERVE_ERR_DB,     /* the database cannot be opened */
  DYAD_SERVE_ERR_DICT,   /* the dictionaries cannot be loaded */
  DYAD_SERVE_ERR_LISTEN, /* cannot listen (address in use, ...) */
  DYAD_SERVE_ERR_NOMEM
};

/* Resolves host; *loopback is 1 when every address it names is a loopback
 * one (127.0.0.0/8, ::1).  Returns 0, or -1 with the reason in
 * err[err_cap] when host cannot be resolved. */
int dyad_serve_host_is_loopback(const char *host, int *loopback, char *err,
                                size_t err_cap);

/* Opens the database (one connection per thread), loads the dictionaries
 * and starts serving on its own threads.  Returns DYAD_SERVE_OK with *out
 * set, or an error above with the reason in err[err_cap]. */
int dyad_serve_start(dyad_server **out, const dyad_serve_options *o,
                     char *err, size_t err_cap);

/* The port the server listens on (the one chosen when asked for 0). */
unsigned dyad_serve_port(const dyad_server *s);

/* Stops accepting, finishes the requests in flight, closes the database.
 * NULL is a no-op. */
void dyad_serve_stop(dyad_server *s);

#endif

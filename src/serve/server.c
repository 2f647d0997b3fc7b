/* server.c -- `dyad serve`'s HTTP side on libmicrohttpd: listening,
 * routing, the token, caps, safe headers, the page's files, and a pool of
 * database connections (one per worker thread: neither an SQLite handle
 * nor a libpq connection is shared between threads at once).
 *
 * Each request's raw URL is taken from libmicrohttpd's URI log callback
 * (before any decoding) and read here: the path is decoded once and
 * refused when it holds "..", a backslash or an encoded '/', and the
 * query string goes to params.c.  Caps: URL 8 KiB (414), query
 * parameters (params.h), body 64 KiB (413), connections (MHD's limit),
 * a per-connection idle timeout, the database time of a request
 * (dyad_store_set_deadline: 503); every error is JSON with its status. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

#include "api.h"
#include "assets.h"
#include "params.h"
#include "serve.h"
#include "store.h"

#define MAX_CONNECTIONS 256
#define CONNECTION_TIMEOUT 30 /* seconds without traffic */
#define MAX_THREADS 64

/* Every response: no sniffing, no framing, no referrer, and a page that
 * runs only its own scripts. */
#define CSP                                                                  \
  "default-src 'self'; script-src 'self'; img-src 'self' data:; "            \
  "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "   \
  "frame-ancestors 'none'; form-action 'self'"

struct dyad_server {
  struct MHD_Daemon *daemon;
  unsigned port;
  long timeout_ms;
  char *token;
  dyad_dict *dict;
  dyad_engine *engine; /* records the trace: POST /api/code */
  /* The connection pool: free[0..n_free) are idle. */
  dyad_store **stores;
  int n_stores;
  dyad_store **idle;
  int n_idle;
  pthread_mutex_t lock;
  pthread_cond_t cond;
};

/* One request, from the URI log callback to the completion callback. */
typedef struct request {
  char *uri;      /* raw, as sent; NULL when over SERVE_MAX_URL */
  int calls;      /* calls of the access handler so far */
  int too_big;    /* the body passed SERVE_MAX_BODY */
  int answered;
  char *body;
  size_t len;
} request;

/* ===== Responses ===== */

static void safe_headers(struct MHD_Response *resp) {
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "Content-Security-Policy", CSP);
}

static enum MHD_Result send_buffer(struct MHD_Connection *con, int status,
                                   const char *type, void *data, size_t len,
                                   enum MHD_ResponseMemoryMode mode,
                                   const char *cache) {
  struct MHD_Response *resp =
      MHD_create_response_from_buffer(len, data, mode);
  if (!resp) {
    if (mode == MHD_RESPMEM_MUST_FREE)
      free(data);
    return MHD_NO;
  }
  safe_headers(resp);
  MHD_add_response_header(resp, "Content-Type", type);
  MHD_add_response_header(resp, "Cache-Control", cache);
  enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result send_reply(struct MHD_Connection *con,
                                  serve_reply *r) {
  char *s = r->body ? json_dumps(r->body, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                              JSON_REAL_PRECISION(10))
                    : NULL;
  json_decref(r->body);
  r->body = NULL;
  if (!s) {
    static const char oom[] =
        "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}";
    return send_buffer(con, 500, "application/json; charset=utf-8",
                       (void *)oom, sizeof oom - 1, MHD_RESPMEM_PERSISTENT,
                       "no-store");
  }
  return send_buffer(con, r->status, "application/json; charset=utf-8", s,
                     strlen(s), MHD_RESPMEM_MUST_FREE, "no-store");
}

static enum MHD_Result send_error(struct MHD_Connection *con, int status,
                                  const char *msg) {
  serve_reply r = {0, NULL};
  serve_error(&r, status, msg);
  return send_reply(con, &r);
}

/* ===== The page ===== */

static const char no_page[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>dyad</title></head><body>\n<h1>dyad serve</h1>\n"
    "<p>This dyad was built without its page (web/dist was absent at build "
    "time). The JSON API is at <code>/api/</code>: see docs/serve.md.</p>\n"
    "</body></html>\n";

static enum MHD_Result send_asset(struct MHD_Connection *con,
                                  const char *name) {
  const serve_asset *a = serve_asset_find(name);
  if (!a) {
    if (!strcmp(name, "index.html") && serve_asset_count() == 0)
      return send_buffer(con, 200, "text/html; charset=utf-8",
                         (void *)no_page, sizeof no_page - 1,
                         MHD_RESPMEM_PERSISTENT, "no-cache");
    return send_error(con, 404, "not found");
  }
  /* Revalidated every time (no-cache), answered 304 when unchanged. */
  const char *inm =
      MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match");
  struct MHD_Response *resp;
  unsigned status = 200;
  if (inm && strstr(inm, a->etag)) {
    resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    status = 304;
  } else {
    resp = MHD_create_response_from_buffer(a->len, (void *)a->data,
                                           MHD_RESPMEM_PERSISTENT);
  }
  if (!resp)
    return MHD_NO;
  safe_headers(resp);
  MHD_add_response_header(resp, "Content-Type", a->content_type);
  MHD_add_response_header(resp, "Cache-Control", "no-cache");
  MHD_add_response_header(resp, "ETag", a->etag);
  enum MHD_Result ret = MHD_queue_response(con, status, resp);
  MHD_destroy_response(resp);
  return ret;
}

/* ===== Paths ===== */

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes the raw path raw[0..n) into out[cap]: -1 for a bad escape, an
 * encoded '/', '\' or NUL, a backslash, or a ".." segment anywhere. */
static int decode_path(const char *raw, size_t n, char *out, size_t cap) {
  size_t o = 0;
  if (n == 0 || raw[0] != '/')
    return -1;
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)raw[i];
    if (c == '%') {
      int a = i + 2 < n ? hexval((unsigned char)raw[i + 1]) : -1;
      int b = i + 2 < n ? hexval((unsigned char)raw[i + 2]) : -1;
      if (a < 0 || b < 0)
        return -1;
      c = a * 16 + b;
      i += 2;
      if (c == '/')
        return -1;
    }
    if (c == 0 || c == '\\' || o + 1 >= cap)
      return -1;
    out[o++] = (char)c;
  }
  out[o] = '\0';
  return strstr(out, "..") ? -1 : 0;
}

/* Constant-time comparison of the Authorization header with the token. */
static int token_ok(const dyad_server *srv, struct MHD_Connection *con) {
  if (!srv->token)
    return 1;
  const char *h =
      MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
  if (!h || strncmp(h, "Bearer ", 7))
    return 0;
  h += 7;
  size_t n = strlen(h), t = strlen(srv->token);
  unsigned char diff = (unsigned char)(n != t);
  for (size_t i = 0; i < t; i++)
    diff |= (unsigned char)(srv->token[i] ^ (i < n ? h[i] : 0));
  return diff == 0;
}

/* ===== The connection pool ===== */

static dyad_store *take_store(dyad_server *srv) {
  pthread_mutex_lock(&srv->lock);
  while (srv->n_idle == 0)
    pthread_cond_wait(&srv->cond, &srv->lock);
  dyad_store *s = srv->idle[--srv->n_idle];
  pthread_mutex_unlock(&srv->lock);
  return s;
}

static void give_store(dyad_server *srv, dyad_store *s) {
  pthread_mutex_lock(&srv->lock);
  srv->idle[srv->n_idle++] = s;
  pthread_cond_signal(&srv->cond);
  pthread_mutex_unlock(&srv->lock);
}

/* ===== Requests ===== */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con) {
  (void)cls;
  (void)con;
  request *r = calloc(1, sizeof *r);
  if (r && uri && strlen(uri) <= SERVE_MAX_URL) {
    size_t n = strlen(uri) + 1;
    r->uri = malloc(n);
    if (r->uri)
      memcpy(r->uri, uri, n);
  }
  return r;
}

static void on_done(void *cls, struct MHD_Connection *con, void **con_cls,
                    enum MHD_RequestTerminationCode toe) {
  (void)cls;
  (void)con;
  (void)toe;
  request *r = *con_cls;
  if (r) {
    free(r->uri);
    free(r->body);
    free(r);
  }
  *con_cls = NULL;
}

/* Answers a complete request. */
static enum MHD_Result answer(dyad_server *srv, struct MHD_Connection *con,
                              request *r, const char *method) {
  if (!r->uri)
    return send_error(con, 414, "the URL is longer than 8192 bytes");
  const char *q = strchr(r->uri, '?');
  size_t plen = q ? (size_t)(q - r->uri) : strlen(r->uri);
  char path[SERVE_MAX_URL + 1];
  if (decode_path(r->uri, plen, path, sizeof path))
    return send_error(con, 400, "bad path");
  int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
  if (strncmp(path, "/api/", 5)) {
    if (!get)
      return send_error(con, 405, "method not allowed");
    if (!strcmp(path, "/") || !strcmp(path, "/index.html"))
      return send_asset(con, "index.html");
    if (!strncmp(path, "/assets/", 8) && path[8]) {
      /* /assets/F is the embedded web/dist/F (or web/dist/assets/F). */
      if (serve_asset_find(path + 8))
        return send_asset(con, path + 8);
      return send_asset(con, path + 1);
    }
    return send_error(con, 404, "not found");
  }
  if (!token_ok(srv, con))
    return send_error(con, 401, "this server wants Authorization: Bearer "
                                "<token>");
  const char *api = path + 4;
  serve_reply rep = {200, NULL};
  if (!strcmp(api, "/code")) {
    if (strcmp(method, "POST"))
      return send_error(con, 405, "POST a JSON body to /api/code");
    if (r->too_big)
      return send_error(con, 413, "the body is longer than 64 KiB");
    serve_api_code(srv->engine, r->body ? r->body : "", r->len, &rep);
    return send_reply(con, &rep);
  }
  if (!serve_api_known(api))
    return send_error(con, 404, "no such endpoint");
  if (!get)
    return send_error(con, 405, "the API is read-only (GET)");
  serve_params *p = malloc(sizeof *p);
  if (!p)
    return send_error(con, 500, "out of memory");
  char err[128];
  if (serve_params_parse(p, q ? q + 1 : "", q ? strlen(q + 1) : 0, err)) {
    free(p);
    return send_error(con, 400, err);
  }
  dyad_store *s = take_store(srv);
  if (dyad_store_set_deadline(s, srv->timeout_ms))
    serve_error(&rep, 500, dyad_store_errmsg(s));
  else
    serve_api_get(s, api, p, &rep);
  give_store(srv, s);
  free(p);
  return send_reply(con, &rep);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con,
                                  const char *url, const char *method,
                                  const char *version,
                                  const char *upload_data,
                                  size_t *upload_data_size, void **con_cls) {
  (void)url;
  (void)version;
  dyad_server *srv = cls;
  request *r = *con_cls;
  if (!r)
    return MHD_NO;
  if (r->calls++ == 0) {
    /* Headers only: refuse a declared oversized body at once. */
    const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                 "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > SERVE_MAX_BODY) {
      r->answered = 1;
      return send_error(con, 413, "the body is longer than 64 KiB");
    }
    return MHD_YES;
  }
  if (*upload_data_size) {
    size_t n = *upload_data_size;
    *upload_data_size = 0;
    if (r->answered || r->too_big)
      return MHD_YES;
    if (r->len + n > SERVE_MAX_BODY) {
      r->too_big = 1;
      free(r->body);
      r->body = NULL;
      r->len = 0;
      return MHD_YES;
    }
    char *b = realloc(r->body, r->len + n + 1);
    if (!b)
      return MHD_NO;
    memcpy(b + r->len, upload_data, n);
    r->body = b;
    r->len += n;
    r->body[r->len] = '\0';
    return MHD_YES;
  }
  if (r->answered)
    return MHD_YES;
  r->answered = 1;
  return answer(srv, con, r, method);
}

/* ===== Starting and stopping ===== */

int dyad_serve_host_is_loopback(const char *host, int *loopback, char *err,
                                size_t err_cap) {
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  int rc = getaddrinfo(host, NULL, &hints, &res);
  if (rc) {
    snprintf(err, err_cap, "cannot resolve host '%s': %s", host,
             gai_strerror(rc));
    return -1;
  }
  *loopback = 1;
  for (struct addrinfo *a = res; a; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      const struct sockaddr_in *in = (const void *)a->ai_addr;
      if ((ntohl(in->sin_addr.s_addr) >> 24) != 127)
        *loopback = 0;
    } else if (a->ai_family == AF_INET6) {
      const struct sockaddr_in6 *in6 = (const void *)a->ai_addr;
      if (!IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
        *loopback = 0;
    } else {
      *loopback = 0;
    }
  }
  freeaddrinfo(res);
  return 0;
}

static void free_server(dyad_server *srv) {
  for (int i = 0; i < srv->n_stores; i++)
    dyad_store_close(srv->stores[i]);
  free(srv->stores);
  free(srv->idle);
  dyad_engine_free(srv->engine);
  dyad_dict_free(srv->dict);
  free(srv->token);
  pthread_mutex_destroy(&srv->lock);
  pthread_cond_destroy(&srv->cond);
  free(srv);
}

int dyad_serve_start(dyad_server **out, const dyad_serve_options *o,
                     char *err, size_t err_cap) {
  if (o->threads < 1 || o->threads > MAX_THREADS) {
    snprintf(err, err_cap, "threads is 1 to %d", MAX_THREADS);
    return DYAD_SERVE_ERR_USAGE;
  }
  dyad_server *srv = calloc(1, sizeof *srv);
  if (!srv) {
    snprintf(err, err_cap, "out of memory");
    return DYAD_SERVE_ERR_NOMEM;
  }
  pthread_mutex_init(&srv->lock, NULL);
  pthread_cond_init(&srv->cond, NULL);
  srv->timeout_ms = o->timeout_ms;
  if (o->token && *o->token) {
    size_t n = strlen(o->token) + 1;
    if (!(srv->token = malloc(n))) {
      free_server(srv);
      snprintf(err, err_cap, "out of memory");
      return DYAD_SERVE_ERR_NOMEM;
    }
    memcpy(srv->token, o->token, n);
  }
  /* One database connection per worker thread. */
  srv->stores = calloc((size_t)o->threads, sizeof *srv->stores);
  srv->idle = calloc((size_t)o->threads, sizeof *srv->idle);
  if (!srv->stores || !srv->idle) {
    free_server(srv);
    snprintf(err, err_cap, "out of memory");
    return DYAD_SERVE_ERR_NOMEM;
  }
  for (int i = 0; i < o->threads; i++) {
    char *msg = NULL;
    if (dyad_store_open(&srv->stores[i], o->db, &msg)) {
      snprintf(err, err_cap, "cannot open the database %s",
               msg ? msg : "(out of memory)");
      free(msg);
      free_server(srv);
      return DYAD_SERVE_ERR_DB;
    }
    srv->n_stores++;
    srv->idle[srv->n_idle++] = srv->stores[i];
    if (dyad_store_read_only(srv->stores[i])) {
      snprintf(err, err_cap, "%s", dyad_store_errmsg(srv->stores[i]));
      free_server(srv);
      return DYAD_SERVE_ERR_DB;
    }
  }
  char *msg = NULL;
  if (dyad_dict_open(&srv->dict, NULL, 0, 0, &msg) != DYAD_OK) {
    snprintf(err, err_cap, "cannot load the dictionaries: %s",
             msg ? msg : "error");
    dyad_free(msg);
    free_server(srv);
    return DYAD_SERVE_ERR_DICT;
  }
  dyad_options opts = {DYAD_OPT_TRACE, SERVE_MAX_BODY};
  if (dyad_engine_new(&srv->engine, srv->dict, &opts) != DYAD_OK) {
    snprintf(err, err_cap, "cannot make the coding engine");
    free_server(srv);
    return DYAD_SERVE_ERR_NOMEM;
  }
  /* The address to bind. */
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  char port[16];
  snprintf(port, sizeof port, "%u", o->port);
  int rc = getaddrinfo(o->host, port, &hints, &res);
  if (rc) {
    snprintf(err, err_cap, "cannot resolve host '%s': %s", o->host,
             gai_strerror(rc));
    free_server(srv);
    return DYAD_SERVE_ERR_USAGE;
  }
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
  if (res->ai_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  srv->daemon = MHD_start_daemon(
      flags, (uint16_t)o->port, NULL, NULL, on_request, srv,
      MHD_OPTION_SOCK_ADDR, res->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
      (unsigned int)o->threads, MHD_OPTION_CONNECTION_LIMIT,
      (unsigned int)MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
      (unsigned int)CONNECTION_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      (size_t)(SERVE_MAX_URL * 4), MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
      MHD_OPTION_NOTIFY_COMPLETED, on_done, srv, MHD_OPTION_END);
  freeaddrinfo(res);
  if (!srv->daemon) {
    snprintf(err, err_cap, "cannot listen on %s port %u (in use, or not "
                           "an address of this machine?)",
             o->host, o->port);
    free_server(srv);
    return DYAD_SERVE_ERR_LISTEN;
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
  srv->port = info ? info->port : o->port;
  *out = srv;
  return DYAD_SERVE_OK;
}

unsigned dyad_serve_port(const dyad_server *s) { return s->port; }

void dyad_serve_stop(dyad_server *s) {
  if (!s)
    return;
  MHD_stop_daemon(s->daemon);
  free_server(s);
}

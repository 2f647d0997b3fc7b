/* api.h -- the JSON API's handlers (api.c): a request's path and query
 * (or body) in, a status and a JSON body out.  Internal to src/serve; the
 * contract is docs/serve.md. */
#ifndef DYAD_SERVE_API_H
#define DYAD_SERVE_API_H

#include <jansson.h>
#include <stddef.h>

#include "dyad.h"
#include "params.h"
#include "store.h"

#define SERVE_MAX_BODY ((size_t)64 << 10) /* POST /api/code (else 413) */

/* What a handler answers: an HTTP status and a JSON body (the caller
 * decrefs it), an error body when status is not 200. */
typedef struct serve_reply {
  int status;
  json_t *body;
} serve_reply;

/* Sets r to {"error":{"status":status,"message":msg}}. */
void serve_error(serve_reply *r, int status, const char *msg);

/* Is path (after "/api") one of the GET endpoints? */
int serve_api_known(const char *path);

/* GET /api<path>?<query>: reads the store s. */
void serve_api_get(dyad_store *s, const char *path, const serve_params *p,
                   serve_reply *r);

/* POST /api/code: codes the body's text with eng (which records the
 * trace), storing nothing. */
void serve_api_code(const dyad_engine *eng, const char *body, size_t len,
                    serve_reply *r);

#endif

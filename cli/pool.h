/* pool.h -- documents coded by worker threads, results handed back in the
 * order they were submitted (for `dyad code --jobs N` and `dyad ingest`).
 *
 * The engine is shared (it is immutable); each worker codes whole
 * documents into documents of its own.  The caller's thread submits jobs
 * and receives every result, in submission order, through its emit
 * callback: output is written by one thread, so a run with N workers
 * writes the same bytes as a run with one.  At most `window` jobs are in
 * flight (submitted, not yet emitted), which bounds memory by the largest
 * documents, not by the input.
 */
#ifndef DYAD_CLI_POOL_H
#define DYAD_CLI_POOL_H

#include <stddef.h>

#include "dyad.h"

typedef struct dyad_pool dyad_pool;

/* Called on the submitting thread, in submission order.  doc is NULL when
 * st is not DYAD_OK; the callee owns doc (dyad_doc_free) and job (the
 * pointer given to dyad_pool_submit). */
typedef void (*dyad_pool_emit)(void *ctx, void *job, dyad_doc *doc,
                               dyad_status st);

/* A pool of `threads` workers (1..64) with at most `window` jobs in flight
 * (0: 16 per thread).  threads == 1 codes on the caller's thread, no worker
 * is started.  Returns NULL when out of memory or threads fail. */
dyad_pool *dyad_pool_new(const dyad_engine *e, int threads, size_t window,
                         dyad_pool_emit emit, void *ctx);

/* Queues one document: text (len bytes) and meta are copied; job is the
 * caller's, handed back to emit.  May call emit for earlier jobs, and
 * blocks while the window is full.  Returns 0, or -1 when out of memory
 * (nothing queued). */
int dyad_pool_submit(dyad_pool *p, const char *text, size_t len,
                     const dyad_doc_meta *meta, void *job);

/* Waits for every queued job and emits it. */
void dyad_pool_drain(dyad_pool *p);

/* Drains, stops the workers and frees the pool.  NULL is a no-op. */
void dyad_pool_free(dyad_pool *p);

#endif

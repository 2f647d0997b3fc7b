/* pool.c -- worker threads coding documents, results in submission order.
 *
 * Jobs live in a ring of `window` slots indexed by sequence number.  The
 * submitting thread fills slot seq % window and signals the workers; a
 * worker takes the oldest job not yet taken, codes it without any lock
 * held, stores the result in the job's slot and signals completion.  The
 * submitting thread emits finished slots strictly in sequence order, so
 * output never depends on which worker finished first.  One mutex guards
 * the ring's counters; it is held only to take or finish a job, never
 * while coding.
 *
 * Scaling (2 threads near 2x one): the window is wide (16 jobs per
 * thread), so a long document does not leave the other workers idle once
 * the ring behind it is full; a worker wakes the submitting thread only
 * when that thread waits for the very job it finished, not on every job;
 * and glibc is told not to give freed memory back (each document's arena
 * blocks are allocated by a worker and freed by the submitting thread, and
 * trimming the workers' heaps made every document fault its pages in
 * again: 72,000 page faults instead of 5,000 on Reuters-21578).
 */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define MAX_THREADS 64

typedef struct slot {
  char *text; /* copies, owned until the job is coded */
  size_t len;
  char *id, *date;
  void *job;
  dyad_doc *doc;
  dyad_status st;
  int done;
} slot;

struct dyad_pool {
  const dyad_engine *eng;
  dyad_pool_emit emit;
  void *ctx;
  int threads;
  size_t window;
  slot *ring;
  size_t next_submit; /* sequence of the next job submitted */
  size_t next_take;   /* of the next job a worker takes */
  size_t next_emit;   /* of the next job emitted */
  int stop;
  int emit_waiting;   /* the submitting thread waits for job next_emit */
  pthread_mutex_t mu;
  pthread_cond_t work; /* a job was queued, or stop */
  pthread_cond_t done; /* a job was finished */
  pthread_t tid[MAX_THREADS];
  int started;
};

static char *dup_or_null(const char *s) {
  if (!s)
    return NULL;
  size_t n = strlen(s);
  char *c = malloc(n + 1);
  if (c)
    memcpy(c, s, n + 1);
  return c;
}

static void code_slot(const dyad_engine *e, slot *s) {
  dyad_doc_meta meta = {s->id, s->date};
  s->doc = NULL;
  s->st = dyad_code(e, s->text, s->len, &meta, &s->doc);
  free(s->text);
  free(s->id);
  free(s->date);
  s->text = s->id = s->date = NULL;
}

static void *worker(void *arg) {
  dyad_pool *p = arg;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->stop && p->next_take == p->next_submit)
      pthread_cond_wait(&p->work, &p->mu);
    if (p->next_take == p->next_submit && p->stop)
      break;
    size_t seq = p->next_take++;
    slot *s = &p->ring[seq % p->window];
    pthread_mutex_unlock(&p->mu);
    code_slot(p->eng, s);
    pthread_mutex_lock(&p->mu);
    s->done = 1;
    if (p->emit_waiting && seq == p->next_emit)
      pthread_cond_signal(&p->done);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

dyad_pool *dyad_pool_new(const dyad_engine *e, int threads, size_t window,
                         dyad_pool_emit emit, void *ctx) {
  if (!e || !emit || threads < 1 || threads > MAX_THREADS)
    return NULL;
  dyad_pool *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->eng = e;
  p->emit = emit;
  p->ctx = ctx;
  p->threads = threads;
  p->window = threads == 1 ? 1 : window ? window : (size_t)threads * 16;
  p->ring = calloc(p->window, sizeof *p->ring);
  if (!p->ring) {
    free(p);
    return NULL;
  }
  if (threads == 1)
    return p;
#ifdef __GLIBC__
  /* Freed arena blocks stay with the process (see the top of the file);
   * blocks up to 32 MB come from the heap, so they are reused too. */
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->work, NULL);
  pthread_cond_init(&p->done, NULL);
  for (int i = 0; i < threads; i++) {
    if (pthread_create(&p->tid[i], NULL, worker, p) != 0) {
      dyad_pool_free(p);
      return NULL;
    }
    p->started++;
  }
  return p;
}

/* Emits finished jobs in order; with wait, until every submitted one is. */
static void emit_ready(dyad_pool *p, int wait_all) {
  for (;;) {
    pthread_mutex_lock(&p->mu);
    if (p->next_emit == p->next_submit) {
      pthread_mutex_unlock(&p->mu);
      return;
    }
    slot *s = &p->ring[p->next_emit % p->window];
    while (!s->done && wait_all) {
      p->emit_waiting = 1;
      pthread_cond_wait(&p->done, &p->mu);
    }
    p->emit_waiting = 0;
    if (!s->done) {
      pthread_mutex_unlock(&p->mu);
      return;
    }
    slot out = *s;
    memset(s, 0, sizeof *s);
    p->next_emit++;
    pthread_mutex_unlock(&p->mu);
    p->emit(p->ctx, out.job, out.doc, out.st);
  }
}

int dyad_pool_submit(dyad_pool *p, const char *text, size_t len,
                     const dyad_doc_meta *meta, void *job) {
  if (p->threads == 1) {
    /* Coded at once on this thread: nothing to copy (a coded document
     * keeps no pointer into its text). */
    dyad_doc *doc = NULL;
    dyad_status st = dyad_code(p->eng, text, len, meta, &doc);
    p->emit(p->ctx, job, doc, st);
    return 0;
  }
  slot s;
  memset(&s, 0, sizeof s);
  s.text = malloc(len ? len : 1);
  s.id = dup_or_null(meta ? meta->id : NULL);
  s.date = dup_or_null(meta ? meta->date : NULL);
  if (!s.text || (meta && meta->id && !s.id) ||
      (meta && meta->date && !s.date)) {
    free(s.text);
    free(s.id);
    free(s.date);
    return -1;
  }
  if (len)
    memcpy(s.text, text, len);
  s.len = len;
  s.job = job;
  emit_ready(p, 0);
  pthread_mutex_lock(&p->mu);
  /* Full window: wait for the oldest job, then emit it (unlocked). */
  while (p->next_submit - p->next_emit >= p->window) {
    slot *old = &p->ring[p->next_emit % p->window];
    while (!old->done) {
      p->emit_waiting = 1;
      pthread_cond_wait(&p->done, &p->mu);
    }
    p->emit_waiting = 0;
    pthread_mutex_unlock(&p->mu);
    emit_ready(p, 0);
    pthread_mutex_lock(&p->mu);
  }
  p->ring[p->next_submit % p->window] = s;
  p->next_submit++;
  pthread_cond_signal(&p->work);
  pthread_mutex_unlock(&p->mu);
  return 0;
}

void dyad_pool_drain(dyad_pool *p) {
  if (p && p->threads > 1)
    emit_ready(p, 1);
}

void dyad_pool_free(dyad_pool *p) {
  if (!p)
    return;
  if (p->threads > 1) {
    if (p->started == p->threads)
      dyad_pool_drain(p);
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->started; i++)
      pthread_join(p->tid[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
  }
  free(p->ring);
  free(p);
}

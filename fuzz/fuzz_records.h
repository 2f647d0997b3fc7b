/* fuzz_records.h -- what fuzz_tabari.c and fuzz_petrarch.c share: a record
 * sink (cli/input.h) that checks the readers' promises and aborts, so
 * libFuzzer reports a broken one as a crash.
 *
 *   - every usable record names its file and line ("file:line"), lines
 *     never go back, its text is within the cap, its date (when there is
 *     one) is a real calendar date YYYY-MM-DD;
 *   - every bad record or stretch comes with a reason and a "file:line";
 *   - the bytes the sink is handed are all read (ASan checks the reads).
 *
 * fuzz_records_run() reads the input from memory with a cap picked by the
 * first byte's bit 0 (64 bytes, so the over-cap path is fuzzed, or the
 * default); its other bits pick where the bytes handed over as already
 * read (input_src.pre) end and a stream (fmemopen) takes over. */
#ifndef DYAD_FUZZ_RECORDS_H
#define DYAD_FUZZ_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/input.h"
#include "../cli/read.h"

typedef struct fuzz_seen {
  size_t last_line, records, bad, cap;
  unsigned sum; /* touches every byte handed over */
} fuzz_seen;

static void fuzz_where(const input_record *r) {
  if (!r->where || !strchr(r->where, ':') || !r->file || r->line < 1)
    abort();
}

static void fuzz_on_record(void *ctx, const input_record *r) {
  fuzz_seen *s = ctx;
  fuzz_where(r);
  if (r->line < s->last_line || !r->text || (s->cap && r->len > s->cap))
    abort();
  if (r->date && !read_valid_date(r->date))
    abort();
  for (size_t i = 0; i < r->len; i++)
    s->sum += (unsigned char)r->text[i];
  for (size_t i = 0; i < r->comment_len; i++)
    s->sum += (unsigned char)r->comment[i];
  for (size_t i = 0; i < r->n_codings; i++) {
    const input_coding *c = &r->codings[i];
    const char *v[] = {c->source, c->target, c->event, c->noevents, c->error};
    for (size_t k = 0; k < 5; k++)
      if (v[k])
        s->sum += (unsigned)strlen(v[k]);
  }
  if (r->id)
    s->sum += (unsigned)strlen(r->id);
  if (r->note)
    s->sum += (unsigned)strlen(r->note);
  s->last_line = r->line;
  s->records++;
}

static void fuzz_on_bad(void *ctx, const input_record *r, const char *why) {
  fuzz_seen *s = ctx;
  fuzz_where(r);
  if (!why || !why[0])
    abort();
  s->bad++;
}

typedef int (*fuzz_reader)(const char *name, input_src *src,
                           const input_sink *s);

static void fuzz_records_run(fuzz_reader read, const uint8_t *data,
                             size_t size) {
  if (size < 1)
    return;
  fuzz_seen seen = {0, 0, 0, (data[0] & 1) ? 64 : 0, 0};
  const char *text = (const char *)data + 1;
  size_t n = size - 1;
  /* The readers take their bytes in chunks: the first `split` bytes come
   * as already-read bytes (input_src.pre), the rest from a stream, so a
   * chunk boundary falls anywhere in a line, a tag or a character. */
  size_t split = n * (size_t)(data[0] >> 1) / 127;
  FILE *f = split < n ? fmemopen((void *)(text + split), n - split, "rb")
                      : NULL;
  input_src src = {f, text, f ? split : n, 0};
  input_sink sink = {&seen, fuzz_on_record, fuzz_on_bad, seen.cap};
  int rc = read("fuzz", &src, &sink);
  if (f)
    fclose(f);
  if (rc != 0 && rc != -1)
    abort();
  if (rc == -1 && !seen.bad) /* a failure is always reported */
    abort();
}

#endif

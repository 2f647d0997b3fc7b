/* fuzz_jsonl.c -- libFuzzer entry point: arbitrary bytes as an input file
 * of `dyad code` / `dyad ingest`, through cli/read.c's read_path().
 *
 * The first byte picks how it is read: bit 0 set, as JSON Lines
 * (--input jsonl, the line reader and jansson); clear, as --input auto, the
 * kind told by the first bytes (a '{': JSON Lines, a '<': HTML or PETRARCH
 * XML, a "YYMMDD ID" line: TABARI, anything else: one plain-text document,
 * binary files refused).  Either way a gzip or zstd stream, told by its
 * magic bytes, is decompressed first (its output capped at 1 MiB) and its
 * content read so.  Bit 1 caps documents at 64 bytes (--max-doc-bytes), so
 * the over-the-cap paths are fuzzed too.  The rest is
 * written to a file in a scratch directory and read.  Every document handed
 * over is checked: a name (file, or file:line for a line or record), its
 * bytes all readable (ASan), a date that is a real YYYY-MM-DD or none, no
 * more text than the cap (plus the 4 KiB a JSON line may add to it).  The
 * reader names bad lines on stderr (closed by `make fuzz`). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../cli/input_html.h"
#include "../cli/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct seen {
  size_t docs, cap;
  unsigned sum;
} seen;

static void on_doc(void *ctx, const doc_item *d) {
  seen *s = ctx;
  if (!d->where || !d->text || (d->in_record && !strchr(d->where, ':')) ||
      (d->date && !read_valid_date(d->date)) || d->len > s->cap + 4096)
    abort();
  for (size_t i = 0; i < d->len; i++)
    s->sum += (unsigned char)d->text[i];
  const char *v[] = {d->id, d->title, d->url, d->source};
  for (size_t k = 0; k < 4; k++)
    if (v[k])
      s->sum += (unsigned)strlen(v[k]);
  s->docs++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char path[512];
  if (!path[0]) {
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/dyad-fuzz-jsonl-%ld.in",
             tmp && *tmp ? tmp : "/tmp", (long)getpid());
    input_html_init();
  }
  if (size < 1)
    return 0;
  FILE *f = fopen(path, "wb");
  if (!f)
    return 0;
  fwrite(data + 1, 1, size - 1, f);
  fclose(f);
  seen s = {0, (data[0] & 2) ? 64 : (size_t)1 << 20, 0};
  /* A gzip or zstd stream (told by its magic bytes) is decompressed; its
   * output capped at 1 MiB, so a bomb stops early. */
  doc_reader r = {.input = (data[0] & 1) ? "jsonl" : "auto",
                  .max_doc = s.cap,
                  .max_unz = 1 << 20,
                  .ctx = &s,
                  .doc = on_doc};
  read_path(&r, path);
  if (r.internal_error)
    abort();
  remove(path);
  return 0;
}

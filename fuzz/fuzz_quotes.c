/* fuzz_quotes.c -- libFuzzer entry point: arbitrary bytes as a document for
 * the quotation finder and the speaker cues (src/text/quotes.c).
 *
 * Runs the text stage, finds the quotes, their speakers and the reported
 * statements, and checks what the finder promises: content inside the
 * document and after its opening mark, closed quotes ending at their
 * closing mark, links (continues, nested_in, speaker_from) pointing at
 * earlier or valid records, paragraphs counted as the tokenizer counts
 * them, and cues of at most DYAD__CUE_MAX tokens.  A broken promise aborts,
 * so libFuzzer reports it like a crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../src/text/quotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The token holding original offset off, or -1. */
static long token_holding(const dyad__token *toks, size_t n, uint32_t off) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (toks[mid].start <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0 || toks[lo - 1].end <= off)
    return -1;
  return (long)lo - 1;
}

static dyad__quote q[256];
static dyad__reported r[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dyad__arena a;
  dyad__text t;
  dyad__token *toks = NULL;
  dyad__sentence *sents = NULL;
  size_t n = 0, ns = 0;
  dyad__arena_init(&a, (size_t)64 << 20);
  if (dyad__text_normalize(&a, (const char *)data, size, &t) < 0 ||
      dyad__tokenize(&a, &t, &toks, &n) < 0 ||
      dyad__split_sentences(&a, &t, toks, n, &sents, &ns) < 0) {
    dyad__arena_free(&a);
    return 0;
  }
  size_t nq = dyad__quotes_find(&t, q, sizeof(q) / sizeof(q[0]));
  dyad__quotes_speakers(toks, n, sents, ns, q, nq);
  size_t nr = dyad__reported_find(toks, n, sents, ns, r, 64);
  for (size_t i = 0; i < nq; i++) {
    const dyad__quote *x = &q[i];
    long to = token_holding(toks, n, x->open);
    if (x->open >= x->start || x->start >= x->end || x->end > size || to < 0 ||
        toks[to].para != x->para)
      abort();
    if (x->closed ? x->close != x->end : x->close != UINT32_MAX)
      abort();
    long te = token_holding(toks, n, x->end - 1);
    if (te >= 0 && toks[te].para != x->para)
      abort();
    if (x->continues >= 0 &&
        ((size_t)x->continues >= i || q[x->continues].closed ||
         (q[x->continues].para != x->para &&
          q[x->continues].para + 1 != x->para)))
      abort();
    if (x->nested_in >= 0 &&
        ((size_t)x->nested_in >= i || !x->single ||
         x->open < q[x->nested_in].start || x->end > q[x->nested_in].end))
      abort();
    if (i > 0 && q[i - 1].open >= x->open)
      abort();
    if (x->cue_first >= 0 &&
        (x->cue_count < 1 || x->cue_count > DYAD__CUE_MAX ||
         (size_t)(x->cue_first + x->cue_count) > n))
      abort();
    if (x->speaker_from >= 0 &&
        ((size_t)x->speaker_from >= nq || q[x->speaker_from].cue_first < 0))
      abort();
  }
  for (size_t i = 0; i < nr; i++)
    if (r[i].start >= r[i].end || r[i].end > size || r[i].sent >= ns ||
        r[i].cue_start >= r[i].cue_end || r[i].cue_end > size)
      abort();
  dyad__arena_free(&a);
  return 0;
}

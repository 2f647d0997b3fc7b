/* text_doc.h -- test helper shared by the text-stage tests: one document
 * run through normalisation, tokenizer and sentence splitter.  Include it
 * after <cmocka.h>. */
#ifndef DYAD_TEST_TEXT_DOC_H
#define DYAD_TEST_TEXT_DOC_H

#include "../../src/text/text.h"

typedef struct doc {
  dyad__arena a;
  dyad__text t;
  dyad__token *toks;
  size_t n;
  dyad__sentence *sents;
  size_t ns;
} doc;

/* Normalises, tokenizes and splits len bytes of s; asserts success. */
static void run(doc *d, const char *s, size_t len) {
  dyad__arena_init(&d->a, 0);
  assert_int_equal(dyad__text_normalize(&d->a, s, len, &d->t), 0);
  assert_int_equal(dyad__tokenize(&d->a, &d->t, &d->toks, &d->n), 0);
  assert_int_equal(
      dyad__split_sentences(&d->a, &d->t, d->toks, d->n, &d->sents, &d->ns), 0);
}

static void done(doc *d) { dyad__arena_free(&d->a); }

#endif

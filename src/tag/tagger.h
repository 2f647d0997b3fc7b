/* tagger.h -- the averaged-perceptron part-of-speech tagger.
 *
 * The model is trained by tools/train_tagger on the Brown corpus (see
 * data/README.md and `make model`), committed as data/tagger.model and
 * embedded in the library at build time.  A loaded tagger is immutable and
 * may be shared by any number of threads.
 */
#ifndef DYAD_TAGGER_H
#define DYAD_TAGGER_H

#include <stddef.h>

#include "../text/text.h"
#include "tagset.h"

typedef struct dyad__tagger dyad__tagger;

/* Loads a model from len bytes (borrowed: they must outlive the tagger; the
 * embedded model is static).  Returns 0, -1 on allocation failure, -2 when the
 * bytes are not a model. */
int dyad__tagger_new(dyad__tagger **out, const unsigned char *model,
                     size_t len);

/* Loads the embedded model (dyad__tagger_model) as dyad__tagger_new does,
 * without its checksum: the build embeds it and the unit tests check it.
 * Returns 0, -1 on allocation failure, -2 when the bytes are not a model. */
int dyad__tagger_new_embedded(dyad__tagger **out);

/* Frees a tagger; NULL is a no-op. */
void dyad__tagger_free(dyad__tagger *t);

/* Tags the n tokens of one sentence, setting toks[i].tag.  Reads s/len,
 * lower and flags of each token.  Never allocates. */
void dyad__tagger_tag(const dyad__tagger *t, dyad__token *toks, size_t n);

/* The embedded model (build/gen/tagger_model.c, made from data/tagger.model). */
extern const unsigned char dyad__tagger_model[];
extern const size_t dyad__tagger_model_len;

#endif

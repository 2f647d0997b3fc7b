/* lemma.h -- lemmas from WordNet's exception lists plus suffix rules.
 *
 * The exception lists (Debian wordnet-base: noun.exc, verb.exc, adj.exc,
 * adv.exc) are compiled by tools/gen_lemma into src/tag/lemma_exc.inc, a
 * sorted table searched by binary search; regular forms go through suffix
 * rules (condemned -> condemn, talks -> talk, studies -> study).
 */
#ifndef DYAD_LEMMA_H
#define DYAD_LEMMA_H

#include <stddef.h>

/* Writes the lemma of the lower-case word w (len bytes) with POS tag `tag`
 * (a dyad__tag; nouns and verbs are lemmatised, other tags keep the word) into
 * buf (cap bytes, NUL-terminated) and returns its length.  If the lemma does
 * not fit, the word itself is written, truncated to cap-1 bytes. */
size_t dyad__lemma(const char *w, size_t len, int tag, char *buf, size_t cap);

/* The lemma for a dictionary word whose part of speech is not known: tries the
 * verb reading, then the noun reading (talks -> talk, held -> hold). */
size_t dyad__lemma_any(const char *w, size_t len, char *buf, size_t cap);

#endif

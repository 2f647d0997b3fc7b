/* out.h -- helpers shared by the writers (jsonl.c, formats.c). */
#ifndef DYAD_OUT_H
#define DYAD_OUT_H

#include <stddef.h>

#include "dyad.h"
#include "../util/buf.h"

/* Hands a finished buffer to the caller (*out, *out_len; freed with
 * dyad_free), or frees it and returns DYAD_ERR_NOMEM when an append
 * failed. */
dyad_status dyad__out_finish(dyad__buf *b, char **out, size_t *out_len);

/* The end of [first, first + count) clamped to the document's events. */
size_t dyad__out_range_end(const dyad_doc *d, size_t first, size_t count);

#endif

/* trace_text.h -- the explanation (dyad_doc_trace) rendered as text for a
 * person (trace_text.c); shared by `dyad explain` and `dyad serve`. */
#ifndef DYAD_TRACE_TEXT_H
#define DYAD_TRACE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Writes the text rendering of trace (len bytes of JSON Lines, one object
 * per sentence) to f.  Returns 0, or -1 when a line is not JSON, with the
 * reason in err[err_cap] (when err is not NULL). */
int dyad_trace_render(FILE *f, const char *trace, size_t len, char *err,
                      size_t err_cap);

#endif

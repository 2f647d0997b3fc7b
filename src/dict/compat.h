/* compat.h -- readers of the peers' dictionary formats (TABARI .actors,
 * .agents, .verbs, .options, .project; PETRARCH-2 Phoenix actors, agents,
 * discards and CAMEO.2.0 verbs) into dyad's dictionary.
 *
 * dict.c asks dyad__compat_format() about every file before its own
 * formats; a file in a peer's format is then read whole by
 * dyad__compat_load(), which builds entries through the functions of
 * dict.h and reports every line it cannot use (file and line), once. */
#ifndef DYAD_COMPAT_H
#define DYAD_COMPAT_H

#include <stddef.h>

#include "dict.h"

typedef enum dyad__compat {
  DYAD__COMPAT_NONE = 0,
  DYAD__COMPAT_TABARI_ACTORS,
  DYAD__COMPAT_TABARI_AGENTS,
  DYAD__COMPAT_TABARI_VERBS,
  DYAD__COMPAT_TABARI_OPTIONS,
  DYAD__COMPAT_TABARI_PROJECT,
  DYAD__COMPAT_PETRARCH_ACTORS,
  DYAD__COMPAT_PETRARCH_AGENTS,
  DYAD__COMPAT_PETRARCH_VERBS,
  DYAD__COMPAT_PETRARCH_DISCARDS
} dyad__compat;

/* Which peer format a file is in, from its name and first lines, or
 * DYAD__COMPAT_NONE for dyad's own formats. */
dyad__compat dyad__compat_format(const char *path, const char *data,
                                 size_t len);

/* Reads a whole file of format fmt; `file` names it in issues.  Returns 0,
 * or -1 on OOM (unusable lines are issues, not errors). */
int dyad__compat_load(dyad_dict *d, dyad__compat fmt, const char *file,
                      const char *data, size_t len);

#endif

/* compat.c -- readers of the peers' dictionary formats (see compat.h).
 *
 * Not written yet: every file in a peer's format is reported as one issue
 * and skipped, so dyad's own dictionaries still load. */
#include "compat.h"

#include <string.h>

/* Does the path end in suffix? */
static int ends_with(const char *path, const char *suffix) {
  size_t n = strlen(path), k = strlen(suffix);
  return n >= k && strcmp(path + n - k, suffix) == 0;
}

dyad__compat dyad__compat_format(const char *path, const char *data,
                                 size_t len) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  (void)data;
  (void)len;
  if (ends_with(base, ".actors"))
    return DYAD__COMPAT_TABARI_ACTORS;
  if (ends_with(base, ".agents"))
    return DYAD__COMPAT_TABARI_AGENTS;
  if (ends_with(base, ".verbs"))
    return DYAD__COMPAT_TABARI_VERBS;
  if (ends_with(base, ".options"))
    return DYAD__COMPAT_TABARI_OPTIONS;
  if (ends_with(base, ".project"))
    return DYAD__COMPAT_TABARI_PROJECT;
  if (strncmp(base, "Phoenix.", 8) == 0 || strncmp(base, "PETR.", 5) == 0 ||
      strcmp(base, "CAMEO.2.0.txt") == 0) {
    if (strstr(base, "agents"))
      return DYAD__COMPAT_PETRARCH_AGENTS;
    if (strstr(base, "discard"))
      return DYAD__COMPAT_PETRARCH_DISCARDS;
    if (strstr(base, "actors"))
      return DYAD__COMPAT_PETRARCH_ACTORS;
    return DYAD__COMPAT_PETRARCH_VERBS;
  }
  return DYAD__COMPAT_NONE;
}

int dyad__compat_load(dyad_dict *d, dyad__compat fmt, const char *file,
                      const char *data, size_t len) {
  (void)fmt;
  (void)data;
  (void)len;
  return dyad__dict_issue(d, file, 1,
                          "this peer dictionary format is not read yet");
}

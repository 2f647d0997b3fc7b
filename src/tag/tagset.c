/* tagset.c -- names of dyad's part-of-speech tags (the Penn Treebank set). */
#include "tagset.h"

#include <string.h>

static const char *const tag_names[DYAD__T_COUNT] = {
#define X(id, name) name,
    DYAD__TAGS(X)
#undef X
};

const char *dyad__tag_name(int tag) {
  if (tag < 0 || tag >= DYAD__T_COUNT)
    return "?";
  return tag_names[tag];
}

/* Linear search: 46 names, used only when reading dictionaries and tests. */
int dyad__tag_from_name(const char *name) {
  if (!name)
    return -1;
  for (int i = 0; i < DYAD__T_COUNT; i++)
    if (strcmp(tag_names[i], name) == 0)
      return i;
  return -1;
}

/* assets.h -- the page's files embedded at build time (assets.c,
 * build/gen/web_assets.c from web/dist).  Internal to src/serve. */
#ifndef DYAD_SERVE_ASSETS_H
#define DYAD_SERVE_ASSETS_H

#include <stddef.h>

typedef struct serve_asset {
  const char *name; /* path under web/dist: "index.html", "assets/x.js" */
  const unsigned char *data;
  size_t len;
  const char *content_type;
  char etag[40]; /* "\"<hash>\"" */
} serve_asset;

/* The embedded file at name (no leading '/'), or NULL.  Names with ".."
 * never match. */
const serve_asset *serve_asset_find(const char *name);

/* How many files are embedded (0 when web/dist was absent at build). */
size_t serve_asset_count(void);

/* The Content-Type of a file name, by its extension. */
const char *serve_content_type(const char *name);

#endif

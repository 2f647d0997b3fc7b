/* assets.c -- the page's files (web/dist, built and committed by the page's
 * engineer) as tools/embed wrote them into build/gen/web_assets.c: looked
 * up by name, each with its Content-Type by extension and an ETag (a hash
 * of its bytes) for revalidation.  When web/dist was absent at build time
 * the table is empty and the server answers / with a short note. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "assets.h"

/* The table tools/embed -d writes. */
typedef struct dyad__embedded_file {
  const char *path;
  const unsigned char *data;
  size_t len;
} dyad__embedded_file;
extern const dyad__embedded_file dyad__web_assets[];
extern const size_t dyad__web_assets_count;

#define WEB_PREFIX "web/dist/"

static serve_asset *table;
static size_t n_table;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const struct {
  const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
    {".wasm", "application/wasm"},
    {NULL, NULL}};

const char *serve_content_type(const char *name) {
  size_t n = strlen(name);
  for (int i = 0; types[i].ext; i++) {
    size_t e = strlen(types[i].ext);
    if (n >= e && !strcmp(name + n - e, types[i].ext))
      return types[i].type;
  }
  return "application/octet-stream";
}

/* Builds the table once: names without the web/dist/ prefix. */
static void build(void) {
  table = calloc(dyad__web_assets_count ? dyad__web_assets_count : 1,
                 sizeof *table);
  if (!table)
    return;
  for (size_t i = 0; i < dyad__web_assets_count; i++) {
    const dyad__embedded_file *f = &dyad__web_assets[i];
    const char *name = f->path;
    if (!strncmp(name, WEB_PREFIX, strlen(WEB_PREFIX)))
      name += strlen(WEB_PREFIX);
    serve_asset *a = &table[n_table++];
    a->name = name;
    a->data = f->data;
    a->len = f->len;
    a->content_type = serve_content_type(name);
    snprintf(a->etag, sizeof a->etag, "\"%016llx\"",
             (unsigned long long)XXH3_64bits(f->data, f->len));
  }
}

const serve_asset *serve_asset_find(const char *name) {
  pthread_once(&once, build);
  if (strstr(name, ".."))
    return NULL;
  for (size_t i = 0; i < n_table; i++)
    if (!strcmp(table[i].name, name))
      return &table[i];
  return NULL;
}

size_t serve_asset_count(void) {
  pthread_once(&once, build);
  return n_table;
}

/* dedup.c -- `dyad code --dedup day`: one event per happening across the
 * documents of a run.
 *
 * The library already makes one event of a happening stated in several
 * sentences of one document.  Across documents, "the same event" is the
 * same source code, target code, CAMEO code and date (and the same
 * negated/hypothetical flags), as GDELT counts NumArticles.  Each event's
 * JSON line is held, keyed so; a later document with the same key raises
 * the held event's num_articles and is listed in its "also_in".  Lines are
 * written at the end of input, in the order their events were first seen.
 * Memory grows with the distinct events of the run, so it is capped
 * (MAX_HELD); larger runs belong in a database (`dyad ingest`).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "dyad.h"
#include "cli.h"

#define MAX_HELD ((size_t)4 << 20)
#define MAX_ALSO 64 /* documents listed in also_in (all are counted) */

typedef struct held {
  char *line;   /* the event's JSON line, without its newline */
  size_t len;
  char *key;
  uint64_t hash;
  size_t articles;
  char *also;   /* ",\"id\"" items, or NULL */
  size_t also_len, also_n;
} held;

struct dyad_cli_dedup {
  held *v;
  size_t n, cap;
  size_t *slot; /* index + 1; 0 empty */
  size_t tcap;  /* a power of two */
};

dyad_cli_dedup *dyad_cli_dedup_new(void) {
  return calloc(1, sizeof(dyad_cli_dedup));
}

void dyad_cli_dedup_free(dyad_cli_dedup *x) {
  if (!x)
    return;
  for (size_t i = 0; i < x->n; i++) {
    free(x->v[i].line);
    free(x->v[i].key);
    free(x->v[i].also);
  }
  free(x->v);
  free(x->slot);
  free(x);
}

static int grow_table(dyad_cli_dedup *x) {
  size_t nc = x->tcap ? x->tcap * 2 : 1024;
  size_t *ns = calloc(nc, sizeof *ns);
  if (!ns)
    return -1;
  for (size_t i = 0; i < x->n; i++) {
    size_t j = (size_t)x->v[i].hash & (nc - 1);
    while (ns[j])
      j = (j + 1) & (nc - 1);
    ns[j] = i + 1;
  }
  free(x->slot);
  x->slot = ns;
  x->tcap = nc;
  return 0;
}

/* Appends s (JSON-escaped) to the also_in list of h. */
static int add_also(held *h, dyad_str id) {
  if (h->also_n >= MAX_ALSO)
    return 0;
  size_t need = h->also_len + id.len * 6 + 4;
  char *p = realloc(h->also, need + 1);
  if (!p)
    return -1;
  h->also = p;
  size_t k = h->also_len;
  p[k++] = ',';
  p[k++] = '"';
  for (size_t i = 0; i < id.len; i++) {
    unsigned char c = (unsigned char)id.ptr[i];
    if (c == '"' || c == '\\') {
      p[k++] = '\\';
      p[k++] = (char)c;
    } else if (c < 0x20) {
      static const char hex[] = "0123456789abcdef";
      memcpy(p + k, "\\u00", 4);
      k += 4;
      p[k++] = hex[c >> 4];
      p[k++] = hex[c & 15];
    } else {
      p[k++] = (char)c;
    }
  }
  p[k++] = '"';
  p[k] = '\0';
  h->also_len = k;
  h->also_n++;
  return 0;
}

int dyad_cli_dedup_add(dyad_cli_dedup *x, const dyad_doc *doc) {
  size_t n = dyad_doc_event_count(doc);
  for (size_t i = 0; i < n; i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    char kb[256];
    int kl = snprintf(kb, sizeof kb, "%s|%.*s|%.*s|%.*s|%d%d", e->code,
                      (int)(e->source.code.len > 60 ? 60 : e->source.code.len),
                      e->source.code.ptr,
                      (int)(e->target.code.len > 60 ? 60 : e->target.code.len),
                      e->target.code.ptr, (int)e->date.len, e->date.ptr,
                      e->negated, e->hypothetical);
    if (kl < 0 || (size_t)kl >= sizeof kb)
      kl = (int)sizeof kb - 1;
    uint64_t h = XXH3_64bits(kb, (size_t)kl);
    if (x->n * 2 >= x->tcap && grow_table(x))
      return -1;
    size_t j = (size_t)h & (x->tcap - 1);
    while (x->slot[j]) {
      held *o = &x->v[x->slot[j] - 1];
      if (o->hash == h && strlen(o->key) == (size_t)kl &&
          memcmp(o->key, kb, (size_t)kl) == 0)
        break;
      j = (j + 1) & (x->tcap - 1);
    }
    if (x->slot[j]) {
      held *o = &x->v[x->slot[j] - 1];
      o->articles++;
      if (add_also(o, dyad_doc_id(doc)))
        return -1;
      continue;
    }
    if (x->n == MAX_HELD)
      return -1;
    if (x->n == x->cap) {
      size_t nc = x->cap ? x->cap * 2 : 256;
      held *nv = realloc(x->v, nc * sizeof *nv);
      if (!nv)
        return -1;
      x->v = nv;
      x->cap = nc;
    }
    char *out = NULL;
    size_t len = 0;
    if (dyad_doc_events_to_jsonl(doc, i, 1, &out, &len) != DYAD_OK)
      return -1;
    held *nh = &x->v[x->n];
    memset(nh, 0, sizeof *nh);
    nh->line = malloc(len + 1);
    nh->key = malloc((size_t)kl + 1);
    if (!nh->line || !nh->key) {
      free(nh->line);
      free(nh->key);
      dyad_free(out);
      return -1;
    }
    while (len && out[len - 1] == '\n')
      len--;
    memcpy(nh->line, out, len);
    nh->line[len] = '\0';
    nh->len = len;
    dyad_free(out);
    memcpy(nh->key, kb, (size_t)kl);
    nh->key[kl] = '\0';
    nh->hash = h;
    nh->articles = 1;
    x->slot[j] = ++x->n;
  }
  return 0;
}

int dyad_cli_dedup_write(dyad_cli_dedup *x, FILE *f) {
  static const char field[] = "\"num_articles\":1,";
  for (size_t i = 0; i < x->n; i++) {
    const held *h = &x->v[i];
    const char *p = strstr(h->line, field);
    if (!p || h->articles == 1) {
      fwrite(h->line, 1, h->len, f);
      fputc('\n', f);
      continue;
    }
    /* num_articles, then also_in before the closing brace. */
    fwrite(h->line, 1, (size_t)(p - h->line), f);
    fprintf(f, "\"num_articles\":%zu,", h->articles);
    const char *rest = p + sizeof field - 1;
    size_t rlen = h->len - (size_t)(rest - h->line);
    if (rlen && rest[rlen - 1] == '}')
      rlen--;
    fwrite(rest, 1, rlen, f);
    fprintf(f, ",\"also_in\":[%s]}\n", h->also ? h->also + 1 : "");
  }
  return ferror(f) ? -1 : 0;
}

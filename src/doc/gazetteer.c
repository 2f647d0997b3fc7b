/* gazetteer.c -- reads data/places/places.txt and matches place names.
 *
 *     Name | CODE | kind | LAT, LON | alt: Alt1; Alt2 | in: Region
 *
 * Every name and alternative name becomes a key of lower-cased words
 * ("gaza strip "), with each proper prefix ("gaza ") registered so the
 * matcher knows to read on, as the dictionary does for actor phrases.  A
 * name on several lines keeps the file's order: the first line is the
 * default reading.  Lines that cannot be read are skipped and counted; the
 * checker tools/check_places.py (make check-places) names them.
 */
#include "gazetteer.h"

#include <stdlib.h>
#include <string.h>

#include "../util/mem.h"

/* The embedded file (build/gen/places_data.c). */
extern const unsigned char dyad__places_data[];
extern const size_t dyad__places_data_len;

#define MAX_NAME_WORDS 12
#define MAX_NAMES ((size_t)1 << 20)
#define KEY_PREFIX (-2)

static void trim(const char **s, size_t *n) {
  while (*n && (**s == ' ' || **s == '\t'))
    (*s)++, (*n)--;
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                (*s)[*n - 1] == '\r'))
    (*n)--;
}

static int kind_of(const char *s, size_t n) {
  static const char *const kinds[] = {"country", "capital", "city",
                                      "admin",   "region",  "feature"};
  for (int i = 0; i < 6; i++)
    if (strlen(kinds[i]) == n && memcmp(kinds[i], s, n) == 0)
      return i + 1;
  return 0;
}

/* Adds one name of place p.  Returns 0, 1 when unusable, -1 on OOM. */
static int add_name(dyad__gazetteer *g, const char *s, size_t n, int32_t p) {
  trim(&s, &n);
  if (!n)
    return 1;
  dyad__arena tmp;
  dyad__arena_init(&tmp, (size_t)1 << 20);
  dyad__token *toks = NULL;
  size_t nt = 0;
  int rc = -1;
  if (dyad__tokenize_string(&tmp, s, n, &toks, &nt) != 0)
    goto done;
  if (nt == 0 || nt > MAX_NAME_WORDS) {
    rc = 1;
    goto done;
  }
  size_t klen = 0;
  for (size_t i = 0; i < nt; i++)
    klen += toks[i].len + 1;
  char *key = dyad__arena_alloc(&g->arena, klen + 1);
  if (!key)
    goto done;
  size_t k = 0;
  uint16_t capmask = 0;
  for (size_t i = 0; i < nt; i++) {
    memcpy(key + k, toks[i].lower, toks[i].len);
    k += toks[i].len;
    key[k++] = ' ';
    if (toks[i].flags & DYAD__TF_CAP)
      capmask |= (uint16_t)(1u << i);
    if (i + 1 < nt) {
      int ins;
      if (!dyad__strmap_put(&g->keys, key, k, KEY_PREFIX, &ins))
        goto done;
    }
  }
  key[k] = '\0';
  if (g->n_names == g->cap_names) {
    size_t nc = g->cap_names ? g->cap_names * 2 : 1024;
    if (nc > MAX_NAMES)
      goto done;
    void *nn = dyad__arena_grow(&g->arena, g->names, g->n_names, nc,
                                sizeof *g->names);
    if (!nn)
      goto done;
    g->names = nn;
    g->cap_names = nc;
  }
  int32_t idx = (int32_t)g->n_names++;
  g->names[idx].place = p;
  g->names[idx].next = -1;
  g->names[idx].capmask = capmask;
  g->names[idx].words = (uint8_t)nt;
  int ins;
  dyad__strmap_slot *sl = dyad__strmap_put(&g->keys, key, k, idx, &ins);
  if (!sl)
    goto done;
  if (!ins) {
    if (sl->value == KEY_PREFIX) {
      sl->value = idx;
    } else {
      /* Same name again: append, keeping the file's order. */
      int32_t j = sl->value;
      while (g->names[j].next >= 0)
        j = g->names[j].next;
      if (g->names[j].place != p)
        g->names[j].next = idx;
      else
        g->n_names--; /* the same place named twice on its line */
    }
  }
  rc = 0;
done:
  dyad__arena_free(&tmp);
  return rc;
}

/* Reads "LAT, LON". */
static int coords(const char *s, size_t n, float *lat, float *lon) {
  char buf[64];
  if (n >= sizeof buf)
    return -1;
  memcpy(buf, s, n);
  buf[n] = '\0';
  char *end;
  double a = strtod(buf, &end);
  if (end == buf || *end != ',')
    return -1;
  char *q = end + 1;
  double b = strtod(q, &end);
  if (end == q)
    return -1;
  while (*end == ' ')
    end++;
  if (*end || a < -90 || a > 90 || b < -180 || b > 180)
    return -1;
  *lat = (float)a;
  *lon = (float)b;
  return 0;
}

/* One line.  Returns 0, 1 when unusable, -1 on OOM. */
static int read_line(dyad__gazetteer *g, const char *s, size_t n,
                     uint32_t line) {
  int ambiguous = 0;
  const char *hash = memchr(s, '#', n);
  if (hash) {
    size_t cn = n - (size_t)(hash - s);
    const char *amb = "ambiguous";
    for (size_t i = 0; i + 9 <= cn; i++)
      if (memcmp(hash + i, amb, 9) == 0)
        ambiguous = 1;
    n = (size_t)(hash - s);
  }
  trim(&s, &n);
  if (!n)
    return 2; /* blank or comment */
  const char *f[8];
  size_t fl[8];
  size_t nf = 0;
  const char *p = s, *end = s + n;
  while (nf < 8) {
    const char *bar = memchr(p, '|', (size_t)(end - p));
    const char *fe = bar ? bar : end;
    f[nf] = p;
    fl[nf] = (size_t)(fe - p);
    trim(&f[nf], &fl[nf]);
    nf++;
    if (!bar)
      break;
    p = bar + 1;
  }
  if (nf < 4 || fl[0] == 0 || fl[1] != 3)
    return 1;
  int kind = kind_of(f[2], fl[2]);
  float lat, lon;
  if (!kind || coords(f[3], fl[3], &lat, &lon))
    return 1;
  for (int i = 0; i < 3; i++)
    if (f[1][i] < 'A' || f[1][i] > 'Z')
      return 1;
  if (g->n_places % 256 == 0) {
    void *np = dyad__arena_grow(&g->arena, g->places, g->n_places,
                                g->n_places + 256, sizeof *g->places);
    if (!np)
      return -1;
    g->places = np;
  }
  int32_t pi = (int32_t)g->n_places;
  dyad__place *pl = &g->places[g->n_places++];
  memset(pl, 0, sizeof *pl);
  pl->name = dyad__arena_strndup(&g->arena, f[0], fl[0]);
  if (!pl->name)
    return -1;
  memcpy(pl->code, f[1], 3);
  pl->kind = (uint8_t)kind;
  pl->ambiguous = (uint8_t)ambiguous;
  pl->line = (uint16_t)(line > 65535 ? 65535 : line);
  pl->lat = lat;
  pl->lon = lon;
  int rc = add_name(g, f[0], fl[0], pi);
  if (rc < 0)
    return -1;
  for (size_t i = 4; i < nf; i++) {
    if (fl[i] < 4 || memcmp(f[i], "alt:", 4) != 0)
      continue; /* in: and unknown fields are not names */
    const char *a = f[i] + 4, *ae = f[i] + fl[i];
    while (a < ae) {
      const char *semi = memchr(a, ';', (size_t)(ae - a));
      const char *e = semi ? semi : ae;
      if (add_name(g, a, (size_t)(e - a), pi) < 0)
        return -1;
      a = semi ? semi + 1 : ae;
    }
  }
  return 0;
}

int dyad__gazetteer_load_text(dyad__gazetteer *g, const char *text,
                              size_t len) {
  memset(g, 0, sizeof *g);
  dyad__arena_init(&g->arena, (size_t)1 << 28);
  dyad__strmap_init(&g->keys);
  const char *p = text, *end = text + len;
  uint32_t line = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    line++;
    int rc = read_line(g, p, (size_t)(le - p), line);
    if (rc < 0)
      return -1;
    if (rc == 1 && g->n_bad++ == 0)
      g->first_bad = line;
    p = nl ? nl + 1 : end;
  }
  return 0;
}

int dyad__gazetteer_load(dyad__gazetteer *g) {
  return dyad__gazetteer_load_text(g, (const char *)dyad__places_data,
                                   dyad__places_data_len);
}

void dyad__gazetteer_free(dyad__gazetteer *g) {
  if (!g)
    return;
  dyad__strmap_free(&g->keys);
  dyad__arena_free(&g->arena);
  memset(g, 0, sizeof *g);
}

size_t dyad__gazetteer_match(const dyad__gazetteer *g, const dyad__token *toks,
                             size_t n, size_t i, int32_t *name) {
  char key[512];
  size_t k = 0, best = 0;
  *name = -1;
  for (size_t j = i; j < n && j - i < MAX_NAME_WORDS; j++) {
    if (k + toks[j].len + 1 >= sizeof key)
      break;
    memcpy(key + k, toks[j].lower, toks[j].len);
    k += toks[j].len;
    key[k++] = ' ';
    const dyad__strmap_slot *sl = dyad__strmap_get(&g->keys, key, k);
    if (!sl)
      break;
    if (sl->value == KEY_PREFIX)
      continue;
    /* Capitals of the name must be capitals of the text. */
    const struct dyad__gname *gn = &g->names[sl->value];
    int ok = 1;
    for (size_t w = 0; w < gn->words; w++)
      if ((gn->capmask & (1u << w)) && !(toks[i + w].flags & DYAD__TF_CAP))
        ok = 0;
    if (ok) {
      best = j - i + 1;
      *name = sl->value;
    }
  }
  return best;
}

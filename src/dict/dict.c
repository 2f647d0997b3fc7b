/* dict.c -- loads dyad's dictionary formats (data/README.md) into the
 * immutable in-memory dictionary of dict.h.
 *
 * Every file is read line by line.  A line that cannot be used is recorded
 * as an issue (file, line, message) and skipped; the rest still loads.  The
 * built-in dictionaries are the files of data/, embedded in the library by
 * tools/embed at build time.
 */
#include "dict.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "../tag/lemma.h"
#include "../tag/tagset.h"
#include "../text/text.h"
#include "../util/mem.h"

/* The embedded data/ files (build/gen/dict_data.c). */
typedef struct dyad__embedded_file {
  const char *path;
  const unsigned char *data;
  size_t len;
} dyad__embedded_file;
extern const dyad__embedded_file dyad__dict_data[];
extern const size_t dyad__dict_data_count;

#define MAX_LINE_WORDS 32
#define MAX_DICT_FILE ((size_t)256 << 20)

typedef enum file_kind {
  F_UNKNOWN,
  F_COUNTRIES,
  F_ACTORS,
  F_ROLES,
  F_PEOPLE,
  F_VERBS,
  F_REPORTING
} file_kind;

/* ===== Small helpers ===== */

/* Grows a heap array of elem-sized items so that it can hold need items. */
static int reserve(void **arr, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap)
    return 0;
  size_t ncap = *cap ? *cap * 2 : 64;
  while (ncap < need)
    ncap *= 2;
  void *p = dyad__realloc(*arr, ncap * elem);
  if (!p)
    return -1;
  *arr = p;
  *cap = ncap;
  return 0;
}

/* Trims spaces and tabs at both ends of [*s, *s + *n). */
static void trim(const char **s, size_t *n) {
  while (*n && (**s == ' ' || **s == '\t' || **s == '\r')) {
    (*s)++;
    (*n)--;
  }
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                (*s)[*n - 1] == '\r'))
    (*n)--;
}

typedef struct field {
  const char *s;
  size_t n;
} field;

/* Splits a line at sep into at most max trimmed fields; returns the count
 * (which may exceed max: extra fields are not stored). */
static size_t split(const char *s, size_t n, char sep, field *out,
                    size_t max) {
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || s[i] == sep) {
      if (count < max) {
        out[count].s = s + start;
        out[count].n = i - start;
        trim(&out[count].s, &out[count].n);
      }
      count++;
      start = i + 1;
    }
  }
  return count;
}

int dyad__dict_issue(dyad_dict *d, const char *file, size_t line,
                     const char *msg) {
  if (reserve((void **)&d->issues, &d->cap_issues, d->n_issues + 1,
              sizeof *d->issues))
    return -1;
  dyad_dict_issue *is = &d->issues[d->n_issues++];
  is->file = file;
  is->line = line;
  is->message = dyad__arena_strndup(&d->arena, msg, strlen(msg));
  return is->message ? 0 : -1;
}

static int is_upper_code(const char *s, size_t n, size_t min, size_t max) {
  if (n < min || n > max)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!(s[i] >= 'A' && s[i] <= 'Z'))
      return 0;
  return 1;
}

/* Parses YYYY-MM-DD into yyyymmdd; returns -1 when malformed. */
static int32_t parse_date(const char *s, size_t n) {
  if (n != 10 || s[4] != '-' || s[7] != '-')
    return -1;
  int32_t v = 0;
  for (size_t i = 0; i < 10; i++) {
    if (i == 4 || i == 7)
      continue;
    if (!isdigit((unsigned char)s[i]))
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  int m = (v / 100) % 100, day = v % 100;
  if (m < 1 || m > 12 || day < 1 || day > 31)
    return -1;
  return v;
}

/* ===== Phrases ===== */

/* Adds one phrase with an entry of the given kind and value.  The phrase is
 * tokenized exactly as text is, so "U.S." and "Russia's" split the same way.
 * Returns 0, 1 when the phrase is unusable (empty or too long), -1 on OOM. */
int dyad__dict_add_phrase(dyad_dict *d, const char *s, size_t n,
                          dyad__kind kind, int32_t value) {
  return dyad__dict_add_phrase_ex(d, s, n, kind, value, 0);
}

int dyad__dict_add_phrase_ex(dyad_dict *d, const char *s, size_t n,
                             dyad__kind kind, int32_t value, int stem) {
  int endings = stem == DYAD__STEM_ENDINGS;
  if (endings)
    stem = 0;
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
  if (nt == 0 || nt > MAX_LINE_WORDS) {
    rc = 1;
    goto done;
  }
  /* Build the key "w1 w2 w3" and register every proper prefix "w1 w2 ".
   * A '|' (TABARI's blank between an actor's words, which any words may
   * separate in the text) joins its neighbours with '|' instead of ' '
   * ("prince|dol amroth"); such a phrase is counted in n_gapped. */
  size_t klen = 0, words = nt;
  for (size_t i = 0; i < nt; i++)
    klen += toks[i].len + 1;
  char *key = dyad__arena_alloc(&d->arena, klen + 1);
  if (!key)
    goto done;
  size_t k = 0;
  int gapped = 0;
  uint32_t capmask = 0, upmask = 0;
  for (size_t i = 0; i < nt; i++) {
    if (d->any_code && toks[i].len == 1 && toks[i].lower[0] == '|' && k &&
        i + 1 < nt) {
      key[k - 1] = '|';
      gapped = 1;
      words--;
      int ins;
      if (!dyad__strmap_put(&d->phrases, key, k, DYAD__PHRASE_PREFIX, &ins))
        goto done;
      continue;
    }
    memcpy(key + k, toks[i].lower, toks[i].len);
    k += toks[i].len;
    key[k++] = ' ';
    if (i + 1 < nt) {
      /* A proper prefix "w1 w2 " tells the matcher to read on.  A key that
       * is already a phrase keeps its entries. */
      int ins;
      if (!dyad__strmap_put(&d->phrases, key, k, DYAD__PHRASE_PREFIX, &ins))
        goto done;
    }
    if ((toks[i].flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP)) && i < 32)
      capmask |= 1u << i;
    if ((toks[i].flags & DYAD__TF_ALLCAP) && i < 32)
      upmask |= 1u << i;
  }
  k--; /* drop the final space */
  key[k] = '\0';
  if (reserve((void **)&d->entries, &d->cap_entries, d->n_entries + 1,
              sizeof *d->entries))
    goto done;
  int ins;
  /* A stem phrase lives in its own map, looked up by the prefixes of the
   * text's word; its earlier words are prefixes in the phrase map. */
  dyad__strmap_slot *sl =
      dyad__strmap_put(stem ? &d->stems : &d->phrases, key, k, -1, &ins);
  if (!sl)
    goto done;
  if (stem && ins)
    d->n_stems++;
  /* Refuse an exact duplicate (same kind and value). */
  for (int32_t e = sl->value; e >= 0; e = d->entries[e].next)
    if (d->entries[e].kind == kind && d->entries[e].value == value) {
      d->entries[e].endings |= (uint8_t)endings;
      rc = 0;
      goto done;
    }
  dyad__entry *en = &d->entries[d->n_entries];
  en->kind = (uint8_t)kind;
  en->nwords = (uint8_t)words;
  en->stem = (uint8_t)(stem != 0);
  en->endings = (uint8_t)endings;
  en->file = d->cur_file;
  en->line = d->cur_line;
  en->capmask = capmask;
  en->upmask = upmask;
  en->value = value;
  en->next = sl->value >= 0 ? sl->value : -1;
  sl->value = (int32_t)d->n_entries++;
  if (words > d->max_words)
    d->max_words = (uint32_t)words;
  d->n_gapped += (size_t)gapped;
  rc = 0;
done:
  dyad__arena_free(&tmp);
  return rc;
}

/* Adds every ';'-separated phrase of a list. */
static int add_phrase_list(dyad_dict *d, const char *s, size_t n,
                           dyad__kind kind, int32_t value, const char *file,
                           size_t line) {
  field items[256];
  size_t c = split(s, n, ';', items, 256);
  if (c > 256) {
    if (dyad__dict_issue(d, file, line, "more than 256 phrases in one field"))
      return -1;
    c = 256;
  }
  for (size_t i = 0; i < c; i++) {
    if (!items[i].n)
      continue;
    int rc = dyad__dict_add_phrase(d, items[i].s, items[i].n, kind, value);
    if (rc < 0)
      return -1;
    if (rc > 0 && dyad__dict_issue(d, file, line, "phrase is empty or too long"))
      return -1;
  }
  return 0;
}

/* ===== Codes ===== */

/* Finds code in index m or adds it with the value `next` (the index the
 * caller's array will give it).  *ins tells whether it was added; *key is
 * the dictionary's copy of the code.  Returns the value, or -1 on OOM. */
static int32_t intern(dyad_dict *d, dyad__strmap *m, const char *code,
                      size_t n, size_t next, int *ins, const char **key) {
  char *k = dyad__arena_strndup(&d->arena, code, n);
  if (!k)
    return -1;
  dyad__strmap_slot *sl = dyad__strmap_put(m, k, n, (int32_t)next, ins);
  if (!sl)
    return -1;
  *key = sl->key;
  return sl->value;
}

static int32_t country_of(dyad_dict *d, const char *code, size_t n,
                          const char *name, size_t name_n) {
  int ins;
  const char *key;
  int32_t v = intern(d, &d->country_index, code, n, d->n_countries, &ins,
                     &key);
  if (v < 0 || !ins)
    return v;
  if (reserve((void **)&d->countries, &d->cap_countries, d->n_countries + 1,
              sizeof *d->countries))
    return -1;
  dyad__country *c = &d->countries[d->n_countries++];
  memcpy(c->code, code, 3);
  c->code[3] = '\0';
  c->name = name ? dyad__arena_strndup(&d->arena, name, name_n) : "";
  return c->name ? v : -1;
}

int32_t dyad__dict_actor_code(dyad_dict *d, const char *code, size_t n,
                              const char *name, size_t name_n) {
  int ins;
  const char *key;
  int32_t v = intern(d, &d->actor_index, code, n, d->n_actors, &ins, &key);
  if (v < 0 || !ins)
    return v;
  if (reserve((void **)&d->actors, &d->cap_actors, d->n_actors + 1,
              sizeof *d->actors))
    return -1;
  dyad__actor_code *a = &d->actors[d->n_actors++];
  memset(a, 0, sizeof *a);
  a->code = key;
  a->name = name ? dyad__arena_strndup(&d->arena, name, name_n) : "";
  return a->name ? v : -1;
}

int32_t dyad__dict_role(dyad_dict *d, const char *code, size_t n) {
  if (n == 0 || n >= sizeof d->roles[0])
    return -1;
  for (size_t i = 0; i < d->n_roles; i++)
    if (strlen(d->roles[i]) == n && memcmp(d->roles[i], code, n) == 0)
      return (int32_t)i;
  if (reserve((void **)&d->roles, &d->cap_roles, d->n_roles + 1,
              sizeof *d->roles))
    return -1;
  memcpy(d->roles[d->n_roles], code, n);
  d->roles[d->n_roles][n] = '\0';
  return (int32_t)d->n_roles++;
}

/* Letters in the literal words of pattern p. */
static size_t literal_chars(const dyad__pattern *p) {
  size_t n = 0;
  for (uint8_t i = 0; i < p->n_elems; i++)
    if (p->elems[i].lemma)
      n += p->elems[i].word_len;
  return n;
}

/* The signature of pattern p under verb vi: the fields that make two
 * patterns the same (written into buf; 0 when it does not fit). */
static size_t pattern_key(const dyad__pattern *p, int32_t vi, char *buf,
                          size_t cap) {
  size_t k = 0;
  if (cap < 8)
    return 0;
  memcpy(buf, &vi, sizeof vi);
  k = sizeof vi;
  buf[k++] = (char)p->n_elems;
  for (uint8_t j = 0; j < p->n_elems; j++) {
    const dyad__pelem *a = &p->elems[j];
    size_t need = 8 + (a->lemma ? a->len : 0);
    if (k + need > cap)
      return 0;
    buf[k++] = (char)(a->lemma != NULL);
    buf[k++] = (char)a->before;
    buf[k++] = a->slot;
    buf[k++] = (char)a->joined;
    buf[k++] = (char)a->skip;
    buf[k++] = (char)a->stem;
    buf[k++] = (char)a->dflt;
    if (a->lemma) {
      memcpy(buf + k, a->lemma, a->len);
      k += a->len;
    }
    buf[k++] = '\0';
  }
  return k;
}

/* Lists the pattern being read (d->patterns[d->n_patterns]) under verb
 * vi, unless the verb has the same pattern already (an issue, unless
 * quiet).  Duplicates are found through pattern_index; the verb's list is
 * put in order (most specific first) once loading ends (sort_patterns).
 * Returns 1 when listed, 0 when not, -1 when memory fails. */
static int list_pattern(dyad_dict *d, int32_t vi, const char *file,
                        size_t line, int quiet) {
  dyad__verb *v = &d->verbs[vi];
  dyad__pattern *p = &d->patterns[d->n_patterns];
  char kb[1024];
  size_t kl = pattern_key(p, vi, kb, sizeof kb);
  const dyad__strmap_slot *hit =
      kl ? dyad__strmap_get(&d->pattern_index, kb, kl) : NULL;
  if (hit) {
    dyad__pattern *q = &d->patterns[hit->value];
    if (q->synset && !p->synset) {
      /* TABARI: "* DOLLAR [071]" after "* &CURRENCY [903]" (DOLLAR a
       * member): the pattern written out wins, in its place. */
      for (uint32_t k = 0; k < v->n_patterns; k++)
        if (v->patterns[k] == (uint32_t)hit->value)
          v->patterns[k] = (uint32_t)d->n_patterns;
      p->order = q->order;
      int ins;
      dyad__strmap_slot *sl =
          dyad__strmap_put(&d->pattern_index, kb, kl, 0, &ins);
      if (!sl)
        return -1;
      sl->value = (int32_t)d->n_patterns;
      return 1;
    }
    if (quiet)
      return 0;
    char msg[128];
    snprintf(msg, sizeof msg, "duplicate of pattern '%s' (%s)", q->text,
             q->code);
    return dyad__dict_issue(d, file, line, msg) ? -1 : 0;
  }
  if (kl) {
    char *key = dyad__arena_alloc(&d->arena, kl);
    if (!key)
      return -1;
    memcpy(key, kb, kl);
    int ins;
    if (!dyad__strmap_put(&d->pattern_index, key, kl,
                          (int32_t)d->n_patterns, &ins))
      return -1;
  }
  if (v->n_patterns == v->cap_patterns) {
    uint32_t nc = v->cap_patterns ? v->cap_patterns * 2 : 4;
    uint32_t *np = dyad__arena_grow(&d->arena, v->patterns, v->n_patterns, nc,
                                    sizeof *np);
    if (!np)
      return -1;
    v->patterns = np;
    v->cap_patterns = nc;
  }
  v->patterns[v->n_patterns++] = (uint32_t)d->n_patterns;
  d->patterns_unsorted = 1;
  return 1;
}

/* Order of a verb's patterns: more literal words first, then (TABARI's
 * dictionaries) the longer words, then load order. */
static const dyad_dict *sort_dict;

static int pattern_cmp(const void *a, const void *b) {
  const dyad__pattern *p = &sort_dict->patterns[*(const uint32_t *)a];
  const dyad__pattern *q = &sort_dict->patterns[*(const uint32_t *)b];
  if (p->n_literals != q->n_literals)
    return p->n_literals > q->n_literals ? -1 : 1;
  if ((sort_dict->peer_format & DYAD__PEER_TABARI) &&
      !(sort_dict->peer_format & DYAD__PEER_PETRARCH)) {
    size_t lp = literal_chars(p), lq = literal_chars(q);
    if (lp != lq)
      return lp > lq ? -1 : 1;
  }
  return p->order < q->order ? -1 : p->order > q->order;
}

/* Sorts every verb's patterns (after loading; not thread-safe, as loading
 * is not). */
static void sort_patterns(dyad_dict *d) {
  if (!d->patterns_unsorted)
    return;
  sort_dict = d;
  for (size_t i = 0; i < d->n_verbs; i++)
    if (d->verbs[i].n_patterns > 1)
      qsort(d->verbs[i].patterns, d->verbs[i].n_patterns,
            sizeof *d->verbs[i].patterns, pattern_cmp);
  sort_dict = NULL;
  d->patterns_unsorted = 0;
}

/* ===== Line readers, one per file kind ===== */

static int read_country(dyad_dict *d, const char *s, size_t n,
                        const char *file, size_t line) {
  field f[8];
  size_t c = split(s, n, '|', f, 8);
  if (c < 2 || !is_upper_code(f[0].s, f[0].n, 3, 3))
    return dyad__dict_issue(d, file, line,
                     "expected 'CODE | name: ... | adj: ...' with a "
                     "three-letter code");
  if (c > 8)
    c = 8;
  /* The first name becomes the country's name. */
  const char *first = NULL;
  size_t first_n = 0;
  for (size_t i = 1; i < c && !first; i++)
    if (f[i].n > 5 && memcmp(f[i].s, "name:", 5) == 0) {
      field nm[1];
      split(f[i].s + 5, f[i].n - 5, ';', nm, 1);
      first = nm[0].s;
      first_n = nm[0].n;
    }
  int32_t ci = country_of(d, f[0].s, 3, first, first_n);
  if (ci < 0)
    return -1;
  for (size_t i = 1; i < c; i++) {
    static const struct {
      const char *key;
      dyad__kind kind;
    } keys[] = {{"name:", DYAD__K_NAME},
                {"adj:", DYAD__K_ADJ},
                {"dem:", DYAD__K_DEM},
                {"cap:", DYAD__K_CAP}};
    size_t k;
    for (k = 0; k < 4; k++) {
      size_t kl = strlen(keys[k].key);
      if (f[i].n >= kl && memcmp(f[i].s, keys[k].key, kl) == 0) {
        if (add_phrase_list(d, f[i].s + kl, f[i].n - kl, keys[k].kind, ci,
                            file, line))
          return -1;
        break;
      }
    }
    if (k == 4 && f[i].n &&
        dyad__dict_issue(d, file, line, "unknown field (expected name:, adj:, "
                                 "dem: or cap:)"))
      return -1;
  }
  return 0;
}

static int read_actor(dyad_dict *d, const char *s, size_t n,
                      const char *file, size_t line) {
  field f[3];
  size_t c = split(s, n, '|', f, 3);
  if (c != 2 || !is_upper_code(f[0].s, f[0].n, 3, 15) || !f[1].n)
    return dyad__dict_issue(d, file, line,
                     "expected 'CODE | phrase; phrase' with an upper-case "
                     "code of 3 to 15 letters");
  field first[1];
  split(f[1].s, f[1].n, ';', first, 1);
  int32_t ai = dyad__dict_actor_code(d, f[0].s, f[0].n, first[0].s, first[0].n);
  if (ai < 0)
    return -1;
  return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_ACTOR, ai, file, line);
}

static int read_role(dyad_dict *d, const char *s, size_t n, const char *file,
                     size_t line) {
  field f[3];
  size_t c = split(s, n, '|', f, 3);
  /* A role is three capitals (GOV) or, from a peer's agents, up to 14
   * (GOVFRM), with a trailing '~' when it goes before the country. */
  size_t rn = c == 2 ? f[0].n : 0;
  int prefix = rn && f[0].s[rn - 1] == '~';
  if (c != 2 || !is_upper_code(f[0].s, rn - (size_t)prefix, 3, 14) || !f[1].n)
    return dyad__dict_issue(d, file, line,
                            "expected 'ROLE | noun; noun' with a role of 3 "
                            "to 14 capitals");
  int32_t ri = dyad__dict_role(d, f[0].s, rn);
  if (ri < 0)
    return -1;
  return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_ROLE, ri, file, line);
}

static int read_reporting(dyad_dict *d, const char *s, size_t n,
                          const char *file, size_t line);

int32_t dyad__dict_person(dyad_dict *d, const char *name_s, size_t name_n) {
  char *name = dyad__arena_strndup(&d->arena, name_s, name_n);
  if (!name)
    return -1;
  int ins;
  dyad__strmap_slot *sl = dyad__strmap_put(&d->person_index, name, name_n,
                                           (int32_t)d->n_people, &ins);
  if (!sl)
    return -1;
  int32_t pi = sl->value;
  if (ins) {
    if (reserve((void **)&d->people, &d->cap_people, d->n_people + 1,
                sizeof *d->people))
      return -1;
    dyad__person *p = &d->people[d->n_people++];
    memset(p, 0, sizeof *p);
    p->name = name;
    if (dyad__dict_add_phrase(d, name_s, name_n, DYAD__K_PERSON, pi) < 0)
      return -1;
  }
  return pi;
}

int dyad__dict_term(dyad_dict *d, int32_t pi, const char *code, size_t n,
                    int32_t from, int32_t to, const char *title,
                    size_t title_n) {
  dyad__person *p = &d->people[pi];
  if (p->n_terms == p->cap_terms) {
    uint32_t nc = p->cap_terms ? p->cap_terms * 2 : 4;
    dyad__term *nt = dyad__arena_grow(&d->arena, p->terms, p->n_terms, nc,
                                      sizeof *nt);
    if (!nt)
      return -1;
    p->terms = nt;
    p->cap_terms = nc;
  }
  dyad__term *t = &p->terms[p->n_terms++];
  t->code = dyad__arena_strndup(&d->arena, code, n);
  t->title = dyad__arena_strndup(&d->arena, title ? title : "", title_n);
  t->from = from;
  t->to = to;
  t->file = d->cur_file;
  t->line = d->cur_line;
  d->n_terms++;
  return t->code && t->title ? 0 : -1;
}

static int read_person(dyad_dict *d, const char *s, size_t n,
                       const char *file, size_t line) {
  field f[7];
  size_t c = split(s, n, '|', f, 7);
  if (c != 6)
    return dyad__dict_issue(d, file, line,
                     "expected 'Name | aliases | CODE | FROM | TO | title'");
  if (!f[0].n || !is_upper_code(f[2].s, f[2].n, 3, 15))
    return dyad__dict_issue(d, file, line, "missing name or malformed code");
  int32_t from = 0, to = 0;
  if (f[3].n && (from = parse_date(f[3].s, f[3].n)) < 0)
    return dyad__dict_issue(d, file, line, "FROM is not a date YYYY-MM-DD");
  if (f[4].n && (to = parse_date(f[4].s, f[4].n)) < 0)
    return dyad__dict_issue(d, file, line, "TO is not a date YYYY-MM-DD");
  if (from && to && to < from)
    return dyad__dict_issue(d, file, line, "TO is before FROM");
  int32_t pi = dyad__dict_person(d, f[0].s, f[0].n);
  if (pi < 0 ||
      dyad__dict_term(d, pi, f[2].s, f[2].n, from, to, f[5].s, f[5].n) < 0)
    return -1;
  if (f[1].n)
    return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_PERSON, pi, file, line);
  return 0;
}

/* Lemmatises one pattern word into the arena. */
/* A pattern word lower-cased, with its lemma and its noun lemma, made once
 * per distinct word (the peers' dictionaries repeat a few thousand words
 * across hundreds of thousands of patterns).  NULL when too long or out of
 * memory (*oom set). */
static const struct dyad__pword *pattern_word(dyad_dict *d, const char *w,
                                              size_t n, int *oom) {
  char low[128], lem[128];
  *oom = 0;
  if (n >= sizeof low)
    return NULL;
  for (size_t i = 0; i < n; i++)
    low[i] = (char)tolower((unsigned char)w[i]);
  low[n] = '\0';
  const dyad__strmap_slot *sl = dyad__strmap_get(&d->word_index, low, n);
  if (sl)
    return &d->words[sl->value];
  if (reserve((void **)&d->words, &d->cap_words, d->n_words + 1,
              sizeof *d->words)) {
    *oom = 1;
    return NULL;
  }
  struct dyad__pword *pw = &d->words[d->n_words];
  size_t ln = dyad__lemma_any(low, n, lem, sizeof lem);
  pw->word = dyad__arena_strndup(&d->arena, low, n);
  pw->word_len = (uint32_t)n;
  pw->lemma = dyad__arena_strndup(&d->arena, lem, ln);
  pw->lemma_len = (uint32_t)ln;
  size_t nl = dyad__lemma(low, n, DYAD__T_NNS, lem, sizeof lem);
  pw->noun = dyad__arena_strndup(&d->arena, lem, nl);
  pw->noun_len = (uint32_t)nl;
  int ins;
  if (!pw->word || !pw->lemma || !pw->noun ||
      !dyad__strmap_put(&d->word_index, pw->word, n, (int32_t)d->n_words,
                        &ins)) {
    *oom = 1;
    return NULL;
  }
  return &d->words[d->n_words++];
}

/* The lemma of a pattern word (see pattern_word); NULL when too long or
 * out of memory (*oom set): callers report the first and fail on the
 * second. */
static const char *pattern_lemma(dyad_dict *d, const char *w, size_t n,
                                 uint32_t *out_len, int *oom) {
  const struct dyad__pword *pw = pattern_word(d, w, n, oom);
  if (!pw)
    return NULL;
  *out_len = pw->lemma_len;
  return pw->lemma;
}

/* A peer's pattern as traces show it: without the connector marks of
 * its words ('=' before, '~' or '_' after). */
static char *peer_text(dyad_dict *d, const char *s, size_t n) {
  char *out = dyad__arena_strndup(&d->arena, s, n);
  if (!out)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    int start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' ||
                (s[i - 1] == '<' && (i == 1 || s[i - 2] == ' '));
    int end = i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t';
    if (s[i] == '=' && start && !end)
      continue;
    if ((s[i] == '~' || s[i] == '_') && end && !start)
      continue;
    if (s[i] == '?' && end && i > 0 && s[i - 1] == '+')
      continue; /* TABARI's default target */
    out[k++] = s[i];
  }
  out[k] = '\0';
  return out;
}

static int32_t verb_of(dyad_dict *d, const char *lemma, size_t n) {
  int ins;
  dyad__strmap_slot *sl =
      dyad__strmap_put(&d->verb_index, lemma, n, (int32_t)d->n_verbs, &ins);
  if (!sl)
    return -1;
  if (!ins)
    return sl->value;
  if (reserve((void **)&d->verbs, &d->cap_verbs, d->n_verbs + 1,
              sizeof *d->verbs))
    return -1;
  dyad__verb *v = &d->verbs[d->n_verbs++];
  memset(v, 0, sizeof *v);
  v->lemma = lemma;
  return sl->value;
}

int dyad__dict_read_verb(dyad_dict *d, const char *s, size_t n,
                         const char *file, size_t line) {
  field f[3];
  size_t c = split(s, n, '|', f, 3);
  /* "CODE | pattern", or "CODE:CODE2 | pattern" with the code of the
   * reverse event (a visit and its hosting: "042:043 | visit +"). */
  field codes[3];
  size_t ncodes = c == 2 ? split(f[0].s, f[0].n, ':', codes, 3) : 0;
  if (c != 2 || ncodes < 1 || ncodes > 2 || !f[1].n)
    return dyad__dict_issue(d, file, line, "expected 'CODE | verb words +'");
  char code[5] = {0}, code2[5] = {0};
  /* A peer's null code "---" and discard code "###". */
  int special = d->any_code && ncodes == 1 && codes[0].n == 3 &&
                (memcmp(codes[0].s, "---", 3) == 0 ||
                 memcmp(codes[0].s, "###", 3) == 0);
  if (special)
    memcpy(code, codes[0].s, 3);
  for (size_t k = 0; k < ncodes && !special; k++) {
    if (codes[k].n < 2 || codes[k].n > 4)
      return dyad__dict_issue(d, file, line,
                              "expected 'CODE | verb words +' (a code of 2 "
                              "to 4 digits)");
    for (size_t i = 0; i < codes[k].n; i++)
      if (!isdigit((unsigned char)codes[k].s[i]) &&
          !(d->any_code && i == 3 && isupper((unsigned char)codes[k].s[i])))
        return dyad__dict_issue(d, file, line, "the code is not a CAMEO code");
    char *dst = k ? code2 : code;
    memcpy(dst, codes[k].s, codes[k].n);
    if (!dyad_cameo_name(dst) && !d->any_code)
      return dyad__dict_issue(d, file, line, "the code is not a CAMEO code");
  }
  field w[MAX_LINE_WORDS + 1];
  size_t nw = 0;
  {
    size_t i = 0;
    while (i < f[1].n) {
      while (i < f[1].n && f[1].s[i] == ' ')
        i++;
      size_t st = i;
      while (i < f[1].n && f[1].s[i] != ' ' && f[1].s[i] != '\t')
        i++;
      if (i > st) {
        if (nw == MAX_LINE_WORDS)
          return dyad__dict_issue(d, file, line, "pattern too long");
        w[nw].s = f[1].s + st;
        w[nw].n = i - st;
        nw++;
      }
      while (i < f[1].n && f[1].s[i] == '\t')
        i++;
    }
  }
  if (nw == 0 || (w[0].n == 1 && w[0].s[0] == '+'))
    return dyad__dict_issue(d, file, line, "a pattern starts with its verb");
  uint32_t vlen;
  int oom;
  const char *vlem = pattern_lemma(d, w[0].s, w[0].n, &vlen, &oom);
  if (!vlem)
    return oom ? -1 : dyad__dict_issue(d, file, line, "verb word too long");
  if (reserve((void **)&d->patterns, &d->cap_patterns, d->n_patterns + 1,
              sizeof *d->patterns))
    return -1;
  dyad__pattern *p = &d->patterns[d->n_patterns];
  memset(p, 0, sizeof *p);
  memcpy(p->code, code, sizeof code);
  memcpy(p->code2, code2, sizeof code2);
  p->n_elems = (uint8_t)(nw - 1);
  p->block = (uint8_t)(special && code[0] == '-');
  p->discard = (uint8_t)(special && code[0] == '#');
  p->elems = dyad__arena_calloc(&d->arena, nw, sizeof *p->elems);
  p->text = d->any_code ? peer_text(d, f[1].s, f[1].n)
                        : dyad__arena_strndup(&d->arena, f[1].s, f[1].n);
  if (!p->elems || !p->text)
    return -1;
  for (size_t i = 1; i < nw; i++) {
    dyad__pelem *e = &p->elems[i - 1];
    while (d->any_code && w[i].n > 1 && w[i].s[0] == '^') {
      /* PETRARCH's '^': a noun phrase skipped before this element. */
      if (e->skip < 255)
        e->skip++;
      w[i].s++;
      w[i].n--;
    }
    if (d->any_code && w[i].n > 1 && w[i].s[0] == '<') {
      /* A peer's element before the verb: '$', '+' or a word (a stem). */
      e->before = 1;
      p->n_before++;
      w[i].s++;
      w[i].n--;
      if (w[i].n == 1 && (w[i].s[0] == '$' || w[i].s[0] == '+')) {
        e->slot = w[i].s[0];
        p->n_literals++; /* as specific as a word: tried before the verb
                            alone */
        continue;
      }
    } else if (d->any_code && w[i].n == 1 &&
               (w[i].s[0] == '$' || w[i].s[0] == '%')) {
      /* A peer's source named after the verb ("+ HOSTING * MAY_DAY $"),
       * or TABARI's compound there ("HAS * WITH %"). */
      e->slot = w[i].s[0];
      p->n_literals++;
      continue;
    } else if ((w[i].n == 1 && w[i].s[0] == '+') ||
               (d->any_code && w[i].n == 2 && w[i].s[0] == '+' &&
                w[i].s[1] == '?')) {
      e->dflt = w[i].n == 2; /* TABARI's default target ("+?") */
      if (p->has_slot)
        return dyad__dict_issue(d, file, line, "more than one '+' in a pattern");
      p->has_slot = 1;
      if (i == 1u + p->n_before)
        p->slot_first = 1;
      continue;
    }
    if (d->any_code && w[i].n > 1 && w[i].s[0] == '=') {
      /* TABARI's '_' connector: next to its neighbour toward the verb. */
      e->joined = 1;
      w[i].s++;
      w[i].n--;
    }
    if (d->any_code && w[i].n > 1 &&
        (w[i].s[w[i].n - 1] == '~' || w[i].s[w[i].n - 1] == '_')) {
      /* A TABARI word: a stem ('~'), or the word itself ('_'). */
      e->stem = w[i].s[w[i].n - 1] == '~';
      e->exact = !e->stem;
      w[i].n--;
    }
    const struct dyad__pword *pw = pattern_word(d, w[i].s, w[i].n, &oom);
    if (!pw)
      return oom ? -1
                 : dyad__dict_issue(d, file, line, "pattern word too long");
    e->lemma = pw->lemma;
    e->len = pw->lemma_len;
    e->word = pw->word;
    e->word_len = pw->word_len;
    e->noun = pw->noun;
    e->noun_len = pw->noun_len;
    e->has_bits = e->len && e->word_len && e->noun_len;
    if (e->has_bits) {
      e->bits[0] = (uint16_t)dyad__word_bit(e->lemma, e->len);
      e->bits[1] = (uint16_t)dyad__word_bit(e->word, e->word_len);
      e->bits[2] = (uint16_t)dyad__word_bit(e->noun, e->noun_len);
    }
    p->n_literals++;
  }
  p->order = (uint32_t)d->n_patterns;
  p->file = d->cur_file;
  p->line = d->cur_line;
  p->synset = d->cur_synset;
  p->subordinate = d->cur_subordinate;
  p->dominant = d->cur_dominant;
  int listed = 0;
  char wl[128];
  if ((d->peer_format & (DYAD__PEER_PETRARCH | DYAD__PEER_TABARI)) &&
      w[0].n < sizeof wl) {
    /* A peer's verb form of its own ("LEFT [032:033]" beside "LEAVE
     * [012]"; TABARI's "LEFT_"): listed under the form too, which the
     * coder tries first in the peer reading. */
    for (size_t j = 0; j < w[0].n; j++)
      wl[j] = (char)tolower((unsigned char)w[0].s[j]);
    if (w[0].n != vlen || memcmp(wl, vlem, vlen) != 0) {
      const char *form = dyad__arena_strndup(&d->arena, wl, w[0].n);
      if (!form)
        return -1;
      int32_t fi = verb_of(d, form, w[0].n);
      if (fi < 0 || (listed = list_pattern(d, fi, file, line, 1)) < 0)
        return -1;
    }
  }
  int32_t vi = verb_of(d, vlem, vlen);
  if (vi < 0)
    return -1;
  int r = list_pattern(d, vi, file, line, 0);
  if (r < 0)
    return -1;
  if (r || listed)
    d->n_patterns++;
  return 0;
}

static int read_reporting(dyad_dict *d, const char *s, size_t n,
                          const char *file, size_t line) {
  field f[3];
  size_t c = split(s, n, '|', f, 3);
  if (c != 2)
    return dyad__dict_issue(d, file, line, "expected 'KIND | word; word'");
  int is_report = f[0].n == 6 && memcmp(f[0].s, "REPORT", 6) == 0;
  int is_intent = f[0].n == 6 && memcmp(f[0].s, "INTENT", 6) == 0;
  if (is_report || is_intent) {
    field items[128];
    size_t k = split(f[1].s, f[1].n, ';', items, 128);
    if (k > 128)
      k = 128;
    for (size_t i = 0; i < k; i++) {
      if (!items[i].n)
        continue;
      uint32_t ln;
      int oom;
      const char *lem = pattern_lemma(d, items[i].s, items[i].n, &ln, &oom);
      if (!lem) {
        if (oom)
          return -1;
        if (dyad__dict_issue(d, file, line, "word too long"))
          return -1;
        continue;
      }
      int32_t vi = verb_of(d, lem, ln);
      if (vi < 0)
        return -1;
      if (is_report)
        d->verbs[vi].report = 1;
      else
        d->verbs[vi].intent = 1;
    }
    return 0;
  }
  if (f[0].n == 14 && memcmp(f[0].s, "ANAPHOR_PLURAL", 14) == 0)
    return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_ANA_PLURAL, 0, file,
                           line);
  if (f[0].n == 17 && memcmp(f[0].s, "ANAPHOR_STATEMENT", 17) == 0)
    return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_ANA_STATEMENT, 0, file,
                           line);
  if (f[0].n == 7 && memcmp(f[0].s, "DISCARD", 7) == 0)
    return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_DISCARD, 0, file, line);
  if (f[0].n == 5 && memcmp(f[0].s, "BLAME", 5) == 0)
    return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_BLAME, 0, file, line);
  if (f[0].n == 6 && memcmp(f[0].s, "PRAISE", 6) == 0)
    return add_phrase_list(d, f[1].s, f[1].n, DYAD__K_PRAISE, 0, file, line);
  return dyad__dict_issue(d, file, line,
                   "unknown kind (REPORT, INTENT, ANAPHOR_PLURAL, "
                   "ANAPHOR_STATEMENT, DISCARD, BLAME, PRAISE)");
}

/* ===== Files ===== */

/* Guesses a file's kind from its name, then from its first data line. */
static file_kind kind_of(const char *path, const char *data, size_t len) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strstr(base, "countr"))
    return F_COUNTRIES;
  if (strstr(base, "role"))
    return F_ROLES;
  if (strstr(base, "report") || strstr(base, "discard"))
    return F_REPORTING;
  if (strstr(path, "verbs/") || strstr(base, "verb"))
    return F_VERBS;
  if (strstr(path, "people/") || strstr(base, "people"))
    return F_PEOPLE;
  if (strstr(base, "actor"))
    return F_ACTORS;
  /* By content: the first line that is not a comment. */
  size_t i = 0;
  while (i < len) {
    size_t e = i;
    while (e < len && data[e] != '\n')
      e++;
    const char *s = data + i;
    size_t n = e - i;
    const char *hash = memchr(s, '#', n);
    if (hash)
      n = (size_t)(hash - s);
    trim(&s, &n);
    if (n) {
      field f[8];
      size_t c = split(s, n, '|', f, 8);
      if (c == 6)
        return F_PEOPLE;
      if (c >= 2 && f[0].n && isdigit((unsigned char)f[0].s[0]))
        return F_VERBS;
      if (c >= 2 && f[1].n > 5 && memcmp(f[1].s, "name:", 5) == 0)
        return F_COUNTRIES;
      if (c == 2)
        return F_ACTORS;
      return F_UNKNOWN;
    }
    i = e + 1;
  }
  return F_UNKNOWN;
}

/* Loads one file's bytes.  Issues name the file by `path` (copied). */
static int load_buffer(dyad_dict *d, const char *path, const char *data,
                       size_t len) {
  const char *file = dyad__arena_strndup(&d->arena, path, strlen(path));
  if (!file)
    return -1;
  if (reserve((void **)&d->files, &d->cap_files, d->n_files + 1,
              sizeof *d->files))
    return -1;
  d->files[d->n_files] = file;
  d->cur_file = (uint16_t)(d->n_files < 65535 ? d->n_files : 65535);
  d->n_files++;
  dyad__compat fmt = dyad__compat_format(path, data, len);
  if (fmt != DYAD__COMPAT_NONE) {
    d->any_code = 1;
    int rc = dyad__compat_load(d, fmt, file, data, len);
    d->any_code = 0;
    return rc;
  }
  file_kind k = kind_of(path, data, len);
  if (k == F_UNKNOWN)
    return dyad__dict_issue(d, file, 1, "cannot tell what kind of dictionary this "
                                 "is (name it countries, actors, roles, "
                                 "people, verbs or reporting)");
  size_t line = 0, i = 0;
  while (i < len) {
    size_t e = i;
    while (e < len && data[e] != '\n')
      e++;
    line++;
    d->cur_line = (uint32_t)line;
    const char *s = data + i;
    size_t n = e - i;
    i = e + 1;
    const char *hash = memchr(s, '#', n);
    if (hash)
      n = (size_t)(hash - s);
    trim(&s, &n);
    if (!n)
      continue;
    if (memchr(s, '\0', n)) {
      if (dyad__dict_issue(d, file, line, "NUL byte in line"))
        return -1;
      continue;
    }
    int rc = 0;
    switch (k) {
    case F_COUNTRIES:
      rc = read_country(d, s, n, file, line);
      break;
    case F_ACTORS:
      rc = read_actor(d, s, n, file, line);
      break;
    case F_ROLES:
      rc = read_role(d, s, n, file, line);
      break;
    case F_PEOPLE:
      rc = read_person(d, s, n, file, line);
      break;
    case F_VERBS:
      rc = dyad__dict_read_verb(d, s, n, file, line);
      break;
    case F_REPORTING:
      rc = read_reporting(d, s, n, file, line);
      break;
    case F_UNKNOWN:
      break;
    }
    if (rc < 0)
      return -1;
  }
  return 0;
}

/* Reads a whole file into a heap buffer.  Returns 0, or a status. */
static dyad_status read_file(const char *path, char **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return DYAD_ERR_IO;
  size_t cap = 1 << 16, n = 0;
  char *buf = dyad__malloc(cap);
  if (!buf) {
    fclose(f);
    return DYAD_ERR_NOMEM;
  }
  for (;;) {
    if (n == cap) {
      if (cap >= MAX_DICT_FILE) {
        dyad__free(buf);
        fclose(f);
        return DYAD_ERR_TOO_LARGE;
      }
      char *nb = dyad__realloc(buf, cap * 2);
      if (!nb) {
        dyad__free(buf);
        fclose(f);
        return DYAD_ERR_NOMEM;
      }
      buf = nb;
      cap *= 2;
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (r == 0)
      break;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    dyad__free(buf);
    return DYAD_ERR_IO;
  }
  *out = buf;
  *len = n;
  return DYAD_OK;
}

/* Splits an actor code into country and role where the dictionary knows
 * them (RUSGOV -> RUS, GOV; IGOWSTNAT -> none). */
static void derive_code_parts(dyad_dict *d) {
  for (size_t i = 0; i < d->n_actors; i++) {
    dyad__actor_code *a = &d->actors[i];
    size_t n = strlen(a->code);
    if (n >= 3 && dyad__strmap_get(&d->country_index, a->code, 3))
      memcpy(a->country, a->code, 3);
    if (n >= 6)
      for (size_t r = 0; r < d->n_roles; r++)
        if (strlen(d->roles[r]) == 3 &&
            memcmp(a->code + n - 3, d->roles[r], 3) == 0) {
          memcpy(a->role, a->code + n - 3, 3);
          break;
        }
  }
}

static char *errdup(const char *fmt, const char *a, const char *b) {
  char buf[512];
  snprintf(buf, sizeof buf, fmt, a, b);
  return dyad__strndup(buf, strlen(buf));
}

dyad_status dyad_dict_open(dyad_dict **out, const char *const *paths,
                           size_t n_paths, int flags, char **err) {
  if (!out || (n_paths && !paths))
    return DYAD_ERR_ARG;
  dyad_dict *d = dyad__calloc(1, sizeof *d);
  if (!d)
    return DYAD_ERR_NOMEM;
  dyad__arena_init(&d->arena, 0);
  dyad__strmap_init(&d->phrases);
  dyad__strmap_init(&d->stems);
  dyad__strmap_init(&d->country_index);
  dyad__strmap_init(&d->actor_index);
  dyad__strmap_init(&d->person_index);
  dyad__strmap_init(&d->verb_index);
  dyad__strmap_init(&d->pattern_index);
  dyad__strmap_init(&d->word_index);
  dyad__strmap_init(&d->peer_pos);
  dyad_status st = DYAD_OK;
  if (!(flags & DYAD_DICT_NO_BUILTIN)) {
    /* Countries and roles first, so actor codes can be split afterwards. */
    for (size_t i = 0; i < dyad__dict_data_count; i++) {
      const dyad__embedded_file *ef = &dyad__dict_data[i];
      if (load_buffer(d, ef->path, (const char *)ef->data, ef->len) != 0) {
        st = DYAD_ERR_NOMEM;
        goto fail;
      }
    }
  }
  for (size_t i = 0; i < n_paths; i++) {
    char *buf = NULL;
    size_t len = 0;
    st = read_file(paths[i], &buf, &len);
    if (st != DYAD_OK) {
      if (err)
        *err = errdup("%s: %s", paths[i],
                      st == DYAD_ERR_IO ? strerror(errno) : dyad_strerror(st));
      goto fail;
    }
    int rc = load_buffer(d, paths[i], buf, len);
    dyad__free(buf);
    if (rc != 0) {
      st = DYAD_ERR_NOMEM;
      goto fail;
    }
  }
  sort_patterns(d);
  derive_code_parts(d);
  *out = d;
  return DYAD_OK;
fail:
  if (err && !*err && st == DYAD_ERR_NOMEM)
    *err = errdup("%s%s", "out of memory loading dictionaries", "");
  dyad_dict_free(d);
  return st;
}

void dyad_dict_free(dyad_dict *d) {
  if (!d)
    return;
  dyad__strmap_free(&d->phrases);
  dyad__strmap_free(&d->stems);
  dyad__strmap_free(&d->country_index);
  dyad__strmap_free(&d->actor_index);
  dyad__strmap_free(&d->person_index);
  dyad__strmap_free(&d->verb_index);
  dyad__strmap_free(&d->pattern_index);
  dyad__strmap_free(&d->word_index);
  dyad__free(d->words);
  dyad__strmap_free(&d->peer_pos);
  dyad__free(d->entries);
  dyad__free(d->countries);
  dyad__free(d->actors);
  dyad__free(d->roles);
  dyad__free(d->people);
  dyad__free(d->patterns);
  dyad__free(d->verbs);
  dyad__free(d->issues);
  dyad__free(d->files);
  dyad__arena_free(&d->arena);
  dyad__free(d);
}

size_t dyad_dict_issue_count(const dyad_dict *d) { return d ? d->n_issues : 0; }

const dyad_dict_issue *dyad_dict_issue_at(const dyad_dict *d, size_t i) {
  return d && i < d->n_issues ? &d->issues[i] : NULL;
}

void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st) {
  memset(st, 0, sizeof *st);
  if (!d)
    return;
  st->countries = d->n_countries;
  st->actors = d->n_actors;
  st->roles = d->n_roles;
  st->people = d->n_people;
  st->person_terms = d->n_terms;
  st->verb_patterns = d->n_patterns;
  st->phrases = d->n_entries;
}

/* ===== Lookups ===== */

int32_t dyad__dict_phrase(const dyad_dict *d, const char *key, size_t len) {
  const dyad__strmap_slot *s = dyad__strmap_get(&d->phrases, key, len);
  return s ? s->value : -1;
}

int32_t dyad__dict_stem(const dyad_dict *d, const char *key, size_t len) {
  if (!d->n_stems)
    return -1;
  const dyad__strmap_slot *s = dyad__strmap_get(&d->stems, key, len);
  return s ? s->value : -1;
}

const dyad__verb *dyad__dict_verb(const dyad_dict *d, const char *lemma,
                                  size_t len) {
  const dyad__strmap_slot *s = dyad__strmap_get(&d->verb_index, lemma, len);
  return s ? &d->verbs[s->value] : NULL;
}

const dyad__actor_code *dyad__dict_actor(const dyad_dict *d,
                                         const char *code) {
  const dyad__strmap_slot *s =
      dyad__strmap_get(&d->actor_index, code, strlen(code));
  return s ? &d->actors[s->value] : NULL;
}

/* Days since 1970-01-01 of a yyyymmdd date (civil calendar), so distances
 * across month and year ends are right. */
static long days_of(int32_t ymd) {
  long y = ymd / 10000, m = (ymd / 100) % 100, d = ymd % 100;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

const dyad__term *dyad__person_term(const dyad__person *p, int32_t date,
                                    int *in_term) {
  const dyad__term *best = NULL;
  long best_dist = -1;
  *in_term = 0;
  for (uint32_t i = 0; i < p->n_terms; i++) {
    const dyad__term *t = &p->terms[i];
    if (date == 0) {
      /* Undated: the latest term. */
      if (!best || t->from > best->from)
        best = t;
      continue;
    }
    if ((!t->from || t->from <= date) && (!t->to || date <= t->to)) {
      /* Within a term; among overlapping terms the later-begun wins, and
       * any dated term wins over an open one (a peer's default code). */
      int open_best = *in_term && !best->from && !best->to;
      int open_t = !t->from && !t->to;
      if (!*in_term || (open_best && !open_t) ||
          (open_best == open_t && t->from > best->from))
        best = t;
      *in_term = 1;
      continue;
    }
    if (*in_term)
      continue;
    long dist = t->from > date ? days_of(t->from) - days_of(date)
                               : days_of(date) - days_of(t->to);
    if (!best || dist < best_dist) {
      best = t;
      best_dist = dist;
    }
  }
  if (date == 0 && best)
    *in_term = 1;
  return best;
}

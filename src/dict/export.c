/* export.c -- a loaded dictionary written back in dyad's own formats
 * (dyad_dict_to_text, for `dyad dict convert`), and a lint of what loads
 * but is probably wrong (dyad_dict_lint, for `dyad dict check`).
 *
 * Both read the immutable dictionary only. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dict.h"
#include "../util/buf.h"
#include "../util/mem.h"

/* ===== Phrases back to text ===== */

/* Appends the phrase of key (lower-case words joined by spaces) with the
 * capitals entry e needs: a capitalised word where capmask says so, all
 * capitals where upmask says so. */
static void phrase_text(dyad__buf *b, const char *key, size_t len,
                        const dyad__entry *e) {
  size_t w = 0;
  int start = 1;
  for (size_t i = 0; i < len; i++) {
    char ch = key[i];
    if (ch == ' ') {
      w++;
      start = 1;
      dyad__buf_add(b, " ", 1);
      continue;
    }
    int up = w < 32 && ((e->upmask >> w) & 1);
    int cap = w < 32 && ((e->capmask >> w) & 1);
    if ((up || (cap && start)) && ch >= 'a' && ch <= 'z')
      ch = (char)(ch - 'a' + 'A');
    dyad__buf_add(b, &ch, 1);
    start = 0;
  }
}

/* Calls fn for every (phrase key, entry) of the dictionary. */
typedef void (*entry_fn)(void *ctx, const char *key, size_t len,
                         const dyad__entry *e);

static void each_entry(const dyad_dict *d, entry_fn fn, void *ctx) {
  for (size_t i = 0; i < d->phrases.cap; i++) {
    const dyad__strmap_slot *s = &d->phrases.slots[i];
    if (!s->key || s->value < 0)
      continue;
    for (int32_t x = s->value; x >= 0; x = d->entries[x].next)
      fn(ctx, s->key, s->len, &d->entries[x]);
  }
}

/* Collects, for one kind and one value, the phrases naming it. */
typedef struct collect {
  const dyad_dict *d;
  int kind;
  int32_t value;
  const char *skip; /* a phrase not to list (a person's own name) */
  dyad__buf *b;
  int n;
} collect;

static void collect_fn(void *ctx, const char *key, size_t len,
                       const dyad__entry *e) {
  collect *c = ctx;
  if (e->kind != c->kind || e->value != c->value)
    return;
  if (c->skip && strlen(c->skip) == len &&
      strncasecmp(c->skip, key, len) == 0)
    return;
  if (memchr(key, ';', len) || memchr(key, '|', len) ||
      memchr(key, '#', len))
    return; /* cannot be written in the format */
  if (c->n++)
    dyad__buf_puts(c->b, "; ");
  phrase_text(c->b, key, len, e);
}

/* Appends every phrase of (kind, value), separated by "; ", to b, a
 * scratch buffer for a line of out.  Returns how many; 0 when b could not
 * grow, and out is then marked failed (its later appends do nothing, and
 * the caller reports DYAD_ERR_NOMEM rather than a line short of phrases). */
static int phrases_of(const dyad_dict *d, int kind, int32_t value,
                      const char *skip, dyad__buf *b, dyad__buf *out) {
  collect c = {d, kind, value, skip, b, 0};
  each_entry(d, collect_fn, &c);
  if (b->failed) {
    out->failed = 1;
    return 0;
  }
  return c.n;
}

static void date_text(dyad__buf *b, int32_t v) {
  if (v)
    dyad__buf_printf(b, "%04d-%02d-%02d", v / 10000, (v / 100) % 100,
                     v % 100);
}

/* The phrases of one kind that name no particular value (anaphors,
 * discards, judgement words) as "KEY | a; b". */
static void word_line(const dyad_dict *d, const char *key, int kind,
                      dyad__buf *b) {
  dyad__buf tmp;
  dyad__buf_init(&tmp, 0);
  if (phrases_of(d, kind, 0, NULL, &tmp, b))
    dyad__buf_printf(b, "%s | %s\n", key, tmp.p);
  dyad__buf_free(&tmp);
}

dyad_status dyad_dict_to_text(const dyad_dict *d, const char *kind,
                              char **out, size_t *out_len) {
  if (!d || !kind || !out || !out_len)
    return DYAD_ERR_ARG;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  dyad__buf_printf(&b, "# %s -- written by dyad dict convert in dyad's "
                       "format (data/README.md)\n",
                   kind);
  if (!strcmp(kind, "countries")) {
    static const struct {
      int kind;
      const char *field;
    } f[] = {{DYAD__K_NAME, "name"},
             {DYAD__K_ADJ, "adj"},
             {DYAD__K_DEM, "dem"},
             {DYAD__K_CAP, "cap"}};
    for (size_t i = 0; i < d->n_countries; i++) {
      dyad__buf_puts(&b, d->countries[i].code);
      for (int k = 0; k < 4; k++) {
        dyad__buf tmp;
        dyad__buf_init(&tmp, 0);
        if (phrases_of(d, f[k].kind, (int32_t)i, NULL, &tmp, &b))
          dyad__buf_printf(&b, " | %s: %s", f[k].field, tmp.p);
        dyad__buf_free(&tmp);
      }
      dyad__buf_puts(&b, "\n");
    }
  } else if (!strcmp(kind, "actors")) {
    for (size_t i = 0; i < d->n_actors; i++) {
      dyad__buf tmp;
      dyad__buf_init(&tmp, 0);
      if (phrases_of(d, DYAD__K_ACTOR, (int32_t)i, NULL, &tmp, &b))
        dyad__buf_printf(&b, "%s | %s\n", d->actors[i].code, tmp.p);
      dyad__buf_free(&tmp);
    }
  } else if (!strcmp(kind, "roles")) {
    for (size_t i = 0; i < d->n_roles; i++) {
      dyad__buf tmp;
      dyad__buf_init(&tmp, 0);
      if (phrases_of(d, DYAD__K_ROLE, (int32_t)i, NULL, &tmp, &b))
        dyad__buf_printf(&b, "%s | %s\n", d->roles[i], tmp.p);
      dyad__buf_free(&tmp);
    }
  } else if (!strcmp(kind, "people")) {
    for (size_t i = 0; i < d->n_people; i++) {
      const dyad__person *p = &d->people[i];
      dyad__buf alias;
      dyad__buf_init(&alias, 0);
      phrases_of(d, DYAD__K_PERSON, (int32_t)i, p->name, &alias, &b);
      for (uint32_t t = 0; t < p->n_terms; t++) {
        const dyad__term *tm = &p->terms[t];
        dyad__buf_printf(&b, "%s | %s | %s | ", p->name,
                         alias.p ? alias.p : "", tm->code);
        date_text(&b, tm->from);
        dyad__buf_puts(&b, " | ");
        date_text(&b, tm->to);
        dyad__buf_printf(&b, " | %s\n", tm->title ? tm->title : "");
      }
      dyad__buf_free(&alias);
    }
  } else if (!strcmp(kind, "verbs")) {
    for (size_t i = 0; i < d->n_patterns; i++) {
      const dyad__pattern *p = &d->patterns[i];
      dyad__buf_printf(&b, "%s%s%s | %s\n", p->code, p->code2[0] ? ":" : "",
                       p->code2, p->text);
    }
  } else if (!strcmp(kind, "reporting")) {
    const char *const keys[] = {"REPORT", "INTENT"};
    for (int k = 0; k < 2; k++) {
      int n = 0;
      for (size_t i = 0; i < d->n_verbs; i++) {
        const dyad__verb *v = &d->verbs[i];
        if (k ? !v->intent : !v->report)
          continue;
        if (n++)
          dyad__buf_printf(&b, "; %s", v->lemma);
        else
          dyad__buf_printf(&b, "%s | %s", keys[k], v->lemma);
      }
      if (n)
        dyad__buf_puts(&b, "\n");
    }
    word_line(d, "ANAPHOR_PLURAL", DYAD__K_ANA_PLURAL, &b);
    word_line(d, "ANAPHOR_STATEMENT", DYAD__K_ANA_STATEMENT, &b);
    word_line(d, "DISCARD", DYAD__K_DISCARD, &b);
    word_line(d, "BLAME", DYAD__K_BLAME, &b);
    word_line(d, "PRAISE", DYAD__K_PRAISE, &b);
  } else {
    dyad__buf_free(&b);
    return DYAD_ERR_ARG;
  }
  if (b.failed) {
    dyad__buf_free(&b);
    return DYAD_ERR_NOMEM;
  }
  *out = b.p;
  *out_len = b.len;
  return DYAD_OK;
}

/* ===== Lint ===== */

typedef struct lint {
  const dyad_dict *d;
  dyad_dict_issue *v;
  size_t n, cap;
  int oom;
} lint;

static const char *file_name(const dyad_dict *d, uint16_t f) {
  return f < d->n_files ? d->files[f] : "?";
}

static void finding(lint *l, uint16_t file, uint32_t line, const char *fmt,
                    const char *a, const char *b2, const char *c2) {
  if (l->oom)
    return;
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 32;
    dyad_dict_issue *nv = dyad__realloc(l->v, nc * sizeof *nv);
    if (!nv) {
      l->oom = 1;
      return;
    }
    l->v = nv;
    l->cap = nc;
  }
  char msg[512];
  snprintf(msg, sizeof msg, fmt, a, b2, c2);
  char *m = dyad__strndup(msg, strlen(msg));
  if (!m) {
    l->oom = 1;
    return;
  }
  l->v[l->n].file = file_name(l->d, file);
  l->v[l->n].line = line;
  l->v[l->n].message = m;
  l->n++;
}

/* A phrase that names two different things of the same kind. */
static void lint_phrases(lint *l) {
  const dyad_dict *d = l->d;
  for (size_t i = 0; i < d->phrases.cap; i++) {
    const dyad__strmap_slot *s = &d->phrases.slots[i];
    if (!s->key || s->value < 0)
      continue;
    for (int32_t x = s->value; x >= 0; x = d->entries[x].next)
      for (int32_t y = d->entries[x].next; y >= 0; y = d->entries[y].next) {
        const dyad__entry *a = &d->entries[x], *b = &d->entries[y];
        int same_group = a->kind == b->kind ||
                         (a->kind <= DYAD__K_CAP && b->kind <= DYAD__K_CAP);
        if (!same_group || a->value == b->value ||
            a->kind > DYAD__K_PERSON)
          continue;
        char key[256];
        size_t n = s->len < sizeof key - 1 ? s->len : sizeof key - 1;
        memcpy(key, s->key, n);
        key[n] = '\0';
        const char *kind = a->kind == DYAD__K_ACTOR    ? "actors"
                           : a->kind == DYAD__K_ROLE   ? "roles"
                           : a->kind == DYAD__K_PERSON ? "people"
                                                       : "countries";
        finding(l, b->file, b->line,
                "phrase '%s' names two different %s (also at %s)", key,
                kind, file_name(d, a->file));
      }
  }
}

/* Terms of one person that overlap with different codes. */
static void lint_terms(lint *l) {
  const dyad_dict *d = l->d;
  for (size_t i = 0; i < d->n_people; i++) {
    const dyad__person *p = &d->people[i];
    for (uint32_t a = 0; a < p->n_terms; a++)
      for (uint32_t b = a + 1; b < p->n_terms; b++) {
        const dyad__term *x = &p->terms[a], *y = &p->terms[b];
        if (!strcmp(x->code, y->code))
          continue;
        int32_t xf = x->from, xt = x->to ? x->to : 99999999;
        int32_t yf = y->from, yt = y->to ? y->to : 99999999;
        if (xf <= yt && yf <= xt)
          finding(l, y->file, y->line,
                  "%s: terms overlap with different codes (%s and %s)",
                  p->name, x->code, y->code);
      }
  }
}

/* Verb codes outside CAMEO, and pattern words no word of text can match
 * (punctuation the tokenizer splits off, or that ends a clause). */
static void lint_patterns(lint *l) {
  const dyad_dict *d = l->d;
  for (size_t i = 0; i < d->n_patterns; i++) {
    const dyad__pattern *p = &d->patterns[i];
    if (!dyad_cameo_name(p->code))
      finding(l, p->file, p->line, "code %s is not a CAMEO code ('%s')",
              p->code, p->text, "");
    if (p->code2[0] && !dyad_cameo_name(p->code2))
      finding(l, p->file, p->line, "code %s is not a CAMEO code ('%s')",
              p->code2, p->text, "");
    for (uint8_t k = 0; k < p->n_elems; k++) {
      const char *w = p->elems[k].word;
      if (!w)
        continue;
      for (const char *c = w; *c; c++) {
        unsigned char ch = (unsigned char)*c;
        if (ch >= 0x80 || isalnum(ch) || ch == '-' || ch == '\'' ||
            ch == '.' || ch == '&')
          continue;
        finding(l, p->file, p->line,
                "pattern '%s' can never match: '%s' is not a word of text",
                p->text, w, "");
        break;
      }
    }
  }
}

dyad_status dyad_dict_lint(const dyad_dict *d, dyad_dict_issue **out,
                           size_t *n) {
  if (!d || !out || !n)
    return DYAD_ERR_ARG;
  lint l = {d, NULL, 0, 0, 0};
  lint_phrases(&l);
  lint_terms(&l);
  lint_patterns(&l);
  if (l.oom) {
    dyad_dict_lint_free(l.v, l.n);
    return DYAD_ERR_NOMEM;
  }
  *out = l.v;
  *n = l.n;
  return DYAD_OK;
}

void dyad_dict_lint_free(dyad_dict_issue *findings, size_t n) {
  if (!findings)
    return;
  for (size_t i = 0; i < n; i++)
    dyad__free((void *)findings[i].message);
  dyad__free(findings);
}

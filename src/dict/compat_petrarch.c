/* compat_petrarch.c -- PETRARCH-2's verb dictionary (CAMEO.2.0.txt,
 * PETR.Validate.verbs.txt) and discards list (see compat.h).
 *
 * Verbs: synsets "&NAME" with "+member" lines; blocks "--- MEANING [CODE]
 * ---" holding verb lines ("GIVE {GAVE GIVEN GIVING} [070]", compound verbs
 * "+CORDON_OFF", "RE_+ARREST") and patterns "- PRE * POST [CODE]" where
 * "( )" marks a prepositional phrase and "{ }" a noun phrase.  As in
 * PETRARCH-2, every pattern of a block applies to every verb of the block.
 * Transformations "~ ..." are reported.  Discards: one phrase a line, "+"
 * for a whole story. */
#include "compat.h"

#include <stdio.h>
#include <string.h>

#include "../util/mem.h"



typedef struct ppat {
  char code[DYAD__CX_CODE];
  size_t line;
  dyad__cx_strs tails;
} ppat;

typedef struct pverb {
  char *text; /* dyad words: "cordon off" */
  char *before; /* a compound verb's word before it ("WIRE_+TAP": "wire"),
                   written as an element joined to the verb, or NULL */
  char code[DYAD__CX_CODE];
  int usable; /* the verb alone codes */
  size_t line;
} pverb;

typedef struct pblock {
  char code[DYAD__CX_CODE];
  int usable;
  pverb *verbs;
  size_t n_verbs, cap_verbs;
  ppat *pats;
  size_t n_pats, cap_pats;
} pblock;

static void block_clear(pblock *b) {
  for (size_t i = 0; i < b->n_verbs; i++) {
    dyad__free(b->verbs[i].text);
    dyad__free(b->verbs[i].before);
  }
  for (size_t i = 0; i < b->n_pats; i++)
    dyad__cx_strs_clear(&b->pats[i].tails);
  b->n_verbs = b->n_pats = 0;
}

/* Emits one pattern of verb pv; a compound verb's word before it goes
 * first in the tail ("tap <=wire +"). */
static int emit_verb(dyad__cx_verbs *c, const char *code, const pverb *pv,
                     const char *tail, size_t line) {
  if (!pv->before)
    return dyad__cx_emit(c, code, pv->text, tail, line);
  char buf[DYAD__CX_MAX + 8];
  int k = snprintf(buf, sizeof buf, "%s%s%s", pv->before,
                   tail && *tail ? " " : "", tail ? tail : "");
  if (k < 0 || (size_t)k >= sizeof buf)
    return dyad__cx_issue(c->d, c->file, line, "not kept: pattern too long");
  return dyad__cx_emit(c, code, pv->text, buf, line);
}

static int block_flush(dyad__cx_verbs *c, pblock *b) {
  int rc = 0;
  for (size_t v = 0; rc == 0 && v < b->n_verbs; v++) {
    const pverb *pv = &b->verbs[v];
    if (pv->usable) {
      dyad__cx_note(&c->notes, DYAD__CXN_DEFAULT_TARGET, pv->line);
      rc = emit_verb(c, pv->code, pv, "+", pv->line);
    }
  }
  /* Pattern by pattern (each verb still gets its patterns in file order). */
  for (size_t p = 0; rc == 0 && p < b->n_pats; p++)
    for (size_t v = 0; rc == 0 && v < b->n_verbs; v++)
      for (size_t t = 0; rc == 0 && t < b->pats[p].tails.n; t++)
        rc = emit_verb(c, b->pats[p].code, &b->verbs[v],
                       b->pats[p].tails.v[t], b->pats[p].line);
  if (rc == 0 && !b->n_verbs)
    for (size_t p = 0; rc == 0 && p < b->n_pats; p++)
      rc = dyad__cx_issue(c->d, c->file, b->pats[p].line,
                          "not kept: pattern of a block without verbs");
  block_clear(b);
  return rc;
}

/* A verb line: "WORD {FORMS} [CODE]", "+CORDON_OFF {...}", "RE_+ARREST". */
static int read_verb_line(dyad__cx_verbs *c, pblock *b, const char *s,
                          size_t n, size_t line) {
  const char *br = memchr(s, '[', n);
  char code[DYAD__CX_CODE];
  int usable = b->usable;
  memcpy(code, b->code, DYAD__CX_CODE);
  if (br) {
    const char *close = memchr(br, ']', n - (size_t)(br - s));
    if (!close)
      return dyad__cx_issue(c->d, c->file, line,
                            "not kept: code block without ']'");
    const char *err;
    int u = dyad__cx_verb_code(c, br + 1, (size_t)(close - br - 1), line, code,
                               &err);
    if (u < 0)
      return dyad__cx_issue(c->d, c->file, line, "%s", err);
    usable = u;
    n = (size_t)(br - s);
  }
  const char *brace = memchr(s, '{', n);
  if (brace) {
    dyad__cx_note(&c->notes, DYAD__CXN_FORMS, line);
    n = (size_t)(brace - s);
  }
  dyad__cx_trim(&s, &n);
  /* The verb word(s): a single token. */
  for (size_t i = 0; i < n; i++)
    if (s[i] == ' ' || s[i] == '\t')
      return dyad__cx_issue(c->d, c->file, line,
                            "not kept: verb line with several words (join "
                            "them with '_')");
  const char *plus = memchr(s, '+', n);
  char pre[DYAD__CX_MAX];
  int pre_n = 0;
  if (plus && plus != s) {
    /* "WIRE_+TAP": the verb is TAP, and WIRE must stand right before it. */
    if (plus[-1] != '_')
      return dyad__cx_issue(c->d, c->file, line, "not kept: malformed "
                                                 "compound verb");
    int pexact, pspaced;
    pre_n = dyad__cx_phrase(s, (size_t)(plus - 1 - s), pre, sizeof pre,
                            &pexact, &pspaced);
    if (pre_n <= 0 || memchr(pre, ' ', (size_t)pre_n))
      return dyad__cx_issue(c->d, c->file, line,
                            "cannot express: several words before the verb "
                            "(compound verb X_Y_+VERB)");
    n -= (size_t)(plus + 1 - s);
    s = plus + 1;
  } else if (plus) {
    s++;
    n--;
  }
  char buf[DYAD__CX_MAX];
  int exact, spaced;
  int k = dyad__cx_phrase(s, n, buf, sizeof buf, &exact, &spaced);
  if (k <= 0)
    return k < 0 ? dyad__cx_issue(c->d, c->file, line,
                                  "cannot express: character '%s' in a verb",
                                  buf)
                 : dyad__cx_issue(c->d, c->file, line, "not kept: empty verb");
  if (b->n_verbs == b->cap_verbs) {
    size_t nc = b->cap_verbs ? b->cap_verbs * 2 : 16;
    pverb *nv = dyad__realloc(b->verbs, nc * sizeof *nv);
    if (!nv)
      return -1;
    b->verbs = nv;
    b->cap_verbs = nc;
  }
  pverb *pv = &b->verbs[b->n_verbs];
  pv->text = dyad__strndup(buf, (size_t)k);
  pv->before = NULL;
  if (!pv->text)
    return -1;
  if (pre_n > 0) {
    /* Written "<=wire": an element before the verb, joined to it. */
    char el[DYAD__CX_MAX + 4];
    int en = snprintf(el, sizeof el, "<=%.*s", pre_n, pre);
    pv->before = en > 0 ? dyad__strndup(el, (size_t)en) : NULL;
    if (!pv->before) {
      dyad__free(pv->text);
      return -1;
    }
  }
  memcpy(pv->code, code, DYAD__CX_CODE);
  pv->usable = usable > 0;
  pv->line = line;
  b->n_verbs++;
  return 0;
}

static int read_pattern(dyad__cx_verbs *c, pblock *b, const char *s,
                        size_t n, size_t line) {
  const char *br = NULL;
  for (size_t i = n; i-- > 0;)
    if (s[i] == '[') {
      br = s + i;
      break;
    }
  const char *close = br ? memchr(br, ']', n - (size_t)(br - s)) : NULL;
  if (!close)
    return dyad__cx_issue(c->d, c->file, line,
                          "not kept: pattern without a code");
  char code[DYAD__CX_CODE];
  const char *err;
  int u = dyad__cx_verb_code(c, br + 1, (size_t)(close - br - 1), line, code,
                             &err);
  if (u < 0)
    return dyad__cx_issue(c->d, c->file, line, "%s", err);
  if (u == 0 && !code[0])
    return dyad__cx_issue(c->d, c->file, line,
                          "not kept: placeholder code [+++]");
  /* A null code [---] blocks coding when it matches; [###] discards. */
  if (b->n_pats == b->cap_pats) {
    size_t nc = b->cap_pats ? b->cap_pats * 2 : 16;
    ppat *np = dyad__realloc(b->pats, nc * sizeof *np);
    if (!np)
      return -1;
    b->pats = np;
    b->cap_pats = nc;
  }
  ppat *p = &b->pats[b->n_pats];
  memset(p, 0, sizeof *p);
  memcpy(p->code, code, DYAD__CX_CODE);
  p->line = line;
  b->n_pats++;
  return dyad__cx_pattern(c, s + 1, (size_t)(br - s - 1), line, &p->tails);
}

int dyad__compat_petrarch_verbs(dyad_dict *d, const char *file,
                                const char *data, size_t len) {
  dyad__cx_verbs c;
  memset(&c, 0, sizeof c);
  c.d = d;
  c.file = file;
  c.petrarch = 1;
  pblock b;
  memset(&b, 0, sizeof b);
  memcpy(b.code, "---", 4);
  int in_syn = 0, in_comment = 0, rc = 0;
  dyad__cx_lines it;
  dyad__cx_lines_init(&it, data, len);
  const char *s;
  size_t n;
  while (rc == 0 && dyad__cx_next(&it, &s, &n)) {
    size_t line = it.line;
    dyad__cx_trim(&s, &n);
    if (dyad__cx_xml_comment(&s, &n, &in_comment))
      continue;
    dyad__cx_cut_comment(&s, &n, 1);
    if (!n)
      continue;
    if (memchr(s, '\0', n)) {
      rc = dyad__cx_issue(d, file, line, "not kept: NUL byte in line");
      continue;
    }
    if (s[0] == '&') {
      size_t e = 1;
      while (e < n && s[e] != ' ' && s[e] != '\t')
        e++;
      rc = dyad__cx_synset_begin(&c, s, e);
      in_syn = 1;
      continue;
    }
    if (s[0] == '+' && in_syn) {
      rc = dyad__cx_synset_add(&c, s + 1, n - 1);
      continue;
    }
    in_syn = 0;
    if (n >= 3 && memcmp(s, "---", 3) == 0) {
      if ((rc = block_flush(&c, &b)))
        break;
      const char *br = memchr(s, '[', n);
      const char *close = br ? memchr(br, ']', n - (size_t)(br - s)) : NULL;
      memset(b.code, 0, DYAD__CX_CODE);
      b.usable = 0;
      if (br && close) {
        const char *err;
        int u = dyad__cx_verb_code(&c, br + 1, (size_t)(close - br - 1), line,
                                   b.code, &err);
        if (u < 0)
          rc = dyad__cx_issue(d, file, line, "%s", err);
        b.usable = u > 0;
      }
      continue;
    }
    if (s[0] == '-') {
      rc = read_pattern(&c, &b, s, n, line);
      continue;
    }
    if (s[0] == '~') {
      rc = dyad__cx_issue(d, file, line,
                          "cannot express: verb transformation '~'");
      continue;
    }
    if (s[0] == '<') {
      rc = dyad__cx_issue(d, file, line, "not kept: unknown tag");
      continue;
    }
    rc = read_verb_line(&c, &b, s, n, line);
  }
  if (rc == 0)
    rc = block_flush(&c, &b);
  block_clear(&b);
  dyad__free(b.verbs);
  dyad__free(b.pats);
  if (rc == 0)
    rc = dyad__cx_report_notes(d, file, &c.notes);
  dyad__cx_verbs_free(&c);
  return rc;
}

int dyad__compat_petrarch_discards(dyad_dict *d, const char *file,
                                   const char *data, size_t len) {
  dyad__cx_notes notes;
  memset(&notes, 0, sizeof notes);
  int in_comment = 0, rc = 0;
  dyad__cx_lines it;
  dyad__cx_lines_init(&it, data, len);
  const char *s;
  size_t n;
  while (rc == 0 && dyad__cx_next(&it, &s, &n)) {
    size_t line = it.line;
    dyad__cx_trim(&s, &n);
    if (dyad__cx_xml_comment(&s, &n, &in_comment))
      continue;
    dyad__cx_cut_comment(&s, &n, 1);
    if (!n)
      continue;
    if (s[0] == '+') {
      dyad__cx_note(&notes, DYAD__CXN_STORY, line);
      s++;
      n--;
    }
    char buf[DYAD__CX_MAX];
    int exact, spaced;
    int k = dyad__cx_phrase(s, n, buf, sizeof buf, &exact, &spaced);
    if (k <= 0) {
      rc = k < 0 ? dyad__cx_issue(d, file, line,
                                  "cannot express: character '%s' in a "
                                  "discard phrase",
                                  buf)
                 : dyad__cx_issue(d, file, line, "not kept: empty phrase");
      continue;
    }
    if (!exact)
      dyad__cx_note(&notes, DYAD__CXN_STEM, line);
    d->cur_line = (uint32_t)line;
    int r = dyad__dict_add_phrase(d, buf, (size_t)k, DYAD__K_DISCARD, 0);
    if (r < 0)
      rc = -1;
    else if (r > 0)
      rc = dyad__cx_issue(d, file, line, "not kept: phrase too long");
  }
  if (rc == 0)
    rc = dyad__cx_report_notes(d, file, &notes);
  return rc;
}

/* compat_tabari.c -- TABARI .actors, .agents and .verbs, and PETRARCH-2's
 * Phoenix actors and agents files, which keep TABARI's layout (see
 * compat.h).
 *
 * Actors: "NAME [CODE]", "+SYNONYM" lines, code lines "[CODE 991201-010114]"
 * "[CODE <991201]" "[CODE >010114]" (several on a line or on following
 * lines).  Undated code: an actor code.  Dated codes: a person with one
 * term per code (an undated code among dated ones is the default term).
 * Agents: "PHRASE [~ROLE]" or "[ROLE~]" -> the first three-letter role.
 * Verbs: synsets, verb lines "VERB [CODE]", forms "{...}", patterns
 * "- ... * ... [CODE]". */
#include "compat.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../util/mem.h"

#define MAX_ENTRY_PHRASES 512
#define MAX_ENTRY_CODES 64



/* ===== Actors ===== */

typedef struct phr {
  size_t line;
  char *text;
  int stem; /* TABARI: no final '_', the last word is a stem;
               DYAD__STEM_ENDINGS: a final '_', regular endings */
  char *gap; /* TABARI: a phrase with blanks between its words, written
                "w1 | w2" (any words may separate them), or NULL */
} phr;

typedef struct entry {
  phr phrases[MAX_ENTRY_PHRASES];
  size_t n_phrases;
  dyad__cx_code codes[MAX_ENTRY_CODES];
  size_t code_line[MAX_ENTRY_CODES];
  size_t n_codes;
  size_t null_codes, placeholders;
  size_t root_line;
  int active;
} entry;

typedef struct actx {
  dyad_dict *d;
  const char *file;
  int petrarch;
  dyad__cx_notes notes;
  entry *e;
} actx;

static void entry_clear(entry *e) {
  for (size_t i = 0; i < e->n_phrases; i++) {
    dyad__free(e->phrases[i].text);
    dyad__free(e->phrases[i].gap);
  }
  e->n_phrases = 0;
  e->n_codes = 0;
  e->null_codes = e->placeholders = 0;
  e->active = 0;
}

/* Adds a phrase to the entry being read. */
static int entry_phrase(actx *a, const char *s, size_t n, size_t line) {
  char buf[DYAD__CX_MAX];
  int exact, spaced;
  dyad__cx_trim(&s, &n);
  if (!n)
    return dyad__cx_issue(a->d, a->file, line, "not kept: empty phrase");
  int k = dyad__cx_phrase(s, n, buf, sizeof buf, &exact, &spaced);
  if (k <= 0)
    return dyad__cx_issue(a->d, a->file, line,
                          k < 0 ? "cannot express: character '%s' in an "
                                  "actor phrase"
                                : "not kept: empty phrase%s",
                          k < 0 ? buf : "");
  if (a->e->n_phrases == MAX_ENTRY_PHRASES)
    return dyad__cx_issue(a->d, a->file, line,
                          "not kept: more than %d phrases for one actor",
                          MAX_ENTRY_PHRASES);
  char *t = dyad__strndup(buf, (size_t)k);
  if (!t)
    return -1;
  a->e->phrases[a->e->n_phrases].gap = NULL;
  if (!a->petrarch && spaced) {
    /* TABARI matches the words of a phrase written with blanks ("ITHILEN
     * TELEVISION", "PRINCE DOL_AMROTH") with other words between them in
     * the text: kept also as "ithilen | television". */
    char *g = dyad__malloc(3 * n + 1);
    if (!g) {
      dyad__free(t);
      return -1;
    }
    size_t gk = 0, m = n;
    while (m && (s[m - 1] == '_' || s[m - 1] == '='))
      m--;
    for (size_t q = 0; q < m; q++) {
      if (s[q] == ' ' || s[q] == '\t') {
        if (gk && g[gk - 1] != ' ')
          memcpy(g + gk, " | ", 3), gk += 3;
        continue;
      }
      g[gk++] = s[q] == '_' ? ' ' : (char)tolower((unsigned char)s[q]);
    }
    g[gk] = '\0';
    a->e->phrases[a->e->n_phrases].gap = g;
  }
  a->e->phrases[a->e->n_phrases].stem =
      a->petrarch ? 0 : !exact ? 1 : exact == 1 ? DYAD__STEM_ENDINGS : 0;
  a->e->phrases[a->e->n_phrases].line = line;
  a->e->phrases[a->e->n_phrases++].text = t;
  return 0;
}

/* Reads the code blocks "[...]" of s into the entry. */
static int entry_codes(actx *a, const char *s, size_t n, size_t line) {
  size_t i = 0;
  while (i < n) {
    if (s[i] == ' ' || s[i] == '\t') {
      i++;
      continue;
    }
    if (s[i] != '[')
      return dyad__cx_issue(a->d, a->file, line,
                            "not kept: text after the code blocks (the codes before "
                            "it are kept)");
    const char *close = memchr(s + i, ']', n - i);
    if (!close)
      return dyad__cx_issue(a->d, a->file, line,
                            "not kept: code block without ']'");
    dyad__cx_code c;
    const char *err;
    int rc = dyad__cx_parse_code(s + i + 1, (size_t)(close - s - i - 1), &c,
                                 &err);
    i = (size_t)(close - s) + 1;
    if (rc < 0) {
      if (dyad__cx_issue(a->d, a->file, line, "not kept: %s", err))
        return -1;
      continue;
    }
    if (rc == 1)
      a->e->null_codes++;
    if (rc == 2 && c.code[0] == '+') {
      a->e->placeholders++;
      continue;
    }
    if (a->e->n_codes == MAX_ENTRY_CODES) {
      if (dyad__cx_issue(a->d, a->file, line,
                         "not kept: more than %d codes for one actor",
                         MAX_ENTRY_CODES))
        return -1;
      continue;
    }
    a->e->code_line[a->e->n_codes] = line;
    a->e->codes[a->e->n_codes++] = c;
  }
  return 0;
}

/* Adds every phrase of the entry (from the first) with kind and value;
 * TABARI's stems as stems. */
static int entry_gap(actx *a, size_t i, dyad__kind kind, int32_t value) {
  const phr *ph = &a->e->phrases[i];
  if (!ph->gap)
    return 0;
  a->d->cur_line = (uint32_t)ph->line;
  return dyad__dict_add_phrase_ex(a->d, ph->gap, strlen(ph->gap), kind, value,
                                  0) < 0
             ? -1
             : 0;
}

static int entry_phrases(actx *a, size_t from, dyad__kind kind,
                         int32_t value) {
  entry *e = a->e;
  if (from == 1 && entry_gap(a, 0, kind, value))
    return -1;
  for (size_t i = from; i < e->n_phrases; i++) {
    if (entry_gap(a, i, kind, value))
      return -1;
    a->d->cur_line = (uint32_t)e->phrases[i].line;
    int r = dyad__dict_add_phrase_ex(a->d, e->phrases[i].text,
                                     strlen(e->phrases[i].text), kind, value,
                                     e->phrases[i].stem);
    if (r < 0 || (r > 0 && dyad__cx_issue(a->d, a->file, e->phrases[i].line,
                                          "not kept: phrase too long")))
      return -1;
  }
  return 0;
}

/* Adds the entry read to the dictionary.  Undated codes: an actor (one
 * entry per code of "A/B"), a null-coded phrase [---] (recognised, not
 * coded) or a discard [###].  Dated codes: a person with one term per code
 * block, "---" and "###" included (the coder reads them as no actor and as
 * a discard at that date); an undated block among them is the default. */
static int entry_flush(actx *a) {
  entry *e = a->e;
  if (!e->active)
    return 0;
  int rc = 0;
  if (!e->n_phrases)
    goto done;
  if (!e->n_codes) {
    const char *why = e->placeholders ? "cannot express: placeholder code "
                                        "[+++]"
                                      : "not kept: actor without a code";
    rc = dyad__cx_issue(a->d, a->file, e->root_line, "%s", why);
    goto done;
  }
  size_t dated = 0;
  for (size_t i = 0; i < e->n_codes; i++)
    dated += (size_t)e->codes[i].dated;
  a->d->cur_line = (uint32_t)e->phrases[0].line;
  if (dated) {
    int32_t pi = dyad__dict_person(a->d, e->phrases[0].text,
                                   strlen(e->phrases[0].text));
    if (pi < 0) {
      rc = -1;
      goto done;
    }
    for (size_t i = 0; i < e->n_codes; i++) {
      const dyad__cx_code *c = &e->codes[i];
      if (dyad__dict_term(a->d, pi, c->code, c->n, c->from, c->to, NULL, 0)) {
        rc = -1;
        goto done;
      }
    }
    /* The name is a phrase already; a stem name also as a stem, a name
     * with a final '_' again for its endings. */
    rc = entry_phrases(a, e->phrases[0].stem ? 0 : 1, DYAD__K_PERSON, pi);
    goto done;
  }
  if (e->n_codes > 1 &&
      dyad__cx_issue(a->d, a->file, e->code_line[1],
                     "cannot express: several undated codes for one actor; "
                     "the first kept")) {
    rc = -1;
    goto done;
  }
  const dyad__cx_code *c0 = &e->codes[0];
  if (!strcmp(c0->code, "---")) {
    rc = entry_phrases(a, 0, DYAD__K_NULL, 0);
    goto done;
  }
  if (!strcmp(c0->code, "###")) {
    rc = entry_phrases(a, 0, DYAD__K_DISCARD, 0);
    goto done;
  }
  /* One entry per code of "ELR/GAL": the coder makes an event for each. */
  for (size_t st = 0; st < c0->n && rc == 0;) {
    size_t en = st;
    while (en < c0->n && c0->code[en] != '/')
      en++;
    int32_t ai = dyad__dict_actor_code(a->d, c0->code + st, en - st,
                                       e->phrases[0].text,
                                       strlen(e->phrases[0].text));
    rc = ai < 0 ? -1 : entry_phrases(a, 0, DYAD__K_ACTOR, ai);
    st = en + 1;
  }
done:
  entry_clear(e);
  return rc;
}

/* Skips a "<TAG> ... </TAG>" block of TABARI (parts of speech, synsets in
 * an actors file...): returns 1 while inside one. */
static int tabari_block(dyad_dict *d, const char *file, const char *s,
                        size_t n, size_t line, int *in_block, int *rc) {
  *rc = 0;
  if (*in_block) {
    if (n >= 2 && s[0] == '<' && s[1] == '/')
      *in_block = 0;
    return 1;
  }
  if (n >= 2 && s[0] == '<' && s[1] != '/' && s[1] != '!') {
    const char *gt = memchr(s, '>', n);
    size_t tn = gt ? (size_t)(gt - s) + 1 : n;
    *in_block = 1;
    *rc = dyad__cx_issue(d, file, line,
                         "not kept: TABARI block %.*s (parts of speech or "
                         "other lists for TABARI's own parser)",
                         (int)(tn > 40 ? 40 : tn), s);
    return 1;
  }
  if (n >= 2 && s[0] == '<' && s[1] == '/') {
    *rc = dyad__cx_issue(d, file, line, "not kept: closing tag without "
                                        "an opening one");
    return 1;
  }
  return 0;
}

/* Is s (n bytes) the tag t, whatever the case? */
static int tag_is(const char *s, size_t n, const char *t) {
  size_t k = strlen(t);
  if (n != k)
    return 0;
  for (size_t i = 0; i < k; i++)
    if (toupper((unsigned char)s[i]) != t[i])
      return 0;
  return 1;
}

/* TABARI's <NOUN> and <ADJECTIVE> blocks of an actors file: the words its
 * parser reads as nouns or adjectives, so that "sheep and goats" or "awful
 * and evil" join no compound of actors.  Kept in d->peer_pos; returns 1
 * for a line of such a block (its tags included), 0 for any other. */
static int tabari_pos_list(dyad_dict *d, const char *s, size_t n, int *pos,
                           int *rc) {
  *rc = 0;
  if (*pos) {
    if (n >= 2 && s[0] == '<' && s[1] == '/') {
      *pos = 0;
      return 1;
    }
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != '\t')
      w++;
    while (w && s[w - 1] == '_')
      w--;
    if (!w)
      return 1;
    char *key = dyad__arena_strndup(&d->arena, s, w);
    if (!key) {
      *rc = -1;
      return 1;
    }
    for (size_t i = 0; i < w; i++)
      key[i] = (char)tolower((unsigned char)key[i]);
    int ins;
    if (!dyad__strmap_put(&d->peer_pos, key, w, *pos, &ins))
      *rc = -1;
    return 1;
  }
  if (tag_is(s, n, "<NOUN>"))
    *pos = DYAD__POS_NOUN;
  else if (tag_is(s, n, "<ADJECTIVE>"))
    *pos = DYAD__POS_ADJ;
  return *pos != 0;
}

int dyad__compat_tabari_actors(dyad_dict *d, const char *file,
                               const char *data, size_t len, int petrarch) {
  actx a;
  memset(&a, 0, sizeof a);
  a.d = d;
  a.file = file;
  a.petrarch = petrarch;
  a.e = dyad__calloc(1, sizeof *a.e);
  if (!a.e)
    return -1;
  dyad__cx_lines it;
  dyad__cx_lines_init(&it, data, len);
  const char *s;
  size_t n;
  int in_block = 0, in_comment = 0, rc = 0, pos = 0;
  while (rc == 0 && dyad__cx_next(&it, &s, &n)) {
    size_t line = it.line;
    dyad__cx_trim(&s, &n);
    if (petrarch && dyad__cx_xml_comment(&s, &n, &in_comment))
      continue;
    if (!n || s[0] == '#')
      continue;
    if (!petrarch && n >= 2 && s[0] == '~' && s[1] == '~')
      break; /* ~~FINISH: the end of the dictionary */
    dyad__cx_cut_comment(&s, &n, petrarch);
    if (!n)
      continue;
    if (memchr(s, '\0', n)) {
      rc = dyad__cx_issue(d, file, line, "not kept: NUL byte in line");
      continue;
    }
    if (s[0] == '<' || in_block || pos) {
      if (!in_block && !pos && (rc = entry_flush(&a)))
        break;
      if (!petrarch && !in_block && tabari_pos_list(d, s, n, &pos, &rc))
        continue;
      if (tabari_block(d, file, s, n, line, &in_block, &rc))
        continue;
    }
    if (s[0] == '[') {
      if (!a.e->active) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: code block without an actor");
        continue;
      }
      rc = entry_codes(&a, s, n, line);
      continue;
    }
    const char *br = memchr(s, '[', n);
    size_t pn = br ? (size_t)(br - s) : n;
    if (s[0] == '+') {
      if (!a.e->active) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: synonym '+' without an actor");
        continue;
      }
      rc = entry_phrase(&a, s + 1, pn - 1, line);
    } else {
      if ((rc = entry_flush(&a)))
        break;
      a.e->active = 1;
      a.e->root_line = line;
      rc = entry_phrase(&a, s, pn, line);
    }
    if (rc == 0 && br && a.e->active)
      rc = entry_codes(&a, br, n - pn, line);
  }
  if (rc == 0)
    rc = entry_flush(&a);
  entry_clear(a.e);
  dyad__free(a.e);
  if (rc == 0)
    rc = dyad__cx_report_notes(d, file, &a.notes);
  return rc;
}

/* ===== Agents ===== */

typedef struct marker {
  char name[32];
  dyad__cx_strs items;
} marker;

/* Adds one agent phrase (peer text) as a role phrase. */
static int add_agent(dyad_dict *d, const char *file, size_t line,
                     const char *s, size_t n, int32_t ri, int plural,
                     int petrarch, dyad__cx_notes *nt) {
  char buf[DYAD__CX_MAX];
  int exact, spaced;
  int k = dyad__cx_phrase(s, n, buf, sizeof buf - 4, &exact, &spaced);
  if (k <= 0)
    return dyad__cx_issue(d, file, line,
                          k < 0 ? "cannot express: character '%s' in an agent "
                                  "phrase"
                                : "not kept: empty agent phrase%s",
                          k < 0 ? buf : "");
  int stem = !petrarch && !exact;
  if (stem)
    plural = 1; /* the stem, and its plural in "ies" */
  if (!petrarch && spaced)
    dyad__cx_note(nt, DYAD__CXN_SPACED, line);
  d->cur_line = (uint32_t)line;
  int r = dyad__dict_add_phrase_ex(
      d, buf, (size_t)k, DYAD__K_ROLE, ri,
      stem ? 1 : !petrarch && exact == 1 ? DYAD__STEM_ENDINGS : 0);
  if (r < 0)
    return -1;
  if (r > 0)
    return dyad__cx_issue(d, file, line, "not kept: phrase too long");
  if (!plural)
    return 0;
  /* The regular plural, as PETRARCH forms it. */
  char last = buf[k - 1];
  if (last == 'y') {
    memcpy(buf + k - 1, "ies", 3);
    k += 2;
  } else if (last == 's') {
    memcpy(buf + k, "es", 2);
    k += 2;
  } else {
    buf[k++] = 's';
  }
  r = dyad__dict_add_phrase(d, buf, (size_t)k, DYAD__K_ROLE, ri);
  return r < 0 ? -1 : 0;
}

int dyad__compat_agents(dyad_dict *d, const char *file, const char *data,
                        size_t len, int petrarch) {
  dyad__cx_notes notes;
  memset(&notes, 0, sizeof notes);
  marker markers[32];
  size_t n_markers = 0;
  dyad__cx_lines it;
  dyad__cx_lines_init(&it, data, len);
  const char *s;
  size_t n;
  int in_block = 0, in_comment = 0, rc = 0;
  while (rc == 0 && dyad__cx_next(&it, &s, &n)) {
    size_t line = it.line;
    dyad__cx_trim(&s, &n);
    if (petrarch && dyad__cx_xml_comment(&s, &n, &in_comment))
      continue;
    if (!n || s[0] == '#')
      continue;
    if (!petrarch && n >= 2 && s[0] == '~' && s[1] == '~')
      break;
    dyad__cx_cut_comment(&s, &n, petrarch);
    if (!n)
      continue;
    if (memchr(s, '\0', n)) {
      rc = dyad__cx_issue(d, file, line, "not kept: NUL byte in line");
      continue;
    }
    if ((s[0] == '<' || in_block) &&
        tabari_block(d, file, s, n, line, &in_block, &rc))
      continue;
    const char *br = memchr(s, '[', n);
    /* "!MARK! = A, B, C": a substitution set. */
    if (s[0] == '!' && !br && memchr(s, '=', n)) {
      const char *e2 = memchr(s + 1, '!', n - 1);
      const char *eq = memchr(s, '=', n);
      if (!e2 || e2 > eq || (size_t)(e2 - s) + 1 >= sizeof markers[0].name) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: malformed substitution set");
        continue;
      }
      if (n_markers == sizeof markers / sizeof *markers) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: more than 32 substitution sets");
        continue;
      }
      marker *m = &markers[n_markers++];
      memset(m, 0, sizeof *m);
      memcpy(m->name, s, (size_t)(e2 - s) + 1);
      const char *p = eq + 1, *end = s + n;
      while (p < end && rc == 0) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *q = comma ? comma : end;
        const char *w = p;
        size_t wn = (size_t)(q - p);
        dyad__cx_trim(&w, &wn);
        if (wn && dyad__cx_strs_push(&m->items, w, wn))
          rc = -1;
        p = q + 1;
      }
      continue;
    }
    if (!br) {
      rc = dyad__cx_issue(d, file, line, "not kept: agent without a code");
      continue;
    }
    const char *close = memchr(br, ']', n - (size_t)(br - s));
    if (!close) {
      rc = dyad__cx_issue(d, file, line, "not kept: code block without ']'");
      continue;
    }
    /* The code: "~GOVFRM" (role after the country) or "NGO~". */
    const char *c = br + 1;
    size_t cn = (size_t)(close - c);
    dyad__cx_trim(&c, &cn);
    int prefix = 0;
    if (cn && c[0] == '~') {
      c++;
      cn--;
    } else if (cn && c[cn - 1] == '~') {
      cn--;
      prefix = 1;
    } else {
      rc = dyad__cx_issue(d, file, line,
                          "not kept: agent code without '~' (~ROLE or ROLE~)");
      continue;
    }
    size_t ok = 0;
    while (ok < cn && c[ok] >= 'A' && c[ok] <= 'Z')
      ok++;
    if (cn < 3 || ok < cn || cn > 14) {
      rc = dyad__cx_issue(d, file, line,
                          "not kept: agent code is not 3 to 14 capitals");
      continue;
    }
    /* The whole agent code is kept ("GOVFRM"); one written before the
     * country ("NGO~") keeps its '~' so codes are composed NGO+ARN. */
    char role[16];
    memcpy(role, c, cn);
    if (prefix)
      role[cn++] = '~';
    role[cn] = '\0';
    int32_t ri = dyad__dict_role(d, role, cn);
    if (ri < 0) {
      rc = -1;
      break;
    }
    /* The phrase, with an optional "{plural}" (PETRARCH). */
    const char *p = s;
    size_t pn = (size_t)(br - s);
    dyad__cx_trim(&p, &pn);
    const char *brace = memchr(p, '{', pn);
    const char *plural = NULL;
    size_t pln = 0;
    int auto_plural = petrarch;
    if (brace) {
      const char *cb = memchr(brace, '}', pn - (size_t)(brace - p));
      if (!cb) {
        rc = dyad__cx_issue(d, file, line, "not kept: '{' without '}'");
        continue;
      }
      plural = brace + 1;
      pln = (size_t)(cb - plural);
      dyad__cx_trim(&plural, &pln);
      pn = (size_t)(brace - p);
      dyad__cx_trim(&p, &pn);
      auto_plural = 0;
    }
    const char *bang = memchr(p, '!', pn);
    if (bang) {
      const char *b2 = memchr(bang + 1, '!', pn - (size_t)(bang - p) - 1);
      size_t mn = b2 ? (size_t)(b2 - bang) + 1 : 0;
      marker *m = NULL;
      for (size_t k = 0; b2 && k < n_markers; k++)
        if (strlen(markers[k].name) == mn &&
            memcmp(markers[k].name, bang, mn) == 0)
          m = &markers[k];
      if (!m) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: undefined substitution set !...!");
        continue;
      }
      for (size_t k = 0; k < m->items.n && rc == 0; k++) {
        char buf[DYAD__CX_MAX];
        int bn = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(bang - p), p,
                          m->items.v[k], (int)(pn - (size_t)(b2 + 1 - p)),
                          b2 + 1);
        if (bn < 0 || (size_t)bn >= sizeof buf) {
          rc = dyad__cx_issue(d, file, line, "not kept: phrase too long");
          break;
        }
        rc = add_agent(d, file, line, buf, (size_t)bn, ri, 0, petrarch,
                       &notes);
      }
      continue;
    }
    rc = add_agent(d, file, line, p, pn, ri, auto_plural, petrarch, &notes);
    if (rc == 0 && pln)
      rc = add_agent(d, file, line, plural, pln, ri, 0, petrarch, &notes);
  }
  for (size_t k = 0; k < n_markers; k++)
    dyad__cx_strs_clear(&markers[k].items);
  if (rc == 0)
    rc = dyad__cx_report_notes(d, file, &notes);
  return rc;
}

/* ===== TABARI verbs ===== */

/* The dyad text of a verb line's words ("APPRECIATE POSITION", "ACT_"). */
static int verb_text(const char *s, size_t n, char *out, size_t cap,
                     const char **bad, int *exact) {
  int spaced;
  int k = dyad__cx_phrase(s, n, out, cap, exact, &spaced);
  *bad = k < 0 ? out : NULL;
  return k;
}

/* A line of TABARI's <TIME> block: a phrase coded [###] ("KAN_WA_MA_KAN
 * [###]") discards the sentence holding it; the time shifts are not kept. */
static int time_discard(dyad_dict *d, const char *s, size_t n, size_t line) {
  const char *br = memchr(s, '[', n);
  if (!br || s[0] == '-' || (size_t)(s + n - br) < 4 ||
      memcmp(br + 1, "###", 3) != 0)
    return 0;
  char phrase[DYAD__CX_MAX];
  const char *bad;
  int exact;
  int k = verb_text(s, (size_t)(br - s), phrase, sizeof phrase, &bad, &exact);
  if (k <= 0)
    return 0;
  d->cur_line = (uint32_t)line;
  return dyad__dict_add_phrase_ex(d, phrase, strlen(phrase), DYAD__K_DISCARD,
                                  0, !exact) < 0
             ? -1
             : 0;
}

/* A verb written with a final '_' (DEPART_) is no stem: marks the verb
 * record of its first word (how: 1 for '_', 2 for '=', no ending). */
static void mark_exact(dyad_dict *d, const char *verb, int how) {
  size_t w = strcspn(verb, " ");
  dyad__verb *v = (dyad__verb *)dyad__dict_verb(d, verb, w);
  if (v && v->exact < how)
    v->exact = (uint8_t)how;
}

/* Reads a verb forms list "{ ACTING_ ACTXD_ ACTUALITY }" (s after the
 * '{'): each form, lower case, followed by the verb's words after its
 * first ("mend relations" gives "mending relations"), into forms; a form
 * ending in '_' is exact (exact_of, by index).  Returns 0, or -1 on OOM. */
#define MAX_FORMS 32

static int read_forms(const char *s, size_t n, const char *verb,
                      dyad__cx_strs *forms, uint8_t exact_of[MAX_FORMS]) {
  const char *rest = verb + strcspn(verb, " ");
  size_t i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
      i++;
    size_t b = i;
    while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '}')
      i++;
    if (i > b) {
      char w[DYAD__CX_MAX];
      size_t k = 0;
      for (size_t j = b; j < i && k + 1 < 128; j++)
        w[k++] = (char)tolower((unsigned char)s[j]);
      int exact = k && w[k - 1] == '_';
      if (exact)
        k--;
      if (k && forms->n < MAX_FORMS) {
        int m = snprintf(w + k, sizeof w - k, "%s", rest);
        if (m < 0 || (size_t)m >= sizeof w - k)
          m = 0;
        if (dyad__cx_strs_push(forms, w, k + (size_t)m) != 0)
          return -1;
        exact_of[forms->n - 1] = (uint8_t)exact;
      }
    }
    if (i < n && s[i] == '}')
      break;
  }
  return 0;
}

int dyad__compat_tabari_verbs(dyad_dict *d, const char *file,
                              const char *data, size_t len) {
  dyad__cx_verbs c;
  memset(&c, 0, sizeof c);
  c.d = d;
  c.file = file;
  c.petrarch = 0;
  dyad__cx_strs tails;
  memset(&tails, 0, sizeof tails);
  char verb[DYAD__CX_MAX];
  int have_verb = 0;       /* a usable verb is current */
  dyad__cx_strs forms;     /* its further forms, with the verb's other words */
  memset(&forms, 0, sizeof forms);
  uint8_t forms_exact[MAX_FORMS];
  char verb_code[DYAD__CX_CODE] = "";
  int verb_usable = 0;
  size_t verb_line = 0;
  int in_skip = 0, in_synsets = 0, in_syn = 0, in_time = 0;
  dyad__cx_lines it;
  dyad__cx_lines_init(&it, data, len);
  const char *s;
  size_t n;
  int rc = 0;
  while (rc == 0 && dyad__cx_next(&it, &s, &n)) {
    size_t line = it.line;
    dyad__cx_trim(&s, &n);
    if (!n || s[0] == '#')
      continue;
    if (n >= 2 && s[0] == '~' && s[1] == '~')
      break;
    dyad__cx_cut_comment(&s, &n, 0);
    if (!n)
      continue;
    if (memchr(s, '\0', n)) {
      rc = dyad__cx_issue(d, file, line, "not kept: NUL byte in line");
      continue;
    }
    if (s[0] == '<') {
      if (n >= 9 && memcmp(s, "<SYNSETS>", 9) == 0) {
        in_synsets = 1;
        continue;
      }
      if (n >= 10 && memcmp(s, "</SYNSETS>", 10) == 0) {
        in_synsets = in_syn = in_skip = 0;
        continue;
      }
      if (s[1] == '/') {
        in_skip = in_time = 0;
        continue;
      }
      in_skip = 1;
      in_time = n >= 6 && memcmp(s, "<TIME>", 6) == 0;
      rc = dyad__cx_issue(d, file, line,
                          "not kept: TABARI block %.*s (time shifts and other "
                          "lists dyad does not use)",
                          (int)(n > 40 ? 40 : n), s);
      continue;
    }
    if (in_time) {
      rc = time_discard(d, s, n, line);
      continue;
    }
    if (in_skip)
      continue;
    if (s[0] == '&') {
      size_t e = 1;
      while (e < n && s[e] != ' ' && s[e] != '\t')
        e++;
      rc = dyad__cx_synset_begin(&c, s, e);
      in_syn = 1;
      continue;
    }
    if (s[0] == '+') {
      if (!in_syn) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: synset member '+' without a synset");
        continue;
      }
      rc = dyad__cx_synset_add(&c, s + 1, n - 1);
      continue;
    }
    in_syn = 0;
    (void)in_synsets;
    if (s[0] == '{') {
      /* "{ ACTING_ ACTXD_ ACTUALITY }": further forms of the verb, each
       * read as the verb itself. */
      if (!have_verb)
        continue;
      dyad__cx_strs_clear(&forms);
      rc = read_forms(s + 1, n - 1, verb, &forms, forms_exact);
      if (rc == 0 && verb_usable > 0)
        for (size_t i = 0; rc == 0 && i < forms.n; i++)
          rc = dyad__cx_emit(&c, verb_code, forms.v[i], "+?", line);
      for (size_t i = 0; rc == 0 && i < forms.n; i++)
        if (forms_exact[i])
          mark_exact(d, forms.v[i], 1);
      continue;
    }
    /* The code block at the end of the line. */
    const char *br = NULL;
    for (size_t i = n; i-- > 0;)
      if (s[i] == '[') {
        br = s + i;
        break;
      }
    const char *close = br ? memchr(br, ']', n - (size_t)(br - s)) : NULL;
    char code[DYAD__CX_CODE];
    const char *err = NULL;
    int usable = 0;
    if (br && close) {
      usable = dyad__cx_verb_code(&c, br + 1, (size_t)(close - br - 1), line,
                                  code, &err);
    } else if (s[0] == '-') {
      rc = dyad__cx_issue(d, file, line, "not kept: pattern without a code");
      continue;
    }
    if (s[0] == '-') {
      if (!have_verb) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: pattern of an unusable or missing "
                            "verb");
        continue;
      }
      if (usable < 0) {
        rc = dyad__cx_issue(d, file, line, "%s", err);
        continue;
      }
      if (usable == 0 && !code[0]) {
        rc = dyad__cx_issue(d, file, line,
                            "not kept: placeholder code [+++]");
        continue;
      }
      /* A null code [---] blocks coding when it matches, a discard [###]
       * discards the sentence. */
      dyad__cx_strs_clear(&tails);
      rc = dyad__cx_pattern(&c, s + 1, (size_t)(br - s - 1), line, &tails);
      d->cur_synset = memchr(s, '&', (size_t)(br - s)) != NULL;
      for (size_t i = 0; rc == 0 && i < tails.n; i++) {
        rc = dyad__cx_emit(&c, code, verb, tails.v[i], line);
        for (size_t f = 0; rc == 0 && f < forms.n; f++)
          rc = dyad__cx_emit(&c, code, forms.v[f], tails.v[i], line);
      }
      d->cur_synset = 0;
      continue;
    }
    /* A verb line: "VERB words [CODE]". */
    have_verb = 0;
    dyad__cx_strs_clear(&forms);
    verb_usable = usable;
    memcpy(verb_code, code, sizeof verb_code);
    const char *bad;
    int exact;
    int k = verb_text(s, br ? (size_t)(br - s) : n, verb, sizeof verb, &bad,
                      &exact);
    if (k <= 0) {
      rc = k < 0 ? dyad__cx_issue(d, file, line,
                                  "cannot express: character '%s' in a verb",
                                  bad)
                 : dyad__cx_issue(d, file, line, "not kept: empty verb");
      continue;
    }
    have_verb = 1; /* a stem verb: the coder matches words it begins */
    verb_line = line;
    if (usable < 0) {
      rc = dyad__cx_issue(d, file, line, "%s", err);
      continue;
    }
    if (usable > 0) {
      /* A verb alone takes TABARI's default target, as TABARI does. */
      d->cur_subordinate = (uint8_t)c.subordinate;
      d->cur_dominant = (uint8_t)c.dominant;
      rc = dyad__cx_emit(&c, code, verb, "+?", line);
      d->cur_subordinate = d->cur_dominant = 0;
      if (rc == 0 && exact)
        mark_exact(d, verb, exact);
    } else if (code[0] == '#') {
      /* "DAVIS_CUP [###]": a sentence holding the words is discarded. */
      d->cur_line = (uint32_t)line;
      int r = dyad__dict_add_phrase_ex(d, verb, strlen(verb), DYAD__K_DISCARD,
                                       0, !exact);
      if (r < 0)
        rc = -1;
      have_verb = 0;
    }
  }
  (void)verb_line;
  dyad__cx_strs_clear(&tails);
  dyad__cx_strs_clear(&forms);
  if (rc == 0)
    rc = dyad__cx_report_notes(d, file, &c.notes);
  dyad__cx_verbs_free(&c);
  return rc;
}

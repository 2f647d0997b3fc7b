/* compat.c -- readers of the peers' dictionary formats (see compat.h):
 * format detection and dispatch, TABARI .options and .project files, and
 * the helpers shared by compat_tabari.c and compat_petrarch.c (lines,
 * phrases, code blocks, dates, verb patterns). */
#include "compat.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/mem.h"

#define MAX_EXPANSIONS 512 /* dyad patterns made from one peer pattern */
#define MAX_DEPTH 8        /* synsets within synsets */
#define MAX_PROJECT_DEPTH 4
#define MAX_PEER_FILE ((size_t)256 << 20)

/* ===== Detection and dispatch ===== */

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
      strncmp(base, "CAMEO.2.0", 9) == 0) {
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

static int load_options(dyad_dict *d, const char *file, const char *data,
                        size_t len);
static int load_project(dyad_dict *d, const char *file, const char *data,
                        size_t len, int depth);

static int compat_load(dyad_dict *d, dyad__compat fmt, const char *file,
                       const char *data, size_t len, int depth) {
  switch (fmt) {
  case DYAD__COMPAT_TABARI_ACTORS:
  case DYAD__COMPAT_TABARI_AGENTS:
  case DYAD__COMPAT_TABARI_VERBS:
    d->peer_format |= DYAD__PEER_TABARI;
    break;
  case DYAD__COMPAT_PETRARCH_ACTORS:
  case DYAD__COMPAT_PETRARCH_AGENTS:
  case DYAD__COMPAT_PETRARCH_VERBS:
  case DYAD__COMPAT_PETRARCH_DISCARDS:
    d->peer_format |= DYAD__PEER_PETRARCH;
    break;
  default:
    break;
  }
  switch (fmt) {
  case DYAD__COMPAT_TABARI_ACTORS:
    return dyad__compat_tabari_actors(d, file, data, len, 0);
  case DYAD__COMPAT_PETRARCH_ACTORS:
    return dyad__compat_tabari_actors(d, file, data, len, 1);
  case DYAD__COMPAT_TABARI_AGENTS:
    return dyad__compat_agents(d, file, data, len, 0);
  case DYAD__COMPAT_PETRARCH_AGENTS:
    return dyad__compat_agents(d, file, data, len, 1);
  case DYAD__COMPAT_TABARI_VERBS:
    return dyad__compat_tabari_verbs(d, file, data, len);
  case DYAD__COMPAT_PETRARCH_VERBS:
    return dyad__compat_petrarch_verbs(d, file, data, len);
  case DYAD__COMPAT_PETRARCH_DISCARDS:
    return dyad__compat_petrarch_discards(d, file, data, len);
  case DYAD__COMPAT_TABARI_OPTIONS:
    return load_options(d, file, data, len);
  case DYAD__COMPAT_TABARI_PROJECT:
    return load_project(d, file, data, len, depth);
  case DYAD__COMPAT_NONE:
    break;
  }
  return dyad__dict_issue(d, file, 1, "not a peer dictionary format");
}

int dyad__compat_load(dyad_dict *d, dyad__compat fmt, const char *file,
                      const char *data, size_t len) {
  return compat_load(d, fmt, file, data, len, 0);
}

/* ===== Lines, issues, notes ===== */

void dyad__cx_lines_init(dyad__cx_lines *it, const char *data, size_t len) {
  it->data = data;
  it->len = data ? len : 0;
  it->pos = 0;
  it->line = 0;
}

int dyad__cx_next(dyad__cx_lines *it, const char **s, size_t *n) {
  if (it->pos >= it->len)
    return 0;
  size_t e = it->pos;
  while (e < it->len && it->data[e] != '\n')
    e++;
  *s = it->data + it->pos;
  *n = e - it->pos;
  it->pos = e + 1;
  it->line++;
  return 1;
}

void dyad__cx_trim(const char **s, size_t *n) {
  while (*n && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\f' ||
                **s == '\v')) {
    (*s)++;
    (*n)--;
  }
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\f' ||
                (*s)[*n - 1] == '\v'))
    (*n)--;
}

int dyad__cx_issue(dyad_dict *d, const char *file, size_t line,
                   const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return dyad__dict_issue(d, file, line, buf);
}

void dyad__cx_note(dyad__cx_notes *nt, int kind, size_t line) {
  if (kind < 0 || kind >= DYAD__CXN_COUNT)
    return;
  if (!nt->count[kind]++)
    nt->first[kind] = line;
}

int dyad__cx_report_notes(dyad_dict *d, const char *file,
                          const dyad__cx_notes *nt) {
  static const char *const what[DYAD__CXN_COUNT] = {
      "stem entries read as whole words (a peer's word without a final "
      "'_' matches any word beginning with it)",
      "phrases whose blanks let other words come between in TABARI, read as "
      "consecutive words",
      "story-level discards ('+') read as sentence-level",
      "'^' skips dropped (TABARI's; dyad lets words come between anyway)",
      "dominant '!' or subordinate '?' code markers dropped (PETRARCH has "
      "no such codes)",
      "paired codes [A:B] whose second code is not a code: only A kept",
      "patterns without '+': the target read after the pattern's words "
      "(PETRARCH's default target)",
      "'+ * BY $' patterns read as the verb's passive (dyad's automatic "
      "passive)",
      "verb form lists ignored (dyad lemmatises the text)",
      "more duplicate patterns made from lines whose first duplicate is "
      "reported"};
  for (int k = 0; k < DYAD__CXN_COUNT; k++)
    if (nt->count[k] &&
        dyad__cx_issue(d, file, nt->first[k], "approximated: %zu %s",
                       nt->count[k], what[k]))
      return -1;
  return 0;
}

/* ===== Phrases, codes, dates ===== */

int dyad__cx_phrase(const char *s, size_t n, char *out, size_t cap,
                    int *exact, int *spaced) {
  dyad__cx_trim(&s, &n);
  *exact = n && s[n - 1] == '_';
  if (n > 1 && s[n - 1] == '=') {
    /* TABARI's "MOUSE=", "BAN=": the word itself, without even the
     * regular endings a final '_' allows. */
    n--;
    *exact = 2;
  }
  *spaced = 0;
  size_t k = 0;
  int gap = 0, blank = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '_' || ch == ' ' || ch == '\t') {
      if (ch != '_')
        blank = 1;
      gap = k > 0;
      continue;
    }
    if (ch < 0x20 || ch == '[' || ch == ']' || ch == '{' || ch == '}' ||
        ch == '~' || ch == '=' || ch == '|' || ch == '*' || ch == '<' ||
        ch == '>') {
      if (cap >= 2) {
        out[0] = ch < 0x20 ? '^' : (char)ch;
        out[1] = '\0';
      }
      return -1;
    }
    if (gap) {
      if (blank)
        *spaced = 1;
      if (k + 1 >= cap)
        return -1;
      out[k++] = ' ';
    }
    gap = blank = 0;
    if (k + 1 >= cap) {
      if (cap >= 2) {
        out[0] = '#';
        out[1] = '\0';
      }
      return -1;
    }
    out[k++] = (char)(ch < 0x80 ? tolower(ch) : ch);
  }
  if (cap)
    out[k < cap ? k : cap - 1] = '\0';
  return (int)k;
}

int32_t dyad__cx_date(const char *s, size_t n) {
  if (n < 6 || n > 8)
    return -1;
  for (size_t i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i]))
      return -1;
  int y, m, dd;
  if (n == 8) {
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
        (s[3] - '0');
    m = (s[4] - '0') * 10 + (s[5] - '0');
    dd = (s[6] - '0') * 10 + (s[7] - '0');
  } else {
    /* YYMMDD; a seventh character is ignored, as the peers do. */
    y = (s[0] - '0') * 10 + (s[1] - '0');
    y += y <= 30 ? 2000 : 1900;
    m = (s[2] - '0') * 10 + (s[3] - '0');
    dd = (s[4] - '0') * 10 + (s[5] - '0');
  }
  static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
    return -1;
  if (m == 2 && dd == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
    return -1;
  return (int32_t)(y * 10000 + m * 100 + dd);
}

int dyad__cx_parse_code(const char *s, size_t n, dyad__cx_code *out,
                        const char **err) {
  memset(out, 0, sizeof *out);
  dyad__cx_trim(&s, &n);
  *err = NULL;
  size_t i = 0;
  while (i < n && s[i] != ' ' && s[i] != '\t')
    i++;
  const char *c = s;
  size_t cn = i;
  if (!cn) {
    *err = "empty code block []";
    return -1;
  }
  if (isdigit((unsigned char)c[0]) || c[0] == '<' || c[0] == '>') {
    *err = "code block without a code (a date alone)";
    return -1;
  }
  /* The rest, blanks removed: "991201-010114", "<911226", ">990816". */
  char rest[64];
  size_t rn = 0;
  for (size_t j = i; j < n; j++) {
    if (s[j] == ' ' || s[j] == '\t')
      continue;
    if (rn + 1 >= sizeof rest) {
      *err = "malformed date in a code block";
      return -1;
    }
    rest[rn++] = s[j];
  }
  rest[rn] = '\0';
  int kind = 0;
  if (cn == 3 && (memcmp(c, "---", 3) == 0))
    kind = 1;
  else if (cn == 3 && (memcmp(c, "###", 3) == 0 || memcmp(c, "+++", 3) == 0))
    kind = 2;
  if (cn >= sizeof out->code) {
    *err = "actor code must have 3 to 15 characters";
    return -1;
  }
  /* "ELR/GAL": several codes, each checked; the whole kept. */
  size_t part = 0;
  out->several = 0;
  for (size_t j = 0; j <= cn && !kind; j++) {
    if (j < cn && c[j] != '/') {
      if (!((c[j] >= 'A' && c[j] <= 'Z') || (c[j] >= '0' && c[j] <= '9'))) {
        *err = "actor code is not upper-case letters and digits";
        return -1;
      }
      part++;
      continue;
    }
    if (part < 3) {
      *err = "actor code must have 3 to 15 characters";
      return -1;
    }
    out->several++;
    part = 0;
  }
  if (out->several < 2)
    out->several = 0;
  memcpy(out->code, c, cn);
  out->code[cn] = '\0';
  out->n = cn;
  if (!rn)
    return kind;
  out->dated = 1;
  if (rest[0] == '<' || rest[0] == '>') {
    int32_t v = dyad__cx_date(rest + 1, rn - 1);
    if (v < 0) {
      *err = "malformed date in a code block (YYMMDD)";
      return -1;
    }
    if (rest[0] == '<')
      out->to = v;
    else
      out->from = v;
    return kind;
  }
  const char *dash = memchr(rest, '-', rn);
  if (!dash) {
    *err = "malformed date range in a code block (YYMMDD-YYMMDD)";
    return -1;
  }
  int32_t a = dyad__cx_date(rest, (size_t)(dash - rest));
  int32_t b = dyad__cx_date(dash + 1, rn - (size_t)(dash - rest) - 1);
  if (a < 0 || b < 0) {
    *err = "malformed date in a code block (YYMMDD-YYMMDD)";
    return -1;
  }
  if (b < a) {
    *err = "date range ends before it begins";
    return -1;
  }
  out->from = a;
  out->to = b;
  return kind;
}

/* ===== .options ===== */

static int load_options(dyad_dict *d, const char *file, const char *data,
                        size_t len) {
  dyad__cx_lines it;
  dyad__cx_lines_init(&it, data, len);
  const char *s;
  size_t n;
  while (dyad__cx_next(&it, &s, &n)) {
    dyad__cx_trim(&s, &n);
    if (!n || (n >= 2 && s[0] == '/' && s[1] == '/'))
      continue;
    /* Labels of codes: understood, dyad names codes itself. */
    if ((n >= 6 && memcmp(s, "LABEL:", 6) == 0) ||
        (n >= 10 && memcmp(s, "SET: LABEL", 10) == 0))
      continue;
    if (dyad__cx_issue(d, file, it.line, "not kept: TABARI option '%.*s'",
                       (int)(n > 80 ? 80 : n), s))
      return -1;
  }
  return 0;
}

/* ===== .project ===== */

/* Reads a file whole; NULL when it cannot. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = dyad__malloc(cap);
  while (buf) {
    if (n == cap) {
      if (cap >= MAX_PEER_FILE) {
        dyad__free(buf);
        buf = NULL;
        break;
      }
      char *nb = dyad__realloc(buf, cap * 2);
      if (!nb) {
        dyad__free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (r == 0)
      break;
  }
  if (buf && ferror(f)) {
    dyad__free(buf);
    buf = NULL;
  }
  fclose(f);
  *len = n;
  return buf;
}

/* Records path among the dictionary's files (as dict.c does for every file
 * it loads) and makes it the current one; returns its copy or NULL. */
static const char *add_file(dyad_dict *d, const char *path, size_t n) {
  const char *copy = dyad__arena_strndup(&d->arena, path, n);
  if (!copy)
    return NULL;
  if (d->n_files == d->cap_files) {
    size_t nc = d->cap_files ? d->cap_files * 2 : 16;
    const char **nf = dyad__realloc((void *)d->files, nc * sizeof *nf);
    if (!nf)
      return NULL;
    d->files = nf;
    d->cap_files = nc;
  }
  d->files[d->n_files] = copy;
  d->cur_file = (uint16_t)(d->n_files < 65535 ? d->n_files : 65535);
  d->n_files++;
  return copy;
}

static int load_project(dyad_dict *d, const char *file, const char *data,
                        size_t len, int depth) {
  static const char *const dict_tags[] = {"<actorsfile>", "<verbsfile>",
                                          "<agentsfile>", "<optionsfile>",
                                          "<issuesfile>", "<discardfile>"};
  const char *slash = strrchr(file, '/');
  size_t dir_n = slash ? (size_t)(slash - file) + 1 : 0;
  dyad__cx_lines it;
  dyad__cx_lines_init(&it, data, len);
  const char *s;
  size_t n;
  while (dyad__cx_next(&it, &s, &n)) {
    dyad__cx_trim(&s, &n);
    if (!n || s[0] != '<')
      continue;
    size_t t;
    for (t = 0; t < sizeof dict_tags / sizeof *dict_tags; t++) {
      size_t tl = strlen(dict_tags[t]);
      if (n > tl && memcmp(s, dict_tags[t], tl) == 0)
        break;
    }
    if (t == sizeof dict_tags / sizeof *dict_tags)
      continue; /* text, output, coder, session records: not dictionaries */
    const char *name = (const char *)memchr(s, '>', n) + 1;
    size_t nn = n - (size_t)(name - s);
    dyad__cx_trim(&name, &nn);
    if (!nn)
      continue;
    if (depth >= MAX_PROJECT_DEPTH) {
      if (dyad__cx_issue(d, file, it.line,
                         "not kept: project files nested too deeply"))
        return -1;
      continue;
    }
    char path[4096];
    if (name[0] == '/' || !dir_n)
      snprintf(path, sizeof path, "%.*s", (int)nn, name);
    else
      snprintf(path, sizeof path, "%.*s%.*s", (int)dir_n, file, (int)nn,
               name);
    size_t flen = 0;
    char *buf = slurp(path, &flen);
    if (!buf) {
      if (dyad__cx_issue(d, file, it.line, "cannot read the file '%s'", path))
        return -1;
      continue;
    }
    dyad__compat fmt = dyad__compat_format(path, buf, flen);
    uint16_t save_file = d->cur_file;
    uint32_t save_line = d->cur_line;
    int rc;
    if (fmt == DYAD__COMPAT_NONE) {
      rc = dyad__cx_issue(d, file, it.line,
                          "not kept: '%s' is not in a peer format known to "
                          "the project reader",
                          path);
    } else {
      const char *copy = add_file(d, path, strlen(path));
      rc = copy ? compat_load(d, fmt, copy, buf, flen, depth + 1) : -1;
    }
    dyad__free(buf);
    d->cur_file = save_file;
    d->cur_line = save_line;
    if (rc)
      return -1;
  }
  return 0;
}

/* ===== Verb patterns ===== */

int dyad__cx_strs_push(dyad__cx_strs *l, const char *s, size_t n) {
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 8;
    char **nv = dyad__realloc(l->v, nc * sizeof *nv);
    if (!nv)
      return -1;
    l->v = nv;
    l->cap = nc;
  }
  char *c = dyad__strndup(s, n);
  if (!c)
    return -1;
  l->v[l->n++] = c;
  return 0;
}

void dyad__cx_strs_clear(dyad__cx_strs *l) {
  for (size_t i = 0; i < l->n; i++)
    dyad__free(l->v[i]);
  dyad__free(l->v);
  memset(l, 0, sizeof *l);
}

int dyad__cx_synset_begin(dyad__cx_verbs *c, const char *s, size_t n) {
  if (c->n_syn == c->cap_syn) {
    size_t nc = c->cap_syn ? c->cap_syn * 2 : 16;
    dyad__cx_synset *ns = dyad__realloc(c->syn, nc * sizeof *ns);
    if (!ns)
      return -1;
    c->syn = ns;
    c->cap_syn = nc;
  }
  dyad__cx_synset *y = &c->syn[c->n_syn];
  memset(y, 0, sizeof *y);
  y->name = dyad__strndup(s, n);
  if (!y->name)
    return -1;
  c->n_syn++;
  return 0;
}

int dyad__cx_synset_add(dyad__cx_verbs *c, const char *s, size_t n) {
  if (!c->n_syn)
    return 0;
  return dyad__cx_strs_push(&c->syn[c->n_syn - 1].members, s, n);
}

void dyad__cx_verbs_free(dyad__cx_verbs *c) {
  for (size_t i = 0; i < c->n_syn; i++) {
    dyad__free(c->syn[i].name);
    dyad__cx_strs_clear(&c->syn[i].members);
  }
  dyad__free(c->syn);
  c->syn = NULL;
  c->n_syn = c->cap_syn = 0;
}

/* Checks one code (2-4 characters, digits or a trailing letter as in
 * TABARI's "075A"); returns its length or 0. */
static size_t code_ok(const char *s, size_t n) {
  if (n < 2 || n > 4)
    return 0;
  /* Digits, and in a four-character code a capital letter last (TABARI's
   * demo subcodes "174K", "075A"). */
  for (size_t i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i]) &&
        !(i == 3 && isupper((unsigned char)s[i])))
      return 0;
  return n;
}

int dyad__cx_verb_code(dyad__cx_verbs *c, const char *s, size_t n,
                       size_t line, char out[DYAD__CX_CODE], const char **err) {
  dyad__cx_trim(&s, &n);
  *err = NULL;
  memset(out, 0, DYAD__CX_CODE);
  c->subordinate = n > 0 && s[n - 1] == '?';
  c->dominant = n > 0 && s[n - 1] == '!';
  if (n == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "###", 3) == 0)) {
    memcpy(out, s, 3); /* null or discard: the caller decides */
    return 0;
  }
  if (n == 3 && memcmp(s, "+++", 3) == 0)
    return 0;
  /* Paired codes "[032:033]": the first for source -> target, the second
   * for the reverse event (a visit and its hosting); dyad's verb format
   * writes them "032:033". */
  const char *b = NULL;
  size_t bn = 0;
  const char *colon = memchr(s, ':', n);
  if (colon) {
    if (colon == s) {
      *err = "cannot express: paired code with only the second event [:B]";
      return -1;
    }
    b = colon + 1;
    bn = n - (size_t)(b - s);
    n = (size_t)(colon - s);
    dyad__cx_trim(&s, &n);
    dyad__cx_trim(&b, &bn);
    if (bn && bn >= 1 && (b[bn - 1] == '!' || b[bn - 1] == '?'))
      bn--;
  }
  if (n && (s[n - 1] == '!' || s[n - 1] == '?')) {
    /* TABARI's reading honours them (c->subordinate, c->dominant);
     * PETRARCH has no such codes. */
    if (c->petrarch)
      dyad__cx_note(&c->notes, DYAD__CXN_DOMINANT, line);
    n--;
  }
  if (n == 3 && memcmp(s, "---", 3) == 0) {
    memcpy(out, "---", 3);
    return 0;
  }
  if (!code_ok(s, n)) {
    *err = "not kept: the code is not a CAMEO code";
    return -1;
  }
  /* Codes outside CAMEO (the TABARI demo dictionaries use WEIS codes) are
   * kept: the validation suites expect them back. */
  memcpy(out, s, n);
  if (b && code_ok(b, bn)) {
    out[n] = ':';
    memcpy(out + n + 1, b, bn);
  } else if (b && bn && !(bn == 3 && memcmp(b, "---", 3) == 0)) {
    dyad__cx_note(&c->notes, DYAD__CXN_PAIRED, line);
  }
  return 1;
}

/* The synset whose name is the longest prefix of s (s starts with '&'). */
static const dyad__cx_synset *find_synset(const dyad__cx_verbs *c,
                                          const char *s, size_t n,
                                          size_t *used) {
  const dyad__cx_synset *best = NULL;
  size_t best_n = 0;
  for (size_t i = 0; i < c->n_syn; i++) {
    size_t k = strlen(c->syn[i].name);
    if (k > best_n && k <= n && memcmp(c->syn[i].name, s, k) == 0 &&
        (k == n || !(isalnum((unsigned char)s[k]) || s[k] == '\'' ||
                     s[k] == '-') ||
         c->syn[i].name[k - 1] == '_')) {
      best = &c->syn[i];
      best_n = k;
    }
  }
  /* "&NAME" written for a synset defined as "&NAME_". */
  if (!best)
    for (size_t i = 0; i < c->n_syn; i++) {
      size_t k = strlen(c->syn[i].name);
      if (k >= 2 && c->syn[i].name[k - 1] == '_' && k - 1 <= n &&
          memcmp(c->syn[i].name, s, k - 1) == 0 &&
          (k - 1 == n || !(isalnum((unsigned char)s[k - 1])))) {
        best = &c->syn[i];
        best_n = k - 1;
        break;
      }
    }
  *used = best_n;
  return best;
}

typedef struct expand_state {
  dyad__cx_verbs *c;
  size_t line;
  dyad__cx_strs *tails;
  size_t made;
  const char *problem; /* the line's first problem */
  char problem_buf[160];
  int oom;
} expand_state;

static void problem(expand_state *st, const char *msg) {
  if (!st->problem) {
    snprintf(st->problem_buf, sizeof st->problem_buf, "%s", msg);
    st->problem = st->problem_buf;
  }
}

static int is_aux(const char *w, size_t n) {
  static const char *const aux[] = {"was", "were", "is", "are", "been",
                                    "be", "being", "has", "have", "had"};
  for (size_t i = 0; i < sizeof aux / sizeof *aux; i++)
    if (strlen(aux[i]) == n && memcmp(aux[i], w, n) == 0)
      return 1;
  return 0;
}

/* Converts one fully expanded pattern into a tail. */
static void convert(expand_state *st, const char *s, size_t n) {
  typedef struct tok {
    const char *s;
    size_t n;
  } tok;
  tok t[96];
  /* TABARI's connectors: joined[k], token k follows token k-1 with only
   * '_' between ("FOR_ASYLUM", "IN_*": adjacent words); exact[k], the
   * word ends in '_' before a space ("IN_ *": the word itself, not a
   * stem). */
  uint8_t joined[96], exact[96];
  size_t nt = 0;
  size_t i = 0;
  int seen_us = 0, seen_space = 0;
  while (i < n) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == ' ' || ch == '\t' || ch == '_' || ch == '\r') {
      if (ch == '_')
        seen_us = 1;
      else
        seen_space = 1;
      if (nt && ch == '_' && i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t' &&
          s[i - 1] != '_' && s[i - 1] != '~')
        exact[nt - 1] = 1;
      i++;
      continue;
    }
    if (nt < sizeof t / sizeof *t) {
      joined[nt] = (uint8_t)(nt && seen_us && !seen_space);
      exact[nt] = 0;
    }
    seen_us = seen_space = 0;
    if (st->c->petrarch && (ch == '(' || ch == ')' || ch == '{' || ch == '}')) {
      i++;
      continue;
    }
    if (nt == sizeof t / sizeof *t) {
      problem(st, "not kept: pattern too long");
      return;
    }
    if (ch == '*' || ch == '+' || ch == '$' || ch == '%' || ch == '^' ||
        ch == '{' || ch == '}' || ch == '|' || ch == '(' || ch == ')') {
      t[nt].s = s + i;
      t[nt++].n = 1;
      i++;
      continue;
    }
    size_t st0 = i;
    while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '_' &&
           s[i] != '\r' && !strchr("*+$%^{}|()", s[i]))
      i++;
    t[nt].s = s + st0;
    t[nt].n = i - st0;
    /* "NEAT~_PLACE": '~' keeps a joined word a stem. */
    if (t[nt].n > 1 && t[nt].s[t[nt].n - 1] == '~')
      t[nt].n--;
    nt++;
  }
  size_t star = nt, stars = 0;
  for (size_t k = 0; k < nt; k++)
    if (t[k].n == 1 && t[k].s[0] == '*') {
      if (!stars++)
        star = k;
    }
  if (stars != 1) {
    problem(st, stars ? "not kept: more than one '*' in a pattern"
                      : "not kept: pattern without '*' (the verb's place)");
    return;
  }
  int compound = 0, passive = 0, pre = 0;
  if (star > 0) {
    /* "+ [was] * BY $": dyad's automatic passive of the verb. */
    int ok = t[0].n == 1 && t[0].s[0] == '+' && nt == star + 3 &&
             t[star + 1].n == 2 &&
             (t[star + 1].s[0] == 'B' || t[star + 1].s[0] == 'b') &&
             (t[star + 1].s[1] == 'Y' || t[star + 1].s[1] == 'y') &&
             t[star + 2].n == 1 && t[star + 2].s[0] == '$';
    for (size_t k = 1; ok && k < star; k++) {
      char low[16];
      if (t[k].n >= sizeof low) {
        ok = 0;
        break;
      }
      for (size_t j = 0; j < t[k].n; j++)
        low[j] = (char)tolower((unsigned char)t[k].s[j]);
      ok = is_aux(low, t[k].n);
    }
    if (ok) {
      passive = 1;
    } else if (star == 1 && t[0].n == 1 && t[0].s[0] == '%') {
      compound = 1;
    } else {
      pre = 1;
    }
  }
  char out[DYAD__CX_MAX];
  size_t k = 0;
  int slot = 0;
  if (pre) {
    /* Words before the verb ("SAID $ *", "NOTED + *"): written first,
     * each marked '<' (DYAD__CX_BEFORE), for the coder's peer reading;
     * PETRARCH's '^' skips are dropped. */
    for (size_t j = 0; j < star; j++) {
      if (t[j].n == 1 && t[j].s[0] == '^')
        continue;
      if (t[j].n == 1 && t[j].s[0] == '%') {
        /* A compound subject ("% HAVE *"): events between its members. */
        compound = 1;
        continue;
      }
      if (t[j].n == 1 && strchr("{}|()", t[j].s[0])) {
        problem(st, "cannot express: compound '%' or alternatives before "
                    "the verb");
        return;
      }
      for (size_t q = 0; q < t[j].n; q++)
        if (strchr("~=&<>[]", t[j].s[q]) || (unsigned char)t[j].s[q] < 0x20) {
          problem(st, "cannot express: marker '~', '=' or other symbol "
                      "inside a word before the verb");
          return;
        }
      if (k + t[j].n + 3 >= sizeof out) {
        problem(st, "not kept: pattern too long");
        return;
      }
      if (k)
        out[k++] = ' ';
      /* TABARI's '^' after this element ("$ ^ FOR *"): actors skipped,
       * reading leftwards, before this element is looked for. */
      for (size_t q = j + 1; !st->c->petrarch && q < star && t[q].n == 1 &&
                             t[q].s[0] == '^' && k + 1 < sizeof out;
           q++)
        out[k++] = DYAD__CX_SKIP;
      out[k++] = DYAD__CX_BEFORE;
      int word = !(t[j].n == 1 && strchr("+$", t[j].s[0]));
      if (word && j + 1 < nt && joined[j + 1])
        out[k++] = DYAD__CX_JOINED;
      for (size_t q = 0; q < t[j].n; q++)
        out[k++] = (char)tolower((unsigned char)t[j].s[q]);
      if (word && !st->c->petrarch)
        out[k++] = exact[j] ? DYAD__CX_EXACT : DYAD__CX_STEM;
      if (t[j].n == 1 && t[j].s[0] == '+')
        slot = 1;
    }
  }
  size_t skips = 0; /* PETRARCH '^' not yet written */
  int src = 0;      /* a '$' after the verb */
  if (passive) {
    dyad__cx_note(&st->c->notes, DYAD__CXN_PASSIVE, st->line);
    memcpy(out, "+", 1);
    k = 1;
    slot = 1;
  } else {
    for (size_t j = star + 1; j < nt; j++) {
      if (t[j].n == 1) {
        char ch = t[j].s[0];
        if (ch == '^') {
          skips++; /* TABARI's skips an actor, PETRARCH's a phrase */
          continue;
        }
        if (ch == '$') {
          /* The source named after the verb ("+ HOSTING * MAY_DAY $"). */
          if (src) {
            problem(st, "cannot express: more than one '$'");
            return;
          }
          src = 1;
        }
        if (ch == '%') {
          /* TABARI's compound after the verb ("HAS * WITH %"). */
          if (st->c->petrarch || compound) {
            problem(st, "cannot express: compound '%' after the verb");
            return;
          }
          compound = 1;
        }
        if (ch == '{' || ch == '}' || ch == '|' || ch == '(' || ch == ')') {
          problem(st, "not kept: unbalanced '{ | }' alternatives");
          return;
        }
        if (ch == '+') {
          if (slot) {
            problem(st, "cannot express: more than one '+'");
            return;
          }
          slot = 1;
        }
      }
      for (size_t q = 0; q < t[j].n; q++) {
        unsigned char ch = (unsigned char)t[j].s[q];
        if (ch == '~' || ch == '=' || ch == '&' || ch == '<' || ch == '>' ||
            ch == '[' || ch == ']' || ch < 0x20) {
          problem(st, ch == '&' ? "not kept: undefined synset"
                                : "cannot express: marker '~', '=' or other "
                                  "symbol inside a word");
          return;
        }
      }
      if (k + t[j].n + skips + 4 >= sizeof out) {
        problem(st, "not kept: pattern too long");
        return;
      }
      if (k)
        out[k++] = ' ';
      for (; skips; skips--)
        out[k++] = DYAD__CX_SKIP;
      /* TABARI's words: '=' joined to the word before (or the verb), then
       * the word, then '~' a stem or '_' the word itself. */
      int word = !(t[j].n == 1 && (t[j].s[0] == '+' || t[j].s[0] == '$' ||
                                   t[j].s[0] == '%'));
      if (word && joined[j])
        out[k++] = DYAD__CX_JOINED;
      for (size_t q = 0; q < t[j].n; q++)
        out[k++] = (char)tolower((unsigned char)t[j].s[q]);
      if (word && !st->c->petrarch)
        out[k++] = exact[j] ? DYAD__CX_EXACT : DYAD__CX_STEM;
    }
    /* TABARI's default target stands beside a '$' after the verb too
     * ("PESO_$": the source after "peso", the target the next actor). */
    if (!slot && !compound && (!src || !st->c->petrarch)) {
      if (st->c->petrarch)
        dyad__cx_note(&st->c->notes, DYAD__CXN_DEFAULT_TARGET, st->line);
      if (k + 3 >= sizeof out) {
        problem(st, "not kept: pattern too long");
        return;
      }
      if (k)
        out[k++] = ' ';
      out[k++] = '+';
      if (!st->c->petrarch && k > 1)
        out[k++] = DYAD__CX_DEFAULT;
    }
  }
  /* The same tail twice (alternatives that differ only in markers). */
  for (size_t q = 0; q < st->tails->n; q++)
    if (strlen(st->tails->v[q]) == k && memcmp(st->tails->v[q], out, k) == 0)
      return;
  if (dyad__cx_strs_push(st->tails, out, k))
    st->oom = 1;
}

/* Expands the first '{A | B}' alternative (TABARI) or '&SYNSET' of s, and
 * recursively the rest; converts each complete expansion. */
static void expand(expand_state *st, const char *s, size_t n, int depth) {
  if (st->oom || st->made >= MAX_EXPANSIONS)
    return;
  if (depth > MAX_DEPTH) {
    problem(st, "not kept: synsets nested too deeply");
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '&') {
      size_t e = i + 1;
      while (e < n && (isalnum((unsigned char)s[e]) || s[e] == '_' ||
                       s[e] == '\'' || s[e] == '-'))
        e++;
      size_t used;
      const dyad__cx_synset *y = find_synset(st->c, s + i, e - i, &used);
      if (!y || !y->members.n) {
        problem(st, "not kept: undefined synset");
        return;
      }
      for (size_t m = 0; m < y->members.n && !st->oom; m++) {
        const char *mem = y->members.v[m];
        size_t ml = strlen(mem);
        size_t total = i + 1 + ml + 1 + (n - i - used);
        if (total >= DYAD__CX_MAX) {
          problem(st, "not kept: pattern too long");
          return;
        }
        /* A member stands where the synset stood: joined by '_' to its
         * neighbours when the synset was ("NEW_&TIETYPES_RELATIONS"), else
         * a word of its own.  Before the verb, TABARI does not hold the
         * '_' after a synset ("MOST_CERTAINLY_&NEGATVAUXVRB_EVER *" takes
         * "really did not even ever"). */
        char buf[DYAD__CX_MAX];
        memcpy(buf, s, i);
        buf[i] = i > 0 && s[i - 1] == '_' ? '_' : ' ';
        memcpy(buf + i + 1, mem, ml);
        int after_verb = memchr(s, '*', i) != NULL;
        buf[i + 1 + ml] = (st->c->petrarch || after_verb) && i + used < n &&
                                  s[i + used] == '_'
                              ? '_'
                              : ' ';
        memcpy(buf + i + 2 + ml, s + i + used, n - i - used);
        expand(st, buf, i + 2 + ml + (n - i - used), depth + 1);
        if (st->made >= MAX_EXPANSIONS)
          return;
      }
      return;
    }
    if (s[i] == '{' && !st->c->petrarch) {
      size_t e = i + 1;
      while (e < n && s[e] != '}' && s[e] != '{')
        e++;
      if (e >= n || s[e] != '}') {
        problem(st, "not kept: unbalanced '{ | }' alternatives");
        return;
      }
      /* Alternatives separated by '|'; braces without '|' just group. */
      size_t a = i + 1;
      for (size_t j = i + 1; j <= e && !st->oom; j++) {
        if (j < e && s[j] != '|')
          continue;
        size_t total = i + 1 + (j - a) + 1 + (n - e - 1);
        if (total >= DYAD__CX_MAX) {
          problem(st, "not kept: pattern too long");
          return;
        }
        char buf[DYAD__CX_MAX];
        /* Blanks inside the braces are padding: a '_' before '{' joins
         * each alternative's first word to the word before it, one after
         * '}' its last word to the word after ("APPLY_{ GENEVA |
         * INTERNATIONAL } CONVENTIONS" is APPLY_GENEVA or
         * APPLY_INTERNATIONAL). */
        size_t a0 = a, a1 = j;
        while (a0 < a1 && s[a0] == ' ')
          a0++;
        while (a1 > a0 && s[a1 - 1] == ' ')
          a1--;
        size_t m = i;
        memcpy(buf, s, i);
        if (!(i > 0 && s[i - 1] == '_'))
          buf[m++] = ' ';
        memcpy(buf + m, s + a0, a1 - a0);
        m += a1 - a0;
        if (!(e + 1 < n && s[e + 1] == '_'))
          buf[m++] = ' ';
        memcpy(buf + m, s + e + 1, n - e - 1);
        m += n - e - 1;
        expand(st, buf, m, depth + 1);
        a = j + 1;
        if (st->made >= MAX_EXPANSIONS)
          return;
      }
      return;
    }
  }
  st->made++;
  convert(st, s, n);
}

int dyad__cx_pattern(dyad__cx_verbs *c, const char *s, size_t n,
                     size_t line, dyad__cx_strs *tails) {
  dyad__cx_trim(&s, &n);
  expand_state st;
  memset(&st, 0, sizeof st);
  st.c = c;
  st.line = line;
  st.tails = tails;
  if (n >= DYAD__CX_MAX)
    problem(&st, "not kept: pattern too long");
  else
    expand(&st, s, n, 0);
  if (st.oom)
    return -1;
  if (st.made >= MAX_EXPANSIONS &&
      dyad__cx_issue(c->d, c->file, line,
                     "not kept: alternatives beyond the first %d expansions",
                     MAX_EXPANSIONS))
    return -1;
  if (st.problem &&
      dyad__cx_issue(c->d, c->file, line, "%s%s", st.problem,
                     tails->n ? " (in some of its alternatives)" : ""))
    return -1;
  return 0;
}

int dyad__cx_emit(dyad__cx_verbs *c, const char *code, const char *verb,
                  const char *tail, size_t line) {
  char buf[DYAD__CX_MAX + 64];
  int k = snprintf(buf, sizeof buf, "%s | %s%s%s", code, verb,
                   tail && *tail ? " " : "", tail ? tail : "");
  if (k < 0 || (size_t)k >= sizeof buf)
    return dyad__cx_issue(c->d, c->file, line, "not kept: pattern too long");
  c->d->cur_line = (uint32_t)line;
  size_t before = c->d->n_issues;
  if (dyad__dict_read_verb(c->d, buf, (size_t)k, c->file, line))
    return -1;
  /* A line expanded into several patterns may repeat one (synset members
   * with the same lemma, a verb in two blocks): its first duplicate is
   * reported, the others counted. */
  if (c->d->n_issues == before + 1 &&
      strncmp(c->d->issues[before].message, "duplicate of pattern", 20) ==
          0) {
    if (c->dup_line == line) {
      c->d->n_issues--;
      dyad__cx_note(&c->notes, DYAD__CXN_DUP, line);
    }
    c->dup_line = line;
  }
  return 0;
}

/* ===== Comments shared by the readers ===== */

void dyad__cx_cut_comment(const char **s, size_t *n, int petrarch) {
  const char *c = memchr(*s, petrarch ? '#' : ';', *n);
  if (c)
    *n = (size_t)(c - *s);
  dyad__cx_trim(s, n);
}

int dyad__cx_xml_comment(const char **s, size_t *n, int *in_comment) {
  size_t start = 0;
  if (!*in_comment) {
    if (*n < 4 || memcmp(*s, "<!--", 4) != 0)
      return 0;
    start = 4;
  }
  for (size_t i = start; i + 3 <= *n; i++)
    if (memcmp(*s + i, "-->", 3) == 0) {
      *in_comment = 0;
      *s += i + 3;
      *n -= i + 3;
      dyad__cx_trim(s, n);
      return *n == 0;
    }
  *in_comment = 1;
  return 1;
}

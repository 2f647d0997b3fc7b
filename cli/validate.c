/* validate.c -- `dyad validate`: run a peer's validation suite with its own
 * dictionaries and say, record by record, whether dyad codes what the
 * suite expects.
 *
 *   dyad validate Validate.project            TABARI (the project names the
 *                                             dictionaries and the text)
 *   dyad validate PETR.UnitTest.records.xml   PETRARCH (its <Environment>
 *                                             names the dictionaries)
 *
 * A record passes when the set of (source, target, code) dyad produces is
 * the set the record requires (optional codings may be produced or not).
 * Failures are printed with expected and produced events; the last line is
 * "N passed, N failed" (and how many were skipped).  Records listed in a
 * --skip file (id, then the reason) are skipped; --floor N makes the exit
 * status 1 when fewer than N pass. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dyad.h"
#include "input.h"

#define MAX_EXPECT 64

static const char *validate_help =
    "usage: dyad validate [OPTIONS] SUITE\n"
    "\n"
    "Runs a validation suite with its own dictionaries: a TABARI .project\n"
    "(its <textfile> and dictionaries) or a PETRARCH XML file (the\n"
    "dictionaries named in its <Environment>, looked for beside it and in\n"
    "../dictionaries).  Prints each failing record, expected and produced,\n"
    "and last a line \"N passed, N failed\".\n"
    "\n"
    "options:\n"
    "  --dict FILE    also load this dictionary (repeatable)\n"
    "  --skip FILE    records not to run: one per line, the id then the\n"
    "                 reason ('#' comments)\n"
    "  --floor N      exit 1 when fewer than N records pass\n"
    "  --verbose      also list the records that pass\n"
    "  -h, --help     this help\n";

typedef struct expect {
  char src[32], tgt[32], code[8];
  int optional;
} expect;

typedef struct vrun {
  const dyad_engine *eng;
  int tabari;      /* TABARI suite (stop at FINAL-01) */
  int stopped;     /* reached the end marker */
  char **skip_ids; /* sorted? no: few dozen, linear search */
  size_t n_skip;
  size_t passed, failed, skipped, unreadable;
  size_t codings, codings_found, extra; /* per expected coding */
  size_t none_codings, none_found; /* PETRARCH codings expecting no event */
  int verbose;
  const dyad_engine *eng_one; /* PETRARCH with require_dyad off */
  size_t *rd_line;            /* lines of require_dyad settings ... */
  char *rd_on;                /* ... and their values */
  size_t n_rd;
} vrun;

/* ===== Expected codings ===== */

static void trim(const char **s, size_t *n) {
  while (*n && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')) {
    (*s)++;
    (*n)--;
  }
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                (*s)[*n - 1] == '\n' || (*s)[*n - 1] == '\r'))
    (*n)--;
}

static void copy_field(char *dst, size_t cap, const char *s, size_t n) {
  trim(&s, &n);
  if (n >= cap)
    n = cap - 1;
  memcpy(dst, s, n);
  dst[n] = '\0';
}

/* Reads the "{ SRC / TGT / CODE }" groups of a TABARI record's comments
 * ("-{...}" is optional, "{---}" expects no event).  Returns the number of
 * groups, or -1 for a control record ("{+++}") that tests nothing.
 * *option is set when the record sets a TABARI option ("{ OPTION: ...}"). */
static int tabari_expect(const char *c, size_t n, expect *out, int max,
                         int *option) {
  int k = 0;
  *option = 0;
  for (size_t i = 0; i < n; i++) {
    if (c[i] != '{')
      continue;
    size_t j = i + 1;
    while (j < n && c[j] != '}')
      j++;
    if (j >= n)
      break;
    const char *g = c + i + 1;
    size_t gn = j - i - 1;
    trim(&g, &gn);
    int optional = i > 0 && c[i - 1] == '-';
    if (gn >= 7 && memcmp(g, "OPTION:", 7) == 0) {
      *option = 1;
      i = j;
      continue;
    }
    if (gn == 3 && memcmp(g, "+++", 3) == 0)
      return -1;
    if (gn == 3 && memcmp(g, "---", 3) == 0) {
      i = j;
      continue; /* no event expected */
    }
    const char *s1 = memchr(g, '/', gn);
    const char *s2 = s1 ? memchr(s1 + 1, '/', gn - (size_t)(s1 + 1 - g)) : NULL;
    if (s1 && s2 && k < max) {
      copy_field(out[k].src, sizeof out[k].src, g, (size_t)(s1 - g));
      copy_field(out[k].tgt, sizeof out[k].tgt, s1 + 1, (size_t)(s2 - s1 - 1));
      copy_field(out[k].code, sizeof out[k].code, s2 + 1,
                 gn - (size_t)(s2 + 1 - g));
      out[k].optional = optional;
      k++;
    }
    i = j;
  }
  return k;
}

/* ===== One record ===== */

static int is_skipped(const vrun *r, const char *id) {
  for (size_t i = 0; id && i < r->n_skip; i++)
    if (strcmp(r->skip_ids[i], id) == 0)
      return 1;
  return 0;
}

static void print_set(const char *label, const expect *e, int n) {
  printf("  %s:", label);
  if (!n)
    printf(" none");
  for (int i = 0; i < n; i++)
    printf(" %s{%s / %s / %s}", e[i].optional ? "?" : "", e[i].src, e[i].tgt,
           e[i].code);
  printf("\n");
}

/* The engine for a record at line: PETRARCH's <Config option="require_dyad">
 * set false before it lets an act of one actor be coded ("a senior
 * official said"), its target "---". */
static const dyad_engine *record_engine(const vrun *r, size_t line) {
  int on = 1;
  for (size_t i = 0; i < r->n_rd && r->rd_line[i] < line; i++)
    on = r->rd_on[i];
  return on || !r->eng_one ? r->eng : r->eng_one;
}

/* Reads the require_dyad settings of a PETRARCH file, in file order. */
static void load_require_dyad(vrun *r, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return;
  char line[1024];
  size_t ln = 0;
  while (fgets(line, sizeof line, f)) {
    ln++;
    const char *p = strstr(line, "option=\"require_dyad\"");
    if (!p || !strstr(line, "<Config"))
      continue;
    const char *v = strstr(p, "value=\"");
    if (!v)
      continue;
    v += 7;
    size_t *nl = realloc(r->rd_line, (r->n_rd + 1) * sizeof *nl);
    if (!nl)
      break;
    r->rd_line = nl;
    char *no = realloc(r->rd_on, r->n_rd + 1);
    if (!no)
      break;
    r->rd_on = no;
    r->rd_line[r->n_rd] = ln;
    r->rd_on[r->n_rd] = !(v[0] == 'f' || v[0] == 'F');
    r->n_rd++;
  }
  fclose(f);
}

static void on_record(void *ctx, const input_record *rec) {
  vrun *r = ctx;
  if (r->stopped)
    return;
  if (r->tabari && rec->id && strncmp(rec->id, "FINAL-", 6) == 0) {
    r->stopped = 1;
    return;
  }
  expect want[MAX_EXPECT];
  int nw = 0, n_none = 0;
  if (r->tabari) {
    /* A record without expectations, or a control record, tests nothing.
     * Records that set options are run like the others unless the skip
     * file lists them (with the reason). */
    int option;
    if (!rec->comment)
      return;
    nw = tabari_expect(rec->comment, rec->comment_len, want, MAX_EXPECT,
                       &option);
    if (nw < 0)
      return;
    if (option && nw == 0 && !strstr(rec->comment, "---"))
      return; /* only sets an option, expects nothing of itself */
  } else {
    for (size_t i = 0; i < rec->n_codings && nw < MAX_EXPECT; i++) {
      const input_coding *cd = &rec->codings[i];
      if (cd->noevents || cd->error || !cd->event) {
        n_none++; /* the sentence should code nothing */
        continue;
      }
      copy_field(want[nw].src, sizeof want[nw].src, cd->source ? cd->source : "",
                 cd->source ? strlen(cd->source) : 0);
      copy_field(want[nw].tgt, sizeof want[nw].tgt, cd->target ? cd->target : "",
                 cd->target ? strlen(cd->target) : 0);
      copy_field(want[nw].code, sizeof want[nw].code, cd->event,
                 strlen(cd->event));
      want[nw].optional = 0;
      nw++;
    }
  }
  if (is_skipped(r, rec->id)) {
    r->skipped++;
    return;
  }
  dyad_doc_meta meta = {rec->id, rec->date};
  dyad_doc *doc = NULL;
  if (dyad_code(record_engine(r, rec->line), rec->text, rec->len, &meta, &doc) != DYAD_OK) {
    r->failed++;
    printf("FAIL %s (%s): could not be coded\n", rec->id ? rec->id : "?",
           rec->where);
    return;
  }
  expect got[MAX_EXPECT];
  int ng = 0;
  for (size_t i = 0; i < dyad_doc_event_count(doc) && ng < MAX_EXPECT; i++) {
    const dyad_event *ev = dyad_doc_event(doc, i);
    expect g;
    copy_field(g.src, sizeof g.src, ev->source.code.ptr, ev->source.code.len);
    /* An event without target: the peers write its target "---". */
    if (ev->target.code.len)
      copy_field(g.tgt, sizeof g.tgt, ev->target.code.ptr,
                 ev->target.code.len);
    else
      copy_field(g.tgt, sizeof g.tgt, "---", 3);
    copy_field(g.code, sizeof g.code, ev->code, strlen(ev->code));
    g.optional = 0;
    int dup = 0;
    for (int k = 0; k < ng; k++)
      dup |= !strcmp(got[k].src, g.src) && !strcmp(got[k].tgt, g.tgt) &&
             !strcmp(got[k].code, g.code);
    if (!dup)
      got[ng++] = g;
  }
  dyad_doc_free(doc);
  /* A coding that expects no event is met when nothing is produced. */
  r->none_codings += (size_t)n_none;
  if (!ng)
    r->none_found += (size_t)n_none;
  /* Per coding: how many expected codings were produced, and how many
   * produced ones were not expected. */
  for (int i = 0; i < nw; i++) {
    if (want[i].optional)
      continue;
    r->codings++;
    for (int k = 0; k < ng; k++)
      if (!strcmp(got[k].src, want[i].src) && !strcmp(got[k].tgt, want[i].tgt) &&
          !strcmp(got[k].code, want[i].code)) {
        r->codings_found++;
        break;
      }
  }
  for (int k = 0; k < ng; k++) {
    int hit = 0;
    for (int i = 0; i < nw; i++)
      hit |= !strcmp(got[k].src, want[i].src) &&
             !strcmp(got[k].tgt, want[i].tgt) &&
             !strcmp(got[k].code, want[i].code);
    r->extra += !hit;
  }
  /* Pass: every required coding produced, every produced one expected. */
  int ok = 1;
  for (int i = 0; i < nw && ok; i++) {
    if (want[i].optional)
      continue;
    int hit = 0;
    for (int k = 0; k < ng; k++)
      hit |= !strcmp(got[k].src, want[i].src) &&
             !strcmp(got[k].tgt, want[i].tgt) &&
             !strcmp(got[k].code, want[i].code);
    ok = hit;
  }
  for (int k = 0; k < ng && ok; k++) {
    int hit = 0;
    for (int i = 0; i < nw; i++)
      hit |= !strcmp(got[k].src, want[i].src) &&
             !strcmp(got[k].tgt, want[i].tgt) &&
             !strcmp(got[k].code, want[i].code);
    ok = hit;
  }
  if (ok) {
    r->passed++;
    if (r->verbose)
      printf("PASS %s (%s)\n", rec->id ? rec->id : "?", rec->where);
    return;
  }
  r->failed++;
  printf("FAIL %s (%s): %.*s\n", rec->id ? rec->id : "?", rec->where,
         (int)(rec->len > 160 ? 160 : rec->len), rec->text);
  print_set("expected", want, nw);
  print_set("produced", got, ng);
}

static void on_bad(void *ctx, const input_record *rec, const char *why) {
  vrun *r = ctx;
  r->unreadable++;
  fprintf(stderr, "dyad: %s: %s\n", rec && rec->where ? rec->where : "?",
          why);
}

/* ===== Suites ===== */

/* Reads a whole small file (a project, an XML head); NULL on failure. */
static char *read_small(const char *path, size_t cap, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = malloc(cap + 1);
  if (!buf) {
    fclose(f);
    return NULL;
  }
  *len = fread(buf, 1, cap, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

/* The directory part of a path ("." when none), in out[cap]. */
static void dir_of(const char *path, char *out, size_t cap) {
  const char *slash = strrchr(path, '/');
  size_t n = slash ? (size_t)(slash - path) : 1;
  if (!slash)
    path = ".";
  if (n >= cap)
    n = cap - 1;
  memcpy(out, path, n);
  out[n] = '\0';
}

/* The value of "<tag> value" (TABARI project) or "<Tag>value</Tag>"
 * (PETRARCH environment) in buf, copied into out[cap]; 0 when absent. */
static int tag_value(const char *buf, const char *tag, int xml, char *out,
                     size_t cap) {
  const char *p = strstr(buf, tag);
  if (!p)
    return 0;
  p += strlen(tag);
  while (*p == ' ' || *p == '\t')
    p++;
  size_t n = 0;
  while (p[n] && p[n] != '\n' && p[n] != '\r' && (xml ? p[n] != '<' : 1))
    n++;
  while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
    n--;
  if (!n || n >= cap)
    return 0;
  memcpy(out, p, n);
  out[n] = '\0';
  return 1;
}

static int exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f)
    fclose(f);
  return f != NULL;
}

/* Finds a PETRARCH dictionary named in the environment: beside the XML, or
 * in ../dictionaries. */
static int find_dict(const char *dir, const char *name, char *out,
                     size_t cap) {
  snprintf(out, cap, "%s/%s", dir, name);
  if (exists(out))
    return 1;
  snprintf(out, cap, "%s/../dictionaries/%s", dir, name);
  return exists(out);
}

static int load_skips(vrun *r, const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "dyad validate: %s: %s\n", path, strerror(errno));
    return -1;
  }
  char line[512];
  while (fgets(line, sizeof line, f)) {
    char *p = line;
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p == '#' || *p == '\n' || !*p)
      continue;
    size_t n = strcspn(p, " \t\n#");
    char **ns = realloc(r->skip_ids, (r->n_skip + 1) * sizeof *ns);
    if (!ns)
      break;
    r->skip_ids = ns;
    r->skip_ids[r->n_skip] = malloc(n + 1);
    if (!r->skip_ids[r->n_skip])
      break;
    memcpy(r->skip_ids[r->n_skip], p, n);
    r->skip_ids[r->n_skip][n] = '\0';
    r->n_skip++;
  }
  fclose(f);
  return 0;
}

int dyad_cli_validate(int argc, char **argv) {
  const char *dicts[72];
  size_t n_dicts = 0;
  const char *suite = NULL, *skip = NULL;
  long floor = -1;
  vrun r;
  memset(&r, 0, sizeof r);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(validate_help, stdout);
      return DYAD_EXIT_OK;
    } else if (!strcmp(a, "--dict") && i + 1 < argc && n_dicts < 64) {
      dicts[n_dicts++] = argv[++i];
    } else if (!strcmp(a, "--skip") && i + 1 < argc) {
      skip = argv[++i];
    } else if (!strcmp(a, "--floor") && i + 1 < argc) {
      char *end;
      floor = strtol(argv[++i], &end, 10);
      if (*end || floor < 0) {
        fprintf(stderr, "dyad validate: --floor wants a number\n");
        return DYAD_EXIT_USAGE;
      }
    } else if (!strcmp(a, "--verbose")) {
      r.verbose = 1;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "dyad validate: unknown option '%s'\n", a);
      return DYAD_EXIT_USAGE;
    } else {
      suite = a;
    }
  }
  if (!suite) {
    fputs(validate_help, stderr);
    return DYAD_EXIT_USAGE;
  }
  if (skip && load_skips(&r, skip))
    return DYAD_EXIT_USAGE;
  size_t n = strlen(suite);
  char dir[4096], text[6144], paths[4][6144];
  dir_of(suite, dir, sizeof dir);
  size_t blen = 0;
  char *head = read_small(suite, (size_t)64 << 10, &blen);
  if (!head) {
    fprintf(stderr, "dyad validate: %s: %s\n", suite, strerror(errno));
    return DYAD_EXIT_INPUT;
  }
  if (n > 8 && !strcmp(suite + n - 8, ".project")) {
    r.tabari = 1;
    char name[1024];
    if (!tag_value(head, "<textfile>", 0, name, sizeof name)) {
      fprintf(stderr, "dyad validate: %s names no <textfile>\n", suite);
      free(head);
      return DYAD_EXIT_INPUT;
    }
    snprintf(text, sizeof text, "%s/%s", dir, name);
    dicts[n_dicts++] = suite; /* the project loads its dictionaries */
  } else {
    static const char *const tags[] = {"<Verbfile>", "<Actorfile>",
                                       "<Agentfile>", "<Discardfile>"};
    snprintf(text, sizeof text, "%s", suite);
    for (int t = 0; t < 4; t++) {
      char name[1024];
      if (!tag_value(head, tags[t], 1, name, sizeof name))
        continue;
      if (!find_dict(dir, name, paths[t], sizeof paths[t])) {
        fprintf(stderr, "dyad validate: %s: cannot find %s\n", suite, name);
        free(head);
        return DYAD_EXIT_DICT;
      }
      dicts[n_dicts++] = paths[t];
    }
  }
  free(head);
  dyad_dict *dict = NULL;
  char *err = NULL;
  if (dyad_dict_open(&dict, dicts, n_dicts, DYAD_DICT_NO_BUILTIN, &err) !=
      DYAD_OK) {
    fprintf(stderr, "dyad: cannot load dictionaries: %s\n",
            err ? err : "error");
    dyad_free(err);
    return DYAD_EXIT_DICT;
  }
  dyad_engine *eng = NULL;
  dyad_options opts = {DYAD_OPT_PEER, 0};
  if (dyad_engine_new(&eng, dict, &opts) != DYAD_OK) {
    dyad_dict_free(dict);
    return DYAD_EXIT_INTERNAL;
  }
  r.eng = eng;
  dyad_engine *eng_one = NULL;
  if (!r.tabari) {
    load_require_dyad(&r, text);
    dyad_options one = {DYAD_OPT_PEER | DYAD_OPT_ONE_ACTOR, 0};
    if (r.n_rd && dyad_engine_new(&eng_one, dict, &one) == DYAD_OK)
      r.eng_one = eng_one;
  }
  FILE *f = fopen(text, "rb");
  int rc = DYAD_EXIT_OK;
  if (!f) {
    fprintf(stderr, "dyad validate: %s: %s\n", text, strerror(errno));
    rc = DYAD_EXIT_INPUT;
  } else {
    input_src src = {f, NULL, 0, 0};
    input_sink sink = {&r, on_record, on_bad, 0};
    if (r.tabari)
      input_read_tabari(text, &src, &sink);
    else
      input_read_petrarch(text, &src, &sink);
    fclose(f);
    printf("codings: %zu of %zu expected produced (%.2f%%), %zu produced "
           "that were not expected",
           r.codings_found, r.codings,
           r.codings ? 100.0 * (double)r.codings_found / (double)r.codings : 0,
           r.extra);
    if (r.none_codings) {
      size_t all = r.codings + r.none_codings;
      size_t met = r.codings_found + r.none_found;
      printf("; with the %zu that expect no event: %zu of %zu met (%.2f%%)",
             r.none_codings, met, all, 100.0 * (double)met / (double)all);
    }
    printf("\n");
    printf("%zu passed, %zu failed", r.passed, r.failed);
    if (r.skipped)
      printf(" (%zu skipped)", r.skipped);
    printf("\n");
    if (floor >= 0 && (long)r.passed < floor) {
      fprintf(stderr, "dyad validate: %zu passed, below the floor of %ld\n",
              r.passed, floor);
      rc = DYAD_EXIT_INPUT;
    }
  }
  for (size_t i = 0; i < r.n_skip; i++)
    free(r.skip_ids[i]);
  free(r.skip_ids);
  free(r.rd_line);
  free(r.rd_on);
  if (eng_one)
    dyad_engine_free(eng_one);
  dyad_engine_free(eng);
  dyad_dict_free(dict);
  return rc;
}

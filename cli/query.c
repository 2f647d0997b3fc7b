/* query.c -- `dyad query` and `dyad stats`: read the events a database
 * holds (src/store).
 *
 * query: events matching filters (every value is bound to a placeholder by
 * the store, never pasted into SQL), as an aligned table on a terminal or
 * as JSON Lines, CSV or GDELT 2.0 event rows (the library's GDELT writer,
 * dyad_event_to_gdelt, the one `dyad code --format gdelt` uses); or, with
 * --count-by, counts and mean Goldstein per
 * day, week, month, root, quad class, dyad, source or target.
 * stats: documents, events, quotations, the date range, the top dyads and
 * the events per CAMEO root. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "dyad.h"
#include "read.h"
#include "store.h"

static const char *query_help =
    "usage: dyad query [OPTIONS]\n"
    "\n"
    "Events from the database, by date.  Actor codes match as prefixes\n"
    "(JPN matches JPN and JPNGOV) or as the actor's country.\n"
    "\n"
    "options:\n"
    "  --db PATH           the database (default $DYAD_DB, else dyad.db)\n"
    "  --actor CODE        the source or the target is CODE\n"
    "  --source CODE       the source is CODE\n"
    "  --target CODE       the target is CODE\n"
    "  --dyad SRC:TGT      the source is SRC and the target TGT\n"
    "  --code CODE         the CAMEO event code (\"042\")\n"
    "  --root ROOT         the CAMEO root (\"04\")\n"
    "  --quad N            the quad class, 1..4\n"
    "  --since YYYY-MM-DD  events on or after the date\n"
    "  --until YYYY-MM-DD  events on or before the date\n"
    "  --place NAME        the event's place (a name, any case, or a\n"
    "                      country code)\n"
    "  --text WORDS        the story holds every word (full-text search)\n"
    "  --limit N           at most N rows\n"
    "  --count-by KEY      counts and mean Goldstein by day, week, month,\n"
    "                      root, quad, dyad, source or target\n"
    "  --format FORMAT     table (default on a terminal), jsonl (default\n"
    "                      otherwise), csv, or gdelt (GDELT 2.0 event rows,\n"
    "                      as dyad code --format gdelt writes them; not\n"
    "                      with --count-by)\n"
    "  -h, --help          this help\n";

static const char *stats_help =
    "usage: dyad stats [--db PATH] [--top N]\n"
    "\n"
    "What the database holds: documents, events, quotations, the range of\n"
    "event dates, the top N dyads (10) and the events per CAMEO root.\n";

enum { FMT_TABLE, FMT_JSONL, FMT_CSV, FMT_GDELT };

/* The database of --db, $DYAD_DB or dyad.db; a file must exist (only
 * ingest makes one). */
static dyad_store *open_existing(const char *db) {
  struct stat st;
  if (strncmp(db, "postgres", 8) && stat(db, &st) != 0) {
    fprintf(stderr, "dyad: no database at %s (dyad ingest makes one)\n", db);
    return NULL;
  }
  dyad_store *s = NULL;
  char *err = NULL;
  if (dyad_store_open(&s, db, &err)) {
    fprintf(stderr, "dyad: cannot open the database %s\n",
            err ? err : "(out of memory)");
    free(err);
    return NULL;
  }
  return s;
}

static const char *default_db(void) {
  const char *db = getenv("DYAD_DB");
  return db && *db ? db : "dyad.db";
}

/* ===== Writing rows ===== */

/* Writes a CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *f, const char *s, int last) {
  if (strpbrk(s, ",\"\r\n")) {
    fputc('"', f);
    for (; *s; s++) {
      if (*s == '"')
        fputc('"', f);
      fputc(*s, f);
    }
    fputc('"', f);
  } else {
    fputs(s, f);
  }
  fputc(last ? '\n' : ',', f);
}

/* Writes at most w bytes of s (not cutting a UTF-8 character), padded to
 * w columns when pad. */
static void cell(FILE *f, const char *s, size_t w, int pad) {
  size_t n = strlen(s), cols = 0, i = 0;
  while (i < n && cols < w) {
    size_t k = 1;
    while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
      k++;
    char c = s[i];
    fputc(c == '\n' || c == '\t' ? ' ' : c, f);
    if (k > 1)
      fwrite(s + i + 1, 1, k - 1, f);
    i += k;
    cols++;
  }
  if (pad)
    for (; cols < w; cols++)
      fputc(' ', f);
}

typedef struct out {
  int format;
  size_t rows;
  int failed; /* out of memory: the output stopped */
} out;

static dyad_str zstr(const char *s) {
  dyad_str v = {s, strlen(s)};
  return v;
}

/* Writes a stored event as a GDELT 2.0 event row: the row's fields put
 * back into a dyad_event for the library's GDELT writer, so both commands
 * share one copy of the columns.  Returns 0, or -1 when out of memory. */
static int gdelt_row(const dyad_store_row *r) {
  dyad_event e;
  memset(&e, 0, sizeof e);
  e.sentence = r->sentence > 0 ? (size_t)r->sentence : 0;
  size_t n = strlen(r->code);
  memcpy(e.code, r->code, n < sizeof e.code ? n : sizeof e.code - 1);
  n = strlen(r->root);
  memcpy(e.root, r->root, n < sizeof e.root ? n : sizeof e.root - 1);
  e.quad_class = r->quad_class;
  e.goldstein = r->goldstein;
  e.date = zstr(r->date);
  e.source.code = zstr(r->source);
  e.source.text = zstr(r->source_text);
  e.source.name = zstr(r->source_name);
  e.source.country = zstr(r->source_country);
  e.source.role = zstr(r->source_role);
  e.target.code = zstr(r->target);
  e.target.text = zstr(r->target_text);
  e.target.name = zstr(r->target_name);
  e.target.country = zstr(r->target_country);
  e.target.role = zstr(r->target_role);
  e.num_articles = r->num_articles > 0 ? (size_t)r->num_articles : 0;
  char *line = NULL;
  size_t len = 0;
  if (dyad_event_to_gdelt(&e, zstr(r->doc_id),
                          r->occurrence > 0 ? (size_t)r->occurrence : 0,
                          r->doc_mentions > 0 ? (size_t)r->doc_mentions : 1,
                          &line, &len) != DYAD_OK)
    return -1;
  fwrite(line, 1, len, stdout);
  dyad_free(line);
  return 0;
}

static int on_row(void *ctx, const dyad_store_row *r) {
  out *o = ctx;
  if (o->format == FMT_GDELT) {
    if (gdelt_row(r)) {
      o->failed = 1;
      return -1;
    }
    o->rows++;
    return ferror(stdout) ? -1 : 0;
  }
  char gold[32], num[32], conf[32], sent[32];
  snprintf(gold, sizeof gold, "%.1f", r->goldstein);
  snprintf(num, sizeof num, "%ld", r->num_articles);
  snprintf(conf, sizeof conf, "%.2f", r->confidence);
  snprintf(sent, sizeof sent, "%ld", r->sentence);
  if (o->format == FMT_JSONL) {
    json_t *j = json_pack(
        "{s:s, s:s?, s:I, s:s?, s:s?, s:s, s:s, s:i, s:f, s:s?, s:s?, s:s?, "
        "s:s?, s:s?, s:f, s:I, s:s}",
        "doc_id", r->doc_id, "date", *r->date ? r->date : NULL, "sentence",
        (json_int_t)r->sentence, "source", *r->source ? r->source : NULL,
        "target", *r->target ? r->target : NULL, "code", r->code, "root",
        r->root, "quad_class", r->quad_class, "goldstein", r->goldstein,
        "source_text", *r->source_text ? r->source_text : NULL,
        "target_text", *r->target_text ? r->target_text : NULL, "verb",
        *r->verb_text ? r->verb_text : NULL, "place",
        *r->place ? r->place : NULL, "place_country",
        *r->place_country ? r->place_country : NULL, "confidence",
        r->confidence, "num_articles", (json_int_t)r->num_articles, "text",
        r->text);
    if (!j)
      return -1;
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(j);
    if (!s)
      return -1;
    puts(s);
    free(s);
  } else if (o->format == FMT_CSV) {
    if (o->rows == 0)
      fputs("doc_id,date,sentence,source,target,code,root,quad_class,"
            "goldstein,source_text,verb,target_text,place,num_articles,"
            "confidence,text\n",
            stdout);
    char quad[8];
    snprintf(quad, sizeof quad, "%d", r->quad_class);
    const char *v[] = {r->doc_id,      r->date,      sent,        r->source,
                       r->target,      r->code,      r->root,     quad,
                       gold,           r->source_text, r->verb_text,
                       r->target_text, r->place,     num,         conf,
                       r->text};
    size_t n = sizeof v / sizeof v[0];
    for (size_t i = 0; i < n; i++)
      csv_field(stdout, v[i], i + 1 == n);
  } else {
    if (o->rows == 0)
      printf("%-10s  %-12s  %-12s  %-4s  %5s  %4s  %-16s  %s\n", "date",
             "source", "target", "code", "gold", "arts", "doc", "sentence");
    cell(stdout, *r->date ? r->date : "-", 10, 1);
    fputs("  ", stdout);
    cell(stdout, *r->source ? r->source : "-", 12, 1);
    fputs("  ", stdout);
    cell(stdout, *r->target ? r->target : "-", 12, 1);
    fputs("  ", stdout);
    cell(stdout, r->code, 4, 1);
    printf("  %5s  %4s  ", gold, num);
    cell(stdout, r->doc_id, 16, 1);
    fputs("  ", stdout);
    cell(stdout, r->text, 70, 0);
    fputc('\n', stdout);
  }
  o->rows++;
  return ferror(stdout) ? -1 : 0;
}

static int on_group(void *ctx, const char *key, long count, double mean) {
  out *o = ctx;
  if (o->format == FMT_JSONL) {
    json_t *j = json_pack("{s:s, s:I, s:f}", "key", key, "count",
                          (json_int_t)count, "mean_goldstein", mean);
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(j);
    if (!s)
      return -1;
    puts(s);
    free(s);
  } else if (o->format == FMT_CSV) {
    if (o->rows == 0)
      fputs("key,count,mean_goldstein\n", stdout);
    csv_field(stdout, key, 0);
    printf("%ld,%.2f\n", count, mean);
  } else {
    if (o->rows == 0)
      printf("%-24s  %8s  %8s\n", "key", "count", "goldstein");
    cell(stdout, *key ? key : "(undated)", 24, 1);
    printf("  %8ld  %8.2f\n", count, mean);
  }
  o->rows++;
  return ferror(stdout) ? -1 : 0;
}

/* ===== dyad query ===== */

int dyad_cli_query(int argc, char **argv) {
  const char *db = default_db();
  dyad_store_filter f;
  memset(&f, 0, sizeof f);
  const char *count_by = NULL, *format = NULL;
  char dyad_src[128], dyad_tgt[128];
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    int takes = 1;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(query_help, stdout);
      return DYAD_EXIT_OK;
    } else if (!val) {
      takes = 0;
    } else if (!strcmp(a, "--db")) {
      db = val;
    } else if (!strcmp(a, "--actor")) {
      f.actor = val;
    } else if (!strcmp(a, "--source")) {
      f.source = val;
    } else if (!strcmp(a, "--target")) {
      f.target = val;
    } else if (!strcmp(a, "--dyad")) {
      const char *colon = strchr(val, ':');
      if (!colon || colon == val || !colon[1] ||
          (size_t)(colon - val) >= sizeof dyad_src ||
          strlen(colon + 1) >= sizeof dyad_tgt) {
        fprintf(stderr, "dyad query: --dyad wants SOURCE:TARGET, e.g. "
                        "JPN:RUS\n");
        return DYAD_EXIT_USAGE;
      }
      memcpy(dyad_src, val, (size_t)(colon - val));
      dyad_src[colon - val] = '\0';
      snprintf(dyad_tgt, sizeof dyad_tgt, "%s", colon + 1);
      f.source = dyad_src;
      f.target = dyad_tgt;
    } else if (!strcmp(a, "--code")) {
      f.code = val;
    } else if (!strcmp(a, "--root")) {
      f.root = val;
    } else if (!strcmp(a, "--quad")) {
      if (strlen(val) != 1 || val[0] < '1' || val[0] > '4') {
        fprintf(stderr, "dyad query: --quad is 1, 2, 3 or 4\n");
        return DYAD_EXIT_USAGE;
      }
      f.quad = val[0] - '0';
    } else if (!strcmp(a, "--since") || !strcmp(a, "--until")) {
      if (!read_valid_date(val)) {
        fprintf(stderr, "dyad query: %s wants YYYY-MM-DD, not '%s'\n", a,
                val);
        return DYAD_EXIT_USAGE;
      }
      if (a[2] == 's')
        f.since = val;
      else
        f.until = val;
    } else if (!strcmp(a, "--place")) {
      f.place = val;
    } else if (!strcmp(a, "--text")) {
      f.text = val;
    } else if (!strcmp(a, "--limit")) {
      char *end;
      long v = strtol(val, &end, 10);
      if (*end || v <= 0 || val[0] < '0' || val[0] > '9') {
        fprintf(stderr, "dyad query: --limit wants a positive number\n");
        return DYAD_EXIT_USAGE;
      }
      f.limit = v;
    } else if (!strcmp(a, "--count-by")) {
      count_by = val;
    } else if (!strcmp(a, "--format")) {
      format = val;
    } else {
      takes = 0;
    }
    if (!takes) {
      fprintf(stderr, "dyad query: unknown or incomplete option '%s'\n", a);
      fputs(query_help, stderr);
      return DYAD_EXIT_USAGE;
    }
    i++;
  }
  out o = {isatty(fileno(stdout)) ? FMT_TABLE : FMT_JSONL, 0, 0};
  if (format) {
    if (!strcmp(format, "table"))
      o.format = FMT_TABLE;
    else if (!strcmp(format, "jsonl"))
      o.format = FMT_JSONL;
    else if (!strcmp(format, "csv"))
      o.format = FMT_CSV;
    else if (!strcmp(format, "gdelt"))
      o.format = FMT_GDELT;
    else {
      fprintf(stderr,
              "dyad query: --format is table, jsonl, csv or gdelt\n");
      return DYAD_EXIT_USAGE;
    }
  }
  if (o.format == FMT_GDELT && count_by) {
    fprintf(stderr, "dyad query: --format gdelt writes events, not counts "
                    "(--count-by)\n");
    return DYAD_EXIT_USAGE;
  }
  /* GDELT's rows are factual events, with NumMentions and their rank in
   * the sentence from the store. */
  f.gdelt = o.format == FMT_GDELT;
  static const char *keys[] = {"day",  "week", "month",  "root",
                               "quad", "dyad", "source", "target"};
  if (count_by) {
    size_t k = 0;
    while (k < sizeof keys / sizeof keys[0] && strcmp(keys[k], count_by))
      k++;
    if (k == sizeof keys / sizeof keys[0]) {
      fprintf(stderr, "dyad query: --count-by is day, week, month, root, "
                      "quad, dyad, source or target\n");
      return DYAD_EXIT_USAGE;
    }
  }
  dyad_store *s = open_existing(db);
  if (!s)
    return DYAD_EXIT_STORE;
  int rc = count_by ? dyad_store_count_by(s, &f, count_by, on_group, &o)
                    : dyad_store_query(s, &f, on_row, &o);
  if (rc)
    fprintf(stderr, "dyad query: %s\n", dyad_store_errmsg(s));
  dyad_store_close(s);
  fflush(stdout);
  if (rc)
    return DYAD_EXIT_STORE;
  if (o.failed) {
    fprintf(stderr, "dyad query: out of memory\n");
    return DYAD_EXIT_INTERNAL;
  }
  return ferror(stdout) ? DYAD_EXIT_INTERNAL : DYAD_EXIT_OK;
}

/* ===== dyad stats ===== */

/* A group of dyad stats: a key, its count and mean Goldstein, and the
 * CAMEO name of a root. */
static int on_stat(void *ctx, const char *key, long count, double mean) {
  int is_root = *(const int *)ctx;
  const char *name = is_root ? dyad_cameo_name(key) : NULL;
  printf("  %-24s %8ld  goldstein %6.2f%s%s\n", key, count, mean,
         name ? "  " : "", name ? name : "");
  return ferror(stdout) ? -1 : 0;
}

int dyad_cli_stats(int argc, char **argv) {
  const char *db = default_db();
  long top = 10;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(stats_help, stdout);
      return DYAD_EXIT_OK;
    } else if (!strcmp(a, "--db") && val) {
      db = val;
      i++;
    } else if (!strcmp(a, "--top") && val) {
      char *end;
      long v = strtol(val, &end, 10);
      if (*end || v <= 0 || v > 100000) {
        fprintf(stderr, "dyad stats: --top wants a number 1..100000\n");
        return DYAD_EXIT_USAGE;
      }
      top = v;
      i++;
    } else {
      fprintf(stderr, "dyad stats: unknown or incomplete option '%s'\n", a);
      fputs(stats_help, stderr);
      return DYAD_EXIT_USAGE;
    }
  }
  dyad_store *s = open_existing(db);
  if (!s)
    return DYAD_EXIT_STORE;
  dyad_store_stats st;
  dyad_store_filter all;
  memset(&all, 0, sizeof all);
  int rc = dyad_store_get_stats(s, &st);
  if (!rc) {
    char shown[512]; /* the database as printed: no password */
    dyad_store_printable(db, shown, sizeof shown);
    printf("database     %s\n", shown);
    printf("documents    %ld\n", st.documents);
    printf("events       %ld (%ld distinct across stories: source, target, "
           "code, date)\n",
           st.events, st.distinct_events);
    printf("quotations   %ld\n", st.quotes);
    printf("dates        %s .. %s\n", *st.first_date ? st.first_date : "-",
           *st.last_date ? st.last_date : "-");
    printf("top dyads:\n");
    int is_root = 0;
    all.limit = top;
    rc = dyad_store_count_by(s, &all, "dyad", on_stat, &is_root);
  }
  if (!rc) {
    printf("events per root:\n");
    int is_root = 1;
    all.limit = 0;
    rc = dyad_store_count_by(s, &all, "root", on_stat, &is_root);
  }
  if (rc)
    fprintf(stderr, "dyad stats: %s\n", dyad_store_errmsg(s));
  dyad_store_close(s);
  fflush(stdout);
  if (rc)
    return DYAD_EXIT_STORE;
  return ferror(stdout) ? DYAD_EXIT_INTERNAL : DYAD_EXIT_OK;
}

/* formats.c -- writers for the field's event formats: the GDELT 2.0 event
 * and mentions tables, PETRARCH-2's event lines and PLOVER JSON Lines.
 *
 * Each writer takes a range of a document's events (as the JSON Lines
 * writer does) and fills only what dyad knows; a field dyad cannot know is
 * left empty, never invented.  Negated and hypothetical events (kept with
 * --keep-negated / --keep-hypothetical) are not written in GDELT and
 * PETRARCH form, whose columns cannot say so; PLOVER records flag them.
 *
 * "The same event" (GDELT's NumMentions, PETRARCH's one-a-story filter) is
 * the same (date, source code, target code, CAMEO code) in one document.
 * To answer that for a batch the writers index the whole document (one pass,
 * linear in its events), so batches of a long document agree. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "dyad.h"
#include "../code/code.h"
#include "../util/buf.h"
#include "out.h"
#include "../util/mem.h"

/* ===== The CAMEO -> PLOVER table ===== */

typedef struct plover_row {
  const char *cameo, *type, *mode, *context;
} plover_row;

/* Sorted by code (strcmp order); generated from
 * data/plover/cameo2plover.tsv by tools/gen_plover.sh. */
static const plover_row plover_table[] = {
#include "plover_table.inc"
};

/* The PLOVER row of a CAMEO code, or NULL (unknown code).  A row with an
 * empty type is a code PLOVER dropped (CAMEO 01 and 02). */
static const plover_row *plover_lookup(const char *code) {
  size_t lo = 0, hi = sizeof plover_table / sizeof plover_table[0];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(plover_table[mid].cameo, code);
    if (c == 0)
      return &plover_table[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* ===== Shared helpers ===== */



static int str_eq(dyad_str a, dyad_str b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* Events GDELT and PETRARCH lines can state: neither denied nor supposed. */
static int is_factual(const dyad_event *e) {
  return !e->negated && !e->hypothetical;
}

static uint64_t hash_str(dyad_str s, uint64_t seed) {
  return XXH3_64bits_withSeed(s.len ? s.ptr : "", s.len, seed);
}

/* The hash of an event's key: date, source and target codes, CAMEO code. */
static uint64_t key_hash(const dyad_event *e) {
  uint64_t h = hash_str(e->date, 0x64796164u);
  h = hash_str(e->source.code, h);
  h = hash_str(e->target.code, h);
  dyad_str c = {e->code, strlen(e->code)};
  return hash_str(c, h);
}

static int key_eq(const dyad_event *a, const dyad_event *b) {
  return strcmp(a->code, b->code) == 0 && str_eq(a->date, b->date) &&
         str_eq(a->source.code, b->source.code) &&
         str_eq(a->target.code, b->target.code);
}

/* An index of a document's factual events by key.  For event i (factual):
 * first[i] is the first event with its key, next[i] the following one
 * (SIZE_MAX: none), count[first[i]] how many there are, and occ[i] how
 * many earlier ones share both key and sentence (0 for the first). */
typedef struct ev_index {
  size_t *first, *next, *count, *last, *occ;
} ev_index;

static void index_free(ev_index *x) {
  dyad__free(x->first);
  dyad__free(x->next);
  dyad__free(x->count);
  dyad__free(x->last);
  dyad__free(x->occ);
}

/* Builds the index in one pass with an open-addressing table of first
 * indices.  Returns 0, or -1 when out of memory. */
static int index_build(const dyad_doc *d, ev_index *x) {
  size_t n = dyad_doc_event_count(d);
  memset(x, 0, sizeof *x);
  if (n == 0)
    return 0;
  size_t cap = 16;
  while (cap < 2 * n)
    cap *= 2;
  size_t *slot = dyad__calloc(cap, sizeof *slot); /* first index + 1 */
  x->first = dyad__calloc(n, sizeof(size_t));
  x->next = dyad__calloc(n, sizeof(size_t));
  x->count = dyad__calloc(n, sizeof(size_t));
  x->last = dyad__calloc(n, sizeof(size_t));
  x->occ = dyad__calloc(n, sizeof(size_t));
  if (!slot || !x->first || !x->next || !x->count || !x->last || !x->occ) {
    dyad__free(slot);
    index_free(x);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    const dyad_event *e = dyad_doc_event(d, i);
    x->next[i] = SIZE_MAX;
    x->first[i] = i;
    if (!is_factual(e))
      continue;
    size_t j = (size_t)key_hash(e) & (cap - 1);
    while (slot[j] && !key_eq(dyad_doc_event(d, slot[j] - 1), e))
      j = (j + 1) & (cap - 1);
    size_t nm = e->num_mentions ? e->num_mentions : 1;
    if (!slot[j]) {
      slot[j] = i + 1;
      x->count[i] = nm;
      x->last[i] = i;
      continue;
    }
    size_t f = slot[j] - 1, prev = x->last[f];
    x->first[i] = f;
    x->count[f] += nm;
    x->next[prev] = i;
    x->last[f] = i;
    if (dyad_doc_event(d, prev)->sentence == e->sentence)
      x->occ[i] = x->occ[prev] + 1;
  }
  dyad__free(slot);
  return 0;
}

/* A stable 63-bit id of event i: XXH3 of the document id, sentence, CAMEO
 * code, source and target codes (and, for a repeat of that key in the same
 * sentence, its rank there), with the top bit cleared.  GDELT's
 * GLOBALEVENTID; PLOVER's id. */
static uint64_t event_id(dyad_str doc_id, const dyad_event *e, size_t occ) {
  char num[48];
  int k = occ ? snprintf(num, sizeof num, "%zu#%zu", e->sentence, occ)
              : snprintf(num, sizeof num, "%zu", e->sentence);
  dyad_str s = {num, k > 0 ? (size_t)k : 0};
  uint64_t h = hash_str(doc_id, 0x67646c74u);
  h = hash_str(s, h);
  dyad_str c = {e->code, strlen(e->code)};
  h = hash_str(c, h);
  h = hash_str(e->source.code, h);
  h = hash_str(e->target.code, h);
  return h & UINT64_C(0x7fffffffffffffff);
}

/* Copies s into b as one TSV cell. */
static void cell(dyad__buf *b, dyad_str s) { dyad__buf_text(b, s.ptr, s.len); }

/* Appends s upper-cased (Unicode simple case mapping) as one TSV cell, as
 * GDELT writes actor names.  Invalid bytes are left to dyad__buf_text. */
static void upper_cell(dyad__buf *b, dyad_str s) {
  dyad__buf t;
  dyad__buf_init(&t, 0);
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s.ptr;
  size_t i = 0;
  while (i < s.len) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k =
        utf8proc_iterate(p + i, (utf8proc_ssize_t)(s.len - i), &cp);
    if (k <= 0) {
      dyad__buf_add(&t, s.ptr + i, 1);
      i++;
      continue;
    }
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
    dyad__buf_add(&t, (const char *)enc, (size_t)m);
    i += (size_t)k;
  }
  if (t.failed)
    b->failed = 1;
  else
    dyad__buf_text(b, t.p ? t.p : "", t.len);
  dyad__buf_free(&t);
}

/* Reads "YYYY-MM-DD" into y, m, d; returns 0, or -1 for anything else. */
static int parse_date(dyad_str s, int *y, int *m, int *d) {
  if (s.len != 10 || s.ptr[4] != '-' || s.ptr[7] != '-')
    return -1;
  for (size_t i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s.ptr[i] < '0' || s.ptr[i] > '9'))
      return -1;
  *y = (s.ptr[0] - '0') * 1000 + (s.ptr[1] - '0') * 100 +
       (s.ptr[2] - '0') * 10 + (s.ptr[3] - '0');
  *m = (s.ptr[5] - '0') * 10 + (s.ptr[6] - '0');
  *d = (s.ptr[8] - '0') * 10 + (s.ptr[9] - '0');
  return 0;
}

/* ===== GDELT 2.0 events ===== */

/* The ten actor columns: Code, Name, CountryCode, KnownGroupCode,
 * EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code,
 * Type3Code.  dyad knows the code, the name (or the words that name it),
 * the country and one role; the rest stays empty.  An absent actor (no
 * code) leaves all ten empty. */
static void gdelt_actor(dyad__buf *b, const dyad_actor *a) {
  if (!a->code.len) {
    dyad__buf_puts(b, "\t\t\t\t\t\t\t\t\t\t");
    return;
  }
  cell(b, a->code);
  dyad__buf_puts(b, "\t");
  upper_cell(b, a->name.len ? a->name : a->text);
  dyad__buf_puts(b, "\t");
  cell(b, a->country);
  dyad__buf_puts(b, "\t\t\t\t\t");
  cell(b, a->role);
  dyad__buf_puts(b, "\t\t\t");
}

/* One row of GDELT's 61 columns, without a header line (as GDELT's files).
 * Dates from the event date: SQLDATE YYYYMMDD, MonthYear, Year and
 * FractionDate = Year + ((month - 1) * 30 + day) / 365 to four places
 * (GDELT's approximation, as its files have it).  IsRootEvent is 1 for the
 * events of the document's first sentence (GDELT's proxy for the lead
 * paragraph), else 0.  NumMentions counts the events of the document with
 * the same date, actors and code; NumSources and NumArticles are the
 * event's num_articles (0 is written 1: one document).  AvgTone, the 24
 * geography columns and DATEADDED (the time a row entered GDELT's
 * database) are empty; SOURCEURL is the document id.  One writer for
 * events of a dyad_doc and for events from elsewhere (dyad_event_to_gdelt:
 * `dyad query --format gdelt` reads them from its database). */
static void gdelt_event_row(dyad__buf *b, const dyad_event *e, dyad_str doc_id,
                            size_t occ, size_t num_mentions) {
  dyad__buf_printf(b, "%llu\t", (unsigned long long)event_id(doc_id, e, occ));
  int y, m, day;
  if (parse_date(e->date, &y, &m, &day) == 0) {
    long frac = (((long)(m - 1) * 30 + day) * 20000L + 365) / 730;
    dyad__buf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%ld.%04ld\t", y, m, day,
                     y, m, y, y + frac / 10000, frac % 10000);
  } else {
    dyad__buf_puts(b, "\t\t\t\t");
  }
  gdelt_actor(b, &e->source);
  gdelt_actor(b, &e->target);
  size_t cl = strlen(e->code);
  dyad__buf_printf(b, "%d\t%s\t%.*s\t%s\t%d\t", e->sentence == 0, e->code,
                   (int)(cl > 3 ? 3 : cl), e->code, e->root, e->quad_class);
  if (!isnan(e->goldstein))
    dyad__buf_printf(b, "%.1f", e->goldstein);
  dyad__buf_printf(b, "\t%zu\t%zu\t%zu\t", num_mentions,
                   e->num_articles ? e->num_articles : 1,
                   e->num_articles ? e->num_articles : 1);
  /* AvgTone, 3 x 8 geography columns, DATEADDED: empty. */
  dyad__buf_puts(b, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
  cell(b, doc_id);
  dyad__buf_puts(b, "\n");
}

/* The row of a document's event i: its rank among the same key in its
 * sentence and its NumMentions come from the document's index. */
static void gdelt_row(dyad__buf *b, const dyad_doc *d, const ev_index *x,
                      size_t i) {
  gdelt_event_row(b, dyad_doc_event(d, i), dyad_doc_id(d), x->occ[i],
                  x->count[x->first[i]]);
}

dyad_status dyad_event_to_gdelt(const dyad_event *e, dyad_str doc_id,
                                size_t occurrence, size_t num_mentions,
                                char **out, size_t *out_len) {
  if (!e || !out || !out_len || (doc_id.len && !doc_id.ptr))
    return DYAD_ERR_ARG;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  gdelt_event_row(&b, e, doc_id, occurrence, num_mentions);
  return dyad__out_finish(&b, out, out_len);
}

dyad_status dyad_doc_events_to_gdelt(const dyad_doc *d, size_t first,
                                     size_t count, char **out,
                                     size_t *out_len) {
  if (!d || !out || !out_len)
    return DYAD_ERR_ARG;
  ev_index x;
  if (index_build(d, &x))
    return DYAD_ERR_NOMEM;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  size_t end = dyad__out_range_end(d, first, count);
  for (size_t i = first; i < end; i++)
    if (is_factual(dyad_doc_event(d, i)))
      gdelt_row(&b, d, &x, i);
  index_free(&x);
  return dyad__out_finish(&b, out, out_len);
}

/* ===== GDELT 2.0 mentions ===== */

/* The id is a URL: GDELT's MentionType 1 (WEB); else 2 (CITATIONONLY, the
 * identifier is a textual citation). */
static int is_url(dyad_str s) {
  return (s.len > 7 && memcmp(s.ptr, "http://", 7) == 0) ||
         (s.len > 8 && memcmp(s.ptr, "https://", 8) == 0);
}

/* One row of GDELT's 16 mention columns per event: GLOBALEVENTID,
 * EventTimeDate and MentionTimeDate (GDELT's 15-minute update stamps:
 * empty), MentionType, MentionSourceName (empty), MentionIdentifier (the
 * document id), SentenceID (1-based), Actor1/Actor2/ActionCharOffset (byte
 * offsets of the source, the target and the verb; -1 when there is no
 * such actor, as GDELT writes), InRawText 1, Confidence (empty),
 * MentionDocLen (the document's length in bytes), MentionDocTone,
 * MentionDocTranslationInfo and Extras (empty). */
dyad_status dyad_doc_events_to_gdelt_mentions(const dyad_doc *d, size_t first,
                                              size_t count, char **out,
                                              size_t *out_len) {
  if (!d || !out || !out_len)
    return DYAD_ERR_ARG;
  ev_index x;
  if (index_build(d, &x))
    return DYAD_ERR_NOMEM;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  dyad_str id = dyad_doc_id(d);
  size_t end = dyad__out_range_end(d, first, count);
  for (size_t i = first; i < end; i++) {
    const dyad_event *e = dyad_doc_event(d, i);
    if (!is_factual(e))
      continue;
    /* One row per sentence stating the event; the offsets of actors and
     * verb are known for the first only (-1 for the others). */
    size_t nm = e->num_mentions ? e->num_mentions : 1;
    for (size_t k = 0; k < nm; k++) {
      dyad__buf_printf(&b, "%llu\t\t\t%d\t\t",
                       (unsigned long long)event_id(dyad_doc_id(d), e, x.occ[i]),
                       is_url(id) ? 1 : 2);
      cell(&b, id);
      size_t sent = k && e->mentions ? e->mentions[k].sentence : e->sentence;
      dyad__buf_printf(&b, "\t%zu\t", sent + 1);
      if (k) {
        dyad__buf_puts(&b, "-1\t-1\t-1");
      } else {
        if (e->source.code.len)
          dyad__buf_printf(&b, "%zu\t", e->source.span.start);
        else
          dyad__buf_puts(&b, "-1\t");
        if (e->target.code.len)
          dyad__buf_printf(&b, "%zu\t", e->target.span.start);
        else
          dyad__buf_puts(&b, "-1\t");
        dyad__buf_printf(&b, "%zu", e->verb_span.start);
      }
      dyad__buf_printf(&b, "\t1\t\t%zu\t\t\t\n", d->text.orig_len);
    }
  }
  index_free(&x);
  return dyad__out_finish(&b, out, out_len);
}

/* ===== PETRARCH-2 ===== */

/* PETRARCH-2's event lines (PETRwriter.write_events after its one-a-story
 * filter): one line per distinct (date, source, target, code) of a story,
 *   date YYYYMMDD, source, target, CAMEO code, issues (empty: dyad codes no
 *   issues), sentence ids joined by ';', story source
 * -- the columns PETRARCH writes for a story without a URL.  Sentence ids
 * are "docid_N" with dyad's 0-based sentence index; PETRARCH keeps only
 * one, dyad lists every sentence that gave the event.  The story source
 * is "NULL" (PETRARCH's word when a story names none).  Events lacking a
 * source or a target are not written (PETRARCH drops unresolved actors). */
dyad_status dyad_doc_events_to_petrarch(const dyad_doc *d, size_t first,
                                        size_t count, char **out,
                                        size_t *out_len) {
  if (!d || !out || !out_len)
    return DYAD_ERR_ARG;
  ev_index x;
  if (index_build(d, &x))
    return DYAD_ERR_NOMEM;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  dyad_str id = dyad_doc_id(d);
  size_t end = dyad__out_range_end(d, first, count);
  for (size_t i = first; i < end; i++) {
    const dyad_event *e = dyad_doc_event(d, i);
    if (!is_factual(e) || x.first[i] != i || !e->source.code.len ||
        !e->target.code.len)
      continue;
    int y, m, day;
    if (parse_date(e->date, &y, &m, &day) == 0)
      dyad__buf_printf(&b, "%04d%02d%02d", y, m, day);
    dyad__buf_puts(&b, "\t");
    cell(&b, e->source.code);
    dyad__buf_puts(&b, "\t");
    cell(&b, e->target.code);
    dyad__buf_printf(&b, "\t%s\t\t", e->code);
    size_t last_sent = SIZE_MAX;
    for (size_t k = i; k != SIZE_MAX; k = x.next[k]) {
      const dyad_event *ek = dyad_doc_event(d, k);
      size_t nm = ek->num_mentions ? ek->num_mentions : 1;
      for (size_t j = 0; j < nm; j++) {
        size_t s = j && ek->mentions ? ek->mentions[j].sentence : ek->sentence;
        if (s == last_sent)
          continue;
        if (last_sent != SIZE_MAX)
          dyad__buf_puts(&b, ";");
        cell(&b, id);
        dyad__buf_printf(&b, "_%zu", s);
        last_sent = s;
      }
    }
    dyad__buf_puts(&b, "\tNULL\n");
  }
  index_free(&x);
  return dyad__out_finish(&b, out, out_len);
}

/* ===== PLOVER ===== */

static void json_str(dyad__buf *b, const char *key, dyad_str s, int comma) {
  dyad__buf_printf(b, "%s\"%s\":\"", comma ? "," : "", key);
  dyad__buf_json(b, s.ptr, s.len);
  dyad__buf_puts(b, "\"");
}

static dyad_str zstr(const char *z) {
  dyad_str s = {z, strlen(z)};
  return s;
}

/* A PLOVER actor object: code, country, sector (dyad's role), name, text;
 * null when the event has no such actor. */
static void plover_actor(dyad__buf *b, const char *key, const dyad_actor *a) {
  dyad__buf_printf(b, ",\"%s\":", key);
  if (!a->code.len && !a->text.len) {
    dyad__buf_puts(b, "null");
    return;
  }
  dyad__buf_puts(b, "{");
  json_str(b, "code", a->code, 0);
  json_str(b, "country", a->country, 1);
  json_str(b, "sector", a->role, 1);
  json_str(b, "name", a->name, 1);
  json_str(b, "text", a->text, 1);
  dyad__buf_puts(b, "}");
}

/* PLOVER JSON Lines, one object per event whose CAMEO code has a PLOVER
 * type (events coded 01x/02x, which PLOVER dropped, are not written):
 * id (the GDELT GLOBALEVENTID, as a string), doc_id, sentence, date,
 * event_type, mode, context (';' between several; "" for none), actor,
 * recipient, cameo, text (the sentence), and negated / hypothetical only
 * when true. */
dyad_status dyad_doc_events_to_plover(const dyad_doc *d, size_t first,
                                      size_t count, char **out,
                                      size_t *out_len) {
  if (!d || !out || !out_len)
    return DYAD_ERR_ARG;
  ev_index x;
  if (index_build(d, &x))
    return DYAD_ERR_NOMEM;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  size_t end = dyad__out_range_end(d, first, count);
  for (size_t i = first; i < end; i++) {
    const dyad_event *e = dyad_doc_event(d, i);
    const plover_row *r = plover_lookup(e->code);
    if (!r || !r->type[0])
      continue;
    dyad__buf_printf(&b, "{\"id\":\"%llu\"",
                     (unsigned long long)event_id(dyad_doc_id(d), e, x.occ[i]));
    json_str(&b, "doc_id", dyad_doc_id(d), 1);
    dyad__buf_printf(&b, ",\"sentence\":%zu", e->sentence);
    json_str(&b, "date", e->date, 1);
    dyad__buf_printf(&b,
                     ",\"event_type\":\"%s\",\"mode\":\"%s\","
                     "\"context\":\"%s\"",
                     r->type, r->mode, r->context);
    plover_actor(&b, "actor", &e->source);
    plover_actor(&b, "recipient", &e->target);
    json_str(&b, "cameo", zstr(e->code), 1);
    json_str(&b, "text", e->text, 1);
    if (e->negated)
      dyad__buf_puts(&b, ",\"negated\":true");
    if (e->hypothetical)
      dyad__buf_puts(&b, ",\"hypothetical\":true");
    dyad__buf_puts(&b, "}\n");
  }
  index_free(&x);
  return dyad__out_finish(&b, out, out_len);
}

const char *dyad_plover_type(const char *code) {
  const plover_row *r = code ? plover_lookup(code) : NULL;
  return r && r->type[0] ? r->type : NULL;
}

const char *dyad_plover_mode(const char *code) {
  const plover_row *r = code ? plover_lookup(code) : NULL;
  return r && r->type[0] && r->mode[0] ? r->mode : NULL;
}

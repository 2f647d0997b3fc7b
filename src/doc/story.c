/* story.c -- the document layer: reads the coded document as a whole story.
 *
 * Runs after the coder, on its events and on the text's tokens and spans:
 *   1. quotations and their speakers (src/text/quotes.c finds the marks and
 *      the words naming the speaker; the actors the coder found give the
 *      speaker's code; a pronoun or a continued quote takes the speaker of
 *      the quote before);
 *   2. the date of each event (src/doc/dates.c): the expression of its
 *      sentence nearest its verb, else the last date an earlier sentence of
 *      the story gave, else the publication date;
 *   3. the place of each event (src/doc/gazetteer.c): a place named in a
 *      locative phrase of its sentence ("in Tokyo", "visiting Japan", "near
 *      the border with Guyana"), else the story's place (its dateline, or
 *      the first place the lead names);
 *   4. one event per happening: the same source, target, code and date
 *      stated in several sentences is one event listing every mention;
 *   5. a confidence per event from the evidence used, and PLOVER's type
 *      and mode.
 * The rules are written out for users in docs/coding.md ("The story").
 */
#include <stdio.h>
#include <string.h>

#include "../code/code.h"
#include "../text/quotes.h"
#include "../util/mem.h"
#include "../util/strmap.h"
#include "dates.h"
#include "gazetteer.h"

#define MAX_WHENS 16   /* date expressions kept per sentence */
#define MAX_PLACES 16  /* places kept per sentence */
#define LEDE_SENTENCES 2 /* a story's place is named in its first two */

static dyad_str view(const char *p, size_t n) {
  dyad_str s = {p, n};
  return s;
}

static dyad_str cview(const char *p) { return view(p, strlen(p)); }

static dyad_str orig_view(const dyad_doc *d, uint32_t start, uint32_t end) {
  return view(d->text.orig + start, end - start);
}

/* ===== 1. Quotations ===== */

static int is_pronoun(const dyad__token *t) {
  static const char *const p[] = {"he", "she", "they", "it", "we", "i",
                                  NULL};
  for (int i = 0; p[i]; i++)
    if (t->len == strlen(p[i]) && memcmp(t->lower, p[i], t->len) == 0)
      return 1;
  return 0;
}

/* The coder's actor mentions come in text order (by first token, one noun
 * phrase after another).  Each quotation looks its speaker up among them
 * by binary search rather than by a walk over all of them: a walk per
 * quotation made a document of many quotations cost (quotations x actor
 * mentions), four billion steps for 100,000 quotations. */
typedef struct mention_index {
  uint32_t *max_last;   /* [i]: the greatest last token of mentions 0..i */
  int32_t *last_person; /* [i]: the last person among mentions 0..i, or -1 */
} mention_index;

static int mention_index_make(dyad_doc *d, mention_index *x) {
  size_t n = d->n_amentions;
  x->max_last = dyad__arena_alloc(&d->arena, (n ? n : 1) * sizeof *x->max_last);
  x->last_person =
      dyad__arena_alloc(&d->arena, (n ? n : 1) * sizeof *x->last_person);
  if (!x->max_last || !x->last_person)
    return -1;
  for (size_t i = 0; i < n; i++) {
    const dyad__amention *m = &d->amentions[i];
    x->max_last[i] = i && x->max_last[i - 1] > m->last ? x->max_last[i - 1]
                                                       : m->last;
    x->last_person[i] = m->person ? (int32_t)i : i ? x->last_person[i - 1] : -1;
  }
  return 0;
}

/* The number of mentions whose first token is before tok (or at it, when
 * at is 1). */
static size_t mentions_before(const dyad_doc *d, uint32_t tok, int at) {
  size_t lo = 0, hi = d->n_amentions;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    uint32_t f = d->amentions[mid].first;
    if (f < tok || (at && f == tok))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The actor the coder found among tokens [first, last], the one ending
 * last (the head of "Japanese Prime Minister Kishida"; of two ending
 * together, the later one), or -1. */
static long actor_in(const dyad_doc *d, const mention_index *x,
                     uint32_t first, uint32_t last) {
  long best = -1;
  /* Mentions beginning after last cannot overlap; walking back, none
   * before i can reach first once max_last[i] falls short of it. */
  for (size_t i = mentions_before(d, last, 1); i-- > 0;) {
    if (x->max_last[i] < first)
      break;
    const dyad__amention *m = &d->amentions[i];
    if (m->last < first)
      continue;
    if (best < 0 || m->last > d->amentions[best].last)
      best = (long)i;
  }
  return best;
}

/* The last person the coder found before token tok (for "he said" with no
 * quote before it), or -1. */
static long person_before(const dyad_doc *d, const mention_index *x,
                          uint32_t tok) {
  size_t k = mentions_before(d, tok, 0);
  return k ? x->last_person[k - 1] : -1;
}

static void speaker_from_mention(const dyad_doc *d, long m, dyad_actor *a) {
  const dyad__amention *am = &d->amentions[m];
  a->code = cview(am->code);
  a->name = cview(am->name);
  size_t n = strlen(am->code);
  if (n >= 3 && am->code[0] >= 'A' && am->code[0] <= 'Z')
    a->country = view(am->code, 3);
  if (n > 3)
    a->role = view(am->code + 3, n - 3 > 3 ? 3 : n - 3);
}

static int story_quotes(dyad_doc *d) {
  size_t marks = 0;
  for (size_t i = 0; i < d->n_toks; i++)
    if (d->toks[i].flags & DYAD__TF_QUOTE)
      marks++;
  if (!marks)
    return 0;
  size_t cap = marks < DYAD__QUOTE_MAX ? marks : DYAD__QUOTE_MAX;
  dyad__quote *q = dyad__arena_calloc(&d->arena, cap, sizeof *q);
  if (!q)
    return -1;
  size_t nq = dyad__quotes_find(&d->text, q, cap);
  if (!nq)
    return 0;
  dyad__quotes_speakers(d->toks, d->n_toks, d->sents, d->n_sents, q, nq);
  dyad_quote *out = dyad__arena_calloc(&d->arena, nq, sizeof *out);
  mention_index mx;
  if (!out || mention_index_make(d, &mx))
    return -1;
  for (size_t i = 0; i < nq; i++) {
    dyad_quote *o = &out[i];
    o->text = orig_view(d, q[i].start, q[i].end);
    o->span.start = q[i].start;
    o->span.end = q[i].end;
    o->closed = q[i].closed;
    o->continues = q[i].continues;
    dyad_actor *sp = &o->speaker;
    if (q[i].cue_first >= 0 && q[i].cue_start != UINT32_MAX) {
      sp->text = orig_view(d, q[i].cue_start, q[i].cue_end);
      sp->span.start = q[i].cue_start;
      sp->span.end = q[i].cue_end;
      uint32_t first = (uint32_t)q[i].cue_first;
      uint32_t last = first + (uint32_t)(q[i].cue_count ? q[i].cue_count - 1
                                                        : 0);
      if (q[i].cue_count == 1 && is_pronoun(&d->toks[first])) {
        /* "..., he said": the speaker of the quote before, when there is
         * one in this or the previous paragraphs, else the last person
         * named before the quote. */
        sp->resolved_from = sp->text;
        const dyad_quote *prev = NULL;
        for (size_t j = i; j-- > 0;) {
          if (out[j].speaker.code.len) {
            if (q[i].para <= q[j].para + 2)
              prev = &out[j];
            break;
          }
        }
        if (prev) {
          sp->code = prev->speaker.code;
          sp->name = prev->speaker.name;
          sp->country = prev->speaker.country;
          sp->role = prev->speaker.role;
        } else {
          long m = person_before(d, &mx, first);
          if (m >= 0)
            speaker_from_mention(d, m, sp);
        }
      } else {
        long m = actor_in(d, &mx, first, last);
        if (m >= 0)
          speaker_from_mention(d, m, sp);
      }
    } else if (q[i].speaker_from >= 0 && (size_t)q[i].speaker_from < i) {
      *sp = out[q[i].speaker_from].speaker;
      sp->resolved_from = cview(q[i].continues >= 0 ? "continued quote"
                                                     : "previous quote");
    }
  }
  d->quotes = out;
  d->n_quotes = nq;
  return 0;
}

/* ===== 2. Dates ===== */

typedef struct whens {
  dyad__when w[MAX_WHENS];
  size_t n;
} whens;

static void sentence_whens(const dyad_doc *d, size_t s, dyad__ymd pub,
                           int future, whens *out) {
  const dyad__sentence *se = &d->sents[s];
  out->n = dyad__dates_find(d->text.orig + se->start, se->end - se->start,
                            pub, future, out->w, MAX_WHENS);
}

/* Distance in bytes between a span and [a, b). */
static size_t span_gap(uint32_t s0, uint32_t s1, uint32_t a, uint32_t b) {
  if (s1 <= a)
    return a - s1;
  if (b <= s0)
    return s0 - b;
  return 0;
}

static const char *precision_name(int p) {
  switch (p) {
  case DYAD__DATE_DAY:
    return "day";
  case DYAD__DATE_WEEK:
    return "week";
  case DYAD__DATE_MONTH:
    return "month";
  case DYAD__DATE_YEAR:
    return "year";
  }
  return "publication";
}

/* Sets the event's date from w (an expression of sentence s). */
static int set_when(dyad_doc *d, dyad_event *ev, const dyad__when *w,
                    uint32_t base, const char *from) {
  char buf[11];
  if (dyad__ymd_format(w->date, buf))
    return 0;
  char *ds = dyad__arena_strndup(&d->arena, buf, 10);
  if (!ds)
    return -1;
  ev->date = view(ds, 10);
  ev->date_precision = cview(precision_name(w->precision));
  ev->date_from = cview(from);
  ev->date_text = orig_view(d, base + w->start, base + w->end);
  if (w->hour >= 0 && strcmp(from, "sentence") == 0) { /* a time is not
                                                         carried */
    char *ts = dyad__arena_alloc(&d->arena, 6);
    if (!ts)
      return -1;
    unsigned h = (unsigned)w->hour % 24u;
    unsigned mi = w->minute < 0 ? 0u : (unsigned)w->minute % 60u;
    ts[0] = (char)('0' + h / 10);
    ts[1] = (char)('0' + h % 10);
    ts[2] = ':';
    ts[3] = (char)('0' + mi / 10);
    ts[4] = (char)('0' + mi % 10);
    ts[5] = '\0';
    ev->time = view(ts, 5);
  }
  return 0;
}

static int story_dates(dyad_doc *d) {
  dyad__ymd pub;
  if (!d->date.len || dyad__ymd_parse(d->date.ptr, d->date.len, &pub))
    return 0; /* undated: dates stay as given */
  whens cur;
  size_t cur_s = (size_t)-1;
  /* The story's date so far: the last day an earlier sentence named that is
   * not after publication, and the sentence it came from. */
  dyad__when story;
  int have_story = 0;
  uint32_t story_base = 0;
  size_t scanned = 0; /* sentences whose expressions fed `story` */
  for (size_t i = 0; i < d->n_events; i++) {
    dyad_event *ev = &d->events[i];
    size_t s = ev->sentence;
    for (; scanned < s; scanned++) {
      whens w;
      sentence_whens(d, scanned, pub, 0, &w);
      for (size_t k = 0; k < w.n; k++)
        if (w.w[k].precision == DYAD__DATE_DAY && !w.w[k].future) {
          story = w.w[k];
          story_base = d->sents[scanned].start;
          have_story = 1;
        }
    }
    if (s != cur_s) {
      sentence_whens(d, s, pub, 0, &cur);
      cur_s = s;
    }
    const whens *w = &cur;
    whens fw;
    if (ev->future) {
      sentence_whens(d, s, pub, 1, &fw);
      w = &fw;
    }
    uint32_t base = d->sents[s].start;
    long best = -1;
    size_t gap = (size_t)-1;
    for (size_t k = 0; k < w->n; k++) {
      size_t g = span_gap((uint32_t)ev->verb_span.start,
                          (uint32_t)ev->verb_span.end, base + w->w[k].start,
                          base + w->w[k].end);
      if (g < gap) {
        gap = g;
        best = (long)k;
      }
    }
    int rc = 0;
    if (best >= 0)
      rc = set_when(d, ev, &w->w[best], base, "sentence");
    else if (have_story) /* a plan or threat dates from its statement */
      rc = set_when(d, ev, &story, story_base, "story");
    else {
      ev->date = d->date;
      ev->date_precision = cview("publication");
      ev->date_from = cview("publication");
    }
    if (rc)
      return -1;
  }
  return 0;
}

/* ===== 3. Places ===== */

typedef struct cand {
  int32_t name;  /* gazetteer name */
  uint32_t first, count; /* tokens */
  const char *how;
} cand;

typedef struct places {
  cand c[MAX_PLACES];
  size_t n;
} places;

static int word_is(const dyad__token *t, const char *const *words) {
  for (int i = 0; words[i]; i++)
    if (t->len == strlen(words[i]) && memcmp(t->lower, words[i], t->len) == 0)
      return 1;
  return 0;
}

static const char *const LOCATIVE[] = {
    "in",     "at",      "near",       "outside", "inside", "around",
    "across", "throughout", "within",  "off",     "into",   NULL};
static const char *const VISIT[] = {
    "visiting", "visit",  "visits",   "visited", "touring", "tour",
    "toured",   NULL};
static const char *const TRAVEL_TO[] = {
    "trip",    "travel",  "travelled", "traveled", "travels", "flew",
    "flies",   "fly",     "heading",   "headed",   "arrived", "arrives",
    "arriving", "landed", "returned",  "journey",  NULL};
static const char *const BETWEEN[] = {
    "the",      "northern",   "southern",   "eastern",    "western",
    "central",  "north",      "south",      "east",       "west",
    "northeastern", "northwestern", "southeastern", "southwestern",
    "north-eastern", "north-western", "south-eastern", "south-western",
    "north-east", "north-west", "south-east", "south-west", "occupied",
    "neighbouring", "neighboring", "war-torn", "rebel-held",
    "government-held", "disputed", "capital", "city", "town", "village",
    "port", "region", "province", "state", "district", "of", "parts",
    "outskirts", "border", "with", "coast", "suburbs", "eastern",
    "downtown", NULL};

/* How the words before token i (a place name) make it where something
 * happened, or NULL. */
static const char *locative(const dyad_doc *d, size_t s, size_t i) {
  const dyad__sentence *se = &d->sents[s];
  size_t j = i;
  int steps = 0;
  while (j > se->first && steps < 6) {
    const dyad__token *t = &d->toks[j - 1];
    if (word_is(t, LOCATIVE))
      return "in";
    if (word_is(t, VISIT))
      return "visit";
    if (t->len == 2 && memcmp(t->lower, "to", 2) == 0) {
      /* "a visit to", "travelled to" */
      if (j - 1 > se->first) {
        const dyad__token *p = &d->toks[j - 2];
        if (word_is(p, VISIT) || word_is(p, TRAVEL_TO))
          return "visit";
      }
      return NULL;
    }
    if (!word_is(t, BETWEEN))
      return NULL;
    j--;
    steps++;
  }
  return NULL;
}

/* A dateline: the story opens with a place in capitals followed by a comma,
 * a dash or a bracket ("KYIV, March 3 (Reuters) -"). */
static int dateline(const dyad_doc *d, const dyad__gazetteer *g, cand *out) {
  if (!d->n_sents || !d->n_toks)
    return 0;
  int32_t nm;
  size_t n = dyad__gazetteer_match(g, d->toks, d->n_toks, 0, &nm);
  if (!n || n >= d->n_toks)
    return 0;
  for (size_t k = 0; k < n; k++)
    if (!(d->toks[k].flags & DYAD__TF_ALLCAP) && d->toks[k].len > 1)
      return 0;
  const dyad__token *after = &d->toks[n];
  if (!(after->len == 1 && (after->s[0] == ',' || after->s[0] == '(' ||
                            after->s[0] == '-')))
    return 0;
  out->name = nm;
  out->first = 0;
  out->count = (uint32_t)n;
  out->how = "dateline";
  return 1;
}

/* A finer place than a country or first-level region: a city, capital,
 * region of its own or feature. */
static int finer(int kind) {
  return kind == DYAD__PLACE_CITY || kind == DYAD__PLACE_CAPITAL ||
         kind == DYAD__PLACE_FEATURE;
}

static void sentence_places(const dyad_doc *d, const dyad__gazetteer *g,
                            size_t s, places *out) {
  const dyad__sentence *se = &d->sents[s];
  out->n = 0;
  size_t end = se->first + se->count;
  for (size_t i = se->first; i < end && out->n < MAX_PLACES; i++) {
    int32_t nm;
    size_t n = dyad__gazetteer_match(g, d->toks, end, i, &nm);
    if (!n)
      continue;
    const dyad__place *p = &g->places[g->names[nm].place];
    const char *how = locative(d, s, i);
    if (how && !p->ambiguous) {
      cand *c = &out->c[out->n++];
      c->name = nm;
      c->first = (uint32_t)i;
      c->count = (uint32_t)n;
      c->how = how;
    }
    i += n - 1;
  }
}

static const char *kind_name(int k) {
  static const char *const names[] = {"",      "country", "capital", "city",
                                      "admin", "region",  "feature"};
  return k >= 1 && k <= 6 ? names[k] : "";
}

/* The reading of name nm whose country is one of the event's actors', else
 * the first. */
static const dyad__place *reading(const dyad__gazetteer *g, int32_t nm,
                                  const dyad_event *ev) {
  for (int32_t j = nm; j >= 0; j = g->names[j].next) {
    const dyad__place *p = &g->places[g->names[j].place];
    if ((ev->source.country.len == 3 &&
         memcmp(ev->source.country.ptr, p->code, 3) == 0) ||
        (ev->target.country.len == 3 &&
         memcmp(ev->target.country.ptr, p->code, 3) == 0))
      return p;
  }
  return &g->places[g->names[nm].place];
}

static void set_place(const dyad_doc *d, const dyad__gazetteer *g,
                      dyad_event *ev, const cand *c, const char *how) {
  const dyad__place *p = reading(g, c->name, ev);
  ev->place.name = cview(p->name);
  ev->place.country = view(p->code, 3);
  ev->place.kind = cview(kind_name(p->kind));
  ev->place.lat = p->lat;
  ev->place.lon = p->lon;
  ev->place.how = cview(how ? how : c->how);
  ev->place.span.start = d->toks[c->first].start;
  ev->place.span.end = d->toks[c->first + c->count - 1].end;
}

static void story_places(dyad_doc *d, const dyad__gazetteer *g) {
  if (!g->n_places)
    return;
  cand story;
  int have_story = dateline(d, g, &story);
  places cur;
  size_t cur_s = (size_t)-1, scanned = 0;
  for (size_t i = 0; i < d->n_events; i++) {
    dyad_event *ev = &d->events[i];
    size_t s = ev->sentence;
    /* The story's place: its dateline, else the first place its lead
     * (the first two sentences) names. */
    for (; scanned < s && scanned < LEDE_SENTENCES; scanned++) {
      places p;
      sentence_places(d, g, scanned, &p);
      if (p.n && !have_story) {
        story = p.c[0];
        have_story = 1;
      }
    }
    scanned = s > scanned ? s : scanned;
    if (s != cur_s) {
      sentence_places(d, g, s, &cur);
      cur_s = s;
    }
    long best = -1;
    size_t gap = (size_t)-1;
    for (size_t k = 0; k < cur.n; k++) {
      size_t gp = span_gap((uint32_t)ev->verb_span.start,
                           (uint32_t)ev->verb_span.end,
                           d->toks[cur.c[k].first].start,
                           d->toks[cur.c[k].first].end);
      if (gp < gap) {
        gap = gp;
        best = (long)k;
      }
    }
    if (best >= 0) {
      /* "Kharkiv in northeastern Ukraine", "the West Bank near Jenin": the
       * city rather than the country or region that holds it. */
      const dyad__place *bp = &g->places[g->names[cur.c[best].name].place];
      if (!finer(bp->kind))
        for (size_t k = 0; k < cur.n; k++) {
          const dyad__place *q = &g->places[g->names[cur.c[k].name].place];
          if (finer(q->kind) && memcmp(q->code, bp->code, 3) == 0) {
            best = (long)k;
            break;
          }
        }
      set_place(d, g, ev, &cur.c[best], NULL);
    }
    else if (have_story)
      set_place(d, g, ev, &story,
                strcmp(story.how, "dateline") == 0 ? "dateline" : "story");
  }
}

/* ===== 4. One event per happening ===== */

static int same_str(dyad_str a, dyad_str b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static int same_event(const dyad_event *a, const dyad_event *b) {
  return strcmp(a->code, b->code) == 0 && same_str(a->source.code,
                                                   b->source.code) &&
         same_str(a->target.code, b->target.code) &&
         same_str(a->date, b->date) && a->negated == b->negated &&
         a->hypothetical == b->hypothetical;
}

static int story_merge(dyad_doc *d, int merge) {
  size_t n = d->n_events;
  if (!n)
    return 0;
  /* group[i]: the index of the first event of i's happening. */
  int32_t *group = dyad__malloc(n * sizeof *group);
  uint32_t *count = dyad__calloc(n, sizeof *count);
  if (!group || !count) {
    dyad__free(group);
    dyad__free(count);
    return -1;
  }
  dyad__strmap map;
  dyad__strmap_init(&map);
  int rc = -1;
  for (size_t i = 0; i < n; i++) {
    dyad_event *ev = &d->events[i];
    group[i] = (int32_t)i;
    if (merge) {
      /* Key: code, source, target, date, flags. */
      char key[128];
      int kl = snprintf(key, sizeof key, "%s|%.*s|%.*s|%.*s|%d%d", ev->code,
                        (int)(ev->source.code.len > 40 ? 40
                                                       : ev->source.code.len),
                        ev->source.code.ptr,
                        (int)(ev->target.code.len > 40 ? 40
                                                       : ev->target.code.len),
                        ev->target.code.ptr, (int)ev->date.len, ev->date.ptr,
                        ev->negated, ev->hypothetical);
      if (kl < 0 || (size_t)kl >= sizeof key)
        kl = (int)sizeof key - 1;
      char *k = dyad__arena_strndup(&d->arena, key, (size_t)kl);
      if (!k)
        goto done;
      int ins;
      dyad__strmap_slot *sl =
          dyad__strmap_put(&map, k, (size_t)kl, (int32_t)i, &ins);
      if (!sl)
        goto done;
      if (!ins && same_event(&d->events[sl->value], ev))
        group[i] = sl->value;
    }
    count[group[i]]++;
  }
  /* Mentions for every kept event, then compact the array. */
  for (size_t i = 0; i < n; i++) {
    if (group[i] != (int32_t)i)
      continue;
    dyad_mention *m = dyad__arena_alloc(&d->arena, count[i] * sizeof *m);
    if (!m)
      goto done;
    d->events[i].mentions = m;
    d->events[i].num_mentions = 0;
    d->events[i].num_articles = 1;
  }
  for (size_t i = 0; i < n; i++) {
    dyad_event *g = &d->events[group[i]];
    dyad_mention *m = (dyad_mention *)g->mentions + g->num_mentions++;
    m->sentence = d->events[i].sentence;
    m->span = d->events[i].sentence_span;
    /* A later mention that names the place in its own sentence tells more
     * than the story's place. */
    if (group[i] != (int32_t)i && d->events[i].place.name.len &&
        (!g->place.name.len || strcmp(g->place.how.ptr, "story") == 0 ||
         strcmp(g->place.how.ptr, "dateline") == 0) &&
        strcmp(d->events[i].place.how.ptr, "story") != 0 &&
        strcmp(d->events[i].place.how.ptr, "dateline") != 0)
      g->place = d->events[i].place;
  }
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    if (group[i] == (int32_t)i)
      d->events[w++] = d->events[i];
  d->n_events = w;
  rc = 0;
done:
  dyad__strmap_free(&map);
  dyad__free(group);
  dyad__free(count);
  return rc;
}

/* ===== 5. Confidence ===== */

/* Words of a pattern besides its actor slots ("+ HELD_TALKS WITH" -> 2). */
static int pattern_words(dyad_str p) {
  int words = 0, in = 0;
  for (size_t i = 0; i < p.len; i++) {
    char ch = p.ptr[i];
    int w = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    if (w && !in)
      words++;
    in = w || (in && (ch == '_' || ch == '\'' || ch == '-'));
  }
  return words;
}

static double actor_factor(const dyad_actor *a) {
  if (!a->code.len)
    return 0.8; /* no target */
  double f = 1.0;
  if (a->resolved_from.len) {
    /* A pronoun is weaker evidence than "the prime minister". */
    const char *r = a->resolved_from.ptr;
    size_t n = a->resolved_from.len;
    int pronoun = n <= 5 && memchr(r, ' ', n) == NULL &&
                  (r[0] == 'h' || r[0] == 's' || r[0] == 't' || r[0] == 'i' ||
                   r[0] == 'w' || r[0] == 'H' || r[0] == 'S' || r[0] == 'T' ||
                   r[0] == 'I' || r[0] == 'W');
    f *= pronoun ? 0.75 : 0.85;
  }
  if (a->code.len >= 3 && memcmp(a->code.ptr, "---", 3) == 0)
    f *= 0.8; /* a role without its country */
  return f;
}

static void story_confidence(dyad_doc *d) {
  for (size_t i = 0; i < d->n_events; i++) {
    dyad_event *ev = &d->events[i];
    double c = 0.9;
    c *= pattern_words(ev->pattern) >= 2 ? 1.0 : 0.85;
    c *= actor_factor(&ev->source);
    c *= actor_factor(&ev->target);
    if (ev->reported)
      c *= 0.9;
    if (ev->passive)
      c *= 0.9;
    if (ev->negated)
      c *= 0.5;
    if (ev->hypothetical)
      c *= 0.6;
    if (ev->sentence < d->n_sents && d->sents[ev->sentence].headline)
      c *= 0.85;
    /* Each further sentence stating it removes a third of the doubt. */
    for (size_t k = 1; k < ev->num_mentions && k < 8; k++)
      c = 1.0 - (1.0 - c) * 0.67;
    if (c > 0.99)
      c = 0.99;
    if (c < 0.01)
      c = 0.01;
    ev->confidence = (double)(long)(c * 100 + 0.5) / 100;
    ev->plover_type = dyad_plover_type(ev->code);
    ev->plover_mode = dyad_plover_mode(ev->code);
  }
}

dyad_status dyad__story(const dyad_engine *e, dyad_doc *d) {
  if (story_quotes(d))
    goto fail;
  if (story_dates(d))
    goto fail;
  story_places(d, &e->gaz);
  if (story_merge(d, !(e->opts.flags & DYAD_OPT_NO_MERGE)))
    goto fail;
  story_confidence(d);
  return DYAD_OK;
fail:
  return d->arena.too_large ? DYAD_ERR_TOO_LARGE : DYAD_ERR_NOMEM;
}

/* sentence.c -- the newswire sentence splitter (text.h).
 *
 * Walks the tokens once.  A sentence ends
 *   - before the first token of a paragraph (always);
 *   - after '.', '!' or '?' together with the closing quotes and brackets
 *     that follow it, unless the next word (past opening quotes and
 *     brackets) starts with a lower-case letter ("around Japan. and shared"
 *     stays one sentence, so does "'Why?' he asked") or the next token is
 *     ',' ';' or ':';
 *   - after "..." only before a capitalised word;
 *   - after an abbreviation according to its class (DYAD__ABBR_*): titles
 *     (Mr. Gen. No.) and e.g./i.e. never; months and initials (Jan. J.) only
 *     before a common sentence opener (The, He, In, ...);
 *     U.S./U.N. only before a common sentence opener (U.S. The ...) and
 *     a.m./p.m. before a capitalised word that is not one that usually
 *     follows them inside a sentence (6 p.m. EST, 9 a.m. Monday); the others
 *     (Inc. Jr. etc.) before a capitalised word.
 * A sentence that is a whole paragraph and does not end in terminal
 * punctuation is flagged as a headline.
 */
#include "text.h"

#include <string.h>
#include <utf8proc.h>

/* Words that commonly open a sentence (lower case), for J. Jan. U.S. */
static const char *const openers[] = {
    "a",      "after",   "all",   "also",   "an",     "and",   "as",
    "at",     "before",  "both",  "but",    "by",     "during", "for",
    "from",   "he",      "her",   "here",   "his",    "how",   "however",
    "i",      "if",      "in",    "it",     "its",    "many",  "meanwhile",
    "most",   "my",      "no",    "on",     "one",    "our",   "police",
    "she",    "since",   "so",    "some",   "that",   "the",   "their",
    "there",  "these",   "they",  "this",   "those",  "to",    "under",
    "we",     "what",    "when",  "where",  "while",  "who",   "why",
    "with",   "you",     NULL};

/* Capitalised words that often follow U.S. / U.N. inside a sentence. */
static const char *const org_follow[] = {
    "administration", "agency",       "air",          "ambassador",
    "army",           "assistant",    "attorney",     "bureau",
    "capitol",        "central",      "chamber",      "chief",
    "coast",          "command",      "commander",    "commerce",
    "commissioner",   "congress",     "congressman",  "congresswoman",
    "council",        "court",        "customs",      "defense",
    "defence",        "department",   "deputy",       "development",
    "drug",           "economic",     "embassy",      "energy",
    "envoy",          "environmental","federal",      "forces",
    "general",        "government",   "health",       "high",
    "homeland",       "house",        "human",        "intelligence",
    "joint",          "justice",      "labor",        "marine",
    "marines",        "military",     "mission",      "national",
    "naval",          "navy",         "nuclear",      "office",
    "peacekeepers",   "peacekeeping", "permanent",    "president",
    "refugee",        "representative","secretary",   "secretary-general",
    "security",       "senate",       "senator",      "special",
    "state",          "strategic",    "supreme",      "trade",
    "treasury",       "under",        "undersecretary","vice",
    "world",          NULL};

/* Capitalised words that often follow a.m. / p.m. inside a sentence. */
static const char *const time_follow[] = {
    "aest",    "bst",      "cdt",    "cest",   "cet",    "cst",
    "ct",      "edt",      "est",    "et",     "gmt",    "hkt",
    "ist",     "jst",      "mdt",    "mst",    "msk",    "mt",
    "pdt",     "pst",      "pt",     "utc",    "monday", "tuesday",
    "wednesday","thursday", "friday", "saturday","sunday", NULL};

/* Whether the token's lower-cased text is one of list. */
static int in_list(const char *const *list, const dyad__token *t) {
  for (size_t i = 0; list[i]; i++)
    if (strlen(list[i]) == t->len && memcmp(list[i], t->lower, t->len) == 0)
      return 1;
  return 0;
}

/* The token is the single character c. */
static int is_char(const dyad__token *t, char c) {
  return t->len == 1 && t->s[0] == c;
}

enum { T_NONE, T_STOP, T_ELLIPSIS, T_ABBR };

/* Kind of sentence terminator the token is. */
static int terminal_kind(const dyad__token *t) {
  if (t->flags & DYAD__TF_ABBREV)
    return T_ABBR;
  if (!(t->flags & DYAD__TF_PUNCT) || t->len == 0)
    return T_NONE;
  char c = t->s[0];
  if (t->len == 1)
    return (c == '.' || c == '!' || c == '?') ? T_STOP : T_NONE;
  for (uint32_t i = 0; i < t->len; i++)
    if (t->s[i] != '.')
      return T_NONE;
  return T_ELLIPSIS;
}

/* Whether token i starts a paragraph or whitespace follows it. */
static int space_after(const dyad__token *toks, size_t n, size_t i) {
  return i + 1 >= n ||
         (toks[i + 1].flags & (DYAD__TF_SPACE_BEFORE | DYAD__TF_PARA_START));
}

/* Whether token i closes a quotation or a bracket: ) ] } '' or a straight
 * quote that is attached to what precedes it or stands alone. */
static int is_closer(const dyad__token *toks, size_t n, size_t i) {
  const dyad__token *t = &toks[i];
  if (is_char(t, ')') || is_char(t, ']') || is_char(t, '}'))
    return 1;
  if (!(t->flags & DYAD__TF_QUOTE) || t->s[0] == '`')
    return 0;
  return !(t->flags & DYAD__TF_SPACE_BEFORE) || space_after(toks, n, i);
}

/* Whether token t opens a quotation or bracket. */
static int is_opener(const dyad__token *t) {
  return (t->flags & DYAD__TF_QUOTE) || is_char(t, '(') || is_char(t, '[') ||
         is_char(t, '{');
}

/* Whether the token starts with a lower-case letter. */
static int starts_lower(const dyad__token *t) {
  unsigned char c = (unsigned char)t->s[0];
  if (c < 0x80)
    return c >= 'a' && c <= 'z';
  utf8proc_int32_t cp;
  if (utf8proc_iterate((const utf8proc_uint8_t *)t->s, t->len, &cp) <= 0)
    return 0;
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Whether a sentence ends after the terminator i when token j (j > i, in
 * the same paragraph, past the closers) would open the next one. */
static int ends_here(const dyad__token *toks, size_t n, size_t i, size_t j) {
  const dyad__token *nx = &toks[j];
  if (is_char(nx, ',') || is_char(nx, ';') || is_char(nx, ':'))
    return 0;
  size_t w = j;
  while (w < n && w < j + 4 && is_opener(&toks[w]) &&
         (w == j || !(toks[w].flags & DYAD__TF_PARA_START)))
    w++;
  if (w >= n || w >= j + 4 || (w > j && (toks[w].flags & DYAD__TF_PARA_START)))
    return 1;
  const dyad__token *wt = &toks[w];
  int lower = starts_lower(wt);
  int cap = (wt->flags & DYAD__TF_CAP) != 0;
  int digit = wt->s[0] >= '0' && wt->s[0] <= '9';
  switch (terminal_kind(&toks[i])) {
  case T_STOP:
    return !lower;
  case T_ELLIPSIS:
    return cap;
  case T_ABBR:
    break;
  default:
    return 0;
  }
  int cls = dyad__text_abbrev_class(toks[i].lower, toks[i].len);
  int wcls = (wt->flags & DYAD__TF_ABBREV)
                 ? dyad__text_abbrev_class(wt->lower, wt->len)
                 : DYAD__ABBR_NONE;
  switch (cls) {
  case DYAD__ABBR_TITLE:
  case DYAD__ABBR_NOEND:
    return 0;
  case DYAD__ABBR_MONTH:
  case DYAD__ABBR_INITIAL:
    return cap && in_list(openers, wt);
  case DYAD__ABBR_TIME:
    return cap && wcls != DYAD__ABBR_TITLE && !in_list(time_follow, wt);
  case DYAD__ABBR_ORG:
    /* Wire copy writes "U.S. Trade Representative", "U.S. Arms control
     * negotiator": a capital is weak evidence, an opener is strong. */
    return cap && in_list(openers, wt) && !in_list(org_follow, wt);
  case DYAD__ABBR_OTHER:
    return !lower && !digit && wcls != DYAD__ABBR_OTHER;
  default:
    return !lower;
  }
}

/* Whether the sentence toks[a..b] ends without terminal punctuation and
 * holds at least one word (the test for a headline). */
static int unterminated(const dyad__token *toks, size_t n, size_t a, size_t b) {
  size_t e = b + 1;
  while (e > a + 1 && is_closer(toks, n, e - 1))
    e--;
  const dyad__token *t = &toks[e - 1];
  if (terminal_kind(t) != T_NONE || is_char(t, ':') || is_char(t, ';') ||
      is_char(t, ','))
    return 0;
  for (size_t i = a; i <= b; i++)
    if (!(toks[i].flags & DYAD__TF_PUNCT))
      return 1;
  return 0;
}

typedef struct sp {
  dyad__arena *a;
  dyad__token *toks;
  size_t n;
  dyad__sentence *v;
  size_t nv, cap;
} sp;

/* Appends the sentence toks[a..b] (a <= b).  Returns 0 or -1. */
static int add(sp *p, size_t a, size_t b) {
  if (p->nv == p->cap) {
    size_t nc = p->cap * 2;
    dyad__sentence *v = dyad__arena_grow(p->a, p->v, p->nv, nc, sizeof(*v));
    if (!v)
      return -1;
    p->v = v;
    p->cap = nc;
  }
  dyad__token *t = p->toks;
  dyad__sentence *s = &p->v[p->nv++];
  memset(s, 0, sizeof(*s));
  s->first = (uint32_t)a;
  s->count = (uint32_t)(b - a + 1);
  s->start = t[a].start;
  s->end = t[b].end;
  s->para = t[a].para;
  int whole = (a == 0 || (t[a].flags & DYAD__TF_PARA_START)) &&
              (b + 1 >= p->n || (t[b + 1].flags & DYAD__TF_PARA_START));
  s->headline = (uint8_t)(whole && unterminated(t, p->n, a, b));
  t[a].flags |= DYAD__TF_SENT_START;
  return 0;
}

int dyad__split_sentences(dyad__arena *a, const dyad__text *t,
                          dyad__token *toks, size_t n,
                          dyad__sentence **sents, size_t *n_sents) {
  (void)t;
  sp p;
  p.a = a;
  p.toks = toks;
  p.n = n;
  p.nv = 0;
  p.cap = n / 12 + 8;
  p.v = dyad__arena_alloc(a, p.cap * sizeof(dyad__sentence));
  if (!p.v)
    return -1;
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    toks[i].flags &= (uint16_t)~DYAD__TF_SENT_START;
    if (i > start && (toks[i].flags & DYAD__TF_PARA_START)) {
      if (add(&p, start, i - 1) < 0)
        return -1;
      start = i;
    }
    if (terminal_kind(&toks[i]) == T_NONE)
      continue;
    size_t j = i + 1;
    while (j < n && !(toks[j].flags & DYAD__TF_PARA_START) &&
           is_closer(toks, n, j))
      j++;
    if (j >= n || (toks[j].flags & DYAD__TF_PARA_START))
      continue; /* the paragraph or the text ends anyway */
    if (!ends_here(toks, n, i, j))
      continue;
    for (size_t c = i + 1; c < j; c++)
      toks[c].flags &= (uint16_t)~DYAD__TF_SENT_START;
    if (add(&p, start, j - 1) < 0)
      return -1;
    start = j;
    i = j - 1;
  }
  if (start < n && add(&p, start, n - 1) < 0)
    return -1;
  *sents = p.v;
  *n_sents = p.nv;
  return 0;
}

/* dates.c -- temporal expressions of one sentence, resolved against the
 * publication date (dates.h).
 *
 * The sentence is read as a stream of small tokens (words, numbers,
 * ordinals like "31st", single punctuation marks) kept in a fixed window on
 * the stack: a few tokens behind the current one (for the word that
 * licenses "in March") and enough ahead for the longest expression.  At
 * each token the parsers below are tried in a fixed order; the first that
 * matches consumes its tokens.  No recursion, no allocation, no read past
 * len.
 *
 * Resolution rules ("pub" is the publication date; "past reading" is the
 * default, "future reading" is prefer_future):
 *
 *   yesterday, today, tonight, tomorrow   pub - 1, pub, pub, pub + 1
 *   last night                            pub - 1
 *   this morning / afternoon / evening    pub
 *   the day before yesterday / after tomorrow   pub - 2 / pub + 2
 *   Tuesday (bare)        past: the latest Tuesday on or before pub (read on
 *                         a Tuesday it is pub itself); future: the first on
 *                         or after pub
 *   last Tuesday          the latest Tuesday strictly before pub (1-7 days)
 *   next Tuesday          the first Tuesday strictly after pub (1-7 days)
 *   this Tuesday          the Tuesday of pub's week (weeks run Monday to
 *                         Sunday), before or after pub
 *   the 31st              past: the latest 31st on or before pub, skipping
 *                         months without one (read on 1 March 2023 it is
 *                         31 January); future: the first on or after pub
 *   March 3, 3 March      with a year ("March 3, 2024", "3 March last
 *                         year"): that day.  Without: future, the first 3
 *                         March on or after pub; past, the latest on or
 *                         before pub when that is at most 183 days back,
 *                         else the next one (29 February goes back or on
 *                         to a leap year).  News names a day without its
 *                         year when it is near, on either side ("payable
 *                         April 15" read on 3 March is this April): on
 *                         Reuters-21578 a strictly backward reading put
 *                         58% of month days more than 300 days back.
 *   March, in March       month precision; future: the first March that
 *                         has not ended; past: the latest March that has
 *                         begun by pub (pub's own month counts) when it is
 *                         at most six months back, else the next one
 *                         (strictly backward, 22% of Reuters' month names
 *                         were more than six months back, most of them
 *                         forward: "until September", "April shipments")
 *   last March            the latest March before pub's month
 *   next March            the first March after pub's month
 *   March 2024, March, 2024, March of 2024, in 2024   as written
 *   March this/last/next year, March 3 last year      the year of pub,
 *                         the one before, the one after
 *   this/last/next week   the week (Monday) of pub, the one before, after
 *   this/last/next month, year   likewise, by calendar month and year
 *   earlier this week/month/year   as "this ..."; future is 0
 *   later this week/month/year     as "this ..."; future is 1
 *   N days ago            pub - N, day precision
 *   N weeks ago           the week (Monday) holding pub - 7N
 *   N months ago          the calendar month N before pub's
 *   N years ago           the year N before pub's
 *   in N days/weeks/...   as "ago" but forward; future is 1
 *   2024-03-03            that day (ISO 8601)
 *   6 p.m., 6:00 p.m., 18:00, noon, midnight   a time of day: joined to a
 *                         day expression next to it ("Tuesday at 6 p.m.",
 *                         "6 p.m. on Tuesday"), otherwise on pub
 *   in the evening, Tuesday evening   hour stays -1; the day is kept (pub
 *                         when no day is given)
 * A date that the calendar does not have ("February 30", "2023-02-29") is
 * not a date: its tokens are consumed and nothing is reported.
 *
 * future is 1 when the date (for coarser precisions, the first day of the
 * period) is after pub, or for "in N ..." and "later this ...".
 *
 * Guards against false positives:
 *   - month names must be capitalised; "May", "March", "June" and
 *     "August" (a modal verb, a noun, names) are months only next to a day
 *     number or a year or after in/during/until/till/since/through/
 *     throughout, early/late/mid(-) or last/next/this; the other months
 *     are months on their own; abbreviations (Jan. Sept.) only before a
 *     day number or a year;
 *   - weekday abbreviations (Tues. Wed.) must be capitalised and take
 *     their full stop or a date after them; Sun. and Sat. only with a date
 *     ("Sun Microsystems" is not a day); "Good Friday", "Super Tuesday",
 *     "Sunday Times" are names, not days;
 *   - "the 31st" is a day only before punctuation, the end or a function
 *     word (of, and, when, in...): "the 1st Armored Division", "the 21st
 *     century", "the 2nd largest" are ranks;
 *   - numbers are years only when they have four digits, lie in
 *     1900-2100, stand apart from other digits and letters ("2,000",
 *     "1990s", "2022-23" are not years) and follow in/since/by/until/
 *     before/after/during/from/through or early/late/mid;
 *   - a 24-hour time (18:00) needs a word before it (at, around, by...) or
 *     a zone (GMT, EST, hours, local time...) after it, and one written
 *     without its colon (1800) the zone; a bare "6" never is a time;
 *   - "in two weeks" is not a date after a superlative or an ordinal
 *     ("the worst fighting in two weeks", "a fourth title in six years")
 *     or before "of" ("in two weeks of talks");
 *   - "Today" after a capitalised word is a name ("USA Today").
 * Numeric dates with slashes (03/04/2024) are not read at all: American
 * (month first) and European (day first) orders cannot be told apart.
 */
#include "dates.h"

#include <string.h>

/* ===== Calendar ===== */

static int is_leap(long y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1-12) of year y. */
static int month_len(long y, int m) {
  static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

int dyad__ymd_valid(dyad__ymd d) {
  return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
         d.d <= month_len(d.y, d.m);
}

/* Days since 1970-01-01 of a valid date (the civil-calendar count of
 * eras of 400 years, so distances across month and year ends are right). */
static long to_days(dyad__ymd v) {
  long y = v.y, m = v.m, d = v.d;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The inverse of to_days. */
static dyad__ymd from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  dyad__ymd r = {(int)y, (int)m, (int)d};
  return r;
}

/* Far enough to leave years 1-9999 from anywhere inside them, small
 * enough that the day arithmetic cannot overflow. */
#define MAX_SHIFT_DAYS 4000000L

dyad__ymd dyad__ymd_add_days(dyad__ymd d, long n) {
  if (!dyad__ymd_valid(d))
    return d;
  if (n > MAX_SHIFT_DAYS)
    n = MAX_SHIFT_DAYS;
  if (n < -MAX_SHIFT_DAYS)
    n = -MAX_SHIFT_DAYS;
  return from_days(to_days(d) + n);
}

int dyad__ymd_weekday(dyad__ymd d) {
  long z = to_days(d); /* 1970-01-01 was a Thursday (4) */
  long w = (z + 4) % 7;
  return (int)(w < 0 ? w + 7 : w);
}

int dyad__ymd_cmp(dyad__ymd a, dyad__ymd b) {
  if (a.y != b.y)
    return a.y < b.y ? -1 : 1;
  if (a.m != b.m)
    return a.m < b.m ? -1 : 1;
  if (a.d != b.d)
    return a.d < b.d ? -1 : 1;
  return 0;
}

long dyad__ymd_diff_days(dyad__ymd a, dyad__ymd b) {
  return to_days(a) - to_days(b);
}

int dyad__ymd_format(dyad__ymd d, char out[11]) {
  int ok = dyad__ymd_valid(d);
  if (!ok)
    d.y = d.m = d.d = 0;
  int v[3] = {d.y, d.m, d.d}, w[3] = {4, 2, 2};
  char *p = out;
  for (int i = 0; i < 3; i++) {
    if (i)
      *p++ = '-';
    for (int k = w[i] - 1; k >= 0; k--) {
      p[k] = (char)('0' + v[i] % 10);
      v[i] /= 10;
    }
    p += w[i];
  }
  *p = '\0';
  return ok ? 0 : -1;
}

int dyad__ymd_parse(const char *s, size_t len, dyad__ymd *out) {
  if (!s || len != 10 || s[4] != '-' || s[7] != '-')
    return -1;
  int v[3] = {0, 0, 0};
  static const int from[3] = {0, 5, 8}, to[3] = {4, 7, 10};
  for (int i = 0; i < 3; i++)
    for (int k = from[i]; k < to[i]; k++) {
      if (s[k] < '0' || s[k] > '9')
        return -1;
      v[i] = v[i] * 10 + (s[k] - '0');
    }
  dyad__ymd d = {v[0], v[1], v[2]};
  if (!dyad__ymd_valid(d))
    return -1;
  *out = d;
  return 0;
}

/* The Monday of the week holding d. */
static dyad__ymd monday_of(dyad__ymd d) {
  return dyad__ymd_add_days(d, -((dyad__ymd_weekday(d) + 6) % 7));
}

/* The first day of the month n months from d's (n may be negative); the
 * result is invalid when it leaves years 1-9999. */
static dyad__ymd add_months(dyad__ymd d, long n) {
  long t = (long)d.y * 12 + (d.m - 1) + n;
  dyad__ymd r = {0, 1, 1};
  if (t >= 12 && t < 10000L * 12) {
    r.y = (int)(t / 12);
    r.m = (int)(t % 12) + 1;
  }
  return r;
}

/* A date n units (DYAD__DATE_*) from pub, at the unit's precision: a day,
 * the Monday of a week, the first of a month, 1 January of a year. */
static dyad__ymd shift(dyad__ymd pub, int unit, long n) {
  dyad__ymd r = pub;
  switch (unit) {
  case DYAD__DATE_DAY:
    return dyad__ymd_add_days(pub, n);
  case DYAD__DATE_WEEK:
    r = dyad__ymd_add_days(pub, 7 * n);
    return dyad__ymd_valid(r) ? monday_of(r) : r;
  case DYAD__DATE_MONTH:
    return add_months(pub, n);
  default:
    r.y = (int)(pub.y + n);
    r.m = r.d = 1;
    return r;
  }
}

/* Day d of some month: the latest on or before pub (past reading) or the
 * first on or after it (future reading), skipping months too short. */
static dyad__ymd resolve_dom(dyad__ymd pub, int d, int fut) {
  dyad__ymd r = {pub.y, pub.m, d};
  int step = fut ? 1 : -1;
  if (fut ? d < pub.d : d > pub.d)
    r = add_months(r, step), r.d = d;
  /* A day number of at most 31 fits within three months. */
  for (int k = 0; k < 3 && r.y && d > month_len(r.y, r.m); k++)
    r = add_months(r, step), r.d = d;
  return r;
}

/* Month m, day d in the latest year that puts it on or before pub
 * (back) or the first that puts it on or after pub (forward). */
static dyad__ymd md_toward(dyad__ymd pub, int m, int d, int forward) {
  int cmp = m != pub.m ? m - pub.m : d - pub.d;
  dyad__ymd r = {pub.y, m, d};
  if (forward ? cmp < 0 : cmp > 0)
    r.y += forward ? 1 : -1;
  /* 29 February: a leap year is at most eight years away (1900, 2100). */
  for (int k = 0; k < 8 && !dyad__ymd_valid(r); k++)
    r.y += forward ? 1 : -1;
  return r;
}

/* Month m, day d without a year: forward in the future reading; in the
 * past reading back when that is at most HALF_YEAR days back, else
 * forward. */
#define HALF_YEAR 183
static dyad__ymd resolve_md(dyad__ymd pub, int m, int d, int fut) {
  dyad__ymd back = md_toward(pub, m, d, 0), fwd = md_toward(pub, m, d, 1);
  if (fut && dyad__ymd_valid(fwd))
    return fwd;
  if (!dyad__ymd_valid(back) ||
      (dyad__ymd_diff_days(pub, back) > HALF_YEAR && dyad__ymd_valid(fwd)))
    return fwd;
  return back;
}

/* ===== Tokens ===== */

enum { T_END, T_WORD, T_NUM, T_ORD, T_PUNCT };

typedef struct tok {
  uint32_t start, end; /* byte offsets in the text */
  int32_t val;         /* T_NUM, T_ORD: value (the first six digits) */
  uint8_t kind;        /* T_* */
  uint8_t space;       /* whitespace (or the start of the text) before it */
  uint8_t cap;         /* starts with an ASCII capital */
  uint8_t ndig;        /* T_NUM, T_ORD: digits (at most 255) */
  char glue_before;    /* numbers: 'a' right after a letter; ',' '.' ':'
                          '-' '/' when that mark joins it to a digit before */
  char glue_after;     /* likewise after it */
} tok;

static int is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Length of a UTF-8 punctuation mark (U+2000-U+207F: dashes, curly
 * quotes, odd spaces) at p, or 0: those end words even when the text was
 * not normalised ("Tuesday's" with a curly apostrophe). */
static size_t utf8_punct(const char *s, size_t len, size_t p) {
  if (p + 2 < len && (unsigned char)s[p] == 0xE2 &&
      ((unsigned char)s[p + 1] == 0x80 || (unsigned char)s[p + 1] == 0x81) &&
      ((unsigned char)s[p + 2] & 0xC0) == 0x80)
    return 3;
  return 0;
}

/* Length of whitespace at p (ASCII or a no-break space), or 0. */
static size_t space_at(const char *s, size_t len, size_t p) {
  unsigned char c = (unsigned char)s[p];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
    return 1;
  if (c == 0xC2 && p + 1 < len && (unsigned char)s[p + 1] == 0xA0)
    return 2;
  return 0;
}

/* A byte of a word: an ASCII letter or part of a non-ASCII character that
 * is not punctuation. */
static int word_at(const char *s, size_t len, size_t p) {
  unsigned char c = (unsigned char)s[p];
  return is_alpha(c) ||
         (c >= 0x80 && !utf8_punct(s, len, p) && !space_at(s, len, p));
}

static int is_sep(char c) {
  return c == ',' || c == '.' || c == ':' || c == '-' || c == '/';
}

/* Reads the token at or after p into *t (T_END at the end); returns the
 * offset just past it. */
static size_t lex(const char *s, size_t len, size_t p, tok *t) {
  memset(t, 0, sizeof *t);
  t->space = p == 0;
  size_t w;
  while (p < len && (w = space_at(s, len, p)) > 0) {
    p += w;
    t->space = 1;
  }
  t->start = t->end = (uint32_t)p;
  if (p >= len) {
    t->kind = T_END;
    return p;
  }
  if (is_digit((unsigned char)s[p])) {
    int32_t v = 0;
    unsigned nd = 0;
    for (; p < len && is_digit((unsigned char)s[p]); p++, nd++)
      if (nd < 6)
        v = v * 10 + (s[p] - '0');
    t->kind = T_NUM;
    t->val = v;
    t->ndig = (uint8_t)(nd > 255 ? 255 : nd);
    /* 1st 2nd 3rd 4th: an ordinal when the suffix ends the word. */
    if (p + 1 < len && is_alpha((unsigned char)s[p]) &&
        is_alpha((unsigned char)s[p + 1]) &&
        (p + 2 >= len || !word_at(s, len, p + 2))) {
      char a = (char)(s[p] | 0x20), b = (char)(s[p + 1] | 0x20);
      if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
          (a == 'r' && b == 'd') || (a == 't' && b == 'h')) {
        t->kind = T_ORD;
        p += 2;
      }
    }
    if (t->start > 0) {
      char c = s[t->start - 1];
      if (is_alpha((unsigned char)c))
        t->glue_before = 'a';
      else if (is_sep(c) && t->start >= 2 &&
               is_digit((unsigned char)s[t->start - 2]))
        t->glue_before = c;
    }
    if (p < len) {
      if (word_at(s, len, p))
        t->glue_after = 'a';
      else if (is_sep(s[p]) && p + 1 < len && is_digit((unsigned char)s[p + 1]))
        t->glue_after = s[p];
    }
  } else if (word_at(s, len, p)) {
    t->kind = T_WORD;
    t->cap = s[p] >= 'A' && s[p] <= 'Z';
    while (p < len && word_at(s, len, p))
      p++;
  } else {
    t->kind = T_PUNCT;
    size_t u = utf8_punct(s, len, p);
    p += u ? u : 1;
  }
  t->end = (uint32_t)p;
  return p;
}

/* ===== Matching helpers ===== */

typedef struct ctx {
  const char *s;
  const tok *w; /* the window */
  size_t n;     /* tokens of the window a parser may look at */
  dyad__ymd pub;
  int fut; /* future reading */
} ctx;

static const tok *tk(const ctx *c, size_t i) {
  return i < c->n ? &c->w[i] : NULL;
}

/* Token i is the word lit (lower case), in any case. */
static int word_is(const ctx *c, size_t i, const char *lit) {
  const tok *t = tk(c, i);
  if (!t || t->kind != T_WORD)
    return 0;
  /* No strlen of lit: the literal ends where the word does (a 50 MB
   * document naming a weekday in every sentence spent a fifth of its time
   * measuring the month and weekday names). */
  size_t n = t->end - t->start;
  const char *p = c->s + t->start;
  for (size_t k = 0; k < n; k++)
    if (lit[k] == '\0' || (char)(p[k] | 0x20) != lit[k])
      return 0;
  return lit[n] == '\0';
}

/* 1 + the index in list (NULL-terminated) of token i's word, or 0. */
static int word_in(const ctx *c, size_t i, const char *const *list) {
  for (int k = 0; list[k]; k++)
    if (word_is(c, i, list[k]))
      return k + 1;
  return 0;
}

/* Token i is the punctuation mark ch. */
static int punct_is(const ctx *c, size_t i, char ch) {
  const tok *t = tk(c, i);
  return t && t->kind == T_PUNCT && t->end - t->start == 1 &&
         c->s[t->start] == ch;
}

/* Token i exists and no space separates it from the one before. */
static int joined(const ctx *c, size_t i) {
  const tok *t = tk(c, i);
  return t && !t->space;
}

/* A day number 1-31, plain or ordinal, not part of a longer number or
 * word (a dash is allowed: "March 3-5"). */
static int day_num(const ctx *c, size_t i, int *d) {
  const tok *t = tk(c, i);
  if (!t || (t->kind != T_NUM && t->kind != T_ORD) || t->ndig > 2 ||
      t->val < 1 || t->val > 31)
    return 0;
  if ((t->glue_before && t->glue_before != '-') ||
      (t->glue_after && t->glue_after != '-'))
    return 0;
  *d = t->val;
  return 1;
}

/* A year: four digits, 1900-2100, apart from other digits and letters. */
static int year_num(const ctx *c, size_t i, int *y) {
  const tok *t = tk(c, i);
  if (!t || t->kind != T_NUM || t->ndig != 4 || t->val < 1900 ||
      t->val > 2100 || t->glue_before || t->glue_after)
    return 0;
  *y = t->val;
  return 1;
}

static const char *const month_names[] = {
    "january", "february",  "march",   "april",    "may",      "june", "july",
    "august",  "september", "october", "november", "december", NULL};
static const struct {
  const char *w;
  int m;
} month_abbrs[] = {{"jan", 1},  {"feb", 2},  {"mar", 3},  {"apr", 4},
                   {"jun", 6},  {"jul", 7},  {"aug", 8},  {"sep", 9},
                   {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
                   {NULL, 0}};

/* A capitalised month name at i: sets *m and *abbr (1 for "Jan"/"Jan.");
 * returns the index past it (and past an abbreviation's full stop). */
static size_t month_at(const ctx *c, size_t i, int *m, int *abbr) {
  const tok *t = tk(c, i);
  if (!t || t->kind != T_WORD || !t->cap)
    return 0;
  int k = word_in(c, i, month_names);
  if (k) {
    *m = k;
    *abbr = 0;
    return i + 1;
  }
  for (k = 0; month_abbrs[k].w; k++)
    if (word_is(c, i, month_abbrs[k].w)) {
      *m = month_abbrs[k].m;
      *abbr = 1;
      return punct_is(c, i + 1, '.') && joined(c, i + 1) ? i + 2 : i + 1;
    }
  return 0;
}

static const char *const weekday_names[] = {"sunday",    "monday",   "tuesday",
                                            "wednesday", "thursday", "friday",
                                            "saturday",  NULL};
static const struct {
  const char *w;
  int wd;
} weekday_abbrs[] = {{"sun", 0}, {"mon", 1}, {"tue", 2},  {"tues", 2},
                     {"wed", 3}, {"thu", 4}, {"thur", 4}, {"thurs", 4},
                     {"fri", 5}, {"sat", 6}, {NULL, 0}};

/* A weekday at i: sets *wd (0 Sunday) and *abbr (0 full name, 1
 * abbreviation, 2 abbreviation with its full stop); returns the index past
 * it.  Abbreviations must be capitalised. */
static size_t weekday_at(const ctx *c, size_t i, int *wd, int *abbr) {
  int k = word_in(c, i, weekday_names);
  if (k) {
    *wd = k - 1;
    *abbr = 0;
    return i + 1;
  }
  const tok *t = tk(c, i);
  if (!t || !t->cap)
    return 0;
  for (k = 0; weekday_abbrs[k].w; k++)
    if (word_is(c, i, weekday_abbrs[k].w)) {
      *wd = weekday_abbrs[k].wd;
      if (punct_is(c, i + 1, '.') && joined(c, i + 1)) {
        *abbr = 2;
        return i + 2;
      }
      *abbr = 1;
      return i + 1;
    }
  return 0;
}

static const char *const number_words[] = {
    "one",   "two",  "three", "four",   "five",   "six", "seven",
    "eight", "nine", "ten",   "eleven", "twelve", NULL};

/* A count at i: 1-9999 in digits, a/an, or one to twelve. */
static int count_at(const ctx *c, size_t i, long *n) {
  const tok *t = tk(c, i);
  if (!t)
    return 0;
  if (t->kind == T_NUM) {
    if (t->ndig > 4 || t->val < 1 || t->glue_before || t->glue_after)
      return 0;
    *n = t->val;
    return 1;
  }
  if (word_is(c, i, "a") || word_is(c, i, "an")) {
    *n = 1;
    return 1;
  }
  int k = word_in(c, i, number_words);
  if (k)
    *n = k;
  return k != 0;
}

/* A unit of time at i, as DYAD__DATE_DAY ... DYAD__DATE_YEAR, or 0. */
static int unit_at(const ctx *c, size_t i) {
  static const char *const units[] = {
      "day", "days", "week", "weeks", "month", "months", "year", "years", NULL};
  int k = word_in(c, i, units);
  return k ? (k + 1) / 2 : 0;
}

static const char *const parts_of_day[] = {"morning", "afternoon", "evening",
                                           "night", NULL};

/* Words before a time of day that make a bare 18:00 a time. */
static const char *const clock_leads[] = {
    "at",    "around", "about", "approximately", "shortly", "just",
    "after", "before", "by",    "from",          "until",   "till",
    "since", "near",   "to",    "between",       NULL};

/* Words after which "May", "March", "June", "August" are months. */
static const char *const month_licences[] = {
    "in", "during", "until", "till", "since", "through", "throughout", NULL};

/* Words after which a four-digit number is a year. */
static const char *const year_licences[] = {
    "in",    "since",  "by",   "until",   "till",       "before",
    "after", "during", "from", "through", "throughout", NULL};

/* "early", "late", "mid", "mid-" at i: returns the index past it, or 0. */
static size_t modifier_at(const ctx *c, size_t i) {
  if (word_is(c, i, "early") || word_is(c, i, "late"))
    return i + 1;
  if (word_is(c, i, "mid")) {
    if (punct_is(c, i + 1, '-') && joined(c, i + 1) && joined(c, i + 2))
      return i + 2;
    return i + 1;
  }
  return 0;
}

/* ===== Parsers =====
 * Each takes the index of the token to start at and, on a match, fills *w
 * and returns the index past the expression; 0 when nothing matches.  A
 * match with w->form NULL consumed a date the calendar does not have. */

/* 2024-03-03 */
static size_t p_iso(const ctx *c, size_t i, dyad__when *w) {
  const tok *y = tk(c, i), *m = tk(c, i + 2), *d = tk(c, i + 4);
  if (!y || y->kind != T_NUM || y->ndig != 4 || y->glue_before ||
      y->val < 1900 || y->val > 2100)
    return 0;
  if (!punct_is(c, i + 1, '-') || !joined(c, i + 1) || !m || m->kind != T_NUM ||
      !joined(c, i + 2) || m->ndig > 2 || !punct_is(c, i + 3, '-') ||
      !joined(c, i + 3) || !d || d->kind != T_NUM || !joined(c, i + 4) ||
      d->ndig > 2 || (d->glue_after && d->glue_after != 'a'))
    return 0;
  dyad__ymd r = {y->val, m->val, d->val};
  w->form = NULL;
  if (dyad__ymd_valid(r)) {
    w->date = r;
    w->precision = DYAD__DATE_DAY;
    w->form = "iso";
  }
  return i + 5;
}

/* An optional year after a month or a month day: ", 2024", " 2024",
 * "of 2024", "(of) this year", "(of) last year", "(of) next year".  Sets
 * *y; returns the index past it (k when there is none). */
static size_t year_after(const ctx *c, size_t k, int *y) {
  if ((punct_is(c, k, ',') || word_is(c, k, "of")) && year_num(c, k + 1, y))
    return k + 2;
  if (year_num(c, k, y))
    return k + 1;
  size_t j = word_is(c, k, "of") ? k + 1 : k;
  if (word_is(c, j + 1, "year") && !word_is(c, j + 2, "of")) {
    int rel = word_is(c, j, "this")   ? 0
              : word_is(c, j, "last") ? -1
              : word_is(c, j, "next") ? 1
                                      : 2;
    if (rel != 2) {
      *y = c->pub.y + rel;
      return j + 2;
    }
  }
  return k;
}

/* March 3, March 3rd, March 3, 2024, 3 March, 3 March 2024, the 3rd of
 * March, Sept. 11 */
static size_t p_explicit(const ctx *c, size_t i, dyad__when *w) {
  size_t j = i, k;
  int m = 0, d = 0, y = 0, abbr = 0;
  const tok *t;
  if (word_is(c, j, "the") && (t = tk(c, j + 1)) && t->kind == T_ORD)
    j++;
  if ((k = month_at(c, j, &m, &abbr)) && j == i) {
    if (!day_num(c, k, &d))
      return 0;
    k = year_after(c, k + 1, &y);
  } else if (day_num(c, j, &d)) {
    k = j + 1;
    if (word_is(c, k, "of")) {
      if (tk(c, j)->kind != T_ORD) /* "3 of March" is a count */
        return 0;
      k++;
    }
    if (!(k = month_at(c, k, &m, &abbr)))
      return 0;
    k = year_after(c, k, &y);
  } else {
    return 0;
  }
  w->form = NULL;
  if (y) {
    dyad__ymd r = {y, m, d};
    if (!dyad__ymd_valid(r))
      return k;
    w->date = r;
    w->form = "full_date";
  } else {
    if (d > month_len(2000, m)) /* 2000 is a leap year: 29 February */
      return k;
    w->date = resolve_md(c->pub, m, d, c->fut);
    w->form = "month_day";
  }
  w->precision = DYAD__DATE_DAY;
  return k;
}

/* Words that may follow an ordinal day ("on the 31st, when", "the 3rd
 * and"): function words.  Any other word makes the ordinal a rank ("the
 * 21st century", "the 18th arrondissement", "the 2nd largest", "the 1st
 * Armored Division"), and a noun list could never be complete. */
static const char *const ordinal_followers[] = {
    "a",    "about", "after",  "against", "ahead", "amid",   "an",    "and",
    "as",   "at",    "before", "but",     "by",    "during", "for",   "from",
    "he",   "her",   "his",    "i",       "if",    "in",     "into",  "is",
    "it",   "its",   "near",   "of",      "on",    "or",     "over",  "saw",
    "she",  "since", "so",     "than",    "that",  "the",    "their", "there",
    "they", "this",  "though", "through", "to",    "under",  "until", "was",
    "we",   "were",  "what",   "when",    "where", "which",  "while", "who",
    "will", "with",  "would",  NULL};

/* the 31st, on the 3rd */
static size_t p_ordinal(const ctx *c, size_t i, dyad__when *w) {
  int d;
  const tok *t = tk(c, i + 1);
  if (!word_is(c, i, "the") || !t || t->kind != T_ORD || t->glue_after ||
      !day_num(c, i + 1, &d))
    return 0;
  const tok *nx = tk(c, i + 2);
  if (nx && nx->kind == T_WORD &&
      (nx->cap || !word_in(c, i + 2, ordinal_followers)))
    return 0;
  if (punct_is(c, i + 2, '-') && joined(c, i + 2)) /* the 3rd-largest */
    return 0;
  w->date = resolve_dom(c->pub, d, c->fut);
  w->precision = DYAD__DATE_DAY;
  w->form = "ordinal_day";
  return i + 2;
}

/* Capitalised words before a weekday that make a name of it. */
static const char *const weekday_names_before[] = {
    "ash",    "black", "bloody", "cyber", "easter", "good", "holy",
    "maundy", "palm",  "shrove", "super", "whit",   NULL};
/* Capitalised words after a weekday that make a name of it. */
static const char *const weekday_names_after[] = {
    "express",  "herald",  "independent", "mail",   "mirror",
    "observer", "people",  "post",        "school", "telegraph",
    "times",    "tribune", NULL};

/* Tuesday, on Tuesday evening, last/next/this Tuesday, Tues., Tuesday,
 * March 3 (the date wins), Sun., March 3 */
static size_t p_weekday(const ctx *c, size_t i, dyad__when *w) {
  size_t k = i;
  int rel = 0; /* 0 bare, 1 last, 2 next, 3 this */
  if (word_is(c, k, "last"))
    rel = 1;
  else if (word_is(c, k, "next"))
    rel = 2;
  else if (word_is(c, k, "this"))
    rel = 3;
  if (rel)
    k++;
  int wd, abbr;
  size_t e = weekday_at(c, k, &wd, &abbr);
  if (!e)
    return 0;
  const tok *pv = k > 0 ? tk(c, k - 1) : NULL, *nx = tk(c, e);
  if (!rel && pv && pv->cap && word_in(c, k - 1, weekday_names_before))
    return 0;
  if (nx && nx->cap && word_in(c, e, weekday_names_after))
    return 0;
  if (!rel) {
    size_t j = punct_is(c, e, ',') ? e + 1 : e, f;
    dyad__when x = *w;
    if ((f = p_explicit(c, j, &x)) || (f = p_ordinal(c, j, &x))) {
      *w = x;
      return f;
    }
  }
  /* Sun and Sat are words too often ("Sun Microsystems"): a date after
   * them is required, and it was not there. */
  if (abbr == 1 || (abbr && (wd == 0 || wd == 6)))
    return 0;
  int pw = dyad__ymd_weekday(c->pub);
  long back = (pw - wd + 7) % 7, fwd = (wd - pw + 7) % 7;
  switch (rel) {
  case 0:
    w->date = dyad__ymd_add_days(c->pub, c->fut ? fwd : -back);
    w->form = "weekday";
    break;
  case 1:
    w->date = dyad__ymd_add_days(c->pub, -(back ? back : 7));
    w->form = "last_weekday";
    break;
  case 2:
    w->date = dyad__ymd_add_days(c->pub, fwd ? fwd : 7);
    w->form = "next_weekday";
    break;
  default:
    w->date = dyad__ymd_add_days(monday_of(c->pub), (wd + 6) % 7);
    w->form = "this_weekday";
    break;
  }
  w->precision = DYAD__DATE_DAY;
  if (word_in(c, e, parts_of_day))
    e++;
  return e;
}

/* yesterday, today, tonight, tomorrow (with a part of the day after them),
 * last night, this morning, earlier/later today, the day before yesterday,
 * the day after tomorrow */
static size_t p_relday(const ctx *c, size_t i, dyad__when *w) {
  long off = 0;
  size_t k = i;
  const char *form = NULL;
  int pod = 1; /* a part of the day may follow */
  if (word_is(c, k, "earlier") || word_is(c, k, "later")) {
    if (!word_is(c, k + 1, "today"))
      return 0;
    k++;
  }
  if (word_is(c, k, "yesterday")) {
    off = -1, form = "yesterday", k++;
  } else if (word_is(c, k, "today")) {
    const tok *t = tk(c, k), *pv = k > 0 ? tk(c, k - 1) : NULL;
    if (t->cap && pv && pv->kind == T_WORD && pv->cap) /* USA Today */
      return 0;
    form = "today", k++;
  } else if (word_is(c, k, "tonight")) {
    form = "tonight", k++, pod = 0;
  } else if (word_is(c, k, "tomorrow")) {
    off = 1, form = "tomorrow", k++;
  } else if (word_is(c, k, "last") && word_is(c, k + 1, "night")) {
    off = -1, form = "last_night", k += 2, pod = 0;
  } else if (word_is(c, k, "this") && word_in(c, k + 1, parts_of_day) &&
             !word_is(c, k + 1, "night")) {
    form = "this_part_of_day", k += 2, pod = 0;
  } else if (word_is(c, k, "the") && word_is(c, k + 1, "day") &&
             ((word_is(c, k + 2, "before") && word_is(c, k + 3, "yesterday")) ||
              (word_is(c, k + 2, "after") && word_is(c, k + 3, "tomorrow")))) {
    off = word_is(c, k + 2, "before") ? -2 : 2;
    form = off < 0 ? "day_before_yesterday" : "day_after_tomorrow";
    k += 4;
  } else {
    return 0;
  }
  if (pod && word_in(c, k, parts_of_day))
    k++;
  w->date = dyad__ymd_add_days(c->pub, off);
  w->precision = DYAD__DATE_DAY;
  w->form = form;
  return k;
}

/* A day given in one expression: ISO, month day, weekday, relative day,
 * ordinal day. */
static size_t p_day1(const ctx *c, size_t i, dyad__when *w) {
  size_t e;
  dyad__when x = *w;
  if ((e = p_iso(c, i, &x)) || (e = p_explicit(c, i, &x)) ||
      (e = p_weekday(c, i, &x)) || (e = p_relday(c, i, &x)) ||
      (e = p_ordinal(c, i, &x)))
    *w = x;
  return e;
}

/* A day, also as "the evening of March 3". */
static size_t p_day(const ctx *c, size_t i, dyad__when *w) {
  size_t e = p_day1(c, i, w);
  if (e || !word_is(c, i, "the") || !word_in(c, i + 1, parts_of_day) ||
      !word_is(c, i + 2, "of"))
    return e;
  return p_day1(c, i + 3, w);
}

/* a.m. / p.m. / am / pm at k: sets *pm; returns the index past it, or 0. */
static size_t ampm_at(const ctx *c, size_t k, int *pm) {
  if (word_is(c, k, "am") || word_is(c, k, "pm")) {
    *pm = word_is(c, k, "pm");
    return k + 1;
  }
  if ((word_is(c, k, "a") || word_is(c, k, "p")) && punct_is(c, k + 1, '.') &&
      joined(c, k + 1) && word_is(c, k + 2, "m") && joined(c, k + 2)) {
    *pm = word_is(c, k, "p");
    return punct_is(c, k + 3, '.') && joined(c, k + 3) ? k + 4 : k + 3;
  }
  return 0;
}

/* GMT, UTC, hours, local time at k: returns the index past it, or 0. */
static size_t zone_at(const ctx *c, size_t k) {
  static const char *const zones[] = {"gmt", "utc", "hours", "hrs", "est",
                                      "edt", "cst", "cdt",   "pst", "pdt",
                                      "bst", "cet", "cest",  "jst", NULL};
  if (word_in(c, k, zones))
    return k + 1;
  if (word_is(c, k, "local") && word_is(c, k + 1, "time"))
    return k + 2;
  return 0;
}

/* A time of day at i: 6 p.m., 6pm, 6:00 p.m., 6.30pm, 18:00 (licensed by
 * the word before or a zone after), 1800 GMT (a zone after it required),
 * noon, midday, midnight. */
static size_t p_clock(const ctx *c, size_t i, int licensed, int *h, int *mi) {
  if (word_is(c, i, "noon") || word_is(c, i, "midday") ||
      word_is(c, i, "midnight")) {
    *h = word_is(c, i, "midnight") ? 0 : 12;
    *mi = 0;
    return i + 1;
  }
  const tok *t = tk(c, i), *u;
  if (!t || t->kind != T_NUM || t->glue_before)
    return 0;
  size_t z;
  if (t->ndig == 4 && !t->glue_after && t->val / 100 <= 23 &&
      t->val % 100 <= 59 && (z = zone_at(c, i + 1)) &&
      !word_is(c, z, "of")) { /* 1800 GMT, 0600 hours (not "2000 hours of") */
    *h = t->val / 100;
    *mi = t->val % 100;
    return z;
  }
  if (t->ndig > 2)
    return 0;
  int hh = t->val, mm = 0, pm = 0;
  char sep = 0;
  size_t k = i + 1, e;
  if ((punct_is(c, k, ':') || punct_is(c, k, '.')) && joined(c, k) &&
      (u = tk(c, k + 1)) && u->kind == T_NUM && !u->space && u->ndig == 2 &&
      u->val <= 59) {
    sep = c->s[tk(c, k)->start];
    mm = u->val;
    k += 2;
    if (sep == ':' && punct_is(c, k, ':') && joined(c, k) &&
        (u = tk(c, k + 1)) && u->kind == T_NUM && !u->space && u->ndig == 2)
      k += 2; /* seconds */
  }
  if ((e = ampm_at(c, k, &pm))) {
    if (hh < 1 || hh > 12)
      return 0;
    hh = hh % 12 + (pm ? 12 : 0);
    k = e;
  } else if (sep != ':' || hh > 23 || (!licensed && !zone_at(c, k))) {
    return 0;
  }
  if ((e = zone_at(c, k)))
    k = e;
  *h = hh;
  *mi = mm;
  return k;
}

/* After a day expression ending at e: ", at 6 p.m.", " 6 p.m.", " in the
 * evening".  Returns the new end. */
static size_t tail_time(const ctx *c, size_t e, dyad__when *w) {
  size_t k = punct_is(c, e, ',') ? e + 1 : e;
  int conn = 0, h, mi;
  while (conn < 2 && word_in(c, k + (size_t)conn, clock_leads))
    conn++;
  size_t f = p_clock(c, k + (size_t)conn, conn > 0, &h, &mi);
  if (f) {
    w->hour = h;
    w->minute = mi;
    return f;
  }
  if ((word_is(c, e, "in") || word_is(c, e, "during")) &&
      word_is(c, e + 1, "the") && word_in(c, e + 2, parts_of_day))
    return e + 3;
  return e;
}

/* A time first, then maybe its day: "at 6 p.m. on Tuesday", "noon
 * yesterday"; a time alone is on pub. */
static size_t p_clock_day(const ctx *c, size_t i, dyad__when *w) {
  int h, mi;
  size_t f = p_clock(c, i, i > 0 && word_in(c, i - 1, clock_leads), &h, &mi);
  if (!f)
    return 0;
  size_t k = punct_is(c, f, ',') ? f + 1 : f, g;
  if (word_is(c, k, "on"))
    k++;
  dyad__when x = *w;
  if ((g = p_day(c, k, &x))) {
    *w = x;
    f = g;
  } else {
    w->date = c->pub;
    w->precision = DYAD__DATE_DAY;
    w->form = "time";
  }
  w->hour = h;
  w->minute = mi;
  return f;
}

/* in the evening, during the night (on pub), in the evening of March 3 */
static size_t p_part_of_day(const ctx *c, size_t i, dyad__when *w) {
  if (!(word_is(c, i, "in") || word_is(c, i, "during")) ||
      !word_is(c, i + 1, "the") || !word_in(c, i + 2, parts_of_day))
    return 0;
  size_t g;
  if (word_is(c, i + 3, "of") && (g = p_day1(c, i + 4, w)))
    return g;
  w->date = c->pub;
  w->precision = DYAD__DATE_DAY;
  w->form = "part_of_day";
  return i + 3;
}

/* [earlier|later] this/last/next week/month/year */
static size_t p_period(const ctx *c, size_t i, dyad__when *w) {
  size_t k = i;
  int mod = 0, rel;
  if (word_is(c, k, "earlier"))
    mod = -1, k++;
  else if (word_is(c, k, "later"))
    mod = 1, k++;
  if (word_is(c, k, "this"))
    rel = 0;
  else if (word_is(c, k, "last") && !mod)
    rel = -1;
  else if (word_is(c, k, "next") && !mod)
    rel = 1;
  else
    return 0;
  int unit = unit_at(c, k + 1);
  if (!word_is(c, k + 1, "week") && !word_is(c, k + 1, "month") &&
      !word_is(c, k + 1, "year"))
    return 0;
  if (word_is(c, k + 2, "of")) /* the last week of March */
    return 0;
  static const char *const forms[] = {"relative_week", "relative_month",
                                      "relative_year"};
  w->date = shift(c->pub, unit, rel);
  w->precision = unit;
  w->form = forms[unit - DYAD__DATE_WEEK];
  if (mod)
    w->future = mod > 0;
  return k + 2;
}

/* two days ago, 3 weeks ago, a month ago */
static size_t p_ago(const ctx *c, size_t i, dyad__when *w) {
  long n;
  int unit;
  if (!count_at(c, i, &n) || !(unit = unit_at(c, i + 1)) ||
      !word_is(c, i + 2, "ago"))
    return 0;
  w->date = shift(c->pub, unit, -n);
  w->precision = unit;
  w->form = "ago";
  return i + 3;
}

/* Words before "in two weeks" that make it a span, not a date ("the
 * worst fighting in two weeks", "for the first time in years"). */
static const char *const span_words[] = {
    "best",     "biggest",   "bloodiest", "coldest",  "deadliest", "driest",
    "eighth",   "fastest",   "fewest",    "fifth",    "fiercest",  "first",
    "fourth",   "greatest",  "heaviest",  "highest",  "hottest",   "largest",
    "least",    "longest",   "lowest",    "most",     "ninth",     "once",
    "only",     "second",    "seventh",   "sharpest", "sixth",     "slowest",
    "steepest", "strongest", "tenth",     "third",    "twice",     "weakest",
    "wettest",  "worst",     NULL};

/* in two weeks, in 3 days' time (future) */
static size_t p_in(const ctx *c, size_t i, dyad__when *w) {
  long n;
  int unit;
  if (!word_is(c, i, "in") || !count_at(c, i + 1, &n) ||
      !(unit = unit_at(c, i + 2)))
    return 0;
  size_t k = i + 3;
  if (punct_is(c, k, '\'') && word_is(c, k + 1, "time"))
    k += 2;
  else if (word_is(c, k, "time"))
    k++;
  if (word_is(c, k, "of"))
    return 0;
  for (size_t b = 1; b <= 6 && b <= i; b++)
    if (word_in(c, i - b, span_words))
      return 0;
  w->date = shift(c->pub, unit, n);
  w->precision = unit;
  w->future = 1;
  w->form = "in_n";
  return k;
}

/* [early|late|mid-] March 2024, March, 2024, March of 2024, March last
 * year */
static size_t p_month_year(const ctx *c, size_t i, dyad__when *w) {
  size_t j = modifier_at(c, i), e, f;
  int m, abbr, y = 0;
  if (!j)
    j = i;
  if (!(e = month_at(c, j, &m, &abbr)) || (f = year_after(c, e, &y)) == e)
    return 0;
  dyad__ymd r = {y, m, 1};
  w->date = r;
  w->precision = DYAD__DATE_MONTH;
  w->form = "month_year";
  return f;
}

/* March, in March, early March, mid-March, last/next/this March */
static size_t p_month(const ctx *c, size_t i, dyad__when *w) {
  int rel = 0; /* 1 last, 2 next, 3 this */
  size_t k = i, e;
  if (word_is(c, k, "last"))
    rel = 1;
  else if (word_is(c, k, "next"))
    rel = 2;
  else if (word_is(c, k, "this"))
    rel = 3;
  size_t mod = rel ? 0 : modifier_at(c, k);
  k = rel ? k + 1 : mod ? mod : k;
  int m, abbr, d;
  if (!(e = month_at(c, k, &m, &abbr)) || abbr)
    return 0;
  if (day_num(c, e, &d)) /* "next March 3": the month day is read alone */
    return 0;
  int ambiguous = m == 3 || m == 5 || m == 6 || m == 8;
  if (ambiguous && !rel && !mod &&
      !(k > 0 && word_in(c, k - 1, month_licences)))
    return 0;
  const dyad__ymd pub = c->pub;
  dyad__ymd r = {pub.y, m, 1};
  switch (rel) {
  case 1:
    r.y = m < pub.m ? pub.y : pub.y - 1;
    break;
  case 2:
    r.y = m > pub.m ? pub.y : pub.y + 1;
    break;
  case 3:
    break;
  default:
    /* Back at most six months in the past reading, else forward. */
    if (c->fut || (pub.m - m + 12) % 12 > 6)
      r.y = m >= pub.m ? pub.y : pub.y + 1;
    else
      r.y = m <= pub.m ? pub.y : pub.y - 1;
  }
  w->date = r;
  w->precision = DYAD__DATE_MONTH;
  w->form = rel ? "relative_month_name" : "month";
  return e;
}

/* in 2022, since 2014, early 2023, mid-2022 */
static size_t p_year(const ctx *c, size_t i, dyad__when *w) {
  size_t j = modifier_at(c, i);
  int y;
  if (!j && !(i > 0 && word_in(c, i - 1, year_licences)))
    return 0;
  if (!j)
    j = i;
  if (!year_num(c, j, &y))
    return 0;
  dyad__ymd r = {y, 1, 1};
  w->date = r;
  w->precision = DYAD__DATE_YEAR;
  w->form = "year";
  return j + 1;
}

/* The expression starting at token i, or 0. */
static size_t match(const ctx *c, size_t i, dyad__when *w) {
  static size_t (*const rest[])(const ctx *, size_t, dyad__when *) = {
      p_clock_day, p_part_of_day, p_period, p_ago,
      p_in,        p_month_year,  p_month,  p_year};
  const dyad__when blank = *w;
  size_t e = p_day(c, i, w);
  if (e)
    return w->form ? tail_time(c, e, w) : e;
  for (size_t k = 0; k < sizeof rest / sizeof rest[0]; k++) {
    *w = blank;
    if ((e = rest[k](c, i, w)))
      return e;
  }
  return 0;
}

/* ===== The scan ===== */

/* The window: BACK tokens kept behind the current one, LOOK ahead of it
 * (longer than the longest expression: "Tuesday, March 3, 2024, at about
 * 6:00 p.m. local time" is 18 tokens). */
enum { WIN = 64, BACK = 8, LOOK = 28 };

size_t dyad__dates_find(const char *text, size_t len, dyad__ymd pub,
                        int prefer_future, dyad__when *out, size_t max) {
  if (!text || !out || max == 0 || !dyad__ymd_valid(pub))
    return 0;
  if (len > UINT32_MAX) /* offsets are 32-bit */
    len = UINT32_MAX;
  tok win[WIN];
  size_t n = 0, cur = 0, pos = 0, found = 0;
  int eof = 0;
  while (found < max) {
    if (!eof && n - cur < LOOK) {
      size_t keep = cur > BACK ? cur - BACK : 0;
      memmove(win, win + keep, (n - keep) * sizeof *win);
      n -= keep;
      cur -= keep;
      while (n < WIN) {
        pos = lex(text, len, pos, &win[n]);
        if (win[n].kind == T_END) {
          eof = 1;
          break;
        }
        n++;
      }
    }
    if (cur >= n)
      break;
    /* Parsers see at most LOOK tokens ahead, so what they find does not
     * depend on where the window happens to end. */
    ctx c = {text, win, n < cur + LOOK ? n : cur + LOOK, pub,
             prefer_future != 0};
    dyad__when w;
    memset(&w, 0, sizeof w);
    w.hour = w.minute = -1;
    w.future = -1;
    size_t e = match(&c, cur, &w);
    if (!e) {
      cur++;
      continue;
    }
    if (w.form && dyad__ymd_valid(w.date)) {
      w.start = win[cur].start;
      w.end = win[e - 1].end;
      if (w.future < 0)
        w.future = dyad__ymd_cmp(w.date, pub) > 0;
      out[found++] = w;
    }
    cur = e;
  }
  return found;
}

/* dates.h -- the date resolver of the document layer: calendar dates and
 * the temporal expressions of one sentence ("on Tuesday", "the 31st",
 * "March 3, 2024", "two days ago", "at 6 p.m."), resolved against the
 * story's publication date.
 *
 * The resolution rules are written out at the top of dates.c.  Nothing here
 * allocates or prints; results go into arrays the caller provides.
 */
#ifndef DYAD_DATES_H
#define DYAD_DATES_H

#include <stddef.h>
#include <stdint.h>

/* A civil (proleptic Gregorian) calendar date.  Valid when 1 <= y <= 9999,
 * 1 <= m <= 12 and d within the month. */
typedef struct {
  int y, m, d;
} dyad__ymd;

/* How much of a resolved date the text actually gives. */
enum {
  DYAD__DATE_DAY = 1, /* one calendar day */
  DYAD__DATE_WEEK,    /* a Monday-to-Sunday week; date is its Monday */
  DYAD__DATE_MONTH,   /* a month; date is its first day */
  DYAD__DATE_YEAR     /* a year; date is 1 January */
};

typedef struct dyad__when {
  dyad__ymd date;      /* resolved date (week/month/year: the first day) */
  int precision;       /* DYAD__DATE_* */
  int hour, minute;    /* 0-23, 0-59; -1 when no time of day is given */
  int future;          /* the expression points after the publication date */
  uint32_t start, end; /* byte offsets of the expression in the text given */
  const char *form;    /* static name of the rule that matched, for the
                          explain trace ("weekday", "ordinal_day", "ago"...) */
} dyad__when;

/* Finds up to max temporal expressions in text[0..len) (UTF-8, one
 * sentence, plain ASCII punctuation) and resolves them against pub.
 * prefer_future reads bare weekdays, ordinal days, month days and month
 * names forward ("will visit on Tuesday"); without it they are read
 * backward (month days and month names only as far as half a year back;
 * the rules are at the top of dates.c).  Returns
 * the number written to out, in text order (0 when pub is not valid).
 * Never reads past len, never allocates, never prints. */
size_t dyad__dates_find(const char *text, size_t len, dyad__ymd pub,
                        int prefer_future, dyad__when *out, size_t max);

/* 1 when d is a valid date (see dyad__ymd), else 0. */
int dyad__ymd_valid(dyad__ymd d);

/* d moved by n days (n may be negative); across months, years and leap
 * days.  The result may be invalid when it leaves years 1-9999. */
dyad__ymd dyad__ymd_add_days(dyad__ymd d, long n);

/* Day of the week of a valid date: 0 Sunday, 1 Monday ... 6 Saturday. */
int dyad__ymd_weekday(dyad__ymd d);

/* Negative, zero or positive as a is before, the same as or after b. */
int dyad__ymd_cmp(dyad__ymd a, dyad__ymd b);

/* Days from b to a (a - b), for distances between dates. */
long dyad__ymd_diff_days(dyad__ymd a, dyad__ymd b);

/* Writes d as "YYYY-MM-DD" and a NUL into out.  Returns 0, or -1 (and
 * writes "0000-00-00") when d is not valid. */
int dyad__ymd_format(dyad__ymd d, char out[11]);

/* Reads exactly "YYYY-MM-DD" from s[0..len) into *out.  Returns 0, or -1
 * when the text is not that shape or not a valid date. */
int dyad__ymd_parse(const char *s, size_t len, dyad__ymd *out);

#endif

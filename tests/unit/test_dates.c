/* test_dates.c -- unit tests of the date resolver (src/doc/dates.c).
 *
 * The calendar helpers (validity, day arithmetic across month, year and
 * leap-day ends, weekdays, formatting, parsing), then every form of
 * expression with its month and year boundaries in the past and the future
 * reading: ordinal days, weekdays, relative days and periods, month days,
 * months, years, "ago" and "in", ISO dates, times of day; dates the
 * calendar does not have; words that look like dates and are not; offsets,
 * the max cap, the len bound, long input and the seed article sentence by
 * sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/doc/dates.h"

#include "text_doc.h"

static dyad__ymd ymd(int y, int m, int d) {
  dyad__ymd r = {y, m, d};
  return r;
}

/* A publication date from "YYYY-MM-DD". */
static dyad__ymd pubd(const char *s) {
  dyad__ymd r;
  assert_int_equal(dyad__ymd_parse(s, strlen(s), &r), 0);
  return r;
}

/* One found expression as "span=YYYY-MM-DD/p form[ @HH:MM][ +]", p being
 * d, w, m or y, '+' marking future. */
static void describe(const char *text, const dyad__when *w, char *out,
                     size_t cap) {
  static const char prec[] = "?dwmy";
  char date[11], tm[16] = "";
  dyad__ymd_format(w->date, date);
  if (w->hour >= 0)
    snprintf(tm, sizeof tm, " @%02d:%02d", w->hour, w->minute);
  snprintf(out, cap, "%.*s=%s/%c %s%s%s", (int)(w->end - w->start),
           text + w->start, date,
           prec[w->precision >= 1 && w->precision <= 4 ? w->precision : 0],
           w->form, tm, w->future ? " +" : "");
}

/* Asserts that text read on pub finds exactly exp (NULL-terminated). */
static void expect_dates(const char *pub, int fut, const char *text,
                         const char *const *exp) {
  dyad__when w[32];
  size_t n = dyad__dates_find(text, strlen(text), pubd(pub), fut, w, 32);
  char got[256];
  size_t i = 0;
  for (; exp[i]; i++) {
    if (i >= n)
      fail_msg("\"%s\" on %s%s: %zu found, wanted \"%s\"", text, pub,
               fut ? " (future)" : "", n, exp[i]);
    describe(text, &w[i], got, sizeof got);
    if (strcmp(got, exp[i]) != 0)
      fail_msg("\"%s\" on %s%s, #%zu:\n  got    \"%s\"\n  wanted \"%s\"", text,
               pub, fut ? " (future)" : "", i, got, exp[i]);
  }
  if (n != i) {
    describe(text, &w[i], got, sizeof got);
    fail_msg("\"%s\" on %s: %zu found, wanted %zu (extra \"%s\")", text, pub, n,
             i, got);
  }
}

#define PAST(pub, text, ...)                                                   \
  do {                                                                         \
    const char *const e_[] = {__VA_ARGS__, NULL};                              \
    expect_dates(pub, 0, text, e_);                                            \
  } while (0)

#define FUT(pub, text, ...)                                                    \
  do {                                                                         \
    const char *const e_[] = {__VA_ARGS__, NULL};                              \
    expect_dates(pub, 1, text, e_);                                            \
  } while (0)

#define NONE(pub, text)                                                        \
  do {                                                                         \
    const char *const e_[] = {NULL};                                           \
    expect_dates(pub, 0, text, e_);                                            \
    expect_dates(pub, 1, text, e_);                                            \
  } while (0)

static void assert_ymd(dyad__ymd got, int y, int m, int d) {
  if (got.y != y || got.m != m || got.d != d)
    fail_msg("got %d-%d-%d, wanted %d-%d-%d", got.y, got.m, got.d, y, m, d);
}

static void test_calendar(void **state) {
  (void)state;
  assert_true(dyad__ymd_valid(ymd(2024, 2, 29)));
  assert_true(dyad__ymd_valid(ymd(2000, 2, 29)));
  assert_false(dyad__ymd_valid(ymd(2023, 2, 29)));
  assert_false(dyad__ymd_valid(ymd(1900, 2, 29)));
  assert_false(dyad__ymd_valid(ymd(2023, 4, 31)));
  assert_true(dyad__ymd_valid(ymd(2023, 12, 31)));
  assert_false(dyad__ymd_valid(ymd(2023, 13, 1)));
  assert_false(dyad__ymd_valid(ymd(2023, 0, 10)));
  assert_false(dyad__ymd_valid(ymd(0, 1, 1)));
  assert_false(dyad__ymd_valid(ymd(10000, 1, 1)));

  assert_ymd(dyad__ymd_add_days(ymd(2023, 12, 31), 1), 2024, 1, 1);
  assert_ymd(dyad__ymd_add_days(ymd(2023, 1, 1), -1), 2022, 12, 31);
  assert_ymd(dyad__ymd_add_days(ymd(2024, 2, 28), 1), 2024, 2, 29);
  assert_ymd(dyad__ymd_add_days(ymd(2024, 2, 29), 1), 2024, 3, 1);
  assert_ymd(dyad__ymd_add_days(ymd(2023, 2, 28), 1), 2023, 3, 1);
  assert_ymd(dyad__ymd_add_days(ymd(2024, 3, 1), -1), 2024, 2, 29);
  assert_ymd(dyad__ymd_add_days(ymd(2023, 1, 1), 365), 2024, 1, 1);
  assert_ymd(dyad__ymd_add_days(ymd(2024, 1, 1), 366), 2025, 1, 1);
  assert_ymd(dyad__ymd_add_days(ymd(2023, 4, 30), 0), 2023, 4, 30);
  /* Out of the calendar's years: invalid, not wrapped. */
  assert_false(dyad__ymd_valid(dyad__ymd_add_days(ymd(1, 1, 1), -1)));
  assert_false(dyad__ymd_valid(dyad__ymd_add_days(ymd(2023, 1, 1), 1L << 40)));

  assert_int_equal(dyad__ymd_weekday(ymd(1970, 1, 1)), 4);  /* Thursday */
  assert_int_equal(dyad__ymd_weekday(ymd(2024, 1, 1)), 1);  /* Monday */
  assert_int_equal(dyad__ymd_weekday(ymd(2023, 2, 1)), 3);  /* Wednesday */
  assert_int_equal(dyad__ymd_weekday(ymd(2000, 2, 29)), 2); /* Tuesday */
  assert_int_equal(dyad__ymd_weekday(ymd(2023, 1, 1)), 0);  /* Sunday */

  assert_true(dyad__ymd_cmp(ymd(2023, 1, 31), ymd(2023, 2, 1)) < 0);
  assert_true(dyad__ymd_cmp(ymd(2024, 1, 1), ymd(2023, 12, 31)) > 0);
  assert_int_equal(dyad__ymd_cmp(ymd(2023, 5, 5), ymd(2023, 5, 5)), 0);
  assert_int_equal(dyad__ymd_diff_days(ymd(2024, 3, 1), ymd(2024, 2, 1)), 29);
  assert_int_equal(dyad__ymd_diff_days(ymd(2023, 3, 1), ymd(2023, 2, 1)), 28);
  assert_int_equal(dyad__ymd_diff_days(ymd(2022, 12, 31), ymd(2023, 1, 1)), -1);

  char b[11];
  assert_int_equal(dyad__ymd_format(ymd(2024, 3, 3), b), 0);
  assert_string_equal(b, "2024-03-03");
  assert_int_equal(dyad__ymd_format(ymd(5, 1, 9), b), 0);
  assert_string_equal(b, "0005-01-09");
  assert_int_equal(dyad__ymd_format(ymd(2023, 2, 29), b), -1);
  assert_string_equal(b, "0000-00-00");

  dyad__ymd r;
  assert_int_equal(dyad__ymd_parse("2023-02-01", 10, &r), 0);
  assert_ymd(r, 2023, 2, 1);
  assert_int_equal(dyad__ymd_parse("2023-2-01", 9, &r), -1);
  assert_int_equal(dyad__ymd_parse("2023-02-30", 10, &r), -1);
  assert_int_equal(dyad__ymd_parse("2023/02/01", 10, &r), -1);
  assert_int_equal(dyad__ymd_parse("2023-02-011", 11, &r), -1);
  assert_int_equal(dyad__ymd_parse("2023-0a-01", 10, &r), -1);
}

static void test_ordinal_day(void **state) {
  (void)state;
  PAST("2023-02-01", "It happened on the 31st.",
       "the 31st=2023-01-31/d ordinal_day");
  PAST("2023-02-01", "They met on the 1st and on the 3rd.",
       "the 1st=2023-02-01/d ordinal_day", "the 3rd=2023-01-03/d ordinal_day");
  /* February has no 31st, 30th or (in 2023) 29th: January's. */
  PAST("2023-03-01", "the 31st", "the 31st=2023-01-31/d ordinal_day");
  PAST("2023-03-01", "the 30th", "the 30th=2023-01-30/d ordinal_day");
  PAST("2023-03-01", "the 29th", "the 29th=2023-01-29/d ordinal_day");
  PAST("2024-03-01", "the 29th", "the 29th=2024-02-29/d ordinal_day");
  PAST("2023-05-01", "the 31st", "the 31st=2023-03-31/d ordinal_day");
  /* Back over the year's end. */
  PAST("2023-01-05", "on the 10th", "the 10th=2022-12-10/d ordinal_day");
  /* Forward. */
  FUT("2023-02-01", "will meet on the 31st",
      "the 31st=2023-03-31/d ordinal_day +");
  FUT("2023-02-01", "on the 1st", "the 1st=2023-02-01/d ordinal_day");
  FUT("2023-12-20", "on the 3rd", "the 3rd=2024-01-03/d ordinal_day +");
  FUT("2024-02-01", "on the 29th", "the 29th=2024-02-29/d ordinal_day +");
  FUT("2023-02-01", "on the 29th", "the 29th=2023-03-29/d ordinal_day +");
  /* Ranks, not days. */
  NONE("2023-02-01", "the 1st Armored Division");
  NONE("2023-02-01", "the 101st Airborne");
  NONE("2023-02-01", "in the 21st century");
  NONE("2023-02-01", "for the 3rd time");
  NONE("2023-02-01", "the 2nd largest city");
  NONE("2023-02-01", "the 3rd-largest economy");
  NONE("2023-02-01", "the 32nd");
  NONE("2023-02-01", "in the 18th arrondissement");
  PAST("2023-02-01", "on the 3rd when troops fired",
       "the 3rd=2023-01-03/d ordinal_day");
}

static void test_weekdays(void **state) {
  (void)state;
  /* 2023-02-01 is a Wednesday. */
  PAST("2023-02-01", "on Tuesday", "Tuesday=2023-01-31/d weekday");
  PAST("2023-02-01", "on Wednesday", "Wednesday=2023-02-01/d weekday");
  PAST("2023-02-01", "on Thursday", "Thursday=2023-01-26/d weekday");
  PAST("2023-02-01", "On Tuesday evening, troops fired.",
       "Tuesday evening=2023-01-31/d weekday");
  PAST("2023-02-01", "last Tuesday", "last Tuesday=2023-01-31/d last_weekday");
  PAST("2023-02-01", "last Wednesday",
       "last Wednesday=2023-01-25/d last_weekday");
  PAST("2023-02-01", "next Wednesday",
       "next Wednesday=2023-02-08/d next_weekday +");
  PAST("2023-02-01", "next Thursday",
       "next Thursday=2023-02-02/d next_weekday +");
  PAST("2023-02-01", "this Friday", "this Friday=2023-02-03/d this_weekday +");
  PAST("2023-02-01", "this Monday", "this Monday=2023-01-30/d this_weekday");
  FUT("2023-02-01", "will visit on Tuesday", "Tuesday=2023-02-07/d weekday +");
  FUT("2023-02-01", "on Wednesday", "Wednesday=2023-02-01/d weekday");
  /* Across the year's end: 2024-01-01 is a Monday. */
  PAST("2024-01-01", "Monday", "Monday=2024-01-01/d weekday");
  PAST("2024-01-01", "last Monday", "last Monday=2023-12-25/d last_weekday");
  PAST("2024-01-01", "on Friday", "Friday=2023-12-29/d weekday");
  PAST("2024-01-01", "this Sunday", "this Sunday=2024-01-07/d this_weekday +");
  FUT("2023-12-29", "on Tuesday", "Tuesday=2024-01-02/d weekday +");
  /* Across 29 February: 2024-03-01 is a Friday. */
  PAST("2024-03-01", "on Thursday", "Thursday=2024-02-29/d weekday");
  /* Abbreviations. */
  PAST("2023-02-01", "Tues. talks", "Tues.=2023-01-31/d weekday");
  PAST("2023-02-01", "Thurs. talks", "Thurs.=2023-01-26/d weekday");
  PAST("2023-02-01", "Sun., Jan. 29", "Sun., Jan. 29=2023-01-29/d month_day");
  NONE("2023-02-01", "Sun Microsystems said");
  NONE("2023-02-01", "Sun. talks");
  NONE("2023-02-01", "Wed talks");
  /* A weekday with its date: the date wins. */
  PAST("2023-02-01", "on Tuesday, January 31,",
       "Tuesday, January 31=2023-01-31/d month_day");
  PAST("2023-02-01", "on Tuesday the 31st",
       "Tuesday the 31st=2023-01-31/d ordinal_day");
  /* Names. */
  NONE("2023-02-01", "the Good Friday Agreement");
  NONE("2023-02-01", "the Sunday Times reported");
  NONE("2023-02-01", "after Super Tuesday");
}

static void test_relative_days(void **state) {
  (void)state;
  PAST("2023-03-01", "yesterday, today, tonight, tomorrow, last night",
       "yesterday=2023-02-28/d yesterday", "today=2023-03-01/d today",
       "tonight=2023-03-01/d tonight", "tomorrow=2023-03-02/d tomorrow +",
       "last night=2023-02-28/d last_night");
  PAST("2023-03-01", "yesterday morning and this evening",
       "yesterday morning=2023-02-28/d yesterday",
       "this evening=2023-03-01/d this_part_of_day");
  PAST("2023-03-01", "the day before yesterday",
       "the day before yesterday=2023-02-27/d day_before_yesterday");
  PAST("2023-03-01", "the day after tomorrow",
       "the day after tomorrow=2023-03-03/d day_after_tomorrow +");
  PAST("2023-03-01", "earlier today", "earlier today=2023-03-01/d today");
  PAST("2024-03-01", "Yesterday", "Yesterday=2024-02-29/d yesterday");
  PAST("2024-01-01", "yesterday", "yesterday=2023-12-31/d yesterday");
  PAST("2023-12-31", "tomorrow", "tomorrow=2024-01-01/d tomorrow +");
  PAST("2023-03-01", "Today, talks resumed.", "Today=2023-03-01/d today");
  NONE("2023-03-01", "USA Today reported");
}

static void test_periods(void **state) {
  (void)state;
  /* 2023-03-01 is a Wednesday. */
  PAST("2023-03-01", "this week, last week, next week",
       "this week=2023-02-27/w relative_week",
       "last week=2023-02-20/w relative_week",
       "next week=2023-03-06/w relative_week +");
  PAST("2023-03-01", "earlier this month, this month, last month, next month",
       "earlier this month=2023-03-01/m relative_month",
       "this month=2023-03-01/m relative_month",
       "last month=2023-02-01/m relative_month",
       "next month=2023-04-01/m relative_month +");
  PAST("2023-03-01", "this year, last year, next year, later this year",
       "this year=2023-01-01/y relative_year",
       "last year=2022-01-01/y relative_year",
       "next year=2024-01-01/y relative_year +",
       "later this year=2023-01-01/y relative_year +");
  PAST("2023-03-01", "later this week",
       "later this week=2023-02-27/w relative_week +");
  /* Across the year's end. */
  PAST("2023-01-04", "last week and last month",
       "last week=2022-12-26/w relative_week",
       "last month=2022-12-01/m relative_month");
  PAST("2023-12-15", "next month", "next month=2024-01-01/m relative_month +");
  PAST("2023-12-31", "next week", "next week=2024-01-01/w relative_week +");
  NONE("2023-03-01", "the last week of talks");
}

static void test_month_days(void **state) {
  (void)state;
  /* Back when at most 183 days back, else forward. */
  PAST("2023-03-01", "March 3", "March 3=2023-03-03/d month_day +");
  FUT("2023-03-01", "March 3", "March 3=2023-03-03/d month_day +");
  PAST("2023-03-01", "on March 1", "March 1=2023-03-01/d month_day");
  PAST("2023-03-01", "3 March", "3 March=2023-03-03/d month_day +");
  PAST("2023-03-01", "March 3rd", "March 3rd=2023-03-03/d month_day +");
  PAST("2023-03-01", "on the 3rd of March",
       "the 3rd of March=2023-03-03/d month_day +");
  PAST("2023-03-01", "February 28", "February 28=2023-02-28/d month_day");
  FUT("2023-03-01", "February 28", "February 28=2024-02-28/d month_day +");
  PAST("2023-03-01", "September 1", "September 1=2022-09-01/d month_day");
  PAST("2023-03-01", "August 30", "August 30=2022-08-30/d month_day");
  PAST("2023-03-01", "August 29", "August 29=2023-08-29/d month_day +");
  PAST("1987-03-03", "Pay April 15 Record March 23",
       "April 15=1987-04-15/d month_day +",
       "March 23=1987-03-23/d month_day +");
  /* The year in words. */
  PAST("1987-03-05", "on January 14 this year",
       "January 14 this year=1987-01-14/d full_date");
  PAST("2023-03-01", "March 3 last year",
       "March 3 last year=2022-03-03/d full_date");
  PAST("2023-03-01", "March 3, 2024, and 3 March 2024",
       "March 3, 2024=2024-03-03/d full_date +",
       "3 March 2024=2024-03-03/d full_date +");
  PAST("2023-03-01", "on Jan. 5", "Jan. 5=2023-01-05/d month_day");
  PAST("2023-03-01", "Sept. 11, 2001", "Sept. 11, 2001=2001-09-11/d full_date");
  PAST("2023-03-01", "Dec 24", "Dec 24=2022-12-24/d month_day");
  PAST("2023-03-01", "MARCH 3", "MARCH 3=2023-03-03/d month_day +");
  /* 29 February goes to a leap year: 2020 is too far back. */
  PAST("2023-03-01", "February 29", "February 29=2024-02-29/d month_day +");
  FUT("2023-03-01", "February 29", "February 29=2024-02-29/d month_day +");
  PAST("2024-03-01", "29 February", "29 February=2024-02-29/d month_day");
  PAST("2024-03-01", "February 29, 2024",
       "February 29, 2024=2024-02-29/d full_date");
  /* Across the year's end. */
  PAST("2023-01-05", "December 30", "December 30=2022-12-30/d month_day");
  FUT("2023-01-05", "December 30", "December 30=2023-12-30/d month_day +");
  FUT("2023-01-05", "January 2", "January 2=2024-01-02/d month_day +");
  /* A range: its first day. */
  PAST("2023-03-20", "March 3-5", "March 3=2023-03-03/d month_day");
  /* Dates the calendar does not have are not dates, and what follows
   * them is still read. */
  NONE("2023-03-01", "February 30");
  NONE("2023-03-01", "April 31");
  NONE("2023-03-01", "February 29, 2023");
  NONE("2023-03-01", "Tuesday, February 30");
  PAST("2023-03-01", "February 30 and yesterday",
       "yesterday=2023-02-28/d yesterday");
  NONE("2023-03-01", "3 of March");
}

static void test_iso(void **state) {
  (void)state;
  PAST("2023-03-01", "on 2024-03-03", "2024-03-03=2024-03-03/d iso +");
  PAST("2023-03-01", "on 2023-02-28", "2023-02-28=2023-02-28/d iso");
  PAST("2023-03-01", "2024-02-29", "2024-02-29=2024-02-29/d iso +");
  NONE("2023-03-01", "2023-02-29");
  NONE("2023-03-01", "2023-13-01");
  NONE("2023-03-01", "2023-00-10");
  NONE("2023-03-01", "1800-01-01");
  /* Slashes are ambiguous (day or month first): never read. */
  NONE("2023-03-01", "on 03/04/2024");
  NONE("2023-03-01", "on 3/4");
}

static void test_months_years(void **state) {
  (void)state;
  PAST("2023-06-15", "in March", "March=2023-03-01/m month");
  /* Back at most six months, else forward. */
  PAST("2023-06-15", "in July", "July=2023-07-01/m month +");
  PAST("2023-06-15", "in December", "December=2022-12-01/m month");
  PAST("2023-06-15", "in November", "November=2023-11-01/m month +");
  FUT("2023-06-15", "in July", "July=2023-07-01/m month +");
  FUT("2023-06-15", "in March", "March=2024-03-01/m month +");
  PAST("2023-06-15", "in June", "June=2023-06-01/m month");
  FUT("2023-06-15", "in June", "June=2023-06-01/m month");
  PAST("2023-06-15", "January", "January=2023-01-01/m month");
  PAST("2023-06-15", "early May, mid-March, late August and mid April",
       "early May=2023-05-01/m month", "mid-March=2023-03-01/m month",
       "late August=2023-08-01/m month +", "mid April=2023-04-01/m month");
  PAST("2023-06-15", "last March",
       "last March=2023-03-01/m relative_month_name");
  PAST("2023-06-15", "last June", "last June=2022-06-01/m relative_month_name");
  PAST("2023-06-15", "next June",
       "next June=2024-06-01/m relative_month_name +");
  PAST("2023-06-15", "next July",
       "next July=2023-07-01/m relative_month_name +");
  PAST("2023-06-15", "this December",
       "this December=2023-12-01/m relative_month_name +");
  PAST("2023-01-10", "in December", "December=2022-12-01/m month");
  PAST("2023-06-15", "March 2024 and in May 2019",
       "March 2024=2024-03-01/m month_year +",
       "May 2019=2019-05-01/m month_year");
  PAST("2023-06-15", "early March 2022",
       "early March 2022=2022-03-01/m month_year");
  PAST("2023-06-15", "in September, 1990, and October of 2019",
       "September, 1990=1990-09-01/m month_year",
       "October of 2019=2019-10-01/m month_year");
  PAST("2023-06-15", "in September this year and October last year",
       "September this year=2023-09-01/m month_year +",
       "October last year=2022-10-01/m month_year");
  PAST("2023-06-15", "in May of last year",
       "May of last year=2022-05-01/m month_year");
  PAST("2023-06-15", "in 2022, since 2014, by 2030", "2022=2022-01-01/y year",
       "2014=2014-01-01/y year", "2030=2030-01-01/y year +");
  PAST("2023-06-15", "mid-2022 and late 2023", "mid-2022=2022-01-01/y year",
       "late 2023=2023-01-01/y year");
  /* Modal, noun, names, counts. */
  NONE("2023-06-15", "Ukraine may hold talks.");
  NONE("2023-06-15", "May I ask?");
  NONE("2023-06-15", "a march on the capital");
  NONE("2023-06-15", "the March on Washington");
  NONE("2023-06-15", "June Carter sang");
  NONE("2023-06-15", "2,000 people and 1,999 soldiers");
  NONE("2023-06-15", "the 1990s");
  NONE("2023-06-15", "the 2022 election");
  NONE("2023-06-15", "in 2022-23");
  NONE("2023-06-15", "in 1850");
  NONE("2023-06-15", "Mar and Apr");
}

static void test_ago_in(void **state) {
  (void)state;
  /* 2023-03-01 is a Wednesday. */
  PAST("2023-03-01", "two days ago", "two days ago=2023-02-27/d ago");
  PAST("2023-03-01", "10 days ago", "10 days ago=2023-02-19/d ago");
  PAST("2023-03-01", "one day ago", "one day ago=2023-02-28/d ago");
  PAST("2023-03-01", "3 weeks ago", "3 weeks ago=2023-02-06/w ago");
  PAST("2023-03-01", "a month ago", "a month ago=2023-02-01/m ago");
  PAST("2023-03-01", "twelve months ago", "twelve months ago=2022-03-01/m ago");
  PAST("2023-03-01", "two years ago", "two years ago=2021-01-01/y ago");
  PAST("2024-03-01", "1 day ago", "1 day ago=2024-02-29/d ago");
  PAST("2023-01-15", "a month ago", "a month ago=2022-12-01/m ago");
  PAST("2023-03-01", "in two weeks", "in two weeks=2023-03-13/w in_n +");
  PAST("2023-03-01", "in 3 days", "in 3 days=2023-03-04/d in_n +");
  PAST("2023-03-01", "in 3 days' time", "in 3 days' time=2023-03-04/d in_n +");
  PAST("2023-03-01", "in a month", "in a month=2023-04-01/m in_n +");
  PAST("2023-12-30", "in two days", "in two days=2024-01-01/d in_n +");
  PAST("2023-11-15", "in two months", "in two months=2024-01-01/m in_n +");
  NONE("2023-03-01", "the worst fighting in two weeks");
  NONE("2023-03-01", "for the first time in ten years");
  NONE("2023-03-01", "a fourth title in six years");
  NONE("2023-03-01", "in two weeks of talks");
  NONE("2023-03-01", "a few days ago");
  NONE("2023-03-01", "within days");
}

static void test_times(void **state) {
  (void)state;
  PAST("2023-03-01", "shortly after 6:00 p.m.",
       "6:00 p.m.=2023-03-01/d time @18:00");
  PAST("2023-03-01", "at 18:00", "18:00=2023-03-01/d time @18:00");
  PAST("2023-03-01", "at 6.30pm", "6.30pm=2023-03-01/d time @18:30");
  PAST("2023-03-01", "at 9 AM", "9 AM=2023-03-01/d time @09:00");
  PAST("2023-03-01", "at noon", "noon=2023-03-01/d time @12:00");
  PAST("2023-03-01", "at midnight", "midnight=2023-03-01/d time @00:00");
  PAST("2023-03-01", "12 a.m. and 12 p.m.", "12 a.m.=2023-03-01/d time @00:00",
       "12 p.m.=2023-03-01/d time @12:00");
  PAST("2023-03-01", "1600 GMT or 16:00 GMT",
       "1600 GMT=2023-03-01/d time @16:00",
       "16:00 GMT=2023-03-01/d time @16:00");
  PAST("2023-03-01", "at 0630 local time on Tuesday",
       "0630 local time on Tuesday=2023-02-28/d weekday @06:30");
  NONE("2023-03-01", "2000 hours of footage and 1875 GMT");
  PAST("2023-03-01", "in the evening",
       "in the evening=2023-03-01/d part_of_day");
  /* Joined to their day, either side. */
  PAST("2023-03-01", "on Tuesday at 6 p.m.",
       "Tuesday at 6 p.m.=2023-02-28/d weekday @18:00");
  PAST("2023-03-01", "at 6 p.m. on Tuesday",
       "6 p.m. on Tuesday=2023-02-28/d weekday @18:00");
  PAST("2023-03-01", "at 11 p.m. last night",
       "11 p.m. last night=2023-02-28/d last_night @23:00");
  PAST("2023-03-01", "March 3, 2024, at 10:15 a.m.",
       "March 3, 2024, at 10:15 a.m.=2024-03-03/d full_date @10:15 +");
  PAST("2023-03-01", "on Tuesday in the evening",
       "Tuesday in the evening=2023-02-28/d weekday");
  PAST("2023-03-01", "on the evening of March 3",
       "the evening of March 3=2023-03-03/d month_day +");
  /* Not times. */
  NONE("2023-03-01", "scored 18:00");
  NONE("2023-03-01", "at 13 p.m.");
  NONE("2023-03-01", "a 3-2 win");
  NONE("2023-03-01", "at 6");
  NONE("2023-03-01", "at 25:00");
}

static void test_offsets_and_cap(void **state) {
  (void)state;
  const char *s = "Kishida met Stoltenberg on Tuesday and will visit Kyiv "
                  "next week.";
  dyad__when w[4];
  size_t n = dyad__dates_find(s, strlen(s), pubd("2023-02-01"), 0, w, 4);
  assert_int_equal(n, 2);
  assert_int_equal(w[0].start, 27);
  assert_int_equal(w[0].end, 34);
  assert_int_equal(w[0].hour, -1);
  assert_int_equal(w[0].minute, -1);
  assert_int_equal(w[1].start, 55);
  assert_int_equal(w[1].end, 64);
  assert_int_equal(w[1].precision, DYAD__DATE_WEEK);
  /* max caps the count, keeping text order. */
  n = dyad__dates_find(s, strlen(s), pubd("2023-02-01"), 0, w, 1);
  assert_int_equal(n, 1);
  assert_int_equal(w[0].start, 27);
  assert_int_equal(dyad__dates_find(s, strlen(s), pubd("2023-02-01"), 0, w, 0),
                   0);
  /* An invalid publication date: nothing. */
  assert_int_equal(dyad__dates_find(s, strlen(s), ymd(2023, 2, 30), 0, w, 4),
                   0);
  assert_int_equal(dyad__dates_find(NULL, 0, pubd("2023-02-01"), 0, w, 4), 0);
  /* Bytes past len are not read: "March 31" cut to "March 3". */
  const char *m = "March 31";
  n = dyad__dates_find(m, 7, pubd("2023-06-01"), 0, w, 4);
  assert_int_equal(n, 1);
  assert_int_equal(w[0].date.d, 3);
  assert_int_equal(w[0].end, 7);
  assert_int_equal(
      dyad__dates_find("yesterday", 5, pubd("2023-06-01"), 0, w, 4), 0);
  assert_int_equal(dyad__dates_find("the 31st", 6, pubd("2023-06-01"), 0, w, 4),
                   0);
  /* Curly punctuation and no-break spaces end words. */
  const char *u = "Tuesday\xe2\x80\x99s talks on\xc2\xa0Monday";
  n = dyad__dates_find(u, strlen(u), pubd("2023-02-01"), 0, w, 4);
  assert_int_equal(n, 2);
  assert_int_equal(w[0].end, 7);
  assert_int_equal(w[1].date.d, 30);
  NONE("2023-02-01", "");
  NONE("2023-02-01", "Kishida met Stoltenberg and they agreed to cooperate.");
  NONE("2023-02-01", "\xff\xfe\xe2\x80 Mayday \xe2");
}

static void test_long_input(void **state) {
  (void)state;
  const char *filler = "The talks continued without a result, officials said ";
  size_t fl = strlen(filler), reps = 4000;
  size_t len = fl * reps + strlen("yesterday");
  char *s = malloc(len + 1);
  assert_non_null(s);
  for (size_t i = 0; i < reps; i++)
    memcpy(s + i * fl, filler, fl);
  memcpy(s + fl * reps, "yesterday", strlen("yesterday") + 1);
  dyad__when w[4];
  size_t n = dyad__dates_find(s, len, pubd("2023-02-01"), 0, w, 4);
  assert_int_equal(n, 1);
  assert_int_equal(w[0].start, fl * reps);
  assert_int_equal(w[0].end, len);
  assert_ymd(w[0].date, 2023, 1, 31);
  free(s);

  /* Many dates: the cap holds and the order is the text's. */
  const char *day = "on Tuesday and ";
  size_t dl = strlen(day);
  reps = 500;
  s = malloc(dl * reps + 1);
  assert_non_null(s);
  for (size_t i = 0; i < reps; i++)
    memcpy(s + i * dl, day, dl);
  s[dl * reps] = '\0';
  dyad__when many[600];
  n = dyad__dates_find(s, dl * reps, pubd("2023-02-01"), 0, many, 600);
  assert_int_equal(n, reps);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(many[i].start, i * dl + 3);
  n = dyad__dates_find(s, dl * reps, pubd("2023-02-01"), 0, many, 16);
  assert_int_equal(n, 16);
  free(s);
}

/* A long expression found the same wherever it falls in the text, so
 * across every place where the token window is refilled. */
static void test_window_positions(void **state) {
  (void)state;
  const char *expr = "Tuesday, March 3, 2024, at about 6:00 p.m. local time";
  char buf[1024];
  for (size_t k = 0; k < 150; k++) {
    size_t len = 0;
    for (size_t i = 0; i < k; i++, len += 3)
      memcpy(buf + len, "ok ", 3);
    memcpy(buf + len, expr, strlen(expr) + 1);
    dyad__when w[4];
    size_t n = dyad__dates_find(buf, strlen(buf), pubd("2023-03-01"), 0, w, 4);
    if (n != 1 || w[0].start != len || w[0].end != strlen(buf) ||
        w[0].hour != 18 || w[0].date.y != 2024)
      fail_msg("after %zu words: %zu found", k, n);
  }
}

/* Reads the seed article; returns NULL (and the test is skipped) when the
 * shared data are not there. */
static char *read_seed(size_t *len) {
  static const char *const paths[] = {
      "../shared/seed/000_435aa08a819ac924.txt",
      "../../shared/seed/000_435aa08a819ac924.txt",
      "/work/shared/seed/000_435aa08a819ac924.txt"};
  const char *env = getenv("DYAD_SEED");
  for (size_t i = 0; i < 4; i++) {
    const char *p = i == 0 ? env : paths[i - 1];
    if (!p)
      continue;
    FILE *f = fopen(p, "rb");
    if (!f)
      continue;
    char *buf = malloc(1 << 16);
    size_t n = buf ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    if (!buf)
      return NULL;
    *len = n;
    return buf;
  }
  return NULL;
}

/* The seed article, published 2023-02-01, sentence by sentence: "the
 * 31st" twice, once with its time, and nothing else. */
static void test_seed(void **state) {
  (void)state;
  size_t len = 0;
  char *s = read_seed(&len);
  if (!s) {
    skip();
    return;
  }
  doc d;
  run(&d, s, len);
  char got[256];
  const char *want[] = {
      "the evening of the 31st=2023-01-31/d ordinal_day",
      "6:00 p.m. on the 31st=2023-01-31/d ordinal_day @18:00"};
  size_t k = 0;
  for (size_t i = 0; i < d.ns; i++) {
    const char *t = s + d.sents[i].start;
    dyad__when w[8];
    size_t n = dyad__dates_find(t, d.sents[i].end - d.sents[i].start,
                                pubd("2023-02-01"), 0, w, 8);
    for (size_t j = 0; j < n; j++, k++) {
      describe(t, &w[j], got, sizeof got);
      if (k >= 2)
        fail_msg("seed sentence %zu: unexpected \"%s\"", i, got);
      assert_string_equal(got, want[k]);
    }
  }
  assert_int_equal(k, 2);
  done(&d);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_calendar),
      cmocka_unit_test(test_ordinal_day),
      cmocka_unit_test(test_weekdays),
      cmocka_unit_test(test_relative_days),
      cmocka_unit_test(test_periods),
      cmocka_unit_test(test_month_days),
      cmocka_unit_test(test_iso),
      cmocka_unit_test(test_months_years),
      cmocka_unit_test(test_ago_in),
      cmocka_unit_test(test_times),
      cmocka_unit_test(test_offsets_and_cap),
      cmocka_unit_test(test_long_input),
      cmocka_unit_test(test_window_positions),
      cmocka_unit_test(test_seed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

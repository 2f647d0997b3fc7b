/* test_serve_params.c -- unit tests of dyad serve's query string reader
 * (src/serve/params.c): splitting and %-decoding, the refusals (bad
 * escapes, NUL, invalid UTF-8, unknown or repeated names, too many or too
 * long values), and the reading into a store filter (quad, real dates,
 * limit and offset ranges, dyad SRC:TGT, sorts, empty values as absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "params.h"

static serve_params p;
static serve_query q;

static int parse(const char *qs) {
  char err[128];
  int rc = serve_params_parse(&p, qs, strlen(qs), err);
  if (rc)
    assert_true(err[0] != '\0'); /* a refusal always says why */
  return rc;
}

static int read_query(const char *qs, long max_limit) {
  char err[128];
  if (parse(qs))
    return -1;
  int rc = serve_query_read(&p, max_limit, &q, err);
  if (rc)
    assert_true(err[0] != '\0');
  return rc;
}

static void test_split_and_decode(void **state) {
  (void)state;
  assert_int_equal(parse("actor=JPN&text=war+crimes&place=New%20Delhi&"
                         "dyad=JPN%3aCHN&&source=%C3%A9"),
                   0);
  assert_int_equal(p.n, 5);
  assert_string_equal(p.name[0], "actor");
  assert_string_equal(p.value[0], "JPN");
  assert_string_equal(p.value[1], "war crimes");
  assert_string_equal(p.value[2], "New Delhi");
  assert_string_equal(p.value[3], "JPN:CHN");
  assert_string_equal(p.value[4], "\xC3\xA9");
  assert_int_equal(parse(""), 0);
  assert_int_equal(p.n, 0);
  assert_int_equal(parse("text"), 0); /* a name without '=' */
  assert_string_equal(p.value[0], "");
}

static void test_refusals(void **state) {
  (void)state;
  static const char *const bad[] = {
      "actor=%zz",       "actor=%2",     "actor=%",        "actor=%00",
      "actor=%ff",       "actor=%C0%AF", "actor=%ED%A0%80", "nope=1",
      "=1",              "actor=a&actor=b", "Actor=JPN",   "actor%00=1",
      NULL};
  for (int i = 0; bad[i]; i++)
    assert_int_equal(parse(bad[i]), -1);
  char qs[SERVE_MAX_VALUE + 16];
  memset(qs, 'A', sizeof qs);
  memcpy(qs, "text=", 5);
  qs[5 + SERVE_MAX_VALUE] = '\0';
  assert_int_equal(parse(qs), 0); /* exactly the cap */
  qs[5 + SERVE_MAX_VALUE] = 'A';
  qs[6 + SERVE_MAX_VALUE] = '\0';
  assert_int_equal(parse(qs), -1);
  /* 17 known names once each are read; 33 pairs are refused (the cap on
   * pairs guards the buffers; here unknown names are refused too). */
  char many[1024] = "";
  static const char *const names[] = {"actor", "source", "target", "code",
                                      "root", "since", "until", "place",
                                      "text", "limit", "offset", "sort",
                                      "by", "kind", "id", "quad", "dyad"};
  size_t o = 0;
  for (int i = 0; i < 17; i++)
    o += (size_t)snprintf(many + o, sizeof many - o, "%s=1&", names[i]);
  assert_int_equal(parse(many), 0);
  for (int i = 0; i < 16; i++)
    o += (size_t)snprintf(many + o, sizeof many - o, "&x%d=1", i);
  assert_int_equal(parse(many), -1);
}

static void test_query_values(void **state) {
  (void)state;
  assert_int_equal(read_query("actor=JPN&quad=3&since=2024-02-29&until="
                              "2023-03-01&limit=500&offset=20&sort=-code",
                              500),
                   0);
  assert_string_equal(q.f.actor, "JPN");
  assert_int_equal(q.f.quad, 3);
  assert_string_equal(q.f.since, "2024-02-29");
  assert_int_equal(q.limit, 500);
  assert_int_equal(q.offset, 20);
  assert_string_equal(q.sort, "-code");
  assert_int_equal(read_query("dyad=JPN:CHN", 10), 0);
  assert_string_equal(q.f.source, "JPN");
  assert_string_equal(q.f.target, "CHN");
  /* Empty values: not given. */
  assert_int_equal(read_query("actor=&quad=&limit=&dyad=", 10), 0);
  assert_null(q.f.actor);
  assert_int_equal(q.f.quad, 0);
  assert_int_equal(q.limit, -1);
  assert_null(q.f.source);
  static const char *const bad[] = {
      "quad=0",           "quad=5",          "quad=12",
      "since=2023-02-29", "since=2023-13-01", "until=2023-1-01",
      "since=20230101",   "limit=0",         "limit=11",
      "limit=-1",         "limit=1e2",       "limit= 5",
      "offset=-1",        "offset=100000001", "sort=bogus",
      "sort=--date",      "dyad=JPN",        "dyad=:CHN",
      "dyad=JPN:",        "dyad=A:B:C",      "dyad=JPN:CHN&source=USA",
      NULL};
  for (int i = 0; bad[i]; i++) {
    if (read_query(bad[i], 10) != -1)
      fail_msg("accepted: %s", bad[i]);
  }
}

static void test_dates(void **state) {
  (void)state;
  assert_true(serve_valid_date("2000-02-29"));
  assert_false(serve_valid_date("1900-02-29"));
  assert_true(serve_valid_date("2023-12-31"));
  assert_false(serve_valid_date("2023-04-31"));
  assert_false(serve_valid_date("2023-00-10"));
  assert_false(serve_valid_date("2023-01-00"));
  assert_false(serve_valid_date("2023-01-011"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_split_and_decode),
      cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_query_values),
      cmocka_unit_test(test_dates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

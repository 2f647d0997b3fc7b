/* test_api.c -- unit tests of libdyad's public interface (dyad.h) only.
 *
 * Version and status messages, the CAMEO tables, dictionaries (built-in,
 * a missing file, a file with malformed lines), coding a sentence with its
 * spans checked byte by byte, empty text, invalid UTF-8 and NUL bytes, the
 * JSON Lines and TSV writers, the allocator hooks (every allocation freed;
 * a failing allocator gives DYAD_ERR_NOMEM and leaves *out alone), and
 * NULL arguments.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dyad.h"

/* ===== Helpers ===== */

static int str_eq(dyad_str s, const char *z) {
  return s.len == strlen(z) && memcmp(s.ptr, z, s.len) == 0;
}

static int str_starts(dyad_str s, const char *z) {
  return s.len >= strlen(z) && memcmp(s.ptr, z, strlen(z)) == 0;
}

/* The state shared by the coding tests: the built-in dictionaries and an
 * engine with default options. */
typedef struct fixture {
  dyad_dict *dict;
  dyad_engine *eng;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f)
    return -1;
  char *err = NULL;
  if (dyad_dict_open(&f->dict, NULL, 0, 0, &err) != DYAD_OK) {
    dyad_free(err);
    free(f);
    return -1;
  }
  if (dyad_engine_new(&f->eng, f->dict, NULL) != DYAD_OK) {
    dyad_dict_free(f->dict);
    free(f);
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  dyad_engine_free(f->eng);
  dyad_dict_free(f->dict);
  free(f);
  return 0;
}

static dyad_doc *code_text(const fixture *f, const char *text, size_t len,
                           const char *id, const char *date) {
  dyad_doc_meta meta = {id, date};
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(f->eng, text, len, &meta, &doc), DYAD_OK);
  assert_non_null(doc);
  return doc;
}

/* Asserts that span [start, end) of text holds exactly the view s. */
static void assert_span(const char *text, size_t len, dyad_span sp,
                        dyad_str s) {
  assert_true(sp.start <= sp.end);
  assert_true(sp.end <= len);
  assert_int_equal(sp.end - sp.start, s.len);
  assert_memory_equal(text + sp.start, s.ptr, s.len);
}

/* Checks a writer's output: NUL-terminated, out_len bytes, `lines`
 * newline-terminated lines, each (for JSON) one balanced object with
 * balanced brackets outside strings and no raw control characters. */
static void assert_jsonl(const char *out, size_t len, size_t lines) {
  assert_non_null(out);
  assert_int_equal(strlen(out), len);
  size_t nl = 0;
  const char *p = out;
  while (p < out + len) {
    const char *e = memchr(p, '\n', (size_t)(out + len - p));
    assert_non_null(e);
    assert_true(e > p);
    assert_int_equal(p[0], '{');
    assert_int_equal(e[-1], '}');
    int depth = 0, in_str = 0;
    for (const char *q = p; q < e; q++) {
      unsigned char c = (unsigned char)*q;
      assert_true(c >= 0x20);
      if (in_str) {
        if (c == '\\') {
          q++;
          assert_true(q < e);
        } else if (c == '"') {
          in_str = 0;
        }
        continue;
      }
      if (c == '"')
        in_str = 1;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        depth--;
      assert_true(depth >= 0);
      /* The object closes only at the end of the line. */
      if (depth == 0)
        assert_ptr_equal(q, e - 1);
    }
    assert_false(in_str);
    assert_int_equal(depth, 0);
    nl++;
    p = e + 1;
  }
  assert_int_equal(nl, lines);
}

/* ===== Version, status, CAMEO tables ===== */

static void test_version(void **state) {
  (void)state;
  assert_non_null(dyad_version());
  assert_string_equal(dyad_version(), DYAD_VERSION_STRING);
  assert_true(DYAD_VERSION_NUMBER > 0);
}

static void test_strerror(void **state) {
  (void)state;
  static const dyad_status all[] = {
      DYAD_OK,       DYAD_ERR_NOMEM, DYAD_ERR_TOO_LARGE, DYAD_ERR_IO,
      DYAD_ERR_PARSE, DYAD_ERR_ARG,  DYAD_ERR_DICT,      DYAD_ERR_MODEL};
  size_t n = sizeof all / sizeof all[0];
  for (size_t i = 0; i < n; i++) {
    const char *m = dyad_strerror(all[i]);
    assert_non_null(m);
    assert_true(strlen(m) > 0);
    for (size_t j = 0; j < i; j++)
      assert_string_not_equal(m, dyad_strerror(all[j]));
  }
  assert_string_equal(dyad_strerror(DYAD_OK), "ok");
  assert_string_equal(dyad_strerror(DYAD_ERR_NOMEM), "out of memory");
  assert_int_equal((int)DYAD_ERR_MODEL, 7); /* never renumbered */
  /* Out of range: still a message, never NULL. */
  assert_non_null(dyad_strerror((dyad_status)99));
  assert_non_null(dyad_strerror((dyad_status)-1));
}

static void test_cameo_tables(void **state) {
  (void)state;
  assert_int_equal(dyad_quad_class("111"), 3);
  assert_int_equal(dyad_quad_class("042"), 1);
  assert_int_equal(dyad_quad_class("190"), 4);
  assert_int_equal(dyad_quad_class("057"), 1);
  assert_int_equal(dyad_quad_class("071"), 2);
  assert_int_equal(dyad_quad_class("999"), 0);
  assert_int_equal(dyad_quad_class(""), 0);
  assert_true(fabs(dyad_goldstein("111") - -2.0) < 1e-9);
  assert_true(fabs(dyad_goldstein("042") - 1.9) < 1e-9);
  assert_true(fabs(dyad_goldstein("190") - -10.0) < 1e-9);
  assert_true(isnan(dyad_goldstein("999")));
  assert_true(isnan(dyad_goldstein("")));
  assert_string_equal(dyad_cameo_name("111"), "Criticize or denounce");
  assert_string_equal(dyad_cameo_name("042"), "Make a visit");
  assert_string_equal(dyad_cameo_name("190"),
                      "Use conventional military force");
  assert_null(dyad_cameo_name("999"));
  assert_null(dyad_cameo_name("1"));
}

/* ===== Dictionaries ===== */

static void test_dict_builtin(void **state) {
  (void)state;
  dyad_dict *d = NULL;
  char *err = NULL;
  assert_int_equal(dyad_dict_open(&d, NULL, 0, 0, &err), DYAD_OK);
  assert_non_null(d);
  assert_null(err);
  dyad_dict_stats st;
  memset(&st, 0, sizeof st);
  dyad_dict_get_stats(d, &st);
  assert_true(st.countries > 150);
  assert_true(st.actors > 0);
  assert_true(st.roles > 0);
  assert_true(st.people > 0);
  assert_true(st.person_terms >= st.people);
  assert_true(st.verb_patterns > 100);
  assert_true(st.phrases > 0);
  for (size_t i = 0; i < dyad_dict_issue_count(d); i++) {
    const dyad_dict_issue *is = dyad_dict_issue_at(d, i);
    assert_non_null(is);
    assert_non_null(is->file);
    assert_non_null(is->message);
    assert_true(is->line > 0);
  }
  assert_null(dyad_dict_issue_at(d, dyad_dict_issue_count(d)));
  dyad_dict_free(d);

  /* Without the built-in dictionaries and no files: empty but valid. */
  d = NULL;
  assert_int_equal(dyad_dict_open(&d, NULL, 0, DYAD_DICT_NO_BUILTIN, NULL),
                   DYAD_OK);
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.countries, 0);
  assert_int_equal(st.verb_patterns, 0);
  dyad_dict_free(d);
}

static void test_dict_bad_path(void **state) {
  (void)state;
  dyad_dict *sentinel = (dyad_dict *)(uintptr_t)0x1234;
  dyad_dict *d = sentinel;
  char *err = NULL;
  const char *paths[] = {"/nonexistent/dyad-test/actors.txt"};
  dyad_status st = dyad_dict_open(&d, paths, 1, 0, &err);
  assert_int_not_equal(st, DYAD_OK);
  assert_ptr_equal(d, sentinel); /* *out untouched */
  assert_non_null(err);
  assert_non_null(strstr(err, "/nonexistent/dyad-test/actors.txt"));
  dyad_free(err);

  /* err may be NULL. */
  d = sentinel;
  assert_int_not_equal(dyad_dict_open(&d, paths, 1, 0, NULL), DYAD_OK);
  assert_ptr_equal(d, sentinel);

  /* A directory is not a dictionary file. */
  const char *dir[] = {"/"};
  err = NULL;
  assert_int_not_equal(dyad_dict_open(&d, dir, 1, 0, &err), DYAD_OK);
  assert_ptr_equal(d, sentinel);
  dyad_free(err);

  /* Bad arguments. */
  assert_int_equal(dyad_dict_open(NULL, NULL, 0, 0, NULL), DYAD_ERR_ARG);
  assert_int_equal(dyad_dict_open(&d, NULL, 1, 0, NULL), DYAD_ERR_ARG);
  assert_ptr_equal(d, sentinel);
}

/* Writes text to DIR/name; returns the path (static buffer). */
static const char *write_tmp(char *dir, const char *name, const char *text) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

static void test_dict_malformed_lines(void **state) {
  fixture *fx = *state;
  (void)fx;
  char dir[] = "/tmp/dyad-test-api.XXXXXX";
  assert_non_null(mkdtemp(dir));
  const char *p = write_tmp(dir, "actors.txt",
                            "# test actors\n"
                            "ZZZGRP | Zork Group; the Zork Group\n"
                            "lowercase | not a code\n"        /* line 3 */
                            "\n"
                            "QQQORG\n"                        /* line 5 */
                            "QQQFRN | Frobnitz League  # comment\n");
  char path[512];
  snprintf(path, sizeof path, "%s", p);
  const char *paths[] = {path};

  dyad_dict *d = NULL;
  char *err = NULL;
  assert_int_equal(
      dyad_dict_open(&d, paths, 1, DYAD_DICT_NO_BUILTIN, &err), DYAD_OK);
  assert_null(err);
  assert_int_equal(dyad_dict_issue_count(d), 2);
  const dyad_dict_issue *a = dyad_dict_issue_at(d, 0);
  const dyad_dict_issue *b = dyad_dict_issue_at(d, 1);
  assert_string_equal(a->file, path);
  assert_string_equal(b->file, path);
  assert_int_equal(a->line, 3);
  assert_int_equal(b->line, 5);
  assert_true(strlen(a->message) > 0);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  assert_int_equal(st.actors, 2); /* the good lines loaded */
  dyad_dict_free(d);

  /* With the built-in dictionaries: the file's actors code. */
  d = NULL;
  assert_int_equal(dyad_dict_open(&d, paths, 1, 0, NULL), DYAD_OK);
  dyad_engine *e = NULL;
  assert_int_equal(dyad_engine_new(&e, d, NULL), DYAD_OK);
  const char *text = "The Zork Group attacked Ukraine on Tuesday.";
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(e, text, strlen(text), NULL, &doc), DYAD_OK);
  int found = 0;
  for (size_t i = 0; i < dyad_doc_event_count(doc); i++) {
    const dyad_event *ev = dyad_doc_event(doc, i);
    if (str_eq(ev->source.code, "ZZZGRP") && str_eq(ev->target.code, "UKR"))
      found = 1;
  }
  assert_true(found);
  dyad_doc_free(doc);
  dyad_engine_free(e);
  dyad_dict_free(d);

  unlink(path);
  rmdir(dir);
}

/* ===== Coding ===== */

static void test_code_attack(void **state) {
  fixture *f = *state;
  const char *text = "Russian forces attacked Ukraine on Tuesday.";
  size_t len = strlen(text);
  dyad_doc *doc = code_text(f, text, len, "doc-1", "2023-02-01");
  assert_true(str_eq(dyad_doc_id(doc), "doc-1"));
  assert_true(str_eq(dyad_doc_date(doc), "2023-02-01"));
  assert_int_equal(dyad_doc_sentence_count(doc), 1);
  dyad_span ss = dyad_doc_sentence_span(doc, 0);
  assert_int_equal(ss.start, 0);
  assert_true(ss.end == len || ss.end == len - 1);
  assert_int_equal(dyad_doc_invalid_bytes(doc), 0);
  assert_true(dyad_doc_event_count(doc) >= 1);

  const dyad_event *hit = NULL;
  for (size_t i = 0; i < dyad_doc_event_count(doc); i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    if ((!strcmp(e->root, "18") || !strcmp(e->root, "19")) &&
        str_starts(e->source.code, "RUS") && str_eq(e->target.code, "UKR"))
      hit = e;
  }
  assert_non_null(hit);
  /* The event's own fields agree with each other and the tables. */
  assert_int_equal(strlen(hit->code), 3);
  assert_memory_equal(hit->code, hit->root, 2);
  assert_int_equal(hit->quad_class, dyad_quad_class(hit->code));
  assert_true(fabs(hit->goldstein - dyad_goldstein(hit->code)) < 1e-9);
  assert_int_equal(hit->quad_class, 4);
  assert_int_equal(hit->sentence, 0);
  assert_false(hit->negated);
  /* "on Tuesday", published on Wednesday 1 February 2023. */
  assert_true(str_eq(hit->date, "2023-01-31"));
  assert_true(str_eq(hit->date_precision, "day"));
  assert_true(str_eq(hit->date_from, "sentence"));
  assert_true(str_eq(hit->date_text, "Tuesday"));
  assert_int_equal(hit->num_mentions, 1);
  assert_int_equal(hit->mentions[0].sentence, 0);
  assert_true(hit->confidence > 0 && hit->confidence <= 1);
  assert_true(str_eq(hit->source.country, "RUS"));
  assert_true(str_eq(hit->target.country, "UKR"));

  /* Spans point at the right bytes. */
  assert_span(text, len, hit->source.span, hit->source.text);
  assert_span(text, len, hit->target.span, hit->target.text);
  assert_span(text, len, hit->verb_span, hit->verb_text);
  assert_span(text, len, hit->sentence_span, hit->text);
  assert_true(str_eq(hit->source.text, "Russian forces"));
  assert_int_equal(hit->source.span.start, 0);
  assert_int_equal(hit->source.span.end, 14);
  assert_true(str_eq(hit->target.text, "Ukraine"));
  assert_int_equal(hit->target.span.start, 24);
  assert_int_equal(hit->target.span.end, 31);
  assert_true(str_eq(hit->verb_text, "attacked"));
  assert_int_equal(hit->verb_span.start, 15);
  assert_true(str_eq(hit->verb_lemma, "attack"));

  /* Out-of-range index. */
  assert_null(dyad_doc_event(doc, dyad_doc_event_count(doc)));
  dyad_doc_free(doc);
}

static void test_code_empty(void **state) {
  fixture *f = *state;
  dyad_doc *doc = code_text(f, "", 0, NULL, NULL);
  assert_int_equal(dyad_doc_event_count(doc), 0);
  assert_int_equal(dyad_doc_sentence_count(doc), 0);
  assert_int_equal(dyad_doc_invalid_bytes(doc), 0);
  assert_int_equal(dyad_doc_id(doc).len, 0);
  assert_int_equal(dyad_doc_date(doc).len, 0);
  assert_int_equal(dyad_doc_trace(doc).len, 0);
  char *out = NULL;
  size_t n = 99;
  assert_int_equal(dyad_doc_to_jsonl(doc, &out, &n), DYAD_OK);
  assert_non_null(out);
  assert_int_equal(n, 0);
  assert_string_equal(out, "");
  dyad_free(out);
  dyad_doc_free(doc);

  /* NULL text with length 0 is the empty document; with a length, an
   * argument error. */
  doc = NULL;
  assert_int_equal(dyad_code(f->eng, NULL, 0, NULL, &doc), DYAD_OK);
  assert_int_equal(dyad_doc_event_count(doc), 0);
  dyad_doc_free(doc);
  doc = NULL;
  assert_int_equal(dyad_code(f->eng, NULL, 5, NULL, &doc), DYAD_ERR_ARG);
  assert_null(doc);
  assert_int_equal(dyad_code(NULL, "x", 1, NULL, &doc), DYAD_ERR_ARG);
  assert_int_equal(dyad_code(f->eng, "x", 1, NULL, NULL), DYAD_ERR_ARG);

  /* Blanks only. */
  doc = code_text(f, " \n\t\n ", 5, NULL, NULL);
  assert_int_equal(dyad_doc_event_count(doc), 0);
  dyad_doc_free(doc);
}

static void test_code_invalid_utf8(void **state) {
  fixture *f = *state;
  const char text[] = "Prices \xff\xfe rose \xc0\xaf sharply. Russia "
                      "attacked Ukraine \xe2\x82 today.";
  size_t len = sizeof text - 1;
  dyad_doc *doc = code_text(f, text, len, NULL, NULL);
  assert_true(dyad_doc_invalid_bytes(doc) > 0);
  for (size_t i = 0; i < dyad_doc_event_count(doc); i++) {
    const dyad_event *e = dyad_doc_event(doc, i);
    assert_span(text, len, e->source.span, e->source.text);
    assert_span(text, len, e->sentence_span, e->text);
  }
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    dyad_span s = dyad_doc_sentence_span(doc, i);
    assert_true(s.start <= s.end && s.end <= len);
  }
  char *out = NULL;
  size_t n = 0;
  assert_int_equal(dyad_doc_to_jsonl(doc, &out, &n), DYAD_OK);
  assert_jsonl(out, n, dyad_doc_event_count(doc));
  dyad_free(out);
  dyad_doc_free(doc);

  /* NUL bytes are replaced and counted, never fatal. */
  const char nul[] = "Russia\0 attacked\0 Ukraine.";
  doc = code_text(f, nul, sizeof nul - 1, NULL, NULL);
  assert_int_equal(dyad_doc_invalid_bytes(doc), 2);
  dyad_doc_free(doc);

  /* Every byte value, twice over. */
  char all[512];
  for (size_t i = 0; i < sizeof all; i++)
    all[i] = (char)(i & 0xff);
  doc = code_text(f, all, sizeof all, NULL, NULL);
  assert_true(dyad_doc_invalid_bytes(doc) > 0);
  dyad_doc_free(doc);
}

static void test_max_doc_bytes(void **state) {
  fixture *f = *state;
  dyad_options o = {0, 16};
  dyad_engine *e = NULL;
  assert_int_equal(dyad_engine_new(&e, f->dict, &o), DYAD_OK);
  dyad_doc *sentinel = (dyad_doc *)(uintptr_t)0x5678, *doc = sentinel;
  const char *text = "Russia attacked Ukraine on Tuesday.";
  assert_int_equal(dyad_code(e, text, strlen(text), NULL, &doc),
                   DYAD_ERR_TOO_LARGE);
  assert_ptr_equal(doc, sentinel);
  doc = NULL;
  assert_int_equal(dyad_code(e, text, 16, NULL, &doc), DYAD_OK);
  dyad_doc_free(doc);
  dyad_engine_free(e);
}

static void test_writers(void **state) {
  fixture *f = *state;
  const char *text = "Russia attacked Ukraine. China condemned Japan.\n"
                     "Japan said \"we \t\\ condemn\" the tests.";
  dyad_doc *doc = code_text(f, text, strlen(text), "id \"q\"\t1", NULL);
  size_t ne = dyad_doc_event_count(doc);
  assert_true(ne >= 2);

  char *out = NULL;
  size_t n = 0;
  assert_int_equal(dyad_doc_to_jsonl(doc, &out, &n), DYAD_OK);
  assert_jsonl(out, n, ne);
  assert_non_null(strstr(out, "\"doc_id\":\"id \\\"q\\\"\\t1\""));
  assert_non_null(strstr(out, "\"code\":\"190\""));
  assert_non_null(strstr(out, "\"source\":{\"text\":\"Russia\""));
  dyad_free(out);

  out = NULL;
  assert_int_equal(dyad_doc_to_tsv(doc, &out, &n), DYAD_OK);
  assert_int_equal(strlen(out), n);
  size_t lines = 0;
  for (const char *p = out; *p; p++)
    if (*p == '\n')
      lines++;
  assert_int_equal(lines, ne);
  /* Every line has the header's 14 columns. */
  const char *h = dyad_tsv_header();
  size_t hcols = 1;
  for (const char *p = h; *p; p++)
    hcols += *p == '\t';
  assert_int_equal(hcols, 14);
  assert_int_equal(h[strlen(h) - 1], '\n');
  const char *line = out;
  for (size_t i = 0; i < ne; i++) {
    const char *e = strchr(line, '\n');
    assert_non_null(e);
    size_t cols = 1;
    for (const char *p = line; p < e; p++)
      cols += *p == '\t';
    assert_int_equal(cols, 14);
    line = e + 1;
  }
  dyad_free(out);

  assert_int_equal(dyad_doc_to_jsonl(NULL, &out, &n), DYAD_ERR_ARG);
  assert_int_equal(dyad_doc_to_jsonl(doc, NULL, &n), DYAD_ERR_ARG);
  assert_int_equal(dyad_doc_to_tsv(doc, &out, NULL), DYAD_ERR_ARG);
  dyad_doc_free(doc);
}

static void test_trace(void **state) {
  fixture *f = *state;
  dyad_options o = {DYAD_OPT_TRACE, 0};
  dyad_engine *e = NULL;
  assert_int_equal(dyad_engine_new(&e, f->dict, &o), DYAD_OK);
  const char *text = "Russia attacked Ukraine.";
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(e, text, strlen(text), NULL, &doc), DYAD_OK);
  assert_true(dyad_doc_trace(doc).len > 0);
  dyad_doc_free(doc);
  dyad_engine_free(e);
}

static void test_null_frees(void **state) {
  (void)state;
  dyad_doc_free(NULL);
  dyad_engine_free(NULL);
  dyad_dict_free(NULL);
  dyad_free(NULL);
  assert_int_equal(dyad_doc_event_count(NULL), 0);
  assert_int_equal(dyad_dict_issue_count(NULL), 0);
  dyad_engine *e = (dyad_engine *)(uintptr_t)0x9abc;
  assert_int_not_equal(dyad_engine_new(NULL, NULL, NULL), DYAD_OK);
  assert_int_not_equal(dyad_engine_new(&e, NULL, NULL), DYAD_OK);
  assert_ptr_equal(e, (dyad_engine *)(uintptr_t)0x9abc);
}

/* ===== Allocator hooks ===== */

static long live;       /* allocations not yet freed */
static long fail_after; /* fail the allocation after this many; -1 never */

static void *count_malloc(size_t n) {
  if (fail_after == 0)
    return NULL;
  if (fail_after > 0)
    fail_after--;
  void *p = malloc(n);
  if (p)
    live++;
  return p;
}
static void *count_realloc(void *p, size_t n) {
  if (fail_after == 0)
    return NULL;
  if (fail_after > 0)
    fail_after--;
  void *q = realloc(p, n);
  if (q && !p)
    live++;
  return q;
}
static void count_free(void *p) {
  if (p)
    live--;
  free(p);
}

static void test_allocator(void **state) {
  (void)state;
  live = 0;
  fail_after = -1;
  dyad_set_allocator(count_malloc, count_realloc, count_free);
  dyad_dict *d = NULL;
  dyad_engine *e = NULL;
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_dict_open(&d, NULL, 0, 0, NULL), DYAD_OK);
  assert_int_equal(dyad_engine_new(&e, d, NULL), DYAD_OK);
  const char *text = "Russia attacked Ukraine on Tuesday.";
  assert_int_equal(dyad_code(e, text, strlen(text), NULL, &doc), DYAD_OK);
  char *out = NULL;
  size_t n;
  assert_int_equal(dyad_doc_to_jsonl(doc, &out, &n), DYAD_OK);
  dyad_free(out);
  dyad_doc_free(doc);
  assert_true(live > 0);
  dyad_engine_free(e);
  dyad_dict_free(d);
  assert_int_equal(live, 0);

  /* Failing allocations: DYAD_ERR_NOMEM, *out untouched, nothing leaked. */
  for (long k = 0; k < 40; k += 3) {
    live = 0;
    fail_after = k;
    dyad_dict *sentinel = (dyad_dict *)(uintptr_t)0x1357;
    d = sentinel;
    dyad_status st = dyad_dict_open(&d, NULL, 0, 0, NULL);
    if (st == DYAD_OK) {
      dyad_dict_free(d);
    } else {
      assert_int_equal(st, DYAD_ERR_NOMEM);
      assert_ptr_equal(d, sentinel);
    }
    assert_int_equal(live, 0);
  }
  fail_after = -1;
  dyad_set_allocator(NULL, NULL, NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_strerror),
      cmocka_unit_test(test_cameo_tables),
      cmocka_unit_test(test_dict_builtin),
      cmocka_unit_test(test_dict_bad_path),
      cmocka_unit_test(test_dict_malformed_lines),
      cmocka_unit_test(test_code_attack),
      cmocka_unit_test(test_code_empty),
      cmocka_unit_test(test_code_invalid_utf8),
      cmocka_unit_test(test_max_doc_bytes),
      cmocka_unit_test(test_writers),
      cmocka_unit_test(test_trace),
      cmocka_unit_test(test_null_frees),
      cmocka_unit_test(test_allocator),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

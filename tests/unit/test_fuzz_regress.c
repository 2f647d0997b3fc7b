/* test_fuzz_regress.c -- regression tests of what the fuzz targets
 * (fuzz/) found, each through the interface where it was found, and the
 * bare cause where it lies in an internal helper.  The crashing inputs
 * themselves are in fuzz/corpus/<target>/crash-*, replayed by
 * `make fuzz-replay` and, under clang's sanitizers, by every `make fuzz`
 * run (libFuzzer runs its seed corpus first); fuzz/LOG.md lists the
 * findings.  Some faults are undefined behaviour only a sanitizer sees:
 * NULL + 0 is flagged by clang's UBSan, not by gcc's (`make asan`). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dyad.h"
#include "../../src/util/buf.h"

/* fuzz_code: a quote whose speaker is a pronoun not resolved to an actor
 * has no code (an empty dyad_str, NULL pointer); writing it as JSON did
 * NULL + 0 in dyad__buf_json (UBSan: applying zero offset to null
 * pointer). */
static void test_quote_speaker_without_name(void **state) {
  (void)state;
  dyad_dict *dict = NULL;
  dyad_engine *eng = NULL;
  assert_int_equal(dyad_dict_open(&dict, NULL, 0, 0, NULL), DYAD_OK);
  assert_int_equal(dyad_engine_new(&eng, dict, NULL), DYAD_OK);
  static const char text[] =
      "ussian forces attacked Ukraine on Tuesday. \"We will respond,\" he "
      "said.";
  dyad_doc_meta meta = {"x", NULL};
  dyad_doc *doc = NULL;
  assert_int_equal(dyad_code(eng, text, sizeof text - 1, &meta, &doc),
                   DYAD_OK);
  assert_int_equal(dyad_doc_quote_count(doc), 1);
  char *out = NULL;
  size_t len = 0;
  assert_int_equal(dyad_doc_quotes_to_jsonl(doc, &out, &len), DYAD_OK);
  assert_int_equal(strlen(out), len);
  assert_non_null(strstr(out, "\"text\":\"We will respond,\""));
  assert_non_null(strstr(out, "\"speaker\":{\"text\":\"he\""));
  assert_non_null(strstr(out, "\"code\":\"\""));
  dyad_free(out);
  dyad_doc_free(doc);
  dyad_engine_free(eng);
  dyad_dict_free(dict);
}

/* The cause: an empty string given as (NULL, 0) to the writers' escapers. */
static void test_buf_empty_null(void **state) {
  (void)state;
  dyad__buf b;
  dyad__buf_init(&b, 0);
  assert_int_equal(dyad__buf_json(&b, NULL, 0), 0);
  assert_int_equal(dyad__buf_text(&b, NULL, 0), 0);
  assert_int_equal(dyad__buf_json(&b, "a\tb", 3), 0);
  assert_int_equal(dyad__buf_text(&b, "c\td", 3), 0);
  assert_int_equal(b.len, 7);
  assert_string_equal(b.p, "a\\tbc d");
  dyad__buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_quote_speaker_without_name),
      cmocka_unit_test(test_buf_empty_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

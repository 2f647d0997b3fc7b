/* test_input_html.c -- unit tests of the HTML page reader (cli/input_html.c)
 * on the pages of tests/html/ and on pages written here.
 *
 * Checked: title (og:title before <title>), publication date and the tag
 * that gave it (JSON-LD before <meta name="date">, article:published_time
 * before og:published_time, microdata, <time pubdate>), URL (og:url,
 * canonical) and site name; the main text is the article's paragraphs,
 * separated by blank lines, entities decoded and blanks collapsed, without
 * navigation, header, footer, asides, ads, scripts, styles, forms, figures
 * and comments; a page without <article> is read by the paragraph-score
 * heuristic, a windows-1252 page is decoded, tag soup is repaired; binary
 * data, a page with no text and an over-long text are errors; the sniffer
 * tells HTML from PETRARCH XML.  Run from the top of the repository. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../cli/input_html.h"

/* Reads tests/html/NAME and runs the reader on it; asserts success. */
static void read_page(const char *name, input_html *h) {
  char path[256];
  snprintf(path, sizeof path, "tests/html/%s", name);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static char page[1 << 20];
  size_t n = fread(page, 1, sizeof page, f);
  fclose(f);
  assert_int_equal(input_html_read(page, n, 0, h), INPUT_HTML_OK);
  assert_non_null(h->text);
  assert_int_equal(strlen(h->text), h->text_len);
}

static int has(const char *hay, const char *needle) {
  return strstr(hay, needle) != NULL;
}

static void test_wire(void **state) {
  (void)state;
  input_html h;
  read_page("wire.html", &h);
  assert_string_equal(h.title, "Japan\u2019s leader meets NATO chief in Tokyo");
  assert_string_equal(h.date, "2023-01-31");
  assert_string_equal(h.date_from, "JSON-LD datePublished");
  assert_string_equal(h.url,
                      "https://news.example.com/world/2023/01/31/japan-nato");
  assert_string_equal(h.source, "Example Wire");
  assert_string_equal(
      h.text, "TOKYO \u2014 Japan\u2019s prime minister met NATO\u2019s "
              "secretary general in Tokyo on Tuesday.\n\n"
              "India & Pakistan signed an agreement.\n\n"
              "Brazil expelled Argentina\u2019s ambassador.");
  input_html_free(&h);
  assert_null(h.text);
}

static void test_no_article_tag(void **state) {
  (void)state;
  input_html h;
  read_page("nodiv.html", &h);
  assert_string_equal(h.title, "Ministers meet");
  assert_string_equal(h.date, "2022-03-15");
  assert_string_equal(h.date_from, "meta name");
  assert_string_equal(h.url, "https://daily.example.org/2022/03/15/ministers");
  assert_null(h.source);
  /* Both blocks of paragraphs, nothing of the menu, related links or
   * footer. */
  assert_true(has(h.text, "Russia attacked Ukraine, officials said"));
  assert_true(has(h.text, "over trade."));
  assert_true(has(h.text, "Argentina\u2019s ambassador"));
  assert_false(has(h.text, "China"));
  assert_false(has(h.text, "Iran"));
  assert_false(has(h.text, "France"));
  assert_int_equal(h.text[h.text_len - 1], '.');
  input_html_free(&h);
}

static void test_windows_1252(void **state) {
  (void)state;
  input_html h;
  read_page("cp1252.html", &h);
  assert_string_equal(h.title, "Caf\u00e9 talks");
  assert_string_equal(h.date, "2021-06-01");
  assert_string_equal(h.date_from, "meta article:published_time");
  assert_string_equal(h.text,
                      "\u201cWe will not accept this,\u201d Brazil\u2019s "
                      "foreign minister said in the caf\u00e9.\n\n"
                      "Brazil expelled Argentina\u2019s ambassador.");
  input_html_free(&h);
}

static void test_tag_soup(void **state) {
  (void)state;
  input_html h;
  read_page("malformed.html", &h);
  assert_string_equal(h.title, "Tag soup");
  assert_string_equal(h.date, "2020-02-29");
  assert_string_equal(h.date_from, "<time pubdate>");
  assert_true(has(h.text, "Russia attacked Ukraine on Monday.\n\nIndia & "
                          "Pakistan signed an agreement.\n\nBrazil"));
  assert_true(has(h.text, "stray <tag>"));
  assert_false(has(h.text, "Iran"));
  input_html_free(&h);
}

static void test_microdata_and_br(void **state) {
  (void)state;
  input_html h;
  read_page("microdata.html", &h);
  assert_string_equal(h.date, "2020-02-02");
  assert_string_equal(h.date_from, "itemprop datePublished");
  /* itemprop="articleBody"; <br><br> is a paragraph break, <br> a line
   * break. */
  assert_string_equal(h.text,
                      "Turkey praised Greece.\n\nJapan\u2019s prime minister "
                      "met NATO\u2019s secretary general in Tokyo on "
                      "Tuesday.\nHe said the talks went well.");
  input_html_free(&h);
}

static void test_no_metadata(void **state) {
  (void)state;
  input_html h;
  read_page("nodate.html", &h);
  assert_null(h.title);
  assert_null(h.date);
  assert_null(h.date_from);
  assert_null(h.url);
  assert_string_equal(h.text, "Russia attacked Ukraine.");
  input_html_free(&h);
}

/* Runs the reader on a string. */
static int read_str(const char *s, size_t max, input_html *h) {
  return input_html_read(s, strlen(s), max, h);
}

static void test_dates(void **state) {
  (void)state;
  input_html h;
  /* Unreadable or impossible dates are passed over for the next source. */
  assert_int_equal(
      read_str("<html><head><meta property='article:published_time' "
               "content='2023-02-30'><meta name='dc.date' "
               "content='2023/02/01'></head><body><p>x</p></body></html>",
               0, &h),
      INPUT_HTML_OK);
  assert_string_equal(h.date, "2023-02-01");
  input_html_free(&h);
  assert_int_equal(
      read_str("<html><head><meta name='Sailthru.Date' content='20240229'>"
               "</head><body><article><time datetime='2001-01-01'>x</time>"
               "<p>y</p></article></body></html>",
               0, &h),
      INPUT_HTML_OK);
  assert_string_equal(h.date, "2024-02-29");
  input_html_free(&h);
  assert_int_equal(read_str("<html><body><article><time datetime='2001-01-01"
                            "T00:00'>x</time><p>y</p></article></body></html>",
                            0, &h),
                   INPUT_HTML_OK);
  assert_string_equal(h.date, "2001-01-01");
  assert_string_equal(h.date_from, "<time> in the article");
  input_html_free(&h);
  /* Dates in words; ambiguous and impossible ones passed over. */
  static const struct {
    const char *value, *want;
  } words[] = {{"Tue, 31 Jan 2023 10:00:00 GMT", "2023-01-31"},
               {"January 31, 2023", "2023-01-31"},
               {"Sept. 9, 2021 at 10:00", "2021-09-09"},
               {"1 MAY 1999", "1999-05-01"},
               {"31 Sept 2023", NULL},
               {"01/02/2023", NULL},
               {"Jan 2023", NULL},
               {"31 Foo 2023", NULL},
               {"2023-01-31junk", "2023-01-31"}};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    char page[256];
    snprintf(page, sizeof page,
             "<html><head><meta name='date' content='%s'></head><body>"
             "<p>x</p></body></html>",
             words[i].value);
    assert_int_equal(read_str(page, 0, &h), INPUT_HTML_OK);
    if (words[i].want)
      assert_string_equal(h.date, words[i].want);
    else
      assert_null(h.date);
    input_html_free(&h);
  }
  /* The site's name after the <title>'s headline is cut off. */
  assert_int_equal(
      read_str("<html><head><title>Talks fail \u2014 Example Wire</title>"
               "<meta property='og:site_name' content='Example Wire'>"
               "</head><body><p>y</p></body></html>",
               0, &h),
      INPUT_HTML_OK);
  assert_string_equal(h.title, "Talks fail");
  assert_string_equal(h.source, "Example Wire");
  input_html_free(&h);
  assert_int_equal(
      read_str("<html><head><title>Example Wire</title>"
               "<meta property='og:site_name' content='Example Wire'>"
               "</head><body><p>y</p></body></html>",
               0, &h),
      INPUT_HTML_OK);
  assert_string_equal(h.title, "Example Wire");
  input_html_free(&h);
  /* No charset declared: UTF-8 when the bytes are, else windows-1252. */
  assert_int_equal(read_str("<p>Caf\xc3\xa9 \xe2\x80\x94 Brazil\xe2\x80\x99s"
                            "</p>",
                            0, &h),
                   INPUT_HTML_OK);
  assert_string_equal(h.text, "Caf\u00e9 \u2014 Brazil\u2019s");
  input_html_free(&h);
  assert_int_equal(read_str("<p>Caf\xe9 \x97 Brazil\x92s</p>", 0, &h),
                   INPUT_HTML_OK);
  assert_string_equal(h.text, "Caf\u00e9 \u2014 Brazil\u2019s");
  input_html_free(&h);
  /* Declared windows-1252 (or ISO-8859-1, read as browsers do): a byte it
   * leaves undefined does not cut the page short. */
  assert_int_equal(
      read_str("<meta http-equiv=Content-Type content='text/html; "
               "charset=ISO-8859-1'><p>a \x90 b\x92s</p><p>end</p>",
               0, &h),
      INPUT_HTML_OK);
  assert_string_equal(h.text, "a \ufffd b\u2019s\n\nend");
  input_html_free(&h);
  /* A broken JSON-LD script is ignored. */
  assert_int_equal(
      read_str("<html><head><script type='application/ld+json'>{\"date"
               "Published\": </script></head><body><p>y</p></body></html>",
               0, &h),
      INPUT_HTML_OK);
  assert_null(h.date);
  assert_string_equal(h.text, "y");
  input_html_free(&h);
}

static void test_errors(void **state) {
  (void)state;
  input_html h;
  char junk[4096];
  unsigned x = 7;
  for (size_t i = 0; i < sizeof junk; i++) {
    x = x * 1103515245u + 12345u;
    junk[i] = (char)(x >> 16);
  }
  assert_int_equal(input_html_read(junk, sizeof junk, 0, &h),
                   INPUT_HTML_BINARY);
  assert_null(h.text);
  input_html_free(&h);
  assert_int_equal(read_str("<html><head><script>var a = 1;</script></head>"
                            "<body><nav>Menu</nav></body></html>",
                            0, &h),
                   INPUT_HTML_NO_TEXT);
  input_html_free(&h);
  assert_int_equal(read_str("", 0, &h), INPUT_HTML_NO_TEXT);
  assert_int_equal(
      read_str("<html><body><p>Russia attacked Ukraine.</p></body></html>",
               10, &h),
      INPUT_HTML_TOO_BIG);
  assert_null(h.text);
  assert_non_null(input_html_strerror(INPUT_HTML_TOO_BIG));
  input_html_free(NULL);
}

/* Deep nesting: libxml2's limit of 256 levels, named. */
static void test_deep(void **state) {
  (void)state;
  size_t depth = 100000;
  char *s = malloc(depth * 11 + 64);
  assert_non_null(s);
  size_t n = 0;
  for (size_t i = 0; i < depth; i++) {
    memcpy(s + n, "<div>", 5);
    n += 5;
  }
  memcpy(s + n, "<p>Russia attacked Ukraine.</p>", 31);
  n += 31;
  for (size_t i = 0; i < depth; i++) {
    memcpy(s + n, "</div>", 6);
    n += 6;
  }
  input_html h;
  /* libxml2 reads no further than 256 levels: no text before that. */
  assert_int_equal(input_html_read(s, n, 0, &h), INPUT_HTML_TOO_DEEP);
  assert_null(h.text);
  input_html_free(&h);
  /* Text before the limit is read, and the cut is noted. */
  const char *head = "<p>Russia attacked Ukraine.</p>    "; /* 7 <div> */
  memcpy(s, head, 35);
  assert_int_equal(input_html_read(s, n, 0, &h), INPUT_HTML_OK);
  assert_string_equal(h.text, "Russia attacked Ukraine.");
  assert_non_null(h.note);
  input_html_free(&h);
  assert_null(h.note);
  free(s);
}

static void test_sniff(void **state) {
  (void)state;
  const char *yes[] = {"<!DOCTYPE html>", "<!doctype HTML PUBLIC \"x\">",
                       "<html>", "  \n<HTML lang=en>",
                       "\xEF\xBB\xBF<html>",
                       "<?xml version=\"1.0\"?>\n<!-- c -->\n<html xmlns=1>",
                       "<head><title>x</title>", "<body>"};
  const char *no[] = {"<Sentences>", "<?xml version=\"1.0\"?><Sentences>",
                      "<Sentence date=\"20200101\">", "<htmlx>",
                      "<!-- never closed <html>", "text <html>", ""};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    assert_true(input_html_sniff(yes[i], strlen(yes[i])));
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    assert_false(input_html_sniff(no[i], strlen(no[i])));
}

int main(void) {
  input_html_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wire),
      cmocka_unit_test(test_no_article_tag),
      cmocka_unit_test(test_windows_1252),
      cmocka_unit_test(test_tag_soup),
      cmocka_unit_test(test_microdata_and_br),
      cmocka_unit_test(test_no_metadata),
      cmocka_unit_test(test_dates),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_deep),
      cmocka_unit_test(test_sniff),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

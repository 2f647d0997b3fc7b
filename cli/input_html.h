/* input_html.h -- HTML news articles as documents (input_html.c): the
 * title, publication date, URL, site name and main text of one page.
 *
 * One call takes the bytes of a whole page and returns what dyad codes:
 *
 *   input_html page;
 *   int rc = input_html_read(bytes, len, max_text, &page);
 *   if (rc != INPUT_HTML_OK)
 *     fprintf(stderr, "%s: %s\n", name, input_html_strerror(rc));
 *   else
 *     code(page.text, page.text_len, page.url ? page.url : name, page.date);
 *   input_html_free(&page);
 *
 * The reader never prints, exits or touches the network (libxml2's HTML
 * parser with HTML_PARSE_NONET, recover mode, errors silenced).  Its rules
 * (which meta tags give the date, how the main text is found) are written
 * atop input_html.c and in man/dyad.1 (INPUT, HTML pages). */
#ifndef DYAD_CLI_INPUT_HTML_H
#define DYAD_CLI_INPUT_HTML_H

#include <stddef.h>

/* What input_html_read returns. */
enum {
  INPUT_HTML_OK = 0,
  INPUT_HTML_BINARY = -1,   /* control bytes: not an HTML page */
  INPUT_HTML_NO_TEXT = -2,  /* parsed, but no article text in it */
  INPUT_HTML_TOO_BIG = -3,  /* page over 2 GiB or text over max_text */
  INPUT_HTML_NOMEM = -4,    /* out of memory */
  INPUT_HTML_UNPARSED = -5, /* libxml2 gave no document at all */
  INPUT_HTML_TOO_DEEP = -6  /* no text before libxml2's nesting limit */
};

/* One page.  Every string is NUL-terminated UTF-8 owned by the struct (free
 * with input_html_free), or NULL when the page does not give it. */
typedef struct input_html {
  char *title;  /* og:title, else <title>, else JSON-LD headline, else <h1>;
                   a trailing " | <site name>" cut off */
  char *date;   /* publication date, YYYY-MM-DD */
  const char *date_from; /* where the date was found, e.g.
                            "meta article:published_time" (static string) */
  char *url;    /* og:url, else <link rel="canonical">, else JSON-LD url */
  char *source; /* og:site_name, else JSON-LD publisher name */
  char *text;   /* the main text: paragraphs separated by a blank line;
                   never NULL on success */
  size_t text_len;
  const char *note; /* a remark on a usable page, to name on stderr
                       (e.g. the rest of a too deeply nested page is not
                       read), or NULL; static string */
} input_html;

/* Reads the page page[0..len) (any charset libxml2 knows; a <meta charset>
 * or http-equiv declaration is honoured; the results are UTF-8).  max_text
 * caps the extracted text in bytes (0: 64 MiB).  Returns INPUT_HTML_OK and
 * fills *out, or an INPUT_HTML_* error with *out zeroed.  Either way
 * input_html_free(out) may be called.  Thread-safe once libxml2 is
 * initialised (input_html_init). */
int input_html_read(const char *page, size_t len, size_t max_text,
                    input_html *out);

/* Frees what *h holds and zeroes it.  NULL is a no-op. */
void input_html_free(input_html *h);

/* A message for an INPUT_HTML_* code ("binary data, not an HTML page"). */
const char *input_html_strerror(int rc);

/* Does the start of a stream (n bytes) look like an HTML page: after an
 * optional byte-order mark, blanks, <?xml ...?> declarations and comments,
 * "<!DOCTYPE html", "<html", "<head" or "<body" (any case)?  PETRARCH XML
 * (<Sentences>, <Sentence>) does not. */
int input_html_sniff(const char *s, size_t n);

/* Initialises libxml2 (xmlInitParser); call once on the main thread before
 * worker threads read pages.  Calling it again is harmless. */
void input_html_init(void);

#endif

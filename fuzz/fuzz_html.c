/* fuzz_html.c -- libFuzzer entry point: arbitrary bytes as an HTML page.
 *
 * Runs the page reader of `dyad code --input html` (cli/input_html.c:
 * libxml2's HTML parser, the metadata and JSON-LD walk, the main-text
 * heuristic) and the HTML sniffer on the input, with a small text cap
 * chosen by the first byte so the over-the-cap path is fuzzed too.  Checks
 * what the reader promises: on success a NUL-terminated text of text_len
 * bytes with no leading or trailing blank line, and a date of the form
 * YYYY-MM-DD; on failure nothing returned.  Any crash, leak or undefined
 * behaviour is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/input_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    input_html_init();
    ready = 1;
  }
  (void)input_html_sniff((const char *)data, size);
  size_t cap = size && (data[0] & 1) ? 64 : 0;
  input_html h;
  int rc = input_html_read((const char *)data, size, cap, &h);
  if (rc == INPUT_HTML_OK) {
    if (!h.text || strlen(h.text) != h.text_len || !h.text_len ||
        h.text[h.text_len - 1] == '\n' || h.text[0] == '\n' ||
        (cap && h.text_len > cap))
      abort();
    if (h.date && (strlen(h.date) != 10 || h.date[4] != '-' ||
                   h.date[7] != '-' || !h.date_from))
      abort();
  } else if (h.text || h.title || h.date || h.url || h.source) {
    abort();
  }
  input_html_free(&h);
  return 0;
}

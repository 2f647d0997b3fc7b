/* fuzz_petrarch.c -- libFuzzer entry point: arbitrary bytes as PETRARCH XML
 * records (cli/input_petrarch.c: libxml2's SAX push parser in recovery
 * mode, <Sentence date id> with <Text>, <EventCoding>, <Skip>, <Parse>).
 *
 * The first byte picks the text cap (bit 0: 64 bytes); the rest is read
 * from memory and every record checked by fuzz_records.h.  libxml2 is
 * initialised once (as `dyad` does at start). */
#include <libxml/parser.h>

#include "fuzz_records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    xmlInitParser();
    ready = 1;
  }
  fuzz_records_run(input_read_petrarch, data, size);
  return 0;
}

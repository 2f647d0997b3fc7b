/* fuzz_tabari.c -- libFuzzer entry point: arbitrary bytes as TABARI text
 * records (cli/input_tabari.c: "YYMMDD ID" header lines, text lines,
 * comment blocks, blank-line separators).
 *
 * The first byte picks the text cap (bit 0: 64 bytes); the rest is read
 * from memory and every record checked by fuzz_records.h. */
#include "fuzz_records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_records_run(input_read_tabari, data, size);
  return 0;
}

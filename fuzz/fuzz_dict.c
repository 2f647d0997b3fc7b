/* fuzz_dict.c -- libFuzzer entry point: arbitrary bytes as a dictionary in
 * one of dyad's own formats (data/README.md).
 *
 * The first byte picks the format (countries, actors, roles, people, verbs,
 * reporting: byte % 6) and, with its high bit, codes a small document with
 * what loaded; the rest is the file.  The work is fuzz_dict_one() of
 * fuzz_dict.h: every line loads or is an issue naming file and line, the
 * dictionary is linted and written back, nothing crashes or leaks. */
#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"countries.txt", "actors.txt",
                                      "roles.txt",     "people.txt",
                                      "verbs.txt",     "reporting.txt"};
  fuzz_dict_one(data, size, names, 6, NULL, 0);
  return 0;
}

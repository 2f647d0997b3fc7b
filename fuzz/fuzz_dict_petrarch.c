/* fuzz_dict_petrarch.c -- libFuzzer entry point: arbitrary bytes as a
 * PETRARCH-2 / Phoenix dictionary (src/dict/compat_petrarch.c and the
 * TABARI-style actors reader it shares).
 *
 * The first byte picks the format (Phoenix actors, agents, discards,
 * CAMEO.2.0 verbs: byte % 4) and, with its high bit, codes a small
 * document with what loaded (bit 0x40: PETRARCH's literal reading); the
 * rest is the file.  The work is fuzz_dict_one() of fuzz_dict.h. */
#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {
      "Phoenix.Countries.actors.txt", "Phoenix.agents.txt",
      "Phoenix.discards.txt", "CAMEO.2.0.txt"};
  fuzz_dict_one(data, size, names, 4, NULL, 0);
  return 0;
}

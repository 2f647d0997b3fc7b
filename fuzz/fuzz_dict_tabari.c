/* fuzz_dict_tabari.c -- libFuzzer entry point: arbitrary bytes as a TABARI
 * dictionary (src/dict/compat_tabari.c, compat.c).
 *
 * The first byte picks the format (.actors, .agents, .verbs, .options,
 * .project: byte % 5) and, with its high bit, codes a small document with
 * what loaded (bit 0x40: TABARI's literal reading); the rest is the file.
 * A .project names other files: the scratch directory holds a small
 * .actors, .agents, .verbs and .options for it to name (relative names
 * resolve there), and a project naming itself is cut off at the nesting
 * limit.  The work is fuzz_dict_one() of fuzz_dict.h. */
#include "fuzz_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"f.actors", "f.agents", "f.verbs",
                                      "f.options", "f.project"};
  static const fuzz_file extra[] = {
      {"a.actors", "UNITED_STATES  [USA]\nALBRIGHT  [USAGOV 991201-010114]\n"
                   "GOLLUM ; pas\n+SMEAGOL_\n\t[HOB < 950601]\n"},
      {"a.agents", "POLICE_ [~COP]\nFOREIGN_MINISTER_  [ ~GOVFRM] ;jap\n"},
      {"a.verbs", "MEET  [040]\n- * WITH +  [043]\nATTACK  [190]\n"},
      {"a.options", "// comment\nLABEL: 010=YIELD\n"},
      {"b.project", "<actorsfile> a.actors\n<verbsfile> a.verbs\n"}};
  fuzz_dict_one(data, size, names, 5, extra, 5);
  return 0;
}

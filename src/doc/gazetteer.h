/* gazetteer.h -- dyad's gazetteer: the places of data/places/places.txt
 * (countries, capitals, cities, regions, features) with their country and
 * coordinates, and a matcher that finds their names among a sentence's
 * tokens.
 *
 * The file is embedded in the library at build time and read once per
 * engine; a finished gazetteer is immutable and may be read by many threads.
 * Names are tokenized exactly as text is, and a name written with a capital
 * letter matches only a capitalised word of the text (the dictionaries'
 * common rule), so "Nice" is never "nice".
 */
#ifndef DYAD_GAZETTEER_H
#define DYAD_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "../text/text.h"
#include "../util/arena.h"
#include "../util/strmap.h"

enum {
  DYAD__PLACE_COUNTRY = 1, /* a country or territory (its centre) */
  DYAD__PLACE_CAPITAL,     /* a national capital */
  DYAD__PLACE_CITY,
  DYAD__PLACE_ADMIN,   /* first-level region: state, province, oblast */
  DYAD__PLACE_REGION,  /* historical, geographic or conflict region */
  DYAD__PLACE_FEATURE  /* strait, sea, island, crossing, mountain range */
};

typedef struct dyad__place {
  const char *name; /* the line's first name, NUL-terminated */
  char code[4];     /* ISO 3166-1 alpha-3 */
  uint8_t kind;     /* DYAD__PLACE_* */
  uint8_t ambiguous; /* marked `# ambiguous`: also a common word or name */
  uint16_t line;    /* line in places.txt (for the explain trace) */
  float lat, lon;
} dyad__place;

typedef struct dyad__gazetteer {
  dyad__arena arena;  /* names, keys, the tables below */
  dyad__place *places;
  size_t n_places;
  /* Names: key "w1 w2 " -> -2 (a prefix: read on), or the index of the
   * first name of that key in names[]; names of one key chain by next. */
  dyad__strmap keys;
  struct dyad__gname {
    int32_t place; /* index in places */
    int32_t next;  /* next name with the same key, -1 */
    uint16_t capmask; /* bit i: word i is written with a capital */
    uint8_t words;
  } *names;
  size_t n_names, cap_names;
  size_t n_bad;      /* lines that could not be read (and were skipped) */
  uint32_t first_bad; /* the first such line, for a message */
} dyad__gazetteer;

/* Reads the embedded places.txt.  Returns 0, or -1 when out of memory.
 * Unreadable lines are skipped and counted (n_bad, first_bad). */
int dyad__gazetteer_load(dyad__gazetteer *g);

/* Reads a gazetteer from len bytes of text in places.txt's format. */
int dyad__gazetteer_load_text(dyad__gazetteer *g, const char *text,
                              size_t len);

void dyad__gazetteer_free(dyad__gazetteer *g);

/* The longest place name starting at token i of toks[0..n): returns the
 * number of tokens it covers (0: none) and sets *name to the index in
 * names[] of its first reading (the default: names[*name].place); further
 * readings of the same name (Tripoli LBY, then LBN) follow by .next. */
size_t dyad__gazetteer_match(const dyad__gazetteer *g, const dyad__token *toks,
                             size_t n, size_t i, int32_t *name);

#endif

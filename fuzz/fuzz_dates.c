/* fuzz_dates.c -- libFuzzer entry point: arbitrary bytes as a sentence for
 * the date resolver (src/doc/dates.c).
 *
 * The first two bytes pick the publication date (any day of 1900-2100)
 * and the reading (past or future); the rest is the text, handed over
 * without a terminating NUL so ASan sees any read past len.  Besides
 * crashes and undefined behaviour, every result must keep the promises of
 * dates.h: in text order, inside the text, a valid date, a known
 * precision, a time of day in range or -1. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/doc/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  unsigned pick = (unsigned)data[0] << 8 | data[1];
  dyad__ymd base = {1900, 1, 1};
  /* 73414 days run from 1900-01-01 to 2100-12-31. */
  dyad__ymd pub =
      dyad__ymd_add_days(base, (long)((pick >> 1) * 73414L / 32768));
  size_t len = size - 2;
  char *text = malloc(len ? len : 1);
  if (!text)
    return 0;
  if (len)
    memcpy(text, data + 2, len);
  dyad__when w[64];
  size_t n = dyad__dates_find(text, len, pub, pick & 1, w, 64);
  uint32_t last = 0;
  for (size_t i = 0; i < n; i++) {
    if (w[i].start < last || w[i].start >= w[i].end || w[i].end > len ||
        !dyad__ymd_valid(w[i].date) || w[i].precision < DYAD__DATE_DAY ||
        w[i].precision > DYAD__DATE_YEAR || !w[i].form || w[i].hour < -1 ||
        w[i].hour > 23 || w[i].minute < -1 || w[i].minute > 59 ||
        (w[i].hour < 0) != (w[i].minute < 0) ||
        (w[i].future != 0 && w[i].future != 1))
      abort();
    last = w[i].end;
  }
  free(text);
  return 0;
}

/* progress.c -- what the progress lines of `dyad ingest` and `dyad recode`
 * share: the clock, durations written as M:SS, and when to redraw (the
 * first line at once, so even a short run on a terminal shows one, then at
 * most twice a second). */
#include <stdio.h>
#include <time.h>

#include "cli.h"

double dyad_cli_seconds(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) +
         (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void dyad_cli_clock_text(char *out, size_t cap, double secs) {
  long t = secs < 0 ? 0 : secs > 359999 ? 359999 : (long)(secs + 0.5);
  if (t >= 3600)
    snprintf(out, cap, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    snprintf(out, cap, "%ld:%02ld", t / 60, t % 60);
}

int dyad_cli_progress_due(dyad_cli_progress *p, int final,
                          struct timespec *now) {
  clock_gettime(CLOCK_MONOTONIC, now);
  if (!final && p->drawn && dyad_cli_seconds(&p->last, now) < 0.5)
    return 0;
  p->drawn = 1;
  p->last = *now;
  return 1;
}

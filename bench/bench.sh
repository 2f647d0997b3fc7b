#!/bin/sh
# bench.sh DYAD SHARED -- `make bench`: throughput, start-up, dictionary
# load, peak memory and instructions per sentence of `dyad code` on real
# news (Reuters-21578 + BBC News from $SHARED/corpora/raw_news/, repeated to
# a million sentences), with dyad's own dictionaries and with PETRARCH-2's
# Phoenix dictionaries; cost at 1x, 4x and 16x the corpus; peak memory
# while a 2 GB JSON Lines stream goes through a pipe; the pathological
# sizes of tests/complexity.py at n and 4n; a summary table.  bench/bench.py
# does the work and documents every figure and knob (BENCH_QUICK=1 for a
# quick run, MIN_SENTENCES, BENCH_RUNS, BENCH_JOBS, CALLGRIND_SENTENCES,
# STREAM_MB, STREAM_SMALL_MB, BENCH_SKIP).
#
# The full run takes long (the 2 GB stream alone is ~20 CPU minutes):
# run it under nice on a shared machine.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 DYAD SHARED" >&2
  exit 2
fi
if [ ! -x "$1" ]; then
  echo "bench: $1 is not an executable" >&2
  exit 2
fi
if ! ls "$2"/corpora/raw_news/reuters21578/reut2-*.sgm > /dev/null 2>&1; then
  echo "bench: no Reuters-21578 SGML files in $2/corpora/raw_news/reuters21578" >&2
  exit 2
fi
exec python3 "$(dirname "$0")/bench.py" "$1" "$2"

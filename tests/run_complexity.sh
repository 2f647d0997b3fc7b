#!/bin/sh
# run_complexity.sh DYAD -- the linear-cost guard of issue 6: a sentence of
# 400,000 tokens, a document of 100,000 quotations, 100,000 actors in one
# sentence and an 8 MB document on one line are each coded at 1x and 8x
# their size (tests/complexity.py makes them); a case fails when the 8x run
# takes more than RATIO_MAX (default 20) times the CPU time of the 1x run --
# linear is 8, quadratic near 64 -- or dyad fails or codes no event.  The
# speeds themselves are the benchmark's business (make bench).
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 DYAD" >&2
  exit 2
fi
DYAD=$1
if [ ! -x "$DYAD" ]; then
  echo "run_complexity: $DYAD is not an executable" >&2
  exit 2
fi
exec python3 "$(dirname "$0")/complexity.py" check "$DYAD"

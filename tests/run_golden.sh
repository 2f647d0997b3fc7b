#!/bin/sh
# run_golden.sh DYAD DIR -- the golden suite (see run_golden.py).
exec python3 "$(dirname "$0")/run_golden.py" "$@"

#!/bin/sh
# run_formats.sh DYAD [DIR] -- golden tests of the field's output formats.
#
# Codes DIR/input.jsonl (default tests/formats) with --format gdelt (and
# --mentions), petrarch and plover, all with --keep-negated so the test
# also sees that GDELT and PETRARCH leave negated events out and PLOVER
# flags them, and diffs each output with DIR/NAME.expected (plain text).
# Also checks that every GDELT row has 61 columns and every mentions row
# 16.  To accept a deliberate change: run with UPDATE=1 and review the diff.
set -u
dyad=${1:?usage: run_formats.sh DYAD [DIR]}
dir=${2:-$(dirname "$0")/formats}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

"$dyad" code --keep-negated --format gdelt --mentions "$tmp/mentions" \
  "$dir/input.jsonl" > "$tmp/gdelt" || fail=1
"$dyad" code --keep-negated --format petrarch "$dir/input.jsonl" \
  > "$tmp/petrarch" || fail=1
"$dyad" code --keep-negated --format plover "$dir/input.jsonl" \
  > "$tmp/plover" || fail=1
[ "$fail" = 0 ] || echo "run_formats: dyad code failed"

bad=$(awk -F'\t' 'NF != 61' "$tmp/gdelt" | wc -l)
[ "$bad" = 0 ] || { echo "run_formats: $bad GDELT rows without 61 columns"; fail=1; }
bad=$(awk -F'\t' 'NF != 16' "$tmp/mentions" | wc -l)
[ "$bad" = 0 ] || { echo "run_formats: $bad mentions rows without 16 columns"; fail=1; }

for f in gdelt mentions petrarch plover; do
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/$f" "$dir/$f.expected"
  elif ! diff -u "$dir/$f.expected" "$tmp/$f"; then
    echo "run_formats: $f differs from $dir/$f.expected"
    fail=1
  fi
done
[ "$fail" = 0 ] && echo "formats: gdelt, mentions, petrarch, plover ok"
exit "$fail"

#!/bin/sh
# run_seed.sh DYAD SHARED -- codes the seed article and scores it against its
# gold events (../shared/seed/gold.tsv); fails when F1 drops below 0.85.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 DYAD SHARED" >&2
  exit 2
fi
DYAD=$1
SHARED=$2
MIN_F1=0.85

SEED=$SHARED/seed/000_435aa08a819ac924.txt
GOLD=$SHARED/seed/gold.tsv
SCORE=$SHARED/tools/score-events
for f in "$SEED" "$GOLD" "$SCORE"; do
  if [ ! -e "$f" ]; then
    echo "run_seed: missing $f" >&2
    exit 1
  fi
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-seed.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

rc=0
"$DYAD" code --date 2023-02-01 "$SEED" > "$TMP/events.jsonl" 2> "$TMP/stderr" || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "run_seed: dyad code exited $rc" >&2
  cat "$TMP/stderr" >&2
  exit 1
fi

rc=0
"$SCORE" "$GOLD" "$TMP/events.jsonl" --verbose > "$TMP/score" 2>&1 || rc=$?
cat "$TMP/score"
# The score line may lack a final newline.
[ -z "$(tail -c 1 "$TMP/score")" ] || echo
if [ "$rc" -ne 0 ]; then
  echo "run_seed: score-events exited $rc" >&2
  exit 1
fi

# Last line: precision P recall R f1 F (tp T fp F fn N)
f1=$(tail -n 1 "$TMP/score" | awk '{ for (i = 1; i < NF; i++) if ($i == "f1") { print $(i + 1); exit } }')
case $f1 in
  '' | *[!0-9.]*)
    echo "run_seed: cannot read f1 from the score line" >&2
    exit 1
    ;;
esac
if awk -v f="$f1" -v m="$MIN_F1" 'BEGIN { exit !(f + 0 >= m + 0) }'; then
  echo "seed: f1 $f1 >= $MIN_F1 ok"
else
  echo "seed: f1 $f1 < $MIN_F1 FAIL" >&2
  exit 1
fi

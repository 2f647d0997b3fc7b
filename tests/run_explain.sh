#!/bin/sh
# run_explain.sh DYAD -- golden tests of `dyad explain`.
#
# For each tests/explain/NAME.in, runs `dyad explain --date 2023-01-01` on
# its text and compares the output with NAME.expected (plain text; the
# dictionary line numbers are masked as :N so that editing a dictionary does
# not break the test).  Then checks, on the --json output, that every
# dictionary file:line cited really holds the phrase or pattern cited.
# UPDATE=1 rewrites the expected files.
set -eu
DYAD=$1
DIR=$(dirname "$0")/explain
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-explain.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0
n=0
for in in "$DIR"/*.in; do
  name=$(basename "$in" .in)
  n=$((n + 1))
  "$DYAD" explain --date 2023-01-01 "$(cat "$in")" |
    sed -E 's/:[0-9]+\)/:N)/g; s/\([0-9]+ patterns tried in all\)/(N patterns tried in all)/' \
      > "$TMP/$name.out"
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$TMP/$name.out" "$DIR/$name.expected"
  elif ! diff -u "$DIR/$name.expected" "$TMP/$name.out"; then
    echo "FAIL explain $name"
    fail=1
  fi
  "$DYAD" explain --json --date 2023-01-01 "$(cat "$in")" > "$TMP/$name.json"
  python3 - "$TMP/$name.json" <<'PY' || { echo "FAIL explain $name: file:line"; fail=1; }
import json, sys
lines = {}
def line_of(path, n):
    if path not in lines:
        lines[path] = open(path, encoding="utf-8").read().split("\n")
    return lines[path][n - 1]
bad = 0
for l in open(sys.argv[1]):
    s = json.loads(l)
    for p in s["phrases"]:
        src = line_of(p["file"], p["line"]).lower()
        if p["text"].lower() not in src:
            print("phrase %r not at %s:%d" % (p["text"], p["file"], p["line"]))
            bad = 1
    for v in s["verbs"]:
        for t in v["tried"]:
            src = line_of(t["file"], t["line"])
            if t["pattern"] not in src or not src.startswith(t["code"]):
                print("pattern %r not at %s:%d" % (t["pattern"], t["file"], t["line"]))
                bad = 1
sys.exit(bad)
PY
done
[ "$fail" -eq 0 ] && echo "explain: $n cases passed"
exit "$fail"

#!/bin/sh
# run_validate.sh DYAD SHARED -- the peers' validation suites with their own
# dictionaries (`dyad validate`); fails when a suite passes fewer records
# than its floor in tests/validate/floors.
set -eu
DYAD=$1
SHARED=$2
DIR=$(dirname "$0")/validate
floor() { awk -v s="$1" '$1 == s { print $2 }' "$DIR/floors"; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-validate.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
rc=0
run() {
  name=$1 suite=$2
  if [ ! -e "$suite" ]; then
    echo "validate $name: $suite not found" >&2
    rc=1
    return
  fi
  if "$DYAD" validate --skip "$DIR/$name.skip" --floor "$(floor "$name")" \
      "$suite" > "$TMP/$name.out" 2> "$TMP/$name.err"; then
    echo "validate $name: $(tail -n 2 "$TMP/$name.out" | tr '\n' ' ') (floor $(floor "$name"))"
  else
    tail -n 2 "$TMP/$name.out"
    cat "$TMP/$name.err" >&2
    echo "FAIL validate $name: below its floor of $(floor "$name")"
    rc=1
  fi
}
run tabari "$SHARED/peers/TABARI-Code/Validate.project"
run petrarch "$SHARED/peers/petrarch2/petrarch2/data/text/PETR.UnitTest.records.xml"
exit $rc

#!/bin/sh
# run_leakcheck.sh BUILD [SHARED] -- valgrind's memcheck over the test
# suite (make leakcheck): zero leaks (definite, indirect, possible) and
# zero errors, or the run fails with valgrind's report.
#
#   1. every unit test (BUILD/tests/test_*) under valgrind, but
#      test_alloc_fail, which counts its own blocks (thousands of failing
#      dictionary and tagger loads, far too slow under valgrind);
#   2. the golden suite and the story suite, each one dyad process over all
#      its cases (run_golden.py and run_story.py with $DYAD_WRAP);
#   3. a tour of the command: every subcommand, input kind and output
#      format, bad input, --jobs 2, the database commands (ingest, recode,
#      query, stats) and the peers' validation suites, each one run checked for its exit code (and its
#      output where one is expected) as well as by valgrind.
# LEAKCHECK_SCRIPTS=1 also runs the CLI test scripts (run_inputs.sh,
# run_input_files.sh, run_html.sh, run_store.sh, run_badinput.sh) with
# every dyad under valgrind: complete, but tens of minutes.
#
# Prints "ok - NAME" / "not ok - NAME" per check; exits 1 when any failed,
# 2 when valgrind is not installed.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BUILD [SHARED]" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$1
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
SHARED=${2:-$ROOT/../shared}
case $SHARED in /*) ;; *) SHARED=$(pwd)/$SHARED ;; esac
if ! command -v valgrind > /dev/null 2>&1; then
  echo "run_leakcheck: needs valgrind (apt-get install valgrind)" >&2
  exit 2
fi

. "$ROOT/tests/lib.sh"
harness_dyad run_leakcheck "$BUILD/dyad"
DYAD_WRAP_RC=99
DYAD_WRAP="valgrind --quiet --leak-check=full \
--show-leak-kinds=definite,indirect,possible \
--errors-for-leak-kinds=definite,indirect,possible \
--error-exitcode=$DYAD_WRAP_RC --num-callers=30"
export DYAD_WRAP DYAD_WRAP_RC
harness_tmp leakcheck
harness_timeout 60
CONTEXT_ERR_SKIP=data/verbs/

# ===== Unit tests =====

for t in "$BUILD"/tests/test_*; do
  name=$(basename "$t")
  [ "$name" = test_alloc_fail ] && continue
  rc=0
  (cd "$ROOT" && $TIMEOUT $DYAD_WRAP "$t") > out 2> err || rc=$?
  expect "unit $name" 0
done

# ===== Golden and story suites: one dyad each =====

rc=0
python3 "$ROOT/tests/run_golden.py" "$DYAD" "$ROOT/tests/golden" > out 2> err || rc=$?
expect "golden suite ($(tail -n 1 out))" 0
rc=0
python3 "$ROOT/tests/run_story.py" "$DYAD" "$ROOT/tests/story" > out 2> err || rc=$?
expect "story suite ($(tail -n 1 out))" 0

# ===== A tour of the command =====

D=2023-02-01
cat > docs.jsonl << 'EOF'
{"id":"a1","date":"2023-03-01","title":"Talks","url":"http://example.org/a1","source":"wire","text":"TOKYO (Wire) - Japan's prime minister met NATO's secretary general on Wednesday. \"We condemn Russia,\" he said."}
{"id":"a2","date":"2023-03-01","text":"Russian forces shelled Kharkiv on Thursday. Ukraine accused Russia of war crimes."}
{"id":"a3","date":"2023-03-01","text":"Ukraine accused Russia of war crimes, officials said."}
EOF
printf '950101 R-95\nRussia attacked Ukraine.\n\n950102 R-96\nChina criticized Japan.\n' > recs.txt
cat > sents.xml << 'EOF'
<Sentences>
<Sentence date="20230201" id="p-1" sentence="true" source="wire">
<Text>Japan condemned Russia.</Text>
</Sentence>
</Sentences>
EOF
mkdir -p corpus/sub
cp "$ROOT/examples/seed.txt" corpus/seed.txt
cp recs.txt corpus/sub/recs.text
gzip -c docs.jsonl > docs.jsonl.gz
zstd -q -c docs.jsonl > docs.jsonl.zst
printf 'Russia attacked Ukraine. \377\376 France condemned Russia.\n' > bad.txt
printf '{"id":"ok","text":"China threatened Taiwan."}\n{"id": broken\n' > bad.jsonl
printf '111 | rebuke +\n0xx | nonsense +\n' > mine.verbs.txt

run code --date $D "$ROOT/examples/seed.txt"
expect "code: the seed article" 0 '[ "$(lines)" -ge 5 ]' valid_out
run code --format tsv --date $D "$ROOT/examples/seed.txt"
expect "code --format tsv" 0 '[ "$(lines)" -ge 5 ]'
run code --format gdelt --mentions mentions.tsv --keep-negated "$ROOT/tests/formats/input.jsonl"
expect "code --format gdelt --mentions" 0 '[ "$(lines)" -ge 1 ]' '[ -s mentions.tsv ]'
run code --format petrarch "$ROOT/tests/formats/input.jsonl"
expect "code --format petrarch" 0 '[ "$(lines)" -ge 1 ]'
run code --format plover --keep-hypothetical --one-actor "$ROOT/tests/formats/input.jsonl"
expect "code --format plover --keep-hypothetical --one-actor" 0 '[ "$(lines)" -ge 1 ]'
run code --dedup day --quotes quotes.jsonl docs.jsonl
expect "code --dedup day --quotes" 0 'doc_has a2' '[ -s quotes.jsonl ]'
run code --dedup none --explain docs.jsonl
expect "code --dedup none --explain" 0 'doc_has a1' 'has_err "chunks:"'
run code --jobs 2 docs.jsonl corpus
expect "code --jobs 2 (threads)" 0 'doc_has a1' 'doc_has R-95'
run code recs.txt
expect "code: TABARI records" 0 'doc_has R-95' 'doc_has R-96'
run code sents.xml
expect "code: PETRARCH XML" 0 'doc_has p-1'
run code "$ROOT/tests/html/wire.html" "$ROOT/tests/html/cp1252.html" "$ROOT/tests/html/malformed.html"
expect "code: HTML pages" 0 '[ "$(lines)" -ge 3 ]'
run code docs.jsonl.gz docs.jsonl.zst
expect "code: .gz and .zst" 0 'doc_has a1'
run_stdin docs.jsonl code -
expect "code: standard input" 0 'doc_has a3'
run code --date $D bad.txt bad.jsonl docs.jsonl
expect "code: invalid UTF-8 and a broken JSON line, named and skipped" 1 \
  'has_err "bad.jsonl:2"' 'doc_has ok' 'doc_has a1'
run code --dict mine.verbs.txt --date $D "$ROOT/examples/seed.txt"
expect "code --dict with an unusable line" 0 'has_err "mine.verbs.txt:2"'
run code --dict nothere.txt docs.jsonl
expect "code --dict missing: exit 3" 3 'has_err "nothere.txt"'
run explain "Russian forces shelled Kharkiv. He said Japan condemned Russia."
expect "explain" 0 '[ "$(lines)" -ge 2 ]'
run explain --json --date $D "Japan's prime minister met NATO's secretary general."
expect "explain --json" 0 'has_out "\"verbs\""'
run dict stats
expect "dict stats" 0 'has_out "verb patterns"'
run dict check --dict mine.verbs.txt
expect "dict check: the unusable line (exit 3)" 3 'has_out "mine.verbs.txt:2"'
run dict convert --no-builtin --dict mine.verbs.txt -o converted
expect "dict convert" 0 '[ -s converted/verbs.txt ]'
V=$SHARED/peers/TABARI-Code/Validate.project
if [ -r "$V" ]; then
  run validate --skip "$ROOT/tests/validate/tabari.skip" "$V"
  expect "validate: TABARI's suite" 0 'has_out "passed"'
fi
V=$SHARED/peers/petrarch2/petrarch2/data/text/PETR.UnitTest.records.xml
if [ -r "$V" ]; then
  run validate --skip "$ROOT/tests/validate/petrarch.skip" "$V"
  expect "validate: PETRARCH's suite" 0 'has_out "passed"'
fi

run ingest --db t.db docs.jsonl corpus
expect "ingest" 0 '[ -s t.db ]'
run ingest --db t.db --jobs 2 docs.jsonl
expect "ingest again, --jobs 2: nothing stored twice" 0
run ingest --db t.db --replace docs.jsonl
expect "ingest --replace" 0
run recode --db t.db --dict mine.verbs.txt
expect "recode with another dictionary" 0
run recode --db t.db --all
expect "recode --all" 0
run query --db t.db --actor RUS --since 2023-01-01 --format csv
expect "query --actor --since --format csv" 0 'has_out "RUS"'
run query --db t.db --text "war crimes" --format jsonl
expect "query --text" 0 'has_out "a2"'
run query --db t.db --count-by month
expect "query --count-by month" 0 'has_out "2023-03"'
run stats --db t.db
expect "stats" 0 '[ "$(lines)" -ge 3 ]'
run query --db nowhere.db
expect "query: a missing database (exit 5)" 5 'has_err "nowhere.db"'

# ===== The CLI test scripts, every dyad under valgrind =====

if [ "${LEAKCHECK_SCRIPTS:-0}" = 1 ]; then
  for s in inputs input_files html store badinput; do
    rc=0
    SHARED=$SHARED "$ROOT/tests/run_$s.sh" "$DYAD" > out 2> err || rc=$?
    expect "run_$s.sh under valgrind ($(tail -n 1 out))" 0
    [ "$rc" -eq 0 ] || grep -A 30 '^not ok' out | head -n 60 | sed 's/^/#   /'
  done
fi

summary leakcheck

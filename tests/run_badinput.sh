#!/bin/sh
# run_badinput.sh DYAD -- bad input for `dyad code`: every check asserts the
# exit code, the message on stderr (file and, where there is one, line) and
# that the good documents given alongside are still coded.
#
# Inputs are generated in a temporary directory; nothing large is kept.
# Prints "ok - NAME" or "not ok - NAME" per check, then a summary; exits 1
# when any check failed.
set -eu

. "$(dirname "$0")/lib.sh"
harness_dyad run_badinput "$@"
harness_tmp badinput

# Seconds the 50 MB line may take (BADINPUT_BIG_SECS); sanitizer builds
# (make asan: build-asan/dyad) run about three times slower.  Any other run
# counts as a hang after 60 s (180 s under ASan).
BIG_SECS=${BADINPUT_BIG_SECS:-30}
case $DYAD in *asan*) BIG_SECS=${BADINPUT_BIG_SECS:-90} ;; esac
harness_timeout 60 180
# A failed check shows stderr without the dictionaries' warnings.
CONTEXT_ERR_SKIP=data/verbs/

# Deterministic pseudo-random bytes: ZX81 LCG (exact in any awk), C locale so
# that %c writes single bytes.
random_bytes() {
  LC_ALL=C awk -v n="$1" -v seed="$2" 'BEGIN {
    x = seed
    for (i = 0; i < n; i++) {
      x = (x * 75 + 74) % 65537
      printf "%c", x % 256
    }
  }'
}

# ===== Good documents =====
printf 'Russia attacked Ukraine.\n' > good1.txt
printf 'China condemned Japan.\n' > good2.txt
# Sanity: the good documents code at all (otherwise every check below lies).
run code good1.txt good2.txt
expect "good documents are coded" 0 '[ "$(lines)" -ge 2 ]' \
  'doc_has good1.txt' 'doc_has good2.txt' 'valid_out'

# ===== Plain text =====

# Invalid UTF-8 on line 3, the event on line 4 of the same file.
printf 'Talks were held in Tokyo on Monday.\n\nPrices rose \377\376 sharply.\nRussia attacked Ukraine.\n' > invalid.txt
run code invalid.txt good2.txt
expect "invalid UTF-8: named file:line, document still coded" 0 \
  'has_err "invalid.txt:3: invalid UTF-8"' \
  'doc_has invalid.txt' 'doc_has good2.txt' 'grep -F "\"doc_id\":\"invalid.txt\"" out | grep -q "\"root\":\"19\""'

# Overlong encoding and a truncated sequence at end of file.
printf 'Russia attacked Ukraine.\nC\300\257 and \342\202' > invalid2.txt
run code invalid2.txt
expect "overlong and truncated UTF-8: named, still coded" 0 \
  'has_err "invalid2.txt:2: invalid UTF-8"' 'doc_has invalid2.txt'

# The output stays valid UTF-8 JSON when an event's own sentence holds
# invalid bytes (the library says they are replaced).
printf 'Russia attacked Ukraine \377 on Tuesday.\n' > invalid3.txt
run code invalid3.txt
expect "invalid UTF-8 inside an event's sentence: output is valid UTF-8 JSON" 0 \
  'has_err "invalid3.txt:1: invalid UTF-8"' 'doc_has invalid3.txt' 'valid_out'

# NUL bytes inside text (few enough that the file is still text).
printf 'Prices\000 rose\000 sharply.\nRussia attacked Ukraine.\n' > nul.txt
run code nul.txt good2.txt
expect "NUL bytes: named file:line, document still coded" 0 \
  'has_err "nul.txt:1: NUL byte"' 'doc_has nul.txt' 'doc_has good2.txt' \
  'valid_out'

# An empty file beside a good one: noted, nothing coded from it, not an error.
: > empty.txt
run code empty.txt good1.txt
expect "empty file: named, good file coded" 0 \
  'has_err "empty.txt: empty file"' '[ "$(lines)" -eq 1 ]' \
  'doc_has good1.txt' '! doc_has empty.txt'

# A file of blanks only.
printf '  \n\n\t\n' > blank.txt
run code blank.txt good1.txt
expect "blank file: no events, good file coded" 0 \
  '[ "$(lines)" -eq 1 ]' 'doc_has good1.txt'

# 4 KiB of pseudo-random bytes (fixed seed).
random_bytes 4096 42 > random.bin
run code good1.txt random.bin good2.txt
expect "binary file: named file:1, skipped, good files coded" 1 \
  'has_err "random.bin:1: binary file"' '[ "$(lines)" -eq 2 ]' \
  'doc_has good1.txt' 'doc_has good2.txt' '! doc_has random.bin'

# A missing file among good ones.
run code good1.txt missing.txt good2.txt
expect "missing file: named, exit 1, good files coded" 1 \
  'has_err "missing.txt: No such file or directory"' '[ "$(lines)" -eq 2 ]' \
  'doc_has good1.txt' 'doc_has good2.txt'

# A directory among good ones is walked (tests/run_input_files.sh); one
# with no input files in it is named, and nothing is skipped.
mkdir adir
run code good1.txt adir good2.txt
expect "empty directory among files: named, good files coded" 0 \
  'has_err "adir: no input files in the directory"' \
  '! has_err "adir: empty file"' '[ "$(lines)" -eq 2 ]' \
  'doc_has good1.txt' 'doc_has good2.txt'

# Standard input, plain text.
rc=0
printf 'Russia attacked Ukraine.' | $TIMEOUT "$DYAD" code > out 2> err || rc=$?
expect "standard input is coded" 0 'doc_has "<stdin>"'

# ===== A 50 MB single line =====
# News-like sentences, no newline.  dyad must either code it or refuse it
# with a message naming the file; no crash, no hang.  Out of memory (exit 4,
# named) is accepted too, since CI machines differ.
{
  yes 'Russian forces attacked Ukraine on Tuesday, and the governor said talks had stalled while prices of grain rose again in the markets of the region.' |
    head -n 400000 | tr '\n' ' ' | head -c 50000000
} > big.txt
# The events (hundreds of MB of JSON) are cut to their doc_id on the fly.
start=$(date +%s)
{
  rc=0
  $TIMEOUT "$DYAD" code big.txt good1.txt 2> err || rc=$?
  echo "$rc" > rc.big
} | cut -c 1-40 > out
rc=$(cat rc.big)
secs=$(($(date +%s) - start))
echo "# 50 MB line: exit $rc, $(lines) events, ${secs} s"
case $rc in
  0) expect "50 MB single line: coded" 0 'doc_has big.txt' 'doc_has good1.txt' \
    '[ "$secs" -le "$BIG_SECS" ]' ;;
  1) expect "50 MB single line: refused with a message" 1 \
    'has_err "big.txt: "' 'grep -F "big.txt: " err | grep -q -i "large\|limit"' \
    'doc_has good1.txt' '[ "$secs" -le "$BIG_SECS" ]' ;;
  *) expect "50 MB single line: no crash (out of memory is named)" 4 \
    'has_err "big.txt: out of memory"' 'doc_has good1.txt' '[ "$secs" -le "$BIG_SECS" ]' ;;
esac

# The same under --max-doc-bytes: refused at once.
start=$(date +%s)
run code --max-doc-bytes 1000000 big.txt good1.txt
secs=$(($(date +%s) - start))
expect "50 MB single line over --max-doc-bytes: refused quickly, named" 1 \
  'has_err "big.txt: document over the size limit"' '[ "$(lines)" -eq 1 ]' \
  'doc_has good1.txt' '[ "$secs" -le 5 ]'
rm -f big.txt

# ===== JSON Lines =====
GOOD_A='{"id":"a","date":"2023-02-01","text":"Russia attacked Ukraine."}'
GOOD_C='{"id":"c","date":"2023-02-01","text":"China condemned Japan."}'

printf '%s\n' "$GOOD_A" '{"id":"b","text": "broken' "$GOOD_C" > malformed.jsonl
run code malformed.jsonl
expect "JSONL malformed line: named file:LINE, good lines coded" 1 \
  'has_err "malformed.jsonl:2: malformed JSON"' 'doc_has a' 'doc_has c' \
  '[ "$(lines)" -eq 2 ]' 'valid_out'

printf '%s\n' "$GOOD_A" '{"id":"b","body":"Russia attacked Ukraine."}' "$GOOD_C" > notext.jsonl
run code notext.jsonl
expect "JSONL line without \"text\": named file:LINE, good lines coded" 1 \
  'has_err "notext.jsonl:2: no \"text\""' 'doc_has a' 'doc_has c' \
  '! doc_has b' '[ "$(lines)" -eq 2 ]'

printf '%s\n' "$GOOD_A" '{"id":"b","text":42}' '[1,2]' "$GOOD_C" > wrongtype.jsonl
run code wrongtype.jsonl
expect "JSONL non-string text and non-object line: named, good lines coded" 1 \
  'has_err "wrongtype.jsonl:2: no \"text\""' \
  'has_err "wrongtype.jsonl:3: malformed JSON"' 'doc_has a' 'doc_has c' \
  '[ "$(lines)" -eq 2 ]'

# Raw invalid UTF-8 is not JSON: the line is skipped and named.
{
  printf '%s\n' "$GOOD_A"
  printf '{"id":"b","text":"Russia \377 attacked Ukraine."}\n'
  printf '%s\n' "$GOOD_C"
} > badutf8.jsonl
run code badutf8.jsonl
expect "JSONL raw invalid UTF-8: named file:LINE, good lines coded" 1 \
  'has_err "badutf8.jsonl:2: malformed JSON"' 'doc_has a' 'doc_has c' \
  '! doc_has b'

# "\u0000" is valid JSON: the NUL is replaced like in plain text, the line coded.
printf '%s\n' "$GOOD_A" '{"id":"b","text":"Russia\u0000 attacked Ukraine."}' "$GOOD_C" > nul.jsonl
run code nul.jsonl
expect "JSONL \\u0000 in text: replaced and coded, named file:LINE" 0 \
  'has_err "nul.jsonl:2: NUL byte"' 'doc_has a' 'doc_has b' 'doc_has c'

# A "date" that is not a date: named, and not copied into the events.
printf '%s\n' '{"id":"a","date":"yesterday","text":"Russia attacked Ukraine."}' "$GOOD_C" > baddate.jsonl
run code baddate.jsonl
expect "JSONL bad \"date\": named file:LINE, not written as a date" 0 \
  'has_err "baddate.jsonl:1"' 'doc_has a' 'doc_has c' \
  '! grep -q "\"date\":\"yesterday\"" out'

# CRLF line ends and blank lines.
printf '%s\r\n\r\n%s\r\n' "$GOOD_A" "$GOOD_C" > crlf.jsonl
run code crlf.jsonl
expect "JSONL CRLF and blank lines" 0 'doc_has a' 'doc_has c' \
  '[ "$(lines)" -eq 2 ]'

# A line over --max-doc-bytes is skipped and named.
{
  printf '%s\n' "$GOOD_A"
  printf '{"id":"big","text":"'
  yes 'Russia attacked Ukraine.' | head -n 100000 | tr '\n' ' '
  printf '"}\n'
  printf '%s\n' "$GOOD_C"
} > long.jsonl
run code --max-doc-bytes 100000 long.jsonl
expect "JSONL line over --max-doc-bytes: named file:LINE, good lines coded" 1 \
  'has_err "long.jsonl:2: line of"' 'doc_has a' 'doc_has c' '! doc_has big'

# ===== Options =====
for bad in x 2023-13-01 2023-02-30 2023-2-1 20230201; do
  run code --date "$bad" good1.txt
  expect "--date $bad: usage error" 2 'has_err "--date"' '[ "$(lines)" -eq 0 ]'
done
run code good1.txt --date
expect "--date without a value: usage error" 2 'has_err "--date"'

run code --bogus good1.txt
expect "unknown option: usage error naming it" 2 'has_err "--bogus"' \
  '[ "$(lines)" -eq 0 ]'

run --bogus
expect "unknown global option: usage error" 2 'has_err "--bogus"'

run frobnicate
expect "unknown command: usage error naming it" 2 'has_err "frobnicate"'

run
expect "no command: usage on stderr" 2 'has_err "usage:"'

run code --input xml good1.txt
expect "--input xml: usage error" 2 'has_err "--input"'

run code --format csv good1.txt
expect "--format csv: usage error" 2 'has_err "--format"'

for bad in abc 0 -5 12x; do
  run code --max-doc-bytes "$bad" good1.txt
  expect "--max-doc-bytes $bad: usage error" 2 'has_err "--max-doc-bytes"'
done

run code --dict "$T/no-such-dict.txt" good1.txt
expect "--dict missing file: exit 3, named" 3 'has_err "no-such-dict.txt"' \
  '[ "$(lines)" -eq 0 ]'

# ===== Summary =====
summary "badinput"

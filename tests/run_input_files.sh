#!/bin/sh
# run_input_files.sh DYAD -- `dyad code` on directories and compressed
# inputs (cli/input_file.c): a directory is walked recursively in sorted
# order, hidden entries left out and files of unknown kinds skipped and
# counted; .gz and .zst files (told by their first bytes) code to the same
# events as their uncompressed forms, from a file or from standard input;
# a corrupt .gz, a truncated .zst, a gzip bomb over --max-decompressed and
# a symbolic link loop are each named, counted and skipped while the rest
# is still coded (exit 1).
#
# Inputs are generated in a temporary directory (needs gzip and zstd).
# Prints "ok - NAME" or "not ok - NAME" per check, then a summary; exits 1
# when any check failed.
set -eu

. "$(dirname "$0")/lib.sh"
harness_dyad run_input_files "$@"
for tool in gzip zstd; do
  if ! command -v $tool > /dev/null 2>&1; then
    echo "run_input_files: needs $tool (apt-get install $tool)" >&2
    exit 2
  fi
done
harness_tmp files
harness_timeout
# A failed check shows eight lines of stderr.
CONTEXT_ERR_LINES=8

# same FILE: stdout equals FILE, doc_id values aside (a plain-text
# document's id is its path).
same() {
  sed 's/"doc_id":"[^"]*"//' out > same.a
  sed 's/"doc_id":"[^"]*"//' "$1" > same.b
  [ -s same.b ] && cmp -s same.a same.b
}
# order A B: document A's events come before document B's.
order() {
  a=$(grep -n -F -- "\"doc_id\":\"$1\"" out | head -n 1 | cut -d: -f1)
  b=$(grep -n -F -- "\"doc_id\":\"$2\"" out | head -n 1 | cut -d: -f1)
  [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}
doc() { doc_has "$1"; }

# ===== Inputs, plain =====
cat > docs.jsonl << 'EOF'
{"id":"j1","date":"2023-02-01","text":"Japan condemned Russia on Tuesday."}
{"id":"j2","date":"2023-02-02","text":"NATO urged China to stop the drills."}
EOF
printf 'Russian forces shelled Kharkiv.\nFrance condemned Russia.\n' > story.txt
printf '950101 R-95\nRussia attacked Ukraine.\n\n' > recs.text
D=2023-02-01
run code --date $D docs.jsonl
cp out docs.events
run code --date $D story.txt
cp out story.events
run code --date $D recs.text
cp out recs.events
if [ ! -s docs.events ] || [ ! -s story.events ] || [ ! -s recs.events ]; then
  notok "the plain inputs code to events" "$(head -n 3 err)"
fi

# ===== Compressed files =====
gzip -c docs.jsonl > docs.jsonl.gz
zstd -q -c story.txt > story.txt.zst
zstd -q -c docs.jsonl > docs.jsonl.zst
gzip -c recs.text > recs.text.gz
run code --date $D docs.jsonl.gz
expect "jsonl.gz: the same events as the plain file" 0 'same docs.events'
run code --date $D docs.jsonl.zst
expect "jsonl.zst: the same events as the plain file" 0 'same docs.events'
run code --date $D story.txt.zst
expect "txt.zst: the same events as the plain file" 0 'same story.events'
run code --date $D recs.text.gz
expect "TABARI records .gz: still told apart, the same events" 0 \
  'same recs.events' 'doc R-95'

# By magic bytes, not by name: a gzip file named .txt, and stdin.
cp docs.jsonl.gz docs-gz.txt
run code --date $D docs-gz.txt
expect "gzip data named .txt: decompressed (magic bytes)" 0 'same docs.events'
rc=0
$TIMEOUT "$DYAD" code --date $D - < story.txt.zst > out 2> err || rc=$?
expect "zstd on standard input: decompressed" 0 'same story.events'
rc=0
cat docs.jsonl.gz | $TIMEOUT "$DYAD" code --date $D > out 2> err || rc=$?
expect "gzip piped to standard input: decompressed" 0 'same docs.events'

# Concatenated gzip members and zstd frames read as one stream.
head -n 1 docs.jsonl | gzip -c > cat.jsonl.gz
tail -n 1 docs.jsonl | gzip -c >> cat.jsonl.gz
head -n 1 docs.jsonl | zstd -q -c > cat.jsonl.zst
tail -n 1 docs.jsonl | zstd -q -c >> cat.jsonl.zst
run code --date $D cat.jsonl.gz cat.jsonl.zst
cat docs.events docs.events > twice.events
expect "concatenated gzip members and zstd frames: every document" 0 \
  'same twice.events'

# A name that promises what the bytes are not.
cp story.txt fake.txt.gz
run code --date $D fake.txt.gz docs.jsonl
expect "plain text named .gz: refused, named, the rest coded" 1 \
  'has_err "fake.txt.gz: named .gz but not gzip data; skipped"' \
  'same docs.events'

# ===== A directory tree =====
mkdir -p tree/a/b tree/c tree/.git tree/e
cp docs.jsonl.gz tree/a/b/docs.jsonl.gz
cp story.txt.zst tree/c/story.txt.zst
cp story.txt tree/a/plain.txt
cp story.txt tree/.hidden.txt
cp story.txt tree/.git/config.txt
echo 'not an input' > tree/README.md
cp story.txt tree/e/notes.doc
# A corrupt .gz (a sound header, then noise), a truncated .zst, and a
# gzip bomb: 8 MB of text in a few KB, over a 1 MB cap.
printf '\037\213\010\000\000\000\000\000\000\003' > tree/c/corrupt.txt.gz
head -c 2048 /dev/urandom >> tree/c/corrupt.txt.gz
zstd -q -c docs.jsonl | head -c 30 > tree/c/truncated.jsonl.zst
head -c 8000000 /dev/zero | tr '\0' 'a' | gzip -c > tree/e/bomb.txt.gz
ln -s .. tree/e/loop

run code --date $D --max-decompressed 1000000 tree
expect "directory: walked, compressed files coded, exit 1 (some skipped)" 1 \
  'doc j1' 'doc j2' 'doc tree/a/plain.txt' 'doc tree/c/story.txt.zst'
expect "directory: sorted order (a/b/docs before a/plain before c/story)" 1 \
  'order j2 tree/a/plain.txt' 'order tree/a/plain.txt tree/c/story.txt.zst'
expect "directory: hidden files and directories left out silently" 1 \
  '! doc tree/.hidden.txt' '! doc tree/.git/config.txt' \
  'no_err ".hidden"' 'no_err ".git"'
expect "directory: unknown kinds skipped and named" 1 \
  'has_err "tree/README.md: not a known input kind"' \
  'has_err "tree/e/notes.doc: not a known input kind"'
expect "directory: corrupt .gz named" 1 \
  'has_err "tree/c/corrupt.txt.gz: corrupt gzip data"' \
  '! doc tree/c/corrupt.txt.gz'
expect "directory: truncated .zst named" 1 \
  'has_err "tree/c/truncated.jsonl.zst: truncated zstd data"'
expect "directory: gzip bomb stopped at --max-decompressed, named" 1 \
  'has_err "tree/e/bomb.txt.gz: decompresses to more than 1000000 bytes"' \
  '! doc tree/e/bomb.txt.gz'
expect "directory: symbolic link loop named, not followed" 1 \
  'has_err "tree/e/loop: symbolic link loop; skipped"' \
  '[ "$(grep -c -F "\"doc_id\":\"j1\"" out)" -eq 1 ]'
expect "directory: every skip counted in the summary" 1 \
  'has_err "6 inputs skipped"'
cp out tree.events
run code --date $D --max-decompressed 1000000 tree
expect "directory: two runs give the same output" 1 'cmp -s out tree.events'

# The walk alone, without faults: exit 0.
mkdir -p clean/x
cp docs.jsonl.gz clean/x/
cp story.txt.zst clean/
run code --date $D clean
expect "clean directory: exit 0, every document" 0 'doc j1' 'doc j2' \
  'doc clean/story.txt.zst'

# Under the default cap the same 8 MB text is read whole (one document).
run code --date $D tree/e/bomb.txt.gz
expect "8 MB .gz under the default cap: read, no decompression error" 0 \
  'no_err "decompresses to more"'

# A JSON Lines bomb: 100 MB in one line with no end, in 0.4 MB of gzip.
# The line is read through and refused at --max-doc-bytes, in bounded
# memory (the line is never held whole); the next file is still coded.
head -c 100000000 /dev/zero | tr '\0' 'a' | gzip -1 -c > longline.jsonl.gz
MEM=
case $DYAD in *asan*) ;; *) [ -x /usr/bin/time ] && MEM="/usr/bin/time -f %M -o rss" ;; esac
rc=0
$TIMEOUT $MEM "$DYAD" code --date $D --max-doc-bytes 1000000 \
  longline.jsonl.gz docs.jsonl > out 2> err || rc=$?
expect "endless JSON line in a .gz: refused at the line cap, the rest coded" 1 \
  'has_err "longline.jsonl.gz:1: line of 100000000 bytes is over the limit"' \
  'same docs.events'
if [ -n "$MEM" ]; then
  echo "# endless line: peak RSS $(tail -n 1 rss) KiB"
  expect "endless JSON line: peak memory under 64 MiB" 1 \
    '[ "$(tail -n 1 rss)" -lt 65536 ]'
fi

# An empty directory: named, nothing skipped.
mkdir empty
run code --date $D empty docs.jsonl
expect "empty directory: named, exit 0" 0 \
  'has_err "empty: no input files in the directory"' 'same docs.events'

# A missing path and a bad --max-decompressed.
run code --date $D nothere.jsonl.gz docs.jsonl
expect "missing file: named, the rest coded" 1 \
  'has_err "nothere.jsonl.gz: No such file or directory"' 'same docs.events'
run code --max-decompressed lots docs.jsonl
expect "--max-decompressed wants a number" 2 'has_err "wants a number"'

summary "input files"

#!/bin/sh
# run_shards.sh DYAD -- `dyad code` is a stream filter: JSON Lines documents
# in, JSON Lines events out, in input order, each document coded on its own.
# So a corpus coded whole and coded as shards (split by lines, each shard by
# its own process, outputs concatenated in shard order) gives the same
# bytes; this is what running dyad under GNU parallel --pipe -k, Spark's
# RDD.pipe or Hadoop Streaming relies on (README, "Beyond one machine").
# With GNU parallel installed, a `parallel --pipe -k` run is checked too;
# `--jobs N` (worker threads inside one process) must give the same bytes.
#
# The corpus is 400 BBC stories from ../shared (or the bundled seed
# repeated, when ../shared is not there).  Prints "ok - NAME" / "not ok -
# NAME" per check; exits 1 when any failed.
set -eu
DYAD=${1:?usage: run_shards.sh DYAD}
case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-shards.XXXXXX")
trap 'rm -rf "$T"' EXIT
. "$ROOT/tests/lib.sh"

python3 - "$SHARED/corpora/raw_news/bbc_news_2225" "$ROOT/examples/seed.txt" \
  > "$T/corpus.jsonl" <<'PY'
import json, os, sys
folder, seed = sys.argv[1], sys.argv[2]
docs = []
if os.path.isdir(folder):
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder)
                   for f in fs if f.endswith(".txt") and f != "README.TXT")
    for i, p in enumerate(paths[::5][:400]):
        with open(p, encoding="utf-8", errors="replace") as f:
            docs.append({"id": os.path.relpath(p, folder),
                         "date": "2005-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                         "text": f.read()})
else:
    text = open(seed, encoding="utf-8").read()
    docs = [{"id": "seed-%d" % i, "date": "2023-02-01", "text": text}
            for i in range(40)]
for d in docs:
    print(json.dumps(d))
PY
n=$(wc -l < "$T/corpus.jsonl")

"$DYAD" code "$T/corpus.jsonl" > "$T/whole.jsonl"
events=$(wc -l < "$T/whole.jsonl")
[ "$events" -gt 0 ] && ok "whole corpus: $n documents, $events events" \
  || notok "whole corpus coded no event"

split -n l/2 -d "$T/corpus.jsonl" "$T/shard_"
"$DYAD" code "$T/shard_00" > "$T/out_00"
"$DYAD" code "$T/shard_01" > "$T/out_01"
cat "$T/out_00" "$T/out_01" > "$T/merged.jsonl"
if cmp -s "$T/whole.jsonl" "$T/merged.jsonl"; then
  ok "two shards, concatenated: the same bytes as the whole"
else
  notok "two shards differ from the whole"
  diff "$T/whole.jsonl" "$T/merged.jsonl" | head -5
fi

# Through a pipe, several documents per read, order kept.
"$DYAD" code - < "$T/corpus.jsonl" > "$T/stdin.jsonl"
cmp -s "$T/whole.jsonl" "$T/stdin.jsonl" && ok "standard input: the same bytes" \
  || notok "standard input differs"

# Worker threads: the same bytes, in input order.
for j in 2 4; do
  "$DYAD" code --jobs $j "$T/corpus.jsonl" > "$T/jobs$j.jsonl"
  cmp -s "$T/whole.jsonl" "$T/jobs$j.jsonl" \
    && ok "--jobs $j: the same bytes as one thread" \
    || notok "--jobs $j differs from one thread"
done

# Ten shards coded by concurrent processes.
split -n l/10 -d "$T/corpus.jsonl" "$T/ten_"
for f in "$T"/ten_*; do "$DYAD" code "$f" > "$f.out" & done
wait
cat "$T"/ten_*.out > "$T/ten.jsonl"
cmp -s "$T/whole.jsonl" "$T/ten.jsonl" && ok "ten concurrent shards: the same bytes" \
  || notok "ten concurrent shards differ"

if command -v parallel > /dev/null 2>&1 && parallel --version 2>/dev/null | grep -q GNU; then
  parallel --pipe -k --block 100k -j 2 "$DYAD" code - < "$T/corpus.jsonl" \
    > "$T/parallel.jsonl"
  cmp -s "$T/whole.jsonl" "$T/parallel.jsonl" \
    && ok "GNU parallel --pipe -k: the same bytes" \
    || notok "GNU parallel --pipe -k differs"
else
  echo "# GNU parallel not installed: its check skipped"
fi

summary shards

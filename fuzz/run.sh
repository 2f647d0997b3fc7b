#!/bin/sh
# run.sh -- runs one libFuzzer target for a set time: `make fuzz` calls it
# once per target (fuzz/run.sh NAME BUILD_FUZZ_DIR SECONDS).
#
# The working corpus is BUILD_FUZZ_DIR/corpus_NAME, seeded from
# fuzz/corpus/NAME/; the fuzzing dictionary is fuzz/NAME.dict when there is
# one, else fuzz/dyad.dict.  The target's own stdout/stderr are closed
# (-close_fd_mask=3: the readers name every bad line on stderr), libFuzzer's
# and the sanitizers' reports are not.  The log is BUILD_FUZZ_DIR/NAME.log;
# a crash, leak, timeout or out-of-memory leaves its input as
# BUILD_FUZZ_DIR/NAME-crash-* (or -leak-, -timeout-, -oom-), prints the end
# of the log and exits 1.
set -u
name=$1
dir=$2
secs=$3
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$dir" && pwd)/fuzz_$name
corpus=$dir/corpus_$name
log=$dir/$name.log
mkdir -p "$corpus"
if [ -d "$here/corpus/$name" ]; then
  cp -n "$here/corpus/$name"/* "$corpus"/ 2>/dev/null || true
fi
dict=$here/$name.dict
[ -f "$dict" ] || dict=$here/dyad.dict
echo "== fuzz_$name for $secs s (log $log)"
# A scratch directory per run: targets that write files (dictionaries,
# JSON Lines, the store) write them under $TMPDIR.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dyad-fuzz-$name.XXXXXX")
TMPDIR=$scratch "$bin" -max_total_time="$secs" -max_len=65536 -timeout=60 \
  -rss_limit_mb=2048 -close_fd_mask=3 -print_final_stats=1 -dict="$dict" \
  -artifact_prefix="$dir/$name-" "$corpus" </dev/null >"$log" 2>&1
rc=$?
rm -rf "$scratch"
if [ $rc -ne 0 ]; then
  tail -n 40 "$log"
  echo "fuzz_$name: FAILED (exit $rc); the input is $dir/$name-*" >&2
  exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
echo "fuzz_$name: ok, $runs runs, $eps execs/s"

#!/bin/sh
# bench_serve.sh DYAD -- requests/s and p95 latency of `dyad serve` under
# wrk, on a database of at least MIN_EVENTS events (100,000).
#
# The database is made once (kept as $BENCH_DB, default
# build/bench/serve.db beside DYAD): bench/serve_corpus.py writes JSON
# Lines stories of three real sentence shapes each (distinct ids, dates over
# three years) and `dyad ingest --jobs 2` codes and stores them.  The
# server runs on a free loopback port with --threads THREADS (2); wrk
# (Debian package wrk) runs DURATION seconds (15) with CONNECTIONS (16)
# connections on two requests:
#   events   /api/events?actor=JPN&limit=50&offset=100&sort=-date
#            (a filter, a page, a sort, with its total)
#   series   /api/series?by=week&dyad=JPN:CHN  (a dyad by week)
# and reports requests/s and the 50th, 95th and 99th latency percentiles
# (a wrk Lua done() hook: wrk --latency prints no p95).  The target is
# p95 under 50 ms.  Timing on a shared machine is noisy: run it quiet.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 DYAD" >&2
  exit 2
fi
DYAD=$1
case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MIN_EVENTS=${MIN_EVENTS:-100000}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
OUT=$(dirname "$DYAD")/bench
BENCH_DB=${BENCH_DB:-$OUT/serve.db}
mkdir -p "$OUT"

if ! command -v wrk > /dev/null 2>&1; then
  echo "bench_serve: wrk is not installed (Debian package wrk)" >&2
  exit 2
fi

events() {
  "$DYAD" stats --db "$BENCH_DB" 2> /dev/null |
    sed -n 's/^events *\([0-9]*\).*/\1/p'
}

n=$( [ -f "$BENCH_DB" ] && events || echo 0)
if [ "${n:-0}" -lt "$MIN_EVENTS" ]; then
  rm -f "$BENCH_DB" "$BENCH_DB-wal" "$BENCH_DB-shm"
  docs=$((MIN_EVENTS / 3 + MIN_EVENTS / 30))
  echo "== making $BENCH_DB: $docs stories"
  python3 "$ROOT/bench/serve_corpus.py" "$docs" > "$OUT/serve_corpus.jsonl"
  "$DYAD" ingest --db "$BENCH_DB" --jobs 2 "$OUT/serve_corpus.jsonl"
  rm -f "$OUT/serve_corpus.jsonl"
  n=$(events)
fi
echo "== database: $n events"
if [ "$n" -lt "$MIN_EVENTS" ]; then
  echo "bench_serve: only $n events (want $MIN_EVENTS)" >&2
  exit 1
fi

LOG=$OUT/serve.log
"$DYAD" serve --db "$BENCH_DB" --port 0 --threads "$THREADS" > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2> /dev/null || true' EXIT
trap 'exit 130' INT TERM
port=
for _ in $(seq 50); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$LOG")
  [ -n "$port" ] && break
  sleep 0.2
done
if [ -z "$port" ]; then
  echo "bench_serve: the server did not start:" >&2
  cat "$LOG" >&2
  exit 1
fi

cat > "$OUT/p95.lua" << 'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
LUA

run() {
  name=$1
  path=$2
  code=$(python3 -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1]).status)' "http://127.0.0.1:$port$path")
  if [ "$code" != 200 ]; then
    echo "bench_serve: $path answered $code" >&2
    exit 1
  fi
  printf '%-8s %s\n' "$name" "$path"
  wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$OUT/p95.lua" \
    "http://127.0.0.1:$port$path" | sed -n 's/^requests\/s/  requests\/s/p'
}

run events "/api/events?actor=JPN&limit=50&offset=100&sort=-date"
run series "/api/series?by=week&dyad=JPN:CHN"
kill "$PID"
wait "$PID" 2> /dev/null || true
trap - EXIT

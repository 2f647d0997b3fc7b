#!/bin/sh
# run_web.sh -- the browser tests of the page `dyad serve` embeds
# (tests/web/test_web.mjs, headless Debian chromium driven by npm
# playwright-core).  Ingests tests/web/corpus.jsonl into a temporary
# database, starts `dyad serve --port 0` twice (without a token, and with
# one), reads the printed ports, runs the tests, stops the servers.
# Screenshots of each view go to build/web-shots/ (or $WEB_SHOTS).
#
# usage: tests/run_web.sh DYAD [--require]
# Without node, chromium or tests/web/node_modules (npm ci) the tests are
# skipped, unless --require is given or $CI is set: then they fail.
# WEB_STUB=1 runs them against tests/web/stub_server.py instead of dyad
# serve (an aid for work on the page alone).
set -eu
DYAD=$1
REQUIRE=${2:-}
[ -n "${CI:-}" ] && REQUIRE=--require
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SHOTS=${WEB_SHOTS:-$ROOT/build/web-shots}

missing=""
command -v node >/dev/null 2>&1 || missing="node"
[ -x "$CHROMIUM" ] || missing="$missing chromium"
if [ -z "$missing" ] && [ ! -d "$HERE/web/node_modules/playwright-core" ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd "$HERE/web" && npm ci --no-audit --no-fund >/dev/null 2>&1) || missing="playwright-core (npm ci in tests/web failed)"
  else
    missing="npm"
  fi
fi
if [ -n "$missing" ]; then
  if [ "$REQUIRE" = "--require" ]; then
    echo "run_web.sh: FAIL: the browser tests need$missing" >&2
    exit 1
  fi
  echo "run_web.sh: skipped: no$missing (apt-get install chromium nodejs npm; npm ci in tests/web)"
  exit 0
fi

TMP=$(mktemp -d /tmp/web-test.XXXXXX)
PIDS=""
cleanup() {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; done
  for p in $PIDS; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

"$DYAD" ingest --quiet --db "$TMP/web.db" "$HERE/web/corpus.jsonl"

# start NAME CMD...: starts a server in the background (log TMP/NAME.log)
# and sets URL to the address it says it listens on.
start() {
  log=$TMP/$1.log
  shift
  "$@" >"$log" 2>&1 &
  pid=$!
  PIDS="$PIDS $pid"
  i=0
  URL=""
  while [ $i -lt 300 ]; do
    URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$URL" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
  echo "run_web.sh: the server did not start: $*" >&2
  cat "$log" >&2
  exit 1
}

TOKEN=web-test-token-$$
if [ -n "${WEB_STUB:-}" ]; then
  # Page-only work: the page against the stub of the API (not a test of
  # dyad serve; make web-test never sets WEB_STUB).
  echo "run_web.sh: WEB_STUB set: testing the page against tests/web/stub_server.py"
  start stub-token python3 "$HERE/web/stub_server.py" "$DYAD" "$HERE/web/corpus.jsonl" \
    "$ROOT/web/dist" --token "$TOKEN"
  TURL=$URL
  start stub python3 "$HERE/web/stub_server.py" "$DYAD" "$HERE/web/corpus.jsonl" "$ROOT/web/dist"
else
  start serve-token env DYAD_TOKEN="$TOKEN" "$DYAD" serve --db "$TMP/web.db" --port 0
  TURL=$URL
  start serve "$DYAD" serve --db "$TMP/web.db" --port 0
fi

rm -rf "$SHOTS"
rc=0
(cd "$HERE/web" && CHROMIUM=$CHROMIUM node test_web.mjs --url "$URL" --token-url "$TURL" \
  --token "$TOKEN" --shots "$SHOTS" --dist "$ROOT/web/dist") || rc=1

# The servers stopped as a person stops them (SIGTERM): each must exit
# cleanly, and a sanitizer build must have reported nothing.
for p in $PIDS; do kill -TERM "$p" 2>/dev/null || true; done
for p in $PIDS; do
  if ! wait "$p"; then
    echo "FAIL a server (pid $p) did not exit cleanly on SIGTERM"
    rc=1
  fi
done
PIDS=""
if grep -l -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP"/*.log >/dev/null 2>&1; then
  echo "FAIL the server reported sanitizer errors:"
  grep -h -A20 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP"/*.log | head -60
  rc=1
fi
exit $rc

#!/bin/sh
# run_serve.sh DYAD [--require-pg] -- `dyad serve`'s API against the
# command line (tests/serve/check_api.py): the fixture corpus
# tests/serve/fixture.jsonl is ingested into an SQLite file and the server,
# started on a free loopback port, must answer every endpoint as `dyad
# query`, `dyad code` and `dyad explain` do, refuse bad parameters, unknown
# paths, path traversal, calls without the token and oversized bodies, and
# return hostile story text as JSON with safe headers.  When a throwaway
# PostgreSQL cluster can be started (tests/pg_cluster.sh) the same checks
# run over PostgreSQL and each answer must equal SQLite's; without
# PostgreSQL that part is skipped, unless --require-pg is given or $CI is
# set.  Prints "ok - NAME" / "not ok - NAME"; exits 1 when any failed.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 DYAD [--require-pg]" >&2
  exit 2
fi
DYAD=$1
case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
if [ ! -x "$DYAD" ]; then
  echo "run_serve: $DYAD is not an executable" >&2
  exit 2
fi
REQUIRE=${CI:+yes}
if [ "${2:-}" = --require-pg ]; then REQUIRE=yes; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)

T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-serve.XXXXXX")
PGDIR=$T/pg
cleanup() {
  "$ROOT/tests/pg_cluster.sh" stop "$PGDIR" > /dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$T"

URL=
rc=0
URL=$("$ROOT/tests/pg_cluster.sh" start "$PGDIR" 2> "$T/pg.err") || rc=$?
if [ "$rc" -ne 0 ]; then
  URL=
  if [ -n "$REQUIRE" ]; then
    echo "not ok - a PostgreSQL cluster could not be started (required):"
    sed 's/^/#   /' "$T/pg.err"
    exit 1
  fi
  echo "skip - dyad serve over PostgreSQL: no local cluster could be started:"
  sed 's/^/#   /' "$T/pg.err"
fi

python3 "$ROOT/tests/serve/check_api.py" "$DYAD" "$T" $URL

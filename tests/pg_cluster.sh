#!/bin/sh
# pg_cluster.sh start|stop DIR -- a throwaway PostgreSQL cluster for the
# tests.  `start` makes a cluster in DIR/data with initdb (trust auth, UTF-8,
# C locale), starts it listening on a Unix socket in DIR only (no TCP) under
# a free port number, creates the database dyad_test and prints its URL
# (postgresql:///dyad_test?host=DIR&port=N&user=U).  `stop` stops it; the
# caller removes DIR.  Run as root, the cluster runs as the `postgres` user
# (initdb refuses root) and DIR is given to that user.
#
# Exit 0 with the URL on stdout; 3 when PostgreSQL's server binaries are not
# installed; 1 when the cluster cannot be made or started (the log's tail on
# stderr).
set -eu

if [ $# -ne 2 ] || { [ "$1" != start ] && [ "$1" != stop ]; }; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
CMD=$1
DIR=$2
case $DIR in /*) ;; *) DIR=$(pwd)/$DIR ;; esac

BIN=
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && BIN=$d
done
if [ -z "$BIN" ]; then
  echo "pg_cluster: PostgreSQL's server binaries are not installed" \
       "(/usr/lib/postgresql/*/bin/initdb; Debian package postgresql)" >&2
  exit 3
fi

# as_owner CMD...: runs CMD as the cluster's owner.
if [ "$(id -u)" -eq 0 ]; then
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER=$(id -un)
  as_owner() { "$@"; }
fi

if [ "$CMD" = stop ]; then
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop > /dev/null
  fi
  exit 0
fi

mkdir -p "$DIR"
[ "$(id -u)" -eq 0 ] && chown "$OWNER" "$DIR"
# A port number no other cluster's socket in DIR uses; with no TCP
# listener, it only names the socket file.
PORT=$((50000 + $$ % 10000))
while [ -e "$DIR/.s.PGSQL.$PORT" ]; do PORT=$((PORT + 1)); done

if ! as_owner "$BIN/initdb" -D "$DIR/data" -A trust -E UTF8 \
     --locale=C -U "$OWNER" > "$DIR/initdb.log" 2>&1; then
  echo "pg_cluster: initdb failed:" >&2
  tail -n 20 "$DIR/initdb.log" >&2
  exit 1
fi
if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
     -o "-c listen_addresses= -c unix_socket_directories=$DIR -p $PORT -c fsync=off" \
     start > /dev/null 2>&1; then
  echo "pg_cluster: the server did not start:" >&2
  tail -n 20 "$DIR/server.log" >&2
  exit 1
fi
if ! as_owner "$BIN/createdb" -h "$DIR" -p "$PORT" -U "$OWNER" dyad_test \
     > "$DIR/createdb.log" 2>&1; then
  echo "pg_cluster: createdb failed:" >&2
  cat "$DIR/createdb.log" >&2
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop > /dev/null 2>&1 || true
  exit 1
fi
echo "postgresql:///dyad_test?host=$DIR&port=$PORT&user=$OWNER"

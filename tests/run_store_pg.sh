#!/bin/sh
# run_store_pg.sh DYAD [--require-pg] -- the PostgreSQL backend against the
# SQLite one: a throwaway cluster (tests/pg_cluster.sh) is started, the same
# small corpus is ingested into an SQLite file and into PostgreSQL, and
# every query filter, every --count-by key, --limit, GDELT rows (--format
# gdelt), `dyad stats`, the idempotent rerun, --replace, --jobs 2 and
# `dyad recode` (its changes, report and stored events) must give the same
# answers in both, and every stored column of documents, events, mentions
# and quotes
# must hold the same values.  The corpus holds tabs, backslashes, newlines, quotes and SQL in
# ids and text (COPY's escapes), a document without id, TABARI records and
# quotations.
#
# Without PostgreSQL's server binaries it skips with a message (exit 0),
# unless --require-pg is given or $CI is set: then it fails.  Prints
# "ok - NAME" / "not ok - NAME" per check; exits 1 when any check failed.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 DYAD [--require-pg]" >&2
  exit 2
fi
DYAD=$1
case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
REQUIRE=${CI:+yes}
if [ "${2:-}" = --require-pg ]; then REQUIRE=yes; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-pg.XXXXXX")
PGDIR=$T/pg
cleanup() {
  "$ROOT/tests/pg_cluster.sh" stop "$PGDIR" > /dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$T"
cd "$T"
unset DYAD_DB

rc=0
URL=$("$ROOT/tests/pg_cluster.sh" start "$PGDIR" 2> pg.err) || rc=$?
if [ "$rc" -ne 0 ]; then
  if [ -z "$REQUIRE" ]; then
    echo "skip - PostgreSQL comparison: no local cluster could be started:"
    sed 's/^/#   /' pg.err
    exit 0
  fi
  echo "not ok - a PostgreSQL cluster could not be started (required):"
  sed 's/^/#   /' pg.err
  exit 1
fi
PSQL=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)/psql

harness_timeout 120 300

# both NAME ARGS...: runs `dyad ARGS` against SQLite (--db s.db) and
# PostgreSQL (--db URL); passes when both succeed with the same stdout
# (not empty unless EMPTY_OK is set).  The database's own name is replaced
# by DB in both outputs.
both() {
  name=$1
  shift
  r1=0
  r2=0
  $TIMEOUT "$DYAD" "$@" --db s.db > s.out 2> s.err || r1=$?
  $TIMEOUT "$DYAD" "$@" --db "$URL" > p.out 2> p.err || r2=$?
  sed -i -e "s|$URL|DB|g" -e 's|s\.db|DB|g' s.out p.out s.err p.err
  if [ "$r1" -ne 0 ] || [ "$r2" -ne 0 ]; then
    notok "$name" "exit codes: SQLite $r1, PostgreSQL $r2" \
      "SQLite: $(head -c 300 s.err)" "PostgreSQL: $(head -c 300 p.err)"
  elif ! cmp -s s.out p.out; then
    notok "$name" "outputs differ:" "$(diff s.out p.out | head -n 10)"
  elif [ ! -s s.out ] && [ -z "${EMPTY_OK:-}" ]; then
    notok "$name" "no output from either backend"
  else
    ok "$name"
  fi
}
# same_err NAME: the ingest summaries (stderr) of the last `both` agree.
same_err() {
  if cmp -s s.err p.err; then ok "$1"; else
    notok "$1" "$(diff s.err p.err | head -n 6)"
  fi
}
# same_count TABLE: TABLE has as many rows (and some) in both databases.
same_count() {
  a=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect("s.db").execute("SELECT COUNT(*) FROM " + sys.argv[1]).fetchone()[0])' "$1")
  b=$("$PSQL" -X -q -t -A -d "$URL" -c "SELECT COUNT(*) FROM $1")
  if [ "$a" = "$b" ] && [ "$a" != 0 ]; then ok "$1: $a rows in both"; else
    notok "$1: the same rows in both" "SQLite $a, PostgreSQL $b"
  fi
}

# ===== The corpus =====

python3 - << 'PY'
import json
docs = [
    {"id": "a1", "date": "2023-03-01", "title": "Talks in Tokyo",
     "url": "http://example.org/a1", "source": "wire",
     "text": "TOKYO (Wire) - Japan's prime minister met NATO's secretary "
             "general on Wednesday. Japan condemned Russia."},
    {"id": "a2", "date": "2023-03-02", "title": "Shelling", "source": "daily",
     "text": "Russian forces shelled Kharkiv on Thursday. Ukraine accused "
             "Russia of war crimes."},
    {"id": "a3", "date": "2023-03-02", "title": "Same news",
     "source": "other",
     "text": "Ukraine accused Russia of war crimes on Thursday, officials "
             "said."},
    {"id": "a4", "date": "2023-04-10",
     "text": "China threatened Taiwan. The United States urged China to "
             "show restraint."},
    {"id": "x'); DROP TABLE events; --\t\\N", "date": "2023-04-11",
     "title": "tab\there \\ back\\slash",
     "text": "Iran condemned Israel.\n\tBack\\slash \\N and \"quotes\"; "
             "DROP TABLE documents; --\r\nIsrael criticized Iran on Monday."},
    {"date": "2023-05-01",
     "text": "Germany praised France. \"We will help Ukraine,\" the German "
             "chancellor said."},
]
with open("docs.jsonl", "w") as f:
    for d in docs:
        f.write(json.dumps(d) + "\n")
with open("many.jsonl", "w") as f:
    for i in range(300):
        f.write(json.dumps({
            "id": "m%d" % i,
            "date": "2023-%02d-%02d" % (1 + i % 12, 1 + i % 28),
            "text": "Russia attacked Ukraine. China criticized Japan on "
                    "report %d." % i}) + "\n")
with open("jobs.jsonl", "w") as f:
    for i in range(1, 5):
        f.write(json.dumps({
            "id": "j%d" % i, "date": "2023-06-0%d" % i,
            "text": "Turkey criticized Greece. Greece accused Turkey of "
                    "provocation."}) + "\n")
PY
mkdir -p corpus/sub
cp "$ROOT/examples/seed.txt" corpus/seed.txt
for f in "$ROOT"/tests/story/*.txt; do cp "$f" corpus/; done
printf '950101 R-95\nRussia attacked Ukraine.\n\n950102 R-96\nChina criticized Japan.\n' \
  > corpus/sub/recs.txt

# ===== Ingest =====

EMPTY_OK=1
both "ingest: the same corpus stored in both" \
  ingest --date 2023-02-01 docs.jsonl corpus many.jsonl
same_err "ingest: the same summary (documents, events, replaced, skipped)"
for t in documents events mentions quotes event_groups; do
  same_count $t
done
both "ingest again" ingest --date 2023-02-01 docs.jsonl corpus many.jsonl
same_err "ingest again: the same summary"
if grep -q " 0 documents stored" p.err; then
  ok "ingest again: PostgreSQL stores nothing twice"
else
  notok "ingest again: PostgreSQL stores nothing twice" "$(cat p.err)"
fi
both "ingest --replace" ingest --replace docs.jsonl
same_err "ingest --replace: the same summary"
if grep -q "6 replaced" p.err; then
  ok "ingest --replace: six replaced in PostgreSQL"
else
  notok "ingest --replace: six replaced in PostgreSQL" "$(cat p.err)"
fi
both "ingest --jobs 2" ingest --jobs 2 jobs.jsonl
same_err "ingest --jobs 2: the same summary"
unset EMPTY_OK
for t in documents events mentions quotes; do
  same_count $t
done

# ===== Every stored value =====

# Every column of documents, events, mentions and quotes (but row keys, the
# coding time and PostgreSQL's tsvector), rows named by their document's id
# and position, must hold the same values in both.  PostgreSQL's rows come
# as JSON (json_agg), numbers compared as numbers.
DUMP_DOCS="SELECT COALESCE(id, content_hash) AS k, id, content_hash, title, url, source, date, text, dict_version FROM documents"
DUMP_EVENTS="SELECT COALESCE(d.id, d.content_hash) AS k, e.* FROM events e JOIN documents d ON d.doc_key = e.doc"
DUMP_MENTIONS="SELECT COALESCE(d.id, d.content_hash) AS k, e.idx AS event_idx, m.* FROM mentions m JOIN events e ON e.event_id = m.event_id JOIN documents d ON d.doc_key = e.doc"
DUMP_QUOTES="SELECT COALESCE(d.id, d.content_hash) AS k, q.* FROM quotes q JOIN documents d ON d.doc_key = q.doc"
# compare_values [PREFIX]: every stored value of the four tables the same
# in both databases (PREFIX names the check).
compare_values() {
  for q in "$DUMP_DOCS" "$DUMP_EVENTS" "$DUMP_MENTIONS" "$DUMP_QUOTES"; do
    "$PSQL" -X -q -t -A -d "$URL" -c "SELECT COALESCE(json_agg(t), '[]') FROM ($q) t" > pg.json
    what=$(echo "$q" | sed 's/.* FROM \([a-z]*\).*/\1/')
    if msg=$(python3 - "$q" << 'PY'
import json, sqlite3, sys
skip = {"doc", "doc_key", "event_id", "coded_at", "fts"}
def norm(row):
    out = {}
    for k, v in row.items():
        if k in skip:
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = float(v)
        out[k] = v
    return out
def key(r):
    return json.dumps([r.get("k"), r.get("event_idx"), r.get("idx")])
db = sqlite3.connect("s.db")
cur = db.execute(sys.argv[1])
names = [c[0] for c in cur.description]
lite = sorted((norm(dict(zip(names, r))) for r in cur), key=key)
pg = sorted((norm(r) for r in json.load(open("pg.json"))), key=key)
if len(lite) != len(pg):
    print("SQLite %d rows, PostgreSQL %d" % (len(lite), len(pg)))
    sys.exit(1)
for a, b in zip(lite, pg):
    if a != b:
        diff = [c for c in a if a.get(c) != b.get(c)]
        print("row %s differs in %s: %r / %r" % (key(a), diff[:3],
              [a.get(c) for c in diff[:3]], [b.get(c) for c in diff[:3]]))
        sys.exit(1)
print(len(lite))
PY
    ); then
      ok "$1$what: every stored value the same in both ($msg rows)"
    else
      notok "$1$what: every stored value the same in both" "$msg"
    fi
  done
}
compare_values ""

# ===== Queries =====

both "query: every event (jsonl)" query --format jsonl
both "query: every event (csv)" query --format csv
both "query --actor JPN" query --format jsonl --actor JPN
both "query --source RUS" query --format jsonl --source RUS
both "query --target UKR" query --format jsonl --target UKR
both "query --dyad CHN:JPN" query --format jsonl --dyad CHN:JPN
both "query --code 111" query --format jsonl --code 111
both "query --root 11" query --format jsonl --root 11
both "query --quad 4" query --format jsonl --quad 4
both "query --since --until" query --format jsonl --since 2023-03-01 --until 2023-06-30
both "query --place Japan" query --format jsonl --place Japan
both "query --text war crimes" query --format jsonl --text "war crimes"
both "query --text with a backslash and quotes" query --format jsonl --text 'Back\slash "quotes"'
both "query --text in a title" query --format jsonl --text "Shelling"
both "query --limit 7" query --format jsonl --limit 7
both "query: filters together" query --format jsonl --actor RUS --root 11 --since 2023-01-01 --limit 50
EMPTY_OK=1
both "query: injection strings match nothing" query --format jsonl \
  --actor "x' OR '1'='1" --text "'); DROP TABLE events; --"
unset EMPTY_OK
for by in day week month root quad dyad source target; do
  both "query --count-by $by" query --count-by "$by" --format jsonl
done
both "query --count-by month with a filter" query --count-by month --source RUS --format csv
both "query --format gdelt: every event as GDELT rows" query --format gdelt
both "query --format gdelt with filters" query --format gdelt --actor RUS --root 11 --limit 50
both "stats" stats
same_count documents

# ===== dyad recode =====

# The same recode in both, with tests/run_recode.sh's extra dictionaries:
# the same --changes lines, the same report, the same stored values; then
# recoding with the built-in dictionaries restores every event.
RDICTS="--dict $ROOT/tests/recode/recode.verbs.txt --dict $ROOT/tests/recode/recode.actors.txt"
cat > recode.jsonl << 'EOF'
{"id":"r1","date":"2023-03-01","text":"Japan lampooned China on Monday. The Zorgon Front attacked Ukraine."}
{"id":"r2","date":"2023-03-02","text":"China criticized Japan over fishing rights. Russia attacked Ukraine."}
{"id":"r3","date":"2023-03-03","text":"The Tokyo Ministry of Magic criticized China. Poland praised Ukraine."}
EOF
EMPTY_OK=1
both "ingest the recode corpus" ingest recode.jsonl
unset EMPTY_OK
both "query before recode" query --format jsonl
cp s.out before_recode.jsonl
both "recode --dry-run: the same changes" recode --dry-run $RDICTS --changes -
same_err "recode --dry-run: the same report"
both "recode --dry-run wrote nothing" query --format jsonl
if cmp -s p.out before_recode.jsonl; then ok "recode --dry-run: PostgreSQL unchanged"; else
  notok "recode --dry-run: PostgreSQL unchanged" "$(diff before_recode.jsonl p.out | head -n 6)"
fi
both "recode: the same changes" recode $RDICTS --changes - --jobs 2
same_err "recode: the same report"
if grep -q "events: 2 added, 0 removed, 2 recoded, " p.err; then
  ok "recode: PostgreSQL reports 2 added, 2 recoded"
else
  notok "recode: PostgreSQL reports 2 added, 2 recoded" "$(cat p.err)"
fi
compare_values "after recode: "
EMPTY_OK=1
both "recode again: nothing to do" recode $RDICTS --changes -
unset EMPTY_OK
same_err "recode again: the same report"
if grep -q " 0 documents recoded" p.err; then ok "recode again: PostgreSQL recodes nothing"; else
  notok "recode again: PostgreSQL recodes nothing" "$(cat p.err)"
fi
both "recode back to the built-in dictionaries" recode --changes -
same_err "recode back: the same report"
both "recode back: every event as before" query --format jsonl
if cmp -s p.out before_recode.jsonl && cmp -s s.out before_recode.jsonl; then
  ok "recode back: the original events restored in both"
else
  notok "recode back: the original events restored in both" "$(diff before_recode.jsonl p.out | head -n 6)"
fi
compare_values "after recoding back: "

# A password in the URL is never printed: libpq takes password= (and the
# trust cluster ignores it).
PWURL="$URL&password=s3cret"
r=0
$TIMEOUT "$DYAD" ingest --db "$PWURL" recode.jsonl > out 2> err || r=$?
$TIMEOUT "$DYAD" recode --db "$PWURL" >> out 2>> err || r=$?
$TIMEOUT "$DYAD" stats --db "$PWURL" >> out 2>> err || r=$?
if [ "$r" -eq 0 ] && ! grep -q s3cret out err && grep -q "password=\*\*\*" err &&
   grep -q "password=\*\*\*" out; then
  ok "ingest, recode and stats print the URL with its password masked"
else
  notok "ingest, recode and stats print the URL with its password masked" \
    "exit $r: $(cat err out | grep -n "s3cret\|database" | head -n 4)"
fi

# ===== Errors =====

r=0
$TIMEOUT "$DYAD" query --db "postgresql:///nope?host=$PGDIR/missing&port=1" \
  > out 2> err || r=$?
if [ "$r" -ne 0 ] && [ "$r" -lt 124 ] && grep -q "PostgreSQL" err; then
  ok "an unreachable server is named, no crash (exit $r)"
else
  notok "an unreachable server is named" "exit $r: $(cat err)"
fi

summary "PostgreSQL comparison"

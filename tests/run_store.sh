#!/bin/sh
# run_store.sh DYAD -- the database commands: `dyad ingest` stores coded
# documents (idempotent by id or content hash, --replace recodes), `dyad
# query` filters and counts them, `dyad stats` sums them up, every filter
# is a bound parameter (SQL-injection strings through every filter leave the
# database intact and match nothing), and bad input is named, skipped and
# counted while the rest is stored.
#
# Works in a temporary directory; reads the database with python3's sqlite3
# module.  Prints "ok - NAME" or "not ok - NAME" per check, then a summary;
# exits 1 when any check failed.
set -eu

. "$(dirname "$0")/lib.sh"
harness_dyad run_store "$@"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
harness_tmp store
unset DYAD_DB
harness_timeout
# A failed check shows the start of stdout too (query output).
CONTEXT_OUT_BYTES=300

# sql QUERY: one value from the database t.db.
sql() {
  python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for r in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in r))' t.db "$1"
}

# ===== Inputs =====

cat > docs.jsonl << 'EOF'
{"id":"a1","date":"2023-03-01","title":"Talks in Tokyo","url":"http://example.org/a1","source":"wire","text":"TOKYO (Wire) - Japan's prime minister met NATO's secretary general on Wednesday. Japan condemned Russia."}
{"id":"a2","date":"2023-03-02","title":"Shelling","source":"daily","text":"Russian forces shelled Kharkiv on Thursday. Ukraine accused Russia of war crimes."}
{"id":"a3","date":"2023-03-02","title":"Same news","source":"other","text":"Ukraine accused Russia of war crimes on Thursday, officials said."}
{"id":"a4","date":"2023-04-10","text":"China threatened Taiwan. The United States urged China to show restraint."}
EOF
mkdir -p corpus/sub
cp "$ROOT/examples/seed.txt" corpus/seed.txt
cat > corpus/sub/recs.txt << 'EOF'
950101 R-95
Russia attacked Ukraine.

950102 R-96
China criticized Japan.
EOF
cat > corpus/.hidden.txt << 'EOF'
Iran attacked Iraq.
EOF

# ===== Ingest =====

run ingest --db t.db --date 2023-02-01 docs.jsonl corpus
expect "ingest: JSON Lines, a plain text file and TABARI records in a walked directory" 0 \
  '[ "$(sql "SELECT COUNT(*) FROM documents")" = 7 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM documents WHERE id IS NULL")" = 1 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM documents WHERE text LIKE '\''Iran%'\''")" = 0 ]' \
  'has_err "7 documents stored"' \
  '[ "$(sql "SELECT title, url, source, date FROM documents WHERE id = '\''a1'\''")" = "Talks in Tokyo|http://example.org/a1|wire|2023-03-01" ]' \
  '[ "$(sql "SELECT date FROM documents WHERE id = '\''R-96'\''")" = 1995-01-02 ]'
EVENTS=$(sql "SELECT COUNT(*) FROM events")
QUOTES=$(sql "SELECT COUNT(*) FROM quotes")
expect "ingest: events, mentions and quotes of the seed are stored" 0 \
  '[ "$EVENTS" -ge 20 ]' '[ "$QUOTES" -ge 1 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM events e JOIN documents d ON d.doc_key = e.doc WHERE d.id IS NULL")" -ge 10 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM mentions")" -ge "$EVENTS" ]' \
  '[ "$(sql "SELECT COUNT(*) FROM events WHERE num_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.event_id = events.event_id)")" = 0 ]' \
  '[ "$(sql "SELECT e.source_code, e.target_code, e.code, e.date, e.place_name FROM events e JOIN documents d ON d.doc_key = e.doc WHERE d.id = '\''a1'\'' AND code = '\''111'\''")" = "JPN|RUS|111|2023-03-01|Tokyo" ]' \
  '[ "$(sql "SELECT COUNT(*) FROM events WHERE sentence_text IS NULL OR sentence_end <= sentence_start OR confidence IS NULL OR date_precision IS NULL")" = 0 ]'
expect "ingest: the dictionary version is recorded per document" 0 \
  '[ "$(sql "SELECT COUNT(DISTINCT dict_version) FROM documents")" = 1 ]' \
  'sql "SELECT dict_version FROM documents LIMIT 1" | grep -q "^dyad [0-9.]*/xxh3:[0-9a-f]\{16\}$"' \
  '[ "$(sql "SELECT value FROM meta WHERE key = '\''schema_version'\''")" = 1 ]'

printf '%s\n' '{"date":"2023-03-03","text":"Poland praised Ukraine."}' > noid.jsonl
# An extra --dict file changes the version, even one whose entries dyad's
# own format does not write out (a TABARI actor without a stem); the same
# file elsewhere gives the same version.
printf 'FREEDONIA [FRD]\n' > tabari.actors
mkdir -p elsewhere
cp tabari.actors elsewhere/tabari.actors
ver() {
  python3 -c 'import sqlite3, sys
print(" ".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT DISTINCT dict_version FROM documents")))' "$1"
}
"$DYAD" ingest --db v0.db --quiet noid.jsonl > /dev/null 2>&1 || true
"$DYAD" ingest --db v1.db --quiet --dict tabari.actors noid.jsonl > /dev/null 2>&1 || true
"$DYAD" ingest --db v2.db --quiet --dict elsewhere/tabari.actors noid.jsonl > /dev/null 2>&1 || true
rc=0
expect "ingest: an extra --dict file changes the dictionary version; its place does not" 0 \
  '[ -n "$(ver v1.db)" ]' '[ "$(ver v1.db)" != "$(ver v0.db)" ]' \
  '[ "$(ver v2.db)" = "$(ver v1.db)" ]' \
  '[ "$(ver v0.db)" = "$(sql "SELECT DISTINCT dict_version FROM documents")" ]'
run ingest --db v3.db --dict elsewhere noid.jsonl
expect "ingest: a --dict that cannot be read is named (exit 3)" 3 'has_err "elsewhere"'

KEYS=$(sql "SELECT group_concat(doc_key) FROM documents")
run ingest --db t.db --date 2023-02-01 docs.jsonl corpus
expect "ingest again: nothing stored twice" 0 \
  'has_err "0 documents stored"' 'has_err "7 already present"' \
  '[ "$(sql "SELECT COUNT(*) FROM documents")" = 7 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM events")" = "$EVENTS" ]' \
  '[ "$(sql "SELECT group_concat(doc_key) FROM documents")" = "$KEYS" ]'

# The same text without an id, under another name: found by content hash.
cp corpus/seed.txt copy.txt
run ingest --db t.db --date 2023-02-01 copy.txt
expect "ingest: a document without an id is known by its content hash" 0 \
  'has_err "1 already present"' '[ "$(sql "SELECT COUNT(*) FROM documents")" = 7 ]'

run ingest --db t.db --replace docs.jsonl
expect "ingest --replace: recoded and replaced, not added" 0 \
  'has_err "4 replaced"' \
  '[ "$(sql "SELECT COUNT(*) FROM documents")" = 7 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM events")" = "$EVENTS" ]' \
  '[ "$(sql "SELECT group_concat(doc_key) FROM documents")" != "$KEYS" ]' \
  '[ "$(sql "SELECT COUNT(*) FROM events WHERE doc NOT IN (SELECT doc_key FROM documents)")" = 0 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM mentions WHERE event_id NOT IN (SELECT event_id FROM events)")" = 0 ]' \
  '[ "$(sql "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH '\''Kharkiv'\''")" = 1 ]'

DYAD_DB=t.db $TIMEOUT "$DYAD" ingest --quiet noid.jsonl > out 2> err && rc=0 || rc=$?
expect "ingest: \$DYAD_DB names the database; --quiet writes no summary" 0 \
  '[ ! -s err ]' '[ "$(sql "SELECT COUNT(*) FROM documents")" = 8 ]'

# ===== Query =====

run query --db t.db --format jsonl
ALL=$(lines)
cp out all.jsonl
expect "query: every event, as JSON Lines" 0 \
  '[ "$ALL" = "$(sql "SELECT COUNT(*) FROM events")" ]' \
  '! grep -v -q "^{.*}$" out'

# rows.py ALL OUT EXPR: checks that the JSON lines of OUT are exactly the
# lines of ALL for which EXPR (over e, one row; src, tgt its source and
# target codes) is true, and that there are some; prints what differs.
cat > rows.py << 'EOF'
import json, sys
def pick(path):
    rows = []
    for l in open(path):
        e = json.loads(l)
        src = e["source"] or ""
        tgt = e["target"] or ""
        rows.append((l, eval(sys.argv[3])))
    return rows
want = [l for l, ok in pick(sys.argv[1]) if ok]
got = pick(sys.argv[2])
bad = [l for l, ok in got if not ok]
if not want or bad or len(got) != len(want):
    print("want %d rows, got %d, %d not matching" % (len(want), len(got), len(bad)))
    sys.exit(1)
EOF

# check NAME PYEXPR ARGS...: the query's rows are exactly the rows of
# all.jsonl for which PYEXPR is true, and there are some.
check() {
  name=$1
  pyexpr=$2
  shift 2
  run query --db t.db --format jsonl "$@"
  expect "query $name: the right rows" 0 \
    'python3 rows.py all.jsonl out "$pyexpr"'
}
check "--actor JPN" 'src.startswith("JPN") or tgt.startswith("JPN")' --actor JPN
check "--source UKR" 'src.startswith("UKR")' --source UKR
check "--target RUS" 'tgt.startswith("RUS")' --target RUS
check "--dyad UKR:RUS" 'src.startswith("UKR") and tgt.startswith("RUS") and e["num_articles"] == 2' --dyad UKR:RUS
check "--code 0256" 'e["code"] == "0256"' --code 0256
check "--root 13" 'e["root"] == "13"' --root 13
check "--quad 3" 'e["quad_class"] == 3' --quad 3
check "--since/--until" '"2023-03-01" <= (e["date"] or "") <= "2023-03-31"' --since 2023-03-01 --until 2023-03-31
check "--place Tokyo" '(e["place"] or "").lower() == "tokyo"' --place tokyo
check "--text Kharkiv (full text of the story)" 'e["doc_id"] == "a2"' --text Kharkiv
check "--text two words" 'e["doc_id"] in ("a2", "a3")' --text "war crimes"
run query --db t.db --format jsonl --limit 3
expect "query --limit 3: three rows" 0 '[ "$(lines)" = 3 ]'

run query --db t.db --format csv --dyad UKR:RUS
expect "query --format csv: a header and quoted fields" 0 \
  'head -n 1 out | grep -q "^doc_id,date,sentence,source,target,code"' \
  '[ "$(lines)" = 3 ]' 'grep -q "^a2,2023-03-02,1,UKR,RUS,1124," out'
run query --db t.db --format table --dyad UKR:RUS
expect "query --format table: aligned columns" 0 \
  'head -n 1 out | grep -q "^date  *source  *target  *code"' \
  'grep -q "^2023-03-02  UKR  *RUS  *1124" out'

for by in day week month root quad dyad source target; do
  run query --db t.db --format jsonl --count-by $by
  expect "query --count-by $by: counts sum to every event" 0 \
    '[ "$(python3 -c "import json; print(sum(json.loads(l)[\"count\"] for l in open(\"out\")))")" = "$ALL" ]'
done
run query --db t.db --format csv --count-by dyad --dyad UKR:RUS
expect "query --count-by dyad with a filter: count and mean Goldstein" 0 \
  '[ "$(cat out)" = "$(printf "key,count,mean_goldstein\nUKR:RUS,2,-2.00")" ]'
run query --db t.db --format csv --count-by month --actor RUS
expect "query --count-by month: keys are months, in order" 0 \
  'sed 1d out | cut -d, -f1 | grep -q "^2023-03$"' \
  '[ "$(sed 1d out | cut -d, -f1 | sort -c && echo sorted)" = sorted ]'
run query --db t.db --format csv --count-by week --dyad UKR:RUS
expect "query --count-by week: the Monday of the week" 0 \
  'grep -q "^2023-02-27,2," out'

# ===== GDELT rows from the database =====

# The same documents (each with an id: dyad code has no content hash)
# coded to GDELT rows by `dyad code` and stored then read back by `dyad
# query`: the same rows (query orders by date, code by document: compared
# sorted), but NumSources and NumArticles (columns 33, 34), which the
# database counts over every document stored.  The seed story states some
# events in several sentences (NumMentions > 1); a4 and a5 are the same
# story under two ids.
python3 - "$ROOT/examples/seed.txt" << 'EOF'
import json, sys
with open("gd.jsonl", "w") as f:
    for l in open("docs.jsonl"):
        f.write(l)
    f.write(json.dumps({"id": "seed", "date": "2023-02-01",
                        "text": open(sys.argv[1]).read()}) + "\n")
    f.write(json.dumps({"id": "a5", "date": "2023-04-10", "text":
                        "China threatened Taiwan. The United States urged "
                        "China to show restraint."}) + "\n")
EOF
$TIMEOUT "$DYAD" code --format gdelt gd.jsonl > code.gdelt 2> err || true
$TIMEOUT "$DYAD" ingest --quiet --db gd.db gd.jsonl 2> err || true
run query --db gd.db --format gdelt
cp out query.gdelt
cat > gdelt.py << 'EOF'
import sys
def rows(path):
    return [l.rstrip("\n").split("\t") for l in open(path)]
code, query = rows(sys.argv[1]), rows(sys.argv[2])
bad = [r for r in code + query if len(r) != 61]
if bad:
    sys.exit("%d rows without 61 columns" % len(bad))
blank = lambda r: r[:32] + ["", ""] + r[34:]
a, b = sorted(map(blank, code)), sorted(map(blank, query))
if not a or a != b:
    sys.exit("code %d rows, query %d; first difference: %r" % (len(a), len(b),
             next(((x, y) for x, y in zip(a, b) if x != y), None)))
if not any(int(r[31]) > 1 for r in query):
    sys.exit("no NumMentions > 1: the check proves nothing")
if len(set(r[0] for r in query)) != len(query):
    sys.exit("two rows share a GLOBALEVENTID")
EOF
expect "query --format gdelt: the rows dyad code --format gdelt writes" 0 \
  'python3 gdelt.py code.gdelt query.gdelt' '[ "$(lines)" -ge 20 ]'
run query --db gd.db --format gdelt --dyad CHN:TWN --since 2023-04-01
expect "query --format gdelt: NumSources and NumArticles count the documents stored" 0 \
  '[ "$(lines)" = 2 ]' \
  '[ "$(cut -f 33,34,61 out | sort | tr "\t\n" ",;")" = "2,2,a4;2,2,a5;" ]'
run query --db gd.db --format gdelt --root 11 --limit 2
expect "query --format gdelt with filters and --limit" 0 \
  '[ "$(lines)" = 2 ]' '[ "$(cut -f 29 out | sort -u)" = 11 ]'
run query --db gd.db --format gdelt --count-by month
expect "query --format gdelt --count-by: refused (rows, not counts)" 2 \
  'has_err "--format gdelt writes events"' '[ ! -s out ]'

run stats --db t.db
expect "stats: documents, events, dates, top dyads, roots" 0 \
  'grep -q "^documents  *8$" out' \
  'grep -q "^events  *$ALL " out' \
  'grep -q "^dates  *1995-01-01 .. 2023-04-10$" out' \
  'grep -q "^top dyads:" out' 'grep -q "UKR:RUS  *2 " out' \
  'grep -q "^events per root:" out' 'grep -q "  13 .*Threaten" out'

# ===== SQL injection through every filter =====

TABLES=$(sql "SELECT group_concat(name) FROM sqlite_master")
COUNTS=$(sql "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM quotes)")
inj_bad=0
for evil in "x' OR '1'='1" "\"; DROP TABLE events; --" "'; DELETE FROM documents; --" \
            "RUS') OR 1=1 --" "%" "_" "*" "NEAR(a b)" "\" OR \"\"=\""; do
  for opt in --actor --source --target --code --root --place --text; do
    run query --db t.db --format jsonl $opt "$evil"
    if [ "$rc" -ne 0 ] || [ -s out ]; then
      inj_bad=$((inj_bad + 1))
      echo "#   $opt '$evil': exit $rc, $(lines) rows: $(head -n 2 err)"
    fi
  done
  run query --db t.db --format jsonl --dyad "$evil:$evil"
  if [ "$rc" -ne 0 ] || [ -s out ]; then
    inj_bad=$((inj_bad + 1))
    echo "#   --dyad '$evil': exit $rc, $(lines) rows"
  fi
  for opt in --since --until --quad --count-by --limit; do
    run query --db t.db --format jsonl $opt "$evil"
    if [ "$rc" -ne 2 ] || [ -s out ]; then
      inj_bad=$((inj_bad + 1))
      echo "#   $opt '$evil': exit $rc (want a usage error), $(lines) rows"
    fi
  done
done
rc=0
expect "query: injection strings through every filter match nothing and run nothing" 0 \
  '[ "$inj_bad" = 0 ]' \
  '[ "$(sql "SELECT group_concat(name) FROM sqlite_master")" = "$TABLES" ]' \
  '[ "$(sql "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM quotes)")" = "$COUNTS" ]' \
  '[ "$(sql "PRAGMA integrity_check")" = ok ]'

# A document whose id and text are injection strings is stored as data.
printf '%s\n' "{\"id\":\"x'); DROP TABLE events; --\",\"date\":\"2023-05-01\",\"text\":\"Russia attacked Ukraine. '); DROP TABLE documents; --\"}" > evil.jsonl
run ingest --db t.db evil.jsonl
expect "ingest: injection strings in a document are stored as they are" 0 \
  '[ "$(sql "SELECT COUNT(*) FROM documents WHERE id LIKE '\''x%DROP TABLE events; --'\'' AND text LIKE '\''%DROP TABLE documents; --'\''")" = 1 ]' \
  '[ "$(sql "SELECT group_concat(name) FROM sqlite_master")" = "$TABLES" ]'

# ===== Crash safety and compressed input =====

# A run killed with SIGKILL half-way, then run again: every document stored
# exactly once, no event lost or doubled (compared with an uninterrupted
# run).
python3 -c 'import json
for i in range(2500):
    print(json.dumps({"id": "k%d" % i, "date": "2023-01-%02d" % (1 + i % 28),
                      "text": "Russia attacked Ukraine. China criticized Japan on report %d." % i}))' > many.jsonl
"$DYAD" ingest --db ref.db --quiet many.jsonl > /dev/null 2>&1 || true
"$DYAD" ingest --db crash.db --batch 20 --quiet many.jsonl > /dev/null 2>&1 &
pid=$!
n=0
while [ "$n" -lt 50 ] && kill -0 "$pid" 2> /dev/null; do
  [ -f crash.db ] && [ "$(python3 -c 'import sqlite3
try:
    print(sqlite3.connect("crash.db").execute("SELECT COUNT(*) FROM documents").fetchone()[0])
except Exception:
    print(0)')" -gt 100 ] && break
  sleep 0.1
  n=$((n + 1))
done
killed=no
kill -9 "$pid" 2> /dev/null && killed=yes
wait "$pid" 2> /dev/null || true
run ingest --db crash.db --quiet many.jsonl
REF=$(python3 -c 'import sqlite3
print(sqlite3.connect("ref.db").execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents").fetchone(),
      sqlite3.connect("ref.db").execute("SELECT COUNT(*) FROM events").fetchone())')
GOT=$(python3 -c 'import sqlite3
print(sqlite3.connect("crash.db").execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents").fetchone(),
      sqlite3.connect("crash.db").execute("SELECT COUNT(*) FROM events").fetchone())')
expect "ingest killed with SIGKILL (killed: $killed), run again: every document once, no event lost or doubled" 0 \
  '[ "$REF" = "(2500, 2500) (5000,)" ]' '[ "$GOT" = "$REF" ]' \
  '[ "$(python3 -c "import sqlite3; print(sqlite3.connect(\"crash.db\").execute(\"PRAGMA integrity_check\").fetchone()[0])")" = ok ]'

# --jobs 2: coded by two threads, stored by one in input order: the same
# database as one thread.
"$DYAD" ingest --db jobs.db --jobs 2 --quiet many.jsonl docs.jsonl > /dev/null 2>&1 || true
"$DYAD" ingest --db one.db --quiet many.jsonl docs.jsonl > /dev/null 2>&1 || true
"$DYAD" query --db jobs.db --format jsonl > jobs.out 2> /dev/null || true
"$DYAD" query --db one.db --format jsonl > one.out 2> /dev/null || true
rc=0
expect "ingest --jobs 2: the same events, in the same order, as one thread" 0 \
  '[ -s one.out ]' 'cmp -s jobs.out one.out'

# gzip input, through the same readers as dyad code.
if command -v gzip > /dev/null 2>&1; then
  printf '%s\n' '{"id":"z1","date":"2023-07-01","text":"Poland criticized Belarus."}' | gzip > z.jsonl.gz
  run ingest --db t.db z.jsonl.gz
  expect "ingest: a .jsonl.gz input is read" 0 \
    '[ "$(sql "SELECT COUNT(*) FROM documents WHERE id = '\''z1'\''")" = 1 ]'
fi

# ===== Bad input =====

printf '{"id":"b1","date":"2023-06-01","text":"Iran attacked Iraq."}\n{"id": broken\n{"id":"b2"}\n' > bad.jsonl
# Deterministic binary junk (a quarter NUL bytes): random bytes from
# /dev/urandom fall under the binary-file threshold about one time in 20.
python3 -c 'import sys; sys.stdout.buffer.write(bytes(0 if i % 4 == 0 else (i * 37 + 11) % 256 for i in range(3000)))' > random.bin
run ingest --db t.db bad.jsonl random.bin missing.txt
expect "ingest: bad input named (file:line), skipped and counted; the rest stored" 1 \
  'has_err "bad.jsonl:2: malformed JSON"' 'has_err "bad.jsonl:3: no \"text\" string"' \
  'has_err "random.bin:1: binary file"' 'has_err "missing.txt: "' \
  'has_err "1 documents stored"' 'has_err "4 skipped (4 unreadable inputs"' \
  '[ "$(sql "SELECT COUNT(*) FROM documents WHERE id = '\''b1'\''")" = 1 ]'

printf 'not a database at all, just text\n' > notdb.db
run ingest --db notdb.db docs.jsonl
expect "ingest: a file that is not a database is refused (exit 5)" 5 \
  'has_err "notdb.db"'
run ingest --db postgresql://localhost/dyad docs.jsonl
expect "ingest: a PostgreSQL server that is not there is named (exit 5)" 5 \
  'has_err "postgresql://localhost/dyad: cannot connect to PostgreSQL"'
run ingest --db "postgresql://ann:s3cret@localhost/dyad?password=s3cret" docs.jsonl
expect "ingest: a password in a PostgreSQL URL is never printed (exit 5)" 5 \
  'has_err "postgresql://ann:***@localhost/dyad?password=***: cannot connect"' \
  '! grep -q s3cret err'
run query --db nowhere.db
expect "query: a missing database is named, not created (exit 5)" 5 \
  'has_err "no database at nowhere.db"' '[ ! -e nowhere.db ]'
run stats --db nowhere.db
expect "stats: a missing database is named (exit 5)" 5 'has_err "no database at nowhere.db"'
run query --db t.db --count-by year
expect "query --count-by year: a usage error" 2 'has_err "--count-by is day, week"'

summary "store"

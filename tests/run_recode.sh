#!/bin/sh
# run_recode.sh DYAD -- `dyad recode` on SQLite: a small corpus ingested
# with the built-in dictionaries, then recoded with an extra dictionary
# (tests/recode/: a verb pattern dyad lacks, a more specific pattern, an
# actor dyad does not know and a more specific actor).  Checks the exact
# report (documents recoded; events added, removed, recoded, unchanged),
# the --changes lines, the stored events (the same as a fresh ingest with
# those dictionaries), that a second run has nothing to do, that --dry-run
# writes nothing, that --jobs 2 writes what --jobs 1 writes, that recoding
# with the original dictionaries restores the original events exactly, that
# a run killed with SIGKILL and run again leaves no document half-recoded,
# that a document that cannot be coded keeps its old coding and is named,
# and that a password in a PostgreSQL URL is never printed.
#
# Prints "ok - NAME" or "not ok - NAME" per check, then a summary; exits 1
# when any check failed.
set -eu

. "$(dirname "$0")/lib.sh"
harness_dyad run_recode "$@"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DICTS="--dict $ROOT/tests/recode/recode.verbs.txt --dict $ROOT/tests/recode/recode.actors.txt"
harness_tmp recode
unset DYAD_DB
harness_timeout
CONTEXT_OUT_BYTES=400

# sql DB QUERY: the rows of QUERY, fields joined by |.
sql() {
  python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in r))' "$1" "$2"
}
# dump DB: every stored value of documents, events, mentions and quotes
# but row keys and coding times, rows named by document id (or content
# hash) and position, sorted: two databases holding the same dump hold
# the same codings.
dump() {
  python3 - "$1" << 'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
qs = {
    "doc": "SELECT COALESCE(id, content_hash), id, content_hash, title, url, "
           "source, date, text, dict_version FROM documents",
    "event": "SELECT COALESCE(d.id, d.content_hash), e.* FROM events e "
             "JOIN documents d ON d.doc_key = e.doc",
    "mention": "SELECT COALESCE(d.id, d.content_hash), e.idx, m.* FROM "
               "mentions m JOIN events e ON e.event_id = m.event_id "
               "JOIN documents d ON d.doc_key = e.doc",
    "quote": "SELECT COALESCE(d.id, d.content_hash), q.* FROM quotes q "
             "JOIN documents d ON d.doc_key = q.doc",
}
skip = {"doc", "doc_key", "event_id", "coded_at"}
out = []
for name, q in qs.items():
    cur = db.execute(q)
    cols = [c[0] for c in cur.description]
    for r in cur:
        out.append(name + " " + repr([(c, v) for c, v in zip(cols, r)
                                      if c not in skip]))
print("\n".join(sorted(out)))
PY
}

# ===== The corpus =====

# r1: a verb the built-in dictionaries lack (lampoon) and an actor they do
# not know (the Zorgon Front): two events added.  r2: a more specific
# pattern (criticize + over): 111 recoded to 112.  r3: a more specific
# actor (the Tokyo Ministry of Magic, JPNGOV before): recoded.  r4 and a
# document without id: unchanged.
cat > docs.jsonl << 'EOF'
{"id":"r1","date":"2023-03-01","title":"Satire","text":"Japan lampooned China on Monday. The Zorgon Front attacked Ukraine."}
{"id":"r2","date":"2023-03-02","text":"China criticized Japan over fishing rights. Russia attacked Ukraine."}
{"id":"r3","date":"2023-03-03","text":"The Tokyo Ministry of Magic criticized China. Poland praised Ukraine. \"We stand with Kyiv,\" Poland's president said."}
{"id":"r4","date":"2023-03-04","text":"Germany praised France."}
{"date":"2023-03-05","text":"Iran condemned Israel on Sunday."}
EOF

run ingest --db t.db docs.jsonl
expect "ingest with the built-in dictionaries" 0 'has_err "5 documents stored (7 events)"'
dump t.db > orig.dump
"$DYAD" query --db t.db --format jsonl > orig.jsonl 2> /dev/null || true
OLDVER=$(sql t.db "SELECT DISTINCT dict_version FROM documents")
CODED=$(sql t.db "SELECT group_concat(coded_at) FROM documents")

# The same corpus ingested with the extra dictionaries: what recoding must
# store.
"$DYAD" ingest --db fresh.db --quiet $DICTS docs.jsonl > /dev/null 2>&1 || true
dump fresh.db > fresh.dump
NEWVER=$(sql fresh.db "SELECT DISTINCT dict_version FROM documents")

# ===== --dry-run =====

sleep 1 # a new coded_at would differ from the old one
run recode --db t.db $DICTS --dry-run --changes dry.jsonl
REPORT="5 documents would be recoded (3 with changed events), 0 already coded by these dictionaries, 0 skipped (0 not coded, 0 not stored); events: 2 added, 0 removed, 2 recoded, 5 unchanged"
expect "recode --dry-run: the report of what would change" 0 \
  'has_err "dyad recode --dry-run: $REPORT"' '[ "$(wc -l < dry.jsonl)" -eq 4 ]'
expect "recode --dry-run: nothing written (events, versions, coding times)" 0 \
  'dump t.db | cmp -s - orig.dump' \
  '[ "$(sql t.db "SELECT DISTINCT dict_version FROM documents")" = "$OLDVER" ]' \
  '[ "$(sql t.db "SELECT group_concat(coded_at) FROM documents")" = "$CODED" ]'

# ===== Recode with the extra dictionaries =====

cp t.db one.db
run recode --db t.db $DICTS --changes changes.jsonl
cp err changes.err
expect "recode: the report (documents recoded; events added, removed, recoded, unchanged)" 0 \
  'has_err "dyad recode: 5 documents recoded (3 with changed events), 0 already coded by these dictionaries, 0 skipped (0 not coded, 0 not stored); events: 2 added, 0 removed, 2 recoded, 5 unchanged; dictionaries $NEWVER; database t.db"'
cat > want_changes.jsonl << 'EOF'
{"kind":"added","doc_id":"r1","sentence":0,"verb":"lampooned","verb_span":[6,15],"old":null,"new":{"code":"111","source":"JPN","target":"CHN"}}
{"kind":"added","doc_id":"r1","sentence":1,"verb":"attacked","verb_span":[50,58],"old":null,"new":{"code":"190","source":"XZFREB","target":"UKR"}}
{"kind":"recoded","doc_id":"r2","sentence":0,"verb":"criticized","verb_span":[6,16],"old":{"code":"111","source":"CHN","target":"JPN"},"new":{"code":"112","source":"CHN","target":"JPN"}}
{"kind":"recoded","doc_id":"r3","sentence":0,"verb":"criticized","verb_span":[28,38],"old":{"code":"111","source":"JPNGOV","target":"CHN"},"new":{"code":"111","source":"JPNMAG","target":"CHN"}}
EOF
expect "recode --changes: one JSON line per change, kind, document, sentence, verb, old and new" 0 \
  'cmp -s changes.jsonl want_changes.jsonl' 'cmp -s dry.jsonl want_changes.jsonl'
expect "recode: the stored events changed as expected" 0 \
  '[ "$(sql t.db "SELECT e.code, e.source_code, e.target_code FROM events e JOIN documents d ON d.doc_key = e.doc WHERE d.id = '\''r2'\'' AND e.sentence = 0")" = "112|CHN|JPN" ]' \
  '[ "$(sql t.db "SELECT e.source_code FROM events e JOIN documents d ON d.doc_key = e.doc WHERE d.id = '\''r3'\'' AND e.sentence = 0")" = JPNMAG ]' \
  '[ "$(sql t.db "SELECT COUNT(*) FROM events e JOIN documents d ON d.doc_key = e.doc WHERE d.id = '\''r1'\''")" = 2 ]' \
  '[ "$(sql t.db "SELECT COUNT(*) FROM events")" = 9 ]' \
  '[ "$(sql t.db "SELECT COUNT(*) FROM mentions WHERE event_id NOT IN (SELECT event_id FROM events)")" = 0 ]'
expect "recode: every stored value as a fresh ingest with the new dictionaries (versions recorded)" 0 \
  'dump t.db | cmp -s - fresh.dump' '[ "$NEWVER" != "$OLDVER" ]' \
  '[ "$(sql t.db "SELECT DISTINCT dict_version FROM documents")" = "$NEWVER" ]' \
  '[ "$(sql t.db "SELECT group_concat(coded_at) FROM documents")" != "$CODED" ]'
expect "recode: documents keep their rows; the full-text index still finds them" 0 \
  '[ "$(sql t.db "SELECT group_concat(doc_key) FROM documents")" = "$(sql fresh.db "SELECT group_concat(doc_key) FROM documents")" ]' \
  '[ "$(sql t.db "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH '\''Zorgon'\''")" = 1 ]' \
  '[ "$(sql t.db "PRAGMA integrity_check")" = ok ]'

run recode --db t.db $DICTS
expect "recode again: nothing to do" 0 \
  'has_err "0 documents recoded (0 with changed events), 5 already coded by these dictionaries"' \
  'dump t.db | cmp -s - fresh.dump'

run recode --db t.db $DICTS --all --changes all.jsonl
expect "recode --all: every document recoded, nothing changes" 0 \
  'has_err "5 documents recoded (0 with changed events), 0 already coded"' \
  'has_err "events: 0 added, 0 removed, 0 recoded, 9 unchanged"' \
  '[ ! -s all.jsonl ]' 'dump t.db | cmp -s - fresh.dump'

# --jobs 2 on a copy: the same report, changes and database as --jobs 1.
run recode --db one.db $DICTS --jobs 2 --changes jobs2.jsonl
sed 's/database one.db/database t.db/' err > jobs2.err
expect "recode --jobs 2: the same report, changes and stored values as one thread" 0 \
  'cmp -s jobs2.jsonl changes.jsonl' \
  'grep -v "^dyad: " jobs2.err | cmp -s - changes.err' \
  'dump one.db | cmp -s - fresh.dump'

# ===== Back to the built-in dictionaries =====

run recode --db t.db --changes back.jsonl
expect "recode with the original dictionaries: two removed, two recoded back" 0 \
  'has_err "5 documents recoded (3 with changed events), 0 already coded by these dictionaries, 0 skipped (0 not coded, 0 not stored); events: 0 added, 2 removed, 2 recoded, 5 unchanged"' \
  '[ "$(grep -c "\"kind\":\"removed\"" back.jsonl)" = 2 ]' \
  '[ "$(grep -c "\"kind\":\"recoded\"" back.jsonl)" = 2 ]'
"$DYAD" query --db t.db --format jsonl > back_query.jsonl 2> /dev/null || true
rc=0
expect "recode with the original dictionaries restores the original events exactly" 0 \
  '[ -s orig.jsonl ]' 'cmp -s back_query.jsonl orig.jsonl' \
  'dump t.db | cmp -s - orig.dump'

# ===== Crash safety =====

# Recoding killed with SIGKILL half-way, then run again: every document
# recoded exactly once, all of its coding or none -- the result is a fresh
# ingest with the new dictionaries.
python3 -c 'import json
for i in range(1500):
    print(json.dumps({"id": "k%d" % i, "date": "2023-01-%02d" % (1 + i % 28),
                      "text": "China criticized Japan over fishing rights. The Zorgon Front attacked Ukraine on report %d." % i}))' > many.jsonl
"$DYAD" ingest --db crash.db --quiet many.jsonl > /dev/null 2>&1 || true
"$DYAD" ingest --db crashref.db --quiet $DICTS many.jsonl > /dev/null 2>&1 || true
"$DYAD" recode --db crash.db --quiet --batch 20 $DICTS > /dev/null 2>&1 &
pid=$!
n=0
while [ "$n" -lt 100 ] && kill -0 "$pid" 2> /dev/null; do
  [ "$(sql crash.db "SELECT COUNT(*) FROM documents WHERE dict_version = '$NEWVER'" 2> /dev/null || echo 0)" -gt 100 ] && break
  sleep 0.1
  n=$((n + 1))
done
killed=no
kill -9 "$pid" 2> /dev/null && killed=yes
wait "$pid" 2> /dev/null || true
dump crashref.db > crashref.dump
HALF=$(sql crash.db "SELECT COUNT(*) FROM documents WHERE dict_version = '$NEWVER'")
run recode --db crash.db $DICTS
expect "recode killed with SIGKILL ($killed, $HALF of 1500 recoded), run again: every document once, all or nothing" 0 \
  "has_err \"$((1500 - HALF)) documents recoded\"" \
  "has_err \"$HALF already coded by these dictionaries\"" \
  'dump crash.db | cmp -s - crashref.dump' \
  '[ "$(sql crash.db "PRAGMA integrity_check")" = ok ]'

# ===== The progress line =====

# On a terminal (stderr on a pseudo-terminal) a line redrawn with '\r'
# counts documents done of those to recode, with an ETA while it runs and
# the time taken at the end; with --quiet, or off a terminal, none.
cat > pty_run.py << 'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=slave,
                     stdin=subprocess.DEVNULL)
os.close(slave)
got = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    got += chunk
p.wait()
sys.stdout.write(got.decode("utf-8", "replace"))
sys.exit(p.returncode)
PY
cp crashref.db pty.db
rc=0
$TIMEOUT python3 pty_run.py "$DYAD" recode --db pty.db --all $DICTS > pty.out 2>&1 || rc=$?
expect "recode on a terminal: a progress line, N of M documents, the time taken" 0 \
  'grep -q "dyad recode: 1500 of 1500 documents, [0-9]* docs/s, done in [0-9]*:[0-9][0-9]" pty.out' \
  'grep -q "1500 documents recoded (0 with changed events)" pty.out' \
  '! grep "dyad recode: [0-9]* of" pty.out | tr "\r" "\n" | grep "of [0-9]* documents" | grep -v -q "of 1500 documents"'
rc=0
$TIMEOUT python3 pty_run.py "$DYAD" recode --db pty.db --all --quiet $DICTS > pty.out 2>&1 || rc=$?
expect "recode --quiet on a terminal: no progress line, no report" 0 '[ ! -s pty.out ]'
run recode --db pty.db --all $DICTS
expect "recode off a terminal: no progress line" 0 '! grep -q "docs/s" err'

# ===== Bad cases =====

# A document the coder refuses (over --max-doc-bytes) is named and skipped;
# it keeps its old coding and version, so the next run takes it again.
run recode --db t.db $DICTS --max-doc-bytes 60
expect "recode: a document that cannot be coded is named, skipped and counted; its old coding kept" 1 \
  'has_err "dyad recode: r3: "' 'has_err "3 skipped (3 not coded, 0 not stored)"' \
  '[ "$(sql t.db "SELECT e.source_code FROM events e JOIN documents d ON d.doc_key = e.doc WHERE d.id = '\''r3'\'' AND e.sentence = 0")" = JPNGOV ]' \
  '[ "$(sql t.db "SELECT dict_version FROM documents WHERE id = '\''r3'\''")" = "$OLDVER" ]'
run recode --db t.db $DICTS
expect "recode: the skipped documents are taken by the next run" 0 \
  'has_err "3 documents recoded"' 'has_err "2 already coded"' \
  'dump t.db | cmp -s - fresh.dump'

run recode --db nowhere.db
expect "recode: a missing database is named, not created (exit 5)" 5 \
  'has_err "no database at nowhere.db"' '[ ! -e nowhere.db ]'
run recode --db t.db --dict missing.txt
expect "recode: a dictionary that cannot be loaded (exit 3)" 3 'has_err "missing.txt"'
run recode --db t.db --jobs 0
expect "recode --jobs 0: a usage error" 2 'has_err "--jobs wants a number"'
run recode --db t.db --batch x
expect "recode --batch x: a usage error" 2 'has_err "--batch wants a number"'
run recode --db t.db --frobnicate
expect "recode: an unknown option is a usage error" 2 'has_err "unknown or incomplete option"'
run recode --db t.db --changes no/such/dir/c.jsonl
expect "recode --changes to a file that cannot be made: named, nothing recoded" 2 \
  'has_err "no/such/dir/c.jsonl"' 'dump t.db | cmp -s - fresh.dump'
run recode --help
expect "recode --help" 0 'grep -q "^usage: dyad recode" out' 'grep -q -- "--dry-run" out'

# ===== Passwords are never printed =====

# No server listens on port 1: every command fails to connect and names
# the URL, its password masked.
for cmd in recode ingest query stats; do
  for url in "postgresql://ann:s3cret@127.0.0.1:1/dyad" \
             "postgresql://127.0.0.1:1/dyad?user=ann&password=s3cret"; do
    run $cmd --db "$url" docs.jsonl
    [ "$cmd" = ingest ] || run $cmd --db "$url"
    expect "$cmd: a password in the URL is not printed ($url)" 5 \
      '! grep -q s3cret err' '! grep -q s3cret out' 'has_err "***"' \
      'has_err "127.0.0.1:1"'
  done
done

summary recode

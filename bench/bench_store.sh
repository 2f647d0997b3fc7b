#!/bin/sh
# bench_store.sh DYAD SHARED -- the cost of the store as it grows: `dyad
# ingest` of real news into SQLite and into PostgreSQL, then five typical
# `dyad query` runs, at 1x and 10x the corpus.
#
# The corpus: the <BODY> texts of Reuters-21578 ($SHARED/corpora/raw_news/
# reuters21578/*.sgm, with their dates, read as bench/bench.sh reads them)
# and the BBC articles ($SHARED/corpora/raw_news/bbc_news_2225/*/NNN.txt:
# the first line is the title; the set gives no dates, so they are stored
# undated), about 21,000 stories as JSON Lines {id, date, title, text}.
# 10x is that corpus 10 times: copy r (0..9) has ids suffixed "-rR" and its
# dates moved R years later, so the date queries range over ten years.
#
# Per backend and size: ingest documents/s (one run, wall clock, --jobs
# $STORE_BENCH_JOBS), events stored (dyad stats), database size on disk
# (SQLite: the file plus its -wal; PostgreSQL: pg_database_size, which
# includes the ~7.5 MB of an empty database's catalogue), and the time of
# five queries through `dyad query` (median of $STORE_BENCH_RUNS runs after
# one warm-up run, output to /dev/null):
#   a  one dyad's events by month   --dyad SRC:TGT --count-by month
#   b  top dyads of the last year   --since LAST-1y --count-by dyad --limit 20
#   c  full-text search             --text WORDS  (event rows as JSON Lines)
#   d  one actor's events           --actor SRC   (event rows as JSON Lines)
#   e  counts by root               --count-by root
# The dyad of (a) is the most frequent one with two actors in the 1x SQLite
# database, the actor of (d) its source; LAST is the last publication date
# of the corpus.  Then the ratio 10x/1x of every figure.
#
# PostgreSQL runs on a throwaway local cluster (tests/pg_cluster.sh: Unix
# socket, fsync off); without PostgreSQL's server binaries that part is
# skipped and the report says so.  After each ingest the PostgreSQL
# database gets VACUUM ANALYZE (autovacuum would do it in the background;
# the bench does not wait for it).
#
# Times are noisy on a loaded machine: when valgrind is installed each
# SQLite query is also run once under callgrind and its instruction count
# printed (the whole `dyad query` process, SQLite included; PostgreSQL's
# work is in its server, so not for PostgreSQL).
#
# Environment: STORE_BENCH_SCALES ("1 10"), STORE_BENCH_RUNS (5),
# STORE_BENCH_JOBS (2), STORE_BENCH_TEXT ("oil prices"),
# STORE_BENCH_BACKENDS ("sqlite postgresql"), STORE_BENCH_MAX_DOCS (0: the
# whole corpus; a smaller number for a quick trial), STORE_BENCH_DIR (a new
# directory for the corpus and the databases, kept afterwards for a look
# with EXPLAIN; default: a temporary directory, removed),
# STORE_BENCH_CALLGRIND (1; 0: no instruction counts).
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 DYAD SHARED" >&2
  exit 2
fi
DYAD=$1
SHARED=$2
case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RAW=$SHARED/corpora/raw_news
if [ ! -x "$DYAD" ]; then
  echo "bench_store: $DYAD is not an executable" >&2
  exit 2
fi
if ! ls "$RAW"/reuters21578/reut2-*.sgm > /dev/null 2>&1; then
  echo "bench_store: no Reuters-21578 SGML files in $RAW/reuters21578" >&2
  exit 2
fi

if [ -n "${STORE_BENCH_DIR:-}" ]; then
  TMP=$STORE_BENCH_DIR
  KEEP=yes
  if [ -e "$TMP" ]; then
    echo "bench_store: $TMP exists (STORE_BENCH_DIR must be a new directory)" >&2
    exit 2
  fi
  mkdir -p "$TMP"
else
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-bench-store.XXXXXX")
  KEEP=
fi
PGDIR=$TMP/pg
cleanup() {
  "$ROOT/tests/pg_cluster.sh" stop "$PGDIR" > /dev/null 2>&1 || true
  [ -n "$KEEP" ] || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$TMP"

BACKENDS=${STORE_BENCH_BACKENDS:-"sqlite postgresql"}
URL=
PSQL=
PG_NOTE=
case " $BACKENDS " in
*" postgresql "*)
  rc=0
  URL=$("$ROOT/tests/pg_cluster.sh" start "$PGDIR" 2> "$TMP/pg.err") || rc=$?
  if [ "$rc" -ne 0 ]; then
    PG_NOTE="PostgreSQL skipped: no local cluster could be started ($(head -n 1 "$TMP/pg.err"))"
    URL=
  else
    PSQL=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)/psql
  fi
  ;;
esac

python3 - "$DYAD" "$RAW" "$TMP" "$URL" "$PSQL" "$PG_NOTE" \
  "${STORE_BENCH_SCALES:-1 10}" "${STORE_BENCH_RUNS:-5}" \
  "${STORE_BENCH_JOBS:-2}" "${STORE_BENCH_TEXT:-oil prices}" "$BACKENDS" \
  "${STORE_BENCH_MAX_DOCS:-0}" "$(nproc)" "${STORE_BENCH_CALLGRIND:-1}" << 'EOF'
import glob, html, json, os, re, statistics, subprocess, sys, time

(dyad, raw, tmp, url, psql, pg_note, scales, runs, jobs, text_query,
 backends, max_docs, cores, use_cg) = sys.argv[1:15]
import shutil
valgrind = shutil.which("valgrind") if use_cg != "0" else None
scales = [int(s) for s in scales.split()]
runs, max_docs = int(runs), int(max_docs)
backends = [b for b in backends.split() if b != "postgresql" or url]

# ===== The corpus =====
MON = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
docs = []
for path in sorted(glob.glob(os.path.join(raw, "reuters21578", "reut2-*.sgm"))):
    rawtext = open(path, "rb").read().decode("latin-1")
    for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>',
                         rawtext, re.S):
        nid, story = m.group(1), m.group(2)
        body = re.search(r"<BODY>(.*?)</BODY>", story, re.S)
        if not body:
            continue
        d = re.search(r"<DATE>\s*(\d+)-([A-Z]+)-(\d{4})", story)
        date = ("%s-%02d-%02d" % (d.group(3), MON[d.group(2)], int(d.group(1)))
                if d and d.group(2) in MON else None)
        title = re.search(r"<TITLE>(.*?)</TITLE>", story, re.S)
        text = re.sub(r"&#(\d+);",
                      lambda x: "" if int(x.group(1)) < 32 else x.group(0),
                      body.group(1))
        text = html.unescape(text)
        text = re.sub(r"\s*Reuter\s*$", "", text).strip()
        if text:
            o = {"id": "reut-" + nid, "date": date, "text": text}
            if title:
                o["title"] = html.unescape(title.group(1)).strip()
            docs.append(o)
n_reuters = len(docs)
for path in sorted(glob.glob(os.path.join(raw, "bbc_news_2225", "*", "*.txt"))):
    lines = open(path, "rb").read().decode("latin-1").split("\n", 1)
    if len(lines) == 2 and lines[1].strip():
        cat = os.path.basename(os.path.dirname(path))
        docs.append({"id": "bbc-%s-%s" % (cat, os.path.basename(path)[:-4]),
                     "title": lines[0].strip(), "text": lines[1].strip()})
if max_docs:
    docs = docs[:max_docs]
if not docs:
    sys.exit("bench_store: no documents read from " + raw)
last_date = max(d["date"] for d in docs if d.get("date"))


def shifted(date, years):
    if not date or not years:
        return date
    y, rest = int(date[:4]) + years, date[4:]
    if rest == "-02-29" and not (y % 4 == 0 and (y % 100 or y % 400 == 0)):
        rest = "-02-28"
    return "%04d%s" % (y, rest)


corpus = {}
for scale in scales:
    path = os.path.join(tmp, "corpus-%dx.jsonl" % scale)
    with open(path, "w", encoding="utf-8") as f:
        for r in range(scale):
            for d in docs:
                o = dict(d)
                if r:
                    o["id"] = "%s-r%d" % (d["id"], r)
                    o["date"] = shifted(d.get("date"), r)
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
    corpus[scale] = (path, len(docs) * scale, os.path.getsize(path))


# ===== Runs =====
def run(cmd, out=subprocess.DEVNULL):
    p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("bench_store: %s failed (exit %d): %s" %
                 (" ".join(cmd), p.returncode,
                  p.stderr.decode(errors="replace")[:500]))
    return p


def psql_do(target, sql):
    return subprocess.run([psql, "-X", "-q", "-t", "-A", "-d", target, "-c",
                           sql], check=True, capture_output=True,
                          text=True).stdout.strip()


def timed(cmd):
    t0 = time.perf_counter()
    run(cmd)
    return time.perf_counter() - t0


def instructions(cmd):
    """The instructions of one run of cmd under callgrind, or None."""
    out = os.path.join(tmp, "callgrind.out")
    p = subprocess.run([valgrind, "--tool=callgrind",
                        "--callgrind-out-file=" + out] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    m = re.search(rb"Collected : (\d+)", p.stderr)
    if os.path.exists(out):
        os.remove(out)
    return int(m.group(1)) if p.returncode == 0 and m else None


def db_size(backend, db):
    if backend == "sqlite":
        return sum(os.path.getsize(db + x) for x in ("", "-wal")
                   if os.path.exists(db + x))
    return int(psql_do(db, "SELECT pg_database_size(current_database())"))


def stats_events(db):
    out = run([dyad, "stats", "--db", db, "--top", "1"],
              subprocess.PIPE).stdout.decode()
    return int(re.search(r"^events\s+(\d+)", out, re.M).group(1))


def last_year(date):
    return shifted(date, -1)


params = None
results = {}  # (backend, scale) -> dict
for backend in backends:
    for scale in scales:
        path, n_docs, n_bytes = corpus[scale]
        if backend == "sqlite":
            db = os.path.join(tmp, "store-%dx.db" % scale)
        else:
            name = "dyad_bench_%dx" % scale
            psql_do(url, "CREATE DATABASE " + name)
            db = re.sub(r"^(postgres(?:ql)?://[^/]*/)[^?]*", r"\g<1>" + name,
                        url)
        secs = timed([dyad, "ingest", "--db", db, "--quiet", "--jobs", jobs,
                      "--input", "jsonl", path])
        if backend != "sqlite":
            psql_do(db, "VACUUM ANALYZE")
        r = {"docs": n_docs, "ingest_s": secs, "docs_s": n_docs / secs,
             "events": stats_events(db), "size": db_size(backend, db)}
        if params is None:
            out = run([dyad, "query", "--db", db, "--count-by", "dyad",
                       "--limit", "100", "--format", "csv"],
                      subprocess.PIPE).stdout.decode().splitlines()[1:]
            pair = next((l.split(",")[0] for l in out
                         if re.match(r"^[^:,]+:[^:,]+,", l)), "USA:USA")
            params = {"dyad": pair, "actor": pair.split(":")[0],
                      "text": text_query}
        since = last_year(shifted(last_date, scale - 1))
        queries = [
            ("a", "dyad %s by month" % params["dyad"],
             ["--dyad", params["dyad"], "--count-by", "month"]),
            ("b", "top 20 dyads of the last year (--since)",
             ["--since", since, "--count-by", "dyad", "--limit", "20"]),
            ("c", "--text '%s'" % params["text"],
             ["--text", params["text"], "--format", "jsonl"]),
            ("d", "--actor %s" % params["actor"],
             ["--actor", params["actor"], "--format", "jsonl"]),
            ("e", "counts by root", ["--count-by", "root"]),
        ]
        r["queries"] = []
        for key, what, args in queries:
            cmd = [dyad, "query", "--db", db] + args
            rows = len(run(cmd, subprocess.PIPE).stdout.splitlines())  # warm-up
            ts = [timed(cmd) for _ in range(runs)]
            ins = (instructions(cmd) if valgrind and backend == "sqlite"
                   else None)
            r["queries"].append((key, what, statistics.median(ts), rows, ins))
        results[(backend, scale)] = r
        sys.stderr.write("bench_store: %s %dx done\n" % (backend, scale))
        sys.stderr.flush()

# ===== Report =====
def size_mb(b):
    return "%.1f MB" % (b / 1e6)


print("dyad store bench: Reuters-21578 (%d stories) + BBC (%d articles)" %
      (n_reuters if not max_docs else min(n_reuters, len(docs)),
       max(0, len(docs) - n_reuters)))
print("  corpus 1x           %d documents, %s of JSON Lines" %
      (len(docs), size_mb(os.path.getsize(corpus[scales[0]][0]) /
                          scales[0])))
print("  ingest              dyad ingest --jobs %s --input jsonl (one run, wall clock)" % jobs)
print("  queries             dyad query, output to /dev/null; median of %d "
      "runs after one warm-up run" % runs)
print("  cores (nproc)       %s; load average at the end %s" %
      (cores, " ".join(open("/proc/loadavg").read().split()[:3])
       if os.path.exists("/proc/loadavg") else "?"))
if pg_note:
    print("  " + pg_note)
print()
hdr = "%-10s %5s %9s %9s %9s %10s" % ("backend", "size", "docs", "docs/s",
                                        "events", "disk")
qk = [q[0] for q in results[(backends[0], scales[0])]["queries"]]
hdr += "".join(" %9s" % ("%s (ms)" % k) for k in qk)
print(hdr)
for backend in backends:
    for scale in scales:
        r = results[(backend, scale)]
        line = "%-10s %4dx %9d %9.0f %9d %10s" % (
            backend, scale, r["docs"], r["docs_s"], r["events"],
            size_mb(r["size"]))
        line += "".join(" %9.1f" % (1000 * q[2]) for q in r["queries"])
        print(line)
    if len(scales) > 1:
        a, b = results[(backend, scales[0])], results[(backend, scales[-1])]
        line = "%-10s %5s %9.1f %9.2f %9.1f %10.1f" % (
            backend, "%d/%d" % (scales[-1], scales[0]), b["docs"] / a["docs"],
            b["docs_s"] / a["docs_s"], b["events"] / max(1, a["events"]),
            b["size"] / a["size"])
        line += "".join(" %9.1f" % (qb[2] / qa[2])
                        for qa, qb in zip(a["queries"], b["queries"]))
        print(line)
if valgrind and "sqlite" in backends:
    print()
    print("SQLite queries, instructions (millions; one run under callgrind, "
          "the whole dyad query process):")
    print("%-10s %5s" % ("backend", "size") +
          "".join(" %9s" % k for k in qk))
    for scale in scales:
        print("%-10s %4dx" % ("sqlite", scale) + "".join(
            " %9s" % ("%.1f" % (q[4] / 1e6) if q[4] else "-")
            for q in results[("sqlite", scale)]["queries"]))
    if len(scales) > 1:
        a, b = results[("sqlite", scales[0])], results[("sqlite", scales[-1])]
        print("%-10s %5s" % ("sqlite", "%d/%d" % (scales[-1], scales[0])) +
              "".join(" %9s" % ("%.1f" % (qb[4] / qa[4])
                                if qa[4] and qb[4] else "-")
                      for qa, qb in zip(a["queries"], b["queries"])))
elif not valgrind:
    print()
    print("(valgrind not installed or STORE_BENCH_CALLGRIND=0: no "
          "instruction counts)")
print()
print("queries (rows of output at each size):")
for backend in backends[:1]:
    for i, key in enumerate(qk):
        what = results[(backend, scales[-1])]["queries"][i][1]
        rows = ", ".join("%dx %d" % (s, results[(backend, s)]["queries"][i][3])
                         for s in scales)
        print("  %s  %-40s %s" % (key, what, rows))
print("  (b: --since is the last publication date less one year: %s)" %
      ", ".join("%dx %s" % (s, last_year(shifted(last_date, s - 1)))
                for s in scales))
EOF

#!/bin/sh
# bench.sh DYAD SHARED -- throughput and peak memory of `dyad code` on real
# news: the <BODY> texts of Reuters-21578 ($SHARED/corpora/raw_news/
# reuters21578/*.sgm) as JSON Lines {id, date, text}, repeated until the text
# holds at least MIN_SENTENCES sentences.
#
# Sentences are counted by dyad's own splitter, through libdyad.so beside
# DYAD (python3 ctypes; the CLI does not report sentence counts).  Without
# libdyad.so they are estimated from sentence-final punctuation, and the
# report says so.
#
# The coding run is pinned to one core (taskset -c 0) and measured with
# /usr/bin/time -v (or, without it, by python3's os.wait4).  BENCH_RUNS runs
# (default 3): the fastest is reported, and the highest peak RSS.
#
# Environment: MIN_SENTENCES (100000), BENCH_RUNS (3).
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 DYAD SHARED" >&2
  exit 2
fi
DYAD=$1
SHARED=$2
MIN_SENTENCES=${MIN_SENTENCES:-100000}
BENCH_RUNS=${BENCH_RUNS:-3}
SRC=$SHARED/corpora/raw_news/reuters21578
BUILD=$(dirname "$DYAD")
OUT=$BUILD/bench
LIB=$BUILD/libdyad.so

if [ ! -x "$DYAD" ]; then
  echo "bench: $DYAD is not an executable" >&2
  exit 2
fi
if ! ls "$SRC"/reut2-*.sgm > /dev/null 2>&1; then
  echo "bench: no Reuters-21578 SGML files in $SRC" >&2
  exit 2
fi
mkdir -p "$OUT"
CORPUS=$OUT/reuters.jsonl
STATS=$OUT/reuters.stats

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# ===== The corpus =====
# Writes $CORPUS and, in $STATS, "docs bytes sentences method".
python3 - "$SRC" "$CORPUS" "$STATS" "$LIB" "$MIN_SENTENCES" <<'EOF'
import ctypes, glob, html, json, os, re, sys

src, corpus, stats, lib_path, min_sent = sys.argv[1:6]
min_sent = int(min_sent)
MON = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}

docs = []
for path in sorted(glob.glob(os.path.join(src, "reut2-*.sgm"))):
    raw = open(path, "rb").read().decode("latin-1")
    for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>',
                         raw, re.S):
        nid, story = m.group(1), m.group(2)
        body = re.search(r"<BODY>(.*?)</BODY>", story, re.S)
        if not body:
            continue
        d = re.search(r"<DATE>\s*(\d+)-([A-Z]+)-(\d{4})", story)
        date = ("%s-%02d-%02d" % (d.group(3), MON[d.group(2)], int(d.group(1)))
                if d and d.group(2) in MON else None)
        # Control characters written as &#N; go; entities are decoded.
        text = re.sub(r"&#(\d+);",
                      lambda x: "" if int(x.group(1)) < 32 else x.group(0),
                      body.group(1))
        text = html.unescape(text)
        text = re.sub(r"\s*Reuter\s*$", "", text).strip()
        if text:
            docs.append({"id": "reut-" + nid, "date": date, "text": text})


def count_with_dyad(texts):
    """Sentences by dyad's splitter, or None when libdyad.so is missing."""
    if not os.path.exists(lib_path):
        return None
    vp = ctypes.c_void_p
    lib = ctypes.CDLL(os.path.abspath(lib_path))
    lib.dyad_dict_open.argtypes = [ctypes.POINTER(vp), vp, ctypes.c_size_t,
                                   ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    lib.dyad_engine_new.argtypes = [ctypes.POINTER(vp), vp, vp]
    lib.dyad_code.argtypes = [vp, ctypes.c_char_p, ctypes.c_size_t, vp,
                              ctypes.POINTER(vp)]
    lib.dyad_doc_sentence_count.argtypes = [vp]
    lib.dyad_doc_sentence_count.restype = ctypes.c_size_t
    lib.dyad_doc_free.argtypes = [vp]
    lib.dyad_engine_free.argtypes = [vp]
    lib.dyad_dict_free.argtypes = [vp]
    d, e, err = vp(), vp(), ctypes.c_char_p()
    if lib.dyad_dict_open(ctypes.byref(d), None, 0, 0, ctypes.byref(err)):
        return None
    if lib.dyad_engine_new(ctypes.byref(e), d, None):
        lib.dyad_dict_free(d)
        return None
    n = 0
    for t in texts:
        doc = vp()
        if lib.dyad_code(e, t, len(t), None, ctypes.byref(doc)) == 0:
            n += lib.dyad_doc_sentence_count(doc)
            lib.dyad_doc_free(doc)
    lib.dyad_engine_free(e)
    lib.dyad_dict_free(d)
    return n


texts = [d["text"].encode("utf-8") for d in docs]
sent = count_with_dyad(texts)
method = "dyad"
if sent is None:
    method = "estimated"
    sent = sum(len(re.findall(rb'[.!?]["\')]*(?=\s|$)', t)) for t in texts)
if not docs or not sent:
    sys.exit("bench: no text found in " + src)

reps = -(-min_sent // sent)  # ceiling
n_docs = n_bytes = 0
with open(corpus, "w", encoding="utf-8") as f:
    for r in range(reps):
        for d in docs:
            o = dict(d)
            if r:
                o["id"] = "%s-r%d" % (d["id"], r + 1)
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
            n_docs += 1
            n_bytes += len(o["text"].encode("utf-8"))
with open(stats, "w") as f:
    f.write("%d %d %d %s %d\n" % (n_docs, n_bytes, sent * reps, method, reps))
EOF

read -r DOCS TEXT_BYTES SENTENCES METHOD REPS < "$STATS"
FILE_BYTES=$(wc -c < "$CORPUS" | tr -d ' ')

# ===== Runs =====
PIN=
if command -v taskset > /dev/null 2>&1 && taskset -c 0 true 2> /dev/null; then
  PIN="taskset -c 0"
fi
TIMER=python
if [ -x /usr/bin/time ] && /usr/bin/time -v true > /dev/null 2>&1; then
  TIMER=gnu
fi

# measure FILE: one run of `dyad code --input jsonl FILE`; appends
# "seconds maxrss_kib exit" to $TMP/runs.
measure() {
  if [ "$TIMER" = gnu ]; then
    rc=0
    $PIN /usr/bin/time -v "$DYAD" code --input jsonl "$1" > /dev/null 2> "$TMP/time" || rc=$?
    python3 - "$TMP/time" "$rc" >> "$TMP/runs" <<'EOF'
import re, sys
t = open(sys.argv[1], errors="replace").read()
el = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
secs = int(el.group(1) or 0) * 3600 + int(el.group(2)) * 60 + float(el.group(3))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
print("%.3f %d %s" % (secs, rss, sys.argv[2]))
EOF
  else
    python3 - "$1" $PIN "$DYAD" >> "$TMP/runs" <<'EOF'
import os, subprocess, sys, time
f, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
p = subprocess.Popen(cmd + ["code", "--input", "jsonl", f],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
print("%.3f %d %d" % (time.perf_counter() - t0, ru.ru_maxrss,
                      os.waitstatus_to_exitcode(status)))
EOF
  fi
}

: > "$TMP/runs"
i=0
while [ "$i" -lt "$BENCH_RUNS" ]; do
  measure "$CORPUS"
  i=$((i + 1))
done

# Start-up: an empty input, 10 runs, the median.
: > "$TMP/empty.jsonl"
STARTUP=$(python3 - "$DYAD" "$TMP/empty.jsonl" <<'EOF'
import subprocess, sys, time
ts = []
for _ in range(10):
    t0 = time.perf_counter()
    subprocess.run([sys.argv[1], "code", "--input", "jsonl", sys.argv[2]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.perf_counter() - t0)
ts.sort()
print("%.1f" % (1000 * ts[len(ts) // 2]))
EOF
)

# ===== Report =====
python3 - "$TMP/runs" "$DOCS" "$TEXT_BYTES" "$FILE_BYTES" "$SENTENCES" \
  "$METHOD" "$REPS" "$STARTUP" "$(nproc)" "${PIN:-none}" "$TIMER" "$CORPUS" <<'EOF'
import sys
(runs, docs, tbytes, fbytes, sent, method, reps, startup, cores, pin, timer,
 corpus) = sys.argv[1:13]
rows = [l.split() for l in open(runs) if l.strip()]
bad = [r for r in rows if r[2] != "0"]
secs = min(float(r[0]) for r in rows)
rss = max(int(r[1]) for r in rows) / 1024.0
docs, tbytes, fbytes, sent = int(docs), int(tbytes), int(fbytes), int(sent)
print("dyad bench: Reuters-21578 bodies%s" %
      ("" if reps == "1" else " (repeated %s times)" % reps))
print("  corpus              %s" % corpus)
print("  documents           %d" % docs)
print("  bytes               %d of text (%d of JSON Lines)" % (tbytes, fbytes))
print("  sentences           %d%s" % (sent, "" if method == "dyad" else
      " (ESTIMATED from sentence-final punctuation: libdyad.so not found)"))
print("  seconds             %.2f (fastest of %d runs; pinned: %s; timer: %s)" %
      (secs, len(rows), pin, "/usr/bin/time -v" if timer == "gnu" else "python3 wait4"))
print("  sentences/s         %.0f" % (sent / secs))
print("  MB/s                %.2f (text bytes, 1 MB = 10^6 bytes)" % (tbytes / secs / 1e6))
print("  peak RSS (MB)       %.1f (MiB)" % rss)
print("  start-up (ms)       %s (empty input, median of 10)" % startup)
print("  cores (nproc)       %s" % cores)
if bad:
    print("  WARNING: dyad exited %s" % ", ".join(sorted(set(r[2] for r in bad))))
    sys.exit(1)
EOF

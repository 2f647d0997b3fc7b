#!/usr/bin/env python3
"""bench.py DYAD SHARED -- what `make bench` measures (bench/bench.sh runs it).

The corpus: the <BODY> texts of Reuters-21578 ($SHARED/corpora/raw_news/
reuters21578/*.sgm) and the BBC News articles ($SHARED/corpora/raw_news/
bbc_news_2225, dated 2005-06-30: they carry no date), in one fixed order
(a seeded shuffle, so every prefix mixes both), as JSON Lines {id, date,
text}, repeated (new ids) until it holds MIN_SENTENCES sentences, counted
by dyad's own splitter through libdyad.so beside DYAD (python3 ctypes;
without it they are estimated from sentence-final punctuation, and the
report says so).  Written to BUILD/bench/corpus.jsonl.

Measured, for dyad's own dictionaries and for the full Phoenix set of
PETRARCH-2 (Phoenix.Countries/International/MilNonState actors, agents,
discards, CAMEO.2.0.txt verbs; loaded with --no-builtin --dict ...):
  - start-up: `dyad code` on empty input (wall, median of 10; CPU, least)
  - dictionary load: dyad_dict_open timed in-process through libdyad.so
    (else start-up CPU less that of --no-builtin with no file)
  - one core: the corpus through `taskset -c 0 dyad code` -- seconds
    (wall and CPU), sentences/s, MB/s of text, peak resident memory
  - all cores: the same with --jobs N (N = nproc), and the speed-up
  - instructions per sentence: valgrind --tool=callgrind on the first
    CALLGRIND_SENTENCES sentences, less the instructions of empty input;
    and the functions that cost most (callgrind_annotate)
Then, with dyad's dictionaries on one core: 1x, 4x and 16x (the whole
corpus is 16x) and the ratio of their times; memory against input: a
generator streams STREAM_SMALL_MB and then STREAM_MB of the corpus's
documents (new ids, nothing written to disk) through a pipe into
`dyad code --jobs N -`, sampling resident memory as it goes; and the
pathological sizes of tests/complexity.py at n and 4n.  A summary table
ends the report.

Times come from wait4 (CPU = user + system) and a monotonic clock (wall);
peak RSS from /usr/bin/time's %M (dyad's own high-water mark).  On a loaded machine wall time is noisy: CPU time
and callgrind's instruction counts are the repeatable figures.

Environment:
  BENCH_QUICK=1          small sizes everywhere (a minute or two)
  MIN_SENTENCES          corpus size (1000000; quick 40000)
  BENCH_RUNS             runs of each timed corpus pass, fastest kept (1)
  BENCH_JOBS             threads for the all-cores runs (nproc)
  CALLGRIND_SENTENCES    slice for callgrind (10000; quick 1000)
  STREAM_MB, STREAM_SMALL_MB   stream sizes in MB (2048 and 100; quick 200, 20)
  BENCH_SKIP             comma list of parts to leave out: own, phoenix
                         (a dictionary set), startup, onecore, alljobs,
                         callgrind (for each set), scaling, stream,
                         complexity
  BENCH_DIR              where the corpus is written (BUILD/bench)
"""
import ctypes
import glob
import html
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PHOENIX = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
           "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt",
           "Phoenix.discards.txt", "CAMEO.2.0.txt"]
MON = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def env_int(name, default, quick_default):
    v = os.environ.get(name)
    if v:
        return int(v)
    return quick_default if QUICK else default


QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SKIP = set(x.strip() for x in os.environ.get("BENCH_SKIP", "").split(",")
           if x.strip())


def say(*a):
    print(*a, flush=True)


# ===== The corpus =====

def reuters_docs(src):
    docs = []
    for path in sorted(glob.glob(os.path.join(src, "reut2-*.sgm"))):
        raw = open(path, "rb").read().decode("latin-1")
        for m in re.finditer(
                r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', raw, re.S):
            nid, story = m.group(1), m.group(2)
            body = re.search(r"<BODY>(.*?)</BODY>", story, re.S)
            if not body:
                continue
            d = re.search(r"<DATE>\s*(\d+)-([A-Z]+)-(\d{4})", story)
            date = ("%s-%02d-%02d" % (d.group(3), MON[d.group(2)],
                                      int(d.group(1)))
                    if d and d.group(2) in MON else None)
            # Control characters written as &#N; go; entities are decoded.
            text = re.sub(r"&#(\d+);",
                          lambda x: "" if int(x.group(1)) < 32 else x.group(0),
                          body.group(1))
            text = html.unescape(text)
            text = re.sub(r"\s*Reuter\s*$", "", text).strip()
            if text:
                docs.append({"id": "reut-" + nid, "date": date, "text": text})
    return docs


def bbc_docs(src):
    docs = []
    for path in sorted(glob.glob(os.path.join(src, "*", "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read().strip()
        if text:
            rel = os.path.relpath(path, src)
            docs.append({"id": "bbc-" + rel[:-4].replace("/", "-"),
                         "date": "2005-06-30", "text": text})
    return docs


def lib_key(lib_path):
    try:
        st = os.stat(lib_path)
        return "%d-%d" % (st.st_size, st.st_mtime_ns)
    except OSError:
        return "none"


def count_with_dyad(lib_path, texts):
    """Sentences of each text by dyad's splitter, or None without
    libdyad.so."""
    if not os.path.exists(lib_path):
        return None
    vp = ctypes.c_void_p
    lib = ctypes.CDLL(os.path.abspath(lib_path))
    lib.dyad_dict_open.argtypes = [ctypes.POINTER(vp), vp, ctypes.c_size_t,
                                   ctypes.c_int,
                                   ctypes.POINTER(ctypes.c_char_p)]
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
    out = []
    for t in texts:
        doc = vp()
        n = 0
        if lib.dyad_code(e, t, len(t), None, ctypes.byref(doc)) == 0:
            n = lib.dyad_doc_sentence_count(doc)
            lib.dyad_doc_free(doc)
        out.append(n)
    lib.dyad_engine_free(e)
    lib.dyad_dict_free(d)
    return out


class Corpus:
    """The base documents (one copy) with their sentence counts; prefixes
    of the repeated corpus are written on demand."""

    def __init__(self, shared, lib_path, cache_dir):
        raw = os.path.join(shared, "corpora", "raw_news")
        rdocs = reuters_docs(os.path.join(raw, "reuters21578"))
        bdocs = bbc_docs(os.path.join(raw, "bbc_news_2225"))
        if not rdocs:
            sys.exit("bench: no Reuters-21578 text in " + raw)
        self.n_reuters, self.n_bbc = len(rdocs), len(bdocs)
        docs = rdocs + bdocs
        random.Random(21578).shuffle(docs)
        texts = [d["text"].encode("utf-8") for d in docs]
        # The counts are kept beside the corpus, for the same documents and
        # the same libdyad.so (its size and time), so a second run (or
        # several parts run at once) does not code the base again.
        cache = os.path.join(cache_dir, "base.counts")
        key = "%d %s" % (len(docs), lib_key(lib_path))
        counts = None
        try:
            with open(cache) as f:
                if f.readline().strip() == key:
                    counts = [int(x) for x in f.read().split()]
            if len(counts) != len(docs):
                counts = None
        except (OSError, ValueError, TypeError):
            counts = None
        if counts is None:
            counts = count_with_dyad(lib_path, texts)
            if counts is not None:
                with open(cache + ".tmp", "w") as f:
                    f.write(key + "\n" + " ".join(map(str, counts)) + "\n")
                os.replace(cache + ".tmp", cache)
        self.method = "dyad"
        if counts is None:
            self.method = "estimated"
            counts = [len(re.findall(rb'[.!?]["\')]*(?=\s|$)', t))
                      for t in texts]
        self.docs = docs
        self.counts = counts
        self.tbytes = [len(t) for t in texts]
        # One JSON line per document without its id, for the stream.
        self.rest = [json.dumps({"date": d["date"], "text": d["text"]},
                                ensure_ascii=False)[1:].encode("utf-8")
                     for d in docs]
        self.sentences = sum(counts)
        if not self.sentences:
            sys.exit("bench: no sentences found")

    def line(self, i, rep):
        d = self.docs[i]
        ident = d["id"] if rep == 0 else "%s-r%d" % (d["id"], rep + 1)
        return b'{"id":' + json.dumps(ident).encode() + b"," + self.rest[i] + b"\n"

    def write(self, path, min_sentences):
        """Writes the corpus prefix holding at least min_sentences
        sentences (whole documents); returns (docs, text bytes,
        sentences, file bytes, copies)."""
        n_docs = n_bytes = n_sent = 0
        rep = 0
        with open(path, "wb") as f:
            while n_sent < min_sentences:
                for i in range(len(self.docs)):
                    if n_sent >= min_sentences:
                        break
                    f.write(self.line(i, rep))
                    n_docs += 1
                    n_bytes += self.tbytes[i]
                    n_sent += self.counts[i]
                rep += 1
        return (n_docs, n_bytes, n_sent, os.path.getsize(path),
                n_sent / self.sentences)


# ===== Running dyad =====

TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
RSS_FILE = os.path.join(tempfile.gettempdir(),
                        "dyad-bench-rss.%d" % os.getpid())


def timed(cmd):
    """cmd under /usr/bin/time, which writes dyad's peak RSS to RSS_FILE.
    A child of this (large) python process would report python's RSS as
    its own peak (Linux keeps the high-water mark across fork and exec);
    one of /usr/bin/time does not."""
    if not TIME:
        return cmd
    return [TIME, "-f", "%M", "-o", RSS_FILE] + cmd


def peak_rss(ru):
    """dyad's peak RSS in KiB after a timed() run."""
    if TIME:
        try:
            with open(RSS_FILE) as f:
                return int(f.read().split()[-1])
        except (OSError, ValueError, IndexError):
            return 0
    return ru.ru_maxrss


def run(cmd):
    """Runs cmd; returns (wall s, CPU s, peak RSS KiB, exit status).  CPU
    is user + system of the child and its children (wait4)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(timed(cmd), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return (wall, ru.ru_utime + ru.ru_stime, peak_rss(ru),
            os.waitstatus_to_exitcode(status))


def best_of(cmd, runs):
    """The fastest of runs runs by wall time; the highest peak RSS; the
    worst exit status."""
    rs = [run(cmd) for _ in range(runs)]
    wall = min(r[0] for r in rs)
    cpu = min(r[1] for r in rs)
    return wall, cpu, max(r[2] for r in rs), max(r[3] for r in rs)


class Bench:
    def __init__(self, dyad, shared):
        self.dyad = dyad
        self.shared = shared
        build = os.path.dirname(dyad) or "."
        self.out = os.environ.get("BENCH_DIR") or os.path.join(build, "bench")
        os.makedirs(self.out, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="dyad-bench.")
        self.cores = os.cpu_count() or 1
        self.jobs = env_int("BENCH_JOBS", self.cores, self.cores)
        self.runs = env_int("BENCH_RUNS", 1, 1)
        self.min_sentences = env_int("MIN_SENTENCES", 1000000, 40000)
        self.cg_sentences = env_int("CALLGRIND_SENTENCES", 10000, 1000)
        self.stream_mb = env_int("STREAM_MB", 2048, 200)
        self.stream_small_mb = env_int("STREAM_SMALL_MB", 100, 20)
        self.pin = []
        if shutil.which("taskset") and subprocess.run(
                ["taskset", "-c", "0", "true"]).returncode == 0:
            self.pin = ["taskset", "-c", "0"]
        self.summary = []  # (label, figure, target)
        self.failed = []

    def note(self, label, figure, target=""):
        self.summary.append((label, figure, target))

    # ----- start-up and dictionary load -----
    def dict_load(self, paths):
        """Seconds dyad_dict_open takes in this process (libdyad.so through
        ctypes): the least of 5 wall and CPU times, or None without the
        library.  paths: the --dict files (None: the built-in ones)."""
        lib_path = os.path.join(os.path.dirname(self.dyad) or ".",
                                "libdyad.so")
        if not os.path.exists(lib_path):
            return None
        vp = ctypes.c_void_p
        lib = ctypes.CDLL(os.path.abspath(lib_path))
        lib.dyad_dict_open.argtypes = [ctypes.POINTER(vp),
                                       ctypes.POINTER(ctypes.c_char_p),
                                       ctypes.c_size_t, ctypes.c_int,
                                       ctypes.POINTER(ctypes.c_char_p)]
        lib.dyad_dict_free.argtypes = [vp]
        arr, n, flags = None, 0, 0
        if paths:
            n = len(paths)
            arr = (ctypes.c_char_p * n)(*[p.encode() for p in paths])
            flags = 1  # DYAD_DICT_NO_BUILTIN
        walls, cpus = [], []
        for _ in range(5):
            d, err = vp(), ctypes.c_char_p()
            t0, c0 = time.perf_counter(), time.process_time()
            rc = lib.dyad_dict_open(ctypes.byref(d), arr, n, flags,
                                    ctypes.byref(err))
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            if rc:
                return None
            lib.dyad_dict_free(d)
        return min(walls), min(cpus)

    def startup(self, dict_args):
        empty = os.path.join(self.tmp, "empty.jsonl")
        open(empty, "wb").close()

        def sample(args):
            walls, cpus = [], []
            for _ in range(10):
                w, c, _, rc = run([self.dyad, "code", "--input", "jsonl"] +
                                  args + [empty])
                if rc:
                    self.failed.append("start-up exit %d" % rc)
                walls.append(w)
                cpus.append(c)
            return statistics.median(walls), min(cpus)

        w, c = sample(dict_args)
        w0, c0 = sample(["--no-builtin"])
        return w, c, max(c - c0, 0.0), w0, c0

    # ----- instructions per sentence -----
    def callgrind(self, dict_args, label):
        if not shutil.which("valgrind"):
            return None
        sl = os.path.join(self.tmp, "slice.jsonl")
        docs, _, sent, _, _ = self.corpus.write(sl, self.cg_sentences)
        empty = os.path.join(self.tmp, "empty.jsonl")
        open(empty, "wb").close()
        res = {}
        for name, path in (("slice", sl), ("empty", empty)):
            cg = os.path.join(self.tmp, "cg.%s.%s" % (label, name))
            rc = subprocess.run(
                ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cg,
                 self.dyad, "code", "--input", "jsonl"] + dict_args + [path],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            ).returncode
            ir = None
            if os.path.exists(cg):
                for l in open(cg, errors="replace"):
                    if l.startswith("summary:") or l.startswith("totals:"):
                        ir = int(l.split()[1])
            if rc or ir is None:
                self.failed.append("callgrind %s %s (exit %d)" %
                                   (label, name, rc))
                return None
            res[name] = (ir, cg)
        ir_s, ir_e = res["slice"][0], res["empty"][0]
        # The costliest functions of the coding itself: each function's
        # instructions on the slice less those on empty input (start-up).
        top = []
        if shutil.which("callgrind_annotate"):
            per = {}
            for name, sign in (("slice", 1), ("empty", -1)):
                a = subprocess.run(["callgrind_annotate", "--threshold=100",
                                    res[name][1]], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
                for l in a.stdout.decode(errors="replace").splitlines():
                    m = re.match(r"\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?"
                                 r"(\S+:\S+)", l)
                    if (m and "PROGRAM TOTALS" not in l and
                            not m.group(2).split(":", 1)[1].startswith("0x")):
                        key = m.group(2)
                        per[key] = per.get(key, 0) + sign * int(
                            m.group(1).replace(",", ""))
            for key, ir in sorted(per.items(), key=lambda kv: -kv[1])[:10]:
                top.append("%5.1f%% %s" % (100.0 * ir / max(ir_s - ir_e, 1),
                                           key.split(":", 1)[1]))
        return dict(docs=docs, sent=sent, ir_slice=ir_s, ir_empty=ir_e,
                    per_sentence=(ir_s - ir_e) / sent, top=top)

    # ----- throughput on one dictionary set -----
    def throughput(self, label, dict_args, dict_files=None):
        say("")
        say("== %s" % label)
        res = {}
        if "startup" not in SKIP:
            self.startup_and_load(dict_args, dict_files, res)
        if "onecore" not in SKIP:
            self.one_core(label, dict_args, res)
        if "alljobs" not in SKIP:
            self.all_cores(label, dict_args, res)
        if "callgrind" not in SKIP:
            self.instructions(label, dict_args, res)
        return res

    def startup_and_load(self, dict_args, dict_files, res):
        w, c, load, w0, c0 = self.startup(dict_args)
        say("  start-up (ms)       %.1f (empty input, median of 10 wall; "
            "CPU %.1f, least of 10)" % (1000 * w, 1000 * c))
        dl = self.dict_load(dict_files)
        if dl:
            load = dl[1]
            say("  dictionary load (ms) %.1f CPU, %.1f wall (dyad_dict_open, "
                "least of 5)" % (1000 * dl[1], 1000 * dl[0]))
        else:
            say("  dictionary load (ms) %.1f (start-up CPU less --no-builtin's "
                "%.1f ms)" % (1000 * load, 1000 * c0))
        res.update(startup_ms=1000 * w, startup_cpu_ms=1000 * c,
                   load_ms=1000 * load)

    def one_core(self, label, dict_args, res):
        sent, tb = self.stats[2], self.stats[1]
        cmd = self.pin + [self.dyad, "code", "--input", "jsonl"] + dict_args + \
            [self.corpus_path]
        wall, cpu, rss, rc = best_of(cmd, self.runs)
        if rc:
            self.failed.append("%s one core: exit %d" % (label, rc))
        say("  seconds             %.2f (fastest of %d runs; pinned: %s; "
            "timer: wall clock, CPU %.2f s)" %
            (wall, self.runs, " ".join(self.pin) or "none", cpu))
        say("  sentences/s         %.0f (%.0f per CPU second)" %
            (sent / wall, sent / cpu))
        say("  MB/s                %.2f (text bytes, 1 MB = 10^6 bytes; "
            "%.2f per CPU second)" % (tb / wall / 1e6, tb / cpu / 1e6))
        say("  peak RSS (MB)       %.1f (MiB)" % (rss / 1024.0))
        res.update(one_wall=wall, one_cpu=cpu, one_rss=rss / 1024.0,
                   one_sps=sent / wall, one_cpu_sps=sent / cpu,
                   one_mbs=tb / wall / 1e6)

    def all_cores(self, label, dict_args, res):
        sent, tb = self.stats[2], self.stats[1]
        cmd = [self.dyad, "code", "--input", "jsonl", "--jobs",
               str(self.jobs)] + dict_args + [self.corpus_path]
        wj, cj, rj, rcj = best_of(cmd, self.runs)
        if rcj:
            self.failed.append("%s --jobs %d: exit %d" %
                               (label, self.jobs, rcj))
        wall = res.get("one_wall")
        say("  all cores: --jobs %d  %.2f s, %.0f sentences/s, %.2f MB/s, "
            "%s, peak RSS %.1f MiB (CPU %.2f s)" %
            (self.jobs, wj, sent / wj, tb / wj / 1e6,
             "%.2fx one core" % (wall / wj) if wall else "one core not run",
             rj / 1024.0, cj))
        res.update(all_wall=wj, all_sps=sent / wj, all_mbs=tb / wj / 1e6,
                   all_rss=rj / 1024.0, all_cpu=cj)
        if wall:
            res["speedup"] = wall / wj

    def instructions(self, label, dict_args, res):
        cg = self.callgrind(dict_args, label.split()[0])
        if cg:
            say("  instructions/sentence %.0f (callgrind: %d sentences, "
                "%d documents; %.3g instructions less %.3g for empty "
                "input)" % (cg["per_sentence"], cg["sent"], cg["docs"],
                            cg["ir_slice"], cg["ir_empty"]))
            say("  callgrind's costliest functions (self instructions "
                "less start-up's, share of the coding's):")
            for t in cg["top"]:
                say("      " + t)
            res["ir"] = cg["per_sentence"]
            res["ir_empty"] = cg["ir_empty"]

    # ----- 1x, 4x, 16x -----
    def scaling(self):
        say("")
        say("== Linear cost: 1x, 4x and 16x the corpus (dyad's dictionaries, "
            "one core)")
        rows = []
        for k in (1, 4):
            path = os.path.join(self.tmp, "scale%d.jsonl" % k)
            st = self.corpus.write(path, self.stats[2] * k // 16)
            cmd = self.pin + [self.dyad, "code", "--input", "jsonl", path]
            wall, cpu, rss, rc = best_of(cmd, self.runs)
            rows.append((k, st[2], st[1], wall, cpu, rss))
            os.unlink(path)
        own = self.results.get("own", {})
        if "one_wall" in own:
            rows.append((16, self.stats[2], self.stats[1], own["one_wall"],
                         own["one_cpu"], own["one_rss"] * 1024))
        else:
            cmd = self.pin + [self.dyad, "code", "--input", "jsonl",
                              self.corpus_path]
            wall, cpu, rss, rc = best_of(cmd, self.runs)
            rows.append((16, self.stats[2], self.stats[1], wall, cpu, rss))
        say("  %-5s %10s %12s %9s %9s %11s %11s %9s" %
            ("size", "sentences", "text bytes", "wall s", "CPU s",
             "wall ratio", "CPU ratio", "RSS MiB"))
        for k, s, b, w, c, r in rows:
            say("  %-5s %10d %12d %9.2f %9.2f %11.2f %11.2f %9.1f" %
                ("%dx" % k, s, b, w, c, w / rows[0][3], c / rows[0][4],
                 r / 1024.0))
        say("  (linear: ratios near 4 and 16; each size is a prefix of the "
            "corpus, 16x is the one-core run above)")
        self.note("1x/4x/16x CPU ratio", "%.2f / %.2f" %
                  (rows[1][4] / rows[0][4], rows[2][4] / rows[0][4]),
                  "4 / 16")

    # ----- memory against input size -----
    def stream(self, mb):
        """Streams mb MB of the corpus's documents into dyad code --jobs N
        through a pipe; returns (bytes, docs, wall, peak RSS KiB, samples,
        exit status)."""
        limit = mb * 1000000
        p = subprocess.Popen(timed([self.dyad, "code", "--input", "jsonl",
                                    "--jobs", str(self.jobs), "-"]),
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        watch = p.pid  # dyad itself: /usr/bin/time's child
        for _ in range(100):
            kids = child_pids(p.pid) if TIME else [p.pid]
            if kids:
                watch = kids[0]
                break
            time.sleep(0.05)
        t0 = time.perf_counter()
        sent = docs = 0
        samples = []
        mark = limit // 10
        rep = 0
        try:
            while sent < limit:
                buf = []
                for i in range(len(self.corpus.docs)):
                    buf.append(self.corpus.line(i, rep))
                    if len(buf) == 256:
                        data = b"".join(buf)
                        p.stdin.write(data)
                        sent += len(data)
                        docs += len(buf)
                        buf = []
                        if sent >= mark:
                            rss, hwm = rss_kib(watch)
                            samples.append((sent, rss))
                            say("     %6.0f MB sent: resident %6.1f MiB, peak "
                                "so far %6.1f MiB, %.0f s" %
                                (sent / 1e6, rss / 1024.0, hwm / 1024.0,
                                 time.perf_counter() - t0))
                            mark += limit // 10
                        if sent >= limit:
                            break
                if buf and sent < limit:
                    data = b"".join(buf)
                    p.stdin.write(data)
                    sent += len(data)
                    docs += len(buf)
                rep += 1
            p.stdin.close()
        except BrokenPipeError:
            pass
        _, status, ru = os.wait4(p.pid, 0)
        return (sent, docs, time.perf_counter() - t0, peak_rss(ru), samples,
                os.waitstatus_to_exitcode(status))

    def memory(self):
        say("")
        say("== Memory against input size: JSON Lines streamed through a pipe"
            " into `dyad code --jobs %d -`" % self.jobs)
        say("   (the corpus's documents with new ids from a generator; "
            "nothing written to disk)")
        rows = []
        for mb in (self.stream_small_mb, self.stream_mb):
            say("  %d MB:" % mb)
            b, d, w, rss, samples, rc = self.stream(mb)
            if rc:
                self.failed.append("stream %d MB: exit %d" % (mb, rc))
            say("  %6.0f MB  %8d documents  %8.1f s  %6.2f MB/s  peak RSS "
                "%6.1f MiB  exit %d" % (b / 1e6, d, w, b / w / 1e6,
                                        rss / 1024.0, rc))
            say("     resident memory at each tenth of the input (MiB): " +
                " ".join("%.0f" % (r / 1024.0) for _, r in samples if r))
            rows.append((b, rss))
        say("  peak RSS ratio (%.0f MB / %.0f MB): %.2f (flat: near 1; the "
            "input ratio is %.0f)" % (rows[1][0] / 1e6, rows[0][0] / 1e6,
                                     rows[1][1] / rows[0][1],
                                     rows[1][0] / rows[0][0]))
        self.note("stream peak RSS", "%.0f MiB (%.0f MB) vs %.0f MiB (%.0f MB)" %
                  (rows[1][1] / 1024.0, rows[1][0] / 1e6, rows[0][1] / 1024.0,
                   rows[0][0] / 1e6), "flat")

    # ----- pathological sizes -----
    def complexity(self):
        say("")
        say("== Pathological sizes at n and 4n (tests/complexity.py; dyad's "
            "dictionaries; CPU s, start-up included)")
        here = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, os.path.join(here, "..", "tests"))
        import complexity
        rows = complexity.bench(self.dyad, QUICK)
        worst = max((r[2][1][1] / max(r[2][0][1], 0.001), r[0]) for r in rows)
        self.note("pathological 4n/n CPU", "worst %.2f (%s)" % worst, "~4")

    # ----- everything -----
    def main(self):
        say("dyad bench: Reuters-21578 bodies + BBC News articles%s" %
            (" (BENCH_QUICK: small sizes)" if QUICK else ""))
        load = os.getloadavg()
        say("  machine             %d cores (nproc); load average %.1f %.1f "
            "%.1f at start%s" % (self.cores, load[0], load[1], load[2],
                                 "; a loaded machine: wall times are noisy, "
                                 "CPU times and instruction counts are "
                                 "steadier" if load[0] > self.cores / 2
                                 else ""))
        lib = os.path.join(os.path.dirname(self.dyad) or ".", "libdyad.so")
        self.corpus = Corpus(self.shared, lib, self.out)
        self.corpus_path = os.path.join(self.out, "corpus.jsonl")
        self.stats = self.corpus.write(self.corpus_path, self.min_sentences)
        docs, tb, sent, fb, copies = self.stats
        say("  corpus              %s" % self.corpus_path)
        say("  base                %d Reuters + %d BBC documents, %d "
            "sentences; repeated %.2f times" %
            (self.corpus.n_reuters, self.corpus.n_bbc, self.corpus.sentences,
             copies))
        say("  documents           %d" % docs)
        say("  bytes               %d of text (%d of JSON Lines)" % (tb, fb))
        say("  sentences           %d%s" % (sent, "" if self.corpus.method ==
                                             "dyad" else
                                             " (ESTIMATED from sentence-final "
                                             "punctuation: libdyad.so not "
                                             "found)"))
        say("  cores (nproc)       %d" % self.cores)
        self.results = {}
        if "own" not in SKIP:
            self.results["own"] = self.throughput("dyad's own dictionaries",
                                                  [])
        pdir = os.path.join(self.shared, "peers", "petrarch2", "petrarch2",
                            "data", "dictionaries")
        if "phoenix" not in SKIP:
            paths = [os.path.join(pdir, f) for f in PHOENIX]
            missing = [p for p in paths if not os.path.exists(p)]
            if missing:
                say("\n== Phoenix dictionaries: not found (%s)" % missing[0])
            else:
                args = ["--no-builtin"]
                for p in paths:
                    args += ["--dict", p]
                self.results["phoenix"] = self.throughput(
                    "Phoenix dictionaries (PETRARCH-2: %s)" % ", ".join(PHOENIX),
                    args, paths)
        if "scaling" not in SKIP:
            self.scaling()
        if "complexity" not in SKIP:
            self.complexity()
        if "stream" not in SKIP:
            self.memory()
        self.table()
        shutil.rmtree(self.tmp, ignore_errors=True)
        if os.path.exists(RSS_FILE):
            os.unlink(RSS_FILE)
        if self.failed:
            say("WARNING: " + "; ".join(self.failed))
            return 1
        return 0

    def table(self):
        say("")
        say("== Summary (%d cores; issue 6's targets on the right)" % self.cores)
        cols = [k for k in ("own", "phoenix") if k in self.results]
        names = {"own": "dyad dicts", "phoenix": "Phoenix"}
        say("  %-30s %s %s" % ("", " ".join("%14s" % names[c] for c in cols),
                               "   target"))
        lines = [
            ("sentences/s, one core (wall)", "one_sps", "%.0f", ">= 100000"),
            ("sentences/s per CPU second", "one_cpu_sps", "%.0f", ""),
            ("MB/s, one core (wall)", "one_mbs", "%.2f", ""),
            ("sentences/s, all cores", "all_sps", "%.0f", ""),
            ("speed-up, all cores", "speedup", "%.2fx", ">= 1.8x on 2"),
            ("peak RSS, one core (MiB)", "one_rss", "%.1f", "< 200 (Phoenix)"),
            ("peak RSS, all cores (MiB)", "all_rss", "%.1f", ""),
            ("start-up, empty input (ms)", "startup_ms", "%.1f", "< 50"),
            ("start-up CPU (ms)", "startup_cpu_ms", "%.1f", ""),
            ("dictionary load, CPU (ms)", "load_ms", "%.1f", ""),
            ("instructions/sentence", "ir", "%.0f", ""),
        ]
        for label, key, fmt, target in lines:
            vals = []
            for c in cols:
                v = self.results[c].get(key)
                vals.append("%14s" % (fmt % v if v is not None else "-"))
            say("  %-30s %s    %s" % (label, " ".join(vals), target))
        for label, fig, target in self.summary:
            say("  %-30s %s%s" % (label, fig, ("    target " + target)
                                  if target else ""))


def child_pids(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        return []


def rss_kib(pid):
    """(VmRSS, VmHWM) of process pid in KiB; zeros when it is gone."""
    rss = hwm = 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for l in f:
                if l.startswith("VmRSS:"):
                    rss = int(l.split()[1])
                elif l.startswith("VmHWM:"):
                    hwm = int(l.split()[1])
    except OSError:
        pass
    return rss, hwm


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: bench.py DYAD SHARED")
    sys.exit(Bench(sys.argv[1], sys.argv[2]).main())

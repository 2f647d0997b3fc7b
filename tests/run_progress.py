#!/usr/bin/env python3
"""run_progress.py DYAD -- the progress line of `dyad ingest`.

On a terminal (stderr on a pseudo-terminal from python3's pty module)
ingest writes a line, redrawn with '\\r', of documents, documents/s and,
when every input is a regular file, the share of the inputs' bytes read
and an ETA (a .gz input counted by its compressed bytes); reading standard
input the line says there is no ETA.  With stderr not a terminal, or with
--quiet, there is no progress line.

The first line is drawn at the first document, so the checks hold however
fast the machine is (a quiet machine ingests the 5,000 generated short
stories in well under the line's half-second redraw interval).  Prints "ok - NAME" or
"not ok - NAME" per check; exits 1 when any failed.
"""
import gzip
import json
import os
import pty
import re
import subprocess
import sys
import tempfile
import threading

if len(sys.argv) != 2:
    sys.exit("usage: run_progress.py DYAD")
DYAD = os.path.abspath(sys.argv[1])
LIMIT = 300 if "asan" in DYAD else 120
fails = 0


def check(name, cond, why=""):
    global fails
    if cond:
        print("ok - " + name)
    else:
        fails += 1
        print("not ok - " + name)
        for line in str(why).splitlines()[:8]:
            print("#   " + line)


def run_pty(args, cwd, stdin_path=None):
    """Runs DYAD args with stderr on a pseudo-terminal (stdin from
    stdin_path through a pipe when given); returns (exit code, what the
    terminal got)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([DYAD] + args, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=slave,
                         stdin=subprocess.PIPE if stdin_path else
                         subprocess.DEVNULL)
    os.close(slave)
    if stdin_path:
        def feed():
            with open(stdin_path, "rb") as f:
                try:
                    p.stdin.write(f.read())
                finally:
                    p.stdin.close()
        threading.Thread(target=feed, daemon=True).start()
    got = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    rc = p.wait(timeout=LIMIT)
    return rc, got.decode("utf-8", "replace")


ETA = re.compile(r"dyad ingest: (\d+) documents, \d+ docs/s, (\d+)% of "
                 r"[\d.]+ MB, ETA \d+:\d\d")

with tempfile.TemporaryDirectory(prefix="dyad-progress.") as t:
    docs = os.path.join(t, "docs.jsonl")
    with open(docs, "w") as f:
        for i in range(5000):
            f.write(json.dumps({
                "id": "p%d" % i, "date": "2023-01-%02d" % (1 + i % 28),
                "text": "Russia attacked Ukraine on report %d. China "
                        "criticized Japan." % i}) + "\n")
    with open(docs, "rb") as a, gzip.open(docs + ".gz", "wb") as b:
        b.write(a.read())

    # A regular file: documents, docs/s, the share read and an ETA.
    rc, got = run_pty(["ingest", "--db", "a.db", "docs.jsonl"], t)
    lines = [l for l in got.replace("\n", "\r").split("\r") if l.strip()]
    etas = [ETA.search(l) for l in lines]
    etas = [m for m in etas if m]
    shares = [int(m.group(2)) for m in etas]
    check("progress on a terminal: documents, docs/s, share read, ETA",
          rc == 0 and etas and shares == sorted(shares) and
          all(0 <= s <= 100 for s in shares), "exit %d: %r" % (rc, got[-600:]))
    check("progress: the last line says how long it took",
          any(re.search(r"5000 documents, \d+ docs/s, done in \d+:\d\d", l)
              for l in lines) and "5000 documents stored" in got,
          got[-400:])

    # A .gz input: the share of its compressed bytes.
    rc, got = run_pty(["ingest", "--db", "g.db", "docs.jsonl.gz"], t)
    check("progress of a .gz input: an ETA from the compressed bytes",
          rc == 0 and ETA.search(got) is not None, got[-400:])

    # Standard input: no size, no ETA, and the line says so.
    rc, got = run_pty(["ingest", "--db", "s.db", "--input", "jsonl", "-"], t,
                      stdin_path=docs)
    check("progress from standard input: the line says there is no ETA",
          rc == 0 and "no ETA (reading standard input or a pipe" in got and
          ETA.search(got) is None, got[-400:])

    # Not a terminal: no progress line, the summary only.
    p = subprocess.run([DYAD, "ingest", "--db", "n.db", "docs.jsonl"], cwd=t,
                       capture_output=True, timeout=LIMIT)
    err = p.stderr.decode("utf-8", "replace")
    check("no progress line when stderr is not a terminal",
          p.returncode == 0 and "\r" not in err and "docs/s" not in err and
          "5000 documents stored" in err, err[-400:])

    # --quiet on a terminal: nothing at all.
    rc, got = run_pty(["ingest", "--quiet", "--db", "q.db", "docs.jsonl"], t)
    check("--quiet on a terminal: nothing written", rc == 0 and got == "",
          repr(got[-400:]))

print("# progress: %s" % ("all passed" if not fails else "%d failed" % fails))
sys.exit(1 if fails else 0)

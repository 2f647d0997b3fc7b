#!/usr/bin/env python3
"""quad_eval.py -- quad-class accuracy on ConfliBERT's CAMEO class data.

Codes each sentence of
../shared/corpora/gold/conflibert_cameo/cameo_class/train.tsv (sentence TAB
class: 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict) as its own undated document with
`dyad code` (dyad's own dictionaries) and compares classes.

An event's class is 0 when its CAMEO root is 01 (make public statement),
else its quad class (1: roots 02-05, 2: 06-08, 3: 09-13, 4: 14-20).
A sentence's predicted class is the most frequent class among its events;
a tie goes to the class of the earliest of the tied events.  A sentence
with no event counts as wrong.  Reported: accuracy over all sentences,
accuracy over the sentences dyad coded something in, and the same with the
first event's class.
usage: tools/quad_eval.py DYAD [TSV] [--verbose] [--one-actor]
"""
import json
import subprocess
import sys


def event_class(e):
    return 0 if e["root"] == "01" else int(e["quad_class"])


def main(argv):
    dyad = argv[1]
    path = next((a for a in argv[2:] if not a.startswith("--")),
                "../shared/corpora/gold/conflibert_cameo/cameo_class/train.tsv")
    verbose = "--verbose" in argv
    rows = []
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if "\t" not in line:
            continue
        text, cls = line.rsplit("\t", 1)
        if cls.strip().isdigit():
            rows.append((text, int(cls)))
    docs = "".join(json.dumps({"id": str(i), "text": t}) + "\n"
                   for i, (t, _) in enumerate(rows))
    cmd = [dyad, "code", "--input", "jsonl"] + \
        (["--one-actor"] if "--one-actor" in argv else []) + ["-"]
    out = subprocess.run(cmd, input=docs.encode(), stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode()
    classes = {}
    for line in out.splitlines():
        e = json.loads(line)
        classes.setdefault(e["doc_id"], []).append(event_class(e))
    hit = first_hit = coded = 0
    confusion = {}
    for i, (text, want) in enumerate(rows):
        got = classes.get(str(i), [])
        pred = None
        if got:
            coded += 1
            best = max(got.count(c) for c in got)
            pred = next(c for c in got if got.count(c) == best)
            if got[0] == want:
                first_hit += 1
        if pred == want:
            hit += 1
        confusion[(want, pred)] = confusion.get((want, pred), 0) + 1
        if verbose and pred != want:
            print("%d\t%s\t%s" % (want, "-" if pred is None else pred, text))
    n = len(rows)
    print("gold\\pred   0    1    2    3    4 none")
    for w in range(5):
        print("%d       " % w + " ".join("%4d" % confusion.get((w, p), 0)
                                        for p in (0, 1, 2, 3, 4, None)))
    print("sentences %d, coded %d (%.1f%%)" % (n, coded, 100.0 * coded / n))
    print("quad-class accuracy (majority class): %.1f%% (%d/%d) of all; "
          "%.1f%% (%d/%d) of coded" %
          (100.0 * hit / n, hit, n, 100.0 * hit / coded if coded else 0.0,
           hit, coded))
    print("first event's class: %.1f%% of all; %.1f%% of coded" %
          (100.0 * first_hit / n,
           100.0 * first_hit / coded if coded else 0.0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""cameo_examples.py -- root-code accuracy on the CAMEO manual's examples.

Codes each example sentence of the CAMEO codebook table
(../shared/corpora/gold/cameo_manual_examples/cameo-codes.csv) as its own
document and compares the roots of the events produced with the row's root.
Prints per-root hits and the totals:
  hit      an event with the row's root was produced
  wrong    events were produced, none with the row's root
  none     no event was produced
usage: tools/cameo_examples.py DYAD [CSV] [--verbose] [--one-actor]
  --one-actor also counts events that have no target (dyad code --one-actor)
"""
import csv
import json
import subprocess
import sys


def main(argv):
    dyad = argv[1]
    path = next((a for a in argv[2:] if not a.startswith("--")),
                "../shared/corpora/gold/cameo_manual_examples/cameo-codes.csv")
    verbose = "--verbose" in argv
    rows = [r for r in csv.DictReader(open(path, encoding="utf-8", errors="replace"))
            if r["example"] not in ("", "NA")]
    docs = "".join(json.dumps({"id": str(i), "text": r["example"].strip()}) + "\n"
                   for i, r in enumerate(rows))
    cmd = [dyad, "code", "--input", "jsonl"] + (["--one-actor"] if "--one-actor" in argv else []) + ["-"]
    out = subprocess.run(cmd, input=docs.encode(),
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()
    roots = {}
    for line in out.splitlines():
        e = json.loads(line)
        roots.setdefault(e["doc_id"], set()).add(e["code"][:2])
    hit = wrong = none = 0
    per = {}
    for i, r in enumerate(rows):
        want = r["code"][:2]
        got = roots.get(str(i), set())
        p = per.setdefault(want, [0, 0])
        p[1] += 1
        if want in got:
            hit += 1
            p[0] += 1
        elif got:
            wrong += 1
        else:
            none += 1
        if verbose and want not in got:
            print(f"{r['code']}\t{','.join(sorted(got)) or '-'}\t{r['example'].strip()[:150]}")
    for k in sorted(per):
        print(f"root {k}: {per[k][0]}/{per[k][1]}")
    n = len(rows)
    print(f"examples {n}: hit {hit} ({100.0 * hit / n:.1f}%), wrong root {wrong}, no event {none}")


if __name__ == "__main__":
    main(sys.argv)

#!/usr/bin/env python3
"""plover_eval.py -- PLOVER event-type accuracy on the PLOVER gold records.

Codes each sentence of ../shared/corpora/gold/plover_gsr/PLOVER_GSR_CAMEO.json
(the OEDA gold standard records: CAMEO manual examples typed in PLOVER
0.5b1; the DOCUMENT record is skipped) as its own document, dated with the
record's "date", with `dyad code --format plover`, and compares the
event types produced with the record's "event".

The gold file uses PLOVER 0.5b1 names; dyad's table (data/plover/
cameo2plover.tsv) uses the 2021 names, so gold types are renamed first:
DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT (the 2021 table's own merges).

Counting, per sentence:
  hit    the gold type is among the types of the PLOVER events produced
  wrong  PLOVER events were produced, none of the gold type
  none   no PLOVER event (no event, or only CAMEO 01/02 events, which have
         no PLOVER type) -- counted as a miss
accuracy = hit / all sentences; also hit / sentences with a PLOVER event,
and "first" = the type of the sentence's first event equals the gold type.
usage: tools/plover_eval.py DYAD [JSON] [--verbose] [--one-actor]
"""
import json
import subprocess
import sys

RENAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE",
          "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def main(argv):
    dyad = argv[1]
    path = next((a for a in argv[2:] if not a.startswith("--")),
                "../shared/corpora/gold/plover_gsr/PLOVER_GSR_CAMEO.json")
    verbose = "--verbose" in argv
    recs = [r for r in json.load(open(path, encoding="utf-8"))
            if r.get("event") != "DOCUMENT" and r.get("text")]
    docs = "".join(json.dumps({"id": str(i), "date": r.get("date", ""),
                               "text": r["text"]}) + "\n"
                   for i, r in enumerate(recs))
    cmd = [dyad, "code", "--input", "jsonl", "--format", "plover"] + \
        (["--one-actor"] if "--one-actor" in argv else []) + ["-"]
    out = subprocess.run(cmd, input=docs.encode(), stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode()
    types = {}
    for line in out.splitlines():
        e = json.loads(line)
        types.setdefault(e["doc_id"], []).append(e["event_type"])
    hit = wrong = none = first = 0
    per = {}
    for i, r in enumerate(recs):
        want = RENAME.get(r["event"], r["event"])
        got = types.get(str(i), [])
        p = per.setdefault(want, [0, 0])
        p[1] += 1
        if want in got:
            hit += 1
            p[0] += 1
        elif got:
            wrong += 1
        else:
            none += 1
        if got and got[0] == want:
            first += 1
        if verbose and want not in got:
            print("%s\t%s\t%s\t%s" % (r["id"], want, ",".join(got) or "-",
                                      r["text"]))
    n = len(recs)
    coded = n - none
    for t in sorted(per):
        print("%-10s %3d / %3d" % (t, per[t][0], per[t][1]))
    print("sentences %d: hit %d, wrong %d, none %d" % (n, hit, wrong, none))
    print("PLOVER type accuracy: %.1f%% (%d/%d); first event %.1f%%; "
          "over sentences with a PLOVER event: %.1f%% (%d/%d)" %
          (100.0 * hit / n, hit, n, 100.0 * first / n,
           100.0 * hit / coded if coded else 0.0, hit, coded))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""story_stats.py -- what the document layer adds on real news.

Codes N stories (every k-th, sorted by path) of a folder of plain-text
articles (default: 1,000 BBC stories from ../shared/corpora/raw_news/
bbc_news_2225, which carry no dates: all are given --date) and reports the
share of events that get a date other than the publication date, a place
and an actor resolved from a pronoun, the quotations found and attributed,
and how many events the one-event-per-happening rule merged.

usage: story_stats.py DYAD [DIR|FILE.jsonl] [N] [--date YYYY-MM-DD]
"""
import json
import os
import subprocess
import sys

PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "him",
            "them", "we", "our", "i"}


def main(argv):
    args = [a for a in argv[1:]]
    date = "2005-06-30"
    if "--date" in args:
        k = args.index("--date")
        date = args[k + 1]
        del args[k:k + 2]
    if not args:
        sys.exit(__doc__)
    dyad = args[0]
    folder = args[1] if len(args) > 1 else "../shared/corpora/raw_news/bbc_news_2225"
    n = int(args[2]) if len(args) > 2 else 1000
    docs = []
    if folder.endswith(".jsonl"):
        # JSON Lines documents with their own dates (bench/bench.sh writes
        # Reuters-21578 as build/bench/reuters.jsonl).
        with open(folder, encoding="utf-8") as f:
            lines = [l for l in f if l.strip()]
        k = max(1, len(lines) // n)
        docs = [l.rstrip("\n") for l in lines[::k][:n]]
        paths = docs
        date = "as given"
    else:
        paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder)
                       for f in fs if f.endswith(".txt") and f != "README.TXT")
        # Every k-th story, so each section (business, politics, ...) is in.
        k = max(1, len(paths) // n)
        paths = paths[::k][:n]
        for p in paths:
            with open(p, encoding="utf-8", errors="replace") as f:
                docs.append(json.dumps({"id": os.path.relpath(p, folder),
                                        "date": date, "text": f.read()}))
    data = ("\n".join(docs) + "\n").encode()

    def run(extra):
        r = subprocess.run([dyad, "code", "--input", "jsonl", *extra, "-"], input=data,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if r.returncode not in (0, 1):
            sys.exit(r.stderr.decode(errors="replace"))
        return [json.loads(l) for l in r.stdout.decode().splitlines()]

    qpath = "/tmp/story_stats_quotes.jsonl"
    merged = run(["--quotes", qpath])
    unmerged = run(["--dedup", "none"])
    ev = len(merged)
    dated = sum(1 for e in merged if e.get("date_from") != "publication")
    own = sum(1 for e in merged if e.get("date_from") == "sentence")
    placed = sum(1 for e in merged if e.get("place"))
    own_place = sum(1 for e in merged if e.get("place") and e["place"]["how"] in ("in", "visit"))
    pron = sum(1 for e in merged if any(
        (e[k].get("resolved_from") or "").lower() in PRONOUNS for k in ("source", "target")))
    anaph = sum(1 for e in merged if any(e[k].get("resolved_from") for k in ("source", "target")))
    multi = sum(1 for e in merged if e.get("num_mentions", 1) > 1)
    quotes = [json.loads(l) for l in open(qpath, encoding="utf-8")]
    spk = sum(1 for q in quotes if q.get("speaker") and q["speaker"].get("code"))
    pct = lambda a, b: f"{100.0 * a / b:.1f}%" if b else "-"
    print(f"stories: {len(paths)} from {folder} (publication date {date})")
    print(f"events: {ev} (one per happening); {len(unmerged)} with --dedup none: "
          f"{len(unmerged) - ev} merged as repeats ({pct(len(unmerged) - ev, len(unmerged))}), "
          f"{multi} events with several mentions")
    print(f"date other than publication: {dated} ({pct(dated, ev)}); "
          f"from the event's own sentence {own} ({pct(own, ev)})")
    print(f"place: {placed} ({pct(placed, ev)}); named in the event's own sentence "
          f"{own_place} ({pct(own_place, ev)})")
    print(f"actor resolved from a pronoun: {pron} ({pct(pron, ev)}); from any anaphor "
          f"{anaph} ({pct(anaph, ev)})")
    print(f"quotations: {len(quotes)}, with a coded speaker {spk} ({pct(spk, len(quotes))})")


if __name__ == "__main__":
    main(sys.argv)

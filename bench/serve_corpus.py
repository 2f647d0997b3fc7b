#!/usr/bin/env python3
"""serve_corpus.py N -- N JSON Lines news documents for bench_serve.sh:
distinct ids, dates over 2021-2023, three sentences each built from real
sentence shapes (actors, verbs, places dyad's dictionaries know), so that
`dyad ingest` codes about three events per document.  Deterministic."""
import json
import random
import sys

ACTORS = ["Japan", "China", "Russia", "Ukraine", "The United States",
          "India", "Germany", "France", "Iran", "Iraq", "Israel", "Turkey",
          "Brazil", "South Korea", "North Korea", "NATO",
          "The European Union", "Britain", "Pakistan", "Egypt"]
SHAPES = ["{a} condemned {b}.", "{a} met {b} in {p}.", "{a} praised {b}.",
          "{a} accused {b} of war crimes.", "{a} threatened {b}.",
          "{a} urged {b} to show restraint.", "{a} pledged aid to {b}.",
          "{a} imposed sanctions on {b}.", "{a} criticized {b}.",
          "{a} thanked {b} for its help.", "{a} hosted {b} in {p}.",
          "{a} attacked {b}.", "{a} agreed to hold talks with {b}."]
PLACES = ["Tokyo", "Beijing", "Moscow", "Kyiv", "Washington", "New Delhi",
          "Berlin", "Paris", "Tehran", "Baghdad", "Ankara", "Seoul",
          "Brussels", "London", "Cairo"]


def main():
    n = int(sys.argv[1])
    rnd = random.Random(7)
    out = sys.stdout
    for i in range(n):
        day = rnd.randrange(3 * 365)
        y, d = 2021 + day // 365, day % 365
        m = min(12, d // 31 + 1)
        dd = min(28, d % 31 + 1)
        sents = []
        for _ in range(3):
            a, b = rnd.sample(ACTORS, 2)
            s = rnd.choice(SHAPES).format(a=a, b=b if b[:4] != "The " else
                                          "the " + b[4:],
                                          p=rnd.choice(PLACES))
            sents.append(s)
        doc = {"id": "bench-%07d" % i, "date": "%d-%02d-%02d" % (y, m, dd),
               "title": "Story %d" % i, "source": "bench",
               "text": " ".join(sents)}
        out.write(json.dumps(doc) + "\n")


if __name__ == "__main__":
    main()

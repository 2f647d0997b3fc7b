#!/usr/bin/env python3
"""run_story.py -- golden cases of the document layer (tests/story/*.txt).

The case format of run_golden.py, with more to say per event and quotes:

    ### title
    date: 2023-02-01
    The story, one or more lines (a blank line separates paragraphs).
    ---
    JPNGOV IGOWSTNAT 04 date=2023-01-31 precision=day place=JPN mentions=3
    quote IGOWSTNAT closed
    quote - open

An event line is `SOURCE TARGET CODE` (a two-digit code matches its root)
then any of these attributes, each compared with the event dyad wrote:
    date=YYYY-MM-DD    precision=day|week|month|year|publication
    from=sentence|story|publication   time=HH:MM   future=0|1
    place=CODE-or-name (the place's country code or its name; `none`)
    how=in|visit|dateline|story       mentions=N   articles=N
    resolved=WORD (the source was resolved from WORD: "he", "the two sides")
The set of (source, target, code) must equal the expected set, as in the
golden suite.  `quote SPEAKER closed|open [continues=N] [from=TEXT]` lines
list the document's quotations in order (SPEAKER is the speaker's code or
`-` for none); when a case has quote lines, the quotes must match them
exactly; `no quotes` expects none.  A case with no event lines and `none` expects no event.

Every case is coded in one run of `dyad code --quotes`.  Prints each
failing case, then `N passed, N failed`; exits 1 if any failed.

usage: run_story.py DYAD CASEDIR_OR_FILE... [--only SUBSTRING]
($DYAD_WRAP: as in run_golden.py.)
"""
import json
import os
import subprocess
import sys
import tempfile

from run_golden import cases_jsonl, dyad_command, read_args


def parse_cases(path):
    cases, cur, part = [], None, None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("### "):
                if cur:
                    cases.append(cur)
                cur = {"title": line[4:].strip(), "file": path, "line": n,
                       "date": "2023-01-01", "text": [], "expect": [],
                       "quotes": None}
                part = "text"
                continue
            if cur is None:
                continue
            if part == "text":
                if line == "---":
                    part = "expect"
                elif line.startswith("date: ") and not cur["text"]:
                    cur["date"] = line[6:].strip()
                else:
                    cur["text"].append(line)
                continue
            s = line.strip()
            if not s or s.startswith("#") or s == "none":
                continue
            fields = s.split()
            if s == "no quotes":
                cur["quotes"] = []
                continue
            if fields[0] == "quote":
                if len(fields) < 3 or fields[2] not in ("closed", "open"):
                    sys.exit(f"{path}:{n}: expected 'quote SPEAKER closed|open ...'")
                q = {"speaker": fields[1], "closed": fields[2] == "closed"}
                for a in fields[3:]:
                    k, _, v = a.partition("=")
                    q[k] = v
                cur["quotes"] = (cur["quotes"] or []) + [q]
                continue
            if len(fields) < 3 or any("=" in x for x in fields[:3]):
                sys.exit(f"{path}:{n}: expected 'SOURCE TARGET CODE [key=value ...]'")
            attrs = {}
            for a in fields[3:]:
                k, sep, v = a.partition("=")
                if not sep:
                    sys.exit(f"{path}:{n}: attribute '{a}' is not key=value")
                attrs[k] = v
            cur["expect"].append((fields[0], fields[1], fields[2], attrs))
    if cur:
        cases.append(cur)
    return cases


def attr_of(e, k):
    if k == "date":
        return e.get("date", "")
    if k == "precision":
        return e.get("date_precision", "")
    if k == "from":
        return e.get("date_from", "")
    if k == "time":
        return e.get("time", "")
    if k == "future":
        return "1" if e.get("future") else "0"
    if k == "mentions":
        return str(e.get("num_mentions", ""))
    if k == "articles":
        return str(e.get("num_articles", ""))
    if k == "resolved":
        return e["source"].get("resolved_from", "").replace(" ", "_")
    if k == "place":
        p = e.get("place")
        return None if p is None else p
    if k == "how":
        p = e.get("place")
        return "" if p is None else p.get("how", "")
    raise KeyError(k)


def attr_ok(e, k, v):
    got = attr_of(e, k)
    if k == "place":
        if v == "none":
            return got is None
        return got is not None and v in (got["country"], got["name"].replace(" ", "_"))
    return got == v


def show(e):
    p = e.get("place")
    return (f"{e['source']['code']} {e['target']['code']} {e['code']} "
            f"date={e.get('date','')} precision={e.get('date_precision','')} "
            f"from={e.get('date_from','')} time={e.get('time','')} "
            f"place={(p['country'] + '/' + p['name'].replace(' ', '_')) if p else 'none'} "
            f"how={p['how'] if p else ''} mentions={e.get('num_mentions')} "
            f"resolved={e['source'].get('resolved_from','')}")


def main(argv):
    dyad, cases = read_args(argv, parse_cases, __doc__)
    docs = cases_jsonl(cases)
    with tempfile.TemporaryDirectory() as tmp:
        qpath = os.path.join(tmp, "quotes.jsonl")
        r = subprocess.run(dyad_command(dyad, "code", "--input", "jsonl", "--quotes", qpath, "-"),
                           input=docs.encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode(errors="replace"))
            sys.exit(f"run_story: dyad exited with {r.returncode}")
        quotes = {}
        with open(qpath, encoding="utf-8") as f:
            for line in f:
                q = json.loads(line)
                quotes.setdefault(q["doc_id"], []).append(q)
    produced = {}
    for line in r.stdout.decode().splitlines():
        e = json.loads(line)
        produced.setdefault(e["doc_id"], []).append(e)
    passed = failed = 0
    for i, c in enumerate(cases):
        got = produced.get(str(i), [])
        why = []
        if len(got) != len(c["expect"]):
            why.append(f"{len(got)} events, expected {len(c['expect'])}")
        left = list(got)
        for s, t, code, attrs in c["expect"]:
            cands = [g for g in left if g["source"]["code"] == s and
                     g["target"]["code"] == t and
                     (g["code"] == code or (len(code) == 2 and g["code"][:2] == code))]
            if not cands:
                why.append(f"no event {s} {t} {code}")
                continue
            good = [g for g in cands if all(attr_ok(g, k, v) for k, v in attrs.items())]
            if not good:
                bad = ", ".join(f"{k}={v}" for k, v in attrs.items()
                                if not attr_ok(cands[0], k, v))
                why.append(f"{s} {t} {code}: not {bad}")
                left.remove(cands[0])
            else:
                left.remove(good[0])
        if c["quotes"] is not None:
            gq = quotes.get(str(i), [])
            if len(gq) != len(c["quotes"]):
                why.append(f"{len(gq)} quotes, expected {len(c['quotes'])}")
            for k, (eq, q) in enumerate(zip(c["quotes"], gq)):
                sp = (q.get("speaker") or {}).get("code") or "-"
                if sp != eq["speaker"] or q["closed"] != eq["closed"]:
                    why.append(f"quote {k}: speaker {sp} closed {q['closed']}")
                if "continues" in eq and str(q["continues"]) != eq["continues"]:
                    why.append(f"quote {k}: continues {q['continues']}")
                if "from" in eq and (q.get("speaker") or {}).get(
                        "resolved_from", "").replace(" ", "_") != eq["from"]:
                    why.append(f"quote {k}: resolved_from "
                               f"{(q.get('speaker') or {}).get('resolved_from', '')}")
        if not why:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {c['file']}:{c['line']}: {c['title']}")
        print("  text:     " + " ".join(c["text"])[:300])
        for w in why:
            print("  " + w)
        for g in got:
            print("  produced: " + show(g))
    print(f"story: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

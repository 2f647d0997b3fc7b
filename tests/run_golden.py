#!/usr/bin/env python3
"""run_golden.py -- runs dyad's golden cases (tests/golden/*.txt).

A case file holds many cases, each a block:

    ### title (what the case shows)
    date: 2023-02-01                 (optional; the publication date)
    The input text, one or more lines.
    ---
    JPNGOV IGOWSTNAT 046             (expected events: source target code)
    NATO JPN 04                      (a two-digit code matches any code of that root)
    none                             (or: no event at all)

Every case is coded in one run of `dyad code` (as JSON Lines documents). A
case passes when the set of (source, target, code) produced equals the
expected set exactly.  Prints each failing case with expected and produced
events, then `N passed, N failed`; exits 1 if any case failed.

usage: run_golden.py DYAD CASEDIR_OR_FILE... [--only SUBSTRING]

$DYAD_WRAP, when set, is a command put before dyad (`make leakcheck` sets
it to valgrind and its options; valgrind's --error-exitcode then fails the
run).
"""
import json
import os
import shlex
import subprocess
import sys


def parse_cases(path):
    cases = []
    cur = None
    part = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("### "):
                if cur:
                    cases.append(cur)
                cur = {"title": line[4:].strip(), "file": path, "line": n,
                       "date": "2023-01-01", "text": [], "expect": []}
                part = "text"
                continue
            if cur is None:
                continue  # preamble comments
            if part == "text":
                if line == "---":
                    part = "expect"
                elif line.startswith("date: ") and not cur["text"]:
                    cur["date"] = line[6:].strip()
                else:
                    cur["text"].append(line)
            else:
                s = line.strip()
                if not s or s.startswith("#"):
                    continue
                if s == "none":
                    continue
                fields = s.split()
                if len(fields) != 3:
                    sys.exit(f"{path}:{n}: expected 'SOURCE TARGET CODE' or 'none'")
                cur["expect"].append(tuple(fields))
    if cur:
        cases.append(cur)
    return cases


def read_args(argv, parse, usage):
    """DYAD CASEDIR_OR_FILE... [--only SUBSTRING] -> (dyad, cases), the cases
    read by parse(path) from every *.txt of each directory and each file."""
    if len(argv) < 3:
        sys.exit(usage)
    dyad, only, paths, args = argv[1], None, [], argv[2:]
    while args:
        a = args.pop(0)
        if a == "--only":
            only = args.pop(0)
        elif os.path.isdir(a):
            paths += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".txt"))
        else:
            paths.append(a)
    cases = []
    for p in paths:
        cases += parse(p)
    if only:
        cases = [c for c in cases if only in c["title"]]
    return dyad, cases


def dyad_command(dyad, *args):
    """The command line running dyad with args, after $DYAD_WRAP's words."""
    return shlex.split(os.environ.get("DYAD_WRAP", "")) + [dyad, *args]


def cases_jsonl(cases):
    """The cases as JSON Lines documents, id = the case's index."""
    return "".join(json.dumps({"id": str(i), "date": c["date"],
                               "text": "\n".join(c["text"]).strip("\n")}) + "\n"
                   for i, c in enumerate(cases))


def main(argv):
    dyad, cases = read_args(argv, parse_cases, __doc__)
    docs = cases_jsonl(cases)
    r = subprocess.run(dyad_command(dyad, "code", "--input", "jsonl", "-"), input=docs.encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode not in (0,):
        sys.stderr.write(r.stderr.decode(errors="replace"))
        sys.exit(f"run_golden: dyad exited with {r.returncode}")
    produced = {}
    for line in r.stdout.decode().splitlines():
        e = json.loads(line)
        produced.setdefault(e["doc_id"], set()).add(
            (e["source"]["code"], e["target"]["code"], e["code"]))
    passed = failed = 0
    for i, c in enumerate(cases):
        got = produced.get(str(i), set())
        exp = set(c["expect"])
        ok = len(got) == len(exp)
        if ok:
            left = set(got)
            for s, t, code in exp:
                hit = next((g for g in left if g[0] == s and g[1] == t and
                            (g[2] == code or (len(code) == 2 and g[2][:2] == code))), None)
                if hit is None:
                    ok = False
                    break
                left.discard(hit)
        if ok:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {c['file']}:{c['line']}: {c['title']}")
        print("  text:     " + " ".join(c["text"])[:300])
        print("  expected: " + ("; ".join(" ".join(x) for x in sorted(exp)) or "none"))
        print("  produced: " + ("; ".join(" ".join(x) for x in sorted(got)) or "none"))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

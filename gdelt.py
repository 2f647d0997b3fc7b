import sys
def rows(path):
    return [l.rstrip("\\n").split("\\t") for l in open(path)]
code, query = rows(sys.argv[1]), rows(sys.argv[2])
bad = [r for r in code + query if len(r) != 61]
if bad:
    sys.exit("%d rows without 61 columns" % len(bad))
blank = lambda r: r[:32] + ["", ""] + r[34:]
a, b = sorted(map(blank, code)), sorted(map(blank, query))
if not a or a != b:
    sys.exit("code %d rows, query %d; first difference: %r" % (len(a), len(b),
             next(((x, y) for x, y in zip(a, b) if x != y), None)))
if not any(int(r[31]) > 1 for r in query):
    sys.exit("no NumMentions > 1: the check proves nothing")
if len(set(r[0] for r in query)) != len(query):
    sys.exit("two rows share a GLOBALEVENTID")

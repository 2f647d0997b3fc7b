#!/usr/bin/env python3
"""check_api.py DYAD WORKDIR [PG_URL] -- the API of `dyad serve` checked
against `dyad query`, `dyad code` and `dyad explain` on the same database.

Ingests tests/serve/fixture.jsonl into WORKDIR/s.db (and into PG_URL when
given), starts `dyad serve --port 0` on a free loopback port over each,
and checks every endpoint: the same events and counts as `dyad query`
(paging, sorting, every filter), the document with its spans, POST
/api/code against `dyad code`/`dyad explain`, 400 on bad parameters, 404
on unknown paths, path traversal refused, the token, an oversized body
(413), a long URL (414), a story holding <script> and javascript: links
returned as JSON text with safe headers.  With PG_URL the PostgreSQL
server must give the same answers as the SQLite one.

Prints "ok - NAME" / "not ok - NAME" per check; exits 1 when any failed.
"""
import http.client
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "fixture.jsonl")
DYAD = os.path.abspath(sys.argv[1])
WORK = sys.argv[2]
PG_URL = sys.argv[3] if len(sys.argv) > 3 else None
TIMEOUT = 300 if "asan" in DYAD else 60

passed = 0
failed = 0


def ok(name):
    global passed
    passed += 1
    print("ok - " + name)


def notok(name, *why):
    global failed
    failed += 1
    print("not ok - " + name)
    for w in why:
        print("#   " + str(w)[:600])


def check(name, cond, *why):
    if cond:
        ok(name)
    else:
        notok(name, *why)


def dyad(*args, stdin=None):
    env = dict(os.environ)
    env.pop("DYAD_DB", None)
    env.pop("DYAD_TOKEN", None)
    return subprocess.run([DYAD] + list(args), input=stdin,
                          capture_output=True, timeout=TIMEOUT, env=env)


class Server:
    """A `dyad serve --port 0` child; its port read from its first line."""

    def __init__(self, db, *extra, env_token=None):
        env = dict(os.environ)
        env.pop("DYAD_TOKEN", None)
        if env_token:
            env["DYAD_TOKEN"] = env_token
        self.p = subprocess.Popen(
            [DYAD, "serve", "--db", db, "--port", "0", "--threads", "2"] +
            list(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env)
        line = self.p.stdout.readline().decode()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.p.kill()
            raise RuntimeError("dyad serve did not start: %r %r" %
                               (line, self.p.stderr.read()[:500]))
        self.port = int(m.group(1))

    def stop(self):
        """SIGTERM; returns the exit code (0: a clean stop)."""
        self.p.send_signal(signal.SIGTERM)
        try:
            return self.p.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return -1

    def request(self, path, method="GET", body=None, headers=None,
                chunked=False):
        c = http.client.HTTPConnection("127.0.0.1", self.port,
                                       timeout=TIMEOUT)
        # putrequest sends the path as given: no normalising of ../
        c.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            c.putheader(k, v)
        if body is not None and not chunked:
            c.putheader("Content-Length", str(len(body)))
        if chunked:
            c.putheader("Transfer-Encoding", "chunked")
        c.endheaders()
        try:
            if body is not None and chunked:
                step = 8192
                for i in range(0, len(body), step):
                    part = body[i:i + step]
                    c.send(b"%x\r\n" % len(part) + part + b"\r\n")
                c.send(b"0\r\n\r\n")
            elif body is not None:
                c.send(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early and closed
        r = c.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        return r.status, hdrs, data

    def get(self, path, **kw):
        """(status, parsed JSON or None, headers)"""
        status, hdrs, data = self.request(path, **kw)
        try:
            j = json.loads(data)
        except ValueError:
            j = None
        return status, j, hdrs


# ===== Expected answers from the command line =====

def query(db, *args):
    r = dyad("query", "--db", db, "--format", "jsonl", *args)
    if r.returncode != 0:
        raise RuntimeError("dyad query %s: %s" % (args, r.stderr[:300]))
    return [json.loads(l) for l in r.stdout.decode().splitlines() if l]


# The API's event fields against `dyad query`'s (verb is verb_text).
FIELDS = ["doc_id", "sentence", "date", "source", "target", "code", "root",
          "quad_class", "goldstein", "source_text", "target_text",
          "place", "place_country", "confidence", "num_articles", "text"]


def same_event(api, cli):
    for f in FIELDS:
        a, b = api.get(f), cli.get(f)
        if isinstance(a, float) or isinstance(b, float):
            if a is None or b is None or abs(a - b) > 1e-4:
                return False
        elif a != b:
            return False
    return api.get("verb_text") == cli.get("verb")


def same_events(api, cli):
    return len(api) == len(cli) and all(
        same_event(a, c) for a, c in zip(api, cli))


def ident(e):
    return (e["doc_id"], e["sentence"], e["code"], e["source"], e["target"])


FILTERS = [
    ("actor=JPN", ["--actor", "JPN"]),
    ("source=CHN", ["--source", "CHN"]),
    ("target=RUS", ["--target", "RUS"]),
    ("dyad=JPN:CHN", ["--dyad", "JPN:CHN"]),
    ("code=111", ["--code", "111"]),
    ("root=11", ["--root", "11"]),
    ("quad=1", ["--quad", "1"]),
    ("since=2023-02-08&until=2023-03-01",
     ["--since", "2023-02-08", "--until", "2023-03-01"]),
    ("place=Beijing", ["--place", "Beijing"]),
    ("place=IND", ["--place", "IND"]),
    ("text=war+crimes", ["--text", "war crimes"]),
    ("text=%22%3E%3Cimg", ["--text", '"><img']),
    ("actor=%27%3B+DROP+TABLE+events%3B--", ["--actor",
                                             "'; DROP TABLE events;--"]),
    ("actor=JPN&root=11&since=2023-02-01", ["--actor", "JPN", "--root", "11",
                                            "--since", "2023-02-01"]),
]


def api_checks(srv, db, tag):
    """Every endpoint against the command line on db."""
    allev = query(db)
    # stats
    st, j, _ = srv.get("/api/stats")
    con = sqlite3.connect(os.path.join(WORK, "s.db"))
    docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    quotes = con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    dates = sorted(e["date"] for e in allev if e["date"])
    check(tag + "stats: documents, events, quotes, dates as stored",
          st == 200 and j["documents"] == docs and j["events"] == len(allev)
          and j["quotes"] == quotes and j["first_date"] == dates[0]
          and j["last_date"] == dates[-1]
          and j["distinct_events"] == len({(e["source"], e["target"],
                                            e["code"], e["date"])
                                           for e in allev}), j)
    # events: the default page is dyad query's first 50, in its order
    st, j, h = srv.get("/api/events")
    check(tag + "events: every event, as dyad query gives them, in order",
          st == 200 and j["total"] == len(allev) and j["offset"] == 0
          and j["limit"] == 50 and same_events(j["events"], allev[:50])
          and h.get("content-type", "").startswith("application/json"),
          j and j.get("total"), len(allev))
    # paging
    pages = []
    for off in range(0, len(allev) + 5, 5):
        st, j, _ = srv.get("/api/events?limit=5&offset=%d" % off)
        pages.extend(j["events"] if st == 200 else [None])
    check(tag + "events: pages of 5 put together are the whole list",
          same_events(pages, allev), len(pages))
    st, j, _ = srv.get("/api/events?offset=%d" % (len(allev) + 3))
    check(tag + "events: an offset past the end gives no events, the total",
          st == 200 and j["events"] == [] and j["total"] == len(allev), j)
    # sorting
    for key, field in [("date", "date"), ("goldstein", "goldstein"),
                       ("code", "code"), ("source", "source"),
                       ("target", "target")]:
        for desc in (False, True):
            s = ("-" if desc else "") + key
            st, j, _ = srv.get("/api/events?limit=500&sort=" + s)
            evs = j["events"] if st == 200 else []
            vals = [("" if e[field] is None else e[field]) for e in evs]
            want = sorted(vals, reverse=desc)
            # ties: by date, document, position (as dyad query)
            order = {ident(e): i for i, e in enumerate(allev)}
            ties_ok = all(
                order[ident(a)] < order[ident(b)]
                for a, b in zip(evs, evs[1:])
                if (a[field] or "") == (b[field] or "") and key != "date")
            check(tag + "events: sort=%s orders by %s (ties as dyad query)"
                  % (s, field),
                  st == 200 and vals == want and ties_ok and
                  sorted(map(ident, evs)) == sorted(map(ident, allev)),
                  vals)
    # filters
    for qs, args in FILTERS:
        want = query(db, *args)
        st, j, _ = srv.get("/api/events?limit=500&" + qs)
        check(tag + "events?%s: the events of dyad query %s" %
              (qs, " ".join(args)),
              st == 200 and j["total"] == len(want) and
              same_events(j["events"], want),
              st, j and j.get("total"), len(want))
    # counts by every key, with and without a filter
    for by in ["day", "week", "month", "root", "quad", "dyad", "source",
               "target"]:
        for qs, args in [("", []), ("&actor=JPN", ["--actor", "JPN"])]:
            want = query(db, "--count-by", by, *args)
            st, j, _ = srv.get("/api/counts?by=" + by + qs)
            got = j["groups"] if st == 200 else None
            check(tag + "counts?by=%s%s: dyad query --count-by %s" %
                  (by, qs, by),
                  got is not None and j["by"] == by and
                  [(g["key"], g["count"]) for g in got] ==
                  [(g["key"], g["count"]) for g in want] and
                  all(abs(a["mean_goldstein"] - b["mean_goldstein"]) < 1e-4
                      for a, b in zip(got, want)), got, want)
    st, j, _ = srv.get("/api/counts?by=dyad&limit=3")
    check(tag + "counts?limit=3: the first three groups",
          st == 200 and [g["key"] for g in j["groups"]] ==
          [g["key"] for g in query(db, "--count-by", "dyad")[:3]], j)
    # series: counts per period, split by quad class
    for by in ["day", "week", "month"]:
        for qs, args in [("", []), ("&dyad=JPN:CHN", ["--dyad", "JPN:CHN"])]:
            st, j, _ = srv.get("/api/series?by=" + by + qs)
            want = query(db, "--count-by", by, *args)
            quads = [{g["key"]: g["count"] for g in
                      query(db, "--count-by", by, "--quad", str(q), *args)}
                     for q in (1, 2, 3, 4)]
            got = j["series"] if st == 200 else []
            check(tag + "series?by=%s%s: counts and quad classes as dyad "
                  "query" % (by, qs),
                  st == 200 and [(p["key"], p["count"]) for p in got] ==
                  [(g["key"], g["count"]) for g in want] and
                  all(p["quad"] == [quads[q].get(p["key"], 0)
                                    for q in range(4)] and
                      sum(p["quad"]) == p["count"] for p in got) and
                  all(abs(a["mean_goldstein"] - b["mean_goldstein"]) < 1e-4
                      for a, b in zip(got, want)), got)
    # top
    for kind, by in [("dyads", "dyad"), ("sources", "source"),
                     ("targets", "target")]:
        st, j, _ = srv.get("/api/top?kind=%s&limit=4" % kind)
        want = query(db, "--count-by", by, "--limit", "4")
        check(tag + "top?kind=%s: dyad query --count-by %s --limit 4" %
              (kind, by),
              st == 200 and [(i["key"], i["count"]) for i in j["items"]] ==
              [(g["key"], g["count"]) for g in want], j, want)
    counts = {}
    for e in allev:
        for a in (e["source"], e["target"]):
            if a:
                counts[a] = counts.get(a, 0) + 1
    want = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    st, j, _ = srv.get("/api/top?kind=actors&limit=5")
    check(tag + "top?kind=actors: events per actor as source or target",
          st == 200 and [(i["key"], i["count"]) for i in j["items"]] == want,
          j, want)
    # network
    st, j, _ = srv.get("/api/network?limit=4&actor=JPN")
    want = query(db, "--count-by", "dyad", "--limit", "4", "--actor", "JPN")
    ok_edges = st == 200 and [("%s:%s" % (e["source"], e["target"]),
                               e["count"]) for e in j["edges"]] == \
        [(g["key"], g["count"]) for g in want]
    node = {}
    for g in want:
        s, t = g["key"].split(":")
        node[s] = node.get(s, 0) + g["count"]
        if t != s:
            node[t] = node.get(t, 0) + g["count"]
    check(tag + "network?actor=JPN: the heaviest dyads as edges, their "
          "actors as nodes",
          ok_edges and {n["id"]: n["count"] for n in j["nodes"]} == node,
          j, want)
    # places
    st, j, _ = srv.get("/api/places")
    per = {}
    for e in allev:
        if e["place"]:
            k = (e["place"], e["place_country"])
            per[k] = per.get(k, 0) + 1
    got = {(p["name"], p["country"]): p["count"] for p in j["places"]} \
        if st == 200 else {}
    check(tag + "places: events per place as dyad query's rows, with "
          "coordinates",
          got == per and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
                             for p in j["places"]) and
          [p["count"] for p in j["places"]] ==
          sorted((p["count"] for p in j["places"]), reverse=True), got, per)
    st, j, _ = srv.get("/api/places?place=IND")
    check(tag + "places?place=IND: filtered",
          st == 200 and [(p["name"], p["count"]) for p in j["places"]] ==
          [("New Delhi", 3)], j)


def doc_checks(srv, db, tag):
    fixture = {}
    with open(FIXTURE, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            fixture[d.get("id")] = d
    allev = query(db)
    for did in ("s01", "s05", "s11"):
        st, j, h = srv.get("/api/doc?id=" + did)
        if st != 200:
            notok(tag + "doc?id=" + did, st, j)
            continue
        text = fixture[did]["text"].encode("utf-8")
        doc = j["doc"]
        good = doc["id"] == did and doc["text"].encode() == text and \
            doc["title"] == fixture[did].get("title") and \
            doc["url"] == fixture[did].get("url") and \
            same_events(j["events"], [e for e in allev
                                      if e["doc_id"] == did])
        why = []
        for e in j["events"]:
            for part, field in [("source", "source_text"),
                                ("target", "target_text"),
                                ("verb", "verb_text"), ("sentence", "text")]:
                sp = e[part + "_span"]
                if sp is None or text[sp[0]:sp[1]].decode() != e[field]:
                    good = False
                    why.append((part, sp, e[field]))
        for q in j["quotes"]:
            sp = q["span"]
            if text[sp[0]:sp[1]].decode().strip('"\u201c\u201d') != \
                    q["text"].strip('"\u201c\u201d'):
                good = False
                why.append(("quote", sp, q["text"]))
        check(tag + "doc?id=%s: the story, its events with spans into the "
              "text (bytes), its quotes" % did, good, why, j)
    st, j, _ = srv.get("/api/doc?id=s01")
    check(tag + "doc?id=s01: its quotation with its speaker",
          st == 200 and len(j["quotes"]) == 1 and
          "stand with Ukraine" in j["quotes"][0]["text"], j and j["quotes"])
    # a document without id: by its content hash, as dyad query names it
    hashed = [e["doc_id"] for e in allev if len(e["doc_id"]) == 32]
    st, j, _ = srv.get("/api/doc?id=" + hashed[0]) if hashed else (0, 0, 0)
    check(tag + "doc: a document without id found by its content hash",
          st == 200 and j["doc"]["id"] == hashed[0] and
          j["doc"]["date"] is None, st)
    st, j, _ = srv.get("/api/doc?id=nope")
    check(tag + "doc?id=nope: 404 with a JSON error",
          st == 404 and j["error"]["status"] == 404, st, j)
    st, j, _ = srv.get("/api/doc")
    check(tag + "doc without id: 400", st == 400, st, j)
    # the hostile story
    st, hdrs, data = srv.request("/api/doc?id=s11")
    j = json.loads(data)
    csp = hdrs.get("content-security-policy", "")
    check(tag + "doc?id=s11: <script>, onerror and javascript: returned as "
          "JSON text with nosniff and a CSP",
          st == 200 and
          hdrs.get("content-type") == "application/json; charset=utf-8" and
          hdrs.get("x-content-type-options") == "nosniff" and
          "default-src 'self'" in csp and "script-src 'self'" in csp and
          "<script>alert(1)</script>" in j["doc"]["text"] and
          '"><img src=x onerror=alert(1)>' in j["doc"]["text"] and
          j["doc"]["url"] == "javascript:alert(1)" and
          j["doc"]["title"] == "<script>alert('title')</script>", hdrs)


def request_checks(srv):
    for path in ["/api/events?quad=7", "/api/events?quad=x",
                 "/api/events?since=2023-13-01", "/api/events?until=2023-02-30",
                 "/api/events?since=yesterday", "/api/events?limit=0",
                 "/api/events?limit=501", "/api/events?limit=-1",
                 "/api/events?limit=1e3", "/api/events?offset=-1",
                 "/api/events?sort=bogus", "/api/events?sort=--date",
                 "/api/events?bogus=1", "/api/events?actor=JPN&actor=CHN",
                 "/api/events?dyad=JPN", "/api/events?dyad=JPN:",
                 "/api/events?dyad=JPN:CHN&source=USA",
                 "/api/counts?by=year", "/api/series?by=root",
                 "/api/top?kind=people", "/api/events?actor=%zz",
                 "/api/events?actor=%00", "/api/events?actor=%ff",
                 "/api/events?actor=" + "A" * 1100]:
        st, j, _ = srv.get(path)
        check("400: " + path[:60],
              st == 400 and j["error"]["status"] == 400 and
              j["error"]["message"], st, j)
    many = "&".join("actor=%d" % i for i in range(40))
    st, j, _ = srv.get("/api/events?" + many)
    check("400: more than 32 parameters", st == 400, st, j)
    for path in ["/api/nope", "/api/", "/nope", "/assets/nope.js",
                 "/assets/", "/index.htm", "/api/stats/x"]:
        st, j, _ = srv.get(path)
        check("404: " + path, st == 404 and j["error"]["status"] == 404,
              st, j)
    for path in ["/../etc/passwd", "/assets/../../etc/passwd",
                 "/assets/%2e%2e/%2e%2e/etc/passwd",
                 "/assets/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                 "/assets%2F..%2Fetc%2Fpasswd", "/api/%2e%2e/stats",
                 "/api%2Fstats", "/%2e%2e/", "/assets/..%5c..%5cetc",
                 "/assets/.%2e/x", "/api/..", "/./api/../api/stats"]:
        st, hdrs, data = srv.request(path)
        check("traversal refused: " + path,
              st in (400, 404) and b"root:" not in data and
              json.loads(data)["error"]["status"] == st, st, data[:200])
    st, j, _ = srv.get("/api/stats", method="DELETE")
    check("405: DELETE /api/stats", st == 405, st, j)
    st, j, _ = srv.get("/api/code")
    check("405: GET /api/code", st == 405, st, j)
    st, j, _ = srv.get("/api/events?" + "x" * 9000)
    check("414: a URL over 8 KiB", st == 414 and
          j["error"]["status"] == 414, st, j)
    st, hdrs, data = srv.request("/")
    check("GET /: an HTML page with the safe headers",
          st == 200 and hdrs["content-type"].startswith("text/html") and
          hdrs.get("x-content-type-options") == "nosniff" and
          "default-src 'self'" in hdrs.get("content-security-policy", ""),
          st, hdrs)


def code_checks(srv):
    text = ("TOKYO (Wire) - Japan's prime minister met NATO's secretary "
            "general on Tuesday. Japan condemned Russia. \"We will not "
            "accept this,\" the prime minister said.")
    body = json.dumps({"text": text, "date": "2023-02-01"}).encode()
    st, j, _ = srv.get("/api/code", method="POST", body=body,
                       headers={"Content-Type": "application/json"})
    with open(os.path.join(WORK, "code.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    want = [json.loads(l) for l in dyad(
        "code", "--date", "2023-02-01", "--quotes",
        os.path.join(WORK, "quotes.jsonl"), "-",
        stdin=text.encode()).stdout.decode().splitlines()]
    with open(os.path.join(WORK, "quotes.jsonl"), encoding="utf-8") as f:
        wantq = [json.loads(l) for l in f]
    expl = dyad("explain", "--date", "2023-02-01", text).stdout.decode()
    strip = lambda evs: [{k: v for k, v in e.items() if k != "doc_id"}
                         for e in evs]
    check("POST /api/code: the events dyad code writes",
          st == 200 and len(want) >= 2 and
          strip(j["events"]) == strip(want), j and j.get("events"), want)
    check("POST /api/code: the quotes dyad code --quotes writes",
          st == 200 and len(wantq) == 1 and
          strip(j["quotes"]) == strip(wantq), j and j.get("quotes"), wantq)
    check("POST /api/code: the text dyad explain prints",
          st == 200 and j["explain"] == expl and "event: JPN" in expl,
          j and j.get("explain"), expl)
    n0 = sqlite3.connect(os.path.join(WORK, "s.db")).execute(
        "SELECT COUNT(*) FROM documents").fetchone()[0]
    check("POST /api/code: nothing stored", n0 == 12, n0)
    for bad in [b"", b"nope", b"[]", b'{"text":1}', b'{"date":"2023-01-01"}',
                b'{"text":"x","date":"2023-02-30"}', b'{"text":"x","date":5}',
                b'{"text":"a","text":"b"}']:
        st, j, _ = srv.get("/api/code", method="POST", body=bad)
        check("POST /api/code %r: 400" % bad[:30], st == 400 and
              j["error"]["status"] == 400, st, j)
    big = json.dumps({"text": "Japan condemned Russia. " * 3000}).encode()
    st, j, _ = srv.get("/api/code", method="POST", body=big)
    check("POST /api/code: a body over 64 KiB refused (413, Content-Length)",
          st == 413 and j["error"]["status"] == 413, st, j)
    st, j, _ = srv.get("/api/code", method="POST", body=big, chunked=True)
    check("POST /api/code: a chunked body over 64 KiB refused (413)",
          st == 413 and j["error"]["status"] == 413, st, j)
    fits = json.dumps({"text": "Japan condemned Russia. " * 2500}).encode()
    st, j, _ = srv.get("/api/code", method="POST", body=fits, chunked=True)
    check("POST /api/code: a chunked body under 64 KiB coded",
          st == 200 and len(j["events"]) >= 1, st, len(fits))


def token_checks(db):
    srv = Server(db, "--token", "s3cret")
    try:
        st, j, _ = srv.get("/api/stats")
        check("token: an API call without it is refused (401)",
              st == 401 and j["error"]["status"] == 401, st, j)
        st, j, _ = srv.get("/api/stats",
                           headers={"Authorization": "Bearer wrong"})
        check("token: a wrong one is refused", st == 401, st)
        st, j, _ = srv.get("/api/stats",
                           headers={"Authorization": "Bearer s3cret"})
        check("token: the right one is accepted", st == 200 and
              j["documents"] == 12, st, j)
        st, j, _ = srv.get("/api/code", method="POST", body=b'{"text":"x"}')
        check("token: POST /api/code without it refused", st == 401, st)
        st, _, _ = srv.request("/")
        check("token: the page is served without it", st == 200, st)
    finally:
        rc = srv.stop()
    check("SIGTERM: the server stops cleanly (exit 0)", rc == 0, rc)
    srv = Server(db, env_token="envtok")
    try:
        st, _, _ = srv.get("/api/stats")
        st2, _, _ = srv.get("/api/stats",
                            headers={"Authorization": "Bearer envtok"})
        check("token: $DYAD_TOKEN is used", st == 401 and st2 == 200,
              st, st2)
    finally:
        srv.stop()
    r = dyad("serve", "--db", db, "--host", "0.0.0.0", "--port", "0")
    check("a non-loopback --host without a token is refused (exit 2)",
          r.returncode == 2 and b"token" in r.stderr, r.returncode,
          r.stderr)
    r = dyad("serve", "--db", os.path.join(WORK, "missing.db"), "--port", "0")
    check("a missing database is named (exit 5)",
          r.returncode == 5 and b"missing.db" in r.stderr, r.returncode,
          r.stderr)
    r = dyad("serve", "--db", db, "--port", "99999")
    check("a bad --port is a usage error (exit 2)", r.returncode == 2,
          r.returncode)


def pg_checks(sq):
    """The same answers from a server over PostgreSQL."""
    r = dyad("ingest", "--db", PG_URL, FIXTURE)
    if r.returncode != 0:
        notok("PostgreSQL: ingest", r.stderr)
        return
    pg = Server(PG_URL)
    try:
        api_checks(pg, PG_URL, "PostgreSQL: ")
        paths = ["/api/stats", "/api/events?limit=500",
                 "/api/events?limit=7&offset=3&sort=-goldstein",
                 "/api/events?sort=source&limit=500",
                 "/api/events?sort=-target&limit=500",
                 "/api/events?text=war+crimes", "/api/counts?by=week",
                 "/api/counts?by=dyad", "/api/series?by=day",
                 "/api/series?by=month&actor=JPN", "/api/top?kind=actors",
                 "/api/network", "/api/places", "/api/doc?id=s01",
                 "/api/doc?id=s11"]
        for p in paths:
            a = sq.get(p)
            b = pg.get(p)
            check("PostgreSQL = SQLite: " + p,
                  a[0] == 200 and a[0] == b[0] and close(a[1], b[1]),
                  a[1], b[1])
    finally:
        pg.stop()


def close(a, b):
    """Equal JSON, floats within 1e-6."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and abs(a - b) < 1e-6
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and \
            all(close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and \
            all(close(x, y) for x, y in zip(a, b))
    return a == b


def main():
    db = os.path.join(WORK, "s.db")
    r = dyad("ingest", "--db", db, FIXTURE)
    if r.returncode != 0:
        print("not ok - ingest the fixture: %s" % r.stderr.decode())
        return 1
    srv = Server(db)
    try:
        api_checks(srv, db, "")
        doc_checks(srv, db, "")
        request_checks(srv)
        code_checks(srv)
        if PG_URL:
            pg_checks(srv)
    finally:
        srv.stop()
    token_checks(db)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

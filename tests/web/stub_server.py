#!/usr/bin/env python3
"""stub_server.py -- a stand-in for `dyad serve` for page-only work: serves
web/dist/index.html at /, web/dist/assets/ at /assets/, and the JSON API of docs/serve.md computed in
Python from `dyad code` run over a JSONL corpus (no database).  It answers
the shapes of the contract, not every detail of the server (no caps, no
explain); the browser tests run against the real `dyad serve`.

usage: stub_server.py DYAD CORPUS.jsonl DIST_DIR [--port N] [--token T]
Prints "listening on http://127.0.0.1:PORT/" and serves until killed."""
import argparse
import datetime
import json
import mimetypes
import os
import signal
import subprocess
import sys
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs, unquote

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'",
}


def code(dyad, path, extra=()):
    with tempfile.TemporaryDirectory(prefix="web-stub-") as tmp:
        qpath = os.path.join(tmp, "quotes.jsonl")
        out = subprocess.run([dyad, "code", "--quotes", qpath, *extra, path],
                             check=True, capture_output=True, text=True).stdout
        events = [json.loads(l) for l in out.splitlines() if l.strip()]
        with open(qpath, encoding="utf-8") as f:
            quotes = [json.loads(l) for l in f if l.strip()]
    return events, quotes


def flat(e):
    place = e.get("place") or {}
    return {
        "doc_id": e["doc_id"], "sentence": e["sentence"], "date": e["date"],
        "source": e["source"]["code"], "target": e["target"]["code"],
        "code": e["code"], "root": e["root"], "quad_class": e["quad_class"],
        "goldstein": e["goldstein"], "source_text": e["source"]["text"],
        "target_text": e["target"]["text"], "verb_text": e["verb"]["text"],
        "place": place.get("name"), "place_country": place.get("country"),
        "lat": place.get("lat"), "lon": place.get("lon"),
        "confidence": e.get("confidence"), "num_articles": e.get("num_articles", 1),
        "text": e["text"], "sentence_span": e["sentence_span"],
        "source_span": e["source"].get("span"), "target_span": e["target"].get("span"),
        "verb_span": e["verb"].get("span"),
        "_country": (e["source"].get("country"), e["target"].get("country")),
    }


PUBLIC = ["doc_id", "sentence", "date", "source", "target", "code", "root", "quad_class",
          "goldstein", "source_text", "target_text", "verb_text", "place", "place_country",
          "confidence", "num_articles", "text"]


class Data:
    def __init__(self, dyad, corpus):
        with open(corpus, encoding="utf-8") as f:
            self.docs = {d["id"]: d for d in (json.loads(l) for l in f if l.strip())}
        events, quotes = code(dyad, corpus)
        self.events = [flat(e) for e in events]
        self.quotes = quotes

    def match(self, e, q):
        def actor(code, country, want):
            return code.startswith(want) or country == want
        s, t = e["_country"]
        if "actor" in q and not (actor(e["source"], s, q["actor"]) or
                                 actor(e["target"], t, q["actor"])):
            return False
        if "source" in q and not actor(e["source"], s, q["source"]):
            return False
        if "target" in q and not actor(e["target"], t, q["target"]):
            return False
        if "dyad" in q:
            a, _, b = q["dyad"].partition(":")
            if not (actor(e["source"], s, a) and actor(e["target"], t, b)):
                return False
        for k in ("code", "root"):
            if k in q and e[k] != q[k]:
                return False
        if "quad" in q and str(e["quad_class"]) != q["quad"]:
            return False
        if "since" in q and e["date"] < q["since"]:
            return False
        if "until" in q and e["date"] > q["until"]:
            return False
        if "place" in q and q["place"].lower() not in (
                (e["place"] or "").lower(), (e["place_country"] or "").lower()):
            return False
        if "text" in q:
            words = self.docs[e["doc_id"]]["text"].lower().split()
            if not all(w in " ".join(words) for w in q["text"].lower().split()):
                return False
        return True

    def select(self, q):
        return [e for e in self.events if self.match(e, q)]


def period(date, by):
    d = datetime.date.fromisoformat(date)
    if by == "week":
        return (d - datetime.timedelta(days=d.weekday())).isoformat()
    if by == "month":
        return date[:7]
    return date


def groups(rows, keyf):
    out = {}
    for e in rows:
        g = out.setdefault(keyf(e), {"count": 0, "sum": 0.0, "quad": [0, 0, 0, 0]})
        g["count"] += 1
        g["sum"] += e["goldstein"]
        g["quad"][e["quad_class"] - 1] += 1
    return out


def mean(g):
    return round(g["sum"] / g["count"], 5)


class NotFound(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    data = None
    dist = None
    token = None

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype="application/json; charset=utf-8"):
        if not isinstance(body, bytes):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in HEADERS.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, msg):
        self.send(status, {"error": {"status": status, "message": msg}})

    def do_GET(self):
        url = urlsplit(self.path)
        if ".." in unquote(url.path):
            return self.error(400, "bad path")
        if url.path == "/" or url.path.startswith("/assets/"):
            name = "index.html" if url.path == "/" else url.path[len("/assets/"):]
            if "/" in name:
                return self.error(404, "no such file")
            path = os.path.join(self.dist, name if url.path == "/" else "assets/" + name)
            if not os.path.isfile(path):
                return self.error(404, "no such file")
            ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype.endswith("javascript"):
                ctype += "; charset=utf-8"
            with open(path, "rb") as f:
                return self.send(200, f.read(), ctype)
        if not url.path.startswith("/api/"):
            return self.error(404, "no such path")
        if self.token and self.headers.get("Authorization") != f"Bearer {self.token}":
            return self.error(401, "a token is required")
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        fn = getattr(self, "api_" + url.path[5:], None)
        if fn is None:
            return self.error(404, "no such path")
        try:
            self.send(200, fn(q))
        except NotFound as e:
            self.error(404, str(e))
        except (KeyError, ValueError) as e:
            self.error(400, f"bad parameter: {e}")

    def do_POST(self):
        if urlsplit(self.path).path != "/api/code":
            return self.error(405, "method not allowed")
        if self.token and self.headers.get("Authorization") != f"Bearer {self.token}":
            return self.error(401, "a token is required")
        n = int(self.headers.get("Content-Length", "0"))
        if n > 65536:
            return self.error(413, "body over 64 KiB")
        body = json.loads(self.rfile.read(n))
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
            f.write(body["text"])
            f.flush()
            events, quotes = code(self.data_dyad, f.name, ["--date", body["date"]])
        self.send(200, {"events": events, "quotes": quotes, "explain": "(the stub has no explain)"})

    def api_stats(self, q):
        ev = self.data.events
        dates = sorted(e["date"] for e in ev)
        return {"documents": len(self.data.docs), "events": len(ev), "quotes": len(self.data.quotes),
                "distinct_events": len(ev), "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None}

    def api_events(self, q):
        rows = self.data.select(q)
        sort = q.get("sort", "date")
        key = sort.lstrip("-")
        if key not in ("date", "goldstein", "code", "source", "target"):
            raise ValueError("sort")
        rows.sort(key=lambda e: (e[key], e["doc_id"], e["sentence"]), reverse=sort.startswith("-"))
        off, lim = int(q.get("offset", 0)), min(int(q.get("limit", 50)), 500)
        return {"total": len(rows), "offset": off, "limit": lim,
                "events": [{k: e[k] for k in PUBLIC} for e in rows[off:off + lim]]}

    def api_series(self, q):
        by = q.get("by", "week")
        g = groups(self.data.select(q), lambda e: period(e["date"], by))
        return {"by": by, "series": [{"key": k, "count": v["count"], "mean_goldstein": mean(v),
                                      "quad": v["quad"]} for k, v in sorted(g.items())]}

    def api_top(self, q):
        kind = q.get("kind", "dyads")
        keyf = {"dyads": lambda e: f"{e['source']}:{e['target']}",
                "sources": lambda e: e["source"], "targets": lambda e: e["target"]}[kind]
        g = groups(self.data.select(q), keyf)
        items = sorted(g.items(), key=lambda kv: (-kv[1]["count"], kv[0]))[:int(q.get("limit", 20))]
        return {"kind": kind, "items": [{"key": k, "count": v["count"], "mean_goldstein": mean(v)}
                                        for k, v in items]}

    def api_network(self, q):
        g = groups(self.data.select(q), lambda e: (e["source"], e["target"]))
        edges = sorted(g.items(), key=lambda kv: (-kv[1]["count"], kv[0]))[:int(q.get("limit", 100))]
        nodes = {}
        for (s, t), v in edges:
            nodes[s] = nodes.get(s, 0) + v["count"]
            nodes[t] = nodes.get(t, 0) + v["count"]
        return {"nodes": [{"id": k, "count": v} for k, v in sorted(nodes.items())],
                "edges": [{"source": s, "target": t, "count": v["count"], "mean_goldstein": mean(v)}
                          for (s, t), v in edges]}

    def api_places(self, q):
        rows = [e for e in self.data.select(q) if e["place"]]
        g = groups(rows, lambda e: (e["place"], e["place_country"], e["lat"], e["lon"]))
        return {"places": [{"name": k[0], "country": k[1], "lat": k[2], "lon": k[3],
                            "count": v["count"], "mean_goldstein": mean(v)} for k, v in g.items()]}

    def api_doc(self, q):
        doc = self.data.docs.get(q["id"])
        if doc is None:
            raise NotFound("no such document")
        evs = [{k: v for k, v in e.items() if k[0] != "_" and k not in ("lat", "lon")}
               for e in self.data.events if e["doc_id"] == doc["id"]]
        quotes = [{"text": x["text"], "span": x["span"],
                   "speaker": (x["speaker"] or {}).get("text"),
                   "speaker_code": (x["speaker"] or {}).get("code")}
                  for x in self.data.quotes if x["doc_id"] == doc["id"]]
        return {"doc": {k: doc.get(k) for k in ("id", "title", "url", "source", "date", "text")},
                "events": evs, "quotes": quotes}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dyad")
    ap.add_argument("corpus")
    ap.add_argument("dist")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--token")
    a = ap.parse_args()
    Handler.data = Data(a.dyad, a.corpus)
    Handler.data_dyad = a.dyad
    Handler.dist = a.dist
    Handler.token = a.token
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print(f"listening on http://127.0.0.1:{srv.server_address[1]}/", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())

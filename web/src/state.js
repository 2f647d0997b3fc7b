// state.js -- what the page shows, kept in the URL's query string so a view
// can be bookmarked, reloaded and shared: the view, the filter shared by
// every view (actor, dyad, root, quad, since, until, place, text) and each
// view's own settings (the series period, the Goldstein dyad, the events'
// sort and page, the open story and its chosen event).
export const FILTER_KEYS = ["actor", "dyad", "root", "quad", "since", "until", "place", "text"];
export const VIEWS = ["overview", "events", "network", "try"];
export const SORTS = ["date", "-date", "goldstein", "-goldstein", "code", "-code",
  "source", "-source", "target", "-target"];

export const state = { view: "overview", filter: {}, by: "week", gdyad: "",
  sort: "-date", offset: 0, doc: "", ev: -1 };

// The values sent for a filter key: trimmed, codes in capitals.  Returns
// an error message for a value the API would refuse, else null.
export function normalise(filter) {
  const out = {};
  for (const k of FILTER_KEYS) {
    let v = filter[k] === undefined || filter[k] === null ? "" : String(filter[k]).trim();
    if (v === "") continue;
    if (k === "actor" || k === "dyad") v = v.toUpperCase().replace(/\s+/g, "");
    out[k] = v;
  }
  return out;
}

export function checkFilter(f) {
  if (f.dyad && !/^[A-Z0-9]+:[A-Z0-9]+$/.test(f.dyad)) {
    return `dyad "${f.dyad}" is not SOURCE:TARGET, e.g. JPN:CHN`;
  }
  if (f.actor && !/^[A-Z0-9]+$/.test(f.actor)) return `actor "${f.actor}" is not a code, e.g. JPN`;
  for (const k of ["since", "until"]) {
    if (f[k] && !/^\d{4}-\d{2}-\d{2}$/.test(f[k])) return `${k} "${f[k]}" is not YYYY-MM-DD`;
  }
  if (f.since && f.until && f.since > f.until) return "since is after until";
  if (f.root && !/^\d{2}$/.test(f.root)) return `root "${f.root}" is not two digits`;
  if (f.quad && !/^[1-4]$/.test(f.quad)) return "quad is 1 to 4";
  return null;
}

export function readURL() {
  const q = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTER_KEYS) if (q.has(k)) f[k] = q.get(k);
  state.filter = normalise(f);
  const view = q.get("view");
  state.view = VIEWS.includes(view) ? view : "overview";
  const by = q.get("by");
  state.by = ["day", "week", "month"].includes(by) ? by : "week";
  state.gdyad = (q.get("gdyad") || "").toUpperCase();
  const sort = q.get("sort");
  state.sort = SORTS.includes(sort) ? sort : "-date";
  const off = Number.parseInt(q.get("offset") || "0", 10);
  state.offset = Number.isFinite(off) && off > 0 ? off : 0;
  state.doc = q.get("doc") || "";
  const ev = Number.parseInt(q.get("ev") || "-1", 10);
  state.ev = Number.isFinite(ev) && ev >= 0 ? ev : -1;
}

// Writes the state to the address bar: a new history entry (push) or the
// current one replaced.
export function writeURL(push) {
  const q = new URLSearchParams();
  if (state.view !== "overview") q.set("view", state.view);
  for (const k of FILTER_KEYS) if (state.filter[k]) q.set(k, state.filter[k]);
  if (state.by !== "week") q.set("by", state.by);
  if (state.gdyad) q.set("gdyad", state.gdyad);
  if (state.sort !== "-date") q.set("sort", state.sort);
  if (state.offset > 0) q.set("offset", String(state.offset));
  if (state.doc) q.set("doc", state.doc);
  if (state.doc && state.ev >= 0) q.set("ev", String(state.ev));
  const qs = q.toString();
  const url = location.pathname + (qs ? "?" + qs : "");
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

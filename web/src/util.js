// util.js -- small helpers shared by the views: building DOM nodes with
// text only (never HTML), byte spans to string indexes, marking ranges of a
// text, colours for quad classes and Goldstein values, CAMEO root names.
import { scaleLinear } from "d3-scale";

// An element with attributes and children; strings become text nodes.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// "JPNGOV" or "Prime Minister Kishida (JPNGOV)".
export function actorLabel(text, code) {
  if (text && code) return `${text} (${code})`;
  return text || code || "";
}

export function fmtNum(x, digits = 1) {
  return typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "";
}

// Maps byte offsets into `text` encoded as UTF-8 to indexes into the
// JavaScript string (UTF-16 code units) in one walk over the text, keeping
// only the offsets asked for (a story may be megabytes long).  An offset
// inside a character maps to the end of that character; offsets past the
// end map to the text's length.  Returns a function offset -> index.
export function byteToIndex(text, offsets) {
  const want = [...new Set(offsets.filter((o) => Number.isInteger(o) && o >= 0))]
    .sort((a, b) => a - b);
  const map = new Map();
  let b = 0;
  let i = 0;
  let k = 0;
  while (k < want.length) {
    if (want[k] <= b) {
      map.set(want[k++], i);
      continue;
    }
    if (i >= text.length) break;
    const cp = text.codePointAt(i);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  while (k < want.length) map.set(want[k++], text.length);
  return (off) => map.get(off);
}

// The byte offsets of the spans in `spans` (arrays [b, e] or anything).
export function spanOffsets(spans) {
  const out = [];
  for (const s of spans) if (Array.isArray(s) && s.length === 2) out.push(s[0], s[1]);
  return out;
}

// A byte span [b, e] from the API as a string range {start, end}, or null
// when it is missing or malformed (toIndex from byteToIndex with the span's
// offsets).
export function spanRange(toIndex, span) {
  if (!Array.isArray(span) || span.length !== 2) return null;
  const [b, e] = span;
  if (!Number.isInteger(b) || !Number.isInteger(e) || b < 0 || e <= b) return null;
  const start = toIndex(b), end = toIndex(e);
  return start !== undefined && end !== undefined && end > start ? { start, end } : null;
}

// Fills `container` with `text`, the parts covered by `ranges`
// ({start, end, cls}) wrapped in <span class="cls ..."> (overlapping
// ranges give one span per piece, with every class that covers it).
export function renderMarked(container, text, ranges) {
  clear(container);
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const cls = ranges.filter((r) => r.start <= a && r.end >= b).map((r) => r.cls);
    if (cls.length === 0) frag.append(document.createTextNode(piece));
    else frag.append(el("span", { class: [...new Set(cls)].join(" ") }, piece));
  }
  container.append(frag);
}

export const QUAD_NAMES = ["verbal cooperation", "material cooperation",
  "verbal conflict", "material conflict"];
export const QUAD_COLORS = ["#9ccf8f", "#2f855a", "#f0a050", "#c53030"];

// Goldstein -10 (red) .. 0 (grey) .. +10 (green).
export const goldsteinColor = scaleLinear()
  .domain([-10, 0, 10]).range(["#c53030", "#a0a0a0", "#2f855a"]).clamp(true);

export const CAMEO_ROOTS = [
  ["01", "make public statement"], ["02", "appeal"],
  ["03", "express intent to cooperate"], ["04", "consult"],
  ["05", "engage in diplomatic cooperation"],
  ["06", "engage in material cooperation"], ["07", "provide aid"],
  ["08", "yield"], ["09", "investigate"], ["10", "demand"],
  ["11", "disapprove"], ["12", "reject"], ["13", "threaten"],
  ["14", "protest"], ["15", "exhibit force posture"],
  ["16", "reduce relations"], ["17", "coerce"], ["18", "assault"],
  ["19", "fight"], ["20", "use unconventional mass violence"],
];

// A date key from the API ("2023-01-30" or "2023-01") as a UTC Date, or
// null; and the start of the next period.
export function keyDate(key) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(key));
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
}

export function nextPeriod(d, by) {
  const n = new Date(d.getTime());
  if (by === "month") n.setUTCMonth(n.getUTCMonth() + 1);
  else n.setUTCDate(n.getUTCDate() + (by === "week" ? 7 : 1));
  return n;
}

// A width for a chart drawn into `node`: its layout width, else a default.
export function widthOf(node, fallback = 800) {
  const w = node.getBoundingClientRect().width;
  return w > 50 ? Math.floor(w) : fallback;
}

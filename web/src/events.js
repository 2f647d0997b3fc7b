// events.js -- the Events view: a sortable, paged table of the filtered
// events (/api/events), and the story of a clicked row (/api/doc) with the
// event's source, verb and target marked in its sentence (byte spans
// converted to string indexes), the quotations marked, and the story's
// events.  Every string from the API goes in as text.
import { get } from "./api.js";
import { state } from "./state.js";
import { ui, loader } from "./ui.js";
import { el, clear, actorLabel, fmtNum, byteToIndex, spanOffsets, spanRange, renderMarked,
  goldsteinColor } from "./util.js";

const PAGE = 50;
const section = document.getElementById("view-events");
const runTable = loader(section);
const runStory = loader(section);
let lastTable = null;
let lastDoc = null;   // the document shown: {key, data}
let wanted = null;    // the clicked row, to find among the story's events

function tableKey() {
  return JSON.stringify([state.filter, state.sort, state.offset]);
}

function goldCell(g) {
  const td = el("td", { class: "num" }, fmtNum(g));
  if (typeof g === "number") td.style.color = goldsteinColor(g);
  return td;
}

function renderTable(data) {
  const tbody = section.querySelector("#events-table tbody");
  clear(tbody);
  const events = Array.isArray(data.events) ? data.events : [];
  for (const e of events) {
    const tr = el("tr", { tabindex: 0, class: "row", title: "open the story" },
      el("td", { class: "date" }, e.date || ""),
      el("td", { title: e.source_text || "" }, e.source || ""),
      el("td", { title: e.target_text || "" }, e.target || ""),
      el("td", {}, e.code || ""),
      el("td", {}, e.root || ""),
      goldCell(e.goldstein),
      el("td", { class: "sentence" }, e.text || ""));
    tr.dataset.doc = String(e.doc_id ?? "");
    const open = () => {
      wanted = e;
      ui.navigate({ doc: String(e.doc_id), ev: -1 }, true);
    };
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", (k) => { if (k.key === "Enter") open(); });
    tbody.append(tr);
  }
  markCurrent();
  if (events.length === 0) {
    tbody.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No events for this filter.")));
  }
  const total = Number(data.total) || 0;
  const from = events.length ? state.offset + 1 : 0;
  document.getElementById("page-info").textContent =
    `${from}\u2013${state.offset + events.length} of ${total} events`;
  document.getElementById("page-prev").disabled = state.offset <= 0;
  document.getElementById("page-next").disabled = state.offset + events.length >= total;
  for (const th of section.querySelectorAll("#events-table th[data-sort]")) {
    const k = th.dataset.sort;
    th.classList.toggle("sorted", state.sort === k || state.sort === `-${k}`);
    th.dataset.dir = state.sort === k ? "asc" : state.sort === `-${k}` ? "desc" : "";
    th.setAttribute("aria-sort", th.dataset.dir === "asc" ? "ascending"
      : th.dataset.dir === "desc" ? "descending" : "none");
  }
}

// Marks the table's rows of the open story.
function markCurrent() {
  for (const tr of section.querySelectorAll("#events-table tbody tr.row")) {
    tr.classList.toggle("current", state.doc !== "" && tr.dataset.doc === state.doc);
  }
}

// The same event: the story's events carry the events' fields.
function sameEvent(a, b) {
  return a.sentence === b.sentence && a.code === b.code && a.source === b.source &&
    a.target === b.target && a.date === b.date;
}

function renderStory(data) {
  const doc = data.doc || {};
  const events = Array.isArray(data.events) ? data.events : [];
  const quotes = Array.isArray(data.quotes) ? data.quotes : [];
  const text = typeof doc.text === "string" ? doc.text : "";
  const spans = [];
  for (const q of quotes) spans.push(q.span);
  for (const e of events) spans.push(e.sentence_span, e.source_span, e.target_span, e.verb_span);
  const toIndex = byteToIndex(text, spanOffsets(spans));
  let ev = state.ev;
  if (wanted) {
    ev = events.findIndex((e) => sameEvent(e, wanted));
    wanted = null;
    ui.navigate({ ev }, false);
    return;   // navigate shows the story again with ev set
  }
  const box = document.getElementById("story");
  box.hidden = false;
  document.getElementById("story-title").textContent = doc.title || doc.id || "";
  const meta = clear(document.getElementById("story-meta"));
  const parts = [doc.source, doc.date, doc.id ? `id ${doc.id}` : ""].filter(Boolean);
  meta.append(parts.join(" \u00b7 "));
  if (doc.url) {
    // Shown as text, never made a link: it is stored data like the story.
    meta.append(" \u00b7 ", el("span", { class: "url" }, String(doc.url)));
  }
  const ranges = [];
  for (const q of quotes) {
    const r = spanRange(toIndex, q.span);
    if (r) ranges.push({ ...r, cls: "hl-quote" });
  }
  // Opened without a chosen event (a link with doc= only): the first one.
  if (ev < 0 || ev >= events.length) ev = events.length ? 0 : -1;
  const cur = ev >= 0 ? events[ev] : null;
  if (cur) {
    for (const [key, cls] of [["sentence_span", "hl-sentence"], ["source_span", "hl-source"],
      ["target_span", "hl-target"], ["verb_span", "hl-verb"]]) {
      const r = spanRange(toIndex, cur[key]);
      if (r) ranges.push({ ...r, cls });
    }
  }
  const textBox = document.getElementById("story-text");
  renderMarked(textBox, text, ranges);

  const tbody = clear(document.querySelector("#story-events tbody"));
  events.forEach((e, i) => {
    const tr = el("tr", { tabindex: 0, class: i === ev ? "row current" : "row" },
      el("td", { class: "num" }, String(e.sentence ?? "")),
      el("td", {}, actorLabel(e.source_text, e.source)),
      el("td", {}, e.verb_text || ""),
      el("td", {}, actorLabel(e.target_text, e.target)),
      el("td", {}, e.code || ""),
      goldCell(e.goldstein));
    const pick = () => ui.navigate({ ev: i }, false);
    tr.addEventListener("click", pick);
    tr.addEventListener("keydown", (k) => { if (k.key === "Enter") pick(); });
    tbody.append(tr);
  });
  if (events.length === 0) {
    tbody.append(el("tr", {}, el("td", { colspan: 6, class: "empty" }, "No events in this story.")));
  }
  const ql = clear(document.getElementById("story-quotes"));
  for (const q of quotes) {
    const who = actorLabel(q.speaker, q.speaker_code) || "unknown speaker";
    ql.append(el("li", {}, el("span", { class: "speaker" }, who), ": ",
      el("q", { class: "hl-quote" }, q.text || "")));
  }
  if (quotes.length === 0) ql.append(el("li", { class: "empty" }, "No quotations."));
  const mark = textBox.querySelector(".hl-sentence");
  if (mark && typeof mark.scrollIntoView === "function") {
    mark.scrollIntoView({ block: "nearest" });
  }
}

function showStory() {
  const box = document.getElementById("story");
  if (!state.doc) {
    box.hidden = true;
    lastDoc = null;
    return;
  }
  if (lastDoc && lastDoc.key === state.doc && lastDoc.data) {
    renderStory(lastDoc.data);
    return;
  }
  lastDoc = { key: state.doc, data: null };
  runStory(async (signal, current) => {
    const data = await get("doc", { id: state.doc }, signal);
    if (!current()) return;
    lastDoc = { key: state.doc, data };
    renderStory(data);
  });
}

export function show() {
  const key = tableKey();
  if (key !== lastTable) {
    lastTable = key;
    runTable(async (signal, current) => {
      const data = await get("events", { ...state.filter, sort: state.sort,
        offset: state.offset, limit: PAGE }, signal);
      if (current()) renderTable(data);
    });
  } else {
    markCurrent();
  }
  showStory();
}

export function init() {
  document.getElementById("page-prev").addEventListener("click", () =>
    ui.navigate({ offset: Math.max(0, state.offset - PAGE) }, true));
  document.getElementById("page-next").addEventListener("click", () =>
    ui.navigate({ offset: state.offset + PAGE }, true));
  for (const th of section.querySelectorAll("#events-table th[data-sort]")) {
    th.tabIndex = 0;
    const sort = () => {
      const k = th.dataset.sort;
      const next = state.sort === k ? `-${k}` : state.sort === `-${k}` ? k
        : (k === "date" || k === "goldstein" ? `-${k}` : k);
      ui.navigate({ sort: next, offset: 0 }, true);
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (k) => { if (k.key === "Enter") sort(); });
  }
  document.getElementById("story-close").addEventListener("click", () =>
    ui.navigate({ doc: "", ev: -1 }, true));
}

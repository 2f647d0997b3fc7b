// tryit.js -- the Try it view: pasted text and a date sent to POST
// /api/code (nothing is stored); shows the events as a table, the
// quotations and the explain trace.
import { post } from "./api.js";
import { loader, showError, clearError } from "./ui.js";
import { el, clear, actorLabel, fmtNum } from "./util.js";

const section = document.getElementById("view-try");
const run = loader(section);
const MAX_BODY = 64 * 1024;

// An actor of `dyad code`'s output ({text, code, ...}) or of the API's
// flat fields.
function actor(a) {
  if (a && typeof a === "object") return actorLabel(a.text, a.code);
  return a ? String(a) : "";
}

function render(data) {
  document.getElementById("try-result").hidden = false;
  const tbody = clear(document.querySelector("#try-events tbody"));
  const events = Array.isArray(data.events) ? data.events : [];
  for (const e of events) {
    tbody.append(el("tr", {},
      el("td", { class: "date" }, e.date || ""),
      el("td", {}, actor(e.source)),
      el("td", {}, e.verb && typeof e.verb === "object" ? e.verb.text || "" : e.verb_text || ""),
      el("td", {}, actor(e.target)),
      el("td", {}, e.code || ""),
      el("td", { class: "num" }, fmtNum(e.goldstein)),
      el("td", { class: "sentence" }, e.text || "")));
  }
  if (events.length === 0) {
    tbody.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No events in this text.")));
  }
  const ql = clear(document.getElementById("try-quotes"));
  for (const q of Array.isArray(data.quotes) ? data.quotes : []) {
    const who = q.speaker && typeof q.speaker === "object" ? actor(q.speaker)
      : actorLabel(q.speaker, q.speaker_code);
    ql.append(el("li", {}, el("span", { class: "speaker" }, who || "unknown speaker"), ": ",
      el("q", { class: "hl-quote" }, q.text || "")));
  }
  if (!ql.firstChild) ql.append(el("li", { class: "empty" }, "No quotations."));
  document.getElementById("try-explain").textContent =
    typeof data.explain === "string" ? data.explain : "";
}

export function show() {
  const date = document.getElementById("try-date");
  if (!date.value) date.value = new Date().toISOString().slice(0, 10);
  if (!section.dataset.loaded) section.dataset.loaded = "true";
}

export function init() {
  document.getElementById("try-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = document.getElementById("try-text").value;
    const date = document.getElementById("try-date").value;
    if (!text.trim()) { showError("Paste some text to code."); return; }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) { showError("Give the story's date."); return; }
    const body = { text, date };
    if (new TextEncoder().encode(JSON.stringify(body)).length > MAX_BODY) {
      showError("The text is too long to code here (64 KiB at most); use dyad code.");
      return;
    }
    clearError();
    run(async (signal, current) => {
      const data = await post("code", body, signal);
      if (current()) render(data);
    });
  });
}

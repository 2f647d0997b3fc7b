// main.js -- the page's entry point: reads the state from the URL, wires
// the filter bar and the tabs, and shows the current view.  Back and
// forward move through the states (popstate).
import { get, initToken } from "./api.js";
import { state, readURL, writeURL, normalise, checkFilter, FILTER_KEYS } from "./state.js";
import { ui, showError, clearError } from "./ui.js";
import { CAMEO_ROOTS } from "./util.js";
import * as overview from "./overview.js";
import * as events from "./events.js";
import * as network from "./network.js";
import * as tryit from "./tryit.js";

const views = { overview, events, network, try: tryit };
const form = document.getElementById("filter");

function fillForm() {
  for (const k of FILTER_KEYS) form.elements[k].value = state.filter[k] || "";
}

function render() {
  for (const b of document.querySelectorAll(".tabs [data-view]")) {
    const on = b.dataset.view === state.view;
    b.setAttribute("aria-selected", on ? "true" : "false");
    b.classList.toggle("active", on);
  }
  for (const name of Object.keys(views)) {
    document.getElementById(`view-${name}`).hidden = name !== state.view;
  }
  fillForm();
  views[state.view].show();
}

ui.navigate = (changes, push) => {
  if (changes.filter) clearError();
  Object.assign(state, changes);
  writeURL(push);
  render();
};

async function stats() {
  try {
    const s = await get("stats");
    const span = s.first_date && s.last_date ? `, ${s.first_date} to ${s.last_date}` : "";
    document.getElementById("stats").textContent =
      `${s.documents} documents, ${s.events} events, ${s.quotes} quotations${span}`;
  } catch (e) {
    showError(e.message);
  }
}

function init() {
  initToken();
  const root = form.elements.root;
  for (const [code, name] of CAMEO_ROOTS) {
    const o = document.createElement("option");
    o.value = code;
    o.textContent = `${code} ${name}`;
    root.append(o);
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = {};
    for (const k of FILTER_KEYS) f[k] = form.elements[k].value;
    const filter = normalise(f);
    const bad = checkFilter(filter);
    if (bad) { showError(bad); return; }
    // A new dyad in the filter: the Goldstein line follows it.
    const gdyad = filter.dyad && filter.dyad !== state.filter.dyad ? "" : state.gdyad;
    ui.navigate({ filter, gdyad, offset: 0, doc: "", ev: -1 }, true);
  });
  document.getElementById("filter-clear").addEventListener("click", () =>
    ui.navigate({ filter: {}, offset: 0, doc: "", ev: -1 }, true));
  for (const b of document.querySelectorAll(".tabs [data-view]")) {
    b.addEventListener("click", () => ui.navigate({ view: b.dataset.view }, true));
  }
  for (const v of Object.values(views)) v.init();
  window.addEventListener("popstate", () => { readURL(); render(); });
  readURL();
  const bad = checkFilter(state.filter);
  if (bad) showError(bad);
  render();
  stats();
}

init();

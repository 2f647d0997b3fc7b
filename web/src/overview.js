// overview.js -- the Overview view: events per period stacked by quad
// class (/api/series), mean Goldstein over time for one dyad (/api/series
// with dyad=), the top dyads (/api/top) and a world map of the events'
// places (/api/places over world-atlas's countries, d3-geo).
import { select } from "d3-selection";
import { scaleLinear, scaleUtc, scaleSqrt } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { stack, line } from "d3-shape";
import { max } from "d3-array";
import { utcMonday, utcMonth } from "d3-time";
import { utcFormat } from "d3-time-format";
import { geoNaturalEarth1, geoPath, geoGraticule10 } from "d3-geo";
import { feature, mesh } from "topojson-client";
import { get } from "./api.js";
import { state } from "./state.js";
import { ui, loader, showError } from "./ui.js";
import { el, clear, fmtNum, keyDate, nextPeriod, widthOf, QUAD_COLORS, QUAD_NAMES,
  goldsteinColor } from "./util.js";

const section = document.getElementById("view-overview");
const run = { series: loader(section), gold: loader(section), top: loader(section),
  map: loader(section) };
const last = { series: null, gold: null, top: null, map: null };
let topDyad = "";
let world = null;   // the TopoJSON, fetched once

const M = { top: 12, right: 16, bottom: 28, left: 44 };

// Time axis ticks that fall on the periods' starts: weeks on Mondays (the
// API's week keys), months on the 1st; about one tick per 110 pixels.
function timeAxis(x, by, width) {
  const n = Math.max(2, Math.floor(width / 110));
  const [t0, t1] = x.domain();
  const axis = axisBottom(x).tickSizeOuter(0);
  const years = t1.getUTCFullYear() !== t0.getUTCFullYear();
  if (by === "week") {
    const weeks = Math.max(1, Math.ceil((t1 - t0) / (7 * 86400e3) / n));
    return axis.ticks(utcMonday.every(weeks)).tickFormat(utcFormat(years ? "%b %d %Y" : "%b %d"));
  }
  if (by === "month") {
    const months = Math.max(1, Math.ceil((t1 - t0) / (30.5 * 86400e3) / n));
    return axis.ticks(utcMonth.every(months)).tickFormat(utcFormat("%b %Y"));
  }
  return axis.ticks(n);
}

function filterKey(extra) {
  return JSON.stringify([state.filter, extra]);
}

function empty(node, message) {
  clear(node).append(el("p", { class: "empty" }, message));
}

// Bars for each period, stacked by quad class.
function drawSeries(node, data, by) {
  clear(node);
  const rows = data.series.map((d) => ({ ...d, t: keyDate(d.key) })).filter((d) => d.t);
  if (rows.length === 0) { empty(node, "No events for this filter."); return; }
  const width = widthOf(node), height = 240;
  const x = scaleUtc()
    .domain([rows[0].t, nextPeriod(rows[rows.length - 1].t, by)])
    .range([M.left, width - M.right]);
  const y = scaleLinear().domain([0, max(rows, (d) => d.count) || 1]).nice()
    .range([height - M.bottom, M.top]);
  const layers = stack().keys([0, 1, 2, 3])
    .value((d, k) => (Array.isArray(d.quad) ? Number(d.quad[k]) || 0 : 0))(rows);
  const svg = select(node).append("svg").attr("width", width).attr("height", height)
    .attr("class", "series").attr("role", "img")
    .attr("aria-label", `events per ${by} by quad class`);
  svg.append("g").attr("class", "x-axis").attr("transform", `translate(0,${height - M.bottom})`)
    .call(timeAxis(x, by, width));
  svg.append("g").attr("transform", `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(Math.min(5, y.domain()[1])).tickSizeOuter(0));
  const barW = (d) => Math.max(1, x(nextPeriod(d.t, by)) - x(d.t) - 1);
  svg.append("g").selectAll("g").data(layers).join("g")
    .attr("fill", (l) => QUAD_COLORS[l.key])
    .attr("class", (l) => `quad quad-${l.key + 1}`)
    .selectAll("rect").data((l) => l).join("rect")
    .attr("x", (p) => x(p.data.t)).attr("width", (p) => barW(p.data))
    .attr("y", (p) => y(p[1])).attr("height", (p) => Math.max(0, y(p[0]) - y(p[1])));
  // One transparent column per period carries the tooltip.
  svg.append("g").selectAll("rect").data(rows).join("rect")
    .attr("class", "hover").attr("x", (d) => x(d.t)).attr("width", barW)
    .attr("y", M.top).attr("height", height - M.top - M.bottom)
    .append("title").text((d) => `${by} of ${d.key}: ${d.count} events` +
      (Array.isArray(d.quad) ? d.quad.map((n, i) => `\n${i + 1} ${QUAD_NAMES[i]}: ${n}`).join("") : "") +
      `\nmean Goldstein ${fmtNum(d.mean_goldstein)}`);
}

// A line of mean Goldstein per week, with a dot per week.
function drawGold(node, data, dyad) {
  clear(node);
  const rows = data.series.map((d) => ({ ...d, t: keyDate(d.key) }))
    .filter((d) => d.t && typeof d.mean_goldstein === "number");
  if (rows.length === 0) { empty(node, `No events of ${dyad} for this filter.`); return; }
  const width = widthOf(node), height = 200;
  const t0 = rows[0].t, t1 = rows[rows.length - 1].t;
  const pad = 3.5 * 86400e3;
  const x = scaleUtc().domain([new Date(t0 - pad), new Date(+t1 + pad)])
    .range([M.left, width - M.right]);
  const y = scaleLinear().domain([-10, 10]).range([height - M.bottom, M.top]);
  const svg = select(node).append("svg").attr("width", width).attr("height", height)
    .attr("class", "gold").attr("role", "img")
    .attr("aria-label", `mean Goldstein per week of ${dyad}`);
  svg.append("g").attr("class", "x-axis").attr("transform", `translate(0,${height - M.bottom})`)
    .call(timeAxis(x, "week", width));
  svg.append("g").attr("transform", `translate(${M.left},0)`)
    .call(axisLeft(y).tickValues([-10, -5, 0, 5, 10]).tickSizeOuter(0));
  svg.append("line").attr("class", "zero").attr("x1", M.left).attr("x2", width - M.right)
    .attr("y1", y(0)).attr("y2", y(0));
  svg.append("path").attr("class", "gold-line")
    .attr("d", line().x((d) => x(d.t)).y((d) => y(d.mean_goldstein))(rows));
  svg.append("g").selectAll("circle").data(rows).join("circle")
    .attr("class", "gold-dot").attr("cx", (d) => x(d.t)).attr("cy", (d) => y(d.mean_goldstein))
    .attr("r", 4).attr("fill", (d) => goldsteinColor(d.mean_goldstein))
    .append("title").text((d) => `${dyad}, week of ${d.key}: mean Goldstein ` +
      `${fmtNum(d.mean_goldstein)} over ${d.count} events`);
}

function drawTop(node, data) {
  clear(node);
  const items = data.items || [];
  if (items.length === 0) { empty(node, "No dyads for this filter."); return; }
  const most = max(items, (d) => d.count) || 1;
  const list = el("ol", { class: "bars" });
  for (const d of items) {
    const bar = el("span", { class: "bar" });
    bar.style.width = `${(100 * d.count) / most}%`;
    bar.style.background = goldsteinColor(d.mean_goldstein);
    list.append(el("li", {},
      el("button", { type: "button", class: "link", title: `show the Goldstein line of ${d.key}`,
        onclick: () => ui.navigate({ gdyad: String(d.key) }, false) }, String(d.key)),
      el("span", { class: "track" }, bar),
      el("span", { class: "num" }, String(d.count)),
      el("span", { class: "num", title: "mean Goldstein" }, fmtNum(d.mean_goldstein))));
  }
  node.append(list);
}

function drawMap(node, topo, data) {
  clear(node);
  const width = widthOf(node, 480), height = Math.round(width * 0.52);
  const proj = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const path = geoPath(proj);
  const svg = select(node).append("svg").attr("width", width).attr("height", height)
    .attr("class", "map").attr("role", "img").attr("aria-label", "map of the events' places");
  svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  svg.append("path").attr("class", "graticule").attr("d", path(geoGraticule10()));
  if (topo) {
    svg.append("path").attr("class", "land")
      .attr("d", path(feature(topo, topo.objects.countries)));
    svg.append("path").attr("class", "borders")
      .attr("d", path(mesh(topo, topo.objects.countries, (a, b) => a !== b)));
  }
  const places = (data.places || []).filter((p) => Number.isFinite(p.lat) &&
    Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180)
    .sort((a, b) => b.count - a.count);
  const r = scaleSqrt().domain([0, max(places, (p) => p.count) || 1]).range([0, 18]);
  svg.append("g").selectAll("circle").data(places).join("circle")
    .attr("class", "place")
    .attr("cx", (p) => proj([p.lon, p.lat])[0]).attr("cy", (p) => proj([p.lon, p.lat])[1])
    .attr("r", (p) => Math.max(3, r(p.count)))
    .attr("fill", (p) => goldsteinColor(p.mean_goldstein))
    .on("click", (ev, p) => ui.navigate({ filter: { ...state.filter, place: String(p.name) },
      offset: 0, doc: "", ev: -1 }, true))
    .append("title").text((p) => `${p.name}${p.country ? " (" + p.country + ")" : ""}: ` +
      `${p.count} events, mean Goldstein ${fmtNum(p.mean_goldstein)}`);
  if (places.length === 0) {
    svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2)
      .attr("text-anchor", "middle").text("No places for this filter.");
  }
}

function legend() {
  const box = document.getElementById("quad-legend");
  if (box.firstChild) return;
  QUAD_NAMES.forEach((n, i) => {
    const sw = el("span", { class: "swatch" });
    sw.style.background = QUAD_COLORS[i];
    box.append(el("span", { class: "key" }, sw, `${i + 1} ${n}`));
  });
}

function loadGold(goldDyad) {
  const node = document.getElementById("chart-goldstein");
  const key = filterKey(goldDyad);
  if (key === last.gold) return;
  last.gold = key;
  if (!goldDyad) { empty(node, "Type a dyad (SOURCE:TARGET) to see its Goldstein line."); return; }
  run.gold(async (signal, current) => {
    const data = await get("series", { ...state.filter, dyad: goldDyad, by: "week" }, signal);
    if (current()) drawGold(node, data, goldDyad);
  });
}

export function show() {
  legend();
  document.getElementById("series-by").value = state.by;
  const skey = filterKey(state.by);
  if (skey !== last.series) {
    last.series = skey;
    run.series(async (signal, current) => {
      const data = await get("series", { ...state.filter, by: state.by }, signal);
      if (current()) drawSeries(document.getElementById("chart-series"), data, state.by);
    });
  }
  const goldInput = document.getElementById("gold-dyad");
  const tkey = filterKey();
  const topReloads = tkey !== last.top;
  if (topReloads) {
    last.top = tkey;
    topDyad = "";
    run.top(async (signal, current) => {
      const data = await get("top", { ...state.filter, kind: "dyads", limit: 15 }, signal);
      if (!current()) return;
      drawTop(document.getElementById("top-dyads"), data);
      topDyad = data.items && data.items.length ? String(data.items[0].key) : "";
      const g = state.gdyad || state.filter.dyad || topDyad;
      goldInput.value = g;
      loadGold(g);
    });
  }
  // Without a chosen dyad the top dyad's line is drawn once it is known.
  const g = state.gdyad || state.filter.dyad || topDyad;
  if (g || !topReloads) {
    goldInput.value = g;
    loadGold(g);
  }
  const mkey = filterKey();
  if (mkey !== last.map) {
    last.map = mkey;
    run.map(async (signal, current) => {
      if (!world) {
        const res = await fetch("assets/countries-110m.json", { signal });
        if (res.ok) world = await res.json();
      }
      const data = await get("places", { ...state.filter, limit: 500 }, signal);
      if (current()) drawMap(document.getElementById("map"), world, data);
    });
  }
}

export function init() {
  document.getElementById("series-by").addEventListener("change", (e) =>
    ui.navigate({ by: e.target.value }, false));
  document.getElementById("gold-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const v = document.getElementById("gold-dyad").value.trim().toUpperCase().replace(/\s+/g, "");
    if (v && !/^[A-Z0-9]+:[A-Z0-9]+$/.test(v)) {
      showError(`dyad "${v}" is not SOURCE:TARGET, e.g. JPN:CHN`);
      return;
    }
    ui.navigate({ gdyad: v }, false);
  });
}

// network.js -- the Network view: actors as nodes (area: events), dyads as
// arrows from source to target (width: events; colour: mean Goldstein)
// from /api/network for the current filter, laid out by d3-force.  A node
// can be dragged; an arrow opens its events in the Events view.
import { select } from "d3-selection";
import { scaleSqrt, scaleLinear } from "d3-scale";
import { max } from "d3-array";
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide,
  forceX, forceY } from "d3-force";
import { drag } from "d3-drag";
import { get } from "./api.js";
import { state } from "./state.js";
import { ui, loader } from "./ui.js";
import { el, clear, fmtNum, widthOf, goldsteinColor } from "./util.js";

const section = document.getElementById("view-network");
const run = loader(section);
let lastKey = null;

function legend() {
  const box = document.getElementById("gold-legend");
  if (box.firstChild) return;
  box.append("mean Goldstein: ");
  for (const g of [-10, -5, 0, 5, 10]) {
    const sw = el("span", { class: "swatch" });
    sw.style.background = goldsteinColor(g);
    box.append(el("span", { class: "key" }, sw, String(g)));
  }
}

// The path of an edge: a slight arc, so that A->B and B->A stay apart,
// from the source circle's rim to the target's.
function edgePath(d, radius) {
  const x0 = d.source.x, y0 = d.source.y, x1 = d.target.x, y1 = d.target.y;
  const dx = x1 - x0, dy = y1 - y0;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  const rs = radius(d.source) + 1, rt = radius(d.target) + 3;
  const sx = x0 + ux * rs, sy = y0 + uy * rs;
  const ex = x1 - ux * rt, ey = y1 - uy * rt;
  const bend = 0.12 * len;
  const mx = (sx + ex) / 2 - uy * bend, my = (sy + ey) / 2 + ux * bend;
  return `M${sx},${sy}Q${mx},${my} ${ex},${ey}`;
}

function draw(node, data) {
  clear(node);
  const ids = new Set();
  const nodes = (Array.isArray(data.nodes) ? data.nodes : [])
    .filter((n) => n && n.id !== undefined && !ids.has(String(n.id)) && ids.add(String(n.id)))
    .map((n) => ({ id: String(n.id), count: Number(n.count) || 0 }));
  const edges = (Array.isArray(data.edges) ? data.edges : [])
    .filter((e) => ids.has(String(e.source)) && ids.has(String(e.target)))
    .map((e) => ({ source: String(e.source), target: String(e.target), key: `${e.source}:${e.target}`,
      count: Number(e.count) || 0, mean_goldstein: e.mean_goldstein }));
  if (nodes.length === 0) {
    node.append(el("p", { class: "empty" }, "No events for this filter."));
    return;
  }
  const width = widthOf(node, 900), height = Math.max(420, Math.min(640, Math.round(width * 0.6)));
  const rScale = scaleSqrt().domain([0, max(nodes, (n) => n.count) || 1]).range([4, 26]);
  const radius = (n) => rScale(n.count);
  const wScale = scaleLinear().domain([1, max(edges, (e) => e.count) || 1]).range([1.2, 8]).clamp(true);

  const sim = forceSimulation(nodes)
    .force("link", forceLink(edges).id((n) => n.id)
      .distance((e) => 90 + radius(e.source) + radius(e.target)))
    .force("charge", forceManyBody().strength(-500))
    .force("center", forceCenter(width / 2, height / 2))
    .force("x", forceX(width / 2).strength(0.04))
    .force("y", forceY(height / 2).strength(0.06))
    .force("collide", forceCollide((n) => radius(n) + 14))
    .stop();
  // Laid out at once (a still picture, no animation to wait for).
  for (let i = 0; i < 300; i++) sim.tick();
  const keepIn = (n) => {
    const r = radius(n) + 2;
    n.x = Math.max(r, Math.min(width - r, n.x));
    n.y = Math.max(r + 12, Math.min(height - r - 14, n.y));
  };
  nodes.forEach(keepIn);

  const svg = select(node).append("svg").attr("width", width).attr("height", height)
    .attr("class", "net").attr("role", "img").attr("aria-label", "network of actors");
  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -5 10 10")
    .attr("refX", 9).attr("refY", 0).attr("markerWidth", 9).attr("markerHeight", 9)
    .attr("markerUnits", "userSpaceOnUse")
    .attr("orient", "auto").append("path").attr("d", "M0,-5L10,0L0,5").attr("class", "arrowhead");
  const link = svg.append("g").attr("class", "edges").selectAll("path").data(edges).join("path")
    .attr("class", "edge")
    .attr("stroke", (e) => goldsteinColor(e.mean_goldstein))
    .attr("stroke-width", (e) => wScale(e.count))
    .attr("marker-end", "url(#arrow)")
    .on("click", (ev, e) => ui.navigate({ view: "events",
      filter: { ...state.filter, dyad: `${e.source.id}:${e.target.id}` },
      offset: 0, doc: "", ev: -1 }, true));
  link.append("title").text((e) => `${e.source.id} \u2192 ${e.target.id}: ${e.count} events, ` +
    `mean Goldstein ${fmtNum(e.mean_goldstein)}`);
  const g = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", "node");
  g.append("circle").attr("r", radius);
  g.append("text").attr("dy", (n) => -radius(n) - 4).attr("text-anchor", "middle")
    .text((n) => n.id);
  g.append("title").text((n) => `${n.id}: ${n.count} events`);
  const place = () => {
    link.attr("d", (e) => edgePath(e, radius));
    g.attr("transform", (n) => `translate(${n.x},${n.y})`);
  };
  place();
  g.call(drag()
    .on("drag", (ev, n) => { n.x = ev.x; n.y = ev.y; keepIn(n); place(); }));
}

export function show() {
  legend();
  const key = JSON.stringify(state.filter);
  if (key === lastKey) return;
  lastKey = key;
  run(async (signal, current) => {
    const data = await get("network", { ...state.filter, limit: 100 }, signal);
    if (current()) draw(document.getElementById("network"), data);
  });
}

export function init() {}

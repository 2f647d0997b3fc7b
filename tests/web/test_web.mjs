// test_web.mjs -- browser tests of the page `dyad serve` embeds, in
// headless Debian chromium driven by playwright-core.  tests/run_web.sh
// starts the servers over a database of tests/web/corpus.jsonl and runs
//
//   node test_web.mjs --url URL --token-url URL2 --token T --shots DIR
//
// URL is a server without a token, URL2 one with token T; --dist D (optional)
// is web/dist, whose files the server must serve byte for byte.  Checks: every
// view loads without console errors; a filter changes the table and the
// chart (and they agree); sorting and paging; back restores the filter; a
// story shows the source, verb and target marked (the marked text equals
// the bytes the API's spans name, and the event's texts), in a non-ASCII
// story too, and its quotation; the network; Try it; stories holding
// <script>, "><img onerror> and javascript: links show as text and run
// nothing; the token from #token= is used and a missing one is reported.
// Screenshots of each view go to DIR.  Ends with "N passed, N failed".
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
}
for (const k of ["url", "shots"]) {
  if (!args[k]) {
    console.error(`test_web.mjs: --${k} is required`);
    process.exit(2);
  }
}
const BASE = args.url.endsWith("/") ? args.url : `${args.url}/`;
const ORIGIN = new URL(BASE).origin;
mkdirSync(args.shots, { recursive: true });

let passed = 0;
let failed = 0;

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${a}, expected ${e}`);
}

async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split("\n").slice(0, 3).join("\n     ")}`);
  }
}

// The API, from Node: the expected values the page is checked against.
async function api(path, base = BASE, token = null) {
  const res = await fetch(new URL(`api/${path}`, base), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`api/${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

// A byte span of a UTF-8 text, as Node reads it (independent of the page).
function bytes(text, span) {
  return Buffer.from(text, "utf8").subarray(span[0], span[1]).toString("utf8");
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

// A page that records what must not happen: console errors, uncaught
// exceptions, dialogs (alert, confirm, prompt), requests leaving the server.
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.dialogs = [];
  page.on("console", (m) => {
    if (m.type() === "error") page.problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => page.problems.push(`exception: ${e.message}`));
  page.on("dialog", async (d) => {
    page.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(ORIGIN) && !u.startsWith(args["token-url"] || ORIGIN)) {
      page.problems.push(`request off the server: ${u}`);
    }
  });
  return page;
}

async function loaded(page, view) {
  await page.waitForSelector(`#view-${view}[data-loaded=true]`, { timeout: 15000 });
}

function clean(page, what) {
  eq(page.problems, [], `${what}: problems`);
  eq(page.dialogs, [], `${what}: dialogs`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(args.shots, `${name}.png`), fullPage: true });
}

// The events in the table: [{date, source, target, code, goldstein}].
async function tableRows(page) {
  return page.$$eval("#events-table tbody tr.row", (trs) => trs.map((tr) => {
    const td = [...tr.children].map((c) => c.textContent);
    return { date: td[0], source: td[1], target: td[2], code: td[3], goldstein: Number(td[5]) };
  }));
}

// The events the series chart shows, summed from its per-period tooltips.
async function chartTotal(page) {
  const titles = await page.$$eval("#chart-series svg .hover title", (ts) => ts.map((t) => t.textContent));
  return titles.reduce((n, t) => n + Number(/: (\d+) events/.exec(t)[1]), 0);
}

async function marked(page, cls) {
  return page.$$eval(`#story-text .${cls}`, (ss) => ss.map((s) => s.textContent).join(""));
}

if (args.dist) {
  await test("the server serves web/dist's files: / and /assets/*", async () => {
    for (const [url, file] of [["", "index.html"], ["assets/app.js", "assets/app.js"],
      ["assets/app.css", "assets/app.css"], ["assets/countries-110m.json", "assets/countries-110m.json"]]) {
      const res = await fetch(new URL(url, BASE));
      eq(res.status, 200, `GET /${url}`);
      const got = Buffer.from(await res.arrayBuffer());
      assert(got.equals(readFileSync(join(args.dist, file))),
        `/${url} differs from web/dist/${file} (rebuild dyad after make web)`);
    }
  });
}

const stats = await api("stats");
const all = await api("events?limit=500");

const page = await newPage();

await test("overview loads: stats, series, Goldstein line, top dyads, map", async () => {
  await page.goto(BASE);
  await loaded(page, "overview");
  const s = await page.textContent("#stats");
  assert(s.includes(`${stats.documents} documents`) && s.includes(`${stats.events} events`),
    `stats line: ${s}`);
  eq(await chartTotal(page), stats.events, "events in the series chart");
  assert(await page.locator("#chart-series svg rect").count() > 4, "series bars drawn");
  const top = await api("top?kind=dyads&limit=15");
  const dyads = await page.$$eval("#top-dyads li button", (bs) => bs.map((b) => b.textContent));
  eq(dyads, top.items.map((d) => d.key), "top dyads");
  eq(await page.inputValue("#gold-dyad"), top.items[0].key, "Goldstein dyad defaults to the top one");
  const gold = await api(`series?by=week&dyad=${encodeURIComponent(top.items[0].key)}`);
  eq(await page.locator("#chart-goldstein .gold-dot").count(), gold.series.length, "Goldstein dots");
  assert(await page.locator("#map svg path.land").count() === 1, "world map drawn");
  const places = await api("places?limit=500");
  eq(await page.locator("#map circle.place").count(), places.places.length, "place circles");
  await shot(page, "overview");
  clean(page, "overview");
});

await test("Goldstein box: another dyad redraws the line", async () => {
  await page.fill("#gold-dyad", "chn:jpn");
  await page.click("#gold-form button");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("gdyad") === "CHN:JPN");
  await loaded(page, "overview");
  const gold = await api("series?by=week&dyad=CHN%3AJPN");
  eq(await page.locator("#chart-goldstein .gold-dot").count(), gold.series.length, "CHN:JPN dots");
  const label = await page.getAttribute("#chart-goldstein svg", "aria-label");
  assert(label.includes("CHN:JPN"), `chart label: ${label}`);
  clean(page, "Goldstein box");
});

await test("events view: table of every event, newest first", async () => {
  await page.click(".tabs [data-view=events]");
  await loaded(page, "events");
  const rows = await tableRows(page);
  eq(rows.length, Math.min(50, stats.events), "rows");
  const dates = rows.map((r) => r.date);
  eq(dates, [...dates].sort().reverse(), "dates descending");
  const info = await page.textContent("#page-info");
  assert(info.includes(`of ${stats.events} events`), `page info: ${info}`);
  await shot(page, "events");
  clean(page, "events");
});

await test("a filter changes the table and the chart, and they agree", async () => {
  const before = await tableRows(page);
  await page.fill("#filter input[name=dyad]", "jpn:chn");
  await page.click("#filter button[type=submit]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("dyad") === "JPN:CHN");
  await loaded(page, "events");
  const rows = await tableRows(page);
  const want = await api("events?dyad=JPN%3ACHN&limit=500");
  assert(want.total > 0 && want.total < stats.events, `fixture: ${want.total} JPN:CHN events`);
  eq(rows.length, want.total, "filtered rows");
  assert(rows.length < before.length, "fewer rows than before");
  for (const r of rows) {
    assert(r.source.startsWith("JPN") && r.target.startsWith("CHN"), `row ${JSON.stringify(r)}`);
  }
  await page.click(".tabs [data-view=overview]");
  await loaded(page, "overview");
  eq(await chartTotal(page), want.total, "events in the filtered series chart");
  eq(await page.inputValue("#filter input[name=dyad]"), "JPN:CHN", "filter box kept");
  eq(await page.inputValue("#gold-dyad"), "JPN:CHN", "the Goldstein line follows the filter's dyad");
  const ticks = await page.$$eval("#chart-series svg .x-axis .tick text", (ts) => ts.map((t) => t.textContent));
  assert(ticks.length > 1 && ticks.every((t) => /^[A-Z][a-z]{2} \d{2}$/.test(t)),
    `week ticks as dates: ${ticks}`);
  const mondays = ticks.map((t) => new Date(`${t} 2023 UTC`).getUTCDay());
  assert(mondays.every((d) => d === 1), `week ticks on Mondays: ${ticks}`);
  await shot(page, "overview-filtered");
  // A root and a date range on top of the dyad, through the URL.
  await page.goto(`${BASE}?view=events&dyad=JPN%3ACHN&root=11&since=2023-01-10`);
  await loaded(page, "events");
  const narrowed = await api("events?dyad=JPN%3ACHN&root=11&since=2023-01-10&limit=500");
  eq((await tableRows(page)).map((r) => r.code), narrowed.events.map((e) => e.code).reverse(),
    "dyad+root+since rows (newest first)");
  eq(await page.inputValue("#filter select[name=root]"), "11", "root from the URL");
  clean(page, "filter");
});

await test("back restores the previous filter", async () => {
  await page.goto(`${BASE}?view=events&actor=RUS`);
  await loaded(page, "events");
  await page.fill("#filter input[name=actor]", "FRA");
  await page.click("#filter button[type=submit]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("actor") === "FRA");
  await loaded(page, "events");
  const fra = await tableRows(page);
  assert(fra.length > 0 && fra.every((r) => r.source === "FRA" || r.target === "FRA"), "FRA rows");
  await page.goBack();
  await page.waitForFunction(() => new URLSearchParams(location.search).get("actor") === "RUS");
  await loaded(page, "events");
  eq(await page.inputValue("#filter input[name=actor]"), "RUS", "actor box after back");
  const rus = await tableRows(page);
  assert(rus.length > 0 && rus.every((r) => r.source.startsWith("RUS") || r.target.startsWith("RUS")),
    "RUS rows after back");
  await page.click("#filter-clear");
  await loaded(page, "events");
  eq((await tableRows(page)).length, Math.min(50, stats.events), "rows after Clear");
  clean(page, "back");
});

await test("sorting by Goldstein, both ways, and by source", async () => {
  await page.goto(`${BASE}?view=events`);
  await loaded(page, "events");
  await page.click("#events-table th[data-sort=goldstein]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "-goldstein");
  await loaded(page, "events");
  let g = (await tableRows(page)).map((r) => r.goldstein);
  eq(g, [...g].sort((a, b) => b - a), "Goldstein descending");
  await page.click("#events-table th[data-sort=goldstein]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "goldstein");
  await loaded(page, "events");
  g = (await tableRows(page)).map((r) => r.goldstein);
  eq(g, [...g].sort((a, b) => a - b), "Goldstein ascending");
  eq(await page.getAttribute("#events-table th[data-sort=goldstein]", "aria-sort"), "ascending",
    "aria-sort");
  await page.click("#events-table th[data-sort=source]");
  await loaded(page, "events");
  const s = (await tableRows(page)).map((r) => r.source);
  eq(s, [...s].sort(), "sources ascending");
  clean(page, "sorting");
});

await test("paging: offset from the URL, previous and next", async () => {
  await page.goto(`${BASE}?view=events&sort=date&offset=10`);
  await loaded(page, "events");
  const rows = await tableRows(page);
  eq(rows.length, stats.events - 10, "rows of the second page");
  eq(rows[0].date, all.events[10].date, "first row is the 11th event");
  eq(await page.textContent("#page-info"), `11\u2013${stats.events} of ${stats.events} events`, "page info");
  assert(await page.isDisabled("#page-next"), "next disabled on the last page");
  await page.click("#page-prev");
  await loaded(page, "events");
  eq(await page.textContent("#page-info"), `1\u2013${stats.events} of ${stats.events} events`,
    "page info after previous");
  assert(await page.isDisabled("#page-prev"), "previous disabled on the first page");
  clean(page, "paging");
});

// Opens the story of the table's row whose sentence is `sentence`, then
// checks the marks against the API's byte spans.
async function checkStory(docId, sentence) {
  await page.goto(`${BASE}?view=events&sort=date`);
  await loaded(page, "events");
  await page.locator("#events-table tbody tr.row", { hasText: sentence }).first().click();
  await page.waitForFunction((id) => new URLSearchParams(location.search).get("doc") === id, docId);
  await page.waitForFunction(() => new URLSearchParams(location.search).has("ev"));
  await loaded(page, "events");
  await page.waitForSelector("#story:not([hidden]) #story-text .hl-source");
  const doc = await api(`doc?id=${encodeURIComponent(docId)}`);
  const ev = Number(await page.evaluate(() => new URLSearchParams(location.search).get("ev")));
  const e = doc.events[ev];
  eq(e.text, sentence, "the clicked event is the one opened");
  eq(await page.textContent("#story-title"), doc.doc.title, "title");
  eq(await page.textContent("#story-text"), doc.doc.text, "the story's whole text");
  const text = doc.doc.text;
  eq(await marked(page, "hl-source"), bytes(text, e.source_span), "marked source = its span");
  eq(await marked(page, "hl-target"), bytes(text, e.target_span), "marked target = its span");
  eq(await marked(page, "hl-verb"), bytes(text, e.verb_span), "marked verb = its span");
  eq(await marked(page, "hl-source"), e.source_text, "marked source = source_text");
  eq(await marked(page, "hl-target"), e.target_text, "marked target = target_text");
  eq(await marked(page, "hl-verb"), e.verb_text, "marked verb = verb_text");
  eq(await marked(page, "hl-sentence"), bytes(text, e.sentence_span), "marked sentence");
  eq(await page.locator("#story-events tbody tr.row").count(), doc.events.length, "the story's events");
  return doc;
}

await test("a story opens with source, verb and target marked (ASCII)", async () => {
  const doc = await checkStory("w02", "Japan condemned China for the missile launch.");
  eq(await marked(page, "hl-quote"), doc.quotes.map((q) => bytes(doc.doc.text, q.span)).join(""),
    "marked quotation");
  assert(doc.quotes.length === 1 && (await marked(page, "hl-quote")).includes("We will defend our waters"),
    "the quotation is marked");
  const li = await page.textContent("#story-quotes li");
  assert(li.includes(doc.quotes[0].speaker) && li.includes(doc.quotes[0].text), `quote list: ${li}`);
  // Another event of the story, chosen in its list.
  await page.click("#story-events tbody tr.row >> nth=1");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("ev") === "1");
  eq(await marked(page, "hl-source"), doc.events[1].source_text, "second event's source");
  eq(await marked(page, "hl-verb"), doc.events[1].verb_text, "second event's verb");
  await shot(page, "story");
  clean(page, "story");
});

await test("a non-ASCII story: byte spans land on the right characters", async () => {
  const doc = await checkStory("w04", "Japan praised China for the agreement on fishing rights.");
  const text = doc.doc.text;
  assert(Buffer.byteLength(text, "utf8") > text.length, "the fixture story has multi-byte characters");
  assert(/[\u{10000}-\u{10FFFF}]/u.test(text), "and characters beyond the BMP (surrogate pairs)");
  const e = doc.events.find((x) => x.verb_text === "praised");
  assert(e.source_span[0] !== text.indexOf("Japan"), "byte and string offsets differ in this story");
  eq(await marked(page, "hl-quote"), doc.quotes.map((q) => bytes(text, q.span)).join(""),
    "marked quotation (non-ASCII)");
  await shot(page, "story-utf8");
  clean(page, "non-ASCII story");
});

await test("stories with <script>, onerror and javascript: links show as text, run nothing", async () => {
  const xss = await newPage();
  await xss.goto(`${BASE}?view=events&text=onerror`);
  await loaded(xss, "events");
  await xss.locator("#events-table tbody tr.row").first().click();
  await xss.waitForFunction(() => new URLSearchParams(location.search).get("doc") === "w05");
  await xss.waitForSelector("#story:not([hidden]) #story-text .hl-source");
  await loaded(xss, "events");
  const doc = await api("doc?id=w05");
  eq(await xss.textContent("#story-text"), doc.doc.text, "the story as text");
  assert(doc.doc.text.includes("<script>alert('xss')</script>"), "fixture holds a script tag");
  eq(await xss.textContent("#story-title"), doc.doc.title, "the title as text");
  assert((await xss.textContent("#story-meta")).includes("javascript:alert('url')"),
    "the javascript: URL shown as text");
  const injected = await xss.evaluate(() => ({
    scripts: [...document.scripts].map((s) => s.getAttribute("src")),
    imgs: document.querySelectorAll("img").length,
    bold: document.querySelectorAll("b").length,
    anchors: [...document.querySelectorAll("a")].map((a) => a.getAttribute("href")),
    onerror: document.querySelectorAll("[onerror]").length,
  }));
  eq(injected, { scripts: ["assets/app.js"], imgs: 0, bold: 0, anchors: [], onerror: 0 },
    "no element injected");
  await xss.click("#story-title");
  await xss.locator("#story-text").click();
  // The same strings in the filter box, through the URL, and in Try it.
  await xss.goto(`${BASE}?view=try&text=${encodeURIComponent("\"><img src=x onerror=alert(9)>")}`);
  await loaded(xss, "try");
  eq(await xss.inputValue("#filter input[name=text]"), "\"><img src=x onerror=alert(9)>",
    "payload kept as the filter's value");
  await xss.fill("#try-text", doc.doc.text);
  await xss.fill("#try-date", "2023-02-08");
  await xss.click("#try-form button[type=submit]");
  await loaded(xss, "try");
  await xss.waitForSelector("#try-result:not([hidden])");
  await xss.waitForTimeout(300);
  eq(await xss.locator("img, [onerror], main a").count(), 0, "nothing injected by Try it");
  await xss.goto(`${BASE}?view=events&doc=w05`);
  await loaded(xss, "events");
  await xss.waitForSelector("#story:not([hidden])");
  await shot(xss, "xss");
  eq(xss.dialogs, [], "no dialog opened");
  eq(xss.problems, [], "no console errors");
  await xss.context().close();
});

await test("network: a node per actor, an arrow per dyad; an arrow lists its events", async () => {
  await page.goto(`${BASE}?view=network`);
  await loaded(page, "network");
  const net = await api("network?limit=100");
  eq(await page.locator("#network .node").count(), net.nodes.length, "nodes");
  eq(await page.locator("#network path.edge").count(), net.edges.length, "edges");
  const labels = await page.$$eval("#network .node text", (ts) => ts.map((t) => t.textContent).sort());
  eq(labels, net.nodes.map((n) => n.id).sort(), "node labels");
  // Every node inside the picture.
  const box = await page.locator("#network svg").boundingBox();
  for (const n of await page.locator("#network .node circle").all()) {
    const b = await n.boundingBox();
    assert(b.x >= box.x - 1 && b.y >= box.y - 1 && b.x + b.width <= box.x + box.width + 1 &&
      b.y + b.height <= box.y + box.height + 1, "a node outside the picture");
  }
  await shot(page, "network");
  const heaviest = net.edges[0];
  const edge = page.locator("#network path.edge").first();
  const title = await edge.locator("title").textContent();
  assert(title.startsWith(`${heaviest.source} \u2192 ${heaviest.target}`), `edge title: ${title}`);
  await edge.dispatchEvent("click");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("view") === "events");
  await loaded(page, "events");
  eq(await page.inputValue("#filter input[name=dyad]"), `${heaviest.source}:${heaviest.target}`,
    "dyad filter from the arrow");
  const dyad = encodeURIComponent(`${heaviest.source}:${heaviest.target}`);
  const listed = await api(`events?dyad=${dyad}&limit=500`);
  assert(listed.total >= heaviest.count, "the dyad's events include the arrow's");
  eq((await tableRows(page)).length, listed.total, "the arrow's dyad's events");
  // The network follows the filter.
  await page.click(".tabs [data-view=network]");
  await loaded(page, "network");
  const sub = await api(`network?dyad=${dyad}&limit=100`);
  assert(sub.edges.length < net.edges.length, "the filter leaves fewer dyads");
  eq(await page.locator("#network path.edge").count(), sub.edges.length, "edges of the filtered network");
  clean(page, "network");
});

await test("Try it: pasted text shows its events, quotations and trace", async () => {
  await page.goto(`${BASE}?view=try`);
  await loaded(page, "try");
  await page.fill("#try-text", "Japan condemned China for the missile launch. " +
    "The Japanese foreign minister said, \"We will defend our waters.\"");
  await page.fill("#try-date", "2023-03-01");
  await page.click("#try-form button[type=submit]");
  await page.waitForSelector("#try-result:not([hidden])");
  await loaded(page, "try");
  const rows = await page.$$eval("#try-events tbody tr", (trs) => trs.map((tr) =>
    [...tr.children].map((td) => td.textContent)));
  assert(rows.length >= 1, "an event");
  eq(rows[0].slice(0, 5), ["2023-03-01", "Japan (JPN)", "condemned", "China (CHN)", "111"], "first event");
  const quotes = await page.textContent("#try-quotes");
  assert(quotes.includes("We will defend our waters."), `quotations: ${quotes}`);
  const trace = await page.textContent("#try-explain");
  assert(trace.length > 0, "an explain trace");
  await shot(page, "try");
  // An empty text is refused before it is sent.
  await page.fill("#try-text", "   ");
  await page.click("#try-form button[type=submit]");
  assert((await page.textContent("#error")).includes("Paste some text"), "empty text refused");
  clean(page, "try");
});

await test("Try it: a text over 64 KiB is refused before it is sent", async () => {
  const p = await newPage();
  let posted = 0;
  p.on("request", (r) => { if (r.method() === "POST") posted++; });
  await p.goto(`${BASE}?view=try`);
  await loaded(p, "try");
  await p.fill("#try-text", "Japan condemned China in Zürich. ".repeat(2100));
  await p.click("#try-form button[type=submit]");
  await p.waitForSelector("#error:not([hidden])");
  assert((await p.textContent("#error")).includes("64 KiB"), "size named");
  eq(posted, 0, "POST requests");
  eq(p.problems, [], "no console errors");
  await p.context().close();
});

await test("a story that is not there: the server's message is shown", async () => {
  const p = await newPage();
  await p.goto(`${BASE}?view=events&doc=${encodeURIComponent("no such <doc>")}`);
  await p.waitForSelector("#error:not([hidden])");
  const msg = await p.textContent("#error");
  assert(msg.length > 0, "an error message");
  assert(await p.locator("#story").isHidden(), "no story shown");
  await loaded(p, "events").catch(() => {});
  eq((await tableRows(p)).length, Math.min(50, stats.events), "the table still shown");
  eq(p.problems.filter((x) => !/status of 404/.test(x)), [], "no errors but the 404");
  eq(p.dialogs, [], "dialogs");
  await p.context().close();
});

await test("a bad filter in the URL is named, not sent", async () => {
  const p = await newPage();
  await p.goto(`${BASE}?view=events&dyad=JPN`);
  await p.waitForSelector("#error:not([hidden])");
  assert((await p.textContent("#error")).includes("SOURCE:TARGET"), "dyad error named");
  await p.context().close();
});

if (args["token-url"]) {
  const TBASE = args["token-url"].endsWith("/") ? args["token-url"] : `${args["token-url"]}/`;
  await test("token: taken from #token=, kept for the session, sent with every call", async () => {
    const p = await newPage();
    await p.goto(`${TBASE}?view=events#token=${encodeURIComponent(args.token)}`);
    await loaded(p, "events");
    eq(await p.evaluate(() => location.hash), "", "token removed from the address bar");
    eq((await tableRows(p)).length, Math.min(50, stats.events), "rows with the token");
    await p.click(".tabs [data-view=overview]");
    await loaded(p, "overview");
    await p.reload();
    await loaded(p, "overview");
    eq(p.problems, [], "no errors with the token");
    await p.context().close();
  });
  await test("token: without it the page says how to give it", async () => {
    const p = await newPage();
    await p.goto(`${TBASE}?view=events`);
    await p.waitForSelector("#error:not([hidden])");
    const msg = await p.textContent("#error");
    assert(msg.includes("#token="), `error: ${msg}`);
    await p.context().close();
  });
}

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

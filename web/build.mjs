// build.mjs -- builds the page that `dyad serve` embeds into web/dist/:
// index.html (served at /), assets/ (served at /assets/): app.js (src/*.js
// and the d3 modules bundled by esbuild), app.css, favicon.svg, the world
// map (world-atlas's countries-110m TopoJSON); and LICENSES.txt (the
// licence of every package whose code or data ships in dist/).  Run by
// `make web` (npm ci && npm run build); dist/ is committed
// so building dyad needs no npm.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync,
  writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const assets = join(dist, "assets");
const MAP = "countries-110m.json";

rmSync(dist, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const result = await esbuild.build({
  entryPoints: [join(here, "src/main.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",          // the licences go to LICENSES.txt whole
  banner: { js: "/* app.js -- the page of dyad serve, built by web/build.mjs (make web) from web/src; do not edit. Bundled packages' licences: web/dist/LICENSES.txt */" },
  outfile: join(assets, "app.js"),
  metafile: true,
  logLevel: "warning",
});
await esbuild.build({
  entryPoints: [join(here, "src/style.css")],
  bundle: true,
  minify: true,
  outfile: join(assets, "app.css"),
  banner: { css: "/* app.css -- built by web/build.mjs (make web) from web/src/style.css; do not edit. */" },
  logLevel: "warning",
});
copyFileSync(join(here, "src/index.html"), join(dist, "index.html"));
copyFileSync(join(here, "src/favicon.svg"), join(assets, "favicon.svg"));
copyFileSync(join(here, "node_modules/world-atlas", MAP), join(assets, MAP));

// The packages shipped: every node_modules package an input of the bundle
// came from, and world-atlas (the map data).
const pkgs = new Set(["world-atlas"]);
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) pkgs.add(m[1]);
}
let out = "Licences of the third-party packages bundled into this directory\n" +
  "(assets/app.js and assets/" + MAP + "), as published on npm.\n\n" +
  MAP + " is world-atlas's TopoJSON of Natural Earth's 1:110m countries;\n" +
  "Natural Earth's data is in the public domain.\n";
for (const name of [...pkgs].sort()) {
  const dir = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const lic = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  if (!lic) throw new Error(`${name}: no licence file`);
  out += "\n" + "=".repeat(72) + "\n" + `${name} ${meta.version} (${meta.license})\n` +
    "=".repeat(72) + "\n\n" + readFileSync(join(dir, lic), "utf8").trim() + "\n";
}
writeFileSync(join(dist, "LICENSES.txt"), out);
if (!existsSync(join(assets, "app.js"))) throw new Error("no app.js");
console.log(`web/dist: ${readdirSync(dist).sort().join(", ")}; web/dist/assets: ` +
  `${readdirSync(assets).sort().join(", ")} (${pkgs.size} packages)`);

// The wasm core's own speed in Chromium: `node bench/chromium-analyze.mjs
// <glue dir> <file> [analyses]`. The glue dir holds `wasm-bindgen --target
// web` output run through `wasm-opt -Oz`, as the page ships it. A blank page
// (served by the driver, never from the network) reads the file once, then
// analyzes it `analyses` times (default 4) on its own thread, fed in 8 MiB
// pieces as the page's worker feeds it. Prints "<seconds> <first seconds>"
// on stdout: the median of the warm runs (every one after the first: V8 has
// by then optimized the module's hot code, as the page's worker has after
// its warm-up) and the first. No file reading, worker or drawing: this is
// what the "WebAssembly in Chromium against native" compares; the
// page's whole runs are bench/page.mjs.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { chromium } from "playwright-core";

const [glue, file, analyses = "4"] = process.argv.slice(2);
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const page = await (await browser.newContext()).newPage();
  // An http origin (module scripts and wasm cannot load from file://),
  // answered here: the page and the glue, nothing else.
  await page.route("http://bench.invalid/**", (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/") {
      return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>bench</title><input type=file>" });
    }
    const type = path.endsWith(".wasm") ? "application/wasm" : "text/javascript";
    return route.fulfill({ contentType: type, body: readFileSync(join(glue, basename(path))) });
  });
  await page.goto("http://bench.invalid/");
  await page.setInputFiles("input", file);
  const seconds = await page.evaluate(async ([name, analyses]) => {
    const core = await import("/scep_doctor.js");
    await core.default();
    const bytes = new Uint8Array(await document.querySelector("input").files[0].arrayBuffer());
    const runs = [];
    for (let i = 0; i < analyses; i++) {
      const start = performance.now();
      const analysis = new core.Analysis();
      analysis.begin(name);
      for (let at = 0; at < bytes.length; at += 8 << 20) analysis.feed(bytes.subarray(at, at + (8 << 20)));
      analysis.finish();
      runs.push((performance.now() - start) / 1000);
    }
    return runs;
  }, [basename(file), Number(analyses)]);
  const warm = seconds.slice(1).sort((a, b) => a - b);
  const median = warm.length ? warm[Math.floor(warm.length / 2)] : seconds[0];
  console.log(`${median.toFixed(3)} ${seconds[0].toFixed(3)}`);
} finally {
  await browser.close();
}

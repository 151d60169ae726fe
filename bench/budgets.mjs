// The page's own budgets (#18), in Debian's headless Chromium, from file://:
//   node bench/budgets.mjs <page.html> <file>...
// - ready: navigation start → the page marks `scep-doctor:ready` (the
//   WebAssembly unpacked, compiled and started; the page usable), median of
//   LOADS fresh loads, and the median of each phase on the way (the page's
//   own marks: its script running, the module unpacked, compiled, ready);
// - per file: choosing it in #files → its report card on screen, median of
//   LOADS runs, each in a fresh page that has been idle for a second after
//   ready (as a person takes that long to choose a file), so the worker is
//   warm as it would be. Twice: by the page's own marks (`scep-doctor:analyze`,
//   set in the input's change event, to `scep-doctor:shown`, after the frame
//   that shows the verdict), and as the driver sees it (from its call that
//   sets the file to its seeing the report card, which adds the protocol's
//   round trips: about 40 ms here);
// - the single file's size in bytes.
// Prints one JSON object on stdout.
import { statSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [html, ...files] = process.argv.slice(2);
const LOADS = Number(process.env.BENCH_LOADS || 7);
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  /** A fresh page, loaded and ready: the ms from navigation start to the ready mark. */
  async function load() {
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("html[data-ready=true]", { timeout: 60000 });
    const marks = await page.evaluate(() =>
      Object.fromEntries(["script", "unpacked", "compiled", "ready"].map((m) => [m, performance.getEntriesByName(`scep-doctor:${m}`)[0]?.startTime ?? NaN])),
    );
    return { page, ms: marks.ready, marks };
  }
  const ready = [];
  const phases = { script: [], unpacked: [], compiled: [], ready: [] };
  for (let i = 0; i < LOADS; i++) {
    const { page, ms, marks } = await load();
    ready.push(ms);
    let before = 0;
    for (const [phase, at] of Object.entries(marks)) {
      phases[phase].push(at - before);
      before = at;
    }
    await page.close();
  }
  const verdicts = {};
  for (const file of files) {
    const times = [];
    const shown = [];
    const framed = [];
    for (let i = 0; i < LOADS; i++) {
      const { page } = await load();
      await page.waitForTimeout(1000);
      const start = performance.now();
      await page.setInputFiles("#files", file);
      await page.waitForSelector("#report .card[data-platform]", { timeout: 60000 });
      times.push(performance.now() - start);
      // The page's own: its change event to the frame after the verdict.
      await page.waitForFunction(() => performance.getEntriesByName("scep-doctor:shown").length > 0);
      framed.push(await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(`scep-doctor:${name}`).at(-1).startTime;
        return at("shown") - at("analyze");
      }));
      shown.push(await page.textContent("#status"));
      await page.close();
    }
    // The page's own timing, from its status line ("Analyzed … in N ms"):
    // input arrived → report drawn, without the driver's round trips.
    const inPage = shown.map((s) => Number(/ in ([\d,]+) ms/.exec(s ?? "")?.[1]?.replace(/,/g, "") ?? NaN));
    verdicts[basename(file)] = {
      bytes: statSync(file).size,
      ms: Math.round(median(times)),
      all: times.map(Math.round),
      pageMs: median(inPage),
      framedMs: Math.round(median(framed)),
      framedAll: framed.map(Math.round),
      pageAll: inPage,
      status: shown[0]?.trim(),
    };
  }
  console.log(JSON.stringify({
    singleFileBytes: statSync(html).size,
    readyMs: Math.round(median(ready)),
    readyAll: ready.map(Math.round),
    // Median ms of each phase: navigation → the page script runs (the
    // document parsed) → the module unpacked → compiled → started (ready).
    readyPhases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(median(v))])),
    verdicts,
  }, null, 1));
} finally {
  await browser.close();
}

// The page's own budgets (#18), in Debian's headless Chromium, from file://:
//   node bench/budgets.mjs <page.html> <file>...
// - ready: navigation start → the page marks `scep-doctor:ready` (the
//   WebAssembly unpacked, compiled and started; the page usable), median of
//   LOADS fresh loads, and the median of each phase on the way (the page's
//   own marks: its script running, the module unpacked, compiled, ready).
//   The driver waits for it with a script of its own in the page, not with
//   a selector: Playwright's selector engine is a 330 KB script it evaluates
//   in the page on first use, which took 16 ms of the page's thread during
//   the load (a Chromium trace, 6 December 2026);
// - per file: choosing it in #files → its report card on screen, median of
//   LOADS runs, each in a fresh page that has been idle for a second after
//   ready (as a person takes that long to choose a file), so the worker is
//   warm as it would be. Twice: by the page's own marks (`scep-doctor:analyze`,
//   set in the input's change event, to `scep-doctor:shown`, after the frame
//   that shows the verdict), and as the driver sees it: from its call that
//   sets the file to that same frame, on one clock (both sides' time origin
//   plus their `performance.now()`), which adds the protocol's round trips.
//   Not to when its `waitForSelector` first sees the card: that polls at
//   0, 20, 50 and 100 ms after the call, so a card drawn at 45 ms was seen at
//   about 100 (measured: 97–111 ms against 46–55 ms in the page);
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
    await page.goto(pathToFileURL(html).href, { waitUntil: "commit" });
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const ready = () => document.documentElement.dataset.ready === "true";
          if (ready()) return resolve();
          const watch = new MutationObserver(() => ready() && (watch.disconnect(), resolve()));
          watch.observe(document.documentElement, { attributes: true });
          setTimeout(() => reject(new Error("the page was not ready in 60 s")), 60000);
        }),
    );
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
      // Found before the clock starts (the first selector loads the engine).
      const input = await page.$("#files");
      const start = performance.timeOrigin + performance.now();
      await input.setInputFiles(file);
      await page.waitForSelector("#report .card[data-platform]", { timeout: 60000 });
      await page.waitForFunction(() => performance.getEntriesByName("scep-doctor:shown").length > 0);
      const marks = await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(`scep-doctor:${name}`).at(-1).startTime;
        return { analyze: at("analyze"), shown: at("shown"), origin: performance.timeOrigin };
      });
      // The driver's call to the frame after the verdict, on one clock.
      times.push(marks.origin + marks.shown - start);
      // The page's own: its change event to that frame.
      framed.push(marks.shown - marks.analyze);
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

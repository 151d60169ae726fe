// Drives the built page (dist/scep-doctor.html, opened from file://) in
// Debian's headless Chromium: feeds one file through #files and waits for the
// report card. `node bench/page.mjs <page.html> <file> [wait ms]` (the file
// is chosen that long after the page is ready: 0 by default); prints
// "<seconds> <analysis> <peak MB>" on stdout (seconds: the page's marks, from
// the input's change event to the frame after its verdict; analysis: html[data-analysis],
// "worker" when the page handed the input to its worker; peak: the largest
// RSS any one Chromium process reached, sampled from /proc every 50 ms:
// /usr/bin/time cannot see the renderers, which Chromium's zygote owns).
import { readdirSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [html, file, wait = "0"] = process.argv.slice(2);
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
/** Largest VmRSS (kB) among the descendants of this process. */
function largestChildRss() {
  const parent = new Map();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parent.set(pid, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {}
  }
  const me = String(process.pid);
  let largest = 0;
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p && p !== me && p !== "0" && p !== "1") p = parent.get(p);
    if (p !== me) continue;
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) largest = Math.max(largest, Number(rss[1]));
    } catch {}
  }
  return largest;
}
let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, largestChildRss()); }, 50);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60000 });
  await page.waitForTimeout(Number(wait));
  await page.setInputFiles("#files", file);
  await page.waitForSelector("#report .card[data-platform]", { timeout: 900000 });
  // The page's own marks time it: the driver polls for the card at
  // growing intervals (up to half a second), which a long run would add.
  await page.waitForFunction(() => performance.getEntriesByName("scep-doctor:shown").length > 0);
  const seconds = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(`scep-doctor:${name}`).at(-1).startTime;
    return (at("shown") - at("analyze")) / 1000;
  });
  const analysis = await page.getAttribute("html", "data-analysis");
  if (errors.length) console.error(errors.join("\n"));
  peak = Math.max(peak, largestChildRss());
  console.log(`${seconds.toFixed(3)} ${analysis} ${(peak / 1024).toFixed(0)}`);
} finally {
  clearInterval(sampler);
  await browser.close();
}

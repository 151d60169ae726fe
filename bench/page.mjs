// Drives the built page (dist/scep-doctor.html, opened from file://) in
// Debian's headless Chromium: feeds one file through #files and waits for the
// report card. `node bench/page.mjs <page.html> <file>`; prints
// "<seconds> <analysis>" on stdout (analysis: html[data-analysis], "worker"
// when the page handed the input to its worker).
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [html, file] = process.argv.slice(2);
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60000 });
  const start = performance.now();
  await page.setInputFiles("#files", file);
  await page.waitForSelector("#report .card[data-platform]", { timeout: 900000 });
  const seconds = (performance.now() - start) / 1000;
  const analysis = await page.getAttribute("html", "data-analysis");
  if (errors.length) console.error(errors.join("\n"));
  console.log(`${seconds.toFixed(3)} ${analysis}`);
} finally {
  await browser.close();
}

// Big files in the built page: a few hundred MB OMADM.log (written here: the
// story of a fixture buried in noise lines of the same layout) is read in
// slices by the analysis worker, with a moving progress bar, flat memory,
// the verdict of the story, the cited-lines raw view, and a Cancel that
// leaves the page as it was. BIG_MB changes the size (default 300). A big
// `.evtx` is read where it lies, never held whole.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../..", import.meta.url));
const page = `file://${join(root, "dist/scep-doctor.html")}`;
const fixtures = join(root, "tests/fixtures");
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const SIZE = Number(process.env.BIG_MB || 300) * 1e6;

// Company Portal noise: sync-loop lines that prove nothing about certificates.
const NOISE = [
  ["VERB", "com.microsoft.omadm.platforms.android.appmgr.AppManager", "Application com.microsoft.office.outlook is installed, version {n}"],
  ["INFO", "com.microsoft.omadm.OMADMClientService", "OMADM session {n} completed with status 200"],
  ["VERB", "com.microsoft.omadm.syncml.SyncmlSession", "Processing {n} commands from server."],
  ["VERB", "com.microsoft.omadm.utils.NetworkState", "Network is connected: type WIFI, metered false"],
  ["INFO", "com.microsoft.omadm.platforms.android.EncryptionPolicyManager", "Storage encryption status is ACTIVE_PER_USER"],
  ["VERB", "com.microsoft.omadm.client.tasks.TaskScheduler", "Scheduling next check-in in 28800000 ms (job id {n})"],
];

/** `2018-02-27T04:50:45.0370000` for `ms` milliseconds into the day of the story. */
function stamp(ms) {
  const t = new Date(Date.UTC(2018, 1, 27) + ms).toISOString();
  return `${t.slice(0, 23)}0000`;
}

/**
 * Writes `bytes` (about) of noise with the story of getcacert-http-500.log
 * in the middle, one line every 5 ms of the log's clock; returns the path
 * and the line number the HTTP 500 answer lands on.
 */
function writeBigLog(dir, bytes) {
  const story = readFileSync(join(fixtures, "android/getcacert-http-500.log"), "utf8").trimEnd().split("\n");
  const path = join(dir, "OMADM.log");
  const fd = openSync(path, "w");
  let written = 0;
  let lineNo = 0;
  let clock = 0;
  const noise = (until) => {
    let block = "";
    while (written < until) {
      clock += 5;
      const [level, component, message] = NOISE[lineNo % NOISE.length];
      const line = `${stamp(clock)}    ${level}    Event     ${component}    9595        9    ${message.replace("{n}", String(lineNo % 99991))}\n`;
      block += line;
      written += line.length;
      lineNo++;
      if (block.length > 4e6) {
        writeSync(fd, block);
        block = "";
      }
    }
    writeSync(fd, block);
  };
  noise(bytes / 2);
  const failedAt = lineNo + story.findIndex((l) => l.includes("500 Internal Server Error")) + 1;
  const storyText = `${story.join("\n")}\n`;
  writeSync(fd, storyText);
  written += storyText.length;
  lineNo += story.length;
  clock = 5 * 3600 * 1000; // the story ends at 04:50:46; the log goes on from 05:00
  noise(bytes);
  closeSync(fd);
  return { path, failedAt, lines: lineNo };
}

/** Largest VmRSS (MB) of any process under this one (the page and its worker share the renderer). */
function largestChildRssMb() {
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
      if (rss) largest = Math.max(largest, Number(rss[1]) / 1024);
    } catch {}
  }
  return largest;
}

let browser;
let dir;
let big;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "scep-doctor-big-"));
  big = writeBigLog(dir, SIZE);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  await tab.goto(url);
  await tab.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  // Every value the progress bar shows, in order.
  await tab.evaluate(() => {
    window.__progress = [];
    const bar = document.getElementById("progress-bar");
    new MutationObserver(() => window.__progress.push(bar.value)).observe(bar, { attributes: true, attributeFilter: ["value"] });
  });
  return { context, tab, errors };
}

describe("big files", () => {
  test("a big log streams through the worker: progress, flat memory, the verdict, cited lines", async () => {
    const { context, tab, errors } = await open(page);
    const baseline = largestChildRssMb();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, largestChildRssMb());
    }, 100);
    const started = performance.now();
    try {
      await tab.setInputFiles("#files", big.path);
      assert.equal(await tab.isVisible("#cancel"), true, "Cancel shows while the file is read");
      const card = tab.locator('.card[data-platform="android"]');
      await card.waitFor({ timeout: 170000 });
      assert.equal(await card.getAttribute("data-verdict"), "failed");
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    const mb = SIZE / 1e6;
    console.log(`# ${mb} MB in ${seconds.toFixed(1)} s (${(mb / seconds).toFixed(1)} MB/s), renderer RSS ${baseline.toFixed(0)} → peak ${peak.toFixed(0)} MB`);
    assert.equal(await tab.getAttribute("html", "data-analysis"), "worker");
    assert.equal(await tab.isHidden("#progress"), true);
    assert.match(await tab.textContent(".finding-title"), /HTTP 500/);
    assert.match(await tab.textContent(".source-facts"), new RegExp(`· ${big.lines} lines ·`));
    const progress = await tab.evaluate(() => window.__progress);
    const moving = progress.filter((v, i) => i > 0 && v > progress[i - 1]);
    assert.ok(moving.length >= 5, `the progress bar moved ${moving.length} times: ${progress.join(" ")}`);
    assert.ok(Math.max(...progress) >= SIZE, "the progress bar reaches the end");

    // The raw view of a big file shows the cited lines, at their line numbers.
    await tab.locator("button.line-error").first().click();
    const target = tab.locator("#raw-target");
    await target.waitFor();
    assert.equal(await target.getAttribute("data-line"), String(big.failedAt));
    assert.match(await target.textContent(), /500 Internal Server Error/);
    assert.match(await tab.textContent(".raw-note"), /only the lines the report cites/);
    assert.ok((await tab.locator(".raw-line").count()) < 20, "only cited lines are shown");
    assert.deepEqual(errors, []);
    await context.close();
    // The file is never held whole: the renderer grows by far less than its size.
    assert.ok(peak - baseline < mb / 2, `renderer grew by ${(peak - baseline).toFixed(0)} MB for a ${mb} MB file`);
  });

  test("a big .evtx is read where it lies: the worker's memory does not grow with the file, its cited records show", async () => {
    // The real Certificate Connector Admin log (it ends with 8 empty 64 KiB
    // chunks, as Windows leaves them), and the same log with empty chunks up
    // to 128 MB: the two read alike, the second is not held whole, and the
    // records its report cites come with it.
    const real = readFileSync(join(root, "../shared/real-samples/connector-admin-revoke-failures.evtx"));
    const padded = join(mkdtempSync(join(dir, "evtx-")), "Admin.evtx");
    const small = join(mkdtempSync(join(dir, "evtx-")), "Admin.evtx");
    writeFileSync(small, real);
    const fd = openSync(padded, "w");
    writeSync(fd, real);
    const empty = Buffer.alloc(64 * 65536);
    for (let size = real.length; size < 128e6; size += empty.length) writeSync(fd, empty);
    closeSync(fd);
    const seen = [];
    for (const file of [small, padded]) {
      const { context, tab, errors } = await open(page);
      const worker = tab.workers()[0];
      assert.ok(worker, "the page started its worker");
      let largest = 0;
      let done = false;
      const watching = (async () => {
        while (!done) {
          // The worker's WebAssembly memory, which only grows.
          largest = Math.max(largest, await worker.evaluate(() => wasm.memory.buffer.byteLength).catch(() => 0));
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      await tab.setInputFiles("#files", file);
      await tab.waitForFunction(() => /^(Analyzed|Could not)/.test(document.getElementById("status").textContent), null, { timeout: 120000 });
      done = true;
      await watching;
      assert.match(await tab.textContent("#status"), /^Analyzed 1 source/);
      seen.push({ report: await tab.textContent("#report"), memory: largest / 1e6 });
      // Too big to keep: its raw view shows the records the report cites.
      await tab.evaluate(() => document.querySelectorAll("#report details").forEach((d) => { d.open = true; }));
      await tab.locator("#report button.line").first().click();
      const target = tab.locator("#raw-target");
      await target.waitFor();
      assert.match(await target.textContent(), /<Event xmlns=.*<EventID>3001<\/EventID>/);
      if (file === padded) assert.match(await tab.textContent(".raw-note"), /only the lines the report cites/);
      assert.deepEqual(errors, []);
      await context.close();
    }
    const [a, b] = seen;
    assert.match(a.report, /windows-evtx|Admin\.evtx/);
    assert.equal(b.report, a.report, "the empty chunks change nothing");
    console.log(`# .evtx of ${(real.length / 1e6).toFixed(1)} MB → 128 MB: the worker's WebAssembly memory ${a.memory.toFixed(0)} → ${b.memory.toFixed(0)} MB`);
    assert.ok(b.memory - a.memory < 16, `the worker's memory grew by ${(b.memory - a.memory).toFixed(0)} MB for 125 MB more file`);
  });

  test("Cancel stops a big file mid-way and the page is as before (日本語)", async () => {
    const { context, tab, errors } = await open(`${page}#lang=ja`);
    await tab.click('button[data-sample="android"]');
    await tab.locator('.card[data-platform="android"]').waitFor();
    const before = await tab.textContent("#report");
    await tab.setInputFiles("#files", big.path);
    // Wait until some of it is read, then cancel.
    await tab.waitForFunction((size) => {
      const bar = document.getElementById("progress-bar");
      return bar.value > size / 20 && bar.value < bar.max;
    }, SIZE);
    assert.match(await tab.textContent("#progress-text"), /OMADM\.log/);
    assert.match(await tab.getAttribute("#progress-bar", "aria-valuetext"), /OMADM\.log: .* MB 中 .* MB/);
    assert.equal((await tab.textContent("#cancel")).trim(), "キャンセル");
    await tab.click("#cancel");
    assert.match(await tab.textContent("#status"), /キャンセルしました/);
    assert.equal(await tab.isHidden("#progress"), true);
    assert.equal(await tab.getAttribute("body", "aria-busy"), "false");
    assert.equal(await tab.textContent("#report"), before, "the report shown before stays");
    const updates = await tab.evaluate(() => window.__progress.length);
    await tab.waitForTimeout(1000);
    assert.equal(await tab.evaluate(() => window.__progress.length), updates, "reading stopped");
    // The page is usable: the next input is analyzed (by a fresh worker), without the cancelled file.
    await tab.setInputFiles("#files", join(fixtures, "android/getcacert-http-500.log"));
    await tab.locator(".source").nth(1).waitFor();
    assert.deepEqual(await tab.locator(".source-name").allTextContents(), ["sample-android-OMADM.log", "getcacert-http-500.log"]);
    assert.match(await tab.textContent("#status"), /分析しました/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("without workers the page streams the input itself", async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      delete window.Worker;
    });
    const tab = await context.newPage();
    await tab.goto(page);
    await tab.waitForSelector("html[data-ready=true]", { timeout: 20000 });
    await tab.setInputFiles("#files", join(fixtures, "android/success-buried-in-50k-lines-of-noise.log"));
    const card = tab.locator('.card[data-platform="android"]');
    await card.waitFor({ timeout: 30000 });
    assert.equal(await card.getAttribute("data-verdict"), "delivered");
    assert.equal(await tab.getAttribute("html", "data-analysis"), "page");
    await context.close();
  });
});

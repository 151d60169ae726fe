// End-to-end tests of the built page (dist/scep-doctor.html) in Debian's
// headless Chromium, driven by playwright-core. Run by scripts/test.sh after
// `trunk build --release`; screenshots go to tests/e2e/out/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dist = join(root, "dist");
const fixtures = join(root, "tests/fixtures");
const out = join(root, "tests/e2e/out");
mkdirSync(out, { recursive: true });

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let browser;
let server;
let baseUrl;

before(async () => {
  const page = readFileSync(join(dist, "scep-doctor.html"));
  server = createServer((req, res) => {
    const path = req.url.split(/[?#]/)[0];
    if (path === "/embed-host.html") {
      // A wiki-like host page: the frame grows with the height it is told.
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html><body><h1>Wiki page</h1>
<iframe id="doctor" title="SCEP Doctor" src="/scep-doctor.html?embed#lang=ja" style="width:100%;height:200px;border:0"></iframe>
<script>
window.__heights = [];
addEventListener("message", (e) => {
  if (e.source !== document.getElementById("doctor").contentWindow) return;
  if (e.data && e.data.type === "scep-doctor:height") {
    window.__heights.push(e.data.height);
    document.getElementById("doctor").style.height = e.data.height + "px";
  }
});
</script></body></html>`);
      return;
    }
    if (path === "/" || path === "/scep-doctor.html" || path === "/index.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens the page and records every request and CSP violation after load. */
async function open(url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  page.on("request", (r) => requests.push(r.url()));
  return { context, page, requests, errors };
}

const fixture = (platform, name) => readFileSync(join(fixtures, platform, name), "utf8");

describe("the page", () => {
  test("paste a log and read the verdict, with no network request and no CSP violation", async () => {
    const { context, page, requests, errors } = await open(baseUrl);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.fill("#paste", fixture("android", "getcacert-http-500.log"));
    const card = page.locator('.card[data-platform="android"]');
    await card.waitFor();
    assert.equal(await card.getAttribute("data-verdict"), "failed");
    const cert = page.locator('article.cert[data-platform="android"][data-kind="scep"]');
    assert.equal(await cert.getAttribute("data-verdict"), "failed");
    assert.match(await page.textContent("#report"), /HTTP 500/);
    assert.match(await page.textContent("#privacy"), /never leave this browser/);
    // The browser itself forbids connections: try one and see it refused.
    const blocked = await page.evaluate(() => fetch("https://example.com/").then(() => "sent", () => "blocked"));
    assert.equal(blocked, "blocked");
    const violations = await page.evaluate(() => window.__violations.filter((v) => !v.startsWith("connect-src")));
    assert.deepEqual(violations, []);
    // The only request is the page's own worker script, from a blob: URL it made.
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), [], "no request may leave the page");
    assert.deepEqual(errors, []);
    await page.screenshot({ path: join(out, "desktop.png"), fullPage: true });
    await context.close();
  });

  test("files from the picker and by drag and drop become sources", async () => {
    const { context, page, requests } = await open(baseUrl);
    await page.setInputFiles("#files", [
      join(fixtures, "android/root-only.log"),
      join(fixtures, "android/wifi-pending-certificates.log"),
    ]);
    await page.locator(".source").nth(1).waitFor();
    assert.equal(await page.locator(".source").count(), 2);
    assert.equal(await page.getAttribute('.card[data-platform="android"]', "data-verdict"), "delivered");
    // Drop one more file anywhere on the page.
    const text = fixture("android", "certrep-pending.log");
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "dropped-OMADM.log"));
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.locator(".source").nth(2).waitFor();
    assert.match(await page.textContent(".sources"), /dropped-OMADM\.log/);
    assert.equal(await page.getAttribute('.card[data-platform="android"]', "data-verdict"), "pending");
    // Remove a source.
    await page.click('button[data-remove="2"]');
    await page.waitForFunction(() => document.querySelectorAll(".source").length === 2);
    assert.equal(await page.getAttribute('.card[data-platform="android"]', "data-verdict"), "delivered");
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), []);
    await context.close();
  });

  test("empty files before and after a log go through the worker as sources too", async () => {
    const { context, page, errors } = await open(baseUrl);
    const empty = (name) => ({ name, mimeType: "text/plain", buffer: Buffer.alloc(0) });
    await page.setInputFiles("#files", [
      empty("empty-before.log"),
      { name: "OMADM.log", mimeType: "text/plain", buffer: readFileSync(join(fixtures, "android/getcacert-http-500.log")) },
      empty("empty-after.log"),
    ]);
    await page.locator(".source").nth(2).waitFor();
    await page.locator('.card[data-platform="android"]').waitFor();
    assert.equal(await page.getAttribute('.card[data-platform="android"]', "data-verdict"), "failed");
    assert.equal(await page.getAttribute("html", "data-analysis"), "worker");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a folder, chosen or dropped, gives every file under it, named by its path", async () => {
    // An NDES server's logs collected in a folder, beside a device's log.
    const dir = mkdtempSync(join(tmpdir(), "scep-doctor-folder-"));
    const server = join(dir, "NDES01");
    mkdirSync(join(server, "W3SVC1"), { recursive: true });
    copyFileSync(join(fixtures, "ndes/iis-windows-legacy-connector-verified-and-notified.log"), join(server, "W3SVC1/u_ex240820.log"));
    copyFileSync(join(fixtures, "ndes/connector-operational-saved-as-xml.xml"), join(server, "connector-operational.xml"));
    const { context, page, requests } = await open(baseUrl);
    await page.setInputFiles("#folder", server);
    await page.locator(".source").nth(1).waitFor();
    const names = await page.locator(".source-name").allTextContents();
    assert.deepEqual(names.map((n) => n.trim()).sort(), ["NDES01/W3SVC1/u_ex240820.log", "NDES01/connector-operational.xml"]);
    assert.ok(await page.locator('.card[data-platform="ndes"]').count() > 0);
    // A dropped folder: its entries are read (sub-folders, in name order, in batches).
    const list = fixture("windows", "success-list-copy.txt");
    await page.evaluate((list) => {
      const file = (name, fullPath) => ({ isFile: true, isDirectory: false, name, fullPath, file: (ok) => ok(new File([list], name)) });
      const folder = (name, fullPath, children) => ({
        isFile: false,
        isDirectory: true,
        name,
        fullPath,
        createReader: () => {
          const batches = [children.slice(0, 1), children.slice(1), []];
          return { readEntries: (ok) => ok(batches.shift() ?? []) };
        },
      });
      const laptop = folder("laptop", "/laptop", [
        folder("logs", "/laptop/logs", [file("events.txt", "/laptop/logs/events.txt")]),
        file("a-first.txt", "/laptop/a-first.txt"),
      ]);
      const item = { kind: "file", webkitGetAsEntry: () => laptop, getAsFile: () => null };
      const drop = new Event("drop", { bubbles: true, cancelable: true });
      Object.defineProperty(drop, "dataTransfer", { value: { items: [item], files: [] } });
      document.body.dispatchEvent(drop);
    }, list);
    await page.locator(".source").nth(3).waitFor();
    const all = (await page.locator(".source-name").allTextContents()).map((n) => n.trim());
    assert.deepEqual(all.slice(2), ["laptop/a-first.txt", "laptop/logs/events.txt"]);
    assert.equal(await page.getAttribute('.card[data-platform="windows"]', "data-verdict"), "delivered");
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), []);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a browser whose WebAssembly has no SIMD is told so, in its language", async () => {
    for (const [locale, expected] of [
      ["en-US", /no SIMD.*Chrome or Edge 91\+/],
      ["ja-JP", /SIMD に対応していない/],
    ]) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      // What such a browser does: SIMD instructions fail validation and compilation.
      await page.addInitScript(() => {
        WebAssembly.validate = () => false;
        WebAssembly.compile = () => Promise.reject(new WebAssembly.CompileError("invalid opcode 0xfd"));
      });
      await page.goto(baseUrl);
      await page.waitForFunction(() => document.getElementById("status")?.textContent.length > 0);
      assert.match(await page.textContent("#status"), expected);
      await context.close();
    }
  });

  test("a browser without DecompressionStream is told so, in its language", async () => {
    for (const [locale, expected] of [
      ["en-US", /no DecompressionStream.*Firefox 113\+/],
      ["ja-JP", /DecompressionStream がない/],
    ]) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      // Firefox before 113: the zstd decoder's block cannot be inflated.
      await page.addInitScript(() => {
        delete globalThis.DecompressionStream;
      });
      await page.goto(baseUrl);
      await page.waitForFunction(() => document.getElementById("status")?.textContent.length > 0);
      assert.match(await page.textContent("#status"), expected);
      await context.close();
    }
  });

  test("evidence opens the raw log at its line, and error navigation walks the errors", async () => {
    const { context, page } = await open(baseUrl);
    await page.click('button[data-sample="android"]');
    await page.locator("button.line-error").first().click();
    const target = page.locator("#raw-target");
    await target.waitFor();
    assert.match(await target.textContent(), /500 Internal Server Error/);
    await page.keyboard.press("Escape");
    assert.equal(await page.isHidden("#raw"), true);
    await page.click("#next-error");
    await target.waitFor();
    assert.match(await page.textContent("#error-count"), /error 1 of/);
    await context.close();
  });

  test("the offline file works from file://", async () => {
    const { context, page, requests } = await open(`file://${join(dist, "scep-doctor.html")}`);
    await page.click('button[data-sample="android"]');
    const card = page.locator('.card[data-platform="android"]');
    await card.waitFor();
    assert.equal(await card.getAttribute("data-verdict"), "failed");
    assert.equal(await page.locator('article.cert[data-verdict="delivered"]').count(), 1);
    // The analysis worker starts from file:// too.
    await page.setInputFiles("#files", [join(fixtures, "android/success-buried-in-50k-lines-of-noise.log")]);
    await page.locator(".source").nth(1).waitFor({ timeout: 30000 });
    assert.equal(await page.getAttribute("html", "data-analysis"), "worker");
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), []);
    await context.close();
  });

  test("hostile text renders as text and runs nothing", async () => {
    const { context, page } = await open(baseUrl);
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const log = `2019-08-01T19:18:13.5120000    INFO    com.microsoft.omadm.platforms.android.wifimgr.WifiProfileManager    15118    04105    Skipping Wifi profile ${payload} because it is pending certificates.\n`;
    await page.fill("#paste", log);
    await page.locator(".finding").first().waitFor();
    assert.ok((await page.textContent("#report")).includes(payload));
    assert.equal(await page.locator("#report img, #report script").count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await context.close();
  });

  test("a big log is analyzed in a worker and the page stays responsive", async () => {
    const { context, page, requests } = await open(baseUrl);
    await page.setInputFiles("#files", [join(fixtures, "android/success-buried-in-50k-lines-of-noise.log")]);
    const card = page.locator('.card[data-platform="android"]');
    await card.waitFor({ timeout: 30000 });
    assert.equal(await card.getAttribute("data-verdict"), "delivered");
    assert.equal(await page.getAttribute("html", "data-analysis"), "worker");
    const violations = await page.evaluate(() => window.__violations);
    assert.deepEqual(violations, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), []);
    await context.close();
  });

  test("every platform has a sample", async () => {
    const { context, page } = await open(baseUrl);
    for (const platform of ["android", "ios", "windows"]) {
      await page.click(`button[data-sample="${platform}"]`);
      await page.locator(`.card[data-platform="${platform}"]`).waitFor();
    }
    await context.close();
  });

  test("a zip bundle opens into its members, each with its raw log", async () => {
    const { context, page, requests } = await open(baseUrl);
    await page.setInputFiles("#files", [join(fixtures, "archives/company-portal-rotated-logs.zip")]);
    await page.locator(".source").nth(2).waitFor();
    assert.match(await page.textContent(".sources"), /company-portal-rotated-logs\.zip\/CompanyPortal\/OMADM\.log\.1/);
    assert.equal(await page.getAttribute('.card[data-platform="android"]', "data-verdict"), "delivered");
    await page.locator("details.timeline summary").first().click();
    await page.locator("details.timeline button.line").first().click();
    await page.locator("#raw-target").waitFor();
    assert.match(await page.textContent(".raw-title"), /OMADM\.log/);
    // Removing a member removes its archive.
    await page.click('button[data-remove="2"]');
    await page.waitForFunction(() => document.querySelectorAll(".source").length === 0);
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), []);
    await context.close();
  });

  test("the device's UTC offset joins an Android log to the NDES server's IIS log by time", async () => {
    const { context, page, requests } = await open(baseUrl);
    const android = 'section.platform[data-platform="android"]';
    await page.setInputFiles("#files", [join(fixtures, "join/android-and-iis-device-offset-not-stated.zip")]);
    await page.locator(`${android} [data-code="ndes.device-offset-not-stated"]`).waitFor({ state: "attached" });
    await page.fill("#device-offset", "JST");
    await page.dispatchEvent("#device-offset", "change");
    assert.equal(await page.getAttribute("#device-offset", "aria-invalid"), "true");
    await page.fill("#device-offset", "+9");
    await page.dispatchEvent("#device-offset", "change");
    await page.locator(`${android} [data-code="ndes.iis-500-impersonate"]`).waitFor({ state: "attached" });
    assert.equal(await page.getAttribute("#device-offset", "aria-invalid"), "false");
    assert.match(await page.textContent(".device-clock"), /UTC\+09:00/);
    assert.equal(await page.locator(`${android} [data-code="ndes.device-offset-not-stated"]`).count(), 0);
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), []);
    await context.close();
  });

  test("phone width", async () => {
    const { context, page } = await open(baseUrl, { width: 360, height: 780 });
    await page.click('button[data-sample="android"]');
    await page.locator(".card").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
    await page.screenshot({ path: join(out, "phone.png"), fullPage: true });
    await context.close();
  });
});

/** Every input fixture under tests/fixtures (not the expectations or notes). */
function allFixtures(dir = fixtures) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? allFixtures(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => !/\.(json|md)$/.test(f))
    .sort();
}

/** Opens the page recording every request from before it loads, and CSP violations. */
async function openSealed(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  assert.ok(requests.includes(url), `the recorder saw the page load: ${requests}`);
  // Only the page itself, and what it makes in memory (the worker's blob:, data: icons).
  const network = () => requests.filter((u) => u !== url && !u.startsWith("blob:") && !u.startsWith("data:"));
  return { context, page, errors, network };
}

/** Clears the page, gives it `files`, and waits for the analysis to end. */
async function analyzeFiles(page, files) {
  await page.click("#clear");
  await page.waitForFunction(() => document.getElementById("status").textContent === "");
  await page.setInputFiles("#files", files);
  await page.waitForFunction(() => /^(Analyzed|Could not)/.test(document.getElementById("status").textContent), null, { timeout: 60000 });
  return page.textContent("#status");
}

/** The page over http and the offline file, as (name, url) — the server's port is known only once it runs. */
const pageUrls = [
  ["http", () => baseUrl],
  ["file://", () => `file://${join(dist, "scep-doctor.html")}`],
];

describe("sealed", () => {
  test("the single file stays within its budget of 1 MB (README, The page's budgets)", () => {
    // Its size is a property of the build, not a timing: a change that puts
    // it over says what it costs and what pays for it (README).
    const bytes = readFileSync(join(dist, "scep-doctor.html")).length;
    assert.ok(bytes <= 1_000_000, `dist/scep-doctor.html is ${bytes.toLocaleString("en")} bytes`);
  });

  test("the page's policy forbids every connection, form and base, and it loads nothing remote", () => {
    const html = readFileSync(join(dist, "scep-doctor.html"), "utf8");
    const head = html.match(/<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(head, "the policy is the first element of <head>");
    const csp = Object.fromEntries(head[1].split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(csp["default-src"], ["'none'"]);
    assert.deepEqual(csp["connect-src"], ["'none'"]);
    assert.deepEqual(csp["base-uri"], ["'none'"]);
    assert.deepEqual(csp["form-action"], ["'none'"]);
    assert.deepEqual(csp["worker-src"], ["blob:"]);
    assert.deepEqual(csp["img-src"], ["data:"]);
    assert.deepEqual(csp["style-src"].filter((v) => !v.startsWith("'sha256-")), []);
    assert.deepEqual(csp["script-src"].filter((v) => !v.startsWith("'sha256-")), ["'wasm-unsafe-eval'"]);
    assert.ok(!/unsafe-eval'|unsafe-inline|https?:|\*/.test(head[1].replace("'wasm-unsafe-eval'", "")), head[1]);
    // A <meta> policy cannot carry frame-ancestors: who may frame the page is the host's choice.
    assert.equal(csp["frame-ancestors"], undefined);
    // The markup (inline blocks aside) names no remote resource.
    const markup = html.replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<style\b[\s\S]*?<\/style>/gi, "");
    assert.deepEqual(markup.match(/\b(?:src|href|action|poster|srcset)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]*/gi) ?? [], []);
    const css = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";
    assert.deepEqual(css.match(/url\(|@import/g) ?? [], []);
  });

  for (const [how, url] of pageUrls) {
    test(`every fixture over ${how}: no network request, no CSP violation`, { timeout: 600000 }, async () => {
      const { context, page, errors, network } = await openSealed(url());
      for (const file of allFixtures()) {
        const status = await analyzeFiles(page, [file]);
        assert.match(status, /^Analyzed 1 source/, file);
        // Open every timeline, and the raw log at the first evidence line.
        await page.evaluate(() => document.querySelectorAll("#report details").forEach((d) => { d.open = true; }));
        const line = page.locator("#report button.line").first();
        if (await line.count()) {
          await line.click();
          await page.locator("#raw-target").waitFor();
          await page.keyboard.press("Escape");
        }
      }
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(network(), [], "no request may leave the page");
      assert.deepEqual(errors, []);
      await context.close();
    });

    test(`markup, javascript: links and bidi overrides in ids, hosts and messages stay text over ${how}`, async () => {
      const { context, page, errors, network } = await openSealed(url());
      const file = join(fixtures, "android/hostile-markup-in-ids-hosts-and-messages.log");
      const name = '<img src=x onerror="window.__pwned=6">\u202Egol.exe';
      await page.click("#clear");
      await page.setInputFiles("#files", [{ name, mimeType: "text/plain", buffer: readFileSync(file) }]);
      await page.locator('.card[data-platform="android"]').waitFor();
      // Open everything: timelines, each evidence line's raw log, the other language.
      await page.evaluate(() => document.querySelectorAll("#report details").forEach((d) => { d.open = true; }));
      for (const b of await page.locator("#report button.line").all()) {
        await b.click();
        await page.locator("#raw-target").waitFor();
        assert.equal(await page.locator("#raw-body img, #raw-body script, #raw-body b, #raw-body a").count(), 0);
      }
      const shown = await page.textContent("#report");
      for (const typed of [
        name,
        "AC_<b>bold<i>italic/LogicalName_javascript:alert(1)\u202Egnp.exe;Hash=-1",
        'https://ndes.contoso.com"><img/src=x/onerror=window.__pwned=1>/certsrv/mscep/mscep.dll',
        "javascript:window.__pwned=4//ndes.contoso.com/certsrv/mscep/mscep.dll",
        '<img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script><a href="javascript:window.__pwned=5">click</a>\u202Egnp.exe',
      ]) assert.ok(shown.includes(typed), `shown as typed: ${typed}`);
      await page.click('button[data-lang="ja"]');
      await page.click('button[data-lang="en"]');
      const injected = "#report img, #report script, #report b, #report i, #report iframe, #report svg, #report object, a[href^='javascript' i], #report a:not([href^='#'])";
      assert.equal(await page.locator(injected).count(), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      // The exports carry the same text, escaped for Markdown.
      assert.ok((await page.evaluate(() => window.scepDoctor.markdown())).includes("\\<script>window.__pwned=3\\</script>"));
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(network(), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe("languages", () => {
  test("a Japanese browser gets Japanese; the switcher changes and remembers the language", async () => {
    const context = await browser.newContext({ locale: "ja-JP" });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.waitForSelector("html[data-ready=true]");
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    assert.match(await page.textContent(".tagline"), /証明書/);
    await page.fill("#paste", fixture("android", "getcacert-http-500.log"));
    const card = page.locator('.card[data-platform="android"]');
    await card.waitFor();
    assert.match(await card.textContent(), /失敗/);
    assert.match(await page.textContent(".finding-title"), /NDES が GetCACert に HTTP 500/);
    assert.match(await page.textContent(".cert-kind"), /SCEP 証明書/);
    // Timeline lines are Japanese too, log values (the HTTP status) as written.
    const timeline = async () => (await page.locator(".timeline td.what").allTextContents()).join("\n");
    assert.match(await timeline(), /NDES の応答 \(GetCACert\): HTTP 500 Internal Server Error/);
    assert.match(await timeline(), /ポータル サイトが登録を開始/);
    // Switch to English: the report re-renders from the same codes.
    await page.click('button[data-lang="en"]');
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match(await card.textContent(), /Failed/);
    assert.match(await page.textContent(".finding-title"), /NDES answered GetCACert with HTTP 500/);
    assert.match(await timeline(), /NDES answered GetCACert with HTTP 500 Internal Server Error/);
    // The choice is remembered over the browser's language.
    await page.reload();
    await page.waitForSelector("html[data-ready=true]");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.click('button[data-lang="ja"]');
    assert.equal(await page.getAttribute('button[data-lang="ja"]', "aria-pressed"), "true");
    await page.reload();
    await page.waitForSelector("html[data-ready=true]");
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    await context.close();
  });

  test("the URL fragment chooses the language", async () => {
    const { context, page } = await open(`${baseUrl}#lang=ja`);
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    await page.click('button[data-sample="android"]');
    await page.locator(".card").first().waitFor();
    assert.match(await page.textContent(".card"), /失敗/);
    await context.close();
  });
});

describe("code lookup", () => {
  test("lookup: a code or a pasted line is explained in both languages, and pasted markup stays text", async () => {
    const { context, page, requests, errors } = await open(baseUrl);
    const out = page.locator("#lookup-out");
    await page.fill("#lookup", "-2147012867");
    await page.click("#lookup-go");
    await out.locator(".code-card").first().waitFor();
    assert.match(await out.locator(".code-head").first().textContent(), /0x80072EFD.*ERROR_WINHTTP_CANNOT_CONNECT/);
    assert.match(await out.locator(".code-family").first().textContent(), /a WinHTTP error/);
    // A pasted line, read with Enter; an HTTP status from the low bits.
    await page.fill("#lookup", "Failed to Initialize SCEP enrollment with NDES Server ... LogError 0x80190194");
    await page.press("#lookup", "Enter");
    await page.waitForFunction(() => /HTTP_E_STATUS_NOT_FOUND/.test(document.getElementById("lookup-out").textContent));
    assert.match(await out.locator(".code-meaning").first().textContent(), /404 Not Found/);
    // The language switch re-renders the answer.
    await page.click('button[data-lang="ja"]');
    assert.match(await out.locator(".code-family").first().textContent(), /HTTP ステータス/);
    assert.match(await out.textContent(), /対処/);
    // An unknown code still gets its family; nothing readable says so, as text.
    await page.fill("#lookup", "0x80094FFF");
    await page.click("#lookup-go");
    await page.waitForFunction(() => /証明機関のポリシーによる拒否/.test(document.getElementById("lookup-out").textContent));
    await page.fill("#lookup", "<img src=x onerror=alert(1)>");
    await page.click("#lookup-go");
    await out.locator(".lookup-none").waitFor();
    assert.equal(await out.locator("img").count(), 0);
    assert.match(await out.textContent(), /<img src=x onerror=alert\(1\)>/);
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await context.close();
  });
});

describe("share", () => {
  test("Copy as Markdown gives the expected Markdown; Download JSON the report; print hides the controls", async () => {
    const context = await browser.newContext({ locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    const requests = [];
    await page.goto(baseUrl);
    await page.waitForSelector("html[data-ready=true]");
    page.on("request", (r) => requests.push(r.url()));
    await page.setInputFiles("#files", [join(fixtures, "android/getcacert-http-500.log")]);
    await page.locator(".card").first().waitFor();
    await page.click("#copy-md");
    await page.waitForFunction(() => window.scepDoctor.lastCopied() !== null);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const expected = readFileSync(join(root, "tests/markdown/getcacert-http-500.en.md"), "utf8");
    assert.equal(copied, expected);
    assert.match(await page.textContent("#status"), /copied/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
    assert.equal(download.suggestedFilename(), "scep-doctor-report.json");
    const json = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(json.schema, "scep-doctor.report/1");
    assert.equal(json.platforms[0].verdict, "failed");
    assert.deepEqual(requests.filter((u) => !u.startsWith("blob:")), []);

    // Japanese Markdown follows the page language.
    await page.click('button[data-lang="ja"]');
    assert.equal(await page.evaluate(() => window.scepDoctor.markdown()), readFileSync(join(root, "tests/markdown/getcacert-http-500.ja.md"), "utf8"));

    await page.emulateMedia({ media: "print" });
    for (const hidden of ["#share", ".input", "#langs", "#errnav"]) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is printed`);
    }
    assert.equal(await page.locator(".cert").first().isVisible(), true);
    await page.pdf?.({ path: join(out, "report.pdf") }).catch(() => {});
    await context.close();
  });
});

describe("redaction", () => {
  test("every export is redacted by default, and the switch turns it off", async () => {
    const secrets = ["ndes-contoso.msappproxy.net", "john@contoso.onmicrosoft.com", "51bad41f", "CN=john", "9A3F5C2E71B04D8F9E6A1C3B5D7E9F0A2B4C6D8E"];
    const context = await browser.newContext({ locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.waitForSelector("html[data-ready=true]");
    await page.setInputFiles("#files", [join(fixtures, "android/getcacert-http-500.log"), join(fixtures, "android/two-certificates-interleaved.log")]);
    await page.locator(".source").nth(1).waitFor();
    assert.equal(await page.isChecked("#redact"), true);
    // The page itself shows the real values; only exports are redacted.
    assert.match(await page.textContent("#report"), /51bad41f/);
    const exports = async () => {
      await page.click("#copy-md");
      const md = await page.evaluate(() => navigator.clipboard.readText());
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
      const json = readFileSync(await download.path(), "utf8");
      return { md, json };
    };
    const redacted = await exports();
    for (const [what, text] of Object.entries(redacted)) {
      for (const secret of secrets) assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${secret} survives in ${what}`);
    }
    assert.match(redacted.json, /AC_<tenant-1>\/LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=1677525787/);
    assert.match(redacted.md, /\\<host-1>|<tenant-1>/);
    await page.uncheck("#redact");
    const plain = await exports();
    assert.match(plain.json, /ndes-contoso\.msappproxy\.net/);
    assert.match(plain.md, /51bad41f/);
    await context.close();
  });
});

describe("embed", () => {
  test("?embed in an iframe drops the chrome and posts its height as it grows", async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}embed-host.html`);
    const frame = page.frameLocator("#doctor");
    await frame.locator("html[data-ready=true]").waitFor({ timeout: 20000 });
    await page.waitForFunction(() => window.__heights.length > 0);
    const first = await page.evaluate(() => window.__heights.at(-1));
    assert.ok(first > 100, `height ${first}`);
    assert.equal(await frame.locator("html").getAttribute("data-embed"), "true");
    assert.equal(await frame.locator("html").getAttribute("lang"), "ja", "#lang=ja chooses the language");
    assert.equal(await frame.locator(".brand").isVisible(), false);
    assert.equal(await frame.locator(".foot").isVisible(), false);
    await frame.locator('button[data-sample="android"]').click();
    await frame.locator(".card").first().waitFor();
    await page.waitForFunction((h) => window.__heights.at(-1) > h + 200, first);
    const grown = await page.evaluate(() => window.__heights.at(-1));
    // The host sized the frame to the content: no inner scrolling needed.
    const inner = await frame.locator("html").evaluate((el) => el.scrollHeight);
    assert.ok(Math.abs(inner - grown) <= 2, `frame content ${inner}px, posted ${grown}px`);
    assert.match(await frame.locator(".card").first().textContent(), /失敗/);
    await context.close();
  });

  test("#embed works too, and a page that is not framed posts nothing", async () => {
    const { context, page, errors } = await open(`${baseUrl}#embed`);
    assert.equal(await page.getAttribute("html", "data-embed"), "true");
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe("accessibility", () => {
  const axeSource = readFileSync(join(root, "node_modules/axe-core/axe.min.js"), "utf8");

  for (const colorScheme of ["light", "dark"]) {
    test(`axe-core finds no serious or critical violation (${colorScheme})`, async () => {
      // Only this context bypasses the page's CSP, so axe can be injected.
      const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(baseUrl);
      await page.waitForSelector("html[data-ready=true]");
      await page.addScriptTag({ content: axeSource });
      const check = async (label) => {
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        const bad = result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        assert.deepEqual(bad, [], `${label}, ${colorScheme}`);
      };
      await check("empty page");
      for (const sample of ["android", "ios"]) await page.click(`button[data-sample="${sample}"]`);
      await page.locator('.card[data-platform="ios"]').waitFor();
      await page.locator("button.line-error").first().click();
      await page.locator("#raw-target").waitFor();
      await check("report with raw log open");
      await page.click('button[data-lang="ja"]');
      await check("report in Japanese");
      await context.close();
    });
  }

  test("keyboard only: skip link, file picker, samples, evidence, shortcuts, language", async () => {
    const { context, page } = await open(baseUrl);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
    // The file picker is reachable and shows its focus on the visible label.
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement.id)) !== "files" && guard++ < 20) await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "files");
    const outline = await page.evaluate(() => getComputedStyle(document.querySelector("label[for=files]")).outlineStyle);
    assert.equal(outline, "solid", "the focused file input shows a focus ring on its label");
    // Then the folder picker, the same way.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "folder");
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("label[for=folder]")).outlineStyle), "solid");
    // A sample, by keyboard.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sample), "android");
    await page.keyboard.press("Enter");
    await page.locator(".card").first().waitFor();
    assert.match(await page.textContent("#status"), /certificate/);
    assert.equal(await page.getAttribute("#status", "role"), "status");
    // Shortcuts are shown, and work.
    assert.match(await page.textContent("#shortcuts"), /Esc/);
    await page.locator("#report").focus();
    await page.keyboard.press("n");
    await page.locator("#raw-target").waitFor();
    assert.match(await page.textContent("#error-count"), /error 1 of/);
    await page.keyboard.press("Escape");
    assert.equal(await page.isHidden("#raw"), true);
    // Evidence buttons open the raw log with Enter; Escape returns focus.
    await page.locator("button.line-error").first().focus();
    await page.keyboard.press("Enter");
    await page.locator("#raw-target").waitFor();
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("line-error")), true);
    // Language switcher by keyboard.
    await page.locator('button[data-lang="ja"]').focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    // Landmarks.
    for (const sel of ["header", "main", "nav", "aside", "footer"]) assert.ok(await page.locator(sel).count() >= 1, sel);
    await context.close();
  });
});

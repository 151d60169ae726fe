// Trunk post_build hook: turns Trunk's staged output into one self-contained
// page, dist/scep-doctor.html (also written as dist/index.html), that works
// from file:// and over http under a strict Content-Security-Policy: the wasm
// is inlined gzipped as base64 in a data block (never run), unpacked by the
// browser's own DecompressionStream and instantiated asynchronously; the
// wasm-bindgen glue is a classic inline script and the page script an inline
// module; CSS is inline; and the policy allows exactly those blocks (by hash)
// and no network connection at all (workers only from blob: URLs the page
// makes itself). Also writes dist/SHA256SUMS.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run through `trunk build`");
const root = new URL("..", import.meta.url).pathname;

const files = readdirSync(staging);
const glueFile = files.find((f) => f.endsWith(".js"));
const wasmFile = files.find((f) => f.endsWith("_bg.wasm"));
if (!glueFile || !wasmFile) throw new Error(`glue or wasm missing in ${staging}: ${files.join(", ")}`);

const glue = readFileSync(join(staging, glueFile), "utf8");
const wasm = readFileSync(join(staging, wasmFile));
const app = readFileSync(join(root, "www/app.js"), "utf8");
const css = readFileSync(join(root, "www/style.css"), "utf8");

// The glue goes in once, as a classic script (its exports and import.meta
// go): the page runs it, and the analysis Worker runs the same text, read
// back from that script element, from a blob: URL (module workers from blob:
// URLs are refused on file:// pages). It used to go in twice, as a module and
// as a string for the worker: 37 KB of the single file.
const classicGlue = glue
  .replace(/^export \{[^}]*\};?\s*$/gm, "")
  .replace(/^export (?=(?:async )?function|const|let|class)/gm, "")
  .replace(/import\.meta\.url/g, "self.location.href");
if (/^\s*(?:export|import)\b/m.test(classicGlue)) throw new Error("the glue has imports or exports this build does not handle");
// The page script is a module in a block of its own, so its names never
// clash with the glue's (which are globals it sees). The WebAssembly is a
// data block beside it, never parsed as script: inside the module it added
// 20–30 ms to every page load (measured in Chromium, navigation → the
// module running).
const wasmBase64 = gzipSync(wasm, { level: 9 }).toString("base64");
const script = `{\nconst GLUE_SOURCE = document.getElementById("glue").textContent;\nconst WASM_GZIP_BASE64 = document.getElementById("wasm").textContent;\n${app}\n}`;
if ([classicGlue, script, css].some((block) => /<\/(?:script|style)|<!--/i.test(block))) throw new Error("an inline block would close its own tag");

// No 'unsafe-eval' and no 'unsafe-inline': only 'wasm-unsafe-eval', which
// compiling WebAssembly needs. frame-ancestors is not set: browsers ignore it
// in a <meta> policy, so who may frame the page (the ?embed mode) is left to
// the server that hosts it, as an HTTP header.
const sha = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(classicGlue)} ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(css)}`,
  "img-src data:",
  "worker-src blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

let html = readFileSync(process.env.TRUNK_HTML_FILE || join(staging, "index.html"), "utf8");
html = html
  .replace(/<script\b[\s\S]*?<\/script>\s*/gi, "")
  .replace(/<link\b[^>]*rel="?(?:modulepreload|preload|stylesheet)"?[^>]*>\s*/gi, "")
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, "")
  .replace(/<!-- The release build replaces[^>]*-->\s*/i, "");
html = html.replace(/<head>\s*/i, `<head>\n<meta http-equiv="Content-Security-Policy" content="${csp}">\n`);
html = html.replace(/<\/head>/i, `<style>${css}</style>\n</head>`);
html = html.replace(
  /<\/body>/i,
  () =>
    `<script type="application/octet-stream" id="wasm">${wasmBase64}</script>\n` +
    `<script id="glue">${classicGlue}</script>\n<script type="module">${script}</script>\n</body>`,
);

for (const f of [glueFile, wasmFile, ...files.filter((f) => f.endsWith(".css"))]) rmSync(join(staging, f));
writeFileSync(join(staging, "scep-doctor.html"), html);
writeFileSync(join(staging, "index.html"), html);
const digest = createHash("sha256").update(html).digest("hex");
writeFileSync(join(staging, "SHA256SUMS"), `${digest}  scep-doctor.html\n${digest}  index.html\n`);
console.log(`scep-doctor.html: ${(html.length / 1024).toFixed(0)} KiB`);

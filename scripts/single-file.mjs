// Trunk post_build hook: turns Trunk's staged output into one self-contained
// page, dist/scep-doctor.html (also written as dist/index.html), that works
// from file:// and over http under a strict Content-Security-Policy: the wasm
// is inlined zstd-compressed as base-117 text in a data block (never run),
// unpacked by www/unpack.js with zstd's own decoder (compiled to WebAssembly,
// a second data block) and instantiated asynchronously; the
// wasm-bindgen glue is a classic inline script and the page script an inline
// module; CSS is inline; and the policy allows exactly those blocks (by hash)
// and no network connection at all (workers only from blob: URLs the page
// makes itself). Also writes dist/SHA256SUMS.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { deflateSync } from "node:zlib";

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
const unpack = readFileSync(join(root, "www/unpack.js"), "utf8");
// zstddec (npm, MIT; zstd itself BSD): zstd's decoder compiled to
// WebAssembly, 54 KB, which its module carries as base64. Its licence goes
// with it.
const zstddecDir = join(root, "node_modules/zstddec");
const zstddecVersion = JSON.parse(readFileSync(join(zstddecDir, "package.json"), "utf8")).version;
const zstddecLicence = readFileSync(join(zstddecDir, "LICENSE"), "utf8").trim();
const zstdBase64 = /\bwasm = "([A-Za-z0-9+/=]+)"/.exec(readFileSync(join(zstddecDir, "dist/zstddec.mjs"), "utf8"))?.[1];
if (!zstdBase64) throw new Error("zstddec's WebAssembly was not found in its module");
const zstdWasm = Buffer.from(zstdBase64, "base64");
if (!WebAssembly.validate(zstdWasm)) throw new Error("zstddec's WebAssembly does not validate");
// Deflated (20 KB): the browser inflates it natively (DecompressionStream).
const zstdPacked = deflateSync(zstdWasm, { level: 9 });
// The base-117 reader (www/base117.wat, 289 bytes), assembled by binaryen's
// wasm-as; its bytes go into the page script as an array.
const base117File = join(staging, "base117.wasm");
execFileSync(join(root, "node_modules/.bin/wasm-as"), [join(root, "www/base117.wat"), "-o", base117File]);
const base117Wasm = readFileSync(base117File);
rmSync(base117File);
if (!WebAssembly.validate(base117Wasm)) throw new Error("www/base117.wat does not assemble to valid WebAssembly");
const base117Js = `const BASE117_WASM = new Uint8Array([${[...base117Wasm].join(",")}]);`;

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
// The WebAssembly: zstd at its densest level, as base-117 text (www/unpack.js
// says why). Measured on 4 December 2026 on a 2.18 MB module: gzip -9 as
// base64 1,167 KB; zstd -22 as base-85 879 KB (as base-117, since that evening,
// 821 KB); xz was 10 % smaller again but
// its JavaScript decoders were 2–6x slower than fzstd, the zstd decoder in
// JavaScript the page used until 5 December 2026. The Debian zstd tool
// compresses (Node 20's zlib has no zstd). Told the size, it writes it in
// the frame, where the page reads it (without it the frame also asks for a
// 128 MiB window).
const packed = execFileSync("zstd", ["--ultra", "-22", "--no-progress", `--stream-size=${wasm.length}`, "-c"], {
  input: wasm,
  maxBuffer: 64 << 20,
});
// The frame header's descriptor byte: a content size field, or a single segment (which has one).
if (packed[4] >> 6 === 0 && (packed[4] & 0x20) === 0) throw new Error("zstd wrote no content size into the frame");
const alphabet = runInNewContext(`${unpack}\nBASE117`);
const wasmText = toBase117(packed, alphabet);
const zstdText = toBase117(zstdPacked, alphabet);
if (/[\0\r<\x80-\uffff]/.test(wasmText + zstdText)) throw new Error("the WebAssembly's text holds a character HTML would change");
// Unpack it as the page will, with the page's own code, before writing it.
const unpacked = await runInNewContext(`${base117Js}\n${unpack}\nunpackWasm(block, decoderBlock)`, {
  block: { textContent: wasmText, dataset: { bytes: String(packed.length) } },
  decoderBlock: { textContent: zstdText, dataset: { bytes: String(zstdPacked.length) } },
  Blob,
  DecompressionStream,
  Response,
  TextEncoder,
  WebAssembly,
});
if (!Buffer.from(unpacked).equals(wasm)) throw new Error("the packed WebAssembly does not unpack to the module");

// The page script is a module in a block of its own, so its names never
// clash with the glue's (which are globals it sees). The WebAssembly is a
// data block beside it, never parsed as script: inside the module it added
// 20–30 ms to every page load (measured in Chromium, navigation → the
// module running).
const script =
  `{\n/*! The block "zstd": zstddec ${zstddecVersion} (https://www.npmjs.com/package/zstddec), zstd's decoder\n${zstddecLicence}\n*/\n${base117Js}\n${unpack}\n` +
  `const GLUE_SOURCE = document.getElementById("glue").textContent;\nconst WASM_BLOCK = document.getElementById("wasm");\n` +
  `const ZSTD_BLOCK = document.getElementById("zstd");\n${app}\n}`;
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
    `<script type="application/octet-stream" id="zstd" data-bytes="${zstdPacked.length}">${zstdText}</script>\n` +
    `<script type="application/octet-stream" id="wasm" data-bytes="${packed.length}">${wasmText}</script>\n` +
    `<script id="glue">${classicGlue}</script>\n<script type="module">${script}</script>\n</body>`,
);

for (const f of [glueFile, wasmFile, ...files.filter((f) => f.endsWith(".css"))]) rmSync(join(staging, f));
writeFileSync(join(staging, "scep-doctor.html"), html);
writeFileSync(join(staging, "index.html"), html);
const digest = createHash("sha256").update(html).digest("hex");
writeFileSync(join(staging, "SHA256SUMS"), `${digest}  scep-doctor.html\n${digest}  index.html\n`);
console.log(
  `scep-doctor.html: ${Buffer.byteLength(html)} bytes (the WebAssembly: ${wasm.length} bytes, ${packed.length} as zstd, ${wasmText.length} as base-117; ` +
    `its zstd decoder: ${zstdWasm.length} bytes, ${zstdPacked.length} deflated, ${zstdText.length} as base-117)`,
);

/** Bytes → base-117 text in `alphabet`: 7 characters per big-endian 6 bytes, zero-padded at the end. */
function toBase117(bytes, alphabet) {
  if (alphabet.length !== 117) throw new Error("the base-117 alphabet has the wrong length");
  const padded = Buffer.alloc(Math.ceil(bytes.length / 6) * 6);
  bytes.copy(padded);
  const out = new Array(padded.length / 6);
  const group = new Array(7);
  for (let g = 0; g < out.length; g++) {
    let n = padded.readUIntBE(g * 6, 6);
    for (let k = 6; k >= 0; k--) {
      group[k] = alphabet[n % 117];
      n = Math.floor(n / 117);
    }
    out[g] = group.join("");
  }
  return out.join("");
}

// Runs the wasm core under Node on one file: `node bench/node-analyze.mjs
// <glue.js> <file>`. The glue is `wasm-bindgen --target nodejs` output.
// Streams the file into the core's `Analysis` in 8 MiB pieces (as the page's
// worker does). Prints to stderr how long the analysis took and what it found.
import { createRequire } from "node:module";
import { openSync, readSync, closeSync } from "node:fs";
import { basename } from "node:path";

const [glue, file] = process.argv.slice(2);
// Keep the instance's memory to read its size afterwards (the glue does not export it).
let memory = null;
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  memory = instance.exports.memory;
  return instance;
};
const core = createRequire(import.meta.url)(glue);
const start = performance.now();
const analysis = new core.Analysis();
analysis.begin(basename(file));
const piece = new Uint8Array(8 << 20);
const fd = openSync(file, "r");
for (let n; (n = readSync(fd, piece, 0, piece.length, null)) > 0; ) analysis.feed(piece.subarray(0, n));
closeSync(fd);
const { report } = analysis.finish();
const seconds = (performance.now() - start) / 1000;
const recognized = report.sources.map((s) => s.recognized ?? s.events ?? "?").join(",");
// Linear memory only grows: its size after the run is the core's peak heap.
const wasmMB = memory ? (memory.buffer.byteLength / 1048576).toFixed(0) : "?";
console.error(`wasm memory ${wasmMB} MB`);
console.error(`node analyze ${basename(file)}: ${seconds.toFixed(2)} s, platforms ${report.platforms.map((p) => p.platform).join(",")}, recognized ${recognized}`);

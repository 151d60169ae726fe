// Runs the wasm core under Node on one file: `node bench/node-analyze.mjs
// <glue.js> <file>`. The glue is `wasm-bindgen --target nodejs` output.
// Prints to stderr how long `analyze` alone took and what it found.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const [glue, file] = process.argv.slice(2);
const core = createRequire(import.meta.url)(glue);
const bytes = readFileSync(file);
const start = performance.now();
const report = core.analyze([{ name: basename(file), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }]);
const seconds = (performance.now() - start) / 1000;
const recognized = report.sources.map((s) => s.recognized ?? s.events ?? "?").join(",");
console.error(`node analyze ${basename(file)}: ${seconds.toFixed(2)} s, platforms ${report.platforms.map((p) => p.platform).join(",")}, recognized ${recognized}`);

// Unpacks the page's WebAssembly from its data block. The build
// (scripts/single-file.mjs) compresses the module with zstd and writes the
// compressed bytes as base-117 text: 7 characters for every 6 bytes, where
// base-85 takes 7½ and base64 8. Both choices are what fits the single file
// in its 1 MB (README, "The page's budgets"). zstd's own decoder, compiled to
// WebAssembly (npm `zstddec`), unpacks it: it is a second, small data block,
// deflated (the browser inflates it, `DecompressionStream`) and base-117 too.
// A zstd decoder in JavaScript (fzstd) took twice as long, as a page runs
// it once, before V8 has optimized it. The build decodes its own output
// with this file before it writes the page.
//
const BASE117 = Array.from({ length: 128 - 9 }, (_, i) => String.fromCharCode(i + 9))
  .filter((c) => c !== "\r" && c !== "<")
  .join("");

/**
 * Base-117 text → bytes: each 7 characters are one big-endian 48-bit number;
 * the build padded the bytes with zeros to a multiple of 6, and `length` is
 * how many of them are real. Read by `www/base117.wat` (`BASE117_WASM`, its
 * bytes, which the build puts before this file): the text is read once, so
 * JavaScript would read it unoptimized. The bytes are a view of that
 * module's memory.
 */
function base117ToBytes(text, length) {
  const groups = Math.ceil(length / 6);
  if (!(length >= 0) || text.length !== groups * 7) throw new Error("the page's WebAssembly block is damaged (wrong length)");
  // Small enough to compile on this thread.
  const { memory, decode } = new WebAssembly.Instance(new WebAssembly.Module(BASE117_WASM)).exports;
  memory.grow(Math.ceil((text.length + groups * 6) / 65536));
  const { read, written } = new TextEncoder().encodeInto(text, new Uint8Array(memory.buffer, 0, text.length));
  if (read !== text.length || written !== text.length) throw new Error("the page's WebAssembly block is damaged (not ASCII)");
  if (decode(0, text.length, text.length) !== groups * 6) throw new Error("the page's WebAssembly block is damaged (a character)");
  return new Uint8Array(memory.buffer, text.length, length);
}

/**
 * The module's bytes from its data block `block`, unpacked by the zstd
 * decoder in `decoderBlock`.
 */
async function unpackWasm(block, decoderBlock) {
  // The decoder is inflated and compiled off this thread while this thread
  // reads the module's text.
  const decoder = zstdDecoder(decoderBlock);
  const packed = base117ToBytes(block.textContent, Number(block.dataset.bytes));
  const zstd = (await decoder).exports;
  const from = zstd.malloc(packed.length);
  new Uint8Array(zstd.memory.buffer).set(packed, from);
  // The build writes the module's size into the frame.
  const length = Number(zstd.ZSTD_findDecompressedSize(from, packed.length));
  if (!(length > 0 && length < 2 ** 31)) throw new Error("the page's WebAssembly block is damaged (no size)");
  const to = zstd.malloc(length);
  const written = zstd.ZSTD_decompress(to, length, from, packed.length);
  if (written !== length) throw new Error("the page's WebAssembly block is damaged (zstd)");
  return new Uint8Array(zstd.memory.buffer, to, length);
}

/** zstd's decoder (an instance of it) from its data block: deflate as base-117. */
async function zstdDecoder(block) {
  const deflated = base117ToBytes(block.textContent, Number(block.dataset.bytes));
  const inflated = new Blob([deflated]).stream().pipeThrough(new DecompressionStream("deflate"));
  const code = await new Response(inflated).arrayBuffer();
  // Its one import tells it its memory grew (its own glue keeps a view).
  const { instance } = await WebAssembly.instantiate(code, { env: { emscripten_notify_memory_growth() {} } });
  return instance;
}

// Unpacks the page's WebAssembly from its data block. The build
// (scripts/single-file.mjs) compresses the module with zstd and writes the
// compressed bytes as base-85 text: 5 characters for every 4 bytes, where
// base64 takes 5⅓. Both choices are what fits the single file in its 1 MB
// (README, "The page's budgets"). The build decodes its own output with this
// file before it writes the page.
//
// The 85 characters are printable ASCII without space and without the ones
// that mean something in HTML or in JavaScript strings: " & ' < > \ ` { }.
// So the block can never close its own tag or start a comment.
const BASE85 = "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz|~";

/**
 * Base-85 text → bytes: each 5 characters are one big-endian 32-bit number;
 * the build padded the bytes with zeros to a multiple of 4, and `length` is
 * how many of them are real.
 */
function base85ToBytes(text, length) {
  const digit = new Uint8Array(128).fill(255);
  for (let i = 0; i < BASE85.length; i++) digit[BASE85.charCodeAt(i)] = i;
  const groups = Math.ceil(length / 4);
  if (!(length >= 0) || text.length !== groups * 5) throw new Error("the page's WebAssembly block is damaged (wrong length)");
  const out = new Uint8Array(groups * 4);
  const view = new DataView(out.buffer);
  for (let g = 0, i = 0; g < groups; g++) {
    let n = 0;
    for (const end = i + 5; i < end; i++) {
      const d = digit[text.charCodeAt(i) & 127];
      if (d === 255 || text.charCodeAt(i) > 127) throw new Error(`the page's WebAssembly block is damaged (character ${i})`);
      n = n * 85 + d;
    }
    if (n > 0xffffffff) throw new Error(`the page's WebAssembly block is damaged (group ${g})`);
    view.setUint32(g * 4, n);
  }
  return out.subarray(0, length);
}

/** The module's bytes from its data block (`fzstd` is the zstd decoder the build puts before this file). */
function unpackWasm(block) {
  return fzstd.decompress(base85ToBytes(block.textContent, Number(block.dataset.bytes)));
}

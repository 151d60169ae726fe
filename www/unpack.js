// Unpacks the page's WebAssembly from its data block. The build
// (scripts/single-file.mjs) compresses the module with zstd and writes the
// compressed bytes as base-117 text: 7 characters for every 6 bytes, where
// base-85 takes 7½ and base64 8. Both choices are what fits the single file
// in its 1 MB (README, "The page's budgets"). The build decodes its own
// output with this file before it writes the page.
//
// The 117 characters are every ASCII code from TAB (9) to DEL (127) but two:
// CR, which HTML turns into LF, and `<`, which could end the block. The
// codes below TAB are left out: NUL, which HTML replaces with U+FFFD, and
// eight controls nothing needs. Inside a data block HTML keeps every other
// character as it is (controls are a parse error it forgives, not changes),
// and each is one byte of the page's UTF-8. 117 is the smallest base whose 7
// digits hold 48 bits, and 117⁷ < 2⁵³ keeps a group in one exact JavaScript
// number. Denser schemes (base-122's two-byte UTF-8 sequences) would save
// another 1–2 % for a slower, less obvious decoder.
const BASE117 = Array.from({ length: 128 - 9 }, (_, i) => String.fromCharCode(i + 9))
  .filter((c) => c !== "\r" && c !== "<")
  .join("");

/**
 * Base-117 text → bytes: each 7 characters are one big-endian 48-bit number;
 * the build padded the bytes with zeros to a multiple of 6, and `length` is
 * how many of them are real.
 */
function base117ToBytes(text, length) {
  const digit = new Uint8Array(128).fill(255);
  for (let i = 0; i < BASE117.length; i++) digit[BASE117.charCodeAt(i)] = i;
  const groups = Math.ceil(length / 6);
  if (!(length >= 0) || text.length !== groups * 7) throw new Error("the page's WebAssembly block is damaged (wrong length)");
  const out = new Uint8Array(groups * 6);
  for (let g = 0, i = 0, o = 0; g < groups; g++) {
    let n = 0;
    for (const end = i + 7; i < end; i++) {
      const c = text.charCodeAt(i);
      const d = c < 128 ? digit[c] : 255;
      if (d === 255) throw new Error(`the page's WebAssembly block is damaged (character ${i})`);
      n = n * 117 + d;
    }
    if (n >= 0x1000000000000) throw new Error(`the page's WebAssembly block is damaged (group ${g})`);
    const high = (n / 0x1000000) | 0; // n < 2⁴⁸, so high < 2²⁴
    const low = n - high * 0x1000000;
    out[o++] = high >>> 16;
    out[o++] = (high >>> 8) & 255;
    out[o++] = high & 255;
    out[o++] = low >>> 16;
    out[o++] = (low >>> 8) & 255;
    out[o++] = low & 255;
  }
  return out.subarray(0, length);
}

/** The module's bytes from its data block (`fzstd` is the zstd decoder the build puts before this file). */
function unpackWasm(block) {
  return fzstd.decompress(base117ToBytes(block.textContent, Number(block.dataset.bytes)));
}

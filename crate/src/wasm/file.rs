//! A file the page's worker reads on request, as `std::io::Read + Seek`: the
//! `.evtx` reader takes one (natively, a `std::fs::File`), so a binary event
//! log is read where it lies instead of being held whole in WebAssembly's
//! memory, which never shrinks.

use std::io::{self, Read, Seek, SeekFrom};

use js_sys::{Function, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// The least asked of JavaScript at once. Each call costs about half a
/// millisecond whatever its size (Chromium's `FileReaderSync`, measured on a
/// 100 MB file: 0.4–0.7 ms a call for 512 B to 64 KiB, 4 MiB at 890 MB/s),
/// and the `.evtx` reader first reads 512 bytes at every 64 KiB chunk to
/// find the oldest, then each chunk: in 4 MiB windows the file is read
/// twice in about 50 calls per 100 MB, instead of 3,200 calls taking 4 s.
const MIN_READ: usize = 4 << 20;

/// A file of `size` bytes behind `read(at, length)`, which gives a
/// `Uint8Array` of the bytes at `at` (up to `length` of them; none past the
/// end). The last bytes it gave are kept, so reads near each other cost one
/// call.
pub struct JsFile {
    read: Function,
    size: u64,
    pos: u64,
    kept: Vec<u8>,
    kept_at: u64,
}

impl JsFile {
    pub fn new(read: Function, size: u64) -> JsFile {
        JsFile {
            read,
            size,
            pos: 0,
            kept: Vec::new(),
            kept_at: 0,
        }
    }

    /// The kept bytes from the current position on, after asking for the
    /// bytes there if they are not kept.
    fn at_pos(&mut self, wanted: usize) -> io::Result<&[u8]> {
        let kept = (self.pos.checked_sub(self.kept_at))
            .and_then(|offset| usize::try_from(offset).ok())
            .filter(|&offset| offset < self.kept.len());
        let offset = match kept {
            Some(offset) => offset,
            None => {
                let left = self.size.saturating_sub(self.pos);
                let length = u64::try_from(wanted.max(MIN_READ)).map_or(left, |n| n.min(left));
                // f64 holds every file size a browser gives (below 2⁵³).
                let got = (self.read)
                    .call2(
                        &JsValue::NULL,
                        &JsValue::from_f64(self.pos as f64),
                        &JsValue::from_f64(length as f64),
                    )
                    .map_err(|_| io::Error::from(io::ErrorKind::Other))?;
                let bytes = got
                    .dyn_into::<Uint8Array>()
                    .map_err(|_| io::Error::from(io::ErrorKind::Other))?;
                // Into the same buffer each time: a new one per call was
                // 4 MiB more of WebAssembly memory, which never shrinks.
                let n = bytes
                    .length()
                    .min(u32::try_from(length).unwrap_or(u32::MAX));
                self.kept.clear();
                self.kept.resize(n as usize, 0);
                bytes.subarray(0, n).copy_to(&mut self.kept);
                self.kept_at = self.pos;
                0
            }
        };
        Ok(self.kept.get(offset..).unwrap_or_default())
    }
}

impl Read for JsFile {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() || self.pos >= self.size {
            return Ok(0);
        }
        let wanted = out.len();
        let here = self.at_pos(wanted)?;
        let n = here.len().min(wanted);
        if let (Some(to), Some(from)) = (out.get_mut(..n), here.get(..n)) {
            to.copy_from_slice(from);
        }
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for JsFile {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let (base, offset) = match to {
            SeekFrom::Start(at) => (0, i128::from(at)),
            SeekFrom::End(offset) => (self.size, i128::from(offset)),
            SeekFrom::Current(offset) => (self.pos, i128::from(offset)),
        };
        let at = u64::try_from(i128::from(base) + offset)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        self.pos = at;
        Ok(at)
    }
}

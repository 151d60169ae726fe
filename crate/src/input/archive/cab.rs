//! Windows cabinet (`.cab`) files as `MdmDiagnosticsTool.exe -cab` and the
//! Intune diagnostics bundles write them (Microsoft's "Cabinet File Format",
//! MS-CAB, and MSZIP in MS-MCI): a header, folders (one compression stream
//! each), files (a slice of a folder's uncompressed data) and data blocks.
//! Uncompressed and MSZIP folders are read; LZX and Quantum are named, so the
//! caller can say how to extract them. Every offset and size is checked
//! against the bytes at hand: a damaged cabinet is an error, never a panic.
//!
//! Not the `cab` crate: its 0.6.0 reader panics on folders whose data blocks
//! do not cover their files (rust-cab issue 37), so it would need this
//! header walk anyway; MSZIP is then a few lines over `miniz_oxide`, which
//! `flate2` already brings.

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// One file in the cabinet.
pub struct File {
    /// The name as stored (`\` separates folders).
    pub name: String,
    pub size: u64,
    offset: u64,
    /// Index into the folders; `None` for a file continued from or into
    /// another cabinet of a set.
    pub folder: Option<usize>,
}

/// One compression stream and the data blocks that hold it.
pub struct Folder {
    pub compression: Compression,
    /// (offset of the block's data, compressed size, uncompressed size).
    blocks: Vec<(usize, usize, usize)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    MsZip,
    Quantum,
    Lzx,
}

impl Compression {
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "no compression",
            Compression::MsZip => "MSZIP",
            Compression::Quantum => "Quantum",
            Compression::Lzx => "LZX",
        }
    }
}

impl Folder {
    pub fn packed(&self) -> u64 {
        self.blocks.iter().map(|b| b.1 as u64).sum()
    }

    pub fn unpacked(&self) -> u64 {
        self.blocks.iter().map(|b| b.2 as u64).sum()
    }
}

pub struct Cabinet {
    pub folders: Vec<Folder>,
    pub files: Vec<File>,
}

pub fn is_cab(bytes: &[u8]) -> bool {
    bytes.starts_with(b"MSCF")
}

const RESERVE_PRESENT: u16 = 0x4;
const PREV_CABINET: u16 = 0x1;
const NEXT_CABINET: u16 = 0x2;

/// Why a cabinet, or a folder of it, cannot be read: a code and the values
/// its text names (the text is in the language tables, `reason.cab-…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CabError {
    /// The bytes end before what the header declares.
    CutShort {
        at: usize,
    },
    /// A name without its terminating NUL (within 256 bytes).
    UnterminatedName {
        at: usize,
    },
    NotCabinet,
    Version {
        major: u8,
    },
    UnknownCompression {
        kind: u16,
    },
    DamagedBlock {
        at: usize,
    },
    /// A file names a folder the cabinet does not have.
    MissingFolder {
        file: String,
        folder: usize,
    },
    NoSuchFolder,
    /// An MSZIP block without its `CK` signature.
    NoMsZipSignature,
    DamagedMsZip {
        at: usize,
    },
    NotRead {
        method: &'static str,
    },
}

impl CabError {
    /// The reason's code (`reason.<code>` in the language tables).
    pub fn code(&self) -> &'static str {
        match self {
            CabError::CutShort { .. } => "cab-cut-short",
            CabError::UnterminatedName { .. } => "cab-unterminated-name",
            CabError::NotCabinet => "cab-not-cabinet",
            CabError::Version { .. } => "cab-version",
            CabError::UnknownCompression { .. } => "cab-unknown-compression",
            CabError::DamagedBlock { .. } => "cab-damaged-block",
            CabError::MissingFolder { .. } => "cab-missing-folder",
            CabError::NoSuchFolder => "cab-no-such-folder",
            CabError::NoMsZipSignature => "cab-mszip-no-signature",
            CabError::DamagedMsZip { .. } => "cab-mszip-damaged",
            CabError::NotRead { .. } => "cab-not-read",
        }
    }

    /// The values the reason's text names (a file name as the cabinet
    /// writes it).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            CabError::CutShort { at }
            | CabError::UnterminatedName { at }
            | CabError::DamagedBlock { at }
            | CabError::DamagedMsZip { at } => vec![("at", at.to_string())],
            CabError::Version { major } => vec![("version", major.to_string())],
            CabError::UnknownCompression { kind } => vec![("kind", kind.to_string())],
            CabError::MissingFolder { file, folder } => {
                vec![("file", file.clone()), ("folder", folder.to_string())]
            }
            CabError::NotRead { method } => vec![("method", method.to_string())],
            CabError::NotCabinet | CabError::NoSuchFolder | CabError::NoMsZipSignature => {
                Vec::new()
            }
        }
    }
}

/// A bounds-checked little-endian reader over the cabinet's bytes.
struct At<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl At<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], CabError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(CabError::CutShort { at: self.pos })?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, CabError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, CabError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, CabError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A NUL-terminated name (at most 256 bytes, as the format allows).
    fn name(&mut self) -> Result<String, CabError> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let len = rest
            .iter()
            .take(257)
            .position(|&b| b == 0)
            .ok_or(CabError::UnterminatedName { at: self.pos })?;
        let name = String::from_utf8_lossy(&rest[..len]).into_owned();
        self.pos += len + 1;
        Ok(name)
    }
}

/// Reads the cabinet's header, folders, files and data block headers.
pub fn parse(bytes: &[u8]) -> Result<Cabinet, CabError> {
    let mut at = At { bytes, pos: 0 };
    if at.take(8)? != b"MSCF\0\0\0\0" {
        return Err(CabError::NotCabinet);
    }
    at.take(8)?; // cabinet size, reserved
    let files_at = at.u32()? as usize;
    at.take(4)?; // reserved
    let (_minor, major) = (at.u8()?, at.u8()?);
    if major != 1 {
        return Err(CabError::Version { major });
    }
    let (folders, files, flags) = (at.u16()?, at.u16()?, at.u16()?);
    at.take(4)?; // set id, index in set
    let (mut folder_reserve, mut data_reserve) = (0, 0);
    if flags & RESERVE_PRESENT != 0 {
        let header_reserve = at.u16()? as usize;
        folder_reserve = at.u8()? as usize;
        data_reserve = at.u8()? as usize;
        at.take(header_reserve)?;
    }
    for flag in [PREV_CABINET, NEXT_CABINET] {
        if flags & flag != 0 {
            at.name()?; // cabinet file name
            at.name()?; // disk name
        }
    }
    let mut entries = Vec::new();
    for _ in 0..folders {
        let (data_at, blocks, compression) = (at.u32()?, at.u16()?, at.u16()?);
        at.take(folder_reserve)?;
        entries.push((data_at as usize, blocks, compression));
    }
    let mut cabinet = Cabinet {
        folders: Vec::new(),
        files: Vec::new(),
    };
    for (data_at, count, compression) in entries {
        let compression = match compression & 0x000F {
            0 => Compression::None,
            1 => Compression::MsZip,
            2 => Compression::Quantum,
            3 => Compression::Lzx,
            kind => return Err(CabError::UnknownCompression { kind }),
        };
        let mut blocks = Vec::with_capacity(usize::from(count));
        let mut block = At {
            bytes,
            pos: data_at,
        };
        for _ in 0..count {
            block.take(4)?; // checksum
            let (packed, unpacked) = (block.u16()? as usize, block.u16()? as usize);
            block.take(data_reserve)?;
            let data = block.pos;
            block.take(packed)?;
            if unpacked > 0x8000 || (compression == Compression::None && packed != unpacked) {
                return Err(CabError::DamagedBlock { at: data });
            }
            blocks.push((data, packed, unpacked));
        }
        cabinet.folders.push(Folder {
            compression,
            blocks,
        });
    }
    let mut at = At {
        bytes,
        pos: files_at,
    };
    for _ in 0..files {
        let (size, offset, folder) = (at.u32()?, at.u32()?, at.u16()?);
        at.take(6)?; // date, time, attributes
        let name = at.name()?;
        let folder = match usize::from(folder) {
            0xFFFD.. => None,
            i if i < cabinet.folders.len() => Some(i),
            folder => return Err(CabError::MissingFolder { file: name, folder }),
        };
        cabinet.files.push(File {
            name,
            size: u64::from(size),
            offset: u64::from(offset),
            folder,
        });
    }
    Ok(cabinet)
}

impl Cabinet {
    /// The whole uncompressed data of folder `index` (uncompressed or MSZIP).
    pub fn unpack(&self, bytes: &[u8], index: usize) -> Result<Vec<u8>, CabError> {
        let folder = self.folders.get(index).ok_or(CabError::NoSuchFolder)?;
        let mut out = Vec::new();
        for &(at, packed, unpacked) in &folder.blocks {
            let data = at
                .checked_add(packed)
                .and_then(|end| bytes.get(at..end))
                .ok_or(CabError::CutShort { at })?;
            let start = out.len();
            match folder.compression {
                Compression::None => out.extend_from_slice(data),
                Compression::MsZip => {
                    // "CK", then a deflate stream that may refer back into
                    // the 32 KiB before it: the folder's data so far.
                    let deflate = data.strip_prefix(b"CK").ok_or(CabError::NoMsZipSignature)?;
                    out.resize(start + unpacked, 0);
                    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
                    let mut state = DecompressorOxide::new();
                    let (status, _, written) =
                        decompress(&mut state, deflate, &mut out, start, flags);
                    let finished =
                        matches!(status, TINFLStatus::Done | TINFLStatus::NeedsMoreInput);
                    if !finished || written != unpacked {
                        return Err(CabError::DamagedMsZip { at });
                    }
                }
                other => {
                    return Err(CabError::NotRead {
                        method: other.name(),
                    })
                }
            }
        }
        Ok(out)
    }

    /// File `file`'s bytes within its folder's uncompressed `data`.
    pub fn slice<'d>(&self, file: &File, data: &'d [u8]) -> Option<&'d [u8]> {
        let start = usize::try_from(file.offset).ok()?;
        let end = start.checked_add(usize::try_from(file.size).ok()?)?;
        data.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cabinet written by GNOME gcab 1.5 (`gcab -cz`): MSZIP, one folder.
    fn gcab_mszip() -> Vec<u8> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/archives/mdmdiagnostics-cab-dmedp-evtx-delivered.cab"
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn reads_what_gcab_wrote() {
        let bytes = gcab_mszip();
        let cab = parse(&bytes).unwrap();
        assert_eq!(cab.folders.len(), 1);
        assert_eq!(cab.folders[0].compression, Compression::MsZip);
        let data = cab.unpack(&bytes, 0).unwrap();
        let names: Vec<&str> = cab.files.iter().map(|f| f.name.as_str()).collect();
        assert!(names.iter().any(|n| n.ends_with(".evtx")), "{names:?}");
        for f in &cab.files {
            let member = cab.slice(f, &data).unwrap();
            assert_eq!(member.len() as u64, f.size);
        }
    }

    #[test]
    fn every_cut_and_flipped_byte_is_an_error_or_a_reading() {
        let bytes = gcab_mszip();
        for cut in (0..bytes.len()).step_by(7) {
            if let Ok(cab) = parse(&bytes[..cut]) {
                for i in 0..cab.folders.len() {
                    let _ = cab.unpack(&bytes[..cut], i);
                }
            }
        }
        for at in (0..bytes.len().min(2000)).step_by(3) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xA5;
            if let Ok(cab) = parse(&damaged) {
                for file in &cab.files {
                    if let Some(Ok(data)) = file.folder.map(|i| cab.unpack(&damaged, i)) {
                        let _ = cab.slice(file, &data);
                    }
                }
            }
        }
    }
}

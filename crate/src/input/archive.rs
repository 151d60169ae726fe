//! Zip and cabinet bundles as admins receive them (Company Portal's e-mailed
//! logs with rotated OMADM files, Intune's "Collect diagnostics" zip, the
//! `.cab` of `MdmDiagnosticsTool.exe`): every member becomes a source named
//! `bundle.zip/path/inside`, nested archives included (a cab inside a zip).
//! Expansion is capped in size, count, ratio and depth, so a zip bomb gives a
//! clear message instead of a dead tab. Members of no known format stay
//! sources of their own, each with its reason; the front ends list them
//! together per archive (see [`crate::text::render::listed`]).

/// Public for the `cab` fuzz target only.
#[doc(hidden)]
pub mod cab;

use std::io::{Cursor, Read};

use crate::core::report::Problem;

/// Why an archive, or one of its members, cannot be read: a code and the
/// values its text names, rendered in the report's language at the end
/// (`reason.<code>` in the tables of [`crate::text::i18n`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveError {
    /// What the zip reader said, by its kind.
    Zip(ZipFault),
    /// What the cabinet reader said.
    Cab(cab::CabError),
    /// A cabinet member that starts in another cabinet of a set.
    InAnotherCabinet,
    /// A cabinet member that lies outside its folder's data.
    OutsideFolder,
}

/// The kinds of [`zip::result::ZipError`] a report names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipFault {
    Invalid,
    Unsupported,
    Encrypted,
    Method(u16),
    Io,
    Other,
}

impl From<&zip::result::ZipError> for ArchiveError {
    fn from(e: &zip::result::ZipError) -> ArchiveError {
        use zip::result::ZipError;
        ArchiveError::Zip(match e {
            ZipError::InvalidArchive(_) => ZipFault::Invalid,
            ZipError::UnsupportedArchive(_) => ZipFault::Unsupported,
            ZipError::InvalidPassword => ZipFault::Encrypted,
            ZipError::CompressionMethodNotSupported(m) => ZipFault::Method(*m),
            ZipError::Io(_) => ZipFault::Io,
            _ => ZipFault::Other,
        })
    }
}

impl From<&std::io::Error> for ArchiveError {
    fn from(_: &std::io::Error) -> ArchiveError {
        ArchiveError::Zip(ZipFault::Io)
    }
}

impl ArchiveError {
    /// The reason's code.
    pub fn code(&self) -> &'static str {
        match self {
            ArchiveError::Zip(ZipFault::Invalid) => "zip-invalid",
            ArchiveError::Zip(ZipFault::Unsupported) => "zip-unsupported",
            ArchiveError::Zip(ZipFault::Encrypted) => "zip-encrypted",
            ArchiveError::Zip(ZipFault::Method(_)) => "zip-method",
            ArchiveError::Zip(ZipFault::Io) => "zip-io",
            ArchiveError::Zip(ZipFault::Other) => "zip-other",
            ArchiveError::Cab(e) => e.code(),
            ArchiveError::InAnotherCabinet => "cab-in-another-cabinet",
            ArchiveError::OutsideFolder => "cab-outside-folder",
        }
    }

    /// The values the reason's text names.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            ArchiveError::Zip(ZipFault::Method(m)) => vec![("method", m.to_string())],
            ArchiveError::Cab(e) => e.params(),
            _ => Vec::new(),
        }
    }

    /// `problem` with this reason: its code as `reason`, and its values.
    fn into_problem(self, problem: Problem) -> Problem {
        let problem = problem.param("reason", self.code());
        (self.params().into_iter()).fold(problem, |p, (k, v)| p.param(k, v))
    }
}

/// One input after expansion: a plain file, or a member of an archive.
pub struct Expanded {
    /// Index of the input (file) this came from.
    pub input: usize,
    pub name: String,
    pub bytes: Vec<u8>,
    /// What went wrong while expanding the archive this came from.
    pub problems: Vec<Problem>,
}

/// Caps on what one input may expand to.
pub struct Limits {
    pub total_bytes: u64,
    pub members: usize,
    /// Expanded size / compressed size above this (for members over 1 MiB) is a bomb.
    pub ratio: u64,
    pub depth: usize,
}

pub const LIMITS: Limits = Limits {
    total_bytes: 1 << 30,
    members: 10_000,
    ratio: 1_000,
    depth: 3,
};

pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// A zip archive or a cabinet: opened into its members.
pub fn is_archive(bytes: &[u8]) -> bool {
    is_zip(bytes) || cab::is_cab(bytes)
}

/// Expands `bytes` if it is an archive; otherwise returns it as it is.
pub fn expand(name: &str, bytes: &[u8]) -> Vec<Expanded> {
    let mut expander = Expander {
        budget: LIMITS.total_bytes,
        out: Vec::new(),
    };
    expander.add(name, bytes, 0);
    expander.out
}

/// The expansion of one input: what is left of its byte budget, and the
/// sources so far.
struct Expander {
    budget: u64,
    out: Vec<Expanded>,
}

/// What the caps say about the next member.
enum Admit {
    Take,
    Skip,
    Stop,
}

fn plain(name: &str, bytes: Vec<u8>) -> Expanded {
    Expanded {
        input: 0,
        name: name.to_string(),
        bytes,
        problems: Vec::new(),
    }
}

impl Expander {
    fn add(&mut self, name: &str, bytes: &[u8], depth: usize) {
        if !is_archive(bytes) {
            self.out.push(plain(name, bytes.to_vec()));
            return;
        }
        let before = self.out.len();
        let mut problems = Vec::new();
        if depth >= LIMITS.depth {
            problems
                .push(Problem::coded("archive-too-deep").param("depth", LIMITS.depth.to_string()));
        } else if is_zip(bytes) {
            self.zip(name, bytes, depth, before, &mut problems);
        } else {
            self.cab(name, bytes, depth, before, &mut problems);
        }
        // An archive that expanded cleanly disappears into its members; one
        // with problems stays listed so the problems are seen.
        if self.out.len() == before && problems.is_empty() {
            problems.push(Problem::coded("empty-archive"));
        }
        if !problems.is_empty() {
            self.out.insert(
                before,
                Expanded {
                    problems,
                    ..plain(name, Vec::new())
                },
            );
        }
    }

    /// A member's bytes: opened further if it is an archive itself.
    fn member(&mut self, name: &str, bytes: Vec<u8>, depth: usize) {
        if is_archive(&bytes) {
            self.add(name, &bytes, depth);
        } else {
            self.out.push(plain(name, bytes));
        }
    }

    /// Checks the next member of the archive whose sources start at `before`
    /// against the caps, from the sizes its archive declares.
    fn admit(
        &self,
        member: &str,
        size: u64,
        packed: u64,
        before: usize,
        problems: &mut Vec<Problem>,
    ) -> Admit {
        if self.out.len() - before >= LIMITS.members {
            problems.push(
                Problem::coded("archive-too-many-members")
                    .param("members", LIMITS.members.to_string()),
            );
            return Admit::Stop;
        }
        let ratio = size / packed.max(1);
        if size > 1 << 20 && ratio > LIMITS.ratio {
            problems.push(bomb(member, ratio, size));
            return Admit::Skip;
        }
        if size > self.budget {
            problems.push(too_large(member));
            return Admit::Stop;
        }
        Admit::Take
    }

    fn zip(
        &mut self,
        name: &str,
        bytes: &[u8],
        depth: usize,
        before: usize,
        problems: &mut Vec<Problem>,
    ) {
        let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
            Ok(archive) => archive,
            Err(e) => return problems.push(bad_archive((&e).into())),
        };
        for i in 0..archive.len() {
            let mut file = match archive.by_index(i) {
                Ok(f) => f,
                Err(e) => {
                    problems.push(bad_member(&format!("{name}/#{i}"), (&e).into()));
                    continue;
                }
            };
            if file.is_dir() {
                continue;
            }
            let inner = file
                .name()
                .map_or_else(|_| format!("#{i}"), |n| n.to_string());
            let member = format!("{name}/{inner}");
            match self.admit(
                &member,
                file.size(),
                file.compressed_size(),
                before,
                problems,
            ) {
                Admit::Take => {}
                Admit::Skip => continue,
                Admit::Stop => break,
            }
            // The header's size may lie: never read more than the budget.
            let mut data = Vec::new();
            match file.by_ref().take(self.budget + 1).read_to_end(&mut data) {
                Ok(n) if n as u64 > self.budget => {
                    problems.push(too_large(&member));
                    break;
                }
                Ok(n) => self.budget -= n as u64,
                Err(e) => {
                    problems.push(bad_member(&member, (&e).into()));
                    continue;
                }
            }
            drop(file);
            self.member(&member, data, depth + 1);
        }
    }

    fn cab(
        &mut self,
        name: &str,
        bytes: &[u8],
        depth: usize,
        before: usize,
        problems: &mut Vec<Problem>,
    ) {
        let cabinet = match cab::parse(bytes) {
            Ok(cabinet) => cabinet,
            Err(e) => return problems.push(bad_archive(ArchiveError::Cab(e))),
        };
        let mut unreadable: Vec<(cab::Compression, usize)> = Vec::new();
        // Files folder by folder (as cabinets store them anyway), so each
        // folder is unpacked once; the one unpacked last.
        let mut files: Vec<&cab::File> = cabinet.files.iter().collect();
        files.sort_by_key(|f| f.folder);
        let mut unpacked: Option<(usize, Result<Vec<u8>, cab::CabError>)> = None;
        for file in files {
            let member = format!("{name}/{}", file.name.replace('\\', "/"));
            let Some((index, folder)) = file
                .folder
                .and_then(|i| cabinet.folders.get(i).map(|f| (i, f)))
            else {
                problems.push(bad_member(&member, ArchiveError::InAnotherCabinet));
                continue;
            };
            if !matches!(
                folder.compression,
                cab::Compression::None | cab::Compression::MsZip
            ) {
                match unreadable
                    .iter_mut()
                    .find(|(c, _)| *c == folder.compression)
                {
                    Some((_, n)) => *n += 1,
                    None => unreadable.push((folder.compression, 1)),
                }
                continue;
            }
            match self.admit(&member, file.size, folder.packed(), before, problems) {
                Admit::Take => {}
                Admit::Skip => continue,
                Admit::Stop => break,
            }
            if unpacked.as_ref().map(|u| u.0) != Some(index) {
                // A folder is unpacked whole, once for all of its files: it
                // must fit the budget. (MSZIP cannot reach the bomb ratio.)
                if folder.unpacked() > self.budget {
                    problems.push(too_large(&member));
                    break;
                }
                unpacked = Some((index, cabinet.unpack(bytes, index)));
            }
            let data = match unpacked.as_ref().map(|u| &u.1) {
                Some(Ok(data)) => data,
                Some(Err(e)) => {
                    problems.push(bad_member(&member, ArchiveError::Cab(e.clone())));
                    continue;
                }
                None => continue,
            };
            let Some(data) = cabinet.slice(file, data) else {
                problems.push(bad_member(&member, ArchiveError::OutsideFolder));
                continue;
            };
            self.budget -= data.len() as u64;
            let data = data.to_vec();
            self.member(&member, data, depth + 1);
        }
        let file_name = name.rsplit('/').next().unwrap_or(name);
        for (compression, count) in unreadable {
            problems.push(
                Problem::coded("cab-compression")
                    .param("count", count.to_string())
                    .param("method", compression.name())
                    .param("cab", file_name),
            );
        }
    }
}

fn bad_archive(reason: ArchiveError) -> Problem {
    reason.into_problem(Problem::coded("bad-archive"))
}

fn bad_member(member: &str, reason: ArchiveError) -> Problem {
    reason.into_problem(Problem::coded("bad-member").param("member", member))
}

fn bomb(member: &str, ratio: u64, size: u64) -> Problem {
    Problem::coded("zip-bomb")
        .param("member", member)
        .param("ratio", ratio.to_string())
        .param("size", size.to_string())
}

fn too_large(member: &str) -> Problem {
    Problem::coded("archive-too-large")
        .param("member", member)
        .param("limit", (LIMITS.total_bytes >> 20).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// A cabinet of one folder (`compression`: 0 none, 3 LZX) whose data is
    /// stored as is, in blocks of 32 KiB; names keep Windows' `\\`.
    fn cab_of(files: &[(&str, &[u8])], compression: u16) -> Vec<u8> {
        let data = files.iter().map(|f| f.1).collect::<Vec<_>>().concat();
        let names: usize = files.iter().map(|(n, _)| 16 + n.len() + 1).sum();
        let (files_at, data_at) = (36 + 8, 36 + 8 + names);
        let blocks: Vec<&[u8]> = data.chunks(0x8000).collect();
        let mut out = b"MSCF\0\0\0\0".to_vec();
        for v in [0u32, 0, files_at as u32, 0] {
            out.extend(v.to_le_bytes()); // size (unchecked), reserved, files, reserved
        }
        out.extend([3, 1]); // version 1.3
        for v in [1u16, files.len() as u16, 0, 0, 0] {
            out.extend(v.to_le_bytes()); // folders, files, flags, set id, index
        }
        out.extend((data_at as u32).to_le_bytes());
        out.extend((blocks.len() as u16).to_le_bytes());
        out.extend(compression.to_le_bytes());
        let mut offset = 0u32;
        for (name, bytes) in files {
            out.extend((bytes.len() as u32).to_le_bytes());
            out.extend(offset.to_le_bytes());
            for v in [0u16, 0x5914, 0x4ee6, 0x20] {
                out.extend(v.to_le_bytes()); // folder, date, time, attributes
            }
            out.extend(name.as_bytes());
            out.push(0);
            offset += bytes.len() as u32;
        }
        for block in blocks {
            out.extend(0u32.to_le_bytes());
            out.extend((block.len() as u16).to_le_bytes());
            out.extend((block.len() as u16).to_le_bytes());
            out.extend(block);
        }
        out
    }

    #[test]
    fn cabinets_open_inside_zips() {
        let big = vec![b'x'; 70_000];
        let cab = cab_of(&[("logs\\OMADM.log", b"cab log"), ("big.txt", &big)], 0);
        let zip = zip_of(&[("3/mdmlogs-2024_08_20.cab", &cab)]);
        let got: Vec<_> = expand("DiagLogs.zip", &zip)
            .into_iter()
            .map(|e| (e.name, e.bytes.len(), e.problems))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "DiagLogs.zip/3/mdmlogs-2024_08_20.cab/logs/OMADM.log".to_string(),
                    7,
                    vec![]
                ),
                (
                    "DiagLogs.zip/3/mdmlogs-2024_08_20.cab/big.txt".to_string(),
                    70_000,
                    vec![]
                ),
            ]
        );
    }

    #[test]
    fn a_cabinet_it_cannot_unpack_says_how_to_extract_it() {
        let got = expand(
            "C:/Temp/MDMDiagReport.cab",
            &cab_of(&[("a.evtx", b"x")], 0x1503),
        );
        assert_eq!(got.len(), 1);
        let p = &got[0].problems[0];
        assert_eq!(p.code, "cab-compression");
        let message =
            crate::text::i18n::problem_message(crate::core::lang::Lang::En, p).unwrap_or_default();
        assert!(message.contains("compressed with LZX"), "{message}");
        assert!(
            message.contains("expand -F:* MDMDiagReport.cab <folder>"),
            "{message}"
        );
    }

    #[test]
    fn archive_problems_read_in_japanese() {
        use crate::core::report::{Report, Source, SCHEMA};
        use crate::text::i18n::{localize, Lang};
        let zeros = vec![0u8; 50 << 20];
        let mut problems = expand("bomb.zip", &zip_of(&[("zeros.log", &zeros)]))[0]
            .problems
            .clone();
        problems.extend(
            expand("x.cab", &cab_of(&[("a", b"x")], 3))[0]
                .problems
                .clone(),
        );
        problems.extend(expand("cut.zip", b"PK\x05\x06")[0].problems.clone());
        problems.extend(
            expand("cut.cab", &cab_of(&[("a", b"x")], 0)[..50])[0]
                .problems
                .clone(),
        );
        let source = Source {
            name: "bundle".to_string(),
            input: 0,
            format: "unknown".to_string(),
            platform: None,
            encoding: "binary".to_string(),
            lines: 0,
            recognized: 0,
            problems,
        };
        let report = Report {
            schema: SCHEMA.to_string(),
            sources: vec![source],
            platforms: Vec::new(),
            device_utc_offset: None,
        };
        let (en, ja) = (localize(&report, Lang::En), localize(&report, Lang::Ja));
        let (en, ja) = (&en.sources[0].problems, &ja.sources[0].problems);
        assert_eq!(en.len(), 4);
        for (en, ja) in en.iter().zip(ja) {
            assert_ne!(en.message, ja.message);
            assert!(!ja.message.contains('{'), "{}", ja.message);
        }
        assert!(
            ja[0].message.contains("bomb.zip/zeros.log"),
            "{}",
            ja[0].message
        );
        assert!(ja[1].message.contains("LZX"), "{}", ja[1].message);
        assert_eq!(
            en[3].message,
            "This archive cannot be read (cut short at byte 62)."
        );
        assert!(!ja[3].message.contains("cut short"), "{}", ja[3].message);
    }

    /// Every reason a typed archive error gives has its text in both
    /// languages, and the Japanese one holds no English sentence.
    #[test]
    fn every_archive_error_reads_in_both_languages() {
        use crate::core::lang::Lang;
        use crate::text::i18n::problem_message;
        use cab::CabError;
        let errors = [
            ArchiveError::Zip(ZipFault::Invalid),
            ArchiveError::Zip(ZipFault::Unsupported),
            ArchiveError::Zip(ZipFault::Encrypted),
            ArchiveError::Zip(ZipFault::Method(99)),
            ArchiveError::Zip(ZipFault::Io),
            ArchiveError::Zip(ZipFault::Other),
            ArchiveError::Cab(CabError::CutShort { at: 7 }),
            ArchiveError::Cab(CabError::UnterminatedName { at: 7 }),
            ArchiveError::Cab(CabError::NotCabinet),
            ArchiveError::Cab(CabError::Version { major: 2 }),
            ArchiveError::Cab(CabError::UnknownCompression { kind: 9 }),
            ArchiveError::Cab(CabError::DamagedBlock { at: 7 }),
            ArchiveError::Cab(CabError::MissingFolder {
                file: "a.log".to_string(),
                folder: 3,
            }),
            ArchiveError::Cab(CabError::NoSuchFolder),
            ArchiveError::Cab(CabError::NoMsZipSignature),
            ArchiveError::Cab(CabError::DamagedMsZip { at: 7 }),
            ArchiveError::Cab(CabError::NotRead { method: "LZX" }),
            ArchiveError::InAnotherCabinet,
            ArchiveError::OutsideFolder,
        ];
        let Ok(english) = regex::Regex::new(r"[A-Za-z]+ [a-z]+ [a-z]+") else {
            panic!("pattern");
        };
        for e in errors {
            for p in [bad_archive(e.clone()), bad_member("x.cab/a.log", e.clone())] {
                assert!(p.params.values().all(|v| !v.contains(' ')), "{p:?}");
                let en = problem_message(Lang::En, &p);
                let ja = problem_message(Lang::Ja, &p);
                let (Some(en), Some(ja)) = (en, ja) else {
                    panic!("{} has no text", e.code());
                };
                assert!(!en.contains('{') && !ja.contains('{'), "{en} / {ja}");
                assert!(!english.is_match(&ja), "{ja}");
            }
        }
    }

    #[test]
    fn damaged_cabinets_say_so() {
        let cab = cab_of(&[("a.log", b"hello")], 0);
        let got = expand("cut.cab", &cab[..50]);
        assert_eq!(got[0].problems[0].code, "bad-archive");
        // A file that lies beyond its folder's data.
        let mut cab = cab.clone();
        let size_at = 36 + 8;
        cab[size_at..size_at + 4].copy_from_slice(&99u32.to_le_bytes());
        let got = expand("long.cab", &cab);
        assert_eq!(
            got[0].problems[0].code, "bad-member",
            "{:?}",
            got[0].problems
        );
        // A file continued from another cabinet of a set.
        let mut cab = cab_of(&[("a.log", b"hello")], 0);
        cab[size_at + 8..size_at + 10].copy_from_slice(&0xFFFDu16.to_le_bytes());
        let got = expand("part2.cab", &cab);
        assert_eq!(got[0].problems[0].code, "bad-member");
    }

    #[test]
    fn members_become_sources_and_nested_zips_open() {
        let inner = zip_of(&[("OMADM.log.1", b"old")]);
        let outer = zip_of(&[
            ("OMADM.log", b"new"),
            ("more/inner.zip", &inner),
            ("readme.txt", b"x"),
        ]);
        let got: Vec<_> = expand("logs.zip", &outer)
            .into_iter()
            .map(|e| (e.name, e.bytes))
            .collect();
        assert_eq!(
            got,
            [
                ("logs.zip/OMADM.log".to_string(), b"new".to_vec()),
                (
                    "logs.zip/more/inner.zip/OMADM.log.1".to_string(),
                    b"old".to_vec()
                ),
                ("logs.zip/readme.txt".to_string(), b"x".to_vec()),
            ]
        );
    }

    #[test]
    fn a_bomb_is_named_not_opened() {
        let zeros = vec![0u8; 50 << 20];
        let bomb = zip_of(&[("zeros.log", &zeros)]);
        let got = expand("bomb.zip", &bomb);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].problems[0].code, "zip-bomb");
    }

    #[test]
    fn broken_archives_say_so() {
        let mut z = zip_of(&[("a.log", b"hello")]);
        z.truncate(20);
        let got = expand("cut.zip", &z);
        assert_eq!(got[0].problems[0].code, "bad-archive");
        assert_eq!(expand("plain.log", b"text")[0].bytes, b"text");
    }
}

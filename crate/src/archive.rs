//! Zip bundles as admins receive them (Company Portal's e-mailed logs with
//! rotated OMADM files, Windows "Export management log files"): every member
//! becomes a source named `bundle.zip/path/inside`, nested zips included.
//! Expansion is capped in size, count, ratio and depth, so a zip bomb gives a
//! clear message instead of a dead tab.

use std::io::{Cursor, Read};

use crate::report::Problem;

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

/// Expands `bytes` if it is a zip archive; otherwise returns it as it is.
pub fn expand(name: &str, bytes: &[u8]) -> Vec<Expanded> {
    let mut out = Vec::new();
    let mut budget = LIMITS.total_bytes;
    expand_into(name, bytes, 0, &mut budget, &mut out);
    out
}

fn expand_into(name: &str, bytes: &[u8], depth: usize, budget: &mut u64, out: &mut Vec<Expanded>) {
    if !is_zip(bytes) {
        out.push(Expanded {
            input: 0,
            name: name.to_string(),
            bytes: bytes.to_vec(),
            problems: Vec::new(),
        });
        return;
    }
    let mut problems = Vec::new();
    let before = out.len();
    match zip::ZipArchive::new(Cursor::new(bytes)) {
        Err(e) => problems.push(Problem::coded("bad-archive").param("error", e.to_string())),
        Ok(_) if depth >= LIMITS.depth => problems
            .push(Problem::coded("archive-too-deep").param("depth", LIMITS.depth.to_string())),
        Ok(mut archive) => {
            for i in 0..archive.len() {
                if out.len() - before >= LIMITS.members {
                    problems.push(
                        Problem::coded("archive-too-many-members")
                            .param("members", LIMITS.members.to_string()),
                    );
                    break;
                }
                let mut file = match archive.by_index(i) {
                    Ok(f) => f,
                    Err(e) => {
                        problems.push(
                            Problem::coded("bad-member")
                                .param("member", format!("{name}/member-{i}"))
                                .param("error", e.to_string()),
                        );
                        continue;
                    }
                };
                if file.is_dir() {
                    continue;
                }
                let inner = file
                    .name()
                    .map_or_else(|_| format!("member-{i}"), |n| n.to_string());
                let member = format!("{name}/{inner}");
                let (size, packed) = (file.size(), file.compressed_size().max(1));
                if size > 1 << 20 && size / packed > LIMITS.ratio {
                    problems.push(
                        Problem::coded("zip-bomb")
                            .param("member", &member)
                            .param("ratio", (size / packed).to_string())
                            .param("size", size.to_string()),
                    );
                    continue;
                }
                if size > *budget {
                    problems.push(too_large(&member));
                    break;
                }
                // The header's size may lie: never read more than the budget.
                let mut data = Vec::new();
                match file.by_ref().take(*budget + 1).read_to_end(&mut data) {
                    Ok(n) if n as u64 > *budget => {
                        problems.push(too_large(&member));
                        break;
                    }
                    Ok(n) => *budget -= n as u64,
                    Err(e) => {
                        problems.push(
                            Problem::coded("bad-member")
                                .param("member", &member)
                                .param("error", e.to_string()),
                        );
                        continue;
                    }
                }
                drop(file);
                expand_into(&member, &data, depth + 1, budget, out);
            }
        }
    }
    // An archive that expanded cleanly disappears into its members; one with
    // problems stays listed so the problems are seen.
    if !problems.is_empty() || out.len() == before {
        if out.len() == before && problems.is_empty() {
            problems.push(Problem::coded("empty-archive"));
        }
        out.insert(
            before,
            Expanded {
                input: 0,
                name: name.to_string(),
                bytes: Vec::new(),
                problems,
            },
        );
    }
}

/// `member` was not opened: the archive expands beyond the size limit.
fn too_large(member: &str) -> Problem {
    Problem::coded("archive-too-large")
        .param("member", member)
        .param("limit_mib", (LIMITS.total_bytes >> 20).to_string())
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

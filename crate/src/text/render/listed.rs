//! The source list as every view shows it: each source on its own, except
//! the members of an archive that hold nothing SCEP Doctor reads. A
//! diagnostics bundle holds dozens of those (registry exports, HTML reports,
//! other event logs); one entry per archive names them with their reasons,
//! so the few logs that were read stay in sight. The report itself keeps
//! every member as a source of its own.

use std::collections::BTreeMap;

use crate::core::report::{Report, Source};
use crate::text::i18n::{t, Lang};

/// One entry of the source list.
pub enum Listed<'a> {
    /// A source shown on its own, with its problems.
    Source(usize, &'a Source),
    /// The skipped members of one archive.
    Skipped(Skipped<'a>),
}

pub struct Skipped<'a> {
    /// The archive, or the folder in it that all of its members share (a
    /// prefix of names from the input, so kept as [`crate::core::caps::text`]:
    /// the cut may leave a bidi override open).
    pub archive: String,
    /// The input the archive is (see [`Source::input`]).
    pub input: usize,
    /// Index of the first skipped source (removing it removes the archive).
    pub first: usize,
    pub count: usize,
    /// (reason, paths inside `archive`), reasons in order of appearance.
    pub reasons: Vec<(&'static str, Vec<&'a str>)>,
}

/// Problem codes that say a file holds nothing to read (`binary` also stands
/// for every `binary-…`), with the UI key of the short reason.
const SKIP_REASONS: &[(&str, &str)] = &[
    ("unknown-format", "skip.unknown-format"),
    ("empty", "skip.empty"),
    ("binary", "skip.binary"),
    ("evtx-no-scep-provider", "skip.evtx-no-scep-provider"),
];

/// The short reason why `s` was skipped, if it was.
fn skip_reason(s: &Source) -> Option<&'static str> {
    if s.platform.is_some() {
        return None;
    }
    s.problems.iter().find_map(|p| {
        let code = p.code.split_once('-').filter(|(c, _)| *c == "binary");
        let code = code.map_or(p.code.as_str(), |(c, _)| c);
        SKIP_REASONS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, key)| *key)
    })
}

/// The folder all `names` (the sources of one input) share: the archive
/// they came from, or a folder in it; their common prefix, cut at a `/`.
fn archive_of<'a>(mut names: impl Iterator<Item = &'a str>) -> &'a str {
    let first = names.next().unwrap_or("");
    let mut common = first;
    for name in names {
        let same = common
            .char_indices()
            .zip(name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(name.len()), |((i, _), _)| i);
        common = &common[..same];
        let whole = |n: &str| n.len() == common.len() || n[common.len()..].starts_with('/');
        if !whole(name) || !whole(first) {
            common = common.rfind('/').map_or("", |i| &common[..i]);
        }
    }
    common
}

/// The source list of `report`: each archive's skipped members in one
/// entry, after the sources of that archive that were read.
pub fn listed(report: &Report) -> Vec<Listed<'_>> {
    let sources = &report.sources;
    // Per input: how many sources it expanded into, and their archive.
    let mut inputs: BTreeMap<usize, (usize, &str)> = BTreeMap::new();
    for s in sources {
        inputs.entry(s.input).or_insert((0, "")).0 += 1;
    }
    for (input, (count, archive)) in inputs.iter_mut() {
        if *count > 1 {
            let names = sources.iter().filter(|s| s.input == *input);
            *archive = archive_of(names.map(|s| s.name.as_str()));
        }
    }
    let mut groups: Vec<Skipped> = Vec::new();
    let mut alone = vec![true; sources.len()];
    for (i, s) in sources.iter().enumerate() {
        let archive = inputs.get(&s.input).map_or("", |a| a.1);
        let Some(reason) = skip_reason(s).filter(|_| !archive.is_empty()) else {
            continue;
        };
        alone[i] = false;
        let path = s.name.get(archive.len() + 1..).unwrap_or(&s.name);
        let k = match groups.iter().position(|g| g.input == s.input) {
            Some(k) => k,
            None => {
                groups.push(Skipped {
                    archive: crate::core::caps::text(archive),
                    input: s.input,
                    first: i,
                    count: 0,
                    reasons: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let group = &mut groups[k];
        group.count += 1;
        match group.reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, paths)) => paths.push(path),
            None => group.reasons.push((reason, vec![path])),
        }
    }
    let mut out = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        if alone[i] {
            out.push(Listed::Source(i, s));
        }
        let last_of_input = sources.get(i + 1).is_none_or(|next| next.input != s.input);
        if let Some(k) = groups.iter().position(|g| g.input == s.input) {
            if last_of_input {
                out.push(Listed::Skipped(groups.remove(k)));
            }
        }
    }
    out
}

impl Skipped<'_> {
    /// "3 file(s) skipped: not logs SCEP Doctor reads".
    pub fn summary(&self, lang: Lang) -> String {
        crate::text::i18n::tf(lang, "report.skipped", &[("n", &self.count.to_string())])
    }

    /// "no known log format: results.xml, 1/export.reg", one per reason.
    pub fn reason_lines(&self, lang: Lang) -> Vec<String> {
        self.reasons
            .iter()
            .map(|(reason, paths)| format!("{}: {}", t(lang, reason), paths.join(", ")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::Problem;

    /// Each skip reason stands for a problem code, and both read in every
    /// language.
    #[test]
    fn every_skip_reason_has_its_texts() {
        for (code, key) in SKIP_REASONS {
            for lang in Lang::ALL {
                assert!(!t(lang, key).is_empty(), "{key} in {}", lang.as_str());
                assert!(
                    !t(lang, &format!("problem.{code}")).is_empty(),
                    "problem.{code} in {}",
                    lang.as_str()
                );
            }
        }
    }

    fn source(name: &str, input: usize, problem: Option<&str>) -> Source {
        Source {
            name: name.to_string(),
            input,
            format: "unknown".to_string(),
            platform: match problem {
                Some(_) => None,
                None => Some(crate::core::model::Platform::Android),
            },
            encoding: "utf-8".to_string(),
            lines: 1,
            recognized: 0,
            problems: problem.map(|c| Problem::new(c, "…")).into_iter().collect(),
        }
    }

    #[test]
    fn skipped_members_are_grouped_per_archive() {
        let report = Report {
            schema: crate::core::report::SCHEMA.to_string(),
            sources: vec![
                source("cp.zip/CompanyPortal/OMADM.log", 0, None),
                source(
                    "cp.zip/CompanyPortal/DeviceInfo.txt",
                    0,
                    Some("unknown-format"),
                ),
                source("screenshot.png", 1, Some("binary-png")),
                source("diag.zip", 2, Some("zip-bomb")),
                source("diag.zip/results.xml", 2, Some("unknown-format")),
                source("diag.zip/1/export.reg", 2, Some("unknown-format")),
                source("diag.zip/4/photo.jpg", 2, Some("binary-jpeg")),
                source("diag.zip/3/Events.evtx", 2, None),
            ],
            platforms: Vec::new(),
            device_utc_offset: None,
        };
        let got: Vec<String> = listed(&report)
            .iter()
            .map(|l| match l {
                Listed::Source(i, _) => format!("#{i}"),
                Listed::Skipped(g) => format!(
                    "{} from #{}: {} ({})",
                    g.archive,
                    g.first,
                    g.count,
                    g.reason_lines(Lang::En).join("; ")
                ),
            })
            .collect();
        assert_eq!(
            got,
            [
                "#0",
                "cp.zip/CompanyPortal from #1: 1 (no known log format: DeviceInfo.txt)",
                "#2",
                "#3",
                "#7",
                "diag.zip from #4: 3 (no known log format: results.xml, 1/export.reg; \
                 not text (an image, a program or other binary file): 4/photo.jpg)",
            ]
        );
    }
}

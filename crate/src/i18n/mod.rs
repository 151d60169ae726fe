//! The languages SCEP Doctor speaks (`en`, `ja`): every UI string the page and
//! the CLI show, by key, one table per language. Knowledge findings have their
//! own per-language tables (see [`crate::knowledge::finding_in`]); a report is
//! turned into another language by [`localize`], which re-renders every
//! finding from its code and params — text is looked up, never parsed.

mod en;
mod ja;

use serde::{Deserialize, Serialize};

use crate::model::{Kind, Platform, Severity, Stage, Step, Verdict};
use crate::report::{Problem, Report};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// `en`, `ja`, or a BCP 47 tag starting with one of them (`ja-JP`, `en-US`).
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    /// The UI string table of this language: `(key, text)`.
    pub fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::TABLE,
            Lang::Ja => ja::TABLE,
        }
    }
}

/// The UI string `key` in `lang` (English when missing, the key itself when
/// unknown — the completeness test keeps both from happening).
pub fn t(lang: Lang, key: &str) -> &'static str {
    let find = |l: Lang| l.table().iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    find(lang).or_else(|| find(Lang::En)).unwrap_or("")
}

/// `t` with `{name}` placeholders filled.
pub fn tf(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    let mut out = t(lang, key).to_string();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

pub fn verdict(lang: Lang, v: Verdict) -> &'static str {
    t(lang, &format!("verdict.{}", v.as_str()))
}

pub fn stage(lang: Lang, s: Stage) -> &'static str {
    t(lang, &format!("stage.{}", s.as_str()))
}

pub fn step_title(lang: Lang, s: Step) -> &'static str {
    if (1..=6).contains(&s.0) {
        t(lang, &format!("step.{}", s.0))
    } else {
        t(lang, "step.unknown")
    }
}

pub fn kind(lang: Lang, k: Kind) -> &'static str {
    t(lang, &format!("kind.{}", k.as_str()))
}

pub fn severity(lang: Lang, s: Severity) -> &'static str {
    t(lang, &format!("severity.{}", s.as_str()))
}

pub fn platform(lang: Lang, p: Platform) -> &'static str {
    t(lang, &format!("platform.{}", p.as_str()))
}

/// A report with every finding and problem re-rendered in `lang` from its code
/// and params. Timeline texts (`what`) stay as the parsers wrote them (English).
pub fn localize(report: &Report, lang: Lang) -> Report {
    let mut out = report.clone();
    for s in &mut out.sources {
        for p in &mut s.problems {
            localize_problem(p, lang);
        }
    }
    for p in &mut out.platforms {
        for f in &mut p.findings {
            *f = crate::knowledge::relocalize(f, lang);
        }
        for c in &mut p.certificates {
            for f in &mut c.findings {
                *f = crate::knowledge::relocalize(f, lang);
            }
            c.omitted.iter_mut().for_each(|n| localize_problem(n, lang));
        }
        p.omitted.iter_mut().for_each(|n| localize_problem(n, lang));
    }
    out
}

fn localize_problem(p: &mut Problem, lang: Lang) {
    if lang == Lang::En {
        return;
    }
    let text = problem_message(lang, p);
    if !text.is_empty() {
        p.message = text;
    }
}

/// A problem's message in `lang` from its code, count and limit (empty when
/// the code has no text).
pub fn problem_message(lang: Lang, p: &Problem) -> String {
    let key = if p.code.starts_with("binary") {
        "problem.binary".to_string()
    } else {
        format!("problem.{}", p.code)
    };
    let text = t(lang, &key);
    if text.is_empty() {
        return String::new();
    }
    let number = |n: Option<u64>| n.map(|c| c.to_string()).unwrap_or_default();
    let formats: Vec<&str> = crate::formats::FORMATS.iter().map(|f| f.title).collect();
    text.replace("{count}", &number(p.count))
        .replace("{limit}", &number(p.limit))
        .replace("{formats}", &formats.join("; "))
}

/// Known parameter values written in English by the core (stage words, the
/// "next step" hint), in `lang`.
pub fn param_value(lang: Lang, name: &str, value: &str) -> String {
    if lang == Lang::En {
        return value.to_string();
    }
    match name {
        "stage" => Stage::ALL
            .iter()
            .find(|s| s.as_str() == value)
            .map_or_else(|| value.to_string(), |s| stage(lang, *s).to_string()),
        "next" => ja::PARAM_VALUES
            .iter()
            .find(|(en, _)| *en == value)
            .map_or_else(|| value.to_string(), |(_, ja)| (*ja).to_string()),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_ui_key_exists_in_every_language() {
        let keys = |l: Lang| -> BTreeSet<&str> { l.table().iter().map(|(k, _)| *k).collect() };
        for lang in Lang::ALL {
            assert_eq!(
                keys(lang).len(),
                lang.table().len(),
                "duplicate key in {}",
                lang.as_str()
            );
            for other in Lang::ALL {
                let missing: Vec<_> = keys(other).difference(&keys(lang)).copied().collect();
                assert!(
                    missing.is_empty(),
                    "{} lacks UI keys {missing:?}",
                    lang.as_str()
                );
            }
            for (k, v) in lang.table() {
                assert!(!v.trim().is_empty(), "{}: {k} is empty", lang.as_str());
            }
        }
    }

    #[test]
    fn vocabulary_has_words_in_every_language() {
        for lang in Lang::ALL {
            for v in [
                Verdict::Delivered,
                Verdict::Failed,
                Verdict::Pending,
                Verdict::Incomplete,
            ] {
                assert!(!verdict(lang, v).is_empty());
            }
            for s in Stage::ALL {
                assert!(!stage(lang, s).is_empty(), "{}", s.as_str());
            }
            for p in Platform::ALL {
                assert!(!platform(lang, p).is_empty());
            }
            for n in 1..=6 {
                assert!(!step_title(lang, Step(n)).is_empty());
            }
        }
        assert_eq!(verdict(Lang::Ja, Verdict::Failed), "失敗");
    }

    #[test]
    fn languages_parse_from_browser_tags() {
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }
}

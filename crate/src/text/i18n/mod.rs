//! The languages SCEP Doctor speaks (`en`, `ja`): every UI string the page and
//! the CLI show, by key, one table per language. Knowledge findings and
//! timeline lines have their own per-language tables (see
//! [`crate::text::findings`], [`crate::text::lines`]); a report
//! is turned into another language by [`localize`], which re-renders every
//! finding, timeline line and input problem from its code and params — text
//! is looked up, never parsed.

mod en;
mod ja;

use crate::core::model::{Kind, Platform, Server, Severity, Stage, Step, Verdict};
use crate::core::report::{Problem, Report};
use crate::core::time::TimeBasis;
pub use crate::text::template::placeholders;
use crate::text::template::{self, Segments};

pub use crate::core::lang::Lang;

/// The UI string table of `lang`: `(key, text)`.
pub fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => en::TABLE,
        Lang::Ja => ja::TABLE,
    }
}

/// The UI string `key` in `lang` (English when missing, the key itself when
/// unknown — the completeness test keeps both from happening).
pub fn t(lang: Lang, key: &str) -> &'static str {
    let find = |l: Lang| table(l).iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    find(lang).or_else(|| find(Lang::En)).unwrap_or("")
}

/// `t` with `{name}` placeholders filled.
pub fn tf(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    fill(t(lang, key), params)
}

/// `template` with its `{name}` placeholders filled in one pass (a value
/// that holds braces is not filled again); unknown names stay as written.
pub fn fill(template: &str, params: &[(&str, &str)]) -> String {
    let value = |name: &str| {
        (params.iter())
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_string())
    };
    template::fill(template, &value, Segments::Literal).0
}

pub fn verdict(lang: Lang, v: Verdict) -> &'static str {
    t(lang, &format!("verdict.{}", v.as_str()))
}

pub fn stage(lang: Lang, s: Stage) -> &'static str {
    t(lang, &format!("stage.{}", s.as_str()))
}

pub fn step_title(lang: Lang, s: Step) -> &'static str {
    step_title_on(lang, s, None)
}

/// [`step_title`] for a story whose SCEP server is known: a generic SCEP
/// service's steps 2–4 are not named after NDES.
pub fn step_title_on(lang: Lang, s: Step, server: Option<Server>) -> &'static str {
    match (s.0, server) {
        (2..=4, Some(Server::Generic)) => t(lang, &format!("step.{}.generic", s.0)),
        (1..=6, _) => t(lang, &format!("step.{}", s.0)),
        _ => t(lang, "step.unknown"),
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

pub fn time_basis(lang: Lang, b: TimeBasis) -> &'static str {
    t(lang, &format!("basis.{}", b.as_str()))
}

/// The label of a profile setting (`ndes_url`…); a key no table knows (a
/// CSP node the device reported) as written, `_` read as a space.
pub fn profile_label(lang: Lang, key: &str) -> String {
    let label = t(lang, &format!("profile.{key}"));
    if label.is_empty() {
        key.replace('_', " ")
    } else {
        label.to_string()
    }
}

/// The label of an identity fact (`Thumbprint (SHA-1)`, `拇印 (SHA-1)`).
pub fn fact_label(lang: Lang, fact: crate::core::report::Fact) -> &'static str {
    t(lang, &format!("identity.{}", fact.as_str()))
}

/// A report with every finding, timeline line and problem re-rendered in
/// `lang` from its code and params.
pub fn localize(report: &Report, lang: Lang) -> Report {
    let mut out = report.clone();
    localize_in(&mut out, lang);
    out
}

/// [`localize`] in place: how the driver renders a report's texts once, at
/// the end, in English (until then they hold their codes).
pub fn localize_in(out: &mut Report, lang: Lang) {
    for s in &mut out.sources {
        for p in &mut s.problems {
            localize_problem(p, lang);
        }
    }
    for p in &mut out.platforms {
        for f in &mut p.findings {
            *f = crate::text::findings::relocalize(f, lang);
        }
        for c in &mut p.certificates {
            for f in &mut c.findings {
                *f = crate::text::findings::relocalize(f, lang);
            }
            for t in &mut c.timeline {
                if let Some(what) =
                    crate::text::lines::entry_text(lang, &t.what_code, &t.what_params)
                {
                    t.what = what;
                }
            }
            c.omitted.iter_mut().for_each(|n| localize_problem(n, lang));
        }
        p.omitted.iter_mut().for_each(|n| localize_problem(n, lang));
    }
}

fn localize_problem(p: &mut Problem, lang: Lang) {
    if let Some(message) = problem_message(lang, p) {
        p.message = message;
    }
}

/// The message of a problem in `lang`, from its code, count and params;
/// `None` when the code has no text or the problem lacks a value its text
/// names (a problem made with a message of its own keeps it).
pub fn problem_message(lang: Lang, p: &Problem) -> Option<String> {
    let key = format!("problem.{}", p.code);
    let find = |l: Lang, key: &str| table(l).iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let template = find(lang, &key)
        .or_else(|| find(Lang::En, &key))
        .or_else(|| {
            p.code
                .starts_with("binary-")
                .then(|| t(lang, "problem.binary"))
        })?;
    let mut values: Vec<(&str, String)> = (p.params.iter())
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    if let Some(count) = p.count {
        values.push(("count", count.to_string()));
    }
    let formats: Vec<&str> = (crate::platforms::FORMATS.iter())
        .map(|f| format_title(lang, f.id).unwrap_or(f.title))
        .collect();
    values.push(("formats", formats.join("; ")));
    // `{#reason}`: a param that is itself a code, its text `reason.<code>`
    // filled with the problem's values (a typed error's reason).
    let mut coded: Vec<(&str, String)> = Vec::new();
    for name in placeholders(template) {
        let Some(param) = name.strip_prefix('#') else {
            continue;
        };
        let code = p.params.get(param)?;
        let key = format!("reason.{code}");
        let text = find(lang, &key).or_else(|| find(Lang::En, &key))?;
        let inner: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if !(placeholders(text).iter()).all(|n| inner.iter().any(|(k, _)| k == n)) {
            return None;
        }
        coded.push((name, fill(text, &inner)));
    }
    values.extend(coded);
    let known = |name: &str| values.iter().any(|(k, _)| *k == name);
    if !placeholders(template).iter().all(|name| known(name)) {
        return None;
    }
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // Bounded like every string a log can make grow.
    Some(crate::core::caps::text(&fill(template, &values)))
}

/// The title of a log format in `lang`, when it is not English.
fn format_title(lang: Lang, id: &str) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Ja => ja::FORMAT_TITLES
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, t)| *t),
    }
}

/// A parameter value in `lang`: a coded value the core writes where a log
/// names nothing ([`crate::platforms::lines::VALUE_TERMS`]) rendered from
/// its term, a stage word in `lang`, any other value (a log value) as
/// written. Values are never translated by matching their words.
pub fn param_value(lang: Lang, name: &str, value: &str) -> String {
    if crate::platforms::lines::is_value_term(value) {
        let none: &[(&str, &str)] = &[];
        if let Some(term) = crate::text::lines::render(lang, value, none) {
            return term;
        }
    }
    if lang == Lang::En {
        return value.to_string();
    }
    if name == "stage" {
        if let Some(s) = Stage::ALL.iter().find(|s| s.as_str() == value) {
            return stage(lang, *s).to_string();
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_ui_key_exists_in_every_language() {
        let keys = |l: Lang| -> BTreeSet<&str> { table(l).iter().map(|(k, _)| *k).collect() };
        for lang in Lang::ALL {
            assert_eq!(
                keys(lang).len(),
                table(lang).len(),
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
            for (k, v) in table(lang) {
                assert!(!v.trim().is_empty(), "{}: {k} is empty", lang.as_str());
                let mut names = placeholders(v);
                let mut english = placeholders(t(Lang::En, k));
                names.sort_unstable();
                english.sort_unstable();
                names.dedup();
                english.dedup();
                assert_eq!(names, english, "{}: {k} placeholders", lang.as_str());
            }
        }
    }

    /// Every problem code the core raises has its text in every language:
    /// the modules that raise problems are read for their codes.
    #[test]
    fn every_problem_has_a_text() {
        let sources = [
            include_str!("../../platforms/windows/evtx.rs"),
            include_str!("../../input/archive.rs"),
            include_str!("../../input/decode.rs"),
            include_str!("../../platforms/windows/format.rs"),
            include_str!("../../stream.rs"),
        ];
        let Ok(re) = regex::Regex::new(r#"(?:Problem::(?:new|coded)|not_text)\(\s*"([a-z0-9-]+)""#)
        else {
            panic!("pattern");
        };
        let mut codes: BTreeSet<String> = sources
            .iter()
            .flat_map(|s| re.captures_iter(s).map(|c| c[1].to_string()))
            .collect();
        codes.extend(crate::core::caps::NOTES.iter().map(|c| c.to_string()));
        codes.extend(
            crate::input::decode::BINARY_MAGIC
                .iter()
                .map(|(_, code)| format!("binary-{code}")),
        );
        assert!(codes.len() > 20, "{codes:?}");
        for code in codes {
            for lang in Lang::ALL {
                let key = format!("problem.{code}");
                assert!(
                    table(lang).iter().any(|(k, _)| *k == key),
                    "{key} has no {} text",
                    lang.as_str()
                );
            }
        }
    }

    #[test]
    fn every_format_has_a_title_in_every_language() {
        for f in crate::platforms::FORMATS {
            assert!(format_title(Lang::Ja, f.id).is_some(), "{}", f.id);
        }
        for (id, _) in ja::FORMAT_TITLES {
            assert!(
                crate::platforms::FORMATS.iter().any(|f| f.id == *id),
                "{id}"
            );
        }
    }

    #[test]
    fn problems_render_in_japanese_from_code_and_params() {
        let p = Problem::coded("zip-bomb")
            .param("member", "logs.zip/OMADM.log")
            .param("ratio", "1028")
            .param("size", "67108864");
        assert_eq!(
            problem_message(Lang::En, &p).as_deref(),
            Some("logs.zip/OMADM.log would expand 1028× (to 67108864 bytes); it was not opened.")
        );
        assert_eq!(
            problem_message(Lang::Ja, &p).as_deref(),
            Some("logs.zip/OMADM.log は 1028 倍 (67108864 バイト) に展開されるため、開きませんでした。")
        );
        // A problem made with its own message and without the values its
        // text names keeps its message.
        let own = Problem::new("bad-archive", "This zip archive cannot be read.");
        assert_eq!(problem_message(Lang::Ja, &own), None);
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "x")]), "{b}x");
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
            for b in [
                TimeBasis::Utc,
                TimeBasis::Offset,
                TimeBasis::Local,
                TimeBasis::TimeOfDay,
            ] {
                assert!(!time_basis(lang, b).is_empty(), "{}", b.as_str());
            }
            for n in 1..=6 {
                assert!(!step_title(lang, Step(n)).is_empty());
                // A generic SCEP server's story never names NDES.
                let generic = step_title_on(lang, Step(n), Some(Server::Generic));
                assert!(!generic.is_empty() && !generic.contains("NDES"), "{n}");
            }
        }
        assert_eq!(verdict(Lang::Ja, Verdict::Failed), "失敗");
    }

    #[test]
    fn coded_values_render_and_log_words_stay() {
        use crate::platforms::scep::rules::{NO_FAIL_INFO, UNNAMED_OPERATION};
        assert_eq!(param_value(Lang::En, "fail_info", NO_FAIL_INFO), "none");
        assert_eq!(param_value(Lang::Ja, "fail_info", NO_FAIL_INFO), "なし");
        assert_eq!(
            param_value(Lang::Ja, "operation", UNNAMED_OPERATION),
            "SCEP 要求"
        );
        // A log whose failInfo really reads `none` keeps its word.
        assert_eq!(param_value(Lang::Ja, "fail_info", "none"), "none");
        assert_eq!(
            param_value(Lang::Ja, "operation", "the SCEP request"),
            "the SCEP request"
        );
    }

    #[test]
    fn languages_parse_from_browser_tags() {
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }
}

//! Timeline lines as data: every signature names its line by a code
//! ([`What`]); the English texts live beside the rules (`LINES` of each
//! signature module), other languages in their own tables ([`ja`]). A report
//! carries the code and the values, so a line is re-rendered in another
//! language from them — looked up, never parsed.
//!
//! Templates: `{name}` is a value as the log wrote it; `{#name}` is a value
//! that is itself a line code, rendered in the same language with the same
//! values (a term such as an error's meaning); `[…]` is kept only when every
//! value named inside it is there (nests).

use std::collections::BTreeMap;

mod ja;

use super::{android, ios, scep, windows};
use crate::core::event::What;
use crate::text::i18n::{self, Lang};

/// One line's text in one language.
pub struct Line {
    pub code: &'static str,
    pub text: &'static str,
}

/// The English lines of every signature module; codes are unique across them.
pub static TABLES: &[&[Line]] = &[
    scep::rules::LINES,
    android::rules::LINES,
    android::enterprise::LINES,
    ios::rules::LINES,
    windows::rules::LINES,
];

/// Every English line, in table order.
pub fn english() -> impl Iterator<Item = &'static Line> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The template of `code` in `lang`, if that language has it.
pub fn text(lang: Lang, code: &str) -> Option<&'static str> {
    match lang {
        Lang::En => english().find(|l| l.code == code),
        Lang::Ja => ja::LINES.iter().find(|l| l.code == code),
    }
    .map(|l| l.text)
}

/// True when `code` names a line (terms included).
pub fn is_code(code: &str) -> bool {
    text(Lang::En, code).is_some()
}

/// The line `code` in `lang` (English when that language lacks it), filled
/// with `params`; `None` for an unknown code.
pub fn render<S: AsRef<str>>(lang: Lang, code: &str, params: &[(&str, S)]) -> Option<String> {
    let value = |name: &str| {
        params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
            .filter(|v| !v.is_empty())
    };
    line(lang, code, &value, 0)
}

/// [`render`] for a signal's line, in English (an unknown code shows as itself).
pub fn english_of(what: &What) -> String {
    render(Lang::En, what.code, &what.params).unwrap_or_else(|| what.code.to_string())
}

/// A signal's values as the report keeps them: each a log string, kept as
/// [`crate::core::caps::text`] (bounded, bidi closed); an empty value reads as
/// absent (the line leaves out what names it), so it is left out.
pub fn params_of(what: &What) -> BTreeMap<String, String> {
    (what.params.iter())
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), crate::core::caps::text(v)))
        .collect()
}

/// A timeline entry's line in `lang` from its code and kept values, bounded
/// like any string of the report (the report's English `what` and every
/// re-rendering come from here); `None` for an unknown code.
pub fn entry_text(lang: Lang, code: &str, params: &BTreeMap<String, String>) -> Option<String> {
    let params: Vec<(&str, &str)> = (params.iter())
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    render(lang, code, &params).map(|s| crate::core::caps::text(&s))
}

/// Terms nest (a line naming a line); deeper than this is a table bug.
const MAX_DEPTH: usize = 4;

type Value<'a> = dyn Fn(&str) -> Option<&'a str> + 'a;

fn line(lang: Lang, code: &str, value: &Value, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    let template = text(lang, code).or_else(|| text(Lang::En, code))?;
    Some(fill(lang, template, value, depth).0)
}

/// The filled template, and whether every value it names was there.
fn fill(lang: Lang, template: &str, value: &Value, depth: usize) -> (String, bool) {
    let mut out = String::new();
    let mut complete = true;
    let mut rest = template;
    while let Some(at) = rest.find(['{', '[']) {
        out.push_str(&rest[..at]);
        let open = rest[at..].chars().next().unwrap_or('{');
        let tail = &rest[at + 1..];
        if open == '[' {
            let end = closing_bracket(tail);
            let (inner, all) = fill(lang, &tail[..end], value, depth);
            if all {
                out.push_str(&inner);
            }
            rest = tail.get(end + 1..).unwrap_or("");
            continue;
        }
        let Some(end) = tail.find('}') else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        let name = &tail[..end];
        let shown = match name.strip_prefix('#') {
            Some(term) => value(term).and_then(|code| line(lang, code, value, depth + 1)),
            None => value(name).map(|v| i18n::param_value(lang, name, v)),
        };
        match shown {
            Some(s) => out.push_str(&s),
            None => complete = false,
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    (out, complete)
}

/// Index of the `]` closing a segment whose `[` came just before `s`
/// (segments nest); the end of `s` when it is not closed.
fn closing_bracket(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return i,
            ']' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// `{name}` and `{#name}` placeholders of a template.
    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            rest = &rest[i + 1..];
            if let Some(j) = rest.find('}') {
                out.insert(rest[..j].to_string());
                rest = &rest[j + 1..];
            }
        }
        out
    }

    #[test]
    fn codes_are_unique_and_texts_present() {
        let all: Vec<_> = english().collect();
        for (i, l) in all.iter().enumerate() {
            assert!(
                all[..i].iter().all(|o| o.code != l.code),
                "duplicate line {}",
                l.code
            );
            assert!(!l.text.trim().is_empty(), "{} is empty", l.code);
            assert_eq!(
                l.text.matches('[').count(),
                l.text.matches(']').count(),
                "{}: unbalanced [ ]",
                l.code
            );
        }
    }

    /// Every line has its text in every language, with the same
    /// placeholders as the English one.
    #[test]
    fn every_line_is_translated() {
        let mut missing = Vec::new();
        for l in english() {
            for lang in Lang::ALL {
                match text(lang, l.code) {
                    Some(t) if !t.trim().is_empty() => assert_eq!(
                        placeholders(t),
                        placeholders(l.text),
                        "{} in {}: placeholders differ",
                        l.code,
                        lang.as_str()
                    ),
                    _ => missing.push(format!("{} ({})", l.code, lang.as_str())),
                }
            }
        }
        assert!(
            missing.is_empty(),
            "untranslated timeline lines: {missing:?}"
        );
        for l in ja::LINES {
            assert!(is_code(l.code), "ja text for unknown line {}", l.code);
        }
    }

    /// Every line code and finding code written in a signature module is in
    /// its table: a misspelt code fails here, not in front of an admin.
    #[test]
    fn every_code_in_the_rules_exists() {
        let sources = [
            include_str!("scep/rules.rs"),
            include_str!("android/rules.rs"),
            include_str!("android/enterprise.rs"),
            include_str!("ios/rules.rs"),
            include_str!("windows/rules.rs"),
        ];
        let Ok(re) = regex::Regex::new(r#""((?:scep|android|ios|windows)\.[a-z0-9-]+)""#) else {
            panic!("pattern");
        };
        let mut unknown = Vec::new();
        for source in sources {
            for c in re.captures_iter(source) {
                let code = &c[1];
                if !is_code(code) && crate::platforms::findings::lookup(code).is_none() {
                    unknown.push(code.to_string());
                }
            }
        }
        assert!(unknown.is_empty(), "codes with no table row: {unknown:?}");
    }

    #[test]
    fn optional_segments_and_terms() {
        let en = |code, params: &[(&str, &str)]| render(Lang::En, code, params).unwrap();
        assert_eq!(
            en(
                "scep.ndes-answered",
                &[
                    ("operation", "GetCACert"),
                    ("status", "200"),
                    ("reason", "OK")
                ]
            ),
            "NDES answered GetCACert: 200 OK"
        );
        assert_eq!(
            en(
                "scep.ndes-answered",
                &[
                    ("operation", "GetCACert"),
                    ("status", "200"),
                    ("reason", "")
                ]
            ),
            "NDES answered GetCACert: 200"
        );
        assert_eq!(
            en(
                "scep.profile-received",
                &[("via", "SyncML"), ("store", "User")]
            ),
            "SCEP certificate profile received (SyncML, User store)"
        );
        assert_eq!(
            en("scep.profile-received", &[("store", "User")]),
            "SCEP certificate profile received"
        );
        let failed = [
            ("code", "22013"),
            ("meaning", "ios.mcscep-22013"),
            ("message", "The SCEP server returned an invalid response."),
            ("cause", ""),
        ];
        assert_eq!(
            en("ios.scep-failed", &failed),
            "SCEP failed: MCSCEPErrorDomain 22013, invalid PKIOperation response (The SCEP server returned an invalid response.)"
        );
        let ja = render(Lang::Ja, "ios.scep-failed", &failed).unwrap();
        assert!(ja.contains("PKIOperation の応答が無効"), "{ja}");
        assert!(!ja.contains('{') && !ja.contains('['), "{ja}");
        assert_eq!(render(Lang::En, "no.such-line", &[("a", "b")]), None);
    }

    #[test]
    fn a_line_naming_itself_ends() {
        let params = [
            ("line", "windows.with-http-status"),
            ("hresult", "0x80190194"),
            ("http_status", "404"),
        ];
        let shown = render(Lang::En, "windows.with-http-status", &params).unwrap();
        assert!(shown.ends_with("(0x80190194: HTTP 404)"), "{shown}");
    }
}

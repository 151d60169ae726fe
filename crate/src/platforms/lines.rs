//! Timeline lines as data: every signature names its line by a code
//! ([`What`]); the English texts live beside the rules (`LINES` of each
//! platform's `rules.rs`), the Japanese ones beside them (`LINES` of each
//! platform's `ja.rs`). A report
//! carries the code and the values, so a line is re-rendered in another
//! language from them — looked up, never parsed.
//!
//! Templates: `{name}` is a value as the log wrote it; `{#name}` is a value
//! that is itself a line code, rendered in the same language with the same
//! values (a term such as an error's meaning); `[…]` is kept only when every
//! value named inside it is there (nests).

use std::collections::BTreeMap;

use super::{android, ca, codes, ios, ndes, scep, store, windows};
use crate::core::event::What;
use crate::core::lang::Lang;

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
    ndes::rules::LINES,
    ca::rules::LINES,
    store::rules::LINES,
];

/// The Japanese lines of every platform (`ja.rs` beside each `rules.rs`).
pub static JA_TABLES: &[&[Line]] = &[
    scep::ja::LINES,
    android::ja::LINES,
    ios::ja::LINES,
    windows::ja::LINES,
    ndes::ja::LINES,
    ca::ja::LINES,
    store::ja::LINES,
];

/// Every English line, in table order.
pub fn english() -> impl Iterator<Item = &'static Line> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The template of `code` in `lang`, if that language has it.
pub fn text(lang: Lang, code: &str) -> Option<&'static str> {
    match lang {
        Lang::En => english().find(|l| l.code == code),
        Lang::Ja => (JA_TABLES.iter().flat_map(|t| t.iter())).find(|l| l.code == code),
    }
    .map(|l| l.text)
    .or_else(|| osstatus_term(lang, code))
}

/// The prefix of a term naming an OSStatus by value (`osstatus.-25300`): a
/// signature keeps the value, the code table gives its meaning late, in the
/// report's language (`osstatus-symbol.-25300` gives its SDK name).
pub const OSSTATUS_TERM: &str = "osstatus.";
/// The prefix of a term naming an OSStatus's SDK symbol by value.
pub const OSSTATUS_SYMBOL_TERM: &str = "osstatus-symbol.";

/// An OSStatus term's text from the code table; `None` for a value the
/// table lacks (the segment naming it is then left out).
fn osstatus_term(lang: Lang, code: &str) -> Option<&'static str> {
    let (prefix, value) = [OSSTATUS_TERM, OSSTATUS_SYMBOL_TERM]
        .iter()
        .find_map(|p| code.strip_prefix(p).map(|v| (*p, v)))?;
    let row = codes::code(codes::Family::OsStatus, value.parse().ok()?)?;
    if prefix == OSSTATUS_SYMBOL_TERM {
        return row.symbol;
    }
    let table = match lang {
        Lang::En => codes::en::TEXTS,
        Lang::Ja => codes::ja::TEXTS,
    };
    codes::text_in(table, row.meaning).or_else(|| codes::text_in(codes::en::TEXTS, row.meaning))
}

/// The generic-server wording of a line (see [`scep::generic`]), if the
/// line names NDES and so has one.
pub fn generic_text(lang: Lang, code: &str) -> Option<&'static str> {
    let table = match lang {
        Lang::En => scep::generic::LINES,
        Lang::Ja => scep::generic::LINES_JA,
    };
    table.iter().find(|l| l.code == code).map(|l| l.text)
}

/// Coded parameter values (terms standing for what a log does not name),
/// rendered in the report's language wherever a template shows them.
pub static VALUE_TERMS: &[&[&str]] = &[scep::rules::VALUE_TERMS, &[ios::rules::UNNAMED_ERROR]];

/// True when a parameter value is one of the coded [`VALUE_TERMS`].
pub fn is_value_term(value: &str) -> bool {
    VALUE_TERMS.iter().any(|t| t.contains(&value))
}

/// True when `code` names a line (terms included).
pub fn is_code(code: &str) -> bool {
    text(Lang::En, code).is_some()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// `{name}` and `{#name}` placeholders of a template.
    fn placeholders(s: &str) -> BTreeSet<String> {
        (crate::text::template::placeholders(s).into_iter())
            .map(String::from)
            .collect()
    }

    #[test]
    fn osstatus_terms_come_from_the_code_table() {
        assert_eq!(
            text(Lang::En, "osstatus-symbol.-25300"),
            Some("errSecItemNotFound")
        );
        assert_eq!(
            text(Lang::En, "osstatus.-25300"),
            Some("The item was not found in the keychain.")
        );
        assert_eq!(
            text(Lang::Ja, "osstatus.-25300"),
            Some("その項目がキーチェーンにありません。")
        );
        // Unknown or malformed values: no term, so the segment is left out.
        assert_eq!(text(Lang::En, "osstatus.-1"), None);
        assert_eq!(text(Lang::En, "osstatus.x"), None);
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
        for l in JA_TABLES.iter().flat_map(|t| t.iter()) {
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
            include_str!("windows/registry.rs"),
            include_str!("ndes/rules.rs"),
            include_str!("ca/rules.rs"),
        ];
        let Ok(re) = regex::Regex::new(r#""((?:scep|android|ios|windows|ndes|ca)\.[a-z0-9-]+)""#)
        else {
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
}

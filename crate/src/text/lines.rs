//! A timeline line in a language, rendered from its code and values with
//! the tables of [`crate::platforms::lines`] (see there for the template
//! syntax: `{name}`, `{#name}`, `[…]`).

use std::collections::BTreeMap;

use crate::core::event::What;
use crate::core::lang::Lang;
use crate::platforms::lines::{generic_text, text};
use crate::platforms::scep::rules::{SERVER_GENERIC, SERVER_PARAM};
use crate::text::i18n;
use crate::text::template::{self, Segments};

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
    // A story whose SCEP server is not NDES says "the SCEP server".
    let generic = (value(SERVER_PARAM) == Some(SERVER_GENERIC))
        .then(|| generic_text(lang, code).or_else(|| generic_text(Lang::En, code)))
        .flatten();
    let template = generic
        .or_else(|| text(lang, code))
        .or_else(|| text(Lang::En, code))?;
    Some(fill(lang, template, value, depth).0)
}

/// The filled template ([`template::fill`] with optional segments), and
/// whether every value it names was there.
fn fill(lang: Lang, template: &str, value: &Value, depth: usize) -> (String, bool) {
    let shown = |name: &str| match name.strip_prefix('#') {
        Some(term) => value(term).and_then(|code| line(lang, code, value, depth + 1)),
        None => value(name).map(|v| i18n::param_value(lang, name, v)),
    };
    template::fill(template, &shown, Segments::Optional)
}

#[cfg(test)]
mod tests {
    use super::*;

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

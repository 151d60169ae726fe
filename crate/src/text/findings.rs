//! A finding's texts (title, explanation, fix) in a language, rendered from
//! its code and params with the tables of [`crate::platforms::findings`].

use crate::core::event::FindingRef;
use crate::core::lang::Lang;
use crate::core::report::{Evidence, Finding};
use crate::platforms::findings::{finding, generic_texts, is_generic_server, texts};
use crate::platforms::lines::is_value_term;
use crate::platforms::scep::rules::{SERVER_GENERIC, SERVER_PARAM};
use crate::text::template::{self, Segments};
use crate::text::{i18n, lines};

/// Fills `{name}` placeholders ([`template::fill`]); an empty value shows
/// as `—`, unknown names stay as written.
fn fill(template: &str, params: &[(&str, String)]) -> String {
    let value = |name: &str| {
        (params.iter()).find(|(n, _)| *n == name).map(|(_, v)| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.clone()
            }
        })
    };
    template::fill(template, &value, Segments::Literal).0
}

/// [`finding`] with its texts in `lang`.
pub fn finding_in(lang: Lang, r: &FindingRef, evidence: Vec<Evidence>) -> Finding {
    let mut f = finding(r, evidence);
    fill_texts(&mut f, lang);
    f
}

/// Fills a finding's texts in `lang` from its code and params.
fn fill_texts(f: &mut Finding, lang: Lang) {
    let generic = || {
        is_generic_server(&f.params)
            .then(|| generic_texts(lang, &f.code).or_else(|| generic_texts(Lang::En, &f.code)))
            .flatten()
    };
    let Some((title, explanation, fix)) = generic()
        .or_else(|| texts(lang, &f.code))
        .or_else(|| texts(Lang::En, &f.code))
    else {
        return;
    };
    let generic_server = is_generic_server(&f.params);
    let params: Vec<(&str, String)> = f
        .params
        .iter()
        .map(|(k, v)| {
            // A term (e.g. the next step to check) in the server's wording too.
            let term = (generic_server && is_value_term(v))
                .then(|| lines::render(lang, v, &[(SERVER_PARAM, SERVER_GENERIC)]))
                .flatten();
            (
                k.as_str(),
                term.unwrap_or_else(|| i18n::param_value(lang, k, v)),
            )
        })
        .collect();
    f.title = fill(title, &params);
    f.explanation = fill(explanation, &params);
    f.fix = fill(fix, &params);
}

/// The same finding with its texts re-rendered in `lang` from its code and
/// params (unknown codes stay as they are).
pub fn relocalize(f: &Finding, lang: Lang) -> Finding {
    let mut out = f.clone();
    fill_texts(&mut out, lang);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_render_in_japanese_from_code_and_params() {
        let r = FindingRef::new("scep.http-500")
            .param("operation", "GetCACert")
            .param("url", "https://ndes/certsrv/mscep/mscep.dll");
        let en = finding_in(Lang::En, &r, vec![]);
        let ja = relocalize(&en, Lang::Ja);
        assert_eq!(
            ja.title,
            "NDES が GetCACert に HTTP 500 Internal Server Error を返しました"
        );
        assert_eq!(relocalize(&ja, Lang::En), en);
        assert_eq!(finding_in(Lang::Ja, &r, vec![]), ja);
    }

    #[test]
    fn a_generic_scep_server_gets_the_generic_texts() {
        let r = crate::platforms::scep::rules::with_server(
            FindingRef::new("scep.http-500")
                .param("operation", "GetCACert")
                .param("url", "https://scep.example.net/scep/intune"),
            "https://scep.example.net/scep/intune",
        );
        let en = finding_in(Lang::En, &r, vec![]);
        assert_eq!(
            en.title,
            "The SCEP server answered GetCACert with HTTP 500 Internal Server Error"
        );
        assert!(!en.fix.contains("IIS") && !en.fix.contains("NDES"));
        let ja = relocalize(&en, Lang::Ja);
        assert_eq!(
            ja.title,
            "SCEP サーバーが GetCACert に HTTP 500 Internal Server Error を返しました"
        );
        assert_eq!(relocalize(&ja, Lang::En), en);
        // An NDES URL keeps the NDES wording.
        let ndes = crate::platforms::scep::rules::with_server(
            FindingRef::new("scep.http-500").param("operation", "GetCACert"),
            "https://ndes.contoso.com/certsrv/mscep/mscep.dll",
        );
        assert!(finding_in(Lang::En, &ndes, vec![])
            .title
            .starts_with("NDES answered"));
    }

    #[test]
    fn placeholders_are_filled() {
        let r = FindingRef::new("scep.http-error")
            .param("operation", "GetCACert")
            .param("status", "418")
            .param("reason", "")
            .param("url", "u");
        let f = finding_in(Lang::En, &r, vec![]);
        assert_eq!(f.title, "NDES answered GetCACert with HTTP 418 —");
        assert!(!f.explanation.contains('{'));
    }
}

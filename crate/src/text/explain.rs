//! A code explained in a language: what `scep-doctor explain` prints and the
//! page's lookup box shows. The codes and their texts are the tables of
//! [`crate::platforms::codes`]; MCSCEPErrorDomain meanings are the iOS
//! timeline terms, so one text serves both.

use crate::core::lang::Lang;
use crate::core::model::Step;
use crate::platforms::codes::{self, en, http, ja, read::Found, CodeText, Family};
use crate::text::{i18n, lines};

/// One code explained, every field text in the language asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The code as written canonically (`0x80072EFD (-2147012867)`, `MCSCEPErrorDomain 22013`).
    pub code: String,
    pub symbol: Option<String>,
    pub family: String,
    pub meaning: String,
    pub fix: String,
    pub step: u8,
    pub step_title: String,
    /// In the table (or a documented HTTP status), not only its family.
    pub known: bool,
}

fn texts(lang: Lang) -> &'static [CodeText] {
    match lang {
        Lang::En => en::TEXTS,
        Lang::Ja => ja::TEXTS,
    }
}

/// The code table's text `key` in `lang`; MCSCEPErrorDomain meanings come
/// from the iOS timeline terms.
pub fn code_text(lang: Lang, key: &str) -> Option<String> {
    if key.starts_with("ios.") {
        let none: &[(&str, &str)] = &[];
        return lines::render(lang, key, none);
    }
    codes::text_in(texts(lang), key).map(str::to_string)
}

fn written(found: &Found) -> String {
    match found.family {
        Family::McScep => format!("MCSCEPErrorDomain {}", found.value),
        Family::McInstallation => format!("MCInstallationErrorDomain {}", found.value),
        Family::McProfile => format!("MCProfileErrorDomain {}", found.value),
        Family::OsStatus => format!("OSStatus {}", found.value),
        Family::MdmScep => format!("MDM-SCEP {}", found.value),
        _ => {
            let value = found.value as u32;
            format!("0x{value:08X} ({})", value as i32)
        }
    }
}

/// `found` in `lang`.
pub fn explanation(found: &Found, lang: Lang) -> Explanation {
    let family = found.family;
    let text = |key: &str| code_text(lang, key).unwrap_or_default();
    let family_fix = || text(&format!("{}.fix", family.key()));
    let (symbol, meaning, fix, step, known) = if let Some(row) = found.row {
        (
            row.symbol.map(str::to_string),
            text(row.meaning),
            text(row.fix),
            row.step,
            true,
        )
    } else if let Some((status, doc)) = http::http_status(found.value as u32) {
        let status_text = match doc {
            Some(d) => format!("{status} {}", d.reason),
            None => status.to_string(),
        };
        let meaning = i18n::fill(&text("http.meaning"), &[("status", &status_text)]);
        (
            doc.map(|d| d.symbol.to_string()),
            meaning,
            text(http::fix_key(status)),
            2,
            doc.is_some(),
        )
    } else {
        (
            None,
            i18n::t(lang, "explain.not-in-table").to_string(),
            family_fix(),
            family.step(),
            false,
        )
    };
    Explanation {
        code: written(found),
        symbol,
        family: text(family.key()),
        meaning,
        fix,
        step,
        step_title: i18n::step_title(lang, Step(step)).to_string(),
        known,
    }
}

/// Every code in `input` (a code or a pasted line) explained in `lang`;
/// empty when none could be read.
pub fn explain(input: &str, lang: Lang) -> Vec<Explanation> {
    codes::read::codes_in(input)
        .iter()
        .map(|f| explanation(f, lang))
        .collect()
}

/// The plain-text rendering of [`explain`] for one input, and whether a
/// code was read in it.
pub fn explain_text(input: &str, lang: Lang) -> (String, bool) {
    let found = explain(input, lang);
    if found.is_empty() {
        let line = i18n::tf(lang, "explain.unread", &[("input", input.trim())]);
        return (line + "\n", false);
    }
    let label = |key: &str| i18n::t(lang, key);
    let mut out = String::new();
    for e in &found {
        out.push_str(&e.code);
        if let Some(symbol) = &e.symbol {
            out.push_str("  ");
            out.push_str(symbol);
        }
        out.push('\n');
        for (key, value) in [
            ("explain.family", e.family.clone()),
            ("explain.meaning", e.meaning.clone()),
            ("explain.fix", e.fix.clone()),
            ("explain.step", format!("{} {}", e.step, e.step_title)),
        ] {
            out.push_str(&format!("  {}: {value}\n", label(key)));
        }
    }
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platforms::codes::{Family, CODES, HTTP_STATUSES};

    fn first(input: &str) -> Explanation {
        explain(input, Lang::En)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nothing read in {input:?}"))
    }

    fn symbol(input: &str) -> Option<String> {
        first(input).symbol
    }

    #[test]
    fn every_row_and_every_family_has_meaning_and_fix_in_both_languages() {
        for lang in Lang::ALL {
            for row in CODES {
                for key in [row.meaning, row.fix] {
                    assert!(
                        code_text(lang, key).is_some_and(|t| !t.is_empty()),
                        "{key} ({lang:?})"
                    );
                }
            }
            for f in Family::ALL {
                assert!(
                    code_text(lang, &format!("{}.fix", f.key())).is_some(),
                    "{f:?} ({lang:?})"
                );
            }
            for status in [
                http::fix_key(403),
                http::fix_key(302),
                http::fix_key(418),
                http::fix_key(599),
                http::fix_key(100),
                "http.meaning",
            ] {
                assert!(code_text(lang, status).is_some(), "{status} ({lang:?})");
            }
        }
    }

    #[test]
    fn a_code_reads_in_every_written_form() {
        let want = Some("ERROR_WINHTTP_CANNOT_CONNECT".to_string());
        for input in [
            "0x80072EFD",
            "0x80072efd",
            "80072EFD",
            "-2147012867",
            "2147954429",
            "12029",
            "A connection with the server could not be established",
            "Result: (Unknown Win32 Error code: 0x80072efd) A connection with the server could not be established",
        ] {
            assert_eq!(symbol(input), want, "{input}");
        }
    }

    #[test]
    fn the_intune_admin_centers_code_reads_in_hex_and_signed_decimal() {
        for input in [
            "0x87D1FDE8",
            "-2016281112",
            "Error code: -2016281112 (Remediation failed)",
        ] {
            let e = first(input);
            assert!(e.known && e.step == 6, "{input}: {e:?}");
            assert_eq!(e.code, "0x87D1FDE8 (-2016281112)");
        }
    }

    #[test]
    fn apple_domains_keys_and_osstatus_read() {
        let e = first("Error Domain=MCSCEPErrorDomain Code=22013 \"The SCEP server returned an invalid response.\"");
        assert_eq!(e.code, "MCSCEPErrorDomain 22013");
        assert!(e.known);
        assert_eq!(
            first("ErrorDomain = MCSCEPErrorDomain; ErrorCode = 22004;").code,
            "MCSCEPErrorDomain 22004"
        );
        assert_eq!(
            first("key: SCEP_ERROR_NETWORK, table: MCSCEPErrors").code,
            "MCSCEPErrorDomain 22005"
        );
        assert_eq!(first("22000").code, "MCSCEPErrorDomain 22000");
        // An MDM server console's rendering of an ErrorChain entry.
        assert_eq!(
            first("MCSCEPErrorDomain (22013): The SCEP server returned an invalid response.").code,
            "MCSCEPErrorDomain 22013"
        );
        assert_eq!(symbol("-67843"), Some("errSecNotTrusted".into()));
        assert_eq!(
            symbol("Error Domain=NSOSStatusErrorDomain Code=-25300 \"(null)\""),
            Some("errSecItemNotFound".into())
        );
        let install = first("Error Domain=MCInstallationErrorDomain Code=4019");
        assert!(!install.known);
        assert_eq!(
            install.family,
            "an iOS profile installation error (MCInstallationErrorDomain)"
        );
    }

    #[test]
    fn japanese_system_messages_are_looked_up() {
        for (input, symbol_name) in [
            ("サーバー名またはアドレスは解決されませんでした。", "ERROR_WINHTTP_NAME_NOT_RESOLVED"),
            ("理由: サーバーとの接続を確立できませんでした。", "ERROR_WINHTTP_CANNOT_CONNECT"),
            (
                "証明書チェーンは処理されましたが、信頼プロバイダーが信頼していないルート証明書で終了しました。",
                "CERT_E_UNTRUSTEDROOT",
            ),
            (
                "証明書チェーンが処理されましたが、信頼プロバイダーが信頼していないルート証明書で終了しました。",
                "CERT_E_UNTRUSTEDROOT",
            ),
            (
                "証明書チェーンを、信頼されたルート証明機関まで構築できませんでした。",
                "CERT_E_CHAINING",
            ),
            (
                "schannel: next InitializeSecurityContext failed: Unknown error (0x80092013) - 失効サーバーがオフラインのため、失効の関数は失効を確認できませんでした。",
                "CRYPT_E_REVOCATION_OFFLINE",
            ),
            ("失効の関数は証明書の失効を確認できませんでした。", "CRYPT_E_NO_REVOCATION_CHECK"),
            (
                "(provider: SSL プロバイダー, error: 0 - 信頼されていない機関によって証明書チェーンが発行されました。)",
                "SEC_E_UNTRUSTED_ROOT",
            ),
        ] {
            assert_eq!(symbol(input).as_deref(), Some(symbol_name), "{input}");
        }
        for (value, _) in crate::platforms::codes::MESSAGES_JA {
            assert!(
                crate::platforms::codes::hresult_code(*value).is_some(),
                "0x{value:08X} has no row"
            );
        }
    }

    #[test]
    fn an_http_status_is_explained_from_its_low_bits() {
        let e = first("LogError 0x80190194");
        assert_eq!(e.symbol.as_deref(), Some("HTTP_E_STATUS_NOT_FOUND"));
        assert!(e.meaning.contains("404 Not Found"), "{}", e.meaning);
        let odd = first("0x801901A2");
        assert_eq!(odd.family, "an HTTP status");
        assert!(
            odd.symbol.is_none() && odd.meaning.contains("418"),
            "{odd:?}"
        );
        for h in HTTP_STATUSES {
            let e = first(&format!("0x{:08X}", 0x8019_0000u32 | u32::from(h.status)));
            assert_eq!(e.symbol.as_deref(), Some(h.symbol));
        }
    }

    #[test]
    fn an_unknown_code_gets_its_family() {
        for (input, family) in [
            ("0x80072F00", "a WinHTTP error"),
            ("0x80094FFF", "a CA policy denial"),
            ("0x800B0199", "a certificate trust error"),
            ("0x87D10000", "an Intune error"),
            // macOS mdmclient's rendering of an unknown OSStatus.
            (
                "[MDM_SCEP_Enroll] Calling SCEPRequestCertSignature --> <NSOSStatusErrorDomain:-603>",
                "a Security framework OSStatus",
            ),
            ("MDM-SCEP (15099)", "a macOS MDM client SCEP error (MDM-SCEP)"),
        ] {
            let e = first(input);
            assert!(!e.known, "{input}");
            assert_eq!(e.family, family, "{input}");
        }
        assert!(explain("hello 42", Lang::En).is_empty());
        assert!(!explain_text("no code here", Lang::En).1);
    }

    #[test]
    fn every_row_reads_back_from_its_written_forms() {
        for row in CODES {
            let inputs = match row.family {
                Family::McScep => vec![format!("Domain=MCSCEPErrorDomain Code={}", row.value)],
                Family::OsStatus => vec![row.value.to_string()],
                Family::McInstallation => vec![format!(
                    "Error Domain=MCInstallationErrorDomain Code={}",
                    row.value
                )],
                Family::McProfile => vec![format!(
                    "ErrorDomain = MCProfileErrorDomain; ErrorCode = {};",
                    row.value
                )],
                Family::MdmScep => vec![
                    format!("MDM-SCEP ({}): Unable to obtain certificate", row.value),
                    format!("<MDM-SCEP:{}>", row.value),
                ],
                _ => {
                    let v = row.value as u32;
                    vec![
                        format!("0x{v:08X}"),
                        format!("{v:08x}"),
                        (v as i32).to_string(),
                        v.to_string(),
                    ]
                }
            };
            for input in inputs {
                let e = first(&input);
                assert!(e.known, "{input}");
                assert_eq!(e.symbol.as_deref(), row.symbol, "{input}");
            }
            if let Some(message) = row.message {
                assert_eq!(first(message).symbol.as_deref(), row.symbol, "{message}");
            }
        }
    }

    #[test]
    fn japanese_text_is_japanese() {
        let (text, ok) = explain_text("0x80092013", Lang::Ja);
        assert!(ok);
        assert!(text.contains("意味") && text.contains("失効確認"), "{text}");
    }
}

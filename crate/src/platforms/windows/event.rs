//! One Windows event, whatever shape it came in ([`RawEvent`]), and its
//! normalized text: `Event <id> <provider>: <English message>`, a localized
//! message re-rendered from the provider's English template.

use std::sync::OnceLock;

use crate::core::time::LogTime;

/// One event, whatever shape it came in.
#[derive(Default, Debug)]
pub struct RawEvent {
    /// 0-based line (or record) index where the event starts.
    pub line: usize,
    pub time: Option<LogTime>,
    pub id: Option<u32>,
    pub provider: String,
    /// The rendered message, when the export has it.
    pub message: String,
    /// EventData values in order (XML, .evtx).
    pub inserts: Vec<String>,
    /// CAPI2 events keep their outcome in UserData, not in the message:
    /// `<Result value="800B0109">text</Result>` read as `text (0x800B0109)`.
    pub result: Option<String>,
    /// The process a CAPI2 event was logged for (`<EventAuxInfo
    /// ProcessName="w3wp.exe" />` in its UserData), when the export has it.
    pub process: Option<String>,
}

/// Which log an event comes from, as the rules name it.
pub fn provider_key(provider: &str) -> &'static str {
    // Case-insensitive: a name is lower-cased once (on the stack, as names
    // are short) and each log's word looked for in it; this runs for every
    // event whose provider differs from the one before ([`ProviderKeys`]).
    let mut buf = [0u8; 128];
    let owned;
    let lower: &[u8] = match buf.get_mut(..provider.len()) {
        Some(b) => {
            b.copy_from_slice(provider.as_bytes());
            b.make_ascii_lowercase();
            b
        }
        None => {
            owned = provider.to_ascii_lowercase();
            owned.as_bytes()
        }
    };
    let has = |word: &str| memchr::memmem::find(lower, word.as_bytes()).is_some();
    if has("devicemanagement-enterprise-diagnostic") {
        "DMEDP"
    } else if has("certenroll") || has("certificateservicesclient") {
        "CertEnroll"
    } else if has("capi2") {
        "CAPI2"
    } else if has("certificateconnector") || has("intune connector") {
        "Connector"
    } else if has("networkdeviceenrollmentservice") {
        "NDES"
    } else if has("certificationauthority") {
        "CA"
    } else if has("microsoft-windows-was") {
        "WAS"
    } else if has("application error") {
        "AppError"
    } else {
        "Other"
    }
}

/// [`provider_key`], remembered for the last provider named: a log's
/// events, a list copy's rows, name a few providers, each over and over.
#[derive(Default)]
pub struct ProviderKeys {
    last: Option<(String, &'static str)>,
}

impl ProviderKeys {
    pub fn key(&mut self, provider: &str) -> &'static str {
        if let Some((name, key)) = &self.last {
            if name == provider {
                return key;
            }
        }
        let key = provider_key(provider);
        self.last = Some((provider.to_string(), key));
        key
    }
}

/// English message templates (`%n` = insert), from the providers' message
/// tables. `None` provider id keys a prefix that identifies a bare message.
pub(super) struct Template {
    id: u32,
    provider: &'static str,
    /// The message up to its first insert: identifies an English message.
    pub(super) prefix: &'static str,
    text: &'static str,
}

pub(super) static TEMPLATES: &[Template] = &[
    Template { id: 32, provider: "DMEDP", prefix: "SCEP: Certificate enroll failed", text: "SCEP: Certificate enroll failed. Result: (%1)." },
    Template { id: 36, provider: "DMEDP", prefix: "SCEP: Certificate request generated successfully", text: "SCEP: Certificate request generated successfully. Enhanced Key Usage: (%1), NDES URL: (%2), Container Name: (%3), KSP Setting: (%4), Store Location: (%5)." },
    Template { id: 37, provider: "DMEDP", prefix: "SCEP: Certificate request sent successfully", text: "SCEP: Certificate request sent successfully." },
    Template { id: 38, provider: "DMEDP", prefix: "SCEP: Certificate response received successfully", text: "SCEP: Certificate response received successfully." },
    Template { id: 39, provider: "DMEDP", prefix: "SCEP: Certificate installed successfully", text: "SCEP: Certificate installed successfully." },
    Template { id: 301, provider: "DMEDP", prefix: "SCEP: Failed CspCreateInstance", text: "SCEP: Failed CspCreateInstance of Node : (%1) Result : (%2)." },
    Template { id: 302, provider: "DMEDP", prefix: "SCEP: Failed CspAddNode", text: "SCEP: Failed CspAddNode : (%1) Result : (%2)." },
    Template { id: 303, provider: "DMEDP", prefix: "SCEP: Failed CspDeleteChild", text: "SCEP: Failed CspDeleteChild for Node : (%1) Result : (%2)." },
    Template { id: 304, provider: "DMEDP", prefix: "SCEP: Failed CspGetValue", text: "SCEP: Failed CspGetValue for Node : (%1) Result : (%2)." },
    Template { id: 305, provider: "DMEDP", prefix: "SCEP: Failed CspSetValue", text: "SCEP: Failed CspSetValue for Node : (%1) Result : (%2)." },
    Template { id: 306, provider: "DMEDP", prefix: "SCEP: CspExecute for UniqueId", text: "SCEP: CspExecute for UniqueId : (%1) InstallUserSid : (%2) InstallLocation : (%3) NodePath : (%4)  KeyProtection: (%5) Result : (%6)." },
    Template { id: 307, provider: "DMEDP", prefix: "SCEP: Failed LogError Message", text: "SCEP: Failed LogError Message : (%1)" },
    Template { id: 308, provider: "DMEDP", prefix: "SCEP: Failed to send Server request", text: "SCEP: Failed to send Server request. ServerUrl : (%1) Result : (%2)" },
    Template { id: 309, provider: "DMEDP", prefix: "SCEP: InstallFromRegEntries", text: "SCEP: InstallFromRegEntries. CorrelationGuid : (%1) UniqueId : (%2) Certificate Thumbprint : (%3) Respondent Server : (%4) Install Status : (%5) Current Retry Count :  (%6) Result : (%7)" },
    Template { id: 256, provider: "DMEDP", prefix: "OmaDmLogOmaDmApiInitiateSession", text: "" },
    Template { id: 400, provider: "DMEDP", prefix: "MDM ConfigurationManager: Command failure status", text: "MDM ConfigurationManager: Command failure status. Configuration Source ID: (%1), Enrollment Name: (%2), Provider Name: (%3), Command Type: (%4), CSP URI: (%5), Result: (%6)." },
    Template { id: 86, provider: "CertEnroll", prefix: "SCEP Certificate enrollment initialization for", text: "SCEP Certificate enrollment initialization for %1 via %2 failed: %3 Method: %4 Stage: %5 %6" },
    Template { id: 87, provider: "CertEnroll", prefix: "SCEP Certificate enrollment for", text: "SCEP Certificate enrollment for %1 via %2 failed: %3 Method: %4 Stage: %5 %6" },
    // Server events that explain a failing SCEP application, as the NDES
    // server's System and Application logs hold them (an `.evtx` record
    // carries only the inserts).
    Template { id: 5009, provider: "WAS", prefix: "A process serving application pool", text: "A process serving application pool '%1' terminated unexpectedly. The process id was '%2'. The process exit code was '%3'." },
    Template { id: 1000, provider: "AppError", prefix: "Faulting application name:", text: "Faulting application name: %1, version: %2, time stamp: 0x%3\nFaulting module name: %4, version: %5, time stamp: 0x%6\nException code: 0x%7\nFault offset: 0x%8\nFaulting process id: 0x%9\nFaulting application start time: 0x%10\nFaulting application path: %11\nFaulting module path: %12\nReport Id: %13\nFaulting package full name: %14\nFaulting package-relative application ID: %15" },
    // The CA's own events (`server-ca-store.md` §1.5): an `.evtx` record or
    // an Event XML without `RenderingInfo` carries only the inserts, which
    // these render into the message the CA rules read.
    Template { id: 6, provider: "CA", prefix: "Active Directory Certificate Services issued a certificate for request", text: "Active Directory Certificate Services issued a certificate for request %1 for %2." },
    Template { id: 52, provider: "CA", prefix: "Active Directory Certificate Services issued a certificate for request", text: "Active Directory Certificate Services issued a certificate for request %1 for %2.  Additional information: %3" },
    Template { id: 7, provider: "CA", prefix: "Active Directory Certificate Services denied request", text: "Active Directory Certificate Services denied request %1 because %2.  The request was for %3." },
    Template { id: 53, provider: "CA", prefix: "Active Directory Certificate Services denied request", text: "Active Directory Certificate Services denied request %1 because %2.  The request was for %3.  Additional information: %4" },
    Template { id: 56, provider: "CA", prefix: "Active Directory Certificate Services denied request", text: "Active Directory Certificate Services denied request %1.  The request was for %2." },
    Template { id: 57, provider: "CA", prefix: "Active Directory Certificate Services denied request", text: "Active Directory Certificate Services denied request %1.  The request was for %2.  Additional information: %3" },
    Template { id: 8, provider: "CA", prefix: "Active Directory Certificate Services left request", text: "Active Directory Certificate Services left request %1 pending in the queue for %2." },
    Template { id: 54, provider: "CA", prefix: "Active Directory Certificate Services left request", text: "Active Directory Certificate Services left request %1 pending in the queue for %2.  Additional information: %3" },
    Template { id: 21, provider: "CA", prefix: "Active Directory Certificate Services could not process request", text: "Active Directory Certificate Services could not process request %1 due to an error: %2.  The request was for %3." },
    Template { id: 22, provider: "CA", prefix: "Active Directory Certificate Services could not process request", text: "Active Directory Certificate Services could not process request %1 due to an error: %2.  The request was for %3.  Additional information: %4" },
];

impl Template {
    /// Whether the message is one line (DMEDP's are; CertEnroll's 86/87
    /// run over several).
    pub(super) fn one_line(&self) -> bool {
        self.provider == "DMEDP" && !self.text.is_empty()
    }

    /// How the rendered message ends (`).`, `)` or `.`), if it ends in one.
    pub(super) fn ending(&self) -> Option<&'static str> {
        [").", ")", "."]
            .into_iter()
            .find(|end| self.text.ends_with(end))
    }
}

pub(super) fn template(id: u32, provider: &str) -> Option<&'static Template> {
    TEMPLATES
        .iter()
        .find(|t| t.id == id && t.provider == provider)
}

/// The template an English message was rendered from; a 307's insert
/// pasted alone (without `SCEP: Failed LogError Message : (`) is a 307 too.
pub(super) fn bare_template(text: &str) -> Option<&'static Template> {
    bare_prefix(text).or_else(|| {
        is_bare_307_insert(text)
            .then(|| template(307, "DMEDP"))
            .flatten()
    })
}

/// The first device template (DMEDP's or CertEnroll's; a bare server or CA
/// message is the server's or CA's format to read) whose prefix starts
/// `text`, as `TEMPLATES.iter().find(starts_with)` would say. One anchored
/// automaton, because this is asked of every line of a list copy and of
/// every line detection looks at: a `starts_with` per template cost 8,600
/// instructions a line under libFuzzer (each comparison is a `memcmp` it
/// intercepts) and a tenth of a `chunks` execution.
fn bare_prefix(text: &str) -> Option<&'static Template> {
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
    static DEVICE: OnceLock<Option<(AhoCorasick, Vec<&'static Template>)>> = OnceLock::new();
    let (automaton, templates) = DEVICE
        .get_or_init(|| {
            let device: Vec<&'static Template> = (TEMPLATES.iter())
                .filter(|t| matches!(t.provider, "DMEDP" | "CertEnroll"))
                .collect();
            // Leftmost-first and anchored: of the prefixes that start the
            // text, the one listed first, as `find` picks it.
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .start_kind(StartKind::Anchored)
                .build(device.iter().map(|t| t.prefix))
                .ok()?;
            Some((automaton, device))
        })
        .as_ref()?;
    let found = automaton.find(Input::new(text).anchored(Anchored::Yes))?;
    templates.get(found.pattern().as_usize()).copied()
}

/// The starts a 307's insert has (`%1` of `SCEP: Failed LogError Message : (%1)`),
/// as people paste it alone, the event's header and wrapper lost.
const BARE_307_INSERTS: &[&str] = &[
    "SCEPInstallCertificateWithScepHelper:",
    "Failed to Initialize SCEP enrollment with NDES Server",
];

/// Whether a message is a 307's insert pasted without its wrapper.
fn is_bare_307_insert(text: &str) -> bool {
    BARE_307_INSERTS.iter().any(|p| text.starts_with(p))
}

/// Fills `%1`…`%n` with the inserts (missing ones stay empty); inserts the
/// template has no place for are kept at the end, so nothing is lost.
pub(super) fn render(text: &str, inserts: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut used = 0;
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after.get(..digits).and_then(|d| d.parse::<usize>().ok()) {
            Some(n) if n > 0 => {
                if let Some(v) = inserts.get(n - 1) {
                    out.push_str(v);
                }
                used = used.max(n);
                rest = &after[digits..];
            }
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    for extra in inserts.iter().skip(used).filter(|v| !v.is_empty()) {
        out.push_str(" (");
        out.push_str(extra);
        out.push(')');
    }
    out
}

/// The parenthesized values of a (localized) message, in order; nested
/// parentheses stay inside their value.
pub(super) fn paren_inserts(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in message.chars() {
        match c {
            '(' | '（' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(std::mem::take(&mut current));
                } else {
                    current.push(c);
                }
            }
            _ if depth > 0 => current.push(c),
            _ => {}
        }
    }
    out
}

/// The normalized text the rules read: `Event <id> <provider>: <English>`.
pub fn normalize(event: &RawEvent) -> Option<String> {
    let message = event.message.trim();
    if let Some(command) = event.provider.strip_prefix("SyncML ") {
        return Some(format!("SyncML {command}: {message}"));
    }
    let guessed = bare_template(message);
    let id = event.id.or(guessed.map(|t| t.id))?;
    let provider = match provider_key(&event.provider) {
        "Other" if event.provider.is_empty() => guessed.map_or("Other", |t| t.provider),
        key => key,
    };
    if let (Some(result), "CAPI2") = (&event.result, provider) {
        return Some(format!("Event {id} CAPI2: Result: {result}"));
    }
    let english = match template(id, provider) {
        Some(t) if message.starts_with(t.prefix) => message.to_string(),
        Some(t) if id == 307 && is_bare_307_insert(message) => {
            render(t.text, &[message.to_string()])
        }
        // A localized server or CA message has parentheses that are no inserts.
        Some(t)
            if !t.text.is_empty()
                && (message.is_empty() || matches!(t.provider, "DMEDP" | "CertEnroll")) =>
        {
            let inserts = if message.is_empty() {
                event.inserts.clone()
            } else {
                paren_inserts(message)
            };
            if message.is_empty() || !inserts.is_empty() || !t.text.contains('%') {
                render(t.text, &inserts)
            } else {
                message.to_string()
            }
        }
        _ if message.is_empty() => event.inserts.join(", "),
        _ => message.to_string(),
    };
    Some(format!("Event {id} {provider}: {english}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `bare_prefix` replaced: the first device template whose prefix
    /// starts the text.
    fn listed_first(text: &str) -> Option<&'static Template> {
        TEMPLATES
            .iter()
            .find(|t| text.starts_with(t.prefix) && matches!(t.provider, "DMEDP" | "CertEnroll"))
    }

    fn same(text: &str) {
        let (got, want) = (bare_prefix(text), listed_first(text));
        assert_eq!(
            got.map(|t| (t.id, t.provider)),
            want.map(|t| (t.id, t.provider)),
            "{text:?}"
        );
    }

    #[test]
    fn the_automaton_picks_the_template_the_list_order_picks() {
        for t in TEMPLATES {
            for text in [t.prefix, t.text, &format!("{} (0x80070005).", t.prefix)] {
                same(text);
                same(&format!(" {text}"));
                same(text.get(..text.len().saturating_sub(1)).unwrap_or(""));
            }
        }
        for text in [
            "",
            "SCEP",
            "SCEP:",
            "scep: certificate enroll failed",
            "MDM ConfigurationManager",
        ] {
            same(text);
        }
        // Every line of every fixture, whatever its platform.
        for line in crate::core::testing::fixture_lines() {
            same(line.trim());
        }
    }
}

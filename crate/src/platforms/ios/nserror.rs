//! NSError dumps as ManagedConfiguration prints them (`Desc   :`,
//! `Domain :`, `Code   :`, `...Underlying error:`) and as one-line
//! descriptions, read into chains of errors, outermost first.

use std::sync::OnceLock;

use regex::Regex;

use crate::parse::rules::cap;

/// One error of an NSError chain, outermost first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NsError {
    pub desc: String,
    pub sugg: String,
    pub domain: String,
    pub code: Option<i64>,
}

impl NsError {
    pub(super) fn text(&self) -> &str {
        if self.desc.is_empty() {
            &self.sugg
        } else {
            &self.desc
        }
    }
}

pub(super) fn field() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[ \t>]*(Desc|Sugg|Domain|Code)[ \t]*:[ \t]?(.*?)[ \t]*$").ok())
        .as_ref()
}

/// The verbose dump: blocks introduced by `NSError:`, nested through
/// `...Underlying error:`.
pub fn dump_chain(text: &str) -> Vec<NsError> {
    let mut chain = Vec::new();
    let Some(re) = field() else { return chain };
    for block in text.split("NSError:") {
        let mut e = NsError::default();
        for line in block.lines().flat_map(fields_of_line) {
            let Some(c) = re.captures(line) else { continue };
            let value = cap(&c, 2).to_string();
            match cap(&c, 1) {
                "Desc" if e.desc.is_empty() => e.desc = value,
                "Sugg" if e.sugg.is_empty() => e.sugg = value,
                "Domain" => e.domain = value,
                "Code" => e.code = value.parse().ok(),
                _ => {}
            }
        }
        if e != NsError::default() {
            chain.push(e);
        }
    }
    chain
}

/// A dump's line split at its field names: one field a line as the device
/// writes it, or several when a paste lost the line breaks (`Desc : … US
/// Desc: … Domain : MCSCEPErrorDomain Code : 22013 Type : MCFatalError`).
fn fields_of_line(line: &str) -> Vec<&str> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = RE
        .get_or_init(|| Regex::new(r"[ \t](?:US )?(?:Desc|Sugg|Domain|Code|Type)[ \t]*:").ok())
        .as_ref()
    else {
        return vec![line];
    };
    let mut parts = Vec::new();
    let mut start = 0;
    for m in re.find_iter(line) {
        // The blank before the name stays with the part before it.
        let at = m.start() + 1;
        if line.get(start..at).is_some_and(|p| !p.trim().is_empty()) {
            parts.push(line.get(start..at).unwrap_or_default());
            start = at;
        }
    }
    parts.push(line.get(start..).unwrap_or_default());
    parts
}

pub(super) fn description() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"Error Domain=([\w.]+) Code=(-?\d+)(?: "([^"]*)")?"#).ok())
        .as_ref()
}

/// NSError's own description, `Error Domain=… Code=… "…" UserInfo={…
/// NSUnderlyingError=… {Error Domain=…}}`, outermost first.
pub fn description_chain(text: &str) -> Vec<NsError> {
    let Some(re) = description() else {
        return Vec::new();
    };
    re.captures_iter(text)
        .map(|c| NsError {
            desc: cap(&c, 3).to_string(),
            sugg: String::new(),
            domain: cap(&c, 1).to_string(),
            code: cap(&c, 2).parse().ok(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dump_whose_line_breaks_were_lost_reads_as_one_written_line_by_line() {
        let lines = "\nDesc   : The SCEP server returned an invalid response.\nUS Desc: The SCEP server returned an invalid response.\nDomain : MCSCEPErrorDomain\nCode   : 22013\nType   : MCFatalError";
        let flat = " Desc : The SCEP server returned an invalid response. US Desc: The SCEP server returned an invalid response. Domain : MCSCEPErrorDomain Code : 22013 Type : MCFatalError";
        assert_eq!(dump_chain(lines), dump_chain(flat));
        let chain = dump_chain(flat);
        assert_eq!(chain[0].code, Some(22013));
        assert_eq!(
            chain[0].desc,
            "The SCEP server returned an invalid response."
        );
    }
}

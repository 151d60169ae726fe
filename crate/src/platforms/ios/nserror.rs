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
        for line in block.lines() {
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

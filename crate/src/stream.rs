//! Analysis fed in chunks, for inputs too big to hold: `begin` an input,
//! `feed` its bytes in any pieces, `finish` for the report. Feeding one input
//! whole gives the same report as [`crate::analyze`], whatever the chunk sizes.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::report::Report;
use crate::Input;

/// An analysis in progress over one or more inputs.
#[derive(Default)]
pub struct Analysis {
    inputs: Vec<(String, Vec<u8>)>,
}

impl Analysis {
    pub fn new() -> Analysis {
        Analysis::default()
    }

    /// Starts the next input (file or paste); the one before it is complete.
    pub fn begin(&mut self, name: &str) {
        self.inputs.push((name.to_string(), Vec::new()));
    }

    /// The next bytes of the current input (an input is begun if none was).
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.inputs.is_empty() {
            self.begin("input");
        }
        if let Some((_, buffer)) = self.inputs.last_mut() {
            buffer.extend_from_slice(bytes);
        }
    }

    /// Every input is complete: the report.
    pub fn finish(self) -> Report {
        self.finish_with_lines().report
    }

    /// Every input is complete: the report, and the text of every line it
    /// cites (inputs too big to keep whole can still show their evidence).
    pub fn finish_with_lines(self) -> Finished {
        let inputs: Vec<Input> = self
            .inputs
            .iter()
            .map(|(name, bytes)| Input { name, bytes })
            .collect();
        let report = crate::analyze(&inputs);
        let mut cited = BTreeSet::new();
        for platform in &report.platforms {
            for finding in &platform.findings {
                cited.extend(finding.evidence.iter().map(|e| (e.source, e.line)));
            }
            for certificate in &platform.certificates {
                cited.extend(certificate.timeline.iter().map(|t| (t.source, t.line)));
                for finding in &certificate.findings {
                    cited.extend(finding.evidence.iter().map(|e| (e.source, e.line)));
                }
            }
        }
        let expanded = crate::expand(&inputs);
        let mut lines = Vec::new();
        let mut decoded: Option<(usize, String)> = None;
        for (source, line) in cited {
            if decoded.as_ref().is_none_or(|(s, _)| *s != source) {
                let text = expanded
                    .get(source)
                    .map(|e| crate::decode::decode(&e.bytes).text)
                    .unwrap_or_default();
                decoded = Some((source, text));
            }
            if let Some((_, text)) = &decoded {
                if let Some(t) = crate::decode::lines(text).get(line.wrapping_sub(1)) {
                    lines.push(CitedLine {
                        source,
                        line,
                        text: (*t).to_string(),
                    });
                }
            }
        }
        Finished { report, lines }
    }
}

/// What a finished analysis gives.
pub struct Finished {
    pub report: Report,
    /// Every line the report cites, in (source, line) order.
    pub lines: Vec<CitedLine>,
}

/// One cited line's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CitedLine {
    pub source: usize,
    /// 1-based line number in the source.
    pub line: usize,
    pub text: String,
}

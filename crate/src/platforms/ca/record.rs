//! One CA request as every CA format hands it to the rules: the values its
//! record gave, by column, written as one normalized line
//! (`ca-request<TAB>key=value<TAB>…`) that the rule table reads back.

use std::borrow::Cow;

use super::columns::Column;
use crate::core::time::LogTime;
use crate::parse::format::{is_one_line, one_line, Record};

/// What starts every normalized CA record (the rule's needle).
pub const MARK: &str = "ca-request";

/// A CA request's values, by column, as written.
#[derive(Default, Debug)]
pub struct CaRecord {
    values: Vec<(Column, String)>,
}

impl CaRecord {
    /// Keeps the first non-empty value of each column.
    pub fn set(&mut self, column: Column, value: &str) {
        if self.get(column).is_some() {
            return;
        }
        let value = clean(value);
        if value.is_empty() {
            return;
        }
        self.values.push((column, value));
    }

    pub fn get(&self, column: Column) -> Option<&str> {
        self.values
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The time the record's story is shown at: when the CA decided, else
    /// when the request came — as the export wrote it (the CA's local clock,
    /// never shifted). Never the certificate's start: a CA backdates it.
    fn time(&self) -> Option<LogTime> {
        [Column::Resolved, Column::Submitted]
            .into_iter()
            .find_map(|c| self.get(c))
            .map(LogTime::as_written)
    }

    /// The normalized line.
    pub fn normalized(&self) -> String {
        let mut out = MARK.to_string();
        for (column, value) in &self.values {
            out.push('\t');
            out.push_str(column.key());
            out.push('=');
            out.push_str(value);
        }
        out
    }

    /// One record for the rules, cited at line `line` (0-based).
    pub fn into_record<'a>(self, line: usize) -> Record<'a> {
        Record {
            time: self.time(),
            thread: None,
            process: None,
            parts: vec![(line, Cow::Owned(self.normalized()))],
        }
    }
}

/// A value as the record wrote it, on one line: quotes around it dropped,
/// `EMPTY` (certutil's empty value) read as empty.
fn clean(value: &str) -> String {
    cleaned(value).into_owned()
}

/// [`clean`] without a copy when the value is already clean.
pub fn cleaned(value: &str) -> Cow<'_, str> {
    let v = value.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v)
        .trim();
    if v == "EMPTY" {
        return Cow::Borrowed("");
    }
    if is_one_line(v) {
        Cow::Borrowed(v)
    } else {
        Cow::Owned(one_line(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::format::fields;

    #[test]
    fn a_record_round_trips() {
        let mut r = CaRecord::default();
        r.set(Column::RequestId, " 8 ");
        r.set(Column::DispositionMessage, "\"Denied by\tPolicy Module\"");
        r.set(Column::Revoked, "EMPTY");
        r.set(Column::RequestId, "9");
        let line = r.normalized();
        let got: Vec<_> = fields(&line).collect();
        assert_eq!(
            got,
            vec![("id", "8"), ("message", "Denied by Policy Module")]
        );
    }
}

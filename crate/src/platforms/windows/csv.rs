//! CSV exports: Event Viewer "Save All Events As" CSV and PowerShell
//! `Export-Csv`.

use super::event::RawEvent;
use super::text::{local_time, row_fields};
use crate::parse::literal;

/// A record longer than this ends at its line's end, even inside quotes:
/// no real message is that long, and memory stays bounded on a stray quote.
const MAX_RECORD_BYTES: usize = 1 << 20;

/// CSV records read line by line (a quoted field may span lines; `""` in
/// quotes is a quote), as they arrive. A quote anywhere toggles quoting, as
/// Event Viewer and `Export-Csv` only write whole quoted fields. The field
/// buffers are reused from record to record: a row costs no allocation.
/// Hand-written: the `csv` crate reads bytes from a reader of its own (not
/// lines as they arrive, cited by index), and this is a dozen lines.
#[derive(Default)]
pub(super) struct CsvReader {
    /// `fields[..done]` are the record's complete fields, `fields[done]`
    /// the one being read.
    fields: Vec<String>,
    done: usize,
    quoted: bool,
    /// The line the open record starts on, and that line's text once the
    /// record runs past it.
    start: usize,
    first_line: String,
    /// Bytes of the open record so far.
    bytes: usize,
}

impl CsvReader {
    /// Reads line `i`; `emit` gets each record it completes: the index of
    /// its first line, that line's text and the fields.
    pub fn line(&mut self, i: usize, line: &str, mut emit: impl FnMut(usize, &str, &[String])) {
        if !self.quoted {
            self.start = i;
        }
        let mut rest = line;
        loop {
            let bytes = rest.as_bytes();
            let stop = if self.quoted {
                memchr::memchr(b'"', bytes)
            } else {
                memchr::memchr2(b'"', b',', bytes)
            };
            let Some(at) = stop else {
                self.push(rest);
                break;
            };
            self.push(rest.get(..at).unwrap_or_default());
            let after = rest.get(at + 1..).unwrap_or_default();
            rest = match bytes.get(at) {
                Some(b'"') if self.quoted && after.starts_with('"') => {
                    self.push("\"");
                    after.get(1..).unwrap_or_default()
                }
                Some(b'"') => {
                    self.quoted = !self.quoted;
                    after
                }
                _ => {
                    self.end_field();
                    after
                }
            };
        }
        if self.quoted && self.bytes < MAX_RECORD_BYTES {
            if self.start == i {
                self.first_line.clear();
                self.first_line.push_str(line);
            }
            self.push("\n");
        } else {
            self.quoted = false;
            self.end_field();
            let first = if self.start == i {
                line
            } else {
                &self.first_line
            };
            emit(
                self.start,
                first,
                self.fields.get(..self.done).unwrap_or_default(),
            );
            self.clear();
        }
    }

    /// The input is complete: a record still in quotes ends with it.
    pub fn finish(mut self, emit: impl FnOnce(usize, &str, &[String])) {
        if self.quoted {
            self.end_field();
            emit(
                self.start,
                &self.first_line,
                self.fields.get(..self.done).unwrap_or_default(),
            );
        }
    }

    fn push(&mut self, text: &str) {
        if self.fields.len() <= self.done {
            self.fields.push(String::new());
        }
        if let Some(field) = self.fields.get_mut(self.done) {
            field.push_str(text);
        }
        self.bytes += text.len();
    }

    fn end_field(&mut self) {
        self.push("");
        self.done += 1;
    }

    /// Starts the next record, keeping the buffers (not a long field's).
    fn clear(&mut self) {
        for field in self.fields.iter_mut().take(self.done) {
            if field.capacity() > 4096 {
                *field = String::new();
            }
            field.clear();
        }
        self.fields.truncate(64);
        self.done = 0;
        self.bytes = 0;
    }
}

/// Reads CSV records (quoted fields may span lines), with the line each starts on.
pub(super) fn csv_records(lines: &[&str]) -> Vec<(usize, Vec<String>)> {
    let mut reader = CsvReader::default();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        reader.line(i, line, |start, _, fields| {
            out.push((start, fields.to_vec()))
        });
    }
    reader.finish(|start, _, fields| out.push((start, fields.to_vec())));
    out
}

/// An Event Viewer CSV row on one line.
pub(super) fn csv_row(line: &str) -> bool {
    // A row has five fields or more, so four commas at least (a quoted
    // comma only adds one): most lines with a comma are parsed no further.
    !line.contains('\t')
        && memchr::memchr_iter(b',', line.as_bytes()).nth(3).is_some()
        && second_field_may_be_a_date(line)
        && csv_records(&[line]).first().is_some_and(|(_, f)| {
            let f: Vec<&str> = f.iter().map(String::as_str).collect();
            row_fields(&f).is_some()
        })
}

/// Whether a row's second field, its date, can start where the first field
/// ends: with a digit (or `+`, or a date separator, which the date reader
/// passes over), after spaces and quotes, as every date
/// `parse_windows_local` reads does. Detection asks about every line, and
/// a message line with four commas (an MDM policy event's, say) or a JSON
/// line (every `log show --style ndjson` line has dozens) was otherwise
/// parsed as a whole CSV record. The first field ends at the first comma
/// outside quotes, quotes toggling wherever they stand, as [`CsvReader`]
/// reads them (a doubled quote toggles twice).
fn second_field_may_be_a_date(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut quoted = false;
    let mut at = 0;
    let comma = loop {
        let rest = bytes.get(at..).unwrap_or_default();
        let next = if quoted {
            memchr::memchr(b'"', rest)
        } else {
            memchr::memchr2(b'"', b',', rest)
        };
        // No comma outside quotes: one field, no row.
        let Some(k) = next else {
            return false;
        };
        at += k;
        if bytes.get(at) == Some(&b',') {
            break at;
        }
        quoted = !quoted;
        at += 1;
    };
    line.get(comma + 1..)
        .unwrap_or_default()
        .trim_start_matches(|c: char| c.is_whitespace() || c == '"')
        .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '/' | '.' | '-'))
}

/// Whether the first lines are a CSV export: `Some(true)` for PowerShell's
/// `Export-Csv` (a header row names the columns), `Some(false)` for Event
/// Viewer's "Save As" CSV.
pub(super) fn csv_shape(lines: &[&str]) -> Option<bool> {
    let first = lines
        .iter()
        .take(20)
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with("#TYPE"))
        .take(3)
        .collect::<Vec<_>>();
    let powershell = first
        .iter()
        .any(|l| literal::contains(l, "\"ProviderName\"") && literal::contains(l, "\"Id\""));
    let viewer = first.iter().any(|l| csv_row(l));
    (powershell || viewer).then_some(powershell)
}

pub(super) fn csv_events(lines: &[&str]) -> Option<Vec<RawEvent>> {
    let mut rows = CsvRows::new(csv_shape(lines)?);
    let mut reader = CsvReader::default();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        reader.line(i, line, |start, _, fields| {
            out.extend(rows.event(start, fields))
        });
    }
    reader.finish(|start, _, fields| out.extend(rows.event(start, fields)));
    Some(out)
}

/// What a CSV export's records are: Event Viewer rows, or `Export-Csv`
/// rows under the header row that names their columns.
pub(super) struct CsvRows {
    pub powershell: bool,
    /// `Export-Csv`'s Message, Id, ProviderName and TimeCreated columns,
    /// once its header row is read (records before it are skipped).
    columns: Option<(usize, usize, usize, usize)>,
}

impl CsvRows {
    pub fn new(powershell: bool) -> CsvRows {
        CsvRows {
            powershell,
            columns: None,
        }
    }

    /// The event of the record starting on line `line`, if it is one.
    pub fn event(&mut self, line: usize, fields: &[String]) -> Option<RawEvent> {
        if self.powershell && self.columns.is_none() {
            let find = |name: &str| fields.iter().position(|f| f == name);
            if let (Some(m), Some(id), Some(p), Some(t)) = (
                find("Message"),
                find("Id"),
                find("ProviderName"),
                find("TimeCreated"),
            ) {
                self.columns = Some((m, id, p, t));
            }
            return None;
        }
        if let Some((m, id, p, t)) = self.columns {
            let get = |i: usize| fields.get(i).map_or("", |s| s.as_str());
            return Some(RawEvent {
                line,
                time: local_time(get(t)),
                id: get(id).trim().parse().ok(),
                provider: get(p).to_string(),
                message: get(m).to_string(),
                inserts: Vec::new(),
                result: None,
                process: None,
            });
        }
        let f: Vec<&str> = fields.iter().map(String::as_str).collect();
        row_fields(&f).map(|e| RawEvent { line, ..e })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `csv_row` answered before its quick look at the second field.
    fn parsed_as_row(line: &str) -> bool {
        !line.contains('\t')
            && csv_records(&[line]).first().is_some_and(|(_, f)| {
                let f: Vec<&str> = f.iter().map(String::as_str).collect();
                row_fields(&f).is_some()
            })
    }

    #[test]
    fn the_quick_look_never_turns_away_a_row() {
        let mut lines: Vec<String> = vec![
            "Error,7/2/2025 12:51:06 PM,Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider,32,None,\"SCEP: failed.\"".into(),
            "\"Error\",\"7/2/2025 12:51:06 PM\",\"Provider\",\"32\",\"None\",\"SCEP\"".into(),
            "Error, 7/2/2025 12:51:06 PM,Provider,32,None,x".into(),
            "Error,\u{3000}2024/08/20 9:49:44,Provider,32,None,x".into(),
            "\"Err,or\",7/2/2025 12:51:06 PM,Provider,32,None,x".into(),
            "情報,2024/08/20 9:49:44,Provider,36,なし,x".into(),
            "Warning,20.08.2024 09:49:44,Provider,32,None,x".into(),
            "Information,2024-08-20 09:49:44,Provider,32,None,x".into(),
            "MDM PolicyManager: Set policy int, Policy: (Foo), Area: (Bar), EnrollmentID requested: (x), Current User: (Device)".into(),
        ];
        // Quotes standing anywhere toggle, as the reader reads them.
        lines.extend(
            [
                "\"E\"\"rr,or\",7/2/2025 12:51:06 PM,Provider,32,None,x",
                "E\"rr,o\"r,7/2/2025 12:51:06 PM,Provider,32,None,x",
                "Error\"\",7/2/2025 12:51:06 PM,Provider,32,None,x",
                "Error,\"7/2/2025 12:51:06 PM\",Provider,32,None,\"open",
                "\"Error,7/2/2025 12:51:06 PM,Provider,32,None,x",
                "{\"traceID\":1,\"eventMessage\":\"x\",\"a\":2,\"b\":3,\"timestamp\":\"2024-05-14 09:12:05.110021-0400\"}",
            ]
            .map(String::from),
        );
        let alphabet: Vec<char> = "\",E 7/2025:1PMx".chars().collect();
        let mut next = crate::core::testing::numbers(11);
        for _ in 0..5_000 {
            let mut line: String = "Error,7/2/2025 12:51:06 PM,Provider,32,None,x".into();
            for _ in 0..1 + next() % 4 {
                let at = line.len().min(next() % 50);
                line.insert(at, alphabet[next() % alphabet.len()]);
            }
            lines.push(line);
        }
        // Every line of every fixture, whatever its platform.
        lines.extend(crate::core::testing::fixture_lines());
        let mut rows = 0;
        for line in &lines {
            if parsed_as_row(line) {
                rows += 1;
                assert!(second_field_may_be_a_date(line), "{line}");
            }
            assert_eq!(
                csv_row(line),
                parsed_as_row(line) && memchr::memchr_iter(b',', line.as_bytes()).nth(3).is_some(),
                "{line}"
            );
        }
        assert!(rows >= 8, "the fixtures hold CSV rows: {rows}");
    }
}

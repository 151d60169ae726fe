//! CSV exports: Event Viewer "Save All Events As" CSV and PowerShell
//! `Export-Csv`.

use super::event::RawEvent;
use super::text::{local_time, row_fields};

/// Reads CSV records (quoted fields may span lines), with the line each starts on.
pub(super) fn csv_records(lines: &[&str]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if !quoted {
            start = i;
        }
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        if quoted && field.len() < 1 << 20 {
            field.push('\n');
        } else {
            quoted = false;
            fields.push(std::mem::take(&mut field));
            out.push((start, std::mem::take(&mut fields)));
        }
    }
    if !fields.is_empty() || !field.is_empty() {
        fields.push(field);
        out.push((start, fields));
    }
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

/// Whether a row's second field, its date, can start where the first comma
/// ends the line's first field: with a digit (or `+`), after spaces and a
/// quote, as every date `parse_windows_local` reads does. Detection asks
/// about every line, and a message line with four commas (an MDM policy
/// event's, say) was otherwise parsed as a whole CSV record. A line whose
/// first field holds a quote is left to the full parse (a quoted comma
/// would move the field).
fn second_field_may_be_a_date(line: &str) -> bool {
    let bytes = line.as_bytes();
    let Some(comma) = memchr::memchr(b',', bytes) else {
        return false;
    };
    if memchr::memchr(b'"', bytes.get(..comma).unwrap_or_default()).is_some() {
        return true;
    }
    line.get(comma + 1..)
        .unwrap_or_default()
        .trim_start_matches(|c: char| c.is_whitespace() || c == '"')
        .starts_with(|c: char| c.is_ascii_digit() || c == '+')
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
        .any(|l| l.contains("\"ProviderName\"") && l.contains("\"Id\""));
    let viewer = first.iter().any(|l| csv_row(l));
    (powershell || viewer).then_some(powershell)
}

pub(super) fn csv_events(lines: &[&str]) -> Option<Vec<RawEvent>> {
    let powershell = csv_shape(lines)?;
    let records = csv_records(lines);
    let mut out = Vec::new();
    let mut columns: Option<(usize, usize, usize, usize)> = None;
    for (line, fields) in records {
        if powershell && columns.is_none() {
            let find = |name: &str| fields.iter().position(|f| f == name);
            if let (Some(m), Some(id), Some(p), Some(t)) = (
                find("Message"),
                find("Id"),
                find("ProviderName"),
                find("TimeCreated"),
            ) {
                columns = Some((m, id, p, t));
            }
            continue;
        }
        if let Some((m, id, p, t)) = columns {
            let get = |i: usize| fields.get(i).map_or("", |s| s.as_str());
            out.push(RawEvent {
                line,
                time: local_time(get(t)),
                id: get(id).trim().parse().ok(),
                provider: get(p).to_string(),
                message: get(m).to_string(),
                inserts: Vec::new(),
                result: None,
                process: None,
            });
        } else {
            let f: Vec<&str> = fields.iter().map(String::as_str).collect();
            if let Some(e) = row_fields(&f) {
                out.push(RawEvent { line, ..e });
            }
        }
    }
    Some(out)
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

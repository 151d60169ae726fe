//! `certutil -view` text output (any view: the default, `Log`, `LogFail`,
//! `Queue`, `Revoked`; any `-out` columns; any `-restrict`): an optional
//! `Schema:` table, then one block per row,
//!
//! ```text
//! Row 1:
//!   Issued Request ID: 0x8
//!   Request Disposition: 0x1f (31) -- Denied
//!   Request Status Code: 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED) -- The permissions …
//! ```
//!
//! and a trailer (`Maximum Row Index: 2`, `2 Rows`, statistics,
//! `CertUtil: -view command completed successfully.`). Labels are the
//! localized column names ([`super::columns`]); a pasted copy may lose the
//! indentation. Quoted values may span lines; PEM blocks and `-v` hex dumps
//! are skipped. `Row N:` is the output's row number, not the request id.

use crate::core::model::Platform;
use crate::parse::format::{Format, Header, Record};

use super::columns;
use super::record::CaRecord;
use super::scope::{self, Requests};

pub const FORMAT: Format = Format {
    id: "ca-certutil-view",
    platform: Platform::Ca,
    title: "certutil -view output of the CA database (Log, LogFail, Queue, -out, -restrict)",
    samples: &[
        "Row 1:",
        "  Issued Request ID: 0x8",
        "  Request Disposition: 0x1f (31) -- Denied",
        "  Request Status Code: 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE) -- The requested certificate template is not supported by this CA.",
        "CertUtil: -view command completed successfully.",
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: Some(split),
    rules: super::rules::rules,
    stream: None,
};

/// Detection: a row banner, a labelled CA value or certutil's trailer.
fn header(line: &str) -> Option<Header<'_>> {
    let t = line.trim();
    let looks = row_banner(t)
        || field(t).is_some_and(|(label, _)| columns::column(label).is_some())
        || (t.starts_with("CertUtil: -view") && !t.contains(','))
        || t.starts_with("Maximum Row Index:");
    looks.then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

/// `Row 12:` (one word, a number, a colon — the word may be localized).
fn row_banner(t: &str) -> bool {
    let Some(body) = t.strip_suffix(':') else {
        return false;
    };
    let mut words = body.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(w), Some(n), None)
            if !w.is_empty() && w.chars().all(char::is_alphabetic)
                && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    )
}

/// `Label: value` (the value may be empty when it goes on below). certutil
/// puts a space after the colon, never a tab (Event Viewer's audit texts do).
fn field(t: &str) -> Option<(&str, &str)> {
    let (label, value) = t.split_once(':')?;
    if value.starts_with('\t') {
        return None;
    }
    let label = label.trim();
    (!label.is_empty() && label.chars().count() <= 60 && !label.starts_with('-'))
        .then_some((label, value.trim()))
}

/// A `-v` hex dump line (`0000    4d 00 45 00 …   M.E.`).
fn hex_dump(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 6
        && b.iter().take(4).all(u8::is_ascii_hexdigit)
        && b.get(4) == Some(&b' ')
        && b.get(5) == Some(&b' ')
}

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    let mut requests = Requests::default();
    // The row being read: its record and the line to cite.
    let mut current: Option<(CaRecord, usize)> = None;
    let mut in_pem = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines.get(i).copied().unwrap_or("");
        let t = line.trim();
        i += 1;
        if t.starts_with("-----BEGIN") {
            in_pem = !t.contains("-----END");
            continue;
        }
        if in_pem {
            in_pem = !t.starts_with("-----END");
            continue;
        }
        if row_banner(t) {
            if let Some((record, at)) = current.take() {
                requests.push(record, at, None);
            }
            current = Some((CaRecord::default(), i - 1));
            continue;
        }
        let Some((record, at)) = current.as_mut() else {
            continue;
        };
        if hex_dump(line) {
            continue;
        }
        let Some((label, value)) = field(t) else {
            continue;
        };
        let Some(column) = columns::column(label) else {
            continue;
        };
        // A quoted value may go on over the next lines, to its closing quote.
        let mut value = value.to_string();
        if value.starts_with('"') && value.matches('"').count() % 2 == 1 {
            let start = i;
            while let Some(next) = lines.get(i) {
                if i - start >= 256 {
                    break;
                }
                i += 1;
                value.push(' ');
                value.push_str(next.trim());
                if next.matches('"').count() % 2 == 1 {
                    break;
                }
            }
        }
        record.set(column, &value);
        // A failure is cited where its status is written.
        if column == columns::Column::StatusCode
            && super::status::parse(&value).is_some_and(|s| s.failed())
        {
            *at = i - 1;
        }
    }
    if let Some((record, at)) = current {
        requests.push(record, at, None);
    }
    scope::records(requests)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::format::fields;

    #[test]
    fn rows_with_quotes_pem_and_dumps() {
        let text = "Schema:\n  Column Name   Localized Name   Type   MaxLength\n\nRow 1:\n  Issued Request ID: 0x8\n  Request Disposition Message: \"Denied by Policy Module\"\n  Binary Certificate:\n-----BEGIN CERTIFICATE-----\nRow 9:\n-----END CERTIFICATE-----\n  Request Attributes: \"\ncdc:dc01.contoso.com\nccm:ndes01.contoso.com\"\n0000    4d 00 45 00   M.E.\n  Request Status Code: 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED) -- The permissions\n\nRow 2:\nIssued Request ID: 0x9\n\nMaximum Row Index: 2\n";
        let lines: Vec<&str> = text.lines().collect();
        let records = split(&lines);
        assert_eq!(records.len(), 2);
        let first: Vec<_> = fields(&records[0].parts[0].1).collect();
        assert_eq!(first[0], ("id", "0x8"));
        assert_eq!(first[1], ("message", "Denied by Policy Module"));
        assert_eq!(records[0].parts[0].0, 14);
        let second: Vec<_> = fields(&records[1].parts[0].1).collect();
        assert_eq!(second, vec![("id", "0x9")]);
    }

    #[test]
    fn banners() {
        assert!(row_banner("Row 12:"));
        assert!(!row_banner("Row:"));
        assert!(!row_banner("Issued Request ID: 0x8"));
        assert!(!hex_dump("0x8"));
        // Event Viewer's audit texts (`Request ID:<TAB>7`) are no certutil rows.
        assert!(field("Request ID:\t7").is_none());
        assert!(field("Request ID: 0x7").is_some());
    }
}

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

use super::columns::{self, Column};
use super::record::CaRecord;
use super::scope::{self, odd_quotes, LineReader, Requests, Streamed};
use crate::parse::reader::LineStream;

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
    stream: Some(stream),
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

/// Most lines a quoted value goes on over, after the line that opens it.
const MAX_VALUE_LINES: usize = 256;

/// A quoted value still open: its column, its text so far, how many lines
/// went on, and its last line (index, and its text when cited).
struct OpenValue {
    column: Column,
    text: String,
    lines: usize,
    last: usize,
    last_text: Option<String>,
}

/// The output read line by line as it arrives: the splitter (the whole
/// input at once) and the streaming reader are this one reader.
#[derive(Default)]
struct View {
    /// The row being read: its record, the line to cite and that line's
    /// text when cited.
    row: Option<(CaRecord, usize, Option<String>)>,
    in_pem: bool,
    value: Option<OpenValue>,
    /// Whether the cited lines' texts are kept (the streaming reader has
    /// no lines left to cite from at the end).
    cite: bool,
    requests: Requests<'static>,
}

impl View {
    /// A value read: set on its row. A failure is cited where its status
    /// is written (the value's last line).
    fn set(&mut self, value: OpenValue) {
        let Some((record, at, text)) = self.row.as_mut() else {
            return;
        };
        record.set(value.column, &value.text);
        if value.column == Column::StatusCode
            && super::status::parse(&value.text).is_some_and(|s| s.failed())
        {
            *at = value.last;
            *text = value.last_text;
        }
    }

    fn end_row(&mut self) {
        if let Some((record, at, text)) = self.row.take() {
            self.requests.push(record, at, text.as_deref());
        }
    }
}

impl LineReader for View {
    fn line(&mut self, index: usize, line: &str) {
        if let Some(mut open) = self.value.take() {
            if open.lines < MAX_VALUE_LINES {
                open.text.push(' ');
                open.text.push_str(line.trim());
                open.lines += 1;
                open.last = index;
                open.last_text = self.cite.then(|| line.to_string());
                if odd_quotes(line) {
                    self.set(open);
                } else {
                    self.value = Some(open);
                }
                return;
            }
            // Cut: the value ends before this line, which is read as any.
            self.set(open);
        }
        let t = line.trim();
        if t.starts_with("-----BEGIN") {
            self.in_pem = !t.contains("-----END");
            return;
        }
        if self.in_pem {
            self.in_pem = !t.starts_with("-----END");
            return;
        }
        if row_banner(t) {
            self.end_row();
            self.row = Some((
                CaRecord::default(),
                index,
                self.cite.then(|| line.to_string()),
            ));
            return;
        }
        if self.row.is_none() || hex_dump(line) {
            return;
        }
        let Some((label, value)) = field(t) else {
            return;
        };
        let Some(column) = columns::column(label) else {
            return;
        };
        let open = OpenValue {
            column,
            text: value.to_string(),
            lines: 0,
            last: index,
            last_text: self.cite.then(|| line.to_string()),
        };
        // A quoted value may go on over the next lines, to its closing quote.
        if value.starts_with('"') && odd_quotes(value) {
            self.value = Some(open);
        } else {
            self.set(open);
        }
    }

    /// The input ended: the value still open and the row are read.
    fn end(&mut self) {
        if let Some(open) = self.value.take() {
            self.set(open);
        }
        self.end_row();
    }

    fn into_requests(self) -> Requests<'static> {
        self.requests
    }
}

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    scope::split_with(View::default(), lines)
}

/// Reads the output as its lines arrive (the splitter kept the whole input).
fn stream(_: &[&str]) -> Option<Box<dyn LineStream>> {
    Some(Box::new(Streamed(View {
        cite: true,
        ..View::default()
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::fixture_files;
    use crate::input::decode::decode;
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
    fn the_streaming_reader_finds_what_the_splitter_finds() {
        let mut texts: Vec<(String, String)> = fixture_files()
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("certutil-view-"))
                    && p.extension().is_some_and(|e| e == "txt")
            })
            .filter_map(|p| {
                let text = decode(&std::fs::read(&p).ok()?).text;
                Some((p.display().to_string(), text))
            })
            .collect();
        assert!(texts.len() >= 3, "{}", texts.len());
        // A large output: issued rows of other templates with their PEM,
        // SCEP denials whose status and message go on over lines, a value
        // left open longer than MAX_VALUE_LINES, the trailer.
        let mut text =
            String::from("Schema:\r\n  Column Name   Localized Name   Type   MaxLength\r\n\r\n");
        for n in 1..1500 {
            text.push_str(&format!(
                "Row {n}:\r\n  Issued Request ID: 0x{n:x} ({n})\r\n"
            ));
            if n % 50 == 0 {
                text.push_str("  Requester Name: \"CONTOSO\\svc-ndes\"\r\n  Certificate Template: \"IntuneSCEP\"\r\n  Request Status Code: \"0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED) -- The permissions\r\n   on the certificate template do not allow the current user to enroll\"\r\n  Request Disposition Message: \"Denied by Policy Module\"\r\n");
            } else {
                text.push_str(&format!("  Requester Name: \"CONTOSO\\PC-{n}$\"\r\n  Certificate Template: \"Machine\"\r\n  Binary Certificate:\r\n-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\r\n"));
            }
            if n == 777 {
                text.push_str("  Request Disposition Message: \"open\r\n");
                text.push_str(&"  and on\r\n".repeat(MAX_VALUE_LINES + 3));
            }
            text.push_str("\r\n");
        }
        text.push_str("Maximum Row Index: 1499\r\n\r\n1499 Rows\r\nCertUtil: -view command completed successfully.\r\n");
        texts.push(("generated".into(), text));
        for (what, text) in &texts {
            for seed in 0..4 {
                scope::stream_finds_what_split_finds(&FORMAT, text, seed, what);
            }
        }
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

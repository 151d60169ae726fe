//! The Certification Authority console's "Export List…" of Issued
//! Certificates, Failed Requests, Pending Requests or Revoked Certificates,
//! and `certutil -view csv`: a header row of column names, then one row per
//! request. Comma-separated (values with commas in double quotes) or
//! tab-separated; ANSI, UTF-8 or Unicode (UTF-16 LE, decoded before this).
//! Any column set in any order: columns are keyed by their names
//! ([`super::columns`]), or by their values when a name is unknown. Dates
//! stay as the CA's locale wrote them.

use crate::core::model::Platform;
use crate::parse::format::{Format, Header, Record};

use std::borrow::Cow;

use super::columns::{self, Column};
use super::record::{cleaned, CaRecord};
use super::scope::Requests;

pub const FORMAT: Format = Format {
    id: "ca-export-list",
    platform: Platform::Ca,
    title: "Certification Authority list export (Issued, Failed, Pending, Revoked requests; certutil -view csv)",
    samples: &[
        // Failed Requests, comma-separated.
        "\"Request ID\",\"Binary Request\",\"Request Status Code\",\"Request Disposition Message\",\"Request Submission Date\",\"Requester Name\"",
        // Issued Certificates, tab-separated.
        "Request ID\tRequester Name\tBinary Certificate\tCertificate Template\tSerial Number\tCertificate Effective Date\tCertificate Expiration Date\tIssued Common Name",
        // certutil -view csv with -out columns.
        "\"Issued Request ID\",\"Request Disposition\",\"Request Status Code\",\"Issued Common Name\"",
        // Japanese console.
        "要求 ID\t要求者名\t証明書テンプレート\tシリアル番号\t発行された共通名",
    ],
    header: Some(header),
    marks: None,
    glued: None,
    split: Some(split),
    rules: super::rules::rules,
    stream: None,
};

/// Detection: a header row naming at least two CA columns.
fn header(line: &str) -> Option<Header<'_>> {
    let named = if line.contains('"') {
        let mut named = 0;
        each_cell(line, delimiter(line)?, |cell| {
            named += usize::from(columns::column(cell).is_some());
            named < 2
        });
        named
    } else {
        // Without quotes a cell is what lies between delimiters: counted
        // without building the cells (detection asks every line).
        line.split(char::from(delimiter(line)?))
            .filter(|cell| columns::column(cell).is_some())
            .take(2)
            .count()
    };
    (named >= 2).then_some(Header {
        time: None,
        thread: None,
        process: None,
        message: line,
    })
}

/// The columns a header line names (one per cell) and its delimiter.
fn header_cells(line: &str) -> Option<(Vec<Option<Column>>, u8)> {
    let delimiter = delimiter(line)?;
    let cells = split_row(line, delimiter);
    let columns: Vec<Option<Column>> = cells.iter().map(|c| columns::column(c)).collect();
    Some((columns, delimiter))
}

/// A header's delimiter: a tab if it holds one, else a comma if it holds one.
fn delimiter(line: &str) -> Option<u8> {
    let delimiter = if line.contains('\t') { b'\t' } else { b',' };
    memchr::memchr(delimiter, line.as_bytes()).map(|_| delimiter)
}

/// One line's cells (a quoted cell may hold the delimiter and `""`).
fn split_row(line: &str, delimiter: u8) -> Vec<String> {
    let mut out = Vec::new();
    each_cell(line, delimiter, |cell| {
        out.push(cell.to_string());
        true
    });
    out
}

/// Gives `visit` each cell of a line in turn, until it returns `false`.
/// Scans for the next quote or delimiter (`memchr`) and copies the spans
/// between into one buffer: a quoted Base-64 certificate is kilobytes, and
/// a character at a time was most of an export's reading time; detection
/// asks about lines of every format, and a `String` per cell was most of
/// its time on a JSON log's lines.
fn each_cell(line: &str, delimiter: u8, mut visit: impl FnMut(&str) -> bool) {
    let bytes = line.as_bytes();
    let mut cell = String::new();
    let mut quoted = false;
    let mut at = 0;
    loop {
        let rest = bytes.get(at..).unwrap_or_default();
        let found = if quoted {
            memchr::memchr(b'"', rest)
        } else {
            memchr::memchr2(b'"', delimiter, rest)
        };
        let Some(k) = found else {
            cell.push_str(line.get(at..).unwrap_or_default());
            break;
        };
        // Quote and delimiter are ASCII: the span ends on a character boundary.
        cell.push_str(line.get(at..at + k).unwrap_or_default());
        let mark = bytes.get(at + k).copied();
        at += k + 1;
        match mark {
            Some(b'"') if quoted => {
                if bytes.get(at) == Some(&b'"') {
                    cell.push('"');
                    at += 1;
                } else {
                    quoted = false;
                }
            }
            Some(b'"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            Some(b'"') => cell.push('"'),
            _ => {
                if !visit(&cell) {
                    return;
                }
                cell.clear();
            }
        }
    }
    visit(&cell);
}

/// Rows after the header: (0-based line, text). A quoted cell may go on
/// over several lines (a certificate in Base-64): such a row's lines are
/// joined, and it is cut at 4096 lines. Whether a quote is still open is
/// kept line by line (counting the whole row again for each line it took
/// was quadratic).
fn rows<'a, 'b>(
    lines: &'b [&'a str],
    from: usize,
) -> impl Iterator<Item = (usize, Cow<'a, str>)> + 'b {
    let mut i = from;
    std::iter::from_fn(move || {
        let start = i;
        let first = *lines.get(i)?;
        i += 1;
        let mut open = odd_quotes(first);
        if !open {
            return Some((start, Cow::Borrowed(first)));
        }
        let mut text = first.to_string();
        while open && i < lines.len() && i - start <= 4096 {
            let next = lines.get(i).copied().unwrap_or("");
            i += 1;
            open ^= odd_quotes(next);
            text.push('\n');
            text.push_str(next);
        }
        Some((start, Cow::Owned(text)))
    })
}

/// Whether a line holds an odd number of quotes.
fn odd_quotes(line: &str) -> bool {
    memchr::memchr_iter(b'"', line.as_bytes()).count() % 2 == 1
}

/// How many data rows tell an unknown column by its values: the first
/// ones (an export is uniform; all of a large one cost most of its memory).
const GUESS_ROWS: usize = 1_000;

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    // The header: the first line (of the first 50) naming two CA columns,
    // found by detection's test (which builds no cells for a line without
    // quotes), then read into cells.
    let Some((at, (mut columns, delimiter))) = lines
        .iter()
        .take(50)
        .position(|l| header(l).is_some())
        .and_then(|at| Some((at, header_cells(lines.get(at)?)?)))
    else {
        return Vec::new();
    };
    let mut rows = rows(lines, at + 1);
    let sample: Vec<(usize, Vec<String>)> = rows
        .by_ref()
        .map(|(line, text)| (line, split_row(&text, delimiter)))
        .filter(|(_, cells)| is_data(cells))
        .take(GUESS_ROWS)
        .collect();
    // A column whose name is unknown is told by its values; it never takes
    // the place of a named column, and the first of two guesses wins.
    let named: Vec<Column> = columns.iter().flatten().copied().collect();
    let mut guessed: Vec<Column> = Vec::new();
    for (k, column) in columns.iter_mut().enumerate() {
        if column.is_some() {
            continue;
        }
        let values = sample
            .iter()
            .filter_map(|(_, c)| c.get(k).map(String::as_str));
        if let Some(c) = columns::guess(values) {
            if !named.contains(&c) && !guessed.contains(&c) {
                guessed.push(c);
                *column = Some(c);
            }
        }
    }
    let mut requests = Requests::default();
    for (line, cells) in sample {
        let mut record = CaRecord::default();
        for (cell, column) in cells.iter().zip(&columns) {
            if let Some(column) = column {
                record.set(*column, cell);
            }
        }
        requests.push(record, line);
    }
    // The rest is read cell by cell into its record, without a row's cells;
    // a request that is only counted first, by its template and requester.
    let (mut template, mut requester) = (String::new(), String::new());
    for (line, text) in rows {
        template.clear();
        requester.clear();
        let (mut cells, mut any) = (0, false);
        each_cell(&text, delimiter, |cell| {
            any |= !cell.trim().is_empty();
            let name = match columns.get(cells) {
                Some(Some(Column::Template)) => Some(&mut template),
                Some(Some(Column::Requester)) => Some(&mut requester),
                _ => None,
            };
            if let Some(name) = name.filter(|n| n.is_empty()) {
                name.push_str(&cleaned(cell));
            }
            cells += 1;
            true
        });
        if cells < 2 || !any || requests.counted(&template, &requester, line) {
            continue;
        }
        let mut record = CaRecord::default();
        let mut k = 0;
        each_cell(&text, delimiter, |cell| {
            if let Some(Some(column)) = columns.get(k) {
                record.set(*column, cell);
            }
            k += 1;
            true
        });
        requests.push(record, line);
    }
    requests.finish()
}

/// A data row: two or more cells, not a certutil trailer (`2 Rows`,
/// `CertUtil: -view command completed successfully.`).
fn is_data(cells: &[String]) -> bool {
    cells.len() >= 2 && cells.iter().any(|c| !c.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::format::fields;

    fn read(text: &str) -> Vec<Vec<(String, String)>> {
        let lines: Vec<&str> = text.lines().collect();
        split(&lines)
            .into_iter()
            .map(|r| {
                fields(&r.parts[0].1)
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn quoted_csv_with_commas_and_a_trailer() {
        let rows = read("\"Request ID\",\"Request Status Code\",\"Request Disposition Message\"\n\"12\",\"The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\",\"Error Constructing or Publishing Certificate, retry\"\n1 Rows\nCertUtil: -view command completed successfully.\n");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][0], ("id".into(), "12".into()));
        assert_eq!(
            rows[0][2].1,
            "Error Constructing or Publishing Certificate, retry"
        );
    }

    #[test]
    fn an_unknown_header_is_told_by_its_values() {
        let rows = read("Request ID\tRequester Name\tSeriennummer\n7\tCONTOSO\\svc\t44000000069be40163789196d9000000000006\n");
        assert_eq!(
            rows[0][2],
            (
                "serial".into(),
                "44000000069be40163789196d9000000000006".into()
            )
        );
    }

    #[test]
    fn a_quoted_cell_spans_lines() {
        let rows = read("Request ID,Binary Certificate,Serial Number\n5,\"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\",1100000005aa\n6,,1100000006bb\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][0], ("id".into(), "6".into()));
    }

    #[test]
    fn cells_as_a_csv_writer_quotes_them() {
        let cells = |line: &str, d: u8| split_row(line, d);
        assert_eq!(
            cells("1,  \"a, \"\"b\"\"\" ,x\"y,,\"open, to the end", b','),
            ["1", "a, \"b\" ", "x\"y", "", "open, to the end"]
        );
        assert_eq!(
            cells("要求 ID\t\"証明書\"\t", b'\t'),
            ["要求 ID", "証明書", ""]
        );
        assert_eq!(cells("", b','), [""]);
    }

    #[test]
    fn after_a_scep_request_other_templates_are_counted() {
        // The rows after the first GUESS_ROWS are counted without records:
        // the same either way.
        let tail = "2,CONTOSO\\svc-ndes,IntuneSCEP\n3,CONTOSO\\svc-web,\"Web  Server\"\n4,CONTOSO\\svc-ndes,Machine\n5,CONTOSO\\jdoe,EMPTY\n6,CONTOSO\\PC-2$, Machine \n";
        for filler in [0, GUESS_ROWS] {
            let text = format!(
                "Request ID,Requester Name,Certificate Template\n1,CONTOSO\\PC-1$,Machine\n{}{tail}",
                "7,CONTOSO\\PC-7$,Machine\n".repeat(filler)
            );
            let rows = read(&text);
            let count = (3 + filler).to_string();
            let first: Vec<(&str, &str)> = rows
                .iter()
                .map(|r| (r[0].0.as_str(), r[0].1.as_str()))
                .collect();
            assert_eq!(
                first,
                [
                    ("id", "2"),
                    ("id", "4"),
                    ("id", "5"),
                    ("count", count.as_str())
                ]
            );
            let templates = format!("Machine ({}), Web Server (1)", 2 + filler);
            assert_eq!(rows[3][1], ("templates".into(), templates));
        }
    }

    #[test]
    fn no_header_no_rows() {
        assert!(read("hello, world\n1,2\n").is_empty());
        assert!(read("").is_empty());
    }
}

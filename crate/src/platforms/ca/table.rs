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
use crate::parse::reader::LineStream;

use super::columns::{self, Column};
use super::record::{cleaned, CaRecord};
use super::scope::{self, odd_quotes, Fate, LineReader, Requests, Streamed};

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
    stream: Some(stream),
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

/// Most lines one row may take: a quoted cell may go on over several lines
/// (a certificate in Base-64), and a row still open after this many is cut.
const MAX_ROW_LINES: usize = 4097;

/// How many data rows tell an unknown column by its values: the first
/// ones (an export is uniform; all of a large one cost most of its memory).
const GUESS_ROWS: usize = 1_000;

/// A data row kept to tell unknown columns: its line, its cells and the
/// text of its first line when cited.
type Sampled = (usize, Vec<String>, Option<String>);

/// An export read row by row as its lines arrive: the splitter (the whole
/// input at once) and the streaming reader are this one reader.
struct Table {
    /// The header's line; it and the lines before it are no rows.
    header_at: usize,
    columns: Vec<Option<Column>>,
    delimiter: u8,
    /// A row whose quoted cell goes on: its first line, its text so far and
    /// how many lines that is. Whether a quote is still open is kept line
    /// by line (counting the whole row again for each line was quadratic).
    open: Option<(usize, String, usize)>,
    /// The first data rows until they have told the unknown columns; then
    /// `None`.
    sample: Option<Vec<Sampled>>,
    /// Whether a row's first line is kept to cite (the streaming reader
    /// has no lines left to cite from at the end).
    cite: bool,
    requests: Requests<'static>,
    /// Other templates' rows (line, text) until a SCEP request shows: read
    /// at the end if none does.
    held: Vec<(usize, String)>,
    /// A row's template and requester, read first (buffers kept).
    template: String,
    requester: String,
}

impl Table {
    /// The reader of an export whose header is the first of `head`'s first
    /// 50 lines to name two CA columns (found by detection's test, which
    /// builds no cells for a line without quotes).
    fn new(head: &[&str], cite: bool) -> Option<Table> {
        let header_at = head.iter().take(50).position(|l| header(l).is_some())?;
        let (columns, delimiter) = header_cells(head.get(header_at)?)?;
        Some(Table {
            header_at,
            columns,
            delimiter,
            open: None,
            sample: Some(Vec::new()),
            cite,
            requests: Requests::default(),
            held: Vec::new(),
            template: String::new(),
            requester: String::new(),
        })
    }

    /// One row, from its first line `line`.
    fn row(&mut self, line: usize, text: &str) {
        let raw = self.cite.then(|| text.split('\n').next().unwrap_or(""));
        if let Some(sample) = self.sample.as_mut() {
            let cells = split_row(text, self.delimiter);
            if is_data(&cells) {
                sample.push((line, cells, raw.map(str::to_string)));
            }
            if sample.len() >= GUESS_ROWS {
                self.settle();
            }
            return;
        }
        // A request that is only counted is known by its template and
        // requester, read first; it builds no record.
        self.template.clear();
        self.requester.clear();
        let (mut cells, mut any) = (0, false);
        let (columns, template, requester) =
            (&self.columns, &mut self.template, &mut self.requester);
        each_cell(text, self.delimiter, |cell| {
            any |= !cell.trim().is_empty();
            let name = match columns.get(cells) {
                Some(Some(Column::Template)) => Some(&mut *template),
                Some(Some(Column::Requester)) => Some(&mut *requester),
                _ => None,
            };
            if let Some(name) = name.filter(|n| n.is_empty()) {
                name.push_str(&cleaned(cell));
            }
            cells += 1;
            true
        });
        if cells < 2 || !any {
            return;
        }
        match self
            .requests
            .fate(&self.template, &self.requester, line, raw)
        {
            Fate::Counted => {}
            Fate::Held => self.held.push((line, text.to_string())),
            Fate::Told => {
                let record = self.record(text);
                self.requests.push(record, line, raw);
                if self.requests.scep_seen() {
                    self.held = Vec::new();
                }
            }
        }
    }

    /// A row's record, its cells read into their columns.
    fn record(&self, text: &str) -> CaRecord {
        let mut record = CaRecord::default();
        let mut k = 0;
        each_cell(text, self.delimiter, |cell| {
            if let Some(Some(column)) = self.columns.get(k) {
                record.set(*column, cell);
            }
            k += 1;
            true
        });
        record
    }

    /// The sampled rows have told the unknown columns (or the input ended):
    /// a column whose name is unknown is told by its values, never takes
    /// the place of a named column, and the first of two guesses wins.
    /// Then the sampled rows are read.
    fn settle(&mut self) {
        let Some(sample) = self.sample.take() else {
            return;
        };
        let named: Vec<Column> = self.columns.iter().flatten().copied().collect();
        let mut guessed: Vec<Column> = Vec::new();
        for (k, column) in self.columns.iter_mut().enumerate() {
            if column.is_some() {
                continue;
            }
            let values = sample
                .iter()
                .filter_map(|(_, c, _)| c.get(k).map(String::as_str));
            if let Some(c) = columns::guess(values) {
                if !named.contains(&c) && !guessed.contains(&c) {
                    guessed.push(c);
                    *column = Some(c);
                }
            }
        }
        for (line, cells, raw) in sample {
            let mut record = CaRecord::default();
            for (cell, column) in cells.iter().zip(&self.columns) {
                if let Some(column) = column {
                    record.set(*column, cell);
                }
            }
            self.requests.push(record, line, raw.as_deref());
        }
    }
}

impl LineReader for Table {
    fn line(&mut self, index: usize, line: &str) {
        if index <= self.header_at {
            return;
        }
        if let Some((start, mut text, lines)) = self.open.take() {
            text.push('\n');
            text.push_str(line);
            if odd_quotes(line) || lines + 1 >= MAX_ROW_LINES {
                self.row(start, &text);
            } else {
                self.open = Some((start, text, lines + 1));
            }
        } else if odd_quotes(line) {
            self.open = Some((index, line.to_string(), 1));
        } else {
            self.row(index, line);
        }
    }

    /// The input ended: the row still open and the sample are read, and
    /// the rows held when no SCEP request showed.
    fn end(&mut self) {
        if let Some((start, text, _)) = self.open.take() {
            self.row(start, &text);
        }
        self.settle();
        for (line, text) in std::mem::take(&mut self.held) {
            let record = self.record(&text);
            let raw = self.cite.then(|| text.split('\n').next().unwrap_or(""));
            self.requests.push(record, line, raw);
        }
    }

    fn into_requests(self) -> Requests<'static> {
        self.requests
    }
}

fn split<'a>(lines: &[&'a str]) -> Vec<Record<'a>> {
    match Table::new(lines, false) {
        Some(table) => scope::split_with(table, lines),
        None => Vec::new(),
    }
}

/// Reads an export as its lines arrive (the splitter kept the whole input).
fn stream(head: &[&str]) -> Option<Box<dyn LineStream>> {
    Some(Box::new(Streamed(Table::new(head, true)?)))
}

/// A data row: two or more cells, not a certutil trailer (`2 Rows`,
/// `CertUtil: -view command completed successfully.`).
fn is_data(cells: &[String]) -> bool {
    cells.len() >= 2 && cells.iter().any(|c| !c.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::fixture_files;
    use crate::input::decode::decode;
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
    fn the_streaming_reader_finds_what_the_splitter_finds() {
        let mut texts: Vec<(String, String)> = fixture_files()
            .into_iter()
            .filter(|p| {
                p.parent().is_some_and(|d| d.ends_with("ca"))
                    && p.extension().is_some_and(|e| e == "csv" || e == "tsv")
            })
            .filter_map(|p| {
                let text = decode(&std::fs::read(&p).ok()?).text;
                Some((p.display().to_string(), text))
            })
            .collect();
        assert!(texts.len() >= 6, "{}", texts.len());
        // Large exports: other templates' rows before and after GUESS_ROWS,
        // a certificate quoted over lines, a trailer; with a SCEP request
        // past the sample, and without one.
        let header =
            "Request ID,Requester Name,Binary Certificate,Certificate Template,Serial Number\r\n";
        for scep in [true, false] {
            let mut text = header.to_string();
            for n in 0..GUESS_ROWS + 300 {
                let (requester, template) = match n % 4 {
                    _ if scep && n == GUESS_ROWS + 7 => ("CONTOSO\\svc-ndes", "IntuneSCEP"),
                    0 => ("CONTOSO\\PC-1$", "Machine"),
                    1 => ("CONTOSO\\svc-web", "\"Web  Server\""),
                    2 => ("CONTOSO\\jdoe", ""),
                    _ => ("CONTOSO\\svc-ndes", "Machine"),
                };
                let certificate = if n % 97 == 0 {
                    "\"-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\""
                } else {
                    ""
                };
                text.push_str(&format!(
                    "{n},{requester},{certificate},{template},3a{n:036x}\r\n"
                ));
            }
            text.push_str("1300 Rows\r\n");
            texts.push((format!("generated, SCEP {scep}"), text));
        }
        for (what, text) in &texts {
            for seed in 0..4 {
                scope::stream_finds_what_split_finds(&FORMAT, text, seed, what);
            }
        }
    }

    #[test]
    fn without_a_scep_request_every_row_is_told_in_order() {
        // Past the sample, other templates' rows are held, then read at the
        // end among the rows told at once (no template).
        let mut text = String::from("Request ID,Requester Name,Certificate Template\n");
        for n in 0..GUESS_ROWS + 5 {
            let template = if n % 3 == 0 { "" } else { "Machine" };
            text.push_str(&format!("{n},CONTOSO\\PC-{n}$,{template}\n"));
        }
        let ids: Vec<String> = read(&text).iter().map(|r| r[0].1.clone()).collect();
        let expected: Vec<String> = (0..GUESS_ROWS + 5).map(|n| n.to_string()).collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn no_header_no_rows() {
        assert!(read("hello, world\n1,2\n").is_empty());
        assert!(read("").is_empty());
    }
}

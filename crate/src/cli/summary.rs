//! Batch triage's summary: one row per device, made from its report, and
//! written as text, CSV or JSON Lines. Pure: no I/O, no clock.

use scep_doctor::i18n::{self, Lang};
use scep_doctor::model::{Severity, Step, Verdict};
use scep_doctor::report::Report;
use serde::Serialize;

/// How the summary is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Csv,
    Jsonl,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "text" | "txt" => Some(Format::Text),
            "csv" => Some(Format::Csv),
            "jsonl" | "json-lines" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// What became of a device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The worst verdict of its platforms.
    Verdict(Verdict),
    /// Read, but no input was recognized as a log.
    Unreadable,
    /// A file could not be read (or its report not written).
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verdict(v) => v.as_str(),
            Status::Unreadable => "unreadable",
            Status::Error => "error",
        }
    }

    /// The exit status this device asks for: 0 fine, 1 a certificate
    /// failed, 2 not read. The run exits with the highest.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Verdict(Verdict::Failed) => 1,
            Status::Verdict(_) => 0,
            Status::Unreadable | Status::Error => 2,
        }
    }
}

/// One device's line of the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub device: String,
    /// Platform ids (`android`, `ndes`…), in the report's order.
    pub platforms: Vec<&'static str>,
    #[serde(rename = "verdict", serialize_with = "status_code")]
    pub status: Status,
    /// The failing step of the most urgent certificate, if one failed.
    pub step: Option<u8>,
    pub step_title: String,
    /// The top finding: the most severe, the most urgent certificate's first.
    pub finding: String,
    pub finding_title: String,
    /// Why a device could not be read.
    pub note: String,
}

fn status_code<S: serde::Serializer>(status: &Status, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_str())
}

impl Row {
    /// The row of a device's report, whose texts are in `lang` already
    /// (see [`i18n::localize`]).
    pub fn of_report(device: &str, report: &Report, lang: Lang) -> Row {
        let platforms: Vec<&'static str> = report
            .platforms
            .iter()
            .map(|p| p.platform.as_str())
            .collect();
        let mut row = Row::error(device, "");
        row.platforms = platforms;
        if report.sources.iter().all(|s| s.platform.is_none()) {
            row.status = Status::Unreadable;
            row.note = unreadable_note(report, lang);
            return row;
        }
        let worst = report
            .platforms
            .iter()
            .map(|p| p.verdict)
            .max_by_key(|v| v.urgency())
            .unwrap_or(Verdict::Incomplete);
        row.status = Status::Verdict(worst);

        // The most urgent certificate (the first of equals) and its step.
        let mut urgent: Option<(u8, Option<Step>)> = None;
        // The top finding: on the most urgent certificate (a platform's own
        // findings count as its verdict's), then the most severe, first of
        // equals: the finding that explains the verdict.
        let mut top: Option<((u8, u8), &str, &str)> = None;
        let rank = |s: Severity| match s {
            Severity::Error => 2,
            Severity::Warning => 1,
            Severity::Info => 0,
        };
        for platform in &report.platforms {
            for certificate in &platform.certificates {
                let u = certificate.verdict.urgency();
                if urgent.is_none_or(|(best, _)| u > best) {
                    urgent = Some((u, certificate.failed_step));
                }
                for f in &certificate.findings {
                    let key = (u, rank(f.severity));
                    if top.is_none_or(|(best, _, _)| key > best) {
                        top = Some((key, &f.code, &f.title));
                    }
                }
            }
            let u = platform.verdict.urgency();
            for f in &platform.findings {
                let key = (u, rank(f.severity));
                if top.is_none_or(|(best, _, _)| key > best) {
                    top = Some((key, &f.code, &f.title));
                }
            }
        }
        if worst == Verdict::Failed {
            if let Some((_, Some(step))) = urgent {
                row.step = Some(step.0);
                row.step_title = i18n::step_title(lang, step).to_string();
            }
        }
        if let Some((_, code, title)) = top {
            row.finding = code.to_string();
            row.finding_title = title.to_string();
        }
        row
    }

    /// The row of a device that could not be read.
    pub fn error(device: &str, message: &str) -> Row {
        Row {
            device: device.to_string(),
            platforms: Vec::new(),
            status: Status::Error,
            step: None,
            step_title: String::new(),
            finding: String::new(),
            finding_title: String::new(),
            note: message.to_string(),
        }
    }
}

/// Why no input of a report was read: the first problem of its sources.
fn unreadable_note(report: &Report, lang: Lang) -> String {
    let Some(first) = report.sources.first() else {
        return i18n::t(lang, "problem.empty").to_string();
    };
    let problem = report.sources.iter().flat_map(|s| s.problems.iter()).next();
    match problem {
        Some(p) => {
            let message = i18n::problem_message(lang, p).unwrap_or_else(|| p.message.clone());
            let message = first_sentence(&message);
            if report.sources.len() == 1 {
                message.to_string()
            } else {
                format!("{}: {message}", first.name)
            }
        }
        None => i18n::t(lang, "problem.unknown-format").to_string(),
    }
}

/// A message up to the end of its first sentence (the list of readable
/// formats that follows "unknown format" does not fit a summary line).
fn first_sentence(message: &str) -> &str {
    let end = [". ", "。"]
        .iter()
        .filter_map(|stop| message.find(stop).map(|at| at + stop.len()))
        .min()
        .unwrap_or(message.len());
    message.get(..end).unwrap_or(message).trim_end()
}

/// Column widths of the text summary (the device names are known before
/// any device is read, so the lines can be written as they come).
pub struct TextLayout {
    pub device: usize,
}

impl TextLayout {
    pub fn new<'a>(devices: impl Iterator<Item = &'a str>) -> TextLayout {
        let widest = devices.map(|d| d.chars().count()).max().unwrap_or(0);
        TextLayout {
            device: widest.clamp("DEVICE".len(), 40),
        }
    }
}

const PLATFORMS_WIDTH: usize = 14;
const VERDICT_WIDTH: usize = 11;

/// The header line of a format, if it has one (with its line end).
pub fn header(format: Format, layout: &TextLayout) -> Option<String> {
    match format {
        Format::Text => Some(text_line(
            layout,
            "DEVICE",
            "PLATFORMS",
            "VERDICT",
            "STEP",
            "TOP FINDING",
        )),
        Format::Csv => Some(csv_line(&[
            "device",
            "platforms",
            "verdict",
            "step",
            "step_title",
            "finding",
            "finding_title",
            "note",
        ])),
        Format::Jsonl => None,
    }
}

/// One row in a format (with its line end).
pub fn line(format: Format, layout: &TextLayout, row: &Row) -> String {
    match format {
        Format::Text => {
            // Verdicts by their codes, in every language: one vocabulary
            // to grep for.
            let verdict = row.status.as_str();
            let step = row.step.map_or_else(|| "-".to_string(), |s| s.to_string());
            let finding = if !row.finding.is_empty() {
                format!("{} — {}", row.finding, row.finding_title)
            } else if !row.note.is_empty() {
                row.note.clone()
            } else {
                "-".to_string()
            };
            let platforms = if row.platforms.is_empty() {
                "-".to_string()
            } else {
                row.platforms.join("+")
            };
            text_line(
                layout,
                &one_line(&row.device),
                &platforms,
                verdict,
                &step,
                &one_line(&finding),
            )
        }
        Format::Csv => csv_line(&[
            &row.device,
            &row.platforms.join("+"),
            row.status.as_str(),
            &row.step.map_or_else(String::new, |s| s.to_string()),
            &row.step_title,
            &row.finding,
            &row.finding_title,
            &row.note,
        ]),
        Format::Jsonl => {
            // A row of strings and numbers always serializes.
            serde_json::to_string(row).unwrap_or_default() + "\n"
        }
    }
}

fn text_line(
    layout: &TextLayout,
    device: &str,
    platforms: &str,
    verdict: &str,
    step: &str,
    finding: &str,
) -> String {
    format!(
        "{}  {}  {}  {:>4}  {}\n",
        pad(device, layout.device),
        pad(platforms, PLATFORMS_WIDTH),
        pad(verdict, VERDICT_WIDTH),
        step,
        finding
    )
    .replace(|c: char| c != '\n' && c.is_control(), " ")
}

/// `s` padded with spaces to `width` characters (longer stays longer).
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// A text on one line (a title or name with line breaks in it).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One CSV record (RFC 4180): a field is quoted when it holds a comma, a
/// quote, a line break or surrounding space, its quotes doubled; records end
/// in CRLF. Hand-written: ten lines, where the `csv` crate would add three
/// crates for it.
pub fn csv_line(fields: &[&str]) -> String {
    let mut out = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A spreadsheet runs a cell that starts like a formula; device names
        // come from file names, so such a cell gets a leading apostrophe
        // (OWASP's advice on CSV injection). A lone "-" stays as it is.
        let formula = field.starts_with(['=', '+', '@', '\t', '\r'])
            || (field.starts_with('-') && field.len() > 1);
        let neutral;
        let field = if formula {
            neutral = format!("'{field}");
            neutral.as_str()
        } else {
            field
        };
        let quote = field.contains([',', '"', '\r', '\n'])
            || field.starts_with(' ')
            || field.ends_with(' ');
        if quote {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
    out
}

/// A device name made safe as a file name: letters, digits, `.`, `-` and
/// `_` kept, anything else `_`, no leading dot (so never `..`), at most 100
/// characters, never empty.
pub fn file_name(device: &str) -> String {
    let mut name: String = device
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    while name.starts_with('.') {
        name.remove(0);
    }
    if name.is_empty() {
        name = "device".to_string();
    }
    name
}

/// Safe file names for devices, unique even where file names ignore case
/// (a later device of the same name gets `-2`, `-3`…).
pub fn unique_file_names<'a>(devices: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    let mut out = Vec::new();
    for device in devices {
        let base = file_name(device);
        let mut name = base.clone();
        let mut n = 1;
        while !taken.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_as_rfc_4180_says() {
        assert_eq!(csv_line(&["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(
            csv_line(&["x,y", "say \"hi\"", "two\nlines", " pad"]),
            "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\"\r\n"
        );
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(
            csv_line(&["=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "-2+3", "-", "a=b"]),
            "\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM(A1),'-2+3,-,a=b\r\n"
        );
    }

    #[test]
    fn file_names_cannot_climb_out() {
        assert_eq!(file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_name(".."), "device");
        assert_eq!(file_name(""), "device");
        assert_eq!(file_name("a\\b:c"), "a_b_c");
        assert_eq!(file_name("端末-01"), "端末-01");
        assert_eq!(file_name(&"x".repeat(300)).len(), 100);
        assert_eq!(
            unique_file_names(["Pixel", "pixel", "Pixel", "a/b", "a_b"].into_iter()),
            ["Pixel", "pixel-2", "Pixel-3", "a_b", "a_b-2"]
        );
    }

    #[test]
    fn exit_codes_order_by_worst() {
        assert_eq!(Status::Verdict(Verdict::Delivered).exit_code(), 0);
        assert_eq!(Status::Verdict(Verdict::Pending).exit_code(), 0);
        assert_eq!(Status::Verdict(Verdict::Failed).exit_code(), 1);
        assert_eq!(Status::Unreadable.exit_code(), 2);
        assert_eq!(Status::Error.exit_code(), 2);
    }

    #[test]
    fn rows_of_an_empty_report_say_unreadable() {
        let report = scep_doctor::analyze(&[]);
        let row = Row::of_report("dev", &report, Lang::En);
        assert_eq!(row.status, Status::Unreadable);
        assert!(!row.note.is_empty());
        let text = line(Format::Text, &TextLayout::new(["dev"].into_iter()), &row);
        assert!(text.starts_with("dev "), "{text}");
        let json = line(Format::Jsonl, &TextLayout { device: 6 }, &row);
        assert!(json.contains("\"verdict\":\"unreadable\""), "{json}");
    }
}

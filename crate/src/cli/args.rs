//! The command line, read with `lexopt` into [`Options`].

use std::ffi::OsString;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use scep_doctor::i18n::Lang;
use scep_doctor::time::UtcOffset;

use super::summary::Format;

pub const HELP: &str = "\
scep-doctor — where did my Intune SCEP certificate stop, and why?

Reads device logs (Android Company Portal OMADM.log, Android Enterprise
CloudExtension.log, iOS/iPadOS Console copies as text or TextEdit .rtf and
`log show` output, Windows Event Viewer exports and .evtx, zip bundles) and
the NDES server's logs (IIS u_ex*.log, Certificate Connector and Application
.evtx), and prints a certificate delivery report: each trusted root and SCEP
certificate, every step it reached with time and source line, where it
stopped, why, and what to do next. Nothing leaves this machine.

USAGE:
    scep-doctor [--json | --markdown] [--lang en|ja] [--no-redact] [--color WHEN]
                [--device-utc-offset OFFSET] [FILE...]
    scep-doctor explain [--lang en|ja] CODE...
    scep-doctor --each [--format text|csv|jsonl] [--out DIR [--json | --markdown]]
                [--jobs N] [--quiet] [--lang en|ja] [--redact | --no-redact] PATH...

    With no FILE, or when FILE is -, reads standard input. Several files are
    analyzed together into one report (e.g. rotated OMADM logs); a FILE that
    is a folder is every file under it (e.g. an NDES server's logs).

EXPLAIN:
    Explains each CODE: meaning, fix, the flow step it belongs to, its family
    and SDK symbol. A CODE is written as hex (0x80072EFD or 80072EFD), signed
    or unsigned decimal (-2147012867, 2147954429), WinHTTP's own number
    (12029), an Apple code (22013, -67843, Domain=MCSCEPErrorDomain Code=22013)
    or the system message; or a whole pasted line holding one (quote it).
    With no CODE, each line of standard input is one. A code not in the table
    still gets its family. Exit status: 0 when every CODE was read, 2 when one
    could not be.

BATCH TRIAGE (--each):
    Each PATH is one device, analyzed on its own: a folder is one device (every
    file inside it, sub-folders included), a zip or cab is one device (every
    member), any other file is one device. The device's name is the folder's
    name or the file's name without its extension. Prints one line per device,
    in the order of the PATHs: device, platforms, verdict, failing step and
    the top finding (code and title). Uses every core; shows progress on
    standard error on a terminal or when the run is long.

OPTIONS:
    --json          Print the report document (schema scep-doctor.report/1)
    --markdown      Print a ticket-ready Markdown summary
    --lang LANG     Language of the report: en (default) or ja (日本語)
    --no-redact     Keep identifiers in --json and --markdown output. By default
                    user names, e-mail addresses, SIDs, device and tenant ids,
                    host names, IP addresses, serial numbers and thumbprints are
                    replaced by stable placeholders (<host-1>, <email-1>…)
    --redact        Redact the terminal report (and the --each summary) too
    --color WHEN    auto (default: only on a terminal, and not with NO_COLOR),
                    always or never
    --device-utc-offset OFFSET
                    The device's UTC offset when its log was written (+09:00,
                    -5, UTC+5:30). Android OMADM logs and Event Viewer list
                    copies write times with no zone; with it they are joined
                    by time to the NDES server's IIS log (UTC). Never guessed
    --each          Batch triage: one device per PATH (see above)
    --format FMT    The --each summary: text (default), csv (RFC 4180, with a
                    header row) or jsonl (one JSON object per line)
    --out DIR       With --each: also write each device's full report to
                    DIR/<device>.txt (or .json with --json, .md with --markdown);
                    names are made safe for a file name and unique
    --jobs N        With --each: devices analyzed at once (default: every core)
    -q, --quiet     With --each: no progress on standard error
    -h, --help      Print this help
    -V, --version   Print the version

EXIT STATUS:
    0  no certificate failed
    1  at least one certificate failed
    2  an input could not be read, or the command line is wrong
    With --each, the worst over all devices: 2 when any device could not be
    read (or holds no recognized log), else 1 when any device has a failed
    certificate, else 0.

EXAMPLES:
    scep-doctor OMADM.log
    scep-doctor --json OMADM.log OMADM.log.1 > report.json
    adb shell cat /sdcard/.../OMADM.log | scep-doctor -
    scep-doctor --each --format csv --out reports/ tickets/*.zip > triage.csv
    scep-doctor explain 0x80072EFD -2016281112 --lang ja
";

/// What the full report looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
    Markdown,
}

impl Output {
    /// The extension of a report file written with `--out`.
    pub fn extension(self) -> &'static str {
        match self {
            Output::Text => "txt",
            Output::Json => "json",
            Output::Markdown => "md",
        }
    }
}

/// What to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Version,
    /// One report over every input.
    Report,
    /// One report per device (`--each`).
    Each,
    /// Explain codes (`explain CODE…`): `files` holds the codes.
    Explain,
}

/// The command line, read.
#[derive(Debug)]
pub struct Options {
    pub command: Command,
    pub output: Output,
    pub color: Option<bool>,
    pub lang: Lang,
    pub redact: Option<bool>,
    pub files: Vec<OsString>,
    pub format: Format,
    pub out: Option<PathBuf>,
    pub jobs: Option<NonZeroUsize>,
    pub quiet: bool,
    /// `--device-utc-offset`.
    pub device_utc_offset: Option<UtcOffset>,
}

impl Options {
    /// Whether the report (or summary) is redacted: exports are unless asked
    /// not to; the terminal view and the `--each` summary are not.
    pub fn redacted(&self) -> bool {
        self.redact.unwrap_or(self.output != Output::Text)
    }
}

/// Reads the command line (without the program's name). `Err` is a usage
/// error's message.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Options, String> {
    use lexopt::prelude::*;
    let mut options = Options {
        command: Command::Report,
        output: Output::Text,
        color: None,
        lang: Lang::En,
        redact: None,
        files: Vec::new(),
        format: Format::Text,
        out: None,
        jobs: None,
        quiet: false,
        device_utc_offset: None,
    };
    let mut each = false;
    let mut format = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => options.command = Command::Help,
            Short('V') | Long("version") => options.command = Command::Version,
            Long("json") => options.output = Output::Json,
            Long("markdown") | Long("md") => options.output = Output::Markdown,
            Long("no-redact") => options.redact = Some(false),
            Long("redact") => options.redact = Some(true),
            Long("lang") => {
                let value = text(&mut parser)?;
                options.lang = Lang::parse(&value).ok_or("--lang takes en or ja")?;
            }
            Long("color") | Long("colour") => {
                options.color = match text(&mut parser)?.as_str() {
                    "always" => Some(true),
                    "never" => Some(false),
                    "auto" => None,
                    other => {
                        return Err(format!("--color takes auto, always or never, not {other}"))
                    }
                }
            }
            Long("each") => each = true,
            Long("format") => {
                let value = text(&mut parser)?;
                format =
                    Some(Format::parse(&value).ok_or_else(|| {
                        format!("--format takes text, csv or jsonl, not {value}")
                    })?);
            }
            Long("out") => {
                options.out = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?))
            }
            Long("jobs") | Short('j') => {
                let value = text(&mut parser)?;
                options.jobs = Some(
                    value
                        .parse::<NonZeroUsize>()
                        .map_err(|_| format!("--jobs takes a number above 0, not {value}"))?,
                );
            }
            Short('q') | Long("quiet") => options.quiet = true,
            Long("device-utc-offset") => {
                let value = text(&mut parser)?;
                options.device_utc_offset = Some(UtcOffset::parse(&value).ok_or_else(|| {
                    format!("--device-utc-offset takes an offset from UTC such as +09:00 or -5, not {value}")
                })?);
            }
            Value(file) if file == "explain" && options.files.is_empty() && !each => {
                options.command = Command::Explain;
                explain_args(&mut parser, &mut options)?;
            }
            Value(file) => options.files.push(file),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if options.command == Command::Explain {
        return Ok(options);
    }
    if matches!(options.command, Command::Help | Command::Version) {
        return Ok(options);
    }
    if each {
        options.command = Command::Each;
        options.format = format.unwrap_or(Format::Text);
        if options.files.is_empty() {
            return Err("--each needs at least one PATH (a folder, a zip or a file)".into());
        }
        if options.files.iter().any(|f| f == "-") {
            return Err("--each reads files, folders and zips, not standard input".into());
        }
        if options.out.is_none() && options.output != Output::Text {
            return Err("with --each, --json and --markdown choose what --out DIR writes".into());
        }
    } else {
        let batch_only = [
            (format.is_some(), "--format"),
            (options.out.is_some(), "--out"),
            (options.jobs.is_some(), "--jobs"),
            (options.quiet, "--quiet"),
        ];
        if let Some((_, name)) = batch_only.iter().find(|(given, _)| *given) {
            return Err(format!("{name} goes with --each"));
        }
        if options.files.is_empty() {
            options.files.push("-".into());
        }
    }
    Ok(options)
}

/// The arguments after `explain`, read raw: a code may start with `-`
/// (`-2147012867`), so only `--lang`, `-h` and `--help` are options there.
fn explain_args(parser: &mut lexopt::Parser, options: &mut Options) -> Result<(), String> {
    let mut raw: Vec<OsString> = parser.raw_args().map_err(|e| e.to_string())?.collect();
    raw.reverse();
    while let Some(arg) = raw.pop() {
        let text = arg.to_string_lossy();
        if text == "-h" || text == "--help" {
            options.command = Command::Help;
        } else if text == "--lang" {
            let value = raw.pop().ok_or("--lang takes en or ja")?;
            options.lang = Lang::parse(&value.to_string_lossy()).ok_or("--lang takes en or ja")?;
        } else if let Some(value) = text.strip_prefix("--lang=") {
            options.lang = Lang::parse(value).ok_or("--lang takes en or ja")?;
        } else {
            options.files.push(arg);
        }
    }
    Ok(())
}

/// An option's value, as UTF-8.
fn text(parser: &mut lexopt::Parser) -> Result<String, String> {
    let value = parser.value().map_err(|e| e.to_string())?;
    value
        .into_string()
        .map_err(|v| format!("not UTF-8: {}", v.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Options, String> {
        parse(list.iter().map(OsString::from))
    }

    #[test]
    fn single_report_options_read_as_before() {
        let o = args(&["--json", "--lang=ja", "--no-redact", "a.log", "-"]).unwrap();
        assert_eq!(o.command, Command::Report);
        assert_eq!(o.output, Output::Json);
        assert_eq!(o.lang, Lang::Ja);
        assert_eq!(o.redact, Some(false));
        assert_eq!(o.files, ["a.log", "-"]);
        let o = args(&["--lang", "ja", "--color", "never", "--", "--json"]).unwrap();
        assert_eq!(o.color, Some(false));
        assert_eq!(o.files, ["--json"]);
        assert_eq!(args(&[]).unwrap().files, ["-"]);
        let o = args(&["--device-utc-offset", "+09:00", "a.log"]).unwrap();
        assert_eq!(o.device_utc_offset.map(UtcOffset::minutes), Some(540));
        let o = args(&["--device-utc-offset=-5", "a.log"]).unwrap();
        assert_eq!(o.device_utc_offset.map(UtcOffset::minutes), Some(-300));
    }

    #[test]
    fn each_options() {
        let o = args(&[
            "--each", "--format", "csv", "--out", "r", "-j", "3", "-q", "a", "b",
        ])
        .unwrap();
        assert_eq!(o.command, Command::Each);
        assert_eq!(o.format, Format::Csv);
        assert_eq!(o.out, Some(PathBuf::from("r")));
        assert_eq!(o.jobs.map(NonZeroUsize::get), Some(3));
        assert!(o.quiet);
        assert_eq!(o.files, ["a", "b"]);
    }

    #[test]
    fn usage_errors() {
        for wrong in [
            &["--nope"][..],
            &["--lang", "fr"],
            &["--color", "sometimes"],
            &["--each"],
            &["--each", "-"],
            &["--each", "--format", "xml", "a"],
            &["--each", "--jobs", "0", "a"],
            &["--each", "--json", "a"],
            &["--format", "csv", "a"],
            &["--out", "d", "a"],
            &["--device-utc-offset", "JST", "a"],
        ] {
            assert!(args(wrong).is_err(), "{wrong:?}");
        }
    }
}

//! `scep-doctor`: the command-line shell around the core, for batch triage.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use scep_doctor::i18n::{localize, Lang};
use scep_doctor::{render, stream::Analysis};

const HELP: &str = "\
scep-doctor — where did my Intune SCEP certificate stop, and why?

Reads device logs (Android Company Portal OMADM.log, Android Enterprise
CloudExtension.log, iOS/iPadOS Console copies as text or TextEdit .rtf and
`log show` output, Windows Event Viewer exports and .evtx, zip bundles) and
the NDES server's logs (IIS u_ex*.log, Certificate Connector and Application
.evtx), and prints a certificate delivery report: each trusted root and SCEP
certificate, every step it reached with time and source line, where it
stopped, why, and what to do next. Nothing leaves this machine.

USAGE:
    scep-doctor [--json | --markdown] [--lang en|ja] [--no-redact] [--color WHEN] [FILE...]

    With no FILE, or when FILE is -, reads standard input. Several files are
    analyzed together into one report (e.g. rotated OMADM logs).

OPTIONS:
    --json          Print the report document (schema scep-doctor.report/1)
    --markdown      Print a ticket-ready Markdown summary
    --lang LANG     Language of the report: en (default) or ja (日本語)
    --no-redact     Keep identifiers in --json and --markdown output. By default
                    user names, e-mail addresses, SIDs, device and tenant ids,
                    host names, IP addresses, serial numbers and thumbprints are
                    replaced by stable placeholders (<host-1>, <email-1>…)
    --redact        Redact the terminal report too
    --color WHEN    auto (default: only on a terminal, and not with NO_COLOR),
                    always or never
    -h, --help      Print this help
    -V, --version   Print the version

EXIT STATUS:
    0  no certificate failed
    1  at least one certificate failed
    2  an input could not be read, or the command line is wrong

EXAMPLES:
    scep-doctor OMADM.log
    scep-doctor --json OMADM.log OMADM.log.1 > report.json
    adb shell cat /sdcard/.../OMADM.log | scep-doctor -
";

enum Output {
    Text,
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let mut output = Output::Text;
    let mut color: Option<bool> = None;
    let mut lang = Lang::En;
    let mut redact: Option<bool> = None;
    let mut files: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    let mut only_files = false;
    while let Some(arg) = args.next() {
        if only_files {
            files.push(arg);
            continue;
        }
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "-V" | "--version" => {
                println!("scep-doctor {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            "--json" => output = Output::Json,
            "--no-redact" => redact = Some(false),
            "--redact" => redact = Some(true),
            "--markdown" | "--md" => output = Output::Markdown,
            "--lang" => match args.next().as_deref().and_then(Lang::parse) {
                Some(l) => lang = l,
                None => return usage("--lang takes en or ja"),
            },
            s if s.starts_with("--lang=") => match Lang::parse(&s["--lang=".len()..]) {
                Some(l) => lang = l,
                None => return usage("--lang takes en or ja"),
            },
            "--color" | "--colour" => match args.next().as_deref() {
                Some("always") => color = Some(true),
                Some("never") => color = Some(false),
                Some("auto") => color = None,
                other => {
                    return usage(&format!(
                        "--color takes auto, always or never, not {}",
                        other.unwrap_or("nothing")
                    ))
                }
            },
            "--" => only_files = true,
            s if s.starts_with('-') && s != "-" => return usage(&format!("unknown option {s}")),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        files.push("-".to_string());
    }

    // Files are streamed: memory stays flat however big they are.
    let mut analysis = Analysis::new();
    for name in &files {
        analysis.begin(if name == "-" { "stdin" } else { name });
        if let Err(e) = stream_into(&mut analysis, name) {
            eprintln!("scep-doctor: cannot read {name}: {e}");
            return ExitCode::from(2);
        }
    }
    let report = analysis.finish();
    // Exports are redacted unless asked not to; the terminal view is not.
    let redacted = redact.unwrap_or(!matches!(output, Output::Text));
    let shown = if redacted {
        scep_doctor::redact::redact(&report)
    } else {
        report.clone()
    };

    let rendered = match output {
        Output::Json => match serde_json::to_string_pretty(&localize(&shown, lang)) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("scep-doctor: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        },
        Output::Markdown => render::markdown_export(&report, lang, redacted),
        Output::Text => {
            let tty = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            render::text_in(&shown, color.unwrap_or(tty), lang)
        }
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = stdout.write_all(rendered.as_bytes());
    let _ = stdout.flush();

    if report.sources.iter().all(|s| s.platform.is_none()) {
        eprintln!("scep-doctor: no input was recognized as a device log");
        return ExitCode::from(2);
    }
    if report.any_failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Feeds a file (or standard input for `-`) to the analysis in pieces.
fn stream_into(analysis: &mut Analysis, name: &str) -> std::io::Result<()> {
    let mut reader: Box<dyn Read> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(name)?)
    };
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => analysis.feed(buffer.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("scep-doctor: {message}\nTry 'scep-doctor --help'.");
    ExitCode::from(2)
}

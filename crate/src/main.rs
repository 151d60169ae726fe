//! `scep-doctor`: the command-line shell around the core: one report over
//! every input, or batch triage with `--each` (see `cli/`).

mod cli;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use scep_doctor::stream::Analysis;

use cli::args::{Command, Options, Output};

fn main() -> ExitCode {
    let options = match cli::args::parse(std::env::args_os().skip(1)) {
        Ok(options) => options,
        Err(message) => return usage(&message),
    };
    match options.command {
        Command::Help => {
            print!("{}", cli::args::HELP);
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("scep-doctor {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Each => cli::batch::run(&options),
        Command::Report => report(&options),
        Command::Explain => explain(&options),
    }
}

/// `explain CODE…`: each code's meaning, fix, step and family.
fn explain(options: &Options) -> ExitCode {
    let mut inputs: Vec<String> = options
        .files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    if inputs.is_empty() {
        let mut text = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text) {
            eprintln!("scep-doctor: cannot read standard input: {e}");
            return ExitCode::from(2);
        }
        inputs = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
    }
    let mut all_read = !inputs.is_empty();
    let mut out = String::new();
    for input in &inputs {
        let (text, read) = scep_doctor::text::explain::explain_text(input, options.lang);
        all_read &= read;
        out.push_str(&text);
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// One report over every input.
fn report(options: &Options) -> ExitCode {
    // Files are streamed: memory stays flat however big they are.
    let mut analysis = Analysis::with_options(scep_doctor::options::Options {
        device_utc_offset: options.device_utc_offset,
    });
    // A folder is every file under it (an NDES server's collected logs
    // beside a device's), in name order, each named by its path.
    let mut files = Vec::new();
    for file in &options.files {
        let path = Path::new(file);
        if path.is_dir() {
            if let Err(e) = cli::batch::files_under(path, &mut files) {
                eprintln!("scep-doctor: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        } else {
            files.push(path.to_path_buf());
        }
    }
    for file in &files {
        let name = file.to_string_lossy();
        analysis.begin(if name == "-" { "stdin" } else { &name });
        if let Err(e) = cli::stream_into(&mut analysis, file) {
            eprintln!("scep-doctor: cannot read {name}: {e}");
            return ExitCode::from(2);
        }
    }
    let report = analysis.finish();
    let color = options.output == Output::Text
        && options.color.unwrap_or_else(|| {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        });
    let rendered = match cli::render(
        &report,
        options.output,
        options.lang,
        options.redacted(),
        color,
    ) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("scep-doctor: {message}");
            return ExitCode::from(2);
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

fn usage(message: &str) -> ExitCode {
    eprintln!("scep-doctor: {message}\nTry 'scep-doctor --help'.");
    ExitCode::from(2)
}

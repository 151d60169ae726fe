//! The CLI's parts (the binary's, not the library's): the command line, one
//! report over every input, and batch triage over many devices.

pub mod args;
pub mod batch;
pub mod summary;

use std::io::Read;
use std::path::Path;

use scep_doctor::i18n::{localize, Lang};
use scep_doctor::report::Report;
use scep_doctor::stream::Analysis;

use args::Output;

/// Feeds a file (or standard input for `-`) to the analysis in pieces, so
/// memory stays flat however big it is; a binary event log is read where it
/// lies, chunk by chunk.
pub fn stream_into(analysis: &mut Analysis, path: &Path) -> std::io::Result<()> {
    let mut reader: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let mut file = std::fs::File::open(path)?;
        if is_evtx(&mut file)? {
            analysis.read_evtx(file);
            return Ok(());
        }
        Box::new(file)
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

/// Whether a file starts as a binary Windows event log does (it is read
/// from its start either way).
fn is_evtx(file: &mut std::fs::File) -> std::io::Result<bool> {
    use std::io::{Seek, SeekFrom};
    let mut head = Vec::with_capacity(8);
    (&mut *file).take(8).read_to_end(&mut head)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(scep_doctor::platforms::windows::is_evtx(&head))
}

/// The full report as `output` shows it (`redacted` as
/// [`args::Options::redacted`] says). `Err` says why it cannot be written.
pub fn render(
    report: &Report,
    output: Output,
    lang: Lang,
    redacted: bool,
    color: bool,
) -> Result<String, String> {
    let shown = || {
        if redacted {
            scep_doctor::redact::redact(report)
        } else {
            report.clone()
        }
    };
    Ok(match output {
        Output::Json => {
            serde_json::to_string_pretty(&localize(&shown(), lang))
                .map_err(|e| format!("cannot write JSON: {e}"))?
                + "\n"
        }
        Output::Markdown => scep_doctor::render::markdown_export(report, lang, redacted),
        Output::Text => scep_doctor::render::text_in(&shown(), color, lang),
    })
}

//! Batch triage (`--each`): one report per device, on every core, and one
//! summary line per device in the order the devices were named.
//!
//! A folder is one device (every file under it, in name order), a zip or
//! cab is one device (the core opens it), any other file is one device. The
//! device's name is the folder's name or the file's stem.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use scep_doctor::i18n::{localize, Lang};
use scep_doctor::report::Report;
use scep_doctor::stream::Analysis;
use scep_doctor::time::UtcOffset;

use super::args::Options;
use super::summary::{self, Row, Status, TextLayout};

/// One device to read.
pub struct Device {
    pub name: String,
    pub path: PathBuf,
    pub folder: bool,
}

/// The devices the paths name, in their order.
pub fn devices(paths: &[OsString]) -> Vec<Device> {
    paths
        .iter()
        .map(|p| {
            let path = PathBuf::from(p);
            let folder = path.is_dir();
            let named = if folder {
                path.file_name().map(|n| n.to_os_string()).or_else(|| {
                    // `.`, `..` or `/`: the folder's own name.
                    std::fs::canonicalize(&path)
                        .ok()
                        .and_then(|c| c.file_name().map(|n| n.to_os_string()))
                })
            } else {
                path.file_stem().map(|n| n.to_os_string())
            };
            let name = named.map_or_else(
                || path.to_string_lossy().into_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            Device { name, path, folder }
        })
        .collect()
}

/// Every file under `dir`, sub-folders included, in name order. Links to
/// files are read; links to folders are not followed (no loops).
pub fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            files_under(&path, out)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// A device's report. `Err` names what could not be read.
pub fn analyze(device: &Device, offset: Option<UtcOffset>) -> Result<Report, String> {
    let mut analysis = Analysis::with_options(scep_doctor::options::Options {
        device_utc_offset: offset,
    });
    let cannot = |path: &Path, e: std::io::Error| format!("cannot read {}: {e}", path.display());
    if device.folder {
        let mut files = Vec::new();
        files_under(&device.path, &mut files).map_err(|e| cannot(&device.path, e))?;
        for file in &files {
            let inside = file.strip_prefix(&device.path).unwrap_or(file);
            let name = inside.to_string_lossy().replace('\\', "/");
            analysis.begin(&format!("{}/{name}", device.name));
            super::stream_into(&mut analysis, file).map_err(|e| cannot(file, e))?;
        }
    } else {
        let name = device.path.file_name().unwrap_or(device.path.as_os_str());
        analysis.begin(&name.to_string_lossy());
        super::stream_into(&mut analysis, &device.path).map_err(|e| cannot(&device.path, e))?;
    }
    Ok(analysis.finish())
}

/// One device read, its summary row made and its report written if asked.
fn triage(device: &Device, options: &Options, report_file: Option<&Path>) -> Row {
    let report = match analyze(device, options.device_utc_offset) {
        Ok(report) => report,
        Err(message) => return Row::error(&device.name, &message),
    };
    let mut row = {
        let redacted;
        let shown = if options.redact == Some(true) {
            redacted = scep_doctor::redact::redact(&report);
            &redacted
        } else {
            &report
        };
        if options.lang == Lang::En {
            Row::of_report(&device.name, shown, Lang::En)
        } else {
            Row::of_report(&device.name, &localize(shown, options.lang), options.lang)
        }
    };
    if let Some(file) = report_file {
        let written = super::render(
            &report,
            options.output,
            options.lang,
            options.redacted(),
            options.color.unwrap_or(false),
        )
        .and_then(|text| {
            std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))
        });
        if let Err(message) = written {
            row.status = Status::Error;
            row.note = message;
        }
    }
    row
}

/// Runs `--each`: the summary on standard output, progress on standard
/// error, the worst device's exit status.
pub fn run(options: &Options) -> ExitCode {
    let devices = devices(&options.files);
    let report_files: Vec<Option<PathBuf>> = match &options.out {
        Some(dir) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("scep-doctor: cannot create {}: {e}", dir.display());
                return ExitCode::from(2);
            }
            let extension = options.output.extension();
            summary::unique_file_names(devices.iter().map(|d| d.name.as_str()))
                .into_iter()
                .map(|name| Some(dir.join(format!("{name}.{extension}"))))
                .collect()
        }
        None => vec![None; devices.len()],
    };
    let jobs = options
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, |n| n.get())
        .clamp(1, devices.len().max(1));

    let layout = TextLayout::new(devices.iter().map(|d| d.name.as_str()));
    let mut out = Out {
        stdout: std::io::BufWriter::new(std::io::stdout().lock()),
        open: true,
    };
    if let Some(header) = summary::header(options.format, &layout) {
        out.write(&header);
    }
    let mut progress = Progress::new(devices.len(), options.quiet);
    let mut worst = 0u8;

    let next = AtomicUsize::new(0);
    let (sender, results) = mpsc::channel::<(usize, Row)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, devices, report_files) = (&next, &devices, &report_files);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(device) = devices.get(i) else {
                    break;
                };
                let file = report_files.get(i).and_then(|f| f.as_deref());
                let row = triage(device, options, file);
                if sender.send((i, row)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        // Rows are written in the devices' order, as soon as the ones
        // before them are in.
        let mut waiting = BTreeMap::new();
        let mut written = 0;
        for (i, row) in results {
            worst = worst.max(row.status.exit_code());
            progress.count(&row);
            waiting.insert(i, row);
            let mut lines = String::new();
            while let Some(row) = waiting.remove(&written) {
                lines.push_str(&summary::line(options.format, &layout, &row));
                written += 1;
            }
            if !lines.is_empty() {
                progress.clear();
                out.write(&lines);
                out.flush();
            }
            progress.show();
        }
    });
    out.flush();
    progress.finish();
    ExitCode::from(worst)
}

/// Standard output; a closed pipe (`| head`) stops the writing, not the run.
struct Out<W: Write> {
    stdout: W,
    open: bool,
}

impl<W: Write> Out<W> {
    fn write(&mut self, text: &str) {
        if self.open && self.stdout.write_all(text.as_bytes()).is_err() {
            self.open = false;
        }
    }

    fn flush(&mut self) {
        if self.open && self.stdout.flush().is_err() {
            self.open = false;
        }
    }
}

/// Progress on standard error: a line that updates itself on a terminal;
/// otherwise, once the run is long (2 s), a line a second.
struct Progress {
    total: usize,
    done: usize,
    failed: usize,
    unread: usize,
    quiet: bool,
    tty: bool,
    start: Instant,
    last: Option<Instant>,
    /// A terminal line is on screen.
    drawn: bool,
    /// Standard output shares the terminal: the line gives way to rows.
    shared: bool,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Progress {
        Progress {
            total,
            done: 0,
            failed: 0,
            unread: 0,
            quiet,
            tty: std::io::stderr().is_terminal(),
            start: Instant::now(),
            last: None,
            drawn: false,
            shared: std::io::stdout().is_terminal(),
        }
    }

    fn count(&mut self, row: &Row) {
        self.done += 1;
        match row.status.exit_code() {
            1 => self.failed += 1,
            2 => self.unread += 1,
            _ => {}
        }
    }

    fn text(&self) -> String {
        format!(
            "scep-doctor: {}/{} devices, {} failed, {} not read ({:.1} s)",
            self.done,
            self.total,
            self.failed,
            self.unread,
            self.start.elapsed().as_secs_f64()
        )
    }

    fn show(&mut self) {
        if self.quiet {
            return;
        }
        let now = Instant::now();
        let since = self.last.map(|l| now.duration_since(l));
        let line = self.text();
        if self.tty {
            if !self.drawn || since.is_none_or(|s| s >= Duration::from_millis(100)) {
                eprint!("\r{line}\x1b[K");
                self.drawn = true;
                self.last = Some(now);
            }
        } else if now.duration_since(self.start) >= Duration::from_secs(2)
            && since.is_none_or(|s| s >= Duration::from_secs(1))
        {
            eprintln!("{line}");
            self.last = Some(now);
        }
    }

    /// Takes the terminal line away before standard output writes (they may
    /// share the terminal).
    fn clear(&mut self) {
        if self.drawn && self.shared {
            eprint!("\r\x1b[K");
            self.drawn = false;
        }
    }

    /// The last count, where progress was shown.
    fn finish(&mut self) {
        if self.quiet || self.last.is_none() {
            return;
        }
        if self.drawn {
            eprint!("\r\x1b[K");
        }
        eprintln!("{}", self.text());
    }
}

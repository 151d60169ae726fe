//! The CLI's terminal report.

use std::fmt::Write;

use super::{evidence, status_line, step_label, verdict_mark};
use crate::model::{Severity, Verdict};
use crate::report::{Finding, Report};

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn verdict(&self, v: Verdict, s: &str) -> String {
        let code = match v {
            Verdict::Delivered => "32",
            Verdict::Failed => "1;31",
            Verdict::Pending => "33",
            Verdict::Incomplete => "36",
        };
        self.paint(code, s)
    }
}

/// Renders the report for a terminal; `color` adds ANSI colours.
pub fn text(report: &Report, color: bool) -> String {
    let st = Style { color };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        st.paint("1", "SCEP Doctor — certificate delivery report")
    );
    let _ = writeln!(out, "\nSources");
    for s in &report.sources {
        let platform = s
            .platform
            .map_or(String::new(), |p| format!(" ({})", p.as_str()));
        let _ = writeln!(
            out,
            "  {}  {}{} · {} · {} lines · {} recognized",
            s.name, s.format, platform, s.encoding, s.lines, s.recognized
        );
        for p in &s.problems {
            let _ = writeln!(out, "    {} {}", st.paint("33", "!"), p.message);
        }
    }
    if report.platforms.is_empty() {
        let _ = writeln!(
            out,
            "\nNo device log was recognized, so there is nothing to report."
        );
    }
    for p in &report.platforms {
        let counts = count(p.certificates.iter().map(|c| c.verdict));
        let head = format!(
            "{} {}: {}",
            verdict_mark(p.verdict),
            p.platform.title(),
            p.verdict.as_str().to_uppercase()
        );
        let _ = writeln!(out, "\n{}  {}", st.verdict(p.verdict, &head), counts);
        for f in &p.findings {
            finding(&mut out, &st, report, f, "  ");
        }
        for c in &p.certificates {
            let head = format!("{} {} {}", verdict_mark(c.verdict), c.kind.as_str(), c.id);
            let _ = writeln!(
                out,
                "\n  {}  {}",
                st.verdict(c.verdict, &head),
                status_line(c)
            );
            for (k, v) in &c.profile {
                let _ = writeln!(out, "      {k}: {v}");
            }
            for t in &c.timeline {
                let time = t.time.as_deref().unwrap_or("—");
                let src = evidence(
                    report,
                    &crate::report::Evidence {
                        source: t.source,
                        line: t.line,
                    },
                );
                let mark = match t.outcome.as_str() {
                    "failed" => st.paint("31", "✘"),
                    "pending" | "waiting" => st.paint("33", "⏸"),
                    _ => "·".to_string(),
                };
                let _ = writeln!(
                    out,
                    "    {mark} {time}  [{}] {}  {}",
                    t.step.0,
                    t.what,
                    st.paint("2", &src)
                );
            }
            for f in &c.findings {
                finding(&mut out, &st, report, f, "    ");
            }
        }
    }
    out
}

fn finding(out: &mut String, st: &Style, report: &Report, f: &Finding, indent: &str) {
    let label = match f.severity {
        Severity::Error => st.paint("1;31", "ERROR"),
        Severity::Warning => st.paint("33", "WARNING"),
        Severity::Info => st.paint("36", "INFO"),
    };
    let step = step_label(f.step);
    let step = if step.is_empty() {
        String::new()
    } else {
        format!("  ({step})")
    };
    let _ = writeln!(out, "{indent}{label} {}{step}", f.title);
    let _ = writeln!(out, "{indent}  Why: {}", f.explanation);
    let _ = writeln!(out, "{indent}  Fix: {}", f.fix);
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| evidence(report, e)).collect();
        let _ = writeln!(out, "{indent}  Evidence: {}", ev.join(", "));
    }
}

/// "2 certificates: 1 delivered, 1 failed".
pub(super) fn count(verdicts: impl Iterator<Item = Verdict>) -> String {
    let mut n = [0usize; 4];
    let order = [
        Verdict::Failed,
        Verdict::Pending,
        Verdict::Incomplete,
        Verdict::Delivered,
    ];
    let mut total = 0;
    for v in verdicts {
        total += 1;
        if let Some(i) = order.iter().position(|o| *o == v) {
            n[i] += 1;
        }
    }
    let parts: Vec<String> = order
        .iter()
        .zip(n)
        .filter(|(_, k)| *k > 0)
        .map(|(v, k)| format!("{k} {}", v.as_str()))
        .collect();
    match total {
        0 => "no certificates".to_string(),
        1 => format!("1 certificate: {}", parts.join(", ")),
        _ => format!("{total} certificates: {}", parts.join(", ")),
    }
}

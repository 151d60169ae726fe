//! A ticket-ready Markdown summary: per platform and certificate the verdict,
//! failing step, key evidence and the fix.

use std::fmt::Write;

use super::{evidence, status_line, step_label, verdict_mark};
use crate::report::{Finding, Report};

pub fn markdown(report: &Report) -> String {
    let mut out = String::from("# SCEP certificate delivery report\n\n");
    out.push_str("| Source | Format | Lines | Recognized |\n|---|---|---:|---:|\n");
    for s in &report.sources {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&s.name),
            s.format,
            s.lines,
            s.recognized
        );
    }
    for p in &report.platforms {
        let _ = writeln!(
            out,
            "\n## {} {} — {}\n",
            verdict_mark(p.verdict),
            p.platform.title(),
            p.verdict.as_str()
        );
        for f in &p.findings {
            finding(&mut out, report, f);
        }
        for c in &p.certificates {
            let _ = writeln!(
                out,
                "### {} {} `{}`\n",
                verdict_mark(c.verdict),
                c.kind.as_str(),
                c.id.replace('`', "'")
            );
            let _ = writeln!(out, "**{}**\n", status_line(c));
            let key: Vec<_> = c
                .timeline
                .iter()
                .filter(|t| t.outcome != "progress")
                .collect();
            let shown = if key.is_empty() {
                c.timeline.iter().rev().take(1).collect()
            } else {
                key
            };
            for t in shown {
                let at = evidence(
                    report,
                    &crate::report::Evidence {
                        source: t.source,
                        line: t.line,
                    },
                );
                let _ = writeln!(
                    out,
                    "- {} — {} ({})",
                    t.time.as_deref().unwrap_or("—"),
                    t.what,
                    at
                );
            }
            out.push('\n');
            for f in &c.findings {
                finding(&mut out, report, f);
            }
        }
    }
    out
}

fn finding(out: &mut String, report: &Report, f: &Finding) {
    let step = step_label(f.step);
    let step = if step.is_empty() {
        String::new()
    } else {
        format!(" ({step})")
    };
    let _ = writeln!(out, "> **{}: {}**{step}  ", f.severity.as_str(), f.title);
    let _ = writeln!(out, "> {}  ", f.explanation);
    let _ = writeln!(out, "> **Fix:** {}", f.fix);
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| evidence(report, e)).collect();
        let _ = writeln!(out, "> Evidence: {}", ev.join(", "));
    }
    out.push('\n');
}

/// Keeps a value inside one table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

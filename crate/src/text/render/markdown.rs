//! A ticket-ready Markdown summary: per platform and certificate the verdict,
//! failing step, key evidence and the fix.

use std::fmt::Write;

use super::{
    certificate_label, evidence, status_line_in, step_label_on, steps_line_in, verdict_mark, Listed,
};
use crate::core::model::Server;
use crate::core::report::{Finding, Problem, Report};
use crate::text::i18n::{self, localize, t, Lang};

/// The summary in English.
pub fn markdown(report: &Report) -> String {
    markdown_in(report, Lang::En)
}

/// The Markdown that leaves the tool (CLI `--markdown`, the page's "Copy as
/// Markdown"): redacted unless `redact` is false, with a note saying so.
pub fn markdown_export(report: &Report, lang: Lang, redact: bool) -> String {
    if !redact {
        return markdown_in(report, lang);
    }
    let mut out = markdown_in(&crate::text::redact::redact(report), lang);
    let _ = writeln!(out, "_{}_", t(lang, "report.redacted"));
    out
}

/// The summary in `lang` (findings re-rendered from their codes).
pub fn markdown_in(report: &Report, lang: Lang) -> String {
    let report = &localize(report, lang);
    let mut out = format!("# {}\n\n", t(lang, "report.title"));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---:|---:|",
        t(lang, "report.col-source"),
        t(lang, "report.col-format"),
        t(lang, "report.col-lines"),
        t(lang, "report.col-recognized")
    );
    for item in super::listed(report) {
        match item {
            Listed::Source(_, s) => {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&s.name),
                    s.format,
                    s.lines,
                    s.recognized
                );
            }
            Listed::Skipped(g) => {
                let what = format!("{} — {}", g.summary(lang), g.reason_lines(lang).join("; "));
                let _ = writeln!(
                    out,
                    "| {} ({}) | — | — | — |",
                    cell(&g.archive),
                    cell(&what)
                );
            }
        }
    }
    if let Some(clock) = super::device_clock(lang, report) {
        let _ = writeln!(out, "\n{}", text(&clock));
    }
    for p in &report.platforms {
        let _ = writeln!(
            out,
            "\n## {} {} — {}\n",
            verdict_mark(p.verdict),
            i18n::platform(lang, p.platform),
            i18n::verdict(lang, p.verdict)
        );
        for f in &p.findings {
            finding(&mut out, report, f, None, lang);
        }
        notes(&mut out, &p.omitted);
        for c in &p.certificates {
            let _ = writeln!(
                out,
                "### {} {} `{}`\n",
                verdict_mark(c.verdict),
                i18n::kind(lang, c.kind),
                certificate_label(lang, c).replace('`', "'")
            );
            let _ = writeln!(out, "**{}**\n", status_line_in(lang, c));
            if let Some(steps) = steps_line_in(lang, c) {
                let _ = writeln!(out, "{steps}\n");
            }
            if !c.identity.is_empty() {
                let _ = writeln!(out, "{}:\n", t(lang, "report.identity"));
                for f in &c.identity {
                    let _ = writeln!(
                        out,
                        "- {}: `{}` ({})",
                        i18n::fact_label(lang, f.fact),
                        f.value.replace('`', "'"),
                        super::proofs(report, &f.proofs).replace('`', "'")
                    );
                }
                out.push('\n');
            }
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
                    &crate::core::report::Evidence {
                        source: t.source,
                        line: t.line,
                    },
                );
                let _ = writeln!(
                    out,
                    "- {} — {} ({})",
                    t.time.as_deref().unwrap_or("—"),
                    text(&t.what),
                    text(&at)
                );
            }
            out.push('\n');
            for f in &c.findings {
                finding(&mut out, report, f, c.server, lang);
            }
            notes(&mut out, &c.omitted);
        }
    }
    out
}

/// What the report left out to stay bounded.
fn notes(out: &mut String, notes: &[Problem]) {
    for n in notes {
        let _ = writeln!(out, "_{}_\n", text(&n.message));
    }
}

fn finding(out: &mut String, report: &Report, f: &Finding, server: Option<Server>, lang: Lang) {
    let step = step_label_on(lang, f.step, server);
    let step = if step.is_empty() {
        String::new()
    } else {
        format!(" ({step})")
    };
    let _ = writeln!(
        out,
        "> **{}: {}**{step}  ",
        i18n::severity(lang, f.severity),
        text(&f.title)
    );
    let _ = writeln!(out, "> {}  ", text(&f.explanation));
    let _ = writeln!(out, "> **{}:** {}", t(lang, "report.fix"), text(&f.fix));
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| evidence(report, e)).collect();
        let _ = writeln!(
            out,
            "> {}: {}",
            t(lang, "report.evidence"),
            text(&ev.join(", "))
        );
    }
    out.push('\n');
}

/// Log text as Markdown text: `<` is escaped, so neither a tag in a log nor a
/// redaction placeholder (`<host-1>`) is taken for HTML; line breaks become spaces.
fn text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('<', "\\<")
        .replace('\n', " ")
}

/// Keeps a value inside one table cell.
fn cell(s: &str) -> String {
    text(s).replace('|', "\\|")
}

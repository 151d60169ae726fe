//! The CLI's terminal report.

use std::fmt::Write;

use super::{
    certificate_label, count_in, evidence, status_line_in, step_label_on, steps_line_in,
    verdict_mark, Listed,
};
use crate::core::model::{Server, Severity, Verdict};
use crate::core::report::{Finding, Problem, Report};
use crate::text::i18n::{self, localize, t, Lang};

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

/// Renders the report for a terminal in English; `color` adds ANSI colours.
pub fn text(report: &Report, color: bool) -> String {
    text_in(report, color, Lang::En)
}

/// [`text`] in `lang`.
pub fn text_in(report: &Report, color: bool, lang: Lang) -> String {
    let report = &localize(report, lang);
    let st = Style { color };
    let mut out = String::new();
    let _ = writeln!(out, "{}", st.paint("1", t(lang, "report.cli-title")));
    let _ = writeln!(out, "\n{}", t(lang, "report.sources"));
    for item in super::listed(report) {
        match item {
            Listed::Source(_, s) => {
                let facts = super::source_facts(lang, s);
                let _ = writeln!(out, "  {}  {facts}", s.name);
                for p in &s.problems {
                    let _ = writeln!(out, "    {} {}", st.paint("33", "!"), p.message);
                }
            }
            Listed::Skipped(g) => {
                let _ = writeln!(out, "  {}  {}", g.archive, g.summary(lang));
                for line in g.reason_lines(lang) {
                    let _ = writeln!(out, "    {line}");
                }
            }
        }
    }
    if let Some(clock) = super::device_clock(lang, report) {
        let _ = writeln!(out, "  {clock}");
    }
    if report.platforms.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, "report.nothing"));
    }
    for p in &report.platforms {
        let counts = count_in(lang, p.certificates.iter().map(|c| c.verdict), ", ");
        let head = format!(
            "{} {}: {}",
            verdict_mark(p.verdict),
            i18n::platform(lang, p.platform),
            i18n::verdict(lang, p.verdict).to_uppercase()
        );
        let _ = writeln!(out, "\n{}  {}", st.verdict(p.verdict, &head), counts);
        for f in &p.findings {
            finding(&mut out, &st, report, f, None, "  ", lang);
        }
        notes(&mut out, &st, &p.omitted, "  ");
        for c in &p.certificates {
            let head = format!(
                "{} {} {}",
                verdict_mark(c.verdict),
                i18n::kind(lang, c.kind),
                certificate_label(lang, c)
            );
            let _ = writeln!(
                out,
                "\n  {}  {}",
                st.verdict(c.verdict, &head),
                status_line_in(lang, c)
            );
            if let Some(steps) = steps_line_in(lang, c) {
                let _ = writeln!(out, "      {steps}");
            }
            for (k, v) in &c.profile {
                let _ = writeln!(out, "      {}: {v}", i18n::profile_label(lang, k));
            }
            if !c.identity.is_empty() {
                let _ = writeln!(out, "      {}:", t(lang, "report.identity"));
            }
            for f in &c.identity {
                let _ = writeln!(
                    out,
                    "        {}: {}  {}",
                    i18n::fact_label(lang, f.fact),
                    f.value,
                    st.paint("2", &super::proofs(report, &f.proofs))
                );
            }
            for t in &c.timeline {
                let time = t.time.as_deref().unwrap_or("—");
                let src = evidence(
                    report,
                    &crate::core::report::Evidence {
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
                finding(&mut out, &st, report, f, c.server, "    ", lang);
            }
            notes(&mut out, &st, &c.omitted, "    ");
        }
    }
    out
}

/// What the report left out to stay bounded.
fn notes(out: &mut String, st: &Style, notes: &[Problem], indent: &str) {
    for n in notes {
        let _ = writeln!(out, "{indent}{} {}", st.paint("33", "!"), n.message);
    }
}

fn finding(
    out: &mut String,
    st: &Style,
    report: &Report,
    f: &Finding,
    server: Option<Server>,
    indent: &str,
    lang: Lang,
) {
    let word = i18n::severity(lang, f.severity).to_uppercase();
    let label = match f.severity {
        Severity::Error => st.paint("1;31", &word),
        Severity::Warning => st.paint("33", &word),
        Severity::Info => st.paint("36", &word),
    };
    let step = step_label_on(lang, f.step, server);
    let step = if step.is_empty() {
        String::new()
    } else {
        format!("  ({step})")
    };
    let _ = writeln!(out, "{indent}{label} {}{step}", f.title);
    let _ = writeln!(
        out,
        "{indent}  {}: {}",
        t(lang, "report.why"),
        f.explanation
    );
    let _ = writeln!(out, "{indent}  {}: {}", t(lang, "report.fix"), f.fix);
    if !f.evidence.is_empty() {
        let ev: Vec<String> = f.evidence.iter().map(|e| evidence(report, e)).collect();
        let _ = writeln!(
            out,
            "{indent}  {}: {}",
            t(lang, "report.evidence"),
            ev.join(", ")
        );
    }
}

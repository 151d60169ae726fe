//! Plain-text and Markdown renderings of a [`Report`](crate::report::Report),
//! shared by the CLI (and the page's "copy as Markdown").

mod markdown;
mod text;

pub use markdown::markdown;
pub use text::text;

use crate::model::{Step, Verdict};
use crate::report::{Certificate, Evidence, Report};

/// Symbol that carries a verdict without colour.
pub fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Delivered => "✔",
        Verdict::Failed => "✘",
        Verdict::Pending => "⏸",
        Verdict::Incomplete => "…",
    }
}

/// One line saying where a certificate stands.
pub fn status_line(c: &Certificate) -> String {
    match (c.verdict, c.failed_step) {
        (Verdict::Failed, Some(step)) => format!("failed at step {} ({})", step.0, step.title()),
        (v, _) => match c.stage {
            Some(stage) => format!(
                "{} — reached {} (step {})",
                v.as_str(),
                stage.as_str(),
                stage.step().0
            ),
            None => v.as_str().to_string(),
        },
    }
}

/// `name:line` for an evidence reference.
pub fn evidence(report: &Report, e: &Evidence) -> String {
    let name = report
        .sources
        .get(e.source)
        .map_or("?", |s| s.name.as_str());
    format!("{name}:{}", e.line)
}

pub fn step_label(step: Option<Step>) -> String {
    step.map_or_else(String::new, |s| format!("step {} · {}", s.0, s.title()))
}

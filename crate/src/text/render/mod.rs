//! Plain-text and Markdown renderings of a [`Report`](crate::core::report::Report),
//! shared by the CLI and the page's "Copy as Markdown", in any [`Lang`].

mod listed;
mod markdown;
mod text;

pub use listed::{listed, Listed, Skipped};
pub use markdown::{markdown, markdown_export, markdown_in};
pub use text::{text, text_in};

use crate::core::model::{Kind, Server, Step, Verdict};
use crate::core::report::{Certificate, Evidence, Proof, Report, Source};
use crate::text::i18n::{self, tf, Lang};

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
    status_line_in(Lang::En, c)
}

/// [`status_line`] in `lang`.
/// What names a certificate: its id, or for a SCEP request no line
/// identified (its `id` is empty) a label in `lang`.
pub fn certificate_label(lang: Lang, c: &Certificate) -> String {
    if c.id.is_empty() && c.kind == Kind::Scep {
        i18n::t(lang, "report.unidentified-request").to_string()
    } else {
        c.id.clone()
    }
}

pub fn status_line_in(lang: Lang, c: &Certificate) -> String {
    match (c.verdict, c.failed_step) {
        (Verdict::Failed, Some(step)) => tf(
            lang,
            "report.status-failed",
            &[
                ("step", &step.0.to_string()),
                ("title", i18n::step_title_on(lang, step, c.server)),
            ],
        ),
        (v, _) => match c.stage {
            Some(stage) => tf(
                lang,
                "report.status-reached",
                &[
                    ("verdict", i18n::verdict(lang, v)),
                    ("stage", i18n::stage(lang, stage)),
                    ("step", &stage.step().0.to_string()),
                ],
            ),
            None => i18n::verdict(lang, v).to_string(),
        },
    }
}

/// The steps a card ticks, each proven by a line or implied by a later one
/// ("Steps: 1 ✔, 2 ✔, 3 (implied), …"), in `lang`; `None` when none is.
pub fn steps_line_in(lang: Lang, c: &Certificate) -> Option<String> {
    if c.steps.is_empty() {
        return None;
    }
    let list: Vec<String> = c
        .steps
        .iter()
        .map(|m| {
            let key = match m.proof {
                Proof::Line => "report.step-line",
                Proof::Implied => "report.step-implied",
            };
            tf(lang, key, &[("n", &m.step.0.to_string())])
        })
        .collect();
    Some(tf(
        lang,
        "report.steps",
        &[("list", &list.join(i18n::t(lang, "report.list-sep")))],
    ))
}

/// "android-omadm · Android · utf-8 · 19 lines · 16 recognized".
/// The stated device clock, when the admin gave one.
pub fn device_clock(lang: Lang, report: &Report) -> Option<String> {
    let offset = report.device_utc_offset.as_deref()?;
    Some(tf(lang, "report.device-clock", &[("offset", offset)]))
}

pub fn source_facts(lang: Lang, s: &Source) -> String {
    let platform = s
        .platform
        .map_or(i18n::t(lang, "report.not-recognized"), |p| {
            i18n::platform(lang, p)
        });
    tf(
        lang,
        "report.source-facts",
        &[
            ("format", &s.format),
            ("platform", platform),
            ("encoding", &s.encoding),
            ("lines", &s.lines.to_string()),
            ("recognized", &s.recognized.to_string()),
        ],
    )
}

/// `name:line` for an evidence reference.
pub fn evidence(report: &Report, e: &Evidence) -> String {
    let name = report
        .sources
        .get(e.source)
        .map_or("?", |s| s.name.as_str());
    format!("{name}:{}", e.line)
}

/// The lines that give a fact, `name:line, name:line`.
pub fn proofs(report: &Report, proofs: &[Evidence]) -> String {
    let cited: Vec<String> = proofs.iter().map(|e| evidence(report, e)).collect();
    cited.join(", ")
}

pub fn step_label(step: Option<Step>) -> String {
    step_label_in(Lang::En, step)
}

/// [`step_label`] in `lang`.
pub fn step_label_in(lang: Lang, step: Option<Step>) -> String {
    step_label_on(lang, step, None)
}

/// [`step_label_in`] for a story whose SCEP server is known.
pub fn step_label_on(lang: Lang, step: Option<Step>, server: Option<Server>) -> String {
    step.map_or_else(String::new, |s| {
        tf(
            lang,
            "step.label",
            &[
                ("n", &s.0.to_string()),
                ("title", i18n::step_title_on(lang, s, server)),
            ],
        )
    })
}

/// "2 certificates: 1 delivered, 1 failed", in `lang`.
pub fn count_in(lang: Lang, verdicts: impl Iterator<Item = Verdict>, sep: &str) -> String {
    let order = [
        Verdict::Failed,
        Verdict::Pending,
        Verdict::Incomplete,
        Verdict::Delivered,
    ];
    let mut n = [0usize; 4];
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
        .map(|(v, k)| {
            tf(
                lang,
                "report.count",
                &[("n", &k.to_string()), ("verdict", i18n::verdict(lang, *v))],
            )
        })
        .collect();
    let list = parts.join(sep);
    match total {
        0 => i18n::t(lang, "report.no-certificates").to_string(),
        1 => tf(lang, "report.one-certificate", &[("list", &list)]),
        _ => tf(
            lang,
            "report.certificates",
            &[("n", &total.to_string()), ("list", &list)],
        ),
    }
}

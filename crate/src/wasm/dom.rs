//! Renders a report into the page with web-sys. Every log-derived string goes
//! in through `textContent`; attributes carry only vocabulary words and
//! numbers, so nothing from a log can become markup.
//!
//! The `data-*` attributes set here are the page's DOM contract, listed as
//! data in [`super::contract`]; set them only through its names.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use super::contract;
use crate::core::model::{Server, Step, Verdict};
use crate::core::report::{Certificate, Evidence, Finding, PlatformReport, Problem, Proof, Report};
use crate::text::i18n::{self, t, tf, Lang};
use crate::text::render::{
    certificate_label, count_in, status_line_in, step_label_on, verdict_mark, Listed,
};

type Result<T = ()> = std::result::Result<T, JsValue>;

struct Dom {
    doc: Document,
    lang: Lang,
}

impl Dom {
    fn new(lang: Lang) -> Result<Dom> {
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        Ok(Dom { doc, lang })
    }

    /// A new element with a class, appended to `parent`.
    fn add(&self, parent: &Element, tag: &str, class: &str) -> Result<Element> {
        let el = self.doc.create_element(tag)?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        parent.append_child(&el)?;
        Ok(el)
    }

    /// A new element holding `text` as text.
    fn text(&self, parent: &Element, tag: &str, class: &str, text: &str) -> Result<Element> {
        let el = self.add(parent, tag, class)?;
        el.set_text_content(Some(text));
        Ok(el)
    }
}

/// Renders `report` with every text (findings included) in `lang`.
pub fn report(report: &Report, root: &Element, lang: Lang) -> Result {
    let d = Dom::new(lang)?;
    let report = &i18n::localize(report, lang);
    root.set_text_content(None);
    sources(&d, report, root)?;
    if report.platforms.is_empty() {
        return Ok(());
    }
    let summary = d.add(root, "section", "summary")?;
    summary.set_attribute("aria-label", t(d.lang, "report.summary"))?;
    for p in &report.platforms {
        card(&d, p, &summary)?;
    }
    for p in &report.platforms {
        platform(&d, report, p, root)?;
    }
    Ok(())
}

fn sources(d: &Dom, report: &Report, root: &Element) -> Result {
    if report.sources.is_empty() {
        return Ok(());
    }
    let list = d.add(root, "ul", "sources")?;
    list.set_attribute("aria-label", t(d.lang, "report.sources"))?;
    for listed in crate::text::render::listed(report) {
        match listed {
            Listed::Source(i, s) => {
                let item = d.add(&list, "li", "source")?;
                let known = if s.format == "unknown" {
                    "unknown"
                } else {
                    "known"
                };
                item.set_attribute(contract::FORMAT, known)?;
                d.text(&item, "span", "source-name", &s.name)?;
                let facts = crate::text::render::source_facts(d.lang, s);
                d.text(&item, "span", "source-facts", &facts)?;
                remove_button(d, &item, i, &s.name)?;
                for p in &s.problems {
                    d.text(&item, "p", "problem", &p.message)?;
                }
            }
            Listed::Skipped(g) => {
                let item = d.add(&list, "li", "source skipped")?;
                item.set_attribute(contract::FORMAT, "unknown")?;
                d.text(&item, "span", "source-name", &g.archive)?;
                d.text(&item, "span", "source-facts", &g.summary(d.lang))?;
                remove_button(d, &item, g.first, &g.archive)?;
                let details = d.add(&item, "details", "skipped-files")?;
                d.text(&details, "summary", "", t(d.lang, "report.skipped-files"))?;
                let reasons = d.add(&details, "ul", "")?;
                for line in g.reason_lines(d.lang) {
                    d.text(&reasons, "li", "", &line)?;
                }
            }
        }
    }
    if let Some(clock) = crate::text::render::device_clock(d.lang, report) {
        d.text(root, "p", "device-clock", &clock)?;
    }
    Ok(())
}

/// The button that removes source `index` (with the whole input it came from).
fn remove_button(d: &Dom, item: &Element, index: usize, name: &str) -> Result {
    let remove = d.text(item, "button", "remove", t(d.lang, "report.remove"))?;
    remove.set_attribute("type", "button")?;
    remove.set_attribute(contract::REMOVE, &index.to_string())?;
    remove.set_attribute(
        "aria-label",
        &tf(d.lang, "report.remove-label", &[("name", name)]),
    )?;
    Ok(())
}

fn card(d: &Dom, p: &PlatformReport, parent: &Element) -> Result {
    let card = d.add(parent, "a", &format!("card verdict-{}", p.verdict.as_str()))?;
    card.set_attribute("href", &format!("#platform-{}", p.platform.as_str()))?;
    card.set_attribute(contract::PLATFORM, p.platform.as_str())?;
    card.set_attribute(contract::VERDICT, p.verdict.as_str())?;
    d.text(
        &card,
        "span",
        "card-platform",
        i18n::platform(d.lang, p.platform),
    )?;
    let v = d.add(&card, "span", "card-verdict")?;
    verdict_label(d, &v, p.verdict)?;
    let counts = count_in(d.lang, p.certificates.iter().map(|c| c.verdict), " · ");
    d.text(&card, "span", "card-counts", &counts)?;
    Ok(())
}

fn platform(d: &Dom, report: &Report, p: &PlatformReport, root: &Element) -> Result {
    let section = d.add(root, "section", "platform")?;
    section.set_id(&format!("platform-{}", p.platform.as_str()));
    section.set_attribute(contract::PLATFORM, p.platform.as_str())?;
    section.set_attribute(contract::VERDICT, p.verdict.as_str())?;
    d.text(
        &section,
        "h2",
        "",
        &format!(
            "{} {} — {}",
            verdict_mark(p.verdict),
            i18n::platform(d.lang, p.platform),
            i18n::verdict(d.lang, p.verdict)
        ),
    )?;
    for f in &p.findings {
        finding(d, report, f, None, &section)?;
    }
    notes(d, &p.omitted, &section)?;
    for c in &p.certificates {
        certificate(d, report, p, c, &section)?;
    }
    Ok(())
}

fn certificate(
    d: &Dom,
    report: &Report,
    p: &PlatformReport,
    c: &Certificate,
    parent: &Element,
) -> Result {
    let art = d.add(
        parent,
        "article",
        &format!("cert verdict-{}", c.verdict.as_str()),
    )?;
    art.set_attribute(contract::PLATFORM, p.platform.as_str())?;
    art.set_attribute(contract::KIND, c.kind.as_str())?;
    art.set_attribute(contract::VERDICT, c.verdict.as_str())?;
    let head = d.add(&art, "header", "cert-head")?;
    let badge = d.add(&head, "span", "badge")?;
    verdict_label(d, &badge, c.verdict)?;
    d.text(&head, "h3", "cert-kind", i18n::kind(d.lang, c.kind))?;
    d.text(&head, "code", "cert-id", &certificate_label(d.lang, c))?;
    stepper(d, c, &art)?;
    d.text(&art, "p", "cert-status", &status_line_in(d.lang, c))?;
    for f in &c.findings {
        finding(d, report, f, c.server, &art)?;
    }
    if !c.identity.is_empty() {
        let det = d.add(&art, "details", "identity")?;
        det.set_attribute("open", "")?;
        d.text(&det, "summary", "", t(d.lang, "report.identity"))?;
        let dl = d.add(&det, "dl", "")?;
        for f in &c.identity {
            d.text(&dl, "dt", "", i18n::fact_label(d.lang, f.fact))?;
            let dd = d.add(&dl, "dd", "")?;
            d.text(&dd, "code", "", &f.value)?;
            for e in &f.proofs {
                evidence_button(d, report, e, &dd, false)?;
            }
        }
    }
    if !c.profile.is_empty() {
        let det = d.add(&art, "details", "profile")?;
        d.text(&det, "summary", "", t(d.lang, "report.profile"))?;
        let dl = d.add(&det, "dl", "")?;
        for (k, v) in &c.profile {
            d.text(&dl, "dt", "", &i18n::profile_label(d.lang, k))?;
            d.text(&dl, "dd", "", v)?;
        }
    }
    let det = d.add(&art, "details", "timeline")?;
    if c.verdict != Verdict::Delivered {
        det.set_attribute("open", "")?;
    }
    d.text(
        &det,
        "summary",
        "",
        &tf(
            d.lang,
            "report.timeline",
            &[("n", &c.timeline.len().to_string())],
        ),
    )?;
    let table = d.add(&det, "table", "")?;
    let head = d.add(&table, "thead", "")?;
    let row = d.add(&head, "tr", "")?;
    for h in [
        "report.col-time",
        "report.col-step",
        "report.col-what",
        "report.col-line",
    ] {
        let th = d.text(&row, "th", "", t(d.lang, h))?;
        th.set_attribute("scope", "col")?;
    }
    let body = d.add(&table, "tbody", "")?;
    for t in &c.timeline {
        let row = d.add(&body, "tr", &format!("outcome-{}", t.outcome))?;
        let time = t.time.clone().unwrap_or_else(|| "—".into());
        let cell = d.text(&row, "td", "time", &time)?;
        if let Some(basis) = t.time_basis {
            let basis = i18n::time_basis(d.lang, basis);
            cell.set_attribute(
                "title",
                &tf(d.lang, "report.time-basis", &[("basis", basis)]),
            )?;
        }
        d.text(&row, "td", "tstep", &t.step.0.to_string())?;
        d.text(&row, "td", "what", &t.what)?;
        let cell = d.add(&row, "td", "")?;
        evidence_button(
            d,
            report,
            &Evidence {
                source: t.source,
                line: t.line,
            },
            &cell,
            t.outcome == "failed",
        )?;
    }
    notes(d, &c.omitted, &art)?;
    Ok(())
}

/// What the report left out to stay bounded.
fn notes(d: &Dom, notes: &[Problem], parent: &Element) -> Result {
    for n in notes {
        let p = d.text(parent, "p", "omitted", &n.message)?;
        p.set_attribute(contract::CODE, &n.code)?;
    }
    Ok(())
}

/// The steps the certificate's kind goes through (a root skips NDES and
/// the CA), reached ones marked as proven by a line or implied by a later
/// step, the failing (or waiting) one flagged.
fn stepper(d: &Dom, c: &Certificate, parent: &Element) -> Result {
    let ol = d.add(parent, "ol", "stepper")?;
    ol.set_attribute("aria-label", t(d.lang, "report.flow-steps"))?;
    let reached = c.stage.map_or(0, |s| s.step().0);
    let steps = c.kind.steps();
    // The step after the furthest reached one this kind goes through.
    let next = steps.iter().copied().find(|n| *n > reached);
    let stop = match c.verdict {
        Verdict::Failed => c.failed_step.map(|s| s.0),
        Verdict::Pending | Verdict::Incomplete => next,
        Verdict::Delivered => None,
    };
    for &n in steps {
        let state = if Some(n) == stop {
            match c.verdict {
                Verdict::Failed => "failed",
                Verdict::Pending => "waiting",
                _ => "next",
            }
        } else if n <= reached {
            "reached"
        } else {
            "todo"
        };
        let li = d.add(&ol, "li", &format!("step step-{state}"))?;
        li.set_attribute(contract::STEP_STATE, state)?;
        let proof = c.steps.iter().find(|m| m.step.0 == n).map(|m| m.proof);
        let implied = state == "reached" && proof == Some(Proof::Implied);
        if state == "reached" {
            if let Some(proof) = proof {
                li.set_attribute(contract::STEP_PROOF, proof.as_str())?;
            }
        }
        if implied {
            li.set_attribute("title", t(d.lang, "report.step-implied-title"))?;
        }
        let mark = match state {
            "reached" if implied => "(✔)",
            "reached" => "✔",
            "failed" => "✘",
            "waiting" => "⏸",
            _ => "",
        };
        d.text(
            &li,
            "span",
            "step-no",
            &format!("{mark}{}{n}", if mark.is_empty() { "" } else { " " }),
        )?;
        d.text(
            &li,
            "span",
            "step-title",
            i18n::step_title_on(d.lang, Step(n), c.server),
        )?;
    }
    Ok(())
}

fn finding(
    d: &Dom,
    report: &Report,
    f: &Finding,
    server: Option<Server>,
    parent: &Element,
) -> Result {
    let div = d.add(
        parent,
        "div",
        &format!("finding severity-{}", f.severity.as_str()),
    )?;
    div.set_attribute(contract::CODE, &f.code)?;
    let head = d.add(&div, "p", "finding-title")?;
    d.text(
        &head,
        "span",
        "severity",
        i18n::severity(d.lang, f.severity),
    )?;
    d.text(&head, "strong", "", &f.title)?;
    let step = step_label_on(d.lang, f.step, server);
    if !step.is_empty() {
        d.text(&head, "span", "finding-step", &step)?;
    }
    d.text(&div, "p", "explanation", &f.explanation)?;
    let fix = d.add(&div, "p", "fix")?;
    d.text(
        &fix,
        "strong",
        "",
        &format!("{}: ", t(d.lang, "report.fix")),
    )?;
    d.text(&fix, "span", "", &f.fix)?;
    if !f.evidence.is_empty() {
        let ev = d.add(&div, "p", "evidence")?;
        d.text(
            &ev,
            "span",
            "",
            &format!("{}: ", t(d.lang, "report.evidence")),
        )?;
        for e in &f.evidence {
            evidence_button(
                d,
                report,
                e,
                &ev,
                f.severity == crate::core::model::Severity::Error,
            )?;
        }
    }
    Ok(())
}

/// A button that opens the raw log at a line (wired by the page script).
fn evidence_button(
    d: &Dom,
    report: &Report,
    e: &Evidence,
    parent: &Element,
    error: bool,
) -> Result {
    let name = report
        .sources
        .get(e.source)
        .map_or("?", |s| s.name.as_str());
    let b = d.text(
        parent,
        "button",
        if error { "line line-error" } else { "line" },
        &format!("{name}:{}", e.line),
    )?;
    b.set_attribute("type", "button")?;
    b.set_attribute(contract::SOURCE, &e.source.to_string())?;
    b.set_attribute(contract::LINE, &e.line.to_string())?;
    // A description, not a name: the name stays the visible `file:line`.
    b.set_attribute(
        "title",
        &tf(
            d.lang,
            "report.open-line",
            &[("name", name), ("line", &e.line.to_string())],
        ),
    )?;
    Ok(())
}

/// Lines shown around the chosen one in the raw-log view.
const CONTEXT: usize = 60;

/// The raw-log view of a whole source: lines `line ± CONTEXT` of `text`.
pub fn raw(
    root: &Element,
    name: &str,
    text: &str,
    line: usize,
    marked: &[usize],
    lang: Lang,
) -> Result {
    let d = Dom::new(lang)?;
    root.set_text_content(None);
    let lines = crate::input::decode::lines(text);
    let first = line.saturating_sub(CONTEXT).max(1);
    let last = (line + CONTEXT).min(lines.len());
    d.text(
        root,
        "p",
        "raw-title",
        &tf(
            d.lang,
            "raw.title",
            &[
                ("name", name),
                ("first", &first.to_string()),
                ("last", &last.to_string()),
                ("total", &lines.len().to_string()),
            ],
        ),
    )?;
    let rows = (first..=last).map(|n| (n, lines.get(n - 1).copied().unwrap_or("")));
    raw_rows(&d, root, rows, line, marked)
}

/// The raw-log view of a source too big to keep: only the lines the report
/// cites (`(line number, text)`, ascending), with a note saying so.
pub fn cited(
    root: &Element,
    name: &str,
    lines: &[(usize, String)],
    total: usize,
    line: usize,
    marked: &[usize],
    lang: Lang,
) -> Result {
    let d = Dom::new(lang)?;
    root.set_text_content(None);
    d.text(
        root,
        "p",
        "raw-title",
        &tf(
            d.lang,
            "raw.cited-title",
            &[
                ("name", name),
                ("n", &lines.len().to_string()),
                ("total", &total.to_string()),
            ],
        ),
    )?;
    d.text(root, "p", "raw-note", t(d.lang, "raw.cited-note"))?;
    let rows = lines.iter().map(|(n, text)| (*n, text.as_str()));
    raw_rows(&d, root, rows, line, marked)
}

/// Numbered rows, `line` as the target and `marked` ones highlighted; a
/// jump in the numbering shows as a `⋯` row.
fn raw_rows<'a>(
    d: &Dom,
    root: &Element,
    rows: impl Iterator<Item = (usize, &'a str)>,
    line: usize,
    marked: &[usize],
) -> Result {
    let pre = d.add(root, "pre", "raw-lines")?;
    let mut previous: Option<usize> = None;
    for (n, text) in rows {
        if previous.is_some_and(|p| n > p + 1) {
            d.text(&pre, "span", "raw-line raw-gap", "⋯")?;
        }
        previous = Some(n);
        let mut class = String::from("raw-line");
        if marked.contains(&n) {
            class.push_str(" marked");
        }
        if n == line {
            class.push_str(" target");
        }
        let row = d.add(&pre, "span", &class)?;
        row.set_attribute(contract::LINE, &n.to_string())?;
        d.text(&row, "span", "raw-no", &n.to_string())?;
        // Very long lines (SyncML, base64) are cut for display only.
        let shown = crate::core::caps::text(text);
        d.text(&row, "span", "raw-text", &shown)?;
        if n == line {
            row.set_attribute("id", "raw-target")?;
        }
    }
    Ok(())
}

/// The lookup box's answer: every code read in `input` explained in
/// `lang`, as text nodes only (the input is whatever was pasted).
pub fn explanation(root: &Element, input: &str, lang: Lang) -> Result {
    let d = Dom::new(lang)?;
    root.set_text_content(None);
    if input.trim().is_empty() {
        return Ok(());
    }
    let found = crate::text::explain::explain(input, lang);
    if found.is_empty() {
        d.text(
            root,
            "p",
            "lookup-none",
            &tf(d.lang, "explain.unread", &[("input", input.trim())]),
        )?;
        return Ok(());
    }
    for e in &found {
        let card = d.add(root, "article", "code-card")?;
        let head = d.add(&card, "h3", "code-head")?;
        d.text(&head, "span", "code-value", &e.code)?;
        if let Some(symbol) = &e.symbol {
            d.text(&head, "span", "code-symbol", symbol)?;
        }
        let list = d.add(&card, "dl", "code-facts")?;
        for (key, class, value) in [
            ("explain.family", "code-family", e.family.clone()),
            ("explain.meaning", "code-meaning", e.meaning.clone()),
            ("explain.fix", "code-fix", e.fix.clone()),
            (
                "explain.step",
                "code-step",
                format!("{} {}", e.step, e.step_title),
            ),
        ] {
            d.text(&list, "dt", "", t(d.lang, key))?;
            d.text(&list, "dd", class, &value)?;
        }
    }
    Ok(())
}

/// A verdict as icon and word, so colour is never the only signal.
fn verdict_label(d: &Dom, parent: &Element, verdict: Verdict) -> Result {
    d.text(parent, "span", "icon", verdict_mark(verdict))?;
    d.text(
        parent,
        "span",
        "verdict-word",
        &format!(" {}", i18n::verdict(d.lang, verdict)),
    )?;
    Ok(())
}

//! The bounds of a report. Everything a log can make grow (certificates,
//! timeline rows, findings, evidence lines, profile settings, strings copied
//! from a line) has a cap here, so a hostile or runaway log still gives a
//! report that the page renders and an export that opens. The caps are far
//! above what real devices write; when one is hit the report says what it
//! left out (an `omitted-…` note with a count) instead of dropping it silently.

use crate::core::report::Problem;

/// Certificates listed per platform. A device that enrolled a new SCEP
/// certificate every day for five years has fewer; each certificate is about
/// fifty page elements, so 2 000 of them stay interactive.
pub const MAX_CERTIFICATES: usize = 2_000;

/// Timeline rows listed per certificate (its beginning and its end). A real
/// story is tens of lines; a retry loop logging every minute for a week is
/// about 10 000.
pub const MAX_TIMELINE: usize = 10_000;

/// Distinct findings listed per certificate or platform. The knowledge table
/// has well under a hundred rows, and a story raises a handful.
pub const MAX_FINDINGS: usize = 200;

/// Evidence lines listed per finding: more than anyone follows, and enough to
/// show a failure repeated every fifteen minutes for ten days.
pub const MAX_EVIDENCE: usize = 1_000;

/// Profile settings listed per certificate. A SCEP profile has about twenty.
pub const MAX_PROFILE: usize = 200;

/// Characters kept of a string copied from a log line (a URL, a profile
/// value, a request id). Real values are a few hundred characters; a
/// base64 blob or a runaway line is cut to this, ending in `…`. The raw-log
/// view cuts lines it shows to the same length.
pub const MAX_TEXT: usize = 4_000;

/// A string copied from a log, as the report keeps it: cut to [`MAX_TEXT`]
/// characters (ending in `…` when it was longer), and with every bidi
/// embedding, override or isolate it opens (U+202A–U+202E, U+2066–U+2068)
/// closed at its end, so a U+202E in a log cannot reverse the words the
/// report puts after it.
pub fn text(s: &str) -> String {
    let mut out = match s.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => format!("{}…", s.get(..end).unwrap_or_default()),
        None => s.to_string(),
    };
    for closer in open_bidi(&out).iter().rev() {
        out.push(*closer);
    }
    out
}

/// The closers (PDF U+202C, PDI U+2069) for the bidi controls `s` leaves open.
fn open_bidi(s: &str) -> Vec<char> {
    let mut open = Vec::new();
    for c in s.chars() {
        match c {
            '\u{202A}'..='\u{202E}' if c != '\u{202C}' => open.push('\u{202C}'),
            '\u{2066}'..='\u{2068}' => open.push('\u{2069}'),
            '\u{202C}' if open.last() == Some(&'\u{202C}') => {
                open.pop();
            }
            // A PDI closes its isolate and every embedding opened inside it.
            '\u{2069}' => {
                if let Some(i) = open.iter().rposition(|&c| c == '\u{2069}') {
                    open.truncate(i);
                }
            }
            _ => {}
        }
    }
    open
}

/// Counts what a list leaves out beyond its cap.
#[derive(Default)]
pub struct Omitted {
    counts: Vec<(&'static str, usize, u64)>,
}

impl Omitted {
    /// One more thing of `code` left out by a cap of `limit`.
    pub fn add(&mut self, code: &'static str, limit: usize, count: u64) {
        if count == 0 {
            return;
        }
        match self.counts.iter_mut().find(|(c, _, _)| *c == code) {
            Some((_, _, n)) => *n += count,
            None => self.counts.push((code, limit, count)),
        }
    }

    /// The notes the report carries: `omitted-…` with the count left out.
    pub fn notes(&self) -> Vec<Problem> {
        self.counts
            .iter()
            .map(|&(code, limit, count)| note(code, count, limit))
            .collect()
    }
}

/// A note that `count` things of `code` were left out by a cap of `limit`:
/// a coded problem like any other, so every language renders it from
/// `problem.<code>` with its count and `limit`.
fn note(code: &str, count: u64, limit: usize) -> Problem {
    Problem::coded(code)
        .count(count)
        .param("limit", limit.to_string())
}

pub const OMITTED_CERTIFICATES: &str = "omitted-certificates";
pub const OMITTED_TIMELINE: &str = "omitted-timeline";
pub const OMITTED_FINDINGS: &str = "omitted-findings";
pub const OMITTED_EVIDENCE: &str = "omitted-evidence";
pub const OMITTED_PROFILE: &str = "omitted-profile";

/// Every note's code (each has its `problem.<code>` text in every language).
pub const NOTES: &[&str] = &[
    OMITTED_CERTIFICATES,
    OMITTED_TIMELINE,
    OMITTED_FINDINGS,
    OMITTED_EVIDENCE,
    OMITTED_PROFILE,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let s = "é".repeat(MAX_TEXT + 5);
        let cut = text(&s);
        assert_eq!(cut.chars().count(), MAX_TEXT + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(text("short"), "short");
        assert_eq!(text(&"a".repeat(MAX_TEXT)), "a".repeat(MAX_TEXT));
    }

    #[test]
    fn bidi_controls_a_log_opens_are_closed() {
        assert_eq!(text("a\u{202E}gnp.exe"), "a\u{202E}gnp.exe\u{202C}");
        assert_eq!(
            text("\u{2067}x\u{202B}y"),
            "\u{2067}x\u{202B}y\u{202C}\u{2069}"
        );
        // Balanced text is left as it is; a stray closer opens nothing.
        assert_eq!(
            text("\u{202E}x\u{202C}\u{2069}"),
            "\u{202E}x\u{202C}\u{2069}"
        );
        assert_eq!(
            text("\u{2068}\u{202E}x\u{2069}"),
            "\u{2068}\u{202E}x\u{2069}"
        );
    }

    #[test]
    fn notes_say_what_and_how_many() {
        let mut o = Omitted::default();
        o.add(OMITTED_EVIDENCE, MAX_EVIDENCE, 2);
        o.add(OMITTED_EVIDENCE, MAX_EVIDENCE, 3);
        o.add(OMITTED_PROFILE, MAX_PROFILE, 0);
        let notes = o.notes();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].count, Some(5));
        assert_eq!(notes[0].params["limit"], MAX_EVIDENCE.to_string());
        use crate::core::lang::Lang;
        use crate::text::i18n::problem_message;
        // Rendered, in each language, from its code, count and limit.
        let en = problem_message(Lang::En, &notes[0]).unwrap_or_default();
        assert!(en.contains('5'), "{en}");
        assert!(en.contains("1000"), "{en}");
        let ja = problem_message(Lang::Ja, &notes[0]);
        assert_eq!(
            ja.as_deref(),
            Some("ほかに 5 行の根拠は一覧にありません。1 つの検出結果に載せる根拠は最大 1000 行です。")
        );
    }

    #[test]
    fn problem_params_are_log_strings() {
        let member = format!("logs\u{202E}{}", "x".repeat(MAX_TEXT * 2));
        let p = Problem::coded("bad-member")
            .param("member", member)
            .param("detail", "y");
        let kept = &p.params["member"];
        assert_eq!(kept.chars().count(), MAX_TEXT + 2);
        assert!(kept.ends_with("…\u{202C}"));
        let en =
            crate::text::i18n::problem_message(crate::core::lang::Lang::En, &p).unwrap_or_default();
        assert!(en.chars().count() <= MAX_TEXT + 2, "{}", en.len());
    }
}

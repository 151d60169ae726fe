//! The one template filler and the one placeholder scanner every text table
//! uses: the UI strings and problems ([`crate::text::i18n`]), the findings
//! ([`crate::text::findings`]) and the timeline lines ([`crate::text::lines`]).
//!
//! - `{name}` is a value, filled in one pass (a value that holds braces is
//!   not filled again);
//! - `{#name}` is a value that is itself a line code: the caller's `value`
//!   is asked for `#name` and renders the term;
//! - with [`Segments::Optional`], `[…]` keeps its content only when every
//!   value named inside it is there (segments nest). UI and finding texts use
//!   [`Segments::Literal`]: their brackets are text (`[設定]`).
//!
//! A name `value` does not know stays as written with literal segments, and
//! is left out (its segment dropped) with optional ones.

/// How `[…]` reads in a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segments {
    /// Brackets are text.
    Literal,
    /// `[…]` is kept only when every value named inside is there.
    Optional,
}

/// The filled template, and whether every value it names was there.
pub fn fill(
    template: &str,
    value: &dyn Fn(&str) -> Option<String>,
    segments: Segments,
) -> (String, bool) {
    let opens: &[char] = match segments {
        Segments::Literal => &['{'],
        Segments::Optional => &['{', '['],
    };
    let mut out = String::new();
    let mut complete = true;
    let mut rest = template;
    while let Some(at) = rest.find(opens) {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        if rest[at..].starts_with('[') {
            let end = closing_bracket(tail);
            let (inner, all) = fill(&tail[..end], value, segments);
            if all {
                out.push_str(&inner);
            }
            rest = tail.get(end + 1..).unwrap_or("");
            continue;
        }
        let Some(end) = tail.find('}') else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        match value(&tail[..end]) {
            Some(shown) => {
                out.push_str(&shown);
                rest = &tail[end + 1..];
            }
            None => {
                complete = false;
                match segments {
                    // Stays as written; what follows the brace is read again.
                    Segments::Literal => {
                        out.push('{');
                        rest = tail;
                    }
                    Segments::Optional => rest = &tail[end + 1..],
                }
            }
        }
    }
    out.push_str(rest);
    (out, complete)
}

/// The `{name}` (and `{#name}`, as `#name`) placeholders of a template.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        let Some(j) = rest.find('}') else { break };
        out.push(&rest[..j]);
        rest = &rest[j + 1..];
    }
    out
}

/// Index of the `]` closing a segment whose `[` came just before `s`
/// (segments nest); the end of `s` when it is not closed.
fn closing_bracket(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return i,
            ']' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of<'a>(params: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            (params.iter())
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn values_are_filled_once_and_unknown_names_stay() {
        let value = of(&[("a", "{b}"), ("b", "x")]);
        assert_eq!(fill("{a}{b}", &value, Segments::Literal).0, "{b}x");
        assert_eq!(
            fill("[{c}] {a", &value, Segments::Literal),
            ("[{c}] {a".to_string(), false)
        );
    }

    #[test]
    fn optional_segments_need_every_value() {
        let value = of(&[("a", "1")]);
        assert_eq!(
            fill("x[ {a}[ {b}]][ {c}]", &value, Segments::Optional),
            ("x 1".to_string(), true)
        );
        assert_eq!(
            fill("{b}!", &value, Segments::Optional),
            ("!".to_string(), false)
        );
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(placeholders("{a} [{#b}] {c"), ["a", "#b"]);
    }
}

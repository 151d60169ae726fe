//! A CA request's outcome as its record writes it: the status code
//! (`0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)`, with the error's
//! text before it in the console and after ` -- ` in certutil) and the
//! disposition (`0x14 (20) -- Issued`, `20`, `Issued`).

/// A status code read from a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub code: u32,
    /// The symbolic name, when written (`CERTSRV_E_TEMPLATE_DENIED`).
    pub name: String,
    /// The error's text as written (its language is the CA's).
    pub text: String,
}

impl Status {
    /// `0x80094012`, lower-case as certutil writes it.
    pub fn hex(&self) -> String {
        format!("0x{:08x}", self.code)
    }

    pub fn failed(&self) -> bool {
        self.code & 0x8000_0000 != 0
    }
}

/// Reads a status code value; `None` when it holds no `0x…` code (or a bare
/// decimal HRESULT).
pub fn parse(value: &str) -> Option<Status> {
    let value = value.trim().trim_matches('"');
    let (code, at, end) = hex_code(value).or_else(|| decimal_code(value))?;
    let before = value.get(..at).unwrap_or("").trim();
    let rest = value.get(end..).unwrap_or("").trim();
    // `(-2146877422 CERTSRV_E_TEMPLATE_DENIED)` or `(WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)`.
    let (inside, after) = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((inside, after)) => (inside, after.trim()),
        None => ("", rest),
    };
    let name = inside
        .split_whitespace()
        .find(|w| {
            w.contains('_')
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
        .unwrap_or("")
        .to_string();
    let after = after.trim_start_matches("--").trim();
    let text = if before.is_empty() { after } else { before };
    Some(Status {
        code,
        name,
        text: text.to_string(),
    })
}

/// The first `0x` followed by 1–8 hex digits: (value, start, end).
fn hex_code(value: &str) -> Option<(u32, usize, usize)> {
    let mut from = 0;
    while let Some(i) = value.get(from..)?.find("0x").map(|i| i + from) {
        let digits = value
            .get(i + 2..)?
            .bytes()
            .take_while(u8::is_ascii_hexdigit)
            .count();
        let starts_word = i == 0
            || !value
                .as_bytes()
                .get(i - 1)
                .is_some_and(u8::is_ascii_alphanumeric);
        if (1..=8).contains(&digits) && starts_word {
            let code = u32::from_str_radix(value.get(i + 2..i + 2 + digits)?, 16).ok()?;
            return Some((code, i, i + 2 + digits));
        }
        from = i + 2;
    }
    None
}

/// A value that is only a decimal HRESULT (`-2146877422`) or `0`.
fn decimal_code(value: &str) -> Option<(u32, usize, usize)> {
    let n: i64 = value.parse().ok()?;
    let code = u32::try_from(n)
        .ok()
        .or_else(|| i32::try_from(n).ok().map(|n| n as u32))?;
    Some((code, 0, value.len()))
}

/// What the CA did with a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    Pending,
    Issued,
    Revoked,
    /// Could not be processed (an error).
    Failed,
    Denied,
}

impl Disposition {
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Pending => "pending",
            Disposition::Issued => "issued",
            Disposition::Revoked => "revoked",
            Disposition::Failed => "failed",
            Disposition::Denied => "denied",
        }
    }

    /// The database's disposition number (9 pending, 20 issued, 21
    /// revoked, 30 failed, 31 denied; 8 still being processed).
    fn from_number(n: u32) -> Option<Disposition> {
        match n {
            8 | 9 => Some(Disposition::Pending),
            20 => Some(Disposition::Issued),
            21 => Some(Disposition::Revoked),
            30 => Some(Disposition::Failed),
            31 => Some(Disposition::Denied),
            _ => None,
        }
    }
}

/// Reads a disposition value: `0x14 (20) -- Issued`, `0x9 -- Pending`,
/// `20`, or the word alone.
pub fn disposition(value: &str) -> Option<Disposition> {
    let value = value.trim().trim_matches('"');
    let number = match (value.find('('), value.find(')')) {
        (Some(a), Some(b)) if a < b => value.get(a + 1..b).and_then(|n| n.trim().parse().ok()),
        _ => None,
    }
    .or_else(|| {
        let first = value.split_whitespace().next()?;
        match first.strip_prefix("0x") {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => first.parse().ok(),
        }
    });
    if let Some(d) = number.and_then(Disposition::from_number) {
        return Some(d);
    }
    let word = value
        .rsplit("--")
        .next()
        .unwrap_or(value)
        .trim()
        .to_ascii_lowercase();
    match word.as_str() {
        "pending" => Some(Disposition::Pending),
        "issued" => Some(Disposition::Issued),
        "revoked" => Some(Disposition::Revoked),
        "failed" | "error" => Some(Disposition::Failed),
        "denied" => Some(Disposition::Denied),
        _ => None,
    }
}

/// A disposition message that means the request waits for a manager
/// (`Taken Under Submission`).
pub fn says_pending(message: &str) -> bool {
    message.to_ascii_lowercase().contains("under submission")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_and_certutil_renderings() {
        let s = parse("The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)").unwrap();
        assert_eq!(s.hex(), "0x80094012");
        assert_eq!(s.name, "CERTSRV_E_TEMPLATE_DENIED");
        assert!(s.text.starts_with("The permissions"));
        assert!(s.failed());
        let s = parse(
            "0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE) -- The RPC server is unavailable.",
        )
        .unwrap();
        assert_eq!(s.code, 0x800706ba);
        assert_eq!(s.name, "RPC_S_SERVER_UNAVAILABLE");
        assert_eq!(s.text, "The RPC server is unavailable.");
        let s = parse("0x0 (WIN32: 0) -- The operation completed successfully.").unwrap();
        assert!(!s.failed());
        assert_eq!(parse("-2146875392").map(|s| s.code), Some(0x80094800));
        assert_eq!(parse("0").map(|s| s.code), Some(0));
        assert!(parse("Denied by Policy Module").is_none());
        assert!(parse("").is_none());
        assert!(parse("0xZZ").is_none());
    }

    #[test]
    fn dispositions() {
        assert_eq!(
            disposition("0x14 (20) -- Issued"),
            Some(Disposition::Issued)
        );
        assert_eq!(
            disposition("0x1f (31) -- Denied"),
            Some(Disposition::Denied)
        );
        assert_eq!(disposition("0x9 -- Pending"), Some(Disposition::Pending));
        assert_eq!(disposition("21"), Some(Disposition::Revoked));
        assert_eq!(disposition("Failed"), Some(Disposition::Failed));
        assert_eq!(disposition("0x63 (99) -- Unknown"), None);
        assert_eq!(disposition(""), None);
    }
}

//! The CA database's columns as the CA console and `certutil -view` name
//! them: the localized display name (the console's column header, the label
//! of a `certutil -view` row, the header of `certutil -view csv`) or the
//! `-out` name, mapped to what the report needs of it.
//!
//! English names are those of real console exports and certutil outputs
//! (`server-ca-store.md` §1.3). No real Japanese export has been published:
//! the Japanese names below are those of the Japanese console as far as
//! known, and an unknown header is recognized by its values instead
//! ([`guess`]), so a column set in another language still reads.

use std::sync::OnceLock;

/// What a column holds, as far as the report is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    RequestId,
    Requester,
    Template,
    /// Issued Common Name (preferred) or Request Common Name.
    CommonName,
    RequestCommonName,
    DistinguishedName,
    Upn,
    Serial,
    Hash,
    Disposition,
    DispositionMessage,
    StatusCode,
    Submitted,
    Resolved,
    Effective,
    Expires,
    Revoked,
    RevocationReason,
}

impl Column {
    /// The key a normalized record uses for this column.
    pub fn key(self) -> &'static str {
        match self {
            Column::RequestId => "id",
            Column::Requester => "requester",
            Column::Template => "template",
            Column::CommonName => "cn",
            Column::RequestCommonName => "request_cn",
            Column::DistinguishedName => "dn",
            Column::Upn => "upn",
            Column::Serial => "serial",
            Column::Hash => "hash",
            Column::Disposition => "disposition",
            Column::DispositionMessage => "message",
            Column::StatusCode => "status",
            Column::Submitted => "submitted",
            Column::Resolved => "resolved",
            Column::Effective => "effective",
            Column::Expires => "expires",
            Column::Revoked => "revoked",
            Column::RevocationReason => "reason",
        }
    }
}

/// (name, column): display names in English and Japanese, and `-out` names.
/// Compared without case, spaces and dots.
static NAMES: &[(&str, Column)] = &[
    // English display names.
    ("Request ID", Column::RequestId),
    ("Issued Request ID", Column::RequestId),
    ("Requester Name", Column::Requester),
    ("Caller Name", Column::Requester),
    ("Certificate Template", Column::Template),
    ("Issued Common Name", Column::CommonName),
    ("Request Common Name", Column::RequestCommonName),
    ("Issued Distinguished Name", Column::DistinguishedName),
    ("User Principal Name", Column::Upn),
    ("Serial Number", Column::Serial),
    ("Certificate Hash", Column::Hash),
    ("Request Disposition", Column::Disposition),
    ("Request Disposition Message", Column::DispositionMessage),
    ("Request Status Code", Column::StatusCode),
    ("Request Submission Date", Column::Submitted),
    ("Request Resolution Date", Column::Resolved),
    ("Certificate Effective Date", Column::Effective),
    ("Certificate Expiration Date", Column::Expires),
    ("Revocation Date", Column::Revoked),
    ("Revocation Reason", Column::RevocationReason),
    // certutil `-out` names.
    ("RequestID", Column::RequestId),
    ("Request.RequestID", Column::RequestId),
    ("Request.RequesterName", Column::Requester),
    ("RequesterName", Column::Requester),
    ("Request.CallerName", Column::Requester),
    ("CertificateTemplate", Column::Template),
    ("CommonName", Column::CommonName),
    ("Request.CommonName", Column::RequestCommonName),
    ("DistinguishedName", Column::DistinguishedName),
    ("UPN", Column::Upn),
    ("SerialNumber", Column::Serial),
    ("CertificateHash", Column::Hash),
    ("Request.Disposition", Column::Disposition),
    ("Disposition", Column::Disposition),
    ("Request.DispositionMessage", Column::DispositionMessage),
    ("Request.StatusCode", Column::StatusCode),
    ("Request.SubmittedWhen", Column::Submitted),
    ("Request.ResolvedWhen", Column::Resolved),
    ("NotBefore", Column::Effective),
    ("NotAfter", Column::Expires),
    ("Request.RevokedWhen", Column::Revoked),
    ("Request.RevokedReason", Column::RevocationReason),
    // Japanese display names (unconfirmed by a real export: see the module
    // documentation).
    ("要求 ID", Column::RequestId),
    ("発行された要求 ID", Column::RequestId),
    ("要求者名", Column::Requester),
    ("呼び出し元の名前", Column::Requester),
    ("証明書テンプレート", Column::Template),
    ("発行された共通名", Column::CommonName),
    ("要求の共通名", Column::RequestCommonName),
    ("発行された識別名", Column::DistinguishedName),
    ("ユーザー プリンシパル名", Column::Upn),
    ("シリアル番号", Column::Serial),
    ("証明書ハッシュ", Column::Hash),
    ("要求の処理", Column::Disposition),
    ("要求の処理メッセージ", Column::DispositionMessage),
    ("要求の状態コード", Column::StatusCode),
    ("要求の送信日", Column::Submitted),
    ("要求の解決日", Column::Resolved),
    ("証明書の有効日", Column::Effective),
    ("証明書の有効期限", Column::Expires),
    ("失効日", Column::Revoked),
    ("失効の理由", Column::RevocationReason),
];

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '\u{3000}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`NAMES`] squashed, once (format detection asks [`column`] about every
/// cell and label of an input's first lines).
struct Squashed {
    names: Vec<(String, Column)>,
    /// The set of their lengths in bytes (bit n: some name is n bytes long;
    /// every name is shorter than 128, which a test keeps).
    lengths: u128,
    /// The set of their first two bytes (bit `b0 << 8 | b1`): a cell that
    /// starts otherwise is none of them, known after two characters (most
    /// cells of a line that is no CA export: dates, numbers, providers).
    starts: Box<[u64; 1024]>,
}

fn squashed_names() -> &'static Squashed {
    static SQUASHED: OnceLock<Squashed> = OnceLock::new();
    SQUASHED.get_or_init(|| {
        let names: Vec<(String, Column)> = NAMES.iter().map(|(n, c)| (squash(n), *c)).collect();
        let lengths = names
            .iter()
            .filter(|(n, _)| n.len() < 128)
            .fold(0u128, |set, (n, _)| set | 1 << n.len());
        let mut starts = Box::new([0u64; 1024]);
        for (name, _) in &names {
            if let [b0, b1, ..] = name.as_bytes() {
                let bit = usize::from(*b0) << 8 | usize::from(*b1);
                if let Some(word) = starts.get_mut(bit / 64) {
                    *word |= 1 << (bit % 64);
                }
            }
        }
        Squashed {
            names,
            lengths,
            starts,
        }
    })
}

/// The column a header or label names.
pub fn column(name: &str) -> Option<Column> {
    let Squashed {
        names,
        lengths,
        starts,
    } = squashed_names();
    // The longest name's length: checked for each character squashed (a
    // u128 shift there was a quarter of this function's cost).
    let longest = 127usize.saturating_sub(lengths.leading_zeros() as usize);
    // Squashed on the stack: detection asks about every cell of every line
    // it looks at, and an allocation per cell was most of the cost.
    let mut buffer = [0u8; 128];
    let mut len = 0;
    for c in name.trim().trim_matches('"').chars() {
        if c.is_whitespace() || c == '.' {
            continue;
        }
        if c.is_ascii() {
            // ASCII, most of what is asked, without the Unicode case tables.
            *buffer.get_mut(len)? = c.to_ascii_lowercase() as u8;
            len += 1;
        } else {
            for lower in c.to_lowercase() {
                let room = buffer.get_mut(len..len + lower.len_utf8())?;
                len += lower.encode_utf8(room).len();
            }
        }
        // Squashing only grows: longer than every name, it is none of them.
        if len > longest {
            return None;
        }
        // Every name is two bytes or more (a test keeps it): the first two
        // say whether any can follow.
        if len == 2 {
            let bit = usize::from(buffer[0]) << 8 | usize::from(buffer[1]);
            if starts
                .get(bit / 64)
                .is_none_or(|word| word & 1 << (bit % 64) == 0)
            {
                return None;
            }
        }
    }
    // No name is this long: no comparison needed.
    if len == 0 || *lengths & (1 << len) == 0 {
        return None;
    }
    let squashed = std::str::from_utf8(buffer.get(..len)?).ok()?;
    names.iter().find(|(n, _)| *n == squashed).map(|(_, c)| *c)
}

/// The column an unknown header holds, judged by its values (at least one
/// value, and every non-empty value fits).
pub fn guess<'a>(values: impl Iterator<Item = &'a str>) -> Option<Column> {
    let values: Vec<&str> = values.map(str::trim).filter(|v| !v.is_empty()).collect();
    if values.is_empty() {
        return None;
    }
    let all = |f: fn(&str) -> bool| values.iter().all(|v| f(v));
    if all(|v| super::status::parse(v).is_some() && v.contains("0x")) {
        Some(Column::StatusCode)
    } else if all(is_serial) {
        Some(Column::Serial)
    } else if all(is_hash) {
        Some(Column::Hash)
    } else if all(|v| v.len() <= 10 && v.bytes().all(|b| b.is_ascii_digit())) {
        Some(Column::RequestId)
    } else if all(is_account) {
        Some(Column::Requester)
    } else {
        None
    }
}

/// A CA serial number: 16 to 40 hex digits with no spaces (a Microsoft CA
/// writes 20 or 38).
pub fn is_serial(v: &str) -> bool {
    (16..=38).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A SHA-1 hash: 40 hex digits, or 20 space-separated pairs.
pub fn is_hash(v: &str) -> bool {
    let hex: String = v.chars().filter(|c| *c != ' ').collect();
    hex.len() == 40
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && (v.len() == 40 || v.len() == 59)
}

/// `DOMAIN\account`.
fn is_account(v: &str) -> bool {
    v.split_once('\\').is_some_and(|(d, a)| {
        !d.is_empty() && !a.is_empty() && !v.contains(char::is_whitespace) && !a.contains('\\')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_fits_the_squashing_buffer() {
        // The longest name plus one character's lower case (up to 3 × 4 bytes).
        let longest = squashed_names().names.iter().map(|(n, _)| n.len()).max();
        let shortest = squashed_names().names.iter().map(|(n, _)| n.len()).min();
        assert!(shortest.is_some_and(|n| n >= 2), "{shortest:?}");
        assert!(longest.is_some_and(|n| n + 12 <= 128), "{longest:?}");
        for (name, column_) in NAMES {
            assert_eq!(column(name), Some(*column_), "{name}");
            assert_eq!(column(&name.to_uppercase()), Some(*column_), "{name}");
        }
        let long = "x".repeat(500);
        assert_eq!(column(&long), None);
        assert_eq!(
            column("İİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİ"),
            None
        );
    }

    #[test]
    fn the_quick_looks_never_miss_a_name() {
        // What `column` answers without its shortcuts.
        let plain = |cell: &str| {
            let squashed = squash(cell.trim().trim_matches('"'));
            let names = &squashed_names().names;
            names.iter().find(|(n, _)| *n == squashed).map(|(_, c)| *c)
        };
        let mut cells: Vec<String> = NAMES
            .iter()
            .map(|(n, _)| format!(" \"{}\" ", n.to_uppercase()))
            .collect();
        // Every cell of every fixture line, whatever its platform.
        for line in crate::core::testing::fixture_lines() {
            cells.extend(line.split(['\t', ',']).map(str::to_string));
        }
        let mut named = 0;
        for cell in &cells {
            assert_eq!(column(cell), plain(cell), "{cell:?}");
            named += usize::from(column(cell).is_some());
        }
        assert!(named > NAMES.len(), "{named}");
    }

    #[test]
    fn names_are_found_in_any_spelling() {
        assert_eq!(column("Request ID"), Some(Column::RequestId));
        assert_eq!(column("\"Issued Request ID\""), Some(Column::RequestId));
        assert_eq!(column("request.statuscode"), Some(Column::StatusCode));
        assert_eq!(column("要求 ID"), Some(Column::RequestId));
        assert_eq!(column("Issued City"), None);
        assert_eq!(column(""), None);
    }

    #[test]
    fn values_tell_an_unknown_column() {
        let status =
            ["The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)"];
        assert_eq!(guess(status.into_iter()), Some(Column::StatusCode));
        assert_eq!(
            guess(["44000000069be40163789196d9000000000006"].into_iter()),
            Some(Column::Serial)
        );
        assert_eq!(guess(["12", "", "13"].into_iter()), Some(Column::RequestId));
        assert_eq!(
            guess(["CONTOSO\\svc-ndes"].into_iter()),
            Some(Column::Requester)
        );
        assert_eq!(guess(["jsmith", "12"].into_iter()), None);
        assert_eq!(guess(["", " "].into_iter()), None);
    }
}

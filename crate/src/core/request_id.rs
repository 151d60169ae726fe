//! The Intune SCEP request identity, `ModelName=AC_<account>/LogicalName_<policy>;Hash=<n>`,
//! recognized in every encoding the platforms write (`%2F`, `%3B`, `/`, `;`,
//! Windows' all-underscore form, the iOS payload prefix) and compared so that
//! ids redacted with `…` or `...` still match their own full form.

use regex::Regex;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId {
    /// Tenant (account) GUID, lower case; may be truncated.
    account: IdPart,
    /// SCEP profile (policy) GUID with dashes, lower case; may be truncated.
    policy: IdPart,
    /// Signed 32-bit hash, as written.
    hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct IdPart {
    /// The characters before any redaction mark.
    stem: String,
    /// Written with `…`/`...`, or a documentation placeholder like `<ModelName>`.
    partial: bool,
}

impl IdPart {
    fn new(raw: &str, underscores_are_dashes: bool) -> IdPart {
        let placeholder = raw.starts_with('<') && raw.ends_with('>');
        let mut stem = raw.trim_end_matches(['…', '.']).to_ascii_lowercase();
        if underscores_are_dashes {
            stem = stem.replace('_', "-");
        }
        let partial = placeholder || stem.len() != raw.len();
        IdPart {
            stem: if placeholder { String::new() } else { stem },
            partial,
        }
    }

    fn compatible(&self, other: &IdPart) -> bool {
        self.stem == other.stem
            || (self.partial && other.stem.starts_with(&self.stem))
            || (other.partial && self.stem.starts_with(&other.stem))
    }

    fn display(&self, underscores: bool) -> String {
        let stem = if underscores {
            self.stem.replace('-', "_")
        } else {
            self.stem.clone()
        };
        if self.partial {
            format!("{stem}…")
        } else {
            stem
        }
    }
}

/// The hash is a signed 32-bit number: at most 10 digits are read, so a
/// runaway digit string ends the match there instead of being captured whole.
fn pattern() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)ModelName[=_](?:AC_)?([^\s'/;%]*?)(?:/|%2F|_)LogicalName_([^\s'/;%]*?)(?:;|%3B|_)Hash[=_](-?\d{1,10})",
        )
        .ok()
    })
    .as_ref()
}

impl RequestId {
    /// Finds the first request id in `text`.
    pub fn find(text: &str) -> Option<RequestId> {
        let caps = pattern()?.captures(text)?;
        Some(RequestId {
            account: IdPart::new(caps.get(1)?.as_str(), false),
            policy: IdPart::new(caps.get(2)?.as_str(), true),
            hash: caps.get(3)?.as_str().to_string(),
        })
    }

    /// The signed hash, as written; equal for every spelling of one request.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Same request, allowing for redaction marks on either side.
    pub fn matches(&self, other: &RequestId) -> bool {
        self.hash == other.hash
            && self.account.compatible(&other.account)
            && self.policy.compatible(&other.policy)
    }

    /// How much of the id is known; used to keep the most complete spelling.
    pub fn completeness(&self) -> usize {
        self.account.stem.len() + self.policy.stem.len()
            - usize::from(self.account.partial)
            - usize::from(self.policy.partial)
    }

    /// The id as admins search logs for it: `AC_<account>/LogicalName_<policy_underscored>;Hash=<n>`.
    pub fn display(&self) -> String {
        format!(
            "AC_{}/LogicalName_{};Hash={}",
            self.account.display(false),
            self.policy.display(true),
            self.hash
        )
    }

    /// The SCEP profile id as the Intune admin center shows it (with dashes).
    pub fn policy_id(&self) -> Option<String> {
        (!self.policy.partial && !self.policy.stem.is_empty()).then(|| self.policy.stem.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> RequestId {
        RequestId::find(s).unwrap_or_else(|| panic!("no id in {s}"))
    }

    const FULL: &str = "ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c%3BHash=-1518303401";

    #[test]
    fn every_encoding_is_one_id() {
        let forms = [
            FULL,
            "ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=-1518303401",
            "ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8/LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=-1518303401",
            "www.windowsintune.com.SCEP.ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8/LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=-1518303401",
            "ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401",
            "modelname=ac_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2flogicalname_39907e78_e61b_4730_b9fa_d44a53e4111c%3bhash=-1518303401",
        ];
        let first = id(forms[0]);
        for f in forms {
            assert!(id(f).matches(&first), "{f}");
        }
        assert_eq!(
            first.display(),
            "AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8/LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=-1518303401"
        );
        assert_eq!(
            first.policy_id().as_deref(),
            Some("39907e78-e61b-4730-b9fa-d44a53e4111c")
        );
    }

    #[test]
    fn redacted_ids_match_their_own_lines_and_the_full_id() {
        let short = id("Trying to enroll certificate request: ModelName=AC_51…%2FLogicalName_39907…;Hash=1677525787");
        let same =
            id("SCEP cert 'ModelName=AC_51…%2FLogicalName_39907…;Hash=1677525787' state changed");
        assert!(short.matches(&same));
        assert_eq!(short.display(), "AC_51…/LogicalName_39907…;Hash=1677525787");
        let full = id("ModelName=AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8%2FLogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c;Hash=1677525787");
        assert!(short.matches(&full) && full.matches(&short));
        assert!(full.completeness() > short.completeness());
        let dots = id("www.windowsintune.com.SCEP.ModelName=AC_51bad41f.../LogicalName_1892fe4c...;Hash=-912418295");
        assert_eq!(
            dots.display(),
            "AC_51bad41f…/LogicalName_1892fe4c…;Hash=-912418295"
        );
    }

    #[test]
    fn different_hash_or_policy_is_another_request() {
        let a = id(FULL);
        let b = id(&FULL.replace("-1518303401", "1677525787"));
        let c = id(&FULL.replace("39907e78", "49907e78"));
        assert!(!a.matches(&b));
        assert!(!a.matches(&c));
    }

    #[test]
    fn no_id_in_noise() {
        assert!(RequestId::find("There are 1 requests").is_none());
        assert!(RequestId::find("ModelName=").is_none());
    }
}

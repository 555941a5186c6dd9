//! Two-factor login (TOTP, RFC 6238): who must use it, and the shape of codes.
//!
//! A code is six digits from an authenticator app (30-second steps, one step of clock skew
//! either way, each step accepted once), or one of ten recovery codes printed at enrolment: 16
//! characters of Crockford's base32 (80 bits), shown in groups of four, each usable once.

use crate::codes::AccountKind;

/// Digits of a TOTP code.
pub const DIGITS: usize = 6;
/// Seconds of a TOTP step.
pub const STEP_SECS: u64 = 30;
/// Recovery codes issued at enrolment.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code (without the dashes).
pub const RECOVERY_LEN: usize = 16;
/// Seconds an `mfa_token` from the password step stays valid.
pub const CHALLENGE_SECS: u64 = 300;
/// The issuer shown in authenticator apps.
pub const ISSUER: &str = "shiming";

/// Crockford's base32 alphabet: no I, L, O or U, so nothing is misread on paper.
pub const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Whether an account must log in with a second factor: every administrator account, every
/// account of the province's own agency, and everyone when the province's policy says so.
/// Service accounts use client credentials and never do.
pub fn required(kind: AccountKind, province: bool, policy_everyone: bool) -> bool {
    match kind {
        AccountKind::Service => false,
        AccountKind::Admin => true,
        AccountKind::Sub => province || policy_everyone,
    }
}

/// What a typed code is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// Six digits from the app.
    Totp(String),
    /// A recovery code, normalised (16 upper-case characters of the alphabet).
    Recovery(String),
}

/// Reads what the user typed: spaces and dashes are ignored; six digits are an app code;
/// sixteen characters of the recovery alphabet (case-insensitive, O read as 0, I and L as 1)
/// a recovery code. `None` for anything else.
pub fn parse_code(typed: &str) -> Option<Code> {
    let s: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if s.len() == DIGITS && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Code::Totp(s));
    }
    if s.chars().count() != RECOVERY_LEN {
        return None;
    }
    let mut out = String::with_capacity(RECOVERY_LEN);
    for c in s.chars() {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !RECOVERY_ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
    }
    Some(Code::Recovery(out))
}

/// A recovery code for print: `ABCD-EFGH-JKMN-PQRS`.
pub fn format_recovery(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn who_must_use_two_factors() {
        assert!(required(AccountKind::Admin, false, false));
        assert!(required(AccountKind::Sub, true, false));
        assert!(!required(AccountKind::Sub, false, false));
        assert!(required(AccountKind::Sub, false, true));
        assert!(!required(AccountKind::Service, true, true));
    }

    #[test]
    fn codes_are_read_as_typed() {
        assert_eq!(parse_code(" 123 456 "), Some(Code::Totp("123456".into())));
        assert_eq!(parse_code("12345"), None);
        assert_eq!(parse_code("1234567"), None);
        assert_eq!(
            parse_code("abcd-efgh-jkmn-pqrs"),
            Some(Code::Recovery("ABCDEFGHJKMNPQRS".into()))
        );
        assert_eq!(
            parse_code("oilx-0000-0000-0000"),
            Some(Code::Recovery("011X000000000000".into()))
        );
        assert_eq!(parse_code("ABCD-EFGH-JKMN-PQRU"), None);
        assert_eq!(parse_code("证件号码证件号码证件号码证件号码"), None);
    }

    proptest! {
        #[test]
        fn a_printed_recovery_code_reads_back(bytes in proptest::collection::vec(0usize..32, RECOVERY_LEN)) {
            let code: String = bytes.iter().map(|&i| RECOVERY_ALPHABET[i] as char).collect();
            let printed = format_recovery(&code);
            prop_assert_eq!(printed.len(), RECOVERY_LEN + 3);
            prop_assert_eq!(parse_code(&printed.to_lowercase()), Some(Code::Recovery(code)));
        }
    }
}

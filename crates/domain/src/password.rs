//! The password policy (Art. 27; 等保 2.0): at least 10 characters, three of the four character
//! classes, not containing the username. Re-use of the last five is checked by the server, which
//! holds the hashes; the rule name `reused` is reported the same way.

use crate::error::FieldError;
use crate::text::Text;

/// Minimum length of a password.
pub const MIN_LENGTH: usize = 10;
/// Number of earlier passwords that may not be used again.
pub const HISTORY: usize = 5;

/// Checks a new password against the policy; returns every failing rule for field `field`.
pub fn check(password: &str, username: &str, field: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    if password.chars().count() < MIN_LENGTH {
        out.push(FieldError::new(
            field,
            "min_length",
            Text::new(
                format!("密码至少{MIN_LENGTH}个字符"),
                format!("must be at least {MIN_LENGTH} characters"),
            ),
        ));
    }
    if char_classes(password) < 3 {
        out.push(FieldError::new(
            field,
            "char_classes",
            Text::new(
                "须包含大写字母、小写字母、数字、符号中的至少三类",
                "must contain three of: upper-case letters, lower-case letters, digits, symbols",
            ),
        ));
    }
    let user = username.trim().to_lowercase();
    if !user.is_empty() && password.to_lowercase().contains(&user) {
        out.push(FieldError::new(
            field,
            "contains_username",
            Text::new("密码不能包含用户名", "must not contain the username"),
        ));
    }
    out
}

/// The error reported when a password was one of the last [`HISTORY`].
pub fn reused(field: &str) -> FieldError {
    FieldError::new(
        field,
        "reused",
        Text::new(
            format!("不能与最近{HISTORY}次使用的密码相同"),
            format!("must differ from the last {HISTORY} passwords"),
        ),
    )
}

/// How many of upper / lower / digit / symbol the password uses.
pub fn char_classes(password: &str) -> usize {
    let upper = password.chars().any(|c| c.is_ascii_uppercase());
    let lower = password.chars().any(|c| c.is_ascii_lowercase());
    let digit = password.chars().any(|c| c.is_ascii_digit());
    let symbol = password.chars().any(|c| !c.is_ascii_alphanumeric());
    [upper, lower, digit, symbol].iter().filter(|b| **b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(p: &str, u: &str) -> Vec<String> {
        check(p, u, "new_password")
            .into_iter()
            .map(|e| e.rule)
            .collect()
    }

    #[test]
    fn policy() {
        assert!(rules("Gansu-2026!", "620100").is_empty());
        assert_eq!(rules("Short1!", "x"), ["min_length"]);
        assert_eq!(rules("alllowercase", "x"), ["char_classes"]);
        assert_eq!(rules("abcdef123456", "x"), ["char_classes"]);
        assert!(rules("abcdef12345!", "x").is_empty());
        assert_eq!(rules("Xx620100-pass", "620100"), ["contains_username"]);
        assert_eq!(rules("My-ZHANGSAN-1", "zhangsan"), ["contains_username"]);
    }
}

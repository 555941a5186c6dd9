//! Login, tokens, password change and the confidentiality agreement.

use crate::codes::{AccountKind, Role};
use crate::permissions::Permission;
use crate::text::Lang;
use crate::v1::regions::RegionRef;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// `POST /api/v1/auth/login`
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// Username: the region code for administrator accounts.
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub username: String,
    /// Password.
    #[validate(length(min = 1, max = 256))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub password: String,
}

/// Tokens issued by login and refresh.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// JWT access token (15 minutes).
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// The password is one-time or expired: only `change-password` works until it is changed.
    pub must_change_password: bool,
    /// The confidentiality agreement is not accepted yet: only `accept-agreement` works.
    pub must_accept_agreement: bool,
    /// Refresh token for scripts (browsers get it as an HttpOnly cookie); rotated on every use.
    pub refresh_token: String,
    /// Two-factor login must be set up: only the enrolment endpoints (and the other gates)
    /// work until it is confirmed.
    #[serde(default)]
    pub must_enrol_mfa: bool,
    /// Always `false` here; `true` marks the other answer of login, [`MfaChallenge`].
    #[serde(default)]
    pub mfa_required: bool,
}

/// The answer of login when the account has two-factor login: finish with
/// `POST /api/v1/auth/mfa` and the `mfa_token` within [`crate::mfa::CHALLENGE_SECS`] seconds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaChallenge {
    /// Always `true`: a code is needed.
    pub mfa_required: bool,
    /// Single-use token of the password step.
    pub mfa_token: String,
    /// Seconds until the `mfa_token` expires.
    pub expires_in: u64,
}

/// What login answers: tokens, or a two-factor challenge (tell them apart by `mfa_required`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum LoginResult {
    /// Signed in.
    Tokens(LoginResponse),
    /// The password was right; a second factor is needed.
    Mfa(MfaChallenge),
}

/// `POST /api/v1/auth/mfa`: the second step of login.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaRequest {
    /// The `mfa_token` of the login answer.
    #[validate(length(min = 1, max = 256))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub mfa_token: String,
    /// Six digits from the authenticator app, or a recovery code (`ABCD-EFGH-JKMN-PQRS`).
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, example = "123456")
    )]
    pub code: String,
}

/// `POST /api/v1/auth/mfa/enrolment`: a new secret to scan (it replaces any unconfirmed one).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaEnrolment {
    /// The secret in base32, for typing into an app by hand.
    pub secret: String,
    /// `otpauth://totp/…` URI: what the QR code holds.
    pub otpauth_uri: String,
    /// Digits of a code.
    pub digits: u32,
    /// Seconds of a step.
    pub period: u32,
}

/// `POST /api/v1/auth/mfa/confirm`: the first code from the app, which turns two-factor login on.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaConfirm {
    /// Six digits from the authenticator app.
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, example = "123456")
    )]
    pub code: String,
}

/// The recovery codes, shown once: each logs in once in place of an app code.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    /// Ten codes, `ABCD-EFGH-JKMN-PQRS`.
    pub codes: Vec<String>,
}

/// A past login of the caller's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginTrace {
    /// When.
    pub at: DateTime<Utc>,
    /// From which address.
    pub ip: Option<String>,
    /// Failed attempts between that login and this one.
    pub failed_attempts: u32,
}

/// A live session of an account: a login and the refreshes that carried it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// Opaque id of the session (also the `sid` of its access tokens).
    pub id: String,
    /// When it was started (the login).
    pub created_at: DateTime<Utc>,
    /// When its tokens were last issued or refreshed.
    pub last_seen_at: DateTime<Utc>,
    /// When it ends at the latest, whatever happens.
    pub expires_at: DateTime<Utc>,
    /// The client address of its last refresh.
    pub ip: Option<String>,
    /// The browser's own description (`User-Agent`), cut at 256 characters; [`device`] says it
    /// in a few words.
    pub user_agent: Option<String>,
    /// The session of the request that lists it.
    pub current: bool,
}

/// The live sessions of an account, the most recently used first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionList {
    /// The sessions (never more than `max`).
    pub items: Vec<Session>,
    /// Sessions an account may hold at once; a login beyond ends the least recently used.
    pub max: u32,
}

/// How many sessions a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionsEnded {
    /// Sessions ended.
    pub ended: u32,
}

/// Browser and operating system named in a `User-Agent`, in a few words ("Edge 131 · Windows");
/// what cannot be told is said so.
pub fn device(user_agent: Option<&str>, lang: Lang) -> String {
    let unknown = match lang {
        Lang::Zh => "未知",
        Lang::En => "unknown",
    };
    let Some(ua) = user_agent.filter(|u| !u.trim().is_empty()) else {
        return unknown.to_owned();
    };
    // "Name 131": the name, and the major version that follows the token, if any
    let named = |token: &str, name: &str| -> Option<String> {
        let rest = &ua[ua.find(token)? + token.len()..];
        let major: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some(if major.is_empty() {
            name.to_owned()
        } else {
            format!("{name} {major}")
        })
    };
    // the order matters: every Chromium browser also says Chrome and Safari
    let browser = named("Edg/", "Edge")
        .or_else(|| named("QQBrowser/", "QQ"))
        .or_else(|| named("360SE", "360"))
        .or_else(|| named("OPR/", "Opera"))
        .or_else(|| named("Firefox/", "Firefox"))
        .or_else(|| named("HeadlessChrome/", "Chrome"))
        .or_else(|| named("Chrome/", "Chrome"))
        .or_else(|| {
            ua.contains("Safari/")
                .then(|| named("Version/", "Safari"))
                .flatten()
        })
        .or_else(|| named("curl/", "curl"))
        .or_else(|| named("python-requests/", "Python"))
        .or_else(|| named("shiming-client/", "shiming-client"))
        .or_else(|| named("reqwest/", "reqwest"));
    // the order matters: Android says Linux, iOS says Mac OS X
    let system = [
        ("HarmonyOS", "HarmonyOS"),
        ("Windows", "Windows"),
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| ua.contains(token))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b,
        (None, Some(s)) => s.to_owned(),
        (None, None) => unknown.to_owned(),
    }
}

/// The province's security policy (the security administrator's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecurityPolicy {
    /// Two-factor login for every account, not only administrators and the province's.
    pub mfa_for_everyone: bool,
}

/// `POST /api/v1/auth/refresh`: the refresh token from the body or, for the SPA, the cookie.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    /// Refresh token; omit to use the `shiming_refresh` cookie.
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// `POST /api/v1/auth/change-password`
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    /// The current (or one-time) password.
    #[validate(length(min = 1, max = 256))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub current_password: String,
    /// The new password: 10+ characters, three character classes, not the username, not one of
    /// the last five.
    #[validate(length(min = 1, max = 256))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub new_password: String,
}

/// The confidentiality agreement (安全保密协议) an account holder must accept.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    /// Version of the text; accepting records it.
    pub version: String,
    /// Chinese text.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
}

/// `GET /api/v1/auth/me`: who the caller is and what it may do.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// Username.
    pub username: String,
    /// Name of the person holding the account.
    pub name: String,
    /// Administrator, sub- or service account.
    pub kind: AccountKind,
    /// Role.
    pub role: Role,
    /// The agency's region: the caller's scope is this region's subtree.
    pub region: RegionRef,
    /// Every permission of the role.
    pub permissions: Vec<Permission>,
    /// See [`LoginResponse::must_change_password`].
    pub must_change_password: bool,
    /// See [`LoginResponse::must_accept_agreement`].
    pub must_accept_agreement: bool,
    /// When the password must be changed.
    pub password_expires_at: Option<DateTime<Utc>>,
    /// Minutes of inactivity after which the SPA ends the session.
    pub idle_timeout_minutes: u32,
    /// The database holds generated demo data, not real persons (the SPA says so on every page).
    #[serde(default)]
    pub demo: bool,
    /// Two-factor login is on for the account.
    #[serde(default)]
    pub mfa_enabled: bool,
    /// Two-factor login is required of the account ([`crate::mfa::required`]).
    #[serde(default)]
    pub mfa_required: bool,
    /// See [`LoginResponse::must_enrol_mfa`].
    #[serde(default)]
    pub must_enrol_mfa: bool,
    /// Unused recovery codes.
    #[serde(default)]
    pub recovery_codes_left: u32,
    /// The login before this session's (`None` on the first).
    #[serde(default)]
    pub previous_login: Option<LoginTrace>,
}

/// The agreement text shipped with the system.
pub fn agreement() -> Agreement {
    Agreement {
        version: "2026-1".into(),
        text_zh: "本人承诺：严格遵守国家保密法律法规和残疾人就业和职业培训实名制统计管理的有关规定；\
妥善保管本人账号和密码，不转借、不共用、不泄露；所获取的残疾人个人信息仅用于本职工作，\
不擅自查询、复制、传播或向他人提供；离岗或工作调整时及时办理账号移交；如有违反，愿承担相应责任。"
            .into(),
        text_en: "I undertake to observe the state's confidentiality laws and the rules of the real-name \
statistics of disabled people's employment and vocational training; to keep my account and password \
safe and never lend, share or disclose them; to use the personal information of disabled people only \
for my duties and never look it up, copy, spread or pass it on without authority; to hand over the \
account when I leave the post; and to bear the consequences of any breach."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_in_a_few_words() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
                "Edge 131 · Windows",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36",
                "Chrome 131 · Linux",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
                "Safari 17 · macOS",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                "Safari 17 · iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                "Chrome 131 · Android",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Firefox 133 · Windows",
            ),
            ("python-requests/2.32.3", "Python 2"),
            ("curl/8.5.0", "curl 8"),
            ("shiming-client/0.1.0", "shiming-client 0"),
            ("something else", "未知"),
        ];
        for (ua, want) in cases {
            assert_eq!(device(Some(ua), Lang::Zh), want, "{ua}");
        }
        assert_eq!(device(None, Lang::En), "unknown");
        assert_eq!(device(Some("  "), Lang::Zh), "未知");
    }
}

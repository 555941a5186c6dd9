//! Error codes and the RFC 9457 problem+json body shared by the server and the SPA.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Stable machine-readable error code carried in every problem+json body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or parameters failed validation; see `fields`.
    Validation,
    /// Malformed request (bad JSON, wrong content type).
    BadRequest,
    /// No or an invalid / expired / revoked token.
    Unauthenticated,
    /// Wrong username or password.
    InvalidCredentials,
    /// Locked for 15 minutes after repeated failed logins.
    AccountLocked,
    /// Locked after 30 days without login; the administrator must reopen it.
    AccountDormant,
    /// Disabled by an administrator.
    AccountDisabled,
    /// Cancelled after two years unused.
    AccountCancelled,
    /// Administrator account without a registered holder.
    AccountPending,
    /// The password must be changed before anything else (one-time or expired password).
    PasswordChangeRequired,
    /// The confidentiality agreement must be accepted before anything else.
    AgreementRequired,
    /// Two-factor login must be set up (enrolment) before anything else.
    MfaEnrolmentRequired,
    /// Wrong, expired or already used two-factor code, or an unknown or expired `mfa_token`.
    MfaInvalid,
    /// The caller's role does not allow this action.
    Forbidden,
    /// Not found, or not visible to the caller.
    NotFound,
    /// Conflicts with existing data (duplicate).
    Conflict,
    /// The record was changed by someone else since it was read.
    VersionConflict,
    /// The path exists but not with this method (the `Allow` header lists the methods).
    MethodNotAllowed,
    /// Too many requests; try again later.
    RateLimited,
    /// Unexpected server error.
    Internal,
}

impl ErrorCode {
    /// HTTP status of this code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::Validation => 422,
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials | ErrorCode::MfaInvalid => {
                401
            }
            ErrorCode::AccountLocked | ErrorCode::AccountDormant => 423,
            ErrorCode::AccountDisabled
            | ErrorCode::AccountCancelled
            | ErrorCode::AccountPending => 403,
            ErrorCode::PasswordChangeRequired
            | ErrorCode::AgreementRequired
            | ErrorCode::MfaEnrolmentRequired => 403,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict | ErrorCode::VersionConflict => 409,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
        }
    }

    /// Wire name, as in the JSON body.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::AccountLocked => "account_locked",
            ErrorCode::AccountDormant => "account_dormant",
            ErrorCode::AccountDisabled => "account_disabled",
            ErrorCode::AccountCancelled => "account_cancelled",
            ErrorCode::AccountPending => "account_pending",
            ErrorCode::PasswordChangeRequired => "password_change_required",
            ErrorCode::AgreementRequired => "agreement_required",
            ErrorCode::MfaEnrolmentRequired => "mfa_enrolment_required",
            ErrorCode::MfaInvalid => "mfa_invalid",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::VersionConflict => "version_conflict",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Internal => "internal",
        }
    }

    /// The default bilingual title of this code.
    pub fn title(self) -> Text {
        match self {
            ErrorCode::Validation => {
                Text::new("提交的数据未通过校验", "The data did not pass validation")
            }
            ErrorCode::BadRequest => Text::new("请求格式错误", "Malformed request"),
            ErrorCode::Unauthenticated => Text::new(
                "未登录或登录已过期",
                "Not signed in, or the session has expired",
            ),
            ErrorCode::InvalidCredentials => {
                Text::new("用户名或密码错误", "Wrong username or password")
            }
            ErrorCode::AccountLocked => Text::new(
                "登录失败次数过多，账号已临时锁定",
                "Too many failed logins; the account is locked for a while",
            ),
            ErrorCode::AccountDormant => Text::new(
                "账号超过30天未登录已锁定，请联系管理员解锁",
                "Locked after 30 days without login; ask your administrator to reopen it",
            ),
            ErrorCode::AccountDisabled => Text::new("账号已停用", "The account is disabled"),
            ErrorCode::AccountCancelled => Text::new("账号已注销", "The account is cancelled"),
            ErrorCode::AccountPending => Text::new(
                "管理员账号尚未登记持有人",
                "No holder has been registered for this administrator account",
            ),
            ErrorCode::PasswordChangeRequired => {
                Text::new("请先修改密码", "You must change your password first")
            }
            ErrorCode::AgreementRequired => Text::new(
                "请先签署安全保密协议",
                "You must accept the confidentiality agreement first",
            ),
            ErrorCode::MfaEnrolmentRequired => Text::new(
                "请先绑定身份验证器（双因素登录）",
                "You must set up two-factor login first",
            ),
            ErrorCode::MfaInvalid => Text::new(
                "动态验证码错误、已过期或已使用",
                "The code is wrong, expired or already used",
            ),
            ErrorCode::Forbidden => Text::new("无权执行此操作", "You are not allowed to do this"),
            ErrorCode::NotFound => Text::new("记录不存在或无权查看", "Not found"),
            ErrorCode::Conflict => Text::new("与已有数据冲突", "Conflicts with existing data"),
            ErrorCode::VersionConflict => Text::new(
                "记录已被他人修改，请刷新后重试",
                "The record was changed by someone else; reload and try again",
            ),
            ErrorCode::MethodNotAllowed => Text::new(
                "该地址不支持此请求方法",
                "This path does not answer this method",
            ),
            ErrorCode::RateLimited => Text::new(
                "请求过于频繁，请稍后再试",
                "Too many requests; try again later",
            ),
            ErrorCode::Internal => Text::new("服务器内部错误", "Internal server error"),
        }
    }
}

/// One failing field of a validation error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON name of the field (dotted for nested fields).
    pub field: String,
    /// Stable name of the rule that failed (e.g. `length`, `check_char`, `char_classes`).
    pub rule: String,
    /// What is wrong, in Chinese and English.
    pub message: Text,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(field: impl Into<String>, rule: impl Into<String>, message: Text) -> Self {
        Self {
            field: field.into(),
            rule: rule.into(),
            message,
        }
    }
}

/// RFC 9457 problem details, with a stable code, a bilingual message and the failing fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// URI reference naming the problem type (`/problems/<code>`).
    #[serde(rename = "type")]
    pub type_: String,
    /// Short English summary.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// English explanation of this occurrence.
    pub detail: String,
    /// Stable error code.
    pub code: ErrorCode,
    /// The message in Chinese and English.
    pub message: Text,
    /// For validation errors, every failing field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl Problem {
    /// A problem of the given code with its default message.
    pub fn new(code: ErrorCode) -> Self {
        let message = code.title();
        Self {
            type_: format!("/problems/{}", code.as_str()),
            title: message.en.clone(),
            status: code.status(),
            detail: message.en.clone(),
            code,
            message,
            fields: Vec::new(),
        }
    }

    /// Replaces the message (and the English detail) of this occurrence.
    pub fn with_message(mut self, message: Text) -> Self {
        self.detail = message.en.clone();
        self.message = message;
        self
    }

    /// A validation problem listing the failing fields.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let mut p = Self::new(ErrorCode::Validation);
        p.fields = fields;
        p
    }
}

/// Converts `validator` errors into field errors (messages from the `code` of each failure).
pub fn field_errors(errors: &validator::ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field).then(a.rule.cmp(&b.rule)));
    out
}

fn collect(errors: &validator::ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let name = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.push(FieldError::new(
                        name.clone(),
                        e.code.to_string(),
                        rule_text(e),
                    ));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &name, out),
            ValidationErrorsKind::List(map) => {
                for (i, inner) in map {
                    collect(inner, &format!("{name}[{i}]"), out);
                }
            }
        }
    }
}

fn rule_text(e: &validator::ValidationError) -> Text {
    let param = |k: &str| e.params.get(k).map(|v| v.to_string()).unwrap_or_default();
    match e.code.as_ref() {
        "length" => {
            let (min, max) = (param("min"), param("max"));
            match (min.is_empty(), max.is_empty()) {
                (false, false) => Text::new(
                    format!("长度应为{min}-{max}个字符"),
                    format!("must be {min} to {max} characters"),
                ),
                (false, true) => Text::new(
                    format!("至少{min}个字符"),
                    format!("must be at least {min} characters"),
                ),
                (true, false) => Text::new(
                    format!("最多{max}个字符"),
                    format!("must be at most {max} characters"),
                ),
                (true, true) => Text::new("长度不正确", "wrong length"),
            }
        }
        "range" => Text::new(
            format!("应在{}到{}之间", param("min"), param("max")),
            format!("must be between {} and {}", param("min"), param("max")),
        ),
        "required" => Text::new("必填", "is required"),
        _ => match &e.message {
            Some(m) => split_message(m),
            None => Text::new("格式不正确", "is not valid"),
        },
    }
}

/// Custom rules put `zh|en` into the message.
fn split_message(m: &str) -> Text {
    match m.split_once('|') {
        Some((zh, en)) => Text::new(zh, en),
        None => Text::new(m, m),
    }
}

/// Builds a `validator` error whose message carries both languages (see [`field_errors`]).
pub fn rule_error(rule: &'static str, text: Text) -> validator::ValidationError {
    let mut e = validator::ValidationError::new(rule);
    e.message = Some(format!("{}|{}", text.zh, text.en).into());
    e
}

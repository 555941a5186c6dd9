//! `ApiError`: every failure of a request path becomes an RFC 9457 problem+json body. 5xx are
//! opaque to the client; the cause goes to the log.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use domain::{ErrorCode, FieldError, Problem, Text};

/// An error answered to the client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A problem meant for the client.
    #[error("{} ({})", .0.detail, .0.code.as_str())]
    Problem(Box<Problem>),
    /// A database failure (opaque).
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// Any other internal failure (opaque).
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

/// Result of handlers and stores.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// A problem with the code's default message.
    pub fn code(code: ErrorCode) -> Self {
        ApiError::Problem(Box::new(Problem::new(code)))
    }

    /// A problem with a specific message.
    pub fn msg(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::Problem(Box::new(Problem::new(code).with_message(Text::new(zh, en))))
    }

    /// 404: not found or not visible.
    pub fn not_found() -> Self {
        Self::code(ErrorCode::NotFound)
    }

    /// 403: the role may not do this.
    pub fn forbidden() -> Self {
        Self::code(ErrorCode::Forbidden)
    }

    /// 422 with the failing fields.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        ApiError::Problem(Box::new(Problem::validation(fields)))
    }

    /// 422 for one field.
    pub fn field(field: &str, rule: &str, zh: &str, en: &str) -> Self {
        Self::fields(vec![FieldError::new(field, rule, Text::new(zh, en))])
    }

    /// A problem of `code` about one field, which it names with the rule.
    pub fn about(code: ErrorCode, field: &str, rule: &str, zh: &str, en: &str) -> Self {
        let mut p = Problem::new(code).with_message(Text::new(zh, en));
        p.fields = vec![FieldError::new(field, rule, Text::new(zh, en))];
        ApiError::Problem(Box::new(p))
    }

    /// 400 naming the malformed field or parameter (a value of the wrong type, a forged cursor).
    pub fn malformed(field: &str, rule: &str, zh: &str, en: &str) -> Self {
        Self::about(ErrorCode::BadRequest, field, rule, zh, en)
    }

    /// The problem body sent to the client.
    pub fn problem(&self) -> Problem {
        match self {
            ApiError::Problem(p) => (**p).clone(),
            // a check-then-insert that lost a race to a concurrent writer: the database's unique
            // constraint decided, and the client is told so (never which value collided)
            ApiError::Db(e) if is_unique_violation(e) => {
                Problem::new(ErrorCode::Conflict).with_message(Text::new(
                    "该记录已存在（可能刚由他人同时登记），请刷新后再试",
                    "this record exists already (perhaps entered by someone else at the same moment): reload and try again",
                ))
            }
            ApiError::Db(_) | ApiError::Internal(_) => Problem::new(ErrorCode::Internal),
        }
    }
}

/// Whether a database error is a unique-constraint violation (a lost check-then-insert race).
pub fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(e: validator::ValidationErrors) -> Self {
        Self::fields(domain::error::field_errors(&e))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.problem().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let problem = self.problem();
        if problem.status >= 500 {
            tracing::error!(error = %self, "request failed");
        }
        HttpResponse::build(self.status_code())
            .content_type("application/problem+json")
            .json(problem)
    }
}

/// Validates a request DTO at the edge.
pub fn valid<T: validator::Validate>(t: T) -> ApiResult<T> {
    t.validate()?;
    Ok(t)
}

/// Path errors as problem+json: the path parameter (an id) is not of its type. The value is not
/// echoed.
pub fn path_error(
    _err: actix_web::error::PathError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::msg(
        ErrorCode::BadRequest,
        "路径参数不正确（编号应为整数，见接口文档）",
        "a path parameter has the wrong type (ids are integers; see the contract)",
    )
    .into()
}

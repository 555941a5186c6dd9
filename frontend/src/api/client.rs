//! HTTP plumbing: base path, bearer header, problem+json decoding, one refresh-and-retry on 401,
//! the switch into the forced flows on `password_change_required` / `mfa_enrolment_required` /
//! `agreement_required`, and the busy counter behind the progress indicator.

use crate::i18n::strings as s;
use crate::session::{Phase, Session};
use domain::text::Text;
use domain::{ErrorCode, FieldError, Problem};
use gloo_net::http::{Method, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Prefix of every API path.
pub const BASE: &str = "/api/v1";

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem+json body.
    Problem(Box<Problem>),
    /// The server could not be reached.
    Network,
    /// The answer (or the request) could not be encoded / decoded.
    Decode,
}

impl ApiError {
    /// The stable error code, when the server sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            _ => None,
        }
    }

    /// Whether the server answered with this code.
    pub fn is(&self, code: ErrorCode) -> bool {
        self.code() == Some(code)
    }

    /// The failing fields of a validation error.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::Problem(p) => &p.fields,
            _ => &[],
        }
    }

    /// What to tell the user.
    pub fn message(&self) -> Text {
        match self {
            ApiError::Problem(p) if p.code == ErrorCode::VersionConflict => {
                s::VERSION_CONFLICT.text()
            }
            ApiError::Problem(p) => p.message.clone(),
            ApiError::Network => s::NETWORK_ERROR.text(),
            ApiError::Decode => s::DECODE_ERROR.text(),
        }
    }
}

/// Percent-encodes one path segment.
pub fn seg(value: &str) -> String {
    js_sys::encode_uri_component(value)
        .as_string()
        .unwrap_or_default()
}

/// One API call being built.
#[derive(Debug, Clone)]
pub struct Call {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Result<String, ()>>,
    auth: bool,
    retry: bool,
}

impl Call {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            auth: true,
            retry: true,
        }
    }

    /// `GET {BASE}{path}`
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// `POST {BASE}{path}`
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// `PUT {BASE}{path}`
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// `PATCH {BASE}{path}`
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// `DELETE {BASE}{path}`
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// Adds the non-null fields of a query DTO as query parameters.
    pub fn query<Q: Serialize>(mut self, query: &Q) -> Self {
        match serde_json::to_value(query) {
            Ok(serde_json::Value::Object(map)) => {
                for (key, value) in map {
                    let text = match value {
                        serde_json::Value::Null => continue,
                        serde_json::Value::String(v) if v.is_empty() => continue,
                        serde_json::Value::String(v) => v,
                        other => other.to_string(),
                    };
                    self.query.push((key, text));
                }
            }
            _ => self.body = Some(Err(())),
        }
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize>(mut self, body: &B) -> Self {
        self.body = Some(serde_json::to_string(body).map_err(|_| ()));
        self
    }

    /// A call made without a token (login, refresh, agreement text).
    pub fn anonymous(mut self) -> Self {
        self.auth = false;
        self.retry = false;
        self
    }

    /// A call that is not retried after refreshing the token (logout).
    pub fn no_retry(mut self) -> Self {
        self.retry = false;
        self
    }

    /// Sends the call and decodes the answer (`()` for 204).
    pub async fn send<T: DeserializeOwned>(self, session: Session) -> Result<T, ApiError> {
        let _busy = session.busy_guard();
        let first = self.once(session.access_token()).await?;
        if self.retry && token_rejected(&first) {
            if super::auth::refresh(session).await.is_ok() {
                let second = self.once(session.access_token()).await?;
                if token_rejected(&second) {
                    session.expired();
                }
                return self.finish(second, session);
            }
            session.expired();
        }
        self.finish(first, session)
    }

    async fn once(&self, token: Option<String>) -> Result<(u16, String), ApiError> {
        let url = format!("{BASE}{}", self.path);
        let mut builder = RequestBuilder::new(&url)
            .method(self.method.clone())
            .header("Accept", "application/json, application/problem+json");
        if !self.query.is_empty() {
            builder = builder.query(self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        if self.auth
            && let Some(token) = token
        {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match &self.body {
            Some(Ok(body)) => builder
                .header("Content-Type", "application/json")
                .body(body.clone()),
            Some(Err(())) => return Err(ApiError::Decode),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Network)?;
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        Ok((status, text))
    }

    fn finish<T: DeserializeOwned>(
        &self,
        (status, text): (u16, String),
        session: Session,
    ) -> Result<T, ApiError> {
        if (200..300).contains(&status) {
            let body = if text.trim().is_empty() {
                "null"
            } else {
                text.as_str()
            };
            return serde_json::from_str(body).map_err(|_| ApiError::Decode);
        }
        let problem = serde_json::from_str::<Problem>(&text)
            .unwrap_or_else(|_| Problem::new(code_for_status(status)));
        if self.auth {
            match problem.code {
                ErrorCode::PasswordChangeRequired => session.require(Phase::ChangePassword),
                ErrorCode::MfaEnrolmentRequired => session.require(Phase::EnrolMfa),
                ErrorCode::AgreementRequired => session.require(Phase::Agreement),
                _ => {}
            }
        }
        Err(ApiError::Problem(Box::new(problem)))
    }
}

/// A 401 about the token (not about a wrong password, which is `invalid_credentials`).
fn token_rejected((status, text): &(u16, String)) -> bool {
    *status == 401
        && serde_json::from_str::<Problem>(text)
            .map(|p| p.code != ErrorCode::InvalidCredentials)
            .unwrap_or(true)
}

/// The code to assume when an error answer carries no problem+json body (e.g. a proxy's 502).
fn code_for_status(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        422 => ErrorCode::Validation,
        423 => ErrorCode::AccountLocked,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::Internal,
    }
}

//! Typed client of the shiming API v1, built on the domain's wire types. Used by the CLI, by
//! scripts and by the server's own integration tests.

use domain::Problem;
use domain::v1::accounts::{
    Account, AccountPage, AccountQuery, CreateSubAccount, CreatedAccount, Holder, OneTimePassword,
    RegisterHolder,
};
use domain::v1::agencies::{Agency, AgencyUpdate};
use domain::v1::audit::{AuditPage, AuditQuery};
use domain::v1::auth::{
    Agreement, ChangePasswordRequest, LoginRequest, LoginResponse, LoginResult, Me, MfaChallenge,
    MfaConfirm, MfaEnrolment, MfaRequest, RecoveryCodes, RefreshRequest, SecurityPolicy,
    SessionList, SessionsEnded,
};
use domain::v1::regions::{Region, RegionChangeRequest, RegionEvent, RegionSearch};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The API answered with a problem.
    #[error("{status}: {} ({})", .problem.detail, .problem.code.as_str())]
    Api {
        /// HTTP status.
        status: u16,
        /// The problem body.
        problem: Box<Problem>,
    },
    /// Transport failure.
    #[error("http: {0}")]
    Http(#[from] reqwest::Error),
    /// The password was right and the account logs in with a second factor, but the client has
    /// no source of codes ([`Client::with_codes`]): finish with [`Client::login_mfa`].
    #[error("a two-factor code is needed")]
    MfaRequired(MfaChallenge),
    /// An answer that is not what the contract says.
    #[error("unexpected answer {status}: {body}")]
    Unexpected {
        /// HTTP status.
        status: u16,
        /// Body text.
        body: String,
    },
}

impl Error {
    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Unexpected { status, .. } => Some(*status),
            Error::Http(e) => e.status().map(|s| s.as_u16()),
            Error::MfaRequired(_) => None,
        }
    }

    /// The problem of an API error.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Api { problem, .. } => Some(problem),
            _ => None,
        }
    }
}

/// Result of client calls.
pub type Result<T> = std::result::Result<T, Error>;

/// Where [`Client::login`] gets a two-factor code for a username (an authenticator, a prompt,
/// a test's clock); `None` gives up with [`Error::MfaRequired`].
pub type CodeSource = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// A client bound to one server and (after login) one account.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
    codes: Option<CodeSource>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("signed_in", &self.token.is_some())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of the server at `base` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            // the server shows it in the holder's list of sessions
            http: reqwest::Client::builder()
                .user_agent(concat!("shiming-client/", env!("CARGO_PKG_VERSION")))
                .build()
                .unwrap_or_default(),
            token: None,
            codes: None,
        }
    }

    /// The same client, asking `codes` for a two-factor code when login needs one.
    pub fn with_codes(mut self, codes: CodeSource) -> Self {
        self.codes = Some(codes);
        self
    }

    /// The same client with another access token.
    pub fn with_token(&self, token: impl Into<String>) -> Self {
        Self {
            token: Some(token.into()),
            ..self.clone()
        }
    }

    /// The access token in use.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// A request builder for `path` under `/api/v1`, with the bearer token.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let rb = self
            .http
            .request(method, format!("{}/api/v1{}", self.base, path));
        match &self.token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    async fn send<T: DeserializeOwned>(&self, rb: RequestBuilder) -> Result<T> {
        let resp = rb.send().await?;
        let status = resp.status();
        let text = resp.text().await?;
        if status.is_success() {
            let body = if text.is_empty() { "null" } else { &text };
            return serde_json::from_str(body).map_err(|_| Error::Unexpected {
                status: status.as_u16(),
                body: text.clone(),
            });
        }
        match serde_json::from_str::<Problem>(&text) {
            Ok(p) => Err(Error::Api {
                status: status.as_u16(),
                problem: Box::new(p),
            }),
            Err(_) => Err(Error::Unexpected {
                status: status.as_u16(),
                body: text,
            }),
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.send(self.request(Method::GET, path)).await
    }

    async fn get_q<T: DeserializeOwned, Q: Serialize>(&self, path: &str, q: &Q) -> Result<T> {
        self.send(self.request(Method::GET, path).query(q)).await
    }

    async fn post<T: DeserializeOwned, B: Serialize>(&self, path: &str, body: &B) -> Result<T> {
        self.send(self.request(Method::POST, path).json(body)).await
    }

    async fn put<T: DeserializeOwned, B: Serialize>(&self, path: &str, body: &B) -> Result<T> {
        self.send(self.request(Method::PUT, path).json(body)).await
    }

    /// Logs in and keeps the access token. When the account has two-factor login, the code
    /// comes from the [`CodeSource`]; without one the answer is [`Error::MfaRequired`].
    pub async fn login(&mut self, username: &str, password: &str) -> Result<LoginResponse> {
        match self.login_start(username, password).await? {
            LoginResult::Tokens(r) => Ok(r),
            LoginResult::Mfa(ch) => match self.codes.as_ref().and_then(|c| c(username)) {
                Some(code) => self.login_mfa(&ch.mfa_token, &code).await,
                None => Err(Error::MfaRequired(ch)),
            },
        }
    }

    /// The password step of login, as answered (tokens are kept when there are some).
    pub async fn login_start(&mut self, username: &str, password: &str) -> Result<LoginResult> {
        let r: LoginResult = self
            .post(
                "/auth/login",
                &LoginRequest {
                    username: username.into(),
                    password: password.into(),
                },
            )
            .await?;
        if let LoginResult::Tokens(t) = &r {
            self.token = Some(t.access_token.clone());
        }
        Ok(r)
    }

    /// The second step of login: the `mfa_token` and a code; keeps the access token.
    pub async fn login_mfa(&mut self, mfa_token: &str, code: &str) -> Result<LoginResponse> {
        let r: LoginResponse = self
            .post(
                "/auth/mfa",
                &MfaRequest {
                    mfa_token: mfa_token.into(),
                    code: code.into(),
                },
            )
            .await?;
        self.token = Some(r.access_token.clone());
        Ok(r)
    }

    /// Starts two-factor enrolment: a new secret to scan.
    pub async fn mfa_enrolment(&self) -> Result<MfaEnrolment> {
        self.send(self.request(Method::POST, "/auth/mfa/enrolment"))
            .await
    }

    /// Confirms two-factor enrolment with a first code; the recovery codes, once.
    pub async fn mfa_confirm(&self, code: &str) -> Result<RecoveryCodes> {
        self.post("/auth/mfa/confirm", &MfaConfirm { code: code.into() })
            .await
    }

    /// Turns off an account's two-factor login so that its holder enrols again.
    pub async fn reset_mfa(&self, username: &str) -> Result<Account> {
        self.send(self.request(Method::POST, &format!("/accounts/{username}/reset-mfa")))
            .await
    }

    /// The live sessions of an account the caller manages.
    pub async fn account_sessions(&self, username: &str) -> Result<SessionList> {
        self.get(&format!("/accounts/{username}/sessions")).await
    }

    /// Ends every session of an account the caller manages.
    pub async fn end_account_sessions(&self, username: &str) -> Result<SessionsEnded> {
        self.send(self.request(Method::POST, &format!("/accounts/{username}/end-sessions")))
            .await
    }

    /// The caller's own live sessions (`current` marks this client's).
    pub async fn sessions(&self) -> Result<SessionList> {
        self.get("/auth/sessions").await
    }

    /// Ends one of the caller's sessions by its id.
    pub async fn end_session(&self, id: &str) -> Result<()> {
        self.send(self.request(Method::DELETE, &format!("/auth/sessions/{id}")))
            .await
    }

    /// Ends every session of the caller but this client's.
    pub async fn end_other_sessions(&self) -> Result<SessionsEnded> {
        self.send(self.request(Method::POST, "/auth/sessions/end-others"))
            .await
    }

    /// The province's security policy.
    pub async fn security_policy(&self) -> Result<SecurityPolicy> {
        self.get("/security-policy").await
    }

    /// Changes the province's security policy.
    pub async fn set_security_policy(&self, p: &SecurityPolicy) -> Result<SecurityPolicy> {
        self.put("/security-policy", p).await
    }

    /// New tokens for a refresh token.
    pub async fn refresh(&mut self, refresh_token: &str) -> Result<LoginResponse> {
        let r: LoginResponse = self
            .post(
                "/auth/refresh",
                &RefreshRequest {
                    refresh_token: Some(refresh_token.into()),
                },
            )
            .await?;
        self.token = Some(r.access_token.clone());
        Ok(r)
    }

    /// Revokes a refresh token.
    pub async fn logout(&self, refresh_token: &str) -> Result<()> {
        self.post(
            "/auth/logout",
            &RefreshRequest {
                refresh_token: Some(refresh_token.into()),
            },
        )
        .await
    }

    /// Changes the password and keeps the fresh token.
    pub async fn change_password(&mut self, current: &str, new: &str) -> Result<LoginResponse> {
        let r: LoginResponse = self
            .post(
                "/auth/change-password",
                &ChangePasswordRequest {
                    current_password: current.into(),
                    new_password: new.into(),
                },
            )
            .await?;
        self.token = Some(r.access_token.clone());
        Ok(r)
    }

    /// The agreement text.
    pub async fn agreement(&self) -> Result<Agreement> {
        self.get("/auth/agreement").await
    }

    /// Accepts the agreement.
    pub async fn accept_agreement(&self) -> Result<()> {
        self.send(self.request(Method::POST, "/auth/accept-agreement"))
            .await
    }

    /// Who am I.
    pub async fn me(&self) -> Result<Me> {
        self.get("/auth/me").await
    }

    /// A region (today's tree, or as of a date `YYYY-MM-DD`).
    pub async fn region(&self, code: &str, as_of: Option<&str>) -> Result<Region> {
        match as_of {
            Some(d) => {
                self.get_q(&format!("/regions/{code}"), &[("as_of", d)])
                    .await
            }
            None => self.get(&format!("/regions/{code}")).await,
        }
    }

    /// Children of a region.
    pub async fn region_children(&self, code: &str, as_of: Option<&str>) -> Result<Vec<Region>> {
        match as_of {
            Some(d) => {
                self.get_q(&format!("/regions/{code}/children"), &[("as_of", d)])
                    .await
            }
            None => self.get(&format!("/regions/{code}/children")).await,
        }
    }

    /// Searches regions.
    pub async fn search_regions(&self, q: &RegionSearch) -> Result<Vec<Region>> {
        self.get_q("/regions", q).await
    }

    /// Records a region change.
    pub async fn region_change(&self, req: &RegionChangeRequest) -> Result<RegionEvent> {
        self.post("/regions/changes", req).await
    }

    /// Recorded region changes.
    pub async fn region_changes(&self) -> Result<Vec<RegionEvent>> {
        self.get("/regions/changes").await
    }

    /// An agency.
    pub async fn agency(&self, code: &str) -> Result<Agency> {
        self.get(&format!("/agencies/{code}")).await
    }

    /// Updates an agency.
    pub async fn update_agency(&self, code: &str, upd: &AgencyUpdate) -> Result<Agency> {
        self.put(&format!("/agencies/{code}"), upd).await
    }

    /// Accounts in scope.
    pub async fn accounts(&self, q: &AccountQuery) -> Result<AccountPage> {
        self.get_q("/accounts", q).await
    }

    /// Creates a sub-account.
    pub async fn create_account(&self, req: &CreateSubAccount) -> Result<CreatedAccount> {
        self.post("/accounts", req).await
    }

    /// One account.
    pub async fn account(&self, username: &str) -> Result<Account> {
        self.get(&format!("/accounts/{username}")).await
    }

    /// Registers the holder of an administrator account.
    pub async fn register_holder(
        &self,
        username: &str,
        req: &RegisterHolder,
    ) -> Result<OneTimePassword> {
        self.put(&format!("/accounts/{username}/holder"), req).await
    }

    /// Holder history.
    pub async fn holders(&self, username: &str) -> Result<Vec<Holder>> {
        self.get(&format!("/accounts/{username}/holders")).await
    }

    /// Resets a password.
    pub async fn reset_password(&self, username: &str) -> Result<OneTimePassword> {
        self.send(self.request(
            Method::POST,
            &format!("/accounts/{username}/reset-password"),
        ))
        .await
    }

    /// Disables an account.
    pub async fn disable_account(&self, username: &str) -> Result<Account> {
        self.send(self.request(Method::POST, &format!("/accounts/{username}/disable")))
            .await
    }

    /// Enables (or reopens) an account.
    pub async fn enable_account(&self, username: &str) -> Result<Account> {
        self.send(self.request(Method::POST, &format!("/accounts/{username}/enable")))
            .await
    }

    /// Audit entries.
    pub async fn audit(&self, q: &AuditQuery) -> Result<AuditPage> {
        self.get_q("/audit", q).await
    }
}

/// Whether a status is a success (for callers using [`Client::request`] directly).
pub fn is_success(s: StatusCode) -> bool {
    s.is_success()
}

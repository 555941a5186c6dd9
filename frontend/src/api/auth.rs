//! `/auth/*`: login, token refresh (single-flight), logout, password change, the agreement, `me`,
//! the caller's sessions.

use super::ApiError;
use super::client::{Call, seg};
use crate::session::Session;
use domain::v1::auth::{
    Agreement, ChangePasswordRequest, LoginRequest, LoginResponse, LoginResult, Me, MfaConfirm,
    MfaEnrolment, MfaRequest, RecoveryCodes, RefreshRequest, SessionList, SessionsEnded,
};
use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use std::cell::RefCell;

type Refreshing = Shared<LocalBoxFuture<'static, Result<LoginResponse, ApiError>>>;

thread_local! {
    /// The refresh under way: the refresh token rotates on every use, so concurrent callers
    /// must share one request instead of racing with the same cookie.
    static IN_FLIGHT: RefCell<Option<Refreshing>> = const { RefCell::new(None) };
}

/// `POST /auth/login`: tokens, or a two-factor challenge.
pub async fn login(session: Session, request: &LoginRequest) -> Result<LoginResult, ApiError> {
    Call::post("/auth/login")
        .anonymous()
        .json(request)
        .send(session)
        .await
}

/// `POST /auth/mfa`: the second step of login.
pub async fn login_mfa(session: Session, request: &MfaRequest) -> Result<LoginResponse, ApiError> {
    Call::post("/auth/mfa")
        .anonymous()
        .json(request)
        .send(session)
        .await
}

/// `POST /auth/mfa/enrolment`: a new secret to scan.
pub async fn mfa_enrolment(session: Session) -> Result<MfaEnrolment, ApiError> {
    Call::post("/auth/mfa/enrolment").send(session).await
}

/// `POST /auth/mfa/confirm`: the first code; answers the recovery codes.
pub async fn mfa_confirm(
    session: Session,
    request: &MfaConfirm,
) -> Result<RecoveryCodes, ApiError> {
    Call::post("/auth/mfa/confirm")
        .json(request)
        .send(session)
        .await
}

/// `POST /auth/refresh` with the HttpOnly cookie; stores the new access token. Concurrent calls
/// share one request.
pub async fn refresh(session: Session) -> Result<LoginResponse, ApiError> {
    let shared = IN_FLIGHT.with(|cell| {
        let mut slot = cell.borrow_mut();
        if let Some(running) = slot.as_ref() {
            return running.clone();
        }
        let fresh = async move {
            let result = Call::post("/auth/refresh")
                .anonymous()
                .json(&RefreshRequest::default())
                .send::<LoginResponse>(session)
                .await;
            IN_FLIGHT.with(|cell| *cell.borrow_mut() = None);
            if let Ok(tokens) = &result {
                session.set_tokens(tokens);
            }
            result
        }
        .boxed_local()
        .shared();
        *slot = Some(fresh.clone());
        fresh
    });
    shared.await
}

/// `POST /auth/logout`
pub async fn logout(session: Session) -> Result<(), ApiError> {
    Call::post("/auth/logout").no_retry().send(session).await
}

/// `POST /auth/change-password`: answers fresh tokens.
pub async fn change_password(
    session: Session,
    request: &ChangePasswordRequest,
) -> Result<LoginResponse, ApiError> {
    Call::post("/auth/change-password")
        .json(request)
        .send(session)
        .await
}

/// `GET /auth/agreement`
pub async fn agreement(session: Session) -> Result<Agreement, ApiError> {
    Call::get("/auth/agreement").anonymous().send(session).await
}

/// `POST /auth/accept-agreement`
pub async fn accept_agreement(session: Session) -> Result<(), ApiError> {
    Call::post("/auth/accept-agreement").send(session).await
}

/// `GET /auth/me`
pub async fn me(session: Session) -> Result<Me, ApiError> {
    Call::get("/auth/me").send(session).await
}

/// `GET /auth/sessions`
pub async fn sessions(session: Session) -> Result<SessionList, ApiError> {
    Call::get("/auth/sessions").send(session).await
}

/// `DELETE /auth/sessions/{id}`
pub async fn end_session(session: Session, id: &str) -> Result<(), ApiError> {
    Call::delete(format!("/auth/sessions/{}", seg(id)))
        .send(session)
        .await
}

/// `POST /auth/sessions/end-others`
pub async fn end_other_sessions(session: Session) -> Result<SessionsEnded, ApiError> {
    Call::post("/auth/sessions/end-others").send(session).await
}

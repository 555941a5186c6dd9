//! `/accounts`: list, create sub-accounts, holders of administrator accounts, password reset,
//! disable / enable.

use super::ApiError;
use super::client::{Call, seg};
use crate::session::Session;
use domain::v1::accounts::{
    Account, AccountPage, AccountQuery, CreateSubAccount, CreatedAccount, Holder, OneTimePassword,
    RegisterHolder,
};
use domain::v1::auth::{SessionList, SessionsEnded};

/// `GET /accounts?region=&q=&status=&page=&per_page=`
pub async fn list(session: Session, query: &AccountQuery) -> Result<AccountPage, ApiError> {
    Call::get("/accounts").query(query).send(session).await
}

/// `POST /accounts`
pub async fn create(
    session: Session,
    request: &CreateSubAccount,
) -> Result<CreatedAccount, ApiError> {
    Call::post("/accounts").json(request).send(session).await
}

/// `GET /accounts/{username}`
pub async fn get(session: Session, username: &str) -> Result<Account, ApiError> {
    Call::get(format!("/accounts/{}", seg(username)))
        .send(session)
        .await
}

/// `PUT /accounts/{username}/holder`
pub async fn register_holder(
    session: Session,
    username: &str,
    request: &RegisterHolder,
) -> Result<OneTimePassword, ApiError> {
    Call::put(format!("/accounts/{}/holder", seg(username)))
        .json(request)
        .send(session)
        .await
}

/// `GET /accounts/{username}/holders`
pub async fn holders(session: Session, username: &str) -> Result<Vec<Holder>, ApiError> {
    Call::get(format!("/accounts/{}/holders", seg(username)))
        .send(session)
        .await
}

/// `POST /accounts/{username}/reset-password`
pub async fn reset_password(session: Session, username: &str) -> Result<OneTimePassword, ApiError> {
    Call::post(format!("/accounts/{}/reset-password", seg(username)))
        .send(session)
        .await
}

/// `POST /accounts/{username}/reset-mfa`
pub async fn reset_mfa(session: Session, username: &str) -> Result<Account, ApiError> {
    Call::post(format!("/accounts/{}/reset-mfa", seg(username)))
        .send(session)
        .await
}

/// `POST /accounts/{username}/disable`
pub async fn disable(session: Session, username: &str) -> Result<Account, ApiError> {
    Call::post(format!("/accounts/{}/disable", seg(username)))
        .send(session)
        .await
}

/// `POST /accounts/{username}/enable` (also reopens a dormant account)
pub async fn enable(session: Session, username: &str) -> Result<Account, ApiError> {
    Call::post(format!("/accounts/{}/enable", seg(username)))
        .send(session)
        .await
}

/// `GET /accounts/{username}/sessions`
pub async fn sessions(session: Session, username: &str) -> Result<SessionList, ApiError> {
    Call::get(format!("/accounts/{}/sessions", seg(username)))
        .send(session)
        .await
}

/// `POST /accounts/{username}/end-sessions`
pub async fn end_sessions(session: Session, username: &str) -> Result<SessionsEnded, ApiError> {
    Call::post(format!("/accounts/{}/end-sessions", seg(username)))
        .send(session)
        .await
}

//! `/access`: the access log of personal data, newest first.

use super::ApiError;
use super::client::Call;
use crate::session::Session;
use domain::v1::access::{AccessPage, AccessQuery};

/// `GET /access?person_id=&actor=&kind=&from=&to=&page=&per_page=`
pub async fn list(session: Session, query: &AccessQuery) -> Result<AccessPage, ApiError> {
    Call::get("/access").query(query).send(session).await
}

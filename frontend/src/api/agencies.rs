//! `/agencies/{code}`: read and update (optimistic concurrency by `version`).

use super::ApiError;
use super::client::{Call, seg};
use crate::session::Session;
use domain::v1::agencies::{Agency, AgencyUpdate};

/// `GET /agencies/{code}`
pub async fn get(session: Session, code: &str) -> Result<Agency, ApiError> {
    Call::get(format!("/agencies/{}", seg(code)))
        .send(session)
        .await
}

/// `PUT /agencies/{code}`: 409 `version_conflict` when `update.version` is stale.
pub async fn update(
    session: Session,
    code: &str,
    update: &AgencyUpdate,
) -> Result<Agency, ApiError> {
    Call::put(format!("/agencies/{}", seg(code)))
        .json(update)
        .send(session)
        .await
}

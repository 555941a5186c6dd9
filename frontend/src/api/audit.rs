//! `/audit`: the audit log, newest first.

use super::ApiError;
use super::client::Call;
use crate::session::Session;
use domain::v1::audit::{AuditPage, AuditQuery};

/// `GET /audit?action=&actor=&from=&to=&page=&per_page=`
pub async fn list(session: Session, query: &AuditQuery) -> Result<AuditPage, ApiError> {
    Call::get("/audit").query(query).send(session).await
}

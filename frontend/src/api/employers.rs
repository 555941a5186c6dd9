//! `/employers`: search by credit code or name (the employment form's look-up).

use super::ApiError;
use super::client::Call;
use crate::session::Session;
use domain::v1::employers::{EmployerPage, EmployerQuery};

/// `GET /employers?q=&limit=`
pub async fn search(session: Session, query: &EmployerQuery) -> Result<EmployerPage, ApiError> {
    Call::get("/employers").query(query).send(session).await
}

//! `/regions`: one region, its children, search.

use super::ApiError;
use super::client::{Call, seg};
use crate::session::Session;
use domain::v1::regions::{Region, RegionQuery, RegionSearch};

/// `GET /regions/{code}?as_of=`
pub async fn get(session: Session, code: &str, query: &RegionQuery) -> Result<Region, ApiError> {
    Call::get(format!("/regions/{}", seg(code)))
        .query(query)
        .send(session)
        .await
}

/// `GET /regions/{code}/children?as_of=`
pub async fn children(
    session: Session,
    code: &str,
    query: &RegionQuery,
) -> Result<Vec<Region>, ApiError> {
    Call::get(format!("/regions/{}/children", seg(code)))
        .query(query)
        .send(session)
        .await
}

/// `GET /regions?q=&as_of=&limit=`
pub async fn search(session: Session, query: &RegionSearch) -> Result<Vec<Region>, ApiError> {
    Call::get("/regions").query(query).send(session).await
}

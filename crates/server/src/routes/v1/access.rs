//! The access log of personal data, read by audit accounts within their scope.

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, valid};
use crate::extract::Query;
use crate::store::access as store;
use actix_web::{get, web};
use domain::Permission;
use domain::Problem;
use domain::v1::access::{AccessPage, AccessQuery};

/// Reads of personal data in the caller's scope, newest first (audit role only): who read which
/// person (`person_id`), or which list with which filters, when, from where and how many rows.
#[utoipa::path(
    tag = "audit",
    params(AccessQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of reads", body = AccessPage),
        (status = 403, description = "Only audit accounts read the access log", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/access")]
pub async fn list_access(
    state: web::Data<AppState>,
    caller: Caller,
    q: Query<AccessQuery>,
) -> ApiResult<web::Json<AccessPage>> {
    caller.require(Permission::AuditRead)?;
    let q = valid(q.into_inner())?;
    Ok(web::Json(store::list(&state.db, caller.scope(), &q).await?))
}

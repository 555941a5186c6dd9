//! The audit log, read by audit accounts within their scope.

use crate::AppState;
use crate::audit as store;
use crate::auth::Caller;
use crate::error::{ApiResult, valid};
use crate::extract::Query;
use actix_web::{get, web};
use domain::Permission;
use domain::Problem;
use domain::v1::audit::{AuditPage, AuditQuery};

/// Audit entries of the caller's scope, newest first (audit role only).
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of entries", body = AuditPage),
        (status = 403, description = "Only audit accounts read the log", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    caller: Caller,
    q: Query<AuditQuery>,
) -> ApiResult<web::Json<AuditPage>> {
    caller.require(Permission::AuditRead)?;
    let q = valid(q.into_inner())?;
    Ok(web::Json(store::list(&state.db, caller.scope(), &q).await?))
}

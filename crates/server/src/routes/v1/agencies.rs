//! Employment service agencies.

use super::begin;
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, valid};
use crate::extract::Json;
use crate::store::agencies as store;
use actix_web::{get, put, web};
use domain::Permission;
use domain::Problem;
use domain::v1::agencies::{Agency, AgencyUpdate};

/// The agency of a region in the caller's scope.
#[utoipa::path(
    tag = "agencies",
    params(("code" = String, Path, description = "Region code of the agency")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agency", body = Agency),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/agencies/{code}")]
pub async fn get_agency(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> ApiResult<web::Json<Agency>> {
    caller.require(Permission::AgencyRead)?;
    Ok(web::Json(
        store::get(&state.db, caller.scope(), &code).await?,
    ))
}

/// Update an agency: an administrator edits its own agency and those below it.
#[utoipa::path(
    tag = "agencies",
    params(("code" = String, Path, description = "Region code of the agency")),
    request_body = AgencyUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = Agency),
        (status = 403, description = "The role may not edit agencies", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/agencies/{code}")]
pub async fn update_agency(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
    body: Json<AgencyUpdate>,
) -> ApiResult<web::Json<Agency>> {
    caller.require(Permission::AgencyWrite)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let out = store::update(
        &txn,
        caller.scope(),
        &caller.actor(),
        &code,
        &body,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(out))
}

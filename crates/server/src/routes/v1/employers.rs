//! Employers: searched by everyone who reads persons, registered by those who enter them.

use super::begin;
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, valid};
use crate::extract::{Json, Query};
use crate::store::employers as store;
use actix_web::{HttpResponse, get, post, web};
use domain::v1::employers::{Employer, EmployerCreate, EmployerPage, EmployerQuery};
use domain::{Permission, Problem};

/// Employers whose credit code starts with `q` or whose name contains it.
#[utoipa::path(
    tag = "employers",
    params(EmployerQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of employers", body = EmployerPage),
        (status = 403, description = "The role may not read persons", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/employers")]
pub async fn search_employers(
    state: web::Data<AppState>,
    caller: Caller,
    q: Query<EmployerQuery>,
) -> ApiResult<web::Json<EmployerPage>> {
    caller.require(Permission::PersonRead)?;
    let q = valid(q.into_inner())?;
    Ok(web::Json(store::search(&state.db, &q).await?))
}

/// One employer by unified social credit code.
#[utoipa::path(
    tag = "employers",
    params(("code" = String, Path, description = "Unified social credit code")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The employer", body = Employer),
        (status = 404, description = "Not registered", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/employers/{code}")]
pub async fn get_employer(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
) -> ApiResult<web::Json<Employer>> {
    caller.require(Permission::PersonRead)?;
    Ok(web::Json(store::get(&state.db, &code).await?))
}

/// Register an employer in a region of the caller's scope; the credit code's check character is
/// verified and a code registered already answers 409.
#[utoipa::path(
    tag = "employers",
    request_body = EmployerCreate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered", body = Employer),
        (status = 403, description = "The role may not enter data", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Registered already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/employers")]
pub async fn create_employer(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<EmployerCreate>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let e = store::create(
        &txn,
        caller.scope(),
        &caller.actor(),
        &body,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(e))
}

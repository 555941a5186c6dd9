//! A person's records besides employment — training, needs, graduate records — the combined
//! timeline, status changes and the audited unmasked view. Every route answers 404 for a person
//! outside the caller's scope.

use super::begin;
use super::persons::{etag, if_match};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, valid};
use crate::extract::Json;
use crate::store::{persons, records};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use domain::v1::graduate::{GraduateCreate, GraduateRecord};
use domain::v1::needs::{NeedCreate, NeedRecord};
use domain::v1::persons::{Person, PersonStatusChange, UnmaskRequest, UnmaskedPerson};
use domain::v1::timeline::TimelineItem;
use domain::v1::training::{TrainingCreate, TrainingRecord};
use domain::{Permission, Problem};

/// The courses of a person, newest first.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The courses", body = Vec<TrainingRecord>),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/persons/{id}/training")]
pub async fn list_training(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<TrainingRecord>>> {
    caller.require(Permission::PersonRead)?;
    let rows = records::list_training(&state.db, caller.scope(), *id).await?;
    crate::store::access::person_read(
        &state.db,
        &caller.actor(),
        domain::v1::access::AccessKind::Training,
        *id,
        rows.len(),
        state.clock.now(),
    )
    .await?;
    Ok(web::Json(rows))
}

/// Record a course. Year (the year it starts) and period (short ≤ 1 month, medium ≤ half a year,
/// long) derive from the dates; `late` when recorded more than three months after it ended.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = TrainingCreate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = TrainingRecord),
        (status = 403, description = "The role may not enter data", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule failed (each field with its rule)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/persons/{id}/training")]
pub async fn create_training(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: Json<TrainingCreate>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let r = records::create_training(
        &txn,
        caller.scope(),
        &caller.actor(),
        *id,
        &body,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(r))
}

/// The needs of a person, newest first.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The needs", body = Vec<NeedRecord>),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/persons/{id}/needs")]
pub async fn list_needs(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<NeedRecord>>> {
    caller.require(Permission::PersonRead)?;
    let rows = records::list_needs(&state.db, caller.scope(), *id).await?;
    crate::store::access::person_read(
        &state.db,
        &caller.actor(),
        domain::v1::access::AccessKind::Needs,
        *id,
        rows.len(),
        state.clock.now(),
    )
    .await?;
    Ok(web::Json(rows))
}

/// Record a need (employment, starting a business, training).
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = NeedCreate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = NeedRecord),
        (status = 403, description = "The role may not enter data", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule failed (each field with its rule)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/persons/{id}/needs")]
pub async fn create_need(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: Json<NeedCreate>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let r = records::create_need(
        &txn,
        caller.scope(),
        &caller.actor(),
        *id,
        &body,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(r))
}

/// The graduate records of a person, newest first.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The graduate records", body = Vec<GraduateRecord>),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/persons/{id}/graduate")]
pub async fn list_graduate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<GraduateRecord>>> {
    caller.require(Permission::PersonRead)?;
    let rows = records::list_graduate(&state.db, caller.scope(), *id).await?;
    crate::store::access::person_read(
        &state.db,
        &caller.actor(),
        domain::v1::access::AccessKind::Graduate,
        *id,
        rows.len(),
        state.clock.now(),
    )
    .await?;
    Ok(web::Json(rows))
}

/// Record a college graduate's survey result: employed needs the form, not employed the reason.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = GraduateCreate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = GraduateRecord),
        (status = 403, description = "The role may not enter data", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule failed (each field with its rule)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/persons/{id}/graduate")]
pub async fn create_graduate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: Json<GraduateCreate>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let r = records::create_graduate(
        &txn,
        caller.scope(),
        &caller.actor(),
        *id,
        &body,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(r))
}

/// Every record of a person — employment, training, needs, graduate, status — newest first.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The timeline", body = Vec<TimelineItem>),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/persons/{id}/timeline")]
pub async fn timeline(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<TimelineItem>>> {
    caller.require(Permission::PersonRead)?;
    let rows = records::timeline(&state.db, caller.scope(), *id).await?;
    crate::store::access::person_read(
        &state.db,
        &caller.actor(),
        domain::v1::access::AccessKind::Timeline,
        *id,
        rows.len(),
        state.clock.now(),
    )
    .await?;
    Ok(web::Json(rows))
}

/// Change a person's status (send the version read): deceased; moved out — to a county of the
/// province, which takes the person over, or out of the province —; or back to active.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = PersonStatusChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = Person),
        (status = 403, description = "The role may not change persons", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule failed (each field with its rule)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/persons/{id}/status")]
pub async fn change_status(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<PersonStatusChange>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let version = body
        .version
        .or_else(|| if_match(&req))
        .ok_or_else(super::persons::no_version)?;
    let province = crate::store::regions::scope_of(&state.db, &state.settings.province)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let txn = begin(&state).await?;
    let p = persons::change_status(
        &txn,
        &state.vault.ring(),
        caller.scope(),
        &province,
        &caller.actor(),
        *id,
        &body,
        version,
        caller.person_view(state.today()),
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(&p)).json(p))
}

/// The full certificate number, phone and address of a person, for a stated purpose. Written to
/// the audit log with the purpose.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = UnmaskRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The identifiers in full", body = UnmaskedPerson),
        (status = 403, description = "The role may not see full identifiers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No purpose given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/persons/{id}/unmasked")]
pub async fn unmask(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: Json<UnmaskRequest>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonUnmask)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let p = persons::unmask(
        &txn,
        &state.vault.ring(),
        caller.scope(),
        &caller.actor(),
        *id,
        &body.purpose,
        state.clock.now(),
    )
    .await?;
    crate::store::access::person_read(
        &txn,
        &caller.actor(),
        domain::v1::access::AccessKind::Unmasked,
        *id,
        1,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(p))
}

//! Persons (基本信息): create, read, update and list within the caller's scope.

use super::begin;
use crate::AppState;
use crate::audit::{self, Record};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, valid};
use crate::extract::{Json, Query};
use crate::store::access;
use crate::store::persons as store;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use domain::v1::access::AccessKind;
use domain::v1::employment::{EmploymentCreate, EmploymentRecord};
use domain::v1::persons::{
    Person, PersonCreate, PersonPage, PersonPatch, PersonQuery, PersonUpdate,
};
use domain::{ErrorCode, Permission, Problem};

pub(super) fn etag(p: &Person) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{}\"", p.version))
}

/// The version named by `If-Match` (`"3"` or `W/"3"`), if any.
pub(super) fn if_match(req: &HttpRequest) -> Option<i32> {
    let v = req.headers().get(header::IF_MATCH)?.to_str().ok()?;
    v.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .ok()
}

/// The 422 of a write without the version read.
pub(super) fn no_version() -> ApiError {
    ApiError::field(
        "version",
        "required",
        "请提供读取时的版本号（version 或 If-Match）",
        "send the version you read (version or If-Match)",
    )
}

/// Searches by full certificate number one account may make in a minute: enough for an
/// operator's work, too few to walk the candidates a masked number leaves.
const CERTIFICATE_SEARCHES_PER_MINUTE: i32 = 30;

/// What the audit log keeps of a search by full number (the number as a keyed hash).
#[derive(serde::Serialize)]
struct PersonSearchAudit {
    certificate_no: String,
    matches: Vec<i64>,
}

/// Persons in the caller's scope, filtered, in id order with a keyed, opaque cursor. A search by
/// full certificate number is audited and limited to 30 a minute per account (429 beyond).
#[utoipa::path(
    tag = "persons",
    params(PersonQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of persons (identifiers masked)", body = PersonPage),
        (status = 403, description = "The role may not read persons", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "More than 30 searches by full certificate number in a minute", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/persons")]
pub async fn list_persons(
    state: web::Data<AppState>,
    caller: Caller,
    q: Query<PersonQuery>,
) -> ApiResult<web::Json<PersonPage>> {
    caller.require(Permission::PersonRead)?;
    let q = valid(q.into_inner())?;
    let now = state.clock.now();
    let view = caller.person_view(state.today());
    let Some(number) = q
        .certificate_no
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    else {
        let page = store::list(
            &state.db,
            &state.vault.ring(),
            caller.scope(),
            &q,
            view,
            &state.cursors,
        )
        .await?;
        access::list_read(
            &state.db,
            &caller.actor(),
            AccessKind::List,
            caller.scope(),
            &q,
            page.items.len(),
            now,
        )
        .await?;
        return Ok(web::Json(page));
    };
    // a search by full number confirms a guess: limited per account, and audited (the number
    // itself as a keyed hash) in the transaction that answers it
    let txn = begin(&state).await?;
    let key = format!("certificate_search:{}", caller.account().id);
    if !crate::store::throttle::hit(&txn, &key, CERTIFICATE_SEARCHES_PER_MINUTE, now).await? {
        txn.commit().await?;
        return Err(ApiError::code(ErrorCode::RateLimited));
    }
    let page = store::list(
        &txn,
        &state.vault.ring(),
        caller.scope(),
        &q,
        view,
        &state.cursors,
    )
    .await?;
    let scope = caller.scope();
    audit::append(
        &txn,
        &caller.actor(),
        Record::new(
            "person.search",
            "person_search",
            "-",
            scope.code(),
            scope.path(),
        )
        .after(PersonSearchAudit {
            certificate_no: number.to_ascii_uppercase(),
            matches: page.items.iter().map(|p| p.id).collect(),
        }),
        now,
    )
    .await?;
    access::list_read(
        &txn,
        &caller.actor(),
        AccessKind::Search,
        scope,
        &q,
        page.items.len(),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(page))
}

/// Register a person. Gender, birth date, disability type and level come from the certificate
/// number; one already registered answers 409 naming the region that holds it.
#[utoipa::path(
    tag = "persons",
    request_body = PersonCreate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Person),
        (status = 403, description = "The role may not enter persons", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The certificate number is registered already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/persons")]
pub async fn create_person(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<PersonCreate>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let p = store::create(
        &txn,
        &state.vault.ring(),
        caller.scope(),
        &caller.actor(),
        &body,
        caller.person_view(state.today()),
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(&p)).json(p))
}

/// One person in the caller's scope; the `ETag` is its version.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person (identifiers masked)", body = Person),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/persons/{id}")]
pub async fn get_person(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonRead)?;
    let p = store::get(
        &state.db,
        &state.vault.ring(),
        caller.scope(),
        *id,
        caller.person_view(state.today()),
    )
    .await?;
    access::person_read(
        &state.db,
        &caller.actor(),
        AccessKind::Person,
        *id,
        1,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(&p)).json(p))
}

/// Update a person: send the version read (in the body or as `If-Match`); a stale one answers
/// 409 and changes nothing.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = PersonUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = Person),
        (status = 403, description = "The role may not change persons", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or no version given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/persons/{id}")]
pub async fn update_person(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<PersonUpdate>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let version = body
        .version
        .or_else(|| if_match(&req))
        .ok_or_else(no_version)?;
    let txn = begin(&state).await?;
    let p = store::update(
        &txn,
        &state.vault.ring(),
        caller.scope(),
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

/// Update some fields of a person (the others stay): send the version read; a stale one answers
/// 409 and changes nothing.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = PersonPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = Person),
        (status = 403, description = "The role may not change persons", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or no version given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/persons/{id}")]
pub async fn patch_person(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<PersonPatch>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let txn = begin(&state).await?;
    let base = store::stored(&txn, &state.vault.ring(), caller.scope(), *id).await?;
    let body = valid(body.into_inner().merge(base))?;
    let version = body
        .version
        .or_else(|| if_match(&req))
        .ok_or_else(no_version)?;
    let p = store::update(
        &txn,
        &state.vault.ring(),
        caller.scope(),
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

/// The employment history of a person, newest first.
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The records", body = Vec<EmploymentRecord>),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/persons/{id}/employment")]
pub async fn list_employment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<EmploymentRecord>>> {
    caller.require(Permission::PersonRead)?;
    let rows = crate::store::employment::list(&state.db, caller.scope(), *id).await?;
    crate::store::access::person_read(
        &state.db,
        &caller.actor(),
        domain::v1::access::AccessKind::Employment,
        *id,
        rows.len(),
        state.clock.now(),
    )
    .await?;
    Ok(web::Json(rows))
}

/// Record an employment state. The answer carries `late`: recorded more than three months after
/// the date it happened (Art. 16).
#[utoipa::path(
    tag = "persons",
    params(("id" = i64, Path, description = "Person id")),
    request_body = EmploymentCreate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = EmploymentRecord),
        (status = 403, description = "The role may not enter data", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule failed (each field with its rule)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/persons/{id}/employment")]
pub async fn create_employment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: Json<EmploymentCreate>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::PersonWrite)?;
    let body = valid(body.into_inner())?;
    let txn = begin(&state).await?;
    let r = crate::store::employment::create(
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

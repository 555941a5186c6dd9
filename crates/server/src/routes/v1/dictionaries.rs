//! Dictionaries (descriptive code lists).

use super::begin;
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, valid};
use crate::extract::Json;
use crate::store::dictionaries as store;
use actix_web::{get, put, web};
use domain::v1::dictionaries::{DictionaryEntry, DictionaryEntryUpdate, DictionaryKind};
use domain::{Permission, Problem};

/// The entries of a dictionary, in display order (inactive ones included, flagged).
#[utoipa::path(
    tag = "dictionaries",
    params(("kind" = DictionaryKind, Path, description = "Which dictionary")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entries", body = Vec<DictionaryEntry>),
        (status = 400, description = "Unknown dictionary", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dictionaries/{kind}")]
pub async fn list_dictionary(
    state: web::Data<AppState>,
    _caller: Caller,
    kind: web::Path<DictionaryKind>,
) -> ApiResult<web::Json<Vec<DictionaryEntry>>> {
    Ok(web::Json(store::list(&state.db, *kind).await?))
}

/// Edit (or add) a dictionary entry: the province administrator only.
#[utoipa::path(
    tag = "dictionaries",
    params(("kind" = DictionaryKind, Path, description = "Which dictionary"), ("code" = String, Path, description = "Entry code: 1-30 letters, digits or `_`", pattern = "^[A-Za-z0-9_]{1,30}$")),
    request_body = DictionaryEntryUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = DictionaryEntry),
        (status = 403, description = "Only the province administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same new entry was added at the same moment by someone else", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/dictionaries/{kind}/{code}")]
pub async fn update_dictionary_entry(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(DictionaryKind, String)>,
    body: Json<DictionaryEntryUpdate>,
) -> ApiResult<web::Json<DictionaryEntry>> {
    caller.require(Permission::DictionaryWrite)?;
    let body = valid(body.into_inner())?;
    let (kind, code) = path.into_inner();
    let txn = begin(&state).await?;
    let out = store::upsert(
        &txn,
        caller.scope(),
        &caller.actor(),
        kind,
        &code,
        &body,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(out))
}

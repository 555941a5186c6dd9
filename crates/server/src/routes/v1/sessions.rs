//! The caller's own sessions: list them, end one, end all the others (a phone left logged in
//! somewhere, a shared computer). A superior administrator's view of a subordinate's sessions is
//! in [`super::accounts`].

use super::begin;
use crate::AppState;
use crate::audit::{self, Record};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::store::{accounts, sessions};
use actix_web::{HttpResponse, delete, get, post, web};
use domain::v1::auth::{SessionList, SessionsEnded};
use domain::{ErrorCode, SessionEnd};
use sea_orm::DatabaseTransaction;

/// The caller's live sessions, the most recently used first; `current` marks this one.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The live sessions", body = SessionList),
        (status = 401, description = "Not signed in", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/sessions")]
pub async fn list_sessions(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<SessionList>> {
    let now = state.clock.now();
    let items = sessions::of_account(&state.db, caller.account().id, &state.settings, now).await?;
    Ok(web::Json(SessionList {
        items: items
            .iter()
            .map(|s| sessions::to_dto(s, Some(caller.session_id())))
            .collect(),
        max: state.settings.max_sessions,
    }))
}

/// The caller's account locked for the rest of the transaction, and the caller's session still
/// live under that lock: of two sessions ending each other at once, the second finds itself
/// ended (401) and ends nothing.
async fn still_signed_in(txn: &DatabaseTransaction, caller: &Caller) -> ApiResult<()> {
    accounts::lock(txn, caller.account().id)
        .await?
        .ok_or_else(|| ApiError::code(ErrorCode::Unauthenticated))?;
    sessions::by_id(txn, caller.session_id())
        .await?
        .map(|_| ())
        .ok_or_else(|| ApiError::code(ErrorCode::Unauthenticated))
}

async fn audit_ended(
    txn: &DatabaseTransaction,
    caller: &Caller,
    ended: u32,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    let scope = caller.scope();
    audit::append(
        txn,
        &caller.actor(),
        Record::new(
            "auth.end_sessions",
            "account",
            &caller.account().username,
            scope.code(),
            scope.path(),
        )
        .after(serde_json::json!({ "ended": ended })),
        now,
    )
    .await
    .map(|_| ())
}

/// End every session of the caller but this one: their access and refresh tokens stop working
/// at once.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Ended", body = SessionsEnded),
        (status = 401, description = "Not signed in", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/sessions/end-others")]
pub async fn end_other_sessions(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<SessionsEnded>> {
    let now = state.clock.now();
    let txn = begin(&state).await?;
    still_signed_in(&txn, &caller).await?;
    let ended = sessions::end_all(
        &txn,
        caller.account().id,
        Some(caller.session_id()),
        SessionEnd::User,
        now,
    )
    .await?;
    audit_ended(&txn, &caller, ended, now).await?;
    txn.commit().await?;
    Ok(web::Json(SessionsEnded { ended }))
}

/// End one of the caller's sessions (this one too: that is logging out everywhere it was
/// carried on).
#[utoipa::path(
    tag = "auth",
    params(("id" = String, Path, description = "The session's `id`")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not signed in", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live session of the caller has this id", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/auth/sessions/{id}")]
pub async fn end_session(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let txn = begin(&state).await?;
    still_signed_in(&txn, &caller).await?;
    // another account's session is as unknown as one that never was
    let target = sessions::current(&txn, &id, caller.account().id, now)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if !sessions::end(&txn, target.id, SessionEnd::User, now).await? {
        return Err(ApiError::not_found());
    }
    audit_ended(&txn, &caller, 1, now).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

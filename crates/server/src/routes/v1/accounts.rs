//! Accounts: list in scope, create sub-accounts, register holders of the administrator accounts
//! one level below, reset passwords, disable and enable. Accounts are never deleted.

use super::begin;
use crate::AppState;
use crate::audit::{self, Record};
use crate::auth::{Caller, password};
use crate::error::{ApiError, ApiResult, valid};
use crate::extract::{Json, Query};
use crate::store::accounts as store;
use crate::store::entities::{account, region};
use crate::store::sessions;
use actix_web::{HttpResponse, get, post, put, web};
use domain::v1::accounts::{
    Account, AccountPage, AccountQuery, CreateSubAccount, CreatedAccount, Holder, OneTimePassword,
    RegisterHolder,
};
use domain::v1::auth::{SessionList, SessionsEnded};
use domain::{Permission, Problem, SessionEnd};
use sea_orm::DatabaseTransaction;

/// The target account if the caller manages it: 404 outside the scope, 403 inside it but not
/// one of the caller's to manage.
async fn managed(
    db: &impl sea_orm::ConnectionTrait,
    caller: &Caller,
    username: &str,
) -> ApiResult<(account::Model, region::Model)> {
    caller.require(Permission::AccountManage)?;
    let (acc, reg) = store::visible(db, caller.scope(), username).await?;
    if !store::manages(caller.scope().code(), &acc, &reg) {
        return Err(ApiError::forbidden());
    }
    Ok((acc, reg))
}

/// [`managed`] inside the transaction of a change, the account row read again under its lock.
async fn managed_locked(
    txn: &DatabaseTransaction,
    caller: &Caller,
    username: &str,
) -> ApiResult<(account::Model, region::Model)> {
    let (acc, reg) = managed(txn, caller, username).await?;
    let acc = store::lock(txn, acc.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok((acc, reg))
}

/// Accounts in the caller's scope.
#[utoipa::path(
    tag = "accounts",
    params(AccountQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of accounts", body = AccountPage),
        (status = 403, description = "The role may not list accounts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/accounts")]
pub async fn list_accounts(
    state: web::Data<AppState>,
    caller: Caller,
    q: Query<AccountQuery>,
) -> ApiResult<web::Json<AccountPage>> {
    caller.require(Permission::AccountRead)?;
    let q = valid(q.into_inner())?;
    Ok(web::Json(
        store::list(&state.db, caller.scope(), caller.manager(), &q).await?,
    ))
}

/// Create a sub-account of the caller's agency; answers its one-time password once.
#[utoipa::path(
    tag = "accounts",
    request_body = CreateSubAccount,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = CreatedAccount),
        (status = 403, description = "Only administrators create accounts", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken (`fields` names it, rule `unique`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/accounts")]
pub async fn create_account(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateSubAccount>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::AccountManage)?;
    let body = valid(body.into_inner())?;
    let pw = password::new_one_time(state.settings.argon2).await?;
    let txn = begin(&state).await?;
    let (account, otp) = store::create_sub(
        &txn,
        &caller.actor(),
        caller.scope(),
        &body,
        pw,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(CreatedAccount {
        account,
        one_time_password: otp,
    }))
}

/// One account in the caller's scope.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account", body = Account),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/accounts/{username}")]
pub async fn get_account(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<Account>> {
    caller.require(Permission::AccountRead)?;
    let (acc, reg) = store::visible(&state.db, caller.scope(), &username).await?;
    Ok(web::Json(store::to_dto(
        &acc,
        &reg.name,
        store::manageable(caller.manager(), &acc, &reg),
    )))
}

/// Register (or hand over to) the holder of an administrator account one level below; answers
/// the new holder's one-time password once.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username (the region code) of the administrator account")),
    request_body = RegisterHolder,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Registered", body = OneTimePassword),
        (status = 403, description = "Not an account the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an administrator account, or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/accounts/{username}/holder")]
pub async fn register_holder(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
    body: Json<RegisterHolder>,
) -> ApiResult<web::Json<OneTimePassword>> {
    let body = valid(body.into_inner())?;
    // refused before any hashing; hashed before the transaction opens
    managed(&state.db, &caller, &username).await?;
    let pw = password::new_one_time(state.settings.argon2).await?;
    let txn = begin(&state).await?;
    let (acc, reg) = managed_locked(&txn, &caller, &username).await?;
    let out = store::register_holder(
        &txn,
        &caller.actor(),
        acc,
        &reg,
        &body,
        pw,
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(out))
}

/// Holders of an administrator account, newest first.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The holders", body = Vec<Holder>),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/accounts/{username}/holders")]
pub async fn list_holders(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<Vec<Holder>>> {
    caller.require(Permission::AccountRead)?;
    let (acc, _) = store::visible(&state.db, caller.scope(), &username).await?;
    Ok(web::Json(store::holders(&state.db, &acc).await?))
}

/// Reset a forgotten password to a one-time password (answered once).
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Reset", body = OneTimePassword),
        (status = 403, description = "Not an account the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Pending or cancelled account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/accounts/{username}/reset-password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<OneTimePassword>> {
    managed(&state.db, &caller, &username).await?;
    let pw = password::new_one_time(state.settings.argon2).await?;
    let txn = begin(&state).await?;
    let (acc, reg) = managed_locked(&txn, &caller, &username).await?;
    let out =
        store::reset_password(&txn, &caller.actor(), acc, &reg, pw, state.clock.now()).await?;
    txn.commit().await?;
    Ok(web::Json(out))
}

/// Reset two-factor login (a lost phone): the secret and recovery codes go, the account's
/// sessions end, and the holder sets up an authenticator again at the next login.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Reset", body = Account),
        (status = 403, description = "Not an account the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Two-factor login is not on", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/accounts/{username}/reset-mfa")]
pub async fn reset_mfa(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<Account>> {
    let txn = begin(&state).await?;
    let (acc, reg) = managed_locked(&txn, &caller, &username).await?;
    let out = store::reset_mfa(&txn, &caller.actor(), acc, &reg, state.clock.now()).await?;
    txn.commit().await?;
    Ok(web::Json(out))
}

/// The live sessions of an account the caller manages (where and with what its holder is
/// signed in), the most recently used first.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The live sessions", body = SessionList),
        (status = 403, description = "Not an account the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/accounts/{username}/sessions")]
pub async fn list_account_sessions(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<SessionList>> {
    let (acc, _) = managed(&state.db, &caller, &username).await?;
    let now = state.clock.now();
    let items = sessions::of_account(&state.db, acc.id, &state.settings, now).await?;
    Ok(web::Json(SessionList {
        items: items.iter().map(|s| sessions::to_dto(s, None)).collect(),
        max: state.settings.max_sessions,
    }))
}

/// End every session of an account the caller manages (a lost laptop, a holder who left): its
/// tokens stop working at once; the password stays.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Ended", body = SessionsEnded),
        (status = 403, description = "Not an account the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/accounts/{username}/end-sessions")]
pub async fn end_account_sessions(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<SessionsEnded>> {
    let now = state.clock.now();
    let txn = begin(&state).await?;
    let (acc, reg) = managed_locked(&txn, &caller, &username).await?;
    let ended = sessions::end_all(&txn, acc.id, None, SessionEnd::Administrator, now).await?;
    audit::append(
        &txn,
        &caller.actor(),
        Record::new(
            "account.end_sessions",
            "account",
            &acc.username,
            &reg.code,
            &reg.path,
        )
        .after(serde_json::json!({ "ended": ended })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(SessionsEnded { ended }))
}

/// Disable an account (it is never deleted); its sessions end.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Disabled", body = Account),
        (status = 403, description = "Not an account the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Pending or cancelled account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/accounts/{username}/disable")]
pub async fn disable_account(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<Account>> {
    set_enabled(state, caller, &username, false).await
}

/// Enable an account again; also reopens an account locked after 30 days without login.
#[utoipa::path(
    tag = "accounts",
    params(("username" = String, Path, description = "Username")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Enabled", body = Account),
        (status = 403, description = "Not an account the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Pending or cancelled account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/accounts/{username}/enable")]
pub async fn enable_account(
    state: web::Data<AppState>,
    caller: Caller,
    username: web::Path<String>,
) -> ApiResult<web::Json<Account>> {
    set_enabled(state, caller, &username, true).await
}

async fn set_enabled(
    state: web::Data<AppState>,
    caller: Caller,
    username: &str,
    enable: bool,
) -> ApiResult<web::Json<Account>> {
    let txn = begin(&state).await?;
    let (acc, reg) = managed_locked(&txn, &caller, username).await?;
    if acc.id == caller.account().id {
        return Err(ApiError::forbidden());
    }
    let out =
        store::set_enabled(&txn, &caller.actor(), acc, &reg, enable, state.clock.now()).await?;
    txn.commit().await?;
    Ok(web::Json(out))
}

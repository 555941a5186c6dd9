//! Login, refresh, logout, password change and the confidentiality agreement.

use super::begin;
use crate::AppState;
use crate::audit::{self, Actor, Record};
use crate::auth::extract::client_ip;
use crate::auth::{Caller, PendingCaller, password};
use crate::error::{ApiError, ApiResult, valid};
use crate::extract::Json;
use crate::store::entities::{account, refresh_token, session};
use crate::store::sessions::{self, Origin};
use crate::store::{accounts, mfa, regions, throttle};
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Duration, Utc};
use domain::v1::auth::{
    Agreement, ChangePasswordRequest, LoginRequest, LoginResponse, LoginResult, LoginTrace, Me,
    MfaChallenge, MfaConfirm, MfaEnrolment, MfaRequest, RecoveryCodes, RefreshRequest,
    SecurityPolicy,
};
use domain::v1::regions::RegionRef;
use domain::{AccountKind, AccountStatus, ErrorCode, Permission, Problem, RegionLevel, SessionEnd};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect, Set,
};

/// Name of the refresh-token cookie.
pub const REFRESH_COOKIE: &str = "shiming_refresh";
const COOKIE_PATH: &str = "/api/v1/auth";

fn refresh_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, token.to_owned())
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(state.settings.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::hours(state.settings.session_max_hours))
        .finish()
}

fn expired_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = refresh_cookie(state, "");
    c.make_removal();
    c
}

/// Issues an access token and a refresh token of the session for the account.
async fn issue(
    state: &AppState,
    db: &DatabaseTransaction,
    acc: &account::Model,
    session: &session::Model,
    now: DateTime<Utc>,
) -> ApiResult<(LoginResponse, Cookie<'static>)> {
    let access = state.keys.issue(
        acc.id,
        &acc.username,
        acc.token_version,
        &session.sid,
        now,
        state.settings.access_ttl_secs,
    )?;
    let refresh_tok = accounts::new_refresh_token(db, acc, session, now).await?;
    let province = acc.region_code == state.settings.province;
    let must_enrol_mfa = !acc.mfa_enabled && state.policy.required(db, acc, province).await?;
    let expired = acc
        .password_changed_at
        .is_none_or(|t| state.settings.policy.password_expired(t, now));
    let resp = LoginResponse {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: state.settings.access_ttl_secs,
        must_change_password: acc.must_change_password || expired,
        must_accept_agreement: acc.agreement_accepted_at.is_none(),
        refresh_token: refresh_tok.clone(),
        must_enrol_mfa,
        mfa_required: false,
    };
    Ok((resp, refresh_cookie(state, &refresh_tok)))
}

/// The client address's login rate limit (password and code steps together), counted
/// atomically in its own transaction: 429 beyond it.
async fn address_limit(
    state: &web::Data<AppState>,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let key = format!("login:{}", ip.unwrap_or("-"));
    let txn = begin(state).await?;
    let allowed = throttle::hit(&txn, &key, state.settings.login_rate_per_minute, now).await?;
    txn.commit().await?;
    if allowed {
        Ok(())
    } else {
        Err(ApiError::code(ErrorCode::RateLimited))
    }
}

async fn region_of(db: &impl ConnectionTrait, acc: &account::Model) -> ApiResult<(String, String)> {
    Ok(regions::current(db, &acc.region_code)
        .await?
        .map(|r| (r.code, r.path))
        .unwrap_or_else(|| (acc.region_code.clone(), String::new())))
}

/// Log in with username and password.
///
/// Five failures in a row lock the account for 15 minutes; 30 days without login lock it until
/// the administrator reopens it. The refresh token comes as an HttpOnly cookie and in the body.
///
/// An account with two-factor login answers `{"mfa_required": true, "mfa_token": …}` instead of
/// tokens: finish with `POST /api/v1/auth/mfa`. Wrong codes count towards the same lock-out.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in, or (`mfa_required: true`) the password was right and a code is needed", body = LoginResult),
        (status = 401, description = "Wrong username or password", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account disabled, cancelled or without holder", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Account locked", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address, or more logins of the account in progress at once than the failure limit", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let body = valid(body.into_inner())?;
    let now = state.clock.now();
    let ip = client_ip(&req, &state.settings.trusted_proxies);
    // 1. the address's rate limit, counted atomically
    address_limit(&state, ip.as_deref(), now).await?;
    let actor = Actor {
        username: body.username.clone(),
        ip,
    };
    let Some(acc) = accounts::by_username(&state.db, &body.username).await? else {
        // same work as for a real account, so timing does not reveal usernames
        let _ = password::verify(body.password.clone(), state.dummy_hash.clone()).await;
        return Err(ApiError::code(ErrorCode::InvalidCredentials));
    };
    // 2. the inactivity rules apply at login too, at the exact moment; then the attempt is
    // counted before the password is checked, so parallel guesses cannot pass the limit
    let txn = begin(&state).await?;
    let acc = accounts::lock(&txn, acc.id)
        .await?
        .ok_or_else(|| ApiError::code(ErrorCode::InvalidCredentials))?;
    let acc = match accounts::apply_lifecycle(&txn, &state.settings, &acc, now).await? {
        Some(_) => accounts::lock(&txn, acc.id)
            .await?
            .ok_or_else(ApiError::not_found)?,
        None => acc,
    };
    let refusal = match AccountStatus::parse(&acc.status) {
        Some(AccountStatus::Active) => None,
        Some(AccountStatus::Pending) => Some(ErrorCode::AccountPending),
        Some(AccountStatus::Dormant) => Some(ErrorCode::AccountDormant),
        Some(AccountStatus::Cancelled) => Some(ErrorCode::AccountCancelled),
        Some(AccountStatus::Disabled) | None => Some(ErrorCode::AccountDisabled),
    };
    if let Some(code) = refusal {
        txn.commit().await?;
        return Err(ApiError::code(code));
    }
    let (code, path) = region_of(&txn, &acc).await?;
    let attempt = accounts::count_attempt(&txn, acc.id, now).await?;
    let max = state.settings.policy.max_failed_logins;
    let attempt = match attempt {
        // locked, or this attempt is beyond the limit (others in flight took the last ones)
        None => {
            txn.commit().await?;
            return Err(ApiError::code(ErrorCode::AccountLocked));
        }
        // more attempts in flight than the limit: this one is not checked (so parallel guesses
        // never test more than the limit's passwords) and not counted; only a checked wrong
        // password locks, so one holder's parallel logins cannot lock the account
        Some(n) if n > max => {
            accounts::uncount_attempt(&txn, acc.id).await?;
            txn.commit().await?;
            return Err(ApiError::msg(
                ErrorCode::RateLimited,
                "该账号正有多个登录同时进行，请稍后再试",
                "other logins of this account are in progress: try again in a moment",
            ));
        }
        Some(n) => n,
    };
    txn.commit().await?;
    // 3. the password, outside any transaction
    let ok = match acc.password_hash.clone() {
        Some(h) => password::verify(body.password.clone(), h).await?,
        None => false,
    };
    // 4. the outcome
    let txn = begin(&state).await?;
    if !ok {
        let locked = failed(
            &state,
            &txn,
            &actor,
            &acc,
            "auth.login_failed",
            attempt >= max,
            (&code, &path),
            now,
        )
        .await?;
        txn.commit().await?;
        return Err(ApiError::code(if locked {
            ErrorCode::AccountLocked
        } else {
            ErrorCode::InvalidCredentials
        }));
    }
    if acc.mfa_enabled {
        // the password is right, which is no failure (the attempt is taken back), nor a login:
        // the failures before it stay counted until a code is right
        accounts::uncount_attempt(&txn, acc.id).await?;
        let token = mfa::new_challenge(&txn, &acc, actor.ip.clone(), now).await?;
        txn.commit().await?;
        return Ok(HttpResponse::Ok().json(LoginResult::Mfa(MfaChallenge {
            mfa_required: true,
            mfa_token: token,
            expires_in: domain::mfa::CHALLENGE_SECS,
        })));
    }
    // signed in, unless the account changed while the password was checked
    let Some(acc) = accounts::signed_in(&txn, &acc, actor.ip.as_deref(), now).await? else {
        txn.commit().await?;
        return Err(ApiError::code(ErrorCode::InvalidCredentials));
    };
    let origin = Origin::of(&req, &state.settings);
    let session = sessions::start(&txn, acc.id, &origin, &state.settings, now).await?;
    let (resp, cookie) = issue(&state, &txn, &acc, &session, now).await?;
    audit::append(
        &txn,
        &actor,
        Record::new("auth.login", "account", &acc.username, &code, &path),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .cookie(cookie)
        .json(LoginResult::Tokens(resp)))
}

/// A checked password or code was wrong: audited, counted since the last login, and the account
/// locked if this was the last allowed attempt. Returns whether it locked.
#[allow(clippy::too_many_arguments)]
async fn failed(
    state: &AppState,
    txn: &DatabaseTransaction,
    actor: &Actor,
    acc: &account::Model,
    action: &'static str,
    last: bool,
    (code, path): (&str, &str),
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    audit::append(
        txn,
        actor,
        Record::new(action, "account", &acc.username, code, path),
        now,
    )
    .await?;
    accounts::count_failure(txn, acc.id).await?;
    if last {
        lock_out(state, txn, acc, code, path, now).await?;
    }
    Ok(last)
}

/// Finish a two-factor login: the `mfa_token` of the login answer and a code.
///
/// The code is six digits from the authenticator app (each accepted once: a code used a moment
/// ago is refused) or one of the recovery codes (each works once). Wrong codes count towards the
/// lock-out like wrong passwords; the token stays usable until it expires or a code is right.
#[utoipa::path(
    tag = "auth",
    request_body = MfaRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 401, description = "Wrong, expired or used code, or an unknown or expired `mfa_token`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account disabled or cancelled meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Account locked", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/mfa")]
pub async fn login_mfa(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<MfaRequest>,
) -> ApiResult<HttpResponse> {
    let body = valid(body.into_inner())?;
    let now = state.clock.now();
    let ip = client_ip(&req, &state.settings.trusted_proxies);
    let invalid = || ApiError::code(ErrorCode::MfaInvalid);
    address_limit(&state, ip.as_deref(), now).await?;
    let txn = begin(&state).await?;
    let challenge = mfa::challenge(&txn, &body.mfa_token, now)
        .await?
        .ok_or_else(invalid)?;
    // the account locked for the rest of the transaction: parallel codes are checked one by one
    let acc = accounts::lock(&txn, challenge.account_id)
        .await?
        .filter(|a| a.token_version == challenge.token_version && a.mfa_enabled)
        .ok_or_else(invalid)?;
    if acc.status != AccountStatus::Active.as_str() {
        txn.commit().await?;
        return Err(ApiError::code(ErrorCode::AccountDisabled));
    }
    let actor = Actor {
        username: acc.username.clone(),
        ip,
    };
    let (code, path) = region_of(&txn, &acc).await?;
    let max = state.settings.policy.max_failed_logins;
    let Some(attempt) = accounts::count_attempt(&txn, acc.id, now).await? else {
        txn.commit().await?;
        return Err(ApiError::code(ErrorCode::AccountLocked));
    };
    let ring = state.vault.ring();
    let Some(factor) = mfa::verify(&txn, &ring, &acc, &body.code, now).await? else {
        let locked = failed(
            &state,
            &txn,
            &actor,
            &acc,
            "auth.mfa_failed",
            attempt >= max,
            (&code, &path),
            now,
        )
        .await?;
        txn.commit().await?;
        return Err(ApiError::code(if locked {
            ErrorCode::AccountLocked
        } else {
            ErrorCode::MfaInvalid
        }));
    };
    if !mfa::finish_challenge(&txn, challenge.id).await? {
        return Err(invalid());
    }
    let Some(acc) = accounts::signed_in(&txn, &acc, actor.ip.as_deref(), now).await? else {
        return Err(invalid());
    };
    let origin = Origin::of(&req, &state.settings);
    let session = sessions::start(&txn, acc.id, &origin, &state.settings, now).await?;
    let (resp, cookie) = issue(&state, &txn, &acc, &session, now).await?;
    audit::append(
        &txn,
        &actor,
        Record::new("auth.login", "account", &acc.username, &code, &path)
            .after(serde_json::json!({ "second_factor": factor.as_str() })),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().cookie(cookie).json(resp))
}

/// Start setting up two-factor login: a new secret and its `otpauth://` URI, for the QR code.
///
/// Starting again replaces a secret not yet confirmed. Nothing changes at login until
/// `POST /api/v1/auth/mfa/confirm` accepts a first code.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The secret to scan", body = MfaEnrolment),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The password must be changed first", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Two-factor login is already on", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/mfa/enrolment")]
pub async fn mfa_enrolment(
    state: web::Data<AppState>,
    caller: PendingCaller,
) -> ApiResult<HttpResponse> {
    if caller.must_change_password {
        return Err(ApiError::code(ErrorCode::PasswordChangeRequired));
    }
    let txn = begin(&state).await?;
    let acc = accounts::lock(&txn, caller.account.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let out = mfa::start_enrolment(&txn, &state.vault.ring(), &acc).await?;
    txn.commit().await?;
    // the secret must not stay in any cache
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(out))
}

/// Confirm two-factor login with the first code from the app; answers the ten recovery codes,
/// once (print them: each logs in once when the phone is not at hand).
#[utoipa::path(
    tag = "auth",
    request_body = MfaConfirm,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "On; the recovery codes", body = RecoveryCodes),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The password must be changed first", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already on, or no enrolment started", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong code", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/mfa/confirm")]
pub async fn mfa_confirm(
    state: web::Data<AppState>,
    caller: PendingCaller,
    body: Json<MfaConfirm>,
) -> ApiResult<HttpResponse> {
    let body = valid(body.into_inner())?;
    if caller.must_change_password {
        return Err(ApiError::code(ErrorCode::PasswordChangeRequired));
    }
    let now = state.clock.now();
    let txn = begin(&state).await?;
    let acc = accounts::lock(&txn, caller.account.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let codes = mfa::confirm(&txn, &state.vault.ring(), &acc, &body.code, now).await?;
    let scope = caller.scope();
    audit::append(
        &txn,
        &caller.actor(),
        Record::new(
            "auth.mfa_enrol",
            "account",
            &acc.username,
            scope.code(),
            scope.path(),
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(RecoveryCodes { codes }))
}

/// Locks an account after too many failures. Its live sessions stay: a lock stops guessing,
/// and whoever knows a username must not be able to log its holder out.
async fn lock_out(
    state: &AppState,
    txn: &DatabaseTransaction,
    acc: &account::Model,
    code: &str,
    path: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let until = state.settings.policy.locked_until(now);
    accounts::lock_until(txn, acc.id, until).await?;
    audit::append(
        txn,
        &Actor::system(),
        Record::new("auth.locked", "account", &acc.username, code, path),
        now,
    )
    .await?;
    Ok(())
}

fn refresh_token_of(req: &HttpRequest, body: Option<&RefreshRequest>) -> Option<String> {
    body.and_then(|b| b.refresh_token.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| {
            req.cookie(REFRESH_COOKIE)
                .map(|c| c.value().to_owned())
                .filter(|t| !t.is_empty())
        })
}

/// Exchange a refresh token for new tokens (rotation).
///
/// The refresh token comes from the body or the cookie. It is single-use: presenting a used one
/// again revokes every session of the account — except within a few seconds of its rotation
/// (`SHIMING_REFRESH_GRACE_SECS`, default 30), which is two tabs of one session refreshing at
/// once. It dies after 30 idle minutes.
#[utoipa::path(
    tag = "auth",
    request_body(content = RefreshRequest, description = "Optional: the SPA sends `{}` and uses the cookie"),
    responses(
        (status = 200, description = "New tokens", body = LoginResponse),
        (status = 401, description = "Missing, expired or revoked refresh token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Option<Json<RefreshRequest>>,
) -> ApiResult<HttpResponse> {
    let unauth = || ApiError::code(ErrorCode::Unauthenticated);
    let token = refresh_token_of(&req, body.as_deref()).ok_or_else(unauth)?;
    let now = state.clock.now();
    let txn = begin(&state).await?;
    // the token's row locked: a concurrent refresh of the same token waits and then reads it
    // as rotated
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(password::token_digest(&token)))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(unauth)?;
    let acc = accounts::lock(&txn, row.account_id)
        .await?
        .ok_or_else(unauth)?;
    // the session the token carries (none for tokens older than sessions)
    let session = match row.session_id {
        Some(id) => session::Entity::find_by_id(id).one(&txn).await?,
        None => None,
    };
    let ended = session.as_ref().is_some_and(|s| s.ended_at.is_some());
    let idle = Duration::minutes(i64::from(state.settings.idle_timeout_minutes));
    let alive = !ended
        && row.expires_at > now
        && row.last_used_at + idle > now
        && row.token_version == acc.token_version
        && acc.status == AccountStatus::Active.as_str();
    // rotate: exactly one request turns this token over (a conditional update; the row count
    // tells who), so two concurrent refreshes cannot both pass as first use
    let rotated = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::Revoked, Expr::value(true))
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(Some(now)))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::Revoked.eq(false))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    let grace = Duration::seconds(state.settings.refresh_grace_secs);
    if !rotated && ended && row.rotated_at.is_none_or(|t| t + grace > now) {
        // revoked when its session ended (logged out, ended from another session or by the
        // administrator), or rotated a moment before by a sibling tab of that session: the
        // browser it was left in is told, nothing else happens
        txn.commit().await?;
        return Err(unauth());
    }
    if !rotated {
        // presented again after its rotation: another tab of the same session a moment ago,
        // or a stolen copy
        let sibling = row.rotated_at.is_some_and(|t| t + grace > now);
        if !(sibling && alive) {
            let ver = acc.token_version + 1;
            let mut am = acc.clone().into_active_model();
            am.token_version = Set(ver);
            am.update(&txn).await?;
            accounts::revoke_refresh_tokens(&txn, acc.id, now).await?;
            let (code, path) = region_of(&txn, &acc).await?;
            audit::append(
                &txn,
                &Actor::system(),
                Record::new("auth.refresh_reuse", "account", &acc.username, &code, &path),
                now,
            )
            .await?;
            txn.commit().await?;
            return Err(unauth());
        }
    }
    if !alive {
        txn.commit().await?;
        return Err(unauth());
    }
    let origin = Origin::of(&req, &state.settings);
    let session = match session {
        Some(s) => sessions::touch(&txn, s, &origin, now).await?,
        None => sessions::start(&txn, acc.id, &origin, &state.settings, now).await?,
    };
    let (resp, cookie) = issue(&state, &txn, &acc, &session, now).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().cookie(cookie).json(resp))
}

/// Log out: revoke the refresh token and clear the cookie.
#[utoipa::path(
    tag = "auth",
    request_body(content = RefreshRequest, description = "Optional: the refresh token to revoke (else the cookie's)"),
    responses((status = 204, description = "Signed out"))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Option<Json<RefreshRequest>>,
) -> ApiResult<HttpResponse> {
    if let Some(token) = refresh_token_of(&req, body.as_deref()) {
        let txn = begin(&state).await?;
        let grace = Duration::seconds(state.settings.refresh_grace_secs);
        let now = state.clock.now();
        // a live token, or one a sibling tab rotated a moment ago; an old one of the chain
        // ends nothing
        if let Some(row) = refresh_token::Entity::find()
            .filter(refresh_token::Column::TokenHash.eq(password::token_digest(&token)))
            .one(&txn)
            .await?
            .filter(|r| !r.revoked || r.rotated_at.is_some_and(|t| t + grace > now))
        {
            if let Some(acc) = account::Entity::find_by_id(row.account_id)
                .one(&txn)
                .await?
            {
                let (code, path) = region_of(&txn, &acc).await?;
                audit::append(
                    &txn,
                    &Actor {
                        username: acc.username.clone(),
                        ip: client_ip(&req, &state.settings.trusted_proxies),
                    },
                    Record::new("auth.logout", "account", &acc.username, &code, &path),
                    now,
                )
                .await?;
            }
            if let Some(id) = row.session_id {
                sessions::end(&txn, id, SessionEnd::Logout, now).await?;
            }
            let mut am = row.into_active_model();
            am.revoked = Set(true);
            am.update(&txn).await?;
        }
        txn.commit().await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(expired_cookie(&state))
        .finish())
}

/// Change the password (also the one-time or expired one).
///
/// Every other session of the account ends; the answer carries fresh tokens for this one.
#[utoipa::path(
    tag = "auth",
    request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed; new tokens", body = LoginResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong current password or the new one breaks the policy", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/change-password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: PendingCaller,
    body: Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let body = valid(body.into_inner())?;
    let now = state.clock.now();
    let acc = caller.account.clone();
    let current_ok = match acc.password_hash.clone() {
        Some(h) => password::verify(body.current_password.clone(), h).await?,
        None => false,
    };
    if !current_ok {
        return Err(ApiError::field(
            "current_password",
            "mismatch",
            "当前密码不正确",
            "the current password is wrong",
        ));
    }
    let mut errors = domain::password::check(&body.new_password, &acc.username, "new_password");
    if errors.is_empty() && accounts::recently_used(&state.db, acc.id, &body.new_password).await? {
        errors.push(domain::password::reused("new_password"));
    }
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let hash = password::hash(body.new_password, state.settings.argon2).await?;
    let txn = begin(&state).await?;
    // the account as it is now, locked; a password changed meanwhile by another session wins
    let acc = accounts::lock(&txn, acc.id)
        .await?
        .filter(|a| a.password_hash == acc.password_hash)
        .ok_or_else(|| ApiError::code(ErrorCode::VersionConflict))?;
    let acc = accounts::set_password(&txn, acc, hash, false, now).await?;
    accounts::revoke_refresh_tokens(&txn, acc.id, now).await?;
    let scope = caller.scope();
    audit::append(
        &txn,
        &caller.actor(),
        Record::new(
            "auth.change_password",
            "account",
            &acc.username,
            scope.code(),
            scope.path(),
        ),
        now,
    )
    .await?;
    // every session ended with the old password; this one goes on as a new one
    let session = sessions::start(&txn, acc.id, caller.origin(), &state.settings, now).await?;
    let (resp, cookie) = issue(&state, &txn, &acc, &session, now).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().cookie(cookie).json(resp))
}

/// The confidentiality agreement (安全保密协议).
#[utoipa::path(tag = "auth", responses((status = 200, description = "The agreement text", body = Agreement)))]
#[get("/auth/agreement")]
pub async fn agreement() -> web::Json<Agreement> {
    web::Json(domain::v1::auth::agreement())
}

/// Accept the confidentiality agreement (after the one-time password has been changed).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Accepted"),
        (status = 403, description = "The password must be changed first", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/accept-agreement")]
pub async fn accept_agreement(
    state: web::Data<AppState>,
    caller: PendingCaller,
) -> ApiResult<HttpResponse> {
    if caller.must_change_password {
        return Err(ApiError::code(ErrorCode::PasswordChangeRequired));
    }
    let now = state.clock.now();
    let txn = begin(&state).await?;
    let version = domain::v1::auth::agreement().version;
    let mut am = caller.account.clone().into_active_model();
    am.agreement_accepted_at = Set(Some(now));
    am.agreement_version = Set(Some(version.clone()));
    am.update(&txn).await?;
    let scope = caller.scope();
    audit::append(
        &txn,
        &caller.actor(),
        Record::new(
            "auth.accept_agreement",
            "account",
            &caller.account.username,
            scope.code(),
            scope.path(),
        )
        .after(&version),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Who am I: account, scope, permissions and pending gates.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, caller: PendingCaller) -> ApiResult<web::Json<Me>> {
    let acc = &caller.account;
    // an account's region always exists (regions retire, never vanish): its absence is a fault
    let reg = regions::current(&state.db, &acc.region_code)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the region of account {} is missing", acc.id))?;
    Ok(web::Json(Me {
        username: acc.username.clone(),
        name: acc.name.clone(),
        kind: caller.kind,
        role: caller.role,
        region: RegionRef {
            code: reg.code,
            name: reg.name,
            level: RegionLevel::parse(&reg.level).unwrap_or(RegionLevel::County),
        },
        permissions: caller.role.permissions(caller.province),
        must_change_password: caller.must_change_password,
        must_accept_agreement: caller.must_accept_agreement && caller.kind != AccountKind::Service,
        password_expires_at: acc
            .password_changed_at
            .map(|t| state.settings.policy.password_expires_at(t)),
        idle_timeout_minutes: state.settings.idle_timeout_minutes,
        demo: crate::synth::is_demo(&state.db).await.unwrap_or(false),
        mfa_enabled: acc.mfa_enabled,
        mfa_required: caller.mfa_required,
        must_enrol_mfa: caller.must_enrol_mfa,
        recovery_codes_left: if acc.mfa_enabled {
            u32::try_from(mfa::recovery_left(&state.db, acc.id).await?).unwrap_or(0)
        } else {
            0
        },
        previous_login: acc.prev_login_at.map(|at| LoginTrace {
            at,
            ip: acc.prev_login_ip.clone(),
            failed_attempts: u32::try_from(acc.prev_failed).unwrap_or(0),
        }),
    }))
}

/// The province's security policy.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The policy", body = SecurityPolicy),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/security-policy")]
pub async fn get_security_policy(
    state: web::Data<AppState>,
    _caller: Caller,
) -> ApiResult<web::Json<SecurityPolicy>> {
    Ok(web::Json(SecurityPolicy {
        mfa_for_everyone: state.policy.mfa_for_everyone(&state.db).await?,
    }))
}

/// Change the province's security policy (the province's security administrator). Turning
/// two factors on for everyone makes every account without them set one up at its next request.
#[utoipa::path(
    tag = "auth",
    request_body = SecurityPolicy,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The policy now", body = SecurityPolicy),
        (status = 403, description = "Not the province's security administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/security-policy")]
pub async fn put_security_policy(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<SecurityPolicy>,
) -> ApiResult<web::Json<SecurityPolicy>> {
    caller.require(Permission::PolicyWrite)?;
    let body = valid(body.into_inner())?;
    let now = state.clock.now();
    let txn = begin(&state).await?;
    let old =
        mfa::set_mfa_for_everyone(&txn, body.mfa_for_everyone, &caller.account().username, now)
            .await?;
    let scope = caller.scope();
    audit::append(
        &txn,
        &caller.actor(),
        Record::new(
            "policy.update",
            "policy",
            "mfa_for_everyone",
            scope.code(),
            scope.path(),
        )
        .before(old)
        .after(body.mfa_for_everyone),
        now,
    )
    .await?;
    txn.commit().await?;
    state.policy.clear();
    Ok(web::Json(body))
}

//! Sessions: one per login, carried on by its chain of refresh tokens and named in every access
//! token (`sid`), so that ending one stops its access token at once rather than at its expiry.
//! An account holds at most [`Settings::max_sessions`] at once (等保 2.0: concurrent sessions of
//! one account are limited); a login beyond ends the least recently used.

use super::entities::{refresh_token, session};
use crate::error::ApiResult;
use crate::settings::Settings;
use chrono::{DateTime, Duration, Utc};
use domain::SessionEnd;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

/// Longest `User-Agent` kept, in characters.
const USER_AGENT_CHARS: usize = 256;

/// Where a request comes from, as a session records it.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// Client address.
    pub ip: Option<String>,
    /// The `User-Agent`, cut and without control characters.
    pub user_agent: Option<String>,
}

impl Origin {
    /// The origin of a request.
    pub fn of(req: &actix_web::HttpRequest, settings: &Settings) -> Self {
        let user_agent = req
            .headers()
            .get(actix_web::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| {
                ua.chars()
                    .filter(|c| !c.is_control())
                    .take(USER_AGENT_CHARS)
                    .collect::<String>()
            })
            .filter(|ua| !ua.trim().is_empty());
        Self {
            ip: crate::auth::extract::client_ip(req, &settings.trusted_proxies),
            user_agent,
        }
    }
}

/// A new session id: 128 random bits, hex.
fn new_sid() -> String {
    let bytes: [u8; 16] = rand::random();
    hex::encode(bytes)
}

/// The condition of a live session at `now`: not ended, not past its end, refreshed within the
/// idle timeout.
fn live(settings: &Settings, now: DateTime<Utc>) -> Condition {
    let idle = Duration::minutes(i64::from(settings.idle_timeout_minutes));
    Condition::all()
        .add(session::Column::EndedAt.is_null())
        .add(session::Column::ExpiresAt.gt(now))
        .add(session::Column::LastSeenAt.gt(now - idle))
}

/// Starts a session for the account (a login), ending the least recently used ones beyond the
/// limit.
pub async fn start(
    db: &DatabaseTransaction,
    account_id: i64,
    origin: &Origin,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ApiResult<session::Model> {
    let created = session::ActiveModel {
        sid: Set(new_sid()),
        account_id: Set(account_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::hours(settings.session_max_hours)),
        ip: Set(origin.ip.clone()),
        user_agent: Set(origin.user_agent.clone()),
        ended_at: Set(None),
        end_reason: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let max = usize::try_from(settings.max_sessions.max(1)).unwrap_or(usize::MAX);
    let surplus: Vec<i64> = of_account(db, account_id, settings, now)
        .await?
        .into_iter()
        .skip(max)
        .map(|s| s.id)
        .collect();
    if !surplus.is_empty() {
        end_where(
            db,
            Condition::all().add(session::Column::Id.is_in(surplus)),
            SessionEnd::Superseded,
            now,
        )
        .await?;
    }
    Ok(created)
}

/// Carries a session on after a refresh: seen now, from this address.
pub async fn touch(
    db: &DatabaseTransaction,
    s: session::Model,
    origin: &Origin,
    now: DateTime<Utc>,
) -> ApiResult<session::Model> {
    let mut am: session::ActiveModel = s.into();
    am.last_seen_at = Set(now);
    if origin.ip.is_some() {
        am.ip = Set(origin.ip.clone());
    }
    Ok(am.update(db).await?)
}

/// The session an access token names, if it belongs to the account and has not ended.
pub async fn current(
    db: &impl ConnectionTrait,
    sid: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<Option<session::Model>> {
    Ok(session::Entity::find()
        .filter(session::Column::Sid.eq(sid))
        .one(db)
        .await?
        .filter(|s| s.account_id == account_id && s.ended_at.is_none() && s.expires_at > now))
}

/// The session with this id, if it is live.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> ApiResult<Option<session::Model>> {
    Ok(session::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| s.ended_at.is_none()))
}

/// The account's live sessions, the most recently used first.
pub async fn of_account(
    db: &impl ConnectionTrait,
    account_id: i64,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ApiResult<Vec<session::Model>> {
    Ok(session::Entity::find()
        .filter(session::Column::AccountId.eq(account_id))
        .filter(live(settings, now))
        .order_by_desc(session::Column::LastSeenAt)
        .order_by_desc(session::Column::Id)
        .all(db)
        .await?)
}

/// Ends the sessions matching `cond` that have not ended, and revokes their refresh tokens.
/// Returns how many ended.
async fn end_where(
    db: &DatabaseTransaction,
    cond: Condition,
    reason: SessionEnd,
    now: DateTime<Utc>,
) -> ApiResult<u32> {
    let ended: Vec<i64> = session::Entity::find()
        .filter(cond)
        .filter(session::Column::EndedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if ended.is_empty() {
        return Ok(0);
    }
    session::Entity::update_many()
        .col_expr(session::Column::EndedAt, Expr::value(Some(now)))
        .col_expr(session::Column::EndReason, Expr::value(reason.as_str()))
        .filter(session::Column::Id.is_in(ended.clone()))
        .filter(session::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::Revoked, Expr::value(true))
        .filter(refresh_token::Column::SessionId.is_in(ended.clone()))
        .exec(db)
        .await?;
    Ok(u32::try_from(ended.len()).unwrap_or(u32::MAX))
}

/// Ends one session.
pub async fn end(
    db: &DatabaseTransaction,
    id: i64,
    reason: SessionEnd,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let cond = Condition::all().add(session::Column::Id.eq(id));
    Ok(end_where(db, cond, reason, now).await? == 1)
}

/// Ends every session of the account but `except`; returns how many ended.
pub async fn end_all(
    db: &DatabaseTransaction,
    account_id: i64,
    except: Option<i64>,
    reason: SessionEnd,
    now: DateTime<Utc>,
) -> ApiResult<u32> {
    let mut cond = Condition::all().add(session::Column::AccountId.eq(account_id));
    if let Some(id) = except {
        cond = cond.add(session::Column::Id.ne(id));
    }
    end_where(db, cond, reason, now).await
}

/// The DTO of a session; `current` is the id of the caller's own.
pub fn to_dto(s: &session::Model, current: Option<i64>) -> domain::v1::auth::Session {
    domain::v1::auth::Session {
        id: s.sid.clone(),
        created_at: s.created_at,
        last_seen_at: s.last_seen_at,
        expires_at: s.expires_at,
        ip: s.ip.clone(),
        user_agent: s.user_agent.clone(),
        current: current == Some(s.id),
    }
}

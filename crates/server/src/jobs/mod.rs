//! Scheduled work. Each job claims its run for the day in the database, so with several API
//! processes it runs once a day in one of them. Every write is in a transaction: one per account
//! for the life-cycle rules, so a request between them never sees a change without its audit
//! entry.

use crate::clock::today_cst;
use crate::error::ApiResult;
use crate::startup::AppState;
use crate::store::accounts;
use crate::store::entities::{job_run, login_throttle, refresh_token};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Condition, OnConflict};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

/// Claims today's run of `name`; `true` for exactly one caller a day. The row is created when
/// missing (never failing on a concurrent creation) and taken by one conditional update.
pub async fn claim(db: &DatabaseTransaction, name: &str, now: DateTime<Utc>) -> ApiResult<bool> {
    let today = today_cst(now);
    let never = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    job_run::Entity::insert(job_run::ActiveModel {
        name: Set(name.to_owned()),
        last_run_on: Set(never),
        last_run_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(job_run::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let res = job_run::Entity::update_many()
        .set(job_run::ActiveModel {
            last_run_on: Set(today),
            last_run_at: Set(now),
            ..Default::default()
        })
        .filter(job_run::Column::Name.eq(name))
        .filter(job_run::Column::LastRunOn.lt(today))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// What the account job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleReport {
    /// Accounts locked for 30 days without login.
    pub dormant: usize,
    /// Accounts cancelled after two years unused.
    pub cancelled: usize,
}

/// Applies the inactivity rules to every account at `now`.
pub async fn account_lifecycle(state: &AppState, now: DateTime<Utc>) -> ApiResult<LifecycleReport> {
    let mut report = LifecycleReport::default();
    for acc in accounts::lifecycle_candidates(&state.db).await? {
        // one transaction per account: its status, its revoked sessions and the audit entry
        // land together or not at all, and the row is read again under its lock
        let txn = state.db.begin().await?;
        let Some(acc) = accounts::lock(&txn, acc.id).await? else {
            continue;
        };
        let changed = accounts::apply_lifecycle(&txn, &state.settings, &acc, now).await?;
        txn.commit().await?;
        match changed {
            Some(domain::AccountStatus::Dormant) => report.dormant += 1,
            Some(domain::AccountStatus::Cancelled) => report.cancelled += 1,
            _ => {}
        }
    }
    Ok(report)
}

/// What the clean-up removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PruneReport {
    /// Refresh tokens past their end (or revoked) for more than a day.
    pub refresh_tokens: u64,
    /// Login-throttle windows older than a day.
    pub throttle_windows: u64,
}

/// Deletes what no rule needs any more: refresh tokens that expired or were revoked more than a
/// day ago (the reuse detection of a rotated token needs it only while it could still be
/// presented, which ends with its expiry) and rate-limit windows older than a day.
pub async fn prune(db: &DatabaseTransaction, now: DateTime<Utc>) -> ApiResult<PruneReport> {
    let day_ago = now - Duration::days(1);
    let tokens = refresh_token::Entity::delete_many()
        .filter(
            Condition::any()
                .add(refresh_token::Column::ExpiresAt.lt(day_ago))
                .add(
                    Condition::all()
                        .add(refresh_token::Column::Revoked.eq(true))
                        .add(refresh_token::Column::LastUsedAt.lt(day_ago)),
                ),
        )
        .exec(db)
        .await?;
    let windows = login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::WindowStart.lt(day_ago))
        .exec(db)
        .await?;
    Ok(PruneReport {
        refresh_tokens: tokens.rows_affected,
        throttle_windows: windows.rows_affected,
    })
}

/// Claims and runs today's daily work: the account rules, then the clean-up.
async fn daily(state: &AppState, db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<()> {
    let txn = db.begin().await?;
    let claimed = claim(&txn, "daily", now).await?;
    txn.commit().await?;
    if !claimed {
        return Ok(());
    }
    let r = account_lifecycle(state, now).await?;
    tracing::info!(
        dormant = r.dormant,
        cancelled = r.cancelled,
        "account lifecycle job done"
    );
    let txn = db.begin().await?;
    let p = prune(&txn, now).await?;
    txn.commit().await?;
    tracing::info!(
        refresh_tokens = p.refresh_tokens,
        throttle_windows = p.throttle_windows,
        "clean-up done"
    );
    Ok(())
}

/// Runs the daily jobs every ten minutes' check, forever.
pub async fn run_forever(state: actix_web::web::Data<AppState>) {
    loop {
        let now = state.clock.now();
        if let Err(e) = daily(&state, &state.db, now).await {
            tracing::error!(error = %e, "daily job failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(600)).await;
    }
}

//! Scheduled work. Each job claims its run for the day in the database, so with several API
//! processes it runs once a day in one of them.

use crate::clock::today_cst;
use crate::error::ApiResult;
use crate::startup::AppState;
use crate::store::accounts;
use crate::store::entities::job_run;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::time::Duration;

/// Claims today's run of `name`; `true` for exactly one caller a day.
pub async fn claim(db: &impl ConnectionTrait, name: &str, now: DateTime<Utc>) -> ApiResult<bool> {
    let today = today_cst(now);
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
    if res.rows_affected == 1 {
        return Ok(true);
    }
    if job_run::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let inserted = job_run::ActiveModel {
        name: Set(name.to_owned()),
        last_run_on: Set(today),
        last_run_at: Set(now),
    }
    .insert(db)
    .await;
    Ok(inserted.is_ok())
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
        match accounts::apply_lifecycle(&state.db, &state.settings, &acc, now).await? {
            Some(domain::AccountStatus::Dormant) => report.dormant += 1,
            Some(domain::AccountStatus::Cancelled) => report.cancelled += 1,
            _ => {}
        }
    }
    Ok(report)
}

/// Runs the daily jobs every ten minutes' check, forever.
pub async fn run_forever(state: actix_web::web::Data<AppState>) {
    loop {
        let now = state.clock.now();
        match claim(&state.db, "account_lifecycle", now).await {
            Ok(true) => match account_lifecycle(&state, now).await {
                Ok(r) => tracing::info!(
                    dormant = r.dormant,
                    cancelled = r.cancelled,
                    "account lifecycle job done"
                ),
                Err(e) => tracing::error!(error = %e, "account lifecycle job failed"),
            },
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "could not claim the daily job"),
        }
        tokio::time::sleep(Duration::from_secs(600)).await;
    }
}

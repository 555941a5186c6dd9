//! A fixed-window rate limit kept in the database, so that it holds across API processes. Each
//! hit is three statements that are atomic on both databases: create the window if missing
//! (doing nothing when another request just did), restart it if it is over, and count the hit
//! with `count = count + 1 … RETURNING count`. Parallel hits are counted one after the other by
//! the row lock; none can read a stale count.

use super::entities::login_throttle;
use crate::error::ApiResult;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// Counts one attempt under `key`; `false` when more than `limit` fell in the current minute.
pub async fn hit(
    db: &DatabaseTransaction,
    key: &str,
    limit: i32,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        window_start: Set(now),
        count: Set(0),
    })
    .on_conflict(
        OnConflict::column(login_throttle::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    login_throttle::Entity::update_many()
        .col_expr(login_throttle::Column::WindowStart, Expr::value(now))
        .col_expr(login_throttle::Column::Count, Expr::value(0))
        .filter(login_throttle::Column::Key.eq(key))
        .filter(login_throttle::Column::WindowStart.lte(now - Duration::minutes(1)))
        .exec(db)
        .await?;
    let counted = login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Count,
            Expr::col(login_throttle::Column::Count).add(1),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .exec_with_returning(db)
        .await?;
    Ok(counted.first().is_some_and(|r| r.count <= limit))
}

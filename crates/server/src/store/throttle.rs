//! A fixed-window rate limit kept in the database, so that it holds across API processes.

use super::entities::login_throttle;
use crate::error::ApiResult;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};

/// Counts one attempt under `key`; `false` when more than `limit` fell in the current minute.
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    limit: i32,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    match login_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
    {
        Some(row) if row.window_start + Duration::minutes(1) > now => {
            let count = row.count + 1;
            let mut am = row.into_active_model();
            am.count = Set(count);
            am.update(db).await?;
            Ok(count <= limit)
        }
        Some(row) => {
            let mut am = row.into_active_model();
            am.window_start = Set(now);
            am.count = Set(1);
            am.update(db).await?;
            Ok(true)
        }
        None => {
            login_throttle::ActiveModel {
                key: Set(key.to_owned()),
                window_start: Set(now),
                count: Set(1),
            }
            .insert(db)
            .await?;
            Ok(true)
        }
    }
}

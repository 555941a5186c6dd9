//! Connecting and migrating. SQLite gets WAL, foreign keys and a busy timeout in its connect
//! options (and `secure_delete`), so every connection the pool opens (also after recycling one) has them; the pool is
//! one connection, so writes are serialised and a read never upgrades into a busy error.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::time::Duration;

/// PostgreSQL sessions plan every statement for its actual parameters. A cached generic plan
/// cannot know that a scope's path range covers the whole province and picks the path index (a
/// 200 ms bitmap scan where a 17 ms sequential scan stops at the count cap); planning costs well
/// under a millisecond.
fn with_custom_plans(url: &str) -> String {
    if url.contains("plan_cache_mode") {
        return url.to_owned();
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-c%20plan_cache_mode%3Dforce_custom_plan")
}

/// Connects to the database and runs the migrations.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    let sqlite = url.starts_with("sqlite:");
    let url = if sqlite {
        url.to_owned()
    } else {
        with_custom_plans(url)
    };
    let mut opt = ConnectOptions::new(url);
    opt.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(30));
    if sqlite {
        opt.max_connections(1)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    // what a change or a delete frees is overwritten with zeros, so no old
                    // value lingers in the file's free pages
                    .pragma("secure_delete", "ON")
            });
    } else {
        opt.max_connections(20).min_connections(1);
    }
    let db = Database::connect(opt).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

#[cfg(test)]
mod tests {
    #[test]
    fn custom_plans_are_asked_for_once() {
        assert_eq!(
            super::with_custom_plans("postgres://u@h/db"),
            "postgres://u@h/db?options=-c%20plan_cache_mode%3Dforce_custom_plan"
        );
        assert!(
            super::with_custom_plans("postgres://u@h/db?sslmode=disable").contains("&options=")
        );
        let mine = "postgres://u@h/db?options=-c%20plan_cache_mode%3Dauto";
        assert_eq!(super::with_custom_plans(mine), mine);
    }
}

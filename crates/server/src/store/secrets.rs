//! Server secrets kept in the database so that every API process behind a load balancer signs
//! and checks tokens with the same key, with nothing to configure.

use super::entities::server_secret;
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait, Set, TransactionTrait};

/// The named secret, created (32 random bytes, hex) on first use. A concurrent creation by
/// another process is not an error: the insert does nothing and everyone reads the one row.
pub async fn get_or_create(db: &DatabaseConnection, name: &str) -> Result<String, sea_orm::DbErr> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    get_or_insert(db, name, &hex::encode(bytes)).await
}

/// The named value, `value` when it is the first (a concurrent first insert by another process
/// wins as well: everyone reads the one row).
pub async fn get_or_insert(
    db: &DatabaseConnection,
    name: &str,
    value: &str,
) -> Result<String, sea_orm::DbErr> {
    let txn = db.begin().await?;
    server_secret::Entity::insert(server_secret::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(value.to_owned()),
    })
    .on_conflict(
        OnConflict::column(server_secret::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let value = server_secret::Entity::find_by_id(name.to_owned())
        .one(&txn)
        .await?
        .map(|s| s.value)
        .ok_or_else(|| sea_orm::DbErr::Custom("secret missing".into()))?;
    txn.commit().await?;
    Ok(value)
}

//! Server secrets kept in the database so that every API process behind a load balancer signs
//! and checks tokens with the same key, with nothing to configure.

use super::entities::server_secret;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// The named secret, created (32 random bytes, hex) on first use.
pub async fn get_or_create(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<String, sea_orm::DbErr> {
    if let Some(s) = server_secret::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
    {
        return Ok(s.value);
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let value = hex::encode(bytes);
    let row = server_secret::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(value),
    };
    match row.insert(db).await {
        Ok(m) => Ok(m.value),
        // another process won the race: read theirs
        Err(_) => server_secret::Entity::find_by_id(name.to_owned())
            .one(db)
            .await?
            .map(|s| s.value)
            .ok_or_else(|| sea_orm::DbErr::Custom("secret vanished".into())),
    }
}

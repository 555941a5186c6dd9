//! Identifiers at rest: a person's certificate number, phone and address are stored sealed
//! (authenticated encryption under a data key outside the database), the certificate number also
//! as a keyed blind index (still unique) for look-up and the duplicate check, and its mask (the
//! region part every role sees) for the order by number.
//!
//! The columns are renamed in place, so the rows keep their values until the server seals them:
//! a row whose `data_key` is NULL still holds its identifiers in clear, and the server seals all
//! such rows at start, before it answers anything (`store::persons::seal_legacy`). A migration
//! cannot do it itself: the keys never enter the database.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let pg = m.get_database_backend() == DbBackend::Postgres;
        let mut sql = vec![
            "ALTER TABLE persons RENAME COLUMN certificate_no TO certificate_index",
            "ALTER TABLE persons RENAME COLUMN phone TO phone_sealed",
            "ALTER TABLE persons RENAME COLUMN address TO address_sealed",
        ];
        if pg {
            sql.extend([
                "ALTER TABLE persons ALTER COLUMN certificate_index TYPE varchar(32)",
                "ALTER TABLE persons ALTER COLUMN phone_sealed TYPE text",
                "ALTER TABLE persons ALTER COLUMN address_sealed TYPE text",
                "ALTER TABLE persons ADD COLUMN certificate_sealed text NOT NULL DEFAULT ''",
                "ALTER TABLE persons ADD COLUMN certificate_mask varchar(20) COLLATE \"C\" NOT NULL DEFAULT ''",
                "ALTER TABLE persons ADD COLUMN data_key varchar(16) NULL",
            ]);
        } else {
            sql.extend([
                "ALTER TABLE persons ADD COLUMN certificate_sealed text NOT NULL DEFAULT ''",
                "ALTER TABLE persons ADD COLUMN certificate_mask varchar(20) NOT NULL DEFAULT ''",
                "ALTER TABLE persons ADD COLUMN data_key varchar(16) NULL",
            ]);
        }
        sql.extend([
            "CREATE INDEX ix_persons_data_key ON persons (data_key)",
            "CREATE INDEX ix_persons_mask_id ON persons (certificate_mask, id)",
        ]);
        for s in sql {
            db.execute_unprepared(s).await?;
        }
        Ok(())
    }

    /// Back to the old column names. The values stay sealed: to go back, restore a backup.
    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for s in [
            "DROP INDEX ix_persons_mask_id",
            "DROP INDEX ix_persons_data_key",
            "ALTER TABLE persons DROP COLUMN data_key",
            "ALTER TABLE persons DROP COLUMN certificate_mask",
            "ALTER TABLE persons DROP COLUMN certificate_sealed",
            "ALTER TABLE persons RENAME COLUMN address_sealed TO address",
            "ALTER TABLE persons RENAME COLUMN phone_sealed TO phone",
            "ALTER TABLE persons RENAME COLUMN certificate_index TO certificate_no",
        ] {
            db.execute_unprepared(s).await?;
        }
        Ok(())
    }
}

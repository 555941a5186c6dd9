//! The access log of personal data (who read which person, or which list, when, from where, how
//! many rows), apart from the hash-chained audit log of changes: reads are many and cheap to
//! record, one insert each.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccessLog {
    Table,
    Id,
    At,
    Actor,
    Ip,
    Kind,
    PersonId,
    RegionCode,
    RegionPath,
    Query,
    Rows,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut path = string_len(AccessLog::RegionPath, 120);
        if m.get_database_backend() == DbBackend::Postgres {
            path.extra("COLLATE \"C\"");
        }
        m.create_table(
            Table::create()
                .table(AccessLog::Table)
                .col(pk_auto(AccessLog::Id).big_integer())
                .col(timestamp_with_time_zone(AccessLog::At))
                .col(string_len(AccessLog::Actor, 64))
                .col(string_len_null(AccessLog::Ip, 64))
                .col(string_len(AccessLog::Kind, 16))
                .col(big_integer_null(AccessLog::PersonId))
                .col(string_len(AccessLog::RegionCode, 12))
                .col(path)
                .col(text_null(AccessLog::Query))
                .col(integer(AccessLog::Rows))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_access_person", AccessLog::PersonId),
            ("ix_access_actor", AccessLog::Actor),
            ("ix_access_at", AccessLog::At),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(AccessLog::Table)
                    .col(col)
                    .col(AccessLog::Id)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AccessLog::Table).to_owned())
            .await
    }
}

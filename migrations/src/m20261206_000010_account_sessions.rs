//! Sessions an account holder can see and end: one per login, carried by its chain of refresh
//! tokens and named in every access token (`sid`), so that ending one stops its access token at
//! once. Where it was started from, with which browser, and when it was last refreshed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Sid,
    AccountId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Ip,
    UserAgent,
    EndedAt,
    EndReason,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    SessionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(pk_auto(Sessions::Id).big_integer())
                .col(string_len(Sessions::Sid, 32))
                .col(big_integer(Sessions::AccountId))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .col(string_len_null(Sessions::Ip, 64))
                .col(string_len_null(Sessions::UserAgent, 256))
                .col(timestamp_with_time_zone_null(Sessions::EndedAt))
                .col(string_len_null(Sessions::EndReason, 32))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_sessions_sid")
                .table(Sessions::Table)
                .col(Sessions::Sid)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sessions_account")
                .table(Sessions::Table)
                .col(Sessions::AccountId)
                .col(Sessions::EndedAt)
                .to_owned(),
        )
        .await?;
        // refresh tokens issued before sessions existed have none: their next refresh starts one
        m.alter_table(
            Table::alter()
                .table(RefreshTokens::Table)
                .add_column(big_integer_null(RefreshTokens::SessionId))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(RefreshTokens::Table)
                .drop_column(RefreshTokens::SessionId)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Sessions::Table).to_owned())
            .await
    }
}

//! Two-factor login: the account's TOTP secret (sealed under the data key), the last accepted
//! step (a code is accepted once), the recovery codes (hashed), the single-use tokens between the
//! password and the code, the province's security policy, and where the previous login came from.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    MfaEnabled,
    MfaSecret,
    MfaPending,
    MfaLastStep,
    LastLoginIp,
    PrevLoginAt,
    PrevLoginIp,
    PrevFailed,
    FailedSince,
}

#[derive(DeriveIden)]
enum MfaRecoveryCodes {
    Table,
    Id,
    AccountId,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum MfaChallenges {
    Table,
    Id,
    AccountId,
    TokenHash,
    TokenVersion,
    Ip,
    CreatedAt,
    ExpiresAt,
    Used,
}

#[derive(DeriveIden)]
enum Policies {
    Table,
    Name,
    Value,
    UpdatedAt,
    UpdatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // one column per statement: SQLite adds them one at a time
        for col in [
            boolean(Accounts::MfaEnabled).default(false).to_owned(),
            text_null(Accounts::MfaSecret).to_owned(),
            text_null(Accounts::MfaPending).to_owned(),
            big_integer(Accounts::MfaLastStep).default(0).to_owned(),
            string_len_null(Accounts::LastLoginIp, 64).to_owned(),
            timestamp_with_time_zone_null(Accounts::PrevLoginAt).to_owned(),
            string_len_null(Accounts::PrevLoginIp, 64).to_owned(),
            integer(Accounts::PrevFailed).default(0).to_owned(),
            integer(Accounts::FailedSince).default(0).to_owned(),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(MfaRecoveryCodes::Table)
                .col(pk_auto(MfaRecoveryCodes::Id).big_integer())
                .col(big_integer(MfaRecoveryCodes::AccountId))
                .col(string_len(MfaRecoveryCodes::CodeHash, 64))
                .col(timestamp_with_time_zone(MfaRecoveryCodes::CreatedAt))
                .col(timestamp_with_time_zone_null(MfaRecoveryCodes::UsedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mfa_recovery_account")
                .table(MfaRecoveryCodes::Table)
                .col(MfaRecoveryCodes::AccountId)
                .col(MfaRecoveryCodes::CodeHash)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MfaChallenges::Table)
                .col(pk_auto(MfaChallenges::Id).big_integer())
                .col(big_integer(MfaChallenges::AccountId))
                .col(string_len(MfaChallenges::TokenHash, 64))
                .col(integer(MfaChallenges::TokenVersion))
                .col(string_len_null(MfaChallenges::Ip, 64))
                .col(timestamp_with_time_zone(MfaChallenges::CreatedAt))
                .col(timestamp_with_time_zone(MfaChallenges::ExpiresAt))
                .col(boolean(MfaChallenges::Used).default(false))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_mfa_challenge_token")
                .table(MfaChallenges::Table)
                .col(MfaChallenges::TokenHash)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mfa_challenge_expires")
                .table(MfaChallenges::Table)
                .col(MfaChallenges::ExpiresAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Policies::Table)
                .col(string_len(Policies::Name, 64).primary_key())
                .col(text(Policies::Value))
                .col(timestamp_with_time_zone(Policies::UpdatedAt))
                .col(string_len(Policies::UpdatedBy, 64))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Policies::Table.into_iden(),
            MfaChallenges::Table.into_iden(),
            MfaRecoveryCodes::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in [
            Accounts::MfaEnabled,
            Accounts::MfaSecret,
            Accounts::MfaPending,
            Accounts::MfaLastStep,
            Accounts::LastLoginIp,
            Accounts::PrevLoginAt,
            Accounts::PrevLoginIp,
            Accounts::PrevFailed,
            Accounts::FailedSince,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

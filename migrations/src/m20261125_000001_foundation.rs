//! Regions and their change events, agencies, accounts and holders, password history, refresh
//! tokens, the hash-chained audit log, job runs and the login throttle; the GB/T 2260 seed.
//!
//! Regions keep every version: a row is valid on `[valid_from, valid_to)`. `path` holds the codes
//! from the root (`/620000/620100/620102/`) so a subtree is one indexed range scan; on PostgreSQL
//! the column uses the "C" collation so byte order holds.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
    Code,
    Name,
    Level,
    ParentCode,
    Path,
    ValidFrom,
    ValidTo,
    SuccessorCode,
}

#[derive(DeriveIden)]
enum RegionEvents {
    Table,
    Id,
    EffectiveDate,
    Reference,
    Kind,
    Payload,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
    RegionCode,
    Name,
    Spec,
    Kind,
    Departments,
    StaffQuota,
    StaffActual,
    AreaM2,
    Functions,
    Standardization,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Username,
    Kind,
    Role,
    RegionCode,
    Name,
    Phone,
    ApprovalRef,
    PasswordHash,
    PasswordChangedAt,
    MustChangePassword,
    AgreementVersion,
    AgreementAcceptedAt,
    Status,
    FailedLogins,
    LockedUntil,
    LastLoginAt,
    ActivatedAt,
    TokenVersion,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum AccountHolders {
    Table,
    Id,
    AccountId,
    Name,
    Phone,
    ApprovalRef,
    RegisteredBy,
    FromAt,
    ToAt,
}

#[derive(DeriveIden)]
enum PasswordHistory {
    Table,
    Id,
    AccountId,
    Hash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    AccountId,
    TokenHash,
    TokenVersion,
    CreatedAt,
    LastUsedAt,
    ExpiresAt,
    Revoked,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    Actor,
    Ip,
    Action,
    TargetKind,
    TargetId,
    RegionCode,
    RegionPath,
    Before,
    After,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Id,
    LastId,
    LastHash,
}

#[derive(DeriveIden)]
enum JobRuns {
    Table,
    Name,
    LastRunOn,
    LastRunAt,
}

#[derive(DeriveIden)]
enum ServerSecrets {
    Table,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    WindowStart,
    Count,
}

/// The day the seeded tree is valid from.
const SEED_DATE: &str = "1980-01-01";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let pg = m.get_database_backend() == DbBackend::Postgres;
        // byte-ordered path column on PostgreSQL (SQLite compares bytes already)
        let mut path_col = string_len(Regions::Path, 120);
        if pg {
            path_col.extra("COLLATE \"C\"");
        }
        m.create_table(
            Table::create()
                .table(Regions::Table)
                .col(pk_auto(Regions::Id).big_integer())
                .col(string_len(Regions::Code, 12))
                .col(string_len(Regions::Name, 100))
                .col(string_len(Regions::Level, 10))
                .col(string_len_null(Regions::ParentCode, 12))
                .col(path_col)
                .col(date(Regions::ValidFrom))
                .col(date_null(Regions::ValidTo))
                .col(string_len_null(Regions::SuccessorCode, 12))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            (
                "ux_regions_code_from",
                vec![Regions::Code, Regions::ValidFrom],
            ),
            ("ix_regions_path", vec![Regions::Path]),
            ("ix_regions_parent", vec![Regions::ParentCode]),
            ("ix_regions_name", vec![Regions::Name]),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(Regions::Table);
            for c in cols {
                idx.col(c);
            }
            if name.starts_with("ux_") {
                idx.unique();
            }
            m.create_index(idx.to_owned()).await?;
        }

        m.create_table(
            Table::create()
                .table(RegionEvents::Table)
                .col(pk_auto(RegionEvents::Id).big_integer())
                .col(date(RegionEvents::EffectiveDate))
                .col(string_len(RegionEvents::Reference, 100))
                .col(string_len(RegionEvents::Kind, 20))
                .col(text(RegionEvents::Payload))
                .col(string_len(RegionEvents::RecordedBy, 64))
                .col(timestamp_with_time_zone(RegionEvents::RecordedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Agencies::Table)
                .col(pk_auto(Agencies::Id).big_integer())
                .col(string_len_uniq(Agencies::RegionCode, 12))
                .col(string_len(Agencies::Name, 100))
                .col(string_len(Agencies::Spec, 40).default(""))
                .col(string_len(Agencies::Kind, 40).default(""))
                .col(text(Agencies::Departments))
                .col(integer(Agencies::StaffQuota).default(0))
                .col(integer(Agencies::StaffActual).default(0))
                .col(double(Agencies::AreaM2).default(0.0))
                .col(text(Agencies::Functions))
                .col(string_len(Agencies::Standardization, 40).default(""))
                .col(integer(Agencies::Version).default(1))
                .col(timestamp_with_time_zone(Agencies::UpdatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Accounts::Table)
                .col(pk_auto(Accounts::Id).big_integer())
                .col(string_len_uniq(Accounts::Username, 64))
                .col(string_len(Accounts::Kind, 10))
                .col(string_len(Accounts::Role, 10))
                .col(string_len(Accounts::RegionCode, 12))
                .col(string_len(Accounts::Name, 40).default(""))
                .col(string_len(Accounts::Phone, 20).default(""))
                .col(string_len(Accounts::ApprovalRef, 60).default(""))
                .col(string_len_null(Accounts::PasswordHash, 200))
                .col(timestamp_with_time_zone_null(Accounts::PasswordChangedAt))
                .col(boolean(Accounts::MustChangePassword).default(true))
                .col(string_len_null(Accounts::AgreementVersion, 20))
                .col(timestamp_with_time_zone_null(Accounts::AgreementAcceptedAt))
                .col(string_len(Accounts::Status, 10))
                .col(integer(Accounts::FailedLogins).default(0))
                .col(timestamp_with_time_zone_null(Accounts::LockedUntil))
                .col(timestamp_with_time_zone_null(Accounts::LastLoginAt))
                .col(timestamp_with_time_zone_null(Accounts::ActivatedAt))
                .col(integer(Accounts::TokenVersion).default(1))
                .col(timestamp_with_time_zone(Accounts::CreatedAt))
                .col(string_len(Accounts::CreatedBy, 64))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_accounts_region")
                .table(Accounts::Table)
                .col(Accounts::RegionCode)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AccountHolders::Table)
                .col(pk_auto(AccountHolders::Id).big_integer())
                .col(big_integer(AccountHolders::AccountId))
                .col(string_len(AccountHolders::Name, 40))
                .col(string_len(AccountHolders::Phone, 20))
                .col(string_len(AccountHolders::ApprovalRef, 60))
                .col(string_len(AccountHolders::RegisteredBy, 64))
                .col(timestamp_with_time_zone(AccountHolders::FromAt))
                .col(timestamp_with_time_zone_null(AccountHolders::ToAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(AccountHolders::Table, AccountHolders::AccountId)
                        .to(Accounts::Table, Accounts::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_holders_account")
                .table(AccountHolders::Table)
                .col(AccountHolders::AccountId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PasswordHistory::Table)
                .col(pk_auto(PasswordHistory::Id).big_integer())
                .col(big_integer(PasswordHistory::AccountId))
                .col(string_len(PasswordHistory::Hash, 200))
                .col(timestamp_with_time_zone(PasswordHistory::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PasswordHistory::Table, PasswordHistory::AccountId)
                        .to(Accounts::Table, Accounts::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_pwhist_account")
                .table(PasswordHistory::Table)
                .col(PasswordHistory::AccountId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(pk_auto(RefreshTokens::Id).big_integer())
                .col(big_integer(RefreshTokens::AccountId))
                .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                .col(integer(RefreshTokens::TokenVersion))
                .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                .col(timestamp_with_time_zone(RefreshTokens::LastUsedAt))
                .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                .col(boolean(RefreshTokens::Revoked).default(false))
                .foreign_key(
                    ForeignKey::create()
                        .from(RefreshTokens::Table, RefreshTokens::AccountId)
                        .to(Accounts::Table, Accounts::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_integer(AuditLog::Id).primary_key())
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(string_len(AuditLog::Actor, 64))
                .col(string_len_null(AuditLog::Ip, 64))
                .col(string_len(AuditLog::Action, 60))
                .col(string_len(AuditLog::TargetKind, 30))
                .col(string_len(AuditLog::TargetId, 80))
                .col(string_len(AuditLog::RegionCode, 12))
                .col({
                    let mut c = string_len(AuditLog::RegionPath, 120);
                    if pg {
                        c.extra("COLLATE \"C\"");
                    }
                    c
                })
                .col(text_null(AuditLog::Before))
                .col(text_null(AuditLog::After))
                .col(string_len(AuditLog::PrevHash, 64))
                .col(string_len(AuditLog::Hash, 64))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_path")
                .table(AuditLog::Table)
                .col(AuditLog::RegionPath)
                .col(AuditLog::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_at")
                .table(AuditLog::Table)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditHead::Table)
                .col(integer(AuditHead::Id).primary_key())
                .col(big_integer(AuditHead::LastId))
                .col(string_len(AuditHead::LastHash, 64))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table(AuditHead::Table)
                .columns([AuditHead::Id, AuditHead::LastId, AuditHead::LastHash])
                .values_panic([1.into(), 0i64.into(), "0".repeat(64).into()])
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(JobRuns::Table)
                .col(string_len(JobRuns::Name, 40).primary_key())
                .col(date(JobRuns::LastRunOn))
                .col(timestamp_with_time_zone(JobRuns::LastRunAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginThrottle::Table)
                .col(string_len(LoginThrottle::Key, 80).primary_key())
                .col(timestamp_with_time_zone(LoginThrottle::WindowStart))
                .col(integer(LoginThrottle::Count))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ServerSecrets::Table)
                .col(string_len(ServerSecrets::Name, 40).primary_key())
                .col(string_len(ServerSecrets::Value, 200))
                .to_owned(),
        )
        .await?;

        seed_regions(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ServerSecrets::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            JobRuns::Table.into_iden(),
            AuditHead::Table.into_iden(),
            AuditLog::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            PasswordHistory::Table.into_iden(),
            AccountHolders::Table.into_iden(),
            Accounts::Table.into_iden(),
            Agencies::Table.into_iden(),
            RegionEvents::Table.into_iden(),
            Regions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

fn level_of(code: &str) -> &'static str {
    if &code[2..6] == "0000" {
        "province"
    } else if &code[4..6] == "00" {
        "city"
    } else {
        "county"
    }
}

/// Inserts the national list with materialised paths, in batches.
async fn seed_regions(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    use std::collections::HashMap;
    let rows: Vec<_> = crate::gb2260().collect();
    let parent: HashMap<&str, Option<&str>> = rows.iter().map(|(c, _, p)| (*c, *p)).collect();
    let path_of = |code: &str| {
        let mut chain = vec![code.to_owned()];
        let mut cur = parent.get(code).copied().flatten();
        while let Some(p) = cur {
            chain.push(p.to_owned());
            cur = parent.get(p).copied().flatten();
        }
        chain.reverse();
        format!("/{}/", chain.join("/"))
    };
    for chunk in rows.chunks(400) {
        let mut q = Query::insert();
        q.into_table(Regions::Table).columns([
            Regions::Code,
            Regions::Name,
            Regions::Level,
            Regions::ParentCode,
            Regions::Path,
            Regions::ValidFrom,
        ]);
        for (code, name, p) in chunk {
            q.values_panic([
                (*code).into(),
                (*name).into(),
                level_of(code).into(),
                p.map(str::to_owned).into(),
                path_of(code).into(),
                Expr::cust(format!("'{SEED_DATE}'")),
            ]);
        }
        m.exec_stmt(q).await?;
    }
    Ok(())
}

//! Persons: one row per certificate number, with the facts the statistics group by (region path,
//! gender, birth date, disability type and level, household type) as indexed columns.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Persons {
    Table,
    Id,
    CertificateNo,
    Name,
    Gender,
    BirthDate,
    DisabilityType,
    DisabilityLevel,
    RegionCode,
    RegionPath,
    HouseholdType,
    Phone,
    Address,
    Education,
    Poverty,
    Status,
    Version,
    CreatedAt,
    CreatedBy,
    UpdatedAt,
    UpdatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let pg = m.get_database_backend() == DbBackend::Postgres;
        let mut path = string_len(Persons::RegionPath, 120);
        if pg {
            path.extra("COLLATE \"C\"");
        }
        m.create_table(
            Table::create()
                .table(Persons::Table)
                .col(pk_auto(Persons::Id).big_integer())
                .col(string_len_uniq(Persons::CertificateNo, 20))
                .col(string_len(Persons::Name, 40))
                .col(string_len(Persons::Gender, 6))
                .col(date(Persons::BirthDate))
                .col(string_len(Persons::DisabilityType, 1))
                .col(string_len(Persons::DisabilityLevel, 1))
                .col(string_len(Persons::RegionCode, 12))
                .col(path)
                .col(string_len(Persons::HouseholdType, 6))
                .col(string_len(Persons::Phone, 20).default(""))
                .col(string_len(Persons::Address, 200).default(""))
                .col(string_len(Persons::Education, 20).default(""))
                .col(boolean(Persons::Poverty).default(false))
                .col(string_len(Persons::Status, 10))
                .col(integer(Persons::Version).default(1))
                .col(timestamp_with_time_zone(Persons::CreatedAt))
                .col(string_len(Persons::CreatedBy, 64))
                .col(timestamp_with_time_zone(Persons::UpdatedAt))
                .col(string_len(Persons::UpdatedBy, 64))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ix_persons_path_id", vec![Persons::RegionPath, Persons::Id]),
            ("ix_persons_name", vec![Persons::Name]),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(Persons::Table);
            for c in cols {
                idx.col(c);
            }
            m.create_index(idx.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Persons::Table).to_owned())
            .await
    }
}

//! Employment history: one row per recorded state, and on `persons` the per-person facts the
//! statistics group by (first record date, current state and employer), kept in the same
//! transaction as each write.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Persons {
    Table,
    Id,
    FirstRecordDate,
    CurrentState,
    CurrentEmployer,
}

#[derive(DeriveIden)]
enum EmploymentRecords {
    Table,
    Id,
    PersonId,
    State,
    Date,
    Form,
    Contract,
    Industry,
    Channel,
    EmployerCreditCode,
    EmployerName,
    InsPension,
    InsMedical,
    InsUnemployment,
    InsInjury,
    InsMaternity,
    HousingFund,
    Reason,
    RecordedAt,
    RecordedBy,
    Late,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // one column per statement: SQLite alters one at a time
        for col in [
            date_null(Persons::FirstRecordDate),
            string_len_null(Persons::CurrentState, 12),
            string_len_null(Persons::CurrentEmployer, 18),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(Persons::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(EmploymentRecords::Table)
                .col(pk_auto(EmploymentRecords::Id).big_integer())
                .col(big_integer(EmploymentRecords::PersonId))
                .col(string_len(EmploymentRecords::State, 12))
                .col(date(EmploymentRecords::Date))
                .col(string_len_null(EmploymentRecords::Form, 30))
                .col(boolean_null(EmploymentRecords::Contract))
                .col(string_len_null(EmploymentRecords::Industry, 30))
                .col(string_len_null(EmploymentRecords::Channel, 30))
                .col(string_len_null(EmploymentRecords::EmployerCreditCode, 18))
                .col(string_len_null(EmploymentRecords::EmployerName, 100))
                .col(boolean(EmploymentRecords::InsPension).default(false))
                .col(boolean(EmploymentRecords::InsMedical).default(false))
                .col(boolean(EmploymentRecords::InsUnemployment).default(false))
                .col(boolean(EmploymentRecords::InsInjury).default(false))
                .col(boolean(EmploymentRecords::InsMaternity).default(false))
                .col(boolean(EmploymentRecords::HousingFund).default(false))
                .col(string_len_null(EmploymentRecords::Reason, 30))
                .col(timestamp_with_time_zone(EmploymentRecords::RecordedAt))
                .col(string_len(EmploymentRecords::RecordedBy, 64))
                .col(boolean(EmploymentRecords::Late).default(false))
                .foreign_key(
                    ForeignKey::create()
                        .from(EmploymentRecords::Table, EmploymentRecords::PersonId)
                        .to(Persons::Table, Persons::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_employment_person_date")
                .table(EmploymentRecords::Table)
                .col(EmploymentRecords::PersonId)
                .col(EmploymentRecords::Date)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(EmploymentRecords::Table).to_owned())
            .await?;
        for c in [
            Persons::FirstRecordDate,
            Persons::CurrentState,
            Persons::CurrentEmployer,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Persons::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

//! The rest of a person's records — training, needs, graduate records, status changes — and
//! employers; on `persons` the further per-person facts the lists and statistics filter on
//! (status date, graduate year, late records, completeness), kept in each write's transaction.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Persons {
    Table,
    Id,
    StatusDate,
    MovedTo,
    GraduateYear,
    LateRecords,
    Completeness,
    UpdatedAt,
    CurrentState,
    RegionPath,
}

#[derive(DeriveIden)]
enum Employers {
    Table,
    Id,
    CreditCode,
    Name,
    EconomicType,
    Industry,
    RegionCode,
    RegionPath,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum TrainingRecords {
    Table,
    Id,
    PersonId,
    Year,
    StartDate,
    EndDate,
    Period,
    Project,
    Industry,
    Provider,
    Certificate,
    RecordedAt,
    RecordedBy,
    Late,
}

#[derive(DeriveIden)]
enum Needs {
    Table,
    Id,
    PersonId,
    Kind,
    Date,
    Detail,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum GraduateRecords {
    Table,
    Id,
    PersonId,
    Year,
    School,
    Major,
    Outcome,
    Form,
    Reason,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum PersonEvents {
    Table,
    Id,
    PersonId,
    Status,
    Date,
    FromRegion,
    ToRegion,
    Note,
    RecordedAt,
    RecordedBy,
}

fn index(name: &str, table: impl IntoIden, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for c in cols {
        idx.col(c);
    }
    idx.to_owned()
}

fn person_fk(table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table.into_iden(), col.into_iden())
        .to(Persons::Table, Persons::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let pg = m.get_database_backend() == DbBackend::Postgres;
        for mut col in [
            date_null(Persons::StatusDate),
            string_len_null(Persons::MovedTo, 12),
            integer_null(Persons::GraduateYear),
            integer(Persons::LateRecords).default(0).to_owned(),
            integer(Persons::Completeness).default(0).to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Persons::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        let mut path = string_len(Employers::RegionPath, 120);
        if pg {
            path.extra("COLLATE \"C\"");
        }
        m.create_table(
            Table::create()
                .table(Employers::Table)
                .col(pk_auto(Employers::Id).big_integer())
                .col(string_len_uniq(Employers::CreditCode, 18))
                .col(string_len(Employers::Name, 100))
                .col(string_len_null(Employers::EconomicType, 30))
                .col(string_len_null(Employers::Industry, 30))
                .col(string_len(Employers::RegionCode, 12))
                .col(path)
                .col(timestamp_with_time_zone(Employers::CreatedAt))
                .col(string_len(Employers::CreatedBy, 64))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TrainingRecords::Table)
                .col(pk_auto(TrainingRecords::Id).big_integer())
                .col(big_integer(TrainingRecords::PersonId))
                .col(integer(TrainingRecords::Year))
                .col(date(TrainingRecords::StartDate))
                .col(date(TrainingRecords::EndDate))
                .col(string_len(TrainingRecords::Period, 8))
                .col(string_len(TrainingRecords::Project, 100))
                .col(string_len_null(TrainingRecords::Industry, 30))
                .col(string_len(TrainingRecords::Provider, 30))
                .col(string_len_null(TrainingRecords::Certificate, 30))
                .col(timestamp_with_time_zone(TrainingRecords::RecordedAt))
                .col(string_len(TrainingRecords::RecordedBy, 64))
                .col(boolean(TrainingRecords::Late).default(false))
                .foreign_key(&mut person_fk(
                    TrainingRecords::Table,
                    TrainingRecords::PersonId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Needs::Table)
                .col(pk_auto(Needs::Id).big_integer())
                .col(big_integer(Needs::PersonId))
                .col(string_len(Needs::Kind, 20))
                .col(date(Needs::Date))
                .col(string_len_null(Needs::Detail, 200))
                .col(timestamp_with_time_zone(Needs::RecordedAt))
                .col(string_len(Needs::RecordedBy, 64))
                .foreign_key(&mut person_fk(Needs::Table, Needs::PersonId))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(GraduateRecords::Table)
                .col(pk_auto(GraduateRecords::Id).big_integer())
                .col(big_integer(GraduateRecords::PersonId))
                .col(integer(GraduateRecords::Year))
                .col(string_len(GraduateRecords::School, 100))
                .col(string_len_null(GraduateRecords::Major, 100))
                .col(string_len(GraduateRecords::Outcome, 16))
                .col(string_len_null(GraduateRecords::Form, 30))
                .col(string_len_null(GraduateRecords::Reason, 30))
                .col(timestamp_with_time_zone(GraduateRecords::RecordedAt))
                .col(string_len(GraduateRecords::RecordedBy, 64))
                .foreign_key(&mut person_fk(
                    GraduateRecords::Table,
                    GraduateRecords::PersonId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PersonEvents::Table)
                .col(pk_auto(PersonEvents::Id).big_integer())
                .col(big_integer(PersonEvents::PersonId))
                .col(string_len(PersonEvents::Status, 10))
                .col(date(PersonEvents::Date))
                .col(string_len(PersonEvents::FromRegion, 12))
                .col(string_len_null(PersonEvents::ToRegion, 12))
                .col(string_len_null(PersonEvents::Note, 200))
                .col(timestamp_with_time_zone(PersonEvents::RecordedAt))
                .col(string_len(PersonEvents::RecordedBy, 64))
                .foreign_key(&mut person_fk(PersonEvents::Table, PersonEvents::PersonId))
                .to_owned(),
        )
        .await?;
        for idx in [
            index(
                "ix_employers_name",
                Employers::Table,
                vec![Employers::Name.into_iden()],
            ),
            index(
                "ix_training_person",
                TrainingRecords::Table,
                vec![
                    TrainingRecords::PersonId.into_iden(),
                    TrainingRecords::StartDate.into_iden(),
                ],
            ),
            index(
                "ix_training_year",
                TrainingRecords::Table,
                vec![
                    TrainingRecords::Year.into_iden(),
                    TrainingRecords::PersonId.into_iden(),
                ],
            ),
            index(
                "ix_needs_person",
                Needs::Table,
                vec![Needs::PersonId.into_iden()],
            ),
            index(
                "ix_graduate_person",
                GraduateRecords::Table,
                vec![GraduateRecords::PersonId.into_iden()],
            ),
            index(
                "ix_graduate_year",
                GraduateRecords::Table,
                vec![
                    GraduateRecords::Year.into_iden(),
                    GraduateRecords::PersonId.into_iden(),
                ],
            ),
            index(
                "ix_events_person",
                PersonEvents::Table,
                vec![PersonEvents::PersonId.into_iden()],
            ),
            index(
                "ix_persons_updated",
                Persons::Table,
                vec![Persons::UpdatedAt.into_iden(), Persons::Id.into_iden()],
            ),
            index(
                "ix_persons_state",
                Persons::Table,
                vec![
                    Persons::CurrentState.into_iden(),
                    Persons::RegionPath.into_iden(),
                ],
            ),
        ] {
            m.create_index(idx).await?;
        }
        // needs are a code list of the domain now (the target lists select on them)
        m.exec_stmt(
            Query::delete()
                .from_table(Alias::new("dictionaries"))
                .and_where(Expr::col(Alias::new("kind")).eq("need"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PersonEvents::Table.into_iden(),
            GraduateRecords::Table.into_iden(),
            Needs::Table.into_iden(),
            TrainingRecords::Table.into_iden(),
            Employers::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in [
            Persons::StatusDate,
            Persons::MovedTo,
            Persons::GraduateYear,
            Persons::LateRecords,
            Persons::Completeness,
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

//! Dictionaries: descriptive code lists (employment forms, GB/T 4754 industry sections,
//! channels, education, non-employment reasons, training providers, certificate kinds, needs),
//! seeded here and edited by the province administrator afterwards.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Dictionaries {
    Table,
    Kind,
    Code,
    LabelZh,
    LabelEn,
    Sort,
    Active,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Dictionaries::Table)
                .col(string_len(Dictionaries::Kind, 30))
                .col(string_len(Dictionaries::Code, 30))
                .col(string_len(Dictionaries::LabelZh, 60))
                .col(string_len(Dictionaries::LabelEn, 80))
                .col(integer(Dictionaries::Sort))
                .col(boolean(Dictionaries::Active).default(true))
                .primary_key(
                    Index::create()
                        .col(Dictionaries::Kind)
                        .col(Dictionaries::Code),
                )
                .to_owned(),
        )
        .await?;
        let mut q = Query::insert();
        q.into_table(Dictionaries::Table).columns([
            Dictionaries::Kind,
            Dictionaries::Code,
            Dictionaries::LabelZh,
            Dictionaries::LabelEn,
            Dictionaries::Sort,
            Dictionaries::Active,
        ]);
        let rows = include_str!("../data/dictionaries.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        for (i, l) in rows.enumerate() {
            let f: Vec<&str> = l.split('\t').collect();
            let [kind, code, zh, en] = f[..] else {
                return Err(DbErr::Custom(format!("bad dictionary line: {l}")));
            };
            q.values_panic([
                kind.into(),
                code.into(),
                zh.into(),
                en.into(),
                <i32 as std::convert::TryFrom<usize>>::try_from(i)
                    .unwrap_or(0)
                    .into(),
                true.into(),
            ]);
        }
        m.exec_stmt(q).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Dictionaries::Table).to_owned())
            .await
    }
}

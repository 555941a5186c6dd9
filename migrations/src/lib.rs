//! The one migration set of shiming. Every migration runs on SQLite and on PostgreSQL; the test
//! command proves it on both.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_persons;
mod m20261125_000003_dictionaries;
mod m20261125_000004_employment;
mod m20261125_000005_records;
mod m20261203_000006_sessions;
mod m20261204_000007_sealed_identifiers;
mod m20261204_000008_access_log;
mod m20261205_000009_two_factor;
mod m20261206_000010_account_sessions;

/// All migrations, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_persons::Migration),
            Box::new(m20261125_000003_dictionaries::Migration),
            Box::new(m20261125_000004_employment::Migration),
            Box::new(m20261125_000005_records::Migration),
            Box::new(m20261203_000006_sessions::Migration),
            Box::new(m20261204_000007_sealed_identifiers::Migration),
            Box::new(m20261204_000008_access_log::Migration),
            Box::new(m20261205_000009_two_factor::Migration),
            Box::new(m20261206_000010_account_sessions::Migration),
        ]
    }
}

/// The GB/T 2260 list down to county level: `(code, name, parent code)`.
pub fn gb2260() -> impl Iterator<Item = (&'static str, &'static str, Option<&'static str>)> {
    include_str!("../data/gb2260.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut it = l.split('\t');
            let code = it.next()?;
            let name = it.next()?;
            let parent = it.next().filter(|p| !p.is_empty());
            Some((code, name, parent))
        })
}

//! Issue 9, point 2: certificate numbers, phones and addresses sealed at rest. The raw database
//! (the SQLite file's bytes, every PostgreSQL row) holds none of them, yet search by full number,
//! the person page, the list and the unmasked view work; rows from before sealing are sealed at
//! start; a key rotation re-seals every row and loses nothing.

use crate::helpers::*;
use client::Client;
use domain::HouseholdType;
use domain::Role;
use domain::v1::persons::{Person, PersonCreate, PersonPage, UnmaskRequest, UnmaskedPerson};
use migration::{Migrator, MigratorTrait};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use shiming::audit::Actor;
use shiming::store::persons::{self, Which};

const ADDRESS: &str = "甘肃省兰州市城关区东岗西路587号";

fn phone(i: u32) -> String {
    format!("1391234{:04}", 5600 + i)
}

fn person(cert_no: &str, i: u32) -> PersonCreate {
    PersonCreate {
        certificate_no: cert_no.into(),
        name: format!("李{i}"),
        region: "620102".into(),
        household_type: HouseholdType::Urban,
        phone: Some(phone(i)),
        address: Some(format!("{ADDRESS}{i}室")),
        education: None,
        poverty: false,
    }
}

/// Everything the database holds, as text: the SQLite file and its WAL as bytes (lossy UTF-8,
/// which keeps every UTF-8 run intact), or every PostgreSQL row of every table.
async fn raw_database(app: &TestApp) -> String {
    let db = &app.state.db;
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let tables = db
                .query_all_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'",
                ))
                .await
                .unwrap();
            let mut out = String::new();
            for t in tables {
                let name: String = t.try_get("", "t").unwrap();
                let rows = db
                    .query_all_raw(Statement::from_string(
                        DbBackend::Postgres,
                        format!("SELECT r::text AS t FROM \"{name}\" r"),
                    ))
                    .await
                    .unwrap();
                for r in rows {
                    out.push_str(&r.try_get::<String>("", "t").unwrap());
                    out.push('\n');
                }
            }
            assert!(out.contains("620102"), "the dump holds the rows");
            out
        }
        _ => {
            let mut out = String::new();
            for f in ["shiming.db", "shiming.db-wal"] {
                if let Ok(b) = std::fs::read(app.state.settings.data_dir.join(f)) {
                    out.push_str(&String::from_utf8_lossy(&b));
                }
            }
            assert!(out.contains("620102"), "the file holds the rows");
            out
        }
    }
}

/// What must never be in the database: each number in full, its ID part, each phone, each
/// address.
fn assert_sealed(raw: &str, certs: &[String]) {
    for (i, c) in certs.iter().enumerate() {
        let i = i as u32;
        for secret in [
            c.clone(),
            c[..18].to_owned(),
            phone(i),
            format!("{ADDRESS}{i}室"),
            ADDRESS.to_owned(),
        ] {
            assert!(
                !raw.contains(&secret),
                "the database holds {secret} in clear"
            );
        }
    }
}

async fn operators(app: &TestApp) -> (Client, Client) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let review = app.sub_account(&lanzhou, "lz.shenhe", Role::Review).await;
    (entry, review)
}

/// Every way of reading a person still gives the right person and identifiers.
async fn assert_readable(entry: &Client, review: &Client, certs: &[String], ids: &[i64]) {
    for (i, (c, id)) in certs.iter().zip(ids).enumerate() {
        let page: PersonPage = send(
            entry,
            Method::GET,
            &format!("/persons?certificate_no={}", c.to_ascii_lowercase()),
            None::<&()>,
        )
        .await
        .unwrap();
        assert_eq!(
            page.items.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![*id]
        );
        let p = &page.items[0];
        assert_eq!(p.certificate_no, domain::ids::mask_certificate(c));
        assert_eq!(p.phone, domain::ids::mask(&phone(i as u32)));
        assert!(p.address.starts_with("甘肃省兰州市"), "{}", p.address);
        let full: UnmaskedPerson = send(
            review,
            Method::POST,
            &format!("/persons/{id}/unmasked"),
            Some(&UnmaskRequest {
                purpose: "核实".into(),
            }),
        )
        .await
        .unwrap();
        assert_eq!(
            (full.certificate_no, full.phone, full.address),
            (c.clone(), phone(i as u32), format!("{ADDRESS}{i}室"))
        );
    }
}

async fn create(entry: &Client, n: u32) -> (Vec<String>, Vec<i64>) {
    let mut certs = Vec::new();
    let mut ids = Vec::new();
    for i in 0..n {
        let c = cert("620102", "19850731", 440 + i, 4, 3);
        let p: Person = send(entry, Method::POST, "/persons", Some(&person(&c, i)))
            .await
            .unwrap();
        certs.push(c);
        ids.push(p.id);
    }
    (certs, ids)
}

async fn identifiers_are_sealed_at_rest(app: TestApp) {
    let (entry, review) = operators(&app).await;
    let (certs, ids) = create(&entry, 3).await;
    // a second registration of a number is still refused: the duplicate check uses the index
    let (status, _) = send::<Person>(
        &entry,
        Method::POST,
        "/persons",
        Some(&person(&certs[0], 9)),
    )
    .await
    .unwrap_err();
    assert_eq!(status, 409);
    // an update seals the new phone too
    let _: Person = send(
        &entry,
        Method::PATCH,
        &format!("/persons/{}", ids[1]),
        Some(&serde_json::json!({"phone": "13700001111", "version": 1})),
    )
    .await
    .unwrap();
    let raw = raw_database(&app).await;
    assert_sealed(&raw, &certs);
    assert!(!raw.contains("13700001111"));
    let _: Person = send(
        &entry,
        Method::PATCH,
        &format!("/persons/{}", ids[1]),
        Some(&serde_json::json!({"phone": phone(1), "version": 2})),
    )
    .await
    .unwrap();
    assert_readable(&entry, &review, &certs, &ids).await;
    // the list in the order by number is the order of the masks
    let page: PersonPage = send(&entry, Method::GET, "/persons?sort=code", None::<&()>)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 3);
    // every row names its key, and the key file lies outside the database
    assert_eq!(
        persons::rows_per_key(&app.state.db).await.unwrap(),
        vec![(Some("k1".to_owned()), 3)]
    );
    let key_file = app.state.vault.file().unwrap().to_owned();
    let key_text = std::fs::read_to_string(&key_file).unwrap();
    let secret = key_text
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap();
    assert!(!raw.contains(secret), "the data key is not in the database");
}
crate::both!(identifiers_are_sealed_at_rest);

async fn rotation_seals_every_row_anew(app: TestApp) {
    let (entry, review) = operators(&app).await;
    let (certs, ids) = create(&entry, 4).await;
    let before = raw_database(&app).await;
    let province = shiming::store::regions::scope_of(&app.state.db, "620000")
        .await
        .unwrap()
        .unwrap();
    let r = persons::rotate_data_key(
        &app.state.db,
        &app.state.vault,
        &province,
        &Actor::cli(),
        app.state.clock.now(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!((r.key.as_str(), r.rows), ("k2", 4));
    assert_eq!(app.state.vault.ring().current().id(), "k2");
    assert_eq!(
        persons::rows_per_key(&app.state.db).await.unwrap(),
        vec![(Some("k2".to_owned()), 4)]
    );
    // nothing is left to seal, and a second run finds nothing
    assert_eq!(
        persons::reseal(
            &app.state.db,
            &app.state.vault.ring(),
            Which::NotCurrent,
            |_| {}
        )
        .await
        .unwrap(),
        0
    );
    // the index changed with the key: the old one is gone from the database
    let idx_old = {
        let ring = shiming::vault::Keyring::parse(
            &std::fs::read_to_string(app.state.vault.file().unwrap()).unwrap(),
            shiming::vault::Algorithm::Sm4Gcm,
        )
        .unwrap();
        ring.keys()[0].index(&certs[0])
    };
    assert!(before.contains(&idx_old));
    // (no live row keeps it; SQLite's write-ahead log may still hold the old page until a
    // checkpoint, sealed under the old key, as a backup would)
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM persons WHERE certificate_index = '{idx_old}'"
        ))
        .await,
        0,
        "rows are indexed under the new key"
    );
    let after = raw_database(&app).await;
    assert_sealed(&after, &certs);
    assert_readable(&entry, &review, &certs, &ids).await;
    // the rotation is in the audit log
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'data_key.rotate'")
            .await,
        1
    );
    // a row an out-of-date server sealed under the old key meanwhile: still found by its old
    // index and opened, and the next pass moves it to the new key
    let text = std::fs::read_to_string(app.state.vault.file().unwrap()).unwrap();
    let k1_line = text
        .lines()
        .find(|l| l.starts_with("k1 "))
        .unwrap()
        .to_owned();
    let old_ring =
        shiming::vault::Keyring::parse(&k1_line, shiming::vault::Algorithm::Sm4Gcm).unwrap();
    let stale = old_ring
        .seal(&shiming::vault::Identifiers {
            certificate_no: certs[2].clone(),
            phone: phone(2),
            address: format!("{ADDRESS}2室"),
        })
        .unwrap();
    app.exec(&format!(
        "UPDATE persons SET certificate_index = '{}', certificate_sealed = '{}', phone_sealed = '{}', address_sealed = '{}', data_key = 'k1' WHERE id = {}",
        stale.index, stale.certificate_no, stale.phone, stale.address, ids[2]
    ))
    .await;
    assert_readable(&entry, &review, &certs, &ids).await;
    assert_eq!(
        persons::reseal(
            &app.state.db,
            &app.state.vault.ring(),
            Which::NotCurrent,
            |_| {}
        )
        .await
        .unwrap(),
        1
    );
    assert_eq!(
        persons::rows_per_key(&app.state.db).await.unwrap(),
        vec![(Some("k2".to_owned()), 4)]
    );
    assert_readable(&entry, &review, &certs, &ids).await;
}
crate::both!(rotation_seals_every_row_anew);

/// A database of the time before sealing: migrated to the sixth migration, with persons in
/// clear. The server seals them at start, and their clear text leaves the file.
async fn rows_in_clear_are_sealed_at_start(backend: Backend) {
    let tdb = TestDb::new(backend).await;
    let certs: Vec<String> = (0..3)
        .map(|i| cert("620102", "19850731", 440 + i, 4, 3))
        .collect();
    {
        let db = Database::connect(tdb.url()).await.unwrap();
        Migrator::up(&db, Some(6)).await.unwrap();
        for (i, c) in certs.iter().enumerate() {
            let sql = format!(
                "INSERT INTO persons (certificate_no, name, gender, birth_date, disability_type, disability_level, region_code, region_path, household_type, phone, address, education, poverty, status, version, created_at, created_by, updated_at, updated_by, late_records, completeness) \
                 VALUES ('{c}', '李{i}', 'male', '1985-07-31', '4', '3', '620102', '620000/620100/620102/', 'urban', '{}', '{ADDRESS}{i}室', '', false, 'active', 1, '2026-03-01T00:00:00Z', 'old', '2026-03-01T00:00:00Z', 'old', 0, 0)",
                phone(i as u32)
            );
            db.execute_unprepared(&sql).await.unwrap();
        }
        db.close().await.unwrap();
    }
    let app = spawn_on(tdb, |_| {}).await;
    let path: String = app
        .text("SELECT region_path AS t FROM persons LIMIT 1")
        .await;
    let region_path: String = app
        .text("SELECT path AS t FROM regions WHERE code = '620102' AND valid_to IS NULL")
        .await;
    if path != region_path {
        app.exec(&format!("UPDATE persons SET region_path = '{region_path}'"))
            .await;
    }
    assert_eq!(
        persons::rows_per_key(&app.state.db).await.unwrap(),
        vec![(Some("k1".to_owned()), 3)]
    );
    let raw = raw_database(&app).await;
    assert_sealed(&raw, &certs);
    let (entry, review) = operators(&app).await;
    let ids: Vec<i64> = (1..=3).collect();
    assert_readable(&entry, &review, &certs, &ids).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_in_clear_are_sealed_at_start_sqlite() {
    rows_in_clear_are_sealed_at_start(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_in_clear_are_sealed_at_start_postgres() {
    rows_in_clear_are_sealed_at_start(Backend::Postgres).await;
}

/// A server started without the key file, or with another key of the same id, refuses to run
/// instead of sealing new rows under a key nobody else has.
async fn a_lost_or_wrong_key_refuses_to_start(app: TestApp) {
    let (entry, _) = operators(&app).await;
    create(&entry, 1).await;
    let other = tempfile::tempdir().unwrap();
    let restart = |file: std::path::PathBuf| {
        let mut s = app.state.settings.clone();
        s.data_key_file = Some(file);
        s.bind = "127.0.0.1:0".into();
        async move {
            shiming::Application::build(s, std::sync::Arc::new(shiming::SystemClock))
                .await
                .err()
                .map(|e| format!("{e:#}"))
        }
    };
    let missing = restart(other.path().join("data.keys")).await.unwrap();
    assert!(missing.contains("missing"), "{missing}");
    assert!(
        !other.path().join("data.keys").exists(),
        "no new key was made"
    );
    let wrong = other.path().join("wrong.keys");
    let ring = shiming::vault::Keyring::of(vec![
        shiming::vault::DataKey::generate("k1", shiming::vault::Algorithm::Sm4Gcm).unwrap(),
    ])
    .unwrap();
    std::fs::write(&wrong, ring.to_text()).unwrap();
    let refused = restart(wrong).await.unwrap();
    assert!(refused.contains("not the key"), "{refused}");
    // the right file starts
    assert!(
        restart(app.state.vault.file().unwrap().to_owned())
            .await
            .is_none()
    );
}
crate::both!(a_lost_or_wrong_key_refuses_to_start);

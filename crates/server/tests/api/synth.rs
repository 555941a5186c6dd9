//! The synthetic province: valid and reproducible, its per-person facts equal to what the API's
//! own rules derive, its persons in the province's counties; on it, the list's capped count.

use crate::both;
use crate::helpers::*;
use domain::ids::CertificateNo;
use domain::v1::persons::{COUNT_CAP, Person, PersonPage};
use reqwest::Method;
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
use shiming::store::entities::person;
use shiming::synth::{Plan, generate};

/// The first `n` certificate numbers, opened with the app's data keys.
async fn certificates(app: &TestApp, n: u64) -> Vec<String> {
    let ring = app.state.vault.ring();
    person::Entity::find()
        .order_by_asc(person::Column::Id)
        .limit(n)
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|m| {
            shiming::store::persons::open(&ring, m)
                .unwrap()
                .certificate_no
        })
        .collect()
}

async fn synthetic_province(app: TestApp) {
    let plan = Plan {
        persons: COUNT_CAP + 50,
        seed: 7,
        now: t0(),
        demo: true,
    };
    let out = generate(
        &app.state.db,
        &app.state.vault.ring(),
        "620000",
        plan,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(out.persons, COUNT_CAP + 50);
    assert!(out.records() > out.persons, "{out:?}");
    assert!(out.employment > 0 && out.training > 0 && out.needs > 0 && out.graduates > 0);
    // into a registry that is not empty it refuses
    assert!(
        generate(
            &app.state.db,
            &app.state.vault.ring(),
            "620000",
            plan,
            |_| {}
        )
        .await
        .is_err()
    );

    // every certificate number valid, every person in a county of the province
    for c in certificates(&app, 1_000_000).await {
        let cert = CertificateNo::parse(&c).unwrap_or_else(|e| panic!("{c}: {e:?}"));
        assert!(cert.id_number().address_code().starts_with("62"), "{c}");
    }

    // the generated facts are what the API's rules derive from the records
    for id in [1i64, 2, 3, 500, 4_321, 10_000] {
        let before = person::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        let txn = sea_orm::TransactionTrait::begin(&app.state.db)
            .await
            .unwrap();
        let after = shiming::store::facts::refresh(&txn, id).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!(before, after, "person {id}");
    }

    // the demo is marked; the list counts to the cap on the first page, exactly on request
    assert!(app.admin.me().await.unwrap().demo);
    let first: PersonPage = send(&app.admin, Method::GET, "/persons?limit=5", None::<&()>)
        .await
        .unwrap();
    assert_eq!((first.total, first.total_exact), (Some(COUNT_CAP), false));
    let exact: PersonPage = send(
        &app.admin,
        Method::GET,
        "/persons?limit=5&count=true",
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(
        (exact.total, exact.total_exact),
        (Some(COUNT_CAP + 50), true)
    );
    let later: PersonPage = send(
        &app.admin,
        Method::GET,
        &format!("/persons?limit=5&after={}", first.next.unwrap()),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!((later.total, later.items[0].id), (None, 6));
    let rural: PersonPage = send(
        &app.admin,
        Method::GET,
        "/persons?household_type=rural&disability_level=1&limit=200",
        None::<&()>,
    )
    .await
    .unwrap();
    assert!(rural.total_exact && rural.total.unwrap() > 0);
    assert!(
        rural
            .items
            .iter()
            .all(|p: &Person| p.certificate_no.contains('*'))
    );

    // PostgreSQL plans each list query for its parameters (see db::with_custom_plans)
    if app.backend == Backend::Postgres {
        use sea_orm::ConnectionTrait;
        let row = app
            .state
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SHOW plan_cache_mode",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.try_get::<String>("", "plan_cache_mode").unwrap(),
            "force_custom_plan"
        );
    }

    // the same seed gives the same province
    let again = spawn(app.backend).await;
    let small = Plan {
        persons: 300,
        ..plan
    };
    generate(
        &again.state.db,
        &again.state.vault.ring(),
        "620000",
        small,
        |_| {},
    )
    .await
    .unwrap();
    let third = spawn(app.backend).await;
    generate(
        &third.state.db,
        &third.state.vault.ring(),
        "620000",
        small,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        certificates(&again, 300).await,
        certificates(&third, 300).await
    );
}
both!(synthetic_province);

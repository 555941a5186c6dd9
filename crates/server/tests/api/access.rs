//! Issue 9, point 4: every read of personal data is in the access log — a person's page, each
//! record list, the timeline, the unmasked view, a list and a search by full number — with who,
//! from where, which person or which query (identifying values hashed) and how many rows; the
//! audit role reads it in its scope, per person and per account, and nobody else reads it.

use crate::both;
use crate::helpers::*;
use domain::HouseholdType;
use domain::Role;
use domain::v1::access::{AccessKind, AccessPage};
use domain::v1::persons::{Person, PersonCreate, PersonPage, UnmaskRequest, UnmaskedPerson};
use reqwest::Method;

async fn reads_of_personal_data_are_logged(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let review = app.sub_account(&lanzhou, "lz.shenhe", Role::Review).await;
    let auditor = app.sub_account(&lanzhou, "lz.shenji", Role::Audit).await;
    let tianshui = app.admin_of(&app.admin, "620500").await;
    let stranger = app.sub_account(&tianshui, "ts.shenji", Role::Audit).await;
    let number = cert("620102", "19850731", 451, 4, 3);
    let p: Person = send(
        &entry,
        Method::POST,
        "/persons",
        Some(&PersonCreate {
            certificate_no: number.clone(),
            name: "王五".into(),
            region: "620102".into(),
            household_type: HouseholdType::Urban,
            phone: Some("13912345678".into()),
            address: None,
            education: None,
            poverty: false,
        }),
    )
    .await
    .unwrap();
    let id = p.id;
    // the reads
    let _: PersonPage = send(
        &entry,
        Method::GET,
        "/persons?disability_type=4&name=%E7%8E%8B&limit=10",
        None::<&()>,
    )
    .await
    .unwrap();
    let _: PersonPage = send(
        &entry,
        Method::GET,
        &format!("/persons?certificate_no={number}"),
        None::<&()>,
    )
    .await
    .unwrap();
    let _: Person = send(&entry, Method::GET, &format!("/persons/{id}"), None::<&()>)
        .await
        .unwrap();
    for kind in ["timeline", "employment", "training", "needs", "graduate"] {
        let _: serde_json::Value = send(
            &entry,
            Method::GET,
            &format!("/persons/{id}/{kind}"),
            None::<&()>,
        )
        .await
        .unwrap();
    }
    let _: UnmaskedPerson = send(
        &review,
        Method::POST,
        &format!("/persons/{id}/unmasked"),
        Some(&UnmaskRequest {
            purpose: "电话核实".into(),
        }),
    )
    .await
    .unwrap();
    // a read refused (another region's person) is not a read
    let _ = send::<Person>(
        &stranger,
        Method::GET,
        &format!("/persons/{id}"),
        None::<&()>,
    )
    .await;

    // per person: who looked at this person's record, newest first
    let per_person: AccessPage = send(
        &auditor,
        Method::GET,
        &format!("/access?person_id={id}"),
        None::<&()>,
    )
    .await
    .unwrap();
    let kinds: Vec<(AccessKind, &str)> = per_person
        .items
        .iter()
        .map(|e| (e.kind, e.actor.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (AccessKind::Unmasked, "lz.shenhe"),
            (AccessKind::Graduate, "lz.luru"),
            (AccessKind::Needs, "lz.luru"),
            (AccessKind::Training, "lz.luru"),
            (AccessKind::Employment, "lz.luru"),
            (AccessKind::Timeline, "lz.luru"),
            (AccessKind::Person, "lz.luru"),
        ]
    );
    assert!(
        per_person
            .items
            .iter()
            .all(|e| e.region_code == "620102" && e.ip.as_deref() == Some("127.0.0.1"))
    );
    assert_eq!(per_person.items[6].rows, 1);
    assert_eq!(per_person.items[1].rows, 0);

    // per account: the lists and searches with their queries, identifying values hashed
    let per_account: AccessPage = send(
        &auditor,
        Method::GET,
        "/access?actor=lz.luru&per_page=200",
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(per_account.page.total, 8);
    let search = per_account
        .items
        .iter()
        .find(|e| e.kind == AccessKind::Search)
        .unwrap();
    assert_eq!(search.rows, 1);
    let q = search.query.as_ref().unwrap();
    assert!(q["certificate_no"].as_str().unwrap().starts_with("hmac:"));
    let list = per_account
        .items
        .iter()
        .find(|e| e.kind == AccessKind::List)
        .unwrap();
    let q = list.query.as_ref().unwrap();
    assert_eq!(q["disability_type"], "4");
    assert!(q["name"].as_str().unwrap().starts_with("hmac:"));
    assert!(q.get("limit").is_none() && q.get("sort").is_none());
    let text = serde_json::to_string(&per_account).unwrap();
    for secret in [number.as_str(), &number[..18], "王", "13912345678"] {
        assert!(!text.contains(secret), "the access log shows {secret}");
    }
    // filter by kind
    let only: AccessPage = send(&auditor, Method::GET, "/access?kind=search", None::<&()>)
        .await
        .unwrap();
    assert_eq!(only.items.len(), 1);

    // another city's auditor sees none of it; other roles may not read the log
    let theirs: AccessPage = send(
        &stranger,
        Method::GET,
        &format!("/access?person_id={id}"),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(theirs.page.total, 0);
    for who in [&entry, &review, &lanzhou, &app.admin] {
        let (status, _) = send::<AccessPage>(who, Method::GET, "/access", None::<&()>)
            .await
            .unwrap_err();
        assert_eq!(status, 403);
    }
    // a bad filter is a 400 naming it
    let (status, body) =
        send::<AccessPage>(&auditor, Method::GET, "/access?kind=peek", None::<&()>)
            .await
            .unwrap_err();
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (400, Some("kind"))
    );
}
both!(reads_of_personal_data_are_logged);

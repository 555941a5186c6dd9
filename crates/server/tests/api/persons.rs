//! Persons: create with derived facts, masking, duplicates, optimistic concurrency, keyset
//! paging, and another region's person refused on every verb.

use crate::both;
use crate::helpers::*;
use client::Client;
use domain::v1::persons::{
    Person, PersonCreate, PersonPage, PersonPatch, PersonQuery, PersonUpdate,
};
use domain::{DisabilityLevel, DisabilityType, Gender, HouseholdType, Role};
use reqwest::Method;

fn new_person(certificate_no: &str, name: &str, region: &str) -> PersonCreate {
    PersonCreate {
        certificate_no: certificate_no.into(),
        name: name.into(),
        region: region.into(),
        household_type: HouseholdType::Rural,
        phone: Some("13912345678".into()),
        address: Some("甘肃省兰州市城关区东岗西路1号".into()),
        education: None,
        poverty: true,
    }
}

async fn create(c: &Client, p: &PersonCreate) -> Result<Person, (u16, serde_json::Value)> {
    send(c, Method::POST, "/persons", Some(p)).await
}

async fn persons_in_scope(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let jyg = app.admin_of(&app.admin, "620200").await;
    let jyg_entry = app.sub_account(&jyg, "jyg.luru", Role::Entry).await;

    // derived facts; identifiers masked
    let c1 = cert("620102", "19900101", 12, 4, 2);
    let p = create(&entry, &new_person(&c1, "李梅", "620102"))
        .await
        .unwrap();
    assert_eq!(p.gender, Gender::Female); // sequence 012: the 17th digit, 2, is even
    // the birth date is half the ID number: an entry operator sees the year and the age only
    assert_eq!((p.birth_date, p.birth_year, p.age), (None, 1990, 36));
    assert_eq!(
        (p.disability_type, p.disability_level),
        (DisabilityType::Physical, DisabilityLevel::Two)
    );
    // the mask keeps the region and the type and level: nothing that completes the number
    assert_eq!(
        p.certificate_no,
        format!("{}************{}", &c1[..6], &c1[18..])
    );
    assert_eq!(p.phone, "139****5678");
    assert_eq!(p.address, "甘肃省兰州市****");
    assert_eq!(p.region_name, "城关区");
    assert_eq!(p.version, 1);

    // a certificate number held outside the caller's scope: 409 saying only that it is
    // registered elsewhere and whom to ask — not where (that would say who is disabled where)
    let (status, body) = create(&jyg_entry, &new_person(&c1, "别人", "620201"))
        .await
        .unwrap_err();
    assert_eq!(status, 409);
    let text = body.to_string();
    assert!(text.contains("省级残联"), "{text}");
    assert!(
        !text.contains("620102")
            && !text.contains("城关区")
            && !text.contains("兰州")
            && !text.contains("李梅")
            && !text.contains(&c1[6..14]),
        "{text}"
    );
    // inside the caller's scope the holder is named, so the operator can find the person
    let (status, body) = create(&entry, &new_person(&c1, "别人", "620102"))
        .await
        .unwrap_err();
    assert_eq!(status, 409);
    let text = body.to_string();
    assert!(text.contains("620102") && text.contains("城关区"), "{text}");

    // validation: the check character, a city as home, a region outside the scope
    let mut bad = new_person(&c1, "王", "620100");
    bad.certificate_no
        .replace_range(17..18, if &c1[17..18] == "1" { "2" } else { "1" });
    let (status, body) = create(&entry, &bad).await.unwrap_err();
    assert_eq!(status, 422);
    let rules: Vec<(String, String)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().into(),
                f["rule"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("certificate_no".to_string(), "check_char".to_string()),
            ("region".into(), "region_level".into())
        ]
    );
    let (status, _) = create(
        &entry,
        &new_person(&cert("620102", "19910101", 1, 1, 1), "王", "620201"),
    )
    .await
    .unwrap_err();
    assert_eq!(status, 422);

    // another city's entry clerk and administrator: 404 on read and update, absent from lists
    let path = format!("/persons/{}", p.id);
    let upd = PersonUpdate {
        name: "李梅梅".into(),
        region: "620102".into(),
        household_type: HouseholdType::Urban,
        phone: None,
        address: None,
        education: None,
        poverty: false,
        version: Some(1),
    };
    for other in [&jyg_entry, &jyg] {
        assert_eq!(
            send::<Person>(other, Method::GET, &path, None::<&()>)
                .await
                .unwrap_err()
                .0,
            404
        );
        let list: PersonPage = send(other, Method::GET, "/persons", None::<&()>)
            .await
            .unwrap();
        assert_eq!(list.total, Some(0));
    }
    assert_eq!(
        send::<Person>(&jyg_entry, Method::PUT, &path, Some(&upd))
            .await
            .unwrap_err()
            .0,
        404
    );
    let filtered: PersonPage = send(
        &jyg_entry,
        Method::GET,
        "/persons?certificate_no=".to_owned().as_str(),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(filtered.total, Some(0));

    // the city's administrator reads but does not write; the auditor sees no persons
    let seen: Person = send(&lanzhou, Method::GET, &path, None::<&()>)
        .await
        .unwrap();
    assert_eq!(seen.name, "李梅");
    assert_eq!(
        send::<Person>(&lanzhou, Method::PUT, &path, Some(&upd))
            .await
            .unwrap_err()
            .0,
        403
    );
    let auditor = app.sub_account(&lanzhou, "lz.audit", Role::Audit).await;
    assert_eq!(
        send::<Person>(&auditor, Method::GET, &path, None::<&()>)
            .await
            .unwrap_err()
            .0,
        403
    );

    // optimistic concurrency: body version, If-Match, stale → 409 and nothing changed
    let v2: Person = send(&entry, Method::PUT, &path, Some(&upd)).await.unwrap();
    assert_eq!(
        (v2.version, v2.name.as_str(), v2.household_type),
        (2, "李梅梅", HouseholdType::Urban)
    );
    assert_eq!(
        send::<Person>(&entry, Method::PUT, &path, Some(&upd))
            .await
            .unwrap_err()
            .0,
        409
    );
    let r = entry
        .request(Method::PUT, &path)
        .header("If-Match", "\"2\"")
        .json(&PersonUpdate {
            version: None,
            name: "李梅".into(),
            ..upd.clone()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers().get("etag").unwrap(), "\"3\"");
    let (status, body) = send::<Person>(
        &entry,
        Method::PUT,
        &path,
        Some(&PersonUpdate {
            version: None,
            ..upd.clone()
        }),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (status, body["fields"][0]["rule"].as_str()),
        (422, Some("required"))
    );
    let now: Person = send(&entry, Method::GET, &path, None::<&()>).await.unwrap();
    assert_eq!((now.version, now.name.as_str()), (3, "李梅"));
}
both!(persons_in_scope);

async fn list_filters_and_keyset_paging(app: TestApp) {
    let entry = app.sub_account(&app.admin, "sheng.luru", Role::Entry).await;
    for i in 0..25u32 {
        let female = i % 2 == 0; // the 17th digit is the last of the sequence
        let seq = i * 10 + if female { 2 } else { 1 };
        let region = if i < 15 { "620102" } else { "620201" };
        create(
            &entry,
            &new_person(
                &cert(region, "19850615", seq, (i % 7 + 1) as u8, 1),
                &format!("张{i:02}"),
                region,
            ),
        )
        .await
        .unwrap();
    }
    let q = |q: PersonQuery| {
        let entry = entry.clone();
        async move {
            entry
                .request(Method::GET, "/persons")
                .query(&q)
                .send()
                .await
                .unwrap()
                .json::<PersonPage>()
                .await
                .unwrap()
        }
    };
    let all = q(PersonQuery {
        limit: Some(10),
        ..Default::default()
    })
    .await;
    assert_eq!((all.total, all.items.len()), (Some(25), 10));
    let second = q(PersonQuery {
        limit: Some(10),
        after: all.next.clone(),
        ..Default::default()
    })
    .await;
    let third = q(PersonQuery {
        limit: Some(10),
        after: second.next.clone(),
        ..Default::default()
    })
    .await;
    assert_eq!(
        (second.items.len(), third.items.len(), third.next),
        (10, 5, None)
    );
    assert!(all.items.last().unwrap().id < second.items[0].id);
    assert_eq!(
        q(PersonQuery {
            region: Some("620100".into()),
            ..Default::default()
        })
        .await
        .total,
        Some(15)
    );
    assert_eq!(
        q(PersonQuery {
            region: Some("620200".into()),
            ..Default::default()
        })
        .await
        .total,
        Some(10)
    );
    assert_eq!(
        q(PersonQuery {
            gender: Some(Gender::Female),
            ..Default::default()
        })
        .await
        .total,
        Some(13)
    );
    assert_eq!(
        q(PersonQuery {
            disability_type: Some(DisabilityType::Vision),
            ..Default::default()
        })
        .await
        .total,
        Some(4)
    );
    assert_eq!(
        q(PersonQuery {
            name: Some("张1".into()),
            ..Default::default()
        })
        .await
        .total,
        Some(10)
    );
    let one = cert("620102", "19850615", 31, 4, 1);
    let found = q(PersonQuery {
        certificate_no: Some(one),
        ..Default::default()
    })
    .await;
    assert_eq!(
        (found.total, found.items[0].name.as_str()),
        (Some(1), "张03")
    );
    let bad = entry
        .request(Method::GET, "/persons")
        .query(&[("limit", "500")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
}
both!(list_filters_and_keyset_paging);

async fn persons_follow_region_changes(app: TestApp) {
    use domain::v1::regions::{RegionChange, RegionChangeRequest};
    let entry = app.sub_account(&app.admin, "sheng.luru", Role::Entry).await;
    let a: Person = create(
        &entry,
        &new_person(&cert("620102", "19800101", 11, 1, 1), "甲", "620102"),
    )
    .await
    .unwrap();
    let b: Person = create(
        &entry,
        &new_person(&cert("620103", "19800101", 21, 1, 1), "乙", "620103"),
    )
    .await
    .unwrap();
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let jyg = app.admin_of(&app.admin, "620200").await;
    let change = |date: &str, change: RegionChange| RegionChangeRequest {
        effective_date: date.parse().unwrap(),
        reference: "批".into(),
        change,
    };
    // 620102 moves under 嘉峪关: its person goes with it
    app.admin
        .region_change(&change(
            "2026-02-01",
            RegionChange::Reparent {
                code: "620102".into(),
                new_parent_code: "620200".into(),
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        send::<Person>(
            &lanzhou,
            Method::GET,
            &format!("/persons/{}", a.id),
            None::<&()>
        )
        .await
        .unwrap_err()
        .0,
        404
    );
    send::<Person>(
        &jyg,
        Method::GET,
        &format!("/persons/{}", a.id),
        None::<&()>,
    )
    .await
    .unwrap();
    // 620103 retires into 620104: its person moves to the successor
    app.admin
        .region_change(&change(
            "2026-02-02",
            RegionChange::Retire {
                code: "620103".into(),
                successor_code: "620104".into(),
            },
        ))
        .await
        .unwrap();
    let moved: Person = send(
        &lanzhou,
        Method::GET,
        &format!("/persons/{}", b.id),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(
        (moved.region_code.as_str(), moved.region_name.as_str()),
        ("620104", "西固区")
    );
    // a code change renames the person's region and keeps the scope
    app.admin
        .region_change(&change(
            "2026-02-03",
            RegionChange::ChangeCode {
                code: "620104".into(),
                new_code: "620199".into(),
            },
        ))
        .await
        .unwrap();
    let renamed: Person = send(
        &lanzhou,
        Method::GET,
        &format!("/persons/{}", b.id),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(renamed.region_code, "620199");
    let in_city: PersonPage = send(&lanzhou, Method::GET, "/persons?region=620199", None::<&()>)
        .await
        .unwrap();
    assert_eq!(in_city.total, Some(1));
}
both!(persons_follow_region_changes);

async fn sorts_and_fact_filters(app: TestApp) {
    let entry = app.sub_account(&app.admin, "sheng.luru", Role::Entry).await;
    // names out of id order, one name twice (the id breaks the tie); birth dates around the
    // 30th birthday on 2026-03-02
    let people = [
        ("孙", "19960302"),
        ("赵", "19960303"),
        ("钱", "19870101"),
        ("李", "19560101"),
        ("钱", "20000101"),
        ("周", "19960301"),
    ];
    let mut ids = Vec::new();
    for (i, (name, birth)) in people.iter().enumerate() {
        let p = create(
            &entry,
            &new_person(&cert("620102", birth, 10 + i as u32, 4, 2), name, "620102"),
        )
        .await
        .unwrap();
        ids.push(p.id);
    }
    let page = |query: String| {
        let entry = entry.clone();
        async move {
            send::<PersonPage>(
                &entry,
                Method::GET,
                &format!("/persons?{query}"),
                None::<&()>,
            )
            .await
            .unwrap()
        }
    };
    // walk a sort two rows at a time
    let walk = |sort: &'static str| async move {
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let q = match &after {
                Some(a) => format!("sort={sort}&limit=2&after={a}"),
                None => format!("sort={sort}&limit=2"),
            };
            let p = page(q).await;
            out.extend(p.items.iter().map(|x| x.id));
            match p.next {
                Some(n) => after = Some(n),
                None => break out,
            }
        }
    };
    let mut by_name: Vec<(String, i64)> = people
        .iter()
        .zip(&ids)
        .map(|((n, _), id)| (n.to_string(), *id))
        .collect();
    by_name.sort();
    assert_eq!(
        walk("name").await,
        by_name.iter().map(|x| x.1).collect::<Vec<_>>()
    );
    let mut by_code: Vec<(String, i64)> = people
        .iter()
        .enumerate()
        .map(|(i, (_, birth))| {
            let c = cert("620102", birth, 10 + i as u32, 4, 2);
            (domain::ids::mask_certificate(&c), ids[i])
        })
        .collect();
    // by the number as shown (the rest is sealed), then by entry
    by_code.sort();
    assert_eq!(
        walk("code").await,
        by_code.iter().map(|x| x.1).collect::<Vec<_>>()
    );
    // the one changed last comes first
    app.clock.advance(chrono::Duration::minutes(5));
    send::<Person>(
        &entry,
        Method::PATCH,
        &format!("/persons/{}", ids[2]),
        Some(&serde_json::json!({"phone": "13700000000", "version": 1})),
    )
    .await
    .unwrap();
    let updated = walk("updated").await;
    assert_eq!(updated[0], ids[2]);
    assert_eq!(updated[1..], [ids[5], ids[4], ids[3], ids[1], ids[0]]);
    assert_eq!(
        rules(
            &send::<PersonPage>(&entry, Method::GET, "/persons?after=zz", None::<&()>)
                .await
                .unwrap_err()
                .1
        ),
        [("after".to_string(), "cursor".to_string())]
    );

    // age band at a date: 30 on the day of the 30th birthday, not the day before
    let band = page("age_min=30&age_max=39&age_on=2026-03-02".into()).await;
    let mut got: Vec<i64> = band.items.iter().map(|p| p.id).collect();
    got.sort();
    assert_eq!(got, [ids[0], ids[2], ids[5]]);
    assert_eq!(
        page("age_max=29&age_on=2026-03-02".into())
            .await
            .items
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        [ids[1], ids[4]]
    );

    // current state and completeness
    let full = domain::v1::employment::EmploymentCreate {
        state: domain::v1::employment::EmploymentState::Employed,
        date: "2026-01-05".parse().unwrap(),
        form: Some("flexible".into()),
        contract: Some(true),
        industry: Some("C".into()),
        channel: Some("self".into()),
        employer_credit_code: None,
        employer_name: None,
        insurance: Default::default(),
        reason: None,
    };
    send::<serde_json::Value>(
        &entry,
        Method::POST,
        &format!("/persons/{}/employment", ids[3]),
        Some(&full),
    )
    .await
    .unwrap();
    let employed = page("employment_state=employed".into()).await;
    assert_eq!(
        employed.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        [ids[3]]
    );
    assert_eq!(page("employment_state=none".into()).await.total, Some(5));
    // education is still missing everywhere; filling it completes the employed one
    assert_eq!(page("incomplete=true".into()).await.total, Some(6));
    let done: Person = send(
        &entry,
        Method::PATCH,
        &format!("/persons/{}", ids[3]),
        Some(&serde_json::json!({"education": "junior", "version": 1})),
    )
    .await
    .unwrap();
    assert_eq!(done.completeness, 100);
    assert_eq!(page("incomplete=false".into()).await.items[0].id, ids[3]);
    // the typed DTO (the SPA's edit form) sends only what it sets: what arrived masked stays
    let typed: Person = send(
        &entry,
        Method::PATCH,
        &format!("/persons/{}", ids[3]),
        Some(&PersonPatch {
            poverty: Some(true),
            version: Some(done.version),
            ..Default::default()
        }),
    )
    .await
    .unwrap();
    assert!(typed.poverty);
    assert_eq!(
        (typed.phone.as_str(), typed.address.as_str()),
        (done.phone.as_str(), done.address.as_str())
    );
    assert!(!typed.phone.is_empty());
    assert_eq!(typed.completeness, 100);
}
both!(sorts_and_fact_filters);

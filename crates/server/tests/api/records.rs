//! Training, needs, graduate records, the timeline, status changes, the unmasked view and
//! employers: each rule answers 422 by field and rule, the training late flag falls exactly at
//! the boundary, and another region's person is refused (404) on every verb.

use crate::both;
use crate::helpers::*;
use client::Client;
use domain::v1::audit::AuditQuery;
use domain::v1::employers::{Employer, EmployerCreate, EmployerPage};
use domain::v1::employment::{EmploymentCreate, EmploymentState, Insurance};
use domain::v1::graduate::{GraduateCreate, GraduateOutcome, GraduateRecord};
use domain::v1::needs::{NeedCreate, NeedKind, NeedRecord};
use domain::v1::persons::{
    Person, PersonCreate, PersonPage, PersonStatus, UnmaskRequest, UnmaskedPerson,
};
use domain::v1::timeline::TimelineItem;
use domain::v1::training::{TrainingCreate, TrainingPeriod, TrainingRecord};
use domain::{HouseholdType, Role};
use reqwest::Method;
use serde_json::json;

type Res<T> = Result<T, (u16, serde_json::Value)>;

async fn person(c: &Client, cert_no: String, region: &str) -> Person {
    send(
        c,
        Method::POST,
        "/persons",
        Some(&PersonCreate {
            certificate_no: cert_no,
            name: "王芳".into(),
            region: region.into(),
            household_type: HouseholdType::Urban,
            phone: Some("13912345678".into()),
            address: Some("甘肃省兰州市城关区东岗西路1号".into()),
            education: Some("junior".into()),
            poverty: false,
        }),
    )
    .await
    .unwrap()
}

fn course(start: &str, end: &str) -> TrainingCreate {
    TrainingCreate {
        start_date: start.parse().unwrap(),
        end_date: end.parse().unwrap(),
        project: "盲人保健按摩".into(),
        industry: Some("Q".into()),
        provider: "cdpf_base".into(),
        certificate: Some("qualification".into()),
    }
}

fn graduate(
    year: i32,
    outcome: GraduateOutcome,
    form: Option<&str>,
    reason: Option<&str>,
) -> GraduateCreate {
    GraduateCreate {
        year,
        school: "兰州大学".into(),
        major: Some("计算机科学与技术".into()),
        outcome,
        form: form.map(Into::into),
        reason: reason.map(Into::into),
    }
}

async fn records_of_a_person(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let p = person(&entry, cert("620102", "20030501", 11, 4, 2), "620102").await;
    let base = format!("/persons/{}", p.id);

    // training: derived year and period; the late flag exactly at the boundary (today is
    // 2026-03-02 in Beijing: a course ended 2025-12-02 is on time, one ended 2025-12-01 late)
    let t: TrainingRecord = send(
        &entry,
        Method::POST,
        &format!("{base}/training"),
        Some(&course("2025-11-20", "2025-12-02")),
    )
    .await
    .unwrap();
    assert_eq!(
        (t.year, t.period, t.late),
        (2025, TrainingPeriod::Short, false)
    );
    let late: TrainingRecord = send(
        &entry,
        Method::POST,
        &format!("{base}/training"),
        Some(&course("2025-05-01", "2025-12-01")),
    )
    .await
    .unwrap();
    assert_eq!((late.period, late.late), (TrainingPeriod::Long, true));
    let (s, v) = send::<TrainingRecord>(
        &entry,
        Method::POST,
        &format!("{base}/training"),
        Some(&course("2026-03-05", "2026-03-01")),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (s, rules(&v)),
        (
            422,
            vec![
                ("end_date".into(), "before_start".into()),
                ("start_date".into(), "future".into())
            ]
        )
    );
    let (s, v) = send::<TrainingRecord>(
        &entry,
        Method::POST,
        &format!("{base}/training"),
        Some(&TrainingCreate {
            provider: "nobody".into(),
            ..course("2026-01-01", "2026-01-10")
        }),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (s, rules(&v)),
        (422, vec![("provider".into(), "dictionary".into())])
    );
    let courses: Vec<TrainingRecord> = send(
        &entry,
        Method::GET,
        &format!("{base}/training"),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(
        courses.iter().map(|c| c.id).collect::<Vec<_>>(),
        [t.id, late.id]
    );

    // needs
    let need: NeedRecord = send(
        &entry,
        Method::POST,
        &format!("{base}/needs"),
        Some(&NeedCreate {
            kind: NeedKind::Training,
            date: "2026-02-01".parse().unwrap(),
            detail: Some("电商客服".into()),
        }),
    )
    .await
    .unwrap();
    assert_eq!(need.kind, NeedKind::Training);
    let (s, v) = send::<NeedRecord>(
        &entry,
        Method::POST,
        &format!("{base}/needs"),
        Some(&NeedCreate {
            kind: NeedKind::Employment,
            date: "2026-03-03".parse().unwrap(),
            detail: None,
        }),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (s, rules(&v)),
        (422, vec![("date".into(), "future".into())])
    );
    let bad_kind = entry
        .request(Method::POST, &format!("{base}/needs"))
        .json(&json!({"kind": "money", "date": "2026-01-01"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_kind.status(), 400);

    // graduate records: every cross-field rule, then a good one
    for (g, expect) in [
        (
            graduate(2027, GraduateOutcome::Employed, Some("flexible"), None),
            vec![("year", "future")],
        ),
        (
            graduate(2017, GraduateOutcome::Employed, Some("flexible"), None),
            vec![("year", "too_early")],
        ),
        (
            graduate(2025, GraduateOutcome::Employed, None, None),
            vec![("form", "required")],
        ),
        (
            graduate(2025, GraduateOutcome::Unemployed, None, None),
            vec![("reason", "required")],
        ),
        (
            graduate(2025, GraduateOutcome::FurtherStudy, Some("flexible"), None),
            vec![("form", "not_applicable")],
        ),
        (
            graduate(2025, GraduateOutcome::Employed, Some("no_such"), None),
            vec![("form", "dictionary")],
        ),
    ] {
        let (s, v) =
            send::<GraduateRecord>(&entry, Method::POST, &format!("{base}/graduate"), Some(&g))
                .await
                .unwrap_err();
        let expect: Vec<(String, String)> = expect
            .into_iter()
            .map(|(f, r)| (f.into(), r.into()))
            .collect();
        assert_eq!((s, rules(&v)), (422, expect), "{g:?}");
    }
    let g: GraduateRecord = send(
        &entry,
        Method::POST,
        &format!("{base}/graduate"),
        Some(&graduate(
            2025,
            GraduateOutcome::Employed,
            Some("flexible"),
            None,
        )),
    )
    .await
    .unwrap();
    assert_eq!(g.outcome, GraduateOutcome::Employed);

    // the person's facts follow: graduate year, late records
    let now: Person = send(&entry, Method::GET, &base, None::<&()>).await.unwrap();
    assert_eq!((now.graduate_year, now.late_records), (Some(2025), 1));
    let grads: PersonPage = send(
        &entry,
        Method::GET,
        "/persons?graduate=true&late=true",
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(grads.items.iter().map(|p| p.id).collect::<Vec<_>>(), [p.id]);

    // the timeline: every kind, newest first
    let emp = EmploymentCreate {
        state: EmploymentState::Employed,
        date: "2026-01-10".parse().unwrap(),
        form: Some("flexible".into()),
        contract: Some(false),
        industry: Some("H".into()),
        channel: Some("self".into()),
        employer_credit_code: None,
        employer_name: None,
        insurance: Insurance::default(),
        reason: None,
    };
    send::<serde_json::Value>(
        &entry,
        Method::POST,
        &format!("{base}/employment"),
        Some(&emp),
    )
    .await
    .unwrap();
    let tl: Vec<TimelineItem> = send(
        &entry,
        Method::GET,
        &format!("{base}/timeline"),
        None::<&()>,
    )
    .await
    .unwrap();
    let kinds: Vec<(&str, String)> = tl
        .iter()
        .map(|i| {
            let k = match i {
                TimelineItem::Employment(_) => "employment",
                TimelineItem::Training(_) => "training",
                TimelineItem::Need(_) => "need",
                TimelineItem::Graduate(_) => "graduate",
                TimelineItem::Status(_) => "status",
            };
            (k, i.date().to_string())
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("need", "2026-02-01".to_string()),
            ("employment", "2026-01-10".into()),
            ("training", "2025-11-20".into()),
            ("graduate", "2025-07-01".into()),
            ("training", "2025-05-01".into()),
        ]
    );
    let raw: serde_json::Value = send(
        &entry,
        Method::GET,
        &format!("{base}/timeline"),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(raw[0]["kind"], "need");
    assert_eq!(raw[0]["record"]["detail"], "电商客服");

    // another city's operator: 404 on every verb of every record, and on the person itself
    let jyg = app.admin_of(&app.admin, "620200").await;
    let other = app.sub_account(&jyg, "jyg.luru", Role::Entry).await;
    for (method, path, body) in [
        (Method::GET, base.clone(), json!(null)),
        (
            Method::PATCH,
            base.clone(),
            json!({"phone": "13800000000", "version": 1}),
        ),
        (Method::GET, format!("{base}/training"), json!(null)),
        (
            Method::POST,
            format!("{base}/training"),
            serde_json::to_value(course("2026-01-01", "2026-01-02")).unwrap(),
        ),
        (Method::GET, format!("{base}/needs"), json!(null)),
        (
            Method::POST,
            format!("{base}/needs"),
            json!({"kind": "training", "date": "2026-01-01"}),
        ),
        (Method::GET, format!("{base}/graduate"), json!(null)),
        (
            Method::POST,
            format!("{base}/graduate"),
            serde_json::to_value(graduate(2025, GraduateOutcome::Abroad, None, None)).unwrap(),
        ),
        (Method::GET, format!("{base}/timeline"), json!(null)),
        (
            Method::POST,
            format!("{base}/status"),
            json!({"status": "deceased", "date": "2026-01-01", "version": 1}),
        ),
    ] {
        let mut rb = other.request(method.clone(), &path);
        if !body.is_null() {
            rb = rb.json(&body);
        }
        assert_eq!(rb.send().await.unwrap().status(), 404, "{method} {path}");
    }
    let other_review = app.sub_account(&jyg, "jyg.shenhe", Role::Review).await;
    let r = other_review
        .request(Method::POST, &format!("{base}/unmasked"))
        .json(&UnmaskRequest {
            purpose: "电话核实".into(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // and the city's administrator reads but does not enter
    assert_eq!(
        send::<NeedRecord>(
            &lanzhou,
            Method::POST,
            &format!("{base}/needs"),
            Some(&NeedCreate {
                kind: NeedKind::Training,
                date: "2026-01-01".parse().unwrap(),
                detail: None
            })
        )
        .await
        .unwrap_err()
        .0,
        403
    );
}
both!(records_of_a_person);

async fn status_changes_and_unmasking(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let review = app.sub_account(&lanzhou, "lz.shenhe", Role::Review).await;
    let jyg = app.admin_of(&app.admin, "620200").await;
    let jyg_entry = app.sub_account(&jyg, "jyg.luru", Role::Entry).await;
    let p = person(&entry, cert("620102", "19800101", 31, 1, 3), "620102").await;
    let path = format!("/persons/{}", p.id);
    let status = |body: serde_json::Value| {
        let entry = entry.clone();
        let path = format!("{path}/status");
        async move { send::<Person>(&entry, Method::POST, &path, Some(&body)).await }
    };

    // PATCH changes only what is sent
    let patched: Person = send(
        &entry,
        Method::PATCH,
        &path,
        Some(&json!({"address": null, "version": 1})),
    )
    .await
    .unwrap();
    assert_eq!(
        (
            patched.version,
            patched.address.as_str(),
            patched.name.as_str()
        ),
        (2, "", "王芳")
    );
    assert!(patched.completeness < 100);
    let (s, _) = send::<Person>(
        &entry,
        Method::PATCH,
        &path,
        Some(&json!({"name": "王", "version": 1})),
    )
    .await
    .unwrap_err();
    assert_eq!(s, 409);

    // the rules of a status change, a stale version
    let r: Res<Person> =
        status(json!({"status": "moved_out", "date": "2026-02-01", "version": 2})).await;
    assert_eq!(
        rules(&r.unwrap_err().1),
        [("destination".to_string(), "required".to_string())]
    );
    let r: Res<Person> =
        status(json!({"status": "deceased", "date": "2026-03-03", "version": 2})).await;
    assert_eq!(
        rules(&r.unwrap_err().1),
        [("date".to_string(), "future".to_string())]
    );
    let r: Res<Person> = status(
        json!({"status": "deceased", "date": "2026-02-01", "destination": "620201", "version": 2}),
    )
    .await;
    assert_eq!(
        rules(&r.unwrap_err().1),
        [("destination".to_string(), "not_applicable".to_string())]
    );
    let r: Res<Person> = status(
        json!({"status": "moved_out", "date": "2026-02-01", "destination": "620100", "version": 2}),
    )
    .await;
    assert_eq!(
        rules(&r.unwrap_err().1),
        [("destination".to_string(), "region_level".to_string())]
    );
    assert_eq!(
        status(json!({"status": "deceased", "date": "2026-02-01", "version": 1}))
            .await
            .unwrap_err()
            .0,
        409
    );

    // deceased, then corrected back to active
    let dead = status(json!({"status": "deceased", "date": "2026-02-01", "version": 2}))
        .await
        .unwrap();
    assert_eq!(
        (dead.status, dead.status_date.map(|d| d.to_string())),
        (PersonStatus::Deceased, Some("2026-02-01".into()))
    );
    let alive =
        status(json!({"status": "active", "date": "2026-02-02", "note": "误报", "version": 3}))
            .await
            .unwrap();
    assert_eq!(
        (alive.status, alive.status_date),
        (PersonStatus::Active, None)
    );

    // unmasking: the entry role may not, the reviewer may with a purpose, and it is audited
    let req = UnmaskRequest {
        purpose: "电话核实就业状态".into(),
    };
    assert_eq!(
        send::<UnmaskedPerson>(
            &entry,
            Method::POST,
            &format!("{path}/unmasked"),
            Some(&req)
        )
        .await
        .unwrap_err()
        .0,
        403
    );
    let (s, v) = send::<UnmaskedPerson>(
        &review,
        Method::POST,
        &format!("{path}/unmasked"),
        Some(&json!({"purpose": ""})),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (s, v["fields"][0]["field"].as_str()),
        (422, Some("purpose"))
    );
    let full: UnmaskedPerson = send(
        &review,
        Method::POST,
        &format!("{path}/unmasked"),
        Some(&req),
    )
    .await
    .unwrap();
    assert_eq!(
        (full.certificate_no.as_str(), full.phone.as_str()),
        (cert("620102", "19800101", 31, 1, 3).as_str(), "13912345678")
    );
    assert!(p.certificate_no.contains('*'));
    let auditor = app.sub_account(&lanzhou, "lz.audit", Role::Audit).await;
    let log = auditor
        .audit(&AuditQuery {
            action: Some("person.unmask".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    assert_eq!(
        (
            log.items[0].actor.as_str(),
            log.items[0].after.as_ref().map(|a| a["purpose"].clone())
        ),
        ("lz.shenhe", Some(json!("电话核实就业状态")))
    );

    // moved to a county of another city: handed over, the destination sees it, the origin not
    assert_eq!(
        send::<Person>(&jyg_entry, Method::GET, &path, None::<&()>)
            .await
            .unwrap_err()
            .0,
        404
    );
    let moved = status(
        json!({"status": "moved_out", "date": "2026-02-10", "destination": "620201", "version": 4}),
    )
    .await
    .unwrap();
    assert_eq!(
        (moved.status, moved.region_code.as_str()),
        (PersonStatus::Active, "620201")
    );
    assert_eq!(
        send::<Person>(&entry, Method::GET, &path, None::<&()>)
            .await
            .unwrap_err()
            .0,
        404
    );
    let there: Person = send(&jyg_entry, Method::GET, &path, None::<&()>)
        .await
        .unwrap();
    assert_eq!(there.version, 5);
    let tl: Vec<TimelineItem> = send(
        &jyg_entry,
        Method::GET,
        &format!("{path}/timeline"),
        None::<&()>,
    )
    .await
    .unwrap();
    assert!(
        matches!(&tl[0], TimelineItem::Status(e) if e.to_region.as_deref() == Some("620201") && e.from_region == "620102")
    );

    // moved out of the province: status moved_out, the destination kept
    let out: Person = send(&jyg_entry, Method::POST, &format!("{path}/status"), Some(&json!({"status": "moved_out", "date": "2026-02-20", "destination": "110105", "version": 5})))
        .await
        .unwrap();
    assert_eq!(
        (
            out.status,
            out.moved_to.as_deref(),
            out.region_code.as_str()
        ),
        (PersonStatus::MovedOut, Some("110105"), "620201")
    );
    let r = send::<Person>(&jyg_entry, Method::POST, &format!("{path}/status"), Some(&json!({"status": "moved_out", "date": "2026-02-20", "destination": "999999", "version": 6}))).await;
    assert_eq!(r.unwrap_err().0, 422);
}
both!(status_changes_and_unmasking);

async fn employers(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let new = |code: &str, name: &str, region: &str| EmployerCreate {
        credit_code: code.into(),
        name: name.into(),
        economic_type: Some("私营".into()),
        industry: Some("C".into()),
        region: region.into(),
    };
    let first = "91620102MA71X2Y16";
    let code = format!("{first}{}", domain::ids::credit_check_char(first).unwrap());
    let wrong = format!("{first}{}", if code.ends_with('0') { '1' } else { '0' });
    let e: Employer = send(
        &entry,
        Method::POST,
        "/employers",
        Some(&new(&code, "兰州某福利企业", "620102")),
    )
    .await
    .map_err(|(s, v)| format!("{s} {v}"))
    .unwrap();
    assert_eq!(e.region_name, "城关区");
    assert_eq!(
        send::<Employer>(
            &entry,
            Method::POST,
            "/employers",
            Some(&new(&code, "x", "620102"))
        )
        .await
        .unwrap_err()
        .0,
        409
    );
    let (s, v) = send::<Employer>(
        &entry,
        Method::POST,
        "/employers",
        Some(&new(&wrong, "x", "620102")),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (s, rules(&v)),
        (422, vec![("credit_code".into(), "check_char".into())])
    );
    assert_eq!(
        send::<Employer>(
            &entry,
            Method::POST,
            "/employers",
            Some(&new("91440300708461136T", "x", "620201"))
        )
        .await
        .unwrap_err()
        .0,
        422
    );
    let by_name: EmployerPage = send(&entry, Method::GET, "/employers?q=福利", None::<&()>)
        .await
        .unwrap();
    let by_code: EmployerPage = send(&entry, Method::GET, "/employers?q=91620102", None::<&()>)
        .await
        .unwrap();
    assert_eq!((by_name.items.len(), by_code.items.len()), (1, 1));
    assert_eq!(
        send::<Employer>(
            &entry,
            Method::GET,
            &format!("/employers/{code}"),
            None::<&()>
        )
        .await
        .unwrap()
        .name,
        "兰州某福利企业"
    );

    // an employment entry references an employer: a known code takes its name, an unknown one
    // needs a name and registers it
    let p = person(&entry, cert("620102", "19900101", 41, 4, 3), "620102").await;
    let job = |code: &str, name: Option<&str>| EmploymentCreate {
        state: EmploymentState::Employed,
        date: "2026-02-01".parse().unwrap(),
        form: Some("concentrated".into()),
        contract: Some(true),
        industry: Some("C".into()),
        channel: Some("self".into()),
        employer_credit_code: Some(code.into()),
        employer_name: name.map(Into::into),
        insurance: Insurance::default(),
        reason: None,
    };
    let path = format!("/persons/{}/employment", p.id);
    let r: serde_json::Value = send(&entry, Method::POST, &path, Some(&job(&code, None)))
        .await
        .unwrap();
    assert_eq!(r["employer_name"], "兰州某福利企业");
    let (s, v) = send::<serde_json::Value>(
        &entry,
        Method::POST,
        &path,
        Some(&job("91440300708461136T", None)),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (s, rules(&v)),
        (
            422,
            vec![("employer_credit_code".into(), "unknown_employer".into())]
        )
    );
    send::<serde_json::Value>(
        &entry,
        Method::POST,
        &path,
        Some(&job("91440300708461136T", Some("深圳某公司"))),
    )
    .await
    .unwrap();
    let found: EmployerPage = send(&entry, Method::GET, "/employers?q=深圳", None::<&()>)
        .await
        .unwrap();
    assert_eq!(found.items[0].region_code, "620102");
    let p: Person = send(
        &entry,
        Method::GET,
        &format!("/persons/{}", p.id),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(p.completeness, 100);
}
both!(employers);

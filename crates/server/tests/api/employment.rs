//! Employment history: the domain's cross-field rules and the dictionaries answer 422 by field
//! and rule, the late flag falls exactly at the three-month boundary, the person's current state
//! follows the latest record, and another region's person is refused.

use crate::both;
use crate::helpers::*;
use chrono::NaiveDate;
use domain::v1::employment::{EmploymentCreate, EmploymentRecord, EmploymentState, Insurance};
use domain::v1::persons::{Person, PersonCreate};
use domain::{HouseholdType, Role};
use reqwest::Method;

fn employed(date: &str) -> EmploymentCreate {
    EmploymentCreate {
        state: EmploymentState::Employed,
        date: date.parse::<NaiveDate>().unwrap(),
        form: Some("concentrated".into()),
        contract: Some(true),
        industry: Some("C".into()),
        channel: Some("cdpf_service".into()),
        employer_credit_code: Some("91440300708461136T".into()),
        employer_name: Some("某福利企业".into()),
        insurance: Insurance {
            pension: true,
            medical: true,
            ..Default::default()
        },
        reason: None,
    }
}

async fn post(c: &client::Client, id: i64, e: &EmploymentCreate) -> (u16, serde_json::Value) {
    let r = c
        .request(Method::POST, &format!("/persons/{id}/employment"))
        .json(e)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or_default())
}

async fn employment_history(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let p: Person = entry
        .request(Method::POST, "/persons")
        .json(&PersonCreate {
            certificate_no: cert("620102", "19900315", 21, 4, 1),
            name: "赵敏".into(),
            region: "620102".into(),
            household_type: HouseholdType::Urban,
            phone: None,
            address: None,
            education: None,
            poverty: false,
        })
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(p.employment_state, None);

    // on time exactly at the boundary (today is 2026-03-02 in Beijing), late one day past it
    let (s, on_time) = post(&entry, p.id, &employed("2025-12-02")).await;
    assert_eq!(s, 201, "{on_time}");
    let on_time: EmploymentRecord = serde_json::from_value(on_time).unwrap();
    assert!(!on_time.late);
    assert_eq!(on_time.recorded_by, "lz.luru");
    let (s, late) = post(
        &entry,
        p.id,
        &EmploymentCreate {
            state: EmploymentState::Unemployed,
            form: None,
            employer_credit_code: None,
            employer_name: None,
            reason: Some("lacks_skills".into()),
            ..employed("2025-12-01")
        },
    )
    .await;
    assert_eq!(s, 201, "{late}");
    assert_eq!(late["late"], true);

    // the current state is the latest by date, not the latest entered
    let now: Person = entry
        .request(Method::GET, &format!("/persons/{}", p.id))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(now.employment_state, Some(EmploymentState::Employed));
    let history: Vec<EmploymentRecord> = entry
        .request(Method::GET, &format!("/persons/{}/employment", p.id))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        history
            .iter()
            .map(|r| r.date.to_string())
            .collect::<Vec<_>>(),
        ["2025-12-02", "2025-12-01"]
    );

    // every cross-field rule by field and rule; nothing is saved
    let (s, v) = post(&entry, p.id, &employed("2006-03-14")).await;
    assert_eq!(
        (s, rules(&v)),
        (422, vec![("date".to_string(), "under_16".to_string())])
    );
    let (s, v) = post(&entry, p.id, &employed("2026-03-03")).await;
    assert_eq!(
        (s, rules(&v)),
        (422, vec![("date".to_string(), "future".to_string())])
    );
    let (s, v) = post(
        &entry,
        p.id,
        &EmploymentCreate {
            form: None,
            employer_credit_code: Some("91440300708461136A".into()),
            ..employed("2026-01-05")
        },
    )
    .await;
    assert_eq!(
        (s, rules(&v)),
        (
            422,
            vec![
                ("employer_credit_code".to_string(), "check_char".to_string()),
                ("form".into(), "required".into())
            ]
        )
    );
    let (s, v) = post(
        &entry,
        p.id,
        &EmploymentCreate {
            state: EmploymentState::Unemployed,
            form: None,
            employer_credit_code: None,
            ..employed("2026-01-05")
        },
    )
    .await;
    assert_eq!(
        (s, rules(&v)),
        (422, vec![("reason".to_string(), "required".to_string())])
    );
    let (s, v) = post(
        &entry,
        p.id,
        &EmploymentCreate {
            form: Some("no_such_form".into()),
            industry: Some("Z".into()),
            ..employed("2026-01-05")
        },
    )
    .await;
    assert_eq!(
        (s, rules(&v)),
        (
            422,
            vec![
                ("form".to_string(), "dictionary".to_string()),
                ("industry".into(), "dictionary".into())
            ]
        )
    );
    let history: Vec<EmploymentRecord> = entry
        .request(Method::GET, &format!("/persons/{}/employment", p.id))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(history.len(), 2);

    // another city: 404 on both verbs; the city's administrator reads but does not enter
    let jyg = app.admin_of(&app.admin, "620200").await;
    let jyg_entry = app.sub_account(&jyg, "jyg.luru", Role::Entry).await;
    assert_eq!(post(&jyg_entry, p.id, &employed("2026-01-05")).await.0, 404);
    assert_eq!(
        jyg_entry
            .request(Method::GET, &format!("/persons/{}/employment", p.id))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        lanzhou
            .request(Method::GET, &format!("/persons/{}/employment", p.id))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(post(&lanzhou, p.id, &employed("2026-01-05")).await.0, 403);
}
both!(employment_history);

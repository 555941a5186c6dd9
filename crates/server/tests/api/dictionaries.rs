//! Dictionaries: seeded, readable by every account, edited by the province administrator only.

use crate::both;
use crate::helpers::*;
use domain::Role;
use domain::v1::dictionaries::{DictionaryEntry, DictionaryEntryUpdate};
use reqwest::Method;

async fn seeded_and_edited_by_the_province(app: TestApp) {
    let get = |c: &client::Client, kind: &str| {
        let rb = c.request(Method::GET, &format!("/dictionaries/{kind}"));
        async move { rb.send().await.unwrap() }
    };
    let forms: Vec<DictionaryEntry> = get(&app.admin, "employment_form")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(forms.len(), 9);
    assert_eq!(
        (forms[0].code.as_str(), forms[0].label.zh.as_str()),
        ("proportional", "按比例就业")
    );
    let industries: Vec<DictionaryEntry> = get(&app.admin, "industry").await.json().await.unwrap();
    assert_eq!(
        industries
            .iter()
            .map(|e| e.code.as_str())
            .collect::<String>(),
        "ABCDEFGHIJKLMNOPQRST"
    );
    assert_eq!(get(&app.admin, "no_such_kind").await.status(), 400);

    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    assert_eq!(get(&entry, "channel").await.status(), 200);
    assert_eq!(
        app.client()
            .request(Method::GET, "/dictionaries/channel")
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    let upd = DictionaryEntryUpdate {
        label_zh: "其他形式".into(),
        label_en: "Other forms".into(),
        sort: 99,
        active: false,
    };
    for not_province in [&lanzhou, &entry] {
        let r = not_province
            .request(Method::PUT, "/dictionaries/employment_form/other")
            .json(&upd)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
    let r = app
        .admin
        .request(Method::PUT, "/dictionaries/employment_form/other")
        .json(&upd)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let saved: DictionaryEntry = r.json().await.unwrap();
    assert_eq!((saved.label.zh.as_str(), saved.active), ("其他形式", false));
    // a new entry
    let r = app
        .admin
        .request(Method::PUT, "/dictionaries/certificate_kind/housing")
        .json(&DictionaryEntryUpdate {
            label_zh: "住房需求".into(),
            label_en: "Housing".into(),
            sort: 10,
            active: true,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        get(&entry, "certificate_kind")
            .await
            .json::<Vec<DictionaryEntry>>()
            .await
            .unwrap()
            .len(),
        6
    );
    // bad input changes nothing
    let bad = DictionaryEntryUpdate {
        label_zh: String::new(),
        ..upd.clone()
    };
    assert_eq!(
        app.admin
            .request(Method::PUT, "/dictionaries/certificate_kind/x")
            .json(&bad)
            .send()
            .await
            .unwrap()
            .status(),
        422
    );
    assert_eq!(
        app.admin
            .request(Method::PUT, "/dictionaries/certificate_kind/bad%20code")
            .json(&upd)
            .send()
            .await
            .unwrap()
            .status(),
        422
    );
    assert_eq!(
        get(&entry, "certificate_kind")
            .await
            .json::<Vec<DictionaryEntry>>()
            .await
            .unwrap()
            .len(),
        6
    );
}
both!(seeded_and_edited_by_the_province);

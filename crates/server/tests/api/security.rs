//! Issue 8: what a list cursor, a mask, a conflict, an audit entry or a race could give away,
//! each tested through the real server on both databases.

use crate::both;
use crate::helpers::*;
use base64::Engine;
use chrono::Duration;
use client::Client;
use domain::HouseholdType;
use domain::Role;
use domain::v1::audit::AuditQuery;
use domain::v1::auth::LoginResult;
use domain::v1::employment::{EmploymentCreate, EmploymentState, Insurance};
use domain::v1::persons::{Person, PersonCreate, PersonPage};
use reqwest::Method;

fn person(cert_no: &str, name: &str) -> PersonCreate {
    PersonCreate {
        certificate_no: cert_no.into(),
        name: name.into(),
        region: "620102".into(),
        household_type: HouseholdType::Urban,
        phone: Some("13912345678".into()),
        address: Some("甘肃省兰州市城关区东岗西路1号".into()),
        education: None,
        poverty: false,
    }
}

async fn entry_of_chengguan(app: &TestApp) -> Client {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    app.sub_account(&lanzhou, "lz.luru", Role::Entry).await
}

async fn cursors_are_opaque_and_tamper_proof(app: TestApp) {
    let entry = entry_of_chengguan(&app).await;
    let mut certs = Vec::new();
    for i in 0..3 {
        let c = cert("620102", "19850731", 430 + i, 4, 3);
        let _: Person = send(&entry, Method::POST, "/persons", Some(&person(&c, "张三")))
            .await
            .unwrap();
        certs.push(c);
    }
    let first: PersonPage = send::<PersonPage>(
        &entry,
        Method::GET,
        "/persons?sort=code&limit=1",
        None::<&()>,
    )
    .await
    .unwrap();
    let next = first.next.clone().unwrap();
    // nothing of any number in the cursor, in whatever encoding
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&next)
        .unwrap_or_default();
    for c in &certs {
        assert!(!next.contains(&c[..10]), "{next}");
        assert!(!next.contains(&hex::encode(&c[..10])), "{next}");
        assert!(!raw.windows(10).any(|w| w == &c.as_bytes()[..10]));
    }
    // the walk goes on with it
    let second: PersonPage = send(
        &entry,
        Method::GET,
        &format!("/persons?sort=code&limit=1&after={next}"),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(second.items.len(), 1);
    assert_ne!(second.items[0].id, first.items[0].id);
    // an altered cursor, a forged one, the old hex form and one of another order: 400
    let mut bytes = raw.clone();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    let altered = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let old_form = hex::encode(format!("[\"{}\",1]", certs[0]));
    for (sort, bad) in [
        ("code", altered.as_str()),
        ("code", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ("code", old_form.as_str()),
        ("name", next.as_str()),
    ] {
        let (status, body) = send::<PersonPage>(
            &entry,
            Method::GET,
            &format!("/persons?sort={sort}&limit=1&after={bad}"),
            None::<&()>,
        )
        .await
        .unwrap_err();
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["fields"][0]["rule"], "cursor", "{body}");
    }
}
both!(cursors_are_opaque_and_tamper_proof);

async fn searches_by_full_number_are_audited_and_limited(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let auditor = app.sub_account(&lanzhou, "lz.shenji", Role::Audit).await;
    let c = cert("620102", "19850731", 431, 4, 3);
    let p: Person = send(&entry, Method::POST, "/persons", Some(&person(&c, "张三")))
        .await
        .unwrap();
    let page: PersonPage = send(
        &entry,
        Method::GET,
        &format!("/persons?certificate_no={c}"),
        None::<&()>,
    )
    .await
    .unwrap();
    assert_eq!(page.items.len(), 1);
    let log = auditor
        .audit(&AuditQuery {
            action: Some("person.search".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    let after = log.items[0].after.clone().unwrap().to_string();
    assert!(!after.contains(&c[..14]), "{after}");
    assert!(
        after.contains("hmac:") && after.contains(&p.id.to_string()),
        "{after}"
    );
    // a walk through the candidates stops at the limit
    let mut refused = 0;
    for seq in 0..40 {
        let guess = cert("620102", "19850731", seq, 4, 3);
        if let Err((status, _)) = send::<PersonPage>(
            &entry,
            Method::GET,
            &format!("/persons?certificate_no={guess}"),
            None::<&()>,
        )
        .await
        {
            assert_eq!(status, 429);
            refused += 1;
        }
    }
    assert!(refused >= 10, "{refused}");
}
both!(searches_by_full_number_are_audited_and_limited);

async fn auditors_see_what_changed_not_who(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let auditor = app.sub_account(&lanzhou, "lz.shenji", Role::Audit).await;
    let c = cert("620102", "19850731", 432, 4, 3);
    let p: Person = send(
        &entry,
        Method::POST,
        "/persons",
        Some(&person(&c, "欧阳娜娜")),
    )
    .await
    .unwrap();
    let _: Person = send(
        &entry,
        Method::PATCH,
        &format!("/persons/{}", p.id),
        Some(&serde_json::json!({"name": "欧阳娜", "version": p.version})),
    )
    .await
    .unwrap();
    // a free-text note about the person is as personal as the name
    let _: serde_json::Value = send(
        &entry,
        Method::POST,
        &format!("/persons/{}/status", p.id),
        Some(&serde_json::json!({"status": "deceased", "date": "2026-02-01", "note": "家属告知病故于肺癌", "version": p.version + 1})),
    )
    .await
    .unwrap();
    let log = auditor
        .audit(&AuditQuery {
            action: Some("person.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.items.len(), 3);
    for e in &log.items {
        assert_eq!(e.target_id, p.id.to_string());
        let text = format!("{:?} {:?}", e.before, e.after);
        for secret in [
            "欧阳",
            "13912345678",
            "东岗西路",
            "1985-07-31",
            &c[..10],
            "肺癌",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    // the update shows that the name changed and the household type did not
    let upd = &log.items[1];
    let (b, a) = (upd.before.clone().unwrap(), upd.after.clone().unwrap());
    assert_ne!(b["name"], a["name"]);
    assert_eq!(b["household_type"], a["household_type"]);
    assert!(a["name"].as_str().unwrap().starts_with("hmac:"));
    assert_eq!(a["region_code"], "620102");
}
both!(auditors_see_what_changed_not_who);

async fn the_chain_is_keyed_and_covers_every_column(app: TestApp) {
    app.admin_of(&app.admin, "620100").await;
    let db = &app.state.db;
    let key = app.audit_key();
    assert!(matches!(
        shiming::audit::verify(db, &key).await.unwrap(),
        shiming::audit::Verification::Intact { .. }
    ));
    // another key (as someone rewriting the log without ours would use) does not verify
    let other = shiming::audit::AuditKey::from_secret(&[7u8; 32]).unwrap();
    assert!(matches!(
        shiming::audit::verify(db, &other).await.unwrap(),
        shiming::audit::Verification::Broken { at_id: 1, .. }
    ));
    // the region path is covered too
    app.exec("UPDATE audit_log SET region_path = '/620000/620900/' WHERE id = 2")
        .await;
    assert!(matches!(
        shiming::audit::verify(db, &key).await.unwrap(),
        shiming::audit::Verification::Broken { at_id: 2, .. }
    ));
}
both!(the_chain_is_keyed_and_covers_every_column);

async fn parallel_guesses_cannot_pass_the_lock(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let guesses = (0..12).map(|i| {
        let mut c = app.client();
        async move { c.login("620100", &format!("Wrong-guess-{i}!")).await }
    });
    let results = futures_util::future::join_all(guesses).await;
    assert!(results.iter().all(Result::is_err));
    // at most five passwords were checked; the account is locked
    let failed = app
        .admin
        .audit(&AuditQuery {
            action: Some("auth.login_failed".into()),
            ..Default::default()
        })
        .await;
    // the province administrator may not read the audit log: count in the database
    assert!(failed.is_err());
    let n: i64 = app
        .count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.login_failed'")
        .await;
    assert!(n <= 5, "{n} passwords were checked");
    let mut c = app.client();
    let err = c.login("620100", &admin_pw("620100")).await.unwrap_err();
    assert_eq!(err.status(), Some(423));
    // a lock stops guessing; it does not log the holder out
    assert!(lanzhou.me().await.is_ok());
}
both!(parallel_guesses_cannot_pass_the_lock);

/// One holder logging in from many tabs at once: the attempts beyond the failure limit are
/// turned away for a moment (429), none locks the account (a right password is no failure, even
/// before its code), and the next login works.
async fn parallel_right_logins_never_lock(app: TestApp) {
    app.admin_of(&app.admin, "620100").await;
    let logins = (0..12).map(|_| {
        let mut c = Client::new(app.base.clone());
        async move { c.login_start("620100", &admin_pw("620100")).await }
    });
    let results = futures_util::future::join_all(logins).await;
    assert!(results.iter().any(Result::is_ok));
    for r in &results {
        match r {
            Ok(r) => assert!(matches!(r, LoginResult::Mfa(_)), "{r:?}"),
            Err(e) => assert_eq!(e.status(), Some(429), "{e:?}"),
        }
    }
    let mut c = app.client();
    c.login("620100", &admin_pw("620100")).await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.locked'")
            .await,
        0
    );
}
both!(parallel_right_logins_never_lock);

async fn concurrent_creates_of_one_number_answer_409(app: TestApp) {
    let entry = entry_of_chengguan(&app).await;
    let c = cert("620102", "19850731", 433, 4, 3);
    let body = person(&c, "张三");
    let tries = (0..4).map(|_| send::<Person>(&entry, Method::POST, "/persons", Some(&body)));
    let results = futures_util::future::join_all(tries).await;
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1);
    for r in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(r.0, 409, "{}", r.1);
    }
}
both!(concurrent_creates_of_one_number_answer_409);

async fn concurrent_record_writes_keep_the_facts(app: TestApp) {
    let entry = entry_of_chengguan(&app).await;
    let c = cert("620102", "19850731", 434, 4, 3);
    let p: Person = send(&entry, Method::POST, "/persons", Some(&person(&c, "张三")))
        .await
        .unwrap();
    let records = (0..6).map(|i| {
        let rec = EmploymentCreate {
            state: if i % 2 == 0 {
                EmploymentState::Employed
            } else {
                EmploymentState::Unemployed
            },
            date: format!("2025-0{}-10", i + 1).parse().unwrap(),
            form: (i % 2 == 0).then(|| "flexible".into()),
            contract: None,
            industry: None,
            channel: None,
            employer_credit_code: None,
            employer_name: None,
            insurance: Insurance::default(),
            reason: (i % 2 == 1).then(|| "other".into()),
        };
        let entry = entry.clone();
        let path = format!("/persons/{}/employment", p.id);
        async move { send::<serde_json::Value>(&entry, Method::POST, &path, Some(&rec)).await }
    });
    for r in futures_util::future::join_all(records).await {
        r.unwrap();
    }
    let stored: Person = send(
        &entry,
        Method::GET,
        &format!("/persons/{}", p.id),
        None::<&()>,
    )
    .await
    .unwrap();
    // what a fresh derivation from the records says
    let txn = sea_orm::TransactionTrait::begin(&app.state.db)
        .await
        .unwrap();
    let fresh = shiming::store::facts::refresh(&txn, p.id).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(
        stored.employment_state.map(|s| s.as_str().to_owned()),
        fresh.current_state
    );
    assert_eq!(stored.employment_state, Some(EmploymentState::Unemployed));
    assert_eq!(
        u8::try_from(fresh.completeness).unwrap(),
        stored.completeness
    );
}
both!(concurrent_record_writes_keep_the_facts);

async fn two_tabs_refresh_at_once_but_a_stolen_token_later_is_caught(app: TestApp) {
    let mut c = app.client();
    let r = c.login("620000", ADMIN_PW).await.unwrap();
    let token = r.refresh_token.clone();
    let (mut c1, mut c2) = (app.client(), app.client());
    let (a, b) = tokio::join!(c1.refresh(&token), c2.refresh(&token));
    // one rotated it; the other came within the grace window: both sessions go on
    assert!(a.is_ok() && b.is_ok(), "{a:?} {b:?}");
    let fresh = a.unwrap().refresh_token;
    // the old token presented after the grace window: theft, every session ends
    app.clock.advance(Duration::seconds(61));
    assert!(app.client().refresh(&token).await.is_err());
    assert!(app.client().refresh(&fresh).await.is_err());
}
both!(two_tabs_refresh_at_once_but_a_stolen_token_later_is_caught);

async fn forwarded_for_is_believed_from_trusted_proxies_only(app: TestApp) {
    let login = |xff: &'static str| {
        let http = reqwest::Client::new();
        let url = format!("{}/api/v1/auth/login", app.base);
        async move {
            http.post(url)
                .header("X-Forwarded-For", xff)
                .json(&serde_json::json!({"username": "620000", "password": "Not-the-password-1"}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(login("198.51.100.1, 203.0.113.7").await, 401);
    let ip: String = app
        .text("SELECT ip AS t FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 1")
        .await;
    // the test's settings trust 127.0.0.1: the client is the last untrusted hop
    assert_eq!(ip, "203.0.113.7");
}
both!(
    forwarded_for_is_believed_from_trusted_proxies_only,
    |s: &mut shiming::Settings| s.trusted_proxies =
        shiming::settings::parse_proxies("127.0.0.1").unwrap()
);

async fn forwarded_for_is_ignored_without_trusted_proxies(app: TestApp) {
    let http = reqwest::Client::new();
    let r = http
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("X-Forwarded-For", "203.0.113.7")
        .json(&serde_json::json!({"username": "620000", "password": "Not-the-password-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let ip: String = app
        .text("SELECT ip AS t FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 1")
        .await;
    assert_eq!(ip, "127.0.0.1");
}
both!(forwarded_for_is_ignored_without_trusted_proxies);

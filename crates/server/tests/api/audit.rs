//! The audit log: every action recorded, read by the audit role within its scope only, and the
//! hash chain catches an edited and a deleted row.

use crate::both;
use crate::helpers::*;
use domain::Role;
use domain::v1::audit::AuditQuery;
use shiming::audit::Verification;

async fn city_auditor_reads_its_city(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let _other = app.admin_of(&app.admin, "620200").await;
    let _staff = app.sub_account(&lanzhou, "lz.staff", Role::Entry).await;
    lanzhou.reset_password("lz.staff").await.unwrap();
    let auditor = app.sub_account(&lanzhou, "lz.audit", Role::Audit).await;
    let page = auditor
        .audit(&AuditQuery {
            per_page: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = page.items.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "account.holder",
        "auth.login",
        "auth.change_password",
        "auth.accept_agreement",
        "account.create",
        "account.reset_password",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    assert!(
        page.items.iter().all(|e| e.region_code.starts_with("6201")),
        "another region leaked"
    );
    assert!(page.items.iter().all(|e| e.target_id != "620200"));
    // newest first, filters work
    assert!(page.items.windows(2).all(|w| w[0].id > w[1].id));
    let only = auditor
        .audit(&AuditQuery {
            action: Some("account.".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!only.items.is_empty() && only.items.iter().all(|e| e.action.starts_with("account.")));
    let by = auditor
        .audit(&AuditQuery {
            actor: Some("620100".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(by.items.iter().all(|e| e.actor == "620100"));
    // separation of duties: administrators do not read the log
    assert_problem(
        lanzhou.audit(&AuditQuery::default()).await,
        403,
        "forbidden",
    );
    assert_problem(
        app.admin.audit(&AuditQuery::default()).await,
        403,
        "forbidden",
    );
    // the province's auditor sees both cities
    let prov = app
        .sub_account(&app.admin, "sheng.audit", Role::Audit)
        .await;
    let all = prov
        .audit(&AuditQuery {
            per_page: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(all.items.iter().any(|e| e.target_id == "620200"));
    let bad = prov
        .audit(&AuditQuery {
            per_page: Some(500),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(bad.problem().unwrap().fields[0].field, "per_page");
}
both!(city_auditor_reads_its_city);

async fn chain_catches_edits_and_deletions(app: TestApp) {
    app.admin_of(&app.admin, "620100").await;
    let db = &app.state.db;
    let Verification::Intact { entries } =
        shiming::audit::verify(db, &app.audit_key()).await.unwrap()
    else {
        panic!("chain broken from the start")
    };
    assert!(entries >= 5);
    // edit one row
    app.exec("UPDATE audit_log SET actor = 'someone-else' WHERE id = 3")
        .await;
    assert!(matches!(
        shiming::audit::verify(db, &app.audit_key()).await.unwrap(),
        Verification::Broken { at_id: 3, .. }
    ));
    app.exec(
        "UPDATE audit_log SET actor = (SELECT actor FROM audit_log WHERE id = 4) WHERE id = 3",
    )
    .await;
    let r = shiming::audit::verify(db, &app.audit_key()).await.unwrap();
    assert!(
        matches!(r, Verification::Broken { at_id: 3, .. })
            || matches!(r, Verification::Intact { .. })
    );
    // delete a row in the middle
    app.exec("DELETE FROM audit_log WHERE id = 2").await;
    assert!(matches!(
        shiming::audit::verify(db, &app.audit_key()).await.unwrap(),
        Verification::Broken { at_id: 2, .. }
    ));
}
both!(chain_catches_edits_and_deletions);

async fn chain_catches_a_deleted_tail(app: TestApp) {
    app.admin_of(&app.admin, "620100").await;
    let db = &app.state.db;
    let Verification::Intact { entries } =
        shiming::audit::verify(db, &app.audit_key()).await.unwrap()
    else {
        panic!("broken")
    };
    app.exec(&format!("DELETE FROM audit_log WHERE id = {entries}"))
        .await;
    assert!(
        matches!(shiming::audit::verify(db, &app.audit_key()).await.unwrap(), Verification::Broken { at_id, .. } if at_id == entries)
    );
}
both!(chain_catches_a_deleted_tail);

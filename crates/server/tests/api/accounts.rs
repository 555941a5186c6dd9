//! Accounts: holder registration and hand-over, sub-accounts, resets, and the scope rules —
//! another city's accounts are refused with 404 on every verb.

use crate::both;
use crate::helpers::*;
use domain::v1::accounts::{AccountQuery, CreateSubAccount, RegisterHolder};
use domain::{AccountStatus, Role};

fn holder(name: &str) -> RegisterHolder {
    RegisterHolder {
        name: name.into(),
        phone: "13912345678".into(),
        approval_ref: "甘残联〔2026〕8号".into(),
    }
}

async fn city_admin_sees_only_its_city(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let _jiayuguan = app.admin_of(&app.admin, "620200").await;
    let page = lanzhou
        .accounts(&AccountQuery {
            per_page: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        page.items.iter().all(|a| a.region_code.starts_with("6201")),
        "{:?}",
        page.items
    );
    // 兰州 itself and its nine counties
    assert_eq!(page.page.total, 10);
    assert!(
        page.items
            .iter()
            .all(|a| a.phone.is_empty() || a.phone.contains('*'))
    );
    // the city manages the counties' administrator accounts, not its own
    assert!(
        page.items
            .iter()
            .all(|a| a.manageable == (a.username != "620100")),
        "{:?}",
        page.items
    );

    // every verb on another city's account, agency, region and audit: 404
    assert_problem(lanzhou.account("620200").await, 404, "not_found");
    assert_problem(lanzhou.holders("620200").await, 404, "not_found");
    assert_problem(
        lanzhou.register_holder("620200", &holder("李四")).await,
        404,
        "not_found",
    );
    assert_problem(lanzhou.reset_password("620200").await, 404, "not_found");
    assert_problem(lanzhou.disable_account("620200").await, 404, "not_found");
    assert_problem(lanzhou.enable_account("620200").await, 404, "not_found");
    assert_problem(lanzhou.account("620000").await, 404, "not_found");
    assert_problem(lanzhou.reset_password("620000").await, 404, "not_found");
    assert_problem(lanzhou.agency("620200").await, 404, "not_found");
    assert_problem(lanzhou.region("620200", None).await, 404, "not_found");
    assert_problem(
        lanzhou.region_children("620200", None).await,
        404,
        "not_found",
    );
    assert_problem(lanzhou.region("620000", None).await, 404, "not_found");
    let filtered = lanzhou
        .accounts(&AccountQuery {
            region: Some("620200".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(filtered.page.total, 0);

    // the province administrator's sub-accounts are not the city's either
    app.admin
        .create_account(&CreateSubAccount {
            username: "sheng.luru".into(),
            name: "省录入".into(),
            role: Role::Entry,
            approval_ref: "A-1".into(),
            phone: None,
        })
        .await
        .unwrap();
    assert_problem(lanzhou.account("sheng.luru").await, 404, "not_found");
    assert_problem(
        lanzhou.disable_account("sheng.luru").await,
        404,
        "not_found",
    );
}
both!(city_admin_sees_only_its_city);

async fn city_admin_manages_its_staff_and_counties(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let created = lanzhou
        .create_account(&CreateSubAccount {
            username: "lz.luru".into(),
            name: "王五".into(),
            role: Role::Entry,
            approval_ref: "兰残〔2026〕3号".into(),
            phone: Some("13800001111".into()),
        })
        .await
        .unwrap();
    assert_eq!(created.account.region_code, "620100");
    assert_eq!(created.account.phone, "138****1111");
    assert!(created.account.must_change_password);
    // the county administrator below
    let chengguan = app.admin_of(&lanzhou, "620102").await;
    chengguan.me().await.unwrap();
    let otp = lanzhou.reset_password("620102").await.unwrap();
    assert_eq!(otp.username, "620102");
    app.client()
        .login("620102", &otp.one_time_password)
        .await
        .unwrap();
    // the province does not reach two levels down, and the city cannot touch its own account
    assert_problem(app.admin.reset_password("620102").await, 403, "forbidden");
    assert_problem(lanzhou.disable_account("620100").await, 403, "forbidden");
    // a county's sub-account is the county's to manage
    let cg = app.admin_of(&lanzhou, "620103").await;
    cg.create_account(&CreateSubAccount {
        username: "qlh.cx".into(),
        name: "赵六".into(),
        role: Role::Query,
        approval_ref: "X".into(),
        phone: None,
    })
    .await
    .unwrap();
    assert_problem(lanzhou.reset_password("qlh.cx").await, 403, "forbidden");
    assert!(!lanzhou.account("qlh.cx").await.unwrap().manageable);
    assert!(cg.account("qlh.cx").await.unwrap().manageable);
    // disable, never delete
    let d = lanzhou.disable_account("lz.luru").await.unwrap();
    assert_eq!(d.status, AccountStatus::Disabled);
    let all = lanzhou
        .accounts(&AccountQuery {
            q: Some("lz.luru".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.items.len(), 1);
    let e = lanzhou.enable_account("lz.luru").await.unwrap();
    assert_eq!(e.status, AccountStatus::Active);
    // sub-accounts do not manage accounts
    let entry = app
        .activate("lz.luru", &created.one_time_password, "Entry-Password-1")
        .await;
    assert_problem(
        entry.accounts(&AccountQuery::default()).await,
        403,
        "forbidden",
    );
    assert_problem(entry.reset_password("620102").await, 403, "forbidden");
}
both!(city_admin_manages_its_staff_and_counties);

async fn sub_account_validation(app: TestApp) {
    let bad = CreateSubAccount {
        username: "X".into(),
        name: "".into(),
        role: Role::Admin,
        approval_ref: "".into(),
        phone: Some("123".into()),
    };
    let err = app.admin.create_account(&bad).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
    let fields: Vec<_> = err
        .problem()
        .unwrap()
        .fields
        .iter()
        .map(|f| (f.field.clone(), f.rule.clone()))
        .collect();
    for expected in [
        ("username", "username"),
        ("name", "length"),
        ("role", "sub_account_role"),
        ("approval_ref", "length"),
        ("phone", "phone"),
    ] {
        assert!(
            fields
                .iter()
                .any(|(f, r)| f == expected.0 && r == expected.1),
            "{expected:?} not in {fields:?}"
        );
    }
    let before = app
        .admin
        .accounts(&AccountQuery::default())
        .await
        .unwrap()
        .page
        .total;
    let ok = CreateSubAccount {
        username: "zhang.san".into(),
        name: "张三".into(),
        role: Role::Review,
        approval_ref: "A".into(),
        phone: None,
    };
    app.admin.create_account(&ok).await.unwrap();
    let dup = app.admin.create_account(&ok).await.unwrap_err();
    assert_eq!(dup.status(), Some(409));
    assert_eq!(dup.problem().unwrap().fields[0].rule, "unique");
    // an administrator username (a region code) is not a sub-account name
    let code = CreateSubAccount {
        username: "620100".into(),
        ..ok.clone()
    };
    assert_problem(app.admin.create_account(&code).await, 422, "validation");
    assert_eq!(
        app.admin
            .accounts(&AccountQuery::default())
            .await
            .unwrap()
            .page
            .total,
        before + 1
    );
}
both!(sub_account_validation);

async fn handover_keeps_history_and_ends_old_sessions(app: TestApp) {
    let old = app.admin_of(&app.admin, "620100").await;
    let otp = app
        .admin
        .register_holder("620100", &holder("新管理员"))
        .await
        .unwrap();
    assert_problem(old.me().await, 401, "unauthenticated");
    let mut c = app.client();
    let r = c.login("620100", &otp.one_time_password).await.unwrap();
    assert!(r.must_change_password && r.must_accept_agreement);
    let hs = app.admin.holders("620100").await.unwrap();
    assert_eq!(hs.len(), 2);
    assert_eq!(hs[0].name, "新管理员");
    assert!(hs[0].to.is_none() && hs[1].to.is_some());
    assert_eq!(hs[0].phone, "139****5678");
    // sub-accounts have no holder to register
    app.admin
        .create_account(&CreateSubAccount {
            username: "sheng.cx".into(),
            name: "省查询".into(),
            role: Role::Query,
            approval_ref: "A".into(),
            phone: None,
        })
        .await
        .unwrap();
    assert_problem(
        app.admin.register_holder("sheng.cx", &holder("x")).await,
        409,
        "conflict",
    );
    let err = app
        .admin
        .register_holder(
            "620200",
            &RegisterHolder {
                name: "".into(),
                phone: "1".into(),
                approval_ref: "".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert_eq!(
        app.admin.account("620200").await.unwrap().status,
        AccountStatus::Pending
    );
}
both!(handover_keeps_history_and_ends_old_sessions);

//! Login, lock-out, forced password change, the agreement gate, refresh rotation, rate limits.

use crate::both;
use crate::helpers::*;
use chrono::Duration;
use domain::Role;
use domain::v1::accounts::AccountQuery;

async fn login_and_me(app: TestApp) {
    let me = app.admin.me().await.unwrap();
    assert_eq!(me.username, "620000");
    assert_eq!(me.region.code, "620000");
    assert_eq!(me.region.name, "甘肃省");
    assert!(me.permissions.contains(&domain::Permission::RegionWrite));
    assert!(!me.permissions.contains(&domain::Permission::AuditRead));
    assert!(!me.must_change_password && !me.must_accept_agreement);
    let mut c = app.client();
    assert_problem(
        c.login("620000", "wrong-Password-1").await,
        401,
        "invalid_credentials",
    );
    assert_problem(
        c.login("nobody", "wrong-Password-1").await,
        401,
        "invalid_credentials",
    );
    // an administrator account without a holder cannot be used
    assert_problem(
        c.login("620100", "Whatever-pass-1").await,
        403,
        "account_pending",
    );
    // the agreement text is public, in both languages
    let a = app.client().agreement().await.unwrap();
    assert!(
        a.text_zh.contains("保密")
            && a.text_en.contains("confidentiality")
            && !a.version.is_empty()
    );
}
both!(login_and_me);

async fn lockout_after_five_failures(app: TestApp) {
    let city = app.admin_of(&app.admin, "620100").await;
    drop(city);
    let mut c = app.client();
    for _ in 0..4 {
        assert_problem(
            c.login("620100", "Wrong-password-9").await,
            401,
            "invalid_credentials",
        );
    }
    assert_problem(
        c.login("620100", "Wrong-password-9").await,
        423,
        "account_locked",
    );
    // the right password does not help while locked
    assert_problem(
        c.login("620100", "Admin-001026-pw!").await,
        423,
        "account_locked",
    );
    app.clock
        .advance(Duration::minutes(14) + Duration::seconds(59));
    assert_problem(
        c.login("620100", "Admin-001026-pw!").await,
        423,
        "account_locked",
    );
    app.clock.advance(Duration::seconds(1));
    c.login("620100", "Admin-001026-pw!").await.unwrap();
}
both!(lockout_after_five_failures);

async fn forced_change_and_agreement_gate(app: TestApp) {
    let otp = app
        .admin
        .register_holder(
            "620100",
            &domain::v1::accounts::RegisterHolder {
                name: "张三".into(),
                phone: "13912345678".into(),
                approval_ref: "甘残联〔2026〕1号".into(),
            },
        )
        .await
        .unwrap();
    let mut c = app.client();
    let r = c.login("620100", &otp.one_time_password).await.unwrap();
    assert!(r.must_change_password && r.must_accept_agreement);
    assert_problem(
        c.accounts(&AccountQuery::default()).await,
        403,
        "password_change_required",
    );
    assert_problem(c.accept_agreement().await, 403, "password_change_required");
    // the policy, field by field
    let err = c
        .change_password(&otp.one_time_password, "short")
        .await
        .unwrap_err();
    let rules: Vec<_> = err
        .problem()
        .unwrap()
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.rule.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            ("new_password", "min_length"),
            ("new_password", "char_classes")
        ]
    );
    let err = c
        .change_password(&otp.one_time_password, "Xx-620100-password")
        .await
        .unwrap_err();
    assert_eq!(err.problem().unwrap().fields[0].rule, "contains_username");
    assert_problem(
        c.change_password("not-the-otp", "Good-Password-1").await,
        422,
        "validation",
    );
    // the one-time password itself is in the history
    let err = c
        .change_password(&otp.one_time_password, &otp.one_time_password)
        .await
        .unwrap_err();
    assert_eq!(err.problem().unwrap().fields[0].rule, "reused");
    let r = c
        .change_password(&otp.one_time_password, "Good-Password-1")
        .await
        .unwrap();
    // an administrator sets up two-factor login next: nothing else works until then
    assert!(r.must_enrol_mfa);
    assert_problem(
        c.accounts(&AccountQuery::default()).await,
        403,
        "mfa_enrolment_required",
    );
    let me = c.me().await.unwrap();
    assert!(me.must_enrol_mfa && me.mfa_required && !me.mfa_enabled);
    app.authenticator.enrol(&c, "620100").await;
    assert_problem(
        c.accounts(&AccountQuery::default()).await,
        403,
        "agreement_required",
    );
    assert!(c.me().await.unwrap().must_accept_agreement);
    c.accept_agreement().await.unwrap();
    c.accounts(&AccountQuery::default()).await.unwrap();
    // none of the last five again
    c.change_password("Good-Password-1", "Good-Password-2")
        .await
        .unwrap();
    let err = c
        .change_password("Good-Password-2", "Good-Password-1")
        .await
        .unwrap_err();
    assert_eq!(err.problem().unwrap().fields[0].rule, "reused");
    // after 90 days the password must be changed again (logging in meanwhile, so the account is
    // not locked for inactivity)
    for _ in 0..3 {
        app.clock.advance(Duration::days(29));
        assert!(
            !c.login("620100", "Good-Password-2")
                .await
                .unwrap()
                .must_change_password
        );
    }
    app.clock.advance(Duration::days(3));
    let r = c.login("620100", "Good-Password-2").await.unwrap();
    assert!(r.must_change_password);
    assert_problem(
        c.accounts(&AccountQuery::default()).await,
        403,
        "password_change_required",
    );
}
both!(forced_change_and_agreement_gate);

async fn refresh_rotates_and_detects_reuse(app: TestApp) {
    let city = app.admin_of(&app.admin, "620100").await;
    drop(city);
    let mut c = app.client();
    let first = c.login("620100", "Admin-001026-pw!").await.unwrap();
    let second = c.refresh(&first.refresh_token).await.unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    c.me().await.unwrap();
    // presenting the used token again (after the grace window of a second tab) ends every
    // session of the account
    app.clock.advance(chrono::Duration::seconds(31));
    assert_problem(
        c.refresh(&first.refresh_token).await,
        401,
        "unauthenticated",
    );
    assert_problem(
        c.refresh(&second.refresh_token).await,
        401,
        "unauthenticated",
    );
    assert_problem(c.me().await, 401, "unauthenticated");
    // idle for 30 minutes: the session is over
    let third = c.login("620100", "Admin-001026-pw!").await.unwrap();
    app.clock.advance(Duration::minutes(29));
    let fourth = c.refresh(&third.refresh_token).await.unwrap();
    app.clock.advance(Duration::minutes(30));
    assert_problem(
        c.refresh(&fourth.refresh_token).await,
        401,
        "unauthenticated",
    );
    // logout revokes the refresh token
    let fifth = c.login("620100", "Admin-001026-pw!").await.unwrap();
    c.logout(&fifth.refresh_token).await.unwrap();
    assert_problem(
        c.refresh(&fifth.refresh_token).await,
        401,
        "unauthenticated",
    );
}
both!(refresh_rotates_and_detects_reuse);

async fn login_is_rate_limited_per_address(app: TestApp) {
    let mut c = app.client();
    let mut statuses = Vec::new();
    for _ in 0..32 {
        statuses.push(
            c.login("nobody", "Wrong-password-1")
                .await
                .unwrap_err()
                .status()
                .unwrap(),
        );
    }
    // one login by the helper, then 29 more allowed in the minute
    assert!(statuses[..29].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[31], 429);
    app.clock.advance(Duration::minutes(1));
    c.login("620000", ADMIN_PW).await.unwrap();
}
both!(login_is_rate_limited_per_address);

async fn sub_account_sees_only_its_menu(app: TestApp) {
    let q = app.sub_account(&app.admin, "chaxun", Role::Query).await;
    let me = q.me().await.unwrap();
    assert_eq!(me.role, Role::Query);
    assert!(me.permissions.contains(&domain::Permission::RegionRead));
    assert!(!me.permissions.contains(&domain::Permission::AccountRead));
    assert_problem(q.accounts(&AccountQuery::default()).await, 403, "forbidden");
    assert_problem(q.audit(&Default::default()).await, 403, "forbidden");
    q.region("620000", None).await.unwrap();
}
both!(sub_account_sees_only_its_menu);

//! Two-factor login: enrolment, codes taken once, recovery codes, the lock-out, the reset by the
//! superior (and by the CLI for the province), the province's policy, the previous-login trace,
//! and what the database holds.

use crate::both;
use crate::helpers::*;
use chrono::Duration;
use client::{Client, Error};
use domain::Role;
use domain::v1::accounts::AccountQuery;
use domain::v1::auth::{LoginResult, SecurityPolicy};

/// A client without an authenticator: it sees the challenge.
fn bare(app: &TestApp) -> Client {
    Client::new(app.base.clone())
}

async fn challenge(app: &TestApp, username: &str, pw: &str) -> (Client, String) {
    let mut c = bare(app);
    match c.login_start(username, pw).await.unwrap() {
        LoginResult::Mfa(ch) => {
            assert!(ch.mfa_required);
            assert_eq!(ch.expires_in, domain::mfa::CHALLENGE_SECS);
            (c, ch.mfa_token)
        }
        LoginResult::Tokens(_) => panic!("{username} signed in without a second factor"),
    }
}

async fn codes_are_taken_once_and_expire(app: TestApp) {
    app.admin_of(&app.admin, "620100").await;
    let pw = admin_pw("620100");
    // a client without codes stops at the challenge
    assert!(matches!(
        bare(&app).login("620100", &pw).await,
        Err(Error::MfaRequired(_))
    ));
    let (mut c, token) = challenge(&app, "620100", &pw).await;
    assert!(c.token().is_none());
    assert_problem(c.login_mfa(&token, "000000x").await, 401, "mfa_invalid");
    assert_problem(
        c.login_mfa("forged-token", "123456").await,
        401,
        "mfa_invalid",
    );
    let code = app.authenticator.code("620100").unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_problem(c.login_mfa(&token, wrong).await, 401, "mfa_invalid");
    // the token survives wrong codes and is spent by the right one
    let r = c.login_mfa(&token, &code).await.unwrap();
    assert!(!r.must_enrol_mfa && !r.mfa_required);
    c.accounts(&AccountQuery::default()).await.unwrap();
    assert_problem(c.login_mfa(&token, &code).await, 401, "mfa_invalid");
    // the same code with a fresh challenge: taken already
    let (mut c2, token2) = challenge(&app, "620100", &pw).await;
    let again = app.authenticator.last_code("620100").unwrap();
    assert_problem(c2.login_mfa(&token2, &again).await, 401, "mfa_invalid");
    // a challenge older than five minutes is void
    app.clock
        .advance(Duration::seconds(domain::mfa::CHALLENGE_SECS as i64 + 1));
    let code = app.authenticator.code("620100").unwrap();
    assert_problem(c2.login_mfa(&token2, &code).await, 401, "mfa_invalid");
    let (mut c3, token3) = challenge(&app, "620100", &pw).await;
    c3.login_mfa(&token3, &code).await.unwrap();
    let entry = app
        .text("SELECT after AS t FROM audit_log WHERE action = 'auth.login' AND target_id = '620100' ORDER BY id DESC LIMIT 1")
        .await;
    assert!(entry.contains("totp"), "{entry}");
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.mfa_failed'")
            .await,
        3,
        "the malformed, the wrong and the used code count; a forged or expired token names no account"
    );
}
both!(codes_are_taken_once_and_expire);

async fn one_code_in_parallel_signs_in_once(app: TestApp) {
    app.admin_of(&app.admin, "620100").await;
    let pw = admin_pw("620100");
    let (a, ta) = challenge(&app, "620100", &pw).await;
    let (b, tb) = challenge(&app, "620100", &pw).await;
    let code = app.authenticator.code("620100").unwrap();
    let (mut a, mut b) = (a, b);
    let (ra, rb) = tokio::join!(a.login_mfa(&ta, &code), b.login_mfa(&tb, &code));
    assert_eq!(
        u8::from(ra.is_ok()) + u8::from(rb.is_ok()),
        1,
        "{ra:?} {rb:?}"
    );
}
both!(one_code_in_parallel_signs_in_once);

async fn recovery_codes_work_once(app: TestApp) {
    // a province sub-account: two factors are required of the province's own staff
    let mut c = bare(&app).with_codes(app.authenticator.source());
    let created = app
        .admin
        .create_account(&domain::v1::accounts::CreateSubAccount {
            username: "gs.anquan".into(),
            name: "安全员".into(),
            role: Role::Audit,
            approval_ref: "批-1".into(),
            phone: None,
        })
        .await
        .unwrap();
    let otp = created.one_time_password;
    let r = c.login("gs.anquan", &otp).await.unwrap();
    assert!(r.must_change_password);
    let r = c.change_password(&otp, "Anquan-pass-2026").await.unwrap();
    assert!(r.must_enrol_mfa);
    // enrolment: starting again replaces the secret; a wrong first code is a 422; then on
    let first = c.mfa_enrolment().await.unwrap();
    let e = c.mfa_enrolment().await.unwrap();
    assert_ne!(first.secret, e.secret);
    assert!(
        e.otpauth_uri
            .starts_with("otpauth://totp/shiming:gs.anquan?"),
        "{}",
        e.otpauth_uri
    );
    assert_eq!((e.digits, e.period), (6, 30));
    let now = u64::try_from(app.clock_now().timestamp()).unwrap();
    let app_code = |secret: &str, at: u64| {
        totp(totp_rs::Secret::try_from_base32(secret).unwrap().as_bytes())
            .generate(at)
            .to_string()
    };
    let right = app_code(&e.secret, now);
    assert_problem(c.mfa_confirm("12345").await, 422, "validation");
    // the replaced secret's code, and one from two minutes ago, are no good
    for wrong in [app_code(&first.secret, now), app_code(&e.secret, now - 120)] {
        if wrong != right {
            assert_problem(c.mfa_confirm(&wrong).await, 422, "validation");
        }
    }
    let codes = c.mfa_confirm(&right).await.unwrap().codes;
    assert_eq!(codes.len(), 10);
    assert!(
        codes
            .iter()
            .all(|k| k.len() == 19 && k.matches('-').count() == 3)
    );
    assert_problem(c.mfa_enrolment().await, 409, "conflict");
    c.accept_agreement().await.unwrap();
    let me = c.me().await.unwrap();
    assert!(me.mfa_enabled && me.mfa_required && !me.must_enrol_mfa);
    assert_eq!(me.recovery_codes_left, 10);
    // the database holds neither the secret nor a recovery code
    let row = app
        .text("SELECT mfa_secret AS t FROM accounts WHERE username = 'gs.anquan'")
        .await;
    assert!(!row.contains(&e.secret) && !row.is_empty());
    let hashes = app
        .text("SELECT MIN(code_hash) AS t FROM mfa_recovery_codes")
        .await;
    for k in &codes {
        assert!(!hashes.contains(&k.replace('-', "")));
    }
    // a recovery code, typed in lower case without dashes, logs in once
    let typed = codes[3].replace('-', "").to_lowercase();
    let (mut c1, t1) = challenge(&app, "gs.anquan", "Anquan-pass-2026").await;
    c1.login_mfa(&t1, &typed).await.unwrap();
    assert_eq!(c1.me().await.unwrap().recovery_codes_left, 9);
    let (mut c2, t2) = challenge(&app, "gs.anquan", "Anquan-pass-2026").await;
    assert_problem(c2.login_mfa(&t2, &codes[3]).await, 401, "mfa_invalid");
    // another account's code is no good either
    app.admin_of(&app.admin, "620100").await;
    let (mut c3, t3) = challenge(&app, "620100", &admin_pw("620100")).await;
    assert_problem(c3.login_mfa(&t3, &codes[4]).await, 401, "mfa_invalid");
    let entry = app
        .text("SELECT after AS t FROM audit_log WHERE action = 'auth.login' AND target_id = 'gs.anquan' ORDER BY id DESC LIMIT 1")
        .await;
    assert!(entry.contains("recovery_code"), "{entry}");
}
both!(recovery_codes_work_once);

async fn wrong_codes_lock_the_account(app: TestApp) {
    app.admin_of(&app.admin, "620100").await;
    let pw = admin_pw("620100");
    // two wrong passwords, then wrong codes: five failures in all lock it
    for _ in 0..2 {
        assert_problem(
            bare(&app).login_start("620100", "Wrong-pass-123").await,
            401,
            "invalid_credentials",
        );
    }
    let (mut c, token) = challenge(&app, "620100", &pw).await;
    let code = app.authenticator.code("620100").unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_problem(c.login_mfa(&token, wrong).await, 401, "mfa_invalid");
    assert_problem(c.login_mfa(&token, wrong).await, 401, "mfa_invalid");
    assert_problem(c.login_mfa(&token, wrong).await, 423, "account_locked");
    // locked: not even the right code, nor the right password, get through
    assert_problem(c.login_mfa(&token, &code).await, 423, "account_locked");
    assert_problem(
        bare(&app).login_start("620100", &pw).await,
        423,
        "account_locked",
    );
    // after the lock the failures start again from nothing
    app.clock.advance(Duration::minutes(16));
    let mut c = app.client();
    c.login("620100", &pw).await.unwrap();
    let prev = c.me().await.unwrap().previous_login.unwrap();
    assert_eq!(prev.failed_attempts, 5);
}
both!(wrong_codes_lock_the_account);

async fn the_superior_resets_two_factor_login(app: TestApp) {
    let mut lanzhou = app.admin_of(&app.admin, "620100").await;
    let tianshui = app.admin_of(&app.admin, "620500").await;
    assert!(lanzhou.account("620100").await.unwrap().mfa_enabled);
    // neither a peer nor the holder itself resets it
    assert_problem(tianshui.reset_mfa("620100").await, 404, "not_found");
    assert!(lanzhou.reset_mfa("620100").await.is_err());
    assert!(lanzhou.reset_mfa("620000").await.is_err());
    let acc = app.admin.reset_mfa("620100").await.unwrap();
    assert!(!acc.mfa_enabled);
    assert_problem(app.admin.reset_mfa("620100").await, 409, "conflict");
    // the holder's sessions end; the next login gives tokens that only enrol
    assert_problem(lanzhou.me().await, 401, "unauthenticated");
    app.authenticator.forget("620100");
    let r = lanzhou.login("620100", &admin_pw("620100")).await.unwrap();
    assert!(r.must_enrol_mfa);
    assert_problem(
        lanzhou.accounts(&AccountQuery::default()).await,
        403,
        "mfa_enrolment_required",
    );
    app.authenticator.enrol(&lanzhou, "620100").await;
    lanzhou.accounts(&AccountQuery::default()).await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'account.reset_mfa' AND target_id = '620100'")
            .await,
        1
    );
}
both!(the_superior_resets_two_factor_login);

async fn the_province_can_require_two_factors_of_everyone(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let mut entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    // a city's operator logs in with a password alone
    let me = entry.me().await.unwrap();
    assert!(!me.mfa_required && !me.mfa_enabled);
    assert!(!app.admin.security_policy().await.unwrap().mfa_for_everyone);
    let on = SecurityPolicy {
        mfa_for_everyone: true,
    };
    assert_problem(lanzhou.set_security_policy(&on).await, 403, "forbidden");
    assert_problem(entry.set_security_policy(&on).await, 403, "forbidden");
    assert_eq!(app.admin.set_security_policy(&on).await.unwrap(), on);
    // at the next request the operator must set it up
    assert_problem(
        entry.accounts(&AccountQuery::default()).await,
        403,
        "mfa_enrolment_required",
    );
    assert!(entry.me().await.unwrap().must_enrol_mfa);
    app.authenticator.enrol(&entry, "lz.luru").await;
    let r = entry.login("lz.luru", "Sub-Account-pw1!").await.unwrap();
    assert!(!r.must_enrol_mfa);
    // off again: an enrolled operator keeps the second factor
    app.admin
        .set_security_policy(&SecurityPolicy {
            mfa_for_everyone: false,
        })
        .await
        .unwrap();
    assert!(matches!(
        bare(&app)
            .login_start("lz.luru", "Sub-Account-pw1!")
            .await
            .unwrap(),
        LoginResult::Mfa(_)
    ));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'policy.update'")
            .await,
        2
    );
}
both!(the_province_can_require_two_factors_of_everyone);

async fn everyone_sees_their_previous_login(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let mut entry = app.sub_account(&lanzhou, "lz.luru", Role::Entry).await;
    let first = entry.me().await.unwrap().previous_login;
    assert!(first.is_none(), "{first:?}");
    let at = app.clock_now();
    app.clock.advance(Duration::hours(3));
    assert!(
        bare(&app)
            .login("lz.luru", "Wrong-pass-1234")
            .await
            .is_err()
    );
    entry.login("lz.luru", "Sub-Account-pw1!").await.unwrap();
    let prev = entry.me().await.unwrap().previous_login.unwrap();
    assert_eq!(prev.at, at);
    assert_eq!(prev.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(prev.failed_attempts, 1);
}
both!(everyone_sees_their_previous_login);

/// The province administrator has no superior: `shiming account reset-mfa` on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_resets_the_province_administrator() {
    let app = spawn(Backend::Sqlite).await;
    assert!(app.admin.me().await.unwrap().mfa_enabled);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiming"))
        .args(["account", "reset-mfa", "620000"])
        .env("SHIMING_DATA_DIR", app.data_dir())
        .env("SHIMING_AUDIT_KEY", "5e".repeat(32))
        .env_remove("DATABASE_URL")
        .env_remove("SHIMING_DATA_KEYS")
        .env_remove("SHIMING_DATA_KEY_FILE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_problem(app.admin.me().await, 401, "unauthenticated");
    let mut c = bare(&app);
    let r = c.login("620000", ADMIN_PW).await.unwrap();
    assert!(r.must_enrol_mfa);
}

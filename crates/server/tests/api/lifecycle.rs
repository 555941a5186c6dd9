//! The inactivity rules at exact dates with the test's clock: locked after 30 days without login,
//! reopened by the administrator; cancelled after two years unused.

use crate::both;
use crate::helpers::*;
use chrono::{Duration, Months};
use domain::v1::accounts::CreateSubAccount;
use domain::{AccountStatus, Role};

async fn thirty_days_then_two_years(mut app: TestApp) {
    let start = shiming::Clock::now(&app.clock);
    let mut used = app.sub_account(&app.admin, "used", Role::Entry).await; // logs in at `start`
    app.admin
        .create_account(&CreateSubAccount {
            username: "unused".into(),
            name: "未使用".into(),
            role: Role::Query,
            approval_ref: "A".into(),
            phone: None,
        })
        .await
        .unwrap();

    // one second short of 30 days: still fine (the job runs, nothing changes)
    app.clock
        .set(start + Duration::days(30) - Duration::seconds(1));
    app.relogin_admin().await;
    let r = shiming::jobs::account_lifecycle(&app.state, shiming::Clock::now(&app.clock))
        .await
        .unwrap();
    assert_eq!(r.dormant, 0);
    // exactly 30 days: the job locks both sub-accounts
    app.clock.set(start + Duration::days(30));
    let r = shiming::jobs::account_lifecycle(&app.state, shiming::Clock::now(&app.clock))
        .await
        .unwrap();
    assert_eq!(r.dormant, 2);
    assert_problem(
        used.login("used", "Sub-Account-pw1!").await,
        423,
        "account_dormant",
    );
    assert_eq!(
        app.admin.account("used").await.unwrap().status,
        AccountStatus::Dormant
    );
    // the administrator reopens it
    app.admin.enable_account("used").await.unwrap();
    used.login("used", "Sub-Account-pw1!").await.unwrap();

    // the login-time check applies the rule without the job, at the exact moment
    let last = shiming::Clock::now(&app.clock);
    app.clock.set(last + Duration::days(29));
    app.relogin_admin().await;
    app.clock.set(last + Duration::days(30));
    assert_problem(
        used.login("used", "Sub-Account-pw1!").await,
        423,
        "account_dormant",
    );
    app.relogin_admin().await;

    // two calendar years after `start` the never-used account is cancelled; keep the
    // administrator alive meanwhile
    let two_years = start.checked_add_months(Months::new(24)).unwrap();
    let mut t = shiming::Clock::now(&app.clock);
    while t + Duration::days(29) < two_years {
        t += Duration::days(29);
        app.clock.set(t);
        app.relogin_admin().await;
    }
    app.clock.set(two_years - Duration::seconds(1));
    app.relogin_admin().await;
    shiming::jobs::account_lifecycle(&app.state, shiming::Clock::now(&app.clock))
        .await
        .unwrap();
    assert_eq!(
        app.admin.account("unused").await.unwrap().status,
        AccountStatus::Dormant
    );
    app.clock.set(two_years);
    let r = shiming::jobs::account_lifecycle(&app.state, shiming::Clock::now(&app.clock))
        .await
        .unwrap();
    assert!(r.cancelled >= 1);
    assert_eq!(
        app.admin.account("unused").await.unwrap().status,
        AccountStatus::Cancelled
    );
    assert_problem(
        app.client().login("unused", "Whatever-1-pass").await,
        403,
        "account_cancelled",
    );
    // cancelled is final; the record stays
    assert_problem(app.admin.enable_account("unused").await, 409, "conflict");
}
// two years of simulated time: keep the administrator's password from expiring meanwhile
both!(thirty_days_then_two_years, |s: &mut shiming::Settings| s
    .policy
    .password_max_age_days =
    3650);

async fn daily_job_runs_once_a_day(app: TestApp) {
    let now = shiming::Clock::now(&app.clock);
    let claim = |at| {
        let db = app.state.db.clone();
        async move {
            let txn = sea_orm::TransactionTrait::begin(&db).await.unwrap();
            let won = shiming::jobs::claim(&txn, "account_lifecycle", at)
                .await
                .unwrap();
            txn.commit().await.unwrap();
            won
        }
    };
    assert!(claim(now).await);
    assert!(!claim(now + Duration::hours(1)).await);
    assert!(claim(now + Duration::days(1)).await);
    // several processes asking at once: exactly one wins the day
    let day = now + Duration::days(2);
    let wins = futures_util::future::join_all((0..6).map(|_| claim(day))).await;
    assert_eq!(wins.iter().filter(|w| **w).count(), 1);
}
both!(daily_job_runs_once_a_day);

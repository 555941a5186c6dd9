//! Sessions: a holder lists and ends their own (one, or all the others), logout ends the
//! session's access token at once, a superior administrator ends a subordinate's, the number of
//! concurrent sessions is limited, and two sessions ending each other at once leave one.

use crate::both;
use crate::helpers::*;
use client::Client;
use domain::Role;
use domain::v1::auth::{LoginResponse, Session};

/// A further login of the province administrator: the client and its tokens.
async fn another_admin_login(app: &TestApp) -> (Client, LoginResponse) {
    let mut c = app.client();
    let r = c.login("620000", ADMIN_PW).await.expect("login");
    (c, r)
}

/// The caller's own session, as its list says.
async fn own(c: &Client) -> Session {
    let list = c.sessions().await.expect("sessions");
    let mine: Vec<_> = list.items.into_iter().filter(|s| s.current).collect();
    assert_eq!(mine.len(), 1, "exactly one session is the caller's");
    mine.into_iter().next().unwrap()
}

async fn a_holder_lists_and_ends_their_sessions(app: TestApp) {
    let (second, second_tokens) = another_admin_login(&app).await;
    let list = app.admin.sessions().await.unwrap();
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.max, 10);
    // the most recently used first; where from and with what
    let b = own(&second).await;
    assert_eq!(list.items[0].id, b.id);
    assert!(!list.items[0].current && list.items[1].current);
    assert_eq!(b.ip.as_deref(), Some("127.0.0.1"));
    assert!(
        b.user_agent
            .as_deref()
            .is_some_and(|ua| ua.starts_with("shiming-client/")),
        "{b:?}"
    );
    assert_eq!(b.id.len(), 32);

    // another account's sessions are neither listed nor endable
    let city = app.admin_of(&app.admin, "620100").await;
    let theirs = own(&city).await;
    assert!(
        !app.admin
            .sessions()
            .await
            .unwrap()
            .items
            .iter()
            .any(|s| s.id == theirs.id)
    );
    assert_problem(app.admin.end_session(&theirs.id).await, 404, "not_found");
    assert_problem(city.end_session(&b.id).await, 404, "not_found");
    city.me().await.unwrap();
    assert_problem(
        app.admin.end_session("no-such-session").await,
        404,
        "not_found",
    );

    // ending one: its access token stops at once, its refresh token quietly
    app.admin.end_session(&b.id).await.unwrap();
    assert_problem(second.me().await, 401, "unauthenticated");
    let mut refresher = app.client();
    assert_problem(
        refresher.refresh(&second_tokens.refresh_token).await,
        401,
        "unauthenticated",
    );
    // ... and that is no reuse alarm: this session goes on
    app.admin.me().await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.refresh_reuse'")
            .await,
        0
    );
    assert_problem(app.admin.end_session(&b.id).await, 404, "not_found");

    // all the others
    let (third, _) = another_admin_login(&app).await;
    let (fourth, _) = another_admin_login(&app).await;
    assert_eq!(app.admin.end_other_sessions().await.unwrap().ended, 2);
    assert_problem(third.me().await, 401, "unauthenticated");
    assert_problem(fourth.me().await, 401, "unauthenticated");
    let left = app.admin.sessions().await.unwrap().items;
    assert_eq!(left.len(), 1);
    assert!(left[0].current);
    assert_eq!(app.admin.end_other_sessions().await.unwrap().ended, 0);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.end_sessions' AND target_id = '620000'"
        )
        .await,
        3
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM sessions WHERE end_reason = 'user'")
            .await,
        3
    );
    // ending one's own session is logging out
    let mine = own(&app.admin).await;
    app.admin.end_session(&mine.id).await.unwrap();
    assert_problem(app.admin.me().await, 401, "unauthenticated");
}
both!(a_holder_lists_and_ends_their_sessions);

async fn logout_ends_the_access_token_too(app: TestApp) {
    let (second, tokens) = another_admin_login(&app).await;
    second.me().await.unwrap();
    second.logout(&tokens.refresh_token).await.unwrap();
    // before sessions, the access token lived on for up to 15 minutes
    assert_problem(second.me().await, 401, "unauthenticated");
    assert_eq!(app.admin.sessions().await.unwrap().items.len(), 1);
    let mut c = app.client();
    assert_problem(
        c.refresh(&tokens.refresh_token).await,
        401,
        "unauthenticated",
    );
    app.admin.me().await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM sessions WHERE end_reason = 'logout'")
            .await,
        1
    );
    // one tab refreshed and logged out; the sibling tab's older token, a moment later, is
    // told so: no reuse alarm that would end every session of the account
    let (mut third, first) = another_admin_login(&app).await;
    let rotated = third.refresh(&first.refresh_token).await.unwrap();
    third.logout(&rotated.refresh_token).await.unwrap();
    assert_problem(
        c.refresh(&first.refresh_token).await,
        401,
        "unauthenticated",
    );
    app.admin.me().await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.refresh_reuse'")
            .await,
        0
    );
}
both!(logout_ends_the_access_token_too);

async fn refresh_carries_the_session_on(app: TestApp) {
    let (mut second, tokens) = another_admin_login(&app).await;
    let before = own(&second).await;
    app.clock.advance(chrono::Duration::minutes(10));
    second.refresh(&tokens.refresh_token).await.unwrap();
    let after = own(&second).await;
    assert_eq!(after.id, before.id, "a refresh is the same session");
    // an old token of the chain, long rotated, logs nothing out
    app.clock.advance(chrono::Duration::minutes(1));
    second.logout(&tokens.refresh_token).await.unwrap();
    second.me().await.unwrap();
    assert_eq!(after.created_at, before.created_at);
    assert!(after.last_seen_at > before.last_seen_at);
    // idle past the timeout: no longer listed
    app.clock.advance(chrono::Duration::minutes(31));
    let mut c = app.client();
    c.login("620000", ADMIN_PW).await.unwrap();
    let ids: Vec<_> = c
        .sessions()
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
}
both!(refresh_carries_the_session_on);

async fn an_administrator_ends_a_subordinates_sessions(app: TestApp) {
    let city = app.admin_of(&app.admin, "620100").await;
    let other_city = app.admin_of(&app.admin, "620200").await;
    let county = app.admin_of(&city, "620102").await;
    let entry = app.sub_account(&city, "lz.luru", Role::Entry).await;
    // activation: the login with the one-time password ended with the password change
    let listed = app.admin.account_sessions("620100").await.unwrap();
    assert_eq!(listed.items.len(), 1);
    assert!(!listed.items[0].current);
    assert_eq!(listed.items[0].id, own(&city).await.id);
    // who may not: a sibling city, the subordinate itself on its superior, a sub-account
    assert_problem(
        other_city.account_sessions("620100").await,
        404,
        "not_found",
    );
    assert_problem(
        other_city.end_account_sessions("620100").await,
        404,
        "not_found",
    );
    assert_problem(city.account_sessions("620000").await, 404, "not_found");
    assert_problem(city.end_account_sessions("620000").await, 404, "not_found");
    assert_problem(entry.account_sessions("620100").await, 403, "forbidden");
    assert_problem(
        entry.end_account_sessions("lz.luru").await,
        403,
        "forbidden",
    );
    // the province manages the cities, not the counties below them
    assert_problem(
        app.admin.end_account_sessions("620102").await,
        403,
        "forbidden",
    );
    county.me().await.unwrap();
    // the city's administrator ends its sub-account's, the province the city's
    assert_eq!(city.end_account_sessions("lz.luru").await.unwrap().ended, 1);
    assert_problem(entry.me().await, 401, "unauthenticated");
    assert_eq!(
        app.admin
            .end_account_sessions("620100")
            .await
            .unwrap()
            .ended,
        1
    );
    assert_problem(city.me().await, 401, "unauthenticated");
    assert!(
        app.admin
            .account_sessions("620100")
            .await
            .unwrap()
            .items
            .is_empty()
    );
    other_city.me().await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'account.end_sessions'")
            .await,
        2
    );
    // the password stays: the holder logs in again
    let mut again = app.client();
    again.login("620100", &admin_pw("620100")).await.unwrap();
    again.me().await.unwrap();
}
both!(an_administrator_ends_a_subordinates_sessions);

async fn logins_beyond_the_limit_end_the_least_recent(app: TestApp) {
    let mut later = Vec::new();
    for _ in 0..4 {
        later.push(another_admin_login(&app).await.0);
    }
    // five logins, three allowed: the first two went
    assert_problem(app.admin.me().await, 401, "unauthenticated");
    assert_problem(later[0].me().await, 401, "unauthenticated");
    for c in &later[1..] {
        c.me().await.unwrap();
    }
    let list = later[3].sessions().await.unwrap();
    assert_eq!((list.items.len(), list.max), (3, 3));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM sessions WHERE end_reason = 'superseded'")
            .await,
        2
    );
}
both!(logins_beyond_the_limit_end_the_least_recent, |s| s
    .max_sessions =
    3);

async fn a_password_change_keeps_only_this_session(app: TestApp) {
    let mut city = app.admin_of(&app.admin, "620100").await;
    let mut other = app.client();
    other.login("620100", &admin_pw("620100")).await.unwrap();
    city.change_password(&admin_pw("620100"), "Another-Pass-2026!")
        .await
        .unwrap();
    assert_problem(other.me().await, 401, "unauthenticated");
    let list = city.sessions().await.unwrap().items;
    assert_eq!(list.len(), 1);
    assert!(list[0].current);
}
both!(a_password_change_keeps_only_this_session);

async fn two_sessions_ending_each_other_at_once_leave_one(app: TestApp) {
    for _ in 0..3 {
        let (a, _) = another_admin_login(&app).await;
        let (b, _) = another_admin_login(&app).await;
        let (ra, rb) = tokio::join!(a.end_other_sessions(), b.end_other_sessions());
        let ok = [ra.is_ok(), rb.is_ok()];
        assert_eq!(ok.iter().filter(|x| **x).count(), 1, "{ra:?} {rb:?}");
        for r in [ra, rb] {
            match r {
                Ok(n) => assert!(n.ended >= 1),
                Err(e) => assert_eq!(e.status(), Some(401), "{e:?}"),
            }
        }
        let survivor = if a.me().await.is_ok() { &a } else { &b };
        assert_eq!(survivor.sessions().await.unwrap().items.len(), 1);
    }
}
both!(two_sessions_ending_each_other_at_once_leave_one);

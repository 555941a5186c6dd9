//! Access tokens: expired, tampered, `alg: none`, algorithm swaps, wrong audience and revoked
//! tokens are all refused.

use crate::both;
use crate::helpers::*;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::Duration;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

fn b64(v: &serde_json::Value) -> String {
    B64.encode(v.to_string())
}

async fn secret(app: &TestApp) -> String {
    shiming::store::secrets::get_or_create(&app.state.db, "jwt_hs256")
        .await
        .unwrap()
}

/// Claims like the admin's real token's, with another audience.
fn claims(app: &TestApp, aud: &str) -> serde_json::Value {
    let good = app.admin.token().unwrap();
    let mut c: serde_json::Value =
        serde_json::from_slice(&B64.decode(good.split('.').nth(1).unwrap()).unwrap()).unwrap();
    let now = app.clock.now_ts();
    c["aud"] = json!(aud);
    c["iat"] = json!(now);
    c["exp"] = json!(now + 600);
    c
}

trait NowTs {
    fn now_ts(&self) -> i64;
}
impl NowTs for shiming::ManualClock {
    fn now_ts(&self) -> i64 {
        shiming::Clock::now(self).timestamp()
    }
}

async fn tokens_are_checked(app: TestApp) {
    let me = app.admin.me().await.unwrap();
    assert_eq!(me.username, "620000");
    let good = app.admin.token().unwrap().to_owned();
    let key = secret(&app).await;
    // a correctly signed token of our own making is accepted (so the refusals below are real)
    let ours = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims(&app, "shiming-api"),
        &EncodingKey::from_secret(key.as_bytes()),
    )
    .unwrap();
    app.client().with_token(&ours).me().await.unwrap();

    let mut refused = Vec::new();
    // tampered payload (another uid), original signature
    let parts: Vec<&str> = good.split('.').collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
    payload["uid"] = json!(2);
    refused.push((
        "tampered",
        format!("{}.{}.{}", parts[0], b64(&payload), parts[2]),
    ));
    // alg: none
    refused.push((
        "alg none",
        format!(
            "{}.{}.",
            b64(&json!({"alg": "none", "typ": "JWT"})),
            b64(&claims(&app, "shiming-api"))
        ),
    ));
    // header claims RS256 but carries an HMAC made with the shared secret (key confusion)
    let hs = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims(&app, "shiming-api"),
        &EncodingKey::from_secret(key.as_bytes()),
    )
    .unwrap();
    let hs_parts: Vec<&str> = hs.split('.').collect();
    refused.push((
        "RS256 header",
        format!(
            "{}.{}.{}",
            b64(&json!({"alg": "RS256", "typ": "JWT"})),
            hs_parts[1],
            hs_parts[2]
        ),
    ));
    // another HMAC algorithm with the right key
    refused.push((
        "HS512",
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &claims(&app, "shiming-api"),
            &EncodingKey::from_secret(key.as_bytes()),
        )
        .unwrap(),
    ));
    // wrong audience, right key
    refused.push((
        "audience",
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims(&app, "other-system"),
            &EncodingKey::from_secret(key.as_bytes()),
        )
        .unwrap(),
    ));
    // wrong key
    refused.push((
        "key",
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims(&app, "shiming-api"),
            &EncodingKey::from_secret(b"guessed"),
        )
        .unwrap(),
    ));
    refused.push(("garbage", "not.a.jwt".into()));
    for (what, token) in refused {
        let r = app.client().with_token(&token).me().await;
        assert!(
            matches!(&r, Err(e) if e.status() == Some(401)),
            "{what}: {r:?}"
        );
    }
    // no token at all
    assert_problem(app.client().me().await, 401, "unauthenticated");

    // expiry: 15 minutes, no leeway
    app.clock.advance(Duration::seconds(899));
    app.client().with_token(&good).me().await.unwrap();
    app.clock.advance(Duration::seconds(1));
    assert_problem(
        app.client().with_token(&good).me().await,
        401,
        "unauthenticated",
    );
}
both!(tokens_are_checked);

async fn revocation_by_token_version(app: TestApp) {
    let mut city = app.admin_of(&app.admin, "620100").await;
    let old = city.token().unwrap().to_owned();
    // password change revokes earlier tokens
    city.change_password("Admin-001026-pw!", "Admin-001026-pw2")
        .await
        .unwrap();
    assert_problem(
        app.client().with_token(&old).me().await,
        401,
        "unauthenticated",
    );
    city.me().await.unwrap();
    // disable revokes
    app.admin.disable_account("620100").await.unwrap();
    assert_problem(city.me().await, 401, "unauthenticated");
    assert_problem(
        app.client().login("620100", "Admin-001026-pw2").await,
        403,
        "account_disabled",
    );
    app.admin.enable_account("620100").await.unwrap();
    city.login("620100", "Admin-001026-pw2").await.unwrap();
    // reset revokes and forces a change
    let otp = app.admin.reset_password("620100").await.unwrap();
    assert_problem(city.me().await, 401, "unauthenticated");
    let r = city.login("620100", &otp.one_time_password).await.unwrap();
    assert!(r.must_change_password);
    // a failure lock stops guessing but does not log the holder out (else anyone who knows a
    // region code could end an administrator's session every 15 minutes)
    city.change_password(&otp.one_time_password, "Admin-001026-pw3")
        .await
        .unwrap();
    let token = city.token().unwrap().to_owned();
    let mut other = app.client();
    for _ in 0..5 {
        let _ = other.login("620100", "Wrong-password-1").await;
    }
    assert!(app.client().with_token(&token).me().await.is_ok());
    assert_problem(
        other.login("620100", "Admin-001026-pw3").await,
        423,
        "account_locked",
    );
}
both!(revocation_by_token_version);

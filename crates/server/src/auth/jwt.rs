//! Access tokens: HS256 JWTs with the algorithm, issuer and audience pinned, 15 minutes, carrying
//! the account's token version so that password change, disable, reset and lock revoke them, and
//! the session's id so that ending the session revokes them too.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// Issuer of every token.
pub const ISSUER: &str = "shiming";
/// Audience of access tokens.
pub const AUDIENCE: &str = "shiming-api";
/// The one algorithm accepted.
pub const ALGORITHM: Algorithm = Algorithm::HS256;

/// Claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// Username.
    pub sub: String,
    /// Account id.
    pub uid: i64,
    /// Token version of the account when issued.
    pub ver: i32,
    /// The session (`sessions.sid`).
    pub sid: String,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Issued at (seconds).
    pub iat: i64,
    /// Expires at (seconds).
    pub exp: i64,
}

/// Signing and checking keys.
#[derive(Clone)]
pub struct Keys {
    enc: EncodingKey,
    dec: DecodingKey,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(<redacted>)")
    }
}

impl Keys {
    /// Keys from a shared secret.
    pub fn from_secret(secret: &[u8]) -> Self {
        Self {
            enc: EncodingKey::from_secret(secret),
            dec: DecodingKey::from_secret(secret),
        }
    }

    /// Issues an access token.
    pub fn issue(
        &self,
        uid: i64,
        username: &str,
        ver: i32,
        sid: &str,
        now: DateTime<Utc>,
        ttl_secs: u64,
    ) -> anyhow::Result<String> {
        let claims = Claims {
            sub: username.to_owned(),
            uid,
            ver,
            sid: sid.to_owned(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now.timestamp(),
            exp: now.timestamp() + i64::try_from(ttl_secs)?,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(ALGORITHM),
            &claims,
            &self.enc,
        )?)
    }

    /// Checks signature, algorithm, issuer, audience and expiry against `now`.
    pub fn check(&self, token: &str, now: DateTime<Utc>) -> Option<Claims> {
        let mut v = Validation::new(ALGORITHM);
        v.algorithms = vec![ALGORITHM];
        v.set_audience(&[AUDIENCE]);
        v.set_issuer(&[ISSUER]);
        v.set_required_spec_claims(&["exp", "iat", "sub", "aud", "iss"]);
        // (`sid` is no registered claim: serde requires it)
        // expiry is checked against the injected clock below, with no leeway
        v.validate_exp = false;
        v.leeway = 0;
        let data = jsonwebtoken::decode::<Claims>(token, &self.dec, &v).ok()?;
        (data.claims.exp > now.timestamp()).then_some(data.claims)
    }
}

//! Argon2id password hashing (cost from settings; cheap only in tests) and one-time passwords.
//! Hashing runs on blocking threads, at most one per core at a time, and never inside a
//! database transaction: callers hash first, then open the transaction that stores the result,
//! so a burst of logins queues for the CPU without holding SQLite's one connection.

use crate::settings::Argon2Params;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;
use rand::rngs::OsRng;

/// Hashing jobs allowed at once: one per core. Further ones wait their turn (asynchronously)
/// instead of piling onto the blocking pool and starving request handling.
fn permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        tokio::sync::Semaphore::new(cores)
    })
}

fn hasher(p: Argon2Params) -> anyhow::Result<Argon2<'static>> {
    let params =
        Params::new(p.m_kib, p.t, p.p, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password (PHC string) on a blocking thread.
pub async fn hash(password: String, p: Argon2Params) -> anyhow::Result<String> {
    let _turn = permits().acquire().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher(p)?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await?
}

/// Verifies a password against a PHC string on a blocking thread (the cost stored in the hash
/// is used). A malformed hash never verifies.
pub async fn verify(password: String, phc: String) -> anyhow::Result<bool> {
    let _turn = permits().acquire().await?;
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&phc) else {
            return Ok(false);
        };
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await?
}

/// A new password in clear (to show once) with its hash (to store).
#[derive(Clone)]
pub struct NewPassword {
    /// The password, shown once to whoever must pass it on.
    pub clear: String,
    /// Its argon2id PHC string.
    pub hash: String,
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

/// A fresh one-time password and its hash, made before any transaction opens.
pub async fn new_one_time(p: Argon2Params) -> anyhow::Result<NewPassword> {
    let clear = one_time_password();
    let hash = hash(clear.clone(), p).await?;
    Ok(NewPassword { clear, hash })
}

/// A random one-time password that satisfies the policy: 14 characters from an alphabet without
/// look-alikes, with at least one upper, lower, digit and symbol.
pub fn one_time_password() -> String {
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
    const DIGIT: &[u8] = b"23456789";
    const SYMBOL: &[u8] = b"-_!@#%+=";
    let mut rng = OsRng;
    let all: Vec<u8> = [UPPER, LOWER, DIGIT, SYMBOL].concat();
    let mut chars: Vec<u8> = [UPPER, LOWER, DIGIT, SYMBOL]
        .iter()
        .map(|set| set[rng.gen_range(0..set.len())])
        .collect();
    while chars.len() < 14 {
        chars.push(all[rng.gen_range(0..all.len())]);
    }
    // Fisher-Yates so the guaranteed classes are not always first
    for i in (1..chars.len()).rev() {
        chars.swap(i, rng.gen_range(0..=i));
    }
    String::from_utf8_lossy(&chars).into_owned()
}

/// A random opaque token (refresh tokens): 32 bytes, base64url.
pub fn random_token() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a token, hex; only this is stored.
pub fn token_digest(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_satisfy_the_policy() {
        for _ in 0..200 {
            let p = one_time_password();
            assert!(domain::password::check(&p, "620100", "p").is_empty(), "{p}");
        }
    }

    #[tokio::test]
    async fn hash_and_verify() -> anyhow::Result<()> {
        let p = Argon2Params {
            m_kib: 64,
            t: 1,
            p: 1,
        };
        let h = hash("Secret-Pass-1".into(), p).await?;
        assert!(verify("Secret-Pass-1".into(), h.clone()).await?);
        assert!(!verify("Secret-Pass-2".into(), h).await?);
        assert!(!verify("x".into(), "garbage".into()).await?);
        Ok(())
    }
}

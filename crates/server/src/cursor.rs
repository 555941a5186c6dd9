//! Opaque list cursors: the position of a keyset page sealed with AES-256-GCM under a server key
//! the client never sees. A cursor tells its holder nothing (not the sort key, which may be a
//! name or a certificate number, nor the id), and one that was forged or altered does not open.
//! The key lives in the database (`server_secrets`), so every API process opens every cursor.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

const NONCE: usize = 12;

/// Seals and opens cursors.
#[derive(Clone)]
pub struct CursorKey(Aes256Gcm);

impl std::fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorKey(<redacted>)")
    }
}

impl CursorKey {
    /// The key from a 32-byte secret.
    pub fn from_secret(secret: &[u8]) -> anyhow::Result<Self> {
        anyhow::ensure!(secret.len() == 32, "the cursor key must be 32 bytes");
        Ok(Self(Aes256Gcm::new_from_slice(secret).map_err(|_| {
            anyhow::anyhow!("the cursor key must be 32 bytes")
        })?))
    }

    /// Seals `plain` for the list named `purpose` (a cursor of one list does not open another's).
    pub fn seal(&self, purpose: &str, plain: &[u8]) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let payload = aes_gcm::aead::Payload {
            msg: plain,
            aad: purpose.as_bytes(),
        };
        match self.0.encrypt(&nonce, payload) {
            Ok(ct) => {
                let mut out = nonce.to_vec();
                out.extend(ct);
                URL_SAFE_NO_PAD.encode(out)
            }
            // encryption of a short message with a fresh nonce does not fail; never leak the
            // plain text if it did
            Err(_) => String::new(),
        }
    }

    /// Opens a cursor sealed for `purpose`; `None` if it was not made by this server for it.
    pub fn open(&self, purpose: &str, cursor: &str) -> Option<Vec<u8>> {
        let raw = URL_SAFE_NO_PAD.decode(cursor).ok()?;
        if raw.len() <= NONCE {
            return None;
        }
        let (nonce, ct) = raw.split_at(NONCE);
        let nonce = Nonce::from(<[u8; NONCE]>::try_from(nonce).ok()?);
        self.0
            .decrypt(
                &nonce,
                aes_gcm::aead::Payload {
                    msg: ct,
                    aad: purpose.as_bytes(),
                },
            )
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> CursorKey {
        CursorKey::from_secret(&[b; 32]).unwrap()
    }

    #[test]
    fn round_trip_and_nothing_in_clear() {
        let k = key(7);
        let plain = br#"["62010219850731432543",29]"#;
        let c = k.seal("persons", plain);
        assert_eq!(k.open("persons", &c).as_deref(), Some(&plain[..]));
        let raw = URL_SAFE_NO_PAD.decode(&c).unwrap();
        assert!(!raw.windows(8).any(|w| w == b"62010219"));
        assert!(!c.contains("6201021985"));
        // two seals of one position differ (fresh nonce)
        assert_ne!(c, k.seal("persons", plain));
    }

    #[test]
    fn forged_altered_or_foreign_cursors_do_not_open() {
        let k = key(7);
        let c = k.seal("persons", b"[\"\",5]");
        assert_eq!(k.open("accounts", &c), None);
        assert_eq!(key(8).open("persons", &c), None);
        let mut raw = URL_SAFE_NO_PAD.decode(&c).unwrap();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        assert_eq!(k.open("persons", &URL_SAFE_NO_PAD.encode(raw)), None);
        for junk in ["", "abc", "5b22222c355d", "!!!!"] {
            assert_eq!(k.open("persons", junk), None);
        }
    }
}

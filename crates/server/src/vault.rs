//! Personal identifiers at rest. A person's certificate number, phone and address are stored
//! sealed with authenticated encryption (SM4-GCM, the 国密 algorithm, by default; AES-256-GCM as
//! a setting), and the certificate number also as a keyed blind index (HMAC-SM3, or HMAC-SHA-256
//! with AES keys) for exact look-up and the duplicate check. Someone who copies the database
//! finds neither.
//!
//! The keys live outside the database: in `SHIMING_DATA_KEYS` or in a key file (default
//! `<data_dir>/data.keys`), generated on first start. The file holds one key a line,
//! `id algorithm created secret-hex`; the last line is the current key, the one every write
//! seals with; the others still open the rows not yet re-sealed. `shiming keys rotate` adds a
//! key and re-seals every row under it in batches; a running server re-reads the file when it
//! changes, so every process opens what another sealed.
//!
//! Each key is a 32-byte secret from which the sealing key and the index key are derived. A
//! sealed value is `base64(nonce ‖ ciphertext ‖ tag)`, bound (associated data) to its field and
//! to the row's blind index, so a value moved to another field or another person does not open.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, AesGcm, Nonce};
use anyhow::{Context, bail, ensure};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use hmac::{Hmac, Mac};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

type Sm4Gcm = AesGcm<sm4::Sm4, aes_gcm::aead::consts::U12>;

const NONCE: usize = 12;

/// The algorithm of a data key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// SM4-GCM sealing, HMAC-SM3 index (GB/T 32907, GB/T 32905).
    Sm4Gcm,
    /// AES-256-GCM sealing, HMAC-SHA-256 index.
    Aes256Gcm,
}

impl Algorithm {
    /// The name in the key file and in `SHIMING_DATA_CIPHER`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sm4Gcm => "sm4-gcm",
            Self::Aes256Gcm => "aes-256-gcm",
        }
    }

    /// The algorithm of a name.
    pub fn parse(s: &str) -> anyhow::Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sm4-gcm" | "sm4" => Ok(Self::Sm4Gcm),
            "aes-256-gcm" | "aes" => Ok(Self::Aes256Gcm),
            other => bail!("unknown data cipher {other:?}: use sm4-gcm or aes-256-gcm"),
        }
    }

    /// A keyed MAC in this algorithm's hash.
    fn mac(self, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
        fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
            let mut m = <M as Mac>::new_from_slice(key).unwrap_or_else(|_| {
                // HMAC takes keys of any length
                unreachable!("HMAC accepts every key length")
            });
            for p in parts {
                m.update(p);
            }
            m.finalize().into_bytes().to_vec()
        }
        match self {
            Self::Sm4Gcm => run::<Hmac<sm3::Sm3>>(key, parts),
            Self::Aes256Gcm => run::<Hmac<sha2::Sha256>>(key, parts),
        }
    }
}

enum Sealer {
    Sm4(Box<Sm4Gcm>),
    Aes(Box<Aes256Gcm>),
}

/// One data key: its id, algorithm and the keys derived from its secret.
pub struct DataKey {
    id: String,
    alg: Algorithm,
    created: String,
    secret_hex: String,
    sealer: Sealer,
    index_key: Vec<u8>,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataKey")
            .field("id", &self.id)
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

impl DataKey {
    /// A key from its 32-byte secret.
    pub fn new(id: &str, alg: Algorithm, created: &str, secret: &[u8]) -> anyhow::Result<Self> {
        ensure!(
            !id.is_empty()
                && id.len() <= 16
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            // (never echo the value: a line in the wrong order has the secret where the id goes)
            "a data key id is 1 to 16 lower-case letters and digits"
        );
        ensure!(secret.len() == 32, "a data key secret is 32 bytes");
        let seal = alg.mac(secret, &[b"shiming/seal/v1"]);
        let sealer = match alg {
            Algorithm::Sm4Gcm => Sealer::Sm4(Box::new(
                Sm4Gcm::new_from_slice(&seal[..16]).map_err(|_| anyhow::anyhow!("SM4 key"))?,
            )),
            Algorithm::Aes256Gcm => Sealer::Aes(Box::new(
                Aes256Gcm::new_from_slice(&seal[..32]).map_err(|_| anyhow::anyhow!("AES key"))?,
            )),
        };
        Ok(Self {
            id: id.to_owned(),
            alg,
            created: created.to_owned(),
            secret_hex: hex::encode(secret),
            sealer,
            index_key: alg.mac(secret, &[b"shiming/index/v1"]),
        })
    }

    /// A new random key.
    pub fn generate(id: &str, alg: Algorithm) -> anyhow::Result<Self> {
        let secret: [u8; 32] = rand::random();
        let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        Self::new(id, alg, &created, &secret)
    }

    /// The key's id (stored with every row it sealed).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    fn line(&self) -> String {
        format!(
            "{} {} {} {}",
            self.id,
            self.alg.as_str(),
            self.created,
            self.secret_hex
        )
    }

    /// A check value of the key (its algorithm and a MAC of a fixed text; it tells nothing of
    /// the secret), kept in the database so that a server started with another key of the same
    /// id refuses to run instead of sealing under it.
    pub fn check_value(&self) -> String {
        let mac = self.alg.mac(
            &self.index_key,
            &[b"shiming/check/v1/", self.alg.as_str().as_bytes()],
        );
        format!("{} {}", self.alg.as_str(), hex::encode(&mac[..16]))
    }

    /// The blind index of a certificate number under this key: 128 bits of its keyed MAC, hex.
    pub fn index(&self, certificate_no: &str) -> String {
        let mac = self.alg.mac(
            &self.index_key,
            &[certificate_no.trim().to_ascii_uppercase().as_bytes()],
        );
        hex::encode(&mac[..16])
    }

    /// Seals `plain` as the value of `field` of the row with blind index `bind`. An empty value
    /// stays empty (absent is not a secret).
    pub fn seal(&self, field: &str, bind: &str, plain: &str) -> anyhow::Result<String> {
        if plain.is_empty() {
            return Ok(String::new());
        }
        let aad = format!("shiming/{field}/{bind}");
        let payload = Payload {
            msg: plain.as_bytes(),
            aad: aad.as_bytes(),
        };
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = match &self.sealer {
            Sealer::Sm4(c) => c.encrypt(&nonce, payload),
            Sealer::Aes(c) => c.encrypt(&nonce, payload),
        };
        let ct = sealed.map_err(|_| anyhow::anyhow!("sealing a {field} failed"))?;
        let mut out = nonce.to_vec();
        out.extend(ct);
        Ok(STANDARD_NO_PAD.encode(out))
    }

    /// Opens what [`DataKey::seal`] sealed for the same field and row.
    pub fn open(&self, field: &str, bind: &str, sealed: &str) -> anyhow::Result<String> {
        if sealed.is_empty() {
            return Ok(String::new());
        }
        let raw = STANDARD_NO_PAD
            .decode(sealed)
            .ok()
            .filter(|r| r.len() > NONCE)
            .with_context(|| format!("a sealed {field} is not well-formed"))?;
        let (nonce, ct) = raw.split_at(NONCE);
        let nonce = Nonce::from(<[u8; NONCE]>::try_from(nonce)?);
        let aad = format!("shiming/{field}/{bind}");
        let payload = Payload {
            msg: ct,
            aad: aad.as_bytes(),
        };
        let plain = match &self.sealer {
            Sealer::Sm4(c) => c.decrypt(&nonce, payload),
            Sealer::Aes(c) => c.decrypt(&nonce, payload),
        }
        .map_err(|_| {
            anyhow::anyhow!(
                "a sealed {field} does not open with data key {}: altered or moved",
                self.id
            )
        })?;
        Ok(String::from_utf8(plain)?)
    }
}

/// A person's identifiers in clear.
#[derive(Clone, PartialEq, Eq)]
pub struct Identifiers {
    /// Certificate number (upper case).
    pub certificate_no: String,
    /// Phone, empty when unknown.
    pub phone: String,
    /// Address, empty when unknown.
    pub address: String,
}

impl std::fmt::Debug for Identifiers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Identifiers(<redacted>)")
    }
}

/// A person's identifiers as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// Id of the key that sealed them.
    pub key: String,
    /// Blind index of the certificate number.
    pub index: String,
    /// The certificate number as every role sees it (the region part only), for the order by
    /// number.
    pub mask: String,
    /// Sealed certificate number.
    pub certificate_no: String,
    /// Sealed phone (empty when unknown).
    pub phone: String,
    /// Sealed address (empty when unknown).
    pub address: String,
}

/// The data keys of this process; the last one is current.
#[derive(Debug)]
pub struct Keyring {
    keys: Vec<DataKey>,
}

impl Keyring {
    /// Parses the key file's text (`#` comments; on a single line, as in an environment
    /// variable, `;` separates keys). A bare 64-digit hex secret is key `k1` of the algorithm `alg`.
    pub fn parse(text: &str, alg: Algorithm) -> anyhow::Result<Self> {
        // a file has lines; an environment variable on one line separates keys with `;`
        let sep = if text.contains('\n') { '\n' } else { ';' };
        let lines: Vec<&str> = text
            .split(sep)
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut keys: Vec<DataKey> = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let key = match parts.as_slice() {
                [secret] if lines.len() == 1 => {
                    DataKey::new("k1", alg, "-", &decode_secret(secret)?)?
                }
                [id, a, created, secret] => {
                    DataKey::new(id, Algorithm::parse(a)?, created, &decode_secret(secret)?)?
                }
                _ => bail!(
                    "data keys, line {}: expected `id algorithm created secret-hex`",
                    n + 1
                ),
            };
            ensure!(
                keys.iter().all(|k| k.id != key.id),
                "data key {} is listed twice",
                key.id
            );
            keys.push(key);
        }
        ensure!(!keys.is_empty(), "no data key is configured");
        Ok(Self { keys })
    }

    /// A ring of the given keys (the last is current).
    pub fn of(keys: Vec<DataKey>) -> anyhow::Result<Self> {
        ensure!(!keys.is_empty(), "no data key");
        Ok(Self { keys })
    }

    /// The key file's text.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# shiming data keys: they open every certificate number, phone and address in the\n\
             # database. Back this file up, apart from the database and its backups: without it\n\
             # the sealed identifiers cannot be read. The last key is current; keep the others\n\
             # until `shiming keys status` shows no row on them.\n\
             # id algorithm created secret\n",
        );
        for k in &self.keys {
            out.push_str(&k.line());
            out.push('\n');
        }
        out
    }

    /// The key new rows are sealed with.
    pub fn current(&self) -> &DataKey {
        // `parse` and `of` refuse an empty ring
        &self.keys[self.keys.len() - 1]
    }

    /// The key of an id.
    pub fn get(&self, id: &str) -> anyhow::Result<&DataKey> {
        self.keys
            .iter()
            .find(|k| k.id == id)
            .with_context(|| format!("data key {id} is not configured"))
    }

    /// Every key, oldest first.
    pub fn keys(&self) -> &[DataKey] {
        &self.keys
    }

    /// The blind index of a certificate number under every key (a row sealed under any of them
    /// is found).
    pub fn indexes(&self, certificate_no: &str) -> Vec<String> {
        self.keys.iter().map(|k| k.index(certificate_no)).collect()
    }

    /// Seals a person's identifiers under the current key.
    pub fn seal(&self, ids: &Identifiers) -> anyhow::Result<Sealed> {
        let k = self.current();
        let cert = ids.certificate_no.trim().to_ascii_uppercase();
        let index = k.index(&cert);
        Ok(Sealed {
            key: k.id.clone(),
            mask: domain::ids::mask_certificate(&cert),
            certificate_no: k.seal("certificate_no", &index, &cert)?,
            phone: k.seal("phone", &index, &ids.phone)?,
            address: k.seal("address", &index, &ids.address)?,
            index,
        })
    }

    /// Opens a person's identifiers.
    pub fn open(&self, s: &Sealed) -> anyhow::Result<Identifiers> {
        let k = self.get(&s.key)?;
        Ok(Identifiers {
            certificate_no: k.open("certificate_no", &s.index, &s.certificate_no)?,
            phone: k.open("phone", &s.index, &s.phone)?,
            address: k.open("address", &s.index, &s.address)?,
        })
    }

    /// Opens only the phone and the address (what a list shows, masked).
    pub fn open_contact(&self, s: &Sealed) -> anyhow::Result<(String, String)> {
        let k = self.get(&s.key)?;
        Ok((
            k.open("phone", &s.index, &s.phone)?,
            k.open("address", &s.index, &s.address)?,
        ))
    }
}

fn decode_secret(s: &str) -> anyhow::Result<Vec<u8>> {
    let b = hex::decode(s).context("a data key secret is hex")?;
    ensure!(
        b.len() == 32,
        "a data key secret is 64 hex digits (32 bytes)"
    );
    Ok(b)
}

/// Where the keys come from.
#[derive(Debug, Clone)]
enum Source {
    Fixed,
    File(PathBuf),
}

/// The keys of this process, re-read from the key file when it changes (checked at most once a
/// second), so that a key added by `shiming keys rotate` is known to every running server.
#[derive(Debug)]
pub struct Vault {
    source: Source,
    alg: Algorithm,
    ring: RwLock<Arc<Keyring>>,
    seen: Mutex<(Instant, Option<FileStamp>)>,
}

/// What tells a changed key file: its modification time, length and inode.
type FileStamp = (SystemTime, u64, u64);

fn modified(path: &Path) -> Option<FileStamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.modified().ok()?, m.len(), ino))
}

/// Makes a rename or a creation in `path`'s directory durable.
fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

impl Vault {
    /// Keys from the text of `SHIMING_DATA_KEYS` (fixed for the life of the process).
    pub fn fixed(text: &str, alg: Algorithm) -> anyhow::Result<Self> {
        Ok(Self {
            source: Source::Fixed,
            alg,
            ring: RwLock::new(Arc::new(Keyring::parse(text, alg)?)),
            seen: Mutex::new((Instant::now(), None)),
        })
    }

    /// Keys from a key file. When it does not exist and `create` is true (a database that never
    /// sealed anything) it is created with one new key of `alg`, readable by its owner only and
    /// on disk before anything is sealed with it, with a warning to back it up; when `create` is
    /// false that is an error (a lost key file must be restored, not replaced).
    pub fn from_file(path: &Path, alg: Algorithm, create: bool) -> anyhow::Result<Self> {
        if !path.exists() {
            ensure!(
                create,
                "the data key file {} is missing, but this database holds identifiers sealed with data keys: restore the key file from its backup (or set SHIMING_DATA_KEY_FILE / SHIMING_DATA_KEYS)",
                path.display()
            );
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let ring = Keyring::of(vec![DataKey::generate("k1", alg)?])?;
            crate::settings::write_private(path, &ring.to_text())
                .and_then(|()| sync_dir(path))
                .with_context(|| format!("cannot write the data key file {}", path.display()))?;
            tracing::warn!(
                file = %path.display(),
                "created a new data key file: BACK IT UP, apart from the database: without it no certificate number, phone or address can be read"
            );
            eprintln!(
                "注意：已生成数据密钥文件 {0}，请另行备份（不要与数据库放在一起）；丢失后证号、电话、地址将无法解密。\n\
                 NOTE: created the data key file {0}: back it up, apart from the database; without it no certificate number, phone or address can be read.",
                path.display()
            );
        }
        #[cfg(unix)]
        if let Ok(m) = std::fs::metadata(path) {
            use std::os::unix::fs::PermissionsExt;
            if m.permissions().mode() & 0o077 != 0 {
                tracing::warn!(file = %path.display(), "the data key file can be read by others than its owner: chmod 600 it");
            }
        }
        let seen = modified(path);
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the data key file {}", path.display()))?;
        Ok(Self {
            source: Source::File(path.to_owned()),
            alg,
            ring: RwLock::new(Arc::new(
                Keyring::parse(&text, alg).with_context(|| path.display().to_string())?,
            )),
            seen: Mutex::new((Instant::now(), seen)),
        })
    }

    /// The algorithm new keys get.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The key file, when the keys come from one.
    pub fn file(&self) -> Option<&Path> {
        match &self.source {
            Source::File(p) => Some(p),
            Source::Fixed => None,
        }
    }

    /// The keys now: re-read when the key file changed since it was last read.
    pub fn ring(&self) -> Arc<Keyring> {
        if let Source::File(path) = &self.source {
            let stale = match self.seen.lock() {
                Ok(mut seen) if seen.0.elapsed() >= Duration::from_secs(1) => {
                    seen.0 = Instant::now();
                    let m = modified(path);
                    (m != seen.1).then(|| {
                        seen.1 = m;
                    })
                }
                _ => None,
            };
            if stale.is_some() {
                self.reload(path);
            }
        }
        match self.ring.read() {
            Ok(r) => r.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Re-reads the key file now (after this process changed it).
    pub fn refresh(&self) {
        if let Source::File(path) = &self.source {
            if let Ok(mut seen) = self.seen.lock() {
                *seen = (Instant::now(), modified(path));
            }
            self.reload(path);
        }
    }

    fn reload(&self, path: &Path) {
        let parsed = std::fs::read_to_string(path)
            .map_err(anyhow::Error::from)
            .and_then(|t| Keyring::parse(&t, self.alg));
        match parsed {
            Ok(ring) => {
                if let Ok(mut r) = self.ring.write() {
                    *r = Arc::new(ring);
                }
            }
            // keep the keys in use: a half-written or broken file must not stop the service
            Err(e) => {
                tracing::error!(file = %path.display(), error = %e, "cannot re-read the data key file");
            }
        }
    }

    /// Adds a new current key of the vault's algorithm to the key file and returns its id.
    /// Under an exclusive lock of `<file>.lock` (two rotations at once add two keys, not one
    /// each over the other), the file is written whole to a temporary file, flushed, renamed over
    /// it with the old file's owner, and the directory flushed: on disk before anything is sealed
    /// with the new key.
    pub fn add_key(&self) -> anyhow::Result<String> {
        let Source::File(path) = &self.source else {
            bail!(
                "the data keys come from SHIMING_DATA_KEYS: add a key there (a new last line) and restart, or use a key file"
            );
        };
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path.with_extension("keys.lock"))?;
        lock.lock()?;
        let text = std::fs::read_to_string(path)?;
        let ring = Keyring::parse(&text, self.alg)?;
        let next = (1..)
            .map(|n| format!("k{n}"))
            .find(|id| ring.keys.iter().all(|k| &k.id != id))
            .unwrap_or_else(|| "k0".into());
        let mut keys = ring.keys;
        keys.push(DataKey::generate(&next, self.alg)?);
        let ring = Keyring::of(keys)?;
        let tmp = path.with_extension("keys.new");
        // a leftover of a rotation that died: safe to remove under the lock
        let _ = std::fs::remove_file(&tmp);
        crate::settings::write_private(&tmp, &ring.to_text())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let old = std::fs::metadata(path)?;
            std::os::unix::fs::chown(&tmp, Some(old.uid()), Some(old.gid()))?;
        }
        std::fs::rename(&tmp, path)?;
        sync_dir(path)?;
        lock.unlock()?;
        self.refresh();
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(alg: Algorithm) -> Keyring {
        Keyring::of(vec![DataKey::new("k1", alg, "-", &[7u8; 32]).unwrap()]).unwrap()
    }

    fn ids() -> Identifiers {
        Identifiers {
            certificate_no: "62010219850731432543".into(),
            phone: "13912345678".into(),
            address: "兰州市城关区张掖路1号".into(),
        }
    }

    #[test]
    fn sealed_identifiers_open_and_show_nothing() {
        for alg in [Algorithm::Sm4Gcm, Algorithm::Aes256Gcm] {
            let r = ring(alg);
            let s = r.seal(&ids()).unwrap();
            assert_eq!(r.open(&s).unwrap(), ids());
            let all = format!("{s:?}");
            for secret in ["62010219850731432543", "19850731", "13912345678", "城关区"] {
                assert!(!all.contains(secret), "{alg:?} shows {secret}");
            }
            assert_eq!(s.mask, "620102************43");
            assert_eq!(s.index.len(), 32);
            // sealing is randomised, the index is not
            let again = r.seal(&ids()).unwrap();
            assert_ne!(again.certificate_no, s.certificate_no);
            assert_eq!(again.index, s.index);
            assert_eq!(r.indexes("62010219850731432543"), vec![s.index.clone()]);
        }
    }

    #[test]
    fn algorithms_and_keys_differ() {
        let a = ring(Algorithm::Sm4Gcm).seal(&ids()).unwrap();
        let b = ring(Algorithm::Aes256Gcm).seal(&ids()).unwrap();
        assert_ne!(a.index, b.index);
        let other = Keyring::of(vec![
            DataKey::new("k1", Algorithm::Sm4Gcm, "-", &[8u8; 32]).unwrap(),
        ])
        .unwrap();
        assert_ne!(other.seal(&ids()).unwrap().index, a.index);
        assert!(
            other.open(&a).is_err(),
            "another key's secret opens nothing"
        );
    }

    #[test]
    fn moved_or_altered_values_do_not_open() {
        let r = ring(Algorithm::Sm4Gcm);
        let s = r.seal(&ids()).unwrap();
        let swapped = Sealed {
            phone: s.address.clone(),
            address: s.phone.clone(),
            ..s.clone()
        };
        assert!(r.open(&swapped).is_err(), "fields are bound to their names");
        let other = r
            .seal(&Identifiers {
                certificate_no: "62010219900101432511".into(),
                ..ids()
            })
            .unwrap();
        let moved = Sealed {
            phone: other.phone.clone(),
            ..s.clone()
        };
        assert!(r.open(&moved).is_err(), "values are bound to their person");
        let mut bytes = STANDARD_NO_PAD.decode(&s.phone).unwrap();
        bytes[14] ^= 1;
        let altered = Sealed {
            phone: STANDARD_NO_PAD.encode(bytes),
            ..s
        };
        assert!(r.open(&altered).is_err());
    }

    #[test]
    fn absent_values_stay_empty() {
        let r = ring(Algorithm::Sm4Gcm);
        let s = r
            .seal(&Identifiers {
                phone: String::new(),
                address: String::new(),
                ..ids()
            })
            .unwrap();
        assert_eq!((s.phone.as_str(), s.address.as_str()), ("", ""));
        assert_eq!(r.open_contact(&s).unwrap(), (String::new(), String::new()));
    }

    #[test]
    fn key_text_round_trips_and_bad_text_is_refused() {
        let r = Keyring::of(vec![
            DataKey::new("k1", Algorithm::Sm4Gcm, "2026-12-03T00:00:00Z", &[1u8; 32]).unwrap(),
            DataKey::new(
                "k2",
                Algorithm::Aes256Gcm,
                "2026-12-04T00:00:00Z",
                &[2u8; 32],
            )
            .unwrap(),
        ])
        .unwrap();
        let again = Keyring::parse(&r.to_text(), Algorithm::Sm4Gcm).unwrap();
        assert_eq!(again.current().id(), "k2");
        assert_eq!(again.current().algorithm(), Algorithm::Aes256Gcm);
        let s = r.seal(&ids()).unwrap();
        assert_eq!(again.open(&s).unwrap(), ids());
        // a bare secret (the environment variable) is key k1
        let bare = Keyring::parse(&hex::encode([1u8; 32]), Algorithm::Sm4Gcm).unwrap();
        assert_eq!(bare.current().index("x"), r.keys()[0].index("x"));
        for bad in [
            "",
            "# only a comment",
            "k1 sm4-gcm - 00",
            "k1 rot13 - 0101010101010101010101010101010101010101010101010101010101010101",
            "K1 sm4-gcm - 0101010101010101010101010101010101010101010101010101010101010101",
            "k1 sm4-gcm - 0101010101010101010101010101010101010101010101010101010101010101\nk1 sm4-gcm - 0202020202020202020202020202020202020202020202020202020202020202",
        ] {
            assert!(
                Keyring::parse(bad, Algorithm::Sm4Gcm).is_err(),
                "accepted {bad:?}"
            );
        }
        assert!(!format!("{r:?}").contains(&hex::encode([1u8; 32])));
    }

    #[test]
    fn the_key_file_is_created_private_and_grows_on_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.keys");
        assert!(Vault::from_file(&path, Algorithm::Sm4Gcm, false).is_err());
        let v = Vault::from_file(&path, Algorithm::Sm4Gcm, true).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "the key file is the owner's only");
        }
        let s = v.ring().seal(&ids()).unwrap();
        assert_eq!(v.add_key().unwrap(), "k2");
        assert_eq!(v.ring().current().id(), "k2");
        assert_eq!(v.ring().open(&s).unwrap(), ids(), "old rows still open");
        // another process reading the file sees both keys
        let other = Vault::from_file(&path, Algorithm::Sm4Gcm, false).unwrap();
        assert_eq!(other.ring().keys().len(), 2);
        let fixed = Vault::fixed(&hex::encode([3u8; 32]), Algorithm::Sm4Gcm).unwrap();
        assert!(fixed.add_key().is_err());
    }
}

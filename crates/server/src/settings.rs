//! Typed settings: defaults, then `SHIMING_*` environment variables (and `DATABASE_URL`).
//! Secrets are never logged (`Debug` redacts them).

use domain::rules::account::AccountPolicy;
use std::path::PathBuf;

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Argon2Params {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Iterations.
    pub t: u32,
    /// Parallelism.
    pub p: u32,
}

impl Default for Argon2Params {
    fn default() -> Self {
        // OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane
        Self {
            m_kib: 19 * 1024,
            t: 2,
            p: 1,
        }
    }
}

/// Everything the server is configured with.
#[derive(Clone)]
pub struct Settings {
    /// Address to listen on.
    pub bind: String,
    /// Data directory (embedded database, backups).
    pub data_dir: PathBuf,
    /// Database URL; `None` means the embedded SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// Directory of the built SPA.
    pub static_dir: PathBuf,
    /// Code of the deployment's province (the root of every scope).
    pub province: String,
    /// Password of the province administrator for scripted deployments.
    pub admin_password: Option<String>,
    /// Lifetime of access tokens, seconds.
    pub access_ttl_secs: u64,
    /// A refresh token dies after this many idle minutes (the SPA session timeout).
    pub idle_timeout_minutes: u32,
    /// A refresh token dies this many hours after login whatever happens.
    pub session_max_hours: i64,
    /// Sessions one account may hold at once (`SHIMING_MAX_SESSIONS`); a login beyond ends the
    /// least recently used.
    pub max_sessions: u32,
    /// Argon2 cost.
    pub argon2: Argon2Params,
    /// Account rules.
    pub policy: AccountPolicy,
    /// Mark cookies `Secure` (behind HTTPS).
    pub cookie_secure: bool,
    /// Login attempts allowed per client address per minute.
    pub login_rate_per_minute: i32,
    /// Emit JSON logs.
    pub json_logs: bool,
    /// Run the daily account job in this process.
    pub run_jobs: bool,
    /// Addresses of the reverse proxies / load balancers in front of the server: only from
    /// these is `X-Forwarded-For` believed (for the login limit and the audit log).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Seconds during which a just-rotated refresh token still refreshes (two tabs of one
    /// session refreshing at once); after that, presenting it again is taken as theft.
    pub refresh_grace_secs: i64,
    /// The audit key in hex (at least 32 bytes), from `SHIMING_AUDIT_KEY`; when unset it is read
    /// from (or, the first time, written to) `audit_key_file`.
    pub audit_key_hex: Option<String>,
    /// File of the audit key; default `<data_dir>/audit.key`. Keep it outside the database and
    /// its backups, and give every API process the same one.
    pub audit_key_file: Option<PathBuf>,
    /// The data keys' text (see [`crate::vault`]) from `SHIMING_DATA_KEYS`; when unset they are
    /// read from (or, the first time, written to) `data_key_file`.
    pub data_keys: Option<String>,
    /// File of the data keys; default `<data_dir>/data.keys`. Back it up apart from the database.
    pub data_key_file: Option<PathBuf>,
    /// The algorithm of new data keys (`SHIMING_DATA_CIPHER`: `sm4-gcm`, the default, or
    /// `aes-256-gcm`).
    pub data_cipher: crate::vault::Algorithm,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database", &self.database_url.as_ref().map(|_| "<set>"))
            .field("static_dir", &self.static_dir)
            .field("province", &self.province)
            .field(
                "admin_password",
                &self.admin_password.as_ref().map(|_| "<redacted>"),
            )
            .field("access_ttl_secs", &self.access_ttl_secs)
            .field("argon2", &self.argon2)
            .field("trusted_proxies", &self.trusted_proxies)
            .field(
                "audit_key",
                &self.audit_key_hex.as_ref().map(|_| "<redacted>"),
            )
            .field("audit_key_file", &self.audit_key_file)
            .field("data_keys", &self.data_keys.as_ref().map(|_| "<redacted>"))
            .field("data_key_file", &self.data_key_file)
            .field("data_cipher", &self.data_cipher)
            .finish_non_exhaustive()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            static_dir: PathBuf::from("./frontend/dist"),
            province: "620000".into(),
            admin_password: None,
            access_ttl_secs: 900,
            idle_timeout_minutes: 30,
            session_max_hours: 12,
            max_sessions: 10,
            argon2: Argon2Params::default(),
            policy: AccountPolicy::default(),
            cookie_secure: false,
            login_rate_per_minute: 30,
            json_logs: false,
            run_jobs: true,
            trusted_proxies: Vec::new(),
            refresh_grace_secs: 30,
            audit_key_hex: None,
            audit_key_file: None,
            data_keys: None,
            data_key_file: None,
            data_cipher: crate::vault::Algorithm::Sm4Gcm,
        }
    }
}

impl Settings {
    /// Defaults overridden by the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        let mut s = Self::default();
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(v) = var("SHIMING_BIND") {
            s.bind = v;
        }
        if let Some(v) = var("SHIMING_DATA_DIR") {
            s.data_dir = v.into();
        }
        s.database_url = var("DATABASE_URL");
        if let Some(v) = var("SHIMING_STATIC_DIR") {
            s.static_dir = v.into();
        }
        if let Some(v) = var("SHIMING_PROVINCE") {
            let v = if v.len() == 2 { format!("{v}0000") } else { v };
            let code = domain::ids::RegionCode::parse(&v)
                .map_err(|e| anyhow::anyhow!("SHIMING_PROVINCE {v}: {e}"))?;
            anyhow::ensure!(
                code.level() == domain::RegionLevel::Province,
                "SHIMING_PROVINCE must be a province code"
            );
            s.province = v;
        }
        s.admin_password = var("SHIMING_ADMIN_PASSWORD");
        if let Some(v) = var("SHIMING_PASSWORD_MAX_AGE_DAYS") {
            s.policy.password_max_age_days = v.parse()?;
        }
        if let Some(v) = var("SHIMING_COOKIE_SECURE") {
            s.cookie_secure = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if let Some(v) = var("SHIMING_LOG_JSON") {
            s.json_logs = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if let Some(v) = var("SHIMING_LOGIN_RATE_PER_MINUTE") {
            s.login_rate_per_minute = v.parse()?;
        }
        if let Some(v) = var("SHIMING_ARGON2_M_KIB") {
            s.argon2.m_kib = v.parse()?;
        }
        if let Some(v) = var("SHIMING_ARGON2_T") {
            s.argon2.t = v.parse()?;
        }
        if let Some(v) = var("SHIMING_MAX_SESSIONS") {
            s.max_sessions = v.parse()?;
            anyhow::ensure!(
                s.max_sessions >= 1,
                "SHIMING_MAX_SESSIONS must be at least 1"
            );
        }
        if let Some(v) = var("SHIMING_REFRESH_GRACE_SECS") {
            s.refresh_grace_secs = v.parse()?;
        }
        if let Some(v) = var("SHIMING_TRUSTED_PROXIES") {
            s.trusted_proxies = parse_proxies(&v)?;
        }
        s.audit_key_hex = var("SHIMING_AUDIT_KEY");
        s.audit_key_file = var("SHIMING_AUDIT_KEY_FILE").map(PathBuf::from);
        s.data_keys = var("SHIMING_DATA_KEYS");
        s.data_key_file = var("SHIMING_DATA_KEY_FILE").map(PathBuf::from);
        if let Some(v) = var("SHIMING_DATA_CIPHER") {
            s.data_cipher = crate::vault::Algorithm::parse(&v)?;
        }
        Ok(s)
    }

    /// The audit key: `SHIMING_AUDIT_KEY`, else the key file, created with 32 random bytes
    /// (readable by the owner only) the first time.
    pub fn audit_key(&self) -> anyhow::Result<crate::audit::AuditKey> {
        use anyhow::Context;
        let text = match &self.audit_key_hex {
            Some(h) => h.clone(),
            None => {
                let path = self
                    .audit_key_file
                    .clone()
                    .unwrap_or_else(|| self.data_dir.join("audit.key"));
                if !path.exists() {
                    if let Some(dir) = path.parent() {
                        std::fs::create_dir_all(dir)?;
                    }
                    let bytes: [u8; 32] = rand::random();
                    write_private(&path, &hex::encode(bytes))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    tracing::warn!(file = %path.display(), "created a new audit key: keep it outside the database and its backups");
                }
                std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read the audit key {}", path.display()))?
            }
        };
        let secret = hex::decode(text.trim()).context("the audit key is not hex")?;
        crate::audit::AuditKey::from_secret(&secret)
    }

    /// The data keys: `SHIMING_DATA_KEYS`, else the key file, created with one new key when it
    /// does not exist and `create` (the database never sealed anything).
    pub fn vault(&self, create: bool) -> anyhow::Result<crate::vault::Vault> {
        match &self.data_keys {
            Some(text) => crate::vault::Vault::fixed(text, self.data_cipher),
            None => crate::vault::Vault::from_file(
                &self
                    .data_key_file
                    .clone()
                    .unwrap_or_else(|| self.data_dir.join("data.keys")),
                self.data_cipher,
                create,
            ),
        }
    }

    /// The database URL to connect to.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) => u.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("shiming.db").display()
            ),
        }
    }
}

/// Writes a file only its owner may read.
pub(crate) fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// `10.0.0.0/8, 192.168.1.10`: networks or single addresses.
pub fn parse_proxies(v: &str) -> anyhow::Result<Vec<ipnet::IpNet>> {
    v.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<ipnet::IpNet>()
                .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    anyhow::anyhow!("SHIMING_TRUSTED_PROXIES: {p} is not an address or network")
                })
        })
        .collect()
}

//! Spawns the real application on port 0 with a fresh database (a temporary SQLite file, or a
//! PostgreSQL database created for the test and dropped after it) and a clock the test controls.

use chrono::{DateTime, TimeZone, Utc};
use client::Client;
use domain::Role;
use domain::v1::accounts::{CreateSubAccount, RegisterHolder};
use sea_orm::{ConnectionTrait, Database};
use shiming::settings::Argon2Params;
use shiming::{Application, ManualClock, Settings};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const ADMIN_PW: &str = "Gansu-Admin-2026!";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn pg_admin_url() -> String {
    std::env::var("SHIMING_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Drops the test's PostgreSQL database when the test ends (also on panic).
struct PgGuard {
    name: String,
}

impl Drop for PgGuard {
    fn drop(&mut self) {
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(db) = Database::connect(pg_admin_url()).await {
                    let _ = db
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                }
            });
        })
        .join();
    }
}

pub struct TestApp {
    pub base: String,
    pub clock: ManualClock,
    pub state: actix_web::web::Data<shiming::AppState>,
    #[allow(dead_code)]
    pub backend: Backend,
    /// Logged in as the province administrator `620000`.
    pub admin: Client,
    /// The authenticator app of every account the test enrolled.
    pub authenticator: Authenticator,
    _dir: tempfile::TempDir,
    _pg: Option<PgGuard>,
}

/// 2026-03-02 10:00 in Beijing.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0)
        .single()
        .unwrap_or_default()
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, |_| {}).await
}

/// A fresh, empty database of a backend: a temporary directory (the SQLite file's, and the
/// key files') and, on PostgreSQL, a database created for the test and dropped after it.
pub struct TestDb {
    pub backend: Backend,
    pub dir: tempfile::TempDir,
    /// The PostgreSQL URL; `None` for SQLite (the file in `dir`).
    pub pg_url: Option<String>,
    pg: Option<PgGuard>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut pg_url, mut pg) = (None, None);
        if backend == Backend::Postgres {
            let name = format!("shiming_t_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(pg_admin_url())
                .await
                .expect("PostgreSQL reachable");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create database");
            let base = pg_admin_url();
            pg_url = Some(match base.rsplit_once('/') {
                Some((head, _)) => format!("{head}/{name}"),
                None => base,
            });
            pg = Some(PgGuard { name });
        }
        Self {
            backend,
            dir,
            pg_url,
            pg,
        }
    }

    /// The URL the application connects to.
    pub fn url(&self) -> String {
        match &self.pg_url {
            Some(u) => u.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.dir.path().join("shiming.db").display()
            ),
        }
    }
}

pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_on(TestDb::new(backend).await, tweak).await
}

/// The application on a database prepared by the test.
pub async fn spawn_on(db: TestDb, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let TestDb {
        backend,
        dir,
        pg_url,
        pg,
    } = db;
    let mut settings = Settings {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        database_url: pg_url,
        static_dir: dir.path().join("no-spa"),
        admin_password: Some(ADMIN_PW.into()),
        argon2: Argon2Params {
            m_kib: 64,
            t: 1,
            p: 1,
        },
        run_jobs: false,
        // one key for every app of the test process (a test may start a second app on its
        // database), as every API process of a deployment shares one
        audit_key_hex: Some("5e".repeat(32)),
        ..Settings::default()
    };
    tweak(&mut settings);
    let clock = ManualClock::new(t0());
    let app = Application::build(settings, Arc::new(clock.clone()))
        .await
        .expect("app builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    let authenticator = Authenticator {
        clock: clock.clone(),
        secrets: Arc::default(),
    };
    let mut admin = Client::new(base.clone()).with_codes(authenticator.source());
    let r = admin.login("620000", ADMIN_PW).await.expect("admin login");
    if r.must_enrol_mfa {
        authenticator.enrol(&admin, "620000").await;
    }
    TestApp {
        base,
        clock,
        state,
        backend,
        admin,
        authenticator,
        _dir: dir,
        _pg: pg,
    }
}

/// An enrolled account's secret and the last step a code was given of.
type Enrolled = (Vec<u8>, u64);

/// The tests' authenticator app: the TOTP secret of every account enrolled through it, and the
/// last step it gave a code of (the server takes each step once, so a second login in the same
/// step takes the next one, moving the test's clock on when the window is used up).
#[derive(Clone)]
pub struct Authenticator {
    clock: ManualClock,
    secrets: Arc<Mutex<HashMap<String, Enrolled>>>,
}

impl Authenticator {
    /// The code of the step given last (which the server has taken, or will refuse as used).
    pub fn last_code(&self, username: &str) -> Option<String> {
        let map = self.secrets.lock().ok()?;
        let (secret, last) = map.get(username)?;
        Some(totp(secret).generate(last * 30).to_string())
    }

    /// A code for the account's next login, or `None` for an account not enrolled here.
    pub fn code(&self, username: &str) -> Option<String> {
        use shiming::Clock;
        let mut map = self.secrets.lock().ok()?;
        let (secret, last) = map.get_mut(username)?;
        let now = u64::try_from(self.clock.now().timestamp()).ok()?;
        let step = now / 30;
        let next = (*last + 1).max(step - 1);
        if next > step + 1 {
            self.clock.advance(chrono::Duration::seconds(
                30 * i64::try_from(next - step - 1).ok()?,
            ));
        }
        *last = next;
        Some(totp(secret).generate(next * 30).to_string())
    }

    /// What a client asks for codes.
    pub fn source(&self) -> client::CodeSource {
        let me = self.clone();
        Arc::new(move |u: &str| me.code(u))
    }

    /// Sets up two-factor login for the signed-in client; the recovery codes.
    pub async fn enrol(&self, c: &Client, username: &str) -> Vec<String> {
        let e = c.mfa_enrolment().await.expect("enrolment");
        let secret = totp_rs::Secret::try_from_base32(&e.secret)
            .expect("base32 secret")
            .as_bytes()
            .to_vec();
        self.secrets
            .lock()
            .expect("authenticator")
            .insert(username.to_owned(), (secret, 0));
        let code = self.code(username).expect("a code");
        c.mfa_confirm(&code).await.expect("confirm").codes
    }

    /// Forgets an account (after its two-factor login was reset).
    pub fn forget(&self, username: &str) {
        if let Ok(mut m) = self.secrets.lock() {
            m.remove(username);
        }
    }
}

/// The TOTP of a secret with the server's parameters.
pub fn totp(secret: &[u8]) -> totp_rs::Totp {
    totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(domain::mfa::DIGITS as u8)
        .with_skew(1)
        .with_step_duration(domain::mfa::STEP_SECS)
        .with_secret(totp_rs::Secret::from(secret.to_vec()))
        .build()
        .expect("totp")
}

impl TestApp {
    /// A client of the app whose logins take codes from the test's authenticator.
    pub fn client(&self) -> Client {
        Client::new(self.base.clone()).with_codes(self.authenticator.source())
    }

    /// Logs in with a one-time password, sets `new_pw`, sets up two-factor login when the
    /// account must have it, and accepts the agreement.
    pub async fn activate(&self, username: &str, otp: &str, new_pw: &str) -> Client {
        let mut c = self.client();
        let r = c
            .login(username, otp)
            .await
            .expect("login with one-time password");
        assert!(r.must_change_password);
        let r = c
            .change_password(otp, new_pw)
            .await
            .expect("change password");
        if r.must_enrol_mfa {
            self.authenticator.enrol(&c, username).await;
        }
        c.accept_agreement().await.expect("accept agreement");
        c
    }

    /// Registers a holder for an administrator account as `by` and activates it.
    pub async fn admin_of(&self, by: &Client, code: &str) -> Client {
        let otp = by
            .register_holder(
                code,
                &RegisterHolder {
                    name: format!("管理员{code}"),
                    phone: "13900000000".into(),
                    approval_ref: format!("批-{code}"),
                },
            )
            .await
            .expect("register holder");
        self.activate(code, &otp.one_time_password, &admin_pw(code))
            .await
    }

    /// Creates and activates a sub-account of `by`'s agency.
    pub async fn sub_account(&self, by: &Client, username: &str, role: Role) -> Client {
        let created = by
            .create_account(&CreateSubAccount {
                username: username.into(),
                name: format!("用户{username}"),
                role,
                approval_ref: "批-1".into(),
                phone: None,
            })
            .await
            .expect("create sub-account");
        self.activate(username, &created.one_time_password, "Sub-Account-pw1!")
            .await
    }

    /// Logs the province administrator in again (e.g. after moving the clock).
    pub async fn relogin_admin(&mut self) {
        self.admin
            .login("620000", ADMIN_PW)
            .await
            .expect("admin relogin");
    }

    /// The time on the test's clock.
    pub fn clock_now(&self) -> DateTime<Utc> {
        use shiming::Clock;
        self.clock.now()
    }

    /// The data directory (key files, the SQLite file).
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Runs SQL on the app's database (to simulate tampering).
    /// The audit key of this deployment (from its data directory).
    pub fn audit_key(&self) -> shiming::audit::AuditKey {
        self.state.settings.audit_key().expect("audit key")
    }

    /// The first row of a query.
    async fn first_row(&self, sql: &str) -> sea_orm::QueryResult {
        self.state
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.state.db.get_database_backend(),
                sql,
            ))
            .await
            .expect("sql")
            .expect("a row")
    }

    /// The integer column `n` of the first row of a query.
    pub async fn count(&self, sql: &str) -> i64 {
        self.first_row(sql).await.try_get("", "n").expect("n")
    }

    /// The text column `t` of the first row of a query.
    pub async fn text(&self, sql: &str) -> String {
        self.first_row(sql).await.try_get("", "t").expect("t")
    }

    pub async fn exec(&self, sql: &str) {
        self.state.db.execute_unprepared(sql).await.expect("sql");
    }
}

/// The password the tests give an administrator account (never containing its username).
pub fn admin_pw(code: &str) -> String {
    format!("Admin-{}-pw!", code.chars().rev().collect::<String>())
}

/// Asserts an API error's status and code.
#[track_caller]
pub fn assert_problem<T: std::fmt::Debug>(r: client::Result<T>, status: u16, code: &str) {
    match r {
        Err(client::Error::Api { status: s, problem }) => {
            assert_eq!(
                (s, problem.code.as_str()),
                (status, code),
                "problem: {problem:?}"
            );
        }
        other => panic!("expected {status} {code}, got {other:?}"),
    }
}

/// Declares a test that runs on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::spawn($crate::helpers::Backend::Sqlite).await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::spawn($crate::helpers::Backend::Postgres).await)
                    .await;
            }
        }
    };
    ($name:ident, $tweak:expr) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(
                    $crate::helpers::spawn_with($crate::helpers::Backend::Sqlite, $tweak).await,
                )
                .await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(
                    $crate::helpers::spawn_with($crate::helpers::Backend::Postgres, $tweak).await,
                )
                .await;
            }
        }
    };
}

/// A valid certificate number: ID with the given address code, birth date (`YYYYMMDD`) and
/// sequence, then disability type and level.
pub fn cert(addr: &str, birth: &str, seq: u32, t: u8, l: u8) -> String {
    let first = format!("{addr}{birth}{seq:03}");
    let c = domain::ids::id_check_char(&first).unwrap();
    format!("{first}{c}{t}{l}")
}

/// Sends a request; `Ok` with the parsed body below 300, else the status and the problem.
pub async fn send<T: serde::de::DeserializeOwned>(
    c: &Client,
    method: reqwest::Method,
    path: &str,
    body: Option<&impl serde::Serialize>,
) -> Result<T, (u16, serde_json::Value)> {
    let mut rb = c.request(method, path);
    if let Some(b) = body {
        rb = rb.json(b);
    }
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    let v: serde_json::Value = r.json().await.unwrap_or(serde_json::Value::Null);
    if status < 300 {
        Ok(serde_json::from_value(v).unwrap())
    } else {
        Err((status, v))
    }
}

/// The `(field, rule)` pairs of a problem.
pub fn rules(v: &serde_json::Value) -> Vec<(String, String)> {
    v["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap_or("").to_owned(),
                        f["rule"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

//! `shiming-bench registry [--persons N] [--iterations K] [--backend sqlite|postgres|both]`:
//! generates a synthetic province into a fresh database on each backend, serves it with the real
//! server, and times, over HTTP as a client sees it, a filtered list page (first and 1,000th), a
//! person page (the person and the timeline), a search by certificate number, and the first page
//! again while 20 clients log in in parallel (with the logins' own latency). Prints the
//! generation time and p50 / p99 per query. Figures, not assertions.

use anyhow::{Context, bail};
use client::Client;
use domain::Role;
use domain::v1::accounts::CreateSubAccount;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Database, EntityTrait, QueryOrder, QuerySelect};
use shiming::settings::Settings;
use shiming::store::entities::person;
use shiming::synth::{Plan, generate};
use shiming::{Application, SystemClock};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const ADMIN_PW: &str = "Bench-Admin-2026!";
const USER_PW: &str = "Bench-User-2026-pw!";
/// One audit key for both backends: a process appends to the audit log with one key only.
const AUDIT_KEY: &str = "62656e63682d61756469742d6b65792d6f662d73686d696e672d323032362121";
/// Clients (each its own account) logging in at once while the list is timed.
const PARALLEL_LOGINS: usize = 20;
const FILTER: &str = "household_type=rural&disability_type=4&limit=50";

struct Args {
    persons: u64,
    iterations: usize,
    backends: Vec<&'static str>,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        persons: 500_000,
        iterations: 200,
        backends: vec!["sqlite", "postgres"],
    };
    let mut it = std::env::args().skip(1);
    match it.next().as_deref() {
        Some("registry") => {}
        _ => bail!(
            "usage: shiming-bench registry [--persons N] [--iterations K] [--backend sqlite|postgres|both]"
        ),
    }
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--persons" => a.persons = value.parse()?,
            "--iterations" => a.iterations = value.parse()?,
            "--backend" => {
                a.backends = match value.as_str() {
                    "sqlite" => vec!["sqlite"],
                    "postgres" => vec!["postgres"],
                    "both" => vec!["sqlite", "postgres"],
                    other => bail!("unknown backend {other}"),
                }
            }
            other => bail!("unknown flag {other}"),
        }
    }
    Ok(a)
}

/// p50 and p99 in milliseconds.
fn percentiles(mut d: Vec<Duration>) -> (f64, f64, usize) {
    d.sort();
    let at = |q: f64| {
        let i = ((d.len() as f64 * q).ceil() as usize).clamp(1, d.len().max(1)) - 1;
        d.get(i).map_or(0.0, |x| x.as_secs_f64() * 1000.0)
    };
    (at(0.50), at(0.99), d.len())
}

async fn timed(c: &Client, path: &str) -> anyhow::Result<(Duration, serde_json::Value)> {
    let t = Instant::now();
    let r = c.request(Method::GET, path).send().await?;
    let status = r.status();
    let body: serde_json::Value = r.json().await?;
    let el = t.elapsed();
    if !status.is_success() {
        bail!("{path}: {status} {body}");
    }
    Ok((el, body))
}

fn pg_admin_url() -> String {
    std::env::var("SHIMING_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

async fn bench(backend: &str, a: &Args) -> anyhow::Result<Vec<(String, (f64, f64, usize))>> {
    let dir = tempfile::tempdir()?;
    let mut settings = Settings {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        static_dir: dir.path().join("no-spa"),
        admin_password: Some(ADMIN_PW.into()),
        audit_key_hex: Some(AUDIT_KEY.into()),
        run_jobs: false,
        // the parallel logins below come from one address
        login_rate_per_minute: 1_000_000,
        ..Settings::default()
    };
    let name = "shiming_bench";
    if backend == "postgres" {
        let admin = Database::connect(pg_admin_url()).await?;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await?;
        let base = pg_admin_url();
        settings.database_url = Some(match base.rsplit_once('/') {
            Some((head, _)) => format!("{head}/{name}"),
            None => base,
        });
    }
    let app = Application::build(settings, Arc::new(SystemClock)).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());

    let started = Instant::now();
    let plan = Plan {
        persons: a.persons,
        seed: 2026,
        now: state.clock.now(),
        demo: false,
    };
    let out = generate(
        &state.db,
        &state.vault.ring(),
        &state.settings.province,
        plan,
        |n| eprint!("\r  {backend}: {n} / {} persons", a.persons),
    )
    .await?;
    let gen_secs = started.elapsed().as_secs_f64();
    eprintln!();
    println!(
        "{backend}: generated {} persons and {} history records ({} employment, {} training, {} needs, {} graduate) and {} employers in {gen_secs:.1} s",
        out.persons,
        out.records(),
        out.employment,
        out.training,
        out.needs,
        out.graduates,
        out.employers
    );

    let mut c = Client::new(base.clone());
    if c.login(&state.settings.province, ADMIN_PW)
        .await?
        .must_enrol_mfa
    {
        enrol(&c).await?;
    }
    let mut rng = StdRng::seed_from_u64(1);
    let mut results = Vec::new();

    // warm up
    for _ in 0..20 {
        timed(&c, &format!("/persons?{FILTER}")).await?;
    }
    let mut first = Vec::new();
    for _ in 0..a.iterations {
        first.push(timed(&c, &format!("/persons?{FILTER}")).await?.0);
    }
    results.push((
        "list, filtered, first page (with count)".to_owned(),
        percentiles(first),
    ));

    // the same page while 20 clients log in over and over: password hashing runs outside
    // transactions and is bounded, so the list must not wait for it
    let stop = Arc::new(AtomicBool::new(false));
    let mut users = Vec::new();
    // searches by full number are limited per account and minute: they are spread over these
    let mut searchers = Vec::new();
    for i in 0..PARALLEL_LOGINS {
        let username = format!("bench.user{i:02}");
        let created = c
            .create_account(&CreateSubAccount {
                username: username.clone(),
                name: format!("用户{i}"),
                role: Role::Query,
                approval_ref: "批-1".into(),
                phone: None,
            })
            .await?;
        let mut u = Client::new(base.clone());
        u.login(&username, &created.one_time_password).await?;
        // the province's own accounts log in with two factors: the timed logins below are the
        // password step (the Argon2 hash), which answers the two-factor challenge
        if u.change_password(&created.one_time_password, USER_PW)
            .await?
            .must_enrol_mfa
        {
            enrol(&u).await?;
        }
        u.accept_agreement().await?;
        users.push(username);
        searchers.push(u);
    }
    let logins: Vec<_> = users
        .into_iter()
        .map(|user| {
            let (base, stop) = (base.clone(), stop.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut times = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let r = http
                        .post(format!("{base}/api/v1/auth/login"))
                        .json(&serde_json::json!({"username": user, "password": USER_PW}))
                        .send()
                        .await?;
                    if !r.status().is_success() {
                        bail!("login under load: {}", r.status());
                    }
                    times.push(t.elapsed());
                }
                anyhow::Ok(times)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut during = Vec::new();
    for _ in 0..a.iterations {
        during.push(timed(&c, &format!("/persons?{FILTER}")).await?.0);
    }
    stop.store(true, Ordering::Relaxed);
    let mut login_times = Vec::new();
    for t in logins {
        login_times.extend(t.await??);
    }
    results.push((
        format!("list, first page, {PARALLEL_LOGINS} logins in parallel"),
        percentiles(during),
    ));
    results.push((
        format!("login, {PARALLEL_LOGINS} in parallel"),
        percentiles(login_times),
    ));

    // walk to the 1,000th page, timing every page on the way
    let mut walk = Vec::new();
    let mut next: Option<String> = None;
    for _ in 1..1000 {
        let path = match &next {
            Some(n) => format!("/persons?{FILTER}&after={n}"),
            None => format!("/persons?{FILTER}"),
        };
        let (d, body) = timed(&c, &path).await?;
        walk.push(d);
        next = body["next"].as_str().map(str::to_owned);
        if next.is_none() {
            bail!("fewer than 1,000 pages match {FILTER}: generate more persons");
        }
    }
    let deep = format!("/persons?{FILTER}&after={}", next.unwrap_or_default());
    let mut thousandth = Vec::new();
    for _ in 0..a.iterations {
        thousandth.push(timed(&c, &deep).await?.0);
    }
    results.push((
        "list, filtered, pages 2-999 (walk)".to_owned(),
        percentiles(walk),
    ));
    results.push((
        "list, filtered, 1,000th page".to_owned(),
        percentiles(thousandth),
    ));

    // person page: the person and the timeline
    let max_id = a.persons as i64;
    let mut page = Vec::new();
    for _ in 0..a.iterations {
        let id = rng.gen_range(1..=max_id);
        let (d1, _) = timed(&c, &format!("/persons/{id}")).await?;
        let (d2, _) = timed(&c, &format!("/persons/{id}/timeline")).await?;
        page.push(d1 + d2);
    }
    results.push((
        "person page (person + timeline)".to_owned(),
        percentiles(page),
    ));

    // search by certificate number
    // (the numbers are sealed in the database: opened here with the server's keys)
    let ring = state.vault.ring();
    let certs: Vec<String> = person::Entity::find()
        .order_by_asc(person::Column::Id)
        .limit(a.iterations.min(100_000) as u64 * 50)
        .all(&state.db)
        .await?
        .iter()
        .map(|m| shiming::store::persons::open(&ring, m).map(|i| i.certificate_no))
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut search = Vec::new();
    for _ in 0..a.iterations {
        let cert = &certs[rng.gen_range(0..certs.len())];
        let who = &searchers[search.len() % searchers.len()];
        let (d, body) = timed(who, &format!("/persons?certificate_no={cert}")).await?;
        if body["items"].as_array().map_or(0, Vec::len) != 1 {
            bail!("certificate {cert} not found");
        }
        search.push(d);
    }
    results.push((
        "search by certificate number".to_owned(),
        percentiles(search),
    ));

    if backend == "postgres" {
        drop(state);
        let admin = Database::connect(pg_admin_url()).await?;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await?;
    }
    Ok(results)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = args()?;
    let mut all = Vec::new();
    for backend in a.backends.clone() {
        let r = bench(backend, &a).await?;
        all.push((backend, r));
    }
    println!();
    println!(
        "registry benchmark: {} persons, {} requests per figure, province-wide scope, filter `{FILTER}`",
        a.persons, a.iterations
    );
    println!(
        "{:<10} {:<42} {:>9} {:>9} {:>7}",
        "backend", "query", "p50 ms", "p99 ms", "n"
    );
    for (backend, rows) in &all {
        for (q, (p50, p99, n)) in rows {
            println!("{backend:<10} {q:<42} {p50:>9.2} {p99:>9.2} {n:>7}");
        }
    }
    Ok(())
}

/// Sets up two-factor login for a signed-in client, as an authenticator app would.
async fn enrol(c: &Client) -> anyhow::Result<()> {
    let e = c.mfa_enrolment().await?;
    let secret =
        totp_rs::Secret::try_from_base32(&e.secret).map_err(|e| anyhow::anyhow!("secret: {e}"))?;
    let totp = totp_rs::Builder::new()
        .with_digits(domain::mfa::DIGITS as u8)
        .with_step_duration(domain::mfa::STEP_SECS)
        .with_secret(secret)
        .build()
        .map_err(|e| anyhow::anyhow!("totp: {e}"))?;
    c.mfa_confirm(&totp.generate_current().to_string()).await?;
    Ok(())
}

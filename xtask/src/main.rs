//! Project tasks, so that a fresh machine needs nothing but cargo:
//! - `cargo xtask run`      install what is missing, build the SPA, serve API + SPA on :8080
//! - `cargo xtask test`     the whole test suite (what CI runs), with one summary at the end
//! - `cargo xtask openapi`  rewrite `openapi/openapi.json` from the code
//! - `cargo xtask spa`      build the SPA into `frontend/dist`
//! - `cargo xtask e2e`      build everything and run only the browser tests
//! - `cargo xtask schemathesis` schemathesis over every operation of the contract, against a live
//!   server holding a small generated province, authenticated
//! - `cargo xtask bench registry [--persons N] [--iterations K] [--backend sqlite|postgres|both]`
//!   generate a synthetic province and print p50 / p99 of the registry's queries (release build)

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::env::set_current_dir(root())?;
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("openapi") => openapi(),
        Some("spa") => {
            ensure_wasm_tools()?;
            build_spa()
        }
        Some("e2e") => {
            ensure_wasm_tools()?;
            ensure_browser()?;
            build_spa()?;
            cargo(&["build", "-p", "shiming-server"])?;
            e2e().map(|n| println!("e2e: {n} passed"))
        }
        Some("schemathesis") => {
            ensure_postgres()?;
            cargo(&["build", "-p", "shiming-server"])?;
            schemathesis().map(|n| println!("schemathesis: {n} operations, no findings"))
        }
        Some("bench") => {
            if args.get(1).map(String::as_str) != Some("registry") {
                bail!(
                    "usage: cargo xtask bench registry [--persons N] [--iterations K] [--backend sqlite|postgres|both]"
                );
            }
            ensure_postgres()?;
            let mut a = vec!["run", "--release", "-q", "-p", "shiming-bench", "--"];
            a.extend(args[1..].iter().map(String::as_str));
            cargo(&a)
        }
        _ => {
            eprintln!("usage: cargo xtask <run|test|openapi|spa|e2e|schemathesis|bench registry>");
            std::process::exit(2);
        }
    }
}

/// Runs a command, failing on a non-zero exit.
fn sh(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

fn cargo(args: &[&str]) -> Result<()> {
    sh(Command::new(env!("CARGO")).args(args))
}

/// The wasm-bindgen version pinned in Cargo.lock (the CLI must equal it).
fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|v| v.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    bail!("wasm-bindgen not found in Cargo.lock")
}

fn ensure_wasm_tools() -> Result<()> {
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()?;
    if !String::from_utf8_lossy(&targets.stdout).contains("wasm32-unknown-unknown") {
        println!("== installing the wasm32 target");
        sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let want = wasm_bindgen_version()?;
    let have_version = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !have_version.contains(&want) {
        println!("== installing wasm-bindgen-cli {want} (a few minutes, once)");
        // not --locked: the CLI's own lock file names a crate version this registry lacks
        cargo(&["install", "wasm-bindgen-cli", "--version", &want])?;
    }
    Ok(())
}

fn apt_install(packages: &[&str]) -> Result<()> {
    println!("== installing {}", packages.join(" "));
    sh(Command::new("apt-get").args(["update", "-qq"]))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn ensure_browser() -> Result<()> {
    if !Path::new("/usr/bin/chromium").exists()
        || !Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").exists()
    {
        apt_install(&["chromium", "fonts-wqy-microhei"])?;
    }
    if !Path::new("e2e/node_modules/playwright-core").exists()
        || !Path::new("e2e/node_modules/axe-core").exists()
    {
        println!("== installing the e2e driver (npm ci)");
        sh(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir("e2e"))?;
    }
    Ok(())
}

fn ensure_postgres() -> Result<()> {
    let up = || {
        Command::new("pg_isready")
            .args(["-h", "127.0.0.1", "-p", "5432"])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if up() {
        drop_stale_test_databases();
        return Ok(());
    }
    println!("== starting PostgreSQL");
    let versions = std::fs::read_dir("/etc/postgresql").context("PostgreSQL is not installed")?;
    for v in versions.flatten() {
        let v = v.file_name().to_string_lossy().into_owned();
        let _ = Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &v, "main", "start"])
            .status();
    }
    for _ in 0..30 {
        if up() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    bail!("PostgreSQL did not come up on 127.0.0.1:5432")
}

/// Test databases left behind by an interrupted run (the tests drop their own otherwise).
fn drop_stale_test_databases() {
    let psql = |sql: &str| {
        Command::new("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-Atc",
                sql,
            ])
            .output()
    };
    let Ok(out) = psql("SELECT datname FROM pg_database WHERE datname LIKE 'shiming_t_%'") else {
        return;
    };
    for name in String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
    {
        let _ = psql(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
    }
}

const WASM_TARGET_DIR: &str = "target/wasm";

/// binaryen's `wasm-opt` from npm (`frontend/tools`, pinned by its lock file): Debian's build
/// breaks wasm-bindgen's output.
fn ensure_wasm_opt() -> Result<PathBuf> {
    let tools = Path::new("frontend/tools");
    let bin = tools.join("node_modules/.bin/wasm-opt");
    if !bin.exists() {
        println!("== installing binaryen's wasm-opt (npm ci, once)");
        sh(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(tools))?;
    }
    Ok(bin)
}

/// Builds the SPA: wasm32 release build, wasm-bindgen, static files into `frontend/dist`.
fn build_spa() -> Result<()> {
    println!("== building the SPA");
    sh(Command::new(env!("CARGO"))
        .args([
            "build",
            "-p",
            "frontend",
            "--profile",
            "wasm-release",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CARGO_TARGET_DIR", WASM_TARGET_DIR))?;
    let dist = Path::new("frontend/dist");
    if dist.exists() {
        std::fs::remove_dir_all(dist)?;
    }
    std::fs::create_dir_all(dist)?;
    sh(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-dir",
            "frontend/dist",
        ])
        .arg(format!(
            "{WASM_TARGET_DIR}/wasm32-unknown-unknown/wasm-release/frontend.wasm"
        )))?;
    let wasm_path = dist.join("frontend_bg.wasm");
    let before = std::fs::metadata(&wasm_path)?.len();
    sh(Command::new(ensure_wasm_opt()?)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .args([
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
        ])
        .arg("--enable-multivalue")
        .arg(&wasm_path)
        .arg("-o")
        .arg(&wasm_path))?;
    println!(
        "   wasm-opt -Oz: {} KiB -> {} KiB",
        before / 1024,
        std::fs::metadata(&wasm_path)?.len() / 1024
    );
    for entry in std::fs::read_dir("frontend")?.flatten() {
        let p = entry.path();
        let static_file = matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("html" | "js" | "css" | "svg" | "png" | "ico")
        );
        if p.is_file() && static_file {
            std::fs::copy(&p, dist.join(entry.file_name()))?;
        }
    }
    let wasm = std::fs::metadata(dist.join("frontend_bg.wasm"))?.len();
    println!("   frontend_bg.wasm: {} KiB", wasm / 1024);
    Ok(())
}

fn openapi() -> Result<()> {
    let out = Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "shiming-server", "--", "openapi"])
        .output()?;
    if !out.status.success() {
        bail!(
            "shiming openapi failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::write("openapi/openapi.json", &out.stdout)?;
    println!("openapi/openapi.json written ({} bytes)", out.stdout.len());
    Ok(())
}

fn run(args: &[String]) -> Result<()> {
    ensure_wasm_tools()?;
    build_spa()?;
    cargo(&["build", "-p", "shiming-server"])?;
    let data = std::env::var_os("SHIMING_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("data"));
    // a newcomer's empty data directory gets the demo province (a few thousand persons)
    if std::env::var_os("DATABASE_URL").is_none() && !data.join("shiming.db").exists() {
        println!(
            "== empty data directory {}: loading the demo province (演示数据)",
            data.display()
        );
        sh(Command::new("target/debug/shiming")
            .args(["generate", "--demo", "--persons", "3000"])
            .env("SHIMING_DATA_DIR", &data))?;
    }
    let mut cmd = Command::new("target/debug/shiming");
    cmd.arg("serve").args(args);
    cmd.env("SHIMING_DATA_DIR", &data);
    cmd.env("SHIMING_STATIC_DIR", "frontend/dist");
    sh(&mut cmd)
}

/// A spawned server for the browser tests, stopped on drop.
struct Server {
    child: Child,
    url: String,
    otp: String,
    _data: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self._data);
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Starts `shiming serve` on a fresh data directory, as a newcomer would, and reads the
/// one-time password it prints.
fn start_server() -> Result<Server> {
    let port = free_port()?;
    let data = std::env::temp_dir().join(format!("shiming-e2e-{port}"));
    let _ = std::fs::remove_dir_all(&data);
    let mut child = Command::new("target/debug/shiming")
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("SHIMING_DATA_DIR", &data)
        .env("SHIMING_STATIC_DIR", "frontend/dist")
        .env_remove("SHIMING_ADMIN_PASSWORD")
        .env_remove("DATABASE_URL")
        .env("SHIMING_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut otp = String::new();
    let mut reader = BufReader::new(stdout);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut line = String::new();
    while Instant::now() < deadline && otp.is_empty() {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        if let Some((_, p)) = line.split_once("(shown once): ") {
            otp = p.trim().to_owned();
        }
    }
    // keep draining the server's output so it never blocks
    std::thread::spawn(move || for _ in reader.lines() {});
    if otp.is_empty() {
        let _ = child.kill();
        bail!("the server did not print a one-time password");
    }
    Ok(Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
        otp,
        _data: data,
    })
}

/// Runs the browser tests; returns how many passed.
fn e2e() -> Result<u64> {
    let server = start_server()?;
    println!("== browser tests against {}", server.url);
    let out = Command::new("node")
        .args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
        .arg("tests/")
        .current_dir("e2e")
        .env("SHIMING_URL", &server.url)
        .env("SHIMING_OTP", &server.otp)
        .stderr(Stdio::inherit())
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    let count = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|n| n.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let (pass, fail) = (count("# pass "), count("# fail "));
    if !out.status.success() || fail > 0 || pass == 0 {
        bail!("browser tests failed ({pass} passed, {fail} failed)");
    }
    Ok(pass)
}

/// The schemathesis release the contract is checked with (PyPI), in its own virtualenv, with
/// the authenticator its hooks log the administrators in with.
const SCHEMATHESIS: &str = "4.32.5";
const PYOTP: &str = "2.9.0";

fn ensure_schemathesis() -> Result<PathBuf> {
    let venv = root().join("target/schemathesis");
    let st = venv.join("bin/st");
    let have = Command::new(&st)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(SCHEMATHESIS))
        .unwrap_or(false)
        && Command::new(venv.join("bin/python"))
            .args(["-c", &format!("import sys; from importlib.metadata import version; sys.exit(version('pyotp') != '{PYOTP}')")])
            .status()
            .is_ok_and(|s| s.success());
    if !have {
        println!("== installing schemathesis {SCHEMATHESIS} and pyotp {PYOTP} (PyPI, once)");
        sh(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        sh(Command::new(venv.join("bin/pip"))
            .args(["install", "-q", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS}"))
            .arg(format!("pyotp=={PYOTP}")))?;
    }
    Ok(st)
}

/// Runs schemathesis over every operation of the served contract, with its default checks,
/// against a fresh server holding a small generated province; fails on any finding. Returns
/// the number of operations tested.
fn schemathesis() -> Result<u64> {
    let st = ensure_schemathesis()?;
    let port = free_port()?;
    let data = std::env::temp_dir().join(format!("shiming-st-{port}"));
    let _ = std::fs::remove_dir_all(&data);
    let password = format!("St-{port}-Kontrakt!");
    let env = |c: &mut Command| {
        c.env("SHIMING_DATA_DIR", &data)
            .env("SHIMING_ADMIN_PASSWORD", &password)
            .env("SHIMING_LOG", "warn")
            .env_remove("DATABASE_URL");
    };
    let mut generate = Command::new("target/debug/shiming");
    generate.args(["generate", "--persons", "300", "--seed", "8"]);
    env(&mut generate);
    sh(generate.stdout(Stdio::null()))?;
    let mut serve = Command::new("target/debug/shiming");
    serve
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("SHIMING_TRUSTED_PROXIES", "127.0.0.1/32")
        .env("SHIMING_STATIC_DIR", "/nonexistent")
        .stdout(Stdio::null());
    env(&mut serve);
    let child = serve.spawn()?;
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
        otp: String::new(),
        _data: data,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let dir = root().join("xtask/schemathesis");
    println!("== schemathesis {SCHEMATHESIS} against {}", server.url);
    let out = Command::new(&st)
        .arg("--config-file")
        .arg(dir.join("schemathesis.toml"))
        .args(["--no-color", "run"])
        .arg(format!("{}/api/v1/openapi.json", server.url))
        .args(["--workers", "2", "--report", "junit"])
        .arg("--report-dir")
        .arg(root().join("target/schemathesis-report"))
        .env("PYTHONPATH", &dir)
        // its cache (.schemathesis/) goes under target/, not into the work tree
        .current_dir(root().join("target"))
        .env("SHIMING_URL", &server.url)
        .env("SHIMING_ST_PASSWORD", &password)
        .stderr(Stdio::inherit())
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    drop(server);
    if !out.status.success() {
        bail!("schemathesis found failures (report: target/schemathesis-report)");
    }
    let operations = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Operations:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Ok(operations)
}

/// Runs `cargo nextest` and returns the number of tests that passed.
fn nextest() -> Result<u64> {
    let mut child = Command::new(env!("CARGO"))
        .args([
            "nextest",
            "run",
            "--workspace",
            "--no-fail-fast",
            "--color",
            "never",
        ])
        .stderr(Stdio::piped())
        .spawn()?;
    let stderr = child.stderr.take().context("no stderr")?;
    let mut passed = 0;
    for line in BufReader::new(stderr).lines() {
        let line = line?;
        eprintln!("{line}");
        if let Some(rest) = line.split_once(" tests run: ").map(|(_, r)| r) {
            passed = rest
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
        }
    }
    if !child.wait()?.success() {
        bail!("tests failed");
    }
    Ok(passed)
}

fn test() -> Result<()> {
    let started = Instant::now();
    ensure_wasm_tools()?;
    ensure_browser()?;
    ensure_postgres()?;
    let mut steps: Vec<(&str, Result<u64>)> = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> Result<u64>| {
        println!("\n== {name}");
        let t = Instant::now();
        let r = f();
        println!(
            "== {name}: {} in {:.0?}",
            if r.is_ok() { "ok" } else { "FAILED" },
            t.elapsed()
        );
        if let Err(e) = &r {
            println!("   {e:#}");
        }
        steps.push((name, r));
    };
    step("format", &mut || {
        cargo(&["fmt", "--all", "--check"]).map(|_| 0)
    });
    step("clippy", &mut || {
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .map(|_| 0)
    });
    step("domain for wasm32", &mut || {
        cargo(&[
            "build",
            "-p",
            "shiming-domain",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .map(|_| 0)
    });
    step("clippy (SPA, wasm32)", &mut || {
        sh(Command::new(env!("CARGO"))
            .args([
                "clippy",
                "-p",
                "frontend",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ])
            .env("CARGO_TARGET_DIR", WASM_TARGET_DIR))
        .map(|_| 0)
    });
    step("unit and HTTP tests (SQLite + PostgreSQL)", &mut nextest);
    step("OpenAPI in sync", &mut || {
        let out = Command::new("target/debug/shiming")
            .arg("openapi")
            .output()?;
        let on_disk = std::fs::read("openapi/openapi.json")?;
        if out.stdout != on_disk {
            bail!("openapi/openapi.json is stale: run `cargo xtask openapi`");
        }
        Ok(0)
    });
    step("schemathesis (contract vs. live server)", &mut || {
        schemathesis().map(|_| 0)
    });
    step("SPA build", &mut || build_spa().map(|_| 0));
    step("browser tests", &mut e2e);
    let failed: Vec<&str> = steps
        .iter()
        .filter(|(_, r)| r.is_err())
        .map(|(n, _)| *n)
        .collect();
    let tests: u64 = steps.iter().filter_map(|(_, r)| r.as_ref().ok()).sum();
    println!("\n== summary ({:.0?})", started.elapsed());
    for (name, r) in &steps {
        println!(
            "   {:<44} {}",
            name,
            if r.is_ok() { "ok" } else { "FAILED" }
        );
    }
    println!("{} passed, {} failed", tests, failed.len());
    if !failed.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}

//! `shiming`: the server binary. `serve` runs API + SPA; `migrate`, `account`, `audit` and `keys`
//! are operator commands on the same database.

use clap::{Parser, Subcommand};
use shiming::audit::{self, Actor, Verification};
use shiming::{Application, Settings, SystemClock};
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "shiming",
    version,
    about = "残疾人就业和职业培训实名制统计管理系统 server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the SPA.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080, or SHIMING_BIND).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Run the database migrations and exit.
    Migrate,
    /// Generate a synthetic province into an empty registry (seeded, reproducible).
    Generate {
        /// Number of persons.
        #[arg(long, default_value_t = 3000)]
        persons: u64,
        /// Seed.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Mark the data as demo data (the web pages say so).
        #[arg(long)]
        demo: bool,
    },
    /// Print the OpenAPI contract (what `openapi/openapi.json` must hold).
    Openapi,
    /// Account administration on the server.
    Account {
        #[command(subcommand)]
        command: AccountCommand,
    },
    /// Audit log tools.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// The data keys that seal certificate numbers, phones and addresses.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// List the keys and how many persons each one seals.
    Status,
    /// Add a new current key and seal every person anew under it (in batches; the service
    /// stays up). The old keys stay in the key file until you remove them.
    Rotate,
}

#[derive(Subcommand)]
enum AccountCommand {
    /// Give an account a one-time password (e.g. the province administrator `620000`).
    ResetPassword {
        /// Username.
        username: String,
    },
    /// Turn off an account's two-factor login so that its holder enrols a new authenticator at
    /// the next login (the province administrator `620000` has no superior to do it).
    ResetMfa {
        /// Username.
        username: String,
    },
    /// Apply the inactivity rules now (30-day lock, 2-year cancel), as the daily job does.
    Lifecycle,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain and report the first broken link.
    Verify,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        print!("{}", shiming::openapi::json(&shiming::openapi::spec())?);
        return Ok(());
    }
    let mut settings = Settings::from_env()?;
    shiming::telemetry::init(settings.json_logs);
    match cli.command {
        Command::Serve { bind } => {
            if let Some(b) = bind {
                settings.bind = b;
            }
            let app = Application::build(settings, Arc::new(SystemClock)).await?;
            let addr = format!(
                "http://{}",
                app.state.settings.bind.replace("0.0.0.0", "127.0.0.1")
            );
            println!("shiming 已启动 / listening on {addr}");
            if let Some(otp) = &app.first_password {
                println!(
                    "省级管理员账号 / province administrator: {}",
                    app.state.settings.province
                );
                println!("一次性密码 / one-time password (shown once): {otp}");
            }
            app.run_until_stopped().await?;
        }
        Command::Openapi => {}
        Command::Migrate => {
            let db = shiming::db::connect(&settings.database_url()).await?;
            // rows from before sealing are sealed right away, not at the next start
            let sealed = shiming::store::persons::seal_legacy(
                &db,
                &shiming::store::persons::open_vault(&settings, &db)
                    .await?
                    .ring(),
            )
            .await?;
            println!("migrations applied; {sealed} persons' identifiers sealed");
        }
        Command::Generate {
            persons,
            seed,
            demo,
        } => {
            let app = Application::build(
                Settings {
                    bind: "127.0.0.1:0".into(),
                    ..settings
                },
                Arc::new(SystemClock),
            )
            .await?;
            let state = app.state.clone();
            if let Some(otp) = &app.first_password {
                println!(
                    "省级管理员账号 / province administrator: {}",
                    state.settings.province
                );
                println!("一次性密码 / one-time password (shown once): {otp}");
            }
            let started = std::time::Instant::now();
            let plan = shiming::synth::Plan {
                persons,
                seed,
                now: state.clock.now(),
                demo,
            };
            let out = shiming::synth::generate(
                &state.db,
                &state.vault.ring(),
                &state.settings.province,
                plan,
                |n| {
                    eprint!("\r{n} / {persons}");
                },
            )
            .await?;
            eprintln!();
            println!(
                "generated {} persons, {} employment, {} training, {} needs, {} graduate records, {} employers in {:.1} s",
                out.persons,
                out.employment,
                out.training,
                out.needs,
                out.graduates,
                out.employers,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Account { command } => {
            let app = Application::build(
                Settings {
                    bind: "127.0.0.1:0".into(),
                    ..settings
                },
                Arc::new(SystemClock),
            )
            .await?;
            let state = app.state.clone();
            let now = state.clock.now();
            match command {
                AccountCommand::ResetPassword { username } => {
                    let pw = shiming::auth::password::new_one_time(state.settings.argon2).await?;
                    let (txn, acc, reg) = locked_account(&state, &username).await?;
                    let otp = shiming::store::accounts::reset_password(
                        &txn,
                        &Actor::cli(),
                        acc,
                        &reg,
                        pw,
                        now,
                    )
                    .await
                    .map_err(|e| anyhow::anyhow!("{}", e.problem().detail))?;
                    txn.commit().await?;
                    println!("{}: {}", otp.username, otp.one_time_password);
                }
                AccountCommand::ResetMfa { username } => {
                    let (txn, acc, reg) = locked_account(&state, &username).await?;
                    shiming::store::accounts::reset_mfa(&txn, &Actor::cli(), acc, &reg, now)
                        .await
                        .map_err(|e| anyhow::anyhow!("{}", e.problem().detail))?;
                    txn.commit().await?;
                    println!(
                        "{username}: two-factor login reset; it is set up again at the next login"
                    );
                }
                AccountCommand::Lifecycle => {
                    let r = shiming::jobs::account_lifecycle(&state, now)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("dormant: {}, cancelled: {}", r.dormant, r.cancelled);
                }
            }
        }
        Command::Keys { command } => {
            let app = Application::build(
                Settings {
                    bind: "127.0.0.1:0".into(),
                    ..settings
                },
                Arc::new(SystemClock),
            )
            .await?;
            let state = app.state.clone();
            use shiming::store::persons;
            if let KeysCommand::Rotate = command {
                let province =
                    shiming::store::regions::scope_of(&state.db, &state.settings.province)
                        .await
                        .map_err(|e| anyhow::anyhow!("{}", e.problem().detail))?
                        .ok_or_else(|| anyhow::anyhow!("the province region is missing"))?;
                let r = persons::rotate_data_key(
                    &state.db,
                    &state.vault,
                    &province,
                    &Actor::cli(),
                    state.clock.now(),
                    |n| eprint!("\r{n} persons sealed anew"),
                )
                .await?;
                eprintln!();
                println!(
                    "数据密钥已轮换 / data key rotated: {} is current, {} persons sealed anew",
                    r.key, r.rows
                );
            }
            let ring = state.vault.ring();
            let rows = persons::rows_per_key(&state.db).await?;
            match state.vault.file() {
                Some(f) => println!("key file: {}", f.display()),
                None => println!("keys: SHIMING_DATA_KEYS"),
            }
            for k in ring.keys() {
                let n = rows
                    .iter()
                    .find(|(id, _)| id.as_deref() == Some(k.id()))
                    .map_or(0, |r| r.1);
                let current = if k.id() == ring.current().id() {
                    " (current)"
                } else {
                    ""
                };
                println!("{} {} {n} persons{current}", k.id(), k.algorithm().as_str());
            }
            for (id, n) in rows
                .iter()
                .filter(|(id, _)| id.as_deref().is_none_or(|i| ring.get(i).is_err()))
            {
                println!(
                    "{}: {n} persons (key missing!)",
                    id.as_deref().unwrap_or("in clear")
                );
            }
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let db = shiming::db::connect(&settings.database_url()).await?;
            let key = settings.audit_key()?;
            match audit::verify(&db, &key)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                Verification::Intact { entries } => {
                    println!("audit chain intact: {entries} entries")
                }
                Verification::Broken { at_id, reason } => {
                    println!("audit chain BROKEN at entry {at_id}: {reason}");
                    std::process::exit(2);
                }
            }
        }
    }
    Ok(())
}

/// An account by username, locked in a new transaction, with its region.
async fn locked_account(
    state: &shiming::AppState,
    username: &str,
) -> anyhow::Result<(
    sea_orm::DatabaseTransaction,
    shiming::store::entities::account::Model,
    shiming::store::entities::region::Model,
)> {
    use sea_orm::TransactionTrait;
    use shiming::store::{accounts, regions};
    let txn = state.db.begin().await?;
    let acc = accounts::by_username(&txn, username)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account {username}"))?;
    let reg = regions::current(&txn, &acc.region_code)
        .await?
        .ok_or_else(|| anyhow::anyhow!("region of {username} missing"))?;
    let acc = accounts::lock(&txn, acc.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account {username}"))?;
    Ok((txn, acc, reg))
}

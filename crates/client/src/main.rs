//! `shiming-client`: log in and print API v1 answers as JSON, for scripts.

use clap::{Parser, Subcommand};
use client::Client;
use domain::v1::accounts::AccountQuery;
use domain::v1::audit::AuditQuery;

#[derive(Parser)]
#[command(
    name = "shiming-client",
    version,
    about = "Command-line client of the shiming API v1"
)]
struct Cli {
    /// Server address.
    #[arg(long, env = "SHIMING_URL", default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Username.
    #[arg(long, env = "SHIMING_USERNAME")]
    username: String,
    /// Password.
    #[arg(long, env = "SHIMING_PASSWORD", hide_env_values = true)]
    password: String,
    /// Two-factor code from the authenticator app (or a recovery code), for accounts that log
    /// in with one.
    #[arg(long, env = "SHIMING_CODE", hide_env_values = true)]
    code: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Who am I.
    Me,
    /// A region and its children.
    Region {
        /// Region code.
        code: String,
    },
    /// Accounts in scope (first page of 200).
    Accounts,
    /// Audit entries in scope (first page of 200).
    Audit,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut c = Client::new(cli.url);
    if let Some(code) = cli.code.clone() {
        c = c.with_codes(std::sync::Arc::new(move |_: &str| Some(code.clone())));
    }
    c.login(&cli.username, &cli.password).await?;
    let out = match cli.command {
        Command::Me => serde_json::to_string_pretty(&c.me().await?)?,
        Command::Region { code } => serde_json::to_string_pretty(&(
            c.region(&code, None).await?,
            c.region_children(&code, None).await?,
        ))?,
        Command::Accounts => serde_json::to_string_pretty(
            &c.accounts(&AccountQuery {
                per_page: Some(200),
                ..Default::default()
            })
            .await?,
        )?,
        Command::Audit => serde_json::to_string_pretty(
            &c.audit(&AuditQuery {
                per_page: Some(200),
                ..Default::default()
            })
            .await?,
        )?,
    };
    println!("{out}");
    Ok(())
}

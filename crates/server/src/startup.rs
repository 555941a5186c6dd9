//! Builds the application on a listener (port 0 in tests): connect, migrate, bootstrap, serve the
//! API under `/api/v1` and the SPA at `/`, with security headers on every response.

use crate::auth::jwt::Keys;
use crate::clock::{Clock, today_cst};
use crate::error::path_error;
use crate::routes::v1;
use crate::settings::Settings;
use crate::store::secrets;
use crate::{bootstrap, jobs, openapi};
use actix_files::{Files, NamedFile};
use actix_web::dev::{Server, ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header;
use actix_web::middleware::{Compress, DefaultHeaders};
use actix_web::{App, HttpResponse, HttpServer, web};
use sea_orm::DatabaseConnection;
use std::net::TcpListener;
use std::sync::Arc;
use utoipa_actix_web::{AppExt, scope};

/// Shared state of every request.
#[derive(Debug)]
pub struct AppState {
    /// The database.
    pub db: DatabaseConnection,
    /// Settings.
    pub settings: Settings,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Token keys.
    pub keys: Keys,
    /// A hash to verify against when the username is unknown (constant-time login).
    pub dummy_hash: String,
    /// Seals and opens the opaque list cursors.
    pub cursors: crate::cursor::CursorKey,
    /// The data keys that seal and open persons' identifiers.
    pub vault: crate::vault::Vault,
    /// This process's copy of the province's security policy.
    pub policy: crate::store::mfa::PolicyCache,
}

impl AppState {
    /// Today in China Standard Time.
    pub fn today(&self) -> chrono::NaiveDate {
        today_cst(self.clock.now())
    }
}

/// The Content-Security-Policy: the SPA's own scripts and WASM, nothing inline, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A built, bound, not yet running server.
pub struct Application {
    server: Server,
    port: u16,
    /// The state, for tests and jobs.
    pub state: web::Data<AppState>,
    /// The province administrator's one-time password, when this start created it.
    pub first_password: Option<String>,
}

impl Application {
    /// Connects, migrates, bootstraps and binds.
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        if settings.database_url.is_none() {
            std::fs::create_dir_all(&settings.data_dir)?;
        }
        let db = crate::db::connect(&settings.database_url()).await?;
        Self::build_with_db(settings, clock, db).await
    }

    /// Like [`Application::build`] on an open, migrated database.
    pub async fn build_with_db(
        settings: Settings,
        clock: Arc<dyn Clock>,
        db: DatabaseConnection,
    ) -> anyhow::Result<Self> {
        crate::audit::install_key(settings.audit_key()?)?;
        let vault = crate::store::persons::open_vault(&settings, &db).await?;
        crate::store::persons::seal_legacy(&db, &vault.ring()).await?;
        let first_password = bootstrap::run(&db, &settings, clock.now()).await?;
        let secret = secrets::get_or_create(&db, "jwt_hs256").await?;
        let cursor_secret = hex::decode(secrets::get_or_create(&db, "cursor_aes256").await?)?;
        let dummy_hash =
            crate::auth::password::hash("dummy-password".into(), settings.argon2).await?;
        let state = web::Data::new(AppState {
            db,
            keys: Keys::from_secret(secret.as_bytes()),
            settings,
            clock,
            dummy_hash,
            cursors: crate::cursor::CursorKey::from_secret(&cursor_secret)?,
            vault,
            policy: Default::default(),
        });
        let listener = TcpListener::bind(&state.settings.bind)?;
        let port = listener.local_addr()?.port();
        let contract = openapi::spec();
        let methods = web::Data::new(openapi::Methods::of(&contract));
        let spec = web::Data::new(openapi::json(&contract)?);
        let st = state.clone();
        let server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .service(
                    scope("/api/v1")
                        .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
                        .configure(v1::configure)
                        .route("/openapi.json", web::get().to(openapi::serve_json))
                        .route("/docs", web::get().to(openapi::serve_docs))
                        .default_service(web::to(v1::unmatched)),
                )
                .split_for_parts();
            let app = app
                .app_data(st.clone())
                .app_data(spec.clone())
                .app_data(methods.clone())
                .app_data(web::PayloadConfig::new(crate::extract::JSON_LIMIT))
                .app_data(web::PathConfig::default().error_handler(path_error))
                .wrap(Compress::default())
                .wrap(
                    DefaultHeaders::new()
                        .add((header::CONTENT_SECURITY_POLICY, CSP))
                        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                        .add((header::X_FRAME_OPTIONS, "DENY"))
                        .add((header::REFERRER_POLICY, "no-referrer"))
                        .add((
                            "Permissions-Policy",
                            "camera=(), microphone=(), geolocation=()",
                        ))
                        .add(("Cross-Origin-Opener-Policy", "same-origin")),
                )
                .wrap(tracing_actix_web::TracingLogger::<
                    crate::telemetry::RequestSpan,
                >::new());
            let dir = st.settings.static_dir.clone();
            if dir.join("index.html").is_file() {
                let index = dir.join("index.html");
                app.service(
                    Files::new("/", dir)
                        .index_file("index.html")
                        .default_handler(fn_service(move |req: ServiceRequest| {
                            let index = index.clone();
                            async move {
                                let (req, _) = req.into_parts();
                                let file = NamedFile::open_async(index).await?;
                                let res = file.into_response(&req);
                                Ok(ServiceResponse::new(req, res))
                            }
                        })),
                )
            } else {
                app.default_service(web::to(spa_missing))
            }
        })
        .listen(listener)?
        .shutdown_timeout(20)
        .run();
        Ok(Self {
            server,
            port,
            state,
            first_password,
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Runs until stopped (SIGINT / SIGTERM end it gracefully), with the daily jobs beside it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        if self.state.settings.run_jobs {
            tokio::spawn(jobs::run_forever(self.state.clone()));
        }
        self.server.await
    }
}

async fn spa_missing() -> HttpResponse {
    HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body(
        "前端尚未构建：请运行 cargo xtask run。\nThe SPA is not built: run `cargo xtask run` (or set SHIMING_STATIC_DIR).\nAPI: /api/v1/docs\n",
    )
}

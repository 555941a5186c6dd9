//! The shiming server: API v1 on actix-web over sea-orm (SQLite by default, PostgreSQL in
//! production), serving the SPA as static files.

pub mod audit;
pub mod auth;
pub mod bootstrap;
pub mod clock;
pub mod cursor;
pub mod db;
pub mod error;
pub mod extract;
pub mod jobs;
pub mod openapi;
pub mod routes;
pub mod settings;
pub mod startup;
pub mod store;
pub mod synth;
pub mod telemetry;
pub mod vault;

pub use clock::{Clock, ManualClock, SystemClock};
pub use settings::Settings;
pub use startup::{AppState, Application};

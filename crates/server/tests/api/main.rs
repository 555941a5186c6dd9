//! The one integration-test binary: the real server over HTTP, on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;

mod access;
mod accounts;
mod agencies;
mod audit;
mod auth;
mod dictionaries;
mod employment;
mod lifecycle;
mod mfa;
mod openapi;
mod persons;
mod records;
mod regions;
mod sealing;
mod security;
mod sessions;
mod synth;
mod tokens;

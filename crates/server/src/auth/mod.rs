//! Authentication and authorisation: password hashing, JWTs, refresh tokens and the `Caller`
//! extractor every handler takes.

pub mod extract;
pub mod jwt;
pub mod password;

pub use extract::{Caller, PendingCaller};

//! HTTP routes.

pub mod v1;

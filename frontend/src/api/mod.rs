//! The API v1 client of the SPA: one async function per endpoint, typed with the `domain` DTOs.
//! Everything goes through [`client::Call`], the single place that adds the bearer token,
//! refreshes it once on a 401 and decodes problem+json errors.

pub mod access;
pub mod accounts;
pub mod agencies;
pub mod audit;
pub mod auth;
pub mod client;
pub mod dictionaries;
pub mod employers;
pub mod persons;
pub mod regions;

pub use client::ApiError;

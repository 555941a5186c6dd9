//! The pages, by area.

pub mod accounts;
pub mod agency;
pub mod audit;
pub mod auth;
pub mod dictionaries;
pub mod persons;
pub mod regions;
pub mod sessions;
pub mod shell;

//! Pure rules; time always comes in as a parameter.

pub mod account;
pub mod completeness;
pub mod dates;

//! The shared domain of shiming: identifiers, code lists, validation rules, the permission matrix,
//! error codes and the wire types of API v1. It does no I/O and builds for `wasm32`, so the server
//! and the SPA run the very same rules.

pub mod codes;
pub mod error;
pub mod ids;
pub mod mfa;
pub mod password;
pub mod permissions;
pub mod rules;
pub mod text;
pub mod v1;

pub use codes::*;
pub use error::{ErrorCode, FieldError, Problem};
pub use permissions::Permission;
pub use text::Text;

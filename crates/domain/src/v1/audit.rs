//! The audit log: append-only, hash-chained.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Sequence number (gap-free).
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Username of the actor (`system` for jobs, `cli` for server commands).
    pub actor: String,
    /// Client address.
    pub ip: Option<String>,
    /// What was done (`auth.login`, `account.create`, ...).
    pub action: String,
    /// Kind of the object acted on.
    pub target_kind: String,
    /// Its key.
    pub target_id: String,
    /// Region the object belongs to (scopes who may read the entry).
    pub region_code: String,
    /// State before (changes only).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// State after (changes only).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
    /// Hash of this entry, chained to the previous one.
    pub hash: String,
}

/// Filters of `GET /api/v1/audit`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct AuditQuery {
    /// Action prefix (e.g. `account.`).
    #[serde(default)]
    #[validate(length(max = 60))]
    pub action: Option<String>,
    /// Actor username.
    #[serde(default)]
    #[validate(length(max = 64))]
    pub actor: Option<String>,
    /// Entries at or after this time.
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
    /// Page number, from 1.
    #[serde(default)]
    #[validate(range(min = 1, max = 100000))]
    pub page: Option<u32>,
    /// Rows per page (default 50, at most 200).
    #[serde(default)]
    #[validate(range(min = 1, max = 200))]
    pub per_page: Option<u32>,
}

/// A page of audit entries, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The entries.
    pub items: Vec<AuditEntry>,
    /// Paging.
    pub page: super::PageMeta,
}

//! The access log of personal data: every read of a person, of a person's records, of the
//! unmasked identifiers and of a person list, with who, when, from where, which person or which
//! query, and how many rows. Read by audit accounts in their scope, per person and per account.

use crate::text::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

crate::codes::code_enum! {
    /// What was read.
    AccessKind {
        Person = "person", "人员信息", "Person";
        Timeline = "timeline", "人员时间线", "Timeline";
        Employment = "employment", "就业记录", "Employment records";
        Training = "training", "培训记录", "Training records";
        Needs = "needs", "需求记录", "Needs";
        Graduate = "graduate", "毕业生记录", "Graduate records";
        Unmasked = "unmasked", "完整证件信息", "Full identifiers";
        List = "list", "人员列表", "Person list";
        Search = "search", "按完整证号查询", "Search by full number";
        Export = "export", "导出", "Export";
    }
}

/// One read of personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessEntry {
    /// Sequence number.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Username of the reader.
    pub actor: String,
    /// Client address.
    pub ip: Option<String>,
    /// What was read.
    pub kind: AccessKind,
    /// The person read (reads of one person).
    pub person_id: Option<i64>,
    /// Region of the person read, or the scope of the reader's query.
    pub region_code: String,
    /// The query of a list or search: its filters, a name or a certificate number only as a
    /// keyed hash.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub query: Option<serde_json::Value>,
    /// Rows returned.
    pub rows: i32,
}

/// Filters of `GET /api/v1/access`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct AccessQuery {
    /// Reads of this person.
    #[serde(default)]
    #[validate(range(min = 1))]
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub person_id: Option<i64>,
    /// Reads by this account.
    #[serde(default)]
    #[validate(length(max = 64))]
    #[cfg_attr(feature = "openapi", param(max_length = 64))]
    pub actor: Option<String>,
    /// Reads of this kind.
    #[serde(default)]
    pub kind: Option<AccessKind>,
    /// Reads at or after this time.
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    /// Reads before this time.
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
    /// Page number, from 1.
    #[serde(default)]
    #[validate(range(min = 1, max = 100000))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100000))]
    pub page: Option<u32>,
    /// Rows per page (default 50, at most 200).
    #[serde(default)]
    #[validate(range(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub per_page: Option<u32>,
}

/// A page of reads, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessPage {
    /// The reads.
    pub items: Vec<AccessEntry>,
    /// Paging.
    pub page: super::PageMeta,
}

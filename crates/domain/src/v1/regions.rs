//! Regions (GB/T 2260) and their change events.

use crate::codes::RegionLevel;
use crate::error::rule_error;
use crate::ids::RegionCode;
use crate::text::Text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// A region named briefly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionRef {
    /// GB/T 2260 code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: RegionLevel,
}

/// A region as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    /// GB/T 2260 code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: RegionLevel,
    /// Code of the parent region (none for the deployment's province).
    pub parent_code: Option<String>,
    /// From the root down to this region.
    pub ancestors: Vec<RegionRef>,
    /// First day this version of the region is valid.
    pub valid_from: NaiveDate,
    /// First day it is no longer valid (none while current).
    pub valid_to: Option<NaiveDate>,
    /// For a retired region: the region its records moved to.
    pub successor_code: Option<String>,
    /// Number of child regions valid on the same date.
    pub child_count: u64,
}

/// Query parameters of region look-ups.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct RegionQuery {
    /// The date whose tree is wanted (default: today).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

/// `GET /api/v1/regions?q=`: search by code prefix or name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct RegionSearch {
    /// Code prefix or part of the name.
    #[validate(length(min = 1, max = 40))]
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 40))]
    pub q: String,
    /// The date whose tree is searched (default: today).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// At most this many results (default 50).
    #[serde(default)]
    #[validate(range(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
}

/// A new region named by a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRegion {
    /// GB/T 2260 code of the new region.
    #[validate(custom(function = "valid_region_code"))]
    pub code: String,
    /// Its name.
    #[validate(length(min = 1, max = 60))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub name: String,
}

/// One change of the region tree (设置、变更), effective from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RegionChange {
    /// Set up a new region under a parent.
    Create {
        /// The new region.
        region: NewRegion,
        /// Code of its parent.
        parent_code: String,
    },
    /// Rename a region.
    Rename {
        /// Region to rename.
        code: String,
        /// New name.
        new_name: String,
    },
    /// Move a region (with its subtree) under another parent.
    Reparent {
        /// Region to move.
        code: String,
        /// New parent.
        new_parent_code: String,
    },
    /// Give a region a new code; its subtree and records follow.
    ChangeCode {
        /// Old code.
        code: String,
        /// New code.
        new_code: String,
    },
    /// Merge regions into one existing region; the merged ones retire with it as successor.
    Merge {
        /// Regions merged away.
        codes: Vec<String>,
        /// The region that absorbs them.
        into_code: String,
    },
    /// Split a region into new regions under the same parent; the first new one is its successor.
    Split {
        /// Region split up (it retires).
        code: String,
        /// New regions (at least two).
        into: Vec<NewRegion>,
    },
    /// Retire a region; its records and children move to the successor.
    Retire {
        /// Region to retire.
        code: String,
        /// Where its records and children go.
        successor_code: String,
    },
}

impl RegionChange {
    /// Every region code the change names (before and after), so that its visibility can be
    /// decided by the caller's scope.
    pub fn codes(&self) -> Vec<&str> {
        match self {
            RegionChange::Create {
                region,
                parent_code,
            } => vec![region.code.as_str(), parent_code.as_str()],
            RegionChange::Rename { code, .. } => vec![code.as_str()],
            RegionChange::Reparent {
                code,
                new_parent_code,
            } => vec![code.as_str(), new_parent_code.as_str()],
            RegionChange::ChangeCode { code, new_code } => vec![code.as_str(), new_code.as_str()],
            RegionChange::Merge { codes, into_code } => codes
                .iter()
                .map(String::as_str)
                .chain([into_code.as_str()])
                .collect(),
            RegionChange::Split { code, into } => [code.as_str()]
                .into_iter()
                .chain(into.iter().map(|r| r.code.as_str()))
                .collect(),
            RegionChange::Retire {
                code,
                successor_code,
            } => vec![code.as_str(), successor_code.as_str()],
        }
    }
}

/// `POST /api/v1/regions/changes`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionChangeRequest {
    /// The first day the change is in force.
    pub effective_date: NaiveDate,
    /// Reference of the approving document (批文): 1-100 characters, not only spaces.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = "\\S")
    )]
    pub reference: String,
    /// What changes.
    pub change: RegionChange,
}

/// A recorded region change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionEvent {
    /// Sequence number.
    pub id: i64,
    /// The first day the change is in force.
    pub effective_date: NaiveDate,
    /// Reference of the approving document.
    pub reference: String,
    /// What changed.
    pub change: RegionChange,
    /// Who recorded it.
    pub recorded_by: String,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// `validator` rule: a well-formed GB/T 2260 code.
pub fn valid_region_code(code: &str) -> Result<(), ValidationError> {
    RegionCode::parse(code).map(|_| ()).map_err(|e| {
        rule_error(
            "region_code",
            Text::new(
                format!("区划代码不正确：{}", e.text().zh),
                format!("not a valid region code: {}", e.text().en),
            ),
        )
    })
}

//! Employers (用人单位): keyed by the unified social credit code (GB 32100); employment entries
//! reference them.

use crate::error::rule_error;
use crate::ids::CreditCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// `POST /api/v1/employers`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmployerCreate {
    /// Unified social credit code (18 characters, check character verified).
    #[validate(custom(function = "valid_credit_code"))]
    pub credit_code: String,
    /// Name.
    #[validate(length(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// 经济类型 (e.g. 国有, 私营).
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub economic_type: Option<String>,
    /// Industry (dictionary `industry`).
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub industry: Option<String>,
    /// Region where it is registered (inside the caller's scope).
    #[validate(length(min = 2, max = 12))]
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 12))]
    pub region: String,
}

/// An employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Employer {
    /// Id.
    pub id: i64,
    /// Unified social credit code.
    pub credit_code: String,
    /// Name.
    pub name: String,
    /// 经济类型.
    pub economic_type: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Registered at.
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/employers`: search by credit code (prefix) or name (contains), in id order.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct EmployerQuery {
    /// Credit code prefix or part of the name.
    #[serde(default)]
    #[validate(length(max = 100))]
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    /// Keyset cursor: the `next` of the previous page.
    #[serde(default)]
    pub after: Option<i64>,
    /// Rows per page (default 20, at most 100).
    #[serde(default)]
    #[validate(range(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// A page of employers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmployerPage {
    /// The employers.
    pub items: Vec<Employer>,
    /// Cursor of the next page (none on the last).
    pub next: Option<i64>,
}

/// `validator` rule: a credit code that verifies.
pub fn valid_credit_code(s: &str) -> Result<(), ValidationError> {
    CreditCode::parse(s)
        .map(|_| ())
        .map_err(|e| rule_error(e.rule(), e.text()))
}

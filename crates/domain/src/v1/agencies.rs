//! Employment service agencies (就业服务机构), one per region.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// An agency as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agency {
    /// Code of the agency's region.
    pub region_code: String,
    /// Name of the region.
    pub region_name: String,
    /// Name of the agency.
    pub name: String,
    /// 机构规格 (e.g. 正处级, 副科级).
    pub spec: String,
    /// 机构类型 (e.g. 参照公务员法管理事业单位, 公益一类).
    pub kind: String,
    /// 内设部门.
    pub departments: Vec<String>,
    /// 编制人数.
    pub staff_quota: i32,
    /// 实有人数.
    pub staff_actual: i32,
    /// 机构面积 (m²).
    pub area_m2: f64,
    /// 机构功能 (several).
    pub functions: Vec<String>,
    /// 规范化建设 status.
    pub standardization: String,
    /// Optimistic-concurrency version; send it back when updating.
    pub version: i32,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// `PUT /api/v1/agencies/{code}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyUpdate {
    /// Name of the agency.
    #[validate(length(min = 1, max = 100))]
    pub name: String,
    /// 机构规格.
    #[validate(length(max = 40))]
    pub spec: String,
    /// 机构类型.
    #[validate(length(max = 40))]
    pub kind: String,
    /// 内设部门.
    #[validate(length(max = 30))]
    pub departments: Vec<String>,
    /// 编制人数.
    #[validate(range(min = 0, max = 10000))]
    pub staff_quota: i32,
    /// 实有人数.
    #[validate(range(min = 0, max = 10000))]
    pub staff_actual: i32,
    /// 机构面积 (m²).
    #[validate(range(min = 0.0, max = 1000000.0))]
    pub area_m2: f64,
    /// 机构功能.
    #[validate(length(max = 30))]
    pub functions: Vec<String>,
    /// 规范化建设 status.
    #[validate(length(max = 40))]
    pub standardization: String,
    /// The version that was read; a stale one answers 409.
    pub version: i32,
}

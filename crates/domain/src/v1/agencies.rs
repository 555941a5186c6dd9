//! Employment service agencies (就业服务机构), one per region.

use crate::error::rule_error;
use crate::text::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

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
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// 机构规格.
    #[validate(length(max = 40))]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub spec: String,
    /// 机构类型.
    #[validate(length(max = 40))]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub kind: String,
    /// 内设部门.
    #[validate(custom(function = "short_list"))]
    pub departments: Vec<String>,
    /// 编制人数.
    #[validate(range(min = 0, max = 10000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub staff_quota: i32,
    /// 实有人数.
    #[validate(range(min = 0, max = 10000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub staff_actual: i32,
    /// 机构面积 (m²).
    #[validate(range(min = 0.0, max = 1000000.0))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1000000.0))]
    pub area_m2: f64,
    /// 机构功能.
    #[validate(custom(function = "short_list"))]
    pub functions: Vec<String>,
    /// 规范化建设 status.
    #[validate(length(max = 40))]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub standardization: String,
    /// The version that was read; a stale one answers 409.
    pub version: i32,
}

/// Most items of a list field of an agency.
pub const MAX_ITEMS: usize = 30;
/// Most characters of one item.
pub const MAX_ITEM_CHARS: usize = 40;

/// `validator` rule: at most [`MAX_ITEMS`] items of at most [`MAX_ITEM_CHARS`] characters.
#[allow(clippy::ptr_arg)] // validator passes the field as it is declared
pub fn short_list(v: &Vec<String>) -> Result<(), ValidationError> {
    if v.len() > MAX_ITEMS {
        return Err(rule_error(
            "max_items",
            Text::new(
                format!("最多{MAX_ITEMS}项"),
                format!("at most {MAX_ITEMS} items"),
            ),
        ));
    }
    if v.iter().any(|s| s.chars().count() > MAX_ITEM_CHARS) {
        return Err(rule_error(
            "item_length",
            Text::new(
                format!("每项最多{MAX_ITEM_CHARS}个字"),
                format!("each item at most {MAX_ITEM_CHARS} characters"),
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_limits() {
        assert!(short_list(&vec!["就业指导科".into(); 30]).is_ok());
        assert_eq!(
            short_list(&vec!["a".into(); 31]).map_err(|e| e.code.to_string()),
            Err("max_items".into())
        );
        assert_eq!(
            short_list(&vec!["长".repeat(41)]).map_err(|e| e.code.to_string()),
            Err("item_length".into())
        );
    }
}

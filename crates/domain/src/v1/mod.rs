//! Wire types of API v1 (`/api/v1`): requests derive `Validate`, everything derives `ToSchema`
//! behind the `openapi` feature so the contract is generated from these very types.

pub mod access;
pub mod accounts;
pub mod agencies;
pub mod audit;
pub mod auth;
pub mod dictionaries;
pub mod employers;
pub mod employment;
pub mod graduate;
pub mod needs;
pub mod persons;
pub mod regions;
pub mod timeline;
pub mod training;

use serde::{Deserialize, Serialize};

/// Paging parameters of list endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, validator::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct PageParams {
    /// Page number, from 1.
    #[serde(default = "one")]
    #[validate(range(min = 1, max = 100000))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100000))]
    pub page: u32,
    /// Rows per page (1-200, default 50).
    #[serde(default = "fifty")]
    #[validate(range(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub per_page: u32,
}

impl Default for PageParams {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: 50,
        }
    }
}

impl PageParams {
    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.per_page)
    }
}

fn one() -> u32 {
    1
}
fn fifty() -> u32 {
    50
}

/// Where a page sits in the whole list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageMeta {
    /// Page number, from 1.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
    /// Rows in the whole list.
    pub total: u64,
}

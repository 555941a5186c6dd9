//! Needs (需求): what a person asked for — a job, help starting a business, training.

use crate::text::{Lang, Text};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

crate::codes::code_enum! {
    /// Kind of need; the target lists (e.g. the poor with training needs) select on it.
    NeedKind {
        Employment = "employment", "就业需求", "Employment";
        Entrepreneurship = "entrepreneurship", "创业需求", "Starting a business";
        Training = "training", "培训需求", "Training";
    }
}

/// `POST /api/v1/persons/{id}/needs`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedCreate {
    /// Kind of need.
    pub kind: NeedKind,
    /// When it was expressed (surveyed).
    pub date: NaiveDate,
    /// What exactly (e.g. the training wished for).
    #[serde(default)]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub detail: Option<String>,
}

/// One recorded need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedRecord {
    /// Id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Kind of need.
    pub kind: NeedKind,
    /// When it was expressed.
    pub date: NaiveDate,
    /// What exactly.
    pub detail: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
}

/// The rule of a need entered on `today`: not dated in the future.
pub fn check(n: &NeedCreate, today: NaiveDate) -> Vec<crate::FieldError> {
    if n.date > today {
        vec![crate::FieldError::new(
            "date",
            "future",
            Text::new("日期不能晚于今天", "the date cannot be in the future"),
        )]
    } else {
        Vec::new()
    }
}

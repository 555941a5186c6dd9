//! A person's combined timeline: every record of every kind, newest first.

use crate::v1::employment::EmploymentRecord;
use crate::v1::graduate::GraduateRecord;
use crate::v1::needs::NeedRecord;
use crate::v1::persons::StatusEvent;
use crate::v1::training::TrainingRecord;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One entry of the timeline: `{"kind": "employment", "record": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum TimelineItem {
    /// An employment state.
    Employment(EmploymentRecord),
    /// A course.
    Training(TrainingRecord),
    /// A need.
    Need(NeedRecord),
    /// A graduate record.
    Graduate(GraduateRecord),
    /// A status change (moved out, deceased, restored).
    Status(StatusEvent),
}

impl TimelineItem {
    /// The date the entry happened on (a course: its start; a graduation: 1 July of its year).
    pub fn date(&self) -> NaiveDate {
        match self {
            TimelineItem::Employment(r) => r.date,
            TimelineItem::Training(r) => r.start_date,
            TimelineItem::Need(r) => r.date,
            TimelineItem::Graduate(r) => {
                NaiveDate::from_ymd_opt(r.year, 7, 1).unwrap_or(NaiveDate::MIN)
            }
            TimelineItem::Status(r) => r.date,
        }
    }

    /// When it was recorded.
    pub fn recorded_at(&self) -> DateTime<Utc> {
        match self {
            TimelineItem::Employment(r) => r.recorded_at,
            TimelineItem::Training(r) => r.recorded_at,
            TimelineItem::Need(r) => r.recorded_at,
            TimelineItem::Graduate(r) => r.recorded_at,
            TimelineItem::Status(r) => r.recorded_at,
        }
    }
}

/// Orders a timeline newest first (by date, then by when it was recorded).
pub fn sort(items: &mut [TimelineItem]) {
    items.sort_by(|a, b| {
        b.date()
            .cmp(&a.date())
            .then(b.recorded_at().cmp(&a.recorded_at()))
    });
}

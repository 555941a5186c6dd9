//! Vocational training (职业培训): one record per course a person attended.

use crate::error::FieldError;
use crate::text::{Lang, Text};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

crate::codes::code_enum! {
    /// 培训周期, derived from the dates: short ≤ 1 month, medium ≤ half a year, long beyond.
    TrainingPeriod {
        Short = "short", "短期（1个月以内）", "Short (up to a month)";
        Medium = "medium", "中期（半年以内）", "Medium (up to half a year)";
        Long = "long", "长期（半年以上）", "Long (over half a year)";
    }
}

impl TrainingPeriod {
    /// The period of a course from `start` to `end` (calendar months, so 1 Jan - 1 Feb is one
    /// month and short).
    pub fn of(start: NaiveDate, end: NaiveDate) -> Self {
        let within = |m: u32| {
            start
                .checked_add_months(Months::new(m))
                .is_some_and(|d| end <= d)
        };
        if within(1) {
            TrainingPeriod::Short
        } else if within(6) {
            TrainingPeriod::Medium
        } else {
            TrainingPeriod::Long
        }
    }
}

/// The training year of a course: the year it starts, even when it ends in the next.
pub fn training_year(start: NaiveDate) -> i32 {
    start.year()
}

/// `POST /api/v1/persons/{id}/training`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingCreate {
    /// First day of the course.
    pub start_date: NaiveDate,
    /// Last day of the course (not before the first).
    pub end_date: NaiveDate,
    /// 培训项目.
    #[validate(length(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub project: String,
    /// 项目所属行业 (dictionary `industry`).
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub industry: Option<String>,
    /// 培训主体 (dictionary `training_provider`).
    #[validate(length(min = 1, max = 30))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 30))]
    pub provider: String,
    /// 培训证书 (dictionary `certificate_kind`).
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub certificate: Option<String>,
}

/// One recorded course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingRecord {
    /// Id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// 培训年度: the year the course starts.
    pub year: i32,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// 培训周期, derived from the dates.
    pub period: TrainingPeriod,
    /// 培训项目.
    pub project: String,
    /// 项目所属行业.
    pub industry: Option<String>,
    /// 培训主体.
    pub provider: String,
    /// 培训证书.
    pub certificate: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
    /// Recorded more than three months after the course ended (Art. 16).
    pub late: bool,
}

/// The cross-field rules of a course entered on `today`: the end not before the start, the start
/// not in the future.
pub fn check(t: &TrainingCreate, today: NaiveDate) -> Vec<FieldError> {
    let mut out = Vec::new();
    if t.end_date < t.start_date {
        out.push(FieldError::new(
            "end_date",
            "before_start",
            Text::new(
                "结束日期不能早于开始日期",
                "the end cannot be before the start",
            ),
        ));
    }
    if t.start_date > today {
        out.push(FieldError::new(
            "start_date",
            "future",
            Text::new("开始日期不能晚于今天", "the start cannot be in the future"),
        ));
    }
    out
}

/// Whether a course is late: recorded more than three months after it ended (a course still
/// running is not late).
pub fn is_late(t: &TrainingCreate, today: NaiveDate) -> bool {
    t.end_date <= today && crate::rules::dates::is_late(t.end_date, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn periods() {
        assert_eq!(
            TrainingPeriod::of(d(2026, 1, 1), d(2026, 1, 1)),
            TrainingPeriod::Short
        );
        assert_eq!(
            TrainingPeriod::of(d(2026, 1, 31), d(2026, 2, 28)),
            TrainingPeriod::Short
        );
        assert_eq!(
            TrainingPeriod::of(d(2026, 1, 31), d(2026, 3, 1)),
            TrainingPeriod::Medium
        );
        assert_eq!(
            TrainingPeriod::of(d(2026, 1, 1), d(2026, 7, 1)),
            TrainingPeriod::Medium
        );
        assert_eq!(
            TrainingPeriod::of(d(2026, 1, 1), d(2026, 7, 2)),
            TrainingPeriod::Long
        );
        assert_eq!(training_year(d(2025, 11, 20)), 2025);
    }

    #[test]
    fn rules() {
        let t = TrainingCreate {
            start_date: d(2026, 3, 1),
            end_date: d(2026, 2, 1),
            project: "盲人按摩".into(),
            industry: None,
            provider: "cdpf_base".into(),
            certificate: None,
        };
        let got: Vec<_> = check(&t, d(2026, 2, 15))
            .into_iter()
            .map(|f| (f.field, f.rule))
            .collect();
        assert_eq!(
            got,
            [
                ("end_date".to_string(), "before_start".to_string()),
                ("start_date".into(), "future".into())
            ]
        );
        let ok = TrainingCreate {
            end_date: d(2026, 3, 31),
            ..t
        };
        assert!(check(&ok, d(2026, 3, 2)).is_empty());
        assert!(!is_late(&ok, d(2026, 6, 30)));
        assert!(is_late(&ok, d(2026, 7, 1)));
        assert!(!is_late(&ok, d(2026, 3, 2)), "a running course is not late");
    }
}

//! College graduates (高校毕业生): the survey of a person's graduation and what became of it.

use crate::error::FieldError;
use crate::text::{Lang, Text};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

crate::codes::code_enum! {
    /// What the graduate does now. Further study and going abroad leave the graduate out of the
    /// employment rate's denominator.
    GraduateOutcome {
        Employed = "employed", "已就业", "Employed";
        FurtherStudy = "further_study", "升学", "Further study";
        Abroad = "abroad", "出国（境）", "Abroad";
        Unemployed = "unemployed", "未就业", "Not employed";
    }
}

impl GraduateOutcome {
    /// Whether the graduate counts in the denominator of the graduate employment rate.
    pub fn should_be_employed(self) -> bool {
        matches!(
            self,
            GraduateOutcome::Employed | GraduateOutcome::Unemployed
        )
    }
}

/// `POST /api/v1/persons/{id}/graduate`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GraduateCreate {
    /// Graduation year.
    pub year: i32,
    /// School.
    #[validate(length(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub school: String,
    /// Major.
    #[serde(default)]
    #[validate(length(max = 100))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub major: Option<String>,
    /// What the graduate does now.
    pub outcome: GraduateOutcome,
    /// 就业形式 (dictionary `employment_form`); required when employed.
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub form: Option<String>,
    /// 未就业原因 (dictionary `unemployment_reason`); required when not employed.
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub reason: Option<String>,
}

/// One graduate record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GraduateRecord {
    /// Id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Graduation year.
    pub year: i32,
    /// School.
    pub school: String,
    /// Major.
    pub major: Option<String>,
    /// What the graduate does now.
    pub outcome: GraduateOutcome,
    /// 就业形式.
    pub form: Option<String>,
    /// 未就业原因.
    pub reason: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
}

fn present(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// The cross-field rules of a graduate record for a person born on `birth`, entered on `today`:
/// a sane year (after the 15th birthday year, not after this year), the form when employed, the
/// reason when not, neither otherwise.
pub fn check(g: &GraduateCreate, birth: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut out = Vec::new();
    if g.year > today.year() {
        out.push(FieldError::new(
            "year",
            "future",
            Text::new(
                "毕业年份不能晚于今年",
                "the graduation year cannot be after this year",
            ),
        ));
    } else if g.year < birth.year() + 15 {
        out.push(FieldError::new(
            "year",
            "too_early",
            Text::new(
                "毕业年份与出生日期不符（早于15周岁）",
                "the graduation year is before the person turned 15",
            ),
        ));
    }
    let required = |field: &'static str, zh: &str, en: &str| {
        FieldError::new(field, "required", Text::new(zh, en))
    };
    let not_applicable = |field: &'static str| {
        FieldError::new(
            field,
            "not_applicable",
            Text::new("此去向不应填写该项", "not applicable to this outcome"),
        )
    };
    match g.outcome {
        GraduateOutcome::Employed => {
            if !present(&g.form) {
                out.push(required(
                    "form",
                    "已就业须填写就业形式",
                    "an employed graduate needs the form",
                ));
            }
            if present(&g.reason) {
                out.push(not_applicable("reason"));
            }
        }
        GraduateOutcome::Unemployed => {
            if !present(&g.reason) {
                out.push(required(
                    "reason",
                    "未就业须填写未就业原因",
                    "a graduate not employed needs the reason",
                ));
            }
            if present(&g.form) {
                out.push(not_applicable("form"));
            }
        }
        GraduateOutcome::FurtherStudy | GraduateOutcome::Abroad => {
            if present(&g.form) {
                out.push(not_applicable("form"));
            }
            if present(&g.reason) {
                out.push(not_applicable("reason"));
            }
        }
    }
    out.sort_by(|a, b| a.field.cmp(&b.field).then(a.rule.cmp(&b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn rules(g: &GraduateCreate) -> Vec<(String, String)> {
        check(g, d(2003, 5, 1), d(2026, 3, 2))
            .into_iter()
            .map(|f| (f.field, f.rule))
            .collect()
    }

    #[test]
    fn graduate_rules() {
        let g = GraduateCreate {
            year: 2025,
            school: "兰州大学".into(),
            major: None,
            outcome: GraduateOutcome::Employed,
            form: Some("flexible".into()),
            reason: None,
        };
        assert!(rules(&g).is_empty());
        let r = |y, o, f: Option<&str>, reason: Option<&str>| {
            rules(&GraduateCreate {
                year: y,
                outcome: o,
                form: f.map(Into::into),
                reason: reason.map(Into::into),
                ..g.clone()
            })
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            r(2027, GraduateOutcome::Employed, Some("x"), None),
            [pair("year", "future")]
        );
        assert_eq!(
            r(2017, GraduateOutcome::Employed, Some("x"), None),
            [pair("year", "too_early")]
        );
        assert!(r(2018, GraduateOutcome::Employed, Some("x"), None).is_empty());
        assert_eq!(
            r(2025, GraduateOutcome::Employed, None, None),
            [pair("form", "required")]
        );
        assert_eq!(
            r(2025, GraduateOutcome::Unemployed, Some("x"), None),
            [pair("form", "not_applicable"), pair("reason", "required")]
        );
        assert_eq!(
            r(2025, GraduateOutcome::FurtherStudy, None, Some("y")),
            [pair("reason", "not_applicable")]
        );
        assert!(GraduateOutcome::Unemployed.should_be_employed());
        assert!(!GraduateOutcome::Abroad.should_be_employed());
    }
}

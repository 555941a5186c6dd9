//! Employment status (就业状况): a history of dated states per person; the latest is current.

use crate::error::FieldError;
use crate::ids::CreditCode;
use crate::rules::dates::birthday;
use crate::text::{Lang, Text};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

crate::codes::code_enum! {
    /// Employment state.
    EmploymentState {
        Employed = "employed", "就业", "Employed";
        Unemployed = "unemployed", "未就业", "Not employed";
    }
}

/// Social insurance (五险) and the housing fund (公积金).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Insurance {
    /// 养老保险.
    #[serde(default)]
    pub pension: bool,
    /// 医疗保险.
    #[serde(default)]
    pub medical: bool,
    /// 失业保险.
    #[serde(default)]
    pub unemployment: bool,
    /// 工伤保险.
    #[serde(default)]
    pub injury: bool,
    /// 生育保险.
    #[serde(default)]
    pub maternity: bool,
    /// 住房公积金.
    #[serde(default)]
    pub housing_fund: bool,
}

/// `POST /api/v1/persons/{id}/employment`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentCreate {
    /// Employed or not.
    pub state: EmploymentState,
    /// When the state began (就业时间 for the employed).
    pub date: NaiveDate,
    /// 就业形式 (dictionary `employment_form`); required when employed.
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub form: Option<String>,
    /// 劳动合同 signed.
    #[serde(default)]
    pub contract: Option<bool>,
    /// 从事行业 (dictionary `industry`, GB/T 4754 section).
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub industry: Option<String>,
    /// 就业途径 (dictionary `channel`).
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub channel: Option<String>,
    /// Employer's unified social credit code.
    #[serde(default)]
    #[validate(length(max = 18))]
    #[cfg_attr(feature = "openapi", schema(max_length = 18))]
    pub employer_credit_code: Option<String>,
    /// Employer's name.
    #[serde(default)]
    #[validate(length(max = 100))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub employer_name: Option<String>,
    /// Insurance and housing fund.
    #[serde(default)]
    pub insurance: Insurance,
    /// 未就业原因 (dictionary `unemployment_reason`); required when not employed.
    #[serde(default)]
    #[validate(length(max = 30))]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub reason: Option<String>,
}

/// One recorded state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentRecord {
    /// Id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// Employed or not.
    pub state: EmploymentState,
    /// When the state began.
    pub date: NaiveDate,
    /// 就业形式.
    pub form: Option<String>,
    /// 劳动合同.
    pub contract: Option<bool>,
    /// 从事行业.
    pub industry: Option<String>,
    /// 就业途径.
    pub channel: Option<String>,
    /// Employer's credit code.
    pub employer_credit_code: Option<String>,
    /// Employer's name.
    pub employer_name: Option<String>,
    /// Insurance and housing fund.
    pub insurance: Insurance,
    /// 未就业原因.
    pub reason: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
    /// Recorded more than three months after `date` (Art. 16): counts as unqualified.
    pub late: bool,
}

fn present(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// The cross-field rules of an employment entry for a person born on `birth`, entered on
/// `today`: not in the future, not before the 16th birthday, an employed state needs its form,
/// a non-employed state its reason and no employer, a credit code must verify.
pub fn check(e: &EmploymentCreate, birth: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut out = Vec::new();
    if e.date > today {
        out.push(FieldError::new(
            "date",
            "future",
            Text::new("日期不能晚于今天", "the date cannot be in the future"),
        ));
    }
    if birthday(birth, 16).is_some_and(|d| e.date < d) {
        out.push(FieldError::new(
            "date",
            "under_16",
            Text::new(
                "日期不能早于本人年满16周岁",
                "the date cannot be before the person's 16th birthday",
            ),
        ));
    }
    match e.state {
        EmploymentState::Employed => {
            if !present(&e.form) {
                out.push(FieldError::new(
                    "form",
                    "required",
                    Text::new(
                        "就业状态须填写就业形式",
                        "an employed state needs the employment form",
                    ),
                ));
            }
        }
        EmploymentState::Unemployed => {
            if !present(&e.reason) {
                out.push(FieldError::new(
                    "reason",
                    "required",
                    Text::new(
                        "未就业须填写未就业原因",
                        "a non-employed state needs the reason",
                    ),
                ));
            }
            if present(&e.employer_credit_code) || present(&e.form) {
                out.push(FieldError::new(
                    "employer_credit_code",
                    "not_applicable",
                    Text::new(
                        "未就业不应填写就业形式或用人单位",
                        "a non-employed state has no form or employer",
                    ),
                ));
            }
        }
    }
    if let Some(code) = e
        .employer_credit_code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        && let Err(err) = CreditCode::parse(code)
    {
        out.push(FieldError::new(
            "employer_credit_code",
            err.rule(),
            err.text(),
        ));
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

    fn employed(date: NaiveDate) -> EmploymentCreate {
        EmploymentCreate {
            state: EmploymentState::Employed,
            date,
            form: Some("concentrated".into()),
            contract: Some(true),
            industry: Some("C".into()),
            channel: None,
            employer_credit_code: Some("91440300708461136T".into()),
            employer_name: Some("某福利企业".into()),
            insurance: Insurance::default(),
            reason: None,
        }
    }

    fn rules(e: &EmploymentCreate) -> Vec<(String, String)> {
        check(e, d(2000, 6, 15), d(2026, 3, 2))
            .into_iter()
            .map(|f| (f.field, f.rule))
            .collect()
    }

    #[test]
    fn employment_rules() {
        assert!(rules(&employed(d(2016, 6, 15))).is_empty());
        assert_eq!(
            rules(&employed(d(2016, 6, 14))),
            [("date".to_string(), "under_16".to_string())]
        );
        assert_eq!(
            rules(&employed(d(2026, 3, 3))),
            [("date".to_string(), "future".to_string())]
        );
        let mut e = employed(d(2020, 1, 1));
        e.form = None;
        e.employer_credit_code = Some("91440300708461136A".into());
        assert_eq!(
            rules(&e),
            [
                ("employer_credit_code".to_string(), "check_char".to_string()),
                ("form".into(), "required".into())
            ]
        );
        let mut u = employed(d(2020, 1, 1));
        u.state = EmploymentState::Unemployed;
        assert_eq!(
            rules(&u),
            [
                (
                    "employer_credit_code".to_string(),
                    "not_applicable".to_string()
                ),
                ("reason".into(), "required".into())
            ]
        );
        u.form = None;
        u.employer_credit_code = None;
        u.reason = Some("lacks_skills".into());
        assert!(rules(&u).is_empty());
    }
}

//! Persons (基本信息): one record per disabled person, keyed by the second-generation
//! certificate number; gender, birth date, disability type and level derive from it.

use crate::codes::{DisabilityLevel, DisabilityType, Gender, HouseholdType, RegionLevel};
use crate::error::rule_error;
use crate::ids::{CertificateNo, RegionCode};
use crate::text::Text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

crate::codes::code_enum! {
    /// Status of a person record; records are never deleted.
    PersonStatus {
        Active = "active", "在册", "Active";
        MovedOut = "moved_out", "已迁出", "Moved out";
        Deceased = "deceased", "已死亡", "Deceased";
    }
}
use crate::text::Lang;

/// `POST /api/v1/persons`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonCreate {
    /// Second-generation disability certificate number (20 characters).
    #[validate(custom(function = "valid_certificate_no"))]
    pub certificate_no: String,
    /// Full name.
    #[validate(length(min = 1, max = 40))]
    pub name: String,
    /// Region of residence: a county or lower code inside the caller's scope.
    #[validate(custom(function = "valid_person_region"))]
    pub region: String,
    /// 城镇 / 农村.
    pub household_type: HouseholdType,
    /// Phone.
    #[serde(default)]
    #[validate(custom(function = "crate::v1::accounts::valid_phone"))]
    pub phone: Option<String>,
    /// Address.
    #[serde(default)]
    #[validate(length(max = 200))]
    pub address: Option<String>,
    /// Education (dictionary code).
    #[serde(default)]
    #[validate(length(max = 20))]
    pub education: Option<String>,
    /// 建档立卡贫困 (registered as poor).
    #[serde(default)]
    pub poverty: bool,
}

/// `PUT /api/v1/persons/{id}`: the certificate number never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonUpdate {
    /// Full name.
    #[validate(length(min = 1, max = 40))]
    pub name: String,
    /// Region of residence (county or lower) inside the caller's scope.
    #[validate(custom(function = "valid_person_region"))]
    pub region: String,
    /// 城镇 / 农村.
    pub household_type: HouseholdType,
    /// Phone.
    #[serde(default)]
    #[validate(custom(function = "crate::v1::accounts::valid_phone"))]
    pub phone: Option<String>,
    /// Address.
    #[serde(default)]
    #[validate(length(max = 200))]
    pub address: Option<String>,
    /// Education (dictionary code).
    #[serde(default)]
    #[validate(length(max = 20))]
    pub education: Option<String>,
    /// 建档立卡贫困.
    #[serde(default)]
    pub poverty: bool,
    /// The version that was read (or send `If-Match`); a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

/// A person as shown. Identifiers are masked (`620102********123X`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    /// Id.
    pub id: i64,
    /// Certificate number, masked.
    pub certificate_no: String,
    /// Full name.
    pub name: String,
    /// From the ID number.
    pub gender: Gender,
    /// From the ID number.
    pub birth_date: NaiveDate,
    /// From the certificate number.
    pub disability_type: DisabilityType,
    /// From the certificate number.
    pub disability_level: DisabilityLevel,
    /// Region of residence.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// 城镇 / 农村.
    pub household_type: HouseholdType,
    /// Phone, masked.
    pub phone: String,
    /// Address, masked.
    pub address: String,
    /// Education.
    pub education: String,
    /// 建档立卡贫困.
    pub poverty: bool,
    /// Status.
    pub status: PersonStatus,
    /// Current employment state (the latest record's), if any was recorded.
    pub employment_state: Option<crate::v1::employment::EmploymentState>,
    /// Optimistic-concurrency version (also the `ETag`).
    pub version: i32,
    /// Created at.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Filters and keyset paging of `GET /api/v1/persons`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct PersonQuery {
    /// Only this region's subtree (inside the caller's scope).
    #[serde(default)]
    pub region: Option<String>,
    /// Name starts with.
    #[serde(default)]
    #[validate(length(max = 40))]
    pub name: Option<String>,
    /// Exact certificate number.
    #[serde(default)]
    #[validate(length(max = 20))]
    pub certificate_no: Option<String>,
    /// Disability type.
    #[serde(default)]
    pub disability_type: Option<DisabilityType>,
    /// Disability level.
    #[serde(default)]
    pub disability_level: Option<DisabilityLevel>,
    /// Gender.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Household type.
    #[serde(default)]
    pub household_type: Option<HouseholdType>,
    /// 建档立卡贫困.
    #[serde(default)]
    pub poverty: Option<bool>,
    /// Status (default: all).
    #[serde(default)]
    pub status: Option<PersonStatus>,
    /// Keyset cursor: the `next` of the previous page.
    #[serde(default)]
    pub after: Option<i64>,
    /// Rows per page (default 50, at most 200).
    #[serde(default)]
    #[validate(range(min = 1, max = 200))]
    pub limit: Option<u32>,
}

/// A page of persons, in id order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonPage {
    /// The persons.
    pub items: Vec<Person>,
    /// Matching persons in all.
    pub total: u64,
    /// Cursor of the next page (none on the last).
    pub next: Option<i64>,
}

/// `validator` rule: a certificate number that parses (rule names as in [`crate::ids::IdError`]).
pub fn valid_certificate_no(s: &str) -> Result<(), ValidationError> {
    CertificateNo::parse(s)
        .map(|_| ())
        .map_err(|e| rule_error(e.rule(), e.text()))
}

/// `validator` rule: a person lives in a county or a region below it.
pub fn valid_person_region(s: &str) -> Result<(), ValidationError> {
    let code = RegionCode::parse(s).map_err(|e| rule_error("region_code", e.text()))?;
    if code.level().depth() < RegionLevel::County.depth() {
        return Err(rule_error(
            "region_level",
            Text::new(
                "须为县（区）或以下区划",
                "must be a county or a region below it",
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create() -> PersonCreate {
        PersonCreate {
            certificate_no: "11010519491231002X41".into(),
            name: "张三".into(),
            region: "620102".into(),
            household_type: HouseholdType::Urban,
            phone: Some("13912345678".into()),
            address: None,
            education: None,
            poverty: false,
        }
    }

    #[test]
    fn create_rules() {
        assert!(create().validate().is_ok());
        let mut bad = create();
        bad.certificate_no = "11010519491231002141".into();
        bad.region = "620100".into();
        let errs = bad
            .validate()
            .err()
            .map(|e| crate::error::field_errors(&e))
            .unwrap_or_default();
        let got: Vec<_> = errs
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect();
        assert_eq!(
            got,
            [("certificate_no", "check_char"), ("region", "region_level")]
        );
    }
}

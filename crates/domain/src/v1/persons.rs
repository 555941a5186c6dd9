//! Persons (基本信息): one record per disabled person, keyed by the second-generation
//! certificate number; gender, birth date, disability type and level derive from it.

use crate::codes::{DisabilityLevel, DisabilityType, Gender, HouseholdType, RegionLevel};
use crate::error::{FieldError, rule_error};
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
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub name: String,
    /// Region of residence: a county or lower code inside the caller's scope.
    #[validate(custom(function = "valid_person_region"))]
    pub region: String,
    /// 城镇 / 农村.
    pub household_type: HouseholdType,
    /// Phone.
    #[serde(default)]
    #[validate(custom(function = "crate::v1::accounts::valid_phone"))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[- ]*(1([- ]*[0-9]){10}|0([- ]*[0-9]){9,11})[- ]*$")
    )]
    pub phone: Option<String>,
    /// Address.
    #[serde(default)]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub address: Option<String>,
    /// Education (dictionary code).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
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
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub name: String,
    /// Region of residence (county or lower) inside the caller's scope.
    #[validate(custom(function = "valid_person_region"))]
    pub region: String,
    /// 城镇 / 农村.
    pub household_type: HouseholdType,
    /// Phone.
    #[serde(default)]
    #[validate(custom(function = "crate::v1::accounts::valid_phone"))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[- ]*(1([- ]*[0-9]){10}|0([- ]*[0-9]){9,11})[- ]*$")
    )]
    pub phone: Option<String>,
    /// Address.
    #[serde(default)]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub address: Option<String>,
    /// Education (dictionary code).
    #[serde(default)]
    #[validate(length(max = 20))]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub education: Option<String>,
    /// 建档立卡贫困.
    #[serde(default)]
    pub poverty: bool,
    /// The version that was read (or send `If-Match`); a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

/// `PATCH /api/v1/persons/{id}`: only the fields sent change (`null` clears an optional one). A
/// field left `None` is not sent at all, so a client never clears what it did not touch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonPatch {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub name: Option<String>,
    /// Region of residence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// 城镇 / 农村.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_type: Option<HouseholdType>,
    /// Phone.
    #[serde(
        default,
        with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "openapi",
        schema(
            value_type = Option<String>,
            pattern = "^[- ]*(1([- ]*[0-9]){10}|0([- ]*[0-9]){9,11})[- ]*$"
        )
    )]
    pub phone: Option<Option<String>>,
    /// Address.
    #[serde(
        default,
        with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, max_length = 200))]
    pub address: Option<Option<String>>,
    /// Education.
    #[serde(
        default,
        with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, max_length = 20))]
    pub education: Option<Option<String>>,
    /// 建档立卡贫困.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poverty: Option<bool>,
    /// The version that was read (or send `If-Match`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

impl PersonPatch {
    /// The full update: `base` (the person as stored) with the sent fields replaced; validate the
    /// result like a `PUT`.
    pub fn merge(self, base: PersonUpdate) -> PersonUpdate {
        PersonUpdate {
            name: self.name.unwrap_or(base.name),
            region: self.region.unwrap_or(base.region),
            household_type: self.household_type.unwrap_or(base.household_type),
            phone: self.phone.unwrap_or(base.phone),
            address: self.address.unwrap_or(base.address),
            education: self.education.unwrap_or(base.education),
            poverty: self.poverty.unwrap_or(base.poverty),
            version: self.version.or(base.version),
        }
    }
}

/// Absent → `None`, `null` → `Some(None)`.
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

/// A person as shown. Identifiers are masked (`620102************41`); the birth date — half of
/// the ID number — only to callers who may see full identifiers, the others get the year and
/// the age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    /// Id.
    pub id: i64,
    /// Certificate number, masked ([`crate::ids::mask_certificate`]).
    pub certificate_no: String,
    /// Full name.
    pub name: String,
    /// From the ID number.
    pub gender: Gender,
    /// From the ID number; `null` unless the caller may see full identifiers.
    pub birth_date: Option<NaiveDate>,
    /// Year of birth.
    pub birth_year: i32,
    /// Age in full years today (China Standard Time).
    pub age: u32,
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
    /// Since when the status holds (moved out or deceased on).
    pub status_date: Option<NaiveDate>,
    /// Where the person moved to, when moved out of the province.
    pub moved_to: Option<String>,
    /// Current employment state (the latest record's), if any was recorded.
    pub employment_state: Option<crate::v1::employment::EmploymentState>,
    /// Latest graduation year, for college graduates.
    pub graduate_year: Option<i32>,
    /// Records entered more than three months late (Art. 16).
    pub late_records: u32,
    /// Share of the required fields filled, in per cent ([`crate::rules::completeness`]).
    pub completeness: u8,
    /// Optimistic-concurrency version (also the `ETag`).
    pub version: i32,
    /// Created at.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl Person {
    /// The birth date for a form's cross-field rules: the real one when shown, else the first
    /// day of the birth year. The earliest possible date makes a rule such as "not before the
    /// 16th birthday" refuse only what is certainly wrong; the server checks the exact date.
    pub fn birth_date_or_earliest(&self) -> NaiveDate {
        self.birth_date
            .or_else(|| NaiveDate::from_ymd_opt(self.birth_year, 1, 1))
            .unwrap_or_default()
    }
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
    #[cfg_attr(feature = "openapi", param(max_length = 40))]
    pub name: Option<String>,
    /// Exact certificate number.
    #[serde(default)]
    #[validate(length(max = 20))]
    #[cfg_attr(feature = "openapi", param(max_length = 20))]
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
    /// Youngest age (full years) on `age_on`.
    #[serde(default)]
    #[validate(range(min = 0, max = 150))]
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 150))]
    pub age_min: Option<u32>,
    /// Oldest age (full years, inclusive) on `age_on`.
    #[serde(default)]
    #[validate(range(min = 0, max = 150))]
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 150))]
    pub age_max: Option<u32>,
    /// The date ages are taken at (default: today).
    #[serde(default)]
    pub age_on: Option<NaiveDate>,
    /// Current employment state; `none` = nothing recorded yet.
    #[serde(default)]
    pub employment_state: Option<StateFilter>,
    /// Only college graduates (true) or only the others (false).
    #[serde(default)]
    pub graduate: Option<bool>,
    /// Only persons with records entered late (true) or without (false).
    #[serde(default)]
    pub late: Option<bool>,
    /// Only incomplete persons (true) or only complete ones (false).
    #[serde(default)]
    pub incomplete: Option<bool>,
    /// Order (default `id`, the order of entry).
    #[serde(default)]
    pub sort: Option<PersonSort>,
    /// Keyset cursor: the `next` of the previous page (opaque).
    #[serde(default)]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 200).
    #[serde(default)]
    #[validate(range(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// Count the total exactly, and on a later page too (the first page counts up to
    /// [`COUNT_CAP`]).
    #[serde(default)]
    pub count: Option<bool>,
}

crate::codes::code_enum! {
    /// Current employment state as a list filter.
    StateFilter {
        Employed = "employed", "就业", "Employed";
        Unemployed = "unemployed", "未就业", "Not employed";
        None = "none", "未录入", "Not recorded";
    }
}

crate::codes::code_enum! {
    /// Sort order of the person list. `code` orders by the certificate number as every role
    /// sees it (its area code and the type and level digits: the rest is sealed at rest), then
    /// by order of entry.
    PersonSort {
        Id = "id", "录入顺序", "Order of entry";
        Name = "name", "姓名", "Name";
        Code = "code", "证号（地区码）", "Certificate number (area code)";
        Updated = "updated", "最近修改", "Last changed";
    }
}

/// `POST /api/v1/persons/{id}/status`: moved out (with the destination), deceased, or restored
/// to active (a correction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonStatusChange {
    /// The new status.
    pub status: PersonStatus,
    /// When it happened.
    pub date: NaiveDate,
    /// For `moved_out`: the region moved to. A county (or lower) of this province hands the
    /// person over to it (the person stays active there and leaves the caller's view); any other
    /// GB/T 2260 code marks the person moved out of the province.
    #[serde(default)]
    #[validate(length(max = 12))]
    #[cfg_attr(feature = "openapi", schema(max_length = 12))]
    pub destination: Option<String>,
    /// Remark.
    #[serde(default)]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub note: Option<String>,
    /// The version that was read (or send `If-Match`).
    #[serde(default)]
    pub version: Option<i32>,
}

/// A status change as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusEvent {
    /// Id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The status set (a hand-over inside the province is `moved_out` with `to_region`).
    pub status: PersonStatus,
    /// When it happened.
    pub date: NaiveDate,
    /// Region before.
    pub from_region: String,
    /// Region moved to.
    pub to_region: Option<String>,
    /// Remark.
    pub note: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
}

/// `POST /api/v1/persons/{id}/unmasked`: why the full identifiers are needed (audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnmaskRequest {
    /// The purpose, e.g. "电话核实就业状态".
    #[validate(length(min = 2, max = 200))]
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 200))]
    pub purpose: String,
}

/// A person's identifiers in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnmaskedPerson {
    /// Id.
    pub id: i64,
    /// Certificate number.
    pub certificate_no: String,
    /// Phone.
    pub phone: String,
    /// Address.
    pub address: String,
}

/// The cross-field rules of a status change for a person born on `birth`, entered on `today`.
pub fn check_status(c: &PersonStatusChange, birth: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut out = Vec::new();
    if c.date > today {
        out.push(FieldError::new(
            "date",
            "future",
            Text::new("日期不能晚于今天", "the date cannot be in the future"),
        ));
    } else if c.date < birth {
        out.push(FieldError::new(
            "date",
            "before_birth",
            Text::new(
                "日期不能早于出生日期",
                "the date cannot be before the birth date",
            ),
        ));
    }
    let dest = c
        .destination
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    match (c.status, dest) {
        (PersonStatus::MovedOut, None) => out.push(FieldError::new(
            "destination",
            "required",
            Text::new(
                "迁出须填写迁入地区划",
                "moving out needs the destination region",
            ),
        )),
        (PersonStatus::MovedOut, Some(d)) => {
            if let Err(e) = RegionCode::parse(d) {
                out.push(FieldError::new("destination", "region_code", e.text()));
            }
        }
        (_, Some(_)) => out.push(FieldError::new(
            "destination",
            "not_applicable",
            Text::new("只有迁出才填写迁入地", "only moving out has a destination"),
        )),
        (_, None) => {}
    }
    out
}

/// The first page of a list counts matching persons up to this many (a capped count stays fast on
/// a province of half a million).
pub const COUNT_CAP: u64 = 10_000;

/// A page of persons, in the order asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonPage {
    /// The persons.
    pub items: Vec<Person>,
    /// Matching persons in all: counted on the first page (no `after`) or when `count=true`,
    /// exactly up to [`COUNT_CAP`]; beyond it `total` is the cap and `total_exact` false (send
    /// `count=true` for the exact figure).
    pub total: Option<u64>,
    /// Whether `total` is exact (false: at least that many).
    pub total_exact: bool,
    /// Cursor of the next page (none on the last).
    pub next: Option<String>,
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
    fn patch_sends_only_what_changed() {
        let keep = PersonPatch {
            address: Some(Some("兰州市".into())),
            version: Some(3),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&keep).ok(),
            Some(serde_json::json!({"address": "兰州市", "version": 3}))
        );
        let clear = PersonPatch {
            phone: Some(None),
            ..Default::default()
        };
        let wire = serde_json::to_string(&clear).unwrap_or_default();
        assert_eq!(wire, r#"{"phone":null}"#);
        let back: PersonPatch = serde_json::from_str(&wire).unwrap_or_default();
        assert_eq!(back, clear);
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

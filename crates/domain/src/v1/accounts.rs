//! Accounts: administrator accounts (one per agency, username = region code), sub-accounts and
//! their holders.

use crate::codes::{AccountKind, AccountStatus, Role};
use crate::error::rule_error;
use crate::text::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// An account as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    /// Username (the region code for administrator accounts).
    pub username: String,
    /// Administrator or sub-account.
    pub kind: AccountKind,
    /// Role.
    pub role: Role,
    /// Region of the agency the account belongs to.
    pub region_code: String,
    /// Name of that region.
    pub region_name: String,
    /// Name of the holder (empty while an administrator account awaits one).
    pub name: String,
    /// Phone of the holder, masked.
    pub phone: String,
    /// Reference of the approval that created the account or registered its holder.
    pub approval_ref: String,
    /// Status.
    pub status: AccountStatus,
    /// Temporarily locked after failed logins until this time.
    pub locked_until: Option<DateTime<Utc>>,
    /// Last successful login.
    pub last_login_at: Option<DateTime<Utc>>,
    /// The holder has not yet replaced the one-time password.
    pub must_change_password: bool,
    /// The holder has accepted the confidentiality agreement.
    pub agreement_accepted: bool,
    /// Two-factor login is on (its superior administrator may reset it).
    #[serde(default)]
    pub mfa_enabled: bool,
    /// Created at.
    pub created_at: DateTime<Utc>,
    /// Whether the caller manages this account (disable, enable, reset the password and, for an
    /// administrator account one level below, register its holder).
    pub manageable: bool,
}

/// A page of accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountPage {
    /// The accounts.
    pub items: Vec<Account>,
    /// Paging.
    pub page: super::PageMeta,
}

/// Filters of `GET /api/v1/accounts`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct AccountQuery {
    /// Only accounts of this region's agency (default: all in scope).
    #[serde(default)]
    pub region: Option<String>,
    /// Part of the username or holder name.
    #[serde(default)]
    #[validate(length(max = 40))]
    #[cfg_attr(feature = "openapi", param(max_length = 40))]
    pub q: Option<String>,
    /// Only this status.
    #[serde(default)]
    pub status: Option<AccountStatus>,
    /// Page number, from 1.
    #[serde(default)]
    #[validate(range(min = 1, max = 100000))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100000))]
    pub page: Option<u32>,
    /// Rows per page (default 50, at most 200).
    #[serde(default)]
    #[validate(range(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub per_page: Option<u32>,
}

/// `POST /api/v1/accounts`: a sub-account of the caller's agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateSubAccount {
    /// Username: 3-32 of a-z, 0-9, `.`, `_`, `-`, starting with a letter.
    #[validate(custom(function = "valid_username"))]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[a-z][a-z0-9._-]{2,31}$"))]
    pub username: String,
    /// Full name of the one person who will use it.
    #[validate(length(min = 1, max = 40))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub name: String,
    /// `entry`, `review`, `query` or `audit`.
    #[validate(custom(function = "valid_sub_role"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = sub_role_schema))]
    pub role: Role,
    /// Reference of the approval (审批) for the account.
    #[validate(length(min = 1, max = 60))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub approval_ref: String,
    /// Phone of the holder.
    #[serde(default)]
    #[validate(custom(function = "valid_phone"))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[- ]*(1([- ]*[0-9]){10}|0([- ]*[0-9]){9,11})[- ]*$")
    )]
    pub phone: Option<String>,
}

/// `PUT /api/v1/accounts/{username}/holder`: register (or hand over to) the holder of an
/// administrator account one level below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterHolder {
    /// Full name of the new holder.
    #[validate(length(min = 1, max = 40))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub name: String,
    /// Phone of the new holder.
    #[validate(custom(function = "valid_phone"))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[- ]*(1([- ]*[0-9]){10}|0([- ]*[0-9]){9,11})[- ]*$")
    )]
    pub phone: String,
    /// Reference of the approval for the hand-over.
    #[validate(length(min = 1, max = 60))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub approval_ref: String,
}

/// A freshly issued one-time password: shown once, must be changed at first login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OneTimePassword {
    /// The account.
    pub username: String,
    /// The one-time password.
    pub one_time_password: String,
}

/// A sub-account just created, with its one-time password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedAccount {
    /// The account.
    pub account: Account,
    /// The one-time password.
    pub one_time_password: String,
}

/// One holder of an administrator account, past or present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holder {
    /// Name.
    pub name: String,
    /// Phone, masked.
    pub phone: String,
    /// Approval reference of the hand-over.
    pub approval_ref: String,
    /// Who registered the holder.
    pub registered_by: String,
    /// From.
    pub from: DateTime<Utc>,
    /// Until (none for the current holder).
    pub to: Option<DateTime<Utc>>,
}

/// `validator` rule: sub-account usernames.
pub fn valid_username(u: &str) -> Result<(), ValidationError> {
    let ok = (3..=32).contains(&u.len())
        && u.starts_with(|c: char| c.is_ascii_lowercase())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(rule_error(
            "username",
            Text::new(
                "用户名为3-32位小写字母、数字或 . _ -，以字母开头",
                "3-32 lower-case letters, digits or . _ -, starting with a letter",
            ),
        ))
    }
}

/// `validator` rule: the roles a sub-account may have.
pub fn valid_sub_role(r: &Role) -> Result<(), ValidationError> {
    if Role::SUB_ACCOUNT_ROLES.contains(r) {
        Ok(())
    } else {
        Err(rule_error(
            "sub_account_role",
            Text::new(
                "子账号角色只能是录入、审核、查询或审计",
                "a sub-account's role is entry, review, query or audit",
            ),
        ))
    }
}

/// [`valid_username`] as a regular expression (the contract's `pattern`; a test holds them equal).
pub const USERNAME_PATTERN: &str = "^[a-z][a-z0-9._-]{2,31}$";

/// [`valid_phone`] as a regular expression (the contract's `pattern`; a test holds them equal):
/// 11 digits from 1 or 10-12 from 0, with `-` or spaces anywhere.
pub const PHONE_PATTERN: &str = "^[- ]*(1([- ]*[0-9]){10}|0([- ]*[0-9]){9,11})[- ]*$";

/// The contract's schema of a sub-account's role: only the roles a sub-account may have.
#[cfg(feature = "openapi")]
pub fn sub_role_schema() -> utoipa::openapi::schema::Object {
    let values: Vec<(&str, &str, &str, &[&str])> = Role::SUB_ACCOUNT_ROLES
        .iter()
        .map(|r| {
            (
                r.as_str(),
                r.label(crate::text::Lang::Zh),
                r.label(crate::text::Lang::En),
                &[][..],
            )
        })
        .collect();
    crate::codes::string_enum_schema(&["Role of a sub-account."], &values)
}

/// `validator` rule: a mainland mobile (11 digits from 1) or a fixed line with area code.
pub fn valid_phone(p: &str) -> Result<(), ValidationError> {
    let digits: String = p.chars().filter(|c| *c != '-' && *c != ' ').collect();
    let mobile =
        digits.len() == 11 && digits.starts_with('1') && digits.chars().all(|c| c.is_ascii_digit());
    let fixed = (10..=12).contains(&digits.len())
        && digits.starts_with('0')
        && digits.chars().all(|c| c.is_ascii_digit());
    if mobile || fixed {
        Ok(())
    } else {
        Err(rule_error(
            "phone",
            Text::new("电话号码格式不正确", "not a valid phone number"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn unanchored(p: &str) -> &str {
        p.trim_start_matches('^').trim_end_matches('$')
    }

    proptest! {
        // the contract's patterns say exactly what the rules accept, both ways
        #[test]
        fn patterns_match_the_rules(s in "[-a-z0-9. _]{0,14}|[-0-9 ]{0,16}") {
            let phone = regex::Regex::new(PHONE_PATTERN).unwrap();
            let user = regex::Regex::new(USERNAME_PATTERN).unwrap();
            prop_assert_eq!(phone.is_match(&s), valid_phone(&s).is_ok(), "phone {:?}", s);
            prop_assert_eq!(user.is_match(&s), valid_username(&s).is_ok(), "username {:?}", s);
        }

        #[test]
        fn what_the_patterns_generate_is_accepted(
            p in proptest::string::string_regex(unanchored(PHONE_PATTERN)).unwrap(),
            u in proptest::string::string_regex(unanchored(USERNAME_PATTERN)).unwrap(),
        ) {
            prop_assert!(valid_phone(&p).is_ok(), "phone {:?}", p);
            prop_assert!(valid_username(&u).is_ok(), "username {:?}", u);
        }
    }

    #[test]
    fn usernames_and_phones() {
        assert!(valid_username("zhang.san").is_ok());
        assert!(valid_username("620100").is_err());
        assert!(valid_username("Zhang").is_err());
        assert!(valid_username("ab").is_err());
        assert!(valid_phone("13912345678").is_ok());
        assert!(valid_phone("0931-8888888").is_ok());
        assert!(valid_phone("12345").is_err());
        assert!(valid_sub_role(&Role::Admin).is_err());
        assert!(valid_sub_role(&Role::Audit).is_ok());
    }

    #[test]
    fn validation_reports_fields_and_rules() {
        let req = CreateSubAccount {
            username: "X".into(),
            name: String::new(),
            role: Role::Admin,
            approval_ref: "A-1".into(),
            phone: Some("1".into()),
        };
        let errs = req
            .validate()
            .err()
            .map(|e| crate::error::field_errors(&e))
            .unwrap_or_default();
        let got: Vec<(String, String)> = errs.into_iter().map(|e| (e.field, e.rule)).collect();
        assert_eq!(
            got,
            vec![
                ("name".to_string(), "length".to_string()),
                ("phone".into(), "phone".into()),
                ("role".into(), "sub_account_role".into()),
                ("username".into(), "username".into()),
            ]
        );
    }
}

//! Code lists that drive rules and statistics, as types with their wire name and zh/en labels.

use crate::text::Lang;
use serde::{Deserialize, Serialize};

/// Declares a code-list enum: wire name (snake_case), Chinese label, English label.
///
/// The contract's schema is written here rather than derived: a derive inside a macro does not
/// see the `serde(rename)` of a macro fragment and would publish the Rust variant names. The
/// schema is a string enum of the wire names, described by the doc comment and every value's
/// labels, so that a generated client speaks exactly what the server does.
macro_rules! code_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[doc = $vdoc:literal])* $variant:ident = $wire:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[doc = $vdoc])* #[serde(rename = $wire)] $variant,)+
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let values: &[(&str, &str, &str, &[&str])] =
                    &[$(($wire, $zh, $en, &[$($vdoc),*]),)+];
                $crate::codes::string_enum_schema(&[$($doc),*], values).into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable wire name (also stored in the database).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }

            /// Parses the wire name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }

            /// The label shown to users.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::Zh) => $zh, ($name::$variant, Lang::En) => $en,)+
                }
            }
        }

        impl $crate::codes::CodeList for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn code(self) -> &'static str {
                self.as_str()
            }
            fn text(self, lang: Lang) -> &'static str {
                self.label(lang)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use code_enum;

/// The contract's schema of a code list: a string enum of its wire names, described by its doc
/// comment and a line per value (`wire`: 中文 / English, and the value's own doc).
#[cfg(feature = "openapi")]
pub fn string_enum_schema(
    doc: &[&str],
    values: &[(&str, &str, &str, &[&str])],
) -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let mut description = doc.iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n");
    description.push('\n');
    for (wire, zh, en, vdoc) in values {
        description.push_str(&format!("\n- `{wire}`: {zh} / {en}"));
        let v = vdoc.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        if !v.is_empty() {
            description.push_str(&format!(" — {v}"));
        }
    }
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.iter().map(|(w, ..)| *w)))
        .description(Some(description))
        .build()
}

/// What every code list declared with `code_enum!` offers, so that a form or filter can list the
/// values of any of them (the SPA's selects).
pub trait CodeList: Copy + PartialEq + 'static {
    /// Every value, in declaration order.
    fn all() -> &'static [Self];
    /// The stable wire name.
    fn code(self) -> &'static str;
    /// The label shown to users.
    fn text(self, lang: Lang) -> &'static str;
}

code_enum! {
    /// Level of a region in the GB/T 2260 hierarchy (plus township and village below it).
    RegionLevel {
        Province = "province", "省", "Province";
        City = "city", "市（州）", "City";
        County = "county", "县（区）", "County";
        Township = "township", "乡镇（街道）", "Township";
        Village = "village", "村（社区）", "Village";
    }
}

impl RegionLevel {
    /// Depth in the tree, province = 1.
    pub fn depth(self) -> u8 {
        match self {
            RegionLevel::Province => 1,
            RegionLevel::City => 2,
            RegionLevel::County => 3,
            RegionLevel::Township => 4,
            RegionLevel::Village => 5,
        }
    }
}

code_enum! {
    /// Role of an account. An agency's administrator account has `admin`; sub-accounts one of the
    /// four others; service accounts of other departments have `service`.
    Role {
        Admin = "admin", "管理员", "Administrator";
        Entry = "entry", "录入", "Data entry";
        Review = "review", "审核", "Review";
        Query = "query", "查询", "Read-only";
        Audit = "audit", "审计", "Audit";
        Service = "service", "服务账号", "Service account";
    }
}

impl Role {
    /// Roles an administrator may give to a sub-account.
    pub const SUB_ACCOUNT_ROLES: &'static [Role] =
        &[Role::Entry, Role::Review, Role::Query, Role::Audit];
}

code_enum! {
    /// Kind of account.
    AccountKind {
        Admin = "admin", "管理员账号", "Administrator account";
        Sub = "sub", "子账号", "Sub-account";
        Service = "service", "服务账号", "Service account";
    }
}

code_enum! {
    /// Life-cycle status of an account. Accounts are never deleted.
    AccountStatus {
        /// An administrator account whose holder has not been registered yet.
        Pending = "pending", "待登记持有人", "Awaiting holder";
        Active = "active", "正常", "Active";
        /// Disabled by an administrator.
        Disabled = "disabled", "已停用", "Disabled";
        /// Locked after 30 days without login; reopened by the administrator.
        Dormant = "dormant", "长期未登录锁定", "Locked (inactive 30 days)";
        /// Cancelled (注销) after two years unused. Final.
        Cancelled = "cancelled", "已注销", "Cancelled";
    }
}

code_enum! {
    /// Why a session ended.
    SessionEnd {
        /// The holder logged out.
        Logout = "logout", "已退出登录", "Logged out";
        /// The holder ended it from another session.
        User = "user", "本人结束", "Ended by the holder";
        /// A superior administrator ended it.
        Administrator = "administrator", "管理员结束", "Ended by an administrator";
        /// The account started more sessions than the policy allows; the least recent went.
        Superseded = "superseded", "超出并发会话数", "Too many sessions";
        /// The password changed, the account was disabled, reset or locked, or a used refresh
        /// token came back: every session of the account ended.
        Revoked = "revoked", "账号凭据变更", "Credentials changed";
    }
}

code_enum! {
    /// Gender, as derived from the 17th digit of the ID number.
    Gender {
        Male = "male", "男", "Male";
        Female = "female", "女", "Female";
    }
}

code_enum! {
    /// Disability type, the 19th character of the certificate number.
    DisabilityType {
        Vision = "1", "视力", "Visual";
        Hearing = "2", "听力", "Hearing";
        Speech = "3", "言语", "Speech";
        Physical = "4", "肢体", "Physical";
        Intellectual = "5", "智力", "Intellectual";
        Mental = "6", "精神", "Mental";
        Multiple = "7", "多重", "Multiple";
    }
}

code_enum! {
    /// Disability level, the 20th character of the certificate number; level 1 is the most severe.
    DisabilityLevel {
        One = "1", "一级", "Level 1";
        Two = "2", "二级", "Level 2";
        Three = "3", "三级", "Level 3";
        Four = "4", "四级", "Level 4";
    }
}

code_enum! {
    /// Household registration type.
    HouseholdType {
        Urban = "urban", "城镇", "Urban";
        Rural = "rural", "农村", "Rural";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
            let json = serde_json::to_string(r).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
        assert_eq!(DisabilityType::parse("7"), Some(DisabilityType::Multiple));
        assert_eq!(DisabilityType::parse("8"), None);
        assert_eq!(RegionLevel::County.label(Lang::Zh), "县（区）");
    }
}

//! The audit log: append-only, hash-chained.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Sequence number (gap-free).
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Username of the actor (`system` for jobs, `cli` for server commands).
    pub actor: String,
    /// Client address.
    pub ip: Option<String>,
    /// What was done (`auth.login`, `account.create`, ...).
    pub action: String,
    /// Kind of the object acted on.
    pub target_kind: String,
    /// Its key.
    pub target_id: String,
    /// Region the object belongs to (scopes who may read the entry).
    pub region_code: String,
    /// State before (changes only).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// State after (changes only).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
    /// Hash of this entry, chained to the previous one.
    pub hash: String,
}

/// Every action the audit log records, with its label.
pub const ACTIONS: &[(&str, &str, &str)] = &[
    ("auth.login", "登录", "Login"),
    ("auth.login_failed", "登录失败", "Failed login"),
    (
        "auth.locked",
        "登录失败过多被锁定",
        "Locked after failed logins",
    ),
    ("auth.logout", "退出登录", "Logout"),
    ("auth.mfa_failed", "动态验证码错误", "Wrong two-factor code"),
    (
        "auth.mfa_enrol",
        "绑定身份验证器（开启双因素登录）",
        "Two-factor login set up",
    ),
    (
        "auth.refresh_reuse",
        "刷新令牌重复使用（会话已全部注销）",
        "Refresh token reused (all sessions ended)",
    ),
    ("auth.change_password", "修改密码", "Password changed"),
    (
        "auth.accept_agreement",
        "签署安全保密协议",
        "Agreement accepted",
    ),
    (
        "account.bootstrap",
        "初始化省级管理员",
        "Province administrator set up",
    ),
    ("account.create", "新建子账号", "Sub-account created"),
    (
        "account.holder",
        "登记持有人/交接",
        "Holder registered / handed over",
    ),
    ("account.reset_password", "重置密码", "Password reset"),
    (
        "account.reset_mfa",
        "重置双因素登录",
        "Two-factor login reset",
    ),
    ("policy.update", "修改安全策略", "Security policy changed"),
    ("account.disable", "停用账号", "Account disabled"),
    ("account.enable", "启用账号", "Account enabled"),
    (
        "account.dormant",
        "超过30天未登录锁定",
        "Locked after 30 days without login",
    ),
    (
        "account.cancel",
        "超过两年未使用注销",
        "Cancelled after two years unused",
    ),
    ("agency.update", "修改机构信息", "Agency updated"),
    ("region.change", "区划变更", "Region change"),
    ("person.create", "新增人员", "Person created"),
    ("person.update", "修改人员信息", "Person updated"),
    (
        "person.employment",
        "录入就业状况",
        "Employment state recorded",
    ),
    ("person.training", "录入培训记录", "Training recorded"),
    ("person.need", "录入需求", "Need recorded"),
    (
        "person.graduate",
        "录入高校毕业生信息",
        "Graduate record entered",
    ),
    ("person.status", "变更人员状态", "Person status changed"),
    (
        "person.unmask",
        "查看完整证件信息",
        "Full identifiers viewed",
    ),
    (
        "person.search",
        "按完整证号查询",
        "Search by full certificate number",
    ),
    ("employer.create", "登记用人单位", "Employer registered"),
    ("dictionary.update", "修改字典", "Dictionary edited"),
    ("data_key.rotate", "轮换数据密钥", "Data key rotated"),
];

/// The label of an action, if it is a known one.
pub fn action_label(action: &str, lang: crate::text::Lang) -> Option<&'static str> {
    ACTIONS
        .iter()
        .find(|(a, _, _)| *a == action)
        .map(|(_, zh, en)| match lang {
            crate::text::Lang::Zh => *zh,
            crate::text::Lang::En => *en,
        })
}

/// Filters of `GET /api/v1/audit`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct AuditQuery {
    /// Action prefix (e.g. `account.`).
    #[serde(default)]
    #[validate(length(max = 60))]
    #[cfg_attr(feature = "openapi", param(max_length = 60))]
    pub action: Option<String>,
    /// Actor username.
    #[serde(default)]
    #[validate(length(max = 64))]
    #[cfg_attr(feature = "openapi", param(max_length = 64))]
    pub actor: Option<String>,
    /// Entries at or after this time.
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
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

/// A page of audit entries, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The entries.
    pub items: Vec<AuditEntry>,
    /// Paging.
    pub page: super::PageMeta,
}

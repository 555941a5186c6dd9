//! The permission matrix: which role may do what. The server enforces it in one extractor; the
//! SPA builds its menu from it.

use crate::codes::Role;
use crate::text::Lang;
use serde::{Deserialize, Serialize};

crate::codes::code_enum! {
    /// An action a caller may be allowed to take. Region scope is checked separately.
    Permission {
        RegionRead = "region_read", "查看区划", "View regions";
        RegionWrite = "region_write", "维护区划", "Maintain regions";
        AgencyRead = "agency_read", "查看机构", "View agencies";
        AgencyWrite = "agency_write", "维护机构", "Edit agencies";
        AccountRead = "account_read", "查看账号", "View accounts";
        AccountManage = "account_manage", "管理账号", "Manage accounts";
        AuditRead = "audit_read", "查看审计日志", "Read the audit log";
        PersonRead = "person_read", "查询人员", "View persons";
        PersonWrite = "person_write", "录入人员", "Enter persons";
        PersonReview = "person_review", "审核数据", "Review data";
        PersonUnmask = "person_unmask", "查看完整证件号", "View full identifiers";
        DictionaryWrite = "dictionary_write", "维护字典", "Edit dictionaries";
        PolicyWrite = "policy_write", "维护安全策略", "Edit the security policy";
    }
}

impl Role {
    /// Every permission of the role. `province` says whether the account belongs to the
    /// province-level agency (some actions are the province's alone).
    pub fn permissions(self, province: bool) -> Vec<Permission> {
        use Permission::*;
        let mut p = match self {
            Role::Admin => vec![
                RegionRead,
                AgencyRead,
                AgencyWrite,
                AccountRead,
                AccountManage,
                PersonRead,
            ],
            Role::Entry => vec![RegionRead, AgencyRead, PersonRead, PersonWrite],
            Role::Review => vec![
                RegionRead,
                AgencyRead,
                PersonRead,
                PersonReview,
                PersonUnmask,
            ],
            Role::Query => vec![RegionRead, AgencyRead, PersonRead],
            // separation of duties: the auditor sees the audit log and nothing personal
            Role::Audit => vec![RegionRead, AuditRead],
            Role::Service => vec![PersonRead],
        };
        if province && self == Role::Admin {
            p.extend([RegionWrite, DictionaryWrite, PolicyWrite]);
        }
        p
    }

    /// Whether the role has the permission.
    pub fn can(self, permission: Permission, province: bool) -> bool {
        self.permissions(province).contains(&permission)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separation_of_duties() {
        for province in [false, true] {
            assert!(!Role::Admin.can(Permission::AuditRead, province));
            assert!(Role::Audit.can(Permission::AuditRead, province));
            assert!(!Role::Audit.can(Permission::PersonRead, province));
            assert!(!Role::Query.can(Permission::PersonWrite, province));
        }
        assert!(Role::Admin.can(Permission::RegionWrite, true));
        assert!(!Role::Admin.can(Permission::RegionWrite, false));
    }
}

//! sea-orm entities of the foundation tables. They never leave the store: handlers get domain DTOs.
#![allow(missing_docs)]

pub mod region {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "regions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub code: String,
        pub name: String,
        pub level: String,
        pub parent_code: Option<String>,
        pub path: String,
        pub valid_from: Date,
        pub valid_to: Option<Date>,
        pub successor_code: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod region_event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "region_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub effective_date: Date,
        pub reference: String,
        pub kind: String,
        pub payload: String,
        pub recorded_by: String,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod agency {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "agencies")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub region_code: String,
        pub name: String,
        pub spec: String,
        pub kind: String,
        pub departments: String,
        pub staff_quota: i32,
        pub staff_actual: i32,
        pub area_m2: f64,
        pub functions: String,
        pub standardization: String,
        pub version: i32,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod account {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "accounts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub username: String,
        pub kind: String,
        pub role: String,
        pub region_code: String,
        pub name: String,
        pub phone: String,
        pub approval_ref: String,
        pub password_hash: Option<String>,
        pub password_changed_at: Option<DateTimeUtc>,
        pub must_change_password: bool,
        pub agreement_version: Option<String>,
        pub agreement_accepted_at: Option<DateTimeUtc>,
        pub status: String,
        pub failed_logins: i32,
        pub locked_until: Option<DateTimeUtc>,
        pub last_login_at: Option<DateTimeUtc>,
        pub activated_at: Option<DateTimeUtc>,
        pub token_version: i32,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        /// Two-factor login is on.
        pub mfa_enabled: bool,
        /// The TOTP secret, `{data key id}:{sealed}` (see `store::mfa`).
        pub mfa_secret: Option<String>,
        /// A secret being enrolled, not yet confirmed by a first code.
        pub mfa_pending: Option<String>,
        /// The last TOTP step accepted (a code is accepted once).
        pub mfa_last_step: i64,
        pub last_login_ip: Option<String>,
        pub prev_login_at: Option<DateTimeUtc>,
        pub prev_login_ip: Option<String>,
        /// Failed attempts between the previous login and the last one.
        pub prev_failed: i32,
        /// Failed attempts (passwords and codes) since the last login.
        pub failed_since: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod account_holder {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "account_holders")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub account_id: i64,
        pub name: String,
        pub phone: String,
        pub approval_ref: String,
        pub registered_by: String,
        pub from_at: DateTimeUtc,
        pub to_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod password_history {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "password_history")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub account_id: i64,
        pub hash: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod refresh_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "refresh_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub account_id: i64,
        pub token_hash: String,
        pub token_version: i32,
        pub created_at: DateTimeUtc,
        pub last_used_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub revoked: bool,
        /// When it was exchanged for a new one (`None`: never, or revoked otherwise).
        pub rotated_at: Option<DateTimeUtc>,
        /// The session it carries (`None` for tokens older than sessions).
        pub session_id: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// Opaque id, the `sid` of the session's access tokens.
        pub sid: String,
        pub account_id: i64,
        pub created_at: DateTimeUtc,
        pub last_seen_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub ip: Option<String>,
        pub user_agent: Option<String>,
        pub ended_at: Option<DateTimeUtc>,
        /// A [`domain::SessionEnd`] code.
        pub end_reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor: String,
        pub ip: Option<String>,
        pub action: String,
        pub target_kind: String,
        pub target_id: String,
        pub region_code: String,
        pub region_path: String,
        pub before: Option<String>,
        pub after: Option<String>,
        pub prev_hash: String,
        pub hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_head {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_head")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub last_id: i64,
        pub last_hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod job_run {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "job_runs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub last_run_on: Date,
        pub last_run_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod login_throttle {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_throttle")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub window_start: DateTimeUtc,
        pub count: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod server_secret {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "server_secrets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub value: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod person {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "persons")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// Blind index of the certificate number ([`crate::vault`]); in clear only in a row
        /// from before sealing (`data_key` NULL), until the server seals it at start.
        pub certificate_index: String,
        /// The certificate number sealed.
        pub certificate_sealed: String,
        /// The certificate number as every role sees it (the order by number).
        pub certificate_mask: String,
        pub name: String,
        pub gender: String,
        pub birth_date: Date,
        pub disability_type: String,
        pub disability_level: String,
        pub region_code: String,
        pub region_path: String,
        pub household_type: String,
        /// The phone sealed (empty when unknown).
        pub phone_sealed: String,
        /// The address sealed (empty when unknown).
        pub address_sealed: String,
        pub education: String,
        pub poverty: bool,
        pub status: String,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub updated_at: DateTimeUtc,
        pub updated_by: String,
        pub first_record_date: Option<Date>,
        pub current_state: Option<String>,
        pub current_employer: Option<String>,
        pub status_date: Option<Date>,
        pub moved_to: Option<String>,
        pub graduate_year: Option<i32>,
        pub late_records: i32,
        pub completeness: i32,
        /// Id of the data key the identifiers are sealed with.
        pub data_key: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod dictionary {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "dictionaries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub label_zh: String,
        pub label_en: String,
        pub sort: i32,
        pub active: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod employment_record {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "employment_records")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub person_id: i64,
        pub state: String,
        pub date: Date,
        pub form: Option<String>,
        pub contract: Option<bool>,
        pub industry: Option<String>,
        pub channel: Option<String>,
        pub employer_credit_code: Option<String>,
        pub employer_name: Option<String>,
        pub ins_pension: bool,
        pub ins_medical: bool,
        pub ins_unemployment: bool,
        pub ins_injury: bool,
        pub ins_maternity: bool,
        pub housing_fund: bool,
        pub reason: Option<String>,
        pub recorded_at: DateTimeUtc,
        pub recorded_by: String,
        pub late: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod employer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "employers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub credit_code: String,
        pub name: String,
        pub economic_type: Option<String>,
        pub industry: Option<String>,
        pub region_code: String,
        pub region_path: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod training_record {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "training_records")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub person_id: i64,
        pub year: i32,
        pub start_date: Date,
        pub end_date: Date,
        pub period: String,
        pub project: String,
        pub industry: Option<String>,
        pub provider: String,
        pub certificate: Option<String>,
        pub recorded_at: DateTimeUtc,
        pub recorded_by: String,
        pub late: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod need {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "needs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub person_id: i64,
        pub kind: String,
        pub date: Date,
        pub detail: Option<String>,
        pub recorded_at: DateTimeUtc,
        pub recorded_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod graduate_record {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "graduate_records")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub person_id: i64,
        pub year: i32,
        pub school: String,
        pub major: Option<String>,
        pub outcome: String,
        pub form: Option<String>,
        pub reason: Option<String>,
        pub recorded_at: DateTimeUtc,
        pub recorded_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod person_event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "person_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub person_id: i64,
        pub status: String,
        pub date: Date,
        pub from_region: String,
        pub to_region: Option<String>,
        pub note: Option<String>,
        pub recorded_at: DateTimeUtc,
        pub recorded_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod access_log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "access_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor: String,
        pub ip: Option<String>,
        pub kind: String,
        pub person_id: Option<i64>,
        pub region_code: String,
        pub region_path: String,
        pub query: Option<String>,
        pub rows: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod mfa_recovery_code {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mfa_recovery_codes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub account_id: i64,
        pub code_hash: String,
        pub created_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod mfa_challenge {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mfa_challenges")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub account_id: i64,
        pub token_hash: String,
        pub token_version: i32,
        pub ip: Option<String>,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod policy {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "policies")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub value: String,
        pub updated_at: DateTimeUtc,
        pub updated_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

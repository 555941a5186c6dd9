//! First-start work: an agency and a (holderless) administrator account for every region of the
//! province down to county level, and the province administrator's password.

use crate::audit::{self, Actor, Record};
use crate::auth::password;
use crate::error::ApiResult;
use crate::settings::Settings;
use crate::store::entities::{account, agency, region};
use crate::store::{accounts, agencies, regions};
use chrono::{DateTime, Utc};
use domain::{AccountKind, AccountStatus, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashSet;

/// Ensures agencies and administrator accounts exist for the regions. Idempotent.
pub async fn ensure_agencies(
    db: &DatabaseTransaction,
    regions: &[region::Model],
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let codes: Vec<String> = regions.iter().map(|r| r.code.clone()).collect();
    let mut created = 0;
    for chunk in codes.chunks(500) {
        let have_agency: HashSet<String> = agency::Entity::find()
            .select_only()
            .column(agency::Column::RegionCode)
            .filter(agency::Column::RegionCode.is_in(chunk.to_vec()))
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let have_account: HashSet<String> = account::Entity::find()
            .select_only()
            .column(account::Column::Username)
            .filter(account::Column::Username.is_in(chunk.to_vec()))
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let chunk_regions = regions.iter().filter(|r| chunk.contains(&r.code));
        let mut new_agencies = Vec::new();
        let mut new_accounts = Vec::new();
        for r in chunk_regions {
            if !have_agency.contains(&r.code) {
                new_agencies.push(agencies::new_row(r, now));
            }
            if !have_account.contains(&r.code) {
                created += 1;
                new_accounts.push(account::ActiveModel {
                    username: Set(r.code.clone()),
                    kind: Set(AccountKind::Admin.as_str().into()),
                    role: Set(Role::Admin.as_str().into()),
                    region_code: Set(r.code.clone()),
                    name: Set(String::new()),
                    phone: Set(String::new()),
                    approval_ref: Set(String::new()),
                    password_hash: Set(None),
                    must_change_password: Set(true),
                    status: Set(AccountStatus::Pending.as_str().into()),
                    failed_logins: Set(0),
                    token_version: Set(1),
                    created_at: Set(now),
                    created_by: Set("system".into()),
                    ..Default::default()
                });
            }
        }
        if !new_agencies.is_empty() {
            agency::Entity::insert_many(new_agencies).exec(db).await?;
        }
        if !new_accounts.is_empty() {
            account::Entity::insert_many(new_accounts).exec(db).await?;
        }
    }
    Ok(created)
}

/// Prepares the deployment: agencies and accounts for the province, and the province
/// administrator's credentials. Returns the one-time password to print, if one was made.
pub async fn run(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<String>> {
    let txn = db.begin().await?;
    let scope = regions::scope_of(&txn, &settings.province)
        .await?
        .ok_or_else(|| {
            anyhow::anyhow!("province {} is not in the region table", settings.province)
        })?;
    let rs = regions::current_agency_regions(&txn, &scope).await?;
    let created = ensure_agencies(&txn, &rs, now).await?;
    if created > 0 {
        tracing::info!(
            accounts = created,
            "created administrator accounts for the province's agencies"
        );
    }
    let admin = accounts::by_username(&txn, &settings.province)
        .await?
        .ok_or_else(|| anyhow::anyhow!("province administrator account missing"))?;
    let mut otp = None;
    if admin.status == AccountStatus::Pending.as_str() {
        let (pw, one_time) = match &settings.admin_password {
            Some(p) => (p.clone(), false),
            None => (password::one_time_password(), true),
        };
        let hash = password::hash(pw.clone(), settings.argon2).await?;
        let mut am = admin.into_active_model();
        am.status = Set(AccountStatus::Active.as_str().into());
        am.name = Set("省级管理员".into());
        am.activated_at = Set(Some(now));
        if !one_time {
            // scripted deployment: agreement taken as accepted
            am.agreement_accepted_at = Set(Some(now));
            am.agreement_version = Set(Some(domain::v1::auth::agreement().version));
        }
        let admin = am.update(&txn).await?;
        accounts::set_password(&txn, admin, hash, one_time, now).await?;
        audit::append(
            &txn,
            &Actor::system(),
            Record::new(
                "account.bootstrap",
                "account",
                &settings.province,
                scope.code(),
                scope.path(),
            ),
            now,
        )
        .await?;
        if one_time {
            otp = Some(pw);
        }
    }
    txn.commit().await?;
    Ok(otp)
}

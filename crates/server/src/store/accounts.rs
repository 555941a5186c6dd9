//! Accounts, holders, password history and refresh tokens.

use super::Scope;
use super::entities::{account, account_holder, password_history, refresh_token, region};
use crate::audit::{self, Actor, Record};
use crate::auth::password::{self, NewPassword};
use crate::error::{ApiError, ApiResult};
use crate::settings::Settings;
use chrono::{DateTime, Utc};
use domain::ids::mask;
use domain::v1::PageMeta;
use domain::v1::accounts::{
    Account, AccountPage, AccountQuery, CreateSubAccount, Holder, OneTimePassword, RegisterHolder,
};
use domain::{AccountKind, AccountStatus, ErrorCode, Role};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// Who is looking at accounts: the region and id of an account that may manage accounts.
#[derive(Debug, Clone, Copy)]
pub struct Manager<'a> {
    /// The manager's agency region.
    pub region: &'a str,
    /// The manager's own account id (nobody manages their own account).
    pub account_id: i64,
}

/// Whether `viewer` manages the account.
pub fn manageable(viewer: Option<Manager<'_>>, acc: &account::Model, reg: &region::Model) -> bool {
    viewer.is_some_and(|v| v.account_id != acc.id && manages(v.region, acc, reg))
}

/// The DTO of an account row.
pub fn to_dto(m: &account::Model, region_name: &str, manageable: bool) -> Account {
    Account {
        username: m.username.clone(),
        kind: AccountKind::parse(&m.kind).unwrap_or(AccountKind::Sub),
        role: Role::parse(&m.role).unwrap_or(Role::Query),
        region_code: m.region_code.clone(),
        region_name: region_name.to_owned(),
        name: m.name.clone(),
        phone: if m.phone.is_empty() {
            String::new()
        } else {
            mask(&m.phone)
        },
        approval_ref: m.approval_ref.clone(),
        status: AccountStatus::parse(&m.status).unwrap_or(AccountStatus::Disabled),
        locked_until: m.locked_until,
        last_login_at: m.last_login_at,
        must_change_password: m.must_change_password && m.status != AccountStatus::Pending.as_str(),
        agreement_accepted: m.agreement_accepted_at.is_some(),
        mfa_enabled: m.mfa_enabled,
        created_at: m.created_at,
        manageable,
    }
}

/// An account by username, whoever asks (login).
pub async fn by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> ApiResult<Option<account::Model>> {
    Ok(account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .one(db)
        .await?)
}

/// The account row, locked for the rest of the transaction (`FOR UPDATE` on PostgreSQL; SQLite
/// has one writer): a write that derives the new state from the old one reads it here.
pub async fn lock(db: &DatabaseTransaction, id: i64) -> ApiResult<Option<account::Model>> {
    Ok(account::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?)
}

/// Counts a login attempt before its password is checked, unless the account is locked at
/// `now`: `failed_logins = failed_logins + 1 … RETURNING`, so parallel attempts each get their
/// own number. `None` when locked.
pub async fn count_attempt(
    db: &DatabaseTransaction,
    id: i64,
    now: DateTime<Utc>,
) -> ApiResult<Option<u32>> {
    let rows = account::Entity::update_many()
        .col_expr(
            account::Column::FailedLogins,
            Expr::col(account::Column::FailedLogins).add(1),
        )
        .filter(account::Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(account::Column::LockedUntil.is_null())
                .add(account::Column::LockedUntil.lte(now)),
        )
        .exec_with_returning(db)
        .await?;
    Ok(rows
        .first()
        .map(|r| u32::try_from(r.failed_logins).unwrap_or(0)))
}

/// Takes back an attempt counted by [`count_attempt`] whose password was never checked (more
/// attempts were in flight than the limit allows).
pub async fn uncount_attempt(db: &DatabaseTransaction, id: i64) -> ApiResult<()> {
    account::Entity::update_many()
        .col_expr(
            account::Column::FailedLogins,
            Expr::col(account::Column::FailedLogins).sub(1),
        )
        .filter(account::Column::Id.eq(id))
        .filter(account::Column::FailedLogins.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Locks an account for failed logins until `until` and starts its count again.
pub async fn lock_until(db: &DatabaseTransaction, id: i64, until: DateTime<Utc>) -> ApiResult<()> {
    account::Entity::update_many()
        .col_expr(account::Column::LockedUntil, Expr::value(Some(until)))
        .col_expr(account::Column::FailedLogins, Expr::value(0))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts a checked wrong password or code since the last login (shown at the next login).
pub async fn count_failure(db: &DatabaseTransaction, id: i64) -> ApiResult<()> {
    account::Entity::update_many()
        .col_expr(
            account::Column::FailedSince,
            Expr::col(account::Column::FailedSince).add(1),
        )
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a successful login of the account as it was when its password was checked; `None`
/// when it changed meanwhile (new password, new token version, no longer active). The login
/// before it (time, address, failures between) is kept for the holder to see.
pub async fn signed_in(
    db: &DatabaseTransaction,
    acc: &account::Model,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<Option<account::Model>> {
    let Some(hash) = acc.password_hash.clone() else {
        return Ok(None);
    };
    // the right-hand sides read the row as it was: the last login becomes the previous one
    let rows = account::Entity::update_many()
        .col_expr(account::Column::FailedLogins, Expr::value(0))
        .col_expr(
            account::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(
            account::Column::PrevLoginAt,
            Expr::col(account::Column::LastLoginAt),
        )
        .col_expr(
            account::Column::PrevLoginIp,
            Expr::col(account::Column::LastLoginIp),
        )
        .col_expr(
            account::Column::PrevFailed,
            Expr::col(account::Column::FailedSince),
        )
        .col_expr(account::Column::FailedSince, Expr::value(0))
        .col_expr(
            account::Column::LastLoginIp,
            Expr::value(ip.map(str::to_owned)),
        )
        .col_expr(account::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(account::Column::Id.eq(acc.id))
        .filter(account::Column::TokenVersion.eq(acc.token_version))
        .filter(account::Column::Status.eq(AccountStatus::Active.as_str()))
        .filter(account::Column::PasswordHash.eq(hash))
        .exec_with_returning(db)
        .await?;
    Ok(rows.into_iter().next())
}

/// The account with its region, if the region lies in the scope; 404 otherwise. Accounts of a
/// retired region stay visible where its last version lay.
pub async fn visible(
    db: &impl ConnectionTrait,
    scope: &Scope,
    username: &str,
) -> ApiResult<(account::Model, region::Model)> {
    let acc = by_username(db, username)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let reg = super::regions::latest(db, &acc.region_code)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if !scope.contains(&reg.path) {
        return Err(ApiError::not_found());
    }
    Ok((acc, reg))
}

/// Whether an administrator of `caller_region` manages the account: its own agency's
/// sub-accounts and the administrator accounts one level below.
pub fn manages(
    caller_region: &str,
    target: &account::Model,
    target_region: &region::Model,
) -> bool {
    match AccountKind::parse(&target.kind) {
        Some(AccountKind::Sub) => target.region_code == caller_region,
        Some(AccountKind::Admin) => target_region.parent_code.as_deref() == Some(caller_region),
        _ => false,
    }
}

/// Accounts in the scope, filtered and paged, by region then username.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    viewer: Option<Manager<'_>>,
    q: &AccountQuery,
) -> ApiResult<AccountPage> {
    // accounts carry the region code; the region table carries the path
    let codes_in_scope = region::Entity::find()
        .select_only()
        .column(region::Column::Code)
        .filter(region::Column::ValidTo.is_null())
        .filter(scope.cond(region::Column::Path));
    let mut cond = Condition::all().add(
        account::Column::RegionCode.in_subquery(sea_orm::QueryTrait::into_query(codes_in_scope)),
    );
    if let Some(r) = q.region.as_deref().filter(|r| !r.is_empty()) {
        cond = cond.add(account::Column::RegionCode.eq(r));
    }
    if let Some(s) = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        cond = cond.add(
            Condition::any()
                .add(account::Column::Username.contains(s))
                .add(account::Column::Name.contains(s)),
        );
    }
    if let Some(st) = q.status {
        cond = cond.add(account::Column::Status.eq(st.as_str()));
    }
    let sel = account::Entity::find().filter(cond);
    let page = Ord::max(q.page.unwrap_or(1), 1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, 200);
    let total = sel.clone().count(db).await?;
    let rows = sel
        .order_by_asc(account::Column::RegionCode)
        .order_by_asc(account::Column::Kind)
        .order_by_asc(account::Column::Username)
        .offset(u64::from(page - 1) * u64::from(per_page))
        .limit(u64::from(per_page))
        .all(db)
        .await?;
    let regions =
        super::regions::latest_many(db, rows.iter().map(|r| r.region_code.clone()).collect())
            .await?;
    Ok(AccountPage {
        items: rows
            .iter()
            .map(|r| match regions.get(&r.region_code) {
                Some(reg) => to_dto(r, &reg.name, manageable(viewer, r, reg)),
                None => to_dto(r, "", false),
            })
            .collect(),
        page: PageMeta {
            page,
            per_page,
            total,
        },
    })
}

fn audit_view(m: &account::Model) -> serde_json::Value {
    serde_json::json!({
        "username": m.username, "kind": m.kind, "role": m.role, "region": m.region_code,
        "name": m.name, "phone": mask(&m.phone), "approval_ref": m.approval_ref, "status": m.status,
    })
}

/// Sets a new password, keeping the history; revokes every token of the account.
pub async fn set_password(
    db: &DatabaseTransaction,
    acc: account::Model,
    hash: String,
    one_time: bool,
    now: DateTime<Utc>,
) -> ApiResult<account::Model> {
    password_history::ActiveModel {
        account_id: Set(acc.id),
        hash: Set(hash.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let token_version = acc.token_version + 1;
    let mut am = acc.into_active_model();
    am.password_hash = Set(Some(hash));
    am.password_changed_at = Set(Some(now));
    am.must_change_password = Set(one_time);
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    am.token_version = Set(token_version);
    Ok(am.update(db).await?)
}

/// Whether `password` is one of the last five of the account (call it before opening the
/// transaction that stores the new one: it verifies up to five hashes).
pub async fn recently_used(db: &DatabaseConnection, account_id: i64, pw: &str) -> ApiResult<bool> {
    let recent = password_history::Entity::find()
        .filter(password_history::Column::AccountId.eq(account_id))
        .order_by_desc(password_history::Column::Id)
        .limit(domain::password::HISTORY as u64)
        .all(db)
        .await?;
    for h in recent {
        if password::verify(pw.to_owned(), h.hash).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Creates a sub-account of the caller's agency with a one-time password.
pub async fn create_sub(
    db: &DatabaseTransaction,
    actor: &Actor,
    scope: &Scope,
    req: &CreateSubAccount,
    pw: NewPassword,
    now: DateTime<Utc>,
) -> ApiResult<(Account, String)> {
    if by_username(db, &req.username).await?.is_some() {
        return Err(ApiError::about(
            ErrorCode::Conflict,
            "username",
            "unique",
            "用户名已存在",
            "the username is taken",
        ));
    }
    let acc = account::ActiveModel {
        username: Set(req.username.clone()),
        kind: Set(AccountKind::Sub.as_str().into()),
        role: Set(req.role.as_str().into()),
        region_code: Set(scope.code().to_owned()),
        name: Set(req.name.trim().to_owned()),
        phone: Set(req.phone.clone().unwrap_or_default()),
        approval_ref: Set(req.approval_ref.trim().to_owned()),
        password_hash: Set(None),
        must_change_password: Set(true),
        status: Set(AccountStatus::Active.as_str().into()),
        failed_logins: Set(0),
        activated_at: Set(Some(now)),
        token_version: Set(1),
        created_at: Set(now),
        created_by: Set(actor.username.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let acc = set_password(db, acc, pw.hash, true, now).await?;
    audit::append(
        db,
        actor,
        Record::new(
            "account.create",
            "account",
            &acc.username,
            scope.code(),
            scope.path(),
        )
        .after(audit_view(&acc)),
        now,
    )
    .await?;
    let name = super::regions::current(db, &acc.region_code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    Ok((to_dto(&acc, &name, true), pw.clear))
}

/// Registers (or hands over to) the holder of an administrator account and issues its one-time
/// password. The previous holder's sessions end; the new holder must accept the agreement.
pub async fn register_holder(
    db: &DatabaseTransaction,
    actor: &Actor,
    acc: account::Model,
    reg: &region::Model,
    req: &RegisterHolder,
    pw: NewPassword,
    now: DateTime<Utc>,
) -> ApiResult<OneTimePassword> {
    if acc.kind != AccountKind::Admin.as_str() {
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            "只有管理员账号登记持有人",
            "only administrator accounts have registered holders",
        ));
    }
    if acc.status == AccountStatus::Cancelled.as_str() {
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            "账号已注销",
            "the account is cancelled",
        ));
    }
    let before = audit_view(&acc);
    account_holder::Entity::update_many()
        .col_expr(account_holder::Column::ToAt, Expr::value(now))
        .filter(account_holder::Column::AccountId.eq(acc.id))
        .filter(account_holder::Column::ToAt.is_null())
        .exec(db)
        .await?;
    account_holder::ActiveModel {
        account_id: Set(acc.id),
        name: Set(req.name.trim().to_owned()),
        phone: Set(req.phone.trim().to_owned()),
        approval_ref: Set(req.approval_ref.trim().to_owned()),
        registered_by: Set(actor.username.clone()),
        from_at: Set(now),
        to_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut am = acc.into_active_model();
    am.name = Set(req.name.trim().to_owned());
    am.phone = Set(req.phone.trim().to_owned());
    am.approval_ref = Set(req.approval_ref.trim().to_owned());
    am.status = Set(AccountStatus::Active.as_str().into());
    am.agreement_accepted_at = Set(None);
    am.agreement_version = Set(None);
    am.activated_at = Set(Some(now));
    am.last_login_at = Set(None);
    let acc = am.update(db).await?;
    let acc = set_password(db, acc, pw.hash, true, now).await?;
    audit::append(
        db,
        actor,
        Record::new(
            "account.holder",
            "account",
            &acc.username,
            &reg.code,
            &reg.path,
        )
        .before(before)
        .after(audit_view(&acc)),
        now,
    )
    .await?;
    Ok(OneTimePassword {
        username: acc.username,
        one_time_password: pw.clear,
    })
}

/// Resets a password to a one-time password (forgotten password).
pub async fn reset_password(
    db: &DatabaseTransaction,
    actor: &Actor,
    acc: account::Model,
    reg: &region::Model,
    pw: NewPassword,
    now: DateTime<Utc>,
) -> ApiResult<OneTimePassword> {
    if acc.status == AccountStatus::Pending.as_str() {
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            "请先登记持有人",
            "register a holder first",
        ));
    }
    if acc.status == AccountStatus::Cancelled.as_str() {
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            "账号已注销",
            "the account is cancelled",
        ));
    }
    let acc = set_password(db, acc, pw.hash, true, now).await?;
    revoke_refresh_tokens(db, acc.id, now).await?;
    audit::append(
        db,
        actor,
        Record::new(
            "account.reset_password",
            "account",
            &acc.username,
            &reg.code,
            &reg.path,
        ),
        now,
    )
    .await?;
    Ok(OneTimePassword {
        username: acc.username,
        one_time_password: pw.clear,
    })
}

/// Turns two-factor login off for a lost authenticator; every session of the account ends.
pub async fn reset_mfa(
    db: &DatabaseTransaction,
    actor: &Actor,
    acc: account::Model,
    reg: &region::Model,
    now: DateTime<Utc>,
) -> ApiResult<Account> {
    if !acc.mfa_enabled && acc.mfa_pending.is_none() {
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            "该账号未开启双因素登录",
            "two-factor login is not on for this account",
        ));
    }
    super::mfa::reset(db, acc.id).await?;
    let token_version = acc.token_version + 1;
    let mut am = acc.into_active_model();
    am.token_version = Set(token_version);
    am.mfa_enabled = Set(false);
    am.mfa_secret = Set(None);
    am.mfa_pending = Set(None);
    let acc = am.update(db).await?;
    revoke_refresh_tokens(db, acc.id, now).await?;
    audit::append(
        db,
        actor,
        Record::new(
            "account.reset_mfa",
            "account",
            &acc.username,
            &reg.code,
            &reg.path,
        ),
        now,
    )
    .await?;
    Ok(to_dto(&acc, &reg.name, true))
}

/// Disables or (re-)enables an account; enabling also reopens an account locked for inactivity.
pub async fn set_enabled(
    db: &DatabaseTransaction,
    actor: &Actor,
    acc: account::Model,
    reg: &region::Model,
    enable: bool,
    now: DateTime<Utc>,
) -> ApiResult<Account> {
    let status = AccountStatus::parse(&acc.status).unwrap_or(AccountStatus::Disabled);
    let target = match (enable, status) {
        (_, AccountStatus::Cancelled) => {
            return Err(ApiError::msg(
                ErrorCode::Conflict,
                "已注销的账号不能再启用或停用",
                "a cancelled account cannot be changed",
            ));
        }
        (_, AccountStatus::Pending) => {
            return Err(ApiError::msg(
                ErrorCode::Conflict,
                "请先登记持有人",
                "register a holder first",
            ));
        }
        (true, _) => AccountStatus::Active,
        (false, _) => AccountStatus::Disabled,
    };
    let before = audit_view(&acc);
    let ver = acc.token_version + 1;
    let mut am = acc.into_active_model();
    am.status = Set(target.as_str().into());
    am.token_version = Set(ver);
    if enable {
        // the inactivity clock starts again from the reopening
        am.activated_at = Set(Some(now));
        am.failed_logins = Set(0);
        am.locked_until = Set(None);
    }
    let acc = am.update(db).await?;
    revoke_refresh_tokens(db, acc.id, now).await?;
    let action = if enable {
        "account.enable"
    } else {
        "account.disable"
    };
    audit::append(
        db,
        actor,
        Record::new(action, "account", &acc.username, &reg.code, &reg.path)
            .before(before)
            .after(audit_view(&acc)),
        now,
    )
    .await?;
    Ok(to_dto(&acc, &reg.name, true))
}

/// Holders of an account, newest first.
pub async fn holders(db: &impl ConnectionTrait, acc: &account::Model) -> ApiResult<Vec<Holder>> {
    Ok(account_holder::Entity::find()
        .filter(account_holder::Column::AccountId.eq(acc.id))
        .order_by_desc(account_holder::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|h| Holder {
            name: h.name,
            phone: mask(&h.phone),
            approval_ref: h.approval_ref,
            registered_by: h.registered_by,
            from: h.from_at,
            to: h.to_at,
        })
        .collect())
}

/// Ends every session of an account and revokes every refresh token (also those older than
/// sessions).
pub async fn revoke_refresh_tokens(
    db: &DatabaseTransaction,
    account_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    super::sessions::end_all(db, account_id, None, domain::SessionEnd::Revoked, now).await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::Revoked, Expr::value(true))
        .filter(refresh_token::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Stores a new refresh token for the account and returns it (only its digest is kept).
pub async fn new_refresh_token(
    db: &DatabaseTransaction,
    acc: &account::Model,
    session: &super::entities::session::Model,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    let token = password::random_token();
    refresh_token::ActiveModel {
        account_id: Set(acc.id),
        token_hash: Set(password::token_digest(&token)),
        token_version: Set(acc.token_version),
        created_at: Set(now),
        last_used_at: Set(now),
        expires_at: Set(session.expires_at),
        revoked: Set(false),
        rotated_at: Set(None),
        session_id: Set(Some(session.id)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// When an account was last used: its last login, else its activation, else its creation.
pub fn last_used(acc: &account::Model) -> DateTime<Utc> {
    [acc.last_login_at, acc.activated_at]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(acc.created_at)
}

/// Applies the inactivity rules to one account at `now`: cancel after two years unused, lock
/// after 30 days without login. Returns the new status when it changed (and audits it).
pub async fn apply_lifecycle(
    db: &DatabaseTransaction,
    settings: &Settings,
    acc: &account::Model,
    now: DateTime<Utc>,
) -> ApiResult<Option<AccountStatus>> {
    let status = AccountStatus::parse(&acc.status);
    let used = last_used(acc);
    let new = match status {
        Some(AccountStatus::Active | AccountStatus::Dormant | AccountStatus::Disabled)
            if settings.policy.is_expired_for_cancel(used, now) =>
        {
            AccountStatus::Cancelled
        }
        Some(AccountStatus::Active)
            if acc.kind != AccountKind::Service.as_str()
                && settings.policy.is_dormant(used, now) =>
        {
            AccountStatus::Dormant
        }
        _ => return Ok(None),
    };
    let before = audit_view(acc);
    let mut am = acc.clone().into_active_model();
    am.status = Set(new.as_str().into());
    am.token_version = Set(acc.token_version + 1);
    let updated = am.update(db).await?;
    revoke_refresh_tokens(db, acc.id, now).await?;
    let reg = super::regions::current(db, &acc.region_code).await?;
    let (code, path) = reg
        .map(|r| (r.code, r.path))
        .unwrap_or_else(|| (acc.region_code.clone(), String::new()));
    let action = if new == AccountStatus::Cancelled {
        "account.cancel"
    } else {
        "account.dormant"
    };
    audit::append(
        db,
        &Actor::system(),
        Record::new(action, "account", &acc.username, &code, &path)
            .before(before)
            .after(audit_view(&updated)),
        now,
    )
    .await?;
    Ok(Some(new))
}

/// Accounts the daily job must look at: not yet cancelled nor pending.
pub async fn lifecycle_candidates(db: &impl ConnectionTrait) -> ApiResult<Vec<account::Model>> {
    Ok(account::Entity::find()
        .filter(account::Column::Status.is_in(["active", "dormant", "disabled"]))
        .all(db)
        .await?)
}

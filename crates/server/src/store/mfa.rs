//! Two-factor login: TOTP secrets sealed under the data key (never in clear in the database),
//! each step accepted once, recovery codes stored as digests, the single-use tokens between the
//! password and the code, and the province's policy.
//!
//! Who must use a second factor is [`domain::mfa::required`]; the shape of codes is
//! [`domain::mfa::parse_code`].

use super::entities::{account, mfa_challenge, mfa_recovery_code, policy};
use crate::auth::password::{random_token, token_digest};
use crate::error::{ApiError, ApiResult};
use crate::vault::Keyring;
use chrono::{DateTime, Duration, Utc};
use domain::mfa::{self, Code};
use domain::v1::auth::MfaEnrolment;
use domain::{AccountKind, ErrorCode};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use std::sync::Mutex;
use std::time::Instant;
use totp_rs::{Algorithm, Secret, Totp};

/// The sealing field of TOTP secrets (bound to the account id).
const FIELD: &str = "totp";
/// The policy row of "two factors for everyone".
const POLICY_MFA_EVERYONE: &str = "mfa_for_everyone";

fn totp(secret: &[u8], username: &str) -> anyhow::Result<Totp> {
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(mfa::DIGITS as u8)
        .with_skew(1)
        .with_step_duration(mfa::STEP_SECS)
        .with_secret(Secret::from(secret.to_vec()))
        .with_issuer(Some(mfa::ISSUER))
        .with_account_name(username)
        .build()
        .map_err(|e| anyhow::anyhow!("totp: {e}"))
}

fn seal(ring: &Keyring, account_id: i64, secret: &[u8]) -> ApiResult<String> {
    let key = ring.current();
    let b32 = Secret::from(secret.to_vec()).to_base32();
    let sealed = key.seal(FIELD, &account_id.to_string(), &b32)?;
    Ok(format!("{}:{sealed}", key.id()))
}

fn open(ring: &Keyring, account_id: i64, stored: &str) -> ApiResult<Vec<u8>> {
    let (kid, sealed) = stored
        .split_once(':')
        .ok_or_else(|| anyhow::anyhow!("the TOTP secret of account {account_id} is malformed"))?;
    let b32 = ring
        .get(kid)?
        .open(FIELD, &account_id.to_string(), sealed)?;
    Ok(Secret::try_from_base32(&b32)
        .map_err(|e| anyhow::anyhow!("the TOTP secret of account {account_id}: {e}"))?
        .as_bytes()
        .to_vec())
}

/// Unix seconds of `now` (never negative).
fn secs(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or(0)
}

/// Starts (or starts again) the enrolment of the account: a new secret, sealed as pending until
/// a first code confirms it. 409 when two-factor login is already on.
pub async fn start_enrolment(
    db: &DatabaseTransaction,
    ring: &Keyring,
    acc: &account::Model,
) -> ApiResult<MfaEnrolment> {
    if acc.mfa_enabled {
        return Err(already_on());
    }
    let secret: [u8; 20] = rand::random();
    let t = totp(&secret, &acc.username)?;
    let mut am = acc.clone().into_active_model();
    am.mfa_pending = Set(Some(seal(ring, acc.id, &secret)?));
    // the steps taken belong to the old secret: a new one may take the current step at once
    am.mfa_last_step = Set(0);
    am.update(db).await?;
    Ok(MfaEnrolment {
        secret: t.secret().to_base32(),
        otpauth_uri: t.to_url().map_err(|e| anyhow::anyhow!("totp url: {e}"))?,
        digits: mfa::DIGITS as u32,
        period: mfa::STEP_SECS as u32,
    })
}

fn already_on() -> ApiError {
    ApiError::msg(
        ErrorCode::Conflict,
        "已绑定身份验证器；如需更换，请由上级管理员重置双因素登录",
        "two-factor login is already on; to change the app, ask your administrator to reset it",
    )
}

/// Accepts a TOTP code for the sealed secret: the step it matches (this one, or one either side)
/// must be later than the last step accepted, and taking it is one conditional update, so a code
/// is accepted once even by parallel requests.
async fn accept_totp(
    db: &DatabaseTransaction,
    ring: &Keyring,
    acc: &account::Model,
    stored: &str,
    code: &str,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let secret = open(ring, acc.id, stored)?;
    let Some(step) = totp(&secret, &acc.username)?.check(code, secs(now)) else {
        return Ok(false);
    };
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    let taken = account::Entity::update_many()
        .col_expr(account::Column::MfaLastStep, Expr::value(step))
        .filter(account::Column::Id.eq(acc.id))
        .filter(account::Column::MfaLastStep.lt(step))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    Ok(taken)
}

/// Confirms the enrolment with a first code: two-factor login is on, and ten recovery codes
/// (returned once, stored as digests) replace any earlier ones. A wrong code is a 422.
pub async fn confirm(
    db: &DatabaseTransaction,
    ring: &Keyring,
    acc: &account::Model,
    code: &str,
    now: DateTime<Utc>,
) -> ApiResult<Vec<String>> {
    if acc.mfa_enabled {
        return Err(already_on());
    }
    let Some(pending) = acc.mfa_pending.clone() else {
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            "请先生成二维码并用身份验证器扫描",
            "start the enrolment first",
        ));
    };
    let wrong = || {
        ApiError::field(
            "code",
            "mfa",
            "验证码不正确，请输入身份验证器当前显示的6位数字",
            "wrong code: type the six digits the app shows now",
        )
    };
    let Some(Code::Totp(digits)) = mfa::parse_code(code) else {
        return Err(wrong());
    };
    if !accept_totp(db, ring, acc, &pending, &digits, now).await? {
        return Err(wrong());
    }
    account::Entity::update_many()
        .col_expr(account::Column::MfaSecret, Expr::value(Some(pending)))
        .col_expr(account::Column::MfaPending, Expr::value(None::<String>))
        .col_expr(account::Column::MfaEnabled, Expr::value(true))
        .filter(account::Column::Id.eq(acc.id))
        .exec(db)
        .await?;
    new_recovery_codes(db, acc.id, now).await
}

fn recovery_digest(account_id: i64, code: &str) -> String {
    token_digest(&format!("{account_id}:{code}"))
}

async fn new_recovery_codes(
    db: &DatabaseTransaction,
    account_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<Vec<String>> {
    use rand::Rng;
    mfa_recovery_code::Entity::delete_many()
        .filter(mfa_recovery_code::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    let mut rng = rand::rngs::OsRng;
    let mut codes = Vec::with_capacity(mfa::RECOVERY_CODES);
    let mut rows = Vec::with_capacity(mfa::RECOVERY_CODES);
    for _ in 0..mfa::RECOVERY_CODES {
        let code: String = (0..mfa::RECOVERY_LEN)
            .map(|_| mfa::RECOVERY_ALPHABET[rng.gen_range(0..32)] as char)
            .collect();
        rows.push(mfa_recovery_code::ActiveModel {
            account_id: Set(account_id),
            code_hash: Set(recovery_digest(account_id, &code)),
            created_at: Set(now),
            used_at: Set(None),
            ..Default::default()
        });
        codes.push(mfa::format_recovery(&code));
    }
    mfa_recovery_code::Entity::insert_many(rows)
        .exec(db)
        .await?;
    Ok(codes)
}

/// How a second factor was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    /// A code from the app.
    Totp,
    /// A recovery code (now used up).
    Recovery,
}

impl Factor {
    /// The name written into the audit entry.
    pub fn as_str(self) -> &'static str {
        match self {
            Factor::Totp => "totp",
            Factor::Recovery => "recovery_code",
        }
    }
}

/// Checks a second factor of an account with two-factor login on; a good code is used up (an
/// app code's step, or the recovery code). `None`: wrong, expired or used.
pub async fn verify(
    db: &DatabaseTransaction,
    ring: &Keyring,
    acc: &account::Model,
    code: &str,
    now: DateTime<Utc>,
) -> ApiResult<Option<Factor>> {
    let Some(stored) = acc.mfa_secret.clone().filter(|_| acc.mfa_enabled) else {
        return Ok(None);
    };
    Ok(match mfa::parse_code(code) {
        Some(Code::Totp(digits)) => accept_totp(db, ring, acc, &stored, &digits, now)
            .await?
            .then_some(Factor::Totp),
        Some(Code::Recovery(rc)) => {
            let used = mfa_recovery_code::Entity::update_many()
                .col_expr(mfa_recovery_code::Column::UsedAt, Expr::value(Some(now)))
                .filter(mfa_recovery_code::Column::AccountId.eq(acc.id))
                .filter(mfa_recovery_code::Column::CodeHash.eq(recovery_digest(acc.id, &rc)))
                .filter(mfa_recovery_code::Column::UsedAt.is_null())
                .exec(db)
                .await?
                .rows_affected
                == 1;
            used.then_some(Factor::Recovery)
        }
        None => None,
    })
}

/// Unused recovery codes of the account.
pub async fn recovery_left(db: &impl ConnectionTrait, account_id: i64) -> ApiResult<u64> {
    Ok(mfa_recovery_code::Entity::find()
        .filter(mfa_recovery_code::Column::AccountId.eq(account_id))
        .filter(mfa_recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

/// Turns two-factor login off (the superior administrator's reset): the secret and the
/// recovery codes go; the holder enrols again at the next login.
pub async fn reset(db: &DatabaseTransaction, account_id: i64) -> ApiResult<()> {
    account::Entity::update_many()
        .col_expr(account::Column::MfaEnabled, Expr::value(false))
        .col_expr(account::Column::MfaSecret, Expr::value(None::<String>))
        .col_expr(account::Column::MfaPending, Expr::value(None::<String>))
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    mfa_recovery_code::Entity::delete_many()
        .filter(mfa_recovery_code::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Re-seals every TOTP secret not under the current data key (key rotation). Returns how many.
pub async fn reseal(db: &DatabaseTransaction, ring: &Keyring) -> ApiResult<u64> {
    let current = format!("{}:", ring.current().id());
    let rows = account::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(account::Column::MfaSecret.is_not_null())
                .add(account::Column::MfaPending.is_not_null()),
        )
        .all(db)
        .await?;
    let mut n = 0;
    for acc in rows {
        let again = |v: &Option<String>| -> ApiResult<Option<String>> {
            match v {
                Some(s) if !s.starts_with(&current) => {
                    Ok(Some(seal(ring, acc.id, &open(ring, acc.id, s)?)?))
                }
                other => Ok(other.clone()),
            }
        };
        let (secret, pending) = (again(&acc.mfa_secret)?, again(&acc.mfa_pending)?);
        if secret != acc.mfa_secret || pending != acc.mfa_pending {
            n += 1;
            let mut am = acc.into_active_model();
            am.mfa_secret = Set(secret);
            am.mfa_pending = Set(pending);
            am.update(db).await?;
        }
    }
    Ok(n)
}

/// Issues the single-use token between a right password and the code.
pub async fn new_challenge(
    db: &DatabaseTransaction,
    acc: &account::Model,
    ip: Option<String>,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    // expired tokens of anyone go as new ones come
    mfa_challenge::Entity::delete_many()
        .filter(mfa_challenge::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    let token = random_token();
    mfa_challenge::ActiveModel {
        account_id: Set(acc.id),
        token_hash: Set(token_digest(&token)),
        token_version: Set(acc.token_version),
        ip: Set(ip),
        created_at: Set(now),
        expires_at: Set(now + Duration::seconds(mfa::CHALLENGE_SECS as i64)),
        used: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live challenge of a token: not used, not expired, of an account whose sessions have not
/// been ended since.
pub async fn challenge(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> ApiResult<Option<mfa_challenge::Model>> {
    Ok(mfa_challenge::Entity::find()
        .filter(mfa_challenge::Column::TokenHash.eq(token_digest(token)))
        .filter(mfa_challenge::Column::Used.eq(false))
        .filter(mfa_challenge::Column::ExpiresAt.gt(now))
        .one(db)
        .await?)
}

/// Uses a challenge up; `false` if another request did first.
pub async fn finish_challenge(db: &DatabaseTransaction, id: i64) -> ApiResult<bool> {
    Ok(mfa_challenge::Entity::update_many()
        .col_expr(mfa_challenge::Column::Used, Expr::value(true))
        .filter(mfa_challenge::Column::Id.eq(id))
        .filter(mfa_challenge::Column::Used.eq(false))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// The province's policy, read from the database at most every few seconds per process.
#[derive(Debug, Default)]
pub struct PolicyCache(Mutex<Option<(Instant, bool)>>);

/// How long a process trusts its copy of the policy.
const POLICY_TTL: std::time::Duration = std::time::Duration::from_secs(5);

impl PolicyCache {
    /// Whether every account must use two factors.
    pub async fn mfa_for_everyone(&self, db: &impl ConnectionTrait) -> ApiResult<bool> {
        if let Ok(g) = self.0.lock()
            && let Some((at, v)) = *g
            && at.elapsed() < POLICY_TTL
        {
            return Ok(v);
        }
        let v = read_policy(db).await?;
        if let Ok(mut g) = self.0.lock() {
            *g = Some((Instant::now(), v));
        }
        Ok(v)
    }

    /// Forgets the copy (after this process changed the policy).
    pub fn clear(&self) {
        if let Ok(mut g) = self.0.lock() {
            *g = None;
        }
    }

    /// Whether the account must log in with a second factor.
    pub async fn required(
        &self,
        db: &impl ConnectionTrait,
        acc: &account::Model,
        province: bool,
    ) -> ApiResult<bool> {
        let kind = AccountKind::parse(&acc.kind).unwrap_or(AccountKind::Sub);
        // the policy is read only when it could change the answer
        if mfa::required(kind, province, false) || kind == AccountKind::Service {
            return Ok(mfa::required(kind, province, false));
        }
        Ok(mfa::required(
            kind,
            province,
            self.mfa_for_everyone(db).await?,
        ))
    }
}

async fn read_policy(db: &impl ConnectionTrait) -> ApiResult<bool> {
    Ok(policy::Entity::find_by_id(POLICY_MFA_EVERYONE)
        .one(db)
        .await?
        .is_some_and(|p| p.value == "true"))
}

/// Sets the policy; returns the old value.
pub async fn set_mfa_for_everyone(
    db: &DatabaseTransaction,
    value: bool,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let old = read_policy(db).await?;
    policy::Entity::insert(policy::ActiveModel {
        name: Set(POLICY_MFA_EVERYONE.into()),
        value: Set(value.to_string()),
        updated_at: Set(now),
        updated_by: Set(by.to_owned()),
    })
    .on_conflict(
        OnConflict::column(policy::Column::Name)
            .update_columns([
                policy::Column::Value,
                policy::Column::UpdatedAt,
                policy::Column::UpdatedBy,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238 appendix B, SHA-1, truncated to six digits
        let secret = b"12345678901234567890";
        let t = totp(secret, "620000").expect("totp");
        for (time, code) in [
            (59u64, "287082"),
            (1111111109, "081804"),
            (1234567890, "005924"),
            (2000000000, "279037"),
        ] {
            assert_eq!(t.generate(time).to_string(), code, "at {time}");
        }
    }

    #[test]
    fn the_uri_names_the_issuer_and_account() {
        let t = totp(&[7u8; 20], "620000").expect("totp");
        let uri = t.to_url().expect("url");
        assert!(uri.starts_with("otpauth://totp/shiming:620000?"), "{uri}");
        assert!(uri.contains("issuer=shiming"), "{uri}");
    }
}

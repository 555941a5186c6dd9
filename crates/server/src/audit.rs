//! The audit log: append-only and chained by a keyed hash. Each entry's HMAC-SHA256 covers every
//! column of the entry and the previous entry's hash, under a key held outside the database
//! ([`AuditKey`]): whoever can write the database but does not hold the key cannot rewrite the
//! chain. `audit_head` holds the last id and hash and is written first in every append, which
//! serialises appenders on both databases (a row lock on PostgreSQL, the write lock on SQLite)
//! and lets `verify` notice a deleted tail.
//!
//! Auditors read the log but may not see who a person is: the personal fields of a person's
//! before / after ([`PERSONAL_FIELDS`]) are stored as keyed hashes, so an auditor sees that a
//! field changed (or that two entries name the same value) and never the value.

use crate::error::ApiResult;
use crate::store::Scope;
use crate::store::entities::{audit_head, audit_log};
use chrono::{DateTime, SubsecRound, Utc};
use domain::v1::PageMeta;
use domain::v1::audit::{AuditEntry, AuditPage, AuditQuery};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use sha2::Sha256;
use std::sync::OnceLock;

type HmacSha256 = Hmac<Sha256>;

/// The audit key: the chain key and the key of the personal fields' hashes, both derived from
/// one secret held outside the database (an environment variable or a key file; see
/// `Settings::audit_key`).
#[derive(Clone)]
pub struct AuditKey {
    chain: [u8; 32],
    field: [u8; 32],
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(<redacted>)")
    }
}

fn hmac32(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes a key of any length
    let mut mac = HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    for p in parts {
        mac.update(&(p.len() as u64).to_be_bytes());
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

impl AuditKey {
    /// Derives the keys from a secret of at least 32 bytes.
    pub fn from_secret(secret: &[u8]) -> anyhow::Result<Self> {
        anyhow::ensure!(
            secret.len() >= 32,
            "the audit key must be at least 32 bytes (64 hex digits)"
        );
        Ok(Self {
            chain: hmac32(secret, &[b"shiming audit chain"]),
            field: hmac32(secret, &[b"shiming audit field"]),
        })
    }

    /// The keyed hash of a personal field's value, as stored in the log (`hmac:` + 16 hex).
    pub fn field_hash(&self, field: &str, value: &serde_json::Value) -> String {
        let v = value.to_string();
        let h = hmac32(&self.field, &[field.as_bytes(), v.as_bytes()]);
        format!("hmac:{}", hex::encode(&h[..8]))
    }
}

/// The key of this process's appends, installed once at start-up (one process serves one
/// deployment; verification takes its key explicitly).
static KEY: OnceLock<AuditKey> = OnceLock::new();

/// Installs the audit key of this process. Installing a different key later is an error.
pub fn install_key(key: AuditKey) -> anyhow::Result<()> {
    let installed = KEY.get_or_init(|| key.clone());
    anyhow::ensure!(
        installed.chain == key.chain,
        "this process already appends with another audit key"
    );
    Ok(())
}

fn key() -> ApiResult<&'static AuditKey> {
    Ok(KEY
        .get()
        .ok_or_else(|| anyhow::anyhow!("the audit key is not installed"))?)
}

/// The keyed hash of a personal value under this process's audit key (what the logs keep of a
/// name or a number searched for).
pub fn hash_field(field: &str, value: &serde_json::Value) -> ApiResult<String> {
    Ok(key()?.field_hash(field, value))
}

/// Fields of a person that say who the person is, stored only as keyed hashes in the log; with
/// them the free texts an operator writes about a person (a status note, a need's detail, the
/// school and major of a graduate), which can name or describe the person.
pub const PERSONAL_FIELDS: &[&str] = &[
    "certificate_no",
    "name",
    "gender",
    "birth_date",
    "birth_year",
    "age",
    "disability_type",
    "disability_level",
    "household_type",
    "phone",
    "address",
    "education",
    "poverty",
    "note",
    "detail",
    "school",
    "major",
];

/// Kinds of target whose before / after carry personal fields.
const PERSONAL_KINDS: &[&str] = &["person", "person_search"];

/// Replaces the personal fields of a JSON object by their keyed hashes.
fn redact(key: &AuditKey, v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    if PERSONAL_FIELDS.contains(&k.as_str()) && !serde_json::Value::is_null(&v) {
                        let h = key.field_hash(&k, &v);
                        (k, serde_json::Value::String(h))
                    } else {
                        (k, v)
                    }
                })
                .collect(),
        ),
        other => other,
    }
}

/// Who acts: a username (or `system` / `cli`) and the client address.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Username.
    pub username: String,
    /// Client address.
    pub ip: Option<String>,
}

impl Actor {
    /// The server's own jobs.
    pub fn system() -> Self {
        Self {
            username: "system".into(),
            ip: None,
        }
    }

    /// Commands run on the server.
    pub fn cli() -> Self {
        Self {
            username: "cli".into(),
            ip: None,
        }
    }
}

/// One thing to record.
#[derive(Debug, Clone)]
pub struct Record {
    /// `area.verb`, e.g. `account.create`.
    pub action: &'static str,
    /// Kind of object.
    pub target_kind: &'static str,
    /// Its key.
    pub target_id: String,
    /// Region the object belongs to.
    pub region_code: String,
    /// That region's path (scopes readers).
    pub region_path: String,
    /// State before.
    pub before: Option<serde_json::Value>,
    /// State after.
    pub after: Option<serde_json::Value>,
}

impl Record {
    /// A record without before/after.
    pub fn new(
        action: &'static str,
        target_kind: &'static str,
        target_id: impl Into<String>,
        region_code: &str,
        region_path: &str,
    ) -> Self {
        Self {
            action,
            target_kind,
            target_id: target_id.into(),
            region_code: region_code.to_owned(),
            region_path: region_path.to_owned(),
            before: None,
            after: None,
        }
    }

    /// Adds the state before.
    pub fn before(mut self, v: impl serde::Serialize) -> Self {
        self.before = serde_json::to_value(v).ok();
        self
    }

    /// Adds the state after.
    pub fn after(mut self, v: impl serde::Serialize) -> Self {
        self.after = serde_json::to_value(v).ok();
        self
    }
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The keyed hash of an entry: every column but the hash itself, each length-prefixed, with a
/// marker telling an absent optional column from an empty one.
fn entry_hash(key: &AuditKey, m: &audit_log::Model) -> String {
    let opt = |o: &Option<String>| match o {
        Some(s) => format!("+{s}"),
        None => "-".to_owned(),
    };
    let (id, at) = (m.id.to_string(), m.at.timestamp_micros().to_string());
    let (ip, before, after) = (opt(&m.ip), opt(&m.before), opt(&m.after));
    let parts: [&[u8]; 13] = [
        b"v2",
        m.prev_hash.as_bytes(),
        id.as_bytes(),
        at.as_bytes(),
        m.actor.as_bytes(),
        ip.as_bytes(),
        m.action.as_bytes(),
        m.target_kind.as_bytes(),
        m.target_id.as_bytes(),
        m.region_code.as_bytes(),
        m.region_path.as_bytes(),
        before.as_bytes(),
        after.as_bytes(),
    ];
    hex::encode(hmac32(&key.chain, &parts))
}

/// Appends an entry inside the transaction of the change it records (the type says so).
pub async fn append(
    db: &DatabaseTransaction,
    actor: &Actor,
    rec: Record,
    now: DateTime<Utc>,
) -> ApiResult<i64> {
    let key = key()?;
    // write first: takes the lock that orders appenders
    audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::LastId,
            Expr::col(audit_head::Column::LastId).add(1),
        )
        .filter(audit_head::Column::Id.eq(1))
        .exec(db)
        .await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("audit_head row missing"))?;
    let id = head.last_id;
    let at = now.trunc_subsecs(6);
    let personal = PERSONAL_KINDS.contains(&rec.target_kind);
    let text = |v: Option<serde_json::Value>| {
        v.map(|v| if personal { redact(key, v) } else { v })
            .map(|v| v.to_string())
    };
    let mut m = audit_log::Model {
        id,
        at,
        actor: actor.username.clone(),
        ip: actor.ip.clone(),
        action: rec.action.to_owned(),
        target_kind: rec.target_kind.to_owned(),
        target_id: rec.target_id,
        region_code: rec.region_code,
        region_path: rec.region_path,
        before: text(rec.before),
        after: text(rec.after),
        prev_hash: head.last_hash,
        hash: String::new(),
    };
    m.hash = entry_hash(key, &m);
    let hash = m.hash.clone();
    audit_log::ActiveModel::from(m).insert(db).await?;
    audit_head::ActiveModel {
        id: Set(1),
        last_id: Set(id),
        last_hash: Set(hash),
    }
    .update(db)
    .await?;
    Ok(id)
}

/// Result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every link holds.
    Intact {
        /// Entries checked.
        entries: i64,
    },
    /// The first broken link.
    Broken {
        /// Id of the first entry that does not verify (or where one is missing).
        at_id: i64,
        /// What is wrong.
        reason: String,
    },
}

/// Walks the whole chain in id order, in pages, checking each entry's keyed hash with `key`.
pub async fn verify(db: &impl ConnectionTrait, key: &AuditKey) -> ApiResult<Verification> {
    let mut prev_hash = GENESIS.to_owned();
    let mut expected_id = 1i64;
    loop {
        let page = audit_log::Entity::find()
            .filter(audit_log::Column::Id.gte(expected_id))
            .order_by_asc(audit_log::Column::Id)
            .limit(1000)
            .all(db)
            .await?;
        if page.is_empty() {
            break;
        }
        for m in page {
            if m.id != expected_id {
                return Ok(Verification::Broken {
                    at_id: expected_id,
                    reason: format!("entry {expected_id} is missing"),
                });
            }
            if m.prev_hash != prev_hash {
                return Ok(Verification::Broken {
                    at_id: m.id,
                    reason: "does not link to the previous entry".into(),
                });
            }
            if entry_hash(key, &m) != m.hash {
                return Ok(Verification::Broken {
                    at_id: m.id,
                    reason: "content does not match its hash".into(),
                });
            }
            prev_hash = m.hash;
            expected_id += 1;
        }
    }
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("audit_head row missing"))?;
    if head.last_id != expected_id - 1 || head.last_hash != prev_hash {
        return Ok(Verification::Broken {
            at_id: expected_id,
            reason: format!(
                "the log ends at {} but {} entries were written",
                expected_id - 1,
                head.last_id
            ),
        });
    }
    Ok(Verification::Intact {
        entries: expected_id - 1,
    })
}

/// A page of the entries in the scope, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    q: &AuditQuery,
) -> ApiResult<AuditPage> {
    let mut sel = audit_log::Entity::find().filter(scope.cond(audit_log::Column::RegionPath));
    if let Some(a) = q.action.as_deref().filter(|a| !a.is_empty()) {
        sel = sel.filter(audit_log::Column::Action.starts_with(a));
    }
    if let Some(a) = q.actor.as_deref().filter(|a| !a.is_empty()) {
        sel = sel.filter(audit_log::Column::Actor.eq(a));
    }
    if let Some(f) = q.from {
        sel = sel.filter(audit_log::Column::At.gte(f));
    }
    if let Some(t) = q.to {
        sel = sel.filter(audit_log::Column::At.lt(t));
    }
    let page = Ord::max(q.page.unwrap_or(1), 1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, 200);
    let total = sel.clone().count(db).await?;
    let rows = sel
        .order_by_desc(audit_log::Column::Id)
        .offset(u64::from(page - 1) * u64::from(per_page))
        .limit(u64::from(per_page))
        .all(db)
        .await?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(AuditPage {
        items: rows
            .into_iter()
            .map(|m| AuditEntry {
                id: m.id,
                at: m.at,
                actor: m.actor,
                ip: m.ip,
                action: m.action,
                target_kind: m.target_kind,
                target_id: m.target_id,
                region_code: m.region_code,
                before: parse(m.before),
                after: parse(m.after),
                hash: m.hash,
            })
            .collect(),
        page: PageMeta {
            page,
            per_page,
            total,
        },
    })
}

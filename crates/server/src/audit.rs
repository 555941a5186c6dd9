//! The audit log: append-only and hash-chained. Each entry's hash covers its content and the
//! previous entry's hash; `audit_head` holds the last id and hash and is written first in every
//! append, which serialises appenders on both databases (a row lock on PostgreSQL, the write lock
//! on SQLite) and lets `verify` notice a deleted tail.

use crate::error::ApiResult;
use crate::store::Scope;
use crate::store::entities::{audit_head, audit_log};
use chrono::{DateTime, SubsecRound, Utc};
use domain::v1::PageMeta;
use domain::v1::audit::{AuditEntry, AuditPage, AuditQuery};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use sha2::{Digest, Sha256};

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

#[allow(clippy::too_many_arguments)]
fn entry_hash(
    prev: &str,
    id: i64,
    at: DateTime<Utc>,
    actor: &str,
    ip: Option<&str>,
    action: &str,
    target_kind: &str,
    target_id: &str,
    region_code: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &id.to_string(),
        &at.timestamp_micros().to_string(),
        actor,
        ip.unwrap_or(""),
        action,
        target_kind,
        target_id,
        region_code,
        before.unwrap_or(""),
        after.unwrap_or(""),
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

fn model_hash(m: &audit_log::Model) -> String {
    entry_hash(
        &m.prev_hash,
        m.id,
        m.at,
        &m.actor,
        m.ip.as_deref(),
        &m.action,
        &m.target_kind,
        &m.target_id,
        &m.region_code,
        m.before.as_deref(),
        m.after.as_deref(),
    )
}

/// Appends an entry; call it inside the transaction of the change it records.
pub async fn append(
    db: &impl ConnectionTrait,
    actor: &Actor,
    rec: Record,
    now: DateTime<Utc>,
) -> ApiResult<i64> {
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
    let before = rec.before.map(|v| v.to_string());
    let after = rec.after.map(|v| v.to_string());
    let hash = entry_hash(
        &head.last_hash,
        id,
        at,
        &actor.username,
        actor.ip.as_deref(),
        rec.action,
        rec.target_kind,
        &rec.target_id,
        &rec.region_code,
        before.as_deref(),
        after.as_deref(),
    );
    audit_log::ActiveModel {
        id: Set(id),
        at: Set(at),
        actor: Set(actor.username.clone()),
        ip: Set(actor.ip.clone()),
        action: Set(rec.action.to_owned()),
        target_kind: Set(rec.target_kind.to_owned()),
        target_id: Set(rec.target_id),
        region_code: Set(rec.region_code),
        region_path: Set(rec.region_path),
        before: Set(before),
        after: Set(after),
        prev_hash: Set(head.last_hash),
        hash: Set(hash.clone()),
    }
    .insert(db)
    .await?;
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

/// Walks the whole chain in id order, in pages.
pub async fn verify(db: &impl ConnectionTrait) -> ApiResult<Verification> {
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
            if model_hash(&m) != m.hash {
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

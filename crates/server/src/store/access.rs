//! The access log of personal data: one insert per read, in the request that reads (a read that
//! cannot be recorded fails), readable by audit accounts in their scope.

use super::Scope;
use super::entities::{access_log, person};
use crate::audit::Actor;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::v1::PageMeta;
use domain::v1::access::{AccessEntry, AccessKind, AccessPage, AccessQuery};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// Query fields that name or identify a person: kept only as keyed hashes.
const IDENTIFYING: &[&str] = &["name", "certificate_no"];

/// Query fields that say nothing of what was asked (paging).
const PAGING: &[&str] = &["after", "limit", "count"];

/// A read of one person (`kind`), `rows` rows: recorded with the person's region (one statement,
/// `INSERT … SELECT` from the person).
pub async fn person_read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    kind: AccessKind,
    person_id: i64,
    rows: usize,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let select = Query::select()
        .expr(Expr::val(now))
        .expr(Expr::val(actor.username.clone()))
        .expr(Expr::val(actor.ip.clone()))
        .expr(Expr::val(kind.as_str()))
        .column(person::Column::Id)
        .column(person::Column::RegionCode)
        .column(person::Column::RegionPath)
        .expr(Expr::val(i32::try_from(rows).unwrap_or(i32::MAX)))
        .from(person::Entity)
        .and_where(person::Column::Id.eq(person_id))
        .to_owned();
    let insert = Query::insert()
        .into_table(access_log::Entity)
        .columns([
            access_log::Column::At,
            access_log::Column::Actor,
            access_log::Column::Ip,
            access_log::Column::Kind,
            access_log::Column::PersonId,
            access_log::Column::RegionCode,
            access_log::Column::RegionPath,
            access_log::Column::Rows,
        ])
        .select_from(select)
        .map_err(|e| ApiError::from(anyhow::anyhow!("access log insert: {e}")))?
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// A list or search read in `scope` with `query` (any serialisable filter), `rows` rows.
pub async fn list_read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    kind: AccessKind,
    scope: &Scope,
    query: &impl serde::Serialize,
    rows: usize,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    access_log::ActiveModel {
        at: Set(now),
        actor: Set(actor.username.clone()),
        ip: Set(actor.ip.clone()),
        kind: Set(kind.as_str().to_owned()),
        person_id: Set(None),
        region_code: Set(scope.code().to_owned()),
        region_path: Set(scope.path().to_owned()),
        query: Set(Some(redacted(query)?.to_string())),
        rows: Set(i32::try_from(rows).unwrap_or(i32::MAX)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The filters of a query as stored: without the unset ones and paging, identifying values as
/// keyed hashes.
fn redacted(query: &impl serde::Serialize) -> ApiResult<serde_json::Value> {
    let v = serde_json::to_value(query).map_err(anyhow::Error::from)?;
    let mut out = serde_json::Map::new();
    if let serde_json::Value::Object(map) = v {
        for (k, v) in map {
            if v.is_null() || PAGING.contains(&k.as_str()) {
                continue;
            }
            let v = if IDENTIFYING.contains(&k.as_str()) {
                let norm = match &v {
                    serde_json::Value::String(s) => {
                        serde_json::Value::String(s.trim().to_uppercase())
                    }
                    other => other.clone(),
                };
                serde_json::Value::String(crate::audit::hash_field(&k, &norm)?)
            } else {
                v
            };
            out.insert(k, v);
        }
    }
    Ok(serde_json::Value::Object(out))
}

/// Reads recorded in the scope, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    q: &AccessQuery,
) -> ApiResult<AccessPage> {
    let mut sel = access_log::Entity::find().filter(scope.cond(access_log::Column::RegionPath));
    if let Some(p) = q.person_id {
        sel = sel.filter(access_log::Column::PersonId.eq(p));
    }
    if let Some(a) = q.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        sel = sel.filter(access_log::Column::Actor.eq(a));
    }
    if let Some(k) = q.kind {
        sel = sel.filter(access_log::Column::Kind.eq(k.as_str()));
    }
    if let Some(f) = q.from {
        sel = sel.filter(access_log::Column::At.gte(f));
    }
    if let Some(t) = q.to {
        sel = sel.filter(access_log::Column::At.lt(t));
    }
    let page = Ord::max(q.page.unwrap_or(1), 1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, 200);
    let total = sel.clone().count(db).await?;
    let rows = sel
        .order_by_desc(access_log::Column::Id)
        .offset(u64::from(page - 1) * u64::from(per_page))
        .limit(u64::from(per_page))
        .all(db)
        .await?;
    Ok(AccessPage {
        items: rows
            .into_iter()
            .map(|m| AccessEntry {
                id: m.id,
                at: m.at,
                actor: m.actor,
                ip: m.ip,
                kind: AccessKind::parse(&m.kind).unwrap_or(AccessKind::Person),
                person_id: m.person_id,
                region_code: m.region_code,
                query: m.query.and_then(|s| serde_json::from_str(&s).ok()),
                rows: m.rows,
            })
            .collect(),
        page: PageMeta {
            page,
            per_page,
            total,
        },
    })
}

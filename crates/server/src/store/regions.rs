//! The region tree with its history. Each row is one version of a region, valid on
//! `[valid_from, valid_to)`; changes close the current versions and open new ones, so "as of a
//! date" is a plain filter and a subtree a range scan on `path`.

use super::Scope;
use super::entities::{account, region, region_event};
use crate::audit::{self, Actor, Record};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, Utc};
use domain::ErrorCode;
use domain::RegionLevel;
use domain::ids::RegionCode;
use domain::v1::regions::{
    NewRegion, Region, RegionChange, RegionChangeRequest, RegionEvent, RegionRef,
};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// Rows valid on `d`.
fn valid_on(d: NaiveDate) -> Condition {
    Condition::all().add(region::Column::ValidFrom.lte(d)).add(
        Condition::any()
            .add(region::Column::ValidTo.is_null())
            .add(region::Column::ValidTo.gt(d)),
    )
}

/// The current version of a region, whoever asks (internal use).
pub async fn current(db: &impl ConnectionTrait, code: &str) -> ApiResult<Option<region::Model>> {
    Ok(region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .filter(region::Column::ValidTo.is_null())
        .one(db)
        .await?)
}

/// The current version of a region or, for a retired one, its last version (internal use).
pub async fn latest(db: &impl ConnectionTrait, code: &str) -> ApiResult<Option<region::Model>> {
    Ok(region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .order_by_desc(region::Column::ValidFrom)
        .one(db)
        .await?)
}

/// The latest version (current, or last for a retired one) of each of the given regions.
pub async fn latest_many(
    db: &impl ConnectionTrait,
    mut codes: Vec<String>,
) -> ApiResult<HashMap<String, region::Model>> {
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    let mut out: HashMap<String, region::Model> = HashMap::new();
    let rows = region::Entity::find()
        .filter(region::Column::Code.is_in(codes))
        .order_by_asc(region::Column::ValidFrom)
        .all(db)
        .await?;
    for r in rows {
        out.insert(r.code.clone(), r);
    }
    Ok(out)
}

/// The version of a region valid on `d` (internal use).
pub async fn on(
    db: &impl ConnectionTrait,
    code: &str,
    d: NaiveDate,
) -> ApiResult<Option<region::Model>> {
    Ok(region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .filter(valid_on(d))
        .one(db)
        .await?)
}

/// The scope of a region's subtree, from its current version.
pub async fn scope_of(db: &impl ConnectionTrait, code: &str) -> ApiResult<Option<Scope>> {
    Ok(current(db, code).await?.map(|r| Scope::new(r.code, r.path)))
}

fn level(s: &str) -> RegionLevel {
    RegionLevel::parse(s).unwrap_or(RegionLevel::County)
}

fn codes_of_path(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

#[derive(Debug, FromQueryResult)]
struct ChildCount {
    parent_code: Option<String>,
    n: i64,
}

async fn child_counts(
    db: &impl ConnectionTrait,
    codes: &[String],
    d: NaiveDate,
) -> ApiResult<HashMap<String, u64>> {
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = region::Entity::find()
        .select_only()
        .column(region::Column::ParentCode)
        .column_as(Expr::col(region::Column::Id).count(), "n")
        .filter(region::Column::ParentCode.is_in(codes.iter().cloned()))
        .filter(valid_on(d))
        .group_by(region::Column::ParentCode)
        .into_model::<ChildCount>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.parent_code?, u64::try_from(r.n).unwrap_or(0))))
        .collect())
}

/// Turns rows into DTOs with their ancestors (as of `d`) and child counts: two queries in all.
async fn to_dtos(
    db: &impl ConnectionTrait,
    rows: Vec<region::Model>,
    d: NaiveDate,
) -> ApiResult<Vec<Region>> {
    let mut anc_codes: Vec<String> = rows
        .iter()
        .flat_map(|r| codes_of_path(&r.path))
        .map(str::to_owned)
        .collect();
    anc_codes.sort();
    anc_codes.dedup();
    let ancestors: HashMap<String, region::Model> = if anc_codes.is_empty() {
        HashMap::new()
    } else {
        region::Entity::find()
            .filter(region::Column::Code.is_in(anc_codes))
            .filter(valid_on(d))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.code.clone(), r))
            .collect()
    };
    let codes: Vec<String> = rows.iter().map(|r| r.code.clone()).collect();
    let counts = child_counts(db, &codes, d).await?;
    Ok(rows
        .into_iter()
        .map(|r| Region {
            ancestors: codes_of_path(&r.path)
                .into_iter()
                .filter(|c| *c != r.code)
                .map(|c| match ancestors.get(c) {
                    Some(a) => RegionRef {
                        code: a.code.clone(),
                        name: a.name.clone(),
                        level: level(&a.level),
                    },
                    None => RegionRef {
                        code: c.to_owned(),
                        name: String::new(),
                        level: RegionLevel::County,
                    },
                })
                .collect(),
            child_count: counts.get(&r.code).copied().unwrap_or(0),
            code: r.code,
            name: r.name,
            level: level(&r.level),
            parent_code: r.parent_code,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            successor_code: r.successor_code,
        })
        .collect())
}

/// A region in the scope as of `d` (404 outside the scope or when it did not exist then).
pub async fn get(
    db: &impl ConnectionTrait,
    scope: &Scope,
    code: &str,
    d: NaiveDate,
) -> ApiResult<Region> {
    let row = region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .filter(valid_on(d))
        .filter(scope.cond(region::Column::Path))
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    to_dtos(db, vec![row], d)
        .await?
        .pop()
        .ok_or_else(ApiError::not_found)
}

/// The children of a region in the scope as of `d`, by code.
pub async fn children(
    db: &impl ConnectionTrait,
    scope: &Scope,
    code: &str,
    d: NaiveDate,
) -> ApiResult<Vec<Region>> {
    // the parent must itself be visible
    get(db, scope, code, d).await?;
    let rows = region::Entity::find()
        .filter(region::Column::ParentCode.eq(code))
        .filter(valid_on(d))
        .filter(scope.cond(region::Column::Path))
        .order_by_asc(region::Column::Code)
        .all(db)
        .await?;
    to_dtos(db, rows, d).await
}

/// Regions in the scope whose code starts with, or whose name contains, `q`.
pub async fn search(
    db: &impl ConnectionTrait,
    scope: &Scope,
    q: &str,
    d: NaiveDate,
    limit: u64,
) -> ApiResult<Vec<Region>> {
    let q = q.trim();
    let cond = if q.bytes().all(|b| b.is_ascii_digit()) {
        Condition::all().add(region::Column::Code.starts_with(q))
    } else {
        Condition::all().add(region::Column::Name.contains(q))
    };
    let rows = region::Entity::find()
        .filter(cond)
        .filter(valid_on(d))
        .filter(scope.cond(region::Column::Path))
        .order_by_asc(region::Column::Path)
        .limit(limit)
        .all(db)
        .await?;
    to_dtos(db, rows, d).await
}

/// Every current region of the subtree down to county level, in path order (for bootstrapping).
pub async fn current_agency_regions(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> ApiResult<Vec<region::Model>> {
    Ok(region::Entity::find()
        .filter(region::Column::ValidTo.is_null())
        .filter(scope.cond(region::Column::Path))
        .filter(region::Column::Level.is_in(["province", "city", "county"]))
        .order_by_asc(region::Column::Path)
        .all(db)
        .await?)
}

fn conflict(zh: &str, en: &str) -> ApiError {
    ApiError::msg(ErrorCode::Conflict, zh, en)
}

fn bad_field(field: &str, zh: &str, en: &str) -> ApiError {
    ApiError::field(field, "region", zh, en)
}

async fn must_current(
    db: &impl ConnectionTrait,
    scope: &Scope,
    field: &str,
    code: &str,
) -> ApiResult<region::Model> {
    match current(db, code).await? {
        Some(r) if scope.contains(&r.path) => Ok(r),
        _ => Err(bad_field(
            field,
            &format!("区划{code}不存在或不在管辖范围内"),
            &format!("region {code} does not exist or is outside your scope"),
        )),
    }
}

async fn code_free(db: &impl ConnectionTrait, field: &str, code: &str) -> ApiResult<()> {
    RegionCode::parse(code)
        .map_err(|e| ApiError::field(field, e.rule(), &e.text().zh, &e.text().en))?;
    if current(db, code).await?.is_some() {
        return Err(ApiError::field(
            field,
            "unique",
            &format!("区划代码{code}已在使用"),
            &format!("region code {code} is in use"),
        ));
    }
    Ok(())
}

/// Closes the current version of `root` (and of its subtree when `subtree`) on `d` and opens new
/// versions with the new code / name / parent, re-pathing the subtree.
#[allow(clippy::too_many_arguments)]
async fn rewrite(
    db: &DatabaseTransaction,
    root: &region::Model,
    d: NaiveDate,
    new_code: &str,
    new_name: &str,
    new_parent: Option<&region::Model>,
    subtree: bool,
    successor: Option<&str>,
) -> ApiResult<()> {
    let rows = if subtree {
        region::Entity::find()
            .filter(region::Column::ValidTo.is_null())
            .filter(Scope::new(root.code.clone(), root.path.clone()).cond(region::Column::Path))
            .all(db)
            .await?
    } else {
        vec![root.clone()]
    };
    if rows.iter().any(|r| r.valid_from >= d) {
        return Err(conflict(
            "生效日期须晚于该区划（及其下级）当前版本的起始日期",
            "the effective date must be after the start of the current version of the region and its subtree",
        ));
    }
    let parent_path = match new_parent {
        Some(p) => p.path.clone(),
        None => root
            .path
            .trim_end_matches('/')
            .rsplit_once('/')
            .map(|(a, _)| format!("{a}/"))
            .unwrap_or_else(|| "/".into()),
    };
    let new_root_path = format!("{parent_path}{new_code}/");
    for r in rows {
        let is_root = r.id == root.id;
        let mut closed: region::ActiveModel = r.clone().into();
        closed.valid_to = Set(Some(d));
        if is_root {
            closed.successor_code = Set(successor
                .map(str::to_owned)
                .or_else(|| (new_code != r.code).then(|| new_code.to_owned())));
        }
        closed.update(db).await?;
        let (code, name, parent_code) = if is_root {
            (
                new_code.to_owned(),
                new_name.to_owned(),
                new_parent.map(|p| p.code.clone()).or(r.parent_code.clone()),
            )
        } else {
            let parent = match r.parent_code.as_deref() {
                Some(p) if p == root.code => Some(new_code.to_owned()),
                other => other.map(str::to_owned),
            };
            (r.code.clone(), r.name.clone(), parent)
        };
        let path = format!("{new_root_path}{}", &r.path[root.path.len()..]);
        region::ActiveModel {
            code: Set(code),
            name: Set(name),
            level: Set(r.level.clone()),
            parent_code: Set(parent_code),
            path: Set(path),
            valid_from: Set(d),
            valid_to: Set(None),
            successor_code: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if subtree {
        move_persons(db, &root.path, &new_root_path).await?;
    }
    Ok(())
}

/// Re-paths the persons and employers under `old_path` to lie under `new_path` (a subtree moved
/// or renamed).
async fn move_persons(db: &DatabaseTransaction, old_path: &str, new_path: &str) -> ApiResult<()> {
    use super::entities::{employer, person};
    if old_path == new_path {
        return Ok(());
    }
    use sea_orm::sea_query::{BinOper, Func};
    // new prefix || the rest after the old prefix (paths are ASCII, so bytes = characters)
    let keep_from = i32::try_from(old_path.len() + 1).map_err(anyhow::Error::from)?;
    let rest = |col: sea_orm::sea_query::SimpleExpr| Func::cust("SUBSTR").arg(col).arg(keep_from);
    person::Entity::update_many()
        .col_expr(
            person::Column::RegionPath,
            Expr::val(new_path).binary(
                BinOper::Custom("||"),
                rest(Expr::col(person::Column::RegionPath)),
            ),
        )
        .filter(Scope::new("", old_path).cond(person::Column::RegionPath))
        .exec(db)
        .await?;
    employer::Entity::update_many()
        .col_expr(
            employer::Column::RegionPath,
            Expr::val(new_path).binary(
                BinOper::Custom("||"),
                rest(Expr::col(employer::Column::RegionPath)),
            ),
        )
        .filter(Scope::new("", old_path).cond(employer::Column::RegionPath))
        .exec(db)
        .await?;
    Ok(())
}

/// Retires `root` on `d` in favour of `successor`: its children move under the successor, its
/// accounts are disabled.
async fn retire(
    db: &DatabaseTransaction,
    root: &region::Model,
    successor: &region::Model,
    d: NaiveDate,
) -> ApiResult<()> {
    if successor.path.starts_with(&root.path) {
        return Err(bad_field(
            "change.successor_code",
            "继任区划不能是被撤销区划或其下级",
            "the successor cannot be the retired region or below it",
        ));
    }
    if successor.level != root.level {
        return Err(bad_field(
            "change.successor_code",
            "继任区划须与被撤销区划同级",
            "the successor must be of the same level as the retired region",
        ));
    }
    if root.valid_from >= d {
        return Err(conflict(
            "生效日期须晚于该区划当前版本的起始日期",
            "the effective date must be after the start of the current version",
        ));
    }
    let kids = region::Entity::find()
        .filter(region::Column::ParentCode.eq(root.code.clone()))
        .filter(region::Column::ValidTo.is_null())
        .all(db)
        .await?;
    for k in kids {
        rewrite(db, &k, d, &k.code, &k.name, Some(successor), true, None).await?;
    }
    let mut closed: region::ActiveModel = root.clone().into();
    closed.valid_to = Set(Some(d));
    closed.successor_code = Set(Some(successor.code.clone()));
    closed.update(db).await?;
    // its persons and employers move to the successor (its children, with theirs, were moved
    // above)
    {
        use super::entities::{employer, person};
        employer::Entity::update_many()
            .col_expr(
                employer::Column::RegionCode,
                Expr::value(successor.code.clone()),
            )
            .col_expr(
                employer::Column::RegionPath,
                Expr::value(successor.path.clone()),
            )
            .filter(employer::Column::RegionCode.eq(root.code.clone()))
            .exec(db)
            .await?;
        person::Entity::update_many()
            .col_expr(
                person::Column::RegionCode,
                Expr::value(successor.code.clone()),
            )
            .col_expr(
                person::Column::RegionPath,
                Expr::value(successor.path.clone()),
            )
            .filter(person::Column::RegionCode.eq(root.code.clone()))
            .exec(db)
            .await?;
    }
    account::Entity::update_many()
        .col_expr(account::Column::Status, Expr::value("disabled"))
        .col_expr(
            account::Column::TokenVersion,
            Expr::col(account::Column::TokenVersion).add(1),
        )
        .filter(account::Column::RegionCode.eq(root.code.clone()))
        .filter(account::Column::Status.is_in(["active", "pending", "dormant"]))
        .exec(db)
        .await?;
    Ok(())
}

async fn create(
    db: &DatabaseTransaction,
    new: &NewRegion,
    parent: &region::Model,
    d: NaiveDate,
) -> ApiResult<region::Model> {
    let code = RegionCode::parse(&new.code)
        .map_err(|e| ApiError::field("change.region.code", e.rule(), &e.text().zh, &e.text().en))?;
    let lvl = code.level();
    if lvl.depth() <= level(&parent.level).depth() {
        return Err(bad_field(
            "change.region.code",
            "新区划的级别须低于上级区划",
            "the new region must be below its parent's level",
        ));
    }
    Ok(region::ActiveModel {
        code: Set(new.code.clone()),
        name: Set(new.name.clone()),
        level: Set(lvl.as_str().to_owned()),
        parent_code: Set(Some(parent.code.clone())),
        path: Set(format!("{}{}/", parent.path, new.code)),
        valid_from: Set(d),
        valid_to: Set(None),
        successor_code: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Applies a change of the tree inside the caller's transaction and records the event. Returns
/// the event and the regions that were created (they need agencies).
pub async fn apply_change(
    db: &DatabaseTransaction,
    scope: &Scope,
    req: &RegionChangeRequest,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<(RegionEvent, Vec<region::Model>)> {
    let d = req.effective_date;
    let mut created = Vec::new();
    if req.reference.trim().is_empty() || req.reference.chars().count() > 100 {
        return Err(ApiError::field(
            "reference",
            "length",
            "请填写批准文号（1-100字）",
            "the approval reference is required (1-100 characters)",
        ));
    }
    let kind = match &req.change {
        RegionChange::Create {
            region: new,
            parent_code,
        } => {
            validator::Validate::validate(new)?;
            let parent = must_current(db, scope, "change.parent_code", parent_code).await?;
            code_free(db, "change.region.code", &new.code).await?;
            created.push(create(db, new, &parent, d).await?);
            "create"
        }
        RegionChange::Rename { code, new_name } => {
            let name = new_name.trim();
            if name.is_empty() || name.chars().count() > 60 {
                return Err(ApiError::field(
                    "change.new_name",
                    "length",
                    "名称应为1-60个字",
                    "the name must be 1-60 characters",
                ));
            }
            let r = must_current(db, scope, "change.code", code).await?;
            rewrite(db, &r, d, &r.code, name, None, false, None).await?;
            "rename"
        }
        RegionChange::Reparent {
            code,
            new_parent_code,
        } => {
            let r = must_current(db, scope, "change.code", code).await?;
            let p = must_current(db, scope, "change.new_parent_code", new_parent_code).await?;
            if p.path.starts_with(&r.path) {
                return Err(bad_field(
                    "change.new_parent_code",
                    "不能移到自身或其下级之下",
                    "cannot move a region under itself",
                ));
            }
            if level(&p.level).depth() >= level(&r.level).depth() {
                return Err(bad_field(
                    "change.new_parent_code",
                    "新上级的级别须高于该区划",
                    "the new parent must be above the region's level",
                ));
            }
            rewrite(db, &r, d, &r.code, &r.name, Some(&p), true, None).await?;
            "reparent"
        }
        RegionChange::ChangeCode { code, new_code } => {
            let r = must_current(db, scope, "change.code", code).await?;
            code_free(db, "change.new_code", new_code).await?;
            let shape = RegionCode::parse(new_code)
                .map(|c| c.level().as_str())
                .unwrap_or("");
            if shape != r.level {
                return Err(bad_field(
                    "change.new_code",
                    "新代码的级别须与原代码相同",
                    "the new code must be of the same level",
                ));
            }
            rewrite(db, &r, d, new_code, &r.name, None, true, None).await?;
            rename_code_everywhere(db, code, new_code).await?;
            "change_code"
        }
        RegionChange::Merge { codes, into_code } => {
            if codes.is_empty() {
                return Err(ApiError::field(
                    "change.codes",
                    "length",
                    "请至少选择一个被合并区划",
                    "name at least one region to merge",
                ));
            }
            let into = must_current(db, scope, "change.into_code", into_code).await?;
            for c in codes {
                let r = must_current(db, scope, "change.codes", c).await?;
                retire(db, &r, &into, d).await?;
            }
            "merge"
        }
        RegionChange::Split { code, into } => {
            if into.len() < 2 {
                return Err(ApiError::field(
                    "change.into",
                    "length",
                    "拆分须至少产生两个新区划",
                    "a split creates at least two regions",
                ));
            }
            let r = must_current(db, scope, "change.code", code).await?;
            let parent_code = r.parent_code.clone().ok_or_else(|| {
                bad_field("change.code", "不能拆分根区划", "the root cannot be split")
            })?;
            let parent = must_current(db, scope, "change.code", &parent_code).await?;
            for n in into {
                validator::Validate::validate(n)?;
                code_free(db, "change.into", &n.code).await?;
                created.push(create(db, n, &parent, d).await?);
            }
            let first = created.first().cloned().ok_or_else(ApiError::not_found)?;
            retire(db, &r, &first, d).await?;
            "split"
        }
        RegionChange::Retire {
            code,
            successor_code,
        } => {
            let r = must_current(db, scope, "change.code", code).await?;
            let s = must_current(db, scope, "change.successor_code", successor_code).await?;
            retire(db, &r, &s, d).await?;
            "retire"
        }
    };
    let payload = serde_json::to_string(&req.change).map_err(anyhow::Error::from)?;
    let ev = region_event::ActiveModel {
        effective_date: Set(d),
        reference: Set(req.reference.trim().to_owned()),
        kind: Set(kind.to_owned()),
        payload: Set(payload),
        recorded_by: Set(actor.username.clone()),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::append(
        db,
        actor,
        Record::new(
            "region.change",
            "region_event",
            ev.id.to_string(),
            scope.code(),
            scope.path(),
        )
        .after(req),
        now,
    )
    .await?;
    Ok((event_dto(ev)?, created))
}

/// Follows a code change in the tables that name the region.
async fn rename_code_everywhere(db: &DatabaseTransaction, old: &str, new: &str) -> ApiResult<()> {
    use super::entities::{agency, employer, person};
    person::Entity::update_many()
        .col_expr(person::Column::RegionCode, Expr::value(new))
        .filter(person::Column::RegionCode.eq(old))
        .exec(db)
        .await?;
    employer::Entity::update_many()
        .col_expr(employer::Column::RegionCode, Expr::value(new))
        .filter(employer::Column::RegionCode.eq(old))
        .exec(db)
        .await?;
    agency::Entity::update_many()
        .col_expr(agency::Column::RegionCode, Expr::value(new))
        .filter(agency::Column::RegionCode.eq(old))
        .exec(db)
        .await?;
    account::Entity::update_many()
        .col_expr(account::Column::Username, Expr::value(new))
        .filter(account::Column::Username.eq(old))
        .filter(account::Column::Kind.eq("admin"))
        .exec(db)
        .await?;
    account::Entity::update_many()
        .col_expr(account::Column::RegionCode, Expr::value(new))
        .filter(account::Column::RegionCode.eq(old))
        .exec(db)
        .await?;
    Ok(())
}

fn event_dto(m: region_event::Model) -> ApiResult<RegionEvent> {
    Ok(RegionEvent {
        id: m.id,
        effective_date: m.effective_date,
        reference: m.reference,
        change: serde_json::from_str(&m.payload).map_err(anyhow::Error::from)?,
        recorded_by: m.recorded_by,
        recorded_at: m.recorded_at,
    })
}

/// Every recorded change, newest first.
pub async fn events(db: &impl ConnectionTrait, scope: &Scope) -> ApiResult<Vec<RegionEvent>> {
    // every change (a tree changes a few times a year), then the caller's latest 500
    let all: Vec<RegionEvent> = region_event::Entity::find()
        .order_by_desc(region_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(event_dto)
        .collect::<ApiResult<_>>()?;
    // a change is shown to those whose scope holds, at some time, a region it names
    let named: std::collections::BTreeSet<&str> =
        all.iter().flat_map(|e| e.change.codes()).collect();
    let in_scope: std::collections::HashSet<String> = region::Entity::find()
        .filter(region::Column::Code.is_in(named))
        .all(db)
        .await?
        .into_iter()
        .filter(|r| scope.contains(&r.path))
        .map(|r| r.code)
        .collect();
    Ok(all
        .into_iter()
        .filter(|e| e.change.codes().iter().any(|c| in_scope.contains(*c)))
        .take(500)
        .collect())
}

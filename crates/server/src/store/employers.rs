//! Employers (用人单位): registered by credit code, searched by code or name. Employers carry no
//! personal data, so every person reader may search all of the province's; registering one takes
//! a region inside the caller's scope.

use super::Scope;
use super::entities::{employer, person};
use crate::audit::{self, Actor, Record};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::ErrorCode;
use domain::ids::CreditCode;
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::employers::{Employer, EmployerCreate, EmployerPage, EmployerQuery};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

fn to_dto(m: employer::Model, region_name: &str) -> Employer {
    Employer {
        id: m.id,
        credit_code: m.credit_code,
        name: m.name,
        economic_type: m.economic_type,
        industry: m.industry,
        region_code: m.region_code,
        region_name: region_name.to_owned(),
        created_at: m.created_at,
    }
}

async fn by_code(db: &impl ConnectionTrait, code: &str) -> ApiResult<Option<employer::Model>> {
    Ok(employer::Entity::find()
        .filter(employer::Column::CreditCode.eq(code))
        .one(db)
        .await?)
}

async fn insert(
    db: &DatabaseTransaction,
    actor: &Actor,
    m: employer::ActiveModel,
    now: DateTime<Utc>,
) -> ApiResult<employer::Model> {
    let m = m.insert(db).await?;
    audit::append(
        db,
        actor,
        Record::new(
            "employer.create",
            "employer",
            m.credit_code.clone(),
            &m.region_code,
            &m.region_path,
        )
        .after(to_dto(m.clone(), "")),
        now,
    )
    .await?;
    Ok(m)
}

/// Registers an employer in a region of the caller's scope; a code registered already is 409.
pub async fn create(
    db: &DatabaseTransaction,
    scope: &Scope,
    actor: &Actor,
    req: &EmployerCreate,
    now: DateTime<Utc>,
) -> ApiResult<Employer> {
    let code = CreditCode::parse(&req.credit_code)
        .map_err(|e| ApiError::field("credit_code", e.rule(), &e.text().zh, &e.text().en))?;
    let errors = super::dictionaries::check_codes(
        db,
        &[(
            "industry",
            DictionaryKind::Industry,
            req.industry.as_deref(),
        )],
    )
    .await?;
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let reg = match super::regions::current(db, &req.region).await? {
        Some(r) if scope.contains(&r.path) => r,
        _ => {
            return Err(ApiError::field(
                "region",
                "region",
                &format!("区划{}不存在或不在管辖范围内", req.region),
                &format!(
                    "region {} does not exist or is outside your scope",
                    req.region
                ),
            ));
        }
    };
    if by_code(db, code.as_str()).await?.is_some() {
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            "该统一社会信用代码的用人单位已登记",
            "an employer with this credit code is registered already",
        ));
    }
    let clean = super::employment::clean;
    let m = insert(
        db,
        actor,
        employer::ActiveModel {
            credit_code: Set(code.as_str().to_owned()),
            name: Set(req.name.trim().to_owned()),
            economic_type: Set(clean(&req.economic_type)),
            industry: Set(clean(&req.industry)),
            region_code: Set(reg.code.clone()),
            region_path: Set(reg.path.clone()),
            created_at: Set(now),
            created_by: Set(actor.username.clone()),
            ..Default::default()
        },
        now,
    )
    .await?;
    Ok(to_dto(m, &reg.name))
}

/// The employer of an employment entry: the registered one with this code, or, when the entry
/// names it, one registered now in the person's region. An unknown code without a name is 422.
pub async fn resolve(
    db: &DatabaseTransaction,
    actor: &Actor,
    code: &CreditCode,
    name: Option<String>,
    p: &person::Model,
    now: DateTime<Utc>,
) -> ApiResult<employer::Model> {
    if let Some(m) = by_code(db, code.as_str()).await? {
        return Ok(m);
    }
    let Some(name) = name else {
        return Err(ApiError::field(
            "employer_credit_code",
            "unknown_employer",
            "该统一社会信用代码尚未登记用人单位，请同时填写单位名称",
            "no employer is registered with this credit code: give its name too",
        ));
    };
    insert(
        db,
        actor,
        employer::ActiveModel {
            credit_code: Set(code.as_str().to_owned()),
            name: Set(name),
            economic_type: Set(None),
            industry: Set(None),
            region_code: Set(p.region_code.clone()),
            region_path: Set(p.region_path.clone()),
            created_at: Set(now),
            created_by: Set(actor.username.clone()),
            ..Default::default()
        },
        now,
    )
    .await
}

/// One employer by credit code.
pub async fn get(db: &impl ConnectionTrait, code: &str) -> ApiResult<Employer> {
    let m = by_code(db, &code.to_ascii_uppercase())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let name = super::regions::latest(db, &m.region_code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    Ok(to_dto(m, &name))
}

/// Employers whose credit code starts with `q` or whose name contains it, in id order.
pub async fn search(db: &impl ConnectionTrait, q: &EmployerQuery) -> ApiResult<EmployerPage> {
    let mut cond = Condition::all();
    if let Some(t) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        cond = cond.add(
            Condition::any()
                .add(employer::Column::CreditCode.starts_with(t.to_ascii_uppercase()))
                .add(employer::Column::Name.contains(t)),
        );
    }
    if let Some(after) = q.after {
        cond = cond.add(employer::Column::Id.gt(after));
    }
    let limit = u64::from(q.limit.unwrap_or(20).clamp(1, 100));
    let mut rows = employer::Entity::find()
        .filter(cond)
        .order_by_asc(employer::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let regions =
        super::regions::latest_many(db, rows.iter().map(|r| r.region_code.clone()).collect())
            .await?;
    Ok(EmployerPage {
        items: rows
            .into_iter()
            .map(|r| {
                let name = regions
                    .get(&r.region_code)
                    .map(|g| g.name.clone())
                    .unwrap_or_default();
                to_dto(r, &name)
            })
            .collect(),
        next,
    })
}

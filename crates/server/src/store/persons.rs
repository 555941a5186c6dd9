//! Persons: create, read, update (optimistic concurrency) and list (keyset paging) inside the
//! caller's scope. Identifiers leave masked.

use super::Scope;
use super::entities::{person, region};
use crate::audit::{self, Actor, Record};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::ids::{CertificateNo, mask, mask_address};
use domain::v1::persons::{
    Person, PersonCreate, PersonPage, PersonQuery, PersonStatus, PersonUpdate,
};
use domain::{DisabilityLevel, DisabilityType, ErrorCode, Gender, HouseholdType};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

fn to_dto(m: &person::Model, region_name: &str) -> Person {
    Person {
        id: m.id,
        certificate_no: mask(&m.certificate_no),
        name: m.name.clone(),
        gender: Gender::parse(&m.gender).unwrap_or(Gender::Male),
        birth_date: m.birth_date,
        disability_type: DisabilityType::parse(&m.disability_type)
            .unwrap_or(DisabilityType::Multiple),
        disability_level: DisabilityLevel::parse(&m.disability_level)
            .unwrap_or(DisabilityLevel::Four),
        region_code: m.region_code.clone(),
        region_name: region_name.to_owned(),
        household_type: HouseholdType::parse(&m.household_type).unwrap_or(HouseholdType::Urban),
        phone: if m.phone.is_empty() {
            String::new()
        } else {
            mask(&m.phone)
        },
        address: mask_address(&m.address),
        education: m.education.clone(),
        poverty: m.poverty,
        status: PersonStatus::parse(&m.status).unwrap_or(PersonStatus::Active),
        employment_state: m
            .current_state
            .as_deref()
            .and_then(domain::v1::employment::EmploymentState::parse),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// The region a person is put in: current, inside the scope, county level or below.
async fn home_region(
    db: &impl ConnectionTrait,
    scope: &Scope,
    code: &str,
) -> ApiResult<region::Model> {
    match super::regions::current(db, code).await? {
        Some(r) if scope.contains(&r.path) && !matches!(r.level.as_str(), "province" | "city") => {
            Ok(r)
        }
        _ => Err(ApiError::field(
            "region",
            "region",
            &format!("区划{code}不存在、不在管辖范围内或不是县级以下区划"),
            &format!(
                "region {code} does not exist, is outside your scope or is above county level"
            ),
        )),
    }
}

/// A person in the scope; 404 otherwise.
pub(crate) async fn visible(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> ApiResult<person::Model> {
    person::Entity::find_by_id(id)
        .filter(scope.cond(person::Column::RegionPath))
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)
}

async fn region_name(db: &impl ConnectionTrait, code: &str) -> ApiResult<String> {
    Ok(super::regions::latest(db, code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default())
}

/// Creates a person. A certificate number already registered anywhere answers 409 naming the
/// region that holds it, and nothing personal.
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &Scope,
    actor: &Actor,
    req: &PersonCreate,
    now: DateTime<Utc>,
) -> ApiResult<Person> {
    let cert = CertificateNo::parse(&req.certificate_no)
        .map_err(|e| ApiError::field("certificate_no", e.rule(), &e.text().zh, &e.text().en))?;
    let reg = home_region(db, scope, &req.region).await?;
    if let Some(other) = person::Entity::find()
        .filter(person::Column::CertificateNo.eq(cert.as_str()))
        .one(db)
        .await?
    {
        let holder = region_name(db, &other.region_code).await?;
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            format!("该残疾人证号已在{holder}（{}）登记", other.region_code),
            format!(
                "this certificate number is already registered in {holder} ({})",
                other.region_code
            ),
        ));
    }
    let id = cert.id_number();
    let m = person::ActiveModel {
        certificate_no: Set(cert.as_str().to_owned()),
        name: Set(req.name.trim().to_owned()),
        gender: Set(id.gender().as_str().to_owned()),
        birth_date: Set(id.birth_date()),
        disability_type: Set(cert.disability_type().as_str().to_owned()),
        disability_level: Set(cert.disability_level().as_str().to_owned()),
        region_code: Set(reg.code.clone()),
        region_path: Set(reg.path.clone()),
        household_type: Set(req.household_type.as_str().to_owned()),
        phone: Set(req.phone.clone().unwrap_or_default()),
        address: Set(req.address.clone().unwrap_or_default()),
        education: Set(req.education.clone().unwrap_or_default()),
        poverty: Set(req.poverty),
        status: Set(PersonStatus::Active.as_str().to_owned()),
        version: Set(1),
        created_at: Set(now),
        created_by: Set(actor.username.clone()),
        updated_at: Set(now),
        updated_by: Set(actor.username.clone()),
        first_record_date: Set(None),
        current_state: Set(None),
        current_employer: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let dto = to_dto(&m, &reg.name);
    audit::append(
        db,
        actor,
        Record::new(
            "person.create",
            "person",
            m.id.to_string(),
            &reg.code,
            &reg.path,
        )
        .after(&dto),
        now,
    )
    .await?;
    Ok(dto)
}

/// A person in the scope.
pub async fn get(db: &impl ConnectionTrait, scope: &Scope, id: i64) -> ApiResult<Person> {
    let m = visible(db, scope, id).await?;
    Ok(to_dto(&m, &region_name(db, &m.region_code).await?))
}

/// Updates a person if `version` (from the body or `If-Match`) is the current one.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &PersonUpdate,
    version: i32,
    now: DateTime<Utc>,
) -> ApiResult<Person> {
    let old = visible(db, scope, id).await?;
    if old.version != version {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let reg = home_region(db, scope, &req.region).await?;
    let before = to_dto(&old, &region_name(db, &old.region_code).await?);
    let mut am = old.clone().into_active_model();
    am.name = Set(req.name.trim().to_owned());
    am.region_code = Set(reg.code.clone());
    am.region_path = Set(reg.path.clone());
    am.household_type = Set(req.household_type.as_str().to_owned());
    am.phone = Set(req.phone.clone().unwrap_or_default());
    am.address = Set(req.address.clone().unwrap_or_default());
    am.education = Set(req.education.clone().unwrap_or_default());
    am.poverty = Set(req.poverty);
    am.version = Set(old.version + 1);
    am.updated_at = Set(now);
    am.updated_by = Set(actor.username.clone());
    // the version in the WHERE clause holds the check against a concurrent writer
    let res = person::Entity::update_many()
        .set(am)
        .filter(person::Column::Id.eq(id))
        .filter(person::Column::Version.eq(version))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let m = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let after = to_dto(&m, &reg.name);
    audit::append(
        db,
        actor,
        Record::new(
            "person.update",
            "person",
            id.to_string(),
            &reg.code,
            &reg.path,
        )
        .before(&before)
        .after(&after),
        now,
    )
    .await?;
    Ok(after)
}

/// A page of persons in the scope, in id order after the cursor.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    q: &PersonQuery,
) -> ApiResult<PersonPage> {
    let mut cond = Condition::all().add(scope.cond(person::Column::RegionPath));
    if let Some(code) = q.region.as_deref().filter(|c| !c.is_empty()) {
        // a sub-scope; outside the caller's scope it simply matches nothing
        let sub = super::regions::scope_of(db, code)
            .await?
            .filter(|s| scope.contains(s.path()));
        match sub {
            Some(s) => cond = cond.add(s.cond(person::Column::RegionPath)),
            None => {
                return Ok(PersonPage {
                    items: Vec::new(),
                    total: 0,
                    next: None,
                });
            }
        }
    }
    if let Some(n) = q.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        cond = cond.add(person::Column::Name.starts_with(n));
    }
    if let Some(c) = q
        .certificate_no
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        cond = cond.add(person::Column::CertificateNo.eq(c.to_ascii_uppercase()));
    }
    if let Some(t) = q.disability_type {
        cond = cond.add(person::Column::DisabilityType.eq(t.as_str()));
    }
    if let Some(l) = q.disability_level {
        cond = cond.add(person::Column::DisabilityLevel.eq(l.as_str()));
    }
    if let Some(g) = q.gender {
        cond = cond.add(person::Column::Gender.eq(g.as_str()));
    }
    if let Some(h) = q.household_type {
        cond = cond.add(person::Column::HouseholdType.eq(h.as_str()));
    }
    if let Some(p) = q.poverty {
        cond = cond.add(person::Column::Poverty.eq(p));
    }
    if let Some(s) = q.status {
        cond = cond.add(person::Column::Status.eq(s.as_str()));
    }
    let total = person::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?;
    let limit = u64::from(q.limit.unwrap_or(50).clamp(1, 200));
    let mut page = person::Entity::find().filter(cond);
    if let Some(after) = q.after {
        page = page.filter(person::Column::Id.gt(after));
    }
    let mut rows = page
        .order_by_asc(person::Column::Id)
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
    Ok(PersonPage {
        items: rows
            .iter()
            .map(|r| {
                to_dto(
                    r,
                    regions
                        .get(&r.region_code)
                        .map(|g| g.name.as_str())
                        .unwrap_or(""),
                )
            })
            .collect(),
        total,
        next,
    })
}

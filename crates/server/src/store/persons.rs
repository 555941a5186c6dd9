//! Persons: create, read, update (optimistic concurrency) and list (keyset paging) inside the
//! caller's scope. Identifiers leave masked.

use super::Scope;
use super::entities::{person, person_event, region};
use crate::audit::{self, Actor, Record};
use crate::clock::today_cst;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use chrono::{NaiveDate, SecondsFormat};
use domain::ids::{CertificateNo, mask, mask_address};
use domain::rules::dates::latest_birth_for_age;
use domain::v1::persons::{
    COUNT_CAP, Person, PersonCreate, PersonPage, PersonQuery, PersonSort, PersonStatus,
    PersonStatusChange, PersonUpdate, StateFilter, UnmaskedPerson, check_status,
};
use domain::{DisabilityLevel, DisabilityType, ErrorCode, Gender, HouseholdType};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};

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
        status_date: m.status_date,
        moved_to: m.moved_to.clone(),
        employment_state: m
            .current_state
            .as_deref()
            .and_then(domain::v1::employment::EmploymentState::parse),
        graduate_year: m.graduate_year,
        late_records: u32::try_from(m.late_records).unwrap_or(0),
        completeness: u8::try_from(m.completeness).unwrap_or(0),
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
        status_date: Set(None),
        moved_to: Set(None),
        graduate_year: Set(None),
        late_records: Set(0),
        completeness: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let m = super::facts::refresh(db, m.id).await?;
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

/// A person in the scope as a full update (unmasked, no version): the base a `PATCH` merges into.
pub async fn stored(db: &impl ConnectionTrait, scope: &Scope, id: i64) -> ApiResult<PersonUpdate> {
    let m = visible(db, scope, id).await?;
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Ok(PersonUpdate {
        name: m.name,
        region: m.region_code,
        household_type: HouseholdType::parse(&m.household_type).unwrap_or(HouseholdType::Urban),
        phone: opt(&m.phone),
        address: opt(&m.address),
        education: opt(&m.education),
        poverty: m.poverty,
        version: None,
    })
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
    let m = super::facts::refresh(db, id).await?;
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

fn bad_cursor() -> ApiError {
    ApiError::field(
        "after",
        "cursor",
        "分页游标无效，请从第一页重新开始",
        "invalid cursor: start again from the first page",
    )
}

/// Where a page starts: the sort key and id of the last row of the previous page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Cursor(String, i64);

impl Cursor {
    fn of(sort: PersonSort, m: &person::Model) -> String {
        let key = match sort {
            PersonSort::Id => String::new(),
            PersonSort::Name => m.name.clone(),
            PersonSort::Code => m.certificate_no.clone(),
            PersonSort::Updated => m.updated_at.to_rfc3339_opts(SecondsFormat::Nanos, true),
        };
        hex::encode(serde_json::to_vec(&Cursor(key, m.id)).unwrap_or_default())
    }

    fn parse(s: &str) -> ApiResult<Self> {
        hex::decode(s)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(bad_cursor)
    }

    /// Rows after this one in the order of `sort`.
    fn cond(&self, sort: PersonSort) -> ApiResult<Condition> {
        let Cursor(key, id) = self;
        let after = |col: person::Column, v: sea_orm::Value| {
            Condition::any().add(col.gt(v.clone())).add(
                Condition::all()
                    .add(col.eq(v))
                    .add(person::Column::Id.gt(*id)),
            )
        };
        Ok(match sort {
            PersonSort::Id => Condition::all().add(person::Column::Id.gt(*id)),
            PersonSort::Name => after(person::Column::Name, key.clone().into()),
            PersonSort::Code => Condition::all().add(person::Column::CertificateNo.gt(key.clone())),
            PersonSort::Updated => {
                let t = DateTime::parse_from_rfc3339(key)
                    .map_err(|_| bad_cursor())?
                    .with_timezone(&Utc);
                Condition::any().add(person::Column::UpdatedAt.lt(t)).add(
                    Condition::all()
                        .add(person::Column::UpdatedAt.eq(t))
                        .add(person::Column::Id.lt(*id)),
                )
            }
        })
    }
}

/// The filter of a list query, inside the scope; `None` when it can match nothing.
async fn filter(
    db: &impl ConnectionTrait,
    scope: &Scope,
    q: &PersonQuery,
    today: NaiveDate,
) -> ApiResult<Option<Condition>> {
    let mut cond = Condition::all().add(scope.cond(person::Column::RegionPath));
    if let Some(code) = q.region.as_deref().filter(|c| !c.is_empty()) {
        // a sub-scope; outside the caller's scope it simply matches nothing
        let sub = super::regions::scope_of(db, code)
            .await?
            .filter(|s| scope.contains(s.path()));
        match sub {
            Some(s) => cond = cond.add(s.cond(person::Column::RegionPath)),
            None => return Ok(None),
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
    // an age band on a date is a birth-date range
    let on = q.age_on.unwrap_or(today);
    if let Some(min) = q.age_min {
        match latest_birth_for_age(on, min) {
            Some(b) => cond = cond.add(person::Column::BirthDate.lte(b)),
            None => return Ok(None),
        }
    }
    if let Some(b) = q.age_max.and_then(|max| latest_birth_for_age(on, max + 1)) {
        cond = cond.add(person::Column::BirthDate.gt(b));
    }
    match q.employment_state {
        Some(StateFilter::Employed) => cond = cond.add(person::Column::CurrentState.eq("employed")),
        Some(StateFilter::Unemployed) => {
            cond = cond.add(person::Column::CurrentState.eq("unemployed"));
        }
        Some(StateFilter::None) => cond = cond.add(person::Column::CurrentState.is_null()),
        None => {}
    }
    if let Some(g) = q.graduate {
        cond = cond.add(if g {
            person::Column::GraduateYear.is_not_null()
        } else {
            person::Column::GraduateYear.is_null()
        });
    }
    if let Some(l) = q.late {
        cond = cond.add(if l {
            person::Column::LateRecords.gt(0)
        } else {
            person::Column::LateRecords.eq(0)
        });
    }
    if let Some(i) = q.incomplete {
        cond = cond.add(if i {
            person::Column::Completeness.lt(100)
        } else {
            person::Column::Completeness.eq(100)
        });
    }
    Ok(Some(cond))
}

/// A page of persons in the scope, in the order asked for, after the cursor. The total is
/// counted on the first page (and on request): deep pages stay an index range scan.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    q: &PersonQuery,
    today: NaiveDate,
) -> ApiResult<PersonPage> {
    let sort = q.sort.unwrap_or(PersonSort::Id);
    let cursor = q
        .after
        .as_deref()
        .filter(|a| !a.is_empty())
        .map(Cursor::parse)
        .transpose()?;
    let Some(cond) = filter(db, scope, q, today).await? else {
        return Ok(PersonPage {
            items: Vec::new(),
            total: Some(0),
            total_exact: true,
            next: None,
        });
    };
    let exact = q.count == Some(true);
    let total = if exact {
        Some(
            person::Entity::find()
                .filter(cond.clone())
                .count(db)
                .await?,
        )
    } else if cursor.is_none() {
        // count the first COUNT_CAP + 1 matches only
        let capped = person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .filter(cond.clone())
            .limit(COUNT_CAP + 1)
            .into_query();
        let count = sea_orm::sea_query::Query::select()
            .expr_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "n")
            .from_subquery(capped, "m")
            .to_owned();
        let row = db
            .query_one_raw(db.get_database_backend().build(&count))
            .await?;
        Some(
            u64::try_from(
                row.and_then(|r| r.try_get::<i64>("", "n").ok())
                    .unwrap_or(0),
            )
            .unwrap_or(0),
        )
    } else {
        None
    };
    let total_exact = exact || total.is_none_or(|t| t <= COUNT_CAP);
    let total = if exact {
        total
    } else {
        total.map(|t| t.min(COUNT_CAP))
    };
    let limit = u64::from(q.limit.unwrap_or(50).clamp(1, 200));
    let mut page = person::Entity::find().filter(cond);
    if let Some(c) = &cursor {
        page = page.filter(c.cond(sort)?);
    }
    page = match sort {
        PersonSort::Id => page.order_by_asc(person::Column::Id),
        PersonSort::Name => page
            .order_by_asc(person::Column::Name)
            .order_by_asc(person::Column::Id),
        PersonSort::Code => page.order_by_asc(person::Column::CertificateNo),
        PersonSort::Updated => page
            .order_by_desc(person::Column::UpdatedAt)
            .order_by_desc(person::Column::Id),
    };
    let mut rows = page.limit(limit + 1).all(db).await?;
    let next = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| Cursor::of(sort, r))
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
        total_exact,
        next,
    })
}

/// Changes a person's status if `version` is current: deceased; moved out of the province; moved
/// to a county of the province, which hands the person over (still active, now in the
/// destination's scope and no longer in the caller's); or back to active (a correction).
#[allow(clippy::too_many_arguments)]
pub async fn change_status(
    db: &impl ConnectionTrait,
    scope: &Scope,
    province: &Scope,
    actor: &Actor,
    id: i64,
    req: &PersonStatusChange,
    version: i32,
    now: DateTime<Utc>,
) -> ApiResult<Person> {
    let old = visible(db, scope, id).await?;
    if old.version != version {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let errors = check_status(req, old.birth_date, today_cst(now));
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let before = to_dto(&old, &region_name(db, &old.region_code).await?);
    let mut am = old.clone().into_active_model();
    let mut to_region = None;
    match req.status {
        PersonStatus::MovedOut => {
            let dest = req
                .destination
                .as_deref()
                .map(str::trim)
                .unwrap_or_default();
            let reg = super::regions::current(db, dest).await?;
            match reg {
                Some(r) if province.contains(&r.path) => {
                    if matches!(r.level.as_str(), "province" | "city") {
                        return Err(ApiError::field(
                            "destination",
                            "region_level",
                            "省内迁移须填写县（区）或以下区划",
                            "a move inside the province needs a county or a region below it",
                        ));
                    }
                    if r.code == old.region_code {
                        return Err(ApiError::field(
                            "destination",
                            "same_region",
                            "迁入地与现居住地相同",
                            "the destination is the region the person lives in",
                        ));
                    }
                    // handed over: active in the destination
                    am.region_code = Set(r.code.clone());
                    am.region_path = Set(r.path.clone());
                    am.status = Set(PersonStatus::Active.as_str().to_owned());
                    am.status_date = Set(None);
                    am.moved_to = Set(None);
                }
                known if known.is_some() || domain::ids::is_known_address_code(dest) => {
                    am.status = Set(PersonStatus::MovedOut.as_str().to_owned());
                    am.status_date = Set(Some(req.date));
                    am.moved_to = Set(Some(dest.to_owned()));
                }
                _ => {
                    return Err(ApiError::field(
                        "destination",
                        "region",
                        &format!("区划代码{dest}不存在"),
                        &format!("there is no region {dest}"),
                    ));
                }
            }
            to_region = Some(dest.to_owned());
        }
        PersonStatus::Deceased | PersonStatus::Active => {
            if old.status == req.status.as_str() {
                return Err(ApiError::field(
                    "status",
                    "unchanged",
                    "状态未改变",
                    "the person has this status already",
                ));
            }
            am.status = Set(req.status.as_str().to_owned());
            am.status_date = Set((req.status == PersonStatus::Deceased).then_some(req.date));
            am.moved_to = Set(None);
        }
    }
    am.version = Set(old.version + 1);
    am.updated_at = Set(now);
    am.updated_by = Set(actor.username.clone());
    let res = person::Entity::update_many()
        .set(am)
        .filter(person::Column::Id.eq(id))
        .filter(person::Column::Version.eq(version))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let event = person_event::ActiveModel {
        person_id: Set(id),
        status: Set(req.status.as_str().to_owned()),
        date: Set(req.date),
        from_region: Set(old.region_code.clone()),
        to_region: Set(to_region),
        note: Set(super::employment::clean(&req.note)),
        recorded_at: Set(now),
        recorded_by: Set(actor.username.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let m = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let after = to_dto(&m, &region_name(db, &m.region_code).await?);
    audit::append(
        db,
        actor,
        Record::new(
            "person.status",
            "person",
            id.to_string(),
            &old.region_code,
            &old.region_path,
        )
        .before(&before)
        .after(super::records::status_dto(event)),
        now,
    )
    .await?;
    Ok(after)
}

/// A person's identifiers in full, for a stated purpose; the view is audited with the purpose.
pub async fn unmask(
    db: &impl ConnectionTrait,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    purpose: &str,
    now: DateTime<Utc>,
) -> ApiResult<UnmaskedPerson> {
    let m = visible(db, scope, id).await?;
    audit::append(
        db,
        actor,
        Record::new(
            "person.unmask",
            "person",
            id.to_string(),
            &m.region_code,
            &m.region_path,
        )
        .after(serde_json::json!({ "purpose": purpose.trim() })),
        now,
    )
    .await?;
    Ok(UnmaskedPerson {
        id: m.id,
        certificate_no: m.certificate_no,
        phone: m.phone,
        address: m.address,
    })
}

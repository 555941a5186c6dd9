//! Persons: create, read, update (optimistic concurrency) and list (keyset paging) inside the
//! caller's scope. Identifiers leave masked.

use super::Scope;
use super::entities::{person, person_event, region, server_secret};
use crate::audit::{self, Actor, Record};
use crate::clock::today_cst;
use crate::cursor::CursorKey;
use crate::error::{ApiError, ApiResult};
use crate::vault::{Identifiers, Keyring, Sealed};
use chrono::Datelike;
use chrono::{DateTime, Utc};
use chrono::{NaiveDate, SecondsFormat};
use domain::ids::{CertificateNo, mask, mask_address};
use domain::rules::dates::{age_on, latest_birth_for_age};
use domain::v1::persons::{
    COUNT_CAP, Person, PersonCreate, PersonPage, PersonQuery, PersonSort, PersonStatus,
    PersonStatusChange, PersonUpdate, StateFilter, UnmaskedPerson, check_status,
};
use domain::{DisabilityLevel, DisabilityType, ErrorCode, Gender, HouseholdType};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};

/// How much of a person the caller sees: identifiers are always masked; the birth date (half
/// of the ID number) only with the right to see full identifiers, else its year and the age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// Today in China Standard Time (for the age).
    pub today: NaiveDate,
    /// Whether the full birth date is shown.
    pub birth_date: bool,
}

impl View {
    /// What the audit log is given (its personal fields are stored as keyed hashes).
    pub fn audit(now: DateTime<Utc>) -> Self {
        Self {
            today: today_cst(now),
            birth_date: true,
        }
    }
}

/// A person's identifiers as stored.
pub(crate) fn sealed(m: &person::Model) -> Sealed {
    Sealed {
        key: m.data_key.clone().unwrap_or_default(),
        index: m.certificate_index.clone(),
        mask: m.certificate_mask.clone(),
        certificate_no: m.certificate_sealed.clone(),
        phone: m.phone_sealed.clone(),
        address: m.address_sealed.clone(),
    }
}

/// A person's identifiers in clear: a fault (500, logged without values) if they do not open.
pub fn open(ring: &Keyring, m: &person::Model) -> ApiResult<Identifiers> {
    Ok(ring.open(&sealed(m))?)
}

fn to_dto(ring: &Keyring, m: &person::Model, region_name: &str, view: View) -> ApiResult<Person> {
    let (phone, address) = ring.open_contact(&sealed(m))?;
    Ok(Person {
        id: m.id,
        certificate_no: m.certificate_mask.clone(),
        name: m.name.clone(),
        gender: Gender::parse(&m.gender).unwrap_or(Gender::Male),
        birth_date: view.birth_date.then_some(m.birth_date),
        birth_year: m.birth_date.year(),
        age: age_on(m.birth_date, view.today).unwrap_or(0),
        disability_type: DisabilityType::parse(&m.disability_type)
            .unwrap_or(DisabilityType::Multiple),
        disability_level: DisabilityLevel::parse(&m.disability_level)
            .unwrap_or(DisabilityLevel::Four),
        region_code: m.region_code.clone(),
        region_name: region_name.to_owned(),
        household_type: HouseholdType::parse(&m.household_type).unwrap_or(HouseholdType::Urban),
        phone: if phone.is_empty() {
            String::new()
        } else {
            mask(&phone)
        },
        address: mask_address(&address),
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
    })
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

/// A person in the scope with its row locked for the rest of the transaction (`FOR UPDATE` on
/// PostgreSQL; SQLite has one writer): every write that refreshes the person's facts starts
/// here, so two concurrent writes for one person derive them one after the other.
pub(crate) async fn lock(
    db: &DatabaseTransaction,
    scope: &Scope,
    id: i64,
) -> ApiResult<person::Model> {
    person::Entity::find_by_id(id)
        .filter(scope.cond(person::Column::RegionPath))
        .lock_exclusive()
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

/// Creates a person. A certificate number already registered answers 409: naming the region
/// that holds it when that region lies in the caller's scope, and otherwise only that it is
/// registered elsewhere in the province (where, would tell a stranger that this person is
/// disabled and where they live).
#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &DatabaseTransaction,
    ring: &Keyring,
    scope: &Scope,
    actor: &Actor,
    req: &PersonCreate,
    view: View,
    now: DateTime<Utc>,
) -> ApiResult<Person> {
    let cert = CertificateNo::parse(&req.certificate_no)
        .map_err(|e| ApiError::field("certificate_no", e.rule(), &e.text().zh, &e.text().en))?;
    let reg = home_region(db, scope, &req.region).await?;
    if let Some(other) = person::Entity::find()
        .filter(person::Column::CertificateIndex.is_in(ring.indexes(cert.as_str())))
        .one(db)
        .await?
    {
        if !scope.contains(&other.region_path) {
            return Err(ApiError::msg(
                ErrorCode::Conflict,
                "该残疾人证号已在其他地区登记。如需转入，请联系省级残联就业服务指导中心核实",
                "this certificate number is registered in another region: to take the person over, contact the province's employment service centre",
            ));
        }
        let holder = region_name(db, &other.region_code).await?;
        return Err(ApiError::msg(
            ErrorCode::Conflict,
            format!(
                "该残疾人证号已在{holder}（{}）登记（人员编号 {}）",
                other.region_code, other.id
            ),
            format!(
                "this certificate number is already registered in {holder} ({}), person {}",
                other.region_code, other.id
            ),
        ));
    }
    let id = cert.id_number();
    let sealed = ring.seal(&Identifiers {
        certificate_no: cert.as_str().to_owned(),
        phone: req.phone.clone().unwrap_or_default(),
        address: req.address.clone().unwrap_or_default(),
    })?;
    let m = person::ActiveModel {
        certificate_index: Set(sealed.index),
        certificate_sealed: Set(sealed.certificate_no),
        certificate_mask: Set(sealed.mask),
        data_key: Set(Some(sealed.key)),
        name: Set(req.name.trim().to_owned()),
        gender: Set(id.gender().as_str().to_owned()),
        birth_date: Set(id.birth_date()),
        disability_type: Set(cert.disability_type().as_str().to_owned()),
        disability_level: Set(cert.disability_level().as_str().to_owned()),
        region_code: Set(reg.code.clone()),
        region_path: Set(reg.path.clone()),
        household_type: Set(req.household_type.as_str().to_owned()),
        phone_sealed: Set(sealed.phone),
        address_sealed: Set(sealed.address),
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
        .after(to_dto(ring, &m, &reg.name, View::audit(now))?),
        now,
    )
    .await?;
    to_dto(ring, &m, &reg.name, view)
}

/// A person in the scope.
pub async fn get(
    db: &impl ConnectionTrait,
    ring: &Keyring,
    scope: &Scope,
    id: i64,
    view: View,
) -> ApiResult<Person> {
    let m = visible(db, scope, id).await?;
    to_dto(ring, &m, &region_name(db, &m.region_code).await?, view)
}

/// A person in the scope as a full update (unmasked, no version): the base a `PATCH` merges into.
pub async fn stored(
    db: &impl ConnectionTrait,
    ring: &Keyring,
    scope: &Scope,
    id: i64,
) -> ApiResult<PersonUpdate> {
    let m = visible(db, scope, id).await?;
    let (phone, address) = ring.open_contact(&sealed(&m))?;
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Ok(PersonUpdate {
        name: m.name,
        region: m.region_code,
        household_type: HouseholdType::parse(&m.household_type).unwrap_or(HouseholdType::Urban),
        phone: opt(&phone),
        address: opt(&address),
        education: opt(&m.education),
        poverty: m.poverty,
        version: None,
    })
}

/// Updates a person if `version` (from the body or `If-Match`) is the current one.
#[allow(clippy::too_many_arguments)]
pub async fn update(
    db: &DatabaseTransaction,
    ring: &Keyring,
    scope: &Scope,
    actor: &Actor,
    id: i64,
    req: &PersonUpdate,
    version: i32,
    view: View,
    now: DateTime<Utc>,
) -> ApiResult<Person> {
    let old = lock(db, scope, id).await?;
    if old.version != version {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let reg = home_region(db, scope, &req.region).await?;
    let before = to_dto(
        ring,
        &old,
        &region_name(db, &old.region_code).await?,
        View::audit(now),
    )?;
    // sealed anew under the current key, the certificate number with them
    let sealed = ring.seal(&Identifiers {
        certificate_no: open(ring, &old)?.certificate_no,
        phone: req.phone.clone().unwrap_or_default(),
        address: req.address.clone().unwrap_or_default(),
    })?;
    let mut am = old.clone().into_active_model();
    am.name = Set(req.name.trim().to_owned());
    am.region_code = Set(reg.code.clone());
    am.region_path = Set(reg.path.clone());
    am.household_type = Set(req.household_type.as_str().to_owned());
    am.certificate_index = Set(sealed.index);
    am.certificate_sealed = Set(sealed.certificate_no);
    am.certificate_mask = Set(sealed.mask);
    am.phone_sealed = Set(sealed.phone);
    am.address_sealed = Set(sealed.address);
    am.data_key = Set(Some(sealed.key));
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
    let after = to_dto(ring, &m, &reg.name, View::audit(now))?;
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
    to_dto(ring, &m, &reg.name, view)
}

fn bad_cursor() -> ApiError {
    ApiError::malformed(
        "after",
        "cursor",
        "分页游标无效，请从第一页重新开始",
        "invalid cursor: start again from the first page",
    )
}

/// Where a page starts: the sort (a cursor of one order does not continue another), the sort
/// key and the id of the last row of the previous page. It leaves sealed
/// ([`crate::cursor::CursorKey`]): the client sees random bytes, never a name or a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Cursor(String, String, i64);

const CURSOR_PURPOSE: &str = "persons";

impl Cursor {
    fn of(sort: PersonSort, m: &person::Model, key: &CursorKey) -> String {
        let k = match sort {
            PersonSort::Id => String::new(),
            PersonSort::Name => m.name.clone(),
            PersonSort::Code => m.certificate_mask.clone(),
            PersonSort::Updated => m.updated_at.to_rfc3339_opts(SecondsFormat::Nanos, true),
        };
        let plain =
            serde_json::to_vec(&Cursor(sort.as_str().to_owned(), k, m.id)).unwrap_or_default();
        key.seal(CURSOR_PURPOSE, &plain)
    }

    fn parse(s: &str, sort: PersonSort, key: &CursorKey) -> ApiResult<Self> {
        key.open(CURSOR_PURPOSE, s)
            .and_then(|b| serde_json::from_slice::<Cursor>(&b).ok())
            .filter(|c| c.0 == sort.as_str())
            .ok_or_else(bad_cursor)
    }

    /// Rows after this one in the order of `sort`.
    fn cond(&self, sort: PersonSort) -> ApiResult<Condition> {
        let Cursor(_, key, id) = self;
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
            PersonSort::Code => after(person::Column::CertificateMask, key.clone().into()),
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
    ring: &Keyring,
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
        // the blind index under every key (rows not yet re-sealed after a rotation too)
        cond = cond.add(person::Column::CertificateIndex.is_in(ring.indexes(c)));
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
    ring: &Keyring,
    scope: &Scope,
    q: &PersonQuery,
    view: View,
    key: &CursorKey,
) -> ApiResult<PersonPage> {
    let today = view.today;
    let sort = q.sort.unwrap_or(PersonSort::Id);
    let cursor = q
        .after
        .as_deref()
        .filter(|a| !a.is_empty())
        .map(|a| Cursor::parse(a, sort, key))
        .transpose()?;
    let Some(cond) = filter(db, ring, scope, q, today).await? else {
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
        PersonSort::Code => page
            .order_by_asc(person::Column::CertificateMask)
            .order_by_asc(person::Column::Id),
        PersonSort::Updated => page
            .order_by_desc(person::Column::UpdatedAt)
            .order_by_desc(person::Column::Id),
    };
    let mut rows = page.limit(limit + 1).all(db).await?;
    let next = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| Cursor::of(sort, r, key))
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
                    ring,
                    r,
                    regions
                        .get(&r.region_code)
                        .map(|g| g.name.as_str())
                        .unwrap_or(""),
                    view,
                )
            })
            .collect::<ApiResult<_>>()?,
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
    db: &DatabaseTransaction,
    ring: &Keyring,
    scope: &Scope,
    province: &Scope,
    actor: &Actor,
    id: i64,
    req: &PersonStatusChange,
    version: i32,
    view: View,
    now: DateTime<Utc>,
) -> ApiResult<Person> {
    let old = lock(db, scope, id).await?;
    if old.version != version {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let errors = check_status(req, old.birth_date, today_cst(now));
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let before = to_dto(
        ring,
        &old,
        &region_name(db, &old.region_code).await?,
        View::audit(now),
    )?;
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
    let after = to_dto(ring, &m, &region_name(db, &m.region_code).await?, view)?;
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
    db: &DatabaseTransaction,
    ring: &Keyring,
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
    let ids = open(ring, &m)?;
    Ok(UnmaskedPerson {
        id: m.id,
        certificate_no: ids.certificate_no,
        phone: ids.phone,
        address: ids.address,
    })
}

/// Which rows [`reseal`] seals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Rows from before sealing (`data_key` NULL: identifiers in clear).
    Clear,
    /// Those and the rows of every key but the current one (after a rotation).
    NotCurrent,
}

/// Seals, in batches, the rows `which` names under the current key. A row changed by a writer
/// meanwhile is left to the next pass; the passes end when no row is left (an error after five
/// passes that still leave some). `progress` is told the rows done.
pub async fn reseal(
    db: &DatabaseConnection,
    ring: &Keyring,
    which: Which,
    progress: impl Fn(u64),
) -> anyhow::Result<u64> {
    const BATCH: u64 = 1000;
    let current = ring.current().id().to_owned();
    let stale = || {
        let c = Condition::any().add(person::Column::DataKey.is_null());
        match which {
            Which::Clear => c,
            Which::NotCurrent => c.add(person::Column::DataKey.ne(current.clone())),
        }
    };
    let mut done = 0;
    for _pass in 0..5 {
        let mut last = 0i64;
        loop {
            let rows = person::Entity::find()
                .filter(stale())
                .filter(person::Column::Id.gt(last))
                .order_by_asc(person::Column::Id)
                .limit(BATCH)
                .all(db)
                .await?;
            let Some(end) = rows.last().map(|r| r.id) else {
                break;
            };
            last = end;
            let txn = db.begin().await?;
            for m in rows {
                let ids = match &m.data_key {
                    // a row from before sealing holds its identifiers in clear
                    None => Identifiers {
                        certificate_no: m.certificate_index.clone(),
                        phone: m.phone_sealed.clone(),
                        address: m.address_sealed.clone(),
                    },
                    Some(_) => ring.open(&sealed(&m))?,
                };
                let s = ring.seal(&ids)?;
                let key_cond = match &m.data_key {
                    None => person::Column::DataKey.is_null(),
                    Some(k) => person::Column::DataKey.eq(k.clone()),
                };
                let res = person::Entity::update_many()
                    .col_expr(person::Column::CertificateIndex, Expr::value(s.index))
                    .col_expr(
                        person::Column::CertificateSealed,
                        Expr::value(s.certificate_no),
                    )
                    .col_expr(person::Column::CertificateMask, Expr::value(s.mask))
                    .col_expr(person::Column::PhoneSealed, Expr::value(s.phone))
                    .col_expr(person::Column::AddressSealed, Expr::value(s.address))
                    .col_expr(person::Column::DataKey, Expr::value(Some(s.key)))
                    .filter(person::Column::Id.eq(m.id))
                    .filter(key_cond)
                    .filter(person::Column::CertificateIndex.eq(m.certificate_index.clone()))
                    .filter(person::Column::PhoneSealed.eq(m.phone_sealed.clone()))
                    .filter(person::Column::AddressSealed.eq(m.address_sealed.clone()))
                    .exec(&txn)
                    .await?;
                done += res.rows_affected;
            }
            txn.commit().await?;
            progress(done);
        }
        if person::Entity::find().filter(stale()).count(db).await? == 0 {
            return Ok(done);
        }
    }
    anyhow::bail!("rows are still not sealed under data key {current} after five passes: run again")
}

/// Rows per data key (`None`: not sealed yet).
pub async fn rows_per_key(db: &DatabaseConnection) -> anyhow::Result<Vec<(Option<String>, i64)>> {
    Ok(person::Entity::find()
        .select_only()
        .column(person::Column::DataKey)
        .column_as(person::Column::Id.count(), "n")
        .group_by(person::Column::DataKey)
        .order_by_asc(person::Column::DataKey)
        .into_tuple::<(Option<String>, i64)>()
        .all(db)
        .await?)
}

/// Set while rows in clear are being sealed and their traces wiped: a start that finds it
/// wipes again (a process that died between sealing and wiping).
const WIPE_PENDING: &str = "identifiers_wipe_pending";

/// Seals the rows from before sealing (at start, before anything is answered) and wipes what
/// they left in the database: statistics samples and old row versions (SQLite: `ANALYZE`, then
/// `VACUUM` and a truncating checkpoint; PostgreSQL: `VACUUM (FULL, ANALYZE) persons`, which
/// rewrites the table and its indexes). Copies outside the database (backups, WAL archives,
/// replicas) still hold what they held.
pub async fn seal_legacy(db: &DatabaseConnection, ring: &Keyring) -> anyhow::Result<u64> {
    let clear = person::Entity::find()
        .filter(person::Column::DataKey.is_null())
        .count(db)
        .await?;
    let pending = server_secret::Entity::find_by_id(WIPE_PENDING.to_owned())
        .one(db)
        .await?
        .is_some();
    if clear == 0 && !pending {
        return Ok(0);
    }
    if !pending {
        server_secret::Entity::insert(server_secret::ActiveModel {
            name: Set(WIPE_PENDING.to_owned()),
            value: Set("1".to_owned()),
        })
        .exec_without_returning(db)
        .await?;
    }
    let n = reseal(db, ring, Which::Clear, |_| {}).await?;
    let backend = db.get_database_backend();
    let wipe: &[&str] = match backend {
        sea_orm::DbBackend::Postgres => &["VACUUM (FULL, ANALYZE) persons"],
        _ => &["ANALYZE", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"],
    };
    for s in wipe {
        db.execute_unprepared(s).await?;
    }
    server_secret::Entity::delete_by_id(WIPE_PENDING.to_owned())
        .exec(db)
        .await?;
    tracing::warn!(
        rows = n,
        "sealed the identifiers of persons stored in clear and wiped their traces"
    );
    Ok(n)
}

/// The data keys of this deployment, checked against the database: each key's check value is
/// recorded the first time it is used and must match ever after (a key file replaced by a new
/// one with the same ids, or a changed `SHIMING_DATA_CIPHER` under a bare key, refuses to start
/// rather than seal under a key nobody has); a key that rows are sealed with must be
/// configured; and a key file is created only for a database that never sealed anything.
pub async fn open_vault(
    settings: &crate::Settings,
    db: &DatabaseConnection,
) -> anyhow::Result<crate::vault::Vault> {
    let checks = server_secret::Entity::find()
        .filter(server_secret::Column::Name.starts_with(CHECK_PREFIX))
        .all(db)
        .await?;
    let sealed = person::Entity::find()
        .filter(person::Column::DataKey.is_not_null())
        .limit(1)
        .all(db)
        .await?;
    let vault = settings.vault(checks.is_empty() && sealed.is_empty())?;
    let ring = vault.ring();
    for k in ring.keys() {
        register_key(db, k).await?;
    }
    for (id, n) in rows_per_key(db).await? {
        if let Some(id) = id {
            anyhow::ensure!(
                ring.get(&id).is_ok(),
                "{n} persons are sealed with data key {id}, which is not configured: restore the key file that holds it"
            );
        }
    }
    Ok(vault)
}

const CHECK_PREFIX: &str = "data_key:";

/// Records a key's check value, or checks it against the one recorded.
async fn register_key(db: &DatabaseConnection, k: &crate::vault::DataKey) -> anyhow::Result<()> {
    let name = format!("{CHECK_PREFIX}{}", k.id());
    let stored = super::secrets::get_or_insert(db, &name, &k.check_value()).await?;
    anyhow::ensure!(
        stored == k.check_value(),
        "data key {} is not the key of that id this database was sealed with: restore the right key file (or SHIMING_DATA_KEYS / SHIMING_DATA_CIPHER)",
        k.id()
    );
    Ok(())
}

/// What a key rotation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The new current key.
    pub key: String,
    /// Rows sealed anew under it.
    pub rows: u64,
}

/// Rotates the data key: adds a new current key to the key file (every running server picks it
/// up within a second), seals every row anew under it in batches of 1,000, and records the
/// rotation in the audit log. The old keys stay in the file, for a server that had not re-read
/// it yet: remove them by hand once `shiming keys status` shows no row on them.
pub async fn rotate_data_key(
    db: &DatabaseConnection,
    vault: &crate::vault::Vault,
    province: &Scope,
    actor: &Actor,
    now: DateTime<Utc>,
    progress: impl Fn(u64),
) -> anyhow::Result<Rotation> {
    let key = vault.add_key()?;
    let ring = vault.ring();
    register_key(db, ring.current()).await?;
    // every running server re-reads the key file within a second: give them time to know the
    // new key before rows sealed under it reach them
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let rows = reseal(db, &ring, Which::NotCurrent, progress).await?;
    let txn = db.begin().await?;
    // the accounts' two-factor secrets, a handful of rows, in the audit's transaction
    let secrets = super::mfa::reseal(&txn, &ring)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.problem().detail))?;
    audit::append(
        &txn,
        actor,
        Record::new(
            "data_key.rotate",
            "data_key",
            key.clone(),
            province.code(),
            province.path(),
        )
        .after(serde_json::json!({
            "algorithm": ring.current().algorithm().as_str(),
            "rows": rows,
            "two_factor_secrets": secrets,
        })),
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{}", e.problem().detail))?;
    txn.commit().await?;
    Ok(Rotation { key, rows })
}

//! Employment history of a person: append a dated state (checked by the domain's rules and the
//! dictionaries), list them; the person's current state, employer and first record date are kept
//! on the person row in the same transaction.

use super::Scope;
use super::dictionaries::check_codes;
use super::entities::employment_record as rec;
use crate::audit::{self, Actor, Record};
use crate::clock::today_cst;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::ids::CreditCode;
use domain::rules::dates::is_late;
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::employment::{
    self, EmploymentCreate, EmploymentRecord, EmploymentState, Insurance,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

pub(crate) fn to_dto(m: rec::Model) -> EmploymentRecord {
    EmploymentRecord {
        id: m.id,
        person_id: m.person_id,
        state: EmploymentState::parse(&m.state).unwrap_or(EmploymentState::Unemployed),
        date: m.date,
        form: m.form,
        contract: m.contract,
        industry: m.industry,
        channel: m.channel,
        employer_credit_code: m.employer_credit_code,
        employer_name: m.employer_name,
        insurance: Insurance {
            pension: m.ins_pension,
            medical: m.ins_medical,
            unemployment: m.ins_unemployment,
            injury: m.ins_injury,
            maternity: m.ins_maternity,
            housing_fund: m.housing_fund,
        },
        reason: m.reason,
        recorded_at: m.recorded_at,
        recorded_by: m.recorded_by,
        late: m.late,
    }
}

pub(crate) fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The records of a person in the scope, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    person_id: i64,
) -> ApiResult<Vec<EmploymentRecord>> {
    super::persons::visible(db, scope, person_id).await?;
    Ok(rec::Entity::find()
        .filter(rec::Column::PersonId.eq(person_id))
        .order_by_desc(rec::Column::Date)
        .order_by_desc(rec::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_dto)
        .collect())
}

/// Appends a record; answers it with its late flag.
pub async fn create(
    db: &DatabaseTransaction,
    scope: &Scope,
    actor: &Actor,
    person_id: i64,
    e: &EmploymentCreate,
    now: DateTime<Utc>,
) -> ApiResult<EmploymentRecord> {
    let p = super::persons::lock(db, scope, person_id).await?;
    let today = today_cst(now);
    let mut errors = employment::check(e, p.birth_date, today);
    errors.extend(
        check_codes(
            db,
            &[
                ("form", DictionaryKind::EmploymentForm, e.form.as_deref()),
                ("industry", DictionaryKind::Industry, e.industry.as_deref()),
                ("channel", DictionaryKind::Channel, e.channel.as_deref()),
                (
                    "reason",
                    DictionaryKind::UnemploymentReason,
                    e.reason.as_deref(),
                ),
            ],
        )
        .await?,
    );
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    // the employer: a registered one, or registered now from the name given with the code
    let employer = match clean(&e.employer_credit_code).and_then(|c| CreditCode::parse(&c).ok()) {
        Some(code) => Some(
            super::employers::resolve(db, actor, &code, clean(&e.employer_name), &p, now).await?,
        ),
        None => None,
    };
    let m = rec::ActiveModel {
        person_id: Set(p.id),
        state: Set(e.state.as_str().to_owned()),
        date: Set(e.date),
        form: Set(clean(&e.form)),
        contract: Set(e.contract),
        industry: Set(clean(&e.industry)),
        channel: Set(clean(&e.channel)),
        employer_credit_code: Set(employer.as_ref().map(|m| m.credit_code.clone())),
        employer_name: Set(employer
            .as_ref()
            .map(|m| m.name.clone())
            .or_else(|| clean(&e.employer_name))),
        ins_pension: Set(e.insurance.pension),
        ins_medical: Set(e.insurance.medical),
        ins_unemployment: Set(e.insurance.unemployment),
        ins_injury: Set(e.insurance.injury),
        ins_maternity: Set(e.insurance.maternity),
        housing_fund: Set(e.insurance.housing_fund),
        reason: Set(clean(&e.reason)),
        recorded_at: Set(now),
        recorded_by: Set(actor.username.clone()),
        late: Set(is_late(e.date, today)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // the person's facts: the latest state by date (a back-dated entry may not be the latest)
    super::facts::refresh(db, p.id).await?;
    let dto = to_dto(m);
    audit::append(
        db,
        actor,
        Record::new(
            "person.employment",
            "person",
            p.id.to_string(),
            &p.region_code,
            &p.region_path,
        )
        .after(&dto),
        now,
    )
    .await?;
    Ok(dto)
}

//! Employment history of a person: append a dated state (checked by the domain's rules and the
//! dictionaries), list them; the person's current state, employer and first record date are kept
//! on the person row in the same transaction.

use super::Scope;
use super::dictionaries::is_active;
use super::entities::employment_record as rec;
use crate::audit::{self, Actor, Record};
use crate::clock::today_cst;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::FieldError;
use domain::Text;
use domain::ids::CreditCode;
use domain::rules::dates::is_late;
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::employment::{
    self, EmploymentCreate, EmploymentRecord, EmploymentState, Insurance,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};

fn to_dto(m: rec::Model) -> EmploymentRecord {
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

fn clean(v: &Option<String>) -> Option<String> {
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
    db: &impl ConnectionTrait,
    scope: &Scope,
    actor: &Actor,
    person_id: i64,
    e: &EmploymentCreate,
    now: DateTime<Utc>,
) -> ApiResult<EmploymentRecord> {
    let p = super::persons::visible(db, scope, person_id).await?;
    let today = today_cst(now);
    let mut errors = employment::check(e, p.birth_date, today);
    for (field, kind, value) in [
        ("form", DictionaryKind::EmploymentForm, &e.form),
        ("industry", DictionaryKind::Industry, &e.industry),
        ("channel", DictionaryKind::Channel, &e.channel),
        ("reason", DictionaryKind::UnemploymentReason, &e.reason),
    ] {
        if let Some(code) = clean(value)
            && !is_active(db, kind, &code).await?
        {
            errors.push(FieldError::new(
                field,
                "dictionary",
                Text::new(
                    format!(
                        "“{code}”不是{}中的有效项",
                        kind.label(domain::text::Lang::Zh)
                    ),
                    format!(
                        "“{code}” is not an entry of {}",
                        kind.label(domain::text::Lang::En)
                    ),
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let employer = clean(&e.employer_credit_code)
        .and_then(|c| CreditCode::parse(&c).ok())
        .map(|c| c.as_str().to_owned());
    let m = rec::ActiveModel {
        person_id: Set(p.id),
        state: Set(e.state.as_str().to_owned()),
        date: Set(e.date),
        form: Set(clean(&e.form)),
        contract: Set(e.contract),
        industry: Set(clean(&e.industry)),
        channel: Set(clean(&e.channel)),
        employer_credit_code: Set(employer),
        employer_name: Set(clean(&e.employer_name)),
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
    let latest = rec::Entity::find()
        .filter(rec::Column::PersonId.eq(p.id))
        .order_by_desc(rec::Column::Date)
        .order_by_desc(rec::Column::Id)
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let first = p.first_record_date.map_or(e.date, |d| d.min(e.date));
    let mut am = p.clone().into_active_model();
    am.first_record_date = Set(Some(first));
    am.current_state = Set(Some(latest.state.clone()));
    am.current_employer = Set(latest.employer_credit_code.clone());
    am.updated_at = Set(now);
    am.update(db).await?;
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

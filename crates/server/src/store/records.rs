//! A person's other records — training, needs, graduate records — and the combined timeline.
//! Each write checks the domain's rules and the dictionaries, refreshes the person's facts and is
//! audited, all in the caller's transaction.

use super::Scope;
use super::dictionaries::check_codes;
use super::employment::clean;
use super::entities::{
    employment_record, graduate_record as grad, need, person, person_event, training_record as tr,
};
use crate::audit::{self, Actor, Record};
use crate::clock::today_cst;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::FieldError;
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::graduate::{self, GraduateCreate, GraduateOutcome, GraduateRecord};
use domain::v1::needs::{self, NeedCreate, NeedKind, NeedRecord};
use domain::v1::persons::{PersonStatus, StatusEvent};
use domain::v1::timeline::{self, TimelineItem};
use domain::v1::training::{self, TrainingCreate, TrainingPeriod, TrainingRecord};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;

fn training_dto(m: tr::Model) -> TrainingRecord {
    TrainingRecord {
        id: m.id,
        person_id: m.person_id,
        year: m.year,
        start_date: m.start_date,
        end_date: m.end_date,
        period: TrainingPeriod::parse(&m.period).unwrap_or(TrainingPeriod::Short),
        project: m.project,
        industry: m.industry,
        provider: m.provider,
        certificate: m.certificate,
        recorded_at: m.recorded_at,
        recorded_by: m.recorded_by,
        late: m.late,
    }
}

fn need_dto(m: need::Model) -> NeedRecord {
    NeedRecord {
        id: m.id,
        person_id: m.person_id,
        kind: NeedKind::parse(&m.kind).unwrap_or(NeedKind::Employment),
        date: m.date,
        detail: m.detail,
        recorded_at: m.recorded_at,
        recorded_by: m.recorded_by,
    }
}

fn graduate_dto(m: grad::Model) -> GraduateRecord {
    GraduateRecord {
        id: m.id,
        person_id: m.person_id,
        year: m.year,
        school: m.school,
        major: m.major,
        outcome: GraduateOutcome::parse(&m.outcome).unwrap_or(GraduateOutcome::Unemployed),
        form: m.form,
        reason: m.reason,
        recorded_at: m.recorded_at,
        recorded_by: m.recorded_by,
    }
}

pub(crate) fn status_dto(m: person_event::Model) -> StatusEvent {
    StatusEvent {
        id: m.id,
        person_id: m.person_id,
        status: PersonStatus::parse(&m.status).unwrap_or(PersonStatus::Active),
        date: m.date,
        from_region: m.from_region,
        to_region: m.to_region,
        note: m.note,
        recorded_at: m.recorded_at,
        recorded_by: m.recorded_by,
    }
}

fn fail_on(errors: Vec<FieldError>) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::fields(errors))
    }
}

/// Refreshes the person's facts and audits the new record.
async fn written(
    db: &DatabaseTransaction,
    actor: &Actor,
    action: &'static str,
    p: &person::Model,
    record: &impl Serialize,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    super::facts::refresh(db, p.id).await?;
    audit::append(
        db,
        actor,
        Record::new(
            action,
            "person",
            p.id.to_string(),
            &p.region_code,
            &p.region_path,
        )
        .after(record),
        now,
    )
    .await?;
    Ok(())
}

/// The courses of a person in the scope, newest first.
pub async fn list_training(
    db: &impl ConnectionTrait,
    scope: &Scope,
    person_id: i64,
) -> ApiResult<Vec<TrainingRecord>> {
    super::persons::visible(db, scope, person_id).await?;
    Ok(tr::Entity::find()
        .filter(tr::Column::PersonId.eq(person_id))
        .order_by_desc(tr::Column::StartDate)
        .order_by_desc(tr::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(training_dto)
        .collect())
}

/// Records a course; the year and period derive from its dates.
pub async fn create_training(
    db: &DatabaseTransaction,
    scope: &Scope,
    actor: &Actor,
    person_id: i64,
    t: &TrainingCreate,
    now: DateTime<Utc>,
) -> ApiResult<TrainingRecord> {
    let p = super::persons::lock(db, scope, person_id).await?;
    let today = today_cst(now);
    let mut errors = training::check(t, today);
    errors.extend(
        check_codes(
            db,
            &[
                ("industry", DictionaryKind::Industry, t.industry.as_deref()),
                (
                    "provider",
                    DictionaryKind::TrainingProvider,
                    Some(&t.provider),
                ),
                (
                    "certificate",
                    DictionaryKind::CertificateKind,
                    t.certificate.as_deref(),
                ),
            ],
        )
        .await?,
    );
    fail_on(errors)?;
    let m = tr::ActiveModel {
        person_id: Set(p.id),
        year: Set(training::training_year(t.start_date)),
        start_date: Set(t.start_date),
        end_date: Set(t.end_date),
        period: Set(TrainingPeriod::of(t.start_date, t.end_date)
            .as_str()
            .to_owned()),
        project: Set(t.project.trim().to_owned()),
        industry: Set(clean(&t.industry)),
        provider: Set(t.provider.trim().to_owned()),
        certificate: Set(clean(&t.certificate)),
        recorded_at: Set(now),
        recorded_by: Set(actor.username.clone()),
        late: Set(training::is_late(t, today)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let dto = training_dto(m);
    written(db, actor, "person.training", &p, &dto, now).await?;
    Ok(dto)
}

/// The needs of a person in the scope, newest first.
pub async fn list_needs(
    db: &impl ConnectionTrait,
    scope: &Scope,
    person_id: i64,
) -> ApiResult<Vec<NeedRecord>> {
    super::persons::visible(db, scope, person_id).await?;
    Ok(need::Entity::find()
        .filter(need::Column::PersonId.eq(person_id))
        .order_by_desc(need::Column::Date)
        .order_by_desc(need::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(need_dto)
        .collect())
}

/// Records a need.
pub async fn create_need(
    db: &DatabaseTransaction,
    scope: &Scope,
    actor: &Actor,
    person_id: i64,
    n: &NeedCreate,
    now: DateTime<Utc>,
) -> ApiResult<NeedRecord> {
    let p = super::persons::lock(db, scope, person_id).await?;
    fail_on(needs::check(n, today_cst(now)))?;
    let m = need::ActiveModel {
        person_id: Set(p.id),
        kind: Set(n.kind.as_str().to_owned()),
        date: Set(n.date),
        detail: Set(clean(&n.detail)),
        recorded_at: Set(now),
        recorded_by: Set(actor.username.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let dto = need_dto(m);
    written(db, actor, "person.need", &p, &dto, now).await?;
    Ok(dto)
}

/// The graduate records of a person in the scope, newest first.
pub async fn list_graduate(
    db: &impl ConnectionTrait,
    scope: &Scope,
    person_id: i64,
) -> ApiResult<Vec<GraduateRecord>> {
    super::persons::visible(db, scope, person_id).await?;
    Ok(grad::Entity::find()
        .filter(grad::Column::PersonId.eq(person_id))
        .order_by_desc(grad::Column::Year)
        .order_by_desc(grad::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(graduate_dto)
        .collect())
}

/// Records a graduate survey result.
pub async fn create_graduate(
    db: &DatabaseTransaction,
    scope: &Scope,
    actor: &Actor,
    person_id: i64,
    g: &GraduateCreate,
    now: DateTime<Utc>,
) -> ApiResult<GraduateRecord> {
    let p = super::persons::lock(db, scope, person_id).await?;
    let mut errors = graduate::check(g, p.birth_date, today_cst(now));
    errors.extend(
        check_codes(
            db,
            &[
                ("form", DictionaryKind::EmploymentForm, g.form.as_deref()),
                (
                    "reason",
                    DictionaryKind::UnemploymentReason,
                    g.reason.as_deref(),
                ),
            ],
        )
        .await?,
    );
    fail_on(errors)?;
    let m = grad::ActiveModel {
        person_id: Set(p.id),
        year: Set(g.year),
        school: Set(g.school.trim().to_owned()),
        major: Set(clean(&g.major)),
        outcome: Set(g.outcome.as_str().to_owned()),
        form: Set(clean(&g.form)),
        reason: Set(clean(&g.reason)),
        recorded_at: Set(now),
        recorded_by: Set(actor.username.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let dto = graduate_dto(m);
    written(db, actor, "person.graduate", &p, &dto, now).await?;
    Ok(dto)
}

/// Every record of a person in the scope, newest first.
pub async fn timeline(
    db: &impl ConnectionTrait,
    scope: &Scope,
    person_id: i64,
) -> ApiResult<Vec<TimelineItem>> {
    super::persons::visible(db, scope, person_id).await?;
    let mut items: Vec<TimelineItem> = employment_record::Entity::find()
        .filter(employment_record::Column::PersonId.eq(person_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| TimelineItem::Employment(super::employment::to_dto(m)))
        .collect();
    items.extend(
        tr::Entity::find()
            .filter(tr::Column::PersonId.eq(person_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| TimelineItem::Training(training_dto(m))),
    );
    items.extend(
        need::Entity::find()
            .filter(need::Column::PersonId.eq(person_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| TimelineItem::Need(need_dto(m))),
    );
    items.extend(
        grad::Entity::find()
            .filter(grad::Column::PersonId.eq(person_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| TimelineItem::Graduate(graduate_dto(m))),
    );
    items.extend(
        person_event::Entity::find()
            .filter(person_event::Column::PersonId.eq(person_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| TimelineItem::Status(status_dto(m))),
    );
    timeline::sort(&mut items);
    Ok(items)
}

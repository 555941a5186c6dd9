//! `/persons`: the registry — list, one person, create, update, status, the audited unmasked view,
//! and the person's records (employment, training, needs, graduate) and timeline.

use super::ApiError;
use super::client::Call;
use crate::session::Session;
use domain::v1::employment::{EmploymentCreate, EmploymentRecord};
use domain::v1::graduate::{GraduateCreate, GraduateRecord};
use domain::v1::needs::{NeedCreate, NeedRecord};
use domain::v1::persons::{
    Person, PersonCreate, PersonPage, PersonPatch, PersonQuery, PersonStatusChange, UnmaskRequest,
    UnmaskedPerson,
};
use domain::v1::timeline::TimelineItem;
use domain::v1::training::{TrainingCreate, TrainingRecord};

/// `GET /persons?…` (filters, sort, keyset cursor)
pub async fn list(session: Session, query: &PersonQuery) -> Result<PersonPage, ApiError> {
    Call::get("/persons").query(query).send(session).await
}

/// `GET /persons/{id}`
pub async fn get(session: Session, id: i64) -> Result<Person, ApiError> {
    Call::get(format!("/persons/{id}")).send(session).await
}

/// `POST /persons`
pub async fn create(session: Session, request: &PersonCreate) -> Result<Person, ApiError> {
    Call::post("/persons").json(request).send(session).await
}

/// `PATCH /persons/{id}` (only the fields sent change; with the version read)
pub async fn patch(session: Session, id: i64, request: &PersonPatch) -> Result<Person, ApiError> {
    Call::patch(format!("/persons/{id}"))
        .json(request)
        .send(session)
        .await
}

/// `POST /persons/{id}/status`
pub async fn change_status(
    session: Session,
    id: i64,
    request: &PersonStatusChange,
) -> Result<Person, ApiError> {
    Call::post(format!("/persons/{id}/status"))
        .json(request)
        .send(session)
        .await
}

/// `POST /persons/{id}/unmasked` (the purpose is audited)
pub async fn unmask(
    session: Session,
    id: i64,
    request: &UnmaskRequest,
) -> Result<UnmaskedPerson, ApiError> {
    Call::post(format!("/persons/{id}/unmasked"))
        .json(request)
        .send(session)
        .await
}

/// `GET /persons/{id}/employment`
pub async fn employment(session: Session, id: i64) -> Result<Vec<EmploymentRecord>, ApiError> {
    Call::get(format!("/persons/{id}/employment"))
        .send(session)
        .await
}

/// `POST /persons/{id}/employment`
pub async fn add_employment(
    session: Session,
    id: i64,
    request: &EmploymentCreate,
) -> Result<EmploymentRecord, ApiError> {
    Call::post(format!("/persons/{id}/employment"))
        .json(request)
        .send(session)
        .await
}

/// `GET /persons/{id}/training`
pub async fn training(session: Session, id: i64) -> Result<Vec<TrainingRecord>, ApiError> {
    Call::get(format!("/persons/{id}/training"))
        .send(session)
        .await
}

/// `POST /persons/{id}/training`
pub async fn add_training(
    session: Session,
    id: i64,
    request: &TrainingCreate,
) -> Result<TrainingRecord, ApiError> {
    Call::post(format!("/persons/{id}/training"))
        .json(request)
        .send(session)
        .await
}

/// `GET /persons/{id}/needs`
pub async fn needs(session: Session, id: i64) -> Result<Vec<NeedRecord>, ApiError> {
    Call::get(format!("/persons/{id}/needs"))
        .send(session)
        .await
}

/// `POST /persons/{id}/needs`
pub async fn add_need(
    session: Session,
    id: i64,
    request: &NeedCreate,
) -> Result<NeedRecord, ApiError> {
    Call::post(format!("/persons/{id}/needs"))
        .json(request)
        .send(session)
        .await
}

/// `GET /persons/{id}/graduate`
pub async fn graduate(session: Session, id: i64) -> Result<Vec<GraduateRecord>, ApiError> {
    Call::get(format!("/persons/{id}/graduate"))
        .send(session)
        .await
}

/// `POST /persons/{id}/graduate`
pub async fn add_graduate(
    session: Session,
    id: i64,
    request: &GraduateCreate,
) -> Result<GraduateRecord, ApiError> {
    Call::post(format!("/persons/{id}/graduate"))
        .json(request)
        .send(session)
        .await
}

/// `GET /persons/{id}/timeline`
pub async fn timeline(session: Session, id: i64) -> Result<Vec<TimelineItem>, ApiError> {
    Call::get(format!("/persons/{id}/timeline"))
        .send(session)
        .await
}

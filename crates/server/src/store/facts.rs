//! The per-person facts the lists and statistics filter and group on — current employment state
//! and employer, first record date, latest graduation year, late records, completeness — derived
//! from the records in one place and written in the same transaction as the write that changed
//! them. They are derived data: refreshing them never bumps the person's version.

use super::entities::{employment_record as emp, graduate_record as grad, person, training_record};
use crate::error::{ApiError, ApiResult};
use domain::rules::completeness::{self, EmploymentFacts, Facts};
use domain::v1::employment::EmploymentState;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Recomputes the facts of a person from the records and stores them; returns the person.
pub async fn refresh(db: &DatabaseTransaction, person_id: i64) -> ApiResult<person::Model> {
    let p = person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let latest = emp::Entity::find()
        .filter(emp::Column::PersonId.eq(person_id))
        .order_by_desc(emp::Column::Date)
        .order_by_desc(emp::Column::Id)
        .one(db)
        .await?;
    let first: Option<chrono::NaiveDate> = emp::Entity::find()
        .select_only()
        .column_as(emp::Column::Date.min(), "d")
        .filter(emp::Column::PersonId.eq(person_id))
        .into_tuple::<Option<chrono::NaiveDate>>()
        .one(db)
        .await?
        .flatten();
    let graduate_year: Option<i32> = grad::Entity::find()
        .select_only()
        .column_as(grad::Column::Year.max(), "y")
        .filter(grad::Column::PersonId.eq(person_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let late = emp::Entity::find()
        .filter(emp::Column::PersonId.eq(person_id))
        .filter(emp::Column::Late.eq(true))
        .count(db)
        .await?
        + training_record::Entity::find()
            .filter(training_record::Column::PersonId.eq(person_id))
            .filter(training_record::Column::Late.eq(true))
            .count(db)
            .await?;
    let facts = Facts {
        // sealed: empty exactly when unknown, which is all completeness asks
        phone: &p.phone_sealed,
        address: &p.address_sealed,
        education: &p.education,
        employment: latest.as_ref().map(|e| EmploymentFacts {
            state: EmploymentState::parse(&e.state).unwrap_or(EmploymentState::Unemployed),
            form: e.form.as_deref(),
            industry: e.industry.as_deref(),
            channel: e.channel.as_deref(),
            contract: e.contract,
            reason: e.reason.as_deref(),
        }),
    };
    let pct = i32::from(completeness::percent(&facts));
    let late = i32::try_from(late).unwrap_or(i32::MAX);
    person::Entity::update_many()
        .col_expr(
            person::Column::CurrentState,
            Expr::value(latest.as_ref().map(|e| e.state.clone())),
        )
        .col_expr(
            person::Column::CurrentEmployer,
            Expr::value(latest.as_ref().and_then(|e| e.employer_credit_code.clone())),
        )
        .col_expr(person::Column::FirstRecordDate, Expr::value(first))
        .col_expr(person::Column::GraduateYear, Expr::value(graduate_year))
        .col_expr(person::Column::LateRecords, Expr::value(late))
        .col_expr(person::Column::Completeness, Expr::value(pct))
        .filter(person::Column::Id.eq(person_id))
        .exec(db)
        .await?;
    person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)
}

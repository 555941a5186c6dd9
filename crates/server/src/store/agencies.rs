//! Employment service agencies: one per region of the province down to county level.

use super::entities::{agency, region};
use super::{Scope, from_json_list, to_json_list};
use crate::audit::{self, Actor, Record};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::ErrorCode;
use domain::v1::agencies::{Agency, AgencyUpdate};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter,
    Set,
};

fn to_dto(m: agency::Model, region_name: String) -> Agency {
    Agency {
        region_code: m.region_code,
        region_name,
        name: m.name,
        spec: m.spec,
        kind: m.kind,
        departments: from_json_list(&m.departments),
        staff_quota: m.staff_quota,
        staff_actual: m.staff_actual,
        area_m2: m.area_m2,
        functions: from_json_list(&m.functions),
        standardization: m.standardization,
        version: m.version,
        updated_at: m.updated_at,
    }
}

/// The default name of a region's agency.
pub fn default_name(region: &region::Model) -> String {
    match region.level.as_str() {
        "province" => format!("{}残疾人就业服务指导中心", region.name),
        _ => format!("{}残疾人就业服务中心", region.name),
    }
}

/// A new agency row for a region.
pub fn new_row(region: &region::Model, now: DateTime<Utc>) -> agency::ActiveModel {
    agency::ActiveModel {
        region_code: Set(region.code.clone()),
        name: Set(default_name(region)),
        spec: Set(String::new()),
        kind: Set(String::new()),
        departments: Set("[]".into()),
        staff_quota: Set(0),
        staff_actual: Set(0),
        area_m2: Set(0.0),
        functions: Set("[]".into()),
        standardization: Set(String::new()),
        version: Set(1),
        updated_at: Set(now),
        ..Default::default()
    }
}

async fn visible(
    db: &impl ConnectionTrait,
    scope: &Scope,
    code: &str,
) -> ApiResult<(agency::Model, region::Model)> {
    let reg = super::regions::current(db, code)
        .await?
        .filter(|r| scope.contains(&r.path))
        .ok_or_else(ApiError::not_found)?;
    let ag = agency::Entity::find()
        .filter(agency::Column::RegionCode.eq(code))
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok((ag, reg))
}

/// The agency of a region in the scope.
pub async fn get(db: &impl ConnectionTrait, scope: &Scope, code: &str) -> ApiResult<Agency> {
    let (ag, reg) = visible(db, scope, code).await?;
    Ok(to_dto(ag, reg.name))
}

/// Updates an agency in the scope (its own or one below), checking the version.
pub async fn update(
    db: &DatabaseTransaction,
    scope: &Scope,
    actor: &Actor,
    code: &str,
    upd: &AgencyUpdate,
    now: DateTime<Utc>,
) -> ApiResult<Agency> {
    let (ag, reg) = visible(db, scope, code).await?;
    if ag.version != upd.version {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let clean = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let before = to_dto(ag.clone(), reg.name.clone());
    // the version guard in the WHERE clause makes the check hold against concurrent writers
    let mut am = ag.clone().into_active_model();
    am.name = Set(upd.name.trim().to_owned());
    am.spec = Set(upd.spec.trim().to_owned());
    am.kind = Set(upd.kind.trim().to_owned());
    am.departments = Set(to_json_list(&clean(&upd.departments)));
    am.staff_quota = Set(upd.staff_quota);
    am.staff_actual = Set(upd.staff_actual);
    am.area_m2 = Set(upd.area_m2);
    am.functions = Set(to_json_list(&clean(&upd.functions)));
    am.standardization = Set(upd.standardization.trim().to_owned());
    am.version = Set(ag.version + 1);
    am.updated_at = Set(now);
    let res = agency::Entity::update_many()
        .set(am)
        .filter(agency::Column::Id.eq(ag.id))
        .filter(agency::Column::Version.eq(ag.version))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(ApiError::code(ErrorCode::VersionConflict));
    }
    let (ag, reg) = visible(db, scope, code).await?;
    let after = to_dto(ag, reg.name.clone());
    audit::append(
        db,
        actor,
        Record::new("agency.update", "agency", code, &reg.code, &reg.path)
            .before(&before)
            .after(&after),
        now,
    )
    .await?;
    Ok(after)
}

//! Regions: browse the tree (as of a date), search, and record changes.

use super::begin;
use crate::AppState;
use crate::auth::Caller;
use crate::bootstrap;
use crate::error::{ApiResult, valid};
use crate::extract::{Json, Query};
use crate::store::regions as store;
use actix_web::{HttpResponse, get, post, web};
use domain::Permission;
use domain::Problem;
use domain::v1::regions::{Region, RegionChangeRequest, RegionEvent, RegionQuery, RegionSearch};

/// One region, as of a date (default today).
#[utoipa::path(
    tag = "regions",
    params(("code" = String, Path, description = "GB/T 2260 code"), RegionQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The region", body = Region),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/regions/{code}")]
pub async fn get_region(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
    q: Query<RegionQuery>,
) -> ApiResult<web::Json<Region>> {
    caller.require(Permission::RegionRead)?;
    let d = q.as_of.unwrap_or_else(|| state.today());
    Ok(web::Json(
        store::get(&state.db, caller.scope(), &code, d).await?,
    ))
}

/// The children of a region, as of a date.
#[utoipa::path(
    tag = "regions",
    params(("code" = String, Path, description = "GB/T 2260 code"), RegionQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The children, by code", body = Vec<Region>),
        (status = 404, description = "Unknown, or outside the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/regions/{code}/children")]
pub async fn list_region_children(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
    q: Query<RegionQuery>,
) -> ApiResult<web::Json<Vec<Region>>> {
    caller.require(Permission::RegionRead)?;
    let d = q.as_of.unwrap_or_else(|| state.today());
    Ok(web::Json(
        store::children(&state.db, caller.scope(), &code, d).await?,
    ))
}

/// Search regions in the caller's scope by code prefix or part of the name.
#[utoipa::path(
    tag = "regions",
    params(RegionSearch),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Matching regions, in tree order", body = Vec<Region>),
        (status = 422, description = "Bad query", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/regions")]
pub async fn search_regions(
    state: web::Data<AppState>,
    caller: Caller,
    q: Query<RegionSearch>,
) -> ApiResult<web::Json<Vec<Region>>> {
    caller.require(Permission::RegionRead)?;
    let q = valid(q.into_inner())?;
    let d = q.as_of.unwrap_or_else(|| state.today());
    Ok(web::Json(
        store::search(
            &state.db,
            caller.scope(),
            &q.q,
            d,
            u64::from(q.limit.unwrap_or(50)),
        )
        .await?,
    ))
}

/// Recorded changes of the region tree that name a region of the caller's scope, newest first
/// (the latest 500).
#[utoipa::path(
    tag = "regions",
    security(("bearer" = [])),
    responses((status = 200, description = "The changes", body = Vec<RegionEvent>))
)]
#[get("/regions/changes")]
pub async fn list_region_changes(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<RegionEvent>>> {
    caller.require(Permission::RegionRead)?;
    Ok(web::Json(store::events(&state.db, caller.scope()).await?))
}

/// Record a change of the region tree (province administrator): set up, rename, re-parent,
/// change code, merge, split or retire, effective from a date. Earlier dates keep the old tree.
#[utoipa::path(
    tag = "regions",
    request_body = RegionChangeRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RegionEvent),
        (status = 403, description = "Only the province administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Conflicts with the tree's history", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid change", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/regions/changes")]
pub async fn create_region_change(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<RegionChangeRequest>,
) -> ApiResult<HttpResponse> {
    caller.require(Permission::RegionWrite)?;
    let now = state.clock.now();
    let txn = begin(&state).await?;
    let (event, created) =
        store::apply_change(&txn, caller.scope(), &body, &caller.actor(), now).await?;
    let agency_regions: Vec<_> = created
        .into_iter()
        .filter(|r| matches!(r.level.as_str(), "province" | "city" | "county"))
        .collect();
    bootstrap::ensure_agencies(&txn, &agency_regions, now).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(event))
}

//! API v1 handlers, registered through `utoipa-actix-web` so none escapes the contract.

pub mod access;
pub mod accounts;
pub mod agencies;
pub mod audit;
pub mod auth;
pub mod dictionaries;
pub mod employers;
pub mod persons;
pub mod records;
pub mod regions;
pub mod sessions;

use crate::error::{ApiError, ApiResult};
use actix_web::{HttpResponse, web};
use sea_orm::{DatabaseTransaction, TransactionTrait};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every v1 handler (paths relative to `/api/v1`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::change_password)
        .service(auth::agreement)
        .service(auth::accept_agreement)
        .service(auth::me)
        .service(auth::login_mfa)
        .service(auth::mfa_enrolment)
        .service(auth::mfa_confirm)
        .service(sessions::list_sessions)
        .service(sessions::end_other_sessions)
        .service(sessions::end_session)
        .service(auth::get_security_policy)
        .service(auth::put_security_policy)
        .service(regions::search_regions)
        .service(regions::list_region_changes)
        .service(regions::create_region_change)
        .service(regions::get_region)
        .service(regions::list_region_children)
        .service(agencies::get_agency)
        .service(agencies::update_agency)
        .service(accounts::list_accounts)
        .service(accounts::create_account)
        .service(accounts::get_account)
        .service(accounts::register_holder)
        .service(accounts::list_holders)
        .service(accounts::reset_password)
        .service(accounts::reset_mfa)
        .service(accounts::list_account_sessions)
        .service(accounts::end_account_sessions)
        .service(accounts::disable_account)
        .service(accounts::enable_account)
        .service(audit::list_audit)
        .service(access::list_access)
        .service(persons::list_persons)
        .service(persons::create_person)
        .service(persons::get_person)
        .service(persons::update_person)
        .service(persons::list_employment)
        .service(persons::patch_person)
        .service(persons::create_employment)
        .service(records::list_training)
        .service(records::create_training)
        .service(records::list_needs)
        .service(records::create_need)
        .service(records::list_graduate)
        .service(records::create_graduate)
        .service(records::timeline)
        .service(records::change_status)
        .service(records::unmask)
        .service(employers::search_employers)
        .service(employers::get_employer)
        .service(employers::create_employer)
        .service(dictionaries::list_dictionary)
        .service(dictionaries::update_dictionary_entry);
}

/// Unknown API paths answer problem+json 404, never the SPA; a path of the contract asked with
/// a method it does not answer gets 405 and the `Allow` header.
pub async fn unmatched(
    req: actix_web::HttpRequest,
    methods: web::Data<crate::openapi::Methods>,
) -> ApiResult<HttpResponse> {
    match methods.allowed(req.path()) {
        Some(allowed) if !allowed.contains(&req.method().as_str()) => {
            Ok(HttpResponse::MethodNotAllowed()
                .insert_header((actix_web::http::header::ALLOW, allowed.join(", ")))
                .content_type("application/problem+json")
                .json(domain::Problem::new(domain::ErrorCode::MethodNotAllowed)))
        }
        _ => Err(ApiError::not_found()),
    }
}

/// Starts a transaction.
pub async fn begin(state: &web::Data<crate::AppState>) -> ApiResult<DatabaseTransaction> {
    Ok(state.db.begin().await?)
}

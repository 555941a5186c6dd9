//! The `Caller` extractor: who calls, with which role, over which region subtree. Every handler
//! that touches data takes a `Caller`, so authentication and the forced-change / two-factor
//! enrolment / agreement gates
//! cannot be forgotten; `caller.require(Permission::…)` checks the role and `caller.scope()` goes
//! into every store call.

use crate::audit::Actor;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::store::Scope;
use crate::store::entities::account;
use crate::store::regions;
use crate::store::sessions::{self, Origin};
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use domain::{AccountKind, AccountStatus, ErrorCode, Permission, Role};
use futures_util::future::LocalBoxFuture;
use sea_orm::EntityTrait;

/// An authenticated account that may still have to change its password or accept the agreement.
/// Only the endpoints that clear those gates take it.
#[derive(Debug, Clone)]
pub struct PendingCaller {
    /// The account row.
    pub account: account::Model,
    /// Its role.
    pub role: Role,
    /// Its kind.
    pub kind: AccountKind,
    /// Whether the account belongs to the province-level agency.
    pub province: bool,
    /// The password must be changed (one-time or expired).
    pub must_change_password: bool,
    /// The agreement must be accepted.
    pub must_accept_agreement: bool,
    /// Two-factor login is required of the account ([`domain::mfa::required`]).
    pub mfa_required: bool,
    /// Two-factor login is required and not set up yet.
    pub must_enrol_mfa: bool,
    /// The session the access token belongs to (`sessions.id`).
    pub session_id: i64,
    scope: Scope,
    origin: Origin,
}

/// A fully authorised caller.
#[derive(Debug, Clone)]
pub struct Caller(PendingCaller);

impl PendingCaller {
    /// The region subtree the caller may see.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The caller as an audit actor.
    pub fn actor(&self) -> Actor {
        Actor {
            username: self.account.username.clone(),
            ip: self.origin.ip.clone(),
        }
    }

    /// Where the request comes from (address and browser).
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
}

impl Caller {
    /// The account row.
    pub fn account(&self) -> &account::Model {
        &self.0.account
    }

    /// Role.
    pub fn role(&self) -> Role {
        self.0.role
    }

    /// Whether the account belongs to the province-level agency.
    pub fn is_province(&self) -> bool {
        self.0.province
    }

    /// The region subtree the caller may see.
    pub fn scope(&self) -> &Scope {
        &self.0.scope
    }

    /// The caller as an audit actor.
    pub fn actor(&self) -> Actor {
        self.0.actor()
    }

    /// The caller's session (`sessions.id`).
    pub fn session_id(&self) -> i64 {
        self.0.session_id
    }

    /// The caller as an account manager, if its role manages accounts.
    pub fn manager(&self) -> Option<crate::store::accounts::Manager<'_>> {
        self.0
            .role
            .can(Permission::AccountManage, self.0.province)
            .then(|| crate::store::accounts::Manager {
                region: self.0.scope.code(),
                account_id: self.0.account.id,
            })
    }

    /// How much of a person this caller sees today: the birth date only with the right to see
    /// full identifiers.
    pub fn person_view(&self, today: chrono::NaiveDate) -> crate::store::persons::View {
        crate::store::persons::View {
            today,
            birth_date: self.0.role.can(Permission::PersonUnmask, self.0.province),
        }
    }

    /// 403 unless the role has the permission.
    pub fn require(&self, p: Permission) -> ApiResult<()> {
        if self.0.role.can(p, self.0.province) {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }
}

/// The client address. The socket peer, unless the peer is one of the trusted proxies: then
/// `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first other
/// address is the client (what a client writes into the header itself lies to the left of it
/// and is never believed).
pub fn client_ip(req: &HttpRequest, trusted: &[ipnet::IpNet]) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer.to_string());
    }
    let hops: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) if is_trusted(&ip) => client = ip,
            Ok(ip) => return Some(ip.to_string()),
            // a hop we cannot read: stop at the last address we could trust
            Err(_) => break,
        }
    }
    Some(client.to_string())
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let h = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = h.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

async fn authenticate(req: HttpRequest) -> ApiResult<PendingCaller> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| anyhow::anyhow!("state missing"))?
        .clone();
    let unauth = || ApiError::code(ErrorCode::Unauthenticated);
    let token = bearer(&req).ok_or_else(unauth)?;
    let now = state.clock.now();
    let claims = state.keys.check(&token, now).ok_or_else(unauth)?;
    let acc = account::Entity::find_by_id(claims.uid)
        .one(&state.db)
        .await?
        .ok_or_else(unauth)?;
    if acc.token_version != claims.ver
        || acc.username != claims.sub
        || acc.status != AccountStatus::Active.as_str()
    {
        return Err(unauth());
    }
    // an ended session's access tokens die with it
    let session = sessions::current(&state.db, &claims.sid, acc.id, now)
        .await?
        .ok_or_else(unauth)?;
    let scope = regions::scope_of(&state.db, &acc.region_code)
        .await?
        .ok_or_else(unauth)?;
    let role = Role::parse(&acc.role).ok_or_else(unauth)?;
    let kind = AccountKind::parse(&acc.kind).ok_or_else(unauth)?;
    let expired = acc
        .password_changed_at
        .is_none_or(|t| state.settings.policy.password_expired(t, now));
    let province = acc.region_code == state.settings.province;
    let mfa_required = state.policy.required(&state.db, &acc, province).await?;
    Ok(PendingCaller {
        mfa_required,
        must_enrol_mfa: mfa_required && !acc.mfa_enabled,
        role,
        kind,
        province,
        must_change_password: acc.must_change_password || expired,
        must_accept_agreement: acc.agreement_accepted_at.is_none() && kind != AccountKind::Service,
        session_id: session.id,
        scope,
        origin: Origin::of(&req, &state.settings),
        account: acc,
    })
}

impl FromRequest for PendingCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()))
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let p = authenticate(req).await?;
            if p.must_change_password {
                return Err(ApiError::code(ErrorCode::PasswordChangeRequired));
            }
            if p.must_enrol_mfa {
                return Err(ApiError::code(ErrorCode::MfaEnrolmentRequired));
            }
            if p.must_accept_agreement {
                return Err(ApiError::code(ErrorCode::AgreementRequired));
            }
            Ok(Caller(p))
        })
    }
}

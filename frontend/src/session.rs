//! The session: where the user is in the login flow, the access token (kept in memory only; the
//! refresh token is an HttpOnly cookie), who is signed in, idle time-out and token renewal.

use crate::api;
use crate::i18n::L;
use crate::i18n::strings as s;
use domain::text::Text;
use domain::v1::auth::{LoginResponse, Me};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::time::Duration;

/// Where the user is in the login flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Trying to resume a session with the refresh cookie.
    Starting,
    /// Showing the login form.
    Login,
    /// The password was right: the code from the authenticator app (or a recovery code).
    Mfa,
    /// Forced password change (one-time or expired password).
    ChangePassword,
    /// Two-factor login must be set up before anything else.
    EnrolMfa,
    /// The confidentiality agreement must be accepted.
    Agreement,
    /// Signed in: the shell with the menu.
    Ready,
}

/// Idle minutes used until `/auth/me` says otherwise.
const DEFAULT_IDLE_MINUTES: u32 = 30;
/// Renew the access token when it has less than this left.
const RENEW_BEFORE_MS: f64 = 90_000.0;
/// How often the watchdog looks at idle time and token expiry.
const TICK: Duration = Duration::from_secs(10);

thread_local! {
    static LAST_ACTIVITY: Cell<f64> = const { Cell::new(0.0) };
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Records user activity (keyboard, mouse, touch).
pub fn touch() {
    LAST_ACTIVITY.with(|c| c.set(now_ms()));
}

/// The session, provided as context at the root. All fields are arena handles, so it is `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// Where the user is in the login flow.
    pub phase: RwSignal<Phase>,
    /// The signed-in user, once `/auth/me` answered.
    pub me: RwSignal<Option<Me>>,
    /// The username (known before `me` during the forced flows).
    pub username: RwSignal<String>,
    /// A message for the login page (timed out, logged out, expired).
    pub notice: RwSignal<Option<Text>>,
    /// Number of requests under way.
    pub busy: RwSignal<u32>,
    token: StoredValue<Option<String>>,
    expires_at: StoredValue<f64>,
    mfa_token: StoredValue<Option<String>>,
}

/// Decrements the busy counter when a request ends, however it ends.
pub struct BusyGuard(RwSignal<u32>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

impl Session {
    /// A signed-out session.
    pub fn new() -> Self {
        Self {
            phase: RwSignal::new(Phase::Starting),
            me: RwSignal::new(None),
            username: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            busy: RwSignal::new(0),
            token: StoredValue::new(None),
            expires_at: StoredValue::new(0.0),
            mfa_token: StoredValue::new(None),
        }
    }

    /// Counts a request as running until the guard is dropped.
    pub fn busy_guard(&self) -> BusyGuard {
        self.busy.update(|n| *n += 1);
        BusyGuard(self.busy)
    }

    /// The current access token.
    pub fn access_token(&self) -> Option<String> {
        self.token.get_value()
    }

    /// Whether the signed-in user has a permission.
    pub fn can(&self, permission: domain::Permission) -> bool {
        self.me.with(|me| {
            me.as_ref()
                .is_some_and(|m| m.permissions.contains(&permission))
        })
    }

    /// Stores freshly issued tokens.
    pub fn set_tokens(&self, tokens: &LoginResponse) {
        self.token.set_value(Some(tokens.access_token.clone()));
        self.expires_at
            .set_value(now_ms() + tokens.expires_in as f64 * 1000.0);
        if self.username.get_untracked().is_empty()
            && let Some(user) = jwt_username(&tokens.access_token)
        {
            self.username.set(user);
        }
    }

    fn set_phase(&self, phase: Phase) {
        if self.phase.get_untracked() != phase {
            self.phase.set(phase);
        }
    }

    /// The password step answered a two-factor challenge: ask for the code.
    pub fn challenge(&self, username: String, mfa_token: String) {
        self.mfa_token.set_value(Some(mfa_token));
        self.username.set(username);
        self.notice.set(None);
        self.set_phase(Phase::Mfa);
    }

    /// The single-use token of the password step, while the code is asked for.
    pub fn mfa_token(&self) -> Option<String> {
        self.mfa_token.get_value()
    }

    /// Back from the code page to the login form, with a notice (expired challenge, or asked).
    pub fn back_to_login(&self, notice: Option<Text>) {
        self.clear();
        self.notice.set(notice);
        self.set_phase(Phase::Login);
    }

    /// Forgets the token and the user.
    fn clear(&self) {
        self.mfa_token.set_value(None);
        self.token.set_value(None);
        self.expires_at.set_value(0.0);
        self.me.set(None);
        self.username.set(String::new());
    }

    /// The server no longer accepts the session: back to the login page.
    pub fn expired(&self) {
        if self.phase.get_untracked() == Phase::Login {
            return;
        }
        self.clear();
        self.notice.set(Some(s::SESSION_EXPIRED.text()));
        self.set_phase(Phase::Login);
    }

    /// The server demands a forced step (password change, two-factor enrolment or agreement)
    /// first.
    pub fn require(&self, phase: Phase) {
        if !matches!(
            self.phase.get_untracked(),
            Phase::Login | Phase::Starting | Phase::Mfa
        ) {
            self.set_phase(phase);
        }
    }

    /// Continues after login, refresh or password change with the tokens the server issued.
    pub async fn enter(self, tokens: LoginResponse) {
        self.mfa_token.set_value(None);
        self.set_tokens(&tokens);
        self.notice.set(None);
        touch();
        // the server's gate order: password, then two-factor enrolment, then the agreement
        if tokens.must_change_password {
            self.set_phase(Phase::ChangePassword);
        } else if tokens.must_enrol_mfa {
            self.set_phase(Phase::EnrolMfa);
        } else if tokens.must_accept_agreement {
            self.set_phase(Phase::Agreement);
        } else {
            self.load_me().await;
        }
    }

    /// Loads `/auth/me` and shows the shell.
    pub async fn load_me(self) {
        match api::auth::me(self).await {
            Ok(me) => {
                self.username.set(me.username.clone());
                if me.must_change_password {
                    self.me.set(Some(me));
                    self.set_phase(Phase::ChangePassword);
                } else if me.must_enrol_mfa {
                    self.me.set(Some(me));
                    self.set_phase(Phase::EnrolMfa);
                } else if me.must_accept_agreement {
                    self.me.set(Some(me));
                    self.set_phase(Phase::Agreement);
                } else {
                    self.me.set(Some(me));
                    self.set_phase(Phase::Ready);
                }
            }
            Err(e) => {
                // 403 codes already moved the phase; anything else ends at the login page
                if !matches!(
                    self.phase.get_untracked(),
                    Phase::ChangePassword | Phase::EnrolMfa | Phase::Agreement
                ) {
                    self.clear();
                    self.notice.set(Some(e.message()));
                    self.set_phase(Phase::Login);
                }
            }
        }
    }

    /// Ends the session on the server and locally, leaving `notice` on the login page.
    pub async fn logout(self, notice: L) {
        if self.access_token().is_some() {
            let _ = api::auth::logout(self).await;
        }
        self.clear();
        self.notice.set(Some(notice.text()));
        self.set_phase(Phase::Login);
    }

    /// Resumes a session from the refresh cookie, then watches idle time and token expiry.
    pub fn start(self) {
        for event in ["keydown", "mousedown", "mousemove", "wheel", "touchstart"] {
            // listeners live as long as the page
            let _ = window_event_listener_untyped(event, |_| touch());
        }
        touch();
        spawn_local(async move {
            match api::auth::refresh(self).await {
                Ok(tokens) => self.enter(tokens).await,
                Err(_) => self.set_phase(Phase::Login),
            }
        });
        spawn_local(async move {
            loop {
                gloo_timers::future::sleep(TICK).await;
                self.tick().await;
            }
        });
    }

    async fn tick(self) {
        if matches!(
            self.phase.get_untracked(),
            Phase::Starting | Phase::Login | Phase::Mfa
        ) || self.access_token().is_none()
        {
            return;
        }
        let idle_minutes = self
            .me
            .with_untracked(|me| me.as_ref().map(|m| m.idle_timeout_minutes))
            .unwrap_or(DEFAULT_IDLE_MINUTES)
            .max(1);
        let idle_ms = now_ms() - LAST_ACTIVITY.with(Cell::get);
        if idle_ms >= f64::from(idle_minutes) * 60_000.0 {
            self.logout(s::SESSION_TIMED_OUT).await;
            return;
        }
        if self.expires_at.get_value() - now_ms() < RENEW_BEFORE_MS {
            // a refused refresh ends the session; a network failure is retried at the next tick
            if let Err(api::ApiError::Problem(_)) = api::auth::refresh(self).await {
                self.expired();
            }
        }
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The session from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The username claim of an access token (read, not verified: only used for the live password
/// rule "must not contain the username" before `/auth/me` may be called).
fn jwt_username(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let mut b64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !b64.len().is_multiple_of(4) {
        b64.push('=');
    }
    let json = window().atob(&b64).ok()?;
    let claims: serde_json::Value = serde_json::from_str(&json).ok()?;
    let plausible = |u: &str| {
        domain::v1::accounts::valid_username(u).is_ok()
            || ((6..=12).contains(&u.len()) && u.chars().all(|c| c.is_ascii_digit()))
    };
    ["username", "preferred_username", "sub"]
        .iter()
        .filter_map(|k| claims.get(*k).and_then(|v| v.as_str()))
        .find(|u| plausible(u))
        .map(str::to_string)
}

//! The login page.

use super::frame::AuthFrame;
use crate::api;
use crate::components::{ErrorAlert, StatusNote, TextField, focus_id};
use crate::i18n::{strings as s, tr};
use crate::session::use_session;
use domain::text::Text;
use domain::v1::auth::{LoginRequest, LoginResult};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use validator::Validate;

/// Username and password; Enter submits.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);
    // the notice (timed out, logged out) is shown once, then forgotten
    let notice = RwSignal::new(session.notice.get_untracked());
    session.notice.set(None);

    Effect::new(move |_| focus_id("username"));

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = LoginRequest {
            username: username.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        if request.validate().is_err() {
            error.set(Some(s::REQUIRED_BOTH.text()));
            return;
        }
        error.set(None);
        notice.set(None);
        pending.set(true);
        spawn_local(async move {
            match api::auth::login(session, &request).await {
                Ok(LoginResult::Tokens(tokens)) => {
                    session.username.set(request.username.clone());
                    pending.set(false);
                    session.enter(tokens).await;
                }
                Ok(LoginResult::Mfa(challenge)) => {
                    pending.set(false);
                    password.set(String::new());
                    session.challenge(request.username.clone(), challenge.mfa_token);
                }
                Err(e) => {
                    error.set(Some(e.message()));
                    password.set(String::new());
                    pending.set(false);
                }
            }
        });
    };

    let logging_in = tr(s::LOGGING_IN);
    let log_in = tr(s::LOGIN_SUBMIT);
    view! {
        <AuthFrame>
            <h1>{tr(s::LOGIN_TITLE)}</h1>
            <StatusNote message=notice />
            <form class="form" on:submit=submit novalidate=true data-testid="login-form">
                <ErrorAlert id="login-error" message=error />
                <TextField
                    id="username"
                    label=s::USERNAME
                    value=username
                    autocomplete="username"
                    hint=s::USERNAME_HINT
                    required=true
                />
                <TextField
                    id="password"
                    label=s::PASSWORD
                    value=password
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <div class="form-actions">
                    <button
                        type="submit"
                        id="login-submit"
                        class="button primary wide"
                        aria-disabled=move || pending.get().then_some("true")
                    >
                        {move || if pending.get() { logging_in() } else { log_in() }}
                    </button>
                </div>
            </form>
        </AuthFrame>
    }
}

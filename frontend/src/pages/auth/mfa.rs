//! The second step of login: the code from the authenticator app, or a recovery code.

use super::frame::AuthFrame;
use crate::api;
use crate::components::{ErrorAlert, TextField, focus_id};
use crate::i18n::{strings as s, tr};
use crate::session::use_session;
use domain::ErrorCode;
use domain::text::Text;
use domain::v1::auth::MfaRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One field for six digits or a recovery code; Enter submits.
#[component]
pub fn MfaPage() -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);

    Effect::new(move |_| focus_id("mfa-code"));

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let typed = code.get_untracked();
        // the shared rule of what a code looks like: nothing malformed reaches the server
        if domain::mfa::parse_code(&typed).is_none() {
            error.set(Some(s::MFA_CODE_BAD.text()));
            return;
        }
        let Some(mfa_token) = session.mfa_token() else {
            session.back_to_login(Some(ErrorCode::MfaInvalid.title()));
            return;
        };
        error.set(None);
        pending.set(true);
        spawn_local(async move {
            let request = MfaRequest {
                mfa_token,
                code: typed,
            };
            match api::auth::login_mfa(session, &request).await {
                Ok(tokens) => {
                    pending.set(false);
                    session.enter(tokens).await;
                }
                // a locked or disabled account cannot go on: start again from the password
                Err(e) if e.is(ErrorCode::AccountLocked) || e.is(ErrorCode::AccountDisabled) => {
                    pending.set(false);
                    session.back_to_login(Some(e.message()));
                }
                Err(e) => {
                    pending.set(false);
                    code.set(String::new());
                    error.set(Some(e.message()));
                    focus_id("mfa-code");
                }
            }
        });
    };

    let checking = tr(s::MFA_CHECKING);
    let verify = tr(s::MFA_SUBMIT);
    view! {
        <AuthFrame>
            <h1>{tr(s::MFA_TITLE)}</h1>
            <p class="intro">{tr(s::MFA_INTRO)}</p>
            <p class="meta">{move || session.username.get()}</p>
            <form class="form" on:submit=submit novalidate=true data-testid="mfa-form">
                <ErrorAlert id="mfa-error" message=error />
                <TextField
                    id="mfa-code"
                    label=s::MFA_CODE
                    value=code
                    autocomplete="one-time-code"
                    hint=s::MFA_CODE_HINT
                    required=true
                />
                <div class="form-actions">
                    <button
                        type="submit"
                        id="mfa-submit"
                        class="button primary wide"
                        aria-disabled=move || pending.get().then_some("true")
                    >
                        {move || if pending.get() { checking() } else { verify() }}
                    </button>
                </div>
                <p class="meta">{tr(s::MFA_LOST)}</p>
                <div class="form-actions">
                    <button
                        type="button"
                        id="mfa-back"
                        class="button secondary"
                        on:click=move |_| session.back_to_login(None)
                    >
                        {tr(s::MFA_BACK)}
                    </button>
                </div>
            </form>
        </AuthFrame>
    }
}

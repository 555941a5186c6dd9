//! The root: language and session contexts, the router, and the switch between the login flow
//! (login → code → forced password change → two-factor enrolment → agreement) and the shell.

use crate::components::Progress;
use crate::i18n::{LangCtx, apply_lang, load_lang, strings as s, tr};
use crate::pages::auth::{AgreementPage, ChangePasswordPage, EnrolMfaPage, LoginPage, MfaPage};
use crate::pages::shell::Shell;
use crate::session::{Phase, Session};
use leptos::prelude::*;
use leptos_router::components::Router;

/// The application.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(load_lang());
    provide_context(LangCtx(lang));
    Effect::new(move |_| apply_lang(lang.get()));

    let session = Session::new();
    provide_context(session);
    session.start();

    let phase = Memo::new(move |_| session.phase.get());
    view! {
        <Router>
            <Progress />
            {move || match phase.get() {
                Phase::Starting => {
                    view! {
                        <div class="starting" role="status">
                            {tr(s::STARTING)}
                        </div>
                    }
                        .into_any()
                }
                Phase::Login => view! { <LoginPage /> }.into_any(),
                Phase::Mfa => view! { <MfaPage /> }.into_any(),
                Phase::ChangePassword => view! { <ChangePasswordPage /> }.into_any(),
                Phase::EnrolMfa => view! { <EnrolMfaPage /> }.into_any(),
                Phase::Agreement => view! { <AgreementPage /> }.into_any(),
                Phase::Ready => view! { <Shell /> }.into_any(),
            }}
        </Router>
    }
}

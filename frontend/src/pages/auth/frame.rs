//! The frame of the login-flow pages: system name, language switch, log out when signed in.

use crate::components::LangSwitch;
use crate::i18n::{strings as s, tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A centred card under a plain header.
#[component]
pub fn AuthFrame(
    /// Show the log-out button (the user holds a token but must finish a forced step).
    #[prop(optional)]
    signed_in: bool,
    /// The card.
    children: Children,
) -> impl IntoView {
    let session = use_session();
    view! {
        <a class="skip-link" href="#main">{tr(s::SKIP_TO_CONTENT)}</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">{tr(s::SYSTEM_NAME)}</span>
            </div>
            <div class="header-tools">
                <LangSwitch />
                {signed_in
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                id="logout"
                                class="header-button"
                                on:click=move |_| spawn_local(session.logout(s::LOGGED_OUT))
                            >
                                {tr(s::LOGOUT)}
                            </button>
                        }
                    })}
            </div>
        </header>
        <main id="main" class="auth-main" tabindex="-1">
            <section class="card auth-card">{children()}</section>
        </main>
    }
}

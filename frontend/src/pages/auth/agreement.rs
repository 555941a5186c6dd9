//! The confidentiality agreement (安全保密协议), accepted once per holder.

use super::frame::AuthFrame;
use crate::api;
use crate::components::ErrorAlert;
use crate::i18n::{colon_tr, strings as s, tr, use_lang};
use crate::session::use_session;
use domain::text::{Lang, Text};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The agreement text in the current language and the accept button.
#[component]
pub fn AgreementPage() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let agreement = LocalResource::new(move || api::auth::agreement(session));
    let error = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);

    let accept = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::auth::accept_agreement(session).await {
                Ok(()) => {
                    pending.set(false);
                    session.load_me().await;
                }
                Err(e) => {
                    pending.set(false);
                    error.set(Some(e.message()));
                }
            }
        });
    };

    view! {
        <AuthFrame signed_in=true>
            <h1 id="agreement-title">{tr(s::AGREEMENT_TITLE)}</h1>
            <p class="intro">{tr(s::AGREEMENT_INTRO)}</p>
            <ErrorAlert id="agreement-error" message=error />
            {move || match agreement.get() {
                None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
                Some(Err(e)) => {
                    let message = e.message();
                    view! {
                        <p class="alert alert-error" role="alert">
                            {move || message.get(lang.get()).to_string()}
                        </p>
                        <button type="button" class="button secondary" on:click=move |_| agreement.refetch()>
                            {tr(s::RETRY)}
                        </button>
                    }
                        .into_any()
                }
                Some(Ok(a)) => {
                    let version = a.version.clone();
                    view! {
                        <div
                            class="agreement-text"
                            tabindex="0"
                            role="document"
                            aria-labelledby="agreement-title"
                            data-testid="agreement-text"
                        >
                            {move || match lang.get() {
                                Lang::Zh => a.text_zh.clone(),
                                Lang::En => a.text_en.clone(),
                            }}
                        </div>
                        <p class="meta">{tr(s::AGREEMENT_VERSION)}{colon_tr()}{version}</p>
                        <div class="form-actions">
                            <button
                                type="button"
                                id="accept-agreement"
                                class="button primary wide"
                                aria-disabled=move || pending.get().then_some("true")
                                on:click=accept
                            >
                                {tr(s::ACCEPT)}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </AuthFrame>
    }
}

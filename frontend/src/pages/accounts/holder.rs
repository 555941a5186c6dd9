//! Registering (or handing over to) the holder of an administrator account one level below.

use crate::api;
use crate::components::{ErrorAlert, FormState, TextField, errors_for};
use crate::i18n::{colon_tr, paren, strings as s, tr, use_lang};
use crate::session::use_session;
use domain::FieldError;
use domain::text::Text;
use domain::v1::accounts::{Account, OneTimePassword, RegisterHolder};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use validator::Validate;

/// Name, phone and approval reference of the new holder; `RegisterHolder::validate()` live.
#[component]
pub fn HolderForm(
    /// The administrator account.
    account: Account,
    /// Called with the one-time password of the new holder.
    on_done: Callback<OneTimePassword>,
    /// Called when abandoned.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let approval = RwSignal::new(String::new());
    let form = FormState::new();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<Text>);
    let server_fields = RwSignal::new(Vec::<FieldError>::new());
    let username = account.username.clone();

    let request = move || RegisterHolder {
        name: name.get().trim().to_string(),
        phone: phone.get().trim().to_string(),
        approval_ref: approval.get().trim().to_string(),
    };
    let checked = Memo::new(move |_| {
        request()
            .validate()
            .err()
            .map(|e| domain::error::field_errors(&e))
            .unwrap_or_default()
    });
    let field_errors = move |field: &'static str| {
        Signal::derive(move || {
            let mut out = errors_for(&server_fields.get(), field);
            if form.shown(field) {
                out.extend(errors_for(&checked.get(), field));
            }
            out
        })
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        form.submitted.set(true);
        server_fields.set(Vec::new());
        if !checked.get_untracked().is_empty() {
            error.set(Some(s::FORM_HAS_ERRORS.text()));
            return;
        }
        error.set(None);
        pending.set(true);
        let body = request();
        let username = username.clone();
        spawn_local(async move {
            let result = api::accounts::register_holder(session, &username, &body).await;
            pending.set(false);
            match result {
                Ok(otp) => on_done.run(otp),
                Err(e) => {
                    server_fields.set(e.fields().to_vec());
                    error.set(Some(e.message()));
                }
            }
        });
    };

    view! {
        <p>{tr(s::REGISTER_HOLDER_INTRO)}</p>
        <p>
            {tr(s::OTP_FOR)}
            {colon_tr()}
            <strong>
                {
                    let (user, region) = (account.username.clone(), account.region_name.clone());
                    move || paren(lang.get(), &user, &region)
                }
            </strong>
        </p>
        <form class="form" on:submit=submit novalidate=true data-testid="holder-form">
            <ErrorAlert id="holder-error" message=error />
            <TextField
                id="holder-name"
                label=s::HOLDER_NAME
                value=name
                required=true
                autocomplete="off"
                errors=field_errors("name")
                on_blur=form.on_blur("name")
            />
            <TextField
                id="holder-phone"
                label=s::PHONE
                value=phone
                kind="tel"
                required=true
                errors=field_errors("phone")
                on_blur=form.on_blur("phone")
            />
            <TextField
                id="holder-approval"
                label=s::APPROVAL_REF
                value=approval
                required=true
                errors=field_errors("approval_ref")
                on_blur=form.on_blur("approval_ref")
            />
            <div class="form-actions">
                <button type="submit" id="holder-submit" class="button primary" aria-disabled=move || pending.get().then_some("true")>
                    {tr(s::SAVE)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {tr(s::CANCEL)}
                </button>
            </div>
        </form>
    }
}

//! The new sub-account form: `CreateSubAccount::validate()` live, the OTP shown after creation.

use crate::api;
use crate::components::{ErrorAlert, FormState, SelectField, TextField, errors_for};
use crate::i18n::{strings as s, tr, use_lang};
use crate::session::use_session;
use domain::text::Text;
use domain::v1::accounts::{CreateSubAccount, CreatedAccount};
use domain::{FieldError, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use validator::Validate;

/// Username, name, role, approval reference, phone.
#[component]
pub fn NewAccountForm(
    /// Called with the created account and its one-time password.
    on_created: Callback<CreatedAccount>,
    /// Called when abandoned.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Entry.as_str().to_string());
    let approval = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let form = FormState::new();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<Text>);
    let server_fields = RwSignal::new(Vec::<FieldError>::new());

    let request = move || CreateSubAccount {
        username: username.get().trim().to_string(),
        name: name.get().trim().to_string(),
        role: Role::parse(&role.get()).unwrap_or(Role::Entry),
        approval_ref: approval.get().trim().to_string(),
        phone: Some(phone.get().trim().to_string()).filter(|p| !p.is_empty()),
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
    let roles = Signal::derive(move || {
        let lang = lang.get();
        Role::SUB_ACCOUNT_ROLES
            .iter()
            .map(|r| (r.as_str().to_string(), r.label(lang).to_string()))
            .collect::<Vec<_>>()
    });

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
        spawn_local(async move {
            let result = api::accounts::create(session, &body).await;
            pending.set(false);
            match result {
                Ok(created) => on_created.run(created),
                Err(e) => {
                    server_fields.set(e.fields().to_vec());
                    error.set(Some(e.message()));
                }
            }
        });
    };

    view! {
        <form class="form" on:submit=submit novalidate=true data-testid="new-account-form">
            <ErrorAlert id="new-account-error" message=error />
            <TextField
                id="new-username"
                label=s::USERNAME
                value=username
                required=true
                hint=s::NEW_USERNAME_HINT
                errors=field_errors("username")
                on_blur=form.on_blur("username")
            />
            <TextField
                id="new-name"
                label=s::COL_NAME
                value=name
                required=true
                errors=field_errors("name")
                on_blur=form.on_blur("name")
            />
            <SelectField id="new-role" label=s::ROLE value=role options=roles required=true errors=field_errors("role") />
            <TextField
                id="new-approval"
                label=s::APPROVAL_REF
                value=approval
                required=true
                errors=field_errors("approval_ref")
                on_blur=form.on_blur("approval_ref")
            />
            <TextField
                id="new-phone"
                label=s::PHONE
                value=phone
                kind="tel"
                hint=s::OPTIONAL
                errors=field_errors("phone")
                on_blur=form.on_blur("phone")
            />
            <div class="form-actions">
                <button type="submit" id="create-account" class="button primary" aria-disabled=move || pending.get().then_some("true")>
                    {tr(s::CREATE)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {tr(s::CANCEL)}
                </button>
            </div>
        </form>
    }
}

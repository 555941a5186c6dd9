//! Setting up two-factor login: scan the QR code, confirm with a first code, keep the recovery
//! codes (shown once).

use super::frame::AuthFrame;
use crate::api;
use crate::components::{ErrorAlert, TextField, focus_id};
use crate::i18n::{strings as s, tr, use_lang};
use crate::session::use_session;
use domain::text::Text;
use domain::v1::auth::{MfaConfirm, MfaEnrolment};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use qrcode::QrCode;
use qrcode::render::svg;

/// The QR code of an `otpauth://` URI as an SVG document (dark on white, with its quiet zone).
fn qr_svg(uri: &str) -> Option<String> {
    let code = QrCode::new(uri.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

/// The base32 secret in groups of four, as authenticator apps show it when typed by hand.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The enrolment page, shown whenever the server says the account must set up two factors.
#[component]
pub fn EnrolMfaPage() -> impl IntoView {
    let session = use_session();
    // one secret per visit of the page: starting again replaces an unconfirmed secret
    let enrolment = LocalResource::new(move || api::auth::mfa_enrolment(session));
    let codes = RwSignal::new(None::<Vec<String>>);

    view! {
        <AuthFrame signed_in=true>
            <h1 id="enrol-title">{tr(s::ENROL_TITLE)}</h1>
            {move || match codes.get() {
                Some(list) => view! { <RecoveryCodesView codes=list /> }.into_any(),
                None => {
                    view! {
                        <p class="intro">{tr(s::ENROL_INTRO)}</p>
                        {move || match enrolment.get() {
                            None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
                            Some(Err(e)) => {
                                let message = Some(e.message());
                                view! {
                                    <ErrorAlert message=RwSignal::new(message) />
                                    <button
                                        type="button"
                                        class="button secondary"
                                        on:click=move |_| enrolment.refetch()
                                    >
                                        {tr(s::RETRY)}
                                    </button>
                                }
                                    .into_any()
                            }
                            Some(Ok(e)) => view! { <EnrolForm enrolment=e codes=codes /> }.into_any(),
                        }}
                    }
                        .into_any()
                }
            }}
        </AuthFrame>
    }
}

/// The QR code, the secret for typing, and the field for the first code.
#[component]
fn EnrolForm(enrolment: MfaEnrolment, codes: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);
    let svg = qr_svg(&enrolment.otpauth_uri).unwrap_or_default();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let typed = code.get_untracked();
        if !matches!(
            domain::mfa::parse_code(&typed),
            Some(domain::mfa::Code::Totp(_))
        ) {
            error.set(Some(s::MFA_CODE_BAD.text()));
            return;
        }
        error.set(None);
        pending.set(true);
        spawn_local(async move {
            match api::auth::mfa_confirm(session, &MfaConfirm { code: typed }).await {
                Ok(out) => {
                    pending.set(false);
                    codes.set(Some(out.codes));
                }
                Err(e) => {
                    pending.set(false);
                    code.set(String::new());
                    error.set(Some(e.message()));
                    focus_id("mfa-confirm-code");
                }
            }
        });
    };

    view! {
        <p>{tr(s::ENROL_STEP_SCAN)}</p>
        <div
            id="mfa-qr"
            class="qr"
            role="img"
            aria-label=move || s::ENROL_QR_LABEL.get(lang.get())
            inner_html=svg
        ></div>
        <p class="meta">{tr(s::ENROL_SECRET)}</p>
        <p>
            <code id="mfa-secret" class="secret">{grouped(&enrolment.secret)}</code>
        </p>
        <form class="form" on:submit=submit novalidate=true data-testid="enrol-form">
            <p>{tr(s::ENROL_STEP_CODE)}</p>
            <ErrorAlert id="enrol-error" message=error />
            <TextField
                id="mfa-confirm-code"
                label=s::ENROL_CODE
                value=code
                autocomplete="one-time-code"
                inputmode="numeric"
                required=true
            />
            <div class="form-actions">
                <button
                    type="submit"
                    id="mfa-confirm-submit"
                    class="button primary wide"
                    aria-disabled=move || pending.get().then_some("true")
                >
                    {tr(s::ENROL_SUBMIT)}
                </button>
            </div>
        </form>
    }
}

/// The ten recovery codes, once, with print and continue.
#[component]
fn RecoveryCodesView(codes: Vec<String>) -> impl IntoView {
    let session = use_session();
    Effect::new(move |_| focus_id("recovery-title"));
    view! {
        <section class="recovery" aria-labelledby="recovery-title">
            <h2 id="recovery-title" tabindex="-1">{tr(s::RECOVERY_TITLE)}</h2>
            <p class="alert alert-ok" role="status">{tr(s::RECOVERY_INTRO)}</p>
            <ol id="recovery-codes" class="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
            <div class="form-actions no-print">
                <button
                    type="button"
                    id="print-codes"
                    class="button secondary"
                    on:click=move |_| {
                        let _ = window().print();
                    }
                >
                    {tr(s::RECOVERY_PRINT)}
                </button>
                <button
                    type="button"
                    id="mfa-done"
                    class="button primary"
                    on:click=move |_| spawn_local(session.load_me())
                >
                    {tr(s::RECOVERY_DONE)}
                </button>
            </div>
        </section>
    }
}

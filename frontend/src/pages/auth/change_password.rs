//! The forced password change, with the live rule list of `domain::password::check`.

use super::frame::AuthFrame;
use crate::api;
use crate::components::{ErrorAlert, TextField, errors_for};
use crate::i18n::{strings as s, tr, use_lang};
use crate::session::use_session;
use domain::FieldError;
use domain::password::{self, HISTORY, MIN_LENGTH};
use domain::text::{Lang, Text};
use domain::v1::auth::ChangePasswordRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

const CURRENT: &str = "current_password";
const NEW: &str = "new_password";

/// The rules shown in the checklist: rule name of `password::check` and its description.
fn rule_list(lang: Lang) -> Vec<(&'static str, String)> {
    let (min, classes, user) = match lang {
        Lang::Zh => (
            format!("至少{MIN_LENGTH}个字符"),
            s::RULE_CHAR_CLASSES.zh.to_string(),
            s::RULE_NO_USERNAME.zh.to_string(),
        ),
        Lang::En => (
            format!("At least {MIN_LENGTH} characters"),
            s::RULE_CHAR_CLASSES.en.to_string(),
            s::RULE_NO_USERNAME.en.to_string(),
        ),
    };
    vec![
        ("min_length", min),
        ("char_classes", classes),
        ("contains_username", user),
    ]
}

fn reuse_note(lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("不能与最近{HISTORY}次使用的密码相同（保存时检查）"),
        Lang::En => format!("Differs from the last {HISTORY} passwords (checked on saving)"),
    }
}

/// Current (or one-time) password, new password, repeat.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let server_fields = RwSignal::new(Vec::<FieldError>::new());
    let touched_new = RwSignal::new(false);
    let touched_repeat = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);

    // the one rule set, run on every keystroke
    let failing = Memo::new(move |_| password::check(&new.get(), &session.username.get(), NEW));
    Effect::new(move |_| {
        // a server error of a field goes away when the field changes
        let _ = (current.get(), new.get(), repeat.get());
        server_fields.set(Vec::new());
    });

    let current_errors = Signal::derive(move || {
        let mut out = errors_for(&server_fields.get(), CURRENT);
        if submitted.get() && current.with(String::is_empty) {
            out.push(s::CURRENT_REQUIRED.text());
        }
        out
    });
    let new_errors = Signal::derive(move || {
        let mut out = errors_for(&server_fields.get(), NEW);
        if touched_new.get() || submitted.get() {
            out.extend(failing.get().into_iter().map(|e| e.message));
        }
        out
    });
    let repeat_errors = Signal::derive(move || {
        let show = (touched_repeat.get() || submitted.get()) && new.get() != repeat.get();
        if show {
            vec![s::REPEAT_MISMATCH.text()]
        } else {
            Vec::new()
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        let invalid = !current_errors.get_untracked().is_empty()
            || !new_errors.get_untracked().is_empty()
            || !repeat_errors.get_untracked().is_empty();
        if invalid {
            error.set(Some(s::FORM_HAS_ERRORS.text()));
            return;
        }
        error.set(None);
        pending.set(true);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        spawn_local(async move {
            match api::auth::change_password(session, &request).await {
                Ok(tokens) => {
                    pending.set(false);
                    session.enter(tokens).await;
                }
                Err(e) => {
                    pending.set(false);
                    let fields = e.fields().to_vec();
                    error.set(Some(e.message()));
                    server_fields.set(fields);
                }
            }
        });
    };

    let saving = tr(s::SAVING);
    let save = tr(s::CHANGE_SUBMIT);
    let met = tr(s::RULE_MET);
    let not_met = tr(s::RULE_NOT_MET);
    view! {
        <AuthFrame signed_in=true>
            <h1>{tr(s::CHANGE_TITLE)}</h1>
            <p class="intro">{tr(s::CHANGE_INTRO)}</p>
            <form class="form" on:submit=submit novalidate=true data-testid="change-password-form">
                <ErrorAlert id="change-error" message=error />
                // lets password managers file the new password under the right account
                <input
                    type="text"
                    class="hidden"
                    name="username"
                    autocomplete="username"
                    tabindex="-1"
                    aria-hidden="true"
                    readonly=true
                    prop:value=move || session.username.get()
                />
                <TextField
                    id="current-password"
                    label=s::CURRENT_PASSWORD
                    value=current
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    errors=current_errors
                />
                <TextField
                    id="new-password"
                    label=s::NEW_PASSWORD
                    value=new
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    errors=new_errors
                    on_blur=Callback::new(move |_| touched_new.set(true))
                />
                <div class="rules" id="password-rules" data-testid="password-rules">
                    <h2 class="rules-title">{tr(s::RULES_TITLE)}</h2>
                    <ul>
                        {move || {
                            let fails = failing.get();
                            let empty = new.with(String::is_empty);
                            rule_list(lang.get())
                                .into_iter()
                                .map(|(rule, text)| {
                                    let ok = !empty && !fails.iter().any(|f| f.rule == rule);
                                    view! {
                                        <li
                                            class=if ok { "rule ok" } else { "rule" }
                                            data-rule=rule
                                            data-met=if ok { "true" } else { "false" }
                                        >
                                            <span class="rule-mark" aria-hidden="true">
                                                {if ok { "✓" } else { "•" }}
                                            </span>
                                            {text}
                                            <span class="sr-only">
                                                {if ok { met() } else { not_met() }}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                        <li class="rule note">
                            <span class="rule-mark" aria-hidden="true">"•"</span>
                            {move || reuse_note(lang.get())}
                        </li>
                    </ul>
                </div>
                <TextField
                    id="repeat-password"
                    label=s::REPEAT_PASSWORD
                    value=repeat
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    errors=repeat_errors
                    on_blur=Callback::new(move |_| touched_repeat.set(true))
                />
                <div class="form-actions">
                    <button
                        type="submit"
                        id="change-submit"
                        class="button primary wide"
                        aria-disabled=move || pending.get().then_some("true")
                    >
                        {move || if pending.get() { saving() } else { save() }}
                    </button>
                </div>
            </form>
        </AuthFrame>
    }
}

//! Labelled form fields that show their errors: `aria-invalid`, and `aria-describedby` pointing at
//! the hint and the error list.

use crate::i18n::{L, tr, use_lang};
use domain::FieldError;
use domain::text::Text;
use leptos::prelude::*;

/// The messages of `errors` that concern `field`.
pub fn errors_for(errors: &[FieldError], field: &str) -> Vec<Text> {
    errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.message.clone())
        .collect()
}

/// `aria-describedby` of a field: its hint and, when failing, its error list.
fn described_by(id: &str, hint: bool, invalid: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if invalid {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The error list of the field with input `id` (element id `{id}-error`).
#[component]
pub fn FieldErrors(
    /// Id of the input.
    #[prop(into)]
    id: String,
    /// Messages.
    #[prop(into)]
    errors: Signal<Vec<Text>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div id=format!("{id}-error") class="field-error" class:hidden=move || errors.with(Vec::is_empty)>
            {move || {
                errors
                    .get()
                    .into_iter()
                    .map(|e| view! { <p>{e.get(lang.get()).to_string()}</p> })
                    .collect_view()
            }}
        </div>
    }
}

/// A one-line input with label, optional hint and errors.
#[component]
pub fn TextField(
    /// Element id of the input.
    #[prop(into)]
    id: String,
    /// Label.
    label: L,
    /// Bound value.
    value: RwSignal<String>,
    /// Errors to show.
    #[prop(into, default = Signal::stored(Vec::new()))]
    errors: Signal<Vec<Text>>,
    /// `type` of the input.
    #[prop(default = "text")]
    kind: &'static str,
    /// `autocomplete` of the input.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// A hint shown under the label.
    #[prop(optional)]
    hint: Option<L>,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
    /// `inputmode` of the input.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Called when the input loses focus.
    #[prop(optional)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let invalid = move || errors.with(|e| !e.is_empty());
    let has_hint = hint.is_some();
    let id_d = id.clone();
    view! {
        <div class="field">
            <label for=id.clone()>
                {tr(label)}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="hint">{tr(h)}</p> })}
            <input
                id=id.clone()
                name=id.clone()
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&id_d, has_hint, invalid())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| {
                    if let Some(cb) = on_blur {
                        cb.run(());
                    }
                }
            />
            <FieldErrors id=id errors=errors />
        </div>
    }
}

/// A multi-line input with label, optional hint and errors.
#[component]
pub fn TextAreaField(
    /// Element id of the textarea.
    #[prop(into)]
    id: String,
    /// Label.
    label: L,
    /// Bound value.
    value: RwSignal<String>,
    /// Errors to show.
    #[prop(into, default = Signal::stored(Vec::new()))]
    errors: Signal<Vec<Text>>,
    /// A hint shown under the label.
    #[prop(optional)]
    hint: Option<L>,
    /// Visible rows.
    #[prop(default = 4)]
    rows: u32,
) -> impl IntoView {
    let invalid = move || errors.with(|e| !e.is_empty());
    let has_hint = hint.is_some();
    let id_d = id.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="hint">{tr(h)}</p> })}
            <textarea
                id=id.clone()
                name=id.clone()
                rows=rows
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&id_d, has_hint, invalid())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <FieldErrors id=id errors=errors />
        </div>
    }
}

/// A select with label and errors; `options` are `(value, label)` pairs.
#[component]
pub fn SelectField(
    /// Element id of the select.
    #[prop(into)]
    id: String,
    /// Label.
    label: L,
    /// Bound value (the option's value).
    value: RwSignal<String>,
    /// `(value, label)` pairs, reactive so labels follow the language.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Errors to show.
    #[prop(into, default = Signal::stored(Vec::new()))]
    errors: Signal<Vec<Text>>,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let invalid = move || errors.with(|e| !e.is_empty());
    let id_d = id.clone();
    view! {
        <div class="field">
            <label for=id.clone()>
                {tr(label)}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            <select
                id=id.clone()
                name=id.clone()
                required=required
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=move || described_by(&id_d, false, invalid())
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = v == current;
                            view! {
                                <option value=v selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <FieldErrors id=id errors=errors />
        </div>
    }
}

/// Which fields of a form show their errors: those left once (blur / change) and all after the
/// first submit; from then on they follow every keystroke.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    touched: RwSignal<Vec<&'static str>>,
    /// The form was submitted at least once.
    pub submitted: RwSignal<bool>,
}

impl FormState {
    /// A fresh form.
    pub fn new() -> Self {
        Self {
            touched: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
        }
    }

    /// Marks a field as left once.
    pub fn touch(&self, field: &'static str) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| t.push(field));
        }
    }

    /// A callback marking `field` as left once.
    pub fn on_blur(self, field: &'static str) -> Callback<()> {
        Callback::new(move |_| self.touch(field))
    }

    /// Whether the errors of `field` are shown (reactive).
    pub fn shown(&self, field: &str) -> bool {
        self.submitted.get() || self.touched.with(|t| t.contains(&field))
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

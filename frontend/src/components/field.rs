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
                    // an input removed with its form (saved, closed) still loses the focus
                    if let Some(cb) = on_blur {
                        let _ = cb.try_run(());
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

/// A checkbox with its label after it.
#[component]
pub fn CheckField(
    /// Element id of the checkbox.
    #[prop(into)]
    id: String,
    /// Label.
    label: L,
    /// Bound value.
    value: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="field check">
            <input
                id=id.clone()
                name=id.clone()
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{tr(label)}</label>
        </div>
    }
}

/// `(value, label)` options of a code list, optionally after an empty "choose" / "all" entry.
pub fn code_options<T: domain::CodeList>(
    lang: domain::text::Lang,
    empty: Option<L>,
) -> Vec<(String, String)> {
    empty
        .map(|e| (String::new(), e.get(lang).to_string()))
        .into_iter()
        .chain(
            T::all()
                .iter()
                .map(|v| (v.code().to_string(), v.text(lang).to_string())),
        )
        .collect()
}

/// Focuses the element with this id, if it is in the page.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Puts the focus into the first field of a form once it is in the page (also inside a dialog,
/// whose own opening would otherwise focus its close button).
pub fn focus_first_field(form: NodeRef<leptos::html::Form>) {
    Effect::new(move |_| {
        if let Some(node) = form.get() {
            gloo_timers::callback::Timeout::new(0, move || {
                use wasm_bindgen::JsCast;
                let first = node
                    .query_selector("input:not([type=hidden]):not([disabled]), select, textarea")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(el) = first {
                    let _ = el.focus();
                }
            })
            .forget();
        }
    });
}

/// Every failing field of a request: its `validate()` rules, then the cross-field rules of the
/// domain (`check`) — the same two steps the server takes.
pub fn rule_errors<T: validator::Validate>(request: &T, cross: Vec<FieldError>) -> Vec<FieldError> {
    let mut out = request
        .validate()
        .err()
        .map(|e| domain::error::field_errors(&e))
        .unwrap_or_default();
    out.extend(cross);
    out
}

/// The error of a select left on its empty entry.
pub fn choice_required(field: &str) -> FieldError {
    FieldError::new(field, "required", crate::i18n::strings::CHOOSE_ONE.text())
}

/// The field errors to show for `field`: the server's, and the rules' once the field was left or
/// the form submitted.
pub fn shown_errors(
    form: FormState,
    server: RwSignal<Vec<FieldError>>,
    checked: Memo<Vec<FieldError>>,
    field: &'static str,
) -> Signal<Vec<Text>> {
    Signal::derive(move || {
        let mut out = errors_for(&server.get(), field);
        if form.shown(field) {
            for e in errors_for(&checked.get(), field) {
                if !out.contains(&e) {
                    out.push(e);
                }
            }
        }
        out
    })
}

/// The state of a form's submission: its fields' visibility, whether a save is under way, the
/// error to announce and the server's field errors.
#[derive(Debug, Clone, Copy)]
pub struct Submit {
    /// Which fields show their errors.
    pub form: FormState,
    /// A save is under way.
    pub pending: RwSignal<bool>,
    /// The message above the form.
    pub error: RwSignal<Option<Text>>,
    /// The field errors the server answered with.
    pub server: RwSignal<Vec<FieldError>>,
}

impl Submit {
    /// A form not yet submitted.
    pub fn new() -> Self {
        Self {
            form: FormState::new(),
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
            server: RwSignal::new(Vec::new()),
        }
    }

    /// Starts a save: false (nothing sent) while one is under way or when a rule fails, whose
    /// errors then show.
    pub fn begin(&self, checked: &[FieldError]) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.form.submitted.set(true);
        self.server.set(Vec::new());
        if !checked.is_empty() {
            self.error
                .set(Some(crate::i18n::strings::FORM_HAS_ERRORS.text()));
            return false;
        }
        self.error.set(None);
        self.pending.set(true);
        true
    }

    /// Ends a save: the saved value goes to `on_ok`; an error shows with its fields.
    pub fn finish<T>(&self, result: Result<T, crate::api::ApiError>, on_ok: impl FnOnce(T)) {
        self.pending.set(false);
        match result {
            Ok(v) => on_ok(v),
            Err(e) => {
                self.server.set(e.fields().to_vec());
                self.error.set(Some(e.message()));
            }
        }
    }

    /// The rules of a form, re-run as it is typed: `request` builds the DTO from the fields and
    /// says which fields could not even be read (an empty choice or date: only that error shows
    /// for them); the DTO's `validate()` and the domain's cross-field `cross` do the rest.
    pub fn rules<R: validator::Validate + 'static>(
        &self,
        request: impl Fn() -> (R, Vec<FieldError>) + Send + Sync + 'static,
        cross: impl Fn(&R) -> Vec<FieldError> + Send + Sync + 'static,
    ) -> Memo<Vec<FieldError>> {
        let checked = Memo::new(move |_| {
            let (req, unread) = request();
            let mut out = rule_errors(&req, cross(&req));
            out.retain(|e| !unread.iter().any(|m| m.field == e.field));
            out.extend(unread);
            out
        });
        self.watch(checked);
        checked
    }

    /// The submit handler of a form: nothing is sent while a rule fails; `send` posts the request,
    /// and the saved value goes to `on_ok`.
    pub fn handler<R: 'static, T: 'static, Fut>(
        self,
        checked: Memo<Vec<FieldError>>,
        request: impl Fn() -> (R, Vec<FieldError>) + Copy + 'static,
        send: impl Fn(R) -> Fut + Copy + 'static,
        on_ok: impl Fn(T) + Copy + 'static,
    ) -> impl Fn(leptos::ev::SubmitEvent) + Copy + 'static
    where
        Fut: std::future::Future<Output = Result<T, crate::api::ApiError>> + 'static,
    {
        move |ev| {
            ev.prevent_default();
            if !self.begin(&checked.get_untracked()) {
                return;
            }
            let sending = send(request().0);
            leptos::task::spawn_local(async move {
                let result = sending.await;
                self.finish(result, on_ok);
            });
        }
    }

    /// Takes back "the form has errors" once the rules pass again.
    pub fn watch(&self, checked: Memo<Vec<FieldError>>) {
        let (error, submitted) = (self.error, self.form.submitted);
        Effect::new(move |_| {
            let clean = checked.with(Vec::is_empty);
            if clean
                && submitted.get_untracked()
                && error.with_untracked(|e| {
                    e.as_ref() == Some(&crate::i18n::strings::FORM_HAS_ERRORS.text())
                })
            {
                error.set(None);
            }
        });
    }

    /// The errors to show for `field`, given the rules' result.
    pub fn errors(&self, checked: Memo<Vec<FieldError>>, field: &'static str) -> Signal<Vec<Text>> {
        shown_errors(self.form, self.server, checked, field)
    }
}

impl Default for Submit {
    fn default() -> Self {
        Self::new()
    }
}

/// Save and cancel, with the keyboard hint (Enter saves, Esc cancels).
#[component]
pub fn FormActions(
    /// Element id of the save button.
    save_id: &'static str,
    /// The form's submission state.
    submit: Submit,
    /// Called on cancel.
    on_cancel: Callback<()>,
    /// The save button's label (default 保存 / Save).
    #[prop(optional)]
    label: Option<L>,
) -> impl IntoView {
    let lang = use_lang();
    let saving = crate::i18n::strings::SAVING;
    let save = label.unwrap_or(crate::i18n::strings::SAVE);
    view! {
        <div class="form-actions wide">
            <button
                type="submit"
                id=save_id
                class="button primary"
                aria-disabled=move || submit.pending.get().then_some("true")
            >
                {move || if submit.pending.get() { saving.get(lang.get()) } else { save.get(lang.get()) }}
            </button>
            <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                {tr(crate::i18n::strings::CANCEL)}
            </button>
            <span class="hint">{tr(crate::i18n::strings::KEYS_HINT)}</span>
        </div>
    }
}

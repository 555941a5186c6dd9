//! The agency form: `AgencyUpdate::validate()` for live errors, saved with the version read.

use crate::api;
use crate::components::{ErrorAlert, TextAreaField, TextField, errors_for};
use crate::i18n::{strings as s, tr};
use crate::session::use_session;
use domain::text::Text;
use domain::v1::agencies::{Agency, AgencyUpdate};
use domain::{ErrorCode, FieldError};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use validator::Validate;

/// Splits a list typed one per line or separated by commas.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(['\n', ',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The form's values, as typed.
#[derive(Clone, Copy)]
struct Values {
    name: RwSignal<String>,
    spec: RwSignal<String>,
    kind: RwSignal<String>,
    departments: RwSignal<String>,
    staff_quota: RwSignal<String>,
    staff_actual: RwSignal<String>,
    area_m2: RwSignal<String>,
    functions: RwSignal<String>,
    standardization: RwSignal<String>,
}

impl Values {
    fn of(a: &Agency) -> Self {
        Self {
            name: RwSignal::new(a.name.clone()),
            spec: RwSignal::new(a.spec.clone()),
            kind: RwSignal::new(a.kind.clone()),
            departments: RwSignal::new(a.departments.join("\n")),
            staff_quota: RwSignal::new(a.staff_quota.to_string()),
            staff_actual: RwSignal::new(a.staff_actual.to_string()),
            area_m2: RwSignal::new(a.area_m2.to_string()),
            functions: RwSignal::new(a.functions.join("\n")),
            standardization: RwSignal::new(a.standardization.clone()),
        }
    }

    /// The update and every failing field (number parsing, then the shared rules).
    fn to_update(self, version: i32) -> (AgencyUpdate, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut int = |field: &str, v: RwSignal<String>| {
            v.with(|t| t.trim().parse::<i32>()).unwrap_or_else(|_| {
                errors.push(FieldError::new(field, "number", s::NOT_A_NUMBER.text()));
                0
            })
        };
        let staff_quota = int("staff_quota", self.staff_quota);
        let staff_actual = int("staff_actual", self.staff_actual);
        let area_m2 = self
            .area_m2
            .with(|t| t.trim().parse::<f64>())
            .unwrap_or_else(|_| {
                errors.push(FieldError::new("area_m2", "number", s::NOT_A_NUMBER.text()));
                0.0
            });
        let update = AgencyUpdate {
            name: self.name.get().trim().to_string(),
            spec: self.spec.get().trim().to_string(),
            kind: self.kind.get().trim().to_string(),
            departments: split_list(&self.departments.get()),
            staff_quota,
            staff_actual,
            area_m2,
            functions: split_list(&self.functions.get()),
            standardization: self.standardization.get().trim().to_string(),
            version,
        };
        if let Err(e) = update.validate() {
            let parsed: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            errors.extend(
                domain::error::field_errors(&e)
                    .into_iter()
                    .filter(|e| !parsed.contains(&e.field)),
            );
        }
        (update, errors)
    }
}

/// Edits an agency.
#[component]
pub fn AgencyForm(
    /// The agency as read (its version is sent back).
    agency: Agency,
    /// Called with the saved agency.
    on_saved: Callback<Agency>,
    /// Called when editing is abandoned.
    on_cancel: Callback<()>,
    /// Called to reload after a version conflict.
    on_reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let values = Values::of(&agency);
    let version = agency.version;
    let code = agency.region_code.clone();
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<Text>);
    let conflict = RwSignal::new(false);
    let server_fields = RwSignal::new(Vec::<FieldError>::new());

    let checked = Memo::new(move |_| values.to_update(version).1);
    let field_errors = move |field: &'static str| {
        Signal::derive(move || {
            let mut out = errors_for(&server_fields.get(), field);
            if submitted.get() {
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
        submitted.set(true);
        server_fields.set(Vec::new());
        let (update, errors) = values.to_update(version);
        if !errors.is_empty() {
            error.set(Some(s::FORM_HAS_ERRORS.text()));
            return;
        }
        error.set(None);
        conflict.set(false);
        pending.set(true);
        let code = code.clone();
        spawn_local(async move {
            let result = api::agencies::update(session, &code, &update).await;
            pending.set(false);
            match result {
                Ok(saved) => on_saved.run(saved),
                Err(e) => {
                    conflict.set(e.is(ErrorCode::VersionConflict));
                    server_fields.set(e.fields().to_vec());
                    error.set(Some(e.message()));
                }
            }
        });
    };

    view! {
        <form class="form panel" on:submit=submit novalidate=true data-testid="agency-form">
            <h2>{tr(s::EDIT_AGENCY)}</h2>
            <ErrorAlert id="agency-error" message=error />
            <Show when=move || conflict.get()>
                <p>
                    <button type="button" class="button secondary" id="agency-reload" on:click=move |_| on_reload.run(())>
                        {tr(s::REFRESH)}
                    </button>
                </p>
            </Show>
            <TextField id="agency-name" label=s::AGENCY_NAME value=values.name required=true errors=field_errors("name") />
            <div class="grid-2">
                <TextField id="agency-spec" label=s::AGENCY_SPEC value=values.spec errors=field_errors("spec") />
                <TextField id="agency-kind" label=s::AGENCY_KIND value=values.kind errors=field_errors("kind") />
            </div>
            <TextAreaField
                id="agency-departments"
                label=s::AGENCY_DEPARTMENTS
                value=values.departments
                hint=s::LIST_HINT
                errors=field_errors("departments")
            />
            <div class="grid-3">
                <TextField
                    id="agency-staff-quota"
                    label=s::AGENCY_STAFF_QUOTA
                    value=values.staff_quota
                    inputmode="numeric"
                    errors=field_errors("staff_quota")
                />
                <TextField
                    id="agency-staff-actual"
                    label=s::AGENCY_STAFF_ACTUAL
                    value=values.staff_actual
                    inputmode="numeric"
                    errors=field_errors("staff_actual")
                />
                <TextField
                    id="agency-area"
                    label=s::AGENCY_AREA
                    value=values.area_m2
                    inputmode="decimal"
                    errors=field_errors("area_m2")
                />
            </div>
            <TextAreaField
                id="agency-functions"
                label=s::AGENCY_FUNCTIONS
                value=values.functions
                hint=s::LIST_HINT
                errors=field_errors("functions")
            />
            <TextField
                id="agency-standardization"
                label=s::AGENCY_STANDARDIZATION
                value=values.standardization
                errors=field_errors("standardization")
            />
            <div class="form-actions">
                <button type="submit" id="agency-save" class="button primary" aria-disabled=move || pending.get().then_some("true")>
                    {tr(s::SAVE)}
                </button>
                <button type="button" id="agency-cancel" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {tr(s::CANCEL)}
                </button>
            </div>
        </form>
    }
}

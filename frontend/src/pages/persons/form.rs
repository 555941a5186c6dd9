//! The person form: a new person (the certificate number checked and its facts shown as it is
//! typed), or the changes to one (sent as a `PATCH` with the version read).

use super::{age_today, level_type};
use crate::api;
use crate::components::region_cascade::cascade_value;
use crate::components::{
    CheckField, ErrorAlert, FormActions, RegionCascade, SelectField, Submit, TextField,
    choice_required, code_options, errors_for, focus_first_field, rule_errors,
};
use crate::dicts::use_dicts;
use crate::format;
use crate::i18n::{strings as s, tr, use_lang};
use crate::session::use_session;
use domain::ids::CertificateNo;
use domain::text::Lang;
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::persons::{Person, PersonCreate, PersonPatch, PersonUpdate};
use domain::v1::regions::{RegionQuery, RegionRef};
use domain::{HouseholdType, RegionLevel};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the certificate number says about its holder, in words.
pub fn certificate_facts(no: &CertificateNo, lang: Lang) -> String {
    let id = no.id_number();
    let birth = id.birth_date();
    let age = age_today(birth)
        .map(|a| match lang {
            Lang::Zh => format!("（{a}岁）"),
            Lang::En => format!(" (age {a})"),
        })
        .unwrap_or_default();
    let kind = level_type(no.disability_type(), no.disability_level(), lang);
    match lang {
        Lang::Zh => format!(
            "{} · 出生日期 {}{age} · {kind}",
            id.gender().label(lang),
            format::date(&birth)
        ),
        Lang::En => format!(
            "{} · born {}{age} · {kind}",
            id.gender().label(lang),
            format::date(&birth)
        ),
    }
}

/// Creates a person (`person` none) or edits one.
#[component]
pub fn PersonForm(
    /// The person as read, when editing.
    person: Option<Person>,
    /// Called with the saved person.
    on_saved: Callback<Person>,
    /// Called when abandoned.
    on_cancel: Callback<()>,
    /// Called to read the person again after someone else changed it (editing only).
    #[prop(optional)]
    on_reload: Option<Callback<()>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let dicts = use_dicts();
    let editing = person.clone();
    let is_edit = editing.is_some();
    let root: Option<RegionRef> = session.me.get_untracked().map(|m| m.region);

    let certificate = RwSignal::new(String::new());
    // the check character X is upper case, however it is typed
    Effect::new(move |_| {
        let typed = certificate.get();
        if typed.contains('x') {
            certificate.set(typed.to_uppercase());
        }
    });
    let name = RwSignal::new(editing.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let household = RwSignal::new(
        editing
            .as_ref()
            .map(|p| p.household_type.as_str().to_string())
            .unwrap_or_default(),
    );
    // phone and address arrive masked: when editing, an empty field leaves them as they are
    let phone = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let education = RwSignal::new(
        editing
            .as_ref()
            .map(|p| p.education.clone())
            .unwrap_or_default(),
    );
    let poverty = RwSignal::new(editing.as_ref().is_some_and(|p| p.poverty));
    let region = RwSignal::new(Vec::<String>::new());
    let initial_region = RwSignal::new(Vec::<String>::new());

    // editing: the cascade starts at the person's region (its ancestors below the user's region)
    if let (Some(p), Some(root)) = (editing.clone(), root.clone()) {
        spawn_local(async move {
            if let Ok(r) = api::regions::get(session, &p.region_code, &RegionQuery::default()).await
            {
                let below_root =
                    |depth: u8| depth > root.level.depth() && depth <= RegionLevel::County.depth();
                let mut path: Vec<String> = r
                    .ancestors
                    .iter()
                    .filter(|a| below_root(a.level.depth()))
                    .map(|a| a.code.clone())
                    .collect();
                if below_root(r.level.depth()) {
                    path.push(r.code.clone());
                }
                initial_region.set(path.clone());
                region.set(path);
            }
        });
    }

    let submit_state = Submit::new();
    let form = submit_state.form;
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);

    let opt = |v: RwSignal<String>| Some(v.get().trim().to_string()).filter(|t| !t.is_empty());
    let root_value = StoredValue::new(root.clone());
    let region_value = move || {
        root_value.with_value(|root| {
            root.as_ref()
                .map(|r| cascade_value(r, &region.get()))
                .unwrap_or_default()
        })
    };
    let household_value = move || HouseholdType::parse(&household.get());
    let create_request = move || PersonCreate {
        certificate_no: certificate.get().trim().to_uppercase(),
        name: name.get().trim().to_string(),
        region: region_value(),
        household_type: household_value().unwrap_or(HouseholdType::Urban),
        phone: opt(phone),
        address: opt(address),
        education: opt(education),
        poverty: poverty.get(),
    };
    let version = editing.as_ref().map(|p| p.version);
    let update_request = move || PersonUpdate {
        name: name.get().trim().to_string(),
        region: region_value(),
        household_type: household_value().unwrap_or(HouseholdType::Urban),
        phone: opt(phone),
        address: opt(address),
        education: opt(education),
        poverty: poverty.get(),
        version,
    };
    let checked = Memo::new(move |_| {
        let mut out = if is_edit {
            rule_errors(&update_request(), Vec::new())
        } else {
            rule_errors(&create_request(), Vec::new())
        };
        if household_value().is_none() {
            out.push(choice_required("household_type"));
        }
        out
    });
    submit_state.watch(checked);
    let errors = move |field: &'static str| submit_state.errors(checked, field);
    // the certificate number is checked as soon as it is complete, not only when left
    let certificate_errors = Signal::derive(move || {
        let mut out = errors("certificate_no").get();
        if out.is_empty() && certificate.with(|c| c.trim().chars().count() >= 20) {
            out = errors_for(&checked.get(), "certificate_no");
        }
        out
    });
    let facts = move || {
        CertificateNo::parse(certificate.get().trim().to_uppercase().as_str())
            .ok()
            .map(|c| certificate_facts(&c, lang.get()))
    };

    let editing_for_submit = editing.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !submit_state.begin(&checked.get_untracked()) {
            return;
        }
        let editing = editing_for_submit.clone();
        let create = create_request();
        let update = update_request();
        let region_changed = region.get_untracked() != initial_region.get_untracked();
        spawn_local(async move {
            let result = match editing {
                None => api::persons::create(session, &create).await,
                Some(p) => {
                    let patch = PersonPatch {
                        name: Some(update.name),
                        region: region_changed.then_some(update.region),
                        household_type: Some(update.household_type),
                        phone: update.phone.map(Some),
                        address: update.address.map(Some),
                        education: Some(update.education),
                        poverty: Some(update.poverty),
                        version: Some(p.version),
                    };
                    api::persons::patch(session, p.id, &patch).await
                }
            };
            submit_state.finish(result, |saved| {
                let _ = on_saved.try_run(saved);
            });
        });
    };

    let households =
        Signal::derive(move || code_options::<HouseholdType>(lang.get(), Some(s::CHOOSE)));
    let educations =
        Signal::derive(move || dicts.options(DictionaryKind::Education, lang.get(), s::CHOOSE));
    let masked_phone = editing
        .as_ref()
        .map(|p| p.phone.clone())
        .filter(|p| !p.is_empty());
    let masked_address = editing
        .as_ref()
        .map(|p| p.address.clone())
        .filter(|p| !p.is_empty());

    view! {
        <form class="form form-grid" node_ref=node on:submit=submit novalidate=true data-testid="person-form">
            <ErrorAlert id="person-form-error" message=submit_state.error />
            {match editing.clone() {
                None => {
                    view! {
                        <div class="field wide">
                            <TextField
                                id="person-certificate"
                                label=s::CERTIFICATE_NO
                                value=certificate
                                required=true
                                hint=s::CERTIFICATE_HINT
                                errors=certificate_errors
                                on_blur=form.on_blur("certificate_no")
                            />
                            <p class="derived" aria-live="polite" data-testid="certificate-facts">
                                {facts}
                            </p>
                        </div>
                    }
                        .into_any()
                }
                Some(p) => {
                    view! {
                        <div class="field wide">
                            <span class="label">{tr(s::CERTIFICATE_NO)}</span>
                            <p class="mono">{p.certificate_no.clone()}</p>
                        </div>
                    }
                        .into_any()
                }
            }}
            <TextField
                id="person-name"
                label=s::COL_NAME
                value=name
                required=true
                errors=errors("name")
                on_blur=form.on_blur("name")
            />
            <SelectField
                id="person-household"
                label=s::HOUSEHOLD_TYPE
                value=household
                options=households
                required=true
                errors=errors("household_type")
            />
            {root
                .clone()
                .map(|root| {
                    view! {
                        <div class="wide">
                            <RegionCascade
                                id="person-region"
                                label=s::PERSON_REGION
                                root=root
                                chosen=region
                                empty=s::CHOOSE
                                required=true
                                errors=errors("region")
                            />
                        </div>
                    }
                })}
            <div>
                <TextField
                id="person-phone"
                label=s::PHONE
                value=phone
                kind="tel"
                inputmode="tel"
                hint=if masked_phone.is_some() { s::KEEP_IF_EMPTY } else { s::OPTIONAL }
                errors=errors("phone")
                on_blur=form.on_blur("phone")
            />
            {masked_phone.map(|m| view! { <p class="hint current-value">{tr(s::CURRENT_VALUE)}{m}</p> })}
            </div>
            <div>
            <TextField
                id="person-address"
                label=s::ADDRESS
                value=address
                hint=if masked_address.is_some() { s::KEEP_IF_EMPTY } else { s::OPTIONAL }
                errors=errors("address")
                on_blur=form.on_blur("address")
            />
            {masked_address.map(|m| view! { <p class="hint current-value">{tr(s::CURRENT_VALUE)}{m}</p> })}
            </div>
            <SelectField
                id="person-education"
                label=s::EDUCATION
                value=education
                options=educations
                errors=errors("education")
            />
            <CheckField id="person-poverty" label=s::POVERTY value=poverty />
            {on_reload
                .map(|reload| {
                    let conflict = move || {
                        submit_state.error.with(|e| e.as_ref() == Some(&s::VERSION_CONFLICT.text()))
                    };
                    view! {
                        <Show when=conflict>
                            <p class="wide">
                                <button type="button" id="reread-person" class="button secondary" on:click=move |_| reload.run(())>
                                    {tr(s::REREAD_BUTTON)}
                                </button>
                            </p>
                        </Show>
                    }
                })}
            <FormActions save_id="save-person" submit=submit_state on_cancel=on_cancel />
        </form>
    }
}

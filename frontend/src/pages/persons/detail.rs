//! `/persons/{id}`: the person's facts and tabs for each kind of record, the timeline, and the
//! actions the role allows (edit, status change, the audited view of the full identifiers).

use super::form::PersonForm;
use super::list::PersonSearch;
use super::records::{EmploymentTab, GraduateTab, NeedsTab, TrainingTab};
use super::timeline::TimelineTab;
use super::{level_type, state_badge};
use crate::api;
use crate::components::{
    Dialog, ErrorAlert, FormActions, SelectField, StatusNote, Submit, TextField, choice_required,
    code_options, focus_first_field,
};
use crate::dicts::use_dicts;
use crate::format;
use crate::i18n::{L, colon, paren, strings as s, tr, use_lang};
use crate::pages::shell::NoAccess;
use crate::session::use_session;
use domain::Permission;
use domain::text::{Lang, Text};
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::persons::{
    Person, PersonStatus, PersonStatusChange, UnmaskRequest, UnmaskedPerson, check_status,
};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// The tabs of the person page: query value, label.
const TABS: &[(&str, L)] = &[
    ("basic", s::TAB_BASIC),
    ("employment", s::TAB_EMPLOYMENT),
    ("training", s::TAB_TRAINING),
    ("needs", s::TAB_NEEDS),
    ("graduate", s::TAB_GRADUATE),
    ("timeline", s::TAB_TIMELINE),
];

/// The person page.
#[component]
pub fn PersonPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::PersonRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let reload = RwSignal::new(0u32);
    // lives above the person's view, which is rebuilt when the person is read again
    let note = RwSignal::new(None::<Text>);
    let person = LocalResource::new(move || {
        let id = id.get();
        reload.track();
        async move { api::persons::get(session, id).await }
    });
    view! {
        <p class="back">
            <a href="/persons">{tr(s::BACK_TO_PERSONS)}</a>
        </p>
        {move || match person.get() {
            None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
            Some(Err(e)) => {
                let m = e.message();
                view! {
                    <h1>{tr(s::PERSON_TITLE)}</h1>
                    <p class="alert alert-error" role="alert">{move || m.get(lang.get()).to_string()}</p>
                }
                    .into_any()
            }
            Some(Ok(p)) => view! { <PersonView person=p reload=reload note=note /> }.into_any(),
        }}
    }
        .into_any()
}

/// The page of a loaded person.
#[component]
fn PersonView(
    person: Person,
    reload: RwSignal<u32>,
    note: RwSignal<Option<Text>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let navigate_away = navigate.clone();
    let can_write = session.can(Permission::PersonWrite);
    let can_unmask = session.can(Permission::PersonUnmask);
    let id = person.id;
    // the full date is shown only to those who may see identifiers; the rules get the earliest
    // date it can be (they then refuse only what is certainly wrong; the server checks exactly)
    let birth = person.birth_date_or_earliest();
    let tab = Memo::new(move |_| {
        query
            .with(|q| q.get("tab"))
            .filter(|t| TABS.iter().any(|(v, _)| v == t))
            .unwrap_or_else(|| "basic".to_string())
    });
    let go = move |t: &str| {
        navigate(
            &format!("/persons/{id}?tab={t}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let on_key = {
        let go = go.clone();
        move |ev: KeyboardEvent| {
            let current = TABS
                .iter()
                .position(|(v, _)| *v == tab.get_untracked())
                .unwrap_or(0);
            let next = match ev.key().as_str() {
                "ArrowRight" => (current + 1) % TABS.len(),
                "ArrowLeft" => (current + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            ev.prevent_default();
            go(TABS[next].0);
            crate::components::focus_id(&format!("tab-{}", TABS[next].0));
        }
    };
    let records_changed = RwSignal::new(0u32);
    let on_added = Callback::new(move |_| {
        records_changed.update(|n| *n += 1);
        reload.update(|n| *n += 1);
    });
    let editing = RwSignal::new(false);
    let changing_status = RwSignal::new(false);
    let unmasking = RwSignal::new(false);
    let close_edit = Callback::new(move |_| editing.set(false));
    let saved = Callback::new(move |_| {
        editing.set(false);
        changing_status.set(false);
        note.set(Some(s::SAVED.text()));
        reload.update(|n| *n += 1);
    });
    let person_saved = Callback::new(move |_: Person| saved.run(()));
    let from_region = person.region_code.clone();
    let list_notice = use_context::<PersonSearch>().map(|search| search.notice);
    // handed over to another county: the person now belongs to it; back to the list
    let status_saved = Callback::new(move |p: Person| {
        if p.region_code == from_region {
            saved.run(());
            return;
        }
        if let Some(notice) = list_notice {
            notice.set(Some(Text::new(
                format!("{} 已移交至 {}（{}）", p.name, p.region_name, p.region_code),
                format!(
                    "{} was handed over to {} ({})",
                    p.name, p.region_name, p.region_code
                ),
            )));
        }
        navigate_away("/persons", Default::default());
    });
    // a save refused because someone else changed the person: read it again
    let reread = Callback::new(move |_| {
        editing.set(false);
        note.set(Some(s::REREAD.text()));
        reload.update(|n| *n += 1);
    });
    let close_status = Callback::new(move |_| changing_status.set(false));
    let close_unmask = Callback::new(move |_| unmasking.set(false));
    let status = person.status;
    let stored = StoredValue::new(person.clone());

    view! {
        <div class="page-head">
            <h1>
                {person.name.clone()}
                <span class="muted title-extra">{person.certificate_no.clone()}</span>
            </h1>
            <div class="head-actions">
                {can_write
                    .then(|| {
                        view! {
                            <button type="button" id="edit-person" class="button secondary" on:click=move |_| editing.set(true)>
                                {tr(s::EDIT)}
                            </button>
                            <button type="button" id="change-status" class="button secondary" on:click=move |_| changing_status.set(true)>
                                {tr(s::CHANGE_STATUS)}
                            </button>
                        }
                    })}
                {can_unmask
                    .then(|| {
                        view! {
                            <button type="button" id="unmask" class="button secondary" on:click=move |_| unmasking.set(true)>
                                {tr(s::SHOW_FULL_IDS)}
                            </button>
                        }
                    })}
            </div>
        </div>
        <p class="person-summary" data-testid="person-summary">
            <span class=match status {
                PersonStatus::Active => "badge badge-ok",
                _ => "badge badge-muted",
            }>{move || status.label(lang.get())}</span>
            " "
            {
                let (g, t, l, h) = (person.gender, person.disability_type, person.disability_level, person.household_type);
                let age = Some(person.age);
                let region = (person.region_name.clone(), person.region_code.clone());
                move || {
                    let lang = lang.get();
                    let age = age
                        .map(|a| match lang {
                            Lang::Zh => format!("{a}岁"),
                            Lang::En => format!("age {a}"),
                        })
                        .unwrap_or_default();
                    format!(
                        "{} · {age} · {} · {} · {}",
                        g.label(lang),
                        level_type(t, l, lang),
                        h.label(lang),
                        paren(lang, &region.0, &region.1)
                    )
                }
            }
            " "
            <span class="muted">{tr(s::EMPLOYMENT_STATE)}{move || colon(lang.get())}</span>
            {
                let state = person.employment_state;
                move || state_badge(state, lang.get())
            }
        </p>
        <StatusNote message=note />
        <div class="tabs" role="tablist" aria-label=tr(s::PERSON_RECORDS) on:keydown=on_key>
            {TABS
                .iter()
                .map(|(value, label)| {
                    let value = *value;
                    let go = go.clone();
                    let selected = move || tab.get() == value;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=format!("tab-{value}")
                            aria-controls="tab-panel"
                            aria-selected=move || if selected() { "true" } else { "false" }
                            tabindex=move || if selected() { "0" } else { "-1" }
                            class:active=selected
                            on:click=move |_| go(value)
                        >
                            {tr(*label)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <section
            class="panel tab-panel"
            id="tab-panel"
            role="tabpanel"
            aria-labelledby=move || format!("tab-{}", tab.get())
        >
            {move || match tab.get().as_str() {
                "employment" => view! { <EmploymentTab person_id=id birth=birth can_write=can_write on_added=on_added /> }.into_any(),
                "training" => view! { <TrainingTab person_id=id can_write=can_write on_added=on_added /> }.into_any(),
                "needs" => view! { <NeedsTab person_id=id can_write=can_write on_added=on_added /> }.into_any(),
                "graduate" => view! { <GraduateTab person_id=id birth=birth can_write=can_write on_added=on_added /> }.into_any(),
                "timeline" => view! { <TimelineTab person_id=id changed=records_changed /> }.into_any(),
                _ => view! { <BasicFacts person=person.clone() /> }.into_any(),
            }}
        </section>
        <Show when=move || editing.get()>
            <Dialog id="edit-person-dialog" title=s::EDIT_PERSON on_close=close_edit>
                <PersonForm
                    person=Some(stored.get_value())
                    on_saved=person_saved
                    on_cancel=close_edit
                    on_reload=reread
                />
            </Dialog>
        </Show>
        <Show when=move || changing_status.get()>
            <Dialog id="status-dialog" title=s::CHANGE_STATUS on_close=close_status>
                <StatusForm person=stored.get_value() on_saved=status_saved on_cancel=close_status />
            </Dialog>
        </Show>
        <Show when=move || unmasking.get()>
            <Dialog id="unmask-dialog" title=s::SHOW_FULL_IDS on_close=close_unmask>
                <UnmaskForm person_id=id on_cancel=close_unmask />
            </Dialog>
        </Show>
    }
}

/// The "basic" tab: everything the person record holds.
#[component]
fn BasicFacts(person: Person) -> impl IntoView {
    let lang = use_lang();
    let dicts = use_dicts();
    let p = person;
    let dash = |v: &str| {
        if v.trim().is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    let education = p.education.clone();
    let (status, status_date, moved_to) = (p.status, p.status_date, p.moved_to.clone());
    let completeness = p.completeness;
    view! {
        <h2>{tr(s::TAB_BASIC)}</h2>
        <dl class="facts" data-testid="person-facts">
            <dt>{tr(s::COL_NAME)}</dt>
            <dd>{p.name.clone()}</dd>
            <dt>{tr(s::CERTIFICATE_NO)}</dt>
            <dd class="mono">{p.certificate_no.clone()}</dd>
            <dt>{tr(s::GENDER)}</dt>
            <dd>{let g = p.gender; move || g.label(lang.get())}</dd>
            <dt>{tr(if p.birth_date.is_some() { s::BIRTH_DATE } else { s::BIRTH_YEAR })}</dt>
            <dd>{match p.birth_date {
                Some(d) => format::date(&d).into_any(),
                None => {
                    let y = p.birth_year;
                    (move || match lang.get() {
                        Lang::Zh => format!("{y}年"),
                        Lang::En => y.to_string(),
                    })
                    .into_any()
                }
            }}</dd>
            <dt>{tr(s::DISABILITY)}</dt>
            <dd>{let (t, l) = (p.disability_type, p.disability_level); move || level_type(t, l, lang.get())}</dd>
            <dt>{tr(s::COL_REGION)}</dt>
            <dd>{let (n, c) = (p.region_name.clone(), p.region_code.clone()); move || paren(lang.get(), &n, &c)}</dd>
            <dt>{tr(s::HOUSEHOLD_TYPE)}</dt>
            <dd>{let h = p.household_type; move || h.label(lang.get())}</dd>
            <dt>{tr(s::PHONE)}</dt>
            <dd class="mono">{dash(&p.phone)}</dd>
            <dt>{tr(s::ADDRESS)}</dt>
            <dd>{dash(&p.address)}</dd>
            <dt>{tr(s::EDUCATION)}</dt>
            <dd>{move || dicts.label(DictionaryKind::Education, Some(&education), lang.get())}</dd>
            <dt>{tr(s::POVERTY)}</dt>
            <dd>{let v = p.poverty; move || if v { s::YES.get(lang.get()) } else { s::NO.get(lang.get()) }}</dd>
            <dt>{tr(s::PERSON_STATUS)}</dt>
            <dd>
                {move || {
                    let l = lang.get();
                    let mut t = status.label(l).to_string();
                    if let Some(d) = status_date {
                        t.push_str(&format!(" · {}", format::date(&d)));
                    }
                    if let Some(m) = &moved_to {
                        t.push_str(&format!(" → {m}"));
                    }
                    t
                }}
            </dd>
            <dt>{tr(s::GRADUATE)}</dt>
            <dd>{p.graduate_year.map(|y| y.to_string()).unwrap_or_else(|| "—".into())}</dd>
            <dt>{tr(s::COMPLETENESS)}</dt>
            <dd>
                <meter min="0" max="100" low="60" high="99" optimum="100" value=completeness aria-label=tr(s::COMPLETENESS)></meter>
                {format!(" {completeness}%")}
            </dd>
            <dt>{tr(s::LATE_RECORDS)}</dt>
            <dd>{p.late_records}</dd>
            <dt>{tr(s::COL_CREATED)}</dt>
            <dd>{format::datetime(&p.created_at)}</dd>
            <dt>{tr(s::LAST_CHANGED)}</dt>
            <dd>{format!("{} · {} {}", format::datetime(&p.updated_at), s::VERSION_NO.get(lang.get_untracked()), p.version)}</dd>
        </dl>
    }
}

/// Moved out (with the destination), deceased, or restored.
#[component]
fn StatusForm(
    person: Person,
    on_saved: Callback<Person>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let status = RwSignal::new(String::new());
    let date = RwSignal::new(format::date(&format::today()));
    let destination = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let submit = Submit::new();
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);
    let (id, birth, version) = (person.id, person.birth_date_or_earliest(), person.version);
    let request = move || {
        let mut manual = Vec::new();
        let st = PersonStatus::parse(&status.get());
        if st.is_none() {
            manual.push(choice_required("status"));
        }
        let d = format::parse_date(&date.get()).unwrap_or_else(|| {
            manual.push(domain::FieldError::new(
                "date",
                "required",
                s::DATE_REQUIRED.text(),
            ));
            format::today()
        });
        let st = st.unwrap_or(PersonStatus::Deceased);
        let req = PersonStatusChange {
            status: st,
            date: d,
            destination: (st == PersonStatus::MovedOut)
                .then(|| destination.get().trim().to_string())
                .filter(|v| !v.is_empty()),
            note: Some(note.get().trim().to_string()).filter(|v| !v.is_empty()),
            version: Some(version),
        };
        (req, manual)
    };
    let checked = submit.rules(request, move |req| {
        check_status(req, birth, format::today())
    });
    let errors = move |f: &'static str| submit.errors(checked, f);
    let on_submit = submit.handler(
        checked,
        request,
        move |req| async move { api::persons::change_status(session, id, &req).await },
        move |p| {
            let _ = on_saved.try_run(p);
        },
    );
    let statuses =
        Signal::derive(move || code_options::<PersonStatus>(lang.get(), Some(s::CHOOSE)));
    view! {
        <form class="form" node_ref=node on:submit=on_submit novalidate=true data-testid="status-form">
            <ErrorAlert id="status-error" message=submit.error />
            <SelectField id="status-value" label=s::PERSON_STATUS value=status options=statuses required=true errors=errors("status") />
            <TextField id="status-date" label=s::STATUS_DATE value=date kind="date" required=true errors=errors("date") on_blur=submit.form.on_blur("date") />
            <Show when=move || status.get() == PersonStatus::MovedOut.as_str()>
                <TextField
                    id="status-destination"
                    label=s::DESTINATION
                    value=destination
                    inputmode="numeric"
                    required=true
                    hint=s::DESTINATION_HINT
                    errors=errors("destination")
                    on_blur=submit.form.on_blur("destination")
                />
            </Show>
            <TextField id="status-note" label=s::NOTE value=note hint=s::OPTIONAL errors=errors("note") />
            <FormActions save_id="save-status" submit=submit on_cancel=on_cancel />
        </form>
    }
}

/// Asks the purpose, then shows the full identifiers (the view is audited).
#[component]
fn UnmaskForm(person_id: i64, on_cancel: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let purpose = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<UnmaskedPerson>);
    let submit = Submit::new();
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);
    let request = move || UnmaskRequest {
        purpose: purpose.get().trim().to_string(),
    };
    let request = move || (request(), Vec::new());
    let checked = submit.rules(request, |_| Vec::new());
    let on_submit = submit.handler(
        checked,
        request,
        move |req| async move { api::persons::unmask(session, person_id, &req).await },
        move |u| shown.set(Some(u)),
    );
    view! {
        {move || match shown.get() {
            Some(u) => {
                let l = lang.get();
                view! {
                    <dl class="facts" data-testid="unmasked">
                        <dt>{s::CERTIFICATE_NO.get(l)}</dt>
                        <dd class="mono">{u.certificate_no.clone()}</dd>
                        <dt>{s::PHONE.get(l)}</dt>
                        <dd class="mono">{if u.phone.is_empty() { "—".into() } else { u.phone.clone() }}</dd>
                        <dt>{s::ADDRESS.get(l)}</dt>
                        <dd>{if u.address.is_empty() { "—".into() } else { u.address.clone() }}</dd>
                    </dl>
                    <p class="hint">{format!("{}{}", s::UNMASK_LOGGED.get(l), colon(l))}{purpose.get_untracked()}</p>
                    <div class="form-actions">
                        <button type="button" class="button primary" on:click=move |_| on_cancel.run(())>{tr(s::CLOSE)}</button>
                    </div>
                }
                    .into_any()
            }
            None => {
                view! {
                    <form class="form" node_ref=node on:submit=on_submit novalidate=true data-testid="unmask-form">
                        <p>{tr(s::UNMASK_INTRO)}</p>
                        <ErrorAlert id="unmask-error" message=submit.error />
                        <TextField
                            id="unmask-purpose"
                            label=s::PURPOSE
                            value=purpose
                            required=true
                            hint=s::PURPOSE_HINT
                            errors=submit.errors(checked, "purpose")
                            on_blur=submit.form.on_blur("purpose")
                        />
                        <FormActions save_id="confirm-unmask" submit=submit on_cancel=on_cancel label=s::SHOW />
                    </form>
                }
                    .into_any()
            }
        }}
    }
}

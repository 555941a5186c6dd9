//! `/agency` (the user's own) and `/agencies/{code}`.

use super::form::AgencyForm;
use crate::api;
use crate::components::StatusNote;
use crate::format;
use crate::i18n::{paren, strings as s, tr, use_lang};
use crate::pages::shell::NoAccess;
use crate::session::use_session;
use domain::Permission;
use domain::text::Text;
use domain::v1::agencies::Agency;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The agency page: facts, and the form for those who may edit.
#[component]
pub fn AgencyPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::AgencyRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let lang = use_lang();
    let params = use_params_map();
    let own = session
        .me
        .with_untracked(|m| m.as_ref().map(|m| m.region.code.clone()))
        .unwrap_or_default();
    let code = Memo::new(move |_| {
        params
            .with(|p| p.get("code"))
            .unwrap_or_else(|| own.clone())
    });
    let agency = LocalResource::new(move || {
        let code = code.get();
        async move { api::agencies::get(session, &code).await }
    });
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(None::<Text>);
    let can_edit = session.can(Permission::AgencyWrite);

    // leaving for another agency ends editing
    Effect::new(move |_| {
        code.track();
        editing.set(false);
        saved.set(None);
    });

    let on_saved = Callback::new(move |_: Agency| {
        editing.set(false);
        saved.set(Some(s::SAVED.text()));
        agency.refetch();
    });
    let on_cancel = Callback::new(move |_| editing.set(false));
    let on_reload = Callback::new(move |_| agency.refetch());

    view! {
        <h1>{tr(s::AGENCY_TITLE)}</h1>
        <StatusNote message=saved />
        {move || match agency.get() {
            None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
            Some(Err(e)) => {
                let message = e.message();
                view! { <p class="alert alert-error" role="alert">{move || message.get(lang.get()).to_string()}</p> }
                    .into_any()
            }
            Some(Ok(a)) => {
                if editing.get() {
                    view! { <AgencyForm agency=a on_saved=on_saved on_cancel=on_cancel on_reload=on_reload /> }.into_any()
                } else {
                    view! {
                        <AgencyFacts agency=a />
                        {can_edit
                            .then(|| {
                                view! {
                                    <div class="form-actions">
                                        <button
                                            type="button"
                                            id="agency-edit"
                                            class="button primary"
                                            on:click=move |_| {
                                                saved.set(None);
                                                editing.set(true);
                                            }
                                        >
                                            {tr(s::EDIT)}
                                        </button>
                                    </div>
                                }
                            })}
                    }
                        .into_any()
                }
            }
        }}
    }
        .into_any()
}

/// The agency's fields as a description list.
#[component]
fn AgencyFacts(agency: Agency) -> impl IntoView {
    let lang = use_lang();
    let list = |items: &[String]| -> AnyView {
        if items.is_empty() {
            view! { <span>"—"</span> }.into_any()
        } else {
            let items = items.to_vec();
            view! { <ul class="plain-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
    };
    let departments = list(&agency.departments);
    let functions = list(&agency.functions);
    let dash = |v: &str| {
        if v.trim().is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    view! {
        <section class="panel" aria-labelledby="agency-name-title" data-testid="agency-detail">
            <h2 id="agency-name-title">{dash(&agency.name)}</h2>
            <dl class="facts">
                <dt>{tr(s::AGENCY_REGION)}</dt>
                <dd>
                    <a href=format!("/regions/{}", agency.region_code)>
                        {
                            let (name, code) = (agency.region_name.clone(), agency.region_code.clone());
                            move || paren(lang.get(), &name, &code)
                        }
                    </a>
                </dd>
                <dt>{tr(s::AGENCY_SPEC)}</dt>
                <dd>{dash(&agency.spec)}</dd>
                <dt>{tr(s::AGENCY_KIND)}</dt>
                <dd>{dash(&agency.kind)}</dd>
                <dt>{tr(s::AGENCY_DEPARTMENTS)}</dt>
                <dd>{departments}</dd>
                <dt>{tr(s::AGENCY_STAFF_QUOTA)}</dt>
                <dd>{agency.staff_quota}</dd>
                <dt>{tr(s::AGENCY_STAFF_ACTUAL)}</dt>
                <dd>{agency.staff_actual}</dd>
                <dt>{tr(s::AGENCY_AREA)}</dt>
                <dd>{agency.area_m2}</dd>
                <dt>{tr(s::AGENCY_FUNCTIONS)}</dt>
                <dd>{functions}</dd>
                <dt>{tr(s::AGENCY_STANDARDIZATION)}</dt>
                <dd>{dash(&agency.standardization)}</dd>
                <dt>{tr(s::AGENCY_UPDATED)}</dt>
                <dd>{format::datetime(&agency.updated_at)}</dd>
                <dt>{tr(s::AGENCY_VERSION)}</dt>
                <dd>{agency.version}</dd>
            </dl>
        </section>
    }
}

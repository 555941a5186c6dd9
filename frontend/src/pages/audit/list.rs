//! `/audit`: action prefix, actor, date range; newest first.

use crate::api;
use crate::components::loaded;
use crate::components::{DataTable, EmptyRow, ErrorAlert, Pager};
use crate::format;
use crate::i18n::{strings as s, tr};
use crate::pages::shell::NoAccess;
use crate::session::use_session;
use chrono::Days;
use domain::Permission;
use domain::text::Text;
use domain::v1::audit::{AuditEntry, AuditQuery};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use validator::Validate;

const PER_PAGE: u32 = 50;

fn first_page() -> AuditQuery {
    AuditQuery {
        page: Some(1),
        per_page: Some(PER_PAGE),
        ..Default::default()
    }
}

/// The audit log page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::AuditRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let action = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let filter_error = RwSignal::new(None::<Text>);
    let query = RwSignal::new(first_page());

    let page = LocalResource::new(move || {
        let query = query.get();
        async move { api::audit::list(session, &query).await }
    });

    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        let from_day = format::parse_date(&from.get_untracked());
        let to_day = format::parse_date(&to.get_untracked());
        if let (Some(f), Some(t)) = (from_day, to_day)
            && t < f
        {
            filter_error.set(Some(s::DATE_ORDER.text()));
            return;
        }
        let next = AuditQuery {
            action: Some(action.get_untracked().trim().to_string()).filter(|v| !v.is_empty()),
            actor: Some(actor.get_untracked().trim().to_string()).filter(|v| !v.is_empty()),
            from: from_day.and_then(format::local_midnight),
            // the whole "to" day is included: entries before the next local midnight
            to: to_day
                .and_then(|d| d.checked_add_days(Days::new(1)))
                .and_then(format::local_midnight),
            page: Some(1),
            per_page: Some(PER_PAGE),
        };
        if let Err(e) = next.validate() {
            filter_error.set(
                domain::error::field_errors(&e)
                    .into_iter()
                    .next()
                    .map(|f| f.message),
            );
            return;
        }
        filter_error.set(None);
        query.set(next);
    };
    let reset = move |_| {
        action.set(String::new());
        actor.set(String::new());
        from.set(String::new());
        to.set(String::new());
        filter_error.set(None);
        query.set(first_page());
    };
    let on_page = Callback::new(move |p: u32| query.update(|q| q.page = Some(p)));
    let meta = Signal::derive(move || page.get().and_then(|r| r.ok()).map(|p| p.page));
    let headers = vec![
        s::COL_TIME,
        s::COL_ACTOR,
        s::COL_IP,
        s::COL_ACTION,
        s::COL_TARGET,
        s::COL_REGION,
        s::CHANGES,
    ];

    let text_filter = move |id: &'static str, label, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };
    let date_filter = move |id: &'static str, label, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input
                    id=id
                    type="date"
                    prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <h1>{tr(s::AUDIT_TITLE)}</h1>
        <form class="filters" role="search" on:submit=search data-testid="audit-filters">
            {text_filter("audit-action", s::FILTER_ACTION, action)}
            {text_filter("audit-actor", s::FILTER_ACTOR, actor)}
            {date_filter("audit-from", s::FILTER_FROM, from)}
            {date_filter("audit-to", s::FILTER_TO, to)}
            <div class="filter-actions">
                <button type="submit" id="audit-search" class="button primary">
                    {tr(s::SEARCH)}
                </button>
                <button type="button" class="button secondary" on:click=reset>
                    {tr(s::RESET)}
                </button>
            </div>
        </form>
        <ErrorAlert message=filter_error />
        {loaded(page, move |p| {
                let empty = p.items.is_empty();
                view! {
                    <DataTable caption=s::AUDIT_TABLE headers=headers.clone() testid="audit-table">
                        {empty.then(|| view! { <EmptyRow colspan=7 /> })}
                        {p.items.into_iter().map(|e| view! { <AuditRow entry=e /> }).collect_view()}
                    </DataTable>
                }
        })}
        <Pager meta=meta on_page=on_page />
    }
    .into_any()
}

fn pretty(value: &Option<serde_json::Value>) -> Option<String> {
    value
        .as_ref()
        .map(|v| serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string()))
}

/// The action's label in the current language, with its code beside it.
fn action_cell(action: String) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let code = action.clone();
    view! {
        <span>{move || domain::v1::audit::action_label(&action, lang.get()).unwrap_or("")}</span>
        " "
        <code class="muted">{code}</code>
    }
}

#[component]
fn AuditRow(entry: AuditEntry) -> impl IntoView {
    let before = pretty(&entry.before);
    let after = pretty(&entry.after);
    let has_changes = before.is_some() || after.is_some();
    view! {
        <tr data-testid=format!("audit-row-{}", entry.id)>
            <td class="nowrap">{format::datetime_seconds(&entry.at)}</td>
            <td>{entry.actor}</td>
            <td>{entry.ip.unwrap_or_else(|| "—".to_string())}</td>
            <td>{action_cell(entry.action.clone())}</td>
            <td>
                {format!("{}: {}", entry.target_kind, entry.target_id)}
                {(entry.target_kind == "person")
                    .then(|| {
                        view! {
                            " "
                            <a
                                href=format!("/access?person_id={}", entry.target_id)
                                data-testid="audit-person-access"
                            >
                                {tr(s::VIEW_ACCESS)}
                            </a>
                        }
                    })}
            </td>
            <td>{entry.region_code}</td>
            <td>
                {has_changes
                    .then(|| {
                        view! {
                            <details>
                                <summary>{tr(s::DETAILS)}</summary>
                                {before
                                    .map(|b| {
                                        view! {
                                            <p class="json-label">{tr(s::BEFORE)}</p>
                                            <pre class="json">{b}</pre>
                                        }
                                    })}
                                {after
                                    .map(|a| {
                                        view! {
                                            <p class="json-label">{tr(s::AFTER)}</p>
                                            <pre class="json">{a}</pre>
                                        }
                                    })}
                            </details>
                        }
                    })}
            </td>
        </tr>
    }
}

//! `/access`: who read which person's data, or which list, when and from where; filters by
//! person, account, kind and dates; newest first. Opened with `?person_id=` from an audit entry.

use crate::api;
use crate::components::loaded;
use crate::components::{DataTable, EmptyRow, ErrorAlert, Pager, SelectField, code_options};
use crate::format;
use crate::i18n::{strings as s, tr, use_lang};
use crate::pages::shell::NoAccess;
use crate::session::use_session;
use chrono::Days;
use domain::Permission;
use domain::text::Text;
use domain::v1::access::{AccessEntry, AccessKind, AccessQuery};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use validator::Validate;

const PER_PAGE: u32 = 50;

/// The access log page.
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::AuditRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let lang = use_lang();
    let start = use_query_map()
        .with_untracked(|q| q.get("person_id"))
        .unwrap_or_default();
    let person = RwSignal::new(start.clone());
    let actor = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let filter_error = RwSignal::new(None::<Text>);
    let query = RwSignal::new(AccessQuery {
        person_id: start.trim().parse().ok(),
        page: Some(1),
        per_page: Some(PER_PAGE),
        ..Default::default()
    });

    let page = LocalResource::new(move || {
        let query = query.get();
        async move { api::access::list(session, &query).await }
    });

    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        let person_text = person.get_untracked();
        let person_id = match person_text.trim() {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    filter_error.set(Some(s::PERSON_ID_NUMBER.text()));
                    return;
                }
            },
        };
        let from_day = format::parse_date(&from.get_untracked());
        let to_day = format::parse_date(&to.get_untracked());
        if let (Some(f), Some(t)) = (from_day, to_day)
            && t < f
        {
            filter_error.set(Some(s::DATE_ORDER.text()));
            return;
        }
        let next = AccessQuery {
            person_id,
            actor: Some(actor.get_untracked().trim().to_string()).filter(|v| !v.is_empty()),
            kind: AccessKind::parse(&kind.get_untracked()),
            from: from_day.and_then(format::local_midnight),
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
        for f in [person, actor, kind, from, to] {
            f.set(String::new());
        }
        filter_error.set(None);
        query.set(AccessQuery {
            page: Some(1),
            per_page: Some(PER_PAGE),
            ..Default::default()
        });
    };
    let on_page = Callback::new(move |p: u32| query.update(|q| q.page = Some(p)));
    let meta = Signal::derive(move || page.get().and_then(|r| r.ok()).map(|p| p.page));
    let headers = vec![
        s::COL_TIME,
        s::COL_READER,
        s::COL_IP,
        s::COL_READ_KIND,
        s::COL_PERSON_ID,
        s::COL_REGION,
        s::COL_QUERY,
        s::COL_ROWS,
    ];
    let field = move |id: &'static str, label, value: RwSignal<String>, ty: &'static str| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input
                    id=id
                    type=ty
                    autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:change=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <h1>{tr(s::ACCESS_TITLE)}</h1>
        <p class="muted">{tr(s::ACCESS_INTRO)}</p>
        <form class="filters" role="search" on:submit=search data-testid="access-filters">
            {field("access-person", s::FILTER_PERSON_ID, person, "text")}
            {field("access-actor", s::COL_READER, actor, "text")}
            <SelectField
                id="access-kind"
                label=s::COL_READ_KIND
                value=kind
                options=Signal::derive(move || code_options::<AccessKind>(lang.get(), Some(s::ALL)))
            />
            {field("access-from", s::FILTER_FROM, from, "date")}
            {field("access-to", s::FILTER_TO, to, "date")}
            <div class="filter-actions">
                <button type="submit" id="access-search" class="button primary">
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
                    <DataTable caption=s::ACCESS_TABLE headers=headers.clone() testid="access-table">
                        {empty.then(|| view! { <EmptyRow colspan=8 /> })}
                        {p.items.into_iter().map(|e| view! { <AccessRow entry=e /> }).collect_view()}
                    </DataTable>
                }
        })}
        <Pager meta=meta on_page=on_page />
    }
    .into_any()
}

/// A query's filters as `name = value` pairs (names and numbers are keyed hashes already).
fn query_text(q: &Option<serde_json::Value>) -> String {
    match q {
        Some(serde_json::Value::Object(m)) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(_) => "—".to_string(),
        None => String::new(),
    }
}

#[component]
fn AccessRow(entry: AccessEntry) -> impl IntoView {
    let lang = use_lang();
    let kind = entry.kind;
    view! {
        <tr data-testid=format!("access-row-{}", entry.id)>
            <td class="nowrap">{format::datetime_seconds(&entry.at)}</td>
            <td>{entry.actor}</td>
            <td>{entry.ip.unwrap_or_else(|| "—".to_string())}</td>
            <td>{move || kind.label(lang.get())}</td>
            <td>{entry.person_id.map(|p| p.to_string()).unwrap_or_default()}</td>
            <td>{entry.region_code}</td>
            <td class="query">{query_text(&entry.query)}</td>
            <td class="number">{entry.rows}</td>
        </tr>
    }
}

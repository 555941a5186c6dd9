//! `/accounts`: filters, the paged table, row actions, the new sub-account dialog.

use super::actions::{AccountActions, AccountDialogs, Controls};
use super::form::NewAccountForm;
use crate::api;
use crate::components::loaded;
use crate::components::{DataTable, Dialog, EmptyRow, ErrorAlert, Pager, StatusNote};
use crate::format;
use crate::i18n::{paren, strings as s, tr, use_lang};
use crate::pages::shell::{NoAccess, display_name};
use crate::session::use_session;
use domain::text::Lang;
use domain::v1::accounts::{Account, AccountQuery, CreatedAccount, OneTimePassword};
use domain::{AccountStatus, Permission};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

const PER_PAGE: u32 = 20;

/// The badges of an account's flags.
pub fn flags(account: &Account, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if account.must_change_password {
        out.push(s::FLAG_MUST_CHANGE.get(lang).to_string());
    }
    if !account.agreement_accepted && account.status != AccountStatus::Pending {
        out.push(s::FLAG_NO_AGREEMENT.get(lang).to_string());
    }
    if let Some(until) = account.locked_until
        && until
            > chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or(until)
    {
        out.push(format!(
            "{} {}",
            s::FLAG_LOCKED.get(lang),
            format::datetime(&until)
        ));
    }
    out
}

/// CSS class of a status badge.
pub fn status_class(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Active => "badge badge-ok",
        AccountStatus::Pending => "badge badge-info",
        AccountStatus::Disabled | AccountStatus::Cancelled => "badge badge-muted",
        AccountStatus::Dormant => "badge badge-warn",
    }
}

/// The accounts page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::AccountRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let lang = use_lang();
    let manage = session.can(Permission::AccountManage);
    let controls = Controls::new();

    let q = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let query = RwSignal::new(AccountQuery {
        page: Some(1),
        per_page: Some(PER_PAGE),
        ..Default::default()
    });
    let creating = RwSignal::new(false);

    let page = LocalResource::new(move || {
        let query = query.get();
        controls.changed.track();
        async move { api::accounts::list(session, &query).await }
    });

    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        query.set(AccountQuery {
            q: Some(q.get_untracked().trim().to_string()).filter(|v| !v.is_empty()),
            status: AccountStatus::parse(&status.get_untracked()),
            region: Some(region.get_untracked().trim().to_string()).filter(|v| !v.is_empty()),
            page: Some(1),
            per_page: Some(PER_PAGE),
        });
    };
    let reset = move |_| {
        q.set(String::new());
        status.set(String::new());
        region.set(String::new());
        query.set(AccountQuery {
            page: Some(1),
            per_page: Some(PER_PAGE),
            ..Default::default()
        });
    };
    let on_page = Callback::new(move |p: u32| query.update(|q| q.page = Some(p)));
    let meta = Signal::derive(move || page.get().and_then(|r| r.ok()).map(|p| p.page));

    let on_created = Callback::new(move |created: CreatedAccount| {
        creating.set(false);
        controls.otp.set(Some(OneTimePassword {
            username: created.account.username.clone(),
            one_time_password: created.one_time_password,
        }));
        controls.changed.update(|n| *n += 1);
    });
    let close_create = Callback::new(move |_| creating.set(false));

    let headers = vec![
        s::COL_USERNAME,
        s::COL_NAME,
        s::COL_ROLE,
        s::COL_REGION,
        s::COL_STATUS,
        s::COL_LAST_LOGIN,
        s::COL_FLAGS,
        s::ACTIONS,
    ];

    view! {
        <div class="page-head">
            <h1>{tr(s::ACCOUNTS_TITLE)}</h1>
            {manage
                .then(|| {
                    view! {
                        <button
                            type="button"
                            id="open-new-account"
                            class="button primary"
                            on:click=move |_| {
                                controls.note.set(None);
                                creating.set(true);
                            }
                        >
                            {tr(s::NEW_SUB_ACCOUNT)}
                        </button>
                    }
                })}
        </div>
        <form class="filters" role="search" on:submit=search data-testid="account-filters">
            <div class="field">
                <label for="filter-q">{tr(s::FILTER_Q)}</label>
                <input
                    id="filter-q"
                    type="search"
                    prop:value=move || q.get()
                    on:input=move |ev| q.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="filter-status">{tr(s::FILTER_STATUS)}</label>
                <select id="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="" selected=move || status.with(String::is_empty)>
                        {tr(s::ALL)}
                    </option>
                    {AccountStatus::ALL
                        .iter()
                        .map(|st| {
                            let value = st.as_str();
                            view! {
                                <option value=value selected=move || status.with(|v| v == value)>
                                    {move || st.label(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-region">{tr(s::FILTER_REGION)}</label>
                <input
                    id="filter-region"
                    type="text"
                    inputmode="numeric"
                    prop:value=move || region.get()
                    on:input=move |ev| region.set(event_target_value(&ev))
                />
            </div>
            <div class="filter-actions">
                <button type="submit" id="accounts-search" class="button primary">
                    {tr(s::SEARCH)}
                </button>
                <button type="button" class="button secondary" on:click=reset>
                    {tr(s::RESET)}
                </button>
            </div>
        </form>
        <StatusNote message=controls.note />
        <ErrorAlert message=controls.error />
        {loaded(page, move |p| {
                let rows = p.items;
                let empty = rows.is_empty();
                view! {
                    <DataTable caption=s::ACCOUNTS_TABLE headers=headers.clone() testid="accounts-table">
                        {empty.then(|| view! { <EmptyRow colspan=8 /> })}
                        {rows
                            .into_iter()
                            .map(|a| view! { <AccountRow account=a controls=controls /> })
                            .collect_view()}
                    </DataTable>
                }
        })}
        <Pager meta=meta on_page=on_page />
        <Show when=move || creating.get()>
            <Dialog id="new-account-dialog" title=s::NEW_SUB_ACCOUNT on_close=close_create>
                <NewAccountForm on_created=on_created on_cancel=close_create />
            </Dialog>
        </Show>
        <AccountDialogs controls=controls />
    }
        .into_any()
}

/// One row of the table.
#[component]
fn AccountRow(account: Account, controls: Controls) -> impl IntoView {
    let lang = use_lang();
    let a = account.clone();
    let href = format!("/accounts/{}", a.username);
    let role = a.role;
    let status = a.status;
    let last_login = a.last_login_at.map(|t| format::datetime(&t));
    let flag_account = a.clone();
    view! {
        <tr data-testid=format!("account-row-{}", a.username)>
            <td>
                <a href=href>{a.username.clone()}</a>
            </td>
            <td>{display_name(&a.name, "—")}</td>
            <td>{move || role.label(lang.get())}</td>
            <td>
                {
                    let (name, code) = (a.region_name.clone(), a.region_code.clone());
                    move || paren(lang.get(), &name, &code)
                }
            </td>
            <td>
                <span class=status_class(status)>{move || status.label(lang.get())}</span>
            </td>
            <td>
                {match last_login {
                    Some(t) => view! { <span>{t}</span> }.into_any(),
                    None => view! { <span class="muted">{tr(s::NEVER)}</span> }.into_any(),
                }}
            </td>
            <td>
                {move || {
                    flags(&flag_account, lang.get())
                        .into_iter()
                        .map(|f| view! { <span class="badge badge-warn">{f}</span> })
                        .collect_view()
                }}
            </td>
            <td>
                <AccountActions account=account controls=controls />
            </td>
        </tr>
    }
}

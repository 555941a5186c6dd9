//! `/accounts/{username}`: the account, its actions and, for administrator accounts, the holder
//! history.

use super::actions::{AccountActions, AccountDialogs, Controls};
use super::list::{flags, status_class};
use crate::api;
use crate::components::{DataTable, EmptyRow, ErrorAlert, StatusNote, loaded};
use crate::format;
use crate::i18n::{colon, paren, strings as s, tr, use_lang};
use crate::pages::sessions::SessionsTable;
use crate::pages::shell::{NoAccess, display_name};
use crate::session::use_session;
use domain::v1::accounts::{Account, Holder};
use domain::{AccountKind, Permission};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The details page of one account.
#[component]
pub fn AccountDetailPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::AccountRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let lang = use_lang();
    let params = use_params_map();
    let username = Memo::new(move |_| params.with(|p| p.get("username")).unwrap_or_default());
    let controls = Controls::new();
    let account = LocalResource::new(move || {
        let username = username.get();
        controls.changed.track();
        async move { api::accounts::get(session, &username).await }
    });

    view! {
        <p class="back">
            <a href="/accounts">{tr(s::BACK_TO_LIST)}</a>
        </p>
        <h1>
            {move || {
                let lang = lang.get();
                format!("{}{}{}", s::ACCOUNT_DETAIL.get(lang), colon(lang), username.get())
            }}
        </h1>
        <StatusNote message=controls.note />
        <ErrorAlert message=controls.error />
        {move || match account.get() {
            None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
            Some(Err(e)) => {
                let message = e.message();
                view! { <p class="alert alert-error" role="alert">{move || message.get(lang.get()).to_string()}</p> }
                    .into_any()
            }
            Some(Ok(a)) => view! { <AccountFacts account=a controls=controls /> }.into_any(),
        }}
        <AccountDialogs controls=controls />
    }
        .into_any()
}

#[component]
fn AccountFacts(account: Account, controls: Controls) -> impl IntoView {
    let lang = use_lang();
    let a = account.clone();
    let kind = a.kind;
    let role = a.role;
    let status = a.status;
    let flag_account = a.clone();
    let is_admin = kind == AccountKind::Admin;
    let username = a.username.clone();
    let sessions_of = a.manageable.then(|| a.username.clone());
    view! {
        <section class="panel" data-testid="account-detail">
            <dl class="facts">
                <dt>{tr(s::COL_USERNAME)}</dt>
                <dd>{a.username.clone()}</dd>
                <dt>{tr(s::COL_KIND)}</dt>
                <dd>{move || kind.label(lang.get())}</dd>
                <dt>{tr(s::COL_NAME)}</dt>
                <dd>{display_name(&a.name, "—")}</dd>
                <dt>{tr(s::COL_ROLE)}</dt>
                <dd>{move || role.label(lang.get())}</dd>
                <dt>{tr(s::COL_REGION)}</dt>
                <dd>
                    {
                        let (name, code) = (a.region_name.clone(), a.region_code.clone());
                        move || paren(lang.get(), &name, &code)
                    }
                </dd>
                <dt>{tr(s::COL_STATUS)}</dt>
                <dd>
                    <span class=status_class(status)>{move || status.label(lang.get())}</span>
                </dd>
                <dt>{tr(s::COL_PHONE)}</dt>
                <dd>{if a.phone.is_empty() { "—".to_string() } else { a.phone.clone() }}</dd>
                <dt>{tr(s::COL_APPROVAL)}</dt>
                <dd>{if a.approval_ref.is_empty() { "—".to_string() } else { a.approval_ref.clone() }}</dd>
                <dt>{tr(s::MFA_STATUS)}</dt>
                <dd data-testid="account-mfa">
                    {if a.mfa_enabled { tr(s::MFA_ON) } else { tr(s::MFA_OFF) }}
                </dd>
                <dt>{tr(s::COL_LAST_LOGIN)}</dt>
                <dd>
                    {match a.last_login_at {
                        Some(t) => view! { <span>{format::datetime(&t)}</span> }.into_any(),
                        None => view! { <span>{tr(s::NEVER)}</span> }.into_any(),
                    }}
                </dd>
                <dt>{tr(s::COL_CREATED)}</dt>
                <dd>{format::datetime(&a.created_at)}</dd>
                <dt>{tr(s::COL_FLAGS)}</dt>
                <dd>
                    {move || {
                        let list = flags(&flag_account, lang.get());
                        if list.is_empty() {
                            view! { <span>"—"</span> }.into_any()
                        } else {
                            list.into_iter()
                                .map(|f| view! { <span class="badge badge-warn">{f}</span> })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </dd>
            </dl>
            <AccountActions account=account controls=controls />
        </section>
        {sessions_of.map(|username| view! { <AccountSessions username=username controls=controls /> })}
        {is_admin.then(|| view! { <HolderHistory username=username controls=controls /> })}
    }
}

/// Where a managed account is signed in now.
#[component]
fn AccountSessions(username: String, controls: Controls) -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || {
        let username = username.clone();
        controls.changed.track();
        async move { api::accounts::sessions(session, &username).await }
    });
    view! {
        <section class="panel" aria-labelledby="account-sessions-title" data-testid="account-sessions">
            <h2 id="account-sessions-title">{tr(s::ACCOUNT_SESSIONS)}</h2>
            {loaded(list, move |l| {
                if l.items.is_empty() {
                    view! { <p class="muted">{tr(s::ACCOUNT_SESSIONS_NONE)}</p> }.into_any()
                } else {
                    view! { <SessionsTable items=l.items testid="account-sessions-table" /> }.into_any()
                }
            })}
        </section>
    }
}

/// The holders of an administrator account, newest first as the server sends them.
#[component]
fn HolderHistory(username: String, controls: Controls) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let holders = LocalResource::new(move || {
        let username = username.clone();
        controls.changed.track();
        async move { api::accounts::holders(session, &username).await }
    });
    let headers = vec![
        s::HOLDER_NAME,
        s::COL_PHONE,
        s::COL_APPROVAL,
        s::HOLDER_BY,
        s::HOLDER_FROM,
        s::HOLDER_TO,
    ];
    view! {
        <section class="panel" aria-labelledby="holders-title" data-testid="holder-history">
            <h2 id="holders-title">{tr(s::HOLDERS)}</h2>
            {move || match holders.get() {
                None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
                Some(Err(e)) => {
                    let message = e.message();
                    view! { <p class="alert alert-error" role="alert">{move || message.get(lang.get()).to_string()}</p> }
                        .into_any()
                }
                Some(Ok(list)) => {
                    let empty = list.is_empty();
                    view! {
                        <DataTable caption=s::HOLDERS headers=headers.clone() testid="holders-table">
                            {empty.then(|| view! { <EmptyRow colspan=6 /> })}
                            {list.into_iter().map(|h| view! { <HolderRow holder=h /> }).collect_view()}
                        </DataTable>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn HolderRow(holder: Holder) -> impl IntoView {
    view! {
        <tr>
            <td>{holder.name}</td>
            <td>{holder.phone}</td>
            <td>{holder.approval_ref}</td>
            <td>{holder.registered_by}</td>
            <td>{format::datetime(&holder.from)}</td>
            <td>
                {match holder.to {
                    Some(t) => view! { <span>{format::datetime(&t)}</span> }.into_any(),
                    None => view! { <span class="badge badge-ok">{tr(s::HOLDER_CURRENT)}</span> }.into_any(),
                }}
            </td>
        </tr>
    }
}

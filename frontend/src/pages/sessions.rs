//! `/sessions`: where the signed-in account is logged in — browser and system, address, when it
//! signed in and was last active — with "end" on each other session and "end all the others".
//! [`SessionsTable`] also shows a subordinate's sessions on the account page.

use crate::api;
use crate::components::{
    ConfirmActions, DataTable, Dialog, EmptyRow, ErrorAlert, StatusNote, loaded,
};
use crate::format;
use crate::i18n::{L, strings as s, tr, use_lang};
use crate::session::use_session;
use domain::text::Text;
use domain::v1::auth::{Session, device};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What waits for confirmation on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ending {
    /// One session, by id.
    One(String),
    /// Every session but this one.
    Others,
}

/// "N sessions ended", in both languages.
pub fn ended_note(n: u32) -> Text {
    Text::new(
        format!("{}{n}", s::SESSIONS_ENDED.zh),
        format!("{}{n}", s::SESSIONS_ENDED.en),
    )
}

/// The sessions of an account; with `on_end`, a button ends each session but the current one.
#[component]
pub fn SessionsTable(
    /// The sessions, the most recently used first.
    items: Vec<Session>,
    /// Called with a session's id when its "end" button is pressed.
    #[prop(optional)]
    on_end: Option<Callback<String>>,
    /// Test id of the table.
    testid: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    // which session is "this one" and the buttons make sense only on the holder's own list
    let own = on_end.is_some();
    let mut headers = vec![
        s::COL_DEVICE,
        s::COL_IP,
        s::COL_SESSION_START,
        s::COL_SESSION_SEEN,
    ];
    if own {
        headers.extend([s::COL_SESSION_STATE, s::COL_ACTIONS]);
    }
    let columns = u32::try_from(headers.len()).unwrap_or(6);
    let empty = items.is_empty();
    view! {
        <DataTable caption=s::SESSIONS_TABLE headers=headers testid=testid>
            {empty.then(|| view! { <EmptyRow colspan=columns /> })}
            {items
                .into_iter()
                .map(|item| {
                    let ua = item.user_agent.clone();
                    let title = ua.clone().unwrap_or_default();
                    let id = item.id.clone();
                    let current = item.current;
                    view! {
                        <tr data-testid=format!("session-{}", if current { "current" } else { "other" })>
                            <td title=title>{move || device(ua.as_deref(), lang.get())}</td>
                            <td>{item.ip.clone().unwrap_or_else(|| "—".to_string())}</td>
                            <td class="nowrap">
                                <time datetime=item.created_at.to_rfc3339()>{format::datetime(&item.created_at)}</time>
                            </td>
                            <td class="nowrap">
                                <time datetime=item.last_seen_at.to_rfc3339()>{format::datetime(&item.last_seen_at)}</time>
                            </td>
                            {own.then(|| view! {
                                <td>
                                    {if current {
                                        view! { <span class="badge badge-ok">{tr(s::SESSION_CURRENT)}</span> }.into_any()
                                    } else {
                                        view! { <span>{tr(s::SESSION_OTHER)}</span> }.into_any()
                                    }}
                                </td>
                            })}
                            {on_end.map(|end| {
                                let id = id.clone();
                                view! {
                                    <td>
                                        {(!current).then(|| {
                                            let id = id.clone();
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button small"
                                                    data-testid="end-session"
                                                    on:click=move |_| end.run(id.clone())
                                                >
                                                    {tr(s::END_SESSION)}
                                                </button>
                                            }
                                        })}
                                    </td>
                                }
                            })}
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

/// The signed-in account's own sessions.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let changed = RwSignal::new(0u32);
    let note = RwSignal::new(None::<Text>);
    let error = RwSignal::new(None::<Text>);
    let confirm = RwSignal::new(None::<Ending>);
    let busy = RwSignal::new(false);
    let list = LocalResource::new(move || {
        changed.track();
        async move { api::auth::sessions(session).await }
    });
    let others = Signal::derive(move || {
        list.get()
            .and_then(Result::ok)
            .is_some_and(|l| l.items.iter().any(|s| !s.current))
    });
    let ask = move |what: Ending| {
        note.set(None);
        error.set(None);
        confirm.set(Some(what));
    };
    let on_end = Callback::new(move |id: String| ask(Ending::One(id)));
    let close = Callback::new(move |_| confirm.set(None));
    let go = move |what: Ending| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = match &what {
                Ending::One(id) => api::auth::end_session(session, id).await.map(|()| 1),
                Ending::Others => api::auth::end_other_sessions(session)
                    .await
                    .map(|r| r.ended),
            };
            busy.set(false);
            confirm.set(None);
            match result {
                Ok(n) => note.set(Some(ended_note(n))),
                Err(e) => error.set(Some(e.message())),
            }
            changed.update(|n| *n += 1);
        });
    };

    view! {
        <p class="back">
            <a href="/">{tr(s::BACK_HOME)}</a>
        </p>
        <h1>{tr(s::SESSIONS_TITLE)}</h1>
        <p class="muted">{tr(s::SESSIONS_INTRO)}</p>
        <StatusNote message=note />
        <ErrorAlert message=error />
        {loaded(list, move |l| {
            let max = l.max;
            view! {
                <SessionsTable items=l.items on_end=on_end testid="sessions-table" />
                <p class="muted" data-testid="sessions-max">
                    {move || format!("{}{max}", s::SESSIONS_MAX.get(lang.get()))}
                </p>
            }
        })}
        <div class="form-actions">
            <button
                type="button"
                id="end-other-sessions"
                class="button secondary"
                aria-disabled=move || (!others.get()).then_some("true")
                on:click=move |_| {
                    if others.get_untracked() {
                        ask(Ending::Others);
                    }
                }
            >
                {tr(s::END_OTHER_SESSIONS)}
            </button>
        </div>
        {move || {
            confirm
                .get()
                .map(|what| {
                    let (title, question): (L, L) = match what {
                        Ending::One(_) => (s::END_SESSION, s::CONFIRM_END_SESSION),
                        Ending::Others => (s::END_OTHER_SESSIONS, s::CONFIRM_END_OTHER_SESSIONS),
                    };
                    let what = what.clone();
                    view! {
                        <Dialog id="confirm-dialog" title=title on_close=close>
                            <p>{tr(question)}</p>
                            <ConfirmActions
                                busy=busy
                                on_ok=Callback::new(move |()| go(what.clone()))
                                on_cancel=close
                            />
                        </Dialog>
                    }
                })
        }}
    }
}

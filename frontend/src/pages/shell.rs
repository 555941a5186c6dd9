//! The shell of a signed-in user: header (system, user, language, log out), the menu built from
//! the user's permissions, and the routes.

use crate::components::LangSwitch;
use crate::dicts::Dicts;
use crate::format;
use crate::i18n::{L, colon, colon_tr, paren, strings as s, tr, use_lang};
use crate::pages::accounts::{AccountDetailPage, AccountsPage};
use crate::pages::agency::AgencyPage;
use crate::pages::audit::{AccessLogPage, AuditPage};
use crate::pages::dictionaries::DictionariesPage;
use crate::pages::persons::{PersonPage, PersonSearch, PersonsPage};
use crate::pages::regions::RegionsPage;
use crate::pages::sessions::SessionsPage;
use crate::session::use_session;
use domain::Permission;
use domain::v1::auth::LoginTrace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// A menu entry: the permission that shows it, where it leads, its label and test id.
struct MenuItem {
    permission: Permission,
    href: &'static str,
    label: L,
    testid: &'static str,
}

const MENU: &[MenuItem] = &[
    MenuItem {
        permission: Permission::PersonRead,
        href: "/persons",
        label: s::MENU_PERSONS,
        testid: "menu-persons",
    },
    MenuItem {
        permission: Permission::RegionRead,
        href: "/regions",
        label: s::MENU_REGIONS,
        testid: "menu-regions",
    },
    MenuItem {
        permission: Permission::AgencyRead,
        href: "/agency",
        label: s::MENU_AGENCY,
        testid: "menu-agency",
    },
    MenuItem {
        permission: Permission::AccountRead,
        href: "/accounts",
        label: s::MENU_ACCOUNTS,
        testid: "menu-accounts",
    },
    MenuItem {
        permission: Permission::DictionaryWrite,
        href: "/dictionaries",
        label: s::MENU_DICTIONARIES,
        testid: "menu-dictionaries",
    },
    MenuItem {
        permission: Permission::AuditRead,
        href: "/audit",
        label: s::MENU_AUDIT,
        testid: "menu-audit",
    },
    MenuItem {
        permission: Permission::AuditRead,
        href: "/access",
        label: s::MENU_ACCESS,
        testid: "menu-access",
    },
];

/// Whether a menu entry is the section of the current path.
fn in_section(pathname: &str, href: &str) -> bool {
    match href {
        "/agency" => pathname == "/agency" || pathname.starts_with("/agencies/"),
        _ => pathname == href || pathname.starts_with(&format!("{href}/")),
    }
}

/// Header, menu and the page of the current route.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    provide_context(Dicts::new(session));
    provide_context(PersonSearch::new());
    let lang = use_lang();
    let location = use_location();
    let me = move || session.me.get();
    let demo = move || me().is_some_and(|m| m.demo);

    let user_line = move || {
        me().map(|m| {
            let lang = lang.get();
            format!(
                "{} · {} · {}",
                display_name(&m.name, &m.username),
                m.region.name,
                m.role.label(lang)
            )
        })
    };

    let menu = move || {
        let pathname = location.pathname.get();
        MENU.iter()
            .filter(|item| session.can(item.permission))
            .map(|item| {
                let current = in_section(&pathname, item.href);
                view! {
                    <li>
                        <a
                            href=item.href
                            data-testid=item.testid
                            class:active=current
                            aria-current=current.then_some("page")
                        >
                            {tr(item.label)}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <a class="skip-link" href="#main">{tr(s::SKIP_TO_CONTENT)}</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <a class="brand-name" href="/">{tr(s::SYSTEM_NAME)}</a>
            </div>
            <div class="header-tools">
                <p class="user-line" data-testid="user-line">
                    <span class="sr-only">{tr(s::USER_INFO)}{colon_tr()}</span>
                    {user_line}
                </p>
                <LangSwitch />
                <button
                    type="button"
                    id="logout"
                    class="header-button"
                    on:click=move |_| spawn_local(session.logout(s::LOGGED_OUT))
                >
                    {tr(s::LOGOUT)}
                </button>
            </div>
        </header>
        <Show when=demo>
            <p class="demo-banner" role="note" data-testid="demo-banner">
                {tr(s::DEMO_BANNER)}
            </p>
        </Show>
        <div class="app-body">
            <nav class="side-nav" aria-label=tr(s::MAIN_MENU)>
                <ul>{menu}</ul>
            </nav>
            <main id="main" class="content" tabindex="-1" aria-busy=move || { (session.busy.get() > 0).then_some("true") }>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/regions/:code?") view=RegionsPage />
                    <Route path=path!("/agency") view=AgencyPage />
                    <Route path=path!("/agencies/:code") view=AgencyPage />
                    <Route path=path!("/accounts") view=AccountsPage />
                    <Route path=path!("/accounts/:username") view=AccountDetailPage />
                    <Route path=path!("/audit") view=AuditPage />
                    <Route path=path!("/access") view=AccessLogPage />
                    <Route path=path!("/persons") view=PersonsPage />
                    <Route path=path!("/persons/:id") view=PersonPage />
                    <Route path=path!("/dictionaries") view=DictionariesPage />
                    <Route path=path!("/sessions") view=SessionsPage />
                </Routes>
            </main>
        </div>
    }
}

/// The holder's name, or the username while none is registered.
pub fn display_name(name: &str, username: &str) -> String {
    if name.trim().is_empty() {
        username.to_string()
    } else {
        name.to_string()
    }
}

/// The start page: who is signed in and the sections they may open.
#[component]
fn Home() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    view! {
        <h1>{tr(s::WELCOME)}</h1>
        {move || {
            session
                .me
                .get()
                .map(|m| {
                    let lang = lang.get();
                    let expires = m.password_expires_at.map(|t| format::datetime(&t));
                    let mfa = if m.mfa_enabled { s::MFA_ON } else { s::MFA_OFF };
                    let recovery = m.mfa_enabled.then_some(m.recovery_codes_left);
                    view! {
                        <LastLogin trace=m.previous_login.clone() />
                        <p class="sessions-link">
                            <a href="/sessions" id="sessions-link">{s::SESSIONS_LINK.get(lang)}</a>
                        </p>
                        <dl class="facts">
                            <dt>{s::COL_NAME.get(lang)}</dt>
                            <dd>{display_name(&m.name, &m.username)}</dd>
                            <dt>{s::COL_USERNAME.get(lang)}</dt>
                            <dd>{m.username.clone()}</dd>
                            <dt>{s::COL_REGION.get(lang)}</dt>
                            <dd>{paren(lang, &m.region.name, &m.region.code)}</dd>
                            <dt>{s::COL_ROLE.get(lang)}</dt>
                            <dd>{m.role.label(lang)}</dd>
                            {expires
                                .map(|e| {
                                    view! {
                                        <dt>{s::PASSWORD_EXPIRES.get(lang)}</dt>
                                        <dd>{e}</dd>
                                    }
                                })}
                            <dt>{s::MFA_STATUS.get(lang)}</dt>
                            <dd data-testid="mfa-status">{mfa.get(lang)}</dd>
                            {recovery
                                .map(|n| {
                                    view! {
                                        <dt>{s::RECOVERY_LEFT.get(lang)}</dt>
                                        <dd data-testid="recovery-left">{n}</dd>
                                    }
                                })}
                        </dl>
                    }
                })
        }}
        <ul class="tiles">
            {MENU
                .iter()
                .filter(|item| session.can(item.permission))
                .map(|item| {
                    view! {
                        <li>
                            <a class="tile" href=item.href>
                                {tr(item.label)}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// When and from where the account last logged in, and the failed attempts since: the holder
/// is the first to notice someone else using the account.
#[component]
fn LastLogin(trace: Option<LoginTrace>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        match &trace {
            None => view! {
                <p id="last-login" class="alert alert-ok last-login" role="note">
                    {s::FIRST_LOGIN.get(lang)}
                </p>
            }
            .into_any(),
            Some(t) => {
                let ip =
                    t.ip.clone()
                        .unwrap_or_else(|| s::LAST_LOGIN_UNKNOWN_IP.get(lang).to_string());
                let failed = t.failed_attempts;
                let class = if failed > 0 {
                    "alert alert-warn last-login"
                } else {
                    "alert alert-ok last-login"
                };
                view! {
                    <div id="last-login" class=class role="note">
                        <p>
                            {s::LAST_LOGIN.get(lang)}
                            {colon(lang)}
                            <time datetime=t.at.to_rfc3339()>{format::datetime(&t.at)}</time>
                            {" "}
                            {s::LAST_LOGIN_FROM.get(lang)}
                            {" "}
                            <span data-testid="last-login-ip">{ip}</span>
                        </p>
                        {(failed > 0)
                            .then(|| {
                                view! {
                                    <p data-testid="failed-since">
                                        <strong>{s::FAILED_SINCE.get(lang)}{failed}</strong>
                                        {" "}
                                        {s::FAILED_SINCE_ADVICE.get(lang)}
                                    </p>
                                }
                            })}
                    </div>
                }
                .into_any()
            }
        }
    }
}

/// The page for unknown paths.
#[component]
fn NotFound() -> impl IntoView {
    view! {
        <h1>{tr(s::NOT_FOUND_PAGE)}</h1>
        <p>
            <a href="/">{tr(s::BACK_HOME)}</a>
        </p>
    }
}

/// Shown instead of a page the user's role does not include.
#[component]
pub fn NoAccess() -> impl IntoView {
    view! {
        <h1>{tr(s::NO_ACCESS)}</h1>
        <p>
            <a href="/">{tr(s::BACK_HOME)}</a>
        </p>
    }
}

//! What can be done to one account, and the dialogs that do it: confirm, one-time password,
//! holder registration.

use super::holder::HolderForm;
use crate::api::{self, ApiError};
use crate::components::{ConfirmActions, Dialog, ErrorAlert};
use crate::i18n::{L, colon_tr, strings as s, tr};
use crate::session::{Session, use_session};
use domain::text::Text;
use domain::v1::accounts::{Account, OneTimePassword};
use domain::{AccountKind, AccountStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

/// An action waiting for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Disable the account.
    Disable(String),
    /// Enable (or reopen) the account.
    Enable(String),
    /// Issue a one-time password.
    Reset(String),
    /// Reset two-factor login (a lost phone).
    ResetMfa(String),
    /// End every session of the account.
    EndSessions(String),
}

impl Pending {
    fn username(&self) -> &str {
        match self {
            Pending::Disable(u)
            | Pending::Enable(u)
            | Pending::Reset(u)
            | Pending::ResetMfa(u)
            | Pending::EndSessions(u) => u,
        }
    }

    fn question(&self) -> L {
        match self {
            Pending::Disable(_) => s::CONFIRM_DISABLE,
            Pending::Enable(_) => s::CONFIRM_ENABLE,
            Pending::Reset(_) => s::CONFIRM_RESET,
            Pending::ResetMfa(_) => s::CONFIRM_RESET_MFA,
            Pending::EndSessions(_) => s::CONFIRM_END_ACCOUNT_SESSIONS,
        }
    }

    fn title(&self) -> L {
        match self {
            Pending::Disable(_) => s::DISABLE,
            Pending::Enable(_) => s::ENABLE,
            Pending::Reset(_) => s::RESET_PASSWORD,
            Pending::ResetMfa(_) => s::RESET_MFA,
            Pending::EndSessions(_) => s::END_ACCOUNT_SESSIONS,
        }
    }
}

/// The dialog state shared by the list and the details page.
#[derive(Debug, Clone, Copy)]
pub struct Controls {
    /// The action being confirmed.
    pub confirm: RwSignal<Option<Pending>>,
    /// The one-time password being shown.
    pub otp: RwSignal<Option<OneTimePassword>>,
    /// The administrator account whose holder is being registered.
    pub holder_for: RwSignal<Option<Account>>,
    /// Confirmation of the last action.
    pub note: RwSignal<Option<Text>>,
    /// Error of the last action.
    pub error: RwSignal<Option<Text>>,
    /// Bumped after every change, to reload what shows accounts.
    pub changed: RwSignal<u32>,
}

impl Controls {
    /// Closed dialogs.
    pub fn new() -> Self {
        Self {
            confirm: RwSignal::new(None),
            otp: RwSignal::new(None),
            holder_for: RwSignal::new(None),
            note: RwSignal::new(None),
            error: RwSignal::new(None),
            changed: RwSignal::new(0),
        }
    }

    fn done(&self) {
        self.changed.update(|n| *n += 1);
    }
}

impl Default for Controls {
    fn default() -> Self {
        Self::new()
    }
}

/// Which actions the signed-in user is offered on `account`.
pub struct Offer {
    /// 停用
    pub disable: bool,
    /// 启用 / 解锁
    pub enable: bool,
    /// 重置密码
    pub reset: bool,
    /// 重置双因素登录
    pub reset_mfa: bool,
    /// 结束全部会话
    pub end_sessions: bool,
    /// 登记持有人 / 交接
    pub holder: bool,
}

/// The actions offered on `account`: the server says whether the caller manages it.
pub fn offer(account: &Account) -> Offer {
    let managed = account.manageable;
    let status = account.status;
    Offer {
        disable: managed && matches!(status, AccountStatus::Active | AccountStatus::Dormant),
        enable: managed && matches!(status, AccountStatus::Disabled | AccountStatus::Dormant),
        reset: managed && matches!(status, AccountStatus::Active | AccountStatus::Dormant),
        reset_mfa: managed && account.mfa_enabled && status != AccountStatus::Cancelled,
        end_sessions: managed && status == AccountStatus::Active,
        holder: managed && account.kind == AccountKind::Admin && status != AccountStatus::Cancelled,
    }
}

/// The action buttons of one account.
#[component]
pub fn AccountActions(
    /// The account.
    account: Account,
    /// The dialogs.
    controls: Controls,
) -> impl IntoView {
    let offer = offer(&account);
    let user = account.username.clone();
    let dormant = account.status == AccountStatus::Dormant;
    let button = move |show: bool, testid: String, label: L, pending: Pending| {
        show.then(|| {
            view! {
                <button
                    type="button"
                    class="button small"
                    data-testid=testid
                    on:click=move |_| {
                        controls.note.set(None);
                        controls.error.set(None);
                        controls.confirm.set(Some(pending.clone()));
                    }
                >
                    {tr(label)}
                </button>
            }
        })
    };
    let holder_account = account.clone();
    view! {
        <div class="row-actions">
            {button(offer.disable, format!("disable-{user}"), s::DISABLE, Pending::Disable(user.clone()))}
            {button(
                offer.enable,
                format!("enable-{user}"),
                if dormant { s::REOPEN } else { s::ENABLE },
                Pending::Enable(user.clone()),
            )}
            {button(offer.reset, format!("reset-{user}"), s::RESET_PASSWORD, Pending::Reset(user.clone()))}
            {button(
                offer.reset_mfa,
                format!("reset-mfa-{user}"),
                s::RESET_MFA,
                Pending::ResetMfa(user.clone()),
            )}
            {button(
                offer.end_sessions,
                format!("end-sessions-{user}"),
                s::END_ACCOUNT_SESSIONS,
                Pending::EndSessions(user.clone()),
            )}
            {offer
                .holder
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button small"
                            data-testid=format!("holder-{user}")
                            on:click=move |_| {
                                controls.note.set(None);
                                controls.error.set(None);
                                controls.holder_for.set(Some(holder_account.clone()));
                            }
                        >
                            {tr(s::REGISTER_HOLDER)}
                        </button>
                    }
                })}
        </div>
    }
}

async fn run(session: Session, pending: Pending, controls: Controls) -> Result<(), ApiError> {
    match &pending {
        Pending::Disable(u) => {
            api::accounts::disable(session, u).await?;
            controls.note.set(Some(s::DONE.text()));
        }
        Pending::Enable(u) => {
            api::accounts::enable(session, u).await?;
            controls.note.set(Some(s::DONE.text()));
        }
        Pending::Reset(u) => {
            let otp = api::accounts::reset_password(session, u).await?;
            controls.otp.set(Some(otp));
        }
        Pending::ResetMfa(u) => {
            api::accounts::reset_mfa(session, u).await?;
            controls.note.set(Some(s::DONE.text()));
        }
        Pending::EndSessions(u) => {
            let r = api::accounts::end_sessions(session, u).await?;
            controls
                .note
                .set(Some(crate::pages::sessions::ended_note(r.ended)));
        }
    }
    controls.done();
    Ok(())
}

/// The dialogs driven by [`Controls`].
#[component]
pub fn AccountDialogs(
    /// The dialogs.
    controls: Controls,
) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let confirm_error = RwSignal::new(None::<Text>);
    let close_confirm = Callback::new(move |_| {
        confirm_error.set(None);
        controls.confirm.set(None);
    });
    let close_otp = Callback::new(move |_| controls.otp.set(None));
    let close_holder = Callback::new(move |_| controls.holder_for.set(None));

    view! {
        {move || {
            controls
                .confirm
                .get()
                .map(|pending| {
                    let title = pending.title();
                    let question = pending.question();
                    let user = pending.username().to_string();
                    let go = move |()| {
                        if busy.get_untracked() {
                            return;
                        }
                        busy.set(true);
                        let pending = pending.clone();
                        spawn_local(async move {
                            let result = run(session, pending, controls).await;
                            busy.set(false);
                            match result {
                                Ok(()) => {
                                    confirm_error.set(None);
                                    controls.confirm.set(None);
                                }
                                Err(e) => confirm_error.set(Some(e.message())),
                            }
                        });
                    };
                    view! {
                        <Dialog id="confirm-dialog" title=title on_close=close_confirm>
                            <p>{tr(question)}</p>
                            <p>
                                {tr(s::OTP_FOR)}
                                {colon_tr()}
                                <strong>{user}</strong>
                            </p>
                            <ErrorAlert message=confirm_error />
                            <ConfirmActions busy=busy on_ok=Callback::new(go) on_cancel=close_confirm />
                        </Dialog>
                    }
                })
        }}
        {move || {
            controls
                .holder_for
                .get()
                .map(|account| {
                    let on_done = Callback::new(move |otp: OneTimePassword| {
                        controls.holder_for.set(None);
                        controls.otp.set(Some(otp));
                        controls.done();
                    });
                    view! {
                        <Dialog id="holder-dialog" title=s::REGISTER_HOLDER on_close=close_holder>
                            <HolderForm account=account on_done=on_done on_cancel=close_holder />
                        </Dialog>
                    }
                })
        }}
        {move || {
            controls
                .otp
                .get()
                .map(|otp| {
                    view! {
                        <Dialog id="otp-dialog" title=s::OTP_TITLE on_close=close_otp>
                            <OtpBox otp=otp />
                            <div class="form-actions">
                                <button
                                    type="button"
                                    id="otp-close"
                                    class="button primary"
                                    on:click=move |_| close_otp.run(())
                                >
                                    {tr(s::CLOSE)}
                                </button>
                            </div>
                        </Dialog>
                    }
                })
        }}
    }
}

/// Copies text with the asynchronous clipboard API, where the browser offers it.
async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let clipboard = match js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) {
        Ok(c) if !c.is_undefined() && !c.is_null() => c.unchecked_into::<web_sys::Clipboard>(),
        _ => return false,
    };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// The one-time password, shown once, easy to copy.
#[component]
pub fn OtpBox(
    /// Account and password.
    otp: OneTimePassword,
) -> impl IntoView {
    let copied = RwSignal::new(None::<Text>);
    let password = otp.one_time_password.clone();
    let copy = move |_| {
        let password = password.clone();
        spawn_local(async move {
            let ok = copy_text(&password).await;
            copied.set(Some(if ok {
                s::COPIED.text()
            } else {
                s::COPY_FAILED.text()
            }));
        });
    };
    view! {
        <p>{tr(s::OTP_INTRO)}</p>
        <p>
            {tr(s::OTP_FOR)}
            {colon_tr()}
            <strong data-testid="otp-username">{otp.username.clone()}</strong>
        </p>
        <div class="otp-row">
            <code id="otp" class="otp" tabindex="0">
                {otp.one_time_password.clone()}
            </code>
            <button type="button" id="otp-copy" class="button secondary" on:click=copy>
                {tr(s::COPY)}
            </button>
        </div>
        <crate::components::StatusNote message=copied />
    }
}

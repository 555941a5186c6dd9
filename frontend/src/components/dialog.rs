//! A modal dialog on the native `<dialog>` element: focus stays inside, Esc closes, focus returns
//! to where it was when the dialog closes.

use crate::i18n::{L, strings as s, tr};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// A modal dialog, open for as long as it is rendered.
#[component]
pub fn Dialog(
    /// Element id of the dialog; the title gets `{id}-title`.
    #[prop(into)]
    id: String,
    /// Title.
    title: L,
    /// Called on Esc, the close button or the backdrop's cancel.
    on_close: Callback<()>,
    /// Content.
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Dialog>::new();
    let opener = SendWrapper::new(
        document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        let opener = opener.take();
        // after the dialog has left the page (while it is modal, the rest is inert), focus goes
        // back to the element that opened it or, when that is gone, to the main region
        gloo_timers::callback::Timeout::new(0, move || {
            let body = document().body();
            let target = opener
                .filter(|el| el.is_connected() && Some(el) != body.as_ref())
                .or_else(|| {
                    document()
                        .get_element_by_id("main")
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                });
            if let Some(el) = target {
                let _ = el.focus();
            }
        })
        .forget();
    });
    Effect::new(move |_| {
        if let Some(dialog) = node.get()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog
            node_ref=node
            id=id
            class="dialog"
            aria-labelledby=labelled_by
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_close.run(());
            }
            on:close=move |_| on_close.run(())
        >
            <div class="dialog-head">
                <h2 id=title_id>{tr(title)}</h2>
                <button
                    type="button"
                    class="icon-button"
                    aria-label=tr(s::CLOSE)
                    on:click=move |_| on_close.run(())
                >
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            <div class="dialog-body">{children()}</div>
        </dialog>
    }
}

/// The buttons of a confirmation: confirm (`#confirm-ok`, marked disabled while `busy`) and
/// cancel (`#confirm-cancel`).
#[component]
pub fn ConfirmActions(
    /// The action is running.
    busy: RwSignal<bool>,
    /// Confirmed.
    on_ok: Callback<()>,
    /// Cancelled.
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="form-actions">
            <button
                type="button"
                id="confirm-ok"
                class="button primary"
                aria-disabled=move || busy.get().then_some("true")
                on:click=move |_| on_ok.run(())
            >
                {tr(s::CONFIRM)}
            </button>
            <button
                type="button"
                id="confirm-cancel"
                class="button secondary"
                on:click=move |_| on_cancel.run(())
            >
                {tr(s::CANCEL)}
            </button>
        </div>
    }
}

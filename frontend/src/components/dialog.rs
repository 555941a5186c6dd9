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
        if let Some(el) = opener.take() {
            let _ = el.focus();
        }
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

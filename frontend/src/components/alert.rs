//! Announced messages: errors (`role="alert"`) and confirmations (`role="status"`). The live
//! region is always in the page so that screen readers announce what is put into it.

use crate::i18n::use_lang;
use domain::text::Text;
use leptos::prelude::*;

/// An error message region; empty and hidden while `message` is `None`.
#[component]
pub fn ErrorAlert(
    /// The message to show.
    #[prop(into)]
    message: Signal<Option<Text>>,
    /// Element id (for tests and `aria-describedby`).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div
            id=id
            class="alert alert-error"
            class:hidden=move || message.with(Option::is_none)
            role="alert"
        >
            {move || message.get().map(|m| m.get(lang.get()).to_string())}
        </div>
    }
}

/// A polite status message region (saved, copied ...).
#[component]
pub fn StatusNote(
    /// The message to show.
    #[prop(into)]
    message: Signal<Option<Text>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div
            class="alert alert-ok"
            class:hidden=move || message.with(Option::is_none)
            role="status"
        >
            {move || message.get().map(|m| m.get(lang.get()).to_string())}
        </div>
    }
}

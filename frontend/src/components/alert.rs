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
    let node = NodeRef::<leptos::html::Div>::new();
    // bring a new error into view (it may sit above a long form's submit button)
    Effect::new(move |_| {
        if message.with(Option::is_some)
            && let Some(el) = node.get_untracked()
        {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    view! {
        <div
            node_ref=node
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

/// What a value read from the API shows: "loading", its error (announced), or `ok` of the value.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, crate::api::ApiError>>,
    ok: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    move || match resource.get() {
        None => view! { <p class="loading">{crate::i18n::tr(crate::i18n::strings::LOADING)}</p> }
            .into_any(),
        Some(Err(e)) => {
            let message = e.message();
            view! {
                <p class="alert alert-error" role="alert">
                    {move || message.get(lang.get()).to_string()}
                </p>
            }
            .into_any()
        }
        Some(Ok(value)) => ok(value).into_any(),
    }
}

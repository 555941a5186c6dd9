//! The language switch of the header.

use crate::i18n::{html_lang, strings as s, tr, use_lang};
use domain::text::Lang;
use leptos::prelude::*;

/// A button switching between Chinese and English; the choice is remembered.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let other = move || match lang.get() {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    view! {
        <button
            type="button"
            id="lang-switch"
            class="header-button"
            lang=move || html_lang(other())
            title=tr(s::SWITCH_LANG_LABEL)
            on:click=move |_| lang.set(other())
        >
            {tr(s::SWITCH_LANG)}
        </button>
    }
}

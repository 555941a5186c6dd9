//! The progress indicator shown while any request runs.

use crate::i18n::{strings as s, tr};
use crate::session::use_session;
use leptos::prelude::*;

/// A thin indeterminate bar at the top of the page while requests run.
#[component]
pub fn Progress() -> impl IntoView {
    let session = use_session();
    let busy = Memo::new(move |_| session.busy.get() > 0);
    view! {
        <Show when=move || busy.get()>
            <div
                class="progress"
                role="progressbar"
                aria-label=tr(s::LOADING)
                data-testid="progress"
            >
                <div class="progress-bar"></div>
            </div>
        </Show>
    }
}

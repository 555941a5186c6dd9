//! The region browser: a lazily loaded tree from the user's region, search, and details.

mod detail;
mod tree;

use crate::format;
use crate::i18n::{strings as s, tr};
use crate::pages::shell::NoAccess;
use crate::session::use_session;
use domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/regions` and `/regions/{code}`.
#[component]
pub fn RegionsPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::RegionRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let params = use_params_map();
    let selected = Memo::new(move |_| params.with(|p| p.get("code")));
    let as_of_text = RwSignal::new(String::new());
    let as_of = Memo::new(move |_| format::parse_date(&as_of_text.get()));
    let root = session
        .me
        .with_untracked(|m| m.as_ref().map(|m| m.region.code.clone()))
        .unwrap_or_default();

    view! {
        <h1>{tr(s::REGIONS_TITLE)}</h1>
        <div class="split">
            <section class="panel tree-panel" aria-labelledby="tree-title">
                <h2 id="tree-title">{tr(s::REGION_TREE)}</h2>
                <div class="field inline">
                    <label for="as-of">{tr(s::AS_OF)}</label>
                    <input
                        id="as-of"
                        type="date"
                        prop:value=move || as_of_text.get()
                        on:change=move |ev| as_of_text.set(event_target_value(&ev))
                    />
                </div>
                <tree::RegionSearchBox as_of=as_of />
                {move || {
                    let as_of = as_of.get();
                    view! { <tree::RegionTree root=root.clone() as_of=as_of selected=selected /> }
                }}
            </section>
            <section class="panel detail-panel" aria-labelledby="detail-title">
                <detail::RegionDetail selected=selected as_of=as_of />
            </section>
        </div>
    }
    .into_any()
}

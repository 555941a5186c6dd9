//! Data tables and the pager under them.

use crate::i18n::{L, strings as s, tr, use_lang};
use domain::text::Lang;
use domain::v1::PageMeta;
use leptos::prelude::*;

/// A scrollable, captioned table; `children` are the body rows.
#[component]
pub fn DataTable(
    /// Caption (read by screen readers; also labels the scroll region).
    caption: L,
    /// Column headings.
    headers: Vec<L>,
    /// Test id of the table.
    #[prop(optional)]
    testid: &'static str,
    /// Body rows.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" aria-label=tr(caption) tabindex="0">
            <table class="data" data-testid=testid>
                <caption class="sr-only">{tr(caption)}</caption>
                <thead>
                    <tr>
                        {headers
                            .into_iter()
                            .map(|h| view! { <th scope="col">{tr(h)}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// The row shown when a table has nothing to show.
#[component]
pub fn EmptyRow(
    /// Number of columns to span.
    colspan: u32,
) -> impl IntoView {
    view! {
        <tr>
            <td colspan=colspan class="empty">
                {tr(s::NO_ROWS)}
            </td>
        </tr>
    }
}

fn summary(meta: PageMeta, pages: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {} / {} 页，共 {} 条", meta.page, pages, meta.total),
        Lang::En => format!("Page {} of {}, {} records", meta.page, pages, meta.total),
    }
}

/// Previous / next buttons and where the page sits in the list.
#[component]
pub fn Pager(
    /// The paging of the page shown.
    #[prop(into)]
    meta: Signal<Option<PageMeta>>,
    /// Called with the page to load.
    on_page: Callback<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let pages = move || {
        meta.get()
            .map(|m| m.total.div_ceil(u64::from(m.per_page.max(1))).max(1))
            .unwrap_or(1)
    };
    let page = move || meta.get().map(|m| m.page).unwrap_or(1);
    view! {
        <nav class="pager" aria-label=tr(s::PAGINATION)>
            <button
                type="button"
                class="button secondary"
                data-testid="page-prev"
                aria-disabled=move || { (page() <= 1).then_some("true") }
                on:click=move |_| {
                    if page() > 1 {
                        on_page.run(page() - 1);
                    }
                }
            >
                {tr(s::PAGE_PREV)}
            </button>
            <span class="pager-summary" aria-live="polite">
                {move || meta.get().map(|m| summary(m, pages(), lang.get()))}
            </span>
            <button
                type="button"
                class="button secondary"
                data-testid="page-next"
                aria-disabled=move || { (u64::from(page()) >= pages()).then_some("true") }
                on:click=move |_| {
                    if u64::from(page()) < pages() {
                        on_page.run(page() + 1);
                    }
                }
            >
                {tr(s::PAGE_NEXT)}
            </button>
        </nav>
    }
}

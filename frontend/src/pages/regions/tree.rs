//! The region tree (children loaded when a node is first opened) and the search box.

use crate::api::{self, ApiError};
use crate::components::ErrorAlert;
use crate::i18n::{paren, strings as s, tr, use_lang};
use crate::session::{Session, use_session};
use chrono::NaiveDate;
use domain::text::{Lang, Text};
use domain::v1::regions::{Region, RegionQuery, RegionSearch};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use validator::Validate;

fn toggle_label(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}的下级区划"),
        Lang::En => format!("Regions under {name}"),
    }
}

/// The tree from the user's region down.
#[component]
pub fn RegionTree(
    /// Code of the root (the user's region).
    root: String,
    /// The date whose tree is shown.
    as_of: Option<NaiveDate>,
    /// The region shown in the details.
    selected: Memo<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let root_code = root.clone();
    let root_region = LocalResource::new(move || {
        let code = root_code.clone();
        async move { api::regions::get(session, &code, &RegionQuery { as_of }).await }
    });
    view! {
        {move || match root_region.get() {
            None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
            Some(Err(e)) => {
                let message = e.message();
                view! { <p class="alert alert-error" role="alert">{move || message.get(lang.get()).to_string()}</p> }.into_any()
            }
            Some(Ok(region)) => {
                view! {
                    <ul class="tree" data-testid="region-tree">
                        <TreeNode region=region as_of=as_of selected=selected open=true />
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}

async fn load_children(
    session: Session,
    code: String,
    as_of: Option<NaiveDate>,
    into: RwSignal<Option<Result<Vec<Region>, ApiError>>>,
) {
    let result = api::regions::children(session, &code, &RegionQuery { as_of }).await;
    into.set(Some(result));
}

/// One region of the tree, with its children once opened.
#[component]
fn TreeNode(
    region: Region,
    as_of: Option<NaiveDate>,
    selected: Memo<Option<String>>,
    /// Opened from the start (the root).
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let expanded = RwSignal::new(false);
    let children = RwSignal::new(None::<Result<Vec<Region>, ApiError>>);
    let has_children = region.child_count > 0;
    let code = region.code.clone();

    let open_node = {
        let code = code.clone();
        move || {
            expanded.set(true);
            if children.with_untracked(|c| !matches!(c, Some(Ok(_)))) {
                children.set(None);
                spawn_local(load_children(session, code.clone(), as_of, children));
            }
        }
    };
    if open && has_children {
        open_node();
    }
    let toggle = {
        let open_node = open_node.clone();
        move |_| {
            if expanded.get_untracked() {
                expanded.set(false);
            } else {
                open_node();
            }
        }
    };

    let is_selected = {
        let code = code.clone();
        Memo::new(move |_| selected.with(|s| s.as_deref() == Some(code.as_str())))
    };
    let name = region.name.clone();
    let level = region.level;
    let href = format!("/regions/{}", region.code);
    let toggle_name = name.clone();

    view! {
        <li class="tree-item">
            <div class="tree-row" class:selected=move || is_selected.get()>
                {if has_children {
                    view! {
                        <button
                            type="button"
                            class="tree-toggle"
                            data-testid=format!("tree-toggle-{code}")
                            aria-expanded=move || if expanded.get() { "true" } else { "false" }
                            aria-label=move || toggle_label(&toggle_name, lang.get())
                            on:click=toggle
                        >
                            <span aria-hidden="true">{move || if expanded.get() { "▾" } else { "▸" }}</span>
                        </button>
                    }
                        .into_any()
                } else {
                    view! { <span class="tree-spacer" aria-hidden="true"></span> }.into_any()
                }}
                <a
                    href=href
                    class="tree-link"
                    data-testid=format!("tree-link-{code}")
                    aria-current=move || is_selected.get().then_some("true")
                >
                    <span class="code">{region.code.clone()}</span>
                    " "
                    <span class="name">{name}</span>
                    " "
                    <span class="level">{move || level.label(lang.get())}</span>
                </a>
            </div>
            {move || {
                if !expanded.get() {
                    return None;
                }
                Some(match children.get() {
                    None => view! { <p class="tree-loading">{tr(s::LOADING)}</p> }.into_any(),
                    Some(Err(e)) => {
                        let message = e.message();
                        view! { <p class="tree-error" role="alert">{message.get(lang.get()).to_string()}</p> }
                            .into_any()
                    }
                    Some(Ok(list)) => {
                        view! {
                            <ul class="tree">
                                {list
                                    .into_iter()
                                    .map(|child| {
                                        view! { <TreeNode region=child as_of=as_of selected=selected /> }
                                            .into_any()
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                })
            }}
        </li>
    }
}

/// Search by code prefix or name; results link to the details.
#[component]
pub fn RegionSearchBox(
    /// The date whose tree is searched.
    as_of: Memo<Option<NaiveDate>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let q = RwSignal::new(String::new());
    let results = RwSignal::new(None::<Vec<Region>>);
    let error = RwSignal::new(None::<Text>);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let query = RegionSearch {
            q: q.get_untracked().trim().to_string(),
            as_of: as_of.get_untracked(),
            limit: Some(50),
        };
        if query.q.is_empty() {
            results.set(None);
            error.set(None);
            return;
        }
        if let Err(e) = query.validate() {
            let fields = domain::error::field_errors(&e);
            error.set(fields.into_iter().next().map(|f| f.message));
            return;
        }
        error.set(None);
        spawn_local(async move {
            match api::regions::search(session, &query).await {
                Ok(list) => results.set(Some(list)),
                Err(e) => {
                    results.set(None);
                    error.set(Some(e.message()));
                }
            }
        });
    };

    view! {
        <form class="search-form" role="search" on:submit=submit>
            <label for="region-search">{tr(s::REGION_SEARCH)}</label>
            <div class="search-row">
                <input
                    id="region-search"
                    type="search"
                    autocomplete="off"
                    prop:value=move || q.get()
                    on:input=move |ev| q.set(event_target_value(&ev))
                />
                <button type="submit" class="button secondary" id="region-search-submit">
                    {tr(s::SEARCH)}
                </button>
            </div>
        </form>
        <ErrorAlert message=error />
        {move || {
            results
                .get()
                .map(|list| {
                    let count = list.len();
                    view! {
                        <div class="search-results" data-testid="region-search-results">
                            <h3 aria-live="polite">
                                {move || paren(lang.get(), s::REGION_SEARCH_RESULTS.get(lang.get()), &count.to_string())}
                            </h3>
                            {if list.is_empty() {
                                view! { <p>{tr(s::NO_ROWS)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="result-list">
                                        {list
                                            .into_iter()
                                            .map(|r| {
                                                let path = r
                                                    .ancestors
                                                    .iter()
                                                    .filter(|a| a.code != r.code)
                                                    .map(|a| a.name.clone())
                                                    .collect::<Vec<_>>()
                                                    .join(" / ");
                                                let level = r.level;
                                                view! {
                                                    <li>
                                                        <a href=format!("/regions/{}", r.code)>
                                                            <span class="code">{r.code.clone()}</span>
                                                            " "
                                                            {r.name.clone()}
                                                        </a>
                                                        " "
                                                        <span class="level">{move || level.label(lang.get())}</span>
                                                        <span class="path">{path}</span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </div>
                    }
                })
        }}
    }
}

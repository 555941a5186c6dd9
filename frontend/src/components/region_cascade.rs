//! Region choice as cascading selects (省 → 市 → 县), starting below the user's own region, as
//! operators know them from every provincial system.

use crate::api;
use crate::components::field::FieldErrors;
use crate::i18n::{L, strings as s, tr, use_lang};
use crate::session::use_session;
use domain::RegionLevel;
use domain::text::Text;
use domain::v1::regions::{RegionQuery, RegionRef};
use leptos::prelude::*;

/// The region a cascade stands for: the deepest choice, or the root when nothing is chosen.
pub fn cascade_value(root: &RegionRef, chosen: &[String]) -> String {
    chosen.last().cloned().unwrap_or_else(|| root.code.clone())
}

/// Cascading selects below `root`, down to `deepest`. `chosen` holds the codes picked, from the
/// level under the root downwards.
#[component]
pub fn RegionCascade(
    /// Id prefix: the selects are `{id}-1`, `{id}-2` …
    id: &'static str,
    /// Legend of the group.
    label: L,
    /// The region the choice starts below (the user's).
    root: RegionRef,
    /// The codes picked, from below the root down.
    chosen: RwSignal<Vec<String>>,
    /// The deepest level offered.
    #[prop(default = RegionLevel::County)]
    deepest: RegionLevel,
    /// The empty option's text (e.g. 全部 in a filter, 请选择 in a form).
    empty: L,
    /// Marks the group required.
    #[prop(optional)]
    required: bool,
    /// Errors to show.
    #[prop(into, default = Signal::stored(Vec::new()))]
    errors: Signal<Vec<Text>>,
) -> impl IntoView {
    let depth = usize::from(deepest.depth().saturating_sub(root.level.depth()));
    let root_code = root.code.clone();
    let root_depth = usize::from(root.level.depth());
    // (index, parent) of every select to show: the first under the root, then one under each pick
    let levels = move || {
        let picks = chosen.get();
        (0..depth)
            .map_while(|i| {
                if i == 0 {
                    Some((i, root_code.clone()))
                } else {
                    picks.get(i - 1).map(|p| (i, p.clone()))
                }
            })
            .collect::<Vec<_>>()
    };
    let error_id = format!("{id}-group");
    view! {
        <fieldset class="field region-cascade" aria-invalid=move || errors.with(|e| !e.is_empty()).then_some("true")>
            <legend>
                {tr(label)}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </legend>
            <div class="cascade-row">
                <span class="cascade-root">{root.name.clone()}</span>
                <For each=levels key=|l| l.clone() let:level>
                    <LevelSelect
                        id=id
                        index=level.0
                        level=RegionLevel::ALL.get(root_depth + level.0).copied()
                        parent=level.1
                        chosen=chosen
                        empty=empty
                    />
                </For>
                {(depth == 0).then(|| view! { <span class="muted">{tr(s::REGION_FIXED)}</span> })}
            </div>
            <FieldErrors id=error_id errors=errors />
        </fieldset>
    }
}

/// The select of one level: the children of `parent`.
#[component]
fn LevelSelect(
    id: &'static str,
    index: usize,
    level: Option<RegionLevel>,
    parent: String,
    chosen: RwSignal<Vec<String>>,
    empty: L,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let parent_for_load = parent.clone();
    let children = LocalResource::new(move || {
        let parent = parent_for_load.clone();
        async move {
            api::regions::children(session, &parent, &RegionQuery::default())
                .await
                .unwrap_or_default()
        }
    });
    let select_id = format!("{id}-{}", index + 1);
    view! {
        <label class="sr-only" for=select_id.clone()>
            {move || level.map(|l| l.label(lang.get()))}
        </label>
        <select
            id=select_id
            on:change=move |ev| {
                let value = event_target_value(&ev);
                chosen.update(|c| {
                    c.truncate(index);
                    if !value.is_empty() {
                        c.push(value);
                    }
                });
            }
        >
            <option value="" prop:selected=move || chosen.with(|c| c.get(index).is_none())>
                {tr(empty)}
            </option>
            {move || {
                children
                    .get()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|r| r.valid_to.is_none())
                    .map(|r| {
                        let code = r.code.clone();
                        let selected = move || chosen.with(|c| c.get(index) == Some(&code));
                        view! {
                            <option value=r.code.clone() prop:selected=selected>
                                {r.name.clone()}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

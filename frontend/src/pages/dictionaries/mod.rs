//! `/dictionaries`: the province administrator's editor of the descriptive code lists. Codes stay
//! (records keep them); labels, order and whether an entry is offered for new records change.

use crate::api;
use crate::components::loaded;
use crate::components::{
    CheckField, DataTable, Dialog, EmptyRow, ErrorAlert, FormActions, StatusNote, Submit,
    TextField, focus_first_field,
};
use crate::dicts::use_dicts;
use crate::i18n::{strings as s, tr, use_lang};
use crate::pages::shell::NoAccess;
use crate::session::use_session;
use domain::text::Text;
use domain::v1::dictionaries::{
    DictionaryEntry, DictionaryEntryUpdate, DictionaryKind, check_code,
};
use domain::{FieldError, Permission};
use leptos::prelude::*;

/// The entry being edited: `None` inside means a new entry.
#[derive(Debug, Clone, PartialEq)]
struct Editing(Option<DictionaryEntry>);

/// The dictionary editor.
#[component]
pub fn DictionariesPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::DictionaryWrite) {
        return view! { <NoAccess /> }.into_any();
    }
    let lang = use_lang();
    let dicts = use_dicts();
    let kind = RwSignal::new(DictionaryKind::EmploymentForm);
    let changed = RwSignal::new(0u32);
    let editing = RwSignal::new(None::<Editing>);
    let note = RwSignal::new(None::<Text>);
    let entries = LocalResource::new(move || {
        let kind = kind.get();
        changed.track();
        async move { api::dictionaries::list(session, kind).await }
    });
    let close = Callback::new(move |_| editing.set(None));
    let saved = Callback::new(move |e: DictionaryEntry| {
        editing.set(None);
        note.set(Some(s::SAVED.text()));
        changed.update(|n| *n += 1);
        dicts.reload(e.kind);
    });
    let headers = vec![
        s::CODE,
        s::LABEL_ZH,
        s::LABEL_EN,
        s::SORT_ORDER,
        s::IN_USE,
        s::ACTIONS,
    ];
    view! {
        <div class="page-head">
            <h1>{tr(s::DICTIONARIES_TITLE)}</h1>
            <button
                type="button"
                id="new-entry"
                class="button primary"
                on:click=move |_| {
                    note.set(None);
                    editing.set(Some(Editing(None)));
                }
            >
                {tr(s::NEW_ENTRY)}
            </button>
        </div>
        <p class="hint">{tr(s::DICTIONARIES_INTRO)}</p>
        <div class="field inline">
            <label for="dictionary-kind">{tr(s::DICTIONARY)}</label>
            <select
                id="dictionary-kind"
                on:change=move |ev| {
                    if let Some(k) = DictionaryKind::parse(&event_target_value(&ev)) {
                        note.set(None);
                        kind.set(k);
                    }
                }
            >
                {DictionaryKind::ALL
                    .iter()
                    .map(|k| {
                        let k = *k;
                        view! {
                            <option value=k.as_str() selected=move || kind.get() == k>
                                {move || k.label(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <StatusNote message=note />
        {loaded(entries, move |list| {
                let empty = list.is_empty();
                view! {
                    <DataTable caption=s::DICTIONARY headers=headers.clone() testid="dictionary-table">
                        {empty.then(|| view! { <EmptyRow colspan=6 /> })}
                        {list
                            .into_iter()
                            .map(|e| {
                                let entry = e.clone();
                                view! {
                                    <tr data-testid=format!("entry-{}", e.code)>
                                        <td class="mono">{e.code.clone()}</td>
                                        <td>{e.label.zh.clone()}</td>
                                        <td>{e.label.en.clone()}</td>
                                        <td class="num">{e.sort}</td>
                                        <td>
                                            {if e.active {
                                                view! { <span class="badge badge-ok">{tr(s::YES)}</span> }.into_any()
                                            } else {
                                                view! { <span class="badge badge-muted">{tr(s::DEACTIVATED)}</span> }.into_any()
                                            }}
                                        </td>
                                        <td>
                                            <button
                                                type="button"
                                                class="link-button"
                                                aria-label=move || format!("{} {}", s::EDIT.get(lang.get()), entry.label.get(lang.get()))
                                                on:click={
                                                    let entry = e.clone();
                                                    move |_| {
                                                        note.set(None);
                                                        editing.set(Some(Editing(Some(entry.clone()))));
                                                    }
                                                }
                                            >
                                                {tr(s::EDIT)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </DataTable>
                }
        })}
        {move || {
            editing
                .get()
                .map(|Editing(entry)| {
                    let title = if entry.is_some() { s::EDIT_ENTRY } else { s::NEW_ENTRY };
                    view! {
                        <Dialog id="entry-dialog" title=title on_close=close>
                            <EntryForm kind=kind.get_untracked() entry=entry on_saved=saved on_cancel=close />
                        </Dialog>
                    }
                })
        }}
    }
        .into_any()
}

/// Edits an entry, or adds one (then the code is typed too).
#[component]
fn EntryForm(
    kind: DictionaryKind,
    entry: Option<DictionaryEntry>,
    on_saved: Callback<DictionaryEntry>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let is_new = entry.is_none();
    let code = RwSignal::new(entry.as_ref().map(|e| e.code.clone()).unwrap_or_default());
    let zh = RwSignal::new(
        entry
            .as_ref()
            .map(|e| e.label.zh.clone())
            .unwrap_or_default(),
    );
    let en = RwSignal::new(
        entry
            .as_ref()
            .map(|e| e.label.en.clone())
            .unwrap_or_default(),
    );
    let sort = RwSignal::new(
        entry
            .as_ref()
            .map(|e| e.sort.to_string())
            .unwrap_or_else(|| "100".into()),
    );
    let active = RwSignal::new(entry.as_ref().is_none_or(|e| e.active));
    let submit = Submit::new();
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);
    let request = move || {
        let mut manual = Vec::new();
        let code_text = code.get().trim().to_string();
        manual.extend(check_code(&code_text));
        let sort_value = sort.get().trim().parse::<i32>().unwrap_or_else(|_| {
            manual.push(FieldError::new("sort", "number", s::NOT_A_NUMBER.text()));
            0
        });
        let req = DictionaryEntryUpdate {
            label_zh: zh.get().trim().to_string(),
            label_en: en.get().trim().to_string(),
            sort: sort_value,
            active: active.get(),
        };
        (req, manual)
    };
    let checked = submit.rules(request, |_| Vec::new());
    let errors = move |f: &'static str| submit.errors(checked, f);
    let on_submit = submit.handler(
        checked,
        request,
        move |req| {
            let code = code.get_untracked().trim().to_string();
            async move { api::dictionaries::put(session, kind, &code, &req).await }
        },
        move |e| {
            let _ = on_saved.try_run(e);
        },
    );
    view! {
        <form class="form" node_ref=node on:submit=on_submit novalidate=true data-testid="entry-form">
            <ErrorAlert id="entry-error" message=submit.error />
            {if is_new {
                view! {
                    <TextField id="entry-code" label=s::CODE value=code required=true hint=s::CODE_RULE errors=errors("code") on_blur=submit.form.on_blur("code") />
                }
                    .into_any()
            } else {
                view! {
                    <div class="field">
                        <span class="label">{tr(s::CODE)}</span>
                        <p class="mono">{code.get_untracked()}</p>
                    </div>
                }
                    .into_any()
            }}
            <TextField id="entry-zh" label=s::LABEL_ZH value=zh required=true errors=errors("label_zh") on_blur=submit.form.on_blur("label_zh") />
            <TextField id="entry-en" label=s::LABEL_EN value=en required=true errors=errors("label_en") on_blur=submit.form.on_blur("label_en") />
            <TextField id="entry-sort" label=s::SORT_ORDER value=sort inputmode="numeric" required=true errors=errors("sort") on_blur=submit.form.on_blur("sort") />
            <CheckField id="entry-active" label=s::OFFER_FOR_NEW value=active />
            <FormActions save_id="save-entry" submit=submit on_cancel=on_cancel />
        </form>
    }
}

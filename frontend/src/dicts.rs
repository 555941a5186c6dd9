//! The descriptive code lists (dictionaries), loaded once per session and kind, for the selects of
//! the entry forms and the labels of the records shown.

use crate::api;
use crate::i18n::L;
use crate::session::Session;
use domain::text::Lang;
use domain::v1::dictionaries::{DictionaryEntry, DictionaryKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// The dictionaries read so far; provided as context by the shell.
#[derive(Debug, Clone, Copy)]
pub struct Dicts {
    entries: RwSignal<HashMap<DictionaryKind, Vec<DictionaryEntry>>>,
    requested: StoredValue<Vec<DictionaryKind>>,
    session: Session,
}

impl Dicts {
    /// Empty; kinds load when first asked for.
    pub fn new(session: Session) -> Self {
        Self {
            entries: RwSignal::new(HashMap::new()),
            requested: StoredValue::new(Vec::new()),
            session,
        }
    }

    /// Loads `kind` unless it was asked for already.
    fn ensure(&self, kind: DictionaryKind) {
        if self.requested.with_value(|r| r.contains(&kind)) {
            return;
        }
        self.requested.update_value(|r| r.push(kind));
        self.reload(kind);
    }

    /// Reads `kind` again (after an edit).
    pub fn reload(&self, kind: DictionaryKind) {
        let this = *self;
        spawn_local(async move {
            if let Ok(list) = api::dictionaries::list(this.session, kind).await {
                this.entries.update(|m| {
                    m.insert(kind, list);
                });
            }
        });
    }

    /// The entries of `kind` (reactive; empty until loaded).
    pub fn entries(&self, kind: DictionaryKind) -> Vec<DictionaryEntry> {
        self.ensure(kind);
        self.entries
            .with(|m| m.get(&kind).cloned().unwrap_or_default())
    }

    /// `(code, label)` options for a new record: the active entries, after an empty entry.
    pub fn options(&self, kind: DictionaryKind, lang: Lang, empty: L) -> Vec<(String, String)> {
        std::iter::once((String::new(), empty.get(lang).to_string()))
            .chain(
                self.entries(kind)
                    .into_iter()
                    .filter(|e| e.active)
                    .map(|e| (e.code, e.label.get(lang).to_string())),
            )
            .collect()
    }

    /// The label of `code` (the code itself while unknown; "—" for none).
    pub fn label(&self, kind: DictionaryKind, code: Option<&str>, lang: Lang) -> String {
        let Some(code) = code.filter(|c| !c.is_empty()) else {
            return "—".to_string();
        };
        self.ensure(kind);
        self.entries.with(|m| {
            m.get(&kind)
                .and_then(|list| list.iter().find(|e| e.code == code))
                .map(|e| e.label.get(lang).to_string())
                .unwrap_or_else(|| code.to_string())
        })
    }
}

/// The dictionaries of the session.
pub fn use_dicts() -> Dicts {
    expect_context::<Dicts>()
}

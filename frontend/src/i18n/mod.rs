//! Interface language: Chinese (default) and English strings as pairs, the language signal, and
//! the remembered choice (the only thing the SPA keeps in `localStorage`).

pub mod strings;

use domain::text::{Lang, Text};
use leptos::prelude::*;

/// A user-visible string in Chinese and English (the static counterpart of [`Text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct L {
    /// 中文
    pub zh: &'static str,
    /// English
    pub en: &'static str,
}

impl L {
    /// The string in the given language.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// As an owned bilingual [`Text`].
    pub fn text(self) -> Text {
        Text::new(self.zh, self.en)
    }
}

/// Shorthand constructor for the string tables.
pub const fn l(zh: &'static str, en: &'static str) -> L {
    L { zh, en }
}

/// The current language, provided as context by the app root.
#[derive(Debug, Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

const STORAGE_KEY: &str = "shiming.lang";

/// The language signal of the app.
pub fn use_lang() -> RwSignal<Lang> {
    match use_context::<LangCtx>() {
        Some(ctx) => ctx.0,
        None => RwSignal::new(Lang::Zh),
    }
}

/// A reactive closure giving `s` in the current language (for use inside `view!`).
pub fn tr(s: L) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || s.get(lang.get())
}

/// The value of the HTML `lang` attribute for a language.
pub fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// The remembered language, Chinese when none was chosen.
pub fn load_lang() -> Lang {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    match stored.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// Remembers the language and sets `<html lang>`.
pub fn apply_lang(lang: Lang) {
    if let Ok(Some(storage)) = window().local_storage() {
        let value = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        let _ = storage.set_item(STORAGE_KEY, value);
    }
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", html_lang(lang));
    }
    document().set_title(strings::SYSTEM_NAME.get(lang));
}

/// The colon after a label: `：` in Chinese, `: ` in English.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// `main（extra）` in Chinese, `main (extra)` in English.
pub fn paren(lang: Lang, main: &str, extra: &str) -> String {
    match lang {
        Lang::Zh => format!("{main}（{extra}）"),
        Lang::En => format!("{main} ({extra})"),
    }
}

/// A reactive colon for use inside `view!`.
pub fn colon_tr() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || colon(lang.get())
}

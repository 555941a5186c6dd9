//! The person registry: search, the person's page with its records, and the entry forms. Every
//! form checks with the same domain rules the server applies.

pub mod detail;
pub mod form;
pub mod list;
pub mod records;
pub mod timeline;

pub use detail::PersonPage;
pub use list::{PersonSearch, PersonsPage};

use crate::format;
use domain::rules::dates::age_on;
use domain::text::Lang;
use domain::v1::employment::EmploymentState;
use domain::{DisabilityLevel, DisabilityType};
use leptos::prelude::*;

/// Full years of age today.
pub fn age_today(birth: chrono::NaiveDate) -> Option<u32> {
    age_on(birth, format::today())
}

/// `肢体 二级` / `Physical, level 2`.
pub fn level_type(kind: DisabilityType, level: DisabilityLevel, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}{}", kind.label(lang), level.label(lang)),
        Lang::En => format!("{}, {}", kind.label(lang), level.label(lang)),
    }
}

/// The current employment state as a badge ("not recorded" when none).
pub fn state_badge(state: Option<EmploymentState>, lang: Lang) -> AnyView {
    let (class, label) = match state {
        Some(EmploymentState::Employed) => ("badge badge-ok", state.map(|s| s.label(lang))),
        Some(EmploymentState::Unemployed) => ("badge badge-info", state.map(|s| s.label(lang))),
        None => ("badge badge-muted", None),
    };
    let text = label.unwrap_or(crate::i18n::strings::NOT_RECORDED.get(lang));
    view! { <span class=class>{text}</span> }.into_any()
}

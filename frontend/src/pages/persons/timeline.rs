//! The person's combined timeline: every record of every kind, newest first.

use crate::api;
use crate::components::loaded;
use crate::dicts::use_dicts;
use crate::format;
use crate::i18n::{strings as s, tr, use_lang};
use crate::session::use_session;
use domain::text::Lang;
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::employment::EmploymentState;
use domain::v1::timeline::TimelineItem;
use leptos::prelude::*;

/// What a timeline entry says, in one line: its kind and its summary.
fn describe(
    item: &TimelineItem,
    lang: Lang,
    label: impl Fn(DictionaryKind, Option<&str>) -> String,
) -> (&'static str, String, bool) {
    match item {
        TimelineItem::Employment(r) => {
            let what = match r.state {
                EmploymentState::Employed => {
                    let mut parts = vec![label(DictionaryKind::EmploymentForm, r.form.as_deref())];
                    if let Some(n) = &r.employer_name {
                        parts.push(n.clone());
                    }
                    format!("{} · {}", r.state.label(lang), parts.join(" · "))
                }
                EmploymentState::Unemployed => format!(
                    "{} · {}",
                    r.state.label(lang),
                    label(DictionaryKind::UnemploymentReason, r.reason.as_deref())
                ),
            };
            (s::TAB_EMPLOYMENT.get(lang), what, r.late)
        }
        TimelineItem::Training(r) => (
            s::TAB_TRAINING.get(lang),
            format!(
                "{} · {} – {} · {}",
                r.project,
                format::date(&r.start_date),
                format::date(&r.end_date),
                r.period.label(lang)
            ),
            r.late,
        ),
        TimelineItem::Need(r) => (
            s::TAB_NEEDS.get(lang),
            match &r.detail {
                Some(d) => format!("{} · {d}", r.kind.label(lang)),
                None => r.kind.label(lang).to_string(),
            },
            false,
        ),
        TimelineItem::Graduate(r) => (
            s::TAB_GRADUATE.get(lang),
            format!("{} · {} · {}", r.year, r.school, r.outcome.label(lang)),
            false,
        ),
        TimelineItem::Status(r) => (
            s::PERSON_STATUS.get(lang),
            match &r.to_region {
                Some(to) => format!("{} → {to}", r.status.label(lang)),
                None => r.status.label(lang).to_string(),
            },
            false,
        ),
    }
}

fn recorded_by(item: &TimelineItem) -> &str {
    match item {
        TimelineItem::Employment(r) => &r.recorded_by,
        TimelineItem::Training(r) => &r.recorded_by,
        TimelineItem::Need(r) => &r.recorded_by,
        TimelineItem::Graduate(r) => &r.recorded_by,
        TimelineItem::Status(r) => &r.recorded_by,
    }
}

/// The timeline tab.
#[component]
pub fn TimelineTab(
    person_id: i64,
    /// Bumped when a record was added elsewhere on the page.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let dicts = use_dicts();
    let items = LocalResource::new(move || {
        changed.track();
        async move { api::persons::timeline(session, person_id).await }
    });
    view! {
        <h2>{tr(s::TAB_TIMELINE)}</h2>
        {loaded(items, move |list: Vec<TimelineItem>| {
            if list.is_empty() {
                return view! { <p class="muted">{tr(s::NO_RECORDS_YET)}</p> }.into_any();
            }
            {
                view! {
                    <ol class="timeline" data-testid="timeline">
                        {list
                            .into_iter()
                            .map(|item| {
                                let l = lang.get();
                                let (kind, what, late) = describe(&item, l, |k, c| dicts.label(k, c, l));
                                let when = format::date(&item.date());
                                let rec = format!(
                                    "{} {} · {}",
                                    s::RECORDED.get(l),
                                    format::datetime(&item.recorded_at()),
                                    recorded_by(&item)
                                );
                                view! {
                                    <li class="timeline-item">
                                        <time class="timeline-date">{when}</time>
                                        <div class="timeline-body">
                                            <span class="badge badge-info">{kind}</span>
                                            " "
                                            <span class="timeline-what">{what}</span>
                                            {late.then(|| view! { " " <span class="badge badge-warn">{tr(s::LATE)}</span> })}
                                            <p class="muted small">{rec}</p>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }
        })}
    }
}

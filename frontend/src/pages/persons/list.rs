//! `/persons`: search by name, certificate number and filters; a keyset-paged table with the
//! count of matches; the new-person dialog.

use super::form::PersonForm;
use super::{level_type, state_badge};
use crate::api;
use crate::components::{
    DataTable, Dialog, EmptyRow, ErrorAlert, RegionCascade, SelectField, StatusNote, code_options,
    loaded,
};
use crate::i18n::{paren, strings as s, tr, use_lang};
use crate::pages::shell::NoAccess;
use crate::session::use_session;
use domain::text::{Lang, Text};
use domain::v1::persons::{COUNT_CAP, Person, PersonQuery, PersonSort, PersonStatus, StateFilter};
use domain::{DisabilityLevel, DisabilityType, Gender, HouseholdType, Permission};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use validator::Validate;

/// Rows per page.
const LIMIT: u32 = 20;

/// The filter values as typed (strings: the selects' values).
#[derive(Debug, Clone, Copy)]
struct Filters {
    name: RwSignal<String>,
    certificate_no: RwSignal<String>,
    region: RwSignal<Vec<String>>,
    disability_type: RwSignal<String>,
    disability_level: RwSignal<String>,
    gender: RwSignal<String>,
    household_type: RwSignal<String>,
    poverty: RwSignal<String>,
    status: RwSignal<String>,
    employment_state: RwSignal<String>,
    graduate: RwSignal<String>,
    late: RwSignal<String>,
    incomplete: RwSignal<String>,
    age_min: RwSignal<String>,
    age_max: RwSignal<String>,
    sort: RwSignal<String>,
}

fn yes_no(v: &str) -> Option<bool> {
    match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn text(v: RwSignal<String>) -> Option<String> {
    Some(v.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
}

impl Filters {
    fn new() -> Self {
        let e = || RwSignal::new(String::new());
        Self {
            name: e(),
            certificate_no: e(),
            region: RwSignal::new(Vec::new()),
            disability_type: e(),
            disability_level: e(),
            gender: e(),
            household_type: e(),
            poverty: e(),
            status: e(),
            employment_state: e(),
            graduate: e(),
            late: e(),
            incomplete: e(),
            age_min: e(),
            age_max: e(),
            sort: e(),
        }
    }

    fn clear(&self) {
        for v in [
            self.name,
            self.certificate_no,
            self.disability_type,
            self.disability_level,
            self.gender,
            self.household_type,
            self.poverty,
            self.status,
            self.employment_state,
            self.graduate,
            self.late,
            self.incomplete,
            self.age_min,
            self.age_max,
            self.sort,
        ] {
            v.set(String::new());
        }
        self.region.set(Vec::new());
    }

    /// The query of the first page.
    fn query(&self) -> PersonQuery {
        let age = |v: RwSignal<String>| text(v).and_then(|t| t.parse::<u32>().ok());
        PersonQuery {
            region: self.region.get_untracked().last().cloned(),
            name: text(self.name),
            certificate_no: text(self.certificate_no).map(|c| c.to_uppercase()),
            disability_type: DisabilityType::parse(&self.disability_type.get_untracked()),
            disability_level: DisabilityLevel::parse(&self.disability_level.get_untracked()),
            gender: Gender::parse(&self.gender.get_untracked()),
            household_type: HouseholdType::parse(&self.household_type.get_untracked()),
            poverty: yes_no(&self.poverty.get_untracked()),
            status: PersonStatus::parse(&self.status.get_untracked()),
            age_min: age(self.age_min),
            age_max: age(self.age_max),
            employment_state: StateFilter::parse(&self.employment_state.get_untracked()),
            graduate: yes_no(&self.graduate.get_untracked()),
            late: yes_no(&self.late.get_untracked()),
            incomplete: yes_no(&self.incomplete.get_untracked()),
            sort: PersonSort::parse(&self.sort.get_untracked()),
            limit: Some(LIMIT),
            ..Default::default()
        }
    }
}

fn yes_no_options(lang: Lang, yes: crate::i18n::L, no: crate::i18n::L) -> Vec<(String, String)> {
    vec![
        (String::new(), s::ALL.get(lang).to_string()),
        ("true".into(), yes.get(lang).to_string()),
        ("false".into(), no.get(lang).to_string()),
    ]
}

/// "共 123 人" / "超过 10,000 人".
fn count_line((total, exact): (u64, bool), lang: Lang) -> String {
    match (lang, exact) {
        (Lang::Zh, true) => format!("共 {total} 人"),
        (Lang::En, true) => format!("{total} persons"),
        (Lang::Zh, false) => format!("超过 {COUNT_CAP} 人"),
        (Lang::En, false) => format!("more than {COUNT_CAP} persons"),
    }
}

/// The search of the person list, kept for the session (provided by the shell) so that coming
/// back from a person's page finds the list as it was left: filters, page and count.
#[derive(Debug, Clone, Copy)]
pub struct PersonSearch {
    filters: Filters,
    base: RwSignal<PersonQuery>,
    /// Cursors of the pages shown so far: the first page has none.
    cursors: RwSignal<Vec<Option<String>>>,
    /// Matches counted by the first page, and whether exactly.
    total: RwSignal<Option<(u64, bool)>>,
    /// A message for the list from elsewhere (a person handed over).
    pub notice: RwSignal<Option<Text>>,
}

impl PersonSearch {
    /// No filters, the first page.
    pub fn new() -> Self {
        let filters = Filters::new();
        Self {
            filters,
            base: RwSignal::new(filters.query()),
            cursors: RwSignal::new(vec![None]),
            total: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }
}

impl Default for PersonSearch {
    fn default() -> Self {
        Self::new()
    }
}

/// The person search page.
#[component]
pub fn PersonsPage() -> impl IntoView {
    let session = use_session();
    if !session.can(Permission::PersonRead) {
        return view! { <NoAccess /> }.into_any();
    }
    let lang = use_lang();
    let navigate = use_navigate();
    let can_write = session.can(Permission::PersonWrite);
    let root = session.me.get_untracked().map(|m| m.region);
    let PersonSearch {
        filters,
        base,
        cursors,
        total,
        notice,
    } = use_context::<PersonSearch>().unwrap_or_default();
    on_cleanup(move || notice.set(None));
    let filter_error = RwSignal::new(None::<Text>);
    let creating = RwSignal::new(false);

    let page = LocalResource::new(move || {
        let mut query = base.get();
        query.after = cursors.with(|c| c.last().cloned().flatten());
        async move { api::persons::list(session, &query).await }
    });
    // the count arrives with the first page only; keep it while paging
    Effect::new(move |_| {
        if let Some(Ok(p)) = page.get()
            && let Some(n) = p.total
        {
            total.set(Some((n, p.total_exact)));
        }
    });

    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        let query = filters.query();
        if let (Some(a), Some(b)) = (query.age_min, query.age_max)
            && a > b
        {
            filter_error.set(Some(s::AGE_ORDER.text()));
            return;
        }
        if let Err(e) = query.validate() {
            let first = domain::error::field_errors(&e)
                .into_iter()
                .next()
                .map(|f| f.message);
            filter_error.set(first);
            return;
        }
        filter_error.set(None);
        total.set(None);
        cursors.set(vec![None]);
        base.set(query);
    };
    let reset = move |_| {
        filters.clear();
        filter_error.set(None);
        total.set(None);
        cursors.set(vec![None]);
        base.set(filters.query());
    };

    let next_cursor = move || page.get().and_then(|r| r.ok()).and_then(|p| p.next);
    let page_no = move || cursors.with(Vec::len);
    let on_created = {
        let navigate = navigate.clone();
        Callback::new(move |p: Person| {
            creating.set(false);
            navigate(&format!("/persons/{}", p.id), Default::default());
        })
    };
    let close_create = Callback::new(move |_| creating.set(false));

    let opts = move |f: fn(Lang) -> Vec<(String, String)>| Signal::derive(move || f(lang.get()));
    let headers = vec![
        s::COL_NAME,
        s::CERTIFICATE_NO,
        s::GENDER,
        s::AGE,
        s::DISABILITY,
        s::COL_REGION,
        s::HOUSEHOLD_TYPE,
        s::EMPLOYMENT_STATE,
        s::COMPLETENESS,
        s::COL_FLAGS,
    ];

    view! {
        <div class="page-head">
            <h1>{tr(s::PERSONS_TITLE)}</h1>
            {can_write
                .then(|| {
                    view! {
                        <button
                            type="button"
                            id="open-new-person"
                            class="button primary"
                            on:click=move |_| creating.set(true)
                        >
                            {tr(s::NEW_PERSON)}
                        </button>
                    }
                })}
        </div>
        <form class="filters" role="search" on:submit=search data-testid="person-filters">
            <div class="field">
                <label for="filter-name">{tr(s::FILTER_NAME)}</label>
                <input
                    id="filter-name"
                    type="search"
                    prop:value=move || filters.name.get()
                    on:input=move |ev| filters.name.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="filter-certificate">{tr(s::CERTIFICATE_NO)}</label>
                <input
                    id="filter-certificate"
                    type="search"
                    maxlength="20"
                    autocomplete="off"
                    prop:value=move || filters.certificate_no.get()
                    on:input=move |ev| filters.certificate_no.set(event_target_value(&ev))
                />
            </div>
            {root
                .clone()
                .map(|root| {
                    view! {
                        <RegionCascade
                            id="filter-region"
                            label=s::COL_REGION
                            root=root
                            chosen=filters.region
                            empty=s::ALL
                        />
                    }
                })}
            <SelectField
                id="filter-state"
                label=s::EMPLOYMENT_STATE
                value=filters.employment_state
                options=opts(|l| code_options::<StateFilter>(l, Some(s::ALL)))
            />
            <details class="more-filters">
                <summary>{tr(s::MORE_FILTERS)}</summary>
                <div class="filters-grid">
                    <SelectField
                        id="filter-type"
                        label=s::DISABILITY_TYPE
                        value=filters.disability_type
                        options=opts(|l| code_options::<DisabilityType>(l, Some(s::ALL)))
                    />
                    <SelectField
                        id="filter-level"
                        label=s::DISABILITY_LEVEL
                        value=filters.disability_level
                        options=opts(|l| code_options::<DisabilityLevel>(l, Some(s::ALL)))
                    />
                    <SelectField
                        id="filter-gender"
                        label=s::GENDER
                        value=filters.gender
                        options=opts(|l| code_options::<Gender>(l, Some(s::ALL)))
                    />
                    <SelectField
                        id="filter-household"
                        label=s::HOUSEHOLD_TYPE
                        value=filters.household_type
                        options=opts(|l| code_options::<HouseholdType>(l, Some(s::ALL)))
                    />
                    <div class="field age-band">
                        <span class="label">{tr(s::AGE_BAND)}</span>
                        <label class="sr-only" for="filter-age-min">{tr(s::AGE_MIN)}</label>
                        <input
                            id="filter-age-min"
                            type="number"
                            min="0"
                            max="150"
                            inputmode="numeric"
                            prop:value=move || filters.age_min.get()
                            on:input=move |ev| filters.age_min.set(event_target_value(&ev))
                        />
                        <span aria-hidden="true">"–"</span>
                        <label class="sr-only" for="filter-age-max">{tr(s::AGE_MAX)}</label>
                        <input
                            id="filter-age-max"
                            type="number"
                            min="0"
                            max="150"
                            inputmode="numeric"
                            prop:value=move || filters.age_max.get()
                            on:input=move |ev| filters.age_max.set(event_target_value(&ev))
                        />
                    </div>
                    <SelectField
                        id="filter-poverty"
                        label=s::POVERTY
                        value=filters.poverty
                        options=opts(|l| yes_no_options(l, s::YES, s::NO))
                    />
                    <SelectField
                        id="filter-status"
                        label=s::PERSON_STATUS
                        value=filters.status
                        options=opts(|l| code_options::<PersonStatus>(l, Some(s::ALL)))
                    />
                    <SelectField
                        id="filter-graduate"
                        label=s::GRADUATE
                        value=filters.graduate
                        options=opts(|l| yes_no_options(l, s::YES, s::NO))
                    />
                    <SelectField
                        id="filter-late"
                        label=s::LATE_RECORDS
                        value=filters.late
                        options=opts(|l| yes_no_options(l, s::HAS_LATE, s::NO_LATE))
                    />
                    <SelectField
                        id="filter-incomplete"
                        label=s::COMPLETENESS
                        value=filters.incomplete
                        options=opts(|l| yes_no_options(l, s::INCOMPLETE, s::COMPLETE))
                    />
                    <SelectField
                        id="filter-sort"
                        label=s::SORT
                        value=filters.sort
                        options=opts(|l| code_options::<PersonSort>(l, None))
                    />
                </div>
            </details>
            <div class="filter-actions">
                <button type="submit" id="persons-search" class="button primary">
                    {tr(s::SEARCH)}
                </button>
                <button type="button" class="button secondary" on:click=reset>
                    {tr(s::RESET)}
                </button>
            </div>
        </form>
        <ErrorAlert id="filter-error" message=filter_error />
        <StatusNote message=notice />
        <p class="result-count" aria-live="polite" data-testid="person-count">
            {move || total.get().map(|t| count_line(t, lang.get()))}
        </p>
        {loaded(page, move |p| {
                let empty = p.items.is_empty();
                view! {
                    <DataTable caption=s::PERSONS_TABLE headers=headers.clone() testid="persons-table">
                        {empty.then(|| view! { <EmptyRow colspan=10 /> })}
                        {p.items.into_iter().map(|p| view! { <PersonRow person=p /> }).collect_view()}
                    </DataTable>
                }
        })}
        <nav class="pager" aria-label=tr(s::PAGINATION)>
            <button
                type="button"
                class="button secondary"
                data-testid="page-prev"
                aria-disabled=move || (page_no() <= 1).then_some("true")
                on:click=move |_| {
                    if page_no() > 1 {
                        cursors.update(|c| {
                            c.pop();
                        });
                    }
                }
            >
                {tr(s::PAGE_PREV)}
            </button>
            <span class="pager-summary" aria-live="polite">
                {move || match lang.get() {
                    Lang::Zh => format!("第 {} 页", page_no()),
                    Lang::En => format!("Page {}", page_no()),
                }}
            </span>
            <button
                type="button"
                class="button secondary"
                data-testid="page-next"
                aria-disabled=move || next_cursor().is_none().then_some("true")
                on:click=move |_| {
                    if let Some(next) = next_cursor() {
                        cursors.update(|c| c.push(Some(next)));
                    }
                }
            >
                {tr(s::PAGE_NEXT)}
            </button>
        </nav>
        <Show when=move || creating.get()>
            <Dialog id="new-person-dialog" title=s::NEW_PERSON on_close=close_create>
                <PersonForm person=None on_saved=on_created on_cancel=close_create />
            </Dialog>
        </Show>
    }
        .into_any()
}

/// One row of the table.
#[component]
fn PersonRow(person: Person) -> impl IntoView {
    let lang = use_lang();
    let p = person;
    let href = format!("/persons/{}", p.id);
    let age = Some(p.age);
    let (gender, household, state) = (p.gender, p.household_type, p.employment_state);
    let (kind, level) = (p.disability_type, p.disability_level);
    let (region_name, region_code) = (p.region_name.clone(), p.region_code.clone());
    let late = p.late_records;
    let status = p.status;
    let completeness = p.completeness;
    view! {
        <tr data-testid=format!("person-row-{}", p.id)>
            <td>
                <a href=href>{p.name.clone()}</a>
            </td>
            <td class="mono">{p.certificate_no.clone()}</td>
            <td>{move || gender.label(lang.get())}</td>
            <td class="num">{age.map(|a| a.to_string()).unwrap_or_default()}</td>
            <td>{move || level_type(kind, level, lang.get())}</td>
            <td>{move || paren(lang.get(), &region_name, &region_code)}</td>
            <td>{move || household.label(lang.get())}</td>
            <td>{move || state_badge(state, lang.get())}</td>
            <td class="num">{format!("{completeness}%")}</td>
            <td>
                {(status != PersonStatus::Active)
                    .then(|| view! { <span class="badge badge-muted">{move || status.label(lang.get())}</span> })}
                {(late > 0)
                    .then(|| {
                        view! {
                            <span class="badge badge-warn">
                                {move || format!("{} {late}", s::LATE.get(lang.get()))}
                            </span>
                        }
                    })}
            </td>
        </tr>
    }
}

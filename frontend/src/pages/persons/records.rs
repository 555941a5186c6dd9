//! A person's records by kind — employment history, courses, needs, graduate records — each a
//! table with its entry form. The forms check with the domain's rules (`validate()` and the
//! cross-field `check`) as the server does, and say before saving when an entry will count as late.

use crate::api;
use crate::components::{
    CheckField, DataTable, Dialog, EmptyRow, ErrorAlert, FormActions, SelectField, Submit,
    TextAreaField, TextField, choice_required, code_options, focus_first_field,
};
use crate::dicts::use_dicts;
use crate::format;
use crate::i18n::{L, strings as s, tr, use_lang};
use crate::session::use_session;
use chrono::NaiveDate;
use domain::FieldError;
use domain::ids::CreditCode;
use domain::rules::dates::{is_late, on_time_until};
use domain::text::Lang;
use domain::v1::dictionaries::DictionaryKind;
use domain::v1::employers::EmployerQuery;
use domain::v1::employment::{self, EmploymentCreate, EmploymentState, Insurance};
use domain::v1::graduate::{self, GraduateCreate, GraduateOutcome};
use domain::v1::needs::{self, NeedCreate, NeedKind};
use domain::v1::training::{self, TrainingCreate, TrainingPeriod};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A date field's value, or its "required" error.
fn date_of(value: &str, field: &str, errors: &mut Vec<FieldError>) -> NaiveDate {
    format::parse_date(value).unwrap_or_else(|| {
        errors.push(FieldError::new(field, "required", s::DATE_REQUIRED.text()));
        format::today()
    })
}

fn opt(v: RwSignal<String>) -> Option<String> {
    Some(v.get().trim().to_string()).filter(|t| !t.is_empty())
}

/// The late warning shown while entering a change dated `event`.
#[component]
fn LateNotice(#[prop(into)] event: Signal<Option<NaiveDate>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        {move || {
            event
                .get()
                .filter(|d| *d <= format::today() && is_late(*d, format::today()))
                .map(|d| {
                    let until = format::date(&on_time_until(d));
                    let text = match lang.get() {
                        Lang::Zh => format!("{}（按时录入期限为 {until}）", s::WILL_BE_LATE.zh),
                        Lang::En => format!("{} (on time until {until})", s::WILL_BE_LATE.en),
                    };
                    view! { <p class="alert alert-warn wide" role="status" data-testid="late-notice">{text}</p> }
                })
        }}
    }
}

/// The heading of a record section with its "add" button.
#[component]
fn SectionHead(
    title: L,
    add: L,
    add_id: &'static str,
    can_write: bool,
    adding: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="section-head">
            <h2>{tr(title)}</h2>
            {can_write
                .then(|| {
                    view! {
                        <button type="button" id=add_id class="button primary" on:click=move |_| adding.set(true)>
                            {tr(add)}
                        </button>
                    }
                })}
        </div>
    }
}

/// The "late" badge of a record.
fn late_badge(late: bool) -> impl IntoView {
    late.then(|| view! { <span class="badge badge-warn">{tr(s::LATE)}</span> })
}

/// Who recorded an entry and when.
fn recorded(at: &chrono::DateTime<chrono::Utc>, by: &str) -> String {
    format!("{} · {by}", format::datetime(at))
}

/// Loading / error / rows of a list resource.
fn rows_or_status<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    list: LocalResource<Result<Vec<T>, api::ApiError>>,
    colspan: u32,
    row: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    move || match list.get() {
        None => {
            view! { <tr><td colspan=colspan class="loading">{tr(s::LOADING)}</td></tr> }.into_any()
        }
        Some(Err(e)) => {
            let m = e.message();
            view! { <tr><td colspan=colspan class="alert-error">{move || m.get(lang.get()).to_string()}</td></tr> }
                .into_any()
        }
        Some(Ok(items)) if items.is_empty() => view! { <EmptyRow colspan=colspan /> }.into_any(),
        Some(Ok(items)) => items.into_iter().map(row).collect_view().into_any(),
    }
}

/// One record section's state: its list (read again after an entry), whether the entry form is
/// open, and the callbacks that close it.
struct Section<T: 'static> {
    adding: RwSignal<bool>,
    list: LocalResource<Result<Vec<T>, api::ApiError>>,
    close: Callback<()>,
    saved: Callback<()>,
}

impl<T: 'static> Clone for Section<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Section<T> {}

/// The section whose list `load` reads; `on_added` hears of each new entry.
fn section<T: 'static, Fut>(load: impl Fn() -> Fut + 'static, on_added: Callback<()>) -> Section<T>
where
    Fut: std::future::Future<Output = Result<Vec<T>, api::ApiError>> + 'static,
{
    let adding = RwSignal::new(false);
    let changed = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        changed.track();
        load()
    });
    Section {
        adding,
        list,
        close: Callback::new(move |_| adding.set(false)),
        saved: Callback::new(move |_| {
            adding.set(false);
            changed.update(|n| *n += 1);
            on_added.run(());
        }),
    }
}

/// What a record section shows: its title, the add button's label and id, the entry dialog's id,
/// the table's test id and headings.
struct SectionSpec {
    title: L,
    add: L,
    add_id: &'static str,
    dialog_id: &'static str,
    testid: &'static str,
    headers: Vec<L>,
}

/// A record section: heading with the add button, the table of records, the entry dialog.
fn record_section<T, V, FV>(
    spec: SectionSpec,
    can_write: bool,
    sec: Section<T>,
    row: impl Fn(T) -> V + Copy + Send + Sync + 'static,
    form: impl Fn(Callback<()>, Callback<()>) -> FV + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    FV: IntoView + 'static,
{
    let (adding, close, saved) = (sec.adding, sec.close, sec.saved);
    let colspan = u32::try_from(spec.headers.len()).unwrap_or(1);
    let form = StoredValue::new(form);
    let (add, dialog_id) = (spec.add, spec.dialog_id);
    view! {
        <SectionHead title=spec.title add=add add_id=spec.add_id can_write=can_write adding=adding />
        <DataTable caption=spec.title headers=spec.headers testid=spec.testid>
            {rows_or_status(sec.list, colspan, row)}
        </DataTable>
        <Show when=move || adding.get()>
            <Dialog id=dialog_id title=add on_close=close>
                {form.with_value(|f| f(saved, close))}
            </Dialog>
        </Show>
    }
}

// --- employment --------------------------------------------------------------------------------

/// The employment history and its entry form.
#[component]
pub fn EmploymentTab(
    person_id: i64,
    birth: NaiveDate,
    can_write: bool,
    /// Called after a record was added (the person's facts changed).
    on_added: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let dicts = use_dicts();
    let lang = use_lang();
    let sec = section(
        move || async move { api::persons::employment(session, person_id).await },
        on_added,
    );
    record_section(
        SectionSpec {
            title: s::TAB_EMPLOYMENT,
            add: s::ADD_EMPLOYMENT,
            add_id: "add-employment",
            dialog_id: "employment-dialog",
            testid: "employment-table",
            headers: vec![
                s::EVENT_DATE,
                s::EMPLOYMENT_STATE,
                s::FORM_OR_REASON,
                s::INDUSTRY,
                s::EMPLOYER,
                s::INSURANCE,
                s::RECORDED,
            ],
        },
        can_write,
        sec,
        move |r: employment::EmploymentRecord| {
            let l = lang.get();
            let employer = match (&r.employer_name, &r.employer_credit_code) {
                (Some(n), Some(c)) => format!("{n}（{c}）"),
                (Some(n), None) => n.clone(),
                (None, Some(c)) => c.clone(),
                (None, None) => "—".into(),
            };
            view! {
                <tr>
                    <td class="nowrap">{format::date(&r.date)}</td>
                    <td>{r.state.label(l)}</td>
                    <td>
                        {match r.state {
                            EmploymentState::Employed => {
                                dicts.label(DictionaryKind::EmploymentForm, r.form.as_deref(), l)
                            }
                            EmploymentState::Unemployed => {
                                dicts.label(DictionaryKind::UnemploymentReason, r.reason.as_deref(), l)
                            }
                        }}
                    </td>
                    <td>{dicts.label(DictionaryKind::Industry, r.industry.as_deref(), l)}</td>
                    <td>{employer}</td>
                    <td>{insurance_summary(&r.insurance, l)}</td>
                    <td class="small">{recorded(&r.recorded_at, &r.recorded_by)} " " {late_badge(r.late)}</td>
                </tr>
            }
        },
        move |saved, close| view! { <EmploymentForm person_id=person_id birth=birth on_saved=saved on_cancel=close /> },
    )
}

/// `养老、医疗、公积金` — the insurances held.
fn insurance_summary(i: &Insurance, lang: Lang) -> String {
    let held: Vec<&str> = [
        (i.pension, s::INS_PENSION),
        (i.medical, s::INS_MEDICAL),
        (i.unemployment, s::INS_UNEMPLOYMENT),
        (i.injury, s::INS_INJURY),
        (i.maternity, s::INS_MATERNITY),
        (i.housing_fund, s::INS_HOUSING_FUND),
    ]
    .into_iter()
    .filter(|(held, _)| *held)
    .map(|(_, l)| l.get(lang))
    .collect();
    if held.is_empty() {
        "—".into()
    } else {
        held.join(if lang == Lang::Zh { "、" } else { ", " })
    }
}

/// A new employment state.
#[component]
fn EmploymentForm(
    person_id: i64,
    birth: NaiveDate,
    on_saved: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let dicts = use_dicts();
    let state = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let form_code = RwSignal::new(String::new());
    let contract = RwSignal::new(String::new());
    let industry = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let credit = RwSignal::new(String::new());
    let employer_name = RwSignal::new(String::new());
    let registered = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let ins = [(); 6].map(|_| RwSignal::new(false));
    let submit = Submit::new();
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);

    let employed = move || state.get() == EmploymentState::Employed.as_str();
    let request = move || {
        let mut manual = Vec::new();
        let st = EmploymentState::parse(&state.get());
        if st.is_none() {
            manual.push(choice_required("state"));
        }
        let d = date_of(&date.get(), "date", &mut manual);
        let working = st == Some(EmploymentState::Employed);
        let when = |v: Option<String>| if working { v } else { None };
        let req = EmploymentCreate {
            state: st.unwrap_or(EmploymentState::Employed),
            date: d,
            form: when(opt(form_code)),
            contract: if working {
                match contract.get().as_str() {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                }
            } else {
                None
            },
            industry: when(opt(industry)),
            channel: when(opt(channel)),
            employer_credit_code: when(opt(credit).map(|c| c.to_uppercase())),
            employer_name: when(opt(employer_name)),
            insurance: if working {
                Insurance {
                    pension: ins[0].get(),
                    medical: ins[1].get(),
                    unemployment: ins[2].get(),
                    injury: ins[3].get(),
                    maternity: ins[4].get(),
                    housing_fund: ins[5].get(),
                }
            } else {
                Insurance::default()
            },
            reason: if working { None } else { opt(reason) },
        };
        (req, manual)
    };
    let checked = submit.rules(request, move |req| {
        let mut out = employment::check(req, birth, format::today());
        if EmploymentState::parse(&state.get()).is_none() {
            // without a state the state-specific rules say nothing useful yet
            out.retain(|e| !["form", "reason", "employer_credit_code"].contains(&e.field.as_str()));
        }
        out
    });
    let errors = move |f: &'static str| submit.errors(checked, f);

    // a valid credit code looks up the registered employer
    Effect::new(move |_| {
        let code = credit.get().trim().to_uppercase();
        registered.set(None);
        if CreditCode::parse(&code).is_ok() {
            spawn_local(async move {
                let q = EmployerQuery {
                    q: Some(code.clone()),
                    after: None,
                    limit: Some(1),
                };
                if let Ok(page) = api::employers::search(session, &q).await
                    && let Some(e) = page.items.into_iter().find(|e| e.credit_code == code)
                {
                    registered.set(Some(e.name.clone()));
                    employer_name.set(e.name);
                }
            });
        }
    });

    let on_submit = submit.handler(
        checked,
        request,
        move |req| async move { api::persons::add_employment(session, person_id, &req).await },
        // the page may have been left while saving
        move |_| {
            let _ = on_saved.try_run(());
        },
    );
    let states =
        Signal::derive(move || code_options::<EmploymentState>(lang.get(), Some(s::CHOOSE)));
    let dict =
        move |k: DictionaryKind| Signal::derive(move || dicts.options(k, lang.get(), s::CHOOSE));
    let contracts = Signal::derive(move || {
        let l = lang.get();
        vec![
            (String::new(), s::UNKNOWN.get(l).to_string()),
            ("true".into(), s::YES.get(l).to_string()),
            ("false".into(), s::NO.get(l).to_string()),
        ]
    });
    let event = Signal::derive(move || format::parse_date(&date.get()));
    let ins_labels = [
        s::INS_PENSION,
        s::INS_MEDICAL,
        s::INS_UNEMPLOYMENT,
        s::INS_INJURY,
        s::INS_MATERNITY,
        s::INS_HOUSING_FUND,
    ];
    view! {
        <form class="form form-grid" node_ref=node on:submit=on_submit novalidate=true data-testid="employment-form">
            <ErrorAlert id="employment-error" message=submit.error />
            <SelectField id="emp-state" label=s::EMPLOYMENT_STATE value=state options=states required=true errors=errors("state") />
            <TextField
                id="emp-date"
                label=s::STATE_SINCE
                value=date
                kind="date"
                required=true
                errors=errors("date")
                on_blur=submit.form.on_blur("date")
            />
            <LateNotice event=event />
            <Show when=employed>
                <SelectField id="emp-form" label=s::EMPLOYMENT_FORM value=form_code options=dict(DictionaryKind::EmploymentForm) required=true errors=errors("form") />
                <SelectField id="emp-contract" label=s::CONTRACT value=contract options=contracts />
                <SelectField id="emp-industry" label=s::INDUSTRY value=industry options=dict(DictionaryKind::Industry) errors=errors("industry") />
                <SelectField id="emp-channel" label=s::CHANNEL value=channel options=dict(DictionaryKind::Channel) errors=errors("channel") />
                <TextField
                    id="emp-credit"
                    label=s::EMPLOYER_CREDIT_CODE
                    value=credit
                    hint=s::OPTIONAL
                    errors=errors("employer_credit_code")
                    on_blur=submit.form.on_blur("employer_credit_code")
                />
                <div>
                    <TextField
                        id="emp-employer-name"
                        label=s::EMPLOYER_NAME
                        value=employer_name
                        hint=s::EMPLOYER_NAME_HINT
                        errors=errors("employer_name")
                    />
                    {move || registered.get().map(|_| view! { <p class="hint ok">{tr(s::EMPLOYER_REGISTERED)}</p> })}
                </div>
                <fieldset class="wide checks">
                    <legend>{tr(s::INSURANCE)}</legend>
                    {ins
                        .into_iter()
                        .zip(ins_labels)
                        .enumerate()
                        .map(|(i, (v, l))| view! { <CheckField id=format!("emp-ins-{i}") label=l value=v /> })
                        .collect_view()}
                </fieldset>
            </Show>
            <Show when=move || state.get() == EmploymentState::Unemployed.as_str()>
                <SelectField id="emp-reason" label=s::REASON value=reason options=dict(DictionaryKind::UnemploymentReason) required=true errors=errors("reason") />
            </Show>
            <FormActions save_id="save-employment" submit=submit on_cancel=on_cancel />
        </form>
    }
}

// --- training ----------------------------------------------------------------------------------

/// The courses and their entry form.
#[component]
pub fn TrainingTab(person_id: i64, can_write: bool, on_added: Callback<()>) -> impl IntoView {
    let session = use_session();
    let dicts = use_dicts();
    let lang = use_lang();
    let sec = section(
        move || async move { api::persons::training(session, person_id).await },
        on_added,
    );
    record_section(
        SectionSpec {
            title: s::TAB_TRAINING,
            add: s::ADD_TRAINING,
            add_id: "add-training",
            dialog_id: "training-dialog",
            testid: "training-table",
            headers: vec![
                s::TRAINING_YEAR,
                s::TRAINING_DATES,
                s::TRAINING_PERIOD,
                s::TRAINING_PROJECT,
                s::TRAINING_PROVIDER,
                s::TRAINING_CERTIFICATE,
                s::RECORDED,
            ],
        },
        can_write,
        sec,
        move |r: training::TrainingRecord| {
            let l = lang.get();
            view! {
                <tr>
                    <td>{r.year}</td>
                    <td class="nowrap">{format!("{} – {}", format::date(&r.start_date), format::date(&r.end_date))}</td>
                    <td>{r.period.label(l)}</td>
                    <td>
                        {r.project.clone()}
                        <span class="muted">
                            {r.industry.as_deref().map(|i| format!(" · {}", dicts.label(DictionaryKind::Industry, Some(i), l)))}
                        </span>
                    </td>
                    <td>{dicts.label(DictionaryKind::TrainingProvider, Some(&r.provider), l)}</td>
                    <td>{dicts.label(DictionaryKind::CertificateKind, r.certificate.as_deref(), l)}</td>
                    <td class="small">{recorded(&r.recorded_at, &r.recorded_by)} " " {late_badge(r.late)}</td>
                </tr>
            }
        },
        move |saved, close| view! { <TrainingForm person_id=person_id on_saved=saved on_cancel=close /> },
    )
}

/// Whether both dates of a course could be read.
fn dates_read(unread: &[FieldError]) -> bool {
    !unread
        .iter()
        .any(|e| e.field == "start_date" || e.field == "end_date")
}

/// A new course.
#[component]
fn TrainingForm(person_id: i64, on_saved: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let dicts = use_dicts();
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let industry = RwSignal::new(String::new());
    let provider = RwSignal::new(String::new());
    let certificate = RwSignal::new(String::new());
    let submit = Submit::new();
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);

    let request = move || {
        let mut manual = Vec::new();
        let req = TrainingCreate {
            start_date: date_of(&start.get(), "start_date", &mut manual),
            end_date: date_of(&end.get(), "end_date", &mut manual),
            project: project.get().trim().to_string(),
            industry: opt(industry),
            provider: provider.get().trim().to_string(),
            certificate: opt(certificate),
        };
        if req.provider.is_empty() {
            manual.push(choice_required("provider"));
        }
        (req, manual)
    };
    let checked = submit.rules(request, move |req| training::check(req, format::today()));
    let errors = move |f: &'static str| submit.errors(checked, f);
    let derived = move || {
        let (req, manual) = request();
        (dates_read(&manual) && req.end_date >= req.start_date).then(|| {
            let l = lang.get();
            let period = TrainingPeriod::of(req.start_date, req.end_date).label(l);
            let year = training::training_year(req.start_date);
            match l {
                Lang::Zh => format!("培训年度 {year} · {period}"),
                Lang::En => format!("Training year {year} · {period}"),
            }
        })
    };
    let late_event = Signal::derive(move || {
        let (req, manual) = request();
        (dates_read(&manual) && training::is_late(&req, format::today())).then_some(req.end_date)
    });
    let on_submit = submit.handler(
        checked,
        request,
        move |req| async move { api::persons::add_training(session, person_id, &req).await },
        // the page may have been left while saving
        move |_| {
            let _ = on_saved.try_run(());
        },
    );
    let dict =
        move |k: DictionaryKind| Signal::derive(move || dicts.options(k, lang.get(), s::CHOOSE));
    view! {
        <form class="form form-grid" node_ref=node on:submit=on_submit novalidate=true data-testid="training-form">
            <ErrorAlert id="training-error" message=submit.error />
            <TextField id="tr-start" label=s::START_DATE value=start kind="date" required=true errors=errors("start_date") on_blur=submit.form.on_blur("start_date") />
            <TextField id="tr-end" label=s::END_DATE value=end kind="date" required=true errors=errors("end_date") on_blur=submit.form.on_blur("end_date") />
            <p class="derived wide" aria-live="polite">{derived}</p>
            <LateNotice event=late_event />
            <TextField id="tr-project" label=s::TRAINING_PROJECT value=project required=true errors=errors("project") on_blur=submit.form.on_blur("project") />
            <SelectField id="tr-industry" label=s::PROJECT_INDUSTRY value=industry options=dict(DictionaryKind::Industry) errors=errors("industry") />
            <SelectField id="tr-provider" label=s::TRAINING_PROVIDER value=provider options=dict(DictionaryKind::TrainingProvider) required=true errors=errors("provider") />
            <SelectField id="tr-certificate" label=s::TRAINING_CERTIFICATE value=certificate options=dict(DictionaryKind::CertificateKind) errors=errors("certificate") />
            <FormActions save_id="save-training" submit=submit on_cancel=on_cancel />
        </form>
    }
}

// --- needs -------------------------------------------------------------------------------------

/// The needs and their entry form.
#[component]
pub fn NeedsTab(person_id: i64, can_write: bool, on_added: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let sec = section(
        move || async move { api::persons::needs(session, person_id).await },
        on_added,
    );
    record_section(
        SectionSpec {
            title: s::TAB_NEEDS,
            add: s::ADD_NEED,
            add_id: "add-need",
            dialog_id: "need-dialog",
            testid: "needs-table",
            headers: vec![s::NEED_KIND, s::SURVEY_DATE, s::NEED_DETAIL, s::RECORDED],
        },
        can_write,
        sec,
        move |r: needs::NeedRecord| {
            view! {
                <tr>
                    <td>{r.kind.label(lang.get())}</td>
                    <td class="nowrap">{format::date(&r.date)}</td>
                    <td>{r.detail.clone().unwrap_or_else(|| "—".into())}</td>
                    <td class="small">{recorded(&r.recorded_at, &r.recorded_by)}</td>
                </tr>
            }
        },
        move |saved, close| view! { <NeedForm person_id=person_id on_saved=saved on_cancel=close /> },
    )
}

/// A new need.
#[component]
fn NeedForm(person_id: i64, on_saved: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let kind = RwSignal::new(String::new());
    let date = RwSignal::new(format::date(&format::today()));
    let detail = RwSignal::new(String::new());
    let submit = Submit::new();
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);
    let request = move || {
        let mut manual = Vec::new();
        let k = NeedKind::parse(&kind.get());
        if k.is_none() {
            manual.push(choice_required("kind"));
        }
        let req = NeedCreate {
            kind: k.unwrap_or(NeedKind::Employment),
            date: date_of(&date.get(), "date", &mut manual),
            detail: opt(detail),
        };
        (req, manual)
    };
    let checked = submit.rules(request, move |req| needs::check(req, format::today()));
    let errors = move |f: &'static str| submit.errors(checked, f);
    let on_submit = submit.handler(
        checked,
        request,
        move |req| async move { api::persons::add_need(session, person_id, &req).await },
        // the page may have been left while saving
        move |_| {
            let _ = on_saved.try_run(());
        },
    );
    let kinds = Signal::derive(move || code_options::<NeedKind>(lang.get(), Some(s::CHOOSE)));
    view! {
        <form class="form form-grid" node_ref=node on:submit=on_submit novalidate=true data-testid="need-form">
            <ErrorAlert id="need-error" message=submit.error />
            <SelectField id="need-kind" label=s::NEED_KIND value=kind options=kinds required=true errors=errors("kind") />
            <TextField id="need-date" label=s::SURVEY_DATE value=date kind="date" required=true errors=errors("date") on_blur=submit.form.on_blur("date") />
            <div class="wide">
                <TextAreaField id="need-detail" label=s::NEED_DETAIL value=detail rows=3 hint=s::OPTIONAL errors=errors("detail") />
            </div>
            <FormActions save_id="save-need" submit=submit on_cancel=on_cancel />
        </form>
    }
}

// --- graduate ----------------------------------------------------------------------------------

/// The graduate records and their entry form.
#[component]
pub fn GraduateTab(
    person_id: i64,
    birth: NaiveDate,
    can_write: bool,
    on_added: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let dicts = use_dicts();
    let lang = use_lang();
    let sec = section(
        move || async move { api::persons::graduate(session, person_id).await },
        on_added,
    );
    record_section(
        SectionSpec {
            title: s::TAB_GRADUATE,
            add: s::ADD_GRADUATE,
            add_id: "add-graduate",
            dialog_id: "graduate-dialog",
            testid: "graduate-table",
            headers: vec![
                s::GRADUATION_YEAR,
                s::SCHOOL,
                s::MAJOR,
                s::OUTCOME,
                s::EMPLOYMENT_FORM,
                s::REASON,
                s::RECORDED,
            ],
        },
        can_write,
        sec,
        move |r: graduate::GraduateRecord| {
            let l = lang.get();
            view! {
                <tr>
                    <td>{r.year}</td>
                    <td>{r.school.clone()}</td>
                    <td>{r.major.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{r.outcome.label(l)}</td>
                    <td>{dicts.label(DictionaryKind::EmploymentForm, r.form.as_deref(), l)}</td>
                    <td>{dicts.label(DictionaryKind::UnemploymentReason, r.reason.as_deref(), l)}</td>
                    <td class="small">{recorded(&r.recorded_at, &r.recorded_by)}</td>
                </tr>
            }
        },
        move |saved, close| view! { <GraduateForm person_id=person_id birth=birth on_saved=saved on_cancel=close /> },
    )
}

/// A new graduate record.
#[component]
fn GraduateForm(
    person_id: i64,
    birth: NaiveDate,
    on_saved: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let dicts = use_dicts();
    let year = RwSignal::new(String::new());
    let school = RwSignal::new(String::new());
    let major = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let form_code = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let submit = Submit::new();
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);
    let request = move || {
        let mut manual = Vec::new();
        let o = GraduateOutcome::parse(&outcome.get());
        if o.is_none() {
            manual.push(choice_required("outcome"));
        }
        let y = year.get().trim().parse::<i32>().unwrap_or_else(|_| {
            manual.push(FieldError::new("year", "number", s::NOT_A_NUMBER.text()));
            0
        });
        let o = o.unwrap_or(GraduateOutcome::FurtherStudy);
        let req = GraduateCreate {
            year: y,
            school: school.get().trim().to_string(),
            major: opt(major),
            outcome: o,
            form: (o == GraduateOutcome::Employed)
                .then(|| opt(form_code))
                .flatten(),
            reason: (o == GraduateOutcome::Unemployed)
                .then(|| opt(reason))
                .flatten(),
        };
        (req, manual)
    };
    let checked = submit.rules(request, move |req| {
        graduate::check(req, birth, format::today())
    });
    let errors = move |f: &'static str| submit.errors(checked, f);
    let on_submit = submit.handler(
        checked,
        request,
        move |req| async move { api::persons::add_graduate(session, person_id, &req).await },
        // the page may have been left while saving
        move |_| {
            let _ = on_saved.try_run(());
        },
    );
    let outcomes =
        Signal::derive(move || code_options::<GraduateOutcome>(lang.get(), Some(s::CHOOSE)));
    let dict =
        move |k: DictionaryKind| Signal::derive(move || dicts.options(k, lang.get(), s::CHOOSE));
    view! {
        <form class="form form-grid" node_ref=node on:submit=on_submit novalidate=true data-testid="graduate-form">
            <ErrorAlert id="graduate-error" message=submit.error />
            <TextField id="grad-year" label=s::GRADUATION_YEAR value=year inputmode="numeric" required=true errors=errors("year") on_blur=submit.form.on_blur("year") />
            <TextField id="grad-school" label=s::SCHOOL value=school required=true errors=errors("school") on_blur=submit.form.on_blur("school") />
            <TextField id="grad-major" label=s::MAJOR value=major hint=s::OPTIONAL errors=errors("major") />
            <SelectField id="grad-outcome" label=s::OUTCOME value=outcome options=outcomes required=true errors=errors("outcome") />
            <Show when=move || outcome.get() == GraduateOutcome::Employed.as_str()>
                <SelectField id="grad-form" label=s::EMPLOYMENT_FORM value=form_code options=dict(DictionaryKind::EmploymentForm) required=true errors=errors("form") />
            </Show>
            <Show when=move || outcome.get() == GraduateOutcome::Unemployed.as_str()>
                <SelectField id="grad-reason" label=s::REASON value=reason options=dict(DictionaryKind::UnemploymentReason) required=true errors=errors("reason") />
            </Show>
            <FormActions save_id="save-graduate" submit=submit on_cancel=on_cancel />
        </form>
    }
}

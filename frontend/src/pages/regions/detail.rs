//! Details of one region: ancestors, validity, successor, the link to its agency.

use crate::api;
use crate::format;
use crate::i18n::{paren, strings as s, tr, use_lang};
use crate::session::use_session;
use chrono::NaiveDate;
use domain::v1::regions::{Region, RegionQuery};
use domain::{Permission, RegionLevel};
use leptos::prelude::*;

/// The details of the selected region.
#[component]
pub fn RegionDetail(
    /// The region to show.
    selected: Memo<Option<String>>,
    /// The date whose tree is shown.
    as_of: Memo<Option<NaiveDate>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let region = LocalResource::new(move || {
        let code = selected.get();
        let as_of = as_of.get();
        async move {
            match code {
                Some(code) => Some(api::regions::get(session, &code, &RegionQuery { as_of }).await),
                None => None,
            }
        }
    });
    view! {
        <h2 id="detail-title">{tr(s::REGION_DETAIL)}</h2>
        {move || match region.get() {
            None => view! { <p class="loading">{tr(s::LOADING)}</p> }.into_any(),
            Some(None) => view! { <p class="placeholder">{tr(s::SELECT_REGION)}</p> }.into_any(),
            Some(Some(Err(e))) => {
                let message = e.message();
                view! { <p class="alert alert-error" role="alert">{move || message.get(lang.get()).to_string()}</p> }
                    .into_any()
            }
            Some(Some(Ok(r))) => view! { <RegionFacts region=r can_agency=session.can(Permission::AgencyRead) /> }.into_any(),
        }}
    }
}

#[component]
fn RegionFacts(region: Region, can_agency: bool) -> impl IntoView {
    let lang = use_lang();
    let ancestors: Vec<_> = region
        .ancestors
        .iter()
        .filter(|a| a.code != region.code)
        .cloned()
        .collect();
    let has_agency = matches!(
        region.level,
        RegionLevel::Province | RegionLevel::City | RegionLevel::County
    );
    let Region {
        code,
        name,
        level,
        parent_code,
        valid_from,
        valid_to,
        successor_code,
        child_count,
        ..
    } = region;
    let agency_href = format!("/agencies/{code}");
    let parent_name = parent_code
        .as_ref()
        .and_then(|p| region_ancestors_name(&ancestors, p));
    let (title_name, title_code) = (name.clone(), code.clone());
    view! {
        <div class="region-facts" data-testid="region-detail">
            <nav aria-label=tr(s::BREADCRUMB) class="breadcrumb">
                <ol>
                    {ancestors
                        .clone()
                        .into_iter()
                        .map(|a| {
                            view! {
                                <li>
                                    <a href=format!("/regions/{}", a.code)>{a.name}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                    <li aria-current="page">{name.clone()}</li>
                </ol>
            </nav>
            <h3 class="region-title">{move || paren(lang.get(), &title_name, &title_code)}</h3>
            <dl class="facts">
                <dt>{tr(s::CODE)}</dt>
                <dd>{code.clone()}</dd>
                <dt>{tr(s::LEVEL)}</dt>
                <dd>{move || level.label(lang.get())}</dd>
                <dt>{tr(s::PARENT)}</dt>
                <dd>
                    {match parent_code {
                        Some(p) => {
                            let label = match parent_name {
                                Some(n) => n,
                                None => p.clone(),
                            };
                            view! { <a href=format!("/regions/{p}")>{label}</a> }.into_any()
                        }
                        None => view! { <span>{tr(s::NONE)}</span> }.into_any(),
                    }}
                </dd>
                <dt>{tr(s::VALID_FROM)}</dt>
                <dd>{format::date(&valid_from)}</dd>
                <dt>{tr(s::VALID_TO)}</dt>
                <dd>
                    {match valid_to {
                        Some(d) => view! { <span>{format::date(&d)}</span> }.into_any(),
                        None => view! { <span>{tr(s::CURRENT)}</span> }.into_any(),
                    }}
                </dd>
                {successor_code
                    .map(|succ| {
                        view! {
                            <dt>{tr(s::SUCCESSOR)}</dt>
                            <dd>
                                <a href=format!("/regions/{succ}")>{succ.clone()}</a>
                            </dd>
                        }
                    })}
                <dt>{tr(s::CHILD_COUNT)}</dt>
                <dd>{child_count}</dd>
            </dl>
            {(has_agency && can_agency)
                .then(|| {
                    view! {
                        <p>
                            <a class="button secondary" href=agency_href data-testid="region-agency-link">
                                {tr(s::VIEW_AGENCY)}
                            </a>
                        </p>
                    }
                })}
        </div>
    }
}

/// The name of `code` among the ancestors, as `名称（代码）`.
fn region_ancestors_name(
    ancestors: &[domain::v1::regions::RegionRef],
    code: &str,
) -> Option<String> {
    ancestors
        .iter()
        .find(|a| a.code == code)
        .map(|a| format!("{} {}", a.name, a.code))
}

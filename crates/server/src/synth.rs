//! The synthetic province: a seeded, reproducible generator of persons with valid certificate
//! numbers (address codes of the province's real counties), plausible age / sex / type / level
//! mixes, employment histories, courses, needs, graduates and employers — written with bulk
//! inserts, never through the HTTP API. The per-person facts come from the same domain rules the
//! API uses. Used by `shiming generate` (the demo province of `cargo xtask run`) and the registry
//! benchmark.

use crate::store::entities::{
    employer, employment_record as emp, graduate_record as grad, need, person, region,
    server_secret, training_record as tr,
};
use anyhow::{Context, bail};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use domain::ids::{credit_check_char, id_check_char};
use domain::rules::completeness::{self, EmploymentFacts, Facts};
use domain::rules::dates::{birthday, is_late};
use domain::v1::employment::EmploymentState;
use domain::v1::graduate::GraduateOutcome;
use domain::v1::needs::NeedKind;
use domain::v1::persons::PersonStatus;
use domain::v1::training::{TrainingPeriod, training_year};
use domain::{DisabilityLevel, DisabilityType, Gender, HouseholdType};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Set, Statement, TransactionTrait,
};
use std::collections::HashSet;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Number of persons.
    pub persons: u64,
    /// Seed: the same seed (and build) gives the same province.
    pub seed: u64,
    /// The generation's "now".
    pub now: DateTime<Utc>,
    /// Mark the database as holding demo data (the SPA shows a banner).
    pub demo: bool,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    /// Persons.
    pub persons: u64,
    /// Employment records.
    pub employment: u64,
    /// Courses.
    pub training: u64,
    /// Needs.
    pub needs: u64,
    /// Graduate records.
    pub graduates: u64,
    /// Employers.
    pub employers: u64,
}

impl Generated {
    /// History records in all (employment, training, needs, graduate).
    pub fn records(&self) -> u64 {
        self.employment + self.training + self.needs + self.graduates
    }
}

/// The key of the demo marker in `server_secrets`.
pub const DEMO_KEY: &str = "demo_data";

/// Whether the database holds generated demo data.
pub async fn is_demo(db: &impl ConnectionTrait) -> anyhow::Result<bool> {
    Ok(server_secret::Entity::find_by_id(DEMO_KEY.to_owned())
        .one(db)
        .await?
        .is_some())
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "于", "董", "萧", "程", "曹",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "文", "建", "国", "红", "德", "福",
];
const ROADS: &[&str] = &[
    "东岗西路",
    "庆阳路",
    "南滨河路",
    "民主路",
    "建宁路",
    "新华路",
    "人民路",
    "振兴路",
];
const FIRMS: &[&str] = &[
    "福利", "制造", "商贸", "农业", "服装", "食品", "物流", "电子", "家政", "文化",
];
const INDUSTRIES: &[&str] = &[
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
    "T",
];
const FORMS: &[&str] = &[
    "proportional",
    "concentrated",
    "individual",
    "public_welfare",
    "supported",
    "flexible",
    "rural_farming",
    "entrepreneurship",
];
const CHANNELS: &[&str] = &[
    "public_service",
    "cdpf_service",
    "self",
    "relatives",
    "job_fair",
    "online",
];
const REASONS: &[&str] = &[
    "unable",
    "student",
    "unwilling",
    "no_suitable_job",
    "lacks_skills",
    "family",
];
const EDUCATION: &[&str] = &["none", "primary", "junior", "senior", "college", "bachelor"];
const PROVIDERS: &[&str] = &[
    "cdpf_base",
    "employment_agency",
    "hr_department",
    "private",
    "education",
];
const CERTIFICATES: &[&str] = &[
    "qualification",
    "skill_level",
    "special_ability",
    "completion",
    "none",
];
const PROJECTS: &[&str] = &[
    "盲人保健按摩",
    "电商客服",
    "手工编织",
    "种植养殖",
    "面点制作",
    "计算机操作",
    "家政服务",
];
const SCHOOLS: &[&str] = &[
    "兰州大学",
    "西北师范大学",
    "兰州理工大学",
    "甘肃农业大学",
    "长春大学特殊教育学院",
];
const CREDIT_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

fn pick<'a>(rng: &mut StdRng, xs: &[&'a str]) -> &'a str {
    xs[rng.gen_range(0..xs.len())]
}

/// A weighted choice: `(value, weight)`.
fn weighted<T: Copy>(rng: &mut StdRng, xs: &[(T, u32)]) -> T {
    let total: u32 = xs.iter().map(|x| x.1).sum();
    let mut n = rng.gen_range(0..total.max(1));
    for &(v, w) in xs {
        if n < w {
            return v;
        }
        n -= w;
    }
    xs[0].0
}

fn day_between(rng: &mut StdRng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + Days::new(rng.gen_range(0..=span) as u64)
}

fn at(d: NaiveDate, rng: &mut StdRng) -> DateTime<Utc> {
    // office hours in Beijing (UTC+8): 01:00-09:00 UTC
    let secs = rng.gen_range(3_600..32_400);
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
        + chrono::Duration::seconds(secs)
}

async fn next_id<E: EntityTrait>(db: &impl ConnectionTrait, col: E::Column) -> anyhow::Result<i64>
where
    E::Column: ColumnTrait,
{
    let max: Option<i64> = E::find()
        .select_only()
        .column_as(ColumnTrait::max(&col), "m")
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok(max.unwrap_or(0) + 1)
}

/// Inserts rows in statements of at most ~30,000 bound values (SQLite's limit is 32,766).
async fn insert_all<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    columns: usize,
) -> anyhow::Result<()>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    let per = (30_000 / columns.max(1)).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

struct County {
    code: String,
    name: String,
    path: String,
}

/// A generated person's latest employment state: state, form, industry, channel, contract,
/// reason and the employer's credit code.
type Latest<'a> = (
    EmploymentState,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<bool>,
    Option<&'a str>,
    Option<String>,
);

/// Generates a province into an empty registry. `progress` is called with the persons written.
pub async fn generate(
    db: &DatabaseConnection,
    ring: &crate::vault::Keyring,
    province: &str,
    plan: Plan,
    progress: impl Fn(u64),
) -> anyhow::Result<Generated> {
    if person::Entity::find().count(db).await? > 0 {
        bail!("the registry is not empty: synthetic data is only generated into an empty one");
    }
    let root = crate::store::regions::current(db, province)
        .await?
        .context("the province region is missing")?;
    let counties: Vec<County> = region::Entity::find()
        .filter(region::Column::ValidTo.is_null())
        .filter(region::Column::Level.eq("county"))
        .filter(region::Column::Path.starts_with(&root.path))
        .all(db)
        .await?
        .into_iter()
        // the address code of an ID must be a GB/T 2260 code the domain knows
        .filter(|r| domain::ids::is_known_address_code(&r.code))
        .map(|r| County {
            code: r.code,
            name: r.name,
            path: r.path,
        })
        .collect();
    if counties.is_empty() {
        bail!("the province has no counties");
    }
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let today = crate::clock::today_cst(plan.now);
    let mut out = Generated::default();
    let by = if plan.demo { "demo" } else { "synth" };

    // employers
    let n_employers = (plan.persons / 40).max(20);
    let mut employers = Vec::with_capacity(n_employers as usize);
    let mut codes = HashSet::new();
    let first_employer = next_id::<employer::Entity>(db, employer::Column::Id).await?;
    while (employers.len() as u64) < n_employers {
        let c = &counties[rng.gen_range(0..counties.len())];
        let mut first = format!("91{}", c.code);
        for _ in 0..9 {
            first.push(CREDIT_CHARS[rng.gen_range(0..CREDIT_CHARS.len())] as char);
        }
        let Some(check) = credit_check_char(&first) else {
            continue;
        };
        let code = format!("{first}{check}");
        if !codes.insert(code.clone()) {
            continue;
        }
        let id = first_employer + employers.len() as i64;
        employers.push((
            code.clone(),
            format!("{}{}{}有限公司", c.name, pick(&mut rng, FIRMS), id),
            employer::ActiveModel {
                id: Set(id),
                credit_code: Set(code),
                name: Set(format!("{}{}{}有限公司", c.name, pick(&mut rng, FIRMS), id)),
                economic_type: Set(Some(
                    weighted(
                        &mut rng,
                        &[("私营", 6), ("国有", 1), ("集体", 1), ("个体", 2)],
                    )
                    .to_owned(),
                )),
                industry: Set(Some(pick(&mut rng, INDUSTRIES).to_owned())),
                region_code: Set(c.code.clone()),
                region_path: Set(c.path.clone()),
                created_at: Set(at(today - Days::new(rng.gen_range(30..2000)), &mut rng)),
                created_by: Set(by.to_owned()),
            },
        ));
    }
    out.employers = employers.len() as u64;
    let txn = db.begin().await?;
    insert_all(&txn, employers.iter().map(|e| e.2.clone()).collect(), 9).await?;
    txn.commit().await?;

    let mut ids = (
        next_id::<person::Entity>(db, person::Column::Id).await?,
        next_id::<emp::Entity>(db, emp::Column::Id).await?,
        next_id::<tr::Entity>(db, tr::Column::Id).await?,
        next_id::<need::Entity>(db, need::Column::Id).await?,
        next_id::<grad::Entity>(db, grad::Column::Id).await?,
    );
    let mut certs = HashSet::new();
    let batch = 5_000u64;
    let mut done = 0u64;
    while done < plan.persons {
        let n = batch.min(plan.persons - done);
        let (mut persons, mut emps, mut trs, mut needs, mut grads) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..n {
            let c = &counties[rng.gen_range(0..counties.len())];
            let working = rng.gen_bool(0.72);
            let age: i64 = if working {
                rng.gen_range(16..59)
            } else {
                rng.gen_range(60..88)
            };
            let birth = today - Days::new((age * 365 + rng.gen_range(0..365)) as u64);
            let male = rng.gen_bool(0.55);
            let cert = loop {
                let seq = rng.gen_range(0..500) * 2 + u32::from(male);
                let first = format!("{}{}{seq:03}", c.code, birth.format("%Y%m%d"));
                let Some(check) = id_check_char(&first) else {
                    continue;
                };
                let t = weighted(
                    &mut rng,
                    &[(1, 12), (2, 12), (3, 2), (4, 50), (5, 8), (6, 9), (7, 7)],
                );
                let l = weighted(&mut rng, &[(1, 15), (2, 25), (3, 30), (4, 30)]);
                let cert = format!("{first}{check}{t}{l}");
                if certs.insert(cert.clone()) {
                    break cert;
                }
            };
            let dtype = DisabilityType::ALL[cert.as_bytes()[18] as usize - b'1' as usize];
            let dlevel = DisabilityLevel::ALL[cert.as_bytes()[19] as usize - b'1' as usize];
            let rural = rng.gen_bool(0.6);
            let poverty = rng.gen_bool(if rural { 0.2 } else { 0.03 });
            let name = format!(
                "{}{}{}",
                pick(&mut rng, SURNAMES),
                pick(&mut rng, GIVEN),
                if rng.gen_bool(0.7) {
                    pick(&mut rng, GIVEN)
                } else {
                    ""
                }
            );
            let phone = if rng.gen_bool(0.9) {
                format!(
                    "1{}{:09}",
                    weighted(&mut rng, &[(3, 3), (5, 2), (7, 1), (8, 3), (9, 1)]),
                    rng.gen_range(0..1_000_000_000u64)
                )
            } else {
                String::new()
            };
            let address = if rng.gen_bool(0.85) {
                format!(
                    "{}{}{}号",
                    c.name,
                    pick(&mut rng, ROADS),
                    rng.gen_range(1..300)
                )
            } else {
                String::new()
            };
            let education = if rng.gen_bool(0.9) {
                pick(&mut rng, EDUCATION)
            } else {
                ""
            };
            let pid = ids.0;
            ids.0 += 1;
            let created = day_between(&mut rng, today - Days::new(1_000), today);

            // employment history: 1-3 dated states since the 16th birthday (and 2016)
            let start = birthday(birth, 16)
                .unwrap_or(birth)
                .max(NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or(today));
            let mut history: Vec<emp::ActiveModel> = Vec::new();
            let mut latest: Option<Latest<'_>> = None;
            let mut first_date = None;
            let mut late_records = 0;
            if start < today && rng.gen_bool(0.85) {
                let k = weighted(&mut rng, &[(1, 50), (2, 35), (3, 15)]);
                let mut dates: Vec<NaiveDate> = (0..k)
                    .map(|_| day_between(&mut rng, start, today))
                    .collect();
                dates.sort();
                let mut employed = rng.gen_bool(0.6);
                for d in dates {
                    let late = rng.gen_bool(0.06);
                    let rec_day = (d + Days::new(if late {
                        rng.gen_range(95..400)
                    } else {
                        rng.gen_range(0..60)
                    }))
                    .min(today);
                    let is_late = is_late(d, rec_day);
                    late_records += i32::from(is_late);
                    first_date.get_or_insert(d);
                    let (state, form, industry, channel, contract, reason, employer) = if employed {
                        let e = rng
                            .gen_bool(0.7)
                            .then(|| &employers[rng.gen_range(0..employers.len())]);
                        (
                            EmploymentState::Employed,
                            Some(pick(&mut rng, FORMS)),
                            rng.gen_bool(0.95).then(|| pick(&mut rng, INDUSTRIES)),
                            rng.gen_bool(0.9).then(|| pick(&mut rng, CHANNELS)),
                            Some(rng.gen_bool(0.55)),
                            None,
                            e.map(|e| (e.0.clone(), e.1.clone())),
                        )
                    } else {
                        (
                            EmploymentState::Unemployed,
                            None,
                            None,
                            None,
                            None,
                            Some(pick(&mut rng, REASONS)),
                            None,
                        )
                    };
                    let insured = employed && rng.gen_bool(0.5);
                    history.push(emp::ActiveModel {
                        id: Set(ids.1),
                        person_id: Set(pid),
                        state: Set(state.as_str().to_owned()),
                        date: Set(d),
                        form: Set(form.map(str::to_owned)),
                        contract: Set(contract),
                        industry: Set(industry.map(str::to_owned)),
                        channel: Set(channel.map(str::to_owned)),
                        employer_credit_code: Set(employer.as_ref().map(|e| e.0.clone())),
                        employer_name: Set(employer.as_ref().map(|e| e.1.clone())),
                        ins_pension: Set(insured),
                        ins_medical: Set(insured || rng.gen_bool(0.3)),
                        ins_unemployment: Set(insured),
                        ins_injury: Set(insured),
                        ins_maternity: Set(insured && rng.gen_bool(0.8)),
                        housing_fund: Set(insured && rng.gen_bool(0.3)),
                        reason: Set(reason.map(str::to_owned)),
                        recorded_at: Set(at(rec_day, &mut rng)),
                        recorded_by: Set(by.to_owned()),
                        late: Set(is_late),
                    });
                    ids.1 += 1;
                    latest = Some((
                        state,
                        form,
                        industry,
                        channel,
                        contract,
                        reason,
                        employer.map(|e| e.0),
                    ));
                    employed = !employed || rng.gen_bool(0.3);
                }
            }
            out.employment += history.len() as u64;
            emps.extend(history);

            // courses
            if start < today && rng.gen_bool(0.32) {
                for _ in 0..weighted(&mut rng, &[(1, 70), (2, 30)]) {
                    let s = day_between(&mut rng, start, today);
                    let days = match rng.gen_range(0..10) {
                        0..6 => rng.gen_range(1..30),
                        6..9 => rng.gen_range(31..180),
                        _ => rng.gen_range(181..400),
                    };
                    let e = (s + Days::new(days)).min(today);
                    let rec_day = (e + Days::new(if rng.gen_bool(0.05) {
                        rng.gen_range(95..300)
                    } else {
                        rng.gen_range(0..40)
                    }))
                    .min(today);
                    let late = is_late(e, rec_day);
                    late_records += i32::from(late);
                    trs.push(tr::ActiveModel {
                        id: Set(ids.2),
                        person_id: Set(pid),
                        year: Set(training_year(s)),
                        start_date: Set(s),
                        end_date: Set(e),
                        period: Set(TrainingPeriod::of(s, e).as_str().to_owned()),
                        project: Set(pick(&mut rng, PROJECTS).to_owned()),
                        industry: Set(Some(pick(&mut rng, INDUSTRIES).to_owned())),
                        provider: Set(pick(&mut rng, PROVIDERS).to_owned()),
                        certificate: Set(Some(pick(&mut rng, CERTIFICATES).to_owned())),
                        recorded_at: Set(at(rec_day, &mut rng)),
                        recorded_by: Set(by.to_owned()),
                        late: Set(late),
                    });
                    ids.2 += 1;
                    out.training += 1;
                }
            }

            // needs
            if start < today && rng.gen_bool(0.18) {
                let kind = weighted(
                    &mut rng,
                    &[
                        (NeedKind::Employment, 5),
                        (NeedKind::Training, 4),
                        (NeedKind::Entrepreneurship, 1),
                    ],
                );
                let d = day_between(&mut rng, start, today);
                needs.push(need::ActiveModel {
                    id: Set(ids.3),
                    person_id: Set(pid),
                    kind: Set(kind.as_str().to_owned()),
                    date: Set(d),
                    detail: Set(
                        (kind == NeedKind::Training).then(|| pick(&mut rng, PROJECTS).to_owned())
                    ),
                    recorded_at: Set(at(d, &mut rng)),
                    recorded_by: Set(by.to_owned()),
                });
                ids.3 += 1;
                out.needs += 1;
            }

            // college graduates among the young
            let mut graduate_year = None;
            if (20..36).contains(&age) && rng.gen_bool(0.12) {
                let year = (birth.year() + rng.gen_range(21..24)).min(today.year());
                let outcome = weighted(
                    &mut rng,
                    &[
                        (GraduateOutcome::Employed, 60),
                        (GraduateOutcome::Unemployed, 25),
                        (GraduateOutcome::FurtherStudy, 12),
                        (GraduateOutcome::Abroad, 3),
                    ],
                );
                grads.push(grad::ActiveModel {
                    id: Set(ids.4),
                    person_id: Set(pid),
                    year: Set(year),
                    school: Set(pick(&mut rng, SCHOOLS).to_owned()),
                    major: Set(Some("计算机应用".to_owned())),
                    outcome: Set(outcome.as_str().to_owned()),
                    form: Set((outcome == GraduateOutcome::Employed)
                        .then(|| pick(&mut rng, FORMS).to_owned())),
                    reason: Set((outcome == GraduateOutcome::Unemployed)
                        .then(|| pick(&mut rng, REASONS).to_owned())),
                    recorded_at: Set(at(
                        NaiveDate::from_ymd_opt(year, 9, 1)
                            .unwrap_or(today)
                            .min(today),
                        &mut rng,
                    )),
                    recorded_by: Set(by.to_owned()),
                });
                ids.4 += 1;
                out.graduates += 1;
                graduate_year = Some(year);
            }

            let facts = Facts {
                phone: &phone,
                address: &address,
                education,
                employment: latest.as_ref().map(|l| EmploymentFacts {
                    state: l.0,
                    form: l.1,
                    industry: l.2,
                    channel: l.3,
                    contract: l.4,
                    reason: l.5,
                }),
            };
            let status = weighted(
                &mut rng,
                &[
                    (PersonStatus::Active, 97),
                    (PersonStatus::Deceased, 2),
                    (PersonStatus::MovedOut, 1),
                ],
            );
            let status_date =
                (status != PersonStatus::Active).then(|| day_between(&mut rng, created, today));
            let created_at = at(created, &mut rng);
            let sealed = ring.seal(&crate::vault::Identifiers {
                certificate_no: cert,
                phone: phone.clone(),
                address: address.clone(),
            })?;
            persons.push(person::ActiveModel {
                id: Set(pid),
                certificate_index: Set(sealed.index),
                certificate_sealed: Set(sealed.certificate_no),
                certificate_mask: Set(sealed.mask),
                data_key: Set(Some(sealed.key)),
                name: Set(name),
                gender: Set(if male { Gender::Male } else { Gender::Female }
                    .as_str()
                    .to_owned()),
                birth_date: Set(birth),
                disability_type: Set(dtype.as_str().to_owned()),
                disability_level: Set(dlevel.as_str().to_owned()),
                region_code: Set(c.code.clone()),
                region_path: Set(c.path.clone()),
                household_type: Set(if rural {
                    HouseholdType::Rural
                } else {
                    HouseholdType::Urban
                }
                .as_str()
                .to_owned()),
                phone_sealed: Set(sealed.phone),
                address_sealed: Set(sealed.address),
                education: Set(education.to_owned()),
                poverty: Set(poverty),
                status: Set(status.as_str().to_owned()),
                version: Set(1),
                created_at: Set(created_at),
                created_by: Set(by.to_owned()),
                updated_at: Set(created_at),
                updated_by: Set(by.to_owned()),
                first_record_date: Set(first_date),
                current_state: Set(latest.as_ref().map(|l| l.0.as_str().to_owned())),
                current_employer: Set(latest.as_ref().and_then(|l| l.6.clone())),
                status_date: Set(status_date),
                moved_to: Set((status == PersonStatus::MovedOut).then(|| "110105".to_owned())),
                graduate_year: Set(graduate_year),
                late_records: Set(late_records),
                completeness: Set(i32::from(completeness::percent(&facts))),
            });
        }
        let txn = db.begin().await?;
        insert_all(&txn, persons, 32).await?;
        insert_all(&txn, emps, 23).await?;
        insert_all(&txn, trs, 14).await?;
        insert_all(&txn, needs, 8).await?;
        insert_all(&txn, grads, 11).await?;
        txn.commit().await?;
        done += n;
        out.persons = done;
        progress(done);
    }
    if db.get_database_backend() == DbBackend::Postgres {
        // explicit ids: move the sequences past them
        for t in [
            "persons",
            "employment_records",
            "training_records",
            "needs",
            "graduate_records",
            "employers",
        ] {
            db.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), GREATEST((SELECT MAX(id) FROM {t}), 1))"),
            ))
            .await?;
        }
        db.execute_raw(Statement::from_string(DbBackend::Postgres, "ANALYZE"))
            .await?;
    } else {
        db.execute_raw(Statement::from_string(DbBackend::Sqlite, "ANALYZE"))
            .await?;
    }
    if plan.demo {
        server_secret::Entity::insert(server_secret::ActiveModel {
            name: Set(DEMO_KEY.to_owned()),
            value: Set(format!("seed {} persons {}", plan.seed, plan.persons)),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(out)
}

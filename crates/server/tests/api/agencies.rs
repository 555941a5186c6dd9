//! Agencies: read in scope, edit own and below, optimistic concurrency, validation.

use crate::both;
use crate::helpers::*;
use domain::Role;
use domain::v1::agencies::AgencyUpdate;

fn upd(a: &domain::v1::agencies::Agency) -> AgencyUpdate {
    AgencyUpdate {
        name: a.name.clone(),
        spec: "正处级".into(),
        kind: "公益一类事业单位".into(),
        departments: vec!["就业指导科".into(), " 培训科 ".into(), "".into()],
        staff_quota: 12,
        staff_actual: 10,
        area_m2: 860.5,
        functions: vec!["就业服务".into(), "职业培训".into()],
        standardization: "已达标".into(),
        version: a.version,
    }
}

async fn agency_edit_and_conflict(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let a = lanzhou.agency("620100").await.unwrap();
    assert_eq!(a.name, "兰州市残疾人就业服务中心");
    let saved = lanzhou.update_agency("620100", &upd(&a)).await.unwrap();
    assert_eq!(saved.version, a.version + 1);
    assert_eq!(saved.departments, ["就业指导科", "培训科"]);
    // the same stale version again: 409, nothing changed
    assert_problem(
        lanzhou.update_agency("620100", &upd(&a)).await,
        409,
        "version_conflict",
    );
    assert_eq!(
        lanzhou.agency("620100").await.unwrap().version,
        saved.version
    );
    // validation names the fields
    let mut bad = upd(&saved);
    bad.staff_quota = -1;
    bad.name = String::new();
    let err = lanzhou.update_agency("620100", &bad).await.unwrap_err();
    let fields: Vec<_> = err
        .problem()
        .unwrap()
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.rule.as_str()))
        .collect();
    assert_eq!(fields, [("name", "length"), ("staff_quota", "range")]);
    // below: yes; above and beside: not found
    let county = lanzhou.agency("620102").await.unwrap();
    lanzhou
        .update_agency("620102", &upd(&county))
        .await
        .unwrap();
    assert_problem(lanzhou.agency("620000").await, 404, "not_found");
    let p = app.admin.agency("620200").await.unwrap();
    assert_problem(
        lanzhou.update_agency("620200", &upd(&p)).await,
        404,
        "not_found",
    );
    // entry staff read but do not edit
    let entry = app.sub_account(&lanzhou, "lz.entry", Role::Entry).await;
    let mine = entry.agency("620100").await.unwrap();
    assert_problem(
        entry.update_agency("620100", &upd(&mine)).await,
        403,
        "forbidden",
    );
}
both!(agency_edit_and_conflict);

//! The region tree: browse, search, and changes with effective dates whose history answers
//! "as of" queries.

use crate::both;
use crate::helpers::*;
use chrono::NaiveDate;
use domain::v1::regions::{NewRegion, RegionChange, RegionChangeRequest, RegionSearch};

fn change(date: &str, change: RegionChange) -> RegionChangeRequest {
    RegionChangeRequest {
        effective_date: date.parse::<NaiveDate>().unwrap(),
        reference: "国函〔2026〕1号".into(),
        change,
    }
}

async fn browse_and_search(app: TestApp) {
    let root = app.admin.region("620000", None).await.unwrap();
    assert_eq!(root.name, "甘肃省");
    assert_eq!(root.child_count, 14);
    let cities = app.admin.region_children("620000", None).await.unwrap();
    assert_eq!(cities.len(), 14);
    assert_eq!(cities[0].code, "620100");
    assert_eq!(cities[0].child_count, 9);
    let counties = app.admin.region_children("620100", None).await.unwrap();
    assert_eq!(counties[0].code, "620102");
    assert_eq!(counties[0].name, "城关区");
    assert_eq!(
        counties[0]
            .ancestors
            .iter()
            .map(|a| a.code.as_str())
            .collect::<Vec<_>>(),
        ["620000", "620100"]
    );
    let found = app
        .admin
        .search_regions(&RegionSearch {
            q: "城关".into(),
            as_of: None,
            limit: None,
        })
        .await
        .unwrap();
    assert!(found.iter().any(|r| r.code == "620102"));
    let by_code = app
        .admin
        .search_regions(&RegionSearch {
            q: "6212".into(),
            as_of: None,
            limit: None,
        })
        .await
        .unwrap();
    assert!(by_code.iter().all(|r| r.code.starts_with("6212")) && by_code.len() > 5);
    // other provinces are outside every scope of this deployment
    assert_problem(app.admin.region("110000", None).await, 404, "not_found");
    let none = app
        .admin
        .search_regions(&RegionSearch {
            q: "东城".into(),
            as_of: None,
            limit: None,
        })
        .await
        .unwrap();
    assert!(none.is_empty());
}
both!(browse_and_search);

async fn changes_keep_history(app: TestApp) {
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    // rename
    app.admin
        .region_change(&change(
            "2026-01-01",
            RegionChange::Rename {
                code: "620102".into(),
                new_name: "城关新区".into(),
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        app.admin.region("620102", None).await.unwrap().name,
        "城关新区"
    );
    assert_eq!(
        app.admin
            .region("620102", Some("2025-12-31"))
            .await
            .unwrap()
            .name,
        "城关区"
    );
    // re-parent 620102 from 兰州 to 嘉峪关
    app.admin
        .region_change(&change(
            "2026-02-01",
            RegionChange::Reparent {
                code: "620102".into(),
                new_parent_code: "620200".into(),
            },
        ))
        .await
        .unwrap();
    let before: Vec<_> = app
        .admin
        .region_children("620100", Some("2026-01-15"))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert!(before.contains(&"620102".to_string()));
    let after: Vec<_> = app
        .admin
        .region_children("620100", None)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert!(!after.contains(&"620102".to_string()));
    let jyg: Vec<_> = app
        .admin
        .region_children("620200", None)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert!(jyg.contains(&"620102".to_string()));
    // the city's scope follows the tree: 兰州 no longer sees 620102 or its administrator
    assert_problem(lanzhou.region("620102", None).await, 404, "not_found");
    assert_problem(lanzhou.account("620102").await, 404, "not_found");
    // retire 620103 into 620104
    app.admin
        .region_change(&change(
            "2026-02-10",
            RegionChange::Retire {
                code: "620103".into(),
                successor_code: "620104".into(),
            },
        ))
        .await
        .unwrap();
    assert_problem(app.admin.region("620103", None).await, 404, "not_found");
    let old = app
        .admin
        .region("620103", Some("2026-02-09"))
        .await
        .unwrap();
    assert_eq!(old.successor_code.as_deref(), Some("620104"));
    assert_eq!(
        app.admin.account("620103").await.unwrap().status,
        domain::AccountStatus::Disabled
    );
    // change a code: the agency and the administrator account follow
    app.admin
        .region_change(&change(
            "2026-02-20",
            RegionChange::ChangeCode {
                code: "620104".into(),
                new_code: "620199".into(),
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        app.admin.region("620199", None).await.unwrap().name,
        "西固区"
    );
    assert_eq!(
        app.admin.agency("620199").await.unwrap().region_code,
        "620199"
    );
    assert_eq!(
        app.admin.account("620199").await.unwrap().username,
        "620199"
    );
    assert_problem(app.admin.region("620104", None).await, 404, "not_found");
    // set up a new county: it gets an agency and a holderless administrator account
    app.admin
        .region_change(&change(
            "2026-02-21",
            RegionChange::Create {
                region: NewRegion {
                    code: "620180".into(),
                    name: "新设县".into(),
                },
                parent_code: "620100".into(),
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        app.admin.account("620180").await.unwrap().status,
        domain::AccountStatus::Pending
    );
    assert_problem(
        app.admin.region("620180", Some("2026-02-20")).await,
        404,
        "not_found",
    );
    // merge and split
    app.admin
        .region_change(&change(
            "2026-02-22",
            RegionChange::Merge {
                codes: vec!["620111".into()],
                into_code: "620105".into(),
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        app.admin
            .region("620111", Some("2026-02-21"))
            .await
            .unwrap()
            .name,
        "红古区"
    );
    app.admin
        .region_change(&change(
            "2026-02-23",
            RegionChange::Split {
                code: "620121".into(),
                into: vec![
                    NewRegion {
                        code: "620181".into(),
                        name: "永登东".into(),
                    },
                    NewRegion {
                        code: "620182".into(),
                        name: "永登西".into(),
                    },
                ],
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        app.admin
            .region("620121", Some("2026-02-22"))
            .await
            .unwrap()
            .successor_code
            .as_deref(),
        Some("620181")
    );
    assert_eq!(app.admin.region_changes().await.unwrap().len(), 7);
}
both!(changes_keep_history);

async fn changes_are_checked(app: TestApp) {
    // only the province administrator records changes
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    assert_problem(
        lanzhou
            .region_change(&change(
                "2026-01-01",
                RegionChange::Rename {
                    code: "620102".into(),
                    new_name: "X".into(),
                },
            ))
            .await,
        403,
        "forbidden",
    );
    // bad input: clear errors, nothing changed
    assert_problem(
        app.admin
            .region_change(&change(
                "2026-01-01",
                RegionChange::ChangeCode {
                    code: "620102".into(),
                    new_code: "62A".into(),
                },
            ))
            .await,
        422,
        "validation",
    );
    assert_problem(
        app.admin
            .region_change(&change(
                "2026-01-01",
                RegionChange::ChangeCode {
                    code: "620102".into(),
                    new_code: "620103".into(),
                },
            ))
            .await,
        422,
        "validation",
    );
    assert_problem(
        app.admin
            .region_change(&change(
                "2026-01-01",
                RegionChange::Reparent {
                    code: "620100".into(),
                    new_parent_code: "620102".into(),
                },
            ))
            .await,
        422,
        "validation",
    );
    assert_problem(
        app.admin
            .region_change(&change(
                "2026-01-01",
                RegionChange::Rename {
                    code: "110101".into(),
                    new_name: "X".into(),
                },
            ))
            .await,
        422,
        "validation",
    );
    // before the current version: conflict
    assert_problem(
        app.admin
            .region_change(&change(
                "1970-01-01",
                RegionChange::Rename {
                    code: "620102".into(),
                    new_name: "X".into(),
                },
            ))
            .await,
        409,
        "conflict",
    );
    assert_eq!(
        app.admin.region("620102", None).await.unwrap().name,
        "城关区"
    );
    assert!(app.admin.region_changes().await.unwrap().is_empty());
}
both!(changes_are_checked);

/// The change list shows a region administrator the changes that name a region of its scope
/// only; a code change and a retirement carry the employers along; a successor must be of the
/// retired region's level.
async fn changes_are_scoped_and_carry_employers(app: TestApp) {
    app.exec(
        "INSERT INTO employers (credit_code, name, economic_type, industry, region_code, region_path, created_at, created_by) \
         VALUES ('91620102MA71X2Y16A', '城关服装有限公司', NULL, NULL, '620102', '/620000/620100/620102/', '2026-01-01 00:00:00+00:00', 'test'), \
                ('91620103MA71X2Y16B', '七里河物流有限公司', NULL, NULL, '620103', '/620000/620100/620103/', '2026-01-01 00:00:00+00:00', 'test')",
    )
    .await;
    app.admin
        .region_change(&change(
            "2026-01-01",
            RegionChange::ChangeCode {
                code: "620102".into(),
                new_code: "620199".into(),
            },
        ))
        .await
        .unwrap();
    app.admin
        .region_change(&change(
            "2026-01-01",
            RegionChange::Rename {
                code: "620201".into(),
                new_name: "嘉峪关新区".into(),
            },
        ))
        .await
        .unwrap();
    let employer = |code: &str| {
        format!(
            "SELECT region_code || ' ' || region_path AS t FROM employers WHERE credit_code = '{code}'"
        )
    };
    assert_eq!(
        app.text(&employer("91620102MA71X2Y16A")).await,
        "620199 /620000/620100/620199/"
    );
    // a county cannot be retired into a city; into a county it can, and its employers follow
    assert_problem(
        app.admin
            .region_change(&change(
                "2026-02-01",
                RegionChange::Retire {
                    code: "620103".into(),
                    successor_code: "620200".into(),
                },
            ))
            .await,
        422,
        "validation",
    );
    app.admin
        .region_change(&change(
            "2026-02-01",
            RegionChange::Retire {
                code: "620103".into(),
                successor_code: "620199".into(),
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        app.text(&employer("91620103MA71X2Y16B")).await,
        "620199 /620000/620100/620199/"
    );
    // the province sees every change; Lanzhou its own two; Jiayuguan its one
    assert_eq!(app.admin.region_changes().await.unwrap().len(), 3);
    let lanzhou = app.admin_of(&app.admin, "620100").await;
    let seen = lanzhou.region_changes().await.unwrap();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen.iter()
            .all(|e| !matches!(&e.change, RegionChange::Rename { code, .. } if code == "620201"))
    );
    let jiayuguan = app.admin_of(&app.admin, "620200").await;
    assert_eq!(jiayuguan.region_changes().await.unwrap().len(), 1);
}
both!(changes_are_scoped_and_carry_employers);

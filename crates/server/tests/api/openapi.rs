//! The contract: the checked-in `openapi/openapi.json` is what the code generates; it is served;
//! security headers and problem+json hold on every response.

use crate::both;
use crate::helpers::*;

#[test]
fn checked_in_contract_is_current() {
    let generated = shiming::openapi::json(&shiming::openapi::spec()).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == on_disk,
        "openapi/openapi.json is stale: run `cargo xtask openapi` and commit it"
    );
}

#[test]
fn every_route_is_in_the_contract() {
    let spec = shiming::openapi::spec();
    let paths: Vec<&String> = spec.paths.paths.keys().collect();
    for p in [
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/change-password",
        "/api/v1/auth/accept-agreement",
        "/api/v1/auth/me",
        "/api/v1/accounts",
        "/api/v1/accounts/{username}/holder",
        "/api/v1/accounts/{username}/reset-password",
        "/api/v1/regions/{code}",
        "/api/v1/regions/{code}/children",
        "/api/v1/regions/changes",
        "/api/v1/agencies/{code}",
        "/api/v1/audit",
    ] {
        assert!(
            paths.iter().any(|k| k.as_str() == p),
            "{p} missing from the contract"
        );
    }
}

async fn served_with_security_headers(app: TestApp) {
    let http = reqwest::Client::new();
    let r = http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"));
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["info"]["title"], "shiming API");
    let docs = http
        .get(format!("{}/api/v1/docs", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("/api/v1/auth/login"));
    // unknown API paths: problem+json 404, with the headers too
    let r = http
        .get(format!("{}/api/v1/no-such-thing", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.headers().get("content-type").unwrap(),
        "application/problem+json"
    );
    assert!(r.headers().get("content-security-policy").is_some());
    let p: domain::Problem = r.json().await.unwrap();
    assert_eq!(p.code, domain::ErrorCode::NotFound);
    assert!(!p.message.zh.is_empty() && !p.message.en.is_empty());
    // malformed JSON: 400 problem, nothing changed
    let r = http
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.headers().get("content-type").unwrap(),
        "application/problem+json"
    );
}
both!(served_with_security_headers);

#[test]
fn docker_compose_has_the_right_shape() {
    use yaml_rust2::YamlLoader;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("docker-compose.yml")).unwrap();
    let doc = &YamlLoader::load_from_str(&text).unwrap()[0];
    let services = &doc["services"];
    assert!(
        services["db"]["image"]
            .as_str()
            .unwrap()
            .starts_with("postgres:")
    );
    let api = &services["api"];
    assert_eq!(api["build"].as_str(), Some("."));
    let url = api["environment"]["DATABASE_URL"].as_str().unwrap();
    assert!(
        url.starts_with("postgres://") && url.contains("@db:5432/"),
        "{url}"
    );
    assert_eq!(api["ports"][0].as_str(), Some("8080:8080"));
    assert_eq!(
        api["depends_on"]["db"]["condition"].as_str(),
        Some("service_healthy")
    );
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    assert!(
        dockerfile.contains("EXPOSE 8080") && dockerfile.contains("CMD [\"shiming\", \"serve\"]")
    );
    assert!(dockerfile.contains("SHIMING_BIND=0.0.0.0:8080"));
}

fn contract() -> serde_json::Value {
    serde_json::to_value(shiming::openapi::spec()).unwrap()
}

fn refs<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", serde_json::Value::String(r)) => out.push(r),
                    _ => refs(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves_and_code_lists_speak_wire_names() {
    let spec = contract();
    let mut all = Vec::new();
    refs(&spec, &mut all);
    assert!(all.len() > 50);
    for r in all {
        let pointer = r.trim_start_matches('#');
        assert!(spec.pointer(pointer).is_some(), "{r} does not resolve");
    }
    let schemas = &spec["components"]["schemas"];
    let wire = |name: &str| -> Vec<String> {
        schemas[name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} is not an enum"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(wire("AccountStatus")[1], "active");
    assert_eq!(wire("HouseholdType"), ["urban", "rural"]);
    assert_eq!(wire("DictionaryKind")[6], "certificate_kind");
    assert_eq!(wire("StateFilter"), ["employed", "unemployed", "none"]);
    assert_eq!(wire("PersonSort"), ["id", "name", "code", "updated"]);
    // a sub-account's role offers only the roles a sub-account may have
    let role = &schemas["CreateSubAccount"]["properties"]["role"]["enum"];
    assert_eq!(
        role,
        &serde_json::json!(["entry", "review", "query", "audit"])
    );
}

#[test]
fn every_operation_declares_the_answers_it_can_give() {
    let spec = contract();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let has = |s: &str| op["responses"].get(s).is_some();
            let secured = op["security"].as_array().is_some_and(|a| !a.is_empty());
            let input = op.get("requestBody").is_some()
                || op["parameters"].as_array().is_some_and(|a| !a.is_empty());
            if secured {
                assert!(has("401") && has("403"), "{method} {path}: 401 / 403");
            }
            if input {
                assert!(has("400") && has("422"), "{method} {path}: 400 / 422");
            }
            if path.contains('{') {
                assert!(has("404"), "{method} {path}: 404");
            }
            for p in op["parameters"].as_array().into_iter().flatten() {
                let s = p["schema"].to_string();
                assert!(
                    !s.contains("\"null\""),
                    "{method} {path} {}: nullable",
                    p["name"]
                );
            }
        }
    }
    let limit = spec["paths"]["/api/v1/persons"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap()
        .clone();
    assert_eq!(
        (
            limit["schema"]["minimum"].as_f64(),
            limit["schema"]["maximum"].as_f64()
        ),
        (Some(1.0), Some(200.0))
    );
}

/// The values a parameter's schema lists (directly or through a `$ref`).
fn enum_values(schema: &serde_json::Value, spec: &serde_json::Value) -> Vec<String> {
    let resolved = match schema["$ref"].as_str() {
        Some(r) => spec
            .pointer(r.trim_start_matches('#'))
            .cloned()
            .unwrap_or_default(),
        None => schema.clone(),
    };
    resolved["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Every code list a parameter takes round-trips through the server: each value the contract
/// lists is accepted, anything else is a 400 that names the parameter and does not echo it.
async fn every_enum_parameter_round_trips(app: TestApp) {
    let spec = contract();
    // the logs are the audit role's: asked as the province's auditor
    let auditor = app
        .sub_account(&app.admin, "sj.contract", domain::Role::Audit)
        .await;
    let mut tried = 0;
    for (template, item) in spec["paths"].as_object().unwrap() {
        let Some(op) = item.get("get") else { continue };
        let params: Vec<&serde_json::Value> =
            op["parameters"].as_array().into_iter().flatten().collect();
        // path parameters default to the first value of their list (or the province); required
        // query parameters get a harmless value
        let mut path_defaults = std::collections::HashMap::new();
        let mut required = Vec::new();
        for p in &params {
            let name = p["name"].as_str().unwrap().to_owned();
            if p["in"] == "path" {
                let first = enum_values(&p["schema"], &spec).into_iter().next();
                path_defaults.insert(name, first.unwrap_or_else(|| "620000".into()));
            } else if p["required"] == true {
                required.push(format!("{name}=62"));
            }
        }
        let url = |name: &str, value: &str, in_path: bool| {
            let mut path = template.trim_start_matches("/api/v1").to_owned();
            for (k, v) in &path_defaults {
                let v = if in_path && k == name {
                    value
                } else {
                    v.as_str()
                };
                path = path.replace(&format!("{{{k}}}"), v);
            }
            let mut q = required.clone();
            if !in_path {
                q.push(format!("{name}={value}"));
            }
            format!("{path}?{}", q.join("&"))
        };
        for p in &params {
            let name = p["name"].as_str().unwrap();
            let in_path = p["in"] == "path";
            let admin = if template.contains("/access") || template.contains("/audit") {
                &auditor
            } else {
                &app.admin
            };
            let get = |u: String| async move {
                let r = admin
                    .request(reqwest::Method::GET, &u)
                    .send()
                    .await
                    .unwrap();
                (r.status(), r.text().await.unwrap())
            };
            let values = enum_values(&p["schema"], &spec);
            if values.is_empty() {
                continue;
            }
            for v in values {
                let u = url(name, &v, in_path);
                let (status, body) = get(u.clone()).await;
                assert_eq!(status, 200, "GET {u}: {body}");
                tried += 1;
            }
            let u = url(name, "NotInTheList", in_path);
            let (status, body) = get(u.clone()).await;
            assert_eq!(status, 400, "GET {u}: {body}");
            if !in_path {
                assert!(body.contains(&format!("\"field\":\"{name}\"")), "{body}");
            }
            assert!(
                !body.contains("NotInTheList") && !body.contains("unknown variant"),
                "{body}"
            );
        }
    }
    assert!(tried >= 30, "only {tried} values tried");
}
both!(every_enum_parameter_round_trips);

/// A path of the contract asked with another method: 405 with `Allow`; an unknown path 404.
async fn wrong_methods_answer_405_with_allow(app: TestApp) {
    let http = reqwest::Client::new();
    for (method, path, allow) in [
        (reqwest::Method::DELETE, "/api/v1/persons", "GET, POST"),
        (reqwest::Method::PUT, "/api/v1/auth/login", "POST"),
        (
            reqwest::Method::DELETE,
            "/api/v1/persons/7",
            "GET, PUT, PATCH",
        ),
    ] {
        let r = http
            .request(method.clone(), format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method} {path}");
        assert_eq!(r.headers()["allow"], allow, "{method} {path}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
    let r = http
        .delete(format!("{}/api/v1/persons/7/nothing", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
both!(wrong_methods_answer_405_with_allow);

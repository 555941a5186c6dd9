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

//! The OpenAPI 3 contract, generated from the handlers and the domain DTOs. `xtask openapi`
//! writes it to `openapi/openapi.json`; a test fails when that file differs. The server serves
//! it at `/api/v1/openapi.json` and a browsable page at `/api/v1/docs` (no external assets, so it
//! works offline and under the CSP).

use crate::routes::v1;
use actix_web::{App, HttpResponse, web};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi as Spec, RefOr, Schema};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{AppExt, scope};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "shiming API",
        version = "1.0.0",
        description = "残疾人就业和职业培训实名制统计管理系统 API v1 — the real-name system of disabled people's employment and vocational training. Errors are RFC 9457 problem+json bodies with a stable `code`, a Chinese and English `message` and, for validation, every failing field. Authenticate with `POST /api/v1/auth/login` and send `Authorization: Bearer <access_token>`.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Login, tokens, password, agreement"),
        (name = "regions", description = "GB/T 2260 regions with history"),
        (name = "agencies", description = "Employment service agencies"),
        (name = "accounts", description = "Administrator accounts, sub-accounts, holders"),
        (name = "audit", description = "The hash-chained audit log"),
        (name = "persons", description = "The person registry (基本信息)"),
        (name = "dictionaries", description = "Descriptive code lists"),
        (name = "employers", description = "Employers (用人单位) by unified social credit code"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut Spec) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The contract of every registered handler.
pub fn spec() -> Spec {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope("/api/v1").configure(v1::configure))
        .split_for_parts();
    api
}

/// The contract as pretty JSON with a trailing newline (the checked-in form).
pub fn json(spec: &Spec) -> anyhow::Result<String> {
    Ok(spec.to_pretty_json()? + "\n")
}

/// `GET /api/v1/openapi.json`
pub async fn serve_json(spec: web::Data<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(spec.get_ref().clone())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn schema_name(r: &RefOr<Schema>) -> String {
    match r {
        RefOr::Ref(r) => r.ref_location.rsplit('/').next().unwrap_or("").to_owned(),
        RefOr::T(Schema::Array(a)) => match &a.items {
            utoipa::openapi::schema::ArrayItems::RefOrSchema(s) => format!("[{}]", schema_name(s)),
            _ => "array".into(),
        },
        RefOr::T(_) => "object".into(),
    }
}

/// `GET /api/v1/docs`: a plain HTML rendering of the contract.
pub async fn serve_docs(spec: web::Data<String>) -> HttpResponse {
    let Ok(api) = serde_json::from_str::<Spec>(spec.get_ref()) else {
        return HttpResponse::InternalServerError().finish();
    };
    let mut h = String::from(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>shiming API v1</title>\
<link rel=\"stylesheet\" href=\"/style.css\"></head><body class=\"api-docs\"><main>",
    );
    h += &format!(
        "<h1>{} {}</h1>",
        esc(&api.info.title),
        esc(&api.info.version)
    );
    if let Some(d) = &api.info.description {
        h += &format!("<p>{}</p>", esc(d));
    }
    h += "<p><a href=\"/api/v1/openapi.json\">openapi.json</a></p>";
    for (path, item) in &api.paths.paths {
        let ops = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            h += &format!("<section><h2><code>{method} {}</code></h2>", esc(path));
            if let Some(s) = &op.summary {
                h += &format!("<p><strong>{}</strong></p>", esc(s));
            }
            if let Some(d) = &op.description {
                h += &format!("<p>{}</p>", esc(d));
            }
            if let Some(params) = &op.parameters {
                h += "<table><tr><th>parameter</th><th>in</th><th>description</th></tr>";
                for p in params {
                    let loc = serde_json::to_value(&p.parameter_in)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    h += &format!(
                        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                        esc(&p.name),
                        esc(&loc),
                        esc(p.description.as_deref().unwrap_or(""))
                    );
                }
                h += "</table>";
            }
            if let Some(body) = &op.request_body {
                for (ct, c) in &body.content {
                    let name = c.schema.as_ref().map(schema_name).unwrap_or_default();
                    h += &format!("<p>request: <code>{}</code> {}</p>", esc(ct), esc(&name));
                }
            }
            h += "<ul>";
            for (status, resp) in &op.responses.responses {
                if let RefOr::T(r) = resp {
                    let body = r
                        .content
                        .values()
                        .next()
                        .and_then(|c| c.schema.as_ref())
                        .map(schema_name)
                        .unwrap_or_default();
                    h += &format!(
                        "<li><code>{}</code> {} <code>{}</code></li>",
                        esc(status),
                        esc(&r.description),
                        esc(&body)
                    );
                }
            }
            h += "</ul></section>";
        }
    }
    h += "</main></body></html>";
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(h)
}

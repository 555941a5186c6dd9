//! The OpenAPI 3 contract, generated from the handlers and the domain DTOs. `xtask openapi`
//! writes it to `openapi/openapi.json`; a test fails when that file differs. The server serves
//! it at `/api/v1/openapi.json` and a browsable page at `/api/v1/docs` (no external assets, so it
//! works offline and under the CSP).

use crate::routes::v1;
use actix_web::{App, HttpResponse, web};
use domain::v1::persons::{PersonSort, StateFilter};
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, OpenApi as Spec, Ref, RefOr, Response, ResponseBuilder, Schema,
};
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
    // code lists used only as query parameters (parameters refer to them, nothing registers them)
    components(schemas(StateFilter, PersonSort)),
    tags(
        (name = "auth", description = "Login (with two factors), tokens, password, agreement, security policy"),
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

/// The answers every operation can give besides its own: a malformed request (400) and one that
/// fails validation (422) wherever there is input, no or a bad token (401) and a role or gate
/// that refuses (403, also a password to change or the agreement to accept) wherever a token is
/// required, and 404 wherever the path names a resource. Declared once as shared responses.
struct CommonResponses;

const COMMON: [(&str, &str, &str); 5] = [
    (
        "400",
        "BadRequest",
        "Malformed request: invalid JSON, a parameter of the wrong type or not in its list (`bad_request`; names the parameter)",
    ),
    (
        "401",
        "Unauthenticated",
        "No token, or an invalid, expired or revoked one (`unauthenticated`)",
    ),
    (
        "403",
        "Forbidden",
        "The role may not do this (`forbidden`), or the password must be changed, two-factor login set up (`mfa_enrolment_required`) or the agreement accepted first",
    ),
    (
        "404",
        "NotFound",
        "Not found, or not visible to the caller (`not_found`)",
    ),
    (
        "422",
        "Validation",
        "Failed validation: every failing `field` with its `rule` (`validation`)",
    ),
];

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut Spec) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (_, name, description) in COMMON {
            components
                .responses
                .insert(name.to_owned(), RefOr::T(problem_response(description)));
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            let names_resource = path.contains('{');
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                add_common(op, names_resource);
            }
        }
    }
}

fn problem_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

fn add_common(op: &mut Operation, names_resource: bool) {
    let has_input =
        op.request_body.is_some() || op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    for (status, name, _) in COMMON {
        let applies = match status {
            "400" | "422" => has_input,
            "401" | "403" => secured,
            _ => names_resource,
        };
        if applies {
            op.responses
                .responses
                .entry(status.to_owned())
                .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/responses/{name}"))));
        }
    }
}

/// The contract of every registered handler.
pub fn spec() -> Spec {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope("/api/v1").configure(v1::configure))
        .split_for_parts();
    CommonResponses.modify(&mut api);
    parameters_without_null(api)
}

/// A query or path parameter is absent or has a value: `null` cannot be written in a URL, so
/// the contract does not offer it (an `Option` field would otherwise say "string or null").
fn parameters_without_null(api: Spec) -> Spec {
    let Ok(mut v) = serde_json::to_value(&api) else {
        return api;
    };
    let ops = v
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(serde_json::Value::as_object_mut)
        .flat_map(|item| item.values_mut());
    for op in ops {
        let params = op
            .get_mut("parameters")
            .and_then(serde_json::Value::as_array_mut)
            .into_iter()
            .flatten();
        for p in params {
            if let Some(schema) = p.get_mut("schema") {
                drop_null(schema);
            }
        }
    }
    serde_json::from_value(v).unwrap_or(api)
}

fn drop_null(schema: &mut serde_json::Value) {
    use serde_json::Value;
    let null = Value::String("null".into());
    if let Some(Value::Array(types)) = schema.get_mut("type") {
        types.retain(|t| *t != null);
        if let [only] = types.as_slice() {
            let only = only.clone();
            schema["type"] = only;
        }
    }
    let rest = match schema.get("oneOf") {
        Some(Value::Array(alts)) => alts
            .iter()
            .filter(|a| a.get("type") != Some(&null))
            .cloned()
            .collect::<Vec<_>>(),
        _ => return,
    };
    if let [only] = rest.as_slice() {
        *schema = only.clone();
    }
}

/// The methods each path of the contract answers, for a `405 Method Not Allowed` with its
/// `Allow` header where another method of a known path was asked for.
pub struct Methods(Vec<(Vec<String>, Vec<&'static str>)>);

impl Methods {
    /// The table of the contract's paths.
    pub fn of(spec: &Spec) -> Self {
        let mut table = Vec::new();
        for (path, item) in &spec.paths.paths {
            let methods: Vec<&'static str> = [
                ("GET", item.get.is_some()),
                ("PUT", item.put.is_some()),
                ("POST", item.post.is_some()),
                ("PATCH", item.patch.is_some()),
                ("DELETE", item.delete.is_some()),
            ]
            .into_iter()
            .filter_map(|(m, has)| has.then_some(m))
            .collect();
            table.push((path.split('/').map(str::to_owned).collect(), methods));
        }
        for fixed in ["/api/v1/openapi.json", "/api/v1/docs"] {
            table.push((fixed.split('/').map(str::to_owned).collect(), vec!["GET"]));
        }
        Methods(table)
    }

    /// The methods of the contract's path that `path` is an instance of, if any.
    pub fn allowed(&self, path: &str) -> Option<&[&'static str]> {
        let asked: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .find(|(template, _)| {
                template.len() == asked.len()
                    && template
                        .iter()
                        .zip(&asked)
                        .all(|(t, a)| (t.starts_with('{') && !a.is_empty()) || t == a)
            })
            .map(|(_, m)| m.as_slice())
    }
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

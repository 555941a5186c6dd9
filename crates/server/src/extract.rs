//! The request extractors of API v1: a JSON body and a query string whose errors name the field
//! or parameter that is wrong, in Chinese and English, and never echo the value (it may be a
//! certificate number) nor serde's internal text.
//!
//! - A query parameter of the wrong type or not in its code list is a 400 naming it.
//! - A body that is not JSON, or not `application/json`, is a 400 (with the line and column).
//! - A body field of the wrong type or not in its list is a 400 naming the field; a missing
//!   required field is a 422 (`rule: required`), like every other validation failure.
//! - A number written with a zero fraction (`3.0`) is the integer it equals: JSON Schema calls it
//!   an integer, so a generated client may send it.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use domain::{ErrorCode, FieldError, Problem, Text};
use futures_util::future::{LocalBoxFuture, Ready, ready};
use serde::de::DeserializeOwned;

/// The largest JSON body accepted (1 MiB).
pub const JSON_LIMIT: usize = 1 << 20;

/// A JSON request body.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A query string.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T> Query<T> {
    /// The parameters.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn bad_request(fields: Vec<FieldError>, zh: String, en: String) -> ApiError {
    let mut p = Problem::new(ErrorCode::BadRequest).with_message(Text::new(zh, en));
    p.fields = fields;
    ApiError::Problem(Box::new(p))
}

/// The 400 of a query parameter that does not parse.
fn bad_parameter(name: &str) -> ApiError {
    bad_request(
        vec![FieldError::new(
            name,
            "type",
            Text::new(
                "取值类型不正确或不在可选值之内",
                "wrong type, or not one of the allowed values",
            ),
        )],
        format!("查询参数“{name}”的值不正确（类型不对或不在可选值之内，见接口文档）"),
        format!(
            "query parameter `{name}`: wrong type, or not one of the allowed values (see the contract)"
        ),
    )
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = form_urlencoded::parse(req.query_string().as_bytes());
        let de = serde_urlencoded::Deserializer::new(parsed);
        ready(
            serde_path_to_error::deserialize(de)
                .map(Query)
                .map_err(|e| match missing_field(&e.inner().to_string()) {
                    Some(name) => required(&name),
                    None => bad_parameter(&e.path().to_string()),
                }),
        )
    }
}

/// The field a serde "missing field `x`" error names.
fn missing_field(serde_message: &str) -> Option<String> {
    let rest = serde_message.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_owned())
}

fn required(name: &str) -> ApiError {
    ApiError::field(name, "required", "必填", "required")
}

/// JSON numbers with a zero fraction become the integers they equal.
fn integral_numbers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64())
                && f.fract() == 0.0
                && f.abs() < 9_007_199_254_740_992.0
            {
                // exact: |f| < 2^53
                *v = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(map) => map.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// Bodies up to this size may be re-read with `3.0` taken as `3` (a tree of the body is built
/// for that, so its size is bounded: a large body of tiny objects would cost many times its
/// size). Every request body of the API is far smaller.
const INTEGRAL_RETRY_LIMIT: usize = 16 * 1024;

/// Parses a JSON body into `T` with the errors described above. The body is read as a stream
/// (unknown fields skipped, duplicates refused); only a small body refused for a number with a
/// fraction is read again as a tree with integral numbers made integers.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(t) => de.end().map(|()| t).map_err(|e| not_json(&e)),
        Err(e) if e.inner().is_syntax() || e.inner().is_eof() => Err(not_json(e.inner())),
        Err(e)
            if bytes.len() <= INTEGRAL_RETRY_LIMIT
                && e.inner()
                    .to_string()
                    .starts_with("invalid type: floating point") =>
        {
            let mut value: serde_json::Value =
                serde_json::from_slice(bytes).map_err(|e| not_json(&e))?;
            integral_numbers(&mut value);
            serde_path_to_error::deserialize(value).map_err(|e| shape_error(&e))
        }
        Err(e) => Err(shape_error(&e)),
    }
}

fn not_json(e: &serde_json::Error) -> ApiError {
    bad_request(
        Vec::new(),
        format!("请求体不是有效的JSON（第{}行第{}列）", e.line(), e.column()),
        format!(
            "the body is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ),
    )
}

fn shape_error(e: &serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = e.path().to_string();
    if let Some(name) = missing_field(&e.inner().to_string()) {
        let full = if path == "." {
            name
        } else {
            format!("{path}.{name}")
        };
        return required(&full);
    }
    if path == "." {
        return bad_request(
            Vec::new(),
            "请求体的结构不正确（见接口文档）".into(),
            "the body does not have the expected shape (see the contract)".into(),
        );
    }
    bad_request(
        vec![FieldError::new(
            path.as_str(),
            "type",
            Text::new(
                "取值类型不正确或不在可选值之内",
                "wrong type, or not one of the allowed values",
            ),
        )],
        format!("字段“{path}”的值不正确（类型不对或不在可选值之内，见接口文档）"),
        format!("field `{path}`: wrong type, or not one of the allowed values (see the contract)"),
    )
}

fn is_json(req: &HttpRequest) -> bool {
    let Some(ct) = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !json {
                return Err(bad_request(
                    Vec::new(),
                    "请求体须为 JSON（Content-Type: application/json）".into(),
                    "the body must be JSON (Content-Type: application/json)".into(),
                ));
            }
            let bytes = body.await.map_err(|_| {
                bad_request(
                    Vec::new(),
                    format!("请求体过大或读取失败（上限 {} KiB）", JSON_LIMIT / 1024),
                    format!(
                        "the body is too large or could not be read (at most {} KiB)",
                        JSON_LIMIT / 1024
                    ),
                )
            })?;
            parse_json(&bytes).map(Json)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Body {
        #[allow(dead_code)]
        n: i64,
        #[allow(dead_code)]
        kind: domain::HouseholdType,
    }

    fn problem(e: ApiError) -> Problem {
        e.problem()
    }

    #[test]
    fn integral_floats_are_integers() {
        let b: Body = parse_json(br#"{"n": 3.0, "kind": "urban"}"#).unwrap();
        assert_eq!(b.n, 3);
        assert!(parse_json::<Body>(br#"{"n": 3.5, "kind": "urban"}"#).is_err());
        // duplicates are refused, trailing data too
        assert!(parse_json::<Body>(br#"{"n": 1, "n": 2, "kind": "urban"}"#).is_err());
        assert!(parse_json::<Body>(br#"{"n": 1, "kind": "urban"} x"#).is_err());
        // a large body is not re-read as a tree
        let mut big = String::from(r#"{"kind": "urban", "n": 3.0, "x": ["#);
        big.push_str(&"{\"\":0},".repeat(4000));
        big.push_str("0]}");
        assert!(big.len() > INTEGRAL_RETRY_LIMIT);
        assert_eq!(
            problem(parse_json::<Body>(big.as_bytes()).unwrap_err()).status,
            400
        );
    }

    #[test]
    fn errors_name_the_field_and_never_echo_the_value() {
        let p = problem(
            parse_json::<Body>(br#"{"n": 1, "kind": "62010219850731432543"}"#).unwrap_err(),
        );
        assert_eq!((p.status, p.fields[0].field.as_str()), (400, "kind"));
        let all = serde_json::to_string(&p).unwrap();
        assert!(
            !all.contains("62010219850731432543") && !all.contains("unknown variant"),
            "{all}"
        );
        let p = problem(parse_json::<Body>(br#"{"kind": "urban"}"#).unwrap_err());
        assert_eq!(
            (
                p.status,
                p.fields[0].field.as_str(),
                p.fields[0].rule.as_str()
            ),
            (422, "n", "required")
        );
        let p = problem(parse_json::<Body>(b"{").unwrap_err());
        assert_eq!(p.status, 400);
        assert!(p.message.zh.contains("第1行"));
    }
}

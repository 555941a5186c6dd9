//! Structured logging with `tracing`; JSON behind a switch.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber (once; later calls are ignored).
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_env("SHIMING_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// The root span of every request: method and route pattern (`/api/v1/persons/{id}`, or
/// `unmatched`) — never the concrete path, where a mistaken client may put a certificate number,
/// nor the query string, which carries search terms such as names and certificate numbers — and
/// the request id.
/// Status and error are recorded as tracing-actix-web's default does.
pub struct RequestSpan;

impl tracing_actix_web::RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        use actix_web::HttpMessage;
        let request_id = request
            .extensions()
            .get::<tracing_actix_web::RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %request.match_pattern().unwrap_or_else(|| "unmatched".into()),
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            request_id = %request_id,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        )
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        tracing_actix_web::DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

#[cfg(test)]
mod tests {
    use super::RequestSpan;
    use actix_web::{App, HttpResponse, test, web};
    use std::sync::{Arc, Mutex};

    /// A log sink the test can read back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Self::Writer {
            self.clone()
        }
    }

    #[actix_web::test]
    async fn the_request_span_logs_the_route_and_never_the_path_or_query_string() {
        let out = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(out.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = test::init_service(
            App::new()
                .wrap(tracing_actix_web::TracingLogger::<RequestSpan>::new())
                .route(
                    "/api/v1/persons/{id}",
                    web::get().to(|| async {
                        tracing::warn!("refused");
                        HttpResponse::Unauthorized().finish()
                    }),
                ),
        )
        .await;
        let req = test::TestRequest::get()
            .uri("/api/v1/persons/62010219850731432541?certificate_no=62010219850731432543&name=%E5%BC%A0%E4%B8%89")
            .to_request();
        let res = test::call_service(&app, req).await;
        assert_eq!(res.status(), 401);
        let log = String::from_utf8(out.0.lock().map(|b| b.clone()).unwrap_or_default())
            .unwrap_or_default();
        assert!(log.contains("http.route=/api/v1/persons/{id}"), "{log}");
        for secret in ["6201021985073143254", "certificate_no", "%E5%BC%A0", "张三"] {
            assert!(!log.contains(secret), "{secret} in the log: {log}");
        }
    }
}

//! `returndesk serve`: the desk API over HTTP on loopback (axum), with its OpenAPI document at
//! `/api/openapi.json` and the built UI (`ui/dist`) on the same origin. The routes are made
//! from the command table (`api::COMMANDS`): each turns its path parameters, query string or
//! JSON body into the command's arguments and runs it through [`DeskApi::run`], the same entry
//! the Tauri commands use.
//!
//! What keeps other web pages out (docs/security.md): every answer carries the security
//! headers ([`SECURITY_HEADERS`]); [`app`] answers only requests addressed to the served
//! loopback address (a rebound DNS name is refused `421`); a write takes JSON or nothing (`415`),
//! and one that names an origin must name the desk's own (`403`); and every error, the
//! framework's too (`404`, `405`, `413`, …), is the API's JSON error.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, on, MethodFilter, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use tower_http::set_header::SetResponseHeaderLayer;

pub use crate::api::{ApiError, DeskApi};
use crate::api::{Answer, Command, Method, COMMANDS};
pub use crate::service::DeskClock;

/// The largest request body the API reads (a policy document is a few kilobytes).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// What the built UI may load and do: its own scripts, styles, images and API, nothing inline
/// and nothing from elsewhere; the slip preview is a `blob:` PDF in a frame; no page may frame
/// the desk.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
font-src 'self'; connect-src 'self'; frame-src blob:; object-src blob:; base-uri 'none'; form-action 'none'; \
frame-ancestors 'none'";

/// The headers on every answer of [`app`]: API answers, UI files and errors alike.
pub const SECURITY_HEADERS: [(HeaderName, &str); 4] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
];

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.body())).into_response()
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        match self {
            Answer::Json(v) => Json(v).into_response(),
            Answer::Pdf(pdf) => (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (header::CONTENT_DISPOSITION, format!("inline; filename=\"{}.pdf\"", pdf.number)),
                ],
                pdf.bytes,
            )
                .into_response(),
            Answer::File(file) => (
                [
                    (header::CONTENT_TYPE, file.media_type.to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", file.file_name)),
                ],
                file.bytes,
            )
                .into_response(),
        }
    }
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
}

/// Whether a `Content-Type` names JSON (`application/json`, with or without parameters).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// A write (any command but a GET) takes JSON or nothing, and comes from the desk's own page or
/// from no page at all. A web page of another site can send a `text/plain` or form POST
/// without asking first (no CORS preflight); refusing those before anything runs means such a
/// page can neither try PINs nor change anything. A browser names the page's origin in
/// `Origin`: it must be the origin the request was addressed to (`http://` + its `Host`), which
/// [`app`] checks is the desk's own.
fn write_allowed(headers: &HeaderMap, body: &Bytes) -> Result<(), ApiError> {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let same = match (origin.to_str(), host) {
            (Ok(origin), Some(host)) => origin.strip_prefix("http://").is_some_and(|o| o.eq_ignore_ascii_case(host)),
            _ => false,
        };
        if !same {
            return Err(ApiError::new(403, "FOREIGN_ORIGIN", "requests from another site's page are refused"));
        }
    }
    let declared = headers.contains_key(header::CONTENT_TYPE);
    if (declared || !body.is_empty()) && !is_json(headers) {
        return Err(ApiError::new(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be JSON (Content-Type: application/json)"));
    }
    Ok(())
}

/// A command's arguments from one request: the query string (GET) or the JSON body, and the
/// path parameters (numbers where they read as numbers).
fn arguments(command: &Command, path: BTreeMap<String, String>, query: Option<String>, body: &Bytes) -> Result<Value, ApiError> {
    let mut args = if command.method.takes_query() {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
            .map_err(|e| ApiError::bad_input("query", format!("not a valid query string: {e}")))?;
        Value::Object(pairs.into_iter().map(|(k, v)| (k, Value::String(v))).collect::<Map<_, _>>())
    } else if body.is_empty() {
        json!({})
    } else {
        serde_json::from_slice(body).map_err(|e| ApiError::bad_input("body", format!("not valid JSON: {e}")))?
    };
    if let Some(object) = args.as_object_mut() {
        for (name, value) in path {
            let value = value.parse::<i64>().map_or(Value::String(value), Value::from);
            object.insert(name, value);
        }
    }
    Ok(args)
}

async fn run(api: &DeskApi, command: &Command, path: BTreeMap<String, String>, query: Option<String>, headers: &HeaderMap, body: Bytes) -> Response {
    let answer = async {
        if !command.method.takes_query() {
            write_allowed(headers, &body)?;
        }
        let args = arguments(command, path, query, &body)?;
        api.run(command.name, args, bearer(headers).as_deref()).await
    };
    match answer.await {
        Ok(answer) => answer.into_response(),
        Err(e) => e.into_response(),
    }
}

fn route(command: &'static Command) -> MethodRouter<DeskApi> {
    let filter = match command.method {
        Method::GET => MethodFilter::GET,
        Method::POST => MethodFilter::POST,
        Method::PUT => MethodFilter::PUT,
        Method::DELETE => MethodFilter::DELETE,
    };
    if command.path_params().next().is_some() {
        on(filter, move |State(api): State<DeskApi>, Path(path): Path<BTreeMap<String, String>>, RawQuery(query): RawQuery, headers: HeaderMap, body: Bytes| async move {
            run(&api, command, path, query, &headers, body).await
        })
    } else {
        on(filter, move |State(api): State<DeskApi>, RawQuery(query): RawQuery, headers: HeaderMap, body: Bytes| async move {
            run(&api, command, BTreeMap::new(), query, &headers, body).await
        })
    }
}

/// The code and words of an error the framework answered on its own (no route, wrong method,
/// body too large, a path parameter it could not read, …).
fn framework_error(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("BAD_INPUT", "the request cannot be read"),
        404 => ("NOT_FOUND", "not found"),
        405 => ("METHOD_NOT_ALLOWED", "this method is not allowed here"),
        413 => ("PAYLOAD_TOO_LARGE", "the request body is too large"),
        414 => ("URI_TOO_LONG", "the address is too long"),
        415 => ("UNSUPPORTED_MEDIA_TYPE", "the body must be JSON (Content-Type: application/json)"),
        421 => ("MISDIRECTED_REQUEST", "this is not the desk's address"),
        431 => ("HEADERS_TOO_LARGE", "the request headers are too large"),
        s if s >= 500 => ("SERVER_ERROR", "the desk could not answer"),
        _ => ("BAD_REQUEST", "the request was refused"),
    }
}

/// Every error in the API's shape: an error answered by the framework rather than by a command
/// (any 4xx or 5xx that is not JSON) keeps its status and headers (e.g. `Allow` on `405`) and
/// gets the `{"error": {"code", "message"}}` body, with the framework's own words where it has
/// some.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !(status.is_client_error() || status.is_server_error()) || content_type.starts_with("application/json") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let (code, words) = framework_error(status);
    let said = axum::body::to_bytes(body, 1024).await.ok().and_then(|b| String::from_utf8(b.to_vec()).ok());
    let message = said.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).unwrap_or_else(|| words.to_string());
    let body = ApiError::new(status.as_u16(), code, message).body().to_string();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, Body::from(body))
}

/// Logs one request when it is answered: its method, the route's template (`/api/receipts/{code}`,
/// never the raw path, which may carry a receipt code or a name; `(ui)` for the UI's files), the
/// status and the duration. Never its headers (the `Authorization` token) nor its body (PINs).
async fn log_request(request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<axum::extract::MatchedPath>().map_or("(ui)", |p| p.as_str()).to_string();
    let response = next.run(request).await;
    let (status, ms) = (response.status().as_u16(), crate::logs::millis(started.elapsed()));
    if status >= 500 {
        tracing::error!(%method, route, status, ms, "request");
    } else {
        tracing::info!(%method, route, status, ms, "request");
    }
    response
}

/// The desk API's routes (without the UI files): one per command of the table. Its bodies are
/// limited to [`BODY_LIMIT`] and its errors are all JSON; it answers any `Host` (the check is
/// [`app`]'s, which knows the address).
pub fn api_router(api: DeskApi) -> Router {
    let mut paths: BTreeMap<&str, MethodRouter<DeskApi>> = BTreeMap::new();
    for command in COMMANDS {
        let methods = paths.remove(command.path).unwrap_or_default();
        paths.insert(command.path, methods.merge(route(command)));
    }
    let mut router = Router::new().route("/api/openapi.json", get(|| async { Json(crate::api::openapi::document()) }));
    for (path, methods) in paths {
        router = router.route(path, methods);
    }
    router
        .route("/api/{*rest}", axum::routing::any(|| async { ApiError::new(404, "NOT_FOUND", "no such API route").into_response() }))
        .with_state(api)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::map_response(json_errors))
        // Customers' names, refunds and documents must not stay in a shared desk's browser cache.
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(middleware::from_fn(log_request))
}

/// The `Host` names the desk answers to: its loopback address with the port it is bound to, as
/// `127.0.0.1`, `localhost` or `[::1]`. A page of another site that points its own DNS name at
/// 127.0.0.1 (DNS rebinding) reaches the same socket, but its requests name that site.
#[derive(Clone, Debug)]
pub struct ServedHosts(Arc<[String]>);

impl ServedHosts {
    pub fn new(addr: SocketAddr) -> Self {
        let port = addr.port();
        let mut hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
        if port == 80 {
            // Browsers leave out the default port.
            hosts.extend(["127.0.0.1".to_string(), "localhost".to_string(), "[::1]".to_string()]);
        }
        if !hosts.contains(&addr.to_string()) {
            hosts.push(addr.to_string());
        }
        ServedHosts(hosts.into())
    }

    pub fn allows(&self, host: &str) -> bool {
        self.0.iter().any(|h| h.eq_ignore_ascii_case(host))
    }
}

/// Refuses (`421`) a request that does not name the served address: its `Host`, and the
/// address in its request line when it has one, must both be one of [`ServedHosts`].
async fn only_served_hosts(State(hosts): State<ServedHosts>, request: Request, next: Next) -> Response {
    let header = request.headers().get(header::HOST).map(|h| h.to_str().unwrap_or("\u{0}"));
    let target = request.uri().authority().map(|a| a.as_str());
    let named: Vec<&str> = header.into_iter().chain(target).collect();
    if named.is_empty() || !named.iter().all(|h| hosts.allows(h)) {
        return ApiError::new(421, "MISDIRECTED_REQUEST", "this is not the desk's address: open the desk at http://127.0.0.1 or http://localhost with its port")
            .into_response();
    }
    next.run(request).await
}

/// The API plus the built UI, as served by `returndesk serve` on `served`: only requests
/// addressed to it, every answer with [`SECURITY_HEADERS`], every error JSON.
pub fn app(api: DeskApi, ui_dir: Option<PathBuf>, served: SocketAddr) -> Router {
    let mut router = api_router(api);
    if let Some(dir) = ui_dir {
        let index = dir.join("index.html");
        let files = tower_http::services::ServeDir::new(&dir).fallback(tower_http::services::ServeFile::new(index));
        router = router.fallback_service(Router::new().fallback_service(files).layer(middleware::from_fn(log_request)));
    }
    router = router
        .layer(middleware::map_response(json_errors))
        .layer(middleware::from_fn_with_state(ServedHosts::new(served), only_served_hosts));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value)));
    }
    router
}

/// Serves until interrupted. Binds loopback only.
pub async fn serve(api: DeskApi, ui_dir: Option<PathBuf>, port: u16) -> std::io::Result<()> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("Return Desk is serving at http://{}/", listener.local_addr()?);
    serve_on(listener, api, ui_dir, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serves [`app`] on a bound listener (its address is the one requests must name) until
/// `shutdown` completes.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    api: DeskApi,
    ui_dir: Option<PathBuf>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let served = listener.local_addr()?;
    axum::serve(listener, app(api, ui_dir, served)).with_graceful_shutdown(shutdown).await
}

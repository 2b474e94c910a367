//! What keeps other web pages away from the desk `returndesk serve` runs on loopback
//! (docs/security.md): the security headers on every answer, the `Host` check against DNS
//! rebinding, writes only as JSON from the desk's own origin (a cross-site `text/plain` sign-in
//! never reaches the PIN), and every error — the framework's too — in the API's JSON shape.

mod common;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::http::{api_router, app, serve_on, DeskApi, DeskClock, BODY_LIMIT, CONTENT_SECURITY_POLICY};
use returndesk::service::Desk;
use returndesk::store::Database;
use serde_json::{json, Value};
use tower::ServiceExt;

/// The address the tests' desk is served at (for the oneshot tests nothing listens on it).
const SERVED: &str = "127.0.0.1:48787";
const HOST: &str = "localhost:48787";

/// A desk with one store, its users (maria/1234, georgi/9999) and one receipt.
async fn desk_api() -> (tempfile::TempDir, Arc<dyn Database>, DeskApi) {
    let (dir, db) = fresh_sqlite().await;
    set_up_stores(db.as_ref()).await;
    db.import_receipts(&[sofia_receipt("S01-2026-004512")]).await.unwrap();
    let api = DeskApi::new(Desk::new(db.clone()), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap()));
    (dir, db, api)
}

/// A built UI as `ui/dist` looks: an index that loads its script and style from files.
fn ui_dir(root: &Path) -> std::path::PathBuf {
    let ui = root.join("ui");
    std::fs::create_dir_all(ui.join("assets")).unwrap();
    std::fs::write(
        ui.join("index.html"),
        r#"<!doctype html><html><head><script type="module" src="./assets/app.js"></script><link rel="stylesheet" href="./assets/app.css"></head><body><div id="app"></div></body></html>"#,
    )
    .unwrap();
    std::fs::write(ui.join("assets/app.js"), "console.log('desk');").unwrap();
    std::fs::write(ui.join("assets/app.css"), "body { margin: 0 }").unwrap();
    ui
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
}

async fn send(router: &axum::Router, request: Request<Body>) -> Answer {
    let res = router.clone().oneshot(request).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    Answer { status, headers, body }
}

fn get(uri: &str, host: Option<&str>) -> Request<Body> {
    let mut req = Request::builder().uri(uri);
    if let Some(host) = host {
        req = req.header("host", host);
    }
    req.body(Body::empty()).unwrap()
}

/// A request as a browser page would send it: `headers` are (name, value) pairs.
fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: impl Into<Body>) -> Request<Body> {
    let mut req = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.body(body.into()).unwrap()
}

/// The answer is the API's error: `{"error": {"code", "message"}}` with this status and code.
fn assert_api_error(answer: &Answer, status: StatusCode, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.headers["content-type"], "application/json", "{}", answer.body);
    assert_eq!(answer.body["error"]["code"], code, "{}", answer.body);
    assert!(answer.body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", answer.body);
}

fn assert_security_headers(headers: &axum::http::HeaderMap, what: &str) {
    for (name, value) in [
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
    ] {
        assert_eq!(headers.get(name).map(|v| v.to_str().unwrap()), Some(value), "{name} on {what}");
        assert_eq!(headers.get_all(name).iter().count(), 1, "one {name} on {what}");
    }
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let (dir, _db, api) = desk_api().await;
    let app = app(api, Some(ui_dir(dir.path())), SERVED.parse().unwrap());
    let host = Some(HOST);

    let answer = send(&app, get("/api/openapi.json", host)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_security_headers(&answer.headers, "an API answer");
    let answer = send(&app, get("/", host)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.as_str().unwrap().contains("<div id=\"app\">"));
    assert_security_headers(&answer.headers, "the UI's index");
    let answer = send(&app, get("/assets/app.js", host)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_security_headers(&answer.headers, "a UI file");
    let answer = send(&app, get("/history", host)).await;
    assert_eq!(answer.status, StatusCode::OK, "a path of the UI is its index");
    assert_security_headers(&answer.headers, "a UI path");

    let answer = send(&app, get("/api/nothing-here", host)).await;
    assert_api_error(&answer, StatusCode::NOT_FOUND, "NOT_FOUND");
    assert_security_headers(&answer.headers, "an API error");
    let answer = send(&app, get("/api/receipts/lookup?code=S01-2026-004512", host)).await;
    assert_api_error(&answer, StatusCode::UNAUTHORIZED, "UNAUTHENTICATED");
    assert_security_headers(&answer.headers, "a command's error");
    assert_eq!(answer.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"), "API answers are not cached");
    let answer = send(&app, request("POST", "/", &[("host", HOST)], "x")).await;
    assert_api_error(&answer, StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
    assert_security_headers(&answer.headers, "a UI error");
    let answer = send(&app, get("/api/openapi.json", Some("evil.example:48787"))).await;
    assert_api_error(&answer, StatusCode::MISDIRECTED_REQUEST, "MISDIRECTED_REQUEST");
    assert_security_headers(&answer.headers, "a refused host");
}

#[test]
fn the_content_security_policy_allows_no_inline_script() {
    let directives: Vec<&str> = CONTENT_SECURITY_POLICY.split(';').map(str::trim).collect();
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe"), "{CONTENT_SECURITY_POLICY}");
    for needed in ["script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-src blob:", "object-src blob:", "frame-ancestors 'none'", "base-uri 'none'"] {
        assert!(directives.contains(&needed), "{needed} in {CONTENT_SECURITY_POLICY}");
    }
}

#[tokio::test]
async fn only_the_served_address_is_answered() {
    let (dir, _db, api) = desk_api().await;
    let app = app(api, Some(ui_dir(dir.path())), SERVED.parse().unwrap());
    for host in ["127.0.0.1:48787", "localhost:48787", "[::1]:48787", "LocalHost:48787"] {
        let answer = send(&app, get("/api/openapi.json", Some(host))).await;
        assert_eq!(answer.status, StatusCode::OK, "{host}");
        let answer = send(&app, get("/", Some(host))).await;
        assert_eq!(answer.status, StatusCode::OK, "{host}");
    }
    // A page of another site whose name now points at 127.0.0.1 (DNS rebinding), another port,
    // another loopback address, or no name at all.
    for host in [Some("evil.example:48787"), Some("evil.example"), Some("localhost"), Some("127.0.0.1:8787"), Some("127.0.0.2:48787"), Some("localhost.:48787"), None] {
        for uri in ["/api/openapi.json", "/", "/api/nothing-here"] {
            let answer = send(&app, get(uri, host)).await;
            assert_api_error(&answer, StatusCode::MISDIRECTED_REQUEST, "MISDIRECTED_REQUEST");
        }
    }
    // A request line that names another host (absolute form) is refused whatever its Host says.
    let answer = send(&app, get("http://evil.example:48787/api/openapi.json", Some(HOST))).await;
    assert_api_error(&answer, StatusCode::MISDIRECTED_REQUEST, "MISDIRECTED_REQUEST");
    // A sign-in through a rebound name never reaches the PIN.
    let answer = send(
        &app,
        request("POST", "/api/session", &[("host", "evil.example:48787"), ("content-type", "application/json")], json!({"login": "maria", "pin": "1234"}).to_string()),
    )
    .await;
    assert_api_error(&answer, StatusCode::MISDIRECTED_REQUEST, "MISDIRECTED_REQUEST");
}

/// One raw HTTP/1.1 exchange over a socket: (status, headers in lower case, body).
fn exchange(addr: SocketAddr, request: String) -> (u16, String, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    let out = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_desk_checks_the_host_it_is_bound_to() {
    let (dir, _db, api) = desk_api().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve_on(listener, api, Some(ui_dir(dir.path())), async {
        let _ = stopped.await;
    }));
    let port = addr.port();
    let ask = move |host: String, path: &'static str| {
        tokio::task::spawn_blocking(move || exchange(addr, format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")))
    };

    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        for path in ["/api/openapi.json", "/"] {
            let (status, head, _) = ask(host.clone(), path).await.unwrap();
            assert_eq!(status, 200, "{host}{path}: {head}");
            assert!(head.contains("\r\nx-frame-options: deny"), "{head}");
            assert!(head.contains(&format!("\r\ncontent-security-policy: {}", CONTENT_SECURITY_POLICY.to_ascii_lowercase())), "{head}");
        }
    }
    for host in [format!("evil.example:{port}"), format!("127.0.0.1:{}", port.checked_add(1).unwrap_or(port - 1)), "localhost".to_string()] {
        let (status, head, body) = ask(host.clone(), "/api/openapi.json").await.unwrap();
        assert_eq!(status, 421, "{host}: {head}");
        assert!(head.contains("\r\nx-content-type-options: nosniff"), "{head}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["code"], "MISDIRECTED_REQUEST");
    }
    // HTTP/1.0 without a Host names no address.
    let (status, _, _) = tokio::task::spawn_blocking(move || exchange(addr, "GET /api/openapi.json HTTP/1.0\r\n\r\n".into())).await.unwrap();
    assert_eq!(status, 421);

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_text_plain_sign_in_is_refused_before_the_pin_is_checked() {
    let (_dir, db, api) = desk_api().await;
    let router = api_router(api);
    let pin = json!({"login": "maria", "pin": "0000", "terminal": "DESK-1"}).to_string();
    let right = json!({"login": "maria", "pin": "1234", "terminal": "DESK-1"}).to_string();
    // What a page of any site may POST without asking first (no CORS preflight), and no type.
    for content_type in [Some("text/plain"), Some("text/plain;charset=UTF-8"), Some("application/x-www-form-urlencoded"), Some("multipart/form-data; boundary=x"), None] {
        for body in [&pin, &right] {
            let headers: Vec<(&str, &str)> = content_type.map(|t| ("content-type", t)).into_iter().collect();
            let answer = send(&router, request("POST", "/api/session", &headers, body.clone())).await;
            assert_api_error(&answer, StatusCode::UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
            assert!(answer.body.get("token").is_none());
        }
    }
    assert!(db.sign_in_failures("maria").await.unwrap().iter().all(|f| f.failures == 0), "no PIN was tried");
    // As JSON it is a sign-in: the first wrong PIN leaves four tries.
    let answer = send(&router, request("POST", "/api/session", &[("content-type", "application/json; charset=utf-8")], pin)).await;
    assert_api_error(&answer, StatusCode::UNAUTHORIZED, "WRONG_PIN");
    assert_eq!(answer.body["error"]["attempts_left"], 4);
    let answer = send(&router, request("POST", "/api/session", &[("content-type", "application/json")], right)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body["token"].is_string());
}

#[tokio::test]
async fn a_sign_in_from_another_origin_is_refused() {
    let (dir, db, api) = desk_api().await;
    let app = app(api, Some(ui_dir(dir.path())), SERVED.parse().unwrap());
    let right = json!({"login": "maria", "pin": "1234", "terminal": "DESK-1"}).to_string();
    let wrong = json!({"login": "maria", "pin": "0000", "terminal": "DESK-1"}).to_string();
    for origin in ["http://evil.example", "http://evil.example:48787", "null", "https://localhost:48787", "http://localhost:48788", "http://127.0.0.1:48787"] {
        for body in [&right, &wrong] {
            let headers = [("host", HOST), ("origin", origin), ("content-type", "application/json")];
            let answer = send(&app, request("POST", "/api/session", &headers, body.clone())).await;
            assert_api_error(&answer, StatusCode::FORBIDDEN, "FOREIGN_ORIGIN");
        }
    }
    assert!(db.sign_in_failures("maria").await.unwrap().iter().all(|f| f.failures == 0), "no PIN was tried");
    // The desk's own page (the origin it was opened at), or no page at all (curl, the tests).
    for headers in [
        vec![("host", HOST), ("origin", "http://localhost:48787"), ("content-type", "application/json")],
        vec![("host", SERVED), ("origin", "http://127.0.0.1:48787"), ("content-type", "application/json")],
        vec![("host", SERVED), ("content-type", "application/json")],
    ] {
        let answer = send(&app, request("POST", "/api/session", &headers, right.clone())).await;
        assert_eq!(answer.status, StatusCode::OK, "{headers:?}: {}", answer.body);
        assert!(answer.body["token"].is_string());
    }
}

#[tokio::test]
async fn every_write_takes_json_only() {
    let (_dir, _db, api) = desk_api().await;
    let router = api_router(api);
    let answer = send(&router, request("POST", "/api/session", &[("content-type", "application/json")], json!({"login": "georgi", "pin": "9999"}).to_string())).await;
    let bearer = format!("Bearer {}", answer.body["token"].as_str().unwrap());
    let writes: Vec<_> = returndesk::api::COMMANDS.iter().filter(|c| c.method != returndesk::api::Method::GET).collect();
    assert!(writes.len() >= 6);
    for command in writes {
        let uri = command.path.replace("{id}", "1");
        let method = command.method.as_str();
        for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
            let headers = [("authorization", bearer.as_str()), ("content-type", content_type)];
            let answer = send(&router, request(method, &uri, &headers, "{}")).await;
            assert_api_error(&answer, StatusCode::UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        }
        let answer = send(&router, request(method, &uri, &[("authorization", bearer.as_str())], "{}")).await;
        assert_api_error(&answer, StatusCode::UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        let headers = [("authorization", bearer.as_str()), ("content-type", "application/json"), ("origin", "http://evil.example")];
        let answer = send(&router, request(method, &uri, &headers, "{}")).await;
        assert_api_error(&answer, StatusCode::FORBIDDEN, "FOREIGN_ORIGIN");
    }
    // The settings did not change; signing out without a body still works.
    let answer = send(&router, request("GET", "/api/settings", &[("authorization", bearer.as_str())], Body::empty())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["printer"], "", "no printer was chosen");
    let answer = send(&router, request("DELETE", "/api/session", &[("authorization", bearer.as_str())], Body::empty())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

#[tokio::test]
async fn the_frameworks_errors_are_json_too() {
    let (dir, _db, api) = desk_api().await;
    let app = app(api.clone(), Some(ui_dir(dir.path())), SERVED.parse().unwrap());
    let router = api_router(api);
    for router in [&router, &app] {
        let json = [("host", HOST), ("content-type", "application/json")];
        // 405, with the methods that are allowed.
        let answer = send(router, request("PATCH", "/api/session", &json, "{}")).await;
        assert_api_error(&answer, StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
        let allow = answer.headers["allow"].to_str().unwrap();
        assert!(allow.contains("POST") && allow.contains("DELETE"), "{allow}");
        let answer = send(router, request("GET", "/api/policy", &json, Body::empty())).await;
        assert_api_error(&answer, StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
        // 413: a body above the limit is not read.
        let big = format!("{{\"login\": \"{}\"}}", "x".repeat(BODY_LIMIT));
        let answer = send(router, request("POST", "/api/session", &json, big)).await;
        assert_api_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE");
        // 415 and malformed JSON.
        let answer = send(router, request("POST", "/api/session", &[("host", HOST), ("content-type", "text/plain")], "{}")).await;
        assert_api_error(&answer, StatusCode::UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
        let answer = send(router, request("POST", "/api/session", &json, "{\"login\":")).await;
        assert_api_error(&answer, StatusCode::BAD_REQUEST, "BAD_INPUT");
        // 404, and a path parameter that is not even text.
        let answer = send(router, request("GET", "/api/nothing-here", &json, Body::empty())).await;
        assert_api_error(&answer, StatusCode::NOT_FOUND, "NOT_FOUND");
        let answer = send(router, request("GET", "/api/returns/%FF", &json, Body::empty())).await;
        assert_api_error(&answer, StatusCode::BAD_REQUEST, "BAD_INPUT");
    }
}

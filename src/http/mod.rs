//! `returndesk serve`: the desk API over HTTP on loopback (axum), with its OpenAPI document at
//! `/api/openapi.json` and the built UI (`ui/dist`) on the same origin. Each route turns its
//! path, query and body into a command's arguments and calls [`DeskApi::call`], the same entry
//! the Tauri commands use.

pub mod api;
mod openapi;
pub mod views;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

pub use api::{ApiError, DeskApi, DeskClock};

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.body())).into_response()
    }
}

#[derive(serde::Deserialize)]
struct SlipQuery {
    lang: Option<String>,
    layout: Option<String>,
    document: Option<String>,
    claim: Option<i64>,
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
}

fn body_json(body: &Bytes) -> Result<Value, ApiError> {
    if body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(body).map_err(|e| ApiError::bad_input("body", format!("not valid JSON: {e}")))
}

async fn run(api: &DeskApi, command: &str, args: Value, headers: &HeaderMap) -> Response {
    match api.call(command, args, bearer(headers).as_deref()).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

fn query_args(q: Map<String, Value>) -> Value {
    Value::Object(q)
}

macro_rules! with_body {
    ($command:literal) => {
        |State(api): State<DeskApi>, headers: HeaderMap, body: Bytes| async move {
            match body_json(&body) {
                Ok(args) => run(&api, $command, args, &headers).await,
                Err(e) => e.into_response(),
            }
        }
    };
}

macro_rules! with_query {
    ($command:literal) => {
        |State(api): State<DeskApi>, headers: HeaderMap, Query(q): Query<Map<String, Value>>| async move {
            run(&api, $command, query_args(q), &headers).await
        }
    };
}

macro_rules! with_id {
    ($command:literal) => {
        |State(api): State<DeskApi>, headers: HeaderMap, Path(id): Path<String>| async move {
            match id.parse::<i64>() {
                Ok(id) => run(&api, $command, json!({ "id": id }), &headers).await,
                Err(_) => ApiError::bad_input("id", format!("\"{id}\" is not a return number")).into_response(),
            }
        }
    };
}

/// The desk API's routes (without the UI files).
pub fn api_router(api: DeskApi) -> Router {
    Router::new()
        .route("/api/openapi.json", get(|| async { Json(openapi::document()) }))
        .route("/api/session", post(with_body!("sign_in")).delete(with_body!("sign_out")))
        .route("/api/receipts/lookup", get(with_query!("lookup_receipt")))
        .route("/api/receipts/by-card", get(with_query!("find_receipts_by_card")))
        .route("/api/returns/evaluate", post(with_body!("evaluate_return")))
        .route("/api/returns", post(with_body!("confirm_return")).get(with_query!("list_returns")))
        .route("/api/returns/{id}", get(with_id!("get_return")))
        .route(
            "/api/returns/{id}/approvals",
            post(|State(api): State<DeskApi>, headers: HeaderMap, Path(id): Path<i64>, body: Bytes| async move {
                let mut args = body_json(&body).unwrap_or_else(|_| json!({}));
                args["id"] = json!(id);
                run(&api, "decide_approval", args, &headers).await
            }),
        )
        .route(
            "/api/returns/{id}/slip.pdf",
            get(|State(api): State<DeskApi>, headers: HeaderMap, Path(id): Path<i64>, Query(q): Query<SlipQuery>| async move {
                let request = api::SlipRequest { id, lang: q.lang, layout: q.layout, document: q.document, claim: q.claim };
                match api.slip_pdf(bearer(&headers).as_deref(), &request).await {
                    Ok((pdf, number)) => (
                        [
                            (axum::http::header::CONTENT_TYPE, "application/pdf".to_string()),
                            (axum::http::header::CONTENT_DISPOSITION, format!("inline; filename=\"{number}.pdf\"")),
                        ],
                        pdf,
                    )
                        .into_response(),
                    Err(e) => e.into_response(),
                }
            }),
        )
        .route(
            "/api/returns/{id}/print",
            post(|State(api): State<DeskApi>, headers: HeaderMap, Path(id): Path<i64>, body: Bytes| async move {
                let mut args = body_json(&body).unwrap_or_else(|_| json!({}));
                args["id"] = json!(id);
                run(&api, "print_slip", args, &headers).await
            }),
        )
        .route("/api/claims", get(with_query!("list_claims")))
        .route("/api/settings", get(with_query!("get_settings")).put(with_body!("put_settings")))
        .route("/api/policy", post(with_body!("import_policy")))
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { ApiError::new(404, "NOT_FOUND", "no such API route").into_response() }),
        )
        .with_state(api)
}

/// The API plus the built UI, as served by `returndesk serve`.
pub fn app(api: DeskApi, ui_dir: Option<PathBuf>) -> Router {
    let router = api_router(api);
    match ui_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            router.fallback_service(
                tower_http::services::ServeDir::new(&dir).fallback(tower_http::services::ServeFile::new(index)),
            )
        }
        None => router,
    }
}

/// Serves until interrupted. Binds loopback only.
pub async fn serve(api: DeskApi, ui_dir: Option<PathBuf>, port: u16) -> std::io::Result<()> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    println!("Return Desk is serving at http://{local}/");
    axum::serve(listener, app(api, ui_dir))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

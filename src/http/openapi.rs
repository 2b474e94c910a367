//! The OpenAPI document of the desk API (kept beside the routes; a test checks that every
//! route is described).

use serde_json::{json, Value};

fn op(summary: &str, command: &str, params: Value, body: Option<&str>) -> Value {
    let mut o = json!({
        "summary": summary,
        "operationId": command,
        "parameters": params,
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}},
            "default": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
    });
    if let Some(schema) = body {
        o["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
    }
    if command != "sign_in" {
        o["security"] = json!([{"bearer": []}]);
    }
    o
}

fn q(name: &str, required: bool, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": required, "description": description, "schema": {"type": "string"}})
}

fn id() -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}})
}

pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Return Desk API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The returns counter's service layer over HTTP (loopback). The same commands are Tauri commands in the desktop app. Money is a string with two decimals; dates YYYY-MM-DD."
        },
        "paths": {
            "/api/openapi.json": {"get": op("This document", "openapi", json!([]), None)},
            "/api/session": {
                "post": op("Sign in with user and PIN", "sign_in", json!([]), Some("SignIn")),
                "delete": op("Sign out", "sign_out", json!([]), None)
            },
            "/api/receipts/lookup": {"get": op("Find a receipt by number, barcode or Russian fiscal QR text", "lookup_receipt", json!([q("code", true, "what was scanned or typed")]), None)},
            "/api/receipts/by-card": {"get": op("Receipts paid with a card, by its last four digits and a date range", "find_receipts_by_card", json!([q("last4", true, "four digits"), q("from", true, "YYYY-MM-DD"), q("to", true, "YYYY-MM-DD")]), None)},
            "/api/returns/evaluate": {"post": op("Judge a return draft without recording it", "evaluate_return", json!([]), Some("ReturnDraft"))},
            "/api/returns": {
                "post": op("Confirm (record) a return; the same idempotency_key gives back the same return", "confirm_return", json!([]), Some("ReturnDraft")),
                "get": op("Past returns of the store, newest first", "list_returns", json!([q("q", false, "part of a receipt number"), q("from", false, "YYYY-MM-DD"), q("to", false, "YYYY-MM-DD")]), None)
            },
            "/api/returns/{id}": {"get": op("One recorded return", "get_return", json!([id()]), None)},
            "/api/returns/{id}/approvals": {"post": op("A manager's decision on a return waiting for one", "decide_approval", json!([id()]), Some("ManagerDecision"))},
            "/api/returns/{id}/slip.pdf": {"get": {"summary": "A document of the return as PDF: its slip, the store-credit voucher it issued, or one of its warranty claims", "operationId": "return_slip", "security": [{"bearer": []}],
                "parameters": [id(), q("lang", false, "en, bg, ru or el"), q("layout", false, "80mm or a4"), q("document", false, "slip (default), voucher or claim"), q("claim", false, "with document=claim: the claim's id")],
                "responses": {"200": {"description": "The slip", "content": {"application/pdf": {}}}, "default": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}},
            "/api/returns/{id}/print": {"post": op("Print a document of the return (its slip, voucher or a warranty claim) on the desk's printer", "print_slip", json!([id()]), Some("SlipOptions"))},
            "/api/claims": {"get": op("The store's warranty claims, soonest due first", "list_claims", json!([q("status", false, "open, in_repair, resolved, rejected, closed, overdue or all")]), None)},
            "/api/settings": {
                "get": op("Store details, printer and the policy in force", "get_settings", json!([]), None),
                "put": op("Change desk settings (managers)", "put_settings", json!([]), Some("Settings"))
            },
            "/api/policy": {"post": op("Add a policy version (managers)", "import_policy", json!([]), Some("PolicyVersion"))}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                    "code": {"type": "string", "enum": ["BAD_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "WRONG_PIN", "LOCKED_OUT", "RECEIPT_NOT_FOUND", "MALFORMED_CODE", "CONFLICT", "NOT_FOUND", "SERVER_ERROR"]},
                    "message": {"type": "string"}, "field": {"type": "string"}, "attempts_left": {"type": "integer"}, "locked_until": {"type": "string"}}}}},
                "SignIn": {"type": "object", "required": ["login", "pin"], "properties": {"login": {"type": "string"}, "pin": {"type": "string"}, "terminal": {"type": "string"}}},
                "DraftLine": {"type": "object", "required": ["line", "qty", "reason", "condition"], "properties": {
                    "line": {"type": "integer"}, "qty": {"type": "integer", "minimum": 1},
                    "reason": {"enum": ["change_of_mind", "defective", "not_as_described", "wrong_item"]},
                    "condition": {"enum": ["unopened", "opened", "used", "damaged"]},
                    "defect": {"type": "string"}, "serial": {"type": "string"}}},
                "ManagerDecision": {"type": "object", "required": ["manager_login", "manager_pin", "decision", "reason"], "properties": {
                    "manager_login": {"type": "string"}, "manager_pin": {"type": "string"}, "decision": {"enum": ["approve", "decline"]},
                    "reason": {"type": "string"}, "lines": {"type": "array", "items": {"type": "integer"}}}},
                "ReturnDraft": {"type": "object", "required": ["receipt_id", "resolution", "lines"], "properties": {
                    "receipt_id": {"type": "integer"},
                    "resolution": {"enum": ["refund", "store_credit", "exchange", "repair", "replace"]},
                    "lines": {"type": "array", "items": {"$ref": "#/components/schemas/DraftLine"}},
                    "customer": {"type": "object", "properties": {"name": {"type": "string"}, "contact": {"type": "string"}}},
                    "idempotency_key": {"type": "string"},
                    "manager": {"$ref": "#/components/schemas/ManagerDecision"},
                    "preview_overrides": {"type": "array", "items": {"type": "integer"}}}},
                "SlipOptions": {"type": "object", "properties": {"lang": {"enum": ["en", "bg", "ru", "el"]}, "layout": {"enum": ["80mm", "a4"]}, "document": {"enum": ["slip", "voucher", "claim"]}, "claim": {"type": "integer", "description": "with document=claim: the claim's id"}}},
                "Settings": {"type": "object", "properties": {"printer": {"type": "string"}}},
                "PolicyVersion": {"type": "object", "required": ["effective_from"], "properties": {"effective_from": {"type": "string", "format": "date"}, "defaults": {"type": "object"}, "rules": {"type": "array"}}}
            }
        }
    })
}

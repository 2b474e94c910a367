//! The OpenAPI 3.1 document of the desk API, made from the command table and the JSON Schemas
//! of the Rust types the commands take and answer (schemars). It is checked in as
//! `docs/openapi.json`, and the UI's TypeScript types are generated from it; a test fails when
//! either is stale.

use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use super::{Access, Command, COMMANDS};

/// The document, as `GET /api/openapi.json` serves it.
pub fn document() -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let mut paths = Map::new();
    for command in COMMANDS {
        let operation = operation(command, &mut generator);
        let path = paths.entry(command.path.to_string()).or_insert_with(|| json!({}));
        path[command.method.as_str().to_ascii_lowercase()] = operation;
    }
    let mut schemas = generator.take_definitions(true);
    schemas.insert(
        "Error".into(),
        json!({
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                "code": {"type": "string", "enum": super::ERROR_CODES, "description": "A stable code; the facts its sentence names travel beside it (e.g. `left` of QTY_EXCEEDS_REMAINING, `effective_from` of POLICY_VERSION_EXISTS)"},
                "message": {"type": "string"},
                "field": {"type": "string", "description": "The input field at fault, e.g. lines[0].qty"}
            }, "additionalProperties": true}}
        }),
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Return Desk API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The returns counter's service layer over HTTP (loopback). The same commands are Tauri commands in the desktop app (operationId = command name; arguments as one JSON object). Money is a string with two decimals; dates YYYY-MM-DD; local times YYYY-MM-DDTHH:MM:SS."
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
        }
    })
}

fn operation(command: &Command, generator: &mut schemars::SchemaGenerator) -> Value {
    let input = (command.input)(generator);
    let output = (command.output)(generator);
    let mut content = Map::new();
    content.insert((command.answers)().to_string(), json!({"schema": output}));
    let mut op = json!({
        "operationId": command.name,
        "summary": command.summary.trim(),
        "x-access": command.access,
        "responses": {
            "200": {"description": "OK", "content": content},
            "default": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
    });
    if command.access != Access::Anyone {
        op["security"] = json!([{"bearer": []}]);
    }
    let mut parameters: Vec<Value> = command
        .path_params()
        .map(|p| json!({"name": p, "in": "path", "required": true, "schema": {"type": "integer"}}))
        .collect();
    if command.method.takes_query() {
        // The input's properties, one query parameter each.
        let input = resolve(&input, generator);
        let required: Vec<&str> = input["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        for (name, schema) in input["properties"].as_object().into_iter().flatten() {
            if command.path_params().any(|p| p == name) {
                continue;
            }
            let mut p = json!({"name": name, "in": "query", "required": required.contains(&name.as_str()), "schema": schema});
            if let Some(d) = schema.get("description") {
                p["description"] = d.clone();
            }
            parameters.push(p);
        }
    } else if !is_empty_object(&resolve(&input, generator)) {
        op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": input.as_value()}}});
    }
    if !parameters.is_empty() {
        op["parameters"] = Value::Array(parameters);
    }
    op
}

/// A `$ref` schema's definition (or the schema itself).
fn resolve(schema: &schemars::Schema, generator: &schemars::SchemaGenerator) -> Value {
    let value = schema.as_value();
    match value.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()) {
        Some(name) => generator.definitions().get(name).cloned().unwrap_or(Value::Null),
        None => value.clone(),
    }
}

fn is_empty_object(schema: &Value) -> bool {
    schema["properties"].as_object().is_none_or(Map::is_empty) && schema.get("allOf").is_none()
}

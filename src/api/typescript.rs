//! The UI's view of the command table, as TypeScript: each command's input and output types
//! (from the OpenAPI document's schemas, which `openapi-typescript` turns into
//! `ui/src/lib/generated/openapi.ts`) and its HTTP form. Checked in as
//! `ui/src/lib/generated/commands.ts`; a test fails when it is stale.

use std::fmt::Write;

use schemars::generate::SchemaSettings;
use serde_json::Value;

use super::{Access, COMMANDS};

/// A schema as a TypeScript type over `S` (the generated `components['schemas']`).
fn ts_type(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return format!("S['{}']", r.rsplit('/').next().unwrap_or(r));
    }
    if schema.get("contentMediaType").and_then(Value::as_str).is_some() {
        return "Blob".into();
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => format!("{}[]", ts_type(&schema["items"])),
        Some("string") => "string".into(),
        Some("integer" | "number") => "number".into(),
        Some("boolean") => "boolean".into(),
        _ => "unknown".into(),
    }
}

/// `ui/src/lib/generated/commands.ts`.
pub fn commands_ts() -> String {
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| s.definitions_path = "/components/schemas".into())
        .into_generator();
    let mut types = String::new();
    let mut routes = String::new();
    for c in COMMANDS {
        let input = ts_type((c.input)(&mut generator).as_value());
        let output = ts_type((c.output)(&mut generator).as_value());
        let access = match c.access {
            Access::Anyone => "anyone",
            Access::Clerk => "clerk",
            Access::Manager => "manager",
            Access::Administrator => "administrator",
        };
        writeln!(types, "  /** {} */\n  {}: {{ input: {input}; output: {output} }};", c.summary.trim(), c.name).unwrap();
        writeln!(
            routes,
            "  {}: {{ method: '{}', path: '{}', access: '{access}', answers: '{}' }},",
            c.name,
            c.method.as_str(),
            c.path,
            (c.answers)()
        )
        .unwrap();
    }
    format!(
        "// Generated from the command table (src/api/commands.rs) by scripts/generate-api.sh: do not edit.\n\
         import type {{ components }} from './openapi';\n\n\
         type S = components['schemas'];\n\n\
         /** Every command of the desk API: what it takes and what it answers. */\n\
         export interface Commands {{\n{types}}}\n\n\
         export type CommandName = keyof Commands;\n\n\
         /** How each command travels over HTTP (Tauri: `invoke(name, {{args}})`). */\n\
         export const routes = {{\n{routes}}} as const;\n"
    )
}

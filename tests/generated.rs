//! The files generated from the command table are checked in and must be current: the OpenAPI
//! document (`docs/openapi.json`) and the UI's command types (`ui/src/lib/generated/commands.ts`).
//! `scripts/generate-api.sh` writes them again (it runs this test with UPDATE_GENERATED=1, then
//! openapi-typescript for `ui/src/lib/generated/openapi.ts`, whose freshness the UI's own tests
//! check).

use std::path::PathBuf;

fn check(relative: &str, fresh: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(stored == fresh, "{relative} is stale: run scripts/generate-api.sh and commit the result");
}

#[test]
fn the_openapi_document_is_current() {
    let document = serde_json::to_string_pretty(&returndesk::api::openapi::document()).unwrap() + "\n";
    check("docs/openapi.json", &document);
}

#[test]
fn the_ui_command_types_are_current() {
    check("ui/src/lib/generated/commands.ts", &returndesk::api::typescript::commands_ts());
}

#[test]
fn every_command_of_the_table_has_an_http_route_and_a_typed_answer() {
    let ts = returndesk::api::typescript::commands_ts();
    for command in returndesk::api::COMMANDS {
        assert!(ts.contains(&format!("  {}: {{ input: S['", command.name)), "{} has no typed input", command.name);
        assert!(!ts.contains(&format!("  {}: {{ input: unknown", command.name)), "{}", command.name);
        assert!(command.path.starts_with("/api/"), "{}", command.name);
    }
}

//! Every error code the source can send is in `ERROR_CODES` (the list the OpenAPI document
//! gives the UI, whose sentences `ui/tests/i18n.test.mjs` checks in every language), and the
//! list names no code nothing sends.

use std::collections::BTreeSet;
use std::path::Path;

use returndesk::api::ERROR_CODES;

fn sources(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The first string literal after each `marker` (skipping a status number and the comma).
fn codes_after(text: &str, marker: &str, found: &mut BTreeSet<String>) {
    for (at, _) in text.match_indices(marker) {
        let rest = &text[at + marker.len()..];
        let Some(open) = rest.find('"') else { continue };
        // only `"CODE"` right after the marker (a status number and a comma may come first)
        if !rest[..open].chars().all(|c| c.is_ascii_digit() || c == ',' || c.is_whitespace()) {
            continue;
        }
        let literal: String = rest[open + 1..].chars().take_while(|c| *c != '"').collect();
        if !literal.is_empty() && literal.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            found.insert(literal);
        }
    }
}

#[test]
fn every_code_sent_is_listed_and_every_listed_code_is_sent() {
    let mut texts = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut texts);
    let mut sent = BTreeSet::new();
    for text in &texts {
        // ApiError::new(409, "CODE", …), DeskError::refused("CODE", …), and the HTTP framework's
        // table in src/http (`404 => ("NOT_FOUND", …)`, `_ => ("BAD_REQUEST", …)`)
        codes_after(text, "ApiError::new(", &mut sent);
        codes_after(text, "refused(", &mut sent);
        codes_after(text, " => (", &mut sent);
    }
    let listed: BTreeSet<String> = ERROR_CODES.iter().map(|c| c.to_string()).collect();
    assert_eq!(listed.len(), ERROR_CODES.len(), "a code is listed twice");
    let unlisted: Vec<_> = sent.difference(&listed).collect();
    assert!(unlisted.is_empty(), "codes sent but not in ERROR_CODES (the UI has no sentence for them): {unlisted:?}");
    let unsent: Vec<_> = listed.difference(&sent).collect();
    assert!(unsent.is_empty(), "codes in ERROR_CODES that nothing sends: {unsent:?}");
}

#[test]
fn the_openapi_document_lists_the_codes() {
    let doc = returndesk::api::openapi::document();
    let listed = &doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"];
    assert_eq!(listed, &serde_json::json!(ERROR_CODES));
}

//! The conformance suite of the evaluation contract: every case in `tests/conformance/`, run
//! through the library's contract path and through the `returndesk evaluate` binary.
//!
//! An answer conforms when every key of `expected` is present with an equal value (extra keys
//! are allowed); arrays match in length and order; `{"error": true}` means exit status 2.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::differences;
use serde_json::Value;

fn cases() -> Vec<(String, PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 50, "expected the shared v2 cases, found {}", files.len());
    files
        .into_iter()
        .map(|p| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, p, doc)
        })
        .collect()
}

fn is_error(expected: &Value) -> bool {
    expected.get("error") == Some(&Value::Bool(true))
}

#[test]
fn differences_are_found() {
    let expected: Value = serde_json::json!({"a": "1.00", "b": [1, 2], "c": {"d": null}});
    let mut out = Vec::new();
    differences(&expected, &serde_json::json!({"a": "1.00", "b": [1, 2], "c": {"d": null}, "x": 1}), "", &mut out);
    assert!(out.is_empty(), "extra keys are allowed: {out:?}");
    differences(&expected, &serde_json::json!({"a": "1.0", "b": [1], "c": {}}), "", &mut out);
    assert_eq!(out.len(), 3, "{out:?}");
}

#[test]
fn every_case_conforms_through_the_library() {
    let mut failures = Vec::new();
    for (name, path, doc) in cases() {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = &doc["expected"];
        match returndesk::contract::evaluate_text(&text) {
            Err(e) if is_error(expected) => assert!(!e.to_string().is_empty()),
            Err(e) => failures.push(format!("{name}: invalid case: {e}")),
            Ok(_) if is_error(expected) => failures.push(format!("{name}: expected an invalid case, got a decision")),
            Ok(decision) => {
                let got = returndesk::contract::decision_to_json(&decision);
                let mut diff = Vec::new();
                differences(expected, &got, "", &mut diff);
                failures.extend(diff.into_iter().map(|d| format!("{name}: {d}")));
            }
        }
    }
    assert!(failures.is_empty(), "cases that do not conform:\n{}", failures.join("\n"));
}

#[test]
fn every_case_conforms_through_the_binary() {
    let mut failures = Vec::new();
    for (name, path, doc) in cases() {
        let expected = &doc["expected"];
        let out = Command::new(env!("CARGO_BIN_EXE_returndesk"))
            .arg("evaluate")
            .arg(&path)
            .output()
            .expect("returndesk runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if is_error(expected) {
            if out.status.code() != Some(2) {
                failures.push(format!("{name}: expected exit 2, got {:?}", out.status.code()));
            } else if stderr.trim().lines().count() != 1 {
                failures.push(format!("{name}: expected a one-line message, got {stderr:?}"));
            }
            continue;
        }
        if !out.status.success() {
            failures.push(format!("{name}: exit {:?}: {stderr}", out.status.code()));
            continue;
        }
        let got: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
        let mut diff = Vec::new();
        differences(expected, &got, "", &mut diff);
        failures.extend(diff.into_iter().map(|d| format!("{name}: {d}")));
    }
    assert!(failures.is_empty(), "cases that do not conform:\n{}", failures.join("\n"));
}

#[test]
fn standard_input_gives_the_same_answer_as_a_file() {
    use std::io::Write;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/016-card-cap-then-cash.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(["evaluate", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(doc["case"].to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["tenders"], doc["expected"]["tenders"]);
}

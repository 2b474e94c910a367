//! Every kind of invalid case the contract lists exits 2 with a one-line message that names the
//! offending field or line.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

fn base() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/001-change-of-mind-within-window.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["case"].clone()
}

/// Runs `returndesk evaluate -` on the text; returns (exit code, stdout, stderr).
fn run(text: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(["evaluate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_invalid(what: &str, case: Value, names: &[&str]) {
    assert_invalid_text(what, &case.to_string(), names);
}

fn assert_invalid_text(what: &str, text: &str, names: &[&str]) {
    let (code, stdout, stderr) = run(text);
    assert_eq!(code, Some(2), "{what}: expected exit 2, stderr: {stderr}");
    assert!(stdout.is_empty(), "{what}: nothing on stdout, got {stdout}");
    let message = stderr.trim_end();
    assert_eq!(message.lines().count(), 1, "{what}: one-line message, got {message:?}");
    for name in names {
        assert!(message.contains(name), "{what}: message {message:?} should name {name:?}");
    }
}

#[test]
fn the_base_case_is_valid() {
    let (code, stdout, stderr) = run(&base().to_string());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("\"outcome\""));
}

#[test]
fn request_line_not_on_the_receipt() {
    let mut c = base();
    c["request"]["lines"][0]["line"] = json!(9);
    assert_invalid("request line", c, &["request.lines[0]", "line 9", "not on receipt"]);
}

#[test]
fn history_line_not_on_the_receipt() {
    let mut c = base();
    c["history"] = json!({"returned": [{"line": 7, "qty": 1}]});
    assert_invalid("history line", c, &["history.returned[0]", "line 7"]);
}

#[test]
fn a_line_requested_twice() {
    let mut c = base();
    let line = c["request"]["lines"][0].clone();
    c["request"]["lines"].as_array_mut().unwrap().push(line);
    assert_invalid("requested twice", c, &["request.lines[1]", "line 2", "twice"]);
}

#[test]
fn quantities_that_are_not_positive_whole_numbers() {
    for bad in [json!(0), json!(-1), json!(1.5), json!("1"), json!(null)] {
        let mut c = base();
        c["request"]["lines"][0]["qty"] = bad.clone();
        assert_invalid(&format!("request qty {bad}"), c, &["request.lines[0].qty"]);
    }
    let mut c = base();
    c["receipt"]["lines"][1]["qty"] = json!(0);
    assert_invalid("receipt qty", c, &["receipt.lines[1].qty", "positive whole number"]);
    let mut c = base();
    c["history"] = json!({"returned": [{"line": 2, "qty": 0}]});
    assert_invalid("history qty", c, &["history.returned[0].qty"]);
}

#[test]
fn history_returning_more_than_was_sold() {
    let mut c = base();
    c["history"] = json!({"returned": [{"line": 2, "qty": 2}, {"line": 2, "qty": 2}]});
    assert_invalid("over-returned", c, &["history.returned", "line 2", "returned 4", "only 3"]);
}

#[test]
fn negative_amounts() {
    let mut c = base();
    c["receipt"]["lines"][0]["unit_price"] = json!("-899.00");
    assert_invalid("negative price", c, &["receipt.lines[0].unit_price", "negative"]);
    let mut c = base();
    c["receipt"]["tenders"][1]["amount"] = json!("-1.00");
    assert_invalid("negative tender", c, &["receipt.tenders[1].amount", "negative"]);
    let mut c = base();
    c["history"] = json!({"tender_refunded": [{"type": "card", "amount": "-5.00"}]});
    assert_invalid("negative refund", c, &["history.tender_refunded[0].amount", "negative"]);
    let mut c = base();
    c["receipt"]["receipt_discount"] = json!("-20.00");
    assert_invalid("negative discount", c, &["receipt.receipt_discount", "negative"]);
}

#[test]
fn a_receipt_discount_above_the_line_total() {
    let mut c = base();
    c["receipt"]["receipt_discount"] = json!("2000.00");
    assert_invalid("receipt discount", c, &["receipt.receipt_discount", "2000.00"]);
    let mut c = base();
    c["receipt"]["lines"][1]["discount"] = json!("31.00");
    assert_invalid("line discount", c, &["receipt.lines[1].discount", "line 2"]);
}

#[test]
fn tenders_that_do_not_add_up() {
    let mut c = base();
    c["receipt"]["tenders"][1]["amount"] = json!("96.87");
    assert_invalid("tenders", c, &["receipt.tenders", "996.87", "996.88"]);
}

#[test]
fn now_before_the_purchase() {
    let mut c = base();
    c["now"] = json!("2026-10-01T18:29:59");
    assert_invalid("now", c, &["now", "before the purchase"]);
}

#[test]
fn an_unknown_jurisdiction() {
    let mut c = base();
    c["store"]["jurisdiction"] = json!("DE");
    assert_invalid("jurisdiction", c, &["store.jurisdiction", "DE"]);
}

#[test]
fn a_currency_pair_with_no_conversion() {
    let mut c = base();
    c["receipt"]["currency"] = json!("EUR");
    c["store"]["currency"] = json!("BGN");
    assert_invalid("EUR to BGN", c, &["receipt.currency", "EUR", "BGN"]);
    let mut c = base();
    c["store"]["currency"] = json!("USD");
    assert_invalid("unknown currency", c, &["store.currency", "USD"]);
}

#[test]
fn a_withdrawal_exception_other_than_none_always_or_if_unsealed() {
    for bad in [json!("sometimes"), json!("IF_UNSEALED"), json!(true), json!(null)] {
        let mut c = base();
        c["policy"]["defaults"]["withdrawal_exception"] = bad.clone();
        assert_invalid(&format!("defaults {bad}"), c, &["policy.defaults.withdrawal_exception"]);
    }
    let mut c = base();
    c["policy"]["rules"][0]["withdrawal_exception"] = json!("never");
    assert_invalid("rule", c, &["policy.rules[0].withdrawal_exception", "never", "if_unsealed"]);
    // The three it may be.
    for good in ["none", "always", "if_unsealed"] {
        let mut c = base();
        c["policy"]["rules"][0]["withdrawal_exception"] = json!(good);
        assert_eq!(run(&c.to_string()).0, Some(0), "{good}");
    }
}

#[test]
fn a_no_analogue_that_is_not_true_or_false() {
    for bad in [json!("true"), json!(1), json!(null), json!([])] {
        let mut c = base();
        c["request"]["lines"][0]["no_analogue"] = bad.clone();
        assert_invalid(&format!("no_analogue {bad}"), c, &["request.lines[0].no_analogue", "boolean"]);
    }
}

#[test]
fn store_working_days_and_claim_target_of_the_wrong_kind() {
    for bad in [json!("2026-06-13"), json!(["2026-13-06"]), json!(["13.06.2026"]), json!([null])] {
        let mut c = base();
        c["store"]["working_days"] = bad.clone();
        assert_invalid(&format!("working_days {bad}"), c, &["store.working_days"]);
    }
    for bad in [json!(-1), json!(1.5), json!("30"), json!(null), json!(4_294_967_296u64)] {
        let mut c = base();
        c["store"]["claim_target_days"] = bad.clone();
        assert_invalid(&format!("claim_target_days {bad}"), c, &["store.claim_target_days", "whole number of days"]);
    }
    let mut c = base();
    c["store"]["claim_target_days"] = json!(0);
    c["store"]["working_days"] = json!(["2026-10-03"]);
    assert_eq!(run(&c.to_string()).0, Some(0), "no target and a worked Saturday are valid");
}

#[test]
fn a_return_info_given_that_is_not_true_or_false() {
    for bad in [json!("no"), json!(0), json!(null)] {
        let mut c = base();
        c["receipt"]["return_info_given"] = bad.clone();
        assert_invalid(&format!("return_info_given {bad}"), c, &["receipt.return_info_given", "boolean"]);
    }
}

#[test]
fn malformed_documents_name_the_problem() {
    assert_invalid_text("not JSON", "{\"now\": ", &["not valid JSON"]);
    let mut c = base();
    c.as_object_mut().unwrap().remove("request");
    assert_invalid("missing request", c, &["request"]);
    let mut c = base();
    c["receipt"]["lines"][0].as_object_mut().unwrap().remove("vat_rate");
    assert_invalid("missing vat", c, &["receipt.lines[0]", "vat_rate"]);
    let mut c = base();
    c["now"] = json!("yesterday");
    assert_invalid("bad date", c, &["now"]);
    let mut c = base();
    c["request"]["lines"][0]["reason"] = json!("boredom");
    assert_invalid("bad reason", c, &["request.lines[0].reason", "boredom"]);
    let mut c = base();
    c["policy"]["rules"][0]["retrun_days"] = json!(10);
    assert_invalid("policy typo", c, &["policy.rules[0]", "retrun_days"]);
    let mut c = base();
    c["receipt"]["lines"][0]["unit_price"] = json!("8,99");
    assert_invalid("decimal comma", c, &["receipt.lines[0].unit_price", "8,99"]);
}

#[test]
fn an_unreadable_file_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(["evaluate", "/nonexistent/case.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/case.json"));
}

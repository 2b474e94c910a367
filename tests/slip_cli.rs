//! `returndesk slip CASE.json`: the return slip of an evaluated case, read back as text and as a
//! barcode, in Bulgarian and Greek, on the roll and on A4.

use std::path::Path;
use std::process::Command;

fn returndesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_returndesk")).args(args).output().unwrap()
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext ({e}): apt-get install -y poppler-utils"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn barcodes(pdf: &Path, dir: &Path) -> String {
    let prefix = dir.join("page");
    let ok = Command::new("pdftoppm").args(["-r", "300", "-png", pdf.to_str().unwrap(), prefix.to_str().unwrap()]).status().unwrap();
    assert!(ok.success());
    let mut found = String::new();
    for page in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "png")) {
        let out = Command::new("zbarimg")
            .args(["--quiet", "--raw", page.to_str().unwrap()])
            .output()
            .unwrap_or_else(|e| panic!("cannot run zbarimg ({e}): apt-get install -y zbar-tools"));
        found.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    found
}

fn case(name: &str) -> String {
    format!("{}/tests/conformance/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_leva_return_slip_in_bulgarian_shows_both_currencies_and_scans() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("slip.pdf");
    let out = returndesk(&["slip", &case("019-leva-receipt-refunded-in-euro.json"), "--lang", "bg", "--layout", "80mm", "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdftotext(&pdf);
    for words in ["ДОКУМЕНТ ЗА ВРЪЩАНЕ", "S02-000077-R", "67,49 лв.", "34,51 €", "1,95583", "Hand mixer", "10.01.2026 г."] {
        assert!(text.contains(words), "the slip should say {words:?}:\n{text}");
    }
    assert!(barcodes(&pdf, dir.path()).contains("S02-000077-R"));
}

#[test]
fn a_partly_denied_return_on_a4_in_greek_pays_nothing_for_the_denied_line() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("slip.pdf");
    let out = returndesk(&["slip", &case("013-partial-one-line-denied.json"), "--lang", "el", "--layout", "a4", "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdftotext(&pdf);
    assert!(text.contains("ΔΕΛΤΙΟ ΕΠΙΣΤΡΟΦΗΣ"), "{text}");
    assert!(text.contains("17,65 €"));
    let shaver = text.lines().find(|l| l.contains("Electric shaver")).expect("the denied line is listed");
    assert!(!shaver.contains("0,00 €") && shaver.contains('—'), "the denied line pays nothing, and says so with a dash: {shaver}");
    assert!(shaver.contains("78,33 €"), "its price is still shown: {shaver}");
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("slip.pdf");
    let out = returndesk(&["slip", &case("001-change-of-mind-within-window.json"), "--lang", "de", "--out", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lang"));
    let out = returndesk(&["slip", &case("904-zero-quantity.json"), "--out", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("request.lines[0].qty"));
    assert!(!pdf.exists(), "nothing is written for an invalid case");
}

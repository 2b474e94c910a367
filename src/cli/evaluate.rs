//! `returndesk evaluate CASE.json|-`

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use super::INVALID;

pub fn read_input(path: &Path) -> Result<String, String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }
}

pub fn run(case: &Path, compact: bool) -> ExitCode {
    let text = match read_input(case) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("returndesk: {e}");
            return ExitCode::from(INVALID);
        }
    };
    match crate::contract::evaluate_text(&text) {
        Ok(decision) => {
            let json = crate::contract::decision_to_json(&decision);
            let out = if compact {
                serde_json::to_string(&json)
            } else {
                serde_json::to_string_pretty(&json)
            };
            println!("{}", out.expect("json prints"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("returndesk: invalid case: {e}");
            ExitCode::from(INVALID)
        }
    }
}

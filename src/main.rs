//! `returndesk`: the command line door onto the Return Desk engine.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "returndesk",
    version,
    about = "Return Desk: the returns, warranty and refund counter of a shop",
    long_about = "Return Desk decides returns line by line against the store's product rules and \
                  the law of its jurisdiction (EU, BG, GR, RU), computes the refund to the cent \
                  and how it is paid back."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide a return case and print the decision as JSON.
    ///
    /// CASE is a JSON file in the evaluation contract's format (`{now, store, policy, receipt,
    /// history, request}`), or `-` for standard input; a conformance file
    /// (`{"case": …, "expected": …}`) is read too. Exit status 0 for any decision (a denial is
    /// a decision), 2 with a one-line message naming the field or line for an invalid case.
    Evaluate {
        /// Path of the case file, or `-` for standard input.
        case: PathBuf,
        /// Print the decision on one line instead of indented.
        #[arg(long)]
        compact: bool,
    },
}

/// Exit status for an invalid case or unreadable input.
const INVALID: u8 = 2;

fn read_input(path: &PathBuf) -> Result<String, String> {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Evaluate { case, compact } => {
            let text = match read_input(&case) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("returndesk: {e}");
                    return ExitCode::from(INVALID);
                }
            };
            match returndesk::contract::evaluate_text(&text) {
                Ok(decision) => {
                    let json = returndesk::contract::decision_to_json(&decision);
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
    }
}

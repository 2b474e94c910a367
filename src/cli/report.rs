//! `returndesk report …` (issue 13): the end of day of a store's day (or one desk's) as PDF,
//! CSV or JSON, and a store's returns between two days as CSV, one row per return. The days are
//! the store's own (its time zone). Bad input exits 2 with a message naming the flag.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{database_location, FAILED, INVALID};
use crate::service::end_of_day::{end_of_day_csv, end_of_day_json, returns_csv};
use crate::service::{Desk, DeskError};
use crate::slip::{Lang, Layout};

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// The end of day of a store (or one of its desks) from the day's records.
    EndOfDay {
        /// The store's code, e.g. S01.
        #[arg(long)]
        store: String,
        /// The store-local day, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// One desk's code (default: the whole store, with a section per desk).
        #[arg(long)]
        desk: Option<String>,
        /// pdf, csv or json.
        #[arg(long)]
        format: String,
        /// en, bg, ru or el (the PDF's; default: the store's language).
        #[arg(long)]
        lang: Option<String>,
        /// roll (80 mm) or a4 (the PDF's; default roll).
        #[arg(long, default_value = "roll")]
        layout: String,
        /// Where to write it (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Database: a SQLite file or postgres://… (default: DATABASE_URL, else the data folder).
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
    /// A store's completed returns from one day to another (inclusive), one row per return.
    Returns {
        #[arg(long)]
        store: String,
        /// The first store-local day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// The last store-local day, YYYY-MM-DD.
        #[arg(long)]
        to: String,
        /// csv.
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Pdf,
    Csv,
    Json,
}

fn bad(message: String) -> ExitCode {
    eprintln!("returndesk: {message}");
    ExitCode::from(INVALID)
}

fn failed(message: String) -> ExitCode {
    eprintln!("returndesk: {message}");
    ExitCode::from(FAILED)
}

fn day(flag: &str, text: &str) -> Result<NaiveDate, ExitCode> {
    text.trim().parse::<NaiveDate>().map_err(|_| bad(format!("--{flag}: \"{text}\" is not a date like 2026-10-11")))
}

fn layout(text: &str) -> Result<Layout, ExitCode> {
    match text.trim().to_ascii_lowercase().as_str() {
        "roll" | "80mm" | "80" => Ok(Layout::Roll80mm),
        "a4" => Ok(Layout::A4),
        _ => Err(bad(format!("--layout: \"{text}\" is not roll or a4"))),
    }
}

/// The desk's answer to a refusal: a bad argument exits 2 naming its flag.
fn refused(e: DeskError) -> ExitCode {
    match e {
        DeskError::BadInput { field, message } => bad(format!("--{field}: {message}")),
        e => failed(e.to_string()),
    }
}

fn write(out: Option<&PathBuf>, bytes: &[u8]) -> ExitCode {
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, bytes) {
                return bad(format!("--out: cannot write {}: {e}", path.display()));
            }
            eprintln!("{} ({} bytes)", path.display(), bytes.len());
        }
        None => {
            use std::io::Write;
            if let Err(e) = std::io::stdout().write_all(bytes) {
                return failed(format!("cannot write to standard output: {e}"));
            }
        }
    }
    ExitCode::SUCCESS
}

async fn open_desk(db: Option<&str>) -> Result<Desk, ExitCode> {
    let location = database_location(db);
    let db = crate::store::open(&location).await.map_err(|e| failed(format!("cannot open the database at {location}: {e}")))?;
    // RETURNDESK_NOW is read in the store's zone, as `serve` reads it (the printed time).
    Desk::new(db).in_stores_zone().await.map_err(|e| bad(e.to_string()))
}

pub fn run(args: ReportArgs) -> ExitCode {
    match args.command {
        ReportCommand::EndOfDay { store, date, desk, format, lang, layout: paper, out, db } => {
            let date = match day("date", &date) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let format = match format.trim().to_ascii_lowercase().as_str() {
                "pdf" => Format::Pdf,
                "csv" => Format::Csv,
                "json" => Format::Json,
                _ => return bad(format!("--format: \"{format}\" is not pdf, csv or json")),
            };
            let lang = match lang.as_deref().map(Lang::parse).transpose() {
                Ok(l) => l,
                Err(e) => return bad(format!("--lang: {e}")),
            };
            let paper = match layout(&paper) {
                Ok(l) => l,
                Err(code) => return code,
            };
            super::import::runtime().block_on(async move {
                let desk_service = match open_desk(db.as_deref()).await {
                    Ok(d) => d,
                    Err(code) => return code,
                };
                let wanted = desk.as_deref().map(str::trim).filter(|d| !d.is_empty());
                let eod = match desk_service.end_of_day_of(store.trim(), date, wanted).await {
                    Ok(d) => d,
                    Err(e) => return refused(e),
                };
                let bytes = match format {
                    Format::Pdf => match desk_service.end_of_day_pdf(&eod, lang, paper).await {
                        Ok(pdf) => pdf,
                        Err(e) => return failed(e.to_string()),
                    },
                    Format::Csv => end_of_day_csv(&eod),
                    Format::Json => {
                        let mut text = serde_json::to_vec_pretty(&end_of_day_json(&eod)).expect("JSON of plain data");
                        text.push(b'\n');
                        text
                    }
                };
                write(out.as_ref(), &bytes)
            })
        }
        ReportCommand::Returns { store, from, to, format, out, db } => {
            let (first, last) = match (day("from", &from), day("to", &to)) {
                (Ok(f), Ok(t)) => (f, t),
                (Err(code), _) | (_, Err(code)) => return code,
            };
            if first > last {
                return bad(format!("--from: {first} is after --to {last}"));
            }
            if !format.trim().eq_ignore_ascii_case("csv") {
                return bad(format!("--format: \"{format}\" is not csv"));
            }
            super::import::runtime().block_on(async move {
                let desk = match open_desk(db.as_deref()).await {
                    Ok(d) => d,
                    Err(code) => return code,
                };
                match desk.returns_between(store.trim(), first, last).await {
                    Ok(rows) => write(out.as_ref(), &returns_csv(&rows)),
                    Err(e) => refused(e),
                }
            })
        }
    }
}

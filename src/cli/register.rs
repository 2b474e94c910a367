//! `returndesk register export`: a store's complaint register of one year, as CSV or PDF, for
//! an inspector. Bad input exits 2 with a message naming the flag.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{database_location, FAILED, INVALID};
use crate::service::register::RegisterFormat;
use crate::service::{Desk, DeskError};
use crate::slip::Lang;

#[derive(Args, Debug)]
pub struct RegisterArgs {
    #[command(subcommand)]
    pub command: RegisterCommand,
}

#[derive(Subcommand, Debug)]
pub enum RegisterCommand {
    /// Write the complaint register of a store and year to FILE.
    Export {
        /// The store's code, e.g. S01.
        #[arg(long)]
        store: String,
        /// The year the claims were registered in, e.g. 2026.
        #[arg(long)]
        year: String,
        /// csv (UTF-8 with BOM, for a spreadsheet) or pdf (A4 landscape).
        #[arg(long)]
        format: String,
        /// Where to write the file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// en, bg, ru or el (default: the store's language).
        #[arg(long)]
        lang: Option<String>,
        /// Database: a SQLite file or postgres://… (default: DATABASE_URL, else the data folder).
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
}

fn bad(message: String) -> ExitCode {
    eprintln!("returndesk: {message}");
    ExitCode::from(INVALID)
}

fn failed(message: String) -> ExitCode {
    eprintln!("returndesk: {message}");
    ExitCode::from(FAILED)
}

pub fn run(args: RegisterArgs) -> ExitCode {
    let RegisterCommand::Export { store, year, format, out, lang, db } = args.command;
    let Ok(year) = year.trim().parse::<i32>() else {
        return bad(format!("--year: \"{year}\" is not a year like 2026"));
    };
    let format = match RegisterFormat::parse(&format) {
        Ok(f) => f,
        Err(_) => return bad(format!("--format: \"{format}\" is not csv or pdf")),
    };
    let lang = match lang.as_deref().map(Lang::parse).transpose() {
        Ok(l) => l,
        Err(e) => return bad(format!("--lang: {e}")),
    };
    super::import::runtime().block_on(async move {
        let location = database_location(db.as_deref());
        let db = match crate::store::open(&location).await {
            Ok(db) => db,
            Err(e) => return failed(format!("cannot open the database at {location}: {e}")),
        };
        let file = match Desk::new(db).register_file(store.trim(), year, format, lang).await {
            Ok(file) => file,
            Err(DeskError::BadInput { field, message }) => return bad(format!("--{field}: {message}")),
            Err(e) => return failed(e.to_string()),
        };
        if let Err(e) = std::fs::write(&out, &file.bytes) {
            return bad(format!("--out: cannot write {}: {e}", out.display()));
        }
        println!("{} ({} bytes)", out.display(), file.bytes.len());
        ExitCode::SUCCESS
    })
}

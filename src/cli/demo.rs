//! `returndesk demo-data --receipts N`: a realistic demo store in the database.

use std::process::ExitCode;

use clap::Args;

use super::{database_location, FAILED};
use crate::demo::{seed_demo_with, DemoOptions};

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// How many receipts to generate (over the two years before today).
    #[arg(long, value_name = "N")]
    pub receipts: usize,
    /// Database: a SQLite file or postgres://… (default: DATABASE_URL, else the data folder).
    #[arg(long, value_name = "LOCATION")]
    pub db: Option<String>,
    /// The same seed (on the same day) gives the same data.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Returns to confirm through the desk, spread over the receipts (default: one receipt in a
    /// hundred, at most 2,000). A realistic counter returns 5-10 % of its receipts: the reports
    /// benchmark uses this to measure on a busy history.
    #[arg(long, value_name = "N")]
    pub returns: Option<usize>,
}

pub fn run(args: DemoArgs) -> ExitCode {
    let location = database_location(args.db.as_deref());
    super::import::runtime().block_on(async move {
        let db = match crate::store::open(&location).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!("returndesk: {location}: {e}");
                return ExitCode::from(FAILED);
            }
        };
        let mut options = DemoOptions::new(args.receipts, args.seed);
        options.returns = args.returns;
        // Issue 15: progress on standard error.
        options.progress = crate::progress::Progress::new("demo-data", "receipts", Some(args.receipts as u64));
        match seed_demo_with(&db, &options).await {
            Ok(s) => {
                super::import::refresh_statistics(&location).await;
                println!(
                    "demo data in {location}: {} stores, {} products, {} users, {} desks; receipts: {} generated, {} inserted, {} already there, {} conflicts; {} lines; {} returns confirmed; {:.1} s (writing receipts {:.1} s)",
                    s.stores,
                    s.products,
                    s.users,
                    s.terminals,
                    s.receipts,
                    s.receipts_inserted,
                    s.receipts_skipped,
                    s.receipt_conflicts,
                    s.lines,
                    s.returns_confirmed,
                    s.total_time.as_secs_f64(),
                    s.import_time.as_secs_f64()
                );
                if let Some(n) = &s.sample_number {
                    println!("try: a return for receipt {n} (clerk maria, PIN 1234; manager georgi, PIN 9999)");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("returndesk: demo data: {e}");
                ExitCode::from(FAILED)
            }
        }
    })
}

//! `returndesk repairs list`: a store's paid repair orders (issue 11), open ones first, newest
//! first, optionally those answering a search (an order number, a phone or e-mail, a serial).
//! Bad input exits 2 with a message naming the flag.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{database_location, FAILED, INVALID};
use crate::domain::repair::RepairStage;
use crate::service::{Desk, DeskError};

#[derive(Args, Debug)]
pub struct RepairsArgs {
    #[command(subcommand)]
    pub command: RepairsCommand,
}

#[derive(Subcommand, Debug)]
pub enum RepairsCommand {
    /// List a store's paid repair orders, one a line.
    List {
        /// The store's code, e.g. S01.
        #[arg(long)]
        store: String,
        /// An order number, the customer's phone or e-mail, or the item's serial.
        #[arg(long)]
        q: Option<String>,
        /// Only orders in this stage (received, estimate_accepted, …, closed).
        #[arg(long)]
        stage: Option<String>,
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

pub fn run(args: RepairsArgs) -> ExitCode {
    let RepairsCommand::List { store, q, stage, db } = args.command;
    let stage = match stage.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match RepairStage::parse(s) {
            Some(stage) => Some(stage),
            None => return bad(format!("--stage: \"{s}\" is not a repair order stage")),
        },
    };
    super::import::runtime().block_on(async move {
        let location = database_location(db.as_deref());
        let db = match crate::store::open(&location).await {
            Ok(db) => db,
            Err(e) => return failed(format!("cannot open the database at {location}: {e}")),
        };
        match db.store(store.trim()).await {
            Ok(Some(_)) => {}
            Ok(None) => return bad(format!("--store: no store {}", store.trim())),
            Err(e) => return failed(e.to_string()),
        }
        let orders = match Desk::new(db).store_repair_orders(store.trim(), stage, q.as_deref()).await {
            Ok(orders) => orders,
            Err(DeskError::BadInput { field, message }) => return bad(format!("--{field}: {message}")),
            Err(e) => return failed(e.to_string()),
        };
        for d in &orders {
            let o = &d.record;
            let paid = o.price_paid.map(|p| format!("paid {p} {}", o.currency)).unwrap_or_default();
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}\testimate {} {}\t{paid}",
                o.number(),
                o.stage,
                o.opened_at.date_naive(),
                o.customer_name,
                o.customer_contact,
                o.product,
                o.estimate,
                o.currency
            );
        }
        eprintln!("{} repair order(s)", orders.len());
        ExitCode::SUCCESS
    })
}

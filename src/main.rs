//! `returndesk`: the command line door onto the Return Desk engine.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use returndesk::cli;

#[derive(Parser)]
#[command(
    name = "returndesk",
    version,
    about = "Return Desk: the returns, warranty and refund counter of a shop",
    long_about = "Return Desk decides returns line by line against the store's product rules and \
                  the law of its jurisdiction (EU, BG, GR, RU), computes the refund to the cent \
                  and how it is paid back, and records it in the store's database.\n\n\
                  The database is a SQLite file in your data folder unless --db or DATABASE_URL \
                  (postgres://… for a chain of stores) says otherwise."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Debug detail in the log, on stderr too (the log file is logs/returndesk.log.DATE in the
    /// data folder; RUST_LOG overrides the level).
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
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
    /// Import receipts, products, a policy version or a store profile from files.
    Import(cli::import::ImportArgs),
    /// Fill the database with a realistic demo store (three shops, ~300 products, N receipts
    /// over the last two years, users maria/1234, georgi/9999 and the administrator
    /// elena/4826, some returns).
    DemoData(cli::demo::DemoArgs),
    /// Measure the store (build with --release): import rate and lookup latency.
    Bench(cli::bench::BenchArgs),
    /// Render the return slip of a case (PDF) in a language and layout, optionally printing it.
    Slip(cli::slip::SlipArgs),
    /// Back up the desk's SQLite database to FILE (a consistent copy, safe while serving).
    Backup(cli::backup::BackupArgs),
    /// Check the tamper-evident audit trail (`audit verify`).
    Audit(cli::audit::AuditArgs),
    /// Set up the first store, its starting policy and its first administrator on an empty
    /// database (the same as the desk's Setup screen). The PIN may come from
    /// RETURNDESK_ADMIN_PIN instead of --admin-pin. Exit 2 naming the flag on bad input.
    Setup(cli::people::SetupArgs),
    /// Add, list and change users: their roles, PINs, limits and standing (audited as the
    /// command line's).
    Users(cli::people::UsersArgs),
    /// The complaint register: `register export --store S01 --year 2026 --format csv|pdf --out FILE
    /// [--lang bg]` writes a store's register of a year for an inspector. Exit 2 naming the flag
    /// on bad input.
    Register(cli::register::RegisterArgs),
    /// Reports (issue 13): `report end-of-day --store S01 --date YYYY-MM-DD [--desk D] --format
    /// pdf|csv|json [--lang bg] [--layout roll|a4] [--out FILE]` and `report returns --store S01
    /// --from D --to D --format csv [--out FILE]`. Exit 2 naming the flag on bad input.
    Report(cli::report::ReportArgs),
    /// Paid repair orders (issue 11): `repairs list --store S01 [--q TEXT] [--stage STAGE]` lists
    /// a store's orders, open ones first, newest first. Exit 2 naming the flag on bad input.
    Repairs(cli::repairs::RepairsArgs),
    /// Serve the desk (API and web UI) on 127.0.0.1; an empty database waits for its setup
    /// (demo data only with --demo, on its own database).
    Serve(cli::serve::ServeArgs),
    /// Write the sample documents as PDFs into DIR (for scripts/render-slips.sh).
    #[command(hide = true)]
    SlipSamples { dir: PathBuf },
    /// Confirm returns in a loop until killed (for crash testing).
    #[command(hide = true)]
    SoakConfirm {
        #[arg(long)]
        db: String,
        /// Receipt numbers are PREFIX0 … PREFIX(N-1).
        #[arg(long)]
        prefix: String,
        #[arg(long)]
        receipts: usize,
        #[arg(long)]
        clerk: String,
        /// Store-local time the returns are judged at.
        #[arg(long)]
        now: chrono::NaiveDateTime,
        /// Through the approval queue: each return (a line above the manager limit) is queued,
        /// decided by this manager and completed.
        #[arg(long)]
        through_queue: Option<String>,
    },
}

fn main() -> ExitCode {
    // Logs: the day's file in the data folder, warnings (or with --verbose all) on stderr, one
    // line per command with its duration. Standard output stays the command's own.
    let cli = Cli::parse();
    let _logs = returndesk::logs::init(cli.verbose);
    let (name, started) = (command_name(&cli.command), std::time::Instant::now());
    tracing::debug!(command = name, version = env!("CARGO_PKG_VERSION"), "command line command started");
    let status = run(cli.command);
    returndesk::logs::command_line_done(name, started, status == ExitCode::SUCCESS);
    status
}

/// A command's name for the log (never its arguments: a PIN may be one).
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Evaluate { .. } => "evaluate",
        Command::Import(_) => "import",
        Command::DemoData(_) => "demo-data",
        Command::Bench(_) => "bench",
        Command::Serve(_) => "serve",
        Command::Setup(_) => "setup",
        Command::Users(_) => "users",
        Command::Register(_) => "register",
        Command::Report(_) => "report",
        Command::Repairs(_) => "repairs",
        Command::Backup(_) => "backup",
        Command::Audit(_) => "audit",
        Command::Slip(_) => "slip",
        Command::SlipSamples { .. } => "slip-samples",
        Command::SoakConfirm { .. } => "soak-confirm",
    }
}

fn run(command: Command) -> ExitCode {
    match command {
        Command::Evaluate { case, compact } => cli::evaluate::run(&case, compact),
        Command::Import(args) => cli::import::run(args),
        Command::DemoData(args) => cli::demo::run(args),
        Command::Bench(args) => cli::bench::run(args),
        Command::Serve(args) => cli::serve::run(args),
        Command::Setup(args) => cli::people::setup(args),
        Command::Users(args) => cli::people::users(args),
        Command::Register(args) => cli::register::run(args),
        Command::Report(args) => cli::report::run(args),
        Command::Repairs(args) => cli::repairs::run(args),
        Command::Backup(args) => cli::backup::run(args),
        Command::Audit(args) => cli::audit::run(args),
        Command::Slip(args) => cli::slip::run(args),
        Command::SlipSamples { dir } => cli::slip_samples::run(dir),
        Command::SoakConfirm { db, prefix, receipts, clerk, now, through_queue: None } => {
            cli::soak::run(&db, &prefix, receipts, &clerk, now)
        }
        Command::SoakConfirm { db, prefix, receipts, clerk, now, through_queue: Some(manager) } => {
            cli::soak::run_through_queue(&db, &prefix, receipts, &clerk, &manager, now)
        }
    }
}

//! `returndesk backup FILE`: a consistent copy of the desk's SQLite database while it runs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{database_location, FAILED, INVALID};

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist yet).
    pub file: PathBuf,
    /// Database to back up (default: DATABASE_URL, else the data folder's SQLite file).
    #[arg(long)]
    pub db: Option<String>,
}

pub fn run(args: BackupArgs) -> ExitCode {
    if args.file.exists() {
        eprintln!("returndesk: {} exists: a backup never overwrites a file", args.file.display());
        return ExitCode::from(INVALID);
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let location = database_location(args.db.as_deref());
        let result = async {
            let db = crate::store::open(&location).await?;
            db.backup(&args.file).await?;
            db.ledger_counts().await
        }
        .await;
        match result {
            Ok(counts) => {
                println!(
                    "backed up {location} to {} ({} receipts, {} returns)",
                    args.file.display(),
                    counts.receipts,
                    counts.returns
                );
                println!("to restore: stop the desk, put the copy in place of the database file, start the desk");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("returndesk: backup of {location} failed: {e}");
                ExitCode::from(FAILED)
            }
        }
    })
}

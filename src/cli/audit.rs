//! `returndesk audit verify`: walks the audit trail and the returns it covers, and names the
//! first entry or record that was changed, removed, inserted or reordered.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{database_location, FAILED, INVALID};

#[derive(Args, Debug)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the audit trail's hash chain and every return against what its entries recorded.
    ///
    /// Prints "audit trail intact: N entries" and the chain's head (write it down or export it:
    /// it anchors the trail, see docs/security.md) and exits 0; or names the first broken entry
    /// or record and exits 1.
    Verify {
        /// Database to check (default: DATABASE_URL, else the data folder's SQLite file).
        #[arg(long)]
        db: Option<String>,
        /// A head written down earlier, SEQ:HASH: the entry at SEQ must still have HASH.
        #[arg(long, value_name = "SEQ:HASH")]
        anchor: Option<String>,
    },
}

pub fn run(args: AuditArgs) -> ExitCode {
    match args.command {
        AuditCommand::Verify { db, anchor } => verify(db.as_deref(), anchor.as_deref()),
    }
}

fn verify(db: Option<&str>, anchor: Option<&str>) -> ExitCode {
    let anchor = match anchor.map(parse_anchor).transpose() {
        Ok(a) => a,
        Err(message) => {
            eprintln!("returndesk: --anchor: {message}");
            return ExitCode::from(INVALID);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let location = database_location(db);
        let result = async {
            let db = crate::store::open(&location).await?;
            let report = db.verify_audit().await?;
            let anchored = match &anchor {
                Some((seq, _)) => Some(db.audit_hash(*seq).await?),
                None => None,
            };
            Ok::<_, crate::store::StoreError>((report, anchored))
        }
        .await;
        match result {
            Ok((report, anchored)) => {
                if let Some(broken) = &report.broken {
                    println!("audit trail broken: {broken}");
                    return ExitCode::from(FAILED);
                }
                if let (Some((seq, hash)), Some(found)) = (&anchor, anchored) {
                    if found.as_deref() != Some(hash.as_str()) {
                        println!("audit trail rewritten: entry #{seq} no longer has the anchored hash {hash}");
                        return ExitCode::from(FAILED);
                    }
                }
                println!("audit trail intact: {} entries", report.entries);
                println!("head: #{} {}", report.head_seq, report.head_hash);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("returndesk: cannot check the audit trail of {location}: {e}");
                ExitCode::from(FAILED)
            }
        }
    })
}

/// `SEQ:HASH`, as `audit verify` prints the head.
fn parse_anchor(text: &str) -> Result<(i64, String), String> {
    let (seq, hash) = text.trim().trim_start_matches('#').split_once([':', ' ']).ok_or("expected SEQ:HASH")?;
    let seq = seq.parse().map_err(|_| format!("\"{seq}\" is not an entry number"))?;
    let hash = hash.trim().to_ascii_lowercase();
    if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err("the hash is 64 hexadecimal digits".into());
    }
    Ok((seq, hash))
}

//! The `returndesk` command line: one module per command, each a thin door onto the engine,
//! the store or the service layer.

pub mod audit;
pub mod backup;
pub mod evaluate;
pub mod import;
pub mod people;
pub mod register;
pub mod repairs;
pub mod demo;
pub mod bench;
pub mod serve;
pub mod slip;
pub mod slip_samples;
pub mod soak;
// ---- Issue 15: chain ----
pub mod bench_chain;
// ---- Issue 13: eod ----
pub mod report;
// ---- Issue 13: reports ----
pub mod bench_reports;


pub use crate::service::startup::{database_location, default_sqlite_path};

/// Exit status for an invalid case, bad input or unreadable files.
pub const INVALID: u8 = 2;
/// Exit status when the store or the system fails.
pub const FAILED: u8 = 1;

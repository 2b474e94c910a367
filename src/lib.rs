//! Return Desk engine.
//!
//! - [`domain`]: the pure rules of a return — money, calendar periods, jurisdictions, product
//!   rules, the per-line decision, the refund and its tender split. No IO.
//! - [`contract`]: the evaluation contract's JSON case format (`../shared/spec/evaluate.md`):
//!   parsing a case into domain types with messages that name the offending field, and the
//!   decision document. Every door (CLI, HTTP, desktop) goes through it.

pub mod contract;
pub mod domain;
pub mod slip;
pub mod store;
pub mod cli;
pub mod service;
pub mod import;
pub mod demo;
pub mod api;
pub mod http;
// ---- Issue 15: chain ----
pub mod progress;
pub mod logs;

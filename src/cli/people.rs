//! `returndesk setup` (the first run from the command line), `returndesk users …` and
//! `returndesk import users FILE`: the same rules as the desk's Setup and Users screens (the
//! service layer checks them), recorded in the audit trail with no user — the command line.
//! Bad input exits 2 with a message naming the flag (or the file's line and field).

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{database_location, FAILED, INVALID};
use crate::domain::Money;
use crate::service::people::{FirstRun, Steward, UserEdit, UserToAdd};
use crate::service::{Desk, DeskError};
use crate::store::{Role, UserAccount};

/// `returndesk setup`: the flags of the first run.
#[derive(Args, Debug)]
pub struct SetupArgs {
    /// The store's code, e.g. S01 (letters, digits, dashes; 1–16).
    #[arg(long)]
    pub code: String,
    #[arg(long)]
    pub name: String,
    #[arg(long, default_value = "")]
    pub address: String,
    #[arg(long, default_value = "")]
    pub vat_id: String,
    #[arg(long, default_value = "")]
    pub company_id: String,
    /// EU, BG, GR or RU.
    #[arg(long)]
    pub jurisdiction: String,
    /// BG: EUR or BGN; GR and EU: EUR; RU: RUB.
    #[arg(long)]
    pub currency: String,
    /// IANA time zone, e.g. Europe/Sofia.
    #[arg(long)]
    pub time_zone: String,
    /// en, bg, ru or el.
    #[arg(long, default_value = "en")]
    pub language: String,
    /// The starting policy: standard or law-minimum (or its full id, e.g. bg-standard).
    #[arg(long, default_value = "standard")]
    pub policy: String,
    #[arg(long)]
    pub admin_login: String,
    #[arg(long)]
    pub admin_name: String,
    /// The administrator's PIN (4–8 digits); else from RETURNDESK_ADMIN_PIN.
    #[arg(long)]
    pub admin_pin: Option<String>,
    /// A desk to register in the new store, e.g. DESK-1.
    #[arg(long)]
    pub terminal: Option<String>,
    /// Database: a SQLite file or postgres://… (default: DATABASE_URL, else the data folder).
    #[arg(long, value_name = "LOCATION")]
    pub db: Option<String>,
}

#[derive(Args, Debug)]
pub struct UsersArgs {
    #[command(subcommand)]
    pub command: UsersCommand,
}

#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// Add a user who works in the stores given by --store (one or more).
    Add {
        #[arg(long = "store", value_name = "CODE", required = true)]
        stores: Vec<String>,
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// clerk, manager or administrator.
        #[arg(long)]
        role: String,
        /// 4–8 digits, not one digit repeated nor a run; else from RETURNDESK_PIN.
        #[arg(long)]
        pin: Option<String>,
        /// The refund this user pays without a manager, e.g. 200.00.
        #[arg(long)]
        refund_limit: Option<String>,
        /// The refund or override this user may approve, e.g. 1000.00.
        #[arg(long)]
        approval_limit: Option<String>,
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
    /// List the users (of one store with --store).
    List {
        #[arg(long = "store", value_name = "CODE")]
        store: Option<String>,
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
    /// Change a user's role.
    SetRole {
        #[arg(long)]
        login: String,
        /// clerk, manager or administrator.
        #[arg(long)]
        role: String,
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
    /// Set a user's new PIN (their sessions end).
    SetPin {
        #[arg(long)]
        login: String,
        /// 4–8 digits, not one digit repeated nor a run; else from RETURNDESK_PIN.
        #[arg(long)]
        pin: Option<String>,
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
    /// Set a user's refund and approval limits ("none": no limit of their own).
    SetLimits {
        #[arg(long)]
        login: String,
        #[arg(long)]
        refund_limit: Option<String>,
        #[arg(long)]
        approval_limit: Option<String>,
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
    /// Deactivate a user (their sessions end; a store keeps an active administrator).
    Deactivate {
        #[arg(long)]
        login: String,
        #[arg(long, value_name = "LOCATION")]
        db: Option<String>,
    },
}

/// Why a command line change failed: bad input (exit 2, naming the flag) or a failure (exit 1).
enum Failure {
    Input(String),
    Failed(String),
}

impl Failure {
    fn report(self) -> ExitCode {
        match self {
            Failure::Input(m) => {
                eprintln!("returndesk: {m}");
                ExitCode::from(INVALID)
            }
            Failure::Failed(m) => {
                eprintln!("returndesk: {m}");
                ExitCode::from(FAILED)
            }
        }
    }
}

/// A service error, its field named as the flag that gave it (`flag_of`).
fn failure(e: DeskError, flag_of: &dyn Fn(&str) -> String) -> Failure {
    match e {
        DeskError::BadInput { field, message } => Failure::Input(format!("{}: {message}", flag_of(field))),
        DeskError::Conflict(m) | DeskError::NotFound(m) | DeskError::Rejected(m) => Failure::Input(m),
        other => Failure::Failed(other.to_string()),
    }
}

fn flag(field: &str) -> String {
    let name = field.rsplit('.').next().unwrap_or(field);
    let name = match field {
        "store.code" => "code",
        "stores" => "store",
        "starting_policy" => "policy",
        f if f.starts_with("administrator.") => return format!("--admin-{name}"),
        _ => name,
    };
    format!("--{}", name.replace('_', "-"))
}

fn parse_role(flag: &str, text: &str) -> Result<Role, Failure> {
    serde_json::from_value(serde_json::json!(text.trim()))
        .map_err(|_| Failure::Input(format!("{flag}: clerk, manager or administrator")))
}

/// A limit: an amount like 200.00, or "none".
fn parse_limit(flag: &str, text: &str) -> Result<Option<Money>, Failure> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Money::parse(text).map(Some).map_err(|e| Failure::Input(format!("{flag}: {e}")))
}

fn pin_from(flag: &str, given: Option<String>, env: &str) -> Result<String, Failure> {
    given
        .or_else(|| std::env::var(env).ok().filter(|p| !p.is_empty()))
        .ok_or_else(|| Failure::Input(format!("{flag}: give the PIN (or set {env})")))
}

async fn desk(db: Option<&str>) -> Result<Desk, Failure> {
    let location = database_location(db);
    let db = crate::store::open(&location).await.map_err(|e| Failure::Failed(format!("cannot open the database at {location}: {e}")))?;
    // RETURNDESK_NOW is a wall time of the store, as for `serve` (not of the machine's zone).
    Desk::new(db).in_stores_zone().await.map_err(|e| Failure::Input(e.to_string()))
}

fn runtime() -> tokio::runtime::Runtime {
    super::import::runtime()
}

/// `returndesk setup`.
pub fn setup(args: SetupArgs) -> ExitCode {
    runtime().block_on(async move {
        let result = async {
            let pin = pin_from("--admin-pin", args.admin_pin, "RETURNDESK_ADMIN_PIN")?;
            let policy = match args.policy.trim() {
                p @ ("standard" | "law-minimum") => format!("{}-{p}", args.jurisdiction.trim().to_ascii_lowercase()),
                p => p.to_string(),
            };
            let run = FirstRun {
                code: args.code,
                name: args.name,
                address: args.address,
                vat_id: args.vat_id,
                company_id: args.company_id,
                jurisdiction: args.jurisdiction,
                currency: args.currency,
                time_zone: args.time_zone,
                language: args.language,
                admin_login: args.admin_login,
                admin_name: args.admin_name,
                admin_pin: pin,
                starting_policy: policy,
                terminal: args.terminal,
            };
            let desk = desk(args.db.as_deref()).await?;
            desk.set_up_store(&run).await.map_err(|e| failure(e, &flag))?;
            println!(
                "store {} set up with the {} policy; administrator {} may sign in",
                run.code.trim(),
                run.starting_policy,
                run.admin_login.trim()
            );
            Ok(ExitCode::SUCCESS)
        }
        .await;
        result.unwrap_or_else(Failure::report)
    })
}

fn print_user(u: &UserAccount) {
    let limit = |m: Option<Money>| m.map_or_else(|| "-".to_string(), |m| m.to_string());
    println!(
        "{}\t{}\t{}\t{}\t{}{}\trefund {}\tapproval {}",
        u.login,
        u.display_name,
        crate::store::code_of(&u.role),
        u.stores.join(","),
        if u.active { "active" } else { "inactive" },
        if u.locked { ", locked" } else { "" },
        limit(u.refund_limit),
        limit(u.approval_limit),
    );
}

fn edit_of(u: &UserAccount) -> UserEdit {
    UserEdit {
        name: u.display_name.clone(),
        role: u.role,
        stores: u.stores.clone(),
        active: u.active,
        refund_limit: u.refund_limit,
        approval_limit: u.approval_limit,
    }
}

/// `returndesk users …`.
pub fn users(args: UsersArgs) -> ExitCode {
    runtime().block_on(async move { users_command(args.command).await.unwrap_or_else(Failure::report) })
}

async fn users_command(command: UsersCommand) -> Result<ExitCode, Failure> {
    let cli = Steward::CommandLine;
    match command {
        UsersCommand::Add { stores, login, name, role, pin, refund_limit, approval_limit, db } => {
            let new = UserToAdd {
                login,
                name,
                role: parse_role("--role", &role)?,
                stores: Some(stores),
                pin: pin_from("--pin", pin, "RETURNDESK_PIN")?,
                refund_limit: refund_limit.map(|l| parse_limit("--refund-limit", &l)).transpose()?.flatten(),
                approval_limit: approval_limit.map(|l| parse_limit("--approval-limit", &l)).transpose()?.flatten(),
            };
            let desk = desk(db.as_deref()).await?;
            let added = desk.add_user(cli, &new).await.map_err(|e| failure(e, &flag))?;
            print_user(&added);
        }
        UsersCommand::List { store, db } => {
            let desk = desk(db.as_deref()).await?;
            let all = desk.all_users(store.as_deref()).await.map_err(|e| failure(e, &flag))?;
            for u in &all {
                print_user(u);
            }
        }
        UsersCommand::SetRole { login, role, db } => {
            let role = parse_role("--role", &role)?;
            let desk = desk(db.as_deref()).await?;
            let user = desk.user_by_login(&login).await.map_err(|e| failure(e, &flag))?;
            let edit = UserEdit { role, ..edit_of(&user) };
            print_user(&desk.update_user(cli, user.id, &edit).await.map_err(|e| failure(e, &flag))?);
        }
        UsersCommand::SetPin { login, pin, db } => {
            let pin = pin_from("--pin", pin, "RETURNDESK_PIN")?;
            let desk = desk(db.as_deref()).await?;
            let user = desk.user_by_login(&login).await.map_err(|e| failure(e, &flag))?;
            print_user(&desk.reset_pin(cli, user.id, &pin).await.map_err(|e| failure(e, &flag))?);
        }
        UsersCommand::SetLimits { login, refund_limit, approval_limit, db } => {
            let desk = desk(db.as_deref()).await?;
            let user = desk.user_by_login(&login).await.map_err(|e| failure(e, &flag))?;
            let mut edit = edit_of(&user);
            if let Some(l) = refund_limit {
                edit.refund_limit = parse_limit("--refund-limit", &l)?;
            }
            if let Some(l) = approval_limit {
                edit.approval_limit = parse_limit("--approval-limit", &l)?;
            }
            print_user(&desk.update_user(cli, user.id, &edit).await.map_err(|e| failure(e, &flag))?);
        }
        UsersCommand::Deactivate { login, db } => {
            let desk = desk(db.as_deref()).await?;
            let user = desk.user_by_login(&login).await.map_err(|e| failure(e, &flag))?;
            let edit = UserEdit { active: false, ..edit_of(&user) };
            print_user(&desk.update_user(cli, user.id, &edit).await.map_err(|e| failure(e, &flag))?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line of a users file.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UserLine {
    login: String,
    name: String,
    role: Role,
    stores: Vec<String>,
    pin: String,
    #[serde(default)]
    refund_limit: Option<Money>,
    #[serde(default)]
    approval_limit: Option<Money>,
}

/// `returndesk import users FILE`: JSON Lines, all or nothing; an error names the line and
/// the field.
pub fn import_users(file: &Path, db: Option<&str>) -> ExitCode {
    runtime().block_on(async move {
        let result = async {
            let text = std::fs::read_to_string(file).map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
            let desk = desk(db).await?;
            let mut accounts = Vec::new();
            let mut logins = std::collections::HashSet::new();
            for (n, line) in text.lines().enumerate() {
                let at = format!("{}:{}", file.display(), n + 1);
                if line.trim().is_empty() {
                    continue;
                }
                let parsed: UserLine = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(line)).map_err(|e| {
                    let path = e.path().to_string();
                    let path = if path == "." { "line".to_string() } else { path };
                    // serde's own position is within the line: the file's line is named already.
                    let why = e.into_inner().to_string();
                    let why = why.split(" at line ").next().unwrap_or(&why).to_string();
                    Failure::Input(format!("{at}: {path}: {why}"))
                })?;
                if !logins.insert(parsed.login.trim().to_string()) {
                    return Err(Failure::Input(format!("{at}: login: {} is on an earlier line", parsed.login.trim())));
                }
                if desk.user_by_login(&parsed.login).await.is_ok() {
                    return Err(Failure::Input(format!("{at}: login: {} is taken", parsed.login.trim())));
                }
                let new = UserToAdd {
                    login: parsed.login,
                    name: parsed.name,
                    role: parsed.role,
                    stores: Some(parsed.stores),
                    pin: parsed.pin,
                    refund_limit: parsed.refund_limit,
                    approval_limit: parsed.approval_limit,
                };
                let account = desk.user_to_add(Steward::CommandLine, &new).await.map_err(|e| match e {
                    DeskError::BadInput { field, message } => Failure::Input(format!("{at}: {field}: {message}")),
                    other => failure(other, &flag),
                })?;
                accounts.push(account);
            }
            let ids = desk.add_users(Steward::CommandLine, &accounts).await.map_err(|e| failure(e, &flag))?;
            println!("{}: {} users added", file.display(), ids.len());
            Ok(ExitCode::SUCCESS)
        }
        .await;
        result.unwrap_or_else(Failure::report)
    })
}

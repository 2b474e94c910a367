//! The one place where the two backends differ in how a statement runs. Every query of the
//! store is written once (`$n` placeholders, which SQLite and PostgreSQL both accept) against
//! [`Link`]; this module binds its arguments and decodes its rows for the backend at hand:
//!
//! - the write lock: SQLite takes the database's write lock up front (`BEGIN IMMEDIATE`),
//!   PostgreSQL locks the rows it decides on ([`Tx::lock_receipt`]);
//! - money: SQLite keeps INTEGER cents (and VAT rates in hundredths of a percent), PostgreSQL
//!   NUMERIC — [`Money`] and [`Percent`] bind and decode as either;
//! - enums: one text form, their serde name, on both ([`text_codes!`]).
//!
//! Rows decode with `#[derive(sqlx::FromRow)]`, which works for both backends as long as every
//! field type decodes on both ([`Record`], [`Scalar`]).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::error::BoxDynError;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgRow, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArguments, SqliteRow, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Arguments, Decode, FromRow, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction, Type};

use super::{code_of, StoreError, StoreResult};
use crate::domain::{Money, Percent};

/// A connection pool of either backend.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    pub fn backend(&self) -> &'static str {
        match self {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// A transaction for writes that must not race: on SQLite it holds the write lock from
    /// its first statement, so two desks never read the same state to decide on.
    pub async fn write(&self) -> StoreResult<Tx> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// A read-only transaction that sees one snapshot of the database for all its statements
    /// (SQLite: a deferred transaction, whose first read fixes what it sees in WAL mode;
    /// PostgreSQL: REPEATABLE READ): for checks that read many statements and must not see a
    /// write that lands in between (the audit trail's verification).
    pub async fn snapshot(&self) -> StoreResult<Tx> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?),
        })
    }

    /// A connection for reads.
    pub async fn read(&self) -> StoreResult<Conn> {
        Ok(match self {
            Pool::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }
}

pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn link(&mut self) -> Link<'_> {
        match self {
            Tx::Sqlite(t) => Link::Sqlite(t),
            Tx::Postgres(t) => Link::Postgres(t),
        }
    }

    pub async fn commit(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// Serializes every desk deciding on this receipt until the transaction ends. SQLite's
    /// `BEGIN IMMEDIATE` already holds the whole database; PostgreSQL locks the receipt's line
    /// rows, so a retry with the same key also waits for the first to commit.
    pub async fn lock_receipt(&mut self, receipt_id: i64) -> StoreResult<()> {
        if let Tx::Postgres(t) = self {
            sqlx::query("SELECT line FROM receipt_lines WHERE receipt_id = $1 ORDER BY line FOR UPDATE")
                .bind(receipt_id)
                .fetch_all(&mut **t)
                .await?;
        }
        Ok(())
    }
}

impl Tx {
    /// Issue 15: a receipt written a line at a time is counted into the sales summaries once,
    /// after its last line ([`Tx::count_sales_of`]), not once a line: on PostgreSQL the lines'
    /// statement trigger takes a day and then its month for each statement, so a transaction
    /// writing two lines held one month while it asked for the next day, and could wait in a
    /// circle with an import batch (migration 0034). Call before the lines; SQLite (one writer,
    /// row triggers) counts each line as it comes and needs nothing.
    pub async fn hold_sales_count(&mut self) -> StoreResult<()> {
        if let Tx::Postgres(t) = self {
            sqlx::query("SELECT set_config('returndesk.load_counts_sales', 'on', true)").execute(&mut **t).await?;
        }
        Ok(())
    }

    /// Counts the receipt's lines written since [`Tx::hold_sales_count`] (all its days, then
    /// all its months, each in key order), and lets the trigger count again from here on.
    pub async fn count_sales_of(&mut self, receipt_id: i64) -> StoreResult<()> {
        if let Tx::Postgres(t) = self {
            sqlx::query("SELECT count_sales_of_receipt($1), set_config('returndesk.load_counts_sales', 'off', true)")
                .bind(receipt_id)
                .execute(&mut **t)
                .await?;
        }
        Ok(())
    }
}

pub enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl Conn {
    pub fn link(&mut self) -> Link<'_> {
        match self {
            Conn::Sqlite(c) => Link::Sqlite(c),
            Conn::Postgres(c) => Link::Postgres(c),
        }
    }
}

/// A connection of either backend, inside a transaction or not: what a statement runs on.
pub enum Link<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Link<'_> {
    /// The same link again, for the next statement.
    pub fn again(&mut self) -> Link<'_> {
        match self {
            Link::Sqlite(c) => Link::Sqlite(c),
            Link::Postgres(c) => Link::Postgres(c),
        }
    }
}

/// A value bound to a statement.
#[derive(Clone, Debug)]
pub enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
    Money(Option<Money>),
    Percent(Percent),
    Date(Option<NaiveDate>),
    /// Store-local wall time.
    Local(Option<NaiveDateTime>),
    Instant(Option<DateTime<Utc>>),
    /// Issue 14: a rate that may be absent (a product without a price).
    OptPercent(Option<Percent>),
}

macro_rules! arg_from {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg { Arg::$variant(Some(v.into())) }
        }
        impl From<Option<$t>> for Arg {
            fn from(v: Option<$t>) -> Arg { Arg::$variant(v.map(Into::into)) }
        }
    )*};
}
arg_from!(i64 => Int, u32 => Int, String => Text, Money => Money, NaiveDate => Date, NaiveDateTime => Local, DateTime<Utc> => Instant);

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_string))
    }
}
impl From<&Option<String>> for Arg {
    fn from(v: &Option<String>) -> Arg {
        Arg::Text(v.clone())
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Bool(v)
    }
}
impl From<Percent> for Arg {
    fn from(v: Percent) -> Arg {
        Arg::Percent(v)
    }
}
impl From<Option<Percent>> for Arg {
    fn from(v: Option<Percent>) -> Arg {
        Arg::OptPercent(v)
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Arg {
        Arg::Int(Some(i64::try_from(v).expect("a count fits in i64")))
    }
}

/// VAT rates on SQLite: INTEGER hundredths of a percent (20% → 2000).
pub(crate) fn rate_hundredths(p: Percent) -> i64 {
    (p.value() * Decimal::ONE_HUNDRED).round().to_i64().expect("a percentage fits")
}

fn sqlite_args(args: Vec<Arg>) -> StoreResult<SqliteArguments> {
    let mut out = SqliteArguments::default();
    for a in args {
        let added = match a {
            Arg::Int(v) => out.add(v),
            Arg::Text(v) => out.add(v),
            Arg::Bool(v) => out.add(v),
            Arg::Money(v) => out.add(v.map(Money::cents)),
            Arg::Percent(v) => out.add(rate_hundredths(v)),
            Arg::OptPercent(v) => out.add(v.map(rate_hundredths)),
            Arg::Date(v) => out.add(v),
            Arg::Local(v) => out.add(v),
            Arg::Instant(v) => out.add(v),
        };
        added.map_err(|e| StoreError::Corrupt(format!("cannot bind a value: {e}")))?;
    }
    Ok(out)
}

fn pg_args(args: Vec<Arg>) -> StoreResult<PgArguments> {
    let mut out = PgArguments::default();
    for a in args {
        let added = match a {
            Arg::Int(v) => out.add(v),
            Arg::Text(v) => out.add(v),
            Arg::Bool(v) => out.add(v),
            Arg::Money(v) => out.add(v.map(Money::amount)),
            Arg::Percent(v) => out.add(v.value()),
            Arg::OptPercent(v) => out.add(v.map(Percent::value)),
            Arg::Date(v) => out.add(v),
            Arg::Local(v) => out.add(v),
            Arg::Instant(v) => out.add(v),
        };
        added.map_err(|e| StoreError::Corrupt(format!("cannot bind a value: {e}")))?;
    }
    Ok(out)
}

/// A row type that decodes on both backends (derive `sqlx::FromRow`).
pub trait Record: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Record for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

/// A single column's type that decodes on both backends.
pub trait Scalar:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> + Send + Unpin
{
}
impl<T> Scalar for T where
    T: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> + Send + Unpin
{
}

/// Runs `$run` with the statement's text and arguments for the link's backend.
macro_rules! on_backend {
    ($sql:expr, $link:expr, |$text:ident, $args:ident, $c:ident| $run:expr) => {
        match $link {
            Link::Sqlite($c) => {
                let ($text, $args) = ($sql.text, sqlite_args($sql.args)?);
                $run
            }
            Link::Postgres($c) => {
                let ($text, $args) = ($sql.postgres.unwrap_or($sql.text), pg_args($sql.args)?);
                $run
            }
        }
    };
}

/// One statement, written once for both backends.
#[must_use]
pub struct Sql {
    text: &'static str,
    /// The same statement in PostgreSQL's words, where the dialects differ.
    postgres: Option<&'static str>,
    args: Vec<Arg>,
}

/// A statement in the SQL both backends speak.
pub fn sql(text: &'static str) -> Sql {
    Sql { text, postgres: None, args: Vec::new() }
}

/// A statement whose text differs between the dialects (kept rare: JSON functions).
pub fn sql_dialects(sqlite: &'static str, postgres: &'static str) -> Sql {
    Sql { text: sqlite, postgres: Some(postgres), args: Vec::new() }
}

impl Sql {
    pub fn bind(mut self, value: impl Into<Arg>) -> Sql {
        self.args.push(value.into());
        self
    }

    /// Binds an enum as its one text form, its serde name (`TenderType::GiftCard` → `gift_card`).
    pub fn bind_code<T: Serialize>(self, value: &T) -> Sql {
        let code = code_of(value);
        self.bind(code)
    }

    pub async fn execute(self, link: Link<'_>) -> StoreResult<u64> {
        Ok(on_backend!(self, link, |text, args, c| sqlx::query_with(text, args).execute(c).await?.rows_affected()))
    }

    pub async fn fetch_all<R: Record>(self, link: Link<'_>) -> StoreResult<Vec<R>> {
        Ok(on_backend!(self, link, |text, args, c| sqlx::query_as_with(text, args).fetch_all(c).await?))
    }

    pub async fn fetch_optional<R: Record>(self, link: Link<'_>) -> StoreResult<Option<R>> {
        Ok(on_backend!(self, link, |text, args, c| sqlx::query_as_with(text, args).fetch_optional(c).await?))
    }

    pub async fn fetch_one<R: Record>(self, link: Link<'_>) -> StoreResult<R> {
        Ok(on_backend!(self, link, |text, args, c| sqlx::query_as_with(text, args).fetch_one(c).await?))
    }

    /// The first column of the first row.
    pub async fn scalar<T: Scalar>(self, link: Link<'_>) -> StoreResult<T> {
        Ok(on_backend!(self, link, |text, args, c| sqlx::query_scalar_with(text, args).fetch_one(c).await?))
    }

    /// The first column of the first row, if there is a row.
    pub async fn scalar_optional<T: Scalar>(self, link: Link<'_>) -> StoreResult<Option<T>> {
        Ok(on_backend!(self, link, |text, args, c| sqlx::query_scalar_with(text, args).fetch_optional(c).await?))
    }

    /// The first column of every row.
    pub async fn scalars<T: Scalar>(self, link: Link<'_>) -> StoreResult<Vec<T>> {
        Ok(on_backend!(self, link, |text, args, c| sqlx::query_scalar_with(text, args).fetch_all(c).await?))
    }
}

// Money: INTEGER cents on SQLite, NUMERIC on PostgreSQL.
impl Type<Sqlite> for Money {
    fn type_info() -> SqliteTypeInfo {
        <i64 as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <i64 as Type<Sqlite>>::compatible(ty)
    }
}
impl<'r> Decode<'r, Sqlite> for Money {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Money::from_cents(<i64 as Decode<Sqlite>>::decode(value)?))
    }
}
impl Type<Postgres> for Money {
    fn type_info() -> PgTypeInfo {
        <Decimal as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <Decimal as Type<Postgres>>::compatible(ty)
    }
}
impl<'r> Decode<'r, Postgres> for Money {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Money::round(<Decimal as Decode<Postgres>>::decode(value)?))
    }
}

// VAT rates: INTEGER hundredths of a percent on SQLite, NUMERIC percent on PostgreSQL.
impl Type<Sqlite> for Percent {
    fn type_info() -> SqliteTypeInfo {
        <i64 as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <i64 as Type<Sqlite>>::compatible(ty)
    }
}
impl<'r> Decode<'r, Sqlite> for Percent {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let hundredths = <i64 as Decode<Sqlite>>::decode(value)?;
        Ok(Percent::parse(&Decimal::new(hundredths, 2).to_string())?)
    }
}
impl Type<Postgres> for Percent {
    fn type_info() -> PgTypeInfo {
        <Decimal as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <Decimal as Type<Postgres>>::compatible(ty)
    }
}
impl<'r> Decode<'r, Postgres> for Percent {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        let rate = <Decimal as Decode<Postgres>>::decode(value)?;
        Ok(Percent::parse(&rate.normalize().to_string())?)
    }
}

/// Enums stored as their one text form, their serde name, decode on any backend; bound with
/// [`Sql::bind_code`].
macro_rules! text_codes {
    ($($t:ty),* $(,)?) => {$(
        impl<DB: sqlx::Database> Type<DB> for $t where String: Type<DB> {
            fn type_info() -> DB::TypeInfo {
                <String as Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as Type<DB>>::compatible(ty)
            }
        }
        impl<'r, DB: sqlx::Database> Decode<'r, DB> for $t where String: Decode<'r, DB> {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <String as Decode<'r, DB>>::decode(value)?;
                Ok(super::parse_code(stringify!($t), &text)?)
            }
        }
    )*};
}

text_codes!(
    crate::domain::Channel,
    crate::domain::Currency,
    crate::domain::Jurisdiction,
    crate::domain::TenderType,
    crate::domain::CaseOutcome,
    crate::domain::ReasonCode,
    crate::domain::Resolution,
    crate::domain::ClaimDueBasis,
    super::Role,
    super::ReturnStatus,
    super::ApprovalVerdict,
    super::VoucherStatus,
    super::ClaimStatus,
    super::AuditAction,
    super::queue::QueueState,
    super::queue::DecisionReason,
    crate::domain::claim::ClaimStage,
    crate::domain::claim::ClaimKind,
    crate::domain::claim::RemedyAsked,
    crate::domain::claim::ServiceOutcome,
    crate::domain::repair::RepairStage,
    crate::domain::repair::RepairOutcome,
);

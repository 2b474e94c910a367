//! Issue 13, reports: the records the counter's figures are computed from, read once per report
//! for a store, an instant range (the store's local days turned into UTC by the caller) and an
//! optional desk and clerk. Every statement is written once for both backends and reads by
//! range through an index: returns by `returns_by_store_created`, their lines, refunds and
//! approvals by their return's key, sales from the `sales_by_day` summary (migration 0019),
//! claims by `warranty_claims_by_claimed`. The figures themselves are made in
//! `service::reports`, in Rust, so both backends give the same answer to the cent.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

use super::sql::{sql, sql_dialects, Pool};
use super::StoreResult;
use crate::domain::Money;

/// How a report's handling time is cut over time (the service's grain).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    /// Monday first.
    Week,
    Month,
}

/// What a report reads: one store, `[from, until)` in UTC, optionally one desk and one clerk.
#[derive(Clone, Debug)]
pub struct ReportScope {
    pub store_code: String,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// The store-local days of the range, for what is kept by day (sales, claims).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub terminal_id: Option<i64>,
    pub clerk_id: Option<i64>,
    pub period: Period,
}

/// The returns recorded in one period (of store-local days) with one outcome and resolution.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReturnsOfDay {
    /// The period's first day.
    pub day: NaiveDate,
    pub outcome: String,
    pub resolution: String,
    pub returns: i64,
    /// What their refunds paid out, every tender.
    pub refunded: Money,
    /// Of them, done (confirmed, or declined and voided) without a scan the desk recorded.
    pub unscanned: i64,
}

/// The handling times, scan to done, of the scope's returns of one period, desk and clerk.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HandlingOf {
    /// The period's first day.
    pub day: NaiveDate,
    /// The desk's code (empty: none recorded).
    pub desk: String,
    pub clerk: String,
    /// Whole seconds, comma-separated, in no order.
    pub seconds: String,
}

/// Money paid out to one tender for the period's returns.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TenderOf {
    pub tender: String,
    pub refunds: i64,
    pub amount: Money,
}

/// Managers' decisions on the period's returns, per manager, clerk and kind.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApprovalsOf {
    pub manager: String,
    pub clerk: String,
    /// 1: a line's denial overridden; 0: a case-level approval.
    pub on_line: i64,
    pub decision: String,
    pub decisions: i64,
}

/// The period's returned lines of one SKU (per currency of the receipts) with one reason and
/// condition, and for denied lines one list of reasons. Its name, category and brand are the
/// least the receipts gave it, as the sales side counts a SKU (`sales_by_day`, `sales_by_month`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LinesOf {
    pub sku: String,
    pub currency: String,
    pub name: String,
    pub category: String,
    pub brand: String,
    pub reason: String,
    pub condition: String,
    /// A denied line's reasons (`reasons_json`); empty for every other outcome.
    pub denied_for: String,
    /// Units asked back, whatever the outcome, and on how many lines.
    pub units: i64,
    pub lines: i64,
    /// Units taken back and paid: by the return, or by the refund that settled the warranty
    /// claim the line opened (that takes the units back as a return does, issue 11; the
    /// receipt's history counts them the same way).
    pub returned_units: i64,
    /// Their value: per line, the receipt line's net value pro rata to the cent, summed.
    pub returned_value: Money,
}

/// Sales of a SKU over the range's days (the `sales_by_day` summary).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SalesFact {
    pub sku: String,
    pub currency: String,
    pub category: String,
    pub brand: String,
    pub units: i64,
    pub net_value: Money,
}

/// A warranty claim as the reports count it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClaimFact {
    pub id: i64,
    pub claimed_on: NaiveDate,
    pub claim_due_by: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub stage: String,
    pub remedy_asked: Option<String>,
    pub service_outcome: Option<String>,
}

/// Everything one report is computed from: the return side already grouped by the database
/// (a few hundred rows whatever the number of returns), sales from their daily summary, claims
/// and ratings one by one.
#[derive(Clone, Debug, Default)]
pub struct ReportFacts {
    pub returns: Vec<ReturnsOfDay>,
    pub handling: Vec<HandlingOf>,
    pub tenders: Vec<TenderOf>,
    pub approvals: Vec<ApprovalsOf>,
    pub lines: Vec<LinesOf>,
    pub sales: Vec<SalesFact>,
    pub claims: Vec<ClaimFact>,
    pub ratings: Vec<RatingFact>,
}

/// A customer's rating of a return or claim at the counter (issue 13's feedback), with the desk
/// and the clerk it belongs to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RatingFact {
    pub created_at: DateTime<Utc>,
    pub desk: Option<String>,
    pub clerk: String,
    pub rating: i64,
    pub comment: String,
}

/// The scope's returns: the store's, recorded in the range (`returns_by_store_created`), of the
/// desk and clerk asked for. `$1`–`$5` are bound by [`scoped`].
macro_rules! scope {
    () => {
        "t.store_code = $1 AND t.created_at >= $2 AND t.created_at < $3
       AND ($4 IS NULL OR t.terminal_id = $4) AND ($5 IS NULL OR t.clerk_id = $5)"
    };
}

/// Units a line took back and paid: its own, or all its units where the warranty claim it
/// opened was settled by a refund.
macro_rules! returned_units {
    () => {
        "l.returned_qty + CASE WHEN EXISTS (
            SELECT 1 FROM warranty_claims c JOIN claim_settlements s ON s.claim_id = c.id
            WHERE c.receipt_id = l.receipt_id AND c.receipt_line = l.receipt_line AND c.return_id = l.return_id
              AND s.remedy = 'refund') THEN l.qty ELSE 0 END"
    };
}

/// The scope's lines in one pass, grouped by SKU, currency, reason, condition and (denied lines)
/// reasons; the value of the units taken back is per line the receipt line's net value ×
/// returned ÷ sold, rounded to the cent half away from zero (as `Money::round`), then summed:
/// `$value`, as SQLite keeps cents (integer arithmetic) and PostgreSQL numeric.
macro_rules! lines_statement {
    ($value:literal) => {
        concat!(
            "SELECT x.sku, x.currency, MIN(x.name) AS name, MIN(x.category) AS category, MIN(x.brand) AS brand,
                    x.reason, x.condition, x.denied_for,
                    CAST(SUM(x.qty) AS BIGINT) AS units, COUNT(*) AS lines, CAST(SUM(x.rq) AS BIGINT) AS returned_units,
                    SUM(CASE WHEN x.sold_qty = 0 THEN 0 ELSE ", $value, " END) AS returned_value
             FROM (SELECT l.sku, l.currency, l.name, l.category, l.brand, l.reason, l.condition,
                          CASE WHEN l.outcome = 'denied' THEN l.reasons_json ELSE '' END AS denied_for,
                          l.qty, l.sold_qty, l.sold_net, ", returned_units!(), " AS rq
                   FROM returns t JOIN return_lines l ON l.return_id = t.id WHERE ", scope!(), ") x
             GROUP BY x.sku, x.currency, x.reason, x.condition, x.denied_for"
        )
    };
}

/// The first day of the period a return's `local_day` falls in, per grain and dialect (SQLite
/// keeps days as text, PostgreSQL as dates; weeks start on Monday).
macro_rules! period_of {
    (sqlite, day) => { "t.local_day" };
    (sqlite, week) => { "date(t.local_day, '-' || ((CAST(strftime('%w', t.local_day) AS INTEGER) + 6) % 7) || ' days')" };
    (sqlite, month) => { "substr(t.local_day, 1, 8) || '01'" };
    (postgres, day) => { "t.local_day" };
    (postgres, week) => { "CAST(date_trunc('week', CAST(t.local_day AS TIMESTAMP)) AS DATE)" };
    (postgres, month) => { "CAST(date_trunc('month', CAST(t.local_day AS TIMESTAMP)) AS DATE)" };
}

/// The scope's returns per period, outcome and resolution: how many, what they paid out, and
/// how many of the done ones had no scan recorded.
macro_rules! returns_statement {
    ($dialect:ident, $grain:ident) => {
        concat!(
            "SELECT ", period_of!($dialect, $grain), " AS day, t.outcome, t.resolution, COUNT(*) AS returns, SUM(t.refunded) AS refunded,
                    CAST(SUM(CASE WHEN (t.completed_at IS NOT NULL OR t.status = 'voided') AND t.scanned_at IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS unscanned
             FROM returns t WHERE ", scope!(), "
             GROUP BY ", period_of!($dialect, $grain), ", t.outcome, t.resolution"
        )
    };
}

/// A group's handling seconds as one comma-separated list.
macro_rules! seconds_list {
    (sqlite) => { "group_concat(t.handled_seconds, ',')" };
    (postgres) => { "string_agg(CAST(t.handled_seconds AS TEXT), ',')" };
}

/// Handling time: the scope's handled returns in one pass, grouped by period (its first day),
/// desk and clerk, each group with the list of its whole seconds. The desk sorts them and takes
/// the percentiles: ranking 13,000 returns per grouping in SQLite's window functions took
/// 35–130 ms of a year's report.
macro_rules! handling_statement {
    ($dialect:ident, $grain:ident) => {
        concat!(
            "SELECT g.day, COALESCE((SELECT d.code FROM terminals d WHERE d.id = g.terminal_id), '') AS desk,
                    (SELECT u.display_name FROM users u WHERE u.id = g.clerk_id) AS clerk, g.seconds
             FROM (SELECT ", period_of!($dialect, $grain), " AS day, t.terminal_id, t.clerk_id, ", seconds_list!($dialect), " AS seconds
                   FROM returns t WHERE ", scope!(), " AND t.handled_seconds IS NOT NULL
                   GROUP BY ", period_of!($dialect, $grain), ", t.terminal_id, t.clerk_id) g"
        )
    };
}

/// The whole calendar months inside `[first, last]`, as `[from, until)` of their first days;
/// with none, both are the day after `last` (so the days before `from` are all of the period).
pub fn whole_months(first: NaiveDate, last: NaiveDate) -> (NaiveDate, NaiveDate) {
    let after = last.succ_opt().unwrap_or(last);
    let month_of = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let from = if first.day() == 1 { first } else { month_of(first).checked_add_months(Months::new(1)).unwrap_or(after) };
    let until = month_of(after);
    if from < until {
        (from, until)
    } else {
        (after, after)
    }
}

fn scoped(text: &'static str, s: &ReportScope) -> super::sql::Sql {
    scoped_sql(sql(text), s)
}

fn scoped_sql(statement: super::sql::Sql, s: &ReportScope) -> super::sql::Sql {
    statement.bind(&s.store_code).bind(s.from).bind(s.until).bind(s.terminal_id).bind(s.clerk_id)
}

pub(super) async fn report_facts(pool: &Pool, s: &ReportScope) -> StoreResult<ReportFacts> {
    // One snapshot for all the statements: a return confirmed in between is in all or none.
    let mut tx = pool.snapshot().await?;
    let (returns, handling) = match s.period {
        Period::Day => (
            sql_dialects(returns_statement!(sqlite, day), returns_statement!(postgres, day)),
            sql_dialects(handling_statement!(sqlite, day), handling_statement!(postgres, day)),
        ),
        Period::Week => (
            sql_dialects(returns_statement!(sqlite, week), returns_statement!(postgres, week)),
            sql_dialects(handling_statement!(sqlite, week), handling_statement!(postgres, week)),
        ),
        Period::Month => (
            sql_dialects(returns_statement!(sqlite, month), returns_statement!(postgres, month)),
            sql_dialects(handling_statement!(sqlite, month), handling_statement!(postgres, month)),
        ),
    };
    let returns: Vec<ReturnsOfDay> = scoped_sql(returns, s).fetch_all(tx.link()).await?;
    let handling: Vec<HandlingOf> = scoped_sql(handling, s).fetch_all(tx.link()).await?;
    let tenders: Vec<TenderOf> = scoped(
        concat!(
            "SELECT f.type AS tender, COUNT(*) AS refunds, SUM(f.amount) AS amount
             FROM returns t JOIN return_refunds f ON f.return_id = t.id WHERE ",
            scope!(),
            " GROUP BY f.type ORDER BY f.type"
        ),
        s,
    )
    .fetch_all(tx.link())
    .await?;
    let approvals: Vec<ApprovalsOf> = scoped(
        concat!(
            "SELECT m.display_name AS manager, c.display_name AS clerk,
                    CAST(CASE WHEN a.receipt_line IS NULL THEN 0 ELSE 1 END AS BIGINT) AS on_line, a.decision, COUNT(*) AS decisions
             FROM returns t JOIN approvals a ON a.return_id = t.id
             JOIN users m ON m.id = a.manager_id JOIN users c ON c.id = t.clerk_id
             WHERE ",
            scope!(),
            " GROUP BY m.display_name, c.display_name, CASE WHEN a.receipt_line IS NULL THEN 0 ELSE 1 END, a.decision
             ORDER BY 1, 2, 3, 4"
        ),
        s,
    )
    .fetch_all(tx.link())
    .await?;
    let lines: Vec<LinesOf> = scoped_sql(
        sql_dialects(
            lines_statement!("(2 * x.sold_net * x.rq + x.sold_qty) / (2 * x.sold_qty)"),
            lines_statement!("ROUND(x.sold_net * x.rq / x.sold_qty, 2)"),
        ),
        s,
    )
    .fetch_all(tx.link())
    .await?;
    // The period's whole months from `sales_by_month` (migration 0029), its other days from
    // `sales_by_day`.
    let (months_from, months_until) = whole_months(s.first_day, s.last_day);
    let sales: Vec<SalesFact> = sql(
        "SELECT sku, currency, MIN(category) AS category, MIN(brand) AS brand, CAST(SUM(units) AS BIGINT) AS units, SUM(net_value) AS net_value
         FROM (SELECT sku, currency, category, brand, units, net_value FROM sales_by_month
                WHERE store_code = $1 AND month >= $4 AND month < $5
               UNION ALL
               SELECT sku, currency, category, brand, units, net_value FROM sales_by_day
                WHERE store_code = $1 AND day >= $2 AND day < $4
               UNION ALL
               SELECT sku, currency, category, brand, units, net_value FROM sales_by_day
                WHERE store_code = $1 AND day >= $5 AND day <= $3) s
         GROUP BY sku, currency ORDER BY sku, currency",
    )
    .bind(&s.store_code)
    .bind(s.first_day)
    .bind(s.last_day)
    .bind(months_from)
    .bind(months_until)
    .fetch_all(tx.link())
    .await?;
    // Claims made up to the range's end that were still open at its start (or made in it);
    // a desk or clerk filter keeps those taken in with a return of theirs.
    let claims: Vec<ClaimFact> = sql(
        "SELECT c.id, c.claimed_on, c.claim_due_by, c.resolved_on, c.stage, c.remedy_asked, c.service_outcome
         FROM warranty_claims c
         WHERE c.store_code = $1 AND c.claimed_on <= $3 AND (c.resolved_on IS NULL OR c.resolved_on >= $2)
           AND ($4 IS NULL OR EXISTS (SELECT 1 FROM returns t WHERE t.id = c.return_id AND t.terminal_id = $4))
           AND ($5 IS NULL OR EXISTS (SELECT 1 FROM returns t WHERE t.id = c.return_id AND t.clerk_id = $5))
         ORDER BY c.id",
    )
    .bind(&s.store_code)
    .bind(s.first_day)
    .bind(s.last_day)
    .bind(s.terminal_id)
    .bind(s.clerk_id)
    .fetch_all(tx.link())
    .await?;
    // The customers' ratings given in the range (`customer_feedback_by_store_created`), of the
    // desk and clerk asked for.
    let ratings: Vec<RatingFact> = scoped(
        "SELECT f.created_at, (SELECT d.code FROM terminals d WHERE d.id = f.terminal_id) AS desk,
                (SELECT u.display_name FROM users u WHERE u.id = f.clerk_id) AS clerk, f.rating, f.comment
         FROM customer_feedback f
         WHERE f.store_code = $1 AND f.created_at >= $2 AND f.created_at < $3
           AND ($4 IS NULL OR f.terminal_id = $4) AND ($5 IS NULL OR f.clerk_id = $5)
         ORDER BY f.created_at, f.id",
        s,
    )
    .fetch_all(tx.link())
    .await?;
    tx.commit().await?;
    Ok(ReportFacts {
        returns,
        handling,
        tenders,
        approvals,
        lines,
        sales,
        claims,
        ratings,
    })
}

/// The store's desks and the people who recorded returns there (the filters' choices):
/// (desk codes, (clerk id, name)).
pub(super) async fn report_choices(pool: &Pool, store_code: &str) -> StoreResult<(Vec<String>, Vec<(i64, String)>)> {
    let mut conn = pool.read().await?;
    let desks: Vec<String> = sql("SELECT code FROM terminals WHERE store_code = $1 ORDER BY code")
        .bind(store_code)
        .scalars(conn.link())
        .await?;
    let clerks: Vec<(i64, String)> = sql(
        "SELECT u.id, u.display_name FROM users u
         WHERE u.store_code = $1 OR u.store_code IS NULL
            OR EXISTS (SELECT 1 FROM user_stores s WHERE s.user_id = u.id AND s.store_code = $1)
         ORDER BY u.display_name, u.id",
    )
    .bind(store_code)
    .fetch_all(conn.link())
    .await?;
    Ok((desks, clerks))
}

/// Issue 13: the instant the desk scanned a return's receipt (once; a retry does not move it),
/// and with it the return's handling time in whole seconds, scan to done: to its confirmation,
/// or to its record as declined (voided). A return's status never changes once written.
pub(super) async fn record_scan(pool: &Pool, return_id: i64, scanned_at: DateTime<Utc>) -> StoreResult<()> {
    #[derive(sqlx::FromRow)]
    struct Done {
        created_at: DateTime<Utc>,
        completed_at: Option<DateTime<Utc>>,
        status: String,
    }
    let mut tx = pool.write().await?;
    let Some(r) = sql("SELECT created_at, completed_at, status FROM returns WHERE id = $1 AND scanned_at IS NULL")
        .bind(return_id)
        .fetch_optional::<Done>(tx.link())
        .await?
    else {
        return tx.commit().await;
    };
    let done = match (r.completed_at, r.status.as_str()) {
        (Some(at), _) => Some(at),
        (None, "voided") => Some(r.created_at),
        _ => None,
    };
    let handled_seconds = done.map(|at| (at - scanned_at).num_seconds().max(0));
    sql("UPDATE returns SET scanned_at = $1, handled_seconds = $3 WHERE id = $2 AND scanned_at IS NULL")
        .bind(scanned_at)
        .bind(return_id)
        .bind(handled_seconds)
        .execute(tx.link())
        .await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::whole_months;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn whole_months_are_those_inside_the_period() {
        // A year not on month boundaries: eleven whole months, days at either end.
        assert_eq!(whole_months(d("2025-12-03"), d("2026-12-02")), (d("2026-01-01"), d("2026-12-01")));
        // On the boundaries: every month whole, no days left over.
        assert_eq!(whole_months(d("2026-01-01"), d("2026-03-31")), (d("2026-01-01"), d("2026-04-01")));
        // Ending on a month's last day, starting mid-month; and across a leap February.
        assert_eq!(whole_months(d("2024-01-15"), d("2024-02-29")), (d("2024-02-01"), d("2024-03-01")));
        // Within one month, or across two without a whole one: none (both the day after).
        assert_eq!(whole_months(d("2026-11-05"), d("2026-11-20")), (d("2026-11-21"), d("2026-11-21")));
        assert_eq!(whole_months(d("2026-10-20"), d("2026-11-19")), (d("2026-11-20"), d("2026-11-20")));
        // A single whole month; the last day of December.
        assert_eq!(whole_months(d("2026-12-01"), d("2026-12-31")), (d("2026-12-01"), d("2027-01-01")));
    }
}

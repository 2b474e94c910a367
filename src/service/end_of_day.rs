//! The end of day (issue 13) from the records: for a store and one of its local days, per desk
//! and for the whole store, what was returned and denied, the money paid out by tender (return
//! refunds, goodwill, claim settlements, exchange differences refunded — store credit is credit
//! issued and an exchange's moved value is no money), the money taken at the desk (exchange
//! differences paid, paid repairs collected), the drawer's balance per tender, store credit
//! issued and redeemed, fees kept, claims opened and settled, and the managers' overrides.
//!
//! The store's day is its own (its IANA zone, daylight saving included): it is turned into a UTC
//! range here and the records are read by that range. Only completed returns count.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::auth::{AuthError, Session};
use super::clock::wall_time;
use super::documents::slip_number;
use super::{Desk, DeskError};
use crate::domain::{CaseOutcome, Money, Resolution};
use crate::slip::view::{CountedAmount, DayFigures, DeskDaySummary, OverrideEntry};
use crate::slip::{Lang, Layout};
use crate::store::end_of_day::{day_records, desks, DayRecords, Movement};

/// Which end of day: a store (the session's when not given), a day (the store's today when not
/// given), a desk (the whole store when not given; a clerk's own desk).
#[derive(Clone, Debug, Default)]
pub struct EndOfDayQuery {
    pub store: Option<String>,
    pub day: Option<NaiveDate>,
    pub desk: Option<String>,
}

/// A store's (or a desk's) day: the figures as printed, and the returns behind them.
#[derive(Clone, Debug)]
pub struct EndOfDay {
    pub store_code: String,
    pub time_zone: String,
    /// The day as UTC instants, `[from, to)`.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub summary: DeskDaySummary,
    pub returns: Vec<ReturnRow>,
    /// Every desk of the store, by code (what a manager may pick).
    pub desk_codes: Vec<String>,
}

/// One completed return as a report lists it.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct ReturnRow {
    pub slip_number: String,
    /// Store-local date and time it was confirmed.
    pub at: NaiveDateTime,
    pub desk: Option<String>,
    pub clerk: String,
    pub receipt_number: String,
    pub outcome: CaseOutcome,
    pub resolution: Resolution,
    pub lines_returned: u32,
    pub lines_denied: u32,
    /// Paid per tender (`store_credit`: the voucher; `exchange`: value moved to the new sale).
    pub refunds: BTreeMap<String, Money>,
    pub total: Money,
}

/// Tenders that are money leaving (or entering) the drawer or the card terminal.
fn is_money(tender: &str) -> bool {
    !matches!(tender, "store_credit" | "exchange")
}

/// The first instant of a store-local day (midnight, or the first hour after it that exists).
pub fn start_of_day(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let mut wall = day.and_hms_opt(0, 0, 0).expect("midnight");
    loop {
        match zone.from_local_datetime(&wall) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.with_timezone(&Utc),
            LocalResult::None => wall += chrono::Duration::minutes(30),
        }
    }
}

/// A store-local day as UTC instants `[from, to)`; the days from `first` to `last` inclusive.
pub fn days_range(first: NaiveDate, last: NaiveDate, zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    (start_of_day(first, zone), start_of_day(last.succ_opt().unwrap_or(last), zone))
}

impl Desk {
    /// The end of day the session asks for: a clerk their own desk's, a manager any desk's or
    /// the whole store's, of a store they work in (another store: 403).
    pub async fn end_of_day(&self, session: &Session, query: &EndOfDayQuery) -> Result<EndOfDay, DeskError> {
        let store = query.store.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(&session.store_code).to_string();
        let forbidden = |m: String| DeskError::Auth(AuthError::Forbidden(m));
        if !self.db.stores_of_user(session.user.id).await?.contains(&store) {
            return Err(forbidden(format!("you do not work in store {store}")));
        }
        let asked = query.desk.as_deref().map(str::trim).filter(|d| !d.is_empty());
        let desk = if session.user.role.approves() {
            asked.map(str::to_string)
        } else {
            let own = session
                .terminal_code
                .clone()
                .filter(|_| store == session.store_code)
                .ok_or_else(|| forbidden("a clerk sees the end of day of their own desk: sign in at a desk of this store".into()))?;
            if asked.is_some_and(|d| !d.eq_ignore_ascii_case(&own)) {
                return Err(forbidden(format!("a clerk sees the end of day of their own desk, {own}")));
            }
            Some(own)
        };
        let day = match query.day {
            Some(day) => day,
            None => self.now_at(&store).await?.date(),
        };
        self.end_of_day_of(&store, day, desk.as_deref()).await
    }

    /// A store's (or one desk's) day from its records: for the command line, trusted like the
    /// database it opens, and for [`Desk::end_of_day`].
    pub async fn end_of_day_of(&self, store_code: &str, day: NaiveDate, desk: Option<&str>) -> Result<EndOfDay, DeskError> {
        let store = self
            .db
            .store(store_code)
            .await?
            .ok_or_else(|| DeskError::BadInput { field: "store", message: format!("there is no store {store_code}") })?;
        let zone = self.zone_of(&store.code).await?;
        let pool = self.db.connections();
        let all_desks = desks(pool, &store.code).await?;
        let desk_id = match desk {
            Some(code) => Some(
                all_desks
                    .iter()
                    .find(|d| d.code.eq_ignore_ascii_case(code))
                    .map(|d| d.id)
                    .ok_or_else(|| DeskError::BadInput { field: "desk", message: format!("store {} has no desk {code}", store.code) })?,
            ),
            None => None,
        };
        let desk_codes = all_desks.iter().map(|d| d.code.clone()).collect();
        let codes: HashMap<i64, String> = all_desks.into_iter().map(|d| (d.id, d.code)).collect();
        let (from, to) = days_range(day, day, zone);
        let records = day_records(pool, &store.code, from, to).await?;
        let mut groups = figures_by_desk(&store.code, &records, &codes);
        let returns = return_rows(&store.code, &records, &codes, zone);
        let (totals, sections, returns) = match desk_id {
            Some(id) => {
                let mut figures = groups.remove(&Some(id)).unwrap_or_default();
                figures.desk = codes.get(&id).cloned();
                let mine = returns.into_iter().filter(|r| r.desk == figures.desk).collect();
                (figures, Vec::new(), mine)
            }
            None => {
                let mut sections: Vec<DayFigures> = groups.into_values().collect();
                // Desks by code; money taken without a desk (at the tills) last.
                sections.sort_by(|a, b| (a.desk.is_none(), &a.desk).cmp(&(b.desk.is_none(), &b.desk)));
                let mut totals = DayFigures::default();
                for s in &sections {
                    totals.add(s);
                }
                totals.overrides.sort_by(|a, b| a.slip_number.cmp(&b.slip_number));
                (totals, sections, returns)
            }
        };
        let summary = DeskDaySummary {
            store: self.document_store(&store.code).await?,
            desk: totals.desk.clone(),
            day,
            printed_at: self.now_at(&store.code).await?,
            currency: store.currency.code().to_string(),
            totals,
            desks: sections,
        };
        Ok(EndOfDay { store_code: store.code.clone(), time_zone: store.time_zone.clone(), from, to, summary, returns, desk_codes })
    }

    /// Every completed return of a store from one local day to another (inclusive), oldest first.
    pub async fn returns_between(&self, store_code: &str, first: NaiveDate, last: NaiveDate) -> Result<Vec<ReturnRow>, DeskError> {
        if first > last {
            return Err(DeskError::BadInput { field: "from", message: format!("{first} is after {last} (--to)") });
        }
        let store = self
            .db
            .store(store_code)
            .await?
            .ok_or_else(|| DeskError::BadInput { field: "store", message: format!("there is no store {store_code}") })?;
        let zone = self.zone_of(&store.code).await?;
        let pool = self.db.connections();
        let codes: HashMap<i64, String> = desks(pool, &store.code).await?.into_iter().map(|d| (d.id, d.code)).collect();
        let (from, to) = days_range(first, last, zone);
        let records = day_records(pool, &store.code, from, to).await?;
        Ok(return_rows(&store.code, &records, &codes, zone))
    }

    /// The end of day as a PDF, in the language asked for (else the store's).
    pub async fn end_of_day_pdf(&self, day: &EndOfDay, lang: Option<Lang>, layout: Layout) -> Result<Vec<u8>, DeskError> {
        let lang = self.document_language(&day.store_code, lang).await?;
        crate::slip::render_desk_day_summary(&day.summary, lang, layout).map_err(|e| DeskError::Internal(e.to_string()))
    }

    /// Prints the end of day the session asks for on the store's printer.
    pub async fn print_end_of_day(
        &self,
        session: &Session,
        query: &EndOfDayQuery,
        lang: Option<Lang>,
        layout: Layout,
    ) -> Result<super::documents::Printed, DeskError> {
        let day = self.end_of_day(session, query).await?;
        let printer = self
            .db
            .setting(&day.store_code, "printer")
            .await?
            .filter(|p| !p.trim().is_empty())
            .ok_or_else(|| DeskError::refused("NO_PRINTER", "no printer is chosen: a manager sets one in Settings", serde_json::json!({})))?;
        let pdf = self.end_of_day_pdf(&day, lang, layout).await?;
        let number = end_of_day_number(&day);
        let job = crate::slip::print(&pdf, &printer, &number).map_err(|e| DeskError::PrintFailed(format!("{printer}: {e}")))?;
        let details = serde_json::json!({ "document": "end_of_day", "number": number, "printer": printer, "job": job.id });
        let event = crate::store::AuditEvent::new(crate::store::AuditAction::DocumentPrinted, super::audit::actor(session), "end_of_day", &number, details);
        self.db.append_audit(&event).await?;
        Ok(super::documents::Printed { printer, job: job.id, slip_number: number })
    }

    /// The language asked for, else the store's.
    pub async fn document_language(&self, store_code: &str, lang: Option<Lang>) -> Result<Lang, DeskError> {
        Ok(match lang {
            Some(lang) => lang,
            None => Lang::parse(&self.db.store_language(store_code).await?.unwrap_or_default()).unwrap_or(Lang::En),
        })
    }
}

/// The figures being summed, per desk (None: no desk).
struct Groups<'c> {
    figures: HashMap<Option<i64>, DayFigures>,
    codes: &'c HashMap<i64, String>,
}

impl Groups<'_> {
    fn at(&mut self, terminal: Option<i64>) -> &mut DayFigures {
        let codes = self.codes;
        self.figures.entry(terminal).or_insert_with(|| DayFigures { desk: terminal.and_then(|id| codes.get(&id).cloned()), ..DayFigures::default() })
    }
}

/// The end of day's name as a document: `EOD-S01-2026-10-11` (with the desk: `…-DESK-1`).
pub fn end_of_day_number(day: &EndOfDay) -> String {
    match &day.summary.desk {
        Some(desk) => format!("EOD-{}-{}-{desk}", day.store_code, day.summary.day),
        None => format!("EOD-{}-{}", day.store_code, day.summary.day),
    }
}

/// Each desk's figures (None: records without a desk — money taken at the tills).
fn figures_by_desk(store_code: &str, records: &DayRecords, codes: &HashMap<i64, String>) -> HashMap<Option<i64>, DayFigures> {
    let mut groups = Groups { figures: HashMap::new(), codes };
    let mut exchanged: HashMap<i64, bool> = HashMap::new();
    for r in &records.returns {
        exchanged.insert(r.id, r.resolution == Resolution::Exchange);
        let f = groups.at(r.terminal_id);
        f.slip_count += 1;
        f.line_count += count(r.lines_returned);
        f.denied_count += count(r.lines_denied);
        f.fees += r.total_fee;
    }
    let paid_out = |f: &mut DayFigures, m: &Movement| {
        *f.refunds_by_tender.entry(m.tender.clone()).or_default() += m.amount;
        let drawer = f.drawer_by_tender.entry(m.tender.clone()).or_default();
        *drawer = *drawer - m.amount;
        f.total_refund += m.amount;
    };
    for m in records.return_refunds.iter().filter(|m| is_money(&m.tender)) {
        let f = groups.at(m.terminal_id);
        paid_out(f, m);
        if exchanged.get(&m.record_id).copied().unwrap_or(false) {
            f.exchange_differences_refunded += m.amount;
        } else {
            f.refunded_on_returns += m.amount;
        }
    }
    for m in records.goodwill.iter().filter(|m| is_money(&m.tender)) {
        let f = groups.at(m.terminal_id);
        paid_out(f, m);
        f.goodwill_paid += m.amount;
    }
    for m in records.claim_settlements.iter().filter(|m| is_money(&m.tender)) {
        let f = groups.at(m.terminal_id);
        paid_out(f, m);
        f.claims_paid += m.amount;
    }
    let taken = |f: &mut DayFigures, m: &Movement| {
        *f.taken_by_tender.entry(m.tender.clone()).or_default() += m.amount;
        *f.drawer_by_tender.entry(m.tender.clone()).or_default() += m.amount;
        f.total_taken += m.amount;
    };
    for m in &records.exchange_payments {
        let f = groups.at(m.terminal_id);
        taken(f, m);
        f.exchange_differences_paid += m.amount;
    }
    for m in &records.repair_payments {
        let f = groups.at(m.terminal_id);
        taken(f, m);
        f.repairs_paid += m.amount;
    }
    let counted = |c: &mut CountedAmount, m: &Movement| {
        c.count += 1;
        c.total += m.amount;
    };
    for m in &records.exchange_dues_paid {
        counted(&mut groups.at(m.terminal_id).exchange_dues_paid, m);
    }
    for m in &records.vouchers_issued {
        counted(&mut groups.at(m.terminal_id).store_credit_issued, m);
    }
    for m in &records.vouchers_redeemed {
        counted(&mut groups.at(m.terminal_id).store_credit_redeemed, m);
    }
    for o in &records.overrides {
        groups.at(o.terminal_id).overrides.push(OverrideEntry {
            slip_number: slip_number(store_code, o.return_id),
            desk: o.terminal_id.and_then(|id| codes.get(&id).cloned()),
            manager: o.manager.clone(),
            code: o.code.clone(),
            reason: o.reason.clone(),
            refund: o.refund,
        });
    }
    let mut seen = std::collections::HashSet::new();
    for c in &records.claims_opened {
        if seen.insert(c.claim_id) {
            groups.at(c.terminal_id).claims_opened += 1;
        }
    }
    let mut seen = std::collections::HashSet::new();
    for c in &records.claims_settled {
        if seen.insert(c.claim_id) {
            groups.at(c.terminal_id).claims_settled += 1;
        }
    }
    groups.figures
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn return_rows(store_code: &str, records: &DayRecords, codes: &HashMap<i64, String>, zone: Tz) -> Vec<ReturnRow> {
    let mut refunds: HashMap<i64, BTreeMap<String, Money>> = HashMap::new();
    for m in &records.return_refunds {
        *refunds.entry(m.record_id).or_default().entry(m.tender.clone()).or_default() += m.amount;
    }
    records
        .returns
        .iter()
        .map(|r| ReturnRow {
            slip_number: slip_number(store_code, r.id),
            at: wall_time(r.created_at, zone),
            desk: r.terminal_id.and_then(|id| codes.get(&id).cloned()),
            clerk: r.clerk.clone(),
            receipt_number: r.receipt_number.clone(),
            outcome: r.outcome,
            resolution: r.resolution,
            lines_returned: count(r.lines_returned),
            lines_denied: count(r.lines_denied),
            refunds: refunds.remove(&r.id).unwrap_or_default(),
            total: r.total_refund,
        })
        .collect()
}

/// The tenders a return can be paid in, in the order the CSV's columns list them.
pub const RETURN_TENDERS: [&str; 5] = ["cash", "card", "gift_card", "store_credit", "exchange"];

/// The returns as RFC 4180 CSV (UTF-8, CRLF), one row per return: number, local date-time,
/// desk, clerk, receipt, outcome, resolution, lines returned and denied, refund per tender, total.
pub fn returns_csv(rows: &[ReturnRow]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let mut header = vec!["number", "date_time", "desk", "clerk", "receipt", "outcome", "resolution", "lines_returned", "lines_denied"];
        header.extend(RETURN_TENDERS);
        header.push("total");
        w.write_record(&header).expect("writing to memory");
        for r in rows {
            let mut cells = vec![
                r.slip_number.clone(),
                r.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                r.desk.clone().unwrap_or_default(),
                r.clerk.clone(),
                r.receipt_number.clone(),
                crate::store::code_of(&r.outcome),
                crate::store::code_of(&r.resolution),
                r.lines_returned.to_string(),
                r.lines_denied.to_string(),
            ];
            cells.extend(RETURN_TENDERS.iter().map(|t| r.refunds.get(*t).copied().unwrap_or(Money::ZERO).to_string()));
            cells.push(r.total.to_string());
            w.write_record(&cells).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

/// The end of day as RFC 4180 CSV: one row per figure, `desk,figure,tender,count,amount` — the
/// store's totals first (desk empty), then each desk's (`-` for the tills).
pub fn end_of_day_csv(day: &EndOfDay) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(["store", "day", "currency", "desk", "figure", "tender", "count", "amount"]).expect("writing to memory");
        let s = &day.summary;
        let mut sections: Vec<(String, &DayFigures)> = vec![(s.desk.clone().unwrap_or_default(), &s.totals)];
        sections.extend(s.desks.iter().map(|d| (d.desk.clone().unwrap_or_else(|| "-".into()), d)));
        for (desk, f) in sections {
            let mut row = |figure: &str, tender: &str, count: Option<u32>, amount: Option<Money>| {
                w.write_record([
                    day.store_code.as_str(),
                    &s.day.to_string(),
                    &s.currency,
                    &desk,
                    figure,
                    tender,
                    &count.map(|c| c.to_string()).unwrap_or_default(),
                    &amount.map(|a| a.to_string()).unwrap_or_default(),
                ])
                .expect("writing to memory");
            };
            row("slips_issued", "", Some(f.slip_count), None);
            row("lines_returned", "", Some(f.line_count), None);
            row("lines_denied", "", Some(f.denied_count), None);
            for (t, a) in &f.refunds_by_tender {
                row("paid_out", t, None, Some(*a));
            }
            row("paid_out_total", "", None, Some(f.total_refund));
            row("return_refunds", "", None, Some(f.refunded_on_returns));
            row("goodwill", "", None, Some(f.goodwill_paid));
            row("claim_settlements", "", None, Some(f.claims_paid));
            row("exchange_differences_refunded", "", None, Some(f.exchange_differences_refunded));
            for (t, a) in &f.taken_by_tender {
                row("taken", t, None, Some(*a));
            }
            row("taken_total", "", None, Some(f.total_taken));
            row("exchange_differences_paid", "", None, Some(f.exchange_differences_paid));
            row("repairs_paid", "", None, Some(f.repairs_paid));
            for (t, a) in &f.drawer_by_tender {
                row("drawer", t, None, Some(*a));
            }
            row("store_credit_issued", "store_credit", Some(f.store_credit_issued.count), Some(f.store_credit_issued.total));
            row("store_credit_redeemed", "store_credit", Some(f.store_credit_redeemed.count), Some(f.store_credit_redeemed.total));
            row("exchange_dues_paid_at_tills", "", Some(f.exchange_dues_paid.count), Some(f.exchange_dues_paid.total));
            row("fees_kept", "", None, Some(f.fees));
            row("claims_opened", "", Some(f.claims_opened), None);
            row("claims_settled", "", Some(f.claims_settled), None);
            row("overrides", "", Some(u32::try_from(f.overrides.len()).unwrap_or(u32::MAX)), None);
        }
        w.flush().expect("writing to memory");
    }
    out
}

/// The end of day as JSON: the summary's figures, `refunds_by_tender` (tender → amount, exact
/// decimal strings) at the top, and the returns behind them.
pub fn end_of_day_json(day: &EndOfDay) -> serde_json::Value {
    let s = &day.summary;
    serde_json::json!({
        "store": day.store_code,
        "store_name": s.store.name,
        "day": s.day,
        "desk": s.desk,
        "currency": s.currency,
        "time_zone": day.time_zone,
        "from": day.from,
        "to": day.to,
        "printed_at": s.printed_at,
        "refunds_by_tender": s.totals.refunds_by_tender,
        "totals": s.totals,
        "desks": s.desks,
        "returns": day.returns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_store_day_is_its_own_zone_s_day_daylight_saving_included() {
        let sofia: Tz = "Europe/Sofia".parse().unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        // summer time: UTC+3
        assert_eq!(days_range(day("2026-10-11"), day("2026-10-11"), sofia), (utc("2026-10-10T21:00:00Z"), utc("2026-10-11T21:00:00Z")));
        // the clocks go back on 25 October: a day of 25 hours
        assert_eq!(days_range(day("2026-10-25"), day("2026-10-25"), sofia), (utc("2026-10-24T21:00:00Z"), utc("2026-10-25T22:00:00Z")));
        // forward on 29 March: 23 hours
        assert_eq!(days_range(day("2026-03-29"), day("2026-03-29"), sofia), (utc("2026-03-28T22:00:00Z"), utc("2026-03-29T21:00:00Z")));
        // several days, the last one whole
        assert_eq!(days_range(day("2026-10-01"), day("2026-10-31"), sofia), (utc("2026-09-30T21:00:00Z"), utc("2026-10-31T22:00:00Z")));
        // a zone whose midnight is skipped (Santiago, 6 September 2026): the day starts at 01:00
        let santiago: Tz = "America/Santiago".parse().unwrap();
        assert_eq!(start_of_day(day("2026-09-06"), santiago), utc("2026-09-06T04:00:00Z"));
    }
}

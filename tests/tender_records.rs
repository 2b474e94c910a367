//! Money recorded = money paid, per tender, for every resolution (issue 14), through the desk's
//! HTTP door and its database, on SQLite and PostgreSQL.
//!
//! A property test over generated receipts (1–4 lines, a receipt discount, paid by card, cash,
//! gift card and store credit in generated parts) and generated sequences of partial returns (every
//! resolution, change of mind or a defect, unopened or opened): after each return
//! - what the store recorded against each of the receipt's tenders equals what the returns paid
//!   to that tender type (the desk's history is what the next return is judged against);
//! - no tender ever gets back more than it paid;
//! - a line's refunds never exceed what it paid, and once all its units are back they add up
//!   to exactly what it paid;
//! - (issue 14, vouchers) what a return pays out as store credit is one new voucher of exactly
//!   that amount, and no more is recorded against the receipt's store credit than it paid.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::http::StatusCode;
use common::generated_sale::{self, receipt_of, Sale};
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use returndesk::api::DeskApi;
use returndesk::domain::pricing::paid_per_line;
use returndesk::domain::{Money, TenderType};
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, ReceiptKey};
use serde_json::{json, Value};

struct Desk1 {
    router: axum::Router,
    db: Arc<dyn Database>,
    token: String,
}

impl Desk1 {
    async fn new(db: Arc<dyn Database>) -> Desk1 {
        set_up_stores(db.as_ref()).await;
        let clock = DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap());
        let router = api_router(DeskApi::new(Desk::new(db.clone()), clock));
        let mut desk = Desk1 { router, db, token: String::new() };
        let (status, body) = desk.send("POST", "/api/session", Some(json!({"login": "maria", "pin": "1234", "terminal": "DESK-1"}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        desk.token = body["token"].as_str().unwrap().to_string();
        desk
    }

    async fn send(&self, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, &self.token, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }
}

/// One return of the sequence: which line, how many of what is left (a share), how.
#[derive(Clone, Debug)]
struct Step {
    line: usize,
    share: u32,
    resolution: &'static str,
    reason: &'static str,
    condition: &'static str,
}

/// Sales of up to 4 lines; a receipt may be paid in part by an earlier voucher (store credit).
fn sale() -> impl Strategy<Value = Sale> {
    generated_sale::sale(4, vec![TenderType::Card, TenderType::Cash, TenderType::GiftCard, TenderType::StoreCredit])
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = (
        0usize..4,
        1u32..=4,
        prop::sample::select(vec!["refund", "replace", "repair", "store_credit", "exchange"]),
        prop::sample::select(vec!["change_of_mind", "defective"]),
        prop::sample::select(vec!["unopened", "opened"]),
    )
        .prop_map(|(line, share, resolution, reason, condition)| Step {
            line,
            share,
            // A defect with `repair`/`replace` is a warranty claim, which pays nothing: it is
            // tested in tests/claims.rs. Here every step pays money.
            resolution: if reason == "defective" && matches!(resolution, "repair" | "replace") { "refund" } else { resolution },
            reason,
            condition,
        });
    prop::collection::vec(step, 1..=6)
}

fn by_number(number: &str) -> ReceiptKey {
    ReceiptKey::Number { store: Some("S01".into()), number: number.into() }
}

fn money(v: &Value) -> Money {
    v.as_str().and_then(|s| Money::parse(s).ok()).unwrap_or_else(|| panic!("not money: {v}"))
}

/// Plays one sale and its returns; `Err` names the broken invariant.
async fn play(desk: &Desk1, sale: &Sale, steps: &[Step], number: &str) -> Result<(), String> {
    let receipt = receipt_of(sale, number);
    desk.db.import_receipts(std::slice::from_ref(&receipt)).await.map_err(|e| e.to_string())?;
    let stored = desk.db.find_receipt(&by_number(number)).await.unwrap().unwrap();
    let paid_lines = paid_per_line(&stored.sale.receipt);
    let kinds = [TenderType::Card, TenderType::Cash, TenderType::GiftCard];
    // What the returns paid per tender type, and per line (gross, before fees).
    let mut paid_to: BTreeMap<String, Money> = BTreeMap::new();
    let mut line_gross = vec![Money::ZERO; sale.lines.len()];
    let mut line_back = vec![0u32; sale.lines.len()];
    for (n, step) in steps.iter().enumerate() {
        let index = step.line % sale.lines.len();
        let left = sale.lines[index].0 - line_back[index];
        if left == 0 {
            continue;
        }
        let qty = step.share.min(left);
        let draft = json!({"receipt_id": stored.id, "resolution": step.resolution, "idempotency_key": format!("{number}-{n}"),
            "lines": [{"line": index + 1, "qty": qty, "reason": step.reason, "condition": step.condition}]});
        let (status, body) = desk.send("POST", "/api/returns", Some(draft)).await;
        if status != StatusCode::OK {
            return Err(format!("step {n} {step:?}: {status} {body}"));
        }
        if body["status"] != "completed" {
            return Err(format!("step {n} {step:?} not completed: {body}"));
        }
        let line = &body["decision"]["lines"][0];
        if line["outcome"] == "approved" && line["route"] == "refund" {
            line_back[index] += qty;
            line_gross[index] += money(&line["gross"]);
        }
        for t in body["decision"]["tenders"].as_array().unwrap() {
            *paid_to.entry(t["type"].as_str().unwrap().to_string()).or_insert(Money::ZERO) += money(&t["amount"]);
        }
        // ---- Issue 14: vouchers ---- what a return pays out as store credit is exactly one new voucher of that amount.
        let store_credit: Money =
            body["decision"]["tenders"].as_array().unwrap().iter().filter(|t| t["type"] == "store_credit").map(|t| money(&t["amount"])).sum();
        match (store_credit.is_zero(), body["voucher"].is_null()) {
            (true, true) => {}
            (false, false) if money(&body["voucher"]["amount"]) == store_credit && money(&body["voucher"]["balance"]) == store_credit => {}
            _ => return Err(format!("step {n} {step:?}: paid {store_credit} as store credit but the voucher is {}", body["voucher"])),
        }
        // What the store now holds for this receipt: the history the next return is judged by.
        let now = desk.db.find_receipt(&by_number(number)).await.unwrap().unwrap();
        for kind in kinds {
            let code = serde_json::to_value(kind).unwrap().as_str().unwrap().to_string();
            let recorded = now.history.refunded_to(kind);
            let paid = paid_to.get(&code).copied().unwrap_or(Money::ZERO);
            if recorded != paid {
                return Err(format!("after step {n} {step:?}: {code} was paid {paid} but {recorded} was recorded against it"));
            }
            if recorded > now.sale.receipt.paid_by(kind) {
                return Err(format!("after step {n}: {code} got back {recorded}, more than the {} it paid", now.sale.receipt.paid_by(kind)));
            }
        }
        // ---- Issue 14: vouchers ---- the part the receipt paid by store credit goes back as store
        // credit (a new voucher), never more than it paid; a `store_credit` resolution may pay more
        // store credit than that (new credit for card or cash money), which is not recorded against it.
        let recorded = now.history.refunded_to(TenderType::StoreCredit);
        let paid = paid_to.get("store_credit").copied().unwrap_or(Money::ZERO);
        if recorded > now.sale.receipt.paid_by(TenderType::StoreCredit) || recorded > paid {
            return Err(format!(
                "after step {n}: store credit recorded {recorded}, paid {paid}, the receipt paid {} by store credit",
                now.sale.receipt.paid_by(TenderType::StoreCredit)
            ));
        }
        for (i, gross) in line_gross.iter().enumerate() {
            if *gross > paid_lines[i] {
                return Err(format!("line {} refunded {gross}, more than the {} it paid", i + 1, paid_lines[i]));
            }
            if line_back[i] == sale.lines[i].0 && *gross != paid_lines[i] {
                return Err(format!("line {} is all back but its refunds add up to {gross}, not the {} it paid", i + 1, paid_lines[i]));
            }
            if now.history.returned_qty(returndesk::domain::LineNo(i as u32 + 1)) != line_back[i] {
                return Err(format!("line {}: {} units back but the store counts {}", i + 1, line_back[i], now.history.returned_qty(returndesk::domain::LineNo(i as u32 + 1))));
            }
        }
    }
    Ok(())
}

async fn property_on(db: Arc<dyn Database>, cases: u32) {
    let desk = Desk1::new(db).await;
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let handle = tokio::runtime::Handle::current();
    let n = std::sync::atomic::AtomicU32::new(0);
    let result = runner.run(&(sale(), steps()), |(sale, steps)| {
        let number = format!("PT-{:05}", n.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let outcome = tokio::task::block_in_place(|| handle.block_on(play(&desk, &sale, &steps, &number)));
        prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_recorded_is_money_paid_per_tender_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    property_on(db, 48).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_recorded_is_money_paid_per_tender_on_postgres() {
    property_on(fresh_postgres().await, 24).await;
}

/// The issue's own story: 100 paid 50 by card and 50 in cash; a change-of-mind `replace` of
/// the first line pays the card, and the later refund of the second goes to the cash — the
/// card is not refunded twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replace_return_is_recorded_against_the_tenders_it_paid() {
    for db in [fresh_sqlite().await.1, fresh_postgres().await] {
        let desk = Desk1::new(db).await;
        let sale = Sale {
            lines: vec![(1, 5_000, "accessories"), (1, 5_000, "accessories")],
            discount_pct: 0,
            weights: vec![(TenderType::Card, 1), (TenderType::Cash, 1)],
        };
        let receipt = receipt_of(&sale, "R-5050");
        desk.db.import_receipts(&[receipt]).await.unwrap();
        let id = desk.db.find_receipt(&by_number("R-5050")).await.unwrap().unwrap().id;
        let mut card = Money::ZERO;
        let mut cash = Money::ZERO;
        for (line, resolution) in [(1, "replace"), (2, "refund")] {
            let (status, body) = desk
                .send("POST", "/api/returns", Some(json!({"receipt_id": id, "resolution": resolution, "idempotency_key": format!("k{line}"),
                    "lines": [{"line": line, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            for t in body["decision"]["tenders"].as_array().unwrap() {
                match t["type"].as_str().unwrap() {
                    "card" => card += money(&t["amount"]),
                    "cash" => cash += money(&t["amount"]),
                    other => panic!("paid to {other}: {body}"),
                }
            }
        }
        assert_eq!(card, Money::from_cents(5_000), "the card gets back what it paid, once");
        assert_eq!(cash, Money::from_cents(5_000), "the second line goes to the cash");
        let history = desk.db.find_receipt(&by_number("R-5050")).await.unwrap().unwrap().history;
        assert_eq!(history.refunded_to(TenderType::Card), Money::from_cents(5_000));
        assert_eq!(history.refunded_to(TenderType::Cash), Money::from_cents(5_000));
    }
}

// ---- Issue 14: exchanges ----
//
// The same property with exchanges in the sequences: a step returns units of the original
// receipt OR of a receipt an earlier exchange made, either for money or exchanged into a new
// item (dearer: the customer pays the difference by card or cash, or it is left for the till,
// which takes it at once in cash; cheaper: the rest goes back by
// the tender rules). After each step, for every receipt of the chain:
// - what the store records against each tender = what was paid back to it + what exchanges
//   moved off it to their new receipts;
// - no tender of any receipt gives back more than that receipt was paid by it;
// - across all the receipts, no tender type ever gets back more than the customer was charged
//   on it (the sale plus the differences paid);
// - every line's refunds (the value an exchange took counts as a refund of the line) stay within
//   what the line paid, and add up to exactly that once all its units are back.

/// One step of an exchange sequence.
#[derive(Clone, Debug)]
struct ExStep {
    /// Which receipt of the chain (original first, then each exchange's new receipt).
    receipt: usize,
    line: usize,
    share: u32,
    /// None: a refund; Some((catalogue item, qty, difference tender)): an exchange.
    exchange: Option<(usize, u32, &'static str)>,
}

fn ex_steps() -> impl Strategy<Value = Vec<ExStep>> {
    let step = (
        0usize..4,
        0usize..4,
        1u32..=3,
        prop::option::weighted(0.7, (0usize..3, 1u32..=2, prop::sample::select(vec!["cash", "card", "till"]))),
    )
        .prop_map(|(receipt, line, share, exchange)| ExStep { receipt, line, share, exchange });
    prop::collection::vec(step, 1..=7)
}

fn tender_code(kind: TenderType) -> &'static str {
    match kind {
        TenderType::Card => "card",
        TenderType::Cash => "cash",
        TenderType::GiftCard => "gift_card",
        TenderType::StoreCredit => "store_credit",
    }
}

async fn play_exchanges(desk: &Desk1, sale: &Sale, prices: &[i64], steps: &[ExStep], number: &str) -> Result<(), String> {
    use returndesk::domain::{Currency, LineNo, Percent};
    use returndesk::store::Product;
    let kinds = [TenderType::Card, TenderType::Cash, TenderType::GiftCard, TenderType::StoreCredit];
    let catalogue: Vec<Product> = prices
        .iter()
        .enumerate()
        .map(|(k, cents)| Product {
            sku: format!("{number}-N{k}"),
            name: format!("New item {k}"),
            category: "apparel".into(),
            brand: "Linka".into(),
            serial_tracked: false,
            unit_price: Some(Money::from_cents(*cents)),
            currency: Some(Currency::EUR),
            vat_rate: Some(Percent::parse("20").unwrap()),
            barcode: None,
        })
        .collect();
    desk.db.put_products(&catalogue).await.map_err(|e| e.to_string())?;
    desk.db.import_receipts(&[receipt_of(sale, number)]).await.map_err(|e| e.to_string())?;
    let original = desk.db.find_receipt(&by_number(number)).await.unwrap().unwrap();
    // The chain of receipts: (number, id); per receipt, what went back to each tender and what moved off it.
    let mut chain: Vec<(String, i64)> = vec![(number.to_string(), original.id)];
    let mut given: Vec<BTreeMap<&'static str, Money>> = vec![BTreeMap::new()];
    let mut moved: Vec<BTreeMap<&'static str, Money>> = vec![BTreeMap::new()];
    let mut charged: BTreeMap<&'static str, Money> = kinds.iter().map(|k| (tender_code(*k), original.sale.receipt.paid_by(*k))).collect();
    // Per receipt and line: gross refunded, units back.
    let mut line_gross: Vec<Vec<Money>> = vec![vec![Money::ZERO; sale.lines.len()]];
    let mut line_back: Vec<Vec<u32>> = vec![vec![0; sale.lines.len()]];
    for (n, step) in steps.iter().enumerate() {
        let r = step.receipt % chain.len();
        let stored = desk.db.find_receipt(&ReceiptKey::Id(chain[r].1)).await.unwrap().unwrap();
        let lines = &stored.sale.receipt.lines;
        let index = step.line % lines.len();
        let left = lines[index].qty.get() - line_back[r][index];
        if left == 0 {
            continue;
        }
        let qty = step.share.min(left);
        let returned = json!([{"line": index + 1, "qty": qty, "reason": "change_of_mind", "condition": "unopened"}]);
        let key = format!("{number}-x{n}");
        let (status, body) = match step.exchange {
            None => {
                desk.send("POST", "/api/returns", Some(json!({"receipt_id": chain[r].1, "resolution": "refund", "idempotency_key": key, "lines": returned})))
                    .await
            }
            Some((k, new_qty, tender)) => {
                desk.send("POST", "/api/exchanges", Some(json!({"receipt_id": chain[r].1, "idempotency_key": key, "lines": returned,
                    "new_items": [{"sku": catalogue[k].sku, "qty": new_qty}], "difference_tender": tender})))
                    .await
            }
        };
        if status != StatusCode::OK {
            return Err(format!("step {n} {step:?} on {}: {status} {body}", chain[r].0));
        }
        let ret = if step.exchange.is_some() { &body["return"] } else { &body };
        if ret["status"] != "completed" {
            return Err(format!("step {n} {step:?} not completed: {body}"));
        }
        let line = &ret["decision"]["lines"][0];
        if line["outcome"] == "approved" && line["route"] == "refund" {
            line_back[r][index] += qty;
            line_gross[r][index] += money(&line["gross"]);
        }
        for t in ret["decision"]["tenders"].as_array().unwrap() {
            let kind = t["type"].as_str().unwrap();
            if kind != "exchange" {
                let code = tender_code(serde_json::from_value(t["type"].clone()).unwrap());
                *given[r].entry(code).or_insert(Money::ZERO) += money(&t["amount"]);
            }
        }
        if step.exchange.is_some() {
            for mv in body["moved"].as_array().unwrap() {
                let code = tender_code(serde_json::from_value(mv["type"].clone()).unwrap());
                *moved[r].entry(code).or_insert(Money::ZERO) += money(&mv["receipt_amount"]);
            }
            let new_id = body["new_receipt_id"].as_i64().unwrap();
            // The difference: paid at the desk, or left for the till, which takes it now in cash
            // (before that, the new receipt holds only what moved).
            let (difference_code, difference) = if body["difference_tender"] == "till" {
                let due = money(&body["due"]["amount"]);
                let held = desk.db.find_receipt(&ReceiptKey::Id(new_id)).await.unwrap().unwrap();
                let moved_total: Money = body["moved"].as_array().unwrap().iter().map(|m| money(&m["amount"])).sum();
                let held_total: Money = held.sale.receipt.tenders.iter().map(|t| t.amount).sum();
                if held_total != moved_total {
                    return Err(format!("step {n}: before the till pays, the new receipt holds {held_total}, not the {moved_total} moved"));
                }
                let number = body["number"].as_str().unwrap();
                let (status, paid) = desk
                    .send("POST", &format!("/api/exchange-dues/{number}/pay"), Some(json!({"amount": due, "tender": "cash",
                        "idempotency_key": format!("{key}-till"), "till": "TILL-1", "sale_reference": key})))
                    .await;
                if status != StatusCode::OK {
                    return Err(format!("step {n}: the till could not take {due}: {status} {paid}"));
                }
                ("cash", due)
            } else if money(&body["paid"]).is_positive() {
                (tender_code(serde_json::from_value(body["difference_tender"].clone()).unwrap()), money(&body["paid"]))
            } else {
                ("none", Money::ZERO)
            };
            if difference.is_positive() {
                *charged.entry(difference_code).or_insert(Money::ZERO) += difference;
            }
            let new = desk.db.find_receipt(&ReceiptKey::Id(new_id)).await.unwrap().unwrap();
            // The new receipt's tenders: exactly what moved (per tender) plus the difference paid.
            for kind in kinds {
                let code = tender_code(kind);
                let from_moves: Money = body["moved"].as_array().unwrap().iter().filter(|m| m["type"] == code).map(|m| money(&m["amount"])).sum();
                let from_difference = if difference_code == code { difference } else { Money::ZERO };
                if new.sale.receipt.paid_by(kind) != from_moves + from_difference {
                    return Err(format!("step {n}: the new receipt holds {} on {code}, but {from_moves} moved and {from_difference} was paid", new.sale.receipt.paid_by(kind)));
                }
            }
            line_gross.push(vec![Money::ZERO; new.sale.receipt.lines.len()]);
            line_back.push(vec![0; new.sale.receipt.lines.len()]);
            given.push(BTreeMap::new());
            moved.push(BTreeMap::new());
            chain.push((body["number"].as_str().unwrap().to_string(), new_id));
        }
        // Every receipt of the chain, as the store now holds it.
        let mut total_given: BTreeMap<&'static str, Money> = BTreeMap::new();
        for (i, (no, id)) in chain.iter().enumerate() {
            let now = desk.db.find_receipt(&ReceiptKey::Id(*id)).await.unwrap().unwrap();
            let paid_lines = paid_per_line(&now.sale.receipt);
            for kind in kinds {
                let code = tender_code(kind);
                let back = given[i].get(code).copied().unwrap_or(Money::ZERO);
                let off = moved[i].get(code).copied().unwrap_or(Money::ZERO);
                *total_given.entry(code).or_insert(Money::ZERO) += back;
                let recorded = now.history.refunded_to(kind);
                if recorded != back + off {
                    return Err(format!("after step {n} {step:?}: {no}'s {code} paid back {back} and moved {off}, but {recorded} is recorded"));
                }
                if recorded > now.sale.receipt.paid_by(kind) {
                    return Err(format!("after step {n}: {no}'s {code} gave {recorded}, more than the {} it paid", now.sale.receipt.paid_by(kind)));
                }
            }
            for (l, gross) in line_gross[i].iter().enumerate() {
                let sold = now.sale.receipt.lines[l].qty.get();
                if *gross > paid_lines[l] {
                    return Err(format!("{no} line {} refunded {gross}, more than the {} it paid", l + 1, paid_lines[l]));
                }
                if line_back[i][l] == sold && *gross != paid_lines[l] {
                    return Err(format!("{no} line {} is all back but its refunds add up to {gross}, not the {} it paid", l + 1, paid_lines[l]));
                }
                if now.history.returned_qty(LineNo(l as u32 + 1)) != line_back[i][l] {
                    return Err(format!("{no} line {}: {} units back but the store counts {}", l + 1, line_back[i][l], now.history.returned_qty(LineNo(l as u32 + 1))));
                }
            }
        }
        for (code, back) in &total_given {
            let charged = charged.get(code).copied().unwrap_or(Money::ZERO);
            if *back > charged {
                return Err(format!("after step {n}: {code} got back {back} across the receipts, more than the {charged} charged to it"));
            }
        }
    }
    Ok(())
}

async fn exchange_property_on(db: Arc<dyn Database>, cases: u32) {
    let desk = Desk1::new(db).await;
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let handle = tokio::runtime::Handle::current();
    let n = std::sync::atomic::AtomicU32::new(0);
    let prices = prop::collection::vec(1i64..=4_000, 3);
    let result = runner.run(&(sale(), prices, ex_steps()), |(sale, prices, steps)| {
        let number = format!("PX-{:05}", n.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let outcome = tokio::task::block_in_place(|| handle.block_on(play_exchanges(&desk, &sale, &prices, &steps, &number)));
        prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exchanges_never_give_a_tender_back_more_than_it_paid_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    exchange_property_on(db, 48).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exchanges_never_give_a_tender_back_more_than_it_paid_on_postgres() {
    exchange_property_on(fresh_postgres().await, 24).await;
}

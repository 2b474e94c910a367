//! The end of day (issue 13) from the records, on SQLite and PostgreSQL: a day at S01 (Sofia,
//! UTC+3 in October) built through the desk's own HTTP door — refunds in several tenders, a
//! store-credit return and the voucher spent, a goodwill, an exchange with a difference each
//! way, a claim settled by refund, a manager's override, a denied line, a return at 23:30 local
//! time, returns the day before and just after local midnight (still the 11th in UTC), a return
//! at another desk and one at another store — and every figure of the end of day checked
//! against a sum of what the desk answered for each of those. The JSON's refunds_by_tender, the
//! PDF read back with pdftotext (en and bg), the CSVs parsed, who may see what, the CLI's exit
//! codes.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use returndesk::api::DeskApi;
use returndesk::domain::{Currency, Money, Percent};
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, NewUser, Product, Role, SaleReceipt};
use serde_json::{json, Value};

const DAY: &str = "2026-10-11";

/// What the records made at one desk add up to, summed from the desk's own answers.
#[derive(Debug, Default, Clone, PartialEq)]
struct Figures {
    slips: u64,
    lines_returned: u64,
    lines_denied: u64,
    paid_out: BTreeMap<String, Money>,
    refunded_on_returns: Money,
    goodwill: Money,
    claims_paid: Money,
    exchange_refunded: Money,
    taken: BTreeMap<String, Money>,
    exchange_paid: Money,
    credit_issued: (u64, Money),
    credit_redeemed: (u64, Money),
    fees: Money,
    overrides: u64,
    claims_opened: u64,
    claims_settled: u64,
}

impl Figures {
    fn add(&mut self, o: &Figures) {
        self.slips += o.slips;
        self.lines_returned += o.lines_returned;
        self.lines_denied += o.lines_denied;
        for (t, a) in &o.paid_out {
            *self.paid_out.entry(t.clone()).or_default() += *a;
        }
        for (t, a) in &o.taken {
            *self.taken.entry(t.clone()).or_default() += *a;
        }
        self.refunded_on_returns += o.refunded_on_returns;
        self.goodwill += o.goodwill;
        self.claims_paid += o.claims_paid;
        self.exchange_refunded += o.exchange_refunded;
        self.exchange_paid += o.exchange_paid;
        self.credit_issued = (self.credit_issued.0 + o.credit_issued.0, self.credit_issued.1 + o.credit_issued.1);
        self.credit_redeemed = (self.credit_redeemed.0 + o.credit_redeemed.0, self.credit_redeemed.1 + o.credit_redeemed.1);
        self.fees += o.fees;
        self.overrides += o.overrides;
        self.claims_opened += o.claims_opened;
        self.claims_settled += o.claims_settled;
    }

    fn total_out(&self) -> Money {
        self.paid_out.values().copied().sum()
    }

    /// A recorded return as the desk answered it: its tenders, lines, fee, voucher.
    fn record_return(&mut self, r: &Value, exchange: bool) {
        assert_eq!(r["status"], "completed", "{r}");
        self.slips += 1;
        for l in r["decision"]["lines"].as_array().unwrap() {
            match l["outcome"].as_str().unwrap() {
                "approved" => self.lines_returned += 1,
                "denied" => self.lines_denied += 1,
                "warranty_claim" => {}
                other => panic!("a line {other}: {r}"),
            }
        }
        self.fees += m(&r["decision"]["totals"]["fee"]);
        for t in r["decision"]["tenders"].as_array().unwrap() {
            let (kind, amount) = (t["type"].as_str().unwrap(), m(&t["amount"]));
            match kind {
                "exchange" => {}
                "store_credit" => {
                    self.credit_issued.0 += 1;
                    self.credit_issued.1 += amount;
                }
                _ => {
                    *self.paid_out.entry(kind.into()).or_default() += amount;
                    if exchange {
                        self.exchange_refunded += amount;
                    } else {
                        self.refunded_on_returns += amount;
                    }
                }
            }
        }
        self.claims_opened += r["claims"].as_array().unwrap().len() as u64;
        self.overrides += r["approvals"].as_array().unwrap().iter().filter(|a| a["decision"] == "approve").count() as u64;
    }

    /// Figures as the end of day's JSON gives them.
    fn of(v: &Value) -> Figures {
        let map = |x: &Value| -> BTreeMap<String, Money> { x.as_object().unwrap().iter().map(|(k, a)| (k.clone(), m(a))).collect() };
        let counted = |x: &Value| (x["count"].as_u64().unwrap(), m(&x["total"]));
        Figures {
            slips: v["slip_count"].as_u64().unwrap(),
            lines_returned: v["line_count"].as_u64().unwrap(),
            lines_denied: v["denied_count"].as_u64().unwrap(),
            paid_out: map(&v["refunds_by_tender"]),
            refunded_on_returns: m(&v["refunded_on_returns"]),
            goodwill: m(&v["goodwill_paid"]),
            claims_paid: m(&v["claims_paid"]),
            exchange_refunded: m(&v["exchange_differences_refunded"]),
            taken: map(&v["taken_by_tender"]),
            exchange_paid: m(&v["exchange_differences_paid"]),
            credit_issued: counted(&v["store_credit_issued"]),
            credit_redeemed: counted(&v["store_credit_redeemed"]),
            fees: m(&v["fees"]),
            overrides: v["overrides"].as_array().unwrap().len() as u64,
            claims_opened: v["claims_opened"].as_u64().unwrap(),
            claims_settled: v["claims_settled"].as_u64().unwrap(),
        }
    }
}

fn m(v: &Value) -> Money {
    v.as_str().and_then(|s| Money::parse(s).ok()).unwrap_or_else(|| panic!("not money: {v}"))
}

/// The desk's door with its clock standing at an instant (UTC).
struct Counter {
    db: Arc<dyn Database>,
}

struct At {
    router: axum::Router,
}

impl Counter {
    fn at(&self, instant: &str) -> At {
        let clock = DeskClock::frozen(instant.parse().unwrap());
        At { router: api_router(DeskApi::new(Desk::new(self.db.clone()).with_clock(clock.clone()), clock)) }
    }
}

impl At {
    async fn sign_in(&self, login: &str, pin: &str, desk: &str) -> String {
        let (status, body) = self.send("", "POST", "/api/session", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{login} at {desk}: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn send(&self, token: &str, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, token, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn ok(&self, token: &str, method: &str, uri: &str, body: Value) -> Value {
        let (status, answer) = self.send(token, method, uri, Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{method} {uri}: {answer}");
        answer
    }
}

fn sale(number: &str, store: &str, at: &str, currency: &str, lines: Value, tenders: Value) -> SaleReceipt {
    serde_json::from_value(json!({"number": number, "store": store, "purchased_at": at, "channel": "store", "currency": currency,
        "lines": lines, "receipt_discount": "0.00", "tenders": tenders}))
    .unwrap()
}

fn line(n: u32, sku: &str, category: &str, qty: u32, price: &str) -> Value {
    json!({"line": n, "sku": sku, "name": format!("Item {sku}"), "category": category, "brand": "Linka",
           "qty": qty, "unit_price": price, "discount": "0.00", "vat_rate": "20"})
}

fn returned(receipt_id: i64, key: &str, resolution: &str, lines: Value) -> Value {
    json!({"receipt_id": receipt_id, "resolution": resolution, "idempotency_key": key, "lines": lines})
}

fn unopened(n: u32, qty: u32) -> Value {
    json!({"line": n, "qty": qty, "reason": "change_of_mind", "condition": "unopened"})
}

fn price(sku: &str, cents: i64) -> Product {
    Product {
        sku: sku.into(),
        name: format!("Item {sku}"),
        category: "apparel".into(),
        brand: "Linka".into(),
        serial_tracked: false,
        unit_price: Some(Money::from_cents(cents)),
        currency: Some(Currency::EUR),
        vat_rate: Some(Percent::parse("20").unwrap()),
        barcode: None,
    }
}

async fn set_up(db: Arc<dyn Database>) -> Counter {
    set_up_stores(db.as_ref()).await;
    db.put_terminal("S01", "DESK-2").await.unwrap();
    db.put_terminal("S03", "MSK-1").await.unwrap();
    db.put_user(&NewUser {
        store_code: None,
        login: "boss".into(),
        display_name: "Elena Boss".into(),
        role: Role::Manager,
        pin_hash: returndesk::demo::hash_pin("5555").unwrap(),
        refund_limit: None,
        approval_limit: None,
    })
    .await
    .unwrap();
    db.put_products(&[price("SHOE-42", 6_500), price("SOCKS", 1_200)]).await.unwrap();
    let recent = "2026-10-05T12:00:00";
    let card_cash = |card: &str, cash: &str| json!([{"type": "card", "amount": card, "card_last4": "4242"}, {"type": "cash", "amount": cash}]);
    let jackets = |n: &str| sale(n, "S01", recent, "EUR", json!([line(1, "JACKET", "apparel", 2, "50.00"), line(2, "CABLE", "accessories", 1, "20.00")]), card_cash("80.00", "40.00"));
    let lamp = |n: &str, at: &str| sale(n, "S01", at, "EUR", json!([line(1, "LAMP", "apparel", 1, "40.00")]), card_cash("30.00", "10.00"));
    db.import_receipts(&[
        sale("A", "S01", recent, "EUR",
            json!([line(1, "LAMP", "apparel", 1, "100.00"), line(2, "BULB", "apparel", 2, "10.00"), line(3, "HEADPHONES", "electronics", 1, "200.00")]),
            card_cash("250.00", "70.00")),
        sale("B", "S01", recent, "EUR", json!([line(1, "LAMP", "apparel", 1, "50.00")]), json!([{"type": "gift_card", "amount": "50.00"}])),
        jackets("C"),
        jackets("D"),
        lamp("E", "2026-08-01T12:00:00"),
        sale("F", "S01", recent, "EUR", json!([line(1, "LAMP", "apparel", 1, "40.00"), line(2, "SHAVER", "personal_care", 1, "60.00")]), card_cash("60.00", "40.00")),
        lamp("G", recent),
        lamp("H", recent),
        lamp("I", recent),
        lamp("J", recent),
        sale("T", "S01", "2026-08-20T12:00:00", "EUR",
            json!([{"line": 1, "sku": "TV-55", "name": "Television 55in", "category": "electronics", "brand": "Acme", "qty": 1,
                    "unit_price": "399.00", "discount": "0.00", "vat_rate": "20", "serials": ["TV55-000777"]}]),
            json!([{"type": "card", "amount": "399.00", "card_last4": "4242"}])),
        sale("T2", "S01", "2026-09-20T12:00:00", "EUR",
            json!([{"line": 1, "sku": "TV-55", "name": "Television 55in", "category": "electronics", "brand": "Acme", "qty": 1,
                    "unit_price": "499.00", "discount": "0.00", "vat_rate": "20", "serials": ["TV55-000778"]}]),
            json!([{"type": "cash", "amount": "499.00"}])),
        sale("M", "S03", "2026-10-09T12:00:00", "RUB", json!([line(1, "KETTLE", "appliances", 1, "3000.00")]), json!([{"type": "cash", "amount": "3000.00"}])),
    ])
    .await
    .unwrap();
    Counter { db }
}

async fn receipt_id(at: &At, token: &str, number: &str) -> i64 {
    let (status, body) = at.send(token, "GET", &format!("/api/receipts/lookup?code={number}"), None).await;
    assert_eq!(status, StatusCode::OK, "{number}: {body}");
    body["id"].as_i64().unwrap()
}

/// The day, made through the desk: what each desk's records add up to.
async fn make_the_day(c: &Counter) -> HashMap<&'static str, Figures> {
    let mut desks: HashMap<&'static str, Figures> = HashMap::new();
    // A claim filed on 1 September and at the service since: overdue by the 11th.
    let sept = c.at("2026-09-01T07:00:00Z");
    let maria = sept.sign_in("maria", "1234", "DESK-1").await;
    let tv = receipt_id(&sept, &maria, "T").await;
    let filed = sept
        .ok(&maria, "POST", "/api/returns", json!({"receipt_id": tv, "resolution": "repair", "idempotency_key": "tv-claim",
            "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture", "serial": "TV55-000777", "remedy_asked": "repair"}],
            "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}}))
        .await;
    let claim = filed["claims"][0]["id"].as_i64().unwrap();
    sept.ok(&maria, "POST", &format!("/api/claims/{claim}/steps"), json!({"id": claim, "step": "send_to_service", "service_partner": "TechService"})).await;

    // The day before, 20:00 in Sofia: not the 11th.
    let before = c.at("2026-10-10T17:00:00Z");
    let maria = before.sign_in("maria", "1234", "DESK-1").await;
    let j = receipt_id(&before, &maria, "J").await;
    before.ok(&maria, "POST", "/api/returns", returned(j, "j", "refund", json!([unopened(1, 1)]))).await;

    // 09:00: the lamp and the opened headphones (a restocking fee), card and cash.
    let at = c.at("2026-10-11T06:00:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let a = receipt_id(&at, &maria, "A").await;
    let r = at
        .ok(&maria, "POST", "/api/returns", returned(a, "a1", "refund",
            json!([unopened(1, 1), {"line": 3, "qty": 1, "reason": "change_of_mind", "condition": "opened"}])))
        .await;
    assert!(m(&r["decision"]["totals"]["fee"]) > Money::ZERO, "{r}");
    assert!(r["decision"]["tenders"].as_array().unwrap().len() >= 2, "several tenders: {r}");
    desks.entry("DESK-1").or_default().record_return(&r, false);

    // 09:30: a TV claimed at DESK-1, repaired at the service and handed back by 18:00 (below).
    let at = c.at("2026-10-11T06:30:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let t2 = receipt_id(&at, &maria, "T2").await;
    let filed = at
        .ok(&maria, "POST", "/api/returns", json!({"receipt_id": t2, "resolution": "repair", "idempotency_key": "tv2-claim",
            "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no sound", "serial": "TV55-000778", "remedy_asked": "repair"}],
            "customer": {"name": "Petar Georgiev", "contact": "+359 88 765 4321"}}))
        .await;
    let repaired = filed["claims"][0]["id"].as_i64().unwrap();
    desks.entry("DESK-1").or_default().record_return(&filed, false);

    // 10:00: the bulbs as store credit.
    let at = c.at("2026-10-11T07:00:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let r = at.ok(&maria, "POST", "/api/returns", returned(a, "a2", "store_credit", json!([unopened(2, 2)]))).await;
    let voucher = r["voucher"]["code"].as_str().unwrap().to_string();
    desks.entry("DESK-1").or_default().record_return(&r, false);

    // 11:00: a goodwill on B by the manager at DESK-2 (back to the gift card).
    let at = c.at("2026-10-11T08:00:00Z");
    let georgi = at.sign_in("georgi", "9999", "DESK-2").await;
    let b = receipt_id(&at, &georgi, "B").await;
    let g = at
        .ok(&georgi, "POST", &format!("/api/receipts/{b}/goodwill"),
            json!({"line": 1, "amount": "15.00", "reason": "scratched on delivery", "idempotency_key": "g1"}))
        .await;
    for t in g["tenders"].as_array().unwrap() {
        let f = desks.entry("DESK-2").or_default();
        *f.paid_out.entry(t["type"].as_str().unwrap().into()).or_default() += m(&t["amount"]);
        f.goodwill += m(&t["amount"]);
    }

    // 12:00: a jacket for a dearer shoe, 15.00 paid in cash; 12:30: one for socks, 38.00 back.
    let at = c.at("2026-10-11T09:00:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let cid = receipt_id(&at, &maria, "C").await;
    let x = at
        .ok(&maria, "POST", "/api/exchanges", json!({"receipt_id": cid, "idempotency_key": "x1", "difference_tender": "cash",
            "new_items": [{"sku": "SHOE-42", "qty": 1}], "lines": [unopened(1, 1)]}))
        .await;
    assert_eq!(m(&x["paid"]), Money::from_cents(1_500), "{x}");
    let f = desks.entry("DESK-1").or_default();
    f.record_return(&x["return"], true);
    *f.taken.entry("cash".into()).or_default() += m(&x["paid"]);
    f.exchange_paid += m(&x["paid"]);
    let at = c.at("2026-10-11T09:30:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let did = receipt_id(&at, &maria, "D").await;
    let x = at
        .ok(&maria, "POST", "/api/exchanges", json!({"receipt_id": did, "idempotency_key": "x2",
            "new_items": [{"sku": "SOCKS", "qty": 1}], "lines": [unopened(1, 1)]}))
        .await;
    assert_eq!(m(&x["given_back"]), Money::from_cents(3_800), "{x}");
    desks.entry("DESK-1").or_default().record_return(&x["return"], true);

    // 13:00: the overdue claim settled by refund at DESK-2.
    let at = c.at("2026-10-11T10:00:00Z");
    let georgi = at.sign_in("georgi", "9999", "DESK-2").await;
    let s = at
        .ok(&georgi, "POST", &format!("/api/claims/{claim}/settlement"), json!({"id": claim, "remedy": "refund", "idempotency_key": "s1"}))
        .await;
    let f = desks.entry("DESK-2").or_default();
    for t in s["settlement"]["tenders"].as_array().unwrap() {
        *f.paid_out.entry(t["type"].as_str().unwrap().into()).or_default() += m(&t["amount"]);
        f.claims_paid += m(&t["amount"]);
    }
    f.claims_settled += 1;

    // 14:00: a late return a manager overrides at DESK-1 with his PIN.
    let at = c.at("2026-10-11T11:00:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let e = receipt_id(&at, &maria, "E").await;
    let mut late = returned(e, "e1", "refund", json!([unopened(1, 1)]));
    late["manager"] = json!({"manager_login": "georgi", "manager_pin": "9999", "decision": "approve", "reason": "hospital stay, note seen", "lines": [1]});
    let r = at.ok(&maria, "POST", "/api/returns", late).await;
    assert!(!r["approvals"].as_array().unwrap().is_empty(), "{r}");
    desks.entry("DESK-1").or_default().record_return(&r, false);

    // 15:00: a lamp back and a shaver denied (hygiene).
    let at = c.at("2026-10-11T12:00:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let fid = receipt_id(&at, &maria, "F").await;
    let r = at.ok(&maria, "POST", "/api/returns", returned(fid, "f1", "refund", json!([unopened(1, 1), unopened(2, 1)]))).await;
    assert_eq!(r["decision"]["lines"][1]["outcome"], "denied", "{r}");
    desks.entry("DESK-1").or_default().record_return(&r, false);

    // 16:00: a return at the other desk; 17:00 part of the voucher spent there.
    let at = c.at("2026-10-11T13:00:00Z");
    let maria2 = at.sign_in("maria", "1234", "DESK-2").await;
    let gid = receipt_id(&at, &maria2, "G").await;
    let r = at.ok(&maria2, "POST", "/api/returns", returned(gid, "g-ret", "refund", json!([unopened(1, 1)]))).await;
    desks.entry("DESK-2").or_default().record_return(&r, false);
    let at = c.at("2026-10-11T14:00:00Z");
    let maria2 = at.sign_in("maria", "1234", "DESK-2").await;
    let spent = at
        .ok(&maria2, "POST", &format!("/api/vouchers/{voucher}/redeem"),
            json!({"code": voucher, "amount": "5.00", "idempotency_key": "spend-1", "till": "TILL-3", "sale_reference": "S-991"}))
        .await;
    assert_eq!(m(&spent["balance"]), Money::from_cents(1_500), "{spent}");
    let f = desks.entry("DESK-2").or_default();
    f.credit_redeemed = (1, Money::from_cents(500));

    // 18:00: the repaired TV goes back to its customer (at DESK-2: the step keeps no desk, the
    // claim counts at the desk that took it in).
    let at = c.at("2026-10-11T15:00:00Z");
    let georgi = at.sign_in("georgi", "9999", "DESK-2").await;
    for step in [
        json!({"id": repaired, "step": "send_to_service", "service_partner": "TechService"}),
        json!({"id": repaired, "step": "back_from_service", "service_outcome": "repaired", "finding": "new amplifier board"}),
        json!({"id": repaired, "step": "inform_customer", "informed_how": "sms"}),
        json!({"id": repaired, "step": "hand_back"}),
    ] {
        at.ok(&georgi, "POST", &format!("/api/claims/{repaired}/steps"), step).await;
    }
    desks.entry("DESK-1").or_default().claims_settled += 1;

    // 23:30 in Sofia: still the 11th.
    let at = c.at("2026-10-11T20:30:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let h = receipt_id(&at, &maria, "H").await;
    let r = at.ok(&maria, "POST", "/api/returns", returned(h, "h", "refund", json!([unopened(1, 1)]))).await;
    desks.entry("DESK-1").or_default().record_return(&r, false);

    // 00:30 on the 12th in Sofia — 21:30 on the 11th in UTC: not the store's 11th.
    let at = c.at("2026-10-11T21:30:00Z");
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let i = receipt_id(&at, &maria, "I").await;
    at.ok(&maria, "POST", "/api/returns", returned(i, "i", "refund", json!([unopened(1, 1)]))).await;

    // Another store's return the same day: not S01's.
    let at = c.at("2026-10-11T09:00:00Z");
    let boss = at.sign_in("boss", "5555", "MSK-1").await;
    let mid = receipt_id(&at, &boss, "M").await;
    at.ok(&boss, "POST", "/api/returns", returned(mid, "msk", "refund", json!([unopened(1, 1)]))).await;
    desks
}

async fn the_day_adds_up(db: Arc<dyn Database>, location: String) {
    let c = set_up(db).await;
    let desks = make_the_day(&c).await;
    let mut store = Figures::default();
    for f in desks.values() {
        store.add(f);
    }
    assert!(store.paid_out.len() >= 3, "cash, card and gift card paid out: {store:?}");

    let at = c.at("2026-10-12T06:00:00Z");
    let georgi = at.sign_in("georgi", "9999", "DESK-2").await;
    let (status, eod) = at.send(&georgi, "GET", &format!("/api/end-of-day?day={DAY}"), None).await;
    assert_eq!(status, StatusCode::OK, "{eod}");
    assert_eq!((eod["store"].as_str(), eod["desk"].as_str(), eod["currency"].as_str()), (Some("S01"), None, Some("EUR")));
    assert_eq!(Figures::of(&eod["totals"]), store, "the store's day against the desk's answers");
    let refunds: BTreeMap<String, Money> = eod["refunds_by_tender"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), m(v))).collect();
    assert_eq!(refunds, store.paid_out);
    assert_eq!(m(&eod["totals"]["total_refund"]), store.total_out());
    // The money out by where it came from adds up to the money out by tender.
    let t = &eod["totals"];
    assert_eq!(m(&t["refunded_on_returns"]) + m(&t["goodwill_paid"]) + m(&t["claims_paid"]) + m(&t["exchange_differences_refunded"]), store.total_out());
    assert_eq!(eod["returns"].as_array().unwrap().len() as u64, store.slips);
    let sections = eod["desks"].as_array().unwrap();
    assert_eq!(sections.iter().map(|s| s["desk"].as_str().unwrap()).collect::<Vec<_>>(), ["DESK-1", "DESK-2"]);
    for s in sections {
        let desk = s["desk"].as_str().unwrap();
        assert_eq!(Figures::of(s), desks[desk], "desk {desk}");
    }
    // The drawer: taken − paid out, per tender.
    let cash_drawer = store.taken.get("cash").copied().unwrap_or_default() - store.paid_out["cash"];
    assert_eq!(eod["totals"]["drawer_by_tender"]["cash"].as_str().unwrap(), cash_drawer.to_string());
    assert_eq!(eod["totals"]["claims_settled"], 2, "one paid, one handed back");
    assert_eq!(eod["totals"]["claims_opened"], 1, "the claim settled by refund was opened in September");

    // One desk.
    let (status, one) = at.send(&georgi, "GET", &format!("/api/end-of-day?day={DAY}&desk=DESK-1"), None).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!((one["desk"].as_str(), one["desks"].as_array().map(Vec::len)), (Some("DESK-1"), Some(0)));
    assert_eq!(Figures::of(&one["totals"]), desks["DESK-1"]);
    // A clerk: their own desk's, and no other.
    let maria = at.sign_in("maria", "1234", "DESK-1").await;
    let (status, own) = at.send(&maria, "GET", &format!("/api/end-of-day?day={DAY}"), None).await;
    assert_eq!((status, own["desk"].as_str()), (StatusCode::OK, Some("DESK-1")), "{own}");
    assert_eq!(Figures::of(&own["totals"]), desks["DESK-1"]);
    for uri in [format!("/api/end-of-day?day={DAY}&desk=DESK-2"), format!("/api/end-of-day?day={DAY}&store=S03")] {
        let (status, body) = at.send(&maria, "GET", &uri, None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{uri}: {body}");
    }
    // A manager of S01 only: S03 is not theirs; a desk that is not the store's, a day that is no day: 400 naming them.
    let (status, body) = at.send(&georgi, "GET", &format!("/api/end-of-day?day={DAY}&store=S03"), None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{body}");
    let (status, body) = at.send(&georgi, "GET", &format!("/api/end-of-day/document.pdf?day={DAY}&store=S03"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    for (uri, field) in [(format!("/api/end-of-day?day={DAY}&desk=MSK-1"), "desk"), ("/api/end-of-day?day=2026-13-01".to_string(), "day")] {
        let (status, body) = at.send(&georgi, "GET", &uri, None).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{uri}: {body}");
    }
    // The other store's day is its own (the one who works there sees it).
    let boss = at.sign_in("boss", "5555", "MSK-1").await;
    let (status, msk) = at.send(&boss, "GET", &format!("/api/end-of-day?day={DAY}&store=S03"), None).await;
    assert_eq!(status, StatusCode::OK, "{msk}");
    assert_eq!((msk["totals"]["slip_count"].as_u64(), msk["currency"].as_str()), (Some(1), Some("RUB")));

    // The paper: every tender's money and the total, as printed, in en and bg, roll and A4.
    for (lang, layout) in [("en", "80mm"), ("bg", "a4"), ("en", "a4"), ("bg", "80mm")] {
        let (status, pdf) = through_router(&at.router, "GET", &format!("/api/end-of-day/document.pdf?day={DAY}&lang={lang}&layout={layout}"), &georgi, None).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
        let text = pdf_text(&pdf);
        let printed = |a: Money| match lang {
            "en" => format!("€{}", a.amount()),
            _ => format!("{} €", a.to_string().replace('.', ",")),
        };
        for (tender, amount) in &store.paid_out {
            assert!(text.contains(&printed(*amount)), "{lang} {layout}: {tender} {} not in {text}", printed(*amount));
        }
        assert!(text.contains(&printed(store.total_out())), "{lang}: the total {} not in {text}", printed(store.total_out()));
        let (desk_word, cash_word) = if lang == "en" { ("Desk DESK-2", "Cash") } else { ("Каса DESK-2", "В брой") };
        assert!(text.contains(desk_word) && text.contains(cash_word), "{lang}: {text}");
    }

    // Printing goes through the store's printer: none chosen yet, said by its code, nothing sent.
    let (status, body) = at.send(&georgi, "POST", "/api/end-of-day/print", Some(json!({"day": DAY, "layout": "a4"}))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("NO_PRINTER")), "{body}");

    // The command line: JSON, CSV, PDF, the returns, and bad arguments (exit 2 naming them).
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_returndesk"))
            .args(args)
            .args(["--db", &location])
            .env_remove("RETURNDESK_NOW")
            .output()
            .unwrap()
    };
    let out = cli(&["report", "end-of-day", "--store", "S01", "--date", DAY, "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_tender: BTreeMap<String, String> =
        json["refunds_by_tender"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
    let expected: BTreeMap<String, String> = store.paid_out.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
    assert_eq!(by_tender, expected, "the JSON's refunds_by_tender, exact decimals");
    let out = cli(&["report", "end-of-day", "--store", "S01", "--date", DAY, "--desk", "DESK-2", "--format", "csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows[0], ["store", "day", "currency", "desk", "figure", "tender", "count", "amount"]);
    let cell = |figure: &str, tender: &str| rows.iter().find(|r| r[4] == figure && r[5] == tender).map(|r| r[7].clone());
    for (tender, amount) in &desks["DESK-2"].paid_out {
        assert_eq!(cell("paid_out", tender), Some(amount.to_string()), "{rows:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("eod.pdf");
    let out = cli(&["report", "end-of-day", "--store", "S01", "--date", DAY, "--format", "pdf", "--lang", "bg", "--layout", "a4", "--out", pdf_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&std::fs::read(&pdf_path).unwrap());
    assert!(text.contains(&format!("{} €", store.total_out().to_string().replace('.', ","))), "{text}");
    let out = cli(&["report", "returns", "--store", "S01", "--from", "2026-10-10", "--to", DAY, "--format", "csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len() as u64 - 1, store.slips + 1, "the 11th's returns and the one of the 10th (not the 12th's): {rows:?}");
    let total = rows[0].iter().position(|h| h == "total").unwrap();
    let sum: Money = rows[1..].iter().map(|r| Money::parse(&r[total]).unwrap()).sum();
    assert!(sum > Money::ZERO);
    let last = rows.last().unwrap();
    assert_eq!((last[1].as_str(), last[2].as_str(), last[4].as_str()), ("2026-10-11 23:30:00", "DESK-1", "H"), "local time: {last:?}");
    for (args, flag) in [
        (vec!["report", "end-of-day", "--store", "S99", "--date", DAY, "--format", "json"], "--store"),
        (vec!["report", "end-of-day", "--store", "S01", "--date", "2026-02-30", "--format", "json"], "--date"),
        (vec!["report", "end-of-day", "--store", "S01", "--date", DAY, "--format", "xml"], "--format"),
        (vec!["report", "end-of-day", "--store", "S01", "--date", DAY, "--desk", "NOPE", "--format", "csv"], "--desk"),
        (vec!["report", "returns", "--store", "S01", "--from", DAY, "--to", "2026-10-01", "--format", "csv"], "--from"),
    ] {
        let out = cli(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(flag), "{args:?}: {err}");
    }
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.expect("valid CSV").iter().map(str::to_string).collect()).collect();
    assert!(rows.len() > 1 && rows.iter().all(|r| r.len() == rows[0].len()), "{rows:?}");
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_end_of_day_adds_up_to_the_records_of_the_stores_day_on_sqlite() {
    let (dir, db) = fresh_sqlite().await;
    let location = dir.path().join("desk.db").to_str().unwrap().to_string();
    the_day_adds_up(db, location).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_end_of_day_adds_up_to_the_records_of_the_stores_day_on_postgres() {
    let (url, db) = fresh_postgres_at().await;
    the_day_adds_up(db, url).await;
}

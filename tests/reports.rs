//! Issue 13, reports: every figure of every table, computed a second way.
//!
//! A generated store (receipts of S01 on several days, returns through the desk's HTTP door on
//! several days and both desks: refunds, store credit, denials, manager overrides, warranty
//! claims, some with the desk's scan instant and some without; S03 beside it with its own sale
//! and return) on SQLite and PostgreSQL. The report is then recomputed here from what the test
//! did and what the store reads back per return (`return_by_id`, the receipt's history), with
//! plain loops, and must agree to the cent, cell by cell. Also: another store's data never
//! shows, a store the manager does not work in is 403, bad filters are 400 naming the field,
//! and a period with nothing is empty tables, not an error.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use common::*;
use returndesk::api::DeskApi;
use returndesk::domain::Money;
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, ReceiptKey, Role, SaleReceipt};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};

const FROM: &str = "2026-09-28";
const TO: &str = "2026-10-18";
/// The instants the desks work at (UTC; Sofia is UTC+3): the first is 01:30 on 6 October in
/// Sofia, still 5 October in UTC — the store's day counts.
const DAYS: [&str; 4] = ["2026-10-05T22:30:00Z", "2026-10-07T08:00:00Z", "2026-10-12T09:15:00Z", "2026-10-14T12:00:00Z"];
/// When the manager reads the report.
const REPORT_AT: &str = "2026-10-16T09:00:00Z";

struct Counter {
    router: axum::Router,
}

impl Counter {
    fn at(db: &Arc<dyn Database>, utc: &str) -> Counter {
        let clock = DeskClock::frozen(utc.parse().unwrap());
        Counter { router: api_router(DeskApi::new(Desk::new(db.clone()), clock)) }
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, token, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn token(&self, login: &str, pin: &str, desk: Option<&str>) -> String {
        let (status, body) = self.send("POST", "/api/session", "", Some(json!({"login": login, "pin": pin, "terminal": desk}))).await;
        assert_eq!(status, StatusCode::OK, "{login} signs in: {body}");
        body["token"].as_str().unwrap().to_string()
    }
}

/// What the test did for one return.
struct Made {
    id: i64,
    desk: &'static str,
    since_scan_ms: Option<u64>,
    /// The customer's rating and comment, given at the counter when the return was recorded.
    rated: Option<(i64, String)>,
    clerk: &'static str,
    at: &'static str,
}

fn receipt(n: usize) -> SaleReceipt {
    let mut r = sofia_receipt(&format!("S01-R{n:03}"));
    r.receipt.purchased_at = format!("2026-10-0{}T1{}:30:00", 1 + n % 5, n % 10).parse().unwrap();
    r
}

async fn story(db: Arc<dyn Database>) {
    let (_, _) = set_up_stores(db.as_ref()).await;
    db.put_terminal("S01", "DESK-2").await.unwrap();
    put_moscow_user(db.as_ref(), Role::Clerk, "4321").await;
    let receipts: Vec<SaleReceipt> = (0..12).map(receipt).collect();
    db.import_receipts(&receipts).await.unwrap();
    // Before the period: sold, never counted.
    let mut early = sofia_receipt("S01-EARLY");
    early.receipt.purchased_at = "2026-08-01T10:00:00".parse().unwrap();
    db.import_receipts(&[early, moscow_receipt("S03-R1")]).await.unwrap();

    let mut made: Vec<Made> = Vec::new();
    for (n, r) in receipts.iter().enumerate() {
        let counter = Counter::at(&db, DAYS[n % DAYS.len()]);
        let (login, pin, desk) = if n % 3 == 0 { ("georgi", "9999", "DESK-2") } else { ("maria", "1234", "DESK-1") };
        let token = counter.token(login, pin, Some(desk)).await;
        let (_, found) = counter.send("GET", &format!("/api/receipts/lookup?code={}", r.receipt.number), &token, None).await;
        let receipt_id = found["id"].as_i64().expect("the receipt is found");
        let since_scan_ms = (n % 4 != 3).then(|| 1000 * (20 + 37 * n as u64 % 400));
        let mut draft = match n % 4 {
            0 => json!({"resolution": "refund", "lines": [{"line": 2, "qty": 1 + n % 2, "reason": "change_of_mind", "condition": "unopened"}]}),
            1 => json!({"resolution": "store_credit", "lines": [{"line": 3, "qty": 1, "reason": "change_of_mind", "condition": "opened"},
                                                               {"line": 4, "qty": 1, "reason": "not_as_described", "condition": "unopened"}]}),
            2 => json!({"resolution": "refund", "lines": [{"line": 4, "qty": 2, "reason": "change_of_mind", "condition": "used"},
                                                         {"line": 2, "qty": 3, "reason": "wrong_item", "condition": "damaged"}]}),
            _ => json!({"resolution": "repair", "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture",
                        "serial": "TV55-000123", "accessories": "remote", "item_state": "scratched", "remedy_asked": "repair"}],
                        "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}}),
        };
        draft["receipt_id"] = json!(receipt_id);
        draft["idempotency_key"] = json!(format!("k{n}"));
        if let Some(ms) = since_scan_ms {
            draft["since_scan_ms"] = json!(ms);
        }
        // A manager decides the denial of used batteries at the desk (approves the override,
        // or declines it); any other return the desk may not record alone is decided too.
        let lines: Vec<u64> = match n % 4 {
            2 => vec![4],
            _ => draft["lines"].as_array().unwrap().iter().map(|l| l["line"].as_u64().unwrap()).collect(),
        };
        let decision = if n % 8 == 6 { "decline" } else { "approve" };
        let with_manager = {
            let mut d = draft.clone();
            d["idempotency_key"] = json!(format!("k{n}-m"));
            d["manager"] = json!({"manager_login": "georgi", "manager_pin": "9999", "decision": decision, "reason": "customer of long standing", "lines": lines});
            d
        };
        let tries = if n % 4 == 2 { [with_manager, draft] } else { [draft, with_manager] };
        let (mut status, mut body) = (StatusCode::IM_A_TEAPOT, Value::Null);
        for attempt in tries {
            (status, body) = counter.send("POST", "/api/returns", &token, Some(attempt)).await;
            if status == StatusCode::OK {
                break;
            }
        }
        assert_eq!(status, StatusCode::OK, "return {n}: {body}");
        let id = body["id"].as_i64().unwrap();
        // Most customers rate the service on the customer view; some leave a comment.
        let rated = (n % 3 != 2).then(|| (1 + (n as i64 * 2) % 5, if n % 2 == 0 { format!("Бързо, благодаря ({n})") } else { String::new() }));
        if let Some((stars, comment)) = &rated {
            let (status, body) = counter
                .send("POST", "/api/feedback", &token, Some(json!({"return_id": id, "rating": stars, "comment": comment, "lang": "bg"})))
                .await;
            assert_eq!(status, StatusCode::OK, "rating of return {n}: {body}");
        }
        let clerk = if login == "georgi" { "Georgi Dimitrov" } else { "Maria Ivanova" };
        made.push(Made { id, desk, since_scan_ms, rated, clerk, at: DAYS[n % DAYS.len()] });
    }
    // A return at S03, by its own clerk: never in S01's figures.
    let moscow = Counter::at(&db, DAYS[1]);
    let olga = moscow.token("olga", "4321", None).await;
    let (_, found) = moscow.send("GET", "/api/receipts/lookup?code=S03-R1", &olga, None).await;
    let (status, body) = moscow
        .send("POST", "/api/returns", &olga, Some(json!({"receipt_id": found["id"], "resolution": "refund", "idempotency_key": "m1", "since_scan_ms": 5000,
            "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let outcomes: BTreeSet<String> = {
        let mut s = BTreeSet::new();
        for m in &made {
            s.insert(returndesk::store::code_of(&db.return_by_id(m.id).await.unwrap().unwrap().outcome));
        }
        s
    };
    assert!(outcomes.len() >= 2, "the story makes mixed outcomes: {outcomes:?}");

    let desk = Counter::at(&db, REPORT_AT);
    let manager = desk.token("georgi", "9999", Some("DESK-2")).await;
    let today: NaiveDate = "2026-10-16".parse().unwrap();
    for grain in ["day", "week", "month"] {
        let (status, report) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&grain={grain}"), &manager, None).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        let expected = expected_report(db.as_ref(), &made, &receipts, grain, None, today).await;
        agree(&report, &expected, &format!("grain {grain}"));
        // The story gives every table something to show (an empty table would agree trivially).
        for t in report["tables"].as_array().unwrap() {
            assert!(!t["rows"].as_array().unwrap().is_empty(), "grain {grain}: {} has rows", t["id"]);
        }
        assert_eq!(report["handling_left_out"], json!(made.iter().filter(|m| m.since_scan_ms.is_none()).count()), "returns without a scan are counted as left out");
    }
    // One desk: the returns of the other desk are not counted (sales are the store's).
    let (status, report) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&grain=week&desk=DESK-2"), &manager, None).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let expected = expected_report(db.as_ref(), &made, &receipts, "week", Some("DESK-2"), today).await;
    agree(&report, &expected, "desk DESK-2");
    let rows = |report: &Value, id: &str| report["tables"].as_array().unwrap().iter().find(|t| t["id"] == id).unwrap()["rows"].as_array().unwrap().len();
    assert!(rows(&report, "returns_by_outcome") > 0);

    // Another store's figures never show: S03's SKU and clerk are nowhere in S01's report.
    let text = report.to_string();
    assert!(!text.contains("Olga") && !text.contains(&moscow_receipt("x").receipt.lines[0].sku), "S03's data leaked into S01's report");

    // A store the manager does not work in; a period that ends before it starts; a desk and a
    // clerk the store does not have; a grain that is not one.
    let (status, body) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}&store=S03"), &manager, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{body}");
    for (query, field) in [
        (format!("from={TO}&to={FROM}"), "to"),
        (format!("from={FROM}&to={TO}&desk=DESK-9"), "desk"),
        (format!("from={FROM}&to={TO}&clerk=999999"), "clerk"),
        (format!("from={FROM}&to={TO}&grain=year"), "grain"),
        (format!("from=2026-13-01&to={TO}"), "from"),
    ] {
        let (status, body) = desk.send("GET", &format!("/api/reports?{query}"), &manager, None).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{query}: {body}");
    }
    // A clerk may not read reports.
    let clerk = desk.token("maria", "1234", Some("DESK-1")).await;
    let (status, _) = desk.send("GET", &format!("/api/reports?from={FROM}&to={TO}"), &clerk, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nothing happened in 2025: every table is there, empty.
    let (status, empty) = desk.send("GET", "/api/reports?from=2025-01-01&to=2025-01-31", &manager, None).await;
    assert_eq!(status, StatusCode::OK, "{empty}");
    let tables = empty["tables"].as_array().unwrap();
    assert!(tables.len() >= 19, "{empty}");
    for t in tables {
        assert_eq!(t["rows"], json!([]), "{} is empty in a period with nothing", t["id"]);
    }
}

/// Rows keyed by their first column(s), each cell compared as text.
fn agree(report: &Value, expected: &BTreeMap<String, Vec<Vec<String>>>, what: &str) {
    let tables = report["tables"].as_array().unwrap();
    for (id, want) in expected {
        let table = tables.iter().find(|t| t["id"] == id.as_str()).unwrap_or_else(|| panic!("{what}: no table {id}"));
        let got: Vec<Vec<String>> = table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect())
            .collect();
        let (mut got_sorted, mut want_sorted) = (got.clone(), want.clone());
        got_sorted.sort();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted, "{what}: table {id}");
    }
    let ids: BTreeSet<&str> = tables.iter().map(|t| t["id"].as_str().unwrap()).collect();
    let checked: BTreeSet<&str> = expected.keys().map(String::as_str).collect();
    assert_eq!(ids, checked, "{what}: every table is checked");
}

fn qty(q: returndesk::domain::Quantity) -> i64 {
    i64::from(q.get())
}

fn cents(text: &str) -> i64 {
    Money::parse(text).unwrap_or_else(|_| panic!("{text} is money")).cents()
}

fn money(c: i64) -> String {
    Money::from_cents(c).to_string()
}

fn pct(part: i64, whole: i64) -> String {
    if whole == 0 {
        return String::new();
    }
    let mut p = (Decimal::from(part) * Decimal::from(100) / Decimal::from(whole)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    p.to_string()
}

fn tenths(num: i64, den: i64) -> String {
    let mut p = (Decimal::from(num) / Decimal::from(den)).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(1);
    p.to_string()
}

fn period(day: NaiveDate, grain: &str) -> NaiveDate {
    match grain {
        "day" => day,
        "week" => day - Duration::days(day.weekday().num_days_from_monday() as i64),
        _ => NaiveDate::from_ymd_opt(day.year(), day.month(), 1).unwrap(),
    }
}

fn sofia_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Sofia).date_naive()
}

/// The report as the records say it should be, computed here.
async fn expected_report(db: &dyn Database, made: &[Made], receipts: &[SaleReceipt], grain: &str, desk: Option<&str>, today: NaiveDate) -> BTreeMap<String, Vec<Vec<String>>> {
    let (from, to): (NaiveDate, NaiveDate) = (FROM.parse().unwrap(), TO.parse().unwrap());
    let mut t: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    let mut over_time: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut outcome: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut resolution: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut tender: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    // key → (sold units, returned units, sold cents, returned cents)
    let mut by_cat: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    let mut by_brand: BTreeMap<(String, String), [i64; 4]> = BTreeMap::new();
    let mut by_sku: BTreeMap<(String, String), ([i64; 4], String)> = BTreeMap::new();
    for r in receipts {
        for l in &r.receipt.lines {
            let net = l.unit_price.cents() * qty(l.qty) - l.discount.cents();
            for (map, key) in [(&mut by_cat, &l.category), (&mut by_brand, &l.brand)] {
                let e = map.entry((key.clone(), "EUR".into())).or_default();
                e[0] += qty(l.qty);
                e[2] += net;
            }
        }
    }
    let mut top: BTreeMap<String, (String, i64, i64, BTreeMap<String, i64>)> = BTreeMap::new();
    let mut grid: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    let mut denials: BTreeMap<String, i64> = BTreeMap::new();
    let mut per_manager: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    let mut per_clerk: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    let mut handling: [BTreeMap<String, Vec<i64>>; 3] = Default::default();
    let mut claims_opened: BTreeMap<String, i64> = BTreeMap::new();
    let (mut open, mut overdue) = (0, 0);
    let mut remedies: BTreeMap<String, i64> = BTreeMap::new();
    let mut services: BTreeMap<String, i64> = BTreeMap::new();
    for m in made.iter().filter(|m| desk.is_none_or(|d| d == m.desk)) {
        let rec = db.return_by_id(m.id).await.unwrap().unwrap();
        let v = serde_json::to_value(&rec).unwrap();
        let day = sofia_day(rec.created_at);
        assert!(day >= from && day <= to);
        // A return declined by its manager keeps the decision it was shown, but paid nothing.
        let payouts: Vec<Value> = match v["status"].as_str() {
            Some("completed") => v["decision"]["tenders"].as_array().unwrap().clone(),
            _ => Vec::new(),
        };
        let paid: i64 = payouts.iter().map(|x| cents(x["amount"].as_str().unwrap())).sum();
        for (map, key) in [(&mut over_time, period(day, grain).to_string()), (&mut outcome, v["outcome"].as_str().unwrap().to_string()),
                           (&mut resolution, v["request"]["resolution"].as_str().unwrap().to_string())] {
            let e = map.entry(key).or_default();
            e.0 += 1;
            e.1 += paid;
        }
        for x in &payouts {
            let e = tender.entry(x["type"].as_str().unwrap().to_string()).or_default();
            e.0 += 1;
            e.1 += cents(x["amount"].as_str().unwrap());
        }
        let stored = db.find_receipt(&ReceiptKey::Id(rec.receipt_id)).await.unwrap().unwrap();
        for (i, ask) in rec.request.lines.iter().enumerate() {
            let line = stored.sale.receipt.lines.iter().find(|l| l.line == ask.line).unwrap();
            let returned = stored.history.returned.iter().filter(|q| q.line == ask.line).map(|q| qty(q.qty)).sum::<i64>();
            let reason = returndesk::store::code_of(&ask.reason);
            let condition = returndesk::store::code_of(&ask.condition);
            let e = top.entry(line.sku.clone()).or_insert((line.name.clone(), 0, 0, BTreeMap::new()));
            e.1 += qty(ask.qty);
            e.2 += 1;
            *e.3.entry(reason.clone()).or_default() += 1;
            let g = grid.entry(reason).or_default();
            g[["unopened", "opened", "used", "damaged"].iter().position(|c| *c == condition).unwrap()] += 1;
            let decided = &v["decision"]["lines"][i];
            assert_eq!(decided["line"].as_u64(), Some(u64::from(ask.line.0)));
            if decided["outcome"] == "denied" {
                for reason in decided["reasons"].as_array().unwrap() {
                    *denials.entry(reason["code"].as_str().unwrap().to_string()).or_default() += 1;
                }
            }
            if returned > 0 {
                let net = line.unit_price.cents() * qty(line.qty) - line.discount.cents();
                let value = Money::round(Decimal::new(net * returned, 2) / Decimal::from(qty(line.qty))).cents();
                by_cat.entry((line.category.clone(), "EUR".into())).or_default()[1] += returned;
                by_cat.entry((line.category.clone(), "EUR".into())).or_default()[3] += value;
                by_brand.entry((line.brand.clone(), "EUR".into())).or_default()[1] += returned;
                by_brand.entry((line.brand.clone(), "EUR".into())).or_default()[3] += value;
                let s = by_sku.entry((line.sku.clone(), "EUR".into())).or_insert(([0; 4], line.name.clone()));
                s.0[1] += returned;
                s.0[3] += value;
            }
        }
        for a in &rec.approvals {
            let slot = match (returndesk::store::code_of(&a.decision).as_str(), a.line) {
                ("approved", Some(_)) => 0,
                ("approved", None) => 1,
                _ => 2,
            };
            per_manager.entry(a.manager.clone()).or_default()[slot] += 1;
            per_clerk.entry(rec.clerk_name.clone()).or_default()[slot] += 1;
        }
        if let Some(ms) = m.since_scan_ms {
            let secs = (ms / 1000) as i64;
            handling[0].entry(period(day, grain).to_string()).or_default().push(secs);
            handling[1].entry(m.desk.to_string()).or_default().push(secs);
            handling[2].entry(rec.clerk_name.clone()).or_default().push(secs);
        }
        for claim in db.claims_of_line(rec.receipt_id, 1).await.unwrap().iter().filter(|c| c.return_id == Some(rec.id)) {
            let c = serde_json::to_value(claim).unwrap();
            let on: NaiveDate = c["claimed_on"].as_str().unwrap().parse().unwrap();
            *claims_opened.entry(period(on, grain).to_string()).or_default() += 1;
            *remedies.entry(c["remedy_asked"].as_str().unwrap_or("none").to_string()).or_default() += 1;
            *services.entry(c["service_outcome"].as_str().unwrap_or("none").to_string()).or_default() += 1;
            open += 1;
            let due: NaiveDate = c["claim_due_by"].as_str().unwrap().parse().unwrap();
            if due < today {
                overdue += 1;
            }
        }
    }
    let pair = |m: BTreeMap<String, (i64, i64)>| m.into_iter().map(|(k, (n, c))| vec![k, n.to_string(), money(c)]).collect::<Vec<_>>();
    t.insert("returns_over_time".into(), pair(over_time));
    t.insert("returns_by_outcome".into(), pair(outcome));
    t.insert("returns_by_resolution".into(), pair(resolution));
    t.insert("refunds_by_tender".into(), pair(tender));
    let rate = |k: (String, String), e: [i64; 4], name: Option<String>| {
        let mut row = vec![k.0];
        row.extend(name);
        row.extend([k.1, e[0].to_string(), e[1].to_string(), pct(e[1], e[0]), money(e[2]), money(e[3]), pct(e[3], e[2])]);
        row
    };
    t.insert("return_rate_by_category".into(), by_cat.into_iter().map(|(k, e)| rate(k, e, None)).collect());
    t.insert("return_rate_by_brand".into(), by_brand.into_iter().map(|(k, e)| rate(k, e, None)).collect());
    // A SKU's sales are what the receipts of the period sold of it.
    let mut sku_rows = Vec::new();
    for ((sku, cur), (mut e, name)) in by_sku {
        for r in receipts {
            for l in r.receipt.lines.iter().filter(|l| l.sku == sku) {
                e[0] += qty(l.qty);
                e[2] += l.unit_price.cents() * qty(l.qty) - l.discount.cents();
            }
        }
        sku_rows.push(rate((sku, cur), e, Some(name)));
    }
    t.insert("return_rate_by_sku".into(), sku_rows);
    let mut ranked: Vec<_> = top.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
    t.insert(
        "top_returned_products".into(),
        ranked
            .into_iter()
            .take(10)
            .map(|(sku, (name, units, lines, reasons))| {
                let best = reasons.values().max().copied().unwrap();
                let reason = reasons.iter().find(|(_, n)| **n == best).unwrap().0.clone();
                vec![sku, name, units.to_string(), lines.to_string(), reason, best.to_string()]
            })
            .collect(),
    );
    t.insert(
        "reasons_by_condition".into(),
        grid.into_iter().map(|(r, g)| vec![r, g[0].to_string(), g[1].to_string(), g[2].to_string(), g[3].to_string(), g.iter().sum::<i64>().to_string()]).collect(),
    );
    t.insert("denials_by_rule".into(), denials.into_iter().map(|(c, n)| vec![c, n.to_string()]).collect());
    let who = |m: BTreeMap<String, [i64; 3]>| m.into_iter().map(|(k, c)| vec![k, c[0].to_string(), c[1].to_string(), c[2].to_string()]).collect::<Vec<_>>();
    t.insert("approvals_by_manager".into(), who(per_manager));
    t.insert("approvals_by_clerk".into(), who(per_clerk));
    for (i, id) in ["handling_over_time", "handling_by_desk", "handling_by_clerk"].into_iter().enumerate() {
        let rows = std::mem::take(&mut handling[i])
            .into_iter()
            .map(|(k, mut s)| {
                s.sort();
                let n = s.len() as i64;
                // Nearest rank: the smallest value with at least p % of the values at or below it.
                let rank = |p: i64| s[(1..=n).find(|k| k * 100 >= p * n).unwrap() as usize - 1];
                vec![k, n.to_string(), tenths(rank(50), 60), tenths(rank(90), 60), tenths(s.iter().sum::<i64>(), 60 * n)]
            })
            .collect();
        t.insert(id.into(), rows);
    }
    t.insert("claims_over_time".into(), claims_opened.into_iter().map(|(p, n)| vec![p, n.to_string(), "0".into(), String::new()]).collect());
    t.insert(
        "claims_open".into(),
        if open == 0 { vec![] } else { vec![vec!["open".into(), open.to_string()], vec!["overdue".into(), overdue.to_string()]] },
    );
    t.insert("claims_by_remedy".into(), remedies.into_iter().map(|(k, n)| vec![k, n.to_string()]).collect());
    t.insert("claims_by_service_outcome".into(), services.into_iter().map(|(k, n)| vec![k, n.to_string()]).collect());

    // The customers' ratings: counted and averaged here from what each customer gave.
    let avg = |sum: i64, n: i64| {
        let mut m = (Decimal::from(sum) / Decimal::from(n)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        m.rescale(2);
        m.to_string()
    };
    // key → (ratings, stars summed)
    type Rated = BTreeMap<String, (i64, i64)>;
    let (mut by_time, mut by_desk, mut by_clerk): (Rated, Rated, Rated) = Default::default();
    let mut comments = Vec::new();
    for m in made.iter().filter(|m| desk.is_none_or(|d| d == m.desk)) {
        let Some((stars, comment)) = &m.rated else { continue };
        let at: DateTime<Utc> = m.at.parse().unwrap();
        for (map, key) in [(&mut by_time, period(sofia_day(at), grain).to_string()), (&mut by_desk, m.desk.to_string()), (&mut by_clerk, m.clerk.to_string())] {
            let e = map.entry(key).or_default();
            e.0 += 1;
            e.1 += stars;
        }
        if !comment.is_empty() {
            let local = (at + Duration::hours(3)).format("%Y-%m-%d %H:%M").to_string(); // Sofia is UTC+3 in October
            comments.push(vec![local, m.desk.to_string(), m.clerk.to_string(), stars.to_string(), comment.clone()]);
        }
    }
    for (id, map) in [("feedback_over_time", by_time), ("feedback_by_desk", by_desk), ("feedback_by_clerk", by_clerk)] {
        t.insert(id.into(), map.into_iter().map(|(k, (n, sum))| vec![k, n.to_string(), avg(sum, n)]).collect());
    }
    t.insert("feedback_comments".into(), comments);
    t
}

#[tokio::test]
async fn every_figure_agrees_with_the_records_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    story(db).await;
}

#[tokio::test]
async fn every_figure_agrees_with_the_records_on_postgres() {
    story(fresh_postgres().await).await;
}

//! Exchanges (issue 14, part B) through the desk's HTTP door, on SQLite and PostgreSQL: the
//! quote (V, N and the difference each way), the recording (the return, the exchange number,
//! the new sale receipt whose tenders are the value moved per original tender plus the
//! difference paid), a later return of a new item against the exchange number refunding to
//! where the money came from, bad new items refused with nothing written, a retried key
//! answered once, 16 desks at once (one line taken once; numbers gap-free), the document.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::*;
use returndesk::api::DeskApi;
use returndesk::domain::{Currency, Money, Percent, TenderType};
use returndesk::http::api_router;
use returndesk::service::{Desk, DeskClock};
use returndesk::store::{Database, Product, ReceiptKey, SaleReceipt};
use serde_json::{json, Value};

#[derive(Clone)]
struct Counter {
    router: axum::Router,
    db: Arc<dyn Database>,
    token: String,
}

impl Counter {
    async fn new(db: Arc<dyn Database>) -> Counter {
        set_up_stores(db.as_ref()).await;
        db.put_products(&catalogue()).await.unwrap();
        let clock = DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap());
        let router = api_router(DeskApi::new(Desk::new(db.clone()), clock));
        let mut desk = Counter { router, db, token: String::new() };
        desk.token = desk.sign_in("maria", "1234").await;
        desk
    }

    async fn sign_in(&self, login: &str, pin: &str) -> String {
        let (status, body) = self.send("POST", "/api/session", Some(json!({"login": login, "pin": pin, "terminal": "DESK-1"}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn send(&self, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = self.raw(method, uri, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn raw(&self, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Vec<u8>) {
        through_router(&self.router, method, uri, &self.token, body).await
    }

    async fn receipt(&self, number: &str) -> returndesk::store::StoredReceipt {
        self.db.find_receipt(&ReceiptKey::Number { store: Some("S01".into()), number: number.into() }).await.unwrap().unwrap()
    }

    /// Rows written so far: returns, receipts, audit entries.
    async fn counts(&self) -> (i64, i64, i64) {
        let c = self.db.ledger_counts().await.unwrap();
        let audit = self.db.verify_audit().await.unwrap();
        (c.returns, c.receipts, audit.entries)
    }
}

fn product(sku: &str, name: &str, price: Option<i64>, currency: Currency, barcode: Option<&str>) -> Product {
    Product {
        sku: sku.into(),
        name: name.into(),
        category: "apparel".into(),
        brand: "Linka".into(),
        serial_tracked: false,
        unit_price: price.map(Money::from_cents),
        currency: price.map(|_| currency),
        vat_rate: price.map(|_| Percent::parse("20").unwrap()),
        barcode: barcode.map(str::to_string),
    }
}

fn catalogue() -> Vec<Product> {
    vec![
        product("SHOE-42", "Running shoe 42", Some(6_500), Currency::EUR, Some("4006381333931")),
        product("SOCKS", "Sport socks", Some(1_200), Currency::EUR, None),
        product("NOPRICE", "Old catalogue item", None, Currency::EUR, None),
        product("RUB-ONLY", "Priced in roubles", Some(99_000), Currency::RUB, None),
    ]
}

/// Two jackets at 50.00 and a cable at 20.00, paid 80.00 by card (…4242) and 40.00 in cash.
fn jackets(number: &str) -> SaleReceipt {
    serde_json::from_value(json!({"number": number, "store": "S01", "purchased_at": "2026-10-01T18:30:00", "channel": "store",
        "currency": "EUR", "receipt_discount": "0.00",
        "lines": [
            {"line": 1, "sku": "JACKET", "name": "Rain jacket", "category": "apparel", "brand": "Linka", "qty": 2, "unit_price": "50.00", "discount": "0.00", "vat_rate": "20"},
            {"line": 2, "sku": "CABLE", "name": "USB cable", "category": "accessories", "brand": "Linka", "qty": 1, "unit_price": "20.00", "discount": "0.00", "vat_rate": "20"}],
        "tenders": [{"type": "card", "amount": "80.00", "card_last4": "4242"}, {"type": "cash", "amount": "40.00"}]}))
    .unwrap()
}

fn m(v: &Value) -> Money {
    v.as_str().and_then(|s| Money::parse(s).ok()).unwrap_or_else(|| panic!("not money: {v}"))
}

fn c(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn draft(receipt_id: i64, line: u32, items: Value, tender: Option<&str>, key: &str) -> Value {
    json!({"receipt_id": receipt_id, "idempotency_key": key, "difference_tender": tender, "new_items": items,
           "lines": [{"line": line, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})
}

async fn both(test: impl Fn(Counter) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>) {
    let (_dir, sqlite) = fresh_sqlite().await;
    test(Counter::new(sqlite).await).await;
    test(Counter::new(fresh_postgres().await).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dearer_item_moves_the_value_per_tender_and_the_customer_pays_the_rest() {
    both(|desk| Box::pin(async move {
        desk.db.import_receipts(&[jackets("EXR-1")]).await.unwrap();
        let id = desk.receipt("EXR-1").await.id;
        // The product by its barcode, with its price.
        let (status, p) = desk.send("GET", "/api/products/lookup?code=4006381333931", None).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        assert_eq!((p["sku"].as_str(), m(&p["unit_price"])), (Some("SHOE-42"), c(6_500)));

        let items = json!([{"sku": "4006381333931", "qty": 1}]);
        let (status, q) = desk.send("POST", "/api/exchanges/evaluate", Some(draft(id, 1, items.clone(), None, ""))).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        assert_eq!((m(&q["returned_value"]), m(&q["new_total"]), m(&q["to_pay"]), m(&q["to_give_back"])), (c(5_000), c(6_500), c(1_500), c(0)));
        assert_eq!(q["moved"], json!([{"type": "card", "amount": "50.00"}]), "the value comes off the card first (the tender order)");
        assert_eq!(q["evaluation"]["may_confirm"], true);

        // Without a tender for the 15.00: refused, nothing written.
        let before = desk.counts().await;
        let (status, e) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, items.clone(), None, "x1"))).await;
        assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("difference_tender")), "{e}");
        assert!(e["error"]["message"].as_str().unwrap().contains("15.00"), "{e}");
        assert_eq!(desk.counts().await, before);

        let (status, x) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, items.clone(), Some("cash"), "x1"))).await;
        assert_eq!(status, StatusCode::OK, "{x}");
        assert_eq!(x["number"], "EX-S01-2026-00001");
        assert_eq!((m(&x["paid"]), x["difference_tender"].as_str(), m(&x["given_back"])), (c(1_500), Some("cash"), c(0)));
        assert_eq!(x["moved"], json!([{"type": "card", "amount": "50.00", "receipt_amount": "50.00"}]));
        assert_eq!(x["return"]["request"]["resolution"], "exchange");
        assert_eq!(x["return"]["decision"]["tenders"], json!([{"type": "exchange", "amount": "50.00"}]));
        assert_eq!(x["created"], true);

        // The original receipt: the jacket is back, and its card can no longer give back the 50.00.
        let original = desk.receipt("EXR-1").await;
        assert_eq!(original.history.returned_qty(returndesk::domain::LineNo(1)), 1);
        assert_eq!(original.history.refunded_to(TenderType::Card), c(5_000));
        assert_eq!(original.history.refunded_to(TenderType::Cash), c(0));
        // The new receipt IS a receipt: found by its number at the desk, bought now, paid card 50 (the same card) + cash 15.
        let (status, r) = desk.send("GET", "/api/receipts/lookup?code=EX-S01-2026-00001", None).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["id"], x["new_receipt_id"]);
        assert_eq!(r["purchased_at"], "2026-10-11T10:00:00");
        assert_eq!(r["lines"][0]["sku"], "SHOE-42");
        assert_eq!(
            r["tenders"],
            json!([{"type": "card", "amount": "50.00", "card_last4": "4242"}, {"type": "cash", "amount": "15.00"}])
        );
        // Its audit entry.
        let audit = desk.db.verify_audit().await.unwrap();
        assert!(audit.is_intact(), "{audit:?}");

        // A later return of the shoe against the exchange number pays back where the money came from.
        let new_id = x["new_receipt_id"].as_i64().unwrap();
        let (status, back) = desk
            .send("POST", "/api/returns", Some(json!({"receipt_id": new_id, "resolution": "refund", "idempotency_key": "r-shoe",
                "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
            .await;
        assert_eq!(status, StatusCode::OK, "{back}");
        assert_eq!(back["decision"]["tenders"], json!([{"type": "card", "amount": "50.00"}, {"type": "cash", "amount": "15.00"}]));
        // And the original's card still has only its 30.00 left: the other jacket pays card 30 + cash 20.
        let (status, rest) = desk
            .send("POST", "/api/returns", Some(json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "r-jacket",
                "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
            .await;
        assert_eq!(status, StatusCode::OK, "{rest}");
        assert_eq!(rest["decision"]["tenders"], json!([{"type": "card", "amount": "30.00"}, {"type": "cash", "amount": "20.00"}]));
    }))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cheaper_item_gives_the_difference_back_by_the_tender_rules() {
    both(|desk| Box::pin(async move {
        desk.db.import_receipts(&[jackets("EXR-2")]).await.unwrap();
        let id = desk.receipt("EXR-2").await.id;
        let items = json!([{"sku": "SOCKS", "qty": 1}]);
        let (status, q) = desk.send("POST", "/api/exchanges/evaluate", Some(draft(id, 1, items.clone(), None, ""))).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        assert_eq!((m(&q["to_pay"]), m(&q["to_give_back"])), (c(0), c(3_800)));
        let (status, x) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, items, None, "x2"))).await;
        assert_eq!(status, StatusCode::OK, "{x}");
        assert_eq!((m(&x["given_back"]), m(&x["paid"]), x["difference_tender"].clone()), (c(3_800), c(0), Value::Null));
        assert_eq!(x["give_back"], json!([{"type": "card", "amount": "38.00"}]));
        assert_eq!(x["moved"], json!([{"type": "card", "amount": "12.00", "receipt_amount": "12.00"}]));
        assert_eq!(
            x["return"]["decision"]["tenders"],
            json!([{"type": "card", "amount": "38.00"}, {"type": "exchange", "amount": "12.00"}])
        );
        let original = desk.receipt("EXR-2").await;
        assert_eq!(original.history.refunded_to(TenderType::Card), c(5_000), "38.00 paid back + 12.00 moved");
        let new = desk.receipt("EX-S01-2026-00001").await;
        assert_eq!(new.sale.receipt.paid_by(TenderType::Card), c(1_200));
        assert_eq!(new.sale.receipt.amount_paid(), c(1_200));
    }))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_new_items_are_refused_naming_the_item_and_nothing_is_written() {
    both(|desk| Box::pin(async move {
        desk.db.import_receipts(&[jackets("EXR-3")]).await.unwrap();
        let id = desk.receipt("EXR-3").await.id;
        let before = desk.counts().await;
        for (items, field, words) in [
            (json!([{"sku": "SOCKS", "qty": 1}, {"sku": "NO-SUCH", "qty": 1}]), "new_items[1].sku", "no product"),
            (json!([{"sku": "NOPRICE", "qty": 1}]), "new_items[0].sku", "no price"),
            (json!([{"sku": "RUB-ONLY", "qty": 1}]), "new_items[0].sku", "RUB"),
            (json!([{"sku": "SOCKS", "qty": 0}]), "new_items[0].qty", "from 1"),
            (json!([]), "new_items", "scan"),
        ] {
            for path in ["/api/exchanges/evaluate", "/api/exchanges"] {
                let (status, e) = desk.send("POST", path, Some(draft(id, 1, items.clone(), Some("card"), "bad"))).await;
                assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {items}: {e}");
                assert_eq!(e["error"]["field"].as_str(), Some(field), "{e}");
                assert!(e["error"]["message"].as_str().unwrap().contains(words), "{e}");
            }
        }
        let (status, e) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, json!([{"sku": "SOCKS", "qty": 1}]), Some("gift_card"), "bad"))).await;
        assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("difference_tender")), "{e}");
        assert_eq!(desk.counts().await, before, "nothing written");
        // An unknown product at the lookup: 404.
        let (status, _) = desk.send("GET", "/api/products/lookup?code=NO-SUCH", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_key_answers_the_same_exchange_and_another_request_under_it_is_refused() {
    both(|desk| Box::pin(async move {
        desk.db.import_receipts(&[jackets("EXR-4")]).await.unwrap();
        let id = desk.receipt("EXR-4").await.id;
        let body = draft(id, 1, json!([{"sku": "SHOE-42", "qty": 1}]), Some("card"), "same");
        let (status, first) = desk.send("POST", "/api/exchanges", Some(body.clone())).await;
        assert_eq!(status, StatusCode::OK, "{first}");
        let after = desk.counts().await;
        let (status, again) = desk.send("POST", "/api/exchanges", Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!((again["id"].clone(), again["number"].clone(), again["created"].clone()), (first["id"].clone(), first["number"].clone(), json!(false)));
        assert_eq!(desk.counts().await, after, "a retry writes nothing");
        let (status, e) = desk.send("POST", "/api/exchanges", Some(draft(id, 2, json!([{"sku": "SOCKS", "qty": 2}]), None, "same"))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        // The exchange and its document, on screen and printed; another store's is not found.
        let ex = first["id"].as_i64().unwrap();
        let (status, got) = desk.send("GET", &format!("/api/exchanges/{ex}"), None).await;
        assert_eq!((status, got["number"].clone()), (StatusCode::OK, first["number"].clone()));
        for (lang, layout) in [("en", "a4"), ("bg", "80mm"), ("ru", "a4"), ("el", "80mm")] {
            let (status, pdf) = desk.raw("GET", &format!("/api/exchanges/{ex}/document.pdf?lang={lang}&layout={layout}"), None).await;
            assert_eq!(status, StatusCode::OK, "{lang} {layout}");
            assert!(pdf.starts_with(b"%PDF"), "{lang} {layout}");
        }
        let (status, _) = desk.send("GET", "/api/exchanges/999999", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixteen_desks_at_once_take_one_line_once_and_number_without_gaps() {
    both(|desk| Box::pin(async move {
        // One cable, sixteen desks exchanging it at once: exactly one wins, the others write nothing.
        desk.db.import_receipts(&[jackets("EXR-5")]).await.unwrap();
        let id = desk.receipt("EXR-5").await.id;
        let before = desk.counts().await;
        let mut tasks = Vec::new();
        for i in 0..16 {
            let desk = desk.clone();
            tasks.push(tokio::spawn(async move {
                desk.send("POST", "/api/exchanges", Some(draft(id, 2, json!([{"sku": "SOCKS", "qty": 1}]), None, &format!("race-{i}")))).await
            }));
        }
        let mut won = 0;
        for t in tasks {
            let (status, body) = t.await.unwrap();
            match status {
                StatusCode::OK => won += 1,
                StatusCode::BAD_REQUEST => assert_eq!(body["error"]["code"], "QTY_EXCEEDS_REMAINING", "{body}"),
                other => panic!("{other}: {body}"),
            }
        }
        assert_eq!(won, 1);
        let after = desk.counts().await;
        assert_eq!((after.0 - before.0, after.1 - before.1), (1, 1), "one return, one new receipt");
        let original = desk.receipt("EXR-5").await;
        assert_eq!(original.history.returned_qty(returndesk::domain::LineNo(2)), 1);
        assert_eq!(original.history.refunded_to(TenderType::Card), c(2_000), "8.00 back and 12.00 moved, once");

        // Sixteen receipts exchanged at once: EX-S01-2026-00002 … 00017, no gap, no twice.
        let receipts: Vec<SaleReceipt> = (0..16).map(|i| jackets(&format!("EXR-P{i}"))).collect();
        desk.db.import_receipts(&receipts).await.unwrap();
        let mut tasks = Vec::new();
        for i in 0..16 {
            let desk = desk.clone();
            tasks.push(tokio::spawn(async move {
                let id = desk.receipt(&format!("EXR-P{i}")).await.id;
                desk.send("POST", "/api/exchanges", Some(draft(id, 1, json!([{"sku": "SHOE-42", "qty": 1}]), Some("card"), &format!("p-{i}")))).await
            }));
        }
        let mut numbers = Vec::new();
        for t in tasks {
            let (status, body) = t.await.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}");
            numbers.push(body["number"].as_str().unwrap().to_string());
        }
        numbers.sort();
        let expected: Vec<String> = (2..=17).map(|n| format!("EX-S01-2026-{n:05}")).collect();
        assert_eq!(numbers, expected);
        assert!(desk.db.verify_audit().await.unwrap().is_intact());
    }))
    .await;
}

#[test]
fn a_catalogue_file_brings_prices_and_barcodes_and_old_files_still_import() {
    let dir = tempfile::tempdir().unwrap();
    let with_prices = dir.path().join("products.csv");
    std::fs::write(
        &with_prices,
        "sku,name,category,brand,serial_tracked,unit_price,currency,vat_rate,barcode\n\
         SHOE-42,Running shoe 42,apparel,Stride,false,65.00,EUR,20,4006381333931\n\
         OLD-CAT,No price,apparel,Stride,false,,,,\n\
         HALF,Price without currency,apparel,Stride,false,10.00,,20,\n",
    )
    .unwrap();
    let (products, reports) = returndesk::import::setup::read_products(&with_prices).unwrap();
    assert_eq!(products.len(), 2);
    assert_eq!(products[0].unit_price, Some(c(6_500)));
    assert_eq!(products[0].currency, Some(Currency::EUR));
    assert_eq!(products[0].barcode.as_deref(), Some("4006381333931"));
    assert_eq!((products[1].unit_price, products[1].currency, products[1].barcode.clone()), (None, None, None));
    assert_eq!(reports.len(), 1);
    assert!(reports[0].reason.contains("product.currency"), "{:?}", reports[0]);
    // A file of before issue 14 (no price columns) imports as it did.
    let old = dir.path().join("old.csv");
    std::fs::write(&old, "sku,name,category,brand,serial_tracked\nTV-55,Television,electronics,Acme,true\n").unwrap();
    let (products, reports) = returndesk::import::setup::read_products(&old).unwrap();
    assert_eq!((products.len(), reports.len(), products[0].unit_price), (1, 0, None));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exchange_above_the_approval_limit_needs_the_manager_like_a_return() {
    both(|desk| Box::pin(async move {
        // A 600.00 coat (above the policy's 500.00): the manager's step, as for a return.
        let mut sale = jackets("EXR-6");
        sale.receipt.lines[0].unit_price = c(60_000);
        sale.receipt.lines[0].qty = returndesk::domain::Quantity::new(1).unwrap();
        sale.receipt.tenders = vec![serde_json::from_value(json!({"type": "card", "amount": "620.00", "card_last4": "4242"})).unwrap()];
        desk.db.import_receipts(&[sale]).await.unwrap();
        let id = desk.receipt("EXR-6").await.id;
        let items = json!([{"sku": "SHOE-42", "qty": 1}]);
        let (status, q) = desk.send("POST", "/api/exchanges/evaluate", Some(draft(id, 1, items.clone(), None, ""))).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        assert_eq!((q["evaluation"]["manager_required"].clone(), q["evaluation"]["may_confirm"].clone()), (json!(true), json!(false)));
        assert_eq!(m(&q["to_give_back"]), c(53_500));
        let before = desk.counts().await;
        let (status, e) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, items.clone(), None, "boss"))).await;
        assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("MANAGER_REQUIRED")), "{e}");
        assert_eq!(desk.counts().await, before, "nothing written without the manager");
        let mut body = draft(id, 1, items, None, "boss");
        body["manager"] = json!({"manager_login": "georgi", "manager_pin": "9999", "decision": "approve", "reason": "Regular customer"});
        let (status, x) = desk.send("POST", "/api/exchanges", Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{x}");
        assert_eq!(x["return"]["approvals"][0]["manager"], "Georgi Dimitrov");
        assert_eq!(x["give_back"], json!([{"type": "card", "amount": "535.00"}]));
    }))
    .await;
}

// ---- An amount due left for the till, and the tenders a store allows for a difference ----

impl Counter {
    /// The same desk signed in as the store's manager.
    async fn as_manager(&self) -> Counter {
        let mut manager = self.clone();
        manager.token = self.sign_in("georgi", "9999").await;
        manager
    }

    /// The new receipt's tenders as the store reads them back.
    async fn tenders_of(&self, receipt_id: i64) -> Vec<(TenderType, Money)> {
        let r = self.db.find_receipt(&ReceiptKey::Id(receipt_id)).await.unwrap().unwrap();
        r.sale.receipt.tenders.iter().map(|t| (t.kind, t.amount)).collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_difference_left_for_the_till_is_paid_once_and_then_the_new_items_can_come_back() {
    both(|desk| Box::pin(async move {
        desk.db.import_receipts(&[jackets("EXR-T1")]).await.unwrap();
        let id = desk.receipt("EXR-T1").await.id;
        let items = json!([{"sku": "SHOE-42", "qty": 1}]);
        // The quote says which ways the store allows (by default cash, card and the till).
        let (status, q) = desk.send("POST", "/api/exchanges/evaluate", Some(draft(id, 1, items.clone(), None, ""))).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        assert_eq!(q["difference_tenders"], json!(["cash", "card", "till"]));

        let (status, x) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, items.clone(), Some("till"), "t1"))).await;
        assert_eq!(status, StatusCode::OK, "{x}");
        let number = x["number"].as_str().unwrap().to_string();
        assert_eq!((m(&x["paid"]), x["difference_tender"].as_str()), (c(0), Some("till")));
        assert_eq!((m(&x["due"]["amount"]), x["due"]["status"].as_str()), (c(1_500), Some("open")));
        let new_id = x["new_receipt_id"].as_i64().unwrap();
        let document = |lang: &'static str| {
            let (desk, id) = (desk.clone(), x["id"].clone());
            async move {
                let (status, pdf) = desk.raw("GET", &format!("/api/exchanges/{id}/document.pdf?lang={lang}&layout=80mm"), None).await;
                assert_eq!(status, StatusCode::OK);
                pdf_text(&pdf)
            }
        };
        let printed = document("en").await;
        assert!(printed.contains("Due at the till €15.00") && printed.contains("Pay it at the till with this document"), "{printed}");
        assert!(document("bg").await.contains("Дължимо на касата"));
        // The new receipt holds only what moved until the till takes the rest.
        assert_eq!(desk.tenders_of(new_id).await, vec![(TenderType::Card, c(5_000))]);

        // Its new item cannot come back before the till is paid: refused, nothing written.
        let before = desk.counts().await;
        let (status, e) = desk
            .send("POST", "/api/returns/evaluate", Some(json!({"receipt_id": new_id, "resolution": "refund",
                "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{e}");
        let said = e["error"]["message"].as_str().unwrap();
        assert!(said.contains("15.00") && said.contains(&number) && said.contains("till"), "{e}");

        // The till looks it up by the number (any case), and bad payments are refused naming the field.
        let (status, due) = desk.send("GET", &format!("/api/exchange-dues/{}", number.to_lowercase()), None).await;
        assert_eq!(status, StatusCode::OK, "{due}");
        assert_eq!((due["status"].as_str(), m(&due["amount"]), due["currency"].as_str()), (Some("open"), c(1_500), Some("EUR")));
        let pay = |amount: &str, tender: &str, key: &str, currency: Option<&str>| {
            json!({"amount": amount, "tender": tender, "idempotency_key": key, "till": "TILL-2", "sale_reference": "T2-0815", "currency": currency})
        };
        let path = format!("/api/exchange-dues/{number}/pay");
        for (body, field) in [
            (pay("10.00", "cash", "k0", None), "amount"),
            (pay("15.00", "store_credit", "k0", None), "tender"),
            (pay("15.00", "cash", "k0", Some("BGN")), "currency"),
            (pay("15.00", "cash", "", None), "idempotency_key"),
        ] {
            let (status, e) = desk.send("POST", &path, Some(body)).await;
            assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{e}");
        }
        assert_eq!(desk.counts().await, before, "nothing written by the refusals");

        // Sixteen tills at once, each with its own key: one takes it, the others are told it is paid.
        let mut tasks = Vec::new();
        for i in 0..16 {
            let (desk, path, body) = (desk.clone(), path.clone(), pay("15.00", "card", &format!("till-{i}"), Some("EUR")));
            tasks.push(tokio::spawn(async move { desk.send("POST", &path, Some(body)).await }));
        }
        let mut won = Vec::new();
        for (i, t) in tasks.into_iter().enumerate() {
            let (status, body) = t.await.unwrap();
            match status {
                StatusCode::OK => won.push(i),
                StatusCode::CONFLICT => {
                    let e = &body["error"];
                    assert_eq!((e["code"].as_str(), e["exchange"].as_str(), e["till"].as_str()), (Some("EXCHANGE_DUE_PAID"), Some(number.as_str()), Some("TILL-2")), "{body}");
                    assert_eq!((m(&e["amount"]), e["currency"].as_str()), (c(1_500), Some("EUR")), "{body}");
                    assert!(e["paid_at"].as_str().is_some_and(|t| t.starts_with("20")), "{body}");
                }
                other => panic!("{other}: {body}"),
            }
        }
        assert_eq!(won.len(), 1, "paid once");
        assert_eq!(desk.tenders_of(new_id).await, vec![(TenderType::Card, c(5_000)), (TenderType::Card, c(1_500))]);
        // The winner's retry is answered with the same payment, not a second one.
        let (status, again) = desk.send("POST", &path, Some(pay("15.00", "card", &format!("till-{}", won[0]), None))).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!((again["status"].as_str(), again["created"].as_bool(), again["till"].as_str()), (Some("paid"), Some(false), Some("TILL-2")));
        assert_eq!(desk.tenders_of(new_id).await.len(), 2);
        // Later, another till with a key of its own: told it is paid, and nothing is taken twice.
        let (status, e) = desk.send("POST", &path, Some(pay("15.00", "cash", "late-till", None))).await;
        assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("EXCHANGE_DUE_PAID")), "{e}");
        assert_eq!(desk.tenders_of(new_id).await.len(), 2, "nothing written");
        let (_, shown) = desk.send("GET", &format!("/api/exchanges/{}", x["id"]), None).await;
        assert_eq!((shown["due"]["status"].as_str(), shown["due"]["tender"].as_str()), (Some("paid"), Some("card")));
        let printed = document("en").await;
        assert!(printed.contains("Due at the till €15.00") && printed.contains("Paid at the till: Card"), "{printed}");
        let audit = desk.db.verify_audit().await.unwrap();
        assert!(audit.is_intact(), "{audit:?}");

        // Paid: the shoe comes back, to the card it was paid with (50.00 moved + 15.00 at the till).
        let (status, back) = desk
            .send("POST", "/api/returns", Some(json!({"receipt_id": new_id, "resolution": "refund", "idempotency_key": "r-t1",
                "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]})))
            .await;
        assert_eq!(status, StatusCode::OK, "{back}");
        assert_eq!(back["decision"]["tenders"], json!([{"type": "card", "amount": "65.00"}]));

        // Another store's till does not find it.
        let (status, _) = desk.send("GET", "/api/exchange-dues/EX-S02-2026-00001", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_chooses_which_tenders_pay_a_difference() {
    both(|desk| Box::pin(async move {
        let manager = desk.as_manager().await;
        let (status, s) = manager.send("GET", "/api/settings", None).await;
        assert_eq!(status, StatusCode::OK, "{s}");
        assert_eq!(s["exchange_difference"], json!({"desk_tenders": ["cash", "card"], "at_till": true}), "the default");

        // No way at all, or a tender a desk cannot take: refused naming the field, nothing stored.
        for (value, field) in [
            (json!({"desk_tenders": [], "at_till": false}), "exchange_difference"),
            (json!({"desk_tenders": ["store_credit"], "at_till": true}), "exchange_difference.desk_tenders"),
        ] {
            let (status, e) = manager.send("PUT", "/api/settings", Some(json!({"exchange_difference": value}))).await;
            assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{e}");
        }
        let (status, _) = desk.send("PUT", "/api/settings", Some(json!({"exchange_difference": {"desk_tenders": ["cash"], "at_till": true}}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a clerk does not change it");

        // Card and gift card only, no till.
        let (status, s) = manager
            .send("PUT", "/api/settings", Some(json!({"exchange_difference": {"desk_tenders": ["card", "gift_card", "card"], "at_till": false}})))
            .await;
        assert_eq!(status, StatusCode::OK, "{s}");
        assert_eq!(s["exchange_difference"], json!({"desk_tenders": ["card", "gift_card"], "at_till": false}));

        desk.db.import_receipts(&[jackets("EXR-T2")]).await.unwrap();
        let id = desk.receipt("EXR-T2").await.id;
        let items = json!([{"sku": "SHOE-42", "qty": 1}]);
        let (_, q) = desk.send("POST", "/api/exchanges/evaluate", Some(draft(id, 1, items.clone(), None, ""))).await;
        assert_eq!(q["difference_tenders"], json!(["card", "gift_card"]));
        let before = desk.counts().await;
        for way in ["cash", "till"] {
            let (status, e) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, items.clone(), Some(way), &format!("w-{way}")))).await;
            assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("difference_tender")), "{e}");
            assert!(e["error"]["message"].as_str().unwrap().contains("card or gift card"), "{e}");
        }
        assert_eq!(desk.counts().await, before, "nothing written");
        let (status, x) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, items.clone(), Some("gift_card"), "w-gift"))).await;
        assert_eq!(status, StatusCode::OK, "{x}");
        assert_eq!((m(&x["paid"]), x["difference_tender"].as_str(), x["due"].is_null()), (c(1_500), Some("gift_card"), true));
        let new_id = x["new_receipt_id"].as_i64().unwrap();
        assert_eq!(desk.tenders_of(new_id).await, vec![(TenderType::Card, c(5_000)), (TenderType::GiftCard, c(1_500))]);
        // Nothing is due at the till for it.
        let (status, _) = desk.send("GET", &format!("/api/exchange-dues/{}", x["number"].as_str().unwrap()), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }))
    .await;
}

// ---- The new items' windows start at the exchange ----

impl Counter {
    /// The same store and database, the desk's clock at `now` (store-local), signed in again.
    async fn later(&self, now: &str) -> Counter {
        let clock = DeskClock::fixed(now.parse().unwrap());
        let router = api_router(DeskApi::new(Desk::new(self.db.clone()), clock));
        let mut desk = Counter { router, db: self.db.clone(), token: String::new() };
        desk.token = desk.sign_in("maria", "1234").await;
        desk
    }
}

/// A jacket of a sale of 2026-10-01 (apparel: 30 days to change one's mind) exchanged on
/// 2026-10-11 for two shoes (apparel too): the new receipt `EX-S01-2026-00001`'s id and the
/// original's.
async fn shoes_for_a_jacket(desk: &Counter, number: &str) -> (i64, i64) {
    desk.db.import_receipts(&[jackets(number)]).await.unwrap();
    let id = desk.receipt(number).await.id;
    let (status, x) = desk.send("POST", "/api/exchanges", Some(draft(id, 1, json!([{"sku": "SHOE-42", "qty": 2}]), Some("cash"), "x-window"))).await;
    assert_eq!(status, StatusCode::OK, "{x}");
    assert_eq!(x["number"], "EX-S01-2026-00001");
    (x["new_receipt_id"].as_i64().unwrap(), id)
}

fn one_back(receipt_id: i64, key: &str, reason: &str, condition: &str) -> Value {
    json!({"receipt_id": receipt_id, "resolution": "refund", "idempotency_key": key,
           "lines": [{"line": 1, "qty": 1, "reason": reason, "condition": condition}]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_item_comes_back_inside_the_exchanges_window_after_the_original_purchases_has_closed() {
    both(|desk| Box::pin(async move {
        let (new_id, original_id) = shoes_for_a_jacket(&desk, "EXR-W1").await;
        // 2026-11-05: 35 days after the original purchase (its 30 days are over), 25 after the exchange.
        let desk = desk.later("2026-11-05T11:00:00").await;
        let (status, jacket) = desk.send("POST", "/api/returns/evaluate", Some(one_back(original_id, "", "change_of_mind", "unopened"))).await;
        assert_eq!(status, StatusCode::OK, "{jacket}");
        assert_eq!(jacket["lines"][0]["reasons"][0]["code"], "RETURN_WINDOW_EXPIRED", "the original's window is over: {jacket}");
        let (status, shoe) = desk.send("POST", "/api/returns", Some(one_back(new_id, "r-window", "change_of_mind", "unopened"))).await;
        assert_eq!(status, StatusCode::OK, "{shoe}");
        assert_eq!((shoe["status"].as_str(), shoe["decision"]["lines"][0]["outcome"].as_str()), (Some("completed"), Some("approved")), "{shoe}");
        assert_eq!(shoe["decision"]["lines"][0]["reasons"][0]["code"], "WITHIN_RETURN_WINDOW", "{shoe}");
        assert_eq!(m(&shoe["decision"]["totals"]["refund"]), c(6_500), "{shoe}");
        // 2026-11-12: 32 days after the exchange, its own window is over too: the second shoe is refused.
        let desk = desk.later("2026-11-12T11:00:00").await;
        let (status, late) = desk.send("POST", "/api/returns/evaluate", Some(one_back(new_id, "", "change_of_mind", "unopened"))).await;
        assert_eq!(status, StatusCode::OK, "{late}");
        assert_eq!(late["lines"][0]["reasons"][0]["code"], "RETURN_WINDOW_EXPIRED", "{late}");
    }))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_warranty_claim_on_a_new_item_is_taken_and_its_legal_guarantee_counts_from_the_exchange() {
    both(|desk| Box::pin(async move {
        let (new_id, original_id) = shoes_for_a_jacket(&desk, "EXR-W2").await;
        // 2027-03-01: long after both return windows; the shoe's sole came off.
        let desk = desk.later("2027-03-01T11:00:00").await;
        let mut claim = one_back(new_id, "c-shoe", "defective", "used");
        claim["resolution"] = json!("repair");
        claim["lines"][0]["defect"] = json!("the sole came off");
        claim["customer"] = json!({"name": "Ivan Petrov", "contact": "+359 88 123 4567"});
        let (status, body) = desk.send("POST", "/api/returns", Some(claim)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["decision"]["lines"][0]["outcome"], "warranty_claim", "{body}");
        assert_eq!(body["claims"].as_array().map(Vec::len), Some(1), "{body}");
        assert_eq!(body["claims"][0]["basis"], "LEGAL_GUARANTEE", "{body}");
        // Bulgaria: two years from the delivery, which for the shoe is the exchange (2026-10-11), not the jacket's sale (2026-10-01).
        assert_eq!(body["decision"]["lines"][0]["warranty"]["legal_until"], "2028-10-11", "{body}");
        let (status, jacket) = desk.send("POST", "/api/returns/evaluate", Some(one_back(original_id, "", "defective", "used"))).await;
        assert_eq!(status, StatusCode::OK, "{jacket}");
        assert_eq!(jacket["lines"][0]["warranty"]["legal_until"], "2028-10-01", "the original's line counts from its sale: {jacket}");
        let claim_id = body["claims"][0]["id"].as_i64().unwrap();
        let (status, detail) = desk.send("GET", &format!("/api/claims/{claim_id}"), None).await;
        assert_eq!(status, StatusCode::OK, "{detail}");
        assert_eq!(detail["receipt_number"], "EX-S01-2026-00001", "{detail}");
        assert_eq!((detail["purchase_date"].as_str(), detail["warranty"]["legal_until"].as_str()), (Some("2026-10-11"), Some("2028-10-11")), "{detail}");
    }))
    .await;
}

/// One line of `sku` bought on `at` at S01, paid in cash.
fn one_line(number: &str, at: &str, sku: &str, cents: i64) -> SaleReceipt {
    let price = Money::from_cents(cents);
    serde_json::from_value(json!({"number": number, "store": "S01", "purchased_at": at, "channel": "store",
        "currency": "EUR", "receipt_discount": "0.00",
        "lines": [{"line": 1, "sku": sku, "name": sku, "category": "apparel", "brand": "Linka", "qty": 1,
                   "unit_price": price.to_string(), "discount": "0.00", "vat_rate": "20"}],
        "tenders": [{"type": "cash", "amount": price.to_string()}]}))
    .unwrap()
}

/// Issue 15, migration 0034 (PostgreSQL): an exchange writes its new sale a line at a time, and
/// its lines are counted into the sales summaries once, after the last one: all the sale's
/// days, then all its months. Counted a line at a time, the exchange held the first item's
/// month while it asked for the second item's day, and an import batch holding that day and
/// waiting for that month (here another transaction does the same on purpose) closed a circle:
/// PostgreSQL failed the exchange with `deadlock detected`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exchange_counts_its_new_sale_at_once_and_does_not_deadlock_with_an_import() {
    let (url, db) = fresh_postgres_at().await;
    let desk = Counter::new(db).await;
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    // The shoe's month and the socks' day (the exchange's own day) are there before it.
    desk.db
        .import_receipts(&[jackets("EXD-1"), one_line("EXD-SHOE", "2026-10-02T12:00:00", "SHOE-42", 6_500), one_line("EXD-SOCKS", "2026-10-11T09:00:00", "SOCKS", 1_200)])
        .await
        .unwrap();
    let id = desk.receipt("EXD-1").await.id;

    let mut other = pool.begin().await.unwrap();
    // The other transaction is never the one PostgreSQL picks: it checks for a circle last.
    sqlx::query("SET LOCAL deadlock_timeout = '60s'").execute(&mut *other).await.unwrap();
    let held = sqlx::query("UPDATE sales_by_day SET units = units WHERE sku = 'SOCKS' AND day = '2026-10-11'").execute(&mut *other).await.unwrap();
    assert_eq!(held.rows_affected(), 1);
    // A jacket (50.00) for the shoe and a pair of socks (77.00): 27.00 paid in cash.
    let exchange = tokio::spawn({
        let desk = desk.clone();
        async move {
            let items = json!([{"sku": "SHOE-42", "qty": 1}, {"sku": "SOCKS", "qty": 1}]);
            desk.send("POST", "/api/exchanges", Some(draft(id, 1, items, Some("cash"), "deadlock-1"))).await
        }
    });
    // The exchange waits for the socks' day.
    let mut polls = 0;
    loop {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'returndesk' AND wait_event_type = 'Lock'")
            .fetch_one(&pool)
            .await
            .unwrap();
        if n == 1 {
            break;
        }
        polls += 1;
        assert!(polls < 400, "the exchange never waited for the socks' day");
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    // As an import batch would next: the shoe's month.
    sqlx::query("UPDATE sales_by_month SET units = units WHERE sku = 'SHOE-42'").execute(&mut *other).await.unwrap();
    other.commit().await.unwrap();

    let (status, x) = exchange.await.unwrap();
    assert_eq!(status, StatusCode::OK, "{x}");
    assert_eq!((m(&x["paid"]), x["created"].as_bool()), (c(2_700), Some(true)), "{x}");
    // Each new item counted once: on its day and in its month.
    let days: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT sku, day::text, units FROM sales_by_day WHERE sku IN ('SHOE-42', 'SOCKS') ORDER BY 1, 2").fetch_all(&pool).await.unwrap();
    let expected: Vec<(String, String, i64)> =
        vec![("SHOE-42".into(), "2026-10-02".into(), 1), ("SHOE-42".into(), "2026-10-11".into(), 1), ("SOCKS".into(), "2026-10-11".into(), 2)];
    assert_eq!(days, expected);
    let months: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT sku, month::text, units, net_value::text FROM sales_by_month WHERE sku IN ('SHOE-42', 'SOCKS') ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let expected: Vec<(String, String, i64, String)> =
        vec![("SHOE-42".into(), "2026-10-01".into(), 2, "130.00".into()), ("SOCKS".into(), "2026-10-01".into(), 2, "24.00".into())];
    assert_eq!(months, expected);
}

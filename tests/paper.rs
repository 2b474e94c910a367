//! Issue 16, the paper and the store's details: Settings saves a store's details (managers only,
//! checked, audited, on both backends) and refuses a policy value that is not one; the return
//! slip prints the store's ids with its country's labels, why each line was decided, named fees,
//! totals that add up to the lines, the card's last digits, the screen's dates, what a warranty
//! claim registered; and a slip's own barcode finds its return. PDFs are read back with
//! `pdftotext`.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use returndesk::http::{api_router, DeskApi, DeskClock};
use returndesk::service::Desk;
use returndesk::store::Database;
use serde_json::{json, Value};
use tower::ServiceExt;

struct TestDesk {
    router: axum::Router,
}

impl TestDesk {
    async fn new(db: Arc<dyn Database>) -> TestDesk {
        set_up_stores(db.as_ref()).await;
        db.import_receipts(&[sofia_receipt("S01-2026-004512"), sofia_receipt("S01-2026-004513"), sofia_receipt("S01-2026-004514")]).await.unwrap();
        let api = DeskApi::new(Desk::new(db), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap()));
        TestDesk { router: api_router(api) }
    }

    async fn send(&self, method: &str, uri: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, bytes) = through_router(&self.router, method, uri, token, body).await;
        let value = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into())) };
        (status, value)
    }

    async fn pdf(&self, uri: &str, token: &str) -> String {
        let (status, bytes) = through_router(&self.router, "GET", uri, token, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&bytes));
        pdf_text(&bytes)
    }

    async fn sign_in(&self, login: &str, pin: &str) -> String {
        let req = Request::builder()
            .method("POST")
            .uri("/api/session")
            .header("content-type", "application/json")
            .body(Body::from(json!({"login": login, "pin": pin, "terminal": "DESK-1"}).to_string()))
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
        body["token"].as_str().unwrap().to_string()
    }
}

fn details(vat_id: &str) -> Value {
    json!({"name": "Техно Дом София", "address": "бул. Витоша 120, 1000 София", "vat_id": vat_id,
           "company_id": "204567891", "phone": "+359 2 981 2345"})
}

async fn store_details_and_policy_in_settings(db: Arc<dyn Database>) {
    let desk = TestDesk::new(db).await;
    let clerk = desk.sign_in("maria", "1234").await;
    let manager = desk.sign_in("georgi", "9999").await;

    // A clerk reads the details but may not change them.
    let (status, body) = desk.send("PUT", "/api/settings/store", &clerk, Some(details("BG204567891"))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("FORBIDDEN")), "{body}");
    // A VAT id not plausible for a Bulgarian store is refused, naming the field; nothing stored.
    for bad in ["EL801234567", "BG2045", "204567891", "BG20456789X"] {
        let (status, body) = desk.send("PUT", "/api/settings/store", &manager, Some(details(bad))).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("vat_id")), "{bad}: {body}");
    }
    let (status, body) = desk.send("PUT", "/api/settings/store", &manager, Some(json!({"name": " ", "address": "", "vat_id": "", "company_id": "", "phone": ""}))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("name")), "{body}");
    let (_, settings) = desk.send("GET", "/api/settings", &clerk, None).await;
    assert_eq!(settings["details"]["vat_id"], "", "nothing was stored: {settings}");
    assert_eq!(settings["details"]["name"], "Return Desk Sofia Mall");

    // A manager's details are stored (written without spaces, as the id is) and audited.
    let mut typed = details("bg 204 567 891");
    typed["phone"] = json!(" +359 2 981 2345 ");
    let (status, saved) = desk.send("PUT", "/api/settings/store", &manager, Some(typed)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["vat_id"], "BG204567891");
    let (_, settings) = desk.send("GET", "/api/settings", &clerk, None).await;
    assert_eq!(settings["details"], details("BG204567891"), "{settings}");
    assert_eq!(settings["store"]["name"], "Техно Дом София");
    let (status, audit) = desk.send("GET", "/api/audit?action=settings_changed", &manager, None).await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    let entry = audit["entries"].as_array().unwrap().iter().find(|e| e["entity_id"] == "S01/details").unwrap_or_else(|| panic!("no audit entry: {audit}"));
    assert_eq!(entry["details"]["from"]["vat_id"], "");
    assert_eq!(entry["details"]["to"]["vat_id"], "BG204567891");

    // A policy value that is not a number is refused naming the field; no version is published.
    let before = settings["policy"]["version"].clone();
    let mut policy = json!({"effective_from": "2026-10-11", "defaults": settings["policy"]["defaults"].clone(), "rules": settings["policy"]["rules"].clone()});
    policy["defaults"]["return_days"] = json!("fourteen");
    // Checked as the manager types (nothing published): the same refusal, naming the field.
    let (status, body) = desk.send("POST", "/api/policy/check", &manager, Some(policy.clone())).await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("defaults.return_days")), "{body}");
    let (status, _) = desk.send("POST", "/api/policy/check", &clerk, Some(policy.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a clerk does not edit the policy");
    let mut checked = policy.clone();
    checked["defaults"]["return_days"] = json!(14);
    let (status, body) = desk.send("POST", "/api/policy/check", &manager, Some(checked.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["version"].as_i64(), body["in_force_today"].as_bool()), (Some(before.as_i64().unwrap() + 1), Some(true)), "{body}");
    checked["rules"] = json!([{"match": {"category": "electronics"}, "restocking_fee_pct": "150"}]);
    let (status, body) = desk.send("POST", "/api/policy/check", &manager, Some(checked)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a fee of 150 % is not one: {body}");
    let (_, versions) = desk.send("GET", "/api/policy/versions", &clerk, None).await;
    assert_eq!(versions.as_array().unwrap().len(), 1, "checking published nothing");
    let (status, body) = desk.send("POST", "/api/policy", &manager, Some(policy.clone())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["field"].as_str().unwrap_or("").contains("return_days") || body["error"]["message"].as_str().unwrap_or("").contains("return_days"), "{body}");
    let (_, settings) = desk.send("GET", "/api/settings", &clerk, None).await;
    assert_eq!(settings["policy"]["version"], before);
    // The same policy with a number is published and in force.
    policy["defaults"]["return_days"] = json!(14);
    let (status, body) = desk.send("POST", "/api/policy", &manager, Some(policy)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, settings) = desk.send("GET", "/api/settings", &clerk, None).await;
    assert_eq!(settings["policy"]["defaults"]["return_days"], 14);

    // The list of versions: latest first, who published each and when, which one is in force.
    // The set-up's version came from a file (nobody at the desk); georgi published today's; one
    // published for a later day is upcoming and does not replace today's.
    let mut later = json!({"effective_from": "2026-11-01", "defaults": settings["policy"]["defaults"].clone(), "rules": settings["policy"]["rules"].clone()});
    later["defaults"]["return_days"] = json!(30);
    let (status, body) = desk.send("POST", "/api/policy", &manager, Some(later)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A day that already has a version is refused by the check too.
    let mut again = json!({"effective_from": "2026-11-01", "defaults": settings["policy"]["defaults"].clone(), "rules": settings["policy"]["rules"].clone()});
    again["defaults"]["return_days"] = json!(31);
    let (status, body) = desk.send("POST", "/api/policy/check", &manager, Some(again)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("POLICY_VERSION_EXISTS")), "{body}");
    let (status, versions) = desk.send("GET", "/api/policy/versions", &clerk, None).await;
    assert_eq!(status, StatusCode::OK, "{versions}");
    let versions = versions.as_array().unwrap();
    let shown: Vec<(String, String, Option<&str>)> = versions
        .iter()
        .map(|v| (v["effective_from"].as_str().unwrap().to_string(), v["standing"].as_str().unwrap().to_string(), v["published_by"]["login"].as_str()))
        .collect();
    assert_eq!(shown.len(), 3, "{versions:?}");
    assert_eq!(shown[0], ("2026-11-01".into(), "upcoming".into(), Some("georgi")));
    assert_eq!(shown[1], ("2026-10-11".into(), "in_force".into(), Some("georgi")));
    assert_eq!((shown[2].1.as_str(), shown[2].2), ("past", None), "the set-up's version came from a file: {versions:?}");
    assert_eq!(versions[1]["published_by"]["display_name"], "Georgi Dimitrov");
    assert_eq!(versions[0]["version"].as_i64().unwrap(), versions[1]["version"].as_i64().unwrap() + 1);
    let published: chrono::DateTime<chrono::Utc> = versions[1]["published_at"].as_str().unwrap().parse().unwrap();
    assert!((chrono::Utc::now() - published).num_minutes().abs() < 5, "published just now: {published}");
    // Settings still shows today's version, not the upcoming one.
    let (_, settings) = desk.send("GET", "/api/settings", &clerk, None).await;
    assert_eq!(settings["policy"]["defaults"]["return_days"], 14);
    let (status, _) = desk.send("GET", "/api/policy/versions", "", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn store_details_and_policy_in_settings_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    store_details_and_policy_in_settings(db).await;
}

#[tokio::test]
async fn store_details_and_policy_in_settings_on_postgres() {
    store_details_and_policy_in_settings(fresh_postgres().await).await;
}

async fn what_the_slip_says(db: Arc<dyn Database>) {
    let desk = TestDesk::new(db).await;
    let clerk = desk.sign_in("maria", "1234").await;
    let manager = desk.sign_in("georgi", "9999").await;
    let (status, _) = desk.send("PUT", "/api/settings/store", &manager, Some(details("BG204567891"))).await;
    assert_eq!(status, StatusCode::OK);
    let (_, receipt) = desk.send("GET", "/api/receipts/lookup?code=S01-2026-004512", &clerk, None).await;
    let id = receipt["id"].clone();

    // Two cables back (one approved), the opened shaver denied, paid back to the card.
    let draft = json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "paper-1",
        "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"},
                  {"line": 4, "qty": 1, "reason": "change_of_mind", "condition": "opened"}]});
    let (status, done) = desk.send("POST", "/api/returns", &clerk, Some(draft)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let number = done["number"].as_str().unwrap().to_string();
    let en = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang=en", done["id"]), &clerk).await;
    let bg = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang=bg", done["id"]), &clerk).await;
    let ru = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang=ru", done["id"]), &clerk).await;
    // The store's ids with its country's labels, whatever the slip's language.
    for text in [&en, &bg, &ru] {
        assert!(text.contains("Техно Дом София"), "{text}");
        assert!(text.contains("ИН по ЗДДС BG204567891 · ЕИК 204567891"), "Bulgarian labels: {text}");
        assert!(!text.contains("ИНН"), "a Bulgarian store has no ИНН: {text}");
        assert!(text.contains("+359 2 981 2345"), "{text}");
    }
    // Why the denied line was denied, in the slip's language; why the other was approved, with
    // the facts the screen shows.
    assert!(en.contains("Denied – Under the store’s rules returnable only unopened; the packaging has been opened."), "{en}");
    assert!(en.contains("Bought 10 days ago; accessories can be returned within 60 days (until 30 Nov 2026)."), "{en}");
    assert!(bg.contains("Отказано – По правилата на магазина се връща само неразопакован; опаковката е отворена."), "{bg}");
    assert!(bg.contains("Купено преди 10 дни; магазинът приема обратно аксесоари в срок от 60 дни (до 30.11.2026 г.)."), "{bg}");
    // The totals add up to the lines printed: 8.82 + 5.38 = 14.20, less the denied 5.38.
    assert!(en.contains("Price €8.82") && en.contains("Price €5.38"), "{en}");
    assert!(en.contains("Price of the items brought back €14.20 Not paid back (lines not approved) −€5.38 Total refund €8.82"), "{en}");
    assert!(bg.contains("Цена на върнатите артикули 14,20 € Не се възстановява (неодобрени редове) −5,38 € Общо за възстановяване 8,82 €"), "{bg}");
    // Paid back to the card the receipt was paid with; dates as the screen shows them.
    assert!(en.contains("Card ••••4242 €8.82"), "{en}");
    assert!(bg.contains("Банкова карта ••••4242 8,82 €"), "{bg}");
    assert!(en.contains("Date and time: 11 Oct 2026, 10:00") && en.contains("Purchased on: 1 Oct 2026"), "{en}");
    assert!(bg.contains("Дата и час: 11.10.2026 г., 10:00") && bg.contains("Дата на покупка: 01.10.2026 г."), "{bg}");
    assert!(ru.contains("Дата покупки: 1 окт. 2026 г."), "{ru}");
    assert!(!en.contains("2026-10-"), "no ISO dates: {en}");

    // An opened TV above the clerk's limit, approved by a manager: its fee is named with its rate.
    let tv = json!({"receipt_id": id, "resolution": "refund", "idempotency_key": "paper-2",
        "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "opened"}],
        "manager": {"manager_login": "georgi", "manager_pin": "9999", "decision": "approve", "reason": "checked", "lines": []}});
    let (status, tv) = desk.send("POST", "/api/returns", &clerk, Some(tv)).await;
    assert_eq!(status, StatusCode::OK, "{tv}");
    let fee = tv["decision"]["lines"][0]["fee"].as_str().unwrap().to_string();
    assert_ne!(fee, "0.00", "{tv}");
    for (lang, fee_words, fees_words) in [("en", "Restocking fee 15%", "Restocking fees"), ("bg", "Такса за обработка 15%", "Такси за обработка")] {
        let text = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang={lang}", tv["id"]), &clerk).await;
        assert!(text.contains(fee_words) && text.contains(fees_words), "{lang}: {text}");
        let applies = if lang == "en" { "Opened, so a 15% restocking fee applies." } else { "Разопакован е, затова се удържа такса за обработка 15%." };
        assert!(text.contains(applies), "{lang}: why the fee, as the screen says it: {text}");
        assert!(!text.contains(" Fee ") && !text.contains("Такса −"), "{lang}: a fee is named: {text}");
        let a4 = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang={lang}&layout=a4", tv["id"]), &clerk).await;
        assert!(a4.contains(fee_words), "{lang} A4: {a4}");
    }

    // A warranty claim's slip: the TV's price paid and what was registered, no refund line.
    let (_, other) = desk.send("GET", "/api/receipts/lookup?code=S01-2026-004513", &clerk, None).await;
    let claim = json!({"receipt_id": other["id"], "resolution": "repair", "idempotency_key": "paper-3",
        "lines": [{"line": 1, "qty": 1, "reason": "defective", "condition": "used", "defect": "no picture", "serial": "TV55-000123"}],
        "customer": {"name": "Ivan Petrov", "contact": "+359 88 123 4567"}});
    let (status, claimed) = desk.send("POST", "/api/returns", &clerk, Some(claim)).await;
    assert_eq!(status, StatusCode::OK, "{claimed}");
    let register_no = claimed["claims"][0]["register_no"].as_str().unwrap().to_string();
    let en = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang=en", claimed["id"]), &clerk).await;
    let bg = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang=bg&layout=a4", claimed["id"]), &clerk).await;
    assert!(!en.contains("€0.00") && !bg.contains("0,00 €"), "never a zero price: {en}\n{bg}");
    assert!(en.contains("Price €881.32"), "the price paid: {en}");
    assert!(en.contains(&format!("Complaint register no.: {register_no}")), "{en}");
    assert!(en.contains("Remedy requested: Repair") || en.contains("Repair"), "{en}");
    assert!(en.contains("11 Nov 2026"), "the date it is due: {en}");
    assert!(!en.contains("Refund €"), "no refund line: {en}");
    assert!(bg.contains("881,32 €") && bg.contains(&register_no) && bg.contains("11.11.2026 г."), "{bg}");

    // A manager declines the opened TV at the desk: the customer's paper lists the declined line
    // with the manager's reason, and pays nothing.
    let (_, third) = desk.send("GET", "/api/receipts/lookup?code=S01-2026-004514", &clerk, None).await;
    let refused = json!({"receipt_id": third["id"], "resolution": "refund", "idempotency_key": "paper-4",
        "lines": [{"line": 1, "qty": 1, "reason": "change_of_mind", "condition": "opened"}],
        "manager": {"manager_login": "georgi", "manager_pin": "9999", "decision": "decline", "reason": "Screen scratched, not as sold", "lines": []}});
    let (status, refused) = desk.send("POST", "/api/returns", &clerk, Some(refused)).await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    assert_eq!(refused["status"], "declined", "{refused}");
    let en = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang=en", refused["id"]), &clerk).await;
    let bg = desk.pdf(&format!("/api/returns/{}/slip.pdf?lang=bg&layout=a4", refused["id"]), &clerk).await;
    for words in ["RETURN DECLINED", "Television 55in", "Price €881.32", "Decision: Declined by the manager",
                  "Manager’s reason: Screen scratched, not as sold", "Nothing is paid back.", "Declined by: Georgi Dimitrov"] {
        assert!(en.contains(words), "the declined slip should say {words:?}: {en}");
    }
    assert!(!en.contains("Total refund") && !en.contains("Paid back to"), "a declined return pays nothing: {en}");
    for words in ["ОТКАЗАНО ВРЪЩАНЕ", "881,32 €", "Отказано от управителя", "Основание на управителя: Screen scratched, not as sold", "Не се възстановява сума."] {
        assert!(bg.contains(words), "the declined slip should say {words:?}: {bg}");
    }
    let (status, body) = desk.send("GET", &format!("/api/returns/{}/slip.pdf?document=voucher", refused["id"]), &clerk, None).await;
    assert_eq!((status, body["error"]["code"].as_str(), &body["error"]["return_id"]), (StatusCode::CONFLICT, Some("RETURN_DECLINED"), &refused["id"]), "{body}");

    // The slip's own barcode (its number) finds the return: at the scan field and in History.
    let (status, found) = desk.send("GET", &format!("/api/receipts/lookup?code={number}"), &clerk, None).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["id"], id);
    let (status, found) = desk.send("GET", &format!("/api/receipts/lookup?code=%20{}%20", number.to_lowercase()), &clerk, None).await;
    assert_eq!((status, found["id"].clone()), (StatusCode::OK, id.clone()), "any case, spaces around: {found}");
    let (_, list) = desk.send("GET", &format!("/api/returns?q={number}"), &clerk, None).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["id"], done["id"]);
    let (status, _) = desk.send("GET", "/api/receipts/lookup?code=S01-R0009999", &clerk, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no such return");
    let (_, list) = desk.send("GET", "/api/returns?q=S03-R0000001", &clerk, None).await;
    assert!(list.as_array().unwrap().is_empty(), "another store's slip number finds nothing: {list}");
}

#[tokio::test]
async fn what_the_slip_says_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    what_the_slip_says(db).await;
}

#[tokio::test]
async fn what_the_slip_says_on_postgres() {
    what_the_slip_says(fresh_postgres().await).await;
}

/// The first run checks the VAT id as Settings does: an implausible one is refused at its field,
/// and no store is set up.
#[tokio::test]
async fn the_first_run_refuses_a_vat_id_not_of_the_store_s_country() {
    let (_dir, db) = fresh_sqlite().await;
    let desk = Desk::new(db.clone());
    let run = |vat_id: &str| returndesk::service::people::FirstRun {
        code: "S09".into(),
        name: "Return Desk Varna".into(),
        address: "bul. Slivnitsa 2, Varna".into(),
        vat_id: vat_id.into(),
        company_id: "123456789".into(),
        jurisdiction: "BG".into(),
        currency: "BGN".into(),
        time_zone: "Europe/Sofia".into(),
        language: "bg".into(),
        admin_login: "elena".into(),
        admin_name: "Elena Petrova".into(),
        admin_pin: "482916".into(),
        starting_policy: "bg-standard".into(),
        terminal: None,
    };
    match desk.set_up_store(&run("EL801234567")).await {
        Err(returndesk::service::DeskError::BadInput { field, .. }) => assert_eq!(field, "store.vat_id"),
        other => panic!("a Greek VAT id for a Bulgarian store: {other:?}"),
    }
    assert!(db.stores().await.unwrap().is_empty(), "nothing set up");
    desk.set_up_store(&run("bg 123 456 789")).await.unwrap();
    assert_eq!(db.store_details("S09").await.unwrap().unwrap().vat_id, "BG123456789");
}

/// Every document labels the store's ids as the store's country does, in any language: a
/// Bulgarian shop's slip and complaint register in Russian say ИН по ЗДДС / ЕИК, never ИНН; a
/// Greek shop's say ΑΦΜ / ΓΕΜΗ; an Austrian one's VAT no.
#[test]
fn ids_are_labelled_as_the_store_s_country_does_in_every_language() {
    use returndesk::domain::Jurisdiction;
    use returndesk::slip::{self, sample, Lang, Layout};
    for lang in [Lang::En, Lang::Bg, Lang::Ru, Lang::El] {
        for (country, vat, company) in [
            (Jurisdiction::BG, "ИН по ЗДДС BG204567891", "ЕИК 204567891"),
            (Jurisdiction::GR, "ΑΦΜ EL801234567", "ΓΕΜΗ 123456701000"),
            (Jurisdiction::RU, "ИНН 7701234567", "ОГРН 1027700123456"),
            (Jurisdiction::EU, "VAT no. ATU12345678", "Company no. FN 123456a"),
        ] {
            let mut view = sample::return_slip(1, lang);
            view.store = sample::store_in(country);
            let text = pdf_text(&slip::render_return_slip(&view, lang, Layout::Roll80mm).unwrap());
            assert!(text.contains(vat) && text.contains(company), "{country:?} in {lang:?}: {text}");
            let mut register = sample::register_sheet(Jurisdiction::BG);
            register.store = sample::store_in(country);
            let text = pdf_text(&slip::render_register(&register, lang).unwrap());
            assert!(text.contains(vat), "register of {country:?} in {lang:?}: {text}");
        }
        let text = pdf_text(&slip::render_return_slip(&sample::return_slip(1, lang), lang, Layout::A4).unwrap());
        assert!(!text.contains("ИНН"), "a Bulgarian store has no ИНН in {lang:?}: {text}");
    }
}

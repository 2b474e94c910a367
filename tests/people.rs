//! People at the desk, on SQLite and PostgreSQL: who may call which command (every command of
//! the table, for every role), the first run, users added, edited, deactivated and their PINs
//! reset or changed, the PIN rules, a store's last administrator, other stores' people kept
//! apart, where a user signs in, and a database from before people (migration 0007) upgraded.

mod common;

use std::sync::Arc;

use common::*;
use returndesk::api::{Access, ApiError, DeskApi, COMMANDS};
use returndesk::service::people::{Steward, UserEdit};
use returndesk::service::{Desk, DeskClock, DeskError};
use returndesk::store::{AuditAction, AuditQuery, Database, NewUser, Role};
use serde_json::{json, Value};

struct Counter {
    api: DeskApi,
    db: Arc<dyn Database>,
}

async fn user(db: &dyn Database, store: Option<&str>, login: &str, role: Role, pin: &str) -> i64 {
    db.put_user(&NewUser {
        store_code: store.map(str::to_string),
        login: login.into(),
        display_name: format!("{login} (test)"),
        role,
        pin_hash: returndesk::demo::hash_pin(pin).unwrap(),
        refund_limit: None,
        approval_limit: None,
    })
    .await
    .unwrap()
}

impl Counter {
    /// S01 (maria clerk, georgi manager, ana administrator; DESK-1) and S03 (olga clerk, DESK-3).
    async fn new(db: Arc<dyn Database>) -> Counter {
        set_up_stores(db.as_ref()).await;
        user(db.as_ref(), Some("S01"), "ana", Role::Administrator, "4826").await;
        user(db.as_ref(), Some("S03"), "olga", Role::Clerk, "5713").await;
        db.put_terminal("S03", "DESK-3").await.unwrap();
        let clock = DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap());
        Counter { api: DeskApi::new(Desk::new(db.clone()), clock), db }
    }

    async fn call(&self, command: &str, input: Value, token: Option<&str>) -> Result<Value, ApiError> {
        self.api.call(command, input, token).await
    }

    async fn token(&self, login: &str, pin: &str, desk: &str) -> String {
        let answer = self.call("sign_in", json!({"login": login, "pin": pin, "terminal": desk}), None).await;
        let answer = answer.unwrap_or_else(|e| panic!("{login} signs in at {desk}: {}", e.body()));
        answer["token"].as_str().unwrap().to_string()
    }

    async fn id_of(&self, login: &str) -> i64 {
        self.db.user_by_login(login).await.unwrap().map(|u| u.id).unwrap_or_else(|| panic!("no active {login}"))
    }
}

fn refused(r: Result<Value, ApiError>) -> ApiError {
    match r {
        Ok(v) => panic!("answered {v} where a refusal was expected"),
        Err(e) => e,
    }
}

fn details(e: &returndesk::store::AuditEntry) -> Value {
    serde_json::from_str(&e.details).unwrap()
}

fn field(r: Result<Value, ApiError>) -> (u16, String) {
    let e = refused(r);
    (e.status, e.field.clone().unwrap_or_default())
}

// --- Who may call what -----------------------------------------------------------------------

async fn every_command_answers_by_role(db: Arc<dyn Database>) {
    let desk = Counter::new(db).await;
    let mut checked = 0;
    for command in COMMANDS {
        // Fresh sessions for each command (sign_out ends the caller's).
        let roles = [
            ("clerk", Some(desk.token("maria", "1234", "DESK-1").await), Role::Clerk),
            ("manager", Some(desk.token("georgi", "9999", "DESK-1").await), Role::Manager),
            ("administrator", Some(desk.token("ana", "4826", "DESK-1").await), Role::Administrator),
        ];
        let anonymous = desk.call(command.name, json!({}), None).await;
        match command.access {
            Access::Anyone => {
                assert!(anonymous.as_ref().err().is_none_or(|e| e.status != 401 && e.status != 403), "{} anonymous", command.name)
            }
            _ => assert_eq!(anonymous.map_err(|e| (e.status, e.code)).err(), Some((401, "UNAUTHENTICATED")), "{} anonymous", command.name),
        }
        for (who, token, role) in &roles {
            let allowed = match command.access {
                Access::Anyone | Access::Clerk => true,
                Access::Manager => role.approves(),
                Access::Administrator => *role == Role::Administrator,
            };
            let answer = desk.call(command.name, json!({}), token.as_deref()).await;
            let status = answer.as_ref().err().map(|e| e.status);
            if allowed {
                assert!(status != Some(401) && status != Some(403), "{} as {who}: {:?}", command.name, answer.err().map(|e| e.body()));
            } else {
                assert_eq!(answer.map_err(|e| (e.status, e.code)).err(), Some((403, "FORBIDDEN")), "{} as {who}", command.name);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, COMMANDS.len() * 3);
    assert!(COMMANDS.iter().any(|c| c.access == Access::Administrator), "the table has administrators' commands");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_by_role_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    every_command_answers_by_role(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_by_role_on_postgres() {
    every_command_answers_by_role(fresh_postgres().await).await;
}

// --- Users -----------------------------------------------------------------------------------

async fn users_are_managed(db: Arc<dyn Database>) {
    let desk = Counter::new(db.clone()).await;
    let admin = desk.token("ana", "4826", "DESK-1").await;

    // Only S01's people, never S03's.
    let list = desk.call("list_users", json!({}), Some(&admin)).await.unwrap();
    let logins: Vec<&str> = list.as_array().unwrap().iter().map(|u| u["login"].as_str().unwrap()).collect();
    assert_eq!(logins, ["ana", "georgi", "maria"]);
    assert_eq!(list[0]["role"], "administrator");
    assert_eq!(list[0]["stores"], json!(["S01"]));
    assert_eq!(list.as_array().unwrap().iter().map(|u| u["locked"].clone()).collect::<Vec<_>>(), [false, false, false]);
    // georgi locked out at a desk shows as locked.
    for _ in 0..5 {
        let _ = desk.call("sign_in", json!({"login": "georgi", "pin": "0000", "terminal": "DESK-1"}), None).await;
    }
    let list = desk.call("list_users", json!({}), Some(&admin)).await.unwrap();
    assert_eq!(list.as_array().unwrap().iter().map(|u| u["locked"].clone()).collect::<Vec<_>>(), [false, true, false]);

    // The PIN rules, each kind refused with the field named, nothing written.
    let new = |pin: &str| json!({"login": "ivan", "name": "Ivan Petrov", "role": "clerk", "pin": pin, "refund_limit": "200.00"});
    for pin in ["123", "123456789", "12a45", "1111", "1234", "9876", "0123", "3456789"] {
        assert_eq!(field(desk.call("add_user", new(pin), Some(&admin)).await), (400, "pin".into()), "PIN {pin}");
    }
    assert!(db.user_by_login("ivan").await.unwrap().is_none(), "a refused user is not written");
    // Other fields named too.
    let bad_login = json!({"login": "i v", "name": "Ivan", "role": "clerk", "pin": "48271"});
    assert_eq!(field(desk.call("add_user", bad_login, Some(&admin)).await), (400, "login".into()));
    let bad_name = json!({"login": "ivan", "name": "  ", "role": "clerk", "pin": "48271"});
    assert_eq!(field(desk.call("add_user", bad_name, Some(&admin)).await), (400, "name".into()));
    let bad_store = json!({"login": "ivan", "name": "Ivan", "role": "clerk", "pin": "48271", "stores": ["S09"]});
    assert_eq!(field(desk.call("add_user", bad_store, Some(&admin)).await), (400, "stores".into()));
    let not_mine = json!({"login": "ivan", "name": "Ivan", "role": "clerk", "pin": "48271", "stores": ["S03"]});
    assert_eq!(field(desk.call("add_user", not_mine, Some(&admin)).await), (400, "stores".into()));
    let bad_limit = json!({"login": "ivan", "name": "Ivan", "role": "clerk", "pin": "48271", "refund_limit": "-5.00"});
    assert_eq!(field(desk.call("add_user", bad_limit, Some(&admin)).await), (400, "refund_limit".into()));

    // A good one: in the session's store by default, with its limit.
    let ivan = desk.call("add_user", new("48271"), Some(&admin)).await.unwrap();
    assert_eq!((ivan["login"].as_str(), ivan["stores"].clone(), ivan["refund_limit"].clone()), (Some("ivan"), json!(["S01"]), json!("200.00")));
    assert_eq!((ivan["active"].clone(), ivan["locked"].clone(), ivan["approval_limit"].clone()), (json!(true), json!(false), Value::Null));
    let taken = refused(desk.call("add_user", new("48271"), Some(&admin)).await);
    assert_eq!((taken.status, taken.code), (409, "CONFLICT"), "a login is taken once");
    let ivan_id = ivan["id"].as_i64().unwrap();
    let ivan_token = desk.token("ivan", "48271", "DESK-1").await;

    // Reset by the administrator: ivan's session ends, the new PIN signs in, the old does not.
    assert_eq!(field(desk.call("reset_user_pin", json!({"id": ivan_id, "pin": "5555"}), Some(&admin)).await), (400, "pin".into()));
    desk.call("reset_user_pin", json!({"id": ivan_id, "pin": "60482"}), Some(&admin)).await.unwrap();
    let ended = refused(desk.call("get_settings", json!({}), Some(&ivan_token)).await);
    assert_eq!(ended.status, 401, "a reset PIN ends the user's sessions");
    assert_eq!(refused(desk.call("sign_in", json!({"login": "ivan", "pin": "48271", "terminal": "DESK-1"}), None).await).code, "WRONG_PIN");
    let ivan_token = desk.token("ivan", "60482", "DESK-1").await;

    // Promoted to manager with a limit: a role change ends the session too.
    let edit = json!({"id": ivan_id, "name": "Ivan P. Petrov", "role": "manager", "stores": ["S01"], "active": true,
                      "refund_limit": "300.00", "approval_limit": "1000.00"});
    let edited = desk.call("update_user", edit, Some(&admin)).await.unwrap();
    assert_eq!((edited["role"].as_str(), edited["name"].as_str(), edited["approval_limit"].as_str()), (Some("manager"), Some("Ivan P. Petrov"), Some("1000.00")));
    assert_eq!(refused(desk.call("get_settings", json!({}), Some(&ivan_token)).await).status, 401);
    let ivan_token = desk.token("ivan", "60482", "DESK-1").await;

    // Deactivated: the live session is refused at its next command, and sign-in too.
    let off = json!({"id": ivan_id, "name": "Ivan P. Petrov", "role": "manager", "stores": ["S01"], "active": false,
                     "refund_limit": null, "approval_limit": null});
    let off = desk.call("update_user", off, Some(&admin)).await.unwrap();
    assert_eq!(off["active"], false);
    let e = refused(desk.call("lookup_receipt", json!({"code": "X"}), Some(&ivan_token)).await);
    assert_eq!((e.status, e.code), (401, "UNAUTHENTICATED"));
    assert_eq!(refused(desk.call("sign_in", json!({"login": "ivan", "pin": "60482", "terminal": "DESK-1"}), None).await).status, 401);
    // Still listed, as inactive.
    let list = desk.call("list_users", json!({}), Some(&admin)).await.unwrap();
    let listed = list.as_array().unwrap().iter().find(|u| u["login"] == "ivan").expect("ivan is listed");
    assert_eq!(listed["active"], false);

    // Another store's user: invisible, and not found.
    let olga = desk.id_of("olga").await;
    let olga_edit = json!({"id": olga, "name": "Olga", "role": "clerk", "stores": ["S01"], "active": true, "refund_limit": null, "approval_limit": null});
    let e = refused(desk.call("update_user", olga_edit, Some(&admin)).await);
    assert_eq!((e.status, e.code), (404, "NOT_FOUND"));
    let e = refused(desk.call("reset_user_pin", json!({"id": olga, "pin": "60482"}), Some(&admin)).await);
    assert_eq!(e.status, 404);
    assert!(desk.call("sign_in", json!({"login": "olga", "pin": "5713", "terminal": "DESK-3"}), None).await.is_ok(), "olga's PIN is unchanged");

    // The audit trail names each change, by whom, and never a PIN.
    let page = db
        .audit_entries("S01", &AuditQuery { action: Some(AuditAction::UserChanged), limit: 50, ..Default::default() })
        .await
        .unwrap();
    let changes: Vec<String> = page.entries.iter().map(|e| details(e)["change"].as_str().unwrap().to_string()).collect();
    assert_eq!(changes, ["edited", "edited", "pin_reset", "added"]);
    let ana = desk.id_of("ana").await;
    assert!(page.entries.iter().all(|e| e.user_id == Some(ana)), "each change names the administrator");
    let role_change = &details(&page.entries[1])["changes"];
    assert_eq!(role_change["role"], json!({"from": "clerk", "to": "manager"}));
    assert_eq!(details(&page.entries[0])["changes"]["active"], json!({"from": true, "to": false}));
    let all = serde_json::to_string(&page.entries.iter().map(details).collect::<Vec<_>>()).unwrap();
    assert!(!all.contains("60482") && !all.contains("48271") && !all.contains("argon2"), "no PIN or hash in the trail: {all}");
    assert!(db.verify_audit().await.unwrap().is_intact());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_are_managed_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    users_are_managed(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_are_managed_on_postgres() {
    users_are_managed(fresh_postgres().await).await;
}

// --- Own PIN, administrators -----------------------------------------------------------------

async fn own_pin_and_administrators(db: Arc<dyn Database>) {
    let desk = Counter::new(db.clone()).await;
    let maria = desk.token("maria", "1234", "DESK-1").await;
    let maria_elsewhere = desk.token("maria", "1234", "DESK-1").await;

    // The new PIN follows the rules; the old one is asked, and a wrong one is counted.
    let change = |old: &str, new: &str| json!({"old_pin": old, "new_pin": new});
    assert_eq!(field(desk.call("change_own_pin", change("1234", "2222"), Some(&maria)).await), (400, "new_pin".into()));
    let wrong = refused(desk.call("change_own_pin", change("0000", "48271"), Some(&maria)).await);
    assert_eq!((wrong.status, wrong.code), (401, "WRONG_PIN"));
    assert_eq!(wrong.extra["attempts_left"], 4);
    let failures = db.sign_in_failures("maria").await.unwrap();
    assert_eq!(failures.iter().map(|f| (f.terminal.as_str(), f.failures)).collect::<Vec<_>>(), [("DESK-1", 1)]);
    // Right: the other session ends, this one goes on, the new PIN signs in, the old does not.
    desk.call("change_own_pin", change("1234", "48271"), Some(&maria)).await.unwrap();
    assert!(desk.call("get_settings", json!({}), Some(&maria)).await.is_ok(), "the session that changed it goes on");
    assert_eq!(refused(desk.call("get_settings", json!({}), Some(&maria_elsewhere)).await).status, 401);
    assert_eq!(refused(desk.call("sign_in", json!({"login": "maria", "pin": "1234", "terminal": "DESK-1"}), None).await).code, "WRONG_PIN");
    desk.token("maria", "48271", "DESK-1").await;
    let page = db.audit_entries("S01", &AuditQuery { action: Some(AuditAction::UserChanged), limit: 5, ..Default::default() }).await.unwrap();
    assert_eq!(details(&page.entries[0])["change"], "pin_changed");

    // An administrator neither deactivates nor demotes themselves.
    let ana_token = desk.token("ana", "4826", "DESK-1").await;
    let ana = desk.id_of("ana").await;
    let me = |role: &str, active: bool| json!({"id": ana, "name": "Ana", "role": role, "stores": ["S01"], "active": active, "refund_limit": null, "approval_limit": null});
    let e = refused(desk.call("update_user", me("administrator", false), Some(&ana_token)).await);
    assert_eq!((e.status, e.code), (409, "OWN_ACCOUNT"));
    assert!(e.message.contains("yourself"), "{}", e.message);
    assert_eq!(refused(desk.call("update_user", me("manager", true), Some(&ana_token)).await).status, 409);
    // Their own name changes, and their session goes on.
    let renamed = desk.call("update_user", me("administrator", true), Some(&ana_token)).await.unwrap();
    assert_eq!(renamed["name"], "Ana");
    assert!(desk.call("list_users", json!({}), Some(&ana_token)).await.is_ok());

    // A store keeps an active administrator: not even the command line takes the last one away.
    let last = UserEdit { name: "Ana".into(), role: Role::Manager, stores: vec!["S01".into()], active: true, refund_limit: None, approval_limit: None };
    let e = desk.api.desk.update_user(Steward::CommandLine, ana, &last).await.unwrap_err();
    assert!(matches!(&e, DeskError::Conflict(m) if m.contains("S01") && m.contains("administrator")), "{e}");
    // With a second administrator, the first may go.
    let boris = json!({"login": "boris", "name": "Boris", "role": "administrator", "pin": "73915"});
    desk.call("add_user", boris, Some(&ana_token)).await.unwrap();
    let boris_token = desk.token("boris", "73915", "DESK-1").await;
    let demoted = desk.call("update_user", me("manager", true), Some(&boris_token)).await.unwrap();
    assert_eq!(demoted["role"], "manager");
    assert_eq!(refused(desk.call("list_users", json!({}), Some(&ana_token)).await).status, 401, "ana's session ended with her role");
    let ana_token = desk.token("ana", "4826", "DESK-1").await;
    assert_eq!(refused(desk.call("list_users", json!({}), Some(&ana_token)).await).status, 403, "a manager lists no users");
    // Now boris is the last: the command line cannot deactivate him either.
    let boris_id = desk.id_of("boris").await;
    let off = UserEdit { name: "Boris".into(), role: Role::Administrator, stores: vec!["S01".into()], active: false, refund_limit: None, approval_limit: None };
    assert!(matches!(desk.api.desk.update_user(Steward::CommandLine, boris_id, &off).await, Err(DeskError::Conflict(_))));
    assert!(db.user_by_login("boris").await.unwrap().is_some(), "nothing written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_pin_and_administrators_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    own_pin_and_administrators(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_pin_and_administrators_on_postgres() {
    own_pin_and_administrators(fresh_postgres().await).await;
}

// --- Where a user signs in -------------------------------------------------------------------

async fn users_sign_in_where_they_work(db: Arc<dyn Database>) {
    let desk = Counter::new(db.clone()).await;
    // olga works in S03 only: at S01's desk her right PIN is answered like a wrong one, and counted.
    let e = refused(desk.call("sign_in", json!({"login": "olga", "pin": "5713", "terminal": "DESK-1"}), None).await);
    assert_eq!((e.status, e.code), (401, "WRONG_PIN"));
    let unknown = refused(desk.call("sign_in", json!({"login": "nobody", "pin": "5713", "terminal": "DESK-1"}), None).await);
    assert_eq!((unknown.status, unknown.code, unknown.extra.get("attempts_left")), (e.status, e.code, e.extra.get("attempts_left")));
    assert_eq!(db.sign_in_failures("olga").await.unwrap()[0].failures, 1);
    // At her own desk, and without a desk (her home store).
    let at_desk = desk.call("sign_in", json!({"login": "olga", "pin": "5713", "terminal": "DESK-3"}), None).await.unwrap();
    assert_eq!(at_desk["store"]["code"], "S03");
    let no_desk = desk.call("sign_in", json!({"login": "olga", "pin": "5713"}), None).await.unwrap();
    assert_eq!((no_desk["store"]["code"].as_str(), no_desk["terminal_id"].clone()), (Some("S03"), Value::Null));

    // A chain user with no home store: at a desk, that desk's store; without one, asked for a desk.
    user(db.as_ref(), None, "vera", Role::Clerk, "80357").await;
    let s01 = desk.call("sign_in", json!({"login": "vera", "pin": "80357", "terminal": "DESK-1"}), None).await.unwrap();
    assert_eq!(s01["store"]["code"], "S01");
    let s03 = desk.call("sign_in", json!({"login": "vera", "pin": "80357", "terminal": "DESK-3"}), None).await.unwrap();
    assert_eq!(s03["store"]["code"], "S03");
    let e = refused(desk.call("sign_in", json!({"login": "vera", "pin": "80357"}), None).await);
    assert_eq!((e.status, e.field.as_deref()), (400, Some("terminal")));
    assert!(e.message.contains("desk"), "{}", e.message);

    // The service refuses a manager whatever the door (not only the dispatcher).
    let georgi_token = desk.token("georgi", "9999", "DESK-1").await;
    let georgi = desk.api.desk.session(Some(&georgi_token)).await.unwrap();
    let forbidden = |r: Result<(), DeskError>| matches!(r, Err(DeskError::Auth(returndesk::service::auth::AuthError::Forbidden(_))));
    assert!(forbidden(desk.api.desk.users(&georgi).await.map(|_| ())));
    let maria_id = desk.id_of("maria").await;
    assert!(forbidden(desk.api.desk.reset_pin(Steward::Desk(&georgi), maria_id, "60482").await.map(|_| ())));
    let promote = UserEdit { name: "Maria".into(), role: Role::Administrator, stores: vec!["S01".into()], active: true, refund_limit: None, approval_limit: None };
    assert!(forbidden(desk.api.desk.update_user(Steward::Desk(&georgi), maria_id, &promote).await.map(|_| ())));
    let new = returndesk::service::people::UserToAdd {
        login: "mallory".into(), name: "Mallory".into(), role: Role::Administrator, stores: None, pin: "60482".into(),
        refund_limit: None, approval_limit: None,
    };
    assert!(forbidden(desk.api.desk.add_user(Steward::Desk(&georgi), &new).await.map(|_| ())));
    assert!(db.user_by_login("mallory").await.unwrap().is_none());
    assert_eq!(db.user_by_login("maria").await.unwrap().unwrap().role, Role::Clerk);

    // A manager approves only in a store they work in.
    let olga_token = desk.token("olga", "5713", "DESK-3").await;
    let session = desk.api.desk.session(Some(&olga_token)).await.unwrap();
    assert!(desk.api.desk.check_manager(&session, "georgi", "9999").await.is_err(), "georgi does not work in S03");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_sign_in_where_they_work_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    users_sign_in_where_they_work(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_sign_in_where_they_work_on_postgres() {
    users_sign_in_where_they_work(fresh_postgres().await).await;
}

// --- The first run ---------------------------------------------------------------------------

fn set_up(code: &str, login: &str, pin: &str) -> Value {
    json!({
        "store": {"code": code, "name": "Return Desk Varna", "address": "bul. Slivnitsa 2, Varna", "vat_id": "BG123456789",
                  "company_id": "123456789", "jurisdiction": "BG", "currency": "BGN", "time_zone": "Europe/Sofia", "language": "bg"},
        "administrator": {"login": login, "name": "Elena Petrova", "pin": pin},
        "starting_policy": "bg-standard",
        "terminal": "DESK-1"
    })
}

async fn counts(db: &dyn Database) -> (usize, usize) {
    let stores = db.stores().await.unwrap().len();
    let users = db.audit_entries("S01", &AuditQuery { limit: 200, ..Default::default() }).await.unwrap().entries.len();
    (stores, users)
}

async fn the_first_run(db: Arc<dyn Database>) {
    let clock = DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap());
    let api = DeskApi::new(Desk::new(db.clone()), clock);
    let status = api.call("setup_status", json!({}), None).await.unwrap();
    assert_eq!(status["needs_setup"], true);
    let ids: Vec<&str> = status["starting_policies"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"bg-standard") && ids.contains(&"bg-law-minimum") && ids.contains(&"ru-standard"), "{ids:?}");

    // Every field checked and named; nothing written.
    let mut bad = Vec::new();
    for (path, value, want) in [
        ("/store/code", json!("S 01"), "store.code"),
        ("/store/name", json!(""), "store.name"),
        ("/store/jurisdiction", json!("FR"), "store.jurisdiction"),
        ("/store/currency", json!("RUB"), "store.currency"),
        ("/store/time_zone", json!("Sofia"), "store.time_zone"),
        ("/store/language", json!("de"), "store.language"),
        ("/administrator/login", json!("x"), "administrator.login"),
        ("/administrator/pin", json!("1234"), "administrator.pin"),
        ("/starting_policy", json!("ru-standard"), "starting_policy"),
        ("/starting_policy", json!("generous"), "starting_policy"),
    ] {
        let mut input = set_up("S01", "elena", "60482");
        *input.pointer_mut(path).unwrap() = value;
        let (status, named) = field(api.call("set_up_store", input, None).await);
        bad.push((path, status, named == want));
    }
    assert!(bad.iter().all(|(_, s, named)| *s == 400 && *named), "{bad:?}");
    assert_eq!(db.stores().await.unwrap().len(), 0, "nothing written");

    // Set up: the administrator is signed in at the desk of the new store.
    let session = api.call("set_up_store", set_up("S01", "elena", "60482"), None).await.unwrap();
    assert_eq!((session["user"]["role"].as_str(), session["store"]["code"].as_str()), (Some("administrator"), Some("S01")));
    assert!(session["terminal_id"].is_i64(), "the desk is registered: {session}");
    let token = session["token"].as_str().unwrap();
    let users = api.call("list_users", json!({}), Some(token)).await.unwrap();
    assert_eq!(users.as_array().unwrap().len(), 1);
    let settings = api.call("get_settings", json!({}), Some(token)).await.unwrap();
    assert_eq!(settings["store"]["currency"], "BGN");
    assert_eq!(settings["policy"]["effective_from"], "2000-01-01", "the starting policy covers sales from before the set-up");
    // A sale made three weeks before the set-up, imported after it, is judged by that policy.
    let mut sale = serde_json::to_value(sofia_receipt("S01-2026-000777")).unwrap();
    sale["currency"] = json!("BGN");
    sale["purchased_at"] = json!("2026-09-20T12:00:00");
    db.import_receipts(&[serde_json::from_value(sale).unwrap()]).await.unwrap();
    let receipt = api.call("lookup_receipt", json!({"code": "S01-2026-000777"}), Some(token)).await.unwrap();
    let verdict = api
        .call(
            "evaluate_return",
            json!({"receipt_id": receipt["id"], "resolution": "refund",
                   "lines": [{"line": 2, "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]}),
            Some(token),
        )
        .await
        .unwrap();
    assert_eq!(verdict["lines"][0]["outcome"], "approved", "21 days into the standard 30: {verdict}");
    assert_eq!(api.call("setup_status", json!({}), None).await.unwrap()["needs_setup"], false);

    // Twice: 409, nothing written.
    let before = counts(db.as_ref()).await;
    let e = refused(api.call("set_up_store", set_up("S02", "ivo", "60482"), None).await);
    assert_eq!((e.status, e.code), (409, "CONFLICT"));
    assert_eq!(counts(db.as_ref()).await, before);
    assert!(db.user_by_login("ivo").await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_run_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    the_first_run(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_run_on_postgres() {
    the_first_run(fresh_postgres().await).await;
}

async fn two_set_ups_at_once(db: Arc<dyn Database>) {
    let clock = DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap());
    let api = DeskApi::new(Desk::new(db.clone()), clock);
    let mut runs = Vec::new();
    for (code, login) in [("S01", "elena"), ("S02", "ivo"), ("S03", "zara"), ("S04", "pavel")] {
        let api = api.clone();
        runs.push(tokio::spawn(async move { api.call("set_up_store", set_up(code, login, "60482"), None).await }));
    }
    let mut won = 0;
    for run in runs {
        match run.await.unwrap() {
            Ok(_) => won += 1,
            Err(e) => assert_eq!((e.status, e.code), (409, "CONFLICT"), "{}", e.body()),
        }
    }
    assert_eq!(won, 1, "exactly one set-up wins");
    assert_eq!(db.stores().await.unwrap().len(), 1, "exactly one store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_set_ups_at_once_on_sqlite() {
    let (_dir, db) = fresh_sqlite().await;
    two_set_ups_at_once(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_set_ups_at_once_on_postgres() {
    two_set_ups_at_once(fresh_postgres().await).await;
}

// --- The command line ------------------------------------------------------------------------

struct Cli {
    db: String,
}

impl Cli {
    /// Runs the real binary on the database: (exit code, stdout, stderr).
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_returndesk"));
        command.args(args).args(["--db", &self.db]).env_remove("DATABASE_URL").env_remove("RETURNDESK_ADMIN_PIN").env_remove("RETURNDESK_PIN");
        for (k, v) in env {
            command.env(k, v);
        }
        let out = command.output().unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
    }
}

const SETUP: [&str; 17] = [
    "setup", "--code", "S01", "--name", "Return Desk Sofia", "--jurisdiction", "BG", "--currency", "EUR",
    "--time-zone", "Europe/Sofia", "--language", "bg", "--admin-login", "elena", "--admin-name", "Elena Petrova",
];

async fn the_command_line(location: String, db: Arc<dyn Database>) {
    let cli = Cli { db: location };
    // setup: a bad flag is named (exit 2), the PIN from the environment, a second setup refused.
    let mut bad = SETUP.to_vec();
    bad[14] = "e"; // --admin-login
    let (code, _, err) = cli.run(&bad, &[("RETURNDESK_ADMIN_PIN", "60482")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--admin-login"), "{err}");
    let (code, _, err) = cli.run(&SETUP, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("--admin-pin") && err.contains("RETURNDESK_ADMIN_PIN"), "{err}");
    let (code, _, err) = cli.run(&SETUP, &[("RETURNDESK_ADMIN_PIN", "1234")]);
    assert_eq!((code, err.contains("--admin-pin")), (2, true), "{err}");
    assert!(db.stores().await.unwrap().is_empty(), "nothing written");
    let (code, out, err) = cli.run(&SETUP, &[("RETURNDESK_ADMIN_PIN", "60482")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("S01") && out.contains("bg-standard"), "{out}");
    let (code, _, err) = cli.run(&SETUP, &[("RETURNDESK_ADMIN_PIN", "60482")]);
    assert_eq!(code, 2, "a second setup is refused: {err}");
    assert_eq!(db.stores().await.unwrap().len(), 1);

    // users add / list / set-pin / set-role / set-limits / deactivate.
    let add = ["users", "add", "--store", "S01", "--login", "ivan", "--name", "Ivan Petrov", "--role", "clerk", "--pin", "48271",
               "--refund-limit", "200.00", "--approval-limit", "1000.00"];
    let (code, out, err) = cli.run(&add, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ivan\tIvan Petrov\tclerk\tS01\tactive\trefund 200.00\tapproval 1000.00"), "{out}");
    let (code, _, err) = cli.run(&add, &[]);
    assert_eq!(code, 2, "a taken login: {err}");
    let (code, _, err) = cli.run(&["users", "add", "--store", "S09", "--login", "zoe", "--name", "Zoe", "--role", "clerk", "--pin", "48271"], &[]);
    assert_eq!((code, err.contains("--store")), (2, true), "{err}");
    let (code, _, err) = cli.run(&["users", "set-pin", "--login", "ivan", "--pin", "7777"], &[]);
    assert_eq!((code, err.contains("--pin")), (2, true), "{err}");
    let (code, _, err) = cli.run(&["users", "set-pin", "--login", "ivan"], &[("RETURNDESK_PIN", "70531")]);
    assert_eq!(code, 0, "{err}");
    assert!(returndesk::service::auth::check_pin(db.as_ref(), "ivan", "70531", "", chrono::Utc::now()).await.is_ok(), "the new PIN holds");
    let (code, out, _) = cli.run(&["users", "set-role", "--login", "ivan", "--role", "manager"], &[]);
    assert_eq!((code, out.contains("\tmanager\t")), (0, true), "{out}");
    let (code, out, _) = cli.run(&["users", "set-limits", "--login", "ivan", "--refund-limit", "none"], &[]);
    assert_eq!((code, out.contains("refund -\tapproval 1000.00")), (0, true), "{out}");
    let (code, _, err) = cli.run(&["users", "deactivate", "--login", "elena"], &[]);
    assert_eq!(code, 2, "the last administrator stays: {err}");
    assert!(err.contains("administrator"), "{err}");
    let (code, _, err) = cli.run(&["users", "deactivate", "--login", "ivan"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(db.user_by_login("ivan").await.unwrap().is_none(), "ivan is no longer active");
    let (code, out, _) = cli.run(&["users", "list"], &[]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("elena\tElena Petrova\tadministrator\tS01\tactive"), "{out}");
    assert!(lines[1].starts_with("ivan\tIvan Petrov\tmanager\tS01\tinactive"), "{out}");

    // import users: one bad line, nothing imported, the line and field named; then all.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.jsonl");
    let good = r#"{"login":"petya","name":"Petya","role":"clerk","stores":["S01"],"pin":"58213","refund_limit":"150.00"}"#;
    let bad = r#"{"login":"kalin","name":"Kalin","role":"manager","stores":["S01"],"pin":"4444"}"#;
    std::fs::write(&file, format!("{good}\n{bad}\n")).unwrap();
    let (code, _, err) = cli.run(&["import", "users", file.to_str().unwrap()], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("users.jsonl:2: pin:"), "{err}");
    assert!(db.user_by_login("petya").await.unwrap().is_none(), "all or nothing");
    let other = r#"{"login":"kalin","name":"Kalin","role":"manager","stores":["S01"],"pin":"44491","approval_limit":"12.345"}"#;
    std::fs::write(&file, format!("{good}\n{other}\n")).unwrap();
    let (code, _, err) = cli.run(&["import", "users", file.to_str().unwrap()], &[]);
    assert_eq!((code, err.contains("users.jsonl:2: approval_limit:")), (2, true), "{err}");
    let fixed = r#"{"login":"kalin","name":"Kalin","role":"manager","stores":["S01"],"pin":"44491","approval_limit":"800.00"}"#;
    std::fs::write(&file, format!("{good}\n{fixed}\n")).unwrap();
    let (code, out, err) = cli.run(&["import", "users", file.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 users added"), "{out}");
    let kalin = db.user_by_login("kalin").await.unwrap().unwrap();
    assert_eq!((kalin.role, kalin.approval_limit.map(|m| m.to_string())), (Role::Manager, Some("800.00".into())));

    // Each change is in the trail, as the command line's (no user), never with a PIN.
    let page = db.audit_entries("S01", &AuditQuery { action: Some(AuditAction::UserChanged), limit: 50, ..Default::default() }).await.unwrap();
    let changes: Vec<String> = page.entries.iter().map(|e| details(e)["change"].as_str().unwrap().to_string()).collect();
    assert_eq!(changes, ["added", "added", "edited", "edited", "edited", "pin_reset", "added", "added"]);
    assert!(page.entries[..7].iter().all(|e| e.user_id.is_none()), "the command line is no user");
    assert_eq!(page.entries[7].user_id, Some(db.user_by_login("elena").await.unwrap().unwrap().id), "the setup's entry names the administrator");
    assert!(db.verify_audit().await.unwrap().is_intact());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db").to_str().unwrap().to_string();
    let db = returndesk::store::open(&path).await.unwrap();
    the_command_line(path, db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_on_postgres() {
    let (url, db) = fresh_postgres_at().await;
    the_command_line(url, db).await;
}

// --- A database from before people (0007) -----------------------------------------------------

async fn migrations_up_to(folder: &str, version: i64) -> sqlx::migrate::Migrator {
    let mut m = sqlx::migrate::Migrator::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).await.unwrap();
    m.migrations = std::borrow::Cow::Owned(m.migrations.iter().filter(|x| x.version <= version).cloned().collect());
    assert_eq!(m.migrations.len() as i64, version);
    m
}

/// Two stores, maria (S01's clerk) and georgi (a manager of every store: no store of his
/// own), maria's open session, a sale and maria's return of it. `$1`/`$2`: maria's and
/// georgi's PIN hashes.
/// `overriding`: what PostgreSQL needs to take given ids ("OVERRIDING SYSTEM VALUE").
fn rows_of_0007(cents: &str, overriding: &str) -> Vec<String> {
    let mut rows: Vec<String> = vec![
        "INSERT INTO policies (policy_id, name) VALUES ('standard', 'standard')".into(),
        "INSERT INTO policy_versions (policy_id, version, effective_from, defaults_json, rules_json, created_at)
         VALUES ('standard', 1, '2024-01-01', '{}', '[]', '2026-01-01T00:00:00+00:00')".into(),
        "INSERT INTO stores (code, name, address, jurisdiction, currency, time_zone, policy_id)
         VALUES ('S01', 'Sofia', 'bul. Vitosha 12', 'BG', 'EUR', 'Europe/Sofia', 'standard')".into(),
        "INSERT INTO stores (code, name, address, jurisdiction, currency, time_zone, policy_id)
         VALUES ('S02', 'Plovdiv', 'Glavna 1', 'BG', 'EUR', 'Europe/Sofia', 'standard')".into(),
        "INSERT INTO terminals (store_code, code, name) VALUES ('S01', 'DESK-1', 'DESK-1')".into(),
        // Ids with a gap, to see they are kept.
        format!("INSERT INTO users (id, store_code, login, display_name, role, pin_hash, created_at) {overriding}
         VALUES (7, 'S01', 'maria', 'Maria Ivanova', 'clerk', $1, '2026-01-01T00:00:00+00:00')"),
        format!("INSERT INTO users (id, store_code, login, display_name, role, pin_hash, created_at) {overriding}
         VALUES (12, NULL, 'georgi', 'Georgi Petrov', 'manager', $2, '2026-01-02T00:00:00+00:00')"),
        "INSERT INTO sessions (token_hash, user_id, store_code, terminal_id, role, started_at, last_seen_at)
         VALUES ('5ce1b2b5f5d0c6c1a1d5d8c8f0f3d0e8e9e0b6c6a8f0d2e9c4b1a7d3e5f6a7b8', 7, 'S01', NULL, 'clerk',
                 '2026-10-11T09:55:00+00:00', '2026-10-11T09:55:00+00:00')".into(),
    ];
    rows.push(format!(
        "INSERT INTO receipts (store_code, number, purchased_at, channel, currency, receipt_discount, total_paid, content_hash, imported_at)
         VALUES ('S01', 'OLD-1', '2026-10-01 12:00:00', 'store', 'EUR', 0, {cents}, 'h', '2026-10-01T12:05:00+00:00')"
    ));
    rows.push(format!(
        "INSERT INTO receipt_lines (receipt_id, line, sku, name, category, brand, qty, unit_price, discount, vat_rate)
         SELECT id, 1, 'TV-1', 'Television', 'electronics', 'Acme', 1, {cents}, 0, 0 FROM receipts WHERE number = 'OLD-1'"
    ));
    rows.push(format!(
        "INSERT INTO returns (idempotency_key, store_code, clerk_id, receipt_id, policy_version_id, resolution, outcome,
           status, currency, total_gross, total_fee, total_refund, total_vat, request_now, created_at, completed_at,
           request_json, decision_json)
         SELECT 'OLD-R1', 'S01', 7, r.id, p.id, 'refund', 'approved', 'completed', 'EUR', {cents}, 0, {cents}, 0,
           '2026-10-02 10:00:00', '2026-10-02T08:00:00+00:00', '2026-10-02T08:00:00+00:00', '{{}}', '{{}}'
         FROM receipts r, policy_versions p WHERE r.number = 'OLD-1'"
    ));
    rows
}

/// After the upgrade: the users keep their ids and rows, work in their stores, the session
/// and the return still point at maria, and both sign in where they work.
async fn people_after_the_upgrade(db: Arc<dyn Database>, users: Vec<(i64, String, String, String)>, clerk_of_return: i64) {
    assert_eq!(
        users,
        [(7, "maria".to_string(), "clerk".to_string(), "2026-01-01T00:00:00".to_string()), (12, "georgi".into(), "manager".into(), "2026-01-02T00:00:00".into())]
    );
    assert_eq!(clerk_of_return, 7);
    assert_eq!(db.stores_of_user(7).await.unwrap(), ["S01"]);
    assert_eq!(db.stores_of_user(12).await.unwrap(), ["S01", "S02"], "a user of every store works in each");
    let maria = db.user_by_id(7).await.unwrap().unwrap();
    assert_eq!((maria.login.as_str(), maria.role, maria.refund_limit), ("maria", Role::Clerk, None));
    let session = db.session("5ce1b2b5f5d0c6c1a1d5d8c8f0f3d0e8e9e0b6c6a8f0d2e9c4b1a7d3e5f6a7b8").await.unwrap().expect("the session is kept");
    assert_eq!((session.user_id, session.store_code.as_str(), session.user_active), (7, "S01", true));
    let api = DeskApi::new(Desk::new(db.clone()), DeskClock::fixed("2026-10-11T10:00:00".parse().unwrap()));
    let m = api.call("sign_in", json!({"login": "maria", "pin": "58213"}), None).await.unwrap();
    assert_eq!(m["store"]["code"], "S01");
    let g = api.call("sign_in", json!({"login": "georgi", "pin": "73915", "terminal": "DESK-1"}), None).await.unwrap();
    assert_eq!(g["store"]["code"], "S01");
    assert_eq!(refused(api.call("sign_in", json!({"login": "georgi", "pin": "73915"}), None).await).field.as_deref(), Some("terminal"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_database_from_0007_keeps_its_people() {
    use sqlx::Row;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true);
    let (maria, georgi) = (returndesk::demo::hash_pin("58213").unwrap(), returndesk::demo::hash_pin("73915").unwrap());
    {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().connect_with(options.clone()).await.unwrap();
        migrations_up_to("migrations/sqlite", 7).await.run(&pool).await.unwrap();
        for sql in rows_of_0007("10000", "") {
            let q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            let q = if sql.contains("$2") { q.bind(&maria).bind(&georgi) } else if sql.contains("$1") { q.bind(&maria) } else { q };
            q.execute(&pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        pool.close().await;
    }
    let db = returndesk::store::open(path.to_str().unwrap()).await.expect("opens and migrates");
    let pool = sqlx::sqlite::SqlitePoolOptions::new().connect_with(options).await.unwrap();
    let broken = sqlx::query("PRAGMA foreign_key_check").fetch_all(&pool).await.unwrap();
    assert!(broken.is_empty(), "{} rows break a foreign key", broken.len());
    let users = sqlx::query("SELECT id, login, role, substr(created_at, 1, 19) AS created FROM users ORDER BY id").fetch_all(&pool).await.unwrap();
    let users = users.iter().map(|r| (r.get::<i64, _>("id"), r.get("login"), r.get("role"), r.get("created"))).collect();
    let clerk: i64 = sqlx::query_scalar("SELECT clerk_id FROM returns").fetch_one(&pool).await.unwrap();
    people_after_the_upgrade(db, users, clerk).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_database_from_0007_keeps_its_people() {
    use sqlx::{Connection, Row};
    let server = postgres_server_url();
    let name = format!("rd_people_upgrade_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&server).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await.unwrap();
    let (base, _) = server.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    let (maria, georgi) = (returndesk::demo::hash_pin("58213").unwrap(), returndesk::demo::hash_pin("73915").unwrap());
    let pool = sqlx::postgres::PgPoolOptions::new().connect(&url).await.unwrap();
    migrations_up_to("migrations/postgres", 7).await.run(&pool).await.unwrap();
    for sql in rows_of_0007("100.00", "OVERRIDING SYSTEM VALUE") {
        let q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        let q = if sql.contains("$2") { q.bind(&maria).bind(&georgi) } else if sql.contains("$1") { q.bind(&maria) } else { q };
        q.execute(&pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    let db = returndesk::store::open(&url).await.expect("connects and migrates");
    let users = sqlx::query("SELECT id, login, role, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') AS created FROM users ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let users = users.iter().map(|r| (r.get::<i64, _>("id"), r.get("login"), r.get("role"), r.get("created"))).collect();
    let clerk: i64 = sqlx::query_scalar("SELECT clerk_id FROM returns").fetch_one(&pool).await.unwrap();
    people_after_the_upgrade(db, users, clerk).await;
}

// --- Starting on an empty database ---------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_store_database_waits_for_its_setup() {
    use returndesk::service::startup::{open_desk, Start};
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("desk.db").to_string_lossy().into_owned();
    let opened = open_desk(&Start::Store { location: location.clone() }).await.unwrap();
    let notice = opened.notice.expect("a notice");
    assert!(notice.contains("returndesk setup") && notice.contains("Setup screen"), "{notice}");
    assert!(opened.desk.needs_setup().await.unwrap(), "no demo data in a store's database");
    assert!(opened.desk.database().stores().await.unwrap().is_empty());
    // Opened again: still empty.
    let again = open_desk(&Start::Store { location }).await.unwrap();
    assert!(again.desk.needs_setup().await.unwrap());
    // Only a demo desk, on its own database, gets a demo store (with an administrator).
    let demo = dir.path().join("demo.db").to_string_lossy().into_owned();
    let opened = open_desk(&Start::Demo { location: demo, receipts: 10 }).await.unwrap();
    assert_eq!(opened.desk.database().stores().await.unwrap().len(), 3);
    assert_eq!(opened.desk.database().user_by_login("elena").await.unwrap().map(|u| u.role), Some(Role::Administrator));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_postgres_database_waits_for_its_setup() {
    use returndesk::service::startup::{open_desk, Start};
    let (url, _db) = fresh_postgres_at().await;
    let opened = open_desk(&Start::Store { location: url }).await.unwrap();
    assert!(opened.notice.is_some_and(|n| n.contains("returndesk setup")));
    assert!(opened.desk.needs_setup().await.unwrap());
}

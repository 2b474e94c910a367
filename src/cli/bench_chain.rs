//! `returndesk bench chain --desks 32 --seconds 60 [--db LOCATION] [--receipts N]` (issue 15):
//! a chain's desks at work on one database. `serve`'s router runs in this process on a
//! loopback port (any other address is refused); each simulated desk is a task with a clerk's
//! session of its own terminal and one HTTP connection, doing one thing at a time: look a
//! recent receipt of its store up, evaluate a one-unit change-of-mind return of its cheapest
//! line left, and confirm it when the policy approves it without a manager. Desks sign in
//! (argon2, deliberately slow) before the clock starts.
//!
//! It reports confirmed returns per second, p50/p99/max per command and answers by code (a
//! receipt another desk emptied first answers `QTY_EXCEEDS_REMAINING`: expected, counted, not a
//! failure), then checks from the database that no receipt line took back more units than it
//! sold and no tender gave back more than it paid; any such over-refund exits 1.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use serde_json::{json, Value};

use super::{FAILED, INVALID};
use crate::demo::{seed_demo_with, DemoOptions, Rng};
use crate::store::sql::sql;
use crate::store::Database;

#[derive(Args, Debug)]
pub struct ChainArgs {
    /// Simulated desks working at once (each one request at a time).
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub desks: usize,
    /// How long the desks work.
    #[arg(long, value_name = "S", default_value_t = 60)]
    pub seconds: u64,
    /// A SQLite file or postgres://…: filled with the demo chain and N receipts when it holds
    /// no receipts, used as it is when it does (a database prepared by an earlier run or by
    /// `demo-data`). Default: a fresh SQLite file, removed after.
    #[arg(long, value_name = "LOCATION")]
    pub db: Option<String>,
    /// Receipts to generate into an empty database.
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub receipts: usize,
    /// The loopback address to serve on (nothing else is accepted).
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Print the result as one JSON document instead of tables.
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

/// More desks than this is not a chain's store but a load test of something else.
const MOST_DESKS: usize = 256;
/// Receipts a desk picks from: sold in the last this many days (inside the demo policy's
/// 60-day window for a change of mind).
const RECENT_DAYS: i64 = 30;

pub fn run(args: ChainArgs) -> ExitCode {
    if !args.host.is_loopback() {
        eprintln!("returndesk: bench chain: --host {}: the bench serves on loopback only (127.0.0.1 or ::1)", args.host);
        return ExitCode::from(INVALID);
    }
    if args.desks == 0 || args.desks > MOST_DESKS {
        eprintln!("returndesk: bench chain: --desks: from 1 to {MOST_DESKS}");
        return ExitCode::from(INVALID);
    }
    if args.seconds == 0 {
        eprintln!("returndesk: bench chain: --seconds: at least 1");
        return ExitCode::from(INVALID);
    }
    let temporary = args.db.is_none().then(|| std::env::temp_dir().join(format!("returndesk-bench-chain-{}.db", std::process::id())));
    let location = match (&args.db, &temporary) {
        (Some(db), _) => db.clone(),
        (None, Some(path)) => path.to_string_lossy().into_owned(),
        (None, None) => unreachable!(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let result = runtime.block_on(bench(&args, &location));
    drop(runtime);
    if let Some(path) = temporary {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    match result {
        Ok(report) => {
            if args.json {
                println!("{}", serde_json::to_string_pretty(&report.json()).expect("serializes"));
            } else {
                report.print();
            }
            if report.over_refunded_lines + report.over_refunded_tenders > 0 {
                eprintln!(
                    "returndesk: bench chain: OVER-REFUND: {} receipt lines and {} tenders got back more than they paid",
                    report.over_refunded_lines, report.over_refunded_tenders
                );
                return ExitCode::from(FAILED);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("returndesk: bench chain: {e}");
            ExitCode::from(FAILED)
        }
    }
}

/// What one desk saw.
#[derive(Default)]
struct DeskTally {
    lookup: Vec<Duration>,
    evaluate: Vec<Duration>,
    confirm: Vec<Duration>,
    confirmed: u64,
    /// Receipts passed over, by why: "nothing left" to return on the receipt picked, or the
    /// outcome with its codes of an evaluation that wants more than a clerk.
    passed_because: BTreeMap<String, u64>,
    /// Answers other than 200, by command and code.
    answers: BTreeMap<String, u64>,
}

/// An evaluation the desk would not confirm alone, said as its outcome and the codes behind it
/// (the approvals asked for, then the line's reasons).
fn pass_reason(evaluation: &Value) -> String {
    let mut codes: Vec<&str> = evaluation["approvals_required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    for line in evaluation["lines"].as_array().into_iter().flatten() {
        codes.extend(line["reasons"].as_array().into_iter().flatten().filter_map(|r| r["code"].as_str()));
    }
    format!("{}: {}", evaluation["outcome"].as_str().unwrap_or("?"), if codes.is_empty() { "-".to_string() } else { codes.join(", ") })
}

pub struct ChainReport {
    backend: &'static str,
    desks: usize,
    receipts: i64,
    candidates: usize,
    seconds: f64,
    confirmed: u64,
    passed_because: BTreeMap<String, u64>,
    lookup: Vec<Duration>,
    evaluate: Vec<Duration>,
    confirm: Vec<Duration>,
    answers: BTreeMap<String, u64>,
    over_refunded_lines: i64,
    over_refunded_tenders: i64,
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

impl ChainReport {
    fn commands(&self) -> [(&'static str, &[Duration]); 3] {
        [("lookup", &self.lookup), ("evaluate", &self.evaluate), ("confirm", &self.confirm)]
    }

    /// Receipts passed over, whatever the reason.
    fn passed_over(&self) -> u64 {
        self.passed_because.values().sum()
    }

    pub fn json(&self) -> Value {
        let mut commands = serde_json::Map::new();
        for (name, samples) in self.commands() {
            commands.insert(
                name.into(),
                json!({"count": samples.len(), "p50_ms": ms(quantile(samples, 0.5)), "p99_ms": ms(quantile(samples, 0.99)),
                       "max_ms": ms(samples.last().copied().unwrap_or_default())}),
            );
        }
        json!({
            "backend": self.backend, "desks": self.desks, "receipts": self.receipts, "candidates": self.candidates,
            "seconds": self.seconds, "confirmed": self.confirmed,
            "returns_per_second": (self.confirmed as f64 / self.seconds * 10.0).round() / 10.0,
            "passed_over": self.passed_over(), "passed_because": self.passed_because, "commands": commands, "answers": self.answers,
            "over_refunded_lines": self.over_refunded_lines, "over_refunded_tenders": self.over_refunded_tenders,
        })
    }

    fn print(&self) {
        println!();
        println!(
            "bench chain: {} desks on {} ({} receipts, {} recent ones picked from), {:.1} s",
            self.desks, self.backend, self.receipts, self.candidates, self.seconds
        );
        println!();
        println!("| measure | value |");
        println!("| --- | --- |");
        println!("| **confirmed returns** | **{} ({:.1}/s)** |", self.confirmed, self.confirmed as f64 / self.seconds);
        println!("| receipts passed over (nothing left, or a manager needed) | {} |", self.passed_over());
        for (why, n) in &self.passed_because {
            println!("| … {why} | {n} |");
        }
        for (code, n) in &self.answers {
            println!("| answer {code} | {n} |");
        }
        println!("| receipt lines / tenders over-refunded | {} / {} |", self.over_refunded_lines, self.over_refunded_tenders);
        println!();
        println!("| command | count | p50 | p99 | max |");
        println!("| --- | --- | --- | --- | --- |");
        for (name, samples) in self.commands() {
            println!(
                "| {name} | {} | {:.2} ms | {:.2} ms | {:.2} ms |",
                samples.len(),
                ms(quantile(samples, 0.5)),
                ms(quantile(samples, 0.99)),
                ms(samples.last().copied().unwrap_or_default())
            );
        }
    }
}

async fn bench(args: &ChainArgs, location: &str) -> Result<ChainReport, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let db = crate::store::open(location).await.map_err(|e| format!("{location}: {e}"))?;
    let backend = db.connections().backend();
    let mut receipts = db.receipt_count().await.map_err(|e| err(&e))?;
    if receipts == 0 {
        let mut options = DemoOptions::new(args.receipts, args.seed);
        options.returns = Some(0);
        options.progress = crate::progress::Progress::new("bench chain: demo receipts", "receipts", Some(args.receipts as u64));
        seed_demo_with(&db, &options).await.map_err(|e| err(&e))?;
        super::import::refresh_statistics(location).await;
        receipts = db.receipt_count().await.map_err(|e| err(&e))?;
    }
    if db.user_by_login("maria").await.map_err(|e| err(&e))?.is_none() {
        return Err(format!("{location} holds receipts but not the demo chain (no clerk maria): give an empty database or one made by `returndesk demo-data`"));
    }
    let stores: Vec<String> = db.stores().await.map_err(|e| err(&e))?.into_iter().map(|s| s.code).collect();
    // Each desk a terminal of its own, the desks spread over the chain's stores.
    let mut desks = Vec::with_capacity(args.desks);
    for i in 0..args.desks {
        let store = stores[i % stores.len()].clone();
        let terminal = format!("BENCH-{:03}", i + 1);
        db.put_terminal(&store, &terminal).await.map_err(|e| err(&e))?;
        desks.push((store, terminal));
    }
    // The receipts a customer could still bring back for a change of mind, per store.
    let since = (chrono::Local::now() - chrono::Duration::days(RECENT_DAYS)).naive_local();
    let mut recent: BTreeMap<String, Arc<Vec<String>>> = BTreeMap::new();
    let mut candidates = 0;
    for store in &stores {
        let mut conn = db.connections().read().await.map_err(|e| err(&e))?;
        let numbers: Vec<String> = sql("SELECT number FROM receipts WHERE store_code = $1 AND purchased_at >= $2 ORDER BY id")
            .bind(store)
            .bind(since)
            .scalars(conn.link())
            .await
            .map_err(|e| err(&e))?;
        candidates += numbers.len();
        recent.insert(store.clone(), Arc::new(numbers));
    }
    if candidates == 0 {
        return Err(format!("{location}: no receipt of the last {RECENT_DAYS} days to return"));
    }

    // `serve`'s app on a loopback port of its own.
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(args.host, 0)).await.map_err(|e| err(&e))?;
    let addr = listener.local_addr().map_err(|e| err(&e))?;
    let api = crate::api::DeskApi::new(crate::service::Desk::new(db.clone()), crate::service::DeskClock::from_env());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(crate::http::serve_on(listener, api, None, async {
        let _ = stopped.await;
    }));

    // Sign every desk in, then start them together.
    let mut clients = Vec::with_capacity(desks.len());
    for (store, terminal) in &desks {
        let mut client = Client::connect(addr).await?;
        let (status, body) = client.send("POST", "/api/session", None, Some(json!({"login": "maria", "pin": "1234", "terminal": terminal}))).await?;
        if status != 200 {
            return Err(format!("desk {terminal} could not sign in: {status} {body}"));
        }
        let token = body["token"].as_str().ok_or("sign-in gave no token")?.to_string();
        clients.push((client, token, recent[store].clone(), terminal.clone()));
    }
    let run = format!("{}-{}", std::process::id(), chrono::Utc::now().timestamp());
    let started = Instant::now();
    let until = started + Duration::from_secs(args.seconds);
    let progress = crate::progress::Progress::new("bench chain", "s", Some(args.seconds));
    let ticker = {
        let progress = progress.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            tick.tick().await;
            loop {
                tick.tick().await;
                progress.advance(1);
            }
        })
    };
    let mut tasks = Vec::with_capacity(clients.len());
    for (i, (client, token, numbers, terminal)) in clients.into_iter().enumerate() {
        let seed = args.seed ^ ((i as u64 + 1) * 0x9E37_79B9);
        let key = format!("bench-{run}-{terminal}");
        tasks.push(tokio::spawn(work(client, token, numbers, key, seed, until)));
    }
    let mut total = DeskTally::default();
    for task in tasks {
        let tally = task.await.map_err(|e| err(&e))??;
        total.lookup.extend(tally.lookup);
        total.evaluate.extend(tally.evaluate);
        total.confirm.extend(tally.confirm);
        total.confirmed += tally.confirmed;
        for (code, n) in tally.answers {
            *total.answers.entry(code).or_default() += n;
        }
        for (why, n) in tally.passed_because {
            *total.passed_because.entry(why).or_default() += n;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    ticker.abort();
    progress.finish();
    let _ = stop.send(());
    let _ = server.await;

    let (over_refunded_lines, over_refunded_tenders) = over_refunds(db.as_ref()).await.map_err(|e| err(&e))?;
    for v in [&mut total.lookup, &mut total.evaluate, &mut total.confirm] {
        v.sort();
    }
    Ok(ChainReport {
        backend,
        desks: args.desks,
        receipts,
        candidates,
        seconds,
        confirmed: total.confirmed,
        passed_because: total.passed_because,
        lookup: total.lookup,
        evaluate: total.evaluate,
        confirm: total.confirm,
        answers: total.answers,
        over_refunded_lines,
        over_refunded_tenders,
    })
}

/// One desk until `until`: lookup → evaluate → confirm, one at a time.
async fn work(mut client: Client, token: String, numbers: Arc<Vec<String>>, key: String, seed: u64, until: Instant) -> Result<DeskTally, String> {
    let mut tally = DeskTally::default();
    let mut rng = Rng::new(seed);
    let mut n = 0u64;
    let t = Some(token.as_str());
    while Instant::now() < until {
        n += 1;
        let number = &numbers[rng.below(numbers.len() as u64) as usize];
        let at = Instant::now();
        let (status, receipt) = client.send("GET", &format!("/api/receipts/lookup?code={}", urlencode(number)), t, None).await?;
        tally.lookup.push(at.elapsed());
        if status != 200 {
            *tally.answers.entry(format!("lookup {status} {}", receipt["error"]["code"].as_str().unwrap_or("?"))).or_default() += 1;
            continue;
        }
        // The cheapest unit still to return: least likely to need a manager.
        let line = receipt["lines"].as_array().into_iter().flatten().filter(|l| l["remaining"].as_u64().unwrap_or(0) > 0).min_by_key(|l| {
            let paid: f64 = l["paid"].as_str().and_then(|p| p.parse().ok()).unwrap_or(f64::MAX);
            let qty = l["qty"].as_f64().unwrap_or(1.0).max(1.0);
            // Ordering only, never money: the desk just prefers small lines.
            (paid / qty * 100.0) as i64
        });
        let Some(line) = line else {
            *tally.passed_because.entry("nothing left".into()).or_default() += 1;
            continue;
        };
        let mut draft = json!({"receipt_id": receipt["id"], "resolution": "refund",
            "lines": [{"line": line["line"], "qty": 1, "reason": "change_of_mind", "condition": "unopened"}]});
        let at = Instant::now();
        let (status, evaluation) = client.send("POST", "/api/returns/evaluate", t, Some(draft.clone())).await?;
        tally.evaluate.push(at.elapsed());
        if status != 200 {
            *tally.answers.entry(format!("evaluate {status} {}", evaluation["error"]["code"].as_str().unwrap_or("?"))).or_default() += 1;
            continue;
        }
        let approvals = evaluation["approvals_required"].as_array().map_or(0, Vec::len);
        if evaluation["outcome"] != "approved" || approvals > 0 {
            *tally.passed_because.entry(pass_reason(&evaluation)).or_default() += 1;
            continue;
        }
        draft["idempotency_key"] = json!(format!("{key}-{n}"));
        let at = Instant::now();
        let (status, confirmed) = client.send("POST", "/api/returns", t, Some(draft)).await?;
        tally.confirm.push(at.elapsed());
        if status == 200 && confirmed["status"] == "completed" {
            tally.confirmed += 1;
        } else {
            *tally.answers.entry(format!("confirm {status} {}", confirmed["error"]["code"].as_str().unwrap_or("?"))).or_default() += 1;
        }
    }
    Ok(tally)
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// Receipt lines that took back more units than were sold, and tenders that gave back more
/// than they paid (returns' refunds, claims settled by refund, exchanges' moves and goodwill
/// counted as the desk's history counts them), from the database.
pub async fn over_refunds(db: &dyn Database) -> crate::store::StoreResult<(i64, i64)> {
    let mut conn = db.connections().read().await?;
    let lines: i64 = sql(
        "SELECT COUNT(*) FROM (
           SELECT x.receipt_id, x.receipt_line FROM (
             SELECT receipt_id, receipt_line, returned_qty AS n FROM return_lines
             UNION ALL
             SELECT c.receipt_id, c.receipt_line, l.qty AS n FROM claim_settlements s
               JOIN warranty_claims c ON c.id = s.claim_id
               JOIN return_lines l ON l.return_id = c.return_id AND l.receipt_line = c.receipt_line
             WHERE s.remedy = 'refund'
           ) x JOIN receipt_lines rl ON rl.receipt_id = x.receipt_id AND rl.line = x.receipt_line
           GROUP BY x.receipt_id, x.receipt_line HAVING SUM(x.n) > MAX(rl.qty)
         ) over_lines",
    )
    .scalar(conn.link())
    .await?;
    let tenders: i64 = sql(
        "SELECT COUNT(*) FROM (
           SELECT b.receipt_id, b.type FROM (
             SELECT r.receipt_id, rr.type, rr.receipt_amount AS amount FROM return_refunds rr
               JOIN returns r ON r.id = rr.return_id
             WHERE r.status = 'completed' AND rr.type <> 'exchange'
             UNION ALL
             SELECT c.receipt_id, t.type, t.amount FROM claim_settlement_tenders t
               JOIN warranty_claims c ON c.id = t.claim_id
             UNION ALL
             SELECT m.receipt_id, m.type, m.receipt_amount AS amount FROM exchange_moves m
             UNION ALL
             SELECT g.receipt_id, t.type, t.receipt_amount AS amount FROM goodwill_tenders t
               JOIN goodwill_refunds g ON g.id = t.goodwill_id
           ) b LEFT JOIN (
             SELECT receipt_id, type, SUM(amount) AS paid FROM receipt_tenders GROUP BY receipt_id, type
           ) p ON p.receipt_id = b.receipt_id AND p.type = b.type
           WHERE b.type <> 'store_credit' OR p.paid IS NOT NULL
           GROUP BY b.receipt_id, b.type HAVING SUM(b.amount) > COALESCE(MAX(p.paid), 0)
         ) over_tenders",
    )
    .scalar(conn.link())
    .await?;
    Ok((lines, tenders))
}

/// One HTTP/1.1 connection to the served desk, kept alive between requests as a browser's is.
struct Client {
    sender: SendRequest<Full<Bytes>>,
    host: String,
}

impl Client {
    async fn connect(addr: SocketAddr) -> Result<Client, String> {
        let stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| format!("connect {addr}: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let (sender, connection) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(|e| format!("HTTP handshake: {e}"))?;
        tokio::spawn(connection);
        Ok(Client { sender, host: addr.to_string() })
    }

    async fn send(&mut self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Result<(u16, Value), String> {
        let mut request = hyper::Request::builder().method(method).uri(path).header("host", &self.host);
        if let Some(t) = token {
            request = request.header("authorization", format!("Bearer {t}"));
        }
        let body = match body {
            Some(b) => {
                request = request.header("content-type", "application/json");
                Full::new(Bytes::from(b.to_string()))
            }
            None => Full::new(Bytes::new()),
        };
        let request = request.body(body).map_err(|e| e.to_string())?;
        self.sender.ready().await.map_err(|e| format!("connection: {e}"))?;
        let response = self.sender.send_request(request).await.map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.map_err(|e| format!("{method} {path}: {e}"))?.to_bytes();
        let value = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into())) };
        Ok((status, value))
    }
}

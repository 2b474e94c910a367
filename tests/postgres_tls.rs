//! TLS to a chain's PostgreSQL (issue 15, docs/deploy.md "Connection URL, with TLS").
//!
//! The test starts a PostgreSQL server of its own with `ssl = on`, a private CA and a server
//! certificate made with `openssl` for the name `localhost` only, and a `pg_hba.conf` whose
//! only TCP lines are `hostssl`: every connection that gets in went over TLS, a plain one is
//! refused by the server. Then it opens the chain database the way `serve --db` does
//! (`store::open`) with each `sslmode`, and runs `returndesk audit verify --db …` against it.
//! Nothing is installed or skipped: the PostgreSQL binaries (Debian's
//! /usr/lib/postgresql/<major>/bin) and `openssl` must be on the machine.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use returndesk::store::{self, sql::Pool, Database};

const DB_NAME: &str = "returndesk_tls";

/// Debian's newest PostgreSQL server binaries (as scripts/throwaway-postgres.sh looks for them).
fn pg_bindir() -> PathBuf {
    let mut dirs: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL server binaries in /usr/lib/postgresql/<major>/bin")
        .filter_map(|e| {
            let e = e.ok()?;
            let major = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((major, bin))
        })
        .collect();
    dirs.sort();
    dirs.pop().expect("an initdb in /usr/lib/postgresql/<major>/bin").1
}

fn id(args: &[&str]) -> u32 {
    let out = Command::new("id").args(args).output().expect("run id");
    assert!(out.status.success(), "id {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("a numeric id")
}

/// Who runs the server: initdb and postgres refuse root, so as root the `postgres` system
/// user (as in scripts/throwaway-postgres.sh), otherwise the test's own user.
fn server_user() -> Option<(u32, u32)> {
    (id(&["-u"]) == 0).then(|| (id(&["-u", "postgres"]), id(&["-g", "postgres"])))
}

fn run(command: &mut Command) {
    let out = command.output().unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `openssl` in `dir`: the words of `command`, then `more` (arguments with spaces).
fn openssl(dir: &Path, command: &str, more: &[&str]) {
    run(Command::new("openssl").args(command.split_whitespace()).args(more).current_dir(dir));
}

const EC_KEY: &str = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

/// A CA (`NAME.pem`, `NAME.key`) of its own.
fn make_ca(dir: &Path, name: &str, subject: &str) {
    openssl(dir, &format!("req -x509 {EC_KEY} -keyout {name}.key -out {name}.pem -days 2"), &["-subj", subject]);
}

/// The server's key and certificate, signed by `ca`, naming `localhost` only (no IP address).
fn make_server_cert(dir: &Path, ca: &str) {
    fs::write(
        dir.join("server.ext"),
        "subjectAltName = DNS:localhost\nbasicConstraints = critical, CA:FALSE\n\
         keyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\n",
    )
    .unwrap();
    openssl(dir, &format!("req {EC_KEY} -keyout server.key -out server.csr"), &["-subj", "/CN=localhost"]);
    let sign = format!("x509 -req -in server.csr -CA {ca}.pem -CAkey {ca}.key -CAcreateserial -days 2");
    openssl(dir, &format!("{sign} -out server.pem -extfile server.ext"), &[]);
}

/// A PostgreSQL server with TLS on, in a temporary folder; stopped and deleted on drop.
struct TlsServer {
    child: Child,
    port: u16,
    tls: PathBuf,
    /// Deleted after the server has stopped (`Drop` stops it first).
    _dir: Option<tempfile::TempDir>,
}

impl TlsServer {
    fn start() -> TlsServer {
        let bindir = pg_bindir();
        let owner = server_user();
        let dir = tempfile::Builder::new().prefix("returndesk-pg-tls.").tempdir().unwrap();
        let folder = dir.path().to_path_buf();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
        let (data, sock, tls) = (folder.join("data"), folder.join("sock"), folder.join("tls"));
        fs::create_dir(&sock).unwrap();
        fs::create_dir(&tls).unwrap();

        make_ca(&tls, "ca", "/CN=Return Desk test CA");
        make_ca(&tls, "other-ca", "/CN=Some other CA");
        make_server_cert(&tls, "ca");
        // PostgreSQL refuses a key file others can read; it must belong to the server's user.
        fs::set_permissions(tls.join("server.key"), fs::Permissions::from_mode(0o600)).unwrap();
        fs::set_permissions(&tls, fs::Permissions::from_mode(0o755)).unwrap();
        if let Some((uid, gid)) = owner {
            for path in [&sock, &tls.join("server.key"), &tls.join("server.pem")] {
                std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
            }
        }
        let as_owner = |program: &str| {
            let mut command = Command::new(bindir.join(program));
            command.current_dir(&folder);
            if let Some((uid, gid)) = owner {
                command.uid(uid).gid(gid);
            }
            command
        };
        let data_arg = data.to_str().unwrap();
        // initdb makes the data folder, so the folder above must be the owner's.
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(&folder, Some(uid), Some(gid)).unwrap();
        }
        run(as_owner("initdb")
            .args(["-D", data_arg, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"])
            .args(["--no-sync", "--no-instructions"]));
        // Only TLS over TCP; the unix socket (trust) is for creating the database.
        fs::write(
            data.join("pg_hba.conf"),
            "local     all  all                trust\n\
             hostssl   all  all  127.0.0.1/32  trust\n\
             hostssl   all  all  ::1/128       trust\n",
        )
        .unwrap();

        let mut failures = Vec::new();
        for _attempt in 0..5 {
            let port = free_port();
            let log = fs::File::create(folder.join(format!("server-{port}.log"))).unwrap();
            let child = as_owner("postgres")
                .args(["-D", data_arg, "-p", &port.to_string(), "-k", sock.to_str().unwrap()])
                .args(["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off"])
                .args(["-c", "full_page_writes=off", "-c", "ssl=on"])
                .args(["-c", &format!("ssl_cert_file={}", tls.join("server.pem").display())])
                .args(["-c", &format!("ssl_key_file={}", tls.join("server.key").display())])
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .expect("start postgres");
            let mut server = TlsServer { child, port, tls: tls.clone(), _dir: None };
            if server.wait_ready(&bindir, &sock) {
                server._dir = Some(dir);
                run(as_owner("psql")
                    .args(["-h", sock.to_str().unwrap(), "-p", &port.to_string(), "-U", "postgres", "-d", "postgres"])
                    .args(["-v", "ON_ERROR_STOP=1", "-q", "-c", &format!("CREATE DATABASE {DB_NAME}")]));
                return server;
            }
            // Most likely the port was taken in the meantime: another one.
            drop(server);
            failures.push(fs::read_to_string(folder.join(format!("server-{port}.log"))).unwrap_or_default());
        }
        panic!("PostgreSQL with TLS did not start:\n{}", failures.join("\n---\n"));
    }

    /// Waits until the server accepts connections on its socket (false if it exited or took
    /// over 30 s).
    fn wait_ready(&mut self, bindir: &Path, sock: &Path) -> bool {
        let until = Instant::now() + Duration::from_secs(30);
        while Instant::now() < until {
            if self.child.try_wait().unwrap().is_some() {
                return false;
            }
            let ready = Command::new(bindir.join("pg_isready"))
                .args(["-q", "-h", sock.to_str().unwrap(), "-p", &self.port.to_string(), "-t", "1"])
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// Fast shutdown (SIGINT), or SIGKILL after 10 s.
    fn stop(&mut self) {
        if self.child.try_wait().ok().flatten().is_some() {
            return;
        }
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if self.child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn ca(&self, name: &str) -> String {
        self.tls.join(format!("{name}.pem")).to_str().unwrap().to_string()
    }

    fn url(&self, host: &str, query: &str) -> String {
        let url = format!("postgres://postgres@{host}:{}/{DB_NAME}", self.port);
        if query.is_empty() {
            url
        } else {
            format!("{url}?{query}")
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Whether the connection the query runs on is encrypted, and with which protocol.
async fn ssl_of(db: &dyn Database) -> (bool, String) {
    let Pool::Postgres(pool) = db.connections() else { panic!("a PostgreSQL store") };
    sqlx::query_as("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetch_one(pool).await.unwrap()
}

async fn refused(url: &str) -> String {
    match store::open(url).await {
        Ok(_) => panic!("{url} connected"),
        Err(e) => {
            eprintln!("refused as it should: {url}\n  {e}");
            format!("{e} / {e:?}")
        }
    }
}

fn audit_verify(url: &str, home: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_returndesk"))
        .args(["audit", "verify", "--db", url])
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("RETURNDESK_LOG_DIR")
        .env_remove("DATABASE_URL")
        .env_remove("RUST_LOG")
        .output()
        .expect("run returndesk");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chain_database_over_tls() {
    let started = Instant::now();
    let server = TlsServer::start();
    eprintln!("server with TLS on 127.0.0.1:{} in {:?}", server.port, started.elapsed());
    let ca = server.ca("ca");

    // verify-full with the private CA: connects, migrates, writes and reads, over TLS.
    let verify_full = server.url("localhost", &format!("sslmode=verify-full&sslrootcert={ca}"));
    let db = store::open(&verify_full).await.expect("verify-full with the private CA");
    let Pool::Postgres(pool) = db.connections() else { panic!("a PostgreSQL store") };
    let (migrations, failed): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(*) FILTER (WHERE NOT success) FROM _sqlx_migrations")
            .fetch_one(pool)
            .await
            .unwrap();
    let migration_files = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres")).unwrap().count();
    assert_eq!((migrations, failed), (migration_files as i64, 0));
    common::set_up_stores(db.as_ref()).await;
    let stores: Vec<String> = db.stores().await.unwrap().into_iter().map(|s| s.code).collect();
    assert_eq!(stores, ["S01", "S03"]);
    let (ssl, version) = ssl_of(db.as_ref()).await;
    assert!(ssl, "verify-full: not encrypted");
    eprintln!("verify-full: {version}");
    drop(db);

    // require: TLS without checking the certificate; verify-ca: the CA checked, not the name,
    // so 127.0.0.1 (not in the certificate) is accepted; no sslmode (prefer): TLS since the
    // server offers it.
    for url in [
        server.url("localhost", "sslmode=require"),
        server.url("127.0.0.1", &format!("sslmode=verify-ca&sslrootcert={ca}")),
        server.url("127.0.0.1", ""),
    ] {
        let db = store::open(&url).await.unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(ssl_of(db.as_ref()).await.0, "{url}: not encrypted");
    }

    // disable: the server has no plain `host` line, so it refuses.
    let error = refused(&server.url("localhost", "sslmode=disable")).await;
    assert!(error.contains("no pg_hba.conf entry") && error.contains("no encryption"), "{error}");

    // verify-full with a CA that did not sign the server's certificate: not trusted.
    let other_ca = server.url("localhost", &format!("sslmode=verify-full&sslrootcert={}", server.ca("other-ca")));
    let error = refused(&other_ca).await;
    assert!(error.contains("UnknownIssuer"), "{error}");

    // verify-full by IP address: the certificate names `localhost` only.
    let error = refused(&server.url("127.0.0.1", &format!("sslmode=verify-full&sslrootcert={ca}"))).await;
    assert!(error.contains("NotValidForName"), "{error}");

    // The command line: `audit verify --db` over verify-full succeeds (the server takes TLS
    // only), and with the other CA it does not connect.
    let home = tempfile::tempdir().unwrap();
    let (code, out) = audit_verify(&verify_full, home.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("audit trail intact: "), "{out}");
    let (code, out) = audit_verify(&other_ca, home.path());
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("UnknownIssuer"), "{out}");

    drop(server);
    eprintln!("all in {:?}", started.elapsed());
}

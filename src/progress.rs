//! Progress of long work (`import receipts`, `demo-data`, the benches) on standard error: a
//! bar (rows, rate, time left) on a terminal; plain lines every few seconds when standard error
//! is a file or a pipe, so logs and CI show it too. Standard output stays for results.
//!
//! `RETURNDESK_PROGRESS_SECONDS` sets how often the plain lines come (default 5; 0 prints one
//! for every step, for tests). A short run that ends before the first line prints nothing.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often plain lines come when standard error is not a terminal.
pub const PLAIN_EVERY: Duration = Duration::from_secs(5);

/// Cloning shows the same progress (the clones share one count).
#[derive(Clone)]
pub struct Progress {
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    Hidden,
    Bar(ProgressBar),
    Plain(Arc<Mutex<Plain>>),
}

struct Plain {
    label: String,
    unit: &'static str,
    total: Option<u64>,
    done: u64,
    started: Instant,
    last: Instant,
    every: Duration,
    printed: bool,
}

impl Plain {
    fn line(&self, done: u64, finished: bool) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let mut line = format!("{}: {done}", self.label);
        if let Some(total) = self.total {
            line += &format!(" / {total}");
        }
        line += &format!(" {}, {rate:.0} {}/s, {secs:.0} s", self.unit, self.unit);
        match (finished, self.total) {
            (true, _) => line += ", done",
            (false, Some(total)) if rate > 0.0 && total > done => {
                line += &format!(", about {:.0} s left", (total - done) as f64 / rate);
            }
            _ => {}
        }
        line
    }
}

impl Progress {
    /// Nothing shown (library callers, tests).
    pub fn hidden() -> Progress {
        Progress { kind: Kind::Hidden }
    }

    /// Progress of `label` counted in `unit` (e.g. "receipts") up to `total` when known: a bar
    /// when standard error is a terminal, else plain periodic lines.
    pub fn new(label: &str, unit: &'static str, total: Option<u64>) -> Progress {
        if std::io::stderr().is_terminal() {
            let bar = match total {
                Some(total) => ProgressBar::new(total),
                None => ProgressBar::no_length(),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr());
            let template = match total {
                Some(_) => format!("{{prefix}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit} {{per_sec}} ~{{eta}} left"),
                None => format!("{{prefix}} {{spinner}} {{human_pos}} {unit} {{per_sec}} {{elapsed}}"),
            };
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_prefix(label.to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            return Progress { kind: Kind::Bar(bar) };
        }
        Progress::plain(label, unit, total, plain_every())
    }

    /// Plain lines every `every` on standard error, whatever it is.
    pub fn plain(label: &str, unit: &'static str, total: Option<u64>, every: Duration) -> Progress {
        let now = Instant::now();
        Progress {
            kind: Kind::Plain(Arc::new(Mutex::new(Plain {
                label: label.to_string(),
                unit,
                total,
                done: 0,
                started: now,
                last: now,
                every,
                printed: false,
            }))),
        }
    }

    /// `n` more done.
    pub fn advance(&self, n: u64) {
        match &self.kind {
            Kind::Hidden => {}
            Kind::Bar(bar) => bar.inc(n),
            Kind::Plain(plain) => {
                let mut p = plain.lock().unwrap_or_else(|e| e.into_inner());
                p.done += n;
                if p.last.elapsed() >= p.every {
                    p.last = Instant::now();
                    p.printed = true;
                    let line = p.line(p.done, false);
                    let _ = writeln!(std::io::stderr().lock(), "{line}");
                }
            }
        }
    }

    /// A line on standard error that does not tear the bar (a bad row's report).
    pub fn println(&self, line: &str) {
        match &self.kind {
            Kind::Bar(bar) => bar.suspend(|| eprintln!("{line}")),
            _ => {
                let _ = writeln!(std::io::stderr().lock(), "{line}");
            }
        }
    }

    /// All done: the bar is cleared; the plain lines end with a last one (if any were printed).
    pub fn finish(&self) {
        match &self.kind {
            Kind::Hidden => {}
            Kind::Bar(bar) => bar.finish_and_clear(),
            Kind::Plain(plain) => {
                let p = plain.lock().unwrap_or_else(|e| e.into_inner());
                if p.printed {
                    let line = p.line(p.done, true);
                    let _ = writeln!(std::io::stderr().lock(), "{line}");
                }
            }
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.kind {
            Kind::Hidden => "Progress::Hidden",
            Kind::Bar(_) => "Progress::Bar",
            Kind::Plain(_) => "Progress::Plain",
        })
    }
}

fn plain_every() -> Duration {
    std::env::var("RETURNDESK_PROGRESS_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(PLAIN_EVERY)
}

/// Lines in a file (a JSON Lines file's receipts), counted quickly for a progress total.
pub fn count_lines(path: &std::path::Path) -> Option<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut buf = vec![0u8; 1 << 20];
    let (mut lines, mut last) = (0u64, b'\n');
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        last = buf[n - 1];
    }
    Some(lines + u64::from(last != b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_line_says_rows_rate_and_time_left() {
        let now = Instant::now() - Duration::from_secs(2);
        let p = Plain { label: "import receipts".into(), unit: "receipts", total: Some(400), done: 0, started: now, last: now, every: PLAIN_EVERY, printed: false };
        let line = p.line(100, false);
        assert!(line.starts_with("import receipts: 100 / 400 receipts, "), "{line}");
        assert!(line.contains(" receipts/s") && line.contains("s left"), "{line}");
        assert!(p.line(400, true).ends_with(", done"));
    }
}

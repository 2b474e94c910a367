#!/usr/bin/env node
// Scan to verdict, measured in the browser against the real server on a big database:
//   1. scan → receipt: from pressing Enter in the scan field with a receipt number to the receipt
//      (its number) being painted;
//   2. change → verdict: from clicking + on line 1 (reason and condition left at change of mind /
//      unopened) to that line's verdict being painted.
// Times are taken inside the page (performance.now(), a MutationObserver and the next animation
// frame), so they include the fetch, the server, Svelte's update and layout.
//
//   cargo build --release --bin returndesk
//   target/release/returndesk demo-data --receipts 1000000 --db /tmp/big.db
//   (cd ui && npm run build) && node ui/e2e/scan-timing.mjs --db /tmp/big.db [--runs 50] [--bin target/release/returndesk]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (n, d) => {
  const i = process.argv.indexOf(n);
  return i > 0 ? process.argv[i + 1] : d;
};
const db = arg('--db', '/tmp/big.db');
const runs = Number(arg('--runs', '50'));
const bin = path.resolve(root, arg('--bin', 'target/release/returndesk'));

// receipts of S01 from before the desk's day, picked at random (different each repetition + warm-up)
const numbers = execFileSync(
  'sqlite3',
  ['-readonly', db, `SELECT number FROM receipts WHERE store_code = 'S01' AND purchased_at < '2026-10-01' ORDER BY random() LIMIT ${runs + 5}`],
  { encoding: 'utf8' },
)
  .trim()
  .split('\n');
const receipts = Number(execFileSync('sqlite3', ['-readonly', db, 'SELECT count(*) FROM receipts'], { encoding: 'utf8' }).trim());

const server = spawn(bin, ['serve', '--db', db, '--port', '0', '--ui', path.join(root, 'ui/dist')], {
  env: { ...process.env, RETURNDESK_NOW: process.env.RETURNDESK_NOW ?? '2026-10-11T10:00:00' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
process.on('exit', () => server.kill());
const base = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => {
    buf += d;
    const m = /serving at (http:\S+)/.exec(buf);
    if (m) resolve(m[1]);
  });
  server.once('exit', (c) => reject(new Error(`server exited ${c}`)));
});

const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.addInitScript(() => window.localStorage?.setItem('returndesk.lang', 'en'));
await page.goto(base);
await page.getByTestId('signin-login').fill('maria');
await page.getByTestId('signin-pin').fill('1234');
await page.getByTestId('signin-submit').click();
await page.getByTestId('scan-field').waitFor();

async function once(number) {
  return page.evaluate(async (n) => {
    const painted = (test) =>
      new Promise((resolve) => {
        const done = () => requestAnimationFrame(() => resolve(performance.now()));
        if (test()) return done();
        const mo = new MutationObserver(() => {
          if (test()) {
            mo.disconnect();
            done();
          }
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    const q = (id) => document.querySelector(`[data-testid="${id}"]`);
    q('new-return')?.click();
    await new Promise((r) => requestAnimationFrame(r));
    const input = q('scan-field');
    input.value = n;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    input.form.requestSubmit();
    const t1 = await painted(() => q('receipt-number')?.textContent === n && q('qty-inc-1'));
    const t2 = performance.now();
    q('qty-inc-1').click();
    const t3 = await painted(() => q('verdict-1')?.getAttribute('data-outcome') && !q('evaluating'));
    return { scan: t1 - t0, verdict: t3 - t2, outcome: q('verdict-1').getAttribute('data-outcome') };
  }, number);
}

for (const n of numbers.slice(0, 5)) await once(n); // warm-up
const scan = [];
const verdict = [];
const outcomes = {};
for (const n of numbers.slice(5)) {
  const r = await once(n);
  scan.push(r.scan);
  verdict.push(r.verdict);
  outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const f = (x) => x.toFixed(1);
console.log(`database: ${db} (${receipts} receipts); ${scan.length} repetitions after 5 warm-up; verdicts ${JSON.stringify(outcomes)}`);
console.log(`scan → receipt shown:   p50 ${f(pct(scan, 50))} ms, p95 ${f(pct(scan, 95))} ms, max ${f(Math.max(...scan))} ms`);
console.log(`change → verdict shown: p50 ${f(pct(verdict, 50))} ms, p95 ${f(pct(verdict, 95))} ms, max ${f(Math.max(...verdict))} ms`);
console.log(`scan + change:          p50 ${f(pct(scan.map((s, i) => s + verdict[i]), 50))} ms, p95 ${f(pct(scan.map((s, i) => s + verdict[i]), 95))} ms`);
await browser.close();
server.kill();

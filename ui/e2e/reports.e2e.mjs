// ---- Issue 13: reports ---- the Reports screen end to end: the built UI in Chromium against the
// real server (scripts/e2e.sh: seeded database, clock 2026-10-11 10:00 in Sofia). A clerk makes a
// return of a sale of its own (a product sold nowhere else), the desk records when it scanned the
// receipt; a manager opens Reports and finds the return counted — the figures checked against the
// database —, then exports a table as CSV and reads it back as CSV (every row as wide as the
// header, the values those of the table). E2E_SHOTS=<dir> keeps the screen in English and
// Bulgarian at 1024×768.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, DB, atTheCounter, deskPage, discardIfAsked, launch, plain, scalar, sql } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

const NUMBER = 'S01-2026-014001';
const SKU = 'RPT-LAMP-01';
const SHOTS = process.env.E2E_SHOTS ?? '';
// The store's last 30 days up to its today (the screen's default period), as UTC instants.
const FROM_UTC = '2026-09-11T21:00:00';
const UNTIL_UTC = '2026-10-11T21:00:00';
let browser, page;
const tid = (id) => page.getByTestId(id);

function importSale() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-reports-'));
  const file = path.join(dir, 'receipts.jsonl');
  const sale = {
    store: 'S01', number: NUMBER, purchased_at: '2026-10-09T16:20:00', channel: 'store', currency: 'EUR',
    lines: [{ line: 1, sku: SKU, name: 'Desk lamp, oak', category: 'lighting', brand: 'Lumo', qty: 3, unit_price: '34.90', discount: '0.00', vat_rate: '20' }],
    receipt_discount: '0.00', tenders: [{ type: 'card', amount: '104.70', card_last4: '5150' }],
  };
  fs.writeFileSync(file, JSON.stringify(sale) + '\n');
  execFileSync(process.env.RETURNDESK_BIN, ['import', 'receipts', file, '--db', DB], { encoding: 'utf8' });
}

async function signIn(login, pin) {
  await page.goto(BASE);
  if (await tid('sign-out').isVisible().catch(() => false)) await tid('sign-out').click();
  await tid('signin-login').fill(login);
  await tid('signin-pin').fill(pin);
  await tid('signin-submit').click();
  await atTheCounter(page); // a manager lands on the approvals
}

/** The report on screen, once the server has answered it. */
async function reportShown() {
  await page.waitForFunction(() => !document.querySelector('[data-testid=evaluating]') && document.querySelector('[data-testid=rep-cards]'));
}

/** The raw cells of a table shown on screen (what the server answered), row by row. */
async function tableCells(id) {
  if (!(await tid(`table-${id}`).isVisible())) await tid(`toggle-${id}`).click();
  return page.$$eval(`[data-testid=table-${id}] tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => ({ raw: td.dataset.raw, shown: td.textContent.trim() }))));
}

/** RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else if (c === '\n') throw new Error(`a bare LF at ${i}: lines end with CRLF`);
    else field += c;
  }
  assert.equal(quoted, false, 'every quoted field is closed');
  assert.equal(field === '' && row.length === 0, true, 'the file ends with a line break');
  return rows;
}

/** The screen from its top (as a manager opens it) and whole. */
async function shoot(lang) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/reports-${lang}.png` });
  await page.screenshot({ path: `${SHOTS}/reports-${lang}-full.png`, fullPage: true });
}

before(async () => {
  importSale();
  browser = await launch();
  page = await deskPage(browser, { width: 1024, height: 768 }, []);
  page.setDefaultTimeout(15_000);
});
after(async () => {
  await browser?.close();
});

test('reports: a return of the lamp is recorded with when its receipt was scanned', async () => {
  await signIn('maria', '1234');
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(NUMBER);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, NUMBER);
  await tid('qty-inc-1').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=verdict-1]')?.getAttribute('data-outcome') === 'approved' && !document.querySelector('[data-testid=evaluating]'));
  await tid('confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');
  const [ret] = sql(`SELECT t.id, t.status, t.scanned_at, t.completed_at FROM returns t JOIN receipts r ON r.id = t.receipt_id WHERE r.number = '${NUMBER}'`);
  assert.equal(ret.status, 'completed');
  assert.ok(ret.scanned_at, 'the scan instant is kept');
  const handled = Date.parse(ret.completed_at) - Date.parse(ret.scanned_at);
  assert.ok(handled >= 0 && handled < 120_000, `scan to confirmation took ${handled} ms`);
});

test('reports: the manager sees the return counted, as the database has it', async () => {
  await signIn('georgi', '9999');
  await tid('nav-reports').click();
  await reportShown();
  // the lamp: 3 sold, 1 brought back and refunded
  const sku = (await tableCells('return_rate_by_sku')).find((r) => r[0].raw === SKU);
  assert.ok(sku, 'the lamp is in the return rate by product');
  const raw = sku.map((c) => c.raw);
  assert.deepEqual(raw, [SKU, 'Desk lamp, oak', 'EUR', '3', '1', '33.33', '104.70', '34.90', '33.33']);
  assert.equal(sku[5].shown, '33.33%');
  assert.equal(plain(sku[7].shown), '€34.90');
  assert.equal(scalar(`SELECT units FROM sales_by_day WHERE sku = '${SKU}'`), 3);
  // every card refund of the store in the period, as recorded
  const card = (await tableCells('refunds_by_tender')).find((r) => r[0].raw === 'card');
  const cents = scalar(`SELECT SUM(f.amount) FROM return_refunds f JOIN returns t ON t.id = f.return_id
     WHERE t.store_code = 'S01' AND f.type = 'card' AND t.created_at >= '${FROM_UTC}' AND t.created_at < '${UNTIL_UTC}'`);
  const count = scalar(`SELECT COUNT(*) FROM return_refunds f JOIN returns t ON t.id = f.return_id
     WHERE t.store_code = 'S01' AND f.type = 'card' AND t.created_at >= '${FROM_UTC}' AND t.created_at < '${UNTIL_UTC}'`);
  assert.deepEqual([card[1].raw, card[2].raw], [String(count), (cents / 100).toFixed(2)]);
  assert.equal(card[0].shown, 'Card');
  // Maria's handling time counts this return
  const maria = (await tableCells('handling_by_clerk')).find((r) => r[0].raw === 'Maria Ivanova');
  const scanned = scalar(`SELECT COUNT(*) FROM returns WHERE store_code = 'S01' AND scanned_at IS NOT NULL AND clerk_id = (SELECT id FROM users WHERE login = 'maria')
     AND created_at >= '${FROM_UTC}' AND created_at < '${UNTIL_UTC}'`);
  assert.equal(maria[1].raw, String(scanned));
  if (SHOTS) await shoot('en');
});

test('reports: the ratings customers gave on the customer view (the feedback suite) show per clerk and desk, with their words', async () => {
  const given = sql(`SELECT u.display_name AS clerk, d.code AS desk, f.rating, f.comment FROM customer_feedback f
     JOIN users u ON u.id = f.clerk_id LEFT JOIN terminals d ON d.id = f.terminal_id
     WHERE f.store_code = 'S01' AND f.created_at >= '${FROM_UTC}' AND f.created_at < '${UNTIL_UTC}'`);
  assert.ok(given.length > 0, 'the customer view suite before this one left ratings');
  const mean = (rs) => (Math.round((rs.reduce((a, r) => a + r.rating, 0) / rs.length) * 100 + 1e-9) / 100).toFixed(2);
  for (const [table, key] of [['feedback_by_clerk', 'clerk'], ['feedback_by_desk', 'desk']]) {
    const rows = await tableCells(table);
    const names = [...new Set(given.map((g) => g[key] ?? ''))].sort();
    assert.deepEqual(rows.map((r) => r[0].raw).sort(), names, `${table}: one row per ${key}`);
    for (const name of names) {
      const theirs = given.filter((g) => (g[key] ?? '') === name);
      const row = rows.find((r) => r[0].raw === name);
      assert.deepEqual([row[1].raw, row[2].raw], [String(theirs.length), mean(theirs)], `${table}: ${name}`);
    }
  }
  // what they wrote, as they wrote it
  const words = (await tableCells('feedback_comments')).map((r) => r[4].shown);
  for (const g of given.filter((g) => g.comment)) assert.ok(words.includes(g.comment), `the comment "${g.comment}" is shown`);
  await tid('report-feedback_by_clerk').scrollIntoViewIfNeeded();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reports-feedback-en.png` });
});

test('reports: a table exported as CSV is valid CSV with the figures of the table', async () => {
  const cells = await tableCells('return_rate_by_sku');
  const [download] = await Promise.all([page.waitForEvent('download'), tid('csv-return_rate_by_sku').click()]);
  assert.equal(download.suggestedFilename(), 'return_rate_by_sku_S01_2026-09-12_2026-10-11.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'UTF-8 with a byte-order mark');
  const rows = parseCsv(text.slice(1));
  assert.deepEqual(rows[0], ['SKU', 'Product', 'Currency', 'Units sold', 'Units returned', 'Return rate (units)', 'Value sold', 'Value returned', 'Return rate (value)']);
  assert.equal(rows.length, cells.length + 1);
  for (const [i, row] of rows.slice(1).entries()) {
    assert.equal(row.length, rows[0].length, `row ${i + 1} has the header's ${rows[0].length} fields`);
    assert.deepEqual(row, cells[i].map((c) => c.raw), `row ${i + 1} is the table's`);
  }
  assert.ok(rows.some((r) => r[0] === SKU && r[1] === 'Desk lamp, oak' && r[7] === '34.90'));
});

test('reports: the screen in Bulgarian', async () => {
  await tid('lang-bg').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=nav-reports]')?.textContent === 'Справки');
  await reportShown();
  const sku = (await tableCells('return_rate_by_sku')).find((r) => r[0].raw === SKU);
  assert.equal(plain(sku[7].shown), '34,90 €');
  assert.equal(plain(sku[5].shown), '33,33%');
  if (SHOTS) await shoot('bg');
  await tid('lang-en').click();
});

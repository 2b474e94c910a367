// The customer's word (issue 13), end to end against the real `returndesk serve`: the desk in
// English, the customer display in a SECOND browser window (window.open from the desk's header,
// the browser door) switched to Bulgarian by the customer. The display follows the desk live — the
// items, each line's decision and the refund with its tender, in Bulgarian and with Bulgarian
// numbers — then asks for a rating; the customer gives 4 stars and a comment, and the database
// holds the rating against the return's desk and clerk. Then the clerk's own screen turned to the
// customer for the next return (5 stars, in Russian). The manager lands on the approval queue
// with the counter's figures above it, and the average rating there moved with the two ratings.
// Its receipts are its own, imported with the CLI. Screenshots into E2E_SHOTS when set.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, DB, launch, plain, scalar, sql, discardIfAsked, atTheCounter } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

const FIRST = 'S01-2026-013001';
const SECOND = 'S01-2026-013002';
const SHOTS = process.env.E2E_SHOTS;

let browser, desk, customer;
const tid = (page, id) => page.getByTestId(id);

function importSales() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-feedback-'));
  const file = path.join(dir, 'receipts.jsonl');
  const sale = (number, barcode) => ({
    store: 'S01', number, purchased_at: '2026-10-06T16:20:00', channel: 'store', currency: 'EUR', barcode,
    lines: [
      { line: 1, sku: 'LAMP-DESK', name: 'Desk lamp Linka', category: 'accessories', brand: 'Linka', qty: 2, unit_price: '24.90', discount: '0.00', vat_rate: '20' },
      { line: 2, sku: 'CBL-USB-C', name: 'USB-C cable 1 m', category: 'accessories', brand: 'Linka', qty: 1, unit_price: '9.99', discount: '0.00', vat_rate: '20' },
    ],
    receipt_discount: '0.00', tenders: [{ type: 'card', amount: '59.79', card_last4: '4417' }],
  });
  fs.writeFileSync(file, [sale(FIRST, '2000000130012'), sale(SECOND, '2000000130029')].map((s) => JSON.stringify(s)).join('\n') + '\n');
  execFileSync(process.env.RETURNDESK_BIN, ['import', 'receipts', file, '--db', DB], { encoding: 'utf8' });
}

async function page(lang, login, pin, terminal = 'DESK-1') {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await ctx.addInitScript((l) => {
    if (!localStorage.getItem('returndesk.lang')) localStorage.setItem('returndesk.lang', l);
  }, lang);
  const p = await ctx.newPage();
  p.setDefaultTimeout(10_000);
  p.on('pageerror', (e) => console.error(`${login} page error:`, e.message));
  await p.goto(BASE);
  await tid(p, 'signin-login').fill(login);
  await tid(p, 'signin-terminal').fill(terminal);
  await tid(p, 'signin-pin').fill(pin);
  await tid(p, 'signin-submit').click();
  return p;
}

async function openReceipt(number) {
  if (await tid(desk, 'new-return').isVisible()) await tid(desk, 'new-return').click();
  await tid(desk, 'scan-field').fill(number);
  await tid(desk, 'scan-field').press('Enter');
  await discardIfAsked(desk);
  await desk.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, number);
}

/** One lamp back (change of mind), judged: the server's answer is on the desk. */
async function oneLampBack() {
  await tid(desk, 'qty-inc-1').click();
  await desk.waitForFunction(
    () => document.querySelector('[data-testid=verdict-1]')?.getAttribute('data-outcome') === 'approved' && !document.querySelector('[data-testid=evaluating]'),
  );
}

async function confirmed() {
  await tid(desk, 'confirm').click();
  await desk.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');
}

const phase = (p, want) => p.waitForFunction((w) => document.querySelector('[data-testid=customer-view]')?.getAttribute('data-phase') === w, want, { timeout: 35_000 });
const kpiCount = (p) => p.locator('[data-testid=kpi-feedback-count]').getAttribute('data-count');

before(async () => {
  importSales();
  browser = await launch();
  desk = await page('en', 'maria', '1234');
  await atTheCounter(desk);
});
after(async () => {
  await browser?.close();
});

test('the customer display in a second window follows the desk in the customer\'s language, and the customer rates the return', async () => {
  // the desk's header opens the customer display: a second browser window of the same app
  const [popup] = await Promise.all([desk.waitForEvent('popup'), tid(desk, 'open-customer-display').click()]);
  customer = popup;
  customer.setDefaultTimeout(10_000);
  customer.on('pageerror', (e) => console.error('customer page error:', e.message));
  await phase(customer, 'idle');
  assert.equal(await customer.evaluate(() => location.hash), '#/customer', 'the token is taken out of the address');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/customer-idle-en.png` });
  // the customer picks Bulgarian on it; the desk stays in English
  await tid(customer, 'cv-lang-bg').click();
  await customer.waitForFunction(() => document.querySelector('[data-testid=customer-view]')?.getAttribute('data-lang') === 'bg');
  assert.match(plain(await customer.locator('h1').innerText()), /Добре дошли/);
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/customer-idle-bg.png` });

  await openReceipt(FIRST);
  await phase(customer, 'items');
  await oneLampBack();
  await phase(customer, 'decided');
  await customer.waitForFunction(() => document.querySelectorAll('[data-testid=cv-line]').length === 1);
  assert.equal(plain(await tid(customer, 'cv-line').innerText()), '1 × Desk lamp Linka Приема се 24,90 €');
  assert.equal(plain(await tid(customer, 'cv-refund').innerText()), '24,90 €');
  assert.equal(plain(await tid(customer, 'cv-tender').innerText()), 'По вашата карта 24,90 €');
  assert.equal(await desk.evaluate(() => document.documentElement.lang), 'en', 'the desk still speaks English');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/customer-decided-bg.png` });

  await confirmed();
  const ret = sql(`SELECT t.id, t.clerk_id, t.terminal_id FROM returns t JOIN receipts r ON r.id = t.receipt_id WHERE r.number = '${FIRST}'`)[0];
  await phase(customer, 'rate');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/customer-rate-bg.png` });
  await tid(customer, 'cv-star-4').click();
  await tid(customer, 'cv-comment').fill('Бързо и любезно обслужване');
  await tid(customer, 'cv-send').click();
  await phase(customer, 'thanks');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/customer-thanks-bg.png` });

  const rows = sql(`SELECT rating, comment, lang, clerk_id, terminal_id, claim_id, store_code FROM customer_feedback WHERE return_id = ${ret.id}`);
  assert.deepEqual(rows, [
    { rating: 4, comment: 'Бързо и любезно обслужване', lang: 'bg', clerk_id: ret.clerk_id, terminal_id: ret.terminal_id, claim_id: null, store_code: 'S01' },
  ]);
  assert.equal(scalar("SELECT login FROM users WHERE id = " + ret.clerk_id), 'maria');
  assert.equal(scalar('SELECT code FROM terminals WHERE id = ' + ret.terminal_id), 'DESK-1');
  // after a while the display greets the next customer, in the desk's language again
  await phase(customer, 'idle');
  await customer.waitForFunction(() => document.querySelector('[data-testid=customer-view]')?.getAttribute('data-lang') === 'en');
});

test('the clerk turns their own screen to the customer, who rates the next return', async () => {
  await tid(desk, 'new-return').click();
  await phase(customer, 'idle');
  await openReceipt(SECOND);
  // the second window follows this return too, in the desk's language now
  await phase(customer, 'items');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/customer-items-en.png` });
  await oneLampBack();
  await phase(customer, 'decided');
  assert.equal(plain(await tid(customer, 'cv-refund').innerText()), '€24.90');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/customer-decided-en.png` });
  await confirmed();
  await tid(desk, 'turn-to-customer').click();
  await phase(desk, 'rate');
  if (SHOTS) await desk.screenshot({ path: `${SHOTS}/customer-turned-rate-en.png` });
  await tid(desk, 'cv-lang-ru').click();
  await desk.waitForFunction(() => document.querySelector('[data-testid=customer-view]')?.getAttribute('data-lang') === 'ru');
  assert.equal(plain(await tid(desk, 'cv-refund').innerText()), '24,90 €');
  if (SHOTS) await desk.screenshot({ path: `${SHOTS}/customer-turned-ru.png` });
  await tid(desk, 'cv-star-5').click();
  await tid(desk, 'cv-send').click();
  await phase(desk, 'thanks');
  if (SHOTS) await desk.screenshot({ path: `${SHOTS}/customer-thanks-ru.png` });
  // the screen comes back to the clerk, saying what the customer gave
  await tid(desk, 'customer-rated').waitFor({ timeout: 15_000 });
  assert.match(plain(await tid(desk, 'customer-rated').innerText()), /rated 5 of 5/);
  assert.equal(await desk.getByTestId('customer-view').count(), 0);
  const row = sql(`SELECT f.rating, f.lang, f.comment, u.login FROM customer_feedback f JOIN returns t ON t.id = f.return_id
                   JOIN receipts r ON r.id = t.receipt_id JOIN users u ON u.id = f.clerk_id WHERE r.number = '${SECOND}'`);
  assert.deepEqual(row, [{ rating: 5, lang: 'ru', comment: '', login: 'maria' }]);
  // the second window follows the desk on to the next customer
  await tid(desk, 'new-return').click();
  await phase(customer, 'idle');
});

test('the manager lands on the approval queue with the counter\'s figures; the average rating counts the customers\' ratings', async () => {
  const manager = await page('en', 'georgi', '9999', 'DESK-2');
  await tid(manager, 'kpi-strip').waitFor();
  await tid(manager, 'queue-live').waitFor();
  await manager.waitForFunction(() => document.querySelector('[data-testid=kpi-feedback-count]'));
  const ratings = sql('SELECT rating FROM customer_feedback').map((r) => r.rating);
  assert.ok(ratings.length >= 2);
  assert.equal(Number(await kpiCount(manager)), ratings.length);
  const average = ratings.reduce((a, b) => a + b, 0) / ratings.length;
  const shown = Number(await tid(manager, 'kpi-feedback-value').getAttribute('data-average'));
  assert.equal(shown, Math.round(average * 100) / 100);
  assert.match(plain(await tid(manager, 'kpi-feedback-value').innerText()), new RegExp(`^${average.toFixed(1)} ★$`));
  // refunds today count the two lamps
  const refunded = scalar("SELECT sum(total_refund) FROM returns WHERE store_code = 'S01' AND status = 'completed' AND created_at >= '2026-10-10T21:00:00' AND created_at < '2026-10-11T21:00:00'");
  assert.equal(plain(await tid(manager, 'kpi-refunds-value').innerText()), new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(refunded / 100));
  if (SHOTS) await tid(manager, 'kpi-strip').screenshot({ path: `${SHOTS}/kpi-strip-en.png` });
  // in Bulgarian, with its numbers
  await tid(manager, 'language-picker').getByRole('button', { name: 'BG', exact: true }).click();
  await manager.waitForFunction(() => document.documentElement.lang === 'bg');
  assert.match(plain(await tid(manager, 'kpi-feedback-value').innerText()), new RegExp(`^${average.toFixed(1).replace('.', ',')} ★$`));
  if (SHOTS) await tid(manager, 'kpi-strip').screenshot({ path: `${SHOTS}/kpi-strip-bg.png` });
  if (SHOTS) await manager.screenshot({ path: `${SHOTS}/manager-home-bg.png` });
  await manager.context().close();
});

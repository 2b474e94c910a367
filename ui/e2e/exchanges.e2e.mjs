// Exchanges end to end (issue 14, part B): the built UI in Chromium against the real server
// (scripts/e2e.sh, seeded database, clock 2026-10-11 10:00). The catalogue's prices and a receipt
// of its own are imported with the real CLI (`returndesk import products|receipts`). An exchange
// where the customer pays the difference, one where the customer gets money back, then one new
// item returned against the exchange number — the database checked after each step (the
// exchange row, the new receipt and its tenders, what moved off the original tenders).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, DB, launch, plain, scalar, sql, discardIfAsked, atTheCounter } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');
const BIN = process.env.RETURNDESK_BIN;
const FIX = process.env.RETURNDESK_FIXTURES;

let browser, page;
const tid = (id) => page.getByTestId(id);
const text = async (id) => plain(await tid(id).innerText());
const settled = () => page.waitForFunction(() => !document.querySelector('[data-testid=evaluating]'));

before(async () => {
  execFileSync(BIN, ['import', 'products', `${FIX}/exchange-products.csv`, '--db', DB], { encoding: 'utf8' });
  execFileSync(BIN, ['import', 'receipts', `${FIX}/exchange-receipts.jsonl`, '--db', DB], { encoding: 'utf8' });
  browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 1000 }, locale: 'en-GB' });
  await ctx.addInitScript(() => window.localStorage?.setItem('returndesk.lang', 'en'));
  page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(BASE);
  if (await tid('sign-out').isVisible().catch(() => false)) await tid('sign-out').click();
  await tid('signin-login').fill('maria');
  await tid('signin-pin').fill('1234');
  await tid('signin-submit').click();
  await atTheCounter(page);
});

after(async () => {
  await browser?.close();
});

/** Scans a receipt and asks for an exchange of one unit of `line`. */
async function exchangeLine(number, line) {
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(number);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  // this receipt, not the one the previous test left on the desk
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, number);
  await tid('resolution').selectOption('exchange');
  await tid(`qty-inc-${line}`).click();
  await tid('exchange-panel').waitFor();
}
async function addItem(code, qty = 1) {
  await tid('ex-code').fill(code);
  await tid('ex-qty').fill(String(qty));
  if ((await tid('ex-code').inputValue()) !== code) await tid('ex-code').fill(code);
  await tid('ex-add').click();
  // added (the field empties for the next scan) or refused (its message)
  await page.waitForFunction(() => document.querySelector('[data-testid=ex-code]')?.value === '' || !!document.querySelector('[data-testid=ex-add-error]'));
}
const original = () => scalar(`SELECT id FROM receipts WHERE number = 'S01-2026-007001'`);

test('the catalogue came with its prices from the CLI; an item without a price cannot be exchanged into', () => {
  assert.deepEqual(sql(`SELECT sku, unit_price, currency, vat_rate, barcode FROM products WHERE sku IN ('SHOE-42', 'SOCKS-3', 'OLD-CAT') ORDER BY sku`), [
    { sku: 'OLD-CAT', unit_price: null, currency: null, vat_rate: null, barcode: null },
    { sku: 'SHOE-42', unit_price: 6500, currency: 'EUR', vat_rate: 2000, barcode: '4006381333931' },
    { sku: 'SOCKS-3', unit_price: 1200, currency: 'EUR', vat_rate: 2000, barcode: null },
  ]);
});

test('a dearer item: the returned jacket (50.00) moves off the card, the customer pays 15.00 in cash', async () => {
  await exchangeLine('S01-2026-007001', 1);
  // an item without a price is refused, naming it
  await addItem('OLD-CAT');
  await tid('ex-item').waitFor();
  await tid('ex-quote-error').waitFor();
  assert.match(await text('ex-quote-error'), /OLD-CAT has no price/);
  assert.equal(await tid('confirm-exchange').isDisabled(), true);
  await tid('ex-remove').click();
  // the shoe by its barcode
  await addItem('4006381333931');
  await tid('ex-to-pay').waitFor();
  assert.equal(await text('ex-returned-value'), '€50.00');
  assert.equal(await text('ex-new-total'), '€65.00');
  assert.equal(await text('ex-to-pay'), '€15.00');
  assert.equal(scalar(`SELECT count(*) FROM exchanges`), 0, 'a quote writes nothing');
  await tid('ex-tender-cash').check();
  await page.waitForFunction(() => !document.querySelector('[data-testid=confirm-exchange]')?.disabled);
  await tid('confirm-exchange').click();
  await tid('exchange-number').waitFor();
  assert.equal(await text('exchange-number'), 'Exchange EX-S01-2026-00001 recorded');
  await tid('exchange-doc').waitFor();

  const x = sql(`SELECT * FROM exchanges WHERE number = 'EX-S01-2026-00001'`)[0];
  assert.deepEqual(
    [x.receipt_id, x.returned_value, x.new_total, x.moved, x.refunded, x.paid, x.difference_tender],
    [original(), 5000, 6500, 5000, 0, 1500, 'cash'],
  );
  // the new receipt: bought now, the shoe, paid by the same card (the value moved) and the cash paid
  const r = sql(`SELECT id, purchased_at, total_paid, barcode FROM receipts WHERE number = 'EX-S01-2026-00001'`)[0];
  assert.deepEqual([r.id, r.purchased_at, r.total_paid, r.barcode], [x.new_receipt_id, '2026-10-11 10:00:00', 6500, 'EX-S01-2026-00001']);
  assert.deepEqual(sql(`SELECT sku, qty, unit_price FROM receipt_lines WHERE receipt_id = ${r.id}`), [{ sku: 'SHOE-42', qty: 1, unit_price: 6500 }]);
  assert.deepEqual(sql(`SELECT type, amount, card_last4 FROM receipt_tenders WHERE receipt_id = ${r.id} ORDER BY seq`), [
    { type: 'card', amount: 5000, card_last4: '1111' },
    { type: 'cash', amount: 1500, card_last4: null },
  ]);
  assert.deepEqual(sql(`SELECT type, amount, receipt_amount FROM exchange_moves WHERE exchange_id = ${x.id}`), [
    { type: 'card', amount: 5000, receipt_amount: 5000 },
  ]);
  // its return: the jacket back, paid as the exchange
  assert.deepEqual(sql(`SELECT resolution, status FROM returns WHERE id = ${x.return_id}`), [{ resolution: 'exchange', status: 'completed' }]);
  assert.deepEqual(sql(`SELECT type, amount FROM return_refunds WHERE return_id = ${x.return_id}`), [{ type: 'exchange', amount: 5000 }]);
  assert.equal(scalar(`SELECT returned_qty FROM return_lines WHERE return_id = ${x.return_id}`), 1);
  assert.equal(scalar(`SELECT count(*) FROM audit_log WHERE action = 'exchange_confirmed' AND entity_id = '${x.id}'`), 1);
});

test('a cheaper item: the returned scarf (30.00) for socks (12.00), 18.00 back to the card', async () => {
  await exchangeLine('S01-2026-007001', 2);
  await addItem('SOCKS-3');
  await tid('ex-give-back').waitFor();
  assert.equal(await text('ex-returned-value'), '€30.00');
  assert.equal(await text('ex-new-total'), '€12.00');
  assert.equal(await text('ex-give-back'), '€18.00');
  assert.match(await text('ex-give-back-tenders'), /Card: €18\.00/);
  await page.waitForFunction(() => !document.querySelector('[data-testid=confirm-exchange]')?.disabled);
  await tid('confirm-exchange').click();
  await tid('exchange-number').waitFor();
  assert.equal(await text('exchange-number'), 'Exchange EX-S01-2026-00002 recorded');
  await tid('exchange-given-back').waitFor();
  const x = sql(`SELECT * FROM exchanges WHERE number = 'EX-S01-2026-00002'`)[0];
  assert.deepEqual([x.returned_value, x.new_total, x.moved, x.refunded, x.paid, x.difference_tender], [3000, 1200, 1200, 1800, 0, null]);
  assert.deepEqual(sql(`SELECT type, amount, receipt_amount FROM return_refunds WHERE return_id = ${x.return_id} ORDER BY seq`), [
    { type: 'card', amount: 1800, receipt_amount: 1800 },
    { type: 'exchange', amount: 1200, receipt_amount: 0 },
  ]);
  assert.deepEqual(sql(`SELECT type, amount FROM receipt_tenders WHERE receipt_id = ${x.new_receipt_id} ORDER BY seq`), [{ type: 'card', amount: 1200 }]);
  // the original card: 50.00 moved, 18.00 paid back, 12.00 moved = all its 80.00 of the 90.00 accounted
  const card = scalar(`SELECT (SELECT coalesce(sum(receipt_amount), 0) FROM exchange_moves WHERE receipt_id = ${original()} AND type = 'card')
      + (SELECT coalesce(sum(rr.receipt_amount), 0) FROM return_refunds rr JOIN returns t ON t.id = rr.return_id WHERE t.receipt_id = ${original()} AND rr.type = 'card')`);
  assert.equal(card, 8000);
});

test('one new item returned against the exchange number pays back where its money came from', async () => {
  await tid('new-return').click();
  await tid('scan-field').fill('EX-S01-2026-00001');
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await tid('receipt-number').waitFor();
  assert.equal(await text('receipt-number'), 'EX-S01-2026-00001');
  await tid('resolution').selectOption('refund');
  await tid('qty-inc-1').click();
  await settled();
  await page.waitForFunction(() => !document.querySelector('[data-testid=confirm]')?.disabled);
  await tid('confirm').click();
  await tid('return-status').waitFor();
  const newReceipt = scalar(`SELECT id FROM receipts WHERE number = 'EX-S01-2026-00001'`);
  const ret = sql(`SELECT id, resolution, status FROM returns WHERE receipt_id = ${newReceipt}`);
  assert.equal(ret.length, 1);
  assert.deepEqual([ret[0].resolution, ret[0].status], ['refund', 'completed']);
  assert.deepEqual(sql(`SELECT type, amount FROM return_refunds WHERE return_id = ${ret[0].id} ORDER BY seq`), [
    { type: 'card', amount: 5000 },
    { type: 'cash', amount: 1500 },
  ]);
});

test('an exchange after the return window: the manager overrides the late line at the desk and the exchange is recorded', async () => {
  // The jacket of S01-2026-007002 was bought 52 days ago: past the 30 days for apparel.
  await exchangeLine('S01-2026-007002', 1);
  await addItem('SOCKS-3');
  await tid('ex-new-total').waitFor();
  await settled();
  // the clerk alone cannot record it; the manager's step is on the desk
  await tid('ex-cannot').waitFor();
  assert.ok(await tid('confirm-exchange').isDisabled());
  await tid('manager-panel').waitFor();
  const before = scalar(`SELECT count(*) FROM exchanges`);
  await tid('manager-login').fill('georgi');
  await tid('manager-pin').fill('9999');
  await tid('manager-reason').fill('Regular customer; the jacket is unworn with its tags');
  if (await tid('override-1').isVisible()) await tid('override-1').check();
  // the ticked override is previewed in the exchange too: 50.00 back in, 38.00 to give back
  await page.waitForFunction(() => document.querySelector('[data-testid=ex-give-back]')?.textContent?.includes('38.00'));
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/exchange-manager-en.png`, fullPage: true });
  await tid('approve').click();
  await tid('exchange-number').waitFor();
  assert.equal(scalar(`SELECT count(*) FROM exchanges`), before + 1);
  const x = sql(`SELECT x.*, r.status FROM exchanges x JOIN returns r ON r.id = x.return_id ORDER BY x.id DESC LIMIT 1`)[0];
  assert.deepEqual([x.returned_value, x.new_total, x.moved, x.refunded, x.status], [5000, 1200, 1200, 3800, 'completed']);
  // the manager's override is recorded with the return
  const approvals = sql(`SELECT a.code, a.decision, u.login FROM approvals a JOIN users u ON u.id = a.manager_id WHERE a.return_id = ${x.return_id}`);
  assert.deepEqual(approvals, [{ code: 'RETURN_WINDOW_EXPIRED', decision: 'approved', login: 'georgi' }]);
  assert.deepEqual(sql(`SELECT type, amount FROM return_refunds WHERE return_id = ${x.return_id} ORDER BY seq`), [
    { type: 'card', amount: 3800 },
    { type: 'exchange', amount: 1200 },
  ]);
});

test('a dearer item whose difference is left for the till: the till pays it by the exchange number, once', async () => {
  // the second jacket of S01-2026-007001 (50.00) for the shoe (65.00): 15.00 to pay
  await exchangeLine('S01-2026-007001', 1);
  await addItem('SHOE-42');
  await tid('ex-to-pay').waitFor();
  assert.equal(await text('ex-to-pay'), '€15.00');
  await tid('ex-tender-till').check();
  await page.waitForFunction(() => !document.querySelector('[data-testid=confirm-exchange]')?.disabled);
  await tid('confirm-exchange').click();
  await tid('exchange-due').waitFor();
  assert.equal(await text('exchange-due'), '€15.00');
  assert.equal(await tid('exchange-due').getAttribute('data-status'), 'open');
  assert.match(await text('exchange-due-hint'), /pays this at the till with exchange EX-S01-2026-\d{5}/);
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/exchange-due-at-till.png`, fullPage: true });

  const x = sql(`SELECT * FROM exchanges ORDER BY id DESC LIMIT 1`)[0];
  assert.deepEqual([x.returned_value, x.new_total, x.moved, x.paid, x.difference_tender, x.due_at_till], [5000, 6500, 5000, 0, null, 1500]);
  assert.deepEqual(sql(`SELECT amount, paid_at, tender FROM exchange_dues WHERE exchange_id = ${x.id}`), [{ amount: 1500, paid_at: null, tender: null }]);
  // until the till takes it, the new receipt holds only what moved: the card's last 10.00 of its
  // 90.00 (50.00 moved, 18.00 back, 12.00 moved before), then 40.00 of the cash
  assert.deepEqual(sql(`SELECT type, amount FROM receipt_tenders WHERE receipt_id = ${x.new_receipt_id} ORDER BY seq`), [
    { type: 'card', amount: 1000 },
    { type: 'cash', amount: 4000 },
  ]);

  // The till: its own session, the number scanned from the document, paid by card — and its retry answered once.
  const json = async (method, path, body, token) => {
    const r = await fetch(new URL(path, BASE), {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return [r.status, await r.json()];
  };
  const [st, session] = await json('POST', '/api/session', { login: 'maria', pin: '1234', terminal: 'DESK-2' });
  assert.equal(st, 200, JSON.stringify(session));
  const [s1, due] = await json('GET', `/api/exchange-dues/${x.number}`, null, session.token);
  assert.equal(s1, 200, JSON.stringify(due));
  assert.deepEqual([due.status, due.amount, due.currency], ['open', '15.00', 'EUR']);
  const pay = { amount: '15.00', tender: 'card', idempotency_key: 'till-1-0815', till: 'TILL-1', sale_reference: 'T1-0815' };
  const [s2, paid] = await json('POST', `/api/exchange-dues/${x.number}/pay`, pay, session.token);
  assert.equal(s2, 200, JSON.stringify(paid));
  assert.deepEqual([paid.status, paid.created], ['paid', true]);
  const [s3, again] = await json('POST', `/api/exchange-dues/${x.number}/pay`, pay, session.token);
  assert.deepEqual([s3, again.created], [200, false]);
  const [s4, other] = await json('POST', `/api/exchange-dues/${x.number}/pay`, { ...pay, idempotency_key: 'till-1-0816' }, session.token);
  assert.equal(s4, 409, JSON.stringify(other));
  assert.deepEqual(sql(`SELECT type, amount FROM receipt_tenders WHERE receipt_id = ${x.new_receipt_id} ORDER BY seq`), [
    { type: 'card', amount: 1000 },
    { type: 'cash', amount: 4000 },
    { type: 'card', amount: 1500 },
  ]);
  assert.deepEqual(sql(`SELECT tender, till, sale_reference FROM exchange_dues WHERE exchange_id = ${x.id}`), [
    { tender: 'card', till: 'TILL-1', sale_reference: 'T1-0815' },
  ]);
  assert.equal(scalar(`SELECT count(*) FROM audit_log WHERE action = 'exchange_due_paid' AND entity_id = '${x.id}'`), 1);
});

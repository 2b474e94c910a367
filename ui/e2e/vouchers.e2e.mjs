// Store credit that can be spent end to end (issue 14, part A): the built UI in Chromium against
// the real server (started by scripts/e2e.sh on the seeded database, clock 2026-10-11 10:00). A
// return paid out as store credit issues a voucher; the voucher is found on the Vouchers screen by
// its code typed loosely and redeemed in two parts, then a third redemption above what is left is
// refused with its sentence; a manager voids it; a manager sets the vouchers' validity in Settings
// and the next voucher follows it. The database is checked after each step.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, DB, launch, plain, scalar, sql, discardIfAsked, atTheCounter } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

const NUMBER = 'S01-2026-009001';
let browser, page;
const tid = (id) => page.getByTestId(id);
const text = async (id) => plain(await tid(id).innerText());

/** A sale of its own (two 60.00 chargers paid by card), imported with the real command line. */
function importSale() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-vouchers-'));
  const file = path.join(dir, 'receipts.jsonl');
  const sale = {
    store: 'S01', number: NUMBER, purchased_at: '2026-10-08T11:00:00', channel: 'store', currency: 'EUR', barcode: '2000000090016',
    lines: [{ line: 1, sku: 'CHG-65W', name: 'USB-C charger 65 W', category: 'accessories', brand: 'Linka', qty: 2, unit_price: '60.00', discount: '0.00', vat_rate: '20' }],
    receipt_discount: '0.00', tenders: [{ type: 'card', amount: '120.00', card_last4: '1881' }],
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
  await atTheCounter(page);
}

const voucherRow = (code) => sql(`SELECT amount, balance, status, currency, expires_on, void_reason FROM store_credit_vouchers WHERE code = '${code}'`)[0];
const redemptions = (code) =>
  sql(`SELECT r.amount, r.balance_after, r.till, r.sale_reference FROM voucher_redemptions r JOIN store_credit_vouchers v ON v.id = r.voucher_id
       WHERE v.code = '${code}' ORDER BY r.id`);

async function redeem(amount, sale) {
  await tid('voucher-amount').fill(amount);
  await tid('voucher-sale').fill(sale);
  await tid('voucher-redeem').click();
}

before(async () => {
  importSale();
  browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await ctx.addInitScript(() => window.localStorage?.setItem('returndesk.lang', 'en'));
  page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
});
after(async () => {
  await browser?.close();
});

let code;

test('a return paid out as store credit issues a voucher for what it refunds', async () => {
  await signIn('maria', '1234');
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(NUMBER);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, NUMBER);
  await tid('resolution').selectOption('store_credit');
  await tid('qty-inc-1').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=verdict-1]')?.getAttribute('data-outcome') === 'approved' && !document.querySelector('[data-testid=evaluating]'));
  await tid('confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');

  const ret = sql(`SELECT t.id, t.status FROM returns t JOIN receipts r ON r.id = t.receipt_id WHERE r.number = '${NUMBER}'`);
  assert.equal(ret.length, 1);
  assert.equal(ret[0].status, 'completed');
  assert.deepEqual(sql(`SELECT type, amount FROM return_refunds WHERE return_id = ${ret[0].id}`), [{ type: 'store_credit', amount: 6000 }]);
  code = scalar(`SELECT code FROM store_credit_vouchers WHERE return_id = ${ret[0].id}`);
  assert.match(code, /^SC-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  // issued for the refund, valid for the store's 12 months from today
  assert.deepEqual(voucherRow(code), { amount: 6000, balance: 6000, status: 'active', currency: 'EUR', expires_on: '2027-10-11', void_reason: null });
  // the voucher is among the return's documents
  await tid('slip-document').selectOption({ label: `Store credit voucher ${code}` });
});

test('the voucher is redeemed in two parts; a third above what is left is refused with its sentence', async () => {
  await tid('nav-vouchers').click();
  // typed loosely: lower case, without the dashes
  await tid('voucher-code').fill(code.toLowerCase().replaceAll('-', ''));
  await tid('voucher-lookup').click();
  await page.waitForFunction((c) => document.querySelector('[data-testid=voucher-shown-code]')?.textContent === c, code);
  assert.equal(await text('voucher-balance'), '€60.00');
  assert.equal(await text('voucher-status'), 'Valid');
  assert.equal(await text('voucher-expires'), '11 Oct 2027');
  await tid('voucher-no-redemptions').waitFor();

  await redeem('25.00', 'T-1001');
  await page.waitForFunction(() => document.querySelector('[data-testid=voucher-balance]')?.dataset.amount === '35.00');
  assert.equal(await text('voucher-notice'), '€25.00 redeemed. Balance left: €35.00.');
  assert.equal(voucherRow(code).balance, 3500);
  assert.deepEqual(redemptions(code), [{ amount: 2500, balance_after: 3500, till: 'DESK-1', sale_reference: 'T-1001' }]);
  assert.equal(await page.getByTestId('voucher-redemption').count(), 1);

  await redeem('20.00', 'T-1002');
  await page.waitForFunction(() => document.querySelector('[data-testid=voucher-balance]')?.dataset.amount === '15.00');
  assert.equal(voucherRow(code).balance, 1500);
  assert.equal(voucherRow(code).status, 'active');
  assert.deepEqual(redemptions(code), [
    { amount: 2500, balance_after: 3500, till: 'DESK-1', sale_reference: 'T-1001' },
    { amount: 2000, balance_after: 1500, till: 'DESK-1', sale_reference: 'T-1002' },
  ]);
  assert.equal(await page.getByTestId('voucher-redemption').count(), 2);
  const audited = scalar(`SELECT count(*) FROM audit_log WHERE action = 'voucher_redeemed' AND entity_id = '${code}'`);
  assert.equal(audited, 2);

  await redeem('20.00', 'T-1003');
  await tid('voucher-error').waitFor();
  assert.equal(plain(await tid('voucher-error').locator('.text').innerText()), 'Only €15.00 is left on this voucher: enter at most that.');
  // nothing written
  assert.equal(voucherRow(code).balance, 1500);
  assert.equal(redemptions(code).length, 2);
  assert.equal(scalar(`SELECT count(*) FROM audit_log WHERE action = 'voucher_redeemed' AND entity_id = '${code}'`), 2);
});

test('a manager voids the voucher with a reason: it is void in the database and pays no more', async () => {
  await signIn('georgi', '9999');
  await tid('nav-vouchers').click();
  await tid('voucher-code').fill(code);
  await tid('voucher-lookup').click();
  await tid('voucher-void-reason').fill('Customer reported the voucher lost');
  await tid('voucher-void').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=voucher-status]')?.dataset.status === 'void');
  assert.deepEqual(voucherRow(code), {
    amount: 6000, balance: 1500, status: 'void', currency: 'EUR', expires_on: '2027-10-11', void_reason: 'Customer reported the voucher lost',
  });
  assert.equal(scalar(`SELECT count(*) FROM audit_log WHERE action = 'voucher_voided' AND entity_id = '${code}'`), 1);
  assert.match(await text('voucher-void-info'), /Georgi .*Customer reported the voucher lost/);
  // a void voucher offers no redemption
  assert.equal(await tid('voucher-redeem').count(), 0);
});

test('a manager sets vouchers valid for 6 months in Settings: the next store-credit voucher expires 6 months on', async () => {
  await tid('nav-settings').click();
  await tid('voucher-valid-months').waitFor();
  assert.equal(await tid('voucher-valid-months').inputValue(), '12');
  await tid('voucher-valid-months').fill('6');
  await tid('settings-save').click();
  await page.waitForFunction(() => (document.querySelector('[data-testid=settings-notice]')?.textContent ?? '') !== '');
  assert.equal(scalar(`SELECT value FROM desk_settings WHERE store_code = 'S01' AND key = 'voucher_valid_months'`), '6');
  assert.ok(scalar(`SELECT count(*) FROM audit_log WHERE action = 'settings_changed' AND details LIKE '%voucher_valid_months%'`) >= 1);

  // the second charger, returned as store credit now
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(NUMBER);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, NUMBER);
  await tid('resolution').selectOption('store_credit');
  await tid('qty-inc-1').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=verdict-1]')?.getAttribute('data-outcome') === 'approved' && !document.querySelector('[data-testid=evaluating]'));
  await tid('confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');
  const second = sql(`SELECT v.code, v.amount, v.expires_on FROM store_credit_vouchers v JOIN returns t ON t.id = v.return_id JOIN receipts r ON r.id = t.receipt_id
                      WHERE r.number = '${NUMBER}' ORDER BY v.id`);
  assert.equal(second.length, 2);
  assert.deepEqual({ amount: second[1].amount, expires_on: second[1].expires_on }, { amount: 6000, expires_on: '2027-04-11' });
  assert.equal(second[0].expires_on, '2027-10-11', 'the first voucher keeps its date');
});

// The end of day (issue 13) end to end: the built UI in Chromium against the real server (started
// by scripts/e2e.sh on the seeded database, clock 2026-10-11 10:00 in Sofia). A clerk's cash
// return shows on their desk's end of day in the cash line (what the drawer must give back) and
// in the day's returns; the figures are the database's own sums of the day; the paper is served
// as a PDF that pdftotext reads the cash back from; a manager sees the whole store with a column
// per desk, and one desk when picked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, DB, atTheCounter, launch, deskPage, plain, scalar, discardIfAsked } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

const NUMBER = 'S01-2026-009301';
// The store's 11 October (Europe/Sofia, UTC+3) as UTC instants, as the database keeps them.
const FROM = '2026-10-10T21:00:00';
const TO = '2026-10-11T21:00:00';
let browser, page;
const csp = [];
const tid = (id) => page.getByTestId(id);

/** A sale of its own: one 40.00 travel adapter paid in cash, imported with the real command line. */
function importSale() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-eod-'));
  const file = path.join(dir, 'receipts.jsonl');
  const sale = {
    store: 'S01', number: NUMBER, purchased_at: '2026-10-08T11:00:00', channel: 'store', currency: 'EUR',
    lines: [{ line: 1, sku: 'ADAPT-EU', name: 'Travel adapter', category: 'accessories', brand: 'Linka', qty: 1, unit_price: '40.00', discount: '0.00', vat_rate: '20' }],
    receipt_discount: '0.00', tenders: [{ type: 'cash', amount: '40.00' }],
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

/** The End of day screen with its figures read (not while the server is still answering). */
async function openEndOfDay() {
  await tid('nav-end_of_day').click();
  await tid('eod-figures').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=eod-loading]'));
}

/** A figure's cents as the screen shows it (€1,234.56 → 123456); absent → 0. */
async function cents(id) {
  if ((await tid(id).count()) === 0) return 0;
  const shown = plain(await tid(id).innerText());
  const m = /^(−|-)?€([\d,]+)\.(\d\d)$/.exec(shown);
  assert.ok(m, `not an amount in euro: ${shown}`);
  return (m[1] ? -1 : 1) * (Number(m[2].replaceAll(',', '')) * 100 + Number(m[3]));
}

/** The day's cash paid out at a desk, summed straight from the records (cents). */
function cashPaidOut(deskCode) {
  const desk = deskCode ? `AND terminal_id = (SELECT id FROM terminals WHERE store_code = 'S01' AND code = '${deskCode}')` : '';
  return scalar(`SELECT
      (SELECT coalesce(sum(rr.amount), 0) FROM return_refunds rr JOIN returns r ON r.id = rr.return_id
        WHERE r.store_code = 'S01' AND r.status = 'completed' AND rr.type = 'cash' AND r.created_at >= '${FROM}' AND r.created_at < '${TO}' ${desk.replace('terminal_id', 'r.terminal_id')})
    + (SELECT coalesce(sum(t.amount), 0) FROM goodwill_tenders t JOIN goodwill_refunds g ON g.id = t.goodwill_id
        WHERE g.store_code = 'S01' AND t.type = 'cash' AND g.created_at >= '${FROM}' AND g.created_at < '${TO}' ${desk.replace('terminal_id', 'g.terminal_id')})
    + (SELECT coalesce(sum(t.amount), 0) FROM claim_settlement_tenders t JOIN claim_settlements s ON s.claim_id = t.claim_id
        WHERE t.type = 'cash' AND s.settled_at >= '${FROM}' AND s.settled_at < '${TO}' ${desk.replace('terminal_id', 's.terminal_id')}) AS cash`);
}

before(async () => {
  importSale();
  browser = await launch();
  page = await deskPage(browser, { width: 1024, height: 768 }, csp);
});
after(async () => {
  await browser?.close();
});

let before_;

test("a clerk's cash return shows on their desk's end of day in the cash line and the day's returns", async () => {
  await signIn('maria', '1234');
  await openEndOfDay();
  assert.equal(plain(await tid('eod-own-desk').innerText()), 'Desk: DESK-1');
  before_ = await cents('eod-out-cash-total');
  assert.equal(before_, cashPaidOut('DESK-1'), 'the screen and the records agree before the return');

  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(NUMBER);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, NUMBER);
  await tid('qty-inc-1').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=verdict-1]')?.getAttribute('data-outcome') === 'approved' && !document.querySelector('[data-testid=evaluating]'),
  );
  await tid('confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');
  assert.equal(scalar(`SELECT t.code FROM returns r JOIN receipts s ON s.id = r.receipt_id JOIN terminals t ON t.id = r.terminal_id WHERE s.number = '${NUMBER}'`), 'DESK-1');

  await openEndOfDay();
  const after_ = await cents('eod-out-cash-total');
  assert.equal(after_ - before_, 4000, 'the 40.00 given back in cash');
  assert.equal(after_, cashPaidOut('DESK-1'), 'the screen and the records agree after the return');
  // the drawer gave it back: its cash balance went down by as much
  const rows = await page.getByTestId('eod-return').allInnerTexts();
  assert.ok(rows.some((r) => plain(r).includes(NUMBER) && plain(r).includes('€40.00')), rows.join('\n'));
  assert.ok((await cents('eod-drawer-cash-total')) <= -4000);
  if (process.env.E2E_SHOTS) await shoot('eod-clerk-en');
});

test('the end of day is served as a PDF in which pdftotext reads the cash back', async () => {
  await tid('eod-preview').waitFor();
  await tid('eod-layout').selectOption('a4');
  await tid('eod-preview').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), tid('eod-download').click()]);
  assert.match(download.suggestedFilename(), /^end-of-day-DESK-1-2026-10-11-a4\.pdf$/);
  const file = await download.path();
  assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const text = plain(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
  const cash = cashPaidOut('DESK-1');
  const euros = `€${(cash / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
  assert.ok(text.includes(`Cash ${euros}`), `"Cash ${euros}" in: ${text}`);
  assert.ok(text.includes('DESK-1') && text.includes('11 Oct 2026'), text);
});

test('a manager sees the whole store with a column per desk, and one desk when picked', async () => {
  await signIn('georgi', '9999');
  await openEndOfDay();
  await tid('eod-col-DESK-1').waitFor();
  assert.equal(plain(await tid('eod-col-total').innerText()), 'Whole store');
  assert.equal(await cents('eod-out-cash-DESK-1'), cashPaidOut('DESK-1'));
  assert.equal(await cents('eod-out-cash-total'), cashPaidOut(null));
  if (process.env.E2E_SHOTS) await shoot('eod-manager-en');
  await tid('eod-desk').selectOption('DESK-1');
  await page.waitForFunction(() => document.querySelector('[data-testid=eod-col-total]')?.textContent === 'DESK-1');
  await page.waitForFunction(() => !document.querySelector('[data-testid=eod-loading]'));
  assert.equal(await cents('eod-out-cash-total'), cashPaidOut('DESK-1'));
});

test('the end of day speaks the desk language: Bulgarian words, numbers and dates', async () => {
  await tid('eod-desk').selectOption('');
  await page.waitForFunction(() => document.querySelector('[data-testid=eod-col-total]')?.textContent !== 'DESK-1');
  await tid('lang-bg').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=eod-col-total]')?.textContent === 'Целият магазин');
  await page.waitForFunction(() => !document.querySelector('[data-testid=eod-loading]'));
  const cash = cashPaidOut(null);
  const shown = plain(await tid('eod-out-cash-total').innerText());
  assert.equal(shown, `${(cash / 100).toLocaleString('bg-BG', { minimumFractionDigits: 2 }).replace(/\s/g, ' ')} €`);
  await tid('eod-preview').waitFor();
  if (process.env.E2E_SHOTS) await shoot('eod-manager-bg');
  await tid('lang-en').click();
  assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
});

/** The screen, and the PDF it previews, into E2E_SHOTS. */
async function shoot(name) {
  await tid('eod-preview').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png` });
  await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}-full.png`, fullPage: true });
}

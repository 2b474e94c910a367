// Words on the screen (issue 16), end to end: the built UI in Chromium against the real server
// (scripts/e2e.sh: seeded database, clock 2026-10-11 10:00, store S01 in Europe/Sofia). Each refusal
// has its own sentence with the server's facts in it, in the desk's language; a warranty claim
// looks like a claim (its button, History's row); a declined line says who declined it and why;
// times are on the store's 24-hour clock and dates are typed in the desk language's order.
// E2E_SHOTS=<dir> keeps a screenshot of each screen looked at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, DB, discardIfAsked, launch, plain, scalar, atTheCounter } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

let browser, page;
const tid = (id) => page.getByTestId(id);
const text = async (id) => plain(await tid(id).innerText());
const SHOTS = process.env.E2E_SHOTS;
async function shot(name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `words-${name}.png`), fullPage: true });
}

/** Receipts of this suite's own (numbers no other suite uses), imported by the real CLI. */
const RECEIPTS = [
  { store: 'S01', number: 'S01-2026-009901', purchased_at: '2026-09-01T12:00:00', channel: 'store', currency: 'EUR', barcode: '2000000099012',
    lines: [{ line: 1, sku: 'TV-55', name: 'Television 55in', category: 'electronics', brand: 'Acme', qty: 1, unit_price: '899.00', discount: '0.00', vat_rate: '20', serials: ['TV55-990001'] }],
    tenders: [{ type: 'card', amount: '899.00', card_last4: '9901' }] },
  { store: 'S01', number: 'S01-2026-009902', purchased_at: '2026-10-05T09:30:00', channel: 'store', currency: 'EUR', barcode: '2000000099029',
    lines: [{ line: 1, sku: 'BATT-AA', name: 'AA batteries 4-pack', category: 'consumables', brand: 'Volt', qty: 2, unit_price: '5.49', discount: '0.00', vat_rate: '20' }],
    tenders: [{ type: 'cash', amount: '10.98' }] },
];
function importReceipts() {
  if (scalar(`SELECT count(*) FROM receipts WHERE number = 'S01-2026-009901'`)) return;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'words-')), 'receipts.jsonl');
  fs.writeFileSync(file, RECEIPTS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  execFileSync(process.env.RETURNDESK_BIN, ['import', 'receipts', file, '--db', DB], { encoding: 'utf8' });
}

async function lang(code) {
  await tid(`lang-${code}`).click();
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
}
async function signIn(login, pin) {
  await page.goto(BASE);
  if (await tid('sign-out').isVisible().catch(() => false)) await tid('sign-out').click();
  await tid('signin-login').fill(login);
  await tid('signin-pin').fill(pin);
  await tid('signin-submit').click();
  await atTheCounter(page);
}
async function scan(code) {
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(code);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
}
const settled = () => page.waitForFunction(() => !document.querySelector('[data-testid=evaluating]'));
/** A call to the desk API from the page, with the signed-in session: { status, body }. */
const api = (method, url, body) =>
  page.evaluate(
    async ({ method, url, body }) => {
      const token = JSON.parse(sessionStorage.getItem('returndesk.session') ?? '{}').token;
      const res = await fetch(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, url, body },
  );

before(async () => {
  importReceipts();
  browser = await launch();
  // the browser's own locale is US English: what the desk shows must follow the desk's language, not it
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'America/New_York' });
  await ctx.addInitScript(() => {
    if (!localStorage.getItem('returndesk.lang')) localStorage.setItem('returndesk.lang', 'en');
  });
  page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
});
after(async () => {
  await browser?.close();
});

test('words: each refusal says what happened, with its facts, in the desk language', async () => {
  // WRONG_PIN, with the attempts left
  await page.goto(BASE);
  if (await tid('sign-out').isVisible().catch(() => false)) await tid('sign-out').click();
  await lang('en');
  await tid('signin-login').fill('georgi');
  await tid('signin-pin').fill('1111');
  await tid('signin-submit').click();
  await tid('signin-error').waitFor();
  assert.match(await text('signin-error'), /^!? ?Wrong PIN\. \d attempts left\./);
  await lang('bg');
  assert.match(await text('signin-error'), /Грешен ПИН/);
  await lang('en');
  await signIn('georgi', '9999');
  await lang('en');
  // RECEIPT_NOT_FOUND
  await scan('S01-2026-999999');
  await tid('lookup-error').waitFor();
  assert.equal(await text('lookup-error'), '! No receipt with this number. Check the number or find it by card. ×');
  await lang('bg');
  assert.match(await text('lookup-error'), /Няма касова бележка с този номер/);
  await shot('error-receipt-not-found-bg');
  await lang('en');

  // POLICY_VERSION_EXISTS: the seeded policy is in force from 1 January 2024
  await tid('nav-settings').click();
  await tid('policy-effective-from').fill('2024-01-01');
  await tid('policy-import').click();
  await page.waitForFunction(() => /already has a version/.test(document.querySelector('[data-testid=error]')?.textContent ?? ''));
  assert.match(await text('error'), /The policy already has a version in force from 1 Jan 2024\. Choose another date\./);
  await lang('bg');
  assert.match(await text('error'), /От 1\.01\.2024 г\. вече действа версия на политиката\. Изберете друга дата\./);
  assert.doesNotMatch(await text('error'), /policy \d+ already/, 'the server\'s English is not shown to a bg clerk');
  await shot('error-policy-version-bg');
  await lang('en');

  // The codes behind the sentences, with the facts they name (the API as the screen calls it).
  const receipt = scalar(`SELECT id FROM receipts WHERE number = 'S01-2026-009902'`);
  const over = await api('POST', '/api/returns', {
    receipt_id: receipt, resolution: 'refund', idempotency_key: 'words-over-1', lines: [{ line: 1, qty: 3, reason: 'change_of_mind', condition: 'unopened' }],
  });
  assert.deepEqual([over.status, over.body?.error?.code, over.body?.error?.left], [400, 'QTY_EXCEEDS_REMAINING', 2], JSON.stringify(over.body));
  const needsNoManager = await api('POST', '/api/queue', {
    receipt_id: receipt, resolution: 'refund', idempotency_key: 'words-queue-1', lines: [{ line: 1, qty: 1, reason: 'change_of_mind', condition: 'unopened' }],
  });
  assert.equal(needsNoManager.body?.error?.code, 'NO_MANAGER_NEEDED', JSON.stringify(needsNoManager.body));
  const policy = await api('GET', '/api/settings');
  assert.equal(policy.status, 200);
});

test('words: a warranty claim is registered and listed as a claim', async () => {
  await signIn('georgi', '9999');
  await lang('en');
  await scan('S01-2026-009901');
  await tid('receipt-number').waitFor();
  await tid('resolution').selectOption('repair');
  await tid('qty-inc-1').click();
  await tid('reason-1').selectOption('defective');
  await tid('condition-1').selectOption('used');
  await tid('defect-1').fill('No picture after ten minutes');
  await tid('claim-intake-1').waitFor();
  await tid('serial-1').fill('');
  await tid('serial-1').fill('TV55-990001');
  await tid('accessories-1').fill('Remote');
  await tid('item-state-1').fill('As new');
  await tid('remedy-1').selectOption('repair');
  await tid('customer-name').fill('Elena Ivanova');
  await tid('customer-contact').fill('+359 88 555 0101');
  await page.waitForFunction(() => !document.querySelector('[data-testid=customer-required]') && !document.querySelector('[data-testid=evaluating]'));
  assert.match(await text('confirm'), /^Register claim/);
  assert.equal(await tid('total-refund').count(), 0, 'a claim shows no "Total refund €0.00"');
  assert.match(await text('claim-nothing-paid'), /nothing is paid out now/);
  await shot('claim-confirm-en');
  await lang('bg');
  assert.match(await text('confirm'), /^Регистрирай рекламацията/);
  await lang('en');
  await tid('confirm').click();
  await tid('claim-registered').waitFor();
  const registerNo = await tid('claim-registered').getAttribute('data-register-no');
  assert.match(registerNo, /^S01-2026-\d{5}$/);

  await tid('nav-history').click();
  const row = page.getByTestId('history-row').filter({ hasText: 'S01-2026-009901' });
  await row.waitFor();
  assert.equal(plain(await row.getByTestId('history-claim').innerText()), `Claim registered ${registerNo}`);
  assert.equal(plain(await row.getByTestId('history-no-refund').innerText()), 'no refund');
  assert.doesNotMatch(plain(await row.innerText()), /€0\.00/);
  await shot('claim-history-en');
  await lang('bg');
  assert.equal(plain(await row.getByTestId('history-claim').innerText()), `Регистрирана рекламация ${registerNo}`);
  await shot('claim-history-bg');
  await lang('en');

  // NO_PRINTER: no printer is chosen in this store's settings (the slip's preview is made again in
  // another language, which clears the message: each language prints once)
  await row.getByTestId('history-reprint').click();
  await tid('slip-preview').waitFor();
  await tid('print').click();
  const noPrinter = page.getByTestId('error').filter({ hasText: 'No printer' });
  await noPrinter.waitFor();
  assert.match(plain(await noPrinter.innerText()), /No printer is chosen for this desk\. A manager chooses one in Settings; until then, download the PDF\./);
  await lang('bg');
  await tid('slip-preview').waitFor();
  await tid('print').click();
  const noPrinterBg = page.getByTestId('error').filter({ hasText: 'принтер' });
  await noPrinterBg.waitFor();
  assert.match(plain(await noPrinterBg.innerText()), /За тази каса не е избран принтер/);
  await shot('error-no-printer-bg');
  await lang('en');
  await tid('history-back').click();
});

test('words: a declined line says who declined it and why', async () => {
  await signIn('maria', '1234');
  await lang('en');
  await scan('S01-2026-009902');
  await tid('receipt-number').waitFor();
  await tid('qty-inc-1').click();
  await tid('reason-1').selectOption('change_of_mind');
  await tid('condition-1').selectOption('opened');
  await settled();
  await page.waitForFunction(() => document.querySelector('[data-testid=verdict-1]')?.dataset.outcome === 'denied');
  assert.match(await text('verdict-1'), /A manager may override this/);
  await tid('manager-login').fill('georgi');
  await tid('manager-pin').fill('9999');
  await tid('manager-reason').fill('Opened pack, not resellable');
  await tid('decline').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Declined');
  assert.equal(plain(await tid('declined-1').innerText()), 'Georgi Petrov declined: Opened pack, not resellable');
  // the customer gets the paper at once: the declined return's slip, at the desk
  await tid('slip-preview').waitFor();
  assert.match(await tid('slip-preview').getAttribute('src'), /^blob:/, 'the server made the declined return\'s PDF');
  assert.doesNotMatch(await text('verdict-1'), /may override/);
  await shot('declined-line-en');
  await lang('bg');
  assert.equal(plain(await tid('declined-1').innerText()), 'Georgi Petrov отказа: Opened pack, not resellable');
  await lang('en');

  await tid('nav-history').click();
  const row = page.getByTestId('history-row').filter({ hasText: 'S01-2026-009902' });
  await row.first().waitFor();
  await row.first().getByTestId('history-reprint').click();
  await tid('history-declined').waitFor();
  // the store's clock: the instant recorded, in Sofia (the desk's clock starts at 10:00 and runs),
  // whatever the browser's zone (New York)
  const decidedAt = String(
    scalar(`SELECT a.decided_at FROM approvals a JOIN returns t ON t.id = a.return_id JOIN receipts r ON r.id = t.receipt_id
            WHERE r.number = 'S01-2026-009902' ORDER BY a.id DESC LIMIT 1`),
  );
  const sofia = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Sofia', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const hhmm = sofia.format(new Date(decidedAt.replace(' ', 'T')));
  assert.match(hhmm, /^1\d:\d\d$/, `decided at ${decidedAt}`);
  assert.equal(await text('history-declined'), `Georgi Petrov declined this return on 11 Oct 2026, ${hhmm}: “Opened pack, not resellable”. Nothing is paid out.`);
  await shot('declined-history-en');
  await tid('history-back').click();
});

test('words: times on the store clock, dates in the desk language, the leva rate with its comma', async () => {
  await signIn('georgi', '9999');
  await lang('el');
  await tid('nav-history').click();
  await tid('history-row').first().waitFor();
  const times = await page.locator('[data-testid=history-row] td:nth-child(3)').allInnerTexts();
  assert.ok(times.length > 0);
  for (const t of times) {
    assert.doesNotMatch(t, /[πμ]\.μ\./, `a 12-hour time on a Greek screen: ${t}`);
    assert.match(plain(t), /\b([01]\d|2[0-3]):[0-5]\d\b/, t);
  }
  // a date field in Greek order, whatever the browser's locale (en-US)
  assert.equal(await tid('history-from').getAttribute('placeholder'), 'ηη/μμ/εεεε');
  await tid('history-from').fill('01/10/2026');
  assert.equal(await tid('history-from').getAttribute('data-value'), '2026-10-01');
  await tid('history-from').fill('31/02/2026');
  await tid('history-from-wrong').waitFor();
  assert.equal(await tid('history-from').getAttribute('data-value'), '2026-10-01', 'a date that is no date changes nothing');
  assert.equal(await tid('history-from').inputValue(), '31/02/2026', 'and the typed text stays');
  await shot('history-el');
  await tid('history-from').fill('');
  await lang('bg');
  assert.equal(await tid('history-to').getAttribute('placeholder'), 'дд.мм.гггг');
  await tid('history-to').fill('11.10.2026');
  assert.equal(await tid('history-to').getAttribute('data-value'), '2026-10-11');
  await tid('history-search').click();
  await tid('history-row').first().waitFor();
  await shot('history-bg');
  await tid('history-to').fill('');

  // the leva receipt's note: the rate with a decimal comma
  await scan('S01-2025-018842');
  await tid('eur-note').waitFor();
  assert.match(await text('eur-note'), /1,95583 лв\. = 1 €/);
  await shot('leva-note-bg');
  await lang('en');
  assert.match(await text('eur-note'), /1\.95583 BGN = 1 EUR/);
});

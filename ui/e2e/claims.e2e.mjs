// Warranty claims end to end (issue 11): the built UI in Chromium against the real server (started
// by scripts/e2e.sh on the seeded database, clock 2026-10-11 10:00). A claim taken in at the desk
// goes to the service, comes back repaired, the customer is told and takes it back — the database
// checked after each step (warranty_claims.stage, claim_events rows); then an overdue claim is
// settled by refund by a manager. Written against the agreed contract (docs in the brief of issue
// 11): it needs the backend's claim commands (get_claim, advance_claim, settle_claim).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { BASE, DB, launch, plain, scalar, sql, discardIfAsked, atTheCounter } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

let browser, page;
const tid = (id) => page.getByTestId(id);
const text = async (id) => plain(await tid(id).innerText());
const stageOf = (id) => scalar(`SELECT stage FROM warranty_claims WHERE id = ${id}`);
const events = (id) => sql(`SELECT step FROM claim_events WHERE claim_id = ${id} ORDER BY seq`).map((e) => e.step);

/** Changes the database behind the server's back: only to age a claim (the fixture's clock stays put). */
const write = (query) => execFileSync('sqlite3', [DB, query], { encoding: 'utf8' });

async function signIn(login, pin) {
  await page.goto(BASE);
  if (await tid('sign-out').isVisible().catch(() => false)) await tid('sign-out').click();
  await tid('signin-login').fill(login);
  await tid('signin-pin').fill(pin);
  await tid('signin-submit').click();
  await atTheCounter(page);
}
/** Takes in a warranty claim on the headphones of S01-2026-002210 and answers its id and register no. */
async function takeInClaim(customer) {
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill('S01-2026-002210');
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await tid('receipt-number').waitFor();
  await tid('resolution').selectOption('repair');
  await tid('qty-inc-1').click();
  await tid('reason-1').selectOption('defective');
  await tid('condition-1').selectOption('used');
  await tid('defect-1').fill('No sound from the left ear cup');
  await tid('claim-intake-1').waitFor();
  await tid('serial-1').fill('SNR-WL300-40417');
  await tid('accessories-1').fill('Box, charging cable');
  await tid('item-state-1').fill('Light scratches on the headband');
  await tid('remedy-1').selectOption('repair');
  // a claim asks for the customer's name and phone or e-mail
  await tid('customer-required').waitFor();
  await tid('customer-name').fill(customer.name);
  await tid('customer-contact').fill(customer.contact);
  await page.waitForFunction(() => !document.querySelector('[data-testid=customer-required]') && !document.querySelector('[data-testid=evaluating]'));
  await tid('confirm').click();
  const done = tid('claim-registered');
  await done.waitFor();
  const registerNo = await done.getAttribute('data-register-no');
  const id = scalar(`SELECT id FROM warranty_claims ORDER BY id DESC LIMIT 1`);
  return { id, registerNo };
}
async function openOnBoard(registerNo) {
  await tid('nav-claims').click();
  await tid('claims-search').fill(registerNo);
  await tid('claims-search-go').click();
  const row = page.getByTestId('claim-row').filter({ hasText: registerNo });
  await row.waitFor();
  await row.getByTestId('claim-open').click();
  await tid('claim-history').waitFor();
}
async function step(name, fill = async () => {}) {
  await tid(`step-${name}`).click();
  await fill();
  await tid('step-record').click();
  await page.waitForFunction((n) => !document.querySelector(`[data-testid=step-${n}][aria-expanded=true]`), name);
}

before(async () => {
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

test('a claim from intake to hand-back: sent to the service, back repaired, customer informed, handed back', async () => {
  await signIn('maria', '1234');
  const { id, registerNo } = await takeInClaim({ name: 'Ivan Petrov', contact: '+359888123456' });
  assert.match(registerNo, /^S01-2026-\d{5}$/);
  assert.equal(stageOf(id), 'registered');
  assert.deepEqual(events(id), ['register']);
  const claim = sql(`SELECT accessories, item_state, remedy_asked, serial FROM warranty_claims WHERE id = ${id}`)[0];
  assert.deepEqual(claim, { accessories: 'Box, charging cable', item_state: 'Light scratches on the headband', remedy_asked: 'repair', serial: 'SNR-WL300-40417' });

  // "where is my repair?" by the customer's phone finds it too
  await tid('nav-claims').click();
  await tid('claims-search').fill('+359888123456');
  await tid('claims-search-go').click();
  await page.getByTestId('claim-row').filter({ hasText: registerNo }).waitFor();

  await openOnBoard(registerNo);
  assert.equal(await text('claim-stage'), 'Registered');
  await step('send_to_service', async () => {
    await tid('f-partner').fill('Sound Service Ltd');
    await tid('f-waybill').fill('WB-778812');
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=claim-stage]')?.dataset.stage === 'at_service');
  assert.equal(stageOf(id), 'at_service');
  assert.deepEqual(events(id), ['register', 'send_to_service']);

  await step('back_from_service', async () => {
    await tid('f-outcome').selectOption('repaired');
    await tid('f-finding').fill('Loose contact in the left driver, resoldered');
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=claim-stage]')?.dataset.stage === 'back_from_service');
  assert.equal(stageOf(id), 'back_from_service');
  assert.equal(events(id).length, 3);

  await step('inform_customer', () => tid('f-informed').fill('Phone call'));
  await page.waitForFunction(() => document.querySelector('[data-testid=claim-stage]')?.dataset.stage === 'customer_informed');
  assert.equal(stageOf(id), 'customer_informed');
  assert.equal(events(id).length, 4);

  await step('hand_back');
  await page.waitForFunction(() => document.querySelector('[data-testid=claim-stage]')?.dataset.stage === 'handed_back');
  assert.equal(stageOf(id), 'handed_back');
  assert.deepEqual(events(id), ['register', 'send_to_service', 'back_from_service', 'inform_customer', 'hand_back']);
  // the history on the page says each step, who took it
  const history = plain(await tid('claim-history').innerText());
  assert.match(history, /Send to the service.*Maria Ivanova.*Sound Service Ltd/);
  assert.equal(await page.getByTestId('claim-event').count(), 5);
});

test('an overdue claim is settled by refund by a manager: the settlement and its tenders are recorded', async () => {
  await signIn('maria', '1234');
  const { id, registerNo } = await takeInClaim({ name: 'Elena Dimitrova', contact: 'elena@example.com' });
  // the claim taken in two months ago (the fixture's clock stays at 2026-10-11): its month is past
  write(`UPDATE warranty_claims SET claimed_on = '2026-08-01', claim_due_by = '2026-09-01' WHERE id = ${id}`);

  // the flag on the return screen (asked as the screen opens), then the board on the overdue ones
  await tid('nav-history').click();
  await tid('nav-return').click();
  await tid('claims-overdue-flag').waitFor();
  await signIn('georgi', '9999');
  await tid('claims-overdue-flag').click();
  assert.ok(await tid('claims-overdue-only').isChecked());
  await openOnBoard(registerNo);
  await tid('overdue-remedies').waitFor();
  await tid('settle-refund').click();
  await tid('settle-confirm').click();
  await tid('claim-settlement').waitFor();
  assert.equal(stageOf(id), 'settled');
  // the database holds the settlement and the tenders it was paid by, adding up to it
  const settled = sql(`SELECT remedy, amount, currency, idempotency_key FROM claim_settlements WHERE claim_id = ${id}`);
  assert.equal(settled.length, 1);
  assert.equal(settled[0].remedy, 'refund');
  assert.equal(settled[0].amount, 8900, 'the line paid 89.00, nothing refunded before');
  const tenders = sql(`SELECT type, amount FROM claim_settlement_tenders WHERE claim_id = ${id} ORDER BY seq`);
  assert.ok(tenders.length > 0, 'paid through tenders');
  assert.equal(tenders.reduce((s, x) => s + x.amount, 0), settled[0].amount);
  // and the page says so
  assert.match(plain(await tid('claim-settlement').innerText()), /Refund.*89\.00/);
  assert.ok(events(id).includes('settle'));

  // the claim's intake document, from its page (the settlement document is not printed yet by the
  // server: claim_document kind=settlement answers 404 'no settlement recorded' though claim_settlements holds it)
  const doc = page.waitForResponse((r) => r.url().includes(`/api/claims/${id}/document.pdf`) && r.url().includes('kind=intake'));
  await tid('claim-doc-intake').click();
  const res = await doc;
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
});

test('a manager exports the complaint register of the year as CSV: every claim of the year, by register no.', async () => {
  await tid('claim-back').click();
  await tid('register-year').fill('2026');
  await tid('register-format').selectOption('csv');
  const download = page.waitForEvent('download');
  await tid('register-download').click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^register-S01-2026\.csv$/);
  const csv = fs.readFileSync(await file.path(), 'utf8');
  // one row per claim registered this year, with its customer (the two of this suite among them)
  const claims = sql(`SELECT customer_name FROM warranty_claims w JOIN complaint_register r ON r.store_code = w.store_code AND r.register_no = w.register_no
                      WHERE r.register_year = 2026`);
  assert.ok(claims.length >= 2);
  const rows = csv.trim().split('\n').slice(1);
  assert.equal(rows.length, claims.length, csv);
  for (const name of ['Ivan Petrov', 'Elena Dimitrova']) assert.ok(csv.includes(name), `${name} in the register`);
});

/** Takes a claim's intake to the confirm button on line 1 of `receipt` (a fixture receipt of one serialised item). */
async function intakeOn(receipt, serial, customer, defect) {
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(receipt);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await tid('receipt-number').waitFor();
  await tid('resolution').selectOption('repair');
  await tid('qty-inc-1').click();
  await tid('reason-1').selectOption('defective');
  await tid('condition-1').selectOption('used');
  await tid('defect-1').fill(defect);
  await tid('claim-intake-1').waitFor();
  await tid('serial-1').fill(serial);
  await tid('remedy-1').selectOption('repair');
  await tid('customer-required').waitFor();
  await tid('customer-name').fill(customer.name);
  await tid('customer-contact').fill(customer.contact);
  await page.waitForFunction(() => !document.querySelector('[data-testid=customer-required]') && !document.querySelector('[data-testid=evaluating]'));
}
const claimsOn = (receipt) =>
  sql(`SELECT w.id, w.serial, w.register_no, w.stage FROM warranty_claims w JOIN receipts r ON r.id = w.receipt_id WHERE r.number = '${receipt}' ORDER BY w.id`);

test('a serial no. not sold on the line: the desk asks for a manager, georgi approves, the claim is registered with that serial', async () => {
  await signIn('maria', '1234');
  // the action camera of S01-2026-005301 was sold as VST4K-310552; the customer's says otherwise
  await intakeOn('S01-2026-005301', 'VST4K-999001', { name: 'Petya Georgieva', contact: '0887 555 101' }, 'Does not switch on');
  await tid('confirm').click();
  // the server refuses the serial (409 SERIAL_MISMATCH): the manager's step comes up, nothing recorded
  await tid('manager-panel').waitFor();
  assert.match(plain(await page.locator('[role=alert]').allInnerTexts().then((a) => a.join(' '))), /not sold on this receipt line.*manager/i);
  assert.deepEqual(claimsOn('S01-2026-005301'), [], 'no claim before the manager approves');
  await tid('manager-login').fill('georgi');
  await tid('manager-pin').fill('9999');
  if (await tid('manager-reason').isVisible()) await tid('manager-reason').fill('Serial no. on the box differs from the sticker; checked the device');
  await tid('approve').click();
  const done = tid('claim-registered');
  await done.waitFor();
  const registerNo = await done.getAttribute('data-register-no');
  const claims = claimsOn('S01-2026-005301');
  assert.equal(claims.length, 1);
  assert.equal(claims[0].serial, 'VST4K-999001', 'registered with the serial no. the manager approved');
  assert.equal(`S01-2026-${String(claims[0].register_no).padStart(5, '0')}`, registerNo);
  assert.equal(claims[0].stage, 'registered');
  // the return it came with names the manager who approved, in the audit trail (no line's denial
  // was overridden, so no approvals row: the serial no. is approved in the return's manager entry)
  const approved = sql(`SELECT u.login, json_extract(a.details, '$.reason') AS reason FROM warranty_claims w
                        JOIN audit_log a ON a.entity = 'return' AND a.entity_id = CAST(w.return_id AS TEXT) AND a.action = 'override_approved'
                        JOIN users u ON u.id = a.user_id WHERE w.id = ${claims[0].id}`);
  assert.deepEqual(approved, [{ login: 'georgi', reason: 'Serial no. on the box differs from the sticker; checked the device' }]);
});

test('an overdue claim settled by price reduction by a manager: the amount typed, its tenders add up to it', async () => {
  await signIn('maria', '1234');
  await intakeOn('S01-2026-005302', 'SNR-R2-11820', { name: 'Nikolay Stoev', contact: 'n.stoev@example.com' }, 'Crackling sound on FM');
  await tid('confirm').click();
  const done = tid('claim-registered');
  await done.waitFor();
  const registerNo = await done.getAttribute('data-register-no');
  const id = claimsOn('S01-2026-005302')[0].id;
  // taken in two months ago: its month is past (the fixture's clock stays at 2026-10-11)
  write(`UPDATE warranty_claims SET claimed_on = '2026-08-03', claim_due_by = '2026-09-02' WHERE id = ${id}`);

  await signIn('georgi', '9999');
  await tid('nav-claims').click();
  await openOnBoard(registerNo);
  await tid('overdue-remedies').waitFor();
  await tid('settle-price_reduction').click();
  // an amount is required for a price reduction: nothing is sent without one
  await tid('settle-confirm').click();
  assert.equal(await tid('settle-amount').getAttribute('aria-invalid'), 'true');
  assert.equal(scalar(`SELECT count(*) FROM claim_settlements WHERE claim_id = ${id}`), 0);
  await tid('settle-amount').fill('20.50');
  await tid('settle-confirm').click();
  await tid('claim-settlement').waitFor();
  assert.equal(stageOf(id), 'settled');
  const settled = sql(`SELECT remedy, amount FROM claim_settlements WHERE claim_id = ${id}`);
  assert.deepEqual(settled, [{ remedy: 'price_reduction', amount: 2050 }]);
  const tenders = sql(`SELECT type, amount FROM claim_settlement_tenders WHERE claim_id = ${id} ORDER BY seq`);
  assert.ok(tenders.length > 0, 'paid through tenders');
  assert.equal(tenders.reduce((s, x) => s + x.amount, 0), 2050);
  assert.match(plain(await tid('claim-settlement').innerText()), /Price reduction.*20\.50/);
  assert.ok(events(id).includes('settle'));
});

test('a third claim on an item repaired twice: the desk tells the customer at intake that they may ask for their money back (BG)', async () => {
  await signIn('maria', '1234');
  // The blender of S01-2026-005303 (a receipt no other test reads): two earlier claims taken in at
  // the desk, then marked repaired behind the server's back (the service's path is the first
  // test's; here only their outcome matters).
  const takeIn = async () => {
    await intakeOn('S01-2026-005303', 'PLS9-552018', { name: 'Ivan Petrov', contact: '+359888123456' }, 'Stops after a few seconds');
    await tid('confirm').click();
    const done = tid('claim-registered');
    await done.waitFor();
    const registerNo = await done.getAttribute('data-register-no');
    return { id: claimsOn('S01-2026-005303').at(-1).id, registerNo };
  };
  for (const n of [1, 2]) {
    const { id } = await takeIn();
    write(`UPDATE warranty_claims SET stage = 'handed_back', service_outcome = 'repaired' WHERE id = ${id}`);
    assert.equal(scalar(`SELECT service_outcome FROM warranty_claims WHERE id = ${id}`), 'repaired', `claim ${n}`);
  }
  assert.equal(claimsOn('S01-2026-005303').length, 2);
  const { id, registerNo } = await takeIn();
  const notice = tid('claim-notice');
  await notice.waitFor();
  const said = plain(await notice.innerText());
  assert.match(said, new RegExp(`${registerNo}: this item was claimed before \\(2 earlier claims, 2 of them repaired\\)`));
  assert.match(said, /entitled to a refund/);
  await tid('claim-notice-refund').waitFor();
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/claim-notice-en.png` });
  // and the claim's page says it too
  await openOnBoard(registerNo);
  await tid('refund-entitled').waitFor();
  assert.equal(stageOf(id), 'registered');
});

// The approval queue across desks, end to end: TWO browser contexts against the real
// `returndesk serve` (scripts/e2e.sh): maria (clerk) at DESK-1, georgi (manager) at DESK-2.
// The clerk sends a late return to the queue and serves the next customer; the manager's desk,
// already open on the queue, sees it appear WITHOUT reloading and approves it with a reason; the
// clerk's desk sees the approval without reloading, completes the return and gets the slip; the
// database holds the return with the manager's approval. A decline shows its reason at the
// clerk's desk and records the return as declined (nothing paid); a case taken back leaves the
// manager's queue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DB, footprint, launch, plain, scalar, sql, discardIfAsked, atTheCounter } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

let browser, clerk, manager;
/** Each page loads the app once; after that nothing in this file reloads a page. */
const loads = new Map();
const tid = (page, id) => page.getByTestId(id);
const text = async (page, id) => plain(await tid(page, id).first().innerText());
const lastReturn = () => sql('SELECT * FROM returns ORDER BY id DESC LIMIT 1')[0];

async function desk(login, pin, terminal) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await ctx.addInitScript(() => {
    if (window.localStorage && !localStorage.getItem('returndesk.lang')) localStorage.setItem('returndesk.lang', 'en');
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error(`${login} page error:`, e.message));
  loads.set(page, 0);
  page.on('load', () => loads.set(page, loads.get(page) + 1));
  await page.goto(BASE);
  await tid(page, 'signin-login').fill(login);
  await tid(page, 'signin-terminal').fill(terminal);
  await tid(page, 'signin-pin').fill(pin);
  await tid(page, 'signin-submit').click();
  await atTheCounter(page);
  return page;
}

async function openReceipt(page, number) {
  if (await tid(page, 'new-return').isVisible()) await tid(page, 'new-return').click();
  await tid(page, 'scan-field').fill(number);
  await tid(page, 'scan-field').press('Enter');
  await discardIfAsked(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, number);
}
async function verdict(page, line, outcome) {
  await page.waitForFunction(
    ([l, o]) =>
      document.querySelector(`[data-testid=verdict-${l}]`)?.getAttribute('data-outcome') === o &&
      !document.querySelector('[data-testid=evaluating]'),
    [line, outcome],
  );
  return plain(await tid(page, `verdict-${line}`).innerText());
}
/** The one case of `page`'s queue list or strip (selector) in `state`, waited for. */
async function caseIn(page, selector, state) {
  const el = page.locator(`[data-testid=${selector}][data-state=${state}]`);
  await el.first().waitFor();
  return el.first();
}

before(async () => {
  browser = await launch();
  clerk = await desk('maria', '1234', 'DESK-1');
  manager = await desk('georgi', '9999', 'DESK-2');
  await tid(manager, 'nav-exceptions').click();
  await tid(manager, 'queue-live').waitFor();
});
after(async () => {
  await browser?.close();
});

test('a late return goes to the queue; the manager approves it live; the clerk completes it and gets the slip', async () => {
  await tid(manager, 'exceptions-empty').waitFor();
  const before = footprint();

  // the clerk: a smartwatch bought 29 days ago, electronics are taken back within 14
  await openReceipt(clerk, 'S01-2026-003977');
  await tid(clerk, 'qty-inc-1').click();
  const why = await verdict(clerk, 1, 'denied');
  assert.match(why, /A manager may override this/);
  // the customer's loyalty card, with the customer's details (kept hashed with the return)
  await clerk.locator('[data-testid=customer-details] summary').click();
  await tid(clerk, 'customer-loyalty').fill('LOY-77821');
  await verdict(clerk, 1, 'denied');
  await tid(clerk, 'queue-send').waitFor();
  await tid(clerk, 'queue-note').fill('Customer was abroad for work; box sealed');
  await tid(clerk, 'queue-send-button').click();

  // the desk is free for the next customer, the case waits in the strip
  const card = await caseIn(clerk, 'queue-card', 'waiting');
  assert.equal(await tid(clerk, 'receipt-number').count(), 0, 'the desk is cleared for the next customer');
  assert.match(plain(await card.innerText()), /S01-2026-003977.*Waiting for a manager/);
  assert.deepEqual(footprint(), before, 'queueing records no return');

  // the manager's desk, open on the queue, sees it without reloading
  const item = await caseIn(manager, 'queue-case', 'waiting');
  assert.match(plain(await item.innerText()), /S01-2026-003977.*Maria Ivanova · DESK-1/);
  assert.equal(await text(manager, 'queue-count'), '1');
  assert.match(await text(manager, 'queue-case-note'), /Customer was abroad for work; box sealed/);
  assert.match(await text(manager, 'queue-line-1'), /Smartwatch Pulse 2 ×1.*Denied/);
  assert.equal(await tid(manager, 'queue-override-1').isChecked(), true);

  // approving needs a reason from the list
  await tid(manager, 'queue-approve').click();
  await tid(manager, 'queue-reason-missing').waitFor();
  assert.equal(await caseIn(manager, 'queue-case', 'waiting').then(() => true), true);
  await tid(manager, 'queue-reason-goodwill').check();
  await tid(manager, 'queue-reason-text').fill('Abroad for work, unopened');
  await tid(manager, 'queue-approve').click();
  await manager.waitForFunction(() => /Georgi Petrov approved: Goodwill: Abroad for work, unopened/.test(document.querySelector('[data-testid=queue-case-decision]')?.textContent ?? ''));
  await manager.waitForFunction(() => !document.querySelector('[data-testid=queue-count]'));

  // the clerk's desk shows the approval without reloading
  const approved = await caseIn(clerk, 'queue-card', 'approved');
  assert.match(plain(await approved.innerText()), /Georgi Petrov approved: Goodwill: Abroad for work, unopened/);
  assert.match(await text(clerk, 'queue-card-amount'), /€/);
  assert.equal(await text(clerk, 'queue-count'), '1', 'the clerk is told a manager answered');
  await tid(clerk, 'queue-complete').click();
  await clerk.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');
  await tid(clerk, 'slip').waitFor();
  assert.match(await text(clerk, 'approval'), /Georgi Petrov approved/);
  await clerk.waitForFunction(() => !document.querySelector('[data-testid=queue-card]'));

  // the database: the return, paid as approved, with the manager's approval
  const r = lastReturn();
  assert.equal(r.receipt_id, scalar("SELECT id FROM receipts WHERE number = 'S01-2026-003977'"));
  assert.equal(r.status, 'completed');
  assert.ok(r.total_refund > 0, 'the approved line is paid');
  const approvals = sql(`SELECT a.receipt_line, a.decision, a.reason, u.display_name AS manager
                         FROM approvals a JOIN users u ON u.id = a.manager_id WHERE a.return_id = ${r.id}`);
  assert.equal(approvals.length, 1, JSON.stringify(approvals));
  assert.equal(approvals[0].receipt_line, 1);
  assert.equal(approvals[0].decision, 'approved');
  assert.equal(approvals[0].manager, 'Georgi Petrov');
  assert.match(approvals[0].reason, /Abroad for work, unopened/);
  assert.equal(footprint().returns, before.returns + 1);
  // the queued case: decided by georgi with the reason from the list, completed by this return
  const queued = sql(`SELECT q.state, q.note, q.reason_code, q.reason_text, q.return_id, u.login AS decided_by
                      FROM queued_returns q JOIN users u ON u.id = q.decided_by WHERE q.return_id = ${r.id}`);
  assert.deepEqual(queued, [
    { state: 'completed', note: 'Customer was abroad for work; box sealed', reason_code: 'goodwill', reason_text: 'Abroad for work, unopened', return_id: r.id, decided_by: 'georgi' },
  ]);
  // the loyalty id is kept with the return as a hash, never in clear
  const keys = sql(`SELECT customer_key FROM return_customers WHERE return_id = ${r.id}`);
  assert.ok(keys.length >= 1, 'the customer is kept with the return');
  for (const k of keys) assert.match(k.customer_key, /^[0-9a-f]{64}$/);
  assert.equal(scalar(`SELECT count(*) FROM return_customers WHERE customer_key LIKE '%LOY-77821%'`), 0);
  assert.match(await text(clerk, 'slip'), new RegExp(`S01-R${String(r.id).padStart(7, '0')}`));
  // the case is gone from the manager's queue once completed
  await manager.waitForFunction(() => !document.querySelector('[data-testid=queue-case]'));
  for (const [page, n] of loads) assert.equal(n, 1, 'no desk reloaded');
});

test('a decline shows its reason at the clerk’s desk; closing records the return as declined, nothing paid', async () => {
  const before = footprint();
  await openReceipt(clerk, 'S01-2025-018842');
  await tid(clerk, 'qty-inc-2').click();
  await verdict(clerk, 2, 'denied');
  await tid(clerk, 'queue-send-button').click();
  await caseIn(clerk, 'queue-card', 'waiting');

  await caseIn(manager, 'queue-case', 'waiting');
  // a decline needs words of the manager's own, whatever the reason chosen
  await tid(manager, 'queue-reason-store_error').check();
  await tid(manager, 'queue-decline').click();
  await tid(manager, 'queue-reason-text-missing').waitFor();
  await tid(manager, 'queue-reason-other').check();
  await tid(manager, 'queue-reason-text').fill('Bought almost a year ago and worn');
  await tid(manager, 'queue-decline').click();
  await manager.waitForFunction(() => /Georgi Petrov declined/.test(document.querySelector('[data-testid=queue-case-decision]')?.textContent ?? ''));

  const declined = await caseIn(clerk, 'queue-card', 'declined');
  assert.match(plain(await declined.innerText()), /Georgi Petrov declined: Other: Bought almost a year ago and worn/);
  assert.deepEqual(footprint(), before, 'deciding records no return');
  await tid(clerk, 'queue-close').click();
  await clerk.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Declined');
  const r = lastReturn();
  assert.equal(r.receipt_id, scalar("SELECT id FROM receipts WHERE number = 'S01-2025-018842'"));
  assert.equal(r.status, 'voided', 'a declined return is stored as voided, as the PIN path stores it');
  const approvals = sql(`SELECT a.decision, a.reason, u.display_name AS manager FROM approvals a JOIN users u ON u.id = a.manager_id WHERE a.return_id = ${r.id}`);
  assert.ok(approvals.length >= 1, 'the decline is recorded with the manager');
  for (const a of approvals) {
    assert.notEqual(a.decision, 'approved');
    assert.equal(a.manager, 'Georgi Petrov');
    assert.match(a.reason, /Bought almost a year ago and worn/);
  }
  assert.equal(scalar(`SELECT count(*) FROM return_refunds WHERE return_id = ${r.id}`), 0);
  for (const [page, n] of loads) assert.equal(n, 1, 'no desk reloaded');
});

test('a case taken back leaves every manager’s queue; a case decided at one desk cannot be decided again at another', async () => {
  const before = footprint();
  // taken back
  await openReceipt(clerk, 'S01-2025-018842');
  await tid(clerk, 'qty-inc-1').click();
  await verdict(clerk, 1, 'denied');
  await tid(clerk, 'queue-send-button').click();
  await caseIn(manager, 'queue-case', 'waiting');
  await (await caseIn(clerk, 'queue-card', 'waiting')).getByTestId('queue-withdraw').click();
  await clerk.waitForFunction(() => !document.querySelector('[data-testid=queue-card]'));
  await manager.waitForFunction(() => !document.querySelector('[data-testid=queue-case][data-state=waiting]'));
  await tid(manager, 'exceptions-empty').waitFor();

  // sent again and approved by georgi; a decision from another manager's session is then refused
  await openReceipt(clerk, 'S01-2025-018842');
  await tid(clerk, 'qty-inc-1').click();
  await verdict(clerk, 1, 'denied');
  await tid(clerk, 'queue-send-button').click();
  const item = await caseIn(manager, 'queue-case', 'waiting');
  const id = Number(await item.getAttribute('data-id'));
  await tid(manager, 'queue-reason-loyal_customer').check();
  await tid(manager, 'queue-approve').click();
  await tid(manager, 'queue-case-decision').waitFor();
  const late = await manager.evaluate(async (caseId) => {
    const s = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'georgi', pin: '9999', terminal: 'DESK-1' }),
    });
    const { token } = await s.json();
    const r = await fetch(`/api/queue/${caseId}/decision`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'decline', reason_code: 'other', reason_text: 'Decided at desk 1' }),
    });
    await fetch('/api/session', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    return { status: r.status, body: await r.json() };
  }, id);
  assert.equal(late.status, 409, JSON.stringify(late.body));
  assert.match(await text(manager, 'queue-case-decision'), /Georgi Petrov approved: Loyal customer/);
  await caseIn(clerk, 'queue-card', 'approved');
  assert.deepEqual(footprint(), before, 'nothing recorded before the clerk completes');
  // the clerk is putting another customer's return together: completing the case asks first
  await openReceipt(clerk, 'S01-2026-004630');
  await tid(clerk, 'qty-inc-2').click();
  await verdict(clerk, 2, 'approved');
  await tid(clerk, 'queue-complete').click();
  await tid(clerk, 'queue-replace-warning').waitFor();
  assert.equal(await text(clerk, 'receipt-number'), 'S01-2026-004630', 'the desk is not cleared on the first press');
  assert.deepEqual(footprint(), before);
  await tid(clerk, 'queue-complete').click();
  await clerk.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');
  assert.equal(footprint().returns, before.returns + 1);
});

test('a case waiting longer than the store allows is flagged overdue on the manager’s desk, live (the store’s setting, 1 minute here)', async () => {
  // the manager sets the store's overdue time in Settings
  await tid(manager, 'nav-settings').click();
  await tid(manager, 'queue-overdue-minutes').fill('1');
  await tid(manager, 'settings-save').click();
  await tid(manager, 'settings-notice').waitFor();
  assert.equal(scalar("SELECT value FROM desk_settings WHERE store_code = 'S01' AND key = 'queue_overdue_minutes'"), '1');
  await tid(manager, 'nav-exceptions').click();

  await openReceipt(clerk, 'S01-2026-004512');
  await tid(clerk, 'qty-inc-4').click();
  await tid(clerk, 'condition-4').selectOption('opened');
  await verdict(clerk, 4, 'denied');
  await tid(clerk, 'queue-send-button').click();
  const item = await caseIn(manager, 'queue-case', 'waiting');
  assert.doesNotMatch(plain(await item.innerText()), /overdue/);
  // the push answers at least every ~25 s with the cases as they stand: the flag comes without a reload
  await manager.waitForFunction(() => /overdue/.test(document.querySelector('[data-testid=queue-case-wait]')?.textContent ?? ''), null, {
    timeout: 120_000,
  });
  assert.match(await text(manager, 'queue-case-waiting'), /waiting [1-9]\d* min · overdue/);
  await (await caseIn(clerk, 'queue-card', 'waiting')).getByTestId('queue-withdraw').click();
  await manager.waitForFunction(() => !document.querySelector('[data-testid=queue-case]'));
  for (const [, n] of loads) assert.equal(n, 1, 'no desk reloaded');
});

test('above the manager’s approval limit: the case is marked for an administrator and georgi’s approval is refused (403), nothing written', async () => {
  assert.equal(scalar("SELECT approval_limit FROM users WHERE login = 'georgi'"), 100000, 'the fixture: georgi approves up to 1000.00');
  const before = footprint();
  // a laptop for 1299.00: within the window, but above the policy's 500.00 a manager must approve
  await openReceipt(clerk, 'S01-2026-004701');
  await tid(clerk, 'qty-inc-1').click();
  await verdict(clerk, 1, 'approved');
  assert.equal(await tid(clerk, 'case-outcome').getAttribute('data-outcome'), 'needs_approval');
  await tid(clerk, 'queue-send-button').click();
  const card = await caseIn(clerk, 'queue-card', 'waiting');
  assert.match(plain(await card.innerText()), /An administrator must approve/);

  const item = await caseIn(manager, 'queue-case', 'waiting');
  assert.match(plain(await item.innerText()), /S01-2026-004701.*An administrator must approve/);
  assert.match(await text(manager, 'queue-case-admin'), /An administrator must approve/);
  await tid(manager, 'queue-reason-goodwill').check();
  await tid(manager, 'queue-approve').click();
  await manager.waitForFunction(() =>
    /above your approval limit: an administrator must approve/.test(document.querySelector('[data-testid=queue-decide-error]')?.textContent ?? ''),
  );
  assert.equal(scalar("SELECT state FROM queued_returns WHERE id = (SELECT max(id) FROM queued_returns)"), 'waiting');
  assert.equal(scalar('SELECT decided_by FROM queued_returns WHERE id = (SELECT max(id) FROM queued_returns)'), null);
  assert.deepEqual(footprint(), before);
  await (await caseIn(clerk, 'queue-card', 'waiting')).getByTestId('queue-withdraw').click();
  await manager.waitForFunction(() => !document.querySelector('[data-testid=queue-case]'));
});

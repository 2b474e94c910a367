// People at the desk end to end: the built UI in Chromium against the real `returndesk serve`,
// started by scripts/e2e.sh on an EMPTY database (clock 2026-10-11 10:00). The first run sets up
// the store and its administrator, who adds a clerk; a sale of the new store comes in with the
// real CLI (`returndesk import receipts`) and the clerk takes part of it back. Then the
// administrator changes, resets and deactivates a user, and a clerk sees no Users screen and is
// told a wrong current PIN. Every step checks the SCREEN and what the DATABASE holds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, DB, deskPage, launch, plain, scalar, sql, discardIfAsked, atTheCounter } from './lib.mjs';

const BIN = process.env.RETURNDESK_BIN ?? '';
const FIX = process.env.RETURNDESK_FIXTURES ?? '';
if (!BASE || !DB || !BIN || !FIX) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL, _DB, _BIN, _FIXTURES)');

const STORE = 'S07';
const ADMIN = { login: 'elena', name: 'Elena Petrova', pin: '2580' };
const CLERK = { login: 'ivan', name: 'Ivan Dimitrov', pin: '4827' };
const RECEIPT = 'S07-2026-000001';

let browser, page;
/** What the browser refused under the server's Content-Security-Policy (docs/security.md). */
const cspViolations = [];
const tid = (id) => page.getByTestId(id);
const text = async (id) => plain(await tid(id).innerText());
const user = (login) => sql(`SELECT * FROM users WHERE login = '${login}'`)[0];
const userAudit = () => scalar("SELECT count(*) FROM audit_log WHERE entity = 'user'");

/** A sign-in straight to the API (not through the screen): its HTTP status; the session is ended again. */
async function trySignIn(login, pin) {
  return page.evaluate(
    async ([l, p]) => {
      const r = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: l, pin: p, terminal: 'DESK-9' }),
      });
      if (r.ok) {
        const { token } = await r.json();
        await fetch('/api/session', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      }
      return r.status;
    },
    [login, pin],
  );
}
/** A call as `login` (signed in for it straight at the API, signed out after): its HTTP status. */
async function statusAs(login, pin, method, url) {
  return page.evaluate(
    async ([l, p, m, u]) => {
      const s = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: l, pin: p, terminal: 'DESK-9' }),
      });
      const { token } = await s.json();
      const r = await fetch(u, { method: m, headers: { Authorization: `Bearer ${token}` } });
      await fetch('/api/session', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      return r.status;
    },
    [login, pin, method, url],
  );
}
/** A call with the screen's own session (as the signed-in user): its HTTP status. */
async function statusAsMe(method, url) {
  return page.evaluate(
    async ([m, u]) => {
      const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
      const r = await fetch(u, { method: m, headers: { Authorization: `Bearer ${token}` } });
      return r.status;
    },
    [method, url],
  );
}
async function signIn(login, pin) {
  await tid('signin-login').fill(login);
  await tid('signin-pin').fill(pin);
  await tid('signin-submit').click();
  await atTheCounter(page);
}
async function signOut() {
  await tid('sign-out').click();
  await tid('signin-login').waitFor();
}
async function openUsers() {
  await tid('nav-users').click();
  await tid('users-table').waitFor();
}
/** Fills the open user form's PIN twice, through the fields. */
async function pinTwice(pin) {
  await tid('user-pin').fill(pin);
  await tid('user-pin2').fill(pin);
}

before(async () => {
  browser = await launch();
  page = await deskPage(browser, { width: 1024, height: 768 }, cspViolations);
});
after(async () => {
  await browser?.close();
});

test('first run: an empty database opens on set-up; what is missing or too easy is said at its field, nothing written', async () => {
  assert.equal(scalar('SELECT count(*) FROM stores'), 0, 'the database starts empty');
  await page.goto(BASE);
  await tid('setup-screen').waitFor();
  assert.equal(await tid('signin-form').count(), 0, 'no sign-in before a store exists');

  // nothing filled in: each required field says so
  await tid('setup-submit').click();
  await tid('setup-error-store.code').waitFor();
  for (const f of ['store.code', 'store.name', 'store.address', 'administrator.login', 'administrator.name', 'administrator.pin']) {
    assert.equal(await tid(`setup-error-${f}`).isVisible(), true, f);
  }

  // currencies follow the jurisdiction: BG → EUR or BGN, GR → EUR, RU → RUB
  await tid('setup-jurisdiction').selectOption('BG');
  assert.deepEqual(await tid('setup-currency').locator('option').allTextContents(), ['EUR', 'BGN']);
  await tid('setup-jurisdiction').selectOption('RU');
  assert.deepEqual(await tid('setup-currency').locator('option').allTextContents(), ['RUB']);
  assert.equal(await tid('setup-time-zone').inputValue(), 'Europe/Moscow');
  await tid('setup-jurisdiction').selectOption('GR');
  assert.deepEqual(await tid('setup-currency').locator('option').allTextContents(), ['EUR']);
  assert.equal(await tid('setup-time-zone').inputValue(), 'Europe/Athens');
  // the starting policies offered are the jurisdiction's only
  const policyIds = async () =>
    page.$$eval('[data-testid^=setup-policy-]', (els) => els.map((e) => e.getAttribute('data-testid').slice('setup-policy-'.length)));
  const status = await page.evaluate(async () => (await fetch('/api/setup')).json());
  assert.equal(status.needs_setup, true);
  assert.deepEqual(
    await policyIds(),
    status.starting_policies.filter((p) => p.jurisdiction === 'GR').map((p) => p.id),
  );

  await tid('setup-jurisdiction').selectOption('BG');
  await tid('setup-store-code').fill(STORE);
  await tid('setup-store-name').fill('Return Desk Plovdiv');
  await tid('setup-store-address').fill('ul. Rayko Daskalov 1, 4000 Plovdiv');
  await tid('setup-vat-id').fill('BG175074752');
  await tid('setup-company-id').fill('175074752');
  await tid('setup-currency').selectOption('EUR');
  await tid('setup-time-zone').fill('Europe/Sofia');
  await tid('setup-language').selectOption('bg');
  await tid('setup-admin-login').fill(ADMIN.login);
  await tid('setup-admin-name').fill(ADMIN.name);

  // a PIN too easy to guess, then two PINs that differ
  await tid('setup-admin-pin').fill('1234');
  await tid('setup-admin-pin2').fill('1234');
  await tid('setup-submit').click();
  assert.match(await text('setup-error-administrator.pin'), /too easy/);
  await tid('setup-admin-pin').fill(ADMIN.pin);
  await tid('setup-admin-pin2').fill('2581');
  await tid('setup-submit').click();
  assert.match(await text('setup-error-administrator.pin2'), /not the same/);
  assert.equal(scalar('SELECT count(*) FROM stores'), 0, 'nothing written while the form is wrong');
  assert.equal(scalar('SELECT count(*) FROM users'), 0);
});

test('first run: the server refuses a time zone that is not one, at the field; then the store is set up and its administrator signed in, in the store’s language', async () => {
  await tid('setup-admin-pin2').fill(ADMIN.pin);
  await tid('setup-time-zone').fill('Mars/Olympus');
  await tid('setup-submit').click();
  await tid('setup-error-store.time_zone').waitFor();
  assert.equal(scalar('SELECT count(*) FROM stores'), 0, 'a refused set-up writes nothing');
  assert.equal(await tid('setup-time-zone').getAttribute('aria-invalid'), 'true');

  await tid('setup-time-zone').fill('Europe/Sofia');
  // a second desk opens on set-up too, before this one finishes
  const otherDesk = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
  await otherDesk.addInitScript(() => window.localStorage?.setItem('returndesk.lang', 'en'));
  const other = await otherDesk.newPage();
  await other.goto(BASE);
  await other.getByTestId('setup-screen').waitFor();
  // the standard starting policy is offered first-hand (as `returndesk setup` defaults to it)
  assert.match(await text('setup-policy-bg-standard'), /^Standard 30 days for a change of mind/);
  assert.equal(await tid('setup-policy-bg-standard').locator('input').isChecked(), true);
  await tid('setup-policy-bg-law-minimum').click();
  assert.equal(await tid('setup-policy-bg-standard').locator('input').isChecked(), false);
  await tid('setup-policy-bg-standard').click();
  await tid('setup-submit').click();
  await tid('scan-field').waitFor();

  // signed in as the administrator, the desk in the store's language
  await page.waitForFunction(() => document.documentElement.lang === 'bg');
  assert.equal(await text('current-user'), `${ADMIN.name} · Администратор`);
  assert.equal(await tid('nav-users').isVisible(), true);
  for (const tab of ['settings', 'audit']) assert.equal(await tid(`nav-${tab}`).count(), 1, `an administrator has ${tab}`);

  const store = sql(`SELECT * FROM stores`);
  assert.equal(store.length, 1);
  assert.equal(store[0].code, STORE);
  assert.equal(store[0].jurisdiction, 'BG');
  assert.equal(store[0].currency, 'EUR');
  assert.equal(store[0].time_zone, 'Europe/Sofia');
  assert.equal(store[0].language, 'bg');
  assert.equal(store[0].vat_id, 'BG175074752');
  assert.equal(store[0].company_id, '175074752');
  const admin = user(ADMIN.login);
  assert.equal(admin.role, 'administrator');
  assert.equal(admin.display_name, ADMIN.name);
  assert.equal(admin.active, 1);
  assert.deepEqual(sql(`SELECT store_code FROM user_stores WHERE user_id = ${admin.id}`), [{ store_code: STORE }]);
  const versions = sql(
    `SELECT v.effective_from, json_extract(v.defaults_json, '$.return_days') AS return_days
       FROM policy_versions v JOIN stores s ON s.policy_id = v.policy_id WHERE s.code = '${STORE}'`,
  );
  assert.deepEqual(versions, [{ effective_from: '2000-01-01', return_days: 30 }], 'the standard policy, in force for every sale imported');
  assert.ok(scalar(`SELECT count(*) FROM sessions WHERE user_id = ${admin.id}`) >= 1, 'a session for the administrator');

  // the second desk's set-up is refused, changes nothing, and leads to signing in
  const again = await page.evaluate(async () => (await fetch('/api/setup')).json());
  assert.equal(again.needs_setup, false);
  const o = (id) => other.getByTestId(id);
  await o('setup-store-code').fill('S08');
  await o('setup-store-name').fill('Another store');
  await o('setup-store-address').fill('Somewhere 1');
  await o('setup-admin-login').fill('boris');
  await o('setup-admin-name').fill('Boris Hristov');
  await o('setup-admin-pin').fill('3907');
  await o('setup-admin-pin2').fill('3907');
  await o('setup-submit').click();
  assert.match(plain(await o('setup-elsewhere').innerText()), /Another desk has set up a store meanwhile/);
  assert.equal(scalar('SELECT count(*) FROM stores'), 1);
  assert.equal(user('boris'), undefined);
  await o('setup-to-signin').click();
  await o('signin-form').waitFor();
  await otherDesk.close();
  await tid('lang-en').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('the administrator adds a clerk with a refund limit of their own', async () => {
  await openUsers();
  assert.match(await text(`user-row-${ADMIN.login}`), /Elena Petrova/);
  const audit = userAudit();

  await tid('user-add').click();
  await tid('user-form').waitFor();
  assert.equal(await tid('user-stores').inputValue(), STORE, 'the session store by default');
  await tid('user-login').fill(CLERK.login);
  await tid('user-name').fill(CLERK.name);
  await tid('user-role').selectOption('clerk');
  await tid('user-refund-limit').fill('150');
  await pinTwice('0000');
  await tid('user-save').click();
  assert.match(await text('user-error-pin'), /too easy/);
  assert.equal(user(CLERK.login), undefined, 'nothing written');

  await pinTwice(CLERK.pin);
  await tid('user-save').click();
  await tid(`user-row-${CLERK.login}`).waitFor();
  assert.equal(await text('users-notice'), `${CLERK.login} is added.`);
  assert.equal(await text(`user-role-${CLERK.login}`), 'Clerk');
  assert.equal(await text(`user-refund-limit-${CLERK.login}`), '€150.00');
  assert.equal(await text(`user-approval-limit-${CLERK.login}`), '—', 'no approval limit of their own');

  const clerk = user(CLERK.login);
  assert.equal(clerk.role, 'clerk');
  assert.equal(clerk.display_name, CLERK.name);
  assert.equal(clerk.refund_limit, 15000);
  assert.equal(clerk.approval_limit, null);
  assert.deepEqual(sql(`SELECT store_code FROM user_stores WHERE user_id = ${clerk.id}`), [{ store_code: STORE }]);
  assert.ok(userAudit() > audit, 'adding a user leaves an audit entry');

  // a login already taken is refused by the server, and said in the form
  await tid('user-add').click();
  await tid('user-login').fill(CLERK.login);
  await tid('user-name').fill('Someone Else');
  await pinTwice('7395');
  await tid('user-save').click();
  await page.waitForSelector('[data-testid=user-error-login], [data-testid=user-form-error]');
  assert.equal(scalar(`SELECT count(*) FROM users WHERE login = '${CLERK.login}'`), 1);
  await tid('user-cancel').click();
  await signOut();
});

test('a sale of the new store imported with the CLI is taken back by the new clerk; the database holds the return by that clerk', async () => {
  execFileSync(BIN, ['import', 'receipts', path.join(FIX, 'people-receipts.jsonl'), '--db', DB], { encoding: 'utf8' });
  assert.equal(scalar(`SELECT count(*) FROM receipts WHERE number = '${RECEIPT}'`), 1);

  await signIn(CLERK.login, CLERK.pin);
  assert.equal(await text('current-user'), `${CLERK.name} · Clerk`);
  assert.equal(await tid('nav-users').count(), 0, 'a clerk has no Users screen');
  await tid('scan-field').fill(RECEIPT);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, RECEIPT);
  await tid('qty-inc-2').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=verdict-2]')?.getAttribute('data-outcome') === 'approved' && !document.querySelector('[data-testid=evaluating]'),
  );
  assert.equal(await text('total-refund'), '€9.99');
  await tid('confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.textContent === 'Completed');

  const clerk = user(CLERK.login);
  const r = sql('SELECT * FROM returns ORDER BY id DESC LIMIT 1')[0];
  assert.equal(r.clerk_id, clerk.id);
  assert.equal(r.store_code, STORE);
  assert.equal(r.receipt_id, scalar(`SELECT id FROM receipts WHERE number = '${RECEIPT}'`));
  assert.equal(r.status, 'completed');
  assert.equal(r.total_refund, 999);
  assert.deepEqual(sql(`SELECT receipt_line, returned_qty FROM return_lines WHERE return_id = ${r.id}`), [{ receipt_line: 2, returned_qty: 1 }]);
  await signOut();
});

test('the administrator makes the clerk a manager, gives a new PIN, then deactivates them', async () => {
  await signIn(ADMIN.login, ADMIN.pin);
  await openUsers();
  const before = user(CLERK.login);

  await tid(`user-edit-${CLERK.login}`).click();
  assert.equal(await tid('user-login').getAttribute('readonly'), '', 'the login is not changed');
  assert.equal(await tid('user-refund-limit').inputValue(), '150.00');
  await tid('user-role').selectOption('manager');
  await tid('user-approval-limit').fill('300,5');
  await tid('user-save').click();
  await page.waitForFunction((l) => document.querySelector(`[data-testid=user-role-${l}]`)?.textContent === 'Manager', CLERK.login);
  assert.equal(await text(`user-approval-limit-${CLERK.login}`), '€300.50');
  let now = user(CLERK.login);
  assert.equal(now.role, 'manager');
  assert.equal(now.approval_limit, 30050);
  assert.equal(now.refund_limit, 15000, 'what was not changed stays');

  await tid(`user-pin-${CLERK.login}`).click();
  await pinTwice('9876');
  await tid('user-save').click();
  assert.match(await text('user-error-pin'), /too easy/);
  await pinTwice('6042');
  await tid('user-save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=users-notice]')?.textContent?.includes('new PIN'));
  now = user(CLERK.login);
  assert.notEqual(now.pin_hash, before.pin_hash);
  assert.equal(await trySignIn(CLERK.login, CLERK.pin), 401, 'the old PIN no longer opens the desk');
  assert.equal(await trySignIn(CLERK.login, '6042'), 200, 'the new PIN does');
  assert.equal(await statusAs(CLERK.login, '6042', 'GET', '/api/users'), 403, 'a manager keeps no users');

  await tid(`user-edit-${CLERK.login}`).click();
  await tid('user-active').uncheck();
  await tid('user-save').click();
  await page.waitForFunction((l) => document.querySelector(`[data-testid=user-status-${l}]`)?.textContent?.includes('Deactivated'), CLERK.login);
  assert.equal(user(CLERK.login).active, 0);
  assert.notEqual(await trySignIn(CLERK.login, '6042'), 200, 'a deactivated user cannot sign in');
  assert.ok(userAudit() >= 4, 'each change of a user leaves an audit entry');
});

test('a locked-out clerk is unlocked from Users; a clerk sees no Users screen and may not list users; a wrong current PIN is said in the PIN dialog, a right one changes it', async () => {
  await tid('user-add').click();
  await tid('user-login').fill('nina');
  await tid('user-name').fill('Nina Georgieva');
  await pinTwice('3691');
  await tid('user-save').click();
  await tid('user-row-nina').waitFor();

  // wrong PINs lock nina out; the administrator unlocks her from the Users screen
  let status = 0;
  for (let i = 0; i < 10 && status !== 423; i++) status = await trySignIn('nina', '0000');
  assert.equal(status, 423, 'locked out after wrong PINs');
  await tid('nav-return').click();
  await openUsers();
  await tid('user-locked-nina').waitFor();
  await tid('user-unlock-nina').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=user-locked-nina]'));
  assert.equal(await text('users-notice'), 'nina may sign in again.');
  await signOut();

  await signIn('nina', '3691');
  assert.equal(await tid('nav-users').count(), 0);
  assert.equal(await statusAsMe('GET', '/api/users'), 403, 'the server refuses a clerk too');
  const hash = user('nina').pin_hash;

  await tid('current-user').click();
  await tid('pin-change').waitFor();
  await tid('pin-change-old_pin').fill('0000');
  await tid('pin-change-new_pin').fill('7520');
  await tid('pin-change-new_pin2').fill('7520');
  await tid('pin-change-submit').click();
  await page.waitForSelector('[data-testid=pin-change-error-old_pin], [data-testid=pin-change-error]');
  const said = plain(await page.locator('[data-testid=pin-change-error-old_pin], [data-testid=pin-change-error]').first().innerText());
  assert.ok(said.length > 0, 'the error is said');
  assert.equal(user('nina').pin_hash, hash, 'a wrong current PIN changes nothing');

  // the server's rules, said before asking it
  await tid('pin-change-old_pin').fill('3691');
  await tid('pin-change-new_pin').fill('5555');
  await tid('pin-change-new_pin2').fill('5555');
  await tid('pin-change-submit').click();
  assert.match(await text('pin-change-error-new_pin'), /too easy/);

  await tid('pin-change-new_pin').fill('7520');
  await tid('pin-change-new_pin2').fill('7520');
  await tid('pin-change-submit').click();
  await tid('pin-change-done').waitFor();
  assert.notEqual(user('nina').pin_hash, hash);
  await tid('pin-change-close').click();
  await signOut();
  await signIn('nina', '7520');
  assert.equal(await text('current-user'), 'Nina Georgieva · Clerk');
});

test('the set-up, Users and PIN pages broke no rule of the Content-Security-Policy', () => {
  assert.deepEqual(cspViolations, []);
});

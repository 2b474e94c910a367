// The paper and the store's details (issue 16): the built UI in Chromium against the real server
// (scripts/e2e.sh, seeded database, clock 2026-10-11 10:00). A manager edits the store's details
// in Settings: a VAT id not plausible for a Bulgarian store is refused naming the field and nothing
// is stored; a good one is stored and printed on the slip. An edited policy with "fourteen" where
// a number is due is refused naming the field, no version published; with a number, Save publishes
// it. A slip's own number (what its barcode encodes) scanned at the return screen opens the
// return's receipt, and typed in History's search finds that return.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DB, discardIfAsked, launch, plain, scalar, sql, atTheCounter } from './lib.mjs';

if (!BASE || !DB) throw new Error('run through scripts/e2e.sh (RETURNDESK_URL and RETURNDESK_DB)');

let browser, page;
const tid = (id) => page.getByTestId(id);

async function signIn(login, pin) {
  await page.goto(BASE);
  if (await tid('sign-out').isVisible().catch(() => false)) await tid('sign-out').click();
  await tid('signin-login').fill(login);
  await tid('signin-pin').fill(pin);
  await tid('signin-submit').click();
  await atTheCounter(page);
}

async function openSettings() {
  await tid('nav-settings').click();
  await tid('store-vat-id').waitFor();
}

/** Save, then wait for the server's answer: the notice or the error banner. */
async function save() {
  await tid('settings-save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=settings-notice]') || document.querySelector('[data-testid=error]'));
}

/** A screenshot into E2E_SHOTS (when set), for a person to look at. */
async function shot(name) {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/paper-${name}.png`, fullPage: true });
}

const storeRow = () => sql(`SELECT name, vat_id, company_id, phone FROM stores WHERE code = 'S01'`)[0];
const policyVersions = () => scalar(`SELECT count(*) FROM policy_versions v JOIN stores s ON s.policy_id = v.policy_id WHERE s.code = 'S01'`);

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

test('a manager keeps the store details in Settings: a wrong VAT id is refused by name, a good one is stored', async () => {
  await signIn('georgi', '9999');
  await openSettings();
  const before = storeRow();
  await tid('store-name').fill('Техно Дом София');
  await tid('store-vat-id').fill('EL801234567');
  await tid('store-company-id').fill('204567891');
  await tid('store-phone').fill('+359 2 981 2345');
  await save();
  const refusal = plain(await tid('error').innerText());
  assert.match(refusal, /VAT id \(vat_id\)/, refusal);
  assert.match(refusal, /Bulgarian VAT id is BG and 9 or 10 digits/, refusal);
  await shot('settings-vat-refused');
  assert.equal(await tid('settings-notice').count(), 0, 'no "Saved." for a refusal');
  assert.deepEqual(storeRow(), before, 'nothing stored');

  await tid('store-vat-id').fill('BG204567891');
  await save();
  assert.equal(plain(await tid('settings-notice').innerText()), 'Saved.');
  assert.deepEqual(storeRow(), { name: 'Техно Дом София', vat_id: 'BG204567891', company_id: '204567891', phone: '+359 2 981 2345' });
  assert.equal(scalar(`SELECT count(*) FROM audit_log WHERE action = 'settings_changed' AND entity_id = 'S01/details'`), 1);
  // Signed in again, the screen shows what is stored.
  await signIn('georgi', '9999');
  await openSettings();
  assert.equal(await tid('store-vat-id').inputValue(), 'BG204567891');
  assert.equal(await tid('store-name').inputValue(), 'Техно Дом София');
  await shot('settings-store-details');
});

test('Save with an edited policy: "fourteen" days is refused naming the field, a number is published', async () => {
  await openSettings();
  const versions = policyVersions();
  await tid('policy-view-json').click();
  const original = JSON.parse(await tid('policy-json').inputValue());
  const edited = structuredClone(original);
  edited.defaults.return_days = 'fourteen';
  await tid('policy-json').fill(JSON.stringify(edited, null, 2));
  // Checked as typed, before any Save: the server's refusal, at the field.
  await page.waitForFunction(() => /defaults\.return_days/.test(document.querySelector('[data-testid=policy-check]')?.textContent ?? ''));
  assert.match(plain(await tid('policy-check').innerText()), /^Cannot be published yet\. Return period \(days\) \(defaults\.return_days\): .*fourteen/);
  assert.equal(policyVersions(), versions, 'checking publishes nothing');
  await save();
  const refusal = plain(await tid('error').innerText());
  assert.match(refusal, /Return period \(days\) \(defaults\.return_days\)/, refusal);
  assert.match(refusal, /fourteen/, refusal);
  await shot('settings-policy-refused');
  assert.equal(await tid('settings-notice').count(), 0);
  assert.equal(policyVersions(), versions, 'no version published');

  edited.defaults.return_days = 21;
  await tid('policy-json').fill(JSON.stringify(edited, null, 2));
  await page.waitForFunction(() => /^Checked/.test(document.querySelector('[data-testid=policy-check]')?.textContent?.trim() ?? ''));
  assert.match(plain(await tid('policy-check').innerText()), new RegExp(`^Checked: Save publishes it as version ${versions + 1}, in force from `));
  await shot('settings-policy-checked');
  await save();
  const notice = plain(await tid('settings-notice').innerText());
  assert.match(notice, /^Saved\. Policy version \d+ is published, in force from /, notice);
  assert.equal(policyVersions(), versions + 1);
  const stored = JSON.parse(scalar(`SELECT v.defaults_json FROM policy_versions v JOIN stores s ON s.policy_id = v.policy_id WHERE s.code = 'S01' ORDER BY v.version DESC LIMIT 1`));
  assert.equal(stored.return_days, 21);
  // The list of versions shows it first, in force, published by the manager signed in, with the
  // same number of rows as the database holds.
  const newest = Number(scalar(`SELECT max(v.version) FROM policy_versions v JOIN stores s ON s.policy_id = v.policy_id WHERE s.code = 'S01'`));
  const row = tid(`policy-version-${newest}`);
  await row.waitFor();
  assert.equal(await tid('policy-versions').locator('tbody tr').count(), versions + 1);
  const cells = (await row.locator('td').allInnerTexts()).map(plain);
  assert.equal(cells[0], String(newest));
  assert.equal(cells[2], 'in force');
  assert.equal(cells[3], scalar(`SELECT display_name FROM users WHERE login = 'georgi'`));
  assert.equal(scalar(`SELECT u.login FROM policy_versions v JOIN users u ON u.id = v.created_by WHERE v.version = ${newest} AND v.policy_id = (SELECT policy_id FROM stores WHERE code = 'S01')`), 'georgi');
  assert.equal(await tid('policy-versions').locator('tbody tr.in_force').count(), 1, 'one version in force');
  await tid('policy-versions').scrollIntoViewIfNeeded();
  await shot('settings-policy-versions');
  // Saving again without a change publishes nothing more.
  await save();
  assert.equal(plain(await tid('settings-notice').innerText()), 'Saved.');
  assert.equal(policyVersions(), versions + 1);
});

test("a slip's own number finds its return: at the return screen's scan field and in History", async () => {
  const ret = sql(`SELECT t.id, r.number FROM returns t JOIN receipts r ON r.id = t.receipt_id WHERE t.store_code = 'S01' AND t.status = 'completed' ORDER BY t.id LIMIT 1`)[0];
  assert.ok(ret, 'the suites before left a completed return');
  const slip = `S01-R${String(ret.id).padStart(7, '0')}`;
  await tid('nav-return').click();
  if (await tid('new-return').isVisible()) await tid('new-return').click();
  await tid('scan-field').fill(slip);
  await tid('scan-field').press('Enter');
  await discardIfAsked(page);
  await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, ret.number);

  await tid('nav-history').click();
  await tid('history-q').fill(slip.toLowerCase());
  await tid('history-search').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=history-row]').length === 1);
  const row = plain(await tid('history-row').innerText());
  assert.match(row, new RegExp(ret.number), row);
  await shot('history-slip-number');
});

#!/usr/bin/env node
// Screenshots of every desk screen into docs/screens/, taken from the REAL server: the built UI
// (ui/dist) in headless Debian Chromium (playwright-core, no browser download) against
// `returndesk serve` on a fresh database seeded from tests/fixtures/e2e/ by scripts/e2e.sh, the
// same way the end-to-end test runs. English and Bulgarian: every screen; Russian and Greek: the
// return screen. Each language gets a fresh database (the flows record returns).
//
//   node scripts/ui-screens.mjs [--langs en,bg,ru,el] [--out docs/screens]
//   (runs `scripts/e2e.sh --screens` once per language; that script builds what is missing)
//   CHROMIUM=/usr/bin/chromium to point at another browser binary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const langs = arg('--langs', 'en,bg,ru,el').split(',');
const outArg = arg('--out', 'docs/screens');
const out = path.resolve(root, outArg);
const EVERY_SCREEN = ['en', 'bg'];

if (!process.env.RETURNDESK_URL) {
  // one fresh server (and database) per language
  let failed = 0;
  for (const lang of langs) {
    const r = spawnSync('bash', [path.join(root, 'scripts/e2e.sh'), '--screens', '--langs', lang, '--out', outArg], {
      stdio: 'inherit',
      env: { ...process.env, E2E_SKIP_BUILD: process.env.E2E_SKIP_BUILD ?? (lang === langs[0] ? '0' : '1') },
    });
    if (r.status !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}

const { launch } = await import(path.join(root, 'ui/e2e/lib.mjs'));
const base = process.env.RETURNDESK_URL;
fs.mkdirSync(out, { recursive: true });
const browser = await launch();
const shots = [];

for (const lang of langs) {
  const all = EVERY_SCREEN.includes(lang);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await ctx.addInitScript((l) => {
    try {
      localStorage.setItem('returndesk.lang', l);
    } catch {
      /* frames without storage (the PDF preview) */
    }
  }, lang);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => console.error(`[${lang}] page error:`, e.message));
  const tid = (id) => page.getByTestId(id);
  const settle = async () => {
    await page.waitForTimeout(150);
    await page.waitForFunction(() => !document.querySelector('[data-testid=evaluating]'));
    await page.waitForTimeout(100);
  };
  const shot = async (name, full = false) => {
    const file = path.join(out, `${name}-${lang}.png`);
    await page.screenshot({ path: file, fullPage: full });
    shots.push(path.relative(root, file));
  };
  const scan = async (code) => {
    await tid('scan-field').fill(code);
    await tid('scan-field').press('Enter');
  };
  const open = async (number) => {
    if (await tid('new-return').isVisible()) await tid('new-return').click();
    await scan(number);
    await page.waitForFunction((n) => document.querySelector('[data-testid=receipt-number]')?.textContent === n, number);
  };
  const completed = () => page.waitForFunction(() => document.querySelector('[data-testid=return-status]')?.closest('.donehead'));
  const pdf = async () => {
    await tid('slip-preview').waitFor();
    await page.waitForTimeout(2000); // the PDF viewer draws the page
  };

  // sign in (a wrong PIN first)
  await page.goto(base);
  await tid('signin-login').waitFor();
  if (all) await shot('signin');
  await tid('signin-login').fill('maria');
  if (all) {
    await tid('signin-pin').fill('0000');
    await tid('signin-submit').click();
    await tid('signin-error').waitFor();
    await shot('signin-wrong-pin');
  }
  await tid('signin-pin').fill('1234');
  await tid('signin-submit').click();
  await tid('scan-field').waitFor();

  if (all) {
    await scan('S01-2026-999999');
    await tid('lookup-error').waitFor();
    await shot('return-unknown-receipt');
    await scan('t=2026&s=1&fn=1&i=2');
    await page.waitForTimeout(300);
    await shot('return-malformed-code');
  }

  // the TV receipt: every line with its verdict; the TV is above the clerk's limit and the
  // opened batteries are an overridable denial, so the manager's panel is on the desk
  await open('S01-2026-004512');
  await tid('qty-inc-1').click();
  await tid('qty-inc-2').click();
  await tid('qty-inc-3').click();
  await tid('qty-inc-4').click();
  await tid('condition-4').selectOption('opened');
  await settle();
  await shot('return');
  if (!all) {
    await ctx.close();
    continue;
  }
  await shot('return-full', true);

  await tid('qty-2').fill('5');
  await settle();
  await shot('return-qty-over');
  await tid('qty-2').fill('1');
  await settle();

  // the manager at the desk: overrides previewed, a wrong PIN, then approval → slip
  await tid('override-4').check();
  await settle();
  await tid('manager-login').fill('georgi');
  await tid('manager-reason').fill(lang === 'bg' ? 'Редовен клиент, опаковката е запечатана отново' : 'Regular customer, pack resealed');
  await shot('exception');
  await tid('manager-pin').fill('1111');
  await tid('approve').click();
  await tid('manager-error').waitFor();
  await shot('exception-wrong-pin');
  await tid('manager-pin').fill('9999');
  await tid('approve').click();
  await completed();
  await pdf();
  await shot('slip');

  // an opened speaker: restocking fee
  await open('S01-2026-004630');
  await tid('qty-inc-1').click();
  await tid('condition-1').selectOption('opened');
  await settle();
  await shot('return-fee');

  // a late one: the window explained
  await open('S01-2026-003977');
  await tid('qty-inc-1').click();
  await tid('condition-1').selectOption('opened');
  await settle();
  await shot('return-late');

  // a leva receipt (both currencies), a defect: legal guarantee
  await open('S01-2025-018842');
  await tid('qty-inc-1').click();
  await tid('reason-1').selectOption('defective');
  await tid('defect-1').fill(lang === 'bg' ? 'Липсват части' : 'Parts missing from the box');
  await settle();
  await shot('return-leva');

  // a warranty claim recorded (for the claims register)
  await open('S01-2026-002210');
  await tid('resolution').selectOption('repair');
  await tid('qty-inc-1').click();
  await tid('reason-1').selectOption('defective');
  await tid('condition-1').selectOption('used');
  await tid('serial-1').fill('SNR-WL300-40417');
  await tid('defect-1').fill(lang === 'bg' ? 'Няма звук в лявата слушалка' : 'No sound from the left ear cup');
  await settle();
  await tid('confirm').click();
  await completed();
  await pdf();
  await shot('warranty-claim');

  // by card
  await tid('new-return').click();
  await tid('card-toggle').click();
  await tid('card-last4').fill('4821');
  await tid('card-from').fill('2026-08-01');
  await tid('card-to').fill('2026-10-31');
  await tid('card-submit').click();
  await tid('card-result').first().waitFor();
  await shot('return-by-card');

  // returns waiting for a manager: the desk records none without the manager's decision (a
  // manager decides at the desk), so the list is empty until the approval queue comes
  await tid('nav-exceptions').click();
  await tid('exceptions-empty').waitFor();
  await shot('exceptions');

  // the other screens
  await tid('nav-claims').click();
  await tid('claims-table').waitFor();
  await shot('claims');
  await tid('nav-history').click();
  await tid('history-row').first().waitFor();
  await shot('history');
  await page.getByTestId('history-row').filter({ hasText: 'S01-2026-004512' }).getByTestId('history-reprint').click();
  await pdf();
  await shot('history-reprint');

  await tid('lock').click();
  await tid('lock-screen').waitFor();
  await shot('lock');
  await tid('switch-user').click();

  await tid('signin-login').fill('georgi');
  await tid('signin-pin').fill('9999');
  await tid('signin-submit').click();
  await tid('nav-settings').click();
  await tid('policy-json').waitFor();
  await shot('settings');
  await tid('nav-audit').click();
  await tid('audit-table').waitFor();
  await shot('audit');

  await ctx.close();
}
await browser.close();
console.log(shots.join('\n'));

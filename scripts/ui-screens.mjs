#!/usr/bin/env node
// Screenshots of every desk screen, in English and Bulgarian, into docs/screens/.
// Runs the built UI (ui/dist) against the DEV mock (ui/dev/mock-server.mjs) in headless
// Debian Chromium through playwright-core (no browser download).
//
//   (cd ui && npm ci && npm run build) && node scripts/ui-screens.mjs [--langs en,bg] [--out docs/screens]
//   CHROMIUM=/usr/bin/chromium to point at another browser binary.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'ui', 'package.json'));
const { chromium } = require('playwright-core');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const langs = arg('--langs', 'en,bg').split(',');
const out = path.resolve(root, arg('--out', 'docs/screens'));
fs.mkdirSync(out, { recursive: true });

async function startMock(port) {
  const child = spawn(process.execPath, [path.join(root, 'ui/dev/mock-server.mjs'), '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (c) => reject(new Error(`mock exited ${c}`)));
  });
  return child;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const shots = [];
const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill()));
let port = 5190;
for (const lang of langs) {
  const mock = await startMock(++port);
  children.add(mock);
  const base = `http://127.0.0.1:${port}/`;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await ctx.addInitScript((l) => {
    try {
      localStorage.setItem('returndesk.lang', l);
    } catch {
      /* frames without storage (the PDF preview) */
    }
  }, lang);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[${lang}] page error:`, e.message));
  const tid = (id) => page.getByTestId(id);
  const settle = () => page.waitForTimeout(450); // the evaluate debounce is 250 ms
  const shot = async (name, full = false) => {
    const file = path.join(out, `${name}-${lang}.png`);
    await page.screenshot({ path: file, fullPage: full });
    shots.push(path.relative(root, file));
  };

  // sign in
  await page.goto(base);
  await tid('signin-login').waitFor();
  await shot('signin');
  await tid('signin-login').fill('maria');
  await tid('signin-pin').fill('0000');
  await tid('signin-submit').click();
  await tid('signin-error').waitFor();
  await shot('signin-wrong-pin');
  await tid('signin-pin').fill('1234');
  await tid('signin-submit').click();
  await tid('scan-field').waitFor();

  // unknown and malformed receipt
  await tid('scan-field').fill('S01-2026-999999');
  await tid('scan-field').press('Enter');
  await tid('lookup-error').waitFor();
  await shot('return-unknown-receipt');
  await tid('scan-field').fill('%%%?');
  await tid('scan-field').press('Enter');
  await page.waitForTimeout(300);
  await shot('return-malformed-code');

  // the TV receipt: several lines, each with its verdict
  await tid('scan-field').fill('S01-2026-004512');
  await tid('scan-field').press('Enter');
  await tid('receipt').waitFor();
  await tid('qty-inc-1').click();
  await tid('qty-inc-2').click();
  await tid('condition-2').selectOption('opened');
  await tid('qty-inc-3').click();
  await tid('qty-inc-4').click();
  await tid('condition-4').selectOption('opened');
  await settle();
  await shot('return');
  await shot('return-full', true);

  // quantity above what is left
  await tid('qty-2').fill('5');
  await settle();
  await shot('return-qty-over');
  await tid('qty-2').fill('1');
  await settle();

  // exceptions: confirm → manager decides at the desk
  await tid('confirm').click();
  await tid('manager-panel').waitFor();
  await shot('exception');
  await tid('manager-login').fill('georgi');
  await tid('manager-pin').fill('1111');
  await tid('manager-reason').fill(lang === 'bg' ? 'Редовен клиент' : 'Regular customer, items resellable');
  await tid('approve').click();
  await tid('manager-error').waitFor();
  await shot('exception-wrong-pin');
  await tid('manager-pin').fill('9999');
  await tid('approve').click();
  await tid('slip-preview').waitFor();
  await page.waitForTimeout(1500);
  await shot('slip');

  // a leva receipt (both currencies) and a late one
  await tid('new-return').click();
  await tid('scan-field').fill('S02-000077');
  await tid('scan-field').press('Enter');
  await tid('receipt').waitFor();
  await tid('qty-inc-1').click();
  await tid('reason-1').selectOption('defective');
  await settle();
  await shot('return-leva');
  await tid('scan-field').fill('S01-2026-003977');
  await tid('scan-field').press('Enter');
  await page.waitForTimeout(300);
  await tid('qty-inc-1').click();
  await tid('condition-1').selectOption('opened');
  await settle();
  await shot('return-late');

  // by card
  await tid('card-toggle').click();
  await tid('card-last4').fill('4821');
  await tid('card-from').fill('2026-08-01');
  await tid('card-to').fill('2026-10-31');
  await tid('card-submit').click();
  await tid('card-result').first().waitFor();
  await shot('return-by-card');

  // other screens
  await tid('nav-exceptions').click();
  await page.waitForTimeout(300);
  await shot('exceptions');
  await tid('nav-claims').click();
  await tid('claims-table').waitFor();
  await shot('claims');
  await tid('nav-history').click();
  await tid('history-from').fill('2026-09-01');
  await tid('history-to').fill('2026-10-31');
  await tid('history-search').click();
  await tid('history-row').first().waitFor();
  await shot('history');
  await tid('history-reprint').first().click();
  await tid('slip-preview').waitFor();
  await page.waitForTimeout(1500);
  await shot('history-reprint');

  // lock screen
  await tid('lock').click();
  await tid('lock-screen').waitFor();
  await shot('lock');
  await tid('switch-user').click();

  // manager settings
  await tid('signin-login').fill('georgi');
  await tid('signin-pin').fill('9999');
  await tid('signin-submit').click();
  await tid('nav-settings').click();
  await tid('policy-json').waitFor();
  await shot('settings');

  await ctx.close();
  mock.kill();
  children.delete(mock);
}
await browser.close();
console.log(shots.join('\n'));

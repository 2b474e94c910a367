// Shared by the end-to-end test and the screenshot script: the browser (Debian's Chromium through
// playwright-core, no download), the server's address and a read-only look into its database.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const BASE = process.env.RETURNDESK_URL ?? '';
export const DB = process.env.RETURNDESK_DB ?? '';

export function launch() {
  return chromium.launch({
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
}

/** Rows of a query on the desk's SQLite database (sqlite3 -json; read-only). */
export function sql(query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', DB, query], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

/** The one value of a one-row, one-column query. */
export function scalar(query) {
  const rows = sql(query);
  return rows.length ? Object.values(rows[0])[0] : undefined;
}

/** Counts of everything a return writes (to show a step changed nothing). */
export function footprint() {
  return sql(`SELECT
      (SELECT count(*) FROM returns) AS returns,
      (SELECT count(*) FROM return_lines) AS return_lines,
      (SELECT coalesce(sum(returned_qty), 0) FROM return_lines) AS returned_units,
      (SELECT count(*) FROM return_refunds) AS refunds,
      (SELECT count(*) FROM approvals) AS approvals,
      (SELECT count(*) FROM warranty_claims) AS claims,
      (SELECT count(*) FROM complaint_register) AS register,
      (SELECT count(*) FROM receipts) AS receipts`)[0];
}

/** Text with every kind of space made a plain space (Intl puts U+00A0 / U+202F in amounts). */
export const plain = (s) => (s ?? '').replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * A desk page in English (unless a test picks another language) at `viewport`, its page errors
 * logged and every Content-Security-Policy report pushed to `cspViolations`.
 */
export async function deskPage(browser, viewport, cspViolations) {
  const ctx = await browser.newContext({ viewport, locale: 'en-GB' });
  // (about:blank, where every page starts, has no storage: the script runs there too)
  await ctx.addInitScript(() => {
    if (window.localStorage && !localStorage.getItem('returndesk.lang')) localStorage.setItem('returndesk.lang', 'en');
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return page;
}

/**
 * After a receipt is scanned: a return left unrecorded on the desk is discarded when the desk asks
 * "Discard this return?" (issue 16; the suites start each step on a fresh receipt).
 */
export async function discardIfAsked(page) {
  const ask = page.getByTestId('discard-confirm');
  if (await ask.isVisible()) await ask.click();
}

/**
 * Just signed in: on to the return screen. A manager lands on their home, the approval queue with
 * the counter's figures above it (issue 13); a clerk on the return screen.
 */
export async function atTheCounter(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=scan-field]') || document.querySelector('[data-testid=kpi-strip]'));
  if (!(await page.getByTestId('scan-field').isVisible())) await page.getByTestId('nav-return').click();
  await page.getByTestId('scan-field').waitFor();
}

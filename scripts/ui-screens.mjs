#!/usr/bin/env node
// Screenshots of every desk screen into docs/screens/, taken from the REAL server: the built UI
// (ui/dist) in headless Debian Chromium (playwright-core, no browser download) against
// `returndesk serve` on a fresh database seeded from tests/fixtures/e2e/ by scripts/e2e.sh, the
// same way the end-to-end test runs. English and Bulgarian: every screen; Russian and Greek: the
// return screen; the approval queue across two desks (en, bg); an exchange and its document (en, bg). Contract v2 at the desk: the Russian exchange offer (ru), a manager's deduction
// for loss of value and its slip (bg, el), each also at 1024×768. Each language gets a fresh
// database (the flows record returns). People at the desk, on an EMPTY database of their own
// (`scripts/e2e.sh --screens --empty`): the first-run set-up (en, bg), the Users screen and its
// forms (en, bg) and changing one's own PIN (en), also at 1024×768. Issue 14 (noreceipt, en and
// bg): the settings for returns without a receipt, an unverified return quoted and recorded, its
// voucher, goodwill on a line, the return that pays what is left, and the goodwill slip.
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
  const people = langs.filter((l) => EVERY_SCREEN.includes(l));
  if (people.length) {
    const r = spawnSync('bash', [path.join(root, 'scripts/e2e.sh'), '--screens', '--empty', '--langs', people.join(','), '--out', outArg], {
      stdio: 'inherit',
      env: { ...process.env, E2E_SKIP_BUILD: '1' },
    });
    if (r.status !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}

const { launch, discardIfAsked, atTheCounter } = await import(path.join(root, 'ui/e2e/lib.mjs'));
const base = process.env.RETURNDESK_URL;
fs.mkdirSync(out, { recursive: true });
const browser = await launch();
const shots = [];

if (process.env.RETURNDESK_EMPTY === '1') {
  await peopleScreens();
  await browser.close();
  console.log(shots.join('\n'));
  process.exit(0);
}

/** People at the desk on an empty database: set-up (each language), then Users and the PIN dialog. */
async function peopleScreens() {
  const contextIn = async (lang) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await ctx.addInitScript((l) => {
      if (!sessionStorage.getItem('screens.langSet')) {
        localStorage.setItem('returndesk.lang', l);
        sessionStorage.setItem('screens.langSet', '1');
      }
    }, lang);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error(`[people ${lang}] page error:`, e.message));
    return { ctx, page, tid: (id) => page.getByTestId(id) };
  };
  const shotAs = async (page, name, lang) => {
    await page.waitForTimeout(200);
    const file = path.join(out, `${name}-${lang}.png`);
    await page.screenshot({ path: file });
    shots.push(path.relative(root, file));
  };
  const both = async (page, name, lang) => {
    await shotAs(page, name, lang);
    await page.setViewportSize({ width: 1024, height: 768 });
    await shotAs(page, `${name}-1024`, lang);
    await page.setViewportSize({ width: 1280, height: 800 });
  };
  const example = {
    en: { store: 'Return Desk Plovdiv', address: '1 Rayko Daskalov St, 4000 Plovdiv', admin: 'Elena Petrova' },
    bg: { store: 'Return Desk Пловдив', address: 'ул. Райко Даскалов 1, 4000 Пловдив', admin: 'Елена Петрова' },
  };
  const langsHere = langs.filter((l) => l in example);
  let last = null;
  for (const lang of langsHere) {
    const { ctx, page, tid } = await contextIn(lang);
    await page.goto(base);
    await tid('setup-screen').waitFor();
    await shotAs(page, 'setup-empty', lang);
    const w = example[lang];
    await tid('setup-jurisdiction').selectOption('BG');
    await tid('setup-store-code').fill('S07');
    await tid('setup-store-name').fill(w.store);
    await tid('setup-store-address').fill(w.address);
    await tid('setup-vat-id').fill('BG175074752');
    await tid('setup-company-id').fill('175074752');
    await tid('setup-language').selectOption(lang);
    await tid('setup-admin-login').fill('elena');
    await tid('setup-admin-name').fill(w.admin);
    await tid('setup-admin-pin').fill('1234');
    await tid('setup-admin-pin2').fill('1234');
    await tid('setup-submit').click();
    await tid('setup-error-administrator.pin').waitFor();
    await both(page, 'setup', lang);
    if (last) await last.close();
    last = ctx;
  }
  // the last language's set-up goes through; the administrator keeps the users
  const lang = langsHere[langsHere.length - 1];
  const page = last.pages()[0];
  const tid = (id) => page.getByTestId(id);
  await tid('setup-admin-pin').fill('2580');
  await tid('setup-admin-pin2').fill('2580');
  await tid('setup-submit').click();
  await tid('scan-field').waitFor();
  const api = (method, url, body) =>
    page.evaluate(
      async ([m, u, b]) => {
        const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
        const r = await fetch(u, {
          method: m,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: b ? JSON.stringify(b) : undefined,
        });
        return r.status;
      },
      [method, url, body],
    );
  const people = [
    { login: 'maria', name: lang === 'bg' ? 'Мария Иванова' : 'Maria Ivanova', role: 'clerk', pin: '4827', refund_limit: '150.00' },
    { login: 'georgi', name: lang === 'bg' ? 'Георги Стоянов' : 'Georgi Stoyanov', role: 'manager', pin: '6042', approval_limit: '1000.00' },
    { login: 'petar', name: lang === 'bg' ? 'Петър Колев' : 'Petar Kolev', role: 'clerk', pin: '3691' },
    { login: 'sofia', name: lang === 'bg' ? 'София Николова' : 'Sofia Nikolova', role: 'clerk', pin: '7395' },
  ];
  for (const p of people) await api('POST', '/api/users', p);
  // petar has left (deactivated); sofia typed wrong PINs until locked out
  const petar = await page.evaluate(async () => {
    const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
    const r = await fetch('/api/users', { headers: { Authorization: `Bearer ${token}` } });
    return (await r.json()).find((u) => u.login === 'petar');
  });
  if (petar) await api('PUT', `/api/users/${petar.id}`, { ...petar, active: false });
  for (let i = 0; i < 8; i++) {
    await page.evaluate(() =>
      fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'sofia', pin: '0000' }) }),
    );
  }
  const usersIn = async (l) => {
    await tid(`lang-${l}`).click();
    await tid('nav-users').click();
    await tid('users-table').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^=user-row-]').length >= 5);
    await both(page, 'users', l);
  };
  for (const l of langsHere) await usersIn(l);
  // the forms, in English
  await tid('lang-en').click();
  await tid('user-add').click();
  await tid('user-form').waitFor();
  await tid('user-login').fill('nina');
  await tid('user-name').fill('Nina Georgieva');
  await tid('user-refund-limit').fill('abc');
  await tid('user-save').click();
  await tid('user-error-refund_limit').waitFor();
  await both(page, 'user-add', 'en');
  await tid('user-cancel').click();
  await tid('user-edit-georgi').click();
  await both(page, 'user-edit', 'en');
  await tid('user-cancel').click();
  await tid('user-pin-maria').click();
  await both(page, 'user-pin', 'en');
  await tid('user-cancel').click();
  // changing one's own PIN: a wrong current PIN
  await tid('current-user').click();
  await tid('pin-change').waitFor();
  await tid('pin-change-old_pin').fill('0000');
  await tid('pin-change-new_pin').fill('7520');
  await tid('pin-change-new_pin2').fill('7520');
  await tid('pin-change-submit').click();
  await page.waitForSelector('[data-testid=pin-change-error-old_pin], [data-testid=pin-change-error]');
  await both(page, 'pin-change', 'en');
  await last.close();
}

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
    await discardIfAsked(page);
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
  // The same screen at the smaller desk size (1024×768), to see nothing is cut or overlaps.
  const small = async (name) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await settle();
    await shot(`${name}-1024`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await settle();
  };
  /** A request with a session of georgi's own (the manager), signed out afterwards. */
  const asManager = async (method, url, body) =>
    page.evaluate(
      async ([m, u, b]) => {
        const s = await fetch('/api/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login: 'georgi', pin: '9999', terminal: 'DESK-1' }),
        });
        const { token } = await s.json();
        const r = await fetch(u, { method: m, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
        await fetch('/api/session', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
        return r.status;
      },
      [method, url, body],
    );

  // Russia: opened batteries the store refuses; the law lets the customer exchange them (a sale
  // of the Moscow store, taken back at this desk once it takes the chain's returns).
  const exchangeOffer = async () => {
    await asManager('PUT', '/api/settings', { accept_returns_from: 'chain' });
    await open('S03-2026-000512');
    await tid('qty-inc-1').click();
    await tid('condition-1').selectOption('opened');
    await tid('exchange-offer-1').waitFor();
    await settle();
    await shot('exchange-offer');
    await small('exchange-offer');
    await tid('exchange-offer-take-1').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=verdict-1]')?.getAttribute('data-outcome') === 'approved');
    await settle();
    await shot('exchange-taken');
    await asManager('PUT', '/api/settings', { accept_returns_from: 'this_store' });
  };

  // A used grinder bought online: the manager deducts for its loss of value, with a reason;
  // approved, its slip as the customer takes it (PDF → PNG, 80 dpi).
  const lossOfValue = async () => {
    const words = {
      bg: ['Използвана мелачка, отказ в 14-дневния срок', 'Надраскан съд, износени ножове'],
      el: ['Υπαναχώρηση εντός 14 ημερών από την παράδοση', 'Γρατζουνισμένο δοχείο, φθαρμένες λεπίδες'],
      ru: ['Отказ в течение 14 дней после доставки', 'Поцарапан бункер, изношенные ножи'],
    }[lang] ?? ['Withdrawal within 14 days of delivery', 'Scratched hopper, burrs worn'];
    await open('S01-W-2026-000815');
    await tid('qty-inc-1').click();
    await tid('condition-1').selectOption('used');
    await tid('lov-panel').waitFor();
    await settle();
    await shot('loss-of-value-asked');
    await tid('lov-amount-1').fill(lang === 'en' ? '12.50' : '12,50');
    await tid('lov-reason-1').fill(words[1]);
    await tid('lov-pays-1').waitFor();
    await tid('manager-login').fill('georgi');
    await tid('manager-reason').fill(words[0]);
    await settle();
    await shot('loss-of-value');
    await small('loss-of-value');
    await tid('manager-pin').fill('9999');
    await tid('approve').click();
    await completed();
    await pdf();
    await shot('loss-of-value-done');
    const id = Number(
      await page.evaluate(async () => {
        const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
        const r = await fetch('/api/returns', { headers: { Authorization: `Bearer ${token}` } });
        return (await r.json())[0].id;
      }),
    );
    const bytes = await page.evaluate(
      async ([rid, l]) => {
        const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
        const r = await fetch(`/api/returns/${rid}/slip.pdf?lang=${l}`, { headers: { Authorization: `Bearer ${token}` } });
        return Array.from(new Uint8Array(await r.arrayBuffer()));
      },
      [id, lang],
    );
    const file = path.join(out, `slip-loss-of-value-${lang}.pdf`);
    fs.writeFileSync(file, Buffer.from(bytes));
    spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, file.replace(/\.pdf$/, '')], { stdio: 'inherit' });
    fs.rmSync(file);
    shots.push(path.relative(root, file.replace(/\.pdf$/, '.png')));
  };
  const repairFlow = async () => {
    const bg = lang === 'bg';
    // the headphones of S01-2026-002210 are under the legal guarantee: refused, the claim offered
    await tid('repair-new').click();
    await tid('repair-receipt').fill('S01-2026-002210');
    await tid('repair-receipt-find').click();
    await tid('repair-line').waitFor();
    await tid('repair-name').fill(bg ? 'Стоян Илиев' : 'Stoyan Iliev');
    await tid('repair-contact').fill('0888 200 300');
    await tid('repair-defect').fill(bg ? 'Лявата слушалка не звучи' : 'Left ear cup silent');
    await tid('repair-estimate').fill(bg ? '40,00' : '40.00');
    await tid('repair-open').click();
    await tid('repair-under-warranty').waitFor();
    await settle();
    await shot('repair-under-warranty');
    await tid('repair-new').click(); // closes the form; opened again, it is empty
    await tid('repair-new').click();
    await tid('repair-receipt').fill('S01-2024-001145');
    await tid('repair-receipt-find').click();
    await tid('repair-line').waitFor();
    await tid('repair-name').fill(bg ? 'Васил Костов' : 'Vasil Kostov');
    await tid('repair-contact').fill('0887 410 522');
    await tid('repair-defect').fill(bg ? 'Екранът трепти, после угасва' : 'Screen flickers, then goes black');
    await tid('repair-accessories').fill(bg ? 'Зарядно, калъф' : 'Charger, sleeve');
    await tid('repair-item_state').fill(bg ? 'Надраскан заден капак' : 'Scratched back cover');
    await tid('repair-estimate').fill(bg ? '120,00' : '120.00');
    await settle();
    await shot('repair-new');
    await tid('repair-open').click();
    await tid('repair-page').waitFor();
    const step = async (name, fill = async () => {}) => {
      await tid(`rstep-${name}`).click();
      await fill();
      await tid('repair-step-record').click();
      await page.locator(`[data-testid=repair-event][data-step=${name}]`).waitFor();
    };
    await step('accept_estimate');
    await step('send_to_service', async () => {
      await tid('r-partner').fill(bg ? 'Орион Сервиз София' : 'Orion Service Sofia');
      await tid('r-waybill').fill('WB-991204');
    });
    await step('back_from_service', async () => {
      await tid('r-finding').fill(bg ? 'Сменен куплунг на дисплея' : 'Display connector replaced');
      await tid('r-final-price').fill(bg ? '95,00' : '95.00');
    });
    await step('inform_customer', () => tid('r-informed').fill(bg ? 'По телефона' : 'Phone call'));
    await tid('rstep-hand_back').click();
    await settle();
    await shot('repair-page', true);
    await tid('r-tender').selectOption('card');
    await tid('repair-step-record').click();
    await page.locator('[data-testid=repair-event][data-step=hand_back]').waitFor();
    await settle();
    await shot('repair-page-handed-back', true);
    // the documents, as the server prints them
    const id = await page.evaluate(async () => {
      const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
      const r = await fetch('/api/repairs', { headers: { Authorization: `Bearer ${token}` } });
      return (await r.json()).find((o) => o.stage === 'handed_back')?.id;
    });
    for (const kind of ['order', 'pickup']) {
      const got = await page.evaluate(
        async ([oid, k, l]) => {
          const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
          const r = await fetch(`/api/repairs/${oid}/document.pdf?kind=${k}&lang=${l}`, { headers: { Authorization: `Bearer ${token}` } });
          return { status: r.status, bytes: r.ok ? Array.from(new Uint8Array(await r.arrayBuffer())) : [], text: r.ok ? '' : await r.text() };
        },
        [id, kind, lang],
      );
      if (got.status !== 200) {
        console.error(`[${lang}] repair ${kind} document: ${got.status} ${got.text}`);
        continue;
      }
      const file = path.join(out, `repair-doc-${kind}-${lang}.pdf`);
      fs.writeFileSync(file, Buffer.from(got.bytes));
      spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, file.replace(/\.pdf$/, '')], { stdio: 'inherit' });
      fs.rmSync(file);
      shots.push(path.relative(root, file.replace(/\.pdf$/, '.png')));
    }
    await tid('repair-back').click();
    // a second one, just taken in (a product named freely): open ones come first on the list
    await tid('repair-new').click();
    await tid('repair-product').fill(bg ? 'Кафемашина Hera C5' : 'Coffee machine Hera C5');
    await tid('repair-name').fill(bg ? 'Елена Маринова' : 'Elena Marinova');
    await tid('repair-contact').fill('elena.m@example.com');
    await tid('repair-defect').fill(bg ? 'Тече вода под машината' : 'Leaks water under the machine');
    await tid('repair-estimate').fill(bg ? '45,00' : '45.00');
    await tid('repair-open').click();
    await tid('repair-page').waitFor();
    await tid('repair-back').click();
    await tid('view-repairs').click();
    await tid('repairs-table').waitFor();
    await settle();
    await shot('repairs');
    await tid('view-claims').click();
  };
  // The approval queue across desks: maria sends two cases (one with a note) and serves the
  // next customer; georgi's desk (a context of its own, at DESK-2) shows the queue live and
  // decides the first; maria's desk shows the approval, then completes it.
  const queueFlow = async () => {
    const words = {
      bg: ['Клиентът е бил в чужбина, кутията е запечатана', 'Дълго отсъствие, стоката е неразопакована'],
    }[lang] ?? ['Customer was abroad for work; box sealed', 'Abroad for work, item unopened'];
    const shotOf = async (p, name) => {
      const file = path.join(out, `${name}-${lang}.png`);
      await p.screenshot({ path: file });
      shots.push(path.relative(root, file));
    };
    const smallOf = async (p, name) => {
      await p.setViewportSize({ width: 1024, height: 768 });
      await p.waitForTimeout(250);
      await shotOf(p, `${name}-1024`);
      await p.setViewportSize({ width: 1280, height: 800 });
      await p.waitForTimeout(150);
    };
    await tid('nav-return').click();
    await open('S01-2026-003977');
    await tid('qty-inc-1').click();
    await tid('queue-send').waitFor();
    await tid('queue-note').fill(words[0]);
    await settle();
    await shot('queue-send');
    await tid('queue-send-button').click();
    await page.locator('[data-testid=queue-card][data-state=waiting]').waitFor();
    await open('S01-2025-018842');
    await tid('qty-inc-1').click();
    await tid('queue-send').waitFor();
    await settle();
    await tid('queue-send-button').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=queue-card][data-state=waiting]').length === 2);
    await settle();
    await shot('queue-waiting');
    await small('queue-waiting');

    const mctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await mctx.addInitScript((l) => localStorage.setItem('returndesk.lang', l), lang);
    const m = await mctx.newPage();
    m.setDefaultTimeout(15_000);
    m.on('pageerror', (e) => console.error(`[${lang}] manager page error:`, e.message));
    await m.goto(base);
    await m.getByTestId('signin-login').fill('georgi');
    await m.getByTestId('signin-terminal').fill('DESK-2');
    await m.getByTestId('signin-pin').fill('9999');
    await m.getByTestId('signin-submit').click();
    await m.getByTestId('nav-exceptions').click();
    await m.waitForFunction(() => document.querySelectorAll('[data-testid=queue-case][data-state=waiting]').length === 2);
    await m.getByTestId('queue-reason-goodwill').check();
    await m.getByTestId('queue-reason-text').fill(words[1]);
    await m.waitForTimeout(300);
    await shotOf(m, 'queue-manager');
    await smallOf(m, 'queue-manager');
    await m.getByTestId('queue-approve').click();
    await m.getByTestId('queue-case-decision').waitFor();
    await shotOf(m, 'queue-manager-decided');
    await mctx.close();

    await page.locator('[data-testid=queue-card][data-state=approved]').waitFor();
    await settle();
    await shot('queue-approved');
    await small('queue-approved');
    await tid('queue-complete').click();
    await completed();
    await pdf();
    await shot('queue-completed');
    await page.locator('[data-testid=queue-card][data-state=waiting]').getByTestId('queue-withdraw').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=queue-card]'));
    await tid('new-return').click();
  };
  // ---- Issue 14: vouchers ----
  // Store credit that can be spent: a return paid out as store credit issues a voucher (its own
  // sale, imported with the real command line); the Vouchers screen after one redemption, then a
  // refusal above what is left; the printed voucher (PDF → PNG, 80 dpi).
  const voucherScreens = async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'screens-vouchers-'));
    const file = path.join(dir, 'receipts.jsonl');
    const sale = {
      store: 'S01', number: 'S01-2026-009001', purchased_at: '2026-10-08T11:00:00', channel: 'store', currency: 'EUR', barcode: '2000000090016',
      lines: [{ line: 1, sku: 'CHG-65W', name: 'USB-C charger 65 W', category: 'accessories', brand: 'Linka', qty: 1, unit_price: '60.00', discount: '0.00', vat_rate: '20' }],
      receipt_discount: '0.00', tenders: [{ type: 'card', amount: '60.00', card_last4: '1881' }],
    };
    fs.writeFileSync(file, JSON.stringify(sale) + '\n');
    spawnSync(process.env.RETURNDESK_BIN, ['import', 'receipts', file, '--db', process.env.RETURNDESK_DB], { stdio: 'inherit' });
    fs.rmSync(dir, { recursive: true });
    await tid('nav-return').click();
    await open('S01-2026-009001');
    await tid('resolution').selectOption('store_credit');
    await tid('qty-inc-1').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=verdict-1]')?.getAttribute('data-outcome') === 'approved');
    await settle();
    await tid('confirm').click();
    await completed();
    const token = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('returndesk.session')).token);
    const t = await token();
    const ret = await (await fetch(`${base}api/returns`, { headers: { Authorization: `Bearer ${t}` } })).json();
    const rid = ret[0].id;
    const code = ret[0].voucher_code ?? (await (await fetch(`${base}api/returns/${rid}`, { headers: { Authorization: `Bearer ${t}` } })).json()).voucher.code;
    await tid('nav-vouchers').click();
    await tid('voucher-code').fill(code.toLowerCase());
    await tid('voucher-lookup').click();
    await tid('voucher').waitFor();
    await tid('voucher-amount').fill(lang === 'en' ? '25.00' : '25,00');
    await tid('voucher-sale').fill('T-1001');
    await tid('voucher-redeem').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=voucher-balance]')?.dataset.amount === '35.00');
    await tid('voucher-pdf').waitFor();
    await page.waitForTimeout(2000); // the PDF viewer draws the page
    await shot('vouchers');
    await small('vouchers');
    await tid('voucher-amount').fill(lang === 'en' ? '50.00' : '50,00');
    await tid('voucher-sale').fill('T-1002');
    await tid('voucher-redeem').click();
    await tid('voucher-error').waitFor();
    await settle();
    await shot('vouchers-refused');
    const bytes = await page.evaluate(
      async ([id, l]) => {
        const tk = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
        const r = await fetch(`/api/returns/${id}/slip.pdf?lang=${l}&document=voucher`, { headers: { Authorization: `Bearer ${tk}` } });
        return Array.from(new Uint8Array(await r.arrayBuffer()));
      },
      [rid, lang],
    );
    const pdfFile = path.join(out, `voucher-printed-${lang}.pdf`);
    fs.writeFileSync(pdfFile, Buffer.from(bytes));
    spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdfFile, pdfFile.replace(/\.pdf$/, '')], { stdio: 'inherit' });
    fs.rmSync(pdfFile);
    shots.push(path.relative(root, pdfFile.replace(/\.pdf$/, '.png')));
    await tid('nav-return').click();
    if (await tid('new-return').isVisible()) await tid('new-return').click();
  };
  // ---- Issue 14: exchanges ----
  // The catalogue's prices and a receipt of its own (the e2e fixtures, through the real CLI);
  // a jacket exchanged for a dearer shoe: the quote (V, N, to pay), then recorded with its
  // exchange document on screen, and the document itself (A4 and 80 mm, PDF → PNG, 80 dpi).
  const exchangeFlow = async () => {
    const bin = process.env.RETURNDESK_BIN;
    const fix = process.env.RETURNDESK_FIXTURES;
    for (const what of [['products', 'exchange-products.csv'], ['receipts', 'exchange-receipts.jsonl']]) {
      const r = spawnSync(bin, ['import', what[0], `${fix}/${what[1]}`, '--db', process.env.RETURNDESK_DB], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`import ${what[0]}: ${r.status} ${r.stderr}`);
    }
    await tid('nav-return').click();
    await open('S01-2026-007001');
    await tid('resolution').selectOption('exchange');
    await tid('qty-inc-1').click();
    await tid('ex-code').fill('4006381333931');
    await tid('ex-add').click();
    await tid('ex-to-pay').waitFor();
    await tid('ex-tender-cash').check();
    await settle();
    await page.waitForFunction(() => !document.querySelector('[data-testid=confirm-exchange]')?.disabled);
    // tall enough for the exchange panel below the lines (a full-page shot would float the sticky header)
    await page.setViewportSize({ width: 1280, height: 1200 });
    await settle();
    await shot('exchange-quote');
    await tid('confirm-exchange').click();
    await tid('exchange-doc').waitFor();
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.waitForTimeout(2000); // the PDF viewer draws the page
    await shot('exchange-done');
    await page.setViewportSize({ width: 1280, height: 800 });
    const id = Number(
      await page.evaluate(async () => {
        const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
        const r = await fetch('/api/receipts/lookup?code=EX-S01-2026-00001', { headers: { Authorization: `Bearer ${token}` } });
        return (await r.json()).id;
      }),
    );
    if (!id) throw new Error('the exchange receipt was not found');
    for (const layout of ['a4', '80mm']) {
      const bytes = await page.evaluate(
        async ([l, lay]) => {
          const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
          const list = await fetch('/api/exchanges/1', { headers: { Authorization: `Bearer ${token}` } });
          const x = await list.json();
          const r = await fetch(`/api/exchanges/${x.id}/document.pdf?lang=${l}&layout=${lay}`, { headers: { Authorization: `Bearer ${token}` } });
          return Array.from(new Uint8Array(await r.arrayBuffer()));
        },
        [lang, layout],
      );
      const file = path.join(out, `exchange-document${layout === 'a4' ? '' : '-80mm'}-${lang}.pdf`);
      fs.writeFileSync(file, Buffer.from(bytes));
      spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, file.replace(/\.pdf$/, '')], { stdio: 'inherit' });
      fs.rmSync(file);
      shots.push(path.relative(root, file.replace(/\.pdf$/, '.png')));
    }
    await tid('new-return').click();
  };

  // Which of these each language shows.
  const V2 = { ru: [exchangeOffer], bg: [lossOfValue], el: [lossOfValue] }[lang] ?? [];

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
  await atTheCounter(page);

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
    for (const flow of V2) await flow();
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
  // the claim's intake (issue 11): the customer's details, what comes with the item and its state
  await tid('claim-intake-1').waitFor();
  await tid('accessories-1').fill(lang === 'bg' ? 'Кутия, кабел за зареждане' : 'Box, charging cable');
  await tid('item-state-1').fill(lang === 'bg' ? 'Леки драскотини по лентата' : 'Light scratches on the headband');
  await tid('customer-name').fill(lang === 'bg' ? 'Иван Петров' : 'Ivan Petrov');
  await tid('customer-contact').fill('+359 888 123 456');
  await settle();
  await shot('claim-intake-form');
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

  // the approval queue, empty; then cases sent, decided and completed across two desks
  await tid('nav-exceptions').click();
  await tid('exceptions-empty').waitFor();
  await shot('exceptions');
  await queueFlow();
  // ---- Issue 14: vouchers ----
  await voucherScreens();

  // the other screens
  await tid('nav-claims').click();
  await tid('claims-table').waitFor();
  await shot('claims');
  // a claim's page, with its history (once the server offers get_claim)
  const spec = await (await fetch(`${base}api/openapi.json`)).json();
  if (spec.paths?.['/api/claims/{id}']) {
    await page.getByTestId('claim-open').first().click();
    await tid('claim-history').waitFor();
    // one step taken: sent to the service
    await tid('step-send_to_service').click();
    await tid('f-partner').fill(lang === 'bg' ? 'Аудио Сервиз ООД' : 'Sound Service Ltd');
    await tid('f-waybill').fill('WB-778812');
    await tid('step-record').click();
    await page.locator('[data-testid=claim-event][data-step=send_to_service]').waitFor();
    await shot('claim-page');
    await tid('claim-back').click();
  }
  // paid repair orders (issue 11), en and bg: the new-repair form, a repair order's page with its
  // history, the Paid repairs list, and the order and pickup documents (first page, PNG)
  if (all && spec.paths?.['/api/repairs']) await repairFlow();
  await exchangeFlow(); // issue 14
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
  await tid('policy-rules').waitFor();
  await shot('settings');
  await tid('policy-view-json').click();
  await tid('policy-json').waitFor();
  await shot('settings-json');
  await tid('policy-view-table').click();
  await tid('nav-audit').click();
  await tid('audit-table').waitFor();
  await shot('audit');

  if (V2.length) {
    await tid('sign-out').click();
    await tid('signin-login').fill('maria');
    await tid('signin-pin').fill('1234');
    await tid('signin-submit').click();
    await atTheCounter(page);
    for (const flow of V2) await flow();
  }

  // ---- Issue 14: noreceipt ---- (en, bg) returns without a receipt and goodwill.
  if (all) await noReceiptScreens();

  await ctx.close();

  /** The settings that allow returns without a receipt, the unverified return (quote, done), a
   * receipt found by its serial, goodwill on a line and the return that pays what is left; the
   * goodwill slip and the unverified return's voucher as PDF pages (pdftoppm). */
  async function noReceiptScreens() {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.env.RETURNDESK_BIN, ['import', 'receipts', `${process.env.RETURNDESK_FIXTURES}/noreceipt.jsonl`, '--db', process.env.RETURNDESK_DB]);
    const signInAs = async (login, pin) => {
      if (await tid('sign-out').isVisible().catch(() => false)) await tid('sign-out').click();
      await tid('signin-login').fill(login);
      await tid('signin-pin').fill(pin);
      await tid('signin-submit').click();
      await atTheCounter(page);
    };
    const pdfPage = async (name, url) => {
      const b64 = await page.evaluate(async (u) => {
        const token = JSON.parse(sessionStorage.getItem('returndesk.session')).token;
        const r = await fetch(u, { headers: { Authorization: `Bearer ${token}` } });
        const bytes = new Uint8Array(await r.arrayBuffer());
        let s = '';
        for (const b of bytes) s += String.fromCharCode(b);
        return btoa(s);
      }, url);
      const file = path.join(out, `${name}-${lang}`);
      fs.writeFileSync(`${file}.pdf`, Buffer.from(b64, 'base64'));
      try {
        execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', `${file}.pdf`, file]);
        shots.push(path.relative(root, `${file}.png`));
      } finally {
        fs.rmSync(`${file}.pdf`, { force: true });
      }
    };
    await signInAs('georgi', '9999');
    await tid('nav-settings').click();
    await tid('unverified-allowed').check();
    await tid('unverified-lookback').fill('90');
    await tid('settings-save').click();
    await tid('settings-notice').waitFor();
    await tid('unverified-allowed').scrollIntoViewIfNeeded();
    await shot('settings-unverified');

    await signInAs('maria', '1234');
    await tid('nav-return').click();
    await tid('no-receipt-toggle').click();
    await tid('unverified-sku').fill('LAMP-D45');
    await tid('unverified-reason').fill(lang === 'bg' ? 'Подарък, касовата бележка е загубена' : 'A gift, the receipt is lost');
    await tid('unverified-id-type').selectOption('passport');
    await tid('unverified-id-number').fill('P 4417 2209 6789');
    await tid('unverified-quote').click();
    await tid('unverified-quote-result').waitFor();
    await tid('unverified-manager').fill('georgi');
    await tid('unverified-pin').fill('9999');
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('noreceipt-quote');
    await page.setViewportSize({ width: 1280, height: 800 });
    await tid('unverified-confirm').click();
    await tid('unverified-done').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('noreceipt-done');
    // each language has a database of its own: the first unverified return and goodwill are no. 1
    await pdfPage('noreceipt-voucher', `/api/unverified-returns/1/slip.pdf?lang=${lang}&layout=80mm`);

    await signInAs('georgi', '9999');
    await scan('LUMO-D45-7002');
    await page.waitForFunction(() => document.querySelector('[data-testid=receipt-number]')?.textContent === 'S01-2026-004901');
    await tid('goodwill-toggle-1').click();
    await tid('goodwill-amount-1').fill('20.00');
    await tid('goodwill-reason-1').fill(lang === 'bg' ? 'Надраскана основа' : 'Scratched base');
    await shot('goodwill-form');
    await tid('goodwill-pay-1').click();
    await tid('goodwill-done-1').waitFor();
    await tid('qty-inc-1').click();
    await tid('qty-inc-1').click();
    await settle();
    await shot('goodwill-then-return');
    await pdfPage('goodwill-slip', `/api/goodwill/1/slip.pdf?lang=${lang}&layout=80mm`);
  }
}
await browser.close();
console.log(shots.join('\n'));

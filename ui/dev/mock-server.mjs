#!/usr/bin/env node
// DEV TOOL ONLY — a stand-in for `returndesk serve` while the real server is being written.
// Plain node http: serves ui/dist and canned/in-memory JSON in the shapes of docs/api.md.
// It evaluates returns with a small JS copy of shared/spec/evaluate.md good enough for the
// demo receipts below; the engine is the authority. Never used by tests of the real system.
//
//   node ui/dev/mock-server.mjs [--port 5174]   then open http://127.0.0.1:5174/
//   users: maria / 1234 (clerk), georgi / 9999 (manager); mock clock 2026-10-11 10:00
//   receipts: S01-2026-004512 (TV, HDMI ×3, shaver, batteries; card 4821),
//             S01-2026-003977 (headphones, 47 days old), S02-000077 (leva receipt)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, '..', 'dist');
const argPort = process.argv.indexOf('--port');
const PORT = Number(argPort > 0 ? process.argv[argPort + 1] : process.env.PORT || 5174);
const NOW = '2026-10-11T10:00:00';
const TODAY = NOW.slice(0, 10);

// ---------- money & dates ----------
const cents = (s) => {
  const neg = String(s).startsWith('-');
  const [w, f = ''] = String(s).replace('-', '').split('.');
  const c = Number(w) * 100 + Number((f + '00').slice(0, 2));
  return neg ? -c : c;
};
const str = (c) => (c < 0 ? '-' : '') + (Math.abs(c) / 100).toFixed(2);
const roundHalfAway = (x) => Math.sign(x) * Math.floor(Math.abs(x) + 0.5 + 1e-9);
const toDate = (s) => new Date(s.slice(0, 10) + 'T00:00:00Z');
const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (s, n) => iso(new Date(toDate(s).getTime() + n * 86400000));
const diffDays = (a, b) => Math.round((toDate(a) - toDate(b)) / 86400000);
function addMonths(s, n) {
  const d = toDate(s);
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + n, day = d.getUTCDate();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m, Math.min(day, last))));
}
const eurFromBgn = (c) => roundHalfAway((c * 100000) / 195583);

// ---------- store, policy, users ----------
let store = {
  code: 'S01',
  name: 'Technopolis Sofia — Mladost',
  address: 'bul. Aleksandar Malinov 51, 1784 Sofia',
  jurisdiction: 'BG',
  currency: 'EUR',
  time_zone: 'Europe/Sofia',
};
let printer = 'EPSON TM-T88VI (counter 1)';
let policy = {
  version: 3,
  effective_from: '2026-01-01',
  defaults: { return_days: 30, warranty_months: 0, manager_approval_over: '500.00', max_returns_90d: 5 },
  rules: [
    { match: { category: 'electronics' }, return_days: 14, restocking_fee_pct: '15', warranty_months: 12 },
    { match: { category: 'electronics', brand: 'Acme' }, warranty_months: 36 },
    { match: { category: 'personal_care' }, returnable: false, non_returnable_reason: 'hygiene', overridable: false },
    { match: { sku: 'BATT-AA' }, requires_unopened: true },
    { match: { category: 'accessories' }, return_days: 60 },
  ],
};
const users = {
  maria: { id: 1, login: 'maria', display_name: 'Maria Ivanova', role: 'clerk', pin: '1234', fails: 0, locked_until: null },
  georgi: { id: 2, login: 'georgi', display_name: 'Georgi Petrov', role: 'manager', pin: '9999', fails: 0, locked_until: null },
};
const sessions = new Map();

// ---------- receipts ----------
function withPaid(r) {
  const nets = r.lines.map((l) => l.qty * cents(l.unit_price) - cents(l.discount));
  const total = nets.reduce((a, b) => a + b, 0);
  const disc = cents(r.receipt_discount);
  const exact = nets.map((n) => (total ? (disc * n) / total : 0));
  const share = exact.map(Math.floor);
  let left = disc - share.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (left-- > 0) share[i]++;
  r.lines.forEach((l, i) => {
    l.paid = str(nets[i] - share[i]);
    l.returned ??= 0;
    l.remaining = l.qty - l.returned;
  });
  r.amount_paid = str(r.lines.reduce((a, l) => a + cents(l.paid), 0));
  return r;
}
const line = (line, sku, name, category, brand, qty, unit_price, discount = '0.00', vat_rate = '20', returned = 0) => ({
  line, sku, name, category, brand, qty, unit_price, discount, vat_rate, returned,
});
const receipts = [
  withPaid({
    id: 101, store_code: 'S01', number: 'S01-2026-004512', purchased_at: '2026-10-01T18:30:00', channel: 'store',
    delivered_on: null, currency: 'EUR', receipt_discount: '20.00',
    tenders: [{ type: 'card', amount: '900.00', card_last4: '4821' }, { type: 'cash', amount: '96.88', card_last4: null }],
    lines: [
      line(1, 'TV-55', 'Television 55in Acme UHD', 'electronics', 'Acme', 1, '899.00'),
      line(2, 'HDMI-2M', 'HDMI cable 2 m', 'accessories', 'Linka', 3, '9.99', '2.97', '20', 1),
      line(3, 'SHAVER-X', 'Electric shaver', 'personal_care', 'Brio', 1, '79.90'),
      line(4, 'BATT-AA', 'AA batteries 4-pack', 'consumables', 'Volt', 2, '5.49'),
    ],
  }),
  withPaid({
    id: 102, store_code: 'S01', number: 'S01-2026-003977', purchased_at: '2026-08-25T12:10:00', channel: 'store',
    delivered_on: null, currency: 'EUR', receipt_discount: '0.00',
    tenders: [{ type: 'card', amount: '129.00', card_last4: '4821' }],
    lines: [line(1, 'HP-BT7', 'Wireless headphones BT7', 'electronics', 'Sonora', 1, '129.00')],
  }),
  withPaid({
    id: 103, store_code: 'S01', number: 'S02-000077', purchased_at: '2025-12-20T12:00:00', channel: 'store',
    delivered_on: null, currency: 'BGN', receipt_discount: '0.00', eur_rate: '1.95583',
    tenders: [{ type: 'card', amount: '100.00', card_last4: '0375' }, { type: 'cash', amount: '34.98', card_last4: null }],
    lines: [line(1, 'MIX-3', 'Hand mixer Hera 3', 'appliances', 'Hera', 2, '69.99', '5.00')],
  }),
];
const findReceipt = (id) => receipts.find((r) => String(r.id) === String(id));

// ---------- the evaluator (a mock of shared/spec/evaluate.md) ----------
function itemFields(l) {
  const f = { returnable: true, return_days: 30, restocking_fee_pct: '0', requires_unopened: false, warranty_months: 0, overridable: true };
  Object.assign(f, pick(policy.defaults, Object.keys(f)));
  const applying = policy.rules
    .map((r, i) => ({ r, i, spec: Object.keys(r.match).length + (r.match.sku ? 100 : 0) }))
    .filter(({ r }) => Object.entries(r.match).every(([k, v]) => l[k] === v))
    .sort((a, b) => a.spec - b.spec || a.i - b.i);
  for (const { r } of applying) Object.assign(f, pick(r, Object.keys(f)));
  return f;
}
function pick(o, keys) {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
}

function evaluate(draft) {
  const r = findReceipt(draft.receipt_id);
  if (!r) throw apiErr(404, 'RECEIPT_NOT_FOUND', 'no such receipt');
  const purchase = r.purchased_at.slice(0, 10);
  const days = diffDays(TODAY, purchase);
  const conv = (c) => (r.currency === 'BGN' && store.currency === 'EUR' ? eurFromBgn(c) : c);
  const settle = { BG: 30, EU: 30, GR: 30, RU: 10 }[store.jurisdiction] ?? 30;
  const lines = [], explanations = [];
  for (const req of draft.lines) {
    const rl = r.lines.find((x) => x.line === req.line);
    if (!rl) throw apiErr(400, 'BAD_INPUT', `line ${req.line} is not on the receipt`, 'lines');
    if (!(Number.isInteger(req.qty) && req.qty > 0)) throw apiErr(400, 'BAD_INPUT', `line ${req.line}: quantity must be a whole number above 0`, 'qty');
    const it = itemFields(rl);
    const windowEnd = addDays(purchase, it.return_days);
    const withdrawalEnd = r.channel === 'online' ? addDays(r.delivered_on ?? purchase, 14) : null;
    const legal = addMonths(purchase, 24);
    const commercial = it.warranty_months > 0 ? addMonths(purchase, it.warranty_months) : null;
    const inWindow = TODAY <= windowEnd;
    const out = { line: req.line, qty: req.qty, outcome: 'approved', route: 'refund', reasons: [], gross: '0.00', fee: '0.00', refund: '0.00', vat: '0.00',
      warranty: { legal_until: legal, commercial_until: commercial, claim_due_by: null } };
    let feePct = 0;
    if (req.qty > rl.remaining) {
      Object.assign(out, { outcome: 'denied', route: 'none', reasons: [{ code: 'QTY_EXCEEDS_REMAINING', overridable: false }] });
    } else if (req.reason !== 'change_of_mind') {
      if (inWindow && ['refund', 'store_credit', 'exchange'].includes(draft.resolution)) {
        out.reasons = [{ code: 'DEFECT_WITHIN_RETURN_WINDOW', overridable: false }];
      } else {
        out.route = 'warranty';
        if (TODAY <= legal) Object.assign(out, { outcome: 'warranty_claim', reasons: [{ code: 'LEGAL_GUARANTEE', overridable: false }] });
        else if (commercial && TODAY <= commercial) Object.assign(out, { outcome: 'warranty_claim', reasons: [{ code: 'COMMERCIAL_WARRANTY', overridable: false }] });
        else Object.assign(out, { outcome: 'denied', reasons: [{ code: 'WARRANTY_EXPIRED', overridable: false }] });
        if (out.outcome === 'warranty_claim') out.warranty.claim_due_by = addDays(TODAY, settle);
      }
    } else {
      const withdrawal = withdrawalEnd && TODAY <= withdrawalEnd;
      const fails = [];
      if (!it.returnable) fails.push('NON_RETURNABLE');
      if (req.condition === 'damaged') fails.push('CUSTOMER_DAMAGE');
      if (req.condition === 'used') fails.push('USED');
      if (!withdrawal && !inWindow) fails.push('RETURN_WINDOW_EXPIRED');
      if (!withdrawal && it.requires_unopened && req.condition !== 'unopened') fails.push('OPENED');
      if (fails.length) Object.assign(out, { outcome: 'denied', reasons: fails.map((code) => ({ code, overridable: !!it.overridable })) });
      else if (withdrawal) out.reasons = [{ code: 'STATUTORY_WITHDRAWAL', overridable: false }];
      else {
        out.reasons = [{ code: 'WITHIN_RETURN_WINDOW', overridable: false }];
        if (req.condition === 'opened') feePct = Number(it.restocking_fee_pct);
      }
    }
    if (out.route === 'refund') {
      const P = cents(rl.paid), Q = rl.qty, alloc = (m) => roundHalfAway((P * m) / Q);
      const grossR = alloc(rl.returned + req.qty) - alloc(rl.returned);
      const feeR = roundHalfAway((grossR * feePct) / 100);
      const gross = conv(grossR), fee = conv(feeR), refund = gross - fee, rate = Number(rl.vat_rate);
      Object.assign(out, { gross: str(gross), fee: str(fee), refund: str(refund), vat: str(roundHalfAway((refund * rate) / (100 + rate))) });
    }
    lines.push(out);
    explanations.push({ line: req.line, facts: {
      purchase_date: purchase, days_since_purchase: days, return_days: it.return_days, window_end: windowEnd,
      withdrawal_end: withdrawalEnd, category: rl.category, legal_until: legal, commercial_until: commercial,
      condition: req.condition, reason: req.reason } });
  }
  return finish(r, draft.resolution, { currency: store.currency, lines, explanations });
}

function finish(r, resolution, ev) {
  const sum = (k) => str(ev.lines.filter((l) => l.outcome === 'approved').reduce((a, l) => a + cents(l[k]), 0));
  ev.totals = { gross: sum('gross'), fee: sum('fee'), refund: sum('refund'), vat: sum('vat') };
  ev.approvals_required = ev.approvals_required ?? [];
  if (ev.approvals_required.length === 0 && policy.defaults.manager_approval_over && cents(ev.totals.refund) > cents(policy.defaults.manager_approval_over))
    ev.approvals_required = ['AMOUNT_OVER_LIMIT'];
  const anyNeeds = ev.lines.some((l) => l.outcome === 'needs_approval');
  const approved = ev.lines.filter((l) => l.outcome === 'approved').length;
  ev.outcome = ev.approvals_required.length || anyNeeds ? 'needs_approval'
    : approved === 0 ? 'denied' : ev.lines.some((l) => l.outcome === 'denied') ? 'partial' : 'approved';
  const total = cents(ev.totals.refund);
  ev.tenders = [];
  if (total > 0) {
    if (resolution === 'exchange') ev.tenders = [{ type: 'exchange', amount: str(total) }];
    else if (resolution === 'store_credit') ev.tenders = [{ type: 'store_credit', amount: str(total) }];
    else {
      let left = total;
      const order = ['card', 'gift_card', 'store_credit', 'cash'];
      const avail = order.map((ty) => r.tenders.find((x) => x.type === ty)).filter(Boolean);
      avail.forEach((tn, i) => {
        if (left <= 0) return;
        const cap = r.currency === 'BGN' ? eurFromBgn(cents(tn.amount)) : cents(tn.amount);
        const take = i === avail.length - 1 ? left : Math.min(left, cap);
        ev.tenders.push({ type: tn.type, amount: str(take), card_last4: tn.card_last4 ?? null });
        left -= take;
      });
      if (left > 0) ev.tenders.push({ type: 'store_credit', amount: str(left) });
    }
  }
  return ev;
}

// ---------- returns, claims ----------
const returns = [];
const claims = [
  { id: 1, register_no: 'RK-2026-0141', receipt_number: 'S01-2026-002210', line: 1, product: 'Coffee machine Brio C5', serial: 'BC5-88213', basis: 'LEGAL_GUARANTEE', status: 'open', claimed_on: '2026-08-28', claim_due_by: '2026-09-27', overdue: true },
  { id: 2, register_no: 'RK-2026-0157', receipt_number: 'S01-2026-003120', line: 2, product: 'Laptop Acme Air 14', serial: 'AA14-55K20', basis: 'COMMERCIAL_WARRANTY', status: 'open', claimed_on: '2026-10-02', claim_due_by: '2026-11-01', overdue: false },
  { id: 3, register_no: 'RK-2026-0162', receipt_number: 'S01-2026-003544', line: 1, product: 'Robot vacuum Hera R2', serial: 'HR2-10477', basis: 'LEGAL_GUARANTEE', status: 'open', claimed_on: '2026-10-08', claim_due_by: '2026-11-07', overdue: false },
  { id: 4, register_no: 'RK-2026-0098', receipt_number: 'S01-2026-001077', line: 1, product: 'Kettle Volt K1', serial: null, basis: 'LEGAL_GUARANTEE', status: 'closed', claimed_on: '2026-06-03', claim_due_by: '2026-07-03', overdue: false },
];
let nextReturn = 1;
const idem = new Map();

function makeReturn(draft, ev, clerk, created_at = NOW) {
  const r = findReceipt(draft.receipt_id);
  const overridable = ev.lines.some((l) => l.outcome === 'denied' && l.reasons.length && l.reasons.every((x) => x.overridable));
  const ret = {
    id: 5000 + nextReturn, number: `R-S01-${String(nextReturn++).padStart(6, '0')}`, receipt_number: r.number,
    status: ev.outcome === 'needs_approval' || overridable ? 'awaiting_manager' : 'completed',
    created_at, clerk, decision: ev, approvals: [], claims: [], _draft: draft,
  };
  returns.unshift(ret);
  if (ret.status === 'completed') complete(ret);
  return ret;
}
function complete(ret) {
  const r = findReceipt(ret._draft.receipt_id);
  for (const l of ret.decision.lines) {
    const rl = r.lines.find((x) => x.line === l.line);
    if (l.outcome === 'approved' || l.outcome === 'warranty_claim') {
      if (l.outcome === 'approved') { rl.returned += l.qty; rl.remaining = rl.qty - rl.returned; }
      if (l.outcome === 'warranty_claim') {
        const c = { id: claims.length + 1, register_no: `RK-2026-${String(170 + claims.length).padStart(4, '0')}`, receipt_number: r.number, line: l.line,
          product: rl.name, serial: ret._draft.lines.find((x) => x.line === l.line)?.serial ?? null, basis: l.reasons[0].code, status: 'open',
          claimed_on: TODAY, claim_due_by: l.warranty.claim_due_by, overdue: false };
        claims.unshift(c);
        ret.claims.push(c);
      }
    }
  }
}
const view = (ret) => { const { _draft, ...v } = ret; return v; };
const summary = (ret) => ({ id: ret.id, number: ret.number, receipt_number: ret.receipt_number, created_at: ret.created_at, clerk: ret.clerk,
  outcome: ret.decision.outcome, status: ret.status, refund: ret.decision.totals.refund, currency: ret.decision.currency });

// seed history: two finished returns and one waiting for a manager
{
  makeReturn({ receipt_id: 101, resolution: 'refund', lines: [{ line: 2, qty: 1, reason: 'change_of_mind', condition: 'unopened' }] },
    evaluateSeed(101, [{ line: 2, qty: 1, reason: 'change_of_mind', condition: 'unopened' }]), 'Maria Ivanova', '2026-10-03T11:42:00');
  // the HDMI line of 101 already shows one returned in the data above: undo the double count
  findReceipt(101).lines[1].returned = 1; findReceipt(101).lines[1].remaining = 2;
  makeReturn({ receipt_id: 102, resolution: 'refund', lines: [{ line: 1, qty: 1, reason: 'defective', condition: 'used' }] },
    evaluateSeed(102, [{ line: 1, qty: 1, reason: 'defective', condition: 'used' }]), 'Maria Ivanova', '2026-10-09T16:05:00');
  findReceipt(102).lines[0].returned = 0; findReceipt(102).lines[0].remaining = 1;
  makeReturn({ receipt_id: 102, resolution: 'refund', lines: [{ line: 1, qty: 1, reason: 'change_of_mind', condition: 'opened' }] },
    evaluateSeed(102, [{ line: 1, qty: 1, reason: 'change_of_mind', condition: 'opened' }]), 'Maria Ivanova', '2026-10-11T09:12:00');
}
function evaluateSeed(receipt_id, lines) {
  return evaluate({ receipt_id, resolution: 'refund', lines });
}

function approve(ret, body) {
  if (body.decision === 'decline') {
    ret.status = 'declined';
  } else {
    const override = new Set(body.lines ?? []);
    for (const l of ret.decision.lines) {
      if ((l.outcome === 'denied' && override.has(l.line) && l.reasons.every((x) => x.overridable)) || l.outcome === 'needs_approval') l.outcome = 'approved';
    }
    const r = findReceipt(ret._draft.receipt_id);
    const keep = ret.decision.approvals_required;
    ret.decision = finish(r, ret._draft.resolution, { ...ret.decision, approvals_required: keep });
    if (ret.decision.outcome === 'needs_approval') ret.decision.outcome = ret.decision.lines.some((l) => l.outcome === 'denied') ? 'partial' : 'approved';
    ret.status = 'completed';
    complete(ret);
  }
  ret.approvals.push({ manager: users[body.manager_login].display_name, decision: body.decision, reason: body.reason || '—', at: NOW });
}

// ---------- slip PDF (a tiny hand-made PDF; Latin text only) ----------
function slipPdf(ret, lang, layout) {
  const r = receipts.find((x) => x.number === ret.receipt_number);
  const ascii = (s) => String(s).normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, ' ');
  const rows = [
    'RETURN DESK', ascii(store.name), ascii(store.address), '',
    `Return slip ${ret.number}`, `Receipt ${ret.receipt_number}`, `Date ${ret.created_at.replace('T', ' ')}`, `Clerk ${ascii(ret.clerk)}`,
    `Status ${ret.status}   lang=${lang} layout=${layout}`, '----------------------------------',
    ...ret.decision.lines.map((l) => {
      const name = ascii(r?.lines.find((x) => x.line === l.line)?.name ?? `line ${l.line}`).slice(0, 22);
      return `${l.qty} x ${name.padEnd(22)} ${l.outcome === 'approved' ? l.refund.padStart(8) : l.outcome}`;
    }),
    '----------------------------------',
    `Fee      ${ret.decision.totals.fee.padStart(10)} ${ret.decision.currency}`,
    `VAT incl ${ret.decision.totals.vat.padStart(10)} ${ret.decision.currency}`,
    `REFUND   ${ret.decision.totals.refund.padStart(10)} ${ret.decision.currency}`,
    ...ret.decision.tenders.map((tn) => `  ${tn.type.padEnd(12)} ${tn.amount.padStart(10)}`),
    '', 'Customer signature: ____________', '', '(mock slip from ui/dev/mock-server.mjs)',
  ];
  const w = layout === 'a4' ? 595 : 227, h = layout === 'a4' ? 842 : 40 + rows.length * 12;
  const size = layout === 'a4' ? 10 : 7;
  let y = h - 24;
  const text = rows.map((row) => { const s = `BT /F1 ${size} Tf 12 ${y} Td (${row}) Tj ET`; y -= size + 4; return s; }).join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>`,
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>',
  ];
  let out = '%PDF-1.4\n';
  const offs = [];
  objs.forEach((o, i) => { offs.push(Buffer.byteLength(out)); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------- http ----------
function apiErr(status, code, message, field, extra = {}) {
  const e = new Error(message);
  e.status = status;
  e.body = { error: { code, message, ...(field ? { field } : {}), ...extra } };
  return e;
}
function auth(req) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  const u = m && sessions.get(m[1]);
  if (!u) throw apiErr(401, 'UNAUTHENTICATED', 'sign in first');
  return u;
}
async function readBody(req) {
  let s = '';
  for await (const c of req) s += c;
  if (!s) return {};
  try { return JSON.parse(s); } catch { throw apiErr(400, 'BAD_INPUT', 'body is not JSON'); }
}
function checkPin(login, pin) {
  const u = users[login];
  if (!u) throw apiErr(401, 'WRONG_PIN', 'wrong user or PIN', 'pin', { attempts_left: 5 });
  if (u.locked_until && u.locked_until > Date.now()) throw apiErr(423, 'LOCKED_OUT', 'locked', 'pin', { locked_until: localTime(u.locked_until) });
  if (u.pin !== pin) {
    u.fails++;
    if (u.fails >= 5) { u.locked_until = Date.now() + 15 * 60000; u.fails = 0; throw apiErr(423, 'LOCKED_OUT', 'locked', 'pin', { locked_until: localTime(u.locked_until) }); }
    throw apiErr(401, 'WRONG_PIN', 'wrong PIN', 'pin', { attempts_left: 5 - u.fails });
  }
  u.fails = 0;
  return u;
}
const localTime = (ms) => new Date(ms - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 19);

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

async function route(req, res, url) {
  const p = url.pathname, q = url.searchParams, M = req.method;
  const json = (obj, status = 200) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(obj)); };
  let m;
  if (p === '/api/session' && M === 'POST') {
    const b = await readBody(req);
    const u = checkPin(b.login, b.pin);
    const token = `mock-${u.login}-${Math.random().toString(36).slice(2)}`;
    sessions.set(token, u);
    return json({ token, user: { id: u.id, login: u.login, display_name: u.display_name, role: u.role }, store });
  }
  if (p === '/api/session' && M === 'DELETE') { sessions.delete((req.headers.authorization ?? '').slice(7)); return json({}); }
  if (p === '/api/openapi.json') return json({ openapi: '3.1.0', info: { title: 'Return Desk (mock)', version: '0' }, paths: {} });
  const user = auth(req);
  if (p === '/api/receipts/lookup' && M === 'GET') {
    let code = (q.get('code') ?? '').trim();
    const qr = /(?:^|&)t=\d{8}T\d{4,6}&s=[\d.]+&fn=\d+&i=(\d+)&fp=\d+&n=\d/.exec(code);
    if (qr) code = receipts.find((r) => r.number.endsWith(qr[1]))?.number ?? `FD-${qr[1]}`;
    if (!/^[A-Z0-9][A-Z0-9-]{3,30}$/i.test(code)) throw apiErr(400, 'MALFORMED_CODE', 'not a receipt number or fiscal QR', 'code');
    const r = receipts.find((x) => x.number.toUpperCase() === code.toUpperCase());
    if (!r) throw apiErr(404, 'RECEIPT_NOT_FOUND', `no receipt ${code}`, 'code');
    return json(r);
  }
  if (p === '/api/receipts/by-card' && M === 'GET') {
    const last4 = q.get('last4'), from = q.get('from') || '0000', to = q.get('to') || '9999';
    if (!/^\d{4}$/.test(last4 ?? '')) throw apiErr(400, 'BAD_INPUT', 'last4 must be 4 digits', 'last4');
    return json(receipts.filter((r) => r.tenders.some((x) => x.card_last4 === last4) && r.purchased_at.slice(0, 10) >= from && r.purchased_at.slice(0, 10) <= to)
      .map((r) => ({ id: r.id, number: r.number, purchased_at: r.purchased_at, amount_paid: r.amount_paid, currency: r.currency, card_last4: last4 })));
  }
  if (p === '/api/returns/evaluate' && M === 'POST') return json(evaluate(await readBody(req)));
  if (p === '/api/returns' && M === 'POST') {
    const b = await readBody(req);
    if (b.idempotency_key && idem.has(b.idempotency_key)) return json(view(idem.get(b.idempotency_key)));
    const ev = evaluate(b);
    if (ev.lines.some((l) => l.reasons.some((x) => x.code === 'QTY_EXCEEDS_REMAINING'))) throw apiErr(409, 'QTY_EXCEEDS_REMAINING', 'quantity above what is left', 'qty');
    const ret = makeReturn(b, ev, user.display_name);
    if (b.idempotency_key) idem.set(b.idempotency_key, ret);
    return json(view(ret), 201);
  }
  if (p === '/api/returns' && M === 'GET') {
    const s = (q.get('q') ?? '').toLowerCase(), from = q.get('from') || '0000', to = q.get('to') || '9999';
    return json(returns.filter((r) => (!s || [r.number, r.receipt_number, r.clerk].some((x) => x.toLowerCase().includes(s))) && r.created_at.slice(0, 10) >= from && r.created_at.slice(0, 10) <= to).map(summary));
  }
  if ((m = /^\/api\/returns\/(\d+)$/.exec(p)) && M === 'GET') {
    const r = returns.find((x) => String(x.id) === m[1]);
    if (!r) throw apiErr(404, 'NOT_FOUND', 'no such return');
    return json(view(r));
  }
  if ((m = /^\/api\/returns\/(\d+)\/approvals$/.exec(p)) && M === 'POST') {
    const r = returns.find((x) => String(x.id) === m[1]);
    if (!r) throw apiErr(404, 'NOT_FOUND', 'no such return');
    const b = await readBody(req);
    const mgr = checkPin(b.manager_login, b.manager_pin);
    if (mgr.role !== 'manager') throw apiErr(403, 'FORBIDDEN', 'not a manager');
    if (r.status !== 'awaiting_manager') throw apiErr(409, 'CONFLICT', 'already decided');
    approve(r, b);
    return json(view(r));
  }
  if ((m = /^\/api\/returns\/(\d+)\/slip\.pdf$/.exec(p)) && M === 'GET') {
    const r = returns.find((x) => String(x.id) === m[1]);
    if (!r) throw apiErr(404, 'NOT_FOUND', 'no such return');
    res.writeHead(200, { 'Content-Type': 'application/pdf' });
    return res.end(slipPdf(r, q.get('lang') ?? 'en', q.get('layout') ?? '80mm'));
  }
  if ((m = /^\/api\/returns\/(\d+)\/print$/.exec(p)) && M === 'POST') return json({ printer, job: Math.floor(Math.random() * 900) + 100 });
  if (p === '/api/claims' && M === 'GET') { const s = q.get('status'); return json(claims.filter((c) => !s || c.status === s)); }
  if (p === '/api/settings' && M === 'GET') return json({ store, printer, policy });
  if (p === '/api/settings' && M === 'PUT') {
    if (user.role !== 'manager') throw apiErr(403, 'FORBIDDEN', 'managers only');
    const b = await readBody(req);
    store = b.store ?? store; printer = b.printer ?? printer; policy = { ...policy, ...(b.policy ?? {}) };
    return json({ store, printer, policy });
  }
  if (p === '/api/policy' && M === 'POST') {
    if (user.role !== 'manager') throw apiErr(403, 'FORBIDDEN', 'managers only');
    const b = await readBody(req);
    policy = { version: policy.version + 1, effective_from: b.effective_from, defaults: b.defaults, rules: b.rules };
    return json({ version: policy.version });
  }
  throw apiErr(404, 'NOT_FOUND', `${M} ${p}`);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/api/')) {
    try { await route(req, res, url); }
    catch (e) {
      if (!e.body) console.error(e);
      res.writeHead(e.status ?? 500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(e.body ?? { error: { code: 'SERVER_ERROR', message: String(e) } }));
    }
    return;
  }
  let file = path.join(DIST, decodeURIComponent(url.pathname));
  if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(DIST, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(503); return res.end('ui/dist missing: run npm run build in ui/'); }
  res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
server.listen(PORT, '127.0.0.1', () => console.log(`mock Return Desk API (dev only) on http://127.0.0.1:${PORT}/`));

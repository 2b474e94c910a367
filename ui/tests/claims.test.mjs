// The claims board's rules (src/lib/claimRules.ts), loaded alone: what falls due first comes first,
// the days-left badge (red once overdue, amber within 3 days), and a claim listed by a server from
// before issue 11 read as the contract says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ts from 'typescript';

const src = new URL('../src/lib/claimRules.ts', import.meta.url);
const js = ts.transpileModule(fs.readFileSync(src, 'utf8'), {
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
}).outputText;
const out = new URL('../node_modules/.cache/returndesk-tests/claimRules.js', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
fs.writeFileSync(out, js);
const { byDue, dueLevel, withContractFields } = await import(`${out.href}?${Date.now()}`);

const claim = (id, stage, days_left, overdue = days_left < 0) => ({ id, stage, days_left, overdue });

test('the board puts what falls due first on top, finished claims last', () => {
  const list = [claim(1, 'registered', 20), claim(2, 'handed_back', -40), claim(3, 'at_service', -2), claim(4, 'registered', 2), claim(5, 'closed', 1)];
  assert.deepEqual(list.sort(byDue).map((c) => c.id), [3, 4, 1, 2, 5]);
});

test('same days left: the older claim (lower id) first; days unknown: overdue ones first, then the rest', () => {
  assert.deepEqual([claim(9, 'registered', 5), claim(7, 'at_service', 5)].sort(byDue).map((c) => c.id), [7, 9]);
  const unknown = [claim(4, 'registered', NaN, false), claim(6, 'registered', NaN, true), claim(5, 'registered', 2)];
  assert.deepEqual(unknown.sort(byDue).map((c) => c.id), [6, 5, 4]);
});

test('the days-left badge: red once overdue, amber within 3 days, none once finished', () => {
  assert.equal(dueLevel(claim(1, 'registered', -1)), 'overdue');
  assert.equal(dueLevel(claim(1, 'at_service', 0, true)), 'overdue');
  assert.equal(dueLevel(claim(1, 'registered', 0)), 'soon');
  assert.equal(dueLevel(claim(1, 'registered', 3)), 'soon');
  assert.equal(dueLevel(claim(1, 'registered', 4)), 'ok');
  assert.equal(dueLevel(claim(1, 'settled', -9)), 'done');
  assert.equal(dueLevel(claim(1, 'handed_back', -9)), 'done');
});

test('a claim listed before issue 11 (status, no stage) reads as the contract says; a new one is kept as it is', () => {
  const old = withContractFields({ id: 1, status: 'in_repair', remedy: 'replace', claim_due_by: '2026-10-08', overdue: true });
  assert.equal(old.stage, 'at_service');
  assert.ok(Number.isNaN(old.days_left), 'the desk does not count days by its own clock');
  assert.equal(dueLevel(old), 'overdue');
  assert.equal(dueLevel(withContractFields({ id: 3, status: 'open', claim_due_by: '2026-10-08', overdue: false })), 'ok');
  assert.deepEqual([old.allowed_steps, old.overdue_remedies, old.kind], [[], [], 'warranty']);
  const now = withContractFields(
    { id: 2, stage: 'back_from_service', days_left: 12, claim_due_by: '2026-10-08', remedy_asked: 'refund', allowed_steps: ['inform_customer'], overdue_remedies: [], kind: 'paid_repair' },
  );
  assert.deepEqual([now.stage, now.days_left, now.remedy_asked, now.allowed_steps, now.kind], ['back_from_service', 12, 'refund', ['inform_customer'], 'paid_repair']);
});

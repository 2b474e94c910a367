// A scanner's burst told from a person typing (src/lib/scanner.ts), key by key with the times
// the browser stamps on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ts from 'typescript';

const src = new URL('../src/lib/scanner.ts', import.meta.url);
const js = ts.transpileModule(fs.readFileSync(src, 'utf8'), {
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
}).outputText;
const out = new URL('../node_modules/.cache/returndesk-tests/scanner.js', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
fs.writeFileSync(out, js);
const { ScanBurst, SCAN_STALL_MS, SCAN_ENTER_MS } = await import(out.href);

/** Feeds `keys` ([key, ms after the previous]) and returns each verdict. */
function feed(burst, keys, start = 1000) {
  let at = start;
  return keys.map(([k, dt]) => burst.key(k, (at += dt)));
}
const chars = (s, dt) => [...s].map((c) => [c, dt]);

test('a scanner: characters 5 ms apart and Enter are one scan; only the first character went through', () => {
  const b = new ScanBurst();
  const v = feed(b, [...chars('S01-2026-007701', 5), ['Enter', 5]]);
  assert.deepEqual(v[0], { kind: 'type', typed: '', first: true });
  assert.ok(v.slice(1, -1).every((x) => x.kind === 'hold'));
  assert.deepEqual(v.at(-1), { kind: 'scan', code: 'S01-2026-007701' });
  assert.equal(b.holding, false);
});

test('a person typing 120 ms apart: every key goes through, Enter is an Enter', () => {
  const b = new ScanBurst();
  const v = feed(b, [...chars('S01-2026', 120), ['Enter', 120]]);
  assert.ok(v.every((x) => x.kind === 'type' && x.typed === ''), JSON.stringify(v));
});

test('two keys pressed together by a person are given back before the next key, in order', () => {
  const b = new ScanBurst();
  const v = feed(b, [['t', 0], ['h', 10], ['e', 140]]);
  assert.equal(v[1].kind, 'hold');
  assert.deepEqual(v[2], { kind: 'type', typed: 'h', first: true });
});

test('held characters come back after a pause without Enter, or before a short Enter', () => {
  const b = new ScanBurst();
  feed(b, chars('ABCDE', 5));
  assert.equal(b.pause(1025 + SCAN_ENTER_MS - 1), '', 'a scanner could still send Enter');
  assert.equal(b.pause(1025 + SCAN_ENTER_MS), 'BCDE');
  assert.equal(b.holding, false);

  const c = new ScanBurst();
  const v = feed(c, [...chars('ab', 5), ['Enter', 5]]);
  assert.deepEqual(v.at(-1), { kind: 'type', typed: 'b', first: false }, 'two characters are no receipt');
});

test('a scanner on a busy machine: a late first key or a stall of 88 ms is still one scan, with every character', () => {
  const b = new ScanBurst();
  const v = feed(b, [['S', 0], ['0', 41], ['1', 22], ...chars('-2026', 7), ['-', 88], ...chars('007711', 7), ['Enter', 8]]);
  assert.deepEqual(v[1], { kind: 'type', typed: '', first: false }, 'not yet known: typed (the field is put back on the scan)');
  assert.deepEqual(v.at(-1), { kind: 'scan', code: 'S01-2026-007711' });
});

test('a person typing fast after two keys pressed together: given back at the person\'s pace, Enter is an Enter', () => {
  const b = new ScanBurst();
  const v = feed(b, [['g', 0], ['e', 10], ['o', 80], ['r', 80], ['g', 80], ['i', 80], ['Enter', 80]]);
  assert.equal(v[1].kind, 'hold');
  assert.equal(v[2].kind, 'hold', 'one slow gap may be a stalled scanner');
  assert.equal(v[3].kind, 'hold');
  assert.deepEqual(v[4], { kind: 'type', typed: 'eor', first: false }, 'a third slow gap: a person');
  assert.deepEqual(v.at(-1), { kind: 'type', typed: '', first: false });
});

test('a pause of SCAN_STALL_MS ends a run; Shift inside a burst does not', () => {
  const b = new ScanBurst();
  const v = feed(b, [['A', 0], ['B', 5], ['C', SCAN_STALL_MS], ['D', 5], ['E', 5], ['Enter', 5]]);
  assert.deepEqual(v[2], { kind: 'type', typed: 'B', first: true });
  assert.equal(v.at(-1).kind, 'type', 'C, D, E are three characters');

  const s = new ScanBurst();
  const w = feed(s, [['S', 0], ['Shift', 2], ['A', 3], ['Shift', 2], ['B', 3], ['1', 5], ['Enter', 5]]);
  assert.deepEqual(w.at(-1), { kind: 'scan', code: 'SAB1' });
});

test('Enter long after the last character is a person’s Enter', () => {
  const b = new ScanBurst();
  const v = feed(b, [...chars('ABCDEF', 5), ['Enter', SCAN_ENTER_MS + 5]]);
  assert.deepEqual(v.at(-1), { kind: 'type', typed: 'BCDEF', first: false });
});

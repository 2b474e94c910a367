// The live queue (src/lib/liveQueue.svelte.ts) against a fake server: one loop per session, what
// answers for an earlier session is dropped, a change made at this desk is not undone by an
// answer that predates it, errors are retried and an ended session stops the loop. Compiled the
// way tests/latest.test.mjs compiles its rune module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { compileModule } from 'svelte/compiler';
import ts from 'typescript';

const src = new URL('../src/lib/liveQueue.svelte.ts', import.meta.url);
const js = ts.transpileModule(fs.readFileSync(src, 'utf8'), {
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
}).outputText;
const out = new URL('../node_modules/.cache/returndesk-tests/liveQueue.svelte.js', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
fs.writeFileSync(out, compileModule(js, { filename: 'liveQueue.svelte.js', generate: 'client' }).js.code);
const { LiveQueue } = await import(out.href);

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A server whose every call the test answers by hand, in order. */
function fakeServer() {
  const calls = [];
  const call = (kind, args) =>
    new Promise((resolve, reject) => {
      calls.push({ kind, ...args, resolve, reject });
    });
  return {
    calls,
    server: { list: (token) => call('list', { token }), watch: (after, token) => call('watch', { after, token }) },
    /** The call made last, once it is made. */
    async next() {
      for (let i = 0; i < 50 && !calls.length; i++) await tick();
      assert.ok(calls.length, 'a call was made');
      return calls.shift();
    },
  };
}
const c = (id, state = 'waiting') => ({ id, state });
const ids = (q) => q.cases.map((x) => `${x.id}:${x.state}`);

test('reads the queue, then watches past the version it holds, and asks again at once', async () => {
  const f = fakeServer();
  const q = new LiveQueue(f.server, () => 1);
  q.watchFor('t1');
  const list = await f.next();
  assert.deepEqual([list.kind, list.token], ['list', 't1']);
  list.resolve({ version: 3, cases: [c(1)] });
  const w1 = await f.next();
  assert.deepEqual([w1.kind, w1.after, w1.token], ['watch', 3, 't1']);
  assert.equal(q.loaded, true);
  assert.deepEqual(ids(q), ['1:waiting']);
  w1.resolve({ version: 4, cases: [c(1), c(2)] });
  const w2 = await f.next();
  assert.equal(w2.after, 4);
  assert.deepEqual(ids(q), ['1:waiting', '2:waiting']);
  // the same version again (the server's periodic answer) still brings the cases as they stand
  w2.resolve({ version: 4, cases: [c(2)] });
  const w3 = await f.next();
  assert.equal(w3.after, 4);
  assert.deepEqual(ids(q), ['2:waiting']);
  q.watchFor(null);
});

test('a new session starts afresh; what answers for the earlier one is dropped', async () => {
  const f = fakeServer();
  const q = new LiveQueue(f.server, () => 1);
  q.watchFor('old');
  (await f.next()).resolve({ version: 1, cases: [c(1)] });
  const oldWatch = await f.next();
  q.watchFor('new');
  assert.equal(q.loaded, false);
  assert.deepEqual(ids(q), []);
  const list = await f.next();
  assert.equal(list.token, 'new');
  oldWatch.resolve({ version: 9, cases: [c(99)] });
  await tick();
  assert.deepEqual(ids(q), [], 'the old session answers nothing here');
  list.resolve({ version: 2, cases: [c(5)] });
  const w = await f.next();
  assert.deepEqual([w.after, w.token], [2, 'new']);
  assert.deepEqual(ids(q), ['5:waiting']);
  q.watchFor(null);
  w.resolve({ version: 3, cases: [c(6)] });
  await tick();
  assert.deepEqual(ids(q), [], 'signed out: nothing is shown');
  assert.equal(f.calls.length, 0, 'and nothing more is asked');
});

test('a change made here shows at once and is not undone by an answer that predates it', async () => {
  const f = fakeServer();
  const q = new LiveQueue(f.server, () => 1);
  q.watchFor('t');
  (await f.next()).resolve({ version: 7, cases: [c(1), c(2)] });
  const w = await f.next();
  q.upsert(c(1, 'approved'));
  q.upsert(c(2, 'withdrawn'));
  q.upsert(c(3));
  assert.deepEqual(ids(q), ['1:approved', '3:waiting'], 'a withdrawn case leaves, a new one comes');
  // the server's periodic answer, computed before the changes (same version): dropped
  w.resolve({ version: 7, cases: [c(1), c(2)] });
  const w2 = await f.next();
  assert.deepEqual(ids(q), ['1:approved', '3:waiting']);
  // the changes' own version: taken as the server says it
  w2.resolve({ version: 10, cases: [c(1, 'approved'), c(3)] });
  await f.next();
  assert.equal(q.version, 10);
  assert.deepEqual(ids(q), ['1:approved', '3:waiting']);
  q.watchFor(null);
});

test('a refresh that overtakes the push is not undone by the push’s older answer', async () => {
  const f = fakeServer();
  const q = new LiveQueue(f.server, () => 1);
  q.watchFor('t');
  (await f.next()).resolve({ version: 1, cases: [c(1)] });
  const w = await f.next();
  const refreshed = q.refresh();
  const list = await f.next();
  assert.equal(list.kind, 'list');
  list.resolve({ version: 3, cases: [c(1, 'declined')] });
  await refreshed;
  assert.deepEqual(ids(q), ['1:declined']);
  w.resolve({ version: 2, cases: [c(1)] });
  const w2 = await f.next();
  assert.equal(w2.after, 3);
  assert.deepEqual(ids(q), ['1:declined']);
  q.watchFor(null);
});

test('an error is shown and retried; an ended session stops the loop', async () => {
  const f = fakeServer();
  const waits = [];
  const q = new LiveQueue(f.server, (n) => (waits.push(n), 1));
  q.watchFor('t');
  (await f.next()).reject(Object.assign(new Error('down'), { code: 'NETWORK' }));
  const again = await f.next();
  assert.equal(again.kind, 'list', 'read again after the failure');
  assert.equal(q.error?.code, 'NETWORK');
  assert.deepEqual(waits, [1]);
  again.resolve({ version: 1, cases: [] });
  const w = await f.next();
  assert.equal(q.error, null);
  w.reject(Object.assign(new Error('gone'), { code: 'UNAUTHENTICATED' }));
  await tick();
  await tick();
  assert.equal(q.error?.code, 'UNAUTHENTICATED');
  assert.equal(f.calls.length, 0, 'no call after the session ended');
  assert.deepEqual(waits, [1]);
});

// "Latest request wins" (src/lib/latest.svelte.ts): only the last request's answer is delivered.
// The module uses runes, so it is compiled here the way Vite does (TypeScript stripped, then
// Svelte's compileModule) and run with Svelte's own runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { compileModule } from 'svelte/compiler';
import ts from 'typescript';

const src = new URL('../src/lib/latest.svelte.ts', import.meta.url);
const js = ts.transpileModule(fs.readFileSync(src, 'utf8'), {
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
}).outputText;
const out = new URL('../node_modules/.cache/returndesk-tests/latest.svelte.js', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
fs.writeFileSync(out, compileModule(js, { filename: 'latest.svelte.js', generate: 'client' }).js.code);
const { Latest } = await import(out.href);

/** A request the test answers by hand. */
function deferred() {
  let resolve, reject;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setTimeout(r, 5));
/** 'pending' while `p` has not settled, else its value or 'error: …'. */
async function state(p) {
  return Promise.race([p.then((v) => v, (e) => `error: ${e.message}`), tick().then(() => 'pending')]);
}

test('a later request supersedes an earlier one: only its answer is delivered', async () => {
  const l = new Latest();
  const a = deferred();
  const b = deferred();
  const first = l.run(() => a.promise);
  const second = l.run(() => b.promise);
  b.resolve('B');
  assert.equal(await second, 'B');
  a.resolve('A'); // the slow, stale answer comes last
  assert.equal(await state(first), 'pending', 'the stale answer is never delivered');
});

test('a stale error is dropped as well', async () => {
  const l = new Latest();
  const a = deferred();
  const first = l.run(() => a.promise);
  const second = l.run(() => Promise.resolve('B'));
  a.reject(new Error('late'));
  assert.equal(await second, 'B');
  assert.equal(await state(first), 'pending');
});

test("the latest request's error is delivered", async () => {
  const l = new Latest();
  assert.equal(await state(l.run(() => Promise.reject(new Error('no')))), 'error: no');
  assert.equal(await state(l.run(() => { throw new Error('thrown'); })), 'error: thrown');
  assert.equal(l.pending, false);
});

test('pending: while the latest request is on its way, and no longer once it answered', async () => {
  const l = new Latest();
  assert.equal(l.pending, false);
  const a = deferred();
  const b = deferred();
  l.run(() => a.promise);
  const second = l.run(() => b.promise);
  assert.equal(l.pending, true);
  a.resolve('A');
  await tick();
  assert.equal(l.pending, true, 'a stale answer does not end the wait');
  b.resolve('B');
  assert.equal(await second, 'B');
  assert.equal(l.pending, true, "the caller's code after await runs before pending drops");
  await tick();
  assert.equal(l.pending, false);
});

test('cancel drops what is on its way', async () => {
  const l = new Latest();
  const a = deferred();
  const p = l.run(() => a.promise);
  l.cancel();
  assert.equal(l.pending, false);
  a.resolve('A');
  assert.equal(await state(p), 'pending');
  assert.equal(l.pending, false);
});

test('with a delay, a request superseded meanwhile is never sent', async () => {
  const l = new Latest();
  const sent = [];
  const ask = (x) => () => (sent.push(x), Promise.resolve(x));
  const p1 = l.run(ask(1), { delay: 0 });
  const p2 = l.run(ask(2), { delay: 0 });
  assert.equal(l.pending, true);
  assert.equal(await p2, 2);
  assert.deepEqual(sent, [2]);
  assert.equal(await state(p1), 'pending');

  l.run(ask(3), { delay: 0 });
  l.cancel();
  await tick();
  assert.deepEqual(sent, [2], 'cancelled before its delay: nothing sent');
});

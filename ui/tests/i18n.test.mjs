// Every language has exactly the keys of English, and keeps its {placeholders}.
// (The `Messages` type in bg/ru/el.ts enforces the same at `npm run check`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const dir = new URL('../src/lib/i18n/', import.meta.url);
function messages(lang) {
  const src = fs.readFileSync(new URL(`${lang}.ts`, dir), 'utf8');
  const out = new Map();
  for (const m of src.matchAll(/^\s+(\w+): '((?:[^'\\]|\\.)*)',$/gm)) out.set(m[1], m[2]);
  return out;
}
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const en = messages('en');

test('English has the messages', () => assert.ok(en.size > 200, `only ${en.size} keys parsed`));

for (const lang of ['bg', 'ru', 'el']) {
  test(`${lang} has every English key and no other`, () => {
    const other = messages(lang);
    assert.deepEqual([...en.keys()].filter((k) => !other.has(k)), [], 'missing');
    assert.deepEqual([...other.keys()].filter((k) => !en.has(k)), [], 'extra');
  });
  test(`${lang} keeps the placeholders`, () => {
    const other = messages(lang);
    for (const [k, v] of en) assert.deepEqual(placeholders(other.get(k) ?? ''), placeholders(v), k);
  });
  test(`${lang} is translated`, () => {
    const other = messages(lang);
    const same = [...en].filter(([k, v]) => other.get(k) === v && /[a-z]{4}/.test(v) && k !== 'app_name');
    assert.ok(same.length < 5, `untranslated: ${same.map(([k]) => k).join(', ')}`);
  });
}

test('required words', () => {
  const bg = [...messages('bg').values()].join('\n');
  for (const w of ['Връщане', 'Касова бележка', 'Причина', 'Състояние', 'Възстановяване']) assert.ok(bg.includes(w), w);
  const ru = [...messages('ru').values()].join('\n');
  for (const w of ['Возврат', 'Кассовый чек']) assert.ok(ru.includes(w), w);
  const el = [...messages('el').values()].join('\n');
  for (const w of ['Επιστροφή', 'Απόδειξη']) assert.ok(el.includes(w), w);
});

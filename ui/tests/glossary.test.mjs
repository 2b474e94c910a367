// The screen follows docs/glossary.md: its terms table names the i18n keys that must say each
// term, its "words we do not use" table the words no message may say. The same file holds the
// slips to the same words (src/slip/lang.rs, `glossary` tests), so screen and paper agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const LANGS = ['en', 'bg', 'ru', 'el'];
const dir = new URL('../src/lib/i18n/', import.meta.url);
const glossary = fs.readFileSync(new URL('../../docs/glossary.md', import.meta.url), 'utf8');
const openapi = fs.readFileSync(new URL('../src/lib/generated/openapi.ts', import.meta.url), 'utf8');

function messages(lang) {
  const src = fs.readFileSync(new URL(`${lang}.ts`, dir), 'utf8');
  const out = new Map();
  for (const m of src.matchAll(/^\s+(\w+): '((?:[^'\\]|\\.)*)',$/gm)) out.set(m[1], m[2]);
  return out;
}
const dicts = Object.fromEntries(LANGS.map((l) => [l, messages(l)]));

/** The rows of the table under `## heading`, cells trimmed, without the header and its rule. */
function table(heading) {
  const section = glossary.split('\n## ').find((s) => s.startsWith(heading));
  assert.ok(section, `no "${heading}" in docs/glossary.md`);
  const rows = section
    .split('\n')
    .filter((l) => l.trimStart().startsWith('|'))
    .map((l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
  assert.ok(rows.length > 2, `the "${heading}" table is empty`);
  return rows.slice(2);
}

/** Each word of `term` begins a word of `text`, in order, ignoring case (mirrors lang.rs). */
export function containsTerm(text, term) {
  const words = text.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
  const wanted = term.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
  if (wanted.length === 0 || wanted.length > words.length) return false;
  const begins = (word, part) => word.startsWith(part) || word.replace(/^[(«„“"']+/, '').startsWith(part);
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((part, j) => begins(words[i + j], part))) return true;
  }
  return false;
}

/** The values of a string-literal union in the generated API types: `Name: "a" | "b";`. */
function wireValues(name) {
  const m = openapi.match(new RegExp(`^\\s+${name}: ((?:"\\w+"(?: \\| )?)+);$`, 'm'));
  assert.ok(m, `no ${name} enum in openapi.ts`);
  return [...m[1].matchAll(/"(\w+)"/g)].map((x) => x[1]);
}

const terms = table('Terms');

test('the term matcher sees through articles and endings only', () => {
  assert.ok(containsTerm('Срокът за връщане е изтекъл.', 'Срок за връщане'));
  assert.ok(containsTerm('Има търговската гаранция до', 'Търговска гаранция'));
  assert.ok(containsTerm('(target: {date}).', '(target: {date})'));
  assert.ok(!containsTerm('Замяна с нова стока', 'Замяна със същата стока'));
});

test('every concept has a term in each language', () => {
  assert.ok(terms.length >= 40, `only ${terms.length} concepts`);
  for (const row of terms) {
    assert.equal(row.length, 7, `a row of 7 cells: ${row.join(' | ')}`);
    for (let i = 1; i <= 4; i++) assert.ok(row[i], `${row[0]} has no ${LANGS[i - 1]} term`);
  }
});

test('the screen uses the glossary terms', () => {
  const wrong = [];
  let checked = 0;
  for (const row of terms) {
    for (const cell of row[5].split(/\s+/).filter(Boolean)) {
      const loose = cell.startsWith('~');
      const key = loose ? cell.slice(1) : cell;
      LANGS.forEach((lang, i) => {
        const text = dicts[lang].get(key);
        assert.ok(text !== undefined, `glossary names ${key}, which ${lang}.ts does not have`);
        const term = row[i + 1];
        const ok = loose ? containsTerm(text, term) : text === term;
        if (!ok) wrong.push(`${lang} ${key}: "${text}" should ${loose ? 'contain' : 'be'} "${term}" (${row[0]})`);
        checked++;
      });
    }
  }
  assert.deepEqual(wrong, [], `screen texts off the glossary:\n${wrong.join('\n')}`);
  assert.ok(checked > 200, `only ${checked} screen texts checked`);
});

test('the screen avoids the words the glossary rules out', () => {
  const found = [];
  for (const [lang, avoid, use] of table('Words we do not use')) {
    assert.ok(LANGS.includes(lang), `unknown language ${lang}`);
    for (const [key, text] of dicts[lang]) {
      if (text.toLowerCase().includes(avoid.toLowerCase())) found.push(`${lang} ${key}: "${avoid}" in "${text}" (use "${use}")`);
    }
  }
  assert.deepEqual(found, [], `words the glossary rules out:\n${found.join('\n')}`);
});

test('every code the engine answers has words on the screen', () => {
  const prefixes = {
    ReasonCode: 'why_',
    ReturnReason: 'reason_',
    Condition: 'cond_',
    Resolution: 'res_',
    PayoutType: 'tender_',
    LineOutcome: 'outcome_',
  };
  for (const [name, prefix] of Object.entries(prefixes)) {
    for (const value of wireValues(name)) {
      for (const lang of LANGS) assert.ok(dicts[lang].has(prefix + value), `${lang} has no ${prefix}${value}`);
    }
  }
});

test('a category goes into a sentence in the form that sentence needs, and a raw one as a name', () => {
  const en = dicts.en;
  const categories = [...en.keys()].filter((k) => k.startsWith('cat_') && !k.startsWith('cat_in_')).map((k) => k.slice(4));
  assert.ok(categories.length >= 7, categories.join(', '));
  for (const lang of LANGS) {
    const d = dicts[lang];
    for (const c of categories) assert.ok(d.has(`cat_in_${c}`), `${lang} has no cat_in_${c} for cat_${c}`);
    assert.ok(d.get('cat_in_raw').includes('{name}'), `${lang} cat_in_raw names the raw category`);
    assert.ok(d.has('cat_in_other'), `${lang} has no cat_in_other`);
    // The sentences take the category where no verb agrees with it, and never open with it.
    for (const key of ['why_WITHIN_RETURN_WINDOW', 'why_RETURN_WINDOW_EXPIRED', 'why_NON_RETURNABLE']) {
      const s = d.get(key);
      assert.ok(s.includes('{category}') && !s.startsWith('{category}'), `${lang} ${key}: ${s}`);
    }
  }
  // The forms each language's sentences need (accusative in Russian, with its article in Greek).
  assert.equal(dicts.ru.get('cat_in_electronics'), 'электронику');
  assert.equal(dicts.ru.get('cat_in_appliances'), 'бытовую технику');
  assert.equal(dicts.el.get('cat_in_appliances'), 'τις συσκευές');
  assert.equal(dicts.bg.get('cat_in_electronics'), 'електроника');
});

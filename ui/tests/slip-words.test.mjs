// The screen names return reasons and item conditions with the slip's words (src/slip/lang.rs), in
// every language: a clerk reads on the slip what they chose on the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const slip = fs.readFileSync(new URL('../../src/slip/lang.rs', import.meta.url), 'utf8');
const LANGS = ['en', 'bg', 'ru', 'el'];

function messages(lang) {
  const src = fs.readFileSync(new URL(`../src/lib/i18n/${lang}.ts`, import.meta.url), 'utf8');
  const out = new Map();
  for (const m of src.matchAll(/^\s+(\w+): '((?:[^'\\]|\\.)*)',$/gm)) out.set(m[1], m[2]);
  return out;
}

/** `Enum::Variant => ["en", "bg", "ru", "el"]` of the slip's words, as { snake_name: [4 words] }. */
function slipWords(enumName) {
  const out = {};
  const re = new RegExp(`${enumName}::(\\w+) => \\[([^\\]]*)\\]`, 'g');
  for (const m of slip.matchAll(re)) {
    const words = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((w) => w[1]);
    if (words.length === 4) out[m[1].replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase())] = words;
  }
  return out;
}

for (const [enumName, prefix] of [
  ['ReturnReason', 'reason_'],
  ['Condition', 'cond_'],
]) {
  test(`the screen's ${enumName} words are the slip's`, () => {
    const words = slipWords(enumName);
    assert.ok(Object.keys(words).length >= 4, `${enumName}: ${JSON.stringify(words)}`);
    const differ = [];
    LANGS.forEach((lang, i) => {
      const dict = messages(lang);
      for (const [name, w] of Object.entries(words)) {
        if (dict.get(prefix + name) !== w[i]) differ.push(`${lang} ${prefix}${name}: screen "${dict.get(prefix + name)}", slip "${w[i]}"`);
      }
    });
    assert.deepEqual(differ, []);
  });
}

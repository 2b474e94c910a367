// Every error code the server can send (the `code` enum of the Error schema in the generated
// OpenAPI document, which tests/error_codes.rs keeps equal to the codes the Rust source sends)
// has its own sentence in every desk language, and no sentence is left for a code that is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const openapi = JSON.parse(fs.readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
const codes = openapi.components.schemas.Error.properties.error.properties.code.enum;
// codes the UI makes itself (the desk service cannot be reached, or is not up yet)
const ownCodes = ['NETWORK', 'NOT_READY'];

function messages(lang) {
  const src = fs.readFileSync(new URL(`../src/lib/i18n/${lang}.ts`, import.meta.url), 'utf8');
  const out = new Map();
  for (const m of src.matchAll(/^\s+(\w+): '((?:[^'\\]|\\.)*)',$/gm)) out.set(m[1], m[2]);
  return out;
}

test('the server lists its error codes', () => {
  assert.ok(Array.isArray(codes) && codes.length > 30, `codes: ${codes}`);
  for (const c of ['RECEIPT_NOT_FOUND', 'QTY_EXCEEDS_REMAINING', 'SERIAL_MISMATCH', 'NO_PRINTER', 'POLICY_VERSION_EXISTS']) assert.ok(codes.includes(c), c);
});

for (const lang of ['en', 'bg', 'ru', 'el']) {
  test(`${lang} has a sentence for every error code`, () => {
    const dict = messages(lang);
    const missing = [...codes, ...ownCodes].filter((c) => !dict.get(`err_${c}`));
    assert.deepEqual(missing, [], `${lang} lacks sentences for`);
  });
  test(`${lang} has no sentence for a code the server does not send`, () => {
    const dict = messages(lang);
    const variants = /_(last|nountil|nofield|stores)$/;
    const stale = [...dict.keys()]
      .filter((k) => /^err_[A-Z][A-Z_]+$/.test(k) || (/^err_[A-Z]/.test(k) && variants.test(k)))
      .map((k) => k.slice(4).replace(variants, ''))
      .filter((c) => !codes.includes(c) && !ownCodes.includes(c));
    assert.deepEqual(stale, [], `${lang} has sentences for unknown codes`);
  });
}

test('a bg/ru/el sentence is not the English one', () => {
  const en = messages('en');
  for (const lang of ['bg', 'ru', 'el']) {
    const dict = messages(lang);
    for (const c of codes) assert.notEqual(dict.get(`err_${c}`), en.get(`err_${c}`), `${lang} err_${c}`);
  }
});

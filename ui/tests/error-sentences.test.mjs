// The sentence each error becomes on screen (src/lib/explain.ts's errorMessage), from sample
// errors as the server sends them: the codes no click at the desk can bring about (the HTTP
// door's own refusals, a server fault, records that fail verification …; ui/e2e/errors.e2e.mjs
// lists them and triggers the others through the real desk), and NOT_FOUND / BAD_INPUT, which
// say what was not found and which field is wrong in the desk's language, with no English words
// on a bg/ru/el desk (ErrorBanner keeps the server's words under "Details"). explain.ts and what it imports are bundled with rolldown, the rune modules
// compiled by Svelte the way tests/latest.test.mjs compiles its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { rolldown } from 'rolldown';
import { compileModule } from 'svelte/compiler';
import ts from 'typescript';

const lib = new URL('../src/lib/', import.meta.url).pathname;
const cache = new URL('../node_modules/.cache/returndesk-tests/', import.meta.url);
fs.mkdirSync(cache, { recursive: true });
const entry = new URL('error-sentences.entry.ts', cache).pathname;
fs.writeFileSync(
  entry,
  `export { errorMessage } from '${lib}explain';\nexport { i18n } from '${lib}i18n/index.svelte';\nexport { ApiError } from '${lib}transport';\n`,
);
const bundle = await rolldown({
  input: entry,
  external: [/^@tauri-apps\//],
  logLevel: 'silent',
  plugins: [
    {
      name: 'svelte-runes',
      transform(code, id) {
        if (!id.endsWith('.svelte.ts')) return null;
        const js = ts.transpileModule(code, {
          compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
        }).outputText;
        return { code: compileModule(js, { filename: id.replace(/\.ts$/, '.js'), generate: 'client' }).js.code, moduleType: 'js' };
      },
    },
  ],
});
const out = new URL('error-sentences.bundle.mjs', cache);
await bundle.write({ file: out.pathname, format: 'esm' });
// the desk's modules read the browser's storage when loaded: an empty one here
globalThis.localStorage ??= { getItem: () => null, setItem: () => {}, removeItem: () => {} };
const { errorMessage, i18n, ApiError } = await import(out.href);

function say(lang, code, message, details = {}) {
  i18n.lang = lang;
  return errorMessage(new ApiError(code, message, details, 409));
}

// No Latin-letter word of the server's English on a Cyrillic or Greek desk (codes and numbers
// such as SC-ABCDE-23456 or R-S01-2026-00001 are names, not words; so is the forms' "e-mail").
function englishWords(sentence) {
  return (sentence.replace(/e-mail/gi, '').match(/\b[A-Za-z][a-z]{2,}\b/g) ?? []).filter((w) => !/^(PIN|SKU|VAT)$/i.test(w));
}

test('NOT_FOUND says what was not found, by its key, in each language', () => {
  const facts = { what: 'voucher', key: 'SC-ABCDE-23456' };
  const message = 'no voucher SC-ABCDE-23456 at this store';
  assert.equal(say('en', 'NOT_FOUND', message, facts), 'Nothing was found for voucher SC-ABCDE-23456. Check the number; it may also belong to another store.');
  assert.equal(say('bg', 'NOT_FOUND', message, facts), 'Не е намерено нищо за ваучер SC-ABCDE-23456. Проверете номера; възможно е и да е от друг магазин.');
  assert.equal(say('ru', 'NOT_FOUND', message, { what: 'repair_order', key: '4' }), 'По запросу «заказ на ремонт 4» ничего не найдено. Проверьте номер; возможно, он относится к другому магазину.');
  assert.equal(say('el', 'NOT_FOUND', 'no claim 9', { what: 'claim', key: '9' }), 'Δεν βρέθηκε τίποτα για: αίτημα εγγύησης 9. Ελέγξτε τον αριθμό· μπορεί επίσης να ανήκει σε άλλο κατάστημα.');
  // of no known kind: said plainly (the server's words are under "Details")
  assert.equal(say('en', 'NOT_FOUND', 'the thing not found'), 'This was not found: it may have been removed, or belong to another store.');
  for (const lang of ['bg', 'ru', 'el']) assert.deepEqual(englishWords(say(lang, 'NOT_FOUND', 'the thing not found')), [], lang);
});

test('BAD_INPUT names the field in the desk\'s words (the server\'s English is under "Details")', () => {
  const message = 'at most 64 characters';
  const details = { field: 'till' };
  assert.equal(say('en', 'BAD_INPUT', message, details), 'Check “Till”: this value was not accepted.');
  assert.equal(say('en', 'BAD_INPUT', message, { field: 'no_such_field' }), 'Some input was not accepted. Check the fields and try again.');
  assert.equal(say('bg', 'BAD_INPUT', message, details), 'Проверете „Каса“: тази стойност не е приета.');
  assert.equal(say('ru', 'BAD_INPUT', message, { field: 'lines[0].qty' }), 'Проверьте «Количество»: это значение не принято.');
  assert.equal(say('el', 'BAD_INPUT', message, { field: 'calendar.working_days' }), 'Ελέγξτε το «Μεταφερμένες εργάσιμες ημέρες»: αυτή η τιμή δεν έγινε δεκτή.');
  for (const lang of ['bg', 'ru', 'el']) {
    for (const field of ['amount', 'sale_reference', 'tender', 'customer.contact', 'unverified_returns.lookback_days', 'no_such_field']) {
      assert.deepEqual(englishWords(say(lang, 'BAD_INPUT', 'a message in English', { field })), [], `${lang} ${field}`);
    }
  }
});

test('QTY_EXCEEDS_REMAINING says what is left, and when nothing is, that it went back meanwhile', () => {
  assert.equal(say('en', 'QTY_EXCEEDS_REMAINING', 'line 1: only 2 left to return', { field: 'lines[0].qty', left: 2 }), 'Only 2 left to return on this receipt line: lower the quantity.');
  assert.equal(
    say('en', 'QTY_EXCEEDS_REMAINING', 'line 1: only 0 left to return', { field: 'lines[0].qty', left: 0 }),
    'Nothing is left to return on this receipt line: it was returned meanwhile (at another desk). Take it off this return.',
  );
});

test('codes the desk cannot bring about by a click have their sentences, facts filled in', () => {
  const cases = [
    ['FOREIGN_ORIGIN', 'cross-origin request refused', {}, "This page is not the desk's own page, so the desk refused it. Open the desk from its own address."],
    ['METHOD_NOT_ALLOWED', 'method not allowed', {}, 'The desk does not take this request here. Reload the page.'],
    ['PAYLOAD_TOO_LARGE', 'too large', {}, 'This is too much to send at once. Send fewer items or a smaller file.'],
    ['URI_TOO_LONG', 'too long', {}, 'The search is too long. Shorten it and try again.'],
    ['UNSUPPORTED_MEDIA_TYPE', 'json only', {}, 'The desk could not read what was sent. Reload the page and try again.'],
    ['MISDIRECTED_REQUEST', 'wrong host', {}, "This is not the desk's address. Open the desk from its own address."],
    ['HEADERS_TOO_LARGE', 'headers', {}, 'The browser sent too much with the request. Reload the page and sign in again.'],
    ['BAD_REQUEST', 'bad request', {}, 'The desk refused this request. Reload the page and try again.'],
    ['SERVER_ERROR', 'the database could not do this', {}, 'The desk could not do this (the database could not do this). Try again; if it happens again, call the administrator.'],
    ['RECORDS_TAMPERED', 'entry 7 was changed', {}, 'The records of this receipt do not match the audit trail, so nothing was paid out. Call a manager. (entry 7 was changed)'],
    ['STORE_NOT_SET_UP', 'store S09 is not set up', { store: 'S09' }, 'Store S09 is not set up at this desk. An administrator sets it up.'],
    ['QUEUE_CASE_COMPLETED', 'queued return 3 was already completed', { case: 3, return_id: 12 }, 'This return was already completed at another desk: nothing more is paid on it. It is in History.'],
    ['RETURN_DECLINED', 'return 5 was declined', { return_id: 5 }, 'Return 5 was declined: its only document is its return slip.'],
    ['VOUCHER_EXPIRED', 'voucher SC-ABCDE-23456 expired', { voucher: 'SC-ABCDE-23456', valid_until: '2026-09-30', balance: '12.50', currency: 'EUR' }, 'Voucher SC-ABCDE-23456 has expired: it was valid until 30 Sept 2026 (€12.50 was left on it).'],
    ['FEEDBACK_TOO_LATE', 'return 4 was recorded 42 minutes ago', { minutes: 42, limit_minutes: 30 }, 'This was recorded 42 minutes ago: the customer has left the counter. A rating is taken within 30 minutes.'],
    ['FEEDBACK_GIVEN', 'already rated', { rating: 4 }, 'The customer already rated this (4 of 5). A return is rated once.'],
    ['FORBIDDEN', 'only a manager may change this', {}, 'Only a manager can do this.'],
    ['IDEMPOTENCY_KEY_REUSED', 'idempotency key reused', {}, 'This confirmation was already used for another return. Start the return again.'],
    ['REPAIR_NOT_HANDED_BACK', 'repair order R-S01-2026-00001 is received', { order: 'R-S01-2026-00001', stage: 'received' }, 'Repair order R-S01-2026-00001 is not handed back yet (now: Received (estimate given)): its pick-up receipt is printed at hand-back.'],
  ];
  for (const [code, message, details, sentence] of cases) assert.equal(say('en', code, message, details), sentence, code);
  assert.equal(
    say('bg', 'EXCHANGE_DUE_PAID', 'paid', { exchange: 'EX-S01-2026-00001', till: 'TILL-2', amount: '15.00', currency: 'EUR', paid_at: '2026-10-11T07:00:00+00:00' }).replace(/\(.*\)/, '(…)').replace(/\u00a0/g, ' '),
    'Дължимите 15,00 € по замяна EX-S01-2026-00001 вече са платени на каса TILL-2 (…). Не ги вземайте повторно.',
  );
});

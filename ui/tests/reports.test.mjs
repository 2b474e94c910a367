// A report table as the screen shows it and writes it (src/lib/reports.ts): the CSV file (RFC 4180:
// commas, quotes and line breaks quoted, quotes doubled, CRLF; UTF-8 with a byte-order mark when
// downloaded; figures exactly as the table holds them, codes in words), a cell in the desk's
// language, and which columns a chart draws. reports.ts is loaded with the desk's English words
// (src/lib/i18n/en.ts) and stand-ins for the server and for money and dates, which have their own
// rules: a money cell here reads "currency amount" so the test sees which currency was chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ts from 'typescript';

const dir = new URL('../node_modules/.cache/returndesk-tests/reports/', import.meta.url);
fs.mkdirSync(new URL('i18n/', dir), { recursive: true });
const transpile = (path) =>
  ts.transpileModule(fs.readFileSync(new URL(path, import.meta.url), 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
  }).outputText;
fs.writeFileSync(new URL('i18n/en.js', dir), transpile('../src/lib/i18n/en.ts'));
fs.writeFileSync(
  new URL('i18n/index.svelte.js', dir),
  `import { en } from './en.js';
export const locale = () => 'en-GB';
export const t = (key) => en[key] ?? key;
export const tk = (key, _params, fallback) => en[key] ?? fallback ?? key;
`,
);
fs.writeFileSync(new URL('format.js', dir), 'export const money = (v, cur) => `${cur} ${v}`;\nexport const date = (s) => `day ${s}`;\n');
fs.writeFileSync(new URL('transport.js', dir), 'export const call = () => { throw new Error("no server in this test"); };\n');
fs.writeFileSync(new URL('api.js', dir), 'export const getToken = () => "";\n');
const js = transpile('../src/lib/reports.ts').replace(/from '\.\/([\w./]+)'/g, (_, p) => `from './${p}.js'`);
fs.writeFileSync(new URL('reports.js', dir), js);
const { tableCsv, cellText, chartColumns, csvField, downloadCsv } = await import(`${new URL('reports.js', dir).href}?${Date.now()}`);

const table = (id, columns, rows = []) => ({ id, chart: 'bar', columns: columns.map(([key, kind]) => ({ key, kind })), rows });

const comments = table(
  'feedback_comments',
  [['given_at', 'text'], ['desk', 'text'], ['clerk', 'text'], ['rating', 'count'], ['comment', 'text']],
  [
    ['2026-10-06 01:30', 'DESK-1', 'Ivanova, Maria', '4', 'Бързо, благодаря'],
    ['2026-10-12 12:15', 'DESK-2', 'Georgi "Gosho" Dimitrov', '1', 'slow\nvery slow'],
    ['2026-10-13 09:00', 'DESK-2', 'Georgi', '5', 'line one\r\nline two'],
  ],
);

test('a field is quoted only when it holds a comma, a quote or a line break; its quotes are doubled', () => {
  assert.equal(csvField('plain text'), 'plain text');
  assert.equal(csvField(''), '');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\ronly'), '"cr\ronly"');
});

test('the CSV: a header of the columns in words, one CRLF line per row, quoted where needed', () => {
  const csv = tableCsv(comments);
  assert.ok(!csv.startsWith('\ufeff'), 'the byte-order mark is the file’s, not the text’s');
  assert.ok(csv.endsWith('\r\n'));
  assert.equal(
    csv,
    'Given at,Desk,Clerk,Rating,Comment\r\n' +
      '2026-10-06 01:30,DESK-1,"Ivanova, Maria",4,"Бързо, благодаря"\r\n' +
      '2026-10-12 12:15,DESK-2,"Georgi ""Gosho"" Dimitrov",1,"slow\nvery slow"\r\n' +
      '2026-10-13 09:00,DESK-2,Georgi,5,"line one\r\nline two"\r\n',
  );
});

test('figures go into the CSV as the table holds them; codes in words; an empty cell stays empty', () => {
  const returns = table('returns_by_outcome', [['outcome', 'text'], ['returns', 'count'], ['refunded', 'money']], [
    ['approved', '1234', '10234.50'],
    ['none', '0', '-0.10'],
  ]);
  assert.equal(tableCsv(returns), 'Outcome,Returns,Refunded\r\nApproved,1234,10234.50\r\nNone,0,-0.10\r\n');
  const claims = table('claims_over_time', [['period', 'date'], ['new_claims', 'count'], ['settled_claims', 'count'], ['average_days_to_settle', 'days']], [
    ['2026-10-05', '3', '0', ''],
    ['2026-10-12', '1', '2', '6.5'],
  ]);
  const lines = tableCsv(claims).split('\r\n');
  assert.deepEqual(lines.slice(1), ['2026-10-05,3,0,', '2026-10-12,1,2,6.5', '']);
  const rates = table('return_rate_by_sku', [['sku', 'text'], ['currency', 'text'], ['unit_rate', 'percent']], [['TV-55', 'EUR', '5.88']]);
  assert.equal(tableCsv(rates).split('\r\n')[1], 'TV-55,EUR,5.88', 'a SKU and a currency are names, not codes to translate');
});

test('the downloaded file is the CSV after a UTF-8 byte-order mark', async () => {
  let blob;
  const clicked = [];
  globalThis.document = {
    createElement: () => ({ click() { clicked.push(this.download); }, remove() {} }),
    body: { appendChild() {} },
  };
  URL.createObjectURL = (b) => ((blob = b), 'blob:report');
  URL.revokeObjectURL = () => {};
  downloadCsv(comments, { store: 'S01', desk: 'DESK-2', from: '2026-09-28', to: '2026-10-18' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3)), tableCsv(comments));
  assert.match(blob.type, /^text\/csv;charset=utf-8$/);
  assert.deepEqual(clicked, ['feedback_comments_S01-DESK-2_2026-09-28_2026-10-18.csv']);
});

test('a cell on screen: money in its row’s currency (else the report’s), numbers the locale’s way, codes in words', () => {
  const rates = table('return_rate_by_category', [['category', 'text'], ['currency', 'text'], ['sold_units', 'count'], ['unit_rate', 'percent'], ['sold_value', 'money']]);
  const row = ['electronics', 'BGN', '12345', '17.65', '899.00'];
  assert.equal(cellText(rates, 4, row, 'EUR'), 'BGN 899.00', 'the row names its currency');
  assert.equal(cellText(rates, 2, row, 'EUR'), '12,345');
  assert.equal(cellText(rates, 3, row, 'EUR'), '17.65%');
  const returns = table('returns_over_time', [['period', 'date'], ['returns', 'count'], ['refunded', 'money']]);
  assert.equal(cellText(returns, 2, ['2026-10-05', '3', '102.86'], 'EUR'), 'EUR 102.86', 'no currency column: the report’s');
  assert.equal(cellText(returns, 0, ['2026-10-05', '3', '102.86'], 'EUR'), 'day 2026-10-05');
  const claims = table('claims_over_time', [['period', 'date'], ['settled_claims', 'count'], ['average_days_to_settle', 'days']]);
  assert.equal(cellText(claims, 2, ['2026-10-05', '0', ''], 'EUR'), '—', 'nothing to average');
  assert.equal(cellText(claims, 2, ['2026-10-05', '2', '6.5'], 'EUR'), '6.5');
  const rated = table('feedback_by_desk', [['desk', 'text'], ['average_rating', 'score']]);
  assert.equal(cellText(rated, 1, ['DESK-1', '3.5'], 'EUR'), '3.50');
  const outcomes = table('returns_by_outcome', [['outcome', 'text']]);
  assert.equal(cellText(outcomes, 0, ['approved'], 'EUR'), 'Approved');
  assert.equal(cellText(outcomes, 0, ['none'], 'EUR'), 'None');
  assert.equal(cellText(outcomes, 0, ['something_new'], 'EUR'), 'something_new', 'a code without words shows as it is');
});

test('a chart draws the columns chosen for its table, or the figures of the table’s first two kinds', () => {
  const rates = table('return_rate_by_brand', [['brand', 'text'], ['currency', 'text'], ['sold_units', 'count'], ['unit_rate', 'percent'], ['sold_value', 'money'], ['value_rate', 'percent']]);
  assert.deepEqual(chartColumns(rates), [3, 5]);
  const claims = table('claims_over_time', [['period', 'date'], ['new_claims', 'count'], ['settled_claims', 'count'], ['average_days_to_settle', 'days']]);
  assert.deepEqual(chartColumns(claims), [1, 2, 3]);
  const mixed = table('refunds_by_tender', [['tender', 'text'], ['refunds', 'count'], ['amount', 'money'], ['share', 'percent']]);
  assert.deepEqual(chartColumns(mixed), [1, 2], 'a third kind is left out');
  const handling = table('handling_by_desk', [['desk', 'text'], ['returns', 'count'], ['median_minutes', 'minutes'], ['average_minutes', 'minutes']]);
  assert.deepEqual(chartColumns(handling), [2, 3], 'a chosen column the table lacks (p90) is skipped');
  assert.deepEqual(chartColumns(table('feedback_comments', [['comment', 'text']])), []);
});

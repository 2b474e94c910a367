// The TypeScript types generated from the Rust types must be current (scripts/generate-api.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { generate } from '../scripts/gen-api.mjs';

test('ui/src/lib/generated/openapi.ts is generated from docs/openapi.json as it is', async () => {
  const stored = await readFile(new URL('../src/lib/generated/openapi.ts', import.meta.url), 'utf8');
  assert.ok(stored === (await generate()), 'ui/src/lib/generated/openapi.ts is stale: run scripts/generate-api.sh');
});

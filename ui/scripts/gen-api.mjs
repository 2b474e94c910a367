// Turns docs/openapi.json (made from the Rust types) into ui/src/lib/generated/openapi.ts with
// openapi-typescript. `--check` answers whether the file is current instead of writing it.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const source = new URL('../../docs/openapi.json', import.meta.url);
const target = new URL('../src/lib/generated/openapi.ts', import.meta.url);

export async function generate() {
  const ast = await openapiTS(JSON.parse(await readFile(source, 'utf8')));
  return (
    '// Generated from docs/openapi.json by scripts/generate-api.sh (openapi-typescript): do not edit.\n' +
    astToString(ast)
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fresh = await generate();
  if (process.argv.includes('--check')) {
    const stored = await readFile(target, 'utf8').catch(() => '');
    if (stored !== fresh) {
      console.error('ui/src/lib/generated/openapi.ts is stale: run scripts/generate-api.sh');
      process.exit(1);
    }
  } else {
    await writeFile(target, fresh);
  }
}

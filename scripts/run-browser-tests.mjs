// `npm run test:browser`: every test-browser/**/*.test.ts with Node's test runner through tsx. Kept apart from
// `npm test` so that the everyday suite needs no browser; these tests fail (never skip) when none can run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return collect(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = collect('test-browser').sort();
if (files.length === 0) {
  console.error('no browser test files found under test-browser/');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);

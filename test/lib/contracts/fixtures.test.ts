import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { assetPath } from '../../../lib/package-root.js';
import { parseReport, reportKinds, serializeReport } from '../../../lib/contracts/index.js';
import { samples } from './samples.js';

// test/fixtures/reports/<name>.json are the samples exactly as gh-mlops writes them, for other tests and for people to read.
// Regenerate after changing a sample or a schema: UPDATE_FIXTURES=1 node scripts/run-tests.mjs test/lib/contracts/fixtures
for (const kind of reportKinds) {
  const file = assetPath('test', 'fixtures', 'reports', `${kind.slice(6)}.json`);
  test(`fixture ${kind.slice(6)}.json is the sample as written, and reads back`, () => {
    const expected = serializeReport(samples[kind]);
    if (process.env.UPDATE_FIXTURES) writeFileSync(file, expected);
    const text = readFileSync(file, 'utf8');
    assert.equal(text, expected, 'fixture out of date: regenerate with UPDATE_FIXTURES=1');
    assert.deepEqual(parseReport(text, file, kind), samples[kind]);
  });
}

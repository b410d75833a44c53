import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidDocumentError, formatDiagnostic } from '../../../lib/errors.js';
import { assetPath } from '../../../lib/package-root.js';
import { loadDataSchema, parseDataSchema } from '../../../lib/validation/load-schema.js';

const fixture = (name: string) => assetPath('test', 'fixtures', 'data-schemas', name);

async function diagnosticsOf(name: string): Promise<string[]> {
  try {
    await loadDataSchema(fixture(name), name);
  } catch (error) {
    assert.ok(error instanceof InvalidDocumentError);
    return error.diagnostics.map(formatDiagnostic);
  }
  assert.fail(`${name} loaded`);
}

test('load schema: the example churn schema loads', async () => {
  const { schema, file } = await loadDataSchema(assetPath('examples', 'data', 'churn.schema.yml'), 'churn.schema.yml');
  assert.equal(file, 'churn.schema.yml');
  assert.equal(schema.columns.length, 15);
  assert.equal(schema.target, 'churned');
});

test('load schema: unknown keys get file:line:col and a did-you-mean', async () => {
  assert.deepEqual(await diagnosticsOf('typos.yml'), ["typos.yml:6:5: error: unknown key 'nulable' (at columns[0].nulable)\n  hint: did you mean 'nullable'?"]);
});

test('load schema: semantic errors (unknown target, min > max) point at their lines', () => {
  const text = 'version: 1\ntarget: churn\ncolumns:\n  - name: age\n  - name: plan\n    range: { min: 5, max: 1 }\n';
  try {
    parseDataSchema(text, 's.yml');
    assert.fail('parsed');
  } catch (error) {
    assert.ok(error instanceof InvalidDocumentError);
    assert.deepEqual(error.diagnostics.map(formatDiagnostic), [
      "s.yml:6:12: error: min (5) is greater than max (1) (at columns[1].range)\n  hint: swap them",
      "s.yml:2:9: error: 'churn' is not a column of this schema (at target)\n  hint: add it to columns, or use one of: age, plan",
    ]);
  }
});

test('load schema: catastrophic regexes are refused at load with the line:col of the pattern', async () => {
  const d = await diagnosticsOf('unsafe-regex.yml');
  assert.equal(d.length, 2);
  assert.match(d[0]!, /^unsafe-regex\.yml:4:12: error: regex refused: the quantifier 'a\+' is nested in a repetition .* \(at offset 2 of the pattern\) \(at columns\[0\]\.regex\)/);
  assert.match(d[1]!, /^unsafe-regex\.yml:7:16: error: regex refused: the quantifier '\[a-z0-9\]\+' is nested .* \(at columns\[1\]\.regex\.pattern\)\n  hint: rewrite the pattern/);
});

test('load schema: a misspelled column in compare gets a did-you-mean', () => {
  const text = "version: 1\ncolumns:\n  - name: start\n  - name: end\ncompare:\n  - { left: strat, op: '<=', right: end }\n";
  assert.throws(() => parseDataSchema(text, 'c.yml'), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    assert.deepEqual(error.diagnostics.map(formatDiagnostic), ["c.yml:6:13: error: 'strat' is not a column of this schema (at compare[0].left)\n  hint: did you mean 'start'?"]);
    return true;
  });
});

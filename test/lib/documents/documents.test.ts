import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPath, pointerToSegments } from '../../../lib/documents/document-path.js';
import { parseYamlDocument } from '../../../lib/documents/parse-yaml-document.js';
import { suggest } from '../../../lib/documents/suggest.js';
import { BadInputError } from '../../../lib/errors.js';

test('suggest: close misspellings, case differences, and nothing for unrelated words', () => {
  assert.equal(suggest('gaets', ['gates', 'metrics', 'model']), 'gates');
  assert.equal(suggest('hihg', ['low', 'medium', 'high']), 'high');
  assert.equal(suggest('Risk', ['risk', 'owner']), 'risk');
  assert.equal(suggest('featurse', ['features', 'churn']), 'features');
  assert.equal(suggest('banana', ['low', 'medium', 'high']), undefined);
  assert.equal(suggest('x', []), undefined);
});

test('formatPath / pointerToSegments: how paths are written in diagnostics', () => {
  assert.deepEqual(pointerToSegments('/models/0/evaluation/gates/1'), ['models', 0, 'evaluation', 'gates', 1]);
  assert.deepEqual(pointerToSegments('/a~1b/c~0d'), ['a/b', 'c~d']);
  assert.deepEqual(pointerToSegments(''), []);
  assert.equal(formatPath(['models', 0, 'evaluation', 'gates', 1]), 'models[0].evaluation.gates[1]');
  assert.equal(formatPath(['promotion', 'stages', 'canary-eu']), 'promotion.stages.canary-eu');
  assert.equal(formatPath(['params', 'learning rate']), 'params["learning rate"]');
  assert.equal(formatPath([]), '(document root)');
});

test('parseYamlDocument: locate finds keys and values, and the nearest parent of a missing path', () => {
  const doc = parseYamlDocument('version: 1\nmodels:\n  - name: churn\n    risk: low\n', 'c.yml');
  assert.deepEqual(doc.locate(['models', 0, 'risk']), { line: 4, col: 11 });
  assert.deepEqual(doc.locate(['models', 0, 'risk'], 'key'), { line: 4, col: 5 });
  assert.deepEqual(doc.locate(['models', 0, 'owner']), { line: 3, col: 5 });
});

test('parseYamlDocument: too large and empty inputs are refused at 1:1', () => {
  assert.throws(() => parseYamlDocument('a: 1\n', 'big.yml', { maxBytes: 3, maxAliasCount: 50 }), (error: unknown) => {
    assert.ok(error instanceof BadInputError);
    assert.equal(error.message, 'big.yml is 5 bytes; the limit is 3 bytes');
    return true;
  });
  assert.throws(() => parseYamlDocument('# nothing\n', 'e.yml'), { message: 'e.yml is empty' });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReport, serializeReport } from '../../../lib/contracts/index.js';
import { BadInputError } from '../../../lib/errors.js';
import { assetPath } from '../../../lib/package-root.js';
import { createTemplateRegistry } from '../../../lib/templates/index.js';
import { loadDataSchema, parseDataSchema } from '../../../lib/validation/load-schema.js';
import { schemaPathOf, selectAnnotations, toJobSummaryView } from '../../../lib/validation/present.js';
import { rankResults, validateDataset } from '../../../lib/validation/validate.js';
import { batch, fileBatches, stream } from './batches.js';

const churn = (split: string, batchRows = 64) => fileBatches(assetPath('fixtures', 'datasets', `churn-${split}.csv`), `churn-${split}.csv`, batchRows);
const churnSchema = () => loadDataSchema(assetPath('examples', 'data', 'churn.schema.yml'), 'examples/data/churn.schema.yml');

test('churn schema: train and test pass every expectation', async () => {
  const schema = await churnSchema();
  for (const split of ['train', 'test']) {
    const body = await validateDataset(stream(churn(split)), schema);
    assert.equal(body.passed, true, split);
    assert.equal(body.summary.expectations, 42);
    assert.equal(body.summary.failed, 0);
  }
});

test('churn schema: churn-bad fails exactly at the six planted lines', async () => {
  const body = await validateDataset(stream(churn('bad', 50)), await churnSchema());
  assert.deepEqual(body.summary, { expectations: 42, failed: 4, rows: 300, malformed: 0 });
  const failed = body.results.filter((r) => !r.passed).map((r) => ({ id: r.id, count: r.unexpectedCount, examples: r.examples }));
  const at = (line: number, value: string | null) => ({ file: 'churn-bad.csv', line, value });
  assert.deepEqual(failed, [
    { id: 'tenure_months.not_null', count: 3, examples: [at(19, null), at(91, null), at(205, null)] },
    { id: 'monthly_charges.in_range', count: 1, examples: [at(47, '-20.00')] },
    { id: 'satisfaction_score.in_range', count: 1, examples: [at(152, '9')] },
    { id: 'plan.in_set', count: 1, examples: [at(122, 'platinum')] },
  ]);
  assert.equal(body.results.filter((r) => r.passed && r.unexpectedCount > 0).map((r) => r.id).join(), 'monthly_charges<=total_charges');
  // The body fits the mlops/validation v1 contract (serializeReport validates before writing).
  const report = createReport('mlops/validation', body, { subject: { dataset: { fingerprint: 'sha256:' + '0'.repeat(64), rows: 300 } }, now: new Date(0), toolVersion: '0.1.0' });
  assert.match(serializeReport(report), /"kind": "mlops\/validation"/);
});

test('annotations: one row of each failed expectation first (most unexpected first), then the rest, at most 10', async () => {
  const body = await validateDataset(stream(churn('bad')), await churnSchema());
  const { annotations, omitted } = selectAnnotations(body);
  assert.deepEqual(annotations.map((a) => `${a.file}:${a.line} ${a.title}`), [
    'churn-bad.csv:19 tenure_months.not_null',
    'churn-bad.csv:47 monthly_charges.in_range',
    'churn-bad.csv:152 satisfaction_score.in_range',
    'churn-bad.csv:122 plan.in_set',
    'churn-bad.csv:91 tenure_months.not_null',
    'churn-bad.csv:205 tenure_months.not_null',
  ]);
  assert.equal(omitted, 0);
  const capped = selectAnnotations(body, { max: 3 });
  assert.deepEqual([capped.annotations.length, capped.omitted], [3, 3]);
});

test('a required schema column missing from the data is bad input pointing at the schema line, with a did-you-mean', async () => {
  const schema = await loadDataSchema(assetPath('test', 'fixtures', 'data-schemas', 'missing-column.yml'), 'missing-column.yml');
  await assert.rejects(validateDataset(stream(churn('test')), schema), (error: unknown) => {
    assert.ok(error instanceof BadInputError);
    assert.equal(error.exitCode, 2);
    assert.equal(error.code, 'column-not-found');
    assert.match(error.message, /^churn-test\.csv: column 'tenure_month' \(required by missing-column\.yml\) is not in the data; its columns are: customer_id, /);
    assert.deepEqual(error.location, { file: 'missing-column.yml', line: 4, col: 11, path: 'columns[1].name' });
    assert.equal(error.hint, "did you mean 'tenure_months'? (or mark the column `required: false`)");
    return true;
  });
});

test('order and extra columns, optional columns, malformed rows, splits', async () => {
  const schema = parseDataSchema('version: 1\norder: strict\nextraColumns: forbid\ncolumns:\n  - name: b\n  - name: a\n  - name: z\n    required: false\n    nullable: false\n', 's.yml');
  const body = await validateDataset(stream([batch({ a: ['1'], b: ['2'], c: ['3'] })]), schema, {
    malformed: [{ file: 'data.csv', line: 9, offset: 120, reason: 'expected 3 fields, found 4' }],
  });
  assert.deepEqual(body.results.map((r) => [r.id, r.passed, r.observed]), [
    ['column_order', false, { expected: ['b', 'a'], actual: ['a', 'b'] }],
    ['no_extra_columns', false, { extra: ['c'] }],
    ['z.not_null', true, { missing: 0, rows: 0 }],
  ]);
  assert.deepEqual(body.malformed, [{ file: 'data.csv', line: 9, offset: 120, reason: 'expected 3 fields, found 4' }]);
  assert.equal(body.summary.malformed, 1);
});

test('splits: train and test rows overlapping are counted; the churn splits do not overlap', async () => {
  const schema = await churnSchema();
  const train = churn('train');
  const leaky = [...churn('test'), batch(Object.fromEntries(train[0]!.columns.map((c, i) => [c, train[0]!.cells[i]!.slice(0, 5)])), 'churn-test.csv', 1002)];
  const files = new Map<string, string>([['churn-train.csv', 'train'], ['churn-test.csv', 'test']]);
  const splits = { names: ['train', 'test'], of: (f: string) => files.get(f) };
  const clean = await validateDataset(stream(train, churn('test')), schema, { splits });
  assert.deepEqual(clean.results.find((r) => r.id === 'split_overlap')?.passed, true);
  const dirty = await validateDataset(stream(train, leaky), schema, { splits });
  const overlap = dirty.results.find((r) => r.id === 'split_overlap')!;
  assert.deepEqual([overlap.passed, overlap.unexpectedCount, overlap.examples.map((e) => e.line)], [false, 5, [1002, 1003, 1004, 1005, 1006]]);
  // The copied rows also repeat customer ids: both fail with 5 rows; ties keep report order.
  assert.deepEqual(rankResults(dirty.results).slice(0, 2).map((r) => [r.id, r.passed]), [['customer_id.unique', false], ['split_overlap', false]]);
});

test('markdown: the report maps onto the job-summary-validation template', async () => {
  const loaded = await churnSchema();
  const body = await validateDataset(stream(churn('bad')), loaded);
  const report = createReport('mlops/validation', body, { subject: { dataset: { fingerprint: 'sha256:' + 'ab'.repeat(32), rows: 300 } }, now: new Date('2025-01-31T12:00:00Z'), toolVersion: '0.1.0' });
  const view = toJobSummaryView(report, { dataset: 'churn-bad.csv', commitSha: 'a'.repeat(40) });
  const md = await createTemplateRegistry().render('job-summary-validation', view);
  assert.match(md, /^## ❌ Data validation failed: `churn-bad.csv`/);
  assert.match(md, /300 rows · 42 expectations · 4 failed · 0 malformed rows/);
  assert.match(md, /\| `in_set` \| `plan` \| .* \| unexpectedValues \{platinum 1\} \| 1 \(0\.33%\) \|/);
  assert.match(md, /\| `churn-bad.csv` \| 122 \| `platinum` \|/);
  assert.deepEqual(schemaPathOf(body.results.find((r) => r.id === 'plan.in_set')!, loaded.schema), ['columns', 11, 'name']);
});

test('baseline: with a profile, the schema columns it knows get mean / missing / new-category checks', async () => {
  const loaded = parseDataSchema('version: 1\ncolumns:\n  - name: x\n  - name: c\nbaseline:\n  meanWithinStd: 1\n', 's.yml');
  const baseline = {
    rows: 4,
    fingerprint: 'sha256:' + '0'.repeat(64),
    columns: [
      { name: 'x', type: 'number' as const, count: 4, missing: 0, distinct: { estimate: 4, errorBound: 0 }, mean: 2, variance: 1 },
      { name: 'c', type: 'categorical' as const, count: 4, missing: 0, distinct: { estimate: 2, errorBound: 0 }, topK: { exact: true, items: [{ value: 'a', count: 2 }, { value: 'b', count: 2 }] } },
      { name: 'gone', type: 'number' as const, count: 4, missing: 0, distinct: { estimate: 4, errorBound: 0 }, mean: 0, variance: 1 },
    ],
  };
  const body = await validateDataset(stream([batch({ x: ['5', '5', '5', null], c: ['a', 'b', 'z', 'a'] })]), loaded, { baseline });
  assert.deepEqual(body.results.map((r) => [r.id, r.passed]), [
    ['x.baseline_mean', false],
    ['x.baseline_missing', false],
    ['c.baseline_missing', true],
    ['c.baseline_new_categories', false],
  ]);
  // Without --baseline the section is inert.
  assert.equal((await validateDataset(stream([batch({ x: ['5'], c: ['a'] })]), loaded)).summary.expectations, 0);
});

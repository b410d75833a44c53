import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { assetPath } from '../../../lib/package-root.js';
import { formatSchemaYaml, inferSchema } from '../../../lib/validation/infer-schema.js';
import { parseDataSchema } from '../../../lib/validation/load-schema.js';
import { validateDataset } from '../../../lib/validation/validate.js';
import { batch, fileBatches, stream } from './batches.js';

const datasets = ['iris', 'breast-cancer', 'churn-train', 'churn-test', 'churn-shifted', 'churn-bad'];

test('infer: every fixture dataset passes the schema inferred from it (after a YAML round trip)', async () => {
  for (const name of datasets) {
    const data = () => stream(fileBatches(assetPath('fixtures', 'datasets', `${name}.csv`), `${name}.csv`, 100));
    const yaml = formatSchemaYaml(await inferSchema(data(), { target: name === 'iris' ? 'species' : undefined }));
    const loaded = parseDataSchema(yaml, `${name}.schema.yml`);
    const body = await validateDataset(data(), loaded);
    assert.equal(body.passed, true, `${name}: ${JSON.stringify(body.results.filter((r) => !r.passed))}`);
    assert.ok(body.summary.expectations > loaded.schema.columns.length, name);
  }
});

test('infer: types, nullability, ranges, categories and ids of churn-bad', async () => {
  const schema = await inferSchema(stream(fileBatches(assetPath('fixtures', 'datasets', 'churn-bad.csv'), 'churn-bad.csv')));
  const col = (name: string) => schema.columns.find((c) => c.name === name);
  assert.deepEqual(col('customer_id'), { name: 'customer_id', type: 'string', nullable: false, unique: true, length: { min: 7, max: 7 } });
  assert.deepEqual(col('tenure_months'), { name: 'tenure_months', type: 'integer', maxMissing: 0.01, description: 'observed 3 missing of 300 rows (1.00%)', range: { min: 1, max: 72 } });
  assert.deepEqual(col('monthly_charges')?.range, { min: -20, max: 117.25 });
  assert.deepEqual(col('plan'), { name: 'plan', type: 'categorical', nullable: false, allowed: ['basic', 'platinum', 'premium', 'standard'] });
  assert.deepEqual(col('churned'), { name: 'churned', type: 'integer', nullable: false, range: { min: 0, max: 1 } });
  assert.deepEqual(schema.rows, { min: 1 });
});

test('infer: datetime and boolean columns; YAML output starts with the $schema comment', async () => {
  const schema = await inferSchema(stream([batch({ at: ['2024-01-02', '2023-12-31', '2024-02-01'], ok: ['true', 'FALSE', 'true'] })]));
  assert.deepEqual(schema.columns, [
    { name: 'at', type: 'datetime', nullable: false, range: { min: '2023-12-31', max: '2024-02-01' } },
    { name: 'ok', type: 'boolean', nullable: false },
  ]);
  const yaml = formatSchemaYaml(schema, '../schema/data-schema.schema.json');
  assert.match(yaml, /^# yaml-language-server: \$schema=\.\.\/schema\/data-schema\.schema\.json\n/);
  assert.deepEqual(parse(yaml), schema);
});

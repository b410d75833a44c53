import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidDocumentError } from '../../../lib/errors.js';
import { assetPath } from '../../../lib/package-root.js';
import { configSchema, cronProblem, formatDuration, loadConfig, parseDuration, resolveConfig, type MlopsConfig } from '../../../lib/config/index.js';

const minimal = 'version: 1\nmodels:\n  - name: churn\n    owner: "@acme/ml-team"\n    risk: medium\n';

test('loadConfig: a minimal config resolves every default', async () => {
  const loaded = await loadConfig('mlops.yml', { text: minimal });
  assert.deepEqual(loaded.warnings, []);
  assert.deepEqual(loaded.resolved, {
    version: 1,
    models: [
      {
        name: 'churn',
        owner: '@acme/ml-team',
        risk: 'medium',
        paths: ['models/churn/**'],
        depends_on: [],
        on_upstream_change: 'notify',
        promotion: {
          stages: [
            { name: 'staging', kind: 'normal', traffic_percent: 100, min_soak: '0m', minSoakMs: 0 },
            { name: 'production', kind: 'normal', traffic_percent: 100, min_soak: '0m', minSoakMs: 0 },
          ],
          required_approvals: 1,
          auto_promote: false,
          policy: 'risk-medium',
        },
      },
    ],
  });
});

test('resolveConfig: runner, evaluation and monitoring defaults', () => {
  const config: MlopsConfig = {
    version: 1,
    models: [
      {
        name: 'm',
        owner: '@a',
        risk: 'low',
        data: { baseline: 'b.json' },
        training: { command: 'train', runner: { instance_types: ['g5.xlarge'] } },
        evaluation: { model: 'm.onnx', data: 'd.csv', target: 'y', task: 'regression', gates: [{ metric: 'rmse', op: '<=', value: 3 }, { metric: 'r2', max_regression: 0.01 }] },
        promotion: { stages: [{ name: 'canary', kind: 'canary', traffic_percent: 5 }, { name: 'shadow', kind: 'shadow' }] },
        monitoring: { source: { path: 'live.csv' }, drift: { thresholds: { psi: 0.3 } } },
      },
    ],
  };
  const m = resolveConfig(config).models[0]!;
  assert.deepEqual(m.training, {
    command: 'train',
    params: {},
    runner: { instance_types: ['g5.xlarge'], subnets: [], market: 'spot-then-on-demand', ttl: '6h', ttlMs: 21_600_000, disk_gb: 100, max_interruptions: 2 },
    workflow: 'train.yml',
  });
  assert.deepEqual(m.evaluation, {
    model: 'm.onnx',
    data: 'd.csv',
    target: 'y',
    task: 'regression',
    slices: [],
    metrics: ['rmse', 'mae', 'mse', 'r2', 'mape', 'median_ae'],
    primaryMetric: 'rmse',
    gates: [
      { metric: 'rmse', op: '<=', value: 3, id: 'rmse-max' },
      { metric: 'r2', max_regression: 0.01, relative_to: 'champion', id: 'r2-no-regression' },
    ],
    workflow: 'evaluate.yml',
  });
  assert.deepEqual(m.promotion.stages.map((s) => [s.name, s.kind, s.traffic_percent]), [['canary', 'canary', 5], ['shadow', 'shadow', 0]]);
  assert.deepEqual(m.monitoring, {
    schedule: '0 6 * * *',
    source: { path: 'live.csv' },
    baseline: 'b.json',
    drift: { numeric_method: 'psi', categorical_method: 'chi2', thresholds: { psi: 0.3, ks: 0.05, wasserstein: 0.1, jensen_shannon: 0.1, chi2: 0.05 }, dataset_drift_share: 0.5 },
    on_drift: 'issue',
    close_after_clean_windows: 3,
    retrain_cooldown: '7d',
    retrainCooldownMs: 604_800_000,
    retrain_workflow: 'retrain.yml',
    ack_for: '7d',
    ackForMs: 604_800_000,
  });
});

// Schema defaults are documentation; resolveConfig applies them. Every documented default must be what it applies.
test('every default the schema documents is the one resolveConfig applies', () => {
  const schema = configSchema() as { definitions: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
  const config: MlopsConfig = {
    version: 1,
    models: [
      {
        name: 'm',
        owner: '@a',
        risk: 'low',
        training: { command: 't', runner: { instance_types: ['g5.xlarge'] } },
        evaluation: { model: 'm.onnx', data: 'd', target: 'y' },
        promotion: { stages: [{ name: 's' }] },
        monitoring: { source: { path: 'p' }, baseline: 'b' },
      },
    ],
  };
  const m = resolveConfig(config).models[0]! as unknown as Record<string, Record<string, unknown>>;
  const defaults: Array<[string, unknown, unknown]> = [];
  const walk = (node: Record<string, unknown>, resolved: unknown, path: string) => {
    const props = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [key, raw] of Object.entries(props)) {
      const prop = raw.$ref ? { ...schema.definitions[String(raw.$ref).split('/').pop()!]!, ...raw } : raw;
      const value = resolved && typeof resolved === 'object' ? (resolved as Record<string, unknown>)[key] : undefined;
      if (prop.default !== undefined) defaults.push([`${path}.${key}`, prop.default, value]);
      if (prop.properties && value !== undefined) walk(prop, value, `${path}.${key}`);
      if (prop.items && Array.isArray(value) && value.length > 0) {
        const items = prop.items as Record<string, unknown>;
        const item = items.$ref ? schema.definitions[String(items.$ref).split('/').pop()!]! : items;
        walk(item as Record<string, unknown>, value[0], `${path}.${key}[0]`);
      }
    }
  };
  walk(schema.definitions.model as Record<string, unknown>, m, 'model');
  assert.ok(defaults.length >= 20, `found ${defaults.length} defaults`);
  for (const [path, documented, applied] of defaults) assert.deepEqual(applied, documented, path);
});

test('loadConfig: every finding at once, sorted by position, warnings kept apart', async () => {
  const text = minimal + '    depends_on: [churn]\n    evaluation:\n      model: m.onnx\n      data: d.csv\n      target: y\n      task: binary\n      metrics: [roc_auc, acuracy]\n';
  await assert.rejects(loadConfig('c.yml', { text }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    assert.equal(error.message, 'c.yml: 1 error in gh-mlops config');
    assert.deepEqual(
      error.diagnostics.map((d) => [d.severity, `${d.location.line}:${d.location.col}`, d.message, d.hint]),
      [
        ['error', '6:18', "model 'churn' depends on itself", 'remove it from its own depends_on'],
        ['warning', '12:26', "metric 'acuracy' is not one gh-mlops computes for task binary", "did you mean 'accuracy'?"],
      ],
    );
    return true;
  });
});

test('loadConfig: a valid config with warnings returns them', async () => {
  const text = minimal + '    data:\n      baseline: b.json\n    monitoring:\n      schedule: "* * * * *"\n      source: {path: live.csv}\n';
  const loaded = await loadConfig('c.yml', { text });
  assert.deepEqual(loaded.warnings.map((d) => [`${d.location.line}:${d.location.col}`, d.message]), [
    ['9:17', "schedule '* * * * *' runs more often than every 5 minutes; GitHub Actions runs schedules at most every 5 minutes"],
  ]);
});

test('loadConfig: semantic checks of runners, stages and monitoring', async () => {
  const text =
    minimal +
    '    training:\n      command: t\n      runner:\n        instance_types: [g5.xlarge]\n        ttl: 0h\n        image_id: ami-0123456789abcdef0\n        image_ssm_param: /x/y\n' +
    '    promotion:\n      stages:\n        - name: canary\n          kind: canary\n        - name: prod\n          traffic_percent: 50\n' +
    '    monitoring:\n      on_drift: retrain\n      source: {glob: "live/*.csv"}\n';
  await assert.rejects(loadConfig('c.yml', { text }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    assert.deepEqual(
      error.diagnostics.map((d) => `${d.location.line}:${d.location.col} ${d.message}`),
      [
        "10:14 duration '0h' is zero",
        "12:9 give either 'image_id' or 'image_ssm_param', not both",
        "15:11 a canary stage needs 'traffic_percent' (1-99)",
        '18:28 a normal stage serves all traffic: traffic_percent must be 100 (or absent), got 50',
        '19:5 monitoring needs a baseline profile to compare with',
      ],
    );
    return true;
  });
});

test('loadConfig: on_drift: retrain needs training', async () => {
  const text = minimal + '    monitoring:\n      baseline: b.json\n      on_drift: retrain\n      source: {command: ./export.sh}\n';
  await assert.rejects(loadConfig('c.yml', { text }), (error: unknown) => {
    assert.ok(error instanceof InvalidDocumentError);
    assert.deepEqual(error.diagnostics.map((d) => `${d.location.line}:${d.location.col} ${d.message} (at ${d.location.path})`), [
      "8:17 on_drift: retrain needs a 'training' section in the model (at models[0].monitoring.on_drift)",
    ]);
    return true;
  });
});

test('the example config loads without warnings', async () => {
  const loaded = await loadConfig(assetPath('examples', '.github', 'mlops.yml'));
  assert.deepEqual(loaded.warnings, []);
  assert.deepEqual(loaded.resolved.models.map((m) => [m.name, m.risk, m.promotion.policy, m.evaluation?.primaryMetric]), [
    ['churn', 'medium', 'risk-medium', 'roc_auc'],
    ['retention-offer', 'high', 'risk-high', 'roc_auc'],
  ]);
});

test('the example config starts with the yaml-language-server schema line', async () => {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(assetPath('examples', '.github', 'mlops.yml'), 'utf8');
  assert.equal(text.split('\n')[0], '# yaml-language-server: $schema=../../schema/mlops.schema.json');
});

test('parseDuration / formatDuration', () => {
  assert.equal(parseDuration('30m'), 1_800_000);
  assert.equal(parseDuration('6h'), 21_600_000);
  assert.equal(parseDuration('7d'), 604_800_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('0m'), 0);
  assert.equal(parseDuration(''), undefined);
  assert.equal(parseDuration('6x'), undefined);
  assert.equal(parseDuration('30m1h'), undefined);
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(0), '0m');
});

test('cronProblem: 5 fields, GitHub syntax only, values in range', () => {
  assert.equal(cronProblem('0 6 * * *'), undefined);
  assert.equal(cronProblem('*/15 8-18 * JAN-JUN MON-FRI'), undefined);
  assert.equal(cronProblem('@daily'), "cron expression '@daily' has 1 field; expected 5 (minute hour day-of-month month day-of-week)");
  assert.equal(cronProblem('H 6 * * *'), "cron field 'H' of 'H 6 * * *' uses syntax GitHub Actions does not support (only numbers, month/day names and * , - /)");
  assert.equal(cronProblem('0 6 L * *'), "cron field 'L' of '0 6 L * *' uses syntax GitHub Actions does not support (only numbers, month/day names and * , - /)");
  assert.equal(cronProblem('61 6 * * *'), "invalid cron expression '61 6 * * *': Constraint error, got value 61 expected range 0-59");
});

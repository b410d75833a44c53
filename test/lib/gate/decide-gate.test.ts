import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DriftReport, EvaluationReport, ValidationReport } from '../../../lib/contracts/index.js';
import { decideGate, gatePassed } from '../../../lib/gate/decide-gate.js';
import { resolvePolicy } from '../../../lib/policies/index.js';
import type { PolicyRule } from '../../../lib/policies/types.js';

const envelope = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', tool: { name: 'gh-mlops', version: '0.1.0' }, subject: { model: { sha256: 'a'.repeat(64) } } } as const;

function evaluation(overrides: Partial<EvaluationReport> = {}): EvaluationReport {
  return {
    ...envelope,
    kind: 'mlops/evaluation',
    task: 'binary-classification',
    target: 'churned',
    rows: 1000,
    primaryMetric: 'roc_auc',
    metrics: { roc_auc: { value: 0.82 }, accuracy: { value: 0.79 }, log_loss: { value: 0.45 } },
    slices: [
      { column: 'plan', value: 'basic', rows: 400, metrics: { roc_auc: { value: 0.8 } } },
      { column: 'plan', value: 'pro', rows: 500, metrics: { roc_auc: { value: 0.85 } } },
      { column: 'plan', value: '(other)', rows: 100, metrics: { roc_auc: { value: 0.5 } } },
    ],
    sliceGaps: [],
    latency: { batch: { p50: 20, p95: 30, p99: 40 }, row: { p50: 0.1, p95: 0.25, p99: 0.5 }, rowsPerSecond: 100000 },
    model: { sha256: 'a'.repeat(64), bytes: 2_500_000, operators: [], inputs: [], outputs: [] },
    champion: {
      model: { sha256: 'b'.repeat(64) },
      metrics: { roc_auc: { value: 0.83 }, log_loss: { value: 0.5 } },
      deltas: {
        roc_auc: { delta: -0.01, ci: [-0.02, 0.001], verdict: 'inconclusive' },
        log_loss: { delta: -0.05, ci: [-0.07, -0.03], verdict: 'better' },
      },
    },
    ...overrides,
  } as EvaluationReport;
}

const policy = (gates: PolicyRule[]) => resolvePolicy({ gates });

test('absolute rules read quality and operational metrics; primary is the report primary metric', () => {
  const rules = decideGate(policy([
    { id: 'auc', metric: 'primary', op: '>=', value: 0.8 },
    { id: 'p95', metric: 'latency_p95_ms', op: '<=', value: 0.2 },
    { id: 'size', metric: 'model_size_mb', op: '<', value: 5 },
    { id: 'unknown', metric: 'r2', op: '>=', value: 0.5 },
  ]), { evaluation: evaluation() });
  assert.deepEqual(rules.map((r) => [r.id, r.observed, r.passed]), [['auc', 0.82, true], ['p95', 0.25, false], ['size', 2.5, true], ['unknown', null, false]]);
  assert.equal(rules[0]!.reason, 'roc_auc is 0.82, which meets >= 0.8.');
  assert.equal(rules[1]!.reason, 'latency_p95_ms is 0.25, which misses <= 0.2.');
  assert.equal(rules[3]!.reason, 'The evaluation has no metric r2 (it has roc_auc, accuracy, log_loss).');
});

test('relative rules: point delta, or the interval end on the bad side with use_ci; a loss regresses upwards', () => {
  const rules = decideGate(policy([
    { id: 'point', metric: 'primary', relative_to: 'champion', max_regression: 0.01 },
    { id: 'ci', metric: 'primary', relative_to: 'champion', max_regression: 0.01, use_ci: true },
    { id: 'loss', metric: 'log_loss', relative_to: 'champion', max_regression: 0, use_ci: true },
  ]), { evaluation: evaluation() });
  assert.deepEqual(rules.map((r) => r.passed), [true, false, true]);
  assert.equal(rules[1]!.reason, 'The 95% interval of the change in roc_auc reaches -0.02 (delta -0.01), beyond the allowed regression of 0.01.');
  const first = decideGate(policy([{ id: 'point', metric: 'primary', relative_to: 'champion', max_regression: 0 }]), { evaluation: evaluation({ champion: undefined }) });
  assert.deepEqual([first[0]!.passed, first[0]!.reason], [true, 'There is no champion yet, so there is nothing to regress from.']);
});

test('slice gap: the worst slice against the whole data, (other) left out', () => {
  const [tight, loose] = decideGate(policy([
    { id: 'tight', metric: 'primary', max_slice_gap: 0.01 },
    { id: 'loose', metric: 'primary', max_slice_gap: 0.05 },
  ]), { evaluation: evaluation() });
  assert.equal(tight!.passed, false);
  assert.equal(loose!.passed, true);
  assert.deepEqual(tight!.observed, { column: 'plan', value: 'basic', score: 0.8, overall: 0.82, trail: 0.81999999999999995 - 0.8 });
});

test('requirements: validation must pass, no open drift; missing evidence fails; disabled rules are left out', () => {
  const validation = { ...envelope, kind: 'mlops/validation', passed: false, summary: { expectations: 10, failed: 2, rows: 5, malformed: 0 } } as unknown as ValidationReport;
  const drift = { ...envelope, kind: 'mlops/drift', drifted: false, share: 0.1, threshold: 0.3 } as unknown as DriftReport;
  const gates: PolicyRule[] = [
    { id: 'validation', require: 'validation_passed' },
    { id: 'drift', require: 'no_open_drift' },
    { id: 'off', metric: 'accuracy', op: '>=', value: 0.99, enabled: false },
  ];
  const rules = decideGate(policy(gates), { validation, drift });
  assert.deepEqual(rules.map((r) => [r.id, r.passed, r.reason]), [
    ['validation', false, 'The data validation failed 2 of 10 expectations.'],
    ['drift', true, 'No drift: 10% of columns drifted (threshold 30%).'],
  ]);
  assert.equal(gatePassed(rules), false);
  const missing = decideGate(policy(gates), {});
  assert.deepEqual(missing.map((r) => r.passed), [false, false]);
  assert.equal(gatePassed(decideGate(policy([]), {})), true);
});

// Realistic, maximal samples of every report kind, typed with the hand-written interfaces. Object literals get
// TypeScript's excess-property check, and contracts.test.ts validates them against the schemas and checks they use every
// property the schemas declare: together, interfaces and schemas cannot drift apart.
import type {
  BundleManifest, DriftReport, EvaluationReport, GateReport, ProfileReport, Report, ReportKind, Subject, TrainingReport, ValidationReport,
} from '../../../lib/contracts/index.js';

const hex = (c: string) => c.repeat(64);
export const sampleCommit = { sha: 'a'.repeat(40), ref: 'refs/pull/7/merge', repository: 'acme/churn' };
export const sampleRun = { id: 9182736450, url: 'https://github.com/acme/churn/actions/runs/9182736450', attempt: 1 };
export const sampleDataset = {
  fingerprint: `sha256:${hex('1')}`,
  rows: 10000,
  files: [{ path: 'data/customers.csv', bytes: 812345, sha256: hex('2') }],
};
export const sampleSubject: Subject = { dataset: sampleDataset, model: { name: 'churn', sha256: hex('3'), bytes: 48213 }, commit: sampleCommit, run: sampleRun };
const envelope = { createdAt: '2025-01-31T12:00:00.000Z', tool: { name: 'gh-mlops' as const, version: '0.1.0' }, subject: sampleSubject };

export const validation: ValidationReport = {
  kind: 'mlops/validation', version: 1, ...envelope,
  passed: false,
  summary: { expectations: 2, failed: 1, rows: 10000, malformed: 1 },
  results: [
    { id: 'age-range', column: 'age', expectation: 'in_range', passed: false, observed: { min: -3, max: 140 }, unexpectedCount: 12, unexpectedPercent: 0.12, mostly: 0.99,
      examples: [{ file: 'data/customers.csv', line: 18, value: -3 }, { file: 'data/customers.csv', line: 944, value: 140 }] },
    { id: 'row-count', expectation: 'row_count_between', passed: true, observed: 10000, unexpectedCount: 0, unexpectedPercent: 0, examples: [] },
  ],
  malformed: [{ file: 'data/customers.csv', line: 501, offset: 40812, reason: 'expected 7 fields, found 6' }],
};

export const profile: ProfileReport = {
  kind: 'mlops/profile', version: 1, ...envelope,
  rows: 10000,
  fingerprint: `sha256:${hex('1')}`,
  columns: [
    { name: 'age', type: 'integer', count: 9990, missing: 10, distinct: { estimate: 83, errorBound: 0.01, exact: true }, min: 18, max: 99, mean: 41.2, variance: 151.3, n: 9990,
      quantiles: { kind: 'kll', rankError: 0.0133, state: { k: 200, levels: [[18, 35, 61]] } }, histogram: { edges: [18, 45, 72, 99], counts: [5210, 3920, 860] } },
    { name: 'plan', type: 'categorical', count: 10000, missing: 0, distinct: { estimate: 3, errorBound: 0 },
      topK: { exact: true, items: [{ value: 'basic', count: 6000 }, { value: 'pro', count: 3500 }, { value: 'team', count: 500 }] }, stringLength: { min: 3, max: 5, mean: 4.4 }, state: { v: 1 } },
  ],
};

export const drift: DriftReport = {
  kind: 'mlops/drift', version: 1, ...envelope,
  drifted: true, share: 0.5, threshold: 0.3, mode: 'profile',
  baseline: { fingerprint: `sha256:${hex('4')}`, rows: 50000, source: 'baseline/profile.json' },
  columns: [
    { column: 'age', type: 'integer', method: 'ks', statistic: 0.21, pValue: 0.0001, threshold: 0.05, drifted: true, warning: 'current window has under 1000 rows', approximate: true, errorBound: 0.0133, change: 'spike', severity: 'high',
      baseline: { count: 50000, missing: 0, mean: 40.1, std: 12.2, min: 18, max: 99, quantiles: [{ q: 0.5, value: 39 }], histogram: { edges: [18, 58, 99], counts: [30000, 20000] } },
      current: { count: 9990, missing: 10, mean: 47.9, std: 13.1, min: 18, max: 99, quantiles: [{ q: 0.5, value: 46 }], histogram: { edges: [18, 58, 99], counts: [5000, 4990] } } },
    { column: 'plan', type: 'categorical', method: 'jensenshannon', statistic: 0.02, threshold: 0.1, drifted: false, approximate: false, change: 'none', severity: 'none',
      baseline: { count: 50000, missing: 0, topK: { exact: true, items: [{ value: 'basic', count: 30000 }] } },
      current: { count: 10000, missing: 0, topK: { exact: true, items: [{ value: 'basic', count: 6000 }] } } },
  ],
  windows: [{ label: '2025-01-30', start: '2025-01-30T00:00:00.000Z', end: '2025-01-31T00:00:00.000Z', rows: 10000, share: 0.5, drifted: true, columns: [{ column: 'age', statistic: 0.21, drifted: true }] }],
};

export const evaluation: EvaluationReport = {
  kind: 'mlops/evaluation', version: 1, ...envelope,
  task: 'binary-classification', target: 'churned', rows: 2000, primaryMetric: 'accuracy',
  metrics: { accuracy: { value: 0.91, ci: [0.897, 0.922] }, auc: { value: 0.95 } },
  confusionMatrix: { labels: ['0', '1'], matrix: [[1500, 60], [120, 320]] },
  slices: [{ column: 'plan', value: 'pro', rows: 700, metrics: { accuracy: { value: 0.93 } } }],
  sliceGaps: [{ column: 'plan', metric: 'accuracy', gap: 0.05, best: { value: 'pro', score: 0.93 }, worst: { value: 'team', score: 0.88 } }],
  champion: {
    model: { sha256: hex('5'), name: 'churn', release: 'churn-v3' },
    metrics: { accuracy: { value: 0.9 } },
    deltas: { accuracy: { delta: 0.01, ci: [-0.004, 0.024], verdict: 'inconclusive' } },
    mcnemar: { statistic: 1.8, pValue: 0.18 },
  },
  latency: { batch: { size: 256, p50: 3.1, p95: 4.8, p99: 6.2 }, row: { p50: 0.21, p95: 0.4, p99: 0.9 }, rowsPerSecond: 82000 },
  model: {
    sha256: hex('3'), bytes: 48213,
    operators: [{ type: 'TreeEnsembleClassifier', domain: 'ai.onnx.ml', count: 1 }, { type: 'ZipMap', count: 1 }],
    inputs: [{ name: 'features', type: 'tensor(float)', shape: ['batch', 7] }],
    outputs: [{ name: 'label', type: 'tensor(int64)', shape: [null] }],
  },
  predictions: [{ name: 'label', type: 'categorical', count: 2000, missing: 0, distinct: { estimate: 2, errorBound: 0, exact: true }, topK: { exact: true, items: [{ value: 0, count: 1620 }, { value: 1, count: 380 }] } }],
};

export const gate: GateReport = {
  kind: 'mlops/gate', version: 1, ...envelope,
  passed: false,
  policy: { tier: 'production', sources: [{ path: 'policies/defaults.yml', sha256: hex('6') }, { path: '.github/mlops-policy.yml', sha256: hex('7') }] },
  rules: [{ id: 'min-accuracy', description: 'accuracy at least 0.92', observed: 0.91, expected: { min: 0.92 }, passed: false, reason: 'accuracy 0.91 is below the production minimum 0.92.' }],
  inputs: [{ kind: 'mlops/evaluation', version: 1, path: 'reports/evaluation.json', sha256: hex('8') }],
};

export const training: TrainingReport = {
  kind: 'mlops/training', version: 1, ...envelope,
  code: { sha: 'a'.repeat(40), dirty: false },
  data: [{ name: 'train', fingerprint: `sha256:${hex('1')}` }],
  params: { learningRate: 0.05, depth: 6, features: ['age', 'plan'] },
  environment: { node: '20.18.0', python: '3.11.9', pip: '24.0', lockfiles: [{ file: 'requirements.lock', sha256: hex('9') }] },
  gpu: {
    devices: [{ name: 'NVIDIA A10G', memoryTotalMiB: 23028 }],
    samples: [{ t: 0, utilization: 0, memoryUsedMiB: 310, powerW: 58 }, { t: 5, utilization: 87, memoryUsedMiB: 9120, powerW: 190.5 }],
    summary: { utilizationMean: 43.5, utilizationMax: 87, memoryMaxMiB: 9120, powerMeanW: 124.25, energyWh: 0.17 },
  },
  durationSeconds: 3600, gpuHours: 1, cost: { usd: 0.39, pricePerHour: 0.39, source: 'spot-price-history' },
  metrics: [{ name: 'loss', step: 0, value: 0.69 }, { name: 'loss', step: 100, value: 0.31 }],
  artifacts: [{ path: 'model.onnx', sha256: hex('3'), bytes: 48213 }],
  runner: { instanceType: 'g5.xlarge', market: 'spot', instanceId: 'i-0abc123def4567890', interruptions: 1 },
  checkpoint: { resumedFrom: { path: 'checkpoints/step-50.pt', sha256: hex('a'), bytes: 1024, step: 50 }, last: { path: 'checkpoints/step-100.pt', sha256: hex('b'), bytes: 1024, step: 100 } },
  outcome: { status: 'completed', exitCode: 0 },
};

export const bundle: BundleManifest = {
  kind: 'mlops/bundle', version: 1, ...envelope,
  model: { name: 'churn' },
  files: [
    { role: 'model', path: 'model.onnx', sha256: hex('3'), bytes: 48213 },
    { role: 'evaluation', path: 'reports/evaluation.json', sha256: hex('8'), bytes: 5120 },
  ],
};

/** One sample per kind. */
export const samples: { [K in ReportKind]: Report<K> } = {
  'mlops/validation': validation,
  'mlops/profile': profile,
  'mlops/drift': drift,
  'mlops/evaluation': evaluation,
  'mlops/gate': gate,
  'mlops/training': training,
  'mlops/bundle': bundle,
};

// Realistic view models for every built-in template, shared by the template tests.
import type {
  CheckSummaryView,
  DriftColumnView,
  DriftIssueView,
  JobSummaryDriftView,
  JobSummaryValidationView,
  MetricTableView,
  ModelCardView,
  PrCommentView,
  RegistryDashboardView,
} from '../../../lib/templates/view-models.js';

const sha = 'a'.repeat(64);
const championSha = 'b'.repeat(64);
const fingerprint = `sha256:${'c'.repeat(64)}`;

export const provenance = {
  commitSha: '0123456789abcdef0123456789abcdef01234567',
  ref: 'feature/better-churn',
  runUrl: 'https://github.com/acme/churn/actions/runs/42',
  reportUrl: 'https://github.com/acme/churn/actions/runs/42/artifacts/7',
  generatedAt: '2025-03-14T09:26:53Z',
  toolVersion: '0.1.0',
};

export const metrics: MetricTableView = {
  hasChampion: true,
  rows: [
    { name: 'roc_auc', value: 0.8731, ci: [0.861, 0.885], champion: 0.8612, delta: 0.0119, deltaCi: [0.004, 0.019], verdict: 'better', primary: true },
    { name: 'f1', value: 0.6012, champion: 0.6104, delta: -0.0092, deltaCi: [-0.02, 0.003], verdict: 'inconclusive' },
    { name: 'log_loss', value: null, champion: 0.41, verdict: 'worse' },
  ],
};

export function prCommentView(): PrCommentView {
  return {
    ...provenance,
    model: 'churn',
    task: 'binary-classification',
    status: 'passed',
    primaryMetric: 'roc_auc',
    rows: 12000,
    challenger: { sha256: sha, bytes: 1_572_864 },
    champion: { sha256: championSha, release: 'churn-v1.4.0', releaseUrl: 'https://github.com/acme/churn/releases/tag/churn-v1.4.0' },
    metrics,
    mcnemar: { statistic: 4.21, pValue: 0.0402 },
    slices: [
      { column: 'plan', value: 'basic', rows: 7000, metric: 0.861, champion: 0.85, delta: 0.011 },
      { column: 'plan', value: 'pro', rows: 5000, metric: 0.889, champion: 0.879, delta: 0.01 },
    ],
    sliceGaps: [{ column: 'plan', metric: 'roc_auc', gap: 0.028, best: { value: 'pro', score: 0.889 }, worst: { value: 'basic', score: 0.861 } }],
    confusionMatrix: { labels: ['stay', 'churn'], rows: [{ label: 'stay', counts: [9000, 600] }, { label: 'churn', counts: [700, 1700] }] },
    gates: [
      { id: 'roc-auc-floor', description: 'ROC AUC at least 0.85', passed: true, reason: 'roc_auc 0.873 ≥ 0.85', observed: '0.873', expected: '≥ 0.85' },
      { id: 'no-regression', description: 'No regression against the champion', passed: true, reason: 'delta +0.012 within the allowed -0.01' },
    ],
    latency: { p50: 0.42, p95: 1.3, p99: 2.71, rowsPerSecond: 48000 },
  };
}

export function checkSummaryView(): CheckSummaryView {
  return {
    ...provenance,
    model: 'churn',
    passed: false,
    tier: 'risk-medium',
    policySources: ['policies/risk-medium.yml', '.github/mlops/policy.yml'],
    rules: [
      { id: 'min-approvals', description: 'Two approvals', passed: false, reason: '1 approval of 2 required', observed: '1', expected: '2' },
      { id: 'gates', description: 'Evaluation gates pass', passed: true, reason: 'all 2 gates pass' },
    ],
    metrics,
  };
}

export function validationView(): JobSummaryValidationView {
  return {
    ...provenance,
    dataset: 'data/train.csv',
    fingerprint,
    passed: false,
    summary: { expectations: 3, failed: 1, rows: 10000, malformed: 2 },
    results: [
      { id: 'age-not-null', column: 'age', expectation: 'not_null', passed: true, observed: '0 nulls', unexpectedCount: 0, unexpectedPercent: 0, examples: [] },
      {
        id: 'age-in-range',
        column: 'age',
        expectation: 'in_range',
        passed: false,
        observed: 'min -3, max 212',
        unexpectedCount: 14,
        unexpectedPercent: 0.14,
        examples: [{ file: 'data/train.csv', line: 17, value: '-3' }],
      },
      { id: 'row-count', expectation: 'row_count_between', passed: true, observed: '10000', unexpectedCount: 0, unexpectedPercent: 0, examples: [] },
    ],
    malformed: [{ file: 'data/train.csv', line: 88, reason: 'expected 6 fields, found 7' }],
    malformedMore: 1,
  };
}

export function driftColumns(): DriftColumnView[] {
  return [
    { column: 'tenure', type: 'numeric', method: 'psi', statistic: 0.3141, threshold: 0.2, drifted: true, severity: 'high', approximate: false, baselineMean: 24.1, currentMean: 31.7, baselineMissing: 0, currentMissing: 0.012 },
    { column: 'plan', type: 'categorical', method: 'chisquare', statistic: 3.2, pValue: 0.2019, threshold: 0.05, drifted: false, severity: 'none', approximate: true, baselineMissing: 0, currentMissing: 0, warning: 'few rows in the current window' },
  ];
}

export function driftSummaryView(): JobSummaryDriftView {
  return {
    ...provenance,
    model: 'churn',
    drifted: true,
    share: 0.5,
    threshold: 0.3,
    mode: 'raw',
    baseline: { fingerprint, rows: 10000, source: 'data/baseline.csv' },
    current: { fingerprint: `sha256:${'d'.repeat(64)}`, rows: 2500 },
    columns: driftColumns(),
  };
}

export function driftIssueView(): DriftIssueView {
  const columns = driftColumns();
  return {
    ...provenance,
    model: 'churn',
    stage: 'production',
    owner: '@acme/ml-team',
    champion: { version: 'churn-v1.4.0', sha256: championSha, releaseUrl: 'https://github.com/acme/churn/releases/tag/churn-v1.4.0' },
    share: 0.5,
    threshold: 0.3,
    baseline: { fingerprint, rows: 10000, source: 'data/baseline.csv' },
    current: { fingerprint: `sha256:${'d'.repeat(64)}`, rows: 2500 },
    drifted: columns.filter((c) => c.drifted),
    compared: columns.length,
    windows: [{ start: '2025-03-13T00:00:00Z', end: '2025-03-14T00:00:00Z', rows: 2500, share: 0.5, drifted: true }],
    onDrift: 'issue',
    closeAfterCleanWindows: 3,
  };
}

export function modelCardView(): ModelCardView {
  return {
    ...provenance,
    model: 'churn',
    version: 'churn-v1.5.0',
    owner: '@acme/ml-team',
    risk: 'medium',
    task: 'binary-classification',
    sha256: sha,
    bytes: 1_572_864,
    license: 'Apache-2.0',
    description: 'Predicts which subscribers cancel within 30 days.',
    inputs: [{ name: 'features', type: 'tensor(float)', shape: '[N, 12]' }],
    outputs: [{ name: 'probabilities', type: 'tensor(float)', shape: '[N, 2]' }],
    intendedUse: { primaryUses: ['Rank accounts for retention offers'], primaryUsers: ['Customer success team'], outOfScope: ['Credit decisions'] },
    factors: { relevant: ['plan', 'region'], evaluated: ['plan'] },
    primaryMetric: 'roc_auc',
    metrics,
    gates: prCommentView().gates,
    evaluationData: { name: 'data/holdout.csv', fingerprint, rows: 12000 },
    trainingData: { name: 'data/train.csv', fingerprint, rows: 48000, description: 'Accounts active in 2024.' },
    slices: prCommentView().slices,
    sliceGaps: prCommentView().sliceGaps,
    ethicalConsiderations: ['Plan is correlated with income; monitor the slice gap.'],
    caveats: ['Not validated on accounts younger than 30 days.'],
    lineage: {
      parent: { text: 'churn-v1.4.0', url: 'https://github.com/acme/churn/releases/tag/churn-v1.4.0' },
      trainingRun: { text: 'run 41', url: 'https://github.com/acme/churn/actions/runs/41' },
      pullRequest: { text: 'pull request 17', url: 'https://github.com/acme/churn/pull/17' },
      dependsOn: ['features'],
    },
  };
}

export function dashboardView(): RegistryDashboardView {
  return {
    repository: 'acme/churn',
    generatedAt: '2025-03-14T09:26:53Z',
    toolVersion: '0.1.0',
    stageNames: ['staging', 'production'],
    models: [
      {
        name: 'churn',
        owner: '@acme/ml-team',
        risk: 'medium',
        latest: { version: 'churn-v1.5.0', url: 'https://github.com/acme/churn/releases/tag/churn-v1.5.0', createdAt: '2025-03-14T09:00:00Z' },
        stages: [{ version: 'churn-v1.5.0' }, { version: 'churn-v1.4.0', url: 'https://github.com/acme/churn/releases/tag/churn-v1.4.0' }],
        primaryMetric: { name: 'roc_auc', value: 0.8731 },
        openDriftIssue: { text: 'drift in production', url: 'https://github.com/acme/churn/issues/23' },
      },
      { name: 'ltv', owner: '@alice', risk: 'low', stages: [{}, {}] },
    ],
  };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTemplateRegistry } from '../../../lib/templates/registry.js';
import { checkSummaryView, dashboardView, driftIssueView, driftSummaryView, modelCardView, prCommentView, validationView } from './sample-views.js';

const registry = createTemplateRegistry();

function assertLines(text: string, lines: string[]): void {
  const all = text.split('\n');
  for (const line of lines) assert.ok(all.includes(line), `missing line:\n${line}\n--- in ---\n${text}`);
}

test('pr-comment: marker first, metrics with deltas and CIs, gates, slices, confusion matrix, links', async () => {
  const text = await registry.render('pr-comment', prCommentView());
  assert.equal(text.split('\n')[0], '<!-- mlops:pr-comment model=churn -->');
  assertLines(text, [
    '## ✅ passed · Evaluation of `churn`',
    'Challenger `aaaaaaaaaaaa` against champion [churn-v1.4.0](https://github.com/acme/churn/releases/tag/churn-v1.4.0) on 12000 rows (binary-classification, primary metric `roc_auc`).',
    '| Metric | Champion | Challenger | Δ | 95% CI of Δ | Verdict |',
    '| **roc\\_auc** | 0.861 | 0.873 | +0.012 | [0.004, 0.019] | 🟢 better |',
    '| f1 | 0.610 | 0.601 | -0.009 | [-0.020, 0.003] | ⚪ inconclusive |',
    '| log\\_loss | 0.410 | — | — | — | 🔴 worse |',
    "McNemar's test on the paired predictions: statistic 4.210, p = 0.0402.",
    '| `roc-auc-floor` ROC AUC at least 0.85 | ✅ passed | 0.873 | ≥ 0.85 | roc\\_auc 0.873 ≥ 0.85 |',
    '| `plan` | basic | 7000 | 0.861 | +0.011 |',
    '| `plan` | roc\\_auc | 0.028 | pro (0.889) | basic (0.861) |',
    '| actual ↓ · predicted → | stay | churn |',
    '| churn | 700 | 1700 |',
    'Latency: p50 0.42 ms · p95 1.30 ms · p99 2.71 ms · 48000 rows/s.',
    '[Workflow run](https://github.com/acme/churn/actions/runs/42) · [Full report](https://github.com/acme/churn/actions/runs/42/artifacts/7) · commit `0123456789ab` on `feature/better-churn` · gh-mlops 0.1.0 · 2025-03-14 09:26 UTC',
  ]);
});

test('pr-comment without champion: value table with CIs, no champion columns', async () => {
  const view = prCommentView();
  delete view.champion;
  view.metrics = { hasChampion: false, rows: [{ name: 'roc_auc', value: 0.8731, ci: [0.861, 0.885], primary: true }] };
  const text = await registry.render('pr-comment', view);
  assertLines(text, ['| Metric | Value | 95% CI |', '| **roc\\_auc** | 0.873 | [0.861, 0.885] |']);
  assert.ok(text.includes('No champion yet'));
  assert.ok(!text.includes('| Champion |'));
});

test('check-summary: verdict, policy, rules, metrics', async () => {
  const text = await registry.render('check-summary', checkSummaryView());
  assertLines(text, [
    '## ❌ Gate failed for `churn`',
    'Policy `risk-medium` (from `policies/risk-medium.yml`, `.github/mlops/policy.yml`): at least one rule fails.',
    '| `min-approvals` Two approvals | ❌ failed | 1 | 2 | 1 approval of 2 required |',
    '### Metrics',
  ]);
});

test('job-summary-validation: results, failing examples, malformed rows', async () => {
  const text = await registry.render('job-summary-validation', validationView());
  assertLines(text, [
    '## ❌ Data validation failed: `data/train.csv`',
    '10000 rows · 3 expectations · 1 failed · 2 malformed rows · fingerprint `sha256:cccccccccccc`',
    '| `in_range` | `age` | ❌ failed | min -3, max 212 | 14 (0.14%) |',
    '| `row_count_between` | — | ✅ passed | 10000 | 0 (0.00%) |',
    '<details><summary>Examples failing age-in-range</summary>',
    '| `data/train.csv` | 17 | `-3` |',
    '| `data/train.csv` | 88 | expected 6 fields, found 7 |',
    '… and 1 more.',
  ]);
});

test('job-summary-drift: share, both sides, every column with its note', async () => {
  const text = await registry.render('job-summary-drift', driftSummaryView());
  assertLines(text, [
    '## ⚠️ Drift detected for `churn`',
    '50.0% of compared columns drifted (dataset drift at 30.0%) · compared from raw data',
    '| Baseline | 10000 | `sha256:cccccccccccc` | data/baseline.csv |',
    '| `tenure` | numeric | psi | 0.3141 | — | 0.2000 | ⚠️ yes | high | 24.100 → 31.700 | 0.0% → 1.2% |  |',
    '| `plan` | categorical | chisquare | ≈ 3.2000 | 0.2019 | 0.0500 | no | none | — → — | 0.0% → 0.0% | few rows in the current window |',
  ]);
});

test('drift-issue: marker, drifted columns only, statistics, champion, run link', async () => {
  const text = await registry.render('drift-issue', driftIssueView());
  assert.equal(text.split('\n')[0], '<!-- mlops:drift-issue model=churn stage=production -->');
  assertLines(text, [
    '## ⚠️ Data drift in `churn` at stage `production`',
    '1 of 2 compared columns drifted (50.0%; dataset drift at 30.0%), detected 2025-03-14 09:26 UTC.',
    '- **Owner:** @\u200Bacme/ml-team',
    '- **Champion:** [churn-v1.4.0](https://github.com/acme/churn/releases/tag/churn-v1.4.0) (model `bbbbbbbbbbbb`)',
    '- **Monitoring run:** [workflow run](https://github.com/acme/churn/actions/runs/42)',
    '| `tenure` | numeric | psi | 0.3141 | 0.2000 | — | high | 24.100 → 31.700 | 0.0% → 1.2% |',
    '### Statistics',
    '| 2025-03-13 00:00 UTC – 2025-03-14 00:00 UTC | 2500 | 50.0% | ⚠️ yes |',
    'This issue closes itself after 3 clean monitoring windows in a row.',
  ]);
  assert.ok(!text.includes('`plan`'), 'columns that did not drift are left out');
});

test('model-card: every section of the model card format, owner and lineage', async () => {
  const text = await registry.render('model-card', modelCardView());
  const headings = text.split('\n').filter((l) => l.startsWith('#'));
  assert.deepEqual(headings, [
    '# Model card: `churn` `churn-v1.5.0`',
    '## Model details',
    '## Intended use',
    '## Factors',
    '## Metrics',
    '## Evaluation data',
    '## Training data',
    '## Quantitative analyses',
    '## Ethical considerations',
    '## Caveats and recommendations',
    '## Owner and lineage',
  ]);
  assertLines(text, [
    '| Format | ONNX, 1.5 MiB |',
    '| input | `features` | `tensor(float)` | `[N, 12]` |',
    '- Credit decisions',
    'Relevant factors: plan, region.',
    '- **Owner:** @\u200Bacme/ml-team',
    '- **Replaces:** [churn-v1.4.0](https://github.com/acme/churn/releases/tag/churn-v1.4.0)',
    '- **Depends on:** features',
  ]);
});

test('registry-dashboard: one row per model, one column per stage', async () => {
  const text = await registry.render('registry-dashboard', dashboardView());
  assertLines(text, [
    '# Model registry: `acme/churn`',
    '| Model | Owner | Risk | Latest | staging | production | Primary metric | Drift |',
    '| `churn` | @\u200Bacme/ml-team | medium | [churn-v1.5.0](https://github.com/acme/churn/releases/tag/churn-v1.5.0) (2025-03-14) | `churn-v1.5.0` | [churn-v1.4.0](https://github.com/acme/churn/releases/tag/churn-v1.4.0) | roc\\_auc 0.873 | ⚠️ [drift in production](https://github.com/acme/churn/issues/23) |',
    '| `ltv` | @\u200Balice | low | — | — | — | — | ✅ none |',
  ]);
});

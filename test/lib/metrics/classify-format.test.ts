import { test } from 'node:test';
import assert from 'node:assert/strict';
import { incidentModel, runKind } from '../../../lib/metrics/classify.js';
import { flowMetrics } from '../../../lib/metrics/flow-metrics.js';
import { metricsMarkdown, metricsText } from '../../../lib/metrics/format-metrics.js';
import { weekStart } from '../../../lib/metrics/weekly-counts.js';
import { scenario, window } from './scenario.js';

test('runKind: the workflow file name says the stage', () => {
  assert.deepEqual(
    ['.github/workflows/validate.yml', '.github/workflows/mlops-train.yaml', '.github/workflows/evaluate.yml', '.github/workflows/gate.yml', '.github/workflows/monitor.yml', 'Train.yml'].map(runKind),
    ['validation', 'training', 'evaluation', 'evaluation', 'other', 'training'],
  );
});

test('incidentModel: the model from the drift issue title', () => {
  assert.equal(incidentModel('Drift detected: churn (production)'), 'churn');
  assert.equal(incidentModel('Drift detected: fraud-v2'), 'fraud-v2');
  assert.equal(incidentModel('Something else'), null);
});

test('weekStart: Monday 00:00 UTC', () => {
  assert.equal(new Date(weekStart(Date.parse('2026-11-29T23:59:59Z'))).toISOString(), '2026-11-23T00:00:00.000Z');
  assert.equal(new Date(weekStart(Date.parse('2026-11-23T00:00:00Z'))).toISOString(), '2026-11-23T00:00:00.000Z');
});

test('text and markdown carry the same numbers', () => {
  const m = flowMetrics(scenario(), { ...window, model: 'churn', productionStage: 'production', staleAfterMs: 14 * 86_400_000 });
  const text = metricsText(m);
  assert.equal(text.split('\n')[0], 'Flow metrics for churn, 2026-11-01 → 2026-11-29 (production stage: production)');
  assert.match(text, /Cycle time \(PR opened → production\) +median 2\.3 d, p90 2\.4 d \(n=2\)/);
  assert.match(text, /Change-failure rate +33\.3 % — 1 rollbacks \/ 3 promotions/);
  assert.match(text, /GPU per production version +0\.88 GPU-h, \$1\.25 \(total 1\.75 GPU-h, \$2\.50 over 3 runs\)/);
  const md = metricsMarkdown(m);
  assert.match(md, /^### Flow metrics for churn/);
  assert.match(md, /\| Scrap rate \(candidates\) \| 71\.4 % — 5 scrapped, 2 shipped, 2 in progress \(validation-failed 1, gate-failed 1, review-rejected 1, abandoned 2\) \|/);
  assert.match(md, /\| 2026-11-09 \| 1 \|/);
});

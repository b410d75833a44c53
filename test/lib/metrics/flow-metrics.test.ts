import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowMetrics } from '../../../lib/metrics/flow-metrics.js';
import type { FlowOptions } from '../../../lib/metrics/types.js';
import { scenario, window } from './scenario.js';

const options: FlowOptions = { ...window, model: null, productionStage: 'production', staleAfterMs: 14 * 86_400_000 };
const all = flowMetrics(scenario(), options);
const churn = flowMetrics(scenario(), { ...options, model: 'churn' });

test('cycle time: PR opened → first production deployment, for versions arriving in the window', () => {
  // churn 1.0.0: #1 opened 11-02 00:00, production 11-04 12:00 = 60 h; churn 1.1.0: #5 11-10 → 11-12 = 48 h;
  // fraud 1.0.0: #8 11-03 → 11-20 = 408 h. The rollback to 1.0.0 and the return of 1.1.0 are not new arrivals.
  assert.deepEqual(all.cycleTime.samples.map((s) => [s.model, s.version, s.pr, s.hours]), [['churn', '1.0.0', 1, 60], ['churn', '1.1.0', 5, 48], ['fraud', '1.0.0', 8, 408]]);
  assert.equal(all.cycleTime.count, 3);
  assert.equal(all.cycleTime.median, 60);
  // sorted 48, 60, 408; rank 0.9 × 2 = 1.8 → 60 + 0.8 × 348
  assert.ok(Math.abs(all.cycleTime.p90! - 338.4) < 1e-9);
  assert.deepEqual([churn.cycleTime.median, churn.cycleTime.p90], [54, 58.8]);
});

test('throughput: versions reaching production in the window, per week and week by week', () => {
  assert.equal(all.throughput.versions, 3);
  assert.equal(all.throughput.perWeek, 0.75);
  assert.deepEqual(all.throughput.weekly, [
    { weekStart: '2026-10-26', versions: 0 },
    { weekStart: '2026-11-02', versions: 1 },
    { weekStart: '2026-11-09', versions: 1 },
    { weekStart: '2026-11-16', versions: 1 },
    { weekStart: '2026-11-23', versions: 0 },
  ]);
  assert.equal(churn.throughput.versions, 2);
  assert.equal(churn.throughput.perWeek, 0.5);
});

test('scrap: the cohort opened in the window, each with its outcome and reason', () => {
  assert.deepEqual(all.scrap.outcomes, [
    { pr: 1, model: 'churn', outcome: 'shipped' },
    { pr: 2, model: 'churn', outcome: 'validation-failed' },
    { pr: 3, model: 'churn', outcome: 'gate-failed' },
    { pr: 4, model: 'churn', outcome: 'review-rejected' },
    { pr: 5, model: 'churn', outcome: 'shipped' },
    { pr: 6, model: 'churn', outcome: 'abandoned' },
    { pr: 7, model: 'churn', outcome: 'in-progress' },
    { pr: 8, model: 'fraud', outcome: 'shipped' },
    { pr: 11, model: 'churn', outcome: 'in-progress' },
    { pr: 13, model: 'churn', outcome: 'abandoned' },
  ]);
  assert.deepEqual([all.scrap.candidates, all.scrap.shipped, all.scrap.inProgress, all.scrap.scrapped, all.scrap.rate], [10, 3, 2, 5, 0.625]);
  assert.deepEqual(all.scrap.byReason, { 'validation-failed': 1, 'gate-failed': 1, 'review-rejected': 1, abandoned: 2 });
  // training runs 20–24 are in the window; 20 (#1), 22 (#5) and 24 (#8) led to production.
  assert.deepEqual(all.scrap.trainingRuns, { total: 5, shipped: 3, rate: 0.4 });
  // a run with no pull request has no model, so a per-model view leaves it out
  assert.deepEqual(churn.scrap.trainingRuns, { total: 3, shipped: 2, rate: 1 / 3 });
  assert.deepEqual([churn.scrap.candidates, churn.scrap.shipped, churn.scrap.scrapped], [9, 2, 5]);
});

test('change-failure rate: rollbacks over forward moves of production, re-deploys and failures not counted', () => {
  assert.deepEqual(all.changeFailure, { promotions: 4, rollbacks: 1, rate: 0.25 });
  assert.deepEqual(churn.changeFailure, { promotions: 3, rollbacks: 1, rate: 1 / 3 });
});

test('drift: opened and resolved in the window, open at its end, hours to resolve', () => {
  assert.deepEqual({ ...all.drift, hoursToResolve: undefined }, { opened: 3, resolved: 3, open: 1, hoursToResolve: undefined });
  // 24 h, 36 h and 312 h (fraud #33, opened before the window, resolved in it)
  assert.equal(all.drift.hoursToResolve.median, 36);
  assert.ok(Math.abs(all.drift.hoursToResolve.p90! - 256.8) < 1e-9);
  assert.deepEqual(churn.drift, { opened: 3, resolved: 2, open: 1, hoursToResolve: { count: 2, median: 30, p90: 34.8 } });
});

test('cost: every training run of the window, each once, over the versions that reached production', () => {
  assert.deepEqual(all.cost, { trainingRuns: 4, gpuHours: 3.75, usd: 6, productionVersions: 3, gpuHoursPerVersion: 1.25, usdPerVersion: 2 });
  assert.deepEqual(churn.cost, { trainingRuns: 3, gpuHours: 1.75, usd: 2.5, productionVersions: 2, gpuHoursPerVersion: 0.875, usdPerVersion: 1.25 });
});

test('an empty repository gives zeros and nulls, never NaN', () => {
  const empty = flowMetrics({ pulls: [], runs: [], versions: [], deployments: [], incidents: [], trainings: [] }, options);
  assert.deepEqual(empty.cycleTime, { count: 0, median: null, p90: null, samples: [] });
  assert.deepEqual([empty.scrap.rate, empty.changeFailure.rate, empty.cost.usdPerVersion, empty.scrap.trainingRuns.rate], [null, null, null, null]);
  assert.equal(empty.window.days, 28);
  assert.ok(!JSON.stringify(empty).includes('NaN'));
});

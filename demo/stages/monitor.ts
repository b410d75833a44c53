import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { DriftReport } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';
import type { Stage } from '../stage.js';

/**
 * Stage: drift monitoring — the production baseline is churn-train's profile; a window of training-like data shows no
 * drift, then churn-shifted.csv arrives: `mlops drift` (raw, exact) and `mlops monitor` (history, spike vs slow) flag it.
 */
export const monitorStage: Stage = {
  name: 'monitor: churn-shifted drifts against the churn-train baseline (drift raw + profiles, monitor spike)',
  async run(ctx) {
    const train = assetPath('fixtures', 'datasets', 'churn-train.csv');
    const test = assetPath('fixtures', 'datasets', 'churn-test.csv');
    const shifted = assetPath('fixtures', 'datasets', 'churn-shifted.csv');
    const baseline = join(ctx.outDir, 'monitor-baseline.profile.json');
    await ctx.mlops(['profile', '--data', train, '--out', baseline]);
    ctx.record('baseline: the mlops/profile of churn-train.csv (the production model\'s training data)');

    const raw = join(ctx.outDir, 'drift-raw.json');
    await ctx.mlops(['drift', '--baseline', train, '--current', shifted, '--ignore', 'customer_id', '--report', raw], { expectExit: 1 });
    const report = JSON.parse(await readFile(raw, 'utf8')) as DriftReport;
    const drifted = report.columns.filter((c) => c.drifted).map((c) => `${c.column} (${c.method} ${c.statistic.toFixed(3)})`);
    if (!report.drifted || drifted.length === 0) throw new Error('churn-shifted.csv should drift against churn-train.csv');
    ctx.record(`mlops drift, raw data: dataset drift, ${drifted.length} of ${report.columns.length} columns: ${drifted.join(', ')}`);
    await ctx.mlops(['report', 'check', raw, '--kind', 'mlops/drift']);

    const fromProfiles = await ctx.mlops(['drift', '--baseline', baseline, '--current', shifted, '--ignore', 'customer_id', '--format', 'json'], { expectExit: 1 });
    const approx = JSON.parse(fromProfiles.stdout) as DriftReport;
    ctx.record(`mlops drift from profiles (sketches, approximate): ${approx.columns.filter((c) => c.drifted).length} columns drifted, same dataset verdict`);

    const history = join(ctx.outDir, 'monitoring');
    await ctx.mlops(['monitor', '--baseline', baseline, '--current', test, '--history', history, '--window-label', '2026-11-22', '--ignore', 'customer_id']);
    ctx.record('mlops monitor, window 2026-11-22 (churn-test.csv): no drift');
    const spike = await ctx.mlops(['monitor', '--baseline', baseline, '--current', shifted, '--history', history, '--window-label', '2026-11-23', '--ignore', 'customer_id', '--format', 'json'], { expectExit: 1 });
    const window = JSON.parse(spike.stdout) as DriftReport;
    const spikes = window.columns.filter((c) => c.change === 'spike').map((c) => `${c.column} (${c.severity})`);
    if (spikes.length === 0) throw new Error('the shifted window should be a spike');
    ctx.record(`mlops monitor, window 2026-11-23 (churn-shifted.csv): spike in ${spikes.join(', ')}; history keeps ${window.windows?.length} windows`);
  },
};

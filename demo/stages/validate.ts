import { join } from 'node:path';
import { assetPath } from '../../lib/package-root.js';
import type { Stage } from '../stage.js';

/** Stage: the first gate — a bad data file is refused with annotations on its offending lines; the fixed one passes. */
export const validateStage: Stage = {
  name: 'validate: bad data refused with line annotations, clean data passes, shifted data fails its profile baseline',
  async run(ctx) {
    const schema = assetPath('examples', 'data', 'churn.schema.yml');
    const report = join(ctx.outDir, 'validation.json');
    const bad = await ctx.mlops(['validate', '--data', assetPath('fixtures', 'datasets', 'churn-bad.csv'), '--schema', schema, '--format', 'github', '--report', report], { expectExit: 1 });
    const lines = bad.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error'))
      .map((l) => Number(/line=(\d+)/.exec(l)?.[1]))
      .sort((a, b) => a - b);
    if (lines.join(',') !== '19,47,91,122,152,205') throw new Error(`annotations on lines ${lines.join(',')}, expected the planted 19,47,91,122,152,205`);
    ctx.record(`churn-bad.csv refused (exit 1): ${lines.length} ::error annotations on lines ${lines.join(', ')}`);
    await ctx.mlops(['report', 'check', report, '--kind', 'mlops/validation']);
    ctx.record('the mlops/validation report passes its contract (mlops report check)');
    const good = await ctx.mlops(['validate', '--data', assetPath('fixtures', 'datasets', 'churn-train.csv'), '--schema', schema]);
    ctx.record(`churn-train.csv: ${good.stdout.trim().split('\n').at(-1)}`);
    const profile = join(ctx.outDir, 'churn-train.profile.json');
    await ctx.mlops(['profile', '--data', assetPath('fixtures', 'datasets', 'churn-train.csv'), '--out', profile]);
    await ctx.mlops(['report', 'check', profile, '--kind', 'mlops/profile']);
    ctx.record('profiled churn-train.csv into a mergeable mlops/profile report (the baseline)');
    const shifted = await ctx.mlops(['validate', '--data', assetPath('fixtures', 'datasets', 'churn-shifted.csv'), '--schema', schema, '--baseline', profile], { expectExit: 1 });
    const failed = shifted.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
    ctx.record(`churn-shifted.csv against the baseline: ${shifted.stdout.trim().split('\n').at(-1)}${failed.length ? ` (${failed.map((l) => l.trim().split(/\s+/)[1]).join(', ')})` : ''}`);
  },
};

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvaluationReport, GateReport } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';
import type { Stage } from '../stage.js';

/** Stage: the pull request's review — churn-v2 (challenger) against churn-v1 (champion) on churn-test, then the gate. */
export const evaluateStage: Stage = {
  name: 'evaluate: churn-v2 (challenger) vs churn-v1 (champion) on churn-test with paired-bootstrap intervals, gated by risk-medium',
  async run(ctx) {
    const data = assetPath('fixtures', 'datasets', 'churn-test.csv');
    const evaluation = join(ctx.outDir, 'evaluation.json');
    const validation = join(ctx.outDir, 'evaluation-data.validation.json');
    await ctx.mlops(['evaluate', '--model', assetPath('fixtures', 'models', 'churn-v2.onnx'), '--champion', assetPath('fixtures', 'models', 'churn-v1.onnx'),
      '--data', data, '--target', 'churned', '--slices', 'plan,region', '--name', 'churn', '--report', evaluation]);
    await ctx.mlops(['report', 'check', evaluation, '--kind', 'mlops/evaluation']);
    const report = JSON.parse(await readFile(evaluation, 'utf8')) as EvaluationReport;
    const d = report.champion!.deltas;
    const show = (name: string) => `${name} ${report.metrics[name]!.value!.toFixed(4)} (Δ ${d[name]!.delta >= 0 ? '+' : ''}${d[name]!.delta.toFixed(4)}, 95% CI [${d[name]!.ci.map((x) => x.toFixed(4)).join(', ')}], ${d[name]!.verdict})`;
    if (d.log_loss?.verdict !== 'better') throw new Error(`expected the challenger's log loss to be better, got ${JSON.stringify(d.log_loss)}`);
    ctx.record(`challenger vs champion on ${report.rows} rows: ${['roc_auc', 'accuracy', 'log_loss'].map(show).join('; ')}; McNemar p = ${report.champion!.mcnemar!.pValue.toFixed(3)}`);
    const gap = report.sliceGaps.find((g) => g.metric === 'roc_auc' && g.column === 'region')!;
    ctx.record(`largest roc_auc gap across regions: ${gap.gap.toFixed(4)} (${String(gap.best.value)} vs ${String(gap.worst.value)}); latency p95 ${report.latency.row.p95} ms per row`);

    await ctx.mlops(['validate', '--data', data, '--schema', assetPath('examples', 'data', 'churn.schema.yml'), '--report', validation]);
    const gatePath = join(ctx.outDir, 'gate.json');
    await ctx.mlops(['gate', '--policy', 'risk-medium', '--evaluation', evaluation, '--validation', validation, '--report', gatePath]);
    const gate = JSON.parse(await readFile(gatePath, 'utf8')) as GateReport;
    ctx.record(`gate risk-medium passed: ${gate.rules.map((r) => `${r.id} ✓`).join(', ')}`);
    const strict = await ctx.mlops(['gate', '--policy', 'risk-high', '--evaluation', evaluation, '--validation', validation], { expectExit: 1 });
    ctx.record(`gate risk-high refused (exit 1): ${strict.stdout.split('\n').filter((l) => l.includes('FAIL')).map((l) => l.trim().split(/\s+/)[1]!.replace(/:$/, '')).join(', ')}`);
  },
};

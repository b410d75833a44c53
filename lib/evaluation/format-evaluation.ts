/** The plain-text rendering of an evaluation report (`mlops evaluate` default output). */
import type { EvaluationReport } from '../contracts/index.js';
import { orderedMetricNames } from './metric-order.js';

const num = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(digits));
const ci = (c: [number, number] | undefined) => (c ? ` [${num(c[0])}, ${num(c[1])}]` : '');

/** One line per fact: task and rows, each metric (with champion delta and verdict), slices, latency and model. */
export function formatEvaluationText(report: EvaluationReport): string[] {
  const lines = [`${report.task} on ${report.rows} rows (target ${report.target})`];
  for (const name of orderedMetricNames(report)) {
    const m = report.metrics[name]!;
    const d = report.champion?.deltas[name];
    const vs = d ? `  Δ ${d.delta >= 0 ? '+' : ''}${num(d.delta)}${ci(d.ci)} ${d.verdict}` : '';
    lines.push(`  ${name.padEnd(18)} ${num(m.value)}${ci(m.ci)}${vs}`);
  }
  if (report.champion?.mcnemar) lines.push(`  McNemar statistic ${num(report.champion.mcnemar.statistic)}, p = ${num(report.champion.mcnemar.pValue)}`);
  if (report.confusionMatrix) lines.push(`  confusion (actual × predicted, ${report.confusionMatrix.labels.join(', ')}): ${report.confusionMatrix.matrix.map((r) => r.join(' ')).join(' | ')}`);
  for (const gap of report.sliceGaps.filter((g) => g.metric === report.primaryMetric)) {
    lines.push(`  slice gap ${gap.column}: ${num(gap.gap)} (${String(gap.best.value)} ${num(gap.best.score)} vs ${String(gap.worst.value)} ${num(gap.worst.score)})`);
  }
  for (const p of report.predictions ?? []) lines.push(`  prediction ${p.name}: ${p.type}, ${p.count} values`);
  const l = report.latency;
  lines.push(`latency per row p50 ${num(l.row.p50, 3)} ms, p95 ${num(l.row.p95, 3)} ms, p99 ${num(l.row.p99, 3)} ms; per batch of ${l.batch.size ?? '?'} p50 ${num(l.batch.p50, 2)} ms; ${l.rowsPerSecond} rows/s`);
  lines.push(`model ${report.model.sha256.slice(0, 12)} ${report.model.bytes} bytes, ${report.model.operators.reduce((s, o) => s + o.count, 0)} operators (${report.model.operators.map((o) => `${o.type}×${o.count}`).join(', ')})`);
  return lines;
}

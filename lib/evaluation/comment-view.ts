/** Maps an evaluation report (and the gate's, when there is one) to the view of the sticky PR comment. */
import type { EvaluationReport, GateReport } from '../contracts/index.js';
import type { GateView, MetricTableView, PrCommentView, ProvenanceView } from '../templates/view-models.js';
import { metricChart } from './metric-chart.js';
import { orderedMetricNames } from './metric-order.js';

/** Display text of a gate rule's observed or expected value. */
export function displayValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? `[${v.map((x) => displayValue(x)).join(', ')}]` : displayValue(v) ?? '—'}`)
    .join(', ');
}

/** Gate rules as template rows. */
export function gateViews(gate: GateReport | undefined): GateView[] {
  return (gate?.rules ?? []).map((r) => {
    const observed = displayValue(r.observed);
    const expected = displayValue(r.expected);
    return { id: r.id, description: r.description, passed: r.passed, reason: r.reason, ...(observed ? { observed } : {}), ...(expected ? { expected } : {}) };
  });
}

/** The metric table: challenger values with intervals, champion values, deltas and verdicts. */
export function metricTable(report: EvaluationReport, primary?: string): MetricTableView {
  const first = primary ?? report.primaryMetric;
  const champion = report.champion;
  return {
    hasChampion: champion !== undefined,
    rows: orderedMetricNames(report, first).map((name) => {
      const m = report.metrics[name]!;
      const d = champion?.deltas[name];
      return {
        name,
        value: m.value,
        ...(m.ci ? { ci: m.ci } : {}),
        ...(champion ? { champion: champion.metrics[name]?.value ?? null } : {}),
        ...(d ? { delta: d.delta, deltaCi: d.ci, verdict: d.verdict } : {}),
        ...(name === first ? { primary: true } : {}),
      };
    }),
  };
}

/** The PR comment's view. `model` is the marker key: one sticky comment per model per pull request. */
export function evaluationCommentView(report: EvaluationReport, context: ProvenanceView & { model: string; gate?: GateReport; primaryMetric?: string }): PrCommentView {
  const { gate, primaryMetric, model, ...provenance } = context;
  const primary = primaryMetric ?? report.primaryMetric ?? orderedMetricNames(report)[0];
  const chart = metricChart(report);
  const view: PrCommentView = {
    ...provenance,
    model,
    task: report.task,
    status: gate ? (gate.passed ? 'passed' : 'failed') : 'pending',
    ...(primary ? { primaryMetric: primary } : {}),
    rows: report.rows,
    challenger: { sha256: report.model.sha256, bytes: report.model.bytes },
    ...(report.champion ? { champion: { sha256: report.champion.model.sha256, ...(report.champion.model.release ? { release: report.champion.model.release } : {}) } } : {}),
    metrics: metricTable(report, primary),
    ...(report.champion?.mcnemar ? { mcnemar: report.champion.mcnemar } : {}),
    slices: primary
      ? report.slices.map((s) => ({ column: s.column, value: s.value === null ? 'null' : String(s.value), rows: s.rows, metric: s.metrics[primary]?.value ?? null }))
      : [],
    sliceGaps: report.sliceGaps
      .filter((g) => g.metric === primary)
      .map((g) => ({ column: g.column, metric: g.metric, gap: g.gap, best: { value: String(g.best.value), score: g.best.score }, worst: { value: String(g.worst.value), score: g.worst.score } })),
    gates: gateViews(gate),
    latency: { ...report.latency.row, rowsPerSecond: report.latency.rowsPerSecond },
    ...(chart ? { chart } : {}),
  };
  if (report.confusionMatrix) {
    const { labels, matrix } = report.confusionMatrix;
    view.confusionMatrix = { labels, rows: matrix.map((counts, i) => ({ label: labels[i] ?? String(i), counts })) };
  }
  return view;
}

/**
 * Human output of a drift report: an aligned text table, GitHub workflow commands (one warning per drifted column, an
 * error for dataset drift) and the view model of the `job-summary-drift` Markdown template.
 */
import type { ColumnDrift, DriftReport } from '../contracts/index.js';
import type { DriftColumnView, JobSummaryDriftView } from '../templates/view-models.js';

/** Formats a number for tables: short, scientific for tiny p-values. */
export function formatStatistic(x: number | undefined): string {
  if (x === undefined) return '—';
  if (x === 0) return '0';
  if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/** The one-line verdict. */
export function driftHeadline(report: Pick<DriftReport, 'columns' | 'share' | 'threshold' | 'drifted' | 'mode'>): string {
  const drifted = report.columns.filter((c) => c.drifted).length;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const verdict = report.drifted ? 'dataset drift' : 'no dataset drift';
  return `${verdict}: ${drifted} of ${report.columns.length} columns drifted (${pct(report.share)}; dataset drift at ${pct(report.threshold)}) · ${report.mode === 'raw' ? 'raw data, exact statistics' : 'profiles, approximate statistics'}`;
}

/** Text table: one line per column. */
export function formatDriftText(report: DriftReport): string[] {
  const header = ['column', 'type', 'method', 'statistic', 'p-value', 'threshold', 'drifted', 'severity', ...(report.columns.some((c) => c.change) ? ['change'] : []), 'note'];
  const rows = report.columns.map((c) => [
    c.column,
    c.type,
    c.method,
    (c.approximate ? '≈' : '') + formatStatistic(c.statistic),
    formatStatistic(c.pValue),
    formatStatistic(c.threshold),
    c.drifted ? 'yes' : 'no',
    c.severity ?? '',
    ...(header.includes('change') ? [c.change ?? ''] : []),
    c.warning ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [driftHeadline(report), '', line(header), ...rows.map(line)];
}

/** GitHub workflow commands for the drifted columns and the dataset decision. */
export function formatDriftGithub(report: DriftReport): string[] {
  const lines = report.columns.filter((c) => c.drifted).map((c) => `::warning title=drift in ${escape(c.column, true)}::${escape(describeColumn(c))}`);
  lines.push(report.drifted ? `::error title=dataset drift::${escape(driftHeadline(report))}` : `::notice title=drift::${escape(driftHeadline(report))}`);
  return lines;
}

/** A column's result in a sentence. */
export function describeColumn(c: ColumnDrift): string {
  const p = c.pValue === undefined ? '' : `, p = ${formatStatistic(c.pValue)}`;
  const change = c.change && c.change !== 'none' ? ` (${c.change} change)` : '';
  return `${c.column}: ${c.method} ${c.approximate ? '≈' : ''}${formatStatistic(c.statistic)}${p} against threshold ${c.threshold}, severity ${c.severity ?? 'none'}${change}`;
}

/** The view of the `job-summary-drift` template. */
export function toDriftSummaryView(report: DriftReport, context: { commitSha: string; ref?: string; runUrl?: string; model?: string; currentSource?: string }): JobSummaryDriftView {
  const dataset = report.subject.dataset;
  return {
    ...(context.model ? { model: context.model } : {}),
    drifted: report.drifted,
    share: report.share,
    threshold: report.threshold,
    mode: report.mode,
    baseline: report.baseline,
    current: { fingerprint: dataset?.fingerprint ?? '', rows: dataset?.rows ?? 0, ...(context.currentSource ? { source: context.currentSource } : {}) },
    columns: report.columns.map(columnView),
    commitSha: context.commitSha,
    ...(context.ref ? { ref: context.ref } : {}),
    ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    generatedAt: report.createdAt,
    toolVersion: report.tool.version,
  };
}

function columnView(c: ColumnDrift): DriftColumnView {
  const share = (s: { count: number; missing: number }) => (s.count + s.missing === 0 ? 0 : s.missing / (s.count + s.missing));
  const view: DriftColumnView = {
    column: c.column, type: c.type, method: c.method, statistic: c.statistic, threshold: c.threshold, drifted: c.drifted,
    approximate: c.approximate, baselineMissing: share(c.baseline), currentMissing: share(c.current),
  };
  if (c.pValue !== undefined) view.pValue = c.pValue;
  if (c.severity) view.severity = c.severity;
  const note = [c.change && c.change !== 'none' ? `${c.change} change` : '', c.warning ?? ''].filter(Boolean).join('; ');
  if (note) view.warning = note;
  if (c.baseline.mean !== undefined) view.baselineMean = c.baseline.mean;
  if (c.current.mean !== undefined) view.currentMean = c.current.mean;
  return view;
}

function escape(text: string, property = false): string {
  let out = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

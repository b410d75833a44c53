/**
 * The `repository_dispatch` event `mlops-drift`: what the monitor action tells the app after each monitoring window,
 * drifted or clean (clean windows close incidents). GitHub allows at most 10 top-level keys in `client_payload` and
 * about 64 KB in all, so this is a summary of an `mlops/drift` report, not the report: the drifted columns (worst
 * first, at most `maxEventColumns`) and the recent windows. `driftEvent()` builds it from a report; `parseDriftEvent()`
 * checks one the app received.
 */
import { BadInputError } from '../errors.js';
import type { ColumnDrift, DriftReport } from './drift.js';

/** The `event_type` of the dispatch. */
export const driftEventType = 'mlops-drift';
/** Columns a payload carries at most (the worst ones). */
export const maxEventColumns = 20;
/** Windows a payload carries at most (the newest ones). */
export const maxEventWindows = 30;

/** Severity of a window, from its worst drifted column. */
export type DriftSeverity = 'none' | 'low' | 'medium' | 'high';

/** A drifted column, as the incident shows it. */
export interface DriftEventColumn {
  column: string;
  type: string;
  method: string;
  statistic: number;
  pValue?: number;
  threshold: number;
  severity: DriftSeverity;
  approximate: boolean;
  baselineMean?: number;
  currentMean?: number;
  /** Shares (0–1) of missing values. */
  baselineMissing: number;
  currentMissing: number;
}

/** `client_payload` of `mlops-drift` (10 top-level keys: GitHub's limit). */
export interface DriftEvent {
  /** Payload version. */
  mlops: 1;
  model: string;
  /** The stage whose traffic was monitored (`production` by default). */
  stage: string;
  drifted: boolean;
  severity: DriftSeverity;
  summary: {
    share: number;
    threshold: number;
    compared: number;
    mode: 'raw' | 'profile';
    baseline: { fingerprint: string; rows: number; source?: string };
    current: { fingerprint: string; rows: number; source?: string };
    /** The window's identity (a redelivered event for the same window changes nothing). */
    window: string;
    /** When the report was made (ISO). */
    generatedAt: string;
    reportUrl?: string;
  };
  columns: DriftEventColumn[];
  windows: Array<{ start: string; end: string; rows: number; share: number; drifted: boolean }>;
  run?: { id: number; url: string };
  commit?: { sha: string; ref?: string };
}

const rank: Record<DriftSeverity, number> = { none: 0, low: 1, medium: 2, high: 3 };

/** The worse of two severities. */
export function worseSeverity(a: DriftSeverity, b: DriftSeverity): DriftSeverity {
  return rank[b] > rank[a] ? b : a;
}

/** A drifted column's severity: the report's, else `medium` (the report drifted but did not grade it). */
function columnSeverity(c: ColumnDrift): DriftSeverity {
  return c.severity && c.severity !== 'none' ? c.severity : 'medium';
}

/** Builds the event of `report` for `model` at `stage` (pure). */
export function driftEvent(report: DriftReport, input: { model: string; stage?: string; run?: { id: number; url: string }; reportUrl?: string }): DriftEvent {
  const drifted = report.columns.filter((c) => c.drifted).sort((a, b) => rank[columnSeverity(b)] - rank[columnSeverity(a)] || b.statistic / b.threshold - a.statistic / a.threshold);
  const severity = report.drifted ? drifted.reduce<DriftSeverity>((s, c) => worseSeverity(s, columnSeverity(c)), 'low') : 'none';
  const share = (n: number, of: number) => (of > 0 ? n / of : 0);
  const current = report.subject.dataset;
  return {
    mlops: 1,
    model: input.model,
    stage: input.stage ?? 'production',
    drifted: report.drifted,
    severity,
    summary: {
      share: report.share,
      threshold: report.threshold,
      compared: report.columns.length,
      mode: report.mode,
      baseline: { fingerprint: report.baseline.fingerprint, rows: report.baseline.rows, ...(report.baseline.source ? { source: report.baseline.source } : {}) },
      current: { fingerprint: current?.fingerprint ?? '', rows: current?.rows ?? 0 },
      window: input.run ? `run-${input.run.id}` : `${current?.fingerprint ?? 'unknown'}@${report.createdAt}`,
      generatedAt: report.createdAt,
      ...(input.reportUrl ? { reportUrl: input.reportUrl } : {}),
    },
    columns: drifted.slice(0, maxEventColumns).map((c) => ({
      column: c.column,
      type: c.type,
      method: c.method,
      statistic: c.statistic,
      ...(c.pValue !== undefined ? { pValue: c.pValue } : {}),
      threshold: c.threshold,
      severity: columnSeverity(c),
      approximate: c.approximate,
      ...(c.baseline.mean !== undefined ? { baselineMean: c.baseline.mean } : {}),
      ...(c.current.mean !== undefined ? { currentMean: c.current.mean } : {}),
      baselineMissing: share(c.baseline.missing, c.baseline.count + c.baseline.missing),
      currentMissing: share(c.current.missing, c.current.count + c.current.missing),
    })),
    windows: (report.windows ?? []).slice(-maxEventWindows).map((w) => ({ start: w.start, end: w.end, rows: w.rows, share: w.share, drifted: w.drifted })),
    ...(input.run ? { run: input.run } : {}),
    ...(report.subject.commit ? { commit: { sha: report.subject.commit.sha, ...(report.subject.commit.ref ? { ref: report.subject.commit.ref } : {}) } } : {}),
  };
}

const severities: DriftSeverity[] = ['none', 'low', 'medium', 'high'];

/** Checks a received `client_payload`; BadInputError naming the first wrong field. */
export function parseDriftEvent(value: unknown): DriftEvent {
  const fail = (path: string, expected: string): never => {
    throw new BadInputError('bad-drift-event', `mlops-drift payload: ${path} must be ${expected}`, { location: { file: 'client_payload', path }, hint: 'send the payload driftEvent() builds (actions/monitor does)' });
  };
  const obj = (v: unknown, path: string): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, 'an object'));
  const str = (v: unknown, path: string) => (typeof v === 'string' && v !== '' ? v : fail(path, 'a non-empty string'));
  const num = (v: unknown, path: string) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'a number'));
  const p = obj(value, '');
  if (p.mlops !== 1) fail('mlops', 'the payload version 1');
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(str(p.model, 'model'))) fail('model', 'a model name');
  str(p.stage, 'stage');
  if (typeof p.drifted !== 'boolean') fail('drifted', 'true or false');
  if (!severities.includes(p.severity as DriftSeverity)) fail('severity', `one of ${severities.join(', ')}`);
  const s = obj(p.summary, 'summary');
  num(s.share, 'summary.share');
  num(s.threshold, 'summary.threshold');
  num(s.compared, 'summary.compared');
  str(s.window, 'summary.window');
  str(s.generatedAt, 'summary.generatedAt');
  for (const side of ['baseline', 'current'] as const) num(obj(s[side], `summary.${side}`).rows, `summary.${side}.rows`);
  if (!Array.isArray(p.columns)) fail('columns', 'an array');
  (p.columns as unknown[]).forEach((c, i) => {
    const col = obj(c, `columns[${i}]`);
    str(col.column, `columns[${i}].column`);
    num(col.statistic, `columns[${i}].statistic`);
    num(col.threshold, `columns[${i}].threshold`);
  });
  if (p.windows !== undefined && !Array.isArray(p.windows)) fail('windows', 'an array');
  if (p.run !== undefined) num(obj(p.run, 'run').id, 'run.id');
  return { ...(p as unknown as DriftEvent), windows: (p.windows as DriftEvent['windows'] | undefined) ?? [] };
}

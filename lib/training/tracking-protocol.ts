/**
 * The experiment-tracking protocol a training command speaks, documented in docs/runners.md:
 * - stdout lines `::mlops-metric name=<name> step=<n> value=<number>` and `::mlops-param name=<name> value=<text>`
 *   (the `::` prefix follows GitHub's workflow-command style, so the lines read naturally in a job log);
 * - or a JSON Lines file of `{"name": …, "step": …, "value": …}` objects.
 * Names are `[A-Za-z0-9_.:/-]+`; steps whole numbers ≥ 0; values finite numbers (metrics) or any text (params).
 */
import type { Diagnostic } from '../errors.js';

export interface MetricPoint {
  name: string;
  step: number;
  value: number;
}

/** One parsed stdout line. */
export type TrackingLine =
  | { kind: 'metric'; name: string; step: number; value: number }
  | { kind: 'param'; name: string; value: string }
  | { kind: 'invalid'; reason: string };

const namePattern = /^[A-Za-z0-9_.:/-]+$/;

/** `key=value` pairs of a command's properties; a value runs to the next ` key=` (params may hold spaces). */
function properties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /(?:^|\s)([a-z]+)=/g;
  const starts: Array<{ key: string; at: number; end: number }> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push({ key: m[1]!, at: m.index, end: re.lastIndex });
  starts.forEach((s, i) => out.set(s.key, text.slice(s.end, i + 1 < starts.length ? starts[i + 1]!.at : text.length).trim()));
  return out;
}

/** Parses one stdout line: undefined when it is not a tracking line at all, `invalid` (with why) when it is a broken one. */
export function parseTrackingLine(line: string): TrackingLine | undefined {
  const m = /^::mlops-(metric|param)\s+(.*)$/.exec(line.trimEnd());
  if (!m) return undefined;
  const props = properties(m[2]!);
  const name = props.get('name');
  if (!name || !namePattern.test(name)) return { kind: 'invalid', reason: `name must match ${namePattern.source}, got ${JSON.stringify(name ?? '')}` };
  const rawValue = props.get('value');
  if (rawValue === undefined) return { kind: 'invalid', reason: 'value= is missing' };
  if (m[1] === 'param') return { kind: 'param', name, value: rawValue };
  const rawStep = props.get('step');
  const step = Number(rawStep);
  if (rawStep === undefined || rawStep === '' || !Number.isInteger(step) || step < 0) return { kind: 'invalid', reason: `step must be a whole number ≥ 0, got ${JSON.stringify(rawStep ?? '')}` };
  const value = Number(rawValue);
  if (rawValue === '' || !Number.isFinite(value)) return { kind: 'invalid', reason: `value must be a finite number, got ${JSON.stringify(rawValue)}` };
  return { kind: 'metric', name, step, value };
}

/** Reads a metrics JSON Lines file: the points, and a warning (file:line) for every line that is not one. */
export function parseMetricsJsonl(text: string, file: string): { points: MetricPoint[]; warnings: Diagnostic[] } {
  const points: MetricPoint[] = [];
  const warnings: Diagnostic[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const warn = (message: string) => warnings.push({ severity: 'warning', message, location: { file, line: i + 1 }, hint: 'each line is {"name": "loss", "step": 10, "value": 0.31}' });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return warn('not JSON (line skipped)');
    }
    const p = value as Partial<MetricPoint>;
    if (typeof p !== 'object' || p === null || typeof p.name !== 'string' || !namePattern.test(p.name)) return warn('"name" is missing or not a metric name (line skipped)');
    if (typeof p.step !== 'number' || !Number.isInteger(p.step) || p.step < 0) return warn('"step" must be a whole number ≥ 0 (line skipped)');
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) return warn('"value" must be a finite number (line skipped)');
    points.push({ name: p.name, step: p.step, value: p.value });
  });
  return { points, warnings };
}

/** Merges metric points from several sources: one point per (name, step), the last reported wins; sorted by name, step. */
export function mergeMetrics(...sources: MetricPoint[][]): MetricPoint[] {
  const byKey = new Map<string, MetricPoint>();
  for (const source of sources) for (const p of source) byKey.set(`${p.name}\u0000${p.step}`, p);
  return [...byKey.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.step - b.step));
}

/** A param's text as a JSON value: numbers and booleans typed, everything else kept as text. */
export function paramValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? n : text;
}

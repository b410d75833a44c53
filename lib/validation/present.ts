/**
 * How a validation body is shown: the text lines of `--format text`, the annotations of `--format github`, and the
 * `job-summary-validation` view of `--format markdown`. Pure: the CLI prints what these return.
 */
import type { ValidationBody, ValidationReport, ValidationResult } from '../contracts/validation.js';
import type { JobSummaryValidationView, ProvenanceView } from '../templates/view-models.js';
import { rankResults } from './validate.js';

/** GitHub shows at most 10 error annotations per step (and 50 per job); the rest go to the report. */
export const maxErrorAnnotations = 10;

/** Most malformed rows the markdown summary lists. */
export const maxSummaryMalformed = 20;

/** One annotation: a failing row (or the schema line of an expectation about the whole dataset). */
export interface Annotation {
  file: string;
  line?: number;
  title: string;
  message: string;
}

/** `observed` as one line of text: mappings as `key value` pairs, lists joined with commas. */
export function formatObserved(observed: unknown): string {
  if (observed === null || observed === undefined) return '—';
  if (Array.isArray(observed)) return observed.map(formatObserved).join(', ');
  if (typeof observed === 'number') return Number.isInteger(observed) ? String(observed) : String(Math.round(observed * 1e6) / 1e6);
  if (typeof observed !== 'object') return String(observed);
  return Object.entries(observed)
    .map(([key, value]) => {
      const shown = value !== null && typeof value === 'object' && !Array.isArray(value) ? `{${formatObserved(value)}}` : Array.isArray(value) ? `[${formatObserved(value)}]` : formatObserved(value);
      return `${key} ${shown}`;
    })
    .join(', ');
}

function describeFailure(r: ValidationResult): string {
  const where = r.column ? ` on ${r.column}` : '';
  const rows = r.unexpectedCount > 0 ? `${r.unexpectedCount} unexpected (${r.unexpectedPercent}%)` : 'failed';
  return `${r.expectation}${where}: ${rows}; observed ${formatObserved(r.observed)}`;
}

/**
 * The annotations for a validation, most important first and at most `max`: one row of each failed expectation (most
 * unexpected rows first), then their further example rows. An expectation without rows points at its line in the
 * schema (`locateSchema`). `omitted` counts the failing rows and expectations left for the report.
 */
export function selectAnnotations(
  body: ValidationBody,
  options: { max?: number; schemaFile?: string; locateSchema?: (result: ValidationResult) => number | undefined } = {},
): { annotations: Annotation[]; omitted: number } {
  const max = options.max ?? maxErrorAnnotations;
  const failed = rankResults(body.results).filter((r) => !r.passed);
  const all: Annotation[][] = failed.map((r) => {
    const title = `${r.id}`;
    const message = describeFailure(r);
    if (r.examples.length === 0) {
      const line = options.locateSchema?.(r);
      return [{ file: options.schemaFile ?? '', ...(line === undefined ? {} : { line }), title, message }];
    }
    return r.examples.map((e) => ({ file: e.file, line: e.line, title, message: `${message}; value ${JSON.stringify(e.value)}` }));
  });
  const chosen: Annotation[] = [];
  for (const list of all) if (chosen.length < max && list[0]) chosen.push(list[0]);
  for (const list of all) for (const a of list.slice(1)) if (chosen.length < max) chosen.push(a);
  const total = failed.reduce((n, r) => n + Math.max(1, r.unexpectedCount), 0) + body.malformed.length;
  return { annotations: chosen, omitted: Math.max(0, total - chosen.length) };
}

/** The lines of `--format text`: one per expectation (failed ones with their first examples), then a summary. */
export function formatText(body: ValidationBody): string[] {
  const lines: string[] = [];
  for (const r of body.results) {
    if (r.passed) {
      lines.push(`ok    ${r.id}`);
      continue;
    }
    lines.push(`FAIL  ${r.id} — ${describeFailure(r)}`);
    for (const e of r.examples.slice(0, 5)) lines.push(`      ${e.file}:${e.line}: ${JSON.stringify(e.value)}`);
    // Dataset-level results (baseline, row count, class balance) have no rows to show: nothing "more" to point at.
    const shown = Math.min(5, r.examples.length);
    if (r.examples.length > 0 && r.unexpectedCount > shown) lines.push(`      … ${r.unexpectedCount - shown} more (first 20 in the report)`);
  }
  for (const m of body.malformed) lines.push(`malformed ${m.file}:${m.line}: ${m.reason}`);
  const { expectations, failed, rows, malformed } = body.summary;
  lines.push(`${body.passed ? 'validation passed' : 'validation failed'}: ${failed} of ${expectations} expectations failed (${rows} rows, ${malformed} malformed)`);
  return lines;
}

/** The `job-summary-validation` view of a report. */
export function toJobSummaryView(report: ValidationReport, context: { dataset: string } & Omit<ProvenanceView, 'generatedAt' | 'toolVersion'>): JobSummaryValidationView {
  const { dataset, ...provenance } = context;
  return {
    ...provenance,
    generatedAt: report.createdAt,
    toolVersion: report.tool.version,
    dataset,
    fingerprint: report.subject.dataset?.fingerprint ?? '',
    passed: report.passed,
    summary: report.summary,
    results: report.results.map((r) => ({
      id: r.id,
      ...(r.column === undefined ? {} : { column: r.column }),
      expectation: r.expectation,
      passed: r.passed,
      observed: formatObserved(r.observed),
      unexpectedCount: r.unexpectedCount,
      unexpectedPercent: r.unexpectedPercent,
      examples: r.examples.map((e) => ({ file: e.file, line: e.line, value: e.value === null ? '' : String(e.value) })),
    })),
    malformed: report.malformed.slice(0, maxSummaryMalformed).map(({ file, line, reason }) => ({ file, line, reason })),
    ...(report.malformed.length > maxSummaryMalformed ? { malformedMore: report.malformed.length - maxSummaryMalformed } : {}),
  };
}

/** Where in the schema file an expectation is declared (for annotations of results without rows). */
export function schemaPathOf(result: ValidationResult, schema: { columns: Array<{ name: string }> }): Array<string | number> {
  const top: Record<string, string> = {
    row_count: 'rows',
    class_balance: 'classBalance',
    column_order: 'order',
    no_extra_columns: 'extraColumns',
    target_leakage: 'target',
    split_overlap: 'leakage',
    compare: 'compare',
  };
  if (result.expectation.startsWith('baseline_')) return ['baseline'];
  const key = top[result.expectation];
  if (key) return [key];
  const index = schema.columns.findIndex((c) => c.name === result.column);
  return index >= 0 ? ['columns', index, 'name'] : [];
}

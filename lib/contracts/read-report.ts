import type { ErrorObject, ValidateFunction } from 'ajv';
import { readTextFile } from '../documents/load-document.js';
import { parseYamlDocument, type DocumentLimits, type SourceDocument } from '../documents/parse-yaml-document.js';
import { formatPath } from '../documents/document-path.js';
import { describe, schemaDiagnostics } from '../documents/schema-diagnostics.js';
import { suggest } from '../documents/suggest.js';
import { BadInputError, InvalidDocumentError, type Diagnostic } from '../errors.js';
import { toolVersion } from '../package-root.js';
import { reportKinds, type ReportKind } from './envelope.js';
import { isReportKind, reportValidator, supportedVersions, type Report } from './registry.js';
import { semanticDiagnostics } from './semantic-checks.js';

/** Reports are machine-written and can hold sketches and GPU samples: far larger than config files. */
export const reportLimits: DocumentLimits = { maxBytes: 64 * 1024 * 1024, maxAliasCount: 50 };

/** A parsed, valid report and the warnings found on the way (keys this gh-mlops does not know). */
export interface ParsedReport<R extends Report = Report> {
  report: R;
  warnings: Diagnostic[];
}

/**
 * Parses report text (JSON, or YAML) and checks it: known kind, supported version, valid body.
 * Throws BadInputError (unknown kind, unsupported version, wrong kind) or InvalidDocumentError (every finding, file:line:col).
 * Unknown keys are warnings, not errors: a newer gh-mlops may add optional keys without bumping the version.
 */
export function parseReportDocument<K extends ReportKind>(text: string, file: string, expectedKind: K): ParsedReport<Report<K>>;
export function parseReportDocument(text: string, file: string, expectedKind?: ReportKind): ParsedReport;
export function parseReportDocument(text: string, file: string, expectedKind?: ReportKind): ParsedReport {
  let doc: SourceDocument | undefined;
  let value: unknown;
  try {
    // Fast path: reports are JSON; positions are only needed when something is wrong.
    value = JSON.parse(text);
  } catch {
    doc = parseYamlDocument(text, file, reportLimits);
    value = doc.value;
  }
  const source = (): SourceDocument => (doc ??= parseYamlDocument(text, file, reportLimits));
  const at = (path: Array<string | number>) => ({ file, ...source().locate(path), path: formatPath(path) });

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadInputError('not-a-report', `${file} is not a gh-mlops report: expected a JSON object with kind, version, createdAt, tool and subject, got ${describe(value)}`, {
      location: { file, line: 1, col: 1 },
      hint: 'pass a report written by gh-mlops (e.g. validation.json, drift.json, mlops-bundle.json)',
    });
  }
  const record = value as Record<string, unknown>;
  const kind = record.kind;
  if (!isReportKind(kind)) {
    if (kind === undefined || typeof kind !== 'string') {
      const message = kind === undefined ? "missing required key 'kind'" : `expected a string for 'kind', got ${describe(kind)}`;
      throw new InvalidDocumentError(file, [{ severity: 'error', message, location: at(kind === undefined ? [] : ['kind']), hint: `a report starts with kind: one of ${reportKinds.join(', ')}` }], 'report');
    }
    const guess = suggest(kind, reportKinds);
    throw new BadInputError('unknown-report-kind', `unknown report kind '${kind}'; known kinds: ${reportKinds.join(', ')}`, {
      location: at(['kind']),
      hint: guess ? `did you mean '${guess}'?` : 'this gh-mlops does not know this kind; if a newer gh-mlops wrote it, upgrade gh-mlops',
    });
  }
  if (expectedKind && kind !== expectedKind) {
    throw new BadInputError('wrong-report-kind', `${file} is a ${kind} report, expected ${expectedKind}`, {
      location: at(['kind']),
      hint: `pass the ${expectedKind} report instead`,
    });
  }
  const version = checkVersion(kind, record.version, file, at);
  const validate = reportValidator(kind, version);
  if (validate(value)) {
    const semantic = semanticDiagnostics(kind, value, at);
    if (semantic.length > 0) throw new InvalidDocumentError(file, semantic, `${kind} v${version} report`);
    return { report: value as Report, warnings: [] };
  }
  const errors = schemaDiagnostics(source(), only(validate, (e) => !isUnknownKey(e)));
  const warnings = schemaDiagnostics(source(), only(validate, isUnknownKey)).map(
    (d): Diagnostic => ({ ...d, severity: 'warning', message: `${d.message} (ignored)`, hint: `${d.hint ? d.hint + '; ' : ''}a newer gh-mlops may have written it` }),
  );
  if (errors.length === 0) errors.push(...semanticDiagnostics(kind, value, at));
  if (errors.length > 0) throw new InvalidDocumentError(file, [...errors, ...warnings], `${kind} v${version} report`);
  return { report: value as Report, warnings };
}

/** Parses and checks report text; see parseReportDocument. Returns the report, dropping warnings. */
export function parseReport<K extends ReportKind>(text: string, file: string, expectedKind: K): Report<K>;
export function parseReport(text: string, file: string, expectedKind?: ReportKind): Report;
export function parseReport(text: string, file: string, expectedKind?: ReportKind): Report {
  return parseReportDocument(text, file, expectedKind).report;
}

/** Reads and checks a report file, with warnings. */
export async function readReportDocument<K extends ReportKind>(file: string, expectedKind: K): Promise<ParsedReport<Report<K>>>;
export async function readReportDocument(file: string, expectedKind?: ReportKind): Promise<ParsedReport>;
export async function readReportDocument(file: string, expectedKind?: ReportKind): Promise<ParsedReport> {
  return parseReportDocument(await readTextFile(file, reportLimits.maxBytes, 'report'), file, expectedKind);
}

/** Reads and checks a report file; optionally insists on one kind. */
export async function readReport<K extends ReportKind>(file: string, expectedKind: K): Promise<Report<K>>;
export async function readReport(file: string, expectedKind?: ReportKind): Promise<Report>;
export async function readReport(file: string, expectedKind?: ReportKind): Promise<Report> {
  return (await readReportDocument(file, expectedKind)).report;
}

function checkVersion(kind: ReportKind, version: unknown, file: string, at: (path: Array<string | number>) => Diagnostic['location']): number {
  const supported = supportedVersions(kind);
  const list = supported.join(', ');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const message = version === undefined ? "missing required key 'version'" : `expected a positive integer for 'version', got ${describe(version)}`;
    throw new InvalidDocumentError(file, [{ severity: 'error', message, location: at(version === undefined ? [] : ['version']), hint: `${kind} versions this gh-mlops reads: ${list}` }], 'report');
  }
  if (supported.includes(version)) return version;
  const newest = supported[supported.length - 1] ?? 0;
  if (version > newest) {
    throw new BadInputError('report-version-too-new', `report version ${version} of ${kind} is newer than this gh-mlops (supports ${list}); upgrade gh-mlops`, {
      location: at(['version']),
      hint: `this is gh-mlops ${toolVersion()}; use the gh-mlops version that wrote the report, or a later one`,
    });
  }
  throw new BadInputError('report-version-unsupported', `report version ${version} of ${kind} is older than this gh-mlops supports (supports ${list}); regenerate the report`, {
    location: at(['version']),
    hint: 're-run the step that wrote it with this gh-mlops',
  });
}

function isUnknownKey(error: ErrorObject): boolean {
  return error.keyword === 'additionalProperties' && error.params && 'additionalProperty' in error.params;
}

// schemaDiagnostics takes a validator; this one reports only the errors `keep` accepts, so the same machinery
// turns unknown keys into warnings and everything else into errors.
function only(validate: ValidateFunction, keep: (error: ErrorObject) => boolean): ValidateFunction {
  const filtered = ((data: unknown) => {
    validate(data);
    const errors = (validate.errors ?? []).filter(keep);
    filtered.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as unknown as ValidateFunction;
  return filtered;
}

import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../documents/ajv.js';
import { formatPath } from '../documents/document-path.js';
import { loadDocument, readTextFile } from '../documents/load-document.js';
import { defaultLimits, parseYamlDocument, type SourceDocument } from '../documents/parse-yaml-document.js';
import { schemaDiagnostics } from '../documents/schema-diagnostics.js';
import { suggest } from '../documents/suggest.js';
import { InvalidDocumentError, type Diagnostic } from '../errors.js';
import { assetPath } from '../package-root.js';
import { isIsoDate } from './cells.js';
import { checkRegexSafety } from './regex-safety.js';
import type { DataSchema, LoadedDataSchema } from './types.js';

/** Absolute path of the shipped JSON Schema of data schemas, schema/data-schema.schema.json. */
export function dataSchemaSchemaPath(): string {
  return assetPath('schema', 'data-schema.schema.json');
}

// Compiling is the slow part and the schema never changes while the process runs: compiled on first use, then kept.
let compiled: ValidateFunction | undefined;

/** The compiled validator for data schema files. */
export function dataSchemaValidator(): ValidateFunction {
  return (compiled ??= compileSchema(JSON.parse(readFileSync(dataSchemaSchemaPath(), 'utf8')) as object));
}

/**
 * Reads and checks a data schema file (YAML or JSON); throws InvalidDocumentError with every finding, file:line:col.
 * `name` is how messages and reports name the file (e.g. relative to the repository) when `path` is absolute.
 */
export async function loadDataSchema(path: string, name = path): Promise<LoadedDataSchema> {
  const text = await readTextFile(path, defaultLimits.maxBytes, 'data schema');
  const { doc, value } = await loadDocument<DataSchema>(name, dataSchemaValidator(), { what: 'data schema', semantic: semanticChecks, text });
  return { file: name, schema: value, locate: (p) => doc.locate(p) };
}

/** Parses and checks data schema text; the same checks as loadDataSchema, for schemas that are not files. */
export function parseDataSchema(text: string, file: string): LoadedDataSchema {
  const doc = parseYamlDocument(text, file);
  const diagnostics = schemaDiagnostics(doc, dataSchemaValidator());
  if (diagnostics.length === 0) diagnostics.push(...semanticChecks(doc, doc.value as DataSchema));
  if (diagnostics.some((d) => d.severity === 'error')) throw new InvalidDocumentError(file, diagnostics, 'data schema');
  return { file, schema: doc.value as DataSchema, locate: (path) => doc.locate(path) };
}

/** Rules JSON Schema cannot say: references to columns exist, bounds are ordered, regexes are safe. */
function semanticChecks(doc: SourceDocument, schema: DataSchema): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (path: Array<string | number>, message: string, hint?: string, target: 'key' | 'value' = 'value') =>
    out.push({ severity: 'error', message, location: { file: doc.file, ...doc.locate(path, target), path: formatPath(path) }, ...(hint ? { hint } : {}) });
  const names = schema.columns.map((c) => c.name);
  const known = new Set(names);
  const column = (path: Array<string | number>, name: string | undefined) => {
    if (name === undefined || known.has(name)) return;
    const guess = suggest(name, names);
    error(path, `'${name}' is not a column of this schema`, guess ? `did you mean '${guess}'?` : `add it to columns, or use one of: ${names.join(', ')}`);
  };
  const ordered = (path: Array<string | number>, min: unknown, max: unknown) => {
    if (typeof min === typeof max && min !== undefined && (min as number | string) > (max as number | string)) error(path, `min (${String(min)}) is greater than max (${String(max)})`, 'swap them');
  };

  const seen = new Map<string, number>();
  schema.columns.forEach((c, i) => {
    const base = ['columns', i];
    if (seen.has(c.name)) error([...base, 'name'], `column '${c.name}' is listed twice (first at columns[${seen.get(c.name)}])`, 'remove one of them');
    else seen.set(c.name, i);
    if (c.range) {
      ordered([...base, 'range'], c.range.min, c.range.max);
      for (const bound of ['min', 'max'] as const) {
        const v = c.range[bound];
        if (typeof v === 'string' && !isIsoDate(v)) error([...base, 'range', bound], `'${v}' is neither a number nor an ISO 8601 date`, 'write a number, or a date like 2024-01-31 or 2024-01-31T12:00:00Z');
      }
      if (typeof c.range.min !== typeof c.range.max && c.range.min !== undefined && c.range.max !== undefined) {
        error([...base, 'range'], 'min and max must both be numbers or both be dates');
      }
    }
    if (c.length) ordered([...base, 'length'], c.length.min, c.length.max);
    if (c.nullable === false && c.maxMissing !== undefined) error([...base, 'maxMissing'], 'maxMissing has no effect on a column with nullable: false', 'remove one of the two');
    if (c.regex !== undefined) {
      const pattern = typeof c.regex === 'string' ? c.regex : c.regex.pattern;
      const ignoreCase = typeof c.regex === 'string' ? false : c.regex.ignoreCase === true;
      const problem = checkRegexSafety(pattern, ignoreCase);
      if (problem) {
        const path = typeof c.regex === 'string' ? [...base, 'regex'] : [...base, 'regex', 'pattern'];
        error(path, `regex refused: ${problem.message} (at offset ${problem.offset} of the pattern)`, 'rewrite the pattern so that no repeated part can match the same text in two ways, e.g. (a+)+ → a+; see docs/validation.md#regex-safety');
      }
    }
  });

  column(['target'], schema.target);
  if (schema.rows) ordered(['rows'], schema.rows.min, schema.rows.max);
  if (schema.classBalance) {
    column(['classBalance', 'column'], schema.classBalance.column);
    if (schema.classBalance.column === undefined && schema.target === undefined) {
      error(['classBalance'], 'classBalance needs a column: set `target:` or `classBalance.column`', 'add `target: <label column>` at the top level');
    }
    ordered(['classBalance'], schema.classBalance.min, schema.classBalance.max);
  }
  schema.compare?.forEach((c, i) => {
    column(['compare', i, 'left'], c.left);
    column(['compare', i, 'right'], c.right);
  });
  schema.baseline?.columns?.forEach((name, i) => column(['baseline', 'columns', i], name));
  schema.leakage?.ignoreColumns?.forEach((name, i) => column(['leakage', 'ignoreColumns', i], name));
  return out;
}

import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../errors.js';
import { formatPath, pointerToSegments } from './document-path.js';
import type { SourceDocument } from './parse-yaml-document.js';
import { suggest } from './suggest.js';

/**
 * Validates a parsed document with a compiled schema and turns ajv's errors into diagnostics a person can act on:
 * `file:line:col`, the path in the document, what was expected, and a "did you mean" for misspellings.
 */
export function schemaDiagnostics(doc: SourceDocument, validate: ValidateFunction): Diagnostic[] {
  if (validate(doc.value)) return [];
  const errors = pruneCombinatorNoise(validate.errors ?? []);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of errors) {
    const d = toDiagnostic(doc, error);
    const key = `${d.location.line}:${d.location.col}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.col ?? 0) - (b.location.col ?? 0));
}

// oneOf/anyOf report every branch's failures; when a more specific error exists at or below the same path the
// combinator's own "must match a schema in anyOf" line only adds noise.
function pruneCombinatorNoise(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  return errors.filter((e) => {
    if (!['oneOf', 'anyOf', 'if'].includes(e.keyword)) return true;
    return !specific.some((s) => s.instancePath.startsWith(e.instancePath));
  });
}

function toDiagnostic(doc: SourceDocument, error: ErrorObject): Diagnostic {
  const segments = pointerToSegments(error.instancePath);
  const parentSchema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const schemaHint = typeof parentSchema['x-hint'] === 'string' ? (parentSchema['x-hint'] as string) : undefined;
  const at = (path: Array<string | number>, target: 'key' | 'value' = 'value') => ({
    file: doc.file,
    ...doc.locate(path, target),
    path: formatPath(path),
  });
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const properties = Object.keys((parentSchema.properties as object | undefined) ?? {});
      const guess = suggest(key, properties);
      return {
        severity: 'error',
        message: `unknown key '${key}'`,
        location: at([...segments, key], 'key'),
        hint: guess
          ? `did you mean '${guess}'?`
          : properties.length > 0
            ? `allowed keys here: ${properties.join(', ')}`
            : 'remove this key',
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        severity: 'error',
        message: `missing required key '${missing}'`,
        location: at(segments),
        hint: schemaHint ?? `add '${missing}:' to ${formatPath(segments)}`,
      };
    }
    case 'type':
      return {
        severity: 'error',
        message: `expected ${article(String(params.type))}, got ${describe(error.data)}`,
        location: at(segments),
        ...(schemaHint ? { hint: schemaHint } : {}),
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? suggest(error.data, allowed) : undefined;
      return {
        severity: 'error',
        message: `${describe(error.data)} is not one of: ${allowed.join(', ')}`,
        location: at(segments),
        hint: guess ? `did you mean '${guess}'?` : (schemaHint ?? `use one of: ${allowed.join(', ')}`),
      };
    }
    case 'pattern':
      // ajv's "must match pattern /…/" shows a regular expression; the schema's x-hint says the same for people.
      if (schemaHint) return { severity: 'error', message: `${describe(error.data)} is not in the expected form`, location: at(segments), hint: schemaHint };
      return { severity: 'error', message: `${describe(error.data)} ${error.message ?? 'is invalid'}`, location: at(segments) };
    case 'const':
      return {
        severity: 'error',
        message: `expected ${JSON.stringify(params.allowedValue)}, got ${describe(error.data)}`,
        location: at(segments),
      };
    default:
      return {
        severity: 'error',
        message: `${describe(error.data)} ${error.message ?? 'is invalid'}`,
        location: at(segments),
        ...(schemaHint ? { hint: schemaHint } : {}),
      };
  }
}

function article(type: string): string {
  const names = type.split(',').map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
  return names.join(' or ');
}

/** A value as error messages quote it: strings quoted (and shortened), containers by kind. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value.length > 60 ? value.slice(0, 57) + '...' : value}'`;
  return String(value);
}

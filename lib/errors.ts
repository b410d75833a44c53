/**
 * Typed errors shared by every entry point. Each carries the exit code the CLI maps it to
 * (1 = a check failed, 2 = bad input or usage) and enough context to tell a person what to do next.
 */

/** Where in which input a problem sits. Lines and columns are 1-based, as editors show them. */
export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
  /** Byte offset into the file, for data readers. */
  offset?: number;
  /** Path inside the document, e.g. `models[0].evaluation.gates[1].threshold`. */
  path?: string;
}

/** One finding about an input document: what is wrong, where, and how to fix it. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  location: SourceLocation;
  hint?: string;
}

/** Base class: never thrown directly. */
export abstract class MlopsError extends Error {
  abstract readonly exitCode: 1 | 2;
  readonly code: string;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;

  constructor(code: string, message: string, options: { hint?: string; location?: SourceLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
  }
}

/** The input (a file, a flag, a document) is unusable: exit 2. */
export class BadInputError extends MlopsError {
  readonly exitCode = 2 as const;
}

/** A document parsed but broke its schema or rules; carries every finding, not just the first: exit 2. */
export class InvalidDocumentError extends BadInputError {
  readonly diagnostics: Diagnostic[];

  constructor(file: string, diagnostics: Diagnostic[], what = 'document') {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super('invalid-document', `${file}: ${errors} error${errors === 1 ? '' : 's'} in ${what}`, {
      location: { file },
    });
    this.diagnostics = diagnostics;
  }
}

/** A check ran and said no (validation failed, drift found, gate refused): exit 1. */
export class CheckFailedError extends MlopsError {
  readonly exitCode = 1 as const;
}

/** Renders a location the way compilers and editors print it: `file:line:col`. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.col !== undefined) text += `:${location.col}`;
  }
  return text;
}

/** One diagnostic as a human-readable block for stderr. */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.location.path ? ` (at ${d.location.path})` : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${formatLocation(d.location)}: ${d.severity}: ${d.message}${at}${hint}`;
}

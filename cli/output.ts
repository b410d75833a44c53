import { Option, type Command } from 'commander';
import { BadInputError, formatDiagnostic, InvalidDocumentError, MlopsError, type Diagnostic } from '../lib/errors.js';

/** Output formats a command may offer; each command declares which of them it supports. */
export type OutputFormat = 'text' | 'json' | 'github' | 'markdown';

/** Adds `--format` (limited to what the command supports) and `--json` as its alias. */
export function addFormatOptions(cmd: Command, formats: OutputFormat[]): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('text'))
    .option('--json', 'alias of --format json');
}

/** The format a command was asked for, honouring the `--json` alias. */
export function resolveFormat(opts: { format?: string; json?: boolean }): OutputFormat {
  if (opts.json) return 'json';
  return (opts.format ?? 'text') as OutputFormat;
}

/** Where a command writes: injectable so tests capture output without spawning. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  verbose: boolean;
}

/** The process' real streams. */
export function processIo(verbose = false): Io {
  return {
    stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    verbose,
  };
}

/** Escapes a value for a GitHub workflow command's message or property (the runner's own rules). */
export function escapeWorkflowData(text: string, isProperty = false): string {
  let out = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (isProperty) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

/** A diagnostic as a `::error file=…,line=…,col=…::` workflow command, so GitHub annotates the file. */
export function diagnosticToWorkflowCommand(d: Diagnostic): string {
  const props = [`file=${escapeWorkflowData(d.location.file, true)}`];
  if (d.location.line !== undefined) props.push(`line=${d.location.line}`);
  if (d.location.col !== undefined) props.push(`col=${d.location.col}`);
  const message = d.message + (d.location.path ? ` (at ${d.location.path})` : '') + (d.hint ? ` — ${d.hint}` : '');
  return `::${d.severity} ${props.join(',')}::${escapeWorkflowData(message)}`;
}

/** Prints an error the way the chosen format wants it and returns its exit code (2 for unexpected crashes). */
export function reportError(error: unknown, io: Io, format: OutputFormat = 'text'): number {
  if (!(error instanceof MlopsError)) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: internal error: ${message}`);
    if (io.verbose && error instanceof Error && error.stack) io.stderr(error.stack);
    else io.stderr('  hint: re-run with --verbose for the stack trace, and report it if it persists');
    return 2;
  }
  const diagnostics = error instanceof InvalidDocumentError ? error.diagnostics : toDiagnostics(error);
  if (format === 'json') {
    io.stdout(JSON.stringify({ ok: false, error: { code: error.code, message: error.message, diagnostics } }, null, 2));
  } else if (format === 'github') {
    for (const d of diagnostics) io.stdout(diagnosticToWorkflowCommand(d));
  }
  if (error instanceof InvalidDocumentError) {
    io.stderr(`error: ${error.message}`);
    for (const d of diagnostics) io.stderr(formatDiagnostic(d));
  } else {
    io.stderr(diagnostics.map(formatDiagnostic).join('\n'));
  }
  if (io.verbose && error.cause instanceof Error && error.cause.stack) io.stderr(`caused by: ${error.cause.stack}`);
  return error.exitCode;
}

function toDiagnostics(error: MlopsError): Diagnostic[] {
  const location = error.location ?? { file: 'mlops' };
  const d: Diagnostic = { severity: 'error', message: error.message, location };
  if (error.hint) d.hint = error.hint;
  return [d];
}

/** Wraps a usage problem found after parsing (e.g. two flags that exclude each other). */
export function usageError(message: string, hint?: string): BadInputError {
  return new BadInputError('usage', message, hint ? { hint, location: { file: 'mlops' } } : { location: { file: 'mlops' } });
}

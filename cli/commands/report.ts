import { resolve } from 'node:path';
import { Option } from 'commander';
import { readReportDocument, reportKinds, type Report, type ReportKind, type Subject } from '../../lib/contracts/index.js';
import { formatDiagnostic, InvalidDocumentError, MlopsError, type Diagnostic } from '../../lib/errors.js';
import { addFormatOptions, resolveFormat } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface CheckOptions {
  kind?: ReportKind;
  strict?: boolean;
  format?: string;
  json?: boolean;
}

/** The outcome for one file, as `--format json` prints it. */
interface CheckedFile {
  file: string;
  valid: boolean;
  kind?: string;
  version?: number;
  createdAt?: string;
  tool?: Report['tool'];
  subject?: Subject;
  /** Why the file is invalid: the error's code and message. */
  error?: { code: string; message: string };
  diagnostics: Diagnostic[];
}

/** `mlops report …`: work with the report files the actions, the CLI and the app exchange. */
export const reportCommand: CommandModule = {
  register(program, run) {
    const report = program.command('report').description('work with gh-mlops report files (validation, drift, evaluation, gate, ...)');
    const check = report
      .command('check')
      .description('check report files against their versioned contracts; exit 0 when all are valid, 2 otherwise')
      .argument('<files...>', 'report files (JSON)')
      .addOption(new Option('--kind <kind>', 'require every file to be this kind').choices([...reportKinds]))
      .option('--strict', 'treat unknown keys (warnings) as errors');
    addFormatOptions(check, ['text', 'json']);
    check.action(run(checkReports));
  },
};

async function checkReports(options: CheckOptions, ctx: CommandContext, ...files: string[]): Promise<number> {
  const results: CheckedFile[] = [];
  for (const file of files) results.push(await checkOne(file, options, ctx));
  const format = resolveFormat(options);
  if (format === 'json') {
    ctx.io.stdout(JSON.stringify({ ok: results.every((r) => r.valid), reports: results }, null, 2));
  } else {
    for (const r of results) {
      if (r.valid) ctx.io.stdout(`${r.file}: ${r.kind} v${r.version} ok — ${describeSubject(r.subject ?? {})}`);
      // An InvalidDocumentError has several findings under one heading; any other error is its one diagnostic.
      else if (r.error?.code === 'invalid-document' || r.error?.code === 'strict') ctx.io.stderr(`error: ${r.error.message}`);
      for (const d of r.diagnostics) ctx.io.stderr(formatDiagnostic(d));
    }
    if (results.length > 1) {
      const invalid = results.filter((r) => !r.valid).length;
      ctx.io.stdout(`checked ${results.length} reports: ${results.length - invalid} valid, ${invalid} invalid`);
    }
  }
  return results.every((r) => r.valid) ? 0 : 2;
}

async function checkOne(file: string, options: CheckOptions, ctx: CommandContext): Promise<CheckedFile> {
  try {
    const { report, warnings } = await readReportDocument(resolve(ctx.cwd, file), options.kind);
    const diagnostics = warnings.map((w) => ({ ...w, location: { ...w.location, file }, ...(options.strict ? { severity: 'error' as const } : {}) }));
    const valid = !(options.strict && diagnostics.length > 0);
    const { kind, version, createdAt, tool, subject } = report;
    return { file, valid, kind, version, createdAt, tool, subject, diagnostics, ...(valid ? {} : { error: { code: 'strict', message: `${file}: unknown keys are errors with --strict` } }) };
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    // Errors name the absolute path they read; people passed a relative one.
    const absolute = resolve(ctx.cwd, file);
    const relabel = (d: Diagnostic): Diagnostic => (d.location.file === absolute ? { ...d, location: { ...d.location, file } } : d);
    const diagnostics =
      error instanceof InvalidDocumentError
        ? error.diagnostics.map(relabel)
        : [relabel({ severity: 'error', message: error.message.split(absolute).join(file), location: error.location ?? { file }, ...(error.hint ? { hint: error.hint } : {}) })];
    return { file, valid: false, error: { code: error.code, message: error.message.split(absolute).join(file) }, diagnostics };
  }
}

/** One line naming what a report is about, e.g. `dataset sha256:1a2b3c4d5e6f (10000 rows), commit a1b2c3d`. */
function describeSubject(subject: Subject): string {
  const parts: string[] = [];
  if (subject.dataset) parts.push(`dataset ${subject.dataset.fingerprint.slice(0, 19)} (${subject.dataset.rows} rows)`);
  if (subject.model) parts.push(`model ${subject.model.name ? subject.model.name + ' ' : ''}${subject.model.sha256.slice(0, 12)}`);
  if (subject.commit) parts.push(`commit ${subject.commit.sha.slice(0, 7)}${subject.commit.ref ? ` (${subject.commit.ref})` : ''}`);
  if (subject.run) parts.push(`run ${subject.run.id}`);
  return parts.join(', ');
}

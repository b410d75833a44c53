import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readReport, writeReport, type DriftMethod, type DriftReport, type EvaluationReport, type ProfileBody, type ProfileReport, type Subject } from '../../lib/contracts/index.js';
import { BadInputError } from '../../lib/errors.js';
import { collectRaw, compareProfiles, compareRaw, type ColumnSelection, type DatasetDecision, type RawDataset } from '../../lib/drift/compare-datasets.js';
import { CATEGORICAL_METHODS, DEFAULT_DATASET_DRIFT_SHARE, DEFAULT_THRESHOLDS, defaultDriftOptions, NUMERIC_METHODS, type CategoricalMethod, type DriftOptions, type NumericMethod } from '../../lib/drift/drift-options.js';
import { toDriftReport, type BaselineInfo } from '../../lib/drift/drift-report.js';
import { formatDriftGithub, formatDriftText, toDriftSummaryView } from '../../lib/drift/format-drift.js';
import { createProfiler } from '../../lib/profile/dataset-profiler.js';
import { datasetFingerprint } from '../../lib/profile/fingerprint.js';
import { createTemplateRegistry } from '../../lib/templates/index.js';
import { collect, openDataInput, runUrl, subjectFromEnv } from '../data-input.js';
import { addFormatOptions, resolveFormat, usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

/** Flags shared by `drift` and `monitor`. */
export interface DriftFlags {
  numericMethod?: string;
  categoricalMethod?: string;
  threshold?: string[];
  columns?: string[];
  ignore?: string[];
  datasetDriftShare?: string;
  delimiter?: string;
  maxMalformed?: string;
  format?: string;
  json?: boolean;
}

interface DriftCommandOptions extends DriftFlags {
  baseline: string;
  current: string;
  report?: string;
}

/** Adds the method, threshold and column flags (drift and monitor take the same). */
export function addDriftFlags(cmd: Command): Command {
  return cmd
    .option('--numeric-method <method>', `numeric columns: ${NUMERIC_METHODS.join('|')}`, 'auto')
    .option('--categorical-method <method>', `categorical columns: ${CATEGORICAL_METHODS.join('|')}`, 'auto')
    .option('--threshold <method=value>', 'threshold per method (ks=0.05, chisquare=0.05 are p-values; wasserstein=0.1, jensenshannon=0.1, psi=0.2 distances); repeatable', collect)
    .option('--columns <a,b>', 'compare only these columns; repeatable', collect)
    .option('--ignore <a,b>', 'leave these columns out; repeatable', collect)
    .option('--dataset-drift-share <share>', 'share of drifted columns that makes the dataset drifted', String(DEFAULT_DATASET_DRIFT_SHARE))
    .option('--delimiter <char>', 'CSV field delimiter (default , and tab for .tsv)')
    .option('--max-malformed <n>', 'skip up to n malformed records per side (each is reported) before failing', '0');
}

/** The comparison settings and column selection from the flags; usage errors (exit 2) for bad values. */
export function parseDriftFlags(flags: DriftFlags): { options: DriftOptions; selection: ColumnSelection } {
  const numeric = flags.numericMethod ?? 'auto';
  const categorical = flags.categoricalMethod ?? 'auto';
  if (!(NUMERIC_METHODS as readonly string[]).includes(numeric)) throw usageError(`--numeric-method must be one of ${NUMERIC_METHODS.join(', ')}, got '${numeric}'`);
  if (!(CATEGORICAL_METHODS as readonly string[]).includes(categorical)) throw usageError(`--categorical-method must be one of ${CATEGORICAL_METHODS.join(', ')}, got '${categorical}'`);
  const thresholds: Record<DriftMethod, number> = { ...DEFAULT_THRESHOLDS };
  for (const spec of flags.threshold ?? []) {
    const m = /^(ks|wasserstein|psi|jensenshannon|chisquare)=([0-9]*\.?[0-9]+(?:e-?[0-9]+)?)$/.exec(spec.trim());
    if (!m) throw usageError(`--threshold expects METHOD=VALUE with METHOD one of ks, wasserstein, psi, jensenshannon, chisquare, got '${spec}'`, 'e.g. --threshold ks=0.01 --threshold psi=0.25');
    const value = Number(m[2]);
    if ((m[1] === 'ks' || m[1] === 'chisquare') && !(value > 0 && value <= 1)) throw usageError(`--threshold ${m[1]} is a p-value: it must be in (0, 1], got ${m[2]}`);
    thresholds[m[1] as DriftMethod] = value;
  }
  const share = Number(flags.datasetDriftShare ?? DEFAULT_DATASET_DRIFT_SHARE);
  if (!(share > 0 && share <= 1)) throw usageError(`--dataset-drift-share must be in (0, 1], got '${flags.datasetDriftShare}'`);
  const list = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const options = defaultDriftOptions({ numericMethod: numeric as NumericMethod, categoricalMethod: categorical as CategoricalMethod, thresholds, datasetDriftShare: share });
  return { options, selection: { columns: list(flags.columns), ignore: list(flags.ignore) } };
}

/** A profile report is named by `.json`; every data format has its own extension. */
export function isProfilePath(path: string): boolean {
  return /\.json$/i.test(path);
}

/** One side of a comparison, read. */
export type LoadedSide = { kind: 'raw'; data: RawDataset; baseline: BaselineInfo; subject: Subject } | { kind: 'profile'; body: ProfileBody; baseline: BaselineInfo; subject: Subject };

/** Reads a side: raw values when `raw`, else a profile (read from a report, or computed from the data). */
export async function loadSide(path: string, raw: boolean, flags: DriftFlags, ctx: CommandContext, skip?: (column: string) => boolean): Promise<LoadedSide> {
  if (isProfilePath(path)) {
    const report = await readReport(resolve(ctx.cwd, path));
    if (report.kind === 'mlops/evaluation') return predictionSide(report, path, ctx);
    if (report.kind !== 'mlops/profile') {
      throw new BadInputError('drift-wrong-report', `${path} is a ${report.kind} report; drift compares mlops/profile reports, data files, or the predictions of an mlops/evaluation report`, {
        location: { file: path },
        hint: 'pass a profile (mlops profile --out), a data path, or an evaluation written with mlops evaluate --no-labels',
      });
    }
    const { kind: _k, version: _v, createdAt: _c, tool: _t, subject, ...body } = report as ProfileReport;
    return { kind: 'profile', body, baseline: { fingerprint: body.fingerprint, rows: body.rows, source: path }, subject: { ...contextSubject(ctx), ...(subject.dataset ? { dataset: subject.dataset } : {}) } };
  }
  const input = openDataInput(ctx, { data: [path], ...(flags.delimiter ? { delimiter: flags.delimiter } : {}), ...(flags.maxMalformed ? { maxMalformed: flags.maxMalformed } : {}) });
  const report = () => {
    for (const m of input.malformed) ctx.io.stderr(`warning: ${m.file}:${m.line}: skipped malformed record: ${m.reason}`);
  };
  if (raw) {
    const data = await collectRaw(input.batches, skip);
    report();
    return { kind: 'raw', data, baseline: { fingerprint: datasetFingerprint(input.files.map((f) => f.sha256), data.rows), rows: data.rows, source: path }, subject: subjectFromEnv(ctx.env, input.files, data.rows) };
  }
  let profiler: ReturnType<typeof createProfiler> | undefined;
  for await (const batch of input.batches) {
    profiler ??= createProfiler(batch.columns);
    profiler.addBatch(batch);
  }
  report();
  const body = (profiler ?? createProfiler([])).finish(input.files);
  return { kind: 'profile', body, baseline: { fingerprint: body.fingerprint, rows: body.rows, source: path }, subject: subjectFromEnv(ctx.env, input.files, body.rows) };
}

/** Compares two loaded sides (raw when both are raw, else from profiles). */
export function compareSides(baseline: LoadedSide, current: LoadedSide, parsed: ReturnType<typeof parseDriftFlags>, files: { baseline: string; current: string }): { decision: DatasetDecision; mode: 'raw' | 'profile' } {
  if (baseline.kind === 'raw' && current.kind === 'raw') return { decision: compareRaw(baseline.data, current.data, parsed.options, parsed.selection, files), mode: 'raw' };
  if (baseline.kind === 'profile' && current.kind === 'profile') return { decision: compareProfiles(baseline.body, current.body, parsed.options, parsed.selection, files), mode: 'profile' };
  throw new BadInputError('drift-mixed-sides', 'internal: one side was read raw and the other as a profile');
}

/** Prints a drift report in the chosen format. */
export async function printDriftReport(report: DriftReport, flags: DriftFlags, ctx: CommandContext, currentSource?: string): Promise<void> {
  const format = resolveFormat(flags);
  if (format === 'json') ctx.io.stdout(JSON.stringify(report, null, 2));
  else if (format === 'github') for (const line of formatDriftGithub(report)) ctx.io.stdout(line);
  else if (format === 'markdown') {
    const url = runUrl(ctx.env);
    const view = toDriftSummaryView(report, { commitSha: report.subject.commit?.sha ?? 'local', ...(ctx.env.GITHUB_REF ? { ref: ctx.env.GITHUB_REF } : {}), ...(url ? { runUrl: url } : {}), ...(currentSource ? { currentSource } : {}) });
    ctx.io.stdout(await createTemplateRegistry().render('job-summary-drift', view));
  } else for (const line of formatDriftText(report)) ctx.io.stdout(line);
}

/** `mlops drift`: compare current data (or a profile) with a baseline. */
export const driftCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('drift')
      .description('compare current data with a baseline column by column (raw data: exact statistics; profiles: from sketches); exit 0 no dataset drift, 1 dataset drift, 2 bad input')
      .requiredOption('--baseline <path>', 'baseline data (file, directory or glob) or mlops/profile report (.json)')
      .requiredOption('--current <path>', 'current data or mlops/profile report (.json)')
      .option('--report <file>', 'write the mlops/drift report here');
    addDriftFlags(cmd);
    addFormatOptions(cmd, ['text', 'json', 'github', 'markdown']);
    cmd.action(run(drift));
  },
};

async function drift(options: DriftCommandOptions, ctx: CommandContext): Promise<number> {
  const parsed = parseDriftFlags(options);
  const raw = !isProfilePath(options.baseline) && !isProfilePath(options.current);
  const ignore = new Set(parsed.selection.ignore);
  const only = parsed.selection.columns && parsed.selection.columns.length > 0 ? new Set(parsed.selection.columns) : undefined;
  const skip = (c: string) => ignore.has(c) || (only !== undefined && !only.has(c));
  const baseline = await loadSide(options.baseline, raw, options, ctx, skip);
  const current = await loadSide(options.current, raw, options, ctx, skip);
  const files = { baseline: options.baseline, current: options.current };
  const { decision, mode } = compareSides(baseline, current, parsed, files);
  const report = toDriftReport(decision, mode, baseline.baseline, current.subject);
  if (options.report) await writeReport(resolve(ctx.cwd, options.report), report);
  await printDriftReport(report, options, ctx, options.current);
  return report.drifted ? 1 : 0;
}

/**
 * Prediction drift, for labels that arrive late: the profile of a model's outputs that `mlops evaluate --no-labels`
 * writes (`predictions`: the predicted class and each class probability, or the predicted value) is one side of the
 * comparison, like any dataset's columns.
 */
function predictionSide(report: EvaluationReport, path: string, ctx: CommandContext): LoadedSide {
  if (!report.predictions || report.predictions.length === 0) {
    throw new BadInputError('drift-no-predictions', `${path} is an mlops/evaluation report without a predictions profile`, {
      location: { file: path },
      hint: 'write it with mlops evaluate --no-labels, which profiles the model outputs for monitoring',
    });
  }
  const fingerprint = report.subject.dataset?.fingerprint ?? datasetFingerprint([report.model.sha256.replace(/^sha256:/, '')], report.rows);
  const body: ProfileBody = { rows: report.rows, fingerprint, columns: report.predictions };
  return { kind: 'profile', body, baseline: { fingerprint, rows: report.rows, source: path }, subject: { ...contextSubject(ctx), ...(report.subject.dataset ? { dataset: report.subject.dataset } : {}) } };
}

function contextSubject(ctx: CommandContext): Omit<Subject, 'dataset'> {
  const { dataset: _dataset, ...rest } = subjectFromEnv(ctx.env, [], 0);
  return rest;
}

import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BadInputError } from '../../lib/errors.js';
import { createReport, readReport, writeReport, type EvaluationReport } from '../../lib/contracts/index.js';
import { formatEvaluationText } from '../../lib/evaluation/format-evaluation.js';
import { evaluationCommentView } from '../../lib/evaluation/comment-view.js';
import { createTemplateRegistry } from '../../lib/templates/index.js';
import { toolVersion } from '../../lib/package-root.js';
import { collect, openDataInput, runUrl, subjectFromEnv } from '../data-input.js';
import { addFormatOptions, resolveFormat, usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface EvaluateOptions {
  model: string;
  data?: string[];
  target?: string;
  task: string;
  champion?: string;
  championReport?: string;
  slices?: string;
  minSliceRows?: string;
  positiveLabel?: string;
  decisionThreshold: string;
  features?: string;
  labels: boolean;
  batchSize: string;
  bootstrap: string;
  seed: string;
  report?: string;
  maxModelMb: string;
  name?: string;
  delimiter?: string;
  maxMalformed?: string;
  format?: string;
  json?: boolean;
}

const tasks = ['auto', 'binary', 'multiclass', 'regression'] as const;

/** `mlops evaluate`: an ONNX model on labelled data, optionally against a champion, into an mlops/evaluation report. */
export const evaluateCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('evaluate')
      .description('evaluate an ONNX model with ONNX Runtime on a dataset (metrics as scikit-learn, slices, latency), optionally against a champion with paired-bootstrap intervals; exit 0 ok, 2 bad input')
      .requiredOption('--model <file>', 'the ONNX model to evaluate (the challenger)')
      .option('--data <path>', 'data file, directory or glob (.csv, .tsv, .jsonl, .parquet, optionally .gz); repeatable', collect)
      .option('--target <column>', 'the label column')
      .option('--task <task>', `${tasks.join('|')}: auto reads it from the model outputs`, 'auto')
      .option('--champion <file|spec>', 'the production model to compare with on the same rows: an ONNX file, or a registry spec such as churn@production (pulled and sha256-verified)')
      .option('--champion-report <file>', "the champion's mlops/evaluation report, when its model is not at hand")
      .option('--slices <columns>', 'comma-separated columns to compute metrics per value of')
      .option('--min-slice-rows <n>', 'slices with fewer rows are pooled into (other)', '30')
      .option('--positive-label <value>', 'the positive class of a binary task (default: the second class)')
      .option('--decision-threshold <p>', 'binary: predict the positive class when its probability exceeds p', '0.5')
      .option('--features <columns>', "comma-separated feature columns in the model's input order (default: the model's feature_names metadata, else every non-target column)")
      .option('--no-labels', 'no ground truth: profile the predictions instead of computing metrics')
      .option('--batch-size <n>', 'rows per inference call', '4096')
      .option('--bootstrap <n>', 'bootstrap resamples for confidence intervals (0: none)', '1000')
      .option('--seed <n>', 'seed of the bootstrap', '7')
      .option('--report <file>', 'write the mlops/evaluation report here')
      .option('--max-model-mb <n>', 'refuse model files larger than this (untrusted models from pull requests)', '512')
      .option('--name <name>', 'model name for the report and the comment (default: the file name)')
      .option('--delimiter <char>', 'CSV field delimiter')
      .option('--max-malformed <n>', 'skip up to n malformed records (each is reported) before failing', '0');
    addFormatOptions(cmd, ['text', 'json', 'markdown']);
    cmd.action(run(evaluate));
  },
};

function positiveInt(name: string, value: string, min = 1): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw usageError(`${name} must be an integer ≥ ${min}, got '${value}'`);
  return Number(value);
}

function columnList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The champion's ONNX file: a path, or a registry spec (`churn@production`, `churn@1.2.0`, `churn/v1.2.0`) that is pulled
 * from the repository's releases (GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL) into a temporary folder, every asset
 * checked against its recorded sha256. An existing file always wins, so a file named like a spec is still a file.
 */
async function championModel(text: string, ctx: CommandContext): Promise<{ path: string; name: string }> {
  const path = resolve(ctx.cwd, text);
  if (existsSync(path) || !/^[a-z0-9][a-z0-9-]*(@[\w.-]+|\/v\d[\w.+-]*)$/i.test(text)) return { path, name: text };
  const { pullVersion } = await import('../registry/registry-actions.js');
  const dir = await mkdtemp(join(tmpdir(), 'mlops-champion-'));
  const pulled = await pullVersion({ dir }, ctx, text);
  const model = pulled.files.find((f) => f.name === 'model.onnx');
  if (!model) throw new BadInputError('champion-without-model', `${pulled.tag} has no model.onnx asset`, { hint: 'register versions with the gh-mlops app, which uploads model.onnx', location: { file: text } });
  return { path: join(pulled.dir, 'model.onnx'), name: pulled.tag };
}

async function evaluate(options: EvaluateOptions, ctx: CommandContext): Promise<number> {
  if (!(tasks as readonly string[]).includes(options.task)) throw usageError(`--task must be one of ${tasks.join(', ')}, got '${options.task}'`);
  if (options.champion && options.championReport) throw usageError('pass either --champion or --champion-report, not both');
  const threshold = Number(options.decisionThreshold);
  if (!(threshold >= 0 && threshold <= 1)) throw usageError(`--decision-threshold must be a probability in [0, 1], got '${options.decisionThreshold}'`);
  const maxMb = Number(options.maxModelMb);
  if (!(maxMb > 0)) throw usageError(`--max-model-mb must be a positive number, got '${options.maxModelMb}'`);
  const championReport = options.championReport
    ? { report: await readReport(resolve(ctx.cwd, options.championReport), 'mlops/evaluation'), file: options.championReport }
    : undefined;
  const champion = options.champion ? await championModel(options.champion, ctx) : undefined;
  const input = openDataInput(ctx, options);
  const { evaluateModel } = await import('../evaluation/evaluate-model.js'); // ONNX Runtime loads only for evaluate
  const { body, model, timings } = await evaluateModel({
    model: { path: resolve(ctx.cwd, options.model), name: options.model },
    ...(champion ? { champion } : {}),
    ...(championReport ? { championReport } : {}),
    batches: input.batches,
    ...(options.target ? { target: options.target } : {}),
    task: options.task as (typeof tasks)[number],
    slices: columnList(options.slices),
    minSliceRows: positiveInt('--min-slice-rows', options.minSliceRows ?? '30'),
    ...(options.positiveLabel !== undefined ? { positiveLabel: options.positiveLabel } : {}),
    threshold,
    ...(options.features ? { features: columnList(options.features) } : {}),
    noLabels: !options.labels,
    batchSize: positiveInt('--batch-size', options.batchSize),
    bootstrap: { resamples: positiveInt('--bootstrap', options.bootstrap, 0), seed: positiveInt('--seed', options.seed, 0) },
    maxModelBytes: maxMb * 1_000_000,
  });
  for (const m of input.malformed) ctx.io.stderr(`warning: ${m.file}:${m.line}: skipped malformed record: ${m.reason}`);
  if (ctx.io.verbose) ctx.io.stderr(`timings: pass ${timings.passMs.toFixed(0)} ms, metrics ${timings.metricsMs.toFixed(0)} ms, bootstrap ${timings.bootstrapMs.toFixed(0)} ms`);
  const subject = { ...subjectFromEnv(ctx.env, input.files, body.rows), model: { name: options.name ?? modelName(options.model), sha256: model.sha256, bytes: model.bytes } };
  const report: EvaluationReport = createReport('mlops/evaluation', body, { subject });
  if (options.report) await writeReport(resolve(ctx.cwd, options.report), report);
  const format = resolveFormat(options);
  if (format === 'json') ctx.io.stdout(JSON.stringify(report, null, 2));
  else if (format === 'markdown') {
    const view = evaluationCommentView(report, { model: subject.model.name, commitSha: ctx.env.GITHUB_SHA ?? 'local', toolVersion: toolVersion(), generatedAt: report.createdAt, ...(runUrl(ctx.env) ? { runUrl: runUrl(ctx.env)! } : {}) });
    ctx.io.stdout(await createTemplateRegistry().render('pr-comment', view));
  } else for (const line of formatEvaluationText(report)) ctx.io.stdout(line);
  return 0;
}

/** `models/churn-v2.onnx` → `churn-v2`. */
export function modelName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.onnx$/i, '');
}

/**
 * `mlops train [options] -- <command …>`: runs a training command and writes the `mlops/training` report (lineage,
 * params, environment, GPU telemetry, metrics from the tracking protocol, cost, artifacts with sha256). On a Spot
 * interruption notice the command gets SIGTERM to checkpoint; the run ends `interrupted` (exit 1) so the workflow
 * resumes it on a new runner. Exit 0 trained, 1 failed or interrupted, 2 bad input.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createReport, readReport, writeReport, type TrainingReport } from '../../lib/contracts/index.js';
import { BadInputError, CheckFailedError, formatDiagnostic } from '../../lib/errors.js';
import { readPriceTable, shippedPriceTable } from '../../lib/runners/price-table.js';
import { paramValue } from '../../lib/training/tracking-protocol.js';
import { parseParamFlags } from '../../lib/training/training-report.js';
import { trainingSummaryMarkdown } from '../../lib/training/training-summary.js';
import { collect, subjectFromEnv } from '../data-input.js';
import { addFormatOptions, resolveFormat } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';
import { runTraining } from '../training/run-training.js';

interface TrainOptions {
  param?: string[];
  paramsFile?: string;
  dataProfile?: string[];
  artifact?: string[];
  metricsFile?: string;
  checkpointDir?: string;
  report: string;
  summary?: string;
  priceTable?: string;
  interruptions: string;
  nvidiaSmi: string;
  gpuInterval: string;
  imds: boolean;
  imdsEndpoint?: string;
  spotPoll: string;
  termGrace: string;
  python: boolean;
  format?: string;
  json?: boolean;
}

const where = (path: string) => ({ file: 'mlops train', path });

function whole(text: string, flag: string, min = 0): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new BadInputError('bad-option', `--${flag} must be a whole number ≥ ${min}, got ${JSON.stringify(text)}`, { location: where(flag) });
  return n;
}

async function paramsFromFile(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new BadInputError('unreadable-file', `cannot read params file ${file}: ${error.message}`, { location: { file } });
  });
  const value: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadInputError('bad-params-file', `${file}: expected a mapping of parameter names to values`, { location: { file }, hint: 'lr: 0.1\nepochs: 200' });
  }
  return value as Record<string, unknown>;
}

async function train(options: TrainOptions, ctx: CommandContext, ...command: string[]): Promise<number> {
  if (command.length === 0) throw new BadInputError('no-command', 'name the training command after --', { location: where('command'), hint: 'mlops train --param lr=0.1 -- python train.py --lr 0.1' });
  let params: Record<string, unknown> = options.paramsFile ? await paramsFromFile(resolve(ctx.cwd, options.paramsFile)) : {};
  try {
    params = { ...params, ...parseParamFlags(options.param ?? [], paramValue) };
  } catch (error) {
    throw new BadInputError('bad-param', (error as Error).message, { location: where('param'), hint: '--param lr=0.1' });
  }
  const data: Array<{ name: string; fingerprint: string }> = [];
  for (const file of options.dataProfile ?? []) {
    const profile = await readReport(resolve(ctx.cwd, file), 'mlops/profile');
    const fingerprint = profile.subject.dataset?.fingerprint;
    if (!fingerprint) throw new BadInputError('profile-without-dataset', `${file}: the profile names no dataset fingerprint`, { location: { file, path: 'subject.dataset' } });
    data.push({ name: profile.subject.dataset?.files?.map((f) => f.path).join(',') || file, fingerprint });
  }
  const priceTable = options.priceTable ? await readPriceTable(resolve(ctx.cwd, options.priceTable)) : shippedPriceTable;
  const imdsEndpoint = options.imds ? options.imdsEndpoint ?? ctx.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? 'http://169.254.169.254' : undefined;
  const { body, warnings } = await runTraining({
    command, cwd: ctx.cwd, env: ctx.env, params, data, artifacts: options.artifact ?? [],
    ...(options.metricsFile ? { metricsFile: options.metricsFile } : {}),
    ...(options.checkpointDir ? { checkpointDir: options.checkpointDir } : {}),
    priceTable, interruptions: whole(options.interruptions, 'interruptions'), nvidiaSmi: options.nvidiaSmi,
    gpuIntervalMs: whole(options.gpuInterval, 'gpu-interval', 10), imdsEndpoint, spotPollMs: whole(options.spotPoll, 'spot-poll', 10),
    termGraceMs: whole(options.termGrace, 'term-grace'), python: options.python,
    out: (line) => ctx.io.stdout(line), err: (line) => ctx.io.stderr(line),
  });
  for (const w of warnings) ctx.io.stderr(formatDiagnostic(w));
  const { dataset: _dataset, ...subject } = subjectFromEnv(ctx.env, [], 0);
  const report: TrainingReport = createReport('mlops/training', body, { subject: Object.keys(subject).length > 0 ? subject : { commit: { sha: body.code.sha } } });
  await writeReport(resolve(ctx.cwd, options.report), report);
  if (options.summary) await appendFile(resolve(ctx.cwd, options.summary), trainingSummaryMarkdown(body));
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify(report, null, 2));
  else ctx.io.stdout(`mlops train: ${body.outcome?.status} in ${body.durationSeconds} s, ${body.metrics.length} metric points, $${body.cost.usd.toFixed(2)}; report ${options.report}`);
  const outcome = body.outcome!;
  if (outcome.status === 'interrupted') throw new CheckFailedError('training-interrupted', `training interrupted by a Spot notice; checkpoint ${body.checkpoint?.last?.path ?? '(none written)'}`, { location: where('command'), hint: 'the workflow resumes it on a new runner from the checkpoint artifact' });
  if (outcome.status === 'failed') throw new CheckFailedError('training-failed', `the training command exited ${outcome.exitCode}`, { location: where('command') });
  return 0;
}

/** `mlops train`. */
export const trainCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('train')
      .description('run a training command and write its mlops/training report (lineage, params, GPU telemetry, metrics, cost, artifacts); exit 0 trained, 1 failed or interrupted, 2 bad input')
      .argument('<command...>', 'the training command, after --')
      .option('--param <key=value>', 'a hyper-parameter (repeatable; numbers and booleans typed)', collect)
      .option('--params-file <file>', 'hyper-parameters from a YAML or JSON mapping (--param wins)')
      .option('--data-profile <report>', 'an mlops/profile report of a dataset the run reads (repeatable): its fingerprint is recorded', collect)
      .option('--artifact <path>', 'a file or folder the run produces (repeatable): hashed with sha256', collect)
      .option('--metrics-file <jsonl>', 'metrics as JSON lines {"name","step","value"}, besides ::mlops-metric lines')
      .option('--checkpoint-dir <dir>', 'where the command writes checkpoints (and resumes from)')
      .option('--report <file>', 'where to write the mlops/training report', 'mlops-training.json')
      .option('--summary <file>', 'append a Markdown summary with training curves (e.g. $GITHUB_STEP_SUMMARY)')
      .option('--price-table <json>', 'price table overriding the shipped one (USD per instance-hour)')
      .option('--interruptions <n>', 'interruptions this training already recovered from (resume count)', '0')
      .option('--nvidia-smi <path>', 'the nvidia-smi binary', 'nvidia-smi')
      .option('--gpu-interval <ms>', 'GPU sampling interval', '5000')
      .option('--no-imds', 'do not query instance metadata (no instance facts, no Spot notices)')
      .option('--imds-endpoint <url>', 'instance metadata endpoint (default AWS_EC2_METADATA_SERVICE_ENDPOINT or 169.254.169.254)')
      .option('--spot-poll <ms>', 'how often to poll for a Spot interruption notice', '5000')
      .option('--term-grace <ms>', 'after SIGTERM, how long the command may take to checkpoint before SIGKILL', '90000')
      .option('--no-python', 'do not record the Python version and pip freeze');
    addFormatOptions(cmd, ['text', 'json']);
    cmd.action(run(train));
  },
};

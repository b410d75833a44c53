import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createReport, readReport, writeReport, type Subject, type ValidationReport } from '../../lib/contracts/index.js';
import type { DataBatch, FileSummary, MalformedRecord } from '../../lib/data/batch.js';
import { readDataset } from '../../lib/data/read-dataset.js';
import { createTemplateRegistry } from '../../lib/templates/index.js';
import { loadDataSchema } from '../../lib/validation/load-schema.js';
import { formatText, schemaPathOf, selectAnnotations, toJobSummaryView } from '../../lib/validation/present.js';
import { validateDataset } from '../../lib/validation/validate.js';
import { addFormatOptions, escapeWorkflowData, resolveFormat, usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface ValidateOptions {
  data?: string[];
  split?: string[];
  schema: string;
  baseline?: string;
  report?: string;
  summary?: string;
  delimiter?: string;
  maxMalformed?: string;
  format?: string;
  json?: boolean;
}

/** Data sources shared by `validate` and `schema infer`: paths, the reader options, and what the reader reports. */
export interface DataInput {
  splits: Array<{ name: string; paths: string[] }>;
  files: FileSummary[];
  malformed: MalformedRecord[];
  current: { split: string | undefined };
  batches: AsyncIterable<DataBatch>;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parses `--max-malformed`: a non-negative integer. */
export function parseMaxMalformed(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value)) throw usageError(`--max-malformed must be a non-negative integer, got '${value}'`);
  return Number(value);
}

/** Streams `--data` paths (one unnamed split) or the `--split name=PATH` splits, in order, through the readers. */
export function openDataInput(ctx: CommandContext, options: { data?: string[]; split?: string[]; delimiter?: string; maxMalformed?: string }): DataInput {
  if ((options.data?.length ?? 0) > 0 && (options.split?.length ?? 0) > 0) throw usageError('pass either --data or --split, not both', 'use --split name=PATH for every part when checking leakage between splits');
  const splits = (options.split ?? []).map((spec) => {
    const m = /^([^=]+)=(.+)$/.exec(spec);
    if (!m) throw usageError(`--split expects name=PATH, got '${spec}'`, 'e.g. --split train=data/train.csv --split test=data/test.csv');
    return { name: m[1]!, paths: [m[2]!] };
  });
  const names = splits.map((s) => s.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw usageError(`--split ${duplicate} is given twice`);
  if (splits.length === 0) {
    if ((options.data?.length ?? 0) === 0) throw usageError('no data: pass --data PATH (or --split name=PATH)');
    splits.push({ name: '(data)', paths: options.data! });
  }
  const input: DataInput = { splits, files: [], malformed: [], current: { split: undefined }, batches: undefined as unknown as AsyncIterable<DataBatch> };
  const maxMalformed = parseMaxMalformed(options.maxMalformed);
  const delimiter = options.delimiter === '\\t' ? '\t' : options.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1) throw usageError(`--delimiter must be one character, got '${options.delimiter}'`);
  input.batches = (async function* () {
    for (const split of splits) {
      input.current.split = split.name;
      const paths = split.paths.map((p) => resolve(ctx.cwd, p));
      for await (const batch of readDataset(paths, {
        maxMalformed,
        ...(delimiter ? { delimiter } : {}),
        onMalformed: (r) => input.malformed.push({ ...r, file: relative(ctx.cwd, r.file) }),
        onFile: (s) => input.files.push({ ...s, file: relative(ctx.cwd, s.file) }),
      })) {
        // Reports and annotations name files relative to the working directory (the repository root in Actions).
        yield { ...batch, file: relative(ctx.cwd, batch.file) };
      }
    }
  })();
  return input;
}

/**
 * The dataset's fingerprint: sha256 over each file's sha256 (one per line, in read order) and the row count. Files
 * are hashed by the reader as they stream, so the data is read once.
 */
export function datasetFingerprint(files: FileSummary[], rows: number): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.sha256}\n`);
  hash.update(String(rows));
  return `sha256:${hash.digest('hex')}`;
}

/** The report subject: the dataset, and the commit / run when running in GitHub Actions. */
export function subjectFromEnv(env: NodeJS.ProcessEnv, files: FileSummary[], rows: number): Subject {
  const subject: Subject = { dataset: { fingerprint: datasetFingerprint(files, rows), rows, files: files.map((f) => ({ path: f.file, bytes: f.bytes, sha256: f.sha256 })) } };
  if (env.GITHUB_SHA && /^[0-9a-f]{40}$/.test(env.GITHUB_SHA)) {
    subject.commit = { sha: env.GITHUB_SHA, ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}), ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}) };
  }
  const url = runUrl(env);
  if (url && env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID)) subject.run = { id: Number(env.GITHUB_RUN_ID), url, ...(env.GITHUB_RUN_ATTEMPT ? { attempt: Number(env.GITHUB_RUN_ATTEMPT) } : {}) };
  return subject;
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

/** `mlops validate`: check a dataset against a data schema. */
export const validateCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('validate')
      .description('check a dataset against a data schema; exit 0 when every expectation passes, 1 when one fails, 2 on bad input')
      .option('--data <path>', 'data file, directory or glob (.csv, .tsv, .jsonl, .parquet, optionally .gz); repeatable', collect)
      .option('--split <name=path>', 'a named split (e.g. train=data/train.csv); repeatable; two or more check leakage between them', collect)
      .requiredOption('--schema <file>', 'data schema (YAML), see docs/validation.md')
      .option('--baseline <profile.json>', 'mlops/profile report to compare with (baseline expectations)')
      .option('--report <file>', 'write the mlops/validation report here')
      .option('--summary <file>', 'also append the Markdown summary to this file (e.g. "$GITHUB_STEP_SUMMARY")')
      .option('--delimiter <char>', 'CSV field delimiter (default , and tab for .tsv; \\t for tab)')
      .option('--max-malformed <n>', 'skip up to n malformed records (each is reported) before failing', '0');
    addFormatOptions(cmd, ['text', 'json', 'github', 'markdown']);
    cmd.action(run(validate));
  },
};

/** The job-summary Markdown of a validation report (the `job-summary-validation` template). */
async function renderSummary(report: ValidationReport, input: ReturnType<typeof openDataInput>, ctx: CommandContext): Promise<string> {
  const url = runUrl(ctx.env);
  const view = toJobSummaryView(report, {
    dataset: input.splits.map((s) => (s.name === '(data)' ? s.paths.join(', ') : `${s.name}=${s.paths.join(', ')}`)).join(' · '),
    commitSha: report.subject.commit?.sha ?? 'local',
    ...(ctx.env.GITHUB_REF ? { ref: ctx.env.GITHUB_REF } : {}),
    ...(url ? { runUrl: url } : {}),
  });
  return createTemplateRegistry().render('job-summary-validation', view);
}

async function validate(options: ValidateOptions, ctx: CommandContext): Promise<number> {
  const format = resolveFormat(options);
  const input = openDataInput(ctx, options);
  const schemaFile = options.schema;
  const loaded = await loadDataSchema(resolve(ctx.cwd, schemaFile), schemaFile);
  const baseline = options.baseline ? await readReport(resolve(ctx.cwd, options.baseline), 'mlops/profile') : undefined;
  const body = await validateDataset(input.batches, loaded, {
    malformed: input.malformed,
    ...(baseline ? { baseline } : {}),
    ...(input.splits.length >= 2 ? { splits: { names: input.splits.map((s) => s.name), of: () => input.current.split } } : {}),
  });
  const report = createReport('mlops/validation', body, { subject: subjectFromEnv(ctx.env, input.files, body.summary.rows) }) as ValidationReport;
  if (options.report) await writeReport(resolve(ctx.cwd, options.report), report);
  // One pass over the data serves both the annotations (--format github) and the job summary (--summary).
  if (options.summary) await appendFile(resolve(ctx.cwd, options.summary), `${await renderSummary(report, input, ctx)}\n`);

  if (format === 'json') {
    ctx.io.stdout(JSON.stringify(report, null, 2));
  } else if (format === 'markdown') {
    ctx.io.stdout(await renderSummary(report, input, ctx));
  } else if (format === 'github') {
    const { annotations, omitted } = selectAnnotations(body, {
      schemaFile,
      locateSchema: (r) => loaded.locate?.(schemaPathOf(r, loaded.schema)).line,
    });
    for (const a of annotations) {
      const props = [`file=${escapeWorkflowData(a.file, true)}`, ...(a.line === undefined ? [] : [`line=${a.line}`]), `title=${escapeWorkflowData(a.title, true)}`];
      ctx.io.stdout(`::error ${props.join(',')}::${escapeWorkflowData(a.message)}`);
    }
    if (omitted > 0) {
      const where = options.report ? ` in ${options.report}` : ' in the report (--report FILE)';
      ctx.io.stdout(`::notice title=More validation failures::${escapeWorkflowData(`${omitted} more failing rows or expectations are not annotated (GitHub shows 10 error annotations per step); see them${where}`)}`);
    }
    for (const line of formatText(body).slice(-1)) ctx.io.stdout(line);
  } else {
    for (const line of formatText(body)) ctx.io.stdout(line);
  }
  return body.passed ? 0 : 1;
}

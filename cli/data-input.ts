/**
 * Data input shared by the commands that read datasets (`validate`, `profile`, `schema infer`): repeatable `--data` /
 * `--split` paths through the streaming readers, the reader's file summaries and malformed records, and the report
 * subject (dataset fingerprint — lib/profile's recipe, so every report names the same data alike — commit and run).
 */
import { relative, resolve } from 'node:path';
import type { Subject } from '../lib/contracts/index.js';
import type { DataBatch, FileSummary, MalformedRecord } from '../lib/data/batch.js';
import { readDataset } from '../lib/data/read-dataset.js';
import { datasetFingerprint } from '../lib/profile/fingerprint.js';
import { usageError } from './output.js';
import type { CommandContext } from './program.js';

/** Data sources shared by `validate` and `schema infer`: paths, the reader options, and what the reader reports. */
export interface DataInput {
  splits: Array<{ name: string; paths: string[] }>;
  files: FileSummary[];
  malformed: MalformedRecord[];
  current: { split: string | undefined };
  batches: AsyncIterable<DataBatch>;
}

/** Commander collector for repeatable options (`--data a --data b`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

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

/** The report subject: the dataset, and the commit / run when running in GitHub Actions. */
export function subjectFromEnv(env: NodeJS.ProcessEnv, files: FileSummary[], rows: number): Subject {
  const subject: Subject = { dataset: { fingerprint: datasetFingerprint(files.map((f) => f.sha256), rows), rows, files: files.map((f) => ({ path: f.file, bytes: f.bytes, sha256: f.sha256 })) } };
  if (env.GITHUB_SHA && /^[0-9a-f]{40}$/.test(env.GITHUB_SHA)) {
    subject.commit = { sha: env.GITHUB_SHA, ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}), ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}) };
  }
  const url = runUrl(env);
  if (url && env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID)) subject.run = { id: Number(env.GITHUB_RUN_ID), url, ...(env.GITHUB_RUN_ATTEMPT ? { attempt: Number(env.GITHUB_RUN_ATTEMPT) } : {}) };
  return subject;
}

/** The workflow run's URL when running in GitHub Actions. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

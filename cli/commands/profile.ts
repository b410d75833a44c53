import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeReport, type ProfileBody, type ProfileReport } from '../../lib/contracts/index.js';
import { createProfiler, type DatasetProfiler, type FileDigest } from '../../lib/profile/dataset-profiler.js';
import { formatProfileMarkdown, formatProfileText } from '../../lib/profile/format-profile.js';
import { mergeProfiles } from '../../lib/profile/merge-profiles.js';
import { readProfileSource, toProfileReport } from '../../lib/profile/profile-report.js';
import { addFormatOptions, resolveFormat } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';
import { collect, openDataInput, subjectFromEnv } from '../data-input.js';

interface ProfileOptions {
  data?: string[];
  out?: string;
  delimiter?: string;
  maxMalformed?: string;
  format?: string;
  json?: boolean;
}

interface MergeOptions {
  out?: string;
  format?: string;
  json?: boolean;
}


/** `mlops profile`: mergeable statistical profiles of datasets, and `profile merge` for shard profiles. */
export const profileCommand: CommandModule = {
  register(program, run) {
    const profile = program
      .command('profile')
      .description('profile a dataset (types, counts, distinct, moments, quantiles, histograms, top-k) into a mergeable mlops/profile report; exit 0 ok, 2 bad input')
      .option('--data <path>', 'data file, directory or glob (.csv, .tsv, .jsonl, .parquet, optionally .gz); repeatable', collect)
      .option('--out <file>', 'write the mlops/profile report here')
      .option('--delimiter <char>', 'CSV field delimiter (default , and tab for .tsv; \\t for tab)')
      .option('--max-malformed <n>', 'skip up to n malformed records (each is reported) before failing', '0');
    addFormatOptions(profile, ['text', 'json', 'markdown']);
    profile.action(run(profileData));

    const merge = profile
      .command('merge')
      .description('merge profiles of shards (in order) into the profile of their concatenation; exit 0 ok, 2 bad input')
      .argument('<profiles...>', 'mlops/profile reports, in shard order (the merged fingerprint follows it)')
      .option('--out <file>', 'write the merged mlops/profile report here');
    addFormatOptions(merge, ['text', 'json', 'markdown']);
    // The root program does not use positional options, so flags written after `merge` (--out, --format, --json) are
    // parsed by `profile` itself; hand the ones given on the command line down to `merge`.
    merge.action((...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const parent = command.parent;
      if (parent) {
        for (const key of ['out', 'format', 'json']) {
          if (parent.getOptionValueSource(key) === 'cli') command.setOptionValueWithSource(key, parent.getOptionValue(key), 'cli');
        }
      }
      return run(mergeCommand)(...args);
    });
  },
};

async function profileData(options: ProfileOptions, ctx: CommandContext): Promise<number> {
  const input = openDataInput(ctx, options);
  let profiler: DatasetProfiler | undefined;
  for await (const batch of input.batches) {
    profiler ??= createProfiler(batch.columns);
    profiler.addBatch(batch);
  }
  profiler ??= createProfiler([]);
  for (const m of input.malformed) ctx.io.stderr(`warning: ${m.file}:${m.line}: skipped malformed record: ${m.reason}`);
  const files: FileDigest[] = input.files.map((f) => ({ path: f.file, bytes: f.bytes, sha256: f.sha256 }));
  const body = profiler.finish(files);
  return emit(body, files, options, ctx);
}

async function mergeCommand(options: MergeOptions, ctx: CommandContext, ...paths: string[]): Promise<number> {
  const sources = [];
  for (const path of paths) sources.push(await readProfileSource(resolve(ctx.cwd, path), path));
  const merged = mergeProfiles(sources);
  return emit(merged.body, merged.files, options, ctx);
}

async function emit(body: ProfileBody, files: FileDigest[], options: { out?: string; format?: string; json?: boolean }, ctx: CommandContext): Promise<number> {
  const { dataset: _dataset, ...context } = subjectFromEnv(ctx.env, [], body.rows);
  const report: ProfileReport = toProfileReport(body, { files, subject: context });
  if (options.out) await writeReport(resolve(ctx.cwd, options.out), report);
  const format = resolveFormat(options);
  if (format === 'json') ctx.io.stdout(JSON.stringify(report, null, 2));
  else if (format === 'markdown') ctx.io.stdout(formatProfileMarkdown(body));
  else for (const line of formatProfileText(body)) ctx.io.stdout(line);
  return 0;
}

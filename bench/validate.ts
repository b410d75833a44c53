/**
 * Issue 5's figure: `mlops validate` (every column's inferred expectations) on a 1,000,000 × 26 CSV, end to end as a
 * user runs it (a separate `node dist/cli.js` process), against pandas.read_csv alone on the same file in the same run.
 * Peak RSS comes from GNU time's maximum resident set size. pandas is Debian's python3-pandas at /usr/bin/python3; when
 * it is absent the pandas side is skipped with a message and the figure is compared with PERF-NOTES' 2.1 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../lib/package-root.js';
import { writeBenchCsv } from './data-readers.js';
import type { BenchResult } from './types.js';

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Runs a command under GNU time; returns wall seconds and peak RSS in MB. */
function timed(command: string, args: string[]): { seconds: number; rssMb: number; status: number; stderr: string } {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  return { seconds: seconds ?? NaN, rssMb: round((kb ?? NaN) / 1024, 1), status: result.status ?? -1, stderr: result.stderr };
}

/** pandas.read_csv wall time on the file, or undefined when Debian's pandas is not installed. */
function pandasReadCsv(file: string): number | undefined {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return undefined;
  const code = `import sys, time\ntry:\n import pandas\nexcept ImportError:\n sys.exit(3)\nt=time.perf_counter(); pandas.read_csv(sys.argv[1]); print(time.perf_counter()-t)`;
  const result = spawnSync(python, ['-c', code, file], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** Peak RSS of `mlops validate` (with the inferred schema) and `mlops profile` on a generated file of `rows` rows. */
async function rssAt(cli: string, dir: string, rows: number): Promise<{ rows: number; file_mb: number; validate: { seconds: number; rssMb: number }; profile: { seconds: number; rssMb: number } }> {
  const file = join(dir, `bench-${rows}.csv`);
  const schema = join(dir, `schema-${rows}.yml`);
  await writeBenchCsv(file, rows);
  try {
    const infer = spawnSync(process.execPath, [cli, 'schema', 'infer', '--data', file, '--out', schema], { encoding: 'utf8' });
    if (infer.status !== 0) throw new Error(`mlops schema infer failed: ${infer.stderr}`);
    const validate = timed(process.execPath, [cli, 'validate', '--data', file, '--schema', schema, '--format', 'json']);
    if (validate.status !== 0) throw new Error(`mlops validate exited ${validate.status}: ${validate.stderr.slice(-2000)}`);
    const profile = timed(process.execPath, [cli, 'profile', '--data', file, '--out', join(dir, `profile-${rows}.json`), '--format', 'json']);
    if (profile.status !== 0) throw new Error(`mlops profile exited ${profile.status}: ${profile.stderr.slice(-2000)}`);
    return { rows, file_mb: round((await stat(file)).size / 1e6, 1), validate: { seconds: validate.seconds, rssMb: validate.rssMb }, profile: { seconds: profile.seconds, rssMb: profile.rssMb } };
  } finally {
    await rm(file, { force: true });
  }
}

/** The validate benchmark (BENCH_ROWS sets the size; BENCH_RSS_ROWS the size of the memory check, 0 to skip it). */
export async function benchValidate(rows = Number(process.env.BENCH_ROWS ?? 1_000_000), rssRows = Number(process.env.BENCH_RSS_ROWS ?? 5_000_000)): Promise<BenchResult> {
  const cli = assetPath('dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const dir = await mkdtemp(join(tmpdir(), 'mlops-bench-validate-'));
  try {
    const file = join(dir, 'bench.csv');
    const schema = join(dir, 'schema.yml');
    await writeBenchCsv(file, rows);
    const bytes = (await stat(file)).size;
    const infer = spawnSync(process.execPath, [cli, 'schema', 'infer', '--data', file, '--out', schema], { encoding: 'utf8' });
    if (infer.status !== 0) throw new Error(`mlops schema infer failed: ${infer.stderr}`);
    const run = timed(process.execPath, [cli, 'validate', '--data', file, '--schema', schema, '--report', join(dir, 'report.json')]);
    if (run.status !== 0) throw new Error(`mlops validate exited ${run.status} on data its own inferred schema describes: ${run.stderr.slice(-2000)}`);
    const pandas = pandasReadCsv(file);
    const profile = timed(process.execPath, [cli, 'profile', '--data', file, '--out', join(dir, 'profile.json'), '--format', 'json']);
    if (profile.status !== 0) throw new Error(`mlops profile exited ${profile.status}: ${profile.stderr.slice(-2000)}`);
    await rm(file, { force: true });
    const large = rssRows > 0 ? await rssAt(cli, dir, rssRows) : undefined;
    if (pandas === undefined) console.error('bench validate: python3-pandas is not installed (apt-get install python3-pandas); comparing with the 2.1 s of shared/PERF-NOTES.md');
    const target = pandas ?? 2.1;
    return {
      name: 'validate',
      figure: round(run.seconds),
      unit: 's',
      target: round(target),
      ratio: round(target / run.seconds),
      details: {
        rows,
        columns: 26,
        file_mb: round(bytes / 1e6, 1),
        mb_per_s: round(bytes / 1e6 / run.seconds, 1),
        rows_per_s: Math.round(rows / run.seconds),
        peak_rss_mb: run.rssMb,
        rss_target_mb: 256,
        pandas_read_csv_s: pandas === undefined ? 'not installed' : round(pandas),
        profile_s: round(profile.seconds),
        profile_rss_mb: profile.rssMb,
        ...(large
          ? {
              rss_check_rows: large.rows,
              rss_check_file_mb: large.file_mb,
              rss_check_validate_mb: large.validate.rssMb,
              rss_check_validate_s: round(large.validate.seconds),
              rss_check_profile_mb: large.profile.rssMb,
              rss_check_profile_s: round(large.profile.seconds),
            }
          : {}),
        what: 'mlops validate (a separate process) with the inferred schema of every column; target = pandas.read_csv alone, same file, same run',
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

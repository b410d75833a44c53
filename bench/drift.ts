/**
 * Issue 6's figures, all measured in the same run on the same two generated CSVs (1,000,000 × 26 each: 20 numeric
 * columns, 5 categorical, 1 label; the current file shifted in half of the numeric columns and re-weighted in two
 * categorical ones):
 * - statistics alone: KS (ks_2samp, with p-value) + Wasserstein / baseline std on the 20 numeric columns, chi-square +
 *   Jensen–Shannon on the 5 categorical ones, from loaded data — ours (radix sort + merge walks) against scipy 1.10 on
 *   pandas columns. Ours starts from unsorted Float64Arrays and category counts (counted while reading, so that
 *   counting is in our read time); scipy's includes value_counts. Target: ≥ 5× faster. The numbers are compared.
 * - end to end: reading both files and the statistics, against pandas.read_csv × 2 + the same scipy. Target ≥ 3×.
 * - profile mode: reading two mlops/profile reports of those files and comparing them, in process. Target ≤ 50 ms.
 * Python is Debian's /usr/bin/python3 with python3-scipy / python3-pandas; without them the Python side is skipped
 * with a message and only our times are reported.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport, type ProfileReport } from '../lib/contracts/index.js';
import { readDataset } from '../lib/data/read-dataset.js';
import type { ColumnSide } from '../lib/drift/column-values.js';
import { collectRaw, compareProfiles } from '../lib/drift/compare-datasets.js';
import { chiSquareContingency, jensenShannon } from '../lib/drift/distribution-distances.js';
import { defaultDriftOptions } from '../lib/drift/drift-options.js';
import { ksTwoSample } from '../lib/drift/ks-two-sample.js';
import { sortFloat64 } from '../lib/drift/sort-float64.js';
import { meanAndStd, wassersteinDistance } from '../lib/drift/wasserstein.js';
import { createProfiler } from '../lib/profile/dataset-profiler.js';
import { toProfileReport } from '../lib/profile/profile-report.js';
import type { BenchResult } from './types.js';

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const CATS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

/** Writes a 26-column CSV; `drifted` shifts num_0…num_9 by 2 and skews cat_0 and cat_1 towards 'alpha'. */
async function writeDriftCsv(path: string, rows: number, seed0: number, drifted: boolean): Promise<void> {
  let seed = seed0;
  const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const header = [...Array.from({ length: 20 }, (_, i) => `num_${i}`), ...Array.from({ length: 5 }, (_, i) => `cat_${i}`), 'label'];
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${header.join(',')}\n`);
  let buf = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < 20; c++) line += `${((rand() + rand() - 1) * 50 + (drifted && c < 10 ? 2 : 0)).toFixed(5)},`;
    for (let c = 0; c < 5; c++) line += `${drifted && c < 2 && rand() < 0.1 ? 'alpha' : CATS[Math.floor(rand() * CATS.length)]},`;
    buf += `${line}${rand() < 0.3 ? 1 : 0}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

type Stats = Record<string, number[]>;

// The statistics of the benchmark: both numeric methods and both categorical ones on every column.
function statistics(b: Map<string, ColumnSide>, c: Map<string, ColumnSide>): Stats {
  const out: Stats = {};
  for (const [name, bs] of b) {
    const cs = c.get(name)!;
    if (name === 'label') continue;
    if (bs.values && cs.values) {
      const x = sortFloat64(bs.values);
      const y = sortFloat64(cs.values);
      const ks = ksTwoSample(x, x.length, y, y.length);
      out[name] = [ks.statistic, ks.pValue, wassersteinDistance(x, x.length, y, y.length) / meanAndStd(x, x.length).std];
    } else {
      const keys = [...new Set([...bs.categories!.keys(), ...cs.categories!.keys()])];
      const tb = keys.map((k) => bs.categories!.get(k) ?? 0);
      const tc = keys.map((k) => cs.categories!.get(k) ?? 0);
      const chi = chiSquareContingency(tb, tc);
      out[name] = [chi.statistic, chi.pValue, jensenShannon(tb, tc)];
    }
  }
  return out;
}

const PYTHON = `
import json, sys, time
try:
    import numpy as np, pandas as pd
    from scipy import stats
    from scipy.spatial import distance
except ImportError:
    sys.exit(3)
t0 = time.perf_counter()
b = pd.read_csv(sys.argv[1]); c = pd.read_csv(sys.argv[2])
t1 = time.perf_counter()
out = {}
for col in b.columns:
    if col == 'label':
        continue
    if col.startswith('num_'):
        x = b[col].to_numpy(); y = c[col].to_numpy()
        r = stats.ks_2samp(x, y)
        out[col] = [float(r.statistic), float(r.pvalue), float(stats.wasserstein_distance(x, y) / np.std(x))]
    else:
        vb = b[col].value_counts(); vc = c[col].value_counts()
        keys = list(dict.fromkeys(list(vb.index) + list(vc.index)))
        tb = np.array([vb.get(k, 0) for k in keys], float); tc = np.array([vc.get(k, 0) for k in keys], float)
        chi2, p, _, _ = stats.chi2_contingency(np.array([tb, tc]), correction=False)
        out[col] = [float(chi2), float(p), float(distance.jensenshannon(tb, tc, base=2))]
t2 = time.perf_counter()
print(json.dumps({'read_s': t1 - t0, 'stats_s': t2 - t1, 'stats': out}))
`;

function runPython(dir: string, a: string, b: string): { read_s: number; stats_s: number; stats: Stats } | undefined {
  if (!existsSync('/usr/bin/python3')) {
    console.error('bench drift: python side skipped (no /usr/bin/python3)');
    return undefined;
  }
  return pythonResult(spawnSync('/usr/bin/python3', [join(dir, 'drift_bench.py'), a, b], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

function pythonResult(r: ReturnType<typeof spawnSync>): { read_s: number; stats_s: number; stats: Stats } | undefined {
  if (r.status !== 0) {
    console.error(`bench drift: python side skipped (${r.status === 3 ? 'python3-scipy / python3-pandas not installed' : String(r.stderr).slice(-500)})`);
    return undefined;
  }
  return JSON.parse(String(r.stdout)) as { read_s: number; stats_s: number; stats: Stats };
}

// Largest relative difference between our statistics and scipy's: [statistics, p-values].
function compare(ours: Stats, theirs: Stats): { statistic: number; pValue: number } {
  let statistic = 0;
  let pValue = 0;
  for (const [col, [s1, p1, d1]] of Object.entries(ours)) {
    const [s2, p2, d2] = theirs[col]!;
    const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));
    statistic = Math.max(statistic, rel(s1!, s2!), rel(d1!, d2!));
    pValue = Math.max(pValue, rel(p1!, p2!));
  }
  return { statistic, pValue };
}

/** The drift benchmark (BENCH_ROWS sets the rows per file). */
export async function benchDrift(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-bench-drift-'));
  try {
    const baselineFile = join(dir, 'baseline.csv');
    const currentFile = join(dir, 'current.csv');
    await writeDriftCsv(baselineFile, rows, 7, false);
    await writeDriftCsv(currentFile, rows, 8, true);

    const t0 = performance.now();
    const keep = (values: Float64Array) => values;
    const b = await collectRaw(readDataset([baselineFile]), undefined, keep);
    const c = await collectRaw(readDataset([currentFile]), undefined, keep);
    const t1 = performance.now();
    const ours = statistics(b.sides, c.sides);
    const t2 = performance.now();
    const readSeconds = (t1 - t0) / 1000;
    const statsSeconds = (t2 - t1) / 1000;

    // profile mode: profile both files (not timed), then read the two reports and compare them, timed in process
    const profileFiles: string[] = [];
    for (const [name, file] of [['baseline', baselineFile], ['current', currentFile]] as const) {
      let p: ReturnType<typeof createProfiler> | undefined;
      for await (const batch of readDataset([file])) {
        p ??= createProfiler(batch.columns);
        p.addBatch(batch);
      }
      const out = join(dir, `${name}.profile.json`);
      await writeFile(out, JSON.stringify(toProfileReport(p!.finish([{ sha256: '0'.repeat(64) }]), { files: [{ path: `${name}.csv`, bytes: 1, sha256: '0'.repeat(64) }] })));
      profileFiles.push(out);
    }
    const profileRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const p0 = performance.now();
      const [pb, pc] = await Promise.all(profileFiles.map((f) => readReport(f, 'mlops/profile'))) as [ProfileReport, ProfileReport];
      compareProfiles(pb, pc, defaultDriftOptions(), {}, { baseline: 'baseline', current: 'current' });
      profileRuns.push(performance.now() - p0);
    }
    const profileMs = round(Math.min(...profileRuns), 1);

    await writeFile(join(dir, 'drift_bench.py'), PYTHON);
    const python = runPython(dir, baselineFile, currentFile);
    const agreement = python ? compare(ours, python.stats) : undefined;
    const scipyStats = python?.stats_s ?? 17;
    const endToEnd = readSeconds + statsSeconds;
    const pythonEndToEnd = python ? python.read_s + python.stats_s : undefined;
    return {
      name: 'drift',
      figure: round(statsSeconds),
      unit: 's',
      target: round(scipyStats / 5),
      ratio: round(scipyStats / 5 / statsSeconds),
      details: {
        stats_speedup_vs_scipy: round(scipyStats / statsSeconds, 1),
        scipy_stats_s: round(scipyStats),
        read_s: round(readSeconds),
        end_to_end_s: round(endToEnd),
        ...(pythonEndToEnd === undefined ? {} : { pandas_scipy_end_to_end_s: round(pythonEndToEnd), end_to_end_speedup: round(pythonEndToEnd / endToEnd, 1) }),
        profile_mode_ms: profileMs,
        ...(agreement ? { max_rel_diff_statistic: Number(agreement.statistic.toExponential(1)), max_rel_diff_p_value: Number(agreement.pValue.toExponential(1)) } : {}),
        rows_per_file: rows,
        python: python ? 'scipy 1.10 / pandas (Debian)' : 'skipped (python3-scipy or python3-pandas missing; scipy figure from PERF-NOTES)',
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}


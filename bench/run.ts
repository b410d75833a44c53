/**
 * Runs every registered benchmark (or those named on the command line), writes bench/results.json and regenerates
 * the table in bench/README.md. Exit code 1 when a figure misses its target.
 *   npm run bench                      # after npm run build
 *   npx tsx bench/run.ts github-emulator
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform } from 'node:os';
import { assetPath } from '../lib/package-root.js';
import { benchApp } from './app.js';
import { benchChatops } from './chatops.js';
import { benchDataReaders } from './data-readers.js';
import { benchDrift } from './drift.js';
import { benchEvaluate } from './evaluate.js';
import { benchGithubEmulator } from './github-emulator.js';
import { benchRunners } from './runners.js';
import { benchValidate } from './validate.js';
import { renderTable, replaceBetweenMarkers } from './report.js';
import type { Benchmark, BenchResult } from './types.js';

/** Every benchmark; add new modules here. */
const BENCHMARKS: Benchmark[] = [
  {
    name: 'app',
    description: 'gh-mlops app: signed deliveries of ignored events per second through the Probot server, 16 concurrent senders, 20,000 deliveries; p99 latency at a paced 500/s (target < 20 ms) and API calls per registration/promotion in the details',
    run: () => benchApp(),
  },
  {
    name: 'github-emulator',
    description: 'GitHub emulator: authenticated simple GETs per second on loopback, 16 keep-alive clients, 20,000 requests',
    run: () => benchGithubEmulator(),
  },
  { name: 'data-readers', description: 'CSV parse into 2,048-row batches (readDataset), 1,000,000 × 26 generated CSV (~210 MB), MB/s', run: () => benchDataReaders() },
  {
    name: 'validate',
    description: 'mlops validate with the inferred schema of every column, 1,000,000 × 26 CSV, seconds; target: pandas.read_csv on the same file in the same run (lower is better; ratio = target / figure)',
    run: () => benchValidate(),
  },
  {
    name: 'runners',
    description: 'ephemeral runner: orchestration overhead of launch + wait-online + stop beyond the simulated boot, real SDK/Octokit against the sandbox, seconds (lower is better); API calls and a 1,000-instance reap in the details',
    run: () => benchRunners(),
  },
  {
    name: 'drift',
    description: 'drift statistics (KS + Wasserstein on 20 numeric, chi-square + Jensen–Shannon on 5 categorical columns), 1,000,000 vs 1,000,000 rows, seconds; target: scipy on the same loaded data in the same run ÷ 5 (ratio = target / figure)',
    run: () => benchDrift(),
  },
  {
    name: 'evaluate',
    description: 'mlops evaluate of a 100-tree ONNX forest on 1,000,000 rows (no bootstrap) as % of the throughput of reading the same CSV + a bare InferenceSession.run loop, same run; all binary metrics on 1M rows in the details (target < 1 s)',
    run: () => benchEvaluate(),
  },
  {
    name: 'chatops',
    description: 'ChatOps: `/mlops help` comment posted in the sandbox → signed issue_comment delivery → Probot app → 👀 reaction request at the emulator, 100 comments one at a time, p95 ms (lower is better; target < 300 ms)',
    run: () => benchChatops(),
  },
];

interface ResultsFile {
  generated_at: string;
  machine: { cpus: number; cpu_model: string; node: string; platform: string };
  results: BenchResult[];
}

async function main(argv: string[]): Promise<number> {
  const names = argv.slice(2);
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = BENCHMARKS.filter((b) => names.length === 0 || names.includes(b.name));
  const fresh: BenchResult[] = [];
  for (const bench of selected) {
    process.stderr.write(`${bench.name}: running…\n`);
    const result = await bench.run();
    process.stderr.write(`${bench.name}: ${result.figure} ${result.unit} (target ${result.target})\n`);
    fresh.push(result);
  }

  // Benchmarks not run this time keep their previous results.
  const file = assetPath('bench', 'results.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile).results : [];
  const results = BENCHMARKS.map((b) => fresh.find((r) => r.name === b.name) ?? previous.find((r) => r.name === b.name)).filter((r): r is BenchResult => r !== undefined);
  const machine = { cpus: cpus().length, cpu_model: cpus()[0]?.model.trim() ?? 'unknown', node: process.version, platform: platform() };
  const out: ResultsFile = { generated_at: new Date().toISOString(), machine, results };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  const readme = assetPath('bench', 'README.md');
  const table = renderTable(results, `${machine.cpus} cores (${machine.cpu_model}), Node ${machine.node}, ${machine.platform}`);
  writeFileSync(readme, replaceBetweenMarkers(readFileSync(readme, 'utf8'), table));
  console.log(table);
  return fresh.some((r) => r.ratio !== undefined && r.ratio < 1) ? 1 : 0;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);

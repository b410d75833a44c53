/**
 * Data readers: CSV parse throughput into batches on a generated 1,000,000 × 26 file like the (20 numeric
 * columns with 5 decimals, 5 categorical, 1 label; ~180 MB in os.tmpdir(), deleted afterwards). Reports MB/s, rows/s
 * and peak RSS (sampled every 20 ms). BENCH_ROWS changes the size (tests run it small).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset } from '../lib/data/read-dataset.js';
import type { BenchResult } from './types.js';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Writes the benchmark CSV with a fixed-seed generator so every run reads the same bytes. */
export async function writeBenchCsv(path: string, rows: number): Promise<void> {
  let seed = 42;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const cats = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
  const header = [...Array.from({ length: 20 }, (_, i) => `num_${i}`), ...Array.from({ length: 5 }, (_, i) => `cat_${i}`), 'label'];
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${header.join(',')}\n`);
  let buf = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < 20; c++) line += `${((rand() - 0.3) * 100).toFixed(5)},`;
    for (let c = 0; c < 5; c++) line += `${cats[Math.floor(rand() * cats.length)]},`;
    buf += `${line}${rand() < 0.3 ? 1 : 0}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** Parses the generated CSV through readDataset and measures it. */
export async function benchDataReaders(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-bench-data-'));
  try {
    const file = join(dir, 'bench.csv');
    await writeBenchCsv(file, rows);
    const bytes = (await stat(file)).size;
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let read = 0;
    let cells = 0;
    const started = performance.now();
    for await (const batch of readDataset([file])) {
      read += batch.rowCount;
      cells += batch.cells.length * batch.rowCount;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    if (read !== rows) throw new Error(`read ${read} rows, expected ${rows}`);
    const mbps = round(bytes / 1e6 / seconds, 1);
    const target = 150;
    return {
      name: 'data-readers',
      figure: mbps,
      unit: 'MB/s',
      target,
      ratio: round(mbps / target),
      details: {
        rows,
        columns: 26,
        file_mb: round(bytes / 1e6, 1),
        wall_s: round(seconds, 3),
        rows_per_s: Math.round(rows / seconds),
        cells,
        peak_rss_mb: round(peak / 1e6, 1),
        rss_before_mb: round(rssBefore / 1e6, 1),
        what: 'readDataset on a plain CSV: UTF-8 validation, RFC 4180 parse, 2,048-row column-major batches of strings',
        node: process.version,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

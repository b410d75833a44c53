/** The contract between benchmark modules and `bench/run.ts`. */

/** One benchmark's headline figure against its target, with whatever else it measured in `details`. */
export interface BenchResult {
  name: string;
  figure: number;
  unit: string;
  target: number;
  /** figure / target, for figures where more is better (omitted where a ratio would mislead). */
  ratio?: number;
  /** One line per detail shown under the table, plus the raw numbers in results.json. */
  details: Record<string, unknown>;
}

/** A registered benchmark: a name and what measures it. */
export interface Benchmark {
  name: string;
  /** What the figure means, for the README table. */
  description: string;
  run(): Promise<BenchResult>;
}

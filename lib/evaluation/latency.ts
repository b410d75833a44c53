/** Latency figures of an evaluation: percentiles of batch and single-row inference times, and throughput. */
import type { EvaluationBody } from '../contracts/index.js';
import { percentile } from './percentile.js';

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0);

/** p50/p95/p99 (ms, to the microsecond) of batches and single rows; rows per second of inference time. */
export function latencySummary(batchMs: number[], rowMs: number[], batchSize: number, rows: number, inferenceMs: number): EvaluationBody['latency'] {
  const of = (values: number[]) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), p99: round(percentile(values, 99)) });
  return {
    batch: { size: batchSize, ...of(batchMs) },
    row: of(rowMs),
    rowsPerSecond: inferenceMs > 0 ? Math.round((rows / inferenceMs) * 1000) : 0,
  };
}

/**
 * ChatOps responsiveness: a `/mlops help` comment posted on a PR in the sandbox → the emulator emits the signed
 * `issue_comment` delivery → the real Probot server verifies and routes it → the app's 👀 reaction request reaches
 * the emulator. The clock stops when that request arrives (observed through the emulator's fault hook, which sees
 * every request before it is served — no polling), and starts just before the comment is posted. Comments go one at a
 * time (each fully answered before the next); the first ones warm the installation token and are not counted.
 */
import { startAppWorld, type AppWorld } from '../test/app/app-fixtures.js';
import { comment, openPr, seedRepo } from '../test/app/chatops-world.js';
import type { BenchResult } from './types.js';

const WARMUP = 5;
const MEASURED = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the benchmark. */
export async function benchChatops(): Promise<BenchResult> {
  const world: AppWorld = await startAppWorld();
  try {
    await seedRepo(world.sandbox);
    const pr = await openPr(world.sandbox, 'bench/chatops');
    await world.settle();
    let eyesAt: number | undefined;
    const take = world.sandbox.faults.take.bind(world.sandbox.faults);
    world.sandbox.faults.take = (service, operation, params) => {
      if (operation === 'reactions/create-for-issue-comment' && params.content === 'eyes') eyesAt = performance.now();
      return take(service, operation, params);
    };
    const latencies: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < WARMUP + MEASURED; i++) {
      eyesAt = undefined;
      const start = performance.now();
      await comment(world.sandbox, 'erin', pr.number, '/mlops help');
      await world.settle();
      if (eyesAt === undefined) throw new Error(`comment ${i} got no 👀 reaction`);
      if (i >= WARMUP) {
        latencies.push(eyesAt - start);
        whole.push(performance.now() - start);
      }
    }
    latencies.sort((a, b) => a - b);
    whole.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    const p95 = round(percentile(latencies, 95));
    return {
      name: 'chatops',
      figure: p95,
      unit: 'ms p95',
      target: 300,
      details: {
        comments: MEASURED,
        p50_ms: round(percentile(latencies, 50)),
        p95_ms: p95,
        p99_ms: round(percentile(latencies, 99)),
        max_ms: round(latencies[latencies.length - 1]!),
        reply_p50_ms: round(percentile(whole, 50)),
        reply_p95_ms: round(percentile(whole, 95)),
        note: 'comment POST → 👀 request at the emulator; reply_* = until the help reply and 🚀 are written and every delivery settled',
      },
    };
  } finally {
    await world.close();
  }
}

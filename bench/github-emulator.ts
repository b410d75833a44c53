/**
 * GitHub emulator throughput: requests/s and latency percentiles on loopback for simple authenticated reads
 * (`GET /repos/{owner}/{repo}` and `GET /repos/{owner}/{repo}/issues/{issue_number}`), through the whole pipeline
 * (route, token auth, rate limit, fault lookup, repository access, serialization). The load is bounded: a fixed number of
 * requests issued by `concurrency` keep-alive clients, so the figure is comparable between runs.
 */
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import type { BenchResult } from './types.js';

export interface EmulatorBenchOptions {
  /** Measured requests (default 20,000). */
  requests?: number;
  /** Concurrent keep-alive clients (default 16). */
  concurrency?: number;
  /** Unmeasured requests first, so the JIT has warmed up (default 2,000). */
  warmup?: number;
}

/** Users with read access to acme/churn-model; the load rotates over them so no token meets its 5,000/h limit. */
const READERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

interface Target {
  name: string;
  path: string;
}

/** One GET on a keep-alive agent; resolves to the status once the body has been read. */
function get(agent: Agent, base: URL, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, path, method: 'GET', headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The p-th percentile (0..100) of sorted values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Runs `total` requests over `concurrency` clients; returns per-target latencies (ms) and the wall time. */
async function load(sandbox: Sandbox, targets: Target[], total: number, concurrency: number): Promise<{ wallMs: number; latencies: Map<string, number[]>; failures: Record<string, number> }> {
  const base = new URL(sandbox.github);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Map(targets.map((t) => [t.name, [] as number[]]));
  const failures: Record<string, number> = {};
  let issued = 0;
  const client = async () => {
    while (issued < total) {
      const n = issued++;
      const target = targets[n % targets.length]!;
      const token = sandbox.tokens[READERS[n % READERS.length]!]!;
      const started = performance.now();
      const status = await get(agent, base, target.path, token);
      latencies.get(target.name)!.push(performance.now() - started);
      if (status !== 200) failures[`${target.name} ${status}`] = (failures[`${target.name} ${status}`] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { wallMs, latencies, failures };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Measures the emulator; the figure is requests/s over all targets together. */
export async function benchGithubEmulator(options: EmulatorBenchOptions = {}): Promise<BenchResult> {
  const requests = options.requests ?? 20_000;
  const concurrency = options.concurrency ?? 16;
  const warmup = options.warmup ?? 2_000;
  const target = 2_000;
  const sandbox = await startSandbox();
  try {
    const created = await sandbox.githubEmulator.call({ method: 'POST', url: '/repos/acme/churn-model/issues', headers: { authorization: `token ${sandbox.tokens.dave}` }, body: { title: 'Drift on tenure', body: 'PSI 0.31' } });
    if (created.status !== 201) throw new Error(`could not open the benchmark's issue: ${JSON.stringify(created.body)}`);
    const issue = (created.body as { number: number }).number;
    const targets: Target[] = [
      { name: 'GET /repos/{owner}/{repo}', path: '/repos/acme/churn-model' },
      { name: 'GET /repos/{owner}/{repo}/issues/{issue_number}', path: `/repos/acme/churn-model/issues/${issue}` },
    ];
    await load(sandbox, targets, warmup, concurrency);
    // Fresh rate-limit windows for the measured part (the virtual clock moves, the wall clock does not).
    sandbox.clock.advance(3601);
    const run = await load(sandbox, targets, requests, concurrency);
    const all = [...run.latencies.values()].flat().sort((a, b) => a - b);
    const figure = round(requests / (run.wallMs / 1000), 0);
    return {
      name: 'github-emulator',
      figure,
      unit: 'requests/s',
      target,
      ratio: round(figure / target),
      details: {
        requests,
        concurrency,
        warmup,
        wall_s: round(run.wallMs / 1000, 3),
        p50_ms: round(percentile(all, 50), 3),
        p99_ms: round(percentile(all, 99), 3),
        per_route: targets.map((t) => {
          const sorted = run.latencies.get(t.name)!.sort((a, b) => a - b);
          return { route: t.name, requests: sorted.length, p50_ms: round(percentile(sorted, 50), 3), p99_ms: round(percentile(sorted, 99), 3) };
        }),
        non_200: run.failures,
        client: 'node:http Agent keepAlive, same process as the emulator',
        node: process.version,
        cpus: cpus().length,
      },
    };
  } finally {
    await sandbox.close();
  }
}

/**
 * The app under load: signed deliveries of events it ignores (issues, pushes, check runs: most of what an installed
 * app receives), through the real Probot server (signature verified, routed, dropped), 16 concurrent keep-alive
 * senders for throughput, then paced at the target 500/s for latency; then one full promotion against the sandbox with every API call the app makes counted.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { Agent, request } from 'node:http';
import { startApp } from '../app/server.js';
import { webhookExample } from '../fixtures/webhooks/index.js';
import type { BenchResult } from './types.js';

const DELIVERIES = 20_000;
const CONCURRENCY = 16;
const PACED_RATE = 500;
const PACED = 5_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sends `DELIVERIES` ignored, signed deliveries; returns per-delivery latencies (ms) and the wall time. */
async function ignoredDeliveries(): Promise<{ latencies: number[]; atTarget: number[]; seconds: number; statuses: Record<number, number> }> {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const secret = 'bench-secret';
  const app = await startApp({ APP_ID: '1', PRIVATE_KEY: pem, WEBHOOK_SECRET: secret, PORT: '0', LOG_LEVEL: 'fatal', GITHUB_API_URL: 'http://127.0.0.1:9' }, { host: '127.0.0.1' });
  const bodies = [['issues', webhookExample('issues', 'opened')], ['push', webhookExample('push')], ['check_run', webhookExample('check_run', 'completed')], ['pull_request', webhookExample('pull_request', 'opened')]].map(([event, payload]) => {
    const body = JSON.stringify(payload);
    return { event: event as string, body, signature: `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
  });
  const url = new URL(app.webhookUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const send = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const b = bodies[i % bodies.length]!;
      const t = performance.now();
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-github-event': b.event, 'x-github-delivery': `bench-${i}`, 'x-hub-signature-256': b.signature, 'content-length': Buffer.byteLength(b.body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(b.body);
    });
  const worker = async () => {
    while (next < DELIVERIES) await send(next++);
  };
  for (let i = 0; i < 500; i++) await send(i); // warm-up: JIT, sockets
  latencies.length = 0;
  for (const k of Object.keys(statuses)) delete statuses[Number(k)];
  next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  const saturated = [...latencies];
  // Then the target load itself, open loop: one delivery every 2 ms (500/s) for 10 s, latency of each.
  latencies.length = 0;
  const paced: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < PACED; i++) {
    const due = t0 + (i * 1000) / PACED_RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    paced.push(send(DELIVERIES + i));
  }
  await Promise.all(paced);
  const atTarget = [...latencies];
  agent.destroy();
  await app.close();
  return { latencies: saturated, atTarget, seconds, statuses };
}

/** Benchmarks ignored-delivery throughput and latency; counts API calls of a registration and promotions. */
export async function benchApp(): Promise<BenchResult> {
  const { latencies, atTarget, seconds, statuses } = await ignoredDeliveries();
  const sorted = [...latencies].sort((a, b) => a - b);
  const paced = [...atTarget].sort((a, b) => a - b);
  const perSecond = Math.round(DELIVERIES / seconds);
  const { countPromotionCalls } = await import('./app-calls.js');
  const calls = await countPromotionCalls();
  return {
    name: 'app',
    figure: perSecond,
    unit: 'deliveries/s',
    target: 500,
    ratio: Math.round((perSecond / 500) * 100) / 100,
    details: {
      deliveries: DELIVERIES,
      concurrency: CONCURRENCY,
      statuses,
      saturated_latency_ms: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!) },
      at_500_per_s_latency_ms: { deliveries: PACED, p50: round(percentile(paced, 50)), p95: round(percentile(paced, 95)), p99: round(percentile(paced, 99)), max: round(paced.at(-1)!) },
      p99_target_ms: 20,
      p99_at_500_per_s_ok: percentile(paced, 99) < 20,
      api_calls: calls,
    },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * What the demo leaves in demo-out/ besides lifecycle.json: the sandbox's final state, the registry dashboard issue's
 * body, the flow metrics (`mlops metrics --format json`, the real CLI reading GitHub) — and then timeline.html.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dashboardMarker } from '../../lib/registry/index.js';
import type { Demo } from './context.js';
import { check } from './step.js';

/** Writes state.json always (also after a failed step, to see what happened). */
export async function writeState(demo: Demo): Promise<void> {
  await writeFile(join(demo.outDir, 'state.json'), `${JSON.stringify(demo.sandbox.state(), null, 2)}\n`);
}

/**
 * The emulator's delivery log of the app's webhooks: every delivery signed (X-Hub-Signature-256) and accepted by the
 * Probot server (a 400 would be a failed signature check, a 5xx a handler that threw).
 */
export function webhookSummary(demo: Demo): { line: string; counts: Record<string, number> } {
  const deliveries = demo.sandbox.githubEmulator.webhooks.deliveries().filter((d) => d.url.endsWith('/api/github/webhooks'));
  const counts: Record<string, number> = {};
  for (const d of deliveries) counts[d.action ? `${d.event}.${d.action}` : d.event] = (counts[`${d.action ? `${d.event}.${d.action}` : d.event}`] ?? 0) + 1;
  const refused = deliveries.filter((d) => d.status_code !== 200 && d.status_code !== 202);
  check(refused.length === 0, `the app did not accept ${refused.length} deliveries: ${refused.slice(0, 5).map((d) => `${d.event}.${d.action ?? ''} → ${d.status_code ?? d.status}`).join(', ')}`);
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => `${k} ×${n}`).join(', ');
  return { line: `${deliveries.length} signed webhook deliveries to the app, all accepted (${top}, …)`, counts };
}

/** Writes dashboard.md and metrics.json; returns one line about each for the progress output. */
export async function writeReports(demo: Demo): Promise<string[]> {
  const gh = demo.gh('alice');
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { owner: 'acme', repo: 'churn-model', state: 'all', per_page: 100 });
  const dashboards = issues.filter((i) => !i.pull_request && i.body?.startsWith(dashboardMarker));
  check(dashboards.length === 1, `expected one registry dashboard issue, found ${dashboards.length}`);
  const dashboard = dashboards[0]!;
  check(dashboard.body!.includes('1.1.0'), 'the dashboard does not show churn v1.1.0');
  // The dashboard row: | model | owner | risk | latest | staging | production | … — redrawn after every promotion.
  const row = (dashboard.body ?? '').split('\n').find((l) => l.startsWith('| `churn`'))?.split(' | ') ?? [];
  const production = /\[([\d.]+)\]/.exec(row[5] ?? '')?.[1];
  check((dashboard.body ?? '').includes('### Flow, '), 'the dashboard shows no flow metrics');
  check(production === '1.1.0', `the dashboard shows ${production ?? 'no version'} in production, but churn v1.1.0 is the production champion`);
  await writeFile(join(demo.outDir, 'dashboard.md'), dashboard.body ?? '');
  // GitHub data carries the sandbox's (virtual) times; the window ends a minute after its clock.
  const until = new Date(demo.sandbox.clock.now() + 60_000).toISOString();
  const out = await demo.mlops(['metrics', '--format', 'json', '--since', '30d', '--until', until]);
  const metrics = JSON.parse(out.stdout) as { throughput?: { versions?: number }; changeFailure?: unknown; cycleTime?: unknown };
  check(typeof metrics.cycleTime === 'object' && typeof metrics.changeFailure === 'object', 'mlops metrics printed no cycle time or change-failure rate');
  await writeFile(join(demo.outDir, 'metrics.json'), out.stdout);
  const hooks = webhookSummary(demo);
  demo.record(hooks.line, hooks.counts);
  return [`registry dashboard #${dashboard.number} "${dashboard.title}": latest 1.1.0, production ${production} (demo-out/dashboard.md)`, `mlops metrics --format json (demo-out/metrics.json)`];
}

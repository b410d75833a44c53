/**
 * Writes demo-out/timeline.html from what the demo left in its output folder: lifecycle.json (required) and, when
 * present, pr-comment.md, drift-issue.md, dashboard.md and metrics.json (`mlops metrics --format json`).
 * `npx tsx demo/timeline.ts [outDir]` runs it alone; the demo calls `writeTimeline(outDir)`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BadInputError } from '../lib/errors.js';
import type { FlowMetrics } from '../lib/metrics/types.js';
import { toolVersion } from '../lib/package-root.js';
import { parseLifecycle } from '../lib/timeline/lifecycle.js';
import { renderTimeline, type TimelineInput } from '../lib/timeline/render-timeline.js';

async function optional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseMetrics(text: string, file: string): FlowMetrics {
  let value: Partial<FlowMetrics>;
  try {
    value = JSON.parse(text) as Partial<FlowMetrics>;
  } catch (error) {
    throw new BadInputError('bad-metrics', `${file}: not JSON (${(error as Error).message})`, { location: { file } });
  }
  for (const key of ['window', 'cycleTime', 'throughput', 'scrap', 'changeFailure', 'drift', 'cost'] as const) {
    if (!value || typeof value[key] !== 'object') throw new BadInputError('bad-metrics', `${file}: ${key} is missing`, { location: { file, path: key }, hint: 'write it with `mlops metrics --format json`' });
  }
  return value as FlowMetrics;
}

/** Reads the demo's outputs from `outDir`, renders the page, writes `outDir/timeline.html` and returns its path. */
export async function writeTimeline(outDir: string, options: { generatedAt?: string } = {}): Promise<string> {
  const lifecycleFile = join(outDir, 'lifecycle.json');
  const lifecycleText = await optional(lifecycleFile);
  if (lifecycleText === undefined) throw new BadInputError('missing-lifecycle', `${lifecycleFile} does not exist`, { location: { file: lifecycleFile }, hint: 'run `npm run demo` first' });
  const [prComment, driftIssue, dashboard, metricsText] = await Promise.all(['pr-comment.md', 'drift-issue.md', 'dashboard.md', 'metrics.json'].map((f) => optional(join(outDir, f))));
  const input: TimelineInput = {
    lifecycle: parseLifecycle(lifecycleText, lifecycleFile),
    ...(prComment === undefined ? {} : { prComment }),
    ...(driftIssue === undefined ? {} : { driftIssue }),
    ...(dashboard === undefined ? {} : { dashboard }),
    ...(metricsText === undefined ? {} : { metrics: parseMetrics(metricsText, join(outDir, 'metrics.json')) }),
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    toolVersion: toolVersion(),
  };
  const target = join(outDir, 'timeline.html');
  await writeFile(target, renderTimeline(input));
  return target;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeTimeline(resolve(process.argv[2] ?? 'demo-out')).then(
    (path) => process.stdout.write(`wrote ${path}\n`),
    (error: unknown) => {
      process.stderr.write(`timeline: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}

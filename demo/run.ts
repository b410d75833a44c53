/**
 * `npm run demo`: the whole lifecycle on one sandbox with the gh-mlops app running — real HTTP, signed webhooks, the
 * real Octokit, AWS SDK and ONNX Runtime, the repository's workflows run by the sandbox's job agent with the shipped
 * action scripts and the built CLI. One progress line per step; demo-out/ gets lifecycle.json (every event),
 * state.json (the sandbox's final state), pr-comment.md, drift-issue.md, dashboard.md, metrics.json and
 * timeline.html. Exits non-zero when a step did not do what it should (the steps after it are skipped).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../lib/package-root.js';
import { startDemo, type Demo, type DemoEvent } from './lifecycle/context.js';
import { writeReports, writeState } from './lifecycle/outputs.js';
import { lifecycleSteps } from './lifecycle/steps/index.js';
import { runMlops } from './stage.js';
import { writeTimeline } from './timeline.js';

async function main(): Promise<number> {
  // Node 20 is supported by this project (engines ≥ 20.18); the SDK's notice about its own future Node 22 floor is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const outDir = join(process.cwd(), 'demo-out');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const workDir = await mkdtemp(join(tmpdir(), 'gh-mlops-demo-'));
  const cli = assetPath('dist', 'cli.js');
  const events: DemoEvent[] = [];
  const started = Date.now();
  let stage = 'start';
  let demo: Demo | undefined;
  const record = (step: string, detail?: unknown) => {
    events.push({ at: new Date().toISOString(), sandboxAt: new Date(demo?.sandbox.clock.now() ?? Date.now()).toISOString(), stage, step, ...(detail === undefined ? {} : { detail }) });
    process.stdout.write(`      · ${step}\n`);
  };
  let failed: string | undefined;
  const total = lifecycleSteps.length + 1;
  try {
    demo = await startDemo({ outDir, workDir, record, mlops: (args, options) => runMlops(cli, args, options) });
    process.stdout.write(`gh-mlops demo: sandbox ${demo.sandbox.github} (EC2 ${demo.sandbox.ec2}), app ${demo.world.app.url}\n`);
    for (const [index, step] of [...lifecycleSteps, { name: 'outputs: dashboard, flow metrics, state', run: async (d: Demo) => void (await writeReports(d)).forEach((l) => d.record(l)) }].entries()) {
      stage = step.name;
      const t0 = Date.now();
      process.stdout.write(`[${index + 1}/${total}] ${step.name}\n`);
      try {
        await step.run(demo);
        process.stdout.write(`      ✓ ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      } catch (error) {
        failed = step.name;
        const message = error instanceof Error ? error.message : String(error);
        events.push({ at: new Date().toISOString(), sandboxAt: new Date(demo.sandbox.clock.now()).toISOString(), stage, step: 'failed', detail: message });
        process.stdout.write(`      ✗ ${message}\n`);
        if (process.env.DEMO_DEBUG && error instanceof Error) process.stdout.write(`${error.stack}\n`);
        break;
      }
    }
  } finally {
    if (demo) {
      await writeState(demo).catch(() => undefined);
      await demo.close();
    }
    await rm(workDir, { recursive: true, force: true });
  }
  await writeFile(join(outDir, 'lifecycle.json'), `${JSON.stringify({ startedAt: new Date(started).toISOString(), events }, null, 2)}\n`);
  await writeTimeline(outDir);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(failed === undefined
    ? `\ndemo passed: ${total} steps, ${events.length} events in ${seconds} s — demo-out/{lifecycle.json,state.json,timeline.html,pr-comment.md,drift-issue.md,dashboard.md,metrics.json}\n`
    : `\ndemo FAILED at "${failed}" after ${seconds} s — see demo-out/lifecycle.json and demo-out/state.json\n`);
  return failed === undefined ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);

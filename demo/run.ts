import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assetPath } from '../lib/package-root.js';
import { runMlops, type LifecycleEvent, type StageContext } from './stage.js';
import { stages } from './stages/index.js';

/**
 * `npm run demo`: the walking skeleton of the lifecycle. Runs every stage that exists so far through the real CLI,
 * prints a progress line per stage, writes demo-out/lifecycle.json, and exits non-zero if any stage misbehaved.
 */
async function main(): Promise<number> {
  // Node 20 is supported by this project (engines ≥ 20.18); the SDK's notice about its own future Node 22 floor is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const outDir = join(process.cwd(), 'demo-out');
  await mkdir(outDir, { recursive: true });
  const cli = assetPath('dist', 'cli.js');
  const events: LifecycleEvent[] = [];
  let failed = 0;
  const started = Date.now();
  for (const [index, stage] of stages.entries()) {
    const ctx: StageContext = {
      outDir,
      record: (step, detail) => {
        events.push({ at: new Date().toISOString(), stage: stage.name, step, ...(detail === undefined ? {} : { detail }) });
        process.stdout.write(`      · ${step}\n`);
      },
      mlops: (args, options) => runMlops(cli, args, options),
    };
    const t0 = Date.now();
    process.stdout.write(`[${index + 1}/${stages.length}] ${stage.name}\n`);
    try {
      await stage.run(ctx);
      process.stdout.write(`      ✓ ${stage.name} (${Date.now() - t0} ms)\n`);
    } catch (error) {
      failed += 1;
      events.push({ at: new Date().toISOString(), stage: stage.name, step: 'failed', detail: String(error) });
      process.stdout.write(`      ✗ ${stage.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  await writeFile(join(outDir, 'lifecycle.json'), JSON.stringify({ startedAt: new Date(started).toISOString(), events }, null, 2) + '\n');
  const summary = `${stages.length - failed} of ${stages.length} stages ok in ${((Date.now() - started) / 1000).toFixed(1)} s — demo-out/lifecycle.json`;
  process.stdout.write(`\n${failed === 0 ? 'demo passed' : 'demo FAILED'}: ${summary}\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);

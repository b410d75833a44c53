/**
 * Stage: an ephemeral GPU runner end to end against the sandbox, with the real SDK and Octokit. The first instance
 * type has no capacity → the launcher falls back to the second; `mlops train` (the built CLI) trains the fixture
 * model there with GPU telemetry from the nvidia-smi shim; a Spot interruption stops it with a checkpoint; a new
 * runner resumes and finishes with the same model bytes as uninterrupted training; stop leaves no runner behind.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assetPath } from '../../lib/package-root.js';
import { createEc2, createGithub } from '../../runners/clients.js';
import { launchRunner, type LaunchRequest } from '../../runners/launch.js';
import { stopRunner } from '../../runners/stop.js';
import { waitOnline } from '../../runners/wait-online.js';
import { startSandbox } from '../../sandbox/index.js';
import type { Stage } from '../stage.js';

function mlopsTrain(args: string[], cwd: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [assetPath('dist', 'cli.js'), 'train', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        onLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

/** The stage. */
export const runnerStage: Stage = {
  name: 'runner: capacity fallback, train on a Spot GPU runner, interruption → checkpoint → resume, runner gone',
  async run(ctx) {
    const sandbox = await startSandbox({ clockFactor: 50 });
    const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDDEMO', AWS_SECRET_ACCESS_KEY: 'demo', AWS_ENDPOINT_URL_EC2: sandbox.ec2!, GITHUB_API_URL: sandbox.github, GITHUB_TOKEN: sandbox.tokens.alice };
    const ec2 = createEc2(env);
    const { octokit } = createGithub(env);
    const deps = { ec2: ec2.client, octokit, serverTime: () => ec2.seen.serverTime, onSecret: () => undefined, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), random: Math.random, clock: () => performance.now() };
    const repo = { owner: 'acme', repo: 'churn-model' };
    const dir = join(ctx.outDir, 'runner');
    await mkdir(dir, { recursive: true });
    const request = (attempt: number): LaunchRequest => ({
      repo, label: `demo-gpu-${attempt}`, runId: '4242', attempt, instanceTypes: ['g5.xlarge', 'g4dn.xlarge'], subnets: ['subnet-0aaa1111'],
      market: 'spot-then-on-demand', imageId: 'ami-0123456789abcdef0', diskGb: 100, ttlMs: 6 * 3_600_000,
    });
    const trainer = [process.execPath, assetPath('dist', 'fixtures', 'trainer', 'train.js'), '--data', assetPath('fixtures', 'datasets', 'churn-train.csv'), '--target', 'churned',
      '--epochs', '200', '--lr', '0.02', '--seed', '1', '--out', 'churn.onnx', '--log-every', '20', '--checkpoint-dir', 'ckpt', '--checkpoint-every', '0'];
    const trainArgs = (instanceId: string, report: string, extra: string[]) => ['--imds-endpoint', `${sandbox.ec2}/instances/${instanceId}`, '--spot-poll', '50', '--gpu-interval', '200',
      '--nvidia-smi', assetPath('fixtures', 'bin', 'nvidia-smi'), '--no-python', '--checkpoint-dir', 'ckpt', '--artifact', 'churn.onnx', '--report', report, ...extra, '--', ...trainer];
    try {
      sandbox.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'InsufficientInstanceCapacity', match: { InstanceType: 'g5.xlarge' }, times: 10 });
      const first = await launchRunner(request(1), deps);
      if (first.instanceType !== 'g4dn.xlarge' || first.market !== 'spot') throw new Error(`expected a spot g4dn.xlarge, got ${first.market} ${first.instanceType}`);
      ctx.record(`g5.xlarge out of capacity (${first.attempts[0]?.error}) → launched spot ${first.instanceType} ${first.instanceId}`);
      const online = await waitOnline({ repo, instanceId: first.instanceId, runnerName: first.runnerName, timeoutMs: 30_000, pollMs: 200 }, deps);
      ctx.record(`runner ${first.runnerName} online after ${(online.waitedMs / 1000).toFixed(1)} s (JIT config, one job)`);

      let started = false;
      const run1 = mlopsTrain([...trainArgs(first.instanceId, 'first.json', []), '--epoch-delay-ms', '30'], dir, {}, (line) => (started ||= line.startsWith('::mlops-metric')));
      while (!started) await new Promise((r) => setTimeout(r, 20));
      await fetch(`${sandbox.control}/spot-interruption`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instanceId: first.instanceId }) });
      const code1 = await run1;
      const r1 = JSON.parse(await readFile(join(dir, 'first.json'), 'utf8'));
      if (code1 !== 1 || r1.outcome.status !== 'interrupted') throw new Error(`expected an interrupted run, got exit ${code1} ${r1.outcome?.status}`);
      ctx.record(`Spot interruption → SIGTERM → checkpoint at epoch ${r1.metrics.at(-1)?.step} (${r1.checkpoint.last.sha256.slice(0, 12)}…), GPU ${r1.gpu.summary.utilizationMean}% mean, $${r1.cost.usd}`);
      sandbox.clock.advance(130);
      const stopped = await stopRunner({ repo, label: 'demo-gpu-1' }, deps);
      ctx.record(`stop job: EC2 marker spotInterrupted=${stopped.spotInterrupted} → training resumes on a new runner (attempt 2)`);

      const second = await launchRunner(request(2), deps);
      await waitOnline({ repo, instanceId: second.instanceId, runnerName: second.runnerName, timeoutMs: 30_000, pollMs: 200 }, deps);
      const code2 = await mlopsTrain(trainArgs(second.instanceId, 'second.json', ['--interruptions', '1']), dir, {}, () => undefined);
      const r2 = JSON.parse(await readFile(join(dir, 'second.json'), 'utf8'));
      if (code2 !== 0 || r2.checkpoint.resumedFrom.sha256 !== r1.checkpoint.last.sha256) throw new Error('the resumed run did not start from the checkpoint');
      const sha = createHash('sha256').update(await readFile(join(dir, 'churn.onnx'))).digest('hex');
      const committed = createHash('sha256').update(await readFile(assetPath('fixtures', 'models', 'churn-v1.onnx'))).digest('hex');
      if (sha !== committed) throw new Error('the resumed model differs from uninterrupted training (fixtures/models/churn-v1.onnx)');
      ctx.record(`resumed on ${second.market} ${second.instanceType}: completed, model sha256 ${sha.slice(0, 12)}… identical to uninterrupted training; interruptions ${r2.runner.interruptions}`);

      await stopRunner({ repo, label: 'demo-gpu-2' }, deps);
      sandbox.clock.advance(30);
      const runners = (await octokit.rest.actions.listSelfHostedRunnersForRepo(repo)).data.total_count;
      const live = (sandbox.state().ec2 as { instances: Array<{ State: { Name: string } }> }).instances.filter((i) => i.State.Name !== 'terminated' && i.State.Name !== 'shutting-down').length;
      if (runners !== 0 || live !== 0) throw new Error(`left behind: ${runners} runners, ${live} live instances`);
      ctx.record('stopped: no runner registered, no live instance');
    } finally {
      ec2.client.destroy();
      await sandbox.close();
    }
  },
};

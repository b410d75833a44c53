import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Octokit } from '@octokit/rest';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { assetPath } from '../../lib/package-root.js';
import type { Stage, StageContext } from '../stage.js';

interface SandboxLine {
  github: string;
  ec2: string;
  control: string;
  tokens: Record<string, string>;
  appId: number;
  installationId: number;
}

interface Delivery {
  event: string;
  action?: string;
  verified: boolean;
}

/** Starts `mlops sandbox` as a separate process, the way a user would, and reads its one JSON line. */
async function startSandboxProcess(stateFile: string): Promise<{ child: ChildProcess; line: SandboxLine }> {
  const child = spawn(process.execPath, [assetPath('dist', 'cli.js'), 'sandbox', '--port', '0', '--state', stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  const line = await new Promise<SandboxLine>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const nl = buffer.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buffer.slice(0, nl)) as SandboxLine);
    });
    child.on('exit', (code) => reject(new Error(`mlops sandbox exited ${code} before it was ready`)));
  });
  return { child, line };
}

/** A webhook receiver that checks X-Hub-Signature-256 as any GitHub App must. */
async function startReceiver(secret: string, deliveries: Delivery[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(raw).digest('hex'));
      const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
      const verified = expected.length === given.length && timingSafeEqual(expected, given);
      const payload = JSON.parse(raw.toString()) as { action?: string };
      deliveries.push({ event: String(req.headers['x-github-event']), ...(payload.action ? { action: payload.action } : {}), verified });
      res.writeHead(verified ? 200 : 400).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}/api/github/webhooks` };
}

async function control(ctx: { control: string }, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${ctx.control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 400) throw new Error(`control ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * Reads .github/mlops.yml (and its policy override) from the repository through the contents API, as the actions
 * and the app will, and runs the real `mlops config check` on it; then shows a broken edit refused with file:line:col.
 */
async function checkCommittedConfig(ctx: StageContext, line: SandboxLine): Promise<void> {
  const dave = new Octokit({ baseUrl: line.github, auth: line.tokens['dave'] });
  const repoDir = join(ctx.outDir, 'checkout');
  for (const path of ['.github/mlops.yml', '.github/mlops/policies/risk-high.yml']) {
    const file = (await dave.rest.repos.getContent({ owner: 'acme', repo: 'churn-model', path })).data as { content: string };
    await mkdir(dirname(join(repoDir, path)), { recursive: true });
    await writeFile(join(repoDir, path), Buffer.from(file.content, 'base64'));
  }
  const ok = await ctx.mlops(['config', 'check', '--config', join(repoDir, '.github/mlops.yml')]);
  ctx.record(`mlops config check on acme/churn-model's .github/mlops.yml: ${ok.stdout.split('\n')[0]}`);
  const config = await readFile(join(repoDir, '.github/mlops.yml'), 'utf8');
  await writeFile(join(repoDir, '.github/mlops.yml'), config.replace('risk: medium', 'risk: meduim'));
  const bad = await ctx.mlops(['config', 'check', '--config', join(repoDir, '.github/mlops.yml'), '--format', 'github'], { expectExit: 2 });
  const annotation = bad.stdout.split('\n').find((l) => l.startsWith('::error'));
  if (!annotation || !annotation.includes('line=')) throw new Error(`no annotation with a line for a misspelled risk tier: ${bad.stdout}`);
  ctx.record(`a misspelled risk tier is refused (exit 2) with an annotation: ${annotation.replace(/file=[^,]*,/, '')}`);
}

/**
 * The EC2 emulator through the unmodified AWS SDK: a GPU instance whose user data carries a one-job JIT runner config
 * becomes an online self-hosted runner after its (virtual) boot, and is gone once the instance terminates.
 */
async function ephemeralRunner(ctx: StageContext, line: SandboxLine): Promise<void> {
  const alice = new Octokit({ baseUrl: line.github, auth: line.tokens['alice'] });
  const jit = (await alice.rest.actions.generateRunnerJitconfigForRepo({ owner: 'acme', repo: 'churn-model', name: 'gpu-demo', runner_group_id: 1, labels: ['gpu-demo'] })).data;
  const ec2 = new EC2Client({ endpoint: line.ec2, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' } });
  try {
    const userData = Buffer.from(`#!/bin/bash\n./run.sh --jitconfig ${jit.encoded_jit_config}\n`).toString('base64');
    const launched = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'g5.xlarge', MinCount: 1, MaxCount: 1, UserData: userData, ClientToken: 'demo-run-1' }));
    const instanceId = launched.Instances![0]!.InstanceId!;
    ctx.record(`RunInstances (real @aws-sdk/client-ec2) launched ${instanceId} g5.xlarge with a JIT runner config in its user data`);
    const runnerStatus = async () => (await alice.rest.actions.listSelfHostedRunnersForRepo({ owner: 'acme', repo: 'churn-model' })).data.runners.find((r) => r.name === 'gpu-demo')?.status ?? 'gone';
    for (let i = 0; i < 4 && (await runnerStatus()) !== 'online'; i++) {
      await control(line, '/clock', { advanceSeconds: 30 });
      await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    }
    if ((await runnerStatus()) !== 'online') throw new Error('the JIT runner never came online');
    ctx.record('after the virtual boot the instance registered as self-hosted runner gpu-demo: online');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    for (let i = 0; i < 3 && (await runnerStatus()) !== 'gone'; i++) {
      await control(line, '/clock', { advanceSeconds: 30 });
      await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    }
    const after = await runnerStatus();
    if (after === 'online') throw new Error('the runner stayed online after its instance terminated');
    ctx.record(`TerminateInstances: the ephemeral runner is ${after === 'gone' ? 'removed' : after}`);
  } finally {
    ec2.destroy();
  }
}

/** Stage: the GitHub emulator as people use GitHub — a PR, a refused merge, an approval, a merge, signed webhooks. */
export const sandboxStage: Stage = {
  name: 'sandbox: GitHub and EC2 emulators driven by the real Octokit and AWS SDK',
  async run(ctx: StageContext) {
    const stateFile = join(ctx.outDir, 'state.json');
    const { child, line } = await startSandboxProcess(stateFile);
    const deliveries: Delivery[] = [];
    const secret = 'demo-webhook-secret';
    const receiver = await startReceiver(secret, deliveries);
    try {
      ctx.record(`mlops sandbox up: github ${line.github}, app ${line.appId} installed as ${line.installationId}`);
      await control(line, '/app-webhook', { url: receiver.url, secret });
      await checkCommittedConfig(ctx, line);
      const pr = (await control(line, '/act-as', {
        user: 'bob',
        action: 'open-pull-request',
        head: 'data/refresh',
        title: 'Refresh churn training data',
        files: { 'data/README.md': 'Training data refreshed from the November export.\n' },
      })) as { number: number };
      ctx.record(`bob opened PR #${pr.number} with a data change`);
      // Octokit logs failed requests; the refusal is expected here, so its log stays quiet.
      const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
      const erin = new Octokit({ baseUrl: line.github, auth: line.tokens['erin'], log: quiet });
      const refused = await erin.rest.pulls.merge({ owner: 'acme', repo: 'churn-model', pull_number: pr.number }).then(
        () => undefined,
        (error: { status?: number }) => error.status,
      );
      if (refused !== 403) throw new Error(`erin (read) should get 403 merging, got ${String(refused)}`);
      ctx.record('erin (read access) tried to merge: 403, as on GitHub');
      const alice = new Octokit({ baseUrl: line.github, auth: line.tokens['alice'] });
      await alice.rest.pulls.createReview({ owner: 'acme', repo: 'churn-model', pull_number: pr.number, event: 'APPROVE' });
      const merged = await alice.rest.pulls.merge({ owner: 'acme', repo: 'churn-model', pull_number: pr.number });
      ctx.record(`alice approved and merged: ${merged.data.sha.slice(0, 7)}`);
      await fetch(`${line.control}/deliveries`);
      const closed = deliveries.find((d) => d.event === 'pull_request' && d.action === 'closed');
      if (!closed) throw new Error(`no pull_request.closed delivery; got ${deliveries.map((d) => d.event).join(', ')}`);
      if (deliveries.some((d) => !d.verified)) throw new Error('a webhook delivery failed signature verification');
      ctx.record(`${deliveries.length} webhook deliveries, every X-Hub-Signature-256 verified`, deliveries);
      await ephemeralRunner(ctx, line);
    } finally {
      receiver.server.close();
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as Record<string, unknown>;
    ctx.record(`sandbox stopped cleanly; final state written to demo-out/state.json (${Object.keys(state).join(', ')})`);
  },
};

// The runner actions' real `run:` steps (bash + the built CLI), with their inputs as the Actions runner passes them
// (INPUT_* from the step's env:, GITHUB_OUTPUT, the ::add-mask:: workflow commands), against the sandbox's GitHub and
// EC2 emulators: start → the runner is online → stop → reap finds nothing left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport } from '../../lib/contracts/index.js';
import { startRunnerHarness } from '../runners/harness.js';
import { loadAction, repoRoot, runStepAsync, stepById } from './action-files.js';

const built = existsSync(join(repoRoot, 'dist', 'cli.js'));

test('runner-start, runner-stop and runner-reap steps: outputs, masked secrets, and no instance or runner left', { skip: !built && 'needs npm run build (dist/cli.js)' }, async () => {
  const h = await startRunnerHarness();
  try {
    const token = h.sandbox.tokens.alice!;
    const env = {
      ...(h.env as Record<string, string>),
      GITHUB_REPOSITORY: 'acme/churn-model',
      GITHUB_RUN_ID: '7001',
      GITHUB_RUN_ATTEMPT: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const start = loadAction('actions/runner-start/action.yml');
    const started = await runStepAsync(start, stepById(start, 'runner-start'), {
      env,
      inputs: { 'runner-token': token, label: 'gpu-steps', 'instance-types': 'g5.xlarge,g4dn.xlarge', 'image-id': 'ami-0123456789abcdef0', market: 'on-demand', 'wait-online': '2m' },
    });
    assert.equal(started.status, 0, started.stderr);
    assert.equal(started.outputs.label, 'gpu-steps');
    assert.match(started.outputs['instance-id'] ?? '', /^i-[0-9a-f]+$/);
    // The token and the JIT config are masked before anything could print them, and neither is an output.
    const masks = started.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    assert.ok(masks.includes(`::add-mask::${token}`), 'the runner token is masked');
    assert.ok(masks.length >= 3, `masks: ${masks.length}`);
    for (const mask of masks) assert.ok(!Object.values(started.outputs).some((v) => v.includes(mask.slice('::add-mask::'.length))), 'no masked value is an output');
    const online = await h.deps.octokit.rest.actions.listSelfHostedRunnersForRepo({ owner: 'acme', repo: 'churn-model' });
    assert.deepEqual(online.data.runners.filter((r) => r.labels.some((l) => l.name === 'gpu-steps')).map((r) => r.status), ['online']);

    const stop = loadAction('actions/runner-stop/action.yml');
    const stopped = await runStepAsync(stop, stepById(stop, 'runner-stop'), { env, inputs: { 'runner-token': token, label: 'gpu-steps' } });
    assert.equal(stopped.status, 0, stopped.stderr);
    assert.equal(stopped.outputs.resumed, 'false');

    const reap = loadAction('actions/runner-reap/action.yml');
    const reaped = await runStepAsync(reap, stepById(reap, 'runner-reap'), { env, inputs: { 'runner-token': token, grace: '15m' } });
    assert.equal(reaped.status, 0, reaped.stderr);
    assert.equal(reaped.outputs.terminated, '');
    // Stop asked EC2 to terminate: the instance shuts down on the (fast) virtual clock and its runner goes with it.
    const live = () => (h.sandbox.state().ec2 as { instances: Array<{ InstanceId: string; State: { Name: string } }> }).instances.filter((i) => i.State.Name !== 'terminated');
    for (let i = 0; i < 100 && live().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(live().map((i) => i.InstanceId), []);
    const left = await h.deps.octokit.rest.actions.listSelfHostedRunnersForRepo({ owner: 'acme', repo: 'churn-model' });
    assert.deepEqual(left.data.runners.filter((r) => r.labels.some((l) => l.name === 'gpu-steps')), []);
  } finally {
    await h.close();
  }
});

test('train step: the training command runs under mlops train with the inputs as the runner passes them; report and outputs', { skip: !built && 'needs npm run build (dist/cli.js)' }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mlops-train-step-'));
  try {
    const train = loadAction('actions/train/action.yml');
    const trainer = `exec node ${join(repoRoot, 'dist/fixtures/trainer/train.js')} --data ${join(repoRoot, 'fixtures/datasets/churn-train.csv')} --target churned --epochs 40 --lr 0.02 --seed 1 --out model.onnx --log-every 20`;
    const result = await runStepAsync(train, stepById(train, 'train'), {
      workspace,
      // The nvidia-smi shim stands in for the GPU; no instance metadata service answers here (connection refused).
      env: { PATH: `${join(repoRoot, 'fixtures/bin')}:${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, NODE_PATH: join(repoRoot, 'node_modules'), AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:1', GITHUB_SHA: 'a'.repeat(40), GITHUB_REPOSITORY: 'acme/churn-model' },
      inputs: { 'train-command': trainer, params: 'lr=0.02\nepochs=40', artifacts: 'model.onnx', 'training-report': 'training.json' },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual({ interrupted: result.outputs.interrupted, report: result.outputs['training-report'] }, { interrupted: 'false', report: 'training.json' });
    const report = parseReport(readFileSync(join(workspace, 'training.json'), 'utf8'), 'training.json', 'mlops/training');
    // The step's params input and what the trainer logged through the tracking protocol, together.
    assert.deepEqual([report.params.lr, report.params.epochs, report.params.target], [0.02, 40, 'churned']);
    assert.equal(report.outcome?.status, 'completed');
    assert.deepEqual(report.artifacts.map((a) => a.path), ['model.onnx']);
    assert.match(result.summary, /loss/);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

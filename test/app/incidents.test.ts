import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { driftEvent, type DriftReport } from '../../lib/contracts/index.js';
import { completeJob } from '../sandbox/github/actions-fixtures.js';
import { client, startAppWorld, where, type AppWorld } from './app-fixtures.js';
import { comment, deliver, holdDeliveries, replyTo, runsOf, seedRepo } from './chatops-world.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/reports/drift.json', import.meta.url), 'utf8')) as DriftReport;
const title = 'Drift detected: churn (production)';

let world: AppWorld;
before(async () => {
  world = await startAppWorld();
  await seedRepo(world.sandbox);
});
after(() => world.close());

/** The monitor action's dispatch for window `run` (drifted with `severity`, or clean). */
function event(run: number, severity: 'high' | 'medium' | 'clean') {
  const report: DriftReport = severity === 'clean'
    ? { ...fixture, drifted: false, share: 0, columns: fixture.columns.map((c) => ({ ...c, drifted: false, severity: 'none' as const })) }
    : { ...fixture, columns: fixture.columns.map((c) => (c.drifted ? { ...c, severity } : c)) };
  return driftEvent(report, { model: 'churn', stage: 'production', run: { id: run, url: `https://github.com/acme/churn-model/actions/runs/${run}` } });
}

async function dispatch(run: number, severity: 'high' | 'medium' | 'clean'): Promise<void> {
  await client(world.sandbox, 'dave').rest.repos.createDispatchEvent({ ...where, event_type: 'mlops-drift', client_payload: event(run, severity) as unknown as Record<string, unknown> });
  await world.settle();
}

async function incidents() {
  const issues = await client(world.sandbox, 'alice').paginate(client(world.sandbox, 'alice').rest.issues.listForRepo, { ...where, state: 'all', per_page: 100 });
  return issues.filter((i) => i.title === title);
}

async function botComments(number: number): Promise<string[]> {
  return (await client(world.sandbox, 'alice').rest.issues.listComments({ ...where, issue_number: number, per_page: 100 })).data.filter((c) => c.user?.type === 'Bot').map((c) => c.body ?? '');
}

test('drift → one issue, assigned, labelled, body from the template; on_drift retrain dispatches once; concurrent and repeated deliveries change nothing', async () => {
  // Two windows arrive at once (GitHub delivers concurrently), then one of them again.
  const held = await holdDeliveries(world, 'repository_dispatch', async () => {
    await client(world.sandbox, 'dave').rest.repos.createDispatchEvent({ ...where, event_type: 'mlops-drift', client_payload: event(101, 'high') as unknown as Record<string, unknown> });
    await client(world.sandbox, 'dave').rest.repos.createDispatchEvent({ ...where, event_type: 'mlops-drift', client_payload: event(102, 'high') as unknown as Record<string, unknown> });
  });
  assert.deepEqual(await Promise.all(held.map((d) => deliver(world, d))), [200, 200]);
  assert.equal(await deliver(world, held[0]!), 200);
  await world.settle();

  const found = await incidents();
  assert.equal(found.length, 1);
  const issue = found[0]!;
  assert.equal(issue.state, 'open');
  assert.deepEqual(issue.assignees?.map((a) => a.login), ['bob']);
  assert.deepEqual(issue.labels.map((l) => (typeof l === 'string' ? l : l.name)), ['mlops:drift', 'severity:high']);
  const body = issue.body ?? '';
  assert.ok(body.startsWith('<!-- mlops:drift-issue model=churn stage=production -->\n## ⚠️ Data drift in `churn` at stage `production`'), body.slice(0, 200));
  assert.ok(body.includes('| `age` | integer | ks | ≈ 0.2100 | 0.0500 | 0.0001 | high | 40.100 → 47.900 | 0.0% → 0.1% |'), body);
  assert.ok(body.includes('- **Monitoring run:** [workflow run](https://github.com/acme/churn-model/actions/runs/10'));
  assert.ok(body.includes('A retraining run is started for `churn`'));
  assert.match(body, /<!-- mlops:drift-state \{"severity":"high","clean":0,"windows":\["run-10[12]","run-10[12]"\]\} -->\n$/);

  const runs = runsOf(world.sandbox, 'retrain.yml');
  assert.equal(runs.length, 1, 'once within the cooldown');
  assert.deepEqual({ ...runs[0]!.inputs, sha: 'x' }, { sha: 'x', model: 'churn', reason: `drift #${issue.number} (high) in production`, incident: String(issue.number) });
  const comments = await botComments(issue.number);
  assert.equal(comments.length, 1);
  assert.match(comments[0]!, new RegExp(`^<!-- mlops:retrain run=${runs[0]!.id} -->\\n🔁 \`monitoring.on_drift: retrain\`: started retraining of \\*\\*churn\\*\\* \\(\\[run ${runs[0]!.id}\\]`));

  // The model depending on churn gets one notice for its owner.
  const notices = (await client(world.sandbox, 'alice').rest.issues.listForRepo({ ...where, state: 'open' })).data.filter((i) => i.title === 'Upstream changed: churn → offer');
  assert.equal(notices.length, 1);
  assert.deepEqual(notices[0]!.assignees?.map((a) => a.login), ['alice']);
});

test('a second report updates the same issue, comments on the severity change only, no second retrain; ack silences', async () => {
  const [issue] = await incidents();
  await dispatch(103, 'medium');
  const [updated] = await incidents();
  assert.equal(updated!.number, issue!.number);
  assert.deepEqual(updated!.labels.map((l) => (typeof l === 'string' ? l : l.name)), ['mlops:drift', 'severity:medium']);
  let comments = await botComments(issue!.number);
  assert.equal(comments.filter((c) => c.startsWith('Severity changed')).length, 1);
  assert.match(comments.at(-1)!, /^Severity changed from \*\*high\*\* to \*\*medium\*\*: 1 column\(s\) drifted, 50\.0% of those compared \(\[monitoring run\]\(https:\/\/github\.com\/acme\/churn-model\/actions\/runs\/103\)\)\.$/);
  await dispatch(104, 'medium');
  assert.equal((await botComments(issue!.number)).filter((c) => c.startsWith('Severity changed')).length, 1, 'same severity: no comment');
  assert.equal(runsOf(world.sandbox, 'retrain.yml').length, 1, 'cooldown');

  const id = await comment(world.sandbox, 'carol', issue!.number, '/mlops ack for 1d');
  await world.settle();
  assert.match((await replyTo(world.sandbox, issue!.number, id))!, /@carol 🔕 Acknowledged by @carol for 1d \(until \d{4}-\d\d-\d\dT[\d:.]+Z\)/);
  await dispatch(105, 'high');
  comments = await botComments(issue!.number);
  assert.equal(comments.filter((c) => c.startsWith('Severity changed')).length, 1, 'acknowledged: silent');
  assert.deepEqual((await incidents())[0]!.labels.map((l) => (typeof l === 'string' ? l : l.name)), ['mlops:drift', 'severity:high'], 'the body and labels still follow');
});

test('a successful retraining run comes back as a PR opened by the app (installation token), linked from the incident', async (t) => {
  const { sandbox } = world;
  if (!sandbox.ec2) return t.skip('EC2 emulator not present');
  const [issue] = await incidents();
  const [run] = runsOf(sandbox, 'retrain.yml');
  // What the workflow does: train, evaluate, push the candidate to mlops/retrain/<model>/<run id>.
  const pushed = await sandbox.actAs({ user: 'dave', action: 'push', branch: `mlops/retrain/churn/${run!.id}`, files: { 'models/churn/model.onnx': 'retrained\n' } });
  assert.equal(pushed.status, 200);
  // A GPU runner picks the job up (an EC2 instance with a JIT config) and the job succeeds.
  const alice = client(sandbox, 'alice');
  const jit = (await alice.rest.actions.generateRunnerJitconfigForRepo({ ...where, name: 'gpu-retrain', runner_group_id: 1, labels: ['gpu'] })).data;
  const ec2 = new EC2Client({ endpoint: sandbox.ec2, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
  t.after(() => ec2.destroy());
  await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'g5.xlarge', MinCount: 1, MaxCount: 1, UserData: Buffer.from(`#!/bin/bash\n/opt/actions-runner/run.sh --jitconfig ${jit.encoded_jit_config}\n`).toString('base64') }));
  for (let i = 0; i < 3; i++) {
    sandbox.clock.advance(60);
    await ec2.send(new DescribeInstancesCommand({}));
  }
  const [job] = (await alice.rest.actions.listJobsForWorkflowRun({ ...where, run_id: run!.id })).data.jobs;
  assert.equal((await completeJob(sandbox, job!.id, 'success')).status, 200);
  await world.settle();

  const pulls = (await alice.rest.pulls.list({ ...where, state: 'open', per_page: 100 })).data.filter((p) => p.head.ref === `mlops/retrain/churn/${run!.id}`);
  assert.equal(pulls.length, 1);
  assert.equal(pulls[0]!.user?.login, 'mlops-sandbox[bot]');
  assert.equal(pulls[0]!.title, `Retrain churn on fresh data (run ${run!.id})`);
  assert.ok(pulls[0]!.body?.includes(`Answers the drift incident(s) #${issue!.number}.`));
  const linked = (await botComments(issue!.number)).filter((c) => c.startsWith(`<!-- mlops:retrain-pr pr=${pulls[0]!.number} -->`));
  assert.equal(linked.length, 1);
  // The PR was opened with the installation token, so its own workflows run (evaluate.yml on pull_request).
  assert.ok(runsOf(sandbox, 'evaluate.yml').some((r) => r.event === 'pull_request' && r.head_branch === `mlops/retrain/churn/${run!.id}`));
});

test('clean windows close the incident after close_after_clean_windows, with a comment; drift later opens a new one', async () => {
  const [issue] = await incidents();
  await dispatch(106, 'clean');
  assert.equal((await incidents())[0]!.state, 'open');
  assert.match((await incidents())[0]!.body ?? '', /"clean":1/);
  await dispatch(106, 'clean');
  assert.match((await incidents())[0]!.body ?? '', /"clean":1/, 'the same window counts once');
  await dispatch(107, 'clean');
  const [closed] = await incidents();
  assert.equal(closed!.number, issue!.number);
  assert.equal(closed!.state, 'closed');
  assert.equal((await botComments(issue!.number)).at(-1), '✅ 2 consecutive monitoring windows without drift: closing this incident.');
  await dispatch(108, 'clean');
  assert.equal((await incidents()).length, 1, 'clean with no open incident: nothing');
});

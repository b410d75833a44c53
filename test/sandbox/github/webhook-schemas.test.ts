/**
 * Webhook payloads against @octokit/webhooks-schemas: a realistic session (a pull request opened, pushed to, reviewed,
 * commented on and merged; an issue opened, labelled, closed; a tag; a workflow dispatched and run by a JIT runner on
 * an EC2 instance) and every delivery validated against the community schema of its event and action.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { octokitFor } from './helpers.js';
import { completeJob, owner, pushWorkflow, repo, startReceiver } from './actions-fixtures.js';

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const schema = createRequire(import.meta.url)('@octokit/webhooks-schemas') as { definitions: Record<string, unknown> };

/**
 * Where the community schema is stricter than GitHub: its user objects are `additionalProperties: false` without
 * `user_view_type`, which GitHub has sent on every user object (REST and webhooks) since 2024 and which the OpenAPI
 * description (`simple-user`) lists. The schema is widened for that one field rather than the emulator dropping it.
 */
function widened(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(widened);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, widened(v)])) as Record<string, any>;
  if (out.additionalProperties === false && out.properties?.login && out.properties?.avatar_url && !out.properties.user_view_type) {
    out.properties = { ...out.properties, user_view_type: { type: 'string', enum: ['public', 'private'] } };
  }
  return out;
}

let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({ appWebhookUrl: receiver.url });
});
after(async () => {
  await sandbox.close();
  receiver.close();
});

/** Runs the session; returns nothing, the receiver has the deliveries. */
async function session(): Promise<void> {
  const dave = octokitFor(sandbox, 'dave');
  const bob = octokitFor(sandbox, 'bob');
  const alice = octokitFor(sandbox, 'alice');
  await pushWorkflow(sandbox);

  // Experiment pull request: opened, synchronize, review requested, reviewed, commented, merged; branch deleted.
  await sandbox.actAs({ user: 'dave', action: 'push', branch: 'experiment', files: { 'train.py': 'print("v2")\n' } });
  const pull = (await dave.rest.pulls.create({ owner, repo, head: 'experiment', base: 'main', title: 'Experiment: v2', body: 'Tries v2' })).data;
  await sandbox.actAs({ user: 'dave', action: 'push', branch: 'experiment', files: { 'train.py': 'print("v3")\n' } });
  await dave.rest.pulls.requestReviewers({ owner, repo, pull_number: pull.number, reviewers: ['alice'] });
  await dave.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: ['drift'] });
  const comment = (await dave.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: '/evaluate' })).data;
  await dave.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: '/evaluate --full' });
  await dave.rest.issues.deleteComment({ owner, repo, comment_id: comment.id });
  await bob.rest.pulls.createReview({ owner, repo, pull_number: pull.number, event: 'APPROVE', body: 'LGTM' });
  await bob.rest.pulls.merge({ owner, repo, pull_number: pull.number, merge_method: 'merge' });
  await dave.rest.git.deleteRef({ owner, repo, ref: 'heads/experiment' });
  const main = (await dave.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
  await dave.rest.git.createRef({ owner, repo, ref: 'refs/tags/v1.0.0', sha: main });

  // Drift incident: opened, labelled, assigned, commented, closed.
  const issue = (await dave.rest.issues.create({ owner, repo, title: 'Drift on tenure', body: 'PSI 0.3' })).data;
  await dave.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: ['drift'] });
  await alice.rest.issues.addAssignees({ owner, repo, issue_number: issue.number, assignees: ['dave'] });
  await dave.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'Retraining.' });
  await alice.rest.issues.update({ owner, repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' });

  // The monitor action's drift report reaches the app as a repository_dispatch.
  await dave.rest.repos.createDispatchEvent({ owner, repo, event_type: 'mlops-drift', client_payload: { model: 'churn', stage: 'production', severity: 'high' } });

  // A training run: requested/queued, in progress on a JIT runner, completed.
  const jit = (await alice.rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'gpu-1', runner_group_id: 1, labels: ['gpu'] })).data;
  const runId = ((await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' }, return_run_details: true })).data as unknown as { workflow_run_id: number }).workflow_run_id;
  if (sandbox.ec2) {
    const ec2 = new EC2Client({ endpoint: sandbox.ec2, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
    try {
      const script = `#!/bin/bash\n/opt/actions-runner/run.sh --jitconfig ${jit.encoded_jit_config}\n`;
      await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'g5.xlarge', MinCount: 1, MaxCount: 1, UserData: Buffer.from(script).toString('base64') }));
      for (let i = 0; i < 3; i++) {
        sandbox.clock.advance(30);
        await ec2.send(new DescribeInstancesCommand({}));
      }
    } finally {
      ec2.destroy();
    }
    const [train] = (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data.jobs;
    assert.equal((await completeJob(sandbox, train!.id, 'success')).status, 200);
  }
  await dave.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId });
  await sandbox.waitForDeliveries();
}

test('every webhook delivery of a realistic session validates against @octokit/webhooks-schemas for its event and action', async () => {
  await session();
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(ajv);
  ajv.addSchema(widened(schema) as object, 'webhooks');

  const seen = new Set<string>();
  const failures: string[] = [];
  for (const { event, payload } of receiver.received) {
    // repository_dispatch carries the caller's event_type as its action; the schema has one definition for all.
    const name = typeof payload.action === 'string' && event !== 'repository_dispatch' ? `${event}$${payload.action}` : `${event}$event`;
    seen.add(name);
    const validate = ajv.getSchema(`webhooks#/definitions/${name}`);
    if (!validate) {
      failures.push(`${name}: no schema`);
      continue;
    }
    if (!validate(payload)) {
      const errors = (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
      failures.push(`${name}: ${errors.join('; ')}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual([...seen].sort(), [
    'create$event',
    'delete$event',
    'issue_comment$created',
    'issue_comment$deleted',
    'issue_comment$edited',
    'issues$assigned',
    'issues$closed',
    'issues$labeled',
    'issues$opened',
    'pull_request$closed',
    'pull_request$labeled',
    'pull_request$opened',
    'pull_request$review_requested',
    'pull_request$synchronize',
    'pull_request_review$submitted',
    'push$event',
    'repository_dispatch$event',
    'workflow_job$completed',
    'workflow_job$in_progress',
    'workflow_job$queued',
    'workflow_run$completed',
    'workflow_run$in_progress',
    'workflow_run$requested',
  ]);
});

/**
 * Helpers of the ChatOps and incident tests: the app against the sandbox (test/app/app-fixtures.ts) with a config and
 * dispatchable workflows on main, people commenting, deliveries held back and replayed (a delivery that arrives late,
 * or twice, or two at once — as GitHub can send them), and readers for replies and reactions.
 */
import type { Sandbox } from '../../sandbox/index.js';
import { client, where, type AppWorld } from './app-fixtures.js';

/** The repository config of these tests: churn owned by @bob, retrained on drift, closed after 2 clean windows. */
export const CONFIG = `version: 1
models:
  - name: churn
    owner: "@bob"
    risk: low
    paths: [models/churn/**]
    training:
      command: python models/churn/train.py
    evaluation:
      model: models/churn/model.onnx
      data: data/churn/test.csv
      target: churned
      task: binary
    promotion:
      stages: [{ name: staging }, { name: production }]
      auto_promote: true
    monitoring:
      source: { path: data/live.csv }
      baseline: data/churn/baseline.profile.json
      on_drift: retrain
      close_after_clean_windows: 2
      retrain_cooldown: 7d
  - name: offer
    owner: "@alice"
    risk: low
    depends_on: [churn]
`;

const dispatchable = (name: string, inputs: string[], also = '') =>
  `name: ${name}\non:\n${also}  workflow_dispatch:\n    inputs:\n${inputs.map((i) => `      ${i}:\n        required: false\n        default: ""\n`).join('')}jobs:\n  run:\n    runs-on: [self-hosted, gpu]\n    steps:\n      - run: test "$(git rev-parse HEAD)" = "\${{ inputs.sha }}"\n`;

/** Workflow files the app dispatches. */
export const WORKFLOWS = {
  '.github/workflows/train.yml': dispatchable('Train', ['sha', 'model', 'params']),
  // Also on pull_request: the evaluation run of a PR head is what registration finds (issue 9).
  '.github/workflows/evaluate.yml': dispatchable('Evaluate', ['sha', 'model', 'champion'], '  pull_request:\n'),
  '.github/workflows/retrain.yml': dispatchable('Retrain', ['sha', 'model', 'reason', 'incident']),
};

/** Pushes the config and the workflows to main. */
export async function seedRepo(sandbox: Sandbox): Promise<void> {
  const res = await sandbox.actAs({ user: 'alice', action: 'push', branch: 'main', files: { '.github/mlops.yml': CONFIG, ...WORKFLOWS }, message: 'gh-mlops config and workflows' });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/** Opens a PR changing churn's files (with the dispatchable workflows on the branch). */
export async function openPr(sandbox: Sandbox, branch: string, user = 'dave', head = branch): Promise<{ number: number; headSha: string }> {
  const res = await sandbox.actAs({ user, action: 'open-pull-request', head, title: `Churn change (${branch})`, files: { 'models/churn/train.py': `print("${branch}")\n`, ...WORKFLOWS } });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const pull = res.body as { number: number; head: { sha: string } };
  return { number: pull.number, headSha: pull.head.sha };
}

/** `user` comments `body` on issue/PR `number`; returns the comment id. */
export async function comment(sandbox: Sandbox, user: string, number: number, body: string): Promise<number> {
  const res = await sandbox.actAs({ user, action: 'comment', number, body });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return (res.body as { id: number }).id;
}

/** The app's replies on `number` (comments by the bot), text only. */
export async function replies(sandbox: Sandbox, number: number): Promise<string[]> {
  const comments = await client(sandbox, 'alice').paginate(client(sandbox, 'alice').rest.issues.listComments, { ...where, issue_number: number, per_page: 100 });
  return comments.filter((c) => c.user?.type === 'Bot').map((c) => c.body ?? '');
}

/** The app's reply to comment `id`, or undefined. */
export async function replyTo(sandbox: Sandbox, number: number, id: number): Promise<string | undefined> {
  return (await replies(sandbox, number)).find((b) => b.startsWith(`<!-- mlops:chatops comment=${id} -->`));
}

/** Reaction counts on comment `id` of issue/PR `number` (`eyes`, `rocket`, `-1`). */
export async function reactions(sandbox: Sandbox, number: number, id: number): Promise<Record<string, number>> {
  const comments = (await client(sandbox, 'alice').rest.issues.listComments({ ...where, issue_number: number, per_page: 100 })).data;
  const r = (comments.find((c) => c.id === id)?.reactions ?? {}) as Record<string, number>;
  return { eyes: r.eyes ?? 0, rocket: r.rocket ?? 0, '-1': r['-1'] ?? 0 };
}

/** Runs of workflow file `file` with their dispatch inputs (from the emulator's state: the API does not show inputs). */
export function runsOf(sandbox: Sandbox, file: string): Array<{ id: number; head_branch: string | null; head_sha: string; event: string; actor: string; inputs: Record<string, unknown> }> {
  const world = sandbox.githubEmulator.world();
  const workflows = world.actions.workflows.filter((w) => w.path === `.github/workflows/${file}`).map((w) => w.id);
  return world.actions.runs.filter((r) => workflows.includes(r.workflow_id)).map((r) => ({ id: r.id, head_branch: r.head_branch, head_sha: r.head_sha, event: r.event, actor: r.actor, inputs: r.inputs }));
}

/**
 * Holds the app's deliveries back while `act` runs (the webhook points nowhere, so GitHub records failed deliveries),
 * then restores the app's URL; returns the held deliveries of `event`.
 */
export async function holdDeliveries(world: AppWorld, event: string, act: () => Promise<void>): Promise<Array<{ id: number; headers: Record<string, string>; payload: string }>> {
  const { sandbox } = world;
  const before = sandbox.githubEmulator.webhooks.deliveries().length;
  sandbox.setAppWebhook('http://127.0.0.1:9/held', sandbox.webhookSecret);
  try {
    await act();
    await sandbox.waitForDeliveries();
  } finally {
    sandbox.setAppWebhook(world.app.webhookUrl, sandbox.webhookSecret);
  }
  return sandbox.githubEmulator.webhooks.deliveries().slice(before).filter((d) => d.event === event).map((d) => ({ id: d.id, headers: d.request.headers, payload: d.request.payload }));
}

/** Sends a recorded (signed) delivery to the app as GitHub would; resolves with the HTTP status. */
export async function deliver(world: AppWorld, d: { headers: Record<string, string>; payload: string }): Promise<number> {
  const res = await fetch(world.app.webhookUrl, { method: 'POST', headers: d.headers, body: d.payload });
  await res.text();
  return res.status;
}

/**
 * The app end to end against the sandbox: the real Probot server (signed deliveries from the emulator), plus helpers
 * that play the people and the evaluate action: open a model PR (its workflow starts a run), post the
 * `mlops / evaluation` check run and the `mlops-<model>` bundle artifact, review, merge, and wait for the app.
 */
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { createReport, type BundleFile } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';
import { sha256 } from '../../app/github/registry-reader.js';
import type { Sandbox } from '../../sandbox/index.js';
import { installationToken } from '../sandbox/github/installation.js';
import { client, owner, repo, where, type AppWorld } from '../../demo/world.js';

// The world itself (sandbox + app, clients) is shared with the demo: demo/world.ts.
export { client, owner, repo, startAppWorld, where, type AppWorld } from '../../demo/world.js';

const EVALUATE_YML = 'name: Evaluate\non: pull_request\njobs:\n  evaluate:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mlops evaluate\n';

/** Pushes `.github/CODEOWNERS` to main so `owner` owns the churn model's files. */
export async function setCodeowner(sandbox: Sandbox, login: string): Promise<void> {
  const res = await sandbox.actAs({ user: 'alice', action: 'push', branch: 'main', files: { '.github/CODEOWNERS': `models/churn/** @${login}\n` }, message: 'CODEOWNERS' });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/** Opens a model PR as `user` from `branch` (a churn file + the evaluate workflow, which starts a run). */
export async function openModelPr(sandbox: Sandbox, branch: string, user = 'dave', text = 'print("v2")\n'): Promise<{ number: number; headSha: string }> {
  const res = await sandbox.actAs({ user, action: 'open-pull-request', head: branch, title: `Train churn (${branch})`, files: { 'models/churn/train.py': text, '.github/workflows/evaluate.yml': EVALUATE_YML } });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const pull = res.body as { number: number; head: { sha: string } };
  return { number: pull.number, headSha: pull.head.sha };
}

/** Pushes another commit to the PR branch (earlier approvals become stale); returns the new head. */
export async function pushToPr(sandbox: Sandbox, branch: string, text: string): Promise<string> {
  const res = await sandbox.actAs({ user: 'dave', action: 'push', branch, files: { 'models/churn/train.py': text } });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return (res.body as { commit: string }).commit;
}

/** Reports the bundle carries, schema-valid (from the contract fixtures), with a model-specific evaluation. */
function reports(rocAuc: number): Record<string, unknown> {
  const fixture = (name: string) => JSON.parse(readFileSync(assetPath('test', 'fixtures', 'reports', `${name}.json`), 'utf8')) as Record<string, any>;
  const evaluation = fixture('evaluation');
  delete evaluation.champion;
  evaluation.metrics = { roc_auc: { value: rocAuc, ci: [rocAuc - 0.02, rocAuc + 0.02] }, f1: { value: 0.7 } };
  const validation = fixture('validation');
  validation.passed = true;
  validation.summary.failed = 0;
  for (const r of validation.results) r.passed = true;
  return { evaluation, validation, training: fixture('training'), 'training-profile': fixture('profile') };
}

/** Builds the `mlops-churn` bundle zip (model + reports + manifest). */
export function bundleZip(rocAuc: number, model = readFileSync(assetPath('fixtures', 'models', 'churn-v1.onnx'))): Buffer {
  const entries: Record<string, Uint8Array> = { 'model.onnx': new Uint8Array(model) };
  const files: BundleFile[] = [{ role: 'model', path: 'model.onnx', sha256: sha256(model), bytes: model.length }];
  for (const [role, report] of Object.entries(reports(rocAuc))) {
    const data = strToU8(JSON.stringify(report, null, 2));
    entries[`reports/${role}.json`] = data;
    files.push({ role: role as BundleFile['role'], path: `reports/${role}.json`, sha256: sha256(data), bytes: data.length });
  }
  const manifest = createReport('mlops/bundle', { model: { name: 'churn' }, files }, { subject: { commit: { sha: 'a'.repeat(40) } }, now: new Date('2026-01-01T00:00:00Z') });
  entries['mlops-bundle.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return Buffer.from(zipSync(entries));
}

/** What the evaluate action leaves: the bundle artifact on the PR's run and a green (or red) check run on the head. */
export async function postEvaluation(sandbox: Sandbox, headSha: string, options: { conclusion?: 'success' | 'failure'; rocAuc?: number } = {}): Promise<{ runId: number; checkRunId: number }> {
  const dave = client(sandbox, 'dave');
  const runs = (await dave.rest.actions.listWorkflowRunsForRepo({ ...where, head_sha: headSha })).data.workflow_runs;
  const run = runs[0];
  if (!run) throw new Error(`no workflow run for ${headSha}`);
  const upload = await fetch(`${sandbox.control}/runs/${run.id}/artifacts?name=mlops-churn`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: bundleZip(options.rocAuc ?? 0.86) });
  if (upload.status !== 201) throw new Error(await upload.text());
  const appClient = client(sandbox, await installationToken(sandbox));
  const check = await appClient.rest.checks.create({ ...where, name: 'mlops / evaluation', head_sha: headSha, external_id: String(run.id), status: 'completed', conclusion: options.conclusion ?? 'success', output: { title: 'Evaluation', summary: 'ok' } });
  return { runId: run.id, checkRunId: check.data.id };
}

/** `user` reviews PR `number` (APPROVE by default). */
export async function review(sandbox: Sandbox, user: string, number: number, event: 'APPROVE' | 'REQUEST_CHANGES' = 'APPROVE'): Promise<void> {
  const res = await sandbox.actAs({ user, action: 'review', number, event, body: event === 'APPROVE' ? 'LGTM' : 'please fix' });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/** `user` merges PR `number`; returns the merge commit. */
export async function merge(sandbox: Sandbox, user: string, number: number): Promise<string> {
  const res = await sandbox.actAs({ user, action: 'merge', number });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return (res.body as { sha: string }).sha;
}

/** Runs `mlops …` in-process as `user` against the sandbox repository. */
export async function mlops(sandbox: Sandbox, user: string, cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import('../../cli/program.js');
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), verbose: false };
  const env = { GITHUB_API_URL: sandbox.github, GITHUB_TOKEN: sandbox.tokens[user]!, GITHUB_REPOSITORY: `${owner}/${repo}` };
  const code = await runCli(argv, { io, cwd, env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Registers a version end to end: PR by dave, approval by `approver`, green evaluation, merge by alice. */
export async function shipVersion(world: AppWorld, branch: string, options: { approver: string; labels?: string[]; rocAuc?: number }): Promise<{ number: number; headSha: string }> {
  const pr = await openModelPr(world.sandbox, branch, 'dave', `print("${branch}")\n`);
  if (options.labels?.length) await client(world.sandbox, 'dave').rest.issues.addLabels({ ...where, issue_number: pr.number, labels: options.labels });
  await postEvaluation(world.sandbox, pr.headSha, { rocAuc: options.rocAuc ?? 0.86 });
  await review(world.sandbox, options.approver, pr.number);
  await merge(world.sandbox, 'alice', pr.number);
  await world.settle();
  return pr;
}

/** Deployments of one environment, oldest first, with their latest status. */
export async function stageHistory(sandbox: Sandbox, environment: string): Promise<Array<{ id: number; version: string; state: string; description: string; payload: Record<string, unknown> }>> {
  const gh = client(sandbox, 'alice');
  const list = (await gh.rest.repos.listDeployments({ ...where, environment, per_page: 100 })).data.sort((a, b) => a.id - b.id);
  return Promise.all(list.map(async (d) => {
    const statuses = (await gh.rest.repos.listDeploymentStatuses({ ...where, deployment_id: d.id })).data.sort((a, b) => b.id - a.id);
    const payload = d.payload as Record<string, unknown>;
    return { id: d.id, version: String(payload.version), state: statuses[0]?.state ?? 'none', description: statuses[0]?.description ?? '', payload };
  }));
}

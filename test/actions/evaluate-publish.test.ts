// actions/evaluate's publishing against the sandbox GitHub: the check run on the PR head, one sticky comment edited in
// place, races reconciled to one comment, and the request count of the common case.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { publishEvaluation, type PublishRequest } from '../../actions/evaluate/publish.js';
import { runCli } from '../../cli/program.js';
import { readReport, type EvaluationReport, type GateReport } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { installationToken } from '../sandbox/github/installation.js';

const owner = 'acme';
const repo = 'churn-model';
const dir = mkdtempSync(join(tmpdir(), 'mlops-publish-'));
let sandbox: Sandbox;
let token: string;
let evaluation: EvaluationReport;
let passing: GateReport;
let failing: GateReport;

async function cli(argv: string[]): Promise<number> {
  const io = { stdout: () => {}, stderr: () => {}, verbose: false };
  return runCli(argv, { io, cwd: assetPath(), env: {} });
}

before(async () => {
  sandbox = await startSandbox();
  token = await installationToken(sandbox);
  const e = join(dir, 'evaluation.json');
  assert.equal(await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', '--champion', 'fixtures/models/churn-v1.onnx', '--data', 'fixtures/datasets/churn-test.csv', '--target', 'churned', '--slices', 'plan', '--bootstrap', '100', '--name', 'churn', '--report', e]), 0);
  evaluation = await readReport(e, 'mlops/evaluation');
  const strict = join(dir, 'strict.yml');
  writeFileSync(strict, 'version: 1\ngates:\n  - id: auc-floor\n    metric: primary\n    op: ">="\n    value: 0.9\n');
  const lenient = join(dir, 'lenient.yml');
  writeFileSync(lenient, 'version: 1\ngates:\n  - id: auc-floor\n    metric: primary\n    op: ">="\n    value: 0.8\n');
  assert.equal(await cli(['gate', '--policy', lenient, '--evaluation', e, '--report', join(dir, 'pass.json')]), 0);
  assert.equal(await cli(['gate', '--policy', strict, '--evaluation', e, '--report', join(dir, 'fail.json')]), 1);
  passing = await readReport(join(dir, 'pass.json'), 'mlops/gate');
  failing = await readReport(join(dir, 'fail.json'), 'mlops/gate');
});
after(() => sandbox.close());

async function openPull(branch: string): Promise<{ number: number; sha: string }> {
  const r = await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: branch, title: `New model ${branch}`, files: { 'models/churn.onnx': `model ${branch}` } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const body = r.body as { number: number; head: { sha: string } };
  return { number: body.number, sha: body.head.sha };
}

function counted() {
  const octokit = getOctokit(token, { baseUrl: sandbox.github });
  const requests: string[] = [];
  octokit.hook.before('request', (options) => void requests.push(`${options.method} ${options.url}`));
  return { octokit, requests };
}

const request = (pull: { number: number; sha: string }, gate: GateReport): PublishRequest => ({
  owner, repo, pullNumber: pull.number, headSha: pull.sha, model: 'churn', modelPath: 'models/churn.onnx', evaluation, gate,
  runUrl: `${sandbox.github}/acme/churn-model/actions/runs/1`, toolVersion: '0.1.0', now: new Date('2026-11-23T10:00:00Z'),
});

async function markerComments(number: number) {
  const octokit = getOctokit(token, { baseUrl: sandbox.github });
  const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: number });
  return data.filter((c) => (c.body ?? '').startsWith('<!-- mlops:pr-comment model=churn -->'));
}

test('first run: a check run on the PR head and one comment, in 4 requests; second run edits it in 3', async () => {
  const pull = await openPull('model-v2');
  const first = counted();
  const r1 = await publishEvaluation(first.octokit, request(pull, passing));
  assert.equal(r1.comment!.action, 'created');
  assert.deepEqual(first.requests.map((r) => r.split(' ')[0]), ['POST', 'GET', 'POST', 'GET']);

  const checks = await first.octokit.rest.checks.listForRef({ owner, repo, ref: pull.sha });
  assert.deepEqual(checks.data.check_runs.map((c) => [c.name, c.head_sha, c.status, c.conclusion]), [['mlops / evaluation', pull.sha, 'completed', 'success']]);
  assert.match(checks.data.check_runs[0]!.output.summary ?? '', /^## ✅ Gate passed for `churn`/);

  const second = counted();
  const r2 = await publishEvaluation(second.octokit, request(pull, failing));
  assert.deepEqual([r2.comment!.action, r2.comment!.id], ['updated', r1.comment!.id]);
  assert.deepEqual(second.requests.map((r) => r.split(' ')[0]), ['POST', 'GET', 'PATCH']);
  const comments = await markerComments(pull.number);
  assert.equal(comments.length, 1);
  assert.match(comments[0]!.body!, /## ❌ failed · Evaluation of `churn`/);
  assert.match(comments[0]!.body!, /```mermaid\nxychart-beta/);

  // The gate's failure fails the check: the latest run on the head commit is a failure with an annotation on the model.
  const latest = await second.octokit.rest.checks.listForRef({ owner, repo, ref: pull.sha, check_name: 'mlops / evaluation' });
  assert.equal(latest.data.check_runs[0]!.conclusion, 'failure');
  const annotations = await second.octokit.rest.checks.listAnnotations({ owner, repo, check_run_id: r2.checkRun.id });
  assert.deepEqual(annotations.data.map((a) => [a.path, a.annotation_level, a.title]), [['models/churn.onnx', 'failure', 'auc-floor']]);
});

test('two runs racing on a new pull request end with exactly one comment (create-then-reconcile)', async () => {
  const pull = await openPull('model-v3');
  const [a, b] = await Promise.all([publishEvaluation(counted().octokit, request(pull, passing)), publishEvaluation(counted().octokit, request(pull, failing))]);
  const comments = await markerComments(pull.number);
  assert.equal(comments.length, 1);
  assert.equal(a.comment!.id, comments[0]!.id);
  assert.equal(b.comment!.id, comments[0]!.id);
});

test('a person pasting the marker does not capture the sticky comment', async () => {
  const pull = await openPull('model-v4');
  const pasted = await sandbox.actAs({ user: 'bob', action: 'comment', number: pull.number, body: '<!-- mlops:pr-comment model=churn -->\nnot the bot' });
  assert.equal(pasted.status, 201);
  const r = await publishEvaluation(counted().octokit, request(pull, passing));
  assert.equal(r.comment!.action, 'created');
  assert.notEqual(r.comment!.id, (pasted.body as { id: number }).id);
});

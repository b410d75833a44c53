/** Artifacts: upload through the control API, list/filter/get through Octokit, download a real zip, delete. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { loadOpenApi } from './openapi-checker.js';
import { octokitFor, statusOf } from './helpers.js';
import { owner, pushWorkflow, repo } from './actions-fixtures.js';

const openapi = loadOpenApi();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
beforeEach(async () => {
  sandbox.reset();
  await pushWorkflow(sandbox);
});
after(async () => sandbox.close());

const upload = (runId: number, name: string, body: Buffer | string, type: string) =>
  fetch(`${sandbox.control}/runs/${runId}/artifacts?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': type }, body });

test('an uploaded zip lists, filters by name, and downloads byte-identical through the 302 to a signed URL', async () => {
  const checker = openapi.createChecker();
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const runId = ((await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' }, return_run_details: true })).data as unknown as { workflow_run_id: number }).workflow_run_id;

  const zip = Buffer.from(zipSync({ 'model.onnx': new Uint8Array([8, 1, 18, 4, 116, 101, 115, 116]), 'metrics.json': strToU8('{"auc":0.91}\n') }));
  const created = await upload(runId, 'model', zip, 'application/zip');
  assert.equal(created.status, 201);
  const artifact = (await created.json()) as { id: number; size_in_bytes: number; digest: string };
  assert.equal(artifact.size_in_bytes, zip.length);
  assert.equal((await upload(runId, 'report', JSON.stringify({ files: { 'report.md': '# Eval\nAUC 0.91\n' } }), 'application/json')).status, 201);
  assert.equal((await upload(runId, 'model', zip, 'application/zip')).status, 409, 'one artifact per name and run');
  assert.equal((await upload(runId, 'junk', 'not a zip', 'application/octet-stream')).status, 422);

  const forRun = (await dave.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId })).data;
  assert.deepEqual(forRun.artifacts.map((a) => [a.name, a.workflow_run?.id, a.expired]), [['report', runId, false], ['model', runId, false]]);
  const named = (await dave.rest.actions.listArtifactsForRepo({ owner, repo, name: 'model' })).data;
  assert.deepEqual([named.total_count, named.artifacts[0]!.id], [1, artifact.id]);
  const got = (await dave.rest.actions.getArtifact({ owner, repo, artifact_id: artifact.id })).data;
  assert.equal(got.archive_download_url, `${sandbox.github}/repos/acme/churn-model/actions/artifacts/${artifact.id}/zip`);
  assert.equal(got.digest, artifact.digest);

  // Octokit as GitHub documents it (302 + Location), then the signed URL without credentials.
  const redirect = await dave.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifact.id, archive_format: 'zip', request: { redirect: 'manual' } });
  assert.equal(redirect.status, 302);
  const location = String(redirect.headers.location);
  assert.match(location, new RegExp(`^${sandbox.github}/_sandbox/artifact-blobs/${artifact.id}\\?expires=\\d+&sig=[0-9a-f]{64}$`));
  const download = await fetch(location);
  assert.equal(download.headers.get('content-type'), 'application/zip');
  const bytes = Buffer.from(await download.arrayBuffer());
  assert.ok(bytes.equals(zip), 'byte-identical');
  assert.equal(strFromU8(unzipSync(bytes)['metrics.json']!), '{"auc":0.91}\n');
  assert.equal((await fetch(location.replace(/sig=../, 'sig=00'))).status, 403);
  sandbox.clock.advance(120);
  assert.equal((await fetch(location)).status, 403, 'the signed URL expires');

  // Following the redirect, as a plain Octokit call does.
  const followed = await octokitFor(sandbox, 'dave').rest.actions.downloadArtifact({ owner, repo, artifact_id: artifact.id, archive_format: 'zip' });
  assert.ok(Buffer.from(followed.data as ArrayBuffer).equals(zip));

  const report = forRun.artifacts[0]!;
  const reportZip = Buffer.from(await (await fetch(String((await dave.rest.actions.downloadArtifact({ owner, repo, artifact_id: report.id, archive_format: 'zip', request: { redirect: 'manual' } })).headers.location))).arrayBuffer());
  assert.equal(strFromU8(unzipSync(reportZip)['report.md']!), '# Eval\nAUC 0.91\n');

  assert.equal((await dave.rest.actions.deleteArtifact({ owner, repo, artifact_id: artifact.id })).status, 204);
  assert.equal((await statusOf(dave.rest.actions.getArtifact({ owner, repo, artifact_id: artifact.id }))).status, 404);
  assert.equal((await statusOf(octokitFor(sandbox, 'erin').rest.actions.deleteArtifact({ owner, repo, artifact_id: report.id }))).status, 403);
  assert.deepEqual(checker.failures, []);
});

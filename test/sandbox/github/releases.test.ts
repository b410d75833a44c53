/** Releases and assets through Octokit: drafts, publishing, immutable tags, byte-identical asset round trips, webhooks. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Sandbox } from '../../../sandbox/index.js';
import { owner, repo, useSandboxWithReceiver, type Receiver } from './actions-fixtures.js';
import { loadOpenApi } from './openapi-checker.js';
import { octokitFor, statusOf } from './helpers.js';
import { webhookValidator } from './webhook-validator.js';

const openapi = loadOpenApi();
const validateHooks = webhookValidator();
let sandbox: Sandbox;
let receiver: Receiver;
useSandboxWithReceiver((s, r) => {
  sandbox = s;
  receiver = r;
}, { resetEach: true });

test('a draft gets a 100 KB asset that downloads byte-identical, is published (tag created, events sent), and its tag is then immutable', async () => {
  const checker = openapi.createChecker();
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const plain = octokitFor(sandbox, 'dave');
  const erin = octokitFor(sandbox, 'erin');

  const draft = (await dave.rest.repos.createRelease({ owner, repo, tag_name: 'model-v1.0.0', name: 'churn v1', body: 'AUC 0.91', draft: true })).data;
  assert.deepEqual([draft.draft, draft.published_at, draft.target_commitish], [true, null, 'main']);
  assert.equal(draft.upload_url, `${sandbox.github}/uploads/repos/acme/churn-model/releases/${draft.id}/assets{?name,label}`);
  assert.equal((await statusOf(dave.rest.repos.getReleaseByTag({ owner, repo, tag: 'model-v1.0.0' }))).status, 404, 'drafts are not found by tag');
  assert.equal((await statusOf(erin.rest.repos.getRelease({ owner, repo, release_id: draft.id }))).status, 404, 'drafts are hidden from readers');
  assert.deepEqual((await erin.rest.repos.listReleases({ owner, repo })).data, []);
  assert.equal((await statusOf(dave.rest.git.getRef({ owner, repo, ref: 'tags/model-v1.0.0' }))).status, 404, 'a draft creates no tag');

  // Upload with baseUrl = the emulator (Octokit's default for this method is uploads.github.com), and via upload_url.
  const bytes = randomBytes(100 * 1024);
  const asset = (await dave.rest.repos.uploadReleaseAsset({ owner, repo, release_id: draft.id, name: 'model.onnx', label: 'ONNX model', data: bytes as unknown as string, baseUrl: sandbox.github, headers: { 'content-type': 'application/octet-stream' } })).data;
  assert.deepEqual([asset.name, asset.label, asset.size, asset.content_type, asset.state, asset.uploader?.login], ['model.onnx', 'ONNX model', bytes.length, 'application/octet-stream', 'uploaded', 'dave']);
  const metrics = Buffer.from('{"auc":0.91}\n');
  const viaUrl = await dave.request({ method: 'POST', url: draft.upload_url, name: 'metrics.json', data: metrics, headers: { 'content-type': 'application/json' } });
  assert.equal(viaUrl.status, 201);
  const dup = await statusOf(plain.rest.repos.uploadReleaseAsset({ owner, repo, release_id: draft.id, name: 'model.onnx', data: bytes as unknown as string, baseUrl: sandbox.github, headers: { 'content-type': 'application/octet-stream' } }));
  assert.equal(dup.status, 422);
  assert.deepEqual((dup.data as { errors: unknown[] }).errors, [{ resource: 'ReleaseAsset', field: 'name', code: 'already_exists' }]);

  assert.deepEqual((await dave.rest.repos.listReleaseAssets({ owner, repo, release_id: draft.id })).data.map((a) => [a.name, a.size]), [['model.onnx', 102400], ['metrics.json', metrics.length]]);
  assert.equal((await dave.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id })).data.digest, asset.digest);
  const redirect = await dave.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id, headers: { accept: 'application/octet-stream' }, request: { redirect: 'manual' } });
  assert.equal(redirect.status, 302);
  const downloaded = await plain.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id, headers: { accept: 'application/octet-stream' } });
  assert.ok(Buffer.from(downloaded.data as unknown as ArrayBuffer).equals(bytes), 'byte-identical');
  assert.equal((await dave.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id })).data.download_count, 1);

  // Publish: the tag is created at target_commitish, published + released are announced.
  const main = (await dave.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
  const published = (await dave.rest.repos.updateRelease({ owner, repo, release_id: draft.id, draft: false })).data;
  assert.deepEqual([published.draft, published.immutable, typeof published.published_at], [false, true, 'string']);
  assert.equal((await dave.rest.git.getRef({ owner, repo, ref: 'tags/model-v1.0.0' })).data.object.sha, main);
  assert.equal((await erin.rest.repos.getReleaseByTag({ owner, repo, tag: 'model-v1.0.0' })).data.id, draft.id);
  assert.equal((await erin.rest.repos.getLatestRelease({ owner, repo })).data.id, draft.id);
  const browser = await fetch(published.assets.find((a) => a.name === 'metrics.json')!.browser_download_url);
  assert.deepEqual([browser.status, Buffer.from(await browser.arrayBuffer()).equals(metrics)], [200, true]);

  const retag = await statusOf(plain.rest.repos.updateRelease({ owner, repo, release_id: draft.id, tag_name: 'model-v1.0.1' }));
  assert.equal(retag.status, 422, 'a published release keeps its tag');
  const edited = (await dave.rest.repos.updateRelease({ owner, repo, release_id: draft.id, body: 'AUC 0.92' })).data;
  assert.deepEqual([edited.tag_name, edited.body], ['model-v1.0.0', 'AUC 0.92']);

  const duplicate = await statusOf(plain.rest.repos.createRelease({ owner, repo, tag_name: 'model-v1.0.0' }));
  assert.equal(duplicate.status, 422);
  assert.deepEqual((duplicate.data as { errors: unknown[] }).errors, [{ resource: 'Release', field: 'tag_name', code: 'already_exists' }]);

  const pre = (await dave.rest.repos.createRelease({ owner, repo, tag_name: 'model-v2.0.0-rc1', prerelease: true })).data;
  assert.equal((await dave.rest.repos.getLatestRelease({ owner, repo })).data.id, draft.id, 'a prerelease is never latest');
  assert.deepEqual((await dave.rest.repos.listReleases({ owner, repo })).data.map((r) => r.tag_name), ['model-v2.0.0-rc1', 'model-v1.0.0']);

  assert.equal((await dave.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: asset.id })).status, 204);
  assert.equal((await statusOf(dave.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id }))).status, 404);
  assert.equal((await dave.rest.repos.deleteRelease({ owner, repo, release_id: pre.id })).status, 204);
  assert.equal((await statusOf(dave.rest.repos.getRelease({ owner, repo, release_id: pre.id }))).status, 404);
  assert.equal((await dave.rest.git.getRef({ owner, repo, ref: 'tags/model-v2.0.0-rc1' })).status, 200, 'deleting a release keeps its tag');

  await sandbox.waitForDeliveries();
  const hooks = receiver.received.filter((r) => r.event === 'release');
  assert.deepEqual(hooks.map((h) => `${h.payload.release.tag_name}:${h.action}`), [
    'model-v1.0.0:created',
    'model-v1.0.0:published',
    'model-v1.0.0:released',
    'model-v1.0.0:edited',
    'model-v2.0.0-rc1:created',
    'model-v2.0.0-rc1:published',
    'model-v2.0.0-rc1:prereleased',
    'model-v2.0.0-rc1:deleted',
  ]);
  assert.deepEqual(hooks[3]!.payload.changes, { body: { from: 'AUC 0.91' } });
  assert.deepEqual(validateHooks(hooks), []);
  assert.deepEqual(checker.failures, []);
});

test('readers cannot create releases; outsiders cannot upload; unknown targets are refused', async () => {
  const erin = await statusOf(octokitFor(sandbox, 'erin').rest.repos.createRelease({ owner, repo, tag_name: 'v9' }));
  assert.deepEqual([erin.status, erin.message.startsWith('Must have push access')], [403, true]);
  const dave = octokitFor(sandbox, 'dave');
  assert.equal((await statusOf(dave.rest.repos.createRelease({ owner, repo, tag_name: 'v9', target_commitish: 'no-such-branch' }))).status, 422);
  const release = (await dave.rest.repos.createRelease({ owner, repo, tag_name: 'v9' })).data;
  const upload = (user: string) =>
    statusOf(octokitFor(sandbox, user).rest.repos.uploadReleaseAsset({ owner, repo, release_id: release.id, name: 'x.bin', data: 'x', baseUrl: `${sandbox.github}/uploads` }));
  assert.equal((await upload('mallory')).status, 403);
  assert.equal((await upload('erin')).status, 403);
  assert.equal((await upload('bob')).status, 0);
});

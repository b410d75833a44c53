import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  championOf, firstSuccessOf, planRegistration, resolveVersion, rollbackTarget, type RegistryRelease, type StageDeployment, type StageStatus,
} from '../../../lib/registry/index.js';

let nextId = 100;
const status = (state: StageStatus['state'], at: string): StageStatus => ({ id: nextId++, state, description: '', creator: 'app', createdAt: at });
const deploy = (id: number, environment: string, version: string, ...statuses: StageStatus[]): StageDeployment => ({
  id, environment, ref: `churn/v${version}`, sha: 'f'.repeat(40), creator: 'mlops[bot]', createdAt: '2026-01-01T00:00:00Z', payload: { mlops: 1, model: 'churn', version, tag: `churn/v${version}` }, statuses,
});
const release = (version: string, extra: Partial<RegistryRelease> = {}): RegistryRelease => ({
  id: Number(version.replaceAll('.', '')), tag: `churn/v${version}`, model: 'churn', version, draft: false, prerelease: false, createdAt: '2026-01-01T00:00:00Z', publishedAt: '2026-01-01T00:00:00Z', url: `https://x/churn/v${version}`, assets: [], ...extra,
});

// production: 1.0.0 ok → 1.1.0 ok (1.0.0 inactive) → 1.2.0 failed → 1.1.0 re-deployed ok
const history = [
  deploy(1, 'churn-production', '1.0.0', status('success', '2026-01-01T01:00:00Z'), status('inactive', '2026-01-02T00:00:00Z')),
  deploy(2, 'churn-production', '1.1.0', status('pending', '2026-01-02T00:00:00Z'), status('success', '2026-01-02T00:00:01Z')),
  deploy(3, 'churn-production', '1.2.0', status('failure', '2026-01-03T00:00:00Z')),
  deploy(4, 'churn-staging', '1.2.0', status('success', '2026-01-02T12:00:00Z')),
  deploy(5, 'churn-production', '1.1.0', status('success', '2026-01-04T00:00:00Z')),
];

test('the champion is the newest deployment that ever succeeded; failures never count', () => {
  assert.equal(championOf(history, 'churn-production')?.deployment.id, 5);
  assert.equal(championOf(history, 'churn-production')?.version, '1.1.0');
  assert.equal(championOf(history.slice(0, 3), 'churn-production')?.deployment.id, 2);
  assert.equal(championOf(history, 'churn-staging')?.version, '1.2.0');
  assert.equal(championOf(history, 'churn-shadow'), undefined);
  assert.equal(firstSuccessOf(history, 'churn-production', '1.1.0'), '2026-01-02T00:00:01Z');
  assert.equal(firstSuccessOf(history, 'churn-production', '1.2.0'), undefined);
});

test('rollback goes to the previous successful version, skipping re-deploys of the current one', () => {
  const r = rollbackTarget(history, 'churn-production');
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual([r.from.deployment.id, r.from.version, r.to.deployment.id, r.to.version], [5, '1.1.0', 1, '1.0.0']);
  assert.deepEqual(rollbackTarget(history, 'churn-staging'), { ok: false, reason: 'churn-staging has had no version other than 1.2.0: nothing to roll back to' });
  assert.deepEqual(rollbackTarget([], 'churn-staging'), { ok: false, reason: 'churn-staging has no successful deployment to roll back from' });
});

test('specs resolve through published releases and stage champions', () => {
  const releases = [release('1.0.0'), release('1.1.0'), release('1.2.0', { prerelease: true }), release('1.3.0', { draft: true })];
  const at = (spec: Parameters<typeof resolveVersion>[0]) => {
    const r = resolveVersion(spec, releases, history);
    return r.ok ? `${r.via}:${r.release.version}` : `no:${r.reason}`;
  };
  assert.equal(at({ model: 'churn', kind: 'stage', stage: 'production' }), 'stage:1.1.0');
  assert.equal(at({ model: 'churn', kind: 'stage', stage: 'staging' }), 'stage:1.2.0');
  assert.equal(at({ model: 'churn', kind: 'latest' }), 'latest:1.2.0');
  assert.equal(at({ model: 'churn', kind: 'version', version: '1.0.0' }), 'version:1.0.0');
  assert.equal(at({ model: 'churn', kind: 'version', version: '1.3.0' }), 'no:churn/v1.3.0 is not a published version');
  assert.equal(at({ model: 'churn', kind: 'stage', stage: 'shadow' }), 'no:stage shadow of churn (environment churn-shadow) has no successful deployment');
  assert.equal(at({ model: 'iris', kind: 'latest' }), 'no:model iris has no published version');
});

test('registration plans: new version, resume a draft (bad and missing assets), done, damaged', () => {
  const wanted = [{ name: 'model.onnx', sha256: 'a'.repeat(64), bytes: 10 }, { name: 'lineage.json', sha256: 'b'.repeat(64), bytes: 5 }];
  const asset = (id: number, name: string, bytes: number, sha256: string) => ({ id, name, bytes, sha256, url: `u${id}` });
  const fresh = planRegistration({ model: 'churn', sha: 'm2', bump: 'minor', releases: [release('1.0.0', { marker: { model: 'churn', version: '1.0.0', sha: 'm1' } })], assets: wanted });
  assert.deepEqual(fresh, { version: '1.1.0', tag: 'churn/v1.1.0', done: false, remove: [], upload: wanted, damaged: [] });

  const draft = release('1.1.0', { draft: true, marker: { model: 'churn', version: '1.1.0', sha: 'm2' }, assets: [asset(1, 'model.onnx', 10, 'c'.repeat(64)), asset(2, 'stray.txt', 1, 'd'.repeat(64))] });
  const resumed = planRegistration({ model: 'churn', sha: 'm2', bump: 'major', releases: [release('1.0.0'), draft], assets: wanted });
  assert.equal(resumed.version, '1.1.0');
  assert.equal(resumed.release, draft);
  assert.deepEqual(resumed.remove.map((a) => a.name), ['model.onnx', 'stray.txt']);
  assert.deepEqual(resumed.upload.map((a) => a.name), ['model.onnx', 'lineage.json']);

  const published = release('1.1.0', { marker: { model: 'churn', version: '1.1.0', sha: 'm2' }, assets: [asset(3, 'model.onnx', 10, 'a'.repeat(64)), asset(4, 'lineage.json', 5, 'b'.repeat(64))] });
  assert.equal(planRegistration({ model: 'churn', sha: 'm2', bump: 'minor', releases: [published], assets: wanted }).done, true);
  const damaged = { ...published, assets: [published.assets[0]!] };
  assert.deepEqual(planRegistration({ model: 'churn', sha: 'm2', bump: 'minor', releases: [damaged], assets: wanted }).damaged, ['lineage.json']);
  // another model's releases never count towards this model's versions
  assert.equal(planRegistration({ model: 'iris', sha: 'x', bump: 'minor', releases: [published], assets: [] }).version, '1.0.0');
});

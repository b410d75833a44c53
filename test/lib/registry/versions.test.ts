import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../lib/errors.js';
import {
  environmentName, formatVersionSpec, nextVersion, parseReleaseMarker, parseVersionSpec, parseVersionTag, releaseMarker, sortVersionsDescending, versionTag,
} from '../../../lib/registry/index.js';
import { bumpFromLabels } from '../../../lib/governance/index.js';

test('tags are <model>/v<semver> and parse back; other tags are not versions', () => {
  assert.equal(versionTag('churn', '1.3.0'), 'churn/v1.3.0');
  assert.equal(versionTag('churn', 'v2.0.0'), 'churn/v2.0.0');
  assert.deepEqual(parseVersionTag('churn/v1.3.0'), { model: 'churn', version: '1.3.0' });
  assert.deepEqual(parseVersionTag('retention-offer/v0.1.2'), { model: 'retention-offer', version: '0.1.2' });
  for (const tag of ['v1.3.0', 'churn/1.3.0', 'churn/v1.3', 'churn/v01.3.0', 'a/b/v1.0.0', 'churn/vx']) assert.equal(parseVersionTag(tag), undefined, tag);
  assert.throws(() => versionTag('churn', '1.3'), BadInputError);
  assert.throws(() => versionTag('bad name', '1.3.0'), BadInputError);
  assert.equal(environmentName('churn', 'production'), 'churn-production');
  assert.deepEqual(sortVersionsDescending(['1.2.0', '1.10.0', '1.9.3', '2.0.0']), ['2.0.0', '1.10.0', '1.9.3', '1.2.0']);
});

test('version specs: stage, version (three spellings), latest; garbage is bad input', () => {
  assert.deepEqual(parseVersionSpec('churn@production'), { model: 'churn', kind: 'stage', stage: 'production' });
  assert.deepEqual(parseVersionSpec('churn@1.3.0'), { model: 'churn', kind: 'version', version: '1.3.0' });
  assert.deepEqual(parseVersionSpec('churn@v1.3.0'), { model: 'churn', kind: 'version', version: '1.3.0' });
  assert.deepEqual(parseVersionSpec('churn/v1.3.0'), { model: 'churn', kind: 'version', version: '1.3.0' });
  assert.deepEqual(parseVersionSpec('churn@latest'), { model: 'churn', kind: 'latest' });
  assert.equal(formatVersionSpec(parseVersionSpec('churn@v1.3.0')), 'churn/v1.3.0');
  for (const bad of ['churn', '@prod', 'churn@', 'churn@pro duction', 'ch urn@prod']) {
    assert.throws(() => parseVersionSpec(bad), (e: unknown) => e instanceof BadInputError && e.code === 'bad-version-spec', bad);
  }
});

test('next version: 1.0.0 first, then the highest bumped; bump from labels, minor by default, largest wins', () => {
  assert.equal(nextVersion([], 'minor'), '1.0.0');
  assert.equal(nextVersion([], 'major'), '1.0.0');
  assert.equal(nextVersion(['1.0.0', '1.2.0', '1.10.1'], 'minor'), '1.11.0');
  assert.equal(nextVersion(['1.0.0'], 'patch'), '1.0.1');
  assert.equal(nextVersion(['1.4.2'], 'major'), '2.0.0');
  assert.deepEqual(bumpFromLabels(['bug']), { bump: 'minor', reason: 'no mlops:major|minor|patch label: minor by default' });
  assert.deepEqual(bumpFromLabels(['MLOPS:PATCH']), { bump: 'patch', reason: 'label mlops:patch' });
  assert.deepEqual(bumpFromLabels(['mlops:patch', 'mlops:major']), { bump: 'major', reason: 'labels mlops:major, mlops:patch: the largest, major, wins' });
});

test('the release marker round-trips and damaged markers read as none', () => {
  const body = `${releaseMarker({ model: 'churn', version: '1.1.0', sha: 'abc', pr: 7, run: 99 })}\nnotes`;
  assert.equal(body.split('\n')[0], '<!-- mlops:release {"model":"churn","version":"1.1.0","sha":"abc","pr":7,"run":99} -->');
  assert.deepEqual(parseReleaseMarker(body), { model: 'churn', version: '1.1.0', sha: 'abc', pr: 7, run: 99 });
  assert.equal(parseReleaseMarker('<!-- mlops:release {"model":"churn"} -->'), undefined);
  assert.equal(parseReleaseMarker('<!-- mlops:release {oops} -->'), undefined);
  assert.equal(parseReleaseMarker(null), undefined);
});

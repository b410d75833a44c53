import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstProductionTimes, productionChanges, productionModel } from '../../../lib/metrics/production-history.js';
import type { StageDeployment } from '../../../lib/registry/types.js';

function d(id: number, ref: string, success: string | null, payload: unknown = null, environment = 'churn-production'): StageDeployment {
  return {
    id, environment, ref, sha: 'f'.repeat(40), creator: 'app', createdAt: '2026-11-01T00:00:00Z', payload,
    statuses: success === null ? [] : [{ id: id * 10 + 1, state: 'success', description: '', creator: 'app', createdAt: success }, { id: id * 10 + 2, state: 'inactive', description: '', creator: 'app', createdAt: '2026-12-30T00:00:00Z' }],
  };
}

test('productionModel: the model of a `<model>-<stage>` environment, only for the production stage', () => {
  assert.equal(productionModel('churn-production', 'production'), 'churn');
  assert.equal(productionModel('fraud-v2-production', 'production'), 'fraud-v2');
  assert.equal(productionModel('churn-staging', 'production'), undefined);
  assert.equal(productionModel('-production', 'production'), undefined);
  assert.equal(productionModel('churn-prod', 'prod'), 'churn');
});

test('productionChanges: ordered by first success; a lower version is a rollback even without the payload marker', () => {
  const changes = productionChanges([
    d(3, 'churn/v1.0.0', '2026-11-03T00:00:00Z'), // not a gh-mlops payload: the tag names the version
    d(1, 'churn/v1.0.0', '2026-11-01T00:00:00Z'),
    d(2, 'churn/v1.1.0', '2026-11-02T00:00:00Z'),
    d(4, 'churn/v1.3.0', null), // never succeeded
    d(5, 'main', '2026-11-04T00:00:00Z'), // not a model version
  ], 'production');
  assert.deepEqual(changes.map((c) => [c.deploymentId, c.version, c.rollback, c.at]), [
    [1, '1.0.0', false, '2026-11-01T00:00:00Z'],
    [2, '1.1.0', false, '2026-11-02T00:00:00Z'],
    [3, '1.0.0', true, '2026-11-03T00:00:00Z'],
  ]);
  assert.deepEqual([...firstProductionTimes(changes)], [['churn/1.0.0', '2026-11-01T00:00:00Z'], ['churn/1.1.0', '2026-11-02T00:00:00Z']]);
});

test('productionChanges: the payload version wins over the ref, and rollback_of marks a rollback', () => {
  const changes = productionChanges([
    d(1, 'churn/v2.0.0', '2026-11-01T00:00:00Z', { mlops: 1, model: 'churn', version: '2.0.0', tag: 'churn/v2.0.0' }),
    d(2, 'deadbeef', '2026-11-02T00:00:00Z', { mlops: 1, model: 'churn', version: '2.1.0', tag: 'churn/v2.1.0', rollback_of: '2.2.0' }),
  ], 'production');
  assert.deepEqual(changes.map((c) => [c.version, c.rollback]), [['2.0.0', false], ['2.1.0', true]]);
});

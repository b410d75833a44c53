import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, clientToken, isThrottle, launchCandidates, runnerNameFor } from '../../../lib/runners/launch-plan.js';

test('candidates: Spot phase first, then on-demand; types in order, subnets within a type', () => {
  assert.deepEqual(
    launchCandidates(['g5.xlarge', 'g4dn.xlarge'], ['a', 'b'], 'spot-then-on-demand').map((c) => `${c.index} ${c.market} ${c.instanceType} ${c.subnetId}`),
    ['0 spot g5.xlarge a', '1 spot g5.xlarge b', '2 spot g4dn.xlarge a', '3 spot g4dn.xlarge b', '4 on-demand g5.xlarge a', '5 on-demand g5.xlarge b', '6 on-demand g4dn.xlarge a', '7 on-demand g4dn.xlarge b'],
  );
  assert.deepEqual(launchCandidates(['g6.xlarge'], [], 'on-demand'), [{ index: 0, instanceType: 'g6.xlarge', subnetId: undefined, market: 'on-demand' }]);
  assert.deepEqual(launchCandidates([], ['a'], 'spot'), []);
});

test('ClientToken: deterministic per run, attempt, label and index; ≤ 64 characters', () => {
  const id = { runId: '987654321', attempt: 2, label: 'gpu' };
  assert.match(clientToken(id, 3), /^mlops-987654321-2-[0-9a-f]{12}-3$/);
  assert.equal(clientToken(id, 3), clientToken({ ...id }, 3));
  assert.notEqual(clientToken(id, 3), clientToken({ ...id, attempt: 3 }, 3));
  assert.notEqual(clientToken(id, 3), clientToken({ ...id, label: 'gpu2' }, 3));
  assert.ok(clientToken({ runId: '9'.repeat(60), attempt: 99, label: 'x'.repeat(200) }, 99).length <= 64);
  assert.match(runnerNameFor(id), /^mlops-987654321-2-[0-9a-f]{8}$/);
});

test('backoff: full jitter under an exponential cap', () => {
  assert.deepEqual([0, 1, 2, 3, 10].map((r) => backoffMs(r, () => 0.5)), [250, 500, 1000, 2000, 10_000]);
  assert.equal(backoffMs(2, () => 0), 0);
  assert.equal(backoffMs(2, () => 0.999999), 1999);
  assert.deepEqual(['RequestLimitExceeded', 'InsufficientInstanceCapacity'].map(isThrottle), [true, false]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../lib/errors.js';
import { lockMessage, lockRefName, lockRefPath, lockState, newLockRecord, parseLockMessage } from '../../../lib/locks/index.js';

const t0 = Date.parse('2026-01-01T00:00:00.000Z');

test('lock keys become refs under refs/mlops/locks/, and keys git refuses are bad input', () => {
  assert.equal(lockRefName('promote/churn/production'), 'refs/mlops/locks/promote/churn/production');
  assert.equal(lockRefPath('comment/pr-12'), 'mlops/locks/comment/pr-12');
  for (const bad of ['', '../x', 'a//b', 'a b', '.hidden', 'x.lock', 'a/b.lock/c', 'a@{1}', 'a~1', 'x'.repeat(201)]) {
    assert.throws(() => lockRefName(bad), (e: unknown) => e instanceof BadInputError && e.code === 'bad-lock-key', bad);
  }
});

test('the commit message records holder and TTL and reads back exactly', () => {
  const record = newLockRecord('promote/churn/production', 'app:delivery-42', t0, 90_000);
  const message = lockMessage(record);
  assert.equal(
    message,
    'mlops-lock\n\nkey: promote/churn/production\nholder: app:delivery-42\nacquired: 2026-01-01T00:00:00.000Z\nexpires: 2026-01-01T00:01:30.000Z\n',
  );
  assert.deepEqual(parseLockMessage(message), { key: 'promote/churn/production', holder: 'app:delivery-42', acquiredAt: t0, expiresAt: t0 + 90_000 });
  assert.equal(parseLockMessage('Merge pull request #3'), undefined);
  assert.equal(parseLockMessage('mlops-lock\n\nkey: a\nholder: b\nacquired: soon\nexpires: later\n'), undefined);
  assert.throws(() => newLockRecord('k', 'h', t0, 0), BadInputError);
});

test('a lock is held until its expiry instant, then expired; a foreign commit is unreadable', () => {
  const message = lockMessage(newLockRecord('k', 'h', t0, 60_000));
  assert.deepEqual(lockState(message, t0 + 59_999), { state: 'held', record: parseLockMessage(message), remainingMs: 1 });
  assert.deepEqual(lockState(message, t0 + 60_000), { state: 'expired', record: parseLockMessage(message), expiredForMs: 0 });
  assert.deepEqual(lockState('initial commit', t0), { state: 'unreadable' });
});

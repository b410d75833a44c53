import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sandbox } from '../../../sandbox/index.js';
import { owner, repo, useSandboxWithReceiver, type Receiver } from './actions-fixtures.js';
import { octokitFor, statusOf } from './helpers.js';

let sandbox: Sandbox;
let receiver: Receiver;
useSandboxWithReceiver((s, r) => {
  sandbox = s;
  receiver = r;
});

test('repository_dispatch delivers the event type as the action, with the client payload and the default branch', async () => {
  const res = await octokitFor(sandbox, 'dave').rest.repos.createDispatchEvent({ owner, repo, event_type: 'mlops-drift', client_payload: { model: 'churn', share: 0.6 } });
  assert.equal(res.status, 204);
  await sandbox.waitForDeliveries();
  const delivery = receiver.received.find((d) => d.event === 'repository_dispatch');
  assert.ok(delivery, 'a repository_dispatch delivery');
  assert.deepEqual([delivery.action, delivery.payload.branch, delivery.payload.client_payload], ['mlops-drift', 'main', { model: 'churn', share: 0.6 }]);
  assert.equal(delivery.payload.sender.login, 'dave');
});

test('repository_dispatch needs write access and GitHub-valid input', async () => {
  const erin = await statusOf(octokitFor(sandbox, 'erin').rest.repos.createDispatchEvent({ owner, repo, event_type: 'mlops-drift' }));
  assert.equal(erin.status, 403);
  const dave = octokitFor(sandbox, 'dave');
  assert.equal((await statusOf(dave.rest.repos.createDispatchEvent({ owner, repo, event_type: '' }))).status, 422);
  assert.equal((await statusOf(dave.rest.repos.createDispatchEvent({ owner, repo, event_type: 'x'.repeat(101) }))).status, 422);
  const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
  assert.equal((await statusOf(dave.rest.repos.createDispatchEvent({ owner, repo, event_type: 'mlops-drift', client_payload: eleven }))).status, 422);
});

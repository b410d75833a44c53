import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { webhookActions, webhookEvents, webhookExample } from '../../fixtures/webhooks/index.js';

interface PullRequestOpened {
  action: string;
  number: number;
  pull_request: { state: string; head: { sha: string }; base: { ref: string } };
  repository: { full_name: string };
}

describe('webhookExample', () => {
  it('returns a real pull_request.opened payload', () => {
    const payload = webhookExample<PullRequestOpened>('pull_request', 'opened');
    assert.equal(payload.action, 'opened');
    assert.equal(payload.pull_request.state, 'open');
    assert.match(payload.pull_request.head.sha, /^[0-9a-f]{40}$/);
    assert.equal(typeof payload.number, 'number');
    assert.match(payload.repository.full_name, /^[^/]+\/[^/]+$/);
  });

  it('returns a deep copy each time', () => {
    const a = webhookExample<PullRequestOpened>('pull_request', 'opened');
    a.pull_request.base.ref = 'mutated';
    assert.notEqual(webhookExample<PullRequestOpened>('pull_request', 'opened').pull_request.base.ref, 'mutated');
  });

  it('serves action-less events and lists what exists when nothing matches', () => {
    assert.ok(webhookEvents().includes('workflow_run'));
    assert.equal(typeof webhookExample<{ ref: string }>('push').ref, 'string');
    assert.ok(webhookActions('pull_request').includes('synchronize'));
    assert.throws(() => webhookExample('pull_request', 'exploded'), /no "pull_request" webhook example with action "exploded"; available actions: assigned, .*opened.*synchronize/);
    assert.throws(() => webhookExample('nope'), /no webhook examples for event "nope"; known events: .*pull_request/);
  });
});

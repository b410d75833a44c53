import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandsFor, decidePermission, decideTarget, editDistance, helpText, ignoreReason, nearest } from '../../../lib/chatops/index.js';

test('permission ladder: read → help/compare, triage → ack, write → evaluate/train/retrain, maintain → promote/rollback', () => {
  assert.deepEqual(commandsFor('none'), []);
  assert.deepEqual(commandsFor('read'), ['help', 'compare']);
  assert.deepEqual(commandsFor('triage'), ['help', 'compare', 'ack']);
  assert.deepEqual(commandsFor('write'), ['help', 'evaluate', 'train', 'retrain', 'compare', 'ack']);
  assert.deepEqual(commandsFor('maintain'), ['help', 'evaluate', 'train', 'promote', 'rollback', 'retrain', 'compare', 'ack']);
  assert.deepEqual(commandsFor('admin'), commandsFor('maintain'));
  assert.deepEqual(decidePermission('promote', 'erin', 'read'), { allowed: false, reason: '@erin has the read role, and `/mlops promote` needs maintain or higher' });
  assert.deepEqual(decidePermission('promote', 'bob', 'maintain'), { allowed: true, reason: '@bob has the maintain role; `promote` needs maintain' });
  assert.equal(decidePermission('help', 'mallory', 'none').reason, '@mallory has no role on this repository, and `/mlops help` needs read or higher');
  assert.equal(decidePermission('ack', 'carol', 'triage').allowed, true);
  assert.equal(decidePermission('train', 'carol', 'triage').allowed, false);
});

test('ignored comments: edits, deletions, bots (ours included)', () => {
  const person = { login: 'dave', type: 'User' };
  assert.equal(ignoreReason({ action: 'created', body: '/mlops help', author: person, sender: person }), undefined);
  assert.equal(ignoreReason({ action: 'edited', body: '/mlops help', author: person }), 'comment edited: only new comments run commands (an edit never runs one twice)');
  assert.equal(ignoreReason({ action: 'created', body: '/mlops help', author: { login: 'gh-mlops[bot]', type: 'Bot' } }), 'comment by the bot @gh-mlops[bot]');
  assert.equal(ignoreReason({ action: 'created', body: '/mlops help', author: { login: 'renovate[bot]', type: 'User' } }), 'comment by the bot @renovate[bot]');
});

test('targets: fork PRs refused for code-running commands, moved heads refused, places enforced', () => {
  const pr = { kind: 'pull-request' as const, fork: false, state: 'open' as const, headCommittedAt: '2026-01-01T10:00:00Z', commentedAt: '2026-01-01T10:05:00Z' };
  assert.deepEqual(decideTarget('train', pr), { ok: true });
  const fork = decideTarget('train', { ...pr, fork: true });
  assert.equal(fork.ok, false);
  assert.equal(!fork.ok && fork.code, 'fork');
  assert.match(!fork.ok ? fork.reason : '', /^this pull request comes from a fork: `\/mlops train` would run its code on this repository's runners/);
  assert.deepEqual(decideTarget('promote', { ...pr, fork: true }), { ok: true }, 'promote runs no PR code');
  assert.deepEqual(decideTarget('evaluate', { ...pr, headCommittedAt: '2026-01-01T10:05:01Z' }), {
    ok: false,
    code: 'head-moved',
    reason: 'the PR head moved after the comment was written (head committed 2026-01-01T10:05:01Z, comment 2026-01-01T10:05:00Z): review the new commits and comment the command again to run it on the new head',
  });
  assert.deepEqual(decideTarget('train', { ...pr, headCommittedAt: pr.commentedAt }), { ok: true }, 'same second: not after');
  assert.equal((decideTarget('train', { kind: 'issue' }) as { code: string }).code, 'wrong-place');
  assert.equal((decideTarget('ack', { kind: 'issue', driftIssue: false }) as { code: string }).code, 'wrong-place');
  assert.deepEqual(decideTarget('ack', { kind: 'issue', driftIssue: true }), { ok: true });
  assert.equal((decideTarget('train', { ...pr, state: 'closed' }) as { code: string }).code, 'closed');
});

test('nearest command: edit distance with swaps, no wild guesses', () => {
  assert.equal(editDistance('promtoe', 'promote'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(nearest('rollbak', ['rollback', 'retrain']), 'rollback');
  assert.equal(nearest('ak', ['ack', 'help']), 'ack');
  assert.equal(nearest('xyz', ['ack', 'help']), undefined);
});

test('help: the ladder per role, the problem and the suggestion first', () => {
  const text = helpText({ role: 'write', problem: 'unknown command `promtoe`', suggestion: 'promote' });
  const lines = text.split('\n');
  assert.equal(lines[0], '⚠️ unknown command `promtoe`. Did you mean `/mlops promote`?');
  assert.ok(lines.includes('| `/mlops train [--model NAME] [key=value …]` | train on the PR head with these parameters (not on fork PRs) | write+ ✅ |'));
  assert.ok(lines.includes('| `/mlops promote <model> <version> to <stage>` | deploy a registered version to a stage (policy-checked) | maintain+ — |'));
  assert.equal(helpText({ role: 'read', topic: 'ack' }).split('\n').filter((l) => l.startsWith('| `')).length, 1);
});

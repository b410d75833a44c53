import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideRegistration, evaluateApprovals, modelsTouched, ownersOf, ownersOfPaths, parseCodeowners, requiredOwners, roleAtLeast, roleFromPermission, type Review,
} from '../../../lib/governance/index.js';

const head = 'h'.repeat(40);
const old = 'o'.repeat(40);
const review = (id: number, user: string, state: Review['state'], commitId = head): Review => ({ id, user, state, commitId });
const rules = { required: 2, requireOwner: true, changesRequestedBlocks: true, owners: ['bob'], ownerLabel: '@bob' };

test('approvals count only on the head commit; stale ones are named', () => {
  const d = evaluateApprovals([review(1, 'bob', 'APPROVED'), review(2, 'dave', 'APPROVED', old)], head, 'carol', rules);
  assert.deepEqual(d, {
    ok: false, approvedBy: ['bob'], stale: ['dave'], changesRequested: [], ownerApproved: true,
    problems: ['1 of 2 required approvals on head hhhhhhh (@dave approved an older commit)'],
  });
  const ok = evaluateApprovals([review(1, 'bob', 'APPROVED'), review(2, 'dave', 'APPROVED', old), review(3, 'dave', 'APPROVED')], head, 'carol', rules);
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.approvedBy, ['bob', 'dave']);
});

test('a later "changes requested" blocks; a later approval lifts it; comments decide nothing; the author cannot approve', () => {
  const blocked = evaluateApprovals([review(1, 'bob', 'APPROVED'), review(2, 'dave', 'APPROVED'), review(3, 'dave', 'CHANGES_REQUESTED'), review(4, 'dave', 'COMMENTED')], head, 'carol', rules);
  assert.deepEqual(blocked.problems, ['1 of 2 required approvals on head hhhhhhh', 'changes requested by @dave']);
  const lifted = evaluateApprovals([review(1, 'bob', 'APPROVED'), review(3, 'dave', 'CHANGES_REQUESTED'), review(5, 'dave', 'APPROVED')], head, 'carol', rules);
  assert.equal(lifted.ok, true);
  const own = evaluateApprovals([review(1, 'carol', 'APPROVED'), review(2, 'dave', 'APPROVED')], head, 'carol', { ...rules, required: 1, owners: ['carol'], ownerLabel: '@carol' });
  assert.deepEqual(own.problems, ['no approval on head hhhhhhh from the owner @carol']);
  const lenient = evaluateApprovals([review(3, 'dave', 'CHANGES_REQUESTED')], head, 'carol', { ...rules, required: 0, requireOwner: false, changesRequestedBlocks: false });
  assert.equal(lenient.ok, true);
});

test('roles come from role_name (maintain and triage survive); custom roles fall back to permission', () => {
  assert.equal(roleFromPermission({ permission: 'write', role_name: 'maintain' }), 'maintain');
  assert.equal(roleFromPermission({ permission: 'read', role_name: 'triage' }), 'triage');
  assert.equal(roleFromPermission({ permission: 'write', role_name: 'ml-deployer' }), 'write');
  assert.equal(roleFromPermission({ permission: 'none', role_name: null }), 'none');
  assert.equal(roleAtLeast('maintain', 'write'), true);
  assert.equal(roleAtLeast('write', 'maintain'), false);
  assert.equal(roleAtLeast('none', 'read'), false);
});

test('CODEOWNERS: gitignore patterns, last match wins; owners resolve through teams when they can be listed', () => {
  const rules = parseCodeowners('# owners\n*            @acme/platform\nmodels/**    @alice @acme/ml-team  # models\n/models/churn/data/ @bob\ndocs/\n');
  assert.deepEqual(rules.map((r) => [r.pattern, r.owners, r.line]), [['*', ['@acme/platform'], 2], ['models/**', ['@alice', '@acme/ml-team'], 3], ['/models/churn/data/', ['@bob'], 4], ['docs/', [], 5]]);
  assert.deepEqual(ownersOf(rules, 'models/churn/train.py'), ['@alice', '@acme/ml-team']);
  assert.deepEqual(ownersOf(rules, 'models/churn/data/x.csv'), ['@bob']);
  assert.deepEqual(ownersOf(rules, 'docs/readme.md'), []);
  assert.deepEqual(ownersOf(rules, 'README.md'), ['@acme/platform']);
  assert.deepEqual(ownersOfPaths(rules, ['models/a.py', 'models/churn/data/x.csv', 'models/b.py']), ['@alice', '@acme/ml-team', '@bob']);
  assert.deepEqual(requiredOwners({ modelOwner: '@acme/ml-team', codeowners: ['@Alice', '@acme/ml-team'], teamMembers: { 'acme/ml-team': ['Dave'] } }), { logins: ['alice', 'dave'], label: '@Alice, @acme/ml-team', source: 'codeowners', unresolvedTeams: [] });
  assert.deepEqual(requiredOwners({ modelOwner: '@acme/ml-team', codeowners: [], teamMembers: {} }), { logins: [], label: '@acme/ml-team', source: 'config', unresolvedTeams: ['@acme/ml-team'] });
});

test('model PRs are those touching a model path; registration needs a merge, a green evaluation with a run id, valid approvals', () => {
  const models = [{ name: 'churn', paths: ['models/churn/**', 'features/churn/**'] }, { name: 'iris', paths: ['models/iris/*.py'] }];
  assert.deepEqual(modelsTouched(models, ['README.md', 'features/churn/a/b.py']), ['churn']);
  assert.deepEqual(modelsTouched(models, ['models/iris/train.py', 'models/churn/x']), ['churn', 'iris']);
  assert.deepEqual(modelsTouched(models, ['models/iris/sub/train.py']), []);
  const okApprovals = evaluateApprovals([review(1, 'bob', 'APPROVED')], head, 'carol', { ...rules, required: 1 });
  const green = { id: 1, status: 'completed', conclusion: 'success', runId: 77 };
  assert.deepEqual(decideRegistration({ merged: true, check: green, approvals: okApprovals }), { register: true, reasons: [] });
  assert.deepEqual(decideRegistration({ merged: false, check: green, approvals: okApprovals }), { register: false, reasons: ['the pull request was closed without merging'] });
  assert.deepEqual(decideRegistration({ merged: true, check: { ...green, conclusion: 'failure' }, approvals: okApprovals }).reasons, ['"mlops / evaluation" concluded failure']);
  assert.deepEqual(decideRegistration({ merged: true, check: undefined, approvals: okApprovals }).reasons, ['no "mlops / evaluation" check run on the head commit']);
  assert.deepEqual(decideRegistration({ merged: true, check: { ...green, status: 'in_progress', conclusion: null }, approvals: okApprovals }).reasons, ['"mlops / evaluation" is in_progress, not completed']);
});
